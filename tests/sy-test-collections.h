/* sy-test-collections.h — what the collections tests share: a data.db in a
 * temporary directory, definitions and records from JSON text
 */
#pragma once

#include "collections/sy-collection-store.h"

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

JsonNode   *sy_test_json                  (const char        *text);
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

G_END_DECLS
