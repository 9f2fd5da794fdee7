/* sy-test-engine.c — plumbing shared by the engine tests */
#include "config.h"

#include <glib/gstdio.h>

#include "sy-test-engine.h"

/* Async callback that keeps the result in the GAsyncResult * slot `data`. */
void
sy_test_on_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  GAsyncResult **slot = data;

  (void) source;
  *slot = g_object_ref (result);
}

/* Spins the default context until sy_test_on_done() filled `slot`. */
GAsyncResult *
sy_test_wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static gboolean
timeout_reached (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the default context (signals keep arriving) for `ms` milliseconds. */
void
sy_test_sleep_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_reached, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gint64
sy_test_ms_at (const char *iso)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
}

char *
sy_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sy-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes a directory and what it holds; links are removed, never followed. */
void
sy_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        sy_test_remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

/* A started engine on `dir`. */
SyEngine *
sy_test_engine_new (const char *dir)
{
  g_autoptr(GError) error = NULL;
  SyEngine *engine = sy_engine_new (dir);

  g_assert_true (sy_engine_start (engine, &error));
  g_assert_no_error (error);
  return engine;
}

void
sy_test_engine_set_up (SyTestEngine *fixture,
                       gconstpointer data)
{
  (void) data;
  fixture->dir = sy_test_make_dir ();
  fixture->engine = sy_test_engine_new (fixture->dir);
}

void
sy_test_engine_tear_down (SyTestEngine *fixture,
                          gconstpointer data)
{
  (void) data;
  if (fixture->engine != NULL)
    sy_engine_stop (fixture->engine);
  g_clear_object (&fixture->engine);
  sy_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Imports a workflow document and returns the id of its version; a
 * document with problems fails the test, after listing them. */
gint64
sy_test_import (SyEngine   *engine,
                const char *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_data (document, -1, &problems, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SyVersionRow) row = NULL;

  for (guint i = 0; workflow == NULL && problems != NULL && i < problems->len; i++)
    {
      SyProblem *problem = g_ptr_array_index (problems, i);

      g_test_message ("%s: %s", problem->path, problem->message);
    }
  g_assert_no_error (error);
  g_assert_nonnull (workflow);

  sy_engine_import_async (engine, workflow, NULL, sy_test_on_done, &result);
  row = sy_engine_import_finish (engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return row->id;
}

/* Imports a webhook-triggered workflow named `key` whose node list is the
 * JSON text `nodes_json`. */
gint64
sy_test_import_nodes (SyEngine   *engine,
                      const char *key,
                      gboolean    sync,
                      const char *nodes_json)
{
  g_autofree char *document = g_strdup_printf ("{\"format\": \"switchyard-workflow/1\", \"key\": \"%s\", "
                                               "\"title\": \"%s\", \"sync\": %s, "
                                               "\"trigger\": {\"type\": \"webhook\", \"config\": {}}, "
                                               "\"nodes\": %s}",
                                               key, key, sync ? "true" : "false", nodes_json);

  return sy_test_import (engine, document);
}

/* Executes the workflow `key` with the JSON text `context_json` (or none).
 * With `error` NULL, a failure fails the test. */
SyExecution *
sy_test_execute (SyEngine       *engine,
                 const char     *key,
                 const char     *context_json,
                 SyExecuteFlags  flags,
                 GError        **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) context = context_json ? json_from_string (context_json, &parse_error) : NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  SyExecution *execution;

  g_assert_no_error (parse_error);
  sy_engine_execute_async (engine, key, context, flags, NULL, sy_test_on_done, &result);
  execution = sy_engine_execute_finish (engine, sy_test_wait_for (&result),
                                        error != NULL ? error : &local_error);
  g_assert_no_error (local_error);
  return execution;
}

SyExecution *
sy_test_run_nodes (SyEngine   *engine,
                   const char *key,
                   const char *nodes_json,
                   const char *context_json)
{
  sy_test_import_nodes (engine, key, FALSE, nodes_json);

  return sy_test_execute (engine, key, context_json ? context_json : "{}", SY_EXECUTE_MANUALLY, NULL);
}

/* With `error` NULL, a failure fails the test. */
SyExecution *
sy_test_get_execution (SyEngine *engine,
                       gint64    id,
                       GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  SyExecution *execution;

  sy_engine_get_execution_async (engine, id, NULL, sy_test_on_done, &result);
  execution = sy_engine_get_execution_finish (engine, sy_test_wait_for (&result),
                                              error != NULL ? error : &local_error);
  g_assert_no_error (local_error);
  return execution;
}

void
sy_test_assert_status (SyEngine *engine,
                       gint64    id,
                       SyStatus  status)
{
  g_autoptr(SyExecution) execution = sy_test_get_execution (engine, id, NULL);

  g_assert_cmpint (execution->status, ==, status);
}

/* The first job of `node_key`, or NULL when that node did not run. */
SyJob *
sy_test_find_job (SyExecution *execution,
                  const char  *node_key)
{
  for (guint i = 0; execution->jobs != NULL && i < execution->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (execution->jobs, i);

      if (g_strcmp0 (job->node_key, node_key) == 0)
        return job;
    }

  return NULL;
}

GPtrArray *
sy_test_list_tasks (SyEngine *engine,
                    gboolean  all)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  GPtrArray *tasks;

  sy_engine_list_tasks_async (engine, all, NULL, sy_test_on_done, &listed);
  tasks = sy_engine_list_tasks_finish (engine, sy_test_wait_for (&listed), &error);
  g_assert_no_error (error);

  return tasks;
}

gint64
sy_test_open_task_of (SyEngine   *engine,
                      const char *assignee)
{
  g_autoptr(GPtrArray) tasks = sy_test_list_tasks (engine, FALSE);
  gint64 id = 0;

  for (guint i = 0; i < tasks->len; i++)
    {
      SyTask *task = g_ptr_array_index (tasks, i);

      if (g_str_equal (task->assignee, assignee))
        {
          g_assert_cmpint (id, ==, 0);
          id = task->id;
        }
    }
  g_assert_cmpint (id, !=, 0);

  return id;
}

SyTask *
sy_test_submit_task (SyEngine   *engine,
                     gint64      task_id,
                     const char *action,
                     const char *values_json,
                     GError    **error)
{
  g_autoptr(GAsyncResult) submitted = NULL;
  g_autoptr(JsonNode) values = values_json ? json_from_string (values_json, NULL) : NULL;

  sy_engine_submit_task_async (engine, task_id, action, values, "looks fine", NULL,
                               sy_test_on_done, &submitted);
  return sy_engine_submit_task_finish (engine, sy_test_wait_for (&submitted), error);
}

JsonNode *
sy_test_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

void
sy_test_assert_json (JsonNode   *node,
                     const char *expected)
{
  g_autofree char *text = node ? json_to_string (node, FALSE) : g_strdup ("null");

  g_assert_cmpstr (text, ==, expected);
}
