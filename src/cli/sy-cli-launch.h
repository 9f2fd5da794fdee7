/* sy-cli-launch.h — deciding, before GApplication runs, how this process runs
 *
 * main.c picks the application class from argv (a command or --headless
 * needs no display), and both classes derive the same application id from
 * the data directory, so that a command reaches the process that already
 * runs the engine for that directory and no other.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SY_CLI_BASE_APPLICATION_ID "io.github.switchyard.Switchyard"

/* TRUE when argv asks for the command line rather than the window: a
 * command word (workflow, execution, …), --headless, --help or --version. */
gboolean          sy_cli_launch_wants_cli          (int          argc,
                                                    char       **argv);
/* The value of --data-dir in argv (either form), or NULL. */
char             *sy_cli_launch_find_data_dir      (int          argc,
                                                    char       **argv);
/* An absolute, canonical data directory: `data_dir` resolved against `cwd`
 * (NULL = the current directory); NULL `data_dir` = the engine's default. */
char             *sy_cli_launch_resolve_data_dir   (const char  *data_dir,
                                                    const char  *cwd);
/* SY_CLI_BASE_APPLICATION_ID for the default data directory, otherwise a
 * distinct valid id derived from the canonical path. */
char             *sy_cli_launch_application_id     (const char  *canonical_data_dir);
/* HANDLES_COMMAND_LINE | SEND_ENVIRONMENT, plus NON_UNIQUE when there is no
 * session bus to meet other instances on. */
GApplicationFlags sy_cli_launch_flags              (void);
/* Adds what the receiving instance needs to print like a local one
 * (whether stdout and stderr are terminals) to the platform data. */
void              sy_cli_launch_add_platform_data  (GVariantBuilder *builder);

G_END_DECLS
