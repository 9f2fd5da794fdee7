/* sy-background.c — keeps the application running for live triggers */
#define G_LOG_DOMAIN "switchyard-app"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libportal/portal.h>

#include "sy-background.h"
#include "sy-trigger-kind.h"

struct _SyBackground
{
  GObject       parent_instance;

  GApplication *application;  /* not a reference: the application owns us */
  GSettings    *settings;
  SyEngine     *engine;
  GCancellable *cancellable;
  XdpPortal    *portal;       /* sandboxed only */
  gboolean      live;         /* some enabled workflow has a live trigger */
  gboolean      holding;
  gboolean      portal_asked;
};

G_DEFINE_FINAL_TYPE (SyBackground, sy_background, G_TYPE_OBJECT)

static void
on_portal_answered (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GError) error = NULL;

  /* Refusal or no portal: the app still runs while the session lets it. */
  if (!xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error))
    g_debug ("Background portal: %s", error->message);
}

static void
ask_portal (SyBackground *self,
            gboolean      autostart)
{
  g_autoptr(GPtrArray) command = g_ptr_array_new ();

  if (self->portal == NULL)
    return;

  g_ptr_array_add (command, (char *) "switchyard");
  g_ptr_array_add (command, (char *) "--background");
  xdp_portal_request_background (self->portal, NULL,
                                 _("Switchyard runs schedules, folder watches and webhooks while its window is closed"),
                                 autostart ? command : NULL,
                                 autostart ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                 self->cancellable, on_portal_answered, NULL);
}

static void
update_hold (SyBackground *self)
{
  gboolean want = self->live && g_settings_get_boolean (self->settings, "run-in-background");

  if (want == self->holding)
    return;

  self->holding = want;
  if (want)
    {
      g_application_hold (self->application);
      if (!self->portal_asked)
        ask_portal (self, g_settings_get_boolean (self->settings, "start-at-login"));
      self->portal_asked = TRUE;
    }
  else
    g_application_release (self->application);
}

static void
on_workflows_listed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(SyBackground) self = data;
  g_autoptr(GPtrArray) rows = sy_engine_list_workflows_finish (SY_ENGINE (source), result, NULL);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  self->live = FALSE;
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      SyVersionRow *row = g_ptr_array_index (rows, i);
      const SyTriggerKind *kind = sy_trigger_kind_lookup (row->trigger_type);

      if (row->enabled && kind != NULL && kind->start != NULL)
        self->live = TRUE;
    }

  update_hold (self);
}

static void
refresh (SyBackground *self)
{
  if (!sy_engine_is_running (self->engine))
    return;
  sy_engine_list_workflows_async (self->engine, self->cancellable, on_workflows_listed,
                                  g_object_ref (self));
}

static void
on_start_at_login_changed (SyBackground *self)
{
  gboolean enabled = g_settings_get_boolean (self->settings, "start-at-login");
  g_autoptr(GError) error = NULL;

  if (self->portal != NULL)
    ask_portal (self, enabled);
  else if (!sy_background_set_autostart (g_application_get_application_id (self->application),
                                         enabled, &error))
    g_warning ("Could not change starting at login: %s", error->message);
}

gboolean
sy_background_set_autostart (const char *application_id,
                             gboolean    enabled,
                             GError    **error)
{
  g_autofree char *directory = g_build_filename (g_get_user_config_dir (), "autostart", NULL);
  g_autofree char *name = g_strconcat (application_id, ".desktop", NULL);
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autofree char *contents = NULL;

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not remove %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create %s: %s"), directory, g_strerror (saved));
      return FALSE;
    }

  contents = g_strdup_printf ("[Desktop Entry]\n"
                              "Type=Application\n"
                              "Name=%s\n"
                              "Comment=%s\n"
                              "Icon=%s\n"
                              "Exec=switchyard --background\n"
                              "NoDisplay=true\n"
                              "X-GNOME-Autostart-enabled=true\n",
                              _("Switchyard"), _("Run workflows in the background"), APPLICATION_ID);

  return g_file_set_contents (path, contents, -1, error);
}

static void
sy_background_dispose (GObject *object)
{
  SyBackground *self = SY_BACKGROUND (object);

  g_cancellable_cancel (self->cancellable);
  if (self->holding)
    g_application_release (self->application);
  self->holding = FALSE;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
  g_clear_object (&self->portal);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sy_background_parent_class)->dispose (object);
}

static void
sy_background_class_init (SyBackgroundClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sy_background_dispose;
}

static void
sy_background_init (SyBackground *self)
{
  self->cancellable = g_cancellable_new ();
}

SyBackground *
sy_background_new (GApplication *application,
                   GSettings    *settings,
                   SyEngine     *engine)
{
  SyBackground *self = g_object_new (SY_TYPE_BACKGROUND, NULL);

  self->application = application;
  self->settings = g_object_ref (settings);
  self->engine = g_object_ref (engine);
  if (xdp_portal_running_under_sandbox ())
    self->portal = xdp_portal_new ();

  g_signal_connect_swapped (engine, "workflows-changed", G_CALLBACK (refresh), self);
  g_signal_connect_object (settings, "changed::run-in-background",
                           G_CALLBACK (update_hold), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::start-at-login",
                           G_CALLBACK (on_start_at_login_changed), self, G_CONNECT_SWAPPED);
  refresh (self);

  return self;
}

gboolean
sy_background_is_holding (SyBackground *self)
{
  g_return_val_if_fail (SY_IS_BACKGROUND (self), FALSE);

  return self->holding;
}
