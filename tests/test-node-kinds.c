/* test-node-kinds.c — the core node kinds' validation, branch labels and forms
 * (src/engine/nodes/sy-node-{calculation,condition,multi-conditions,parallel,
 * loop,end,variable,output}.c)
 */
#include "config.h"

#include <string.h>

#include "sy-node-kind.h"
#include "sy-workflow.h"

/* Wraps `nodes` (JSON array text) into a document and returns the problems
 * as "path: message" lines. */
static char *
problems_of (const char *nodes)
{
  g_autofree char *document = g_strdup_printf (
    "{\"format\": \"switchyard-workflow/1\", \"title\": \"Kinds\","
    " \"trigger\": {\"type\": \"webhook\", \"config\": {}}, \"nodes\": %s}", nodes);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  workflow = sy_workflow_new_from_data (document, -1, &problems, &error);
  /* A document that fails without problems (not JSON) must not look valid. */
  if (workflow == NULL && (problems == NULL || problems->len == 0))
    g_string_append_printf (text, "(document): %s\n", error->message);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      SyProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (text, "%s: %s\n", problem->path, problem->message);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  const char *nodes;
  const char *problems[4]; /* substrings, each must appear; NULL-terminated */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "[{\"key\": \"c\", \"type\": \"calculation\", \"config\": {\"expression\": \"1 +\"}}]",
    { "nodes[0].config.expression: jq syntax error: syntax error, unexpected end", NULL } },
  { "[{\"key\": \"c\", \"type\": \"calculation\", \"config\": {\"engine\": \"lua\", \"expression\": \"return return\"}}]",
    { "nodes[0].config.expression: ", NULL } },
  { "[{\"key\": \"c\", \"type\": \"calculation\", \"config\": {\"engine\": \"math.js\", \"expression\": \"1\"}}]",
    { "nodes[0].config.engine: must be one of jq, lua, string", NULL } },
  { "[{\"key\": \"c\", \"type\": \"calculation\", \"config\": {}}]",
    { "nodes[0].config.expression: an expression is required", NULL } },
  { "[{\"key\": \"c\", \"type\": \"condition\", \"config\": {\"engine\": \"jq\", \"expression\": \"(\"}}]",
    { "nodes[0].config.expression: ", NULL } },
  { "[{\"key\": \"c\", \"type\": \"condition\", \"config\": {\"rejectOnFalse\": \"yes\", \"calculation\":"
    " {\"group\": {\"type\": \"and\", \"calculations\": [{\"calculator\": \"bigger\", \"operands\": [1, 2]}]}}}}]",
    { "nodes[0].config.rejectOnFalse: must be true or false",
      "nodes[0].config.calculation.group.calculations[0].calculator: unknown calculator “bigger”", NULL } },
  { "[{\"key\": \"c\", \"type\": \"condition\", \"config\": {\"rejectOnFalse\": true},"
    " \"branches\": {\"true\": [{\"key\": \"x\", \"type\": \"output\", \"config\": {}}]}}]",
    { "nodes[0].branches.true: never runs because rejectOnFalse is true", NULL } },
  { "[{\"key\": \"m\", \"type\": \"multi-conditions\", \"config\": {\"conditions\": ["
    " {\"engine\": \"jq\", \"expression\": \"true\"}, {\"engine\": \"lua\"}, 3]},"
    " \"branches\": {\"1\": [], \"4\": []}}]",
    { "nodes[0].config.conditions[1].expression: an expression is required",
      "nodes[0].config.conditions[2]: must be an object",
      "nodes[0].branches.4: there is no condition 4", NULL } },
  { "[{\"key\": \"p\", \"type\": \"parallel\", \"config\": {\"mode\": \"some\"}}]",
    { "nodes[0].config.mode: must be one of all, any, race, allSettled", NULL } },
  { "[{\"key\": \"l\", \"type\": \"loop\", \"config\": {\"exit\": 3, \"condition\": true}}]",
    { "nodes[0].config.target: what to loop over is required",
      "nodes[0].config.exit: must be 0 (return), 1 (break) or 2 (continue)",
      "nodes[0].config.condition: must be false or a condition object", NULL } },
  { "[{\"key\": \"l\", \"type\": \"loop\", \"config\": {\"target\": 3, \"condition\":"
    " {\"checkpoint\": 2, \"engine\": \"jq\", \"expression\": \"]\"}}}]",
    { "nodes[0].config.condition.checkpoint: must be 0 (before each item) or 1 (after)",
      "nodes[0].config.condition.expression: ", NULL } },
  { "[{\"key\": \"e\", \"type\": \"end\", \"config\": {\"endStatus\": \"error\"}}]",
    { "nodes[0].config.endStatus: must be “resolved” or “failed”", NULL } },
  { "[{\"key\": \"a\", \"type\": \"variable\", \"config\": {\"target\": \"b\", \"value\": 1}},"
    " {\"key\": \"b\", \"type\": \"variable\", \"config\": {\"value\": 0}}]",
    { "nodes[0].config.target: “b” is not a node before this one", NULL } },
  { "[{\"key\": \"c\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}},"
    " {\"key\": \"a\", \"type\": \"variable\", \"config\": {\"target\": \"c\", \"value\": 1}}]",
    { "nodes[1].config.target: “c” is a calculation node, not a variable node", NULL } },
  { "[{\"key\": \"a\", \"type\": \"variable\", \"config\": {\"target\": 5}}]",
    { "nodes[0].config.target: must be the key of a variable node, or null", NULL } },
};

static void
test_kinds_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *problems = problems_of (invalid_cases[i].nodes);

      for (guint p = 0; invalid_cases[i].problems[p] != NULL; p++)
        if (strstr (problems, invalid_cases[i].problems[p]) == NULL)
          g_error ("case %u: expected “%s” among:\n%s", i, invalid_cases[i].problems[p], problems);
    }
}

/* Every setting in its accepted forms: no problems at all. */
static void
test_kinds_valid (void)
{
  g_autofree char *problems = problems_of (
    "[{\"key\": \"sum\", \"type\": \"variable\", \"config\": {\"target\": null, \"value\": 0}},"
    " {\"key\": \"calc\", \"type\": \"calculation\", \"config\": {\"engine\": \"string\", \"expression\": \"n={{$context.n}}\"}},"
    " {\"key\": \"gate\", \"type\": \"condition\", \"config\": {\"rejectOnFalse\": false, \"engine\": \"basic\","
    "   \"calculation\": {\"group\": {\"type\": \"or\", \"calculations\": [{\"calculator\": \">=\", \"operands\": [\"{{$context.n}}\", 1]}]}}},"
    "  \"branches\": {\"true\": [{\"key\": \"fan\", \"type\": \"parallel\", \"config\": {\"mode\": \"allSettled\"},"
    "    \"branches\": {\"1\": [{\"key\": \"l\", \"type\": \"loop\", \"config\": {\"target\": \"{{$context.items}}\", \"exit\": \"continue\","
    "       \"condition\": {\"checkpoint\": 1, \"continueOnFalse\": true, \"engine\": \"lua\", \"expression\": \"true\"}},"
    "       \"branches\": {\"body\": [{\"key\": \"add\", \"type\": \"variable\", \"config\": {\"target\": \"sum\", \"value\": 1}}]}}],"
    "     \"2\": [{\"key\": \"stop\", \"type\": \"end\", \"config\": {\"endStatus\": -1}}]}}],"
    "   \"false\": []}},"
    " {\"key\": \"pick\", \"type\": \"multi-conditions\", \"config\": {\"continueOnNoMatch\": true, \"conditions\": ["
    "   {\"title\": \"Big\", \"engine\": \"jq\", \"expression\": \"{{$context.n}} > 5\"}, {\"calculation\": null}]},"
    "  \"branches\": {\"1\": [], \"2\": [], \"otherwise\": []}},"
    " {\"key\": \"out\", \"type\": \"output\", \"config\": {\"value\": {\"sum\": \"{{$jobsMapByNodeKey.sum}}\"}}}]");

  g_assert_cmpstr (problems, ==, "");
}

static char *
label (const char *type,
       const char *nodes_json,
       const char *branch)
{
  const SyNodeKind *kind = sy_node_kind_lookup (type);
  g_autofree char *document = g_strdup_printf (
    "{\"format\": \"switchyard-workflow/1\", \"title\": \"Labels\","
    " \"trigger\": {\"type\": \"webhook\", \"config\": {}}, \"nodes\": [%s]}", nodes_json);
  g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_data (document, -1, NULL, NULL);

  g_assert_nonnull (workflow);
  g_assert_nonnull (kind->branch_label);

  return kind->branch_label (sy_workflow_get_head (workflow), branch);
}

static void
test_kinds_branch_labels (void)
{
  const char *multi = "{\"key\": \"m\", \"type\": \"multi-conditions\", \"config\": {\"conditions\": ["
                      "{\"title\": \"Large orders\", \"engine\": \"jq\", \"expression\": \"true\"},"
                      "{\"engine\": \"jq\", \"expression\": \"true\"}]}}";
  struct
  {
    const char *type, *node, *branch, *expected;
  } cases[] = {
    { "condition", "{\"key\": \"c\", \"type\": \"condition\", \"config\": {\"engine\": \"jq\", \"expression\": \"true\"}}", "true", "True" },
    { "condition", "{\"key\": \"c\", \"type\": \"condition\", \"config\": {\"engine\": \"jq\", \"expression\": \"true\"}}", "false", "False" },
    { "multi-conditions", multi, "1", "Large orders" },
    { "multi-conditions", multi, "2", "Branch 2" },
    { "multi-conditions", multi, "otherwise", "Otherwise" },
    { "parallel", "{\"key\": \"p\", \"type\": \"parallel\", \"config\": {}}", "3", "Branch 3" },
    { "loop", "{\"key\": \"l\", \"type\": \"loop\", \"config\": {\"target\": 1}}", "body", "Body" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = label (cases[i].type, cases[i].node, cases[i].branch);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* The palette and the inspector rely on these being complete. */
static void
test_kinds_descriptions (void)
{
  const char *types[] = {
    "calculation", "condition", "multi-conditions", "parallel", "loop", "end", "variable", "output",
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      const SyNodeKind *kind = sy_node_kind_lookup (types[i]);

      g_assert_nonnull (kind);
      g_assert_cmpstr (kind->type, ==, types[i]);
      g_assert_nonnull (kind->title);
      g_assert_nonnull (kind->description);
      g_assert_nonnull (kind->category);
      g_assert_true (g_str_has_suffix (kind->icon_name, "-symbolic"));
      g_assert_nonnull (kind->run);
      g_assert_nonnull (kind->fields);
      g_assert_nonnull (kind->fields[0].name);
      g_assert_true (((kind->flags & SY_NODE_KIND_BRANCHING) != 0) == (kind->resume_branch != NULL));

      for (const SyFieldSpec *field = kind->fields; field->name != NULL; field++)
        {
          g_assert_nonnull (field->label);
          g_assert_true ((field->kind == SY_FIELD_CHOICE) == (field->choices != NULL));
        }
    }

  g_assert_true (sy_node_kind_lookup ("end")->flags & SY_NODE_KIND_ENDS_CHAIN);
  g_assert_nonnull (sy_node_kind_lookup ("loop")->get_scope);
}

/* Menus draw one header per run of a category: each category is one run,
 * and every category has a title of its own. */
static void
test_kinds_grouped (void)
{
  g_autoptr(GPtrArray) kinds = sy_node_kind_list ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *previous = NULL;

  g_assert_cmpuint (kinds->len, >, 20);
  for (guint i = 0; i < kinds->len; i++)
    {
      const SyNodeKind *kind = g_ptr_array_index (kinds, i);

      g_assert_nonnull (kind->category);
      if (g_strcmp0 (kind->category, previous) != 0)
        {
          g_assert_false (g_hash_table_contains (seen, kind->category));
          g_hash_table_add (seen, (gpointer) kind->category);
          g_assert_cmpstr (sy_node_category_title (kind->category), !=, kind->category);
        }
      previous = kind->category;
    }
  g_assert_cmpuint (g_hash_table_size (seen), >=, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/node-kinds/invalid", test_kinds_invalid);
  g_test_add_func ("/node-kinds/valid", test_kinds_valid);
  g_test_add_func ("/node-kinds/branch-labels", test_kinds_branch_labels);
  g_test_add_func ("/node-kinds/descriptions", test_kinds_descriptions);
  g_test_add_func ("/node-kinds/grouped", test_kinds_grouped);

  return g_test_run ();
}
