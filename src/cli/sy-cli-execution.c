/* sy-cli-execution.c — `switchyard execution …`: list, show, cancel, retry */
#include "config.h"

#include <glib/gi18n.h>

#include "sy-cli-commands.h"
#include "sy-cli-output.h"

/* ── list ────────────────────────────────────────────────────────────── */

static char *
format_duration (SyExecution *execution)
{
  g_autofree char *minutes = NULL;
  gint64 ms;

  if (execution->started_at <= 0 || execution->finished_at <= 0)
    return g_strdup ("—");

  ms = execution->finished_at - execution->started_at;
  if (ms < 1000)
    return g_strdup_printf (_("%d ms"), (int) ms);
  if (ms < 60 * 1000)
    return g_strdup_printf (_("%.1f s"), ms / 1000.0);
  minutes = g_strdup_printf ("%" G_GINT64_FORMAT, ms / 60000);
  return g_strdup_printf (_("%s min %d s"), minutes, (int) ((ms / 1000) % 60));
}

static void
print_executions (SyCliCall *call,
                  GPtrArray *executions)
{
  if (call->json)
    {
      JsonArray *array = json_array_sized_new (executions->len);

      for (guint i = 0; i < executions->len; i++)
        json_array_add_element (array, sy_execution_to_json (g_ptr_array_index (executions, i)));
      sy_cli_print_json (call, json_node_init_array (json_node_alloc (), array));
      json_array_unref (array);
    }
  else if (executions->len == 0)
    sy_cli_print (call, _("No executions.\n"));
  else
    {
      g_autoptr(SyCliTable) table = NULL;

      table = sy_cli_table_new (_("ID"), _("WORKFLOW"), _("VERSION"), _("STATUS"), _("CREATED"),
                                _("DURATION"), _("REASON"), NULL);
      for (guint i = 0; i < executions->len; i++)
        {
          SyExecution *execution = g_ptr_array_index (executions, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, execution->id);
          g_autofree char *version = g_strdup_printf ("%u", execution->version);
          g_autofree char *status = sy_cli_format_status (call, execution->status, FALSE);
          g_autofree char *created = sy_cli_format_local_time (execution->created_at);
          g_autofree char *duration = format_duration (execution);

          sy_cli_table_add_row (table, id, execution->workflow_key, version, status, created,
                                duration, execution->reason);
        }
      sy_cli_table_print (table, call);
    }

  sy_cli_call_return (call, SY_CLI_EXIT_OK);
}

/* An empty listing for KEY: a key that names no workflow and no kept
 * execution is an unknown key (exit 2), not an empty history. */
typedef struct
{
  SyCliCall *call;
  gboolean   filtered; /* by status: executions of other statuses may exist */
} KeyCheck;

static void
any_execution_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SyCliCall *call = user_data;
  g_autoptr(GPtrArray) any = NULL;
  g_autoptr(GError) error = NULL;

  any = sy_engine_list_executions_finish (SY_ENGINE (source), result, &error);
  if (any == NULL)
    {
      sy_cli_call_return_error (call, error, _("cannot list executions"));
      return;
    }

  if (any->len == 0)
    {
      sy_cli_call_return_error (call, NULL, _("cannot list executions: there is no workflow “%s”"),
                                call->args[0]);
      return;
    }

  g_ptr_array_set_size (any, 0);
  print_executions (call, any);
}

static void
key_workflow_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KeyCheck *check = user_data;
  SyCliCall *call = check->call;
  gboolean filtered = check->filtered;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  g_free (check);
  row = sy_engine_get_workflow_finish (SY_ENGINE (source), result, &error);
  if (row != NULL)
    {
      print_executions (call, none);
      return;
    }
  if (!g_error_matches (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_FOUND) || !filtered)
    {
      sy_cli_call_return_error (call, error, _("cannot list executions"));
      return;
    }

  /* A deleted workflow whose executions were kept is still known. */
  {
    SyExecutionFilter any = { 0 };

    any.workflow_key = call->args[0];
    any.limit = 1;
    sy_engine_list_executions_async (call->engine, &any, call->cancellable, any_execution_done, call);
  }
}

static void
list_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  KeyCheck *check = user_data;
  SyCliCall *call = check->call;
  g_autoptr(GPtrArray) executions = NULL;
  g_autoptr(GError) error = NULL;

  executions = sy_engine_list_executions_finish (SY_ENGINE (source), result, &error);
  if (executions == NULL)
    {
      g_free (check);
      sy_cli_call_return_error (call, error, _("cannot list executions"));
      return;
    }

  if (executions->len == 0 && call->n_args > 0)
    {
      sy_engine_get_workflow_async (call->engine, call->args[0], 0, call->cancellable,
                                    key_workflow_done, check);
      return;
    }

  g_free (check);
  print_executions (call, executions);
}

static void
execution_list (SyCliCall *call)
{
  g_autofree char *status = NULL;
  int limit = 0;
  SyExecutionFilter filter = { 0 };
  KeyCheck *check;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status,
      N_("Only executions in status S (resolved, failed, started…)"), "S" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N executions, newest first"), "N" },
    { NULL }
  };

  if (!sy_cli_call_parse (call, entries, 0, 1))
    return;

  if (status != NULL)
    {
      if (!sy_status_from_string (status, &filter.status))
        {
          sy_cli_printerr (call, _("switchyard: unknown status “%s”\n"), status);
          sy_cli_printerr (call, "%s", _("  Statuses: queueing, started, resolved, failed, error, "
                                         "aborted, canceled, rejected, retry_needed\n"));
          sy_cli_call_return (call, SY_CLI_EXIT_USAGE);
          return;
        }
      filter.has_status = TRUE;
    }

  if (limit < 0)
    {
      sy_cli_call_return_error (call, NULL, _("--limit must not be negative"));
      return;
    }

  filter.workflow_key = call->n_args > 0 ? call->args[0] : NULL;
  filter.limit = (guint) limit;

  check = g_new0 (KeyCheck, 1);
  check->call = call;
  check->filtered = filter.has_status;

  /* The engine copies the filter. */
  sy_engine_list_executions_async (call->engine, &filter, call->cancellable, list_done, check);
}

/* ── show, cancel, retry ─────────────────────────────────────────────────── */

static void
execution_show (SyCliCall *call)
{
  gint64 id;

  if (!sy_cli_call_parse (call, NULL, 1, 1) || !sy_cli_call_parse_id (call, call->args[0], &id))
    return;

  sy_engine_get_execution_async (call->engine, id, call->cancellable, sy_cli_execution_reply_ready,
                                 sy_cli_execution_reply_new (call, sy_engine_get_execution_finish,
                                                             g_strdup_printf (_("cannot show execution %s"),
                                                                              call->args[0]),
                                                             SY_CLI_REPLY_DONE));
}

static void
execution_cancel (SyCliCall *call)
{
  gint64 id;

  if (!sy_cli_call_parse (call, NULL, 1, 1) || !sy_cli_call_parse_id (call, call->args[0], &id))
    return;

  sy_engine_cancel_async (call->engine, id, call->cancellable, sy_cli_execution_reply_ready,
                          sy_cli_execution_reply_new (call, sy_engine_cancel_finish,
                                                      g_strdup_printf (_("cannot cancel execution %s"),
                                                                       call->args[0]),
                                                      SY_CLI_REPLY_DONE));
}

static void
execution_retry (SyCliCall *call)
{
  g_autofree char *from_node = NULL;
  gint64 id;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_node,
      N_("Start from this node; earlier results are carried over"), N_("NODE") },
    { NULL }
  };

  if (!sy_cli_call_parse (call, entries, 1, 1) || !sy_cli_call_parse_id (call, call->args[0], &id))
    return;

  sy_engine_retry_async (call->engine, id, from_node, SY_EXECUTE_NONE, call->cancellable, sy_cli_execution_reply_ready,
                         sy_cli_execution_reply_new (call, sy_engine_retry_finish,
                                                     g_strdup_printf (_("cannot retry execution %s"),
                                                                      call->args[0]),
                                                     SY_CLI_REPLY_OUTCOME));
}

const SyCliCommand sy_cli_execution_commands[] = {
  { "list", "[KEY] [--status S] [--limit N]", N_("List executions, newest first"), execution_list, TRUE },
  { "show", "ID", N_("Show one execution with its jobs"), execution_show, TRUE },
  { "cancel", "ID", N_("Abort a queued or waiting execution"), execution_cancel, TRUE },
  { "retry", "ID [--from NODE]", N_("Run again from the start or from a node"), execution_retry, TRUE },
  { NULL }
};
