/* sy-trigger-approval.c — someone submits a request for approval
 *
 * Always asynchronous: approvals wait for people. A request is the
 * trigger's `form` filled in (the tasks sidebar's New request) or a record
 * of `collection`; nothing is watched live (start/stop stay NULL): the
 * engine starts a request with sy_engine_start_request_async(), and the
 * applicant may withdraw it until someone acted on it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nodes/sy-node-helpers.h"
#include "nodes/sy-node-people.h"
#include "sy-json.h"
#include "sy-task.h"
#include "triggers/sy-trigger-checks.h"
#include "triggers/sy-triggers.h"

static const char * const whens[] = { "before-save", "after-save", NULL };
static const char * const when_labels[] = {
  N_("Before the data is saved"), N_("After the data is saved"), NULL
};

static const SyFieldSpec fields[] = {
  { .name = "form", .label = N_("Request form"), .kind = SY_FIELD_FORM,
    .description = N_("What the applicant fills in for a new request"), .default_json = "[]" },
  { .name = "collection", .label = N_("Collection"), .kind = SY_FIELD_TEXT,
    .description = N_("Optional: records of this collection can be submitted for approval too") },
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

  sy_people_check_form (config, validation);
  sy_trigger_check_collection (config, "collection", FALSE, validation);
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

JsonNode *
sy_trigger_approval_make_context (SyWorkflow  *workflow,
                                  JsonNode    *values,
                                  const char  *applicant_id,
                                  const char  *applicant_name,
                                  GError     **error)
{
  JsonNode *form = json_object_get_member (sy_workflow_get_trigger_config (workflow), "form");
  g_autoptr(JsonNode) data = sy_people_form_defaults (form);
  g_autoptr(JsonObject) context = json_object_new ();
  JsonObject *applicant = json_object_new ();

  if (values != NULL && !JSON_NODE_HOLDS_NULL (values))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (values))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("the values of a request must be a JSON object"));
          json_object_unref (applicant);
          return NULL;
        }

      /* What the applicant filled in goes over the defaults. */
      json_object_iter_init (&iter, json_node_get_object (values));
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (json_node_get_object (data), name, sy_json_node_deep_copy (value));
    }

  if (!sy_form_check_required (form, data, error))
    {
      json_object_unref (applicant);
      return NULL;
    }

  json_object_set_string_member (applicant, "id", applicant_id);
  json_object_set_string_member (applicant, "name", applicant_name != NULL ? applicant_name : applicant_id);
  json_object_set_member (context, "data", g_steal_pointer (&data));
  json_object_set_object_member (context, "applicant", applicant);

  return sy_json_node_take_object (g_steal_pointer (&context));
}

static const SyTriggerKind kind = {
  .type = "approval",
  .title = N_("Approval"),
  .description = N_("Runs when someone submits a request for approval"),
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
