/* test-executions.c — the executions view: history list, detail, actions
 *
 * One application with an engine on a temporary data directory that holds
 * a seeded history of SEEDED executions of "bulk" (stored before the engine
 * starts); other workflows are imported and run through the engine.
 */
#include "config.h"

#include <adwaita.h>

#include "sy-application.h"
#include "sy-executions-view.h"
#include "sy-test-ui.h"
#include "sy-window.h"
#include "sy-workflow-list.h"

#define SEEDED 1000

static SyApplication *app;
static char *data_dir;

typedef struct
{
  SyWindow         *window;
  SyExecutionsView *view;
} Fixture;

static GtkWidget *
child (gpointer    root,
       const char *id)
{
  GtkWidget *widget = sy_test_ui_find (GTK_WIDGET (root), id);

  g_assert_nonnull (widget);
  return widget;
}

static void
open_window (Fixture *fixture)
{
  g_application_activate (G_APPLICATION (app));
  fixture->window = SY_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (SY_IS_WINDOW (fixture->window));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  fixture->view = SY_EXECUTIONS_VIEW (child (fixture->window, "executions_view"));
}

static guint
n_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (sy_executions_view_get_model (fixture->view)));
}

static SyExecution *
row_execution (Fixture *fixture,
               guint    position)
{
  g_autoptr(SyExecutionItem) item = g_list_model_get_item (G_LIST_MODEL (sy_executions_view_get_model (fixture->view)),
                                                           position);

  g_assert_nonnull (item);
  return sy_execution_item_get_execution (item);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return !dialog_shown (data);
}

typedef struct
{
  Fixture *fixture;
  guint    n;
} CountWait;

static gboolean
row_count_is (gpointer data)
{
  CountWait *wait = data;

  return n_rows (wait->fixture) == wait->n;
}

/* Answers the AdwMessageDialog on screen with `response`. */
static void
answer_dialog (const char *response)
{
  AdwMessageDialog *dialog;

  g_assert_true (sy_test_ui_wait_for (dialog_shown, NULL, 3000));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  /* As a click on the button does: the response, then closing. */
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (sy_test_ui_wait_for (dialog_gone, NULL, 3000));
}

static void
set_status_filter (Fixture *fixture,
                   guint    row)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture->view, "status_dropdown")), row);
}

/* ── Tests ────────────────────────────────────────────────────────────── */

static void
test_list_pages_lazily (void)
{
  Fixture fixture;
  SyExecutionListModel *model;
  GtkAdjustment *adjustment;
  guint pages;
  gint64 newest;

  open_window (&fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.all-executions", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture.window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture.window, "content_stack"))), ==,
                   "executions");
  g_assert_null (sy_executions_view_get_workflow_key (fixture.view));

  /* Counted at once, but only the pages of the rows GTK keeps around
   * the top (it makes up to 200 rows ahead) were read. */
  model = sy_executions_view_get_model (fixture.view);
  g_assert_cmpuint (n_rows (&fixture), ==, SEEDED);
  pages = sy_execution_list_model_get_n_pages_read (model);
  g_assert_cmpuint (pages * SY_EXECUTION_LIST_PAGE_SIZE, <=, 300);
  newest = row_execution (&fixture, 0)->id;
  g_assert_cmpint (row_execution (&fixture, 1)->id, <, newest);
  g_assert_cmpuint (sy_execution_list_model_get_n_pages_read (model), ==, pages);
  sy_test_ui_save_styles (GTK_WIDGET (fixture.window), "executions-list", 420);

  /* Scrolling to the end reads the last page, not those in between. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child (fixture.view, "scrolled")));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  sy_test_ui_wait (300);
  g_assert_cmpuint (sy_execution_list_model_get_n_pages_read (model) * SY_EXECUTION_LIST_PAGE_SIZE, <=, 700);
  g_assert_cmpint (row_execution (&fixture, SEEDED - 1)->id, ==, newest - SEEDED + 1);

  /* Filters: by status (every third failed)… */
  set_status_filter (&fixture, 4);
  g_assert_cmpuint (n_rows (&fixture), ==, (SEEDED + 2) / 3);
  g_assert_cmpint (row_execution (&fixture, 0)->status, ==, SY_STATUS_FAILED);
  /* …and by text in the reason: "boom 99" and "boom 99x". */
  gtk_editable_set_text (GTK_EDITABLE (child (fixture.view, "search_entry")), "boom 99");
  {
    CountWait wait = { &fixture, 5 }; /* 999, 996, 993, 990, 99 */

    g_assert_true (sy_test_ui_wait_for (row_count_is, &wait, 3000));
  }
  g_assert_cmpstr (row_execution (&fixture, 4)->reason, ==, "boom 99");
  sy_test_ui_save_styles (GTK_WIDGET (fixture.window), "executions-filtered", 420);

  gtk_editable_set_text (GTK_EDITABLE (child (fixture.view, "search_entry")), "");
  set_status_filter (&fixture, 0);
  {
    CountWait wait = { &fixture, SEEDED };

    g_assert_true (sy_test_ui_wait_for (row_count_is, &wait, 3000));
  }
}

static void
test_delete_by_status (void)
{
  Fixture fixture;
  guint before;
  guint position = 0;
  CountWait wait = { &fixture, 0 };

  open_window (&fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.all-executions", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture.window));
  before = n_rows (&fixture);
  g_assert_cmpuint (before, >=, SEEDED);

  /* Cancelling the confirmation deletes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "executions.delete-status", "s", "failed"));
  answer_dialog ("cancel");
  sy_test_ui_wait (300);
  g_assert_cmpuint (n_rows (&fixture), ==, before);

  /* Deleting every failed one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "executions.delete-status", "s", "failed"));
  answer_dialog ("delete");
  wait.n = before - (SEEDED + 2) / 3;
  g_assert_true (sy_test_ui_wait_for (row_count_is, &wait, 5000));
  set_status_filter (&fixture, 4);
  g_assert_cmpuint (n_rows (&fixture), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture.view, "list_stack"))), ==, "empty");
  set_status_filter (&fixture, 0);

  /* Deleting the selected row. */
  sy_executions_view_select (fixture.view, &position, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "executions.delete-selected", NULL));
  answer_dialog ("delete");
  wait.n--;
  g_assert_true (sy_test_ui_wait_for (row_count_is, &wait, 5000));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  data_dir = g_dir_make_tmp ("switchyard-executions-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("SWITCHYARD_DATA_DIR", data_dir, TRUE);

  sy_test_ui_init (&argc, &argv);
  sy_test_seed_history (data_dir, "bulk", SEEDED);

  app = sy_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sy_engine_is_running (sy_application_get_engine (app)));

  g_test_add_func ("/ui/executions/list-pages-lazily", test_list_pages_lazily);
  g_test_add_func ("/ui/executions/delete-by-status", test_delete_by_status);

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
