/* test-app-signals.c — the window's application quits cleanly on SIGTERM
 * and SIGINT (a terminal's Ctrl-C, the session or systemd ending it): the
 * window closes, shutdown stops the engine and the data directory is free */
#include "config.h"

#include <glib-unix.h>
#include <signal.h>

#include "sy-application.h"
#include "sy-test-engine.h"

typedef struct
{
  int      signum;
  gboolean sent;
} Sender;

/* Once the window shows, the process sends itself the signal. */
static gboolean
send_when_shown (gpointer data)
{
  Sender *sender = data;
  GApplication *app = g_application_get_default ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;

  sender->sent = TRUE;
  g_assert_cmpint (kill (getpid (), sender->signum), ==, 0);
  return G_SOURCE_REMOVE;
}

/* Fails the test rather than hanging when the signal is not handled. */
static gboolean
too_late (gpointer data)
{
  (void) data;
  g_error ("the application did not quit after the signal");
  return G_SOURCE_REMOVE;
}

static void
test_quits_on_signal (gconstpointer data)
{
  g_autofree char *dir = sy_test_make_dir ();
  g_autoptr(SyApplication) app = sy_application_new_for_data_dir (dir);
  g_autoptr(SyEngine) after = NULL;
  g_autoptr(GError) error = NULL;
  char *argv[] = { (char *) "switchyard", NULL };
  Sender sender = { GPOINTER_TO_INT (data), FALSE };
  guint limit_id = g_timeout_add_seconds (30, too_late, NULL);

  g_timeout_add (50, send_when_shown, &sender);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_source_remove (limit_id);
  g_assert_true (sender.sent);

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* The engine let go of the data directory: another one may start. */
  after = sy_engine_new (dir);
  g_assert_true (sy_engine_start (after, &error));
  g_assert_no_error (error);
  sy_engine_stop (after);

  sy_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/app/quits-on-sigterm", GINT_TO_POINTER (SIGTERM), test_quits_on_signal);
  g_test_add_data_func ("/app/quits-on-sigint", GINT_TO_POINTER (SIGINT), test_quits_on_signal);

  return g_test_run ();
}
