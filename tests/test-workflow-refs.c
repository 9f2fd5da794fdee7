/* test-workflow-refs.c — finding and renaming references to node keys */
#include "config.h"

#include <string.h>

#include "sy-workflow.h"
#include "sy-workflow-refs.h"

static GHashTable *
renames_of (const char *old_key,
            const char *new_key)
{
  GHashTable *renames = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (renames, (gpointer) old_key, (gpointer) new_key);
  return renames;
}

static void
assert_renamed (const char *text,
                const char *expected)
{
  g_autoptr(GHashTable) renames = renames_of ("calc", "total");
  g_autofree char *renamed = sy_workflow_refs_rename_in_text (text, renames);

  g_assert_cmpstr (renamed, ==, expected);
}

static void
test_text (void)
{
  /* Templates, with spaces, defaults and the ctx. alias. */
  assert_renamed ("{{ $jobsMapByNodeKey.calc.sum }}", "{{ $jobsMapByNodeKey.total.sum }}");
  assert_renamed ("{{$jobsMapByNodeKey.calc}}", "{{$jobsMapByNodeKey.total}}");
  assert_renamed ("{{$jobsMapByNodeKey.calc.qty:1}} items", "{{$jobsMapByNodeKey.total.qty:1}} items");
  assert_renamed ("{{ctx.$jobsMapByNodeKey.calc.a}}", "{{ctx.$jobsMapByNodeKey.total.a}}");
  assert_renamed ("{{ $scopes.calc.item.price }}", "{{ $scopes.total.item.price }}");
  assert_renamed ("{{ $scopes. calc.index }}", "{{ $scopes. total.index }}");
  /* In code: jq and Lua read the same paths; every use is renamed. */
  assert_renamed ("{{$jobsMapByNodeKey.calc}} + 1 | . * {{$jobsMapByNodeKey.calc.x}}",
                  "{{$jobsMapByNodeKey.total}} + 1 | . * {{$jobsMapByNodeKey.total.x}}");
  assert_renamed ("return $jobsMapByNodeKey.calc", "return $jobsMapByNodeKey.total");
  /* A rename after an untouched reference keeps the text in between. */
  assert_renamed ("a {{$jobsMapByNodeKey.other}} b {{$jobsMapByNodeKey.calc}} c",
                  "a {{$jobsMapByNodeKey.other}} b {{$jobsMapByNodeKey.total}} c");

  /* Only whole keys, only after a root; nothing to do gives NULL. */
  assert_renamed ("{{$jobsMapByNodeKey.calculation}}", NULL);
  assert_renamed ("{{$jobsMapByNodeKey.calc-2}}", NULL);
  assert_renamed ("{{$context.calc}} calc", NULL);
  assert_renamed ("", NULL);
  assert_renamed (NULL, NULL);
}

static SyNode *
node_with_config (const char *key,
                  const char *type,
                  const char *config)
{
  SyNode *node = sy_node_new (key, type);
  g_autoptr(JsonNode) json = json_from_string (config, NULL);

  g_assert_nonnull (json);
  sy_node_set_config (node, json_node_get_object (json));
  return node;
}

static void
test_member (void)
{
  g_autoptr(GHashTable) renames = renames_of ("calc", "total");
  g_autoptr(SyNode) condition = node_with_config (
    "check", "condition",
    "{\"engine\": \"basic\", \"calculation\": {\"group\": {\"type\": \"and\", \"calculations\": ["
    "{\"calculator\": \"gt\", \"operands\": [\"{{$jobsMapByNodeKey.calc.sum}}\", 10]}]}}}");
  g_autoptr(SyNode) variable = node_with_config ("assign", "variable",
                                                 "{\"target\": \"calc\", \"value\": \"calc\"}");
  g_autoptr(JsonNode) renamed = NULL;
  g_autofree char *text = NULL;

  /* Condition operands deep inside the rule groups. */
  renamed = sy_workflow_refs_rename_in_member (condition, "calculation", renames);
  g_assert_nonnull (renamed);
  text = json_to_string (renamed, FALSE);
  g_assert_nonnull (strstr (text, "$jobsMapByNodeKey.total.sum"));
  g_assert_null (strstr (text, "calc."));
  /* The node itself is not changed. */
  g_clear_pointer (&text, g_free);
  text = json_to_string (sy_node_get_config_member (condition, "calculation"), FALSE);
  g_assert_nonnull (strstr (text, "$jobsMapByNodeKey.calc.sum"));
  g_clear_pointer (&renamed, json_node_unref);

  /* A field that holds a node key; a plain text field that happens to
   * read like one is left alone. */
  renamed = sy_workflow_refs_rename_in_member (variable, "target", renames);
  g_assert_cmpstr (json_node_get_string (renamed), ==, "total");
  g_clear_pointer (&renamed, json_node_unref);
  g_assert_null (sy_workflow_refs_rename_in_member (variable, "value", renames));
  g_assert_null (sy_workflow_refs_rename_in_member (variable, "absent", renames));
  g_assert_null (sy_workflow_refs_rename_in_member (condition, "engine", renames));
}

static void
test_find_users (void)
{
  g_autoptr(GPtrArray) chain = sy_node_chain_new ();
  g_autoptr(SyNode) calc = node_with_config ("calc", "calculation", "{\"expression\": \"1\"}");
  g_autoptr(SyNode) loop = node_with_config ("loop", "loop", "{\"target\": \"{{$jobsMapByNodeKey.calc}}\"}");
  g_autoptr(SyNode) inner = node_with_config ("inner", "calculation",
                                              "{\"expression\": \"{{$scopes.loop.item}} * 2\"}");
  g_autoptr(SyNode) assign = node_with_config ("assign", "variable", "{\"target\": \"calc\"}");
  g_autoptr(GPtrArray) users = NULL;

  sy_node_chain_insert (chain, NULL, NULL, 0, calc);
  sy_node_chain_insert (chain, NULL, NULL, 1, loop);
  sy_node_chain_insert (sy_node_ensure_branch (loop, "body"), loop, "body", 0, inner);
  sy_node_chain_insert (chain, NULL, NULL, 2, assign);

  users = sy_workflow_refs_find_users (chain, "calc");
  g_assert_cmpuint (users->len, ==, 2);
  g_assert_true (g_ptr_array_index (users, 0) == loop);
  g_assert_true (g_ptr_array_index (users, 1) == assign);
  g_clear_pointer (&users, g_ptr_array_unref);

  users = sy_workflow_refs_find_users (chain, "loop");
  g_assert_cmpuint (users->len, ==, 1);
  g_assert_true (g_ptr_array_index (users, 0) == inner);
  g_clear_pointer (&users, g_ptr_array_unref);

  users = sy_workflow_refs_find_users (chain, "inner");
  g_assert_cmpuint (users->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workflow-refs/text", test_text);
  g_test_add_func ("/workflow-refs/member", test_member);
  g_test_add_func ("/workflow-refs/find-users", test_find_users);

  return g_test_run ();
}
