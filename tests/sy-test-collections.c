/* sy-test-collections.c — what the collections tests share */
#include "config.h"

#include <glib/gstdio.h>

#include "sy-test-collections.h"

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
sy_test_collections_set_up (SyTestCollections *fixture,
                            gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-collections-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "data.db", NULL);
  fixture->store = sy_collection_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_no_error (error);
}

void
sy_test_collections_tear_down (SyTestCollections *fixture,
                               gconstpointer      data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

JsonNode *
sy_test_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
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
