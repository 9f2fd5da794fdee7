/* sy-webhook-settings.h — applies the webhook-* GSettings keys to an engine, live */
#pragma once

#include <gio/gio.h>

#include "sy-engine.h"

G_BEGIN_DECLS

/* Sets the engine's webhook-port, webhook-address and webhook-body-limit
 * from `settings` now and whenever they change (until the engine goes). */
void sy_webhook_settings_bind (GSettings *settings,
                               SyEngine  *engine);

G_END_DECLS
