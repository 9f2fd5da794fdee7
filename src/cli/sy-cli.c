/* sy-cli.c — finds the command in argv and runs it; help for each level */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <unistd.h>

#include "sy-cli.h"
#include "sy-cli-commands.h"
#include "sy-cli-output.h"

typedef struct
{
  const char         *name;
  const char         *summary;
  const SyCliCommand *commands;
} SyCliGroup;

/* One line per command group: the task, collection and record issues add
 * theirs here. */
static const SyCliGroup groups[] = {
  { "workflow", N_("Import, export, list, enable and run workflows"), sy_cli_workflow_commands },
  { "execution", N_("Inspect, cancel and retry executions"), sy_cli_execution_commands },
  { "task", N_("List and act on tasks for people"), sy_cli_task_commands },
  { "collection", N_("Define and list local collections"), sy_cli_collection_commands },
  { "record", N_("Read records and run the actions that bound workflows follow"), sy_cli_record_commands },
};

/* Options that take a separate value, to skip it when looking for the
 * command words. */
static const char * const value_options[] = {
  "--data-dir", "--port", "--version", "-o", "--output", "--context", "--status",
  "--limit", "--from", "--action", "--values", "--comment", "--filter", "--sort", "--page",
  "--page-size", "--appends", "--trigger-workflows", NULL,
};

static void
sy_cli_call_free (SyCliCall *call)
{
  g_clear_object (&call->engine);
  g_clear_object (&call->cmdline);
  g_clear_object (&call->cancellable);
  g_strfreev (call->argv);
  g_strfreev (call->args);
  g_free (call);
}

/* The first two words of argv that are neither options nor their values. */
static void
find_words (char       **argv,
            const char **group,
            const char **name)
{
  const char **slot = group;

  *group = *name = NULL;
  for (guint i = 1; argv[i] != NULL && slot != NULL; i++)
    {
      if (g_str_equal (argv[i], "--"))
        continue;
      if (g_strv_contains (value_options, argv[i]))
        {
          if (argv[i + 1] == NULL)
            break;
          i++;
          continue;
        }
      if (argv[i][0] == '-')
        continue;

      *slot = argv[i];
      slot = slot == group ? name : NULL;
    }
}

static gboolean
argv_has (char       **argv,
          const char  *option,
          const char  *short_option)
{
  for (guint i = 1; argv[i] != NULL; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], option) || g_strcmp0 (argv[i], short_option) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
stdout_is_terminal (GApplicationCommandLine *cmdline)
{
  g_autoptr(GVariant) platform_data = NULL;
  gboolean tty = FALSE;

  if (!g_application_command_line_get_is_remote (cmdline))
    return isatty (STDOUT_FILENO);

  /* The sending process told us (sy_cli_launch_add_platform_data). */
  platform_data = g_application_command_line_get_platform_data (cmdline);
  if (platform_data != NULL)
    g_variant_lookup (platform_data, "switchyard-stdout-tty", "b", &tty);

  return tty;
}

static gboolean
wants_color (GApplicationCommandLine *cmdline)
{
  const char *no_color = g_application_command_line_getenv (cmdline, "NO_COLOR");
  const char *term = g_application_command_line_getenv (cmdline, "TERM");

  if (no_color != NULL && *no_color != '\0')
    return FALSE;
  if (term == NULL || g_str_equal (term, "dumb"))
    return FALSE;

  return stdout_is_terminal (cmdline);
}

static const SyCliGroup *
find_group (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (groups[i].name, name))
      return &groups[i];
  return NULL;
}

static const SyCliCommand *
find_command (const SyCliGroup *group,
              const char       *name)
{
  for (const SyCliCommand *command = group->commands; command->name != NULL; command++)
    if (g_str_equal (command->name, name))
      return command;
  return NULL;
}

static void
add_commands (SyCliTable       *table,
              const SyCliGroup *group)
{
  for (const SyCliCommand *command = group->commands; command->name != NULL; command++)
    {
      g_autofree char *usage = g_strdup_printf ("  %s %s %s", group->name, command->name,
                                                command->parameters);

      sy_cli_table_add_row (table, usage, _(command->summary));
    }
}

static void
print_overview (SyCliCall *call)
{
  g_autoptr(SyCliTable) table = sy_cli_table_new_plain (2);

  sy_cli_print (call, "%s",
                _("Usage:\n"
                  "  switchyard [--data-dir=DIR]              open the window\n"
                  "  switchyard --headless [--port=N]         run the engine with no window\n"
                  "  switchyard COMMAND… [--data-dir=DIR] [--json]\n"
                  "\n"
                  "Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    add_commands (table, &groups[i]);
  sy_cli_table_print (table, call);
  sy_cli_print (call, "%s",
                _("\n"
                  "Every command accepts --data-dir=DIR (default: $SWITCHYARD_DATA_DIR or\n"
                  "$XDG_DATA_HOME/switchyard) and --json. Run “switchyard GROUP COMMAND --help”\n"
                  "for the options of a command.\n"));
}

static void
print_group_help (SyCliCall        *call,
                  const SyCliGroup *group)
{
  g_autoptr(SyCliTable) table = sy_cli_table_new_plain (2);

  sy_cli_print (call, _("Usage:\n  switchyard %s COMMAND… [--data-dir=DIR] [--json]\n\n%s\n\nCommands:\n"),
                group->name, _(group->summary));
  add_commands (table, group);
  sy_cli_table_print (table, call);
}

/* Answers what needs no command: help, version, a second --headless. */
static void
run_without_command (SyCliCall *call)
{
  if (argv_has (call->argv, "--help", "-h"))
    {
      print_overview (call);
      sy_cli_call_return (call, SY_CLI_EXIT_OK);
    }
  else if (argv_has (call->argv, "--version", NULL))
    {
      sy_cli_print (call, "switchyard %s\n", PACKAGE_VERSION);
      sy_cli_call_return (call, SY_CLI_EXIT_OK);
    }
  else if (argv_has (call->argv, "--headless", NULL))
    {
      /* Only a process that already runs the engine receives this. */
      sy_cli_printerr (call, _("switchyard: Switchyard already runs for the data directory %s\n"),
                       sy_engine_get_data_dir (call->engine));
      sy_cli_printerr (call, _("  Stop that process first, or use another --data-dir.\n"));
      sy_cli_call_return (call, SY_CLI_EXIT_DATA_DIR);
    }
  else
    {
      sy_cli_printerr (call, _("switchyard: no command given\n"));
      sy_cli_printerr (call, _("  Run “switchyard --help” for the list of commands.\n"));
      sy_cli_call_return (call, SY_CLI_EXIT_USAGE);
    }
}

static void
dispatch (SyCliCall *call)
{
  const char *group_name, *command_name;
  const SyCliGroup *group;

  find_words (call->argv, &group_name, &command_name);
  if (group_name == NULL)
    {
      run_without_command (call);
      return;
    }

  call->group = group_name;
  group = find_group (group_name);
  if (group == NULL)
    {
      sy_cli_printerr (call, _("switchyard: unknown command “%s”\n"), group_name);
      sy_cli_printerr (call, _("  Run “switchyard --help” for the list of commands.\n"));
      sy_cli_call_return (call, SY_CLI_EXIT_USAGE);
      return;
    }

  if (command_name == NULL)
    {
      if (argv_has (call->argv, "--help", "-h"))
        {
          print_group_help (call, group);
          sy_cli_call_return (call, SY_CLI_EXIT_OK);
          return;
        }

      /* A usage error like any other: one line and a hint, on stderr. */
      sy_cli_printerr (call, _("switchyard: %s: missing command\n"), group_name);
      sy_cli_printerr (call, _("  Run “switchyard %s --help” for its commands.\n"), group_name);
      sy_cli_call_return (call, SY_CLI_EXIT_USAGE);
      return;
    }

  call->command = find_command (group, command_name);
  if (call->command == NULL)
    {
      sy_cli_printerr (call, _("switchyard: unknown command “%s %s”\n"), group_name, command_name);
      sy_cli_printerr (call, _("  Run “switchyard %s --help” for its commands.\n"), group_name);
      sy_cli_call_return (call, SY_CLI_EXIT_USAGE);
      return;
    }

  call->command->run (call);
}

void
sy_cli_run_async (SyEngine                *engine,
                  GApplicationCommandLine *cmdline,
                  GCancellable            *cancellable,
                  GAsyncReadyCallback      callback,
                  gpointer                 user_data)
{
  SyCliCall *call;

  g_return_if_fail (SY_IS_ENGINE (engine));
  g_return_if_fail (G_IS_APPLICATION_COMMAND_LINE (cmdline));

  call = g_new0 (SyCliCall, 1);
  call->engine = g_object_ref (engine);
  call->cmdline = g_object_ref (cmdline);
  call->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  call->argv = g_application_command_line_get_arguments (cmdline, NULL);
  call->color = wants_color (cmdline);
  call->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (call->task, sy_cli_run_async);
  g_task_set_task_data (call->task, call, (GDestroyNotify) sy_cli_call_free);

  dispatch (call);
}

int
sy_cli_run_finish (GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  gssize status;

  g_return_val_if_fail (g_task_is_valid (result, NULL), SY_CLI_EXIT_FAILED);

  status = g_task_propagate_int (G_TASK (result), &error);
  return error != NULL ? SY_CLI_EXIT_FAILED : (int) status;
}

typedef struct
{
  gboolean                 done;
  int                      status;
  int                      signal;  /* the signal that interrupted it, 0 = none */
  SyEngine                *engine;
  GApplicationCommandLine *cmdline;
} LocalRun;

/* Ctrl-C or SIGTERM while this process runs a command on its own engine:
 * stop the engine as a clean exit would (the step in progress finishes,
 * everything else waits in the store for the next start); the command then
 * ends with the engine's "stopped" error. */
static void
interrupt (LocalRun *run,
           int       signum)
{
  if (run->signal != 0)
    return;

  run->signal = signum;
  if (sy_engine_is_running (run->engine))
    {
      g_application_command_line_printerr (run->cmdline,
                                           _("switchyard: interrupted: stopping the engine; what is in "
                                             "progress continues when Switchyard next starts\n"));
      sy_engine_stop (run->engine);
    }
}

static gboolean
on_sigint (gpointer data)
{
  interrupt (data, SIGINT);
  return G_SOURCE_REMOVE;
}

static gboolean
on_sigterm (gpointer data)
{
  interrupt (data, SIGTERM);
  return G_SOURCE_REMOVE;
}

static void
local_run_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LocalRun *run = user_data;

  run->status = sy_cli_run_finish (result);
  run->done = TRUE;
}

static void
remote_run_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GApplicationCommandLine) cmdline = user_data;
  GApplication *app = g_application_get_default ();

  /* The caller gets this status when `cmdline` is finalized. */
  g_application_command_line_set_exit_status (cmdline, sy_cli_run_finish (result));
  if (app != NULL)
    g_application_release (app);
}

int
sy_cli_run (SyEngine                *engine,
            GApplicationCommandLine *cmdline)
{
  GApplication *app = g_application_get_default ();
  LocalRun run = { FALSE, SY_CLI_EXIT_FAILED, 0, engine, cmdline };
  guint sigint_id, sigterm_id;

  if (g_application_command_line_get_is_remote (cmdline))
    {
      /* Other commands and the window keep being served meanwhile. */
      if (app != NULL)
        g_application_hold (app);
      sy_cli_run_async (engine, cmdline, NULL, remote_run_done, g_object_ref (cmdline));
      return SY_CLI_EXIT_OK;
    }

  /* This process exists for this command: nothing else waits on its main
   * context but forwarded commands, which are served while it spins. */
  sigint_id = g_unix_signal_add (SIGINT, on_sigint, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, on_sigterm, &run);
  sy_cli_run_async (engine, cmdline, NULL, local_run_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  if (run.signal == 0)
    {
      g_source_remove (sigint_id);
      g_source_remove (sigterm_id);
    }
  else
    g_source_remove (run.signal == SIGINT ? sigterm_id : sigint_id);

  /* As a shell reports a command a signal ended. */
  return run.signal != 0 ? 128 + run.signal : run.status;
}
