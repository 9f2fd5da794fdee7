/* sy-trigger-checks.c — checks of trigger config members */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "collections/sy-collection.h"
#include "nodes/sy-node-helpers.h"
#include "triggers/sy-trigger-checks.h"

static JsonNode *
present_member (JsonObject *config,
                const char *member)
{
  JsonNode *node = json_object_get_member (config, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static gboolean
holds_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
sy_trigger_check_required (JsonObject   *config,
                           const char   *member,
                           SyValidation *validation)
{
  if (present_member (config, member) != NULL)
    return TRUE;

  sy_validation_add (validation, member, _("required"));
  return FALSE;
}

const char *
sy_trigger_check_string (JsonObject   *config,
                         const char   *member,
                         gboolean      required,
                         SyValidation *validation)
{
  JsonNode *node = present_member (config, member);

  if (node == NULL)
    {
      if (required)
        sy_validation_add (validation, member, _("required"));
      return NULL;
    }

  if (!holds_string (node))
    {
      sy_validation_add (validation, member, _("must be a string"));
      return NULL;
    }

  if (*json_node_get_string (node) == '\0')
    {
      sy_validation_add (validation, member, _("must not be empty"));
      return NULL;
    }

  return json_node_get_string (node);
}

const char *
sy_trigger_check_collection (JsonObject   *config,
                             const char   *member,
                             gboolean      required,
                             SyValidation *validation)
{
  const char *name = sy_trigger_check_string (config, member, required, validation);

  if (name != NULL && !sy_collection_name_is_valid (name))
    {
      sy_validation_add (validation, member,
                         _("“%s” is not a collection name: use a lowercase letter, then up to 62 "
                           "lowercase letters, digits or “_”"),
                         name);
      return NULL;
    }

  return name;
}

void
sy_trigger_check_string_list (JsonObject         *config,
                              const char         *member,
                              const char * const *choices,
                              gboolean            non_empty,
                              SyValidation       *validation)
{
  JsonNode *node = present_member (config, member);
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *array;

  if (node == NULL)
    {
      if (non_empty)
        sy_validation_add (validation, member, _("required"));
      return;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      sy_validation_add (validation, member, _("must be an array of strings"));
      return;
    }

  array = json_node_get_array (node);
  if (non_empty && json_array_get_length (array) == 0)
    {
      sy_validation_add (validation, member, _("must name at least one value"));
      return;
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *suffix = g_strdup_printf ("%s[%u]", member, i);
      const char *value;

      if (!holds_string (element))
        {
          sy_validation_add (validation, suffix, _("must be a string"));
          continue;
        }

      value = json_node_get_string (element);
      if (choices != NULL && !g_strv_contains (choices, value))
        {
          g_autofree char *expected = g_strjoinv (", ", (char **) choices);

          sy_validation_add (validation, suffix, _("unknown value “%s” (expected one of %s)"),
                             value, expected);
        }
      else if (!g_hash_table_add (seen, (gpointer) value))
        sy_validation_add (validation, suffix, _("“%s” is listed twice"), value);
    }
}

gboolean
sy_trigger_check_integer (JsonObject   *config,
                          const char   *member,
                          gint64        minimum,
                          gint64        maximum,
                          gint64       *value,
                          SyValidation *validation)
{
  JsonNode *node = present_member (config, member);

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) < minimum || json_node_get_int (node) > maximum)
    {
      g_autofree char *least = g_strdup_printf ("%" G_GINT64_FORMAT, minimum);
      g_autofree char *most = g_strdup_printf ("%" G_GINT64_FORMAT, maximum);

      sy_validation_add (validation, member, _("must be a whole number from %s to %s"), least, most);
      return FALSE;
    }

  if (value != NULL)
    *value = json_node_get_int (node);
  return TRUE;
}

JsonObject *
sy_trigger_check_object (JsonObject   *config,
                         const char   *member,
                         gboolean      required,
                         SyValidation *validation)
{
  JsonNode *node = present_member (config, member);

  if (node == NULL)
    {
      if (required)
        sy_validation_add (validation, member, _("required"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      sy_validation_add (validation, member, _("must be an object"));
      return NULL;
    }

  return json_node_get_object (node);
}

void
sy_trigger_check_date_time (JsonObject   *config,
                            const char   *member,
                            gboolean      required,
                            SyValidation *validation)
{
  const char *text = sy_trigger_check_string (config, member, required, validation);
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) parsed = NULL;

  if (text == NULL)
    return;

  /* Without an offset the text means local time, as the date picker shows it. */
  local = g_time_zone_new_local ();
  parsed = g_date_time_new_from_iso8601 (text, local);
  if (parsed == NULL)
    sy_validation_add (validation, member,
                       _("“%s” is not a date and time such as 2025-03-01T08:00:00Z"), text);
}

void
sy_trigger_check_action_binding (JsonObject         *config,
                                 const char * const *actions,
                                 SyValidation       *validation)
{
  JsonNode *global = json_object_get_member (config, "global");
  gboolean is_global;

  sy_trigger_check_collection (config, "collection", TRUE, validation);
  sy_check_boolean (config, "global", validation);
  is_global = global != NULL && JSON_NODE_HOLDS_VALUE (global)
              && json_node_get_value_type (global) == G_TYPE_BOOLEAN && json_node_get_boolean (global);
  sy_trigger_check_string_list (config, "actions", actions, is_global, validation);
}

JsonNode *
sy_trigger_sample_from_text (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *sample = json_from_string (json, &error);

  if (sample == NULL)
    g_error ("Invalid sample context: %s", error->message);

  return sample;
}
