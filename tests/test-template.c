/* test-template.c — variables, {{ }} rendering and placeholder scanning */
#include "config.h"

#include <json-glib/json-glib.h>

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

  g_assert_cmpstr (got_text, ==, want_text);
}

/* Fixed clock: Saturday 2026-11-21 10:30:45.123 UTC, zone +01:00. */
static SyVariables *
make_variables (const char *now_iso)
{
  SyVariables *variables = sy_variables_new ();
  g_autoptr(JsonNode) context = sy_test_json (
    "{\"data\": {\"qty\": 3, \"price\": 2.5, \"whole\": 4.0, \"title\": \"Hi\","
    " \"items\": [{\"qty\": 1}, {\"qty\": 2}], \"nothing\": null,"
    " \"tags\": [\"a\", \"b\"], \"obj\": {\"a\": 1}, \"flag\": false}}");
  g_autoptr(JsonNode) q = sy_test_json ("[{\"title\": \"T1\", \"tags\": [\"x\", \"y\"]},"
                                 " {\"title\": \"T2\", \"tags\": [\"z\"]}, {\"other\": 1}]");
  g_autoptr(JsonNode) single = sy_test_json ("{\"title\": \"One\"}");
  g_autoptr(JsonNode) item = sy_test_json ("{\"name\": \"n\"}");
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (now_iso, NULL);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+01:00");
  g_autoptr(GHashTable) env = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_nonnull (now);
  g_assert_nonnull (zone);
  g_hash_table_insert (env, g_strdup ("API_TOKEN"), g_strdup ("secret"));

  sy_variables_set_context (variables, context);
  sy_variables_set_job_result (variables, "q", q);
  sy_variables_set_job_result (variables, "single", single);
  sy_variables_set_scope (variables, "loop1", item, 2, 5);
  sy_variables_set_now (variables, now);
  sy_variables_set_time_zone (variables, zone);
  sy_variables_set_env_overrides (variables, env);

  return variables;
}

typedef struct
{
  const char *template;
  const char *expected; /* JSON */
} RenderCase;

static const RenderCase render_cases[] = {
  /* a whole-string placeholder keeps the JSON type */
  { "{{$context.data.qty}}", "3" },
  { "{{ $context.data.qty }}", "3" },
  { "{{$context.data.price}}", "2.5" },
  { "{{$context.data.title}}", "\"Hi\"" },
  { "{{$context.data.obj}}", "{\"a\":1}" },
  { "{{$context.data.flag}}", "false" },
  { "{{$context.data.nothing}}", "null" },
  { "{{$context.data.missing}}", "null" },
  { "{{ctx.$context.data.qty}}", "3" },
  /* defaults: JSON when it parses, else a string; only for missing values */
  { "{{$context.data.missing:1}}", "1" },
  { "{{$context.data.missing: 1.5 }}", "1.5" },
  { "{{$context.data.missing:abc}}", "\"abc\"" },
  { "{{$context.data.missing:\"quoted\"}}", "\"quoted\"" },
  { "{{$context.data.missing:true}}", "true" },
  { "{{$context.data.missing:null}}", "null" },
  { "{{$context.data.nothing:5}}", "null" },
  { "{{$context.data.qty:9}}", "3" },
  /* mixed strings interpolate text */
  { "Qty: {{$context.data.qty}}", "\"Qty: 3\"" },
  { "x{{$context.data.nothing}}y", "\"xy\"" },
  { "x{{$context.data.missing}}y", "\"xy\"" },
  { "x{{$context.data.missing:7}}y", "\"x7y\"" },
  { "obj {{$context.data.obj}}", "\"obj {\\\"a\\\":1}\"" },
  { "{{$context.data.price}} / {{$context.data.qty}}", "\"2.5 / 3\"" },
  { "n={{$context.data.whole}}", "\"n=4\"" },
  { "{{$context.data.title}}{{$context.data.flag}}", "\"Hifalse\"" },
  { " {{$context.data.qty}}", "\" 3\"" },
  { "tags: {{$context.data.tags}}", "\"tags: [\\\"a\\\",\\\"b\\\"]\"" },
  /* arrays: names map over elements and flatten one level; numbers index */
  { "{{$jobsMapByNodeKey.q.title}}", "[\"T1\",\"T2\",null]" },
  { "{{$jobsMapByNodeKey.q.0.title}}", "\"T1\"" },
  { "{{$jobsMapByNodeKey.q.tags}}", "[\"x\",\"y\",\"z\",null]" },
  { "{{$jobsMapByNodeKey.q.length}}", "3" },
  { "{{$jobsMapByNodeKey.q.9.title}}", "null" },
  { "{{$jobsMapByNodeKey.single.title}}", "\"One\"" },
  { "{{$jobsMapByNodeKey.unknown.title}}", "null" },
  { "{{$context.data.items.qty}}", "[1,2]" },
  { "{{$context.data.items.1.qty}}", "2" },
  { "{{$context.data.title.x}}", "null" },
  /* loop scopes */
  { "{{$scopes.loop1.item.name}}", "\"n\"" },
  { "{{$scopes.loop1.index}}", "2" },
  { "{{$scopes.loop1.sequence}}", "3" },
  { "{{$scopes.loop1.length}}", "5" },
  /* system and environment */
  { "{{$system.now}}", "\"2026-11-21T10:30:45.123Z\"" },
  { "{{$system.epoch}}", "1605024000" },
  { "{{$env.API_TOKEN}}", "\"secret\"" },
  { "Bearer {{$env.API_TOKEN}}", "\"Bearer secret\"" },
  { "{{$env.HOME}}", "null" }, /* overrides replace the environment */
  { "{{$env.NOPE:dflt}}", "\"dflt\"" },
  /* malformed placeholders are left as text when rendering */
  { "{{oops}}", "\"{{oops}}\"" },
  { "a {{ b", "\"a {{ b\"" },
  { "no placeholders", "\"no placeholders\"" },
};

static void
test_render_string (void)
{
  g_autoptr(SyVariables) variables = make_variables ("2026-11-21T10:30:45.123Z");

  for (guint i = 0; i < G_N_ELEMENTS (render_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = sy_template_render_string (render_cases[i].template, variables, &error);

      g_test_message ("%s", render_cases[i].template);
      g_assert_no_error (error);
      g_assert_nonnull (result);
      assert_json (result, render_cases[i].expected);
    }
}

typedef struct
{
  const char *name;
  const char *now;
  const char *start;
  const char *end;
} RangeCase;

static const RangeCase range_cases[] = {
  { "today", "2026-11-21T10:30:45.123Z", "2026-11-21T00:00:00.000+01:00", "2026-11-21T23:59:59.999+01:00" },
  /* 23:30 UTC is already tomorrow in +01:00 */
  { "today", "2026-11-21T23:30:00Z", "2026-11-22T00:00:00.000+01:00", "2026-11-22T23:59:59.999+01:00" },
  { "yesterday", "2026-11-21T10:30:45.123Z", "2026-11-20T00:00:00.000+01:00", "2026-11-20T23:59:59.999+01:00" },
  { "tomorrow", "2026-11-21T10:30:45.123Z", "2026-11-22T00:00:00.000+01:00", "2026-11-22T23:59:59.999+01:00" },
  /* Saturday: ISO week Monday 16 to Sunday 22 */
  { "thisWeek", "2026-11-21T10:30:45.123Z", "2026-11-16T00:00:00.000+01:00", "2026-11-22T23:59:59.999+01:00" },
  { "lastWeek", "2026-11-21T10:30:45.123Z", "2026-11-09T00:00:00.000+01:00", "2026-11-15T23:59:59.999+01:00" },
  { "nextWeek", "2026-11-21T10:30:45.123Z", "2026-11-23T00:00:00.000+01:00", "2026-11-29T23:59:59.999+01:00" },
  /* a Monday is the first day of its week */
  { "thisWeek", "2026-11-16T00:10:00+01:00", "2026-11-16T00:00:00.000+01:00", "2026-11-22T23:59:59.999+01:00" },
  { "thisMonth", "2026-11-21T10:30:45.123Z", "2026-11-01T00:00:00.000+01:00", "2026-11-30T23:59:59.999+01:00" },
  { "lastMonth", "2026-03-31T10:00:00Z", "2026-02-01T00:00:00.000+01:00", "2026-02-28T23:59:59.999+01:00" },
  { "nextMonth", "2026-12-15T10:00:00Z", "2027-01-01T00:00:00.000+01:00", "2027-01-31T23:59:59.999+01:00" },
  { "thisQuarter", "2026-11-21T10:30:45.123Z", "2026-10-01T00:00:00.000+01:00", "2026-12-31T23:59:59.999+01:00" },
  { "lastQuarter", "2026-02-10T10:00:00Z", "2025-10-01T00:00:00.000+01:00", "2025-12-31T23:59:59.999+01:00" },
  { "nextQuarter", "2026-11-21T10:30:45.123Z", "2027-01-01T00:00:00.000+01:00", "2027-03-31T23:59:59.999+01:00" },
  { "thisYear", "2026-11-21T10:30:45.123Z", "2026-01-01T00:00:00.000+01:00", "2026-12-31T23:59:59.999+01:00" },
  { "lastYear", "2026-11-21T10:30:45.123Z", "2025-01-01T00:00:00.000+01:00", "2025-12-31T23:59:59.999+01:00" },
  { "nextYear", "2026-11-21T10:30:45.123Z", "2027-01-01T00:00:00.000+01:00", "2027-12-31T23:59:59.999+01:00" },
  /* NocoBase: the last N days include today, the next N start tomorrow */
  { "last7Days", "2026-11-21T10:30:45.123Z", "2026-11-15T00:00:00.000+01:00", "2026-11-21T23:59:59.999+01:00" },
  { "next7Days", "2026-11-21T10:30:45.123Z", "2026-11-22T00:00:00.000+01:00", "2026-11-28T23:59:59.999+01:00" },
  { "last30Days", "2026-11-21T10:30:45.123Z", "2026-10-23T00:00:00.000+01:00", "2026-11-21T23:59:59.999+01:00" },
  { "next30Days", "2026-11-21T10:30:45.123Z", "2026-11-22T00:00:00.000+01:00", "2026-12-21T23:59:59.999+01:00" },
  { "last90Days", "2026-11-21T10:30:45.123Z", "2026-08-24T00:00:00.000+01:00", "2026-11-21T23:59:59.999+01:00" },
  { "next90Days", "2026-11-21T10:30:45.123Z", "2026-11-22T00:00:00.000+01:00", "2027-02-19T23:59:59.999+01:00" },
};

static void
test_date_ranges (void)
{
  const char * const *names = sy_variables_get_date_range_names ();

  for (guint i = 0; i < G_N_ELEMENTS (range_cases); i++)
    {
      g_autoptr(SyVariables) variables = make_variables (range_cases[i].now);
      g_autofree char *template = g_strdup_printf ("{{$system.dateRange.%s}}", range_cases[i].name);
      g_autofree char *expected = g_strdup_printf ("[\"%s\",\"%s\"]", range_cases[i].start, range_cases[i].end);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = sy_template_render_string (template, variables, &error);

      g_test_message ("%s at %s", range_cases[i].name, range_cases[i].now);
      g_assert_no_error (error);
      assert_json (result, expected);
    }

  /* every NocoBase name resolves */
  g_assert_cmpuint (g_strv_length ((char **) names), ==, 21);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(SyVariables) variables = make_variables ("2026-11-21T10:30:45.123Z");
      g_autofree char *path = g_strdup_printf ("$system.dateRange.%s", names[i]);
      gboolean found = FALSE;
      g_autoptr(JsonNode) value = sy_variables_lookup (variables, path, &found, NULL);

      g_assert_true (found);
      g_assert_true (JSON_NODE_HOLDS_ARRAY (value));
      g_assert_cmpuint (json_array_get_length (json_node_get_array (value)), ==, 2);
    }
}

static void
test_real_clock_and_env (void)
{
  g_autoptr(SyVariables) variables = sy_variables_new ();
  g_autoptr(JsonNode) now = NULL;
  g_autoptr(JsonNode) path = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) real = g_date_time_new_now_utc ();
  gboolean found = FALSE;

  now = sy_variables_lookup (variables, "$system.now", &found, NULL);
  g_assert_true (found);
  g_assert_true (g_str_has_suffix (json_node_get_string (now), "Z"));
  parsed = g_date_time_new_from_iso8601 (json_node_get_string (now), NULL);
  g_assert_nonnull (parsed);
  g_assert_cmpint (ABS (g_date_time_difference (real, parsed)), <, 60 * G_USEC_PER_SEC);

  /* without overrides, the process environment */
  g_setenv ("SY_TEST_VARIABLE", "from-env", TRUE);
  path = sy_variables_lookup (variables, "$env.SY_TEST_VARIABLE", &found, NULL);
  g_assert_true (found);
  g_assert_cmpstr (json_node_get_string (path), ==, "from-env");
}

static void
test_lookup_errors (void)
{
  g_autoptr(SyVariables) variables = make_variables ("2026-11-21T10:30:45.123Z");
  g_autoptr(GError) error = NULL;
  gboolean found = TRUE;
  JsonNode *value;

  value = sy_variables_lookup (variables, "$foo.bar", &found, &error);
  g_assert_null (value);
  g_assert_false (found);
  g_assert_error (error, SY_VARIABLES_ERROR, SY_VARIABLES_ERROR_UNKNOWN_ROOT);
  g_clear_error (&error);

  value = sy_variables_lookup (variables, "$context..x", &found, &error);
  g_assert_null (value);
  g_assert_error (error, SY_VARIABLES_ERROR, SY_VARIABLES_ERROR_INVALID_PATH);
  g_clear_error (&error);

  /* missing is not an error */
  value = sy_variables_lookup (variables, "$context.data.none", &found, &error);
  g_assert_null (value);
  g_assert_false (found);
  g_assert_no_error (error);
}

static void
test_copy (void)
{
  g_autoptr(SyVariables) variables = make_variables ("2026-11-21T10:30:45.123Z");
  g_autoptr(SyVariables) copy = sy_variables_copy (variables);
  g_autoptr(JsonNode) changed = sy_test_json ("{\"title\": \"Two\"}");
  g_autoptr(JsonNode) in_copy = NULL;
  g_autoptr(JsonNode) in_original = NULL;

  sy_variables_set_job_result (copy, "single", changed);
  in_copy = sy_variables_lookup (copy, "$jobsMapByNodeKey.single.title", NULL, NULL);
  in_original = sy_variables_lookup (variables, "$jobsMapByNodeKey.single.title", NULL, NULL);
  g_assert_cmpstr (json_node_get_string (in_copy), ==, "Two");
  g_assert_cmpstr (json_node_get_string (in_original), ==, "One");

  /* everything else is shared */
  g_clear_pointer (&in_copy, json_node_unref);
  in_copy = sy_variables_lookup (copy, "$scopes.loop1.item.name", NULL, NULL);
  g_assert_cmpstr (json_node_get_string (in_copy), ==, "n");
}

static void
test_render_config (void)
{
  g_autoptr(SyVariables) variables = make_variables ("2026-11-21T10:30:45.123Z");
  g_autoptr(JsonNode) config = sy_test_json (
    "{\"{{$context.data.title}}\": \"{{$context.data.qty}}\","
    " \"list\": [\"{{$context.data.tags}}\", 1, 2.5, true, null, {\"k{{$context.data.qty}}\": \"v {{$context.data.obj}}\"}],"
    " \"{{$context.data.obj}}\": 0, \"plain\": \"text\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) rendered = sy_template_render (config, variables, &error);
  g_autofree char *original = NULL;

  g_assert_no_error (error);
  assert_json (rendered,
               "{\"Hi\": 3, \"list\": [[\"a\",\"b\"], 1, 2.5, true, null, {\"k3\": \"v {\\\"a\\\":1}\"}],"
               " \"{\\\"a\\\":1}\": 0, \"plain\": \"text\"}");

  /* the input is left alone */
  original = json_to_string (config, FALSE);
  g_assert_true (strstr (original, "{{$context.data.title}}") != NULL);
}

typedef struct
{
  const char     *text;
  SyTemplateError code;
  const char     *message;
} ScanErrorCase;

static const ScanErrorCase scan_error_cases[] = {
  { "abc {{$context.x", SY_TEMPLATE_ERROR_UNCLOSED, "unclosed “{{” at character 5" },
  { "{{}}", SY_TEMPLATE_ERROR_EMPTY_PATH, "empty placeholder at character 1" },
  { "x {{  :1}}", SY_TEMPLATE_ERROR_EMPTY_PATH, "empty placeholder at character 3" },
  { "ab{{$context.a&b}}", SY_TEMPLATE_ERROR_INVALID_CHARACTER,
    "character “&” is not allowed in a placeholder (character 15)" },
  { "é{{$context.\"x\"}}", SY_TEMPLATE_ERROR_INVALID_CHARACTER,
    "character “\"” is not allowed in a placeholder (character 13)" },
  { "{{context.x}}", SY_TEMPLATE_ERROR_UNKNOWN_ROOT,
    "placeholder “context.x” at character 1 must start with $context, $jobsMapByNodeKey, $scopes, $system or $env" },
  { "ok {{$context.a}} {{$contxt.x}}", SY_TEMPLATE_ERROR_UNKNOWN_ROOT,
    "placeholder “$contxt.x” at character 19 must start with $context, $jobsMapByNodeKey, $scopes, $system or $env" },
  { "{{$context..x}}", SY_TEMPLATE_ERROR_INVALID_PATH,
    "placeholder “$context..x” at character 1 has an empty name between dots" },
  { "{{$context.x.}}", SY_TEMPLATE_ERROR_INVALID_PATH,
    "placeholder “$context.x.” at character 1 has an empty name between dots" },
};

static void
test_scan_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (scan_error_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = sy_template_scan (scan_error_cases[i].text, SY_TEMPLATE_SCAN_STRICT, &error);

      g_test_message ("%s", scan_error_cases[i].text);
      g_assert_null (found);
      g_assert_error (error, SY_TEMPLATE_ERROR, (int) scan_error_cases[i].code);
      g_assert_cmpstr (error->message, ==, scan_error_cases[i].message);
    }
}

static void
test_scan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = sy_template_scan ("a {{ $context.x : 5 }} b {{$env.X}}{{ctx.$scopes.l.item:\"d\"}}",
                                                 SY_TEMPLATE_SCAN_STRICT, &error);
  SyPlaceholder *p;

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 3);

  p = g_ptr_array_index (found, 0);
  g_assert_cmpstr (p->path, ==, "$context.x");
  g_assert_cmpstr (p->default_text, ==, "5");
  g_assert_cmpuint (p->start, ==, 2);
  g_assert_cmpuint (p->end, ==, 22);

  p = g_ptr_array_index (found, 1);
  g_assert_cmpstr (p->path, ==, "$env.X");
  g_assert_null (p->default_text);
  g_assert_cmpuint (p->start, ==, 25);

  p = g_ptr_array_index (found, 2);
  g_assert_cmpstr (p->path, ==, "$scopes.l.item");
  g_assert_cmpstr (p->default_text, ==, "\"d\"");

  /* in code, "{{" only opens a placeholder before "$" */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sy_template_scan ("{{1, 2}, {3}} .. {{ $context.x}}", SY_TEMPLATE_SCAN_CODE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  p = g_ptr_array_index (found, 0);
  g_assert_cmpstr (p->path, ==, "$context.x");

  /* lenient: malformed ones are skipped, the rest found */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sy_template_scan ("{{bad}} {{$context.y}} {{", SY_TEMPLATE_SCAN_LENIENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
}

static void
test_collect_refs (void)
{
  g_autoptr(JsonNode) config = sy_test_json (
    "{\"url\": \"http://x/{{$jobsMapByNodeKey.n1.id}}\","
    " \"body\": {\"{{$scopes.loop1.item}}\": [\"{{ $jobsMapByNodeKey.n2.a }} {{$system.now}}\"]},"
    " \"n\": 3, \"bad\": \"{{nope.x}}\", \"alias\": \"{{ctx.$jobsMapByNodeKey.n3}}\"}");
  g_autoptr(GPtrArray) refs = sy_template_collect_node_refs (config, "nodes[1].config");
  SyTemplateRef *ref;

  g_assert_cmpuint (refs->len, ==, 4);

  ref = g_ptr_array_index (refs, 0);
  g_assert_cmpint (ref->kind, ==, SY_TEMPLATE_REF_NODE);
  g_assert_cmpstr (ref->key, ==, "n1");
  g_assert_cmpstr (ref->json_path, ==, "nodes[1].config.url");

  ref = g_ptr_array_index (refs, 1);
  g_assert_cmpint (ref->kind, ==, SY_TEMPLATE_REF_LOOP);
  g_assert_cmpstr (ref->key, ==, "loop1");
  g_assert_cmpstr (ref->json_path, ==, "nodes[1].config.body.{{$scopes.loop1.item}}");

  ref = g_ptr_array_index (refs, 2);
  g_assert_cmpint (ref->kind, ==, SY_TEMPLATE_REF_NODE);
  g_assert_cmpstr (ref->key, ==, "n2");
  g_assert_cmpstr (ref->json_path, ==, "nodes[1].config.body.{{$scopes.loop1.item}}[0]");

  ref = g_ptr_array_index (refs, 3);
  g_assert_cmpstr (ref->key, ==, "n3");
}

static void
test_check (void)
{
  g_autoptr(JsonNode) config = sy_test_json ("{\"a\": \"{{oops}}\", \"b\": [\"ok {{$context.x}}\", \"{{$context.y\"],"
                                      " \"lua\": \"{{1, 2}}\"}");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint count = sy_template_check (config, "config", SY_TEMPLATE_SCAN_STRICT, problems);

  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==,
                   "config.a: placeholder “oops” at character 1 must start with $context, $jobsMapByNodeKey, $scopes, $system or $env");
  g_assert_cmpstr (g_ptr_array_index (problems, 1), ==, "config.b[1]: unclosed “{{” at character 1");
  g_assert_cmpstr (g_ptr_array_index (problems, 2), ==,
                   "config.lua: placeholder “1, 2” at character 1 must start with $context, $jobsMapByNodeKey, $scopes, $system or $env");

  /* code fields are checked with the code rules */
  g_assert_cmpuint (sy_template_check (config, "config", SY_TEMPLATE_SCAN_CODE, NULL), ==, 1);
}

static void
test_interpolate (void)
{
  g_autoptr(SyVariables) variables = make_variables ("2026-11-21T10:30:45.123Z");
  g_autofree char *text = sy_template_interpolate ("{{$context.data.qty}}", variables, NULL);
  g_autoptr(JsonNode) big = sy_test_json ("[1e21, 0.1, -7, 1.0e300]");
  g_autofree char *a = sy_template_value_to_text (json_array_get_element (json_node_get_array (big), 0));
  g_autofree char *b = sy_template_value_to_text (json_array_get_element (json_node_get_array (big), 1));
  g_autofree char *c = sy_template_value_to_text (json_array_get_element (json_node_get_array (big), 2));
  g_autofree char *d = sy_template_value_to_text (NULL);

  /* interpolation is always text, even for a single placeholder */
  g_assert_cmpstr (text, ==, "3");
  g_assert_cmpstr (a, ==, "1e+21");
  g_assert_cmpstr (b, ==, "0.1");
  g_assert_cmpstr (c, ==, "-7");
  g_assert_cmpstr (d, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/render-string", test_render_string);
  g_test_add_func ("/template/render-config", test_render_config);
  g_test_add_func ("/template/interpolate", test_interpolate);
  g_test_add_func ("/template/date-ranges", test_date_ranges);
  g_test_add_func ("/template/real-clock-and-env", test_real_clock_and_env);
  g_test_add_func ("/template/lookup-errors", test_lookup_errors);
  g_test_add_func ("/template/copy", test_copy);
  g_test_add_func ("/template/scan", test_scan);
  g_test_add_func ("/template/scan-errors", test_scan_errors);
  g_test_add_func ("/template/collect-refs", test_collect_refs);
  g_test_add_func ("/template/check", test_check);

  return g_test_run ();
}
