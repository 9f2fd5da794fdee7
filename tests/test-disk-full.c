/* test-disk-full.c — the stores on a full disk: a specific error, nothing
 * saved before lost, and everything works again once there is room
 *
 * The disk is simulated by sy-test-disk (a SQLite VFS that refuses to let
 * files grow past a given room), so that the failures are deterministic.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "collections/sy-collection-store.h"
#include "sy-store.h"
#include "sy-test-collections.h"
#include "sy-test-disk.h"

/* Large enough that saving it always needs the files to grow. */
#define BIG_TEXT_LENGTH (256 * 1024)

typedef struct
{
  char    *dir;
  char    *path;
  SyStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sy_test_disk_set_room (-1);
  fixture->dir = sy_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "switchyard.db", NULL);
  fixture->store = sy_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  sy_test_disk_set_room (-1);
  g_clear_object (&fixture->store);
  sy_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static char *
big_text (void)
{
  char *text = g_malloc (BIG_TEXT_LENGTH + 1);

  /* Not one repeated byte: nothing on the way may shrink it. */
  for (guint i = 0; i < BIG_TEXT_LENGTH; i++)
    text[i] = 'a' + (char) g_test_rand_int_range (0, 26);
  text[BIG_TEXT_LENGTH] = '\0';

  return text;
}

static SyWorkflow *
stored_workflow (SyStore    *store,
                 const char *key)
{
  g_autoptr(SyWorkflow) workflow = sy_workflow_new (key, "Saved before", "webhook");
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_store_add_version (store, workflow, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&workflow);
}

static void
assert_full_error (const GError *error,
                   const char   *path)
{
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "the disk is full"));
  g_assert_nonnull (strstr (error->message, path));
}

/* ── switchyard.db ─────────────────────────────────────────────────────── */

static void
test_store_add_version (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SyWorkflow) saved = stored_workflow (fixture->store, "kept");
  g_autoptr(SyWorkflow) big = sy_workflow_new ("kept", "Too big", "webhook");
  g_autofree char *text = big_text ();
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(GError) error = NULL;

  sy_workflow_set_description (big, text);
  sy_test_disk_set_room (0);
  g_assert_false (sy_store_add_version (fixture->store, big, &error));
  assert_full_error (error, fixture->path);
  g_assert_cmpint (sy_workflow_get_version_id (big), ==, 0);
  g_assert_cmpuint (sy_test_disk_get_refusals (), >, 0);
  g_assert_false (sy_store_in_transaction (fixture->store));
  g_clear_error (&error);

  /* The version saved before is still the current one, readable. */
  row = sy_store_get_version (fixture->store, "kept", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (row->version, ==, 1);
  g_assert_cmpstr (row->title, ==, "Saved before");
  g_clear_pointer (&row, sy_version_row_free);

  /* Room again: the same save works on the same connection. */
  sy_test_disk_set_room (-1);
  g_assert_true (sy_store_add_version (fixture->store, big, &error));
  g_assert_no_error (error);
  row = sy_store_get_version (fixture->store, "kept", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row->title, ==, "Too big");
}

static void
test_store_transaction (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SyWorkflow) saved = stored_workflow (fixture->store, "kept");
  g_autoptr(SyWorkflow) big = sy_workflow_new ("other", "Too big", "webhook");
  g_autofree char *text = big_text ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  /* As the engine's pump does: several writes, one commit at the end. */
  sy_workflow_set_description (big, text);
  sy_test_disk_set_room (0);
  g_assert_true (sy_store_begin (fixture->store, &error));
  g_assert_no_error (error);
  if (sy_store_add_version (fixture->store, big, &error))
    g_assert_false (sy_store_commit (fixture->store, &error));
  assert_full_error (error, fixture->path);
  sy_store_rollback (fixture->store);
  g_assert_false (sy_store_in_transaction (fixture->store));
  g_clear_error (&error);

  listed = sy_store_list_workflows (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (((SyVersionRow *) g_ptr_array_index (listed, 0))->key, ==, "kept");
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* Nothing half-written survives a restart either. */
  sy_test_disk_set_room (-1);
  g_clear_object (&fixture->store);
  fixture->store = sy_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_no_error (error);
  listed = sy_store_list_workflows (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
}

/* A full disk can refuse the very first write of a connection: opening. */
static void
test_store_open (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SyWorkflow) saved = stored_workflow (fixture->store, "kept");
  g_autoptr(SyStore) reader = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);

  sy_test_disk_set_room (0);
  fixture->store = sy_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_null (fixture->store);
  assert_full_error (error, fixture->path);
  g_clear_error (&error);

  sy_test_disk_set_room (-1);
  fixture->store = sy_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_no_error (error);
  row = sy_store_get_version (fixture->store, "kept", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row->title, ==, "Saved before");
}

/* ── data.db ───────────────────────────────────────────────────────────── */

#define NOTES \
  "{\"format\": \"switchyard-collection/1\", \"name\": \"notes\"," \
  " \"fields\": [{\"name\": \"body\", \"type\": \"text\"}]}"

static JsonObject *
note_values (const char *body)
{
  JsonObject *values = json_object_new ();

  json_object_set_string_member (values, "body", body);
  return values;
}

static void
collections_set_up (SyTestCollections *fixture,
                    gconstpointer      data)
{
  sy_test_disk_set_room (-1);
  sy_test_collections_set_up (fixture, data);
}

static void
collections_tear_down (SyTestCollections *fixture,
                       gconstpointer      data)
{
  sy_test_disk_set_room (-1);
  sy_test_collections_tear_down (fixture, data);
}

static void
test_collections_insert (SyTestCollections *fixture,
                         gconstpointer      data)
{
  g_autofree char *text = big_text ();
  g_autoptr(JsonObject) values = note_values (text);
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  gint64 kept;

  sy_test_define (fixture->store, NOTES);
  kept = sy_test_insert (fixture->store, "notes", "{\"body\": \"saved before\"}");

  sy_test_disk_set_room (0);
  record = sy_collection_store_insert (fixture->store, "notes", values, &error);
  g_assert_null (record);
  assert_full_error (error, fixture->path);
  g_assert_false (sy_collection_store_in_transaction (fixture->store));
  g_clear_error (&error);

  ids = sy_test_find (fixture->store, "notes", "{}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ids, ==, "1");
  record = sy_collection_store_get_record (fixture->store, "notes", kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (record, "body"), ==, "saved before");
  g_clear_pointer (&record, json_object_unref);

  /* Room again: the same connection writes; a restart finds both. */
  sy_test_disk_set_room (-1);
  record = sy_collection_store_insert (fixture->store, "notes", values, &error);
  g_assert_no_error (error);
  g_clear_pointer (&record, json_object_unref);
  g_clear_object (&fixture->store);
  fixture->store = sy_collection_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_free);
  ids = sy_test_find (fixture->store, "notes", "{}", &error);
  g_assert_cmpstr (ids, ==, "1,2");
}

/* Opening data.db on a full disk: a definition table to create at the
 * first start, or a -shm file to grow at any. */
static void
test_collections_open (SyTestCollections *fixture,
                       gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;

  sy_test_define (fixture->store, NOTES);
  sy_test_insert (fixture->store, "notes", "{\"body\": \"saved before\"}");
  g_clear_object (&fixture->store);

  sy_test_disk_set_room (0);
  fixture->store = sy_collection_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_null (fixture->store);
  assert_full_error (error, fixture->path);
  g_clear_error (&error);

  sy_test_disk_set_room (-1);
  fixture->store = sy_collection_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_no_error (error);
  ids = sy_test_find (fixture->store, "notes", "{}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ids, ==, "1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  sy_test_disk_install ();

  g_test_add ("/store/disk-full/add-version", Fixture, NULL,
              fixture_set_up, test_store_add_version, fixture_tear_down);
  g_test_add ("/store/disk-full/transaction", Fixture, NULL,
              fixture_set_up, test_store_transaction, fixture_tear_down);
  g_test_add ("/store/disk-full/open", Fixture, NULL,
              fixture_set_up, test_store_open, fixture_tear_down);
  g_test_add ("/store/disk-full/collections/insert", SyTestCollections, NULL,
              collections_set_up, test_collections_insert, collections_tear_down);
  g_test_add ("/store/disk-full/collections/open", SyTestCollections, NULL,
              collections_set_up, test_collections_open, collections_tear_down);

  return g_test_run ();
}
