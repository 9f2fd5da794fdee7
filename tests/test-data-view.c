/* test-data-view.c — the data view: records table, filter and sort, paging
 *
 * The table reads data.db through a read-only connection of its own, as
 * it does in the app; fixtures are written with a store of the test's.
 * The /data-view/app tests go through the application's window the way a
 * person would, one after the other on one engine: define collections,
 * fill forms, bind workflows, press buttons — up to the shop example of
 * data/examples/shop (an order that takes stock, or "Not enough stock").
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "collections/sy-collection-store.h"
#include "sy-application.h"
#include "sy-binding-editor.h"
#include "sy-collection-editor.h"
#include "sy-collection-field-row.h"
#include "sy-data-view.h"
#include "sy-filter-bar.h"
#include "sy-record-form.h"
#include "sy-record-list-model.h"
#include "sy-record-field.h"
#include "sy-record-picker.h"
#include "sy-records-view.h"
#include "sy-test-collections.h"
#include "sy-test-engine.h"
#include "sy-test-ui.h"
#include "sy-window.h"

#define SHOP \
  "[{\"format\": \"switchyard-collection/1\", \"name\": \"products\", \"title\": \"Products\"," \
  "  \"fields\": [{\"name\": \"title\", \"title\": \"Title\", \"type\": \"string\", \"required\": true}," \
  "              {\"name\": \"stock\", \"title\": \"Stock\", \"type\": \"integer\", \"default\": 0}," \
  "              {\"name\": \"price\", \"title\": \"Price\", \"type\": \"number\"}]}," \
  " {\"format\": \"switchyard-collection/1\", \"name\": \"orders\", \"title\": \"Orders\"," \
  "  \"fields\": [{\"name\": \"product\", \"title\": \"Product\", \"type\": \"belongs-to\", \"target\": \"products\", \"required\": true}," \
  "              {\"name\": \"qty\", \"title\": \"Quantity\", \"type\": \"integer\", \"required\": true, \"default\": 1}," \
  "              {\"name\": \"status\", \"title\": \"Status\", \"type\": \"choice\", \"options\": [\"new\", \"confirmed\", \"rejected\"]," \
  "               \"default\": \"new\"}," \
  "              {\"name\": \"paid\", \"title\": \"Paid\", \"type\": \"boolean\", \"default\": false}," \
  "              {\"name\": \"note\", \"title\": \"Note\", \"type\": \"text\"}]}]"

typedef struct
{
  SyTestCollections  data;
  SyCollectionStore *reader;
  GtkWindow         *window;
  SyRecordsView     *view;
} Fixture;

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer user_data)
{
  sy_test_collections_set_up (&fixture->data, user_data);
  sy_test_define (fixture->data.store, SHOP);

  fixture->view = SY_RECORDS_VIEW (sy_records_view_new ());
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 600);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer user_data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->reader);
  sy_test_collections_tear_down (&fixture->data, user_data);
}

static void
open_collection (Fixture    *fixture,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyCollection) collection = NULL;

  if (fixture->reader == NULL)
    {
      fixture->reader = sy_collection_store_open (fixture->data.path, SY_STORE_READ_ONLY, &error);
      g_assert_no_error (error);
    }
  collection = sy_collection_store_get_collection (fixture->reader, name, &error);
  g_assert_no_error (error);
  sy_records_view_set_source (fixture->view, fixture->reader, collection);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static guint
n_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (sy_records_view_get_model (fixture->view)));
}

/* The cells of `field` down the table, "a,b,c". */
static char *
column_texts (Fixture    *fixture,
              const char *field)
{
  g_autoptr(GString) texts = g_string_new (NULL);

  for (guint i = 0; i < n_rows (fixture); i++)
    {
      g_autofree char *text = sy_records_view_get_cell_text (fixture->view, i, field);

      g_string_append_printf (texts, "%s%s", i > 0 ? "," : "", text);
    }
  return g_string_free (g_steal_pointer (&texts), FALSE);
}

static void
assert_column (Fixture    *fixture,
               const char *field,
               const char *expected)
{
  g_autofree char *texts = column_texts (fixture, field);

  g_assert_cmpstr (texts, ==, expected);
}

static void
fill_shop (Fixture *fixture)
{
  sy_test_insert (fixture->data.store, "products", "{\"title\": \"Bolt\", \"stock\": 5, \"price\": 0.5}");
  sy_test_insert (fixture->data.store, "products", "{\"title\": \"Nut\", \"stock\": 0, \"price\": 0.25}");
  sy_test_insert (fixture->data.store, "products", "{\"title\": \"Anchor\", \"stock\": 12, \"price\": 3}");
  sy_test_insert (fixture->data.store, "orders", "{\"product\": 2, \"qty\": 3, \"note\": \"urgent\\nsecond line\"}");
  sy_test_insert (fixture->data.store, "orders", "{\"product\": 1, \"qty\": 10, \"status\": \"confirmed\", \"paid\": true}");
  sy_test_insert (fixture->data.store, "orders", "{\"product\": 3, \"qty\": 1, \"status\": \"rejected\"}");
  sy_test_insert (fixture->data.store, "orders", "{\"product\": 1, \"qty\": 7}");
}

/* ── Table ─────────────────────────────────────────────────────────────── */

static void
test_records_table (Fixture      *fixture,
                    gconstpointer data)
{
  fill_shop (fixture);
  open_collection (fixture, "orders");

  g_assert_cmpuint (n_rows (fixture), ==, 4);
  /* A link shows the target's title; booleans and texts in words. */
  assert_column (fixture, "product", "Nut,Bolt,Anchor,Bolt");
  assert_column (fixture, "qty", "3,10,1,7");
  assert_column (fixture, "paid", "No,Yes,No,No");
  assert_column (fixture, "note", "urgent…,,,");
  assert_column (fixture, "id", "1,2,3,4");

  sy_test_ui_save_styles (GTK_WIDGET (fixture->window), "data-view-table", 420);
}

static void
test_records_sort (Fixture      *fixture,
                   gconstpointer data)
{
  fill_shop (fixture);
  open_collection (fixture, "orders");

  sy_records_view_sort_by (fixture->view, "qty", TRUE);
  g_assert_cmpstr (sy_records_view_get_sort (fixture->view), ==, "-qty");
  assert_column (fixture, "qty", "10,7,3,1");

  sy_records_view_sort_by (fixture->view, "qty", FALSE);
  g_assert_cmpstr (sy_records_view_get_sort (fixture->view), ==, "qty");
  assert_column (fixture, "qty", "1,3,7,10");

  /* A link sorts by what it shows; equal titles keep id order. */
  sy_records_view_sort_by (fixture->view, "product", FALSE);
  g_assert_cmpstr (sy_records_view_get_sort (fixture->view), ==, "product.title");
  assert_column (fixture, "product", "Anchor,Bolt,Bolt,Nut");
  assert_column (fixture, "id", "3,2,4,1");

  sy_records_view_sort_by (fixture->view, "status", TRUE);
  assert_column (fixture, "status", "rejected,new,new,confirmed");

  sy_records_view_sort_by (fixture->view, NULL, FALSE);
  g_assert_null (sy_records_view_get_sort (fixture->view));
  assert_column (fixture, "id", "1,2,3,4");
}

static void
test_records_filter (Fixture      *fixture,
                     gconstpointer data)
{
  SyFilterBar *bar;
  g_autofree char *filter = NULL;

  fill_shop (fixture);
  open_collection (fixture, "orders");
  bar = sy_records_view_get_filter_bar (fixture->view);

  /* The filter bar builds NocoBase's JSON filter. */
  g_assert_true (sy_filter_bar_add_condition (bar, "qty", "$gt", "2"));
  filter = json_to_string (sy_records_view_get_filter (fixture->view), FALSE);
  g_assert_cmpstr (filter, ==, "{\"$and\":[{\"qty\":{\"$gt\":\"2\"}}]}");
  assert_column (fixture, "id", "1,2,4");

  g_assert_true (sy_filter_bar_add_condition (bar, "status", "$eq", "new"));
  assert_column (fixture, "id", "1,4");

  /* Any instead of all. */
  sy_filter_bar_set_match_all (bar, FALSE);
  assert_column (fixture, "id", "1,2,4");
  sy_filter_bar_set_match_all (bar, TRUE);

  /* Through the link, by the target's title. */
  sy_filter_bar_clear (bar);
  g_assert_null (sy_records_view_get_filter (fixture->view));
  g_assert_true (sy_filter_bar_add_condition (bar, "product.title", "$startsWith", "bo"));
  assert_column (fixture, "id", "2,4");

  sy_filter_bar_clear (bar);
  g_assert_true (sy_filter_bar_add_condition (bar, "paid", "$eq", "true"));
  assert_column (fixture, "id", "2");
  sy_filter_bar_clear (bar);
  g_assert_true (sy_filter_bar_add_condition (bar, "note", "$empty", NULL));
  assert_column (fixture, "id", "2,3,4");
  /* An operator the field's type has not is refused. */
  g_assert_false (sy_filter_bar_add_condition (bar, "paid", "$gt", "1"));
  g_assert_false (sy_filter_bar_add_condition (bar, "colour", "$eq", "red"));
  sy_filter_bar_clear (bar);

  /* The button shows the bar; the filter holds while it is hidden. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (sy_test_ui_find (GTK_WIDGET (fixture->view), "filter_button")), TRUE);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (sy_test_ui_find (GTK_WIDGET (fixture->view), "filter_revealer"))));

  /* A bad value shows the store's reason instead of rows. */
  g_assert_true (sy_filter_bar_add_condition (bar, "qty", "$gt", "many"));
  g_assert_cmpuint (n_rows (fixture), ==, 0);
  g_assert_nonnull (sy_record_list_model_get_error (sy_records_view_get_model (fixture->view)));
  g_assert_nonnull (strstr (sy_record_list_model_get_error (sy_records_view_get_model (fixture->view)), "qty"));
  sy_test_ui_save_styles (GTK_WIDGET (fixture->window), "data-view-filter-error", 420);
  sy_filter_bar_clear (bar);
  g_assert_null (sy_record_list_model_get_error (sy_records_view_get_model (fixture->view)));

  /* The text search looks in texts, choices and linked titles, and ids. */
  sy_records_view_set_search (fixture->view, "nut");
  assert_column (fixture, "id", "1");
  sy_records_view_set_search (fixture->view, "URGENT");
  assert_column (fixture, "id", "1");
  sy_records_view_set_search (fixture->view, "confirmed");
  assert_column (fixture, "id", "2");
  sy_records_view_set_search (fixture->view, "3");
  assert_column (fixture, "id", "3");

  /* Search and filter together, sorted. */
  sy_records_view_set_search (fixture->view, "bolt");
  g_assert_true (sy_filter_bar_add_condition (bar, "qty", "$lt", "10"));
  assert_column (fixture, "id", "4");
  sy_filter_bar_clear (bar);
  sy_records_view_sort_by (fixture->view, "qty", TRUE);
  assert_column (fixture, "id", "2,4");
  sy_records_view_set_search (fixture->view, "no such thing");
  g_assert_cmpuint (n_rows (fixture), ==, 0);
  sy_test_ui_save_styles (GTK_WIDGET (fixture->window), "data-view-no-match", 420);
}

/* ── Paging ────────────────────────────────────────────────────────────── */

#define MANY 100000

static void
test_records_paging (Fixture      *fixture,
                     gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SyRecordListModel *model;
  GtkAdjustment *adjustment;
  g_autofree char *last = NULL;
  gint64 started;
  guint pages;

  g_assert_true (sy_collection_store_begin (fixture->data.store, &error));
  for (guint i = 1; i <= MANY; i++)
    {
      g_autofree char *values = g_strdup_printf ("{\"title\": \"Product %06u\", \"stock\": %u}", i, (i * 7919) % 1000);

      sy_test_insert (fixture->data.store, "products", values);
    }
  g_assert_true (sy_collection_store_commit (fixture->data.store, &error));

  started = g_get_monotonic_time ();
  open_collection (fixture, "products");
  g_test_message ("opened %u records in %.1f ms", MANY, (g_get_monotonic_time () - started) / 1000.0);

  model = sy_records_view_get_model (fixture->view);
  g_assert_cmpuint (n_rows (fixture), ==, MANY);
  /* Only the rows GTK 4.8's list view makes (about 200 around what is on
   * screen) were read: one page. */
  pages = sy_record_list_model_get_n_pages_read (model);
  g_assert_cmpuint (pages, ==, 1);

  /* Scrolling to the end reads the pages there, not those in between. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (sy_test_ui_find (GTK_WIDGET (fixture->view), "column_view")));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  sy_test_ui_wait (100);
  g_assert_cmpuint (sy_record_list_model_get_n_pages_read (model), <=, pages + 2);
  last = sy_records_view_get_cell_text (fixture->view, MANY - 1, "title");
  g_assert_cmpstr (last, ==, "Product 100000");

  /* Sorting a big table reads one page again, from the other end. */
  started = g_get_monotonic_time ();
  sy_records_view_sort_by (fixture->view, "title", TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_test_message ("sorted %u records in %.1f ms", MANY, (g_get_monotonic_time () - started) / 1000.0);
  g_clear_pointer (&last, g_free);
  last = sy_records_view_get_cell_text (fixture->view, 0, "title");
  g_assert_cmpstr (last, ==, "Product 100000");

  /* Filtering counts again. */
  started = g_get_monotonic_time ();
  g_assert_true (sy_filter_bar_add_condition (sy_records_view_get_filter_bar (fixture->view), "stock", "$lt", "10"));
  g_test_message ("filtered %u records in %.1f ms", MANY, (g_get_monotonic_time () - started) / 1000.0);
  g_assert_cmpuint (n_rows (fixture), ==, 1000);
  sy_test_ui_save_styles (GTK_WIDGET (fixture->window), "data-view-paging", 420);
}



/* ── Form fields ───────────────────────────────────────────────────────── */

#define EVERY_TYPE \
  "{\"format\": \"switchyard-collection/1\", \"name\": \"things\", \"title\": \"Things\"," \
  " \"fields\": [{\"name\": \"name\", \"title\": \"Name\", \"type\": \"string\", \"required\": true}," \
  "              {\"name\": \"notes\", \"title\": \"Notes\", \"type\": \"text\"}," \
  "              {\"name\": \"qty\", \"title\": \"Quantity\", \"type\": \"integer\"}," \
  "              {\"name\": \"price\", \"title\": \"Price\", \"type\": \"number\"}," \
  "              {\"name\": \"done\", \"title\": \"Done\", \"type\": \"boolean\"}," \
  "              {\"name\": \"due\", \"title\": \"Due\", \"type\": \"date\"}," \
  "              {\"name\": \"at\", \"title\": \"At\", \"type\": \"datetime\"}," \
  "              {\"name\": \"meta\", \"title\": \"Meta\", \"type\": \"json\"}," \
  "              {\"name\": \"status\", \"title\": \"Status\", \"type\": \"choice\", \"options\": [\"new\", \"old\"]}," \
  "              {\"name\": \"product\", \"title\": \"Product\", \"type\": \"belongs-to\", \"target\": \"products\"}]}"

static SyRecordField *
field_for (Fixture      *fixture,
           SyCollection *collection,
           const char   *name)
{
  GtkWidget *widget = sy_record_field_new (sy_collection_lookup_field (collection, name), fixture->reader);

  g_object_ref_sink (widget);
  return SY_RECORD_FIELD (widget);
}

static void
assert_value (SyRecordField *field,
              const char    *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = sy_record_field_get_value (field, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = json_to_string (value, FALSE);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_form_fields (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr(SyCollection) things = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *expected = NULL;

  sy_test_define (fixture->data.store, EVERY_TYPE);
  sy_test_insert (fixture->data.store, "products", "{\"title\": \"Bolt\"}");
  sy_test_insert (fixture->data.store, "products", "{\"title\": \"Nut\"}");
  open_collection (fixture, "things");
  things = sy_collection_store_get_collection (fixture->reader, "things", &error);
  g_assert_no_error (error);

  {
    g_autoptr(SyRecordField) qty = field_for (fixture, things, "qty");
    g_autoptr(SyRecordField) price = field_for (fixture, things, "price");

    /* Optional numbers start empty and stay so: null, not 0. */
    assert_value (qty, "null");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sy_record_field_get_input (qty))), ==, "");
    sy_record_field_set_text (qty, "12");
    assert_value (qty, "12");
    sy_record_field_set_text (qty, "");
    assert_value (qty, "null");
    sy_record_field_set_text (price, "2.5");
    assert_value (price, "2.5");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sy_record_field_get_input (price))), ==, "2.5");
  }
  {
    g_autoptr(SyRecordField) notes = field_for (fixture, things, "notes");
    g_autoptr(SyRecordField) done = field_for (fixture, things, "done");
    g_autoptr(SyRecordField) due = field_for (fixture, things, "due");
    g_autoptr(SyRecordField) status = field_for (fixture, things, "status");

    sy_record_field_set_text (notes, "two\nlines");
    assert_value (notes, "\"two\\nlines\"");
    assert_value (done, "false");
    sy_record_field_set_text (done, "true");
    assert_value (done, "true");
    sy_record_field_set_text (due, " 2026-03-01 ");
    assert_value (due, "\"2026-03-01\"");
    /* An optional choice may have none. */
    assert_value (status, "null");
    sy_record_field_set_text (status, "old");
    assert_value (status, "\"old\"");
  }
  {
    g_autoptr(SyRecordField) at = field_for (fixture, things, "at");
    g_autoptr(JsonNode) stored = sy_test_json ("\"2026-03-01T08:30:00.000Z\"");
    g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 ("2026-03-01T08:30:00Z", NULL);
    g_autofree char *shown = NULL;

    /* Shown in local time, read back as local time with its offset. */
    local = g_date_time_to_local (utc);
    shown = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
    sy_record_field_set_value (at, stored);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sy_record_field_get_input (at))), ==, shown);
    {
      g_autofree char *iso = g_date_time_format_iso8601 (local);

      expected = g_strdup_printf ("\"%s\"", iso);
    }
    assert_value (at, expected);
    sy_record_field_set_text (at, "yesterday");
    {
      g_autoptr(JsonNode) value = sy_record_field_get_value (at, &error);

      g_assert_null (value);
      g_assert_nonnull (strstr (error->message, "“yesterday”"));
      g_clear_error (&error);
    }
  }
  {
    g_autoptr(SyRecordField) meta = field_for (fixture, things, "meta");

    sy_record_field_set_text (meta, "{\"tags\": [1, 2]}");
    assert_value (meta, "{\"tags\":[1,2]}");
    sy_record_field_set_text (meta, "{oops");
    {
      g_autoptr(JsonNode) value = sy_record_field_get_value (meta, &error);

      g_assert_null (value);
      g_assert_true (g_str_has_prefix (error->message, "not valid JSON: "));
      g_clear_error (&error);
    }
  }
  {
    g_autoptr(SyRecordField) product = field_for (fixture, things, "product");
    g_autoptr(JsonNode) appended = sy_test_json ("{\"id\": 2, \"title\": \"Nut\"}");
    SyRecordPicker *picker = SY_RECORD_PICKER (sy_record_field_get_input (product));

    /* A link is picked among the target's records, found by title. */
    assert_value (product, "null");
    g_assert_cmpstr (sy_record_picker_get_label (picker), ==, "None");
    sy_record_field_set_text (product, "1");
    assert_value (product, "1");
    g_assert_cmpstr (sy_record_picker_get_label (picker), ==, "Bolt");
    sy_record_picker_search (picker, "nu");
    g_assert_cmpuint (sy_record_picker_get_n_shown (picker), ==, 1);
    sy_record_picker_pick (picker, 0);
    assert_value (product, "2");
    sy_record_picker_search (picker, "");
    g_assert_cmpuint (sy_record_picker_get_n_shown (picker), ==, 2);
    sy_record_field_set_value (product, appended);
    assert_value (product, "2");
    sy_record_field_set_text (product, "9");
    g_assert_cmpstr (sy_record_picker_get_label (picker), ==, "#9 (missing)");
  }

  /* Every input in a form, for people to look at. */
  {
    g_autoptr(JsonNode) record = sy_test_json ("{\"id\": 3, \"name\": \"Sample\", \"notes\": \"Line one\\nLine two\","
                                               " \"qty\": 7, \"price\": 2.5, \"done\": true, \"due\": \"2026-03-01\","
                                               " \"at\": \"2026-03-01T08:30:00.000Z\", \"meta\": {\"a\": [1, 2]},"
                                               " \"status\": \"old\", \"product\": 1}");
    SyRecordForm *form = sy_record_form_new (fixture->window, NULL, fixture->reader, things, NULL,
                                             json_node_get_object (record));

    gtk_window_set_default_size (GTK_WINDOW (form), 520, 900);
    gtk_window_present (GTK_WINDOW (form));
    gtk_test_widget_wait_for_draw (GTK_WIDGET (form));
    sy_test_ui_save_styles (GTK_WIDGET (form), "data-view-form-types", 360);
    gtk_window_destroy (GTK_WINDOW (form));
  }
}

/* ── The application ───────────────────────────────────────────────────── */

static SyApplication *app;
static SyWindow *window;
static SyDataView *view;

static gboolean
toplevel_gone (gpointer data)
{
  return sy_test_ui_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static gpointer
wait_toplevel (GType type)
{
  GtkWindow *toplevel = sy_test_ui_wait_for_toplevel (type, 5000);

  g_assert_nonnull (toplevel);
  return toplevel;
}

static gboolean
view_idle (gpointer data)
{
  return !sy_data_view_is_busy (view);
}

static void
wait_view (void)
{
  g_assert_true (sy_test_ui_wait_for (view_idle, NULL, 10000));
}

static gboolean
n_collections_is (gpointer data)
{
  return sy_data_view_get_n_collections (view) == GPOINTER_TO_UINT (data);
}

static guint
shown_rows (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (sy_records_view_get_model (sy_data_view_get_records_view (view))));
}

static gboolean
rows_are (gpointer data)
{
  return shown_rows () == GPOINTER_TO_UINT (data);
}

static void
data_action (const char *name,
             GVariant   *target)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (view), name, target));
}

/* Every record of a collection, as the engine has them. */
static JsonArray *
records_of (const char *collection)
{
  return sy_test_engine_records (sy_application_get_engine (app), collection);
}

static gint64
int_of (JsonArray  *records,
        guint       index,
        const char *member)
{
  return json_object_get_int_member (json_array_get_object_element (records, index), member);
}

/* Closes the dialog telling of a problem. */
static void
close_problem (void)
{
  AdwMessageDialog *dialog = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  /* As its button does: answer, then close. */
  adw_message_dialog_response (dialog, "close");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
}

static char *
example_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "shop", name, NULL);
}

static void
test_app_define_collection (void)
{
  SyCollectionEditor *editor;
  SyCollectionFieldRow *row;
  g_autoptr(JsonNode) field = NULL;

  g_application_activate (G_APPLICATION (app));
  window = SY_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  view = SY_DATA_VIEW (sy_test_ui_find (GTK_WIDGET (window), "data_view"));
  g_assert_nonnull (view);

  /* The sidebar's Data button shows the data view: nothing yet. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-data", NULL));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (view)));
  g_assert_cmpuint (sy_data_view_get_n_collections (view), ==, 0);
  sy_test_ui_save_styles (GTK_WIDGET (window), "data-app-empty", 420);

  data_action ("data.new-collection", NULL);
  editor = wait_toplevel (SY_TYPE_COLLECTION_EDITOR);
  sy_collection_editor_set_title_text (editor, "Products");
  row = SY_COLLECTION_FIELD_ROW (sy_collection_editor_get_field_row (editor, 0));

  /* A field without a name is refused with its place; nothing is saved. */
  sy_collection_editor_save (editor);
  g_assert_nonnull (sy_collection_editor_get_problem (editor));
  g_assert_nonnull (strstr (sy_collection_editor_get_problem (editor), "fields[0].name"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  field = sy_test_json ("{\"name\": \"title\", \"title\": \"Title\", \"type\": \"string\", \"required\": true}");
  sy_collection_field_row_set_field (row, json_node_get_object (field));
  g_clear_pointer (&field, json_node_unref);
  row = SY_COLLECTION_FIELD_ROW (sy_collection_editor_add_field (editor));
  field = sy_test_json ("{\"name\": \"price\", \"title\": \"Price\", \"type\": \"number\"}");
  sy_collection_field_row_set_field (row, json_node_get_object (field));
  g_clear_pointer (&field, json_node_unref);
  row = SY_COLLECTION_FIELD_ROW (sy_collection_editor_add_field (editor));
  field = sy_test_json ("{\"name\": \"stock\", \"title\": \"In stock\", \"type\": \"integer\", \"required\": true, \"default\": 0}");
  sy_collection_field_row_set_field (row, json_node_get_object (field));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  sy_test_ui_save_styles (GTK_WIDGET (editor), "data-app-collection-editor", 420);

  sy_collection_editor_save (editor);
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (SY_TYPE_COLLECTION_EDITOR), 5000));
  g_assert_true (sy_test_ui_wait_for (n_collections_is, GUINT_TO_POINTER (1), 5000));
  g_assert_cmpstr (sy_data_view_get_collection (view), ==, "products");
  g_assert_cmpstr (sy_data_view_get_last_notice (view), ==, "“Products” saved");

  /* The example's orders, from their definition file. */
  {
    g_autofree char *path = example_path ("orders.json");
    g_autoptr(GFile) file = g_file_new_for_path (path);

    sy_data_view_import_definitions (view, file);
    wait_view ();
    g_assert_true (sy_test_ui_wait_for (n_collections_is, GUINT_TO_POINTER (2), 5000));
    g_assert_cmpstr (sy_data_view_get_collection (view), ==, "orders");
  }

  /* A file that is no definition says why and defines nothing. */
  {
    g_autofree char *path = g_build_filename (g_get_tmp_dir (), "sy-not-a-definition.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_true (g_file_set_contents (path, "{\"format\": \"switchyard-collection/1\", \"name\": \"Bad Name\"}", -1, NULL));
    sy_data_view_import_definitions (view, file);
    g_assert_nonnull (sy_data_view_get_last_problem (view));
    g_assert_nonnull (strstr (sy_data_view_get_last_problem (view), "name"));
    g_assert_cmpuint (sy_data_view_get_n_collections (view), ==, 2);
    close_problem ();
    g_unlink (path);
  }
}

static SyRecordForm *
open_new_form (const char *collection)
{
  g_assert_true (sy_data_view_show_collection (view, collection));
  data_action ("data.new-record", NULL);
  return wait_toplevel (SY_TYPE_RECORD_FORM);
}

static gboolean
form_settled (gpointer data)
{
  SyRecordForm *form = sy_test_ui_find_toplevel (SY_TYPE_RECORD_FORM) ? SY_RECORD_FORM (sy_test_ui_find_toplevel (SY_TYPE_RECORD_FORM)) : NULL;

  return form == NULL || !sy_record_form_is_busy (form);
}

static void
test_app_record_form (void)
{
  SyRecordForm *form;
  g_autoptr(JsonArray) products = NULL;

  /* A required field left empty: said under the field, nothing written. */
  form = open_new_form ("products");
  g_assert_true (sy_record_form_set_text (form, "stock", "5"));
  sy_record_form_submit (form);
  g_assert_true (sy_test_ui_wait_for (form_settled, NULL, 5000));
  g_assert_nonnull (sy_record_form_get_field_problem (form, "title"));
  g_assert_nonnull (sy_record_form_get_message (form));
  sy_test_ui_save_styles (GTK_WIDGET (form), "data-app-form-problem", 420);

  g_assert_true (sy_record_form_set_text (form, "title", "Bolt"));
  g_assert_true (sy_record_form_set_text (form, "price", "0.5"));
  sy_record_form_submit (form);
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (SY_TYPE_RECORD_FORM), 5000));
  g_assert_cmpstr (sy_data_view_get_last_notice (view), ==, "Record created");
  g_assert_true (sy_test_ui_wait_for (rows_are, GUINT_TO_POINTER (1), 5000));

  form = open_new_form ("products");
  sy_record_form_set_text (form, "title", "Nut");
  sy_record_form_set_text (form, "stock", "100");
  sy_record_form_submit (form);
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (SY_TYPE_RECORD_FORM), 5000));
  g_assert_true (sy_test_ui_wait_for (rows_are, GUINT_TO_POINTER (2), 5000));

  products = records_of ("products");
  g_assert_cmpuint (json_array_get_length (products), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (products, 0), "title"), ==, "Bolt");
  g_assert_cmpint (int_of (products, 0, "stock"), ==, 5);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (products, 0), "price"), ==, 0.5);
  /* An optional number left empty stays empty. */
  g_assert_true (json_object_get_null_member (json_array_get_object_element (products, 1), "price"));

  /* Editing: the form opens with the record and saves it. */
  data_action ("data.edit-record", g_variant_new_int64 (2));
  form = wait_toplevel (SY_TYPE_RECORD_FORM);
  sy_record_form_set_text (form, "title", "Hex nut");
  sy_record_form_submit (form);
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (SY_TYPE_RECORD_FORM), 5000));
  g_assert_cmpstr (sy_data_view_get_last_notice (view), ==, "Record saved");
  g_clear_pointer (&products, json_array_unref);
  products = records_of ("products");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (products, 1), "title"), ==, "Hex nut");
  g_assert_cmpint (int_of (products, 1, "stock"), ==, 100);
}

static gboolean
editor_answered (gpointer data)
{
  return sy_collection_editor_get_problem (data) != NULL;
}

static void
test_app_migration_refused (void)
{
  SyCollectionEditor *editor;
  SyCollectionFieldRow *row;

  /* Text that is no number cannot become one: refused, records kept. */
  g_assert_true (sy_data_view_show_collection (view, "products"));
  data_action ("data.edit-collection", NULL);
  editor = wait_toplevel (SY_TYPE_COLLECTION_EDITOR);
  row = SY_COLLECTION_FIELD_ROW (sy_collection_editor_get_field_row (editor, 0));
  sy_collection_field_row_set_type (row, SY_FIELD_TYPE_INTEGER);
  sy_collection_editor_save (editor);
  g_assert_true (sy_test_ui_wait_for (editor_answered, editor, 5000));
  g_assert_true (g_str_has_prefix (sy_collection_editor_get_problem (editor), "The change was refused, nothing was changed: "));
  g_assert_nonnull (strstr (sy_collection_editor_get_problem (editor), "title"));
  sy_test_ui_save_styles (GTK_WIDGET (editor), "data-app-migration-refused", 420);
  gtk_window_close (GTK_WINDOW (editor));
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (SY_TYPE_COLLECTION_EDITOR), 5000));

  {
    g_autoptr(JsonArray) products = records_of ("products");

    g_assert_cmpuint (json_array_get_length (products), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (products, 0), "title"), ==, "Bolt");
  }
}

/* The shop example: a sync post-action in global mode checks the stock of
 * every new order, deducts it and confirms the order, or ends failed with
 * "Not enough stock" — the order is then not kept. */
static void
test_app_shop_example (void)
{
  g_autofree char *path = example_path ("order-stock.json");
  g_autofree char *text = NULL;
  SyRecordForm *form;
  g_autoptr(JsonArray) orders = NULL;
  g_autoptr(JsonArray) products = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  sy_test_import (sy_application_get_engine (app), text);

  form = open_new_form ("orders");
  sy_record_form_set_text (form, "product", "1");
  sy_record_form_set_text (form, "qty", "3");
  sy_record_form_submit (form);
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (SY_TYPE_RECORD_FORM), 10000));
  g_assert_cmpstr (sy_data_view_get_last_notice (view), ==, "Record created: Order confirmed: 3 × Bolt");

  orders = records_of ("orders");
  g_assert_cmpuint (json_array_get_length (orders), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (orders, 0), "status"), ==, "confirmed");
  products = records_of ("products");
  g_assert_cmpint (int_of (products, 0, "stock"), ==, 2);
  g_assert_true (sy_test_ui_wait_for (rows_are, GUINT_TO_POINTER (1), 5000));
  {
    g_autofree char *status = sy_records_view_get_cell_text (sy_data_view_get_records_view (view), 0, "status");
    g_autofree char *product = sy_records_view_get_cell_text (sy_data_view_get_records_view (view), 0, "product");

    g_assert_cmpstr (status, ==, "confirmed");
    g_assert_cmpstr (product, ==, "Bolt");
  }

  /* More than there is: the form says why, nothing is kept. */
  form = open_new_form ("orders");
  sy_record_form_set_text (form, "product", "1");
  sy_record_form_set_text (form, "qty", "5");
  sy_record_form_submit (form);
  g_assert_true (sy_test_ui_wait_for (form_settled, NULL, 10000));
  g_assert_cmpstr (sy_record_form_get_message (form), ==, "Not enough stock");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  sy_test_ui_save_styles (GTK_WIDGET (form), "data-app-not-enough-stock", 420);
  gtk_window_close (GTK_WINDOW (form));

  g_clear_pointer (&orders, json_array_unref);
  orders = records_of ("orders");
  g_assert_cmpuint (json_array_get_length (orders), ==, 1);
  g_clear_pointer (&products, json_array_unref);
  products = records_of ("products");
  g_assert_cmpint (int_of (products, 0, "stock"), ==, 2);
  sy_test_ui_save_styles (GTK_WIDGET (window), "data-app-orders", 420);
}

/* A pre-action bound to Submit in the binding editor: it runs before
 * anything is written and blocks with its message. */
static void
test_app_bound_pre_action (void)
{
  SyBindingEditor *editor;
  g_auto(GStrv) candidates = NULL;
  g_autofree char *file = NULL;
  SyRecordForm *form;
  g_autoptr(JsonArray) orders = NULL;

  sy_test_import_triggered (sy_application_get_engine (app), "limit", TRUE, "request-interception",
                            "{\"collection\": \"orders\"}",
                            "[{\"key\": \"check\", \"type\": \"condition\", \"config\": {\"engine\": \"basic\", "
                            "  \"rejectOnFalse\": false, \"calculation\": {\"calculator\": \"lte\", "
                            "  \"operands\": [\"{{$context.params.values.qty}}\", 10]}},"
                            "  \"branches\": {\"false\": ["
                            "    {\"key\": \"say\", \"type\": \"response-message\", \"config\": {\"message\": \"At most 10 per order\"}},"
                            "    {\"key\": \"stop\", \"type\": \"end\", \"config\": {\"endStatus\": \"failed\"}}]}}]");
  sy_test_import_triggered (sy_application_get_engine (app), "elsewhere", TRUE, "request-interception",
                            "{\"collection\": \"people\"}", "[]");

  g_assert_true (sy_data_view_show_collection (view, "orders"));
  data_action ("data.bindings", NULL);
  editor = wait_toplevel (SY_TYPE_BINDING_EDITOR);
  while (!sy_binding_editor_is_ready (editor))
    g_main_context_iteration (NULL, TRUE);

  /* Submit takes this collection's pre-actions; the global post-action
   * needs no binding; a custom action is not for Submit. */
  candidates = sy_binding_editor_get_candidates (editor, 0);
  g_assert_cmpuint (g_strv_length (candidates), ==, 1);
  g_assert_cmpstr (candidates[0], ==, "limit");
  g_assert_false (sy_binding_editor_bind (editor, 0, "order-stock"));
  g_assert_false (sy_binding_editor_bind (editor, 0, "elsewhere"));
  g_assert_true (sy_binding_editor_bind (editor, 0, "limit"));
  sy_test_ui_save_styles (GTK_WIDGET (editor), "data-app-bindings", 420);
  g_assert_true (sy_binding_editor_save (editor));
  wait_view ();
  g_assert_cmpstr (sy_data_view_get_last_notice (view), ==, "Buttons and workflows saved");

  file = g_build_filename (sy_engine_get_data_dir (sy_application_get_engine (app)), "bindings.json", NULL);
  {
    g_autofree char *saved = NULL;

    g_assert_true (g_file_get_contents (file, &saved, NULL, NULL));
    g_assert_nonnull (strstr (saved, "\"workflow\" : \"limit\""));
  }

  form = open_new_form ("orders");
  sy_record_form_set_text (form, "product", "2");
  sy_record_form_set_text (form, "qty", "11");
  sy_record_form_submit (form);
  g_assert_true (sy_test_ui_wait_for (form_settled, NULL, 10000));
  g_assert_cmpstr (sy_record_form_get_message (form), ==, "At most 10 per order");
  gtk_window_close (GTK_WINDOW (form));

  orders = records_of ("orders");
  g_assert_cmpuint (json_array_get_length (orders), ==, 1);
  {
    g_autoptr(JsonArray) products = records_of ("products");

    /* Blocked before the post-action: the stock is untouched. */
    g_assert_cmpint (int_of (products, 1, "stock"), ==, 100);
  }
}

static gboolean
notice_is (gpointer data)
{
  return g_strcmp0 (sy_data_view_get_last_notice (view), data) == 0;
}

/* Row actions: an Update record button setting a value, Delete after
 * its confirmation. */
static void
test_app_row_actions (void)
{
  SyBindingEditor *editor;
  AdwMessageDialog *dialog;
  g_autoptr(JsonArray) orders = NULL;
  guint index;

  g_assert_true (sy_data_view_show_collection (view, "orders"));
  data_action ("data.bindings", NULL);
  editor = wait_toplevel (SY_TYPE_BINDING_EDITOR);
  index = sy_binding_editor_add_button (editor, SY_BUTTON_UPDATE_RECORD, "Reject", "{\"status\": \"sold out\"}");
  /* An option the field has not is refused before anything is saved. */
  g_assert_false (sy_binding_editor_save (editor));
  g_assert_nonnull (strstr (sy_binding_editor_get_problem (editor), "status"));
  g_ptr_array_remove_index (sy_binding_editor_get_buttons (editor), index);
  index = sy_binding_editor_add_button (editor, SY_BUTTON_UPDATE_RECORD, "Reject", "{\"status\": \"rejected\"}");
  g_assert_true (sy_binding_editor_save (editor));
  wait_view ();

  data_action ("data.row-button", g_variant_new ("(xu)", (gint64) 1, index));
  g_assert_true (sy_test_ui_wait_for (notice_is, (gpointer) "Record saved", 5000));
  orders = records_of ("orders");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (orders, 0), "status"), ==, "rejected");

  data_action ("data.delete-record", g_variant_new_int64 (1));
  dialog = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (dialog, "confirm");
  gtk_window_close (GTK_WINDOW (dialog));
  sy_test_ui_wait_for (notice_is, (gpointer) "Record deleted", 5000);
  g_assert_cmpstr (sy_data_view_get_last_notice (view), ==, "Record deleted");
  g_clear_pointer (&orders, json_array_unref);
  orders = records_of ("orders");
  g_assert_cmpuint (json_array_get_length (orders), ==, 0);
  g_assert_true (sy_test_ui_wait_for (rows_are, GUINT_TO_POINTER (0), 5000));
}


static gboolean
outcome_noticed (gpointer data)
{
  return g_str_has_prefix (sy_data_view_get_last_notice (view), "Workflows started");
}

/* "Trigger workflow" buttons: on one record (row menu, form) and on the
 * selected rows (toolbar); custom-action workflows of the collection. */
static void
test_app_trigger_buttons (void)
{
  SyEngine *engine = sy_application_get_engine (app);
  SyBindingEditor *editor;
  SyRecordForm *form;
  GtkSelectionModel *selection;
  g_autoptr(JsonArray) products = NULL;
  guint restock;
  guint reprice;

  sy_test_import_triggered (engine, "restock", TRUE, "custom-action",
                            "{\"type\": \"single\", \"collection\": \"products\"}",
                            "[{\"key\": \"fill\", \"type\": \"update\", \"config\": {\"collection\": \"products\","
                            "  \"filter\": {\"id\": \"{{$context.data.id}}\"}, \"values\": {\"stock\": 42}}}]");
  sy_test_import_triggered (engine, "reprice", TRUE, "custom-action",
                            "{\"type\": \"multiple\", \"collection\": \"products\"}",
                            "[{\"key\": \"set\", \"type\": \"update\", \"config\": {\"collection\": \"products\","
                            "  \"filter\": {\"id\": {\"$in\": \"{{$context.data.id}}\"}}, \"values\": {\"price\": 9}}}]");

  g_assert_true (sy_data_view_show_collection (view, "products"));
  data_action ("data.bindings", NULL);
  editor = wait_toplevel (SY_TYPE_BINDING_EDITOR);
  while (!sy_binding_editor_is_ready (editor))
    g_main_context_iteration (NULL, TRUE);
  restock = sy_binding_editor_add_button (editor, SY_BUTTON_TRIGGER, "Restock", NULL);
  reprice = sy_binding_editor_add_button (editor, SY_BUTTON_TRIGGER, "Reprice", NULL);
  /* Only custom actions go on these; Submit takes none of them. */
  {
    g_auto(GStrv) candidates = sy_binding_editor_get_candidates (editor, restock);
    g_auto(GStrv) submit = sy_binding_editor_get_candidates (editor, 0);

    g_assert_cmpuint (g_strv_length (candidates), ==, 2);
    g_assert_cmpuint (g_strv_length (submit), ==, 0);
  }
  g_assert_true (sy_binding_editor_bind (editor, restock, "restock"));
  g_assert_true (sy_binding_editor_bind (editor, reprice, "reprice"));
  g_assert_true (sy_binding_editor_save (editor));
  wait_view ();

  /* One record, from its row menu. */
  data_action ("data.row-button", g_variant_new ("(xu)", (gint64) 2, restock));
  wait_view ();
  g_assert_true (outcome_noticed (NULL));
  products = records_of ("products");
  g_assert_cmpint (int_of (products, 1, "stock"), ==, 42);
  g_assert_cmpint (int_of (products, 0, "stock"), ==, 2);

  /* The selected rows, from the toolbar. */
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (sy_test_ui_find (GTK_WIDGET (view), "column_view")));
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_selection_model_select_item (selection, 2, FALSE);
  data_action ("data.trigger", g_variant_new_uint32 (reprice));
  wait_view ();
  g_assert_true (outcome_noticed (NULL));
  g_clear_pointer (&products, json_array_unref);
  products = records_of ("products");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (products, 0), "price"), ==, 9);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (products, 1), "price"));
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (products, 2), "price"), ==, 9);

  /* The edit form has them too. */
  data_action ("data.edit-record", g_variant_new_int64 (3));
  form = wait_toplevel (SY_TYPE_RECORD_FORM);
  g_assert_cmpuint (sy_record_form_get_n_triggers (form), ==, 2);
  sy_test_ui_save_styles (GTK_WIDGET (form), "data-app-edit-form", 420);
  sy_record_form_trigger (form, 0);
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (SY_TYPE_RECORD_FORM), 5000));
  g_clear_pointer (&products, json_array_unref);
  products = records_of ("products");
  g_assert_cmpint (int_of (products, 2, "stock"), ==, 42);
}

/* Export what the table shows, import it back; a bad file names the row. */
static void
test_app_csv_round_trip (void)
{
  g_autofree char *dir = sy_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "products.csv", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autofree char *text = NULL;
  g_autoptr(JsonArray) products = NULL;

  g_assert_true (sy_data_view_show_collection (view, "products"));
  sy_data_view_export_csv (view, file);
  wait_view ();
  g_assert_cmpstr (sy_data_view_get_last_notice (view), ==, "2 records exported");
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "id,title,price,stock,created_at,updated_at\r\n1,Bolt,0.5,2,"));

  sy_data_view_import_csv (view, file);
  wait_view ();
  g_assert_cmpstr (sy_data_view_get_last_notice (view), ==, "2 records imported");
  products = records_of ("products");
  g_assert_cmpuint (json_array_get_length (products), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (products, 2), "title"), ==, "Bolt");
  g_assert_cmpint (int_of (products, 3, "stock"), ==, 100);
  g_assert_true (sy_test_ui_wait_for (rows_are, GUINT_TO_POINTER (4), 5000));

  g_assert_true (g_file_set_contents (bad_path, "title,stock\r\nWasher,4\r\nSpring,lots\r\n", -1, NULL));
  sy_data_view_import_csv (view, bad);
  wait_view ();
  g_assert_nonnull (sy_data_view_get_last_problem (view));
  g_assert_nonnull (strstr (sy_data_view_get_last_problem (view), "row 3: stock: expected a whole number, got “lots”"));
  sy_test_ui_save_styles (GTK_WIDGET (sy_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "data-app-csv-problem", 420);
  close_problem ();
  g_clear_pointer (&products, json_array_unref);
  products = records_of ("products");
  g_assert_cmpuint (json_array_get_length (products), ==, 4);

  sy_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  int status;

  /* The application's data directory: only what these tests make. */
  data_dir = g_dir_make_tmp ("switchyard-data-view-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("SWITCHYARD_DATA_DIR", data_dir, TRUE);

  sy_test_ui_init (&argc, &argv);
  /* Without a window manager, Xvfb leaves two windows active at once and
   * a blinking entry of the one behind warns that its focus-out never
   * came: no blinking. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  /* What the application does for its own icons and style. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/switchyard/Switchyard/icons");
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/switchyard/Switchyard/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add ("/data-view/records/table", Fixture, NULL, fixture_set_up, test_records_table, fixture_tear_down);
  g_test_add ("/data-view/records/sort", Fixture, NULL, fixture_set_up, test_records_sort, fixture_tear_down);
  g_test_add ("/data-view/records/filter", Fixture, NULL, fixture_set_up, test_records_filter, fixture_tear_down);
  g_test_add ("/data-view/records/paging", Fixture, NULL, fixture_set_up, test_records_paging, fixture_tear_down);
  g_test_add ("/data-view/form/fields", Fixture, NULL, fixture_set_up, test_form_fields, fixture_tear_down);

  app = sy_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sy_engine_is_running (sy_application_get_engine (app)));

  g_test_add_func ("/data-view/app/define-collection", test_app_define_collection);
  g_test_add_func ("/data-view/app/record-form", test_app_record_form);
  g_test_add_func ("/data-view/app/migration-refused", test_app_migration_refused);
  g_test_add_func ("/data-view/app/shop-example", test_app_shop_example);
  g_test_add_func ("/data-view/app/bound-pre-action", test_app_bound_pre_action);
  g_test_add_func ("/data-view/app/row-actions", test_app_row_actions);
  g_test_add_func ("/data-view/app/csv-round-trip", test_app_csv_round_trip);
  g_test_add_func ("/data-view/app/trigger-buttons", test_app_trigger_buttons);

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  sy_test_remove_tree (data_dir);
  return status;
}
