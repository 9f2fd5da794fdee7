/* sy-data-csv.h — a collection's records to a CSV file and back, off the UI thread */
#pragma once

#include <gio/gio.h>

#include "collections/sy-engine-collections.h"

G_BEGIN_DECLS

/* Writes the records of `collection` matching `filter` (may be NULL), in
 * the order of `sort` (may be NULL), to `file` through a reader of its
 * own on a worker thread. Result: how many were written. */
void       sy_data_csv_export_async  (SyEngine            *engine,
                                      SyCollection        *collection,
                                      JsonNode            *filter,
                                      const char          *sort,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gint64     sy_data_csv_export_finish (GAsyncResult        *result,
                                      GError             **error);

/* Reads and checks `file` on a worker thread (sy_collection_csv_read).
 * Result: GPtrArray of JsonObject values, the first being row 2. */
void       sy_data_csv_read_async    (SyCollection        *collection,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GPtrArray *sy_data_csv_read_finish   (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
