/* sy-condition-rules.c — the "basic" condition engine */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sy-condition-rules.h"
#include "sy-template.h"

/* Deeper nesting is certainly a mistake and would only exhaust the stack. */
#define MAX_DEPTH 64

G_DEFINE_QUARK (sy-condition-rules-error-quark, sy_condition_rules_error)

typedef gboolean (*Calculator) (JsonNode *a,
                                JsonNode *b);

static gboolean
is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
get_number (JsonNode *node,
            double   *value)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *value = (double) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *value = json_node_get_double (node);
      return TRUE;
    default:
      return FALSE;
    }
}

static const char *
get_string (JsonNode *node)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* "42", " 1.5 " read as numbers: a constant typed into the editor is text,
 * while a placeholder yields a number, and both should compare. */
static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*trimmed == '\0')
    return FALSE;

  *value = g_ascii_strtod (trimmed, &end);
  return *end == '\0';
}

/* Only complete date-times with a zone count as dates, so that ordinary
 * text is never taken for one. */
static GDateTime *
parse_date (const char *text)
{
  if (text == NULL || strlen (text) < 10)
    return NULL;

  return g_date_time_new_from_iso8601 (text, NULL);
}

/* Orders two scalars. FALSE when they cannot be ordered (different kinds,
 * null, containers): every ordering calculator is then false. */
static gboolean
compare (JsonNode *a,
         JsonNode *b,
         int      *order)
{
  const char *a_text, *b_text;
  double a_number, b_number;
  gboolean a_is_number, b_is_number;

  if (is_null (a) || is_null (b) || !JSON_NODE_HOLDS_VALUE (a) || !JSON_NODE_HOLDS_VALUE (b))
    return FALSE;

  a_text = get_string (a);
  b_text = get_string (b);
  if (a_text != NULL && b_text != NULL)
    {
      g_autoptr(GDateTime) a_date = parse_date (a_text);
      g_autoptr(GDateTime) b_date = parse_date (b_text);

      if (a_date != NULL && b_date != NULL)
        *order = g_date_time_compare (a_date, b_date);
      else
        *order = strcmp (a_text, b_text);
      *order = CLAMP (*order, -1, 1);
      return TRUE;
    }

  a_is_number = get_number (a, &a_number) || (a_text != NULL && parse_number (a_text, &a_number));
  b_is_number = get_number (b, &b_number) || (b_text != NULL && parse_number (b_text, &b_number));
  if (a_is_number && b_is_number)
    {
      if (isnan (a_number) || isnan (b_number))
        return FALSE;
      *order = (a_number > b_number) - (a_number < b_number);
      return TRUE;
    }

  if (json_node_get_value_type (a) == G_TYPE_BOOLEAN && json_node_get_value_type (b) == G_TYPE_BOOLEAN)
    {
      *order = (int) json_node_get_boolean (a) - (int) json_node_get_boolean (b);
      return TRUE;
    }

  return FALSE;
}

static gboolean
calc_equal (JsonNode *a,
            JsonNode *b)
{
  int order;

  if (is_null (a) || is_null (b))
    return is_null (a) && is_null (b);

  if (compare (a, b, &order))
    return order == 0;

  /* Objects and arrays: the same structure (numbers compare by value). */
  if (!JSON_NODE_HOLDS_VALUE (a) && json_node_get_node_type (a) == json_node_get_node_type (b))
    return json_node_equal (a, b);

  return FALSE;
}

static gboolean
calc_gt (JsonNode *a,
         JsonNode *b)
{
  int order;

  return compare (a, b, &order) && order > 0;
}

static gboolean
calc_gte (JsonNode *a,
          JsonNode *b)
{
  int order;

  return compare (a, b, &order) && order >= 0;
}

static gboolean
calc_lt (JsonNode *a,
         JsonNode *b)
{
  int order;

  return compare (a, b, &order) && order < 0;
}

static gboolean
calc_lte (JsonNode *a,
          JsonNode *b)
{
  int order;

  return compare (a, b, &order) && order <= 0;
}

/* Strings and numbers as text; NULL for anything else, which makes the
 * text calculators false rather than matching "null" or "{}". */
static char *
scalar_text (JsonNode *node)
{
  double unused;

  if (is_null (node))
    return NULL;
  if (get_string (node) == NULL && !get_number (node, &unused))
    return NULL;

  return sy_template_value_to_text (node);
}

static gboolean
calc_includes (JsonNode *a,
               JsonNode *b)
{
  g_autofree char *a_text = NULL;
  g_autofree char *b_text = NULL;

  if (JSON_NODE_HOLDS_ARRAY (a))
    {
      JsonArray *array = json_node_get_array (a);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (calc_equal (json_array_get_element (array, i), b))
          return TRUE;
      return FALSE;
    }

  a_text = scalar_text (a);
  b_text = scalar_text (b);

  return a_text != NULL && b_text != NULL && strstr (a_text, b_text) != NULL;
}

static gboolean
calc_starts_with (JsonNode *a,
                  JsonNode *b)
{
  g_autofree char *a_text = scalar_text (a);
  g_autofree char *b_text = scalar_text (b);

  return a_text != NULL && b_text != NULL && g_str_has_prefix (a_text, b_text);
}

static gboolean
calc_ends_with (JsonNode *a,
                JsonNode *b)
{
  g_autofree char *a_text = scalar_text (a);
  g_autofree char *b_text = scalar_text (b);

  return a_text != NULL && b_text != NULL && g_str_has_suffix (a_text, b_text);
}

typedef struct
{
  const char *name;
  const char *alias;
  Calculator  func;
  gboolean    negate;
} CalculatorEntry;

static const CalculatorEntry calculators[] = {
  { "equal", "==", calc_equal, FALSE },
  { "notEqual", "!=", calc_equal, TRUE },
  { "gt", ">", calc_gt, FALSE },
  { "gte", ">=", calc_gte, FALSE },
  { "lt", "<", calc_lt, FALSE },
  { "lte", "<=", calc_lte, FALSE },
  { "includes", NULL, calc_includes, FALSE },
  { "notIncludes", NULL, calc_includes, TRUE },
  { "startsWith", NULL, calc_starts_with, FALSE },
  { "notStartsWith", NULL, calc_starts_with, TRUE },
  { "endsWith", NULL, calc_ends_with, FALSE },
  { "notEndsWith", NULL, calc_ends_with, TRUE },
};

static const char * const calculator_names[] = {
  "equal", "notEqual", "gt", "gte", "lt", "lte", "includes", "notIncludes",
  "startsWith", "notStartsWith", "endsWith", "notEndsWith", NULL,
};

const char * const *
sy_condition_rules_get_calculators (void)
{
  return calculator_names;
}

static const CalculatorEntry *
find_calculator (const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (calculators); i++)
    if (g_str_equal (calculators[i].name, name) ||
        (calculators[i].alias != NULL && g_str_equal (calculators[i].alias, name)))
      return &calculators[i];

  return NULL;
}

gboolean
sy_condition_rules_is_calculator (const char *name)
{
  return find_calculator (name) != NULL;
}

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return is_null (node) ? NULL : node;
}

static gboolean
evaluate (JsonNode  *calculation,
          guint      depth,
          gboolean  *result,
          GError   **error);

static gboolean
evaluate_group (JsonObject *group,
                guint       depth,
                gboolean   *result,
                GError    **error)
{
  JsonNode *type_node = get_member (group, "type");
  JsonNode *calculations_node = get_member (group, "calculations");
  const char *type = type_node != NULL ? get_string (type_node) : "and";
  gboolean any;
  JsonArray *calculations;
  guint length;

  if (g_strcmp0 (type, "and") != 0 && g_strcmp0 (type, "or") != 0)
    {
      g_set_error (error, SY_CONDITION_RULES_ERROR, SY_CONDITION_RULES_ERROR_INVALID,
                   _("a condition group’s type must be “and” or “or”"));
      return FALSE;
    }
  any = g_str_equal (type, "or");

  if (calculations_node != NULL && !JSON_NODE_HOLDS_ARRAY (calculations_node))
    {
      g_set_error (error, SY_CONDITION_RULES_ERROR, SY_CONDITION_RULES_ERROR_INVALID,
                   _("a condition group’s calculations must be an array"));
      return FALSE;
    }
  calculations = calculations_node != NULL ? json_node_get_array (calculations_node) : NULL;
  length = calculations != NULL ? json_array_get_length (calculations) : 0;

  /* A group without rules holds whatever its type: nothing is configured,
   * so nothing can fail (NocoBase's default is an empty group). */
  if (length == 0)
    {
      *result = TRUE;
      return TRUE;
    }

  /* Short-circuits like the and/or it stands for. */
  for (guint i = 0; i < length; i++)
    {
      gboolean item;

      if (!evaluate (json_array_get_element (calculations, i), depth + 1, &item, error))
        return FALSE;
      if (item == any)
        {
          *result = any;
          return TRUE;
        }
    }

  *result = !any;
  return TRUE;
}

static gboolean
evaluate_rule (JsonObject *rule,
               gboolean   *result,
               GError    **error)
{
  JsonNode *calculator_node = get_member (rule, "calculator");
  JsonNode *operands_node = get_member (rule, "operands");
  const char *name = calculator_node != NULL ? get_string (calculator_node) : NULL;
  const CalculatorEntry *entry = find_calculator (name);
  JsonArray *operands = NULL;
  JsonNode *a = NULL, *b = NULL;

  if (entry == NULL)
    {
      g_set_error (error, SY_CONDITION_RULES_ERROR, SY_CONDITION_RULES_ERROR_UNKNOWN_CALCULATOR,
                   _("unknown calculator “%s”"), name != NULL ? name : "");
      return FALSE;
    }

  if (operands_node != NULL && JSON_NODE_HOLDS_ARRAY (operands_node))
    operands = json_node_get_array (operands_node);
  if (operands != NULL && json_array_get_length (operands) > 0)
    a = json_array_get_element (operands, 0);
  if (operands != NULL && json_array_get_length (operands) > 1)
    b = json_array_get_element (operands, 1);

  *result = entry->func (a, b) != entry->negate;
  return TRUE;
}

static gboolean
evaluate (JsonNode  *calculation,
          guint      depth,
          gboolean  *result,
          GError   **error)
{
  JsonObject *object;
  JsonNode *group;

  if (depth > MAX_DEPTH)
    {
      g_set_error (error, SY_CONDITION_RULES_ERROR, SY_CONDITION_RULES_ERROR_INVALID,
                   _("condition groups are nested more than %d levels deep"), MAX_DEPTH);
      return FALSE;
    }

  if (is_null (calculation))
    {
      *result = TRUE;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (calculation))
    {
      g_set_error (error, SY_CONDITION_RULES_ERROR, SY_CONDITION_RULES_ERROR_INVALID,
                   _("a condition must be an object with a group or a calculator"));
      return FALSE;
    }

  object = json_node_get_object (calculation);
  group = get_member (object, "group");
  if (group != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (group))
        {
          g_set_error (error, SY_CONDITION_RULES_ERROR, SY_CONDITION_RULES_ERROR_INVALID,
                       _("a condition group must be an object"));
          return FALSE;
        }
      return evaluate_group (json_node_get_object (group), depth, result, error);
    }

  if (json_object_get_size (object) == 0)
    {
      *result = TRUE;
      return TRUE;
    }

  return evaluate_rule (object, result, error);
}

gboolean
sy_condition_rules_evaluate (JsonNode  *calculation,
                             gboolean  *result,
                             GError   **error)
{
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return evaluate (calculation, 0, result, error);
}

static void
check (JsonNode     *calculation,
       guint         depth,
       SyValidation *validation);

static void
check_group (JsonNode     *group,
             guint         depth,
             SyValidation *validation)
{
  JsonObject *object;
  JsonNode *type, *calculations;

  if (!JSON_NODE_HOLDS_OBJECT (group))
    {
      sy_validation_add (validation, "group", _("must be an object"));
      return;
    }

  object = json_node_get_object (group);
  type = get_member (object, "type");
  if (type != NULL && g_strcmp0 (get_string (type), "and") != 0 && g_strcmp0 (get_string (type), "or") != 0)
    sy_validation_add (validation, "group.type", _("must be “and” or “or”"));

  calculations = get_member (object, "calculations");
  if (calculations == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (calculations))
    {
      sy_validation_add (validation, "group.calculations", _("must be an array"));
      return;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (calculations)); i++)
    {
      sy_validation_push (validation, "group.calculations[%u]", i);
      check (json_array_get_element (json_node_get_array (calculations), i), depth + 1, validation);
      sy_validation_pop (validation);
    }
}

static void
check_rule (JsonObject   *rule,
            SyValidation *validation)
{
  JsonNode *calculator = get_member (rule, "calculator");
  JsonNode *operands = get_member (rule, "operands");
  const char *name = calculator != NULL ? get_string (calculator) : NULL;

  if (name == NULL)
    sy_validation_add (validation, "calculator", _("must be a string"));
  else if (!sy_condition_rules_is_calculator (name))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) calculator_names);

      sy_validation_add (validation, "calculator", _("unknown calculator “%s” (known: %s)"), name, known);
    }

  if (operands == NULL || !JSON_NODE_HOLDS_ARRAY (operands) ||
      json_array_get_length (json_node_get_array (operands)) != 2)
    sy_validation_add (validation, "operands", _("must be an array of two operands"));
}

static void
check (JsonNode     *calculation,
       guint         depth,
       SyValidation *validation)
{
  JsonObject *object;
  JsonNode *group;

  if (is_null (calculation))
    return;

  if (depth > MAX_DEPTH)
    {
      sy_validation_add (validation, NULL, _("condition groups are nested more than %d levels deep"), MAX_DEPTH);
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (calculation))
    {
      sy_validation_add (validation, NULL, _("must be an object with a group or a calculator"));
      return;
    }

  object = json_node_get_object (calculation);
  group = get_member (object, "group");
  if (group != NULL)
    check_group (group, depth, validation);
  else if (json_object_get_size (object) > 0)
    check_rule (object, validation);
}

void
sy_condition_rules_check (JsonNode     *calculation,
                          SyValidation *validation)
{
  g_return_if_fail (validation != NULL);

  check (calculation, 0, validation);
}
