/* sy-request-view.c — a request of an approval workflow: a new one to fill
 * in and send, or one of yours on its way (with Withdraw)
 *
 * A new request shows the form of the workflow's approval trigger and
 * sends it with sy_engine_start_request_async(); a request on its way
 * shows what was sent and whose answer it waits for, and may be withdrawn
 * until someone acted on it (the engine says when it is too late).
 */
#define G_LOG_DOMAIN "switchyard-request-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-request-view.h"
#include "sy-task-form.h"
#include "sy-time-format.h"
#include "sy-value-view.h"
#include "sy-widget-util.h"

struct _SyRequestView
{
  GtkWidget     parent_instance;

  SyEngine     *engine;
  GCancellable *cancellable;
  char         *key;          /* new request: the workflow */
  gint64        execution_id; /* request on its way */
  GtkWidget    *form;         /* new: SyTaskForm; on its way: what was sent */
  char         *error;
  gboolean      busy;

  /* template children */
  GtkLabel            *title_label;
  GtkLabel            *summary_label;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwPreferencesGroup *form_group;
  AdwPreferencesGroup *waiting_group;
  GtkListBox          *waiting_list;
  GtkWidget           *withdraw_button;
  GtkWidget           *send_button;
};

G_DEFINE_FINAL_TYPE (SyRequestView, sy_request_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_BACK,
  SIGNAL_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (SyRequestView *self,
            const char    *message)
{
  g_free (self->error);
  self->error = sy_text_capitalize (message);
  gtk_label_set_text (self->error_label, self->error != NULL ? self->error : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
set_busy (SyRequestView *self,
          gboolean       busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->send_button, !busy);
  gtk_widget_set_sensitive (self->withdraw_button, !busy);
}

/* Starts over: no form, nothing pending, no error. */
static void
reset (SyRequestView *self,
       SyEngine      *engine)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->engine, engine);
  g_clear_pointer (&self->key, g_free);
  self->execution_id = 0;
  if (self->form != NULL)
    adw_preferences_group_remove (self->form_group, self->form);
  self->form = NULL;
  sy_widget_remove_children (GTK_WIDGET (self->waiting_list));
  show_error (self, NULL);
  set_busy (self, FALSE);
}

/* ── A new request ────────────────────────────────────────────────────── */

static void
workflow_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SyRequestView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyVersionRow) row = sy_engine_get_workflow_finish (SY_ENGINE (source), result, &error);
  g_autoptr(SyWorkflow) workflow = NULL;
  JsonNode *form = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (row != NULL)
    workflow = sy_version_row_to_workflow (row, &error);
  if (workflow == NULL)
    {
      show_error (self, error->message);
      gtk_widget_set_sensitive (self->send_button, FALSE);
      return;
    }

  gtk_label_set_text (self->title_label, sy_workflow_get_title (workflow));
  form = json_object_get_member (sy_workflow_get_trigger_config (workflow), "form");
  self->form = sy_task_form_new (form, NULL);
  adw_preferences_group_add (self->form_group, self->form);
  gtk_widget_set_visible (GTK_WIDGET (self->form_group), sy_task_form_get_n_fields (SY_TASK_FORM (self->form)) > 0);
}

void
sy_request_view_show_new (SyRequestView *self,
                          SyEngine      *engine,
                          const char    *key)
{
  g_return_if_fail (SY_IS_REQUEST_VIEW (self));
  g_return_if_fail (key != NULL);

  reset (self, engine);
  self->key = g_strdup (key);
  gtk_label_set_text (self->title_label, key);
  gtk_label_set_text (self->summary_label, _("Fill in your request; the workflow asks the approvers."));
  adw_preferences_group_set_title (self->form_group, _("Your Request"));
  gtk_widget_set_visible (GTK_WIDGET (self->form_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_group), FALSE);
  gtk_widget_set_visible (self->send_button, TRUE);
  gtk_widget_set_visible (self->withdraw_button, FALSE);

  sy_engine_get_workflow_async (engine, key, 0, self->cancellable, workflow_loaded, self);
}

static void
sent (GObject      *source,
      GAsyncResult *result,
      gpointer      user_data)
{
  g_autoptr(SyRequestView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) execution = sy_engine_start_request_finish (SY_ENGINE (source), result, &error);

  set_busy (self, FALSE);
  if (execution == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_DONE], 0,
                 execution->status == SY_STATUS_STARTED ? _("Request sent") : _("Request sent and already decided"));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SyRequestView *self = SY_REQUEST_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) values = NULL;

  if (self->key == NULL || self->form == NULL || self->busy)
    return;

  if (!sy_task_form_check (SY_TASK_FORM (self->form), &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  set_busy (self, TRUE);
  values = sy_task_form_get_values (SY_TASK_FORM (self->form));
  sy_engine_start_request_async (self->engine, self->key, values, self->cancellable, sent, g_object_ref (self));
}

/* ── A request on its way ─────────────────────────────────────────────── */

void
sy_request_view_show_request (SyRequestView *self,
                              SyEngine      *engine,
                              SyExecution   *execution,
                              const char    *title,
                              GPtrArray     *tasks,
                              GPtrArray     *people)
{
  g_autofree char *when = NULL;
  g_autofree char *summary = NULL;
  JsonNode *data = NULL;
  guint waiting = 0;

  g_return_if_fail (SY_IS_REQUEST_VIEW (self));
  g_return_if_fail (execution != NULL);

  reset (self, engine);
  self->execution_id = execution->id;
  gtk_label_set_text (self->title_label, title != NULL ? title : execution->workflow_key);
  when = sy_time_format_ago (execution->created_at, sy_now_ms ());
  /* Translators: "Sent 5 minutes ago" */
  summary = g_strdup_printf (_("Sent %s"), when);
  gtk_label_set_text (self->summary_label, summary);

  if (execution->context != NULL && JSON_NODE_HOLDS_OBJECT (execution->context))
    data = json_object_get_member (json_node_get_object (execution->context), "data");
  self->form = sy_value_view_new (data, _("Nothing was filled in"));
  adw_preferences_group_set_title (self->form_group, _("What You Sent"));
  adw_preferences_group_add (self->form_group, self->form);
  gtk_widget_set_visible (GTK_WIDGET (self->form_group), TRUE);

  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      SyTask *task = g_ptr_array_index (tasks, i);
      g_autofree char *since = NULL;
      GtkWidget *row;

      if (task->execution_id != execution->id || task->status != SY_TASK_STATUS_PENDING ||
          g_strcmp0 (task->type, "cc") == 0)
        continue;
      since = sy_time_format_ago (task->created_at, sy_now_ms ());
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sy_person_name_of (people, task->assignee));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), since);
      gtk_list_box_append (self->waiting_list, row);
      waiting++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_group), waiting > 0);
  gtk_widget_set_visible (self->send_button, FALSE);
  gtk_widget_set_visible (self->withdraw_button, TRUE);
}

static void
withdrawn (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SyRequestView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) execution = sy_engine_withdraw_request_finish (SY_ENGINE (source), result, &error);

  set_busy (self, FALSE);
  if (execution == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_DONE], 0, _("Request withdrawn"));
}

static void
withdraw_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SyRequestView *self = SY_REQUEST_VIEW (widget);

  if (self->execution_id == 0 || self->busy)
    return;

  show_error (self, NULL);
  set_busy (self, TRUE);
  sy_engine_withdraw_request_async (self->engine, self->execution_id, self->cancellable,
                                    withdrawn, g_object_ref (self));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_BACK], 0);
}

/* ── Object ───────────────────────────────────────────────────────────── */

GtkWidget *
sy_request_view_get_form (SyRequestView *self)
{
  g_return_val_if_fail (SY_IS_REQUEST_VIEW (self), NULL);

  return self->key != NULL ? self->form : NULL;
}

const char *
sy_request_view_get_error (SyRequestView *self)
{
  g_return_val_if_fail (SY_IS_REQUEST_VIEW (self), NULL);

  return self->error;
}

static void
sy_request_view_dispose (GObject *object)
{
  SyRequestView *self = SY_REQUEST_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  sy_widget_dispose_template_children (GTK_WIDGET (self), SY_TYPE_REQUEST_VIEW);

  G_OBJECT_CLASS (sy_request_view_parent_class)->dispose (object);
}

static void
sy_request_view_finalize (GObject *object)
{
  SyRequestView *self = SY_REQUEST_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->engine);
  g_free (self->key);
  g_free (self->error);

  G_OBJECT_CLASS (sy_request_view_parent_class)->finalize (object);
}

static void
sy_request_view_class_init (SyRequestViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_request_view_dispose;
  object_class->finalize = sy_request_view_finalize;

  signals[SIGNAL_BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-request-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SyRequestView, title_label);
  gtk_widget_class_bind_template_child (widget_class, SyRequestView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SyRequestView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SyRequestView, error_label);
  gtk_widget_class_bind_template_child (widget_class, SyRequestView, form_group);
  gtk_widget_class_bind_template_child (widget_class, SyRequestView, waiting_group);
  gtk_widget_class_bind_template_child (widget_class, SyRequestView, waiting_list);
  gtk_widget_class_bind_template_child (widget_class, SyRequestView, withdraw_button);
  gtk_widget_class_bind_template_child (widget_class, SyRequestView, send_button);

  gtk_widget_class_install_action (widget_class, "request.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "request.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "request.withdraw", NULL, withdraw_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "request.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "request.send", NULL);

  gtk_widget_class_set_css_name (widget_class, "sy-request-view");
}

static void
sy_request_view_init (SyRequestView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
