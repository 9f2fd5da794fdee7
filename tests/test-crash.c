/* test-crash.c — executions survive SIGKILL at random points, each exactly once
 *
 * A child process triggers N executions (each with its own event key) and
 * runs them; the test kills it with SIGKILL at random moments, several
 * times, then lets a last child finish. Afterwards every event must have
 * exactly one execution, resolved, with exactly one job per node: nothing
 * lost, nothing run twice from the start.
 *
 * Likewise for saving: a child saves ever larger edits of one workflow and
 * is killed while the store writes; the stored workflow is always a whole
 * saved edit, at least the last one the child was told was saved.
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>

#include "sy-engine.h"
#include "sy-store.h"
#include "sy-test-engine.h"

#define N_EVENTS 400
#define N_NODES  6

static const char *document =
  "{\"format\": \"switchyard-workflow/1\", \"key\": \"crash\", \"title\": \"Crash\","
  " \"enabled\": true, \"sync\": false, \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
  " \"nodes\": ["
  "  {\"key\": \"a\", \"type\": \"calculation\", \"config\": {\"expression\": \"{{$context.i}} + 1\"}},"
  "  {\"key\": \"b\", \"type\": \"calculation\", \"config\": {\"expression\": \"{{$jobsMapByNodeKey.a}} * 2\"}},"
  "  {\"key\": \"c\", \"type\": \"condition\", \"config\": {\"engine\": \"jq\","
  "     \"expression\": \"{{$jobsMapByNodeKey.b}} % 4 == 0\", \"rejectOnFalse\": false},"
  "   \"branches\": {\"true\": [{\"key\": \"t\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}],"
  "                  \"false\": [{\"key\": \"f\", \"type\": \"calculation\", \"config\": {\"expression\": \"0\"}}]}},"
  "  {\"key\": \"d\", \"type\": \"calculation\", \"config\": {\"expression\": \"{{$jobsMapByNodeKey.b}} - 1\"}},"
  "  {\"key\": \"e\", \"type\": \"calculation\", \"config\": {\"engine\": \"string\", \"expression\": \"done {{$context.i}}\"}}"
  " ]}";

/* ── The child: trigger every event, run until told or killed ─────────── */

static guint
count_unfinished (SyEngine *engine)
{
  SyStatus statuses[] = { SY_STATUS_QUEUEING, SY_STATUS_STARTED };
  guint total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      SyExecutionFilter filter = { .has_status = TRUE, .status = statuses[i] };
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) list = NULL;

      sy_engine_list_executions_async (engine, &filter, NULL, sy_test_on_done, &result);
      list = sy_engine_list_executions_finish (engine, sy_test_wait_for (&result), NULL);
      total += list ? list->len : 0;
    }

  return total;
}

static int
run_child (const char *dir,
           gboolean    finish)
{
  g_autoptr(SyEngine) engine = sy_engine_new (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  gint64 version_id;

  if (!sy_engine_start (engine, &error))
    {
      g_printerr ("child: %s\n", error->message);
      return 2;
    }

  sy_engine_get_workflow_async (engine, "crash", 0, NULL, sy_test_on_done, &result);
  row = sy_engine_get_workflow_finish (engine, sy_test_wait_for (&result), NULL);
  version_id = row != NULL ? row->id : sy_test_import (engine, document);

  /* Re-triggering an event that already has an execution is refused by its key. */
  for (guint i = 0; i < N_EVENTS; i++)
    {
      g_autofree char *key = g_strdup_printf ("event-%u", i);
      g_autoptr(JsonObject) context = json_object_new ();
      g_autoptr(JsonNode) node = NULL;

      json_object_set_int_member (context, "i", i);
      node = json_node_init_object (json_node_alloc (), context);
      sy_engine_trigger (engine, version_id, node, key, NULL, NULL);
    }

  for (;;)
    {
      g_usleep (20 * 1000);
      if (finish && count_unfinished (engine) == 0)
        break;
    }

  sy_engine_stop (engine);

  return 0;
}

/* ── The saving child: edits one workflow, saving each round ────────── */

#define SAVE_KEY "saved"

/* Round `round`'s description: long enough that saving it takes a while,
 * and telling its round from its length. */
static char *
round_description (guint round)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < 2000 + round * 300; i++)
    g_string_append_printf (text, "%u ", round);
  return g_string_free (text, FALSE);
}

static int
run_saving_child (const char *dir)
{
  g_autoptr(SyEngine) engine = sy_engine_new (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  guint first;

  if (!sy_engine_start (engine, &error))
    {
      g_printerr ("child: %s\n", error->message);
      return 2;
    }

  sy_engine_get_workflow_async (engine, SAVE_KEY, 0, NULL, sy_test_on_done, &result);
  row = sy_engine_get_workflow_finish (engine, sy_test_wait_for (&result), NULL);
  if (row == NULL)
    {
      sy_test_import_nodes (engine, SAVE_KEY, FALSE,
                            "[{\"key\": \"a\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]");
      g_clear_object (&result);
      sy_engine_get_workflow_async (engine, SAVE_KEY, 0, NULL, sy_test_on_done, &result);
      row = sy_engine_get_workflow_finish (engine, sy_test_wait_for (&result), &error);
      g_assert_no_error (error);
    }
  workflow = sy_version_row_to_workflow (row, &error);
  g_assert_no_error (error);

  /* Rounds go on from the one stored. */
  if (sscanf (sy_workflow_get_title (workflow), "Round %u", &first) != 1)
    first = 0;
  for (guint round = first + 1;; round++)
    {
      g_autofree char *title = g_strdup_printf ("Round %u", round);
      g_autofree char *description = round_description (round);
      g_autoptr(SyVersionRow) saved = NULL;

      g_clear_object (&result);
      sy_workflow_set_title (workflow, title);
      sy_workflow_set_description (workflow, description);
      sy_engine_save_async (engine, workflow, NULL, sy_test_on_done, &result);
      saved = sy_engine_save_finish (engine, sy_test_wait_for (&result), &error);
      g_assert_no_error (error);
      /* Only now may the parent count on it. */
      printf ("saved %u\n", round);
      fflush (stdout);
    }

  return 0;
}

static gboolean
database_is_intact (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  ok = sqlite3_step (stmt) == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return ok;
}

/* Reads the child's "saved N" lines; returns the last N (0: none), or
 * after the first line when `first_only`. */
static guint
read_saved_rounds (GDataInputStream *lines,
                   gboolean          first_only)
{
  guint last = 0;
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
    {
      guint round;

      if (sscanf (line, "saved %u", &round) == 1)
        last = round;
      g_free (line);
      if (first_only)
        break;
    }

  return last;
}

static void
test_crash_while_saving (void)
{
  g_autofree char *dir = sy_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "switchyard.db", NULL);
  const char *self_path = g_test_get_filename (G_TEST_BUILT, "test-crash", NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  guint32 seed = g_test_rand_int ();

  g_rand_set_seed (rand, seed);
  g_test_message ("seed %u", seed);

  for (guint attempt = 0; attempt < 8; attempt++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDataInputStream) lines = NULL;
      g_autoptr(SyStore) store = NULL;
      g_autoptr(SyVersionRow) row = NULL;
      g_autoptr(SyWorkflow) stored = NULL;
      g_autofree char *expected = NULL;
      guint acknowledged;
      guint later;
      guint round = 0;

      g_subprocess_launcher_setenv (launcher, "SY_CRASH_SAVING_CHILD", dir, TRUE);
      child = g_subprocess_launcher_spawn (launcher, &error, self_path, NULL);
      g_assert_no_error (error);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

      /* Once it saves, kill it at some point of the rounds that follow. */
      acknowledged = read_saved_rounds (lines, TRUE);
      g_assert_cmpuint (acknowledged, >, 0);
      g_usleep (g_rand_int_range (rand, 0, 300) * 1000);
      g_subprocess_send_signal (child, SIGKILL);
      later = read_saved_rounds (lines, FALSE);
      acknowledged = MAX (acknowledged, later);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child));

      /* The file is sound, and holds a whole round, not older than the
       * last one the child was told was saved (nor newer than the next). */
      g_assert_true (database_is_intact (db));
      store = sy_store_open (db, SY_STORE_READ_WRITE, &error);
      g_assert_no_error (error);
      row = sy_store_get_version (store, SAVE_KEY, 0, &error);
      g_assert_no_error (error);
      stored = sy_version_row_to_workflow (row, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sscanf (sy_workflow_get_title (stored), "Round %u", &round), ==, 1);
      g_test_message ("killed after round %u was saved; round %u is stored", acknowledged, round);
      g_assert_cmpuint (round, >=, acknowledged);
      g_assert_cmpuint (round, <=, acknowledged + 1);
      expected = round_description (round);
      g_assert_cmpstr (sy_workflow_get_description (stored), ==, expected);
    }

  sy_test_remove_tree (dir);
}

/* ── The test ─────────────────────────────────────────────────────────── */

static GSubprocess *
spawn_child (const char *self_path,
             const char *dir,
             gboolean    finish)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  g_subprocess_launcher_setenv (launcher, "SY_CRASH_CHILD", dir, TRUE);
  if (finish)
    g_subprocess_launcher_setenv (launcher, "SY_CRASH_FINISH", "1", TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self_path, NULL);
  g_assert_no_error (error);

  return child;
}

static void
test_crash_exactly_once (void)
{
  g_autofree char *dir = sy_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "switchyard.db", NULL);
  const char *self_path = g_test_get_filename (G_TEST_BUILT, "test-crash", NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  guint32 seed = g_test_rand_int ();
  g_autoptr(SyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) executions = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint kills = 0;

  g_rand_set_seed (rand, seed);
  g_test_message ("seed %u", seed);

  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(GSubprocess) child = spawn_child (self_path, dir, FALSE);
      guint delay_ms = g_rand_int_range (rand, 30, 400);

      g_usleep (delay_ms * 1000);
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      if (g_subprocess_get_if_signaled (child))
        kills++;
    }
  g_assert_cmpuint (kills, >, 0);

  {
    g_autoptr(GSubprocess) child = spawn_child (self_path, dir, TRUE);

    g_subprocess_wait_check (child, NULL, &error);
    g_assert_no_error (error);
  }

  store = sy_store_open (db, SY_STORE_READ_ONLY, &error);
  g_assert_no_error (error);
  executions = sy_store_list_executions (store, &(SyExecutionFilter) { .workflow_key = "crash" }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (executions->len, ==, N_EVENTS);

  for (guint i = 0; i < executions->len; i++)
    {
      SyExecution *listed = g_ptr_array_index (executions, i);
      g_autoptr(SyExecution) execution = sy_store_get_execution (store, listed->id, TRUE, &error);

      g_assert_no_error (error);
      g_assert_nonnull (execution->event_key);
      g_assert_false (g_hash_table_contains (seen, execution->event_key));
      g_hash_table_add (seen, g_strdup (execution->event_key));
      g_assert_cmpstr (sy_status_to_string (execution->status, FALSE), ==, "resolved");
      /* a, b, c, one of t/f, d, e: a second run from the start would double them */
      g_assert_cmpuint (execution->jobs->len, ==, N_NODES);
    }

  /* Counters count each execution once. */
  g_assert_cmpint (sy_store_get_key_executed (store, "crash", &error), ==, N_EVENTS);
  g_assert_no_error (error);

  g_clear_object (&store);
  sy_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *child_dir = g_getenv ("SY_CRASH_CHILD");
  const char *saving_dir = g_getenv ("SY_CRASH_SAVING_CHILD");

  if (child_dir != NULL)
    return run_child (child_dir, g_getenv ("SY_CRASH_FINISH") != NULL);
  if (saving_dir != NULL)
    return run_saving_child (saving_dir);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/crash/exactly-once", test_crash_exactly_once);
  g_test_add_func ("/engine/crash/while-saving", test_crash_while_saving);

  return g_test_run ();
}
