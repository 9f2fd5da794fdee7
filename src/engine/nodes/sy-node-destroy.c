/* sy-node-destroy.c — deletes records of a local collection
 *
 * In one batch, as NocoBase's node does: no collection events. Optional
 * belongs-to fields pointing to a deleted record become empty; a required
 * one stops the deletion with an error. The result is how many records
 * went. A filter is required.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nodes/sy-node-records.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const SyFieldSpec fields[] = {
  { .name = "collection", .label = N_("Collection"), .kind = SY_FIELD_TEXT, .required = TRUE },
  { .name = "filter", .label = N_("Filter"), .kind = SY_FIELD_JSON, .language = "json",
    .description = N_("Which records, such as {\"status\": \"rejected\"}."),
    .required = TRUE, .variables = TRUE },
  { NULL },
};

static void
destroy_validate (SyNode       *node,
                  SyValidation *validation)
{
  sy_records_node_check_collection (node, validation);
  sy_records_node_check_object (node, "filter", TRUE, validation);
}

static SyStep
destroy_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  SyCollectionStore *store;
  const char *collection;
  JsonNode *filter;
  JsonNode *result;
  gint64 deleted;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  collection = sy_run_get_string (run, "collection", NULL);
  filter = json_object_get_member (config, "filter");
  if (filter == NULL || !JSON_NODE_HOLDS_OBJECT (filter) || json_object_get_size (json_node_get_object (filter)) == 0)
    return sy_run_error (run, _("a deletion needs a filter"));

  store = sy_records_node_store (run, TRUE, &error);
  if (store == NULL)
    return sy_run_error_from_gerror (run, error);

  deleted = sy_collection_store_delete_where (store, collection, filter, &error);
  if (deleted < 0)
    return sy_run_error_from_gerror (run, error);
  if (deleted > 0)
    sy_records_node_changed (run, collection, SY_RECORD_DESTROYED, NULL, NULL);

  result = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (result, deleted);
  return sy_run_resolve (run, result);
}

static const SyNodeKind kind = {
  .type = "destroy",
  .title = N_("Delete records"),
  .description = N_("Delete records of a collection"),
  .category = "data",
  .icon_name = "user-trash-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = destroy_validate,
  .run = destroy_run,
};

const SyNodeKind *
sy_node_destroy_get_kind (void)
{
  return &kind;
}
