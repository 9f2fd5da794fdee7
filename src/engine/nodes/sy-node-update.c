/* sy-node-update.c — changes records of a local collection
 *
 * "In a batch" (the default) is one statement for every matching record:
 * fast, and no collection events. "One by one" (`individualHooks`) updates
 * each record on its own and each is a collection event, as NocoBase's
 * modes are. The result is how many records changed. A filter is required:
 * changing every record is asked for with a filter that says so.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nodes/sy-node-records.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const SyFieldSpec fields[] = {
  { .name = "collection", .label = N_("Collection"), .kind = SY_FIELD_TEXT, .required = TRUE },
  { .name = "filter", .label = N_("Filter"), .kind = SY_FIELD_JSON, .language = "json",
    .description = N_("Which records, such as {\"id\": \"{{$context.data.id}}\"}."),
    .required = TRUE, .variables = TRUE },
  { .name = "values", .label = N_("Values"), .kind = SY_FIELD_JSON, .language = "json",
    .description = N_("The fields to change and their new values."),
    .default_json = "{}", .required = TRUE, .variables = TRUE },
  { .name = "individualHooks", .label = N_("One by one"), .kind = SY_FIELD_SWITCH,
    .description = N_("Each record on its own, starting its collection workflows. Off: in one batch, "
                      "without collection events."),
    .default_json = "false" },
  { NULL },
};

static void
update_validate (SyNode       *node,
                 SyValidation *validation)
{
  sy_records_node_check_collection (node, validation);
  sy_records_node_check_object (node, "filter", TRUE, validation);
  sy_records_node_check_object (node, "values", TRUE, validation);
  sy_validation_push (validation, "config");
  sy_check_boolean (sy_node_get_config (node), "individualHooks", validation);
  sy_validation_pop (validation);
}

/* Each matching record on its own, each one an event. */
static gint64
update_one_by_one (SyRun             *run,
                   SyCollectionStore *store,
                   const char        *collection,
                   JsonNode          *filter,
                   JsonObject        *values,
                   GError           **error)
{
  SyRecordQuery query = { .filter = filter };
  g_autoptr(JsonArray) matching = sy_collection_store_query (store, collection, &query, error);

  if (matching == NULL)
    return -1;

  for (guint i = 0; i < json_array_get_length (matching); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (matching, i), "id");
      g_autoptr(JsonObject) before = NULL;
      g_autoptr(JsonObject) after = sy_collection_store_update (store, collection, id, values, &before, error);

      if (after == NULL)
        return -1;
      sy_records_node_changed (run, collection, SY_RECORD_UPDATED, after, before);
    }

  return json_array_get_length (matching);
}

static SyStep
update_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  JsonNode *filter, *values;
  SyCollectionStore *store;
  const char *collection;
  gint64 changed;
  JsonNode *result;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  collection = sy_run_get_string (run, "collection", NULL);
  filter = json_object_get_member (config, "filter");
  values = json_object_get_member (config, "values");
  if (filter == NULL || !JSON_NODE_HOLDS_OBJECT (filter) || json_object_get_size (json_node_get_object (filter)) == 0)
    return sy_run_error (run, _("an update needs a filter"));
  if (values == NULL || !JSON_NODE_HOLDS_OBJECT (values))
    return sy_run_error (run, _("values must be an object of field values"));

  store = sy_records_node_store (run, TRUE, &error);
  if (store == NULL)
    return sy_run_error_from_gerror (run, error);

  if (sy_run_get_boolean (run, "individualHooks", FALSE))
    changed = update_one_by_one (run, store, collection, filter, json_node_get_object (values), &error);
  else
    {
      changed = sy_collection_store_update_where (store, collection, filter, json_node_get_object (values), &error);
      if (changed > 0)
        sy_records_node_changed (run, collection, SY_RECORD_UPDATED, NULL, NULL);
    }
  if (changed < 0)
    return sy_run_error_from_gerror (run, error);

  result = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (result, changed);
  return sy_run_resolve (run, result);
}

static const SyNodeKind kind = {
  .type = "update",
  .title = N_("Update records"),
  .description = N_("Change records of a collection"),
  .category = "data",
  .icon_name = "document-edit-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = update_validate,
  .run = update_run,
};

const SyNodeKind *
sy_node_update_get_kind (void)
{
  return &kind;
}
