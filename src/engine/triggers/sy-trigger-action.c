/* sy-trigger-action.c — after a record was created or updated through a form action
 *
 * Nothing to watch: the actions (collections/sy-action-runner.c) start the
 * workflows bound to them, and global ones, after writing.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "triggers/sy-trigger-checks.h"
#include "triggers/sy-triggers.h"

static const char * const actions[] = { "create", "update", NULL };

static const SyFieldSpec fields[] = {
  { .name = "collection", .label = N_("Collection"), .kind = SY_FIELD_TEXT, .required = TRUE },
  { .name = "global", .label = N_("Run for every action"), .kind = SY_FIELD_SWITCH,
    .description = N_("Off: only for buttons bound to this workflow"), .default_json = "false" },
  { .name = "actions", .label = N_("Actions"), .kind = SY_FIELD_LIST, .choices = actions,
    .visible_when = "global=true" },
  { .name = "appends", .label = N_("Load related records"), .kind = SY_FIELD_LIST },
  { NULL }
};

static const char * const context_fields[] = { "data", "user", NULL };

static void
validate (SyWorkflow   *workflow,
          SyValidation *validation)
{
  JsonObject *config = sy_workflow_get_trigger_config (workflow);

  sy_trigger_check_action_binding (config, actions, validation);
  sy_trigger_check_string_list (config, "appends", NULL, FALSE, validation);
}

static JsonNode *
sample_context (SyWorkflow *workflow)
{
  return sy_trigger_sample_from_text (
    "{\"data\": {\"id\": 42, \"title\": \"Sample record\", \"qty\": 3},"
    " \"user\": {\"id\": \"me\", \"name\": \"Desktop user\"}}");
}

static const SyTriggerKind kind = {
  .type = "action",
  .title = N_("After an action"),
  .description = N_("Runs after a record was created or updated through an action"),
  .icon_name = "object-select-symbolic",
  .mode = SY_TRIGGER_MODE_EITHER,
  .fields = fields,
  .context_fields = context_fields,
  .validate = validate,
  .sample_context = sample_context,
};

const SyTriggerKind *
sy_trigger_action_get_kind (void)
{
  return &kind;
}
