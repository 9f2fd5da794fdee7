/* sy-filter-bar.h — the data view's filter: conditions joined by all or any */
#pragma once

#include <gtk/gtk.h>

#include "collections/sy-collection-store.h"

G_BEGIN_DECLS

#define SY_TYPE_FILTER_BAR (sy_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (SyFilterBar, sy_filter_bar, SY, FILTER_BAR, GtkWidget)

GtkWidget *sy_filter_bar_new            (void);
/* The fields conditions can be about (removes every condition). */
void       sy_filter_bar_set_collection (SyFilterBar       *self,
                                         SyCollection      *collection,
                                         SyCollectionStore *reader);
/* Adds a condition; FALSE for an unknown path or operator. With `path`
 * NULL, a blank one on the first field. */
gboolean   sy_filter_bar_add_condition  (SyFilterBar       *self,
                                         const char        *path,
                                         const char        *op,
                                         const char        *value);
void       sy_filter_bar_clear          (SyFilterBar       *self);
guint      sy_filter_bar_get_n_conditions (SyFilterBar     *self);
/* TRUE: every condition must hold ($and); FALSE: any ($or). */
void       sy_filter_bar_set_match_all  (SyFilterBar       *self,
                                         gboolean           match_all);
/* {"$and": [conditions]} or {"$or": …} of the complete conditions, or
 * NULL when there is none. */
JsonNode  *sy_filter_bar_get_filter     (SyFilterBar       *self);

/* Signals: "changed" () — the filter is different */

G_END_DECLS
