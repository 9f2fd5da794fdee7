/* sy-canvas.h — the workflow drawn as an automatically laid out flowchart
 *
 * Trigger on top, nodes downwards, a branching node's branches side by side
 * merging again below it. Every edit goes through the SyWorkflowDocument.
 * Coordinates: "model" is the layout space (trigger centred on x = 0,
 * y = 0 at its top); "view" is the widget's own space, view = pan + zoom·model.
 */
#pragma once

#include <gtk/gtk.h>

#include "sy-records.h"
#include "sy-workflow-document.h"

G_BEGIN_DECLS

/* A place where a node can go, with its "+" button (model coordinates). */
typedef struct
{
  char            *parent_key; /* NULL: the main chain */
  char            *branch;     /* NULL: the main chain */
  guint            position;
  graphene_rect_t  rect;
  char            *label;      /* what it does: "Add a node after “Count”" */
} SyCanvasInsertPoint;

void sy_canvas_insert_point_free (SyCanvasInsertPoint *point);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyCanvasInsertPoint, sy_canvas_insert_point_free)

#define SY_TYPE_CANVAS (sy_canvas_get_type ())
G_DECLARE_FINAL_TYPE (SyCanvas, sy_canvas, SY, CANVAS, GtkWidget)

GtkWidget          *sy_canvas_new                 (void);
SyWorkflowDocument *sy_canvas_get_document        (SyCanvas           *self);
void                sy_canvas_set_document        (SyCanvas           *self,
                                                   SyWorkflowDocument *document);

/* Selection: a node, or a run of `count` nodes of one chain (shift-click). */
SyNode             *sy_canvas_get_selected_node   (SyCanvas           *self);
guint               sy_canvas_get_selected_count  (SyCanvas           *self);
void                sy_canvas_select_node         (SyCanvas           *self,
                                                   SyNode             *node);
/* Inserts a node of `type` after the selection (end of the main chain
 * without one), as the palette's activation does. */
SyNode             *sy_canvas_insert_after_selection (SyCanvas         *self,
                                                   const char         *type,
                                                   GError            **error);

double              sy_canvas_get_zoom            (SyCanvas           *self);
void                sy_canvas_set_zoom            (SyCanvas           *self,
                                                   double              zoom);
void                sy_canvas_zoom_to_fit         (SyCanvas           *self);
/* Card of the node with `key`; key NULL gives the trigger card. A node
 * away from the view gets one made for it, which is recycled once the view
 * moves on: hold on to nodes, not cards. */
GtkWidget          *sy_canvas_get_node_card       (SyCanvas           *self,
                                                   const char         *key);
/* The card's rectangle in model coordinates. */
gboolean            sy_canvas_get_node_rect       (SyCanvas           *self,
                                                   const char         *key,
                                                   graphene_rect_t    *rect);
/* Of SyCanvasInsertPoint, in document order. */
GPtrArray          *sy_canvas_get_insert_points   (SyCanvas           *self);
void                sy_canvas_get_layout_bounds   (SyCanvas           *self,
                                                   graphene_rect_t    *bounds);
void                sy_canvas_model_to_view       (SyCanvas           *self,
                                                   double              mx,
                                                   double              my,
                                                   double             *vx,
                                                   double             *vy);
/* What dropping a palette type (or a dragged card) at view point (x, y)
 * does: inserts at the nearest "+" within reach. Returns the node or NULL. */
SyNode             *sy_canvas_drop_type_at        (SyCanvas           *self,
                                                   const char         *type,
                                                   double              x,
                                                   double              y);
gboolean            sy_canvas_drop_node_at        (SyCanvas           *self,
                                                   const char         *key,
                                                   double              x,
                                                   double              y);
/* The insert point a drop at (x, y) would use, or -1; highlights it. */
int                 sy_canvas_pick_insert_point   (SyCanvas           *self,
                                                   double              x,
                                                   double              y);
/* Execution view: shows `job` (status, result preview) on the card of the
 * node job->node_key, also once that card is recycled and made again.
 * Returns FALSE when the workflow has no such node. */
gboolean            sy_canvas_set_job             (SyCanvas           *self,
                                                   SyJob              *job);
void                sy_canvas_clear_jobs          (SyCanvas           *self);
/* Cards measured since the canvas was made (benchmarks, tests). */
guint               sy_canvas_get_n_measured      (SyCanvas           *self);
/* Node cards bound to nodes now (the trigger's excluded): only the nodes
 * near the view have one; the zoomed-out drawn mode needs none. */
guint               sy_canvas_get_n_cards         (SyCanvas           *self);
/* Brings layout up to date now rather than at the next frame. */
void                sy_canvas_ensure_layout       (SyCanvas           *self);
/* Whether cards are drawn in the zoomed-out level of detail. */
gboolean            sy_canvas_get_drawn_mode      (SyCanvas           *self);

/* Signals: "node-activated" (SyNode *), "selection-changed" ().
 * Property: "selected-node", "document", "zoom". */

G_END_DECLS
