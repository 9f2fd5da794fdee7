/* sy-node-json-query.c — queries a JSON value with jq or JSONPath
 *
 * jq runs through sy-expression with the source as its input (`.`), so
 * placeholders in the expression are bound as values; JSONPath is
 * json-glib's and returns the array of matches. An optional `model` renames
 * properties of the result: an object gives an object, an array of objects
 * an array of objects.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const char * const engines[] = { "jq", "jsonpath", NULL };
static const char * const engine_labels[] = { N_("jq"), N_("JSONPath"), NULL };

static const SyFieldSpec fields[] = {
  { "engine", N_("Query language"), SY_FIELD_CHOICE, NULL,
    NULL, engines, engine_labels, "\"jq\"", FALSE, FALSE, NULL },
  { "source", N_("Data"), SY_FIELD_TEXT,
    N_("A variable that holds the JSON value to query."),
    NULL, NULL, NULL, NULL, TRUE, TRUE, NULL },
  { "expression", N_("Query"), SY_FIELD_CODE,
    N_("jq: the data is “.”, e.g. .items | map(.price). JSONPath: e.g. $.items[*].price (gives a list)."),
    "engine", NULL, NULL, NULL, TRUE, TRUE, NULL },
  { "model", N_("Result properties"), SY_FIELD_JSON,
    N_("Optional list of {path, alias, label}: keeps only these properties of the result, "
       "named by alias (or by the path with “.” as “_”)."),
    NULL, NULL, NULL, "[]", FALSE, FALSE, NULL },
  { NULL },
};

static char *
check_model (JsonNode *model)
{
  JsonArray *array;

  if (model == NULL || JSON_NODE_HOLDS_NULL (model))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (model))
    return g_strdup (_("must be a list of {path, alias, label}"));

  array = json_node_get_array (model);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *path = JSON_NODE_HOLDS_OBJECT (element)
                         ? sy_object_get_string (json_node_get_object (element), "path", NULL)
                         : NULL;

      if (path == NULL || path[0] == '\0')
        return g_strdup_printf (_("entry %u needs a path"), i + 1);
    }

  return NULL;
}

static void
json_query_validate (SyNode       *node,
                     SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);
  g_autofree char *problem = NULL;
  const char *engine;
  JsonNode *source;

  sy_validation_push (validation, "config");

  engine = sy_check_choice (config, "engine", engines, "jq", validation);
  if (g_str_equal (engine, "jq"))
    sy_check_expression (config, "expression", "jq", validation);
  else
    {
      const char *expression = sy_object_get_string (config, "expression", NULL);
      g_autoptr(JsonPath) path = json_path_new ();
      g_autoptr(GError) error = NULL;

      if (expression == NULL || expression[0] == '\0')
        sy_validation_add (validation, "expression", _("a query is required"));
      else if (strstr (expression, "{{") == NULL && !json_path_compile (path, expression, &error))
        sy_validation_add (validation, "expression", _("JSONPath error: %s"), error->message);
    }

  source = json_object_get_member (config, "source");
  if (source == NULL || JSON_NODE_HOLDS_NULL (source))
    sy_validation_add (validation, "source", _("the data to query is required"));

  problem = check_model (json_object_get_member (config, "model"));
  if (problem != NULL)
    sy_validation_add (validation, "model", "%s", problem);

  sy_validation_pop (validation);
}

/* An alias, or NocoBase's default name: the path with "." as "_". */
static char *
model_name (JsonObject *entry)
{
  const char *alias = sy_object_get_string (entry, "alias", NULL);

  if (alias != NULL && alias[0] != '\0')
    return g_strdup (alias);

  return g_strdelimit (g_strdup (sy_object_get_string (entry, "path", "")), ".", '_');
}

static JsonNode *
apply_model_to_item (JsonArray *model,
                     JsonNode  *item)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < json_array_get_length (model); i++)
    {
      JsonObject *entry = json_array_get_object_element (model, i);
      g_autofree char *name = model_name (entry);
      JsonNode *value = sy_json_get_path (item, sy_object_get_string (entry, "path", ""));

      json_object_set_member (object, name, value ? value : json_node_new (JSON_NODE_NULL));
    }

  return sy_json_node_take_object (object);
}

static JsonNode *
apply_model (JsonArray *model,
             JsonNode  *result)
{
  if (JSON_NODE_HOLDS_ARRAY (result))
    {
      JsonArray *items = json_node_get_array (result);
      JsonArray *mapped = json_array_sized_new (json_array_get_length (items));

      for (guint i = 0; i < json_array_get_length (items); i++)
        json_array_add_element (mapped, apply_model_to_item (model, json_array_get_element (items, i)));
      return sy_json_node_take_array (mapped);
    }

  return apply_model_to_item (model, result);
}

static SyStep
json_query_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *problem = NULL;
  JsonNode *source, *model;
  const char *engine;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  engine = sy_run_get_string (run, "engine", "jq");
  source = json_object_get_member (config, "source");
  if (source == NULL)
    return sy_run_error (run, _("the data to query is missing"));

  if (g_str_equal (engine, "jq"))
    {
      /* The raw text: its placeholders are bound as values by sy-expression. */
      const char *expression = sy_node_config_string (sy_run_get_node (run), "expression", "");

      result = sy_run_evaluate (run, "jq", expression, source, &error);
      if (result == NULL)
        return sy_run_error_from_gerror (run, error);
    }
  else if (g_str_equal (engine, "jsonpath"))
    {
      const char *expression = sy_run_get_string (run, "expression", "");

      result = json_path_query (expression, source, &error);
      if (result == NULL)
        return sy_run_error (run, _("JSONPath error: %s"), error->message);
    }
  else
    return sy_run_error (run, _("unknown query language “%s” (expected jq or jsonpath)"), engine);

  model = json_object_get_member (config, "model");
  problem = check_model (model);
  if (problem != NULL)
    return sy_run_error (run, _("model: %s"), problem);

  if (model != NULL && JSON_NODE_HOLDS_ARRAY (model) && json_array_get_length (json_node_get_array (model)) > 0)
    {
      if (!JSON_NODE_HOLDS_OBJECT (result) && !JSON_NODE_HOLDS_ARRAY (result))
        return sy_run_error (run, _("the result properties need an object or a list of objects, "
                                    "but the query gave %s"),
                             JSON_NODE_HOLDS_NULL (result) ? "null" : json_node_type_name (result));
      return sy_run_resolve (run, apply_model (json_node_get_array (model), result));
    }

  return sy_run_resolve (run, g_steal_pointer (&result));
}

static const SyNodeKind kind = {
  .type = "json-query",
  .title = N_("JSON query"),
  .description = N_("Pick values out of JSON data with jq or JSONPath"),
  .category = "calculation",
  .icon_name = "edit-find-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = json_query_validate,
  .run = json_query_run,
};

const SyNodeKind *
sy_node_json_query_get_kind (void)
{
  return &kind;
}
