/* sy-preferences-window.c — the Preferences window, bound to GSettings */
#define G_LOG_DOMAIN "switchyard-preferences"

#include "config.h"

#include "sy-preferences-window.h"

struct _SyPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  /* template children */
  GtkSwitch *run_in_background_switch;
  GtkSwitch *notify_on_failure_switch;
};

G_DEFINE_FINAL_TYPE (SyPreferencesWindow, sy_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
sy_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SY_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (sy_preferences_window_parent_class)->dispose (object);
}

static void
sy_preferences_window_finalize (GObject *object)
{
  SyPreferencesWindow *self = SY_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sy_preferences_window_parent_class)->finalize (object);
}

static void
sy_preferences_window_class_init (SyPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_preferences_window_dispose;
  object_class->finalize = sy_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, run_in_background_switch);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, notify_on_failure_switch);
}

static void
sy_preferences_window_init (SyPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The colour scheme rows use the app.color-scheme settings action. */
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "run-in-background",
                   self->run_in_background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-on-failure",
                   self->notify_on_failure_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

SyPreferencesWindow *
sy_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (SY_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
}
