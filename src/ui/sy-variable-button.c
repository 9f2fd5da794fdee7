/* sy-variable-button.c — the "{x}" button that opens the variable picker */
#define G_LOG_DOMAIN "switchyard-variable-button"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-variable-button.h"
#include "sy-variable-picker.h"

struct _SyVariableButton
{
  GtkWidget parent_instance;

  GtkMenuButton *button;
  GtkWidget     *picker;
  SyWorkflow    *workflow;
  SyNode        *node;
  GtkEditable   *target;
};

G_DEFINE_FINAL_TYPE (SyVariableButton, sy_variable_button, GTK_TYPE_WIDGET)

enum {
  SIGNAL_VARIABLE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
sy_editable_insert_at_cursor (GtkEditable *editable,
                              const char  *text)
{
  int position;

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  position = gtk_editable_get_position (editable);
  gtk_editable_insert_text (editable, text, -1, &position);
  gtk_editable_set_position (editable, position);
  gtk_widget_grab_focus (GTK_WIDGET (editable));
}

static void
on_variable_chosen (SyVariableButton *self,
                    const char       *placeholder)
{
  if (self->target != NULL)
    sy_editable_insert_at_cursor (self->target, placeholder);
  g_signal_emit (self, signals[SIGNAL_VARIABLE_CHOSEN], 0, placeholder);
}

static void
ensure_picker (SyVariableButton *self)
{
  if (self->picker == NULL)
    {
      self->picker = sy_variable_picker_new ();
      g_signal_connect_object (self->picker, "variable-chosen", G_CALLBACK (on_variable_chosen),
                               self, G_CONNECT_SWAPPED);
      gtk_menu_button_set_popover (self->button, self->picker);
    }

  /* Rebuilt each time: the graph may have changed since. */
  if (self->workflow != NULL)
    sy_variable_picker_set_scope (SY_VARIABLE_PICKER (self->picker), self->workflow, self->node);
}

static void
on_create_popup (GtkMenuButton *button,
                 gpointer       user_data)
{
  ensure_picker (SY_VARIABLE_BUTTON (user_data));
}

static void
sy_variable_button_dispose (GObject *object)
{
  SyVariableButton *self = SY_VARIABLE_BUTTON (object);

  g_clear_pointer ((GtkWidget **) &self->button, gtk_widget_unparent);
  g_clear_object (&self->workflow);
  g_clear_object (&self->node);
  self->target = NULL;

  G_OBJECT_CLASS (sy_variable_button_parent_class)->dispose (object);
}

static void
sy_variable_button_class_init (SyVariableButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_variable_button_dispose;

  signals[SIGNAL_VARIABLE_CHOSEN] =
    g_signal_new ("variable-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sy-variable-button");
}

static void
sy_variable_button_init (SyVariableButton *self)
{
  GtkWidget *label = gtk_label_new ("{x}");

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_add_css_class (label, "monospace");
  gtk_menu_button_set_child (self->button, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Insert Variable"));
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "sy-variable-button");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Insert Variable"), -1);
  gtk_menu_button_set_create_popup_func (self->button, on_create_popup, self, NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
sy_variable_button_new (void)
{
  return g_object_new (SY_TYPE_VARIABLE_BUTTON, NULL);
}

void
sy_variable_button_set_scope (SyVariableButton *self,
                              SyWorkflow       *workflow,
                              SyNode           *node)
{
  g_return_if_fail (SY_IS_VARIABLE_BUTTON (self));

  g_set_object (&self->workflow, workflow);
  g_set_object (&self->node, node);
}

void
sy_variable_button_set_target (SyVariableButton *self,
                               GtkEditable      *target)
{
  g_return_if_fail (SY_IS_VARIABLE_BUTTON (self));

  self->target = target;
}

GtkWidget *
sy_variable_button_get_picker (SyVariableButton *self)
{
  g_return_val_if_fail (SY_IS_VARIABLE_BUTTON (self), NULL);

  ensure_picker (self);
  return self->picker;
}
