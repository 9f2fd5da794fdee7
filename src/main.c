/* main.c — runs the application; nothing else belongs here */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sy-application.h"
#include "sy-cli-application.h"
#include "sy-cli-launch.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;
  g_autofree char *data_dir = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* GTK needs a display: commands and --headless run through a GTK-free
   * application with the same id, so that a command given while the window
   * or --headless runs for the same data directory is carried out there. */
  data_dir = sy_cli_launch_find_data_dir (argc, argv);
  if (sy_cli_launch_wants_cli (argc, argv))
    app = G_APPLICATION (sy_cli_application_new (data_dir));
  else
    app = G_APPLICATION (sy_application_new_for_data_dir (data_dir));

  return g_application_run (app, argc, argv);
}
