/* sy-cron.h — cron expressions for the schedule trigger
 *
 * Syntax (what cron-parser, NocoBase's parser, accepts, plus a little):
 *   sec min hour day-of-month month day-of-week   (6 fields, seconds first)
 *   min hour day-of-month month day-of-week       (5 fields: seconds = 0)
 * Each field is a comma list of `*`, `N` and `A-B`, each optionally with a
 * step `/S` (every S-th value; `N/S` runs from N to the field's maximum).
 * Months take JAN–DEC, weekdays SUN–SAT (0 and 7 are both Sunday),
 * case-insensitive.
 * Day of month also takes `?` (same as `*`), `L` (last day), `L-N` (N days
 * before the last), `NW` (weekday nearest day N, within the month), `LW`
 * (last weekday) and `A-L` (A to the last day).
 * Day of week also takes `?`, `NL` (last N-day of the month, `5L` = last
 * Friday) and `N#K` (K-th N-day, `MON#2` = second Monday, K in 1–5).
 * Unlike cron-parser (like croniter), `#` and `NL` may share a list with
 * other items (`1,5L`, `SAT#1,SUN#2`). Ranges never wrap (`FRI-MON` is an
 * error).
 *
 * Day matching is Vixie cron's, as cron-parser does it: when both day of
 * month and day of week are restricted, a day matches if EITHER matches. A
 * field is unrestricted when it covers all its values (`*`, `?`, `1-31`,
 * `0-7`, or `*` with step 1).
 *
 * Times are wall-clock times in the time zone of the `after` argument.
 * Across daylight-saving and other offset changes:
 *  - A local time that does not exist (spring-forward gap) fires at the
 *    instant it would have had with the offset before the change, i.e.
 *    shifted forward by the gap length: 02:30 on a day when 02:00 jumps to
 *    03:00 fires at 03:30. This is what cron-parser and croniter do. When the
 *    shifted instant is also a fire time in its own right (an hourly
 *    schedule's 02:00 lands on 03:00) it fires once.
 *  - A local time that occurs twice (fall-back) fires once, at its first
 *    occurrence. Note cron-parser and croniter fire hourly and finer
 *    schedules in both passes of the repeated hour; Switchyard does not, so
 *    an every-minute schedule is silent for the hour repeated.
 *  - Offsets are probed one day either side of a local time, so a zone with
 *    two changes less than a day apart may resolve oddly.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SY_CRON_ERROR (sy_cron_error_quark ())

typedef enum
{
  SY_CRON_ERROR_INVALID,
} SyCronError;

typedef struct _SyCron SyCron;

GQuark      sy_cron_error_quark    (void);

SyCron     *sy_cron_parse          (const char *expression,
                                    GError    **error);
void        sy_cron_free           (SyCron     *cron);
const char *sy_cron_get_expression (SyCron     *cron);

/* The first fire time strictly after @after, in @after's time zone, or NULL
 * when there is none within the next 8 years (long enough for 29 February
 * across a century year). */
GDateTime  *sy_cron_next           (SyCron     *cron,
                                    GDateTime  *after);
/* Up to @n successive fire times (GDateTime, owned by the array). */
GPtrArray  *sy_cron_next_n         (SyCron     *cron,
                                    GDateTime  *after,
                                    guint       n);

char       *sy_cron_describe       (SyCron     *cron);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyCron, sy_cron_free)

G_END_DECLS
