/* sy-filter.c — NocoBase JSON filters and sorts compiled to SQL with bound parameters */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "collections/sy-filter.h"
#include "sy-json.h"
#include "sy-variables.h"

struct _SySqlQuery
{
  SyCollection         *root;
  SyCollectionResolver  resolve;
  gpointer              resolve_data;

  GString              *from;
  GString              *where;
  GString              *order;
  char                 *order_text; /* `order` ending with the id */
  GPtrArray            *params;  /* of JsonNode */
  GHashTable           *aliases; /* belongs-to path ("product.category") → alias ("j2") */
  guint                 n_joins;
};

/* The automatic members, seen as fields. */
static const SyCollectionField id_field = { .name = (char *) SY_RECORD_ID, .type = SY_FIELD_TYPE_INTEGER };
static const SyCollectionField created_field = { .name = (char *) SY_RECORD_CREATED_AT, .type = SY_FIELD_TYPE_DATETIME };
static const SyCollectionField updated_field = { .name = (char *) SY_RECORD_UPDATED_AT, .type = SY_FIELD_TYPE_DATETIME };

/* What a path resolved to: the column expression and its field. */
typedef struct
{
  char                    *column; /* "t"."qty" */
  const SyCollectionField *field;
} Column;

static void
column_clear (Column *column)
{
  g_clear_pointer (&column->column, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Column, column_clear)

char *
sy_sql_quote_name (const char *name)
{
  /* Checked names hold no quote, but doubling keeps this correct anyway. */
  g_autoptr(GString) quoted = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');

  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

SySqlQuery *
sy_sql_query_new (SyCollection        *root,
                  SyCollectionResolver resolve,
                  gpointer             data)
{
  SySqlQuery *self = g_new0 (SySqlQuery, 1);
  g_autofree char *table = sy_sql_quote_name (sy_collection_get_name (root));

  self->root = g_object_ref (root);
  self->resolve = resolve;
  self->resolve_data = data;
  self->from = g_string_new (NULL);
  g_string_printf (self->from, " %s AS \"t\"", table);
  self->where = g_string_new (NULL);
  self->order = g_string_new (NULL);
  self->params = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

void
sy_sql_query_free (SySqlQuery *self)
{
  if (self == NULL)
    return;

  g_object_unref (self->root);
  g_string_free (self->from, TRUE);
  g_string_free (self->where, TRUE);
  g_string_free (self->order, TRUE);
  g_free (self->order_text);
  g_ptr_array_unref (self->params);
  g_hash_table_unref (self->aliases);
  g_free (self);
}

const char *
sy_sql_query_get_from (SySqlQuery *self)
{
  return self->from->str;
}

const char *
sy_sql_query_get_where (SySqlQuery *self)
{
  return self->where->str;
}

const char *
sy_sql_query_get_order (SySqlQuery *self)
{
  g_free (self->order_text);
  self->order_text = g_strdup_printf ("%s%s\"t\".\"id\"", self->order->str,
                                      self->order->len == 0 ? " ORDER BY " : ", ");
  return self->order_text;
}

GPtrArray *
sy_sql_query_get_params (SySqlQuery *self)
{
  return self->params;
}

static gboolean
filter_error (GError    **error,
              const char *path,
              const char *format,
              ...) G_GNUC_PRINTF (3, 4);

static gboolean
filter_error (GError    **error,
              const char *path,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL && *path != '\0')
    g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                 _("invalid filter: %s: %s"), path, message);
  else
    g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                 _("invalid filter: %s"), message);
  return FALSE;
}

/* ── Paths ─────────────────────────────────────────────────────────────── */

static const SyCollectionField *
lookup_member (SyCollection *collection,
               const char   *name)
{
  if (g_str_equal (name, SY_RECORD_ID))
    return &id_field;
  if (g_str_equal (name, SY_RECORD_CREATED_AT))
    return &created_field;
  if (g_str_equal (name, SY_RECORD_UPDATED_AT))
    return &updated_field;

  return sy_collection_lookup_field (collection, name);
}

/* The alias of the table reached through the belongs-to `field` of the
 * table `alias`, joining it on first use. */
static char *
join_target (SySqlQuery              *self,
             const char              *prefix,
             const char              *alias,
             const SyCollectionField *field)
{
  const char *known = g_hash_table_lookup (self->aliases, prefix);
  g_autofree char *table = NULL;
  g_autofree char *column = NULL;
  char *joined;

  if (known != NULL)
    return g_strdup (known);

  joined = g_strdup_printf ("j%u", ++self->n_joins);
  table = sy_sql_quote_name (field->target);
  column = sy_sql_quote_name (field->name);
  g_string_append_printf (self->from, " LEFT JOIN %s AS \"%s\" ON \"%s\".\"id\" = \"%s\".%s",
                          table, joined, joined, alias, column);
  g_hash_table_insert (self->aliases, g_strdup (prefix), g_strdup (joined));

  return joined;
}

/* Resolves "qty" or "product.category.name" from the root. */
static gboolean
resolve_path (SySqlQuery  *self,
              const char  *path,
              const char  *where,
              Column      *out,
              GError     **error)
{
  g_auto(GStrv) segments = g_strsplit (path, ".", -1);
  g_autoptr(GString) prefix = g_string_new (NULL);
  g_autoptr(SyCollection) collection = g_object_ref (self->root);
  g_autofree char *alias = g_strdup ("t");

  for (guint i = 0; segments[i] != NULL; i++)
    {
      const SyCollectionField *field = lookup_member (collection, segments[i]);
      g_autofree char *quoted = NULL;

      if (field == NULL)
        return filter_error (error, where, _("the collection “%s” has no field “%s”"),
                             sy_collection_get_name (collection), segments[i]);

      if (prefix->len > 0)
        g_string_append_c (prefix, '.');
      g_string_append (prefix, segments[i]);

      if (segments[i + 1] == NULL)
        {
          quoted = sy_sql_quote_name (field->name);
          out->column = g_strdup_printf ("\"%s\".%s", alias, quoted);
          out->field = field;
          return TRUE;
        }

      if (field->type != SY_FIELD_TYPE_BELONGS_TO)
        return filter_error (error, where, _("“%s” is not a belongs-to field; “%s” cannot go through it"),
                             segments[i], path);

      {
        SyCollection *target = self->resolve != NULL ? self->resolve (field->target, self->resolve_data) : NULL;
        char *next;

        if (target == NULL)
          return filter_error (error, where, _("“%s” points to the unknown collection “%s”"),
                               segments[i], field->target);
        next = join_target (self, prefix->str, alias, field);
        g_free (alias);
        alias = next;
        g_set_object (&collection, target);
      }
    }

  return filter_error (error, where, _("empty field name"));
}

/* ── Values ────────────────────────────────────────────────────────────── */

static void
add_param (SySqlQuery *self,
           GString    *sql,
           JsonNode   *value)
{
  g_ptr_array_add (self->params, value);
  g_string_append_printf (sql, "?%u", self->params->len);
}

static JsonNode *
text_param (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

static JsonNode *
text_param_take (char *text)
{
  JsonNode *node = text_param (text);

  g_free (text);
  return node;
}

/* A value compared with the field: checked and normalized as a write
 * would be. JSON fields compare their stored text. */
static JsonNode *
comparable_value (const Column *column,
                  JsonNode     *value,
                  const char   *where,
                  GError      **error)
{
  g_autoptr(GError) local = NULL;
  JsonNode *checked;

  if (column->field->type == SY_FIELD_TYPE_JSON)
    {
      g_autofree char *text = json_to_string (value, FALSE);

      return text_param (text);
    }

  checked = sy_collection_field_check_value (column->field, value, &local);
  if (checked == NULL)
    {
      /* The check names the field; the path here is more precise. */
      const char *reason = strchr (local->message, ':');

      filter_error (error, where, "%s", reason != NULL ? reason + 2 : local->message);
      return NULL;
    }

  /* Booleans are stored as 0 and 1. */
  if (JSON_NODE_HOLDS_VALUE (checked) && json_node_get_value_type (checked) == G_TYPE_BOOLEAN)
    {
      gboolean flag = json_node_get_boolean (checked);

      json_node_set_int (checked, flag ? 1 : 0);
    }

  return checked;
}

/* Text for LIKE and the like: strings, or numbers written as text. */
static char *
text_operand (JsonNode   *value,
              const char *where,
              GError    **error)
{
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
    {
      GType type = json_node_get_value_type (value);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (value));
      if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
        return json_to_string (value, FALSE);
    }

  filter_error (error, where, _("expected text"));
  return NULL;
}

static char *
like_pattern (const char *text,
              gboolean    leading,
              gboolean    trailing)
{
  g_autoptr(GString) pattern = g_string_new (leading ? "%" : "");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  if (trailing)
    g_string_append_c (pattern, '%');

  return g_string_free (g_steal_pointer (&pattern), FALSE);
}

/* "{{$system.dateRange.today}}" typed as text (the command line) → the range. */
static JsonNode *
resolve_date_range_text (JsonNode *value)
{
  g_autoptr(SyVariables) variables = NULL;
  g_autofree char *path = NULL;
  const char *text;
  gsize length;
  gboolean found = FALSE;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (value);
  length = strlen (text);
  if (length < 5 || !g_str_has_prefix (text, "{{") || !g_str_has_suffix (text, "}}"))
    return NULL;

  path = g_strstrip (g_strndup (text + 2, length - 4));
  if (!g_str_has_prefix (path, "$system.dateRange."))
    return NULL;

  variables = sy_variables_new ();
  return sy_variables_lookup (variables, path, &found, NULL);
}

typedef enum { RANGE_NONE, RANGE_FOUND, RANGE_INVALID } RangeKind;

/* [start, end] of date or date-time text, for a date or datetime field. */
static RangeKind
get_range (const Column *column,
           JsonNode     *value,
           JsonNode    **start,
           JsonNode    **end,
           const char   *where,
           GError      **error)
{
  JsonArray *array;

  if (column->field->type != SY_FIELD_TYPE_DATE && column->field->type != SY_FIELD_TYPE_DATETIME)
    return RANGE_NONE;
  if (value == NULL || !JSON_NODE_HOLDS_ARRAY (value) || json_array_get_length (json_node_get_array (value)) != 2)
    return RANGE_NONE;

  array = json_node_get_array (value);
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *bound = json_array_get_element (array, i);
      g_autoptr(JsonNode) usable = NULL;
      JsonNode *checked;

      if (!JSON_NODE_HOLDS_VALUE (bound) || json_node_get_value_type (bound) != G_TYPE_STRING)
        {
          g_clear_pointer (start, json_node_unref);
          filter_error (error, where, _("a date range is two dates or times"));
          return RANGE_INVALID;
        }

      /* A range of local times limits dates by their local day. */
      if (column->field->type == SY_FIELD_TYPE_DATE && strlen (json_node_get_string (bound)) > 10)
        {
          g_autofree char *day = g_strndup (json_node_get_string (bound), 10);

          usable = text_param (day);
        }
      else
        usable = json_node_ref (bound);

      checked = comparable_value (column, usable, where, error);
      if (checked == NULL)
        {
          g_clear_pointer (start, json_node_unref);
          return RANGE_INVALID;
        }
      if (i == 0)
        *start = checked;
      else
        *end = checked;
    }

  return RANGE_FOUND;
}

/* ── Conditions ────────────────────────────────────────────────────────── */

static gboolean compile_filter (SySqlQuery *self,
                                GString    *sql,
                                JsonNode   *filter,
                                const char *prefix,
                                const char *where,
                                GError    **error);

static const char * const comparisons[][2] = {
  { "$gt", ">" }, { "$gte", ">=" }, { "$lt", "<" }, { "$lte", "<=" },
};

static gboolean
compile_range (SySqlQuery   *self,
               GString      *sql,
               const Column *column,
               const char   *op,
               JsonNode     *start,
               JsonNode     *end)
{
  if (g_str_equal (op, "$eq") || g_str_equal (op, "$ne"))
    {
      if (g_str_equal (op, "$eq"))
        g_string_append_printf (sql, "(%s >= ", column->column);
      else
        g_string_append_printf (sql, "(%s IS NULL OR NOT (%s >= ", column->column, column->column);
      add_param (self, sql, json_node_ref (start));
      g_string_append_printf (sql, " AND %s <= ", column->column);
      add_param (self, sql, json_node_ref (end));
      g_string_append (sql, g_str_equal (op, "$eq") ? ")" : "))");
      return TRUE;
    }

  /* After the range, from its start, before it, up to its end. */
  for (guint i = 0; i < G_N_ELEMENTS (comparisons); i++)
    if (g_str_equal (op, comparisons[i][0]))
      {
        gboolean uses_end = g_str_equal (op, "$gt") || g_str_equal (op, "$lte");

        g_string_append_printf (sql, "%s %s ", column->column, comparisons[i][1]);
        add_param (self, sql, json_node_ref (uses_end ? end : start));
        return TRUE;
      }

  return FALSE;
}

static gboolean
compile_list (SySqlQuery   *self,
              GString      *sql,
              const Column *column,
              gboolean      negate,
              JsonNode     *value,
              const char   *where,
              GError      **error)
{
  JsonArray *array;
  gboolean has_null = FALSE;
  guint n_values = 0;
  g_autoptr(GString) list = g_string_new (NULL);

  if (value == NULL || !JSON_NODE_HOLDS_ARRAY (value))
    return filter_error (error, where, _("expected a list of values"));

  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *at = g_strdup_printf ("%s[%u]", where, i);
      JsonNode *checked;

      if (JSON_NODE_HOLDS_NULL (element))
        {
          has_null = TRUE;
          continue;
        }
      checked = comparable_value (column, element, at, error);
      if (checked == NULL)
        return FALSE;
      if (n_values++ > 0)
        g_string_append (list, ", ");
      add_param (self, list, checked);
    }

  if (!negate)
    {
      if (n_values == 0 && !has_null)
        g_string_append (sql, "0");
      else if (n_values == 0)
        g_string_append_printf (sql, "%s IS NULL", column->column);
      else
        g_string_append_printf (sql, "(%s IN (%s)%s%s%s)", column->column, list->str,
                                has_null ? " OR " : "", has_null ? column->column : "",
                                has_null ? " IS NULL" : "");
    }
  else
    {
      if (n_values == 0 && !has_null)
        g_string_append (sql, "1");
      else if (n_values == 0)
        g_string_append_printf (sql, "%s IS NOT NULL", column->column);
      else if (has_null)
        g_string_append_printf (sql, "(%s IS NOT NULL AND %s NOT IN (%s))", column->column, column->column,
                                list->str);
      else
        g_string_append_printf (sql, "(%s IS NULL OR %s NOT IN (%s))", column->column, column->column,
                                list->str);
    }

  return TRUE;
}

/* $includes: text contains (any of several texts); for a JSON field, the
 * list holds the value. */
static gboolean
compile_includes (SySqlQuery   *self,
                  GString      *sql,
                  const Column *column,
                  gboolean      negate,
                  JsonNode     *value,
                  const char   *where,
                  GError      **error)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  if (value != NULL && JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (wanted, json_node_ref (json_array_get_element (array, i)));
    }
  else if (value != NULL)
    g_ptr_array_add (wanted, json_node_ref (value));

  if (wanted->len == 0)
    return filter_error (error, where, _("expected a value or a list of values"));

  g_string_append_c (sql, '(');
  if (negate)
    g_string_append_printf (sql, "%s IS NULL OR NOT (", column->column);

  for (guint i = 0; i < wanted->len; i++)
    {
      JsonNode *element = g_ptr_array_index (wanted, i);

      if (i > 0)
        g_string_append (sql, " OR ");

      if (column->field->type == SY_FIELD_TYPE_JSON)
        {
          /* A JSON list holds the value; an object has it as a value. */
          g_string_append_printf (sql, "(json_valid (%s) AND EXISTS (SELECT 1 FROM json_each (%s) AS \"e\""
                                       " WHERE \"e\".\"value\" = ",
                                  column->column, column->column);
          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_BOOLEAN)
            {
              JsonNode *flag = json_node_new (JSON_NODE_VALUE);

              json_node_set_int (flag, json_node_get_boolean (element) ? 1 : 0);
              add_param (self, sql, flag);
            }
          else
            add_param (self, sql, sy_json_node_deep_copy (element));
          g_string_append (sql, "))");
        }
      else
        {
          g_autofree char *at = wanted->len > 1 ? g_strdup_printf ("%s[%u]", where, i) : g_strdup (where);
          g_autofree char *text = text_operand (element, at, error);

          if (text == NULL)
            return FALSE;
          g_string_append_printf (sql, "%s LIKE ", column->column);
          add_param (self, sql, text_param_take (like_pattern (text, TRUE, TRUE)));
          g_string_append (sql, " ESCAPE '\\'");
        }
    }

  g_string_append (sql, negate ? "))" : ")");
  return TRUE;
}

static gboolean
compile_emptiness (GString      *sql,
                   const Column *column,
                   gboolean      negate)
{
  const char *c = column->column;

  switch (column->field->type)
    {
    case SY_FIELD_TYPE_STRING:
    case SY_FIELD_TYPE_TEXT:
    case SY_FIELD_TYPE_CHOICE:
    case SY_FIELD_TYPE_DATE:
    case SY_FIELD_TYPE_DATETIME:
      g_string_append_printf (sql, negate ? "(%s IS NOT NULL AND %s <> '')" : "(%s IS NULL OR %s = '')", c, c);
      break;

    case SY_FIELD_TYPE_JSON:
      g_string_append_printf (sql,
                              negate ? "(%s IS NOT NULL AND %s NOT IN ('', 'null', '[]', '{}', '\"\"'))"
                                     : "(%s IS NULL OR %s IN ('', 'null', '[]', '{}', '\"\"'))",
                              c, c);
      break;

    case SY_FIELD_TYPE_INTEGER:
    case SY_FIELD_TYPE_NUMBER:
    case SY_FIELD_TYPE_BOOLEAN:
    case SY_FIELD_TYPE_BELONGS_TO:
    default:
      g_string_append_printf (sql, negate ? "%s IS NOT NULL" : "%s IS NULL", c);
      break;
    }

  return TRUE;
}

static gboolean
compile_operator (SySqlQuery   *self,
                  GString      *sql,
                  const Column *column,
                  const char   *op,
                  JsonNode     *value,
                  const char   *where,
                  GError      **error)
{
  g_autoptr(JsonNode) range_text = resolve_date_range_text (value);
  g_autoptr(JsonNode) start = NULL;
  g_autoptr(JsonNode) end = NULL;

  if (range_text != NULL)
    value = range_text;

  if (g_str_equal (op, "$empty") || g_str_equal (op, "$notEmpty"))
    return compile_emptiness (sql, column, g_str_equal (op, "$notEmpty"));
  if (g_str_equal (op, "$in") || g_str_equal (op, "$notIn"))
    return compile_list (self, sql, column, g_str_equal (op, "$notIn"), value, where, error);
  if (g_str_equal (op, "$includes") || g_str_equal (op, "$notIncludes"))
    return compile_includes (self, sql, column, g_str_equal (op, "$notIncludes"), value, where, error);

  if (g_str_equal (op, "$startsWith") || g_str_equal (op, "$endsWith"))
    {
      g_autofree char *text = text_operand (value, where, error);
      gboolean starts = g_str_equal (op, "$startsWith");

      if (text == NULL)
        return FALSE;
      g_string_append_printf (sql, "%s LIKE ", column->column);
      add_param (self, sql, text_param_take (like_pattern (text, !starts, starts)));
      g_string_append (sql, " ESCAPE '\\'");
      return TRUE;
    }

  if (!g_str_equal (op, "$eq") && !g_str_equal (op, "$ne") && !g_str_equal (op, "$gt") &&
      !g_str_equal (op, "$gte") && !g_str_equal (op, "$lt") && !g_str_equal (op, "$lte"))
    return filter_error (error, where,
                         _("unknown operator “%s” (expected $eq, $ne, $gt, $gte, $lt, $lte, $in, $notIn, "
                           "$includes, $notIncludes, $startsWith, $endsWith, $empty or $notEmpty)"),
                         op);

  switch (get_range (column, value, &start, &end, where, error))
    {
    case RANGE_FOUND:
      return compile_range (self, sql, column, op, start, end);
    case RANGE_INVALID:
      return FALSE;
    case RANGE_NONE:
    default:
      break;
    }

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      if (g_str_equal (op, "$eq") || g_str_equal (op, "$ne"))
        {
          g_string_append_printf (sql, g_str_equal (op, "$eq") ? "%s IS NULL" : "%s IS NOT NULL",
                                  column->column);
          return TRUE;
        }
      return filter_error (error, where, _("cannot compare with null"));
    }

  if (!JSON_NODE_HOLDS_VALUE (value) && column->field->type != SY_FIELD_TYPE_JSON &&
      !(column->field->type == SY_FIELD_TYPE_BELONGS_TO && JSON_NODE_HOLDS_OBJECT (value)))
    return filter_error (error, where, _("expected a single value"));

  {
    JsonNode *checked = comparable_value (column, value, where, error);

    if (checked == NULL)
      return FALSE;

    if (g_str_equal (op, "$eq"))
      g_string_append_printf (sql, "%s = ", column->column);
    else if (g_str_equal (op, "$ne"))
      /* NocoBase's $ne keeps records that have no value. */
      g_string_append_printf (sql, "%s IS NOT ", column->column);
    else
      for (guint i = 0; i < G_N_ELEMENTS (comparisons); i++)
        if (g_str_equal (op, comparisons[i][0]))
          g_string_append_printf (sql, "%s %s ", column->column, comparisons[i][1]);
    add_param (self, sql, checked);
  }

  return TRUE;
}

static gboolean
is_operator_object (JsonNode *node)
{
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node) || json_object_get_size (json_node_get_object (node)) == 0)
    return FALSE;

  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    if (((const char *) l->data)[0] != '$')
      return FALSE;

  return TRUE;
}

/* {"field": <condition>}: operators, a shorthand value, or a nested filter
 * through a belongs-to. */
static gboolean
compile_field (SySqlQuery *self,
               GString    *sql,
               const char *path,
               JsonNode   *condition,
               const char *where,
               GError    **error)
{
  g_auto(Column) column = { 0 };
  g_autoptr(GList) members = NULL;
  guint n = 0;

  if (!resolve_path (self, path, where, &column, error))
    return FALSE;

  /* {"product": {"title": …}} filters the product. */
  if (JSON_NODE_HOLDS_OBJECT (condition) && column.field->type == SY_FIELD_TYPE_BELONGS_TO &&
      json_object_get_size (json_node_get_object (condition)) > 0 && !is_operator_object (condition))
    return compile_filter (self, sql, condition, path, where, error);

  if (!is_operator_object (condition))
    return compile_operator (self, sql, &column, "$eq", condition, where, error);

  members = json_object_get_members (json_node_get_object (condition));
  g_string_append_c (sql, '(');
  for (GList *l = members; l != NULL; l = l->next, n++)
    {
      g_autofree char *at = g_strdup_printf ("%s.%s", where, (const char *) l->data);

      if (n > 0)
        g_string_append (sql, " AND ");
      if (!compile_operator (self, sql, &column, l->data,
                             json_object_get_member (json_node_get_object (condition), l->data), at, error))
        return FALSE;
    }
  g_string_append_c (sql, ')');

  return TRUE;
}

static gboolean
compile_group (SySqlQuery *self,
               GString    *sql,
               const char *op,
               JsonNode   *members,
               const char *prefix,
               const char *where,
               GError    **error)
{
  g_autoptr(GString) inner = g_string_new (NULL);
  JsonArray *array;
  guint n = 0;

  if (JSON_NODE_HOLDS_OBJECT (members))
    return compile_filter (self, sql, members, prefix, where, error);
  if (!JSON_NODE_HOLDS_ARRAY (members))
    return filter_error (error, where, _("expected a list of filters"));

  array = json_node_get_array (members);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GString) part = g_string_new (NULL);
      g_autofree char *at = g_strdup_printf ("%s[%u]", where, i);

      if (!compile_filter (self, part, json_array_get_element (array, i), prefix, at, error))
        return FALSE;
      if (part->len == 0)
        continue;
      if (n++ > 0)
        g_string_append (inner, g_str_equal (op, "$and") ? " AND " : " OR ");
      g_string_append (inner, part->str);
    }

  if (n > 0)
    g_string_append_printf (sql, "(%s)", inner->str);

  return TRUE;
}

/* Appends the condition of `filter` to `sql`; nothing for an empty filter.
 * `prefix` is the belongs-to path the filter is nested in ("" at the root). */
static gboolean
compile_filter (SySqlQuery *self,
                GString    *sql,
                JsonNode   *filter,
                const char *prefix,
                const char *where,
                GError    **error)
{
  g_autoptr(GList) members = NULL;
  g_autoptr(GString) inner = g_string_new (NULL);
  JsonObject *object;
  guint n = 0;

  if (filter == NULL || JSON_NODE_HOLDS_NULL (filter))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (filter))
    return filter_error (error, where, _("a filter must be a JSON object"));

  object = json_node_get_object (filter);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *member = json_object_get_member (object, name);
      g_autoptr(GString) part = g_string_new (NULL);
      g_autofree char *at = *where != '\0' ? g_strdup_printf ("%s.%s", where, name) : g_strdup (name);

      if (g_str_equal (name, "$and") || g_str_equal (name, "$or"))
        {
          if (!compile_group (self, part, name, member, prefix, at, error))
            return FALSE;
        }
      else if (name[0] == '$')
        return filter_error (error, at, _("“%s” is not a logical operator (expected $and or $or)"), name);
      else
        {
          g_autofree char *path = *prefix != '\0' ? g_strdup_printf ("%s.%s", prefix, name) : g_strdup (name);

          if (!compile_field (self, part, path, member, at, error))
            return FALSE;
        }

      if (part->len == 0)
        continue;
      if (n++ > 0)
        g_string_append (inner, " AND ");
      g_string_append (inner, part->str);
    }

  if (n == 1)
    g_string_append (sql, inner->str);
  else if (n > 1)
    g_string_append_printf (sql, "(%s)", inner->str);

  return TRUE;
}

gboolean
sy_sql_query_add_filter (SySqlQuery *self,
                         JsonNode   *filter,
                         GError    **error)
{
  g_autoptr(GString) condition = g_string_new (NULL);
  guint n_params = self->params->len;

  if (!compile_filter (self, condition, filter, "", "", error))
    {
      g_ptr_array_set_size (self->params, n_params);
      return FALSE;
    }

  if (condition->len == 0)
    return TRUE;

  g_string_append (self->where, self->where->len == 0 ? " WHERE " : " AND ");
  g_string_append (self->where, condition->str);

  return TRUE;
}

/* Reasons of path errors are the filter's; said here about `what`. */
static void
path_error (GError    **error,
            const char *what,
            GError     *local)
{
  const char *prefix = _("invalid filter: ");
  const char *reason = g_str_has_prefix (local->message, prefix) ? local->message + strlen (prefix)
                                                                  : local->message;

  g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID, "%s: %s", what, reason);
}

char *
sy_sql_query_column (SySqlQuery               *self,
                     const char               *path,
                     const SyCollectionField **field,
                     GError                  **error)
{
  g_auto(Column) column = { 0 };
  g_autoptr(GError) local = NULL;

  if (path == NULL || !resolve_path (self, path, NULL, &column, &local))
    {
      g_autofree char *what = g_strdup_printf (_("invalid field “%s”"), path != NULL ? path : "");

      if (local == NULL)
        g_set_error (&local, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID, _("no field given"));
      path_error (error, what, local);
      return NULL;
    }

  if (field != NULL)
    *field = column.field;
  return g_steal_pointer (&column.column);
}

gboolean
sy_sql_query_add_sort (SySqlQuery *self,
                       const char *spec,
                       GError    **error)
{
  g_auto(Column) column = { 0 };
  gboolean descending = spec != NULL && spec[0] == '-';
  const char *path = spec != NULL ? spec + (descending || spec[0] == '+' ? 1 : 0) : NULL;
  g_autoptr(GError) local = NULL;

  if (path == NULL || *path == '\0')
    {
      g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                   _("invalid sort: expected a field name, optionally with “-” for descending order"));
      return FALSE;
    }

  if (!resolve_path (self, path, NULL, &column, &local))
    {
      g_autofree char *what = g_strdup_printf (_("invalid sort “%s”"), spec);

      path_error (error, what, local);
      return FALSE;
    }

  g_string_append (self->order, self->order->len == 0 ? " ORDER BY " : ", ");
  g_string_append_printf (self->order, "%s %s", column.column, descending ? "DESC" : "ASC");

  return TRUE;
}
