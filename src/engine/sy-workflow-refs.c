/* sy-workflow-refs.c — where configurations name other nodes by key */
#include "config.h"

#include <string.h>

#include "sy-json.h"
#include "sy-node-kind.h"
#include "sy-workflow-refs.h"

/* The roots whose next segment is a node key ("ctx.$scopes.…" contains
 * "$scopes." too). */
static const char * const prefixes[] = { "$jobsMapByNodeKey.", "$scopes.", NULL };

static gboolean
is_key_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

char *
sy_workflow_refs_rename_in_text (const char *text,
                                 GHashTable *renames)
{
  g_autoptr(GString) out = NULL;
  const char *p = text, *done = text;

  g_return_val_if_fail (renames != NULL, NULL);

  if (text == NULL)
    return NULL;

  for (;;)
    {
      const char *found = NULL, *prefix = NULL, *key_start, *key_end;
      g_autofree char *key = NULL;
      const char *renamed;

      for (guint i = 0; prefixes[i] != NULL; i++)
        {
          const char *hit = strstr (p, prefixes[i]);

          if (hit != NULL && (found == NULL || hit < found))
            found = hit, prefix = prefixes[i];
        }
      if (found == NULL)
        break;

      /* "{{ $scopes. loop.item }}" reads "loop" too. */
      key_start = found + strlen (prefix);
      while (*key_start == ' ')
        key_start++;
      for (key_end = key_start; is_key_char (*key_end); key_end++)
        ;
      key = g_strndup (key_start, key_end - key_start);
      renamed = g_hash_table_lookup (renames, key);
      if (renamed != NULL)
        {
          if (out == NULL)
            out = g_string_new (NULL);
          g_string_append_len (out, done, key_start - done);
          g_string_append (out, renamed);
          done = key_end;
        }
      p = key_end;
    }

  if (out == NULL)
    return NULL;
  g_string_append (out, done);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Renames references in every string under `json`; TRUE when any changed. */
static gboolean
rename_in_place (JsonNode   *json,
                 GHashTable *renames)
{
  gboolean changed = FALSE;

  if (JSON_NODE_HOLDS_OBJECT (json))
    {
      JsonObject *object = json_node_get_object (json);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        changed |= rename_in_place (json_object_get_member (object, l->data), renames);
    }
  else if (JSON_NODE_HOLDS_ARRAY (json))
    {
      JsonArray *array = json_node_get_array (json);

      for (guint i = 0; i < json_array_get_length (array); i++)
        changed |= rename_in_place (json_array_get_element (array, i), renames);
    }
  else if (JSON_NODE_HOLDS_VALUE (json) && json_node_get_value_type (json) == G_TYPE_STRING)
    {
      g_autofree char *text = sy_workflow_refs_rename_in_text (json_node_get_string (json), renames);

      if (text != NULL)
        {
          json_node_set_string (json, text);
          changed = TRUE;
        }
    }

  return changed;
}

static gboolean
holds_node_key (SyNode     *node,
                const char *member)
{
  const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (node));

  for (const SyFieldSpec *field = kind != NULL ? kind->fields : NULL; field != NULL && field->name != NULL; field++)
    if (g_str_equal (field->name, member))
      return field->kind == SY_FIELD_NODE;

  return FALSE;
}

JsonNode *
sy_workflow_refs_rename_in_member (SyNode     *node,
                                   const char *member,
                                   GHashTable *renames)
{
  JsonNode *value;
  g_autoptr(JsonNode) copy = NULL;
  gboolean changed;

  g_return_val_if_fail (SY_IS_NODE (node), NULL);
  g_return_val_if_fail (member != NULL, NULL);
  g_return_val_if_fail (renames != NULL, NULL);

  value = sy_node_get_config_member (node, member);
  if (value == NULL)
    return NULL;

  copy = sy_json_node_deep_copy (value);
  changed = rename_in_place (copy, renames);

  /* A field that holds a key names the node with the key alone. */
  if (holds_node_key (node, member) && JSON_NODE_HOLDS_VALUE (copy)
      && json_node_get_value_type (copy) == G_TYPE_STRING)
    {
      const char *renamed = g_hash_table_lookup (renames, json_node_get_string (copy));

      if (renamed != NULL)
        {
          json_node_set_string (copy, renamed);
          changed = TRUE;
        }
    }

  return changed ? g_steal_pointer (&copy) : NULL;
}

guint
sy_workflow_refs_rename_in_node (SyNode            *node,
                                 GHashTable        *renames,
                                 SyRefsRenamedFunc  func,
                                 gpointer           user_data)
{
  g_autoptr(GList) members = NULL;
  guint count = 0;

  g_return_val_if_fail (SY_IS_NODE (node), 0);
  g_return_val_if_fail (renames != NULL, 0);

  members = json_object_get_members (sy_node_get_config (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *renamed = sy_workflow_refs_rename_in_member (node, l->data, renames);

      if (renamed == NULL)
        continue;
      count++;
      if (func != NULL)
        func (node, l->data, renamed, user_data);
      else
        json_node_unref (renamed);
    }

  return count;
}

typedef struct
{
  GHashTable *renames;
  GPtrArray  *users;
} FindData;

static gboolean
find_user (SyNode   *node,
           gpointer  user_data)
{
  FindData *data = user_data;

  if (sy_workflow_refs_rename_in_node (node, data->renames, NULL, NULL) > 0)
    g_ptr_array_add (data->users, node);
  return TRUE;
}

GPtrArray *
sy_workflow_refs_find_users (GPtrArray  *chain,
                             const char *key)
{
  g_autoptr(GHashTable) same = g_hash_table_new (g_str_hash, g_str_equal);
  FindData data = { same, g_ptr_array_new () };

  g_return_val_if_fail (chain != NULL, data.users);
  g_return_val_if_fail (key != NULL, data.users);

  /* A reference is whatever a rename of the key would rewrite. */
  g_hash_table_insert (same, (gpointer) key, (gpointer) key);
  sy_node_chain_foreach (chain, find_user, &data);
  return data.users;
}
