/* sy-node.c — one step of a workflow and the chains that hold nodes
 *
 * A chain is a GPtrArray of SyNode made by sy_node_chain_new(): it owns a
 * reference to each node and detaches a node (clears its parent and chain
 * pointers) when it lets go of it, so a node that outlives its chain never
 * points at freed memory. A node does not reference its parent or chain;
 * they are back pointers kept right by the chain helpers.
 */
#include "config.h"

#include "sy-json.h"
#include "sy-node-kind.h"
#include "sy-node.h"

typedef struct
{
  char      *name;
  GPtrArray *chain;
} Branch;

struct _SyNode
{
  GObject     parent_instance;

  char       *key;
  char       *type;
  char       *title;
  JsonObject *config;
  GPtrArray  *branches;      /* of Branch, in document order */

  /* Back pointers, not references: see the top of the file. */
  SyNode     *parent;
  char       *parent_branch;
  GPtrArray  *chain;
};

G_DEFINE_FINAL_TYPE (SyNode, sy_node, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KEY,
  PROP_TYPE,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() is GLib 2.76, above our floor. */
static gboolean
replace_str (char       **slot,
             const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static void
branch_free (Branch *branch)
{
  g_free (branch->name);
  g_ptr_array_unref (branch->chain);
  g_free (branch);
}

static void
node_detach (SyNode *node)
{
  node->parent = NULL;
  node->chain = NULL;
  g_clear_pointer (&node->parent_branch, g_free);
}

static void
chain_item_free (gpointer data)
{
  SyNode *node = data;

  node_detach (node);
  g_object_unref (node);
}

GPtrArray *
sy_node_chain_new (void)
{
  return g_ptr_array_new_with_free_func (chain_item_free);
}

static void
sy_node_finalize (GObject *object)
{
  SyNode *self = SY_NODE (object);

  /* Freeing the branches detaches children that other code still holds. */
  g_clear_pointer (&self->branches, g_ptr_array_unref);
  g_clear_pointer (&self->config, json_object_unref);
  g_free (self->key);
  g_free (self->type);
  g_free (self->title);
  g_free (self->parent_branch);

  G_OBJECT_CLASS (sy_node_parent_class)->finalize (object);
}

static void
sy_node_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SyNode *self = SY_NODE (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_TYPE:
      g_value_set_string (value, self->type);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_node_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  SyNode *self = SY_NODE (object);

  switch (prop_id)
    {
    case PROP_KEY:
      sy_node_set_key (self, g_value_get_string (value));
      break;
    case PROP_TYPE:
      self->type = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      sy_node_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_node_class_init (SyNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sy_node_finalize;
  object_class->get_property = sy_node_get_property;
  object_class->set_property = sy_node_set_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TYPE] =
    g_param_spec_string ("type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sy_node_init (SyNode *self)
{
  self->config = json_object_new ();
  self->branches = g_ptr_array_new_with_free_func ((GDestroyNotify) branch_free);
}

SyNode *
sy_node_new (const char *key,
             const char *type)
{
  return g_object_new (SY_TYPE_NODE, "key", key, "type", type, NULL);
}

const char *
sy_node_get_key (SyNode *self)
{
  g_return_val_if_fail (SY_IS_NODE (self), NULL);

  return self->key;
}

void
sy_node_set_key (SyNode     *self,
                 const char *key)
{
  g_return_if_fail (SY_IS_NODE (self));

  if (replace_str (&self->key, key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

const char *
sy_node_get_node_type (SyNode *self)
{
  g_return_val_if_fail (SY_IS_NODE (self), NULL);

  return self->type;
}

const char *
sy_node_get_title (SyNode *self)
{
  g_return_val_if_fail (SY_IS_NODE (self), NULL);

  return self->title;
}

void
sy_node_set_title (SyNode     *self,
                   const char *title)
{
  g_return_if_fail (SY_IS_NODE (self));

  if (replace_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

JsonObject *
sy_node_get_config (SyNode *self)
{
  g_return_val_if_fail (SY_IS_NODE (self), NULL);

  return self->config;
}

void
sy_node_set_config (SyNode     *self,
                    JsonObject *config)
{
  g_return_if_fail (SY_IS_NODE (self));

  g_clear_pointer (&self->config, json_object_unref);
  self->config = config != NULL ? json_object_ref (config) : json_object_new ();
}

JsonNode *
sy_node_get_config_member (SyNode     *self,
                           const char *name)
{
  g_return_val_if_fail (SY_IS_NODE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return json_object_get_member (self->config, name);
}

static Branch *
find_branch (SyNode     *self,
             const char *name)
{
  for (guint i = 0; i < self->branches->len; i++)
    {
      Branch *branch = g_ptr_array_index (self->branches, i);

      if (g_str_equal (branch->name, name))
        return branch;
    }

  return NULL;
}

guint
sy_node_get_n_branches (SyNode *self)
{
  g_return_val_if_fail (SY_IS_NODE (self), 0);

  return self->branches->len;
}

const char *
sy_node_get_branch_name (SyNode *self,
                         guint   index)
{
  g_return_val_if_fail (SY_IS_NODE (self), NULL);
  g_return_val_if_fail (index < self->branches->len, NULL);

  return ((Branch *) g_ptr_array_index (self->branches, index))->name;
}

GPtrArray *
sy_node_get_branch (SyNode     *self,
                    const char *name)
{
  Branch *branch;

  g_return_val_if_fail (SY_IS_NODE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  branch = find_branch (self, name);

  return branch != NULL ? branch->chain : NULL;
}

GPtrArray *
sy_node_ensure_branch (SyNode     *self,
                       const char *name)
{
  g_return_val_if_fail (SY_IS_NODE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return sy_node_insert_branch (self, name, self->branches->len);
}

GPtrArray *
sy_node_insert_branch (SyNode     *self,
                       const char *name,
                       guint       position)
{
  Branch *branch;

  g_return_val_if_fail (SY_IS_NODE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  branch = find_branch (self, name);
  if (branch == NULL)
    {
      branch = g_new0 (Branch, 1);
      branch->name = g_strdup (name);
      branch->chain = sy_node_chain_new ();
      g_ptr_array_insert (self->branches, MIN (position, self->branches->len), branch);
    }

  return branch->chain;
}

int
sy_node_get_branch_index (SyNode     *self,
                          const char *name)
{
  g_return_val_if_fail (SY_IS_NODE (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->branches->len; i++)
    if (g_str_equal (((Branch *) g_ptr_array_index (self->branches, i))->name, name))
      return i;

  return -1;
}

gboolean
sy_node_remove_branch (SyNode     *self,
                       const char *name)
{
  g_return_val_if_fail (SY_IS_NODE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < self->branches->len; i++)
    {
      Branch *branch = g_ptr_array_index (self->branches, i);

      if (g_str_equal (branch->name, name))
        {
          g_ptr_array_remove_index (self->branches, i);
          return TRUE;
        }
    }

  return FALSE;
}

SyNode *
sy_node_get_branch_head (SyNode     *self,
                         const char *name)
{
  GPtrArray *chain = sy_node_get_branch (self, name);

  return chain != NULL && chain->len > 0 ? g_ptr_array_index (chain, 0) : NULL;
}

SyNode *
sy_node_get_parent (SyNode *self)
{
  g_return_val_if_fail (SY_IS_NODE (self), NULL);

  return self->parent;
}

const char *
sy_node_get_parent_branch (SyNode *self)
{
  g_return_val_if_fail (SY_IS_NODE (self), NULL);

  return self->parent_branch;
}

static gboolean
chain_find (SyNode *self,
            guint  *index)
{
  return self->chain != NULL && g_ptr_array_find (self->chain, self, index);
}

SyNode *
sy_node_get_next (SyNode *self)
{
  guint index;

  g_return_val_if_fail (SY_IS_NODE (self), NULL);

  if (!chain_find (self, &index) || index + 1 >= self->chain->len)
    return NULL;

  return g_ptr_array_index (self->chain, index + 1);
}

SyNode *
sy_node_get_previous (SyNode *self)
{
  guint index;

  g_return_val_if_fail (SY_IS_NODE (self), NULL);

  if (!chain_find (self, &index) || index == 0)
    return NULL;

  return g_ptr_array_index (self->chain, index - 1);
}

GPtrArray *
sy_node_get_chain (SyNode *self)
{
  g_return_val_if_fail (SY_IS_NODE (self), NULL);

  return self->chain;
}

static void
node_attach (SyNode     *node,
             GPtrArray  *chain,
             SyNode     *parent,
             const char *branch)
{
  node->chain = chain;
  node->parent = parent;
  replace_str (&node->parent_branch, parent != NULL ? branch : NULL);
}

void
sy_node_chain_insert (GPtrArray  *chain,
                      SyNode     *parent,
                      const char *branch,
                      guint       position,
                      SyNode     *node)
{
  g_return_if_fail (chain != NULL);
  g_return_if_fail (SY_IS_NODE (node));
  g_return_if_fail (node->chain == NULL);
  g_return_if_fail (parent == NULL || branch != NULL);

  g_ptr_array_insert (chain, MIN (position, chain->len), g_object_ref (node));
  node_attach (node, chain, parent, branch);
}

void
sy_node_chain_remove (GPtrArray *chain,
                      SyNode    *node)
{
  guint index;

  g_return_if_fail (chain != NULL);
  g_return_if_fail (SY_IS_NODE (node));

  if (!g_ptr_array_find (chain, node, &index))
    return;

  /* Keep the node alive until it is detached, whatever the free func. */
  g_object_ref (node);
  g_ptr_array_remove_index (chain, index);
  node_detach (node);
  g_object_unref (node);
}

void
sy_node_chain_relink (GPtrArray  *chain,
                      SyNode     *parent,
                      const char *branch)
{
  g_return_if_fail (chain != NULL);

  for (guint i = 0; i < chain->len; i++)
    {
      SyNode *node = g_ptr_array_index (chain, i);

      node_attach (node, chain, parent, branch);
      for (guint b = 0; b < node->branches->len; b++)
        {
          Branch *child = g_ptr_array_index (node->branches, b);

          sy_node_chain_relink (child->chain, node, child->name);
        }
    }
}

gboolean
sy_node_chain_foreach (GPtrArray  *chain,
                       SyNodeFunc  func,
                       gpointer    user_data)
{
  g_return_val_if_fail (chain != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  for (guint i = 0; i < chain->len; i++)
    {
      SyNode *node = g_ptr_array_index (chain, i);

      if (!func (node, user_data))
        return FALSE;

      for (guint b = 0; b < node->branches->len; b++)
        {
          Branch *branch = g_ptr_array_index (node->branches, b);

          if (!sy_node_chain_foreach (branch->chain, func, user_data))
            return FALSE;
        }
    }

  return TRUE;
}

SyNode *
sy_node_copy (SyNode *self)
{
  SyNode *copy;

  g_return_val_if_fail (SY_IS_NODE (self), NULL);

  copy = sy_node_new (self->key, self->type);
  copy->title = g_strdup (self->title);
  json_object_unref (copy->config);
  copy->config = sy_json_object_deep_copy (self->config);

  for (guint b = 0; b < self->branches->len; b++)
    {
      Branch *branch = g_ptr_array_index (self->branches, b);
      GPtrArray *chain = sy_node_ensure_branch (copy, branch->name);

      for (guint i = 0; i < branch->chain->len; i++)
        {
          g_autoptr(SyNode) child = sy_node_copy (g_ptr_array_index (branch->chain, i));

          sy_node_chain_insert (chain, copy, branch->name, chain->len, child);
        }
    }

  return copy;
}

JsonNode *
sy_node_to_json (SyNode *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const SyNodeKind *kind;
  JsonNode *config;

  g_return_val_if_fail (SY_IS_NODE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, self->key);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, self->type);
  if (self->title != NULL)
    {
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, self->title);
    }
  json_builder_set_member_name (builder, "config");
  config = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (config, sy_json_object_deep_copy (self->config));
  json_builder_add_value (builder, config);

  /* Branches only belong to branching kinds; an unknown type keeps what it
   * has so that nothing is lost before validation reports it. */
  kind = self->type != NULL ? sy_node_kind_lookup (self->type) : NULL;
  if (self->branches->len > 0 && (kind == NULL || (kind->flags & SY_NODE_KIND_BRANCHING) != 0))
    {
      json_builder_set_member_name (builder, "branches");
      json_builder_begin_object (builder);
      for (guint b = 0; b < self->branches->len; b++)
        {
          Branch *branch = g_ptr_array_index (self->branches, b);

          json_builder_set_member_name (builder, branch->name);
          json_builder_begin_array (builder);
          for (guint i = 0; i < branch->chain->len; i++)
            json_builder_add_value (builder, sy_node_to_json (g_ptr_array_index (branch->chain, i)));
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
