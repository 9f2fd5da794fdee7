/* sy-cli-call.c — option parsing, engine start, errors and exit statuses of one command */
#include "config.h"

#include <glib/gi18n.h>

#include "collections/sy-collection.h"
#include "sy-cli-call.h"
#include "sy-cli-launch.h"
#include "sy-cli-output.h"

static char *
command_words (SyCliCall *call)
{
  return g_strdup_printf ("%s %s", call->group, call->command->name);
}

/* Refuses a command meant for another data directory: the application id
 * keeps them apart, unless the environments of the two processes differ. */
static gboolean
check_data_dir (SyCliCall  *call,
                const char *data_dir)
{
  const char *requested = data_dir;
  g_autofree char *wanted = NULL;
  g_autofree char *running = NULL;

  if (requested == NULL)
    requested = g_application_command_line_getenv (call->cmdline, "SWITCHYARD_DATA_DIR");
  if (requested == NULL || *requested == '\0')
    return TRUE;

  wanted = sy_cli_launch_resolve_data_dir (requested, g_application_command_line_get_cwd (call->cmdline));
  running = sy_cli_launch_resolve_data_dir (sy_engine_get_data_dir (call->engine), NULL);
  if (g_str_equal (wanted, running))
    return TRUE;

  sy_cli_call_return_error (call, NULL,
                            _("this Switchyard process runs the data directory %s, not %s"),
                            running, wanted);
  return FALSE;
}

gboolean
sy_cli_call_parse (SyCliCall          *call,
                   const GOptionEntry *entries,
                   int                 min_args,
                   int                 max_args)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *words = command_words (call);
  g_autofree char *parameter_string = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) remaining = g_strdupv (call->argv);
  gboolean help = FALSE;
  guint n_remaining;
  const GOptionEntry common_entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the data directory DIR"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &call->json,
      N_("Print machine-readable JSON"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help,
      N_("Show this help"), NULL },
    { NULL }
  };

  parameter_string = *call->command->parameters != '\0'
                     ? g_strdup_printf ("%s %s", words, call->command->parameters)
                     : g_strdup (words);
  context = g_option_context_new (parameter_string);
  g_option_context_set_summary (context, _(call->command->summary));
  /* GOption's own --help would print with g_print and exit the process,
   * which may be the window's. */
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, &remaining, &error))
    {
      sy_cli_printerr (call, "switchyard: %s\n", error->message);
      sy_cli_printerr (call, _("  Run “switchyard %s --help” for its options.\n"), words);
      sy_cli_call_return (call, SY_CLI_EXIT_USAGE);
      return FALSE;
    }

  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      sy_cli_print (call, "%s", text);
      sy_cli_call_return (call, SY_CLI_EXIT_OK);
      return FALSE;
    }

  /* What is left: the program name, the two command words, then the
   * positional arguments. */
  n_remaining = g_strv_length (remaining);
  call->args = n_remaining > 3 ? g_strdupv (remaining + 3) : g_new0 (char *, 1);
  call->n_args = g_strv_length (call->args);

  if ((int) call->n_args < min_args || (max_args >= 0 && (int) call->n_args > max_args))
    {
      if ((int) call->n_args < min_args)
        sy_cli_printerr (call, _("switchyard: %s: missing arguments\n"), words);
      else
        sy_cli_printerr (call, _("switchyard: %s: unexpected argument “%s”\n"),
                         words, call->args[max_args]);
      sy_cli_printerr (call, _("  Usage: switchyard %s\n"), parameter_string);
      sy_cli_call_return (call, SY_CLI_EXIT_USAGE);
      return FALSE;
    }

  if (call->json)
    call->color = FALSE;

  if (!check_data_dir (call, data_dir))
    return FALSE;

  if (call->command->needs_engine && !sy_engine_is_running (call->engine))
    {
      if (!sy_engine_start (call->engine, &error))
        {
          sy_cli_printerr (call, "switchyard: %s\n", error->message);
          sy_cli_call_return (call, SY_CLI_EXIT_DATA_DIR);
          return FALSE;
        }
    }

  return TRUE;
}

void
sy_cli_call_return (SyCliCall *call,
                    SyCliExit  status)
{
  g_autoptr(GTask) task = g_steal_pointer (&call->task);

  g_return_if_fail (task != NULL);

  /* `call` is the task's data: it lives until the caller has the result. */
  g_task_return_int (task, status);
}

SyCliExit
sy_cli_exit_for_error (const GError *error)
{
  if (error == NULL)
    return SY_CLI_EXIT_USAGE;

  if (error->domain == SY_ENGINE_ERROR)
    {
      switch ((SyEngineError) error->code)
        {
        case SY_ENGINE_ERROR_LOCKED:
          return SY_CLI_EXIT_DATA_DIR;
        case SY_ENGINE_ERROR_NOT_FOUND:
        case SY_ENGINE_ERROR_INVALID:
          return SY_CLI_EXIT_USAGE;
        case SY_ENGINE_ERROR_FAILED:
        case SY_ENGINE_ERROR_NOT_RUNNING:
        case SY_ENGINE_ERROR_SKIPPED:
        default:
          return SY_CLI_EXIT_FAILED;
        }
    }

  if (error->domain == SY_STORE_ERROR && error->code == SY_STORE_ERROR_NOT_FOUND)
    return SY_CLI_EXIT_USAGE;

  /* Unknown collections, records or fields, wrong values, invalid filters,
   * refused definition changes: bad input. */
  if (error->domain == SY_COLLECTION_ERROR)
    return SY_CLI_EXIT_USAGE;

  /* Unreadable files, bad JSON and invalid documents are bad input. */
  if (error->domain == SY_WORKFLOW_ERROR || error->domain == G_IO_ERROR ||
      error->domain == G_FILE_ERROR || error->domain == JSON_PARSER_ERROR)
    return SY_CLI_EXIT_USAGE;

  return SY_CLI_EXIT_FAILED;
}

void
sy_cli_call_return_error (SyCliCall    *call,
                          const GError *error,
                          const char   *format,
                          ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* The first line of the error joins the summary; further lines (one
   * problem each) become the indented detail. */
  if (error != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);

      sy_cli_printerr (call, "switchyard: %s: %s\n", what, lines[0]);
      for (guint i = 1; lines[i] != NULL; i++)
        if (*lines[i] != '\0')
          sy_cli_printerr (call, "  %s\n", lines[i]);
    }
  else
    sy_cli_printerr (call, "switchyard: %s\n", what);

  sy_cli_call_return (call, sy_cli_exit_for_error (error));
}

GFile *
sy_cli_call_get_file (SyCliCall  *call,
                      const char *arg)
{
  return g_application_command_line_create_file_for_arg (call->cmdline, arg);
}

SyCliExit
sy_cli_exit_for_execution (SyExecution *execution)
{
  if (execution->status == SY_STATUS_RESOLVED)
    return SY_CLI_EXIT_OK;
  if (sy_status_is_final (execution->status))
    return SY_CLI_EXIT_FAILED;
  return SY_CLI_EXIT_WAITING;
}

typedef struct
{
  SyCliCall            *call;
  SyCliExecutionFinish  finish;
  char                 *failure;
  SyCliReplyMode        mode;
} ExecutionReply;

gpointer
sy_cli_execution_reply_new (SyCliCall            *call,
                            SyCliExecutionFinish  finish,
                            char                 *failure,
                            SyCliReplyMode        mode)
{
  ExecutionReply *reply = g_new0 (ExecutionReply, 1);

  reply->call = call;
  reply->finish = finish;
  reply->failure = failure;
  reply->mode = mode;

  return reply;
}

void
sy_cli_execution_reply_ready (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  ExecutionReply *reply = user_data;
  SyCliCall *call = reply->call;
  g_autofree char *failure = g_steal_pointer (&reply->failure);
  SyCliReplyMode mode = reply->mode;
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(GError) error = NULL;

  execution = reply->finish (SY_ENGINE (source), result, &error);
  g_free (reply);

  if (execution == NULL)
    {
      sy_cli_call_return_error (call, error, "%s", failure);
      return;
    }

  if (call->json)
    sy_cli_print_json (call, sy_execution_to_json (execution));
  else
    sy_cli_print_execution (call, execution);

  if (mode == SY_CLI_REPLY_DONE || (mode == SY_CLI_REPLY_NO_WAIT && !sy_status_is_final (execution->status)))
    sy_cli_call_return (call, SY_CLI_EXIT_OK);
  else
    sy_cli_call_return (call, sy_cli_exit_for_execution (execution));
}

gboolean
sy_cli_call_parse_id (SyCliCall  *call,
                      const char *text,
                      gint64     *id)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      sy_cli_call_return_error (call, NULL, _("“%s” is not an execution id"), text);
      return FALSE;
    }

  *id = (gint64) value;
  return TRUE;
}
