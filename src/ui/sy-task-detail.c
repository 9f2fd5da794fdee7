/* sy-task-detail.c — one task: what the workflow knows, the form, the answers
 *
 * The task comes from the sidebar's list; its execution (trigger data and
 * earlier results) and workflow (step titles, where Return may go) are
 * loaded when it is shown. Buttons depend on the kind: Continue, Reject
 * and Save Draft for a manual task; Approve, Reject, Return, Delegate and
 * Add Approver for an approval; a cc notice only informs (opening it marks
 * it read). A finished task shows what was done, read-only.
 */
#define G_LOG_DOMAIN "switchyard-task-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-task-detail.h"
#include "sy-task-form.h"
#include "sy-time-format.h"
#include "sy-value-view.h"
#include "sy-widget-util.h"

struct _SyTaskDetail
{
  GtkWidget     parent_instance;

  SyEngine     *engine;
  SyTask       *task;
  GPtrArray    *people;       /* of SyPerson, borrowed reference */
  char         *workflow_title;
  GCancellable *cancellable;
  SyExecution  *execution;
  SyWorkflow   *workflow;
  GtkWidget    *form;
  char         *error;
  gboolean      busy;

  /* template children */
  GtkLabel             *title_label;
  GtkLabel             *summary_label;
  GtkLabel             *status_label;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *form_group;
  AdwPreferencesGroup  *comment_group;
  AdwEntryRow          *comment_row;
  AdwPreferencesGroup  *history_group;
  GtkListBox           *history_list;
  GtkToggleButton      *raw_button;
  GtkStack             *known_stack;
  GtkBox               *known_box;
  GtkTextView          *raw_view;
  GtkWidget            *action_box;
  GtkWidget            *reject_button;
  GtkWidget            *save_button;
  GtkWidget            *continue_button;
  GtkWidget            *approve_button;
  GtkMenuButton        *more_button;
};

G_DEFINE_FINAL_TYPE (SyTaskDetail, sy_task_detail, GTK_TYPE_WIDGET)

enum {
  SIGNAL_BACK,
  SIGNAL_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ── Small helpers ────────────────────────────────────────────────────── */

static void
show_error (SyTaskDetail *self,
            const char   *message)
{
  g_free (self->error);
  self->error = sy_text_capitalize (message);
  gtk_label_set_text (self->error_label, self->error != NULL ? self->error : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static gboolean
is_open (SyTaskDetail *self)
{
  return self->task != NULL && self->task->status == SY_TASK_STATUS_PENDING &&
         g_strcmp0 (self->task->type, "cc") != 0;
}

static void
set_busy (SyTaskDetail *self,
          gboolean      busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->action_box, !busy);
}

/* What happened to a finished task, for its status line. */
static char *
outcome_text (SyTaskDetail *self)
{
  SyTask *task = self->task;
  g_autofree char *when = sy_time_format_ago (task->updated_at, sy_now_ms ());
  const char *action = task->action != NULL ? task->action : "";

  switch (task->status)
    {
    case SY_TASK_STATUS_RESOLVED:
      if (g_strcmp0 (task->type, "cc") == 0)
        return g_strdup_printf (_("Read %s"), when);
      return g_strdup_printf (g_str_equal (action, "approve") && g_strcmp0 (task->type, "approval") == 0
                                ? _("Approved %s") : _("Done %s"), when);
    case SY_TASK_STATUS_REJECTED:
      return g_strdup_printf (_("Rejected %s"), when);
    case SY_TASK_STATUS_RETURNED:
      return g_strdup_printf (_("Returned %s"), when);
    case SY_TASK_STATUS_HANDED_OVER:
      return g_strdup_printf (g_str_equal (action, "delegate") ? _("Delegated %s") : _("Handed over %s"), when);
    case SY_TASK_STATUS_WITHDRAWN:
      return g_strdup_printf (_("Withdrawn %s: the workflow went on without it"), when);
    default:
      return NULL;
    }
}

/* ── What the workflow knows ──────────────────────────────────────────── */

static const char *
step_title (SyTaskDetail *self,
            const char   *key)
{
  SyNode *node = self->workflow != NULL ? sy_workflow_find_node (self->workflow, key) : NULL;

  if (node != NULL && sy_node_get_title (node) != NULL && *sy_node_get_title (node) != '\0')
    return sy_node_get_title (node);
  return key;
}

static void
add_known_group (SyTaskDetail *self,
                 const char   *title,
                 JsonNode     *value)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), sy_value_view_new (value, _("Nothing")));
  gtk_box_append (self->known_box, group);
}

/* The latest job of each step that ran before this task's step. */
static GPtrArray *
earlier_jobs (SyTaskDetail *self)
{
  GPtrArray *jobs = g_ptr_array_new ();
  g_autoptr(GHashTable) latest = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; self->execution->jobs != NULL && i < self->execution->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (self->execution->jobs, i);

      if (job->id < self->task->job_id && g_strcmp0 (job->node_key, self->task->node_key) != 0 &&
          job->status == SY_STATUS_RESOLVED && job->result != NULL)
        g_hash_table_insert (latest, job->node_key, job);
    }

  for (guint i = 0; self->execution->jobs != NULL && i < self->execution->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (self->execution->jobs, i);

      if (g_hash_table_lookup (latest, job->node_key) == job)
        g_ptr_array_add (jobs, job);
    }

  return jobs;
}

static void
fill_known (SyTaskDetail *self)
{
  g_autoptr(GPtrArray) jobs = earlier_jobs (self);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) raw = NULL;
  g_autofree char *text = NULL;

  sy_widget_remove_children (GTK_WIDGET (self->known_box));
  add_known_group (self, _("Started With"), self->execution->context);
  for (guint i = 0; i < jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (jobs, i);

      add_known_group (self, step_title (self, job->node_key), job->result);
    }

  /* The same as JSON, for those who want it exact. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "$context");
  json_builder_add_value (builder, self->execution->context ? json_node_copy (self->execution->context)
                                                            : json_node_new (JSON_NODE_NULL));
  json_builder_set_member_name (builder, "$jobsMapByNodeKey");
  json_builder_begin_object (builder);
  for (guint i = 0; i < jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (jobs, i);

      json_builder_set_member_name (builder, job->node_key);
      json_builder_add_value (builder, json_node_copy (job->result));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  raw = json_builder_get_root (builder);
  json_generator_set_root (generator, raw);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->raw_view), text, -1);
}

static void
on_raw_toggled (SyTaskDetail *self)
{
  gtk_stack_set_visible_child_name (self->known_stack,
                                    gtk_toggle_button_get_active (self->raw_button) ? "raw" : "readable");
}

/* ── History of an approval ───────────────────────────────────────────── */

static char *
record_text (SyTaskDetail *self,
             JsonObject   *record)
{
  const char *who = sy_person_name_of (self->people, json_object_get_string_member_with_default (record, "assignee", ""));
  const char *action = json_object_get_string_member_with_default (record, "action", "");
  const char *to = json_object_get_string_member_with_default (record, "to", NULL);

  if (g_str_equal (action, "approve"))
    return g_strdup_printf (_("%s approved"), who);
  if (g_str_equal (action, "reject"))
    return g_strdup_printf (_("%s rejected"), who);
  if (g_str_equal (action, "return"))
    return g_strdup_printf (_("%s returned it"), who);
  if (g_str_equal (action, "delegate"))
    return g_strdup_printf (_("%s delegated to %s"), who, sy_person_name_of (self->people, to != NULL ? to : ""));
  if (g_str_equal (action, "add"))
    {
      JsonArray *people = json_object_get_array_member (record, "people");
      g_autoptr(GString) names = g_string_new (NULL);
      gboolean before = g_strcmp0 (json_object_get_string_member_with_default (record, "position", NULL),
                                   "before") == 0;

      for (guint i = 0; people != NULL && i < json_array_get_length (people); i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                sy_person_name_of (self->people, json_array_get_string_element (people, i)));
      return g_strdup_printf (before ? _("%s asked %s first") : _("%s asked %s next"), who, names->str);
    }

  return g_strdup_printf ("%s: %s", who, action);
}

static void
fill_history (SyTaskDetail *self)
{
  SyJob *job = NULL;
  JsonArray *records = NULL;

  sy_widget_remove_children (GTK_WIDGET (self->history_list));
  for (guint i = 0; self->execution->jobs != NULL && i < self->execution->jobs->len; i++)
    if (((SyJob *) g_ptr_array_index (self->execution->jobs, i))->id == self->task->job_id)
      job = g_ptr_array_index (self->execution->jobs, i);

  if (job != NULL && job->meta != NULL && JSON_NODE_HOLDS_OBJECT (job->meta) &&
      json_object_has_member (json_node_get_object (job->meta), "records"))
    records = json_object_get_array_member (json_node_get_object (job->meta), "records");

  for (guint i = 0; records != NULL && i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      g_autofree char *title = record_text (self, record);
      const char *comment = json_object_get_string_member_with_default (record, "comment", NULL);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (comment != NULL && *comment != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), comment);
      gtk_list_box_append (self->history_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->history_group), records != NULL && json_array_get_length (records) > 0);
}

/* ── The More menu: where to return, whom to delegate to or add ──────── */

static GMenu *
people_menu (SyTaskDetail *self,
             const char   *action)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; self->people != NULL && i < self->people->len; i++)
    {
      SyPerson *person = g_ptr_array_index (self->people, i);
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (person->id, self->task->assignee) == 0)
        continue;
      item = g_menu_item_new (sy_person_name_of (self->people, person->id), NULL);
      g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (person->id));
      g_menu_append_item (menu, item);
    }

  return menu;
}

static void
append_people_submenu (SyTaskDetail *self,
                       GMenu        *menu,
                       const char   *label,
                       const char   *action)
{
  g_autoptr(GMenu) people = people_menu (self, action);

  /* Nobody else in the directory: nothing to offer. */
  if (g_menu_model_get_n_items (G_MENU_MODEL (people)) > 0)
    g_menu_append_submenu (menu, label, G_MENU_MODEL (people));
}

static void
fill_more_menu (SyTaskDetail *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) returns = g_menu_new ();
  g_autoptr(GMenu) steps = g_menu_new ();
  g_autoptr(GMenu) others = g_menu_new ();
  SyNode *node = self->workflow != NULL ? sy_workflow_find_node (self->workflow, self->task->node_key) : NULL;
  g_autoptr(GPtrArray) earlier = node != NULL ? sy_workflow_get_upstream_keys (self->workflow, node)
                                              : g_ptr_array_new ();

  g_menu_append (returns, _("To the Start"), "detail.return('')");
  for (guint i = 0; i < earlier->len; i++)
    {
      const char *key = g_ptr_array_index (earlier, i);
      g_autofree char *action = g_strdup_printf ("detail.return('%s')", key);
      g_autofree char *label = g_strdup_printf (_("To “%s”"), step_title (self, key));

      g_menu_append (steps, label, action);
    }
  g_menu_append_section (returns, NULL, G_MENU_MODEL (steps));
  g_menu_append_submenu (menu, _("_Return"), G_MENU_MODEL (returns));

  append_people_submenu (self, others, _("_Delegate To"), "detail.delegate");
  append_people_submenu (self, others, _("Add Approver _Before Me"), "detail.add-before");
  append_people_submenu (self, others, _("Add Approver _After Me"), "detail.add-after");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (others));

  gtk_menu_button_set_menu_model (self->more_button, G_MENU_MODEL (menu));
}

/* ── Loading ──────────────────────────────────────────────────────────── */

static void
workflow_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SyTaskDetail *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyVersionRow) row = sy_engine_get_workflow_finish (SY_ENGINE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without the workflow (deleted meanwhile) steps show their keys. */
  if (row != NULL)
    self->workflow = sy_version_row_to_workflow (row, NULL);
  fill_known (self);
  fill_more_menu (self);
}

static void
execution_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SyTaskDetail *self = user_data;
  g_autoptr(GError) error = NULL;
  SyExecution *execution = sy_engine_get_execution_finish (SY_ENGINE (source), result, &error);

  if (execution == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  g_clear_pointer (&self->execution, sy_execution_unref);
  self->execution = execution;
  fill_history (self);
  fill_known (self);
  sy_engine_get_workflow_async (self->engine, execution->workflow_key, execution->version,
                                self->cancellable, workflow_loaded, self);
}

static void
mark_read_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyTask) task = sy_engine_submit_task_finish (SY_ENGINE (source), result, &error);

  if (task == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not mark the notice as read: %s", error->message);
}

void
sy_task_detail_show (SyTaskDetail *self,
                     SyEngine     *engine,
                     SyTask       *task,
                     GPtrArray    *people,
                     const char   *workflow_title)
{
  g_autofree char *since = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *outcome = NULL;
  gboolean open;
  gboolean approval;
  gboolean notice;

  g_return_if_fail (SY_IS_TASK_DETAIL (self));
  g_return_if_fail (SY_IS_ENGINE (engine));
  g_return_if_fail (task != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->engine, engine);
  g_clear_pointer (&self->task, sy_task_unref);
  self->task = sy_task_ref (task);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  self->people = people != NULL ? g_ptr_array_ref (people) : NULL;
  g_free (self->workflow_title);
  self->workflow_title = g_strdup (workflow_title != NULL ? workflow_title : task->workflow_key);
  g_clear_pointer (&self->execution, sy_execution_unref);
  g_clear_object (&self->workflow);
  show_error (self, NULL);
  set_busy (self, FALSE);

  open = is_open (self);
  approval = g_strcmp0 (task->type, "approval") == 0;
  notice = g_strcmp0 (task->type, "cc") == 0;

  gtk_label_set_text (self->title_label, task->title != NULL && *task->title != '\0' ? task->title : task->node_key);
  since = sy_time_format_ago (task->created_at, sy_now_ms ());
  /* Translators: workflow title · the person the task is for · when it came */
  summary = g_strdup_printf (_("%s · for %s · %s"), self->workflow_title,
                             sy_person_name_of (self->people, task->assignee), since);
  gtk_label_set_text (self->summary_label, summary);

  outcome = open ? NULL : outcome_text (self);
  gtk_label_set_text (self->status_label, outcome != NULL ? outcome : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), outcome != NULL);

  if (self->form != NULL)
    adw_preferences_group_remove (self->form_group, self->form);
  self->form = NULL;
  if (!notice)
    {
      self->form = sy_task_form_new (task->form, task->values);
      sy_task_form_set_editable (SY_TASK_FORM (self->form), open);
      adw_preferences_group_add (self->form_group, self->form);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->form_group),
                          self->form != NULL && sy_task_form_get_n_fields (SY_TASK_FORM (self->form)) > 0);

  gtk_editable_set_text (GTK_EDITABLE (self->comment_row), open ? "" : (task->comment ? task->comment : ""));
  gtk_widget_set_visible (GTK_WIDGET (self->comment_group), open || (task->comment != NULL && *task->comment != '\0'));
  gtk_editable_set_editable (GTK_EDITABLE (self->comment_row), open);

  gtk_widget_set_visible (self->action_box, open);
  gtk_widget_set_visible (self->save_button, !approval);
  gtk_widget_set_visible (self->continue_button, !approval);
  gtk_widget_set_visible (self->approve_button, approval);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), approval);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.continue", open && !approval);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.save", open && !approval);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.approve", open && approval);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.reject", open);
  if (approval)
    fill_more_menu (self);

  gtk_widget_set_visible (GTK_WIDGET (self->history_group), FALSE);
  sy_widget_remove_children (GTK_WIDGET (self->known_box));
  gtk_toggle_button_set_active (self->raw_button, FALSE);

  sy_engine_get_execution_async (engine, task->execution_id, self->cancellable, execution_loaded, self);

  /* Seeing a notice is reading it. */
  if (notice && task->status == SY_TASK_STATUS_UNREAD)
    sy_engine_submit_task_async (engine, task->id, "approve", NULL, NULL, NULL, mark_read_done, NULL);
}

/* ── Acting ───────────────────────────────────────────────────────────── */

typedef enum
{
  ACT_SUBMIT,
  ACT_RETURN,
  ACT_DELEGATE,
  ACT_ADD_BEFORE,
  ACT_ADD_AFTER,
} ActKind;

static void
acted (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(SyTaskDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyTask) task = NULL;
  const char *message;

  /* All the task calls finish the same way. */
  task = g_task_propagate_pointer (G_TASK (result), &error);
  (void) source;
  set_busy (self, FALSE);
  if (task == NULL)
    {
      show_error (self, error->message);
      return;
    }

  switch (task->status)
    {
    case SY_TASK_STATUS_RESOLVED:
      message = g_strcmp0 (task->type, "approval") == 0 ? _("Approved") : _("Sent: the workflow goes on");
      break;
    case SY_TASK_STATUS_REJECTED:
      message = _("Rejected");
      break;
    case SY_TASK_STATUS_RETURNED:
      message = _("Returned");
      break;
    case SY_TASK_STATUS_HANDED_OVER:
      message = g_strcmp0 (task->action, "delegate") == 0 ? _("Delegated") : _("Handed over for now");
      break;
    default:
      message = g_strcmp0 (task->action, "save") == 0 ? _("Draft saved") : _("Approver added");
      break;
    }

  g_clear_pointer (&self->task, sy_task_unref);
  self->task = g_steal_pointer (&task);
  g_signal_emit (self, signals[SIGNAL_DONE], 0, message);
}

static const char *
comment_text (SyTaskDetail *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));

  return text != NULL && *text != '\0' ? text : NULL;
}

static void
act (SyTaskDetail *self,
     ActKind       kind,
     const char   *action,
     const char   *target)
{
  g_autoptr(JsonNode) values = NULL;
  g_autoptr(GError) error = NULL;

  if (!is_open (self) || self->busy)
    return;

  /* Continue and Approve need a complete form; a draft or a rejection not. */
  if (self->form != NULL && kind == ACT_SUBMIT && g_str_equal (action, "approve") &&
      !sy_task_form_check (SY_TASK_FORM (self->form), &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  set_busy (self, TRUE);
  values = self->form != NULL ? sy_task_form_get_values (SY_TASK_FORM (self->form)) : NULL;

  switch (kind)
    {
    case ACT_SUBMIT:
      sy_engine_submit_task_async (self->engine, self->task->id, action, values, comment_text (self),
                                   self->cancellable, acted, g_object_ref (self));
      break;
    case ACT_RETURN:
      sy_engine_return_task_async (self->engine, self->task->id, target != NULL && *target != '\0' ? target : NULL,
                                   comment_text (self), self->cancellable, acted, g_object_ref (self));
      break;
    case ACT_DELEGATE:
      sy_engine_delegate_task_async (self->engine, self->task->id, target, comment_text (self),
                                     self->cancellable, acted, g_object_ref (self));
      break;
    case ACT_ADD_BEFORE:
    case ACT_ADD_AFTER:
      sy_engine_add_task_assignees_async (self->engine, self->task->id, (const char * const[]) { target, NULL },
                                          kind == ACT_ADD_BEFORE, comment_text (self),
                                          self->cancellable, acted, g_object_ref (self));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SyTaskDetail *self = SY_TASK_DETAIL (widget);

  if (g_str_equal (action_name, "detail.continue") || g_str_equal (action_name, "detail.approve"))
    act (self, ACT_SUBMIT, "approve", NULL);
  else if (g_str_equal (action_name, "detail.reject"))
    act (self, ACT_SUBMIT, "reject", NULL);
  else if (g_str_equal (action_name, "detail.save"))
    act (self, ACT_SUBMIT, "save", NULL);
}

static void
target_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SyTaskDetail *self = SY_TASK_DETAIL (widget);
  const char *target = g_variant_get_string (parameter, NULL);

  if (g_str_equal (action_name, "detail.return"))
    act (self, ACT_RETURN, "return", target);
  else if (g_str_equal (action_name, "detail.delegate"))
    act (self, ACT_DELEGATE, "delegate", target);
  else if (g_str_equal (action_name, "detail.add-before"))
    act (self, ACT_ADD_BEFORE, "add", target);
  else if (g_str_equal (action_name, "detail.add-after"))
    act (self, ACT_ADD_AFTER, "add", target);
}

static void
primary_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SyTaskDetail *self = SY_TASK_DETAIL (widget);

  /* Ctrl+Return: the button that sends the task on. */
  if (is_open (self))
    act (self, ACT_SUBMIT, "approve", NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_BACK], 0);
}

/* ── Object ───────────────────────────────────────────────────────────── */

SyTask *
sy_task_detail_get_task (SyTaskDetail *self)
{
  g_return_val_if_fail (SY_IS_TASK_DETAIL (self), NULL);

  return self->task;
}

GtkWidget *
sy_task_detail_get_form (SyTaskDetail *self)
{
  g_return_val_if_fail (SY_IS_TASK_DETAIL (self), NULL);

  return self->form;
}

const char *
sy_task_detail_get_error (SyTaskDetail *self)
{
  g_return_val_if_fail (SY_IS_TASK_DETAIL (self), NULL);

  return self->error;
}

static void
sy_task_detail_dispose (GObject *object)
{
  SyTaskDetail *self = SY_TASK_DETAIL (object);

  g_cancellable_cancel (self->cancellable);
  sy_widget_dispose_template_children (GTK_WIDGET (self), SY_TYPE_TASK_DETAIL);

  G_OBJECT_CLASS (sy_task_detail_parent_class)->dispose (object);
}

static void
sy_task_detail_finalize (GObject *object)
{
  SyTaskDetail *self = SY_TASK_DETAIL (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->engine);
  g_clear_object (&self->workflow);
  g_clear_pointer (&self->task, sy_task_unref);
  g_clear_pointer (&self->execution, sy_execution_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_free (self->workflow_title);
  g_free (self->error);

  G_OBJECT_CLASS (sy_task_detail_parent_class)->finalize (object);
}

static void
sy_task_detail_class_init (SyTaskDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_task_detail_dispose;
  object_class->finalize = sy_task_detail_finalize;

  signals[SIGNAL_BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-task-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, error_label);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, form_group);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, comment_group);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, comment_row);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, history_group);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, history_list);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, raw_button);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, known_stack);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, known_box);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, raw_view);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, action_box);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, reject_button);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, save_button);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, continue_button);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, approve_button);
  gtk_widget_class_bind_template_child (widget_class, SyTaskDetail, more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_raw_toggled);

  gtk_widget_class_install_action (widget_class, "detail.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "detail.continue", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "detail.approve", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "detail.reject", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "detail.save", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "detail.return", "s", target_action);
  gtk_widget_class_install_action (widget_class, "detail.delegate", "s", target_action);
  gtk_widget_class_install_action (widget_class, "detail.add-before", "s", target_action);
  gtk_widget_class_install_action (widget_class, "detail.add-after", "s", target_action);
  gtk_widget_class_install_action (widget_class, "detail.primary", NULL, primary_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "detail.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "detail.primary", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "detail.primary", NULL);

  gtk_widget_class_set_css_name (widget_class, "sy-task-detail");
}

static void
sy_task_detail_init (SyTaskDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
sy_task_detail_new (void)
{
  return g_object_new (SY_TYPE_TASK_DETAIL, NULL);
}
