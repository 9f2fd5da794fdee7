/* sy-cli-collection.c — `switchyard collection …`: create, list */
#include "config.h"

#include <glib/gi18n.h>

#include "collections/sy-engine-collections.h"
#include "sy-cli-commands.h"
#include "sy-cli-output.h"

/* ── create ──────────────────────────────────────────────────────────── */

/* The definitions of a file: one object, or a list of them. */
static gboolean
read_definitions (SyCliCall  *call,
                  const char *arg,
                  GPtrArray  *collections,
                  GError    **error)
{
  g_autoptr(GFile) file = sy_cli_call_get_file (call, arg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  gsize length;
  JsonNode *root;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error) ||
      !json_parser_load_from_data (parser, contents, (gssize) length, error))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
        {
          SyCollection *collection =
            sy_collection_new_from_json (json_array_get_element (json_node_get_array (root), i), error);

          if (collection == NULL)
            return FALSE;
          g_ptr_array_add (collections, collection);
        }
      return TRUE;
    }

  {
    SyCollection *collection = sy_collection_new_from_json (root, error);

    if (collection == NULL)
      return FALSE;
    g_ptr_array_add (collections, collection);
  }

  return TRUE;
}

typedef struct
{
  SyCliCall *call;
  GPtrArray *collections;
} Define;

static void
define_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Define *define = data;
  SyCliCall *call = define->call;
  g_autoptr(GPtrArray) collections = define->collections;
  g_autoptr(GError) error = NULL;

  g_free (define);
  if (!sy_engine_define_collections_finish (SY_ENGINE (source), result, &error))
    {
      sy_cli_call_return_error (call, error, _("nothing was defined"));
      return;
    }

  if (call->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < collections->len; i++)
        {
          SyCollection *collection = g_ptr_array_index (collections, i);
          JsonObject *object = json_object_new ();
          JsonArray *fields = json_array_new ();

          for (guint f = 0; f < sy_collection_get_n_fields (collection); f++)
            json_array_add_string_element (fields, sy_collection_get_field (collection, f)->name);
          json_object_set_string_member (object, "name", sy_collection_get_name (collection));
          json_object_set_array_member (object, "fields", fields);
          json_array_add_object_element (array, object);
        }
      sy_cli_print_json (call, json_node_init_array (json_node_alloc (), array));
    }
  else
    for (guint i = 0; i < collections->len; i++)
      {
        SyCollection *collection = g_ptr_array_index (collections, i);
        guint n = sy_collection_get_n_fields (collection);

        sy_cli_print (call,
                      g_dngettext (GETTEXT_PACKAGE, "Defined %s (%u field).\n", "Defined %s (%u fields).\n", n),
                      sy_collection_get_name (collection), n);
      }

  sy_cli_call_return (call, SY_CLI_EXIT_OK);
}

static void
collection_create (SyCliCall *call)
{
  g_autoptr(GPtrArray) collections = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_invalid = 0;
  Define *define;

  if (!sy_cli_call_parse (call, NULL, 1, -1))
    return;

  /* Every file is checked before anything is defined. */
  for (guint i = 0; i < call->n_args; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!read_definitions (call, call->args[i], collections, &error))
        {
          g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);

          n_invalid++;
          sy_cli_printerr (call, "switchyard: %s: %s\n", call->args[i], lines[0]);
          for (guint l = 1; lines[l] != NULL; l++)
            if (*lines[l] != '\0')
              sy_cli_printerr (call, "  %s\n", lines[l]);
        }
    }
  if (n_invalid > 0)
    {
      sy_cli_printerr (call, _("switchyard: nothing was defined\n"));
      sy_cli_call_return (call, SY_CLI_EXIT_USAGE);
      return;
    }

  define = g_new0 (Define, 1);
  define->call = call;
  define->collections = g_steal_pointer (&collections);
  sy_engine_define_collections_async (call->engine, define->collections, call->cancellable, define_done, define);
}

/* ── list ────────────────────────────────────────────────────────────── */

static char *
describe_fields (SyCollection *collection)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < sy_collection_get_n_fields (collection); i++)
    {
      const SyCollectionField *field = sy_collection_get_field (collection, i);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s%s %s", field->name, field->required ? "*" : "",
                              sy_field_type_to_string (field->type));
      if (field->target != NULL)
        g_string_append_printf (text, " → %s", field->target);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
list_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  SyCliCall *call = data;
  g_autoptr(GPtrArray) collections = NULL;
  g_autoptr(GError) error = NULL;

  collections = sy_engine_list_collections_finish (SY_ENGINE (source), result, &error);
  if (collections == NULL)
    {
      sy_cli_call_return_error (call, error, _("cannot list collections"));
      return;
    }

  if (call->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < collections->len; i++)
        json_array_add_element (array, sy_collection_to_json (g_ptr_array_index (collections, i)));
      sy_cli_print_json (call, json_node_init_array (json_node_alloc (), array));
      json_array_unref (array);
    }
  else if (collections->len == 0)
    sy_cli_print (call, _("No collections.\n"));
  else
    {
      g_autoptr(SyCliTable) table = sy_cli_table_new (_("NAME"), _("TITLE"), _("FIELDS"), NULL);

      for (guint i = 0; i < collections->len; i++)
        {
          SyCollection *collection = g_ptr_array_index (collections, i);
          g_autofree char *fields = describe_fields (collection);

          sy_cli_table_add_row (table, sy_collection_get_name (collection), sy_collection_get_title (collection),
                                fields);
        }
      sy_cli_table_print (table, call);
    }

  sy_cli_call_return (call, SY_CLI_EXIT_OK);
}

static void
collection_list (SyCliCall *call)
{
  if (!sy_cli_call_parse (call, NULL, 0, 0))
    return;

  sy_engine_list_collections_async (call->engine, call->cancellable, list_done, call);
}

const SyCliCommand sy_cli_collection_commands[] = {
  { "create", "FILE…", N_("Define collections, or change their definitions"), collection_create, TRUE },
  { "list", "", N_("List the collections"), collection_list, TRUE },
  { NULL }
};
