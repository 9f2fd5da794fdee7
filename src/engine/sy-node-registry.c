/* sy-node-registry.c — every node kind, in palette order */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "nodes/sy-nodes.h"
#include "sy-node-kind.h"

typedef const SyNodeKind *(*SyNodeKindGetter) (void);

/* One line per node type; the palette shows them in this order. */
static const SyNodeKindGetter kind_getters[] = {
  sy_node_condition_get_kind,
  sy_node_multi_conditions_get_kind,
  sy_node_parallel_get_kind,
  sy_node_loop_get_kind,
  sy_node_end_get_kind,
  sy_node_calculation_get_kind,
  sy_node_variable_get_kind,
  sy_node_output_get_kind,
  sy_node_date_calculation_get_kind,
  sy_node_json_query_get_kind,
  sy_node_json_variable_mapping_get_kind,
  sy_node_script_get_kind,
  sy_node_query_get_kind,
  sy_node_create_get_kind,
  sy_node_update_get_kind,
  sy_node_destroy_get_kind,
  sy_node_aggregate_get_kind,
  sy_node_sql_get_kind,
  sy_node_response_message_get_kind,
  sy_node_delay_get_kind,
  sy_node_command_get_kind,
  sy_node_request_get_kind,
  sy_node_response_get_kind,
  sy_node_notification_get_kind,
  sy_node_subflow_get_kind,
  sy_node_manual_get_kind,
  sy_node_approval_get_kind,
  sy_node_cc_get_kind,
};

typedef struct
{
  const char *category;
  const char *title;
} CategoryTitle;

static const CategoryTitle category_titles[] = {
  { "control", N_("Control flow") },
  { "calculation", N_("Calculation") },
  { "data", N_("Data") },
  { "time", N_("Time") },
  { "integration", N_("Integration") },
  { "people", N_("People") },
  { "workflow", N_("Workflow") },
};

static gpointer
build_index (gpointer data)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (kind_getters); i++)
    {
      const SyNodeKind *kind = kind_getters[i] ();

      g_assert (kind != NULL && kind->type != NULL);
      g_assert (!g_hash_table_contains (index, kind->type));
      g_hash_table_insert (index, (gpointer) kind->type, (gpointer) kind);
    }

  return index;
}

/* Kinds added at run time (tests); looked up only when the table misses. */
G_LOCK_DEFINE_STATIC (extra_kinds);
static GPtrArray *extra_kinds;

const SyNodeKind *
sy_node_kind_lookup (const char *type)
{
  static GOnce once = G_ONCE_INIT;
  const SyNodeKind *kind;
  GHashTable *index;

  if (type == NULL)
    return NULL;

  /* Built on first use from whichever thread gets there first. */
  index = g_once (&once, build_index, NULL);

  kind = g_hash_table_lookup (index, type);
  if (kind != NULL)
    return kind;

  G_LOCK (extra_kinds);
  for (guint i = 0; extra_kinds != NULL && i < extra_kinds->len; i++)
    if (g_str_equal (((const SyNodeKind *) g_ptr_array_index (extra_kinds, i))->type, type))
      kind = g_ptr_array_index (extra_kinds, i);
  G_UNLOCK (extra_kinds);

  return kind;
}

void
sy_node_kind_register (const SyNodeKind *kind)
{
  g_return_if_fail (kind != NULL && kind->type != NULL);
  g_return_if_fail (sy_node_kind_lookup (kind->type) == NULL);

  G_LOCK (extra_kinds);
  if (extra_kinds == NULL)
    extra_kinds = g_ptr_array_new ();
  g_ptr_array_add (extra_kinds, (gpointer) kind);
  G_UNLOCK (extra_kinds);
}

static guint
category_rank (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_titles); i++)
    if (g_strcmp0 (category_titles[i].category, category) == 0)
      return i;

  return G_N_ELEMENTS (category_titles);
}

static gint
compare_categories (gconstpointer a,
                    gconstpointer b)
{
  const SyNodeKind *first = *(const SyNodeKind * const *) a;
  const SyNodeKind *second = *(const SyNodeKind * const *) b;
  guint rank_a = category_rank (first->category);
  guint rank_b = category_rank (second->category);

  return rank_a < rank_b ? -1 : rank_a > rank_b;
}

/* The built-in kinds grouped by category (in the order of `category_titles`),
 * table order within each: menus draw one header per run of a category. */
GPtrArray *
sy_node_kind_list (void)
{
  GPtrArray *kinds = g_ptr_array_sized_new (G_N_ELEMENTS (kind_getters));

  for (guint i = 0; i < G_N_ELEMENTS (kind_getters); i++)
    g_ptr_array_add (kinds, (gpointer) kind_getters[i] ());

  /* A stable sort (GLib's is): the table's order stays within a category. */
  g_ptr_array_sort (kinds, compare_categories);

  /* Kinds registered at run time (tests) come last, as registered. */
  G_LOCK (extra_kinds);
  for (guint i = 0; extra_kinds != NULL && i < extra_kinds->len; i++)
    g_ptr_array_add (kinds, g_ptr_array_index (extra_kinds, i));
  G_UNLOCK (extra_kinds);

  return kinds;
}

const char *
sy_node_category_title (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_titles); i++)
    if (g_strcmp0 (category_titles[i].category, category) == 0)
      return _(category_titles[i].title);

  return category;
}

const char *
sy_node_display_title (SyNode *node)
{
  const char *title = sy_node_get_title (node);
  const SyNodeKind *kind;

  if (title != NULL && title[0] != '\0')
    return title;
  kind = sy_node_kind_lookup (sy_node_get_node_type (node));
  return kind != NULL ? _(kind->title) : sy_node_get_node_type (node);
}

char *
sy_node_branch_title (SyNode     *node,
                      const char *branch)
{
  const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (node));
  char *label = kind != NULL && kind->branch_label != NULL ? kind->branch_label (node, branch) : NULL;

  if (label == NULL)
    {
      label = g_strdup (branch);
      if (label[0] != '\0')
        label[0] = g_ascii_toupper (label[0]);
    }

  return label;
}

static gboolean
is_dynamic_branch_name (const char *name)
{
  /* "1".."n": a positive decimal without leading zeros. */
  if (name[0] < '1' || name[0] > '9')
    return FALSE;

  for (const char *p = name + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return strlen (name) <= 9;
}

gboolean
sy_node_kind_allows_branch (const SyNodeKind *kind,
                            const char       *branch)
{
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (branch != NULL, FALSE);

  if ((kind->flags & SY_NODE_KIND_BRANCHING) == 0)
    return FALSE;

  if ((kind->flags & SY_NODE_KIND_DYNAMIC) != 0 && is_dynamic_branch_name (branch))
    return TRUE;

  return kind->branches != NULL && g_strv_contains ((const char * const *) kind->branches, branch);
}

gboolean
sy_node_kind_has_branch (const SyNodeKind *kind,
                         SyNode           *node,
                         const char       *branch)
{
  GPtrArray *chain;

  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (SY_IS_NODE (node), FALSE);
  g_return_val_if_fail (branch != NULL, FALSE);

  if (!sy_node_kind_allows_branch (kind, branch))
    return FALSE;

  chain = sy_node_get_branch (node, branch);

  return chain != NULL && chain->len > 0;
}
