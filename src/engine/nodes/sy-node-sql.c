/* sy-node-sql.c — one SQL statement on the collections database
 *
 * The statement's text is taken as written: placeholders are refused in it,
 * never spliced. Values go in as `variables` ({name, value} rows, the
 * values with placeholders) bound to `:name` parameters. Statements that
 * change tables or transactions are refused, as are writes to Switchyard's
 * own tables; writes made here are no collection events (as in NocoBase).
 * The result is the rows, or with `withMeta` [rows, {changes,
 * lastInsertRowid}].
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nodes/sy-node-records.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const SyFieldSpec fields[] = {
  { .name = "sql", .label = N_("SQL"), .kind = SY_FIELD_CODE, .language = "sql", .required = TRUE,
    .description = N_("One statement; write :name where a variable’s value goes, such as "
                      "UPDATE products SET stock = stock - :qty WHERE id = :id.") },
  { .name = "variables", .label = N_("Variables"), .kind = SY_FIELD_KEY_VALUES, .default_json = "[]",
    .description = N_("Values for the :name parameters."), .variables = TRUE },
  { .name = "withMeta", .label = N_("Include how many rows changed"), .kind = SY_FIELD_SWITCH,
    .default_json = "false" },
  { NULL },
};

static gboolean
is_parameter_name (const char *name)
{
  if (name == NULL || !(g_ascii_isalpha (name[0]) || name[0] == '_'))
    return FALSE;

  for (const char *p = name + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

/* {name: value} from the {name, value} rows; NULL with the reason. */
static JsonObject *
collect_variables (JsonNode  *rows,
                   char     **problem)
{
  g_autoptr(JsonObject) variables = json_object_new ();

  if (rows == NULL || JSON_NODE_HOLDS_NULL (rows))
    return g_steal_pointer (&variables);
  if (!JSON_NODE_HOLDS_ARRAY (rows))
    {
      *problem = g_strdup (_("must be a list of {name, value}"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (rows)); i++)
    {
      JsonNode *row = json_array_get_element (json_node_get_array (rows), i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (row) ? json_node_get_object (row) : NULL;
      const char *name = object != NULL ? sy_object_get_string (object, "name", NULL) : NULL;
      JsonNode *value = object != NULL ? json_object_get_member (object, "value") : NULL;

      if (!is_parameter_name (name))
        {
          *problem = g_strdup_printf (_("[%u] needs a name of letters, digits and “_”"), i);
          return NULL;
        }
      json_object_set_member (variables, name, value != NULL ? json_node_copy (value) : json_node_new (JSON_NODE_NULL));
    }

  return g_steal_pointer (&variables);
}

static void
sql_validate (SyNode       *node,
              SyValidation *validation)
{
  const char *sql = sy_node_config_string (node, "sql", NULL);
  g_autoptr(JsonObject) variables = NULL;
  g_autofree char *problem = NULL;

  if (sql == NULL || *sql == '\0')
    sy_validation_add (validation, "config.sql", _("required"));
  else if (strstr (sql, "{{") != NULL)
    sy_validation_add (validation, "config.sql",
                       _("placeholders are not put into SQL; add a variable and write :name instead"));

  variables = collect_variables (sy_node_get_config_member (node, "variables"), &problem);
  if (variables == NULL)
    sy_validation_add (validation, "config.variables", "%s", problem);

  sy_validation_push (validation, "config");
  sy_check_boolean (sy_node_get_config (node), "withMeta", validation);
  sy_validation_pop (validation);
}

static SyStep
sql_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  /* The text as written, never the resolved one. */
  const char *sql = sy_node_config_string (sy_run_get_node (run), "sql", NULL);
  g_autoptr(JsonObject) variables = NULL;
  g_autofree char *problem = NULL;
  SyCollectionStore *store;
  gboolean wrote = FALSE;
  JsonNode *rows;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);
  if (sql == NULL || strstr (sql, "{{") != NULL)
    return sy_run_error (run, _("the SQL must be plain text; put values in variables and write :name"));

  variables = collect_variables (json_object_get_member (config, "variables"), &problem);
  if (variables == NULL)
    return sy_run_error (run, _("variables %s"), problem);

  store = sy_records_node_store (run, TRUE, &error);
  if (store == NULL)
    return sy_run_error_from_gerror (run, error);

  rows = sy_collection_store_run_sql (store, sql, variables, sy_run_get_boolean (run, "withMeta", FALSE), &wrote,
                                      &error);
  if (rows == NULL)
    return sy_run_error_from_gerror (run, error);

  /* Which collection a statement wrote is unknown: every one may have changed. */
  if (wrote)
  {
    SyCollectionStore *reader = sy_records_node_store (run, FALSE, NULL);
    g_autoptr(GPtrArray) collections = sy_collection_store_list_collections (reader, NULL);

    for (guint i = 0; collections != NULL && i < collections->len; i++)
      sy_records_node_changed (run, sy_collection_get_name (g_ptr_array_index (collections, i)), 0, NULL, NULL);
  }

  return sy_run_resolve (run, rows);
}

static const SyNodeKind kind = {
  .type = "sql",
  .title = N_("SQL"),
  .description = N_("Run one SQL statement on the collections"),
  .category = "data",
  .icon_name = "utilities-terminal-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = sql_validate,
  .run = sql_run,
};

const SyNodeKind *
sy_node_sql_get_kind (void)
{
  return &kind;
}
