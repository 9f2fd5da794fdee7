/* test-data-view.c — the data view: records table, filter and sort, paging
 *
 * The table reads data.db through a read-only connection of its own, as
 * it does in the app; fixtures are written with a store of the test's.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "collections/sy-collection-store.h"
#include "sy-filter-bar.h"
#include "sy-record-list-model.h"
#include "sy-records-view.h"
#include "sy-test-collections.h"
#include "sy-test-ui.h"

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

static void
screenshots (GtkWindow  *window,
             const char *name)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);
  g_autofree char *narrow = g_strdup_printf ("%s-narrow.png", name);
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);
  sy_test_ui_wait (300);
  g_free (sy_test_ui_save_png (GTK_WIDGET (window), light));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  sy_test_ui_wait (300);
  g_free (sy_test_ui_save_png (GTK_WIDGET (window), dark));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (window, 420, height);
  sy_test_ui_wait (400);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 440);
  g_free (sy_test_ui_save_png (GTK_WIDGET (window), narrow));

  gtk_window_set_default_size (window, width, height);
  sy_test_ui_wait (300);
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

  screenshots (fixture->window, "data-view-table");
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
  screenshots (fixture->window, "data-view-filter-error");
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
  screenshots (fixture->window, "data-view-no-match");
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
  screenshots (fixture->window, "data-view-paging");
}

int
main (int   argc,
      char *argv[])
{
  sy_test_ui_init (&argc, &argv);
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

  return g_test_run ();
}
