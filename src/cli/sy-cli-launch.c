/* sy-cli-launch.c — application class, id and flags chosen from argv */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "sy-cli-launch.h"
#include "sy-engine.h"

/* Options that main.c must skip with their value to find the command word. */
static gboolean
option_takes_value (const char *arg)
{
  return g_str_equal (arg, "--data-dir") || g_str_equal (arg, "--port");
}

gboolean
sy_cli_launch_wants_cli (int    argc,
                         char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--"))
        return i + 1 < argc;
      if (g_str_equal (arg, "--headless") || g_str_equal (arg, "--help") ||
          g_str_equal (arg, "-h") || g_str_equal (arg, "--version"))
        return TRUE;
      if (option_takes_value (arg))
        {
          i++;
          continue;
        }
      if (arg[0] == '-')
        continue;

      /* The first word decides: a command, or an argument the window does
       * not understand — which the command line reports clearly. */
      return TRUE;
    }

  return FALSE;
}

char *
sy_cli_launch_find_data_dir (int    argc,
                             char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--data-dir") && i + 1 < argc)
        return g_strdup (argv[i + 1]);
      if (g_str_has_prefix (argv[i], "--data-dir="))
        return g_strdup (argv[i] + strlen ("--data-dir="));
    }

  return NULL;
}

char *
sy_cli_launch_resolve_data_dir (const char *data_dir,
                                const char *cwd)
{
  g_autofree char *fallback = NULL;
  g_autofree char *absolute = NULL;
  char *real;

  if (data_dir == NULL || *data_dir == '\0')
    data_dir = fallback = sy_engine_default_data_dir ();

  absolute = g_canonicalize_filename (data_dir, cwd);

  /* Symbolic links resolved when the directory exists, so two spellings of
   * one directory meet in one process. */
  real = realpath (absolute, NULL);
  if (real != NULL)
    {
      char *result = g_strdup (real);

      free (real);
      return result;
    }

  return g_steal_pointer (&absolute);
}

char *
sy_cli_launch_application_id (const char *canonical_data_dir)
{
  g_autofree char *standard = g_build_filename (g_get_user_data_dir (), "switchyard", NULL);
  g_autofree char *canonical_standard = sy_cli_launch_resolve_data_dir (standard, NULL);
  g_autofree char *digest = NULL;

  if (g_strcmp0 (canonical_data_dir, canonical_standard) == 0)
    return g_strdup (SY_CLI_BASE_APPLICATION_ID);

  /* An id element may not start with a digit, hence the "D". */
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical_data_dir, -1);
  return g_strdup_printf ("%s.D%.16s", SY_CLI_BASE_APPLICATION_ID, digest);
}

static gboolean
session_bus_reachable (void)
{
  const char *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  g_autofree char *runtime_bus = NULL;
  g_autoptr(GDBusConnection) bus = NULL;

  /* Without an address GLib would try the runtime socket and then X11
   * autolaunch, which starts a private bus nobody else is on. */
  if (address == NULL || *address == '\0')
    {
      runtime_bus = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);
      if (!g_file_test (runtime_bus, G_FILE_TEST_EXISTS))
        return FALSE;
    }

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  return bus != NULL;
}

GApplicationFlags
sy_cli_launch_flags (void)
{
  GApplicationFlags flags = G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_SEND_ENVIRONMENT;

  if (!session_bus_reachable ())
    flags |= G_APPLICATION_NON_UNIQUE;

  return flags;
}

void
sy_cli_launch_add_platform_data (GVariantBuilder *builder)
{
  g_variant_builder_add (builder, "{sv}", "switchyard-stdout-tty",
                         g_variant_new_boolean (isatty (STDOUT_FILENO)));
  g_variant_builder_add (builder, "{sv}", "switchyard-stderr-tty",
                         g_variant_new_boolean (isatty (STDERR_FILENO)));
}
