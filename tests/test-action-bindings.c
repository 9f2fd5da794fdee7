/* test-action-bindings.c — the data view's buttons, their bound workflows, and
 * imports of many records (src/engine/collections/sy-action-bindings.c,
 * sy-record-import.c)
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "collections/sy-action-bindings.h"
#include "collections/sy-record-import.h"
#include "sy-json.h"
#include "sy-test-collections.h"
#include "sy-test-engine.h"

#define SHOP \
  "[{\"format\": \"switchyard-collection/1\", \"name\": \"products\", \"fields\": [" \
  "   {\"name\": \"title\", \"type\": \"string\", \"required\": true}," \
  "   {\"name\": \"stock\", \"type\": \"integer\", \"default\": 0}]}," \
  " {\"format\": \"switchyard-collection/1\", \"name\": \"orders\", \"fields\": [" \
  "   {\"name\": \"product\", \"type\": \"belongs-to\", \"target\": \"products\", \"required\": true}," \
  "   {\"name\": \"qty\", \"type\": \"integer\", \"required\": true, \"default\": 1}]}]"

static void
test_bind_workflow_table (void)
{
  const char *types[] = { "request-interception", "action", "approval", "custom-action", "collection", "webhook" };
  /* Rows: submit, save, update-record, delete, trigger (research §7). */
  const gboolean expected[][6] = {
    { TRUE, TRUE, TRUE, FALSE, FALSE, FALSE },
    { TRUE, TRUE, TRUE, FALSE, FALSE, FALSE },
    { TRUE, TRUE, TRUE, FALSE, FALSE, FALSE },
    { TRUE, FALSE, FALSE, FALSE, FALSE, FALSE },
    { FALSE, FALSE, FALSE, TRUE, FALSE, FALSE },
  };

  for (SyButtonKind kind = SY_BUTTON_SUBMIT; kind <= SY_BUTTON_TRIGGER; kind++)
    for (guint t = 0; t < G_N_ELEMENTS (types); t++)
      g_assert_cmpint (sy_button_kind_allows (kind, types[t]), ==, expected[kind][t]);

  g_assert_cmpint (sy_button_kind_get_action (SY_BUTTON_SUBMIT), ==, SY_RECORD_ACTION_CREATE);
  g_assert_cmpint (sy_button_kind_get_action (SY_BUTTON_SAVE), ==, SY_RECORD_ACTION_UPDATE);
  g_assert_cmpint (sy_button_kind_get_action (SY_BUTTON_UPDATE_RECORD), ==, SY_RECORD_ACTION_UPDATE);
  g_assert_cmpint (sy_button_kind_get_action (SY_BUTTON_DELETE), ==, SY_RECORD_ACTION_DELETE);
  g_assert_cmpint (sy_button_kind_get_action (SY_BUTTON_TRIGGER), ==, SY_RECORD_ACTION_TRIGGER);
}

static SyActionBindings *
parse (const char *text,
       GError    **error)
{
  g_autoptr(JsonNode) node = sy_test_json (text);

  return sy_action_bindings_new_from_json (node, error);
}

static void
test_bindings_json (void)
{
  g_autoptr(SyActionBindings) bindings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *order = NULL;
  GPtrArray *buttons;
  SyActionButton *button;

  bindings = parse ("{\"format\": \"switchyard-bindings/1\", \"collections\": {\"orders\": ["
                    " {\"button\": \"trigger\", \"title\": \"Recount\", \"workflows\": [{\"workflow\": \"recount\"}]},"
                    " {\"button\": \"submit\", \"workflows\": [{\"workflow\": \"check-stock\"},"
                    "                                         {\"workflow\": \"notify\", \"association\": \"product\"}]},"
                    " {\"button\": \"update-record\", \"title\": \"Confirm\", \"values\": {\"status\": \"confirmed\"}},"
                    " {\"button\": \"submit\", \"workflows\": [{\"workflow\": \"ignored\"}]}]}}",
                    &error);
  g_assert_no_error (error);

  /* Submit, Save and Delete first, once each; then the others in order. */
  buttons = sy_action_bindings_get_buttons (bindings, "orders");
  g_assert_cmpuint (buttons->len, ==, 5);
  g_assert_cmpint (((SyActionButton *) g_ptr_array_index (buttons, 0))->kind, ==, SY_BUTTON_SUBMIT);
  g_assert_cmpint (((SyActionButton *) g_ptr_array_index (buttons, 1))->kind, ==, SY_BUTTON_SAVE);
  g_assert_cmpint (((SyActionButton *) g_ptr_array_index (buttons, 2))->kind, ==, SY_BUTTON_DELETE);
  g_assert_cmpint (((SyActionButton *) g_ptr_array_index (buttons, 3))->kind, ==, SY_BUTTON_TRIGGER);
  g_assert_cmpint (((SyActionButton *) g_ptr_array_index (buttons, 4))->kind, ==, SY_BUTTON_UPDATE_RECORD);

  button = sy_action_bindings_find (bindings, "orders", SY_BUTTON_SUBMIT);
  order = sy_action_button_to_string (button);
  g_assert_cmpstr (order, ==, "check-stock,notify!product");

  /* What the button runs: its bindings, as the command line would pass them. */
  {
    g_autoptr(SyRecordAction) action = sy_record_action_new (SY_RECORD_ACTION_CREATE, "orders");
    g_autoptr(SyRecordAction) same = sy_record_action_new (SY_RECORD_ACTION_CREATE, "orders");

    sy_action_button_apply (button, action);
    g_assert_true (sy_record_action_parse_bindings (same, order, NULL));
    g_assert_cmpint (sy_record_action_get_kind (action), ==, SY_RECORD_ACTION_CREATE);
  }

  /* A collection never configured has the three plain buttons. */
  buttons = sy_action_bindings_get_buttons (bindings, "products");
  g_assert_cmpuint (buttons->len, ==, 3);
  g_assert_cmpuint (((SyActionButton *) g_ptr_array_index (buttons, 0))->bindings->len, ==, 0);

  node = sy_action_bindings_to_json (bindings);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"format\":\"switchyard-bindings/1\",\"collections\":{\"orders\":["
                   "{\"button\":\"submit\",\"workflows\":[{\"workflow\":\"check-stock\"},"
                   "{\"workflow\":\"notify\",\"association\":\"product\"}]},"
                   "{\"button\":\"save\",\"workflows\":[]},"
                   "{\"button\":\"delete\",\"workflows\":[]},"
                   "{\"button\":\"trigger\",\"title\":\"Recount\",\"workflows\":[{\"workflow\":\"recount\"}]},"
                   "{\"button\":\"update-record\",\"title\":\"Confirm\",\"values\":{\"status\":\"confirmed\"},\"workflows\":[]}]"
                   ",\"products\":[{\"button\":\"submit\",\"workflows\":[]},{\"button\":\"save\",\"workflows\":[]},"
                   "{\"button\":\"delete\",\"workflows\":[]}]}}");

  sy_action_bindings_remove (bindings, "products");
  g_clear_pointer (&node, json_node_unref);
  node = sy_action_bindings_to_json (bindings);
  g_assert_false (json_object_has_member (json_object_get_object_member (json_node_get_object (node), "collections"),
                                          "products"));
}

static void
test_bindings_errors (void)
{
  const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "[]", "$: expected an object" },
    { "{\"format\": \"switchyard-bindings/2\"}", "format: expected “switchyard-bindings/1”" },
    { "{\"format\": \"switchyard-bindings/1\", \"collections\": {\"orders\": {}}}",
      "collections.orders: expected a list of buttons" },
    { "{\"format\": \"switchyard-bindings/1\", \"collections\": {\"orders\": [{\"button\": \"press\"}]}}",
      "collections.orders[0].button: expected submit, save, update-record, delete or trigger" },
    { "{\"format\": \"switchyard-bindings/1\", \"collections\": {\"orders\": [{\"button\": \"submit\", \"workflows\": [{}]}]}}",
      "collections.orders[0].workflows[0].workflow: a workflow key is required" },
    { "{\"format\": \"switchyard-bindings/1\", \"collections\": {\"orders\": [{\"button\": \"submit\", \"workflows\": [{\"workflow\": 3}]}]}}",
      "collections.orders[0].workflows[0].workflow: expected text" },
    { "{\"format\": \"switchyard-bindings/1\", \"collections\": {\"orders\": [{\"button\": \"update-record\", \"values\": 3}]}}",
      "collections.orders[0].values: expected an object of field values" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SyActionBindings) bindings = parse (cases[i].text, &error);

      g_assert_null (bindings);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
saved (GObject      *source,
       GAsyncResult *result,
       gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static void
test_bindings_file (void)
{
  g_autofree char *dir = sy_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "bindings.json", NULL);
  g_autoptr(SyActionBindings) bindings = NULL;
  g_autoptr(SyActionBindings) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyActionButton) trigger = sy_action_button_new (SY_BUTTON_TRIGGER, "Recount");
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GAsyncResult *result = NULL;

  /* No file: no bindings. */
  bindings = sy_action_bindings_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sy_action_bindings_get_buttons (bindings, "orders")->len, ==, 3);

  sy_action_button_add_binding (trigger, "recount", NULL);
  g_ptr_array_add (buttons, trigger);
  sy_action_bindings_set_buttons (bindings, "orders", buttons);
  sy_action_bindings_save_async (bindings, dir, NULL, saved, &result);
  g_assert_true (sy_action_bindings_save_finish (bindings, sy_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  again = sy_action_bindings_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sy_action_bindings_get_buttons (again, "orders")->len, ==, 4);
  g_assert_cmpstr (sy_action_bindings_find (again, "orders", SY_BUTTON_TRIGGER)->title, ==, "Recount");
  g_clear_object (&again);

  /* A broken file is an error naming it; nothing is made up. */
  g_assert_true (g_file_set_contents (path, "{\"format\": 1", -1, NULL));
  again = sy_action_bindings_load (dir, &error);
  g_assert_null (again);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "“"));
  g_assert_nonnull (strstr (error->message, "bindings.json” cannot be read: "));

  sy_test_remove_tree (dir);
}

/* ── Import ────────────────────────────────────────────────────────────── */

static GPtrArray *
values_of (const char *json)
{
  g_autoptr(JsonNode) node = sy_test_json (json);
  GPtrArray *values = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    g_ptr_array_add (values, json_object_ref (json_array_get_object_element (json_node_get_array (node), i)));
  return values;
}

static void
count_changes (guint *changes)
{
  (*changes)++;
}

static void
test_import_records (SyTestEngine *fixture,
                     gconstpointer data)
{
  g_autoptr(GPtrArray) products = values_of ("[{\"title\": \"Bolt\", \"stock\": 3}, {\"title\": \"Nut\"}]");
  g_autoptr(GPtrArray) orders = values_of ("[{\"product\": 1, \"qty\": 2}, {\"product\": 2}, {\"product\": 9}]");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) records = NULL;
  GAsyncResult *result = NULL;
  guint changes = 0;
  gint64 written;

  sy_test_engine_define (fixture->engine, SHOP);
  /* A post-action of the collection in global mode must not run: an
   * import is no action. */
  sy_test_import_triggered (fixture->engine, "audit", TRUE, "action",
                            "{\"collection\": \"orders\", \"global\": true, \"actions\": [\"create\"]}",
                            "[{\"key\": \"stop\", \"type\": \"end\", \"config\": {\"endStatus\": \"failed\"}}]");
  g_signal_connect_swapped (fixture->engine, "records-changed", G_CALLBACK (count_changes), &changes);

  sy_engine_import_records_async (fixture->engine, "products", products, 2, NULL, sy_test_on_done, &result);
  written = sy_engine_import_records_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, 2);
  g_clear_object (&result);

  /* The third order points to no product: none of them is kept. */
  sy_engine_import_records_async (fixture->engine, "orders", orders, 2, NULL, sy_test_on_done, &result);
  written = sy_engine_import_records_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_cmpint (written, ==, -1);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "row 4: "));
  g_assert_nonnull (strstr (error->message, "9"));
  g_clear_error (&error);
  g_clear_object (&result);
  records = sy_test_engine_records (fixture->engine, "orders");
  g_assert_cmpuint (json_array_get_length (records), ==, 0);
  g_clear_pointer (&records, json_array_unref);

  g_ptr_array_remove_index (orders, 2);
  sy_engine_import_records_async (fixture->engine, "orders", orders, 2, NULL, sy_test_on_done, &result);
  written = sy_engine_import_records_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, 2);
  g_clear_object (&result);
  records = sy_test_engine_records (fixture->engine, "orders");
  g_assert_cmpuint (json_array_get_length (records), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (records, 1), "qty"), ==, 1);

  /* The view heard of both successful imports; no workflow ran. */
  sy_test_sleep_ms (50);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changes, ==, 2);
  {
    g_autoptr(GPtrArray) runs = sy_test_finished_executions (fixture->engine, "audit");

    g_assert_cmpuint (runs->len, ==, 0);
  }
  g_signal_handlers_disconnect_by_data (fixture->engine, &changes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/action-bindings/bind-workflow-table", test_bind_workflow_table);
  g_test_add_func ("/action-bindings/json", test_bindings_json);
  g_test_add_func ("/action-bindings/errors", test_bindings_errors);
  g_test_add_func ("/action-bindings/file", test_bindings_file);
  g_test_add ("/record-import/all-or-none", SyTestEngine, NULL, sy_test_engine_set_up,
              test_import_records, sy_test_engine_tear_down);

  return g_test_run ();
}
