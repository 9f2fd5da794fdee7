/* sy-record-import.h — many records written at once (the data view's CSV import)
 *
 * Kept apart from the actions (sy-engine-collections.h): an import puts
 * data in, it is no button press, so no bound, global or collection
 * workflow runs for it.
 */
#pragma once

#include "collections/sy-engine-collections.h"

G_BEGIN_DECLS

/* Inserts `records` (GPtrArray of JsonObject values; copied) into
 * `collection` in one pump, all or none: when one is refused, those
 * written before it are taken back and the error names it as row
 * `first_row + index` ("row 7: product: there is no record 12 in
 * “products”"); `first_row` 0 leaves rows unnamed. "records-changed"
 * follows. Result: how many were written. */
void     sy_engine_import_records_async  (SyEngine            *self,
                                          const char          *collection,
                                          GPtrArray           *records,
                                          guint                first_row,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gint64   sy_engine_import_records_finish (SyEngine            *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
