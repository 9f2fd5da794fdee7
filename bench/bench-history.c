/* bench-history.c — the executions history on 100,000 executions
 *
 * Needs a display; under Xvfb with the cairo renderer:
 *   meson compile -C _build bench/history
 *   GSK_RENDERER=cairo xvfb-run -a -s "-screen 0 1400x900x24" _build/bench/history [N]
 *
 * A fresh data directory gets one workflow and N executions (default
 * 100,000; every third failed with reason "boom I", each with one job),
 * written through the store in one transaction before the engine starts.
 * Then, in a 1280×800 window, prints:
 *  (a) open: from making a SyExecutionsView for every workflow, then for
 *      the one workflow, to the end of the first frame painted with rows on
 *      screen (a GtkInscription of the column view mapped with text, checked
 *      after the frame clock's paint phase), and on to the frame painted
 *      once every row is listed (the model lists a few rows first, then
 *      more each frame; the count comes on the second frame) — the first
 *      open and the median of REPEATS;
 *  (b) filters: from choosing status Failed in the drop-down, and from the
 *      search entry's "search-changed" (the entry itself waits 150 ms after
 *      the last key press first, not counted), to the next frame painted
 *      with rows, and to every row listed;
 *  (c) scrolling to the end: from setting the scrollbar to its end to the
 *      first frame showing the oldest execution, and the pages read;
 *  (d) resident memory before the view, after opening, and after scrolling.
 * Each figure is wall time on the main thread (what a person waits), with
 * that thread's CPU time beside it: on a busy 2-core machine the difference
 * is time spent waiting for the processor. The store's own queries are timed
 * too, to tell SQL from widgets.
 */
#include "config.h"

#include <adwaita.h>

#include "sy-bench.h"
#include "sy-executions-view.h"
#include "sy-store.h"
#include "sy-test-engine.h"
#include "sy-test-ui.h"

#define DEFAULT_N    100000
#define REPEATS      5
#define TIMEOUT_MS   10000
#define STATUS_ROW   4      /* "Failed" in the status drop-down */
#define SEARCH_TEXT  "boom 99"     /* many matches, the newest among them */
#define RARE_TEXT    "boom 12345"  /* one match: the whole table is read */

typedef struct
{
  double wall;
  double cpu;
} Cost;

static double
wall_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static Cost
cost_start (void)
{
  return (Cost) { wall_ms (), sy_bench_thread_cpu_ms () };
}

static Cost
cost_since (Cost start)
{
  return (Cost) { wall_ms () - start.wall, sy_bench_thread_cpu_ms () - start.cpu };
}

static double
resident_mib (void)
{
  return sy_bench_rss_kib () / 1024.0;
}

/* ── Waiting for painted rows ─────────────────────────────────────────── */

/* Whether a cell of the column view is on screen showing `text` (any
 * text when NULL). */
static gboolean
shows_cell (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_INSCRIPTION (widget))
    {
      const char *shown = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

      return shown != NULL && (text != NULL ? g_str_equal (shown, text) : shown[0] != '\0');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_cell (child, text))
      return TRUE;
  return FALSE;
}

typedef struct
{
  GtkWidget  *view;
  const char *text;
  gboolean    painted;
} PaintWait;

static void
after_paint (GdkFrameClock *clock,
             PaintWait     *wait)
{
  GtkWidget *rows = sy_test_ui_find (wait->view, "history_column_view");

  if (!wait->painted && rows != NULL && shows_cell (rows, wait->text))
    wait->painted = TRUE;
}

static gboolean
painted (gpointer data)
{
  return ((PaintWait *) data)->painted;
}

/* Runs the main loop until a frame has been painted showing a cell with
 * `text` (any, when NULL). */
static void
wait_for_rows (GtkWidget  *window,
               GtkWidget  *view,
               const char *text)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  PaintWait wait = { view, text, FALSE };
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), &wait);

  gtk_widget_queue_draw (window);
  if (!sy_test_ui_wait_for (painted, &wait, TIMEOUT_MS))
    g_error ("no rows showing “%s” were painted within %u ms", text != NULL ? text : "anything", TIMEOUT_MS);
  g_signal_handler_disconnect (clock, handler);
}

static gboolean
lists_all (gpointer data)
{
  return sy_execution_list_model_lists_all (sy_executions_view_get_model (data));
}

/* Runs the main loop until every row is listed and a frame shows them. */
static void
wait_listed (GtkWidget *window,
             GtkWidget *view)
{
  if (!sy_test_ui_wait_for (lists_all, view, TIMEOUT_MS))
    g_error ("the rows were not all listed within %u ms", TIMEOUT_MS);
  wait_for_rows (window, view, NULL);
}

/* Lets what is pending (idles, frames) finish before the next figure. */
static void
settle (void)
{
  sy_test_ui_wait (200);
}

/* ── Figures ──────────────────────────────────────────────────────────── */

static int
compare_costs (gconstpointer a,
               gconstpointer b)
{
  double x = ((const Cost *) a)->wall, y = ((const Cost *) b)->wall;

  return x < y ? -1 : x > y;
}

static void
print_costs (const char *what,
             Cost       *costs,
             guint       n,
             const char *extra)
{
  Cost first = costs[0];

  qsort (costs, n, sizeof *costs, compare_costs);
  g_print ("%-34s first %7.1f ms (cpu %6.1f)   median %7.1f ms (cpu %6.1f)%s\n", what, first.wall, first.cpu,
           costs[n / 2].wall, costs[n / 2].cpu, extra != NULL ? extra : "");
}

/* Rows listed, matching executions (counted or not) and pages read. */
static char *
describe_model (GtkWidget *view)
{
  SyExecutionListModel *model = sy_executions_view_get_model (SY_EXECUTIONS_VIEW (view));
  guint n_matching;
  gboolean counted = sy_execution_list_model_get_n_matching (model, &n_matching);

  return g_strdup_printf ("  (%u rows listed of %u%s, %u pages read)", g_list_model_get_n_items (G_LIST_MODEL (model)),
                          n_matching, counted ? "" : "+", sy_execution_list_model_get_n_pages_read (model));
}

typedef struct
{
  Cost  painted;   /* to the first frame with rows */
  char *painted_state;
  Cost  listed;    /* to the frame once every row is listed */
  char *listed_state;
} Timing;

static void
timing_clear (Timing *timing)
{
  g_free (timing->painted_state);
  g_free (timing->listed_state);
}

static void
wait_timing (GtkWidget  *window,
             GtkWidget  *view,
             const char *text,
             Cost        start,
             Timing     *timing)
{
  wait_for_rows (window, view, text);
  timing->painted = cost_since (start);
  timing->painted_state = describe_model (view);
  wait_listed (window, view);
  timing->listed = cost_since (start);
  timing->listed_state = describe_model (view);
}

static GtkWidget *
open_view (GtkWidget  *window,
           SyEngine   *engine,
           const char *key,
           Cost       *model_cost,
           Timing     *timing)
{
  Cost start = cost_start ();
  GtkWidget *view = sy_executions_view_new ();

  sy_executions_view_set_engine (SY_EXECUTIONS_VIEW (view), engine);
  sy_executions_view_set_workflow_key (SY_EXECUTIONS_VIEW (view), key);
  gtk_window_set_child (GTK_WINDOW (window), view);
  *model_cost = cost_since (start);
  wait_timing (window, view, NULL, start, timing);
  return view;
}

static void
report_open (GtkWidget  *window,
             SyEngine   *engine,
             const char *what,
             const char *key)
{
  Cost models[REPEATS], painted[REPEATS], listed[REPEATS];
  g_autofree char *label = NULL;
  Timing timing = { 0 };

  for (guint r = 0; r < REPEATS; r++)
    {
      timing_clear (&timing);
      open_view (window, engine, key, &models[r], &timing);
      painted[r] = timing.painted;
      listed[r] = timing.listed;
      settle ();
      gtk_window_set_child (GTK_WINDOW (window), NULL);
      settle ();
    }

  label = g_strdup_printf ("open %s: view + model", what);
  print_costs (label, models, REPEATS, NULL);
  g_free (label);
  label = g_strdup_printf ("open %s: first rows painted", what);
  print_costs (label, painted, REPEATS, timing.painted_state);
  g_free (label);
  label = g_strdup_printf ("open %s: every row listed", what);
  print_costs (label, listed, REPEATS, timing.listed_state);
  timing_clear (&timing);
}

/* From a change made by `change` to the next frame painted with rows
 * (showing `text` if not NULL), and to every row listed. */
static void
report_change (const char *what,
               GtkWidget  *window,
               GtkWidget  *view,
               void      (*change) (GtkWidget *view, gpointer data),
               gpointer    data,
               const char *text)
{
  Cost start = cost_start ();
  Timing timing = { 0 };

  change (view, data);
  wait_timing (window, view, text, start, &timing);
  g_print ("%-34s %7.1f ms (cpu %6.1f) first rows%s\n", what, timing.painted.wall, timing.painted.cpu,
           timing.painted_state);
  g_print ("%-34s %7.1f ms (cpu %6.1f) every row%s\n", "", timing.listed.wall, timing.listed.cpu,
           timing.listed_state);
  timing_clear (&timing);
  settle ();
}

static void
set_status (GtkWidget *view,
            gpointer   data)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sy_test_ui_find (view, "history_status_dropdown")),
                              GPOINTER_TO_UINT (data));
}

static void
set_search (GtkWidget *view,
            gpointer   data)
{
  GtkWidget *entry = sy_test_ui_find (view, "history_search_entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), data);
  /* As the entry does once typing pauses. */
  g_signal_emit_by_name (entry, "search-changed");
}

static void
scroll_to_end (GtkWidget *view,
               gpointer   data)
{
  GtkAdjustment *adjustment =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sy_test_ui_find (view, "history_scrolled")));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}


/* The store's own share: the first page and the count of each filter. */
static void
report_store (SyEngine *engine)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyStore) reader = NULL;
  const struct
  {
    const char        *what;
    SyExecutionFilter  filter;
  } cases[] = {
    { "all", { 0 } },
    { "one workflow", { .workflow_key = "bulk" } },
    { "status failed", { .has_status = TRUE, .status = SY_STATUS_FAILED } },
    { "text \"" SEARCH_TEXT "\"", { .text = SEARCH_TEXT } },
    { "text \"" RARE_TEXT "\"", { .text = RARE_TEXT } },
    { "last page (offset)", { .offset = 0 } },
  };
  Cost start = cost_start ();
  guint total;

  reader = sy_engine_open_reader (engine, &error);
  g_assert_no_error (error);
  g_print ("%-34s %7.2f ms\n", "store: open a reader", cost_since (start).wall);

  total = sy_store_count_executions (reader, NULL, &error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SyExecutionFilter filter = cases[i].filter;
      g_autoptr(GPtrArray) rows = NULL;
      g_autofree char *label = NULL;
      Cost page, count;
      guint n;

      filter.limit = SY_EXECUTION_LIST_PAGE_SIZE;
      if (i == G_N_ELEMENTS (cases) - 1)
        filter.offset = (total - 1) / SY_EXECUTION_LIST_PAGE_SIZE * SY_EXECUTION_LIST_PAGE_SIZE;
      start = cost_start ();
      rows = sy_store_list_executions (reader, &filter, &error);
      page = cost_since (start);
      g_assert_no_error (error);

      filter.limit = 0;
      filter.offset = 0;
      start = cost_start ();
      n = sy_store_count_executions (reader, &filter, &error);
      count = cost_since (start);
      g_assert_no_error (error);

      label = g_strdup_printf ("store: %s", cases[i].what);
      g_print ("%-34s page %6.2f ms (%u rows)   count %6.2f ms (%u)\n", label, page.wall, rows->len, count.wall,
               n);
    }
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : DEFAULT_N;
  g_autofree char *dir = sy_test_make_dir ();
  g_autoptr(SyEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *view;
  Cost start, ignored;
  Timing timing = { 0 };
  double rss_before, rss_open;

  gtk_init ();
  adw_init ();
  if (n == 0)
    g_error ("usage: %s [N], N > 0", argv[0]);

  start = cost_start ();
  sy_test_seed_history (dir, "bulk", n);
  g_print ("%-34s %7.0f ms  (%u executions, %u jobs)\n", "fill the store", cost_since (start).wall, n, n);

  engine = sy_engine_new (dir);
  if (!sy_engine_start (engine, &error))
    g_error ("%s", error->message);
  report_store (engine);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("…"));
  gtk_window_present (GTK_WINDOW (window));
  settle ();

  /* A view made and dropped once: types, templates, theme and icons are
   * loaded the first time any window shows them, not this one's cost. */
  gtk_window_set_child (GTK_WINDOW (window), NULL);
  open_view (window, engine, NULL, &ignored, &timing);
  timing_clear (&timing);
  gtk_window_set_child (GTK_WINDOW (window), NULL);
  settle ();
  rss_before = resident_mib ();

  report_open (window, engine, "all", NULL);
  report_open (window, engine, "one workflow", "bulk");

  view = open_view (window, engine, NULL, &ignored, &timing);
  timing_clear (&timing);
  settle ();
  rss_open = resident_mib ();

  report_change ("filter: status Failed", window, view, set_status, GUINT_TO_POINTER (STATUS_ROW), NULL);
  report_change ("filter: text \"" SEARCH_TEXT "\"", window, view, set_search, SEARCH_TEXT, NULL);
  report_change ("filter: text \"" RARE_TEXT "\"", window, view, set_search, RARE_TEXT, NULL);
  report_change ("filter: text cleared", window, view, set_search, "", NULL);
  report_change ("filter: status cleared", window, view, set_status, GUINT_TO_POINTER (0), NULL);
  /* The oldest execution has id 1: its number cell reads "1". */
  report_change ("scroll to the end", window, view, scroll_to_end, NULL, "1");

  g_print ("%-34s %7.1f MiB before the view, %.1f MiB open (+%.1f), %.1f MiB after scrolling to the end\n",
           "resident memory", rss_before, rss_open, rss_open - rss_before, resident_mib ());

  gtk_window_destroy (GTK_WINDOW (window));
  sy_engine_stop (engine);
  sy_test_remove_tree (dir);
  return 0;
}
