/* sy-execute-dialog.c — edits the $context of a manual run, then asks for it */
#define G_LOG_DOMAIN "switchyard-execute-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "sy-execute-dialog.h"
#include "sy-source-style.h"
#include "sy-trigger-kind.h"

struct _SyExecuteDialog
{
  AdwWindow parent_instance;

  char *error;

  /* template children */
  AdwWindowTitle *window_title;
  GtkSourceView  *view;
  GtkWidget      *scrolled;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (SyExecuteDialog, sy_execute_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_EXECUTE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (SyExecuteDialog *self,
            const char      *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (self->scrolled, "error");
  else
    gtk_widget_remove_css_class (self->scrolled, "error");
}

static JsonNode *
parse_context (SyExecuteDialog *self)
{
  g_autofree char *text = sy_execute_dialog_get_context_text (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) context = NULL;

  g_strstrip (text);
  if (*text == '\0')
    {
      context = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (context, json_object_new ());
      return g_steal_pointer (&context);
    }

  context = json_from_string (text, &error);
  if (context == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Not valid JSON: %s"), error->message);

      show_error (self, message);
      return NULL;
    }

  return g_steal_pointer (&context);
}

static void
on_buffer_changed (SyExecuteDialog *self)
{
  g_autoptr(JsonNode) context = NULL;

  show_error (self, NULL);
  context = parse_context (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "execute.run", context != NULL);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SyExecuteDialog *self = SY_EXECUTE_DIALOG (widget);
  g_autoptr(JsonNode) context = parse_context (self);

  if (context == NULL)
    return;

  g_signal_emit (self, signals[SIGNAL_EXECUTE], 0, context);
  gtk_window_close (GTK_WINDOW (self));
}

static void
sy_execute_dialog_finalize (GObject *object)
{
  SyExecuteDialog *self = SY_EXECUTE_DIALOG (object);

  g_free (self->error);

  G_OBJECT_CLASS (sy_execute_dialog_parent_class)->finalize (object);
}

static void
sy_execute_dialog_class_init (SyExecuteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sy_execute_dialog_finalize;

  signals[SIGNAL_EXECUTE] =
    g_signal_new ("execute", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, JSON_TYPE_NODE);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-execute-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SyExecuteDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SyExecuteDialog, view);
  gtk_widget_class_bind_template_child (widget_class, SyExecuteDialog, scrolled);
  gtk_widget_class_bind_template_child (widget_class, SyExecuteDialog, error_label);

  gtk_widget_class_install_action (widget_class, "execute.run", NULL, run_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "execute.run", NULL);
}

static void
sy_execute_dialog_init (SyExecuteDialog *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "json"));
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);
  sy_source_buffer_follow_style (buffer);
}

SyExecuteDialog *
sy_execute_dialog_new (GtkWindow  *parent,
                       SyWorkflow *workflow)
{
  SyExecuteDialog *self;
  const SyTriggerKind *kind;
  g_autoptr(JsonNode) sample = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (SY_IS_WORKFLOW (workflow), NULL);

  self = g_object_new (SY_TYPE_EXECUTE_DIALOG, "transient-for", parent, NULL);
  adw_window_title_set_subtitle (self->window_title, sy_workflow_get_title (workflow));

  kind = sy_trigger_kind_lookup (sy_workflow_get_trigger_type (workflow));
  if (kind != NULL && kind->sample_context != NULL)
    sample = kind->sample_context (workflow);
  text = sample ? json_to_string (sample, TRUE) : g_strdup ("{}");
  sy_execute_dialog_set_context_text (self, text);

  return self;
}

char *
sy_execute_dialog_get_context_text (SyExecuteDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (SY_IS_EXECUTE_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

void
sy_execute_dialog_set_context_text (SyExecuteDialog *self,
                                    const char      *text)
{
  g_return_if_fail (SY_IS_EXECUTE_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)), text ? text : "", -1);
}

const char *
sy_execute_dialog_get_error (SyExecuteDialog *self)
{
  g_return_val_if_fail (SY_IS_EXECUTE_DIALOG (self), NULL);

  return self->error;
}
