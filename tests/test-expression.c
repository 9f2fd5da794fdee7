/* test-expression.c — jq, Lua and string expressions, the Lua sandbox, the cache */
#include "config.h"

#include <json-glib/json-glib.h>
#include <lauxlib.h>

#include "sy-expression.h"
#include "sy-lua.h"
#include "sy-template.h"
#include "sy-variables.h"
#include "sy-test-engine.h"

static void
assert_json (JsonNode   *node,
             const char *expected)
{
  g_autoptr(JsonNode) want = sy_test_json (expected);
  g_autofree char *got_text = json_to_string (node, FALSE);
  g_autofree char *want_text = json_to_string (want, FALSE);

  /* Lua tables have no member order */
  if (g_strcmp0 (got_text, want_text) != 0 && !json_node_equal (node, want))
    g_assert_cmpstr (got_text, ==, want_text);
}

static SyVariables *
make_variables (void)
{
  SyVariables *variables = sy_variables_new ();
  g_autoptr(JsonNode) context = sy_test_json (
    "{\"a\": 2, \"b\": 3, \"price\": 2.5, \"name\": \"Ann\", \"none\": null,"
    " \"s\": \"\\\"); halt_error(\\\"x\", \"tags\": [\"t1\", \"t2\"],"
    " \"obj\": {\"k\": [1, 2], \"e\": [], \"o\": {}}, \"items\": [{\"qty\": 1}, {\"qty\": 4}]}");

  sy_variables_set_context (variables, context);
  return variables;
}

typedef struct
{
  const char *engine;
  const char *text;
  const char *input;    /* JSON or NULL */
  const char *expected; /* JSON */
} EvalCase;

static const EvalCase eval_cases[] = {
  /* jq: values are bound, typed */
  { "jq", "{{$context.a}} + {{$context.b}}", NULL, "5" },
  { "jq", "{{$context.a}} * {{$context.a}}", NULL, "4" },
  { "jq", "{{$context.price}} * 2", NULL, "5" },
  { "jq", "{{$context.price}} / 4", NULL, "0.625" },
  { "jq", "{{$context.a}} > 1 and {{$context.b}} <= 3", NULL, "true" },
  { "jq", "{{$context.name}} == \"Ann\"", NULL, "true" },
  { "jq", "{{$context.none}} == null", NULL, "true" },
  { "jq", "{{$context.missing:10}} * 2", NULL, "20" },
  { "jq", "{{$context.items.qty}} | add", NULL, "5" },
  { "jq", "{a: {{$context.a}}, t: {{$context.tags}}}", NULL, "{\"a\":2,\"t\":[\"t1\",\"t2\"]}" },
  { "jq", "{{$context.tags}} | length", NULL, "2" },
  /* injection attempt: the value stays a plain string */
  { "jq", "{{$context.s}} + \"!\"", NULL, "\"\\\"); halt_error(\\\"x!\"" },
  { "jq", "\"{{$context.s}}\"", NULL, "\"\\\"); halt_error(\\\"x\"" },
  /* inside a jq string a placeholder interpolates */
  { "jq", "\"{{$context.name}} is \\({{$context.a}} + 1) (\\(\"{{$context.b}}\"))\"", NULL, "\"Ann is 3 (3)\"" },
  { "jq", "\"\\\"{{$context.name}}\\\"\" # \"{{$context.a}}", NULL, "\"\\\"Ann\\\"\"" },
  { "jq", "empty", NULL, "null" },
  { "jq", "1, 2", NULL, "1" },
  { "jq", ".", NULL, "null" },
  { "jq", "3 # a trailing comment", NULL, "3" },
  { "jq", ".x * 2", "{\"x\": 21}", "42" },
  { "jq", "{{$context.a}} + .x", "{\"x\": 21}", "23" },
  { "jq", "[.[] | . + {{$context.a}}]", "[1, 2]", "[3,4]" },
  /* Lua */
  { "lua", "{{$context.a}} + {{$context.b}}", NULL, "5" },
  { "lua", "{{$context.price}} * 2", NULL, "5.0" },
  { "lua", "{{$context.a}} > 1 and 'big' or 'small'", NULL, "\"big\"" },
  { "lua", "{{$context.s}} .. '!'", NULL, "\"\\\"); halt_error(\\\"x!\"" },
  { "lua", "{{$context.name}}:lower():upper()", NULL, "\"ANN\"" },
  { "lua", "#{{$context.tags}}", NULL, "2" },
  { "lua", "{{$context.none}} == nil", NULL, "true" },
  { "lua", "{1, 2, {{$context.a}}}", NULL, "[1,2,2]" },
  { "lua", "{{1, 2}, {3}}", NULL, "[[1,2],[3]]" },
  { "lua", "{x = 1}", NULL, "{\"x\":1}" },
  { "lua", "{[2] = 'two'}", NULL, "{\"2\":\"two\"}" },
  { "lua", "{[1.5] = true}", NULL, "{\"1.5\":true}" },
  { "lua", "{{$context.obj}}", NULL, "{\"k\":[1,2],\"e\":[],\"o\":{}}" },
  { "lua", "0/0", NULL, "null" },
  { "lua", "1/0", NULL, "null" },
  { "lua", "math.floor(3.7)", NULL, "3" },
  { "lua", "string.format('%05.1f', {{$context.price}})", NULL, "\"002.5\"" },
  { "lua", "os.time{year=2026, month=1, day=1, hour=12} > 0", NULL, "true" },
  { "lua", "input.x + 1", "{\"x\": 21}", "22" },
  { "lua", "nil -- a trailing comment", NULL, "null" },
  { "lua", "select(2, load('\\27Lua'))", NULL, "\"attempt to load a binary chunk (mode is 't')\"" },
  { "lua", "load('return 1 + 1')()", NULL, "2" },
  { "lua", "dofile == nil and loadfile == nil and require == nil and io == nil", NULL, "true" },
  { "lua", "os.execute == nil and os.getenv == nil and string.dump == nil and debug == nil", NULL, "true" },
  { "lua", "pcall(error, 'caught')", NULL, "false" },
  /* string: always text */
  { "string", "Hello {{$context.name}} x{{$context.a}}{{$context.none}}", NULL, "\"Hello Ann x2\"" },
  { "string", "{{$context.a}}", NULL, "\"2\"" },
  { "string", "{{$context.tags}}", "{\"x\": 1}", "\"[\\\"t1\\\",\\\"t2\\\"]\"" },
};

static void
test_evaluate (void)
{
  g_autoptr(SyVariables) variables = make_variables ();

  for (guint i = 0; i < G_N_ELEMENTS (eval_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SyExpression) expression = NULL;
      g_autoptr(JsonNode) input = eval_cases[i].input != NULL ? sy_test_json (eval_cases[i].input) : NULL;
      g_autoptr(JsonNode) result = NULL;

      g_test_message ("%s: %s", eval_cases[i].engine, eval_cases[i].text);
      expression = sy_expression_compile (eval_cases[i].engine, eval_cases[i].text, &error);
      g_assert_no_error (error);
      result = sy_expression_evaluate_with_input (expression, variables, input, &error);
      g_assert_no_error (error);
      assert_json (result, eval_cases[i].expected);

      /* and again: a compiled program runs many times */
      g_clear_pointer (&result, json_node_unref);
      result = sy_expression_evaluate_with_input (expression, variables, input, &error);
      g_assert_no_error (error);
      assert_json (result, eval_cases[i].expected);
    }
}

typedef struct
{
  const char *engine;
  const char *text;
  gboolean    at_compile;
  const char *domain; /* "expression", "lua", "template" */
  int         code;
  const char *message; /* substring */
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "python", "1", TRUE, "expression", SY_EXPRESSION_ERROR_UNKNOWN_ENGINE,
    "unknown expression engine “python” (expected jq, lua or string)" },
  { "jq", ".a +", TRUE, "expression", SY_EXPRESSION_ERROR_SYNTAX,
    "jq syntax error: syntax error, unexpected end of the expression at line 1" },
  { "jq", ".a | ]", TRUE, "expression", SY_EXPRESSION_ERROR_SYNTAX, "jq syntax error: syntax error, unexpected INVALID_CHARACTER at line 1" },
  { "jq", ".a |\n.b |\n] | .", TRUE, "expression", SY_EXPRESSION_ERROR_SYNTAX, "at line 3" },
  { "jq", "1 +\n\n", TRUE, "expression", SY_EXPRESSION_ERROR_SYNTAX, "unexpected end of the expression at line 3" },
  { "jq", "nosuchfunction(1)", TRUE, "expression", SY_EXPRESSION_ERROR_SYNTAX, "nosuchfunction/1 is not defined" },
  { "jq", "{{oops}} + 1", TRUE, "template", SY_TEMPLATE_ERROR_UNKNOWN_ROOT, "placeholder “oops” at character 1" },
  { "jq", "{{$context.name}} + 1", FALSE, "expression", SY_EXPRESSION_ERROR_RUNTIME,
    "jq error: string (\"Ann\") and number (1) cannot be added" },
  { "jq", "error(\"custom\")", FALSE, "expression", SY_EXPRESSION_ERROR_RUNTIME, "jq error: custom" },
  { "jq", "error({code: 1})", FALSE, "expression", SY_EXPRESSION_ERROR_RUNTIME, "jq error: {\"code\":1}" },
  { "jq", "\"boom\" | halt_error", FALSE, "expression", SY_EXPRESSION_ERROR_RUNTIME, "jq stopped the program: boom" },
  { "lua", "1 +", TRUE, "lua", SY_LUA_ERROR_SYNTAX, "Lua syntax error at line 1: unexpected end of the code" },
  { "lua", "1 + + 2", TRUE, "lua", SY_LUA_ERROR_SYNTAX, "Lua syntax error at line 1: unexpected symbol near '+'" },
  { "lua", "1 +\n\n+ 2", TRUE, "lua", SY_LUA_ERROR_SYNTAX, "Lua syntax error at line 3: unexpected symbol near '+'" },
  { "lua", "'unfinished", TRUE, "lua", SY_LUA_ERROR_SYNTAX, "Lua syntax error at line 1: unfinished string" },
  { "lua", "{{ $nope }}", TRUE, "template", SY_TEMPLATE_ERROR_UNKNOWN_ROOT, "must start with" },
  { "lua", "nil + 1", FALSE, "lua", SY_LUA_ERROR_RUNTIME, "[string \"expression\"]:1: attempt to perform arithmetic on a nil value" },
  { "lua", "1 +\nnil", FALSE, "lua", SY_LUA_ERROR_RUNTIME, "[string \"expression\"]:1:" },
  { "lua", "error('mine')", FALSE, "lua", SY_LUA_ERROR_RUNTIME, "[string \"expression\"]:1: mine" },
  { "lua", "math.floor", FALSE, "lua", SY_LUA_ERROR_CONVERSION, "a Lua function cannot be converted to JSON" },
  { "lua", "(function () local t = {} t.self = t return t end)()", FALSE, "lua", SY_LUA_ERROR_CONVERSION,
    "contains itself" },
  { "lua", "{[{}] = 1}", FALSE, "lua", SY_LUA_ERROR_CONVERSION, "key of type table" },
  { "string", "{{$context.x", TRUE, "template", SY_TEMPLATE_ERROR_UNCLOSED, "unclosed" },
  /* sandbox escapes */
  { "lua", "io.open('/etc/passwd')", FALSE, "lua", SY_LUA_ERROR_RUNTIME, "global 'io'" },
  { "lua", "os.execute('true')", FALSE, "lua", SY_LUA_ERROR_RUNTIME, "field 'execute'" },
  { "lua", "require('os')", FALSE, "lua", SY_LUA_ERROR_RUNTIME, "global 'require'" },
  { "lua", "load(string.dump(function () end))", FALSE, "lua", SY_LUA_ERROR_RUNTIME, "field 'dump'" },
  { "lua", "debug.getinfo(1)", FALSE, "lua", SY_LUA_ERROR_RUNTIME, "global 'debug'" },
  { "lua", "dofile('/etc/passwd')", FALSE, "lua", SY_LUA_ERROR_RUNTIME, "global 'dofile'" },
  { "lua", "package.loadlib('libc.so.6', 'system')", FALSE, "lua", SY_LUA_ERROR_RUNTIME, "global 'package'" },
  { "lua", "collectgarbage('stop')", FALSE, "lua", SY_LUA_ERROR_RUNTIME, "invalid option 'stop'" },
  { "lua", "setmetatable({}, {__gc = function () while true do end end})", FALSE, "lua", SY_LUA_ERROR_RUNTIME,
    "__gc metamethods are not allowed" },
  /* limits */
  { "lua", "string.rep('x', 1e9)", FALSE, "lua", SY_LUA_ERROR_MEMORY_LIMIT,
    "script exceeded its memory limit of 64 MiB" },
  { "lua", "pcall(string.rep, 'x', 1e9)", FALSE, "lua", SY_LUA_ERROR_MEMORY_LIMIT,
    "script exceeded its memory limit of 64 MiB" },
  { "lua", "(function () while true do end end)()", FALSE, "lua", SY_LUA_ERROR_INSTRUCTION_LIMIT,
    "script exceeded its limit of 50000000 instructions" },
  { "lua", "(function () while true do pcall(function () while true do end end) end end)()", FALSE, "lua",
    SY_LUA_ERROR_INSTRUCTION_LIMIT, "script exceeded its limit" },
  { "lua", "(function () while true do xpcall(function () while true do end end, tostring) end end)()", FALSE, "lua",
    SY_LUA_ERROR_INSTRUCTION_LIMIT, "script exceeded its limit" },
};

static GQuark
domain_quark (const char *name)
{
  if (g_str_equal (name, "expression"))
    return SY_EXPRESSION_ERROR;
  if (g_str_equal (name, "lua"))
    return SY_LUA_ERROR;
  return SY_TEMPLATE_ERROR;
}

static void
test_errors (void)
{
  g_autoptr(SyVariables) variables = make_variables ();

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(SyExpression) expression = NULL;
      g_autoptr(JsonNode) result = NULL;

      g_test_message ("%s: %s", c->engine, c->text);
      expression = sy_expression_compile (c->engine, c->text, &error);
      if (c->at_compile)
        g_assert_null (expression);
      else
        {
          g_assert_no_error (error);
          result = sy_expression_evaluate (expression, variables, &error);
          g_assert_null (result);
        }

      /* under valgrind the 10 s deadline can come before the instruction limit */
      if (c->code == SY_LUA_ERROR_INSTRUCTION_LIMIT && g_error_matches (error, SY_LUA_ERROR, SY_LUA_ERROR_TIME_LIMIT))
        continue;

      g_assert_error (error, domain_quark (c->domain), c->code);
      if (strstr (error->message, c->message) == NULL)
        g_error ("“%s” does not contain “%s”", error->message, c->message);

      /* after a failure the compiled program still works */
      if (expression != NULL && g_str_equal (c->engine, "lua"))
        {
          g_autoptr(SyExpression) ok = sy_expression_compile ("lua", "1 + 1", NULL);
          g_autoptr(JsonNode) two = sy_expression_evaluate (ok, variables, NULL);

          assert_json (two, "2");
        }
    }
}

static void
test_lua_globals_do_not_leak_between_runs (void)
{
  g_autoptr(SyVariables) variables = make_variables ();
  g_autoptr(SyExpression) expression = sy_expression_compile ("lua", "(function () counter = (counter or 0) + 1 return counter end)()", NULL);

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(JsonNode) result = sy_expression_evaluate (expression, variables, NULL);

      assert_json (result, "1");
    }
}

static int
run_chunk (lua_State *L)
{
  int *ref = lua_touserdata (L, 1);

  lua_rawgeti (L, LUA_REGISTRYINDEX, *ref);
  lua_call (L, 0, 0);
  return 0;
}

static void
test_lua_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyLua) lua = sy_lua_new (1024 * 1024, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  int loop, big;
  gint64 start;

  g_assert_no_error (error);
  sy_lua_set_limits (lua, 50 * 1000, 0);
  loop = sy_lua_load (lua, "while true do end", "=[string \"script\"]", 0, &error);
  g_assert_no_error (error);
  big = sy_lua_load (lua, "local t = {} for i = 1, 1e7 do t[i] = i end", "=[string \"script\"]", 0, &error);
  g_assert_no_error (error);

  /* the deadline, without an instruction limit */
  start = g_get_monotonic_time ();
  g_assert_false (sy_lua_run (lua, run_chunk, &loop, NULL, &error));
  g_assert_error (error, SY_LUA_ERROR, SY_LUA_ERROR_TIME_LIMIT);
  g_assert_cmpstr (error->message, ==, "script exceeded its time limit of 50 ms");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* cancellation */
  sy_lua_set_limits (lua, 0, 0);
  g_cancellable_cancel (cancellable);
  g_assert_false (sy_lua_run (lua, run_chunk, &loop, cancellable, &error));
  g_assert_error (error, SY_LUA_ERROR, SY_LUA_ERROR_CANCELLED);
  g_clear_error (&error);

  /* a configurable memory limit, named in the message */
  g_assert_false (sy_lua_run (lua, run_chunk, &big, NULL, &error));
  g_assert_error (error, SY_LUA_ERROR, SY_LUA_ERROR_MEMORY_LIMIT);
  g_assert_cmpstr (error->message, ==, "script exceeded its memory limit of 1 MiB");
  g_clear_error (&error);
  g_assert_cmpuint (sy_lua_get_memory_used (lua), <=, 1024 * 1024);

  /* and the state is still usable */
  sy_lua_unref (lua, big);
  big = sy_lua_load (lua, "x = 1", "=[string \"script\"]", 0, &error);
  g_assert_no_error (error);
  g_assert_true (sy_lua_run (lua, run_chunk, &big, NULL, &error));
  g_assert_no_error (error);
}

typedef struct
{
  JsonNode *in;
  JsonNode *out;
  GError   *error;
} RoundTrip;

static int
round_trip (lua_State *L)
{
  RoundTrip *trip = lua_touserdata (L, 1);

  sy_lua_push_json (L, trip->in);
  trip->out = sy_lua_to_json (L, -1, &trip->error);
  return 0;
}

static void
test_lua_json (void)
{
  g_autoptr(SyLua) lua = sy_lua_new (SY_LUA_DEFAULT_MEMORY_LIMIT, NULL);
  g_autoptr(JsonNode) value = sy_test_json ("{\"a\": [1, 2.5, \"s\", true, false, {\"b\": []}, [[]]], \"c\": {}}");
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  RoundTrip trip = { value, NULL, NULL };

  g_assert_true (sy_lua_run (lua, round_trip, &trip, NULL, &error));
  g_assert_no_error (trip.error);
  assert_json (trip.out, "{\"a\": [1, 2.5, \"s\", true, false, {\"b\": []}, [[]]], \"c\": {}}");
  g_clear_pointer (&trip.out, json_node_unref);

  /* nesting is bounded both ways */
  for (int i = 0; i < 300; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 300; i++)
    g_string_append_c (deep, ']');
  trip.in = sy_test_json (deep->str);
  g_assert_false (sy_lua_run (lua, round_trip, &trip, NULL, &error));
  g_assert_error (error, SY_LUA_ERROR, SY_LUA_ERROR_RUNTIME);
  g_assert_nonnull (strstr (error->message, "nested more than 200 levels"));
  g_assert_null (trip.out);
  json_node_unref (trip.in);
}

static void
test_cache (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExpression) first = NULL;
  g_autoptr(SyExpression) second = NULL;
  g_autoptr(SyExpression) other_engine = NULL;
  g_autoptr(SyExpression) again = NULL;
  guint before;

  sy_expression_clear_cache ();
  before = sy_expression_get_compile_count ();

  first = sy_expression_compile ("jq", "{{$context.a}} + 100", &error);
  g_assert_no_error (error);
  second = sy_expression_compile ("jq", "{{$context.a}} + 100", &error);
  g_assert_no_error (error);
  g_assert_true (first == second);
  g_assert_cmpuint (sy_expression_get_compile_count (), ==, before + 1);

  /* the engine is part of the key */
  other_engine = sy_expression_compile ("lua", "{{$context.a}} + 100", &error);
  g_assert_no_error (error);
  g_assert_true (other_engine != first);
  g_assert_cmpuint (sy_expression_get_compile_count (), ==, before + 2);

  /* bounded: the least recently used entry goes first */
  for (guint i = 0; i < SY_EXPRESSION_CACHE_SIZE; i++)
    {
      g_autofree char *text = g_strdup_printf ("text %u", i);
      g_autoptr(SyExpression) filler = sy_expression_compile ("string", text, NULL);

      /* keep the jq one recently used */
      if (i == SY_EXPRESSION_CACHE_SIZE / 2)
        {
          g_clear_pointer (&second, sy_expression_unref);
          second = sy_expression_compile ("jq", "{{$context.a}} + 100", NULL);
        }
    }
  before = sy_expression_get_compile_count ();
  again = sy_expression_compile ("jq", "{{$context.a}} + 100", NULL);
  g_assert_true (again == first);
  g_assert_cmpuint (sy_expression_get_compile_count (), ==, before);
  g_clear_pointer (&again, sy_expression_unref);
  again = sy_expression_compile ("lua", "{{$context.a}} + 100", NULL);
  g_assert_cmpuint (sy_expression_get_compile_count (), ==, before + 1);

  /* an evicted expression stays valid for its holders */
  {
    g_autoptr(SyVariables) variables = make_variables ();
    g_autoptr(JsonNode) result = sy_expression_evaluate (other_engine, variables, &error);

    g_assert_no_error (error);
    assert_json (result, "102");
  }
}

typedef struct
{
  SyExpression *expression;
  SyVariables  *variables;
  int           base;
  gboolean      ok;
} ThreadData;

static gpointer
evaluate_in_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  data->ok = TRUE;
  for (int i = 0; i < 300; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"x\": %d}", data->base + i);
      g_autoptr(JsonNode) input = json_from_string (json, NULL);
      g_autoptr(JsonNode) result = sy_expression_evaluate_with_input (data->expression, data->variables, input, NULL);

      if (result == NULL || json_node_get_int (result) != data->base + i + 2)
        data->ok = FALSE;
    }

  return NULL;
}

static void
test_threads (void)
{
  const char *engines[] = { "jq", "lua" };

  for (guint e = 0; e < G_N_ELEMENTS (engines); e++)
    {
      g_autoptr(SyVariables) variables = make_variables ();
      g_autoptr(SyExpression) expression = NULL;
      ThreadData data[4];
      GThread *threads[4];

      expression = sy_expression_compile (engines[e], e == 0 ? "{{$context.a}} + .x" : "{{$context.a}} + input.x", NULL);
      g_assert_nonnull (expression);

      for (int i = 0; i < 4; i++)
        {
          data[i] = (ThreadData) { expression, variables, i * 100000, FALSE };
          threads[i] = g_thread_new ("evaluate", evaluate_in_thread, &data[i]);
        }
      for (int i = 0; i < 4; i++)
        {
          g_thread_join (threads[i]);
          g_assert_true (data[i].ok);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/expression/evaluate", test_evaluate);
  g_test_add_func ("/expression/errors", test_errors);
  g_test_add_func ("/expression/lua-globals", test_lua_globals_do_not_leak_between_runs);
  g_test_add_func ("/expression/lua-limits", test_lua_limits);
  g_test_add_func ("/expression/lua-json", test_lua_json);
  g_test_add_func ("/expression/cache", test_cache);
  g_test_add_func ("/expression/threads", test_threads);

  ret = g_test_run ();
  /* so leak checkers see every compiled program freed */
  sy_expression_clear_cache ();
  return ret;
}
