/* sy-test-collections.h — what the collections tests share: a data.db in a
 * temporary directory, definitions and records from JSON text
 */
#pragma once

#include "collections/sy-collection-store.h"
#include "collections/sy-engine-collections.h"
#include "sy-test-engine.h"

G_BEGIN_DECLS

typedef struct
{
  char              *dir;
  char              *path;
  SyCollectionStore *store;
} SyTestCollections;

void        sy_test_collections_set_up    (SyTestCollections *fixture,
                                           gconstpointer      data);
void        sy_test_collections_tear_down (SyTestCollections *fixture,
                                           gconstpointer      data);

/* Defines every definition of a JSON array (or one object); asserts success. */
void        sy_test_define                (SyCollectionStore *store,
                                           const char        *definitions);
/* Inserts a record from JSON values; asserts success and returns its id. */
gint64      sy_test_insert                (SyCollectionStore *store,
                                           const char        *collection,
                                           const char        *values);
/* The ids of records, "1,3,4". */
char       *sy_test_ids                   (JsonArray         *records);
/* The ids of the records a filter (JSON text) finds, sorted by id. */
char       *sy_test_find                  (SyCollectionStore *store,
                                           const char        *collection,
                                           const char        *filter,
                                           GError           **error);

/* Through a running engine. */
void        sy_test_engine_define         (SyEngine          *engine,
                                           const char        *definitions);
/* Imports a workflow of `trigger_type` with the trigger config and nodes
 * given as JSON text; enabled. */
gint64      sy_test_import_triggered      (SyEngine          *engine,
                                           const char        *key,
                                           gboolean           sync,
                                           const char        *trigger_type,
                                           const char        *trigger_config,
                                           const char        *nodes);
/* Creates a record through an action; asserts success, returns its id. */
gint64      sy_test_engine_insert         (SyEngine          *engine,
                                           const char        *collection,
                                           const char        *values);
/* Runs an action; NULL with `error` set when it was refused as bad input. */
SyActionOutcome *sy_test_run_action       (SyEngine          *engine,
                                           SyRecordAction    *action,
                                           GError           **error);
/* Every record of a collection, read through the engine. */
JsonArray  *sy_test_engine_records        (SyEngine          *engine,
                                           const char        *collection);
/* Executions of a workflow, oldest first, each waited for until it ended. */
GPtrArray  *sy_test_finished_executions   (SyEngine          *engine,
                                           const char        *key);

G_END_DECLS
