/* sy-node-script.c — runs a Lua 5.4 script in the shared sandbox
 *
 * `arguments` become globals, `content` is the body of a function whose
 * return value is the result. Each run gets a fresh sandbox (no io, os only
 * for the clock, no require, no debug, no binary chunks) with a memory cap,
 * an instruction cap and a deadline of `timeout` ms watched by the
 * instruction hook, which also watches the execution's cancellable.
 *
 * The script runs synchronously on the engine thread: other executions wait
 * for it, which `timeout` bounds (at most MAX_TIMEOUT_MS).
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <lauxlib.h>

#include "sy-lua.h"
#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"

#define DEFAULT_TIMEOUT_MS 10000
#define MAX_TIMEOUT_MS     (10 * 60 * 1000)
/* Far more than any reasonable script needs in MAX_TIMEOUT_MS; a second
 * line of defence should the clock misbehave. */
#define INSTRUCTION_LIMIT  G_GUINT64_CONSTANT (20000000000)
/* What print() may add to the job's log. */
#define MAX_LOG_BYTES      (64 * 1024)
#define CHUNK_NAME         "=script"

static const SyFieldSpec fields[] = {
  { "arguments", N_("Arguments"), SY_FIELD_KEY_VALUES,
    N_("Each becomes a global variable of the script, with its JSON value converted to Lua."),
    NULL, NULL, NULL, "[]", FALSE, TRUE, NULL },
  { "content", N_("Script"), SY_FIELD_CODE,
    N_("Lua 5.4. The value after “return” is the node's result; print() writes to the job's log. "
       "No files, programs or modules. It runs on the engine thread, so keep it short."),
    "lua", NULL, NULL, "\"return nil\"", TRUE, FALSE, NULL },
  { "timeout", N_("Time limit (ms)"), SY_FIELD_INTEGER,
    N_("The script is stopped after this long (1 to 600000 ms)."),
    NULL, NULL, NULL, "10000", FALSE, FALSE, NULL },
  { "continue", N_("Continue on error"), SY_FIELD_SWITCH,
    N_("On an error, pass with {\"error\": message} as the result instead of ending the workflow."),
    NULL, NULL, NULL, "false", FALSE, FALSE, NULL },
  { NULL },
};

static gboolean
is_lua_name (const char *name)
{
  static const char * const reserved[] = {
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
    "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    NULL
  };

  if (name == NULL || !(g_ascii_isalpha (name[0]) || name[0] == '_'))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;

  return !g_strv_contains (reserved, name);
}

/* Checks `arguments` (resolved or not): an array of {name, value} with
 * Lua names. Returns a message for the first problem, NULL when fine. */
static char *
check_arguments (JsonNode *arguments,
                 guint    *bad_index)
{
  JsonArray *array;

  *bad_index = G_MAXUINT;
  if (arguments == NULL || JSON_NODE_HOLDS_NULL (arguments))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (arguments))
    return g_strdup (_("must be a list of {name, value}"));

  array = json_node_get_array (arguments);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (element)
                         ? sy_object_get_string (json_node_get_object (element), "name", NULL)
                         : NULL;

      *bad_index = i;
      if (!JSON_NODE_HOLDS_OBJECT (element))
        return g_strdup (_("must be an object {name, value}"));
      if (!is_lua_name (name))
        return g_strdup_printf (_("name “%s” is not a Lua variable name (letters, digits and _, "
                                  "not starting with a digit, not a keyword)"),
                                name ? name : "");
    }

  *bad_index = G_MAXUINT;
  return NULL;
}

static void
script_validate (SyNode       *node,
                 SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);
  const char *content = sy_object_get_string (config, "content", NULL);
  JsonNode *timeout = json_object_get_member (config, "timeout");
  g_autofree char *problem = NULL;
  guint bad_index;

  sy_validation_push (validation, "config");

  if (content == NULL)
    sy_validation_add (validation, "content", _("a script is required"));
  else
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SyLua) lua = sy_lua_new (SY_LUA_DEFAULT_MEMORY_LIMIT, &error);
      int ref = lua != NULL ? sy_lua_load (lua, content, CHUNK_NAME, 0, &error) : LUA_NOREF;

      if (ref == LUA_NOREF)
        sy_validation_add (validation, "content", "%s", error->message);
    }

  problem = check_arguments (json_object_get_member (config, "arguments"), &bad_index);
  if (problem != NULL && bad_index == G_MAXUINT)
    sy_validation_add (validation, "arguments", "%s", problem);
  else if (problem != NULL)
    {
      g_autofree char *member = g_strdup_printf ("arguments[%u]", bad_index);

      sy_validation_add (validation, member, "%s", problem);
    }

  if (timeout != NULL && !JSON_NODE_HOLDS_NULL (timeout) &&
      (json_node_get_value_type (timeout) != G_TYPE_INT64 ||
       json_node_get_int (timeout) < 1 || json_node_get_int (timeout) > MAX_TIMEOUT_MS))
    sy_validation_add (validation, "timeout", _("must be a whole number of ms from 1 to %d"),
                       MAX_TIMEOUT_MS);

  sy_check_boolean (config, "continue", validation);

  sy_validation_pop (validation);
}

typedef struct
{
  int        chunk;
  JsonArray *arguments;
  GString   *log;      /* what print() wrote */
  gboolean   log_full;
  JsonNode  *result;
  GError    *error;
} ScriptCall;

/* print(...): tab-separated tostring() of the arguments, one log line. */
static int
script_print (lua_State *L)
{
  ScriptCall *call = lua_touserdata (L, lua_upvalueindex (1));
  int n = lua_gettop (L);
  luaL_Buffer buffer;
  const char *text;
  size_t length;

  luaL_buffinit (L, &buffer);
  for (int i = 1; i <= n; i++)
    {
      if (i > 1)
        luaL_addchar (&buffer, '\t');
      luaL_tolstring (L, i, NULL);
      luaL_addvalue (&buffer);
    }
  luaL_pushresult (&buffer);
  text = lua_tolstring (L, -1, &length);

  /* GString calls don't raise Lua errors, so nothing leaks on a longjmp. */
  if (call->log->len + length + 1 > MAX_LOG_BYTES)
    call->log_full = TRUE;
  else
    {
      g_string_append_len (call->log, text, length);
      g_string_append_c (call->log, '\n');
    }

  return 0;
}

/* Runs inside lua_pcall: holds no GLib memory across raising calls. */
static int
call_script (lua_State *L)
{
  ScriptCall *call = lua_touserdata (L, 1);

  lua_pushlightuserdata (L, call);
  lua_pushcclosure (L, script_print, 1);
  lua_setglobal (L, "print");

  for (guint i = 0; call->arguments != NULL && i < json_array_get_length (call->arguments); i++)
    {
      JsonObject *argument = json_array_get_object_element (call->arguments, i);

      sy_lua_push_json (L, json_object_get_member (argument, "value"));
      lua_setglobal (L, json_object_get_string_member (argument, "name"));
    }

  lua_rawgeti (L, LUA_REGISTRYINDEX, call->chunk);
  lua_call (L, 0, 1);

  call->result = sy_lua_to_json (L, -1, &call->error);
  return 0;
}

static SyStep
script_failed (SyRun      *run,
               const char *message)
{
  if (sy_run_get_boolean (run, "continue", FALSE))
    {
      JsonObject *result = json_object_new ();

      sy_run_append_log (run, "%s", message);
      json_object_set_string_member (result, "error", message);
      return sy_run_resolve (run, sy_json_node_take_object (result));
    }

  return sy_run_error (run, "%s", message);
}

/* "script:3: boom" → "line 3: boom"; other messages unchanged. */
static char *
describe_error (const GError *error)
{
  const char *message = error->message;
  const char *prefix = CHUNK_NAME + 1;
  guint64 line;
  char *end = NULL;

  if (g_error_matches (error, SY_LUA_ERROR, SY_LUA_ERROR_RUNTIME) &&
      g_str_has_prefix (message, prefix) && message[strlen (prefix)] == ':')
    {
      line = g_ascii_strtoull (message + strlen (prefix) + 1, &end, 10);
      if (line > 0 && end != NULL && g_str_has_prefix (end, ": "))
        {
          g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, line);

          return g_strdup_printf (_("Lua error at line %s: %s"), number, end + 2);
        }
    }

  return g_strdup (message);
}

static SyStep
script_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  g_autoptr(SyLua) lua = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *problem = NULL;
  g_autofree char *message = NULL;
  ScriptCall call = { LUA_NOREF, NULL, log, FALSE, NULL, NULL };
  const char *content;
  gint64 timeout;
  guint bad_index;
  gboolean ok;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  content = sy_object_get_string (sy_node_get_config (sy_run_get_node (run)), "content", NULL);
  if (content == NULL)
    return sy_run_error (run, _("the script is empty"));

  problem = check_arguments (json_object_get_member (config, "arguments"), &bad_index);
  if (problem != NULL)
    return sy_run_error (run, _("argument %u: %s"), bad_index + 1, problem);
  if (json_object_get_member (config, "arguments") != NULL &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (config, "arguments")))
    call.arguments = json_object_get_array_member (config, "arguments");

  timeout = sy_run_get_int (run, "timeout", DEFAULT_TIMEOUT_MS);
  if (timeout < 1 || timeout > MAX_TIMEOUT_MS)
    {
      g_autofree char *given = g_strdup_printf ("%" G_GINT64_FORMAT, timeout);

      return sy_run_error (run, _("timeout must be from 1 to %d ms, not %s"), MAX_TIMEOUT_MS, given);
    }

  /* A fresh state per run: nothing one script does is seen by the next. */
  lua = sy_lua_new (SY_LUA_DEFAULT_MEMORY_LIMIT, &error);
  if (lua == NULL)
    return script_failed (run, error->message);
  sy_lua_set_limits (lua, timeout * 1000, INSTRUCTION_LIMIT);

  call.chunk = sy_lua_load (lua, content, CHUNK_NAME, 0, &error);
  if (call.chunk == LUA_NOREF)
    return script_failed (run, error->message);

  ok = sy_lua_run (lua, call_script, &call, sy_run_get_cancellable (run), &error);

  if (log->len > 0)
    {
      g_strchomp (log->str);
      sy_run_append_log (run, "%s", log->str);
    }
  if (call.log_full)
    sy_run_append_log (run, _("(print output beyond %d KiB was dropped)"), MAX_LOG_BYTES / 1024);

  if (!ok)
    {
      g_clear_pointer (&call.result, json_node_unref);
      g_clear_error (&call.error);
      message = describe_error (error);
      return script_failed (run, message);
    }

  if (call.error != NULL)
    {
      message = g_strdup_printf (_("the script's result cannot be stored: %s"), call.error->message);
      g_clear_error (&call.error);
      return script_failed (run, message);
    }

  return sy_run_resolve (run, call.result);
}

static const SyNodeKind kind = {
  .type = "script",
  .title = N_("Script"),
  .description = N_("Compute a result with a Lua script in a sandbox"),
  .category = "calculation",
  .icon_name = "utilities-terminal-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = script_validate,
  .run = script_run,
};

const SyNodeKind *
sy_node_script_get_kind (void)
{
  return &kind;
}
