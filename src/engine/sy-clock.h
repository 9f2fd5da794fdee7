/* sy-clock.h — wall-clock time and alarms at absolute times, real or fake
 *
 * Triggers that fire at times (schedule) ask the clock for "now" and set
 * alarms through it, so tests can run hours, days and daylight-saving
 * changes in milliseconds with a fake clock.
 *
 * A fake clock stands still until told. Alarms due at or before its
 * horizon (sy_clock_fake_run_until()) fire at once, in order, and the
 * clock jumps to each alarm's time as it fires. Thread-safe.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _SyEngine SyEngine;

#define SY_TYPE_CLOCK (sy_clock_get_type ())
G_DECLARE_FINAL_TYPE (SyClock, sy_clock, SY, CLOCK, GObject)

typedef void (*SyClockFunc) (gpointer user_data);

/* The real clock (transfer none, never freed). */
SyClock *sy_clock_get_default     (void);
SyClock *sy_clock_new_fake        (gint64        now_ms);

/* Milliseconds since the Unix epoch. */
gint64   sy_clock_now             (SyClock      *self);
/* Calls `func` on `context` once the clock reaches `at_ms` (at once when
 * it already has). Returns an id for sy_clock_cancel(); `destroy` runs
 * after the call or on cancel. */
guint    sy_clock_add_alarm       (SyClock      *self,
                                   GMainContext *context,
                                   gint64        at_ms,
                                   SyClockFunc   func,
                                   gpointer      user_data,
                                   GDestroyNotify destroy);
/* On the alarm's context's thread; the alarm may already have fired. */
void     sy_clock_cancel          (SyClock      *self,
                                   guint         id);

/* Fake clocks only: sets now (alarms due by then fire) / lets every alarm
 * due at or before `horizon_ms` fire, jumping time to each. */
void     sy_clock_fake_set_now    (SyClock      *self,
                                   gint64        now_ms);
void     sy_clock_fake_run_until  (SyClock      *self,
                                   gint64        horizon_ms);

/* The clock an engine's triggers use: set before sy_engine_start() (tests),
 * otherwise the real clock. */
void     sy_clock_set_for_engine  (SyEngine     *engine,
                                   SyClock      *clock);
SyClock *sy_clock_get_for_engine  (SyEngine     *engine);

G_END_DECLS
