/* sy-records-view.h — a collection's records in a table: sort, filter, search */
#pragma once

#include <gtk/gtk.h>

#include "collections/sy-collection-store.h"
#include "sy-filter-bar.h"
#include "sy-record-list-model.h"

G_BEGIN_DECLS

#define SY_TYPE_RECORDS_VIEW (sy_records_view_get_type ())
G_DECLARE_FINAL_TYPE (SyRecordsView, sy_records_view, SY, RECORDS_VIEW, GtkWidget)

/* The menu of a row's "⋯" button, made when it opens. */
typedef GMenuModel *(*SyRecordMenuFunc) (gint64   id,
                                         gpointer user_data);

GtkWidget         *sy_records_view_new              (void);
/* Shows the records of `collection` read through `reader` (NULL: none);
 * columns, filter and search start afresh. */
void               sy_records_view_set_source       (SyRecordsView      *self,
                                                     SyCollectionStore  *reader,
                                                     SyCollection       *collection);
/* (transfer none), may be NULL */
SyCollection      *sy_records_view_get_collection   (SyRecordsView      *self);
/* Reads the records again (after writes), keeping filter, sort and the
 * scroll position where possible. */
void               sy_records_view_reload           (SyRecordsView      *self);
void               sy_records_view_set_row_menu_func (SyRecordsView     *self,
                                                     SyRecordMenuFunc    func,
                                                     gpointer            user_data);
/* Puts a widget at the end of the toolbar (buttons of the data view). */
void               sy_records_view_add_toolbar_widget (SyRecordsView    *self,
                                                     GtkWidget          *widget);

void               sy_records_view_prepend_toolbar_widget (SyRecordsView *self,
                                                     GtkWidget          *widget);

/* Words looked for in every text field and in linked records' titles. */
void               sy_records_view_set_search       (SyRecordsView      *self,
                                                     const char         *text);
/* Sorts as a click on the column of `field` does ("id", a field,
 * "created_at"); NULL: by id. */
void               sy_records_view_sort_by          (SyRecordsView      *self,
                                                     const char         *field,
                                                     gboolean            descending);
/* The sort given to the store ("-qty", "product.title"), or NULL. */
const char        *sy_records_view_get_sort         (SyRecordsView      *self);
/* The filter given to the store (filter bar and search), or NULL. */
JsonNode          *sy_records_view_get_filter       (SyRecordsView      *self);
SyFilterBar       *sy_records_view_get_filter_bar   (SyRecordsView      *self);
/* (transfer none) */
SyRecordListModel *sy_records_view_get_model        (SyRecordsView      *self);
/* Ids of the selected rows, in table order (GArray of gint64). */
GArray            *sy_records_view_get_selected_ids (SyRecordsView      *self);
/* The text of the cell of row `position` in the column of `field`. */
char              *sy_records_view_get_cell_text    (SyRecordsView      *self,
                                                     guint               position,
                                                     const char         *field);

/* Signals: "record-activated" (gint64 id) — a row was double-clicked or
 * Enter pressed on it; "selection-changed" () */

G_END_DECLS
