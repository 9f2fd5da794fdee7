/* sy-failure-notifier.c — a desktop notification when a background execution fails
 *
 * On "execution-finished" the snapshot says everything needed to decide;
 * the workflow's title comes from the version that ran, read without
 * blocking. Each execution is announced once: its id is noted before the
 * title is read, so a second signal for it while the read is under way
 * sends nothing either.
 */
#define G_LOG_DOMAIN "switchyard-failure-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-execution-format.h"
#include "sy-failure-notifier.h"

struct _SyFailureNotifier
{
  GObject       parent_instance;

  GApplication *application; /* weak */
  GSettings    *settings;
  SyEngine     *engine;
  GCancellable *cancellable;
  GHashTable   *announced;   /* execution ids (gint64*) already announced */
};

G_DEFINE_FINAL_TYPE (SyFailureNotifier, sy_failure_notifier, G_TYPE_OBJECT)

enum {
  SIGNAL_SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  SyFailureNotifier *notifier;
  SyExecution       *execution;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_clear_object (&lookup->notifier);
  g_clear_pointer (&lookup->execution, sy_execution_unref);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lookup, lookup_free)

char *
sy_failure_notifier_notification_id (gint64 execution_id)
{
  return g_strdup_printf ("execution-failed-%" G_GINT64_FORMAT, execution_id);
}

/* Which ends are news. `manually` is what the engine records for runs a
 * person started: the window's Execute (its detail opens at once and shows
 * the failure live), the command line's execute (which prints the outcome)
 * and Retry; those are not announced. A subflow's failure reaches its
 * caller, which is announced in its place when it fails too. Of aborted
 * executions only timeouts count: the others were canceled or withdrawn
 * by a person, ended with the calling workflow, or their workflow was
 * deleted. */
static gboolean
is_news (SyExecution *execution)
{
  if (execution->manually || execution->parent_execution_id != 0)
    return FALSE;

  switch (execution->status)
    {
    case SY_STATUS_FAILED:
    case SY_STATUS_ERROR:
      return TRUE;
    case SY_STATUS_ABORTED:
      return g_strcmp0 (execution->reason, "timeout") == 0;
    default:
      return FALSE;
    }
}

static gboolean
is_enabled (SyFailureNotifier *self)
{
  return g_settings_get_boolean (self->settings, "notify-on-failure");
}

static char *
body_for (SyExecution *execution)
{
  const char *reason = sy_format_reason (execution->reason);
  g_autofree char *name = NULL;

  if (reason[0] != '\0')
    return g_strdup (reason);

  /* A node that failed without a message (an end node, a condition). */
  name = sy_format_execution_title (execution->id);
  /* Translators: "Execution 12 ended with the status Failed" */
  return g_strdup_printf (_("%s ended with the status %s"), name,
                          sy_status_to_display (execution->status, FALSE));
}

static GNotification *
notification_for (SyExecution *execution,
                  const char  *workflow_title)
{
  g_autofree char *title = g_strdup_printf (_("“%s” failed"), workflow_title);
  g_autofree char *body = body_for (execution);
  g_autoptr(GNotification) notification = g_notification_new (title);
  GVariant *target = g_variant_new_int64 (execution->id);

  g_notification_set_body (notification, body);
  g_notification_set_category (notification, "x-switchyard.execution.failed");
  g_notification_set_default_action_and_target_value (notification, "app.show-execution", target);
  g_notification_add_button_with_target_value (notification, _("Show"), "app.show-execution", target);

  return g_steal_pointer (&notification);
}

static void
workflow_read (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(Lookup) lookup = data;
  SyFailureNotifier *self = lookup->notifier;
  SyExecution *execution = lookup->execution;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyVersionRow) row = sy_engine_get_workflow_finish (SY_ENGINE (source), result, &error);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  const char *title = execution->workflow_key;

  if (row == NULL)
    {
      /* Cancelled as the application quits, or the engine stopped. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_RUNNING))
        return;
      /* Deleted meanwhile: the key names it still. */
      g_debug ("Could not read workflow “%s” for a notification: %s", execution->workflow_key, error->message);
    }
  else if (row->title != NULL && row->title[0] != '\0')
    title = row->title;

  /* Turned off while the title was read. */
  if (!is_enabled (self))
    return;

  notification = notification_for (execution, title);
  id = sy_failure_notifier_notification_id (execution->id);
  if (self->application != NULL)
    g_application_send_notification (self->application, id, notification);
  g_signal_emit (self, signals[SIGNAL_SENT], 0, execution, notification);
}

static void
on_execution_finished (SyFailureNotifier *self,
                       SyExecution       *execution)
{
  Lookup *lookup;
  gint64 *key;

  if (!is_news (execution) || !is_enabled (self) || g_hash_table_contains (self->announced, &execution->id))
    return;

  key = g_new (gint64, 1);
  *key = execution->id;
  g_hash_table_add (self->announced, key);

  lookup = g_new0 (Lookup, 1);
  lookup->notifier = g_object_ref (self);
  lookup->execution = sy_execution_ref (execution);
  sy_engine_get_workflow_async (self->engine, execution->workflow_key, execution->version, self->cancellable,
                                workflow_read, lookup);
}

static void
sy_failure_notifier_dispose (GObject *object)
{
  SyFailureNotifier *self = SY_FAILURE_NOTIFIER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (sy_failure_notifier_parent_class)->dispose (object);
}

static void
sy_failure_notifier_finalize (GObject *object)
{
  SyFailureNotifier *self = SY_FAILURE_NOTIFIER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->announced, g_hash_table_unref);

  G_OBJECT_CLASS (sy_failure_notifier_parent_class)->finalize (object);
}

static void
sy_failure_notifier_class_init (SyFailureNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sy_failure_notifier_dispose;
  object_class->finalize = sy_failure_notifier_finalize;

  signals[SIGNAL_SENT] =
    g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, SY_TYPE_EXECUTION, G_TYPE_NOTIFICATION);
}

static void
sy_failure_notifier_init (SyFailureNotifier *self)
{
  self->cancellable = g_cancellable_new ();
  self->announced = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

SyFailureNotifier *
sy_failure_notifier_new (GApplication *application,
                         GSettings    *settings,
                         SyEngine     *engine)
{
  SyFailureNotifier *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (SY_IS_ENGINE (engine), NULL);

  self = g_object_new (SY_TYPE_FAILURE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->settings = g_object_ref (settings);
  self->engine = g_object_ref (engine);
  g_signal_connect_swapped (engine, "execution-finished", G_CALLBACK (on_execution_finished), self);

  return self;
}
