/* sy-node-delay.c — waits a while, then passes or fails
 *
 * The wait is a durable timer kept in the store: the engine re-arms it after
 * a restart and fires it once. The result is the duration in milliseconds.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"
#include "sy-records.h"

typedef struct
{
  const char *name;
  gint64      ms;
} Unit;

/* NocoBase stores the unit as its length in milliseconds; both spellings work. */
static const Unit units[] = {
  { "second", 1000 },
  { "minute", 60 * 1000 },
  { "hour", 60 * 60 * 1000 },
  { "day", 24 * 60 * 60 * 1000 },
  { "week", 7 * 24 * 60 * 60 * 1000 },
};

static const char * const unit_names[] = { "second", "minute", "hour", "day", "week", NULL };
static const char * const unit_labels[] = {
  N_("Seconds"), N_("Minutes"), N_("Hours"), N_("Days"), N_("Weeks"), NULL
};
static const char * const end_statuses[] = { "resolved", "failed", NULL };
static const char * const end_status_labels[] = {
  N_("Pass and continue"), N_("Fail and end the workflow"), NULL
};

/* Longer waits are almost certainly mistakes (and overflow nothing below). */
#define MAX_DELAY_MS ((gint64) 366 * 24 * 60 * 60 * 1000 * 10)

static const SyFieldSpec fields[] = {
  { "duration", N_("Duration"), SY_FIELD_NUMBER,
    N_("How many units to wait: a number of at least 0, or a variable that gives one."),
    NULL, NULL, NULL, "1", TRUE, TRUE, NULL },
  { "unit", N_("Unit"), SY_FIELD_CHOICE, NULL,
    NULL, unit_names, unit_labels, "\"second\"", FALSE, FALSE, NULL },
  { "endStatus", N_("When the time is up"), SY_FIELD_CHOICE, NULL,
    NULL, end_statuses, end_status_labels, "\"resolved\"", FALSE, FALSE, NULL },
  { NULL },
};

/* The unit's length in ms: a name or NocoBase's number; 0 when unknown. */
static gint64
unit_ms (JsonNode *unit)
{
  if (unit == NULL || JSON_NODE_HOLDS_NULL (unit))
    return 1000;
  if (!JSON_NODE_HOLDS_VALUE (unit))
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      if (json_node_get_value_type (unit) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (unit), units[i].name))
        return units[i].ms;
      if (json_node_get_value_type (unit) == G_TYPE_INT64 && json_node_get_int (unit) == units[i].ms)
        return units[i].ms;
    }

  return 0;
}

/* NocoBase's 1 / -1 are accepted alongside the names. */
static gboolean
parse_end_status (JsonNode *node,
                  SyStatus *status)
{
  *status = SY_STATUS_RESOLVED;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *status = json_node_get_int (node) == 1 ? SY_STATUS_RESOLVED : SY_STATUS_FAILED;
      return json_node_get_int (node) == 1 || json_node_get_int (node) == -1;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      *status = g_str_equal (text, "failed") ? SY_STATUS_FAILED : SY_STATUS_RESOLVED;
      return g_strv_contains (end_statuses, text);
    }

  return FALSE;
}

/* A finite number, or a string that is exactly one. */
static gboolean
parse_duration (JsonNode *node,
                double   *value)
{
  return sy_json_node_get_number (node, value) && isfinite (*value);
}

static gboolean
has_placeholder (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING &&
         strstr (json_node_get_string (node), "{{") != NULL;
}

static void
delay_validate (SyNode       *node,
                SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);
  JsonNode *duration = json_object_get_member (config, "duration");
  SyStatus status;
  double value;

  sy_validation_push (validation, "config");

  if (duration == NULL || JSON_NODE_HOLDS_NULL (duration))
    sy_validation_add (validation, "duration", _("a duration is required"));
  else if (!has_placeholder (duration) && (!parse_duration (duration, &value) || value < 0))
    sy_validation_add (validation, "duration", _("must be a number of at least 0 or a variable"));

  if (unit_ms (json_object_get_member (config, "unit")) == 0)
    sy_validation_add (validation, "unit",
                       _("must be one of second, minute, hour, day, week "
                         "(or 1000, 60000, 3600000, 86400000, 604800000)"));

  if (!parse_end_status (json_object_get_member (config, "endStatus"), &status))
    sy_validation_add (validation, "endStatus", _("must be one of resolved, failed"));

  sy_validation_pop (validation);
}

static SyStep
delay_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  JsonObject *meta;
  JsonNode *duration_node;
  SyStatus status;
  double duration;
  gint64 ms, unit;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  duration_node = json_object_get_member (config, "duration");
  if (!parse_duration (duration_node, &duration) || duration < 0)
    {
      g_autofree char *shown = duration_node ? json_to_string (duration_node, FALSE) : g_strdup ("null");

      return sy_run_error (run, _("duration must be a number of at least 0, not %s"), shown);
    }

  unit = unit_ms (json_object_get_member (config, "unit"));
  if (unit == 0)
    return sy_run_error (run, _("unknown unit of time (expected second, minute, hour, day or week)"));
  if (!parse_end_status (json_object_get_member (config, "endStatus"), &status))
    return sy_run_error (run, _("endStatus must be resolved or failed"));

  if (duration * unit > MAX_DELAY_MS)
    return sy_run_error (run, _("a delay cannot be longer than ten years"));
  ms = (gint64) llround (duration * unit);

  /* Kept with the job: the config could resolve differently after a restart. */
  meta = sy_run_get_meta (run);
  json_object_set_int_member (meta, "duration", ms);
  json_object_set_string_member (meta, "endStatus", status == SY_STATUS_FAILED ? "failed" : "resolved");
  json_object_set_int_member (meta, "due", sy_now_ms () + ms);

  if (ms == 0)
    return sy_run_finish (run, status, json_node_init_int (json_node_alloc (), 0));

  sy_run_arm_timer (run, json_object_get_int_member (meta, "due"));
  return sy_run_wait (run);
}

static SyStep
delay_resume (SyRun    *run,
              JsonNode *payload)
{
  JsonObject *meta = sy_run_get_meta (run);
  const char *end_status = sy_object_get_string (meta, "endStatus", "resolved");
  gint64 ms = json_object_get_int_member_with_default (meta, "duration", 0);

  (void) payload;

  return sy_run_finish (run, g_str_equal (end_status, "failed") ? SY_STATUS_FAILED : SY_STATUS_RESOLVED,
                        json_node_init_int (json_node_alloc (), ms));
}

/* The engine re-arms stored timers itself; this only runs for a job whose
 * timer was lost, which must still end once. */
static SyStep
delay_recover (SyRun *run)
{
  JsonObject *meta = sy_run_get_meta (run);

  if (!json_object_has_member (meta, "due"))
    return sy_run_error (run, _("this delay lost its due time; it cannot go on"));

  sy_run_arm_timer (run, MAX (json_object_get_int_member (meta, "due"), sy_now_ms ()));
  return sy_run_wait (run);
}

static const SyNodeKind kind = {
  .type = "delay",
  .title = N_("Delay"),
  .description = N_("Wait for a while, then continue or fail"),
  .category = "time",
  .icon_name = "alarm-symbolic",
  .flags = SY_NODE_KIND_WAITS,
  .fields = fields,
  .validate = delay_validate,
  .run = delay_run,
  .resume = delay_resume,
  .recover = delay_recover,
};

const SyNodeKind *
sy_node_delay_get_kind (void)
{
  return &kind;
}
