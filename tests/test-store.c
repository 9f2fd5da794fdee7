/* test-store.c — the SQLite store (src/engine/sy-store.c) and the records it keeps */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sy-records.h"
#include "sy-store-private.h"

typedef struct
{
  char    *dir;
  char    *path;
  SyStore *store;
} Fixture;

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_assert_no_errno (g_unlink (child));
    }
  g_assert_no_errno (g_rmdir (dir));
}

static void
fixture_set_up_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "switchyard.db", NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up_empty (fixture, data);
  fixture->store = sy_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_dir (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

/* ── Helpers ───────────────────────────────────────────────────────────── */

static SyWorkflow *
add_version (SyStore    *store,
             const char *key,
             const char *title,
             gboolean    enabled)
{
  g_autoptr(SyWorkflow) workflow = sy_workflow_new (key, title, "custom-action");
  g_autoptr(GError) error = NULL;

  sy_workflow_set_enabled (workflow, enabled);
  g_assert_true (sy_store_add_version (store, workflow, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_workflow_get_version_id (workflow), >, 0);

  return g_steal_pointer (&workflow);
}

static SyVersionRow *
get_version (SyStore    *store,
             const char *key,
             guint       version)
{
  g_autoptr(GError) error = NULL;
  SyVersionRow *row = sy_store_get_version (store, key, version, &error);

  g_assert_no_error (error);
  g_assert_nonnull (row);
  return row;
}

static SyExecution *
insert_execution (SyStore    *store,
                  SyWorkflow *workflow,
                  SyStatus    status,
                  const char *reason)
{
  g_autoptr(SyExecution) execution = sy_execution_new ();
  g_autoptr(GError) error = NULL;

  execution->workflow_id = sy_workflow_get_version_id (workflow);
  execution->workflow_key = g_strdup (sy_workflow_get_key (workflow));
  execution->version = sy_workflow_get_version (workflow);
  execution->status = status;
  execution->reason = g_strdup (reason);
  g_assert_true (sy_store_insert_execution (store, execution, &error));
  g_assert_no_error (error);
  g_assert_cmpint (execution->id, >, 0);

  return g_steal_pointer (&execution);
}

static SyJob *
insert_job (SyStore    *store,
            gint64      execution_id,
            const char *node_key)
{
  g_autoptr(SyJob) job = sy_job_new ();
  g_autoptr(GError) error = NULL;

  job->execution_id = execution_id;
  job->node_key = g_strdup (node_key);
  job->node_type = g_strdup ("calculation");
  g_assert_true (sy_store_insert_job (store, job, &error));
  g_assert_no_error (error);
  g_assert_cmpint (job->id, >, 0);

  return g_steal_pointer (&job);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
assert_json_equal (JsonNode   *node,
                   const char *expected)
{
  g_autoptr(JsonNode) want = parse_json (expected);

  g_assert_nonnull (node);
  g_assert_true (json_node_equal (node, want));
}

static gint64
pragma_int (const char *path,
            const char *pragma)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* ── Schema and opening ────────────────────────────────────────────────── */

static void
test_schema_migrates_empty_file (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const char * const tables[] = {
    "workflows", "workflow_stats", "executions", "jobs", "timers", "state",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SyStore) store = NULL;
  guint version;

  /* A zero-length file is an empty database, as a fresh install creates. */
  g_assert_true (g_file_set_contents (fixture->path, "", 0, &error));
  g_assert_no_error (error);

  store = sy_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_no_error (error);
  version = sy_store_get_schema_version (store);
  g_assert_cmpuint (version, >=, 1);
  g_assert_cmpstr (sy_store_get_path (store), ==, fixture->path);
  g_assert_cmpint (pragma_int (fixture->path, "user_version"), ==, version);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *pragma = g_strdup_printf ("table_info(%s)", tables[i]);

      /* table_info yields a row per column; none for a missing table. */
      g_assert_cmpint (pragma_int (fixture->path, pragma), ==, 0);
    }

  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

static void
test_schema_reopen_is_idempotent (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  guint version = sy_store_get_schema_version (fixture->store);

  g_assert_true (sy_store_set_state (fixture->store, "marker", "kept", &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SyStore) store = sy_store_open (fixture->path, SY_STORE_READ_WRITE, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (sy_store_get_schema_version (store), ==, version);
      g_clear_pointer (&value, g_free);
      value = sy_store_get_state (store, "marker", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, "kept");
    }

  g_assert_cmpint (pragma_int (fixture->path, "user_version"), ==, version);
}

static void
test_schema_refuses_newer (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyStore) store = NULL;

  exec_raw (fixture->path, "CREATE TABLE future (x); PRAGMA user_version = 999;");

  store = sy_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_null (store);
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "newer"));
  g_clear_error (&error);

  store = sy_store_open (fixture->path, SY_STORE_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_TOO_NEW);

  /* Refusing must not have touched the file. */
  g_assert_cmpint (pragma_int (fixture->path, "user_version"), ==, 999);
}

static void
test_schema_refuses_non_database (Fixture       *fixture,
                                  gconstpointer  data)
{
  const char *text = "This is a shopping list, not a database.\n"
                     "Milk, eggs, flour, and a long enough line to fill a header.\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SyStore) store = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (fixture->path, text, -1, &error));
  g_assert_no_error (error);

  store = sy_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_null (store);
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, fixture->path));
  /* What to do about it. */
  g_assert_nonnull (strstr (error->message, "restore it from a backup"));
  g_clear_error (&error);

  store = sy_store_open (fixture->path, SY_STORE_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (fixture->path, &after, NULL, &error));
  g_assert_cmpstr (after, ==, text);
}

static void
assert_refused_unchanged (const char *path,
                          GBytes     *before,
                          const char *message_part)
{
  static const SyStoreFlags modes[] = { SY_STORE_READ_WRITE, SY_STORE_READ_ONLY };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SyStore) store = sy_store_open (path, modes[i], &error);
      g_autoptr(GMappedFile) after = NULL;
      g_autoptr(GBytes) after_bytes = NULL;

      g_assert_null (store);
      g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_CORRUPT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, message_part));

      g_clear_error (&error);
      after = g_mapped_file_new (path, FALSE, &error);
      g_assert_no_error (error);
      after_bytes = g_mapped_file_get_bytes (after);
      g_assert_true (g_bytes_equal (before, after_bytes));
    }
}

/* A file cut short (a copy that did not finish, a full disk elsewhere). */
static void
test_schema_refuses_truncated (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) before = NULL;
  gsize length;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *key = g_strdup_printf ("workflow-%u", i);
      g_autoptr(SyWorkflow) workflow = add_version (fixture->store, key, "A workflow", FALSE);
    }
  g_clear_object (&fixture->store);

  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 8 * 4096);
  g_assert_true (g_file_set_contents (fixture->path, contents, 3 * 4096 + 100, &error));
  g_assert_no_error (error);
  before = g_bytes_new (contents, 3 * 4096 + 100);

  assert_refused_unchanged (fixture->path, before, "restore it from a backup");
}

/* Another program's SQLite file where switchyard.db should be: it does not
 * receive Switchyard's tables. */
static void
test_schema_refuses_other_database (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) before = NULL;
  gsize length;

  exec_raw (fixture->path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, &error));
  before = g_bytes_new_take (g_steal_pointer (&contents), length);

  assert_refused_unchanged (fixture->path, before, "another program");
}

/* Something that SQLite cannot open at all: the reason is the system's. */
static void
test_schema_open_directory (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyStore) store = NULL;

  g_assert_no_errno (g_mkdir (fixture->path, 0700));
  store = sy_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_null (store);
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, g_strerror (EISDIR)));
  g_assert_no_errno (g_rmdir (fixture->path));
}

static void
test_schema_read_only_needs_database (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyStore) store = NULL;

  store = sy_store_open (fixture->path, SY_STORE_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A database of an older schema: read-only never migrates. */
  exec_raw (fixture->path, "CREATE TABLE other (x); PRAGMA user_version = 1;");
  store = sy_store_open (fixture->path, SY_STORE_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "upgrade"));
  g_assert_cmpint (pragma_int (fixture->path, "user_version"), ==, 1);
}

/* ── Workflows and versions ────────────────────────────────────────────── */

static void
test_versions_current_and_enabled (Fixture       *fixture,
                                   gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) v1 = add_version (store, "stock", "Stock", FALSE);
  g_autoptr(SyWorkflow) v2 = NULL;
  g_autoptr(SyWorkflow) v3 = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;

  /* A new key's first version is current even when disabled. */
  g_assert_cmpuint (sy_workflow_get_version (v1), ==, 1);
  row = get_version (store, "stock", 0);
  g_assert_cmpint (row->id, ==, sy_workflow_get_version_id (v1));
  g_assert_true (row->current);
  g_assert_false (row->enabled);
  g_assert_cmpstr (row->title, ==, "Stock");
  g_assert_cmpstr (row->trigger_type, ==, "custom-action");
  g_assert_cmpuint (row->n_versions, ==, 1);
  g_assert_cmpint (row->last_status, ==, SY_STATUS_QUEUEING);
  g_assert_false (row->has_last_status);
  g_assert_nonnull (row->document);
  g_clear_pointer (&row, sy_version_row_free);

  /* A disabled new version does not take over. */
  v2 = add_version (store, "stock", "Stock v2", FALSE);
  g_assert_cmpuint (sy_workflow_get_version (v2), ==, 2);
  row = get_version (store, "stock", 0);
  g_assert_cmpint (row->id, ==, sy_workflow_get_version_id (v1));
  g_assert_cmpuint (row->n_versions, ==, 2);
  g_clear_pointer (&row, sy_version_row_free);
  row = get_version (store, "stock", 2);
  g_assert_false (row->current);
  g_clear_pointer (&row, sy_version_row_free);

  /* Enabling v1 (the current one) keeps it current. */
  g_assert_true (sy_store_set_enabled (store, "stock", 0, TRUE, &error));
  g_assert_no_error (error);
  row = get_version (store, "stock", 1);
  g_assert_true (row->enabled && row->current);
  g_clear_pointer (&row, sy_version_row_free);

  /* An enabled new version becomes current and disables the previous one. */
  v3 = add_version (store, "stock", "Stock v3", TRUE);
  row = get_version (store, "stock", 0);
  g_assert_cmpuint (row->version, ==, 3);
  g_assert_true (row->enabled);
  g_clear_pointer (&row, sy_version_row_free);
  row = get_version (store, "stock", 1);
  g_assert_false (row->enabled);
  g_assert_false (row->current);
  g_clear_pointer (&row, sy_version_row_free);

  /* Enabling an old version moves "current" back to it. */
  g_assert_true (sy_store_set_enabled (store, "stock", 1, TRUE, &error));
  g_assert_no_error (error);
  versions = sy_store_list_versions (store, "stock", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 3);
  for (guint i = 0; i < versions->len; i++)
    {
      SyVersionRow *version = g_ptr_array_index (versions, i);

      g_assert_cmpuint (version->version, ==, i + 1);
      g_assert_cmpint (version->current, ==, i == 0);
      g_assert_cmpint (version->enabled, ==, i == 0);
    }

  /* Disabling keeps it current. */
  g_assert_true (sy_store_set_enabled (store, "stock", 0, FALSE, &error));
  g_assert_no_error (error);
  row = get_version (store, "stock", 0);
  g_assert_cmpuint (row->version, ==, 1);
  g_assert_false (row->enabled);
  g_clear_pointer (&row, sy_version_row_free);

  /* Unknown keys and versions. */
  g_assert_false (sy_store_set_enabled (store, "stock", 9, TRUE, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sy_store_set_enabled (store, "nope", 0, TRUE, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sy_store_get_version (store, "nope", 0, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sy_store_get_version (store, "stock", 4, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  row = sy_store_get_version_by_id (store, sy_workflow_get_version_id (v2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (row->version, ==, 2);
  g_assert_cmpstr (row->title, ==, "Stock v2");
  g_clear_pointer (&row, sy_version_row_free);

  /* The schema itself forbids a second current version of a key. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE workflows SET current = 1 WHERE version = 2",
                                   NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
    sqlite3_close (db);
  }
}

static void
test_versions_listing (Fixture       *fixture,
                       gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) b1 = add_version (store, "bravo", "bravo", TRUE);
  g_autoptr(SyWorkflow) a1 = add_version (store, "alpha", "Alpha", FALSE);
  g_autoptr(SyWorkflow) a2 = add_version (store, "alpha", "Alpha two", TRUE);
  g_autoptr(SyWorkflow) c1 = sy_workflow_new ("charlie", "Charlie", "webhook");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  SyVersionRow *row;

  sy_workflow_set_enabled (c1, TRUE);
  g_assert_true (sy_store_add_version (store, c1, &error));
  g_assert_no_error (error);

  /* Current versions only, by title without regard to case. */
  list = sy_store_list_workflows (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  row = g_ptr_array_index (list, 0);
  g_assert_cmpstr (row->key, ==, "alpha");
  g_assert_cmpuint (row->version, ==, 2);
  g_assert_cmpuint (row->n_versions, ==, 2);
  g_assert_cmpstr (((SyVersionRow *) g_ptr_array_index (list, 1))->key, ==, "bravo");
  g_assert_cmpstr (((SyVersionRow *) g_ptr_array_index (list, 2))->key, ==, "charlie");
  g_clear_pointer (&list, g_ptr_array_unref);

  list = sy_store_list_enabled (store, "webhook", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((SyVersionRow *) g_ptr_array_index (list, 0))->key, ==, "charlie");
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (sy_store_set_enabled (store, "bravo", 0, FALSE, &error));
  list = sy_store_list_enabled (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((SyVersionRow *) g_ptr_array_index (list, 0))->key, ==, "alpha");
  g_assert_cmpstr (((SyVersionRow *) g_ptr_array_index (list, 1))->key, ==, "charlie");
}

static void
test_versions_frozen_after_execution (Fixture       *fixture,
                                      gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) workflow = add_version (store, "order-stock", "Order", FALSE);
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(GError) error = NULL;

  /* Editable until it has run. */
  sy_workflow_set_title (workflow, "Order, edited");
  g_assert_true (sy_store_update_version (store, workflow, &error));
  g_assert_no_error (error);
  row = get_version (store, "order-stock", 1);
  g_assert_cmpstr (row->title, ==, "Order, edited");
  g_assert_cmpint (row->executed, ==, 0);
  g_clear_pointer (&row, sy_version_row_free);

  execution = insert_execution (store, workflow, SY_STATUS_QUEUEING, NULL);

  sy_workflow_set_title (workflow, "Order, too late");
  g_assert_false (sy_store_update_version (store, workflow, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FROZEN);
  g_assert_cmpstr (error->message, ==,
                   "version 1 of “order-stock” has already run; save it as a new version");
  g_clear_error (&error);

  row = get_version (store, "order-stock", 1);
  g_assert_cmpstr (row->title, ==, "Order, edited");
  g_assert_cmpint (row->executed, ==, 1);
  g_clear_pointer (&row, sy_version_row_free);

  /* A version that is not stored at all. */
  sy_workflow_set_version_id (workflow, 4242);
  g_assert_false (sy_store_update_version (store, workflow, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
}

static void
test_counters (Fixture       *fixture,
               gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) v1 = add_version (store, "count", "Count", TRUE);
  g_autoptr(SyWorkflow) v2 = NULL;
  g_autoptr(SyWorkflow) again = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[3];

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SyExecution) execution = insert_execution (store, v1, SY_STATUS_RESOLVED, NULL);

      ids[i] = execution->id;
    }

  v2 = add_version (store, "count", "Count", TRUE);
  {
    g_autoptr(SyExecution) execution = insert_execution (store, v2, SY_STATUS_FAILED, NULL);

    ids[2] = execution->id;
  }

  row = get_version (store, "count", 1);
  g_assert_cmpint (row->executed, ==, 2);
  g_assert_cmpint (row->key_executed, ==, 3);
  g_clear_pointer (&row, sy_version_row_free);
  row = get_version (store, "count", 2);
  g_assert_cmpint (row->executed, ==, 1);
  g_assert_cmpint (row->key_executed, ==, 3);
  /* The newest execution of the key drives the sidebar badge. */
  g_assert_cmpint (row->last_status, ==, SY_STATUS_FAILED);
  g_assert_true (row->has_last_status);
  g_clear_pointer (&row, sy_version_row_free);
  g_assert_cmpint (sy_store_get_key_executed (store, "count", &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpint (sy_store_get_key_executed (store, "never", &error), ==, 0);
  g_assert_no_error (error);

  /* Deleting history does not reduce the counts (NocoBase). */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_true (sy_store_delete_execution (store, ids[i], &error));
      g_assert_no_error (error);
    }
  row = get_version (store, "count", 1);
  g_assert_cmpint (row->executed, ==, 2);
  g_assert_cmpint (row->key_executed, ==, 3);
  g_assert_cmpint (row->last_status, ==, SY_STATUS_QUEUEING);
  g_assert_false (row->has_last_status);
  g_clear_pointer (&row, sy_version_row_free);

  /* Nor does deleting the workflow: a re-created key keeps counting. */
  g_assert_true (sy_store_delete_workflow (store, "count", FALSE, &error));
  g_assert_no_error (error);
  g_assert_null (sy_store_get_version (store, "count", 0, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sy_store_get_key_executed (store, "count", &error), ==, 3);

  again = add_version (store, "count", "Count", FALSE);
  g_assert_cmpuint (sy_workflow_get_version (again), ==, 1);
  /* Never reuse a deleted version's id: old executions point at it. */
  g_assert_cmpint (sy_workflow_get_version_id (again), >, sy_workflow_get_version_id (v2));
  row = get_version (store, "count", 0);
  g_assert_cmpint (row->executed, ==, 0);
  g_assert_cmpint (row->key_executed, ==, 3);

  g_assert_false (sy_store_delete_workflow (store, "never", FALSE, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
}

static void
assert_key_in_use (SyStore    *store,
                   const char *key,
                   gboolean    expected)
{
  g_autoptr(GError) error = NULL;
  gboolean in_use = !expected;

  g_assert_true (sy_store_key_in_use (store, key, &in_use, &error));
  g_assert_no_error (error);
  g_assert_cmpint (in_use, ==, expected);
}

static void
test_delete_workflow_purge (Fixture       *fixture,
                            gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) kept = add_version (store, "kept", "Kept", TRUE);
  g_autoptr(SyWorkflow) purged = add_version (store, "purged", "Purged", TRUE);
  g_autoptr(SyExecution) keep = insert_execution (store, kept, SY_STATUS_STARTED, NULL);
  g_autoptr(SyExecution) lose = insert_execution (store, purged, SY_STATUS_STARTED, NULL);
  g_autoptr(SyJob) keep_job = insert_job (store, keep->id, "a");
  g_autoptr(SyJob) lose_job = insert_job (store, lose->id, "a");
  g_autoptr(SyExecution) left = NULL;
  g_autoptr(GArray) timers = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_store_set_timer (store, keep_job->id, keep->id, 10, &error));
  g_assert_true (sy_store_set_timer (store, lose_job->id, lose->id, 20, &error));
  g_assert_no_error (error);

  /* Without purge the history stays. */
  g_assert_true (sy_store_delete_workflow (store, "kept", FALSE, &error));
  g_assert_no_error (error);
  left = sy_store_get_execution (store, keep->id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->jobs->len, ==, 1);

  assert_key_in_use (store, "kept", TRUE);

  g_assert_true (sy_store_delete_workflow (store, "purged", TRUE, &error));
  g_assert_no_error (error);
  /* Its counter stays: a new workflow must not take the key over. */
  assert_key_in_use (store, "purged", TRUE);
  assert_key_in_use (store, "never", FALSE);
  g_assert_null (sy_store_get_execution (store, lose->id, FALSE, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sy_store_get_job (store, lose_job->id, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  timers = sy_store_list_timers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timers->len, ==, 1);
  g_assert_cmpint (g_array_index (timers, SyTimerRow, 0).job_id, ==, keep_job->id);
  g_assert_cmpint (sy_store_get_key_executed (store, "purged", &error), ==, 1);
}

/* ── Executions and jobs ───────────────────────────────────────────────── */

static void
test_execution_duplicate_event (Fixture       *fixture,
                                gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) workflow = add_version (store, "tick", "Tick", TRUE);
  g_autoptr(SyExecution) first = sy_execution_new ();
  g_autoptr(SyExecution) second = sy_execution_new ();
  g_autoptr(GError) error = NULL;

  first->workflow_id = second->workflow_id = sy_workflow_get_version_id (workflow);
  first->workflow_key = g_strdup ("tick");
  second->workflow_key = g_strdup ("tick");
  first->event_key = g_strdup ("1@1795255200000");
  second->event_key = g_strdup ("1@1795255200000");

  g_assert_true (sy_store_insert_execution (store, first, &error));
  g_assert_no_error (error);
  g_assert_false (sy_store_insert_execution (store, second, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "1@1795255200000"));
  g_clear_error (&error);
  g_assert_cmpint (second->id, ==, 0);
  /* The refused event was not counted. */
  g_assert_cmpint (sy_store_get_key_executed (store, "tick", &error), ==, 1);

  /* Inside a caller's transaction the duplicate leaves the transaction usable. */
  g_assert_true (sy_store_begin (store, &error));
  g_assert_false (sy_store_insert_execution (store, second, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_clear_pointer (&second->event_key, g_free);
  second->event_key = g_strdup ("1@1795255260000");
  g_assert_true (sy_store_insert_execution (store, second, &error));
  g_assert_no_error (error);
  g_assert_true (sy_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_store_get_key_executed (store, "tick", &error), ==, 2);

  /* Executions without an event key never collide. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SyExecution) plain = insert_execution (store, workflow, SY_STATUS_QUEUEING, NULL);

      g_assert_null (plain->event_key);
    }
  g_assert_cmpint (sy_store_get_key_executed (store, "tick", &error), ==, 4);
}

static void
test_execution_round_trip (Fixture       *fixture,
                           gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) workflow = add_version (store, "trip", "Trip", TRUE);
  g_autoptr(SyExecution) execution = sy_execution_new ();
  g_autoptr(SyExecution) loaded = NULL;
  g_autoptr(GError) error = NULL;

  execution->workflow_id = sy_workflow_get_version_id (workflow);
  execution->workflow_key = g_strdup ("trip");
  execution->version = 1;
  execution->event_key = g_strdup ("evt");
  execution->status = SY_STATUS_STARTED;
  execution->manually = TRUE;
  execution->context = parse_json ("{\"data\":{\"id\":7,\"tags\":[\"a\",\"b\"]},\"n\":1.5}");
  execution->parent_execution_id = 99;
  execution->parent_job_id = 98;
  execution->retry_of = 97;
  execution->stack = parse_json ("[3,4]");
  execution->started_at = 1795255200123;
  g_assert_true (sy_store_insert_execution (store, execution, &error));
  g_assert_no_error (error);
  g_assert_cmpint (execution->created_at, >, 0);

  execution->status = SY_STATUS_REJECTED;
  execution->reason = g_strdup ("manual_cancel");
  execution->output = parse_json ("{\"total\":3}");
  execution->finished_at = 1795255201000;
  execution->expires_at = 1795255300000;
  g_assert_true (sy_store_update_execution (store, execution, &error));
  g_assert_no_error (error);

  loaded = sy_store_get_execution (store, execution->id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (loaded->jobs);
  g_assert_cmpint (loaded->workflow_id, ==, execution->workflow_id);
  g_assert_cmpstr (loaded->workflow_key, ==, "trip");
  g_assert_cmpuint (loaded->version, ==, 1);
  g_assert_cmpstr (loaded->event_key, ==, "evt");
  g_assert_cmpint (loaded->status, ==, SY_STATUS_REJECTED);
  g_assert_cmpstr (loaded->reason, ==, "manual_cancel");
  g_assert_true (loaded->manually);
  assert_json_equal (loaded->context, "{\"data\":{\"id\":7,\"tags\":[\"a\",\"b\"]},\"n\":1.5}");
  assert_json_equal (loaded->output, "{\"total\":3}");
  assert_json_equal (loaded->stack, "[3,4]");
  g_assert_cmpint (loaded->parent_execution_id, ==, 99);
  g_assert_cmpint (loaded->parent_job_id, ==, 98);
  g_assert_cmpint (loaded->retry_of, ==, 97);
  g_assert_cmpint (loaded->created_at, ==, execution->created_at);
  g_assert_cmpint (loaded->started_at, ==, 1795255200123);
  g_assert_cmpint (loaded->finished_at, ==, 1795255201000);
  g_assert_cmpint (loaded->expires_at, ==, 1795255300000);

  execution->id = 123456;
  g_assert_false (sy_store_update_execution (store, execution, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sy_store_get_execution (store, 123456, TRUE, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
}

/* JSON with bytes that are not UTF-8 (older versions stored webhook forms
 * so) reads with U+FFFD in their place, instead of failing every listing. */
static void
test_execution_repairs_utf8 (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(SyWorkflow) workflow = add_version (fixture->store, "forms", "Forms", TRUE);
  g_autoptr(SyExecution) execution = insert_execution (fixture->store, workflow, SY_STATUS_RESOLVED, NULL);
  g_autoptr(SyExecution) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE executions SET context = CAST (X'7B2261223A2263AFE9227D' AS TEXT)"
                                          " WHERE id = %" G_GINT64_FORMAT, execution->id);

  exec_raw (fixture->path, sql);
  loaded = sy_store_get_execution (fixture->store, execution->id, FALSE, &error);
  g_assert_no_error (error);
  assert_json_equal (loaded->context, "{\"a\":\"c\ufffd\ufffd\"}");

  /* Text that is not JSON at all still says so. */
  g_clear_pointer (&loaded, sy_execution_unref);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE executions SET context = CAST (X'7B22AF' AS TEXT) WHERE id = %" G_GINT64_FORMAT,
                         execution->id);
  exec_raw (fixture->path, sql);
  loaded = sy_store_get_execution (fixture->store, execution->id, FALSE, &error);
  g_assert_null (loaded);
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_CORRUPT);
}

static void
test_jobs_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) workflow = add_version (store, "jobs", "Jobs", TRUE);
  g_autoptr(SyExecution) execution = insert_execution (store, workflow, SY_STATUS_STARTED, NULL);
  g_autoptr(SyJob) first = insert_job (store, execution->id, "head");
  g_autoptr(SyJob) job = sy_job_new ();
  g_autoptr(SyJob) loaded = NULL;
  g_autoptr(SyExecution) with_jobs = NULL;
  g_autoptr(GError) error = NULL;

  job->execution_id = execution->id;
  job->node_key = g_strdup ("loop_1");
  job->node_type = g_strdup ("loop");
  job->upstream_id = first->id;
  job->parent_id = first->id;
  job->branch = g_strdup ("body");
  job->status = SY_STATUS_PENDING;
  job->config = parse_json ("{\"target\":[1,2,3],\"label\":\"é ✓\"}");
  job->meta = parse_json ("{\"position\":0}");
  job->started_at = 1795255200000;
  g_assert_true (sy_store_insert_job (store, job, &error));
  g_assert_no_error (error);
  g_assert_cmpint (job->id, >, first->id);

  loaded = sy_store_get_job (store, job->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->status, ==, SY_STATUS_PENDING);
  g_assert_null (loaded->result);
  g_assert_null (loaded->log);
  g_assert_cmpint (loaded->finished_at, ==, 0);
  g_clear_pointer (&loaded, sy_job_unref);

  job->status = SY_STATUS_RESOLVED;
  job->result = parse_json ("{\"looped\":3,\"done\":3}");
  g_clear_pointer (&job->meta, json_node_unref);
  job->meta = parse_json ("{\"position\":3,\"items\":[null,true,\"x\"]}");
  job->log = g_strdup ("line one\nline two");
  job->finished_at = 1795255201000;
  g_assert_true (sy_store_update_job (store, job, &error));
  g_assert_no_error (error);

  loaded = sy_store_get_job (store, job->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->execution_id, ==, execution->id);
  g_assert_cmpstr (loaded->node_key, ==, "loop_1");
  g_assert_cmpstr (loaded->node_type, ==, "loop");
  g_assert_cmpint (loaded->upstream_id, ==, first->id);
  g_assert_cmpint (loaded->parent_id, ==, first->id);
  g_assert_cmpstr (loaded->branch, ==, "body");
  g_assert_cmpint (loaded->status, ==, SY_STATUS_RESOLVED);
  assert_json_equal (loaded->result, "{\"looped\":3,\"done\":3}");
  assert_json_equal (loaded->meta, "{\"position\":3,\"items\":[null,true,\"x\"]}");
  assert_json_equal (loaded->config, "{\"target\":[1,2,3],\"label\":\"é ✓\"}");
  g_assert_cmpstr (loaded->log, ==, "line one\nline two");
  g_assert_cmpint (loaded->started_at, ==, 1795255200000);
  g_assert_cmpint (loaded->finished_at, ==, 1795255201000);

  /* A scalar JSON null result is kept apart from "no result". */
  g_clear_pointer (&first->result, json_node_unref);
  first->result = json_node_new (JSON_NODE_NULL);
  first->status = SY_STATUS_RESOLVED;
  g_assert_true (sy_store_update_job (store, first, &error));
  g_assert_no_error (error);

  with_jobs = sy_store_get_execution (store, execution->id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (with_jobs->jobs->len, ==, 2);
  g_assert_cmpint (((SyJob *) g_ptr_array_index (with_jobs->jobs, 0))->id, ==, first->id);
  g_assert_nonnull (((SyJob *) g_ptr_array_index (with_jobs->jobs, 0))->result);
  g_assert_true (JSON_NODE_HOLDS_NULL (((SyJob *) g_ptr_array_index (with_jobs->jobs, 0))->result));
  g_assert_cmpint (((SyJob *) g_ptr_array_index (with_jobs->jobs, 1))->id, ==, job->id);

  /* A job must belong to a stored execution. */
  {
    g_autoptr(SyJob) orphan = sy_job_new ();

    orphan->execution_id = 987654;
    orphan->node_key = g_strdup ("x");
    orphan->node_type = g_strdup ("end");
    g_assert_false (sy_store_insert_job (store, orphan, &error));
    g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "FOREIGN KEY"));
    g_clear_error (&error);
  }

  job->id = 987654;
  g_assert_false (sy_store_update_job (store, job, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
}

/* The live filter (sy_execution_filter_matches) and the store's queries
 * agree, non-ASCII letters and reason codes included. */
static void
test_executions_filter_matches (Fixture       *fixture,
                                gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) alpha = add_version (store, "alpha", "Alpha", TRUE);
  g_autoptr(SyWorkflow) beta = add_version (store, "Überweisung", "Transfer", TRUE);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_execution_unref);
  static const char * const timeout[] = { "timeout", NULL };
  static const struct
  {
    SyStatus    status;
    const char *reason;
  } rows[] = {
    { SY_STATUS_ABORTED, "timeout" },
    { SY_STATUS_ABORTED, "manual_cancel" },
    { SY_STATUS_FAILED, "Ärger im Lager" },
    { SY_STATUS_FAILED, "ärger klein" },
    { SY_STATUS_ERROR, "HTTP 503" },
    { SY_STATUS_STARTED, NULL },
    { SY_STATUS_QUEUEING, NULL },
    { SY_STATUS_RESOLVED, NULL },
  };
  const SyExecutionFilter filters[] = {
    { .text = "ärger" },
    { .text = "Ärger" },
    { .text = "ÄRGER" },
    { .text = "http" },
    { .text = "TIME" },
    { .text = "Timed out" },
    { .text = "Timed out", .reasons = timeout },
    { .text = "über" },
    { .text = "Über" },
    { .finished = TRUE },
    { .finished = TRUE, .text = "a" },
    { .workflow_key = "alpha", .has_status = TRUE, .status = SY_STATUS_ABORTED },
    { .has_status = TRUE, .status = SY_STATUS_STARTED, .finished = TRUE },
  };
  /* How many each filter lists: SQLite's lower() folds ASCII letters only,
   * so "ÄRGER" finds "Ärger" (its R, G, E, R) but "ärger" does not. */
  static const guint expected[] = { 2, 2, 2, 2, 2, 0, 2, 0, 8, 12, 8, 2, 0 };

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == G_N_ELEMENTS (filters));

  for (guint w = 0; w < 2; w++)
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      g_ptr_array_add (all, insert_execution (store, w == 0 ? alpha : beta, rows[i].status, rows[i].reason));

  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) listed = sy_store_list_executions (store, &filters[f], &error);
      g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
      guint matching = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < listed->len; i++)
        g_hash_table_add (ids, GINT_TO_POINTER (((SyExecution *) g_ptr_array_index (listed, i))->id));
      for (guint i = 0; i < all->len; i++)
        {
          SyExecution *execution = g_ptr_array_index (all, i);
          gboolean matches = sy_execution_filter_matches (&filters[f], execution);

          if (matches != g_hash_table_contains (ids, GINT_TO_POINTER (execution->id)))
            g_error ("filter %u: execution %u (%s, %s) is %s by the store but %s by the live filter", f, i,
                     execution->workflow_key, execution->reason, matches ? "not listed" : "listed",
                     matches ? "matched" : "not matched");
          matching += matches;
        }
      g_assert_cmpuint (matching, ==, expected[f]);
      g_assert_cmpuint (sy_store_count_executions (store, &filters[f], &error), ==, expected[f]);
    }
}

static void
test_executions_list_filters (Fixture       *fixture,
                              gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) alpha = add_version (store, "alpha", "Alpha", TRUE);
  g_autoptr(SyWorkflow) beta = add_version (store, "beta", "Beta", TRUE);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  SyExecutionFilter filter = { 0 };
  gint64 ids[10];

  /* ids[i]: even → alpha, odd → beta; every third failed with a reason. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      gboolean failed = i % 3 == 0;
      g_autoptr(SyExecution) execution =
        insert_execution (store, i % 2 == 0 ? alpha : beta,
                          failed ? SY_STATUS_FAILED : SY_STATUS_RESOLVED,
                          failed ? "HTTP 503 from Stock Service" : NULL);

      ids[i] = execution->id;
    }

#define ID_AT(list, i) (((SyExecution *) g_ptr_array_index ((list), (i)))->id)

  /* Everything, newest first, without jobs. */
  list = sy_store_list_executions (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpint (ID_AT (list, i), ==, ids[9 - i]);
  g_assert_null (((SyExecution *) g_ptr_array_index (list, 0))->jobs);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_cmpuint (sy_store_count_executions (store, NULL, &error), ==, 10);

  filter.workflow_key = "alpha";
  list = sy_store_list_executions (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  g_assert_cmpint (ID_AT (list, 0), ==, ids[8]);
  g_assert_cmpint (ID_AT (list, 4), ==, ids[0]);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_cmpuint (sy_store_count_executions (store, &filter, &error), ==, 5);

  /* alpha and failed: 0, 6. */
  filter.has_status = TRUE;
  filter.status = SY_STATUS_FAILED;
  list = sy_store_list_executions (store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (ID_AT (list, 0), ==, ids[6]);
  g_assert_cmpint (ID_AT (list, 1), ==, ids[0]);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Status alone: 0, 3, 6, 9. */
  filter.workflow_key = NULL;
  g_assert_cmpuint (sy_store_count_executions (store, &filter, &error), ==, 4);

  /* Text matches the reason, case-insensitively… */
  filter.has_status = FALSE;
  filter.text = "stock service";
  g_assert_cmpuint (sy_store_count_executions (store, &filter, &error), ==, 4);
  /* …or the key. */
  filter.text = "ETA";
  list = sy_store_list_executions (store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 5);
  g_assert_cmpint (ID_AT (list, 0), ==, ids[9]);
  g_clear_pointer (&list, g_ptr_array_unref);
  filter.text = "nothing like it";
  g_assert_cmpuint (sy_store_count_executions (store, &filter, &error), ==, 0);
  /* LIKE wildcards are plain characters here. */
  filter.text = "%";
  g_assert_cmpuint (sy_store_count_executions (store, &filter, &error), ==, 0);

  /* Paging: pages of 4 going back in time. */
  filter.text = NULL;
  filter.limit = 4;
  list = sy_store_list_executions (store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpint (ID_AT (list, 3), ==, ids[6]);
  filter.before_id = ID_AT (list, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sy_store_list_executions (store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpint (ID_AT (list, 0), ==, ids[5]);
  g_assert_cmpint (ID_AT (list, 3), ==, ids[2]);
  filter.before_id = ID_AT (list, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sy_store_list_executions (store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (ID_AT (list, 1), ==, ids[0]);
  g_clear_pointer (&list, g_ptr_array_unref);
  /* The count ignores the limit but honours the page start. */
  g_assert_cmpuint (sy_store_count_executions (store, &filter, &error), ==, 2);

  /* Every filter at once: beta, resolved, "bet", before ids[9], limit 1 → ids[7]. */
  filter.workflow_key = "beta";
  filter.has_status = TRUE;
  filter.status = SY_STATUS_RESOLVED;
  filter.text = "bet";
  filter.before_id = ids[9];
  filter.limit = 1;
  list = sy_store_list_executions (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (ID_AT (list, 0), ==, ids[7]);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* An offset jumps into the middle: everything, rows 3..5 → ids 6, 5, 4. */
  memset (&filter, 0, sizeof filter);
  filter.offset = 3;
  filter.limit = 3;
  list = sy_store_list_executions (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (ID_AT (list, 0), ==, ids[6]);
  g_assert_cmpint (ID_AT (list, 2), ==, ids[4]);
  g_clear_pointer (&list, g_ptr_array_unref);
  /* …combined with a page start and a filter: alpha before ids[8], skip 1 → 4, 2. */
  filter.workflow_key = "alpha";
  filter.before_id = ids[8];
  filter.offset = 1;
  filter.limit = 2;
  list = sy_store_list_executions (store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (ID_AT (list, 0), ==, ids[4]);
  g_assert_cmpint (ID_AT (list, 1), ==, ids[2]);
  g_clear_pointer (&list, g_ptr_array_unref);
  /* Past the end: nothing. */
  filter.offset = 50;
  list = sy_store_list_executions (store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 0);

#undef ID_AT
}

static void
test_delete_executions_in_bulk (Fixture       *fixture,
                                gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) alpha = add_version (store, "alpha", "Alpha", TRUE);
  g_autoptr(SyWorkflow) beta = add_version (store, "beta", "Beta", TRUE);
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(SyExecution) running = NULL;
  g_autoptr(SyExecution) gone = NULL;
  g_autoptr(GError) error = NULL;
  SyExecutionFilter filter = { 0 };
  gint64 ids[8];
  guint n = 99;

  /* ids[i]: even → alpha, odd → beta; i % 4 == 0 failed, else resolved. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(SyExecution) execution =
        insert_execution (store, i % 2 == 0 ? alpha : beta,
                          i % 4 == 0 ? SY_STATUS_FAILED : SY_STATUS_RESOLVED, NULL);
      g_autoptr(SyJob) job = insert_job (store, execution->id, "a");

      ids[i] = execution->id;
    }
  running = insert_execution (store, alpha, SY_STATUS_STARTED, NULL);
  g_clear_pointer (&running, sy_execution_unref);
  running = insert_execution (store, alpha, SY_STATUS_QUEUEING, NULL);

  /* By status and key: alpha's failed ones (0, 4). */
  filter.workflow_key = "alpha";
  filter.has_status = TRUE;
  filter.status = SY_STATUS_FAILED;
  g_assert_true (sy_store_delete_executions (store, &filter, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  gone = sy_store_get_execution (store, ids[4], FALSE, &error);
  g_assert_null (gone);
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Their jobs went with them. */
  {
    g_autoptr(GPtrArray) jobs = sy_store_list_jobs (store, ids[0], &error);

    g_assert_no_error (error);
    g_assert_cmpuint (jobs->len, ==, 0);
  }

  /* Chosen ids: 1, 2 and the running one, which stays. */
  g_array_append_val (chosen, ids[1]);
  g_array_append_val (chosen, ids[2]);
  g_array_append_val (chosen, running->id);
  g_assert_true (sy_store_delete_executions (store, NULL, chosen, &n, &error));
  g_assert_cmpuint (n, ==, 2);
  g_clear_pointer (&gone, sy_execution_unref);
  gone = sy_store_get_execution (store, running->id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gone);
  /* An empty choice deletes nothing. */
  g_array_set_size (chosen, 0);
  g_assert_true (sy_store_delete_executions (store, NULL, chosen, &n, &error));
  g_assert_cmpuint (n, ==, 0);

  /* Everything finished: 3, 5, 6, 7; queued and started stay, counters too. */
  g_assert_true (sy_store_delete_executions (store, NULL, NULL, &n, &error));
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (sy_store_count_executions (store, NULL, &error), ==, 2);
  g_assert_cmpint (sy_store_get_key_executed (store, "alpha", &error), ==, 6);
  g_assert_cmpint (sy_store_get_key_executed (store, "beta", &error), ==, 4);
}

static void
test_executions_in_status (Fixture       *fixture,
                           gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) workflow = add_version (store, "queue", "Queue", TRUE);
  g_autoptr(SyExecution) parent = insert_execution (store, workflow, SY_STATUS_STARTED, NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 queued[3];

  for (guint i = 0; i < G_N_ELEMENTS (queued); i++)
    {
      g_autoptr(SyExecution) execution = sy_execution_new ();

      execution->workflow_id = sy_workflow_get_version_id (workflow);
      execution->workflow_key = g_strdup ("queue");
      execution->parent_execution_id = i < 2 ? parent->id : 0;
      g_assert_true (sy_store_insert_execution (store, execution, &error));
      g_assert_no_error (error);
      g_assert_cmpint (execution->status, ==, SY_STATUS_QUEUEING);
      queued[i] = execution->id;
    }

  /* Oldest first, for the queue. */
  list = sy_store_list_executions_in_status (store, SY_STATUS_QUEUEING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (((SyExecution *) g_ptr_array_index (list, i))->id, ==, queued[i]);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = sy_store_list_executions_in_status (store, SY_STATUS_STARTED, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((SyExecution *) g_ptr_array_index (list, 0))->id, ==, parent->id);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = sy_store_list_child_executions (store, parent->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((SyExecution *) g_ptr_array_index (list, 0))->id, ==, queued[0]);
  g_assert_cmpint (((SyExecution *) g_ptr_array_index (list, 1))->id, ==, queued[1]);
}

static void
test_delete_execution_cascades (Fixture       *fixture,
                                gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) workflow = add_version (store, "gone", "Gone", TRUE);
  g_autoptr(SyExecution) doomed = insert_execution (store, workflow, SY_STATUS_STARTED, NULL);
  g_autoptr(SyExecution) other = insert_execution (store, workflow, SY_STATUS_STARTED, NULL);
  g_autoptr(SyJob) job_a = insert_job (store, doomed->id, "a");
  g_autoptr(SyJob) job_b = insert_job (store, doomed->id, "b");
  g_autoptr(SyJob) job_other = insert_job (store, other->id, "a");
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GArray) timers = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_store_set_timer (store, job_b->id, doomed->id, 5000, &error));
  g_assert_true (sy_store_set_timer (store, job_other->id, other->id, 6000, &error));
  g_assert_no_error (error);

  g_assert_true (sy_store_delete_execution (store, doomed->id, &error));
  g_assert_no_error (error);

  jobs = sy_store_list_jobs (store, doomed->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 0);
  g_assert_null (sy_store_get_job (store, job_a->id, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&jobs, g_ptr_array_unref);
  jobs = sy_store_list_jobs (store, other->id, &error);
  g_assert_cmpuint (jobs->len, ==, 1);

  timers = sy_store_list_timers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timers->len, ==, 1);
  g_assert_cmpint (g_array_index (timers, SyTimerRow, 0).job_id, ==, job_other->id);

  g_assert_false (sy_store_delete_execution (store, doomed->id, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
}

static void
test_timers_order (Fixture       *fixture,
                   gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) workflow = add_version (store, "wait", "Wait", TRUE);
  g_autoptr(SyExecution) execution = insert_execution (store, workflow, SY_STATUS_STARTED, NULL);
  g_autoptr(GArray) timers = NULL;
  g_autoptr(GError) error = NULL;
  static const gint64 due[] = { 3000, 1000, 2000, 1000 };
  gint64 job_ids[G_N_ELEMENTS (due)];

  for (guint i = 0; i < G_N_ELEMENTS (due); i++)
    {
      g_autoptr(SyJob) job = insert_job (store, execution->id, "delay");

      job_ids[i] = job->id;
      g_assert_true (sy_store_set_timer (store, job->id, execution->id, due[i], &error));
      g_assert_no_error (error);
    }

  /* By due time, ties by job id. */
  timers = sy_store_list_timers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timers->len, ==, 4);
  g_assert_cmpint (g_array_index (timers, SyTimerRow, 0).job_id, ==, job_ids[1]);
  g_assert_cmpint (g_array_index (timers, SyTimerRow, 1).job_id, ==, job_ids[3]);
  g_assert_cmpint (g_array_index (timers, SyTimerRow, 2).job_id, ==, job_ids[2]);
  g_assert_cmpint (g_array_index (timers, SyTimerRow, 3).job_id, ==, job_ids[0]);
  g_assert_cmpint (g_array_index (timers, SyTimerRow, 3).execution_id, ==, execution->id);
  g_assert_cmpint (g_array_index (timers, SyTimerRow, 3).due_ms, ==, 3000);
  g_clear_pointer (&timers, g_array_unref);

  /* Re-arming replaces; clearing removes; clearing twice is harmless. */
  g_assert_true (sy_store_set_timer (store, job_ids[0], execution->id, 500, &error));
  g_assert_true (sy_store_clear_timer (store, job_ids[1], &error));
  g_assert_true (sy_store_clear_timer (store, job_ids[1], &error));
  g_assert_no_error (error);
  timers = sy_store_list_timers (store, &error);
  g_assert_cmpuint (timers->len, ==, 3);
  g_assert_cmpint (g_array_index (timers, SyTimerRow, 0).job_id, ==, job_ids[0]);
  g_assert_cmpint (g_array_index (timers, SyTimerRow, 0).due_ms, ==, 500);
}

static void
test_state (Fixture       *fixture,
            gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  value = sy_store_get_state (store, "schedule.last", &error);
  g_assert_no_error (error);
  g_assert_null (value);

  g_assert_true (sy_store_set_state (store, "schedule.last", "100", &error));
  g_assert_true (sy_store_set_state (store, "schedule.last", "200", &error));
  g_assert_no_error (error);
  value = sy_store_get_state (store, "schedule.last", &error);
  g_assert_cmpstr (value, ==, "200");
  g_clear_pointer (&value, g_free);

  g_assert_true (sy_store_set_state (store, "schedule.last", NULL, &error));
  g_assert_no_error (error);
  value = sy_store_get_state (store, "schedule.last", &error);
  g_assert_no_error (error);
  g_assert_null (value);
}

static void
test_transactions (Fixture       *fixture,
                   gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) workflow = add_version (store, "tx", "Tx", TRUE);
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (sy_store_in_transaction (store));
  g_assert_true (sy_store_begin (store, &error));
  g_assert_true (sy_store_in_transaction (store));
  g_assert_false (sy_store_begin (store, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED);
  g_clear_error (&error);

  execution = insert_execution (store, workflow, SY_STATUS_STARTED, NULL);
  /* Multi-statement operations nest as savepoints inside the transaction. */
  g_assert_true (sy_store_set_enabled (store, "tx", 0, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (sy_store_set_enabled (store, "tx", 7, TRUE, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (sy_store_in_transaction (store));
  sy_store_rollback (store);
  g_assert_false (sy_store_in_transaction (store));

  g_assert_null (sy_store_get_execution (store, execution->id, FALSE, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sy_store_get_key_executed (store, "tx", &error), ==, 0);
  {
    g_autoptr(SyVersionRow) row = get_version (store, "tx", 0);

    g_assert_true (row->enabled);
    g_assert_cmpint (row->executed, ==, 0);
  }

  /* Rolling back with nothing open is harmless. */
  sy_store_rollback (store);
}

/* Commits `n` executions, each with a context of about 3.5 KB (a page
 * of its own), in one transaction. */
static void
commit_padded_executions (SyStore    *store,
                          SyWorkflow *workflow,
                          guint       n)
{
  g_autofree char *pad = g_strnfill (3500, 'p');
  g_autofree char *text = g_strdup_printf ("{\"pad\": \"%s\"}", pad);
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyExecution) execution = sy_execution_new ();

      execution->workflow_id = sy_workflow_get_version_id (workflow);
      execution->workflow_key = g_strdup (sy_workflow_get_key (workflow));
      execution->version = sy_workflow_get_version (workflow);
      execution->context = parse_json (text);
      g_assert_true (sy_store_insert_execution (store, execution, &error));
    }
  g_assert_true (sy_store_commit (store, &error));
  g_assert_no_error (error);
}

static goffset
file_size (const char *path)
{
  GStatBuf buf;

  g_assert_no_errno (g_stat (path, &buf));
  return buf.st_size;
}

/* What runs when is up to the test: the helper thread checkpoints only
 * while it is not held, and the test waits for it rather than for time. */
static void
test_wal_checkpoints_off_commits (Fixture       *fixture,
                                  gconstpointer  data)
{
  SyStore *store = fixture->store;
  SyStoreWal *wal = _sy_store_get_wal (store);
  g_autoptr(SyWorkflow) workflow = add_version (store, "wal", "Wal", TRUE);
  g_autoptr(GError) error = NULL;
  goffset database_before = file_size (fixture->path);
  guint pages = sy_store_get_wal_pages (store);

  /* SQLite alone would checkpoint inside the commit that crosses 1,000
   * pages (the database file would grow), and the WAL would start over at
   * the next one. Ours asks the helper, held here: commits never copy. */
  _sy_store_wal_hold_helper (wal, TRUE);
  for (guint i = 0; i < 30; i++)
    {
      commit_padded_executions (store, workflow, 100);
      g_assert_cmpuint (sy_store_get_wal_pages (store), >, pages);
      pages = sy_store_get_wal_pages (store);
    }
  g_assert_cmpuint (pages, >, 3000);
  g_assert_cmpint (file_size (fixture->path), ==, database_before);
  g_assert_false (sy_store_wal_over_limit (store));

  /* The helper, with a connection of its own, copies the WAL into the
   * database: what it was asked for by then is all there (a page at least
   * for each execution). */
  _sy_store_wal_hold_helper (wal, FALSE);
  _sy_store_wal_wait_for_helper (wal);
  g_test_message ("the helper copied %" G_GOFFSET_FORMAT " pages", (file_size (fixture->path) - database_before) / 4096);
  g_assert_cmpint (file_size (fixture->path), >=, database_before + 3000 * 4096);

  /* Past the bound (the helper held again: with it, the WAL may start over
   * on its own before), the owner is told to checkpoint now. */
  _sy_store_wal_hold_helper (wal, TRUE);
  while (!sy_store_wal_over_limit (store))
    commit_padded_executions (store, workflow, 500);
  g_assert_cmpuint (sy_store_get_wal_pages (store), >=, 10000);

  /* Its checkpoint lets the next commit start the WAL over. */
  g_assert_true (sy_store_checkpoint (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sy_store_get_wal_pages (store), ==, 0);
  g_assert_false (sy_store_wal_over_limit (store));
  commit_padded_executions (store, workflow, 1);
  g_assert_cmpuint (sy_store_get_wal_pages (store), >, 0);
  g_assert_cmpuint (sy_store_get_wal_pages (store), <, 100);
  g_assert_cmpint (sy_store_count_executions (store, &(SyExecutionFilter) { .workflow_key = "wal" }, &error),
                   >=, 3000 + 1);
  _sy_store_wal_hold_helper (wal, FALSE);
}

static void
test_read_only_connection (Fixture       *fixture,
                           gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) workflow = add_version (store, "ro", "Read only", TRUE);
  g_autoptr(SyExecution) committed = insert_execution (store, workflow, SY_STATUS_RESOLVED, NULL);
  g_autoptr(SyExecution) pending = NULL;
  g_autoptr(SyStore) reader = NULL;
  g_autoptr(SyExecution) seen = NULL;
  g_autoptr(SyWorkflow) rejected = sy_workflow_new ("ro2", "No", "custom-action");
  g_autoptr(GError) error = NULL;

  reader = sy_store_open (fixture->path, SY_STORE_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sy_store_get_schema_version (reader), ==,
                    sy_store_get_schema_version (store));

  seen = sy_store_get_execution (reader, committed->id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seen->status, ==, SY_STATUS_RESOLVED);

  /* Uncommitted writes of the writer stay invisible (WAL snapshot). */
  g_assert_true (sy_store_begin (store, &error));
  pending = insert_execution (store, workflow, SY_STATUS_STARTED, NULL);
  g_assert_cmpuint (sy_store_count_executions (reader, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (sy_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sy_store_count_executions (reader, NULL, &error), ==, 2);

  g_assert_false (sy_store_add_version (reader, rejected, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "readonly"));
  g_clear_error (&error);
  g_assert_false (sy_store_set_state (reader, "x", "y", &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (sy_store_in_transaction (reader));
}

/* ── Unclean stop ──────────────────────────────────────────────────────── */

#define CRASH_PATH_VARIABLE "SY_TEST_STORE_CRASH_PATH"

/* In the child: commit one execution, then die mid-transaction with enough
 * written that SQLite had to spill uncommitted pages into the WAL file. */
static void
crash_child (const char *path)
{
  g_autoptr(SyStore) store = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(SyExecution) committed = NULL;
  g_autoptr(SyExecution) uncommitted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = g_strnfill (1024, 'x');

  store = sy_store_open (path, SY_STORE_READ_WRITE, &error);
  g_assert_no_error (error);
  workflow = add_version (store, "crash", "Crash", TRUE);
  committed = insert_execution (store, workflow, SY_STATUS_RESOLVED, NULL);
  g_assert_cmpint (committed->id, ==, 1);

  g_assert_true (sy_store_begin (store, &error));
  uncommitted = insert_execution (store, workflow, SY_STATUS_STARTED, NULL);
  for (guint i = 0; i < 4000; i++)
    {
      g_autoptr(SyJob) job = sy_job_new ();

      job->execution_id = uncommitted->id;
      job->node_key = g_strdup_printf ("node_%u", i);
      job->node_type = g_strdup ("calculation");
      job->log = g_strdup (log);
      g_assert_true (sy_store_insert_job (store, job, &error));
      g_assert_no_error (error);
    }
  g_assert_true (sy_store_set_state (store, "crash", "uncommitted", &error));

  raise (SIGKILL);
  g_assert_not_reached ();
}

static void
test_unclean_stop (void)
{
  const char *child_path = g_getenv (CRASH_PATH_VARIABLE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(SyStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(SyExecution) committed = NULL;
  g_autofree char *state = NULL;
  GStatBuf wal_stat;

  if (g_test_subprocess ())
    {
      crash_child (child_path);
      return;
    }

  dir = g_dir_make_tmp ("test-store-crash-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "switchyard.db", NULL);
  g_setenv (CRASH_PATH_VARIABLE, path, TRUE);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_unsetenv (CRASH_PATH_VARIABLE);

  /* The kill left a WAL holding uncommitted frames for recovery to drop. */
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_no_errno (g_stat (wal, &wal_stat));
  g_assert_cmpint (wal_stat.st_size, >, 1024 * 1024);

  store = sy_store_open (path, SY_STORE_READ_WRITE, &error);
  g_assert_no_error (error);

  list = sy_store_list_executions (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  committed = sy_store_get_execution (store, 1, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (committed->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpuint (committed->jobs->len, ==, 0);
  g_assert_null (sy_store_get_execution (store, 2, FALSE, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sy_store_get_job (store, 1, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  state = sy_store_get_state (store, "crash", &error);
  g_assert_no_error (error);
  g_assert_null (state);
  g_assert_cmpint (sy_store_get_key_executed (store, "crash", &error), ==, 1);

  /* And the store carries on. */
  {
    g_autoptr(SyVersionRow) row = get_version (store, "crash", 0);
    g_autoptr(SyWorkflow) workflow = sy_workflow_new ("crash", "Crash", "custom-action");
    g_autoptr(SyExecution) next = NULL;

    sy_workflow_set_version_id (workflow, row->id);
    sy_workflow_set_version (workflow, row->version);
    next = insert_execution (store, workflow, SY_STATUS_QUEUEING, NULL);
    g_assert_cmpint (next->id, >, 1);
  }

  g_clear_object (&store);
  remove_dir (dir);
}

/* ── Records as documents ──────────────────────────────────────────────── */

static void
test_format_timestamp (void)
{
  g_autofree char *text = sy_format_timestamp (1795255200123);
  g_autofree char *epoch = sy_format_timestamp (1);
  g_autofree char *before = sy_format_timestamp (-1);
  gint64 now = sy_now_ms ();
  gint64 real = g_get_real_time () / 1000;

  g_assert_cmpstr (text, ==, "2026-11-21T10:00:00.123Z");
  g_assert_cmpstr (epoch, ==, "1970-01-01T00:00:00.001Z");
  g_assert_cmpstr (before, ==, "1969-12-31T23:59:59.999Z");
  g_assert_null (sy_format_timestamp (0));
  g_assert_cmpint (real - now, >=, 0);
  g_assert_cmpint (real - now, <, 1000);
}

static gboolean
member_is_one_of (const char         *name,
                  const char * const *names)
{
  return g_strv_contains (names, name);
}

/* Every spec member present, and nothing beyond the allowed extensions. */
static void
assert_members (JsonObject         *object,
                const char * const *spec,
                const char * const *extensions)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (guint i = 0; spec[i] != NULL; i++)
    if (!json_object_has_member (object, spec[i]))
      g_error ("missing member “%s”", spec[i]);

  for (GList *l = members; l != NULL; l = l->next)
    if (!member_is_one_of (l->data, spec) && !member_is_one_of (l->data, extensions))
      g_error ("unexpected member “%s”", (const char *) l->data);
}

static void
test_execution_to_json (void)
{
  static const char * const execution_spec[] = {
    "id", "workflow", "version", "status", "reason", "manually", "context", "output",
    "created_at", "started_at", "finished_at", "jobs", NULL,
  };
  static const char * const execution_extensions[] = {
    "parent_execution", "retry_of", "expires_at", NULL,
  };
  static const char * const job_spec[] = {
    "id", "node", "type", "status", "result", "started_at", "finished_at", NULL,
  };
  static const char * const job_extensions[] = {
    "config", "log", "branch", "upstream", NULL,
  };
  g_autoptr(SyExecution) execution = sy_execution_new ();
  g_autoptr(SyJob) done = sy_job_new ();
  g_autoptr(SyJob) waiting = sy_job_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) listed = NULL;
  JsonObject *object;
  JsonArray *jobs;
  JsonObject *job;

  execution->id = 42;
  execution->workflow_key = g_strdup ("order-stock");
  execution->version = 3;
  execution->status = SY_STATUS_RESOLVED;
  execution->manually = TRUE;
  execution->context = parse_json ("{\"body\":{\"qty\":2}}");
  execution->created_at = 1795255200123;
  execution->started_at = 1795255200200;
  execution->finished_at = 1795255201000;
  execution->parent_execution_id = 7;
  execution->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_job_unref);

  done->id = 101;
  done->node_key = g_strdup ("enough");
  done->node_type = g_strdup ("condition");
  done->status = SY_STATUS_RESOLVED;
  done->result = json_node_init_boolean (json_node_alloc (), TRUE);
  done->started_at = 1795255200300;
  done->finished_at = 1795255200301;
  g_ptr_array_add (execution->jobs, sy_job_ref (done));

  waiting->id = 102;
  waiting->node_key = g_strdup ("approve");
  waiting->node_type = g_strdup ("manual");
  waiting->upstream_id = 101;
  waiting->branch = g_strdup ("true");
  waiting->status = SY_STATUS_PENDING;
  waiting->started_at = 1795255200400;
  g_ptr_array_add (execution->jobs, sy_job_ref (waiting));

  node = sy_execution_to_json (execution);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  assert_members (object, execution_spec, execution_extensions);

  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 42);
  g_assert_cmpstr (json_object_get_string_member (object, "workflow"), ==, "order-stock");
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "resolved");
  g_assert_true (json_object_get_null_member (object, "reason"));
  g_assert_true (json_object_get_boolean_member (object, "manually"));
  assert_json_equal (json_object_get_member (object, "context"), "{\"body\":{\"qty\":2}}");
  g_assert_true (json_object_get_null_member (object, "output"));
  g_assert_cmpstr (json_object_get_string_member (object, "created_at"), ==, "2026-11-21T10:00:00.123Z");
  g_assert_cmpstr (json_object_get_string_member (object, "started_at"), ==, "2026-11-21T10:00:00.200Z");
  g_assert_cmpstr (json_object_get_string_member (object, "finished_at"), ==, "2026-11-21T10:00:01.000Z");
  g_assert_true (json_object_get_null_member (object, "expires_at"));
  g_assert_cmpint (json_object_get_int_member (object, "parent_execution"), ==, 7);
  g_assert_true (json_object_get_null_member (object, "retry_of"));

  jobs = json_object_get_array_member (object, "jobs");
  g_assert_cmpuint (json_array_get_length (jobs), ==, 2);

  job = json_array_get_object_element (jobs, 0);
  assert_members (job, job_spec, job_extensions);
  g_assert_cmpint (json_object_get_int_member (job, "id"), ==, 101);
  g_assert_cmpstr (json_object_get_string_member (job, "node"), ==, "enough");
  g_assert_cmpstr (json_object_get_string_member (job, "type"), ==, "condition");
  g_assert_cmpstr (json_object_get_string_member (job, "status"), ==, "resolved");
  g_assert_true (json_object_get_boolean_member (job, "result"));
  g_assert_cmpstr (json_object_get_string_member (job, "started_at"), ==, "2026-11-21T10:00:00.300Z");
  g_assert_cmpstr (json_object_get_string_member (job, "finished_at"), ==, "2026-11-21T10:00:00.301Z");
  g_assert_true (json_object_get_null_member (job, "upstream"));

  /* A waiting job reads "pending", not the execution's "started". */
  job = json_array_get_object_element (jobs, 1);
  assert_members (job, job_spec, job_extensions);
  g_assert_cmpstr (json_object_get_string_member (job, "status"), ==, "pending");
  g_assert_true (json_object_get_null_member (job, "result"));
  g_assert_true (json_object_get_null_member (job, "finished_at"));
  g_assert_cmpint (json_object_get_int_member (job, "upstream"), ==, 101);
  g_assert_cmpstr (json_object_get_string_member (job, "branch"), ==, "true");

  /* The record keeps its own JSON. */
  g_assert_true (json_node_get_boolean (done->result));

  /* Listings carry no jobs member; a queued execution reads "queueing". */
  g_clear_pointer (&execution->jobs, g_ptr_array_unref);
  execution->status = SY_STATUS_QUEUEING;
  execution->started_at = 0;
  listed = sy_execution_to_json (execution);
  object = json_node_get_object (listed);
  g_assert_false (json_object_has_member (object, "jobs"));
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "queueing");
  g_assert_true (json_object_get_null_member (object, "started_at"));

  {
    g_autoptr(JsonNode) single = sy_job_to_json (done);

    assert_members (json_node_get_object (single), job_spec, job_extensions);
  }
}

static void
test_boxed_types (void)
{
  g_autoptr(SyExecution) execution = sy_execution_new ();
  g_autoptr(SyJob) job = sy_job_new ();
  SyExecution *copy;
  SyJob *job_copy;

  g_assert_cmpint (execution->status, ==, SY_STATUS_QUEUEING);
  g_assert_cmpint (job->status, ==, SY_STATUS_PENDING);
  g_assert_true (G_TYPE_IS_BOXED (SY_TYPE_EXECUTION));
  g_assert_true (G_TYPE_IS_BOXED (SY_TYPE_JOB));

  /* Boxed copies are references: the same record. */
  copy = g_boxed_copy (SY_TYPE_EXECUTION, execution);
  g_assert_true (copy == execution);
  g_boxed_free (SY_TYPE_EXECUTION, copy);
  job_copy = g_boxed_copy (SY_TYPE_JOB, job);
  g_assert_true (job_copy == job);
  g_boxed_free (SY_TYPE_JOB, job_copy);
}

/* Needs the real document parser (sy-workflow.c): kept last on purpose. */
static void
test_version_row_to_workflow (Fixture       *fixture,
                              gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) v1 = add_version (store, "parse", "Parse me", TRUE);
  g_autoptr(SyWorkflow) v2 = add_version (store, "parse", "Parse me too", TRUE);
  g_autoptr(SyVersionRow) row = get_version (store, "parse", 1);
  g_autoptr(SyWorkflow) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = sy_version_row_to_workflow (row, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_workflow_get_key (loaded), ==, "parse");
  g_assert_cmpstr (sy_workflow_get_title (loaded), ==, "Parse me");
  g_assert_cmpint (sy_workflow_get_version_id (loaded), ==, sy_workflow_get_version_id (v1));
  g_assert_cmpuint (sy_workflow_get_version (loaded), ==, 1);
  /* Stored enabled, but v2 took over: the column wins over the document. */
  g_assert_false (sy_workflow_get_enabled (loaded));
  g_clear_object (&loaded);

  g_clear_pointer (&row->document, g_free);
  row->document = g_strdup ("{ not json");
  g_assert_null (sy_version_row_to_workflow (row, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "“parse”"));
}

/* Drafts being edited may have problems: the store keeps them as they are
 * and reads them back with their problems. Needs the document parser too. */
static void
test_draft_with_problems (Fixture       *fixture,
                          gconstpointer  data)
{
  SyStore *store = fixture->store;
  g_autoptr(SyWorkflow) workflow = sy_workflow_new ("draft", "Draft", "webhook");
  g_autoptr(SyNode) node = sy_node_new ("sum", "calculation");
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyWorkflow) loaded = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  sy_node_chain_insert (sy_workflow_get_nodes (workflow), NULL, NULL, 0, node);
  sy_workflow_reindex (workflow);
  g_assert_true (sy_store_add_version (store, workflow, &error));
  g_assert_no_error (error);

  /* Edited further: a reference to a node that does not exist. */
  json_object_set_string_member (sy_node_get_config (node), "expression", "{{$jobsMapByNodeKey.gone}}");
  g_assert_true (sy_store_update_version (store, workflow, &error));
  g_assert_no_error (error);

  row = get_version (store, "draft", 0);
  loaded = sy_version_row_to_workflow (row, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sy_workflow_find_node (loaded, "sum"));
  problems = sy_workflow_validate (loaded);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((SyProblem *) g_ptr_array_index (problems, 0))->path, ==, "nodes[0].config.expression");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_EMPTY(path, func) \
  g_test_add ("/store/" path, Fixture, NULL, fixture_set_up_empty, func, fixture_tear_down)

  ADD_EMPTY ("schema/migrates-empty-file", test_schema_migrates_empty_file);
  ADD ("schema/reopen-is-idempotent", test_schema_reopen_is_idempotent);
  ADD_EMPTY ("schema/refuses-newer", test_schema_refuses_newer);
  ADD_EMPTY ("schema/refuses-non-database", test_schema_refuses_non_database);
  ADD ("schema/refuses-truncated", test_schema_refuses_truncated);
  ADD_EMPTY ("schema/refuses-other-database", test_schema_refuses_other_database);
  ADD_EMPTY ("schema/open-directory", test_schema_open_directory);
  ADD_EMPTY ("schema/read-only-needs-database", test_schema_read_only_needs_database);
  ADD ("versions/current-and-enabled", test_versions_current_and_enabled);
  ADD ("versions/listing", test_versions_listing);
  ADD ("versions/frozen-after-execution", test_versions_frozen_after_execution);
  ADD ("versions/counters", test_counters);
  ADD ("versions/delete-purge", test_delete_workflow_purge);
  ADD ("executions/duplicate-event", test_execution_duplicate_event);
  ADD ("executions/round-trip", test_execution_round_trip);
  ADD ("executions/repairs-utf8", test_execution_repairs_utf8);
  ADD ("executions/list-filters", test_executions_list_filters);
  ADD ("executions/filter-matches", test_executions_filter_matches);
  ADD ("executions/in-status", test_executions_in_status);
  ADD ("executions/delete-cascades", test_delete_execution_cascades);
  ADD ("executions/delete-in-bulk", test_delete_executions_in_bulk);
  ADD ("jobs/round-trip", test_jobs_round_trip);
  ADD ("timers/order", test_timers_order);
  ADD ("state/get-set", test_state);
  ADD ("transactions/rollback", test_transactions);
  ADD ("read-only/sees-commits-refuses-writes", test_read_only_connection);
  ADD ("wal/checkpoints-off-commits", test_wal_checkpoints_off_commits);
  g_test_add_func ("/store/crash/unclean-stop", test_unclean_stop);
  g_test_add_func ("/store/records/format-timestamp", test_format_timestamp);
  g_test_add_func ("/store/records/execution-to-json", test_execution_to_json);
  g_test_add_func ("/store/records/boxed-types", test_boxed_types);
  ADD ("workflow-document/row-to-workflow", test_version_row_to_workflow);
  ADD ("workflow-document/draft-with-problems", test_draft_with_problems);

#undef ADD
#undef ADD_EMPTY

  return g_test_run ();
}
