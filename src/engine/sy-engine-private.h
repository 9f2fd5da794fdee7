/* sy-engine-private.h — engine internals used by the processor and run context */
#pragma once

#include "sy-engine.h"

G_BEGIN_DECLS

/* Cancelled when the execution is aborted; created on first use. */
GCancellable *_sy_engine_get_execution_cancellable (SyEngine *self,
                                                    gint64    execution_id);
/* Work a node started after its commit that ends by resuming the job (a
 * program, an HTTP request): begin when it starts, end when it is over. A
 * stop cancels the executions' cancellables and waits a little for every
 * operation to end (engine thread). */
void          _sy_engine_begin_operation           (SyEngine *self);
void          _sy_engine_end_operation             (SyEngine *self);
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
/* An execution began to run in this pump (its "started" state is stored):
 * "execution-started" carries it as it is now (engine thread). */
void          _sy_engine_note_execution_started    (SyEngine    *self,
                                                    SyExecution *execution);
/* The engine's read-write store (engine thread only; triggers keep their
 * bookkeeping in its state table). */
SyStore      *_sy_engine_get_store                 (SyEngine *self);

/* ── For the collections (collections/) ───────────────────────────────── */
typedef struct _SyCollectionRuntime SyCollectionRuntime;
/* data.db and what the collections keep on the engine thread; NULL while stopped. */
SyCollectionRuntime *_sy_engine_get_collections   (SyEngine *self);

/* Runs `func` on the engine thread inside a pump's transaction; then,
 * once that transaction committed — or failed to, or the engine stopped —
 * `done` (may be NULL) runs with the error (NULL when committed). */
typedef void (*SyPumpFunc)     (SyEngine     *engine,
                                gpointer      data);
typedef void (*SyPumpDoneFunc) (const GError *error,
                                gpointer      data);
void          _sy_engine_run_in_pump               (SyEngine       *self,
                                                    SyPumpFunc      func,
                                                    SyPumpDoneFunc  done,
                                                    gpointer        data);
/* An API call run like a SyPumpFunc: returns the call's result and sets
 * `result_free` (left NULL for a boolean: return GINT_TO_POINTER (TRUE)), or
 * sets `error`. */
typedef gpointer (*SyEngineCallFunc) (SyEngine        *engine,
                                      gpointer         data,
                                      GDestroyNotify  *result_free,
                                      GError         **error);
/* Runs `func` on `data` in a pump and answers a GTask (of `source_tag`) once
 * that pump committed; `data_free` (may be NULL) frees `data` afterwards.
 * The *_finish side is _sy_engine_finish_pointer() or _boolean(). */
void          _sy_engine_call_async                (SyEngine           *self,
                                                    SyEngineCallFunc    func,
                                                    gpointer            data,
                                                    GDestroyNotify      data_free,
                                                    gpointer            source_tag,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
/* The outcome of an *_async call of this engine whose GTask has `source_tag`. */
gpointer      _sy_engine_finish_pointer            (SyEngine           *self,
                                                    GAsyncResult       *result,
                                                    gpointer            source_tag,
                                                    GError            **error);
gboolean      _sy_engine_finish_boolean            (SyEngine           *self,
                                                    GAsyncResult       *result,
                                                    gpointer            source_tag,
                                                    GError            **error);
/* Inside a pump: creates an execution of the stored version `version_id`.
 * `stack` (array of execution ids, may be NULL) is the causal chain it
 * belongs to: the workflow's stack limit counts it (SKIPPED when reached).
 * Sync workflows — and any when `run_now` — run at once; others queue. */
SyExecution  *_sy_engine_create_execution          (SyEngine       *self,
                                                    gint64          version_id,
                                                    JsonNode       *context,
                                                    JsonNode       *stack,
                                                    gboolean        run_now,
                                                    GError        **error);
/* Inside a pump: `func` runs on the engine thread once `execution` has
 * settled (ended, or waits for time or people) and that is committed. */
void          _sy_engine_watch_execution           (SyEngine       *self,
                                                    SyExecution    *execution,
                                                    SyTriggeredFunc func,
                                                    gpointer        data);
/* Ended, or waiting only for time or people. */
gboolean      _sy_engine_execution_is_settled      (SyExecution    *execution);
/* Emits "records-changed" (collection name) or, for a NULL name,
 * "collections-changed" on the engine's owner context. */
void          _sy_engine_emit_data_changed         (SyEngine       *self,
                                                    const char     *collection);

G_END_DECLS
