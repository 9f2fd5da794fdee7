/* bench-canvas.c — layout and rendering figures of SyCanvas on a 2,000-node workflow
 *
 * Run under Xvfb with GSK_RENDERER=cairo:
 *   meson compile -C _build bench/canvas
 *   GSK_RENDERER=cairo xvfb-run -a _build/bench/canvas
 * Prints layout time, first frame, full-frame render times at several zooms
 * and the cost of an edit at the far end (cards re-measured, layout, frame).
 */
#include "config.h"

#include <adwaita.h>

#include "sy-canvas.h"

#define TARGET_NODES 2000

static guint n_made;

static void
add (SyWorkflow *workflow,
     GPtrArray  *chain,
     SyNode     *parent,
     const char *branch,
     const char *type)
{
  g_autofree char *key = g_strdup_printf ("n%u", n_made++);
  g_autoptr(SyNode) node = sy_node_new (key, type);

  sy_node_chain_insert (chain, parent, branch, chain->len, node);
}

/* A block of ~20 nodes: a chain, a condition holding a parallel, a loop. */
static void
add_block (SyWorkflow *workflow,
           GPtrArray  *chain)
{
  g_autofree char *ck = g_strdup_printf ("n%u", n_made++);
  g_autofree char *pk = g_strdup_printf ("n%u", n_made++);
  g_autoptr(SyNode) condition = sy_node_new (ck, "condition");
  g_autoptr(SyNode) parallel = sy_node_new (pk, "parallel");

  add (workflow, chain, NULL, NULL, "calculation");
  add (workflow, chain, NULL, NULL, "variable");
  sy_node_chain_insert (chain, NULL, NULL, chain->len, condition);
  for (int i = 0; i < 3; i++)
    add (workflow, sy_node_ensure_branch (condition, "true"), condition, "true", "calculation");
  sy_node_chain_insert (sy_node_ensure_branch (condition, "true"), condition, "true", 3, parallel);
  for (int b = 1; b <= 3; b++)
    {
      g_autofree char *name = g_strdup_printf ("%d", b);

      for (int i = 0; i < 3; i++)
        add (workflow, sy_node_ensure_branch (parallel, name), parallel, name, "calculation");
    }
  add (workflow, sy_node_ensure_branch (condition, "false"), condition, "false", "output");
  add (workflow, sy_node_ensure_branch (condition, "false"), condition, "false", "variable");
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Renders the window's current content once, the way a frame would. */
static double
render_frame (GtkWidget *window)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return ms_since (start);
}

static void
settle (GtkWidget *window)
{
  gtk_test_widget_wait_for_draw (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
report_frames (const char *what,
               GtkWidget  *window)
{
  double best = G_MAXDOUBLE, total = 0;

  for (int i = 0; i < 10; i++)
    {
      double ms = render_frame (window);

      best = MIN (best, ms);
      total += ms;
    }
  g_print ("%-34s %8.2f ms (best) %8.2f ms (mean of 10)\n", what, best, total / 10);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SyWorkflow) workflow = sy_workflow_new ("bench", "Bench", "webhook");
  g_autoptr(SyWorkflowDocument) document = NULL;
  GtkWidget *window, *canvas;
  gint64 start;
  guint measured;
  double layout_ms;

  gtk_init ();
  adw_init ();

  while (n_made < TARGET_NODES)
    add_block (workflow, sy_workflow_get_nodes (workflow));
  sy_workflow_reindex (workflow);
  g_print ("nodes                              %8u\n", sy_workflow_count_nodes (workflow));

  start = g_get_monotonic_time ();
  document = sy_workflow_document_new (workflow);
  g_print ("document (validate)                %8.2f ms\n", ms_since (start));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  canvas = sy_canvas_new ();
  gtk_window_set_child (GTK_WINDOW (window), canvas);

  start = g_get_monotonic_time ();
  sy_canvas_set_document (SY_CANVAS (canvas), document);
  g_print ("build cards                        %8.2f ms\n", ms_since (start));

  gtk_window_present (GTK_WINDOW (window));
  start = g_get_monotonic_time ();
  settle (window);
  g_print ("first frame (measure+layout+draw)  %8.2f ms  (cards measured: %u)\n", ms_since (start),
           sy_canvas_get_n_measured (SY_CANVAS (canvas)));

  /* Layout alone with every card measured already: what a structural edit costs. */
  {
    g_autoptr(JsonNode) json = NULL;
    SyNode *first = sy_workflow_get_head (workflow);

    /* A no-op structural change forces a full re-layout of the cached blocks. */
    json = sy_workflow_document_copy_nodes (document, first, 1);
    (void) json;
  }
  start = g_get_monotonic_time ();
  gtk_widget_queue_allocate (canvas);
  settle (window);
  g_print ("frame after queue_allocate         %8.2f ms\n", ms_since (start));

  report_frames ("full frame, zoom 1.00", window);
  sy_canvas_set_zoom (SY_CANVAS (canvas), 0.5);
  settle (window);
  report_frames ("full frame, zoom 0.50", window);
  sy_canvas_set_zoom (SY_CANVAS (canvas), 0.3);
  settle (window);
  report_frames (sy_canvas_get_drawn_mode (SY_CANVAS (canvas)) ? "full frame, zoom 0.30 (drawn)"
                                                               : "full frame, zoom 0.30", window);
  sy_canvas_set_zoom (SY_CANVAS (canvas), 0.1);
  settle (window);
  report_frames ("full frame, zoom 0.10 (drawn)", window);
  sy_canvas_set_zoom (SY_CANVAS (canvas), 1.0);
  settle (window);

  /* Edit at the far end: insert after the last node of the main chain. */
  {
    GPtrArray *nodes = sy_workflow_get_nodes (workflow);
    g_autoptr(GError) error = NULL;
    graphene_rect_t bounds;
    double edit_ms, relayout_ms;

    measured = sy_canvas_get_n_measured (SY_CANVAS (canvas));
    start = g_get_monotonic_time ();
    sy_workflow_document_insert_node (document, NULL, NULL, nodes->len, "calculation", &error);
    g_assert_no_error (error);
    edit_ms = ms_since (start);
    start = g_get_monotonic_time ();
    sy_canvas_ensure_layout (SY_CANVAS (canvas));
    relayout_ms = ms_since (start);
    start = g_get_monotonic_time ();
    settle (window);
    g_print ("edit at far end: document edit     %8.2f ms (snapshot for undo + validation)\n", edit_ms);
    g_print ("edit at far end: layout            %8.2f ms\n", relayout_ms);
    g_print ("edit at far end: next frame        %8.2f ms\n", ms_since (start));
    g_print ("edit at far end: cards re-measured %8u of %u\n",
             sy_canvas_get_n_measured (SY_CANVAS (canvas)) - measured, sy_workflow_count_nodes (workflow));
    sy_canvas_get_layout_bounds (SY_CANVAS (canvas), &bounds);
    g_print ("layout bounds                      %8.0f × %.0f model px\n", bounds.size.width, bounds.size.height);
    layout_ms = relayout_ms;
  }

  g_print ("targets: layout ≤ 20 ms (%s), full frame ≤ 16 ms (see above)\n", layout_ms <= 20 ? "met" : "MISSED");

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
