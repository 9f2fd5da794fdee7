/* test-document.c — SyWorkflowDocument: undoable edits, paste, branches, problems */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sy-workflow-document.h"

static SyWorkflowDocument *
new_document (void)
{
  g_autoptr(SyWorkflow) workflow = sy_workflow_new ("orders", "Orders", "webhook");

  return sy_workflow_document_new (workflow);
}

static GPtrArray *
main_chain (SyWorkflowDocument *document)
{
  return sy_workflow_get_nodes (sy_workflow_document_get_workflow (document));
}

static SyNode *
insert (SyWorkflowDocument *document,
        SyNode             *parent,
        const char         *branch,
        guint               position,
        const char         *type)
{
  g_autoptr(GError) error = NULL;
  SyNode *node = sy_workflow_document_insert_node (document, parent, branch, position, type, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
count_changes (SyWorkflowDocument *document,
               SyDocumentChange    change,
               SyNode             *node,
               int                *counts)
{
  counts[change]++;
}

static void
test_insert_undo_redo (void)
{
  g_autoptr(SyWorkflowDocument) document = new_document ();
  int counts[SY_DOCUMENT_CHANGE_ALL + 1] = { 0 };
  SyNode *a, *b;

  g_signal_connect (document, "changed", G_CALLBACK (count_changes), counts);
  g_assert_false (sy_workflow_document_can_undo (document));

  a = insert (document, NULL, NULL, 0, "calculation");
  b = insert (document, NULL, NULL, 0, "variable");
  g_assert_cmpstr (sy_node_get_key (a), ==, "calculation");
  g_assert_cmpuint (main_chain (document)->len, ==, 2);
  g_assert_true (g_ptr_array_index (main_chain (document), 0) == b);
  g_assert_cmpint (counts[SY_DOCUMENT_CHANGE_STRUCTURE], ==, 2);
  /* Defaults from the kind's fields are filled in. */
  g_assert_cmpstr (json_node_get_string (sy_node_get_config_member (a, "engine")), ==, "jq");

  g_assert_true (sy_workflow_document_undo (document));
  g_assert_cmpuint (main_chain (document)->len, ==, 1);
  g_assert_true (g_ptr_array_index (main_chain (document), 0) == a);
  /* Undo reports what it changed, like the edit did; never "everything". */
  g_assert_cmpint (counts[SY_DOCUMENT_CHANGE_STRUCTURE], ==, 3);
  g_assert_cmpint (counts[SY_DOCUMENT_CHANGE_ALL], ==, 0);
  g_assert_true (sy_workflow_document_can_redo (document));

  g_assert_true (sy_workflow_document_redo (document));
  g_assert_cmpuint (main_chain (document)->len, ==, 2);
  /* The very same node objects come back, and the key index follows. */
  g_assert_true (g_ptr_array_index (main_chain (document), 0) == b);
  g_assert_true (sy_workflow_find_node (sy_workflow_document_get_workflow (document), "variable") == b);

  g_assert_true (sy_workflow_document_undo (document));
  g_assert_true (sy_workflow_document_undo (document));
  g_assert_cmpuint (main_chain (document)->len, ==, 0);
  g_assert_false (sy_workflow_document_undo (document));

  /* A new edit drops the redo history. */
  insert (document, NULL, NULL, 0, "end");
  g_assert_false (sy_workflow_document_can_redo (document));
}

static void
test_config_merge (void)
{
  g_autoptr(SyWorkflowDocument) document = new_document ();
  g_autoptr(JsonNode) v1 = json_from_string ("\"1 +\"", NULL);
  g_autoptr(JsonNode) v2 = json_from_string ("\"1 + 2\"", NULL);
  g_autoptr(GError) error = NULL;
  int counts[SY_DOCUMENT_CHANGE_ALL + 1] = { 0 };
  SyNode *node = insert (document, NULL, NULL, 0, "calculation");

  g_signal_connect (document, "changed", G_CALLBACK (count_changes), counts);
  g_assert_true (sy_workflow_document_set_node_config (document, node, "expression", v1, &error));
  g_assert_true (sy_workflow_document_set_node_config (document, node, "expression", v2, &error));
  g_assert_no_error (error);
  /* Node edits are precise: no structural change for the canvas to re-lay out. */
  g_assert_cmpint (counts[SY_DOCUMENT_CHANGE_NODE], ==, 2);
  g_assert_cmpint (counts[SY_DOCUMENT_CHANGE_STRUCTURE], ==, 0);

  /* Typing merged into one step: one undo returns to before the first keystroke. */
  g_assert_true (sy_workflow_document_undo (document));
  g_assert_cmpint (counts[SY_DOCUMENT_CHANGE_NODE], ==, 3);
  g_assert_null (sy_node_get_config_member (node, "expression"));

  /* A different member is a separate step. */
  sy_workflow_document_redo (document);
  g_assert_true (sy_workflow_document_set_node_title (document, node, "Compute total", &error));
  g_assert_true (sy_workflow_document_undo (document));
  g_assert_null (sy_node_get_title (node));
  g_assert_cmpstr (json_node_get_string (sy_node_get_config_member (node, "expression")), ==, "1 + 2");
}

static void
test_delete_keep_branch (void)
{
  g_autoptr(SyWorkflowDocument) document = new_document ();
  g_autoptr(GError) error = NULL;
  SyNode *first = insert (document, NULL, NULL, 0, "calculation");
  SyNode *condition = insert (document, NULL, NULL, 1, "condition");
  SyNode *last = insert (document, NULL, NULL, 2, "output");
  SyNode *yes = insert (document, condition, "true", 0, "variable");
  SyNode *yes2 = insert (document, condition, "true", 1, "calculation");
  SyNode *no = insert (document, condition, "false", 0, "end");
  g_autofree char *no_key = g_strdup (sy_node_get_key (no));

  g_assert_true (sy_node_get_parent (yes) == condition);
  g_assert_cmpstr (sy_node_get_parent_branch (yes2), ==, "true");

  g_assert_true (sy_workflow_document_delete_node (document, condition, "true", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (main_chain (document)->len, ==, 4);
  g_assert_true (g_ptr_array_index (main_chain (document), 0) == first);
  g_assert_true (g_ptr_array_index (main_chain (document), 1) == yes);
  g_assert_true (g_ptr_array_index (main_chain (document), 2) == yes2);
  g_assert_true (g_ptr_array_index (main_chain (document), 3) == last);
  g_assert_null (sy_node_get_parent (yes));
  g_assert_true (sy_node_get_next (yes2) == last);
  g_assert_null (sy_workflow_find_node (sy_workflow_document_get_workflow (document), no_key));

  /* Undo brings the condition and both branches back. */
  g_assert_true (sy_workflow_document_undo (document));
  condition = g_ptr_array_index (main_chain (document), 1);
  g_assert_cmpstr (sy_node_get_node_type (condition), ==, "condition");
  g_assert_cmpuint (sy_node_get_branch (condition, "true")->len, ==, 2);
  g_assert_cmpuint (sy_node_get_branch (condition, "false")->len, ==, 1);

  /* Without a kept branch everything goes. */
  g_assert_true (sy_workflow_document_delete_node (document, condition, NULL, &error));
  g_assert_cmpuint (sy_workflow_count_nodes (sy_workflow_document_get_workflow (document)), ==, 2);

  /* A branch that does not exist is refused. */
  g_assert_false (sy_workflow_document_delete_node (document, g_ptr_array_index (main_chain (document), 0),
                                                    "true", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_dynamic_branches (void)
{
  g_autoptr(SyWorkflowDocument) document = new_document ();
  g_autoptr(GError) error = NULL;
  SyNode *parallel = insert (document, NULL, NULL, 0, "parallel");
  SyNode *third;

  g_assert_nonnull (sy_node_get_branch (parallel, "1"));
  g_assert_nonnull (sy_node_get_branch (parallel, "2"));
  g_assert_true (sy_workflow_document_add_branch (document, parallel, &error));
  g_assert_nonnull (sy_node_get_branch (parallel, "3"));
  third = insert (document, parallel, "3", 0, "calculation");

  g_assert_true (sy_workflow_document_remove_branch (document, parallel, "2", &error));
  g_assert_no_error (error);
  g_assert_null (sy_node_get_branch (parallel, "3"));
  /* Renumbered: the third branch's chain is now "2". */
  g_assert_true (sy_node_get_branch_head (parallel, "2") == third);
  g_assert_cmpstr (sy_node_get_parent_branch (third), ==, "2");
  g_assert_true (sy_node_get_parent (third) == parallel);

  /* Fixed-branch kinds refuse. */
  g_assert_false (sy_workflow_document_add_branch (document, third, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  /* Multi-conditions keeps its conditions list in step with its branches. */
  {
    SyNode *multi = insert (document, NULL, NULL, 1, "multi-conditions");
    JsonNode *conditions;

    g_assert_true (sy_workflow_document_add_branch (document, multi, &error));
    g_assert_true (sy_workflow_document_add_branch (document, multi, &error));
    conditions = sy_node_get_config_member (multi, "conditions");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (conditions)), ==, 2);
    g_assert_true (sy_workflow_document_remove_branch (document, multi, "1", &error));
    conditions = sy_node_get_config_member (multi, "conditions");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (conditions)), ==, 1);
    g_assert_nonnull (sy_node_get_branch (multi, "1"));
    g_assert_null (sy_node_get_branch (multi, "2"));
  }
}

static void
test_move (void)
{
  g_autoptr(SyWorkflowDocument) document = new_document ();
  g_autoptr(GError) error = NULL;
  SyNode *a = insert (document, NULL, NULL, 0, "calculation");
  SyNode *b = insert (document, NULL, NULL, 1, "variable");
  SyNode *condition = insert (document, NULL, NULL, 2, "condition");
  SyNode *inner = insert (document, condition, "false", 0, "output");

  /* a and b (a run of two) into the true branch. */
  g_assert_true (sy_workflow_document_move_nodes (document, a, 2, condition, "true", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (main_chain (document)->len, ==, 1);
  g_assert_true (sy_node_get_branch_head (condition, "true") == a);
  g_assert_true (sy_node_get_next (a) == b);
  g_assert_true (sy_node_get_parent (b) == condition);

  /* Not into its own branches. */
  g_assert_false (sy_workflow_document_move_nodes (document, condition, 1, condition, "false", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Down the same chain: position counts in the chain before the move. */
  g_assert_true (sy_workflow_document_move_nodes (document, inner, 1, NULL, NULL, 1, &error));
  g_assert_true (sy_workflow_document_move_nodes (document, condition, 1, NULL, NULL, 2, &error));
  g_assert_true (g_ptr_array_index (main_chain (document), 0) == inner);
  g_assert_true (g_ptr_array_index (main_chain (document), 1) == condition);
  g_assert_true (sy_workflow_document_move_nodes (document, inner, 1, NULL, NULL, 2, &error));
  g_assert_true (g_ptr_array_index (main_chain (document), 1) == inner);
}

static void
test_paste_renames (void)
{
  g_autoptr(SyWorkflowDocument) source = new_document ();
  g_autoptr(SyWorkflowDocument) target = new_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ref = json_from_string ("\"{{ $jobsMapByNodeKey.calculation.total }} + {{ $jobsMapByNodeKey.calculation_other }}\"", NULL);
  g_autoptr(JsonNode) target_key = json_from_string ("\"calculation\"", NULL);
  g_autoptr(JsonNode) copied = NULL;
  SyNode *calc = insert (source, NULL, NULL, 0, "calculation");
  SyNode *use = insert (source, NULL, NULL, 1, "calculation");
  SyNode *assign = insert (source, NULL, NULL, 2, "variable");
  SyNode *first, *pasted_use, *pasted_assign;

  g_assert_true (sy_workflow_document_set_node_config (source, use, "expression", ref, &error));
  g_assert_true (sy_workflow_document_set_node_config (source, assign, "target", target_key, &error));
  g_assert_cmpstr (sy_node_get_key (calc), ==, "calculation");

  insert (target, NULL, NULL, 0, "calculation");  /* clashes with "calculation" */
  copied = sy_workflow_document_copy_nodes (source, calc, 3);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (copied)), ==, 3);

  first = sy_workflow_document_insert_json (target, NULL, NULL, 1, copied, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpuint (main_chain (target)->len, ==, 4);
  g_assert_cmpstr (sy_node_get_key (first), ==, "calculation_3");
  pasted_use = sy_node_get_next (first);
  pasted_assign = sy_node_get_next (pasted_use);
  g_assert_cmpstr (sy_node_get_key (pasted_use), ==, "calculation_2");
  /* The reference to the renamed node follows; the other reference (no such
   * key among the pasted nodes) is left alone. */
  g_assert_cmpstr (json_node_get_string (sy_node_get_config_member (pasted_use, "expression")), ==,
                   "{{ $jobsMapByNodeKey.calculation_3.total }} + {{ $jobsMapByNodeKey.calculation_other }}");
  g_assert_cmpstr (json_node_get_string (sy_node_get_config_member (pasted_assign, "target")), ==, "calculation_3");

  /* Pasting again clashes with the first paste too. */
  first = sy_workflow_document_insert_json (target, NULL, NULL, 0, copied, &error);
  g_assert_cmpstr (sy_node_get_key (first), !=, "calculation_3");
  g_assert_cmpuint (sy_workflow_count_nodes (sy_workflow_document_get_workflow (target)), ==, 7);

  /* Garbage is refused with a clear error. */
  {
    g_autoptr(JsonNode) bad = json_from_string ("[{\"title\": \"no type\"}]", NULL);

    g_assert_null (sy_workflow_document_insert_json (target, NULL, NULL, 0, bad, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

static void
test_read_only (void)
{
  g_autoptr(SyWorkflowDocument) document = new_document ();
  g_autoptr(GError) error = NULL;
  SyNode *node = insert (document, NULL, NULL, 0, "calculation");

  sy_workflow_document_set_read_only (document, TRUE);
  g_assert_null (sy_workflow_document_insert_node (document, NULL, NULL, 0, "calculation", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_assert_false (sy_workflow_document_set_node_title (document, node, "x", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (sy_workflow_document_delete_node (document, node, NULL, &error));
  g_clear_error (&error);
  g_assert_false (sy_workflow_document_can_undo (document));
  g_assert_false (sy_workflow_document_undo (document));
  g_assert_cmpuint (main_chain (document)->len, ==, 1);
}

static void
on_problems_changed (SyWorkflowDocument *document,
                     int                *count)
{
  (*count)++;
}

static void
test_problems (void)
{
  g_autoptr(SyWorkflowDocument) document = new_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) expression = json_from_string ("\"1 + 1\"", NULL);
  g_autoptr(GPtrArray) node_problems = NULL;
  g_autoptr(GPtrArray) other_problems = NULL;
  int changes = 0;
  SyNode *condition, *inner, *other;

  g_signal_connect (document, "problems-changed", G_CALLBACK (on_problems_changed), &changes);
  condition = insert (document, NULL, NULL, 0, "condition");
  inner = insert (document, condition, "true", 0, "calculation");   /* no expression: a problem */
  other = insert (document, NULL, NULL, 1, "calculation");
  g_assert_cmpint (changes, >, 0);

  node_problems = sy_workflow_document_get_node_problems (document, inner);
  g_assert_cmpuint (node_problems->len, >=, 1);
  g_assert_true (g_str_has_prefix (((SyProblem *) g_ptr_array_index (node_problems, 0))->path,
                                   "nodes[0].branches.true[0]"));

  /* A branch's nodes' problems are not the branching node's own. */
  g_clear_pointer (&node_problems, g_ptr_array_unref);
  node_problems = sy_workflow_document_get_node_problems (document, condition);
  for (guint i = 0; i < node_problems->len; i++)
    g_assert_false (g_str_has_prefix (((SyProblem *) g_ptr_array_index (node_problems, i))->path,
                                      "nodes[0].branches.true[0]"));

  changes = 0;
  g_assert_true (sy_workflow_document_set_node_config (document, other, "expression", expression, &error));
  g_assert_cmpint (changes, ==, 1);
  other_problems = sy_workflow_document_get_node_problems (document, other);
  g_assert_cmpuint (other_problems->len, ==, 0);
}


/* Undo of every kind of edit --------------------------------------------- */

typedef struct
{
  SyWorkflowDocument *document;
  SyNode             *calc;      /* main chain */
  SyNode             *condition; /* true: yes, yes2; false: no */
  SyNode             *yes;
  SyNode             *parallel;  /* 1: mail; 2: empty; 3: loop (body: line) */
  SyNode             *multi;     /* multi-conditions, branches 1 and 2 */
  SyNode             *loop;
  SyNode             *bare;      /* a condition without branches */
} Sample;

static void
sample_init (Sample *sample)
{
  g_autoptr(GError) error = NULL;
  SyWorkflowDocument *document = new_document ();

  sample->document = document;
  sample->calc = insert (document, NULL, NULL, 0, "calculation");
  sample->condition = insert (document, NULL, NULL, 1, "condition");
  sample->yes = insert (document, sample->condition, "true", 0, "variable");
  insert (document, sample->condition, "true", 1, "calculation");
  insert (document, sample->condition, "false", 0, "output");
  sample->parallel = insert (document, NULL, NULL, 2, "parallel");
  g_assert_true (sy_workflow_document_add_branch (document, sample->parallel, &error));
  insert (document, sample->parallel, "1", 0, "calculation");
  sample->loop = insert (document, sample->parallel, "3", 0, "loop");
  insert (document, sample->loop, "body", 0, "calculation");
  sample->multi = insert (document, NULL, NULL, 3, "multi-conditions");
  g_assert_true (sy_workflow_document_add_branch (document, sample->multi, &error));
  g_assert_true (sy_workflow_document_add_branch (document, sample->multi, &error));
  insert (document, sample->multi, "1", 0, "output");
  insert (document, sample->multi, "2", 0, "variable");
  sample->bare = insert (document, NULL, NULL, 4, "condition");
  g_assert_null (sy_node_get_branch (sample->bare, "true"));
  g_assert_no_error (error);
}

static gboolean
collect_node (SyNode   *node,
              gpointer  user_data)
{
  g_ptr_array_add (user_data, node);
  return TRUE;
}

/* Every node object, in document order. */
static GPtrArray *
all_nodes (SyWorkflowDocument *document)
{
  GPtrArray *nodes = g_ptr_array_new ();

  sy_node_chain_foreach (main_chain (document), collect_node, nodes);
  return nodes;
}

static void
assert_same_nodes (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_true (g_ptr_array_index (a, i) == g_ptr_array_index (b, i));
}

typedef gboolean (*EditFunc) (Sample *sample, GError **error);

/* The edit changes the document; undo gives back exactly the document and
 * the node objects it had; redo exactly what the edit made, twice over. */
static void
assert_undoable (Sample     *sample,
                 const char *what,
                 EditFunc    edit)
{
  SyWorkflowDocument *document = sample->document;
  SyWorkflow *workflow = sy_workflow_document_get_workflow (document);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = sy_workflow_to_data (workflow, TRUE);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) nodes_before = all_nodes (document);
  g_autoptr(GPtrArray) nodes_after = NULL;

  g_test_message ("edit: %s", what);
  g_assert_true (edit (sample, &error));
  g_assert_no_error (error);
  after = sy_workflow_to_data (workflow, TRUE);
  nodes_after = all_nodes (document);
  g_assert_cmpstr (before, !=, after);

  for (int round = 0; round < 2; round++)
    {
      g_autofree char *undone = NULL, *redone = NULL;
      g_autoptr(GPtrArray) undone_nodes = NULL, redone_nodes = NULL;

      g_assert_true (sy_workflow_document_undo (document));
      undone = sy_workflow_to_data (workflow, TRUE);
      g_assert_cmpstr (undone, ==, before);
      undone_nodes = all_nodes (document);
      assert_same_nodes (undone_nodes, nodes_before);
      /* The key index follows. */
      for (guint i = 0; i < undone_nodes->len; i++)
        g_assert_true (sy_workflow_find_node (workflow, sy_node_get_key (g_ptr_array_index (undone_nodes, i)))
                       == g_ptr_array_index (undone_nodes, i));

      g_assert_true (sy_workflow_document_redo (document));
      redone = sy_workflow_to_data (workflow, TRUE);
      g_assert_cmpstr (redone, ==, after);
      redone_nodes = all_nodes (document);
      assert_same_nodes (redone_nodes, nodes_after);
    }

  /* Back to the sample for the next edit. */
  g_assert_true (sy_workflow_document_undo (document));
}

static gboolean
edit_insert (Sample *s, GError **error)
{
  return sy_workflow_document_insert_node (s->document, s->loop, "body", 1, "variable", error) != NULL;
}

static gboolean
edit_insert_into_empty_branch (Sample *s, GError **error)
{
  return sy_workflow_document_insert_node (s->document, s->parallel, "2", 0, "condition", error) != NULL;
}

static gboolean
edit_insert_into_absent_branch (Sample *s, GError **error)
{
  /* Undo takes the branch away again. */
  return sy_workflow_document_insert_node (s->document, s->bare, "true", 0, "end", error) != NULL;
}

static gboolean
edit_paste (Sample *s, GError **error)
{
  g_autoptr(JsonNode) copied = sy_workflow_document_copy_nodes (s->document, s->condition, 2);

  return sy_workflow_document_insert_json (s->document, s->loop, "body", 0, copied, error) != NULL;
}

static gboolean
edit_move (Sample *s, GError **error)
{
  return sy_workflow_document_move_nodes (s->document, s->condition, 1, s->loop, "body", 1, error);
}

static gboolean
edit_move_within_chain (Sample *s, GError **error)
{
  return sy_workflow_document_move_nodes (s->document, s->calc, 1, NULL, NULL, 3, error);
}

static gboolean
edit_delete_all (Sample *s, GError **error)
{
  return sy_workflow_document_delete_node (s->document, s->parallel, NULL, error);
}

static gboolean
edit_delete_keep (Sample *s, GError **error)
{
  return sy_workflow_document_delete_node (s->document, s->condition, "true", error);
}

static gboolean
edit_add_branch (Sample *s, GError **error)
{
  return sy_workflow_document_add_branch (s->document, s->multi, error);
}

static gboolean
edit_remove_branch (Sample *s, GError **error)
{
  /* Renumbers "3" (holding the loop) into "2". */
  return sy_workflow_document_remove_branch (s->document, s->parallel, "2", error);
}

static gboolean
edit_remove_condition_branch (Sample *s, GError **error)
{
  return sy_workflow_document_remove_branch (s->document, s->multi, "1", error);
}

static gboolean
edit_node_title (Sample *s, GError **error)
{
  return sy_workflow_document_set_node_title (s->document, s->yes, "Flag it", error);
}

static gboolean
edit_node_key (Sample *s, GError **error)
{
  return sy_workflow_document_set_node_key (s->document, s->yes, "flag", error);
}

static gboolean
edit_node_config (Sample *s, GError **error)
{
  g_autoptr(JsonNode) value = json_from_string ("{\"a\": [1, 2, {\"b\": null}]}", NULL);

  return sy_workflow_document_set_node_config (s->document, s->calc, "expression", value, error);
}

static gboolean
edit_node_config_remove (Sample *s, GError **error)
{
  /* "rejectOnFalse" comes first: undo puts it back there. */
  return sy_workflow_document_set_node_config (s->document, s->condition, "rejectOnFalse", NULL, error);
}

static gboolean
edit_trigger (Sample *s, GError **error)
{
  g_autoptr(JsonNode) value = json_from_string ("\"POST\"", NULL);

  return sy_workflow_document_set_trigger_config (s->document, "method", value, error);
}

static gboolean
edit_trigger_title (Sample *s, GError **error)
{
  return sy_workflow_document_set_trigger_title (s->document, "Order arrives", error);
}

static gboolean
edit_title (Sample *s, GError **error)
{
  return sy_workflow_document_set_title (s->document, "Orders, again", error);
}

static gboolean
edit_options (Sample *s, GError **error)
{
  g_autoptr(JsonNode) options = json_from_string ("{\"description\": \"d\", \"options\": {\"timeout\": 5000, "
                                                  "\"stack_limit\": 3, \"delete_executions\": [\"resolved\"]}}",
                                                  NULL);

  return sy_workflow_document_set_options (s->document, json_node_get_object (options), error);
}

static void
test_undo_every_edit (void)
{
  Sample sample;
  static const struct { const char *what; EditFunc edit; } edits[] = {
    { "insert", edit_insert },
    { "insert into an empty branch", edit_insert_into_empty_branch },
    { "insert into an absent branch", edit_insert_into_absent_branch },
    { "paste", edit_paste },
    { "move into a branch", edit_move },
    { "move within a chain", edit_move_within_chain },
    { "delete with branches", edit_delete_all },
    { "delete keeping a branch", edit_delete_keep },
    { "add a branch", edit_add_branch },
    { "remove a branch (renumbering)", edit_remove_branch },
    { "remove a condition's branch", edit_remove_condition_branch },
    { "node title", edit_node_title },
    { "node key", edit_node_key },
    { "node config", edit_node_config },
    { "node config member removed", edit_node_config_remove },
    { "trigger config", edit_trigger },
    { "trigger title", edit_trigger_title },
    { "workflow title", edit_title },
    { "options", edit_options },
  };

  sample_init (&sample);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    assert_undoable (&sample, edits[i].what, edits[i].edit);
  g_object_unref (sample.document);
}

static void
copy_edit (SyWorkflowDocument *document,
           SyDocumentEdit     *edit,
           SyDocumentEdit     *out)
{
  g_ptr_array_extend (out->nodes, edit->nodes, NULL, NULL);
  g_ptr_array_extend (out->chains, edit->chains, NULL, NULL);
  g_ptr_array_extend (out->removed, edit->removed, NULL, NULL);
  out->trigger |= edit->trigger;
  out->workflow |= edit->workflow;
}

/* "edited" names exactly what an edit touched, so views update only that. */
static void
test_edited_details (void)
{
  Sample sample;
  g_autoptr(GError) error = NULL;
  SyDocumentEdit seen = { g_ptr_array_new (), g_ptr_array_new (), g_ptr_array_new (), FALSE, FALSE };
  g_autoptr(JsonNode) value = json_from_string ("\"1\"", NULL);
  SyNode *added;

  sample_init (&sample);
  g_signal_connect (sample.document, "edited", G_CALLBACK (copy_edit), &seen);

  /* An insert at the far end touches the main chain only. */
  added = sy_workflow_document_insert_node (sample.document, NULL, NULL, 99, "calculation", &error);
  g_assert_nonnull (added);
  g_assert_cmpuint (seen.chains->len, ==, 1);
  g_assert_null (g_ptr_array_index (seen.chains, 0));
  g_assert_cmpuint (seen.nodes->len, ==, 0);
  g_assert_cmpuint (seen.removed->len, ==, 0);

  /* A config edit names its node only. */
  g_ptr_array_set_size (seen.chains, 0);
  g_assert_true (sy_workflow_document_set_node_config (sample.document, sample.calc, "expression", value, &error));
  g_assert_cmpuint (seen.chains->len, ==, 0);
  g_assert_cmpuint (seen.nodes->len, ==, 1);
  g_assert_true (g_ptr_array_index (seen.nodes, 0) == sample.calc);

  /* A move names both chains and the node that left one. */
  g_ptr_array_set_size (seen.nodes, 0);
  g_assert_true (sy_workflow_document_move_nodes (sample.document, sample.yes, 1, sample.loop, "body", 0, &error));
  g_assert_cmpuint (seen.chains->len, ==, 2);
  g_assert_true (g_ptr_array_find (seen.chains, sample.condition, NULL));
  g_assert_true (g_ptr_array_find (seen.chains, sample.loop, NULL));
  g_assert_true (g_ptr_array_find (seen.removed, sample.yes, NULL));

  /* Its undo names the same. */
  g_ptr_array_set_size (seen.chains, 0);
  g_ptr_array_set_size (seen.removed, 0);
  g_assert_true (sy_workflow_document_undo (sample.document));
  g_assert_cmpuint (seen.chains->len, ==, 2);
  g_assert_true (sy_node_get_parent (sample.yes) == sample.condition);

  /* Options are the workflow's. */
  g_assert_true (sy_workflow_document_set_title (sample.document, "Renamed", &error));
  g_assert_true (seen.workflow);
  g_assert_no_error (error);

  g_ptr_array_unref (seen.nodes);
  g_ptr_array_unref (seen.chains);
  g_ptr_array_unref (seen.removed);
  g_object_unref (sample.document);
}


static void
set_config (SyWorkflowDocument *document,
            SyNode             *node,
            const char         *member,
            const char         *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (sy_workflow_document_set_node_config (document, node, member, value, &error));
  g_assert_no_error (error);
}

static char *
member_text (SyNode     *node,
             const char *member)
{
  return json_to_string (sy_node_get_config_member (node, member), FALSE);
}

/* A new key is one undoable edit that every reference follows. */
static void
test_rename_references (void)
{
  g_autoptr(SyWorkflowDocument) document = new_document ();
  SyWorkflow *workflow = sy_workflow_document_get_workflow (document);
  g_autoptr(GError) error = NULL;
  int counts[SY_DOCUMENT_CHANGE_ALL + 1] = { 0 };
  SyNode *calc = insert (document, NULL, NULL, 0, "calculation");
  SyNode *loop = insert (document, NULL, NULL, 1, "loop");
  SyNode *inner = insert (document, loop, "body", 0, "calculation");
  SyNode *check = insert (document, NULL, NULL, 2, "condition");
  SyNode *assign = insert (document, NULL, NULL, 3, "variable");
  SyNode *other = insert (document, NULL, NULL, 4, "calculation");
  g_autofree char *before = NULL, *after = NULL, *undone = NULL, *text = NULL;

  set_config (document, calc, "expression", "\"1\"");
  set_config (document, loop, "target", "\"{{$jobsMapByNodeKey.calculation.items}}\"");
  set_config (document, inner, "expression",
              "\"{{ $scopes.loop.item }} * {{ctx.$jobsMapByNodeKey.calculation.rate:1}}\"");
  set_config (document, check, "calculation",
              "{\"group\": {\"type\": \"and\", \"calculations\": [{\"calculator\": \"gt\", "
              "\"operands\": [\"{{$jobsMapByNodeKey.calculation}}\", 3]}]}}");
  set_config (document, assign, "target", "\"calculation\"");
  set_config (document, other, "expression", "\"{{$jobsMapByNodeKey.calculation_9}} calculation\"");
  before = sy_workflow_to_data (workflow, TRUE);

  g_signal_connect (document, "changed", G_CALLBACK (count_changes), counts);
  g_assert_true (sy_workflow_document_set_node_key (document, calc, "total", &error));
  g_assert_no_error (error);

  text = member_text (loop, "target");
  g_assert_cmpstr (text, ==, "\"{{$jobsMapByNodeKey.total.items}}\"");
  g_clear_pointer (&text, g_free);
  text = member_text (inner, "expression");
  g_assert_cmpstr (text, ==, "\"{{ $scopes.loop.item }} * {{ctx.$jobsMapByNodeKey.total.rate:1}}\"");
  g_clear_pointer (&text, g_free);
  text = member_text (check, "calculation");
  g_assert_nonnull (strstr (text, "{{$jobsMapByNodeKey.total}}"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (json_node_get_string (sy_node_get_config_member (assign, "target")), ==, "total");
  /* Another key that merely starts alike, and plain text, stay. */
  text = member_text (other, "expression");
  g_assert_cmpstr (text, ==, "\"{{$jobsMapByNodeKey.calculation_9}} calculation\"");
  g_clear_pointer (&text, g_free);
  g_assert_true (sy_workflow_find_node (workflow, "total") == calc);
  g_assert_null (sy_workflow_find_node (workflow, "calculation"));
  /* Each node that changed is reported, the renamed one first. */
  g_assert_cmpint (counts[SY_DOCUMENT_CHANGE_NODE], ==, 5);
  after = sy_workflow_to_data (workflow, TRUE);

  /* One undo puts back the key and every reference. */
  g_assert_true (sy_workflow_document_undo (document));
  undone = sy_workflow_to_data (workflow, TRUE);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (sy_workflow_find_node (workflow, "calculation") == calc);
  g_assert_true (sy_workflow_document_redo (document));
  g_clear_pointer (&undone, g_free);
  undone = sy_workflow_to_data (workflow, TRUE);
  g_assert_cmpstr (undone, ==, after);

  /* A loop's key is read through $scopes. */
  g_assert_true (sy_workflow_document_set_node_key (document, loop, "each", &error));
  text = member_text (inner, "expression");
  g_assert_cmpstr (text, ==, "\"{{ $scopes.each.item }} * {{ctx.$jobsMapByNodeKey.total.rate:1}}\"");

  /* Taken and malformed keys are refused, changing nothing. */
  g_assert_false (sy_workflow_document_set_node_key (document, other, "each", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (sy_workflow_document_set_node_key (document, other, "9 lives", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/insert-undo-redo", test_insert_undo_redo);
  g_test_add_func ("/document/config-merge", test_config_merge);
  g_test_add_func ("/document/delete-keep-branch", test_delete_keep_branch);
  g_test_add_func ("/document/dynamic-branches", test_dynamic_branches);
  g_test_add_func ("/document/move", test_move);
  g_test_add_func ("/document/paste-renames", test_paste_renames);
  g_test_add_func ("/document/read-only", test_read_only);
  g_test_add_func ("/document/problems", test_problems);
  g_test_add_func ("/document/undo-every-edit", test_undo_every_edit);
  g_test_add_func ("/document/edited-details", test_edited_details);
  g_test_add_func ("/document/rename-references", test_rename_references);

  return g_test_run ();
}
