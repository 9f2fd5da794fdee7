/* sy-node-helpers.c — what several node kinds share */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sy-condition-rules.h"
#include "sy-expression.h"
#include "sy-node-helpers.h"

const char * const sy_condition_engines[] = { "basic", "jq", "lua", NULL };
const char * const sy_condition_engine_labels[] = { N_("Rules"), N_("jq"), N_("Lua"), NULL };

gboolean
sy_value_is_truthy (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return FALSE;

  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (value);

  return TRUE;
}

/* 2^53: beyond it doubles are not exact integers any more. */
#define MAX_SAFE_INTEGER 9007199254740992.0

static JsonNode *
round_number (double value)
{
  /* Printing with 9 decimals rounds in decimal, which multiplying by 1e9
   * cannot do for large magnitudes without losing precision. */
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 320];
  double rounded;

  if (!isfinite (value))
    return json_node_new (JSON_NODE_NULL);

  g_ascii_formatd (buffer, sizeof buffer, "%.9f", value);
  rounded = g_ascii_strtod (buffer, NULL);
  if (rounded == 0)
    rounded = 0; /* no "-0" */

  if (rounded == floor (rounded) && fabs (rounded) <= MAX_SAFE_INTEGER)
    return json_node_init_int (json_node_alloc (), (gint64) rounded);

  return json_node_init_double (json_node_alloc (), rounded);
}

JsonNode *
sy_value_round_numbers (JsonNode *value)
{
  if (value == NULL)
    return json_node_new (JSON_NODE_NULL);

  switch (json_node_get_node_type (value))
    {
    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (value);
        g_autoptr(JsonArray) array = json_array_sized_new (json_array_get_length (source));

        for (guint i = 0; i < json_array_get_length (source); i++)
          json_array_add_element (array, sy_value_round_numbers (json_array_get_element (source, i)));

        return json_node_init_array (json_node_alloc (), array);
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *source = json_node_get_object (value);
        g_autoptr(JsonObject) object = json_object_new ();
        g_autoptr(GList) members = json_object_get_members (source);

        for (GList *l = members; l != NULL; l = l->next)
          json_object_set_member (object, l->data,
                                  sy_value_round_numbers (json_object_get_member (source, l->data)));

        return json_node_init_object (json_node_alloc (), object);
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (value) == G_TYPE_DOUBLE)
        return round_number (json_node_get_double (value));
      return json_node_copy (value);

    case JSON_NODE_NULL:
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

JsonNode *
sy_json_boolean_new (gboolean value)
{
  return json_node_init_boolean (json_node_alloc (), value);
}

const char *
sy_object_get_string (JsonObject *object,
                      const char *member,
                      const char *fallback)
{
  JsonNode *value = object != NULL ? json_object_get_member (object, member) : NULL;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    return fallback;

  return json_node_get_string (value);
}

const char *
sy_node_config_string (SyNode     *node,
                       const char *member,
                       const char *fallback)
{
  return sy_object_get_string (sy_node_get_config (node), member, fallback);
}

gboolean
sy_condition_evaluate (const char   *engine,
                       JsonNode     *calculation,
                       const char   *expression,
                       SyVariables  *variables,
                       gboolean     *result,
                       GError      **error)
{
  g_autoptr(SyExpression) compiled = NULL;
  g_autoptr(JsonNode) value = NULL;

  if (engine == NULL || g_str_equal (engine, "basic"))
    return sy_condition_rules_evaluate (calculation, result, error);

  /* Only jq and Lua decide conditions; "string" would make any text true. */
  if (!g_str_equal (engine, "jq") && !g_str_equal (engine, "lua"))
    {
      g_set_error (error, SY_EXPRESSION_ERROR, SY_EXPRESSION_ERROR_UNKNOWN_ENGINE,
                   _("unknown condition engine “%s” (expected basic, jq or lua)"), engine);
      return FALSE;
    }

  compiled = sy_expression_compile (engine, expression != NULL ? expression : "", error);
  if (compiled == NULL)
    return FALSE;

  value = sy_expression_evaluate (compiled, variables, error);
  if (value == NULL)
    return FALSE;

  *result = sy_value_is_truthy (value);
  return TRUE;
}

static gboolean
is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

void
sy_check_expression (JsonObject   *object,
                     const char   *member,
                     const char   *engine,
                     SyValidation *validation)
{
  const char *text = sy_object_get_string (object, member, NULL);
  g_autoptr(SyExpression) compiled = NULL;
  g_autoptr(GError) error = NULL;
  const char *p = text;

  while (p != NULL && g_ascii_isspace (*p))
    p++;
  if (p == NULL || *p == '\0')
    {
      sy_validation_add (validation, member, _("an expression is required"));
      return;
    }

  compiled = sy_expression_compile (engine, text, &error);
  if (compiled == NULL)
    sy_validation_add (validation, member, "%s", error->message);
}

const char *
sy_check_choice (JsonObject         *object,
                 const char         *member,
                 const char * const *choices,
                 const char         *fallback,
                 SyValidation       *validation)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value = sy_object_get_string (object, member, NULL);

  if (is_null (node))
    return fallback;

  if (value == NULL || !g_strv_contains (choices, value))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) choices);

      sy_validation_add (validation, member, _("must be one of %s"), known);
      return fallback;
    }

  return value;
}

void
sy_check_boolean (JsonObject   *object,
                  const char   *member,
                  SyValidation *validation)
{
  JsonNode *node = json_object_get_member (object, member);

  if (!is_null (node) &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN))
    sy_validation_add (validation, member, _("must be true or false"));
}

void
sy_condition_check (JsonObject   *condition,
                    SyValidation *validation)
{
  const char *engine = sy_check_choice (condition, "engine", sy_condition_engines, "basic", validation);

  if (g_str_equal (engine, "basic"))
    {
      sy_validation_push (validation, "calculation");
      sy_condition_rules_check (json_object_get_member (condition, "calculation"), validation);
      sy_validation_pop (validation);
    }
  else
    sy_check_expression (condition, "expression", engine, validation);
}

/* "1".."n": a positive decimal without leading zeros. */
static gboolean
is_numbered (const char *name)
{
  if (name[0] < '1' || name[0] > '9' || strlen (name) > 9)
    return FALSE;

  for (const char *p = name + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

static int
compare_numbered (gconstpointer a,
                  gconstpointer b)
{
  long left = strtol (*(const char * const *) a, NULL, 10);
  long right = strtol (*(const char * const *) b, NULL, 10);

  return (left > right) - (left < right);
}

GPtrArray *
sy_node_get_numbered_branches (SyNode *node)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < sy_node_get_n_branches (node); i++)
    {
      const char *name = sy_node_get_branch_name (node, i);

      if (is_numbered (name))
        g_ptr_array_add (names, (gpointer) name);
    }

  g_ptr_array_sort (names, compare_numbered);
  return names;
}

char *
sy_node_numbered_branch_label (const char *branch)
{
  if (branch == NULL || !is_numbered (branch))
    return NULL;

  return g_strdup_printf (_("Branch %s"), branch);
}

static SyNode *
find_before (SyNode     *node,
             const char *key,
             gboolean    enclosing)
{
  for (SyNode *scope = node; scope != NULL; scope = sy_node_get_parent (scope))
    {
      if (enclosing && scope != node && g_strcmp0 (sy_node_get_key (scope), key) == 0)
        return scope;
      for (SyNode *before = sy_node_get_previous (scope); before != NULL; before = sy_node_get_previous (before))
        if (g_strcmp0 (sy_node_get_key (before), key) == 0)
          return before;
    }

  return NULL;
}

SyNode *
sy_node_find_earlier (SyNode     *node,
                      const char *key)
{
  return find_before (node, key, FALSE);
}

SyNode *
sy_node_find_upstream (SyNode     *node,
                       const char *key)
{
  return find_before (node, key, TRUE);
}
