/* sy-collection-csv.c — a collection's records as CSV and back */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "collections/sy-collection-csv.h"
#include "collections/sy-csv.h"

char *
sy_collection_csv_cell (const SyCollectionField *field,
                        JsonNode                *value)
{
  GType type;

  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");

  if (field->type == SY_FIELD_TYPE_JSON)
    return json_to_string (value, FALSE);

  /* An appended belongs-to record stands for its id. */
  if (JSON_NODE_HOLDS_OBJECT (value))
    value = json_object_get_member (json_node_get_object (value), SY_RECORD_ID);
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return g_strdup ("");

  type = json_node_get_value_type (value);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? "true" : "false");
  if (type == G_TYPE_DOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (value)));
    }

  return json_to_string (value, FALSE);
}

static void
append_cells (GPtrArray *cells,
              GString   *out)
{
  sy_csv_append_row (out, (const char * const *) cells->pdata, cells->len);
}

void
sy_collection_csv_append_header (SyCollection *collection,
                                 GString      *out)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  g_return_if_fail (SY_IS_COLLECTION (collection));

  g_ptr_array_add (cells, (gpointer) SY_RECORD_ID);
  for (guint i = 0; i < sy_collection_get_n_fields (collection); i++)
    g_ptr_array_add (cells, sy_collection_get_field (collection, i)->name);
  g_ptr_array_add (cells, (gpointer) SY_RECORD_CREATED_AT);
  g_ptr_array_add (cells, (gpointer) SY_RECORD_UPDATED_AT);

  append_cells (cells, out);
}

static char *
automatic_cell (JsonObject *record,
                const char *name)
{
  JsonNode *value = json_object_get_member (record, name);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return g_strdup ("");
  if (json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));

  return json_to_string (value, FALSE);
}

void
sy_collection_csv_append_record (SyCollection *collection,
                                 JsonObject   *record,
                                 GString      *out)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (SY_IS_COLLECTION (collection));
  g_return_if_fail (record != NULL);

  g_ptr_array_add (cells, automatic_cell (record, SY_RECORD_ID));
  for (guint i = 0; i < sy_collection_get_n_fields (collection); i++)
    {
      const SyCollectionField *field = sy_collection_get_field (collection, i);

      g_ptr_array_add (cells, sy_collection_csv_cell (field, json_object_get_member (record, field->name)));
    }
  g_ptr_array_add (cells, automatic_cell (record, SY_RECORD_CREATED_AT));
  g_ptr_array_add (cells, automatic_cell (record, SY_RECORD_UPDATED_AT));

  append_cells (cells, out);
}

/* ── Reading ───────────────────────────────────────────────────────────── */

/* The field a header cell names (by name, or by title ignoring case). */
static const SyCollectionField *
column_field (SyCollection *collection,
              const char   *header)
{
  const SyCollectionField *field = sy_collection_lookup_field (collection, header);
  g_autofree char *folded = NULL;

  if (field != NULL)
    return field;

  folded = g_utf8_casefold (header, -1);
  for (guint i = 0; i < sy_collection_get_n_fields (collection); i++)
    {
      const SyCollectionField *candidate = sy_collection_get_field (collection, i);
      g_autofree char *title = NULL;

      if (candidate->title == NULL)
        continue;
      title = g_utf8_casefold (candidate->title, -1);
      if (g_str_equal (title, folded))
        return candidate;
    }

  return NULL;
}

/* The fields of the columns (NULL for automatic ones). */
static GPtrArray *
read_header (SyCollection *collection,
             GStrv         header,
             GError      **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; header[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (header[i]));
      const SyCollectionField *field;

      if (sy_record_member_is_automatic (name))
        {
          g_ptr_array_add (columns, NULL);
          continue;
        }

      field = column_field (collection, name);
      if (field == NULL)
        {
          g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                       _("row 1: column %u “%s”: the collection “%s” has no such field"),
                       i + 1, name, sy_collection_get_name (collection));
          return NULL;
        }
      if (!g_hash_table_add (seen, field->name))
        {
          g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                       _("row 1: column %u “%s”: the field “%s” has another column already"),
                       i + 1, name, field->name);
          return NULL;
        }
      g_ptr_array_add (columns, (gpointer) field);
    }

  return g_steal_pointer (&columns);
}

static JsonObject *
read_row (SyCollection *collection,
          GPtrArray    *columns,
          GStrv         row,
          guint         number,
          GError      **error)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *checked;
  guint n_cells = g_strv_length (row);

  if (n_cells != columns->len)
    {
      g_autofree char *cells = g_strdup_printf (ngettext ("%u cell", "%u cells", n_cells), n_cells);

      g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                   /* Translators: "row 4: 3 cells, the header has 5" */
                   _("row %u: %s, the header has %u"), number, cells, columns->len);
      return NULL;
    }

  for (guint i = 0; i < n_cells; i++)
    {
      const SyCollectionField *field = g_ptr_array_index (columns, i);
      JsonNode *value;

      /* An empty cell is no value: the field's default applies. */
      if (field == NULL || row[i][0] == '\0')
        continue;

      if (field->type == SY_FIELD_TYPE_JSON)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          if (!json_parser_load_from_data (parser, row[i], -1, &local_error))
            {
              g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                           _("row %u: %s: not valid JSON: %s"), number, field->name, local_error->message);
              return NULL;
            }
          value = json_node_copy (json_parser_get_root (parser));
        }
      else
        {
          value = json_node_new (JSON_NODE_VALUE);
          json_node_set_string (value, row[i]);
        }
      json_object_set_member (values, field->name, value);
    }

  checked = sy_collection_check_values (collection, values, SY_VALUES_CREATE, &local_error);
  if (checked == NULL)
    g_set_error (error, local_error->domain, local_error->code,
                 /* Translators: "row 3: qty: expected a whole number, got “abc”" */
                 _("row %u: %s"), number, local_error->message);

  return checked;
}

GPtrArray *
sy_collection_csv_read (SyCollection *collection,
                        const char   *text,
                        gssize        length,
                        GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_return_val_if_fail (SY_IS_COLLECTION (collection), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  rows = sy_csv_parse (text, length, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                   _("the file is empty: the first row must name the columns"));
      return NULL;
    }

  columns = read_header (collection, g_ptr_array_index (rows, 0), error);
  if (columns == NULL)
    return NULL;

  for (guint i = 1; i < rows->len; i++)
    {
      JsonObject *values = read_row (collection, columns, g_ptr_array_index (rows, i), i + 1, error);

      if (values == NULL)
        return NULL;
      g_ptr_array_add (records, values);
    }

  return g_steal_pointer (&records);
}
