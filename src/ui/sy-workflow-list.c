/* sy-workflow-list.c — the sidebar: every workflow with its trigger, switch and last status
 *
 * The list is a view of sy_engine_list_workflows_async(): it is rebuilt
 * whenever the engine says workflows changed or an execution ended, and
 * keeps the selection by key across rebuilds.
 */
#define G_LOG_DOMAIN "switchyard-workflow-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-trigger-kind.h"
#include "sy-workflow-list.h"

struct _SyWorkflowList
{
  GtkWidget parent_instance;

  SyEngine     *engine;
  GCancellable *cancellable;
  GPtrArray    *workflows;     /* of SyVersionRow, in list order */
  char         *selected_key;
  char         *wanted_key;    /* select once listed */
  gboolean      rebuilding;
  gboolean      refresh_again;
  guint         refresh_id;
  GtkLabel     *placeholder;
  GtkWidget    *row_popover;

  /* template children */
  GtkSearchEntry *search_entry;
  GtkListBox     *workflow_list;
  GMenuModel     *row_menu;
};

G_DEFINE_FINAL_TYPE (SyWorkflowList, sy_workflow_list, GTK_TYPE_WIDGET)

enum {
  SIGNAL_WORKFLOW_SELECTED,
  SIGNAL_REFRESHED,
  SIGNAL_ERROR,
  SIGNAL_ENABLING,
  SIGNAL_ENABLE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const SyVersionRow *
row_workflow (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "workflow");
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  SyWorkflowList *self = user_data;
  const SyVersionRow *workflow = row_workflow (row);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded_query = NULL;
  g_autofree char *folded_title = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;

  folded_query = g_utf8_casefold (query, -1);
  folded_title = g_utf8_casefold (workflow->title ? workflow->title : "", -1);
  return strstr (folded_title, folded_query) != NULL || strstr (workflow->key, query) != NULL;
}

/* The placeholder shows when no row does: with no query, because there is
 * no workflow at all (the window's empty state says how to make one). */
static void
update_placeholder (SyWorkflowList *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  gtk_label_set_text (self->placeholder, query != NULL && *query != '\0' ? _("No matching workflows")
                                                                         : _("No workflows yet"));
}

static void
on_search_changed (SyWorkflowList *self)
{
  update_placeholder (self);
  gtk_list_box_invalidate_filter (self->workflow_list);
}

static void
on_search_activate (SyWorkflowList *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->workflow_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child) && row_workflow (GTK_LIST_BOX_ROW (child)))
      {
        gtk_list_box_select_row (self->workflow_list, GTK_LIST_BOX_ROW (child));
        return;
      }
}

static void
on_row_selected (SyWorkflowList *self,
                 GtkListBoxRow  *row)
{
  const char *key = row ? row_workflow (row)->key : NULL;

  if (self->rebuilding || g_strcmp0 (key, self->selected_key) == 0)
    return;

  g_free (self->selected_key);
  self->selected_key = g_strdup (key);
  g_signal_emit (self, signals[SIGNAL_WORKFLOW_SELECTED], 0, key);
}

typedef struct
{
  SyWorkflowList *list;
  char           *key;
} EnableData;

static void
set_enabled_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  EnableData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!sy_engine_set_enabled_finish (SY_ENGINE (source), result, &error))
    {
      g_signal_emit (data->list, signals[SIGNAL_ENABLE_FAILED], 0, data->key, error);
      sy_workflow_list_refresh (data->list);
    }

  g_object_unref (data->list);
  g_free (data->key);
  g_free (data);
}

static void
on_switch_state_set (GtkSwitch      *toggle,
                     gboolean        state,
                     SyWorkflowList *self)
{
  GtkListBoxRow *row = GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (GTK_WIDGET (toggle), GTK_TYPE_LIST_BOX_ROW));
  const SyVersionRow *workflow = row_workflow (row);

  EnableData *data;

  if (self->rebuilding || self->engine == NULL || workflow->enabled == state)
    return;

  /* Edits still waiting for their pause are stored first: the engine
   * takes calls in order, so it checks what the editor shows. */
  g_signal_emit (self, signals[SIGNAL_ENABLING], 0, workflow->key);

  data = g_new0 (EnableData, 1);
  data->list = g_object_ref (self);
  data->key = g_strdup (workflow->key);
  sy_engine_set_enabled_async (self->engine, workflow->key, 0, state, NULL, set_enabled_cb, data);
}

static void
on_row_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                SyWorkflowList  *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_list_box_select_row (self->workflow_list, GTK_LIST_BOX_ROW (row));

  g_clear_pointer (&self->row_popover, gtk_widget_unparent);
  self->row_popover = gtk_popover_menu_new_from_model (self->row_menu);
  gtk_widget_set_parent (self->row_popover, row);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_popover), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_set_has_arrow (GTK_POPOVER (self->row_popover), FALSE);
  gtk_widget_set_halign (self->row_popover, GTK_ALIGN_START);
  gtk_popover_popup (GTK_POPOVER (self->row_popover));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static const char *
status_class (SyStatus status)
{
  switch (status)
    {
    case SY_STATUS_FAILED:
    case SY_STATUS_ERROR:
    case SY_STATUS_ABORTED:
    case SY_STATUS_REJECTED:
    case SY_STATUS_RETRY_NEEDED:
      return "failed";
    case SY_STATUS_STARTED:
      return "running";
    case SY_STATUS_RESOLVED:
      return "resolved";
    default:
      return NULL;
    }
}

static GtkWidget *
create_row (SyWorkflowList     *self,
            const SyVersionRow *workflow)
{
  const SyTriggerKind *trigger = sy_trigger_kind_lookup (workflow->trigger_type);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new_from_icon_name (trigger && trigger->icon_name ? trigger->icon_name
                                                                                 : "dialog-question-symbolic");
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (workflow->title);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *dot = gtk_image_new_from_icon_name ("media-record-symbolic");
  GtkWidget *problems = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *toggle = gtk_switch_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  const char *status = status_class (workflow->last_status);
  g_autofree char *subtitle_text = NULL;
  g_autofree char *accessible = NULL;

  g_object_set_data (G_OBJECT (row), "workflow", (gpointer) workflow);
  gtk_widget_add_css_class (row, "sy-workflow-row");

  gtk_widget_set_tooltip_text (icon, trigger ? _(trigger->title) : workflow->trigger_type);
  gtk_box_append (GTK_BOX (box), icon);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (labels), title);

  if (workflow->n_versions > 1)
    /* Translators: a workflow's key and how many versions it has */
    subtitle_text = g_strdup_printf (ngettext ("%s · %u version", "%s · %u versions", workflow->n_versions),
                                     workflow->key, workflow->n_versions);
  else
    subtitle_text = g_strdup (workflow->key);
  gtk_label_set_text (GTK_LABEL (subtitle), subtitle_text);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  /* Only news worth a glance: a failure, or something running. */
  gtk_widget_add_css_class (dot, "sy-status-dot");
  gtk_image_set_pixel_size (GTK_IMAGE (dot), 10);
  gtk_widget_set_visible (dot, status != NULL && !g_str_equal (status, "resolved"));
  if (status != NULL)
    {
      g_autofree char *tooltip = g_strdup_printf (_("Last execution: %s"),
                                                  sy_status_to_display (workflow->last_status, FALSE));

      gtk_widget_add_css_class (dot, status);
      gtk_widget_set_tooltip_text (dot, tooltip);
    }
  gtk_box_append (GTK_BOX (box), dot);

  /* A draft with problems is stored as it is, but cannot be enabled or run. */
  gtk_widget_add_css_class (problems, "sy-problems-indicator");
  gtk_widget_add_css_class (problems, "warning");
  gtk_widget_set_visible (problems, workflow->n_problems > 0);
  if (workflow->n_problems > 0)
    {
      g_autofree char *tooltip = g_strdup_printf (ngettext ("%u problem to fix before it can run",
                                                            "%u problems to fix before it can run",
                                                            workflow->n_problems),
                                                  workflow->n_problems);

      gtk_widget_set_tooltip_text (problems, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (problems), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }
  g_object_set_data (G_OBJECT (row), "problems", problems);
  gtk_box_append (GTK_BOX (box), problems);

  gtk_switch_set_active (GTK_SWITCH (toggle), workflow->enabled);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  if (workflow->enabled && workflow->n_problems > 0)
    gtk_widget_set_tooltip_text (toggle, _("Enabled, but paused until its problems are fixed"));
  else
    gtk_widget_set_tooltip_text (toggle, workflow->enabled ? _("Enabled: runs when triggered")
                                                            : _("Disabled: runs only when started by hand"));
  accessible = g_strdup_printf (_("Enable “%s”"), workflow->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect_object (toggle, "state-set", G_CALLBACK (on_switch_state_set), self, 0);
  g_object_set_data (G_OBJECT (row), "switch", toggle);
  gtk_box_append (GTK_BOX (box), toggle);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_row_pressed), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
select_key_silently (SyWorkflowList *self,
                     const char     *key)
{
  GtkWidget *row = key ? sy_workflow_list_get_row (self, key) : NULL;

  self->rebuilding = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->workflow_list, GTK_LIST_BOX_ROW (row));
  else
    gtk_list_box_unselect_all (self->workflow_list);
  self->rebuilding = FALSE;
}

static void
rebuild (SyWorkflowList *self,
         GPtrArray      *workflows)
{
  GtkWidget *child;
  const char *select;
  gboolean lost;

  g_clear_pointer (&self->row_popover, gtk_widget_unparent);

  self->rebuilding = TRUE;
  child = gtk_widget_get_first_child (GTK_WIDGET (self->workflow_list));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (self->workflow_list, child);
      child = next;
    }
  self->rebuilding = FALSE;

  g_clear_pointer (&self->workflows, g_ptr_array_unref);
  self->workflows = g_ptr_array_ref (workflows);

  for (guint i = 0; i < workflows->len; i++)
    gtk_list_box_append (self->workflow_list, create_row (self, g_ptr_array_index (workflows, i)));

  /* A wanted key (just created or imported) wins over the old selection. */
  select = self->wanted_key && sy_workflow_list_lookup (self, self->wanted_key) ? self->wanted_key : self->selected_key;
  select_key_silently (self, select);
  lost = self->selected_key != NULL && sy_workflow_list_lookup (self, self->selected_key) == NULL;

  if (select == self->wanted_key && select != NULL && g_strcmp0 (select, self->selected_key) == 0)
    g_clear_pointer (&self->wanted_key, g_free);
  else if (select != NULL && sy_workflow_list_lookup (self, select) != NULL && g_strcmp0 (select, self->selected_key) != 0)
    {
      g_autofree char *key = g_strdup (select);

      g_clear_pointer (&self->wanted_key, g_free);
      g_free (self->selected_key);
      self->selected_key = g_strdup (key);
      g_signal_emit (self, signals[SIGNAL_WORKFLOW_SELECTED], 0, key);
    }
  else if (lost)
    {
      g_clear_pointer (&self->selected_key, g_free);
      g_signal_emit (self, signals[SIGNAL_WORKFLOW_SELECTED], 0, NULL);
    }

  g_signal_emit (self, signals[SIGNAL_REFRESHED], 0);
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SyWorkflowList *self = user_data;
  g_autoptr(GPtrArray) workflows = NULL;
  g_autoptr(GError) error = NULL;

  workflows = sy_engine_list_workflows_finish (SY_ENGINE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (workflows == NULL)
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
  else
    rebuild (self, workflows);

  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      sy_workflow_list_refresh (self);
    }
}

static gboolean
refresh_timeout (gpointer user_data)
{
  SyWorkflowList *self = user_data;

  self->refresh_id = 0;
  sy_workflow_list_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Executions end in bursts; one refresh per burst is enough. */
static void
on_execution_finished (SyWorkflowList *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (250, refresh_timeout, self);
}

static void
sy_workflow_list_dispose (GObject *object)
{
  SyWorkflowList *self = SY_WORKFLOW_LIST (object);
  GtkWidget *child;

  sy_workflow_list_set_engine (self, NULL);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->row_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_WORKFLOW_LIST);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sy_workflow_list_parent_class)->dispose (object);
}

static void
sy_workflow_list_finalize (GObject *object)
{
  SyWorkflowList *self = SY_WORKFLOW_LIST (object);

  g_clear_pointer (&self->workflows, g_ptr_array_unref);
  g_free (self->selected_key);
  g_free (self->wanted_key);

  G_OBJECT_CLASS (sy_workflow_list_parent_class)->finalize (object);
}

static void
sy_workflow_list_class_init (SyWorkflowListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_workflow_list_dispose;
  object_class->finalize = sy_workflow_list_finalize;

  signals[SIGNAL_WORKFLOW_SELECTED] =
    g_signal_new ("workflow-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_ENABLING] =
    g_signal_new ("enabling", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_ENABLE_FAILED] =
    g_signal_new ("enable-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-workflow-list.ui");
  gtk_widget_class_bind_template_child (widget_class, SyWorkflowList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SyWorkflowList, workflow_list);
  gtk_widget_class_bind_template_child (widget_class, SyWorkflowList, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);

  gtk_widget_class_set_css_name (widget_class, "sy-workflow-list");
}

static void
sy_workflow_list_init (SyWorkflowList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->placeholder = GTK_LABEL (gtk_label_new (NULL));
  update_placeholder (self);
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->placeholder), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->placeholder), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->placeholder), 12);
  gtk_label_set_wrap (self->placeholder, TRUE);
  gtk_list_box_set_placeholder (self->workflow_list, GTK_WIDGET (self->placeholder));
  gtk_list_box_set_filter_func (self->workflow_list, filter_row, self, NULL);
}

GtkWidget *
sy_workflow_list_new (void)
{
  return g_object_new (SY_TYPE_WORKFLOW_LIST, NULL);
}

void
sy_workflow_list_set_engine (SyWorkflowList *self,
                             SyEngine       *engine)
{
  g_return_if_fail (SY_IS_WORKFLOW_LIST (self));

  if (self->engine == engine)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);

  if (engine != NULL)
    {
      g_signal_connect_swapped (engine, "workflows-changed", G_CALLBACK (sy_workflow_list_refresh), self);
      g_signal_connect_swapped (engine, "execution-finished", G_CALLBACK (on_execution_finished), self);
      g_signal_connect_swapped (engine, "execution-started", G_CALLBACK (on_execution_finished), self);
      sy_workflow_list_refresh (self);
    }
}

void
sy_workflow_list_refresh (SyWorkflowList *self)
{
  g_return_if_fail (SY_IS_WORKFLOW_LIST (self));

  if (self->engine == NULL || !sy_engine_is_running (self->engine))
    return;

  if (self->cancellable != NULL)
    {
      self->refresh_again = TRUE;
      return;
    }

  self->cancellable = g_cancellable_new ();
  sy_engine_list_workflows_async (self->engine, self->cancellable, list_cb, self);
}

guint
sy_workflow_list_get_n_workflows (SyWorkflowList *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW_LIST (self), 0);

  return self->workflows ? self->workflows->len : 0;
}

const SyVersionRow *
sy_workflow_list_lookup (SyWorkflowList *self,
                         const char     *key)
{
  g_return_val_if_fail (SY_IS_WORKFLOW_LIST (self), NULL);

  for (guint i = 0; key && self->workflows && i < self->workflows->len; i++)
    {
      const SyVersionRow *workflow = g_ptr_array_index (self->workflows, i);

      if (g_str_equal (workflow->key, key))
        return workflow;
    }

  return NULL;
}

const char *
sy_workflow_list_get_selected_key (SyWorkflowList *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW_LIST (self), NULL);

  return self->selected_key;
}

void
sy_workflow_list_select_key (SyWorkflowList *self,
                             const char     *key)
{
  GtkWidget *row;

  g_return_if_fail (SY_IS_WORKFLOW_LIST (self));

  row = key ? sy_workflow_list_get_row (self, key) : NULL;
  if (row != NULL || key == NULL)
    {
      g_clear_pointer (&self->wanted_key, g_free);
      if (row != NULL)
        gtk_list_box_select_row (self->workflow_list, GTK_LIST_BOX_ROW (row));
      else
        gtk_list_box_unselect_all (self->workflow_list);
      return;
    }

  g_free (self->wanted_key);
  self->wanted_key = g_strdup (key);
}

void
sy_workflow_list_focus_search (SyWorkflowList *self)
{
  g_return_if_fail (SY_IS_WORKFLOW_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
sy_workflow_list_set_query (SyWorkflowList *self,
                            const char     *query)
{
  g_return_if_fail (SY_IS_WORKFLOW_LIST (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query ? query : "");
  update_placeholder (self);
  gtk_list_box_invalidate_filter (self->workflow_list);
}

guint
sy_workflow_list_get_n_visible (SyWorkflowList *self)
{
  guint n = 0;

  g_return_val_if_fail (SY_IS_WORKFLOW_LIST (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->workflow_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_workflow (GTK_LIST_BOX_ROW (child)) != NULL
        && filter_row (GTK_LIST_BOX_ROW (child), self))
      n++;

  return n;
}

GtkWidget *
sy_workflow_list_get_row (SyWorkflowList *self,
                          const char     *key)
{
  g_return_val_if_fail (SY_IS_WORKFLOW_LIST (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->workflow_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_workflow (GTK_LIST_BOX_ROW (child)) != NULL
        && g_strcmp0 (row_workflow (GTK_LIST_BOX_ROW (child))->key, key) == 0)
      return child;

  return NULL;
}
