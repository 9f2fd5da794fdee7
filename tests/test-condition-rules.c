/* test-condition-rules.c — the basic condition engine (src/engine/sy-condition-rules.c) */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sy-condition-rules.h"
#include "sy-workflow.h"
#include "sy-test-engine.h"

typedef struct
{
  const char *calculation; /* JSON */
  gboolean    expected;
} RuleCase;

static const RuleCase rule_cases[] = {
  /* equal / notEqual, with aliases */
  { "{\"calculator\": \"equal\", \"operands\": [1, 1]}", TRUE },
  { "{\"calculator\": \"==\", \"operands\": [1, 1.0]}", TRUE },
  { "{\"calculator\": \"equal\", \"operands\": [1, \"1\"]}", TRUE },
  { "{\"calculator\": \"equal\", \"operands\": [\"a\", \"a\"]}", TRUE },
  { "{\"calculator\": \"equal\", \"operands\": [\"a\", \"A\"]}", FALSE },
  { "{\"calculator\": \"equal\", \"operands\": [null, null]}", TRUE },
  { "{\"calculator\": \"equal\", \"operands\": [null, 0]}", FALSE },
  { "{\"calculator\": \"equal\", \"operands\": [true, true]}", TRUE },
  { "{\"calculator\": \"equal\", \"operands\": [{\"a\": [1, 2]}, {\"a\": [1, 2]}]}", TRUE },
  { "{\"calculator\": \"equal\", \"operands\": [[1, 2], [2, 1]]}", FALSE },
  { "{\"calculator\": \"equal\", \"operands\": [\"x\", 0]}", FALSE },
  { "{\"calculator\": \"notEqual\", \"operands\": [1, 2]}", TRUE },
  { "{\"calculator\": \"!=\", \"operands\": [\"a\", \"a\"]}", FALSE },
  { "{\"calculator\": \"notEqual\", \"operands\": [null, 1]}", TRUE },
  /* ordering: numbers, numeric text, strings */
  { "{\"calculator\": \"gt\", \"operands\": [3, 2]}", TRUE },
  { "{\"calculator\": \">\", \"operands\": [2, 2]}", FALSE },
  { "{\"calculator\": \"gt\", \"operands\": [10, \"9\"]}", TRUE },
  { "{\"calculator\": \"gt\", \"operands\": [\"b\", \"a\"]}", TRUE },
  { "{\"calculator\": \"gt\", \"operands\": [\"10\", \"9\"]}", FALSE }, /* both text: text order */
  { "{\"calculator\": \"gte\", \"operands\": [2, 2]}", TRUE },
  { "{\"calculator\": \">=\", \"operands\": [1.5, 2]}", FALSE },
  { "{\"calculator\": \"lt\", \"operands\": [-1, 0]}", TRUE },
  { "{\"calculator\": \"<\", \"operands\": [0, 0]}", FALSE },
  { "{\"calculator\": \"lte\", \"operands\": [0, 0]}", TRUE },
  { "{\"calculator\": \"<=\", \"operands\": [1, 0]}", FALSE },
  { "{\"calculator\": \"gt\", \"operands\": [null, 0]}", FALSE },
  { "{\"calculator\": \"lt\", \"operands\": [null, 0]}", FALSE },
  { "{\"calculator\": \"gt\", \"operands\": [\"abc\", 1]}", FALSE },
  { "{\"calculator\": \"gt\", \"operands\": [true, false]}", TRUE },
  /* dates: compared as instants, not as text */
  { "{\"calculator\": \"equal\", \"operands\": [\"2026-01-01T10:00:00Z\", \"2026-01-01T11:00:00+01:00\"]}", TRUE },
  { "{\"calculator\": \"gt\", \"operands\": [\"2026-01-01T10:30:00+01:00\", \"2026-01-01T10:00:00Z\"]}", FALSE },
  { "{\"calculator\": \"lt\", \"operands\": [\"2026-01-01T10:30:00+01:00\", \"2026-01-01T10:00:00Z\"]}", TRUE },
  { "{\"calculator\": \"gte\", \"operands\": [\"2026-03-01T00:00:00.500Z\", \"2026-03-01T00:00:00Z\"]}", TRUE },
  /* includes: arrays by element, strings by substring */
  { "{\"calculator\": \"includes\", \"operands\": [[1, 2, 3], 2]}", TRUE },
  { "{\"calculator\": \"includes\", \"operands\": [[1, 2, 3], 4]}", FALSE },
  { "{\"calculator\": \"includes\", \"operands\": [[\"a\", \"b\"], \"b\"]}", TRUE },
  { "{\"calculator\": \"includes\", \"operands\": [\"hello world\", \"o w\"]}", TRUE },
  { "{\"calculator\": \"includes\", \"operands\": [\"hello\", \"x\"]}", FALSE },
  { "{\"calculator\": \"includes\", \"operands\": [12345, 234]}", TRUE },
  { "{\"calculator\": \"includes\", \"operands\": [null, \"a\"]}", FALSE },
  { "{\"calculator\": \"notIncludes\", \"operands\": [[1, 2], 3]}", TRUE },
  { "{\"calculator\": \"notIncludes\", \"operands\": [\"abc\", \"b\"]}", FALSE },
  /* startsWith / endsWith */
  { "{\"calculator\": \"startsWith\", \"operands\": [\"order-17\", \"order-\"]}", TRUE },
  { "{\"calculator\": \"startsWith\", \"operands\": [\"order-17\", \"17\"]}", FALSE },
  { "{\"calculator\": \"startsWith\", \"operands\": [null, \"\"]}", FALSE },
  { "{\"calculator\": \"notStartsWith\", \"operands\": [\"abc\", \"b\"]}", TRUE },
  { "{\"calculator\": \"notStartsWith\", \"operands\": [\"abc\", \"a\"]}", FALSE },
  { "{\"calculator\": \"endsWith\", \"operands\": [\"report.pdf\", \".pdf\"]}", TRUE },
  { "{\"calculator\": \"endsWith\", \"operands\": [1500, 0]}", TRUE },
  { "{\"calculator\": \"endsWith\", \"operands\": [\"report.pdf\", \".txt\"]}", FALSE },
  { "{\"calculator\": \"notEndsWith\", \"operands\": [\"report.pdf\", \".txt\"]}", TRUE },
  { "{\"calculator\": \"notEndsWith\", \"operands\": [\"a.txt\", \".txt\"]}", FALSE },
  /* empty calculations are true */
  { "null", TRUE },
  { "{}", TRUE },
  { "{\"group\": {\"type\": \"and\", \"calculations\": []}}", TRUE },
  { "{\"group\": {\"type\": \"or\", \"calculations\": []}}", TRUE },
  { "{\"group\": {\"type\": \"and\"}}", TRUE },
  /* groups */
  { "{\"group\": {\"type\": \"and\", \"calculations\": ["
    "{\"calculator\": \"gt\", \"operands\": [2, 1]},"
    "{\"calculator\": \"equal\", \"operands\": [\"a\", \"a\"]}]}}", TRUE },
  { "{\"group\": {\"type\": \"and\", \"calculations\": ["
    "{\"calculator\": \"gt\", \"operands\": [2, 1]},"
    "{\"calculator\": \"equal\", \"operands\": [\"a\", \"b\"]}]}}", FALSE },
  { "{\"group\": {\"type\": \"or\", \"calculations\": ["
    "{\"calculator\": \"gt\", \"operands\": [1, 2]},"
    "{\"calculator\": \"equal\", \"operands\": [\"a\", \"a\"]}]}}", TRUE },
  { "{\"group\": {\"type\": \"or\", \"calculations\": ["
    "{\"calculator\": \"gt\", \"operands\": [1, 2]},"
    "{\"calculator\": \"equal\", \"operands\": [\"a\", \"b\"]}]}}", FALSE },
  /* (x > 1 and (y == "b" or y == "c")) */
  { "{\"group\": {\"type\": \"and\", \"calculations\": ["
    "{\"calculator\": \"gt\", \"operands\": [5, 1]},"
    "{\"group\": {\"type\": \"or\", \"calculations\": ["
    "{\"calculator\": \"equal\", \"operands\": [\"c\", \"b\"]},"
    "{\"calculator\": \"equal\", \"operands\": [\"c\", \"c\"]}]}}]}}", TRUE },
  { "{\"group\": {\"type\": \"and\", \"calculations\": ["
    "{\"calculator\": \"gt\", \"operands\": [5, 1]},"
    "{\"group\": {\"type\": \"or\", \"calculations\": ["
    "{\"calculator\": \"equal\", \"operands\": [\"d\", \"b\"]},"
    "{\"calculator\": \"equal\", \"operands\": [\"d\", \"c\"]}]}}]}}", FALSE },
  /* the type defaults to and */
  { "{\"group\": {\"calculations\": ["
    "{\"calculator\": \"gt\", \"operands\": [2, 1]},"
    "{\"calculator\": \"gt\", \"operands\": [1, 2]}]}}", FALSE },
  /* short-circuit: the broken rule after a deciding one is never reached */
  { "{\"group\": {\"type\": \"or\", \"calculations\": ["
    "{\"calculator\": \"equal\", \"operands\": [1, 1]},"
    "{\"calculator\": \"nonsense\", \"operands\": [1, 1]}]}}", TRUE },
};

static void
test_rules_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      g_autoptr(JsonNode) calculation = sy_test_json (rule_cases[i].calculation);
      g_autoptr(GError) error = NULL;
      gboolean result = !rule_cases[i].expected;

      if (!sy_condition_rules_evaluate (calculation, &result, &error))
        g_error ("case %u (%s): %s", i, rule_cases[i].calculation, error->message);
      if (result != rule_cases[i].expected)
        g_error ("case %u (%s): expected %s", i, rule_cases[i].calculation,
                 rule_cases[i].expected ? "true" : "false");
    }
}

static void
test_rules_absent (void)
{
  gboolean result = FALSE;

  g_assert_true (sy_condition_rules_evaluate (NULL, &result, NULL));
  g_assert_true (result);
}

static const struct
{
  const char *calculation;
  int         code;
} error_cases[] = {
  { "{\"calculator\": \"bigger\", \"operands\": [1, 2]}", SY_CONDITION_RULES_ERROR_UNKNOWN_CALCULATOR },
  { "{\"operands\": [1, 2]}", SY_CONDITION_RULES_ERROR_UNKNOWN_CALCULATOR },
  { "{\"group\": {\"type\": \"xor\", \"calculations\": []}}", SY_CONDITION_RULES_ERROR_INVALID },
  { "{\"group\": {\"type\": \"and\", \"calculations\": {}}}", SY_CONDITION_RULES_ERROR_INVALID },
  { "{\"group\": [1]}", SY_CONDITION_RULES_ERROR_INVALID },
  { "[1, 2]", SY_CONDITION_RULES_ERROR_INVALID },
  { "true", SY_CONDITION_RULES_ERROR_INVALID },
};

static void
test_rules_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autoptr(JsonNode) calculation = sy_test_json (error_cases[i].calculation);
      g_autoptr(GError) error = NULL;
      gboolean result;

      g_assert_false (sy_condition_rules_evaluate (calculation, &result, &error));
      g_assert_error (error, SY_CONDITION_RULES_ERROR, error_cases[i].code);
    }
}

static void
test_rules_unknown_calculator_message (void)
{
  g_autoptr(JsonNode) calculation = sy_test_json ("{\"calculator\": \"bigger\", \"operands\": [1, 2]}");
  g_autoptr(GError) error = NULL;
  gboolean result;

  g_assert_false (sy_condition_rules_evaluate (calculation, &result, &error));
  g_assert_nonnull (strstr (error->message, "“bigger”"));
}

static void
test_rules_too_deep (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonNode) calculation = NULL;
  g_autoptr(GError) error = NULL;
  gboolean result;

  for (guint i = 0; i < 100; i++)
    g_string_append (text, "{\"group\": {\"type\": \"and\", \"calculations\": [");
  g_string_append (text, "{\"calculator\": \"equal\", \"operands\": [1, 1]}");
  for (guint i = 0; i < 100; i++)
    g_string_append (text, "]}}");

  calculation = sy_test_json (text->str);
  g_assert_false (sy_condition_rules_evaluate (calculation, &result, &error));
  g_assert_error (error, SY_CONDITION_RULES_ERROR, SY_CONDITION_RULES_ERROR_INVALID);
}

static void
test_rules_check (void)
{
  g_autoptr(JsonNode) calculation = sy_test_json (
    "{\"group\": {\"type\": \"xor\", \"calculations\": ["
    "{\"calculator\": \"gt\", \"operands\": [1, 2]},"
    "{\"calculator\": \"bigger\", \"operands\": [1]},"
    "{\"group\": {\"type\": \"or\", \"calculations\": [7]}}]}}");
  g_autoptr(SyValidation) validation = sy_validation_new ();
  GPtrArray *problems;
  g_autoptr(GString) all = g_string_new (NULL);

  sy_validation_push (validation, "nodes[0]");
  sy_validation_push (validation, "config.calculation");
  sy_condition_rules_check (calculation, validation);
  sy_validation_pop (validation);
  sy_validation_pop (validation);

  problems = sy_validation_get_problems (validation);
  for (guint i = 0; i < problems->len; i++)
    {
      SyProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (all, "%s: %s\n", problem->path, problem->message);
    }

  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_nonnull (strstr (all->str, "nodes[0].config.calculation.group.type: "));
  g_assert_nonnull (strstr (all->str, "nodes[0].config.calculation.group.calculations[1].calculator: unknown calculator “bigger”"));
  g_assert_nonnull (strstr (all->str, "nodes[0].config.calculation.group.calculations[1].operands: "));
  g_assert_nonnull (strstr (all->str, "nodes[0].config.calculation.group.calculations[2].group.calculations[0]: "));
}

static void
test_rules_check_valid (void)
{
  g_autoptr(JsonNode) calculation = sy_test_json (
    "{\"group\": {\"type\": \"and\", \"calculations\": ["
    "{\"calculator\": \">=\", \"operands\": [\"{{$context.qty}}\", 2]},"
    "{\"group\": {\"type\": \"or\", \"calculations\": []}}]}}");
  g_autoptr(SyValidation) validation = sy_validation_new ();

  sy_validation_push (validation, "nodes[0]");
  sy_condition_rules_check (calculation, validation);
  sy_validation_pop (validation);

  g_assert_true (sy_validation_is_valid (validation));
}

static void
test_rules_calculator_names (void)
{
  const char * const *names = sy_condition_rules_get_calculators ();

  g_assert_cmpuint (g_strv_length ((char **) names), ==, 12);
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (sy_condition_rules_is_calculator (names[i]));
  g_assert_true (sy_condition_rules_is_calculator ("<="));
  g_assert_false (sy_condition_rules_is_calculator ("<>"));
  g_assert_false (sy_condition_rules_is_calculator (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/condition-rules/table", test_rules_table);
  g_test_add_func ("/condition-rules/absent", test_rules_absent);
  g_test_add_func ("/condition-rules/errors", test_rules_errors);
  g_test_add_func ("/condition-rules/unknown-calculator-message", test_rules_unknown_calculator_message);
  g_test_add_func ("/condition-rules/too-deep", test_rules_too_deep);
  g_test_add_func ("/condition-rules/check", test_rules_check);
  g_test_add_func ("/condition-rules/check-valid", test_rules_check_valid);
  g_test_add_func ("/condition-rules/calculator-names", test_rules_calculator_names);

  return g_test_run ();
}
