/* test-people-page.c — Preferences › People: add, edit and remove people
 * through the dialogs; "me" stays */
#include "config.h"

#include <adwaita.h>

#include "sy-application.h"
#include "sy-people-page.h"
#include "sy-preferences-window.h"
#include "sy-test-engine.h"
#include "sy-test-ui.h"

typedef struct
{
  SyPeoplePage *page;
  guint         rows;
} Expect;

static SyPeoplePage *
find_page (GtkWidget *root)
{
  if (SY_IS_PEOPLE_PAGE (root))
    return SY_PEOPLE_PAGE (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      SyPeoplePage *page = find_page (child);

      if (page != NULL)
        return page;
    }

  return NULL;
}

static guint
n_rows (SyPeoplePage *page)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (sy_people_page_get_list (page)));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    n++;

  return n;
}

static gboolean
rows_are (gpointer data)
{
  Expect *expect = data;

  return n_rows (expect->page) == expect->rows;
}

static GtkWidget *
row_of (SyPeoplePage *page,
        const char   *id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (sy_people_page_get_list (page)));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), id) == 0)
      return row;

  return NULL;
}

/* The message dialog on screen, or NULL. */
static AdwMessageDialog *
open_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* The entry rows of a person dialog: name, then email. */
static GtkEditable *
dialog_entry (AdwMessageDialog *dialog,
              guint             index)
{
  GtkWidget *list = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *row = gtk_widget_get_first_child (list);

  while (index-- > 0)
    row = gtk_widget_get_next_sibling (row);
  return GTK_EDITABLE (row);
}

static gboolean
dialog_gone (gpointer data)
{
  (void) data;
  return open_dialog () == NULL;
}

static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  /* What a click does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (sy_test_ui_wait_for (dialog_gone, NULL, 3000));
}

static void
test_people_page (void)
{
  g_autofree char *dir = sy_test_make_dir ();
  g_autoptr(SyApplication) app = sy_application_new_for_data_dir (dir);
  g_autoptr(GError) error = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWindow *window;
  SyPreferencesWindow *preferences;
  AdwMessageDialog *dialog;
  SyEngine *engine;
  SyPeoplePage *page;
  Expect expect;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  engine = sy_application_get_engine (app);

  preferences = sy_preferences_window_new (window);
  gtk_window_present (GTK_WINDOW (preferences));
  page = find_page (GTK_WIDGET (preferences));
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), ADW_PREFERENCES_PAGE (page));

  /* Only "me" at first, and it cannot be removed. */
  expect = (Expect) { page, 1 };
  g_assert_true (sy_test_ui_wait_for (rows_are, &expect, 5000));
  g_assert_nonnull (row_of (page, "me"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.remove", "s", "me"));
  g_assert_null (open_dialog ());

  /* Add: Save waits for a name and a well-formed email. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.add", NULL));
  dialog = open_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (dialog_entry (dialog, 0), "Ann Smith");
  gtk_editable_set_text (dialog_entry (dialog, 1), "ann@");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (dialog_entry (dialog, 1), "ann@example.org");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  answer (dialog, "save");

  expect = (Expect) { page, 2 };
  g_assert_true (sy_test_ui_wait_for (rows_are, &expect, 5000));
  g_assert_nonnull (row_of (page, "ann-smith"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row_of (page, "ann-smith"))), ==,
                   "ann-smith · ann@example.org");

  /* Edit keeps the id. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.edit", "s", "ann-smith"));
  dialog = open_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (dialog_entry (dialog, 0)), ==, "Ann Smith");
  gtk_editable_set_text (dialog_entry (dialog, 0), "Ann Jones");
  answer (dialog, "save");
  g_assert_true (sy_test_ui_wait_for (rows_are, &expect, 5000));
  sy_test_ui_wait (300);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_of (page, "ann-smith"))), ==,
                   "Ann Jones");

  gtk_window_set_default_size (GTK_WINDOW (preferences), 420, 640);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  sy_test_ui_wait (500);
  g_free (sy_test_ui_save_png (GTK_WIDGET (preferences), "people-light.png"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  sy_test_ui_wait (500);
  g_free (sy_test_ui_save_png (GTK_WIDGET (preferences), "people-dark.png"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* Remove asks first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.remove", "s", "ann-smith"));
  dialog = open_dialog ();
  g_assert_nonnull (dialog);
  answer (dialog, "remove");
  expect = (Expect) { page, 1 };
  g_assert_true (sy_test_ui_wait_for (rows_are, &expect, 5000));
  g_assert_null (row_of (page, "ann-smith"));

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (window);
  sy_engine_stop (engine);
  sy_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  sy_test_ui_init (&argc, &argv);

  g_test_add_func ("/people-page/add-edit-remove", test_people_page);

  return g_test_run ();
}
