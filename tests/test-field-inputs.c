/* test-field-inputs.c — the structured field editors on their own: what
 * they read, what they write back, what they keep, read-only mode
 * (src/ui/sy-conditions-editor.c, sy-form-fields-editor.c, sy-people-editor.c,
 * sy-field-input.c)
 */
#include "config.h"

#include <adwaita.h>

#include "sy-conditions-editor.h"
#include "sy-form-fields-editor.h"
#include "sy-people-editor.h"
#include "sy-task.h"
#include "sy-test-engine.h"
#include "sy-test-ui.h"

static void
assert_value (GtkWidget  *input,
              const char *expected)
{
  g_autoptr(JsonNode) value = sy_field_input_get_value (SY_FIELD_INPUT (input));
  g_autoptr(JsonNode) wanted = sy_test_json (expected);
  g_autofree char *found = json_to_string (value, FALSE);

  if (!json_node_equal (value, wanted))
    g_error ("expected %s, found %s", expected, found);
}

static void
count_changes (gpointer  input,
               guint    *count)
{
  (*count)++;
}

static void
test_text_values (void)
{
  g_autoptr(JsonNode) number = sy_field_input_value_from_text ("42");
  g_autoptr(JsonNode) fraction = sy_field_input_value_from_text ("1.5");
  g_autoptr(JsonNode) boolean = sy_field_input_value_from_text ("false");
  g_autoptr(JsonNode) text = sy_field_input_value_from_text ("{{$context.n}}");
  g_autoptr(JsonNode) spaced = sy_field_input_value_from_text (" 7");
  g_autofree char *back = sy_field_input_text_from_value (number);

  g_assert_cmpint (json_node_get_int (number), ==, 42);
  g_assert_cmpfloat (json_node_get_double (fraction), ==, 1.5);
  g_assert_false (json_node_get_boolean (boolean));
  g_assert_cmpstr (json_node_get_string (text), ==, "{{$context.n}}");
  g_assert_cmpstr (json_node_get_string (spaced), ==, " 7");
  g_assert_null (sy_field_input_value_from_text (""));
  g_assert_cmpstr (back, ==, "42");
}

static void
test_conditions (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *editor = sy_conditions_editor_new ();
  g_autoptr(JsonNode) single = sy_test_json ("{\"calculator\": \">\", \"operands\": [\"{{$context.n}}\", 3]}");
  g_autoptr(JsonNode) nested = sy_test_json ("{\"group\": {\"type\": \"or\", \"calculations\": ["
                                      " {\"calculator\": \"equal\", \"operands\": [\"a\", null]},"
                                      " {\"group\": {\"type\": \"and\", \"calculations\": []}}]}}");
  guint changes = 0;
  GList *items;
  GtkWidget *rule;

  gtk_window_set_child (GTK_WINDOW (window), editor);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (editor, "changed", G_CALLBACK (count_changes), &changes);

  /* A lone rule shows inside an "all" group; an alias calculator stays. */
  sy_field_input_set_value (SY_FIELD_INPUT (editor), single);
  g_assert_cmpuint (changes, ==, 0);
  assert_value (editor, "{\"group\": {\"type\": \"and\", \"calculations\": ["
                        " {\"calculator\": \">\", \"operands\": [\"{{$context.n}}\", 3]}]}}");

  /* Nested groups come back as they were; empty operands are null. */
  sy_field_input_set_value (SY_FIELD_INPUT (editor), nested);
  assert_value (editor, "{\"group\": {\"type\": \"or\", \"calculations\": ["
                        " {\"calculator\": \"equal\", \"operands\": [\"a\", null]},"
                        " {\"group\": {\"type\": \"and\", \"calculations\": []}}]}}");
  items = sy_conditions_editor_get_items (SY_CONDITIONS_EDITOR (editor), NULL);
  g_assert_cmpuint (g_list_length (items), ==, 2);
  rule = items->data;
  g_list_free (items);

  /* An edit is one "changed" and shows in the value. */
  gtk_editable_set_text (GTK_EDITABLE (sy_conditions_editor_get_part (rule, "right")), "b");
  g_assert_cmpuint (changes, ==, 1);
  assert_value (editor, "{\"group\": {\"type\": \"or\", \"calculations\": ["
                        " {\"calculator\": \"equal\", \"operands\": [\"a\", \"b\"]},"
                        " {\"group\": {\"type\": \"and\", \"calculations\": []}}]}}");

  /* The value coming back from the document does not rebuild the rows. */
  {
    g_autoptr(JsonNode) same = sy_field_input_get_value (SY_FIELD_INPUT (editor));

    sy_field_input_set_value (SY_FIELD_INPUT (editor), same);
    items = sy_conditions_editor_get_items (SY_CONDITIONS_EDITOR (editor), NULL);
    g_assert_true (items->data == rule);
    g_list_free (items);
  }

  /* Read-only: entries can't change, the buttons are gone. */
  sy_field_input_set_editable (SY_FIELD_INPUT (editor), FALSE);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (sy_conditions_editor_get_part (rule, "left"))));
  g_assert_false (gtk_widget_get_visible (sy_conditions_editor_get_part (rule, "left-variables")));
  g_assert_false (gtk_widget_is_sensitive (sy_conditions_editor_get_part (rule, "operator")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_form_fields (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *editor = sy_form_fields_editor_new ();
  g_autoptr(JsonNode) form = sy_test_json ("[{\"name\": \"note\", \"label\": \"Note\", \"type\": \"multiline\","
                                    "  \"hint\": \"kept\", \"options\": [\"stale\"]},"
                                    " {\"name\": \"ok\", \"type\": \"switch\", \"default\": true, \"required\": true}]");
  GList *rows;
  GtkWidget *added;

  gtk_window_set_child (GTK_WINDOW (window), editor);
  gtk_window_present (GTK_WINDOW (window));
  sy_field_input_set_value (SY_FIELD_INPUT (editor), form);

  /* Unknown members stay; options only go with a choice field. */
  rows = sy_form_fields_editor_get_rows (SY_FORM_FIELDS_EDITOR (editor));
  g_assert_cmpuint (g_list_length (rows), ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows->data)), ==, "Note");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows->next->data)), ==, "ok");
  gtk_editable_set_text (GTK_EDITABLE (sy_form_fields_editor_get_part (rows->data, "label")), "Comment");
  assert_value (editor, "[{\"name\": \"note\", \"label\": \"Comment\", \"type\": \"multiline\", \"hint\": \"kept\"},"
                        " {\"name\": \"ok\", \"label\": \"\", \"type\": \"switch\", \"default\": true, \"required\": true}]");

  /* A new field gets a free name; moving past the ends does nothing. */
  added = sy_form_fields_editor_add_field (SY_FORM_FIELDS_EDITOR (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sy_form_fields_editor_get_part (added, "name"))), ==, "field_3");
  sy_form_fields_editor_move_field (SY_FORM_FIELDS_EDITOR (editor), added, 1);
  sy_form_fields_editor_move_field (SY_FORM_FIELDS_EDITOR (editor), added, -2);
  g_list_free (rows);
  rows = sy_form_fields_editor_get_rows (SY_FORM_FIELDS_EDITOR (editor));
  g_assert_true (rows->data == added);

  /* A choice field with its options. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (sy_form_fields_editor_get_part (added, "type")), 5);
  gtk_editable_set_text (GTK_EDITABLE (sy_form_fields_editor_add_option (SY_FORM_FIELDS_EDITOR (editor), added)), "red");
  assert_value (editor, "[{\"name\": \"field_3\", \"label\": \"\", \"type\": \"choice\", \"options\": [\"red\"]},"
                        " {\"name\": \"note\", \"label\": \"Comment\", \"type\": \"multiline\", \"hint\": \"kept\"},"
                        " {\"name\": \"ok\", \"label\": \"\", \"type\": \"switch\", \"default\": true, \"required\": true}]");
  g_assert_cmpuint (g_list_length (sy_form_fields_editor_get_options (added)), ==, 1);

  sy_field_input_set_editable (SY_FIELD_INPUT (editor), FALSE);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (sy_form_fields_editor_get_part (added, "label"))));
  g_assert_false (gtk_widget_is_sensitive (sy_form_fields_editor_get_part (added, "type")));

  g_list_free (rows);
  gtk_window_destroy (GTK_WINDOW (window));
}

static SyPerson *
person (const char *id,
        const char *name,
        const char *email)
{
  SyPerson *p = g_new0 (SyPerson, 1);

  p->id = g_strdup (id);
  p->name = g_strdup (name);
  p->email = g_strdup (email);
  return p;
}

static void
test_people (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *editor = sy_people_editor_new ();
  g_autoptr(GPtrArray) directory = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_person_free);
  g_autoptr(JsonNode) assignees = sy_test_json ("[\"me\", \"{{$context.body.approver}}\", \"ghost\"]");
  g_autoptr(GPtrArray) choices = NULL;
  GList *rows;

  g_ptr_array_add (directory, person ("me", "Ada", NULL));
  g_ptr_array_add (directory, person ("bob", "Bob Marsh", "bob@example.org"));
  gtk_window_set_child (GTK_WINDOW (window), editor);
  gtk_window_present (GTK_WINDOW (window));
  sy_people_editor_set_people (SY_PEOPLE_EDITOR (editor), directory);
  sy_field_input_set_value (SY_FIELD_INPUT (editor), assignees);

  /* People by name, variables as text, unknown ids as they are. */
  rows = sy_people_editor_get_rows (SY_PEOPLE_EDITOR (editor));
  g_assert_cmpuint (g_list_length (rows), ==, 3);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->data), ==, "Ada");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rows->next->data)), ==, "{{$context.body.approver}}");
  g_assert_cmpstr (adw_preferences_row_get_title (rows->next->next->data), ==, "ghost");
  g_assert_cmpstr (adw_action_row_get_subtitle (rows->next->next->data), ==, "Not in the directory of people");

  /* Only people not yet assigned are offered. */
  choices = sy_people_editor_list_choices (SY_PEOPLE_EDITOR (editor));
  g_assert_cmpuint (choices->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (choices, 0), ==, "Bob Marsh");

  sy_people_editor_add_person (SY_PEOPLE_EDITOR (editor), "bob");
  sy_people_editor_remove (SY_PEOPLE_EDITOR (editor), rows->next->next->data);
  assert_value (editor, "[\"me\", \"{{$context.body.approver}}\", \"bob\"]");

  /* A single id (the format allows it) reads as a list of one. */
  {
    g_autoptr(JsonNode) one = sy_test_json ("\"bob\"");

    sy_field_input_set_value (SY_FIELD_INPUT (editor), one);
    assert_value (editor, "[\"bob\"]");
  }

  sy_field_input_set_editable (SY_FIELD_INPUT (editor), FALSE);
  g_list_free (rows);
  rows = sy_people_editor_get_rows (SY_PEOPLE_EDITOR (editor));
  g_assert_false (gtk_widget_get_visible (g_object_get_data (rows->data, "remove")));

  g_list_free (rows);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  sy_test_ui_init (&argc, &argv);

  g_test_add_func ("/field-inputs/text-values", test_text_values);
  g_test_add_func ("/field-inputs/conditions", test_conditions);
  g_test_add_func ("/field-inputs/form-fields", test_form_fields);
  g_test_add_func ("/field-inputs/people", test_people);

  return g_test_run ();
}
