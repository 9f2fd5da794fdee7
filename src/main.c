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

  /* Command-line commands (src/cli/) are dispatched by SyApplication's
   * command-line handler, so they also reach an already running instance. */
  app = sy_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
