/* sy-node-card.h — one node (or the trigger) drawn as a card on the canvas */
#pragma once

#include <gtk/gtk.h>

#include "sy-records.h"
#include "sy-workflow-document.h"

G_BEGIN_DECLS

#define SY_TYPE_NODE_CARD (sy_node_card_get_type ())
G_DECLARE_FINAL_TYPE (SyNodeCard, sy_node_card, SY, NODE_CARD, GtkWidget)

/* A card for `node`; `node` NULL makes the trigger card of the document. */
GtkWidget  *sy_node_card_new          (SyWorkflowDocument *document,
                                       SyNode             *node);
SyNode     *sy_node_card_get_node     (SyNodeCard         *self);
void        sy_node_card_set_node     (SyNodeCard         *self,
                                       SyNode             *node);
gboolean    sy_node_card_is_trigger   (SyNodeCard         *self);
/* Re-reads title, key and problems from the node. */
void        sy_node_card_update       (SyNodeCard         *self);
/* The accessible label's "node 3 of 12" (reading order). */
void        sy_node_card_set_position (SyNodeCard         *self,
                                       guint               index,
                                       guint               count);
void        sy_node_card_set_selected (SyNodeCard         *self,
                                       gboolean            selected);
/* Execution state for the executions view (a reference is kept); NULL
 * clears it. On a canvas, prefer sy_canvas_set_job(): a card is recycled
 * once its node leaves the view, and only the canvas remembers. */
void        sy_node_card_set_job      (SyNodeCard         *self,
                                       SyJob              *job);
SyJob      *sy_node_card_get_job      (SyNodeCard         *self);
guint       sy_node_card_get_n_problems (SyNodeCard       *self);
/* The accessible label, as announced: title, type, the job's status and
 * message, position ("Reserve, Calculation, Failed: jq error…, node 3 of 12"). */
const char *sy_node_card_get_label    (SyNodeCard         *self);

G_END_DECLS
