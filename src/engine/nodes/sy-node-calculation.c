/* sy-node-calculation.c — evaluates an expression (jq, Lua or a text template)
 *
 * The result is the expression's value with numbers rounded to 9 decimal
 * places and NaN/∞ as null, like NocoBase. An evaluation error ends the
 * job with ERROR and the engine's message.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const char * const engines[] = { "jq", "lua", "string", NULL };
static const char * const engine_labels[] = { N_("jq"), N_("Lua"), N_("Text template"), NULL };

static const SyFieldSpec fields[] = {
  { "engine", N_("Engine"), SY_FIELD_CHOICE,
    N_("jq and Lua compute values; a text template only fills in placeholders."),
    NULL, engines, engine_labels, "\"jq\"", FALSE, FALSE, NULL },
  { "expression", N_("Expression"), SY_FIELD_CODE,
    N_("Placeholders are passed to the expression as values, never pasted into its text."),
    "engine", NULL, NULL, NULL, TRUE, TRUE, NULL },
  { NULL },
};

static void
calculation_validate (SyNode       *node,
                      SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);
  const char *engine;

  sy_validation_push (validation, "config");
  engine = sy_check_choice (config, "engine", engines, "jq", validation);
  sy_check_expression (config, "expression", engine, validation);
  sy_validation_pop (validation);
}

static SyStep
calculation_run (SyRun *run)
{
  SyNode *node = sy_run_get_node (run);
  const char *engine = sy_node_config_string (node, "engine", "jq");
  const char *expression = sy_node_config_string (node, "expression", "");
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;

  value = sy_run_evaluate (run, engine, expression, NULL, &error);
  if (value == NULL)
    return sy_run_error_from_gerror (run, error);

  return sy_run_resolve (run, sy_value_round_numbers (value));
}

static const SyNodeKind kind = {
  .type = "calculation",
  .title = N_("Calculation"),
  .description = N_("Compute a value with jq, Lua or a text template"),
  .category = "calculation",
  .icon_name = "accessories-calculator-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = calculation_validate,
  .run = calculation_run,
};

const SyNodeKind *
sy_node_calculation_get_kind (void)
{
  return &kind;
}
