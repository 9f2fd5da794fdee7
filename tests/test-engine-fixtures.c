/* test-engine-fixtures.c — runs every workflow fixture in tests/workflows through the engine
 *
 * Each fixture is {"workflow": <switchyard-workflow/1>, "context": {…},
 * "env": {NAME: value} (optional), "expect": {"status": …, "output": …
 * (optional), "jobs": [{"node", "status", "result"?, "meta"?, "message"?}]}}.
 * Jobs are compared in the order they ran; `result` exactly (numbers by
 * value), `meta` member by member, `message` as a substring of
 * result.message. Subdirectories (invalid/) belong to other tests.
 */
#include "config.h"

#include <string.h>

#include "sy-engine.h"
#include "sy-test-engine.h"

static gboolean
json_equal (JsonNode *a,
            JsonNode *b);

static gboolean
is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static gboolean
object_equal (JsonObject *a,
              JsonObject *b)
{
  g_autoptr(GList) members = json_object_get_members (a);

  if (json_object_get_size (a) != json_object_get_size (b))
    return FALSE;

  for (GList *l = members; l != NULL; l = l->next)
    if (!json_object_has_member (b, l->data) ||
        !json_equal (json_object_get_member (a, l->data), json_object_get_member (b, l->data)))
      return FALSE;

  return TRUE;
}

/* Structural equality where 3 and 3.0 are the same number. */
static gboolean
json_equal (JsonNode *a,
            JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null && b_null;

  if (is_number (a) && is_number (b))
    return json_node_get_double (a) == json_node_get_double (b);

  if (json_node_get_node_type (a) != json_node_get_node_type (b))
    return FALSE;

  switch (json_node_get_node_type (a))
    {
    case JSON_NODE_OBJECT:
      return object_equal (json_node_get_object (a), json_node_get_object (b));

    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);

        if (json_array_get_length (x) != json_array_get_length (y))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (x); i++)
          if (!json_equal (json_array_get_element (x, i), json_array_get_element (y, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_VALUE:
      return json_node_equal (a, b);

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static char *
to_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("null");

  return json_to_string (node, FALSE);
}

static void
set_env (JsonObject *env,
         gboolean    set)
{
  g_autoptr(GList) names = env != NULL ? json_object_get_members (env) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      if (set)
        g_setenv (l->data, json_object_get_string_member (env, l->data), TRUE);
      else
        g_unsetenv (l->data);
    }
}

static SyExecution *
run_fixture (JsonObject *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(SyEngine) engine = NULL;
  g_autoptr(GAsyncResult) imported = NULL;
  g_autoptr(GAsyncResult) executed = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autofree char *dir = NULL;
  JsonNode *context = json_object_get_member (fixture, "context");
  SyExecution *execution;

  workflow = sy_workflow_new_from_json (json_object_get_member (fixture, "workflow"), &problems, &error);
  if (workflow == NULL)
    {
      g_test_message ("the fixture's workflow is invalid: %s", error->message);
      g_test_fail ();
      return NULL;
    }

  dir = sy_test_make_dir ();
  engine = sy_test_engine_new (dir);

  sy_engine_import_async (engine, workflow, NULL, sy_test_on_done, &imported);
  row = sy_engine_import_finish (engine, sy_test_wait_for (&imported), &error);
  g_assert_no_error (error);

  sy_engine_execute_async (engine, row->key, context, SY_EXECUTE_MANUALLY, NULL, sy_test_on_done, &executed);
  execution = sy_engine_execute_finish (engine, sy_test_wait_for (&executed), &error);
  g_assert_no_error (error);

  sy_engine_stop (engine);
  sy_test_remove_tree (dir);

  return execution;
}

static gboolean
check_job (SyJob      *job,
           JsonObject *expected,
           GString    *problems)
{
  const char *node = json_object_get_string_member_with_default (expected, "node", "");
  const char *status = json_object_get_string_member_with_default (expected, "status", "");
  const char *actual_status = sy_status_to_string (job->status, TRUE);
  gboolean ok = TRUE;

  if (g_strcmp0 (job->node_key, node) != 0)
    {
      g_string_append_printf (problems, "  node %s, expected %s\n", job->node_key, node);
      return FALSE;
    }

  if (g_strcmp0 (actual_status, status) != 0)
    {
      g_string_append_printf (problems, "  %s: status %s, expected %s\n", node, actual_status, status);
      ok = FALSE;
    }

  if (json_object_has_member (expected, "result") &&
      !json_equal (job->result, json_object_get_member (expected, "result")))
    {
      g_autofree char *actual = to_text (job->result);
      g_autofree char *wanted = to_text (json_object_get_member (expected, "result"));

      g_string_append_printf (problems, "  %s: result %s, expected %s\n", node, actual, wanted);
      ok = FALSE;
    }

  if (json_object_has_member (expected, "meta"))
    {
      JsonObject *wanted = json_object_get_object_member (expected, "meta");
      JsonObject *meta = job->meta != NULL && JSON_NODE_HOLDS_OBJECT (job->meta)
                           ? json_node_get_object (job->meta) : NULL;
      g_autoptr(GList) members = json_object_get_members (wanted);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *actual = meta != NULL ? json_object_get_member (meta, l->data) : NULL;

          if (!json_equal (actual, json_object_get_member (wanted, l->data)))
            {
              g_autofree char *actual_text = to_text (actual);
              g_autofree char *wanted_text = to_text (json_object_get_member (wanted, l->data));

              g_string_append_printf (problems, "  %s: meta.%s %s, expected %s\n",
                                      node, (const char *) l->data, actual_text, wanted_text);
              ok = FALSE;
            }
        }
    }

  if (json_object_has_member (expected, "message"))
    {
      const char *wanted = json_object_get_string_member (expected, "message");
      const char *message = NULL;

      if (job->result != NULL && JSON_NODE_HOLDS_OBJECT (job->result))
        message = json_object_get_string_member_with_default (json_node_get_object (job->result), "message", NULL);
      if (message == NULL || strstr (message, wanted) == NULL)
        {
          g_string_append_printf (problems, "  %s: message “%s”, expected to contain “%s”\n",
                                  node, message != NULL ? message : "(none)", wanted);
          ok = FALSE;
        }
    }

  return ok;
}

static void
test_fixture (gconstpointer data)
{
  const char *path = data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  JsonObject *fixture, *expect, *env;
  JsonArray *jobs;
  const char *status;
  guint n_jobs;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  fixture = json_node_get_object (json_parser_get_root (parser));
  expect = json_object_get_object_member (fixture, "expect");
  env = json_object_has_member (fixture, "env") ? json_object_get_object_member (fixture, "env") : NULL;

  set_env (env, TRUE);
  execution = run_fixture (fixture);
  set_env (env, FALSE);
  if (execution == NULL)
    return;

  status = sy_status_to_string (execution->status, FALSE);
  if (g_strcmp0 (status, json_object_get_string_member (expect, "status")) != 0)
    g_string_append_printf (problems, "  execution status %s, expected %s\n",
                            status, json_object_get_string_member (expect, "status"));

  if (json_object_has_member (expect, "output") &&
      !json_equal (execution->output, json_object_get_member (expect, "output")))
    {
      g_autofree char *actual = to_text (execution->output);
      g_autofree char *wanted = to_text (json_object_get_member (expect, "output"));

      g_string_append_printf (problems, "  output %s, expected %s\n", actual, wanted);
    }

  jobs = json_object_get_array_member (expect, "jobs");
  n_jobs = execution->jobs != NULL ? execution->jobs->len : 0;
  if (n_jobs != json_array_get_length (jobs))
    g_string_append_printf (problems, "  %u jobs, expected %u\n", n_jobs, json_array_get_length (jobs));

  for (guint i = 0; i < MIN (n_jobs, json_array_get_length (jobs)); i++)
    if (!check_job (g_ptr_array_index (execution->jobs, i),
                    json_array_get_object_element (jobs, i), problems))
      {
        g_string_append_printf (problems, "  (at job %u)\n", i);
        break;
      }

  if (problems->len > 0)
    {
      g_autoptr(JsonNode) document = sy_execution_to_json (execution);
      g_autofree char *text = json_to_string (document, TRUE);

      /* Fail this fixture and go on with the others. */
      g_test_message ("%s:\n%s\nexecution:\n%s", path, problems->str, text);
      g_test_fail ();
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *directory = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_test_init (&argc, &argv, NULL);

  directory = g_test_build_filename (G_TEST_DIST, "workflows", NULL);
  dir = g_dir_open (directory, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (paths, g_build_filename (directory, name, NULL));
  g_ptr_array_sort (paths, compare_names);
  g_assert_cmpuint (paths->len, >, 0);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (paths, i));
      g_autofree char *test_path = NULL;

      base[strlen (base) - strlen (".json")] = '\0';
      test_path = g_strdup_printf ("/engine/fixtures/%s", base);
      g_test_add_data_func (test_path, g_ptr_array_index (paths, i), test_fixture);
    }

  return g_test_run ();
}
