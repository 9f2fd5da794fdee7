/* test-collections.c — collection definitions, values, records and migrations
 * (src/engine/collections/sy-collection.c, sy-collection-store.c)
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "collections/sy-collection-store.h"
#include "sy-test-collections.h"

#define SHOP \
  "[{\"format\": \"switchyard-collection/1\", \"name\": \"products\", \"title\": \"Products\"," \
  "  \"fields\": [{\"name\": \"title\", \"type\": \"string\", \"required\": true}," \
  "              {\"name\": \"stock\", \"type\": \"integer\", \"default\": 0}," \
  "              {\"name\": \"price\", \"type\": \"number\"}]}," \
  " {\"format\": \"switchyard-collection/1\", \"name\": \"orders\", \"title\": \"Orders\"," \
  "  \"fields\": [{\"name\": \"product\", \"type\": \"belongs-to\", \"target\": \"products\", \"required\": true}," \
  "              {\"name\": \"qty\", \"type\": \"integer\", \"required\": true, \"default\": 1}," \
  "              {\"name\": \"status\", \"type\": \"choice\", \"options\": [\"new\", \"confirmed\", \"rejected\"]," \
  "               \"default\": \"new\"}," \
  "              {\"name\": \"note\", \"type\": \"text\"}]}]"

typedef SyTestCollections Fixture;

static SyCollection *
parse (const char *text,
       GError    **error)
{
  return sy_collection_new_from_data (text, -1, error);
}

static gint64
count_where (SyCollectionStore *store,
             const char        *collection,
             const char        *filter)
{
  g_autoptr(JsonNode) node = filter != NULL ? sy_test_json (filter) : NULL;
  g_autoptr(GError) error = NULL;
  gint64 count = sy_collection_store_count (store, collection, node, &error);

  g_assert_no_error (error);
  return count;
}

static JsonObject *
object (const char *text)
{
  g_autoptr(JsonNode) node = sy_test_json (text);

  return json_object_ref (json_node_get_object (node));
}

/* ── Definitions ───────────────────────────────────────────────────────── */

static void
test_definition_spec_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyCollection) collection = parse (
    "{ \"format\": \"switchyard-collection/1\", \"name\": \"orders\", \"title\": \"Orders\","
    "  \"fields\": ["
    "    { \"name\": \"product\", \"type\": \"belongs-to\", \"target\": \"products\", \"required\": true },"
    "    { \"name\": \"qty\", \"type\": \"integer\", \"required\": true, \"default\": 1 },"
    "    { \"name\": \"status\", \"type\": \"choice\", \"options\": [\"new\", \"confirmed\", \"rejected\"], \"default\": \"new\" },"
    "    { \"name\": \"note\", \"type\": \"text\" } ] }",
    &error);
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(SyCollection) again = NULL;
  const SyCollectionField *field;

  g_assert_no_error (error);
  g_assert_cmpstr (sy_collection_get_name (collection), ==, "orders");
  g_assert_cmpstr (sy_collection_get_title (collection), ==, "Orders");
  g_assert_cmpuint (sy_collection_get_n_fields (collection), ==, 4);

  field = sy_collection_lookup_field (collection, "product");
  g_assert_cmpint (field->type, ==, SY_FIELD_TYPE_BELONGS_TO);
  g_assert_cmpstr (field->target, ==, "products");
  g_assert_true (field->required);
  field = sy_collection_lookup_field (collection, "status");
  g_assert_cmpint (field->type, ==, SY_FIELD_TYPE_CHOICE);
  g_assert_cmpstr (field->options[2], ==, "rejected");
  g_assert_cmpstr (json_node_get_string (field->default_value), ==, "new");
  g_assert_null (sy_collection_lookup_field (collection, "missing"));

  /* The document round-trips. */
  document = sy_collection_to_json (collection);
  again = sy_collection_new_from_json (document, &error);
  g_assert_no_error (error);
  g_assert_true (sy_collection_same_fields (collection, again));
}

/* Names: [a-z][a-z0-9_]{0,62}, for collections and fields alike. */
static void
test_definition_names (void)
{
  g_autofree char *longest = g_strnfill (63, 'n');
  g_autofree char *too_long = g_strnfill (64, 'n');
  static const char * const good[] = { "a", "orders", "qty_2", "a_", "z9", NULL };
  static const char * const bad[] = { "", "Orders", "2nd", "_a", "a-b", "a b", "ré", "a.b", NULL };
  g_autofree char *document = NULL;
  g_autoptr(SyCollection) collection = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; good[i] != NULL; i++)
    g_assert_true (sy_collection_name_is_valid (good[i]));
  for (guint i = 0; bad[i] != NULL; i++)
    g_assert_false (sy_collection_name_is_valid (bad[i]));
  g_assert_true (sy_collection_name_is_valid (longest));
  g_assert_false (sy_collection_name_is_valid (too_long));

  document = g_strdup_printf ("{ \"format\": \"switchyard-collection/1\", \"name\": \"%s\","
                              "  \"fields\": [ { \"name\": \"%s\", \"type\": \"string\" },"
                              "              { \"name\": \"%s\", \"type\": \"string\" } ] }",
                              longest, longest, too_long);
  collection = parse (document, &error);
  g_assert_null (collection);
  g_assert_nonnull (strstr (error->message, "fields[1].name:"));
  g_assert_null (strstr (error->message, "fields[0].name:"));
  g_assert_null (strstr (error->message, "\n  name:"));
}

static void
test_definition_problems (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyCollection) collection = parse (
    "{ \"format\": \"switchyard-collection/2\", \"name\": \"Orders\", \"colour\": 1,"
    "  \"fields\": ["
    "    { \"name\": \"id\", \"type\": \"integer\" },"
    "    { \"name\": \"qty\", \"type\": \"decimal\" },"
    "    { \"name\": \"qty\", \"type\": \"integer\" },"
    "    { \"name\": \"status\", \"type\": \"choice\" },"
    "    { \"name\": \"product\", \"type\": \"belongs-to\" },"
    "    { \"name\": \"count\", \"type\": \"integer\", \"default\": \"many\" },"
    "    { \"name\": \"title\", \"type\": \"string\", \"options\": [\"a\"], \"requried\": true },"
    "    { \"name\": \"state\", \"type\": \"choice\", \"options\": [\"a\"], \"default\": \"b\" } ] }",
    &error);

  g_assert_null (collection);
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
  /* Every problem at once, each with its path. */
  g_assert_nonnull (strstr (error->message, "format: must be “switchyard-collection/1”"));
  g_assert_nonnull (strstr (error->message, "name: “Orders” is not a collection name"));
  g_assert_nonnull (strstr (error->message, "colour: unknown member"));
  g_assert_nonnull (strstr (error->message, "fields[0].name: “id” is set automatically"));
  g_assert_nonnull (strstr (error->message, "fields[1].type: unknown type “decimal”"));
  g_assert_nonnull (strstr (error->message, "fields[2].name: “qty” is defined twice"));
  g_assert_nonnull (strstr (error->message, "fields[3].options: required for a choice"));
  g_assert_nonnull (strstr (error->message, "fields[4].target: required"));
  g_assert_nonnull (strstr (error->message, "fields[6].options: only a choice field has options"));
  g_assert_nonnull (strstr (error->message, "fields[6].requried: unknown member"));
  /* Defaults are checked with the rest, not only once all else is right. */
  g_assert_nonnull (strstr (error->message, "fields[5].default: expected a whole number, got “many”"));
  g_assert_nonnull (strstr (error->message, "fields[7].default: expected one of a, got “b”"));
}

static void
test_definition_bad_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyCollection) collection = parse (
    "{ \"format\": \"switchyard-collection/1\", \"name\": \"items\","
    "  \"fields\": [ { \"name\": \"count\", \"type\": \"integer\", \"default\": \"many\" } ] }",
    &error);

  g_assert_null (collection);
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "fields[0].default: expected a whole number, got “many”"));

  g_clear_error (&error);
  collection = parse ("{ \"format\": \"switchyard-collection/1\", \"name\": \"sqlite_x\", \"fields\": [] }", &error);
  g_assert_null (collection);
  g_assert_nonnull (strstr (error->message, "reserved"));

  g_clear_error (&error);
  collection = parse ("not json", &error);
  g_assert_null (collection);
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
}

/* ── Values of every type ──────────────────────────────────────────────── */

typedef struct
{
  SyFieldType  type;
  const char  *value;    /* JSON */
  const char  *expected; /* stored form as JSON, NULL = refused */
  const char  *reason;   /* part of the refusal */
} ValueCase;

static void
test_values_every_type (void)
{
  static const char * const options[] = { "new", "done", NULL };
  static const ValueCase cases[] = {
    { SY_FIELD_TYPE_STRING, "\"abc\"", "\"abc\"", NULL },
    { SY_FIELD_TYPE_STRING, "42", "\"42\"", NULL },
    { SY_FIELD_TYPE_STRING, "true", "\"true\"", NULL },
    { SY_FIELD_TYPE_STRING, "{\"a\": 1}", NULL, "expected text, got an object" },
    { SY_FIELD_TYPE_TEXT, "\"line 1\\nline 2\"", "\"line 1\\nline 2\"", NULL },
    { SY_FIELD_TYPE_TEXT, "[1]", NULL, "expected text, got a list" },
    { SY_FIELD_TYPE_INTEGER, "5", "5", NULL },
    { SY_FIELD_TYPE_INTEGER, "\"5\"", "5", NULL },
    { SY_FIELD_TYPE_INTEGER, "-7.0", "-7", NULL },
    { SY_FIELD_TYPE_INTEGER, "5.5", NULL, "expected a whole number, got 5.5" },
    { SY_FIELD_TYPE_INTEGER, "\"abc\"", NULL, "expected a whole number, got “abc”" },
    { SY_FIELD_TYPE_INTEGER, "\" 5\"", NULL, "expected a whole number" },
    { SY_FIELD_TYPE_INTEGER, "true", NULL, "expected a whole number, got true" },
    { SY_FIELD_TYPE_NUMBER, "2.5", "2.5", NULL },
    { SY_FIELD_TYPE_NUMBER, "3", "3.0", NULL },
    { SY_FIELD_TYPE_NUMBER, "\"1e3\"", "1000.0", NULL },
    { SY_FIELD_TYPE_NUMBER, "\"12abc\"", NULL, "expected a number" },
    { SY_FIELD_TYPE_BOOLEAN, "true", "true", NULL },
    { SY_FIELD_TYPE_BOOLEAN, "\"false\"", "false", NULL },
    { SY_FIELD_TYPE_BOOLEAN, "1", "true", NULL },
    { SY_FIELD_TYPE_BOOLEAN, "2", NULL, "expected true or false, got 2" },
    { SY_FIELD_TYPE_BOOLEAN, "\"yes\"", NULL, "expected true or false" },
    { SY_FIELD_TYPE_DATE, "\"2024-02-29\"", "\"2024-02-29\"", NULL },
    { SY_FIELD_TYPE_DATE, "\"2026-02-29\"", NULL, "expected a date such as 2026-03-01" },
    { SY_FIELD_TYPE_DATE, "\"2026-3-1\"", NULL, "expected a date" },
    { SY_FIELD_TYPE_DATE, "20260301", NULL, "expected a date" },
    { SY_FIELD_TYPE_DATETIME, "\"2026-03-01T10:00:00+02:00\"", "\"2026-03-01T08:00:00.000Z\"", NULL },
    { SY_FIELD_TYPE_DATETIME, "\"2026-03-01T08:00:00.25Z\"", "\"2026-03-01T08:00:00.250Z\"", NULL },
    { SY_FIELD_TYPE_DATETIME, "\"2026-03-01T08:00:00\"", NULL, "with an offset" },
    { SY_FIELD_TYPE_DATETIME, "\"2026-03-01\"", NULL, "with an offset" },
    { SY_FIELD_TYPE_DATETIME, "\"soon\"", NULL, "with an offset" },
    { SY_FIELD_TYPE_JSON, "{\"a\": [1, 2]}", "{\"a\": [1, 2]}", NULL },
    { SY_FIELD_TYPE_JSON, "\"text\"", "\"text\"", NULL },
    { SY_FIELD_TYPE_CHOICE, "\"done\"", "\"done\"", NULL },
    { SY_FIELD_TYPE_CHOICE, "\"gone\"", NULL, "expected one of new, done, got “gone”" },
    { SY_FIELD_TYPE_BELONGS_TO, "3", "3", NULL },
    { SY_FIELD_TYPE_BELONGS_TO, "\"3\"", "3", NULL },
    { SY_FIELD_TYPE_BELONGS_TO, "{\"id\": 4, \"title\": \"Lamp\"}", "4", NULL },
    { SY_FIELD_TYPE_BELONGS_TO, "{\"title\": \"Lamp\"}", NULL, "a record without one" },
    { SY_FIELD_TYPE_BELONGS_TO, "0", NULL, "expected the id of a record, got 0" },
    { SY_FIELD_TYPE_BELONGS_TO, "\"x\"", NULL, "expected the id of a record" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SyCollectionField field = { .name = (char *) "f", .type = cases[i].type, .options = (GStrv) options };
      g_autoptr(JsonNode) value = sy_test_json (cases[i].value);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) checked = sy_collection_field_check_value (&field, value, &error);

      g_test_message ("case %u: %s as %s", i, cases[i].value, sy_field_type_to_string (cases[i].type));
      if (cases[i].expected != NULL)
        {
          g_autoptr(JsonNode) expected = sy_test_json (cases[i].expected);

          g_assert_no_error (error);
          g_assert_true (json_node_equal (checked, expected));
        }
      else
        {
          g_assert_null (checked);
          g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
          g_assert_true (g_str_has_prefix (error->message, "f: "));
          g_assert_nonnull (strstr (error->message, cases[i].reason));
        }
    }

  /* null is null for every type; required is the caller's business. */
  for (SyFieldType type = SY_FIELD_TYPE_STRING; type <= SY_FIELD_TYPE_BELONGS_TO; type++)
    {
      SyCollectionField field = { .name = (char *) "f", .type = type };
      g_autoptr(JsonNode) null = json_node_new (JSON_NODE_NULL);
      g_autoptr(JsonNode) checked = sy_collection_field_check_value (&field, null, NULL);

      g_assert_true (JSON_NODE_HOLDS_NULL (checked));
    }
}

static void
test_check_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) definitions = sy_test_json (SHOP);
  g_autoptr(SyCollection) orders =
    sy_collection_new_from_json (json_array_get_element (json_node_get_array (definitions), 1), &error);
  g_autoptr(JsonObject) values = NULL;
  g_autoptr(JsonObject) checked = NULL;

  g_assert_no_error (error);

  /* Defaults fill what is missing on create, not on update. */
  values = object ("{\"product\": \"2\"}");
  checked = sy_collection_check_values (orders, values, SY_VALUES_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (checked, "product"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (checked, "qty"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (checked, "status"), ==, "new");
  g_assert_false (json_object_has_member (checked, "note"));
  g_clear_pointer (&checked, json_object_unref);
  checked = sy_collection_check_values (orders, values, SY_VALUES_UPDATE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (checked), ==, 1);
  g_clear_pointer (&checked, json_object_unref);
  g_clear_pointer (&values, json_object_unref);

  /* Required without default, unknown and automatic members. */
  values = object ("{\"qty\": 2}");
  g_assert_null (sy_collection_check_values (orders, values, SY_VALUES_CREATE, &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "product: required; it has no value");
  g_clear_error (&error);
  g_clear_pointer (&values, json_object_unref);

  values = object ("{\"product\": 1, \"colour\": \"red\"}");
  g_assert_null (sy_collection_check_values (orders, values, SY_VALUES_CREATE, &error));
  g_assert_cmpstr (error->message, ==, "colour: the collection “orders” has no such field");
  g_clear_error (&error);
  g_clear_pointer (&values, json_object_unref);

  values = object ("{\"id\": 9}");
  g_assert_null (sy_collection_check_values (orders, values, SY_VALUES_UPDATE, &error));
  g_assert_cmpstr (error->message, ==, "id: set automatically; it cannot be written");
  g_clear_error (&error);
  g_clear_pointer (&values, json_object_unref);

  values = object ("{\"qty\": null}");
  g_assert_null (sy_collection_check_values (orders, values, SY_VALUES_UPDATE, &error));
  g_assert_cmpstr (error->message, ==, "qty: required; it cannot be empty");
}

/* ── Records ───────────────────────────────────────────────────────────── */

static void
test_records_crud (Fixture      *fixture,
                   gconstpointer data)
{
  SyCollectionStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  gint64 lamp, order;

  sy_test_define (store, SHOP);
  listed = sy_collection_store_list_collections (store, &error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (sy_collection_get_name (g_ptr_array_index (listed, 0)), ==, "products");

  lamp = sy_test_insert (store, "products", "{\"title\": \"Lamp\", \"price\": 20}");
  g_assert_cmpint (lamp, ==, 1);
  order = sy_test_insert (store, "orders", "{\"product\": 1, \"qty\": \"3\"}");

  record = sy_collection_store_get_record (store, "orders", order, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (record, "product"), ==, lamp);
  g_assert_cmpint (json_object_get_int_member (record, "qty"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "new");
  g_assert_true (json_object_get_null_member (record, "note"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (record, "created_at"), "Z"));
  g_clear_pointer (&record, json_object_unref);

  /* Members in order: id, fields, times. */
  record = sy_collection_store_get_record (store, "products", lamp, NULL, &error);
  {
    g_autoptr(GList) members = json_object_get_members (record);
    const char *expected[] = { "id", "title", "stock", "price", "created_at", "updated_at" };
    guint i = 0;

    for (GList *l = members; l != NULL; l = l->next, i++)
      g_assert_cmpstr (l->data, ==, expected[i]);
    g_assert_cmpint (json_object_get_int_member (record, "stock"), ==, 0);
    g_assert_cmpfloat (json_object_get_double_member (record, "price"), ==, 20.0);
  }
  g_clear_pointer (&record, json_object_unref);

  /* A reference to nothing is refused and nothing is written. */
  values = object ("{\"product\": 99}");
  g_assert_null (sy_collection_store_insert (store, "orders", values, &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "product: there is no record 99 in “products”");
  g_clear_error (&error);
  g_assert_cmpint (sy_collection_store_count (store, "orders", NULL, NULL), ==, 1);
  g_clear_pointer (&values, json_object_unref);

  /* Update keeps what was not given and hands back the old record. */
  values = object ("{\"status\": \"confirmed\", \"note\": \"rush\"}");
  record = sy_collection_store_update (store, "orders", order, values, &before, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "confirmed");
  g_assert_cmpint (json_object_get_int_member (record, "qty"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (before, "status"), ==, "new");
  g_clear_pointer (&record, json_object_unref);
  g_clear_pointer (&values, json_object_unref);

  values = object ("{\"status\": \"lost\"}");
  g_assert_null (sy_collection_store_update (store, "orders", order, values, NULL, &error));
  g_assert_cmpstr (error->message, ==, "status: expected one of new, confirmed, rejected, got “lost”");
  g_clear_error (&error);
  g_clear_pointer (&values, json_object_unref);

  values = object ("{\"qty\": 1}");
  g_assert_null (sy_collection_store_update (store, "orders", 42, values, NULL, &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "there is no record 42 in “orders”");
  g_clear_error (&error);

  g_assert_null (sy_collection_store_insert (store, "customers", values, &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "there is no collection “customers”");
  g_clear_error (&error);

  /* A required reference keeps its target alive. */
  g_assert_null (sy_collection_store_delete (store, "products", lamp, &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "record 1 of “orders” refers to it in its required field “product”"));
  g_clear_error (&error);

  record = sy_collection_store_delete (store, "orders", order, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (record, "id"), ==, order);
  g_clear_pointer (&record, json_object_unref);
  g_assert_null (sy_collection_store_get_record (store, "orders", order, NULL, &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Ids are never given again. */
  g_assert_cmpint (sy_test_insert (store, "orders", "{\"product\": 1}"), ==, order + 1);
}

static void
test_records_optional_reference (Fixture      *fixture,
                                 gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  gint64 team, person;

  sy_test_define (fixture->store,
                  "[{\"format\": \"switchyard-collection/1\", \"name\": \"teams\", \"fields\": "
                  "  [{\"name\": \"name\", \"type\": \"string\"}]},"
                  " {\"format\": \"switchyard-collection/1\", \"name\": \"people\", \"fields\": "
                  "  [{\"name\": \"team\", \"type\": \"belongs-to\", \"target\": \"teams\"},"
                  "   {\"name\": \"mentor\", \"type\": \"belongs-to\", \"target\": \"people\"}]}]");
  team = sy_test_insert (fixture->store, "teams", "{\"name\": \"Red\"}");
  person = sy_test_insert (fixture->store, "people", "{\"team\": 1}");
  sy_test_insert (fixture->store, "people", "{\"team\": 1, \"mentor\": 1}");

  /* Optional references become null; a record may point to itself. */
  record = sy_collection_store_delete (fixture->store, "teams", team, &error);
  g_assert_no_error (error);
  g_clear_pointer (&record, json_object_unref);
  g_assert_cmpint (count_where (fixture->store, "people", "{\"team\": null}"), ==, 2);

  record = sy_collection_store_delete (fixture->store, "people", person, &error);
  g_assert_no_error (error);
  g_clear_pointer (&record, json_object_unref);
  record = sy_collection_store_get_record (fixture->store, "people", 2, NULL, &error);
  g_assert_true (json_object_get_null_member (record, "mentor"));
}

static void
test_records_appends (Fixture      *fixture,
                      gconstpointer data)
{
  SyCollectionStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonArray) records = NULL;
  const char *product_only[] = { "product", NULL };
  const char *nested[] = { "product.maker", "customer", NULL };
  const char *wrong[] = { "qty", NULL };
  JsonObject *product;

  sy_test_define (store,
                  "[{\"format\": \"switchyard-collection/1\", \"name\": \"makers\", \"fields\": "
                  "  [{\"name\": \"name\", \"type\": \"string\"}]},"
                  " {\"format\": \"switchyard-collection/1\", \"name\": \"products\", \"fields\": "
                  "  [{\"name\": \"title\", \"type\": \"string\"},"
                  "   {\"name\": \"maker\", \"type\": \"belongs-to\", \"target\": \"makers\"}]},"
                  " {\"format\": \"switchyard-collection/1\", \"name\": \"orders\", \"fields\": "
                  "  [{\"name\": \"product\", \"type\": \"belongs-to\", \"target\": \"products\"},"
                  "   {\"name\": \"customer\", \"type\": \"belongs-to\", \"target\": \"makers\"},"
                  "   {\"name\": \"qty\", \"type\": \"integer\"}]}]");
  sy_test_insert (store, "makers", "{\"name\": \"Acme\"}");
  sy_test_insert (store, "products", "{\"title\": \"Lamp\", \"maker\": 1}");
  sy_test_insert (store, "products", "{\"title\": \"Desk\"}");
  sy_test_insert (store, "orders", "{\"product\": 1, \"qty\": 1}");
  sy_test_insert (store, "orders", "{\"product\": 2, \"customer\": 1, \"qty\": 2}");
  sy_test_insert (store, "orders", "{\"qty\": 3}");

  record = sy_collection_store_get_record (store, "orders", 1, product_only, &error);
  g_assert_no_error (error);
  product = json_object_get_object_member (record, "product");
  g_assert_cmpstr (json_object_get_string_member (product, "title"), ==, "Lamp");
  g_assert_cmpint (json_object_get_int_member (product, "maker"), ==, 1);
  g_assert_true (json_object_get_null_member (record, "customer"));
  g_clear_pointer (&record, json_object_unref);

  {
    SyRecordQuery query = { .appends = nested };

    records = sy_collection_store_query (store, "orders", &query, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (records), ==, 3);
  product = json_object_get_object_member (json_array_get_object_element (records, 0), "product");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (product, "maker"), "name"), ==, "Acme");
  product = json_object_get_object_member (json_array_get_object_element (records, 1), "product");
  g_assert_true (json_object_get_null_member (product, "maker"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_array_get_object_element (records, 1), "customer"),
                     "name"),
                   ==, "Acme");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (records, 2), "product"));

  g_assert_null (sy_collection_store_get_record (store, "orders", 1, wrong, &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cannot append “qty”"));
}

static void
test_records_query_pages (Fixture      *fixture,
                          gconstpointer data)
{
  SyCollectionStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  const char *by_stock[] = { "-stock", "title", NULL };
  const char *bad_sort[] = { "colour", NULL };
  g_autoptr(JsonArray) page = NULL;
  g_autofree char *ids = NULL;

  sy_test_define (store, SHOP);
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *values = g_strdup_printf ("{\"title\": \"P%02u\", \"stock\": %u}", i, i % 5);

      sy_test_insert (store, "products", values);
    }

  {
    SyRecordQuery query = { .sort = by_stock, .page = 2, .page_size = 4 };

    page = sy_collection_store_query (store, "products", &query, &error);
  }
  g_assert_no_error (error);
  /* stock 4: P04 P09 P14 P19 P24, then stock 3: P03 …; page 2 = P24 P03 P08 P13 */
  ids = sy_test_ids (page);
  g_assert_cmpstr (ids, ==, "25,4,9,14");
  g_clear_pointer (&page, json_array_unref);

  {
    SyRecordQuery query = { .page = 7, .page_size = 4 };

    page = sy_collection_store_query (store, "products", &query, &error);
  }
  g_assert_cmpuint (json_array_get_length (page), ==, 1);
  g_clear_pointer (&page, json_array_unref);

  {
    SyRecordQuery query = { .sort = bad_sort };

    page = sy_collection_store_query (store, "products", &query, &error);
  }
  g_assert_null (page);
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "invalid sort “colour”: the collection “products” has no field “colour”");
  g_clear_error (&error);

  g_assert_cmpint (count_where (store, "products", "{\"stock\": {\"$gte\": 3}}"), ==, 10);
}

static void
check_aggregate (SyCollectionStore *store,
                 const char        *function,
                 const char        *field,
                 const char        *filter,
                 gboolean           distinct,
                 const char        *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = filter != NULL ? sy_test_json (filter) : NULL;
  g_autoptr(JsonNode) result = sy_collection_store_aggregate (store, "products", function, field, node, distinct, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = json_to_string (result, FALSE);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_records_aggregate (Fixture      *fixture,
                        gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  sy_test_define (fixture->store, SHOP);
  sy_test_insert (fixture->store, "products", "{\"title\": \"A\", \"stock\": 2, \"price\": 1.5}");
  sy_test_insert (fixture->store, "products", "{\"title\": \"B\", \"stock\": 2, \"price\": 2.5}");
  sy_test_insert (fixture->store, "products", "{\"title\": \"C\", \"stock\": 5}");

  check_aggregate (fixture->store, "count", NULL, NULL, FALSE, "3");
  check_aggregate (fixture->store, "count", "price", NULL, FALSE, "2");
  check_aggregate (fixture->store, "count", "stock", NULL, TRUE, "2");
  check_aggregate (fixture->store, "sum", "stock", NULL, FALSE, "9");
  check_aggregate (fixture->store, "sum", "stock", NULL, TRUE, "7");
  check_aggregate (fixture->store, "sum", "stock", "{\"title\": \"none\"}", FALSE, "0");
  check_aggregate (fixture->store, "avg", "price", NULL, FALSE, "2.0");
  check_aggregate (fixture->store, "avg", "stock", NULL, FALSE, "3.0");
  check_aggregate (fixture->store, "min", "title", NULL, FALSE, "\"A\"");
  check_aggregate (fixture->store, "max", "price", "{\"stock\": 2}", FALSE, "2.5");
  check_aggregate (fixture->store, "max", "price", "{\"stock\": 9}", FALSE, "null");

  g_assert_null (sy_collection_store_aggregate (fixture->store, "products", "median", "stock", NULL, FALSE, &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sy_collection_store_aggregate (fixture->store, "products", "sum", NULL, NULL, FALSE, &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
}

static void
test_records_put_and_batch (Fixture      *fixture,
                            gconstpointer data)
{
  SyCollectionStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) original = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autoptr(JsonObject) changed = NULL;
  g_autoptr(JsonObject) restored = NULL;

  sy_test_define (store, SHOP);
  for (guint i = 0; i < 4; i++)
    sy_test_insert (store, "products", "{\"title\": \"T\", \"stock\": 1}");

  values = object ("{\"stock\": 7}");
  {
    g_autoptr(JsonNode) filter = sy_test_json ("{\"id\": {\"$gt\": 2}}");

    g_assert_cmpint (sy_collection_store_update_where (store, "products", filter, values, &error), ==, 2);
  }
  g_assert_no_error (error);
  {
    g_autofree char *found = sy_test_find (store, "products", "{\"stock\": 7}", NULL);

    g_assert_cmpstr (found, ==, "3,4");
  }

  /* put_record writes a record back exactly: the undo of an update. */
  original = sy_collection_store_get_record (store, "products", 1, NULL, &error);
  changed = sy_collection_store_update (store, "products", 1, values, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sy_collection_store_put_record (store, "products", original, &error));
  g_assert_no_error (error);
  restored = sy_collection_store_get_record (store, "products", 1, NULL, &error);
  g_assert_true (json_object_equal (restored, original));

  {
    g_autoptr(JsonNode) filter = sy_test_json ("{\"stock\": 7}");

    g_assert_cmpint (sy_collection_store_delete_where (store, "products", filter, &error), ==, 2);
  }
  g_assert_cmpint (count_where (store, "products", NULL), ==, 2);
}

/* ── Persistence and readers ───────────────────────────────────────────── */

static void
test_reopen_and_reader (Fixture      *fixture,
                        gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyCollectionStore) reader = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autoptr(JsonObject) record = NULL;

  sy_test_define (fixture->store, SHOP);
  sy_test_insert (fixture->store, "products", "{\"title\": \"Lamp\"}");

  reader = sy_collection_store_open (fixture->path, SY_STORE_READ_ONLY, &error);
  g_assert_no_error (error);
  listed = sy_collection_store_list_collections (reader, &error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* A reader cannot write. */
  values = object ("{\"title\": \"Desk\"}");
  g_assert_null (sy_collection_store_insert (reader, "products", values, &error));
  g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED);
  g_clear_error (&error);

  /* …but sees definitions the writer changes. */
  sy_test_define (fixture->store,
                  "{\"format\": \"switchyard-collection/1\", \"name\": \"customers\", \"fields\": []}");
  listed = sy_collection_store_list_collections (reader, &error);
  g_assert_cmpuint (listed->len, ==, 3);
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* Everything is still there after reopening. */
  g_clear_object (&fixture->store);
  fixture->store = sy_collection_store_open (fixture->path, SY_STORE_READ_WRITE, &error);
  g_assert_no_error (error);
  record = sy_collection_store_get_record (fixture->store, "products", 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (record, "title"), ==, "Lamp");
  {
    g_autoptr(SyCollection) orders = sy_collection_store_get_collection (fixture->store, "orders", NULL);

    g_assert_cmpuint (sy_collection_get_n_fields (orders), ==, 4);
  }
}

/* Opening `path` read-write and read-only is refused as not a database
 * (with `message_part`), and leaves its bytes as they were. */
static void
assert_refused_unchanged (const char *path,
                          const char *message_part)
{
  static const SyStoreFlags modes[] = { SY_STORE_READ_WRITE, SY_STORE_READ_ONLY };
  g_autofree char *before = NULL;
  gsize before_length;

  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SyCollectionStore) store = sy_collection_store_open (path, modes[i], &error);
      g_autofree char *after = NULL;
      gsize after_length;

      g_assert_null (store);
      g_assert_error (error, SY_STORE_ERROR, SY_STORE_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, message_part));
      g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
      g_assert_cmpmem (after, after_length, before, before_length);
    }
}

static void
test_open_not_a_database (Fixture       *fixture,
                          gconstpointer  data)
{
  g_clear_object (&fixture->store);
  sy_test_remove_tree (fixture->dir);
  g_assert_no_errno (g_mkdir (fixture->dir, 0700));
  g_assert_true (g_file_set_contents (fixture->path, "this is not SQLite, it is a shopping list", -1, NULL));

  assert_refused_unchanged (fixture->path, "restore it from a backup");
}

static void
test_open_truncated (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length;

  sy_test_define (fixture->store, SHOP);
  for (guint i = 0; i < 300; i++)
    sy_test_insert (fixture->store, "products", "{\"title\": \"A product with a long enough title\"}");
  g_clear_object (&fixture->store);

  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4 * 4096);
  g_assert_true (g_file_set_contents (fixture->path, contents, 2 * 4096 + 10, NULL));

  assert_refused_unchanged (fixture->path, "restore it from a backup");
}

/* Another program's SQLite file does not receive the definitions table. */
static void
test_open_other_database (Fixture       *fixture,
                          gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_clear_object (&fixture->store);
  sy_test_remove_tree (fixture->dir);
  g_assert_no_errno (g_mkdir (fixture->dir, 0700));
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_unchanged (fixture->path, "another program");
}

/* ── Definition changes ────────────────────────────────────────────────── */

static gboolean
redefine (SyCollectionStore *store,
          const char        *fields,
          GError           **error)
{
  g_autofree char *text = g_strdup_printf ("{\"format\": \"switchyard-collection/1\", \"name\": \"items\","
                                           " \"fields\": %s}", fields);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  SyCollection *collection = sy_collection_new_from_data (text, -1, error);

  if (collection == NULL)
    return FALSE;
  g_ptr_array_add (batch, collection);

  return sy_collection_store_define (store, batch, NULL, error);
}

/* Asserts the values of `field` in every record of "items", "-" where one
 * has none, as "v1,v2,…". */
static void
assert_column (SyCollectionStore *store,
               const char        *field,
               const char        *expected)
{
  g_autoptr(JsonArray) records = sy_collection_store_query (store, "items", NULL, NULL);
  g_autoptr(GString) values = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonNode *value = json_object_get_member (json_array_get_object_element (records, i), field);
      g_autofree char *text = value != NULL ? json_to_string (value, FALSE) : g_strdup ("-");

      g_string_append_printf (values, "%s%s", i > 0 ? "," : "", text);
    }

  g_assert_cmpstr (values->str, ==, expected);
}

static void
test_migrate_fields (Fixture      *fixture,
                     gconstpointer data)
{
  SyCollectionStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) gone = NULL;

  g_assert_true (redefine (store, "[{\"name\": \"code\", \"type\": \"string\"}, {\"name\": \"old\", \"type\": \"text\"}]", &error));
  g_assert_no_error (error);
  sy_test_insert (store, "items", "{\"code\": \"10\", \"old\": \"x\"}");
  sy_test_insert (store, "items", "{\"code\": \"20\"}");
  sy_test_insert (store, "items", "{\"code\": \"30\"}");
  gone = sy_collection_store_delete (store, "items", 3, &error);
  first = sy_collection_store_get_record (store, "items", 1, NULL, &error);

  /* string → integer converts every value; a field goes, two come, one
   * with a default that fills the existing rows. */
  g_assert_true (redefine (store,
                           "[{\"name\": \"code\", \"type\": \"integer\"},"
                           " {\"name\": \"note\", \"type\": \"text\"},"
                           " {\"name\": \"state\", \"type\": \"choice\", \"options\": [\"a\", \"b\"],"
                           "  \"required\": true, \"default\": \"a\"}]",
                           &error));
  g_assert_no_error (error);
  assert_column (store, "code", "10,20");
  assert_column (store, "note", "null,null");
  assert_column (store, "state", "\"a\",\"a\"");
  assert_column (store, "old", "-,-");

  /* Ids and times are kept; deleted ids stay used. */
  again = sy_collection_store_get_record (store, "items", 1, NULL, &error);
  g_assert_cmpstr (json_object_get_string_member (again, "created_at"), ==,
                   json_object_get_string_member (first, "created_at"));
  g_assert_cmpstr (json_object_get_string_member (again, "updated_at"), ==,
                   json_object_get_string_member (first, "updated_at"));
  g_assert_cmpint (sy_test_insert (store, "items", "{\"code\": 40}"), ==, 4);

  /* integer → string, back again. */
  g_assert_true (redefine (store,
                           "[{\"name\": \"code\", \"type\": \"string\"},"
                           " {\"name\": \"note\", \"type\": \"text\"},"
                           " {\"name\": \"state\", \"type\": \"choice\", \"options\": [\"a\", \"b\"],"
                           "  \"required\": true, \"default\": \"a\"}]",
                           &error));
  g_assert_no_error (error);
  assert_column (store, "code", "\"10\",\"20\",\"40\"");
}

static void
test_migrate_refused (Fixture      *fixture,
                      gconstpointer data)
{
  SyCollectionStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyCollection) kept = NULL;

  g_assert_true (redefine (store,
                           "[{\"name\": \"code\", \"type\": \"string\"},"
                           " {\"name\": \"state\", \"type\": \"choice\", \"options\": [\"a\", \"b\"]}]",
                           &error));
  sy_test_insert (store, "items", "{\"code\": \"10\", \"state\": \"a\"}");
  sy_test_insert (store, "items", "{\"code\": \"ten\", \"state\": \"b\"}");
  sy_test_insert (store, "items", "{\"state\": \"b\"}");

  /* A value that is no number. */
  g_assert_false (redefine (store,
                            "[{\"name\": \"code\", \"type\": \"integer\"},"
                            " {\"name\": \"state\", \"type\": \"choice\", \"options\": [\"a\", \"b\"]}]",
                            &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==,
                   "the collection “items” cannot be changed so: record 2: code: expected a whole number, got “ten”");
  g_clear_error (&error);

  /* An option that goes away while records use it. */
  g_assert_false (redefine (store,
                            "[{\"name\": \"code\", \"type\": \"string\"},"
                            " {\"name\": \"state\", \"type\": \"choice\", \"options\": [\"a\"]}]",
                            &error));
  g_assert_nonnull (strstr (error->message, "record 2: state: expected one of a, got “b”"));
  g_clear_error (&error);

  /* Required without values and without default. */
  g_assert_false (redefine (store,
                            "[{\"name\": \"code\", \"type\": \"string\", \"required\": true},"
                            " {\"name\": \"state\", \"type\": \"choice\", \"options\": [\"a\", \"b\"]}]",
                            &error));
  g_assert_nonnull (strstr (error->message, "“code” is now required but record 3 has no value"));
  g_clear_error (&error);

  g_assert_false (redefine (store,
                            "[{\"name\": \"code\", \"type\": \"string\"},"
                            " {\"name\": \"state\", \"type\": \"choice\", \"options\": [\"a\", \"b\"]},"
                            " {\"name\": \"size\", \"type\": \"integer\", \"required\": true}]",
                            &error));
  g_assert_nonnull (strstr (error->message, "the new required field “size” needs a default: the collection has 3 records"));
  g_clear_error (&error);

  /* With a default, required works: the empty value gets it. */
  g_assert_true (redefine (store,
                           "[{\"name\": \"code\", \"type\": \"string\", \"required\": true, \"default\": \"?\"},"
                           " {\"name\": \"state\", \"type\": \"choice\", \"options\": [\"a\", \"b\"]}]",
                           &error));
  g_assert_no_error (error);
  assert_column (store, "code", "\"10\",\"ten\",\"?\"");

  /* Nothing of the refused changes stuck. */
  kept = sy_collection_store_get_collection (store, "items", &error);
  g_assert_cmpuint (sy_collection_get_n_fields (kept), ==, 2);
  g_assert_cmpint (sy_collection_lookup_field (kept, "code")->type, ==, SY_FIELD_TYPE_STRING);
}

static void
test_migrate_references (Fixture      *fixture,
                         gconstpointer data)
{
  SyCollectionStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  sy_test_define (store, SHOP);
  sy_test_insert (store, "products", "{\"title\": \"Lamp\"}");
  g_assert_true (redefine (store, "[{\"name\": \"ref\", \"type\": \"integer\"}]", &error));
  sy_test_insert (store, "items", "{\"ref\": 1}");
  sy_test_insert (store, "items", "{\"ref\": 7}");

  /* integer → belongs-to: every id must exist. */
  g_assert_false (redefine (store, "[{\"name\": \"ref\", \"type\": \"belongs-to\", \"target\": \"products\"}]", &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "record 2: ref: there is no record 7 in “products”"));
  g_clear_error (&error);

  {
    g_autoptr(JsonObject) values = object ("{\"ref\": 1}");
    g_autoptr(JsonObject) updated = sy_collection_store_update (store, "items", 2, values, NULL, &error);

    g_assert_no_error (error);
  }
  g_assert_true (redefine (store, "[{\"name\": \"ref\", \"type\": \"belongs-to\", \"target\": \"products\"}]", &error));
  g_assert_no_error (error);
  assert_column (store, "ref", "1,1");

  /* An unknown target is refused before anything changes. */
  g_assert_false (redefine (store, "[{\"name\": \"ref\", \"type\": \"belongs-to\", \"target\": \"nowhere\"}]", &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "items.ref: the target collection “nowhere” does not exist");
  g_clear_error (&error);

  /* Collections others point to cannot be dropped. */
  g_assert_false (sy_collection_store_drop_collection (store, "products", &error));
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_true (sy_collection_store_drop_collection (store, "items", &error));
  g_assert_no_error (error);
  g_assert_null (sy_collection_store_get_collection (store, "items", &error));
}

/* ── SQL ───────────────────────────────────────────────────────────────── */

static char *
run_sql (SyCollectionStore *store,
         const char        *sql,
         const char        *variables,
         GError           **error)
{
  g_autoptr(JsonNode) node = variables != NULL ? sy_test_json (variables) : NULL;
  g_autoptr(JsonNode) result = sy_collection_store_run_sql (store, sql, node != NULL ? json_node_get_object (node) : NULL,
                                                            FALSE, NULL, error);

  return result != NULL ? json_to_string (result, FALSE) : NULL;
}

static void
test_sql (Fixture      *fixture,
          gconstpointer data)
{
  SyCollectionStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) meta = NULL;
  g_autofree char *text = NULL;

  sy_test_define (store, SHOP);
  sy_test_insert (store, "products", "{\"title\": \"Lamp\", \"stock\": 3}");
  sy_test_insert (store, "products", "{\"title\": \"Desk\", \"stock\": 1}");

  text = run_sql (store, "SELECT title, stock FROM products WHERE stock >= :min ORDER BY id", "{\"min\": 2}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "[{\"title\":\"Lamp\",\"stock\":3}]");
  g_clear_pointer (&text, g_free);

  /* Values are bound, never spliced: an injection attempt is just text. */
  text = run_sql (store, "SELECT count(*) AS n FROM products WHERE title = :title",
                  "{\"title\": \"x' OR '1'='1\"}", &error);
  g_assert_cmpstr (text, ==, "[{\"n\":0}]");
  g_clear_pointer (&text, g_free);
  text = run_sql (store, "SELECT count(*) AS n FROM products WHERE title = :title",
                  "{\"title\": \"Lamp'; DROP TABLE products; --\"}", &error);
  g_assert_cmpstr (text, ==, "[{\"n\":0}]");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (sy_collection_store_count (store, "products", NULL, NULL), ==, 2);

  /* Writes to collections are allowed, with their meta on request. */
  {
    g_autoptr(JsonObject) variables = object ("{\"n\": 1, \"id\": 1}");

    gboolean wrote = FALSE;

    meta = sy_collection_store_run_sql (store, "UPDATE products SET stock = stock - :n WHERE id = :id",
                                        variables, TRUE, &wrote, &error);
    g_assert_true (wrote);
  }
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_node_get_array (meta), 1), "changes"), ==, 1);
  text = run_sql (store, "INSERT INTO products (title, created_at, updated_at) VALUES (:t, 'x', 'x')", "{\"t\": \"Shelf\"}", &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);

  /* What is refused. */
  {
    static const struct { const char *sql; const char *reason; } refused[] = {
      { "DROP TABLE products", "only SELECT, INSERT, UPDATE and DELETE" },
      { "CREATE TABLE x (a)", "only SELECT, INSERT, UPDATE and DELETE" },
      { "ALTER TABLE products ADD COLUMN y", "only SELECT, INSERT, UPDATE and DELETE" },
      { "COMMIT", "only SELECT, INSERT, UPDATE and DELETE" },
      { "PRAGMA user_version = 9", "only SELECT, INSERT, UPDATE and DELETE" },
      { "ATTACH DATABASE '/tmp/x.db' AS x", "only SELECT, INSERT, UPDATE and DELETE" },
      { "DELETE FROM _sy_collections", "belongs to Switchyard" },
      { "SELECT 1; DROP TABLE products", "only one statement" },
      { "SELECT * FROM products WHERE id = ?", "use named parameters" },
      { "SELECT * FROM products WHERE id = :id", "no variable “id”" },
      { "SELECT * FROM nowhere", "SQL error: no such table: nowhere" },
      { "  -- nothing\n", "empty" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_test_message ("refused: %s", refused[i].sql);
        text = run_sql (store, refused[i].sql, NULL, &error);
        g_assert_null (text);
        g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
        g_assert_nonnull (strstr (error->message, refused[i].reason));
        g_clear_error (&error);
      }
  }

  g_assert_cmpint (sy_collection_store_count (store, "products", NULL, NULL), ==, 3);
  text = run_sql (store, "SELECT stock FROM products WHERE id = 1", NULL, &error);
  g_assert_cmpstr (text, ==, "[{\"stock\":2}]");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/collections/" path, Fixture, NULL, sy_test_collections_set_up, func, sy_test_collections_tear_down)

  g_test_add_func ("/collections/definition/spec-example", test_definition_spec_example);
  g_test_add_func ("/collections/definition/names", test_definition_names);
  g_test_add_func ("/collections/definition/problems", test_definition_problems);
  g_test_add_func ("/collections/definition/bad-default", test_definition_bad_default);
  g_test_add_func ("/collections/values/every-type", test_values_every_type);
  g_test_add_func ("/collections/values/check-values", test_check_values);
  ADD ("records/crud", test_records_crud);
  ADD ("records/optional-reference", test_records_optional_reference);
  ADD ("records/appends", test_records_appends);
  ADD ("records/query-pages", test_records_query_pages);
  ADD ("records/aggregate", test_records_aggregate);
  ADD ("records/put-and-batch", test_records_put_and_batch);
  ADD ("store/reopen-and-reader", test_reopen_and_reader);
  g_test_add ("/collections/store/not-a-database", Fixture, NULL,
              sy_test_collections_set_up, test_open_not_a_database, sy_test_collections_tear_down);
  g_test_add ("/collections/store/truncated", Fixture, NULL,
              sy_test_collections_set_up, test_open_truncated, sy_test_collections_tear_down);
  g_test_add ("/collections/store/other-database", Fixture, NULL,
              sy_test_collections_set_up, test_open_other_database, sy_test_collections_tear_down);
  ADD ("migrate/fields", test_migrate_fields);
  ADD ("migrate/refused", test_migrate_refused);
  ADD ("migrate/references", test_migrate_references);
  ADD ("sql/statements", test_sql);

  return g_test_run ();
}
