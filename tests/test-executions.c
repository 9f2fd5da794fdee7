/* test-executions.c — the executions view: history list, detail, actions
 *
 * One application with an engine on a temporary data directory that holds
 * a seeded history of SEEDED executions of "bulk" (stored before the engine
 * starts); other workflows are imported and run through the engine.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sy-application.h"
#include "sy-canvas.h"
#include "sy-execute-dialog.h"
#include "sy-executions-view.h"
#include "sy-json-view.h"
#include "sy-node-card.h"
#include "sy-position-selection.h"
#include "sy-test-engine.h"
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

static void
open_window (Fixture *fixture)
{
  GtkWindow *previous = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* A window of its own: no toasts or selection left by the test before
   * (they would show in its screenshots). */
  if (previous != NULL)
    gtk_window_destroy (previous);
  g_application_activate (G_APPLICATION (app));
  fixture->window = SY_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (SY_IS_WINDOW (fixture->window));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  fixture->view = SY_EXECUTIONS_VIEW (sy_test_ui_child (fixture->window, "executions_view"));
}

static gboolean
lists_all (gpointer data)
{
  return sy_execution_list_model_lists_all (data);
}

/* The rows of the history once every one is listed: the view lists a few
 * first, then more each frame. */
static guint
n_rows (Fixture *fixture)
{
  SyExecutionListModel *model = sy_executions_view_get_model (fixture->view);

  g_assert_true (sy_test_ui_wait_for (lists_all, model, 5000));
  return g_list_model_get_n_items (G_LIST_MODEL (model));
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

static gboolean
dialog_shown (gpointer data)
{
  return sy_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
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
  SyExecutionListModel *model = sy_executions_view_get_model (wait->fixture->view);

  return sy_execution_list_model_lists_all (model) && g_list_model_get_n_items (G_LIST_MODEL (model)) == wait->n;
}

/* Answers the AdwMessageDialog on screen with `response`. */
static void
answer_dialog (const char *response)
{
  AdwMessageDialog *dialog;

  g_assert_true (sy_test_ui_wait_for (dialog_shown, NULL, 3000));
  dialog = ADW_MESSAGE_DIALOG (sy_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  /* As a click on the button does: the response, then closing. */
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (sy_test_ui_wait_for (dialog_gone, NULL, 3000));
}

/* The heading of the AdwMessageDialog on screen. */
static const char *
dialog_heading (void)
{
  g_assert_true (sy_test_ui_wait_for (dialog_shown, NULL, 3000));
  return adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (sy_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)));
}

static void
set_status_filter (Fixture *fixture,
                   guint    row)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sy_test_ui_child (fixture->view, "history_status_dropdown")), row);
}


/* ── Engine plumbing ──────────────────────────────────────────────────── */

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
async_finished (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
import (const char *document)
{
  SyEngine *engine = sy_application_get_engine (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_data (document, -1, NULL, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SyVersionRow) row = NULL;

  g_assert_no_error (error);
  sy_engine_import_async (engine, workflow, NULL, async_done, &result);
  g_assert_true (sy_test_ui_wait_for (async_finished, &result, 5000));
  row = sy_engine_import_finish (engine, result, &error);
  g_assert_no_error (error);
}

static SyExecution *
execute (const char     *key,
         SyExecuteFlags  flags)
{
  SyEngine *engine = sy_application_get_engine (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  SyExecution *execution;

  sy_engine_execute_async (engine, key, NULL, SY_EXECUTE_MANUALLY | flags, NULL, async_done, &result);
  g_assert_true (sy_test_ui_wait_for (async_finished, &result, 10000));
  execution = sy_engine_execute_finish (engine, result, &error);
  g_assert_no_error (error);
  return execution;
}

/* ── The detail ───────────────────────────────────────────────────────── */

static gboolean
stack_settled (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

static SyExecutionDetail *
open_detail (Fixture *fixture,
             gint64   id)
{
  SyExecutionDetail *detail = sy_executions_view_get_detail (fixture->view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-execution", "x", id));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  /* Screenshots show the detail, not the list fading out. */
  g_assert_true (sy_test_ui_wait_for (stack_settled, sy_test_ui_child (fixture->view, "history_stack"), 3000));
  g_assert_cmpint (sy_executions_view_get_shown_id (fixture->view), ==, id);
  g_assert_nonnull (sy_execution_detail_get_execution (detail));
  return detail;
}

/* Whether some label or JSON view under `root` shows `text`. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  if (SY_IS_JSON_VIEW (root) && strstr (sy_json_view_get_text (SY_JSON_VIEW (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (shows_text (w, text))
      return TRUE;
  return FALSE;
}

static const char *
card_status (SyExecutionDetail *detail,
             const char        *key)
{
  GtkWidget *card = sy_canvas_get_node_card (sy_execution_detail_get_canvas (detail), key);

  g_assert_nonnull (card);
  for (const char * const *name = (const char * const[]) { "resolved", "failed", "error", "aborted",
                                                            "pending", "rejected", NULL };
       *name != NULL; name++)
    if (gtk_widget_has_css_class (card, *name))
      return *name;
  return NULL;
}

typedef struct
{
  SyExecutionDetail *detail;
  SyStatus           status;
} StatusWait;

static gboolean
status_is (gpointer data)
{
  StatusWait *wait = data;
  SyExecution *execution = sy_execution_detail_get_execution (wait->detail);

  return execution != NULL && execution->status == wait->status;
}

static gboolean
waits_for_something (gpointer data)
{
  const char *waiting = sy_execution_detail_get_waiting (data);

  return waiting != NULL && strstr (waiting, "Waiting until") != NULL;
}

/* Whether `action` is enabled for `detail`: a button bound to it in the
 * detail's top bar follows its state, as the real menu items do. */
static gboolean
action_enabled (SyExecutionDetail *detail,
                const char        *action)
{
  GtkWidget *bar = sy_test_ui_child (detail, "top_bar");
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action);
  gtk_box_append (GTK_BOX (bar), probe);
  enabled = gtk_widget_get_sensitive (probe);
  gtk_box_remove (GTK_BOX (bar), probe);
  return enabled;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
set_flag (gpointer  data,
          GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

static gboolean
columns_fill (gpointer data)
{
  GtkWidget *columns = data;

  return gtk_widget_get_width (gtk_widget_get_first_child (columns)) == gtk_widget_get_width (columns);
}

/* The column view's header (its first child) gets as wide as the view
 * (the columns change an idle after a new width). */
static void
assert_columns_fill (Fixture *fixture)
{
  GtkWidget *columns = sy_test_ui_child (fixture->view, "history_column_view");

  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  if (!sy_test_ui_wait_for (columns_fill, columns, 3000))
    g_assert_cmpint (gtk_widget_get_width (gtk_widget_get_first_child (columns)), ==, gtk_widget_get_width (columns));
}

/* ── Tests ────────────────────────────────────────────────────────────── */

static void
test_list_pages_lazily (void)
{
  Fixture fixture;
  SyExecutionListModel *model;
  GtkAdjustment *adjustment;
  g_autoptr(SyExecutionItem) top = NULL;
  guint pages;
  gint64 newest;

  open_window (&fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.all-executions", NULL));

  /* Shown, the view has read one page and lists a screenful of it, not
   * counted yet: GTK makes a widget for each of up to 200 rows at once. */
  model = sy_executions_view_get_model (fixture.view);
  g_assert_cmpuint (sy_execution_list_model_get_n_pages_read (model), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), <, SY_EXECUTION_LIST_PAGE_SIZE);
  g_assert_false (sy_execution_list_model_lists_all (model));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sy_test_ui_child (fixture.view, "history_count_label"))), ==, "");

  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture.window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (sy_test_ui_child (fixture.window, "content_stack"))), ==,
                   "executions");
  g_assert_null (sy_executions_view_get_workflow_key (fixture.view));

  /* Then the rest is listed frame by frame and counted, but only the
   * pages of the rows GTK keeps around the top were read. */
  g_assert_cmpuint (n_rows (&fixture), ==, SEEDED);
  g_assert_true (model == sy_executions_view_get_model (fixture.view));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sy_test_ui_child (fixture.view, "history_count_label"))), ==,
                   "1000 executions");
  pages = sy_execution_list_model_get_n_pages_read (model);
  g_assert_cmpuint (pages * SY_EXECUTION_LIST_PAGE_SIZE, <=, 300);
  newest = row_execution (&fixture, 0)->id;
  g_assert_cmpint (row_execution (&fixture, 1)->id, <, newest);
  g_assert_cmpuint (sy_execution_list_model_get_n_pages_read (model), ==, pages);
  sy_test_ui_save_styles (GTK_WIDGET (fixture.window), "executions-list", 420);

  /* Scrolling to the end reads the last page, not those in between. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sy_test_ui_child (fixture.view, "history_scrolled")));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  sy_test_ui_wait (300);
  g_assert_cmpuint (sy_execution_list_model_get_n_pages_read (model) * SY_EXECUTION_LIST_PAGE_SIZE, <=, 700);
  g_assert_cmpint (row_execution (&fixture, SEEDED - 1)->id, ==, newest - SEEDED + 1);

  /* Filters: by status (every third failed)… The top rows keep their
   * items, given the new executions, so GTK keeps their widgets. */
  top = g_list_model_get_item (G_LIST_MODEL (model), 1);
  set_status_filter (&fixture, 4);
  g_assert_cmpuint (n_rows (&fixture), ==, (SEEDED + 2) / 3);
  g_assert_cmpint (row_execution (&fixture, 0)->status, ==, SY_STATUS_FAILED);
  {
    g_autoptr(SyExecutionItem) second = g_list_model_get_item (G_LIST_MODEL (model), 1);

    g_assert_true (second == top);
    g_assert_cmpint (sy_execution_item_get_execution (top)->status, ==, SY_STATUS_FAILED);
  }
  /* …and by text in the reason: "boom 99" and "boom 99x". */
  gtk_editable_set_text (GTK_EDITABLE (sy_test_ui_child (fixture.view, "history_search_entry")), "boom 99");
  {
    CountWait wait = { &fixture, 5 }; /* 999, 996, 993, 990, 99 */

    g_assert_true (sy_test_ui_wait_for (row_count_is, &wait, 3000));
  }
  g_assert_cmpstr (row_execution (&fixture, 4)->reason, ==, "boom 99");
  sy_test_ui_save_styles (GTK_WIDGET (fixture.window), "executions-filtered", 420);

  gtk_editable_set_text (GTK_EDITABLE (sy_test_ui_child (fixture.view, "history_search_entry")), "");
  set_status_filter (&fixture, 0);
  {
    CountWait wait = { &fixture, SEEDED };

    g_assert_true (sy_test_ui_wait_for (row_count_is, &wait, 3000));
  }

  /* The columns fill the list, also with some hidden: one workflow's
   * history has no workflow column, a narrow one fewer still. */
  assert_columns_fill (&fixture);
  sy_executions_view_set_workflow_key (fixture.view, "bulk");
  assert_columns_fill (&fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 420, 800);
  sy_test_ui_wait (500);
  assert_columns_fill (&fixture);
}

static void
test_delete_by_status (void)
{
  Fixture fixture;
  guint before;
  guint position = 0;
  guint pages;
  g_autofree char *heading = NULL;
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
  answer_dialog ("confirm");
  wait.n = before - (SEEDED + 2) / 3;
  g_assert_true (sy_test_ui_wait_for (row_count_is, &wait, 5000));
  set_status_filter (&fixture, 4);
  g_assert_cmpuint (n_rows (&fixture), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (sy_test_ui_child (fixture.view, "history_list_stack"))), ==, "empty");
  set_status_filter (&fixture, 0);

  /* Deleting the selected row. */
  sy_executions_view_select (fixture.view, &position, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "executions.delete-selected", NULL));
  answer_dialog ("confirm");
  wait.n--;
  g_assert_true (sy_test_ui_wait_for (row_count_is, &wait, 5000));

  /* Every one is finished: counted in one go. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "executions.delete-status", "s", "finished"));
  heading = g_strdup_printf ("Delete %u Finished Executions?", wait.n);
  g_assert_cmpstr (dialog_heading (), ==, heading);
  answer_dialog ("cancel");

  /* Select All: deleted by the list's filter, without reading the rows
   * GTK has not asked for (their pages) for their ids. */
  g_assert_cmpuint (n_rows (&fixture), ==, wait.n);
  pages = sy_execution_list_model_get_n_pages_read (sy_executions_view_get_model (fixture.view));
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (gtk_column_view_get_model (
    GTK_COLUMN_VIEW (sy_test_ui_child (fixture.view, "history_column_view")))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.view), "executions.delete-selected", NULL));
  g_free (heading);
  heading = g_strdup_printf ("Delete %u Executions?", wait.n);
  g_assert_cmpstr (dialog_heading (), ==, heading);
  g_assert_cmpuint (sy_execution_list_model_get_n_pages_read (sy_executions_view_get_model (fixture.view)), ==, pages);
  answer_dialog ("confirm");
  wait.n = 0;
  g_assert_true (sy_test_ui_wait_for (row_count_is, &wait, 5000));
}


static void
test_failing_branch (void)
{
  Fixture fixture;
  SyExecutionDetail *detail;
  g_autoptr(SyExecution) failed = NULL;
  GtkWidget *panel;

  import ("{\"format\": \"switchyard-workflow/1\", \"key\": \"stock\", \"title\": \"Order stock\","
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": ["
          "  {\"key\": \"count\", \"type\": \"calculation\", \"title\": \"Count\", \"config\": {\"expression\": \"3\"}},"
          "  {\"key\": \"fan\", \"type\": \"parallel\", \"config\": {\"mode\": \"all\"}, \"branches\": {"
          "    \"1\": [{\"key\": \"fine\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}],"
          "    \"2\": [{\"key\": \"broken\", \"type\": \"calculation\", \"title\": \"Reserve\","
          "            \"config\": {\"expression\": \"error(\\\"stock is {{$context.stock}}\\\")\"}}]}},"
          "  {\"key\": \"after\", \"type\": \"calculation\", \"config\": {\"expression\": \"2\"}}]}");
  failed = execute ("stock", SY_EXECUTE_NONE);
  g_assert_cmpstr (sy_status_to_string (failed->status, FALSE), ==, "error");

  open_window (&fixture);
  detail = open_detail (&fixture, failed->id);

  /* The cards: what ran, how it ended; what never ran has no status. */
  g_assert_cmpstr (card_status (detail, "count"), ==, "resolved");
  g_assert_cmpstr (card_status (detail, "fine"), ==, "resolved");
  g_assert_cmpstr (card_status (detail, "broken"), ==, "error");
  g_assert_null (card_status (detail, "after"));
  /* The reason names the node and what went wrong. */
  g_assert_true (gtk_widget_get_visible (sy_test_ui_child (detail, "reason_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (sy_test_ui_child (detail, "reason_label"))), "stock is"));

  /* The trigger first: the context. */
  panel = sy_test_ui_child (detail, "job_panel_box");
  g_assert_true (shows_text (panel, "Context"));

  /* Clicking the failing node shows its job with the message. */
  sy_canvas_select_node (sy_execution_detail_get_canvas (detail),
                         sy_workflow_find_node (sy_workflow_document_get_workflow (
                                                  sy_canvas_get_document (sy_execution_detail_get_canvas (detail))),
                                                "broken"));
  g_assert_true (shows_text (panel, "Reserve"));
  g_assert_true (shows_text (panel, "stock is"));
  g_assert_true (shows_text (panel, "Branch"));
  gtk_widget_activate_action (GTK_WIDGET (sy_execution_detail_get_canvas (detail)), "canvas.zoom-fit", NULL);
  sy_test_ui_save_styles (GTK_WIDGET (fixture.window), "execution-failed", 420);

  g_assert_true (action_enabled (detail, "execution.retry-from-selected"));

  /* A node that did not run says so, and cannot be retried from. */
  sy_execution_detail_select_node (detail, "after");
  g_assert_true (shows_text (panel, "did not run"));
  g_assert_false (action_enabled (detail, "execution.retry-from-selected"));
  g_assert_true (action_enabled (detail, "execution.retry"));

  /* Back to the list, with the execution on top. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "executions.back", NULL));
  g_assert_cmpint (sy_executions_view_get_shown_id (fixture.view), ==, 0);
  g_assert_cmpint (row_execution (&fixture, 0)->id, ==, failed->id);
}

static gboolean
card_is_aborted (gpointer data)
{
  return g_strcmp0 (card_status (data, "nap"), "aborted") == 0;
}

static void
test_cancel_waiting (void)
{
  Fixture fixture;
  SyExecutionDetail *detail;
  g_autoptr(SyExecution) waiting = NULL;
  StatusWait wait;
  guint reads;

  import ("{\"format\": \"switchyard-workflow/1\", \"key\": \"later\", \"title\": \"Later\","
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": [{\"key\": \"nap\", \"type\": \"delay\", \"title\": \"Nap\","
          "              \"config\": {\"duration\": 1, \"unit\": \"hour\"}}]}");
  waiting = execute ("later", SY_EXECUTE_NO_WAIT);

  open_window (&fixture);
  detail = open_detail (&fixture, waiting->id);

  /* It says what it waits for, and its card waits too. */
  g_assert_true (sy_test_ui_wait_for (waits_for_something, detail, 5000));
  g_assert_nonnull (strstr (sy_execution_detail_get_waiting (detail), "Nap"));
  g_assert_cmpstr (card_status (detail, "nap"), ==, "pending");
  g_assert_true (gtk_widget_is_sensitive (sy_test_ui_child (detail, "cancel_button")));
  sy_test_ui_save_styles (GTK_WIDGET (fixture.window), "execution-waiting", 420);

  /* Cancel: aborted by hand, updated in place from the engine's copies
   * (the execution is not read again). */
  reads = sy_execution_detail_get_n_reads (detail);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "execution.cancel", NULL));
  wait = (StatusWait) { detail, SY_STATUS_ABORTED };
  g_assert_true (sy_test_ui_wait_for (status_is, &wait, 5000));
  g_assert_true (sy_test_ui_wait_for (card_is_aborted, detail, 5000));
  g_assert_cmpuint (sy_execution_detail_get_n_reads (detail), ==, reads);
  g_assert_cmpint (sy_execution_detail_get_id (detail), ==, waiting->id);
  g_assert_cmpstr (sy_execution_detail_get_execution (detail)->reason, ==, "manual_cancel");
  g_assert_cmpstr (card_status (detail, "nap"), ==, "aborted");
  g_assert_null (sy_execution_detail_get_waiting (detail));
  g_assert_false (gtk_widget_is_sensitive (sy_test_ui_child (detail, "cancel_button")));
}

typedef struct
{
  SyExecutionDetail *detail;
  gint64             old_id;
} RetryWait;

static gboolean
retry_resolved (gpointer data)
{
  RetryWait *wait = data;
  SyExecution *execution = sy_execution_detail_get_execution (wait->detail);

  return execution != NULL && execution->id != wait->old_id && execution->status == SY_STATUS_RESOLVED;
}

static void
test_retry_from_node (void)
{
  Fixture fixture;
  SyExecutionDetail *detail;
  g_autoptr(SyExecution) first = NULL;
  SyExecution *again;
  RetryWait wait;

  import ("{\"format\": \"switchyard-workflow/1\", \"key\": \"twice\", \"title\": \"Twice\","
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": [{\"key\": \"a\", \"type\": \"calculation\", \"config\": {\"expression\": \"5\"}},"
          "             {\"key\": \"b\", \"type\": \"calculation\","
          "              \"config\": {\"expression\": \"{{$jobsMapByNodeKey.a}} * 2\"}}]}");
  first = execute ("twice", SY_EXECUTE_NONE);

  open_window (&fixture);
  detail = open_detail (&fixture, first->id);

  /* Retry from a node: the one picked on the canvas. */
  g_assert_true (gtk_widget_is_sensitive (sy_test_ui_child (detail, "retry_button")));
  sy_execution_detail_select_node (detail, "b");
  g_assert_cmpstr (sy_node_get_key (sy_canvas_get_selected_node (sy_execution_detail_get_canvas (detail))), ==, "b");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "execution.retry-from-selected", NULL));

  /* The new execution opens by itself, linked to the old one. */
  wait = (RetryWait) { detail, first->id };
  g_assert_true (sy_test_ui_wait_for (retry_resolved, &wait, 10000));
  again = sy_execution_detail_get_execution (detail);
  g_assert_cmpint (again->retry_of, ==, first->id);
  g_assert_cmpuint (again->jobs->len, ==, 2);
  g_assert_cmpint (json_node_get_int (((SyJob *) g_ptr_array_index (again->jobs, 1))->result), ==, 10);
  g_assert_true (gtk_widget_get_visible (sy_test_ui_child (detail, "retry_of_button")));
  g_assert_cmpint (sy_executions_view_get_shown_id (fixture.view), ==, again->id);
  /* It opens at its trigger, on the canvas too (the same version). */
  g_assert_null (sy_canvas_get_selected_node (sy_execution_detail_get_canvas (detail)));
  g_assert_true (shows_text (sy_test_ui_child (detail, "job_panel_box"), "Context"));
  g_assert_false (action_enabled (detail, "execution.retry-from-selected"));

  /* The link goes back to the one it retried. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "execution.open-retried", NULL));
  g_assert_cmpint (sy_execution_detail_get_id (detail), ==, first->id);
}

/* Replies that come after the detail is gone do nothing (a shown
 * execution would touch widgets dispose cleared: criticals are fatal). */
static void
test_replies_after_dispose (void)
{
  SyEngine *engine = sy_application_get_engine (app);
  g_autoptr(SyExecution) failed = NULL;
  g_autoptr(SyExecution) waiting = NULL;

  import ("{\"format\": \"switchyard-workflow/1\", \"key\": \"gone\", \"title\": \"Gone\","
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": [{\"key\": \"fail\", \"type\": \"calculation\", \"config\": {\"expression\": \"error(\\\"no\\\")\"}}]}");
  import ("{\"format\": \"switchyard-workflow/1\", \"key\": \"dozing\", \"title\": \"Dozing\","
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": [{\"key\": \"nap\", \"type\": \"delay\", \"config\": {\"duration\": 1, \"unit\": \"hour\"}}]}");
  failed = execute ("gone", SY_EXECUTE_NONE);
  waiting = execute ("dozing", SY_EXECUTE_NO_WAIT);

  for (guint i = 0; i < 2; i++)
    {
      SyExecutionDetail *detail = g_object_ref_sink (SY_EXECUTION_DETAIL (sy_execution_detail_new ()));
      gboolean finalized = FALSE;

      sy_execution_detail_set_engine (detail, engine);
      sy_execution_detail_show (detail, i == 0 ? failed->id : waiting->id);
      g_assert_nonnull (sy_execution_detail_get_execution (detail));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), i == 0 ? "execution.retry" : "execution.cancel",
                                                 NULL));
      /* The request holds the last reference: it goes with the reply. */
      g_object_run_dispose (G_OBJECT (detail));
      g_object_weak_ref (G_OBJECT (detail), set_flag, &finalized);
      g_object_unref (detail);
      g_assert_false (finalized);
      g_assert_true (sy_test_ui_wait_for (flag_is_set, &finalized, 10000));
    }
}

static void
on_deleted (gint64 *deleted,
            gint64  id)
{
  *deleted = id;
}

static gboolean
id_is_set (gpointer data)
{
  return *(gint64 *) data != 0;
}

/* Delete and Cancel are about the execution they were asked for: the
 * detail stays on the one shown since. */
static void
test_replies_after_moving_on (void)
{
  Fixture fixture;
  SyExecutionDetail *detail;
  g_autoptr(SyExecution) first = NULL;
  g_autoptr(SyExecution) second = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) later = NULL;
  AdwMessageDialog *dialog;
  gint64 deleted = 0;

  import ("{\"format\": \"switchyard-workflow/1\", \"key\": \"small\", \"title\": \"Small\","
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": [{\"key\": \"one\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]}");
  import ("{\"format\": \"switchyard-workflow/1\", \"key\": \"snooze\", \"title\": \"Snooze\","
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": [{\"key\": \"nap\", \"type\": \"delay\", \"config\": {\"duration\": 1, \"unit\": \"hour\"}}]}");
  first = execute ("small", SY_EXECUTE_NONE);
  second = execute ("small", SY_EXECUTE_NONE);
  waiting = execute ("snooze", SY_EXECUTE_NO_WAIT);

  open_window (&fixture);
  detail = open_detail (&fixture, first->id);
  g_signal_connect_swapped (detail, "deleted", G_CALLBACK (on_deleted), &deleted);

  /* Delete the first, then open the second before the engine answers. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "execution.delete", NULL));
  dialog = ADW_MESSAGE_DIALOG (sy_test_ui_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, 3000));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "confirm");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-execution", "x", second->id));
  g_assert_true (sy_test_ui_wait_for (id_is_set, &deleted, 5000));
  g_assert_cmpint (deleted, ==, first->id);
  g_assert_cmpint (sy_executions_view_get_shown_id (fixture.view), ==, second->id);
  g_signal_handlers_disconnect_by_func (detail, on_deleted, &deleted);

  /* Cancel the waiting one, then open the second again. */
  detail = open_detail (&fixture, waiting->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "execution.cancel", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-execution", "x", second->id));
  /* The engine answers in order: once this run is answered, so was Cancel. */
  later = execute ("small", SY_EXECUTE_NONE);
  g_assert_cmpint (sy_executions_view_get_shown_id (fixture.view), ==, second->id);
}

typedef struct
{
  gint64   id;
  SyStatus status;
  gboolean seen;
} UpdateWait;

static void
on_execution_updated (UpdateWait  *wait,
                      SyExecution *execution)
{
  if (execution->id == wait->id && execution->status == wait->status)
    wait->seen = TRUE;
}

static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

/* Hidden, the detail reads nothing; shown again, it reads what changed. */
static void
test_hidden_detail_reads_on_map (void)
{
  SyEngine *engine = sy_application_get_engine (app);
  Fixture fixture;
  SyExecutionDetail *detail;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) cancelled = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  UpdateWait update;
  guint reads;

  import ("{\"format\": \"switchyard-workflow/1\", \"key\": \"hidden\", \"title\": \"Hidden\","
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": [{\"key\": \"nap\", \"type\": \"delay\", \"config\": {\"duration\": 1, \"unit\": \"hour\"}}]}");
  waiting = execute ("hidden", SY_EXECUTE_NO_WAIT);

  open_window (&fixture);
  detail = open_detail (&fixture, waiting->id);
  g_assert_true (sy_test_ui_wait_for (waits_for_something, detail, 5000));
  reads = sy_execution_detail_get_n_reads (detail);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "executions.back", NULL));
  g_assert_true (sy_test_ui_wait_for (is_unmapped, detail, 3000));
  update = (UpdateWait) { waiting->id, SY_STATUS_ABORTED, FALSE };
  /* Connected after the detail: it has had the signal when this one sees it. */
  g_signal_connect_swapped (engine, "execution-updated", G_CALLBACK (on_execution_updated), &update);
  sy_engine_cancel_async (engine, waiting->id, NULL, sy_test_on_done, &result);
  cancelled = sy_engine_cancel_finish (engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (sy_test_ui_wait_for (flag_is_set, &update.seen, 5000));
  g_signal_handlers_disconnect_by_func (engine, on_execution_updated, &update);
  g_assert_cmpuint (sy_execution_detail_get_n_reads (detail), ==, reads);
  g_assert_cmpint (sy_execution_detail_get_execution (detail)->status, ==, SY_STATUS_STARTED);

  /* Back on screen (not through show()): read once, up to date. */
  gtk_stack_set_visible_child_name (GTK_STACK (sy_test_ui_child (fixture.view, "history_stack")), "detail");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (detail)));
  g_assert_cmpuint (sy_execution_detail_get_n_reads (detail), ==, reads + 1);
  g_assert_cmpint (sy_execution_detail_get_execution (detail)->status, ==, SY_STATUS_ABORTED);
  g_assert_cmpstr (card_status (detail, "nap"), ==, "aborted");
}

static gboolean
waits_for_ann (gpointer data)
{
  const char *waiting = sy_execution_detail_get_waiting (data);

  return waiting != NULL && strstr (waiting, "Ann Example") != NULL;
}

/* An approval in branch mode stays pending while its branch runs: it no
 * longer waits for a person, and its panel says so at once. */
static void
test_decided_approval (void)
{
  SyEngine *engine = sy_application_get_engine (app);
  Fixture fixture;
  SyExecutionDetail *detail;
  GtkWidget *panel;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) submitted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *person = NULL;
  g_autofree char *document = NULL;
  g_autoptr(SyTask) task = NULL;
  guint reads;

  sy_engine_save_person_async (engine, NULL, "Ann Example", NULL, NULL, sy_test_on_done, &saved);
  person = sy_engine_save_person_finish (engine, sy_test_wait_for (&saved), &error);
  g_assert_no_error (error);
  document = g_strdup_printf ("{\"format\": \"switchyard-workflow/1\", \"key\": \"ask\", \"title\": \"Ask\","
                              " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
                              " \"nodes\": [{\"key\": \"ok\", \"type\": \"approval\", \"title\": \"Sign off\","
                              "   \"config\": {\"assignees\": [\"%s\"], \"mode\": \"branch\"},"
                              "   \"branches\": {\"approved\": [{\"key\": \"cool\", \"type\": \"delay\","
                              "     \"title\": \"Cool off\", \"config\": {\"duration\": 1, \"unit\": \"hour\"}}]}}]}",
                              person);
  import (document);
  waiting = execute ("ask", SY_EXECUTE_NO_WAIT);

  open_window (&fixture);
  detail = open_detail (&fixture, waiting->id);
  panel = sy_test_ui_child (detail, "job_panel_box");
  sy_execution_detail_select_node (detail, "ok");

  /* Before: the approver by name, here and in the panel. */
  g_assert_true (sy_test_ui_wait_for (waits_for_ann, detail, 5000));
  g_assert_cmpstr (person, !=, "Ann Example");
  g_assert_null (strstr (sy_execution_detail_get_waiting (detail), person));
  g_assert_true (shows_text (panel, "Waiting for Ann Example"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sy_test_ui_child (detail, "status_label"))), ==, "Waiting");
  sy_test_ui_save_styles (GTK_WIDGET (fixture.window), "execution-approval", 420);
  reads = sy_execution_detail_get_n_reads (detail);

  /* Approved: the approval job stays pending while its branch waits. */
  sy_engine_submit_task_async (engine, sy_test_open_task_of (engine, person), "approve", NULL, NULL, NULL,
                               sy_test_on_done, &submitted);
  task = sy_engine_submit_task_finish (engine, sy_test_wait_for (&submitted), &error);
  g_assert_no_error (error);
  g_assert_true (sy_test_ui_wait_for (waits_for_something, detail, 5000));
  g_assert_cmpstr (card_status (detail, "ok"), ==, "pending");
  g_assert_null (strstr (sy_execution_detail_get_waiting (detail), "Waiting for"));
  g_assert_nonnull (strstr (sy_execution_detail_get_waiting (detail), "Cool off"));
  g_assert_false (shows_text (panel, "Waiting for"));
  g_assert_false (shows_text (panel, "Ann Example"));
  g_assert_cmpuint (sy_execution_detail_get_n_reads (detail), ==, reads);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "execution.cancel", NULL));
}

/* Selected positions follow inserted and removed rows. */
static void
test_position_selection (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(SyPositionSelection) selection = NULL;
  GtkSelectionModel *model;
  g_autoptr(GtkBitset) selected = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GObject) object = g_object_new (G_TYPE_OBJECT, NULL);

      g_list_store_append (store, object);
    }
  selection = sy_position_selection_new (g_object_ref (G_LIST_MODEL (store)));
  model = GTK_SELECTION_MODEL (selection);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);

  g_assert_true (gtk_selection_model_select_item (model, 1, FALSE));
  g_assert_true (gtk_selection_model_select_item (model, 3, FALSE));
  {
    g_autoptr(GObject) object = g_object_new (G_TYPE_OBJECT, NULL);

    g_list_store_insert (store, 0, object);
  }
  g_assert_false (gtk_selection_model_is_selected (model, 1));
  g_assert_true (gtk_selection_model_is_selected (model, 2));
  g_assert_true (gtk_selection_model_is_selected (model, 4));
  g_list_store_remove (store, 2);
  selected = gtk_selection_model_get_selection (model);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_true (gtk_selection_model_is_selected (model, 3));

  g_assert_true (gtk_selection_model_select_all (model));
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (model);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 5);
  g_assert_true (gtk_selection_model_unselect_item (model, 0));
  g_assert_false (gtk_selection_model_is_selected (model, 0));
  g_assert_true (gtk_selection_model_unselect_all (model));
  g_assert_false (gtk_selection_model_is_selected (model, 4));
}

static gboolean
first_row_is (gpointer data)
{
  CountWait *wait = data;

  return n_rows (wait->fixture) > 0 && row_execution (wait->fixture, 0)->id == (gint64) wait->n;
}

static void
cancel_execution (gint64 id)
{
  SyEngine *engine = sy_application_get_engine (app);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) cancelled = NULL;

  sy_engine_cancel_async (engine, id, NULL, sy_test_on_done, &result);
  cancelled = sy_engine_cancel_finish (engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
}

/* Rows follow the filter as they change, paged or new, and a search finds
 * a reason by its words as the Reason column shows them. */
static void
test_list_follows_filter (void)
{
  Fixture fixture;
  g_autoptr(SyExecution) first = NULL;
  g_autoptr(SyExecution) second = NULL;
  g_autoptr(SyExecution) third = NULL;
  SyExecutionListModel *model;
  CountWait wait = { &fixture, 0 };
  guint pages;
  guint running;

  import ("{\"format\": \"switchyard-workflow/1\", \"key\": \"linger\", \"title\": \"Linger\","
          " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
          " \"nodes\": [{\"key\": \"nap\", \"type\": \"delay\", \"config\": {\"duration\": 1, \"unit\": \"hour\"}}]}");
  first = execute ("linger", SY_EXECUTE_NO_WAIT);
  second = execute ("linger", SY_EXECUTE_NO_WAIT);

  open_window (&fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.all-executions", NULL));
  set_status_filter (&fixture, 2); /* Started */
  model = sy_executions_view_get_model (fixture.view);
  running = n_rows (&fixture);
  g_assert_cmpuint (running, >=, 2);
  g_assert_cmpint (row_execution (&fixture, 0)->id, ==, second->id);

  /* A paged row that ends leaves a Started list, without a reload. */
  pages = sy_execution_list_model_get_n_pages_read (model);
  cancel_execution (second->id);
  wait.n = running - 1;
  g_assert_true (sy_test_ui_wait_for (row_count_is, &wait, 5000));
  g_assert_cmpint (row_execution (&fixture, 0)->id, ==, first->id);
  g_assert_cmpuint (sy_execution_list_model_get_n_pages_read (model), ==, pages);

  /* Searching the words of a reason: paged rows… */
  set_status_filter (&fixture, 0);
  gtk_editable_set_text (GTK_EDITABLE (sy_test_ui_child (fixture.view, "history_search_entry")), "by hand");
  wait.n = second->id;
  g_assert_true (sy_test_ui_wait_for (first_row_is, &wait, 5000));
  g_assert_cmpstr (row_execution (&fixture, 0)->reason, ==, "manual_cancel");

  /* …and one that starts later and matches only once cancelled. */
  third = execute ("linger", SY_EXECUTE_NO_WAIT);
  g_assert_cmpint (row_execution (&fixture, 0)->id, ==, second->id);
  cancel_execution (third->id);
  wait.n = third->id;
  g_assert_true (sy_test_ui_wait_for (first_row_is, &wait, 5000));

  gtk_editable_set_text (GTK_EDITABLE (sy_test_ui_child (fixture.view, "history_search_entry")), "");
  cancel_execution (first->id);
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
  g_test_add_func ("/ui/executions/failing-branch", test_failing_branch);
  g_test_add_func ("/ui/executions/cancel-waiting", test_cancel_waiting);
  g_test_add_func ("/ui/executions/retry-from-node", test_retry_from_node);
  g_test_add_func ("/ui/executions/replies-after-dispose", test_replies_after_dispose);
  g_test_add_func ("/ui/executions/replies-after-moving-on", test_replies_after_moving_on);
  g_test_add_func ("/ui/executions/hidden-detail-reads-on-map", test_hidden_detail_reads_on_map);
  g_test_add_func ("/ui/executions/decided-approval", test_decided_approval);
  g_test_add_func ("/ui/executions/position-selection", test_position_selection);
  g_test_add_func ("/ui/executions/list-follows-filter", test_list_follows_filter);

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
