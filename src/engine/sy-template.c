/* sy-template.c — {{ … }} placeholders in node configurations */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sy-template.h"

G_DEFINE_QUARK (sy-template-error-quark, sy_template_error)

/* NocoBase's placeholder alphabet besides word characters. */
#define PATH_PUNCTUATION " \t-+.,@/()?=*_$:"

void
sy_placeholder_free (SyPlaceholder *placeholder)
{
  if (placeholder == NULL)
    return;

  g_free (placeholder->path);
  g_free (placeholder->default_text);
  g_free (placeholder);
}

void
sy_template_ref_free (SyTemplateRef *ref)
{
  if (ref == NULL)
    return;

  g_free (ref->key);
  g_free (ref->json_path);
  g_free (ref);
}

/* 1-based, in characters, as people count them in an entry. */
static glong
char_position (const char *text,
               const char *at)
{
  return g_utf8_pointer_to_offset (text, at) + 1;
}

static gboolean
starts_placeholder_in_code (const char *inner)
{
  while (*inner == ' ' || *inner == '\t')
    inner++;

  return *inner == '$' || g_str_has_prefix (inner, "ctx.$");
}

/* Returns the first character not allowed in the path part, or NULL. */
static const char *
find_bad_character (const char *p,
                    const char *end,
                    gboolean    in_default)
{
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        return p;
      if (c == ':')
        in_default = TRUE;
      /* A default may be a quoted JSON string, so only braces end it. */
      if (in_default ? (c == '{' || c == '}')
                     : !(g_unichar_isalnum (c) || (c < 128 && strchr (PATH_PUNCTUATION, c) != NULL)))
        return p;
      p = g_utf8_next_char (p);
    }

  return NULL;
}

static gboolean
check_path (const char  *text,
            const char  *open,
            const char  *path,
            GError     **error)
{
  const char *root_end = strchr (path, '.');
  gsize root_length = root_end != NULL ? (gsize) (root_end - path) : strlen (path);
  g_auto(GStrv) segments = NULL;

  if (!sy_variables_is_root (path, root_length))
    {
      g_set_error (error, SY_TEMPLATE_ERROR, SY_TEMPLATE_ERROR_UNKNOWN_ROOT,
                   _("placeholder “%s” at character %ld must start with $context, $jobsMapByNodeKey, $scopes, $system or $env"),
                   path, char_position (text, open));
      return FALSE;
    }

  segments = g_strsplit (path, ".", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    if (*g_strstrip (segments[i]) == '\0')
      {
        g_set_error (error, SY_TEMPLATE_ERROR, SY_TEMPLATE_ERROR_INVALID_PATH,
                     _("placeholder “%s” at character %ld has an empty name between dots"),
                     path, char_position (text, open));
        return FALSE;
      }

  return TRUE;
}

/* Parses the placeholder whose "{{" is at @open and whose "}}" is at
 * @close. */
static SyPlaceholder *
parse_placeholder (const char  *text,
                   const char  *open,
                   const char  *close,
                   GError     **error)
{
  const char *inner = open + 2;
  const char *bad = find_bad_character (inner, close, FALSE);
  const char *colon;
  g_autofree char *path = NULL;
  g_autoptr(SyPlaceholder) placeholder = NULL;

  if (bad != NULL)
    {
      g_autofree char *shown = g_strndup (bad, g_utf8_next_char (bad) - bad);

      if (!g_utf8_validate (shown, -1, NULL))
        {
          g_free (shown);
          shown = g_strdup ("?");
        }
      g_set_error (error, SY_TEMPLATE_ERROR, SY_TEMPLATE_ERROR_INVALID_CHARACTER,
                   _("character “%s” is not allowed in a placeholder (character %ld)"),
                   shown, char_position (text, bad));
      return NULL;
    }

  colon = memchr (inner, ':', close - inner);
  path = g_strstrip (g_strndup (inner, (colon != NULL ? colon : close) - inner));
  if (*path == '\0')
    {
      g_set_error (error, SY_TEMPLATE_ERROR, SY_TEMPLATE_ERROR_EMPTY_PATH,
                   _("empty placeholder at character %ld"), char_position (text, open));
      return NULL;
    }

  if (!check_path (text, open, sy_variables_strip_alias (path), error))
    return NULL;

  placeholder = g_new0 (SyPlaceholder, 1);
  placeholder->path = g_strdup (sy_variables_strip_alias (path));
  if (colon != NULL)
    placeholder->default_text = g_strstrip (g_strndup (colon + 1, close - colon - 1));
  placeholder->start = open - text;
  placeholder->end = close + 2 - text;

  return g_steal_pointer (&placeholder);
}

/**
 * sy_template_scan:
 *
 * Returns: (transfer container) (element-type SyPlaceholder): the
 *   placeholders in order, or %NULL with @error for the first malformed one
 *   (never with %SY_TEMPLATE_SCAN_LENIENT).
 */
GPtrArray *
sy_template_scan (const char           *text,
                  SyTemplateScanFlags   flags,
                  GError              **error)
{
  g_autoptr(GPtrArray) placeholders = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_placeholder_free);
  gboolean lenient = (flags & SY_TEMPLATE_SCAN_LENIENT) != 0;
  const char *p = text;
  const char *open;

  g_return_val_if_fail (text != NULL, NULL);

  while ((open = strstr (p, "{{")) != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      const char *close;
      SyPlaceholder *placeholder;

      if ((flags & SY_TEMPLATE_SCAN_CODE) != 0 && !starts_placeholder_in_code (open + 2))
        {
          p = open + 1;
          continue;
        }

      close = strstr (open + 2, "}}");
      if (close == NULL)
        {
          if (lenient)
            break;
          g_set_error (error, SY_TEMPLATE_ERROR, SY_TEMPLATE_ERROR_UNCLOSED,
                       _("unclosed “{{” at character %ld"), char_position (text, open));
          return NULL;
        }

      placeholder = parse_placeholder (text, open, close, &local_error);
      if (placeholder == NULL)
        {
          if (!lenient)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          /* Not ours (e.g. "{{{"): go on one character later. */
          p = open + 1;
          continue;
        }

      g_ptr_array_add (placeholders, placeholder);
      p = close + 2;
    }

  return g_steal_pointer (&placeholders);
}

/**
 * sy_placeholder_get_default:
 *
 * Returns: (transfer full) (nullable): the default as JSON when it parses as
 *   JSON (1, true, null, "text"), else as a string; %NULL without a default.
 */
JsonNode *
sy_placeholder_get_default (const SyPlaceholder *placeholder)
{
  JsonNode *node;

  if (placeholder->default_text == NULL)
    return NULL;

  node = json_from_string (placeholder->default_text, NULL);
  if (node != NULL)
    return node;

  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, placeholder->default_text);
  return node;
}

/**
 * sy_placeholder_resolve:
 *
 * Returns: (transfer full): the value, the default when the value is
 *   missing, else JSON null; %NULL only with @error set.
 */
JsonNode *
sy_placeholder_resolve (const SyPlaceholder  *placeholder,
                        SyVariables          *variables,
                        GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean found = FALSE;
  JsonNode *value;

  value = sy_variables_lookup (variables, placeholder->path, &found, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (found)
    return value;

  value = sy_placeholder_get_default (placeholder);
  if (value == NULL)
    value = json_node_new (JSON_NODE_NULL);

  return value;
}

/* The shortest text that reads back as the same double, like JavaScript:
 * 3.0 → "3", 0.1 → "0.1". */
static char *
number_to_text (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("");

  if (value == floor (value) && fabs (value) < 9.2e18)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  return g_strdup (buffer);
}

/**
 * sy_template_value_to_text:
 *
 * How a value reads inside a mixed string: null → "", strings raw, numbers
 * without a trailing ".0", anything else as compact JSON.
 */
char *
sy_template_value_to_text (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");

  if (JSON_NODE_HOLDS_VALUE (value))
    {
      switch (json_node_get_value_type (value))
        {
        case G_TYPE_STRING:
          return g_strdup (json_node_get_string (value));
        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
        case G_TYPE_DOUBLE:
          return number_to_text (json_node_get_double (value));
        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (value) ? "true" : "false");
        default:
          break;
        }
    }

  return json_to_string (value, FALSE);
}

JsonNode *
sy_template_render_string (const char  *text,
                           SyVariables *variables,
                           GError     **error)
{
  g_autoptr(GPtrArray) placeholders = sy_template_scan (text, SY_TEMPLATE_SCAN_LENIENT, NULL);
  g_autofree char *interpolated = NULL;
  JsonNode *node;

  if (placeholders->len == 1)
    {
      SyPlaceholder *only = g_ptr_array_index (placeholders, 0);

      if (only->start == 0 && text[only->end] == '\0')
        return sy_placeholder_resolve (only, variables, error);
    }

  interpolated = sy_template_interpolate (text, variables, error);
  if (interpolated == NULL)
    return NULL;

  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, interpolated);
  return node;
}

/**
 * sy_template_interpolate:
 *
 * Returns: (transfer full): @text with every placeholder replaced by its
 *   value as text, even when @text is a single placeholder.
 */
char *
sy_template_interpolate (const char  *text,
                         SyVariables *variables,
                         GError     **error)
{
  g_autoptr(GPtrArray) placeholders = sy_template_scan (text, SY_TEMPLATE_SCAN_LENIENT, NULL);
  g_autoptr(GString) result = g_string_new (NULL);
  gsize done = 0;

  for (guint i = 0; i < placeholders->len; i++)
    {
      SyPlaceholder *placeholder = g_ptr_array_index (placeholders, i);
      g_autoptr(JsonNode) value = sy_placeholder_resolve (placeholder, variables, error);
      g_autofree char *value_text = NULL;

      if (value == NULL)
        return NULL;

      value_text = sy_template_value_to_text (value);
      g_string_append_len (result, text + done, placeholder->start - done);
      g_string_append (result, value_text);
      done = placeholder->end;
    }

  g_string_append (result, text + done);
  return g_string_free (g_steal_pointer (&result), FALSE);
}

/**
 * sy_template_render:
 * @config: any JSON; objects and arrays are walked, keys are templated too
 *
 * Returns: (transfer full): a new tree with every string rendered; %NULL
 *   with @error set.
 */
JsonNode *
sy_template_render (JsonNode    *config,
                    SyVariables *variables,
                    GError     **error)
{
  g_return_val_if_fail (variables != NULL, NULL);

  if (config == NULL)
    return json_node_new (JSON_NODE_NULL);

  switch (json_node_get_node_type (config))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(JsonObject) object = json_object_new ();
        g_autoptr(GList) members = json_object_get_members (json_node_get_object (config));
        JsonNode *node;

        for (GList *l = members; l != NULL; l = l->next)
          {
            JsonNode *member = json_object_get_member (json_node_get_object (config), l->data);
            g_autofree char *key = sy_template_interpolate (l->data, variables, error);
            JsonNode *value;

            if (key == NULL)
              return NULL;
            value = sy_template_render (member, variables, error);
            if (value == NULL)
              return NULL;
            json_object_set_member (object, key, value);
          }

        node = json_node_new (JSON_NODE_OBJECT);
        json_node_set_object (node, object);
        return node;
      }

    case JSON_NODE_ARRAY:
      {
        g_autoptr(JsonArray) array = json_array_new ();
        JsonArray *source = json_node_get_array (config);
        JsonNode *node;

        for (guint i = 0; i < json_array_get_length (source); i++)
          {
            JsonNode *value = sy_template_render (json_array_get_element (source, i), variables, error);

            if (value == NULL)
              return NULL;
            json_array_add_element (array, value);
          }

        node = json_node_new (JSON_NODE_ARRAY);
        json_node_set_array (node, array);
        return node;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (config) == G_TYPE_STRING)
        return sy_template_render_string (json_node_get_string (config), variables, error);
      return json_node_copy (config);

    case JSON_NODE_NULL:
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

typedef void (*StringVisitor) (const char *text,
                               const char *json_path,
                               gpointer    data);

/* Calls @visit for every string (keys included) with its JSON path. */
static void
visit_strings (JsonNode     *node,
               const char   *json_path,
               StringVisitor visit,
               gpointer      data)
{
  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *member_path = *json_path != '\0'
                                           ? g_strdup_printf ("%s.%s", json_path, (char *) l->data)
                                           : g_strdup (l->data);

          visit (l->data, member_path, data);
          visit_strings (json_object_get_member (object, l->data), member_path, visit, data);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *element_path = g_strdup_printf ("%s[%u]", json_path, i);

          visit_strings (json_array_get_element (array, i), element_path, visit, data);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    visit (json_node_get_string (node), json_path, data);
}

static void
collect_refs_in_string (const char *text,
                        const char *json_path,
                        gpointer    data)
{
  GPtrArray *refs = data;
  g_autoptr(GPtrArray) placeholders = sy_template_scan (text, SY_TEMPLATE_SCAN_LENIENT, NULL);

  for (guint i = 0; i < placeholders->len; i++)
    {
      SyPlaceholder *placeholder = g_ptr_array_index (placeholders, i);
      g_auto(GStrv) segments = g_strsplit (placeholder->path, ".", 3);
      SyTemplateRef *ref;

      if (segments[0] == NULL || segments[1] == NULL)
        continue;

      ref = g_new0 (SyTemplateRef, 1);
      if (g_str_equal (segments[0], "$jobsMapByNodeKey"))
        ref->kind = SY_TEMPLATE_REF_NODE;
      else if (g_str_equal (segments[0], "$scopes"))
        ref->kind = SY_TEMPLATE_REF_LOOP;
      else
        {
          g_free (ref);
          continue;
        }
      ref->key = g_strdup (g_strstrip (segments[1]));
      ref->json_path = g_strdup (json_path);
      g_ptr_array_add (refs, ref);
    }
}

/**
 * sy_template_collect_node_refs:
 * @config: a node's configuration (any JSON)
 * @base_path: (nullable): prefix of the JSON paths, e.g. "nodes[2].config"
 *
 * Returns: (transfer container) (element-type SyTemplateRef): every node key
 *   read through $jobsMapByNodeKey and loop key read through $scopes, in
 *   document order (repeats included, so each use can be reported).
 */
GPtrArray *
sy_template_collect_node_refs (JsonNode   *config,
                               const char *base_path)
{
  GPtrArray *refs = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_template_ref_free);

  visit_strings (config, base_path != NULL ? base_path : "", collect_refs_in_string, refs);
  return refs;
}

typedef struct
{
  SyTemplateScanFlags  flags;
  GPtrArray           *problems;
  guint                count;
} CheckData;

static void
check_string (const char *text,
              const char *json_path,
              gpointer    data)
{
  CheckData *check = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) placeholders = sy_template_scan (text, check->flags & ~SY_TEMPLATE_SCAN_LENIENT, &error);

  if (placeholders != NULL)
    return;

  check->count++;
  if (check->problems != NULL)
    g_ptr_array_add (check->problems, g_strdup_printf ("%s: %s", json_path, error->message));
}

/**
 * sy_template_check:
 * @problems: (nullable) (element-type utf8): receives "path: message" for
 *   each string with a malformed placeholder
 *
 * Returns: the number of strings with a malformed placeholder.
 */
guint
sy_template_check (JsonNode            *config,
                   const char          *base_path,
                   SyTemplateScanFlags  flags,
                   GPtrArray           *problems)
{
  CheckData check = { flags, problems, 0 };

  visit_strings (config, base_path != NULL ? base_path : "", check_string, &check);
  return check.count;
}
