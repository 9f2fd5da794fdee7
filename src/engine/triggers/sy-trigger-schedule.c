/* sy-trigger-schedule.c — runs at a time, repeatedly, or at times read from records
 *
 * start/stop stay NULL: arming timers belongs to the scheduler issue.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nodes/sy-node-helpers.h"
#include "triggers/sy-trigger-checks.h"
#include "triggers/sy-triggers.h"

static const char * const modes[] = { "static", "date-field", NULL };
static const char * const mode_labels[] = { N_("At a fixed time"), N_("At a time of each record"), NULL };
static const char * const units[] = { "second", "minute", "hour", "day", "week", NULL };
static const char * const unit_labels[] = {
  N_("Seconds"), N_("Minutes"), N_("Hours"), N_("Days"), N_("Weeks"), NULL
};

static const SyFieldSpec fields[] = {
  { .name = "mode", .label = N_("Schedule"), .kind = SY_FIELD_CHOICE,
    .choices = modes, .choice_labels = mode_labels, .default_json = "\"static\"", .required = TRUE },
  { .name = "startsOn", .label = N_("Starts on"), .kind = SY_FIELD_TEXT,
    .description = N_("Date and time, e.g. 2025-03-01T08:00:00"), .visible_when = "mode=static" },
  { .name = "collection", .label = N_("Collection"), .kind = SY_FIELD_TEXT, .visible_when = "mode=date-field" },
  { .name = "field", .label = N_("Date field"), .kind = SY_FIELD_TEXT, .visible_when = "mode=date-field" },
  { .name = "offset", .label = N_("Offset"), .kind = SY_FIELD_INTEGER,
    .description = N_("Negative runs before the field's time, positive after"),
    .default_json = "0", .visible_when = "mode=date-field" },
  { .name = "unit", .label = N_("Offset unit"), .kind = SY_FIELD_CHOICE,
    .choices = units, .choice_labels = unit_labels, .default_json = "\"day\"", .visible_when = "mode=date-field" },
  { .name = "repeat", .label = N_("Repeat"), .kind = SY_FIELD_TEXT,
    .description = N_("A cron expression with seconds first (0 0 9 * * 1-5), or an interval in milliseconds") },
  { .name = "endsOn", .label = N_("Ends on"), .kind = SY_FIELD_TEXT },
  { .name = "limit", .label = N_("Stop after this many runs"), .kind = SY_FIELD_INTEGER },
  { NULL }
};

static const char * const context_fields[] = { "date", "data", NULL };

static void
validate_repeat (JsonObject   *config,
                 SyValidation *validation)
{
  JsonNode *repeat = json_object_get_member (config, "repeat");

  if (repeat == NULL || JSON_NODE_HOLDS_NULL (repeat))
    return;

  if (JSON_NODE_HOLDS_VALUE (repeat) && json_node_get_value_type (repeat) == G_TYPE_INT64)
    {
      if (json_node_get_int (repeat) < 1)
        sy_validation_add (validation, "repeat", _("an interval must be at least 1 millisecond"));
      return;
    }

  /* Cron syntax is checked by the schedule issue's sy-cron; here only the type. */
  if (!JSON_NODE_HOLDS_VALUE (repeat) || json_node_get_value_type (repeat) != G_TYPE_STRING
      || *json_node_get_string (repeat) == '\0')
    sy_validation_add (validation, "repeat",
                       _("must be a cron expression or a number of milliseconds"));
}

static void
validate (SyWorkflow   *workflow,
          SyValidation *validation)
{
  JsonObject *config = sy_workflow_get_trigger_config (workflow);
  const char *mode = NULL;

  if (sy_trigger_check_required (config, "mode", validation))
    mode = sy_check_choice (config, "mode", modes, NULL, validation);

  if (g_strcmp0 (mode, "static") == 0)
    {
      sy_trigger_check_date_time (config, "startsOn", TRUE, validation);
    }
  else if (g_strcmp0 (mode, "date-field") == 0)
    {
      sy_trigger_check_collection (config, "collection", TRUE, validation);
      sy_trigger_check_string (config, "field", TRUE, validation);
      sy_trigger_check_integer (config, "offset", G_MININT32, G_MAXINT32, NULL, validation);
      sy_check_choice (config, "unit", units, "day", validation);
    }

  validate_repeat (config, validation);
  sy_trigger_check_date_time (config, "endsOn", FALSE, validation);
  sy_trigger_check_integer (config, "limit", 0, G_MAXINT32, NULL, validation);
}

static JsonNode *
sample_context (SyWorkflow *workflow)
{
  JsonNode *mode = json_object_get_member (sy_workflow_get_trigger_config (workflow), "mode");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format_iso8601 (now);
  g_autofree char *text = NULL;

  if (mode != NULL && JSON_NODE_HOLDS_VALUE (mode)
      && g_strcmp0 (json_node_get_string (mode), "date-field") == 0)
    text = g_strdup_printf ("{\"date\": \"%s\", \"data\": {\"id\": 7, \"title\": \"Sample record\","
                            " \"due_at\": \"%s\"}}", date, date);
  else
    text = g_strdup_printf ("{\"date\": \"%s\"}", date);

  return sy_trigger_sample_from_text (text);
}

static const SyTriggerKind kind = {
  .type = "schedule",
  .title = N_("Schedule"),
  .description = N_("Runs at a time, repeatedly, or at a time stored in each record"),
  .icon_name = "alarm-symbolic",
  .mode = SY_TRIGGER_MODE_ASYNC,
  .fields = fields,
  .context_fields = context_fields,
  .validate = validate,
  .sample_context = sample_context,
};

const SyTriggerKind *
sy_trigger_schedule_get_kind (void)
{
  return &kind;
}
