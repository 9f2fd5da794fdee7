/* test-engine-disk-full.c — the engine on a full disk: each failed save
 * says so and what was not saved, the engine keeps running, nothing saved
 * before is lost, and work left undone is done once there is room
 *
 * The disk is simulated by sy-test-disk (see test-disk-full.c for the
 * stores themselves).
 */
#include "config.h"

#include "sy-engine.h"
#include "sy-test-collections.h"
#include "sy-test-disk.h"

/* A node whose result (1 MB) cannot be saved on a disk with a little room. */
#define BIG_RESULT_NODES \
  "[{\"key\": \"big\", \"type\": \"calculation\"," \
  "  \"config\": {\"engine\": \"jq\", \"expression\": \"\\\"0123456789\\\" * 100000\"}}]"

#define SMALL_NODES \
  "[{\"key\": \"one\", \"type\": \"calculation\", \"config\": {\"engine\": \"jq\", \"expression\": \"1\"}}]"

/* Room for small commits (an execution queued), none for big ones. */
#define LITTLE_ROOM (64 * 1024)

static void
set_up (SyTestEngine  *fixture,
        gconstpointer  data)
{
  sy_test_disk_set_room (-1);
  sy_test_engine_set_up (fixture, data);
}

static void
tear_down (SyTestEngine  *fixture,
           gconstpointer  data)
{
  sy_test_disk_set_room (-1);
  sy_test_engine_tear_down (fixture, data);
}

static void
assert_full_error (const GError *error,
                   const char   *dir,
                   const char   *file)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "the disk is full"));
  g_assert_nonnull (strstr (error->message, path));
}

static SyVersionRow *
get_workflow (SyEngine   *engine,
              const char *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SyVersionRow *row;

  sy_engine_get_workflow_async (engine, key, 0, NULL, sy_test_on_done, &result);
  row = sy_engine_get_workflow_finish (engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return row;
}

static SyVersionRow *
save (SyEngine    *engine,
      SyWorkflow  *workflow,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sy_engine_save_async (engine, workflow, NULL, sy_test_on_done, &result);
  return sy_engine_save_finish (engine, sy_test_wait_for (&result), error);
}

static char *
big_text (void)
{
  GString *text = g_string_sized_new (512 * 1024);

  while (text->len < 512 * 1024)
    g_string_append_printf (text, "%u ", g_test_rand_int ());
  return g_string_free (text, FALSE);
}

/* Saving an edited workflow: refused with the reason, the saved version
 * unchanged, and saved when tried again with room. */
static void
test_save (SyTestEngine  *fixture,
           gconstpointer  data)
{
  g_autoptr(SyVersionRow) before = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyWorkflow) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = big_text ();

  sy_test_import_nodes (fixture->engine, "kept", FALSE, SMALL_NODES);
  before = get_workflow (fixture->engine, "kept");
  edited = sy_version_row_to_workflow (before, &error);
  g_assert_no_error (error);
  sy_workflow_set_title (edited, "Edited");
  sy_workflow_set_description (edited, text);

  sy_test_disk_set_room (0);
  row = save (fixture->engine, edited, &error);
  g_assert_null (row);
  assert_full_error (error, fixture->dir, "switchyard.db");
  g_clear_error (&error);
  g_assert_true (sy_engine_is_running (fixture->engine));

  row = get_workflow (fixture->engine, "kept");
  g_assert_cmpstr (row->title, ==, "kept");
  g_assert_cmpstr (row->document, ==, before->document);
  g_clear_pointer (&row, sy_version_row_free);

  sy_test_disk_set_room (-1);
  row = save (fixture->engine, edited, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (row->version, ==, before->version);
  g_clear_pointer (&row, sy_version_row_free);
  row = get_workflow (fixture->engine, "kept");
  g_assert_cmpstr (row->title, ==, "Edited");
}

/* Running an execution by hand: its commit fails, the caller is told, the
 * executions before are intact. */
static void
test_execute (SyTestEngine  *fixture,
              gconstpointer  data)
{
  g_autoptr(SyExecution) first = NULL;
  g_autoptr(SyExecution) failed = NULL;
  g_autoptr(SyExecution) again = NULL;
  g_autoptr(GPtrArray) executions = NULL;
  g_autoptr(GError) error = NULL;

  sy_test_import_nodes (fixture->engine, "big", FALSE, BIG_RESULT_NODES);
  first = sy_test_execute (fixture->engine, "big", NULL, SY_EXECUTE_MANUALLY, NULL);
  g_assert_cmpint (first->status, ==, SY_STATUS_RESOLVED);

  sy_test_disk_set_room (LITTLE_ROOM);
  failed = sy_test_execute (fixture->engine, "big", NULL, SY_EXECUTE_MANUALLY, &error);
  g_assert_null (failed);
  assert_full_error (error, fixture->dir, "switchyard.db");
  g_clear_error (&error);

  sy_test_assert_status (fixture->engine, first->id, SY_STATUS_RESOLVED);
  executions = sy_test_finished_executions (fixture->engine, "big");
  g_assert_cmpuint (executions->len, ==, 1);

  sy_test_disk_set_room (-1);
  again = sy_test_execute (fixture->engine, "big", NULL, SY_EXECUTE_MANUALLY, NULL);
  g_assert_cmpint (again->status, ==, SY_STATUS_RESOLVED);
}

static void
on_triggered (SyEngine     *engine,
              SyExecution  *execution,
              const GError *error,
              gpointer      data)
{
  gpointer *id = data;

  /* On the engine thread. */
  g_assert_no_error (error);
  g_atomic_pointer_set (id, GSIZE_TO_POINTER ((gsize) execution->id));
}

/* A queued execution whose run cannot be saved stays queued, and runs by
 * itself once there is room: not only after a restart. */
static void
test_queued (SyTestEngine  *fixture,
             gconstpointer  data)
{
  gint64 version_id = sy_test_import_nodes (fixture->engine, "queued", FALSE, BIG_RESULT_NODES);
  g_autoptr(SyExecution) execution = NULL;
  gpointer triggered = NULL;
  gint64 id;

  sy_test_disk_set_room (LITTLE_ROOM);
  sy_engine_trigger (fixture->engine, version_id, NULL, NULL, on_triggered, &triggered);
  while (g_atomic_pointer_get (&triggered) == NULL || sy_test_disk_get_refusals () == 0)
    sy_test_sleep_ms (5);
  id = (gint64) GPOINTER_TO_SIZE (g_atomic_pointer_get (&triggered));
  sy_test_assert_status (fixture->engine, id, SY_STATUS_QUEUEING);
  g_assert_true (sy_engine_is_running (fixture->engine));

  sy_test_disk_set_room (-1);
  for (guint tries = 0; tries < 2000; tries++)
    {
      g_clear_pointer (&execution, sy_execution_unref);
      execution = sy_test_get_execution (fixture->engine, id, NULL);
      if (execution->status != SY_STATUS_QUEUEING)
        break;
      sy_test_sleep_ms (10);
    }
  g_assert_cmpint (execution->status, ==, SY_STATUS_RESOLVED);
}

/* Creating a record: data.db cannot grow, the action says so, the records
 * before are there, and the engine goes on. */
static void
test_record (SyTestEngine  *fixture,
             gconstpointer  data)
{
  g_autoptr(SyRecordAction) action = sy_record_action_new (SY_RECORD_ACTION_CREATE, "notes");
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(SyActionOutcome) outcome = NULL;
  g_autoptr(JsonArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = big_text ();

  sy_test_engine_define (fixture->engine,
                         "[{\"format\": \"switchyard-collection/1\", \"name\": \"notes\","
                         " \"fields\": [{\"name\": \"body\", \"type\": \"text\"}]}]");
  sy_test_engine_insert (fixture->engine, "notes", "{\"body\": \"saved before\"}");

  json_object_set_string_member (values, "body", text);
  sy_record_action_set_values (action, values);
  sy_test_disk_set_room (0);
  outcome = sy_test_run_action (fixture->engine, action, &error);
  g_assert_null (outcome);
  assert_full_error (error, fixture->dir, "data.db");
  g_clear_error (&error);

  records = sy_test_engine_records (fixture->engine, "notes");
  g_assert_cmpuint (json_array_get_length (records), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (records, 0), "body"),
                   ==, "saved before");
  g_clear_pointer (&records, json_array_unref);

  sy_test_disk_set_room (-1);
  outcome = sy_test_run_action (fixture->engine, action, &error);
  g_assert_no_error (error);
  records = sy_test_engine_records (fixture->engine, "notes");
  g_assert_cmpuint (json_array_get_length (records), ==, 2);
}

/* Holds the engine thread, so that what the test asks meanwhile lands in
 * one pump. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean entered;
  gboolean open;
} Gate;

static gboolean
gate_hold (gpointer data)
{
  Gate *gate = data;

  g_mutex_lock (&gate->lock);
  gate->entered = TRUE;
  g_cond_broadcast (&gate->cond);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);

  return G_SOURCE_REMOVE;
}

static void
gate_close (Gate     *gate,
            SyEngine *engine)
{
  g_mutex_init (&gate->lock);
  g_cond_init (&gate->cond);
  sy_engine_invoke (engine, gate_hold, gate, NULL);
  g_mutex_lock (&gate->lock);
  while (!gate->entered)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
}

static void
gate_open (Gate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->open = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

/* A read that shared its pump with a save the disk refused is answered
 * from what is stored, not with the save's failure (switching workflows
 * in the window saves one and reads the other at once). */
static void
test_read_beside_failed_save (SyTestEngine  *fixture,
                              gconstpointer  data)
{
  g_autoptr(SyVersionRow) before = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyWorkflow) edited = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = big_text ();
  Gate gate = { 0 };

  sy_test_import_nodes (fixture->engine, "kept", FALSE, SMALL_NODES);
  before = get_workflow (fixture->engine, "kept");
  edited = sy_version_row_to_workflow (before, &error);
  g_assert_no_error (error);
  sy_workflow_set_title (edited, "Edited");
  sy_workflow_set_description (edited, text);

  sy_test_disk_set_room (0);
  gate_close (&gate, fixture->engine);
  sy_engine_save_async (fixture->engine, edited, NULL, sy_test_on_done, &saved);
  sy_engine_get_workflow_async (fixture->engine, "kept", 0, NULL, sy_test_on_done, &read);
  gate_open (&gate);

  row = sy_engine_save_finish (fixture->engine, sy_test_wait_for (&saved), &error);
  g_assert_null (row);
  assert_full_error (error, fixture->dir, "switchyard.db");
  g_clear_error (&error);

  row = sy_engine_get_workflow_finish (fixture->engine, sy_test_wait_for (&read), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row->title, ==, "kept");
  g_assert_cmpstr (row->document, ==, before->document);
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
}

/* An execution waiting on a program when its commit failed: its caller
 * hears the failure once, and nothing waits on its id, which the next
 * execution is given again. */
static void
test_waiting_execution (SyTestEngine  *fixture,
                        gconstpointer  data)
{
  g_autoptr(SyExecution) failed = NULL;
  g_autoptr(SyExecution) next = NULL;
  g_autoptr(GError) error = NULL;

  sy_test_import_nodes (fixture->engine, "napping", FALSE,
                        "[{\"key\": \"nap\", \"type\": \"command\","
                        "  \"config\": {\"argv\": [\"sleep\", \"0.2\"]}}]");

  sy_test_disk_set_room (0);
  failed = sy_test_execute (fixture->engine, "napping", NULL, SY_EXECUTE_MANUALLY, &error);
  g_assert_null (failed);
  assert_full_error (error, fixture->dir, "switchyard.db");
  g_clear_error (&error);

  sy_test_disk_set_room (-1);
  next = sy_test_execute (fixture->engine, "napping", NULL, SY_EXECUTE_MANUALLY, NULL);
  g_assert_cmpint (next->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpuint (next->jobs->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The engine logs what it could not save as warnings: expected here. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  sy_test_disk_install ();

  g_test_add ("/engine/disk-full/save", SyTestEngine, NULL, set_up, test_save, tear_down);
  g_test_add ("/engine/disk-full/execute", SyTestEngine, NULL, set_up, test_execute, tear_down);
  g_test_add ("/engine/disk-full/queued", SyTestEngine, NULL, set_up, test_queued, tear_down);
  g_test_add ("/engine/disk-full/record", SyTestEngine, NULL, set_up, test_record, tear_down);
  g_test_add ("/engine/disk-full/read-beside-failed-save", SyTestEngine, NULL, set_up,
              test_read_beside_failed_save, tear_down);
  g_test_add ("/engine/disk-full/waiting-execution", SyTestEngine, NULL, set_up,
              test_waiting_execution, tear_down);

  return g_test_run ();
}
