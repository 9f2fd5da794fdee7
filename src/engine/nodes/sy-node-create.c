/* sy-node-create.c — adds a record to a local collection
 *
 * The values are checked as a form's would be (a wrong value is an error
 * naming the field). The result is the record as stored, with `appends`
 * loaded. The creation is a collection event like any other: `collection`
 * workflows start for it, in this execution's chain.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nodes/sy-node-records.h"
#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const SyFieldSpec fields[] = {
  { .name = "collection", .label = N_("Collection"), .kind = SY_FIELD_TEXT, .required = TRUE },
  { .name = "values", .label = N_("Values"), .kind = SY_FIELD_JSON, .language = "json",
    .description = N_("Field values, such as {\"product\": \"{{$context.data.product}}\", \"qty\": 1}."),
    .default_json = "{}", .variables = TRUE },
  { .name = "appends", .label = N_("Load related records"), .kind = SY_FIELD_LIST,
    .description = N_("Belongs-to fields whose records replace their ids in the result.") },
  { NULL },
};

static void
create_validate (SyNode       *node,
                 SyValidation *validation)
{
  sy_records_node_check_collection (node, validation);
  sy_records_node_check_object (node, "values", FALSE, validation);
  sy_records_node_check_strings (node, "appends", validation);
}

static SyStep
create_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  JsonNode *values;
  g_auto(GStrv) appends = NULL;
  g_autoptr(JsonObject) record = NULL;
  SyCollectionStore *store;
  const char *collection;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  collection = sy_run_get_string (run, "collection", NULL);
  values = json_object_get_member (config, "values");
  if (values != NULL && !JSON_NODE_HOLDS_OBJECT (values) && !JSON_NODE_HOLDS_NULL (values))
    return sy_run_error (run, _("values must be an object of field values"));

  appends = sy_records_node_strings (config, "appends", &error);
  store = appends != NULL ? sy_records_node_store (run, TRUE, &error) : NULL;
  if (store == NULL)
    return sy_run_error_from_gerror (run, error);

  record = sy_collection_store_insert (store, collection,
                                       values != NULL && JSON_NODE_HOLDS_OBJECT (values) ? json_node_get_object (values)
                                                                                         : NULL,
                                       &error);
  if (record == NULL)
    return sy_run_error_from_gerror (run, error);

  sy_records_node_changed (run, collection, SY_RECORD_CREATED, record, NULL);

  if (appends[0] != NULL)
    {
      g_autoptr(JsonArray) one = json_array_new ();

      json_array_add_object_element (one, json_object_ref (record));
      if (!sy_collection_store_load_appends (store, collection, one, (const char * const *) appends, &error))
        return sy_run_error_from_gerror (run, error);
    }

  return sy_run_resolve (run, sy_json_node_take_object (g_steal_pointer (&record)));
}

static const SyNodeKind kind = {
  .type = "create",
  .title = N_("Create record"),
  .description = N_("Add a record to a collection"),
  .category = "data",
  .icon_name = "list-add-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = create_validate,
  .run = create_run,
};

const SyNodeKind *
sy_node_create_get_kind (void)
{
  return &kind;
}
