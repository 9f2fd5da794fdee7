/* sy-workflow.c — a workflow document: load, validate, save
 *
 * Loading runs in two passes, so that every problem is reported at once:
 *  1. the JSON's shape (member types, required members) while building the
 *     model; values of the wrong type are reported and left out of it;
 *  2. the model's rules (keys, kinds, branches, variables, kind hooks),
 *     which sy_workflow_validate() also runs after edits.
 * Problems are of two sorts. Structural ones (the shape, keys, types,
 * branches) make a document unreadable: the model would not mean what the
 * document says. The others (settings, variables, where a node may run)
 * are what a draft being edited may still have; a strict load refuses
 * both, a draft load only the first.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sy-json.h"
#include "sy-node-kind.h"
#include "sy-template.h"
#include "sy-trigger-kind.h"
#include "sy-workflow.h"

#define TITLE_MAX_CHARS 200
#define KEY_MAX_CHARS   64

struct _SyWorkflow
{
  GObject     parent_instance;

  char       *key;
  gboolean    key_generated; /* made from the title on loading */
  char       *title;
  char       *description;
  gboolean    enabled;
  gboolean    sync;
  gint64      timeout_ms;
  guint       stack_limit;
  GArray     *delete_executions; /* of SyStatus */

  char       *trigger_type;
  char       *trigger_title;
  JsonObject *trigger_config;

  GPtrArray  *nodes;             /* the main chain */
  GHashTable *index;             /* key → SyNode (borrowed from the chains) */

  gint64      version_id;
  guint       version;
};

G_DEFINE_FINAL_TYPE (SyWorkflow, sy_workflow, G_TYPE_OBJECT)

G_DEFINE_QUARK (sy-workflow-error-quark, sy_workflow_error)

enum
{
  PROP_0,
  PROP_KEY,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_ENABLED,
  PROP_SYNC,
  PROP_TIMEOUT_MS,
  PROP_STACK_LIMIT,
  PROP_TRIGGER_TYPE,
  PROP_TRIGGER_TITLE,
  PROP_VERSION_ID,
  PROP_VERSION,
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
sy_workflow_finalize (GObject *object)
{
  SyWorkflow *self = SY_WORKFLOW (object);

  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);
  g_clear_pointer (&self->trigger_config, json_object_unref);
  g_clear_pointer (&self->delete_executions, g_array_unref);
  g_free (self->key);
  g_free (self->title);
  g_free (self->description);
  g_free (self->trigger_type);
  g_free (self->trigger_title);

  G_OBJECT_CLASS (sy_workflow_parent_class)->finalize (object);
}

static void
sy_workflow_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SyWorkflow *self = SY_WORKFLOW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_SYNC:
      g_value_set_boolean (value, sy_workflow_get_sync (self));
      break;
    case PROP_TIMEOUT_MS:
      g_value_set_int64 (value, self->timeout_ms);
      break;
    case PROP_STACK_LIMIT:
      g_value_set_uint (value, self->stack_limit);
      break;
    case PROP_TRIGGER_TYPE:
      g_value_set_string (value, self->trigger_type);
      break;
    case PROP_TRIGGER_TITLE:
      g_value_set_string (value, self->trigger_title);
      break;
    case PROP_VERSION_ID:
      g_value_set_int64 (value, self->version_id);
      break;
    case PROP_VERSION:
      g_value_set_uint (value, self->version);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_workflow_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SyWorkflow *self = SY_WORKFLOW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      sy_workflow_set_key (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      sy_workflow_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      sy_workflow_set_description (self, g_value_get_string (value));
      break;
    case PROP_ENABLED:
      sy_workflow_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_SYNC:
      sy_workflow_set_sync (self, g_value_get_boolean (value));
      break;
    case PROP_TIMEOUT_MS:
      sy_workflow_set_timeout_ms (self, g_value_get_int64 (value));
      break;
    case PROP_STACK_LIMIT:
      sy_workflow_set_stack_limit (self, g_value_get_uint (value));
      break;
    case PROP_TRIGGER_TYPE:
      self->trigger_type = g_value_dup_string (value);
      break;
    case PROP_TRIGGER_TITLE:
      sy_workflow_set_trigger_title (self, g_value_get_string (value));
      break;
    case PROP_VERSION_ID:
      sy_workflow_set_version_id (self, g_value_get_int64 (value));
      break;
    case PROP_VERSION:
      sy_workflow_set_version (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_workflow_class_init (SyWorkflowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sy_workflow_finalize;
  object_class->get_property = sy_workflow_get_property;
  object_class->set_property = sy_workflow_set_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, FALSE, flags);
  /* Reads the effective mode (the trigger's forced mode wins). */
  properties[PROP_SYNC] = g_param_spec_boolean ("sync", NULL, NULL, FALSE, flags);
  properties[PROP_TIMEOUT_MS] = g_param_spec_int64 ("timeout-ms", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_STACK_LIMIT] = g_param_spec_uint ("stack-limit", NULL, NULL, 1, G_MAXUINT, 1, flags);
  properties[PROP_TRIGGER_TYPE] =
    g_param_spec_string ("trigger-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRIGGER_TITLE] = g_param_spec_string ("trigger-title", NULL, NULL, NULL, flags);
  properties[PROP_VERSION_ID] = g_param_spec_int64 ("version-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_VERSION] = g_param_spec_uint ("version", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sy_workflow_init (SyWorkflow *self)
{
  self->stack_limit = 1;
  self->delete_executions = g_array_new (FALSE, FALSE, sizeof (SyStatus));
  self->trigger_config = json_object_new ();
  self->nodes = sy_node_chain_new ();
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
}

SyWorkflow *
sy_workflow_new (const char *key,
                 const char *title,
                 const char *trigger_type)
{
  g_autofree char *generated = NULL;

  if (key == NULL)
    key = generated = sy_workflow_key_from_title (title);

  return g_object_new (SY_TYPE_WORKFLOW,
                       "key", key,
                       "title", title,
                       "trigger-type", trigger_type,
                       NULL);
}

/* Keys and titles ------------------------------------------------------- */

static gboolean
is_key_char (char c,
             gboolean allow_upper)
{
  return g_ascii_isdigit (c) || (c >= 'a' && c <= 'z') || (allow_upper && c >= 'A' && c <= 'Z')
         || c == '_' || c == '-';
}

gboolean
sy_workflow_key_is_valid (const char *key)
{
  gsize length;

  if (key == NULL)
    return FALSE;

  length = strlen (key);
  if (length < 1 || length > KEY_MAX_CHARS)
    return FALSE;
  if (!g_ascii_isdigit (key[0]) && !(key[0] >= 'a' && key[0] <= 'z'))
    return FALSE;

  for (gsize i = 1; i < length; i++)
    if (!is_key_char (key[i], FALSE))
      return FALSE;

  return TRUE;
}

gboolean
sy_node_key_is_valid (const char *key)
{
  gsize length;

  if (key == NULL)
    return FALSE;

  length = strlen (key);
  if (length < 1 || length > KEY_MAX_CHARS)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!is_key_char (key[i], TRUE))
      return FALSE;

  return TRUE;
}

char *
sy_workflow_key_from_title (const char *title)
{
  g_autofree char *ascii = NULL;
  GString *key;

  if (title == NULL)
    return g_strdup ("workflow");

  /* "Café" → "cafe" rather than "caf-". */
  ascii = g_str_to_ascii (title, NULL);
  key = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && key->len < KEY_MAX_CHARS; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (key, g_ascii_tolower (*p));
      else if (key->len > 0 && key->str[key->len - 1] != '-')
        g_string_append_c (key, '-');
    }

  while (key->len > 0 && key->str[key->len - 1] == '-')
    g_string_truncate (key, key->len - 1);

  if (key->len == 0)
    {
      g_string_free (key, TRUE);
      return g_strdup ("workflow");
    }

  return g_string_free (key, FALSE);
}

char *
sy_workflow_key_variant (const char *base,
                         guint       n)
{
  g_autofree char *suffix = g_strdup_printf ("-%u", n);
  int room = KEY_MAX_CHARS - (int) strlen (suffix);

  g_return_val_if_fail (base != NULL, NULL);

  return g_strdup_printf ("%.*s%s", room, base, suffix);
}

/* Node index -------------------------------------------------------------- */

static gboolean
index_node (SyNode   *node,
            gpointer  user_data)
{
  GHashTable *index = user_data;
  const char *key = sy_node_get_key (node);

  /* The first of duplicate keys wins; validation reports the others. */
  if (key != NULL && !g_hash_table_contains (index, key))
    g_hash_table_insert (index, (gpointer) key, node);

  return TRUE;
}

void
sy_workflow_reindex (SyWorkflow *self)
{
  g_return_if_fail (SY_IS_WORKFLOW (self));

  g_hash_table_remove_all (self->index);
  sy_node_chain_foreach (self->nodes, index_node, self->index);
}

SyNode *
sy_workflow_find_node (SyWorkflow *self,
                       const char *key)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  if (key == NULL)
    return NULL;

  return g_hash_table_lookup (self->index, key);
}

static gboolean
count_node (SyNode   *node,
            gpointer  user_data)
{
  guint *count = user_data;

  (*count)++;
  return TRUE;
}

guint
sy_workflow_count_nodes (SyWorkflow *self)
{
  guint count = 0;

  g_return_val_if_fail (SY_IS_WORKFLOW (self), 0);

  sy_node_chain_foreach (self->nodes, count_node, &count);
  return count;
}

static gboolean
find_key (SyNode   *node,
          gpointer  user_data)
{
  return g_strcmp0 (sy_node_get_key (node), user_data) != 0;
}

static gboolean
key_is_used (SyWorkflow *self,
             const char *key)
{
  /* Walk rather than trust the index, which may be stale after edits. */
  return !sy_node_chain_foreach (self->nodes, find_key, (gpointer) key);
}

char *
sy_workflow_generate_node_key (SyWorkflow *self,
                               const char *type)
{
  g_autoptr(GString) base = g_string_new (NULL);

  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  /* Node keys allow fewer characters than types might hold. */
  for (const char *p = type != NULL ? type : ""; *p != '\0' && base->len < KEY_MAX_CHARS - 8; p++)
    g_string_append_c (base, is_key_char (*p, TRUE) ? *p : '_');
  if (base->len == 0)
    g_string_append (base, "node");

  if (!key_is_used (self, base->str))
    return g_strdup (base->str);

  for (guint n = 2;; n++)
    {
      g_autofree char *key = g_strdup_printf ("%s_%u", base->str, n);

      if (!key_is_used (self, key))
        return g_steal_pointer (&key);
    }
}

/* Upstream nodes --------------------------------------------------------- */

/* Appends, in run order, the nodes that ran before `node` on its path:
 * earlier nodes of each enclosing chain and the branching ancestors. */
static void
collect_upstream (SyNode    *node,
                  GPtrArray *upstream)
{
  SyNode *parent = sy_node_get_parent (node);
  GPtrArray *chain = sy_node_get_chain (node);

  if (parent != NULL)
    {
      collect_upstream (parent, upstream);
      g_ptr_array_add (upstream, parent);
    }

  for (guint i = 0; chain != NULL && i < chain->len; i++)
    {
      SyNode *earlier = g_ptr_array_index (chain, i);

      if (earlier == node)
        break;
      g_ptr_array_add (upstream, earlier);
    }
}

GPtrArray *
sy_workflow_get_upstream_keys (SyWorkflow *self,
                               SyNode     *node)
{
  g_autoptr(GPtrArray) upstream = g_ptr_array_new ();
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SY_IS_WORKFLOW (self), keys);
  g_return_val_if_fail (SY_IS_NODE (node), keys);

  collect_upstream (node, upstream);
  for (guint i = 0; i < upstream->len; i++)
    g_ptr_array_add (keys, g_strdup (sy_node_get_key (g_ptr_array_index (upstream, i))));

  return keys;
}

static gboolean
is_ancestor (SyNode *ancestor,
             SyNode *node)
{
  for (SyNode *p = sy_node_get_parent (node); p != NULL; p = sy_node_get_parent (p))
    if (p == ancestor)
      return TRUE;

  return FALSE;
}

/* Validation of the model ------------------------------------------------ */

typedef struct
{
  SyWorkflow   *workflow;
  SyValidation *validation; /* problems a draft may have */
  SyValidation *structure;  /* problems that make the document unreadable */
  /* Loading already reported missing members; don't report them twice. */
  gboolean      loaded;
  gboolean      sync;
  GHashTable   *paths;  /* SyNode → its JSON path */
  GHashTable   *keys;   /* key → first SyNode with it */
} Check;

static void
record_paths (Check      *check,
              GPtrArray  *chain,
              const char *chain_path)
{
  for (guint i = 0; i < chain->len; i++)
    {
      SyNode *node = g_ptr_array_index (chain, i);
      char *path = g_strdup_printf ("%s[%u]", chain_path, i);

      g_hash_table_insert (check->paths, node, path);
      for (guint b = 0; b < sy_node_get_n_branches (node); b++)
        {
          const char *name = sy_node_get_branch_name (node, b);
          g_autofree char *branch_path = g_strdup_printf ("%s.branches.%s", path, name);

          record_paths (check, sy_node_get_branch (node, name), branch_path);
        }
    }
}

static const char *
node_path (Check  *check,
           SyNode *node)
{
  return g_hash_table_lookup (check->paths, node);
}

static gboolean
node_is_loop (SyNode *node)
{
  const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (node));

  /* A kind that gives its branches a scope is what $scopes reads. */
  return kind != NULL && kind->get_scope != NULL;
}

static void
check_references (Check      *check,
                  SyNode     *node,
                  JsonNode   *config)
{
  g_autoptr(GPtrArray) refs = sy_template_collect_node_refs (config, "config");
  g_autoptr(GPtrArray) upstream = g_ptr_array_new ();

  /* The upstream walk costs the chain's length: only for nodes with refs. */
  if (refs->len == 0)
    return;
  collect_upstream (node, upstream);

  for (guint i = 0; i < refs->len; i++)
    {
      SyTemplateRef *ref = g_ptr_array_index (refs, i);
      SyNode *target = g_hash_table_lookup (check->keys, ref->key);

      if (target == NULL)
        {
          sy_validation_add (check->validation, ref->json_path,
                             _("refers to unknown node “%s”"), ref->key);
        }
      else if (ref->kind == SY_TEMPLATE_REF_LOOP)
        {
          /* A loop's own condition is checked per item, inside its scope. */
          gboolean own_condition = target == node && g_str_has_prefix (ref->json_path, "config.condition");

          if (!node_is_loop (target) || (!own_condition && !is_ancestor (target, node)))
            sy_validation_add (check->validation, ref->json_path,
                               _("“$scopes.%s” must name a loop that encloses this node"), ref->key);
        }
      else if (target == node)
        {
          sy_validation_add (check->validation, ref->json_path,
                             _("refers to its own node “%s”, which has no result yet"), ref->key);
        }
      else if (!g_ptr_array_find (upstream, target, NULL))
        {
          g_autoptr(GPtrArray) target_upstream = g_ptr_array_new ();

          collect_upstream (target, target_upstream);
          if (g_ptr_array_find (target_upstream, node, NULL))
            sy_validation_add (check->validation, ref->json_path,
                               _("refers to node “%s”, which runs after this one"), ref->key);
          else
            sy_validation_add (check->validation, ref->json_path,
                               _("refers to node “%s”, which is not on this node's path"), ref->key);
        }
    }
}

/* sy_template_check() gives "path: message"; our path prefix is known, so
 * the separator is the first ": " after it. */
static void
add_template_problem (Check      *check,
                      const char *base_path,
                      const char *problem)
{
  const char *separator = strstr (problem + strlen (base_path), ": ");

  if (separator == NULL)
    {
      sy_validation_add (check->validation, base_path, "%s", problem);
      return;
    }

  {
    g_autofree char *path = g_strndup (problem, separator - problem);

    sy_validation_add (check->validation, path, "%s", separator + 2);
  }
}

static const SyFieldSpec *
find_field (const SyFieldSpec *fields,
            const char        *name)
{
  for (const SyFieldSpec *field = fields; field != NULL && field->name != NULL; field++)
    if (g_str_equal (field->name, name))
      return field;

  return NULL;
}

/* `prefix` is the path of `config` where the validation stands. */
static void
check_placeholders (Check             *check,
                    const SyFieldSpec *fields,
                    JsonObject        *config,
                    const char        *prefix)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) members = json_object_get_members (config);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const SyFieldSpec *field = find_field (fields, name);
      /* Code may hold "{{" of its own (Lua tables): only "{{$…" counts there. */
      SyTemplateScanFlags flags = field != NULL && field->kind == SY_FIELD_CODE
                                    ? SY_TEMPLATE_SCAN_CODE
                                    : SY_TEMPLATE_SCAN_STRICT;
      g_autofree char *base_path = g_strdup_printf ("%s.%s", prefix, name);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) in_name = sy_template_scan (name, SY_TEMPLATE_SCAN_STRICT, &error);

      if (in_name == NULL)
        sy_validation_add (check->validation, base_path, "%s", error->message);

      g_ptr_array_set_size (problems, 0);
      sy_template_check (json_object_get_member (config, name), base_path, flags, problems);
      for (guint i = 0; i < problems->len; i++)
        add_template_problem (check, base_path, g_ptr_array_index (problems, i));
    }
}

static void
check_branches (Check            *check,
                SyNode           *node,
                const SyNodeKind *kind)
{
  for (guint b = 0; b < sy_node_get_n_branches (node); b++)
    {
      const char *name = sy_node_get_branch_name (node, b);
      g_autofree char *suffix = g_strdup_printf ("branches.%s", name);

      if ((kind->flags & SY_NODE_KIND_BRANCHING) == 0)
        {
          sy_validation_add (check->structure, "branches",
                             _("“%s” nodes have no branches"), kind->type);
          return;
        }

      if (!sy_node_kind_allows_branch (kind, name))
        {
          g_autoptr(GString) expected = g_string_new (NULL);

          if ((kind->flags & SY_NODE_KIND_DYNAMIC) != 0)
            g_string_append (expected, "1, 2, …");
          for (guint i = 0; kind->branches != NULL && kind->branches[i] != NULL; i++)
            g_string_append_printf (expected, "%s%s", expected->len > 0 ? ", " : "", kind->branches[i]);

          sy_validation_add (check->structure, suffix,
                             _("unknown branch “%s” of a “%s” node (expected %s)"),
                             name, kind->type, expected->str);
        }
    }
}

static void check_chain (Check     *check,
                         GPtrArray *chain);

/* The trigger's configuration may hold placeholders too; it runs before
 * every node, so no node result or loop scope is visible to it. */
static void
check_trigger_variables (Check               *check,
                         const SyTriggerKind *kind)
{
  JsonObject *config = check->workflow->trigger_config;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GPtrArray) refs = NULL;

  check_placeholders (check, kind->fields, config, "trigger.config");

  json_node_set_object (node, config);
  refs = sy_template_collect_node_refs (node, "trigger.config");
  for (guint i = 0; i < refs->len; i++)
    {
      SyTemplateRef *ref = g_ptr_array_index (refs, i);

      if (ref->kind == SY_TEMPLATE_REF_LOOP)
        sy_validation_add (check->validation, ref->json_path,
                           _("“$scopes.%s” must name a loop that encloses this node"), ref->key);
      else if (g_hash_table_lookup (check->keys, ref->key) == NULL)
        sy_validation_add (check->validation, ref->json_path,
                           _("refers to unknown node “%s”"), ref->key);
      else
        sy_validation_add (check->validation, ref->json_path,
                           _("refers to node “%s”, which runs after the trigger"), ref->key);
    }
}

static void
check_node (Check  *check,
            SyNode *node)
{
  const char *key = sy_node_get_key (node);
  const char *type = sy_node_get_node_type (node);
  const SyNodeKind *kind;
  JsonNode *config;

  if (type == NULL && check->loaded)
    return; /* not an object or no type: already reported */

  /* Both collect under the node's path. */
  sy_validation_push (check->validation, "%s", node_path (check, node));
  if (check->structure != check->validation)
    sy_validation_push (check->structure, "%s", node_path (check, node));

  if (key == NULL)
    {
      sy_validation_add (check->structure, "key", _("required"));
    }
  else if (!sy_node_key_is_valid (key))
    {
      sy_validation_add (check->structure, "key",
                         _("“%s” is not a valid node key: use 1 to 64 letters, digits, “_” or “-”"),
                         key);
    }
  else
    {
      SyNode *first = g_hash_table_lookup (check->keys, key);

      if (first != node)
        sy_validation_add (check->structure, "key",
                           _("duplicate key “%s”, already used by %s"),
                           key, node_path (check, first));
    }

  kind = sy_node_kind_lookup (type);
  if (type == NULL)
    sy_validation_add (check->structure, "type", _("required"));
  else if (kind == NULL)
    sy_validation_add (check->structure, "type", _("unknown node type “%s”"), type);

  if (kind != NULL)
    {
      check_branches (check, node, kind);

      if ((kind->flags & SY_NODE_KIND_WAITS) != 0 && check->sync)
        sy_validation_add (check->validation, NULL,
                           _("%s nodes cannot run in a synchronous workflow"), kind->type);

      if (kind->sync_trigger != NULL &&
          (!check->sync || g_strcmp0 (check->workflow->trigger_type, kind->sync_trigger) != 0))
        sy_validation_add (check->validation, NULL,
                           _("%s nodes run only in synchronous workflows with a %s trigger"),
                           kind->type, kind->sync_trigger);

      if ((kind->flags & SY_NODE_KIND_ENDS_CHAIN) != 0 && sy_node_get_next (node) != NULL)
        sy_validation_add (check->validation, NULL,
                           _("must be the last node of its chain: nothing runs after “%s” nodes"),
                           kind->type);
    }

  config = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (config, sy_node_get_config (node));
  check_placeholders (check, kind != NULL ? kind->fields : NULL, sy_node_get_config (node), "config");
  check_references (check, node, config);
  json_node_unref (config);

  if (kind != NULL && kind->validate != NULL)
    kind->validate (node, check->validation);

  sy_validation_pop (check->validation);
  if (check->structure != check->validation)
    sy_validation_pop (check->structure);

  for (guint b = 0; b < sy_node_get_n_branches (node); b++)
    check_chain (check, sy_node_get_branch (node, sy_node_get_branch_name (node, b)));
}

static void
check_chain (Check     *check,
             GPtrArray *chain)
{
  for (guint i = 0; i < chain->len; i++)
    check_node (check, g_ptr_array_index (chain, i));
}

static gboolean
record_key (SyNode   *node,
            gpointer  user_data)
{
  return index_node (node, user_data);
}

/* `structure` may be `validation`: then every problem goes to one list. */
static void
validate_model (SyWorkflow   *self,
                SyValidation *structure,
                SyValidation *validation,
                gboolean      loaded)
{
  const SyTriggerKind *trigger_kind = sy_trigger_kind_lookup (self->trigger_type);
  Check check = { self, validation, structure, loaded, sy_workflow_get_sync (self), NULL, NULL };

  if (self->key == NULL && !loaded)
    sy_validation_add (structure, "key", _("required"));
  else if (self->key != NULL && !sy_workflow_key_is_valid (self->key))
    sy_validation_add (structure, "key",
                       _("“%s” is not a valid workflow key: use 1 to 64 lowercase letters, digits, "
                         "“_” or “-”, starting with a letter or digit"),
                       self->key);

  if (self->title == NULL)
    {
      if (!loaded)
        sy_validation_add (structure, "title", _("required"));
    }
  else if (*self->title == '\0')
    sy_validation_add (validation, "title", _("must not be empty"));
  else if (g_utf8_strlen (self->title, -1) > TITLE_MAX_CHARS)
    sy_validation_add (validation, "title", _("must be at most %d characters long (it has %ld)"),
                       TITLE_MAX_CHARS, g_utf8_strlen (self->title, -1));

  if (self->trigger_type == NULL)
    {
      if (!loaded)
        sy_validation_add (structure, "trigger.type", _("required"));
    }
  else if (trigger_kind == NULL)
    sy_validation_add (structure, "trigger.type", _("unknown trigger type “%s”"), self->trigger_type);
  else if (trigger_kind->validate != NULL)
    {
      sy_validation_push (validation, "trigger.config");
      trigger_kind->validate (self, validation);
      sy_validation_pop (validation);
    }

  check.paths = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  check.keys = g_hash_table_new (g_str_hash, g_str_equal);
  record_paths (&check, self->nodes, "nodes");
  sy_node_chain_foreach (self->nodes, record_key, check.keys);

  if (trigger_kind != NULL)
    check_trigger_variables (&check, trigger_kind);
  check_chain (&check, self->nodes);

  g_hash_table_unref (check.paths);
  g_hash_table_unref (check.keys);
}

GPtrArray *
sy_workflow_validate (SyWorkflow *self)
{
  g_autoptr(SyValidation) validation = sy_validation_new ();

  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  validate_model (self, validation, validation, FALSE);

  return g_ptr_array_ref (sy_validation_get_problems (validation));
}

GPtrArray *
sy_workflow_validate_structure (SyWorkflow *self)
{
  g_autoptr(SyValidation) structure = sy_validation_new ();
  g_autoptr(SyValidation) settings = sy_validation_new ();

  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  validate_model (self, structure, settings, FALSE);

  return g_ptr_array_ref (sy_validation_get_problems (structure));
}

/* Problem paths ----------------------------------------------------------- */

/* Reads "[N]" at *cursor; moves past it. */
static gboolean
read_index (const char **cursor,
            guint       *index)
{
  char *end = NULL;
  guint64 value;

  if (**cursor != '[' || !g_ascii_isdigit ((*cursor)[1]))
    return FALSE;

  value = g_ascii_strtoull (*cursor + 1, &end, 10);
  if (end == NULL || *end != ']' || value > G_MAXUINT)
    return FALSE;

  *index = (guint) value;
  *cursor = end + 1;
  return TRUE;
}

SyNode *
sy_workflow_find_node_by_path (SyWorkflow  *self,
                               const char  *path,
                               const char **rest)
{
  GPtrArray *chain;
  SyNode *node = NULL;
  const char *cursor;
  guint index;

  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_str_has_prefix (path, "nodes["))
    return NULL;

  chain = self->nodes;
  cursor = path + strlen ("nodes");
  for (;;)
    {
      const char *name;
      const char *bracket;
      g_autofree char *branch = NULL;

      if (!read_index (&cursor, &index) || index >= chain->len)
        return NULL;

      node = g_ptr_array_index (chain, index);
      if (!g_str_has_prefix (cursor, ".branches."))
        break;

      /* ".branches.<name>[N]…" goes deeper; a branch name never holds "[". */
      name = cursor + strlen (".branches.");
      bracket = strchr (name, '[');
      if (bracket == NULL)
        break;
      branch = g_strndup (name, bracket - name);
      chain = sy_node_get_branch (node, branch);
      if (chain == NULL)
        return NULL;
      cursor = bracket;
    }

  if (rest != NULL)
    *rest = *cursor == '.' ? cursor + 1 : cursor;

  return node;
}

/* Loading ------------------------------------------------------------------ */

/* Reads an optional member of the expected JSON type; reports a wrong type
 * at `name`. Returns the member when present with the right type. NULL
 * counts as absent for optional members. */
static JsonNode *
get_member (JsonObject   *object,
            const char   *name,
            GType         value_type,
            JsonNodeType  node_type,
            SyValidation *validation,
            const char   *type_message)
{
  JsonNode *member = json_object_get_member (object, name);

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return NULL;

  if (json_node_get_node_type (member) != node_type
      || (node_type == JSON_NODE_VALUE && json_node_get_value_type (member) != value_type))
    {
      sy_validation_add (validation, name, "%s", type_message);
      return NULL;
    }

  return member;
}

static const char *
get_string_member (JsonObject   *object,
                   const char   *name,
                   SyValidation *validation)
{
  JsonNode *member = get_member (object, name, G_TYPE_STRING, JSON_NODE_VALUE,
                                 validation, _("must be a string"));

  return member != NULL ? json_node_get_string (member) : NULL;
}

static JsonObject *
get_object_member (JsonObject   *object,
                   const char   *name,
                   SyValidation *validation)
{
  JsonNode *member = get_member (object, name, G_TYPE_INVALID, JSON_NODE_OBJECT,
                                 validation, _("must be an object"));

  return member != NULL ? json_node_get_object (member) : NULL;
}

static JsonArray *
get_array_member (JsonObject   *object,
                  const char   *name,
                  SyValidation *validation)
{
  JsonNode *member = get_member (object, name, G_TYPE_INVALID, JSON_NODE_ARRAY,
                                 validation, _("must be an array"));

  return member != NULL ? json_node_get_array (member) : NULL;
}

static void
load_boolean (JsonObject   *object,
              const char   *name,
              gboolean     *value,
              SyValidation *validation)
{
  JsonNode *member = get_member (object, name, G_TYPE_BOOLEAN, JSON_NODE_VALUE,
                                 validation, _("must be true or false"));

  if (member != NULL)
    *value = json_node_get_boolean (member);
}

/* An integer member no smaller than `minimum`; FALSE when absent or wrong. */
static gboolean
load_integer (JsonObject   *object,
              const char   *name,
              gint64        minimum,
              gint64       *value,
              SyValidation *validation)
{
  g_autofree char *least = g_strdup_printf ("%" G_GINT64_FORMAT, minimum);
  g_autofree char *message = g_strdup_printf (_("must be a whole number, %s or more"), least);
  JsonNode *member = get_member (object, name, G_TYPE_INT64, JSON_NODE_VALUE, validation, message);

  if (member == NULL)
    return FALSE;

  if (json_node_get_int (member) < minimum)
    {
      sy_validation_add (validation, name, "%s", message);
      return FALSE;
    }

  *value = json_node_get_int (member);
  return TRUE;
}

static void
load_options (SyWorkflow   *self,
              JsonObject   *root,
              SyValidation *validation)
{
  JsonObject *options = get_object_member (root, "options", validation);
  JsonArray *statuses;
  gint64 value;

  if (options == NULL)
    return;

  sy_validation_push (validation, "options");

  if (load_integer (options, "timeout", 0, &value, validation))
    self->timeout_ms = value;
  if (load_integer (options, "stack_limit", 1, &value, validation))
    self->stack_limit = MIN (value, G_MAXUINT);

  statuses = get_array_member (options, "delete_executions", validation);
  for (guint i = 0; statuses != NULL && i < json_array_get_length (statuses); i++)
    {
      JsonNode *element = json_array_get_element (statuses, i);
      g_autofree char *suffix = g_strdup_printf ("delete_executions[%u]", i);
      const char *name;
      SyStatus status;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          sy_validation_add (validation, suffix, _("must be a status name"));
          continue;
        }

      name = json_node_get_string (element);
      if (!sy_status_from_string (name, &status) || g_str_equal (name, "pending"))
        sy_validation_add (validation, suffix, _("unknown status “%s”"), name);
      else if (!sy_status_is_final (status))
        sy_validation_add (validation, suffix,
                           _("“%s” is not a final status: executions never end with it"), name);
      else
        g_array_append_val (self->delete_executions, status);
    }

  sy_validation_pop (validation);
}

static void
load_trigger (SyWorkflow   *self,
              JsonObject   *root,
              SyValidation *validation)
{
  JsonObject *trigger;
  JsonObject *config;

  if (!json_object_has_member (root, "trigger"))
    {
      sy_validation_add (validation, "trigger", _("required"));
      return;
    }

  trigger = get_object_member (root, "trigger", validation);
  if (trigger == NULL)
    {
      if (JSON_NODE_HOLDS_NULL (json_object_get_member (root, "trigger")))
        sy_validation_add (validation, "trigger", _("required"));
      return;
    }

  sy_validation_push (validation, "trigger");

  if (json_object_get_member (trigger, "type") == NULL
      || JSON_NODE_HOLDS_NULL (json_object_get_member (trigger, "type")))
    sy_validation_add (validation, "type", _("required"));
  else
    self->trigger_type = g_strdup (get_string_member (trigger, "type", validation));

  self->trigger_title = g_strdup (get_string_member (trigger, "title", validation));

  config = get_object_member (trigger, "config", validation);
  if (config != NULL)
    {
      json_object_unref (self->trigger_config);
      self->trigger_config = sy_json_object_deep_copy (config);
    }

  sy_validation_pop (validation);
}

static void load_chain (JsonArray    *array,
                        GPtrArray    *chain,
                        SyNode       *parent,
                        const char   *branch,
                        SyValidation *validation);

/* Always returns a node, so that the model's indexes match the document's
 * and later problems get the right paths; a node that is not even an
 * object has no type and is skipped by the model checks. */
static SyNode *
load_node (JsonNode     *element,
           SyValidation *validation)
{
  JsonObject *object;
  JsonObject *config;
  JsonObject *branches;
  const char *type = NULL;
  SyNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    {
      sy_validation_add (validation, NULL, _("must be an object"));
      return sy_node_new (NULL, NULL);
    }

  object = json_node_get_object (element);
  if (json_object_get_member (object, "type") == NULL
      || JSON_NODE_HOLDS_NULL (json_object_get_member (object, "type")))
    sy_validation_add (validation, "type", _("required"));
  else
    type = get_string_member (object, "type", validation);

  node = sy_node_new (get_string_member (object, "key", validation), type);
  sy_node_set_title (node, get_string_member (object, "title", validation));

  config = get_object_member (object, "config", validation);
  if (config != NULL)
    {
      g_autoptr(JsonObject) copy = sy_json_object_deep_copy (config);

      sy_node_set_config (node, copy);
    }

  branches = get_object_member (object, "branches", validation);
  if (branches != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (branches);

      sy_validation_push (validation, "branches");
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonArray *array = get_array_member (branches, l->data, validation);

          if (array == NULL)
            continue;
          sy_validation_push (validation, "%s", (const char *) l->data);
          load_chain (array, sy_node_ensure_branch (node, l->data), node, l->data, validation);
          sy_validation_pop (validation);
        }
      sy_validation_pop (validation);
    }

  return node;
}

static void
load_chain (JsonArray    *array,
            GPtrArray    *chain,
            SyNode       *parent,
            const char   *branch,
            SyValidation *validation)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(SyNode) node = NULL;

      sy_validation_push (validation, "[%u]", i);
      node = load_node (json_array_get_element (array, i), validation);
      sy_node_chain_insert (chain, parent, branch, chain->len, node);
      sy_validation_pop (validation);
    }
}

typedef struct
{
  SyWorkflow *workflow;
  GPtrArray  *keyless;
} KeylessData;

static gboolean
collect_keyless (SyNode   *node,
                 gpointer  user_data)
{
  KeylessData *data = user_data;

  if (sy_node_get_key (node) == NULL)
    g_ptr_array_add (data->keyless, node);

  return TRUE;
}

/* Keys are generated only once every key of the document is known, so a
 * generated key never takes one that a later node names explicitly. */
static void
generate_missing_keys (SyWorkflow *self)
{
  g_autoptr(GPtrArray) keyless = g_ptr_array_new ();
  KeylessData data = { self, keyless };

  sy_node_chain_foreach (self->nodes, collect_keyless, &data);
  for (guint i = 0; i < keyless->len; i++)
    {
      SyNode *node = g_ptr_array_index (keyless, i);
      g_autofree char *key = sy_workflow_generate_node_key (self, sy_node_get_node_type (node));

      sy_node_set_key (node, key);
    }
}

/* Shape problems go to `structure`, the model's other rules to `validation`. */
static void
load_document (SyWorkflow   *self,
               JsonNode     *document,
               SyValidation *structure,
               SyValidation *validation)
{
  JsonObject *root;
  JsonNode *format;
  JsonArray *nodes;

  if (document == NULL || !JSON_NODE_HOLDS_OBJECT (document))
    {
      sy_validation_add (structure, NULL, _("a workflow document must be a JSON object"));
      return;
    }

  root = json_node_get_object (document);

  /* Anything else may follow other rules: stop here rather than guess. */
  format = json_object_get_member (root, "format");
  if (format == NULL)
    {
      sy_validation_add (structure, "format",
                         _("missing: this is not a Switchyard workflow (expected “%s”)"),
                         SY_WORKFLOW_FORMAT);
      return;
    }
  if (!JSON_NODE_HOLDS_VALUE (format) || json_node_get_value_type (format) != G_TYPE_STRING)
    {
      sy_validation_add (structure, "format", _("must be the string “%s”"), SY_WORKFLOW_FORMAT);
      return;
    }
  if (!g_str_equal (json_node_get_string (format), SY_WORKFLOW_FORMAT))
    {
      sy_validation_add (structure, "format",
                         _("unsupported format “%s”: this version of Switchyard reads “%s”"),
                         json_node_get_string (format), SY_WORKFLOW_FORMAT);
      return;
    }

  self->key = g_strdup (get_string_member (root, "key", structure));

  if (json_object_get_member (root, "title") == NULL
      || JSON_NODE_HOLDS_NULL (json_object_get_member (root, "title")))
    sy_validation_add (structure, "title", _("required"));
  else
    self->title = g_strdup (get_string_member (root, "title", structure));

  if (self->key == NULL)
    {
      self->key = sy_workflow_key_from_title (self->title);
      self->key_generated = TRUE;
    }

  self->description = g_strdup (get_string_member (root, "description", structure));
  load_boolean (root, "enabled", &self->enabled, structure);
  load_boolean (root, "sync", &self->sync, structure);
  load_options (self, root, structure);
  load_trigger (self, root, structure);

  nodes = get_array_member (root, "nodes", structure);
  if (nodes != NULL)
    {
      sy_validation_push (structure, "nodes");
      load_chain (nodes, self->nodes, NULL, NULL, structure);
      sy_validation_pop (structure);
    }

  generate_missing_keys (self);
  sy_workflow_reindex (self);

  validate_model (self, structure, validation, TRUE);
}

static gboolean
take_problems (SyValidation  *validation,
               GPtrArray    **problems,
               GError       **error)
{
  if (sy_validation_is_valid (validation))
    return TRUE;

  if (problems != NULL)
    *problems = g_ptr_array_ref (sy_validation_get_problems (validation));
  g_propagate_error (error, sy_validation_to_error (validation));

  return FALSE;
}

static SyWorkflow *
load_json (JsonNode   *document,
           gboolean    draft,
           GPtrArray **problems,
           GError    **error)
{
  g_autoptr(SyWorkflow) self = g_object_new (SY_TYPE_WORKFLOW, NULL);
  g_autoptr(SyValidation) structure = sy_validation_new ();
  g_autoptr(SyValidation) settings = draft ? sy_validation_new () : NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = NULL;

  load_document (self, document, structure, draft ? settings : structure);
  if (!take_problems (structure, problems, error))
    return NULL;

  /* A draft keeps what is left to fix; it stays queryable with sy_workflow_validate(). */
  if (draft && problems != NULL && !sy_validation_is_valid (settings))
    *problems = g_ptr_array_ref (sy_validation_get_problems (settings));

  return g_steal_pointer (&self);
}

SyWorkflow *
sy_workflow_new_from_json (JsonNode   *document,
                           GPtrArray **problems,
                           GError    **error)
{
  return load_json (document, FALSE, problems, error);
}

SyWorkflow *
sy_workflow_new_draft_from_json (JsonNode   *document,
                                 GPtrArray **problems,
                                 GError    **error)
{
  return load_json (document, TRUE, problems, error);
}

/* json-glib says "<data>:3:14: Parse error: unexpected character"; people
 * want "invalid JSON at line 3 column 14: unexpected character". */
static void
set_parse_error (GError     **error,
                 const GError *parser_error)
{
  const char *message = parser_error->message;
  const char *detail;
  guint line = 0;
  guint column = 0;

  if (g_str_has_prefix (message, "<data>:")
      && sscanf (message + strlen ("<data>:"), "%u:%u:", &line, &column) == 2
      && (detail = strstr (message, ": Parse error: ")) != NULL)
    g_set_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_PARSE,
                 _("invalid JSON at line %u column %u: %s"),
                 line, column, detail + strlen (": Parse error: "));
  else
    g_set_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_PARSE,
                 _("invalid JSON: %s"), message);
}

/* Line and column (from 1, in characters) of `at` in `data`, whose bytes
 * before `at` are valid UTF-8. */
static void
text_position (const char *data,
               const char *at,
               guint      *line,
               guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = (guint) g_utf8_strlen (line_start, at - line_start) + 1;
}

/* json-glib's "JSON data must be UTF-8 encoded" says neither where nor
 * what the file is instead: a workflow file is UTF-8 text. */
static gboolean
check_text (const char *data,
            gsize       length,
            GError    **error)
{
  const guchar *bytes = (const guchar *) data;
  const char *end;
  guint line;
  guint column;

  if (length >= 2 && ((bytes[0] == 0xff && bytes[1] == 0xfe) || (bytes[0] == 0xfe && bytes[1] == 0xff)))
    {
      g_set_error_literal (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_PARSE,
                           _("the file is UTF-16 text, but a workflow file is UTF-8: save it as UTF-8"));
      return FALSE;
    }

  /* Text never holds a NUL byte; what does (an image, an archive) is not a workflow. */
  if (memchr (data, '\0', MIN (length, 8000)) != NULL)
    {
      g_set_error_literal (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_PARSE,
                           _("the file is binary data, not a workflow file (which is JSON text)"));
      return FALSE;
    }

  if (g_utf8_validate (data, length, &end))
    return TRUE;

  text_position (data, end, &line, &column);
  if (*end == '\0')
    g_set_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_PARSE,
                 _("not text: a NUL byte at line %u column %u"), line, column);
  else
    g_set_error (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_PARSE,
                 _("not UTF-8 text at line %u column %u: save the file as UTF-8"), line, column);
  return FALSE;
}

static SyWorkflow *
load_data (const char *data,
           gssize      length,
           gboolean    draft,
           GPtrArray **problems,
           GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parser_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = NULL;

  if (!check_text (data, length >= 0 ? (gsize) length : strlen (data), error))
    return NULL;

  if (!json_parser_load_from_data (parser, data, length, &parser_error))
    {
      set_parse_error (error, parser_error);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_PARSE,
                           _("invalid JSON: the document is empty"));
      return NULL;
    }

  return load_json (json_parser_get_root (parser), draft, problems, error);
}

SyWorkflow *
sy_workflow_new_from_data (const char *data,
                           gssize      length,
                           GPtrArray **problems,
                           GError    **error)
{
  return load_data (data, length, FALSE, problems, error);
}

SyWorkflow *
sy_workflow_new_draft_from_data (const char *data,
                                 gssize      length,
                                 GPtrArray **problems,
                                 GError    **error)
{
  return load_data (data, length, TRUE, problems, error);
}

/* Reads `name`'s failure in words of its own: GIO's messages repeat the
 * path ("Error opening file /a/b.json: …") after ours. */
static void
set_read_error (GError      **error,
                GFile        *file,
                const char   *name,
                const GError *io_error)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autoptr(GFileInfo) link = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SYMLINK_TARGET,
                                                     G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

      if (link != NULL && g_file_info_get_symlink_target (link) != NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("“%s” is a link to “%s”, which does not exist"),
                     name, g_file_info_get_symlink_target (link));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("there is no file “%s”"), name);
    }
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                 _("“%s” cannot be read: permission denied"), name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                 _("“%s” is a folder, not a workflow file"), name);
  else
    g_set_error (error, io_error->domain, io_error->code,
                 _("could not read “%s”: %s"), name, io_error->message);
}

/* Only a regular file of a workflow's size is read: a folder or a link to
 * one, a pipe or a device (which would never end) are refused first, and
 * so is a file too large to be a workflow (a disk image picked by mistake
 * would only fill memory). */
static gboolean
check_file (GFile       *file,
            const char  *name,
            GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  goffset size;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      set_read_error (error, file, name, local_error);
      return FALSE;
    }

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      break;

    case G_FILE_TYPE_DIRECTORY:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not a workflow file"), name);
      return FALSE;

    case G_FILE_TYPE_SYMBOLIC_LINK:
      /* Still a link after following links: it leads nowhere. */
      g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "");
      set_read_error (error, file, name, local_error);
      return FALSE;

    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file (a device, a pipe or a socket?), not a workflow file"), name);
      return FALSE;
    }

  size = g_file_info_get_size (info);
  if (size > SY_WORKFLOW_FILE_MAX)
    {
      g_autofree char *have = g_format_size (size);
      g_autofree char *most = g_format_size (SY_WORKFLOW_FILE_MAX);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("“%s” is too large for a workflow file (%s; at most %s)"), name, have, most);
      return FALSE;
    }

  return TRUE;
}

SyWorkflow *
sy_workflow_new_from_file (GFile      *file,
                           GPtrArray **problems,
                           GError    **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  SyWorkflow *self;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = NULL;

  name = g_file_get_parse_name (file);
  if (!check_file (file, name, error))
    return NULL;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      set_read_error (error, file, name, local_error);
      return NULL;
    }

  self = sy_workflow_new_from_data (contents, length, problems, &local_error);
  if (self == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", name, local_error->message);
      return NULL;
    }

  return self;
}

/* Saving ------------------------------------------------------------------- */

JsonNode *
sy_workflow_to_json (SyWorkflow *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonNode *config;

  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, SY_WORKFLOW_FORMAT);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, self->key);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);
  if (self->description != NULL)
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, self->description);
    }
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, self->enabled);
  /* The document's own choice; a trigger's forced mode is applied on reading. */
  json_builder_set_member_name (builder, "sync");
  json_builder_add_boolean_value (builder, self->sync);

  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "timeout");
  json_builder_add_int_value (builder, self->timeout_ms);
  json_builder_set_member_name (builder, "stack_limit");
  json_builder_add_int_value (builder, self->stack_limit);
  json_builder_set_member_name (builder, "delete_executions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->delete_executions->len; i++)
    json_builder_add_string_value (builder,
                                   sy_status_to_string (g_array_index (self->delete_executions, SyStatus, i),
                                                        FALSE));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "trigger");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, self->trigger_type);
  if (self->trigger_title != NULL)
    {
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, self->trigger_title);
    }
  json_builder_set_member_name (builder, "config");
  config = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (config, sy_json_object_deep_copy (self->trigger_config));
  json_builder_add_value (builder, config);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->nodes->len; i++)
    json_builder_add_value (builder, sy_node_to_json (g_ptr_array_index (self->nodes, i)));
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
sy_workflow_to_data (SyWorkflow *self,
                     gboolean    pretty)
{
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  document = sy_workflow_to_json (self);
  json_generator_set_root (generator, document);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);

  return json_generator_to_data (generator, NULL);
}

SyWorkflow *
sy_workflow_copy (SyWorkflow *self)
{
  SyWorkflow *copy;

  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  copy = g_object_new (SY_TYPE_WORKFLOW, "trigger-type", self->trigger_type, NULL);
  copy->key = g_strdup (self->key);
  copy->key_generated = self->key_generated;
  copy->title = g_strdup (self->title);
  copy->description = g_strdup (self->description);
  copy->enabled = self->enabled;
  copy->sync = self->sync;
  copy->timeout_ms = self->timeout_ms;
  copy->stack_limit = self->stack_limit;
  g_array_append_vals (copy->delete_executions, self->delete_executions->data,
                       self->delete_executions->len);
  copy->trigger_title = g_strdup (self->trigger_title);
  json_object_unref (copy->trigger_config);
  copy->trigger_config = sy_json_object_deep_copy (self->trigger_config);
  copy->version_id = self->version_id;
  copy->version = self->version;

  for (guint i = 0; i < self->nodes->len; i++)
    {
      g_autoptr(SyNode) node = sy_node_copy (g_ptr_array_index (self->nodes, i));

      sy_node_chain_insert (copy->nodes, NULL, NULL, copy->nodes->len, node);
    }
  sy_workflow_reindex (copy);

  return copy;
}

/* Accessors ----------------------------------------------------------------- */

const char *
sy_workflow_get_key (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  return self->key;
}

void
sy_workflow_set_key (SyWorkflow *self,
                     const char *key)
{
  g_return_if_fail (SY_IS_WORKFLOW (self));

  self->key_generated = FALSE;
  if (replace_str (&self->key, key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

gboolean
sy_workflow_get_key_generated (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), FALSE);

  return self->key_generated;
}

const char *
sy_workflow_get_title (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  return self->title;
}

void
sy_workflow_set_title (SyWorkflow *self,
                       const char *title)
{
  g_return_if_fail (SY_IS_WORKFLOW (self));

  if (replace_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
sy_workflow_get_description (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  return self->description;
}

void
sy_workflow_set_description (SyWorkflow *self,
                             const char *description)
{
  g_return_if_fail (SY_IS_WORKFLOW (self));

  if (replace_str (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gboolean
sy_workflow_get_enabled (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), FALSE);

  return self->enabled;
}

void
sy_workflow_set_enabled (SyWorkflow *self,
                         gboolean    enabled)
{
  g_return_if_fail (SY_IS_WORKFLOW (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

gboolean
sy_workflow_get_sync (SyWorkflow *self)
{
  const SyTriggerKind *kind;

  g_return_val_if_fail (SY_IS_WORKFLOW (self), FALSE);

  kind = sy_trigger_kind_lookup (self->trigger_type);
  if (kind != NULL && kind->mode == SY_TRIGGER_MODE_SYNC)
    return TRUE;
  if (kind != NULL && kind->mode == SY_TRIGGER_MODE_ASYNC)
    return FALSE;

  return self->sync;
}

void
sy_workflow_set_sync (SyWorkflow *self,
                      gboolean    sync)
{
  g_return_if_fail (SY_IS_WORKFLOW (self));

  sync = !!sync;
  if (self->sync == sync)
    return;

  self->sync = sync;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

gint64
sy_workflow_get_timeout_ms (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), 0);

  return self->timeout_ms;
}

void
sy_workflow_set_timeout_ms (SyWorkflow *self,
                            gint64      timeout_ms)
{
  g_return_if_fail (SY_IS_WORKFLOW (self));
  g_return_if_fail (timeout_ms >= 0);

  if (self->timeout_ms == timeout_ms)
    return;

  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT_MS]);
}

guint
sy_workflow_get_stack_limit (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), 1);

  return self->stack_limit;
}

void
sy_workflow_set_stack_limit (SyWorkflow *self,
                             guint       stack_limit)
{
  g_return_if_fail (SY_IS_WORKFLOW (self));
  g_return_if_fail (stack_limit >= 1);

  if (self->stack_limit == stack_limit)
    return;

  self->stack_limit = stack_limit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACK_LIMIT]);
}

gboolean
sy_workflow_deletes_executions_on (SyWorkflow *self,
                                   SyStatus    status)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), FALSE);

  for (guint i = 0; i < self->delete_executions->len; i++)
    if (g_array_index (self->delete_executions, SyStatus, i) == status)
      return TRUE;

  return FALSE;
}

GArray *
sy_workflow_get_delete_executions (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  return self->delete_executions;
}

void
sy_workflow_set_delete_executions (SyWorkflow     *self,
                                   const SyStatus *statuses,
                                   guint           n_statuses)
{
  g_return_if_fail (SY_IS_WORKFLOW (self));
  g_return_if_fail (statuses != NULL || n_statuses == 0);

  g_array_set_size (self->delete_executions, 0);
  for (guint i = 0; i < n_statuses; i++)
    if (sy_status_is_final (statuses[i]) && !sy_workflow_deletes_executions_on (self, statuses[i]))
      g_array_append_val (self->delete_executions, statuses[i]);
}

const char *
sy_workflow_get_trigger_type (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  return self->trigger_type;
}

const char *
sy_workflow_get_trigger_title (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  return self->trigger_title;
}

void
sy_workflow_set_trigger_title (SyWorkflow *self,
                               const char *title)
{
  g_return_if_fail (SY_IS_WORKFLOW (self));

  if (replace_str (&self->trigger_title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIGGER_TITLE]);
}

JsonObject *
sy_workflow_get_trigger_config (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  return self->trigger_config;
}

void
sy_workflow_set_trigger_config (SyWorkflow *self,
                                JsonObject *config)
{
  g_return_if_fail (SY_IS_WORKFLOW (self));

  g_clear_pointer (&self->trigger_config, json_object_unref);
  self->trigger_config = config != NULL ? json_object_ref (config) : json_object_new ();
}

GPtrArray *
sy_workflow_get_nodes (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  return self->nodes;
}

SyNode *
sy_workflow_get_head (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), NULL);

  return self->nodes->len > 0 ? g_ptr_array_index (self->nodes, 0) : NULL;
}

gint64
sy_workflow_get_version_id (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), 0);

  return self->version_id;
}

void
sy_workflow_set_version_id (SyWorkflow *self,
                            gint64      version_id)
{
  g_return_if_fail (SY_IS_WORKFLOW (self));

  if (self->version_id == version_id)
    return;

  self->version_id = version_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION_ID]);
}

guint
sy_workflow_get_version (SyWorkflow *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (self), 0);

  return self->version;
}

void
sy_workflow_set_version (SyWorkflow *self,
                         guint       version)
{
  g_return_if_fail (SY_IS_WORKFLOW (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}
