/* sy-position-selection.h — a multiple selection that keeps positions only
 *
 * GtkMultiSelection asks its model for every item whose selection changes
 * and keeps them all, so that a selected row stays selected when rows move:
 * Select All on a history of 100,000 executions would read every page of
 * it and hold every row. This selection keeps a GtkBitset of positions and
 * never asks for an item; when rows are inserted or removed the selected
 * positions move with them, and rows replaced are no longer selected.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SY_TYPE_POSITION_SELECTION (sy_position_selection_get_type ())
G_DECLARE_FINAL_TYPE (SyPositionSelection, sy_position_selection, SY, POSITION_SELECTION, GObject)

/* Takes `model` (transfer full), as gtk_multi_selection_new() does. */
SyPositionSelection *sy_position_selection_new (GListModel *model);

G_END_DECLS
