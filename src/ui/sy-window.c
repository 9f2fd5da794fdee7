/* sy-window.c — the main window: workflows sidebar and content area */
#define G_LOG_DOMAIN "switchyard-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-window.h"

struct _SyWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  GtkFileChooserNative *import_chooser;

  /* template children */
  AdwToastOverlay *toast_overlay;
  AdwFlap *flap;
  GtkSearchEntry *search_entry;
  GtkListBox *workflow_list;
  GtkStack *content_stack;
  AdwStatusPage *empty_page;
};

G_DEFINE_FINAL_TYPE (SyWindow, sy_window, ADW_TYPE_APPLICATION_WINDOW)

static void
sy_window_show_toast (SyWindow   *self,
                      const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 3);
  sy_window_add_toast (self, toast);
}

static void
sy_window_new_workflow_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  /* The workflow editor arrives in a later issue. */
  sy_window_show_toast (SY_WINDOW (widget), _("Creating workflows is coming soon"));
}

static void
sy_window_import_response (SyWindow             *self,
                           int                   response,
                           GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = NULL;

      /* Translators: %s is a file name */
      message = g_strdup_printf (_("Importing “%s” is not implemented yet"), name);
      sy_window_show_toast (self, message);
    }

  g_clear_object (&self->import_chooser);
}

static void
sy_window_import_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);
  g_autoptr(GtkFileFilter) json_filter = NULL;
  g_autoptr(GtkFileFilter) all_filter = NULL;

  if (self->import_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
      return;
    }

  self->import_chooser = gtk_file_chooser_native_new (_("Import Workflow"),
                                                      GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_OPEN,
                                                      _("_Import"),
                                                      _("_Cancel"));

  json_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (json_filter, _("Workflow files"));
  gtk_file_filter_add_mime_type (json_filter, "application/json");
  gtk_file_filter_add_suffix (json_filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), json_filter);

  all_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (all_filter, _("All files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), all_filter);

  g_signal_connect_object (self->import_chooser, "response",
                           G_CALLBACK (sy_window_import_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
}

static void
sy_window_search_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
sy_window_restore_state (SyWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
sy_window_save_state (SyWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width = 0;
  int height = 0;

  /* The unmaximized size is what should come back next time. */
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
}

static gboolean
sy_window_close_request (GtkWindow *window)
{
  sy_window_save_state (SY_WINDOW (window));

  return GTK_WINDOW_CLASS (sy_window_parent_class)->close_request (window);
}

static void
sy_window_dispose (GObject *object)
{
  SyWindow *self = SY_WINDOW (object);

  if (self->import_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->import_chooser));
  g_clear_object (&self->import_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_WINDOW);

  G_OBJECT_CLASS (sy_window_parent_class)->dispose (object);
}

static void
sy_window_finalize (GObject *object)
{
  SyWindow *self = SY_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sy_window_parent_class)->finalize (object);
}

static void
sy_window_class_init (SyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sy_window_dispose;
  object_class->finalize = sy_window_finalize;

  window_class->close_request = sy_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SyWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, workflow_list);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, empty_page);

  gtk_widget_class_install_action (widget_class, "win.new-workflow", NULL, sy_window_new_workflow_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, sy_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, sy_window_search_action);
}

static void
sy_window_init (SyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  sy_window_restore_state (self);
}

SyWindow *
sy_window_new (SyApplication *application)
{
  g_return_val_if_fail (SY_IS_APPLICATION (application), NULL);

  return g_object_new (SY_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
sy_window_add_toast (SyWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (SY_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
