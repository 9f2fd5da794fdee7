/* test-journeys.c — the app walked through as a new person would
 *
 * One application on a data directory of its own, starting empty. Each
 * test is one journey: the first start, making a first workflow and running
 * it, the secondary windows (Preferences, About, Keyboard Shortcuts), and
 * the keyboard. Every step is saved as screenshots (light, dark, narrow,
 * narrow-dark) for people to look at; the asserts pin what a person relies
 * on: a button that is there, a shortcut that does what it says.
 */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>

#include "sy-application.h"
#include "sy-data-view.h"
#include "sy-record-form.h"
#include "sy-tasks-sidebar.h"
#include "sy-test-editor.h"
#include "sy-test-engine.h"
#include "sy-canvas.h"
#include "sy-execute-dialog.h"
#include "sy-executions-view.h"
#include "sy-field-editor.h"
#include "sy-inspector.h"
#include "sy-new-workflow-dialog.h"
#include "sy-palette.h"
#include "sy-preferences-window.h"
#include "sy-test-ui.h"
#include "sy-window.h"
#include "sy-workflow-list.h"

#define NARROW 420

static SyApplication *app;
static char *data_dir;

typedef SyTestEditor Journey;

static void
journey_open (Journey *journey)
{
  sy_test_editor_open (journey, app);
}

static gboolean
toplevel_gone (gpointer data)
{
  return sy_test_ui_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static void
close_toplevel (GtkWindow *window)
{
  GType type = G_OBJECT_TYPE (window);

  gtk_window_close (window);
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (type), 3000));
}

static gboolean
subtitle_is (gpointer data)
{
  gpointer *args = data;
  AdwWindowTitle *title = ADW_WINDOW_TITLE (sy_test_ui_child (args[0], "window_title"));

  return g_strcmp0 (adw_window_title_get_subtitle (title), args[1]) == 0;
}

/* At NARROW width the editor fits: the window is no wider, the inspector
 * is under the canvas, the buttons that have no room are gone. */
static void
assert_fits_narrow (Journey *journey,
                    int      inspector_width)
{
  GtkWidget *window = GTK_WIDGET (journey->window);
  GtkWidget *canvas = GTK_WIDGET (journey->canvas);
  GtkWidget *inspector = GTK_WIDGET (journey->inspector);
  graphene_rect_t canvas_bounds;
  graphene_rect_t inspector_bounds;
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), NARROW, height);
  sy_test_ui_wait (500);
  g_assert_cmpint (gtk_widget_get_width (window), <=, NARROW);
  g_assert_true (gtk_widget_compute_bounds (canvas, window, &canvas_bounds));
  g_assert_true (gtk_widget_compute_bounds (inspector, window, &inspector_bounds));
  g_assert_cmpfloat (inspector_bounds.origin.y, >=, canvas_bounds.origin.y + canvas_bounds.size.height);
  g_assert_cmpfloat (canvas_bounds.size.height, >=, 160);
  g_assert_false (gtk_widget_get_visible (sy_test_ui_child (window, "undo_button")) &&
                  gtk_widget_is_drawable (sy_test_ui_child (window, "undo_button")));
  g_assert_false (gtk_widget_is_drawable (sy_test_ui_child (window, "palette_button")));
  if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (sy_test_ui_find_type (sy_test_ui_child (window, "window_title"), GTK_TYPE_LABEL)))))
    g_test_message ("the title is ellipsized at %d px", NARROW);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  sy_test_ui_wait (500);
  g_assert_true (gtk_widget_compute_bounds (canvas, window, &canvas_bounds));
  g_assert_true (gtk_widget_compute_bounds (inspector, window, &inspector_bounds));
  g_assert_cmpfloat (inspector_bounds.origin.x, >=, canvas_bounds.origin.x + canvas_bounds.size.width);
  g_assert_true (gtk_widget_is_drawable (sy_test_ui_child (window, "undo_button")));
  /* Side by side again as it was, the divider where it was. */
  g_assert_cmpint (ABS (gtk_widget_get_width (inspector) - inspector_width), <=, 2);
}

/* A local server for the request node to call. */
static void
serve_stock (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  static const char body[] = "{\"stock\": 7}";

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

/* ── 1. First start ───────────────────────────────────────────────────── */

static void
test_first_start (void)
{
  Journey journey;
  GtkWidget *stack;
  GtkWidget *empty;

  journey_open (&journey);
  stack = sy_test_ui_child (journey.window, "content_stack");
  empty = sy_test_ui_child (journey.window, "empty_page");

  /* A welcome, not a blank canvas: the empty state with its two ways in. */
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (stack)) == empty);
  g_assert_true (gtk_widget_is_drawable (sy_test_ui_child (empty, "create_button")));
  g_assert_true (gtk_widget_is_drawable (sy_test_ui_child (empty, "import_button")));
  g_assert_true (gtk_widget_is_drawable (sy_test_ui_child (empty, "example_button")));
  g_assert_true (gtk_widget_is_sensitive (sy_test_ui_child (empty, "example_button")));
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-1-first-start", NARROW);
}

static gboolean
example_open (gpointer data)
{
  Journey *journey = data;

  return g_strcmp0 (sy_window_get_loaded_key (journey->window), "greet-a-visitor") == 0 &&
         sy_window_get_document (journey->window) != NULL;
}

static gboolean
second_example_listed (gpointer list)
{
  return sy_workflow_list_get_row (list, "greet-a-visitor-2") != NULL;
}

static gboolean
second_example_gone (gpointer list)
{
  return !second_example_listed (list);
}

/* Try an Example: a workflow without problems, open in the editor, that
 * runs as it says. */
static void
test_example (void)
{
  Journey journey;
  SyEngine *engine = sy_application_get_engine (app);
  g_autoptr(SyExecution) named = NULL;
  g_autoptr(SyExecution) anonymous = NULL;
  SyWorkflowDocument *document;

  journey_open (&journey);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journey.window), "win.open-example", NULL));
  g_assert_true (sy_test_ui_wait_for (example_open, &journey, 5000));
  document = sy_window_get_document (journey.window);
  g_assert_cmpuint (sy_workflow_document_get_problems (document)->len, ==, 0);
  g_assert_false (sy_workflow_get_enabled (sy_workflow_document_get_workflow (document)));
  gtk_widget_activate_action (GTK_WIDGET (journey.canvas), "canvas.zoom-fit", NULL);
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-1-example", NARROW);

  named = sy_test_execute (engine, "greet-a-visitor", "{\"body\": {\"name\": \"Ada\"}}", SY_EXECUTE_MANUALLY, NULL);
  g_assert_cmpint (named->status, ==, SY_STATUS_RESOLVED);
  sy_test_assert_json (sy_test_find_job (named, "by-name")->result, "\"Hello, Ada!\"");
  anonymous = sy_test_execute (engine, "greet-a-visitor", "{\"body\": {}}", SY_EXECUTE_MANUALLY, NULL);
  g_assert_cmpint (anonymous->status, ==, SY_STATUS_RESOLVED);
  g_assert_nonnull (sy_test_find_job (anonymous, "anyone"));

  /* A second try gets a key of its own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journey.window), "win.open-example", NULL));
  g_assert_true (sy_test_ui_wait_for (second_example_listed, journey.list, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journey.window), "win.delete", NULL));
  g_assert_true (sy_test_ui_wait_for (second_example_gone, journey.list, 5000));
}

/* ── 2. A first workflow ──────────────────────────────────────────────── */

static void
test_first_workflow (void)
{
  Journey journey;
  SyNewWorkflowDialog *dialog;
  SyWorkflowDocument *document;
  SyNode *condition;
  SyNode *request;
  SyNode *calculation;
  SyExecuteDialog *execute;
  GtkWidget *field;
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;
  gpointer saved_args[2];
  int inspector_width;

  journey_open (&journey);

  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  soup_server_add_handler (server, "/stock", serve_stock, NULL, NULL);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/stock", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  /* The New dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journey.window), "win.new-workflow", NULL));
  dialog = SY_NEW_WORKFLOW_DIALOG (sy_test_ui_wait_for_toplevel (SY_TYPE_NEW_WORKFLOW_DIALOG, 3000));
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  sy_test_ui_save_styles (GTK_WIDGET (dialog), "journey-2-new-dialog", NARROW);
  sy_new_workflow_dialog_set_workflow_title (dialog, "Check stock");
  g_assert_true (sy_new_workflow_dialog_set_trigger_type (dialog, "webhook"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-workflow.create", NULL));
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (SY_TYPE_NEW_WORKFLOW_DIALOG), 3000));
  while (sy_window_get_document (journey.window) == NULL ||
         g_strcmp0 (sy_window_get_loaded_key (journey.window), "check-stock") != 0)
    g_main_context_iteration (NULL, TRUE);
  sy_test_ui_wait (300);
  inspector_width = gtk_widget_get_width (GTK_WIDGET (journey.inspector));
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-2-created", NARROW);

  /* A condition with two branches, a request on one, a calculation after. */
  document = sy_window_get_document (journey.window);
  g_assert_true (sy_palette_activate_type (journey.palette, "condition"));
  condition = sy_canvas_get_selected_node (journey.canvas);
  g_assert_nonnull (condition);
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-2-condition", NARROW);

  request = sy_workflow_document_insert_node (document, condition, "true", 0, "request", &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);
  sy_canvas_select_node (journey.canvas, request);
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-2-request", NARROW);

  calculation = sy_workflow_document_insert_node (document, NULL, NULL, 1, "calculation", &error);
  g_assert_no_error (error);
  sy_canvas_select_node (journey.canvas, calculation);
  gtk_widget_activate_action (GTK_WIDGET (journey.canvas), "canvas.zoom-fit", NULL);

  /* Problems show before they are fixed. */
  g_assert_cmpuint (sy_workflow_document_get_problems (document)->len, >, 0);
  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &journey, 5000));
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-2-problems", NARROW);
  assert_fits_narrow (&journey, inspector_width);

  /* Executing now says what to fix first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journey.window), "win.execute", NULL));
  {
    GtkWindow *problems = sy_test_ui_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, 3000);

    g_assert_nonnull (problems);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (problems));
    sy_test_ui_save_styles (GTK_WIDGET (problems), "journey-2-problems-dialog", NARROW);
    g_assert_true (sy_test_ui_press_accel (GTK_WIDGET (problems), "Escape"));
    g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 3000));
  }

  /* The workflow's own settings. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journey.window), "win.workflow-settings", NULL));
  {
    GtkWindow *settings = sy_test_ui_wait_for_toplevel (ADW_TYPE_PREFERENCES_WINDOW, 3000);

    g_assert_nonnull (settings);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (settings));
    sy_test_ui_save_styles (GTK_WIDGET (settings), "journey-2-workflow-settings", NARROW);
    g_assert_true (sy_test_ui_press_accel (GTK_WIDGET (settings), "Escape"));
    g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (ADW_TYPE_PREFERENCES_WINDOW), 3000));
  }

  /* Fix them in the inspector's field editors. */
  field = sy_inspector_get_field (journey.inspector, "expression");
  g_assert_nonnull (field);
  sy_test_ui_set_text (sy_field_editor_get_input (SY_FIELD_EDITOR (field)), "{{$context.body.qty}} * 2");
  sy_canvas_select_node (journey.canvas, request);
  field = sy_inspector_get_field (journey.inspector, "url");
  g_assert_nonnull (field);
  sy_test_ui_set_text (sy_field_editor_get_input (SY_FIELD_EDITOR (field)), url);
  sy_canvas_select_node (journey.canvas, condition);
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-2-condition-inspector", NARROW);

  g_assert_true (sy_test_ui_wait_for (sy_test_editor_saved, &journey, 5000));
  for (guint i = 0; i < sy_workflow_document_get_problems (document)->len; i++)
    {
      SyProblem *problem = g_ptr_array_index (sy_workflow_document_get_problems (document), i);

      g_test_message ("problem: %s: %s", problem->path, problem->message);
    }
  saved_args[0] = journey.window;
  saved_args[1] = "Saved";
  g_assert_true (sy_test_ui_wait_for (subtitle_is, saved_args, 5000));
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-2-saved", NARROW);

  /* Execute: the context dialog, then the execution. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journey.window), "win.execute", NULL));
  execute = SY_EXECUTE_DIALOG (sy_test_ui_wait_for_toplevel (SY_TYPE_EXECUTE_DIALOG, 3000));
  g_assert_nonnull (execute);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (execute));
  sy_test_ui_save_styles (GTK_WIDGET (execute), "journey-2-execute-dialog", NARROW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (execute), "execute.run", NULL));
  sy_test_ui_wait (1500);
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-2-executed", NARROW);
}

/* ── 3. Preferences, tasks, data ──────────────────────────────────────── */

static void
collect_of_type (GtkWidget *root,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_parent (root) != NULL)
    g_ptr_array_add (found, root);
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    collect_of_type (w, type, found);
}

static void
test_preferences (void)
{
  Journey journey;
  GtkWindow *preferences;
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  journey_open (&journey);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = sy_test_ui_wait_for_toplevel (SY_TYPE_PREFERENCES_WINDOW, 3000);
  g_assert_nonnull (preferences);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (preferences));

  /* Each page has a title and an icon for the switcher (the search's
   * own page has neither and is left out). */
  collect_of_type (GTK_WIDGET (preferences), ADW_TYPE_PREFERENCES_PAGE, pages);
  for (guint i = pages->len; i > 0; i--)
    if (adw_preferences_page_get_title (g_ptr_array_index (pages, i - 1)) == NULL ||
        *adw_preferences_page_get_title (g_ptr_array_index (pages, i - 1)) == '\0')
      g_ptr_array_remove_index (pages, i - 1);
  g_assert_cmpuint (pages->len, ==, 3);
  for (guint i = 0; i < pages->len; i++)
    {
      AdwPreferencesPage *page = g_ptr_array_index (pages, i);
      g_autofree char *name = g_strdup_printf ("journey-3-preferences-%u", i);

      g_assert_nonnull (adw_preferences_page_get_icon_name (page));
      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), page);
      sy_test_ui_save_styles (GTK_WIDGET (preferences), name, NARROW);
    }

  close_toplevel (preferences);
}

/* A parcel to sign for: a form with a choice and a date. */
#define PARCEL_DOC \
  "{\"format\": \"switchyard-workflow/1\", \"key\": \"parcels\", \"title\": \"Parcels\"," \
  " \"trigger\": {\"type\": \"webhook\", \"config\": {}}," \
  " \"nodes\": [{\"key\": \"sign\", \"type\": \"manual\", \"title\": \"Sign for the parcel\"," \
  "   \"config\": {\"assignees\": [\"me\"], \"title\": \"Parcel from {{$context.body.sender}}\", \"form\": [" \
  "     {\"name\": \"where\", \"label\": \"Left at\", \"type\": \"choice\", \"options\": [\"door\", \"neighbour\"]}," \
  "     {\"name\": \"when\", \"label\": \"Picked up on\", \"type\": \"date\", \"required\": true}]}}]}"

static gboolean
task_listed (gpointer data)
{
  return sy_tasks_sidebar_get_open_count (data) == 1;
}

static gboolean
task_shown (gpointer data)
{
  return g_strcmp0 (sy_tasks_sidebar_get_page (data), "task") == 0;
}

static void
test_tasks (void)
{
  Journey journey;
  SyEngine *engine = sy_application_get_engine (app);
  SyTasksSidebar *sidebar;
  g_autoptr(SyExecution) waiting = NULL;

  journey_open (&journey);
  sidebar = SY_TASKS_SIDEBAR (sy_test_ui_child (journey.window, "tasks_sidebar"));

  /* Nothing to do yet: the sidebar says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journey.window), "win.toggle-tasks", NULL));
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-3-tasks-empty", NARROW);

  sy_test_import (engine, PARCEL_DOC);
  waiting = sy_test_execute (engine, "parcels", "{\"body\": {\"sender\": \"Grandma\"}}",
                             SY_EXECUTE_MANUALLY, NULL);
  g_assert_true (sy_test_ui_wait_for (task_listed, sidebar, 5000));
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-3-tasks-waiting", NARROW);

  g_signal_emit_by_name (sy_tasks_sidebar_get_list (sidebar), "row-activated",
                         gtk_widget_get_first_child (GTK_WIDGET (sy_tasks_sidebar_get_list (sidebar))));
  /* The task loads from the engine: screenshots once it shows. */
  g_assert_true (sy_test_ui_wait_for (task_shown, sidebar, 5000));
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-3-task", NARROW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journey.window), "win.toggle-tasks", NULL));
}

static char *
example_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "shop", name, NULL);
}

static gboolean
n_collections_is (gpointer data)
{
  gpointer *args = data;

  return sy_data_view_get_n_collections (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
add_record (SyDataView *view,
            const char *collection,
            const char *const *values)
{
  SyRecordForm *form;

  g_assert_true (sy_data_view_show_collection (view, collection));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "data.new-record", NULL));
  form = SY_RECORD_FORM (sy_test_ui_wait_for_toplevel (SY_TYPE_RECORD_FORM, 3000));
  g_assert_nonnull (form);
  for (guint i = 0; values[i] != NULL; i += 2)
    g_assert_true (sy_record_form_set_text (form, values[i], values[i + 1]));
  sy_record_form_submit (form);
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (SY_TYPE_RECORD_FORM), 10000));
}

static void
test_data (void)
{
  Journey journey;
  SyDataView *view;
  g_autofree char *workflow = NULL;
  gpointer args[2];

  journey_open (&journey);
  view = SY_DATA_VIEW (sy_test_ui_child (journey.window, "data_view"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journey.window), "win.show-data", NULL));
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-3-data-empty", NARROW);

  args[0] = view;
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = example_path (i == 0 ? "products.json" : "orders.json");
      g_autoptr(GFile) file = g_file_new_for_path (path);

      sy_data_view_import_definitions (view, file);
      args[1] = GUINT_TO_POINTER (i + 1);
      g_assert_true (sy_test_ui_wait_for (n_collections_is, args, 5000));
    }
  {
    g_autofree char *path = example_path ("order-stock.json");

    g_assert_true (g_file_get_contents (path, &workflow, NULL, NULL));
    sy_test_import (sy_application_get_engine (app), workflow);
  }

  add_record (view, "products", (const char *[]) { "title", "Bolt", "price", "0.5", "stock", "5", NULL });
  add_record (view, "products", (const char *[]) { "title", "Hex nut", "price", "0.25", "stock", "100", NULL });
  add_record (view, "orders", (const char *[]) { "product", "1", "qty", "3", NULL });
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-3-data-orders", NARROW);
  g_assert_true (sy_data_view_show_collection (view, "products"));
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-3-data-products", NARROW);

  /* The filter bar, with a condition. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (sy_test_ui_child (view, "filter_button")), TRUE);
  g_signal_emit_by_name (sy_test_ui_child (view, "add_button"), "clicked");
  sy_test_ui_save_styles (GTK_WIDGET (journey.window), "journey-3-data-filter", NARROW);

  /* Narrow, the records, their toolbar and the filter bar (which scrolls
   * sideways) fit: New Record keeps its icon. */
  {
    int width = 0;
    int height = 0;

    gtk_window_get_default_size (GTK_WINDOW (journey.window), &width, &height);
    gtk_window_set_default_size (GTK_WINDOW (journey.window), NARROW, height);
    sy_test_ui_wait (500);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (journey.window)), <=, NARROW);
    g_assert_true (gtk_widget_is_drawable (sy_test_ui_find_type (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW)));
    gtk_window_set_default_size (GTK_WINDOW (journey.window), width, height);
    sy_test_ui_wait (500);
  }
}

/* ── 4. Keyboard ──────────────────────────────────────────────────────── */

static void
collect_shortcuts (GtkWidget *root,
                   GPtrArray *found)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    g_ptr_array_add (found, root);
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    collect_shortcuts (w, found);
}

/* Is `accel` bound where the Keyboard Shortcuts window says: the
 * application, the window, the canvas, or the primary menu (F10)? */
static gboolean
accel_is_bound (Journey    *journey,
                const char *accel)
{
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), accel);
  g_autoptr(GtkShortcut) in_window = sy_test_ui_find_shortcut (GTK_WIDGET (journey->window), accel);
  g_autoptr(GtkShortcut) in_canvas = sy_test_ui_find_shortcut (GTK_WIDGET (journey->canvas), accel);

  if (g_str_equal (accel, "F10"))
    return gtk_menu_button_get_primary (GTK_MENU_BUTTON (sy_test_ui_child (journey->window, "primary_menu_button")));

  return (actions != NULL && actions[0] != NULL) || in_window != NULL || in_canvas != NULL;
}

static void
test_shortcuts_window (void)
{
  Journey journey;
  GtkWindow *overlay;
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();

  journey_open (&journey);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (journey.window), "win.show-help-overlay", NULL));
  overlay = sy_test_ui_wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, 3000);
  g_assert_nonnull (overlay);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (overlay));

  /* Every shortcut it lists is real; the editor's are among them. */
  collect_shortcuts (GTK_WIDGET (overlay), shortcuts);
  g_assert_cmpuint (shortcuts->len, >=, 20);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *action_name = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i), "title", &title, "action-name", &action_name,
                    "accelerator", &accelerator, NULL);
      if (action_name != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action_name);

          if (accels == NULL || accels[0] == NULL)
            g_error ("“%s” (%s) has no accelerator", title, action_name);
        }
      else
        {
          g_auto(GStrv) accels = g_strsplit (accelerator, " ", -1);

          g_assert_nonnull (accelerator);
          for (guint j = 0; accels[j] != NULL; j++)
            if (!accel_is_bound (&journey, accels[j]))
              g_error ("“%s” lists %s, which nothing binds", title, accels[j]);
        }
    }

  /* Light and dark only: GtkShortcutsWindow lays its columns out itself
   * (narrowed, GTK 4.8 warns about its own labels). */
  sy_test_ui_wait (300);
  g_free (sy_test_ui_save_png (GTK_WIDGET (overlay), "journey-4-shortcuts-light.png"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  sy_test_ui_wait (300);
  g_free (sy_test_ui_save_png (GTK_WIDGET (overlay), "journey-4-shortcuts-dark.png"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Escape closes it. */
  g_assert_true (sy_test_ui_press_accel (GTK_WIDGET (overlay), "Escape"));
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW), 3000));
}

static gboolean
focus_inside (gpointer data)
{
  gpointer *args = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (args[0]));

  return focus != NULL && gtk_widget_is_ancestor (focus, args[1]);
}

static gboolean
node_menu_shown (gpointer data)
{
  for (GtkWidget *w = gtk_widget_get_first_child (data); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_POPOVER_MENU (w) && gtk_widget_get_visible (w))
      return TRUE;
  return FALSE;
}

/* The main actions from the keyboard, and Escape out of every dialog. */
static void
test_keyboard (void)
{
  Journey journey;
  GtkWidget *window;
  AdwFlap *sidebar;
  AdwFlap *tasks;
  GtkWindow *dialog;
  SyNode *node;
  gpointer args[2];

  journey_open (&journey);
  window = GTK_WIDGET (journey.window);
  sidebar = ADW_FLAP (sy_test_ui_child (window, "flap"));
  tasks = ADW_FLAP (sy_test_ui_child (window, "tasks_flap"));

  /* Ctrl+N: the New dialog; Escape closes it. */
  g_assert_true (sy_test_ui_press_accel (window, "<Control>n"));
  dialog = sy_test_ui_wait_for_toplevel (SY_TYPE_NEW_WORKFLOW_DIALOG, 3000);
  g_assert_nonnull (dialog);
  g_assert_true (sy_test_ui_press_accel (GTK_WIDGET (dialog), "Escape"));
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (SY_TYPE_NEW_WORKFLOW_DIALOG), 3000));

  /* F9 and Ctrl+T show and hide the sidebars. */
  g_assert_true (adw_flap_get_reveal_flap (sidebar));
  g_assert_true (sy_test_ui_press_accel (window, "F9"));
  g_assert_false (adw_flap_get_reveal_flap (sidebar));
  g_assert_true (sy_test_ui_press_accel (window, "F9"));
  g_assert_true (adw_flap_get_reveal_flap (sidebar));
  g_assert_false (adw_flap_get_reveal_flap (tasks));
  g_assert_true (sy_test_ui_press_accel (window, "<Control>t"));
  g_assert_true (adw_flap_get_reveal_flap (tasks));
  g_assert_true (sy_test_ui_press_accel (window, "<Control>t"));
  g_assert_false (adw_flap_get_reveal_flap (tasks));

  /* Ctrl+F: the workflows' search, with the sidebar shown. */
  g_assert_true (sy_test_ui_press_accel (window, "F9"));
  g_assert_true (sy_test_ui_press_accel (window, "<Control>f"));
  g_assert_true (adw_flap_get_reveal_flap (sidebar));
  args[0] = window;
  args[1] = sy_test_ui_child (sy_test_ui_child (window, "workflows"), "search_entry");
  g_assert_true (sy_test_ui_wait_for (focus_inside, args, 2000));

  /* Ctrl+comma: Preferences, Escape closes them; Ctrl+Q is Quit. */
  g_assert_true (sy_test_ui_press_accel (window, "<Control>comma"));
  dialog = sy_test_ui_wait_for_toplevel (SY_TYPE_PREFERENCES_WINDOW, 3000);
  g_assert_nonnull (dialog);
  g_assert_true (sy_test_ui_press_accel (GTK_WIDGET (dialog), "Escape"));
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (SY_TYPE_PREFERENCES_WINDOW), 3000));
  {
    g_auto(GStrv) quit = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Control>q");

    g_assert_nonnull (quit);
    g_assert_cmpstr (quit[0], ==, "app.quit");
  }

  /* F10 opens the main menu. */
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (sy_test_ui_child (window, "primary_menu_button"))));

  /* In the editor: Enter on a card edits it, the keyboard in its settings;
   * Shift+F10 opens its menu; Ctrl+Return asks for a context, Escape
   * closes that. */
  sy_workflow_list_select_key (journey.list, "check-stock");
  while (g_strcmp0 (sy_window_get_loaded_key (journey.window), "check-stock") != 0 ||
         sy_window_get_document (journey.window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* The editor, not the history the last run left open. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (sy_test_ui_child (window, "history_button")), FALSE);
  node = sy_workflow_get_head (sy_workflow_document_get_workflow (sy_window_get_document (journey.window)));
  sy_canvas_select_node (journey.canvas, node);
  gtk_widget_grab_focus (sy_canvas_get_node_card (journey.canvas, sy_node_get_key (node)));
  g_assert_true (sy_test_ui_press_accel (sy_canvas_get_node_card (journey.canvas, sy_node_get_key (node)), "Return"));
  args[1] = journey.inspector;
  g_assert_true (sy_test_ui_wait_for (focus_inside, args, 2000));
  g_assert_true (sy_inspector_get_node (journey.inspector) == node);

  g_assert_true (sy_test_ui_press_accel (sy_canvas_get_node_card (journey.canvas, sy_node_get_key (node)), "<Shift>F10"));
  g_assert_true (sy_test_ui_wait_for (node_menu_shown, journey.canvas, 2000));

  g_assert_true (sy_test_ui_press_accel (window, "<Control>Return"));
  dialog = sy_test_ui_wait_for_toplevel (SY_TYPE_EXECUTE_DIALOG, 3000);
  g_assert_nonnull (dialog);
  g_assert_true (sy_test_ui_press_accel (GTK_WIDGET (dialog), "Escape"));
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (SY_TYPE_EXECUTE_DIALOG), 3000));
}

/* ── 5. About ─────────────────────────────────────────────────────────── */

static void
test_about (void)
{
  Journey journey;
  AdwAboutWindow *about;

  journey_open (&journey);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "about"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = ADW_ABOUT_WINDOW (sy_test_ui_wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW, 3000));
  g_assert_nonnull (about);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (about));

  /* What people look for there: who, which version, where to go. */
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Switchyard");
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APPLICATION_ID);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_true (g_str_has_prefix (adw_about_window_get_website (about), "https://"));
  g_assert_true (g_str_has_prefix (adw_about_window_get_issue_url (about), "https://"));
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (adw_about_window_get_developers (about));
  g_assert_nonnull (adw_about_window_get_copyright (about));
  /* Troubleshooting: the versions and where the data is, for a bug report. */
  g_assert_nonnull (strstr (adw_about_window_get_debug_info (about), "GTK 4."));
  g_assert_nonnull (strstr (adw_about_window_get_debug_info (about), "libadwaita 1."));
  g_assert_nonnull (strstr (adw_about_window_get_debug_info (about), data_dir));
  sy_test_ui_save_styles (GTK_WIDGET (about), "journey-5-about", NARROW);
  g_assert_true (sy_test_ui_press_accel (GTK_WIDGET (about), "Escape"));
  g_assert_true (sy_test_ui_wait_for (toplevel_gone, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW), 3000));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sy_test_ui_init (&argc, &argv);
  /* GNOME's default: only a close button. Xvfb has no desktop to say so,
   * and GTK's own default (minimize and maximize too) takes 70 px of a
   * narrow header bar that people do not lose. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", ":close", NULL);
  /* Without a window manager two windows can be active at once, and a
   * blinking entry of the one behind warns that its focus-out never came. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  /* A data directory of its own, empty: a first start. */
  app = sy_test_editor_start_app ("switchyard-journeys-XXXXXX", &data_dir);

  g_test_add_func ("/ui/journeys/first-start", test_first_start);
  g_test_add_func ("/ui/journeys/example", test_example);
  g_test_add_func ("/ui/journeys/first-workflow", test_first_workflow);
  g_test_add_func ("/ui/journeys/preferences", test_preferences);
  g_test_add_func ("/ui/journeys/tasks", test_tasks);
  g_test_add_func ("/ui/journeys/data", test_data);
  g_test_add_func ("/ui/journeys/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/ui/journeys/keyboard", test_keyboard);
  g_test_add_func ("/ui/journeys/about", test_about);

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
