/* test-filter.c — NocoBase JSON filters compiled to SQL (src/engine/collections/sy-filter.c)
 *
 * Each case runs a filter against a small table and compares the ids it
 * finds, so the SQL is checked by what it does, not by its text.
 */
#include "config.h"

#include <string.h>

#include "collections/sy-filter.h"
#include "sy-test-collections.h"
#include "sy-variables.h"

typedef SyTestCollections Fixture;

#define DEFINITIONS \
  "[{\"format\": \"switchyard-collection/1\", \"name\": \"makers\", \"fields\": [" \
  "   {\"name\": \"name\", \"type\": \"string\"}," \
  "   {\"name\": \"country\", \"type\": \"belongs-to\", \"target\": \"countries\"}]}," \
  " {\"format\": \"switchyard-collection/1\", \"name\": \"countries\", \"fields\": [" \
  "   {\"name\": \"code\", \"type\": \"string\"}]}," \
  " {\"format\": \"switchyard-collection/1\", \"name\": \"products\", \"fields\": [" \
  "   {\"name\": \"title\", \"type\": \"string\"}," \
  "   {\"name\": \"note\", \"type\": \"text\"}," \
  "   {\"name\": \"stock\", \"type\": \"integer\"}," \
  "   {\"name\": \"price\", \"type\": \"number\"}," \
  "   {\"name\": \"active\", \"type\": \"boolean\"}," \
  "   {\"name\": \"released\", \"type\": \"date\"}," \
  "   {\"name\": \"checked_at\", \"type\": \"datetime\"}," \
  "   {\"name\": \"tags\", \"type\": \"json\"}," \
  "   {\"name\": \"kind\", \"type\": \"choice\", \"options\": [\"a\", \"b\", \"c\"]}," \
  "   {\"name\": \"maker\", \"type\": \"belongs-to\", \"target\": \"makers\"}]}]"

static void
set_up (Fixture      *fixture,
        gconstpointer data)
{
  SyCollectionStore *store;

  sy_test_collections_set_up (fixture, data);
  store = fixture->store;
  sy_test_define (store, DEFINITIONS);

  sy_test_insert (store, "countries", "{\"code\": \"DE\"}");
  sy_test_insert (store, "countries", "{\"code\": \"FR\"}");
  sy_test_insert (store, "makers", "{\"name\": \"Acme\", \"country\": 1}");
  sy_test_insert (store, "makers", "{\"name\": \"Bolt\", \"country\": 2}");

  /* 1 */ sy_test_insert (store, "products",
                          "{\"title\": \"Desk Lamp\", \"note\": \"50% off\", \"stock\": 5, \"price\": 19.5,"
                          " \"active\": true, \"released\": \"2024-01-15\", \"checked_at\": \"2024-01-15T10:00:00Z\","
                          " \"tags\": [\"red\", \"new\"], \"kind\": \"a\", \"maker\": 1}");
  /* 2 */ sy_test_insert (store, "products",
                          "{\"title\": \"desk\", \"note\": \"\", \"stock\": 0, \"price\": 120,"
                          " \"active\": false, \"released\": \"2024-02-01\", \"checked_at\": \"2024-02-01T23:30:00+02:00\","
                          " \"tags\": [], \"kind\": \"b\", \"maker\": 2}");
  /* 3 */ sy_test_insert (store, "products",
                          "{\"title\": \"Chair_01\", \"stock\": 12, \"price\": 45,"
                          " \"active\": true, \"tags\": [\"blue\"], \"kind\": \"a\"}");
  /* 4 */ sy_test_insert (store, "products", "{\"title\": \"O'Brien's shelf\", \"stock\": -1}");
}

static void
expect (Fixture    *fixture,
        const char *filter,
        const char *ids)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = sy_test_find (fixture->store, "products", filter, &error);

  g_test_message ("%s", filter);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, ids);
}

static void
expect_error (Fixture    *fixture,
              const char *filter,
              const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = sy_test_find (fixture->store, "products", filter, &error);

  g_test_message ("%s", filter);
  g_assert_null (found);
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_equality (Fixture      *fixture,
               gconstpointer data)
{
  expect (fixture, NULL, "1,2,3,4");
  expect (fixture, "{}", "1,2,3,4");
  expect (fixture, "{\"stock\": 5}", "1");
  expect (fixture, "{\"stock\": {\"$eq\": \"5\"}}", "1");
  expect (fixture, "{\"stock\": {\"$ne\": 5}}", "2,3,4");
  expect (fixture, "{\"note\": {\"$ne\": \"\"}}", "1,3,4"); /* no value counts as different */
  expect (fixture, "{\"note\": null}", "3,4");
  expect (fixture, "{\"note\": {\"$ne\": null}}", "1,2");
  expect (fixture, "{\"active\": true}", "1,3");
  expect (fixture, "{\"active\": {\"$eq\": false}}", "2");
  expect (fixture, "{\"price\": 120}", "2");
  expect (fixture, "{\"kind\": \"a\"}", "1,3");
  expect (fixture, "{\"id\": 4}", "4");
  /* Date-times compare as instants, whatever the offset. */
  expect (fixture, "{\"checked_at\": \"2024-02-01T21:30:00Z\"}", "2");
  expect (fixture, "{\"checked_at\": \"2024-02-01T22:30:00+01:00\"}", "2");
  expect (fixture, "{\"tags\": [\"red\", \"new\"]}", "1");
}

static void
test_comparisons (Fixture      *fixture,
                  gconstpointer data)
{
  expect (fixture, "{\"stock\": {\"$gt\": 0}}", "1,3");
  expect (fixture, "{\"stock\": {\"$gte\": 0}}", "1,2,3");
  expect (fixture, "{\"stock\": {\"$lt\": 5}}", "2,4");
  expect (fixture, "{\"stock\": {\"$lte\": 5}}", "1,2,4");
  expect (fixture, "{\"stock\": {\"$gt\": 0, \"$lt\": 10}}", "1");
  expect (fixture, "{\"price\": {\"$gte\": 19.5}}", "1,2,3");
  expect (fixture, "{\"released\": {\"$gt\": \"2024-01-20\"}}", "2");
  expect (fixture, "{\"checked_at\": {\"$lt\": \"2024-01-15T10:00:00.001Z\"}}", "1");
  expect (fixture, "{\"title\": {\"$gt\": \"D\"}}", "1,2,4");
  expect (fixture, "{\"id\": {\"$gte\": 3}}", "3,4");
  expect (fixture, "{\"created_at\": {\"$gt\": \"2000-01-01T00:00:00Z\"}}", "1,2,3,4");
}

static void
test_lists (Fixture      *fixture,
            gconstpointer data)
{
  expect (fixture, "{\"stock\": {\"$in\": [0, 12, 99]}}", "2,3");
  expect (fixture, "{\"stock\": {\"$in\": []}}", "");
  expect (fixture, "{\"kind\": {\"$in\": [\"b\", null]}}", "2,4");
  expect (fixture, "{\"kind\": {\"$in\": [null]}}", "4");
  expect (fixture, "{\"kind\": {\"$notIn\": [\"a\"]}}", "2,4");
  expect (fixture, "{\"kind\": {\"$notIn\": [\"a\", null]}}", "2");
  expect (fixture, "{\"kind\": {\"$notIn\": []}}", "1,2,3,4");
}

static void
test_text (Fixture      *fixture,
           gconstpointer data)
{
  /* Case-insensitive, as NocoBase's $includes. */
  expect (fixture, "{\"title\": {\"$includes\": \"DESK\"}}", "1,2");
  expect (fixture, "{\"title\": {\"$includes\": [\"lamp\", \"chair\"]}}", "1,3");
  expect (fixture, "{\"title\": {\"$notIncludes\": \"desk\"}}", "3,4");
  expect (fixture, "{\"note\": {\"$notIncludes\": \"off\"}}", "2,3,4");
  expect (fixture, "{\"title\": {\"$startsWith\": \"desk\"}}", "1,2");
  expect (fixture, "{\"title\": {\"$endsWith\": \"lamp\"}}", "1");
  /* LIKE wildcards in values are plain characters. */
  expect (fixture, "{\"note\": {\"$includes\": \"%\"}}", "1");
  expect (fixture, "{\"title\": {\"$includes\": \"_\"}}", "3");
  expect (fixture, "{\"title\": {\"$startsWith\": \"_\"}}", "");
  expect (fixture, "{\"title\": {\"$includes\": \"'\"}}", "4");
  /* A JSON list holds a value. */
  expect (fixture, "{\"tags\": {\"$includes\": \"red\"}}", "1");
  expect (fixture, "{\"tags\": {\"$includes\": [\"blue\", \"new\"]}}", "1,3");
  expect (fixture, "{\"tags\": {\"$notIncludes\": \"red\"}}", "2,3,4");
}

static void
test_emptiness (Fixture      *fixture,
                gconstpointer data)
{
  expect (fixture, "{\"note\": {\"$empty\": true}}", "2,3,4");
  expect (fixture, "{\"note\": {\"$notEmpty\": true}}", "1");
  expect (fixture, "{\"tags\": {\"$empty\": true}}", "2,4");
  expect (fixture, "{\"tags\": {\"$notEmpty\": true}}", "1,3");
  expect (fixture, "{\"maker\": {\"$empty\": true}}", "3,4");
  expect (fixture, "{\"price\": {\"$notEmpty\": true}}", "1,2,3");
  expect (fixture, "{\"released\": {\"$empty\": true}}", "3,4");
}

static void
test_groups (Fixture      *fixture,
             gconstpointer data)
{
  expect (fixture, "{\"$and\": [{\"active\": true}, {\"stock\": {\"$gt\": 6}}]}", "3");
  expect (fixture, "{\"$or\": [{\"stock\": 0}, {\"kind\": \"a\"}]}", "1,2,3");
  expect (fixture, "{\"$or\": [{\"stock\": 0}, {\"$and\": [{\"kind\": \"a\"}, {\"price\": {\"$gt\": 20}}]}]}", "2,3");
  expect (fixture, "{\"active\": true, \"kind\": \"a\", \"stock\": {\"$lt\": 10}}", "1");
  /* Empty groups impose nothing. */
  expect (fixture, "{\"$and\": []}", "1,2,3,4");
  expect (fixture, "{\"$or\": []}", "1,2,3,4");
  expect (fixture, "{\"$or\": [{}], \"stock\": 0}", "2");
  expect (fixture, "{\"$and\": {\"stock\": 0}}", "2");
}

static void
test_belongs_to (Fixture      *fixture,
                 gconstpointer data)
{
  expect (fixture, "{\"maker.name\": \"Acme\"}", "1");
  expect (fixture, "{\"maker.name\": {\"$ne\": \"Acme\"}}", "2,3,4");
  expect (fixture, "{\"maker\": {\"name\": {\"$startsWith\": \"B\"}}}", "2");
  expect (fixture, "{\"maker.country.code\": \"FR\"}", "2");
  expect (fixture, "{\"maker\": {\"country\": {\"code\": {\"$in\": [\"DE\", \"FR\"]}}}}", "1,2");
  expect (fixture, "{\"$or\": [{\"maker.name\": \"Acme\"}, {\"maker.country.code\": \"FR\"}]}", "1,2");
  expect (fixture, "{\"maker\": 2}", "2");
  expect (fixture, "{\"maker\": {\"id\": 2, \"name\": \"Bolt\"}}", "2");
  expect (fixture, "{\"maker.id\": {\"$in\": [1, 2]}}", "1,2");
}

static void
test_date_ranges (Fixture      *fixture,
                  gconstpointer data)
{
  /* Today's range compared with "released" by each operator. */
  static const struct
  {
    const char *comparison;
    const char *ids;
  } released_cases[] = {
    { "$eq", "5" },
    { "$ne", "1,2,3,4,6" },
    { "$lt", "1,2,6" },
    { "$lte", "1,2,5,6" },
    { "$gte", "5" },
    { "$gt", "" },
  };
  g_autoptr(SyVariables) variables = sy_variables_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *today_date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *yesterday_date = g_date_time_format (yesterday, "%Y-%m-%d");
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  g_autoptr(JsonNode) range = NULL;
  g_autofree char *values = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *range_text = NULL;

  values = g_strdup_printf ("{\"title\": \"today\", \"released\": \"%s\", \"checked_at\": \"%s\"}", today_date, now_text);
  sy_test_insert (fixture->store, "products", values); /* 5 */
  g_free (values);
  values = g_strdup_printf ("{\"title\": \"yesterday\", \"released\": \"%s\"}", yesterday_date);
  sy_test_insert (fixture->store, "products", values); /* 6 */

  /* What a node's filter holds once {{$system.dateRange.today}} is resolved. */
  range = sy_variables_lookup (variables, "$system.dateRange.today", NULL, NULL);
  range_text = json_to_string (range, FALSE);

  filter = g_strdup_printf ("{\"checked_at\": %s}", range_text);
  expect (fixture, filter, "5");
  for (guint i = 0; i < G_N_ELEMENTS (released_cases); i++)
    {
      g_free (filter);
      filter = g_strdup_printf ("{\"released\": {\"%s\": %s}}", released_cases[i].comparison, range_text);
      expect (fixture, filter, released_cases[i].ids);
    }

  /* Typed as text (the command line), the placeholder works too. */
  expect (fixture, "{\"released\": \"{{$system.dateRange.yesterday}}\"}", "6");
  expect (fixture, "{\"checked_at\": {\"$eq\": \"{{ $system.dateRange.today }}\"}}", "5");
  expect (fixture, "{\"released\": {\"$eq\": \"{{$system.dateRange.thisYear}}\"}}",
          g_str_has_suffix (today_date, "-01-01") ? "5" : "5,6");
  expect (fixture, "{\"released\": {\"$eq\": [\"2024-01-01\", \"2024-01-31\"]}}", "1");
}

static void
test_invalid (Fixture      *fixture,
              gconstpointer data)
{
  expect_error (fixture, "[1, 2]", "invalid filter: a filter must be a JSON object");
  expect_error (fixture, "{\"colour\": \"red\"}", "invalid filter: colour: the collection “products” has no field “colour”");
  expect_error (fixture, "{\"stock\": {\"$like\": 1}}",
                "invalid filter: stock.$like: unknown operator “$like” (expected $eq, $ne, $gt, $gte, $lt, $lte, $in, "
                "$notIn, $includes, $notIncludes, $startsWith, $endsWith, $empty or $notEmpty)");
  expect_error (fixture, "{\"$not\": {\"stock\": 1}}", "invalid filter: $not: “$not” is not a logical operator (expected $and or $or)");
  expect_error (fixture, "{\"$and\": 3}", "invalid filter: $and: expected a list of filters");
  expect_error (fixture, "{\"$or\": [{\"stock\": {\"$gt\": \"many\"}}]}",
                "invalid filter: $or[0].stock.$gt: expected a whole number, got “many”");
  expect_error (fixture, "{\"stock\": {\"$in\": 3}}", "invalid filter: stock.$in: expected a list of values");
  expect_error (fixture, "{\"stock\": {\"$in\": [1, \"x\"]}}", "invalid filter: stock.$in[1]: expected a whole number, got “x”");
  expect_error (fixture, "{\"kind\": \"z\"}", "invalid filter: kind: expected one of a, b, c, got “z”");
  expect_error (fixture, "{\"title\": {\"$startsWith\": [\"a\"]}}", "invalid filter: title.$startsWith: expected text");
  expect_error (fixture, "{\"stock\": {\"$gt\": null}}", "invalid filter: stock.$gt: cannot compare with null");
  expect_error (fixture, "{\"stock.value\": 1}", "invalid filter: stock.value: “stock” is not a belongs-to field; “stock.value” cannot go through it");
  expect_error (fixture, "{\"maker.colour\": 1}", "invalid filter: maker.colour: the collection “makers” has no field “colour”");
  expect_error (fixture, "{\"released\": {\"$eq\": [1, 2]}}", "invalid filter: released.$eq: a date range is two dates or times");
}

/* Names and values that try to escape into the SQL find nothing, change
 * nothing, and never appear in the statement. */
static void
test_injection (Fixture      *fixture,
                gconstpointer data)
{
  static const char * const hostile_values[] = {
    "' OR '1'='1",
    "x'); DROP TABLE products; --",
    "\" OR 1=1 --",
    "1 OR 1=1",
    "%' OR title LIKE '%",
  };
  g_autoptr(SyCollection) products = sy_collection_store_get_collection (fixture->store, "products", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_values); i++)
    {
      g_autoptr(JsonObject) filter_object = json_object_new ();
      g_autoptr(JsonObject) condition = json_object_new ();
      g_autoptr(JsonNode) filter = NULL;
      g_autoptr(SySqlQuery) query = sy_sql_query_new (products, NULL, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *found = NULL;

      json_object_set_string_member (condition, "$includes", hostile_values[i]);
      json_object_set_object_member (filter_object, "title", g_steal_pointer (&condition));
      filter = json_node_init_object (json_node_alloc (), filter_object);
      g_assert_true (sy_sql_query_add_filter (query, filter, &error));
      g_assert_no_error (error);
      g_assert_null (strstr (sy_sql_query_get_where (query), hostile_values[i]));
      g_assert_cmpuint (sy_sql_query_get_params (query)->len, ==, 1);

      text = json_to_string (filter, FALSE);
      found = sy_test_find (fixture->store, "products", text, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (found, ==, "");
    }

  /* Field names are checked against the definition before any quoting. */
  expect_error (fixture, "{\"title\\\" = title OR \\\"1\": 1}",
                "invalid filter: title\" = title OR \"1: the collection “products” has no field “title\" = title OR \"1”");
  expect_error (fixture, "{\"1=1; DROP TABLE products; --\": 1}",
                "invalid filter: 1=1; DROP TABLE products; --: the collection “products” has no field “1=1; DROP TABLE products; --”");
  expect_error (fixture, "{\"stock\": {\"$gt) OR (1\": 1}}",
                "invalid filter: stock.$gt) OR (1: unknown operator “$gt) OR (1” (expected $eq, $ne, $gt, $gte, $lt, "
                "$lte, $in, $notIn, $includes, $notIncludes, $startsWith, $endsWith, $empty or $notEmpty)");

  expect (fixture, "{\"title\": \"Desk Lamp' OR '1'='1\"}", "");
  expect (fixture, NULL, "1,2,3,4");
}

static void
test_sort (Fixture      *fixture,
           gconstpointer data)
{
  g_autoptr(SyCollection) products = sy_collection_store_get_collection (fixture->store, "products", NULL);
  g_autoptr(SySqlQuery) query = sy_sql_query_new (products, NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *by_maker[] = { "-maker.name", "stock", NULL };
  const char *by_price[] = { "price", NULL };
  SyRecordQuery records = { .sort = by_maker };
  g_autoptr(JsonArray) found = NULL;
  g_autofree char *ids = NULL;

  g_assert_cmpstr (sy_sql_query_get_order (query), ==, " ORDER BY \"t\".\"id\"");
  g_assert_true (sy_sql_query_add_sort (query, "-stock", &error));
  g_assert_cmpstr (sy_sql_query_get_order (query), ==, " ORDER BY \"t\".\"stock\" DESC, \"t\".\"id\"");
  g_assert_false (sy_sql_query_add_sort (query, "-", &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_sql_query_add_sort (query, "stock; DROP TABLE products", &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
  g_clear_error (&error);

  /* Through a belongs-to: makers without a name (none) sort last descending. */
  found = sy_collection_store_query (fixture->store, "products", &records, &error);
  g_assert_no_error (error);
  ids = sy_test_ids (found);
  g_assert_cmpstr (ids, ==, "2,1,4,3");
  g_clear_pointer (&found, json_array_unref);
  g_clear_pointer (&ids, g_free);

  records.sort = by_price;
  found = sy_collection_store_query (fixture->store, "products", &records, &error);
  ids = sy_test_ids (found);
  g_assert_cmpstr (ids, ==, "4,1,3,2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/filter/" path, Fixture, NULL, set_up, func, sy_test_collections_tear_down)

  ADD ("equality", test_equality);
  ADD ("comparisons", test_comparisons);
  ADD ("lists", test_lists);
  ADD ("text", test_text);
  ADD ("emptiness", test_emptiness);
  ADD ("groups", test_groups);
  ADD ("belongs-to", test_belongs_to);
  ADD ("date-ranges", test_date_ranges);
  ADD ("invalid", test_invalid);
  ADD ("injection", test_injection);
  ADD ("sort", test_sort);

  return g_test_run ();
}
