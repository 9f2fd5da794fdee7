/* sy-node-query.c — reads records of a local collection
 *
 * One record (the first match, or null) or several (a page: `page` from 1,
 * `pageSize` 20 by default as NocoBase's). `sort` is a list of "field" or
 * "-field" (or {field, direction}); `appends` loads belongs-to records in
 * place of their ids. With `failOnEmpty` an empty result ends the
 * execution as failed.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nodes/sy-node-records.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"

#define DEFAULT_PAGE_SIZE 20

static const SyFieldSpec fields[] = {
  { .name = "collection", .label = N_("Collection"), .kind = SY_FIELD_TEXT, .required = TRUE },
  { .name = "multiple", .label = N_("Several records"), .kind = SY_FIELD_SWITCH,
    .description = N_("Off: the first matching record (or nothing). On: a list of them."),
    .default_json = "false" },
  { .name = "filter", .label = N_("Filter"), .kind = SY_FIELD_JSON, .language = "json",
    .description = N_("Which records, such as {\"id\": \"{{$context.data.product}}\"}. Empty: all."),
    .variables = TRUE },
  { .name = "sort", .label = N_("Sort by"), .kind = SY_FIELD_LIST,
    .description = N_("Field names; “-” before a name sorts from the highest.") },
  { .name = "page", .label = N_("Page"), .kind = SY_FIELD_INTEGER, .default_json = "1", .variables = TRUE,
    .visible_when = "multiple=true" },
  { .name = "pageSize", .label = N_("Records per page"), .kind = SY_FIELD_INTEGER, .default_json = "20",
    .variables = TRUE, .visible_when = "multiple=true" },
  { .name = "appends", .label = N_("Load related records"), .kind = SY_FIELD_LIST,
    .description = N_("Belongs-to fields whose records replace their ids.") },
  { .name = "failOnEmpty", .label = N_("Fail when nothing is found"), .kind = SY_FIELD_SWITCH,
    .default_json = "false" },
  { NULL },
};

/* "title", "-stock", or {"field": "stock", "direction": "desc"}. */
static GStrv
sort_specs (JsonObject *config,
            GError    **error)
{
  JsonNode *node = json_object_get_member (config, "sort");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return sy_records_node_strings (config, "sort", error);

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonObject *object = json_node_get_object (element);
          const char *field = sy_object_get_string (object, "field", NULL);
          gboolean descending = g_strcmp0 (sy_object_get_string (object, "direction", "asc"), "desc") == 0;

          if (field == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("sort[%u] needs a field"), i);
              return NULL;
            }
          g_autofree char *spec = g_strconcat (descending ? "-" : "", field, NULL);

          g_strv_builder_add (builder, spec);
        }
      else if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("sort[%u] must be a field name or {field, direction}"), i);
          return NULL;
        }
    }

  return g_strv_builder_end (builder);
}

static void
query_validate (SyNode       *node,
                SyValidation *validation)
{
  JsonNode *sort = sy_node_get_config_member (node, "sort");

  sy_records_node_check_collection (node, validation);
  sy_records_node_check_object (node, "filter", FALSE, validation);
  sy_records_node_check_strings (node, "appends", validation);
  sy_records_node_check_integer (node, "page", 1, G_MAXINT32, validation);
  sy_records_node_check_integer (node, "pageSize", 1, G_MAXINT32, validation);
  if (sort != NULL && !JSON_NODE_HOLDS_NULL (sort) && !JSON_NODE_HOLDS_ARRAY (sort))
    sy_validation_add (validation, "config.sort", _("must be a list of field names"));

  sy_validation_push (validation, "config");
  sy_check_boolean (sy_node_get_config (node), "multiple", validation);
  sy_check_boolean (sy_node_get_config (node), "failOnEmpty", validation);
  sy_validation_pop (validation);
}

static SyStep
query_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  g_auto(GStrv) sort = NULL;
  g_auto(GStrv) appends = NULL;
  g_autoptr(JsonArray) records = NULL;
  SyCollectionStore *store;
  gboolean multiple;
  SyRecordQuery query = { 0 };
  gint64 page, page_size;
  JsonNode *result;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  store = sy_records_node_store (run, FALSE, &error);
  sort = sort_specs (config, &error);
  appends = sort != NULL ? sy_records_node_strings (config, "appends", &error) : NULL;
  if (store == NULL || appends == NULL)
    return sy_run_error_from_gerror (run, error);

  multiple = sy_run_get_boolean (run, "multiple", FALSE);
  page = sy_run_get_int (run, "page", 1);
  page_size = sy_run_get_int (run, "pageSize", DEFAULT_PAGE_SIZE);
  if (page < 1 || page_size < 1 || page > G_MAXINT32 || page_size > G_MAXINT32)
    return sy_run_error (run, _("page and pageSize must be whole numbers from 1"));

  query.filter = json_object_get_member (config, "filter");
  query.sort = (const char * const *) sort;
  query.appends = (const char * const *) appends;
  query.page = multiple ? (guint) page : 1;
  query.page_size = multiple ? (guint) page_size : 1;

  records = sy_collection_store_query (store, sy_run_get_string (run, "collection", NULL), &query, &error);
  if (records == NULL)
    return sy_run_error_from_gerror (run, error);

  if (multiple)
    result = json_node_init_array (json_node_alloc (), records);
  else if (json_array_get_length (records) > 0)
    result = json_node_copy (json_array_get_element (records, 0));
  else
    result = json_node_new (JSON_NODE_NULL);

  if (json_array_get_length (records) == 0 && sy_run_get_boolean (run, "failOnEmpty", FALSE))
    return sy_run_finish (run, SY_STATUS_FAILED, result);

  return sy_run_resolve (run, result);
}

static const SyNodeKind kind = {
  .type = "query",
  .title = N_("Query records"),
  .description = N_("Read records of a collection"),
  .category = "data",
  .icon_name = "system-search-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = query_validate,
  .run = query_run,
};

const SyNodeKind *
sy_node_query_get_kind (void)
{
  return &kind;
}
