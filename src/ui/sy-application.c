/* sy-application.c — app actions, accelerators, settings and windows */
#define G_LOG_DOMAIN "switchyard-app"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <libsoup/soup.h>

#include "sy-application.h"
#include "sy-background.h"
#include "sy-cli.h"
#include "sy-cli-launch.h"
#include "sy-failure-notifier.h"
#include "sy-preferences-window.h"
#include "sy-task-notifier.h"
#include "sy-webhook-settings.h"
#include "sy-window.h"

struct _SyApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  char      *data_dir;     /* canonical; the application id derives from it */
  SyEngine  *engine;
  GError    *engine_error; /* why the engine could not start, shown once */
  SyBackground *background; /* holds the app for live triggers */
  SyTaskNotifier *task_notifier; /* a notification for each new task for me */
  SyFailureNotifier *failure_notifier; /* a notification when a background run fails */
  guint      sigint_id;
  guint      sigterm_id;
};

G_DEFINE_FINAL_TYPE (SyApplication, sy_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATA_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* SIGINT or SIGTERM (a terminal's Ctrl-C, a session ending, systemd) quit
 * as the Quit action does: windows save, then shutdown stops the engine. */
static gboolean
sy_application_quit_on_signal (gpointer user_data)
{
  SyApplication *self = user_data;

  g_message ("Quitting on a signal");
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_action_group_activate_action (G_ACTION_GROUP (self), "quit", NULL);

  return G_SOURCE_REMOVE;
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

/* The About window's Troubleshooting page: what a bug report needs. */
static char *
sy_application_debug_info (SyApplication *self)
{
  GString *info = g_string_new (NULL);

  g_string_append_printf (info, "Switchyard %s (%s)\n", PACKAGE_VERSION, APPLICATION_ID);
  g_string_append_printf (info, "GLib %u.%u.%u\n", glib_major_version, glib_minor_version, glib_micro_version);
  g_string_append_printf (info, "GTK %u.%u.%u\n", gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version ());
  g_string_append_printf (info, "libadwaita %u.%u.%u\n", adw_get_major_version (), adw_get_minor_version (),
                          adw_get_micro_version ());
  g_string_append_printf (info, "libsoup %u.%u.%u\n", soup_get_major_version (), soup_get_minor_version (),
                          soup_get_micro_version ());
  g_string_append_printf (info, "Data directory: %s\n",
                          self->engine != NULL ? sy_engine_get_data_dir (self->engine) : self->data_dir);
  if (self->engine_error != NULL)
    g_string_append_printf (info, "Engine not running: %s\n", self->engine_error->message);

  return g_string_free (info, FALSE);
}

static void
sy_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = { "The Switchyard developers", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  g_autofree char *debug_info = sy_application_debug_info (SY_APPLICATION (app));

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
                         "copyright", _("© 2025 The Switchyard developers"),
                         "debug-info", debug_info,
                         "debug-info-filename", "switchyard-debug-info.txt",
                         NULL);
}

/* Presents the window (a new one when there is none, as after a start in
 * the background) and runs `window_action` there with `parameter`. */
static void
sy_application_present_and_activate (GApplication *app,
                                     const char   *window_action,
                                     GVariant     *parameter)
{
  GtkWindow *window;

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    gtk_widget_activate_action_variant (GTK_WIDGET (window), window_action, parameter);
}

/* A notification's action: the window opens on that task. */
static void
sy_application_show_task_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  sy_application_present_and_activate (G_APPLICATION (user_data), "win.show-task", parameter);
}

/* A notification's action (a failed execution, a notification node): the
 * window opens on that execution's detail. */
static void
sy_application_show_execution_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  sy_application_present_and_activate (G_APPLICATION (user_data), "win.show-execution", parameter);
}

static const GActionEntry app_actions[] = {
  { .name = "show-task", .activate = sy_application_show_task_action, .parameter_type = "x" },
  { .name = "show-execution", .activate = sy_application_show_execution_action, .parameter_type = "x" },
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
  /* Application accelerators rather than key bindings: the Keyboard
   * Shortcuts window shows these from the action alone. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.toggle-sidebar",
                                         (const char *[]) { "F9", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.toggle-tasks",
                                         (const char *[]) { "<Control>t", NULL });

  /* The window's engine: commands given while it is open use it too. */
  self->engine = sy_engine_new (self->data_dir);
  sy_webhook_settings_bind (self->settings, self->engine);
  if (!sy_engine_start (self->engine, &self->engine_error))
    g_printerr (_("switchyard: cannot run workflows: %s\n"), self->engine_error->message);
  self->background = sy_background_new (app, self->settings, self->engine);
  self->sigint_id = g_unix_signal_add (SIGINT, sy_application_quit_on_signal, self);
  self->sigterm_id = g_unix_signal_add (SIGTERM, sy_application_quit_on_signal, self);
  if (sy_engine_is_running (self->engine))
    {
      self->task_notifier = sy_task_notifier_new (app, self->engine);
      self->failure_notifier = sy_failure_notifier_new (app, self->settings, self->engine);
    }
}

static void
sy_application_shutdown (GApplication *app)
{
  SyApplication *self = SY_APPLICATION (app);

  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_object (&self->background);
  g_clear_object (&self->task_notifier);
  g_clear_object (&self->failure_notifier);
  /* Finishes the step in progress; the rest stays safely in the store. */
  if (self->engine != NULL)
    sy_engine_stop (self->engine);

  G_APPLICATION_CLASS (sy_application_parent_class)->shutdown (app);
}

static void
sy_application_show_engine_error (SyApplication *self,
                                  GtkWindow     *parent)
{
  g_autoptr(GError) error = g_steal_pointer (&self->engine_error);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, _("Workflows Cannot Run"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Switchyard could not open its data: %s"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sy_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (sy_window_new (SY_APPLICATION (app)));

  gtk_window_present (window);

  if (SY_APPLICATION (app)->engine_error != NULL)
    sy_application_show_engine_error (SY_APPLICATION (app), window);
}

static int
sy_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  SyApplication *self = SY_APPLICATION (app);
  g_auto(GStrv) argv = NULL;
  int argc = 0;

  argv = g_application_command_line_get_arguments (command_line, &argc);

  /* A command given while the window is open arrives here (remote command
   * line) and runs on the engine the window uses. */
  if (sy_cli_launch_wants_cli (argc, argv))
    return sy_cli_run (self->engine, command_line);

  /* Started at login: no window; live triggers hold the app (or it ends). */
  if (g_strv_contains ((const char * const *) argv, "--background"))
    return EXIT_SUCCESS;

  g_application_activate (app);

  return EXIT_SUCCESS;
}

static void
sy_application_dispose (GObject *object)
{
  SyApplication *self = SY_APPLICATION (object);

  g_clear_object (&self->background);
  g_clear_object (&self->task_notifier);
  g_clear_object (&self->failure_notifier);
  g_clear_object (&self->settings);
  g_clear_object (&self->engine);
  g_clear_error (&self->engine_error);

  G_OBJECT_CLASS (sy_application_parent_class)->dispose (object);
}

static void
sy_application_finalize (GObject *object)
{
  SyApplication *self = SY_APPLICATION (object);

  g_free (self->data_dir);

  G_OBJECT_CLASS (sy_application_parent_class)->finalize (object);
}

static void
sy_application_add_platform_data (GApplication    *app,
                                  GVariantBuilder *builder)
{
  G_APPLICATION_CLASS (sy_application_parent_class)->add_platform_data (app, builder);

  sy_cli_launch_add_platform_data (builder);
}

static void
sy_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SyApplication *self = SY_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_free (self->data_dir);
      self->data_dir = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SyApplication *self = SY_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_application_class_init (SyApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sy_application_dispose;
  object_class->finalize = sy_application_finalize;
  object_class->get_property = sy_application_get_property;
  object_class->set_property = sy_application_set_property;

  app_class->startup = sy_application_startup;
  app_class->shutdown = sy_application_shutdown;
  app_class->add_platform_data = sy_application_add_platform_data;
  app_class->activate = sy_application_activate;
  app_class->command_line = sy_application_command_line;

  /* The canonical data directory (NULL = the default). */
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sy_application_init (SyApplication *self)
{
}

SyApplication *
sy_application_new (void)
{
  return sy_application_new_for_data_dir (NULL);
}

/**
 * sy_application_new_for_data_dir:
 * @data_dir: (nullable): the data directory (`--data-dir`), %NULL for the default
 *
 * The application id follows the data directory (the same rule as the
 * command line), so that only processes of one directory meet.
 */
SyApplication *
sy_application_new_for_data_dir (const char *data_dir)
{
  g_autofree char *canonical = sy_cli_launch_resolve_data_dir (data_dir, NULL);
  g_autofree char *application_id = sy_cli_launch_application_id (canonical);

  /* The resource base path makes GTK load gtk/help-overlay.ui, style.css,
   * style-dark.css and icons/ from the GResource automatically; it is set
   * explicitly because the application id may carry a data-dir suffix. */
  return g_object_new (SY_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", sy_cli_launch_flags (),
                       "resource-base-path", RESOURCE_BASE_PATH,
                       "data-dir", canonical,
                       NULL);
}

/**
 * sy_application_get_engine:
 *
 * Returns: (transfer none) (nullable): the engine of the application's data
 *   directory, created at startup; it is not running when it could not start
 */
SyEngine *
sy_application_get_engine (SyApplication *self)
{
  g_return_val_if_fail (SY_IS_APPLICATION (self), NULL);

  return self->engine;
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
