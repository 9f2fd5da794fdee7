/* test-tasks.c — manual and cc nodes, tasks in the store, submitting through the engine */
#include "config.h"

#include <string.h>

#include "sy-test-engine.h"

typedef struct
{
  char     *dir;
  SyEngine *engine;
  guint     tasks_changed;
} Fixture;

static void
on_tasks_changed (SyEngine *engine,
                  gpointer  data)
{
  Fixture *fixture = data;

  (void) engine;
  fixture->tasks_changed++;
}

static void
start_engine (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->engine = sy_engine_new (fixture->dir);
  g_signal_connect (fixture->engine, "tasks-changed", G_CALLBACK (on_tasks_changed), fixture);
  g_assert_true (sy_engine_start (fixture->engine, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  (void) data;
  fixture->dir = sy_test_make_dir ();
  start_engine (fixture);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  (void) data;
  sy_engine_stop (fixture->engine);
  g_clear_object (&fixture->engine);
  sy_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Imports a workflow whose nodes are `nodes_json` and runs it. */
static SyExecution *
run_workflow (Fixture    *fixture,
              const char *nodes_json,
              const char *context_json)
{
  return sy_test_run_nodes (fixture->engine, "people", nodes_json, context_json);
}

static SyTask *
submit (Fixture    *fixture,
        gint64      task_id,
        const char *action,
        const char *values_json,
        GError    **error)
{
  return sy_test_submit_task (fixture->engine, task_id, action, values_json, error);
}

#define MANUAL_NODES(config) \
  "[{\"key\": \"ask\", \"type\": \"manual\", \"config\": " config "}," \
  " {\"key\": \"after\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]"

#define FORM \
  "[{\"name\": \"amount\", \"label\": \"Amount\", \"type\": \"number\", \"default\": \"{{$context.n}}\"}]"

static void
test_collaborative (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyTask) task = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) all = NULL;
  SyTask *listed;

  (void) data;
  waiting = run_workflow (fixture,
                          MANUAL_NODES ("{\"assignees\": [\"me\", \"{{$context.who}}\", \"me\"],"
                                        " \"title\": \"Check {{$context.n}}\", \"form\": " FORM "}"),
                          "{\"who\": [\"ann\", \"bob\"], \"n\": 7}");
  g_assert_cmpint (waiting->status, ==, SY_STATUS_STARTED);

  /* Flattened, deduplicated, titled and with the default resolved. */
  open = sy_test_list_tasks (fixture->engine, FALSE);
  g_assert_cmpuint (open->len, ==, 3);
  listed = g_ptr_array_index (open, 0);
  g_assert_cmpstr (listed->title, ==, "Check 7");
  g_assert_cmpstr (listed->type, ==, "manual");
  g_assert_cmpint (listed->execution_id, ==, waiting->id);
  sy_test_assert_json (listed->form,
               "[{\"name\":\"amount\",\"label\":\"Amount\",\"type\":\"number\",\"default\":7}]");

  task = submit (fixture, sy_test_open_task_of (fixture->engine, "bob"), "approve", "{\"amount\": 9}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (task->status, ==, SY_TASK_STATUS_RESOLVED);
  g_assert_cmpstr (task->comment, ==, "looks fine");

  done = sy_test_get_execution (fixture->engine, waiting->id, NULL);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  sy_test_assert_json (sy_test_find_job (done, "ask")->result, "{\"form\":{\"amount\":9},\"_\":\"approve\"}");
  g_assert_nonnull (sy_test_find_job (done, "after"));

  /* One submission decided: the others are withdrawn, not open. */
  g_clear_pointer (&open, g_ptr_array_unref);
  open = sy_test_list_tasks (fixture->engine, FALSE);
  g_assert_cmpuint (open->len, ==, 0);
  all = sy_test_list_tasks (fixture->engine, TRUE);
  g_assert_cmpuint (all->len, ==, 3);
  for (guint i = 0; i < all->len; i++)
    {
      SyTask *each = g_ptr_array_index (all, i);

      g_assert_cmpstr (sy_task_status_to_string (each), ==,
                       g_str_equal (each->assignee, "bob") ? "resolved" : "withdrawn");
    }

  /* Acting again on a finished task is refused. */
  g_clear_pointer (&task, sy_task_unref);
  task = submit (fixture, ((SyTask *) g_ptr_array_index (all, 0))->id, "approve", NULL, &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_null (task);

  while (fixture->tasks_changed == 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_collaborative_reject (Fixture      *fixture,
                           gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyTask) task = NULL;

  (void) data;
  waiting = run_workflow (fixture, MANUAL_NODES ("{\"assignees\": [\"me\"]}"), NULL);
  task = submit (fixture, sy_test_open_task_of (fixture->engine, "me"), "reject", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (task->status, ==, SY_TASK_STATUS_REJECTED);

  done = sy_test_get_execution (fixture->engine, waiting->id, NULL);
  g_assert_cmpint (done->status, ==, SY_STATUS_REJECTED);
  g_assert_cmpint (sy_test_find_job (done, "ask")->status, ==, SY_STATUS_REJECTED);
  sy_test_assert_json (sy_test_find_job (done, "ask")->result, "{\"form\":{},\"_\":\"reject\"}");
  g_assert_null (sy_test_find_job (done, "after"));
}

static void
test_mode_all (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyTask) first = NULL;
  g_autoptr(SyTask) second = NULL;

  (void) data;
  waiting = run_workflow (fixture, MANUAL_NODES ("{\"assignees\": [\"me\", \"ann\"], \"mode\": \"all\"}"), NULL);

  first = submit (fixture, sy_test_open_task_of (fixture->engine, "me"), "approve", NULL, &error);
  g_assert_no_error (error);
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_STARTED);

  second = submit (fixture, sy_test_open_task_of (fixture->engine, "ann"), "approve", NULL, &error);
  g_assert_no_error (error);
  done = sy_test_get_execution (fixture->engine, waiting->id, NULL);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  sy_test_assert_json (sy_test_find_job (done, "ask")->result, "1");
}

static void
test_mode_all_reject (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyTask) task = NULL;
  g_autoptr(GPtrArray) open = NULL;

  (void) data;
  waiting = run_workflow (fixture, MANUAL_NODES ("{\"assignees\": [\"me\", \"ann\", \"bob\"], \"mode\": \"all\"}"),
                          NULL);
  g_clear_pointer (&task, sy_task_unref);
  task = submit (fixture, sy_test_open_task_of (fixture->engine, "me"), "approve", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&task, sy_task_unref);
  task = submit (fixture, sy_test_open_task_of (fixture->engine, "ann"), "reject", NULL, &error);
  g_assert_no_error (error);

  done = sy_test_get_execution (fixture->engine, waiting->id, NULL);
  g_assert_cmpint (done->status, ==, SY_STATUS_REJECTED);
  g_assert_cmpfloat_with_epsilon (json_node_get_double (sy_test_find_job (done, "ask")->result), 1.0 / 3, 1e-9);
  open = sy_test_list_tasks (fixture->engine, FALSE);
  g_assert_cmpuint (open->len, ==, 0);
}

static void
test_mode_any (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyTask) task = NULL;

  (void) data;
  waiting = run_workflow (fixture, MANUAL_NODES ("{\"assignees\": [\"me\", \"ann\", \"bob\"], \"mode\": \"any\"}"),
                          NULL);
  task = submit (fixture, sy_test_open_task_of (fixture->engine, "me"), "reject", NULL, &error);
  g_assert_no_error (error);
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_STARTED);

  g_clear_pointer (&task, sy_task_unref);
  task = submit (fixture, sy_test_open_task_of (fixture->engine, "bob"), "approve", NULL, &error);
  g_assert_no_error (error);
  done = sy_test_get_execution (fixture->engine, waiting->id, NULL);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpfloat_with_epsilon (json_node_get_double (sy_test_find_job (done, "ask")->result), 1.0 / 3, 1e-9);
}

static void
test_mode_any_all_reject (Fixture      *fixture,
                          gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyTask) task = NULL;

  (void) data;
  waiting = run_workflow (fixture, MANUAL_NODES ("{\"assignees\": [\"me\", \"ann\"], \"mode\": \"any\"}"), NULL);
  task = submit (fixture, sy_test_open_task_of (fixture->engine, "me"), "reject", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&task, sy_task_unref);
  task = submit (fixture, sy_test_open_task_of (fixture->engine, "ann"), "reject", NULL, &error);
  g_assert_no_error (error);

  done = sy_test_get_execution (fixture->engine, waiting->id, NULL);
  g_assert_cmpint (done->status, ==, SY_STATUS_REJECTED);
  sy_test_assert_json (sy_test_find_job (done, "ask")->result, "0");
}

static void
test_no_assignees (Fixture      *fixture,
                   gconstpointer data)
{
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(GPtrArray) all = NULL;

  (void) data;
  execution = run_workflow (fixture, MANUAL_NODES ("{\"assignees\": \"{{$context.nobody}}\", \"form\": " FORM "}"),
                            "{\"nobody\": [], \"n\": 3}");
  g_assert_cmpint (execution->status, ==, SY_STATUS_RESOLVED);
  sy_test_assert_json (sy_test_find_job (execution, "ask")->result, "{\"form\":{\"amount\":3},\"_\":\"approve\"}");
  all = sy_test_list_tasks (fixture->engine, TRUE);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_save_keeps_pending (Fixture      *fixture,
                         gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyTask) saved = NULL;
  g_autoptr(SyTask) approved = NULL;
  gint64 id;

  (void) data;
  waiting = run_workflow (fixture, MANUAL_NODES ("{\"assignees\": [\"me\"], \"form\": " FORM "}"), "{\"n\": 1}");
  id = sy_test_open_task_of (fixture->engine, "me");

  saved = submit (fixture, id, "save", "{\"amount\": 5}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->status, ==, SY_TASK_STATUS_PENDING);
  g_assert_cmpstr (saved->action, ==, "save");
  sy_test_assert_json (saved->values, "{\"amount\":5}");
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_STARTED);
  g_assert_cmpint (sy_test_open_task_of (fixture->engine, "me"), ==, id);

  approved = submit (fixture, id, "approve", "{\"amount\": 6}", &error);
  g_assert_no_error (error);
  done = sy_test_get_execution (fixture->engine, waiting->id, NULL);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  sy_test_assert_json (sy_test_find_job (done, "ask")->result, "{\"form\":{\"amount\":6},\"_\":\"approve\"}");
}

static void
test_invalid_submissions (Fixture      *fixture,
                          gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyTask) task = NULL;
  gint64 id;

  (void) data;
  waiting = run_workflow (fixture, MANUAL_NODES ("{\"assignees\": [\"me\"]}"), NULL);
  id = sy_test_open_task_of (fixture->engine, "me");

  task = submit (fixture, id, "dance", NULL, &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_null (task);
  g_clear_error (&error);

  task = submit (fixture, id, "return", NULL, &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);

  task = submit (fixture, id + 1000, "approve", NULL, &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  task = submit (fixture, id, "approve", "[1]", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
}

static void
test_required_fields (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyTask) task = NULL;
  gint64 id;

  (void) data;
  waiting = run_workflow (fixture,
                          MANUAL_NODES ("{\"assignees\": [\"me\"], \"form\": [{\"name\": \"why\", \"label\": \"Reason\","
                                        " \"type\": \"text\", \"required\": true}]}"),
                          NULL);
  id = sy_test_open_task_of (fixture->engine, "me");

  /* Continue needs the field; saving a draft and rejecting do not. */
  task = submit (fixture, id, "approve", "{\"why\": \"\"}", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Reason"));
  g_clear_error (&error);
  g_assert_cmpint (sy_test_open_task_of (fixture->engine, "me"), ==, id);

  task = submit (fixture, id, "save", "{}", &error);
  g_assert_no_error (error);
  g_clear_pointer (&task, sy_task_unref);
  task = submit (fixture, id, "approve", "{\"why\": \"because\"}", &error);
  g_assert_no_error (error);
  sy_test_assert_status (fixture->engine, waiting->id, SY_STATUS_RESOLVED);
}

static void
test_branches (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyTask) task = NULL;

  (void) data;
  waiting = run_workflow (fixture,
                          "[{\"key\": \"ask\", \"type\": \"manual\", \"config\": {\"assignees\": [\"me\"]},"
                          "  \"branches\": {"
                          "    \"approved\": [{\"key\": \"yes\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}],"
                          "    \"rejected\": [{\"key\": \"no\", \"type\": \"calculation\", \"config\": {\"expression\": \"2\"}}]}},"
                          " {\"key\": \"after\", \"type\": \"calculation\", \"config\": {\"expression\": \"3\"}}]",
                          NULL);
  task = submit (fixture, sy_test_open_task_of (fixture->engine, "me"), "reject", NULL, &error);
  g_assert_no_error (error);

  /* The rejected branch ran, then the node resolved and the chain went on. */
  done = sy_test_get_execution (fixture->engine, waiting->id, NULL);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  g_assert_nonnull (sy_test_find_job (done, "no"));
  g_assert_null (sy_test_find_job (done, "yes"));
  g_assert_cmpint (sy_test_find_job (done, "ask")->status, ==, SY_STATUS_RESOLVED);
  sy_test_assert_json (sy_test_find_job (done, "ask")->result, "{\"form\":{},\"_\":\"reject\"}");
  g_assert_nonnull (sy_test_find_job (done, "after"));
}

static void
test_cancel_withdraws (Fixture      *fixture,
                       gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) cancelled = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(SyTask) task = NULL;

  (void) data;
  waiting = run_workflow (fixture, MANUAL_NODES ("{\"assignees\": [\"me\", \"ann\"]}"), NULL);

  sy_engine_cancel_async (fixture->engine, waiting->id, NULL, sy_test_on_done, &result);
  cancelled = sy_engine_cancel_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (cancelled->status, ==, SY_STATUS_ABORTED);

  open = sy_test_list_tasks (fixture->engine, FALSE);
  g_assert_cmpuint (open->len, ==, 0);
  all = sy_test_list_tasks (fixture->engine, TRUE);
  g_assert_cmpuint (all->len, ==, 2);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (sy_task_status_to_string (g_ptr_array_index (all, i)), ==, "withdrawn");

  task = submit (fixture, ((SyTask *) g_ptr_array_index (all, 0))->id, "approve", NULL, &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
}

static void
test_restart_while_waiting (Fixture      *fixture,
                            gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) after_restart = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(SyTask) task = NULL;
  gint64 id;

  (void) data;
  waiting = run_workflow (fixture, MANUAL_NODES ("{\"assignees\": [\"me\"]}"), NULL);
  id = sy_test_open_task_of (fixture->engine, "me");

  sy_engine_stop (fixture->engine);
  g_clear_object (&fixture->engine);
  start_engine (fixture);

  after_restart = sy_test_get_execution (fixture->engine, waiting->id, NULL);
  g_assert_cmpint (after_restart->status, ==, SY_STATUS_STARTED);
  g_assert_cmpint (sy_test_find_job (after_restart, "ask")->status, ==, SY_STATUS_PENDING);
  g_assert_cmpint (sy_test_open_task_of (fixture->engine, "me"), ==, id);

  task = submit (fixture, id, "approve", NULL, &error);
  g_assert_no_error (error);
  done = sy_test_get_execution (fixture->engine, waiting->id, NULL);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  g_assert_nonnull (sy_test_find_job (done, "after"));
}

static void
test_cc (Fixture      *fixture,
         gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(SyTask) read = NULL;
  g_autoptr(JsonNode) json = NULL;
  SyTask *notice;

  (void) data;
  execution = run_workflow (fixture,
                            "[{\"key\": \"tell\", \"type\": \"cc\", \"title\": \"FYI\","
                            "  \"config\": {\"assignees\": [\"me\", \"ann\", \"me\"], \"title\": \"Order {{$context.n}}\"}},"
                            " {\"key\": \"after\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]",
                            "{\"n\": 4}");
  g_assert_cmpint (execution->status, ==, SY_STATUS_RESOLVED);
  g_assert_nonnull (sy_test_find_job (execution, "after"));

  /* Notices are not open tasks; --all lists them, unread. */
  open = sy_test_list_tasks (fixture->engine, FALSE);
  g_assert_cmpuint (open->len, ==, 0);
  all = sy_test_list_tasks (fixture->engine, TRUE);
  g_assert_cmpuint (all->len, ==, 2);
  notice = g_ptr_array_index (all, 0);
  g_assert_cmpstr (notice->type, ==, "cc");
  g_assert_cmpstr (notice->title, ==, "Order 4");
  g_assert_cmpstr (sy_task_status_to_string (notice), ==, "unread");

  json = sy_task_to_json (notice);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "status"), ==, "unread");
  g_assert_true (json_object_has_member (json_node_get_object (json), "form"));

  read = submit (fixture, notice->id, "approve", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_task_status_to_string (read), ==, "read");
}

static void
test_store_people (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sy_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "switchyard.db", NULL);
  g_autoptr(SyStore) store = sy_store_open (path, SY_STORE_READ_WRITE, &error);
  g_autoptr(GPtrArray) people = NULL;

  g_assert_no_error (error);
  g_assert_true (sy_store_add_person (store, "ann", "Ann", "ann@example.org", &error));
  g_assert_no_error (error);

  people = sy_store_list_people (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 2);
  g_assert_cmpstr (((SyPerson *) g_ptr_array_index (people, 0))->id, ==, "me");
  g_assert_cmpstr (((SyPerson *) g_ptr_array_index (people, 0))->name, ==, g_get_real_name ());
  g_assert_cmpstr (((SyPerson *) g_ptr_array_index (people, 1))->email, ==, "ann@example.org");

  g_assert_false (sy_store_remove_person (store, "me", &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (sy_store_remove_person (store, "ann", &error));
  g_assert_no_error (error);
  g_assert_false (sy_store_remove_person (store, "ann", &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  sy_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/tasks/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("collaborative", test_collaborative);
  ADD ("collaborative-reject", test_collaborative_reject);
  ADD ("mode-all", test_mode_all);
  ADD ("mode-all-reject", test_mode_all_reject);
  ADD ("mode-any", test_mode_any);
  ADD ("mode-any-all-reject", test_mode_any_all_reject);
  ADD ("no-assignees", test_no_assignees);
  ADD ("save-keeps-pending", test_save_keeps_pending);
  ADD ("invalid-submissions", test_invalid_submissions);
  ADD ("required-fields", test_required_fields);
  ADD ("branches", test_branches);
  ADD ("cancel-withdraws", test_cancel_withdraws);
  ADD ("restart-while-waiting", test_restart_while_waiting);
  ADD ("cc", test_cc);
  g_test_add_func ("/tasks/store-people", test_store_people);

  return g_test_run ();
}
