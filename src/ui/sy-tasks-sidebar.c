/* sy-tasks-sidebar.c — tasks for people: the list, a task's detail, requests
 *
 * A view of the engine: every task (open and finished), the people (for
 * names), the workflows (titles, which take requests) and the running
 * executions (my open requests) are listed again whenever the engine says
 * tasks, people or workflows changed. The four listings run together; the
 * list is rebuilt when the last one is back, and a listing that an
 * earlier change made stale is dropped.
 */
#define G_LOG_DOMAIN "switchyard-tasks-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-request-view.h"
#include "sy-task-detail.h"
#include "sy-tasks-sidebar.h"
#include "sy-time-format.h"
#include "sy-widget-util.h"

#define ME "me"
/* The sidebar keeps one width whatever its page shows (AdwFlap gives the
 * flap its natural width). */
#define NATURAL_WIDTH 360

typedef struct
{
  SyTasksSidebar *sidebar;
  GCancellable   *cancellable;
  guint           pending;
  GPtrArray      *tasks;      /* of SyTask, newest first */
  GPtrArray      *people;     /* of SyPerson */
  GPtrArray      *workflows;  /* of SyVersionRow */
  GPtrArray      *requests;   /* of SyExecution */
  GError         *error;
} Listing;

struct _SyTasksSidebar
{
  GtkWidget      parent_instance;

  SyEngine      *engine;
  Listing       *listing;     /* in flight, or NULL */
  gboolean       list_again;
  GPtrArray     *tasks;
  GPtrArray     *people;
  GPtrArray     *workflows;
  GPtrArray     *requests;
  SyTasksFilter  filter;
  guint          open_count;
  gint64         wanted_task;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkStack        *list_stack;
  GtkListBox      *task_list;
  AdwStatusPage   *empty_page;
  GtkToggleButton *mine_button;
  GtkToggleButton *all_button;
  GtkToggleButton *done_button;
  GtkMenuButton   *new_request_button;
  SyTaskDetail    *detail;
  SyRequestView   *request_view;
};

G_DEFINE_FINAL_TYPE (SyTasksSidebar, sy_tasks_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_OPEN_COUNT,
  N_PROPS
};

enum {
  SIGNAL_REFRESHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void list_tasks (SyTasksSidebar *self);

/* ── What goes in the list ────────────────────────────────────────────── */

static gboolean
is_notice (SyTask *task)
{
  return g_strcmp0 (task->type, "cc") == 0;
}

static gboolean
is_open (SyTask *task)
{
  /* An unread notice waits for someone just as an open task does. */
  return task->status == SY_TASK_STATUS_PENDING;
}

static gboolean
wants_task (SyTasksSidebar *self,
            SyTask         *task)
{
  switch (self->filter)
    {
    case SY_TASKS_FILTER_MINE:
      return is_open (task) && g_strcmp0 (task->assignee, ME) == 0;
    case SY_TASKS_FILTER_ALL:
      return is_open (task);
    case SY_TASKS_FILTER_DONE:
    default:
      return !is_open (task);
    }
}

static SyVersionRow *
find_workflow (SyTasksSidebar *self,
               const char     *key)
{
  for (guint i = 0; self->workflows != NULL && i < self->workflows->len; i++)
    {
      SyVersionRow *row = g_ptr_array_index (self->workflows, i);

      if (g_strcmp0 (row->key, key) == 0)
        return row;
    }

  return NULL;
}

static const char *
workflow_title (SyTasksSidebar *self,
                const char     *key)
{
  SyVersionRow *row = find_workflow (self, key);

  return row != NULL && row->title != NULL && *row->title != '\0' ? row->title : key;
}

static gboolean
takes_requests (SyVersionRow *row)
{
  return g_strcmp0 (row->trigger_type, "approval") == 0;
}

static const char *
task_icon (SyTask *task)
{
  if (is_notice (task))
    return is_open (task) ? "mail-unread-symbolic" : "mail-read-symbolic";
  if (g_strcmp0 (task->type, "approval") == 0)
    return "emblem-ok-symbolic";
  return "document-edit-symbolic";
}

static GtkWidget *
make_row (const char *icon_name,
          const char *title,
          const char *subtitle,
          gboolean    unread)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *subtitle_label = gtk_label_new (subtitle);

  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle_label, "dim-label");
  gtk_widget_add_css_class (subtitle_label, "caption");
  if (unread)
    {
      gtk_widget_add_css_class (title_label, "heading");
      gtk_widget_add_css_class (row, "sy-unread");
    }

  gtk_box_append (GTK_BOX (texts), title_label);
  gtk_box_append (GTK_BOX (texts), subtitle_label);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  return row;
}

static GtkWidget *
task_row (SyTasksSidebar *self,
          SyTask         *task)
{
  g_autofree char *when = sy_time_format_ago (is_open (task) ? task->created_at : task->updated_at,
                                              sy_now_ms ());
  g_autofree char *subtitle = NULL;
  const char *who = sy_person_name_of (self->people, task->assignee);
  GtkWidget *row;

  /* Translators: workflow · person · when ("Leave · Ann · 5 minutes ago") */
  subtitle = g_strdup_printf (_("%s · %s · %s"), workflow_title (self, task->workflow_key), who, when);
  row = make_row (task_icon (task), task->title != NULL && *task->title != '\0' ? task->title : task->node_key,
                  subtitle, is_open (task));
  g_object_set_data_full (G_OBJECT (row), "task", sy_task_ref (task), (GDestroyNotify) sy_task_unref);
  return row;
}

static GtkWidget *
request_row (SyTasksSidebar *self,
             SyExecution    *request)
{
  g_autofree char *when = sy_time_format_ago (request->created_at, sy_now_ms ());
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  /* Translators: "Your request · 5 minutes ago" */
  subtitle = g_strdup_printf (_("Your request · %s"), when);
  row = make_row ("mail-send-symbolic", workflow_title (self, request->workflow_key), subtitle, FALSE);
  g_object_set_data_full (G_OBJECT (row), "request", sy_execution_ref (request),
                          (GDestroyNotify) sy_execution_unref);
  return row;
}

static void
set_open_count (SyTasksSidebar *self,
                guint           count)
{
  if (count == self->open_count)
    return;

  self->open_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN_COUNT]);
}

static void
fill_request_menu (SyTasksSidebar *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; self->workflows != NULL && i < self->workflows->len; i++)
    {
      SyVersionRow *row = g_ptr_array_index (self->workflows, i);
      g_autoptr(GMenuItem) item = NULL;

      if (!takes_requests (row) || !row->enabled)
        continue;
      item = g_menu_item_new (row->title != NULL && *row->title != '\0' ? row->title : row->key, NULL);
      g_menu_item_set_action_and_target_value (item, "tasks.new-request", g_variant_new_string (row->key));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->new_request_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_request_button),
                            g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
}

static void
rebuild (SyTasksSidebar *self)
{
  guint shown = 0;
  guint mine = 0;

  sy_widget_remove_children (GTK_WIDGET (self->task_list));

  if (self->filter == SY_TASKS_FILTER_MINE)
    for (guint i = 0; self->requests != NULL && i < self->requests->len; i++)
      {
        gtk_list_box_append (self->task_list, request_row (self, g_ptr_array_index (self->requests, i)));
        shown++;
      }

  for (guint i = 0; self->tasks != NULL && i < self->tasks->len; i++)
    {
      SyTask *task = g_ptr_array_index (self->tasks, i);

      if (is_open (task) && g_strcmp0 (task->assignee, ME) == 0)
        mine++;
      if (!wants_task (self, task))
        continue;
      gtk_list_box_append (self->task_list, task_row (self, task));
      shown++;
    }

  switch (self->filter)
    {
    case SY_TASKS_FILTER_MINE:
      adw_status_page_set_title (self->empty_page, _("Nothing to Do"));
      adw_status_page_set_description (self->empty_page, _("When a workflow needs you, its task shows up here."));
      break;
    case SY_TASKS_FILTER_ALL:
      adw_status_page_set_title (self->empty_page, _("No Open Tasks"));
      adw_status_page_set_description (self->empty_page, _("No workflow waits for anyone."));
      break;
    case SY_TASKS_FILTER_DONE:
    default:
      adw_status_page_set_title (self->empty_page, _("Nothing Done Yet"));
      adw_status_page_set_description (self->empty_page, _("Finished tasks and read notices are kept here."));
      break;
    }

  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "tasks" : "empty");
  set_open_count (self, mine);
  fill_request_menu (self);
}

/* ── Listing ──────────────────────────────────────────────────────────── */

static void
listing_free (Listing *listing)
{
  g_clear_object (&listing->cancellable);
  g_clear_pointer (&listing->tasks, g_ptr_array_unref);
  g_clear_pointer (&listing->people, g_ptr_array_unref);
  g_clear_pointer (&listing->workflows, g_ptr_array_unref);
  g_clear_pointer (&listing->requests, g_ptr_array_unref);
  g_clear_error (&listing->error);
  g_free (listing);
}

static SyTask *
find_task (SyTasksSidebar *self,
           gint64          id)
{
  for (guint i = 0; self->tasks != NULL && i < self->tasks->len; i++)
    {
      SyTask *task = g_ptr_array_index (self->tasks, i);

      if (task->id == id)
        return task;
    }

  return NULL;
}

static void open_task (SyTasksSidebar *self,
                       SyTask         *task);

/* The last listing came back: it replaces what is shown. */
static void
listing_done (Listing *listing)
{
  SyTasksSidebar *self = listing->sidebar;
  gboolean stale = g_cancellable_is_cancelled (listing->cancellable);

  if (stale)
    {
      listing_free (listing);
      return;
    }

  self->listing = NULL;
  if (listing->error != NULL)
    {
      AdwToast *toast = adw_toast_new_format (_("Could not list the tasks: %s"), listing->error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else
    {
      g_clear_pointer (&self->tasks, g_ptr_array_unref);
      g_clear_pointer (&self->people, g_ptr_array_unref);
      g_clear_pointer (&self->workflows, g_ptr_array_unref);
      g_clear_pointer (&self->requests, g_ptr_array_unref);
      self->tasks = g_steal_pointer (&listing->tasks);
      self->people = g_steal_pointer (&listing->people);
      self->workflows = g_steal_pointer (&listing->workflows);
      self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_execution_unref);

      /* Running executions of request workflows are my requests. */
      for (guint i = 0; listing->requests != NULL && i < listing->requests->len; i++)
        {
          SyExecution *execution = g_ptr_array_index (listing->requests, i);
          SyVersionRow *row = find_workflow (self, execution->workflow_key);

          if (row != NULL && takes_requests (row))
            g_ptr_array_add (self->requests, sy_execution_ref (execution));
        }

      rebuild (self);
      if (self->wanted_task != 0 && find_task (self, self->wanted_task) != NULL)
        {
          open_task (self, find_task (self, self->wanted_task));
          self->wanted_task = 0;
        }
    }
  listing_free (listing);

  g_signal_emit (self, signals[SIGNAL_REFRESHED], 0);
  if (self->list_again)
    {
      self->list_again = FALSE;
      list_tasks (self);
    }
}

static void
one_listed (Listing  *listing,
            gpointer  result,
            GError   *error)
{
  if (error != NULL && listing->error == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    listing->error = g_error_copy (error);
  if (--listing->pending == 0)
    listing_done (listing);
  (void) result;
}

static void
tasks_listed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Listing *listing = user_data;
  g_autoptr(GError) error = NULL;

  listing->tasks = sy_engine_list_tasks_finish (SY_ENGINE (source), result, &error);
  one_listed (listing, listing->tasks, error);
}

static void
people_listed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Listing *listing = user_data;
  g_autoptr(GError) error = NULL;

  listing->people = sy_engine_list_people_finish (SY_ENGINE (source), result, &error);
  one_listed (listing, listing->people, error);
}

static void
workflows_listed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Listing *listing = user_data;
  g_autoptr(GError) error = NULL;

  listing->workflows = sy_engine_list_workflows_finish (SY_ENGINE (source), result, &error);
  one_listed (listing, listing->workflows, error);
}

static void
requests_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Listing *listing = user_data;
  g_autoptr(GError) error = NULL;

  listing->requests = sy_engine_list_executions_finish (SY_ENGINE (source), result, &error);
  one_listed (listing, listing->requests, error);
}

static void
list_tasks (SyTasksSidebar *self)
{
  SyExecutionFilter running = { .has_status = TRUE, .status = SY_STATUS_STARTED, .limit = 200 };
  Listing *listing;

  if (self->engine == NULL || !sy_engine_is_running (self->engine))
    return;

  /* One listing at a time; a change meanwhile lists once more after it. */
  if (self->listing != NULL)
    {
      self->list_again = TRUE;
      return;
    }

  listing = g_new0 (Listing, 1);
  listing->sidebar = self;
  listing->cancellable = g_cancellable_new ();
  listing->pending = 4;
  self->listing = listing;

  sy_engine_list_tasks_async (self->engine, TRUE, listing->cancellable, tasks_listed, listing);
  sy_engine_list_people_async (self->engine, listing->cancellable, people_listed, listing);
  sy_engine_list_workflows_async (self->engine, listing->cancellable, workflows_listed, listing);
  sy_engine_list_executions_async (self->engine, &running, listing->cancellable, requests_listed, listing);
}

/* ── Pages ────────────────────────────────────────────────────────────── */

static void
open_task (SyTasksSidebar *self,
           SyTask         *task)
{
  sy_task_detail_show (self->detail, self->engine, task, self->people, workflow_title (self, task->workflow_key));
  gtk_stack_set_visible_child_name (self->stack, "task");
  gtk_widget_grab_focus (GTK_WIDGET (self->detail));
}

static void
on_row_activated (SyTasksSidebar *self,
                  GtkListBoxRow  *row)
{
  SyTask *task = g_object_get_data (G_OBJECT (row), "task");
  SyExecution *request = g_object_get_data (G_OBJECT (row), "request");

  if (task != NULL)
    open_task (self, task);
  else if (request != NULL)
    {
      sy_request_view_show_request (self->request_view, self->engine, request,
                                    workflow_title (self, request->workflow_key), self->tasks, self->people);
      gtk_stack_set_visible_child_name (self->stack, "request");
    }
}

static void
on_back (SyTasksSidebar *self)
{
  sy_tasks_sidebar_show_list (self);
}

static void
on_done (SyTasksSidebar *self,
         const char     *message)
{
  sy_widget_show_toast (GTK_WIDGET (self->toast_overlay), message);
  sy_tasks_sidebar_show_list (self);
  list_tasks (self);
}

static void
on_filter_toggled (SyTasksSidebar  *self,
                   GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->all_button)
    self->filter = SY_TASKS_FILTER_ALL;
  else if (button == self->done_button)
    self->filter = SY_TASKS_FILTER_DONE;
  else
    self->filter = SY_TASKS_FILTER_MINE;
  rebuild (self);
}

static void
new_request_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  sy_tasks_sidebar_new_request (SY_TASKS_SIDEBAR (widget), g_variant_get_string (parameter, NULL));
}

/* ── Public ───────────────────────────────────────────────────────────── */

void
sy_tasks_sidebar_set_engine (SyTasksSidebar *self,
                             SyEngine       *engine)
{
  g_return_if_fail (SY_IS_TASKS_SIDEBAR (self));
  g_return_if_fail (engine == NULL || SY_IS_ENGINE (engine));

  if (engine == self->engine)
    return;

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    {
      g_signal_connect_swapped (engine, "tasks-changed", G_CALLBACK (list_tasks), self);
      g_signal_connect_swapped (engine, "people-changed", G_CALLBACK (list_tasks), self);
      g_signal_connect_swapped (engine, "workflows-changed", G_CALLBACK (list_tasks), self);
    }
  list_tasks (self);
}

guint
sy_tasks_sidebar_get_open_count (SyTasksSidebar *self)
{
  g_return_val_if_fail (SY_IS_TASKS_SIDEBAR (self), 0);

  return self->open_count;
}

void
sy_tasks_sidebar_set_filter (SyTasksSidebar *self,
                             SyTasksFilter   filter)
{
  g_return_if_fail (SY_IS_TASKS_SIDEBAR (self));

  gtk_toggle_button_set_active (filter == SY_TASKS_FILTER_ALL ? self->all_button
                                : filter == SY_TASKS_FILTER_DONE ? self->done_button
                                                                 : self->mine_button, TRUE);
}

void
sy_tasks_sidebar_show_task (SyTasksSidebar *self,
                            gint64          task_id)
{
  SyTask *task;

  g_return_if_fail (SY_IS_TASKS_SIDEBAR (self));

  task = find_task (self, task_id);
  if (task != NULL)
    {
      open_task (self, task);
      return;
    }

  /* Not listed yet (a notification can be quicker than the list). */
  self->wanted_task = task_id;
  list_tasks (self);
}

void
sy_tasks_sidebar_new_request (SyTasksSidebar *self,
                              const char     *key)
{
  g_return_if_fail (SY_IS_TASKS_SIDEBAR (self));
  g_return_if_fail (key != NULL);

  if (self->engine == NULL)
    return;

  sy_request_view_show_new (self->request_view, self->engine, key);
  gtk_stack_set_visible_child_name (self->stack, "request");
}

void
sy_tasks_sidebar_show_list (SyTasksSidebar *self)
{
  g_return_if_fail (SY_IS_TASKS_SIDEBAR (self));

  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->task_list));
}

void
sy_tasks_sidebar_refresh (SyTasksSidebar *self)
{
  g_return_if_fail (SY_IS_TASKS_SIDEBAR (self));

  list_tasks (self);
}

GtkListBox *
sy_tasks_sidebar_get_list (SyTasksSidebar *self)
{
  g_return_val_if_fail (SY_IS_TASKS_SIDEBAR (self), NULL);

  return self->task_list;
}

GtkWidget *
sy_tasks_sidebar_get_detail (SyTasksSidebar *self)
{
  g_return_val_if_fail (SY_IS_TASKS_SIDEBAR (self), NULL);

  return GTK_WIDGET (self->detail);
}

GtkWidget *
sy_tasks_sidebar_get_request_view (SyTasksSidebar *self)
{
  g_return_val_if_fail (SY_IS_TASKS_SIDEBAR (self), NULL);

  return GTK_WIDGET (self->request_view);
}

const char *
sy_tasks_sidebar_get_page (SyTasksSidebar *self)
{
  g_return_val_if_fail (SY_IS_TASKS_SIDEBAR (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* ── Object ───────────────────────────────────────────────────────────── */

static void
sy_tasks_sidebar_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  SyTasksSidebar *self = SY_TASKS_SIDEBAR (widget);

  gtk_widget_measure (GTK_WIDGET (self->toast_overlay), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, NATURAL_WIDTH);
}

static void
sy_tasks_sidebar_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  gtk_widget_allocate (GTK_WIDGET (SY_TASKS_SIDEBAR (widget)->toast_overlay), width, height, baseline, NULL);
}

static void
sy_tasks_sidebar_dispose (GObject *object)
{
  SyTasksSidebar *self = SY_TASKS_SIDEBAR (object);

  /* A listing in flight finishes on its own and is dropped. */
  if (self->listing != NULL)
    {
      g_cancellable_cancel (self->listing->cancellable);
      self->listing = NULL;
    }
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  sy_widget_dispose_template_children (GTK_WIDGET (self), SY_TYPE_TASKS_SIDEBAR);

  G_OBJECT_CLASS (sy_tasks_sidebar_parent_class)->dispose (object);
}

static void
sy_tasks_sidebar_finalize (GObject *object)
{
  SyTasksSidebar *self = SY_TASKS_SIDEBAR (object);

  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->workflows, g_ptr_array_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);

  G_OBJECT_CLASS (sy_tasks_sidebar_parent_class)->finalize (object);
}

static void
sy_tasks_sidebar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SyTasksSidebar *self = SY_TASKS_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_OPEN_COUNT:
      g_value_set_uint (value, self->open_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_tasks_sidebar_class_init (SyTasksSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_tasks_sidebar_dispose;
  object_class->finalize = sy_tasks_sidebar_finalize;
  object_class->get_property = sy_tasks_sidebar_get_property;
  widget_class->measure = sy_tasks_sidebar_measure;
  widget_class->size_allocate = sy_tasks_sidebar_size_allocate;

  /* Open tasks and unread notices for "me": the header bar's badge. */
  properties[PROP_OPEN_COUNT] =
    g_param_spec_uint ("open-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (SY_TYPE_TASK_DETAIL);
  g_type_ensure (SY_TYPE_REQUEST_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-tasks-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, SyTasksSidebar, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SyTasksSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, SyTasksSidebar, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SyTasksSidebar, task_list);
  gtk_widget_class_bind_template_child (widget_class, SyTasksSidebar, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SyTasksSidebar, mine_button);
  gtk_widget_class_bind_template_child (widget_class, SyTasksSidebar, all_button);
  gtk_widget_class_bind_template_child (widget_class, SyTasksSidebar, done_button);
  gtk_widget_class_bind_template_child (widget_class, SyTasksSidebar, new_request_button);
  gtk_widget_class_bind_template_child (widget_class, SyTasksSidebar, detail);
  gtk_widget_class_bind_template_child (widget_class, SyTasksSidebar, request_view);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back);
  gtk_widget_class_bind_template_callback (widget_class, on_done);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_toggled);

  gtk_widget_class_install_action (widget_class, "tasks.new-request", "s", new_request_action);

  gtk_widget_class_set_css_name (widget_class, "sy-tasks-sidebar");
}

static void
sy_tasks_sidebar_init (SyTasksSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sy_tasks_sidebar_new (void)
{
  return g_object_new (SY_TYPE_TASKS_SIDEBAR, NULL);
}
