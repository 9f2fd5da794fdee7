/* sy-palette.h — node types to drag onto the canvas or activate */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SY_TYPE_PALETTE (sy_palette_get_type ())
G_DECLARE_FINAL_TYPE (SyPalette, sy_palette, SY, PALETTE, GtkWidget)

GtkWidget *sy_palette_new          (void);
/* Filters the list as the search entry does. */
void       sy_palette_set_query    (SyPalette  *self,
                                    const char *query);
/* Number of node types shown with the current query. */
guint      sy_palette_get_n_visible (SyPalette *self);
/* Activates the row of `type` (as a click would): emits "type-activated". */
gboolean   sy_palette_activate_type (SyPalette  *self,
                                     const char *type);

/* Signal: "type-activated" (const char *type) — the window inserts it after
 * the canvas selection (sy_canvas_insert_after_selection). */

G_END_DECLS
