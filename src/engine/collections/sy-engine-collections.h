/* sy-engine-collections.h — the engine's API for local data (collections, records, actions)
 *
 * The data view and the command line use this and nothing else: every
 * call returns at once and completes on the caller's thread-default main
 * context, like the rest of SyEngine's API; nothing here touches GTK.
 * Reads of big tables may instead use a reader of their own
 * (sy_engine_open_data_reader) on any thread.
 *
 * SyEngine emits "records-changed" (collection name) after records were
 * written — by actions, record nodes or SQL — and "collections-changed"
 * after definitions changed.
 *
 * Actions are the data view's buttons: create (form Submit), update (Save,
 * Update record), delete (Delete) and trigger ("Trigger workflow"). Each
 * runs the workflows bound to it as NocoBase's "bind workflow" table says:
 *
 *   create, update: pre-action (request-interception), post-action
 *                   (action), approval (after-save)
 *   delete:         pre-action
 *   trigger:        custom-action
 *
 * Bound workflows run in the order given, sync before async within a
 * trigger type; global-mode pre-action and post-action workflows of the
 * collection run too (after the bound ones, oldest first). Pre-actions
 * run before anything is written: one that ends with a failed `end` node
 * (or fails) refuses the action; one that ends resolved with an `end` node
 * stops it quietly. Either way nothing is written and the texts of its
 * `response-message` nodes come back as the outcome's messages. A sync
 * post-action that fails undoes the write (the created record is deleted,
 * the updated one restored). `collection` workflows matching the write run
 * too (sync ones before post-actions, async ones once the action is done).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "collections/sy-collection-store.h"
#include "sy-engine.h"

G_BEGIN_DECLS

/* ── Definitions ───────────────────────────────────────────────────────── */

/* Defines or migrates collections, all or none (sy_collection_store_define).
 * Result: TRUE. */
void        sy_engine_define_collections_async   (SyEngine            *self,
                                                  GPtrArray           *collections,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean    sy_engine_define_collections_finish  (SyEngine            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Result: GPtrArray of SyCollection, in definition order. */
void        sy_engine_list_collections_async     (SyEngine            *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray  *sy_engine_list_collections_finish    (SyEngine            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Deletes a collection and its records (REFUSED while others point to it). */
void        sy_engine_drop_collection_async      (SyEngine            *self,
                                                  const char          *name,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean    sy_engine_drop_collection_finish     (SyEngine            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* ── Reading ───────────────────────────────────────────────────────────── */

/* One page of records and how many match in all. */
typedef struct
{
  JsonArray *records;
  gint64     total;
} SyRecordPage;

#define SY_TYPE_RECORD_PAGE (sy_record_page_get_type ())
GType          sy_record_page_get_type (void) G_GNUC_CONST;
SyRecordPage  *sy_record_page_copy     (SyRecordPage *page);
void           sy_record_page_free     (SyRecordPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyRecordPage, sy_record_page_free)

/* `query` is copied. Result: SyRecordPage. */
void          sy_engine_query_records_async      (SyEngine            *self,
                                                  const char          *collection,
                                                  const SyRecordQuery *query,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
SyRecordPage *sy_engine_query_records_finish     (SyEngine            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Result: the record (JsonObject). */
void          sy_engine_get_record_async         (SyEngine            *self,
                                                  const char          *collection,
                                                  gint64               id,
                                                  const char * const  *appends,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
JsonObject   *sy_engine_get_record_finish        (SyEngine            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* A read-only connection to data.db for the calling thread. */
SyCollectionStore *sy_engine_open_data_reader    (SyEngine            *self,
                                                  GError             **error);

/* ── Actions ───────────────────────────────────────────────────────────── */

typedef enum
{
  SY_RECORD_ACTION_CREATE,  /* form Submit */
  SY_RECORD_ACTION_UPDATE,  /* Save, Update record */
  SY_RECORD_ACTION_DELETE,  /* Delete */
  SY_RECORD_ACTION_TRIGGER, /* "Trigger workflow" (custom action) */
} SyRecordActionKind;

/* What a button asks for. */
typedef struct _SyRecordAction SyRecordAction;

#define SY_TYPE_RECORD_ACTION (sy_record_action_get_type ())
GType           sy_record_action_get_type        (void) G_GNUC_CONST;
/* `collection` may be NULL only for a trigger without records (global
 * custom-action workflows). */
SyRecordAction *sy_record_action_new             (SyRecordActionKind  kind,
                                                  const char         *collection);
SyRecordAction *sy_record_action_copy            (SyRecordAction     *self);
void            sy_record_action_free            (SyRecordAction     *self);
/* The record (update, delete) or records (trigger). */
void            sy_record_action_add_id          (SyRecordAction     *self,
                                                  gint64              id);
/* The form's values (create, update; trigger: submitted data). Copied. */
void            sy_record_action_set_values      (SyRecordAction     *self,
                                                  JsonObject         *values);
/* A bound workflow, in order; `association` (a belongs-to field, may be
 * NULL) passes that related record as the context instead. */
void            sy_record_action_add_binding     (SyRecordAction     *self,
                                                  const char         *workflow,
                                                  const char         *association);
/* Bindings as NocoBase's triggerWorkflows: "key,key!association,…". */
gboolean        sy_record_action_parse_bindings  (SyRecordAction     *self,
                                                  const char         *text,
                                                  GError            **error);
SyRecordActionKind sy_record_action_get_kind     (SyRecordAction     *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyRecordAction, sy_record_action_free)

typedef enum
{
  SY_ACTION_DONE,     /* the action happened */
  SY_ACTION_STOPPED,  /* a pre-action ended resolved with an end node: nothing written */
  SY_ACTION_REFUSED,  /* a bound workflow refused or failed: nothing written */
} SyActionStatus;

/* What came of it. */
typedef struct
{
  SyActionStatus  status;
  JsonObject     *record;     /* create, update: as stored; delete: as it was; NULL when not written */
  gint64          deleted;    /* delete: the id */
  GArray         *executions; /* gint64: executions the action started (bound and global) */
  GPtrArray      *messages;   /* of char*: response-message texts, then reasons of failures */
} SyActionOutcome;

#define SY_TYPE_ACTION_OUTCOME (sy_action_outcome_get_type ())
GType            sy_action_outcome_get_type     (void) G_GNUC_CONST;
SyActionOutcome *sy_action_outcome_copy         (SyActionOutcome *self);
void             sy_action_outcome_free         (SyActionOutcome *self);
/* The command line's output: {"record", "messages"}, {"deleted",
 * "messages"} or {"executions", "messages"}. */
JsonNode        *sy_action_outcome_to_json      (SyActionOutcome   *self,
                                                 SyRecordActionKind kind);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyActionOutcome, sy_action_outcome_free)

/* Runs the action and its workflows. Bad input — unknown collection,
 * record, field or workflow, a wrong value, a workflow that cannot be
 * bound to this action — is an error (SY_COLLECTION_ERROR or
 * SY_ENGINE_ERROR_INVALID/NOT_FOUND) and nothing runs. Otherwise the
 * result is a SyActionOutcome. */
void             sy_engine_run_action_async     (SyEngine            *self,
                                                 SyRecordAction      *action,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
SyActionOutcome *sy_engine_run_action_finish    (SyEngine            *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
