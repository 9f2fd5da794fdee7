/* test-cli.c — the built `switchyard` binary: commands, JSON shapes, exit
 * statuses, forwarding to a --headless process, and the data-dir lock */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sys/file.h>

#include "sy-engine.h"

typedef struct
{
  char *data_dir;
  char *data_dir_option;
} Fixture;

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->data_dir = g_dir_make_tmp ("switchyard-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir_option = g_strconcat ("--data-dir=", fixture->data_dir, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->data_dir);

  remove_tree (dir);
  g_free (fixture->data_dir);
  g_free (fixture->data_dir_option);
}

static const char *
switchyard_bin (void)
{
  const char *bin = g_getenv ("SWITCHYARD_BIN");

  g_assert_nonnull (bin);
  return bin;
}

static char *
fixture_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "cli", name, NULL);
}

/* How run_full() starts the program: `no_bus` as if there were no session
 * bus (ssh, CI); `no_data_dir` without the fixture's --data-dir; `env`
 * name, value pairs to set (a NULL value unsets), NULL-terminated. */
typedef struct
{
  gboolean            no_bus;
  gboolean            no_data_dir;
  const char * const *env;
} RunOptions;

/* Runs `switchyard ARGS… --data-dir=D` and returns its exit status; `out`
 * and `err` (may be NULL) receive what it printed. `options` may be NULL. */
static int
run_full (Fixture          *fixture,
          const RunOptions *options,
          char            **out,
          char            **err,
          const char       *first_arg,
          va_list           args)
{
  gboolean no_bus = options != NULL && options->no_bus;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autofree char *empty_runtime = NULL;

  g_ptr_array_add (argv, (char *) switchyard_bin ());
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  if (options == NULL || !options->no_data_dir)
    g_ptr_array_add (argv, fixture->data_dir_option);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (no_bus)
    {
      empty_runtime = g_build_filename (fixture->data_dir, "no-runtime", NULL);
      g_mkdir_with_parents (empty_runtime, 0700);
      g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
      g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
      g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", empty_runtime, TRUE);
    }
  for (guint i = 0; options != NULL && options->env != NULL && options->env[i] != NULL; i += 2)
    {
      if (options->env[i + 1] != NULL)
        g_subprocess_launcher_setenv (launcher, options->env[i], options->env[i + 1], TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, options->env[i]);
    }

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);

  if (g_test_verbose ())
    g_test_message ("switchyard %s…: status %d\nstdout: %s\nstderr: %s", first_arg,
                    g_subprocess_get_exit_status (process), stdout_text, stderr_text);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);

  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static int
run (Fixture     *fixture,
     char       **out,
     char       **err,
     const char  *first_arg,
     ...) G_GNUC_NULL_TERMINATED;

static int
run (Fixture     *fixture,
     char       **out,
     char       **err,
     const char  *first_arg,
     ...)
{
  va_list args;
  int status;

  va_start (args, first_arg);
  status = run_full (fixture, NULL, out, err, first_arg, args);
  va_end (args);

  return status;
}

/* As if there were no session bus (ssh, CI). */
static const RunOptions no_bus = { .no_bus = TRUE };

static int
run_with (Fixture          *fixture,
          const RunOptions *options,
          char            **out,
          char            **err,
          const char       *first_arg,
          ...) G_GNUC_NULL_TERMINATED;

static int
run_with (Fixture          *fixture,
          const RunOptions *options,
          char            **out,
          char            **err,
          const char       *first_arg,
          ...)
{
  va_list args;
  int status;

  va_start (args, first_arg);
  status = run_full (fixture, options, out, err, first_arg, args);
  va_end (args);

  return status;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static JsonArray *
list_workflows (Fixture  *fixture,
                JsonNode **keep)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run (fixture, &out, NULL, "workflow", "list", "--json", NULL), ==, 0);
  *keep = parse_json (out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*keep));
  return json_node_get_array (*keep);
}

static void
import_fixture (Fixture    *fixture,
                const char *name)
{
  g_autofree char *path = fixture_file (name);
  g_autofree char *err = NULL;

  g_assert_cmpint (run (fixture, NULL, &err, "workflow", "import", path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

/* Runs a command that prints one JSON object (an execution, a task, a
 * record) and checks its exit status; `keep` owns the object returned. */
static JsonObject *
run_json_object (Fixture    *fixture,
                 int         expected_status,
                 JsonNode  **keep,
                 char      **err,
                 const char *first_arg,
                 ...) G_GNUC_NULL_TERMINATED;

static JsonObject *
run_json_object (Fixture    *fixture,
                 int         expected_status,
                 JsonNode  **keep,
                 char      **err,
                 const char *first_arg,
                 ...)
{
  g_autofree char *out = NULL;
  va_list args;
  int status;

  va_start (args, first_arg);
  status = run_full (fixture, NULL, &out, err, first_arg, args);
  va_end (args);

  g_assert_cmpint (status, ==, expected_status);
  *keep = parse_json (out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*keep));
  return json_node_get_object (*keep);
}

/* ── Tests ───────────────────────────────────────────────────────────── */

static void
test_help_and_usage (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *err3 = NULL;
  g_autofree char *out4 = NULL;
  g_autofree char *out5 = NULL;
  g_autofree char *err5 = NULL;
  g_autofree char *out6 = NULL;
  g_autofree char *err6 = NULL;
  g_autofree char *out7 = NULL;

  g_assert_cmpint (run (fixture, &out, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "workflow import FILE…"));
  g_assert_nonnull (strstr (out, "execution retry ID [--from NODE]"));

  g_assert_cmpint (run (fixture, &out2, &err, "frobnicate", NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "switchyard: unknown command “frobnicate”\n"));
  g_assert_cmpstr (out2, ==, "");

  /* A group without its command. */
  g_assert_cmpint (run (fixture, NULL, &err2, "record", "dance", NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err2, "switchyard: unknown command “record dance”\n"));
  g_assert_nonnull (strstr (out, "task submit ID --action approve|reject|return|save"));
  g_assert_nonnull (strstr (out, "record trigger [COLL [ID…]] --trigger-workflows K,… [--values JSON]"));

  g_assert_cmpint (run (fixture, NULL, &err3, "workflow", "export", NULL), ==, 2);
  g_assert_nonnull (strstr (err3, "missing arguments"));

  g_assert_cmpint (run (fixture, &out4, NULL, "workflow", "execute", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out4, "--no-wait"));

  /* Usage errors are one line and indented detail on stderr, nothing on stdout. */
  g_assert_cmpint (run (fixture, &out5, &err5, "workflow", NULL), ==, 2);
  g_assert_cmpstr (out5, ==, "");
  g_assert_cmpstr (err5, ==, "switchyard: workflow: missing command\n"
                             "  Run “switchyard workflow --help” for its commands.\n");
  g_assert_cmpint (run (fixture, &out6, &err6, "workflow", "list", "extra", NULL), ==, 2);
  g_assert_cmpstr (out6, ==, "");
  g_assert_cmpstr (err6, ==, "switchyard: workflow list: unexpected argument “extra”\n"
                             "  Usage: switchyard workflow list\n");
  g_assert_cmpint (run (fixture, &out7, NULL, "workflow", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out7, "  workflow validate FILE…"));
}

static void
test_validate_invalid (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *invalid = fixture_file ("invalid.json");
  g_autofree char *valid = fixture_file ("resolves.json");
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(JsonNode) listed = NULL;
  JsonObject *first, *problem;

  g_assert_cmpint (run (fixture, NULL, &err, "workflow", "validate", invalid, NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "switchyard: "));
  g_assert_nonnull (strstr (err, "\n  nodes[1].type: unknown node type “no-such-node”\n"));

  g_assert_cmpint (run (fixture, &out, NULL, "workflow", "validate", "--json", invalid, valid, NULL), ==, 2);
  result = parse_json (out);
  g_assert_cmpint (json_array_get_length (json_node_get_array (result)), ==, 2);
  first = json_array_get_object_element (json_node_get_array (result), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "file"), ==, invalid);
  g_assert_false (json_object_get_boolean_member (first, "valid"));
  problem = json_array_get_object_element (json_object_get_array_member (first, "errors"), 0);
  g_assert_cmpstr (json_object_get_string_member (problem, "path"), ==, "nodes[1].type");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (json_node_get_array (result), 1),
                                                 "valid"));

  g_assert_cmpuint (json_array_get_length (list_workflows (fixture, &listed)), ==, 0);
}

static void
test_validate_needs_no_lock (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *valid = fixture_file ("resolves.json");
  g_autofree char *lock_path = g_build_filename (fixture->data_dir, "lock", NULL);
  g_autofree char *out = NULL;
  int fd;

  fd = g_open (lock_path, O_RDWR | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);

  g_assert_cmpint (run_with (fixture, &no_bus, &out, NULL, "workflow", "validate", valid, NULL), ==, 0);
  g_assert_nonnull (strstr (out, ": valid\n"));

  close (fd);
}

static void
test_import_all_or_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *invalid = fixture_file ("invalid.json");
  g_autofree char *valid = fixture_file ("resolves.json");
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) listed = NULL;

  g_assert_cmpint (run (fixture, NULL, &err, "workflow", "import", valid, invalid, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "nothing was imported"));
  g_assert_nonnull (strstr (err, "invalid.json: nodes[1].type: "));

  g_assert_cmpuint (json_array_get_length (list_workflows (fixture, &listed)), ==, 0);
}

/* Files that are not workflow files at all: each says what it is. */
static void
test_import_not_workflow_files (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *valid = fixture_file ("resolves.json");
  g_autofree char *folder = g_build_filename (fixture->data_dir, "a-folder.json", NULL);
  g_autofree char *binary = g_build_filename (fixture->data_dir, "picture.json", NULL);
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) listed = NULL;

  g_assert_no_errno (g_mkdir (folder, 0700));
  g_assert_true (g_file_set_contents (binary, png, sizeof png, NULL));
  g_assert_cmpint (run (fixture, NULL, &err, "workflow", "import", valid, folder, binary, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "2 of 3 files"));
  g_assert_nonnull (strstr (err, "a-folder.json” is a folder, not a workflow file"));
  g_assert_nonnull (strstr (err, "picture.json: the file is binary data, not a workflow file"));
  g_assert_cmpuint (json_array_get_length (list_workflows (fixture, &listed)), ==, 0);
}

static void
test_import_list_export (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = fixture_file ("resolves.json");
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *export_path = g_build_filename (fixture->data_dir, "exported.json", NULL);
  g_autoptr(JsonNode) imported = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonNode) round_trip = NULL;
  g_autoptr(JsonNode) from_file = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *no_version = NULL;
  JsonObject *row;
  JsonArray *rows;

  g_assert_cmpint (run (fixture, &out, NULL, "workflow", "import", "--json", path, NULL), ==, 0);
  imported = parse_json (out);
  row = json_array_get_object_element (json_node_get_array (imported), 0);
  g_assert_cmpstr (json_object_get_string_member (row, "key"), ==, "double");
  g_assert_cmpint (json_object_get_int_member (row, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (row, "title"), ==, "Double a number");

  rows = list_workflows (fixture, &listed);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "key"), ==, "double");
  g_assert_cmpstr (json_object_get_string_member (row, "title"), ==, "Double a number");
  g_assert_cmpstr (json_object_get_string_member (row, "trigger"), ==, "webhook");
  g_assert_false (json_object_get_boolean_member (row, "enabled"));
  g_assert_false (json_object_get_boolean_member (row, "sync"));
  g_assert_cmpint (json_object_get_int_member (row, "version"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (row, "versions"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (row, "executed"), ==, 0);

  /* The exported document is the imported one. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  document = parse_json (contents);
  g_assert_cmpint (run (fixture, &exported, NULL, "workflow", "export", "double", NULL), ==, 0);
  round_trip = parse_json (exported);
  g_assert_true (json_node_equal (document, round_trip));

  g_assert_cmpint (run (fixture, NULL, NULL, "workflow", "export", "double", "--version", "1",
                        "-o", export_path, NULL), ==, 0);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (export_path, &contents, NULL, NULL));
  from_file = parse_json (contents);
  g_assert_true (json_node_equal (document, from_file));

  /* Messages from the store read like the engine's: lowercase-first. */
  g_assert_cmpint (run (fixture, NULL, &missing, "workflow", "export", "nope", NULL), ==, 2);
  g_assert_cmpstr (missing, ==, "switchyard: cannot export “nope”: there is no workflow “nope”\n");
  g_assert_cmpint (run (fixture, NULL, &no_version, "workflow", "export", "double", "--version", "9", NULL), ==, 2);
  g_assert_cmpstr (no_version, ==, "switchyard: cannot export “double”: workflow “double” has no version 9\n");

  /* The same key again: a new version. */
  g_assert_cmpint (run (fixture, &out2, NULL, "workflow", "import", "--json", path, NULL), ==, 0);
  again = parse_json (out2);
  row = json_array_get_object_element (json_node_get_array (again), 0);
  g_assert_cmpint (json_object_get_int_member (row, "version"), ==, 2);
}

static void
assert_execution_shape (JsonObject *execution,
                        const char *workflow,
                        const char *status)
{
  const char *members[] = { "id", "workflow", "version", "status", "reason", "manually", "context",
                            "output", "created_at", "started_at", "finished_at" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (execution, members[i]));
  g_assert_cmpint (json_object_get_int_member (execution, "id"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (execution, "workflow"), ==, workflow);
  g_assert_cmpint (json_object_get_int_member (execution, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (execution, "status"), ==, status);
  g_assert_true (json_object_get_boolean_member (execution, "manually"));
  /* RFC 3339 UTC with milliseconds */
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$",
                                       json_object_get_string_member (execution, "created_at"), 0, 0));
}

/* A document without a key gets one from its title on import; it names a
 * new workflow, never a new version of another one that has that key. */
static void
test_import_generated_key (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->data_dir, "keyless.json", NULL);
  g_autofree char *resolves = fixture_file ("resolves.json");
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) imported = NULL;
  g_autoptr(JsonNode) listed = NULL;
  JsonArray *rows;

  g_assert_true (g_file_set_contents (path,
                                      "{\"format\": \"switchyard-workflow/1\", \"title\": \"Double\","
                                      " \"trigger\": {\"type\": \"webhook\", \"config\": {}}, \"nodes\": []}",
                                      -1, NULL));
  /* "double" is taken by resolves.json, whose title is another. */
  import_fixture (fixture, "resolves.json");
  g_assert_cmpint (run (fixture, &out, NULL, "workflow", "import", path, path, "--json", NULL), ==, 0);
  imported = parse_json (out);
  rows = json_node_get_array (imported);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "key"), ==, "double-2");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1), "key"), ==, "double-3");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 1), "version"), ==, 1);

  rows = list_workflows (fixture, &listed);
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, i), "versions"), ==, 1);
}

/* cli.md: --data-dir=DIR, else $SWITCHYARD_DATA_DIR, else
 * $XDG_DATA_HOME/switchyard; one that cannot be opened is status 4. */
static void
test_data_dir_choice (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *resolves = fixture_file ("resolves.json");
  g_autofree char *by_env = g_build_filename (fixture->data_dir, "by-env", NULL);
  g_autofree char *xdg = g_build_filename (fixture->data_dir, "xdg", NULL);
  g_autofree char *by_env_db = g_build_filename (by_env, "switchyard.db", NULL);
  g_autofree char *xdg_db = g_build_filename (xdg, "switchyard", "switchyard.db", NULL);
  g_autofree char *plain_file = g_build_filename (fixture->data_dir, "plain-file", NULL);
  g_autofree char *under_file = g_strconcat ("--data-dir=", plain_file, "/sub", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(JsonNode) listed = NULL;
  const char * const env_dir[] = { "SWITCHYARD_DATA_DIR", by_env, NULL };
  const char * const xdg_only[] = { "SWITCHYARD_DATA_DIR", NULL, "XDG_DATA_HOME", xdg, NULL };
  RunOptions by_variable = { .no_bus = TRUE, .no_data_dir = TRUE, .env = env_dir };
  RunOptions by_xdg = { .no_bus = TRUE, .no_data_dir = TRUE, .env = xdg_only };
  RunOptions option_wins = { .no_bus = TRUE, .env = env_dir };

  g_assert_cmpint (run_with (fixture, &by_variable, NULL, NULL, "workflow", "import", resolves, NULL), ==, 0);
  g_assert_true (g_file_test (by_env_db, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (run_with (fixture, &by_xdg, NULL, NULL, "workflow", "import", resolves, NULL), ==, 0);
  g_assert_true (g_file_test (xdg_db, G_FILE_TEST_IS_REGULAR));

  /* --data-dir wins over the variable: the fixture's directory is empty. */
  g_assert_cmpint (run_with (fixture, &option_wins, &out, NULL, "workflow", "list", "--json", NULL), ==, 0);
  listed = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 0);
  g_clear_pointer (&out, g_free);

  g_assert_true (g_file_set_contents (plain_file, "", 0, NULL));
  g_assert_cmpint (run_with (fixture, &(RunOptions) { .no_bus = TRUE, .no_data_dir = TRUE }, &out, &err,
                             "workflow", "list", under_file, NULL), ==, 4);
  g_assert_cmpstr (out, ==, "");
  expected = g_strdup_printf ("switchyard: cannot create the data directory %s/sub: Not a directory\n", plain_file);
  g_assert_cmpstr (err, ==, expected);
}

/* options.delete_executions: an execution ending in a listed status is
 * deleted, the counters stay; people see no last status for it. */
static void
test_deleted_executions (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->data_dir, "forgets.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *human = NULL;
  g_autoptr(JsonNode) executed = NULL;
  g_autoptr(JsonNode) none = NULL;
  g_autoptr(JsonNode) listed = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "{\"format\": \"switchyard-workflow/1\", \"key\": \"forgets\","
                                      " \"title\": \"Forgets\", \"options\": {\"delete_executions\": [\"resolved\"]},"
                                      " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
                                      " \"nodes\": [{\"key\": \"one\", \"type\": \"calculation\","
                                      " \"config\": {\"expression\": \"1\"}}]}",
                                      -1, NULL));
  g_assert_cmpint (run (fixture, NULL, NULL, "workflow", "import", path, NULL), ==, 0);
  run_json_object (fixture, 0, &executed, NULL, "workflow", "execute", "forgets", "--json", NULL);

  g_assert_cmpint (run (fixture, &out, NULL, "execution", "list", "forgets", "--json", NULL), ==, 0);
  none = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (none)), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list_workflows (fixture, &listed), 0),
                                               "executed"), ==, 1);
  g_assert_cmpint (run (fixture, &human, NULL, "workflow", "list", NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("\\nforgets +Forgets +webhook +no +1 of 1 +1 +—\\n", human, 0, 0));
}

static void
test_execute (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(JsonNode) resolved_node = NULL;
  g_autoptr(JsonNode) failed_node = NULL;
  g_autoptr(JsonNode) queued_node = NULL;
  g_autoptr(JsonNode) from_file_node = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *err3 = NULL;
  g_autofree char *err4 = NULL;
  g_autofree char *context_file = NULL;
  g_autofree char *context_option = NULL;
  g_autofree char *human = NULL;
  const char * const colour_terminal[] = { "TERM", "xterm-256color", "NO_COLOR", NULL, NULL };
  JsonObject *execution, *job;
  JsonArray *jobs;
  const char *status;

  import_fixture (fixture, "resolves.json");
  import_fixture (fixture, "fails.json");

  execution = run_json_object (fixture, 0, &resolved_node, NULL, "workflow", "execute", "double", "--json",
                               "--context", "{\"n\": 30}", NULL);
  assert_execution_shape (execution, "double", "resolved");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (execution, "context"), "n"), ==, 30);
  jobs = json_object_get_array_member (execution, "jobs");
  g_assert_cmpuint (json_array_get_length (jobs), ==, 2);
  job = json_array_get_object_element (jobs, 0);
  g_assert_cmpstr (json_object_get_string_member (job, "node"), ==, "twice");
  g_assert_cmpstr (json_object_get_string_member (job, "type"), ==, "calculation");
  g_assert_cmpstr (json_object_get_string_member (job, "status"), ==, "resolved");
  g_assert_cmpint (json_object_get_int_member (job, "result"), ==, 60);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (jobs, 1), "node"), ==, "big");

  /* Disabled workflows run when executed by hand; a failure is status 1. */
  execution = run_json_object (fixture, 1, &failed_node, NULL, "workflow", "execute", "always-fails", "--json", NULL);
  assert_execution_shape (execution, "always-fails", "failed");

  g_assert_cmpint (run (fixture, NULL, &err, "workflow", "execute", "nope", NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "switchyard: "));
  g_assert_cmpint (run (fixture, NULL, &err2, "workflow", "execute", "double", "--context", "{oops", NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err2, "switchyard: invalid --context"));
  /* $context is always an object of named members. */
  g_assert_cmpint (run (fixture, NULL, &err3, "workflow", "execute", "double", "--context", "[30]", NULL), ==, 2);
  g_assert_cmpstr (err3, ==, "switchyard: invalid --context: the trigger context must be a JSON object\n");

  /* --context @FILE reads the file. */
  context_file = g_build_filename (fixture->data_dir, "context.json", NULL);
  g_assert_true (g_file_set_contents (context_file, "{\"n\": 4}", -1, NULL));
  context_option = g_strconcat ("@", context_file, NULL);
  execution = run_json_object (fixture, 1, &from_file_node, NULL, "workflow", "execute", "double", "--json",
                               "--context", context_option, NULL);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (execution, "context"), "n"), ==, 4);
  g_assert_cmpint (run (fixture, NULL, &err4, "workflow", "execute", "double", "--context", "@no-such-file.json",
                        NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err4, "switchyard: invalid --context: "));

  execution = run_json_object (fixture, 0, &queued_node, NULL, "workflow", "execute", "double", "--json",
                               "--no-wait", NULL);
  status = json_object_get_string_member (execution, "status");
  g_assert_true (g_str_equal (status, "queueing") || g_str_equal (status, "started") ||
                 g_str_equal (status, "resolved"));

  /* People get the status and the jobs; colour only on a terminal. */
  g_assert_cmpint (run_with (fixture, &(RunOptions) { .env = colour_terminal }, &human, NULL,
                             "workflow", "execute", "double", NULL), ==, 0);
  g_assert_null (strchr (human, '\033'));
  g_assert_nonnull (strstr (human, "of double (version 1): resolved\n"));
  g_assert_true (g_regex_match_simple ("\\n\\d+ +twice +calculation +resolved +42\\n", human, 0, 0));
}

static void
test_executions (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) first_node = NULL;
  g_autoptr(JsonNode) failed_node = NULL;
  g_autoptr(JsonNode) shown_node = NULL;
  g_autoptr(JsonNode) retried_node = NULL;
  g_autoptr(JsonNode) from_node = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) filtered = NULL;
  g_autoptr(JsonNode) limited = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *failed_id = NULL;
  JsonObject *execution;
  JsonArray *array;
  gint64 id;

  import_fixture (fixture, "resolves.json");
  import_fixture (fixture, "fails.json");
  execution = run_json_object (fixture, 0, &first_node, NULL, "workflow", "execute", "double", "--json", NULL);
  id = json_object_get_int_member (execution, "id");
  first_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  execution = run_json_object (fixture, 1, &failed_node, NULL, "workflow", "execute", "always-fails", "--json", NULL);
  failed_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (execution, "id"));

  /* Newest first, without jobs. */
  g_assert_cmpint (run (fixture, &out, NULL, "execution", "list", "--json", NULL), ==, 0);
  listed = parse_json (out);
  array = json_node_get_array (listed);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "workflow"), ==,
                   "always-fails");
  g_assert_false (json_object_has_member (json_array_get_object_element (array, 0), "jobs"));

  g_assert_cmpint (run (fixture, &out3, NULL, "execution", "list", "--limit", "1", "--json", NULL), ==, 0);
  limited = parse_json (out3);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (limited)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (limited), 0),
                                                  "workflow"), ==, "always-fails");

  g_assert_cmpint (run (fixture, &out2, NULL, "execution", "list", "double", "--status", "resolved",
                        "--limit", "5", "--json", NULL), ==, 0);
  filtered = parse_json (out2);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (filtered)), ==, 1);
  g_assert_cmpint (run (fixture, NULL, NULL, "execution", "list", "--status", "bogus", NULL), ==, 2);

  execution = run_json_object (fixture, 0, &shown_node, NULL, "execution", "show", first_id, "--json", NULL);
  g_assert_cmpint (json_object_get_int_member (execution, "id"), ==, id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (execution, "jobs")), ==, 2);
  g_assert_cmpint (run (fixture, NULL, NULL, "execution", "show", "999", NULL), ==, 2);
  g_assert_cmpint (run (fixture, NULL, NULL, "execution", "show", "nine", NULL), ==, 2);

  /* Retrying the failed one fails again (1); from a node it links back too. */
  execution = run_json_object (fixture, 1, &retried_node, NULL, "execution", "retry", failed_id, "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (execution, "status"), ==, "failed");
  g_assert_cmpint (json_object_get_int_member (execution, "retry_of"), ==,
                   g_ascii_strtoll (failed_id, NULL, 10));

  execution = run_json_object (fixture, 0, &from_node, NULL, "execution", "retry", first_id, "--from", "big",
                               "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (execution, "status"), ==, "resolved");
  g_assert_cmpint (json_object_get_int_member (execution, "retry_of"), ==, id);
  g_assert_cmpint (json_object_get_int_member (execution, "id"), >, id);

  g_assert_cmpint (run (fixture, NULL, NULL, "execution", "retry", first_id, "--from", "nowhere", NULL), ==, 2);
  /* Only queued or waiting executions can be cancelled. */
  g_assert_cmpint (run (fixture, NULL, NULL, "execution", "cancel", first_id, NULL), ==, 2);
}

/* `execution list KEY`: an unknown key is bad input (2); a deleted
 * workflow's kept executions still list, until --purge removes them. */
static void
test_executions_of_a_key (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) executed = NULL;
  g_autoptr(JsonNode) kept = NULL;
  g_autoptr(JsonNode) none = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *err3 = NULL;
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;
  JsonObject *execution;

  g_assert_cmpint (run (fixture, &out, &err, "execution", "list", "nope", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "switchyard: cannot list executions: there is no workflow “nope”\n");

  import_fixture (fixture, "resolves.json");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture, &out, NULL, "execution", "list", "double", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "No executions.\n");

  execution = run_json_object (fixture, 0, &executed, NULL, "workflow", "execute", "double", "--json", NULL);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (execution, "id"));
  g_assert_cmpint (run (fixture, NULL, NULL, "workflow", "delete", "double", NULL), ==, 0);
  /* A kept execution of a deleted workflow cannot run again. */
  g_assert_cmpint (run (fixture, NULL, &err3, "execution", "retry", id, NULL), ==, 2);
  expected = g_strdup_printf ("switchyard: cannot retry execution %s: workflow “double” version 1, which it ran, "
                              "was deleted\n", id);
  g_assert_cmpstr (err3, ==, expected);
  g_assert_cmpint (run (fixture, &out2, NULL, "execution", "list", "double", "--json", NULL), ==, 0);
  kept = parse_json (out2);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (kept)), ==, 1);
  /* Known through its executions, even when none has this status. */
  g_assert_cmpint (run (fixture, &out3, NULL, "execution", "list", "double", "--status", "failed", "--json", NULL),
                   ==, 0);
  none = parse_json (out3);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (none)), ==, 0);

  import_fixture (fixture, "resolves.json");
  g_assert_cmpint (run (fixture, NULL, NULL, "workflow", "delete", "double", "--purge", NULL), ==, 0);
  g_assert_cmpint (run (fixture, NULL, &err2, "execution", "list", "double", "--status", "failed", NULL), ==, 2);
  g_assert_cmpstr (err2, ==, "switchyard: cannot list executions: there is no workflow “double”\n");
}

static void
test_waiting_and_cancel (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) waiting_node = NULL;
  g_autoptr(JsonNode) cancelled_node = NULL;
  g_autoptr(JsonNode) retried_node = NULL;
  g_autofree char *id = NULL;
  JsonObject *execution;

  import_fixture (fixture, "waits.json");

  /* Waiting for a delay is status 3, not an error. */
  execution = run_json_object (fixture, 3, &waiting_node, NULL, "workflow", "execute", "wait-an-hour", "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (execution, "status"), ==, "started");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (execution, "jobs"), 0), "status"), ==, "pending");

  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (execution, "id"));

  /* A retry that waits again is status 3 too. */
  execution = run_json_object (fixture, 3, &retried_node, NULL, "execution", "retry", id, "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (execution, "status"), ==, "started");
  g_assert_cmpint (json_object_get_int_member (execution, "retry_of"), ==, g_ascii_strtoll (id, NULL, 10));

  execution = run_json_object (fixture, 0, &cancelled_node, NULL, "execution", "cancel", id, "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (execution, "status"), ==, "aborted");
  g_assert_cmpstr (json_object_get_string_member (execution, "reason"), ==, "manual_cancel");
}

static void
test_enable_disable_delete (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) enabled = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) listed2 = NULL;
  g_autoptr(JsonNode) deleted = NULL;
  g_autoptr(JsonNode) empty = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err = NULL;

  import_fixture (fixture, "resolves.json");

  /* Enabling starts the webhook server for a moment: its log lines are
   * not the command's business, stderr stays for errors. */
  g_assert_cmpint (run (fixture, &out, &err, "workflow", "enable", "double", "--json", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  enabled = parse_json (out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (enabled), "key"), ==, "double");
  g_assert_true (json_object_get_boolean_member (json_node_get_object (enabled), "enabled"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (list_workflows (fixture, &listed), 0),
                                                 "enabled"));

  g_assert_cmpint (run (fixture, NULL, NULL, "workflow", "disable", "double", NULL), ==, 0);
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (list_workflows (fixture, &listed2), 0),
                                                  "enabled"));
  g_assert_cmpint (run (fixture, NULL, NULL, "workflow", "enable", "nope", NULL), ==, 2);

  g_assert_cmpint (run (fixture, &out2, NULL, "workflow", "delete", "double", "--json", NULL), ==, 0);
  deleted = parse_json (out2);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (deleted), "deleted"));
  g_assert_cmpuint (json_array_get_length (list_workflows (fixture, &empty)), ==, 0);
}

static void
on_engine_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The window stores drafts with problems; the command line can't make
 * one, so the engine does it here, in-process, and lets go of the lock. */
static void
store_draft_with_empty_expression (Fixture    *fixture,
                                   const char *key,
                                   const char *node)
{
  g_autoptr(SyEngine) engine = sy_engine_new (fixture->data_dir);
  g_autoptr(GAsyncResult) got = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyVersionRow) stored = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_engine_start (engine, &error));
  sy_engine_get_workflow_async (engine, key, 0, NULL, on_engine_done, &got);
  while (got == NULL)
    g_main_context_iteration (NULL, TRUE);
  row = sy_engine_get_workflow_finish (engine, got, &error);
  g_assert_no_error (error);
  workflow = sy_version_row_to_workflow (row, &error);
  g_assert_no_error (error);

  json_object_set_string_member (sy_node_get_config (sy_workflow_find_node (workflow, node)), "expression", "");
  sy_engine_save_async (engine, workflow, NULL, on_engine_done, &saved);
  while (saved == NULL)
    g_main_context_iteration (NULL, TRUE);
  stored = sy_engine_save_finish (engine, saved, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->n_problems, ==, 1);
  sy_engine_stop (engine);
}

/* A draft with problems can be exported, but not enabled, executed,
 * validated or imported: each says why, with exit status 2. */
static void
test_draft_with_problems (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *exported = g_build_filename (fixture->data_dir, "draft.json", NULL);
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *err3 = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) listed = NULL;

  import_fixture (fixture, "resolves.json");
  store_draft_with_empty_expression (fixture, "double", "twice");

  g_assert_cmpint (run (fixture, NULL, &err, "workflow", "enable", "double", NULL), ==, 2);
  g_assert_cmpstr (err, ==,
                   "switchyard: cannot enable “double”: the workflow has 1 problem to fix before it can be enabled:\n"
                   "  nodes[0].config.expression: an expression is required\n");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (list_workflows (fixture, &listed), 0),
                                                  "enabled"));

  g_assert_cmpint (run (fixture, NULL, &err2, "workflow", "execute", "double", NULL), ==, 2);
  g_assert_nonnull (strstr (err2, "the workflow has 1 problem to fix before it can run:\n"
                                  "  nodes[0].config.expression: an expression is required\n"));

  g_assert_cmpint (run (fixture, NULL, NULL, "workflow", "export", "double", "-o", exported, NULL), ==, 0);
  g_assert_cmpint (run (fixture, &out, NULL, "workflow", "validate", exported, "--json", NULL), ==, 2);
  g_assert_nonnull (strstr (out, "nodes[0].config.expression"));
  g_assert_cmpint (run (fixture, NULL, &err3, "workflow", "import", exported, NULL), ==, 2);
  g_assert_nonnull (strstr (err3, "nothing was imported"));
}

/* ── Another process: forwarding, the lock, SIGTERM ─────────────────── */

static GSubprocess *
start_headless (Fixture *fixture)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              switchyard_bin (), "--headless", "--port", "8089",
                              fixture->data_dir_option, NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "Switchyard is running headless on "));
  g_assert_nonnull (strstr (line, "switchyard-cli-"));

  return g_steal_pointer (&process);
}

static void
test_headless_forwarding (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GSubprocess) headless = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) executed = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("needs a session bus (build-aux/dev test runs one)");
      return;
    }

  headless = start_headless (fixture);

  /* The headless process holds the lock: these succeed only because it
   * carries them out. */
  import_fixture (fixture, "resolves.json");
  run_json_object (fixture, 0, &executed, NULL, "workflow", "execute", "double", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list_workflows (fixture, &listed)), ==, 1);
  g_assert_cmpint (run (fixture, NULL, &err, "execution", "show", "424242", NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "switchyard: "));

  /* A second engine for the same directory is refused. */
  g_assert_cmpint (run (fixture, NULL, &err2, "--headless", NULL), ==, 4);
  g_assert_nonnull (strstr (err2, "already runs"));

  /* SIGTERM: a clean stop, exit 0, and the store is intact. */
  g_subprocess_send_signal (headless, SIGTERM);
  g_subprocess_wait (headless, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (headless));
  g_assert_cmpint (g_subprocess_get_exit_status (headless), ==, 0);

  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list_workflows (fixture, &after), 0),
                                               "executed"), ==, 1);
}

static void
test_headless_sigint (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSubprocess) headless = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) listed = NULL;

  import_fixture (fixture, "resolves.json");
  headless = start_headless (fixture);

  g_subprocess_send_signal (headless, SIGINT);
  g_subprocess_wait (headless, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (headless));
  g_assert_cmpint (g_subprocess_get_exit_status (headless), ==, 0);

  /* The lock is released and the store intact. */
  g_assert_cmpuint (json_array_get_length (list_workflows (fixture, &listed)), ==, 1);
}

/* Ctrl-C or SIGTERM while `workflow execute` runs the engine in its own
 * process: the engine stops cleanly (exit 128 + the signal, the lock
 * released) and the program the command node ran is gone with it, not
 * orphaned; the execution is neither lost nor left "started": the next
 * start ends it with a reason, as for any node a stop interrupted. */
static void
test_execute_interrupted (Fixture       *fixture,
                          gconstpointer  data)
{
  int signum = GPOINTER_TO_INT (data);
  g_autofree char *marker = g_build_filename (fixture->data_dir, "started", NULL);
  g_autofree char *document = NULL;
  g_autofree char *path = g_build_filename (fixture->data_dir, "slow.json", NULL);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autofree char *pid_text = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) listed = NULL;
  JsonObject *execution;
  gint64 deadline;
  GPid sleeper;

  /* The shell writes its pid, then becomes `sleep` (same pid). */
  document = g_strdup_printf ("{\"format\": \"switchyard-workflow/1\", \"key\": \"slow\", \"title\": \"Slow\","
                              " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
                              " \"nodes\": [{\"key\": \"wait\", \"type\": \"command\", \"config\":"
                              "   {\"argv\": [\"sh\", \"-c\", \"echo $$ > %s.tmp && mv %s.tmp %s && exec sleep 60\"]}},"
                              "  {\"key\": \"after\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]}",
                              marker, marker, marker);
  g_assert_true (g_file_set_contents (path, document, -1, NULL));
  g_assert_cmpint (run (fixture, NULL, NULL, "workflow", "import", path, NULL), ==, 0);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              switchyard_bin (), "workflow", "execute", "slow", fixture->data_dir_option, NULL);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!g_file_get_contents (marker, &pid_text, NULL, NULL) && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  g_assert_nonnull (pid_text);
  sleeper = (GPid) g_ascii_strtoll (pid_text, NULL, 10);
  g_assert_cmpint (sleeper, >, 1);

  g_subprocess_send_signal (process, signum);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 128 + signum);
  g_assert_nonnull (strstr (err, "switchyard: interrupted: stopping the engine"));
  /* Ended and reaped before the engine's stop returned. */
  g_assert_cmpint (kill (sleeper, 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);

  /* The next start (this command's engine) finds the step the stop
   * interrupted and ends the execution with a reason that says so. */
  g_assert_cmpint (run (fixture, &out, NULL, "execution", "list", "slow", "--json", NULL), ==, 0);
  listed = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 1);
  execution = json_array_get_object_element (json_node_get_array (listed), 0);
  g_assert_cmpstr (json_object_get_string_member (execution, "status"), ==, "error");
  g_assert_nonnull (strstr (json_object_get_string_member (execution, "reason"), "stopped"));
}

static void
test_locked_without_bus (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *lock_path = g_build_filename (fixture->data_dir, "lock", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int fd;

  /* Another process (this one) runs the engine and cannot be reached. */
  fd = g_open (lock_path, O_RDWR | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);

  g_assert_cmpint (run_with (fixture, &no_bus, &out, &err, "workflow", "list", NULL), ==, 4);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "switchyard: the data directory "));
  g_assert_nonnull (strstr (err, "is in use by another Switchyard process"));
  g_assert_cmpuint (strlen (err) - 1, ==, (gsize) (strchr (err, '\n') - err));

  close (fd);

  /* Released: the same command works. */
  g_assert_cmpint (run_with (fixture, &no_bus, NULL, NULL, "workflow", "list", NULL), ==, 0);
}

/* A damaged database (switchyard.db, data.db): status 4, one line naming
 * the file and what to do, and the file left exactly as it was. */
static void
test_damaged_databases (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const files[] = { "switchyard.db", "data.db" };
  static const char garbage[] = "SQLite format 3\0 and then nothing a database would hold, "
                                "only a shopping list: milk, eggs, flour, sugar, butter.";
  g_autofree char *resolves = fixture_file ("resolves.json");

  g_assert_cmpint (run (fixture, NULL, NULL, "workflow", "import", resolves, NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (fixture->data_dir, files[i], NULL);
      g_autofree char *saved = g_strconcat (path, ".saved", NULL);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      gsize after_length;

      g_assert_no_errno (g_rename (path, saved));
      g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));

      g_assert_cmpint (run_with (fixture, &no_bus, &out, &err, "workflow", "list", NULL), ==, 4);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "switchyard: "));
      g_assert_nonnull (strstr (err, path));
      g_assert_nonnull (strstr (err, "restore it from a backup"));
      g_assert_cmpuint (strlen (err) - 1, ==, (gsize) (strchr (err, '\n') - err));

      g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
      g_assert_cmpmem (after, after_length, garbage, sizeof garbage);

      /* Put back: everything saved before is there. */
      g_assert_no_errno (g_rename (saved, path));
      g_clear_pointer (&out, g_free);
      g_assert_cmpint (run_with (fixture, &no_bus, &out, NULL, "workflow", "list", NULL), ==, 0);
      g_assert_nonnull (strstr (out, "double"));
    }
}

static void
test_tasks (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const task_members[] = {
    "id", "execution", "workflow", "node", "type", "title", "assignee", "status", "form", NULL
  };
  g_autoptr(JsonNode) waiting_node = NULL;
  g_autoptr(JsonNode) list_node = NULL;
  g_autoptr(JsonNode) saved_node = NULL;
  g_autoptr(JsonNode) approved_node = NULL;
  g_autoptr(JsonNode) done_node = NULL;
  g_autoptr(JsonNode) empty_node = NULL;
  g_autoptr(JsonNode) all_node = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *id = NULL;
  g_autofree char *execution_id = NULL;
  g_autofree char *unknown = NULL;
  JsonObject *execution;
  JsonObject *task;

  import_fixture (fixture, "asks.json");
  execution = run_json_object (fixture, 3, &waiting_node, NULL, "workflow", "execute", "ask-me",
                               "--context", "{\"order\": 12}", "--json", NULL);
  execution_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (execution, "id"));

  g_assert_cmpint (run (fixture, &out, NULL, "task", "list", "--json", NULL), ==, 0);
  list_node = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list_node)), ==, 1);
  task = json_array_get_object_element (json_node_get_array (list_node), 0);
  for (guint i = 0; task_members[i] != NULL; i++)
    g_assert_true (json_object_has_member (task, task_members[i]));
  g_assert_cmpint (json_object_get_int_member (task, "execution"), ==,
                   json_object_get_int_member (execution, "id"));
  g_assert_cmpstr (json_object_get_string_member (task, "workflow"), ==, "ask-me");
  g_assert_cmpstr (json_object_get_string_member (task, "node"), ==, "ask");
  g_assert_cmpstr (json_object_get_string_member (task, "type"), ==, "manual");
  g_assert_cmpstr (json_object_get_string_member (task, "title"), ==, "Order 12");
  g_assert_cmpstr (json_object_get_string_member (task, "assignee"), ==, "me");
  g_assert_cmpstr (json_object_get_string_member (task, "status"), ==, "pending");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (task, "form")), ==, 1);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (task, "id"));
  unknown = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (task, "id") + 100);

  /* Bad usage and unknown ids are status 2. */
  g_assert_cmpint (run (fixture, NULL, &err, "task", "submit", id, "--action", "dance", NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "switchyard: "));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, NULL, NULL, "task", "submit", id, NULL), ==, 2);
  g_assert_cmpint (run (fixture, NULL, NULL, "task", "submit", "x", "--action", "approve", NULL), ==, 2);
  g_assert_cmpint (run (fixture, NULL, NULL, "task", "submit", id, "--action", "approve",
                        "--values", "[1", NULL), ==, 2);
  g_assert_cmpint (run (fixture, NULL, &err, "task", "submit", unknown, "--action", "approve", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "no task"));

  /* Save keeps it open with the values. */
  task = run_json_object (fixture, 0, &saved_node, NULL, "task", "submit", id, "--action", "save",
                          "--values", "{\"ok\": false}", "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (task, "status"), ==, "pending");
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (task, "values"), "ok"));

  task = run_json_object (fixture, 0, &approved_node, NULL, "task", "submit", id, "--action", "approve",
                          "--values", "{\"ok\": true}", "--comment", "fine by me", "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (task, "status"), ==, "resolved");
  g_assert_cmpstr (json_object_get_string_member (task, "action"), ==, "approve");
  g_assert_cmpstr (json_object_get_string_member (task, "comment"), ==, "fine by me");

  execution = run_json_object (fixture, 0, &done_node, NULL, "execution", "show", execution_id, "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (execution, "status"), ==, "resolved");

  /* Done: no longer listed, except with --all; acting again is refused. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture, &out, NULL, "task", "list", "--json", NULL), ==, 0);
  empty_node = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (empty_node)), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture, &out, NULL, "task", "list", "--all", "--json", NULL), ==, 0);
  all_node = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (all_node)), ==, 1);
  g_assert_cmpint (run (fixture, NULL, NULL, "task", "submit", id, "--action", "reject", NULL), ==, 2);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture, &out, NULL, "task", "list", "--all", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Order 12"));
}

/* On a manual task `reject` means Terminate: the execution ends rejected;
 * `return` belongs to approvals. */
static void
test_manual_reject (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) waiting_node = NULL;
  g_autoptr(JsonNode) rejected_node = NULL;
  g_autoptr(JsonNode) shown_node = NULL;
  g_autoptr(JsonNode) list_node = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *id = NULL;
  g_autofree char *execution_id = NULL;
  JsonObject *object;

  import_fixture (fixture, "asks.json");
  object = run_json_object (fixture, 3, &waiting_node, NULL, "workflow", "execute", "ask-me", "--json", NULL);
  execution_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object, "id"));
  g_assert_cmpint (run (fixture, &out, NULL, "task", "list", "--json", NULL), ==, 0);
  list_node = parse_json (out);
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        json_object_get_int_member (json_array_get_object_element (json_node_get_array (list_node), 0),
                                                    "id"));

  g_assert_cmpint (run (fixture, NULL, &err, "task", "submit", id, "--action", "return", NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "switchyard: cannot submit task "));
  g_assert_nonnull (strstr (err, "only approvals can be returned"));

  object = run_json_object (fixture, 0, &rejected_node, NULL, "task", "submit", id, "--action", "reject", "--json",
                            NULL);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "rejected");
  object = run_json_object (fixture, 0, &shown_node, NULL, "execution", "show", execution_id, "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "rejected");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "jobs")), ==, 1);
}

/* ── Collections and records (collections.md) ──────────────────────────── */

static char *
example_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "shop", name, NULL);
}

/* The shop of data/examples: products, orders, and one product. */
static void
define_shop (Fixture *fixture)
{
  g_autofree char *products = example_file ("products.json");
  g_autofree char *orders = example_file ("orders.json");
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) defined = NULL;
  JsonObject *first;

  g_assert_cmpint (run (fixture, &out, NULL, "collection", "create", products, orders, "--json", NULL), ==, 0);
  defined = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (defined)), ==, 2);
  first = json_array_get_object_element (json_node_get_array (defined), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "products");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (first, "fields"), 2), ==, "stock");

  g_assert_cmpint (run (fixture, NULL, NULL, "record", "create", "products",
                        "--values", "{\"title\": \"Desk lamp\", \"price\": 24.5, \"stock\": 3}", NULL), ==, 0);
}

static void
test_collections (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *invalid = fixture_file ("collection-invalid.json");
  g_autofree char *products = example_file ("products.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonObject) definition = NULL;

  /* One bad file: nothing is defined, and every problem is said. */
  g_assert_cmpint (run (fixture, NULL, &err, "collection", "create", products, invalid, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "name: “Bad Name” is not a collection name"));
  g_assert_nonnull (strstr (err, "fields[0].type: unknown type “decimal”"));
  g_assert_nonnull (strstr (err, "nothing was defined"));
  g_assert_cmpint (run (fixture, &out, NULL, "collection", "list", "--json", NULL), ==, 0);
  listed = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&listed, json_node_unref);

  /* A target that does not exist is bad input too. */
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *orders = example_file ("orders.json");

    g_assert_cmpint (run (fixture, NULL, &err, "collection", "create", orders, NULL), ==, 2);
    g_assert_nonnull (strstr (err, "the target collection “products” does not exist"));
  }

  define_shop (fixture);
  g_assert_cmpint (run (fixture, &out, NULL, "collection", "list", "--json", NULL), ==, 0);
  listed = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 2);
  definition = json_object_ref (json_array_get_object_element (json_node_get_array (listed), 1));
  g_assert_cmpstr (json_object_get_string_member (definition, "format"), ==, "switchyard-collection/1");
  g_assert_cmpstr (json_object_get_string_member (definition, "name"), ==, "orders");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (definition, "fields")), ==, 4);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture, &out, NULL, "collection", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "product* belongs-to → products"));
}

static void
test_records (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(JsonNode) created_node = NULL;
  g_autoptr(JsonNode) updated_node = NULL;
  g_autoptr(JsonNode) deleted_node = NULL;
  g_autoptr(JsonNode) got_node = NULL;
  g_autoptr(JsonNode) page_node = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *created, *record;
  JsonArray *page;

  define_shop (fixture);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *values = g_strdup_printf ("{\"title\": \"Item %u\", \"stock\": %u}", i, i * 10);

      g_assert_cmpint (run (fixture, NULL, NULL, "record", "create", "products", "--values", values, NULL), ==, 0);
    }

  created = run_json_object (fixture, 0, &created_node, NULL, "record", "create", "orders",
                             "--values", "{\"product\": 1, \"qty\": \"2\"}", "--json", NULL);
  record = json_object_get_object_member (created, "record");
  g_assert_cmpint (json_object_get_int_member (record, "qty"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "new");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (created, "messages")), ==, 0);

  record = run_json_object (fixture, 0, &got_node, NULL, "record", "get", "orders", "1", "--appends", "product", "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (record, "product"), "title"), ==,
                   "Desk lamp");

  /* Filter, sort, pages. */
  g_assert_cmpint (run (fixture, &out, NULL, "record", "list", "products", "--filter", "{\"stock\": {\"$gte\": 10}}",
                        "--sort", "-stock", "--page", "2", "--page-size", "2", "--json", NULL), ==, 0);
  page_node = parse_json (out);
  page = json_node_get_array (page_node);
  g_assert_cmpuint (json_array_get_length (page), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (page, 0), "title"), ==, "Item 1");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture, &out, NULL, "record", "list", "products", "--page-size", "2", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2 of 5 records"));

  record = run_json_object (fixture, 0, &updated_node, NULL, "record", "update", "orders", "1",
                            "--values", "{\"status\": \"confirmed\"}", "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (record, "record"), "status"), ==,
                   "confirmed");

  record = run_json_object (fixture, 0, &deleted_node, NULL, "record", "delete", "orders", "1", "--json", NULL);
  g_assert_cmpint (json_object_get_int_member (record, "deleted"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "messages")), ==, 0);

  /* Bad input is status 2, with the field and the reason. */
  g_assert_cmpint (run (fixture, NULL, &err, "record", "create", "orders", "--values", "{\"product\": 1, \"qty\": \"many\"}",
                        NULL), ==, 2);
  g_assert_nonnull (strstr (err, "qty: expected a whole number, got “many”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, NULL, &err, "record", "list", "customers", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "there is no collection “customers”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, NULL, &err, "record", "list", "products", "--filter", "{\"colour\": 1}", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "invalid filter: colour"));
  g_assert_cmpint (run (fixture, NULL, NULL, "record", "list", "products", "--filter", "{nope", NULL), ==, 2);
  /* Pages and their sizes count from 1. */
  g_assert_cmpint (run (fixture, NULL, &err, "record", "list", "products", "--page", "0", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--page and --page-size count from 1"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, NULL, NULL, "record", "list", "products", "--page-size", "0", NULL), ==, 2);
  g_assert_cmpint (run (fixture, NULL, NULL, "record", "list", "products", "--page", "-1", NULL), ==, 2);
  g_assert_cmpint (run (fixture, NULL, NULL, "record", "get", "products", "99", NULL), ==, 2);
  g_assert_cmpint (run (fixture, NULL, NULL, "record", "get", "products", "x", NULL), ==, 2);
  g_assert_cmpint (run (fixture, NULL, NULL, "record", "create", "products", NULL), ==, 2);
  g_assert_cmpint (run (fixture, NULL, NULL, "record", "update", "products", "1", "--values", "[1]", NULL), ==, 2);
  g_assert_cmpint (run (fixture, NULL, NULL, "record", "create", "orders", "--values", "{\"product\": 1}",
                        "--trigger-workflows", "nobody", NULL), ==, 2);
}

static void
test_record_workflows (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) refused_node = NULL;
  g_autoptr(JsonNode) created_node = NULL;
  g_autoptr(JsonNode) triggered_node = NULL;
  g_autoptr(JsonNode) execution_node = NULL;
  g_autoptr(JsonNode) list_node = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *execution_id = NULL;
  JsonObject *outcome, *execution;

  define_shop (fixture);
  import_fixture (fixture, "order-limit.json");
  import_fixture (fixture, "order-button.json");
  /* An enabled webhook workflow: a command takes no requests, so nothing
   * of the webhook server reaches stderr. */
  import_fixture (fixture, "order-hook.json");

  /* A bound pre-action refuses: status 1, its messages on stderr one a
   * line (and nothing else), nothing written. */
  outcome = run_json_object (fixture, 1, &refused_node, &err, "record", "create", "orders",
                             "--values", "{\"product\": 1, \"qty\": 12}", "--trigger-workflows", "order-limit",
                             "--json", NULL);
  g_assert_true (json_object_get_null_member (outcome, "record"));
  g_assert_cmpstr (err, ==, "At most 10 per order\nSplit it in two\n");
  g_assert_cmpint (run (fixture, &out, NULL, "record", "list", "orders", "--json", NULL), ==, 0);
  list_node = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list_node)), ==, 0);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (fixture, &out, &err, "record", "create", "orders", "--values", "{\"product\": 1, \"qty\": 12}",
                        "--trigger-workflows", "order-limit", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "At most 10 per order\nSplit it in two\n");

  outcome = run_json_object (fixture, 0, &created_node, NULL, "record", "create", "orders",
                             "--values", "{\"product\": 1, \"qty\": 2}", "--trigger-workflows", "order-limit",
                             "--json", NULL);
  g_assert_false (json_object_get_null_member (outcome, "record"));
  /* Refused before the write: no id was used. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (outcome, "record"), "id"), ==, 1);

  /* The "Trigger workflow" button on that order. */
  outcome = run_json_object (fixture, 0, &triggered_node, NULL, "record", "trigger", "orders", "1",
                             "--trigger-workflows", "order-button", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (outcome, "executions")), ==, 1);
  execution_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                  json_array_get_int_element (json_object_get_array_member (outcome, "executions"), 0));
  execution = run_json_object (fixture, 0, &execution_node, NULL, "execution", "show", execution_id, "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (execution, "output"), ==, "Desk lamp");

  g_assert_cmpint (run (fixture, NULL, NULL, "record", "trigger", "orders", "1", NULL), ==, 2);
  g_assert_cmpint (run (fixture, NULL, NULL, "record", "trigger", "orders", "1", "1",
                        "--trigger-workflows", "order-button", NULL), ==, 2);
  g_assert_cmpint (run (fixture, NULL, NULL, "record", "delete", "orders", "1",
                        "--trigger-workflows", "order-button", NULL), ==, 2);
}

/* The seeds' example (data/examples/shop): submitting an order checks the
 * stock, deducts it and confirms the order — or refuses it with "Not
 * enough stock" and keeps nothing. */
static void
test_shop_example (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *workflow = example_file ("order-stock.json");
  g_autoptr(JsonNode) first_node = NULL;
  g_autoptr(JsonNode) second_node = NULL;
  g_autoptr(JsonNode) product_node = NULL;
  g_autoptr(JsonNode) orders_node = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *outcome, *record;

  define_shop (fixture);
  g_assert_cmpint (run (fixture, NULL, NULL, "workflow", "import", workflow, NULL), ==, 0);

  outcome = run_json_object (fixture, 0, &first_node, NULL, "record", "create", "orders",
                             "--values", "{\"product\": 1, \"qty\": 2}", "--json", NULL);
  record = json_object_get_object_member (outcome, "record");
  g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "confirmed");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (outcome, "messages"), 0), ==,
                   "Order confirmed: 2 × Desk lamp");

  record = run_json_object (fixture, 0, &product_node, NULL, "record", "get", "products", "1", "--json", NULL);
  g_assert_cmpint (json_object_get_int_member (record, "stock"), ==, 1);

  /* One left, two asked for. */
  outcome = run_json_object (fixture, 1, &second_node, &err, "record", "create", "orders",
                             "--values", "{\"product\": 1, \"qty\": 2}", "--json", NULL);
  g_assert_true (json_object_get_null_member (outcome, "record"));
  g_assert_cmpstr (err, ==, "Not enough stock\n");

  g_assert_cmpint (run (fixture, &out, NULL, "record", "list", "orders", "--json", NULL), ==, 0);
  orders_node = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (orders_node)), ==, 1);
  g_clear_pointer (&product_node, json_node_unref);
  record = run_json_object (fixture, 0, &product_node, NULL, "record", "get", "products", "1", "--json", NULL);
  g_assert_cmpint (json_object_get_int_member (record, "stock"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/help-and-usage", test_help_and_usage);
  ADD ("/cli/data-dir", test_data_dir_choice);
  ADD ("/cli/validate/invalid", test_validate_invalid);
  ADD ("/cli/validate/needs-no-lock", test_validate_needs_no_lock);
  ADD ("/cli/import/all-or-nothing", test_import_all_or_nothing);
  ADD ("/cli/import/not-workflow-files", test_import_not_workflow_files);
  ADD ("/cli/import/list-export", test_import_list_export);
  ADD ("/cli/import/generated-key", test_import_generated_key);
  ADD ("/cli/executions/deleted", test_deleted_executions);
  ADD ("/cli/execute", test_execute);
  ADD ("/cli/executions", test_executions);
  ADD ("/cli/executions/of-a-key", test_executions_of_a_key);
  ADD ("/cli/execute/waiting-and-cancel", test_waiting_and_cancel);
  ADD ("/cli/enable-disable-delete", test_enable_disable_delete);
  ADD ("/cli/draft-with-problems", test_draft_with_problems);
  ADD ("/cli/tasks", test_tasks);
  ADD ("/cli/tasks/manual-reject", test_manual_reject);
  ADD ("/cli/collections", test_collections);
  ADD ("/cli/records", test_records);
  ADD ("/cli/records/workflows", test_record_workflows);
  ADD ("/cli/records/shop-example", test_shop_example);
  ADD ("/cli/headless/forwarding", test_headless_forwarding);
  ADD ("/cli/headless/sigint", test_headless_sigint);
  g_test_add ("/cli/execute/sigint", Fixture, GINT_TO_POINTER (SIGINT), fixture_set_up,
              test_execute_interrupted, fixture_tear_down);
  g_test_add ("/cli/execute/sigterm", Fixture, GINT_TO_POINTER (SIGTERM), fixture_set_up,
              test_execute_interrupted, fixture_tear_down);
  ADD ("/cli/lock/without-bus", test_locked_without_bus);
  ADD ("/cli/damaged-databases", test_damaged_databases);

#undef ADD

  return g_test_run ();
}
