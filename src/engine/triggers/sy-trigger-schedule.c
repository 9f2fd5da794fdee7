/* sy-trigger-schedule.c — runs at a time, repeatedly, or at times read from records
 *
 * Static schedules are live: one alarm at a time on the engine's clock.
 * The state table keeps "schedule:<key>:last", the latest instant handled
 * for the workflow key (all versions), so a restart never fires an instant
 * twice; the event key "schedule:<version id>@<ms>" makes that hold across
 * a crash between the two writes too. The next alarm is set only once the
 * execution of the previous one is stored, so `limit` (counted over all
 * versions by the store) is exact. Date-field schedules run in
 * sy-schedule-records.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nodes/sy-node-helpers.h"
#include "sy-clock.h"
#include "sy-cron.h"
#include "sy-engine-private.h"
#include "sy-schedule.h"
#include "triggers/sy-schedule-records.h"
#include "triggers/sy-trigger-checks.h"
#include "triggers/sy-triggers.h"

static const char * const modes[] = { "static", "date-field", NULL };
static const char * const mode_labels[] = { N_("At a fixed time"), N_("At a time of each record"), NULL };
static const char * const units[] = { "second", "minute", "hour", "day", "week", NULL };
static const char * const unit_labels[] = {
  N_("Seconds"), N_("Minutes"), N_("Hours"), N_("Days"), N_("Weeks"), NULL
};

static const char * const missed_choices[] = { "skip", "run-once", NULL };
static const char * const missed_labels[] = { N_("Skip them"), N_("Run once at start-up"), NULL };

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
  { .name = "missed", .label = N_("Runs missed while Switchyard was not running"), .kind = SY_FIELD_CHOICE,
    .choices = missed_choices, .choice_labels = missed_labels, .default_json = "\"skip\"",
    .visible_when = "mode=static" },
  { NULL }
};

static const char * const context_fields[] = { "date", "data", NULL };

static void
validate_repeat (JsonObject   *config,
                 SyValidation *validation)
{
  JsonNode *repeat = json_object_get_member (config, "repeat");
  g_autoptr(GError) error = NULL;
  gint64 interval = 0;

  if (repeat == NULL || JSON_NODE_HOLDS_NULL (repeat))
    return;

  if (sy_schedule_repeat_interval (repeat, &interval))
    {
      if (interval < 1)
        sy_validation_add (validation, "repeat", _("an interval must be at least 1 millisecond"));
      return;
    }

  if (!JSON_NODE_HOLDS_VALUE (repeat) || json_node_get_value_type (repeat) != G_TYPE_STRING
      || *json_node_get_string (repeat) == '\0')
    {
      sy_validation_add (validation, "repeat",
                         _("must be a cron expression or a number of milliseconds"));
      return;
    }

  {
    g_autoptr(SyCron) cron = sy_cron_parse (json_node_get_string (repeat), &error);

    if (cron == NULL)
      sy_validation_add (validation, "repeat", "%s", error->message);
  }
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
  sy_check_choice (config, "missed", missed_choices, "skip", validation);
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

/* ── Live static schedules ─────────────────────────────────────────────── */

typedef struct
{
  gatomicrefcount  ref_count;
  SyEngine        *engine;     /* not a reference: handles are stopped before the engine goes */
  SyClock         *clock;
  SySchedule      *schedule;
  gint64           version_id;
  char            *key;
  char            *state_name; /* "schedule:<key>:last" */
  guint            alarm;
  gint             stopped;    /* atomic: set by stop(), read by late callbacks */
} Run;

static Run *
run_ref (Run *run)
{
  g_atomic_ref_count_inc (&run->ref_count);
  return run;
}

static void
run_unref (Run *run)
{
  if (!g_atomic_ref_count_dec (&run->ref_count))
    return;

  g_clear_object (&run->clock);
  g_clear_pointer (&run->schedule, sy_schedule_free);
  g_free (run->key);
  g_free (run->state_name);
  g_free (run);
}

/* The latest instant handled for the key, or -1. */
static gint64
get_last (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = sy_store_get_state (_sy_engine_get_store (run->engine), run->state_name, &error);

  if (error != NULL)
    g_warning ("Schedule of “%s”: could not read its last run: %s", run->key, error->message);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static void
set_last (Run   *run,
          gint64 instant_ms)
{
  g_autoptr(GError) error = NULL;
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, instant_ms);
  if (!sy_store_set_state (_sy_engine_get_store (run->engine), run->state_name, text, &error))
    g_warning ("Schedule of “%s”: could not record its last run: %s", run->key, error->message);
}

static gboolean
limit_reached (Run *run)
{
  gint64 limit = sy_schedule_get_limit (run->schedule);
  g_autoptr(GError) error = NULL;
  gint64 executed;

  if (limit <= 0)
    return FALSE;

  executed = sy_store_get_key_executed (_sy_engine_get_store (run->engine), run->key, &error);
  if (error != NULL)
    g_warning ("Schedule of “%s”: could not count its runs: %s", run->key, error->message);

  return executed >= limit;
}

static void arm (Run *run);

static void
on_triggered (SyEngine     *engine,
              SyExecution  *execution,
              const GError *error,
              gpointer      data)
{
  Run *run = data;

  if (error != NULL && !g_error_matches (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_SKIPPED)
      && !g_error_matches (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_RUNNING))
    g_warning ("Schedule of “%s” could not start an execution: %s", run->key, error->message);

  if (!g_atomic_int_get (&run->stopped))
    arm (run);
  run_unref (run);
}

static void
fire (Run   *run,
      gint64 instant_ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant_ms / 1000);
  g_autofree char *seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *date = g_strdup_printf ("%s.%03dZ", seconds, (int) (instant_ms % 1000));
  g_autofree char *event_key = g_strdup_printf ("schedule:%" G_GINT64_FORMAT "@%" G_GINT64_FORMAT,
                                                run->version_id, instant_ms);
  g_autoptr(JsonObject) context = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_string_member (context, "date", date);
  node = json_node_init_object (json_node_alloc (), context);

  set_last (run, instant_ms);
  sy_engine_trigger (run->engine, run->version_id, node, event_key, on_triggered, run_ref (run));
}

static void
alarm_rang (gpointer data)
{
  Run *run = data;
  gint64 instant;

  run->alarm = 0;
  instant = sy_schedule_next (run->schedule, get_last (run));
  if (instant == -1 || limit_reached (run))
    return;

  fire (run, instant);
}

/* Sets the alarm for the first instant after both the last one handled and
 * now (what fell between was missed and has been dealt with at start). */
static void
arm (Run *run)
{
  gint64 after = MAX (get_last (run), sy_clock_now (run->clock) - 1);
  gint64 next;

  if (limit_reached (run))
    return;

  next = sy_schedule_next (run->schedule, after);
  if (next == -1)
    return;

  /* alarm_rang() recomputes from the store; remember where it must look. */
  set_last (run, after);
  run->alarm = sy_clock_add_alarm (run->clock, sy_engine_get_context (run->engine), next,
                                   alarm_rang, run_ref (run), (GDestroyNotify) run_unref);
}

static gpointer
start_static (SyEngine   *engine,
              SyWorkflow *workflow,
              GError    **error)
{
  g_autoptr(SySchedule) schedule = sy_schedule_new (sy_workflow_get_trigger_config (workflow), error);
  Run *run;
  gint64 last, now, missed = -1;

  if (schedule == NULL)
    return NULL;

  run = g_new0 (Run, 1);
  g_atomic_ref_count_init (&run->ref_count);
  run->engine = engine;
  run->clock = g_object_ref (sy_clock_get_for_engine (engine));
  run->schedule = g_steal_pointer (&schedule);
  run->version_id = sy_workflow_get_version_id (workflow);
  run->key = g_strdup (sy_workflow_get_key (workflow));
  run->state_name = g_strdup_printf ("schedule:%s:last", run->key);

  /* Without a record of the last run, the key is watched from now on. */
  last = get_last (run);
  now = sy_clock_now (run->clock);
  if (last >= 0 && sy_schedule_get_missed (run->schedule) == SY_SCHEDULE_MISSED_RUN_ONCE)
    missed = sy_schedule_latest (run->schedule, last, now - 1);

  if (missed != -1 && !limit_reached (run))
    fire (run, missed);
  else
    arm (run);

  return run;
}

static void
stop_static (gpointer handle)
{
  Run *run = handle;

  g_atomic_int_set (&run->stopped, TRUE);
  if (run->alarm != 0)
    sy_clock_cancel (run->clock, run->alarm);
  run->alarm = 0;
  run_unref (run);
}

/* ── Either mode ───────────────────────────────────────────────────────── */

typedef struct
{
  Run               *run;     /* static */
  SyScheduleRecords *records; /* date-field */
} Handle;

static gpointer
start (SyEngine   *engine,
       SyWorkflow *workflow,
       GError    **error)
{
  const char *mode = json_object_get_string_member_with_default (sy_workflow_get_trigger_config (workflow), "mode",
                                                                 "static");
  Handle *handle = g_new0 (Handle, 1);

  if (g_strcmp0 (mode, "date-field") == 0)
    handle->records = sy_schedule_records_start (engine, workflow, error);
  else
    handle->run = start_static (engine, workflow, error);

  if (handle->run == NULL && handle->records == NULL)
    g_clear_pointer (&handle, g_free);

  return handle;
}

static void
stop (gpointer data)
{
  Handle *handle = data;

  if (handle->run != NULL)
    stop_static (handle->run);
  if (handle->records != NULL)
    sy_schedule_records_stop (handle->records);
  g_free (handle);
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
  .start = start,
  .stop = stop,
};

const SyTriggerKind *
sy_trigger_schedule_get_kind (void)
{
  return &kind;
}
