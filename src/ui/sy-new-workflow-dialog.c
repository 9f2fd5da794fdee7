/* sy-new-workflow-dialog.c — asks for a title, a trigger type and the execution mode
 *
 * The trigger list comes from the trigger registry, so a new trigger type
 * appears here without touching this file.
 */
#define G_LOG_DOMAIN "switchyard-new-workflow"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-new-workflow-dialog.h"
#include "sy-trigger-kind.h"

struct _SyNewWorkflowDialog
{
  AdwWindow parent_instance;

  GPtrArray *checks;        /* GtkCheckButton per trigger kind, "kind" data */
  char      *title;

  /* template children */
  AdwEntryRow          *title_row;
  AdwPreferencesGroup  *trigger_group;
  AdwActionRow         *sync_row;
  GtkSwitch            *sync_switch;
};

G_DEFINE_FINAL_TYPE (SyNewWorkflowDialog, sy_new_workflow_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CREATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const SyTriggerKind *
chosen_kind (SyNewWorkflowDialog *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (check))
        return g_object_get_data (G_OBJECT (check), "kind");
    }
  return NULL;
}

static void
update_state (SyNewWorkflowDialog *self)
{
  const SyTriggerKind *kind = chosen_kind (self);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  if (kind != NULL && kind->mode != SY_TRIGGER_MODE_EITHER)
    {
      gtk_switch_set_active (self->sync_switch, kind->mode == SY_TRIGGER_MODE_SYNC);
      gtk_widget_set_sensitive (GTK_WIDGET (self->sync_row), FALSE);
      adw_action_row_set_subtitle (self->sync_row, kind->mode == SY_TRIGGER_MODE_SYNC
                                                     ? _("This trigger always waits for the result")
                                                     : _("This trigger always runs in the background"));
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->sync_row), TRUE);
      adw_action_row_set_subtitle (self->sync_row,
                                   _("The caller waits for the result; steps that wait for time or people are not allowed"));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-workflow.create", *title != '\0' && kind != NULL);
}

static void
on_title_changed (SyNewWorkflowDialog *self)
{
  update_state (self);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SyNewWorkflowDialog *self = SY_NEW_WORKFLOW_DIALOG (widget);
  const SyTriggerKind *kind = chosen_kind (self);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  if (*title == '\0' || kind == NULL)
    return;

  g_signal_emit (self, signals[SIGNAL_CREATE], 0, title, kind->type, sy_new_workflow_dialog_get_sync (self));
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_title_activated (SyNewWorkflowDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "new-workflow.create", NULL);
}

static void
add_trigger_rows (SyNewWorkflowDialog *self)
{
  g_autoptr(GPtrArray) kinds = sy_trigger_kind_list ();
  GtkCheckButton *group = NULL;

  for (guint i = 0; i < kinds->len; i++)
    {
      const SyTriggerKind *kind = g_ptr_array_index (kinds, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (kind->icon_name);
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_add_css_class (icon, "sy-node-icon");
      gtk_widget_add_css_class (icon, "category-trigger");
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      if (group == NULL)
        group = GTK_CHECK_BUTTON (check);
      g_object_set_data (G_OBJECT (check), "kind", (gpointer) kind);
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(kind->title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(kind->description));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->trigger_group, row);
      g_ptr_array_add (self->checks, check);
    }

  /* Starting by hand is the common first step: webhook when present. */
  if (!sy_new_workflow_dialog_set_trigger_type (self, "webhook") && self->checks->len > 0)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, 0), TRUE);
}

static void
sy_new_workflow_dialog_finalize (GObject *object)
{
  SyNewWorkflowDialog *self = SY_NEW_WORKFLOW_DIALOG (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_free (self->title);

  G_OBJECT_CLASS (sy_new_workflow_dialog_parent_class)->finalize (object);
}

static void
sy_new_workflow_dialog_class_init (SyNewWorkflowDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sy_new_workflow_dialog_finalize;

  signals[SIGNAL_CREATE] =
    g_signal_new ("create", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-new-workflow-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SyNewWorkflowDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, SyNewWorkflowDialog, trigger_group);
  gtk_widget_class_bind_template_child (widget_class, SyNewWorkflowDialog, sync_row);
  gtk_widget_class_bind_template_child (widget_class, SyNewWorkflowDialog, sync_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_title_activated);

  gtk_widget_class_install_action (widget_class, "new-workflow.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sy_new_workflow_dialog_init (SyNewWorkflowDialog *self)
{
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  add_trigger_rows (self);
  update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

SyNewWorkflowDialog *
sy_new_workflow_dialog_new (GtkWindow *parent)
{
  return g_object_new (SY_TYPE_NEW_WORKFLOW_DIALOG,
                       "transient-for", parent,
                       NULL);
}

const char *
sy_new_workflow_dialog_get_workflow_title (SyNewWorkflowDialog *self)
{
  g_return_val_if_fail (SY_IS_NEW_WORKFLOW_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->title_row));
}

void
sy_new_workflow_dialog_set_workflow_title (SyNewWorkflowDialog *self,
                                           const char          *title)
{
  g_return_if_fail (SY_IS_NEW_WORKFLOW_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title ? title : "");
}

const char *
sy_new_workflow_dialog_get_trigger_type (SyNewWorkflowDialog *self)
{
  const SyTriggerKind *kind;

  g_return_val_if_fail (SY_IS_NEW_WORKFLOW_DIALOG (self), NULL);

  kind = chosen_kind (self);
  return kind ? kind->type : NULL;
}

gboolean
sy_new_workflow_dialog_set_trigger_type (SyNewWorkflowDialog *self,
                                         const char          *type)
{
  g_return_val_if_fail (SY_IS_NEW_WORKFLOW_DIALOG (self), FALSE);

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      const SyTriggerKind *kind = g_object_get_data (G_OBJECT (check), "kind");

      if (g_strcmp0 (kind->type, type) == 0)
        {
          gtk_check_button_set_active (check, TRUE);
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
sy_new_workflow_dialog_get_sync (SyNewWorkflowDialog *self)
{
  const SyTriggerKind *kind;

  g_return_val_if_fail (SY_IS_NEW_WORKFLOW_DIALOG (self), FALSE);

  kind = chosen_kind (self);
  if (kind != NULL && kind->mode != SY_TRIGGER_MODE_EITHER)
    return kind->mode == SY_TRIGGER_MODE_SYNC;
  return gtk_switch_get_active (self->sync_switch);
}
