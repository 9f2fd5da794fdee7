/* sy-task-notifier.c — a desktop notification for each new task for "me"
 *
 * The first listing only notes the highest task id: what waited before
 * the application started is not news. Later listings announce open tasks
 * and unread notices for "me" above that mark, once each, and withdraw the
 * notifications of tasks that were acted on meanwhile. Listings don't
 * overlap: a change during one lists once more after it.
 */
#define G_LOG_DOMAIN "switchyard-task-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-task-notifier.h"

struct _SyTaskNotifier
{
  GObject       parent_instance;

  GApplication *application;   /* weak */
  SyEngine     *engine;
  GCancellable *cancellable;
  GHashTable   *titles;        /* workflow key → title */
  GHashTable   *shown;         /* task ids (gint64*) with a notification out */
  gint64        seen;          /* highest task id looked at; -1 before the first listing */
  gboolean      listing;
  gboolean      list_again;
};

G_DEFINE_FINAL_TYPE (SyTaskNotifier, sy_task_notifier, G_TYPE_OBJECT)

enum {
  SIGNAL_SENT,
  SIGNAL_WITHDRAWN,
  SIGNAL_LISTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void list_tasks (SyTaskNotifier *self);

char *
sy_task_notifier_notification_id (gint64 task_id)
{
  return g_strdup_printf ("task-%" G_GINT64_FORMAT, task_id);
}

static gboolean
is_mine_and_open (SyTask *task)
{
  return g_strcmp0 (task->assignee, "me") == 0 && task->status == SY_TASK_STATUS_PENDING;
}

static GNotification *
notification_for (SyTaskNotifier *self,
                  SyTask         *task)
{
  const char *workflow = g_hash_table_lookup (self->titles, task->workflow_key);
  const char *title = task->title != NULL && *task->title != '\0' ? task->title : task->node_key;
  g_autoptr(GNotification) notification = g_notification_new (title);
  g_autofree char *body = NULL;
  GVariant *target = g_variant_new_int64 (task->id);

  if (workflow == NULL)
    workflow = task->workflow_key;

  if (g_strcmp0 (task->type, "cc") == 0)
    body = g_strdup_printf (_("For your information, from “%s”"), workflow);
  else if (g_strcmp0 (task->type, "approval") == 0)
    body = g_strdup_printf (_("“%s” waits for your approval"), workflow);
  else
    body = g_strdup_printf (_("“%s” waits for you"), workflow);

  g_notification_set_body (notification, body);
  g_notification_set_category (notification, "x-switchyard.task");
  g_notification_set_default_action_and_target_value (notification, "app.show-task", target);
  g_notification_add_button_with_target_value (notification, _("Open"), "app.show-task", target);

  return g_steal_pointer (&notification);
}

static void
withdraw (SyTaskNotifier *self,
          gint64          task_id)
{
  g_autofree char *id = sy_task_notifier_notification_id (task_id);

  if (self->application != NULL)
    g_application_withdraw_notification (self->application, id);
  g_hash_table_remove (self->shown, &task_id);
  g_signal_emit (self, signals[SIGNAL_WITHDRAWN], 0, task_id);
}

static void
announce (SyTaskNotifier *self,
          GPtrArray      *tasks)
{
  g_autoptr(GHashTable) open = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GList) shown = NULL;
  gint64 highest = MAX (self->seen, 0);

  for (guint i = 0; i < tasks->len; i++)
    {
      SyTask *task = g_ptr_array_index (tasks, i);

      highest = MAX (highest, task->id);
      if (!is_mine_and_open (task))
        continue;
      g_hash_table_add (open, &task->id);

      /* Tasks from before the first look are not news. */
      if (self->seen < 0 || task->id <= self->seen || g_hash_table_contains (self->shown, &task->id))
        continue;

      {
        g_autoptr(GNotification) notification = notification_for (self, task);
        g_autofree char *id = sy_task_notifier_notification_id (task->id);
        gint64 *key = g_new (gint64, 1);

        *key = task->id;
        if (self->application != NULL)
          g_application_send_notification (self->application, id, notification);
        g_hash_table_add (self->shown, key);
        g_signal_emit (self, signals[SIGNAL_SENT], 0, task, notification);
      }
    }

  /* Acted on elsewhere (the sidebar, the command line): no longer news. */
  shown = g_hash_table_get_keys (self->shown);
  for (GList *l = shown; l != NULL; l = l->next)
    {
      gint64 task_id = *(gint64 *) l->data;

      if (!g_hash_table_contains (open, &task_id))
        withdraw (self, task_id);
    }

  self->seen = highest;
}

static void
tasks_listed (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(SyTaskNotifier) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = sy_engine_list_tasks_finish (SY_ENGINE (source), result, &error);

  self->listing = FALSE;
  if (tasks == NULL)
    {
      /* Cancelled, or the engine stopped as the application quits. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_RUNNING))
        g_warning ("Could not list the tasks for notifications: %s", error->message);
      return;
    }

  announce (self, tasks);
  g_signal_emit (self, signals[SIGNAL_LISTED], 0);

  if (self->list_again)
    {
      self->list_again = FALSE;
      list_tasks (self);
    }
}

static void
workflows_listed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(SyTaskNotifier) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = sy_engine_list_workflows_finish (SY_ENGINE (source), result, &error);

  if (rows == NULL)
    {
      self->listing = FALSE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the workflows for notifications: %s", error->message);
      return;
    }

  /* Notifications name the workflow by its title. */
  g_hash_table_remove_all (self->titles);
  for (guint i = 0; i < rows->len; i++)
    {
      SyVersionRow *row = g_ptr_array_index (rows, i);

      if (row->title != NULL && *row->title != '\0')
        g_hash_table_insert (self->titles, g_strdup (row->key), g_strdup (row->title));
    }

  sy_engine_list_tasks_async (self->engine, TRUE, self->cancellable, tasks_listed, g_object_ref (self));
}

static void
list_tasks (SyTaskNotifier *self)
{
  if (!sy_engine_is_running (self->engine))
    return;
  if (self->listing)
    {
      self->list_again = TRUE;
      return;
    }

  self->listing = TRUE;
  sy_engine_list_workflows_async (self->engine, self->cancellable, workflows_listed, g_object_ref (self));
}

static void
sy_task_notifier_dispose (GObject *object)
{
  SyTaskNotifier *self = SY_TASK_NOTIFIER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (sy_task_notifier_parent_class)->dispose (object);
}

static void
sy_task_notifier_finalize (GObject *object)
{
  SyTaskNotifier *self = SY_TASK_NOTIFIER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);

  G_OBJECT_CLASS (sy_task_notifier_parent_class)->finalize (object);
}

static void
sy_task_notifier_class_init (SyTaskNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sy_task_notifier_dispose;
  object_class->finalize = sy_task_notifier_finalize;

  signals[SIGNAL_SENT] =
    g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, SY_TYPE_TASK, G_TYPE_NOTIFICATION);
  signals[SIGNAL_WITHDRAWN] =
    g_signal_new ("withdrawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_LISTED] =
    g_signal_new ("listed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sy_task_notifier_init (SyTaskNotifier *self)
{
  self->cancellable = g_cancellable_new ();
  self->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->shown = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->seen = -1;
}

SyTaskNotifier *
sy_task_notifier_new (GApplication *application,
                      SyEngine     *engine)
{
  SyTaskNotifier *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (SY_IS_ENGINE (engine), NULL);

  self = g_object_new (SY_TYPE_TASK_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->engine = g_object_ref (engine);
  g_signal_connect_swapped (engine, "tasks-changed", G_CALLBACK (list_tasks), self);
  g_signal_connect_swapped (engine, "workflows-changed", G_CALLBACK (list_tasks), self);
  list_tasks (self);

  return self;
}
