/* sy-node-json-variable-mapping.c — names values inside a JSON value
 *
 * `variables` is a tree generated from a pasted sample; every entry of it
 * (inner ones too) becomes a member of the result, named by its key and
 * holding the value at its path. Paths are those of sy_json_get_path():
 * without indexes an array maps property-wise ("b.c" → [2, 3]).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-node-json-variable-mapping.h"
#include "sy-nodes.h"

static const SyFieldSpec fields[] = {
  { "dataSource", N_("Data"), SY_FIELD_TEXT,
    N_("A variable that holds a JSON object (or JSON text)."),
    NULL, NULL, NULL, NULL, TRUE, TRUE, NULL },
  { "parseArray", N_("Map list items one by one"), SY_FIELD_SWITCH,
    N_("Paths include list positions (items.0.price) instead of taking a property of every item."),
    NULL, NULL, NULL, "false", FALSE, FALSE, NULL },
  { "variables", N_("Variables"), SY_FIELD_JSON,
    N_("Generated from a sample: a tree of {key, path, title, children}."),
    "json", NULL, NULL, "[]", TRUE, FALSE, NULL },
  { NULL },
};

/* ── Building the tree from a sample ──────────────────────────────────── */

static JsonNode *entries_for (JsonNode *value, const char *prefix, gboolean parse_array);

static JsonNode *
entry_new (const char *path,
           const char *title,
           JsonNode   *value,
           gboolean    parse_array)
{
  JsonObject *entry = json_object_new ();
  g_autofree char *key = g_strdelimit (g_strdup (path), ".", '_');
  JsonNode *children = entries_for (value, path, parse_array);

  json_object_set_string_member (entry, "key", key);
  json_object_set_string_member (entry, "path", path);
  json_object_set_string_member (entry, "title", title);
  if (children != NULL)
    json_object_set_member (entry, "children", children);

  return sy_json_node_take_object (entry);
}

static char *
join_path (const char *prefix,
           const char *name)
{
  return prefix != NULL ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);
}

/* Entries for the members of `value`; NULL when it has none. */
static JsonNode *
entries_for (JsonNode   *value,
             const char *prefix,
             gboolean    parse_array)
{
  g_autoptr(JsonArray) entries = json_array_new ();

  if (value != NULL && JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (value));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          g_autofree char *path = join_path (prefix, name);

          json_array_add_element (entries, entry_new (path, name, member, parse_array));
        }
    }
  else if (value != NULL && JSON_NODE_HOLDS_ARRAY (value) && parse_array)
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *index = g_strdup_printf ("%u", i);
          g_autofree char *path = join_path (prefix, index);

          json_array_add_element (entries, entry_new (path, index, json_array_get_element (array, i),
                                                      parse_array));
        }
    }
  else if (value != NULL && JSON_NODE_HOLDS_ARRAY (value))
    {
      /* Property-wise: the union of the items' members, merged in order. */
      JsonArray *array = json_node_get_array (value);
      g_autoptr(JsonObject) merged = json_object_new ();
      g_autoptr(JsonNode) merged_node = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          JsonObjectIter iter;
          const char *name;
          JsonNode *member;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            continue;
          json_object_iter_init_ordered (&iter, json_node_get_object (item));
          while (json_object_iter_next_ordered (&iter, &name, &member))
            if (!json_object_has_member (merged, name))
              json_object_set_member (merged, name, json_node_copy (member));
        }
      merged_node = json_node_init_object (json_node_alloc (), merged);
      return json_object_get_size (merged) > 0 ? entries_for (merged_node, prefix, parse_array) : NULL;
    }

  if (json_array_get_length (entries) == 0)
    return NULL;

  return sy_json_node_take_array (g_steal_pointer (&entries));
}

JsonNode *
sy_json_mapping_from_sample (JsonNode *sample,
                             gboolean  parse_array)
{
  JsonNode *entries = entries_for (sample, NULL, parse_array);

  return entries != NULL ? entries : sy_json_node_take_array (json_array_new ());
}

/* ── Checking and mapping ─────────────────────────────────────────────── */

/* Checks a level of the tree, collecting keys to catch duplicates. */
static gboolean
check_entries (JsonNode    *entries,
               GHashTable  *keys,
               char       **problem)
{
  JsonArray *array;

  if (entries == NULL || JSON_NODE_HOLDS_NULL (entries))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (entries))
    {
      *problem = g_strdup (_("must be a list of {key, path, title, children}"));
      return FALSE;
    }

  array = json_node_get_array (entries);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *key = sy_object_get_string (entry, "key", NULL);
      const char *path = sy_object_get_string (entry, "path", NULL);

      if (key == NULL || key[0] == '\0' || path == NULL)
        {
          *problem = g_strdup_printf (_("every entry needs a key and a path (“%s” has not)"),
                                      key ? key : sy_object_get_string (entry, "title", "?"));
          return FALSE;
        }
      if (!g_hash_table_add (keys, (gpointer) key))
        {
          *problem = g_strdup_printf (_("the key “%s” is used twice"), key);
          return FALSE;
        }
      if (!check_entries (json_object_get_member (entry, "children"), keys, problem))
        return FALSE;
    }

  return TRUE;
}

static void
json_variable_mapping_validate (SyNode       *node,
                                SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *problem = NULL;
  JsonNode *source = json_object_get_member (config, "dataSource");

  sy_validation_push (validation, "config");

  if (source == NULL || JSON_NODE_HOLDS_NULL (source))
    sy_validation_add (validation, "dataSource", _("the data to map is required"));
  if (!check_entries (json_object_get_member (config, "variables"), keys, &problem))
    sy_validation_add (validation, "variables", "%s", problem);
  sy_check_boolean (config, "parseArray", validation);

  sy_validation_pop (validation);
}

static void
map_entries (JsonArray  *entries,
             JsonNode   *data,
             JsonObject *result)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      JsonNode *value = sy_json_get_path (data, sy_object_get_string (entry, "path", ""));
      JsonNode *children = json_object_get_member (entry, "children");

      json_object_set_member (result, sy_object_get_string (entry, "key", ""),
                              value ? value : json_node_new (JSON_NODE_NULL));
      if (children != NULL && JSON_NODE_HOLDS_ARRAY (children))
        map_entries (json_node_get_array (children), data, result);
    }
}

static SyStep
json_variable_mapping_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *problem = NULL;
  JsonObject *result;
  JsonNode *data, *variables;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  variables = json_object_get_member (config, "variables");
  if (!check_entries (variables, keys, &problem))
    return sy_run_error (run, _("variables: %s"), problem);

  data = json_object_get_member (config, "dataSource");
  /* Text that holds JSON is taken as that JSON, as NocoBase does. */
  if (data != NULL && JSON_NODE_HOLDS_VALUE (data) && json_node_get_value_type (data) == G_TYPE_STRING &&
      json_parser_load_from_data (parser, json_node_get_string (data), -1, NULL))
    data = json_parser_get_root (parser);

  if (data == NULL || (!JSON_NODE_HOLDS_OBJECT (data) && !JSON_NODE_HOLDS_ARRAY (data)))
    {
      JsonObject *failure = json_object_new ();

      json_object_set_string_member (failure, "message",
                                     _("the data to map is not a JSON object or list"));
      return sy_run_finish (run, SY_STATUS_FAILED, sy_json_node_take_object (failure));
    }

  result = json_object_new ();
  if (variables != NULL && JSON_NODE_HOLDS_ARRAY (variables))
    map_entries (json_node_get_array (variables), data, result);

  return sy_run_resolve (run, sy_json_node_take_object (result));
}

static const SyNodeKind kind = {
  .type = "json-variable-mapping",
  .title = N_("JSON variable mapping"),
  .description = N_("Give names to values inside JSON data"),
  .category = "calculation",
  .icon_name = "view-list-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = json_variable_mapping_validate,
  .run = json_variable_mapping_run,
};

const SyNodeKind *
sy_node_json_variable_mapping_get_kind (void)
{
  return &kind;
}
