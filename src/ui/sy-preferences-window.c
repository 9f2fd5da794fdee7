/* sy-preferences-window.c — the Preferences window, bound to GSettings */
#define G_LOG_DOMAIN "switchyard-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-application.h"
#include "sy-credentials-page.h"
#include "sy-people-page.h"
#include "sy-preferences-window.h"

struct _SyPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  SyPeoplePage *people_page;

  /* template children */
  GtkSwitch *run_in_background_switch;
  GtkSwitch *start_at_login_switch;
  GtkSwitch *notify_on_failure_switch;
  AdwActionRow *webhook_error_row;
  GtkSpinButton *webhook_port_spin;
  AdwEntryRow *webhook_address_row;
  AdwActionRow *webhook_open_row;
  GtkSpinButton *webhook_body_limit_spin;
};

G_DEFINE_FINAL_TYPE (SyPreferencesWindow, sy_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* ── Webhook server ───────────────────────────────────────────────────── */

static gboolean
address_is_loopback (const char *address)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);

  return inet != NULL ? g_inet_address_get_is_loopback (inet) : g_str_equal (address, "localhost");
}

static void
webhook_address_changed (SyPreferencesWindow *self)
{
  g_autofree char *address = g_settings_get_string (self->settings, "webhook-address");

  gtk_editable_set_text (GTK_EDITABLE (self->webhook_address_row), address);
  gtk_widget_set_visible (GTK_WIDGET (self->webhook_open_row), !address_is_loopback (address));
}

/* Applied only when confirmed: every keystroke would move the server. */
static void
webhook_address_applied (SyPreferencesWindow *self)
{
  g_autofree char *address = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->webhook_address_row))));
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);

  if (inet == NULL && !g_str_equal (address, "localhost"))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->webhook_address_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->webhook_address_row), "error");
  g_settings_set_string (self->settings, "webhook-address", address);
}

/* The body limit is stored in bytes and shown in KiB. */
static gboolean
bytes_to_kib (GValue   *value,
              GVariant *variant,
              gpointer  data)
{
  (void) data;
  g_value_set_double (value, MAX (1, g_variant_get_uint32 (variant) / 1024));
  return TRUE;
}

static GVariant *
kib_to_bytes (const GValue       *value,
              const GVariantType *type,
              gpointer            data)
{
  (void) type;
  (void) data;
  return g_variant_new_uint32 ((guint32) MIN (g_value_get_double (value) * 1024, G_MAXUINT32));
}

static void
webhook_error_changed (SyPreferencesWindow *self,
                       GParamSpec          *pspec,
                       SyEngine            *engine)
{
  g_autofree char *error = NULL;

  (void) pspec;
  g_object_get (engine, "webhook-error", &error, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->webhook_error_row), error != NULL);
  adw_action_row_set_subtitle (self->webhook_error_row, error != NULL ? error : "");
}

/* The application's engine: "application" is set after construction (it
 * is not a construct property), so this follows it. */
static void
on_application_changed (SyPreferencesWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  SyEngine *engine = SY_IS_APPLICATION (app) ? sy_application_get_engine (SY_APPLICATION (app)) : NULL;

  if (engine == NULL)
    return;

  /* The engine says why its server cannot listen (a port in use). */
  g_signal_connect_object (engine, "notify::webhook-error", G_CALLBACK (webhook_error_changed),
                           self, G_CONNECT_SWAPPED);
  webhook_error_changed (self, NULL, engine);
  sy_people_page_set_engine (self->people_page, engine);
}

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
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, start_at_login_switch);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, notify_on_failure_switch);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, webhook_error_row);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, webhook_port_spin);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, webhook_address_row);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, webhook_open_row);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, webhook_body_limit_spin);
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
  g_settings_bind (self->settings, "start-at-login",
                   self->start_at_login_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-on-failure",
                   self->notify_on_failure_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  /* The application applies these keys to its engine as they change. */
  g_settings_bind (self->settings, "webhook-port",
                   self->webhook_port_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "webhook-body-limit",
                                self->webhook_body_limit_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, bytes_to_kib, kib_to_bytes, NULL, NULL);
  g_signal_connect_object (self->settings, "changed::webhook-address",
                           G_CALLBACK (webhook_address_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->webhook_address_row, "apply",
                            G_CALLBACK (webhook_address_applied), self);
  webhook_address_changed (self);

  self->people_page = SY_PEOPLE_PAGE (sy_people_page_new ());
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->people_page));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (sy_credentials_page_new ()));
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
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
