/* sy-lua.c — the Lua 5.4 sandbox
 *
 * Lua errors unwind with longjmp, so C functions that run inside a Lua call
 * (everything handed to lua_pcall here) hold no GLib-owned memory across
 * Lua API calls that may raise.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <lauxlib.h>
#include <lualib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sy-lua.h"

/* How often (in VM instructions) the hook checks the limits. */
#define HOOK_INTERVAL 1000
#define MAX_DEPTH     200

typedef enum
{
  TRIPPED_NONE,
  TRIPPED_TIME,
  TRIPPED_INSTRUCTIONS,
  TRIPPED_CANCELLED,
} Tripped;

struct _SyLua
{
  lua_State    *L;
  gsize         memory_limit;
  gsize         memory_used;
  gboolean      out_of_memory; /* a memory error was raised in this run */
  gint64        time_limit;
  guint64       instruction_limit;

  /* per run */
  gint64        deadline;
  guint64       instructions;
  GCancellable *cancellable;
  Tripped       tripped;
};

G_DEFINE_QUARK (sy-lua-error-quark, sy_lua_error)

static char array_metatable_key;

static SyLua *
sandbox_from_state (lua_State *L)
{
  void *ud = NULL;

  lua_getallocf (L, &ud);
  return ud;
}

static void *
sandbox_alloc (void  *ud,
               void  *ptr,
               size_t osize,
               size_t nsize)
{
  SyLua *self = ud;
  size_t old = ptr != NULL ? osize : 0;
  void *block;

  if (nsize == 0)
    {
      free (ptr);
      self->memory_used -= old;
      return NULL;
    }

  if (self->memory_limit > 0 && nsize > old && self->memory_used - old + nsize > self->memory_limit)
    return NULL;

  block = realloc (ptr, nsize);
  if (block != NULL)
    self->memory_used = self->memory_used - old + nsize;

  return block;
}

static char *
format_size (gsize bytes)
{
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
    return g_strdup_printf ("%" G_GSIZE_FORMAT " MiB", bytes / (1024 * 1024));
  if (bytes >= 1024 && bytes % 1024 == 0)
    return g_strdup_printf ("%" G_GSIZE_FORMAT " KiB", bytes / 1024);
  return g_strdup_printf ("%" G_GSIZE_FORMAT " bytes", bytes);
}

static char *
format_duration (gint64 usec)
{
  if (usec % G_USEC_PER_SEC == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " s", usec / G_USEC_PER_SEC);
  return g_strdup_printf ("%" G_GINT64_FORMAT " ms", usec / 1000);
}

static void
sandbox_hook (lua_State *L,
              lua_Debug *ar)
{
  SyLua *self = sandbox_from_state (L);

  (void) ar;

  self->instructions += HOOK_INTERVAL;
  if (self->tripped == TRIPPED_NONE)
    {
      if (self->instruction_limit > 0 && self->instructions > self->instruction_limit)
        self->tripped = TRIPPED_INSTRUCTIONS;
      else if (self->deadline > 0 && g_get_monotonic_time () > self->deadline)
        self->tripped = TRIPPED_TIME;
      else if (self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable))
        self->tripped = TRIPPED_CANCELLED;
    }

  /* Raised again at every check, so a script cannot outlive a limit by
   * catching the error. The message is replaced by the caller. */
  if (self->tripped != TRIPPED_NONE)
    luaL_error (L, "limit exceeded");
}

/* pcall/xpcall that let scripts catch their own errors but never a limit
 * violation or a memory error. */
static int
finish_protected_call (lua_State *L,
                       int        status,
                       int        base)
{
  SyLua *self = sandbox_from_state (L);

  if (status == LUA_ERRMEM)
    self->out_of_memory = TRUE;
  if (status != LUA_OK && (self->out_of_memory || self->tripped != TRIPPED_NONE))
    return lua_error (L);

  lua_pushboolean (L, status == LUA_OK);
  lua_insert (L, base);
  return lua_gettop (L) - base + 1;
}

static int
sandbox_pcall (lua_State *L)
{
  luaL_checkany (L, 1);
  return finish_protected_call (L, lua_pcall (L, lua_gettop (L) - 1, LUA_MULTRET, 0), 1);
}

static int
sandbox_xpcall (lua_State *L)
{
  int nargs = lua_gettop (L) - 2;

  luaL_checktype (L, 2, LUA_TFUNCTION);
  /* [f, handler, args…] → [handler, f, args…] */
  lua_pushvalue (L, 1);
  lua_copy (L, 2, 1);
  lua_replace (L, 2);
  return finish_protected_call (L, lua_pcall (L, nargs, LUA_MULTRET, 1), 2);
}

/* Binary chunks can be crafted by hand and crash the VM: text only. */
static int
sandbox_load (lua_State *L)
{
  int nargs = lua_gettop (L);
  int base;

  lua_pushvalue (L, lua_upvalueindex (1));
  base = lua_gettop (L);
  lua_pushvalue (L, 1);
  if (nargs >= 2)
    lua_pushvalue (L, 2);
  else
    lua_pushnil (L);
  lua_pushliteral (L, "t");
  if (nargs >= 4)
    lua_pushvalue (L, 4);
  lua_call (L, nargs >= 4 ? 4 : 3, LUA_MULTRET);
  return lua_gettop (L) - base + 1;
}

static int
sandbox_collectgarbage (lua_State *L)
{
  static const char *const allowed[] = { "collect", "count", "step", NULL };
  int nargs = lua_gettop (L);
  int base;

  luaL_checkoption (L, 1, "collect", allowed);
  lua_pushvalue (L, lua_upvalueindex (1));
  lua_insert (L, 1);
  base = 1;
  lua_call (L, nargs, LUA_MULTRET);
  return lua_gettop (L) - base + 1;
}

/* Finalizers run with hooks off, so a looping __gc could never be stopped. */
static int
sandbox_setmetatable (lua_State *L)
{
  if (lua_type (L, 2) == LUA_TTABLE)
    {
      if (lua_getfield (L, 2, "__gc") != LUA_TNIL)
        return luaL_error (L, "__gc metamethods are not allowed");
      lua_pop (L, 1);
    }

  lua_pushvalue (L, lua_upvalueindex (1));
  lua_insert (L, 1);
  lua_call (L, lua_gettop (L) - 1, 1);
  return 1;
}

static void
wrap_global (lua_State    *L,
             const char   *name,
             lua_CFunction wrapper)
{
  lua_getglobal (L, name);
  lua_pushcclosure (L, wrapper, 1);
  lua_setglobal (L, name);
}

static int
open_sandbox (lua_State *L)
{
  static const char *const removed_globals[] = { "dofile", "loadfile", "print", "warn", "require", NULL };
  static const char *const os_kept[] = { "time", "date", "clock", NULL };

  luaL_requiref (L, LUA_GNAME, luaopen_base, 1);
  luaL_requiref (L, LUA_MATHLIBNAME, luaopen_math, 1);
  luaL_requiref (L, LUA_STRLIBNAME, luaopen_string, 1);
  luaL_requiref (L, LUA_TABLIBNAME, luaopen_table, 1);
  luaL_requiref (L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
  lua_settop (L, 0);

  for (guint i = 0; removed_globals[i] != NULL; i++)
    {
      lua_pushnil (L);
      lua_setglobal (L, removed_globals[i]);
    }

  wrap_global (L, "load", sandbox_load);
  wrap_global (L, "collectgarbage", sandbox_collectgarbage);
  wrap_global (L, "setmetatable", sandbox_setmetatable);
  lua_pushcfunction (L, sandbox_pcall);
  lua_setglobal (L, "pcall");
  lua_pushcfunction (L, sandbox_xpcall);
  lua_setglobal (L, "xpcall");

  lua_getglobal (L, LUA_STRLIBNAME);
  lua_pushnil (L);
  lua_setfield (L, -2, "dump");
  lua_pop (L, 1);

  /* os: only the clock and calendar functions; the library is opened
   * without registering it, then copied. */
  luaopen_os (L);
  lua_newtable (L);
  for (guint i = 0; os_kept[i] != NULL; i++)
    {
      lua_getfield (L, -2, os_kept[i]);
      lua_setfield (L, -2, os_kept[i]);
    }
  lua_setglobal (L, "os");
  lua_pop (L, 1);

  /* Marks tables that came from JSON arrays so an empty one goes back as []. */
  lua_newtable (L);
  lua_rawsetp (L, LUA_REGISTRYINDEX, &array_metatable_key);

  lua_sethook (L, sandbox_hook, LUA_MASKCOUNT, HOOK_INTERVAL);
  return 0;
}

static int
sandbox_panic (lua_State *L)
{
  g_error ("Unprotected Lua error: %s", lua_tostring (L, -1));
  return 0;
}

SyLua *
sy_lua_new (gsize    memory_limit,
            GError **error)
{
  g_autoptr(SyLua) self = g_new0 (SyLua, 1);

  self->memory_limit = memory_limit;
  self->time_limit = SY_LUA_DEFAULT_TIME_LIMIT;
  self->L = lua_newstate (sandbox_alloc, self);
  if (self->L == NULL)
    {
      g_autofree char *limit = format_size (memory_limit);

      g_set_error (error, SY_LUA_ERROR, SY_LUA_ERROR_MEMORY_LIMIT,
                   _("a script cannot start within a memory limit of %s"), limit);
      return NULL;
    }
  lua_atpanic (self->L, sandbox_panic);

  lua_pushcfunction (self->L, open_sandbox);
  if (lua_pcall (self->L, 0, 0, 0) != LUA_OK)
    {
      g_autofree char *limit = format_size (memory_limit);

      g_set_error (error, SY_LUA_ERROR, SY_LUA_ERROR_MEMORY_LIMIT,
                   _("a script cannot start within a memory limit of %s"), limit);
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
sy_lua_free (SyLua *self)
{
  if (self == NULL)
    return;

  if (self->L != NULL)
    lua_close (self->L);
  g_free (self);
}

lua_State *
sy_lua_get_state (SyLua *self)
{
  return self->L;
}

gsize
sy_lua_get_memory_used (SyLua *self)
{
  return self->memory_used;
}

/**
 * sy_lua_set_limits:
 * @time_limit_usec: wall-clock time per run, 0 for none (default 10 s)
 * @instruction_limit: VM instructions per run, 0 for none (the default)
 */
void
sy_lua_set_limits (SyLua  *self,
                   gint64  time_limit_usec,
                   guint64 instruction_limit)
{
  self->time_limit = time_limit_usec;
  self->instruction_limit = instruction_limit;
}

/* Turns a failed run into the most specific error we know. */
static void
set_run_error (SyLua   *self,
               int      status,
               GError **error)
{
  g_autofree char *limit = NULL;
  const char *message;

  if (self->tripped == TRIPPED_TIME)
    {
      limit = format_duration (self->time_limit);
      g_set_error (error, SY_LUA_ERROR, SY_LUA_ERROR_TIME_LIMIT,
                   _("script exceeded its time limit of %s"), limit);
      return;
    }
  if (self->tripped == TRIPPED_INSTRUCTIONS)
    {
      g_autofree char *most = g_strdup_printf ("%" G_GUINT64_FORMAT, self->instruction_limit);

      g_set_error (error, SY_LUA_ERROR, SY_LUA_ERROR_INSTRUCTION_LIMIT,
                   _("script exceeded its limit of %s instructions"), most);
      return;
    }
  if (self->tripped == TRIPPED_CANCELLED)
    {
      g_set_error_literal (error, SY_LUA_ERROR, SY_LUA_ERROR_CANCELLED, _("script was cancelled"));
      return;
    }
  if (status == LUA_ERRMEM || self->out_of_memory)
    {
      limit = format_size (self->memory_limit);
      g_set_error (error, SY_LUA_ERROR, SY_LUA_ERROR_MEMORY_LIMIT,
                   _("script exceeded its memory limit of %s"), limit);
      return;
    }

  message = lua_tostring (self->L, -1);
  if (message != NULL)
    g_set_error_literal (error, SY_LUA_ERROR, SY_LUA_ERROR_RUNTIME, message);
  else
    g_set_error (error, SY_LUA_ERROR, SY_LUA_ERROR_RUNTIME,
                 _("script raised an error value of type %s"), luaL_typename (self->L, -1));
}

/**
 * sy_lua_run:
 * @func: runs inside lua_pcall with the limits armed; @data is its first
 *   argument (a light userdata). It must not hold GLib-owned memory across
 *   Lua calls that may raise.
 */
gboolean
sy_lua_run (SyLua         *self,
            lua_CFunction  func,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  lua_State *L = self->L;
  int status;

  self->instructions = 0;
  self->tripped = TRIPPED_NONE;
  self->out_of_memory = FALSE;
  self->cancellable = cancellable;
  self->deadline = self->time_limit > 0 ? g_get_monotonic_time () + self->time_limit : 0;

  lua_settop (L, 0);
  lua_pushcfunction (L, func);
  lua_pushlightuserdata (L, data);
  status = lua_pcall (L, 1, 0, 0);

  if (status != LUA_OK)
    set_run_error (self, status, error);

  self->cancellable = NULL;
  self->deadline = 0;
  lua_settop (L, 0);

  return status == LUA_OK;
}

typedef struct
{
  const char *code;
  const char *chunk_name;
  int         ref;
  int         status;
} LoadData;

static int
load_chunk (lua_State *L)
{
  LoadData *load = lua_touserdata (L, 1);

  load->status = luaL_loadbufferx (L, load->code, strlen (load->code), load->chunk_name, "t");
  if (load->status == LUA_ERRMEM)
    sandbox_from_state (L)->out_of_memory = TRUE;
  if (load->status != LUA_OK)
    return lua_error (L);

  load->ref = luaL_ref (L, LUA_REGISTRYINDEX);
  return 0;
}

/* "[string \"x\"]:3: unexpected symbol" → line 3, "unexpected symbol".
 * Lines after @last_line belong to a wrapper around the caller's code. */
static void
set_syntax_error (const char *message,
                  guint       last_line,
                  GError    **error)
{
  const char *close = message != NULL ? strstr (message, "]:") : NULL;
  char *end = NULL;
  guint64 line = 0;

  if (close != NULL)
    line = g_ascii_strtoull (close + 2, &end, 10);

  if (line > 0 && last_line > 0 && line > last_line)
    g_set_error (error, SY_LUA_ERROR, SY_LUA_ERROR_SYNTAX,
                 _("Lua syntax error at line %u: unexpected end of the code"), last_line);
  else if (line > 0 && end != NULL && g_str_has_prefix (end, ": "))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, line);

      g_set_error (error, SY_LUA_ERROR, SY_LUA_ERROR_SYNTAX,
                   _("Lua syntax error at line %s: %s"), number, end + 2);
    }
  else
    g_set_error (error, SY_LUA_ERROR, SY_LUA_ERROR_SYNTAX,
                 _("Lua syntax error: %s"), message != NULL ? message : "?");
}

/**
 * sy_lua_load:
 * @chunk_name: as Lua shows it in messages, e.g. `=[string "expression"]`
 * @last_line: the last line of the caller's own text when @code wraps it
 *   (syntax errors past it mean the text ended early), or 0
 *
 * Returns: a registry reference to the compiled chunk, or %LUA_NOREF with
 *   @error set.
 */
int
sy_lua_load (SyLua       *self,
             const char  *code,
             const char  *chunk_name,
             guint        last_line,
             GError     **error)
{
  LoadData load = { code, chunk_name, LUA_NOREF, LUA_OK };
  g_autoptr(GError) local_error = NULL;

  if (sy_lua_run (self, load_chunk, &load, NULL, &local_error))
    return load.ref;

  if (load.status == LUA_ERRSYNTAX)
    set_syntax_error (local_error->message, last_line, error);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return LUA_NOREF;
}

void
sy_lua_unref (SyLua *self,
              int    ref)
{
  luaL_unref (self->L, LUA_REGISTRYINDEX, ref);
}

static void
push_json (lua_State *L,
           JsonNode  *node,
           guint      depth)
{
  if (depth > MAX_DEPTH)
    luaL_error (L, "JSON value nested more than %d levels deep", MAX_DEPTH);
  luaL_checkstack (L, 4, "JSON value nested too deeply");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    lua_pushnil (L);
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      lua_createtable (L, 0, json_object_get_size (json_node_get_object (node)));
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          push_json (L, member, depth + 1);
          lua_setfield (L, -2, name);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint length = json_array_get_length (array);

      lua_createtable (L, length, 0);
      for (guint i = 0; i < length; i++)
        {
          push_json (L, json_array_get_element (array, i), depth + 1);
          lua_rawseti (L, -2, (lua_Integer) i + 1);
        }
      lua_rawgetp (L, LUA_REGISTRYINDEX, &array_metatable_key);
      lua_setmetatable (L, -2);
    }
  else
    switch (json_node_get_value_type (node))
      {
      case G_TYPE_INT64:
        lua_pushinteger (L, json_node_get_int (node));
        break;
      case G_TYPE_DOUBLE:
        lua_pushnumber (L, json_node_get_double (node));
        break;
      case G_TYPE_BOOLEAN:
        lua_pushboolean (L, json_node_get_boolean (node));
        break;
      case G_TYPE_STRING:
        lua_pushstring (L, json_node_get_string (node));
        break;
      default:
        lua_pushnil (L);
        break;
      }
}

/**
 * sy_lua_push_json:
 *
 * Pushes @node as Lua values (null → nil). Allocates in Lua, so it may
 * raise: call it from a function given to sy_lua_run().
 */
void
sy_lua_push_json (lua_State *L,
                  JsonNode  *node)
{
  push_json (L, node, 0);
}

static gboolean
is_marked_array (lua_State *L,
                 int        index)
{
  gboolean marked;

  if (!lua_getmetatable (L, index))
    return FALSE;
  lua_rawgetp (L, LUA_REGISTRYINDEX, &array_metatable_key);
  marked = lua_rawequal (L, -1, -2);
  lua_pop (L, 2);
  return marked;
}

static JsonNode *to_json (lua_State *L, int index, guint depth, GHashTable *visiting, GError **error);

/* A table is an array when its keys are exactly 1..n. */
static gboolean
table_is_array (lua_State *L,
                int        index,
                lua_Integer *length)
{
  lua_Integer count = 0, max = 0;
  gboolean integers = TRUE;

  lua_pushnil (L);
  while (lua_next (L, index) != 0)
    {
      lua_pop (L, 1);
      count++;
      if (integers && lua_isinteger (L, -1) && lua_tointeger (L, -1) >= 1)
        max = MAX (max, lua_tointeger (L, -1));
      else
        integers = FALSE;
    }

  *length = count;
  if (count == 0)
    return is_marked_array (L, index);

  return integers && max == count;
}

static char *
key_to_string (lua_State *L,
               int        index,
               GError   **error)
{
  switch (lua_type (L, index))
    {
    case LUA_TSTRING:
      /* no lua_tolstring on numbers: it would change the key under lua_next */
      return g_strdup (lua_tostring (L, index));
    case LUA_TNUMBER:
      if (lua_isinteger (L, index))
        return g_strdup_printf ("%lld", (long long) lua_tointeger (L, index));
      else
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, lua_tonumber (L, index)));
        }
    default:
      g_set_error (error, SY_LUA_ERROR, SY_LUA_ERROR_CONVERSION,
                   _("a table key of type %s cannot be converted to JSON"), luaL_typename (L, index));
      return NULL;
    }
}

static JsonNode *
table_to_json (lua_State  *L,
               int         index,
               guint       depth,
               GHashTable *visiting,
               GError    **error)
{
  const void *table = lua_topointer (L, index);
  g_autoptr(JsonNode) node = NULL;
  lua_Integer length;

  if (depth > MAX_DEPTH)
    {
      g_set_error (error, SY_LUA_ERROR, SY_LUA_ERROR_CONVERSION,
                   _("a table nested more than %d levels deep cannot be converted to JSON"), MAX_DEPTH);
      return NULL;
    }
  if (g_hash_table_contains (visiting, table))
    {
      g_set_error_literal (error, SY_LUA_ERROR, SY_LUA_ERROR_CONVERSION,
                           _("a table that contains itself cannot be converted to JSON"));
      return NULL;
    }
  if (!lua_checkstack (L, 4))
    {
      g_set_error_literal (error, SY_LUA_ERROR, SY_LUA_ERROR_CONVERSION,
                           _("a table nested too deeply cannot be converted to JSON"));
      return NULL;
    }

  g_hash_table_add (visiting, (gpointer) table);

  if (table_is_array (L, index, &length))
    {
      g_autoptr(JsonArray) array = json_array_new ();

      for (lua_Integer i = 1; i <= length; i++)
        {
          JsonNode *element;

          lua_rawgeti (L, index, i);
          element = to_json (L, -1, depth + 1, visiting, error);
          lua_pop (L, 1);
          if (element == NULL)
            return NULL;
          json_array_add_element (array, element);
        }
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (node, array);
    }
  else
    {
      g_autoptr(JsonObject) object = json_object_new ();

      lua_pushnil (L);
      while (lua_next (L, index) != 0)
        {
          g_autofree char *key = key_to_string (L, -2, error);
          JsonNode *value = key != NULL ? to_json (L, -1, depth + 1, visiting, error) : NULL;

          lua_pop (L, 1);
          if (value == NULL)
            {
              lua_pop (L, 1);
              return NULL;
            }
          json_object_set_member (object, key, value);
        }
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, object);
    }

  g_hash_table_remove (visiting, table);
  return g_steal_pointer (&node);
}

static JsonNode *
to_json (lua_State  *L,
         int         index,
         guint       depth,
         GHashTable *visiting,
         GError    **error)
{
  JsonNode *node;

  index = lua_absindex (L, index);

  switch (lua_type (L, index))
    {
    case LUA_TNIL:
    case LUA_TNONE:
      return json_node_new (JSON_NODE_NULL);

    case LUA_TBOOLEAN:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, lua_toboolean (L, index));
      return node;

    case LUA_TNUMBER:
      if (lua_isinteger (L, index))
        {
          node = json_node_new (JSON_NODE_VALUE);
          json_node_set_int (node, lua_tointeger (L, index));
          return node;
        }
      if (!isfinite (lua_tonumber (L, index)))
        return json_node_new (JSON_NODE_NULL);
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_double (node, lua_tonumber (L, index));
      return node;

    case LUA_TSTRING:
      {
        size_t length;
        const char *text = lua_tolstring (L, index, &length);
        g_autofree char *valid = g_utf8_make_valid (text, length);

        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_string (node, valid);
        return node;
      }

    case LUA_TTABLE:
      return table_to_json (L, index, depth, visiting, error);

    default:
      g_set_error (error, SY_LUA_ERROR, SY_LUA_ERROR_CONVERSION,
                   _("a Lua %s cannot be converted to JSON"), luaL_typename (L, index));
      return NULL;
    }
}

/**
 * sy_lua_to_json:
 *
 * Converts the value at @index: tables with keys 1..n become arrays, other
 * tables objects, NaN and infinities null. Never raises a Lua error.
 *
 * Returns: (transfer full): the value, or %NULL with @error set (functions,
 *   cycles, tables nested too deeply).
 */
JsonNode *
sy_lua_to_json (lua_State *L,
                int        index,
                GError   **error)
{
  g_autoptr(GHashTable) visiting = g_hash_table_new (NULL, NULL);

  return to_json (L, index, 0, visiting, error);
}
