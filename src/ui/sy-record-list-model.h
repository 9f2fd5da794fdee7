/* sy-record-list-model.h — the records of a collection, read page by page
 *
 * A GListModel of SyRecordItem over a read-only connection to data.db
 * (reads on the UI thread are cheap and never wait for the engine). It
 * counts the records matching the filter once and reads a page only when
 * one of its rows is asked for, so a table of 100,000 records opens at
 * once. Belongs-to fields come with their target records (appends), for
 * the target's title.
 */
#pragma once

#include <gio/gio.h>

#include "collections/sy-collection-store.h"
#include "sy-record-item.h"

G_BEGIN_DECLS

/* GTK 4.8's list views make rows for about 200 items around what is on
 * screen: one page covers them, so a sort by an unindexed field (a scan of
 * the whole table) is read once when the table opens. */
#define SY_RECORD_LIST_PAGE_SIZE 256

#define SY_TYPE_RECORD_LIST_MODEL (sy_record_list_model_get_type ())
G_DECLARE_FINAL_TYPE (SyRecordListModel, sy_record_list_model, SY, RECORD_LIST_MODEL, GObject)

SyRecordListModel *sy_record_list_model_new             (void);
/* The store to read (NULL: nothing) and the collection; reloads. */
void               sy_record_list_model_set_source      (SyRecordListModel *self,
                                                         SyCollectionStore *reader,
                                                         const char        *collection);
const char        *sy_record_list_model_get_collection  (SyRecordListModel *self);
/* A NocoBase filter (copied; NULL = every record) and a sort ("field",
 * "-field", "product.title"; NULL = by id); reloads when they differ. */
void               sy_record_list_model_set_query       (SyRecordListModel *self,
                                                         JsonNode          *filter,
                                                         const char        *sort);
/* Counts again and forgets the rows read so far (after writes). */
void               sy_record_list_model_reload          (SyRecordListModel *self);
/* Why nothing could be read (a bad filter, an unreadable store), or NULL.
 * Notifies "error". */
const char        *sy_record_list_model_get_error       (SyRecordListModel *self);
/* Pages read since the model was made (tests, benchmarks). */
guint              sy_record_list_model_get_n_pages_read (SyRecordListModel *self);

G_END_DECLS
