/* test-window.c — the main window as a person first sees it */
#include "config.h"

#include <adwaita.h>

#include "sy-application.h"
#include "sy-new-workflow-dialog.h"
#include "sy-preferences-window.h"
#include "sy-test-ui.h"
#include "sy-window.h"
#include "sy-workflow-list.h"

typedef struct
{
  SyApplication *app;
  GtkWindow     *window;
} Fixture;

static SyApplication *shared_app;

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GtkWidget *child = sy_test_ui_find (GTK_WIDGET (widget), name);

  g_assert_nonnull (child);
  g_assert_true (gtk_widget_get_ancestor (child, type) != NULL);
  return child;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
  g_settings_reset (settings, "color-scheme");

  /* One application for the whole program, as in real life: startup runs once. */
  if (shared_app == NULL)
    {
      shared_app = sy_application_new ();
      g_application_set_flags (G_APPLICATION (shared_app),
                               G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (shared_app), NULL, &error);
      g_assert_no_error (error);
    }
  fixture->app = shared_app;

  /* What launching the app does: activate opens (or presents) the window. */
  g_application_activate (G_APPLICATION (fixture->app));
  fixture->window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));
  g_assert_true (SY_IS_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app));

  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app));
    }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  fixture->app = NULL;
}

static void
test_window_first_view (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *empty_page = template_child (window, SY_TYPE_WINDOW, "empty_page");
  GtkWidget *content_stack = template_child (window, SY_TYPE_WINDOW, "content_stack");
  GtkWidget *create_button = template_child (window, SY_TYPE_WINDOW, "create_button");
  GtkWidget *import_button = template_child (window, SY_TYPE_WINDOW, "import_button");
  int width = 0;
  int height = 0;

  g_assert_cmpstr (gtk_window_get_title (fixture->window), ==, "Switchyard");

  /* Default size comes from the settings schema. */
  gtk_window_get_default_size (fixture->window, &width, &height);
  g_assert_cmpint (width, ==, 1100);
  g_assert_cmpint (height, ==, 720);

  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (content_stack)) == empty_page);
  g_assert_true (gtk_widget_is_drawable (empty_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty_page)), ==, "No Workflows Yet");
  g_assert_nonnull (adw_status_page_get_description (ADW_STATUS_PAGE (empty_page)));
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (empty_page)), ==,
                   APPLICATION_ID "-symbolic");

  /* Buttons bound to an action are insensitive unless it exists and is enabled. */
  g_assert_true (gtk_widget_is_drawable (create_button));
  g_assert_true (gtk_widget_is_sensitive (create_button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (create_button)), ==, "_Create Workflow");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (create_button)), ==, "win.new-workflow");
  g_assert_true (gtk_widget_is_drawable (import_button));
  g_assert_true (gtk_widget_is_sensitive (import_button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (import_button)), ==, "_Import…");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (import_button)), ==, "win.import");

  /* App actions behind the primary menu. */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->app), "preferences"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->app), "about"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->app), "quit"));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
}

static void
test_window_sidebar (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *flap = template_child (window, SY_TYPE_WINDOW, "flap");
  /* The palette has a search entry too: look inside the workflows sidebar. */
  GtkWidget *workflows = template_child (window, SY_TYPE_WINDOW, "workflows");
  GtkWidget *list = template_child (workflows, SY_TYPE_WORKFLOW_LIST, "workflow_list");
  GtkWidget *search = template_child (workflows, SY_TYPE_WORKFLOW_LIST, "search_entry");
  GtkWidget *placeholder = NULL;

  g_assert_true (GTK_IS_LIST_BOX (list));
  g_assert_true (gtk_widget_has_css_class (list, "navigation-sidebar"));
  /* No workflows in a fresh data directory: no rows (the list's placeholder is no row). */
  for (GtkWidget *child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child))
    {
      g_assert_false (GTK_IS_LIST_BOX_ROW (child));
      if (GTK_IS_LABEL (child))
        placeholder = child;
    }
  /* It says there are none, not that none match: nothing was searched. */
  g_assert_nonnull (placeholder);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (placeholder)), ==, "No workflows yet");
  sy_workflow_list_set_query (SY_WORKFLOW_LIST (workflows), "stock");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (placeholder)), ==, "No matching workflows");
  sy_workflow_list_set_query (SY_WORKFLOW_LIST (workflows), "");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (placeholder)), ==, "No workflows yet");

  /* Wide window: the sidebar sits beside the content. */
  g_assert_false (adw_flap_get_folded (ADW_FLAP (flap)));
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  g_assert_true (gtk_widget_is_drawable (list));
  g_assert_true (gtk_widget_is_drawable (search));

  /* Ctrl+F's action focuses the search entry. */
  g_assert_true (gtk_widget_activate_action (window, "win.search", NULL));
  g_assert_true (gtk_widget_is_focus (search) || gtk_widget_has_focus (gtk_widget_get_focus_child (search)));
}

static gboolean
toast_shown (gpointer user_data)
{
  GtkWidget *overlay = user_data;
  guint n = 0;

  /* AdwToastOverlay's children: the content plus one widget per shown toast. */
  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child; child = gtk_widget_get_next_sibling (child))
    n++;

  return n > 1;
}


static gboolean
new_dialog_shown (gpointer user_data)
{
  return sy_test_ui_find_toplevel (SY_TYPE_NEW_WORKFLOW_DIALOG) != NULL;
}

static void
test_window_new_workflow_dialog (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *overlay = template_child (window, SY_TYPE_WINDOW, "toast_overlay");
  GtkWindow *dialog;

  /* New opens the dialog; cancelling it creates nothing and says nothing. */
  g_assert_true (gtk_widget_activate_action (window, "win.new-workflow", NULL));
  g_assert_true (sy_test_ui_wait_for (new_dialog_shown, NULL, 2000));
  dialog = sy_test_ui_find_toplevel (SY_TYPE_NEW_WORKFLOW_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == fixture->window);
  gtk_window_close (dialog);
  sy_test_ui_wait (100);
  g_assert_false (toast_shown (overlay));
}

static gboolean
file_chooser_shown (gpointer user_data)
{
  return sy_test_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static void
test_window_import_opens_chooser (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  /* With no portal, GtkFileChooserNative shows a GTK dialog; it must not crash. */
  g_assert_true (gtk_widget_activate_action (window, "win.import", NULL));
  g_assert_true (sy_test_ui_wait_for (file_chooser_shown, NULL, 5000));
  /* Asking again while it is open reuses the same chooser. */
  g_assert_true (gtk_widget_activate_action (window, "win.import", NULL));
  sy_test_ui_wait (100);
}

static void
test_window_screenshots (Fixture       *fixture,
                         gconstpointer  data)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *flap = template_child (window, SY_TYPE_WINDOW, "flap");
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  g_autofree char *narrow = NULL;

  g_assert_false (adw_style_manager_get_dark (style_manager));
  sy_test_ui_wait (300);
  light = sy_test_ui_save_png (window, "window-light.png");
  g_assert_true (g_file_test (light, G_FILE_TEST_IS_REGULAR));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style_manager));
  sy_test_ui_wait (500);
  dark = sy_test_ui_save_png (window, "window-dark.png");
  g_assert_true (g_file_test (dark, G_FILE_TEST_IS_REGULAR));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (fixture->window, 420, 720);
  sy_test_ui_wait (500);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 420);
  g_assert_cmpint (gtk_widget_get_width (window), >, 400);

  /* Narrow: the sidebar folds away and the empty state fills the window. */
  g_assert_true (adw_flap_get_folded (ADW_FLAP (flap)));
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  narrow = sy_test_ui_save_png (window, "window-narrow.png");
  g_assert_true (g_file_test (narrow, G_FILE_TEST_IS_REGULAR));
}

static void
test_window_state_saved (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWindow *window;
  int width = 0;
  int height = 0;

  gtk_window_set_default_size (fixture->window, 900, 640);
  sy_test_ui_wait (200);
  /* Held so that a new window cannot reuse its address. */
  g_object_ref (fixture->window);
  gtk_window_close (fixture->window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window comes back at the saved size. */
  g_application_activate (G_APPLICATION (fixture->app));
  window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));
  g_assert_true (SY_IS_WINDOW (window));
  g_assert_true (window != fixture->window);
  g_object_unref (fixture->window);
  gtk_window_get_default_size (window, &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
}

static void
test_window_preferences (Fixture       *fixture,
                         gconstpointer  data)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SyPreferencesWindow *preferences;
  GtkWidget *run_switch;
  GtkWidget *port_spin;
  GtkWidget *dark_check;

  preferences = sy_preferences_window_new (fixture->window);
  gtk_window_present (GTK_WINDOW (preferences));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (preferences));

  run_switch = template_child (preferences, SY_TYPE_PREFERENCES_WINDOW, "run_in_background_switch");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (run_switch)));
  gtk_switch_set_active (GTK_SWITCH (run_switch), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "run-in-background"));
  gtk_switch_set_active (GTK_SWITCH (run_switch), TRUE);

  /* Port 0 picks a free port (webhooks.md): the setting takes it. */
  port_spin = template_child (preferences, SY_TYPE_PREFERENCES_WINDOW, "webhook_port_spin");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (port_spin), 0);
  g_assert_cmpint (g_settings_get_int (settings, "webhook-port"), ==, 0);
  g_settings_reset (settings, "webhook-port");
  g_assert_cmpint ((int) gtk_spin_button_get_value (GTK_SPIN_BUTTON (port_spin)), ==, 8642);

  /* Choosing Dark goes through app.color-scheme to the style manager. */
  dark_check = template_child (preferences, SY_TYPE_PREFERENCES_WINDOW, "color_scheme_dark");
  g_assert_true (gtk_widget_is_sensitive (dark_check));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (dark_check)));
  g_signal_emit_by_name (dark_check, "activate");
  g_assert_true (adw_style_manager_get_dark (style_manager));
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 2);
  sy_test_ui_wait (300);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (dark_check)));
  g_free (sy_test_ui_save_png (GTK_WIDGET (preferences), "preferences-dark.png"));

  g_settings_reset (settings, "color-scheme");
  g_assert_false (adw_style_manager_get_dark (style_manager));

  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_window_about_and_shortcuts (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWindow *about;
  GtkWindow *shortcuts;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  about = sy_test_ui_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Switchyard");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_true (gtk_window_get_transient_for (about) == fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (about));
  g_free (sy_test_ui_save_png (GTK_WIDGET (about), "about.png"));
  gtk_window_destroy (about);

  /* Keyboard Shortcuts comes from gtk/help-overlay.ui in the resources. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL));
  shortcuts = sy_test_ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (shortcuts));
  g_free (sy_test_ui_save_png (GTK_WIDGET (shortcuts), "shortcuts.png"));
  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);
}

static void
test_window_quit (Fixture       *fixture,
                  gconstpointer  data)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));
}

#define ADD_WINDOW_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  sy_test_ui_init (&argc, &argv);

  ADD_WINDOW_TEST ("/ui/window/first-view", test_window_first_view);
  ADD_WINDOW_TEST ("/ui/window/sidebar", test_window_sidebar);
  ADD_WINDOW_TEST ("/ui/window/new-workflow-placeholder", test_window_new_workflow_dialog);
  ADD_WINDOW_TEST ("/ui/window/import-opens-chooser", test_window_import_opens_chooser);
  ADD_WINDOW_TEST ("/ui/window/screenshots", test_window_screenshots);
  ADD_WINDOW_TEST ("/ui/window/state-saved", test_window_state_saved);
  ADD_WINDOW_TEST ("/ui/window/preferences", test_window_preferences);
  ADD_WINDOW_TEST ("/ui/window/about-and-shortcuts", test_window_about_and_shortcuts);
  ADD_WINDOW_TEST ("/ui/window/quit", test_window_quit);

  status = g_test_run ();
  g_clear_object (&shared_app);

  return status;
}
