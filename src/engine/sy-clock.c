/* sy-clock.c — wall-clock time and alarms at absolute times, real or fake */
#include "config.h"

#include "sy-clock.h"

/* A real alarm sleeps at most this long before looking at the wall clock
 * again, so suspend and clock changes are noticed within a minute. */
#define MAX_SLEEP_MS 60000

typedef struct
{
  guint          id;
  gint64         at_ms;
  GMainContext  *context;
  SyClockFunc    func;
  gpointer       user_data;
  GDestroyNotify destroy;
  GSource       *source;    /* real: the timeout; fake: the idle once released */
  SyClock       *clock;     /* not a reference: alarms never outlive their clock's users */
} Alarm;

struct _SyClock
{
  GObject     parent_instance;

  gboolean    fake;
  GMutex      mutex;
  guint       last_id;
  GHashTable *alarms;       /* id → Alarm */
  gint64      now_ms;       /* fake */
  gint64      horizon_ms;   /* fake */
};

G_DEFINE_FINAL_TYPE (SyClock, sy_clock, G_TYPE_OBJECT)

static void
alarm_free (Alarm *alarm)
{
  if (alarm->source != NULL)
    {
      g_source_destroy (alarm->source);
      g_source_unref (alarm->source);
    }
  if (alarm->destroy != NULL)
    alarm->destroy (alarm->user_data);
  g_main_context_unref (alarm->context);
  g_free (alarm);
}

static void
sy_clock_finalize (GObject *object)
{
  SyClock *self = SY_CLOCK (object);

  g_hash_table_unref (self->alarms);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (sy_clock_parent_class)->finalize (object);
}

static void
sy_clock_class_init (SyClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_clock_finalize;
}

static void
sy_clock_init (SyClock *self)
{
  g_mutex_init (&self->mutex);
  self->alarms = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) alarm_free);
}

SyClock *
sy_clock_get_default (void)
{
  static SyClock *real;

  if (g_once_init_enter (&real))
    g_once_init_leave (&real, g_object_new (SY_TYPE_CLOCK, NULL));

  return real;
}

SyClock *
sy_clock_new_fake (gint64 now_ms)
{
  SyClock *self = g_object_new (SY_TYPE_CLOCK, NULL);

  self->fake = TRUE;
  self->now_ms = now_ms;
  self->horizon_ms = now_ms;

  return self;
}

gint64
sy_clock_now (SyClock *self)
{
  gint64 now;

  g_return_val_if_fail (SY_IS_CLOCK (self), 0);

  if (!self->fake)
    return g_get_real_time () / 1000;

  g_mutex_lock (&self->mutex);
  now = self->now_ms;
  g_mutex_unlock (&self->mutex);

  return now;
}

static void release_due (SyClock *self);

/* Runs the alarm `id` if it is still set: removes it first, so cancel()
 * from inside `func` is harmless. */
static void
fire (SyClock *self,
      guint    id)
{
  Alarm *alarm;

  g_mutex_lock (&self->mutex);
  if (!g_hash_table_steal_extended (self->alarms, GUINT_TO_POINTER (id), NULL, (gpointer *) &alarm))
    {
      g_mutex_unlock (&self->mutex);
      return;
    }
  g_clear_pointer (&alarm->source, g_source_unref);
  if (self->fake)
    {
      self->now_ms = MAX (self->now_ms, alarm->at_ms);
      release_due (self);
    }
  g_mutex_unlock (&self->mutex);

  alarm->func (alarm->user_data);
  alarm_free (alarm);
}

static void arm_real (Alarm *alarm);

static gboolean
real_alarm_due (gpointer data)
{
  Alarm *alarm = data;
  SyClock *self = alarm->clock;

  g_mutex_lock (&self->mutex);
  if (g_get_real_time () / 1000 < alarm->at_ms)
    {
      /* Woke early (a chunk of a long wait, or the clock was set back). */
      g_clear_pointer (&alarm->source, g_source_unref);
      arm_real (alarm);
      g_mutex_unlock (&self->mutex);
      return G_SOURCE_REMOVE;
    }
  g_mutex_unlock (&self->mutex);

  fire (self, alarm->id);
  return G_SOURCE_REMOVE;
}

/* Called with the mutex held. */
static void
arm_real (Alarm *alarm)
{
  gint64 wait = CLAMP (alarm->at_ms - g_get_real_time () / 1000, 0, MAX_SLEEP_MS);

  alarm->source = g_timeout_source_new ((guint) wait);
  g_source_set_name (alarm->source, "[switchyard] clock alarm");
  g_source_set_callback (alarm->source, real_alarm_due, alarm, NULL);
  g_source_attach (alarm->source, alarm->context);
}

static gboolean
fake_alarm_due (gpointer data)
{
  Alarm *alarm = data;

  fire (alarm->clock, alarm->id);
  return G_SOURCE_REMOVE;
}

/* Called with the mutex held: lets the alarm fire on its context soon. */
static void
release_fake (Alarm *alarm)
{
  alarm->source = g_idle_source_new ();
  g_source_set_name (alarm->source, "[switchyard] fake clock alarm");
  g_source_set_callback (alarm->source, fake_alarm_due, alarm, NULL);
  g_source_attach (alarm->source, alarm->context);
}

/* Called with the mutex held. Alarms are released one at a time, earliest
 * first, so time only moves forward while they fire. */
static void
release_due (SyClock *self)
{
  GHashTableIter iter;
  Alarm *alarm, *earliest = NULL;

  g_hash_table_iter_init (&iter, self->alarms);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &alarm))
    {
      if (alarm->source != NULL)
        return; /* one is already on its way */
      if (alarm->at_ms <= MAX (self->horizon_ms, self->now_ms)
          && (earliest == NULL || alarm->at_ms < earliest->at_ms))
        earliest = alarm;
    }

  if (earliest != NULL)
    release_fake (earliest);
}

guint
sy_clock_add_alarm (SyClock       *self,
                    GMainContext  *context,
                    gint64         at_ms,
                    SyClockFunc    func,
                    gpointer       user_data,
                    GDestroyNotify destroy)
{
  Alarm *alarm;

  g_return_val_if_fail (SY_IS_CLOCK (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  alarm = g_new0 (Alarm, 1);
  alarm->at_ms = at_ms;
  alarm->context = g_main_context_ref (context != NULL ? context : g_main_context_default ());
  alarm->func = func;
  alarm->user_data = user_data;
  alarm->destroy = destroy;
  alarm->clock = self;

  g_mutex_lock (&self->mutex);
  alarm->id = ++self->last_id;
  g_hash_table_insert (self->alarms, GUINT_TO_POINTER (alarm->id), alarm);
  if (self->fake)
    release_due (self);
  else
    arm_real (alarm);
  g_mutex_unlock (&self->mutex);

  return alarm->id;
}

void
sy_clock_cancel (SyClock *self,
                 guint    id)
{
  Alarm *alarm = NULL;

  g_return_if_fail (SY_IS_CLOCK (self));

  g_mutex_lock (&self->mutex);
  g_hash_table_steal_extended (self->alarms, GUINT_TO_POINTER (id), NULL, (gpointer *) &alarm);
  if (alarm != NULL && self->fake)
    {
      /* Another alarm may have waited behind this one. */
      if (alarm->source != NULL)
        {
          g_source_destroy (alarm->source);
          g_clear_pointer (&alarm->source, g_source_unref);
        }
      release_due (self);
    }
  g_mutex_unlock (&self->mutex);

  /* Outside the lock: `destroy` may take other locks. */
  if (alarm != NULL)
    alarm_free (alarm);
}

void
sy_clock_fake_set_now (SyClock *self,
                       gint64   now_ms)
{
  g_return_if_fail (SY_IS_CLOCK (self) && self->fake);

  g_mutex_lock (&self->mutex);
  self->now_ms = MAX (self->now_ms, now_ms);
  release_due (self);
  g_mutex_unlock (&self->mutex);
}

void
sy_clock_fake_run_until (SyClock *self,
                         gint64   horizon_ms)
{
  g_return_if_fail (SY_IS_CLOCK (self) && self->fake);

  g_mutex_lock (&self->mutex);
  self->horizon_ms = horizon_ms;
  release_due (self);
  g_mutex_unlock (&self->mutex);
}

void
sy_clock_set_for_engine (SyEngine *engine,
                         SyClock  *clock)
{
  g_return_if_fail (G_IS_OBJECT (engine));

  g_object_set_data_full (G_OBJECT (engine), "sy-clock",
                          clock != NULL ? g_object_ref (clock) : NULL, g_object_unref);
}

SyClock *
sy_clock_get_for_engine (SyEngine *engine)
{
  SyClock *clock = g_object_get_data (G_OBJECT (engine), "sy-clock");

  return clock != NULL ? clock : sy_clock_get_default ();
}
