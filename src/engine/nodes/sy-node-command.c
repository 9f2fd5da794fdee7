/* sy-node-command.c — runs a local program, without a shell
 *
 * `run` only checks the config and waits; the process starts after the
 * pending job is committed, reads and writes its pipes asynchronously on
 * the engine's main context and resumes the job with
 * {exit_code, stdout, stderr, timed_out, error}. The child calls setsid(),
 * so a timeout, a cancelled execution or `abort` kills its whole process
 * group, grandchildren included. When the engine stops, the group gets
 * SIGTERM, then SIGKILL after a grace, and the job stays pending: the next
 * start ends it with the engine's "stopped while running" error, as after a
 * crash. A program is never run twice.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "sy-engine-private.h"
#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"

#define DEFAULT_TIMEOUT_MS    60000
#define DEFAULT_MAX_OUTPUT    (1024 * 1024)
#define READ_CHUNK            (64 * 1024)
/* Between SIGTERM and SIGKILL when the engine stops. */
#define STOP_GRACE_MS         500

static const SyFieldSpec fields[] = {
  { "argv", N_("Program and arguments"), SY_FIELD_LIST,
    N_("The program (a name found in PATH, or a path) followed by its arguments, one per row. "
       "Each row may hold placeholders; no shell is involved."),
    NULL, NULL, NULL, "[]", TRUE, TRUE, NULL },
  { "stdin", N_("Standard input"), SY_FIELD_MULTILINE,
    N_("Text written to the program's standard input."),
    NULL, NULL, NULL, NULL, FALSE, TRUE, NULL },
  { "cwd", N_("Working folder"), SY_FIELD_TEXT, NULL,
    NULL, NULL, NULL, NULL, FALSE, TRUE, NULL },
  { "env", N_("Environment"), SY_FIELD_KEY_VALUES,
    N_("Variables added to the program's environment."),
    NULL, NULL, NULL, "[]", FALSE, TRUE, NULL },
  { "timeout", N_("Time limit (ms)"), SY_FIELD_INTEGER,
    N_("The program and everything it started are killed after this long; the job is then aborted."),
    NULL, NULL, NULL, "60000", FALSE, FALSE, NULL },
  { "maxOutput", N_("Output limit (bytes)"), SY_FIELD_INTEGER,
    N_("Kept of standard output and of standard error each; the rest is dropped with a note."),
    NULL, NULL, NULL, "1048576", FALSE, FALSE, NULL },
  { "parseJson", N_("Output is JSON"), SY_FIELD_SWITCH,
    N_("Parse standard output as JSON."),
    NULL, NULL, NULL, "false", FALSE, FALSE, NULL },
  { "ignoreFail", N_("Ignore failure"), SY_FIELD_SWITCH,
    N_("Continue even when the program exits with a non-zero status."),
    NULL, NULL, NULL, "false", FALSE, FALSE, NULL },
  { NULL },
};

/* ── Checking the config ──────────────────────────────────────────────── */

/* A scalar as argument text; NULL for arrays, objects and null. */
static char *
scalar_to_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  return json_to_string (node, FALSE);
}

static gboolean
get_argv (JsonObject  *config,
          GStrv       *argv,
          GError     **error)
{
  JsonNode *node = json_object_get_member (config, "argv");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("argv must be a list that starts with the program"));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *text = scalar_to_text (json_array_get_element (array, i));

      if (text == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("argv[%u] must be text or a number"), i);
          return FALSE;
        }
      if (i == 0 && text[0] == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("argv[0] (the program) is empty"));
          return FALSE;
        }
      g_strv_builder_add (builder, text);
    }

  *argv = g_strv_builder_end (builder);
  return TRUE;
}

/* `env` as an object or a list of {name, value}: "NAME=value" strings. */
static gboolean
get_env (JsonObject  *config,
         GStrv       *env,
         GError     **error)
{
  JsonNode *node = json_object_get_member (config, "env");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        {
          g_autofree char *text = scalar_to_text (value);
          g_autofree char *pair = g_strdup_printf ("%s=%s", name, text ? text : "");

          g_strv_builder_add (builder, pair);
        }
    }
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *name = JSON_NODE_HOLDS_OBJECT (element)
                             ? sy_object_get_string (json_node_get_object (element), "name", NULL)
                             : NULL;
          g_autofree char *text = NULL;
          g_autofree char *pair = NULL;

          if (name == NULL || name[0] == '\0' || strchr (name, '=') != NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("env[%u] needs a name without “=”"), i);
              return FALSE;
            }
          text = scalar_to_text (json_object_get_member (json_node_get_object (element), "value"));
          pair = g_strdup_printf ("%s=%s", name, text ? text : "");
          g_strv_builder_add (builder, pair);
        }
    }
  else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("env must be an object or a list of {name, value}"));
      return FALSE;
    }

  *env = g_strv_builder_end (builder);
  return TRUE;
}

static void
check_positive (JsonObject   *config,
                const char   *member,
                SyValidation *validation)
{
  JsonNode *node = json_object_get_member (config, member);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
       json_node_get_int (node) < 1))
    sy_validation_add (validation, member, _("must be a whole number of at least 1"));
}

static void
command_validate (SyNode       *node,
                  SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) environment = NULL;
  g_autoptr(GError) error = NULL;

  sy_validation_push (validation, "config");

  if (!get_argv (config, &argv, &error))
    sy_validation_add (validation, "argv", "%s", error->message);
  g_clear_error (&error);

  if (!get_env (config, &environment, &error))
    sy_validation_add (validation, "env", "%s", error->message);

  check_positive (config, "timeout", validation);
  check_positive (config, "maxOutput", validation);
  sy_check_boolean (config, "parseJson", validation);
  sy_check_boolean (config, "ignoreFail", validation);

  sy_validation_pop (validation);
}

/* ── The running process (engine thread) ──────────────────────────────── */

typedef struct
{
  GString  *text;
  gsize     dropped;
  gboolean  done;
} Capture;

typedef struct
{
  SyEngine     *engine;
  gint64        job_id;
  char        **argv;
  char        **env;
  char         *cwd;
  char         *stdin_text;
  gint64        timeout_ms;
  gsize         max_output;
  GCancellable *cancellable;   /* the execution's */
  gulong        cancelled_id;

  GMainContext *context;     /* the engine's */
  GSubprocess  *process;
  gint          pgid;        /* = the child's pid: it leads its own group */
  GSource      *timeout_source;
  GSource      *grace_source; /* SIGTERM was sent: SIGKILL when it fires */
  Capture       out, err;
  gboolean      exited;
  gboolean      timed_out;
  gboolean      killed;
  gboolean      finished;
} Command;

/* Running commands, for `abort` (several engines may run in one process,
 * on their own threads, and their job ids may be the same). */
G_LOCK_DEFINE_STATIC (running);
static GHashTable *running;

static void
command_free (Command *self)
{
  g_strfreev (self->argv);
  g_strfreev (self->env);
  g_free (self->cwd);
  g_free (self->stdin_text);
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  g_clear_object (&self->cancellable);
  if (self->timeout_source != NULL)
    g_source_destroy (self->timeout_source);
  g_clear_pointer (&self->timeout_source, g_source_unref);
  if (self->grace_source != NULL)
    g_source_destroy (self->grace_source);
  g_clear_pointer (&self->grace_source, g_source_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->process);
  if (self->out.text != NULL)
    g_string_free (self->out.text, TRUE);
  if (self->err.text != NULL)
    g_string_free (self->err.text, TRUE);
  g_clear_object (&self->engine);
  g_free (self);
}

/* Signals the process group. Safe from any thread, and more than once. */
static void
signal_group (Command *self,
              int      signum)
{
  gint pgid = g_atomic_int_get (&self->pgid);

  if (pgid > 0 && kill ((pid_t) -pgid, signum) != 0 && errno != ESRCH)
    g_warning ("Could not signal process group %d: %s", (int) pgid, g_strerror (errno));
}

static void
kill_group (Command *self)
{
  signal_group (self, SIGKILL);
}

static void
child_setup (gpointer data)
{
  (void) data;
  /* A new session and process group, so the whole tree can be killed. */
  setsid ();
}

static JsonNode *
capture_to_json (Capture *capture)
{
  g_autofree char *valid = g_utf8_make_valid (capture->text->str, capture->text->len);
  g_autoptr(GString) text = g_string_new (valid);

  if (capture->dropped > 0)
    {
      g_autofree char *dropped = g_strdup_printf ("%" G_GSIZE_FORMAT, capture->dropped);

      g_string_append_printf (text, _("\n[output truncated: %s more bytes]"), dropped);
    }

  return json_node_init_string (json_node_alloc (), text->str);
}

static void
command_finish (Command    *self,
                const char *error_message,
                gboolean    not_found)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  if (self->finished)
    return;
  self->finished = TRUE;

  if (error_message != NULL)
    {
      json_object_set_string_member (payload, "error", error_message);
      json_object_set_boolean_member (payload, "not_found", not_found);
    }
  else
    {
      int exit_code = -1;

      if (g_subprocess_get_if_exited (self->process))
        exit_code = g_subprocess_get_exit_status (self->process);
      else if (g_subprocess_get_if_signaled (self->process))
        {
          /* As shells report it. */
          exit_code = 128 + g_subprocess_get_term_sig (self->process);
          json_object_set_int_member (payload, "signal", g_subprocess_get_term_sig (self->process));
        }
      json_object_set_int_member (payload, "exit_code", exit_code);
      json_object_set_member (payload, "stdout", capture_to_json (&self->out));
      json_object_set_member (payload, "stderr", capture_to_json (&self->err));
      json_object_set_boolean_member (payload, "timed_out", self->timed_out);
    }

  G_LOCK (running);
  if (running != NULL)
    g_hash_table_remove (running, self);
  G_UNLOCK (running);

  node = json_node_init_object (json_node_alloc (), payload);
  sy_engine_resume_job (self->engine, self->job_id, node);
  _sy_engine_end_operation (self->engine);
  command_free (self);
}

static void
maybe_finish (Command *self)
{
  if (self->exited && self->out.done && self->err.done)
    command_finish (self, NULL, FALSE);
}

typedef struct
{
  Command *command;
  Capture *capture;
} Reader;

static void read_more (GInputStream *stream,
                       Reader       *reader);

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Reader *reader = data;
  GInputStream *stream = G_INPUT_STREAM (source);
  Capture *capture = reader->capture;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (stream, result, &error);
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      if (error != NULL)
        g_debug ("Reading a command's output failed: %s", error->message);
      capture->done = TRUE;
      maybe_finish (reader->command);
      g_free (reader);
      return;
    }

  /* Keep up to the cap, but keep reading so the program never blocks. */
  size = g_bytes_get_size (bytes);
  if (capture->text->len < reader->command->max_output)
    {
      gsize room = reader->command->max_output - capture->text->len;

      g_string_append_len (capture->text, g_bytes_get_data (bytes, NULL), MIN (room, size));
      capture->dropped += size > room ? size - room : 0;
    }
  else
    capture->dropped += size;

  read_more (stream, reader);
}

static void
read_more (GInputStream *stream,
           Reader       *reader)
{
  g_input_stream_read_bytes_async (stream, READ_CHUNK, G_PRIORITY_DEFAULT, NULL, read_done, reader);
}

static void
start_reading (Command      *self,
               GInputStream *stream,
               Capture      *capture)
{
  Reader *reader = g_new0 (Reader, 1);

  reader->command = self;
  reader->capture = capture;
  capture->text = g_string_new (NULL);
  read_more (stream, reader);
}

static void
stdin_written (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GError) error = NULL;

  (void) data;
  /* A program that doesn't read its input closes the pipe: not an error. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    g_debug ("Writing a command's input failed: %s", error->message);
  g_output_stream_close (G_OUTPUT_STREAM (source), NULL, NULL);
}

static void
process_exited (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Command *self = data;

  (void) source;
  g_subprocess_wait_finish (self->process, result, NULL);
  self->exited = TRUE;
  maybe_finish (self);
}

static gboolean
timeout_fired (gpointer data)
{
  Command *self = data;

  g_clear_pointer (&self->timeout_source, g_source_unref);
  self->timed_out = TRUE;
  kill_group (self);

  return G_SOURCE_REMOVE;
}

static gboolean
grace_over (gpointer data)
{
  Command *self = data;

  g_clear_pointer (&self->grace_source, g_source_unref);
  kill_group (self);

  return G_SOURCE_REMOVE;
}

/* The engine stops (or abandons the execution's work): the program may
 * clean up on SIGTERM, but not for long. */
static void
execution_cancelled (GCancellable *cancellable,
                     gpointer      data)
{
  Command *self = data;

  (void) cancellable;
  if (self->grace_source != NULL)
    return;

  signal_group (self, SIGTERM);
  self->grace_source = g_timeout_source_new (STOP_GRACE_MS);
  g_source_set_callback (self->grace_source, grace_over, self, NULL);
  g_source_attach (self->grace_source, self->context);
}

/* The after-commit data: the command moves out of it when it starts, so
 * whatever is left belongs to a pump whose commit failed. */
typedef struct
{
  Command *command;
} Start;

static void
start_free (gpointer data)
{
  Start *start = data;

  g_clear_pointer (&start->command, command_free);
  g_free (start);
}

static void
command_start (SyEngine *engine,
               gint64    execution_id,
               gint64    job_id,
               gpointer  data)
{
  Command *self = g_steal_pointer (&((Start *) data)->command);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GOutputStream *input;
  const char *identifier;

  (void) execution_id;
  self->engine = g_object_ref (engine);
  self->job_id = job_id;
  self->context = g_main_context_ref_thread_default ();
  _sy_engine_begin_operation (engine);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  if (self->cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, self->cwd);
  for (guint i = 0; self->env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (self->env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1] ? pair[1] : "", TRUE);
    }

  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) self->argv, &error);
  if (self->process == NULL)
    {
      command_finish (self, error->message,
                      g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT));
      return;
    }

  identifier = g_subprocess_get_identifier (self->process);
  g_atomic_int_set (&self->pgid, identifier ? (gint) g_ascii_strtoll (identifier, NULL, 10) : 0);

  G_LOCK (running);
  if (running == NULL)
    running = g_hash_table_new (NULL, NULL);
  g_hash_table_add (running, self);
  G_UNLOCK (running);

  /* The execution may have been cancelled between the commit and now. */
  if (self->cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (self->cancellable, G_CALLBACK (execution_cancelled),
                                                self, NULL);

  self->timeout_source = g_timeout_source_new ((guint) MIN (self->timeout_ms, G_MAXUINT));
  g_source_set_callback (self->timeout_source, timeout_fired, self, NULL);
  g_source_attach (self->timeout_source, self->context);

  input = g_subprocess_get_stdin_pipe (self->process);
  if (self->stdin_text != NULL && self->stdin_text[0] != '\0')
    g_output_stream_write_all_async (input, self->stdin_text, strlen (self->stdin_text),
                                     G_PRIORITY_DEFAULT, NULL, stdin_written, NULL);
  else
    g_output_stream_close (input, NULL, NULL);

  start_reading (self, g_subprocess_get_stdout_pipe (self->process), &self->out);
  start_reading (self, g_subprocess_get_stderr_pipe (self->process), &self->err);
  g_subprocess_wait_async (self->process, NULL, process_exited, self);
}

/* ── The node ─────────────────────────────────────────────────────────── */

static gboolean
program_exists (const char *program,
                const char *cwd)
{
  g_autofree char *found = NULL;

  if (strchr (program, '/') == NULL)
    {
      found = g_find_program_in_path (program);
      return found != NULL;
    }

  if (!g_path_is_absolute (program) && cwd != NULL)
    found = g_build_filename (cwd, program, NULL);
  else
    found = g_strdup (program);

  return g_file_test (found, G_FILE_TEST_IS_EXECUTABLE) && !g_file_test (found, G_FILE_TEST_IS_DIR);
}

static SyStep
command_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) env = NULL;
  Command *command;
  Start *start;
  const char *cwd;
  gint64 timeout, max_output;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  if (!get_argv (config, &argv, &error) || !get_env (config, &env, &error))
    return sy_run_error_from_gerror (run, error);

  cwd = sy_run_get_string (run, "cwd", NULL);
  if (cwd != NULL && cwd[0] == '\0')
    cwd = NULL;
  if (cwd != NULL && !g_file_test (cwd, G_FILE_TEST_IS_DIR))
    return sy_run_error (run, _("working folder “%s” does not exist"), cwd);

  if (!program_exists (argv[0], cwd))
    return sy_run_error (run, _("program “%s” not found"), argv[0]);

  timeout = sy_run_get_int (run, "timeout", DEFAULT_TIMEOUT_MS);
  max_output = sy_run_get_int (run, "maxOutput", DEFAULT_MAX_OUTPUT);
  if (timeout < 1 || max_output < 1)
    return sy_run_error (run, _("timeout and maxOutput must be at least 1"));

  command = g_new0 (Command, 1);
  command->argv = g_steal_pointer (&argv);
  command->env = g_steal_pointer (&env);
  command->cwd = g_strdup (cwd);
  command->stdin_text = g_strdup (sy_run_get_string (run, "stdin", NULL));
  command->timeout_ms = timeout;
  command->max_output = (gsize) max_output;
  command->cancellable = g_object_ref (sy_run_get_cancellable (run));

  sy_run_append_log (run, _("Running %s"), command->argv[0]);
  start = g_new0 (Start, 1);
  start->command = command;
  sy_run_after_commit (run, command_start, start, start_free);

  return sy_run_wait (run);
}

static SyStep
command_resume (SyRun    *run,
                JsonNode *payload)
{
  JsonObject *object = payload && JSON_NODE_HOLDS_OBJECT (payload) ? json_node_get_object (payload) : NULL;
  g_autoptr(JsonObject) result = json_object_new ();
  const char *message;
  gint64 exit_code;

  if (object == NULL)
    return sy_run_error (run, _("the command ended without a report"));

  message = sy_object_get_string (object, "error", NULL);
  if (message != NULL)
    {
      if (json_object_get_boolean_member_with_default (object, "not_found", FALSE))
        {
          const char *program = "?";
          JsonObject *config = sy_run_get_config (run, NULL);
          g_auto(GStrv) argv = NULL;

          if (config != NULL && get_argv (config, &argv, NULL))
            program = argv[0];
          return sy_run_error (run, _("program “%s” not found"), program);
        }
      return sy_run_error (run, _("the program could not start: %s"), message);
    }

  exit_code = json_object_get_int_member_with_default (object, "exit_code", -1);
  json_object_set_int_member (result, "exit_code", exit_code);
  json_object_set_member (result, "stdout", json_node_copy (json_object_get_member (object, "stdout")));
  json_object_set_member (result, "stderr", json_node_copy (json_object_get_member (object, "stderr")));

  if (json_object_get_boolean_member_with_default (object, "timed_out", FALSE))
    {
      g_autofree char *timeout = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  sy_run_get_int (run, "timeout", DEFAULT_TIMEOUT_MS));
      g_autofree char *text = g_strdup_printf (_("the program did not finish within %s ms and was killed"),
                                               timeout);

      sy_run_append_log (run, "%s", text);
      json_object_set_string_member (result, "message", text);
      return sy_run_finish (run, SY_STATUS_ABORTED,
                            sy_json_node_take_object (g_steal_pointer (&result)));
    }

  if (exit_code != 0 && !sy_run_get_boolean (run, "ignoreFail", FALSE))
    {
      g_autofree char *status = g_strdup_printf ("%" G_GINT64_FORMAT, exit_code);
      g_autofree char *text = g_strdup_printf (_("the program exited with status %s"), status);

      sy_run_append_log (run, "%s", text);
      json_object_set_string_member (result, "message", text);
      return sy_run_finish (run, SY_STATUS_FAILED,
                            sy_json_node_take_object (g_steal_pointer (&result)));
    }

  if (sy_run_get_boolean (run, "parseJson", FALSE))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      const char *text = json_object_get_string_member_with_default (result, "stdout", "");

      if (!json_parser_load_from_data (parser, text, -1, &error))
        return sy_run_error (run, _("standard output is not JSON: %s"), error->message);
      json_object_set_member (result, "stdout", json_node_copy (json_parser_get_root (parser)));
    }

  return sy_run_resolve (run, sy_json_node_take_object (g_steal_pointer (&result)));
}

static void
command_abort (SyRun *run)
{
  SyEngine *engine = sy_run_get_engine (run);
  gint64 job_id = sy_run_get_job (run)->id;
  GHashTableIter iter;
  gpointer command;

  G_LOCK (running);
  if (running != NULL)
    {
      g_hash_table_iter_init (&iter, running);
      while (g_hash_table_iter_next (&iter, &command, NULL))
        if (((Command *) command)->engine == engine && ((Command *) command)->job_id == job_id)
          kill_group (command);
    }
  G_UNLOCK (running);
}

static const SyNodeKind kind = {
  .type = "command",
  .title = N_("Run a program"),
  .description = N_("Run a local program and capture what it prints"),
  .category = "integration",
  .icon_name = "utilities-terminal-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = command_validate,
  .run = command_run,
  .resume = command_resume,
  .abort = command_abort,
};

const SyNodeKind *
sy_node_command_get_kind (void)
{
  return &kind;
}
