/* test-engine.c — engine behaviour that fixtures can't express:
 * timeouts, cancel, delete_executions, signals, retry from a node. */
#include "config.h"

#include "sy-engine-private.h"
#include "sy-test-engine.h"
#include "sy-webhook-server.h"

typedef SyTestEngine Fixture;

#define WAITING_DOC(key, timeout) \
  "{\"format\": \"switchyard-workflow/1\", \"key\": \"" key "\", \"title\": \"Waits\"," \
  " \"options\": {\"timeout\": " timeout "}," \
  " \"trigger\": {\"type\": \"webhook\", \"config\": {}}," \
  " \"nodes\": [{\"key\": \"wait\", \"type\": \"delay\", \"config\": {\"duration\": 1, \"unit\": \"hour\"}}]}"

static void
test_timeout_aborts_waiting (Fixture      *fixture,
                             gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) started = NULL;
  g_autoptr(SyExecution) later = NULL;
  SyJob *job;

  (void) data;
  sy_test_import (fixture->engine, WAITING_DOC ("slow", "300"));
  started = sy_test_execute (fixture->engine, "slow", NULL, SY_EXECUTE_MANUALLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (started->status, ==, SY_STATUS_STARTED);
  g_assert_cmpint (started->expires_at, >, 0);

  sy_test_sleep_ms (900);
  later = sy_test_get_execution (fixture->engine, started->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_status_to_string (later->status, FALSE), ==, "aborted");
  g_assert_cmpstr (later->reason, ==, "timeout");
  g_assert_cmpuint (later->jobs->len, ==, 1);
  job = g_ptr_array_index (later->jobs, 0);
  g_assert_cmpstr (sy_status_to_string (job->status, TRUE), ==, "aborted");
}

static void
test_cancel_queued (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) queued = NULL;
  g_autoptr(SyExecution) cancelled = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  (void) data;
  sy_test_import (fixture->engine, WAITING_DOC ("later", "0"));
  queued = sy_test_execute (fixture->engine, "later", NULL, SY_EXECUTE_MANUALLY | SY_EXECUTE_NO_WAIT, &error);
  g_assert_no_error (error);

  sy_engine_cancel_async (fixture->engine, queued->id, NULL, sy_test_on_done, &result);
  cancelled = sy_engine_cancel_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_status_to_string (cancelled->status, FALSE), ==, "aborted");
  g_assert_cmpstr (cancelled->reason, ==, "manual_cancel");

  /* Cancelling again says it has ended. */
  g_clear_object (&result);
  sy_engine_cancel_async (fixture->engine, queued->id, NULL, sy_test_on_done, &result);
  g_assert_null (sy_engine_cancel_finish (fixture->engine, sy_test_wait_for (&result), &error));
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
}

static void
test_delete_executions_keeps_counters (Fixture      *fixture,
                                       gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyExecution) gone = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SyVersionRow) row = NULL;

  (void) data;
  sy_test_import (fixture->engine,
          "{\"format\": \"switchyard-workflow/1\", \"key\": \"tidy\", \"title\": \"Tidy\","
          " \"options\": {\"delete_executions\": [\"resolved\"]},"
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": [{\"key\": \"one\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]}");
  done = sy_test_execute (fixture->engine, "tidy", NULL, SY_EXECUTE_MANUALLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_status_to_string (done->status, FALSE), ==, "resolved");

  gone = sy_test_get_execution (fixture->engine, done->id, &error);
  g_assert_null (gone);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_FOUND);

  sy_engine_get_workflow_async (fixture->engine, "tidy", 0, NULL, sy_test_on_done, &result);
  g_clear_error (&error);
  row = sy_engine_get_workflow_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (row->executed, ==, 1);
  g_assert_cmpint (row->key_executed, ==, 1);
}

static guint
delete_executions (Fixture                 *fixture,
                   const SyExecutionFilter *filter,
                   GArray                  *ids,
                   GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  guint n = G_MAXUINT;

  sy_engine_delete_executions_async (fixture->engine, filter, ids, NULL, sy_test_on_done, &result);
  if (!sy_engine_delete_executions_finish (fixture->engine, sy_test_wait_for (&result), &n, error))
    return G_MAXUINT;
  return n;
}

static void
test_delete_executions_in_bulk (Fixture      *fixture,
                                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) still = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  SyExecutionFilter filter = { .workflow_key = "bulk", .has_status = TRUE, .status = SY_STATUS_RESOLVED };

  (void) data;
  sy_test_import (fixture->engine,
          "{\"format\": \"switchyard-workflow/1\", \"key\": \"bulk\", \"title\": \"Bulk\","
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": [{\"key\": \"one\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]}");
  sy_test_import (fixture->engine, WAITING_DOC ("bulk-wait", "0"));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SyExecution) done = sy_test_execute (fixture->engine, "bulk", NULL, SY_EXECUTE_MANUALLY, &error);

      g_assert_no_error (error);
      g_array_append_val (ids, done->id);
    }
  waiting = sy_test_execute (fixture->engine, "bulk-wait", NULL, SY_EXECUTE_MANUALLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (waiting->status, ==, SY_STATUS_STARTED);

  /* By id: the waiting one is refused silently, the first resolved one goes. */
  g_array_set_size (ids, 1);
  g_array_append_val (ids, waiting->id);
  g_assert_cmpuint (delete_executions (fixture, NULL, ids, &error), ==, 1);
  g_assert_no_error (error);
  still = sy_test_get_execution (fixture->engine, waiting->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (still->status, ==, SY_STATUS_STARTED);

  /* By status and key: the two other resolved ones. */
  g_assert_cmpuint (delete_executions (fixture, &filter, NULL, &error), ==, 2);
  g_assert_cmpuint (delete_executions (fixture, &filter, NULL, &error), ==, 0);

  /* The counters still count them. */
  sy_engine_get_workflow_async (fixture->engine, "bulk", 0, NULL, sy_test_on_done, &result);
  row = sy_engine_get_workflow_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (row->executed, ==, 3);
}

typedef struct
{
  GPtrArray *events;
} Recorder;

static void
record (SyEngine    *engine,
        SyExecution *execution,
        gpointer     data)
{
  GPtrArray *events = data;
  const char *name = g_signal_name (g_signal_get_invocation_hint (engine)->signal_id);

  g_ptr_array_add (events, g_strdup_printf ("%s %" G_GINT64_FORMAT " %s", name, execution->id,
                                            sy_status_to_string (execution->status, FALSE)));
}

static void
record_job (SyEngine *engine,
            SyJob    *job,
            gpointer  data)
{
  GPtrArray *events = data;

  (void) engine;
  g_ptr_array_add (events, g_strdup_printf ("job %s %s", job->node_key,
                                            sy_status_to_string (job->status, TRUE)));
}

static gboolean
events_contain (GPtrArray  *events,
                const char *event)
{
  return g_ptr_array_find_with_equal_func (events, event, g_str_equal, NULL);
}

static void
test_signals (Fixture      *fixture,
              gconstpointer data)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autofree char *started = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *finished = NULL;

  (void) data;
  sy_test_import (fixture->engine,
          "{\"format\": \"switchyard-workflow/1\", \"key\": \"loud\", \"title\": \"Loud\","
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": [{\"key\": \"one\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}},"
          "             {\"key\": \"two\", \"type\": \"calculation\", \"config\": {\"expression\": \"2\"}}]}");
  g_signal_connect (fixture->engine, "execution-started", G_CALLBACK (record), events);
  g_signal_connect (fixture->engine, "execution-updated", G_CALLBACK (record), events);
  g_signal_connect (fixture->engine, "execution-finished", G_CALLBACK (record), events);
  g_signal_connect (fixture->engine, "job-updated", G_CALLBACK (record_job), events);

  /* It starts and ends in one commit: each signal still tells its moment. */
  done = sy_test_execute (fixture->engine, "loud", NULL, SY_EXECUTE_MANUALLY, &error);
  g_assert_no_error (error);
  sy_test_sleep_ms (100);

  started = g_strdup_printf ("execution-started %" G_GINT64_FORMAT " started", done->id);
  updated = g_strdup_printf ("execution-updated %" G_GINT64_FORMAT " resolved", done->id);
  finished = g_strdup_printf ("execution-finished %" G_GINT64_FORMAT " resolved", done->id);
  g_assert_true (events_contain (events, started));
  g_assert_true (events_contain (events, updated));
  g_assert_true (events_contain (events, finished));
  g_assert_true (events_contain (events, "job one resolved"));
  g_assert_true (events_contain (events, "job two resolved"));
}

static void
keep_execution (SyEngine    *engine,
                SyExecution *execution,
                gpointer     data)
{
  GPtrArray *kept = data;

  (void) engine;
  g_ptr_array_add (kept, sy_execution_ref (execution));
}

/* What a subscriber keeps stays as it was: later changes are new records. */
static void
test_signals_carry_snapshots (Fixture      *fixture,
                              gconstpointer data)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_execution_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) cancelled = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  SyExecution *first;

  (void) data;
  sy_test_import (fixture->engine, WAITING_DOC ("held", "0"));
  g_signal_connect (fixture->engine, "execution-updated", G_CALLBACK (keep_execution), kept);

  waiting = sy_test_execute (fixture->engine, "held", "{\"n\": 1}", SY_EXECUTE_MANUALLY, &error);
  g_assert_no_error (error);
  sy_test_sleep_ms (100);
  g_assert_cmpuint (kept->len, ==, 1);
  first = g_ptr_array_index (kept, 0);
  g_assert_cmpint (first->id, ==, waiting->id);
  g_assert_cmpint (first->status, ==, SY_STATUS_STARTED);
  g_assert_null (first->jobs);

  sy_engine_cancel_async (fixture->engine, waiting->id, NULL, sy_test_on_done, &result);
  cancelled = sy_engine_cancel_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  sy_test_sleep_ms (100);

  g_assert_cmpuint (kept->len, ==, 2);
  g_assert_true (g_ptr_array_index (kept, 1) != (gpointer) first);
  g_assert_cmpint (((SyExecution *) g_ptr_array_index (kept, 1))->status, ==, SY_STATUS_ABORTED);
  g_assert_cmpint (first->status, ==, SY_STATUS_STARTED);
  g_assert_null (first->reason);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (first->context), "n"), ==, 1);
}

static void
test_retry_from_node_in_branch (Fixture      *fixture,
                                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) first = NULL;
  g_autoptr(SyExecution) again = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  (void) data;
  sy_test_import (fixture->engine,
          "{\"format\": \"switchyard-workflow/1\", \"key\": \"branchy\", \"title\": \"Branchy\","
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": ["
          "  {\"key\": \"a\", \"type\": \"calculation\", \"config\": {\"expression\": \"5\"}},"
          "  {\"key\": \"c\", \"type\": \"condition\", \"config\": {\"engine\": \"jq\","
          "     \"expression\": \"{{$jobsMapByNodeKey.a}} > 1\", \"rejectOnFalse\": false},"
          "   \"branches\": {\"true\": ["
          "     {\"key\": \"t1\", \"type\": \"calculation\", \"config\": {\"expression\": \"{{$jobsMapByNodeKey.a}} * 10\"}},"
          "     {\"key\": \"t2\", \"type\": \"calculation\", \"config\": {\"expression\": \"{{$jobsMapByNodeKey.t1}} + 1\"}}]}},"
          "  {\"key\": \"z\", \"type\": \"calculation\", \"config\": {\"expression\": \"{{$jobsMapByNodeKey.a}} + 100\"}}]}");

  first = sy_test_execute (fixture->engine, "branchy", NULL, SY_EXECUTE_MANUALLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_status_to_string (first->status, FALSE), ==, "resolved");

  sy_engine_retry_async (fixture->engine, first->id, "t2", SY_EXECUTE_NONE, NULL, sy_test_on_done, &result);
  again = sy_engine_retry_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->retry_of, ==, first->id);
  g_assert_cmpstr (sy_status_to_string (again->status, FALSE), ==, "resolved");

  /* Carried over: a, c (re-opened), t1; run again: t2 (from t1's carried
   * result), then the condition resolves and z runs. */
  for (guint i = 0; i < again->jobs->len; i++)
    g_ptr_array_add (keys, ((SyJob *) g_ptr_array_index (again->jobs, i))->node_key);
  g_assert_cmpuint (keys->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (keys, 3), ==, "t2");
  g_assert_cmpstr (g_ptr_array_index (keys, 4), ==, "z");
  g_assert_cmpint (json_node_get_int (((SyJob *) g_ptr_array_index (again->jobs, 3))->result), ==, 51);
  g_assert_cmpint (json_node_get_int (((SyJob *) g_ptr_array_index (again->jobs, 4))->result), ==, 105);
}

/* A refused retry stores nothing: no queued execution is left to run at
 * the next start. */
static void
test_retry_refused_leaves_nothing (Fixture      *fixture,
                                   gconstpointer data)
{
  SyExecutionFilter filter = { .workflow_key = "stops" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) first = NULL;
  g_autoptr(SyExecution) again = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) listed_result = NULL;
  g_autoptr(GPtrArray) listed = NULL;

  (void) data;
  sy_test_import (fixture->engine,
          "{\"format\": \"switchyard-workflow/1\", \"key\": \"stops\", \"title\": \"Stops\","
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": ["
          "  {\"key\": \"a\", \"type\": \"calculation\", \"config\": {\"engine\": \"jq\", \"expression\": \"error(\\\"no\\\")\"}},"
          "  {\"key\": \"b\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}},"
          "  {\"key\": \"c\", \"type\": \"calculation\", \"config\": {\"expression\": \"2\"}}]}");

  first = sy_test_execute (fixture->engine, "stops", NULL, SY_EXECUTE_MANUALLY, &error);
  g_assert_no_error (error);
  g_assert_true (sy_status_is_final (first->status));
  g_assert_cmpint (first->status, !=, SY_STATUS_RESOLVED);

  /* b never ran: retrying from c has nothing to continue from. */
  sy_engine_retry_async (fixture->engine, first->id, "c", SY_EXECUTE_NONE, NULL, sy_test_on_done, &result);
  again = sy_engine_retry_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "never ran"));
  g_assert_null (again);

  sy_engine_list_executions_async (fixture->engine, &filter, NULL, sy_test_on_done, &listed_result);
  listed = sy_engine_list_executions_finish (fixture->engine, sy_test_wait_for (&listed_result), NULL);
  g_assert_nonnull (listed);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (((SyExecution *) g_ptr_array_index (listed, 0))->id, ==, first->id);
}

static void
test_retry_without_waiting (Fixture      *fixture,
                            gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) first = NULL;
  g_autoptr(SyExecution) again = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gint64 deadline;
  gint64 id;

  (void) data;
  sy_test_import (fixture->engine,
          "{\"format\": \"switchyard-workflow/1\", \"key\": \"nap\", \"title\": \"Nap\","
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": [{\"key\": \"nap\", \"type\": \"command\", \"config\": {\"argv\": [\"sleep\", \"0.5\"]}}]}");
  first = sy_test_execute (fixture->engine, "nap", NULL, SY_EXECUTE_MANUALLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_status_to_string (first->status, FALSE), ==, "resolved");

  /* The answer comes while the command still sleeps… */
  sy_engine_retry_async (fixture->engine, first->id, NULL, SY_EXECUTE_NO_WAIT, NULL, sy_test_on_done, &result);
  again = sy_engine_retry_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->retry_of, ==, first->id);
  g_assert_cmpint (again->status, ==, SY_STATUS_STARTED);
  id = again->id;

  /* …and the execution goes on to the end. */
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (again->status == SY_STATUS_STARTED && g_get_monotonic_time () < deadline)
    {
      g_clear_pointer (&again, sy_execution_unref);
      sy_test_sleep_ms (50);
      again = sy_test_get_execution (fixture->engine, id, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpstr (sy_status_to_string (again->status, FALSE), ==, "resolved");
}

static void
test_disabled_needs_manual (Fixture      *fixture,
                            gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) refused = NULL;
  g_autoptr(SyExecution) manual = NULL;

  (void) data;
  sy_test_import (fixture->engine,
          "{\"format\": \"switchyard-workflow/1\", \"key\": \"off\", \"title\": \"Off\", \"enabled\": false,"
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": [{\"key\": \"one\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]}");
  refused = sy_test_execute (fixture->engine, "off", NULL, SY_EXECUTE_NONE, &error);
  g_assert_null (refused);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);

  manual = sy_test_execute (fixture->engine, "off", NULL, SY_EXECUTE_MANUALLY, &error);
  g_assert_no_error (error);
  g_assert_true (manual->manually);
  g_assert_cmpstr (sy_status_to_string (manual->status, FALSE), ==, "resolved");
}

static void
test_sync_refuses_waiting_nodes (Fixture      *fixture,
                                 gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;

  (void) fixture;
  (void) data;
  workflow = sy_workflow_new_from_data (
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"s\", \"title\": \"S\", \"sync\": true,"
    " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
    " \"nodes\": [{\"key\": \"wait\", \"type\": \"delay\", \"config\": {\"duration\": 1, \"unit\": \"second\"}}]}",
    -1, &problems, &error);
  g_assert_null (workflow);
  g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nodes[0]"));
}

static SyVersionRow *
save (Fixture    *fixture,
      SyWorkflow *workflow,
      GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sy_engine_save_async (fixture->engine, workflow, NULL, sy_test_on_done, &result);
  return sy_engine_save_finish (fixture->engine, sy_test_wait_for (&result), error);
}

static SyVersionRow *
get_workflow (Fixture    *fixture,
              const char *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SyVersionRow *row;

  sy_engine_get_workflow_async (fixture->engine, key, 0, NULL, sy_test_on_done, &result);
  row = sy_engine_get_workflow_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return row;
}

static gboolean
set_enabled (Fixture    *fixture,
             const char *key,
             guint       version,
             gboolean    enabled,
             GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sy_engine_set_enabled_async (fixture->engine, key, version, enabled, NULL, sy_test_on_done, &result);
  return sy_engine_set_enabled_finish (fixture->engine, sy_test_wait_for (&result), error);
}

static void
set_expression (SyWorkflow *workflow,
                const char *node,
                const char *expression)
{
  json_object_set_string_member (sy_node_get_config (sy_workflow_find_node (workflow, node)),
                                 "expression", expression);
}

#define DRAFT_DOC(key, enabled) \
  "{\"format\": \"switchyard-workflow/1\", \"key\": \"" key "\", \"title\": \"Draft\"," \
  " \"enabled\": " enabled ", \"trigger\": {\"type\": \"webhook\", \"config\": {}}," \
  " \"nodes\": [{\"key\": \"one\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]}"

/* A draft with problems is stored; enabling and running it are refused
 * with the problems until they are fixed. */
static void
test_draft_with_problems (Fixture      *fixture,
                          gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyVersionRow) stored = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(SyWorkflow) loaded = NULL;
  g_autoptr(SyNode) added = sy_node_new ("two", "calculation");
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  (void) data;
  sy_test_import (fixture->engine, DRAFT_DOC ("draft", "false"));
  row = get_workflow (fixture, "draft");
  g_assert_cmpuint (row->n_problems, ==, 0);
  workflow = sy_version_row_to_workflow (row, &error);
  g_assert_no_error (error);
  g_clear_pointer (&row, sy_version_row_free);

  /* A node just inserted, its expression still empty. */
  sy_node_chain_insert (sy_workflow_get_nodes (workflow), NULL, NULL, 1, added);
  sy_workflow_reindex (workflow);
  set_expression (workflow, "two", "");
  stored = save (fixture, workflow, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->n_problems, ==, 1);

  row = get_workflow (fixture, "draft");
  g_assert_cmpuint (row->n_problems, ==, 1);
  loaded = sy_version_row_to_workflow (row, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sy_workflow_find_node (loaded, "two"));

  sy_engine_list_workflows_async (fixture->engine, NULL, sy_test_on_done, &listed);
  rows = sy_engine_list_workflows_finish (fixture->engine, sy_test_wait_for (&listed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (((SyVersionRow *) g_ptr_array_index (rows, 0))->n_problems, ==, 1);

  g_assert_false (set_enabled (fixture, "draft", 0, TRUE, &error));
  g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "the workflow has 1 problem to fix before it can be enabled:\n"
                   "nodes[1].config.expression: an expression is required");
  g_clear_error (&error);
  g_clear_pointer (&row, sy_version_row_free);
  row = get_workflow (fixture, "draft");
  g_assert_false (row->enabled);

  execution = sy_test_execute (fixture->engine, "draft", NULL, SY_EXECUTE_MANUALLY, &error);
  g_assert_null (execution);
  g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "the workflow has 1 problem to fix before it can run:\n"));
  g_clear_error (&error);

  /* Fixed: the same version enables and runs. */
  set_expression (workflow, "two", "2");
  g_clear_pointer (&stored, sy_version_row_free);
  stored = save (fixture, workflow, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->n_problems, ==, 0);
  g_assert_cmpuint (stored->version, ==, 1);
  g_assert_true (set_enabled (fixture, "draft", 0, TRUE, &error));
  g_assert_no_error (error);
  execution = sy_test_execute (fixture->engine, "draft", NULL, SY_EXECUTE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_status_to_string (execution->status, FALSE), ==, "resolved");
  g_assert_cmpuint (execution->jobs->len, ==, 2);
}

/* Only what could not be read back is refused. */
static void
test_save_refuses_broken_structure (Fixture      *fixture,
                                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyVersionRow) stored = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(SyNode) twin = sy_node_new ("one", "calculation");

  (void) data;
  sy_test_import (fixture->engine, DRAFT_DOC ("twins", "false"));
  row = get_workflow (fixture, "twins");
  workflow = sy_version_row_to_workflow (row, &error);
  g_assert_no_error (error);

  sy_node_chain_insert (sy_workflow_get_nodes (workflow), NULL, NULL, 1, twin);
  sy_workflow_reindex (workflow);
  stored = save (fixture, workflow, &error);
  g_assert_null (stored);
  g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nodes[1].key: duplicate key “one”"));
  g_clear_error (&error);

  /* Import stays strict: a document with problems is not stored. */
  g_clear_object (&workflow);
  workflow = sy_workflow_new_draft_from_data (DRAFT_DOC ("strict", "false"), -1, NULL, &error);
  g_assert_no_error (error);
  set_expression (workflow, "one", "");
  {
    g_autoptr(GAsyncResult) result = NULL;

    sy_engine_import_async (fixture->engine, workflow, NULL, sy_test_on_done, &result);
    stored = sy_engine_import_finish (fixture->engine, sy_test_wait_for (&result), &error);
    g_assert_null (stored);
    g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID);
  }
}

static gboolean
wait_for_port (SyEngine *engine,
               gboolean  listening)
{
  SyWebhookServer *server = _sy_engine_get_webhook_server (engine);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((sy_webhook_server_get_port (server) > 0) != listening && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);

  return (sy_webhook_server_get_port (server) > 0) == listening;
}

/* An enabled version edited into a draft with problems stops its trigger
 * and starts it again once fixed. */
static void
test_enabled_draft_stops_trigger (Fixture      *fixture,
                                  gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyVersionRow) stored = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;

  (void) data;
  g_object_set (fixture->engine, "webhook-port", 0, NULL);
  sy_test_import (fixture->engine, DRAFT_DOC ("live", "true"));
  g_assert_true (wait_for_port (fixture->engine, TRUE));

  row = get_workflow (fixture, "live");
  workflow = sy_version_row_to_workflow (row, &error);
  g_assert_no_error (error);
  set_expression (workflow, "one", "");
  stored = save (fixture, workflow, &error);
  g_assert_no_error (error);
  g_assert_true (stored->enabled);
  g_assert_cmpuint (stored->n_problems, ==, 1);
  g_assert_true (wait_for_port (fixture->engine, FALSE));

  set_expression (workflow, "one", "1 + 1");
  g_clear_pointer (&stored, sy_version_row_free);
  stored = save (fixture, workflow, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for_port (fixture->engine, TRUE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, sy_test_engine_set_up, func, sy_test_engine_tear_down)
  ADD ("/engine/timeout-aborts-waiting", test_timeout_aborts_waiting);
  ADD ("/engine/cancel-queued", test_cancel_queued);
  ADD ("/engine/delete-executions-keeps-counters", test_delete_executions_keeps_counters);
  ADD ("/engine/delete-executions-in-bulk", test_delete_executions_in_bulk);
  ADD ("/engine/signals", test_signals);
  ADD ("/engine/signals-carry-snapshots", test_signals_carry_snapshots);
  ADD ("/engine/retry-from-node-in-branch", test_retry_from_node_in_branch);
  ADD ("/engine/retry-without-waiting", test_retry_without_waiting);
  ADD ("/engine/retry-refused-leaves-nothing", test_retry_refused_leaves_nothing);
  ADD ("/engine/disabled-needs-manual", test_disabled_needs_manual);
  ADD ("/engine/sync-refuses-waiting-nodes", test_sync_refuses_waiting_nodes);
  ADD ("/engine/draft/with-problems", test_draft_with_problems);
  ADD ("/engine/draft/save-refuses-broken-structure", test_save_refuses_broken_structure);
  ADD ("/engine/draft/enabled-draft-stops-trigger", test_enabled_draft_stops_trigger);
#undef ADD

  return g_test_run ();
}
