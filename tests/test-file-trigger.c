/* test-file-trigger.c — the "file" trigger watching a real temporary folder */
#include "config.h"

#include <glib/gstdio.h>

#include "sy-engine.h"
#include "sy-test-engine.h"

typedef struct
{
  char     *data_dir;
  char     *folder;
  SyEngine *engine;
} Fixture;

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  fixture->data_dir = sy_test_make_dir ();
  fixture->folder = sy_test_make_dir ();
  fixture->engine = sy_test_engine_new (fixture->data_dir);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  sy_engine_stop (fixture->engine);
  g_clear_object (&fixture->engine);
  sy_test_remove_tree (fixture->data_dir);
  sy_test_remove_tree (fixture->folder);
  g_free (fixture->data_dir);
  g_free (fixture->folder);
}

/* Watches the fixture's folder; `extra` adds members to the config. */
static void
import (Fixture    *fixture,
        const char *extra)
{
  g_autofree char *document = g_strdup_printf (
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"files\", \"title\": \"Files\","
    " \"enabled\": true, \"sync\": false,"
    " \"trigger\": {\"type\": \"file\", \"config\": {\"folder\": \"%s\", %s}},"
    " \"nodes\": [{\"key\": \"a\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]}",
    fixture->folder, extra);

  sy_test_import (fixture->engine, document);
  sy_test_sleep_ms (100); /* the trigger starts after the import commits */
}

/* The contexts of the executions so far, oldest first, once `expected`
 * have come (or 5 s passed) and `settle` ms brought no more. */
static GPtrArray *
contexts (Fixture *fixture,
          guint    expected,
          guint    settle)
{
  SyExecutionFilter filter = { .workflow_key = "files" };
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  g_autoptr(GPtrArray) list = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  while (TRUE)
    {
      g_autoptr(GAsyncResult) done = NULL;

      g_clear_pointer (&list, g_ptr_array_unref);
      sy_engine_list_executions_async (fixture->engine, &filter, NULL, sy_test_on_done, &done);
      list = sy_engine_list_executions_finish (fixture->engine, sy_test_wait_for (&done), NULL);
      if (list->len >= expected && settle == 0)
        break;
      if (list->len >= expected)
        {
          sy_test_sleep_ms (settle);
          settle = 0;
          continue;
        }
      if (g_get_monotonic_time () > deadline)
        break;
      sy_test_sleep_ms (20);
    }

  for (guint i = list->len; i > 0; i--)
    g_ptr_array_add (result, json_object_ref (json_node_get_object (((SyExecution *) list->pdata[i - 1])->context)));

  return result;
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
test_created (Fixture      *fixture,
              gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "report.pdf", NULL);
  g_autoptr(GPtrArray) list = NULL;
  JsonObject *context;

  import (fixture, "\"events\": [\"created\"], \"debounce\": 100");
  write_file (path, "12345");

  list = contexts (fixture, 1, 400);
  g_assert_cmpuint (list->len, ==, 1);
  context = list->pdata[0];
  g_assert_cmpstr (json_object_get_string_member (context, "event"), ==, "created");
  g_assert_cmpstr (json_object_get_string_member (context, "path"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (context, "name"), ==, "report.pdf");
  g_assert_cmpint (json_object_get_int_member (context, "size"), ==, 5);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (context, "modified"), "Z"));
}

static void
test_debounce (Fixture      *fixture,
               gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "growing.log", NULL);
  g_autoptr(GPtrArray) list = NULL;
  FILE *file;

  import (fixture, "\"events\": [\"created\", \"changed\"], \"debounce\": 400");
  file = fopen (path, "w");
  g_assert_nonnull (file);
  for (guint i = 0; i < 6; i++)
    {
      fputs ("0123456789", file);
      fflush (file);
      sy_test_sleep_ms (100);
    }
  fclose (file);

  /* Written for 600 ms, never quiet for 400 ms: one event, when it settled. */
  list = contexts (fixture, 1, 800);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (list->pdata[0], "event"), ==, "created");
  g_assert_cmpint (json_object_get_int_member (list->pdata[0], "size"), ==, 60);
}

static void
test_pattern_and_recursive (Fixture      *fixture,
                            gconstpointer data)
{
  g_autofree char *sub = g_build_filename (fixture->folder, "sub", NULL);
  g_autofree char *deep = g_build_filename (fixture->folder, "sub", "deep", NULL);
  g_autofree char *skipped = g_build_filename (fixture->folder, "notes.txt", NULL);
  g_autofree char *in_sub = g_build_filename (sub, "a.pdf", NULL);
  g_autofree char *in_deep = g_build_filename (deep, "b.pdf", NULL);
  g_autoptr(GPtrArray) list = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  import (fixture, "\"events\": [\"created\"], \"pattern\": \"*.pdf\", \"recursive\": true, \"debounce\": 50");

  write_file (skipped, "x");
  write_file (in_sub, "x");
  /* A subfolder made while watching is watched too, even when a file lands
   * in it before its own monitor exists (as when a tree is copied in). */
  g_assert_cmpint (g_mkdir (deep, 0700), ==, 0);
  write_file (in_deep, "x");

  list = contexts (fixture, 2, 400);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (list->pdata[0], "path"), ==, in_sub);
  g_assert_cmpstr (json_object_get_string_member (list->pdata[1], "path"), ==, in_deep);
}

static void
test_deleted_and_moved (Fixture      *fixture,
                        gconstpointer data)
{
  g_autofree char *first = g_build_filename (fixture->folder, "first.txt", NULL);
  g_autofree char *second = g_build_filename (fixture->folder, "second.txt", NULL);
  g_autofree char *doomed = g_build_filename (fixture->folder, "doomed.txt", NULL);
  g_autoptr(GPtrArray) list = NULL;

  write_file (first, "1");
  write_file (doomed, "1");
  import (fixture, "\"events\": [\"deleted\", \"moved\"], \"debounce\": 50");

  g_assert_cmpint (g_rename (first, second), ==, 0);
  sy_test_sleep_ms (200);
  g_assert_cmpint (g_unlink (doomed), ==, 0);

  list = contexts (fixture, 2, 400);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (list->pdata[0], "event"), ==, "moved");
  g_assert_cmpstr (json_object_get_string_member (list->pdata[0], "path"), ==, second);
  g_assert_cmpstr (json_object_get_string_member (list->pdata[0], "previousPath"), ==, first);
  g_assert_cmpint (json_object_get_int_member (list->pdata[0], "size"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (list->pdata[1], "event"), ==, "deleted");
  g_assert_cmpstr (json_object_get_string_member (list->pdata[1], "name"), ==, "doomed.txt");
  g_assert_true (json_object_get_null_member (list->pdata[1], "size"));
}

static void
test_folder_comes_back (Fixture      *fixture,
                        gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "back.txt", NULL);
  g_autoptr(GPtrArray) list = NULL;

  /* The warnings about the missing folder are expected here. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  import (fixture, "\"events\": [\"created\"], \"debounce\": 50");
  sy_test_remove_tree (fixture->folder);
  sy_test_sleep_ms (300);
  g_assert_cmpint (g_mkdir (fixture->folder, 0700), ==, 0);

  /* Looked for again within 3 s. */
  sy_test_sleep_ms (3500);
  write_file (path, "x");
  list = contexts (fixture, 1, 300);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (list->pdata[0], "path"), ==, path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/file-trigger/created", Fixture, NULL, fixture_set_up, test_created, fixture_tear_down);
  g_test_add ("/file-trigger/debounce", Fixture, NULL, fixture_set_up, test_debounce, fixture_tear_down);
  g_test_add ("/file-trigger/pattern-recursive", Fixture, NULL, fixture_set_up, test_pattern_and_recursive,
              fixture_tear_down);
  g_test_add ("/file-trigger/deleted-moved", Fixture, NULL, fixture_set_up, test_deleted_and_moved,
              fixture_tear_down);
  g_test_add ("/file-trigger/folder-comes-back", Fixture, NULL, fixture_set_up, test_folder_comes_back,
              fixture_tear_down);

  return g_test_run ();
}
