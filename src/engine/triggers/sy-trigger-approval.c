/* sy-trigger-approval.c — someone submits a record for approval
 *
 * Always asynchronous: approvals wait for people. start/stop stay NULL:
 * submissions come with the approval issue.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nodes/sy-node-helpers.h"
#include "triggers/sy-trigger-checks.h"
#include "triggers/sy-triggers.h"

static const char * const whens[] = { "before-save", "after-save", NULL };
static const char * const when_labels[] = {
  N_("Before the data is saved"), N_("After the data is saved"), NULL
};

static const SyFieldSpec fields[] = {
  { .name = "collection", .label = N_("Collection"), .kind = SY_FIELD_TEXT, .required = TRUE },
  { .name = "when", .label = N_("Start"), .kind = SY_FIELD_CHOICE,
    .choices = whens, .choice_labels = when_labels, .default_json = "\"after-save\"" },
  { .name = "appends", .label = N_("Load related records"), .kind = SY_FIELD_LIST },
  { NULL }
};

static const char * const context_fields[] = { "data", "applicant", NULL };

static void
validate (SyWorkflow   *workflow,
          SyValidation *validation)
{
  JsonObject *config = sy_workflow_get_trigger_config (workflow);

  sy_trigger_check_collection (config, "collection", TRUE, validation);
  sy_check_choice (config, "when", whens, "after-save", validation);
  sy_trigger_check_string_list (config, "appends", NULL, FALSE, validation);
}

static JsonNode *
sample_context (SyWorkflow *workflow)
{
  return sy_trigger_sample_from_text (
    "{\"data\": {\"id\": 42, \"title\": \"Holiday request\", \"days\": 3},"
    " \"applicant\": {\"id\": \"me\", \"name\": \"Desktop user\"}}");
}

static const SyTriggerKind kind = {
  .type = "approval",
  .title = N_("Approval"),
  .description = N_("Runs when a record is submitted for approval"),
  .icon_name = "emblem-ok-symbolic",
  .mode = SY_TRIGGER_MODE_ASYNC,
  .fields = fields,
  .context_fields = context_fields,
  .validate = validate,
  .sample_context = sample_context,
};

const SyTriggerKind *
sy_trigger_approval_get_kind (void)
{
  return &kind;
}
