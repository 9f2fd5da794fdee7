/* bench-engine.c — executions per second of a 10-node calculation workflow
 *
 * Prints, for N executions (default 10,000) with full history kept:
 *  - throughput when all are queued at once (group commits);
 *  - per-execution latency (p50/p99) when run one at a time, round trip
 *    from the caller's thread;
 *  - database bytes per execution and peak RSS;
 *  - the memory cost of N executions waiting at a delay node.
 *
 * Usage: bench/engine [N]
 */
#include "config.h"

#include <glib/gstdio.h>
#include <malloc.h>
#include <sys/resource.h>

#include "sy-bench.h"
#include "sy-engine.h"

#define N_NODES 10

static char *
make_document (const char *key,
               gboolean    with_delay)
{
  g_autoptr(GString) nodes = g_string_new (NULL);

  for (guint i = 0; i < N_NODES; i++)
    {
      if (i > 0)
        g_string_append (nodes, ",\n");
      if (i == 0)
        g_string_append_printf (nodes,
                                "{\"key\": \"n%u\", \"type\": \"calculation\", \"config\": "
                                "{\"engine\": \"jq\", \"expression\": \"{{$context.x}} + 1\"}}", i);
      else
        g_string_append_printf (nodes,
                                "{\"key\": \"n%u\", \"type\": \"calculation\", \"config\": "
                                "{\"engine\": \"jq\", \"expression\": \"{{$jobsMapByNodeKey.n%u}} * 2 + 1\"}}",
                                i, i - 1);
    }
  if (with_delay)
    g_string_append (nodes, ",\n{\"key\": \"wait\", \"type\": \"delay\", \"config\": "
                            "{\"duration\": 1, \"unit\": \"day\"}}");

  return g_strdup_printf ("{\"format\": \"switchyard-workflow/1\", \"key\": \"%s\", "
                          "\"title\": \"Bench %s\", \"enabled\": true, \"sync\": false, "
                          "\"trigger\": {\"type\": \"webhook\", \"config\": {}}, \"nodes\": [%s]}",
                          key, key, nodes->str);
}

typedef struct
{
  GMainLoop   *loop;
  SyExecution *execution;
  GError      *error;
  guint        outstanding;
  guint        finished;
  guint        failed;
} Waiter;

static void
imported (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Waiter *waiter = data;
  g_autoptr(SyVersionRow) row = sy_engine_import_finish (SY_ENGINE (source), result, &waiter->error);

  g_main_loop_quit (waiter->loop);
}

static void
executed (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Waiter *waiter = data;

  g_clear_pointer (&waiter->execution, sy_execution_unref);
  waiter->execution = sy_engine_execute_finish (SY_ENGINE (source), result, &waiter->error);
  if (waiter->outstanding > 0 && --waiter->outstanding == 0)
    g_main_loop_quit (waiter->loop);
  else if (waiter->outstanding == 0)
    g_main_loop_quit (waiter->loop);
}

static void
on_execution_updated (SyEngine    *engine,
                      SyExecution *execution,
                      Waiter      *waiter)
{
  (void) engine;

  if (execution->status == SY_STATUS_QUEUEING || execution->status == SY_STATUS_STARTED)
    return;

  waiter->finished++;
  if (execution->status != SY_STATUS_RESOLVED)
    waiter->failed++;
  if (waiter->finished == waiter->outstanding)
    g_main_loop_quit (waiter->loop);
}

static void
import_document (SyEngine   *engine,
                 const char *document)
{
  Waiter waiter = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0, 0, 0 };
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(GError) error = NULL;

  workflow = sy_workflow_new_from_data (document, -1, NULL, &error);
  if (workflow == NULL)
    g_error ("bench workflow invalid: %s", error->message);

  sy_engine_import_async (engine, workflow, NULL, imported, &waiter);
  g_main_loop_run (waiter.loop);
  if (waiter.error != NULL)
    g_error ("import failed: %s", waiter.error->message);
  g_main_loop_unref (waiter.loop);
}

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* Heap bytes in use, after returning freed memory: what stays allocated. */
static long
heap_in_use_kib (void)
{
  malloc_trim (0);
  return (long) (mallinfo2 ().uordblks / 1024);
}

static goffset
file_bytes (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? buf.st_size : 0;
}

/* Lets the engine go idle long enough to checkpoint its WAL into the
 * database file, so that the file's size counts every execution. */
static goffset
database_bytes_when_idle (const char *dir)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10 * 1000);

  return file_bytes (dir, "switchyard.db");
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* A fresh {"x": i} context; the engine copies what it is given. */
static JsonNode *
context_for (guint i)
{
  static JsonNode *node;
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "x", i);
  g_clear_pointer (&node, json_node_unref);
  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return node;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  g_autofree char *dir = g_dir_make_tmp ("sy-bench-XXXXXX", NULL);
  g_autoptr(SyEngine) engine = sy_engine_new (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *linear = make_document ("linear", FALSE);
  g_autofree char *waiting = make_document ("waiting", TRUE);
  g_autoptr(GArray) latencies = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  Waiter waiter = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0, 0, 0 };
  gint64 start, elapsed;
  goffset bytes_before, bytes_after;
  long rss_before, rss_after;
  guint sequential = MIN (n, 2000);
  gint64 sequential_total = 0;

  if (!sy_engine_start (engine, &error))
    g_error ("engine: %s", error->message);

  import_document (engine, linear);
  import_document (engine, waiting);

  /* Warm up: compiles the jq programs once (they are cached). */
  sy_engine_execute_async (engine, "linear", context_for (0), SY_EXECUTE_NONE, NULL, executed, &waiter);
  g_main_loop_run (waiter.loop);
  if (waiter.error != NULL)
    g_error ("warm-up failed: %s", waiter.error->message);
  if (waiter.execution->status != SY_STATUS_RESOLVED)
    g_error ("warm-up execution ended %s", sy_status_to_string (waiter.execution->status, FALSE));

  /* 1. Throughput: everything queued at once. */
  bytes_before = database_bytes_when_idle (dir);
  g_signal_connect (engine, "execution-updated", G_CALLBACK (on_execution_updated), &waiter);
  waiter.outstanding = n;
  waiter.finished = 0;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    sy_engine_execute_async (engine, "linear", context_for (i), SY_EXECUTE_NO_WAIT, NULL, NULL, NULL);
  g_main_loop_run (waiter.loop);
  elapsed = g_get_monotonic_time () - start;
  g_signal_handlers_disconnect_by_func (engine, on_execution_updated, &waiter);

  g_print ("engine benchmark: %u executions of a %u-node jq calculation workflow, history kept\n",
           n, N_NODES);
  g_print ("  queued at once:  %.0f executions/s (%.2f s total, %u not resolved)\n",
           n / (elapsed / 1e6), elapsed / 1e6, waiter.failed);
  g_print ("  WAL file:        %.1f MiB (bound: 10,000 pages)\n", file_bytes (dir, "switchyard.db-wal") / 1048576.0);
  bytes_after = database_bytes_when_idle (dir);
  g_print ("  database:        %.0f bytes per execution (database file, after the WAL is checkpointed)\n",
           (double) (bytes_after - bytes_before) / n);

  /* 2. Latency: one at a time, round trip from this thread. */
  waiter.outstanding = 0;
  for (guint i = 0; i < sequential; i++)
    {
      gint64 t0 = g_get_monotonic_time (), dt;

      sy_engine_execute_async (engine, "linear", context_for (i), SY_EXECUTE_NONE, NULL, executed, &waiter);
      g_main_loop_run (waiter.loop);
      dt = g_get_monotonic_time () - t0;
      sequential_total += dt;
      g_array_append_val (latencies, dt);
    }
  g_array_sort (latencies, compare_gint64);
  g_print ("  one at a time:   p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms per execution "
           "(%u runs, %.0f executions/s)\n",
           g_array_index (latencies, gint64, latencies->len / 2) / 1000.0,
           g_array_index (latencies, gint64, latencies->len * 99 / 100) / 1000.0,
           g_array_index (latencies, gint64, latencies->len * 999 / 1000) / 1000.0,
           g_array_index (latencies, gint64, latencies->len - 1) / 1000.0,
           sequential, sequential / (sequential_total / 1e6));
  g_print ("  peak RSS:        %ld KiB\n", peak_rss_kib ());

  /* 3. Waiting executions: state lives in the store, not in memory. */
  rss_before = heap_in_use_kib ();
  waiter.outstanding = n;
  waiter.finished = 0;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    sy_engine_execute_async (engine, "waiting", context_for (i), SY_EXECUTE_NONE, NULL, executed, &waiter);
  g_main_loop_run (waiter.loop);
  elapsed = g_get_monotonic_time () - start;
  g_clear_pointer (&waiter.execution, sy_execution_unref);
  rss_after = heap_in_use_kib ();
  g_print ("  %u waiting at a delay: %.0f started/s, heap in use %+ld KiB (%.0f bytes per waiting "
           "execution; RSS now %ld KiB)\n",
           n, n / (elapsed / 1e6), rss_after - rss_before, (rss_after - rss_before) * 1024.0 / n,
           sy_bench_rss_kib ());

  sy_engine_stop (engine);
  g_main_loop_unref (waiter.loop);
  g_clear_pointer (&waiter.execution, sy_execution_unref);

  return 0;
}
