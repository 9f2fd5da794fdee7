/* sy-lua.h — the Lua 5.4 sandbox shared by expressions and the script node
 *
 * A sandboxed state has base (no dofile/loadfile/print, text-only load,
 * no __gc metamethods), math, string (no dump), table, utf8 and
 * os.time/date/clock. Memory is capped by the allocator; time and
 * instructions by a count hook that also watches a GCancellable.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <lua.h>

G_BEGIN_DECLS

#define SY_LUA_ERROR (sy_lua_error_quark ())

typedef enum
{
  SY_LUA_ERROR_SYNTAX,
  SY_LUA_ERROR_RUNTIME,
  SY_LUA_ERROR_MEMORY_LIMIT,
  SY_LUA_ERROR_TIME_LIMIT,
  SY_LUA_ERROR_INSTRUCTION_LIMIT,
  SY_LUA_ERROR_CANCELLED,
  SY_LUA_ERROR_CONVERSION,
} SyLuaError;

#define SY_LUA_DEFAULT_MEMORY_LIMIT (64 * 1024 * 1024)
#define SY_LUA_DEFAULT_TIME_LIMIT   (10 * G_USEC_PER_SEC)

typedef struct _SyLua SyLua;

GQuark     sy_lua_error_quark  (void);

SyLua     *sy_lua_new          (gsize          memory_limit,
                                GError       **error);
void       sy_lua_free         (SyLua         *self);
lua_State *sy_lua_get_state    (SyLua         *self);
void       sy_lua_set_limits   (SyLua         *self,
                                gint64         time_limit_usec,
                                guint64        instruction_limit);
gsize      sy_lua_get_memory_used (SyLua      *self);

int        sy_lua_load         (SyLua         *self,
                                const char    *code,
                                const char    *chunk_name,
                                guint          last_line,
                                GError       **error);
void       sy_lua_unref        (SyLua         *self,
                                int            ref);
gboolean   sy_lua_run          (SyLua         *self,
                                lua_CFunction  func,
                                gpointer       data,
                                GCancellable  *cancellable,
                                GError       **error);

void       sy_lua_push_json    (lua_State     *L,
                                JsonNode      *node);
JsonNode  *sy_lua_to_json      (lua_State     *L,
                                int            index,
                                GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyLua, sy_lua_free)

G_END_DECLS
