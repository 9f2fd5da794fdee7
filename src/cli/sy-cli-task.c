/* sy-cli-task.c — `switchyard task …`: list, submit */
#include "config.h"

#include <glib/gi18n.h>

#include "sy-cli-commands.h"
#include "sy-cli-output.h"

static const char * const actions[] = { "approve", "reject", "return", "save", NULL };

static JsonNode *
tasks_to_json (GPtrArray *tasks)
{
  JsonArray *array = json_array_sized_new (tasks->len);
  JsonNode *node;

  for (guint i = 0; i < tasks->len; i++)
    json_array_add_element (array, sy_task_to_json (g_ptr_array_index (tasks, i)));
  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);

  return node;
}

/* ── list ────────────────────────────────────────────────────────────── */

static void
list_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SyCliCall *call = user_data;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;

  tasks = sy_engine_list_tasks_finish (SY_ENGINE (source), result, &error);
  if (tasks == NULL)
    {
      sy_cli_call_return_error (call, error, _("cannot list tasks"));
      return;
    }

  if (call->json)
    sy_cli_print_json (call, tasks_to_json (tasks));
  else if (tasks->len == 0)
    sy_cli_print (call, _("No tasks.\n"));
  else
    {
      g_autoptr(SyCliTable) table = NULL;

      table = sy_cli_table_new (_("ID"), _("TYPE"), _("TITLE"), _("ASSIGNEE"), _("STATUS"),
                                _("WORKFLOW"), _("EXECUTION"), _("CREATED"), NULL);
      for (guint i = 0; i < tasks->len; i++)
        {
          SyTask *task = g_ptr_array_index (tasks, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, task->id);
          g_autofree char *execution = g_strdup_printf ("%" G_GINT64_FORMAT, task->execution_id);
          g_autofree char *created = sy_cli_format_local_time (task->created_at);

          sy_cli_table_add_row (table, id, task->type, task->title, task->assignee,
                                sy_task_status_to_string (task), task->workflow_key, execution,
                                created);
        }
      sy_cli_table_print (table, call);
    }

  sy_cli_call_return (call, SY_CLI_EXIT_OK);
}

static void
task_list (SyCliCall *call)
{
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Finished tasks and notices too"), NULL },
    { NULL }
  };

  if (!sy_cli_call_parse (call, entries, 0, 0))
    return;

  sy_engine_list_tasks_async (call->engine, all, call->cancellable, list_done, call);
}

/* ── submit ──────────────────────────────────────────────────────────── */

static void
submit_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SyCliCall *call = user_data;
  g_autoptr(SyTask) task = NULL;
  g_autoptr(GError) error = NULL;

  task = sy_engine_submit_task_finish (SY_ENGINE (source), result, &error);
  if (task == NULL)
    {
      sy_cli_call_return_error (call, error, _("cannot submit task %s"), call->args[0]);
      return;
    }

  if (call->json)
    sy_cli_print_json (call, sy_task_to_json (task));
  else
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, task->id);
      g_autofree char *execution = g_strdup_printf ("%" G_GINT64_FORMAT, task->execution_id);

      sy_cli_print (call, _("Task %s (%s) is %s; execution %s.\n"),
                    number, task->title, sy_task_status_to_string (task), execution);
    }

  sy_cli_call_return (call, SY_CLI_EXIT_OK);
}

static void
task_submit (SyCliCall *call)
{
  g_autofree char *action = NULL;
  g_autofree char *values_text = NULL;
  g_autofree char *comment = NULL;
  g_autoptr(JsonNode) values = NULL;
  g_autoptr(GError) error = NULL;
  guint64 id = 0;
  const GOptionEntry entries[] = {
    { "action", 0, 0, G_OPTION_ARG_STRING, &action,
      N_("approve (Continue), reject (Terminate), return or save (keep it open)"), N_("ACTION") },
    { "values", 0, 0, G_OPTION_ARG_STRING, &values_text,
      N_("The form's values as a JSON object"), N_("JSON") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("A comment kept with the task"), N_("TEXT") },
    { NULL }
  };

  if (!sy_cli_call_parse (call, entries, 1, 1))
    return;

  if (!g_ascii_string_to_unsigned (call->args[0], 10, 1, G_MAXINT64, &id, NULL))
    {
      sy_cli_call_return_error (call, NULL, _("“%s” is not a task id"), call->args[0]);
      return;
    }

  if (action == NULL || !g_strv_contains (actions, action))
    {
      if (action == NULL)
        sy_cli_call_return_error (call, NULL, _("--action is required: approve, reject, return or save"));
      else
        sy_cli_call_return_error (call, NULL, _("unknown action “%s” (expected approve, reject, return or save)"),
                                  action);
      return;
    }

  if (values_text != NULL)
    {
      values = json_from_string (values_text, &error);
      if (values == NULL || !JSON_NODE_HOLDS_OBJECT (values))
        {
          sy_cli_call_return_error (call, NULL, _("--values must be a JSON object: %s"),
                                    error != NULL ? error->message : _("not an object"));
          return;
        }
    }

  sy_engine_submit_task_async (call->engine, (gint64) id, action, values, comment, call->cancellable,
                               submit_done, call);
}

const SyCliCommand sy_cli_task_commands[] = {
  { "list", "[--all]", N_("List pending manual and approval tasks"), task_list, TRUE },
  { "submit", "ID --action approve|reject|return|save [--values JSON] [--comment TEXT]",
    N_("Act on a task; the execution goes on"), task_submit, TRUE },
  { NULL }
};
