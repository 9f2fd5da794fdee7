/* bench-canvas.c — layout and rendering figures of SyCanvas on a 2,000-node workflow
 *
 * Run under Xvfb with GSK_RENDERER=cairo:
 *   meson compile -C _build bench/canvas
 *   GSK_RENDERER=cairo xvfb-run -a _build/bench/canvas
 * Prints layout time, first frame, full-frame render times at several zooms
 * and the cost of edits at the far end (document, layout, next frame).
 *
 * Each figure is the thread's CPU time: on a shared machine wall time mostly
 * measures the other processes. "Full frame" renders the whole window
 * (render_frame); "next frame" is the frame GTK itself makes after a change
 * (layout, allocation, snapshot, and repainting what changed).
 */
#include "config.h"

#include <adwaita.h>

#include "sy-bench.h"
#include "sy-canvas.h"

#define TARGET_NODES 2000

static guint n_made;

static void
add (GPtrArray  *chain,
     SyNode     *parent,
     const char *branch,
     const char *type)
{
  g_autofree char *key = g_strdup_printf ("n%u", n_made++);
  g_autoptr(SyNode) node = sy_node_new (key, type);

  sy_node_chain_insert (chain, parent, branch, chain->len, node);
}

/* A block of ~20 nodes: a chain, a condition holding a parallel. */
static void
add_block (GPtrArray *chain)
{
  g_autofree char *ck = g_strdup_printf ("n%u", n_made++);
  g_autofree char *pk = g_strdup_printf ("n%u", n_made++);
  g_autoptr(SyNode) condition = sy_node_new (ck, "condition");
  g_autoptr(SyNode) parallel = sy_node_new (pk, "parallel");

  add (chain, NULL, NULL, "calculation");
  add (chain, NULL, NULL, "variable");
  sy_node_chain_insert (chain, NULL, NULL, chain->len, condition);
  for (int i = 0; i < 3; i++)
    add (sy_node_ensure_branch (condition, "true"), condition, "true", "calculation");
  sy_node_chain_insert (sy_node_ensure_branch (condition, "true"), condition, "true", 3, parallel);
  for (int b = 1; b <= 3; b++)
    {
      g_autofree char *name = g_strdup_printf ("%d", b);

      for (int i = 0; i < 3; i++)
        add (sy_node_ensure_branch (parallel, name), parallel, name, "calculation");
    }
  add (sy_node_ensure_branch (condition, "false"), condition, "false", "output");
  add (sy_node_ensure_branch (condition, "false"), condition, "false", "variable");
}

/* Renders the window's current content once, the way a frame would. */
static double
render_frame (GtkWidget *window)
{
  double start = sy_bench_thread_cpu_ms ();
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return sy_bench_thread_cpu_ms () - start;
}

/* Lets GTK lay out, allocate and draw what is pending; returns the CPU
 * time that took. */
static double
settle (GtkWidget *window)
{
  double start = sy_bench_thread_cpu_ms ();

  gtk_test_widget_wait_for_draw (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return sy_bench_thread_cpu_ms () - start;
}

static void
report_frames (const char *what,
               GtkWidget  *window,
               SyCanvas   *canvas)
{
  double best = G_MAXDOUBLE, total = 0;

  for (int i = 0; i < 10; i++)
    {
      double ms = render_frame (window);

      best = MIN (best, ms);
      total += ms;
    }
  g_print ("%-36s %8.2f ms (best) %8.2f ms (mean of 10), %u cards\n", what, best, total / 10,
           sy_canvas_get_n_cards (canvas));
}

/* An edit, then the layout and the frame it causes. */
static void
report_edit (const char         *what,
             GtkWidget          *window,
             SyCanvas           *canvas,
             double              edit_ms,
             guint               measured)
{
  double layout_start = sy_bench_thread_cpu_ms (), layout_ms, frame_ms;

  sy_canvas_ensure_layout (canvas);
  layout_ms = sy_bench_thread_cpu_ms () - layout_start;
  frame_ms = settle (window);
  g_print ("%-36s %8.2f ms edit, %6.2f ms layout, %6.2f ms next frame, %u cards re-measured\n", what,
           edit_ms, layout_ms, frame_ms, sy_canvas_get_n_measured (canvas) - measured);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SyWorkflow) workflow = sy_workflow_new ("bench", "Bench", "webhook");
  g_autoptr(SyWorkflowDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  SyCanvas *canvas;
  SyNode *last;
  double start, ms, layout_ms;

  gtk_init ();
  adw_init ();

  while (n_made < TARGET_NODES)
    add_block (sy_workflow_get_nodes (workflow));
  sy_workflow_reindex (workflow);
  g_print ("nodes                                %8u\n", sy_workflow_count_nodes (workflow));

  start = sy_bench_thread_cpu_ms ();
  document = sy_workflow_document_new (workflow);
  g_print ("document (validate)                  %8.2f ms\n", sy_bench_thread_cpu_ms () - start);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  canvas = SY_CANVAS (sy_canvas_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (canvas));

  /* The window's own first frame (theme, fonts, icons) is not the canvas's. */
  gtk_window_present (GTK_WINDOW (window));
  settle (window);

  start = sy_bench_thread_cpu_ms ();
  sy_canvas_set_document (canvas, document);
  ms = sy_bench_thread_cpu_ms () - start;
  ms += settle (window);
  g_print ("first frame (layout, cards, draw)    %8.2f ms  (%u cards made, %u measured)\n", ms,
           sy_canvas_get_n_cards (canvas), sy_canvas_get_n_measured (canvas));

  /* Layout from scratch: every block recomputed (heights are known). */
  sy_canvas_set_document (canvas, NULL);
  sy_canvas_set_document (canvas, document);
  start = sy_bench_thread_cpu_ms ();
  sy_canvas_ensure_layout (canvas);
  layout_ms = sy_bench_thread_cpu_ms () - start;
  g_print ("full layout                          %8.2f ms\n", layout_ms);
  settle (window);

  report_frames ("full frame, zoom 1.00", window, canvas);
  sy_canvas_set_zoom (canvas, 0.5);
  settle (window);
  report_frames ("full frame, zoom 0.50", window, canvas);
  sy_canvas_set_zoom (canvas, 0.3);
  settle (window);
  report_frames (sy_canvas_get_drawn_mode (canvas) ? "full frame, zoom 0.30 (drawn)" : "full frame, zoom 0.30",
                 window, canvas);
  sy_canvas_set_zoom (canvas, 0.1);
  settle (window);
  report_frames ("full frame, zoom 0.10 (drawn)", window, canvas);
  sy_canvas_set_zoom (canvas, 1.0);
  settle (window);

  /* Panning: cards come and go, the frame stays cheap. */
  {
    double best = G_MAXDOUBLE;

    for (int i = 0; i < 20; i++)
      {
        gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.navigate", "s", "down");
        best = MIN (best, settle (window));
      }
    g_print ("%-36s %8.2f ms (best of 20), %u cards\n", "frame while walking down (pan)", best,
             sy_canvas_get_n_cards (canvas));
  }

  /* Edits at the far end (the view is near the top). */
  {
    GPtrArray *nodes = sy_workflow_get_nodes (workflow);
    g_autoptr(JsonNode) value = json_from_string ("\"1 + 1\"", NULL);
    guint measured;

    last = g_ptr_array_index (nodes, nodes->len - 1);

    measured = sy_canvas_get_n_measured (canvas);
    start = sy_bench_thread_cpu_ms ();
    sy_workflow_document_insert_node (document, NULL, NULL, nodes->len, "calculation", &error);
    g_assert_no_error (error);
    report_edit ("far end: insert", window, canvas, sy_bench_thread_cpu_ms () - start, measured);

    measured = sy_canvas_get_n_measured (canvas);
    start = sy_bench_thread_cpu_ms ();
    sy_workflow_document_set_node_config (document, last, "expression", value, &error);
    g_assert_no_error (error);
    report_edit ("far end: config edit", window, canvas, sy_bench_thread_cpu_ms () - start, measured);

    measured = sy_canvas_get_n_measured (canvas);
    start = sy_bench_thread_cpu_ms ();
    sy_workflow_document_undo (document);
    report_edit ("far end: undo config edit", window, canvas, sy_bench_thread_cpu_ms () - start, measured);

    measured = sy_canvas_get_n_measured (canvas);
    start = sy_bench_thread_cpu_ms ();
    sy_workflow_document_undo (document);
    report_edit ("far end: undo insert", window, canvas, sy_bench_thread_cpu_ms () - start, measured);

    measured = sy_canvas_get_n_measured (canvas);
    start = sy_bench_thread_cpu_ms ();
    sy_workflow_document_delete_node (document, last, NULL, &error);
    g_assert_no_error (error);
    report_edit ("far end: delete", window, canvas, sy_bench_thread_cpu_ms () - start, measured);

    /* At the top everything below moves down. */
    measured = sy_canvas_get_n_measured (canvas);
    start = sy_bench_thread_cpu_ms ();
    sy_workflow_document_insert_node (document, NULL, NULL, 0, "calculation", &error);
    g_assert_no_error (error);
    report_edit ("top: insert (all below moves)", window, canvas, sy_bench_thread_cpu_ms () - start, measured);
  }

  {
    graphene_rect_t bounds;

    sy_canvas_get_layout_bounds (canvas, &bounds);
    g_print ("layout bounds                        %8.0f × %.0f model px\n", bounds.size.width, bounds.size.height);
  }
  g_print ("targets: layout ≤ 20 ms (%s), full frame ≤ 16 ms (see above)\n", layout_ms <= 20 ? "met" : "MISSED");

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
