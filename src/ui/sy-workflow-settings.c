/* sy-workflow-settings.c — title, description and execution options of a workflow */
#define G_LOG_DOMAIN "switchyard-workflow-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-trigger-kind.h"
#include "sy-workflow-settings.h"

struct _SyWorkflowSettings
{
  AdwPreferencesWindow parent_instance;

  SyWorkflowDocument *document;
  GPtrArray          *status_checks;  /* GtkCheckButton with "status" data */
  gboolean            loading;
  gboolean            applying;  /* our own edit: nothing to reload */

  /* template children */
  AdwEntryRow         *title_row;
  AdwEntryRow         *description_row;
  AdwActionRow        *sync_row;
  GtkSwitch           *sync_switch;
  GtkSpinButton       *timeout_spin;
  GtkSpinButton       *stack_spin;
  AdwPreferencesGroup *delete_group;
};

G_DEFINE_FINAL_TYPE (SyWorkflowSettings, sy_workflow_settings, ADW_TYPE_PREFERENCES_WINDOW)

static const SyStatus final_statuses[] = {
  SY_STATUS_RESOLVED, SY_STATUS_FAILED, SY_STATUS_ERROR, SY_STATUS_ABORTED,
  SY_STATUS_CANCELED, SY_STATUS_REJECTED,
};

static void
show_error (SyWorkflowSettings *self,
            const GError       *error)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
on_title_changed (SyWorkflowSettings *self)
{
  g_autoptr(GError) error = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  if (self->loading || *title == '\0')
    return;
  self->applying = TRUE;
  if (!sy_workflow_document_set_title (self->document, title, &error))
    show_error (self, error);
  self->applying = FALSE;
}

static void
on_options_changed (SyWorkflowSettings *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading || self->document == NULL)
    return;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
  json_builder_set_member_name (builder, "sync");
  json_builder_add_boolean_value (builder, gtk_switch_get_active (self->sync_switch));
  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "timeout");
  json_builder_add_int_value (builder, (gint64) gtk_spin_button_get_value_as_int (self->timeout_spin) * 1000);
  json_builder_set_member_name (builder, "stack_limit");
  json_builder_add_int_value (builder, gtk_spin_button_get_value_as_int (self->stack_spin));
  json_builder_set_member_name (builder, "delete_executions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->status_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->status_checks, i);

      if (gtk_check_button_get_active (check))
        json_builder_add_string_value (builder,
                                       sy_status_to_string (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "status")), FALSE));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  self->applying = TRUE;
  if (!sy_workflow_document_set_options (self->document, json_node_get_object (root), &error))
    show_error (self, error);
  self->applying = FALSE;
}

static void
load (SyWorkflowSettings *self)
{
  SyWorkflow *workflow = sy_workflow_document_get_workflow (self->document);
  const SyTriggerKind *kind = sy_trigger_kind_lookup (sy_workflow_get_trigger_type (workflow));
  gboolean editable = !sy_workflow_document_get_read_only (self->document);
  const char *description = sy_workflow_get_description (workflow);

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), sy_workflow_get_title (workflow));
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), description ? description : "");
  gtk_switch_set_active (self->sync_switch, sy_workflow_get_sync (workflow));
  gtk_spin_button_set_value (self->timeout_spin, sy_workflow_get_timeout_ms (workflow) / 1000.0);
  gtk_spin_button_set_value (self->stack_spin, sy_workflow_get_stack_limit (workflow));

  if (kind != NULL && kind->mode != SY_TRIGGER_MODE_EITHER)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->sync_row), FALSE);
      adw_action_row_set_subtitle (self->sync_row, kind->mode == SY_TRIGGER_MODE_SYNC
                                                     ? _("This trigger always waits for the result")
                                                     : _("This trigger always runs in the background"));
    }
  else
    adw_action_row_set_subtitle (self->sync_row, _("The caller waits for the result"));

  for (guint i = 0; i < self->status_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->status_checks, i);
      SyStatus status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "status"));

      gtk_check_button_set_active (check, sy_workflow_deletes_executions_on (workflow, status));
    }

  /* A version that has run is kept as it ran. */
  gtk_widget_set_sensitive (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (self))
                              ? GTK_WIDGET (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (self)))
                              : GTK_WIDGET (self),
                            editable);

  self->loading = FALSE;
}

static void
on_document_changed (SyWorkflowSettings *self,
                     SyDocumentChange    change)
{
  /* Undo and redo of options report WORKFLOW. */
  if (change == SY_DOCUMENT_CHANGE_ALL || (change == SY_DOCUMENT_CHANGE_WORKFLOW && !self->applying))
    load (self);
}

static void
sy_workflow_settings_dispose (GObject *object)
{
  SyWorkflowSettings *self = SY_WORKFLOW_SETTINGS (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sy_workflow_settings_parent_class)->dispose (object);
}

static void
sy_workflow_settings_finalize (GObject *object)
{
  SyWorkflowSettings *self = SY_WORKFLOW_SETTINGS (object);

  g_clear_pointer (&self->status_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (sy_workflow_settings_parent_class)->finalize (object);
}

static void
sy_workflow_settings_class_init (SyWorkflowSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_workflow_settings_dispose;
  object_class->finalize = sy_workflow_settings_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-workflow-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, SyWorkflowSettings, title_row);
  gtk_widget_class_bind_template_child (widget_class, SyWorkflowSettings, description_row);
  gtk_widget_class_bind_template_child (widget_class, SyWorkflowSettings, sync_row);
  gtk_widget_class_bind_template_child (widget_class, SyWorkflowSettings, sync_switch);
  gtk_widget_class_bind_template_child (widget_class, SyWorkflowSettings, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SyWorkflowSettings, stack_spin);
  gtk_widget_class_bind_template_child (widget_class, SyWorkflowSettings, delete_group);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_options_changed);
}

static void
sy_workflow_settings_init (SyWorkflowSettings *self)
{
  self->loading = TRUE;
  self->status_checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (final_statuses); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "status", GINT_TO_POINTER (final_statuses[i]));
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_options_changed), self, G_CONNECT_SWAPPED);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sy_status_to_display (final_statuses[i], FALSE));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->delete_group, row);
      g_ptr_array_add (self->status_checks, check);
    }
  self->loading = FALSE;
}

SyWorkflowSettings *
sy_workflow_settings_new (GtkWindow          *parent,
                          SyWorkflowDocument *document)
{
  SyWorkflowSettings *self;

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (document), NULL);

  self = g_object_new (SY_TYPE_WORKFLOW_SETTINGS, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed), self);
  load (self);

  return self;
}
