/* bench-webhook.c — webhook requests per second through the whole engine
 *
 * An engine on a temporary directory serves two webhook workflows: a sync
 * one (1 KB JSON body → 10 calculation nodes → response node) and an async
 * one (the same 10 nodes, answered 202 once the execution is committed).
 * `wrk` (Debian package wrk) loads each on 127.0.0.1 with 1 and 8
 * connections; the benchmark prints requests/s, p50 and p99, and checks that
 * every answered request has its stored execution.
 *
 * Usage: bench/webhook [SECONDS]   (default 10)
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sy-engine-private.h"
#include "sy-store.h"
#include "sy-webhook-server.h"

#define N_NODES 10

static char *
make_document (const char *key,
               gboolean    sync)
{
  g_autoptr(GString) nodes = g_string_new (NULL);

  for (guint i = 0; i < N_NODES; i++)
    {
      if (i > 0)
        g_string_append (nodes, ",\n");
      if (i == 0)
        g_string_append_printf (nodes,
                                "{\"key\": \"n%u\", \"type\": \"calculation\", \"config\": "
                                "{\"engine\": \"jq\", \"expression\": \"{{$context.body.x}} + 1\"}}", i);
      else
        g_string_append_printf (nodes,
                                "{\"key\": \"n%u\", \"type\": \"calculation\", \"config\": "
                                "{\"engine\": \"jq\", \"expression\": \"{{$jobsMapByNodeKey.n%u}} * 2 + 1\"}}",
                                i, i - 1);
    }
  if (sync)
    g_string_append_printf (nodes, ",\n{\"key\": \"reply\", \"type\": \"response\", \"config\": "
                                   "{\"status\": 200, \"body\": {\"result\": \"{{$jobsMapByNodeKey.n%u}}\"}}}",
                            N_NODES - 1);

  return g_strdup_printf ("{\"format\": \"switchyard-workflow/1\", \"key\": \"%s\", \"title\": \"%s\","
                          " \"enabled\": true, \"sync\": %s,"
                          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
                          " \"nodes\": [%s]}",
                          key, key, sync ? "true" : "false", nodes->str);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GAsyncResult **slot = data;

  (void) source;
  *slot = g_object_ref (result);
}

static void
import (SyEngine   *engine,
        const char *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_data (document, -1, NULL, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SyVersionRow) row = NULL;

  if (workflow == NULL)
    g_error ("invalid benchmark workflow: %s", error->message);
  sy_engine_import_async (engine, workflow, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  row = sy_engine_import_finish (engine, result, &error);
  if (row == NULL)
    g_error ("import failed: %s", error->message);
}

static guint
count_executions (SyEngine   *engine,
                  const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyStore) reader = sy_engine_open_reader (engine, &error);
  SyExecutionFilter filter = { .workflow_key = key };

  if (reader == NULL)
    g_error ("cannot open the store: %s", error->message);
  return sy_store_count_executions (reader, &filter, &error);
}

/* A 1 KB JSON body: {"x": 1, "pad": "…"}. */
static char *
write_script (const char *dir)
{
  g_autofree char *pad = g_strnfill (1024 - 20, 'p');
  g_autofree char *script = g_strdup_printf (
    "wrk.method = \"POST\"\n"
    "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
    "wrk.body = '{\"x\": 1, \"pad\": \"%s\"}'\n", pad);
  char *path = g_build_filename (dir, "post.lua", NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, script, -1, &error))
    g_error ("%s", error->message);
  return path;
}

/* "1.23ms" / "850.00us" / "1.2s" → milliseconds */
static double
parse_duration_ms (const char *text)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (g_str_has_prefix (end, "us"))
    return value / 1000.0;
  if (g_str_has_prefix (end, "ms"))
    return value;
  if (g_str_has_prefix (end, "s"))
    return value * 1000.0;
  if (g_str_has_prefix (end, "m"))
    return value * 60000.0;
  return value;
}

typedef struct
{
  double rps;
  double p50_ms;
  double p99_ms;
  guint  answered;
  guint  non_2xx;
  guint  errors;
} WrkResult;

static gboolean
run_wrk (guint       port,
         const char *key,
         guint       connections,
         guint       seconds,
         const char *script,
         WrkResult  *out)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/hooks/%s", port, key);
  g_autofree char *conns = g_strdup_printf ("-c%u", connections);
  g_autofree char *threads = g_strdup_printf ("-t%u", MIN (connections, 2));
  g_autofree char *duration = g_strdup_printf ("-d%us", seconds);
  const char *argv[] = { "wrk", threads, conns, duration, "--latency", "-s", script, url, NULL };
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  memset (out, 0, sizeof *out);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &output, NULL, &status, &error))
    {
      g_printerr ("cannot run wrk: %s\n", error->message);
      return FALSE;
    }

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      unsigned a, b, c, d;

      if (g_str_has_prefix (line, "Requests/sec:"))
        out->rps = g_ascii_strtod (line + strlen ("Requests/sec:"), NULL);
      else if (g_str_has_prefix (line, "50%"))
        out->p50_ms = parse_duration_ms (g_strstrip ((char *) line + 3));
      else if (g_str_has_prefix (line, "99%"))
        out->p99_ms = parse_duration_ms (g_strstrip ((char *) line + 3));
      else if (strstr (line, " requests in ") != NULL)
        out->answered = (guint) g_ascii_strtoull (line, NULL, 10);
      else if (g_str_has_prefix (line, "Non-2xx or 3xx responses:"))
        out->non_2xx = (guint) g_ascii_strtoull (line + strlen ("Non-2xx or 3xx responses:"), NULL, 10);
      else if (sscanf (line, "Socket errors: connect %u, read %u, write %u, timeout %u", &a, &b, &c, &d) == 4)
        out->errors = a + b + c + d;
    }

  return TRUE;
}

/* Lets the engine finish what wrk left in flight when it stopped. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 500 * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10 * 1000);
}

static gboolean
bench (SyEngine   *engine,
       guint       port,
       const char *key,
       const char *mode,
       guint       connections,
       guint       seconds,
       const char *script)
{
  guint before = count_executions (engine, key);
  guint stored;
  WrkResult result;
  gboolean ok;

  if (!run_wrk (port, key, connections, seconds, script, &result))
    return FALSE;
  settle ();
  stored = count_executions (engine, key) - before;

  /* wrk counts answered requests; the ones it abandoned at the end (at
   * most one per connection) may have executions too. */
  ok = result.non_2xx == 0 && result.errors == 0 &&
       stored >= result.answered && stored - result.answered <= connections;

  printf ("%-5s %2u conn  %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  answered %7u  stored %7u  "
          "non-2xx %u  socket errors %u  %s\n",
          mode, connections, result.rps, result.p50_ms, result.p99_ms, result.answered, stored,
          result.non_2xx, result.errors, ok ? "ok" : "MISMATCH");
  fflush (stdout);

  return ok;
}

int
main (int   argc,
      char *argv[])
{
  guint seconds = argc > 1 ? (guint) atoi (argv[1]) : 10;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sy-bench-webhook-XXXXXX", &error);
  g_autofree char *script = NULL;
  g_autofree char *sync_doc = make_document ("bench-sync", TRUE);
  g_autofree char *async_doc = make_document ("bench-async", FALSE);
  g_autoptr(SyEngine) engine = NULL;
  g_autofree char *command = NULL;
  SyWebhookServer *server;
  guint port;
  gboolean ok = TRUE;

  if (dir == NULL)
    g_error ("%s", error->message);
  if (g_find_program_in_path ("wrk") == NULL)
    {
      g_printerr ("bench/webhook needs wrk (apt install wrk)\n");
      return 77;
    }

  engine = sy_engine_new (dir);
  g_object_set (engine, "webhook-port", 0, NULL);
  if (!sy_engine_start (engine, &error))
    g_error ("%s", error->message);
  import (engine, sync_doc);
  import (engine, async_doc);

  server = _sy_engine_get_webhook_server (engine);
  while ((port = sy_webhook_server_get_port (server)) == 0)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  script = write_script (dir);

  printf ("webhook → %u calculation nodes (→ response node when sync), 1 KB JSON body, %u s per run\n",
          N_NODES, seconds);
  ok &= bench (engine, port, "bench-sync", "sync", 1, seconds, script);
  ok &= bench (engine, port, "bench-sync", "sync", 8, seconds, script);
  ok &= bench (engine, port, "bench-async", "async", 1, seconds, script);
  ok &= bench (engine, port, "bench-async", "async", 8, seconds, script);

  sy_engine_stop (engine);
  command = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (command) != 0)
    g_printerr ("could not remove %s\n", dir);

  return ok ? 0 : 1;
}
