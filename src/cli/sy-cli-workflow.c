/* sy-cli-workflow.c — `switchyard workflow …`: import, export, list, enable, disable, delete, execute, validate */
#include "config.h"

#include <glib/gi18n.h>

#include "sy-cli-commands.h"
#include "sy-cli-output.h"

/* ── Reading documents (import, validate) ────────────────────────────── */

typedef struct
{
  char       *name;     /* as given on the command line */
  SyWorkflow *workflow; /* NULL when invalid */
  GPtrArray  *problems; /* of SyProblem: every problem with its JSON path */
} DocumentCheck;

static void
document_check_free (DocumentCheck *check)
{
  g_free (check->name);
  g_clear_object (&check->workflow);
  g_clear_pointer (&check->problems, g_ptr_array_unref);
  g_free (check);
}

/* Reads and validates every file named in call->args; reports how many
 * are invalid through `n_invalid`. */
static GPtrArray *
check_documents (SyCliCall *call,
                 guint     *n_invalid)
{
  GPtrArray *checks = g_ptr_array_new_with_free_func ((GDestroyNotify) document_check_free);

  *n_invalid = 0;
  for (guint i = 0; i < call->n_args; i++)
    {
      DocumentCheck *check = g_new0 (DocumentCheck, 1);
      g_autoptr(GFile) file = sy_cli_call_get_file (call, call->args[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) problems = NULL;

      check->name = g_strdup (call->args[i]);
      check->workflow = sy_workflow_new_from_file (file, &problems, &error);
      if (check->workflow == NULL)
        {
          (*n_invalid)++;
          if (problems != NULL && problems->len > 0)
            check->problems = g_steal_pointer (&problems);
          else
            {
              /* Unreadable or not JSON: one problem about the whole file. */
              check->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_problem_free);
              g_ptr_array_add (check->problems, sy_problem_new ("", error ? error->message : _("invalid")));
            }
        }
      g_ptr_array_add (checks, check);
    }

  return checks;
}

static void
print_problems (SyCliCall     *call,
                DocumentCheck *check,
                gboolean       with_file)
{
  for (guint i = 0; i < check->problems->len; i++)
    {
      SyProblem *problem = g_ptr_array_index (check->problems, i);
      const char *separator = problem->path != NULL && *problem->path != '\0' ? ": " : "";

      sy_cli_printerr (call, "  %s%s%s%s%s\n",
                       with_file ? check->name : "", with_file ? ": " : "",
                       problem->path != NULL ? problem->path : "", separator, problem->message);
    }
}

static void
workflow_validate (SyCliCall *call)
{
  g_autoptr(GPtrArray) checks = NULL;
  guint n_invalid;

  if (!sy_cli_call_parse (call, NULL, 1, -1))
    return;

  checks = check_documents (call, &n_invalid);

  if (call->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < checks->len; i++)
        {
          DocumentCheck *check = g_ptr_array_index (checks, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, check->name);
          json_builder_set_member_name (builder, "valid");
          json_builder_add_boolean_value (builder, check->workflow != NULL);
          json_builder_set_member_name (builder, "errors");
          json_builder_begin_array (builder);
          for (guint p = 0; check->problems != NULL && p < check->problems->len; p++)
            {
              SyProblem *problem = g_ptr_array_index (check->problems, p);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "path");
              json_builder_add_string_value (builder, problem->path != NULL ? problem->path : "");
              json_builder_set_member_name (builder, "message");
              json_builder_add_string_value (builder, problem->message);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      sy_cli_print_json (call, json_builder_get_root (builder));
    }
  else
    {
      for (guint i = 0; i < checks->len; i++)
        {
          DocumentCheck *check = g_ptr_array_index (checks, i);

          if (check->workflow != NULL)
            sy_cli_print (call, _("%s: valid\n"), check->name);
          else
            {
              sy_cli_printerr (call, _("switchyard: %s is not a valid workflow\n"), check->name);
              print_problems (call, check, FALSE);
            }
        }
    }

  sy_cli_call_return (call, n_invalid > 0 ? SY_CLI_EXIT_USAGE : SY_CLI_EXIT_OK);
}

/* ── import ──────────────────────────────────────────────────────────── */

typedef struct
{
  SyCliCall *call;
  GPtrArray *checks;
  guint      next;
  GPtrArray *rows;   /* of SyVersionRow */
} ImportState;

static void
import_state_free (ImportState *state)
{
  g_ptr_array_unref (state->checks);
  g_ptr_array_unref (state->rows);
  g_free (state);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportState, import_state_free)

static void import_next (ImportState *state);

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ImportState) state = user_data;
  DocumentCheck *check = g_ptr_array_index (state->checks, state->next);
  g_autoptr(GError) error = NULL;
  SyVersionRow *row;

  row = sy_engine_import_finish (SY_ENGINE (source), result, &error);
  if (row == NULL)
    {
      sy_cli_call_return_error (state->call, error, _("cannot import %s"), check->name);
      return;
    }

  g_ptr_array_add (state->rows, row);
  state->next++;
  import_next (g_steal_pointer (&state));
}

static void
print_imported (SyCliCall *call,
                GPtrArray *rows)
{
  if (call->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          SyVersionRow *row = g_ptr_array_index (rows, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "key");
          json_builder_add_string_value (builder, row->key);
          json_builder_set_member_name (builder, "version");
          json_builder_add_int_value (builder, row->version);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, row->title);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      sy_cli_print_json (call, json_builder_get_root (builder));
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      SyVersionRow *row = g_ptr_array_index (rows, i);

      sy_cli_print (call, _("Imported %s (version %u): %s\n"), row->key, row->version, row->title);
    }
}

static void
import_next (ImportState *state)
{
  DocumentCheck *check;

  if (state->next == state->checks->len)
    {
      SyCliCall *call = state->call;

      print_imported (call, state->rows);
      import_state_free (state);
      sy_cli_call_return (call, SY_CLI_EXIT_OK);
      return;
    }

  /* One at a time, so that versions follow the order of the files. */
  check = g_ptr_array_index (state->checks, state->next);
  sy_engine_import_async (state->call->engine, check->workflow, state->call->cancellable,
                          import_done, state);
}

static void
workflow_import (SyCliCall *call)
{
  g_autoptr(GPtrArray) checks = NULL;
  ImportState *state;
  guint n_invalid;

  if (!sy_cli_call_parse (call, NULL, 1, -1))
    return;

  /* Every file is checked before anything is stored. */
  checks = check_documents (call, &n_invalid);
  if (n_invalid > 0)
    {
      sy_cli_printerr (call,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "switchyard: %u of %u files is not a valid workflow; nothing was imported\n",
                                    "switchyard: %u of %u files are not valid workflows; nothing was imported\n",
                                    n_invalid),
                       n_invalid, checks->len);
      for (guint i = 0; i < checks->len; i++)
        {
          DocumentCheck *check = g_ptr_array_index (checks, i);

          if (check->workflow == NULL)
            print_problems (call, check, TRUE);
        }
      sy_cli_call_return (call, SY_CLI_EXIT_USAGE);
      return;
    }

  state = g_new0 (ImportState, 1);
  state->call = call;
  state->checks = g_steal_pointer (&checks);
  state->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_version_row_free);
  import_next (state);
}

/* ── export ──────────────────────────────────────────────────────────── */

typedef struct
{
  SyCliCall *call;
  char      *output;
} ExportState;

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportState *state = user_data;
  SyCliCall *call = state->call;
  g_autofree char *output = g_steal_pointer (&state->output);
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GError) error = NULL;

  g_free (state);

  row = sy_engine_get_workflow_finish (SY_ENGINE (source), result, &error);
  if (row != NULL)
    document = json_from_string (row->document, &error);
  if (document == NULL)
    {
      sy_cli_call_return_error (call, error, _("cannot export “%s”"), call->args[0]);
      return;
    }

  if (output != NULL)
    {
      g_autoptr(GFile) file = sy_cli_call_get_file (call, output);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *body = NULL;
      g_autofree char *text = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      json_generator_set_root (generator, document);
      body = json_generator_to_data (generator, NULL);
      text = g_strconcat (body, "\n", NULL);
      if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                    G_FILE_CREATE_NONE, NULL, NULL, &error))
        {
          sy_cli_call_return_error (call, error, _("cannot write %s"), output);
          return;
        }
      /* With --json the document is the output, and it went to the file. */
      if (!call->json)
        sy_cli_print (call, _("Exported %s (version %u) to %s\n"), row->key, row->version, output);
    }
  else
    sy_cli_print_json (call, g_steal_pointer (&document));

  sy_cli_call_return (call, SY_CLI_EXIT_OK);
}

static void
workflow_export (SyCliCall *call)
{
  int version = 0;
  g_autofree char *output = NULL;
  ExportState *state;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("Export version N (default: the current one)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the document to FILE"), "FILE" },
    { NULL }
  };

  if (!sy_cli_call_parse (call, entries, 1, 1))
    return;

  if (version < 0)
    {
      sy_cli_call_return_error (call, NULL, _("--version must be a positive number"));
      return;
    }

  state = g_new0 (ExportState, 1);
  state->call = call;
  state->output = g_steal_pointer (&output);
  sy_engine_get_workflow_async (call->engine, call->args[0], (guint) version, call->cancellable,
                                export_done, state);
}

/* ── list ────────────────────────────────────────────────────────────── */

static void
list_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SyCliCall *call = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = sy_engine_list_workflows_finish (SY_ENGINE (source), result, &error);
  if (rows == NULL)
    {
      sy_cli_call_return_error (call, error, _("cannot list workflows"));
      return;
    }

  if (call->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          SyVersionRow *row = g_ptr_array_index (rows, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "key");
          json_builder_add_string_value (builder, row->key);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, row->title);
          json_builder_set_member_name (builder, "trigger");
          json_builder_add_string_value (builder, row->trigger_type);
          json_builder_set_member_name (builder, "enabled");
          json_builder_add_boolean_value (builder, row->enabled);
          json_builder_set_member_name (builder, "sync");
          json_builder_add_boolean_value (builder, row->sync);
          json_builder_set_member_name (builder, "version");
          json_builder_add_int_value (builder, row->version);
          json_builder_set_member_name (builder, "versions");
          json_builder_add_int_value (builder, row->n_versions);
          json_builder_set_member_name (builder, "executed");
          json_builder_add_int_value (builder, row->key_executed);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      sy_cli_print_json (call, json_builder_get_root (builder));
    }
  else if (rows->len == 0)
    sy_cli_print (call, _("No workflows yet. Import one with “switchyard workflow import FILE”.\n"));
  else
    {
      g_autoptr(SyCliTable) table = NULL;

      table = sy_cli_table_new (_("KEY"), _("TITLE"), _("TRIGGER"), _("ENABLED"), _("VERSION"),
                                _("EXECUTED"), _("LAST STATUS"), NULL);
      for (guint i = 0; i < rows->len; i++)
        {
          SyVersionRow *row = g_ptr_array_index (rows, i);
          g_autofree char *version = g_strdup_printf (_("%u of %u"), row->version, row->n_versions);
          g_autofree char *executed = g_strdup_printf ("%" G_GINT64_FORMAT, row->key_executed);
          g_autofree char *last = row->has_last_status
                                  ? sy_cli_format_status (call, row->last_status, FALSE)
                                  : g_strdup ("—");

          sy_cli_table_add_row (table, row->key, row->title, row->trigger_type,
                                row->enabled ? _("yes") : _("no"), version, executed, last);
        }
      sy_cli_table_print (table, call);
    }

  sy_cli_call_return (call, SY_CLI_EXIT_OK);
}

static void
workflow_list (SyCliCall *call)
{
  if (!sy_cli_call_parse (call, NULL, 0, 0))
    return;

  sy_engine_list_workflows_async (call->engine, call->cancellable, list_done, call);
}

/* ── enable, disable, delete ─────────────────────────────────────────── */

static void
print_key_flag (SyCliCall  *call,
                const char *member,
                gboolean    value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, call->args[0]);
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
  json_builder_end_object (builder);
  sy_cli_print_json (call, json_builder_get_root (builder));
}

static void
set_enabled_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SyCliCall *call = user_data;
  gboolean enabled = g_str_equal (call->command->name, "enable");
  g_autoptr(GError) error = NULL;

  if (!sy_engine_set_enabled_finish (SY_ENGINE (source), result, &error))
    {
      sy_cli_call_return_error (call, error, enabled ? _("cannot enable “%s”") : _("cannot disable “%s”"),
                                call->args[0]);
      return;
    }

  if (call->json)
    print_key_flag (call, "enabled", enabled);
  else
    sy_cli_print (call, enabled ? _("Enabled %s\n") : _("Disabled %s\n"), call->args[0]);

  sy_cli_call_return (call, SY_CLI_EXIT_OK);
}

/* Serves both `enable` and `disable`: the command name says which. */
static void
workflow_set_enabled (SyCliCall *call)
{
  if (!sy_cli_call_parse (call, NULL, 1, 1))
    return;

  sy_engine_set_enabled_async (call->engine, call->args[0], 0,
                               g_str_equal (call->command->name, "enable"),
                               call->cancellable, set_enabled_done, call);
}

static void
delete_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SyCliCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (!sy_engine_delete_workflow_finish (SY_ENGINE (source), result, &error))
    {
      sy_cli_call_return_error (call, error, _("cannot delete “%s”"), call->args[0]);
      return;
    }

  if (call->json)
    print_key_flag (call, "deleted", TRUE);
  else
    sy_cli_print (call, _("Deleted %s\n"), call->args[0]);

  sy_cli_call_return (call, SY_CLI_EXIT_OK);
}

static void
workflow_delete (SyCliCall *call)
{
  gboolean purge = FALSE;
  const GOptionEntry entries[] = {
    { "purge", 0, 0, G_OPTION_ARG_NONE, &purge, N_("Delete its executions too"), NULL },
    { NULL }
  };

  if (!sy_cli_call_parse (call, entries, 1, 1))
    return;

  sy_engine_delete_workflow_async (call->engine, call->args[0], purge, call->cancellable,
                                   delete_done, call);
}

/* ── execute ─────────────────────────────────────────────────────────── */

/* --context is JSON text, or @FILE for a file holding it. */
static JsonNode *
read_context (SyCliCall  *call,
              const char *text,
              GError    **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL)
    return json_node_init_object (json_node_alloc (), json_object_new ());

  if (text[0] == '@')
    {
      g_autoptr(GFile) file = sy_cli_call_get_file (call, text + 1);

      if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, error))
        return NULL;
      text = contents;
    }

  node = json_from_string (text, error);
  if (node == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, _("empty document"));
  /* Every trigger's $context is an object of named members. */
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("the trigger context must be a JSON object"));
      return NULL;
    }

  return g_steal_pointer (&node);
}

static void
workflow_execute (SyCliCall *call)
{
  g_autofree char *context_text = NULL;
  g_autoptr(JsonNode) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean no_wait = FALSE;
  const GOptionEntry entries[] = {
    { "context", 0, 0, G_OPTION_ARG_STRING, &context_text,
      N_("The trigger context ($context): JSON, or @FILE"), N_("JSON") },
    { "no-wait", 0, 0, G_OPTION_ARG_NONE, &no_wait,
      N_("Return once the execution is queued"), NULL },
    { NULL }
  };

  if (!sy_cli_call_parse (call, entries, 1, 1))
    return;

  context = read_context (call, context_text, &error);
  if (context == NULL)
    {
      sy_cli_call_return_error (call, error, _("invalid --context"));
      return;
    }

  sy_engine_execute_async (call->engine, call->args[0], context,
                           SY_EXECUTE_MANUALLY | (no_wait ? SY_EXECUTE_NO_WAIT : 0),
                           call->cancellable, sy_cli_execution_reply_ready,
                           sy_cli_execution_reply_new (call, sy_engine_execute_finish,
                                                       g_strdup_printf (_("cannot execute “%s”"),
                                                                        call->args[0]),
                                                       no_wait ? SY_CLI_REPLY_NO_WAIT
                                                               : SY_CLI_REPLY_OUTCOME));
}

const SyCliCommand sy_cli_workflow_commands[] = {
  { "import", "FILE…", N_("Validate and store workflows (a new version when the key exists)"),
    workflow_import, TRUE },
  { "export", "KEY [--version N] [-o FILE]", N_("Write the workflow document"),
    workflow_export, TRUE },
  { "list", "", N_("List all workflows"), workflow_list, TRUE },
  { "enable", "KEY", N_("Enable the current version"), workflow_set_enabled, TRUE },
  { "disable", "KEY", N_("Disable the current version"), workflow_set_enabled, TRUE },
  { "delete", "KEY [--purge]", N_("Delete all versions (executions kept unless --purge)"),
    workflow_delete, TRUE },
  { "execute", "KEY [--context JSON|@FILE] [--no-wait]",
    N_("Run now, even if disabled; wait until it ends or waits for something"),
    workflow_execute, TRUE },
  { "validate", "FILE…", N_("Check documents without storing them"), workflow_validate, FALSE },
  { NULL }
};
