/* sy-application.c — app actions, accelerators, settings and windows */
#define G_LOG_DOMAIN "switchyard-app"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-application.h"
#include "sy-preferences-window.h"
#include "sy-window.h"

struct _SyApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (SyApplication, sy_application, ADW_TYPE_APPLICATION)

static AdwColorScheme
color_scheme_from_nick (const char *nick)
{
  if (g_strcmp0 (nick, "light") == 0)
    return ADW_COLOR_SCHEME_FORCE_LIGHT;
  if (g_strcmp0 (nick, "dark") == 0)
    return ADW_COLOR_SCHEME_FORCE_DARK;
  return ADW_COLOR_SCHEME_DEFAULT;
}

static void
sy_application_apply_color_scheme (SyApplication *self)
{
  g_autofree char *nick = g_settings_get_string (self->settings, "color-scheme");
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (style_manager, color_scheme_from_nick (nick));
}

static void
sy_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  g_autolist(GtkWindow) windows = NULL;

  /* Closing through close-request lets each window save its state. The list
   * is copied because closing a window removes it from the application. */
  windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (app)),
                              (GCopyFunc) g_object_ref, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (app);
}

static void
sy_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  SyPreferencesWindow *preferences = sy_preferences_window_new (parent);

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
sy_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = { "The Switchyard developers", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);

  adw_show_about_window (parent,
                         "application-name", _("Switchyard"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Switchyard developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/switchyard/switchyard",
                         "issue-url", "https://github.com/switchyard/switchyard/issues",
                         "comments", _("Design and run automated workflows: triggers, "
                                       "requests, conditions, approvals and more."),
                         "developers", developers,
                         /* Translators: Replace "translator-credits" with your names, one name per line */
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = sy_application_quit_action },
  { .name = "preferences", .activate = sy_application_preferences_action },
  { .name = "about", .activate = sy_application_about_action },
};

static void
sy_application_startup (GApplication *app)
{
  SyApplication *self = SY_APPLICATION (app);
  g_autoptr(GAction) color_scheme_action = NULL;

  G_APPLICATION_CLASS (sy_application_parent_class)->startup (app);

  /* Created here rather than in init, so `switchyard --help` needs no schema. */
  self->settings = g_settings_new (APPLICATION_ID);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  /* A stateful "app.color-scheme" action drives the radio rows in Preferences. */
  color_scheme_action = g_settings_create_action (self->settings, "color-scheme");
  g_action_map_add_action (G_ACTION_MAP (self), color_scheme_action);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (sy_application_apply_color_scheme),
                           self, G_CONNECT_SWAPPED);
  sy_application_apply_color_scheme (self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-workflow",
                                         (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.import",
                                         (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search",
                                         (const char *[]) { "<Control>f", NULL });
}

static void
sy_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (sy_window_new (SY_APPLICATION (app)));

  gtk_window_present (window);
}

static int
sy_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  g_auto(GStrv) argv = NULL;
  int argc = 0;

  argv = g_application_command_line_get_arguments (command_line, &argc);

  /* The command line (src/cli/) plugs in here. A command given while the
   * window is open arrives in this primary instance (remote command line):
   * when argv names a command, hand `command_line` to the CLI and return its
   * exit status, so it acts on the engine that already runs. */
  if (argc > 1)
    {
      g_application_command_line_printerr (command_line,
                                           _("switchyard: unknown command “%s”\n"),
                                           argv[1]);
      return EXIT_FAILURE;
    }

  g_application_activate (app);

  return EXIT_SUCCESS;
}

static void
sy_application_dispose (GObject *object)
{
  SyApplication *self = SY_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sy_application_parent_class)->dispose (object);
}

static void
sy_application_class_init (SyApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sy_application_dispose;

  app_class->startup = sy_application_startup;
  app_class->activate = sy_application_activate;
  app_class->command_line = sy_application_command_line;
}

static void
sy_application_init (SyApplication *self)
{
}

SyApplication *
sy_application_new (void)
{
  /* The resource base path makes GTK load gtk/help-overlay.ui, style.css,
   * style-dark.css and icons/ from the GResource automatically. */
  return g_object_new (SY_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

/**
 * sy_application_get_settings:
 *
 * Returns: (transfer none): the application's settings; %NULL before startup
 */
GSettings *
sy_application_get_settings (SyApplication *self)
{
  g_return_val_if_fail (SY_IS_APPLICATION (self), NULL);

  return self->settings;
}
