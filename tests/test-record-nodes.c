/* test-record-nodes.c — the record nodes (query, create, update, destroy,
 * aggregate, sql, response-message)
 *
 * Runs every fixture of tests/workflows/collections: {"collections":
 * [definitions], "records": {collection: [values…]}, "workflow", "context",
 * "expect": {"status", "jobs": [{"node", "status", "result"?, "message"?}],
 * "records": {collection: [record…]}}}. Results and records match when every
 * member the fixture names matches (records also carry times the fixture
 * cannot know); numbers match by value; `message` is a substring of the
 * job's error. Then what fixtures cannot say: validation, the collection
 * events nodes cause, and stack limits that stop loops.
 */
#include "config.h"

#include <string.h>

#include "sy-json.h"
#include "sy-test-collections.h"
#include "sy-test-engine.h"

typedef SyTestEngine Fixture;

static gboolean
is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* `expected` names a part of `actual`: members of objects it lists,
 * arrays element by element (same length). */
static gboolean
json_matches (JsonNode *expected,
              JsonNode *actual)
{
  gboolean expected_null = expected == NULL || JSON_NODE_HOLDS_NULL (expected);
  gboolean actual_null = actual == NULL || JSON_NODE_HOLDS_NULL (actual);

  if (expected_null || actual_null)
    return expected_null && actual_null;

  if (is_number (expected) && is_number (actual))
    return json_node_get_double (expected) == json_node_get_double (actual);

  if (json_node_get_node_type (expected) != json_node_get_node_type (actual))
    return FALSE;

  if (JSON_NODE_HOLDS_OBJECT (expected))
    {
      JsonObject *want = json_node_get_object (expected), *have = json_node_get_object (actual);
      g_autoptr(GList) members = json_object_get_members (want);

      for (GList *l = members; l != NULL; l = l->next)
        if (!json_object_has_member (have, l->data) ||
            !json_matches (json_object_get_member (want, l->data), json_object_get_member (have, l->data)))
          return FALSE;
      return TRUE;
    }

  if (JSON_NODE_HOLDS_ARRAY (expected))
    {
      JsonArray *want = json_node_get_array (expected), *have = json_node_get_array (actual);

      if (json_array_get_length (want) != json_array_get_length (have))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (want); i++)
        if (!json_matches (json_array_get_element (want, i), json_array_get_element (have, i)))
          return FALSE;
      return TRUE;
    }

  return json_node_equal (expected, actual);
}

static char *
text_of (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("(nothing)");
}

static void
expect_matches (const char *what,
                JsonNode   *expected,
                JsonNode   *actual)
{
  if (!json_matches (expected, actual))
    {
      g_autofree char *want = text_of (expected);
      g_autofree char *have = text_of (actual);

      g_test_message ("%s: expected %s, got %s", what, want, have);
      g_test_fail ();
    }
}

/* Collections and records first, then the workflow (so that its trigger
 * sees none of the set-up). */
static void
set_up_data (SyEngine   *engine,
             JsonObject *fixture)
{
  g_autofree char *definitions = json_to_string (json_object_get_member (fixture, "collections"), FALSE);
  JsonObject *records = json_object_get_object_member (fixture, "records");

  sy_test_engine_define (engine, definitions);

  /* Defined order, so that belongs-to targets exist first. */
  for (guint c = 0; c < json_array_get_length (json_object_get_array_member (fixture, "collections")); c++)
    {
      JsonObject *definition = json_array_get_object_element (json_object_get_array_member (fixture, "collections"), c);
      const char *name = json_object_get_string_member (definition, "name");
      JsonArray *rows = json_object_has_member (records, name) ? json_object_get_array_member (records, name) : NULL;

      for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
        {
          g_autoptr(SyRecordAction) action = sy_record_action_new (SY_RECORD_ACTION_CREATE, name);
          g_autoptr(SyActionOutcome) outcome = NULL;
          g_autoptr(GError) error = NULL;

          sy_record_action_set_values (action, json_array_get_object_element (rows, i));
          outcome = sy_test_run_action (engine, action, &error);
          g_assert_no_error (error);
        }
    }
}

static void
check_jobs (SyExecution *execution,
            JsonArray   *jobs)
{
  guint n = json_array_get_length (jobs);

  if (execution->jobs->len != n)
    {
      g_test_message ("expected %u jobs, %u ran", n, execution->jobs->len);
      g_test_fail ();
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonObject *want = json_array_get_object_element (jobs, i);
      SyJob *job = g_ptr_array_index (execution->jobs, i);
      const char *message = json_object_get_string_member_with_default (want, "message", NULL);

      g_assert_cmpstr (job->node_key, ==, json_object_get_string_member (want, "node"));
      g_assert_cmpstr (sy_status_to_string (job->status, TRUE), ==, json_object_get_string_member (want, "status"));
      if (json_object_has_member (want, "result"))
        expect_matches (job->node_key, json_object_get_member (want, "result"), job->result);
      if (message != NULL)
        {
          const char *have = job->result != NULL && JSON_NODE_HOLDS_OBJECT (job->result)
                               ? json_object_get_string_member_with_default (json_node_get_object (job->result), "message", "")
                               : "";

          if (strstr (have, message) == NULL)
            {
              g_test_message ("%s: expected a message with “%s”, got “%s”", job->node_key, message, have);
              g_test_fail ();
            }
        }
    }
}

static void
run_fixture (gconstpointer data)
{
  const char *path = data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sy_test_make_dir ();
  g_autoptr(SyEngine) engine = sy_test_engine_new (dir);
  g_autofree char *workflow = NULL;
  g_autofree char *context = NULL;
  g_autoptr(SyExecution) execution = NULL;
  JsonObject *fixture, *expect, *records;
  const char *key;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  fixture = json_node_get_object (json_parser_get_root (parser));
  expect = json_object_get_object_member (fixture, "expect");

  set_up_data (engine, fixture);
  workflow = json_to_string (json_object_get_member (fixture, "workflow"), FALSE);
  sy_test_import (engine, workflow);
  key = json_object_get_string_member (json_object_get_object_member (fixture, "workflow"), "key");
  context = json_to_string (json_object_get_member (fixture, "context"), FALSE);

  execution = sy_test_execute (engine, key, context, SY_EXECUTE_MANUALLY, NULL);
  g_assert_cmpstr (sy_status_to_string (execution->status, FALSE), ==, json_object_get_string_member (expect, "status"));
  check_jobs (execution, json_object_get_array_member (expect, "jobs"));

  records = json_object_has_member (expect, "records") ? json_object_get_object_member (expect, "records") : NULL;
  if (records != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (records);

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autoptr(JsonArray) stored = sy_test_engine_records (engine, l->data);
          g_autoptr(JsonNode) node = sy_json_node_take_array (json_array_ref (stored));

          expect_matches (l->data, json_object_get_member (records, l->data), node);
        }
    }

  sy_engine_stop (engine);
  sy_test_remove_tree (dir);
}

/* ── Validation ────────────────────────────────────────────────────────── */

static void
test_validation (void)
{
  static const struct
  {
    const char *node;
    const char *problem;
  } cases[] = {
    { "{\"key\": \"n\", \"type\": \"query\", \"config\": {}}", "nodes[0].config.collection: required" },
    { "{\"key\": \"n\", \"type\": \"query\", \"config\": {\"collection\": \"Products!\"}}", "nodes[0].config.collection: “Products!” is not a collection name" },
    { "{\"key\": \"n\", \"type\": \"query\", \"config\": {\"collection\": \"p\", \"filter\": [1]}}", "nodes[0].config.filter: " },
    { "{\"key\": \"n\", \"type\": \"query\", \"config\": {\"collection\": \"p\", \"pageSize\": 0}}", "nodes[0].config.pageSize: must be a whole number" },
    { "{\"key\": \"n\", \"type\": \"query\", \"config\": {\"collection\": \"p\", \"multiple\": \"yes\"}}", "nodes[0].config.multiple: " },
    { "{\"key\": \"n\", \"type\": \"query\", \"config\": {\"collection\": \"p\", \"appends\": \"product\"}}", "nodes[0].config.appends: " },
    { "{\"key\": \"n\", \"type\": \"query\", \"config\": {\"collection\": \"p\", \"sort\": \"title\"}}", "nodes[0].config.sort: must be a list" },
    { "{\"key\": \"n\", \"type\": \"create\", \"config\": {\"collection\": \"p\", \"values\": 3}}", "nodes[0].config.values: " },
    { "{\"key\": \"n\", \"type\": \"update\", \"config\": {\"collection\": \"p\", \"values\": {\"a\": 1}}}", "nodes[0].config.filter: required" },
    { "{\"key\": \"n\", \"type\": \"update\", \"config\": {\"collection\": \"p\", \"filter\": {}, \"values\": {\"a\": 1}}}", "nodes[0].config.filter: needs at least one condition" },
    { "{\"key\": \"n\", \"type\": \"update\", \"config\": {\"collection\": \"p\", \"filter\": {\"id\": 1}}}", "nodes[0].config.values: required" },
    { "{\"key\": \"n\", \"type\": \"destroy\", \"config\": {\"collection\": \"p\"}}", "nodes[0].config.filter: required" },
    { "{\"key\": \"n\", \"type\": \"aggregate\", \"config\": {\"collection\": \"p\", \"aggregator\": \"median\"}}", "nodes[0].config.aggregator: " },
    { "{\"key\": \"n\", \"type\": \"aggregate\", \"config\": {\"collection\": \"p\", \"aggregator\": \"sum\"}}", "nodes[0].config.field: required for sum" },
    { "{\"key\": \"n\", \"type\": \"aggregate\", \"config\": {\"collection\": \"p\", \"precision\": 15}}", "nodes[0].config.precision: must be a whole number from 0 to 14" },
    { "{\"key\": \"n\", \"type\": \"sql\", \"config\": {}}", "nodes[0].config.sql: required" },
    { "{\"key\": \"n\", \"type\": \"sql\", \"config\": {\"sql\": \"SELECT * FROM p WHERE id = {{$context.id}}\"}}", "nodes[0].config.sql: placeholders are not put into SQL" },
    { "{\"key\": \"n\", \"type\": \"sql\", \"config\": {\"sql\": \"SELECT 1\", \"variables\": [{\"name\": \"a b\", \"value\": 1}]}}", "nodes[0].config.variables: [0] needs a name" },
    { "{\"key\": \"n\", \"type\": \"response-message\", \"config\": {}}", "nodes[0].config.message: required" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *document = g_strdup_printf ("{\"format\": \"switchyard-workflow/1\", \"key\": \"v\", \"title\": \"v\","
                                                   " \"trigger\": {\"type\": \"webhook\", \"config\": {}}, \"nodes\": [%s]}",
                                                   cases[i].node);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_data (document, -1, &problems, &error);
      gboolean found = FALSE;

      g_test_message ("%s", cases[i].node);
      g_assert_null (workflow);
      for (guint p = 0; problems != NULL && p < problems->len; p++)
        {
          SyProblem *problem = g_ptr_array_index (problems, p);
          g_autofree char *text = g_strdup_printf ("%s: %s", problem->path, problem->message);

          g_test_message ("  %s", text);
          if (g_str_has_prefix (text, cases[i].problem))
            found = TRUE;
        }
      g_assert_true (found);
    }
}

/* ── Events caused by nodes, and loops ─────────────────────────────────── */

#define PRODUCTS \
  "[{\"format\": \"switchyard-collection/1\", \"name\": \"products\", \"fields\": [" \
  "   {\"name\": \"title\", \"type\": \"string\"}, {\"name\": \"stock\", \"type\": \"integer\", \"default\": 0}]}," \
  " {\"format\": \"switchyard-collection/1\", \"name\": \"log\", \"fields\": [" \
  "   {\"name\": \"what\", \"type\": \"string\"}]}]"

static void
test_node_events (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GPtrArray) updated = NULL;
  g_autoptr(JsonNode) stack = NULL;

  sy_test_engine_define (fixture->engine, PRODUCTS);
  sy_test_import_triggered (fixture->engine, "on-create", FALSE, "collection",
                            "{\"collection\": \"products\", \"mode\": \"create\"}", "[]");
  sy_test_import_triggered (fixture->engine, "on-update", FALSE, "collection",
                            "{\"collection\": \"products\", \"mode\": \"update\"}", "[]");
  sy_test_import_nodes (fixture->engine, "writer", FALSE,
                        "[{\"key\": \"add\", \"type\": \"create\", \"config\": {\"collection\": \"products\","
                        "  \"values\": {\"title\": \"Lamp\"}}},"
                        " {\"key\": \"add-2\", \"type\": \"create\", \"config\": {\"collection\": \"products\","
                        "  \"values\": {\"title\": \"Desk\"}}},"
                        " {\"key\": \"batch\", \"type\": \"update\", \"config\": {\"collection\": \"products\","
                        "  \"filter\": {\"title\": \"Lamp\"}, \"values\": {\"stock\": 1}}},"
                        " {\"key\": \"each\", \"type\": \"update\", \"config\": {\"collection\": \"products\","
                        "  \"filter\": {\"title\": \"Desk\"}, \"values\": {\"stock\": 2}, \"individualHooks\": true}},"
                        " {\"key\": \"sql\", \"type\": \"sql\", \"config\": {\"sql\": \"UPDATE products SET stock = 5\"}},"
                        " {\"key\": \"gone\", \"type\": \"destroy\", \"config\": {\"collection\": \"log\","
                        "  \"filter\": {\"id\": {\"$gt\": 0}}}}]");

  execution = sy_test_execute (fixture->engine, "writer", NULL, SY_EXECUTE_MANUALLY, NULL);
  g_assert_cmpint (execution->status, ==, SY_STATUS_RESOLVED);

  /* Both creations, and only the one-by-one update; batch, SQL and
   * destroy nodes are no events (as in NocoBase). */
  created = sy_test_finished_executions (fixture->engine, "on-create");
  g_assert_cmpuint (created->len, ==, 2);
  updated = sy_test_finished_executions (fixture->engine, "on-update");
  g_assert_cmpuint (updated->len, ==, 1);
  {
    g_autoptr(JsonNode) title = sy_json_get_path (((SyExecution *) g_ptr_array_index (updated, 0))->context, "data.title");

    g_assert_cmpstr (json_node_get_string (title), ==, "Desk");
  }

  /* In the writer's chain. */
  stack = json_node_ref (((SyExecution *) g_ptr_array_index (created, 0))->stack);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (stack)), ==, 1);
  g_assert_cmpint (json_array_get_int_element (json_node_get_array (stack), 0), ==, execution->id);
}

/* A collection workflow that updates its own record one by one would run
 * for ever; its stack limit stops it. */
static void
check_loop (Fixture *fixture,
            guint    stack_limit,
            gint64   expected_stock)
{
  g_autofree char *document = g_strdup_printf (
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"bump\", \"title\": \"bump\", \"enabled\": true,"
    " \"options\": {\"stack_limit\": %u},"
    " \"trigger\": {\"type\": \"collection\", \"config\": {\"collection\": \"products\", \"mode\": \"update\"}},"
    " \"nodes\": ["
    "  {\"key\": \"next\", \"type\": \"calculation\", \"config\": {\"engine\": \"jq\","
    "   \"expression\": \"{{$context.data.stock}} + 1\"}},"
    "  {\"key\": \"save\", \"type\": \"update\", \"config\": {\"collection\": \"products\","
    "   \"filter\": {\"id\": \"{{$context.data.id}}\"}, \"values\": {\"stock\": \"{{$jobsMapByNodeKey.next}}\"},"
    "   \"individualHooks\": true}}]}",
    stack_limit);
  g_autoptr(SyRecordAction) action = sy_record_action_new (SY_RECORD_ACTION_UPDATE, "products");
  g_autoptr(JsonNode) values = sy_test_json ("{\"title\": \"Lamp!\"}");
  g_autoptr(SyActionOutcome) outcome = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(JsonArray) products = NULL;

  sy_test_import (fixture->engine, document);
  sy_record_action_add_id (action, 1);
  sy_record_action_set_values (action, json_node_get_object (values));
  outcome = sy_test_run_action (fixture->engine, action, NULL);
  g_assert_nonnull (outcome);

  /* Each run starts the next one pump later; give them time to stop. */
  for (guint tries = 0; tries < 100; tries++)
    {
      g_clear_pointer (&runs, g_ptr_array_unref);
      runs = sy_test_finished_executions (fixture->engine, "bump");
      if (runs->len >= stack_limit)
        break;
      sy_test_sleep_ms (10);
    }
  sy_test_sleep_ms (100);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = sy_test_finished_executions (fixture->engine, "bump");
  g_assert_cmpuint (runs->len, ==, stack_limit);

  products = sy_test_engine_records (fixture->engine, "products");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (products, 0), "stock"), ==, expected_stock);
}

static void
test_stack_limit_one (Fixture      *fixture,
                      gconstpointer data)
{
  sy_test_engine_define (fixture->engine, PRODUCTS);
  sy_test_engine_insert (fixture->engine, "products", "{\"title\": \"Lamp\", \"stock\": 10}");
  check_loop (fixture, 1, 11);
}

static void
test_stack_limit_three (Fixture      *fixture,
                        gconstpointer data)
{
  sy_test_engine_define (fixture->engine, PRODUCTS);
  sy_test_engine_insert (fixture->engine, "products", "{\"title\": \"Lamp\", \"stock\": 10}");
  check_loop (fixture, 3, 13);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, NULL);

  dir_path = g_test_build_filename (G_TEST_DIST, "workflows", "collections", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *base = g_strndup (file, strlen (file) - strlen (".json"));
      g_autofree char *test_path = g_strconcat ("/record-nodes/fixture/", base, NULL);

      g_ptr_array_add (paths, g_build_filename (dir_path, file, NULL));
      g_test_add_data_func (test_path, g_ptr_array_index (paths, paths->len - 1), run_fixture);
    }

  g_test_add_func ("/record-nodes/validation", test_validation);
  g_test_add ("/record-nodes/events", Fixture, NULL, sy_test_engine_set_up, test_node_events, sy_test_engine_tear_down);
  g_test_add ("/record-nodes/stack-limit/one", Fixture, NULL, sy_test_engine_set_up, test_stack_limit_one,
              sy_test_engine_tear_down);
  g_test_add ("/record-nodes/stack-limit/three", Fixture, NULL, sy_test_engine_set_up, test_stack_limit_three,
              sy_test_engine_tear_down);

  return g_test_run ();
}
