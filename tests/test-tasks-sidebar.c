/* test-tasks-sidebar.c — the tasks sidebar in the main window: a waiting
 * task shows with its badge, its form resumes the execution, approvals are
 * approved and rejected, requests are sent and withdrawn, notices are read */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sy-application.h"
#include "sy-request-view.h"
#include "sy-task-detail.h"
#include "sy-task-form.h"
#include "sy-task-notifier.h"
#include "sy-tasks-sidebar.h"
#include "sy-test-engine.h"
#include "sy-test-notifications.h"
#include "sy-test-ui.h"
#include "sy-window.h"

typedef struct
{
  SyApplication  *app;
  GtkWindow      *window;
  SyEngine       *engine;
  SyTasksSidebar *sidebar;
} Fixture;

static SyApplication *shared_app;
static char *data_dir;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  (void) data;
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");

  if (shared_app == NULL)
    {
      shared_app = sy_application_new_for_data_dir (data_dir);
      g_application_set_flags (G_APPLICATION (shared_app),
                               G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (shared_app), NULL, &error);
      g_assert_no_error (error);
    }
  fixture->app = shared_app;
  g_application_activate (G_APPLICATION (fixture->app));
  fixture->window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));
  g_assert_true (SY_IS_WINDOW (fixture->window));
  fixture->engine = sy_application_get_engine (fixture->app);
  g_assert_true (sy_engine_is_running (fixture->engine));
  fixture->sidebar = SY_TASKS_SIDEBAR (sy_test_ui_find (GTK_WIDGET (fixture->window), "tasks_sidebar"));
  g_assert_nonnull (fixture->sidebar);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app));

  (void) data;
  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app));
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* ── Helpers ─────────────────────────────────────────────────────────── */

typedef struct
{
  Fixture    *fixture;
  guint       count;
  const char *page;
} Expect;

static gboolean
count_is (gpointer data)
{
  Expect *expect = data;

  return sy_tasks_sidebar_get_open_count (expect->fixture->sidebar) == expect->count;
}

static void
wait_for_count (Fixture *fixture,
                guint    count)
{
  Expect expect = { fixture, count, NULL };

  g_assert_true (sy_test_ui_wait_for (count_is, &expect, 5000));
}

static gboolean
page_is (gpointer data)
{
  Expect *expect = data;

  return g_strcmp0 (sy_tasks_sidebar_get_page (expect->fixture->sidebar), expect->page) == 0;
}

static void
wait_for_page (Fixture    *fixture,
               const char *page)
{
  Expect expect = { fixture, 0, page };

  g_assert_true (sy_test_ui_wait_for (page_is, &expect, 5000));
}

static guint
n_rows (Fixture *fixture)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (sy_tasks_sidebar_get_list (fixture->sidebar)));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    n++;

  return n;
}

/* Activates the row of the task titled `title` (the keyboard's Enter does the same). */
static void
activate_row (Fixture    *fixture,
              const char *title)
{
  GtkListBox *list = sy_tasks_sidebar_get_list (fixture->sidebar);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      SyTask *task = g_object_get_data (G_OBJECT (row), "task");
      SyExecution *request = g_object_get_data (G_OBJECT (row), "request");

      if ((task != NULL && g_strcmp0 (task->title, title) == 0) ||
          (request != NULL && g_strcmp0 (request->workflow_key, title) == 0))
        {
          g_signal_emit_by_name (list, "row-activated", row);
          return;
        }
    }

  g_error ("no row “%s”", title);
}

static gboolean
execution_ended (gpointer data)
{
  Fixture *fixture = ((gpointer *) data)[0];
  gint64 id = GPOINTER_TO_SIZE (((gpointer *) data)[1]);
  g_autoptr(SyExecution) execution = sy_test_get_execution (fixture->engine, id, NULL);

  return execution->status != SY_STATUS_STARTED;
}

static SyExecution *
wait_for_end (Fixture *fixture,
              gint64   id)
{
  gpointer data[2] = { fixture, GSIZE_TO_POINTER (id) };

  g_assert_true (sy_test_ui_wait_for (execution_ended, data, 5000));
  return sy_test_get_execution (fixture->engine, id, NULL);
}

static void
show_tasks (Fixture *fixture)
{
  AdwFlap *flap = ADW_FLAP (sy_test_ui_find (GTK_WIDGET (fixture->window), "tasks_flap"));

  if (!adw_flap_get_reveal_flap (flap))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-tasks", NULL));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  sy_test_ui_wait (400);
}

static void
screenshots (Fixture    *fixture,
             const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  sy_test_ui_wait (300);
  g_free (sy_test_ui_save_png (GTK_WIDGET (fixture->window), light));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  sy_test_ui_wait (300);
  g_free (sy_test_ui_save_png (GTK_WIDGET (fixture->window), dark));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

#define MANUAL_DOC \
  "{\"format\": \"switchyard-workflow/1\", \"key\": \"expenses\", \"title\": \"Expenses\"," \
  " \"trigger\": {\"type\": \"webhook\", \"config\": {}}," \
  " \"nodes\": [{\"key\": \"check\", \"type\": \"manual\", \"title\": \"Check the receipt\"," \
  "   \"config\": {\"assignees\": [\"me\"], \"title\": \"Receipt of {{$context.body.who}}\", \"form\": [" \
  "     {\"name\": \"amount\", \"label\": \"Amount\", \"type\": \"number\", \"default\": \"{{$context.body.amount}}\"}," \
  "     {\"name\": \"note\", \"label\": \"Note\", \"type\": \"text\", \"required\": true}," \
  "     {\"name\": \"details\", \"label\": \"Details\", \"type\": \"multiline\"}," \
  "     {\"name\": \"paid\", \"label\": \"Already paid\", \"type\": \"switch\", \"default\": false}," \
  "     {\"name\": \"due\", \"label\": \"Due\", \"type\": \"date\", \"default\": \"2026-12-01\"}," \
  "     {\"name\": \"account\", \"label\": \"Account\", \"type\": \"choice\", \"options\": [\"travel\", \"food\"], \"default\": \"food\"}]}}," \
  "   {\"key\": \"after\", \"type\": \"calculation\", \"config\": {\"expression\": \"{{$jobsMapByNodeKey.check.form.amount}}\"}}]}"

/* ── Tests ───────────────────────────────────────────────────────────── */

static void
test_manual_task (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) done = NULL;
  g_autoptr(JsonNode) values = NULL;
  GtkWidget *badge;
  SyTaskDetail *detail;
  SyTaskForm *form;

  (void) data;
  sy_test_import (fixture->engine, MANUAL_DOC);
  waiting = sy_test_execute (fixture->engine, "expenses", "{\"body\": {\"who\": \"Ann\", \"amount\": 42}}",
                             SY_EXECUTE_MANUALLY, NULL);
  g_assert_cmpint (waiting->status, ==, SY_STATUS_STARTED);

  /* The list follows the engine: the task and its badge appear. */
  wait_for_count (fixture, 1);
  badge = sy_test_ui_find (GTK_WIDGET (fixture->window), "tasks_badge");
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "1");
  show_tasks (fixture);
  g_assert_cmpuint (n_rows (fixture), ==, 1);
  screenshots (fixture, "tasks-list");

  activate_row (fixture, "Receipt of Ann");
  wait_for_page (fixture, "task");
  detail = SY_TASK_DETAIL (sy_tasks_sidebar_get_detail (fixture->sidebar));
  form = SY_TASK_FORM (sy_task_detail_get_form (detail));
  g_assert_cmpuint (sy_task_form_get_n_fields (form), ==, 6);
  sy_test_ui_wait (500);
  screenshots (fixture, "task-manual");

  /* Defaults came from the execution; the required note is missing. */
  values = sy_task_form_get_values (form);
  sy_test_assert_json (values, "{\"amount\":42,\"note\":\"\",\"details\":\"\",\"paid\":false,"
                               "\"due\":\"2026-12-01\",\"account\":\"food\"}");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.continue", NULL));
  g_assert_nonnull (sy_task_detail_get_error (detail));
  g_assert_cmpstr (sy_tasks_sidebar_get_page (fixture->sidebar), ==, "task");

  /* Typed into the rows as a person would. */
  gtk_editable_set_text (GTK_EDITABLE (sy_task_form_get_field (form, "note")), "taxi to the airport");
  gtk_editable_set_text (GTK_EDITABLE (sy_task_form_get_field (form, "amount")), "forty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.continue", NULL));
  g_assert_nonnull (g_strstr_len (sy_task_detail_get_error (detail), -1, "Amount"));
  gtk_editable_set_text (GTK_EDITABLE (sy_task_form_get_field (form, "amount")), "40.5");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.continue", NULL));

  /* The execution goes on; the task leaves the list and the badge goes. */
  done = wait_for_end (fixture, waiting->id);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  sy_test_assert_json (sy_test_find_job (done, "after")->result, "40.5");
  wait_for_page (fixture, "list");
  wait_for_count (fixture, 0);
  g_assert_false (gtk_widget_get_visible (badge));
  g_assert_cmpuint (n_rows (fixture), ==, 0);

  /* Done keeps it. */
  sy_tasks_sidebar_set_filter (fixture->sidebar, SY_TASKS_FILTER_DONE);
  g_assert_cmpuint (n_rows (fixture), >=, 1);
  sy_tasks_sidebar_set_filter (fixture->sidebar, SY_TASKS_FILTER_MINE);
}

#define APPROVAL_DOC \
  "{\"format\": \"switchyard-workflow/1\", \"key\": \"purchase\", \"title\": \"Purchase\"," \
  " \"trigger\": {\"type\": \"webhook\", \"config\": {}}," \
  " \"nodes\": [{\"key\": \"quote\", \"type\": \"calculation\", \"title\": \"Quote\", \"config\": {\"expression\": \"{{$context.body.price}} * 2\"}}," \
  "   {\"key\": \"ok\", \"type\": \"approval\", \"title\": \"Approve the purchase\"," \
  "   \"config\": {\"assignees\": [\"me\"], \"title\": \"Buy {{$context.body.item}}\"}}]}"

static void
test_approval (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(SyExecution) first = NULL;
  g_autoptr(SyExecution) second = NULL;
  g_autoptr(SyExecution) approved = NULL;
  g_autoptr(SyExecution) rejected = NULL;
  SyTaskDetail *detail;
  GtkWidget *comment;

  (void) data;
  sy_test_import (fixture->engine, APPROVAL_DOC);
  first = sy_test_execute (fixture->engine, "purchase", "{\"body\": {\"item\": \"a chair\", \"price\": 60}}",
                           SY_EXECUTE_MANUALLY, NULL);
  second = sy_test_execute (fixture->engine, "purchase", "{\"body\": {\"item\": \"a desk\", \"price\": 200}}",
                            SY_EXECUTE_MANUALLY, NULL);
  wait_for_count (fixture, 2);
  show_tasks (fixture);

  activate_row (fixture, "Buy a chair");
  wait_for_page (fixture, "task");
  detail = SY_TASK_DETAIL (sy_tasks_sidebar_get_detail (fixture->sidebar));
  sy_test_ui_wait (500);
  screenshots (fixture, "task-approval");
  comment = sy_test_ui_find (GTK_WIDGET (detail), "comment_row");
  gtk_editable_set_text (GTK_EDITABLE (comment), "fine by me");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.approve", NULL));
  approved = wait_for_end (fixture, first->id);
  g_assert_cmpint (approved->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (
                     json_node_get_object (sy_test_find_job (approved, "ok")->result), "records"), 0), "comment"),
                   ==, "fine by me");
  wait_for_count (fixture, 1);

  wait_for_page (fixture, "list");
  activate_row (fixture, "Buy a desk");
  wait_for_page (fixture, "task");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.reject", NULL));
  rejected = wait_for_end (fixture, second->id);
  g_assert_cmpint (rejected->status, ==, SY_STATUS_REJECTED);
  wait_for_count (fixture, 0);
}

#define REQUEST_DOC \
  "{\"format\": \"switchyard-workflow/1\", \"key\": \"leave\", \"title\": \"Leave\", \"enabled\": true," \
  " \"trigger\": {\"type\": \"approval\", \"config\": {\"form\": [" \
  "   {\"name\": \"days\", \"label\": \"Days\", \"type\": \"number\", \"required\": true}]}}," \
  " \"nodes\": [{\"key\": \"boss\", \"type\": \"approval\", \"config\": {\"assignees\": [\"boss\"]}}," \
  "   {\"key\": \"tell\", \"type\": \"cc\", \"config\": {\"assignees\": [\"me\"], \"title\": \"Leave approved\"}}]}"

static gboolean
request_form_ready (gpointer data)
{
  return sy_request_view_get_form (SY_REQUEST_VIEW (data)) != NULL;
}

static gboolean
has_request_row (gpointer data)
{
  Fixture *fixture = data;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (sy_tasks_sidebar_get_list (fixture->sidebar)));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "request") != NULL)
      return TRUE;

  return FALSE;
}

static gboolean
has_no_request_row (gpointer data)
{
  return !has_request_row (data);
}

static void
test_request_and_notice (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) executions = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) withdrawn = NULL;
  g_autoptr(SyTask) boss_task = NULL;
  g_autoptr(GAsyncResult) submitted = NULL;
  g_autoptr(SyExecution) sent = NULL;
  SyExecutionFilter filter = { .workflow_key = "leave" };
  SyRequestView *view;
  SyTaskForm *form;

  (void) data;
  sy_test_import (fixture->engine, REQUEST_DOC);
  show_tasks (fixture);
  sy_tasks_sidebar_refresh (fixture->sidebar);

  /* New request: the trigger's form, sent from the sidebar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "tasks.new-request", "s", "leave"));
  wait_for_page (fixture, "request");
  view = SY_REQUEST_VIEW (sy_tasks_sidebar_get_request_view (fixture->sidebar));
  g_assert_true (sy_test_ui_wait_for (request_form_ready, view, 5000));
  form = SY_TASK_FORM (sy_request_view_get_form (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "request.send", NULL));
  g_assert_nonnull (sy_request_view_get_error (view));
  gtk_editable_set_text (GTK_EDITABLE (sy_task_form_get_field (form, "days")), "3");
  sy_test_ui_wait (300);
  screenshots (fixture, "request-new");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "request.send", NULL));
  wait_for_page (fixture, "list");

  /* Mine shows the request on its way; the applicant withdraws it. */
  g_assert_true (sy_test_ui_wait_for (has_request_row, fixture, 5000));
  activate_row (fixture, "leave");
  wait_for_page (fixture, "request");
  sy_test_ui_wait (300);
  screenshots (fixture, "request-waiting");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "request.withdraw", NULL));
  wait_for_page (fixture, "list");
  g_assert_true (sy_test_ui_wait_for (has_no_request_row, fixture, 5000));

  sy_engine_list_executions_async (fixture->engine, &filter, NULL, sy_test_on_done, &listed);
  executions = sy_engine_list_executions_finish (fixture->engine, sy_test_wait_for (&listed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (executions->len, ==, 1);
  withdrawn = sy_test_get_execution (fixture->engine, ((SyExecution *) g_ptr_array_index (executions, 0))->id, NULL);
  g_assert_cmpstr (withdrawn->reason, ==, "withdrawn");

  /* Another request, approved by the boss: the cc notice comes unread. */
  {
    g_autoptr(GAsyncResult) started = NULL;
    g_autoptr(JsonNode) values = json_from_string ("{\"days\": 1}", NULL);

    sy_engine_start_request_async (fixture->engine, "leave", values, NULL, sy_test_on_done, &started);
    sent = sy_engine_start_request_finish (fixture->engine, sy_test_wait_for (&started), &error);
    g_assert_no_error (error);
  }
  sy_engine_submit_task_async (fixture->engine, sy_test_open_task_of (fixture->engine, "boss"), "approve", NULL,
                               NULL, NULL, sy_test_on_done, &submitted);
  boss_task = sy_engine_submit_task_finish (fixture->engine, sy_test_wait_for (&submitted), &error);
  g_assert_no_error (error);
  wait_for_count (fixture, 1);
  activate_row (fixture, "Leave approved");
  wait_for_page (fixture, "task");
  /* Opening it read it. */
  wait_for_count (fixture, 0);
  tasks = sy_test_list_tasks (fixture->engine, TRUE);
  for (guint i = 0; i < tasks->len; i++)
    {
      SyTask *task = g_ptr_array_index (tasks, i);

      if (g_strcmp0 (task->type, "cc") == 0)
        g_assert_cmpstr (sy_task_status_to_string (task), ==, "read");
    }
}

static void
test_narrow_and_shortcut (Fixture       *fixture,
                          gconstpointer  data)
{
  AdwFlap *flap = ADW_FLAP (sy_test_ui_find (GTK_WIDGET (fixture->window), "tasks_flap"));
  g_autoptr(SyExecution) waiting = NULL;

  (void) data;
  sy_test_import (fixture->engine, APPROVAL_DOC);
  waiting = sy_test_execute (fixture->engine, "purchase", "{\"body\": {\"item\": \"a lamp\", \"price\": 20}}",
                             SY_EXECUTE_MANUALLY, NULL);
  wait_for_count (fixture, 1);

  /* Ctrl+T shows and hides the tasks. */
  adw_flap_set_reveal_flap (flap, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-tasks", NULL));
  g_assert_true (adw_flap_get_reveal_flap (flap));

  /* Narrow: the sidebar folds over the editor when shown. */
  gtk_window_set_default_size (fixture->window, 420, 760);
  sy_test_ui_wait (600);
  show_tasks (fixture);
  activate_row (fixture, "Buy a lamp");
  wait_for_page (fixture, "task");
  sy_test_ui_wait (500);
  screenshots (fixture, "task-narrow");

  /* Escape goes back to the list. */
  g_assert_true (gtk_widget_activate_action (sy_tasks_sidebar_get_detail (fixture->sidebar), "detail.back", NULL));
  wait_for_page (fixture, "list");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-tasks", NULL));
  g_assert_false (adw_flap_get_reveal_flap (flap));
}

typedef struct
{
  GPtrArray *sent;       /* of SyTask */
  GArray    *withdrawn;  /* of gint64 */
  guint      listed;
} Notices;

static void
on_sent (SyTaskNotifier *notifier,
         SyTask         *task,
         GNotification  *notification,
         Notices        *notices)
{
  (void) notifier;
  g_assert_true (G_IS_NOTIFICATION (notification));
  g_ptr_array_add (notices->sent, sy_task_ref (task));
}

static void
on_withdrawn (SyTaskNotifier *notifier,
              gint64          task_id,
              Notices        *notices)
{
  (void) notifier;
  g_array_append_val (notices->withdrawn, task_id);
}

static void
on_listed (SyTaskNotifier *notifier,
           Notices        *notices)
{
  (void) notifier;
  notices->listed++;
}

static gboolean
sent_count_is (gpointer data)
{
  gpointer *pair = data;

  return ((Notices *) pair[0])->sent->len == GPOINTER_TO_UINT (pair[1]);
}

static gboolean
withdrawn_any (gpointer data)
{
  return ((Notices *) data)->withdrawn->len > 0;
}

static gboolean
listed_once (gpointer data)
{
  return ((Notices *) data)->listed > 0;
}

static void
wait_for_sent (Notices *notices,
               guint    count)
{
  gpointer pair[2] = { notices, GUINT_TO_POINTER (count) };

  g_assert_true (sy_test_ui_wait_for (sent_count_is, pair, 5000));
}

static void
test_notifications (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SyTaskNotifier) notifier = NULL;
  g_autoptr(SyExecution) waiting = NULL;
  g_autoptr(SyExecution) noticed = NULL;
  g_autoptr(SyTask) approved = NULL;
  g_autoptr(GAsyncResult) submitted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  Notices notices = { g_ptr_array_new_with_free_func ((GDestroyNotify) sy_task_unref),
                      g_array_new (FALSE, FALSE, sizeof (gint64)), 0 };
  SyTestNotification *shown;
  SyTask *task;

  (void) data;
  notifier = sy_task_notifier_new (G_APPLICATION (fixture->app), fixture->engine);
  g_signal_connect (notifier, "sent", G_CALLBACK (on_sent), &notices);
  g_signal_connect (notifier, "withdrawn", G_CALLBACK (on_withdrawn), &notices);
  g_signal_connect (notifier, "listed", G_CALLBACK (on_listed), &notices);
  g_assert_true (sy_test_ui_wait_for (listed_once, &notices, 5000));

  /* One approval for me and one for Ann: only mine is announced. */
  sy_test_import_nodes (fixture->engine, "pair", FALSE,
                        "[{\"key\": \"ok\", \"type\": \"approval\", \"config\": {\"assignees\": [\"ann\", \"me\"],"
                        "  \"negotiation\": \"all\", \"title\": \"Sign the contract\"}},"
                        " {\"key\": \"tell\", \"type\": \"cc\", \"config\": {\"assignees\": [\"me\"], \"title\": \"Contract signed\"}}]");
  waiting = sy_test_execute (fixture->engine, "pair", "{}", SY_EXECUTE_MANUALLY, NULL);
  wait_for_sent (&notices, 1);
  task = g_ptr_array_index (notices.sent, 0);
  g_assert_cmpstr (task->assignee, ==, "me");
  g_assert_cmpstr (task->title, ==, "Sign the contract");
  id = sy_task_notifier_notification_id (task->id);
  g_assert_true (g_str_has_prefix (id, "task-"));
  g_assert_cmpint (g_ascii_strtoll (id + 5, NULL, 10), ==, task->id);

  /* It reached the desktop, with a default action that opens the task. */
  shown = sy_test_notifications_wait ("Sign the contract", 5000);
  g_assert_nonnull (shown);
  g_assert_true (sy_test_notification_has_action (shown, "default"));

  /* The notification's action opens the task in the sidebar. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "show-task", g_variant_new_int64 (task->id));
  wait_for_page (fixture, "task");
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (sy_test_ui_find (GTK_WIDGET (fixture->window), "tasks_flap"))));
  g_assert_cmpint (sy_task_detail_get_task (SY_TASK_DETAIL (sy_tasks_sidebar_get_detail (fixture->sidebar)))->id,
                   ==, task->id);

  /* Approved elsewhere: the notification goes. Ann approves too, and the
   * cc notice for me is announced. */
  sy_engine_submit_task_async (fixture->engine, task->id, "approve", NULL, NULL, NULL, sy_test_on_done, &submitted);
  approved = sy_engine_submit_task_finish (fixture->engine, sy_test_wait_for (&submitted), &error);
  g_assert_no_error (error);
  g_assert_true (sy_test_ui_wait_for (withdrawn_any, &notices, 5000));
  g_assert_cmpint (g_array_index (notices.withdrawn, gint64, 0), ==, task->id);

  g_clear_pointer (&approved, sy_task_unref);
  g_clear_object (&submitted);
  sy_engine_submit_task_async (fixture->engine, sy_test_open_task_of (fixture->engine, "ann"), "approve", NULL, NULL,
                               NULL, sy_test_on_done, &submitted);
  approved = sy_engine_submit_task_finish (fixture->engine, sy_test_wait_for (&submitted), &error);
  g_assert_no_error (error);
  wait_for_sent (&notices, 2);
  g_assert_cmpstr (((SyTask *) g_ptr_array_index (notices.sent, 1))->type, ==, "cc");
  noticed = wait_for_end (fixture, waiting->id);
  g_assert_cmpint (noticed->status, ==, SY_STATUS_RESOLVED);

  g_ptr_array_unref (notices.sent);
  g_array_unref (notices.withdrawn);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sy_test_ui_init (&argc, &argv);
  /* A fresh data directory: tasks of earlier runs must not show. */
  data_dir = sy_test_make_dir ();
  g_assert_true (sy_test_notifications_start ());

  g_test_add ("/tasks-sidebar/manual-task", Fixture, NULL, fixture_set_up, test_manual_task, fixture_tear_down);
  g_test_add ("/tasks-sidebar/approval", Fixture, NULL, fixture_set_up, test_approval, fixture_tear_down);
  g_test_add ("/tasks-sidebar/request-and-notice", Fixture, NULL, fixture_set_up, test_request_and_notice,
              fixture_tear_down);
  g_test_add ("/tasks-sidebar/notifications", Fixture, NULL, fixture_set_up, test_notifications, fixture_tear_down);
  g_test_add ("/tasks-sidebar/narrow-and-shortcut", Fixture, NULL, fixture_set_up, test_narrow_and_shortcut,
              fixture_tear_down);

  status = g_test_run ();

  if (shared_app != NULL)
    {
      sy_engine_stop (sy_application_get_engine (shared_app));
      g_clear_object (&shared_app);
    }
  sy_test_remove_tree (data_dir);
  g_free (data_dir);
  return status;
}
