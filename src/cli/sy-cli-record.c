/* sy-cli-record.c — `switchyard record …`: list, get, create, update, delete, trigger
 *
 * Reads go through the engine's query API; writes are the same actions as
 * the data view's buttons, so bound and global workflows run exactly as
 * they would there (collections.md).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collections/sy-engine-collections.h"
#include "sy-cli-commands.h"
#include "sy-cli-output.h"

#define CELL_MAX_CHARS 40

static gboolean
parse_record_id (SyCliCall  *call,
                 const char *text,
                 gint64     *id)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      sy_cli_call_return_error (call, NULL, _("“%s” is not a record id"), text);
      return FALSE;
    }

  *id = (gint64) value;
  return TRUE;
}

/* "a,b" → {"a", "b", NULL}; NULL gives NULL. */
static GStrv
split_list (const char *text)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (builder, parts[i]);

  return g_strv_builder_end (builder);
}

/* A JSON option that must hold an object (or, for --filter, anything the
 * filter compiler then judges). */
static JsonNode *
parse_json_option (SyCliCall  *call,
                   const char *option,
                   const char *text,
                   gboolean    object)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  if (node == NULL || (object && !JSON_NODE_HOLDS_OBJECT (node)))
    {
      sy_cli_call_return_error (call, NULL, _("%s must be a JSON object: %s"), option,
                                error != NULL ? error->message : _("not an object"));
      return NULL;
    }

  return g_steal_pointer (&node);
}

/* A value for a table cell: text as it is, other values as short JSON. */
static char *
format_cell (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (value);

      if (g_utf8_strlen (text, -1) <= CELL_MAX_CHARS)
        return g_strdup (text);
      return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (text, CELL_MAX_CHARS - 1) - text), text);
    }
  if (JSON_NODE_HOLDS_OBJECT (value) && json_object_has_member (json_node_get_object (value), "id"))
    {
      /* An appended record: its id and what names it. */
      JsonObject *record = json_node_get_object (value);
      g_autoptr(GList) members = json_object_get_members (record);
      const char *name = members != NULL && members->next != NULL ? members->next->data : NULL;
      g_autofree char *label = name != NULL ? format_cell (json_object_get_member (record, name)) : g_strdup ("");

      return g_strdup_printf ("%" G_GINT64_FORMAT " (%s)", json_object_get_int_member (record, "id"), label);
    }

  return sy_cli_format_json_short (value, CELL_MAX_CHARS);
}

static void
print_record (SyCliCall  *call,
              JsonObject *record)
{
  g_autoptr(SyCliTable) table = sy_cli_table_new_plain (2);
  g_autoptr(GList) members = json_object_get_members (record);

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *label = g_strconcat (l->data, ":", NULL);
      JsonNode *value = json_object_get_member (record, l->data);
      g_autofree char *text = NULL;

      if (g_str_equal (l->data, "created_at") || g_str_equal (l->data, "updated_at"))
        {
          g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (json_node_get_string (value), NULL);

          text = time != NULL ? sy_cli_format_local_time (g_date_time_to_unix (time) * 1000) : format_cell (value);
        }
      else if (JSON_NODE_HOLDS_VALUE (value) || JSON_NODE_HOLDS_NULL (value) ||
               (JSON_NODE_HOLDS_OBJECT (value) && json_object_has_member (json_node_get_object (value), "id")))
        text = format_cell (value);
      else
        text = json_to_string (value, FALSE);
      sy_cli_table_add_row (table, label, text);
    }
  sy_cli_table_print (table, call);
}

/* ── list ────────────────────────────────────────────────────────────── */

typedef struct
{
  SyCliCall *call;
  guint      page;
  guint      page_size;
} ListState;

static void
list_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  ListState *state = data;
  SyCliCall *call = state->call;
  g_autoptr(SyRecordPage) page = NULL;
  g_autoptr(GError) error = NULL;
  guint shown;

  page = sy_engine_query_records_finish (SY_ENGINE (source), result, &error);
  if (page == NULL)
    {
      g_free (state);
      sy_cli_call_return_error (call, error, _("cannot list records of %s"), call->args[0]);
      return;
    }

  shown = json_array_get_length (page->records);
  if (call->json)
    sy_cli_print_json (call, json_node_init_array (json_node_alloc (), page->records));
  else if (page->total == 0)
    sy_cli_print (call, _("No records.\n"));
  else
    {
      JsonObject *first = shown > 0 ? json_array_get_object_element (page->records, 0) : NULL;
      g_autoptr(GList) columns = first != NULL ? json_object_get_members (first) : NULL;
      g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(SyCliTable) table = NULL;

      /* The times make rows long and say little here: `record get` has them. */
      for (GList *l = columns; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "created_at") && !g_str_equal (l->data, "updated_at"))
          g_ptr_array_add (headers, g_ascii_strup (l->data, -1));
      g_ptr_array_add (headers, NULL);
      table = sy_cli_table_new_strv ((const char * const *) headers->pdata);

      for (guint i = 0; i < shown; i++)
        {
          JsonObject *record = json_array_get_object_element (page->records, i);
          g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

          for (GList *l = columns; l != NULL; l = l->next)
            if (!g_str_equal (l->data, "created_at") && !g_str_equal (l->data, "updated_at"))
              g_ptr_array_add (cells, format_cell (json_object_get_member (record, l->data)));
          g_ptr_array_add (cells, NULL);
          sy_cli_table_add_strv (table, (const char * const *) cells->pdata);
        }
      if (shown > 0)
        sy_cli_table_print (table, call);

      if ((gint64) shown < page->total)
        {
          g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, page->total);

          sy_cli_print (call, _("%u of %s records (page %u); see --page and --page-size.\n"), shown, total,
                        MAX (state->page, 1));
        }
    }

  g_free (state);
  sy_cli_call_return (call, SY_CLI_EXIT_OK);
}

static void
record_list (SyCliCall *call)
{
  g_autofree char *filter_text = NULL;
  g_autofree char *sort_text = NULL;
  g_autofree char *appends_text = NULL;
  g_autoptr(JsonNode) filter = NULL;
  g_auto(GStrv) sort = NULL;
  g_auto(GStrv) appends = NULL;
  /* G_MININT: not given (an explicit 0 is refused). */
  int page = G_MININT, page_size = G_MININT;
  SyRecordQuery query = { 0 };
  ListState *state;
  const GOptionEntry entries[] = {
    { "filter", 0, 0, G_OPTION_ARG_STRING, &filter_text, N_("Only records matching a NocoBase JSON filter"), N_("JSON") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_text, N_("Order by fields; “-” before one reverses it"), N_("F,-F") },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, N_("Page number, from 1"), N_("N") },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, N_("Records per page (20 when --page is given)"), N_("N") },
    { "appends", 0, 0, G_OPTION_ARG_STRING, &appends_text, N_("Load these belongs-to records"), N_("A,B") },
    { NULL }
  };

  if (!sy_cli_call_parse (call, entries, 1, 1))
    return;

  if ((page != G_MININT && page < 1) || (page_size != G_MININT && page_size < 1))
    {
      sy_cli_call_return_error (call, NULL, _("--page and --page-size count from 1"));
      return;
    }
  page = MAX (page, 0);
  page_size = MAX (page_size, 0);
  if (filter_text != NULL && (filter = parse_json_option (call, "--filter", filter_text, FALSE)) == NULL)
    return;

  sort = split_list (sort_text);
  appends = split_list (appends_text);
  query.filter = filter;
  query.sort = (const char * const *) sort;
  query.appends = (const char * const *) appends;
  query.page = (guint) page;
  query.page_size = page_size > 0 ? (guint) page_size : page > 0 ? 20 : 0;

  state = g_new0 (ListState, 1);
  state->call = call;
  state->page = query.page;
  state->page_size = query.page_size;
  sy_engine_query_records_async (call->engine, call->args[0], &query, call->cancellable, list_done, state);
}

/* ── get ─────────────────────────────────────────────────────────────── */

static void
get_done (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  SyCliCall *call = data;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;

  record = sy_engine_get_record_finish (SY_ENGINE (source), result, &error);
  if (record == NULL)
    {
      sy_cli_call_return_error (call, error, _("cannot read record %s of %s"), call->args[1], call->args[0]);
      return;
    }

  if (call->json)
    sy_cli_print_json (call, json_node_init_object (json_node_alloc (), record));
  else
    print_record (call, record);

  sy_cli_call_return (call, SY_CLI_EXIT_OK);
}

static void
record_get (SyCliCall *call)
{
  g_autofree char *appends_text = NULL;
  g_auto(GStrv) appends = NULL;
  gint64 id;
  const GOptionEntry entries[] = {
    { "appends", 0, 0, G_OPTION_ARG_STRING, &appends_text, N_("Load these belongs-to records"), N_("A,B") },
    { NULL }
  };

  if (!sy_cli_call_parse (call, entries, 2, 2) || !parse_record_id (call, call->args[1], &id))
    return;

  appends = split_list (appends_text);
  sy_engine_get_record_async (call->engine, call->args[0], id, (const char * const *) appends, call->cancellable,
                              get_done, call);
}

/* ── create, update, delete, trigger: the actions ───────────────────── */

typedef struct
{
  SyCliCall         *call;
  SyRecordActionKind kind;
} ActionState;

static void
print_messages (SyCliCall       *call,
                SyActionOutcome *outcome,
                gboolean         to_stderr)
{
  for (guint i = 0; i < outcome->messages->len; i++)
    {
      const char *message = g_ptr_array_index (outcome->messages, i);

      if (to_stderr)
        sy_cli_printerr (call, "%s\n", message);
      else
        sy_cli_print (call, "%s\n", message);
    }
}

static void
print_outcome (SyCliCall         *call,
               SyRecordActionKind kind,
               SyActionOutcome   *outcome)
{
  const char *collection = call->n_args > 0 ? call->args[0] : NULL;
  g_autofree char *id = NULL;

  if (outcome->status == SY_ACTION_STOPPED)
    {
      sy_cli_print (call, _("Nothing was written: a workflow stopped the action.\n"));
      return;
    }

  switch (kind)
    {
    case SY_RECORD_ACTION_CREATE:
    case SY_RECORD_ACTION_UPDATE:
      id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (outcome->record, "id"));
      sy_cli_print (call, kind == SY_RECORD_ACTION_CREATE ? _("Created record %s of %s.\n")
                                                          : _("Updated record %s of %s.\n"),
                    id, collection);
      print_record (call, outcome->record);
      break;

    case SY_RECORD_ACTION_DELETE:
      id = g_strdup_printf ("%" G_GINT64_FORMAT, outcome->deleted);
      sy_cli_print (call, _("Deleted record %s of %s.\n"), id, collection);
      break;

    case SY_RECORD_ACTION_TRIGGER:
    default:
      for (guint i = 0; i < outcome->executions->len; i++)
        {
          g_autofree char *execution = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                        g_array_index (outcome->executions, gint64, i));

          sy_cli_print (call, _("Started execution %s.\n"), execution);
        }
      break;
    }
}

static void
action_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  ActionState *state = data;
  SyCliCall *call = state->call;
  SyRecordActionKind kind = state->kind;
  g_autoptr(SyActionOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  gboolean refused;

  g_free (state);
  outcome = sy_engine_run_action_finish (SY_ENGINE (source), result, &error);
  if (outcome == NULL)
    {
      sy_cli_call_return_error (call, error, _("nothing was done"));
      return;
    }

  /* Refused: the texts go to stderr, one a line, and nothing was written. */
  refused = outcome->status == SY_ACTION_REFUSED;
  if (call->json)
    sy_cli_print_json (call, sy_action_outcome_to_json (outcome, kind));
  else if (!refused)
    print_outcome (call, kind, outcome);
  if (refused || !call->json)
    print_messages (call, outcome, refused);

  sy_cli_call_return (call, refused ? SY_CLI_EXIT_FAILED : SY_CLI_EXIT_OK);
}

/* The options every action takes; `n_ids` positional ids follow the
 * collection (-1: any number, the collection optional). */
static void
run_action (SyCliCall         *call,
            SyRecordActionKind kind,
            int                min_args,
            int                max_args,
            gboolean           takes_values)
{
  g_autofree char *values_text = NULL;
  g_autofree char *bindings = NULL;
  g_autoptr(SyRecordAction) action = NULL;
  g_autoptr(GError) error = NULL;
  ActionState *state;
  const GOptionEntry value_entries[] = {
    { "values", 0, 0, G_OPTION_ARG_STRING, &values_text, N_("Field values as a JSON object"), N_("JSON") },
    { "trigger-workflows", 0, 0, G_OPTION_ARG_STRING, &bindings,
      N_("Bound workflows in order; KEY!ASSOC passes a belongs-to record"), N_("K[!ASSOC],…") },
    { NULL }
  };

  if (!sy_cli_call_parse (call, takes_values ? value_entries : value_entries + 1, min_args, max_args))
    return;

  action = sy_record_action_new (kind, call->n_args > 0 ? call->args[0] : NULL);
  for (guint i = 1; i < call->n_args; i++)
    {
      gint64 id;

      if (!parse_record_id (call, call->args[i], &id))
        return;
      sy_record_action_add_id (action, id);
    }

  if (values_text != NULL)
    {
      g_autoptr(JsonNode) values = parse_json_option (call, "--values", values_text, TRUE);

      if (values == NULL)
        return;
      sy_record_action_set_values (action, json_node_get_object (values));
    }
  else if (kind == SY_RECORD_ACTION_CREATE || kind == SY_RECORD_ACTION_UPDATE)
    {
      sy_cli_call_return_error (call, NULL, _("--values is required: the record’s fields as a JSON object"));
      return;
    }

  if (bindings != NULL && !sy_record_action_parse_bindings (action, bindings, &error))
    {
      sy_cli_call_return_error (call, error, _("invalid --trigger-workflows"));
      return;
    }
  if (kind == SY_RECORD_ACTION_TRIGGER && bindings == NULL)
    {
      sy_cli_call_return_error (call, NULL, _("--trigger-workflows is required: the custom-action workflows to run"));
      return;
    }

  state = g_new0 (ActionState, 1);
  state->call = call;
  state->kind = kind;
  sy_engine_run_action_async (call->engine, action, call->cancellable, action_done, state);
}

static void
record_create (SyCliCall *call)
{
  run_action (call, SY_RECORD_ACTION_CREATE, 1, 1, TRUE);
}

static void
record_update (SyCliCall *call)
{
  run_action (call, SY_RECORD_ACTION_UPDATE, 2, 2, TRUE);
}

static void
record_delete (SyCliCall *call)
{
  run_action (call, SY_RECORD_ACTION_DELETE, 2, 2, FALSE);
}

static void
record_trigger (SyCliCall *call)
{
  run_action (call, SY_RECORD_ACTION_TRIGGER, 0, -1, TRUE);
}

const SyCliCommand sy_cli_record_commands[] = {
  { "list", "COLL [--filter JSON] [--sort F|-F] [--page N] [--page-size N] [--appends A,B]",
    N_("List records of a collection"), record_list, TRUE },
  { "get", "COLL ID [--appends A]", N_("Show one record"), record_get, TRUE },
  { "create", "COLL --values JSON [--trigger-workflows K[!ASSOC],…]",
    N_("Create a record, as a form’s Submit does"), record_create, TRUE },
  { "update", "COLL ID --values JSON [--trigger-workflows …]",
    N_("Change a record, as Save or Update record does"), record_update, TRUE },
  { "delete", "COLL ID [--trigger-workflows …]", N_("Delete a record, as Delete does"), record_delete, TRUE },
  { "trigger", "[COLL [ID…]] --trigger-workflows K,… [--values JSON]",
    N_("Run custom-action workflows, as a “Trigger workflow” button does"), record_trigger, TRUE },
  { NULL }
};
