/* test-csv.c — RFC 4180 rows and a collection's records as CSV
 * (src/engine/collections/sy-csv.c, sy-collection-csv.c)
 */
#include "config.h"

#include <string.h>

#include "collections/sy-collection-csv.h"
#include "collections/sy-collection-store.h"
#include "collections/sy-csv.h"
#include "sy-test-collections.h"

typedef SyTestCollections Fixture;

#define EVERY_TYPE \
  "[{\"format\": \"switchyard-collection/1\", \"name\": \"products\"," \
  "  \"fields\": [{\"name\": \"title\", \"type\": \"string\", \"required\": true}]}," \
  " {\"format\": \"switchyard-collection/1\", \"name\": \"things\"," \
  "  \"fields\": [{\"name\": \"name\", \"title\": \"Name\", \"type\": \"string\"}," \
  "              {\"name\": \"notes\", \"type\": \"text\"}," \
  "              {\"name\": \"qty\", \"title\": \"Quantity\", \"type\": \"integer\", \"default\": 1}," \
  "              {\"name\": \"price\", \"type\": \"number\"}," \
  "              {\"name\": \"done\", \"type\": \"boolean\"}," \
  "              {\"name\": \"due\", \"type\": \"date\"}," \
  "              {\"name\": \"at\", \"type\": \"datetime\"}," \
  "              {\"name\": \"meta\", \"type\": \"json\"}," \
  "              {\"name\": \"status\", \"type\": \"choice\", \"options\": [\"new\", \"old\"]}," \
  "              {\"name\": \"product\", \"type\": \"belongs-to\", \"target\": \"products\"}]}]"

static GPtrArray *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = sy_csv_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
assert_row (GPtrArray  *rows,
            guint       index,
            const char *joined)
{
  g_autofree char *text = NULL;

  g_assert_cmpuint (index, <, rows->len);
  text = g_strjoinv ("|", g_ptr_array_index (rows, index));
  g_assert_cmpstr (text, ==, joined);
}

static void
test_csv_write_quotes (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *cells[] = { "plain", "with, comma", "say \"hi\"", "two\nlines", NULL, "cr\r" };

  sy_csv_append_row (out, cells, G_N_ELEMENTS (cells));
  g_assert_cmpstr (out->str, ==, "plain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\",,\"cr\r\"\r\n");
}

static void
test_csv_parse (void)
{
  g_autoptr(GPtrArray) rows = NULL;

  /* CRLF, LF, a byte order mark, quoted commas, quotes and line breaks, a
   * last line without its end, blank lines skipped, empty cells kept. */
  rows = parse_ok ("\xef\xbb\xbf" "a,b,c\r\n"
                   "1,\"x, y\",\"say \"\"hi\"\"\"\n"
                   "\n"
                   ",,\r\n"
                   "\"multi\r\nline\",\"\",end");
  g_assert_cmpuint (rows->len, ==, 4);
  assert_row (rows, 0, "a|b|c");
  assert_row (rows, 1, "1|x, y|say \"hi\"");
  assert_row (rows, 2, "||");
  assert_row (rows, 3, "multi\r\nline||end");
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = parse_ok ("");
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = parse_ok ("a,\n");
  assert_row (rows, 0, "a|");
}

static void
test_csv_parse_errors (void)
{
  const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "a,b\n\"open,c\nd,e\n", "line 2: a quoted cell is not closed" },
    { "a,b\n\"x\"y,c\n", "line 2: a quoted cell must be followed by a comma or the end of the line" },
    { "a,b\nx\"y,c\n", "line 2: a double quote inside a cell that does not start with one" },
    { "a\n\"two\nlines\"\nbad\"\n", "line 4: a double quote inside a cell that does not start with one" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = sy_csv_parse (cases[i].text, -1, &error);

      g_assert_null (rows);
      g_assert_error (error, SY_CSV_ERROR, SY_CSV_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Writing then reading gives back the cells, whatever they hold. */
static void
test_csv_round_trip_cells (void)
{
  const char *cells[] = { "", ",", "\"", "\"\"", "a\r\nb", "\n", " spaced ", "ünïcode ✓", "x,\"y\"\n" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  GStrv row;

  sy_csv_append_row (out, cells, G_N_ELEMENTS (cells));
  sy_csv_append_row (out, cells, G_N_ELEMENTS (cells));
  rows = parse_ok (out->str);
  g_assert_cmpuint (rows->len, ==, 2);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (g_strv_length (row), ==, G_N_ELEMENTS (cells));
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    g_assert_cmpstr (row[i], ==, cells[i]);
}

static char *
export_all (SyCollectionStore *store,
            const char        *name)
{
  g_autoptr(SyCollection) collection = sy_collection_store_get_collection (store, name, NULL);
  g_autoptr(JsonArray) records = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  SyRecordQuery query = { 0 };

  records = sy_collection_store_query (store, name, &query, &error);
  g_assert_no_error (error);

  sy_collection_csv_append_header (collection, out);
  for (guint i = 0; i < json_array_get_length (records); i++)
    sy_collection_csv_append_record (collection, json_array_get_object_element (records, i), out);

  return g_string_free (out, FALSE);
}

static void
test_csv_records_round_trip (Fixture      *fixture,
                             gconstpointer data)
{
  g_autoptr(SyCollection) things = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 product;

  sy_test_define (fixture->store, EVERY_TYPE);
  product = sy_test_insert (fixture->store, "products", "{\"title\": \"Bolt\"}");
  sy_test_insert (fixture->store, "things",
                  "{\"name\": \"a, \\\"quoted\\\" thing\", \"notes\": \"line one\\nline two\","
                  " \"qty\": 7, \"price\": 2.5, \"done\": true, \"due\": \"2026-03-01\","
                  " \"at\": \"2026-03-01T09:30:00+02:00\", \"meta\": {\"tags\": [\"x\", \"y\"], \"n\": 1},"
                  " \"status\": \"old\", \"product\": 1}");
  sy_test_insert (fixture->store, "things", "{\"name\": \"empty\", \"qty\": null}");
  g_assert_cmpint (product, ==, 1);

  exported = export_all (fixture->store, "things");
  rows = parse_ok (exported);
  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, "id|name|notes|qty|price|done|due|at|meta|status|product|created_at|updated_at");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 1))[1], ==, "a, \"quoted\" thing");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 1))[3], ==, "7");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 1))[5], ==, "true");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 1))[7], ==, "2026-03-01T07:30:00.000Z");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 1))[8], ==, "{\"tags\":[\"x\",\"y\"],\"n\":1}");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 1))[10], ==, "1");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 2))[3], ==, "");

  /* Reading gives values a new record takes; writing them and exporting
   * again gives the same cells apart from ids and times. */
  things = sy_collection_store_get_collection (fixture->store, "things", &error);
  g_assert_no_error (error);
  values = sy_collection_csv_read (things, exported, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 2);
  /* An empty cell is no value: the default comes back. */
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (values, 1), "qty"), ==, 1);

  sy_test_define (fixture->store,
                  "{\"format\": \"switchyard-collection/1\", \"name\": \"copies\","
                  " \"fields\": [{\"name\": \"name\", \"title\": \"Name\", \"type\": \"string\"},"
                  "              {\"name\": \"notes\", \"type\": \"text\"},"
                  "              {\"name\": \"qty\", \"type\": \"integer\"},"
                  "              {\"name\": \"price\", \"type\": \"number\"},"
                  "              {\"name\": \"done\", \"type\": \"boolean\"},"
                  "              {\"name\": \"due\", \"type\": \"date\"},"
                  "              {\"name\": \"at\", \"type\": \"datetime\"},"
                  "              {\"name\": \"meta\", \"type\": \"json\"},"
                  "              {\"name\": \"status\", \"type\": \"choice\", \"options\": [\"new\", \"old\"]},"
                  "              {\"name\": \"product\", \"type\": \"belongs-to\", \"target\": \"products\"}]}");
  {
    g_autoptr(SyCollection) copies = sy_collection_store_get_collection (fixture->store, "copies", &error);
    g_autoptr(GPtrArray) copy_values = sy_collection_csv_read (copies, exported, -1, &error);
    g_autoptr(GPtrArray) again_rows = NULL;

    g_assert_no_error (error);
    json_object_remove_member (g_ptr_array_index (copy_values, 1), "qty");
    for (guint i = 0; i < copy_values->len; i++)
      {
        g_autoptr(JsonObject) record =
          sy_collection_store_insert (fixture->store, "copies", g_ptr_array_index (copy_values, i), &error);

        g_assert_no_error (error);
      }
    again = export_all (fixture->store, "copies");
    again_rows = parse_ok (again);
    g_assert_cmpuint (again_rows->len, ==, rows->len);
    for (guint r = 1; r < rows->len; r++)
      for (guint c = 1; c <= 10; c++)
        g_assert_cmpstr (((GStrv) g_ptr_array_index (again_rows, r))[c], ==,
                         ((GStrv) g_ptr_array_index (rows, r))[c]);
  }
}

static void
test_csv_read_errors (Fixture      *fixture,
                      gconstpointer data)
{
  const struct
  {
    const char *text;
    int         code;
    const char *message;
  } cases[] = {
    { "", SY_COLLECTION_ERROR_INVALID, "the file is empty: the first row must name the columns" },
    { "name,colour\nx,red\n", SY_COLLECTION_ERROR_INVALID,
      "row 1: column 2 “colour”: the collection “things” has no such field" },
    { "name,Name\nx,y\n", SY_COLLECTION_ERROR_INVALID,
      "row 1: column 2 “Name”: the field “name” has another column already" },
    { "name,qty\nx,1\ny,abc\n", SY_COLLECTION_ERROR_INVALID,
      "row 3: qty: expected a whole number, got “abc”" },
    { "name,qty\nx,1\ny\n", SY_COLLECTION_ERROR_INVALID, "row 3: 1 cell, the header has 2" },
    { "name,status\nx,new\ny,gone\n", SY_COLLECTION_ERROR_INVALID,
      "row 3: status: expected one of new, old, got “gone”" },
    { "name,meta\nx,{oops\n", SY_COLLECTION_ERROR_INVALID, NULL },
    { "Name,Quantity,done\nx,2,maybe\n", SY_COLLECTION_ERROR_INVALID,
      "row 2: done: expected true or false, got “maybe”" },
  };
  g_autoptr(SyCollection) things = NULL;
  g_autoptr(GError) error = NULL;

  sy_test_define (fixture->store, EVERY_TYPE);
  things = sy_collection_store_get_collection (fixture->store, "things", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) values = sy_collection_csv_read (things, cases[i].text, -1, &error);

      g_assert_null (values);
      g_assert_error (error, SY_COLLECTION_ERROR, cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
      else
        g_assert_true (g_str_has_prefix (error->message, "row 2: meta: not valid JSON: "));
      g_clear_error (&error);
    }

  /* Columns by title, in any order; automatic ones ignored. */
  {
    g_autoptr(GPtrArray) values =
      sy_collection_csv_read (things, "id,Quantity,NAME,created_at\n9,3,bolt,2020-01-01\n", -1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (values->len, ==, 1);
    g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (values, 0), "qty"), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (values, 0), "name"), ==, "bolt");
    g_assert_false (json_object_has_member (g_ptr_array_index (values, 0), "id"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/write-quotes", test_csv_write_quotes);
  g_test_add_func ("/csv/parse", test_csv_parse);
  g_test_add_func ("/csv/parse-errors", test_csv_parse_errors);
  g_test_add_func ("/csv/round-trip-cells", test_csv_round_trip_cells);
  g_test_add ("/csv/records-round-trip", Fixture, NULL, sy_test_collections_set_up,
              test_csv_records_round_trip, sy_test_collections_tear_down);
  g_test_add ("/csv/read-errors", Fixture, NULL, sy_test_collections_set_up,
              test_csv_read_errors, sy_test_collections_tear_down);

  return g_test_run ();
}
