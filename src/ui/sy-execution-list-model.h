/* sy-execution-list-model.h — executions, newest first, read page by page
 *
 * A GListModel of SyExecutionItem that reads a page of rows from a
 * read-only store connection only when a row of that page is asked for, so
 * a history of 100,000 executions opens at once. After each (re)load it
 * lists only the newest few rows, so that the first frame has few rows to
 * make; sy_execution_list_model_list_more() lists more — counting the
 * matching executions once — and its view calls it once a frame until it
 * returns FALSE. Executions that start later appear on top; rows on screen
 * follow the engine's signals.
 */
#pragma once

#include <gio/gio.h>

#include "sy-engine.h"
#include "sy-execution-item.h"

G_BEGIN_DECLS

#define SY_EXECUTION_LIST_PAGE_SIZE 100

#define SY_TYPE_EXECUTION_LIST_MODEL (sy_execution_list_model_get_type ())
G_DECLARE_FINAL_TYPE (SyExecutionListModel, sy_execution_list_model, SY, EXECUTION_LIST_MODEL, GObject)

SyExecutionListModel *sy_execution_list_model_new          (SyEngine             *engine,
                                                            const SyExecutionFilter *filter);
/* Only the key, status and text of `filter` count (NULL = everything);
 * a different filter reloads. */
void                  sy_execution_list_model_set_filter   (SyExecutionListModel *self,
                                                            const SyExecutionFilter *filter);
/* Lists more of the matching executions (the first call counts them);
 * returns whether some are still not listed. */
gboolean              sy_execution_list_model_list_more    (SyExecutionListModel *self);
/* Whether every matching execution is listed. */
gboolean              sy_execution_list_model_lists_all    (SyExecutionListModel *self);
/* The matching executions, listed or not; returns FALSE (and a lower
 * bound) while they are not counted yet. */
gboolean              sy_execution_list_model_get_n_matching (SyExecutionListModel *self,
                                                            guint                *n_matching);
/* Reads again from the newest and forgets the rows read so far (after
 * deletions). */
void                  sy_execution_list_model_reload       (SyExecutionListModel *self);
/* The model's filter: key, status, text and the reason codes the text
 * finds (its strings belong to the model). */
void                  sy_execution_list_model_get_filter   (SyExecutionListModel *self,
                                                            SyExecutionFilter    *filter);
/* How many executions match `filter`, counted on the model's store
 * connection; 0 when they cannot be counted. */
guint                 sy_execution_list_model_count        (SyExecutionListModel *self,
                                                            const SyExecutionFilter *filter);
/* The row of a loaded execution, or NULL. (transfer none) */
SyExecutionItem      *sy_execution_list_model_find         (SyExecutionListModel *self,
                                                            gint64                id);
/* Why nothing could be read (the store could not be opened), or NULL. */
const char           *sy_execution_list_model_get_error    (SyExecutionListModel *self);
/* Pages read from the store since the model was made (tests, benchmarks). */
guint                 sy_execution_list_model_get_n_pages_read (SyExecutionListModel *self);

G_END_DECLS
