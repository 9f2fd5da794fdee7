/* sy-trigger-collection.c — a record of a local collection was created, updated or deleted
 *
 * Nothing to watch: every write of the collections (actions and record
 * nodes) asks collections/sy-collection-runtime.c which enabled workflows
 * of this type it matches (mode, changed fields, condition) and starts
 * them with {"data": record}. `condition` is a NocoBase filter the record
 * must match.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nodes/sy-node-helpers.h"
#include "triggers/sy-trigger-checks.h"
#include "triggers/sy-triggers.h"

static const char * const modes[] = { "create", "update", "create-or-update", "destroy", NULL };
static const char * const mode_labels[] = {
  N_("After a record is created"),
  N_("After a record is updated"),
  N_("After a record is created or updated"),
  N_("After a record is deleted"),
  NULL
};

static const SyFieldSpec fields[] = {
  { .name = "collection", .label = N_("Collection"), .kind = SY_FIELD_TEXT, .required = TRUE },
  { .name = "mode", .label = N_("Trigger on"), .kind = SY_FIELD_CHOICE,
    .choices = modes, .choice_labels = mode_labels, .default_json = "\"create\"", .required = TRUE },
  { .name = "changed", .label = N_("Changed fields"), .kind = SY_FIELD_LIST,
    .description = N_("Only when one of these fields changed; empty means any change"),
    .visible_when = "mode=update" },
  { .name = "condition", .label = N_("Only for records matching"), .kind = SY_FIELD_JSON,
    .description = N_("A filter such as {\"status\": \"new\", \"qty\": {\"$gt\": 5}}"), .language = "json" },
  { .name = "appends", .label = N_("Load related records"), .kind = SY_FIELD_LIST },
  { NULL }
};

static const char * const context_fields[] = { "data", NULL };

static void
validate (SyWorkflow   *workflow,
          SyValidation *validation)
{
  JsonObject *config = sy_workflow_get_trigger_config (workflow);
  const char *mode = NULL;

  sy_trigger_check_collection (config, "collection", TRUE, validation);
  if (sy_trigger_check_required (config, "mode", validation))
    mode = sy_check_choice (config, "mode", modes, NULL, validation);
  sy_trigger_check_string_list (config, "changed", NULL, FALSE, validation);
  sy_trigger_check_object (config, "condition", FALSE, validation);
  sy_trigger_check_string_list (config, "appends", NULL, FALSE, validation);

  /* NocoBase: a created record has every field "changed", a deleted one none. */
  if (g_strcmp0 (mode, "create") == 0 || g_strcmp0 (mode, "destroy") == 0)
    {
      JsonNode *changed = json_object_get_member (config, "changed");

      if (changed != NULL && JSON_NODE_HOLDS_ARRAY (changed)
          && json_array_get_length (json_node_get_array (changed)) > 0)
        sy_validation_add (validation, "changed",
                           _("only applies when mode is “update” or “create-or-update”"));
    }
}

static JsonNode *
sample_context (SyWorkflow *workflow)
{
  return sy_trigger_sample_from_text (
    "{\"data\": {\"id\": 42, \"title\": \"Sample record\", \"qty\": 3,"
    " \"created_at\": \"2025-03-01T08:00:00Z\", \"updated_at\": \"2025-03-01T08:00:00Z\"}}");
}

static const SyTriggerKind kind = {
  .type = "collection",
  .title = N_("Collection event"),
  .description = N_("Runs when a record of a collection is created, updated or deleted"),
  .icon_name = "view-list-symbolic",
  .mode = SY_TRIGGER_MODE_EITHER,
  .fields = fields,
  .context_fields = context_fields,
  .validate = validate,
  .sample_context = sample_context,
};

const SyTriggerKind *
sy_trigger_collection_get_kind (void)
{
  return &kind;
}
