/* sy-expression.c — jq, Lua and string-template expressions
 *
 * jq 1.6 fixes $name arguments at compile time and compiling costs ~13 ms,
 * so per-run values travel in the input instead:
 *   . as [[$__v0, $__v1], $__in] | $__in | (USER)
 * with the input [[v0, v1], input]. Lua gets them as chunk varargs.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <jq.h>
#include <lauxlib.h>
#include <math.h>
#include <string.h>

#include "sy-expression.h"
#include "sy-lua.h"
#include "sy-template.h"

typedef enum
{
  ENGINE_JQ,
  ENGINE_LUA,
  ENGINE_STRING,
} Engine;

static const char * const engine_names[] = { "jq", "lua", "string" };

struct _SyExpression
{
  gatomicrefcount ref_count;
  Engine          engine;
  char           *text;
  GPtrArray      *bindings; /* distinct SyPlaceholder, in $__vN order */

  /* A compiled jq program or Lua state runs one evaluation at a time. */
  GMutex          lock;
  jq_state       *jq;
  SyLua          *lua;
  int             chunk_ref;
};

G_DEFINE_BOXED_TYPE (SyExpression, sy_expression, sy_expression_ref, sy_expression_unref)

G_DEFINE_QUARK (sy-expression-error-quark, sy_expression_error)

typedef struct
{
  char         *key;
  SyExpression *expression;
} CacheEntry;

static GMutex      cache_lock;
static GHashTable *cache_index; /* key → GList link in cache_order */
static GQueue      cache_order = G_QUEUE_INIT; /* most recently used first */
static guint       compile_count;

SyExpression *
sy_expression_ref (SyExpression *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sy_expression_unref (SyExpression *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (self->jq != NULL)
    jq_teardown (&self->jq);
  g_clear_pointer (&self->lua, sy_lua_free);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->text, g_free);
  g_mutex_clear (&self->lock);
  g_free (self);
}

const char *
sy_expression_get_engine (SyExpression *self)
{
  return engine_names[self->engine];
}

const char *
sy_expression_get_text (SyExpression *self)
{
  return self->text;
}

gboolean
sy_expression_engine_is_known (const char *engine)
{
  for (guint i = 0; i < G_N_ELEMENTS (engine_names); i++)
    if (g_strcmp0 (engine, engine_names[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
same_placeholder (gconstpointer a,
                  gconstpointer b)
{
  const SyPlaceholder *pa = a, *pb = b;

  return g_str_equal (pa->path, pb->path) && g_strcmp0 (pa->default_text, pb->default_text) == 0;
}

/* Whether each placeholder sits inside a jq string literal, where it must
 * become an interpolation \($__vN) rather than a bare variable. Tracks
 * strings, escapes, \( … ) nesting and # comments. */
static gboolean *
find_jq_string_placeholders (const char *text,
                             GPtrArray  *placeholders)
{
  gboolean *in_string = g_new0 (gboolean, MAX (placeholders->len, 1));
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));
  int depth = 0; /* parentheses open in the current code level */
  gboolean string = FALSE;
  guint next = 0;

  for (gsize i = 0; text[i] != '\0'; i++)
    {
      if (next < placeholders->len && i >= ((SyPlaceholder *) g_ptr_array_index (placeholders, next))->start)
        {
          in_string[next] = string;
          i = ((SyPlaceholder *) g_ptr_array_index (placeholders, next))->end - 1;
          next++;
          continue;
        }

      if (string)
        {
          if (text[i] == '\\' && text[i + 1] == '(')
            {
              g_array_append_val (stack, depth);
              depth = 0;
              string = FALSE;
              i++;
            }
          else if (text[i] == '\\' && text[i + 1] != '\0')
            i++;
          else if (text[i] == '"')
            string = FALSE;
        }
      else if (text[i] == '"')
        string = TRUE;
      else if (text[i] == '#')
        {
          while (text[i + 1] != '\0' && text[i + 1] != '\n')
            i++;
        }
      else if (text[i] == '(')
        depth++;
      else if (text[i] == ')')
        {
          if (depth > 0)
            depth--;
          else if (stack->len > 0)
            {
              depth = g_array_index (stack, int, stack->len - 1);
              g_array_set_size (stack, stack->len - 1);
              string = TRUE;
            }
        }
    }

  return in_string;
}

/* Replaces each placeholder with @prefix<N> (the same N for the same
 * placeholder) and fills self->bindings. */
static char *
bind_placeholders (SyExpression         *self,
                   const char           *prefix,
                   SyTemplateScanFlags   flags,
                   GError              **error)
{
  g_autoptr(GPtrArray) found = sy_template_scan (self->text, flags, error);
  g_autoptr(GString) rewritten = g_string_new (NULL);
  g_autofree gboolean *in_string = NULL;
  gsize done = 0;

  if (found == NULL)
    return NULL;

  if (self->engine == ENGINE_JQ)
    in_string = find_jq_string_placeholders (self->text, found);

  self->bindings = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_placeholder_free);
  for (guint i = 0; i < found->len; i++)
    {
      SyPlaceholder *placeholder = g_ptr_array_index (found, i);
      guint index;

      g_string_append_len (rewritten, self->text + done, placeholder->start - done);
      done = placeholder->end;

      if (!g_ptr_array_find_with_equal_func (self->bindings, placeholder, same_placeholder, &index))
        {
          index = self->bindings->len;
          g_ptr_array_add (self->bindings, g_ptr_array_steal_index (found, i));
          g_ptr_array_insert (found, i, NULL);
        }
      if (in_string != NULL && in_string[i])
        g_string_append_printf (rewritten, "\\(%s%u)", prefix, index);
      else
        g_string_append_printf (rewritten, " %s%u ", prefix, index);
    }
  g_string_append (rewritten, self->text + done);

  return g_string_free (g_steal_pointer (&rewritten), FALSE);
}

/* ---- jq ---- */

static void
capture_jq_error (void *data,
                  jv    message)
{
  GString *errors = data;

  if (errors->len > 0)
    {
      jv_free (message);
      return;
    }

  if (jv_get_kind (message) == JV_KIND_STRING)
    g_string_append (errors, jv_string_value (message));
  else
    {
      jv dumped = jv_dump_string (message, 0);

      g_string_append (errors, jv_string_value (dumped));
      jv_free (dumped);
      return;
    }
  jv_free (message);
}

static void
discard_jq_message (void *data,
                    jv    message)
{
  (void) data;
  jv_free (message);
}

static guint
count_lines (const char *text)
{
  guint lines = 1;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      lines++;

  return lines;
}

/* "jq: error: syntax error, unexpected X at <top-level>, line 2:\n…"
 * → "syntax error, unexpected X at line 1": the user's text starts on line
 * 2 of the program and our closing ")" follows its last line. */
static char *
describe_jq_compile_error (const char *raw,
                           const char *user_text)
{
  g_autofree char *first_line = NULL;
  const char *text = raw;
  const char *at;
  const char *newline;
  guint64 user_lines = count_lines (user_text);

  if (g_str_has_prefix (text, "jq: error: "))
    text += strlen ("jq: error: ");
  newline = strchr (text, '\n');
  first_line = newline != NULL ? g_strndup (text, newline - text) : g_strdup (text);

  /* a hint for command-line users, not ours */
  at = strstr (first_line, " (Unix shell quoting issues?)");
  if (at != NULL)
    memmove ((char *) at, at + strlen (" (Unix shell quoting issues?)"),
             strlen (at + strlen (" (Unix shell quoting issues?)")) + 1);

  at = strstr (first_line, " at <top-level>, line ");
  if (at != NULL)
    {
      guint64 line = g_ascii_strtoull (at + strlen (" at <top-level>, line "), NULL, 10);

      if (line > user_lines + 1)
        {
          g_autofree char *last = g_strdup_printf ("%" G_GUINT64_FORMAT, user_lines);

          return g_strdup_printf (_("syntax error, unexpected end of the expression at line %s"), last);
        }

      return g_strdup_printf ("%.*s at line %" G_GUINT64_FORMAT, (int) (at - first_line),
                              first_line, line > 1 ? line - 1 : 1);
    }

  g_strchomp (first_line);
  if (g_str_has_suffix (first_line, ":"))
    first_line[strlen (first_line) - 1] = '\0';
  return g_steal_pointer (&first_line);
}

static gboolean
compile_jq (SyExpression *self,
            GError      **error)
{
  g_autofree char *body = bind_placeholders (self, "$__v", SY_TEMPLATE_SCAN_STRICT, error);
  g_autoptr(GString) program = NULL;
  g_autoptr(GString) errors = g_string_new (NULL);

  if (body == NULL)
    return FALSE;

  /* jq has no empty destructuring pattern */
  program = g_string_new (self->bindings->len > 0 ? ". as [[" : ".[1] | (");
  for (guint i = 0; i < self->bindings->len; i++)
    g_string_append_printf (program, "%s$__v%u", i > 0 ? ", " : "", i);
  if (self->bindings->len > 0)
    g_string_append (program, "], $__in] | $__in | (");
  /* own lines for the user's text: a trailing # comment cannot swallow ")" */
  g_string_append_printf (program, "\n%s\n)", body);

  self->jq = jq_init ();
  if (self->jq == NULL)
    {
      g_set_error_literal (error, SY_EXPRESSION_ERROR, SY_EXPRESSION_ERROR_SYNTAX,
                           _("jq could not be initialised"));
      return FALSE;
    }
  jq_set_error_cb (self->jq, capture_jq_error, errors);

  if (!jq_compile (self->jq, program->str))
    {
      g_autofree char *message = describe_jq_compile_error (errors->len > 0 ? errors->str : "?", self->text);

      g_set_error (error, SY_EXPRESSION_ERROR, SY_EXPRESSION_ERROR_SYNTAX,
                   _("jq syntax error: %s"), message);
      jq_set_error_cb (self->jq, discard_jq_message, NULL);
      return FALSE;
    }

  /* later reports are not ours to print on the terminal */
  jq_set_error_cb (self->jq, discard_jq_message, NULL);
  return TRUE;
}

static jv
json_to_jv (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return jv_null ();

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;
      jv object = jv_object ();

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        object = jv_object_set (object, jv_string (name), json_to_jv (member));
      return object;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      jv result = jv_array ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        result = jv_array_append (result, json_to_jv (json_array_get_element (array, i)));
      return result;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return jv_number ((double) json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return jv_number (json_node_get_double (node));
    case G_TYPE_BOOLEAN:
      return jv_bool (json_node_get_boolean (node));
    case G_TYPE_STRING:
      return jv_string (json_node_get_string (node));
    default:
      return jv_null ();
    }
}

/* Consumes @value. */
static JsonNode *
jv_to_json (jv value)
{
  JsonNode *node;

  switch (jv_get_kind (value))
    {
    case JV_KIND_TRUE:
    case JV_KIND_FALSE:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, jv_get_kind (value) == JV_KIND_TRUE);
      break;

    case JV_KIND_NUMBER:
      {
        double number = jv_number_value (value);

        if (!isfinite (number))
          node = json_node_new (JSON_NODE_NULL);
        else if (number == floor (number) && fabs (number) < 9.007199254740992e15)
          {
            node = json_node_new (JSON_NODE_VALUE);
            json_node_set_int (node, (gint64) number);
          }
        else
          {
            node = json_node_new (JSON_NODE_VALUE);
            json_node_set_double (node, number);
          }
      }
      break;

    case JV_KIND_STRING:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, jv_string_value (value));
      break;

    case JV_KIND_ARRAY:
      {
        JsonArray *array = json_array_new ();

        jv_array_foreach (value, i, element)
          json_array_add_element (array, jv_to_json (element));
        node = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (node, array);
      }
      break;

    case JV_KIND_OBJECT:
      {
        JsonObject *object = json_object_new ();

        jv_object_foreach (value, key, member)
          {
            json_object_set_member (object, jv_string_value (key), jv_to_json (member));
            jv_free (key);
          }
        node = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (node, object);
      }
      break;

    case JV_KIND_NULL:
    default:
      node = json_node_new (JSON_NODE_NULL);
      break;
    }

  jv_free (value);
  return node;
}

/* Consumes @message. */
static char *
jv_message_text (jv message)
{
  char *text;

  if (jv_get_kind (message) == JV_KIND_STRING)
    text = g_strdup (jv_string_value (message));
  else
    {
      jv dumped = jv_dump_string (jv_copy (message), 0);

      text = g_strdup (jv_string_value (dumped));
      jv_free (dumped);
    }

  jv_free (message);
  return text;
}

static JsonNode *
evaluate_jq (SyExpression *self,
             GPtrArray    *values,
             JsonNode     *input,
             GError      **error)
{
  jv bound = jv_array ();
  jv result;

  for (guint i = 0; i < values->len; i++)
    bound = jv_array_append (bound, json_to_jv (g_ptr_array_index (values, i)));

  jq_start (self->jq, JV_ARRAY (bound, json_to_jv (input)), 0);
  result = jq_next (self->jq);

  if (jv_is_valid (result))
    return jv_to_json (result);

  if (jv_invalid_has_msg (jv_copy (result)))
    {
      g_autofree char *message = jv_message_text (jv_invalid_get_msg (result));

      g_set_error (error, SY_EXPRESSION_ERROR, SY_EXPRESSION_ERROR_RUNTIME,
                   _("jq error: %s"), message);
      return NULL;
    }
  jv_free (result);

  if (jq_halted (self->jq))
    {
      jv exit_message = jq_get_error_message (self->jq);
      g_autofree char *message = NULL;

      if (jv_get_kind (exit_message) == JV_KIND_INVALID || jv_get_kind (exit_message) == JV_KIND_NULL)
        {
          jv_free (exit_message);
          message = g_strdup (_("halted"));
        }
      else
        message = jv_message_text (exit_message);
      g_strchomp (message);
      g_set_error (error, SY_EXPRESSION_ERROR, SY_EXPRESSION_ERROR_RUNTIME,
                   _("jq stopped the program: %s"), message);
      return NULL;
    }

  /* no output at all */
  return json_node_new (JSON_NODE_NULL);
}

/* ---- Lua ---- */

static gboolean
compile_lua (SyExpression *self,
             GError      **error)
{
  g_autofree char *body = bind_placeholders (self, "__v", SY_TEMPLATE_SCAN_CODE, error);
  g_autoptr(GString) chunk = NULL;

  if (body == NULL)
    return FALSE;

  self->lua = sy_lua_new (SY_LUA_DEFAULT_MEMORY_LIMIT, error);
  if (self->lua == NULL)
    return FALSE;
  sy_lua_set_limits (self->lua, SY_LUA_DEFAULT_TIME_LIMIT, SY_EXPRESSION_LUA_INSTRUCTION_LIMIT);

  /* Everything before the user's text stays on line 1 so Lua's line
   * numbers are the user's. */
  chunk = g_string_new (NULL);
  for (guint i = 0; i < self->bindings->len; i++)
    g_string_append_printf (chunk, "%s__v%u", i > 0 ? ", " : "local ", i);
  if (self->bindings->len > 0)
    g_string_append (chunk, " = ...; ");
  g_string_append_printf (chunk, "return (%s\n)", body);

  self->chunk_ref = sy_lua_load (self->lua, chunk->str, "=[string \"expression\"]",
                                 count_lines (self->text), error);
  return self->chunk_ref != LUA_NOREF;
}

typedef struct
{
  SyExpression *self;
  GPtrArray    *values;
  JsonNode     *input;
  JsonNode     *result;
  GError       *error;
} LuaCall;

/* Runs inside lua_pcall: holds no GLib memory across raising calls. */
static int
call_lua_chunk (lua_State *L)
{
  LuaCall *call = lua_touserdata (L, 1);

  lua_rawgeti (L, LUA_REGISTRYINDEX, call->self->chunk_ref);

  /* A fresh global table per run, reading through to the sandbox's, so
   * one evaluation cannot leave globals behind for the next. */
  lua_newtable (L);
  lua_createtable (L, 0, 1);
  lua_pushglobaltable (L);
  lua_setfield (L, -2, "__index");
  lua_setmetatable (L, -2);
  if (call->input != NULL)
    {
      sy_lua_push_json (L, call->input);
      lua_setfield (L, -2, "input");
    }
  lua_setupvalue (L, -2, 1);

  for (guint i = 0; i < call->values->len; i++)
    sy_lua_push_json (L, g_ptr_array_index (call->values, i));
  lua_call (L, call->values->len, 1);

  call->result = sy_lua_to_json (L, -1, &call->error);
  return 0;
}

static JsonNode *
evaluate_lua (SyExpression *self,
              GPtrArray    *values,
              JsonNode     *input,
              GError      **error)
{
  LuaCall call = { self, values, input, NULL, NULL };

  if (!sy_lua_run (self->lua, call_lua_chunk, &call, NULL, error))
    {
      g_clear_pointer (&call.result, json_node_unref);
      g_clear_error (&call.error);
      return NULL;
    }

  if (call.error != NULL)
    {
      g_propagate_error (error, call.error);
      return NULL;
    }

  return call.result;
}

/* ---- compiling and the cache ---- */

static SyExpression *
compile_uncached (Engine       engine,
                  const char  *text,
                  GError     **error)
{
  g_autoptr(SyExpression) self = g_new0 (SyExpression, 1);
  gboolean ok = FALSE;

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->engine = engine;
  self->text = g_strdup (text);
  self->chunk_ref = LUA_NOREF;

  switch (engine)
    {
    case ENGINE_JQ:
      ok = compile_jq (self, error);
      break;
    case ENGINE_LUA:
      ok = compile_lua (self, error);
      break;
    case ENGINE_STRING:
      {
        g_autoptr(GPtrArray) found = sy_template_scan (text, SY_TEMPLATE_SCAN_STRICT, error);

        ok = found != NULL;
      }
      break;
    default:
      g_assert_not_reached ();
    }

  g_atomic_int_inc (&compile_count);
  return ok ? g_steal_pointer (&self) : NULL;
}

static void
cache_entry_free (CacheEntry *entry)
{
  g_free (entry->key);
  sy_expression_unref (entry->expression);
  g_free (entry);
}

/**
 * sy_expression_compile:
 * @engine: "jq", "lua" or "string"
 *
 * Returns: (transfer full): the compiled expression, shared with every
 *   other caller that compiles the same text, or %NULL with @error set.
 */
SyExpression *
sy_expression_compile (const char  *engine,
                       const char  *text,
                       GError     **error)
{
  g_autofree char *key = NULL;
  SyExpression *expression;
  CacheEntry *entry;
  GList *link;
  Engine kind;

  g_return_val_if_fail (text != NULL, NULL);

  for (kind = 0; kind < G_N_ELEMENTS (engine_names); kind++)
    if (g_strcmp0 (engine, engine_names[kind]) == 0)
      break;
  if (kind == G_N_ELEMENTS (engine_names))
    {
      g_set_error (error, SY_EXPRESSION_ERROR, SY_EXPRESSION_ERROR_UNKNOWN_ENGINE,
                   _("unknown expression engine “%s” (expected jq, lua or string)"),
                   engine != NULL ? engine : "");
      return NULL;
    }

  key = g_strconcat (engine, "\n", text, NULL);

  /* Compiling under the lock means a text compiles once even when several
   * threads ask for it together; it also serialises jq_compile. */
  g_mutex_lock (&cache_lock);

  if (cache_index == NULL)
    cache_index = g_hash_table_new (g_str_hash, g_str_equal);

  link = g_hash_table_lookup (cache_index, key);
  if (link != NULL)
    {
      g_queue_unlink (&cache_order, link);
      g_queue_push_head_link (&cache_order, link);
      expression = sy_expression_ref (((CacheEntry *) link->data)->expression);
      g_mutex_unlock (&cache_lock);
      return expression;
    }

  expression = compile_uncached (kind, text, error);
  if (expression == NULL)
    {
      g_mutex_unlock (&cache_lock);
      return NULL;
    }

  entry = g_new0 (CacheEntry, 1);
  entry->key = g_steal_pointer (&key);
  entry->expression = sy_expression_ref (expression);
  g_queue_push_head (&cache_order, entry);
  g_hash_table_insert (cache_index, entry->key, cache_order.head);

  while (cache_order.length > SY_EXPRESSION_CACHE_SIZE)
    {
      CacheEntry *oldest = g_queue_pop_tail (&cache_order);

      g_hash_table_remove (cache_index, oldest->key);
      cache_entry_free (oldest);
    }

  g_mutex_unlock (&cache_lock);
  return expression;
}

guint
sy_expression_get_compile_count (void)
{
  return g_atomic_int_get (&compile_count);
}

void
sy_expression_clear_cache (void)
{
  CacheEntry *entry;

  g_mutex_lock (&cache_lock);
  while ((entry = g_queue_pop_head (&cache_order)) != NULL)
    cache_entry_free (entry);
  g_clear_pointer (&cache_index, g_hash_table_unref);
  g_mutex_unlock (&cache_lock);
}

/* ---- evaluating ---- */

/**
 * sy_expression_evaluate_with_input:
 * @input: (nullable): `.` for jq, the global `input` for Lua; ignored by
 *   the string engine
 *
 * Returns: (transfer full): the result (jq: the first output, null when
 *   there is none; string: always a string), or %NULL with @error set.
 */
JsonNode *
sy_expression_evaluate_with_input (SyExpression *self,
                                   SyVariables  *variables,
                                   JsonNode     *input,
                                   GError      **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  JsonNode *result = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (variables != NULL, NULL);

  if (self->engine == ENGINE_STRING)
    {
      char *text = sy_template_interpolate (self->text, variables, error);

      if (text == NULL)
        return NULL;
      result = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (result, text);
      g_free (text);
      return result;
    }

  for (guint i = 0; i < self->bindings->len; i++)
    {
      JsonNode *value = sy_placeholder_resolve (g_ptr_array_index (self->bindings, i), variables, error);

      if (value == NULL)
        return NULL;
      g_ptr_array_add (values, value);
    }

  g_mutex_lock (&self->lock);
  if (self->engine == ENGINE_JQ)
    result = evaluate_jq (self, values, input, error);
  else
    result = evaluate_lua (self, values, input, error);
  g_mutex_unlock (&self->lock);

  return result;
}

JsonNode *
sy_expression_evaluate (SyExpression *self,
                        SyVariables  *variables,
                        GError      **error)
{
  return sy_expression_evaluate_with_input (self, variables, NULL, error);
}
