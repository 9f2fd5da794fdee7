/* test-background.c — the app is held while live triggers run; autostart entry */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "sy-background.h"

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GAsyncResult **slot = data;

  *slot = g_object_ref (result);
}

static gboolean
spin_until_holding (SyBackground *background,
                    gboolean      holding)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (sy_background_is_holding (background) != holding && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  return sy_background_is_holding (background) == holding;
}

static void
test_hold (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sy-background-XXXXXX", &error);
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APPLICATION_ID, backend);
  g_autoptr(GApplication) application = g_application_new (NULL, G_APPLICATION_DEFAULT_FLAGS);
  g_autoptr(SyEngine) engine = sy_engine_new (dir);
  g_autoptr(SyBackground) background = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SyVersionRow) row = NULL;

  g_assert_true (sy_engine_start (engine, &error));
  background = sy_background_new (application, settings, engine);
  g_assert_true (spin_until_holding (background, FALSE));

  /* An enabled schedule is a live trigger: the app is held. */
  workflow = sy_workflow_new_from_data (
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"later\", \"title\": \"Later\", \"enabled\": true,"
    " \"trigger\": {\"type\": \"schedule\", \"config\": {\"mode\": \"static\","
    " \"startsOn\": \"2099-01-01T00:00:00Z\"}}, \"nodes\": []}", -1, NULL, &error);
  g_assert_no_error (error);
  sy_engine_import_async (engine, workflow, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  row = sy_engine_import_finish (engine, result, &error);
  g_assert_no_error (error);
  g_assert_true (spin_until_holding (background, TRUE));

  /* The setting off releases it. */
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_assert_true (spin_until_holding (background, FALSE));
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_assert_true (spin_until_holding (background, TRUE));

  g_clear_object (&background);
  sy_engine_stop (engine);
}

static void
test_autostart (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_dir_make_tmp ("sy-autostart-XXXXXX", &error);
  g_autofree char *path = g_build_filename (config, "autostart", "org.example.Test.desktop", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *autostart = g_build_filename (config, "autostart", NULL);

  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_assert_true (sy_background_set_autostart ("org.example.Test", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "\nExec=switchyard --background\n"));

  g_assert_true (sy_background_set_autostart ("org.example.Test", FALSE, &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* Removing what is not there is fine. */
  g_assert_true (sy_background_set_autostart ("org.example.Test", FALSE, &error));
  g_assert_no_error (error);

  g_rmdir (autostart);
  g_rmdir (config);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/background/hold", test_hold);
  g_test_add_func ("/background/autostart", test_autostart);

  return g_test_run ();
}
