/* sy-node-variable.c — declares a value, or assigns a new one to an earlier variable
 *
 * Without `target` the node declares: its result is `value`. With `target`
 * (the key of a variable node upstream) it assigns: NocoBase writes a new
 * job for the target so that later reads of $jobsMapByNodeKey.<target> see
 * the new value. Here the node resolves with the value and records
 * meta.assigns = target; the processor then shows the value as the
 * target's result too (that is how a loop accumulates).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const SyFieldSpec fields[] = {
  { "target", N_("Assign to"), SY_FIELD_NODE,
    N_("Empty declares a new variable; pick an earlier variable node to change its value."),
    NULL, NULL, NULL, "null", FALSE, FALSE, NULL },
  { "value", N_("Value"), SY_FIELD_JSON,
    N_("Any value: text, a number, a list or an object, with placeholders."),
    NULL, NULL, NULL, NULL, FALSE, TRUE, NULL },
  { NULL },
};

/* The key of the variable to assign to, or NULL to declare. */
static const char *
get_target (SyNode *node)
{
  const char *target = sy_node_config_string (node, "target", NULL);

  return target != NULL && *target != '\0' ? target : NULL;
}

static void
variable_validate (SyNode       *node,
                   SyValidation *validation)
{
  JsonNode *target_node = sy_node_get_config_member (node, "target");
  const char *target;
  SyNode *upstream;

  if (target_node != NULL && !JSON_NODE_HOLDS_NULL (target_node) &&
      (!JSON_NODE_HOLDS_VALUE (target_node) || json_node_get_value_type (target_node) != G_TYPE_STRING))
    {
      sy_validation_add (validation, "config.target", _("must be the key of a variable node, or null"));
      return;
    }

  target = get_target (node);
  if (target == NULL)
    return;

  upstream = sy_node_find_earlier (node, target);
  if (upstream == NULL)
    sy_validation_add (validation, "config.target",
                       _("“%s” is not a node before this one; a variable can only be assigned after it is declared"),
                       target);
  else if (g_strcmp0 (sy_node_get_node_type (upstream), "variable") != 0)
    sy_validation_add (validation, "config.target", _("“%s” is a %s node, not a variable node"),
                       target, sy_node_get_node_type (upstream));
}

static SyStep
variable_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  const char *target = get_target (sy_run_get_node (run));
  JsonNode *value;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  if (target != NULL)
    json_object_set_string_member (sy_run_get_meta (run), "assigns", target);

  value = json_object_get_member (config, "value");
  return sy_run_resolve (run, value != NULL ? json_node_copy (value) : NULL);
}

static const SyNodeKind kind = {
  .type = "variable",
  .title = N_("Variable"),
  .description = N_("Declare a value, or change one declared earlier"),
  .category = "calculation",
  .icon_name = "preferences-other-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = variable_validate,
  .run = variable_run,
};

const SyNodeKind *
sy_node_variable_get_kind (void)
{
  return &kind;
}
