/* test-editor.c — the workflow editor window driven through its real widgets
 *
 * One application with an engine on a temporary data directory; each test
 * goes the way a person would: the New dialog, the palette, the inspector's
 * fields, a file dropped on the window, the Delete toast's Undo, Execute.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "sy-application.h"
#include "sy-canvas.h"
#include "sy-node-card.h"
#include "sy-conditions-editor.h"
#include "sy-execute-dialog.h"
#include "sy-executions-view.h"
#include "sy-field-editor.h"
#include "sy-form-fields-editor.h"
#include "sy-inspector.h"
#include "sy-new-workflow-dialog.h"
#include "sy-palette.h"
#include "sy-people-editor.h"
#include "sy-test-disk.h"
#include "sy-test-editor.h"
#include "sy-test-ui.h"
#include "sy-trigger-info.h"
#include "sy-variable-button.h"
#include "sy-variable-picker.h"
#include "sy-webhook-server.h"
#include "sy-window.h"
#include "sy-workflow-list.h"

static SyApplication *app;
static char *data_dir;

typedef SyTestEditor Editor;

static void
editor_open (Editor *editor)
{
  sy_test_editor_open (editor, app);
}

/* ── Waiting for things ───────────────────────────────────────────────── */

typedef struct
{
  Editor     *editor;
  const char *key;
} KeyWait;

static gboolean
key_listed (gpointer data)
{
  KeyWait *wait = data;

  return sy_workflow_list_get_row (wait->editor->list, wait->key) != NULL;
}

static gboolean
key_gone (gpointer data)
{
  return !key_listed (data);
}

static gboolean
key_loaded (gpointer data)
{
  KeyWait *wait = data;

  return g_strcmp0 (sy_window_get_loaded_key (wait->editor->window), wait->key) == 0
         && sy_window_get_document (wait->editor->window) != NULL;
}

static gboolean
toplevel_shown (gpointer data)
{
  return sy_test_ui_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

typedef struct
{
  GAsyncResult *result;
} AsyncWait;

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
async_finished (gpointer data)
{
  return ((AsyncWait *) data)->result != NULL;
}

/* What the engine has stored for `key` (current version). */
static SyWorkflow *
stored_workflow (const char *key)
{
  SyEngine *engine = sy_application_get_engine (app);
  AsyncWait wait = { NULL };
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(GError) error = NULL;
  SyWorkflow *workflow;

  sy_engine_get_workflow_async (engine, key, 0, NULL, async_done, &wait);
  g_assert_true (sy_test_ui_wait_for (async_finished, &wait, 5000));
  row = sy_engine_get_workflow_finish (engine, wait.result, &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  workflow = sy_version_row_to_workflow (row, &error);
  g_assert_no_error (error);
  return workflow;
}

/* The AdwEntryRow titled `title` under `root`. */
static GtkWidget *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (root) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found = find_entry_row (w, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
get_text (GtkWidget *input)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
screenshots (Editor     *editor,
             const char *name)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkWidget *window = GTK_WIDGET (editor->window);
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);
  g_autofree char *narrow = g_strdup_printf ("%s-narrow.png", name);
  g_autofree char *narrow_dark = g_strdup_printf ("%s-narrow-dark.png", name);

  sy_test_ui_wait (400);
  g_free (sy_test_ui_save_png (window, light));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  sy_test_ui_wait (400);
  g_free (sy_test_ui_save_png (window, dark));

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 800);
  sy_test_ui_wait (500);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 620);
  g_free (sy_test_ui_save_png (window, narrow_dark));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  sy_test_ui_wait (400);
  g_free (sy_test_ui_save_png (window, narrow));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  sy_test_ui_wait (400);
}

/* Creates a workflow through the New dialog and waits until it is open. */
static void
create_through_dialog (Editor     *editor,
                       const char *title,
                       const char *trigger_type,
                       const char *expected_key)
{
  SyNewWorkflowDialog *dialog;
  KeyWait wait = { editor, expected_key };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor->window), "win.new-workflow", NULL));
  g_assert_true (sy_test_ui_wait_for (toplevel_shown, GSIZE_TO_POINTER (SY_TYPE_NEW_WORKFLOW_DIALOG), 3000));
  dialog = SY_NEW_WORKFLOW_DIALOG (sy_test_ui_find_toplevel (SY_TYPE_NEW_WORKFLOW_DIALOG));

  /* Create stays disabled until there is a title. */
  sy_new_workflow_dialog_set_workflow_title (dialog, "   ");
  g_assert_false (gtk_widget_is_sensitive (sy_test_ui_child (dialog, "create_button")));
  sy_new_workflow_dialog_set_workflow_title (dialog, title);
  g_assert_true (sy_new_workflow_dialog_set_trigger_type (dialog, trigger_type));
  if (g_strcmp0 (trigger_type, "schedule") == 0)
    g_assert_false (sy_new_workflow_dialog_get_sync (dialog)); /* forced async */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-workflow.create", NULL));

  g_assert_true (sy_test_ui_wait_for (key_listed, &wait, 5000));
  g_assert_true (sy_test_ui_wait_for (key_loaded, &wait, 5000));
  g_assert_cmpstr (sy_workflow_list_get_selected_key (editor->list), ==, expected_key);
}

/* ── Tests ────────────────────────────────────────────────────────────── */

static void
test_editor_create_and_edit (void)
{
  Editor editor;
  SyWorkflowDocument *document;
  SyNode *node;
  GtkWidget *field;
  GtkWidget *engine_field;
  g_autoptr(SyWorkflow) stored = NULL;
  SyNode *stored_node;
  KeyWait wait = { &editor, "order-stock" };

  editor_open (&editor);
  create_through_dialog (&editor, "Order stock", "webhook", "order-stock");
  g_assert_true (gtk_widget_is_drawable (sy_workflow_list_get_row (editor.list, "order-stock")));

  /* The trigger's settings show first, built from the webhook's fields. */
  g_assert_true (sy_inspector_is_trigger (editor.inspector));
  g_assert_nonnull (sy_inspector_get_field (editor.inspector, "methods"));

  /* The palette inserts after the selection and the inspector follows. */
  document = sy_window_get_document (editor.window);
  g_assert_true (sy_palette_activate_type (editor.palette, "calculation"));
  g_assert_cmpuint (sy_workflow_count_nodes (sy_workflow_document_get_workflow (document)), ==, 1);
  node = sy_canvas_get_selected_node (editor.canvas);
  g_assert_nonnull (node);
  g_assert_true (sy_inspector_get_node (editor.inspector) == node);

  /* Enter on its card (as a double click) moves the keyboard into its
   * settings; Escape there comes back to the card. */
  sy_canvas_select_node (editor.canvas, node);
  g_assert_true (sy_test_ui_press (GTK_WIDGET (editor.canvas), GDK_KEY_Return, 0));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor.window)),
                                         GTK_WIDGET (editor.inspector)));
  g_assert_true (sy_test_ui_press (GTK_WIDGET (editor.inspector), GDK_KEY_Escape, 0));
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (editor.window));

    g_assert_true (SY_IS_NODE_CARD (focus));
    g_assert_true (sy_node_card_get_node (SY_NODE_CARD (focus)) == node);
  }

  /* A CODE field whose language follows the "engine" member. */
  field = sy_inspector_get_field (editor.inspector, "expression");
  engine_field = sy_inspector_get_field (editor.inspector, "engine");
  g_assert_nonnull (field);
  g_assert_cmpstr (sy_field_editor_get_language (SY_FIELD_EDITOR (field)), ==, "jq");
  adw_combo_row_set_selected (ADW_COMBO_ROW (sy_field_editor_get_input (SY_FIELD_EDITOR (engine_field))), 1);
  g_assert_cmpstr (sy_field_editor_get_language (SY_FIELD_EDITOR (field)), ==, "lua");
  adw_combo_row_set_selected (ADW_COMBO_ROW (sy_field_editor_get_input (SY_FIELD_EDITOR (engine_field))), 0);
  g_assert_cmpstr (sy_field_editor_get_language (SY_FIELD_EDITOR (field)), ==, "jq");

  /* Typing reaches the document at once and the store after the pause. */
  sy_test_ui_set_text (sy_field_editor_get_input (SY_FIELD_EDITOR (field)), "[1, 2, 3] | add");
  g_assert_cmpstr (json_node_get_string (sy_node_get_config_member (node, "expression")), ==, "[1, 2, 3] | add");
  g_assert_true (sy_window_has_pending_save (editor.window));
  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &editor, 5000));

  stored = stored_workflow ("order-stock");
  stored_node = sy_workflow_find_node (stored, sy_node_get_key (node));
  g_assert_nonnull (stored_node);
  g_assert_cmpstr (json_node_get_string (sy_node_get_config_member (stored_node, "expression")), ==, "[1, 2, 3] | add");

  g_assert_true (sy_test_ui_wait_for (key_listed, &wait, 1000));
  screenshots (&editor, "editor");

  /* Undo goes through the window's action; the document follows (undo
   * may replace the node objects, keys stay). */
  {
    g_autofree char *key = g_strdup (sy_node_get_key (node));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor.window), "win.undo", NULL));
    g_assert_null (sy_node_get_config_member (sy_workflow_find_node (sy_workflow_document_get_workflow (document), key),
                                              "expression"));
  }
}

static void
test_editor_invalid_field (void)
{
  Editor editor;
  SyNode *node;
  GtkWidget *field;
  GtkWidget *problem;
  KeyWait wait = { &editor, "problems" };

  editor_open (&editor);
  create_through_dialog (&editor, "Problems", "webhook", "problems");
  g_assert_true (sy_palette_activate_type (editor.palette, "calculation"));
  node = sy_canvas_get_selected_node (editor.canvas);
  g_assert_nonnull (node);

  field = sy_inspector_get_field (editor.inspector, "expression");
  sy_test_ui_set_text (sy_field_editor_get_input (SY_FIELD_EDITOR (field)), "1 +");
  sy_test_ui_wait (50);

  /* The message sits under the field it concerns, live. */
  g_assert_nonnull (sy_field_editor_get_problem (SY_FIELD_EDITOR (field)));
  problem = NULL;
  for (GtkWidget *w = gtk_widget_get_last_child (field); w != NULL; w = gtk_widget_get_prev_sibling (w))
    if (gtk_widget_has_css_class (w, "sy-field-problem"))
      problem = w;
  g_assert_nonnull (problem);
  g_assert_true (gtk_widget_get_visible (problem));
  /* As a sentence: the engine's lower-case message, capitalised. */
  g_assert_true (g_unichar_isupper (g_utf8_get_char (gtk_label_get_text (GTK_LABEL (problem)))));
  g_assert_cmpstr (g_utf8_next_char (gtk_label_get_text (GTK_LABEL (problem))), ==,
                   g_utf8_next_char (sy_field_editor_get_problem (SY_FIELD_EDITOR (field))));

  /* Stored as a draft all the same; the header says what is left to fix. */
  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &editor, 5000));
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (sy_test_ui_child (editor.window, "window_title"))), ==,
                   "Saved · 1 problem to fix before it can run");

  /* A key that breaks the rules is refused as it is typed. */
  sy_test_ui_set_text (find_entry_row (GTK_WIDGET (editor.inspector), "Key"), "bad key!");
  g_assert_true (gtk_widget_get_visible (sy_test_ui_child (editor.inspector, "identity_problem")));
  g_assert_cmpstr (sy_node_get_key (node), !=, "bad key!");
  sy_test_ui_set_text (find_entry_row (GTK_WIDGET (editor.inspector), "Key"), "total");
  g_assert_false (gtk_widget_get_visible (sy_test_ui_child (editor.inspector, "identity_problem")));
  g_assert_cmpstr (sy_node_get_key (node), ==, "total");
  /* The node keeps its selection and its inspector through a new key. */
  g_assert_true (sy_canvas_get_selected_node (editor.canvas) == node);
  g_assert_true (sy_inspector_get_node (editor.inspector) == node);

  screenshots (&editor, "editor-problem");

  field = sy_inspector_get_field (editor.inspector, "expression");
  sy_test_ui_set_text (sy_field_editor_get_input (SY_FIELD_EDITOR (field)), "1 + 2");
  sy_test_ui_wait (50);
  g_assert_null (sy_field_editor_get_problem (SY_FIELD_EDITOR (field)));
  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &editor, 5000));
  g_assert_true (key_listed (&wait));
}

static void
test_editor_variable_picker (void)
{
  Editor editor;
  GtkWidget *field;
  GtkWidget *picker;
  g_autoptr(GPtrArray) offered = NULL;
  g_autofree char *text = NULL;
  SyNode *first;
  gboolean has_body = FALSE, has_first = FALSE, has_now = FALSE;

  editor_open (&editor);
  create_through_dialog (&editor, "Variables", "webhook", "variables");
  g_assert_true (sy_palette_activate_type (editor.palette, "calculation"));
  first = sy_canvas_get_selected_node (editor.canvas);
  g_assert_true (sy_palette_activate_type (editor.palette, "calculation"));
  g_assert_true (sy_canvas_get_selected_node (editor.canvas) != first);

  field = sy_inspector_get_field (editor.inspector, "expression");
  picker = sy_field_editor_get_picker (SY_FIELD_EDITOR (field));
  g_assert_true (SY_IS_VARIABLE_PICKER (picker));

  offered = sy_variable_picker_list (SY_VARIABLE_PICKER (picker));
  for (guint i = 0; i < offered->len; i++)
    {
      const char *placeholder = g_ptr_array_index (offered, i);
      g_autofree char *upstream = g_strdup_printf ("{{$jobsMapByNodeKey.%s}}", sy_node_get_key (first));

      has_body |= g_str_equal (placeholder, "{{$context.body}}");
      has_first |= g_str_equal (placeholder, upstream);
      has_now |= g_str_equal (placeholder, "{{$system.now}}");
    }
  g_assert_true (has_body);
  g_assert_true (has_first);
  g_assert_true (has_now);

  /* Only what runs before is offered: the node itself is not. */
  for (guint i = 0; i < offered->len; i++)
    g_assert_null (strstr (g_ptr_array_index (offered, i),
                           sy_node_get_key (sy_canvas_get_selected_node (editor.canvas))));

  /* Choosing inserts at the cursor; the text highlights the placeholder. */
  sy_test_ui_set_text (sy_field_editor_get_input (SY_FIELD_EDITOR (field)), "1 + ");
  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_parent (picker)));
  sy_test_ui_wait (300);
  g_free (sy_test_ui_save_png (picker, "variable-picker.png"));
  g_assert_true (sy_variable_picker_choose (SY_VARIABLE_PICKER (picker), "{{$system.now}}"));
  text = get_text (sy_field_editor_get_input (SY_FIELD_EDITOR (field)));
  g_assert_cmpstr (text, ==, "1 + {{$system.now}}");
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (sy_field_editor_get_input (SY_FIELD_EDITOR (field))));
    GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "sy-placeholder");
    GtkTextIter iter;

    g_assert_nonnull (tag);
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 6);
    g_assert_true (gtk_text_iter_has_tag (&iter, tag));
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 1);
    g_assert_false (gtk_text_iter_has_tag (&iter, tag));
  }
  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &editor, 5000));
}

static void
test_editor_import_by_drop (void)
{
  Editor editor;
  g_autofree char *good = g_build_filename (data_dir, "dropped.json", NULL);
  g_autofree char *bad = g_build_filename (data_dir, "broken.json", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GError) error = NULL;
  GValue value = G_VALUE_INIT;
  GSList *files;
  GtkWindow *dialog;
  const char *body;
  KeyWait wait = { &editor, "dropped-flow" };

  editor_open (&editor);

  g_file_set_contents (good,
                       "{\"format\": \"switchyard-workflow/1\", \"key\": \"dropped-flow\", \"title\": \"Dropped flow\","
                       " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
                       " \"nodes\": [{\"key\": \"sum\", \"type\": \"calculation\", \"config\": {\"expression\": \"1 + 1\"}}]}",
                       -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (bad,
                       "{\"format\": \"switchyard-workflow/1\", \"title\": \"Broken\","
                       " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
                       " \"nodes\": [{\"key\": \"a\", \"type\": \"no-such-type\"},"
                       "             {\"key\": \"b\", \"type\": \"calculation\", \"config\": {\"expression\": \"1 +\"}}]}",
                       -1, &error);
  g_assert_no_error (error);

  /* What GTK hands the window's drop target. */
  files = g_slist_prepend (NULL, good_file);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);
  g_assert_true (sy_window_handle_drop (editor.window, &value));
  g_value_unset (&value);
  g_assert_true (sy_test_ui_wait_for (key_listed, &wait, 5000));
  g_assert_true (sy_test_ui_wait_for (key_loaded, &wait, 5000));

  /* A broken file: every problem, each with its path, in one dialog. */
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, bad_file);
  g_assert_true (sy_window_handle_drop (editor.window, &value));
  g_value_unset (&value);
  g_assert_true (sy_test_ui_wait_for (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 3000));
  dialog = sy_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "nodes[0]"));
  g_assert_nonnull (strstr (body, "nodes[1].config.expression"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  sy_test_ui_wait (300);
  g_free (sy_test_ui_save_png (GTK_WIDGET (dialog), "import-problems.png"));
  gtk_window_close (dialog);
  g_assert_null (sy_workflow_list_lookup (editor.list, "broken"));
}

static void
test_editor_delete_undo (void)
{
  Editor editor;
  KeyWait wait = { &editor, "throwaway" };
  g_autoptr(SyWorkflow) restored = NULL;

  editor_open (&editor);
  create_through_dialog (&editor, "Throwaway", "webhook", "throwaway");
  g_assert_true (sy_palette_activate_type (editor.palette, "calculation"));
  sy_test_ui_set_text (sy_field_editor_get_input (SY_FIELD_EDITOR (sy_inspector_get_field (editor.inspector, "expression"))), "42");
  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &editor, 5000));

  /* The toast is the only confirmation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor.window), "win.delete", NULL));
  g_assert_true (sy_test_ui_wait_for (key_gone, &wait, 5000));
  g_assert_null (sy_window_get_document (editor.window));
  g_assert_cmpstr (sy_workflow_list_get_selected_key (editor.list), ==, NULL);

  /* Undo (the toast's button) imports the exported document again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor.window), "win.undo-delete", "s", "throwaway"));
  g_assert_true (sy_test_ui_wait_for (key_listed, &wait, 5000));
  g_assert_true (sy_test_ui_wait_for (key_loaded, &wait, 5000));
  restored = stored_workflow ("throwaway");
  g_assert_cmpuint (sy_workflow_count_nodes (restored), ==, 1);
  g_assert_cmpstr (json_node_get_string (sy_node_get_config_member (sy_workflow_get_head (restored), "expression")), ==, "42");

  /* Duplicate makes "<title> copy" with its own key. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor.window), "win.duplicate", NULL));
  wait.key = "throwaway-copy";
  g_assert_true (sy_test_ui_wait_for (key_listed, &wait, 5000));
  g_assert_cmpstr (sy_workflow_list_lookup (editor.list, "throwaway-copy")->title, ==, "Throwaway copy");

  /* Search filters by title or key. */
  sy_workflow_list_set_query (editor.list, "copy");
  g_assert_cmpuint (sy_workflow_list_get_n_visible (editor.list), ==, 1);
  sy_workflow_list_set_query (editor.list, NULL);
  g_assert_cmpuint (sy_workflow_list_get_n_visible (editor.list), ==, sy_workflow_list_get_n_workflows (editor.list));
}

/* ── Drafts with problems ─────────────────────────────────────────────── */

static gboolean
problems_indicated (gpointer data)
{
  KeyWait *wait = data;
  GtkWidget *row = sy_workflow_list_get_row (wait->editor->list, wait->key);

  return row != NULL && gtk_widget_get_visible (g_object_get_data (G_OBJECT (row), "problems"));
}

static gboolean
no_problems_indicated (gpointer data)
{
  KeyWait *wait = data;
  GtkWidget *row = sy_workflow_list_get_row (wait->editor->list, wait->key);

  return row != NULL && !gtk_widget_get_visible (g_object_get_data (G_OBJECT (row), "problems"));
}

static gboolean
key_enabled (gpointer data)
{
  KeyWait *wait = data;
  const SyVersionRow *row = sy_workflow_list_lookup (wait->editor->list, wait->key);

  return row != NULL && row->enabled;
}

static GtkSwitch *
row_switch (Editor     *editor,
            const char *key)
{
  return g_object_get_data (G_OBJECT (sy_workflow_list_get_row (editor->list, key)), "switch");
}

static gboolean
problems_dialog_shown (gpointer data)
{
  GtkWindow *dialog = sy_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_widget_has_css_class (GTK_WIDGET (dialog), "sy-problems-dialog");
}

/* The dialog saying why; answers it with `response`. Returns its body. */
static char *
answer_problems_dialog (const char *png,
                        const char *response)
{
  GtkWindow *dialog;
  char *body;

  g_assert_true (sy_test_ui_wait_for (problems_dialog_shown, NULL, 5000));
  dialog = sy_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  body = g_strdup (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  if (png != NULL)
    {
      gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
      sy_test_ui_wait (300);
      g_free (sy_test_ui_save_png (GTK_WIDGET (dialog), png));
    }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
  return body;
}

/* Insert a node with an empty required field, switch workflows, come back:
 * the node is there. Enabling and executing say what to fix; fixed, it enables. */
static void
test_editor_draft_with_problems (void)
{
  Editor editor;
  SyWorkflowDocument *document;
  g_autofree char *node_key = NULL;
  g_autofree char *body = NULL;
  g_autofree char *body2 = NULL;
  g_autoptr(SyWorkflow) stored = NULL;
  KeyWait draft = { &editor, "half-done" };
  KeyWait other = { &editor, "elsewhere" };
  GtkWidget *field;

  editor_open (&editor);
  create_through_dialog (&editor, "Elsewhere", "webhook", "elsewhere");
  create_through_dialog (&editor, "Half done", "webhook", "half-done");

  /* Just inserted: its expression is still empty. Switch away at once. */
  g_assert_true (sy_palette_activate_type (editor.palette, "calculation"));
  node_key = g_strdup (sy_node_get_key (sy_canvas_get_selected_node (editor.canvas)));
  g_assert_true (sy_window_has_pending_save (editor.window));
  sy_workflow_list_select_key (editor.list, "elsewhere");
  g_assert_true (sy_test_ui_wait_for (key_loaded, &other, 5000));
  g_assert_true (sy_test_ui_wait_for (problems_indicated, &draft, 5000));
  g_assert_true (no_problems_indicated (&other));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (g_object_get_data (G_OBJECT (sy_workflow_list_get_row (editor.list, "half-done")),
                                                                            "problems")),
                            "1 problem"));
  screenshots (&editor, "editor-draft-sidebar");

  stored = stored_workflow ("half-done");
  g_assert_nonnull (sy_workflow_find_node (stored, node_key));

  /* Back again: the node is there, with its problem. */
  sy_workflow_list_select_key (editor.list, "half-done");
  g_assert_true (sy_test_ui_wait_for (key_loaded, &draft, 5000));
  document = sy_window_get_document (editor.window);
  g_assert_nonnull (sy_workflow_find_node (sy_workflow_document_get_workflow (document), node_key));
  g_assert_cmpuint (sy_workflow_document_get_problems (document)->len, ==, 1);

  /* Enabling is refused with the problem in words; the switch goes back. */
  gtk_switch_set_active (row_switch (&editor, "half-done"), TRUE);
  body = answer_problems_dialog ("problems-enable.png", "show");
  g_assert_nonnull (strstr (body, "Fix this problem first:"));
  g_assert_nonnull (strstr (body, "› Expression: an expression is required"));
  g_assert_true (sy_test_ui_wait_for (no_problems_indicated, &other, 5000));
  g_assert_false (key_enabled (&draft));
  /* "Show Problem" selected the node. */
  g_assert_cmpstr (sy_node_get_key (sy_canvas_get_selected_node (editor.canvas)), ==, node_key);
  g_assert_true (sy_test_ui_wait_for (key_listed, &draft, 1000));
  g_assert_false (gtk_switch_get_active (row_switch (&editor, "half-done")));

  /* Execute says the same before asking for a context. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor.window), "win.execute", NULL));
  body2 = answer_problems_dialog (NULL, "close");
  g_assert_nonnull (strstr (body2, "an expression is required"));
  g_assert_null (sy_test_ui_find_toplevel (SY_TYPE_EXECUTE_DIALOG));

  /* Fixed: saved, the mark goes, enabling works. */
  field = sy_inspector_get_field (editor.inspector, "expression");
  sy_test_ui_set_text (sy_field_editor_get_input (SY_FIELD_EDITOR (field)), "1 + 1");
  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &editor, 5000));
  g_assert_true (sy_test_ui_wait_for (no_problems_indicated, &draft, 5000));
  gtk_switch_set_active (row_switch (&editor, "half-done"), TRUE);
  g_assert_true (sy_test_ui_wait_for (key_enabled, &draft, 5000));
}

/* ── Structured fields: rules, forms, assignees ──────────────────────── */

static JsonNode *
stored_config_member (const char *workflow_key,
                      const char *node_key,
                      const char *member)
{
  g_autoptr(SyWorkflow) stored = stored_workflow (workflow_key);
  SyNode *node = sy_workflow_find_node (stored, node_key);

  g_assert_nonnull (node);
  return sy_node_get_config_member (node, member) != NULL ? json_node_copy (sy_node_get_config_member (node, member))
                                                          : NULL;
}

static void
assert_json (JsonNode   *node,
             const char *expected)
{
  g_autoptr(JsonNode) wanted = json_from_string (expected, NULL);
  g_autofree char *found = node != NULL ? json_to_string (node, FALSE) : g_strdup ("(nothing)");

  g_assert_nonnull (wanted);
  if (node == NULL || !json_node_equal (node, wanted))
    g_error ("expected %s, found %s", expected, found);
}

/* Scrolls the inspector so that `widget` is at its top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_point_t point;

  g_assert_nonnull (scrolled);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &point));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, point.y - 12);
}

static GtkWidget *
structured_input (Editor     *editor,
                  const char *member)
{
  GtkWidget *field = sy_inspector_get_field (editor->inspector, member);

  g_assert_nonnull (field);
  return sy_field_editor_get_input (SY_FIELD_EDITOR (field));
}

/* Condition rules, a manual step's form and its assignees, edited through
 * their widgets and checked in the store. */
static void
test_editor_structured_fields (void)
{
  Editor editor;
  SyConditionsEditor *rules;
  SyFormFieldsEditor *form;
  SyPeopleEditor *people;
  GtkWidget *rule;
  GtkWidget *group;
  GtkWidget *field;
  GtkWidget *choice;
  GtkWidget *variable;
  g_autofree char *condition_key = NULL;
  g_autofree char *manual_key = NULL;
  g_autoptr(JsonNode) calculation = NULL;
  g_autoptr(JsonNode) stored_form = NULL;
  g_autoptr(JsonNode) assignees = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  GList *rows;

  editor_open (&editor);
  create_through_dialog (&editor, "Structured", "webhook", "structured");

  /* Rules: one rule, then a group of two where either may hold. */
  g_assert_true (sy_palette_activate_type (editor.palette, "condition"));
  condition_key = g_strdup (sy_node_get_key (sy_canvas_get_selected_node (editor.canvas)));
  rules = SY_CONDITIONS_EDITOR (structured_input (&editor, "calculation"));
  rule = sy_conditions_editor_add_rule (rules, NULL);
  sy_test_ui_set_text (sy_conditions_editor_get_part (rule, "left"), "{{$context.body.qty}}");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sy_conditions_editor_get_part (rule, "operator")), 2);
  sy_test_ui_set_text (sy_conditions_editor_get_part (rule, "right"), "5");
  group = sy_conditions_editor_add_group (rules, NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sy_conditions_editor_get_part (group, "mode")), 1);
  rows = sy_conditions_editor_get_items (rules, group);
  g_assert_cmpuint (g_list_length (rows), ==, 1);
  sy_test_ui_set_text (sy_conditions_editor_get_part (rows->data, "left"), "{{$context.body.note}}");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sy_conditions_editor_get_part (rows->data, "operator")), 6);
  sy_test_ui_set_text (sy_conditions_editor_get_part (rows->data, "right"), "urgent");
  g_list_free (rows);
  rule = sy_conditions_editor_add_rule (rules, group);
  sy_test_ui_set_text (sy_conditions_editor_get_part (rule, "left"), "{{$context.body.vip}}");
  sy_test_ui_set_text (sy_conditions_editor_get_part (rule, "right"), "true");
  /* The picker next to an operand offers the trigger's context. */
  {
    GtkWidget *picker = sy_variable_button_get_picker (SY_VARIABLE_BUTTON (sy_conditions_editor_get_part (rule, "left-variables")));
    g_autoptr(GPtrArray) offered = sy_variable_picker_list (SY_VARIABLE_PICKER (picker));

    g_assert_true (g_ptr_array_find_with_equal_func (offered, "{{$context.body}}", g_str_equal, NULL));
  }
  screenshots (&editor, "field-conditions");

  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &editor, 5000));
  calculation = stored_config_member ("structured", condition_key, "calculation");
  assert_json (calculation,
               "{\"group\": {\"type\": \"and\", \"calculations\": ["
               " {\"calculator\": \"gt\", \"operands\": [\"{{$context.body.qty}}\", 5]},"
               " {\"group\": {\"type\": \"or\", \"calculations\": ["
               "   {\"calculator\": \"includes\", \"operands\": [\"{{$context.body.note}}\", \"urgent\"]},"
               "   {\"calculator\": \"equal\", \"operands\": [\"{{$context.body.vip}}\", true]}]}}]}}");

  /* Removing the first rule leaves the group. */
  rows = sy_conditions_editor_get_items (rules, NULL);
  sy_conditions_editor_remove (rules, rows->data);
  g_list_free (rows);
  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &editor, 5000));
  g_clear_pointer (&calculation, json_node_unref);
  calculation = stored_config_member ("structured", condition_key, "calculation");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (json_node_get_object (calculation), "group"),
                                                                         "calculations")), ==, 1);

  /* A manual step: its form, built field by field. */
  sy_canvas_select_node (editor.canvas, NULL);
  g_assert_true (sy_palette_activate_type (editor.palette, "manual"));
  manual_key = g_strdup (sy_node_get_key (sy_canvas_get_selected_node (editor.canvas)));
  form = SY_FORM_FIELDS_EDITOR (structured_input (&editor, "form"));
  field = sy_form_fields_editor_add_field (form);
  sy_test_ui_set_text (sy_form_fields_editor_get_part (field, "label"), "Quantity");
  sy_test_ui_set_text (sy_form_fields_editor_get_part (field, "name"), "qty");
  adw_combo_row_set_selected (ADW_COMBO_ROW (sy_form_fields_editor_get_part (field, "type")), 2);
  sy_test_ui_set_text (sy_form_fields_editor_get_part (field, "default"), "{{$context.body.qty}}");
  gtk_switch_set_active (GTK_SWITCH (sy_form_fields_editor_get_part (field, "required")), TRUE);
  choice = sy_form_fields_editor_add_field (form);
  sy_test_ui_set_text (sy_form_fields_editor_get_part (choice, "label"), "Size");
  sy_test_ui_set_text (sy_form_fields_editor_get_part (choice, "name"), "size");
  adw_combo_row_set_selected (ADW_COMBO_ROW (sy_form_fields_editor_get_part (choice, "type")), 5);
  sy_test_ui_set_text (sy_form_fields_editor_add_option (form, choice), "small");
  sy_test_ui_set_text (sy_form_fields_editor_add_option (form, choice), "large");
  sy_form_fields_editor_move_field (form, choice, -1);

  /* Assignees: "me" by default, plus whoever a variable names. */
  people = SY_PEOPLE_EDITOR (structured_input (&editor, "assignees"));
  rows = sy_people_editor_get_rows (people);
  g_assert_cmpuint (g_list_length (rows), ==, 1);
  g_list_free (rows);
  variable = sy_people_editor_add_variable (people);
  sy_test_ui_set_text (variable, "{{$context.body.approver}}");
  g_assert_nonnull (sy_people_editor_get_variables (variable));
  screenshots (&editor, "field-form-people");
  /* The form sits below the fold of the inspector. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (field), FALSE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (choice), TRUE);
  sy_test_ui_wait (200);
  scroll_to (GTK_WIDGET (form));
  screenshots (&editor, "field-form");

  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &editor, 5000));
  stored_form = stored_config_member ("structured", manual_key, "form");
  assert_json (stored_form,
               "[{\"name\": \"size\", \"label\": \"Size\", \"type\": \"choice\", \"options\": [\"small\", \"large\"]},"
               " {\"name\": \"qty\", \"label\": \"Quantity\", \"type\": \"number\","
               "  \"default\": \"{{$context.body.qty}}\", \"required\": true}]");
  assignees = stored_config_member ("structured", manual_key, "assignees");
  assert_json (assignees, "[\"me\", \"{{$context.body.approver}}\"]");

  /* Removing a field and an assignee reaches the store too. */
  sy_form_fields_editor_remove_field (form, choice);
  rows = sy_people_editor_get_rows (people);
  sy_people_editor_remove (people, rows->data);
  g_list_free (rows);
  /* "me" is offered again once it is not an assignee. */
  choices = sy_people_editor_list_choices (people);
  g_assert_cmpuint (choices->len, >=, 1);
  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &editor, 5000));
  g_clear_pointer (&stored_form, json_node_unref);
  g_clear_pointer (&assignees, json_node_unref);
  stored_form = stored_config_member ("structured", manual_key, "form");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (stored_form)), ==, 1);
  assignees = stored_config_member ("structured", manual_key, "assignees");
  assert_json (assignees, "[\"{{$context.body.approver}}\"]");
}

/* ── Trigger info: webhook address and curl, schedule in words ──────── */

static SyTriggerInfo *
trigger_info (Editor *editor)
{
  return SY_TRIGGER_INFO (sy_test_ui_child (editor->inspector, "trigger_info"));
}

static void
set_trigger_member (Editor     *editor,
                    const char *member,
                    const char *json)
{
  g_autoptr(JsonNode) value = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (value);
  g_assert_true (sy_workflow_document_set_trigger_config (sy_window_get_document (editor->window), member, value,
                                                          &error));
  g_assert_no_error (error);
}

/* What this process put on the clipboard (it owns it: no round trip). */
static char *
clipboard_text (GtkWidget *widget)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
  GValue value = G_VALUE_INIT;
  char *text;

  g_assert_true (gdk_clipboard_is_local (clipboard));
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  text = g_value_dup_string (&value);
  g_value_unset (&value);
  return text;
}

static void
test_editor_webhook_info (void)
{
  Editor editor;
  SyTriggerInfo *info;
  g_autofree char *url = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *copied_curl = NULL;

  editor_open (&editor);
  create_through_dialog (&editor, "Hook info", "webhook", "hook-info");
  info = trigger_info (&editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (info)));

  /* The address the webhook server answers, and curl posting the sample body. */
  url = sy_webhook_server_url_for (sy_application_get_engine (app), "hook-info");
  g_assert_true (g_str_has_suffix (url, "/hooks/hook-info"));
  g_assert_cmpstr (sy_trigger_info_get_url (info), ==, url);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sy_test_ui_child (info, "url_label"))), ==, url);
  g_assert_true (g_str_has_prefix (sy_trigger_info_get_curl (info), "curl -X POST 'http://"));
  g_assert_nonnull (strstr (sy_trigger_info_get_curl (info), "-H 'Content-Type: application/json'"));
  g_assert_nonnull (strstr (sy_trigger_info_get_curl (info), "-d '{"));
  screenshots (&editor, "trigger-webhook");

  /* The copy buttons put exactly what is shown on the clipboard. */
  g_signal_emit_by_name (sy_test_ui_child (info, "copy_url_button"), "clicked");
  copied = clipboard_text (GTK_WIDGET (info));
  g_assert_cmpstr (copied, ==, url);
  g_signal_emit_by_name (sy_test_ui_child (info, "copy_curl_button"), "clicked");
  copied_curl = clipboard_text (GTK_WIDGET (info));
  g_assert_cmpstr (copied_curl, ==, sy_trigger_info_get_curl (info));

  /* It follows the settings: a bearer token, then GET without a body. */
  set_trigger_member (&editor, "auth", "{\"type\": \"bearer\", \"secret\": \"hook-token\"}");
  g_assert_nonnull (strstr (sy_trigger_info_get_curl (info), "-H 'Authorization: Bearer TOKEN'"));
  set_trigger_member (&editor, "methods", "[\"GET\"]");
  {
    g_autofree char *expected = g_strdup_printf ("curl '%s' \\\n  -H 'Authorization: Bearer TOKEN'", url);

    g_assert_cmpstr (sy_trigger_info_get_curl (info), ==, expected);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sy_test_ui_child (info, "curl_label"))), ==, expected);
  }
}

static void
test_editor_schedule_info (void)
{
  Editor editor;
  SyTriggerInfo *info;
  g_autoptr(GDateTime) friday = g_date_time_new_local (2025, 3, 7, 10, 0, 0);
  GPtrArray *times;
  GtkWidget *repeat;

  editor_open (&editor);
  create_through_dialog (&editor, "Weekday report", "schedule", "weekday-report");
  info = trigger_info (&editor);
  sy_trigger_info_set_now (info, friday);

  /* Typed into the trigger's own fields: it reads along. */
  sy_test_ui_set_text (sy_field_editor_get_input (SY_FIELD_EDITOR (sy_inspector_get_field (editor.inspector, "startsOn"))),
            "2025-03-01T00:00:00");
  repeat = sy_field_editor_get_input (SY_FIELD_EDITOR (sy_inspector_get_field (editor.inspector, "repeat")));
  sy_test_ui_set_text (repeat, "0 0 9 * * 1-5");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (info)));
  g_assert_null (sy_trigger_info_get_problem (info));
  /* A new schedule starts with its mode written out: nothing to fix. */
  g_assert_cmpuint (sy_workflow_document_get_problems (sy_window_get_document (editor.window))->len, ==, 0);
  g_assert_nonnull (strstr (sy_trigger_info_get_schedule (info), "09:00"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sy_test_ui_child (info, "schedule_label"))), ==,
                   sy_trigger_info_get_schedule (info));

  /* The next five weekdays at nine, after Friday 10:00. */
  times = sy_trigger_info_get_fire_times (info);
  g_assert_cmpuint (times->len, ==, SY_TRIGGER_INFO_N_FIRES);
  for (guint i = 0; i < times->len; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (2025, 3, 10 + i, 9, 0, 0);
      g_autofree char *expected = g_date_time_format (day, "%a %-d %b %Y, %H:%M");

      g_assert_cmpstr (g_ptr_array_index (times, i), ==, expected);
    }
  screenshots (&editor, "trigger-schedule");

  /* A repeat that cannot be read says why, and lists nothing. */
  sy_test_ui_set_text (repeat, "every tuesday");
  g_assert_nonnull (sy_trigger_info_get_problem (info));
  g_assert_nonnull (strstr (sy_trigger_info_get_problem (info), "repeat"));
  g_assert_cmpuint (sy_trigger_info_get_fire_times (info)->len, ==, 0);
  g_assert_true (gtk_widget_get_visible (sy_test_ui_child (info, "schedule_problem")));
  g_assert_false (gtk_widget_get_visible (sy_test_ui_child (info, "fires_list")));

  /* An interval counts from the start. */
  sy_test_ui_set_text (repeat, "3600000");
  g_assert_null (sy_trigger_info_get_problem (info));
  times = sy_trigger_info_get_fire_times (info);
  g_assert_cmpuint (times->len, ==, SY_TRIGGER_INFO_N_FIRES);
  {
    g_autoptr(GDateTime) eleven = g_date_time_new_local (2025, 3, 7, 11, 0, 0);
    g_autofree char *expected = g_date_time_format (eleven, "%a %-d %b %Y, %H:%M");

    g_assert_cmpstr (g_ptr_array_index (times, 0), ==, expected);
  }

  /* Other triggers have nothing to add. */
  sy_canvas_select_node (editor.canvas, NULL);
  g_assert_true (sy_palette_activate_type (editor.palette, "calculation"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (info)));
}

/* ── Versions ─────────────────────────────────────────────────────────── */

typedef struct
{
  Editor *editor;
  guint   version;
} VersionWait;

static gboolean
version_loaded (gpointer data)
{
  VersionWait *wait = data;
  guint version = 0;

  g_object_get (wait->editor->window, "loaded-version", &version, NULL);
  return version == wait->version && sy_window_get_document (wait->editor->window) != NULL;
}

/* The version menu's label for `version` ("Version 2 · enabled"), or NULL. */
static char *
version_menu_label (Editor *editor,
                    guint   version)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (sy_test_ui_child (editor->window, "version_button")));
  g_autofree char *prefix = g_strdup_printf ("Version %u", version);
  GMenuModel *section;

  if (menu == NULL || g_menu_model_get_n_items (menu) == 0)
    return NULL;
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autofree char *label = NULL;

      g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      if (label != NULL && (g_str_equal (label, prefix) || g_str_has_prefix (label, prefix)) &&
          (label[strlen (prefix)] == '\0' || label[strlen (prefix)] == ' '))
        {
          g_object_unref (section);
          return g_steal_pointer (&label);
        }
    }
  g_object_unref (section);
  return NULL;
}

typedef struct
{
  Editor     *editor;
  guint       version;
  const char *label;
} LabelWait;

static gboolean
version_label_is (gpointer data)
{
  LabelWait *wait = data;
  g_autofree char *label = version_menu_label (wait->editor, wait->version);

  return g_strcmp0 (label, wait->label) == 0;
}

/* Whether the sidebar lists `key` with `version` enabled. It refreshes on
 * the engine's "workflows-changed", apart from the version menu (which the
 * window refreshes when the engine answers): wait for each on its own. */
static gboolean
listed_enabled_version_is (gpointer data)
{
  VersionWait *wait = data;
  const SyVersionRow *row = sy_workflow_list_lookup (wait->editor->list, "two-versions");

  return row != NULL && row->enabled && row->version == wait->version;
}

/* "Enable This Version" in the version menu: the version in the editor
 * becomes the enabled one and the one enabled before is disabled. */
static void
test_editor_enable_version (void)
{
  Editor editor;
  SyEngine *engine = sy_application_get_engine (app);
  g_autoptr(SyWorkflow) second = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(GError) error = NULL;
  AsyncWait saving = { NULL };
  KeyWait listed = { &editor, "two-versions" };
  VersionWait on_two = { &editor, 2 };
  VersionWait on_one = { &editor, 1 };
  LabelWait two_enabled = { &editor, 2, "Version 2 · enabled" };
  LabelWait one_enabled = { &editor, 1, "Version 1 · enabled" };
  LabelWait two_plain = { &editor, 2, "Version 2" };
  LabelWait one_plain = { &editor, 1, "Version 1" };

  editor_open (&editor);
  create_through_dialog (&editor, "Two versions", "webhook", "two-versions");
  g_assert_true (sy_palette_activate_type (editor.palette, "calculation"));
  sy_test_ui_set_text (sy_field_editor_get_input (SY_FIELD_EDITOR (sy_inspector_get_field (editor.inspector, "expression"))), "1");
  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &editor, 5000));

  /* Version 1 enabled by its switch; version 2 stored beside it. */
  gtk_switch_set_active (row_switch (&editor, "two-versions"), TRUE);
  g_assert_true (sy_test_ui_wait_for (key_enabled, &listed, 5000));
  second = stored_workflow ("two-versions");
  sy_workflow_set_version_id (second, 0);
  sy_workflow_set_enabled (second, FALSE);
  sy_engine_save_async (engine, second, NULL, async_done, &saving);
  g_assert_true (sy_test_ui_wait_for (async_finished, &saving, 5000));
  row = sy_engine_save_finish (engine, saving.result, &error);
  g_object_unref (saving.result);
  g_assert_no_error (error);
  g_assert_cmpuint (row->version, ==, 2);

  g_assert_true (sy_test_ui_wait_for (version_label_is, &one_enabled, 5000));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor.window), "win.load-version", "u", 2));
  g_assert_true (sy_test_ui_wait_for (version_loaded, &on_two, 5000));
  g_assert_true (sy_test_ui_wait_for (version_label_is, &two_plain, 5000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor.window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor.window), "win.enable-version", NULL));
  g_assert_true (sy_test_ui_wait_for (version_label_is, &two_enabled, 5000));
  g_assert_true (sy_test_ui_wait_for (version_label_is, &one_plain, 5000));
  g_assert_true (sy_test_ui_wait_for (listed_enabled_version_is, &on_two, 5000));

  /* And back: enabling version 1 disables version 2. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor.window), "win.load-version", "u", 1));
  g_assert_true (sy_test_ui_wait_for (version_loaded, &on_one, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor.window), "win.enable-version", NULL));
  g_assert_true (sy_test_ui_wait_for (version_label_is, &one_enabled, 5000));
  g_assert_true (sy_test_ui_wait_for (version_label_is, &two_plain, 5000));
  g_assert_true (sy_test_ui_wait_for (listed_enabled_version_is, &on_one, 5000));
}

static gboolean
read_only_shown (gpointer data)
{
  Editor *editor = data;
  SyWorkflowDocument *document = sy_window_get_document (editor->window);

  return document != NULL && sy_workflow_document_get_read_only (document);
}

static gboolean
execution_shown (gpointer data)
{
  Editor *editor = data;
  SyExecutionsView *view = SY_EXECUTIONS_VIEW (sy_test_ui_child (editor->window, "executions_view"));

  return sy_executions_view_get_shown_id (view) > 0 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (sy_test_ui_child (editor->window, "content_stack"))),
                    "executions") == 0;
}

static gboolean
writable_again (gpointer data)
{
  return !read_only_shown (data);
}

static void
test_editor_execute_and_frozen (void)
{
  Editor editor;
  SyExecuteDialog *dialog;
  SyWorkflowDocument *document;
  g_autoptr(GError) error = NULL;
  g_autofree char *context = NULL;
  GtkWidget *field;

  editor_open (&editor);
  create_through_dialog (&editor, "Runs once", "webhook", "runs-once");
  g_assert_true (sy_palette_activate_type (editor.palette, "calculation"));
  sy_test_ui_set_text (sy_field_editor_get_input (SY_FIELD_EDITOR (sy_inspector_get_field (editor.inspector, "expression"))), "6 * 7");

  /* Execute: the dialog starts from the trigger's sample context. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor.window), "win.execute", NULL));
  g_assert_true (sy_test_ui_wait_for (toplevel_shown, GSIZE_TO_POINTER (SY_TYPE_EXECUTE_DIALOG), 3000));
  dialog = SY_EXECUTE_DIALOG (sy_test_ui_find_toplevel (SY_TYPE_EXECUTE_DIALOG));
  context = sy_execute_dialog_get_context_text (dialog);
  g_assert_nonnull (strstr (context, "body"));
  sy_execute_dialog_set_context_text (dialog, "{ not json");
  g_assert_nonnull (sy_execute_dialog_get_error (dialog));
  g_assert_false (gtk_widget_is_sensitive (sy_test_ui_child (dialog, "execute_button")));
  sy_execute_dialog_set_context_text (dialog, "{\"body\": {\"qty\": 2}}");
  g_assert_null (sy_execute_dialog_get_error (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  sy_test_ui_wait (200);
  g_free (sy_test_ui_save_png (GTK_WIDGET (dialog), "execute-dialog.png"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "execute.run", NULL));

  /* The version has run: read-only, with the banner. */
  g_assert_true (sy_test_ui_wait_for (read_only_shown, &editor, 10000));

  /* The new execution opened in the workflow's history; the History
   * toggle leads back to the editor. */
  g_assert_true (sy_test_ui_wait_for (execution_shown, &editor, 5000));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (sy_test_ui_child (editor.window, "history_button"))));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (sy_test_ui_child (editor.window, "history_button")), FALSE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (sy_test_ui_child (editor.window, "content_stack"))), ==, "editor");

  document = sy_window_get_document (editor.window);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (sy_test_ui_child (editor.window, "frozen_revealer"))));
  g_assert_null (sy_workflow_document_insert_node (document, NULL, NULL, 0, "calculation", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  gtk_widget_activate_action (GTK_WIDGET (editor.canvas), "canvas.zoom-fit", NULL);
  sy_canvas_select_node (editor.canvas, sy_workflow_get_head (sy_workflow_document_get_workflow (document)));
  field = sy_inspector_get_field (editor.inspector, "expression");
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (sy_field_editor_get_input (SY_FIELD_EDITOR (field)))));
  screenshots (&editor, "editor-frozen");

  /* Duplicate as New Version opens version 2, writable. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor.window), "win.duplicate-version", NULL));
  g_assert_true (sy_test_ui_wait_for (writable_again, &editor, 5000));
  {
    guint version = 0;

    g_object_get (editor.window, "loaded-version", &version, NULL);
    g_assert_cmpuint (version, ==, 2);
  }
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (sy_test_ui_child (editor.window, "frozen_revealer"))));

  /* Picking version 1 in the version menu shows it read-only again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor.window), "win.load-version", "u", 1));
  g_assert_true (sy_test_ui_wait_for (read_only_shown, &editor, 5000));
}

static void
test_editor_save_on_close (void)
{
  Editor editor;
  g_autoptr(SyWorkflow) stored = NULL;
  SyWorkflowDocument *document;

  editor_open (&editor);
  create_through_dialog (&editor, "Closing", "webhook", "closing");
  document = sy_window_get_document (editor.window);
  g_assert_true (sy_workflow_document_set_title (document, "Closing time", NULL));
  g_assert_true (sy_window_has_pending_save (editor.window));

  /* Closing before the pause is over still stores the edit. */
  g_object_ref (editor.window);
  gtk_window_close (GTK_WINDOW (editor.window));
  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &editor, 5000));
  sy_test_ui_wait (100);
  g_object_unref (editor.window);

  stored = stored_workflow ("closing");
  g_assert_cmpstr (sy_workflow_get_title (stored), ==, "Closing time");
}

static const char *
window_subtitle (Editor *editor)
{
  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (sy_test_ui_child (editor->window, "window_title")));
}

/* An edit large enough that saving it needs the database to grow. */
static void
make_big_edit (Editor     *editor,
               const char *title)
{
  SyWorkflowDocument *document = sy_window_get_document (editor->window);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonNode) value = NULL;
  SyNode *node;

  while (text->len < 512 * 1024)
    g_string_append_printf (text, "%u ", g_test_rand_int ());
  value = json_node_init_string (json_node_alloc (), text->str);
  g_assert_true (sy_palette_activate_type (editor->palette, "calculation"));
  node = sy_canvas_get_selected_node (editor->canvas);
  /* Not shown in a field: laying out half a megabyte of text is slow. */
  sy_canvas_select_node (editor->canvas, NULL);
  sy_inspector_show_trigger (editor->inspector);
  g_assert_true (sy_workflow_document_set_node_config (document, node, "expression", value, NULL));
  g_assert_true (sy_workflow_document_set_title (document, title, NULL));
}

static gboolean
document_titled (gpointer data)
{
  Editor *editor = ((KeyWait *) data)->editor;
  SyWorkflowDocument *document = sy_window_get_document (editor->window);

  return document != NULL && !sy_window_has_pending_save (editor->window) &&
         g_strcmp0 (sy_workflow_get_title (sy_workflow_document_get_workflow (document)),
                    ((KeyWait *) data)->key) == 0;
}

/* Saved after a failed save: "Not saved" is gone too. */
static gboolean
saved_again (gpointer data)
{
  Editor *editor = data;

  return sy_test_editor_saved (editor) && g_str_has_prefix (window_subtitle (editor), "Saved");
}

/* A save the disk refuses: the window says so, the edits stay in the editor
 * (or, when the workflow was closed meanwhile, are kept to reopen), and the
 * window does not close over them without asking. */
static void
test_editor_save_on_full_disk (void)
{
  Editor editor;
  g_autoptr(SyWorkflow) stored = NULL;
  KeyWait full = { &editor, "disk-full" };
  KeyWait other = { &editor, "disk-other" };
  KeyWait reopened = { &editor, "Disk full, switched away" };
  GtkWindow *dialog;
  /* The engine logs what it could not save as warnings: expected here. */
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  editor_open (&editor);
  create_through_dialog (&editor, "Disk other", "webhook", "disk-other");
  create_through_dialog (&editor, "Disk full", "webhook", "disk-full");
  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &editor, 5000));

  /* In the editor: "Not saved", and the edit is still there. */
  sy_test_disk_set_room (0);
  make_big_edit (&editor, "Disk full, edited");
  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &editor, 5000));
  g_assert_cmpuint (sy_test_disk_get_refusals (), >, 0);
  g_assert_cmpstr (window_subtitle (&editor), ==, "Not saved");
  g_assert_cmpstr (sy_workflow_get_title (sy_workflow_document_get_workflow (sy_window_get_document (editor.window))),
                   ==, "Disk full, edited");
  stored = stored_workflow ("disk-full");
  g_assert_cmpstr (sy_workflow_get_title (stored), ==, "Disk full");
  g_clear_object (&stored);
  screenshots (&editor, "editor-not-saved");

  /* Switching away with edits the disk refuses: the other workflow is not
   * marked, and the edits come back with Reopen. */
  g_assert_true (sy_workflow_document_set_title (sy_window_get_document (editor.window),
                                                 "Disk full, switched away", NULL));
  sy_workflow_list_select_key (editor.list, "disk-other");
  g_assert_true (sy_test_ui_wait_for (key_loaded, &other, 5000));
  sy_test_ui_wait (300);
  g_assert_false (sy_window_has_pending_save (editor.window));
  g_assert_cmpstr (window_subtitle (&editor), !=, "Not saved");
  screenshots (&editor, "editor-not-saved-elsewhere");

  /* Still full: closing asks first, and Keep Editing brings the edits back. */
  g_object_ref (editor.window);
  gtk_window_close (GTK_WINDOW (editor.window));
  dialog = sy_test_ui_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, 3000);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "“Disk full, switched away”"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  g_assert_true (sy_test_ui_wait_for (key_loaded, &full, 5000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor.window)));

  g_assert_true (sy_test_ui_wait_for (document_titled, &reopened, 5000));

  /* With room, the reopened edits are saved with the next one. */
  sy_test_disk_set_room (-1);
  g_assert_true (sy_workflow_document_set_title (sy_window_get_document (editor.window),
                                                 "Disk full, saved at last", NULL));
  g_assert_true (sy_test_ui_wait_for (saved_again, &editor, 5000));
  stored = stored_workflow ("disk-full");
  g_assert_cmpstr (sy_workflow_get_title (stored), ==, "Disk full, saved at last");
  /* The node added while the disk was full came back and was saved too. */
  g_assert_cmpuint (sy_workflow_count_nodes (stored), ==, 1);
  g_object_unref (editor.window);
  g_log_set_always_fatal (fatal);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sy_test_ui_init (&argc, &argv);
  sy_test_disk_install ();
  /* A data directory of our own, so the tests see only their workflows. */
  app = sy_test_editor_start_app ("switchyard-editor-XXXXXX", &data_dir);

  g_test_add_func ("/ui/editor/create-and-edit", test_editor_create_and_edit);
  g_test_add_func ("/ui/editor/invalid-field", test_editor_invalid_field);
  g_test_add_func ("/ui/editor/variable-picker", test_editor_variable_picker);
  g_test_add_func ("/ui/editor/import-by-drop", test_editor_import_by_drop);
  g_test_add_func ("/ui/editor/delete-undo", test_editor_delete_undo);
  g_test_add_func ("/ui/editor/execute-and-frozen", test_editor_execute_and_frozen);
  g_test_add_func ("/ui/editor/save-on-close", test_editor_save_on_close);
  g_test_add_func ("/ui/editor/save-on-full-disk", test_editor_save_on_full_disk);
  g_test_add_func ("/ui/editor/draft-with-problems", test_editor_draft_with_problems);
  g_test_add_func ("/ui/editor/enable-version", test_editor_enable_version);
  g_test_add_func ("/ui/editor/structured-fields", test_editor_structured_fields);
  g_test_add_func ("/ui/editor/webhook-info", test_editor_webhook_info);
  g_test_add_func ("/ui/editor/schedule-info", test_editor_schedule_info);

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
