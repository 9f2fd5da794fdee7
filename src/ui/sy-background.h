/* sy-background.h — keeps the application running for live triggers
 *
 * While the "run-in-background" setting is on and some enabled workflow
 * has a live trigger (schedule, folder, webhook…), the application is held,
 * so closing its window does not stop the engine; activating it again opens
 * a window. Under a sandbox it also asks the Background portal. The
 * "start-at-login" setting writes or removes an autostart entry that starts
 * the application in the background (`switchyard --background`).
 */
#pragma once

#include <gio/gio.h>

#include "sy-engine.h"

G_BEGIN_DECLS

#define SY_TYPE_BACKGROUND (sy_background_get_type ())
G_DECLARE_FINAL_TYPE (SyBackground, sy_background, SY, BACKGROUND, GObject)

SyBackground *sy_background_new           (GApplication *application,
                                           GSettings    *settings,
                                           SyEngine     *engine);
/* TRUE while the application is held for live triggers. */
gboolean      sy_background_is_holding    (SyBackground *self);

/* Writes (or removes) $XDG_CONFIG_HOME/autostart/<application_id>.desktop. */
gboolean      sy_background_set_autostart (const char   *application_id,
                                           gboolean      enabled,
                                           GError      **error);

G_END_DECLS
