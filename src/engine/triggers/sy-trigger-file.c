/* sy-trigger-file.c — a file appeared, changed, vanished or moved in a folder
 *
 * Always asynchronous. start/stop stay NULL: watching folders belongs to
 * the folder monitor issue.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nodes/sy-node-helpers.h"
#include "triggers/sy-trigger-checks.h"
#include "triggers/sy-triggers.h"

static const char * const events[] = { "created", "changed", "deleted", "moved", NULL };

static const SyFieldSpec fields[] = {
  { .name = "folder", .label = N_("Folder"), .kind = SY_FIELD_TEXT, .required = TRUE,
    .description = N_("An absolute path, or one starting with ~/") },
  { .name = "events", .label = N_("Events"), .kind = SY_FIELD_LIST, .choices = events,
    .default_json = "[\"created\"]", .required = TRUE },
  { .name = "pattern", .label = N_("File name pattern"), .kind = SY_FIELD_TEXT,
    .description = N_("A glob such as *.pdf; empty means every file") },
  { .name = "recursive", .label = N_("Include subfolders"), .kind = SY_FIELD_SWITCH,
    .default_json = "false" },
  { NULL }
};

static const char * const context_fields[] = { "event", "path", "name", "size", "modified", NULL };

static void
validate (SyWorkflow   *workflow,
          SyValidation *validation)
{
  JsonObject *config = sy_workflow_get_trigger_config (workflow);
  const char *folder = sy_trigger_check_string (config, "folder", TRUE, validation);

  /* A relative path would depend on where the app happened to start. */
  if (folder != NULL && !g_path_is_absolute (folder) && !g_str_has_prefix (folder, "~/")
      && !g_str_equal (folder, "~"))
    sy_validation_add (validation, "folder",
                       _("“%s” is not an absolute path (start it with / or ~/)"), folder);

  sy_trigger_check_string_list (config, "events", events, TRUE, validation);
  sy_trigger_check_string (config, "pattern", FALSE, validation);
  sy_check_boolean (config, "recursive", validation);
}

static JsonNode *
sample_context (SyWorkflow *workflow)
{
  JsonNode *folder = json_object_get_member (sy_workflow_get_trigger_config (workflow), "folder");
  const char *directory = folder != NULL && JSON_NODE_HOLDS_VALUE (folder)
                          && json_node_get_value_type (folder) == G_TYPE_STRING
                            ? json_node_get_string (folder)
                            : "~/Documents";
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *modified = g_date_time_format_iso8601 (now);
  g_autofree char *path = g_build_filename (directory, "report.pdf", NULL);
  JsonNode *sample = sy_trigger_sample_from_text (
    "{\"event\": \"created\", \"name\": \"report.pdf\", \"size\": 48213}");
  JsonObject *context = json_node_get_object (sample);

  json_object_set_string_member (context, "path", path);
  json_object_set_string_member (context, "modified", modified);

  return sample;
}

static const SyTriggerKind kind = {
  .type = "file",
  .title = N_("Files in a folder"),
  .description = N_("Runs when a file is created, changed, deleted or moved in a folder"),
  .icon_name = "folder-symbolic",
  .mode = SY_TRIGGER_MODE_ASYNC,
  .fields = fields,
  .context_fields = context_fields,
  .validate = validate,
  .sample_context = sample_context,
};

const SyTriggerKind *
sy_trigger_file_get_kind (void)
{
  return &kind;
}
