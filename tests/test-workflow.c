/* test-workflow.c — the workflow model: loading, validation, saving, chains
 * (src/engine/sy-workflow.c, sy-node.c, sy-validation.c, the registries and
 * the trigger kinds)
 */
#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sy-node-kind.h"
#include "sy-trigger-kind.h"
#include "sy-workflow.h"
#include "sy-test-engine.h"

/* The spec's example, with the node types that exist today: `query` and
 * `update` became calculations. */
static const char example_document[] =
  "{\n"
  "  \"format\": \"switchyard-workflow/1\",\n"
  "  \"key\": \"order-stock\",\n"
  "  \"title\": \"Deduct stock when an order arrives\",\n"
  "  \"description\": \"Optional free text\",\n"
  "  \"enabled\": true,\n"
  "  \"sync\": false,\n"
  "  \"options\": { \"timeout\": 0, \"stack_limit\": 1, \"delete_executions\": [] },\n"
  "  \"trigger\": { \"type\": \"webhook\", \"title\": \"New order\", \"config\": { } },\n"
  "  \"nodes\": [\n"
  "    { \"key\": \"stock\", \"type\": \"calculation\", \"title\": \"Load product\",\n"
  "      \"config\": { \"engine\": \"jq\", \"expression\": \"{stock: 5, product: {{$context.body.product}}}\" } },\n"
  "    { \"key\": \"enough\", \"type\": \"condition\", \"title\": \"Enough stock?\",\n"
  "      \"config\": { \"engine\": \"jq\", \"expression\": \"{{$jobsMapByNodeKey.stock.stock}} >= {{$context.body.qty}}\",\n"
  "                  \"rejectOnFalse\": false },\n"
  "      \"branches\": {\n"
  "        \"true\":  [ { \"key\": \"deduct\", \"type\": \"calculation\",\n"
  "                     \"config\": { \"expression\": \"{{$jobsMapByNodeKey.stock.stock}} - {{$context.body.qty}}\" } } ],\n"
  "        \"false\": [ { \"key\": \"stop\", \"type\": \"end\", \"config\": { \"endStatus\": \"failed\" } } ]\n"
  "      } }\n"
  "  ]\n"
  "}\n";

/* Test-only kinds: one that waits and one whose validate hook reports. */
static void
checked_validate (SyNode       *node,
                  SyValidation *validation)
{
  JsonNode *value = sy_node_get_config_member (node, "value");

  if (value != NULL && json_node_get_int (value) < 0)
    sy_validation_add (validation, "config.value", "must not be negative");
}

static const SyNodeKind test_wait_kind = {
  .type = "test-wait",
  .title = "Test wait",
  .category = "time",
  .flags = SY_NODE_KIND_WAITS,
};

static const SyNodeKind test_checked_kind = {
  .type = "test-checked",
  .title = "Test checked",
  .category = "calculation",
  .validate = checked_validate,
};

static SyWorkflow *
load_valid (const char *document)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  SyWorkflow *workflow = sy_workflow_new_from_data (document, -1, &problems, &error);

  g_assert_no_error (error);
  g_assert_null (problems);
  g_assert_nonnull (workflow);

  return workflow;
}

/* Round trip ---------------------------------------------------------------- */

static void
test_round_trip_example (void)
{
  g_autoptr(SyWorkflow) workflow = load_valid (example_document);
  g_autoptr(JsonNode) original = sy_test_json (example_document);
  g_autoptr(JsonNode) saved = sy_workflow_to_json (workflow);
  g_autofree char *text = sy_workflow_to_data (workflow, TRUE);
  g_autoptr(SyWorkflow) reloaded = load_valid (text);
  g_autoptr(JsonNode) saved_again = sy_workflow_to_json (reloaded);

  g_assert_true (json_node_equal (original, saved));
  g_assert_true (json_node_equal (saved, saved_again));

  g_assert_cmpstr (sy_workflow_get_key (workflow), ==, "order-stock");
  g_assert_cmpstr (sy_workflow_get_trigger_title (workflow), ==, "New order");
  g_assert_cmpuint (sy_workflow_count_nodes (workflow), ==, 4);
  g_assert_cmpstr (sy_node_get_key (sy_workflow_get_head (workflow)), ==, "stock");
  g_assert_cmpstr (sy_node_get_parent_branch (sy_workflow_find_node (workflow, "stop")), ==, "false");
  g_assert_true (sy_node_get_parent (sy_workflow_find_node (workflow, "deduct"))
                 == sy_workflow_find_node (workflow, "enough"));
}

static void
test_round_trip_canonical (void)
{
  /* Defaults and a trigger without a title come back written out. */
  const char *sparse =
    "{\"format\": \"switchyard-workflow/1\", \"title\": \"Sparse\", \"unknown\": 1,"
    " \"options\": {\"delete_executions\": [\"resolved\", \"canceled\"]},"
    " \"trigger\": {\"type\": \"schedule\", \"config\": {\"mode\": \"static\","
    " \"startsOn\": \"2025-03-01T08:00:00Z\", \"repeat\": \"0 0 9 * * 1-5\"}}}";
  const char *canonical =
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"sparse\", \"title\": \"Sparse\","
    " \"enabled\": false, \"sync\": false,"
    " \"options\": {\"timeout\": 0, \"stack_limit\": 1, \"delete_executions\": [\"resolved\", \"canceled\"]},"
    " \"trigger\": {\"type\": \"schedule\", \"config\": {\"mode\": \"static\","
    " \"startsOn\": \"2025-03-01T08:00:00Z\", \"repeat\": \"0 0 9 * * 1-5\"}}, \"nodes\": []}";
  g_autoptr(SyWorkflow) workflow = load_valid (sparse);
  g_autoptr(JsonNode) saved = sy_workflow_to_json (workflow);
  g_autoptr(JsonNode) expected = sy_test_json (canonical);

  g_assert_true (json_node_equal (saved, expected));
  g_assert_true (sy_workflow_deletes_executions_on (workflow, SY_STATUS_CANCELED));
  g_assert_false (sy_workflow_deletes_executions_on (workflow, SY_STATUS_FAILED));
}

/* Errors before validation ------------------------------------------------- */

static void
test_invalid_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;

  workflow = sy_workflow_new_from_data ("{\n  \"format\": \"switchyard-workflow/1\",\n  \"nodes\": [1,,]\n}",
                                        -1, &problems, &error);
  g_assert_null (workflow);
  g_assert_null (problems);
  g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "invalid JSON at line 3 column 15: "));
  g_clear_error (&error);

  workflow = sy_workflow_new_from_data ("", -1, NULL, &error);
  g_assert_null (workflow);
  g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_PARSE);
}

static void
test_wrong_format (void)
{
  static const struct
  {
    const char *document;
    const char *message;
  } cases[] = {
    { "{\"format\": \"switchyard-workflow/2\", \"title\": \"x\"}",
      "format: unsupported format “switchyard-workflow/2”: this version of Switchyard reads “switchyard-workflow/1”" },
    { "{\"title\": \"x\", \"trigger\": {\"type\": \"nope\"}}",
      "format: missing: this is not a Switchyard workflow (expected “switchyard-workflow/1”)" },
    { "{\"format\": 1}", "format: must be the string “switchyard-workflow/1”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_data (cases[i].document, -1, &problems, &error);

      g_assert_null (workflow);
      g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID);
      /* Only the format: the rest may follow other rules. */
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpuint (problems->len, ==, 1);
    }
}

/* Invalid documents: tests/workflows/invalid/<file> with every problem ----- */

typedef struct
{
  const char *path;
  const char *message;
} Expected;

typedef struct
{
  const char     *file;
  const Expected *problems; /* terminated by path == NULL */
} InvalidCase;

static const Expected top_level_problems[] = {
  { "description", "must be a string" },
  { "enabled", "must be true or false" },
  { "options.timeout", "must be a whole number, 0 or more" },
  { "options.stack_limit", "must be a whole number, 1 or more" },
  { "options.delete_executions[1]", "“started” is not a final status: executions never end with it" },
  { "options.delete_executions[2]", "unknown status “nope”" },
  { "options.delete_executions[3]", "must be a status name" },
  { "trigger.config", "must be an object" },
  { "nodes", "must be an array" },
  { "key", "“Bad Key” is not a valid workflow key: use 1 to 64 lowercase letters, digits, “_” or “-”, "
           "starting with a letter or digit" },
  { "title", "must not be empty" },
  { NULL }
};

static const Expected not_an_object_problems[] = {
  { "", "a workflow document must be a JSON object" },
  { NULL }
};

static const Expected unknown_types_problems[] = {
  { "nodes[2]", "must be an object" },
  { "nodes[3].type", "required" },
  { "trigger.type", "unknown trigger type “carrier-pigeon”" },
  { "nodes[0].type", "unknown node type “foo”" },
  { "nodes[1].branches", "“calculation” nodes have no branches" },
  { NULL }
};

static const Expected duplicate_keys_problems[] = {
  { "nodes[0].branches.true[0].key", "duplicate key “check”, already used by nodes[0]" },
  { "nodes[1].key", "duplicate key “ok”, already used by nodes[0].branches.false[0]" },
  { "nodes[2].key", "“bad key!” is not a valid node key: use 1 to 64 letters, digits, “_” or “-”" },
  { NULL }
};

static const Expected references_problems[] = {
  { "nodes[0].config.expression", "refers to node “later”, which runs after this one" },
  { "nodes[1].branches.true[0].config.expression", "refers to node “no”, which is not on this node's path" },
  { "nodes[1].branches.false[0].config.expression", "refers to unknown node “ghost”" },
  { "nodes[2].config.expression", "refers to node “yes”, which is not on this node's path" },
  { "nodes[2].config.expression", "“$scopes.first” must name a loop that encloses this node" },
  { "nodes[4].config.expression", "“$scopes.each” must name a loop that encloses this node" },
  { "nodes[4].config.expression", "refers to node “inner”, which is not on this node's path" },
  { "nodes[4].config.expression", "refers to its own node “after”, which has no result yet" },
  { NULL }
};

static const Expected placeholders_problems[] = {
  { "nodes[0].config.text", "unclosed “{{” at character 7" },
  { "nodes[0].config.list[1]", "empty placeholder at character 1" },
  { "nodes[0].config.{{ nope }}",
    "placeholder “nope” at character 1 must start with $context, $jobsMapByNodeKey, $scopes, $system or $env" },
  /* Found by the template scan and by the string engine: reported once. */
  { "nodes[1].config.expression",
    "placeholder “$nothing” at character 1 must start with $context, $jobsMapByNodeKey, $scopes, $system or $env" },
  { NULL }
};

static const Expected sync_rules_problems[] = {
  { "nodes[0]", "test-wait nodes cannot run in a synchronous workflow" },
  { "nodes[1]", "must be the last node of its chain: nothing runs after “end” nodes" },
  { "nodes[2].config.value", "must not be negative" },
  { NULL }
};

static const Expected branches_problems[] = {
  { "nodes[2].branches.1", "must be an array" },
  { "nodes[0].branches.maybe", "unknown branch “maybe” of a “condition” node (expected true, false)" },
  { "nodes[1].branches.x", "unknown branch “x” of a “parallel” node (expected 1, 2, …)" },
  { "nodes[1].branches.01", "unknown branch “01” of a “parallel” node (expected 1, 2, …)" },
  { NULL }
};

static const Expected trigger_webhook_problems[] = {
  { "trigger.config.methods[1]", "unknown value “FETCH” (expected one of GET, POST, PUT, PATCH, DELETE)" },
  { "trigger.config.methods[2]", "“GET” is listed twice" },
  { "trigger.config.auth.type", "must be one of none, basic, bearer, hmac-sha256" },
  { "trigger.config.response.status", "must be a whole number from 100 to 599" },
  { "trigger.config.response.headers.x-a", "must be a string" },
  { NULL }
};

static const Expected trigger_collection_problems[] = {
  { "trigger.config.collection",
    "“Orders” is not a collection name: use a lowercase letter, then up to 62 lowercase letters, digits or “_”" },
  { "trigger.config.mode", "must be one of create, update, create-or-update, destroy" },
  { "trigger.config.changed", "must be an array of strings" },
  { NULL }
};

static const Expected trigger_file_problems[] = {
  { "trigger.config.folder", "“relative/dir” is not an absolute path (start it with / or ~/)" },
  { "trigger.config.events[1]", "unknown value “opened” (expected one of created, changed, deleted, moved)" },
  { "trigger.config.recursive", "must be true or false" },
  { NULL }
};

static const Expected trigger_schedule_problems[] = {
  { "trigger.config.startsOn", "“tomorrow” is not a date and time such as 2025-03-01T08:00:00Z" },
  { "trigger.config.repeat", "must be a cron expression or a number of milliseconds" },
  { "trigger.config.limit", "must be a whole number from 0 to 2147483647" },
  { NULL }
};

/* The message workflow-format.md gives as its example, at its path. */
static const Expected spec_example_problems[] = {
  { "nodes[1].branches.true[0].config.url", "must start with http:// or https://" },
  { "nodes[1].branches.true[1].config.url", "must start with http:// or https://" },
  { "nodes[1].branches.true[3].config.url", "“http://” has no host" },
  { NULL }
};

/* The trigger runs first: only $context, $system and $env mean something there. */
static const Expected trigger_variables_problems[] = {
  { "trigger.config.response.body",
    "placeholder “nope” at character 100 must start with $context, $jobsMapByNodeKey, $scopes, $system or $env" },
  { "trigger.config.response.body", "refers to node “first”, which runs after the trigger" },
  { "trigger.config.response.body", "“$scopes.each” must name a loop that encloses this node" },
  { "trigger.config.response.body", "refers to unknown node “ghost”" },
  { NULL }
};

static const InvalidCase invalid_cases[] = {
  { "trigger-variables.json", trigger_variables_problems },
  { "spec-example.json", spec_example_problems },
  { "top-level.json", top_level_problems },
  { "not-an-object.json", not_an_object_problems },
  { "unknown-types.json", unknown_types_problems },
  { "duplicate-keys.json", duplicate_keys_problems },
  { "references.json", references_problems },
  { "placeholders.json", placeholders_problems },
  { "sync-rules.json", sync_rules_problems },
  { "branches.json", branches_problems },
  { "trigger-webhook.json", trigger_webhook_problems },
  { "trigger-collection.json", trigger_collection_problems },
  { "trigger-file.json", trigger_file_problems },
  { "trigger-schedule.json", trigger_schedule_problems },
};

static char *
describe_problems (GPtrArray *problems)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      SyProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (text, "\n  %s: %s", problem->path, problem->message);
    }

  return g_string_free (text, FALSE);
}

static void
assert_problems (const char     *name,
                 GPtrArray      *problems,
                 const Expected *expected)
{
  g_autofree char *found = describe_problems (problems);
  guint n_expected = 0;

  for (; expected[n_expected].path != NULL; n_expected++)
    {
      gboolean seen = FALSE;

      for (guint i = 0; problems != NULL && i < problems->len && !seen; i++)
        {
          SyProblem *problem = g_ptr_array_index (problems, i);

          seen = g_str_equal (problem->path, expected[n_expected].path)
                 && g_str_equal (problem->message, expected[n_expected].message);
        }

      if (!seen)
        g_error ("%s: expected “%s: %s” among:%s", name, expected[n_expected].path,
                 expected[n_expected].message, found);
    }

  if (problems == NULL || problems->len != n_expected)
    g_error ("%s: expected %u problems, found:%s", name, n_expected, found);
}

static void
test_invalid_documents (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "workflows", "invalid",
                                                     invalid_cases[i].file, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_file (file, &problems, &error);
      g_auto(GStrv) lines = NULL;

      g_test_message ("%s", invalid_cases[i].file);
      g_assert_null (workflow);
      g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID);
      assert_problems (invalid_cases[i].file, problems, invalid_cases[i].problems);

      /* The message names the file, then one "path: message" per line. */
      g_assert_true (g_str_has_prefix (error->message, path));
      lines = g_strsplit (error->message, "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, problems->len);
    }
}

/* Drafts: the same files read leniently. Readable ones build a model and
 * keep every problem; the others are refused with only what makes them
 * unreadable. */
static const struct
{
  const char *file;
  gboolean    readable;
  guint       n_structural; /* problems left when unreadable */
} draft_cases[] = {
  { "top-level.json", FALSE, 10 },  /* all but the empty title */
  { "not-an-object.json", FALSE, 1 },
  { "unknown-types.json", FALSE, 5 },
  { "duplicate-keys.json", FALSE, 3 },
  { "references.json", TRUE, 0 },
  { "placeholders.json", TRUE, 0 },
  { "sync-rules.json", TRUE, 0 },
  { "branches.json", FALSE, 4 },
  { "trigger-webhook.json", TRUE, 0 },
  { "trigger-collection.json", TRUE, 0 },
  { "trigger-file.json", TRUE, 0 },
  { "trigger-schedule.json", TRUE, 0 },
};

static const InvalidCase *
find_invalid_case (const char *file)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    if (g_str_equal (invalid_cases[i].file, file))
      return &invalid_cases[i];

  g_assert_not_reached ();
}

static void
test_draft_documents (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (draft_cases); i++)
    {
      const InvalidCase *strict = find_invalid_case (draft_cases[i].file);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "workflows", "invalid",
                                                     draft_cases[i].file, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(SyWorkflow) workflow = NULL;

      g_test_message ("%s", draft_cases[i].file);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      workflow = sy_workflow_new_draft_from_data (contents, -1, &problems, &error);

      if (draft_cases[i].readable)
        {
          g_autoptr(GPtrArray) again = NULL;
          g_autoptr(GPtrArray) structure = NULL;

          g_assert_no_error (error);
          g_assert_nonnull (workflow);
          /* Every problem the strict load reports, kept and queryable. */
          assert_problems (draft_cases[i].file, problems, strict->problems);
          again = sy_workflow_validate (workflow);
          assert_problems (draft_cases[i].file, again, strict->problems);
          structure = sy_workflow_validate_structure (workflow);
          g_assert_cmpuint (structure->len, ==, 0);
        }
      else
        {
          g_assert_null (workflow);
          g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID);
          g_assert_nonnull (problems);
          g_assert_cmpuint (problems->len, ==, draft_cases[i].n_structural);
        }
    }
}

static void
test_draft_empty_required_field (void)
{
  const char *document =
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"draft\", \"title\": \"Draft\","
    " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
    " \"nodes\": [{\"key\": \"sum\", \"type\": \"calculation\", \"config\": {\"expression\": \"\"}},"
    "           {\"key\": \"uses\", \"type\": \"calculation\","
    "            \"config\": {\"expression\": \"{{$jobsMapByNodeKey.gone}}\"}}]}";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyWorkflow) strict = NULL;
  g_autoptr(SyWorkflow) draft = NULL;
  g_autoptr(SyWorkflow) reloaded = NULL;
  g_autofree char *saved = NULL;
  SyProblem *problem;

  strict = sy_workflow_new_from_data (document, -1, &problems, &error);
  g_assert_null (strict);
  g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&problems, g_ptr_array_unref);

  draft = sy_workflow_new_draft_from_data (document, -1, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_cmpuint (sy_workflow_count_nodes (draft), ==, 2);
  g_assert_cmpuint (problems->len, ==, 2);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, "nodes[0].config.expression");
  g_assert_cmpstr (problem->message, ==, "an expression is required");
  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpstr (problem->path, ==, "nodes[1].config.expression");
  g_assert_cmpstr (problem->message, ==, "refers to unknown node “gone”");

  /* What a draft saves reads back as the same draft. */
  saved = sy_workflow_to_data (draft, FALSE);
  g_clear_pointer (&problems, g_ptr_array_unref);
  reloaded = sy_workflow_new_draft_from_data (saved, -1, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 2);

  /* A valid draft reports no problems at all. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_object (&reloaded);
  reloaded = sy_workflow_new_draft_from_data (example_document, -1, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reloaded);
  g_assert_null (problems);
}

static void
test_draft_unreadable (void)
{
  static const char *unreadable[] = {
    "{ not json",
    "",
    "[1, 2]",
    "{\"format\": \"switchyard-workflow/2\", \"title\": \"x\"}",
    "{\"title\": \"no format\", \"trigger\": {\"type\": \"webhook\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (unreadable); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SyWorkflow) workflow = sy_workflow_new_draft_from_data (unreadable[i], -1, NULL, &error);

      g_assert_null (workflow);
      g_assert_error (error, SY_WORKFLOW_ERROR, (i < 2 ? SY_WORKFLOW_ERROR_PARSE : SY_WORKFLOW_ERROR_INVALID));
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_structure_of_edited_model (void)
{
  g_autoptr(SyWorkflow) workflow = load_valid (example_document);
  g_autoptr(SyNode) twin = sy_node_new ("stock", "calculation");
  g_autoptr(SyNode) alien = sy_node_new ("alien", "no-such-type");
  g_autoptr(GPtrArray) structure = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  /* An empty expression is a draft's problem, not a structural one. */
  json_object_set_string_member (sy_node_get_config (sy_workflow_find_node (workflow, "deduct")),
                                 "expression", "");
  structure = sy_workflow_validate_structure (workflow);
  g_assert_cmpuint (structure->len, ==, 0);
  g_clear_pointer (&structure, g_ptr_array_unref);

  sy_node_chain_insert (sy_workflow_get_nodes (workflow), NULL, NULL, 2, twin);
  sy_node_chain_insert (sy_workflow_get_nodes (workflow), NULL, NULL, 3, alien);
  sy_workflow_reindex (workflow);
  structure = sy_workflow_validate_structure (workflow);
  g_assert_cmpuint (structure->len, ==, 2);
  g_assert_cmpstr (((SyProblem *) g_ptr_array_index (structure, 0))->path, ==, "nodes[2].key");
  g_assert_cmpstr (((SyProblem *) g_ptr_array_index (structure, 1))->path, ==, "nodes[3].type");

  error = sy_problems_to_error (structure, "cannot store:");
  g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "cannot store:\nnodes[2].key: duplicate key “stock”"));
  problems = g_ptr_array_new ();
  g_assert_null (sy_problems_to_error (problems, "nothing"));
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/switchyard/flow.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_file (file, NULL, &error);

  g_assert_null (workflow);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/switchyard/flow.json"));
}

/* Loads `path`; asserts it is refused with `domain`/`code` and a message
 * holding `part`. */
static void
assert_file_refused (const char *path,
                     GQuark      domain,
                     int         code,
                     const char *part)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_file (file, NULL, &error);

  g_assert_null (workflow);
  g_test_message ("%s", error->message);
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, part));
}

/* What is not a workflow file gets a message that says what it is,
 * without hanging (a pipe) or reading gigabytes (a disk image). */
static void
test_not_a_workflow_file (void)
{
  g_autofree char *dir = sy_test_make_dir ();
  g_autofree char *folder = g_build_filename (dir, "folder.json", NULL);
  g_autofree char *to_folder = g_build_filename (dir, "to-folder.json", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.json", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.json", NULL);
  g_autofree char *utf16 = g_build_filename (dir, "utf16.json", NULL);
  g_autofree char *latin1 = g_build_filename (dir, "latin1.json", NULL);
  g_autofree char *binary = g_build_filename (dir, "binary.json", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked.json", NULL);
  static const char utf16_text[] = "\xff\xfe{\0\"\0f\0o\0r\0m\0a\0t\0\"\0:\0";
  static const char binary_data[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  int fd;

  g_assert_no_errno (g_mkdir (folder, 0700));
  assert_file_refused (folder, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "is a folder");
  g_assert_no_errno (symlink (folder, to_folder));
  assert_file_refused (to_folder, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "is a folder");
  g_assert_no_errno (symlink ("/nonexistent/switchyard/flow.json", dangling));
  assert_file_refused (dangling, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "is a link to “/nonexistent/switchyard/flow.json”, which does not exist");

  /* Reading a pipe nobody writes to would never end. */
  g_assert_no_errno (mkfifo (fifo, 0600));
  assert_file_refused (fifo, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "not a regular file");

  /* Sparse: large without taking room. */
  fd = g_open (huge, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (ftruncate (fd, SY_WORKFLOW_FILE_MAX + 1));
  close (fd);
  assert_file_refused (huge, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "too large for a workflow file");

  g_assert_true (g_file_set_contents (utf16, utf16_text, sizeof utf16_text - 1, NULL));
  assert_file_refused (utf16, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_PARSE, "UTF-16 text");
  g_assert_true (g_file_set_contents (latin1, "{\n  \"format\": \"switchyard-workflow/1\",\n  \"title\": \"Caf\xe9\"\n}\n",
                                      -1, NULL));
  assert_file_refused (latin1, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_PARSE, "not UTF-8 text at line 3 column 16");
  g_assert_true (g_file_set_contents (binary, binary_data, sizeof binary_data, NULL));
  assert_file_refused (binary, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_PARSE, "binary data");

  /* Permissions do not stop root: only checked as anyone else. */
  g_assert_true (g_file_set_contents (locked, example_document, -1, NULL));
  g_assert_no_errno (g_chmod (locked, 0));
  if (access (locked, R_OK) != 0)
    assert_file_refused (locked, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "cannot be read: permission denied");

  sy_test_remove_tree (dir);
}

static void
test_error_lists_every_problem (void)
{
  const char *document =
    "{\"format\": \"switchyard-workflow/1\", \"title\": \"\", \"sync\": 1,"
    " \"trigger\": {\"type\": \"webhook\"}, \"nodes\": [{\"type\": \"nope\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_data (document, -1, NULL, &error);

  g_assert_null (workflow);
  g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "sync: must be true or false\n"
                   "title: must not be empty\n"
                   "nodes[0].type: unknown node type “nope”");
}

/* Edits and validation of the model ---------------------------------------- */

static void
test_validate_after_edits (void)
{
  g_autoptr(SyWorkflow) workflow = load_valid (example_document);
  g_autoptr(SyNode) early = sy_node_new ("early", "calculation");
  g_autoptr(JsonObject) config = json_object_new ();
  g_autoptr(GPtrArray) problems = NULL;
  SyProblem *problem;

  json_object_set_string_member (config, "expression", "{{$jobsMapByNodeKey.deduct}}");
  sy_node_set_config (early, config);
  sy_node_chain_insert (sy_workflow_get_nodes (workflow), NULL, NULL, 0, early);
  sy_workflow_reindex (workflow);

  problems = sy_workflow_validate (workflow);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, "nodes[0].config.expression");
  g_assert_cmpstr (problem->message, ==, "refers to node “deduct”, which runs after this one");
  g_clear_pointer (&problems, g_ptr_array_unref);

  sy_workflow_set_title (workflow, NULL);
  problems = sy_workflow_validate (workflow);
  g_assert_cmpuint (problems->len, ==, 2);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, "title");
  g_assert_cmpstr (problem->message, ==, "required");
}

static void
test_find_node_by_path (void)
{
  g_autoptr(SyWorkflow) workflow = load_valid (example_document);
  const char *rest = NULL;

  g_assert_true (sy_workflow_find_node_by_path (workflow, "nodes[0].config.expression", &rest)
                 == sy_workflow_find_node (workflow, "stock"));
  g_assert_cmpstr (rest, ==, "config.expression");
  g_assert_true (sy_workflow_find_node_by_path (workflow, "nodes[1].branches.false[0]", &rest)
                 == sy_workflow_find_node (workflow, "stop"));
  g_assert_cmpstr (rest, ==, "");
  g_assert_true (sy_workflow_find_node_by_path (workflow, "nodes[1].branches.true[0].key", &rest)
                 == sy_workflow_find_node (workflow, "deduct"));
  g_assert_cmpstr (rest, ==, "key");
  g_assert_true (sy_workflow_find_node_by_path (workflow, "nodes[1].branches", &rest)
                 == sy_workflow_find_node (workflow, "enough"));
  g_assert_cmpstr (rest, ==, "branches");

  g_assert_null (sy_workflow_find_node_by_path (workflow, "title", NULL));
  g_assert_null (sy_workflow_find_node_by_path (workflow, "trigger.config.methods", NULL));
  g_assert_null (sy_workflow_find_node_by_path (workflow, "nodes[7]", NULL));
  g_assert_null (sy_workflow_find_node_by_path (workflow, "nodes[1].branches.maybe[0]", NULL));
  g_assert_null (sy_workflow_find_node_by_path (workflow, "nodes[1].branches.true[3]", NULL));
  g_assert_null (sy_workflow_find_node_by_path (workflow, "nodes[x]", NULL));
}

static void
test_sync_mode (void)
{
  g_autoptr(SyWorkflow) workflow = sy_workflow_new (NULL, "Nightly", "schedule");
  g_autoptr(SyWorkflow) interception = sy_workflow_new (NULL, "Guard", "request-interception");
  g_autoptr(SyWorkflow) hook = sy_workflow_new (NULL, "Hook", "webhook");
  g_autoptr(JsonNode) saved = NULL;

  /* The trigger's forced mode wins; the file keeps the document's choice. */
  sy_workflow_set_sync (workflow, TRUE);
  g_assert_false (sy_workflow_get_sync (workflow));
  saved = sy_workflow_to_json (workflow);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (saved), "sync"));

  g_assert_true (sy_workflow_get_sync (interception));
  g_assert_false (sy_workflow_get_sync (hook));
  sy_workflow_set_sync (hook, TRUE);
  g_assert_true (sy_workflow_get_sync (hook));
}

/* Keys ---------------------------------------------------------------------- */

static void
test_key_generation (void)
{
  const char *document =
    "{\"format\": \"switchyard-workflow/1\", \"title\": \"  Deduct stock — Café!  \","
    " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
    " \"nodes\": [{\"type\": \"calculation\", \"config\": {\"expression\": \"1\"}},"
    "             {\"type\": \"calculation\", \"config\": {\"expression\": \"2\"}},"
    "             {\"key\": \"calculation_2\", \"type\": \"output\", \"config\": {\"value\": 1}}]}";
  g_autoptr(SyWorkflow) workflow = load_valid (document);
  g_autoptr(SyWorkflow) keyed = load_valid ("{\"format\": \"switchyard-workflow/1\", \"key\": \"deduct\","
                                            " \"title\": \"Deduct\", \"trigger\": {\"type\": \"webhook\"}}");
  GPtrArray *nodes = sy_workflow_get_nodes (workflow);
  g_autofree char *next = NULL;
  static const struct
  {
    const char *title;
    const char *key;
  } titles[] = {
    { "Deduct stock", "deduct-stock" },
    { "  --Hello,   World!--  ", "hello-world" },
    { "Überweisung prüfen", "uberweisung-prufen" },
    { "!!!", "workflow" },
    { "", "workflow" },
    { NULL, "workflow" },
  };
  g_autofree char *long_title = g_strnfill (100, 'a');
  g_autofree char *long_key = sy_workflow_key_from_title (long_title);

  g_assert_cmpstr (sy_workflow_get_key (workflow), ==, "deduct-stock-cafe");
  /* A generated key never takes one named later in the document. */
  g_assert_cmpstr (sy_node_get_key (g_ptr_array_index (nodes, 0)), ==, "calculation");
  g_assert_cmpstr (sy_node_get_key (g_ptr_array_index (nodes, 1)), ==, "calculation_3");
  next = sy_workflow_generate_node_key (workflow, "calculation");
  g_assert_cmpstr (next, ==, "calculation_4");
  g_clear_pointer (&next, g_free);
  next = sy_workflow_generate_node_key (workflow, "multi-conditions");
  g_assert_cmpstr (next, ==, "multi-conditions");

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *key = sy_workflow_key_from_title (titles[i].title);

      g_assert_cmpstr (key, ==, titles[i].key);
      g_assert_true (sy_workflow_key_is_valid (key));
    }
  g_assert_cmpuint (strlen (long_key), ==, 64);

  /* Made from the title, so storing it must find a free key; copies know. */
  g_assert_true (sy_workflow_get_key_generated (workflow));
  g_assert_false (sy_workflow_get_key_generated (keyed));
  {
    g_autoptr(SyWorkflow) copy = sy_workflow_copy (workflow);
    g_autofree char *variant = sy_workflow_key_variant ("deduct-stock", 2);
    g_autofree char *long_variant = sy_workflow_key_variant (long_key, 12);

    g_assert_true (sy_workflow_get_key_generated (copy));
    sy_workflow_set_key (copy, "deduct-stock-cafe");
    g_assert_false (sy_workflow_get_key_generated (copy));
    g_assert_cmpstr (variant, ==, "deduct-stock-2");
    g_assert_cmpuint (strlen (long_variant), ==, 64);
    g_assert_true (g_str_has_suffix (long_variant, "a-12"));
    g_assert_true (sy_workflow_key_is_valid (long_variant));
  }

  g_assert_true (sy_workflow_key_is_valid ("0-a_b"));
  g_assert_false (sy_workflow_key_is_valid ("-a"));
  g_assert_false (sy_workflow_key_is_valid ("Abc"));
  g_assert_true (sy_node_key_is_valid ("Abc_1-x"));
  g_assert_false (sy_node_key_is_valid ("a.b"));
  g_assert_false (sy_node_key_is_valid (""));
}

/* Copies --------------------------------------------------------------------- */

static void
test_copy_independent (void)
{
  g_autoptr(SyWorkflow) workflow = load_valid (example_document);
  g_autoptr(SyWorkflow) copy = sy_workflow_copy (workflow);
  g_autoptr(JsonNode) before = sy_workflow_to_json (workflow);
  g_autoptr(JsonNode) copied = sy_workflow_to_json (copy);
  g_autoptr(JsonNode) after = NULL;
  SyNode *deduct = sy_workflow_find_node (copy, "deduct");

  g_assert_true (json_node_equal (before, copied));
  g_assert_true (deduct != sy_workflow_find_node (workflow, "deduct"));
  g_assert_true (sy_node_get_parent (deduct) == sy_workflow_find_node (copy, "enough"));

  /* Change everything reachable in the copy. */
  json_object_set_string_member (sy_node_get_config (deduct), "expression", "0");
  sy_node_set_title (sy_workflow_find_node (copy, "stock"), "Changed");
  json_object_set_int_member (sy_workflow_get_trigger_config (copy), "x", 1);
  sy_node_chain_remove (sy_node_get_branch (sy_workflow_find_node (copy, "enough"), "false"),
                        sy_workflow_find_node (copy, "stop"));
  sy_workflow_set_title (copy, "Other");

  after = sy_workflow_to_json (workflow);
  g_assert_true (json_node_equal (before, after));
  g_assert_cmpuint (sy_workflow_count_nodes (copy), ==, 3);
}

static void
test_node_copy_and_json (void)
{
  g_autoptr(SyNode) loop = sy_node_new ("each", "loop");
  g_autoptr(SyNode) inner = sy_node_new ("inner", "calculation");
  g_autoptr(SyNode) copy = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) expected = sy_test_json (
    "{\"key\": \"each\", \"type\": \"loop\", \"config\": {\"target\": [1, 2]},"
    " \"branches\": {\"body\": [{\"key\": \"inner\", \"type\": \"calculation\", \"title\": \"Inner\","
    " \"config\": {}}]}}");
  g_autoptr(JsonNode) target = sy_test_json ("[1, 2]");

  json_object_set_member (sy_node_get_config (loop), "target", json_node_copy (target));
  sy_node_set_title (inner, "Inner");
  sy_node_chain_insert (sy_node_ensure_branch (loop, "body"), loop, "body", 0, inner);

  copy = sy_node_copy (loop);
  g_assert_null (sy_node_get_parent (copy));
  g_assert_null (sy_node_get_chain (copy));
  json = sy_node_to_json (copy);
  g_assert_true (json_node_equal (json, expected));

  /* The copy shares no JSON with the original. */
  json_array_add_int_element (json_node_get_array (sy_node_get_config_member (copy, "target")), 3);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (sy_node_get_config_member (loop, "target"))),
                    ==, 2);

  g_assert_true (sy_node_get_parent (sy_node_get_branch_head (copy, "body")) == copy);
  g_assert_true (sy_node_get_branch_head (copy, "body") != inner);
}

/* Chains ---------------------------------------------------------------------- */

static void
test_chain_navigation (void)
{
  g_autoptr(SyWorkflow) workflow = sy_workflow_new ("chains", "Chains", "webhook");
  GPtrArray *main_chain = sy_workflow_get_nodes (workflow);
  g_autoptr(SyNode) a = sy_node_new ("a", "calculation");
  g_autoptr(SyNode) b = sy_node_new ("b", "condition");
  g_autoptr(SyNode) c = sy_node_new ("c", "calculation");
  g_autoptr(SyNode) t1 = sy_node_new ("t1", "calculation");
  g_autoptr(SyNode) t2 = sy_node_new ("t2", "calculation");
  GPtrArray *yes;

  sy_node_chain_insert (main_chain, NULL, NULL, 0, a);
  sy_node_chain_insert (main_chain, NULL, NULL, 99, c);
  sy_node_chain_insert (main_chain, NULL, NULL, 1, b);
  yes = sy_node_ensure_branch (b, "true");
  g_assert_true (sy_node_ensure_branch (b, "true") == yes);
  sy_node_chain_insert (yes, b, "true", 0, t2);
  sy_node_chain_insert (yes, b, "true", 0, t1);
  sy_workflow_reindex (workflow);

  g_assert_true (sy_workflow_get_head (workflow) == a);
  g_assert_true (sy_node_get_next (a) == b);
  g_assert_true (sy_node_get_next (b) == c);
  g_assert_null (sy_node_get_next (c));
  g_assert_true (sy_node_get_previous (c) == b);
  g_assert_null (sy_node_get_previous (a));
  g_assert_null (sy_node_get_parent (b));
  g_assert_true (sy_node_get_chain (b) == main_chain);

  g_assert_true (sy_node_get_parent (t1) == b);
  g_assert_cmpstr (sy_node_get_parent_branch (t1), ==, "true");
  g_assert_true (sy_node_get_next (t1) == t2);
  g_assert_true (sy_node_get_previous (t2) == t1);
  g_assert_true (sy_node_get_branch_head (b, "true") == t1);
  g_assert_null (sy_node_get_branch_head (b, "false"));
  g_assert_true (sy_node_kind_has_branch (sy_node_kind_lookup ("condition"), b, "true"));
  g_assert_false (sy_node_kind_has_branch (sy_node_kind_lookup ("condition"), b, "false"));
  g_assert_true (sy_workflow_find_node (workflow, "t2") == t2);
  g_assert_cmpuint (sy_workflow_count_nodes (workflow), ==, 5);

  /* Removing the middle node joins its neighbours and detaches it. */
  sy_node_chain_remove (main_chain, b);
  sy_workflow_reindex (workflow);
  g_assert_true (sy_node_get_next (a) == c);
  g_assert_true (sy_node_get_previous (c) == a);
  g_assert_null (sy_node_get_chain (b));
  g_assert_null (sy_node_get_next (b));
  g_assert_null (sy_workflow_find_node (workflow, "t1"));
  g_assert_cmpuint (sy_workflow_count_nodes (workflow), ==, 2);
  /* Its own branch stays with it. */
  g_assert_true (sy_node_get_parent (t1) == b);

  /* Moving it into another place: it was detached, so it can go back. */
  sy_node_chain_insert (main_chain, NULL, NULL, 0, b);
  g_assert_true (sy_node_get_next (b) == a);
  g_assert_null (sy_node_get_previous (b));

  /* A branch removed detaches its nodes, which outlive it here. */
  g_assert_true (sy_node_remove_branch (b, "true"));
  g_assert_false (sy_node_remove_branch (b, "true"));
  g_assert_null (sy_node_get_parent (t1));
  g_assert_null (sy_node_get_chain (t2));
  g_assert_cmpuint (sy_node_get_n_branches (b), ==, 0);
}

static void
test_chain_relink (void)
{
  g_autoptr(GPtrArray) chain = sy_node_chain_new ();
  g_autoptr(SyNode) loop = sy_node_new ("each", "loop");
  g_autoptr(SyNode) inner = sy_node_new ("inner", "calculation");

  /* Plain array operations skip the back pointers; relink restores them. */
  g_ptr_array_add (chain, g_object_ref (loop));
  g_ptr_array_add (sy_node_ensure_branch (loop, "body"), g_object_ref (inner));
  g_assert_null (sy_node_get_parent (inner));

  sy_node_chain_relink (chain, NULL, NULL);
  g_assert_true (sy_node_get_chain (loop) == chain);
  g_assert_true (sy_node_get_parent (inner) == loop);
  g_assert_cmpstr (sy_node_get_parent_branch (inner), ==, "body");

  g_clear_pointer (&chain, g_ptr_array_unref);
  g_assert_null (sy_node_get_chain (loop));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_node_properties (void)
{
  g_autoptr(SyNode) node = sy_node_new ("a", "calculation");
  g_autofree char *type = NULL;
  guint titles = 0;
  guint keys = 0;

  g_signal_connect (node, "notify::title", G_CALLBACK (count_notify), &titles);
  g_signal_connect (node, "notify::key", G_CALLBACK (count_notify), &keys);

  sy_node_set_title (node, "First");
  sy_node_set_title (node, "First");
  sy_node_set_title (node, NULL);
  sy_node_set_key (node, "b");
  g_assert_cmpuint (titles, ==, 2);
  g_assert_cmpuint (keys, ==, 1);

  g_object_get (node, "type", &type, NULL);
  g_assert_cmpstr (type, ==, "calculation");
  g_assert_cmpstr (sy_node_get_node_type (node), ==, "calculation");

  /* Config is never NULL, even after setting NULL. */
  sy_node_set_config (node, NULL);
  g_assert_nonnull (sy_node_get_config (node));
  g_assert_null (sy_node_get_config_member (node, "expression"));
}

/* Upstream ---------------------------------------------------------------------- */

static const char nested_document[] =
  "{\"format\": \"switchyard-workflow/1\", \"title\": \"Nested\","
  " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
  " \"nodes\": ["
  "  {\"key\": \"start\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}},"
  "  {\"key\": \"side\", \"type\": \"condition\", \"config\": {\"engine\": \"jq\", \"expression\": \"true\"},"
  "   \"branches\": {\"true\": [{\"key\": \"hidden\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]}},"
  "  {\"key\": \"each\", \"type\": \"loop\", \"config\": {\"target\": 3},"
  "   \"branches\": {\"body\": ["
  "     {\"key\": \"before\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}},"
  "     {\"key\": \"fork\", \"type\": \"parallel\", \"config\": {\"mode\": \"all\"},"
  "      \"branches\": {\"1\": [{\"key\": \"left\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}],"
  "                    \"2\": [{\"key\": \"right1\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}},"
  "                           {\"key\": \"deep\", \"type\": \"calculation\","
  "                            \"config\": {\"expression\": \"[{{$scopes.each.item}}, {{$jobsMapByNodeKey.right1}}, {{$jobsMapByNodeKey.start}}]\"}},"
  "                           {\"key\": \"right3\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]}},"
  "     {\"key\": \"after-fork\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]}},"
  "  {\"key\": \"last\", \"type\": \"output\", \"config\": {\"value\": \"{{$jobsMapByNodeKey.each}}\"}}]}";

static void
assert_keys (GPtrArray         *keys,
             const char * const *expected)
{
  g_autofree char *found = NULL;

  g_ptr_array_add (keys, NULL);
  found = g_strjoinv (" ", (char **) keys->pdata);
  g_ptr_array_remove_index (keys, keys->len - 1);

  g_assert_cmpuint (keys->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    if (g_strcmp0 (g_ptr_array_index (keys, i), expected[i]) != 0)
      g_error ("upstream keys: expected %s at %u, found: %s", expected[i], i, found);
}

static void
test_upstream_keys (void)
{
  g_autoptr(SyWorkflow) workflow = load_valid (nested_document);
  g_autoptr(GPtrArray) deep = sy_workflow_get_upstream_keys (workflow, sy_workflow_find_node (workflow, "deep"));
  g_autoptr(GPtrArray) last = sy_workflow_get_upstream_keys (workflow, sy_workflow_find_node (workflow, "last"));
  g_autoptr(GPtrArray) start = sy_workflow_get_upstream_keys (workflow, sy_workflow_find_node (workflow, "start"));
  /* Run order; nodes inside earlier nodes' branches (hidden, left) are not
   * on the path, later ones (right3, after-fork) neither. */
  const char * const deep_expected[] = { "start", "side", "each", "before", "fork", "right1", NULL };
  const char * const last_expected[] = { "start", "side", "each", NULL };
  const char * const none[] = { NULL };

  assert_keys (deep, deep_expected);
  assert_keys (last, last_expected);
  assert_keys (start, none);
}

/* Registries and trigger kinds ------------------------------------------------- */

static void
test_node_registry (void)
{
  g_autoptr(GPtrArray) kinds = sy_node_kind_list ();
  static const char * const core[] = {
    "condition", "multi-conditions", "parallel", "loop", "end", "calculation", "variable", "output", NULL
  };

  guint next_core = 0;

  /* Every kind is found by its type; the core ones keep their palette
   * order whatever other issues insert between them; test kinds come last. */
  for (guint i = 0; i < kinds->len; i++)
    {
      const SyNodeKind *kind = g_ptr_array_index (kinds, i);

      g_assert_true (sy_node_kind_lookup (kind->type) == kind);
      g_assert_nonnull (kind->title);
      g_assert_nonnull (sy_node_category_title (kind->category));
      if (core[next_core] != NULL && g_str_equal (kind->type, core[next_core]))
        next_core++;
    }
  g_assert_cmpstr (core[next_core], ==, NULL);
  g_assert_true (g_ptr_array_index (kinds, kinds->len - 1) == &test_checked_kind);
  g_assert_true (sy_node_kind_lookup ("test-wait") == &test_wait_kind);
  g_assert_null (sy_node_kind_lookup ("query-that-does-not-exist"));
  g_assert_null (sy_node_kind_lookup (NULL));

  g_assert_cmpstr (sy_node_category_title ("control"), ==, "Control flow");
  g_assert_cmpstr (sy_node_category_title ("people"), ==, "People");

  g_assert_true (sy_node_kind_allows_branch (sy_node_kind_lookup ("multi-conditions"), "12"));
  g_assert_true (sy_node_kind_allows_branch (sy_node_kind_lookup ("multi-conditions"), "otherwise"));
  g_assert_false (sy_node_kind_allows_branch (sy_node_kind_lookup ("multi-conditions"), "0"));
  g_assert_false (sy_node_kind_allows_branch (sy_node_kind_lookup ("condition"), "1"));
  g_assert_false (sy_node_kind_allows_branch (sy_node_kind_lookup ("calculation"), "true"));
}

static void
test_trigger_registry (void)
{
  static const struct
  {
    const char    *type;
    SyTriggerMode  mode;
  } triggers[] = {
    { "collection", SY_TRIGGER_MODE_EITHER },
    { "schedule", SY_TRIGGER_MODE_ASYNC },
    { "action", SY_TRIGGER_MODE_EITHER },
    { "request-interception", SY_TRIGGER_MODE_SYNC },
    { "custom-action", SY_TRIGGER_MODE_EITHER },
    { "approval", SY_TRIGGER_MODE_ASYNC },
    { "webhook", SY_TRIGGER_MODE_EITHER },
    { "file", SY_TRIGGER_MODE_ASYNC },
  };
  g_autoptr(GPtrArray) kinds = sy_trigger_kind_list ();

  g_assert_cmpuint (kinds->len, ==, G_N_ELEMENTS (triggers));
  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    {
      const SyTriggerKind *kind = sy_trigger_kind_lookup (triggers[i].type);
      g_autoptr(SyWorkflow) workflow = sy_workflow_new ("sample", "Sample", triggers[i].type);
      g_autoptr(JsonNode) sample = NULL;
      JsonObject *context;

      g_assert_nonnull (kind);
      g_assert_true (g_ptr_array_index (kinds, i) == kind);
      g_assert_cmpint (kind->mode, ==, triggers[i].mode);
      g_assert_nonnull (kind->title);
      g_assert_nonnull (kind->icon_name);
      g_assert_nonnull (kind->fields);
      g_assert_nonnull (kind->validate);
      /* Live watching needs both halves. */
      g_assert_true ((kind->start == NULL) == (kind->stop == NULL));

      /* Every top-level context field the picker offers is in the sample,
       * except a static schedule's `data` (only date-field schedules have one). */
      sample = kind->sample_context (workflow);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (sample));
      context = json_node_get_object (sample);
      for (guint f = 0; kind->context_fields[f] != NULL; f++)
        if (strchr (kind->context_fields[f], '.') == NULL
            && !(g_str_equal (kind->type, "schedule") && g_str_equal (kind->context_fields[f], "data")))
          {
            g_test_message ("%s: %s", kind->type, kind->context_fields[f]);
            g_assert_true (json_object_has_member (context, kind->context_fields[f]));
          }
    }
  g_assert_null (sy_trigger_kind_lookup ("nope"));
}

static void
test_webhook_sample (void)
{
  const char *document =
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"order-stock\", \"title\": \"Orders\","
    " \"trigger\": {\"type\": \"webhook\", \"config\": {\"methods\": [\"PUT\", \"POST\"],"
    " \"auth\": {\"type\": \"hmac-sha256\", \"secret\": \"shop\"}}}}";
  g_autoptr(SyWorkflow) workflow = load_valid (document);
  const SyTriggerKind *kind = sy_trigger_kind_lookup ("webhook");
  g_autoptr(JsonNode) sample = kind->sample_context (workflow);
  JsonObject *context = json_node_get_object (sample);

  g_assert_cmpstr (json_object_get_string_member (context, "method"), ==, "PUT");
  g_assert_cmpstr (json_object_get_string_member (context, "path"), ==, "/hooks/order-stock");
  g_assert_cmpstr (json_object_get_string_member (context, "remote"), ==, "127.0.0.1");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (context, "body")));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (context, "headers")));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (context, "query")));
}

static void
test_trigger_configs_valid (void)
{
  static const char * const triggers[] = {
    "{\"type\": \"collection\", \"config\": {\"collection\": \"orders\", \"mode\": \"update\","
    " \"changed\": [\"qty\"], \"condition\": {}, \"appends\": [\"product\"]}}",
    "{\"type\": \"schedule\", \"config\": {\"mode\": \"date-field\", \"collection\": \"orders\","
    " \"field\": \"due_at\", \"offset\": -2, \"unit\": \"day\", \"repeat\": 86400000, \"limit\": 3}}",
    "{\"type\": \"action\", \"config\": {\"collection\": \"orders\", \"global\": true, \"actions\": [\"create\"]}}",
    "{\"type\": \"request-interception\", \"config\": {\"collection\": \"orders\"}}",
    "{\"type\": \"custom-action\", \"config\": {\"type\": \"single\", \"collection\": \"orders\"}}",
    "{\"type\": \"approval\", \"config\": {\"collection\": \"leave_requests\", \"when\": \"before-save\"}}",
    "{\"type\": \"webhook\", \"config\": {\"methods\": [\"GET\"], \"auth\": {\"type\": \"basic\","
    " \"user\": \"shop\", \"secret\": \"shop-password\"}, \"response\": {\"status\": 202, \"headers\": {\"x-a\": \"b\"},"
    " \"body\": {\"ok\": true}}}}",
    "{\"type\": \"file\", \"config\": {\"folder\": \"~/Downloads\", \"events\": [\"created\", \"moved\"],"
    " \"pattern\": \"*.pdf\", \"recursive\": true}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    {
      g_autofree char *document = g_strdup_printf (
        "{\"format\": \"switchyard-workflow/1\", \"title\": \"Trigger %u\", \"trigger\": %s}", i, triggers[i]);
      g_autoptr(SyWorkflow) workflow = load_valid (document);

      g_assert_nonnull (workflow);
    }
}

static void
test_trigger_required_members (void)
{
  static const struct
  {
    const char *trigger;
    const char *message;
  } cases[] = {
    { "{\"type\": \"collection\", \"config\": {}}",
      "trigger.config.collection: required\ntrigger.config.mode: required" },
    { "{\"type\": \"schedule\", \"config\": {\"mode\": \"date-field\"}}",
      "trigger.config.collection: required\ntrigger.config.field: required" },
    { "{\"type\": \"action\", \"config\": {\"collection\": \"orders\", \"global\": true}}",
      "trigger.config.actions: required" },
    { "{\"type\": \"custom-action\", \"config\": {\"type\": \"multiple\"}}",
      "trigger.config.collection: required" },
    { "{\"type\": \"webhook\", \"config\": {\"methods\": [], \"auth\": {\"type\": \"basic\"}}}",
      "trigger.config.methods: must name at least one value\ntrigger.config.auth.user: required\n"
      "trigger.config.auth.secret: required" },
    { "{\"type\": \"file\", \"config\": {\"events\": []}}",
      "trigger.config.folder: required\ntrigger.config.events: must name at least one value" },
    { "{\"config\": {}}", "trigger.type: required" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *document = g_strdup_printf (
        "{\"format\": \"switchyard-workflow/1\", \"title\": \"Trigger\", \"trigger\": %s}", cases[i].trigger);
      g_autoptr(GError) error = NULL;
      g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_data (document, -1, NULL, &error);

      g_assert_null (workflow);
      g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* workflow-format.md's top level, rule by rule: defaults of what is left
 * out, and each bound (title 1–200 characters, keys of 1–64). */
static void
test_top_level_rules (void)
{
  g_autofree char *title_200 = NULL;
  g_autofree char *title_201 = NULL;
  g_autofree char *key_64 = g_strnfill (64, 'k');
  g_autofree char *key_65 = g_strnfill (65, 'k');
  g_autofree char *document = NULL;
  g_autoptr(SyWorkflow) defaults = NULL;
  g_autoptr(SyWorkflow) at_bounds = NULL;
  GString *accents = g_string_new (NULL);
  struct
  {
    char       *document;
    const char *message;
  } cases[] = {
    { g_strdup ("{\"format\": \"switchyard-workflow/1\", \"trigger\": {\"type\": \"webhook\"}}"),
      "title: required" },
    { g_strdup ("{\"format\": \"switchyard-workflow/1\", \"title\": \"T\"}"), "trigger: required" },
    { NULL, NULL }, /* a title of 201 characters, set below */
    { g_strdup_printf ("{\"format\": \"switchyard-workflow/1\", \"key\": \"%s\", \"title\": \"T\","
                       " \"trigger\": {\"type\": \"webhook\"}}", key_65),
      NULL },
    { g_strdup_printf ("{\"format\": \"switchyard-workflow/1\", \"title\": \"T\", \"trigger\": {\"type\": \"webhook\"},"
                       " \"nodes\": [{\"key\": \"%s\", \"type\": \"end\"}]}", key_65),
      NULL },
    { g_strdup ("{\"format\": \"switchyard-workflow/1\", \"title\": \"T\", \"sync\": \"no\","
                " \"options\": {\"timeout\": 1.5}, \"trigger\": {\"type\": \"webhook\"}}"),
      "sync: must be true or false\noptions.timeout: must be a whole number, 0 or more" },
  };

  /* Characters, not bytes: “é” is two bytes. */
  for (guint i = 0; i < 200; i++)
    g_string_append (accents, "é");
  title_200 = g_strdup (accents->str);
  g_string_append (accents, "é");
  title_201 = g_string_free (accents, FALSE);
  cases[2].document = g_strdup_printf ("{\"format\": \"switchyard-workflow/1\", \"title\": \"%s\","
                                       " \"trigger\": {\"type\": \"webhook\"}}", title_201);
  cases[2].message = "title: must be at most 200 characters long (it has 201)";

  defaults = load_valid ("{\"format\": \"switchyard-workflow/1\", \"title\": \"T\", \"trigger\": {\"type\": \"webhook\"}}");
  g_assert_false (sy_workflow_get_enabled (defaults));
  g_assert_false (sy_workflow_get_sync (defaults));
  g_assert_cmpint (sy_workflow_get_timeout_ms (defaults), ==, 0);
  g_assert_cmpuint (sy_workflow_get_stack_limit (defaults), ==, 1);
  g_assert_cmpuint (sy_workflow_get_delete_executions (defaults)->len, ==, 0);
  g_assert_cmpuint (sy_workflow_get_nodes (defaults)->len, ==, 0);
  g_assert_cmpstr (sy_workflow_get_key (defaults), ==, "t");

  document = g_strdup_printf ("{\"format\": \"switchyard-workflow/1\", \"key\": \"%s\", \"title\": \"%s\","
                              " \"trigger\": {\"type\": \"webhook\"},"
                              " \"nodes\": [{\"key\": \"%s\", \"type\": \"end\"}]}",
                              key_64, title_200, key_64);
  at_bounds = load_valid (document);
  g_assert_cmpstr (sy_workflow_get_key (at_bounds), ==, key_64);

  cases[3].message = g_strdup_printf ("key: “%s” is not a valid workflow key: use 1 to 64 lowercase letters, digits, "
                                      "“_” or “-”, starting with a letter or digit", key_65);
  cases[4].message = g_strdup_printf ("nodes[0].key: “%s” is not a valid node key: use 1 to 64 letters, digits, "
                                      "“_” or “-”", key_65);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_data (cases[i].document, -1, NULL, &error);

      g_assert_null (workflow);
      g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_free (cases[i].document);
    }
  g_free ((char *) cases[3].message);
  g_free ((char *) cases[4].message);
}

/* SyValidation ------------------------------------------------------------------ */

static void
test_validation_paths (void)
{
  g_autoptr(SyValidation) validation = sy_validation_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  g_assert_true (sy_validation_is_valid (validation));
  g_assert_null (sy_validation_to_error (validation));
  g_assert_cmpstr (sy_validation_get_path (validation), ==, "");

  sy_validation_push (validation, "nodes");
  sy_validation_push (validation, "[%u]", 2);
  sy_validation_push (validation, "config");
  g_assert_cmpstr (sy_validation_get_path (validation), ==, "nodes[2].config");
  sy_validation_add (validation, "expression", "jq syntax error at line %d", 1);
  sy_validation_add (validation, "headers[0]", "bad");
  /* The same problem found twice is one problem. */
  sy_validation_add (validation, "headers[0]", "bad");
  sy_validation_pop (validation);
  sy_validation_add (validation, NULL, "whole node");
  sy_validation_pop (validation);
  sy_validation_pop (validation);
  sy_validation_add (validation, "", "top");

  problems = sy_validation_get_problems (validation);
  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_cmpstr (((SyProblem *) g_ptr_array_index (problems, 1))->path, ==, "nodes[2].config.headers[0]");
  error = sy_validation_to_error (validation);
  g_assert_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "nodes[2].config.expression: jq syntax error at line 1\n"
                   "nodes[2].config.headers[0]: bad\n"
                   "nodes[2]: whole node\n"
                   "top");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  sy_node_kind_register (&test_wait_kind);
  sy_node_kind_register (&test_checked_kind);

  g_test_add_func ("/workflow/round-trip/example", test_round_trip_example);
  g_test_add_func ("/workflow/round-trip/canonical", test_round_trip_canonical);
  g_test_add_func ("/workflow/load/invalid-json", test_invalid_json);
  g_test_add_func ("/workflow/load/wrong-format", test_wrong_format);
  g_test_add_func ("/workflow/load/invalid-documents", test_invalid_documents);
  g_test_add_func ("/workflow/load/top-level-rules", test_top_level_rules);
  g_test_add_func ("/workflow/load/missing-file", test_missing_file);
  g_test_add_func ("/workflow/load/not-a-workflow-file", test_not_a_workflow_file);
  g_test_add_func ("/workflow/draft/documents", test_draft_documents);
  g_test_add_func ("/workflow/draft/empty-required-field", test_draft_empty_required_field);
  g_test_add_func ("/workflow/draft/unreadable", test_draft_unreadable);
  g_test_add_func ("/workflow/draft/structure-after-edits", test_structure_of_edited_model);
  g_test_add_func ("/workflow/load/every-problem-in-error", test_error_lists_every_problem);
  g_test_add_func ("/workflow/validate/after-edits", test_validate_after_edits);
  g_test_add_func ("/workflow/sync-mode", test_sync_mode);
  g_test_add_func ("/workflow/find-node-by-path", test_find_node_by_path);
  g_test_add_func ("/workflow/keys", test_key_generation);
  g_test_add_func ("/workflow/copy", test_copy_independent);
  g_test_add_func ("/workflow/upstream-keys", test_upstream_keys);
  g_test_add_func ("/node/copy-and-json", test_node_copy_and_json);
  g_test_add_func ("/node/chain-navigation", test_chain_navigation);
  g_test_add_func ("/node/chain-relink", test_chain_relink);
  g_test_add_func ("/node/properties", test_node_properties);
  g_test_add_func ("/registry/nodes", test_node_registry);
  g_test_add_func ("/registry/triggers", test_trigger_registry);
  g_test_add_func ("/trigger/webhook-sample", test_webhook_sample);
  g_test_add_func ("/trigger/valid-configs", test_trigger_configs_valid);
  g_test_add_func ("/trigger/required-members", test_trigger_required_members);
  g_test_add_func ("/validation/paths", test_validation_paths);

  return g_test_run ();
}
