/* sy-webhook-server.h — the engine's HTTP server for webhook triggers (spec/webhooks.md)
 *
 * One per engine, owned by it. It listens (on the engine thread and its main
 * context) only while at least one enabled workflow has a webhook trigger:
 * the webhook trigger kind adds and removes routes. Settings may be changed
 * from any thread and apply at once.
 */
#pragma once

#include <glib-object.h>

#include "sy-engine.h"
#include "sy-workflow.h"

G_BEGIN_DECLS

#define SY_WEBHOOK_DEFAULT_PORT        8642
#define SY_WEBHOOK_DEFAULT_ADDRESS     "127.0.0.1"
#define SY_WEBHOOK_DEFAULT_BODY_LIMIT  (1024 * 1024)
#define SY_WEBHOOK_DEFAULT_QUEUE_LIMIT 1000

#define SY_TYPE_WEBHOOK_SERVER (sy_webhook_server_get_type ())
G_DECLARE_FINAL_TYPE (SyWebhookServer, sy_webhook_server, SY, WEBHOOK_SERVER, GObject)

/* Created by the engine; keeps a weak pointer to it. Property notifications
 * of the engine ("webhook-error") are emitted on the calling thread's
 * default main context. */
SyWebhookServer *sy_webhook_server_new            (SyEngine        *engine);

/* Settings (any thread). Port 0 = pick a free port. */
void             sy_webhook_server_set_port       (SyWebhookServer *self,
                                                   guint            port);
guint            sy_webhook_server_get_configured_port (SyWebhookServer *self);
void             sy_webhook_server_set_address    (SyWebhookServer *self,
                                                   const char      *address);
char            *sy_webhook_server_dup_address    (SyWebhookServer *self);
void             sy_webhook_server_set_body_limit (SyWebhookServer *self,
                                                   guint64          limit);
guint64          sy_webhook_server_get_body_limit (SyWebhookServer *self);
/* FALSE: never listen, whatever the routes (default TRUE). */
void             sy_webhook_server_set_serve      (SyWebhookServer *self,
                                                   gboolean         serve);
gboolean         sy_webhook_server_get_serve      (SyWebhookServer *self);
/* More executions waiting than this: 503 with Retry-After. */
void             sy_webhook_server_set_queue_limit (SyWebhookServer *self,
                                                   guint            limit);

/* The port it listens on, 0 when it doesn't listen (any thread). */
guint            sy_webhook_server_get_port       (SyWebhookServer *self);
/* Why it could not listen ("could not listen on 127.0.0.1:8642: Address
 * already in use"), NULL when fine (any thread). */
char            *sy_webhook_server_dup_error      (SyWebhookServer *self);

/* Engine thread: routes of enabled webhook workflows. */
gboolean         sy_webhook_server_add_route      (SyWebhookServer *self,
                                                   SyWorkflow      *workflow,
                                                   GError         **error);
void             sy_webhook_server_remove_route   (SyWebhookServer *self,
                                                   const char      *key,
                                                   gint64           version_id);

/* The address to call for workflow `key`, e.g.
 * "http://127.0.0.1:8642/hooks/order-stock" (the bound port while
 * listening, else the configured one). Any thread. */
char            *sy_webhook_server_url_for        (SyEngine        *engine,
                                                   const char      *key);

G_END_DECLS
