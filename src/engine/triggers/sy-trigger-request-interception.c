/* sy-trigger-request-interception.c — before an action runs; may stop it
 *
 * Always synchronous: the action waits for the verdict. Nothing to watch:
 * the actions (collections/sy-action-runner.c) run these before writing.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "triggers/sy-trigger-checks.h"
#include "triggers/sy-triggers.h"

static const char * const actions[] = { "create", "update", "updateOrCreate", "destroy", NULL };

static const SyFieldSpec fields[] = {
  { .name = "collection", .label = N_("Collection"), .kind = SY_FIELD_TEXT, .required = TRUE },
  { .name = "global", .label = N_("Intercept every action"), .kind = SY_FIELD_SWITCH,
    .description = N_("Off: only for buttons bound to this workflow"), .default_json = "false" },
  { .name = "actions", .label = N_("Actions"), .kind = SY_FIELD_LIST, .choices = actions,
    .visible_when = "global=true" },
  { NULL }
};

static const char * const context_fields[] = {
  "params", "params.filterByTk", "params.values", "user", NULL
};

static void
validate (SyWorkflow   *workflow,
          SyValidation *validation)
{
  JsonObject *config = sy_workflow_get_trigger_config (workflow);

  sy_trigger_check_action_binding (config, actions, validation);
}

static JsonNode *
sample_context (SyWorkflow *workflow)
{
  return sy_trigger_sample_from_text (
    "{\"params\": {\"filterByTk\": 42, \"values\": {\"title\": \"Edited title\", \"qty\": 5}},"
    " \"user\": {\"id\": \"me\", \"name\": \"Desktop user\"}}");
}

static const SyTriggerKind kind = {
  .type = "request-interception",
  .title = N_("Before an action"),
  .description = N_("Runs before an action and can refuse it"),
  .icon_name = "action-unavailable-symbolic",
  .mode = SY_TRIGGER_MODE_SYNC,
  .fields = fields,
  .context_fields = context_fields,
  .validate = validate,
  .sample_context = sample_context,
};

const SyTriggerKind *
sy_trigger_request_interception_get_kind (void)
{
  return &kind;
}
