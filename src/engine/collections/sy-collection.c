/* sy-collection.c — a collection definition (`switchyard-collection/1`) and its values */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "collections/sy-collection.h"
#include "sy-json.h"
#include "sy-records.h"
#include "sy-workflow.h"

#define NAME_MAX_CHARS  63
#define TITLE_MAX_CHARS 200
/* Integers that survive a trip through a double (JSON numbers elsewhere). */
#define SAFE_INTEGER    9007199254740991.0

struct _SyCollection
{
  GObject     parent_instance;

  char       *name;
  char       *title;
  GPtrArray  *fields; /* of SyCollectionField */
  GHashTable *index;  /* name → SyCollectionField (borrowed) */
};

G_DEFINE_FINAL_TYPE (SyCollection, sy_collection, G_TYPE_OBJECT)
G_DEFINE_QUARK (sy-collection-error-quark, sy_collection_error)

static const char * const type_names[] = {
  [SY_FIELD_TYPE_STRING] = "string",
  [SY_FIELD_TYPE_TEXT] = "text",
  [SY_FIELD_TYPE_INTEGER] = "integer",
  [SY_FIELD_TYPE_NUMBER] = "number",
  [SY_FIELD_TYPE_BOOLEAN] = "boolean",
  [SY_FIELD_TYPE_DATE] = "date",
  [SY_FIELD_TYPE_DATETIME] = "datetime",
  [SY_FIELD_TYPE_JSON] = "json",
  [SY_FIELD_TYPE_CHOICE] = "choice",
  [SY_FIELD_TYPE_BELONGS_TO] = "belongs-to",
};

static const char * const field_members[] = {
  "name", "title", "type", "required", "default", "options", "target", NULL
};
static const char * const collection_members[] = { "format", "name", "title", "fields", NULL };

const char *
sy_field_type_to_string (SyFieldType type)
{
  g_return_val_if_fail (type <= SY_FIELD_TYPE_BELONGS_TO, NULL);

  return type_names[type];
}

gboolean
sy_field_type_from_string (const char  *text,
                           SyFieldType *type)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (type_names); i++)
    if (g_str_equal (text, type_names[i]))
      {
        *type = i;
        return TRUE;
      }

  return FALSE;
}

gboolean
sy_collection_name_is_valid (const char *name)
{
  gsize length = name != NULL ? strlen (name) : 0;

  if (length == 0 || length > NAME_MAX_CHARS || !(name[0] >= 'a' && name[0] <= 'z'))
    return FALSE;

  for (gsize i = 1; i < length; i++)
    if (!((name[i] >= 'a' && name[i] <= 'z') || g_ascii_isdigit (name[i]) || name[i] == '_'))
      return FALSE;

  return TRUE;
}

gboolean
sy_record_member_is_automatic (const char *name)
{
  return g_strcmp0 (name, SY_RECORD_ID) == 0 || g_strcmp0 (name, SY_RECORD_CREATED_AT) == 0 ||
         g_strcmp0 (name, SY_RECORD_UPDATED_AT) == 0;
}

static void
field_free (SyCollectionField *field)
{
  g_free (field->name);
  g_free (field->title);
  g_clear_pointer (&field->default_value, json_node_unref);
  g_strfreev (field->options);
  g_free (field->target);
  g_free (field);
}

/* ── Values ────────────────────────────────────────────────────────────── */

/* A short rendering of a value for messages: “abc”, 3.5, an object. */
static char *
describe_value (JsonNode *value)
{
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_OBJECT (value))
    return g_strdup (_("an object"));
  if (JSON_NODE_HOLDS_ARRAY (value))
    return g_strdup (_("a list"));
  if (JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("null");

  if (json_node_get_value_type (value) == G_TYPE_STRING)
    {
      const char *string = json_node_get_string (value);

      if (g_utf8_strlen (string, -1) > 40)
        {
          g_autofree char *start = g_utf8_substring (string, 0, 37);

          return g_strdup_printf ("“%s…”", start);
        }
      return g_strdup_printf ("“%s”", string);
    }

  text = json_to_string (value, FALSE);
  return g_steal_pointer (&text);
}

static gboolean
value_error (const SyCollectionField *field,
             JsonNode                *value,
             const char              *expected,
             GError                 **error)
{
  g_autofree char *got = describe_value (value);

  /* TRANSLATORS: "qty: expected a whole number, got “abc”" */
  g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
               _("%s: expected %s, got %s"), field->name, expected, got);
  return FALSE;
}

static JsonNode *
string_node_take (char *value)
{
  JsonNode *node = json_node_init_string (json_node_alloc (), value);

  g_free (value);
  return node;
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;
  double value;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;

  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || *end != '\0' || !isfinite (value))
    return FALSE;

  *out = value;
  return TRUE;
}

/* Whole numbers from JSON integers, whole doubles and numeric text. */
static gboolean
get_integer (JsonNode *value,
             gint64   *out)
{
  GType type = json_node_get_value_type (value);

  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (value);
      return TRUE;
    }

  if (type == G_TYPE_DOUBLE || type == G_TYPE_STRING)
    {
      double number;

      if (type == G_TYPE_STRING)
        {
          if (g_ascii_string_to_signed (json_node_get_string (value), 10, G_MININT64, G_MAXINT64, out, NULL))
            return TRUE;
          if (!parse_double (json_node_get_string (value), &number))
            return FALSE;
        }
      else
        number = json_node_get_double (value);

      if (!isfinite (number) || floor (number) != number || fabs (number) > SAFE_INTEGER)
        return FALSE;
      *out = (gint64) number;
      return TRUE;
    }

  return FALSE;
}

static gboolean
get_number (JsonNode *value,
            double   *out)
{
  GType type = json_node_get_value_type (value);

  if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (value);
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (value);
  else if (type == G_TYPE_STRING)
    return parse_double (json_node_get_string (value), out);
  else
    return FALSE;

  return isfinite (*out);
}

/* "YYYY-MM-DD", a real day. */
static gboolean
is_date (const char *text)
{
  guint year, month, day;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u", &year, &month, &day) != 3)
    return FALSE;

  return year >= 1 && g_date_valid_dmy (day, month, year);
}

/* RFC 3339 text with an offset → "2026-03-01T09:00:00.000Z". */
static char *
normalize_datetime (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;
  gint64 ms;

  /* A date alone or a time without offset is ambiguous: refused. */
  if (strlen (text) < 20 || (text[10] != 'T' && text[10] != 't' && text[10] != ' '))
    return NULL;

  parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL)
    return NULL;

  ms = g_date_time_to_unix (parsed) * 1000 + g_date_time_get_microsecond (parsed) / 1000;
  return sy_format_timestamp (ms);
}

JsonNode *
sy_collection_field_check_value (const SyCollectionField *field,
                                 JsonNode                *value,
                                 GError                 **error)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return json_node_new (JSON_NODE_NULL);

  if (field->type == SY_FIELD_TYPE_JSON)
    return sy_json_node_deep_copy (value);

  /* belongs-to also takes a record ({"id": 3, …}), such as a query result. */
  if (field->type == SY_FIELD_TYPE_BELONGS_TO && JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonNode *id = json_object_get_member (json_node_get_object (value), SY_RECORD_ID);
      gint64 number;

      if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || !get_integer (id, &number) || number < 1)
        {
          value_error (field, value, _("the id of a record (a record without one was given)"), error);
          return NULL;
        }
      return json_node_init_int (json_node_alloc (), number);
    }

  if (!JSON_NODE_HOLDS_VALUE (value))
    {
      switch (field->type)
        {
        case SY_FIELD_TYPE_STRING:
        case SY_FIELD_TYPE_TEXT:
          value_error (field, value, _("text"), error);
          break;
        case SY_FIELD_TYPE_INTEGER:
          value_error (field, value, _("a whole number"), error);
          break;
        case SY_FIELD_TYPE_NUMBER:
          value_error (field, value, _("a number"), error);
          break;
        case SY_FIELD_TYPE_BOOLEAN:
          value_error (field, value, _("true or false"), error);
          break;
        case SY_FIELD_TYPE_DATE:
          value_error (field, value, _("a date such as 2026-03-01"), error);
          break;
        case SY_FIELD_TYPE_DATETIME:
          value_error (field, value, _("a date and time such as 2026-03-01T09:00:00Z"), error);
          break;
        case SY_FIELD_TYPE_CHOICE:
          value_error (field, value, _("one of the field’s options"), error);
          break;
        case SY_FIELD_TYPE_BELONGS_TO:
        case SY_FIELD_TYPE_JSON:
        default:
          value_error (field, value, _("the id of a record"), error);
          break;
        }
      return NULL;
    }

  switch (field->type)
    {
    case SY_FIELD_TYPE_STRING:
    case SY_FIELD_TYPE_TEXT:
    case SY_FIELD_TYPE_CHOICE:
      {
        GType type = json_node_get_value_type (value);
        g_autofree char *text = NULL;

        /* Numbers and booleans are written as text, as a form would. */
        if (type == G_TYPE_STRING)
          text = g_strdup (json_node_get_string (value));
        else if (type == G_TYPE_BOOLEAN)
          text = g_strdup (json_node_get_boolean (value) ? "true" : "false");
        else
          text = json_to_string (value, FALSE);

        if (field->type != SY_FIELD_TYPE_CHOICE)
          return string_node_take (g_steal_pointer (&text));

        if (field->options == NULL || !g_strv_contains ((const char * const *) field->options, text))
          {
            g_autofree char *options = g_strjoinv (", ", field->options);
            g_autofree char *expected = g_strdup_printf (_("one of %s"), options);

            value_error (field, value, expected, error);
            return NULL;
          }
        return string_node_take (g_steal_pointer (&text));
      }

    case SY_FIELD_TYPE_INTEGER:
      {
        gint64 number;

        if (!get_integer (value, &number))
          {
            value_error (field, value, _("a whole number"), error);
            return NULL;
          }
        return json_node_init_int (json_node_alloc (), number);
      }

    case SY_FIELD_TYPE_NUMBER:
      {
        double number;

        if (!get_number (value, &number))
          {
            value_error (field, value, _("a number"), error);
            return NULL;
          }
        return json_node_init_double (json_node_alloc (), number);
      }

    case SY_FIELD_TYPE_BOOLEAN:
      {
        GType type = json_node_get_value_type (value);
        gint64 number;

        if (type == G_TYPE_BOOLEAN)
          return json_node_copy (value);
        if (type == G_TYPE_STRING && (g_str_equal (json_node_get_string (value), "true") ||
                                      g_str_equal (json_node_get_string (value), "false")))
          {
            JsonNode *node = json_node_new (JSON_NODE_VALUE);

            json_node_set_boolean (node, g_str_equal (json_node_get_string (value), "true"));
            return node;
          }
        if (type == G_TYPE_INT64 && get_integer (value, &number) && (number == 0 || number == 1))
          {
            JsonNode *node = json_node_new (JSON_NODE_VALUE);

            json_node_set_boolean (node, number == 1);
            return node;
          }
        value_error (field, value, _("true or false"), error);
        return NULL;
      }

    case SY_FIELD_TYPE_DATE:
      if (json_node_get_value_type (value) != G_TYPE_STRING || !is_date (json_node_get_string (value)))
        {
          value_error (field, value, _("a date such as 2026-03-01"), error);
          return NULL;
        }
      return json_node_copy (value);

    case SY_FIELD_TYPE_DATETIME:
      {
        char *normalized = NULL;

        if (json_node_get_value_type (value) == G_TYPE_STRING)
          normalized = normalize_datetime (json_node_get_string (value));
        if (normalized == NULL)
          {
            value_error (field, value, _("a date and time with an offset, such as 2026-03-01T09:00:00Z"), error);
            return NULL;
          }
        return string_node_take (normalized);
      }

    case SY_FIELD_TYPE_BELONGS_TO:
      {
        gint64 number;

        if (!get_integer (value, &number) || number < 1)
          {
            value_error (field, value, _("the id of a record"), error);
            return NULL;
          }
        return json_node_init_int (json_node_alloc (), number);
      }

    case SY_FIELD_TYPE_JSON:
    default:
      g_assert_not_reached ();
    }
}

JsonObject *
sy_collection_check_values (SyCollection *self,
                            JsonObject   *values,
                            SyValuesMode  mode,
                            GError      **error)
{
  g_autoptr(JsonObject) checked = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_val_if_fail (SY_IS_COLLECTION (self), NULL);

  if (values != NULL)
    {
      json_object_iter_init (&iter, values);
      while (json_object_iter_next (&iter, &name, &value))
        {
          const SyCollectionField *field = sy_collection_lookup_field (self, name);
          JsonNode *normalized;

          if (sy_record_member_is_automatic (name))
            {
              g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                           _("%s: set automatically; it cannot be written"), name);
              return NULL;
            }
          if (field == NULL)
            {
              g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                           _("%s: the collection “%s” has no such field"), name, self->name);
              return NULL;
            }

          normalized = sy_collection_field_check_value (field, value, error);
          if (normalized == NULL)
            return NULL;
          if (field->required && JSON_NODE_HOLDS_NULL (normalized))
            {
              json_node_unref (normalized);
              g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                           _("%s: required; it cannot be empty"), name);
              return NULL;
            }
          json_object_set_member (checked, name, normalized);
        }
    }

  if (mode == SY_VALUES_CREATE)
    for (guint i = 0; i < self->fields->len; i++)
      {
        SyCollectionField *field = g_ptr_array_index (self->fields, i);

        if (json_object_has_member (checked, field->name))
          continue;
        if (field->default_value != NULL)
          json_object_set_member (checked, field->name, sy_json_node_deep_copy (field->default_value));
        else if (field->required)
          {
            g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                         _("%s: required; it has no value"), field->name);
            return NULL;
          }
      }

  return g_steal_pointer (&checked);
}

/* ── Parsing ───────────────────────────────────────────────────────────── */

static void
check_members (JsonObject         *object,
               const char * const *known,
               SyValidation       *validation)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      sy_validation_add (validation, l->data, _("unknown member"));
}

/* A string member: NULL when absent or null; reported when not a string. */
static const char *
get_string (JsonObject   *object,
            const char   *member,
            SyValidation *validation)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      sy_validation_add (validation, member, _("must be a string"));
      return NULL;
    }

  return json_node_get_string (node);
}

static void
check_name (const char   *name,
            const char   *member,
            const char   *what,
            SyValidation *validation)
{
  if (name == NULL)
    sy_validation_add (validation, member, _("required"));
  else if (!sy_collection_name_is_valid (name))
    /* TRANSLATORS: %s is "a collection name" or "a field name" */
    sy_validation_add (validation, member,
                       _("“%s” is not %s: use a lowercase letter, then up to 62 lowercase letters, "
                         "digits or “_”"),
                       name, what);
}

static char *
check_title (JsonObject   *object,
             SyValidation *validation)
{
  const char *title = get_string (object, "title", validation);

  if (title == NULL)
    return NULL;
  if (*title == '\0' || g_utf8_strlen (title, -1) > TITLE_MAX_CHARS)
    {
      sy_validation_add (validation, "title", _("must have 1 to 200 characters"));
      return NULL;
    }

  return g_strdup (title);
}

static GStrv
parse_options (JsonObject   *object,
               SyValidation *validation)
{
  JsonNode *node = json_object_get_member (object, "options");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      sy_validation_add (validation, "options", _("required for a choice: a list of strings"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      sy_validation_add (validation, "options", _("must be a non-empty list of strings"));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *option;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING ||
          *json_node_get_string (element) == '\0')
        {
          sy_validation_add (validation, "options", _("[%u] must be a non-empty string"), i);
          return NULL;
        }
      option = json_node_get_string (element);
      if (!g_hash_table_add (seen, (gpointer) option))
        {
          sy_validation_add (validation, "options", _("“%s” is listed twice"), option);
          return NULL;
        }
      g_strv_builder_add (builder, option);
    }

  return g_strv_builder_end (builder);
}

static SyCollectionField *
parse_field (JsonNode     *node,
             SyValidation *validation)
{
  SyCollectionField *field;
  JsonObject *object;
  JsonNode *required, *fallback;
  const char *type;
  guint n_problems;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      sy_validation_add (validation, NULL, _("must be an object"));
      return NULL;
    }

  object = json_node_get_object (node);
  n_problems = sy_validation_get_problems (validation)->len;
  check_members (object, field_members, validation);

  field = g_new0 (SyCollectionField, 1);
  field->name = g_strdup (get_string (object, "name", validation));
  check_name (field->name, "name", _("a field name"), validation);
  if (field->name != NULL && sy_record_member_is_automatic (field->name))
    sy_validation_add (validation, "name", _("“%s” is set automatically on every record; choose another name"),
                       field->name);
  field->title = check_title (object, validation);

  type = get_string (object, "type", validation);
  if (type == NULL)
    sy_validation_add (validation, "type", _("required"));
  else if (!sy_field_type_from_string (type, &field->type))
    sy_validation_add (validation, "type",
                       _("unknown type “%s” (expected string, text, integer, number, boolean, date, "
                         "datetime, json, choice or belongs-to)"),
                       type);

  required = json_object_get_member (object, "required");
  if (required != NULL && !JSON_NODE_HOLDS_NULL (required))
    {
      if (!JSON_NODE_HOLDS_VALUE (required) || json_node_get_value_type (required) != G_TYPE_BOOLEAN)
        sy_validation_add (validation, "required", _("must be true or false"));
      else
        field->required = json_node_get_boolean (required);
    }

  if (type != NULL && field->type == SY_FIELD_TYPE_CHOICE)
    field->options = parse_options (object, validation);
  else if (json_object_has_member (object, "options"))
    sy_validation_add (validation, "options", _("only a choice field has options"));

  if (type != NULL && field->type == SY_FIELD_TYPE_BELONGS_TO)
    {
      field->target = g_strdup (get_string (object, "target", validation));
      check_name (field->target, "target", _("a collection name"), validation);
    }
  else if (json_object_has_member (object, "target"))
    sy_validation_add (validation, "target", _("only a belongs-to field has a target"));

  fallback = json_object_get_member (object, "default");
  /* The default is checked by the field's rules, once they are known. */
  if (fallback != NULL && !JSON_NODE_HOLDS_NULL (fallback) &&
      sy_validation_get_problems (validation)->len == n_problems)
    {
      g_autoptr(GError) error = NULL;

      field->default_value = sy_collection_field_check_value (field, fallback, &error);
      if (field->default_value == NULL)
        {
          /* The message starts with the field's name; the path says it already. */
          const char *reason = error->message + strlen (field->name);

          sy_validation_add (validation, "default", "%s", reason[0] == ':' ? reason + 2 : error->message);
        }
    }

  return field;
}

static gboolean
parse_definition (SyCollection *self,
                  JsonNode     *node,
                  SyValidation *validation)
{
  JsonObject *object;
  JsonNode *fields;
  const char *format;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      sy_validation_add (validation, NULL, _("a collection definition must be a JSON object"));
      return FALSE;
    }

  object = json_node_get_object (node);
  check_members (object, collection_members, validation);

  format = get_string (object, "format", validation);
  if (g_strcmp0 (format, SY_COLLECTION_FORMAT) != 0)
    sy_validation_add (validation, "format", _("must be “%s”"), SY_COLLECTION_FORMAT);

  self->name = g_strdup (get_string (object, "name", validation));
  check_name (self->name, "name", _("a collection name"), validation);
  if (self->name != NULL && g_str_has_prefix (self->name, "sqlite_"))
    sy_validation_add (validation, "name", _("names starting with “sqlite_” are reserved"));
  self->title = check_title (object, validation);

  fields = json_object_get_member (object, "fields");
  if (fields == NULL || !JSON_NODE_HOLDS_ARRAY (fields))
    {
      sy_validation_add (validation, "fields", _("required: a list of fields"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (fields)); i++)
    {
      SyCollectionField *field;

      sy_validation_push (validation, "fields[%u]", i);
      field = parse_field (json_array_get_element (json_node_get_array (fields), i), validation);
      if (field != NULL && field->name != NULL && g_hash_table_contains (self->index, field->name))
        sy_validation_add (validation, "name", _("“%s” is defined twice"), field->name);
      if (field != NULL)
        {
          g_ptr_array_add (self->fields, field);
          if (field->name != NULL)
            g_hash_table_insert (self->index, field->name, field);
        }
      sy_validation_pop (validation);
    }

  return sy_validation_is_valid (validation);
}

SyCollection *
sy_collection_new_from_json (JsonNode *node,
                             GError  **error)
{
  g_autoptr(SyCollection) self = g_object_new (SY_TYPE_COLLECTION, NULL);
  g_autoptr(SyValidation) validation = sy_validation_new ();

  if (!parse_definition (self, node, validation))
    {
      g_autoptr(GError) problems = sy_validation_to_error (validation);

      g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                   _("invalid collection definition%s%s:\n%s"),
                   self->name != NULL ? " " : "", self->name != NULL ? self->name : "",
                   problems->message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

SyCollection *
sy_collection_new_from_data (const char *json,
                             gssize      length,
                             GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;

  if (!json_parser_load_from_data (parser, json, length, &parse_error))
    {
      g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                   _("not valid JSON: %s"), parse_error->message);
      return NULL;
    }

  return sy_collection_new_from_json (json_parser_get_root (parser), error);
}

/* ── Output and accessors ──────────────────────────────────────────────── */

JsonNode *
sy_collection_to_json (SyCollection *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonArray) fields = json_array_new ();

  g_return_val_if_fail (SY_IS_COLLECTION (self), NULL);

  json_object_set_string_member (object, "format", SY_COLLECTION_FORMAT);
  json_object_set_string_member (object, "name", self->name);
  if (self->title != NULL)
    json_object_set_string_member (object, "title", self->title);

  for (guint i = 0; i < self->fields->len; i++)
    {
      SyCollectionField *field = g_ptr_array_index (self->fields, i);
      g_autoptr(JsonObject) member = json_object_new ();

      json_object_set_string_member (member, "name", field->name);
      if (field->title != NULL)
        json_object_set_string_member (member, "title", field->title);
      json_object_set_string_member (member, "type", sy_field_type_to_string (field->type));
      if (field->target != NULL)
        json_object_set_string_member (member, "target", field->target);
      if (field->options != NULL)
        {
          JsonArray *options = json_array_new ();

          for (guint j = 0; field->options[j] != NULL; j++)
            json_array_add_string_element (options, field->options[j]);
          json_object_set_array_member (member, "options", options);
        }
      if (field->required)
        json_object_set_boolean_member (member, "required", TRUE);
      if (field->default_value != NULL)
        json_object_set_member (member, "default", sy_json_node_deep_copy (field->default_value));
      json_array_add_object_element (fields, g_steal_pointer (&member));
    }
  json_object_set_array_member (object, "fields", g_steal_pointer (&fields));

  return sy_json_node_take_object (g_steal_pointer (&object));
}

const char *
sy_collection_get_name (SyCollection *self)
{
  g_return_val_if_fail (SY_IS_COLLECTION (self), NULL);

  return self->name;
}

const char *
sy_collection_get_title (SyCollection *self)
{
  g_return_val_if_fail (SY_IS_COLLECTION (self), NULL);

  return self->title != NULL ? self->title : self->name;
}

guint
sy_collection_get_n_fields (SyCollection *self)
{
  g_return_val_if_fail (SY_IS_COLLECTION (self), 0);

  return self->fields->len;
}

const SyCollectionField *
sy_collection_get_field (SyCollection *self,
                         guint         index)
{
  g_return_val_if_fail (SY_IS_COLLECTION (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return g_ptr_array_index (self->fields, index);
}

const SyCollectionField *
sy_collection_lookup_field (SyCollection *self,
                            const char   *name)
{
  g_return_val_if_fail (SY_IS_COLLECTION (self), NULL);

  return name != NULL ? g_hash_table_lookup (self->index, name) : NULL;
}

gboolean
sy_collection_same_fields (SyCollection *self,
                           SyCollection *other)
{
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;

  g_return_val_if_fail (SY_IS_COLLECTION (self) && SY_IS_COLLECTION (other), FALSE);

  a = sy_collection_to_json (self);
  b = sy_collection_to_json (other);

  return json_node_equal (json_object_get_member (json_node_get_object (a), "fields"),
                          json_object_get_member (json_node_get_object (b), "fields"));
}

/* ── GObject ───────────────────────────────────────────────────────────── */

static void
sy_collection_finalize (GObject *object)
{
  SyCollection *self = SY_COLLECTION (object);

  g_free (self->name);
  g_free (self->title);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (sy_collection_parent_class)->finalize (object);
}

static void
sy_collection_class_init (SyCollectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_collection_finalize;
}

static void
sy_collection_init (SyCollection *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
}
