/* sy-schedule.c — fire times of a schedule trigger */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sy-cron.h"
#include "sy-schedule.h"

#define NO_TIME (-1)

struct _SySchedule
{
  GTimeZone        *zone;
  gint64            start_ms;     /* G_MININT64 when absent */
  gint64            end_ms;       /* G_MAXINT64 when absent */
  gint64            interval_ms;  /* 0 unless repeat is a number */
  SyCron           *cron;         /* NULL unless repeat is a cron expression */
  gint64            limit;
  SyScheduleMissed  missed;
};

G_DEFINE_QUARK (sy-schedule-error-quark, sy_schedule_error)

void
sy_schedule_free (SySchedule *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->cron, sy_cron_free);
  g_free (self);
}

static gboolean
parse_time (JsonObject *config,
            const char *member,
            GTimeZone  *zone,
            gint64     *out,
            GError    **error)
{
  JsonNode *node = json_object_get_member (config, member);
  g_autoptr(GDateTime) parsed = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    parsed = g_date_time_new_from_iso8601 (json_node_get_string (node), zone);
  if (parsed == NULL)
    {
      g_set_error (error, SY_SCHEDULE_ERROR, SY_SCHEDULE_ERROR_INVALID,
                   _("trigger.config.%s: not a date and time such as 2025-03-01T08:00:00Z"), member);
      return FALSE;
    }

  *out = g_date_time_to_unix (parsed) * 1000 + g_date_time_get_microsecond (parsed) / 1000;
  return TRUE;
}

gboolean
sy_schedule_repeat_interval (JsonNode *repeat,
                             gint64   *interval_ms)
{
  const char *text;

  if (repeat == NULL || !JSON_NODE_HOLDS_VALUE (repeat))
    return FALSE;

  if (json_node_get_value_type (repeat) == G_TYPE_INT64)
    {
      *interval_ms = json_node_get_int (repeat);
      return TRUE;
    }

  /* Digits typed into a text field: a cron expression never is only digits. */
  if (json_node_get_value_type (repeat) != G_TYPE_STRING)
    return FALSE;
  text = json_node_get_string (repeat);
  if (*text == '\0' || strspn (text, "0123456789") != strlen (text) || strlen (text) > 18)
    return FALSE;

  *interval_ms = g_ascii_strtoll (text, NULL, 10);
  return TRUE;
}

static SySchedule *
schedule_new_in_zone (JsonObject *config,
                      GTimeZone  *zone,
                      GError    **error)
{
  g_autoptr(SySchedule) self = g_new0 (SySchedule, 1);
  JsonNode *repeat = json_object_get_member (config, "repeat");
  JsonNode *limit = json_object_get_member (config, "limit");
  JsonNode *missed = json_object_get_member (config, "missed");
  const char *mode = json_object_get_string_member_with_default (config, "mode", "static");

  self->zone = g_time_zone_ref (zone);
  self->start_ms = G_MININT64;
  self->end_ms = G_MAXINT64;

  if (g_strcmp0 (mode, "static") != 0 && g_strcmp0 (mode, "date-field") != 0)
    {
      g_set_error (error, SY_SCHEDULE_ERROR, SY_SCHEDULE_ERROR_INVALID,
                   _("trigger.config.mode: “%s” schedules are not supported"), mode);
      return NULL;
    }

  /* A date-field schedule starts at each record's time (sy_schedule_set_start). */
  if ((g_strcmp0 (mode, "static") == 0 && !parse_time (config, "startsOn", zone, &self->start_ms, error)) ||
      !parse_time (config, "endsOn", zone, &self->end_ms, error))
    return NULL;

  if (sy_schedule_repeat_interval (repeat, &self->interval_ms))
    {
      if (self->interval_ms < 1)
        {
          g_set_error (error, SY_SCHEDULE_ERROR, SY_SCHEDULE_ERROR_INVALID,
                       _("trigger.config.repeat: an interval must be at least 1 millisecond"));
          return NULL;
        }
    }
  else if (repeat != NULL && JSON_NODE_HOLDS_VALUE (repeat)
           && json_node_get_value_type (repeat) == G_TYPE_STRING)
    {
      g_autoptr(GError) cron_error = NULL;

      self->cron = sy_cron_parse (json_node_get_string (repeat), &cron_error);
      if (self->cron == NULL)
        {
          g_set_error (error, SY_SCHEDULE_ERROR, SY_SCHEDULE_ERROR_INVALID,
                       "trigger.config.repeat: %s", cron_error->message);
          return NULL;
        }
    }
  else if (repeat != NULL && !JSON_NODE_HOLDS_NULL (repeat))
    {
      g_set_error (error, SY_SCHEDULE_ERROR, SY_SCHEDULE_ERROR_INVALID,
                   _("trigger.config.repeat: must be a cron expression or a number of milliseconds"));
      return NULL;
    }

  if (limit != NULL && JSON_NODE_HOLDS_VALUE (limit)
      && json_node_get_value_type (limit) == G_TYPE_INT64)
    self->limit = MAX (json_node_get_int (limit), 0);

  if (missed != NULL && JSON_NODE_HOLDS_VALUE (missed)
      && g_strcmp0 (json_node_get_string (missed), "run-once") == 0)
    self->missed = SY_SCHEDULE_MISSED_RUN_ONCE;

  return g_steal_pointer (&self);
}

SySchedule *
sy_schedule_new (JsonObject *config,
                 GError    **error)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  return schedule_new_in_zone (config, local, error);
}

static GDateTime *
date_time_from_ms (gint64     ms,
                   GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000 - (ms % 1000 < 0));
  g_autoptr(GDateTime) whole = g_date_time_to_timezone (utc, zone);

  return g_date_time_add (whole, ((ms % 1000 + 1000) % 1000) * 1000);
}

static gint64
date_time_to_ms (GDateTime *time)
{
  return g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
}

/* Next time of the repetition alone, strictly after `after_ms`. */
static gint64
next_unbounded (SySchedule *self,
                gint64      after_ms)
{
  if (self->cron != NULL)
    {
      /* Cron times at or after the start: look from just before it. */
      gint64 from = self->start_ms == G_MININT64 ? after_ms : MAX (after_ms, self->start_ms - 1);
      g_autoptr(GDateTime) after = date_time_from_ms (from, self->zone);
      g_autoptr(GDateTime) next = sy_cron_next (self->cron, after);

      return next != NULL ? date_time_to_ms (next) : NO_TIME;
    }

  if (self->start_ms == G_MININT64)
    return NO_TIME;

  if (after_ms < self->start_ms)
    return self->start_ms;

  if (self->interval_ms > 0)
    return self->start_ms + ((after_ms - self->start_ms) / self->interval_ms + 1) * self->interval_ms;

  return NO_TIME; /* once, and that was at or before `after_ms` */
}

gint64
sy_schedule_next (SySchedule *self,
                  gint64      after_ms)
{
  gint64 next = next_unbounded (self, after_ms);

  return next != NO_TIME && next <= self->end_ms ? next : NO_TIME;
}

/* The latest cron time in (after_ms, until_ms]: cron has no "previous",
 * so walk forward from windows before `until_ms`, growing them until one
 * holds a fire time; the walk stays short for frequent schedules. */
static gint64
latest_cron (SySchedule *self,
             gint64      after_ms,
             gint64      until_ms)
{
  static const gint64 windows[] = {
    60 * 1000, 3600 * 1000, 86400 * 1000, 32 * G_GINT64_CONSTANT (86400000),
    367 * G_GINT64_CONSTANT (86400000), 8 * 367 * G_GINT64_CONSTANT (86400000),
  };

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      gint64 from = MAX (after_ms, until_ms - windows[i]);
      gint64 latest = NO_TIME;

      for (gint64 t = next_unbounded (self, from); t != NO_TIME && t <= until_ms;
           t = next_unbounded (self, t))
        latest = t;

      if (latest != NO_TIME || from == after_ms)
        return latest;
    }

  return NO_TIME;
}

gint64
sy_schedule_latest (SySchedule *self,
                    gint64      after_ms,
                    gint64      until_ms)
{
  gint64 latest = NO_TIME;

  until_ms = MIN (until_ms, self->end_ms);
  if (until_ms <= after_ms || (self->start_ms != G_MININT64 && until_ms < self->start_ms))
    return NO_TIME;

  if (self->cron != NULL)
    latest = latest_cron (self, after_ms, until_ms);
  else if (self->start_ms != G_MININT64 && self->interval_ms > 0)
    latest = self->start_ms + (until_ms - self->start_ms) / self->interval_ms * self->interval_ms;
  else if (self->start_ms != G_MININT64)
    latest = self->start_ms;

  return latest > after_ms ? latest : NO_TIME;
}

void
sy_schedule_set_start (SySchedule *self,
                       gint64      start_ms)
{
  self->start_ms = start_ms;
}

gint64
sy_schedule_get_limit (SySchedule *self)
{
  return self->limit;
}

SyScheduleMissed
sy_schedule_get_missed (SySchedule *self)
{
  return self->missed;
}

GPtrArray *
sy_schedule_next_fires (JsonObject *config,
                        GDateTime  *after,
                        guint       n,
                        GError    **error)
{
  g_autoptr(SySchedule) self = schedule_new_in_zone (config, g_date_time_get_timezone (after), error);
  g_autoptr(GPtrArray) fires = NULL;
  gint64 t;

  if (self == NULL)
    return NULL;

  fires = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  t = date_time_to_ms (after);
  while (fires->len < n && (t = sy_schedule_next (self, t)) != NO_TIME)
    g_ptr_array_add (fires, date_time_from_ms (t, self->zone));

  return g_steal_pointer (&fires);
}

static char *
describe_interval (gint64 ms)
{
  const gint64 minute = 60000, hour = 60 * minute, day = 24 * hour, week = 7 * day;

  if (ms % week == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every week", "Every %d weeks", ms / week),
                            (int) (ms / week));
  if (ms % day == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every day", "Every %d days", ms / day),
                            (int) (ms / day));
  if (ms % hour == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every hour", "Every %d hours", ms / hour),
                            (int) (ms / hour));
  if (ms % minute == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every minute", "Every %d minutes", ms / minute),
                            (int) (ms / minute));
  if (ms % 1000 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every second", "Every %d seconds", ms / 1000),
                            (int) (ms / 1000));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every millisecond", "Every %d milliseconds", ms),
                          (int) ms);
}

static char *
format_ms (gint64     ms,
           GTimeZone *zone)
{
  g_autoptr(GDateTime) time = date_time_from_ms (ms, zone);

  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

char *
sy_schedule_describe (JsonObject *config)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SySchedule) self = sy_schedule_new (config, &error);
  g_autoptr(GString) text = NULL;
  g_autofree char *repeat = NULL;

  if (self == NULL)
    return g_strdup (error->message);

  if (self->cron != NULL)
    repeat = sy_cron_describe (self->cron);
  else if (self->interval_ms > 0)
    repeat = describe_interval (self->interval_ms);

  text = g_string_new (NULL);
  if (repeat == NULL && self->start_ms != G_MININT64)
    {
      g_autofree char *start = format_ms (self->start_ms, self->zone);

      g_string_printf (text, _("Once, at %s"), start);
    }
  else if (repeat == NULL)
    g_string_assign (text, _("Never"));
  else
    {
      g_string_assign (text, repeat);
      if (self->start_ms != G_MININT64)
        {
          g_autofree char *start = format_ms (self->start_ms, self->zone);

          g_string_append_printf (text, _(", from %s"), start);
        }
    }

  if (self->end_ms != G_MAXINT64)
    {
      g_autofree char *end = format_ms (self->end_ms, self->zone);

      g_string_append_printf (text, _(", until %s"), end);
    }
  if (self->limit > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", at most %d time",
                                               ", at most %d times", self->limit),
                            (int) self->limit);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
