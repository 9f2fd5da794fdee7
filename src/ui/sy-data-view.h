/* sy-data-view.h — local data: collections, their records, forms and bound buttons */
#pragma once

#include <adwaita.h>

#include "collections/sy-action-bindings.h"
#include "sy-records-view.h"

G_BEGIN_DECLS

#define SY_TYPE_DATA_VIEW (sy_data_view_get_type ())
G_DECLARE_FINAL_TYPE (SyDataView, sy_data_view, SY, DATA_VIEW, GtkWidget)

GtkWidget        *sy_data_view_new              (void);
/* Reads through a reader of the engine's data.db, writes through its
 * actions, follows "records-changed" and "collections-changed". */
void              sy_data_view_set_engine       (SyDataView *self,
                                                 SyEngine   *engine);
/* Lists the collections again (and the records shown). */
void              sy_data_view_refresh          (SyDataView *self);
/* Shows a collection's records; FALSE when there is no such collection. */
gboolean          sy_data_view_show_collection  (SyDataView *self,
                                                 const char *name);
/* The collection shown, or NULL. */
const char       *sy_data_view_get_collection   (SyDataView *self);
/* Its title for the window's header, or NULL. Notifies "title". */
const char       *sy_data_view_get_title        (SyDataView *self);
guint             sy_data_view_get_n_collections (SyDataView *self);
SyRecordsView    *sy_data_view_get_records_view (SyDataView *self);
SyActionBindings *sy_data_view_get_bindings     (SyDataView *self);
/* Replaces the buttons of the shown collection and saves bindings.json. */
void              sy_data_view_set_buttons      (SyDataView *self,
                                                 GPtrArray  *buttons);

/* Files, as the Import and Export menu items do after their choosers. */
void              sy_data_view_import_definitions (SyDataView *self,
                                                 GFile      *file);
void              sy_data_view_import_csv       (SyDataView *self,
                                                 GFile      *file);
void              sy_data_view_export_csv       (SyDataView *self,
                                                 GFile      *file);

/* The last toast's title, and the last problem shown in a dialog (its
 * body), or NULL: what a person was told (tests). */
const char       *sy_data_view_get_last_notice  (SyDataView *self);
const char       *sy_data_view_get_last_problem (SyDataView *self);
/* TRUE while an engine call of the view (an import, an export, a row
 * action) has not answered. */
gboolean          sy_data_view_is_busy          (SyDataView *self);

/* Actions (group "data"): new-collection, import-definitions,
 * edit-collection, delete-collection, show-collection(s), new-record,
 * edit-record(x), delete-record(x), row-button((xu)) — a row's Update
 * record or Trigger workflow button u —, trigger(u) — Trigger workflow
 * button u on the selected rows —, bindings, import-csv, export-csv. */

G_END_DECLS
