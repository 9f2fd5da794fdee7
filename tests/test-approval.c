/* test-approval.c — the approval node, requests of the approval trigger,
 * tasks withdrawn when executions end, and the people directory */
#include "config.h"

#include <string.h>

#include "sy-test-engine.h"

#define FIXTURE SyTestEngine

/* A workflow "ok" whose nodes are: prep (calculation), the approval
 * `config`, after (calculation). */
#define APPROVAL_NODES(config) \
  "[{\"key\": \"prep\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}," \
  " {\"key\": \"ok\", \"type\": \"approval\", \"title\": \"Approve it\", \"config\": " config "}," \
  " {\"key\": \"after\", \"type\": \"calculation\", \"config\": {\"expression\": \"2\"}}]"

static SyExecution *
run_nodes (FIXTURE    *fixture,
           const char *nodes_json,
           const char *context_json)
{
  return sy_test_run_nodes (fixture->engine, "approve", nodes_json, context_json);
}

static SyExecution *
reload (FIXTURE     *fixture,
        SyExecution *execution)
{
  return sy_test_get_execution (fixture->engine, execution->id, NULL);
}

static SyTask *
act (FIXTURE    *fixture,
     gint64      task_id,
     const char *action,
     const char *values_json,
     GError    **error)
{
  return sy_test_submit_task (fixture->engine, task_id, action, values_json, error);
}

/* `assignee` takes `action` on their open task, which then has `status`. */
static void
decide (FIXTURE    *fixture,
        const char *assignee,
        const char *action,
        const char *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyTask) task = act (fixture, sy_test_open_task_of (fixture->engine, assignee),
                                action, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sy_task_status_to_string (task), ==, status);
}

static void
approve (FIXTURE    *fixture,
         const char *assignee)
{
  decide (fixture, assignee, "approve", "resolved");
}

static void
reject (FIXTURE    *fixture,
        const char *assignee)
{
  decide (fixture, assignee, "reject", "rejected");
}

static SyTask *
return_task (FIXTURE    *fixture,
             gint64      task_id,
             const char *to,
             GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sy_engine_return_task_async (fixture->engine, task_id, to, "please redo", NULL, sy_test_on_done, &result);
  return sy_engine_return_task_finish (fixture->engine, sy_test_wait_for (&result), error);
}

static SyTask *
delegate_task (FIXTURE    *fixture,
               gint64      task_id,
               const char *to,
               GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sy_engine_delegate_task_async (fixture->engine, task_id, to, "over to you", NULL, sy_test_on_done, &result);
  return sy_engine_delegate_task_finish (fixture->engine, sy_test_wait_for (&result), error);
}

static SyTask *
add_assignees (FIXTURE            *fixture,
               gint64              task_id,
               const char * const *people,
               gboolean            before,
               GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sy_engine_add_task_assignees_async (fixture->engine, task_id, people, before, NULL, NULL,
                                      sy_test_on_done, &result);
  return sy_engine_add_task_assignees_finish (fixture->engine, sy_test_wait_for (&result), error);
}

/* Open tasks as "assignee,assignee" in id order. */
static char *
open_assignees (FIXTURE *fixture)
{
  g_autoptr(GPtrArray) tasks = sy_test_list_tasks (fixture->engine, FALSE);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = tasks->len; i > 0; i--)
    {
      SyTask *task = g_ptr_array_index (tasks, i - 1);

      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "", task->assignee);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Statuses of every task of `execution`, "assignee:status" in id order. */
static char *
task_statuses (FIXTURE *fixture)
{
  g_autoptr(GPtrArray) tasks = sy_test_list_tasks (fixture->engine, TRUE);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = tasks->len; i > 0; i--)
    {
      SyTask *task = g_ptr_array_index (tasks, i - 1);

      g_string_append_printf (text, "%s%s:%s", text->len > 0 ? " " : "", task->assignee,
                              sy_task_status_to_string (task));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
count_jobs (SyExecution *execution,
            const char  *node_key)
{
  guint count = 0;

  for (guint i = 0; i < execution->jobs->len; i++)
    if (g_str_equal (((SyJob *) g_ptr_array_index (execution->jobs, i))->node_key, node_key))
      count++;

  return count;
}

static SyJob *
last_job (SyExecution *execution,
          const char  *node_key)
{
  for (guint i = execution->jobs->len; i > 0; i--)
    {
      SyJob *job = g_ptr_array_index (execution->jobs, i - 1);

      if (g_str_equal (job->node_key, node_key))
        return job;
    }

  return NULL;
}

/* The "action" of each record of an approval result, "who:action" joined. */
static char *
records_of (JsonNode *result)
{
  JsonArray *records = json_object_get_array_member (json_node_get_object (result), "records");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      g_assert_true (json_object_has_member (record, "comment"));
      g_assert_nonnull (json_object_get_string_member (record, "at"));
      g_string_append_printf (text, "%s%s:%s", i > 0 ? " " : "",
                              json_object_get_string_member (record, "assignee"),
                              json_object_get_string_member (record, "action"));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
result_status (SyJob *job)
{
  return json_object_get_string_member (json_node_get_object (job->result), "status");
}

#define ASSERT_OPEN(fixture, expected) \
  G_STMT_START { g_autofree char *_open = open_assignees (fixture); \
                 g_assert_cmpstr (_open, ==, expected); } G_STMT_END

#define ASSERT_TASKS(fixture, expected) \
  G_STMT_START { g_autofree char *_all = task_statuses (fixture); \
                 g_assert_cmpstr (_all, ==, expected); } G_STMT_END

/* ── Negotiation ────────────────────────────────────────────────────────── */

static void
test_any_approves (FIXTURE      *fixture,
                   gconstpointer data)
{
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autofree char *records = NULL;
  SyJob *job;

  (void) data;
  waiting = run_nodes (fixture,
                       APPROVAL_NODES ("{\"assignees\": [\"me\", \"ann\", \"bob\"],"
                                       " \"form\": [{\"name\": \"days\", \"type\": \"number\", \"default\": \"{{$context.days}}\"}]}"),
                       "{\"days\": 3}");
  g_assert_cmpint (waiting->status, ==, SY_STATUS_STARTED);
  ASSERT_OPEN (fixture, "me,ann,bob");

  open = sy_test_list_tasks (fixture->engine, FALSE);
  g_assert_cmpstr (((SyTask *) g_ptr_array_index (open, 0))->type, ==, "approval");
  g_assert_cmpstr (((SyTask *) g_ptr_array_index (open, 0))->title, ==, "Approve it");

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SyTask) task = act (fixture, sy_test_open_task_of (fixture->engine, "ann"), "approve",
                                  "{\"days\": 2}", &error);

    g_assert_no_error (error);
  }

  done = reload (fixture, waiting);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  job = sy_test_find_job (done, "ok");
  g_assert_cmpint (job->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpstr (result_status (job), ==, "approved");
  records = records_of (job->result);
  g_assert_cmpstr (records, ==, "ann:approve");
  sy_test_assert_json (json_object_get_member (json_node_get_object (job->result), "data"), "{\"days\":2}");
  g_assert_nonnull (sy_test_find_job (done, "after"));
  ASSERT_TASKS (fixture, "me:withdrawn ann:resolved bob:withdrawn");
}

static void
test_any_rejects (FIXTURE      *fixture,
                  gconstpointer data)
{
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;

  (void) data;
  waiting = run_nodes (fixture, APPROVAL_NODES ("{\"assignees\": [\"me\", \"ann\"]}"), NULL);
  reject (fixture, "me");

  /* Pass-through: a rejection ends the workflow. */
  done = reload (fixture, waiting);
  g_assert_cmpint (done->status, ==, SY_STATUS_REJECTED);
  g_assert_cmpstr (result_status (sy_test_find_job (done, "ok")), ==, "rejected");
  g_assert_null (sy_test_find_job (done, "after"));
  ASSERT_TASKS (fixture, "me:rejected ann:withdrawn");
}

static void
test_all (FIXTURE      *fixture,
          gconstpointer data)
{
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyExecution) second = NULL;
  g_autofree char *records = NULL;

  (void) data;
  waiting = run_nodes (fixture, APPROVAL_NODES ("{\"assignees\": [\"me\", \"ann\"], \"negotiation\": \"all\"}"), NULL);
  approve (fixture, "me");
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_STARTED);
  ASSERT_OPEN (fixture, "ann");

  approve (fixture, "ann");
  done = reload (fixture, waiting);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  records = records_of (sy_test_find_job (done, "ok")->result);
  g_assert_cmpstr (records, ==, "me:approve ann:approve");

  /* One rejection rejects, whatever the others did. */
  second = sy_test_execute (fixture->engine, "approve", "{}", SY_EXECUTE_MANUALLY, NULL);
  approve (fixture, "me");
  reject (fixture, "ann");
  sy_test_assert_status (fixture->engine, second->id, SY_STATUS_REJECTED);
}

static void
test_ratio (FIXTURE      *fixture,
            gconstpointer data)
{
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) second = NULL;
  g_autoptr(SyExecution) rejected = NULL;

  (void) data;
  /* More than half of three: two approvals. */
  waiting = run_nodes (fixture,
                       APPROVAL_NODES ("{\"assignees\": [\"me\", \"ann\", \"bob\"], \"negotiation\": \"ratio\","
                                       " \"ratio\": 0.5}"),
                       NULL);
  approve (fixture, "me");
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_STARTED);
  approve (fixture, "bob");
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_RESOLVED);
  ASSERT_OPEN (fixture, "");

  /* Two rejections of three leave no way past half: rejected. */
  second = sy_test_execute (fixture->engine, "approve", "{}", SY_EXECUTE_MANUALLY, NULL);
  reject (fixture, "ann");
  sy_test_assert_status (fixture->engine, second->id, SY_STATUS_STARTED);
  reject (fixture, "me");
  rejected = reload (fixture, second);
  g_assert_cmpint (rejected->status, ==, SY_STATUS_REJECTED);
}

static void
test_ratio_as_number (FIXTURE      *fixture,
                      gconstpointer data)
{
  g_autoptr(SyExecution) waiting = NULL;

  (void) data;
  /* NocoBase's form: negotiation 0.6 of two needs both. */
  waiting = run_nodes (fixture, APPROVAL_NODES ("{\"assignees\": [\"me\", \"ann\"], \"negotiation\": 0.6}"), NULL);
  approve (fixture, "ann");
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_STARTED);
  approve (fixture, "me");
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_RESOLVED);
}

static void
test_sequential (FIXTURE      *fixture,
                 gconstpointer data)
{
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) second = NULL;

  (void) data;
  waiting = run_nodes (fixture,
                       APPROVAL_NODES ("{\"assignees\": [\"ann\", \"me\", \"bob\"], \"negotiation\": \"all\","
                                       " \"order\": \"sequential\"}"),
                       NULL);
  /* One after another, in the listed order. */
  ASSERT_OPEN (fixture, "ann");
  approve (fixture, "ann");
  ASSERT_OPEN (fixture, "me");
  approve (fixture, "me");
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_STARTED);
  ASSERT_OPEN (fixture, "bob");
  approve (fixture, "bob");
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_RESOLVED);

  /* A rejection on the way stops it: the later ones never get a task. */
  second = sy_test_execute (fixture->engine, "approve", "{}", SY_EXECUTE_MANUALLY, NULL);
  approve (fixture, "ann");
  reject (fixture, "me");
  sy_test_assert_status (fixture->engine, second->id, SY_STATUS_REJECTED);
  ASSERT_OPEN (fixture, "");
}

static void
test_sequential_any (FIXTURE      *fixture,
                     gconstpointer data)
{
  g_autoptr(SyExecution) waiting = NULL;

  (void) data;
  waiting = run_nodes (fixture,
                       APPROVAL_NODES ("{\"assignees\": [\"ann\", \"me\"], \"order\": \"sequential\"}"), NULL);
  ASSERT_OPEN (fixture, "ann");
  approve (fixture, "ann");
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_RESOLVED);
  ASSERT_TASKS (fixture, "ann:resolved");
}

static void
test_no_approvers (FIXTURE      *fixture,
                   gconstpointer data)
{
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(GPtrArray) all = NULL;

  (void) data;
  execution = run_nodes (fixture, APPROVAL_NODES ("{\"assignees\": \"{{$context.nobody}}\"}"),
                         "{\"nobody\": []}");
  g_assert_cmpint (execution->status, ==, SY_STATUS_RESOLVED);
  sy_test_assert_json (sy_test_find_job (execution, "ok")->result,
                       "{\"status\":\"approved\",\"records\":[],\"data\":{}}");
  all = sy_test_list_tasks (fixture->engine, TRUE);
  g_assert_cmpuint (all->len, ==, 0);
}

/* ── Branch mode ────────────────────────────────────────────────────────── */

#define BRANCH_NODES(returned) \
  "[{\"key\": \"ok\", \"type\": \"approval\", \"config\": {\"assignees\": [\"me\"], \"mode\": \"branch\"}," \
  "  \"branches\": {" \
  "    \"approved\": [{\"key\": \"yes\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]," \
  "    \"rejected\": [{\"key\": \"no\", \"type\": \"calculation\", \"config\": {\"expression\": \"2\"}}]" \
  returned "}}," \
  " {\"key\": \"after\", \"type\": \"calculation\", \"config\": {\"expression\": \"3\"}}]"

static void
test_branch_mode (FIXTURE      *fixture,
                  gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyExecution) second = NULL;
  g_autoptr(SyExecution) returned = NULL;
  g_autoptr(SyTask) task = NULL;

  (void) data;
  waiting = run_nodes (fixture,
                       BRANCH_NODES (", \"returned\": [{\"key\": \"back\", \"type\": \"calculation\","
                                     " \"config\": {\"expression\": \"4\"}}]"),
                       NULL);
  reject (fixture, "me");

  /* The rejected branch ran; then the node resolved and the chain went on. */
  done = reload (fixture, waiting);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  g_assert_nonnull (sy_test_find_job (done, "no"));
  g_assert_null (sy_test_find_job (done, "yes"));
  g_assert_cmpstr (result_status (sy_test_find_job (done, "ok")), ==, "rejected");
  g_assert_nonnull (sy_test_find_job (done, "after"));

  /* With steps in `returned`, Return runs them instead of going back. */
  second = sy_test_execute (fixture->engine, "approve", "{}", SY_EXECUTE_MANUALLY, NULL);
  task = return_task (fixture, sy_test_open_task_of (fixture->engine, "me"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_task_status_to_string (task), ==, "returned");
  returned = reload (fixture, second);
  g_assert_cmpint (returned->status, ==, SY_STATUS_RESOLVED);
  g_assert_nonnull (sy_test_find_job (returned, "back"));
  g_assert_cmpuint (count_jobs (returned, "ok"), ==, 1);
  g_assert_cmpstr (result_status (sy_test_find_job (returned, "ok")), ==, "returned");
}

/* ── Return ─────────────────────────────────────────────────────────────── */

static void
test_return_to_start (FIXTURE      *fixture,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) again = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyTask) task = NULL;
  g_autofree char *records = NULL;
  SyJob *first;

  (void) data;
  waiting = run_nodes (fixture, APPROVAL_NODES ("{\"assignees\": [\"me\", \"ann\"]}"), NULL);
  task = return_task (fixture, sy_test_open_task_of (fixture->engine, "ann"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_task_status_to_string (task), ==, "returned");
  g_assert_cmpstr (task->comment, ==, "please redo");

  /* Back to the first node, in the same execution: everyone is asked again. */
  again = reload (fixture, waiting);
  g_assert_cmpint (again->status, ==, SY_STATUS_STARTED);
  g_assert_cmpuint (count_jobs (again, "prep"), ==, 2);
  g_assert_cmpuint (count_jobs (again, "ok"), ==, 2);
  first = sy_test_find_job (again, "ok");
  g_assert_cmpint (first->status, ==, SY_STATUS_RETRY_NEEDED);
  g_assert_cmpstr (result_status (first), ==, "returned");
  records = records_of (first->result);
  g_assert_cmpstr (records, ==, "ann:return");
  ASSERT_TASKS (fixture, "me:withdrawn ann:returned me:pending ann:pending");

  approve (fixture, "me");
  done = reload (fixture, waiting);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpint (last_job (done, "ok")->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpuint (count_jobs (done, "after"), ==, 1);
}

static void
test_return_to_node (FIXTURE      *fixture,
                     gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) again = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyTask) task = NULL;
  g_autoptr(SyTask) refused = NULL;

  (void) data;
  /* Inside a branch: Return goes back to `fix` (configured), the chosen
   * step `outer` leaves the condition behind. */
  waiting = run_nodes (fixture,
                       "[{\"key\": \"outer\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}},"
                       " {\"key\": \"check\", \"type\": \"condition\", \"config\": {\"engine\": \"jq\", \"expression\": \"true\"},"
                       "  \"branches\": {\"true\": ["
                       "    {\"key\": \"fix\", \"type\": \"calculation\", \"config\": {\"expression\": \"2\"}},"
                       "    {\"key\": \"ok\", \"type\": \"approval\", \"config\": {\"assignees\": [\"me\"], \"returnTo\": \"fix\"}}]}},"
                       " {\"key\": \"after\", \"type\": \"calculation\", \"config\": {\"expression\": \"3\"}}]",
                       NULL);

  /* Only earlier steps: not itself, not a later one, not an unknown one. */
  refused = return_task (fixture, sy_test_open_task_of (fixture->engine, "me"), "after", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);
  refused = return_task (fixture, sy_test_open_task_of (fixture->engine, "me"), "ok", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);

  task = return_task (fixture, sy_test_open_task_of (fixture->engine, "me"), NULL, &error);
  g_assert_no_error (error);
  again = reload (fixture, waiting);
  g_assert_cmpint (again->status, ==, SY_STATUS_STARTED);
  g_assert_cmpuint (count_jobs (again, "outer"), ==, 1);
  g_assert_cmpuint (count_jobs (again, "check"), ==, 1);
  g_assert_cmpuint (count_jobs (again, "fix"), ==, 2);
  g_assert_cmpint (sy_test_find_job (again, "check")->status, ==, SY_STATUS_PENDING);
  /* The new run of `fix` is in the same branch of the same condition job. */
  g_assert_cmpint (last_job (again, "fix")->parent_id, ==, sy_test_find_job (again, "check")->id);

  g_clear_pointer (&task, sy_task_unref);
  task = return_task (fixture, sy_test_open_task_of (fixture->engine, "me"), "outer", &error);
  g_assert_no_error (error);
  g_clear_pointer (&again, sy_execution_unref);
  again = reload (fixture, waiting);
  g_assert_cmpuint (count_jobs (again, "outer"), ==, 2);
  g_assert_cmpuint (count_jobs (again, "check"), ==, 2);
  /* The condition job that held the approval was left behind. */
  g_assert_cmpint (sy_test_find_job (again, "check")->status, ==, SY_STATUS_RETRY_NEEDED);

  /* The condition around it runs again too. */
  g_clear_pointer (&task, sy_task_unref);
  task = return_task (fixture, sy_test_open_task_of (fixture->engine, "me"), "check", &error);
  g_assert_no_error (error);
  g_clear_pointer (&again, sy_execution_unref);
  again = reload (fixture, waiting);
  g_assert_cmpuint (count_jobs (again, "outer"), ==, 2);
  g_assert_cmpuint (count_jobs (again, "check"), ==, 3);
  g_assert_cmpuint (count_jobs (again, "fix"), ==, 4);

  approve (fixture, "me");
  done = reload (fixture, waiting);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpuint (count_jobs (done, "after"), ==, 1);
  ASSERT_OPEN (fixture, "");
}

/* ── Delegate and add assignees ─────────────────────────────────────────── */

static void
test_delegate (FIXTURE      *fixture,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyTask) task = NULL;
  g_autofree char *records = NULL;
  JsonObject *record;
  gint64 mine;

  (void) data;
  waiting = run_nodes (fixture, APPROVAL_NODES ("{\"assignees\": [\"me\", \"bob\"], \"negotiation\": \"all\"}"), NULL);
  mine = sy_test_open_task_of (fixture->engine, "me");

  task = delegate_task (fixture, mine, "me", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  task = delegate_task (fixture, mine, "", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);

  task = delegate_task (fixture, mine, "ann", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_task_status_to_string (task), ==, "handed-over");
  g_assert_cmpstr (task->action, ==, "delegate");
  ASSERT_OPEN (fixture, "bob,ann");

  /* Ann holds my place: with bob, that is everyone. */
  approve (fixture, "bob");
  approve (fixture, "ann");
  done = reload (fixture, waiting);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  records = records_of (sy_test_find_job (done, "ok")->result);
  g_assert_cmpstr (records, ==, "me:delegate bob:approve ann:approve");
  record = json_array_get_object_element (json_object_get_array_member (json_node_get_object (sy_test_find_job (done, "ok")->result), "records"), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "to"), ==, "ann");
  g_assert_cmpstr (json_object_get_string_member (record, "comment"), ==, "over to you");
}

static void
test_add_before (FIXTURE      *fixture,
                 gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyTask) task = NULL;
  g_autofree char *records = NULL;
  const char * const people[] = { "ann", "cy", NULL };

  (void) data;
  waiting = run_nodes (fixture, APPROVAL_NODES ("{\"assignees\": [\"me\", \"bob\"], \"negotiation\": \"all\"}"), NULL);

  task = add_assignees (fixture, sy_test_open_task_of (fixture->engine, "me"), people, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_task_status_to_string (task), ==, "handed-over");
  /* They decide first; bob keeps his task. */
  ASSERT_OPEN (fixture, "bob,ann,cy");

  approve (fixture, "ann");
  ASSERT_OPEN (fixture, "bob,cy");
  approve (fixture, "cy");
  /* Then the task comes back to me. */
  ASSERT_OPEN (fixture, "bob,me");
  approve (fixture, "bob");
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_STARTED);
  approve (fixture, "me");

  done = reload (fixture, waiting);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  records = records_of (sy_test_find_job (done, "ok")->result);
  g_assert_cmpstr (records, ==, "me:add ann:approve cy:approve bob:approve me:approve");
}

static void
test_add_after (FIXTURE      *fixture,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyTask) task = NULL;
  g_autoptr(SyTask) manual = NULL;
  const char * const people[] = { "ann", NULL };
  const char * const nobody[] = { NULL };
  gint64 mine;

  (void) data;
  waiting = run_nodes (fixture, APPROVAL_NODES ("{\"assignees\": [\"me\"], \"negotiation\": \"all\"}"), NULL);
  mine = sy_test_open_task_of (fixture->engine, "me");

  task = add_assignees (fixture, mine, nobody, FALSE, &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);

  task = add_assignees (fixture, mine, people, FALSE, &error);
  g_assert_no_error (error);
  /* My own task stays open; ann comes after me. */
  g_assert_cmpstr (sy_task_status_to_string (task), ==, "pending");
  ASSERT_OPEN (fixture, "me");

  approve (fixture, "me");
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_STARTED);
  ASSERT_OPEN (fixture, "ann");
  approve (fixture, "ann");
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_RESOLVED);

  /* Manual tasks cannot be delegated or returned. */
  sy_test_import_nodes (fixture->engine, "manual", FALSE,
                        "[{\"key\": \"ask\", \"type\": \"manual\", \"config\": {\"assignees\": [\"me\"]}}]");
  g_clear_pointer (&waiting, sy_execution_unref);
  waiting = sy_test_execute (fixture->engine, "manual", "{}", SY_EXECUTE_MANUALLY, NULL);
  manual = delegate_task (fixture, sy_test_open_task_of (fixture->engine, "me"), "ann", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  manual = add_assignees (fixture, sy_test_open_task_of (fixture->engine, "me"), people, TRUE, &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_null (manual);
}

static void
test_add_after_sequential (FIXTURE      *fixture,
                           gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyTask) task = NULL;
  const char * const people[] = { "ann", "cy", NULL };

  (void) data;
  waiting = run_nodes (fixture,
                       APPROVAL_NODES ("{\"assignees\": [\"me\", \"bob\"], \"negotiation\": \"all\","
                                       " \"order\": \"sequential\"}"),
                       NULL);
  task = add_assignees (fixture, sy_test_open_task_of (fixture->engine, "me"), people, FALSE, &error);
  g_assert_no_error (error);

  /* me, then ann and cy together, then bob (who waited for me). */
  approve (fixture, "me");
  ASSERT_OPEN (fixture, "ann,cy");
  approve (fixture, "ann");
  ASSERT_OPEN (fixture, "cy");
  approve (fixture, "cy");
  ASSERT_OPEN (fixture, "bob");
  approve (fixture, "bob");
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_RESOLVED);
}

/* ── Executions ending while tasks are open ────────────────────────────── */

static void
test_cancel_withdraws (FIXTURE      *fixture,
                       gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) cancelled = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  (void) data;
  waiting = run_nodes (fixture, APPROVAL_NODES ("{\"assignees\": [\"me\", \"ann\"]}"), NULL);
  sy_engine_cancel_async (fixture->engine, waiting->id, NULL, sy_test_on_done, &result);
  cancelled = sy_engine_cancel_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (cancelled->status, ==, SY_STATUS_ABORTED);
  ASSERT_TASKS (fixture, "me:withdrawn ann:withdrawn");
}

static void
test_timeout_withdraws (FIXTURE      *fixture,
                        gconstpointer data)
{
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) later = NULL;

  (void) data;
  sy_test_import (fixture->engine,
                  "{\"format\": \"switchyard-workflow/1\", \"key\": \"late\", \"title\": \"Late\","
                  " \"options\": {\"timeout\": 200}, \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
                  " \"nodes\": " APPROVAL_NODES ("{\"assignees\": [\"me\"]}") "}");
  waiting = sy_test_execute (fixture->engine, "late", "{}", SY_EXECUTE_MANUALLY, NULL);
  g_assert_cmpint (waiting->status, ==, SY_STATUS_STARTED);

  for (;;)
    {
      g_clear_pointer (&later, sy_execution_unref);
      later = reload (fixture, waiting);
      if (later->status != SY_STATUS_STARTED)
        break;
      sy_test_sleep_ms (50);
    }
  g_assert_cmpint (later->status, ==, SY_STATUS_ABORTED);
  g_assert_cmpstr (later->reason, ==, "timeout");
  ASSERT_TASKS (fixture, "me:withdrawn");
}

static void
test_deletion_withdraws (FIXTURE      *fixture,
                         gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) ended = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GAsyncResult) removed = NULL;
  g_autoptr(GAsyncResult) purged = NULL;
  g_autoptr(GPtrArray) all = NULL;

  (void) data;
  waiting = run_nodes (fixture, APPROVAL_NODES ("{\"assignees\": [\"me\"]}"), NULL);

  /* A waiting execution cannot be deleted: its task stays open. */
  sy_engine_delete_execution_async (fixture->engine, waiting->id, NULL, sy_test_on_done, &deleted);
  g_assert_false (sy_engine_delete_execution_finish (fixture->engine, sy_test_wait_for (&deleted), &error));
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  ASSERT_OPEN (fixture, "me");

  /* Deleting the workflow ends its executions and withdraws their tasks… */
  sy_engine_delete_workflow_async (fixture->engine, "approve", FALSE, NULL, sy_test_on_done, &removed);
  g_assert_true (sy_engine_delete_workflow_finish (fixture->engine, sy_test_wait_for (&removed), &error));
  g_assert_no_error (error);
  ended = reload (fixture, waiting);
  g_assert_cmpint (ended->status, ==, SY_STATUS_ABORTED);
  g_assert_cmpstr (ended->reason, ==, "workflow_deleted");
  ASSERT_TASKS (fixture, "me:withdrawn");

  /* …and purging it takes the tasks along. */
  g_clear_pointer (&waiting, sy_execution_unref);
  waiting = run_nodes (fixture, APPROVAL_NODES ("{\"assignees\": [\"ann\"]}"), NULL);
  ASSERT_OPEN (fixture, "ann");
  sy_engine_delete_workflow_async (fixture->engine, "approve", TRUE, NULL, sy_test_on_done, &purged);
  g_assert_true (sy_engine_delete_workflow_finish (fixture->engine, sy_test_wait_for (&purged), &error));
  all = sy_test_list_tasks (fixture->engine, TRUE);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_restart_while_waiting (FIXTURE      *fixture,
                            gconstpointer data)
{
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) after = NULL;
  g_autoptr(SyExecution) done = NULL;

  (void) data;
  waiting = run_nodes (fixture,
                       APPROVAL_NODES ("{\"assignees\": [\"ann\", \"me\"], \"negotiation\": \"all\","
                                       " \"order\": \"sequential\"}"),
                       NULL);
  approve (fixture, "ann");

  sy_engine_stop (fixture->engine);
  g_clear_object (&fixture->engine);
  fixture->engine = sy_test_engine_new (fixture->dir);

  /* The approvers' state came back from the store. */
  after = reload (fixture, waiting);
  g_assert_cmpint (after->status, ==, SY_STATUS_STARTED);
  ASSERT_OPEN (fixture, "me");
  approve (fixture, "me");
  done = reload (fixture, waiting);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  g_assert_nonnull (sy_test_find_job (done, "after"));
}

/* ── Requests (approval trigger) ────────────────────────────────────────── */

#define REQUEST_DOC(enabled) \
  "{\"format\": \"switchyard-workflow/1\", \"key\": \"leave\", \"title\": \"Leave\", \"enabled\": " enabled "," \
  " \"trigger\": {\"type\": \"approval\", \"config\": {\"form\": [" \
  "   {\"name\": \"days\", \"label\": \"Days\", \"type\": \"number\", \"required\": true}," \
  "   {\"name\": \"why\", \"type\": \"text\", \"default\": \"rest\"}]}}," \
  " \"nodes\": [{\"key\": \"boss\", \"type\": \"approval\", \"title\": \"{{$context.data.days}} days\"," \
  "   \"config\": {\"assignees\": [\"ann\", \"bob\"], \"negotiation\": \"all\"}}]}"

static SyExecution *
start_request (FIXTURE    *fixture,
               const char *key,
               const char *values_json,
               GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) values = values_json ? json_from_string (values_json, NULL) : NULL;

  sy_engine_start_request_async (fixture->engine, key, values, NULL, sy_test_on_done, &result);
  return sy_engine_start_request_finish (fixture->engine, sy_test_wait_for (&result), error);
}

static SyExecution *
withdraw (FIXTURE *fixture,
          gint64   id,
          GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sy_engine_withdraw_request_async (fixture->engine, id, NULL, sy_test_on_done, &result);
  return sy_engine_withdraw_request_finish (fixture->engine, sy_test_wait_for (&result), error);
}

static void
test_request_and_withdraw (FIXTURE      *fixture,
                           gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) request = NULL;
  g_autoptr(SyExecution) withdrawn = NULL;
  g_autoptr(SyExecution) second = NULL;
  g_autoptr(SyExecution) refused = NULL;
  JsonObject *context;

  (void) data;
  sy_test_import (fixture->engine, REQUEST_DOC ("true"));

  request = start_request (fixture, "leave", "{\"days\": 2}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (request->status, ==, SY_STATUS_STARTED);
  context = json_node_get_object (request->context);
  /* The defaults fill what the applicant left out. */
  sy_test_assert_json (json_object_get_member (context, "data"), "{\"days\":2,\"why\":\"rest\"}");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (context, "applicant"), "id"),
                   ==, "me");
  ASSERT_OPEN (fixture, "ann,bob");

  /* Nobody acted yet: the applicant takes it back. */
  withdrawn = withdraw (fixture, request->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (withdrawn->status, ==, SY_STATUS_ABORTED);
  g_assert_cmpstr (withdrawn->reason, ==, "withdrawn");
  ASSERT_TASKS (fixture, "ann:withdrawn bob:withdrawn");
  refused = withdraw (fixture, request->id, &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);

  /* Once someone approved, it is too late. */
  second = start_request (fixture, "leave", "{\"days\": 5, \"why\": \"trip\"}", &error);
  g_assert_no_error (error);
  approve (fixture, "ann");
  refused = withdraw (fixture, second->id, &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ann"));
  g_assert_null (refused);
}

static void
test_request_refused (FIXTURE      *fixture,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(GPtrArray) all = NULL;

  (void) data;
  sy_test_import (fixture->engine, REQUEST_DOC ("false"));
  execution = start_request (fixture, "leave", "{\"days\": 1}", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "disabled"));
  g_clear_error (&error);

  sy_test_import (fixture->engine, REQUEST_DOC ("true"));
  execution = start_request (fixture, "leave", "{\"why\": \"x\"}", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Days"));
  g_clear_error (&error);

  execution = start_request (fixture, "leave", "[1]", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);

  execution = start_request (fixture, "nope", "{}", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  sy_test_import_nodes (fixture->engine, "hook", FALSE, "[]");
  execution = start_request (fixture, "hook", "{}", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_null (execution);

  all = sy_test_list_tasks (fixture->engine, TRUE);
  g_assert_cmpuint (all->len, ==, 0);
}

/* ── Validation ─────────────────────────────────────────────────────────── */

static void
test_validation (void)
{
  static const struct { const char *nodes; const char *problem; } cases[] = {
    { "[{\"key\": \"a\", \"type\": \"approval\", \"config\": {\"negotiation\": 2}}]",
      "nodes[0].config.negotiation: a ratio must be a number between 0 and 1" },
    { "[{\"key\": \"a\", \"type\": \"approval\", \"config\": {\"negotiation\": \"ratio\", \"ratio\": 1.5}}]",
      "nodes[0].config.ratio: must be a number between 0 and 1" },
    { "[{\"key\": \"a\", \"type\": \"approval\", \"config\": {\"returnTo\": \"b\"}},"
      " {\"key\": \"b\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]",
      "nodes[0].config.returnTo: “b” is not a step before this one or around it; Return can only go back" },
    { "[{\"key\": \"a\", \"type\": \"approval\", \"config\": {},"
      "  \"branches\": {\"rejected\": [{\"key\": \"b\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]}}]",
      "nodes[0].config.mode: the outcome branches have steps, which run only in branch mode" },
    { "[{\"key\": \"a\", \"type\": \"approval\", \"config\": {\"order\": \"random\"}}]",
      "nodes[0].config.order:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *document = g_strdup_printf ("{\"format\": \"switchyard-workflow/1\", \"key\": \"v\","
                                                   " \"title\": \"V\", \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
                                                   " \"nodes\": %s}", cases[i].nodes);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_data (document, -1, &problems, &error);
      gboolean found = FALSE;

      g_assert_null (workflow);
      g_assert_nonnull (problems);
      for (guint j = 0; j < problems->len; j++)
        {
          SyProblem *problem = g_ptr_array_index (problems, j);
          g_autofree char *line = g_strdup_printf ("%s: %s", problem->path, problem->message);

          found = found || g_str_has_prefix (line, cases[i].problem);
        }
      if (!found)
        g_error ("case %u: no problem “%s”", i, cases[i].problem);
    }
}

/* ── People ─────────────────────────────────────────────────────────────── */

static char *
save_person (FIXTURE    *fixture,
             const char *id,
             const char *name,
             const char *email,
             GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sy_engine_save_person_async (fixture->engine, id, name, email, NULL, sy_test_on_done, &result);
  return sy_engine_save_person_finish (fixture->engine, sy_test_wait_for (&result), error);
}

static gboolean
remove_person (FIXTURE    *fixture,
               const char *id,
               GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sy_engine_remove_person_async (fixture->engine, id, NULL, sy_test_on_done, &result);
  return sy_engine_remove_person_finish (fixture->engine, sy_test_wait_for (&result), error);
}

static char *
people_text (FIXTURE *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  sy_engine_list_people_async (fixture->engine, NULL, sy_test_on_done, &result);
  people = sy_engine_list_people_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < people->len; i++)
    {
      SyPerson *person = g_ptr_array_index (people, i);

      if (g_str_equal (person->id, "me"))
        g_string_append_printf (text, "%sme", i > 0 ? " " : "");
      else
        g_string_append_printf (text, "%s%s=%s<%s>", i > 0 ? " " : "", person->id, person->name,
                                person->email ? person->email : "");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_people_changed (SyEngine *engine,
                   gpointer  data)
{
  (void) engine;
  (*(guint *) data)++;
}

static void
test_people (FIXTURE      *fixture,
             gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ann = NULL;
  g_autofree char *ann2 = NULL;
  g_autofree char *zoe = NULL;
  g_autofree char *none = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *after = NULL;
  guint changes = 0;

  (void) data;
  g_signal_connect (fixture->engine, "people-changed", G_CALLBACK (on_people_changed), &changes);

  ann = save_person (fixture, NULL, "  Ann Ångström ", "ann@example.org", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ann, ==, "ann-angstrom");
  ann2 = save_person (fixture, NULL, "Ann Angstrom", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ann2, ==, "ann-angstrom-2");
  zoe = save_person (fixture, NULL, "Zoë", "", &error);
  g_assert_no_error (error);

  none = save_person (fixture, NULL, "  ", NULL, &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  none = save_person (fixture, NULL, "Bob", "bob at example", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bob at example"));
  g_clear_error (&error);
  none = save_person (fixture, "nobody", "Nobody", NULL, &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Editing keeps the id (workflows refer to it). */
  edited = save_person (fixture, ann2, "Anna", "anna@example.org", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (edited, ==, ann2);

  listed = people_text (fixture);
  g_assert_cmpstr (listed, ==,
                   "me ann-angstrom=Ann Ångström<ann@example.org> ann-angstrom-2=Anna<anna@example.org> zoe=Zoë<>");

  /* "me" is always there. */
  g_assert_false (remove_person (fixture, "me", &error));
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (remove_person (fixture, ann, &error));
  g_assert_no_error (error);
  g_assert_false (remove_person (fixture, ann, &error));
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_FOUND);

  after = people_text (fixture);
  g_assert_cmpstr (after, ==, "me ann-angstrom-2=Anna<anna@example.org> zoe=Zoë<>");

  while (changes < 5)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/approval/" name, FIXTURE, NULL, sy_test_engine_set_up, func, sy_test_engine_tear_down)

  ADD ("any-approves", test_any_approves);
  ADD ("any-rejects", test_any_rejects);
  ADD ("all", test_all);
  ADD ("ratio", test_ratio);
  ADD ("ratio-as-number", test_ratio_as_number);
  ADD ("sequential", test_sequential);
  ADD ("sequential-any", test_sequential_any);
  ADD ("no-approvers", test_no_approvers);
  ADD ("branch-mode", test_branch_mode);
  ADD ("return-to-start", test_return_to_start);
  ADD ("return-to-node", test_return_to_node);
  ADD ("delegate", test_delegate);
  ADD ("add-before", test_add_before);
  ADD ("add-after", test_add_after);
  ADD ("add-after-sequential", test_add_after_sequential);
  ADD ("cancel-withdraws", test_cancel_withdraws);
  ADD ("timeout-withdraws", test_timeout_withdraws);
  ADD ("deletion-withdraws", test_deletion_withdraws);
  ADD ("restart-while-waiting", test_restart_while_waiting);
  ADD ("request-and-withdraw", test_request_and_withdraw);
  ADD ("request-refused", test_request_refused);
  ADD ("people", test_people);
  g_test_add_func ("/approval/validation", test_validation);

  return g_test_run ();
}
