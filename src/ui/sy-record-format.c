/* sy-record-format.c — records and their values as the data view shows them */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "collections/sy-collection-csv.h"
#include "sy-record-format.h"
#include "sy-time-format.h"

const SyCollectionField *
sy_record_title_field (SyCollection *collection)
{
  g_return_val_if_fail (SY_IS_COLLECTION (collection), NULL);

  for (const char * const *name = (const char * const[]) { "title", "name", NULL }; *name != NULL; name++)
    {
      const SyCollectionField *field = sy_collection_lookup_field (collection, *name);

      if (field != NULL && (field->type == SY_FIELD_TYPE_STRING || field->type == SY_FIELD_TYPE_TEXT))
        return field;
    }

  for (guint i = 0; i < sy_collection_get_n_fields (collection); i++)
    if (sy_collection_get_field (collection, i)->type == SY_FIELD_TYPE_STRING)
      return sy_collection_get_field (collection, i);

  return NULL;
}

static char *
format_id (JsonNode *id)
{
  g_autofree char *text = NULL;

  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id))
    return g_strdup ("");
  text = json_to_string (id, FALSE);
  /* Translators: a record shown by its id, "#7" */
  return g_strdup_printf (_("#%s"), text);
}

char *
sy_record_format_title (SyCollection *collection,
                        JsonObject   *record)
{
  const SyCollectionField *field;
  JsonNode *value;

  g_return_val_if_fail (record != NULL, NULL);

  field = collection != NULL ? sy_record_title_field (collection) : NULL;
  value = field != NULL ? json_object_get_member (record, field->name) : NULL;
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_string (value) != NULL &&
      json_node_get_string (value)[0] != '\0')
    return g_strdup (json_node_get_string (value));

  return format_id (json_object_get_member (record, SY_RECORD_ID));
}

static char *
first_line (const char *text)
{
  const char *end = strpbrk (text, "\r\n");

  if (end == NULL)
    return g_strdup (text);
  /* Translators: a text cut at its first line break */
  return g_strdup_printf (_("%.*s…"), (int) (end - text), text);
}

char *
sy_record_format_datetime (const char *text)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

  return time != NULL ? sy_time_format_local (time) : g_strdup (text);
}

char *
sy_record_format_value (const SyCollectionField *field,
                        JsonNode                *value,
                        SyCollection            *target)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");

  switch (field->type)
    {
    case SY_FIELD_TYPE_BELONGS_TO:
      if (JSON_NODE_HOLDS_OBJECT (value))
        return sy_record_format_title (target, json_node_get_object (value));
      return format_id (value);

    case SY_FIELD_TYPE_BOOLEAN:
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (value) ? _("Yes") : _("No"));
      break;

    case SY_FIELD_TYPE_DATETIME:
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        return sy_record_format_datetime (json_node_get_string (value));
      break;

    case SY_FIELD_TYPE_TEXT:
    case SY_FIELD_TYPE_STRING:
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        return first_line (json_node_get_string (value));
      break;

    case SY_FIELD_TYPE_INTEGER:
    case SY_FIELD_TYPE_NUMBER:
    case SY_FIELD_TYPE_DATE:
    case SY_FIELD_TYPE_JSON:
    case SY_FIELD_TYPE_CHOICE:
    default:
      break;
    }

  {
    g_autofree char *cell = sy_collection_csv_cell (field, value);

    return first_line (cell);
  }
}

const char *
sy_record_field_label (const SyCollectionField *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return field->title != NULL && field->title[0] != '\0' ? field->title : field->name;
}

const char *
sy_field_type_label (SyFieldType type)
{
  switch (type)
    {
    case SY_FIELD_TYPE_STRING:
      return _("Text");
    case SY_FIELD_TYPE_TEXT:
      return _("Long text");
    case SY_FIELD_TYPE_INTEGER:
      return _("Whole number");
    case SY_FIELD_TYPE_NUMBER:
      return _("Number");
    case SY_FIELD_TYPE_BOOLEAN:
      return _("Yes or no");
    case SY_FIELD_TYPE_DATE:
      return _("Date");
    case SY_FIELD_TYPE_DATETIME:
      return _("Date and time");
    case SY_FIELD_TYPE_JSON:
      return _("JSON");
    case SY_FIELD_TYPE_CHOICE:
      return _("Choice");
    case SY_FIELD_TYPE_BELONGS_TO:
      return _("Link to a record");
    default:
      return "";
    }
}

char *
sy_name_from_title (const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title != NULL ? title : "", "C");
  GString *name = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && name->len < 63; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c))
        g_string_append_c (name, c);
      else if (name->len > 0 && name->str[name->len - 1] != '_')
        g_string_append_c (name, '_');
    }
  while (name->len > 0 && name->str[name->len - 1] == '_')
    g_string_truncate (name, name->len - 1);
  /* Names start with a letter. */
  while (name->len > 0 && !g_ascii_isalpha (name->str[0]))
    g_string_erase (name, 0, 1);

  return g_string_free (name, FALSE);
}

char *
sy_record_format_messages (GPtrArray  *messages,
                           const char *separator)
{
  g_autoptr(GString) text = NULL;

  if (messages == NULL || messages->len == 0)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < messages->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? separator : "", (const char *) g_ptr_array_index (messages, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}
