/* sy-test-collections.c — what the collections tests share */
#include "config.h"

#include "sy-test-collections.h"
#include "sy-test-engine.h"

void
sy_test_collections_set_up (SyTestCollections *fixture,
                            gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = sy_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "data.db", NULL);
  fixture->store = sy_collection_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_no_error (error);
}

void
sy_test_collections_tear_down (SyTestCollections *fixture,
                               gconstpointer      data)
{
  g_clear_object (&fixture->store);
  sy_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

void
sy_test_define (SyCollectionStore *store,
                const char        *definitions)
{
  g_autoptr(JsonNode) node = sy_test_json (definitions);
  g_autoptr(GPtrArray) collections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      {
        SyCollection *collection =
          sy_collection_new_from_json (json_array_get_element (json_node_get_array (node), i), &error);

        g_assert_no_error (error);
        g_ptr_array_add (collections, collection);
      }
  else
    {
      g_ptr_array_add (collections, sy_collection_new_from_json (node, &error));
      g_assert_no_error (error);
    }

  g_assert_true (sy_collection_store_define (store, collections, NULL, &error));
  g_assert_no_error (error);
}

gint64
sy_test_insert (SyCollectionStore *store,
                const char        *collection,
                const char        *values)
{
  g_autoptr(JsonNode) node = sy_test_json (values);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = sy_collection_store_insert (store, collection, json_node_get_object (node), &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return json_object_get_int_member (record, "id");
}

char *
sy_test_ids (JsonArray *records)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (records); i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            json_object_get_int_member (json_array_get_object_element (records, i), "id"));

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

char *
sy_test_find (SyCollectionStore *store,
              const char        *collection,
              const char        *filter,
              GError           **error)
{
  g_autoptr(JsonNode) node = filter != NULL ? sy_test_json (filter) : NULL;
  SyRecordQuery query = { .filter = node };
  g_autoptr(JsonArray) records = sy_collection_store_query (store, collection, &query, error);

  return records != NULL ? sy_test_ids (records) : NULL;
}

void
sy_test_engine_define (SyEngine   *engine,
                       const char *definitions)
{
  g_autoptr(JsonNode) node = sy_test_json (definitions);
  g_autoptr(GPtrArray) collections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_ptr_array_add (collections, sy_collection_new_from_json (json_array_get_element (array, i), &error));
      g_assert_no_error (error);
    }

  sy_engine_define_collections_async (engine, collections, NULL, sy_test_on_done, &result);
  g_assert_true (sy_engine_define_collections_finish (engine, sy_test_wait_for (&result), &error));
  g_assert_no_error (error);
}

gint64
sy_test_import_triggered (SyEngine   *engine,
                          const char *key,
                          gboolean    sync,
                          const char *trigger_type,
                          const char *trigger_config,
                          const char *nodes)
{
  g_autofree char *document = g_strdup_printf ("{\"format\": \"switchyard-workflow/1\", \"key\": \"%s\", "
                                               "\"title\": \"%s\", \"enabled\": true, \"sync\": %s, "
                                               "\"trigger\": {\"type\": \"%s\", \"config\": %s}, "
                                               "\"nodes\": %s}",
                                               key, key, sync ? "true" : "false", trigger_type, trigger_config, nodes);

  return sy_test_import (engine, document);
}

SyActionOutcome *
sy_test_run_action (SyEngine       *engine,
                    SyRecordAction *action,
                    GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sy_engine_run_action_async (engine, action, NULL, sy_test_on_done, &result);
  return sy_engine_run_action_finish (engine, sy_test_wait_for (&result), error);
}

gint64
sy_test_engine_insert (SyEngine   *engine,
                       const char *collection,
                       const char *values)
{
  g_autoptr(SyRecordAction) action = sy_record_action_new (SY_RECORD_ACTION_CREATE, collection);
  g_autoptr(JsonNode) node = sy_test_json (values);
  g_autoptr(SyActionOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  sy_record_action_set_values (action, json_node_get_object (node));
  outcome = sy_test_run_action (engine, action, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->status, ==, SY_ACTION_DONE);
  return json_object_get_int_member (outcome->record, "id");
}

JsonArray *
sy_test_engine_records (SyEngine   *engine,
                        const char *collection)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecordPage) page = NULL;

  sy_engine_query_records_async (engine, collection, NULL, NULL, sy_test_on_done, &result);
  page = sy_engine_query_records_finish (engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return json_array_ref (page->records);
}

GPtrArray *
sy_test_finished_executions (SyEngine   *engine,
                             const char *key)
{
  SyExecutionFilter filter = { .workflow_key = key };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  GPtrArray *finished = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_execution_unref);

  sy_engine_list_executions_async (engine, &filter, NULL, sy_test_on_done, &result);
  listed = sy_engine_list_executions_finish (engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);

  /* Newest first in the list; oldest first here. */
  for (guint i = listed->len; i > 0; i--)
    {
      SyExecution *execution = g_ptr_array_index (listed, i - 1);
      SyExecution *loaded = sy_test_get_execution (engine, execution->id, NULL);

      for (guint tries = 0; tries < 500 && !sy_status_is_final (loaded->status); tries++)
        {
          sy_test_sleep_ms (10);
          sy_execution_unref (loaded);
          loaded = sy_test_get_execution (engine, execution->id, NULL);
        }
      g_ptr_array_add (finished, loaded);
    }

  return finished;
}
