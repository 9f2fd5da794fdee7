/* test-nodes-catalogue.c — what fixtures cannot express for the catalogue's
 * node kinds: sandbox escapes, process groups, timers across a restart,
 * subflows between several workflows
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

#include "sy-test-engine.h"

typedef SyTestEngine Fixture;

/* Polls until the execution leaves "started", for at most `limit_ms`. */
static SyExecution *
wait_until_ended (SyEngine *engine,
                  gint64    id,
                  guint     limit_ms)
{
  gint64 deadline = g_get_monotonic_time () + limit_ms * (gint64) 1000;

  for (;;)
    {
      SyExecution *execution = sy_test_get_execution (engine, id, NULL);

      if (execution->status != SY_STATUS_STARTED || g_get_monotonic_time () > deadline)
        return execution;
      sy_execution_unref (execution);
      sy_test_sleep_ms (50);
    }
}

static const char *
job_message (SyJob *job)
{
  if (job == NULL || job->result == NULL || !JSON_NODE_HOLDS_OBJECT (job->result))
    return "";
  return json_object_get_string_member_with_default (json_node_get_object (job->result), "message", "");
}

/* ── script ────────────────────────────────────────────────────────────── */

static void
test_script_escapes (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct { const char *code; const char *message; } attempts[] = {
    { "return io.open('/etc/passwd')", "global 'io'" },
    { "return os.execute('touch /tmp/escaped')", "field 'execute'" },
    { "return os.getenv('HOME')", "field 'getenv'" },
    { "return require('io')", "global 'require'" },
    { "local f = function () return 1 end\\nreturn load(string.dump(f))()", "field 'dump'" },
    { "return assert(load('\\\\27Lua'))", "attempt to load a binary chunk" },
    { "return debug.getregistry()", "global 'debug'" },
    { "return dofile('/etc/passwd')", "global 'dofile'" },
    { "local s = string.rep('x', 1024 * 1024 * 1024)\\nreturn #s", "memory limit" },
    { "local t = {}\\nwhile true do t[#t + 1] = t end", "" },
    { "while true do end", "time limit" },
    { "local ok = pcall(function () while true do end end)\\nwhile true do end", "time limit" },
    { "setmetatable({}, {__gc = function () while true do end end})", "__gc" },
  };

  (void) data;

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_autofree char *key = g_strdup_printf ("escape-%u", i);
      g_autofree char *nodes = g_strdup_printf ("[{\"key\": \"s\", \"type\": \"script\", "
                                                "\"config\": {\"content\": \"%s\", \"timeout\": 300}}]",
                                                attempts[i].code);
      g_autoptr(SyExecution) execution = NULL;
      SyJob *job;

      sy_test_import_nodes (fixture->engine, key, FALSE, nodes);
      execution = sy_test_execute (fixture->engine, key, NULL, SY_EXECUTE_MANUALLY, NULL);
      job = sy_test_find_job (execution, "s");
      g_assert_nonnull (job);
      g_test_message ("%s → %s", attempts[i].code, job_message (job));
      g_assert_cmpint (execution->status, ==, SY_STATUS_ERROR);
      g_assert_cmpint (job->status, ==, SY_STATUS_ERROR);
      g_assert_nonnull (strstr (job_message (job), attempts[i].message));
    }

  g_assert_false (g_file_test ("/tmp/escaped", G_FILE_TEST_EXISTS));

  /* The engine is still fine. */
  {
    g_autoptr(SyExecution) execution = NULL;

    sy_test_import_nodes (fixture->engine, "after", FALSE,
            "[{\"key\": \"s\", \"type\": \"script\", \"config\": {\"content\": \"return 6 * 7\"}}]");
    execution = sy_test_execute (fixture->engine, "after", NULL, SY_EXECUTE_MANUALLY, NULL);
    g_assert_cmpint (execution->status, ==, SY_STATUS_RESOLVED);
    g_assert_cmpint (json_node_get_int (sy_test_find_job (execution, "s")->result), ==, 42);
  }
}

static void
test_script_print (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SyExecution) execution = NULL;
  SyJob *job;

  (void) data;
  sy_test_import_nodes (fixture->engine, "printing", FALSE,
          "[{\"key\": \"s\", \"type\": \"script\", \"config\": {\"arguments\": [{\"name\": \"who\", "
          "\"value\": \"{{$context.who}}\"}], \"content\": \"print('hello', who, 3)\\nreturn who\"}}]");
  execution = sy_test_execute (fixture->engine, "printing", "{\"who\": \"Ada\"}", SY_EXECUTE_MANUALLY, NULL);
  job = sy_test_find_job (execution, "s");
  g_assert_cmpint (job->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpstr (json_node_get_string (job->result), ==, "Ada");
  g_assert_nonnull (job->log);
  g_assert_nonnull (strstr (job->log, "hello\tAda\t3"));
}

/* ── command ───────────────────────────────────────────────────────────── */

static gboolean
process_is_gone (gint64 pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/stat", pid);
  g_autofree char *stat = NULL;
  const char *close;

  if (kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
    return TRUE;
  /* A zombie waiting for a reaper is gone too. */
  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;
  close = strrchr (stat, ')');
  return close != NULL && close[1] == ' ' && close[2] == 'Z';
}

static void
test_command_timeout_kills_group (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(SyExecution) execution = NULL;
  const char *output;
  gint64 grandchild;
  SyJob *job;

  (void) data;
  sy_test_import_nodes (fixture->engine, "sleepers", FALSE,
          "[{\"key\": \"c\", \"type\": \"command\", \"config\": {\"argv\": [\"sh\", \"-c\", "
          "\"sleep 100 & echo $!; sleep 100\"], \"timeout\": 500}}]");
  execution = sy_test_execute (fixture->engine, "sleepers", NULL, SY_EXECUTE_MANUALLY, NULL);
  job = sy_test_find_job (execution, "c");

  g_assert_cmpint (execution->status, ==, SY_STATUS_ABORTED);
  g_assert_cmpint (job->status, ==, SY_STATUS_ABORTED);
  g_assert_nonnull (strstr (job_message (job), "did not finish within 500 ms"));

  output = json_object_get_string_member (json_node_get_object (job->result), "stdout");
  grandchild = g_ascii_strtoll (output, NULL, 10);
  g_assert_cmpint (grandchild, >, 1);
  for (guint i = 0; i < 40 && !process_is_gone (grandchild); i++)
    sy_test_sleep_ms (50);
  g_assert_true (process_is_gone (grandchild));
}

/* Starts `key` without waiting for it to end. */
static SyExecution *
execute_no_wait (SyEngine   *engine,
                 const char *key)
{
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  SyExecution *execution;

  sy_engine_execute_async (engine, key, NULL, SY_EXECUTE_MANUALLY | SY_EXECUTE_NO_WAIT,
                           NULL, sy_test_on_done, &done);
  execution = sy_engine_execute_finish (engine, sy_test_wait_for (&done), &error);
  g_assert_no_error (error);
  return execution;
}

/* The pids a program wrote into `path` as one line (the shell creates the
 * file before echo writes it: wait for the newline); asserts they run. */
static GStrv
wait_for_pids (const char *path)
{
  g_autofree char *text = NULL;
  GStrv pids;

  for (guint i = 0; i < 200; i++)
    {
      g_clear_pointer (&text, g_free);
      if (g_file_get_contents (path, &text, NULL, NULL) && strchr (text, '\n') != NULL)
        break;
      sy_test_sleep_ms (50);
    }
  g_assert_nonnull (text);
  g_assert_nonnull (strchr (text, '\n'));
  pids = g_strsplit (g_strstrip (text), " ", -1);
  for (guint i = 0; pids[i] != NULL; i++)
    {
      g_assert_cmpint (g_ascii_strtoll (pids[i], NULL, 10), >, 1);
      g_assert_false (process_is_gone (g_ascii_strtoll (pids[i], NULL, 10)));
    }
  return pids;
}

static void
test_command_cancel_kills_group (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(SyExecution) cancelled = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pid_file = g_build_filename (fixture->dir, "pid", NULL);
  g_autofree char *nodes = g_strdup_printf ("[{\"key\": \"c\", \"type\": \"command\", \"config\": "
                                            "{\"argv\": [\"sh\", \"-c\", \"sleep 100 & echo $! > %s; "
                                            "sleep 100\"]}}]", pid_file);
  g_auto(GStrv) pids = NULL;
  gint64 grandchild;

  (void) data;
  sy_test_import_nodes (fixture->engine, "cancelled", FALSE, nodes);
  execution = execute_no_wait (fixture->engine, "cancelled");
  pids = wait_for_pids (pid_file);
  grandchild = g_ascii_strtoll (pids[0], NULL, 10);

  sy_engine_cancel_async (fixture->engine, execution->id, NULL, sy_test_on_done, &done);
  cancelled = sy_engine_cancel_finish (fixture->engine, sy_test_wait_for (&done), &error);
  g_assert_no_error (error);
  g_assert_cmpint (cancelled->status, ==, SY_STATUS_ABORTED);

  for (guint i = 0; i < 40 && !process_is_gone (grandchild); i++)
    sy_test_sleep_ms (50);
  g_assert_true (process_is_gone (grandchild));
}

/* Stopping the engine ends every program it runs: SIGTERM first (one
 * program cleans up on it), SIGKILL after a grace (the other ignores it).
 * sy_engine_stop() returns once the programs and what they started are
 * gone; their jobs stay pending, and the next start ends them with the
 * "stopped while running" error without running them again. */
static void
test_command_stop_ends_groups (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *term_file = g_build_filename (fixture->dir, "got-term", NULL);
  g_autofree char *polite_pids = g_build_filename (fixture->dir, "polite", NULL);
  g_autofree char *stubborn_pids = g_build_filename (fixture->dir, "stubborn", NULL);
  g_autofree char *polite = g_strdup_printf ("[{\"key\": \"c\", \"type\": \"command\", \"config\": "
                                             "{\"argv\": [\"sh\", \"-c\", \"trap 'echo term > %s; exit 0' TERM; "
                                             "sleep 60 & echo $$ $! > %s; wait\"]}},"
                                             " {\"key\": \"after\", \"type\": \"calculation\", "
                                             "\"config\": {\"expression\": \"1\"}}]",
                                             term_file, polite_pids);
  g_autofree char *stubborn = g_strdup_printf ("[{\"key\": \"c\", \"type\": \"command\", \"config\": "
                                               "{\"argv\": [\"sh\", \"-c\", \"trap '' TERM; "
                                               "sleep 60 & echo $$ $! > %s; wait\"]}}]", stubborn_pids);
  g_autoptr(SyExecution) first = NULL;
  g_autoptr(SyExecution) second = NULL;
  g_autoptr(GPtrArray) pids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *term = NULL;
  gpointer stopped;
  gint64 stop_started;

  (void) data;
  sy_test_import_nodes (fixture->engine, "polite", FALSE, polite);
  sy_test_import_nodes (fixture->engine, "stubborn", FALSE, stubborn);
  first = execute_no_wait (fixture->engine, "polite");
  second = execute_no_wait (fixture->engine, "stubborn");
  g_ptr_array_add (pids, wait_for_pids (polite_pids));
  g_ptr_array_add (pids, wait_for_pids (stubborn_pids));

  stop_started = g_get_monotonic_time ();
  sy_engine_stop (fixture->engine);
  g_test_message ("the stop took %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - stop_started) / 1000);

  for (guint i = 0; i < pids->len; i++)
    for (char **pid = g_ptr_array_index (pids, i); *pid != NULL; pid++)
      g_assert_true (process_is_gone (g_ascii_strtoll (*pid, NULL, 10)));
  g_assert_true (g_file_get_contents (term_file, &term, NULL, NULL));
  g_assert_cmpstr (term, ==, "term\n");

  /* Nothing a program left behind keeps the engine alive (its last
   * signals hold it until they are emitted here). */
  stopped = fixture->engine;
  g_object_add_weak_pointer (stopped, &stopped);
  g_clear_object (&fixture->engine);
  while (stopped != NULL && g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (stopped);

  fixture->engine = sy_test_engine_new (fixture->dir);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SyExecution) after = sy_test_get_execution (fixture->engine, i == 0 ? first->id : second->id,
                                                            NULL);
      SyJob *job = sy_test_find_job (after, "c");

      g_assert_cmpint (after->status, ==, SY_STATUS_ERROR);
      g_assert_cmpuint (after->jobs->len, ==, 1);
      g_assert_cmpint (job->status, ==, SY_STATUS_ERROR);
      g_assert_nonnull (strstr (job_message (job), "stopped while this node was running"));
    }
}

/* ── delay ─────────────────────────────────────────────────────────────── */

static void
test_delay_runs_while_others_run (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) other = NULL;
  g_autoptr(SyExecution) ended = NULL;

  (void) data;
  sy_test_import_nodes (fixture->engine, "short-delay", FALSE,
          "[{\"key\": \"wait\", \"type\": \"delay\", \"config\": {\"duration\": 1, \"unit\": \"second\"}},"
          " {\"key\": \"after\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]");
  sy_test_import_nodes (fixture->engine, "quick", FALSE,
          "[{\"key\": \"c\", \"type\": \"calculation\", \"config\": {\"expression\": \"2\"}}]");

  waiting = sy_test_execute (fixture->engine, "short-delay", NULL, SY_EXECUTE_MANUALLY, NULL);
  g_assert_cmpint (waiting->status, ==, SY_STATUS_STARTED);

  other = sy_test_execute (fixture->engine, "quick", NULL, SY_EXECUTE_MANUALLY, NULL);
  g_assert_cmpint (other->status, ==, SY_STATUS_RESOLVED);

  /* The other one ran while the delay waited: it ended first (the
   * engine's own times, not how long this test took). */
  ended = wait_until_ended (fixture->engine, waiting->id, 5000);
  g_assert_cmpint (ended->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpint (other->finished_at, <, ended->finished_at);
  g_assert_cmpint (ended->finished_at - ended->started_at, >=, 1000);
  g_assert_cmpint (json_node_get_int (sy_test_find_job (ended, "wait")->result), ==, 1000);
}

static void
test_delay_survives_restart (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) ended = NULL;
  guint delay_jobs = 0;

  (void) data;
  sy_test_import_nodes (fixture->engine, "restart-delay", FALSE,
          "[{\"key\": \"wait\", \"type\": \"delay\", \"config\": {\"duration\": 2}},"
          " {\"key\": \"after\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]");
  waiting = sy_test_execute (fixture->engine, "restart-delay", NULL, SY_EXECUTE_MANUALLY, NULL);
  g_assert_cmpint (waiting->status, ==, SY_STATUS_STARTED);

  sy_engine_stop (fixture->engine);
  g_clear_object (&fixture->engine);
  fixture->engine = sy_test_engine_new (fixture->dir);

  ended = wait_until_ended (fixture->engine, waiting->id, 6000);
  g_assert_cmpint (ended->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpint (ended->finished_at - ended->started_at, >=, 2000);

  for (guint i = 0; i < ended->jobs->len; i++)
    if (g_str_equal (((SyJob *) g_ptr_array_index (ended->jobs, i))->node_key, "wait"))
      delay_jobs++;
  g_assert_cmpuint (delay_jobs, ==, 1);
  g_assert_cmpint (sy_test_find_job (ended, "wait")->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpuint (ended->jobs->len, ==, 2);

  /* Nothing fires a second time. */
  sy_test_sleep_ms (500);
  g_clear_pointer (&ended, sy_execution_unref);
  ended = sy_test_get_execution (fixture->engine, waiting->id, NULL);
  g_assert_cmpuint (ended->jobs->len, ==, 2);
}

/* ── subflow ───────────────────────────────────────────────────────────── */

static void
test_subflow_output (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SyExecution) execution = NULL;
  SyJob *job;

  (void) data;
  sy_test_import_nodes (fixture->engine, "child", FALSE,
          "[{\"key\": \"out\", \"type\": \"output\", \"config\": {\"value\": {\"doubled\": \"{{$context.n}}\"}}}]");
  sy_test_import_nodes (fixture->engine, "parent", FALSE,
          "[{\"key\": \"call\", \"type\": \"subflow\", \"config\": {\"workflow\": \"child\", "
          "\"context\": {\"n\": \"{{$context.n}}\"}}},"
          " {\"key\": \"next\", \"type\": \"calculation\", \"config\": {\"expression\": "
          "\"{{$jobsMapByNodeKey.call.doubled}} * 2\"}}]");
  execution = sy_test_execute (fixture->engine, "parent", "{\"n\": 21}", SY_EXECUTE_MANUALLY, NULL);

  g_assert_cmpint (execution->status, ==, SY_STATUS_RESOLVED);
  job = sy_test_find_job (execution, "call");
  g_assert_cmpint (job->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (job->result), "doubled"), ==, 21);
  g_assert_cmpint (json_node_get_int (sy_test_find_job (execution, "next")->result), ==, 42);
}

static void
test_subflow_failure_bubbles (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(SyExecution) execution = NULL;
  JsonObject *result;
  SyJob *job;

  (void) data;
  sy_test_import_nodes (fixture->engine, "failing", FALSE,
          "[{\"key\": \"stop\", \"type\": \"end\", \"config\": {\"endStatus\": \"failed\"}}]");
  sy_test_import_nodes (fixture->engine, "caller", FALSE,
          "[{\"key\": \"call\", \"type\": \"subflow\", \"config\": {\"workflow\": \"failing\"}},"
          " {\"key\": \"never\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]");
  execution = sy_test_execute (fixture->engine, "caller", NULL, SY_EXECUTE_MANUALLY, NULL);

  g_assert_cmpint (execution->status, ==, SY_STATUS_FAILED);
  job = sy_test_find_job (execution, "call");
  g_assert_cmpint (job->status, ==, SY_STATUS_FAILED);
  result = json_node_get_object (job->result);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "failed");
  g_assert_cmpint (json_object_get_int_member (result, "execution"), >, execution->id);
  g_assert_nonnull (strstr (json_object_get_string_member (result, "message"), "failed"));
  g_assert_null (sy_test_find_job (execution, "never"));
}

static void
test_subflow_sync_calls_async (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(SyExecution) execution = NULL;

  (void) data;
  sy_test_import_nodes (fixture->engine, "slow-child", FALSE,
          "[{\"key\": \"c\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]");
  sy_test_import_nodes (fixture->engine, "sync-caller", TRUE,
          "[{\"key\": \"call\", \"type\": \"subflow\", \"config\": {\"workflow\": \"slow-child\"}}]");
  execution = sy_test_execute (fixture->engine, "sync-caller", NULL, SY_EXECUTE_MANUALLY, NULL);

  g_assert_cmpint (execution->status, ==, SY_STATUS_ERROR);
  g_assert_nonnull (strstr (job_message (sy_test_find_job (execution, "call")), "asynchronous"));

  /* A sync callee is fine. */
  sy_test_import_nodes (fixture->engine, "sync-child", TRUE,
          "[{\"key\": \"out\", \"type\": \"output\", \"config\": {\"value\": 5}}]");
  sy_test_import_nodes (fixture->engine, "sync-caller-2", TRUE,
          "[{\"key\": \"call\", \"type\": \"subflow\", \"config\": {\"workflow\": \"sync-child\"}}]");
  g_clear_pointer (&execution, sy_execution_unref);
  execution = sy_test_execute (fixture->engine, "sync-caller-2", NULL, SY_EXECUTE_MANUALLY, NULL);
  g_assert_cmpint (execution->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpint (json_node_get_int (sy_test_find_job (execution, "call")->result), ==, 5);
}

static void
test_subflow_cancel_aborts_child (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(SyExecution) cancelled = NULL;
  g_autoptr(SyExecution) child = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(SyStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  (void) data;
  sy_test_import_nodes (fixture->engine, "waiting-child", FALSE,
          "[{\"key\": \"wait\", \"type\": \"delay\", \"config\": {\"duration\": 60}}]");
  sy_test_import_nodes (fixture->engine, "waiting-parent", FALSE,
          "[{\"key\": \"call\", \"type\": \"subflow\", \"config\": {\"workflow\": \"waiting-child\"}}]");
  sy_engine_execute_async (fixture->engine, "waiting-parent", NULL, SY_EXECUTE_MANUALLY | SY_EXECUTE_NO_WAIT,
                           NULL, sy_test_on_done, &done);
  execution = sy_engine_execute_finish (fixture->engine, sy_test_wait_for (&done), &error);
  g_assert_no_error (error);
  g_clear_object (&done);

  reader = sy_engine_open_reader (fixture->engine, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 100; i++)
    {
      g_clear_pointer (&children, g_ptr_array_unref);
      children = sy_store_list_child_executions (reader, execution->id, &error);
      g_assert_no_error (error);
      if (children->len > 0)
        break;
      sy_test_sleep_ms (50);
    }
  g_assert_cmpuint (children->len, ==, 1);

  sy_engine_cancel_async (fixture->engine, execution->id, NULL, sy_test_on_done, &done);
  cancelled = sy_engine_cancel_finish (fixture->engine, sy_test_wait_for (&done), &error);
  g_assert_no_error (error);
  g_assert_cmpint (cancelled->status, ==, SY_STATUS_ABORTED);

  child = sy_test_get_execution (fixture->engine, ((SyExecution *) g_ptr_array_index (children, 0))->id, NULL);
  g_assert_cmpint (child->status, ==, SY_STATUS_ABORTED);
  g_assert_cmpstr (child->reason, ==, "parent_aborted");
  g_assert_cmpint (sy_test_find_job (child, "wait")->status, ==, SY_STATUS_ABORTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, sy_test_engine_set_up, func, sy_test_engine_tear_down)

  ADD ("/nodes/script/escapes", test_script_escapes);
  ADD ("/nodes/script/print", test_script_print);
  ADD ("/nodes/command/timeout-kills-group", test_command_timeout_kills_group);
  ADD ("/nodes/command/cancel-kills-group", test_command_cancel_kills_group);
  ADD ("/nodes/command/stop-ends-groups", test_command_stop_ends_groups);
  ADD ("/nodes/delay/others-run-meanwhile", test_delay_runs_while_others_run);
  ADD ("/nodes/delay/survives-restart", test_delay_survives_restart);
  ADD ("/nodes/subflow/output", test_subflow_output);
  ADD ("/nodes/subflow/failure-bubbles", test_subflow_failure_bubbles);
  ADD ("/nodes/subflow/sync-calls-async", test_subflow_sync_calls_async);
  ADD ("/nodes/subflow/cancel-aborts-child", test_subflow_cancel_aborts_child);

  return g_test_run ();
}
