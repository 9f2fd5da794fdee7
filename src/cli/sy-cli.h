/* sy-cli.h — the `switchyard` commands (cli.md), a thin client of SyEngine
 *
 * No GTK here: the same code serves a command run in its own process, one
 * forwarded to `switchyard --headless` and one forwarded to the window.
 */
#pragma once

#include <gio/gio.h>

#include "sy-engine.h"

G_BEGIN_DECLS

/* Carries out the command in `cmdline` with `engine` (started on demand
 * for commands that need it). The result is the exit status of cli.md. */
void  sy_cli_run_async  (SyEngine                *engine,
                         GApplicationCommandLine *cmdline,
                         GCancellable            *cancellable,
                         GAsyncReadyCallback      callback,
                         gpointer                 user_data);
int   sy_cli_run_finish (GAsyncResult            *result);

/* For GApplication::command-line handlers. A local command line is carried
 * out before this returns, and the exit status is returned. A remote one
 * keeps `cmdline` and holds the default application until it is done, then
 * sets its exit status; the value returned now is replaced then. */
int   sy_cli_run        (SyEngine                *engine,
                         GApplicationCommandLine *cmdline);

G_END_DECLS
