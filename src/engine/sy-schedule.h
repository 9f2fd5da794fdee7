/* sy-schedule.h — fire times of a static schedule trigger
 *
 * A static schedule (trigger.config of a "schedule" trigger, mode static)
 * fires at `startsOn`, then, with `repeat`, at every cron time (6 fields,
 * seconds first, or 5) or every `repeat` milliseconds counted from
 * `startsOn` (start + k·repeat, aligned to the start, not to the last run),
 * never after `endsOn`. Cron times are wall-clock times in the local time
 * zone (see sy-cron.h for daylight-saving rules). `limit` and `missed` are
 * read here and applied by the runtime (triggers/sy-trigger-schedule.c).
 *
 * A date-field schedule (mode date-field) is the same for each record of a
 * collection, starting at the record's date field plus an offset:
 * sy_schedule_set_start() sets that start before asking for fire times
 * (triggers/sy-schedule-records.c).
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SY_SCHEDULE_ERROR (sy_schedule_error_quark ())
typedef enum
{
  SY_SCHEDULE_ERROR_INVALID,
} SyScheduleError;
GQuark sy_schedule_error_quark (void);

typedef enum
{
  SY_SCHEDULE_MISSED_SKIP,      /* fires missed while nothing ran are dropped (NocoBase) */
  SY_SCHEDULE_MISSED_RUN_ONCE,  /* run once at start-up, for the latest missed time */
} SyScheduleMissed;

typedef struct _SySchedule SySchedule;

/* NULL with an error naming the member ("trigger.config.repeat: …"). */
SySchedule       *sy_schedule_new        (JsonObject  *config,
                                          GError     **error);
void              sy_schedule_free       (SySchedule  *self);

/* The first fire time strictly after `after_ms`, or -1 when there is none. */
gint64            sy_schedule_next       (SySchedule  *self,
                                          gint64       after_ms);
/* The latest fire time in (after_ms, until_ms], or -1. */
gint64            sy_schedule_latest     (SySchedule  *self,
                                          gint64       after_ms,
                                          gint64       until_ms);
/* A `repeat` that is an interval: a whole number of milliseconds, or a
 * string of digits (what a text field holds). FALSE for anything else. */
gboolean          sy_schedule_repeat_interval (JsonNode *repeat,
                                               gint64   *interval_ms);
/* The start of a date-field schedule: a record's time plus the offset. */
void              sy_schedule_set_start  (SySchedule  *self,
                                          gint64       start_ms);
/* 0 = no limit (for a date-field schedule: runs per record). */
gint64            sy_schedule_get_limit  (SySchedule  *self);
SyScheduleMissed  sy_schedule_get_missed (SySchedule  *self);

/* For the editor's inspector: "Every hour, at minute 0, from …" (never NULL;
 * says what is wrong when the config is), and the next `n` fire times after
 * `after`, in `after`'s time zone (array of GDateTime; may be shorter). */
char             *sy_schedule_describe   (JsonObject  *config);
GPtrArray        *sy_schedule_next_fires (JsonObject  *config,
                                          GDateTime   *after,
                                          guint        n,
                                          GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SySchedule, sy_schedule_free)

G_END_DECLS
