/* sy-engine-private.h — engine internals used by the processor and run context */
#pragma once

#include "sy-engine.h"

G_BEGIN_DECLS

/* Cancelled when the execution is aborted; created on first use. */
GCancellable *_sy_engine_get_execution_cancellable (SyEngine *self,
                                                    gint64    execution_id);
/* The cached, parsed workflow of a version (engine thread). */
SyWorkflow   *_sy_engine_lookup_version            (SyEngine *self,
                                                    gint64    version_id,
                                                    GError  **error);

/* The engine's webhook server (triggers/sy-trigger-webhook.c, tests). */
typedef struct _SyWebhookServer SyWebhookServer;
SyWebhookServer *_sy_engine_get_webhook_server    (SyEngine *self);
/* Queued executions not started yet (engine thread). */
guint         _sy_engine_get_queue_length          (SyEngine *self);

/* Tasks were created, submitted or withdrawn in this pump: "tasks-changed"
 * is emitted after it commits (engine thread). */
void          _sy_engine_note_tasks_changed        (SyEngine *self);
/* The engine's read-write store (engine thread only; triggers keep their
 * bookkeeping in its state table). */
SyStore      *_sy_engine_get_store                 (SyEngine *self);

G_END_DECLS
