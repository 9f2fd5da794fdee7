/* test-failure-notifier.c — desktop notifications that open an execution
 *
 * One application with its engine on a temporary data directory, and the
 * test notification server (sy-test-notifications.h) on the test's session
 * bus: a background execution that fails is announced once, with the
 * workflow's title and the reason; runs started by hand are not; the
 * Preferences switch stops new notifications; clicking a notification (the
 * failure's, or a notification node's) opens that execution in the window.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sy-application.h"
#include "sy-executions-view.h"
#include "sy-failure-notifier.h"
#include "sy-preferences-window.h"
#include "sy-test-engine.h"
#include "sy-test-notifications.h"
#include "sy-test-ui.h"
#include "sy-window.h"

static SyApplication *app;
static char *data_dir;

/* Ids of the executions whose "execution-finished" the test has seen. The
 * handler was connected after the application's notifier, so the notifier
 * has decided about an execution by the time it is in here. */
static GArray *finished;

static SyEngine *
engine (void)
{
  return sy_application_get_engine (app);
}

static void
on_execution_finished (SyEngine    *source,
                       SyExecution *execution,
                       gpointer     data)
{
  g_array_append_val (finished, execution->id);
}

static gboolean
has_finished (gpointer data)
{
  gint64 id = *(gint64 *) data;

  for (guint i = 0; i < finished->len; i++)
    if (g_array_index (finished, gint64, i) == id)
      return TRUE;

  return FALSE;
}

/* A workflow titled `title` whose one node fails with "`message`"; it is
 * enabled, so the engine may start it without a person. */
static void
import_failing (const char *key,
                const char *title,
                const char *message)
{
  g_autofree char *document = g_strdup_printf (
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"%s\", \"title\": \"%s\", \"enabled\": true,"
    " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
    " \"nodes\": [{\"key\": \"copy\", \"type\": \"calculation\", \"title\": \"Copy\","
    "   \"config\": {\"expression\": \"error(\\\"%s\\\")\"}}]}",
    key, title, message);

  sy_test_import (engine (), document);
}

/* Runs `key` to its end and waits until the notifier has seen the end. */
static SyExecution *
run (const char     *key,
     SyExecuteFlags  flags)
{
  g_autoptr(SyExecution) execution = sy_test_execute (engine (), key, "{}", flags, NULL);

  g_assert_true (sy_status_is_final (execution->status));
  g_assert_true (sy_test_ui_wait_for (has_finished, &execution->id, 5000));
  return g_steal_pointer (&execution);
}

static gboolean
has_window (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (app)) != NULL;
}

/* The application's one window; a click on a notification opens it
 * through the bus, so it may take a moment. */
static GtkWindow *
only_window (void)
{
  GList *windows;

  g_assert_true (sy_test_ui_wait_for (has_window, NULL, 5000));
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_null (windows->next);
  return windows->data;
}

static void
close_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
}

typedef struct
{
  SyExecutionsView *view;
  gint64            id;
} ShownWait;

static gboolean
detail_shows (gpointer data)
{
  ShownWait *wait = data;
  SyExecution *execution = sy_execution_detail_get_execution (sy_executions_view_get_detail (wait->view));

  return sy_executions_view_get_shown_id (wait->view) == wait->id && execution != NULL && execution->id == wait->id;
}

/* The application's window shows the detail of execution `id`, headed
 * "Execution <id>" with the workflow's title under it. */
static SyWindow *
assert_detail_shown (gint64      id,
                     const char *workflow_title)
{
  SyWindow *window = SY_WINDOW (only_window ());
  ShownWait wait = { SY_EXECUTIONS_VIEW (sy_test_ui_find (GTK_WIDGET (window), "executions_view")), id };
  SyExecutionDetail *detail;
  g_autofree char *heading = g_strdup_printf ("Execution %" G_GINT64_FORMAT, id);
  const char *subtitle;

  g_assert_nonnull (wait.view);
  g_assert_true (sy_test_ui_wait_for (detail_shows, &wait, 5000));
  detail = sy_executions_view_get_detail (wait.view);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (detail)));
  g_assert_cmpint (sy_execution_detail_get_id (detail), ==, id);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sy_test_ui_find (GTK_WIDGET (detail), "execution_title_label"))),
                   ==, heading);
  subtitle = gtk_label_get_text (GTK_LABEL (sy_test_ui_find (GTK_WIDGET (detail), "execution_subtitle_label")));
  g_assert_true (g_str_has_prefix (subtitle, workflow_title));

  return window;
}

/* ── Tests ────────────────────────────────────────────────────────────── */

static void
test_background_failure (void)
{
  g_autoptr(SyExecution) failed = NULL;
  g_autoptr(SyExecution) by_hand = NULL;
  g_autoptr(SyExecution) later = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *button = NULL;
  SyTestNotification *shown;

  import_failing ("backup", "Nightly backup", "disk full");
  import_failing ("by-hand", "Tried by hand", "no network");
  import_failing ("sync", "Invoice sync", "server gone");

  /* Started by the engine, not by a person: announced. */
  failed = run ("backup", SY_EXECUTE_NONE);
  g_assert_cmpint (failed->status, ==, SY_STATUS_ERROR);
  g_assert_false (failed->manually);
  shown = sy_test_notifications_wait ("“Nightly backup” failed", 5000);
  g_assert_nonnull (shown);
  g_assert_nonnull (strstr (shown->body, "disk full"));
  g_assert_cmpstr (shown->body, ==, failed->reason);
  g_assert_true (sy_test_notification_has_action (shown, "default"));
  target = g_variant_ref_sink (g_variant_new_int64 (failed->id));
  button = g_action_print_detailed_name ("app.show-execution", target);
  g_assert_true (sy_test_notification_has_action (shown, button));
  g_assert_cmpstr (shown->actions[3], ==, "Show");

  /* Started by hand (Execute, the command line): the person sees it. */
  by_hand = run ("by-hand", SY_EXECUTE_MANUALLY);
  g_assert_cmpint (by_hand->status, ==, SY_STATUS_ERROR);

  /* The same end signalled again sends nothing new. */
  g_signal_emit_by_name (engine (), "execution-finished", failed);

  /* Whatever the notifier would have sent for those came before this one. */
  later = run ("sync", SY_EXECUTE_NONE);
  g_assert_nonnull (sy_test_notifications_wait ("“Invoice sync” failed", 5000));
  g_assert_cmpuint (sy_test_notifications_count ("“Nightly backup” failed"), ==, 1);
  g_assert_cmpuint (sy_test_notifications_count ("“Tried by hand” failed"), ==, 0);
}

static void
test_setting_off (void)
{
  GSettings *settings = sy_application_get_settings (app);
  g_autoptr(SyExecution) quiet = NULL;
  g_autoptr(SyExecution) loud = NULL;
  SyPreferencesWindow *preferences;
  GtkSwitch *toggle;

  import_failing ("quiet", "Quiet job", "nobody hears");
  import_failing ("loud", "Loud job", "everyone hears");

  /* Turned off in Preferences, as a person would. */
  g_application_activate (G_APPLICATION (app));
  preferences = sy_preferences_window_new (only_window ());
  gtk_window_present (GTK_WINDOW (preferences));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (preferences));
  toggle = GTK_SWITCH (sy_test_ui_find (GTK_WIDGET (preferences), "notify_on_failure_switch"));
  g_assert_true (gtk_switch_get_active (toggle));
  sy_test_ui_wait (300);
  g_free (sy_test_ui_save_png (GTK_WIDGET (preferences), "preferences-notify-on-failure.png"));
  gtk_switch_set_active (toggle, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "notify-on-failure"));

  quiet = run ("quiet", SY_EXECUTE_NONE);
  g_assert_cmpint (quiet->status, ==, SY_STATUS_ERROR);

  /* On again: the next failure is announced, the one before never was. */
  gtk_switch_set_active (toggle, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "notify-on-failure"));
  loud = run ("loud", SY_EXECUTE_NONE);
  g_assert_nonnull (sy_test_notifications_wait ("“Loud job” failed", 5000));
  g_assert_cmpuint (sy_test_notifications_count ("“Quiet job” failed"), ==, 0);

  gtk_window_destroy (GTK_WINDOW (preferences));
  close_windows ();
}

/* Clicking the failure's notification with no window open: a window
 * opens on the execution's detail. A click closes a notification, so the
 * Show button is tried on another one. */
static void
test_click_opens_execution (void)
{
  g_autoptr(SyExecution) weekly = NULL;
  g_autoptr(SyExecution) monthly = NULL;
  SyTestNotification *shown;
  SyWindow *window;

  import_failing ("weekly", "Weekly report", "no data for week 12");
  import_failing ("monthly", "Monthly report", "no data for March");
  weekly = run ("weekly", SY_EXECUTE_NONE);
  shown = sy_test_notifications_wait ("“Weekly report” failed", 5000);
  g_assert_nonnull (shown);

  close_windows ();
  sy_test_notifications_invoke (shown, "default");
  window = assert_detail_shown (weekly->id, "Weekly report");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  sy_test_ui_wait (500);
  sy_test_ui_save_styles (GTK_WIDGET (window), "failure-notification-opened", 420);

  /* The Show button, with the window left on the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.all-executions", NULL));
  g_assert_cmpint (sy_executions_view_get_shown_id (SY_EXECUTIONS_VIEW (sy_test_ui_find (GTK_WIDGET (window),
                                                                                         "executions_view"))),
                   ==, 0);
  monthly = run ("monthly", SY_EXECUTE_NONE);
  shown = sy_test_notifications_wait ("“Monthly report” failed", 5000);
  g_assert_nonnull (shown);
  g_assert_true (g_str_has_prefix (shown->actions[2], "app.show-execution("));
  sy_test_notifications_invoke (shown, shown->actions[2]);
  g_assert_true (assert_detail_shown (monthly->id, "Monthly report") == window);

  close_windows ();
}

/* The notification node's notification opens its execution too. */
static void
test_notification_node_click (void)
{
  g_autoptr(SyExecution) done = NULL;
  SyTestNotification *shown;
  SyJob *job;

  sy_test_import (engine (),
                  "{\"format\": \"switchyard-workflow/1\", \"key\": \"shipping\", \"title\": \"Shipping\","
                  " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
                  " \"nodes\": [{\"key\": \"tell\", \"type\": \"notification\","
                  "   \"config\": {\"title\": \"Order {{$context.id}} shipped\", \"body\": \"on its way\"}}]}");
  done = sy_test_execute (engine (), "shipping", "{\"id\": 9}", SY_EXECUTE_MANUALLY, NULL);
  g_assert_cmpint (done->status, ==, SY_STATUS_RESOLVED);
  job = sy_test_find_job (done, "tell");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (job->result), "delivered"), ==, "desktop");

  shown = sy_test_notifications_wait ("Order 9 shipped", 5000);
  g_assert_nonnull (shown);
  g_assert_cmpstr (shown->body, ==, "on its way");

  close_windows ();
  sy_test_notifications_invoke (shown, "default");
  assert_detail_shown (done->id, "Shipping");

  /* With a window already open, the same action goes to it. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-execution", g_variant_new_int64 (done->id));
  assert_detail_shown (done->id, "Shipping");

  close_windows ();
}

/* The notification's id names the execution, so it is sent once per run. */
static void
test_notification_id (void)
{
  g_autofree char *id = sy_failure_notifier_notification_id (42);
  g_autofree char *other = sy_failure_notifier_notification_id (43);

  g_assert_cmpstr (id, ==, "execution-failed-42");
  g_assert_cmpstr (id, !=, other);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  sy_test_ui_init (&argc, &argv);
  g_assert_true (sy_test_notifications_start ());
  data_dir = sy_test_make_dir ();

  app = sy_application_new_for_data_dir (data_dir);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sy_engine_is_running (engine ()));
  finished = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (engine (), "execution-finished", G_CALLBACK (on_execution_finished), NULL);

  g_test_add_func ("/ui/failure-notifier/background-failure", test_background_failure);
  g_test_add_func ("/ui/failure-notifier/setting-off", test_setting_off);
  g_test_add_func ("/ui/failure-notifier/click-opens-execution", test_click_opens_execution);
  g_test_add_func ("/ui/failure-notifier/notification-node-click", test_notification_node_click);
  g_test_add_func ("/ui/failure-notifier/notification-id", test_notification_id);

  status = g_test_run ();

  close_windows ();
  sy_engine_stop (engine ());
  g_clear_object (&app);
  sy_test_remove_tree (data_dir);
  g_free (data_dir);
  g_array_unref (finished);
  return status;
}
