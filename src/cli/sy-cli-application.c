/* sy-cli-application.c — runs a command, or the engine headless, without GTK
 *
 * The primary instance owns the engine of its data directory: a command
 * given in another process while this one runs arrives here as a remote
 * command line. The engine starts when the first command needs it (so that
 * `workflow validate` works on a locked directory) and stops at shutdown,
 * after the last command has released the application.
 */
#define G_LOG_DOMAIN "switchyard-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "sy-cli.h"
#include "sy-cli-application.h"
#include "sy-cli-call.h"
#include "sy-cli-launch.h"

struct _SyCliApplication
{
  GApplication parent_instance;

  char     *data_dir;
  SyEngine *engine;
  /* --port of --headless, already applied to the engine's webhook-port. */
  guint     port;
  gboolean  headless;
  guint     sigint_id;
  guint     sigterm_id;
};

G_DEFINE_FINAL_TYPE (SyCliApplication, sy_cli_application, G_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATA_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
stop_on_signal (gpointer user_data)
{
  SyCliApplication *self = user_data;

  g_message ("Stopping: finishing the step in progress");
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  /* Dropping the hold ends the main loop; shutdown stops the engine. */
  g_application_release (G_APPLICATION (self));

  return G_SOURCE_REMOVE;
}

/* Parses `--headless [--port N]`; other arguments make it a usage error. */
static gboolean
parse_headless (SyCliApplication        *self,
                GApplicationCommandLine *cmdline)
{
  g_auto(GStrv) argv = g_application_command_line_get_arguments (cmdline, NULL);
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  gboolean headless = FALSE;
  int port = -1; /* not given: the engine's default */
  const GOptionEntry entries[] = {
    { "headless", 0, 0, G_OPTION_ARG_NONE, &headless, NULL, NULL },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, NULL, NULL },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, NULL, NULL },
    { NULL }
  };

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, &argv, &error))
    {
      g_application_command_line_printerr (cmdline, "switchyard: %s\n", error->message);
      return FALSE;
    }
  if (g_strv_length (argv) > 1)
    {
      g_application_command_line_printerr (cmdline, _("switchyard: --headless takes no command (“%s”)\n"),
                                           argv[1]);
      return FALSE;
    }
  if (port < -1 || port > 65535)
    {
      g_application_command_line_printerr (cmdline, _("switchyard: --port must be between 0 and 65535\n"));
      return FALSE;
    }

  if (port >= 0)
    {
      self->port = (guint) port;
      g_object_set (self->engine, "webhook-port", self->port, NULL);
    }
  return TRUE;
}

static int
run_headless (SyCliApplication        *self,
              GApplicationCommandLine *cmdline)
{
  g_autoptr(GError) error = NULL;

  if (!parse_headless (self, cmdline))
    return SY_CLI_EXIT_USAGE;

  g_object_set (self->engine, "webhook-serve", TRUE, NULL);
  if (!sy_engine_start (self->engine, &error))
    {
      g_application_command_line_printerr (cmdline, "switchyard: %s\n", error->message);
      return SY_CLI_EXIT_DATA_DIR;
    }

  self->headless = TRUE;
  g_application_hold (G_APPLICATION (self));
  self->sigint_id = g_unix_signal_add (SIGINT, stop_on_signal, self);
  self->sigterm_id = g_unix_signal_add (SIGTERM, stop_on_signal, self);

  g_application_command_line_print (cmdline, _("Switchyard is running headless on %s\n"),
                                    self->data_dir);
  /* Whoever started us (a service manager, a test) may wait for the line. */
  fflush (stdout);
  return SY_CLI_EXIT_OK;
}

static gboolean
wants_headless (GApplicationCommandLine *cmdline)
{
  g_auto(GStrv) argv = g_application_command_line_get_arguments (cmdline, NULL);

  return g_strv_contains ((const char * const *) argv, "--headless");
}

/* Set while this process runs one command of its own: the engine's
 * progress messages (a webhook server listening, then stopped) are for
 * a long-running --headless log, not for the stderr of a command, which
 * carries its errors only (cli.md). Warnings still show. */
static gint command_only;

static GLogWriterOutput
write_log (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  if (g_atomic_int_get (&command_only) &&
      (level & (G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG)) != 0 &&
      g_getenv ("G_MESSAGES_DEBUG") == NULL)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (level, fields, n_fields, user_data);
}

static int
sy_cli_application_command_line (GApplication            *app,
                                 GApplicationCommandLine *cmdline)
{
  SyCliApplication *self = SY_CLI_APPLICATION (app);

  if (!g_application_command_line_get_is_remote (cmdline))
    {
      /* A remote --headless is refused by the command line: this process
       * already runs the engine. */
      if (wants_headless (cmdline))
        return run_headless (self, cmdline);
      g_atomic_int_set (&command_only, TRUE);
    }

  return sy_cli_run (self->engine, cmdline);
}

static void
sy_cli_application_startup (GApplication *app)
{
  SyCliApplication *self = SY_CLI_APPLICATION (app);

  G_APPLICATION_CLASS (sy_cli_application_parent_class)->startup (app);

  self->engine = sy_engine_new (self->data_dir);
  /* A command does its work and exits: it takes no webhook requests
   * (--headless does). */
  g_object_set (self->engine, "webhook-serve", FALSE, NULL);
}

static void
sy_cli_application_shutdown (GApplication *app)
{
  SyCliApplication *self = SY_CLI_APPLICATION (app);

  /* Finishes the step in progress; the rest stays safely in the store. */
  if (self->engine != NULL)
    sy_engine_stop (self->engine);
  if (self->headless)
    g_message ("Switchyard stopped");

  G_APPLICATION_CLASS (sy_cli_application_parent_class)->shutdown (app);
}

static void
sy_cli_application_add_platform_data (GApplication    *app,
                                      GVariantBuilder *builder)
{
  G_APPLICATION_CLASS (sy_cli_application_parent_class)->add_platform_data (app, builder);

  sy_cli_launch_add_platform_data (builder);
}

static void
sy_cli_application_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SyCliApplication *self = SY_CLI_APPLICATION (object);

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
sy_cli_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SyCliApplication *self = SY_CLI_APPLICATION (object);

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
sy_cli_application_dispose (GObject *object)
{
  SyCliApplication *self = SY_CLI_APPLICATION (object);

  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (sy_cli_application_parent_class)->dispose (object);
}

static void
sy_cli_application_finalize (GObject *object)
{
  SyCliApplication *self = SY_CLI_APPLICATION (object);

  g_free (self->data_dir);

  G_OBJECT_CLASS (sy_cli_application_parent_class)->finalize (object);
}

static void
sy_cli_application_class_init (SyCliApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sy_cli_application_dispose;
  object_class->finalize = sy_cli_application_finalize;
  object_class->get_property = sy_cli_application_get_property;
  object_class->set_property = sy_cli_application_set_property;

  app_class->startup = sy_cli_application_startup;
  app_class->shutdown = sy_cli_application_shutdown;
  app_class->command_line = sy_cli_application_command_line;
  app_class->add_platform_data = sy_cli_application_add_platform_data;

  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sy_cli_application_init (SyCliApplication *self)
{
}

SyCliApplication *
sy_cli_application_new (const char *data_dir)
{
  static gsize writer_set = 0;
  g_autofree char *canonical = sy_cli_launch_resolve_data_dir (data_dir, NULL);
  g_autofree char *application_id = sy_cli_launch_application_id (canonical);

  /* Logs never mix with what commands print on stdout (--json). */
  g_log_writer_default_set_use_stderr (TRUE);
  if (g_once_init_enter (&writer_set))
    {
      g_log_set_writer_func (write_log, NULL, NULL);
      g_once_init_leave (&writer_set, 1);
    }

  return g_object_new (SY_TYPE_CLI_APPLICATION,
                       "application-id", application_id,
                       "flags", sy_cli_launch_flags (),
                       "data-dir", canonical,
                       NULL);
}

SyEngine *
sy_cli_application_get_engine (SyCliApplication *self)
{
  g_return_val_if_fail (SY_IS_CLI_APPLICATION (self), NULL);

  return self->engine;
}

guint
sy_cli_application_get_port (SyCliApplication *self)
{
  g_return_val_if_fail (SY_IS_CLI_APPLICATION (self), 0);

  return self->port;
}
