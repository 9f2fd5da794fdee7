/* sy-cli-application.h — the application without a window: commands and --headless */
#pragma once

#include <gio/gio.h>

#include "sy-engine.h"

G_BEGIN_DECLS

#define SY_TYPE_CLI_APPLICATION (sy_cli_application_get_type ())
G_DECLARE_FINAL_TYPE (SyCliApplication, sy_cli_application, SY, CLI_APPLICATION, GApplication)

/* `data_dir`: the canonical data directory (sy_cli_launch_resolve_data_dir). */
SyCliApplication *sy_cli_application_new        (const char       *data_dir);
/* NULL before startup. */
SyEngine         *sy_cli_application_get_engine (SyCliApplication *self);
/* The port given with --headless --port N, 0 when none. */
guint             sy_cli_application_get_port   (SyCliApplication *self);

G_END_DECLS
