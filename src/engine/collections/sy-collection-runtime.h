/* sy-collection-runtime.h — the collections inside a running engine (engine thread only)
 *
 * Holds data.db's writer connection and ties its writes to the engine's
 * pumps: the first write of a pump joins a transaction that commits just
 * before the workflows' store does, so a record and the execution that
 * wrote it are saved together. After the commit it tells the UI which
 * collections changed, and it turns record changes into `collection`
 * trigger events.
 */
#pragma once

#include "collections/sy-collection-store.h"
#include "sy-engine-private.h"

G_BEGIN_DECLS

typedef enum
{
  SY_RECORD_CREATED,
  SY_RECORD_UPDATED,
  SY_RECORD_DESTROYED,
} SyRecordChange;

SyCollectionRuntime *sy_collection_runtime_new      (SyEngine            *engine,
                                                     const char          *data_dir,
                                                     GError             **error);
void                 sy_collection_runtime_free     (SyCollectionRuntime *self);

/* The pump's hooks: commit what this pump wrote (nothing to do when it
 * wrote nothing), or roll it back with the rest of the pump. */
gboolean             sy_collection_runtime_commit   (SyCollectionRuntime *self,
                                                     GError             **error);
void                 sy_collection_runtime_rollback (SyCollectionRuntime *self);

/* The store for reading (any time on the engine thread). */
SyCollectionStore   *sy_collection_runtime_get_store (SyCollectionRuntime *self);
/* The store for writing: joins the pump's transaction first. Say what was
 * written with sy_collection_runtime_changed(). */
SyCollectionStore   *sy_collection_runtime_writer   (SyCollectionRuntime *self,
                                                     GError             **error);
/* Records of `collection` were written in this pump ("records-changed"
 * after the commit); NULL: definitions changed ("collections-changed"). */
void                 sy_collection_runtime_changed  (SyCollectionRuntime *self,
                                                     const char          *collection);

/* `func` runs on the engine thread after each commit in which records of
 * `collection` changed (date-field schedules follow their records). */
typedef void (*SyCollectionWatchFunc) (gpointer user_data);
guint                sy_collection_runtime_watch    (SyCollectionRuntime  *self,
                                                     const char           *collection,
                                                     SyCollectionWatchFunc func,
                                                     gpointer              user_data);
void                 sy_collection_runtime_unwatch  (SyCollectionRuntime  *self,
                                                     guint                 id);

/* A record was created, updated or deleted by a node of `source`: the
 * enabled `collection` workflows it matches start in the next pump, in
 * the causal chain of `source` (stack limits apply). `before` is the
 * record before an update (NULL otherwise); for a deletion `record` is
 * the deleted one. */
void                 sy_collection_runtime_fire     (SyCollectionRuntime *self,
                                                     SyExecution         *source,
                                                     const char          *collection,
                                                     SyRecordChange       change,
                                                     JsonObject          *record,
                                                     JsonObject          *before);

/* A `collection` workflow matched by a change, with its context. */
typedef struct
{
  gint64      version_id;
  SyWorkflow *workflow;
  JsonNode   *context;  /* {"data": record with the trigger's appends} */
} SyMatchedWorkflow;

void                 sy_matched_workflow_free       (SyMatchedWorkflow   *match);

/* The enabled `collection` workflows a change matches (mode, changed
 * fields, condition), in the order they were created, each with its
 * context. Of SyMatchedWorkflow. */
GPtrArray           *sy_collection_runtime_match    (SyCollectionRuntime *self,
                                                     const char          *collection,
                                                     SyRecordChange       change,
                                                     JsonObject          *record,
                                                     JsonObject          *before);

/* The desktop user as contexts show it: {"id": "me", "name": …}. */
JsonNode            *sy_collection_user_node        (void);

G_END_DECLS
