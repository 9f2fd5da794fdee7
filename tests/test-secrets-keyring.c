/* test-secrets-keyring.c — credentials in a real Secret Service
 *
 * The other tests only reach secrets through the SWITCHYARD_SECRET_<NAME>
 * fallback. This one runs in a D-Bus session of its own (it starts itself
 * again under dbus-run-session) with gnome-keyring-daemon and a fresh login
 * keyring, unlocked, in a temporary home: storing, looking up, updating,
 * listing and deleting go through libsecret to that daemon. It never skips:
 * without dbus-run-session or gnome-keyring-daemon it fails.
 */
#include "config.h"

#include <libsecret/secret.h>

#include "sy-secrets.h"
#include "sy-test-engine.h"

#define INNER_ENV "SY_TEST_KEYRING_SESSION"
#define PASSWORD  "test-login-password"

/* The item as libsecret itself sees it in the service, or NULL. */
static char *
lookup_in_service (const char *name)
{
  static const SecretSchema schema = {
    "io.github.switchyard.Secret", SECRET_SCHEMA_NONE,
    { { "name", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
  };
  g_autoptr(GError) error = NULL;
  char *value = secret_password_lookup_sync (&schema, NULL, &error, "name", name, NULL);

  g_assert_no_error (error);
  return value;
}

static SySecret *
lookup (const char *name,
        GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sy_secrets_lookup_async (name, NULL, sy_test_on_done, &result);
  return sy_secrets_lookup_finish (sy_test_wait_for (&result), error);
}

static void
store (SySecret *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sy_secrets_store_async (secret, NULL, sy_test_on_done, &result);
  g_assert_true (sy_secrets_store_finish (sy_test_wait_for (&result), &error));
  g_assert_no_error (error);
}

static GPtrArray *
list (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *secrets;

  sy_secrets_list_async (NULL, sy_test_on_done, &result);
  secrets = sy_secrets_list_finish (sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return secrets;
}

static void
test_store_lookup_update_delete (void)
{
  g_autoptr(SySecret) basic = sy_secret_new ("billing api", "basic", "ann", NULL, "first password");
  g_autoptr(SySecret) newer = sy_secret_new ("billing api", "api-key", NULL, "X-Api-Key", "second key");
  g_autoptr(SySecret) found = NULL;
  g_autoptr(SySecret) updated = NULL;
  g_autoptr(SySecret) gone = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *in_service = NULL;
  g_autofree char *env_name = sy_secrets_env_name ("billing api");

  /* Nothing may come from the environment fallback. */
  g_assert_null (g_getenv (env_name));

  store (basic);
  in_service = lookup_in_service ("billing api");
  g_assert_cmpstr (in_service, ==, "first password");

  found = lookup ("billing api", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->kind, ==, "basic");
  g_assert_cmpstr (found->user, ==, "ann");
  g_assert_cmpstr (found->value, ==, "first password");

  /* Storing the name again replaces it, kind and all: one item, new value. */
  store (newer);
  updated = lookup ("billing api", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (updated->kind, ==, "api-key");
  g_assert_cmpstr (updated->header, ==, "X-Api-Key");
  g_assert_null (updated->user);
  g_assert_cmpstr (updated->value, ==, "second key");

  listed = list ();
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (((SySecret *) g_ptr_array_index (listed, 0))->name, ==, "billing api");
  g_assert_null (((SySecret *) g_ptr_array_index (listed, 0))->value);

  sy_secrets_delete_async ("billing api", NULL, sy_test_on_done, &result);
  g_assert_true (sy_secrets_delete_finish (sy_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_pointer (&in_service, g_free);
  in_service = lookup_in_service ("billing api");
  g_assert_null (in_service);

  gone = lookup ("billing api", &error);
  g_assert_null (gone);
  g_assert_error (error, SY_SECRETS_ERROR, SY_SECRETS_ERROR_NOT_FOUND);
}

/* The keyring comes before the environment variable of the same name. */
static void
test_keyring_before_environment (void)
{
  g_autoptr(SySecret) token = sy_secret_new ("deploy", "bearer", NULL, NULL, "from the keyring");
  g_autoptr(SySecret) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *env_name = sy_secrets_env_name ("deploy");

  g_setenv (env_name, "from the environment", TRUE);
  store (token);
  found = lookup ("deploy", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->value, ==, "from the keyring");
  g_unsetenv (env_name);
}

/* Starts gnome-keyring-daemon on this session bus with a new login
 * keyring, unlocked by PASSWORD, kept under `home`. */
static void
start_keyring (const char *home)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *printed = NULL;
  gboolean owned = FALSE;
  gint64 deadline;

  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", home, TRUE);
  daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--unlock",
                                        "--components=secrets", NULL);
  g_assert_no_error (error);

  /* It reads the password, forks the daemon and prints its environment. */
  g_subprocess_communicate_utf8 (daemon, PASSWORD, NULL, &printed, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (daemon));
  g_test_message ("gnome-keyring-daemon: %s", printed);

  /* Until it owns the Secret Service name, a request would have D-Bus
   * start another daemon (with no keyring, and asking for one). */
  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!owned && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GVariant) reply = NULL;

      reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", "org.freedesktop.secrets"),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      g_assert_no_error (error);
      g_variant_get (reply, "(b)", &owned);
      if (!owned)
        g_usleep (20 * 1000);
    }
  g_assert_true (owned);
}

static int
run_inner (int   argc,
           char *argv[])
{
  g_autofree char *home = sy_test_make_dir ();
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  start_keyring (home);

  g_test_add_func ("/secrets/keyring/store-lookup-update-delete", test_store_lookup_update_delete);
  g_test_add_func ("/secrets/keyring/before-environment", test_keyring_before_environment);
  status = g_test_run ();

  sy_test_remove_tree (home);
  return status;
}

/* Runs this program again in a session bus of its own. */
static int
run_in_own_session (char *argv[])
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), INNER_ENV, "1", TRUE);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", &error);
  int wait_status = 0;

  g_assert_no_error (error);
  g_ptr_array_add (args, (char *) "dbus-run-session");
  g_ptr_array_add (args, (char *) "--");
  g_ptr_array_add (args, self);
  for (int i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);

  if (!g_spawn_sync (NULL, (char **) args->pdata, env,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN | G_SPAWN_CHILD_INHERITS_STDOUT
                     | G_SPAWN_CHILD_INHERITS_STDERR,
                     NULL, NULL, NULL, NULL, &wait_status, &error))
    g_error ("cannot start dbus-run-session: %s", error->message);

  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : 1;
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv (INNER_ENV) != NULL)
    return run_inner (argc, argv);

  return run_in_own_session (argv);
}
