/* main.c — runs the application; nothing else belongs here */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sy-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SyApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The command line (src/cli/) plugs in here. GTK needs a display, so a
   * command (`switchyard workflow list`, `--headless`) should run through a
   * GTK-free GApplication with the same APPLICATION_ID, e.g.
   *   if (sy_cli_handles (argc, argv)) return sy_cli_run (argc, argv);
   * If the window is already open, GApplication forwards the command to it
   * and SyApplication's command-line handler passes it on to the CLI. */
  app = sy_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
