/* sy-trigger-custom-action.c — a "Run workflow" button, globally or on records
 *
 * Nothing to watch: the "trigger" action (collections/sy-action-runner.c)
 * starts the workflows bound to its button.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nodes/sy-node-helpers.h"
#include "triggers/sy-trigger-checks.h"
#include "triggers/sy-triggers.h"

static const char * const types[] = { "global", "single", "multiple", NULL };
static const char * const type_labels[] = {
  N_("Anywhere (submitted data)"), N_("On one record"), N_("On several records"), NULL
};

static const SyFieldSpec fields[] = {
  { .name = "type", .label = N_("Context"), .kind = SY_FIELD_CHOICE,
    .choices = types, .choice_labels = type_labels, .default_json = "\"global\"" },
  { .name = "collection", .label = N_("Collection"), .kind = SY_FIELD_TEXT },
  { .name = "appends", .label = N_("Load related records"), .kind = SY_FIELD_LIST },
  { NULL }
};

static const char * const context_fields[] = { "data", "user", NULL };

static void
validate (SyWorkflow   *workflow,
          SyValidation *validation)
{
  JsonObject *config = sy_workflow_get_trigger_config (workflow);
  const char *type = sy_check_choice (config, "type", types, "global", validation);

  /* Record buttons need to know which records. */
  sy_trigger_check_collection (config, "collection", g_strcmp0 (type, "global") != 0, validation);
  sy_trigger_check_string_list (config, "appends", NULL, FALSE, validation);
}

static JsonNode *
sample_context (SyWorkflow *workflow)
{
  JsonNode *type = json_object_get_member (sy_workflow_get_trigger_config (workflow), "type");

  if (type != NULL && JSON_NODE_HOLDS_VALUE (type)
      && g_strcmp0 (json_node_get_string (type), "multiple") == 0)
    return sy_trigger_sample_from_text (
      "{\"data\": [{\"id\": 41, \"title\": \"First record\"}, {\"id\": 42, \"title\": \"Second record\"}],"
      " \"user\": {\"id\": \"me\", \"name\": \"Desktop user\"}}");

  return sy_trigger_sample_from_text (
    "{\"data\": {\"id\": 42, \"title\": \"Sample record\"},"
    " \"user\": {\"id\": \"me\", \"name\": \"Desktop user\"}}");
}

static const SyTriggerKind kind = {
  .type = "custom-action",
  .title = N_("Custom action"),
  .description = N_("Runs when someone presses a button bound to it"),
  .icon_name = "system-run-symbolic",
  .mode = SY_TRIGGER_MODE_EITHER,
  .fields = fields,
  .context_fields = context_fields,
  .validate = validate,
  .sample_context = sample_context,
};

const SyTriggerKind *
sy_trigger_custom_action_get_kind (void)
{
  return &kind;
}
