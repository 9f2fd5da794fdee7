/* sy-canvas.c — the workflow drawn as an automatically laid out flowchart
 *
 * Design (gtk-style.md §2.4): node cards are child widgets allocated through
 * a GskTransform (pan · zoom · position); edges, branch labels and the "+"
 * insert points are drawn in one cairo node per frame. Below ZOOM_DRAWN the
 * cards are drawn from cached render nodes instead.
 *
 * Layout is a tree layout: a block is a card plus, for a branching node, its
 * branch columns side by side; a chain is blocks stacked with a gap holding
 * the "+" between them. Positions are relative (a block's top within its
 * chain, a column's centre within its block), so an edit recomputes only the
 * blocks on the path from the change to the root: a dirty block dirties its
 * ancestors, clean blocks are not visited.
 *
 * Only what is near the view exists: a walk of the tree, binary-searching
 * each chain for the view, yields the edges, labels, "+" points and items
 * of the view plus a margin (the scene). Cards (widgets) are bound only to
 * the scene's items and recycled when they leave it; other items are sized
 * from their shape's measured height. The zoomed-out drawn mode needs none.
 *
 * Keyboard and screen readers: the keys move a selection over the whole
 * workflow, not over the cards that exist. Up/Down walk the reading order
 * (a node, its branches left to right, what follows it), Left/Right jump
 * between branches, Alt+Up/Alt+Down out of and past them, Home/End to the
 * trigger and the last node; the selected node's card is made if needed,
 * scrolled into view and focused, so its name is announced. Tab enters at
 * the selection and leaves after its card's buttons. The canvas is a GROUP
 * of BUTTON cards whose names carry "node 3 of 12" themselves: a LIST or
 * TREE role would have screen readers count the cards that happen to
 * exist (GTK 4.8 cannot expose the others). The "+" points are drawn, not
 * widgets: Insert and the node menu reach them, and the "+" menu is named
 * after its place.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-canvas.h"
#include "sy-node-card.h"
#include "sy-node-kind.h"

#define CARD_W       240.0
#define GAP          64.0   /* between blocks of a chain; holds a "+" */
#define COLUMN_GAP   40.0   /* between branch columns */
#define SPLIT        36.0   /* from a branching card down to its columns */
#define LABEL_H      30.0   /* branch label above a column's chain */
#define MERGE        36.0   /* from the longest column to the merge point */
#define EMPTY_W      CARD_W /* an empty column is as wide as a card, so filling it moves nothing */
#define PLUS_R       11.0
#define CORNER_R     10.0
#define END_R        7.0
#define ZOOM_MIN     0.1
#define ZOOM_MAX     3.0
#define ZOOM_DRAWN   0.35
#define DROP_REACH   120.0  /* view pixels */
#define CLICK_REACH  16.0   /* view pixels */
#define MARGIN       32.0
#define SCENE_MARGIN 240.0  /* view pixels around the view that the scene covers */
#define SPARE_CARDS  48     /* unbound cards kept for reuse */
#define N_SHAPES     8      /* see item_shape() */

#define NODES_MIME   "application/x-switchyard-nodes+json"

typedef struct
{
  char   *name;
  char   *label;
  double  chain_w;
  double  chain_h;
  double  cx;       /* column centre, relative to the block's centre */
} Column;

typedef struct
{
  SyNode        *node;        /* NULL: the trigger */
  GtkWidget     *card;        /* NULL while the item is out of the scene */
  SyJob         *job;         /* execution state shown on the card */
  double         card_h;
  gboolean       measure_dirty;
  gboolean       block_dirty;
  double         block_w;
  double         block_h;
  GArray        *columns;     /* of Column */
  double         top;         /* block's top within its chain */
  double         x, y;        /* card's top-left, model; valid when placed == layout serial */
  guint          placed;
  guint          in_scene;    /* scene serial when last in the scene */
  guint          index;       /* document order, valid while the order is */
  gboolean       selected;
  GskRenderNode *drawn;       /* level-of-detail card */
} Item;

/* Drawn primitives of the scene. */
typedef struct
{
  double x[4], y[4];
  int    n;
  graphene_rect_t bounds;
} Edge;

typedef struct
{
  double      x, y;     /* centre */
  const char *text;     /* the column's label, or static */
  gboolean    terminal; /* the workflow's end */
} Label;

typedef struct
{
  SyNode     *parent;
  const char *branch;   /* the column's name: copy it before editing */
  guint       position;
  double      x, y;     /* centre */
} Point;

/* What lies in `area` (model coordinates) for one layout. */
typedef struct
{
  graphene_rect_t area;
  double          zoom;     /* the area depends on it, and so do cards */
  guint           layout;   /* layout serial it was made for; 0: none */
  guint           serial;   /* stamps Item.in_scene */
  GArray         *edges;    /* of Edge */
  GArray         *labels;   /* of Label */
  GArray         *points;   /* of Point */
  GPtrArray      *items;    /* of Item, trigger first */
} Scene;

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_CARD,
} DragMode;

struct _SyCanvas
{
  GtkWidget           parent_instance;

  SyWorkflowDocument *document;
  gboolean            editable;     /* the document takes edits: "+" points, branch bars */
  GHashTable         *items;        /* SyNode* → Item* */
  Item               *trigger;
  GPtrArray          *order;        /* Item* in document order (trigger excluded) */
  gboolean            order_dirty;

  gboolean            layout_dirty;
  guint               layout_serial;
  double              main_w, main_h;
  guint               n_measured;
  graphene_rect_t     bounds;
  Scene               scene;
  GskRenderNode      *edges_node;   /* the last edges drawn, and what they showed */
  GByteArray         *edges_key;

  GPtrArray          *bound;        /* Item* with a card (trigger excluded) */
  GPtrArray          *spare;        /* SyNodeCard widgets without an item */
  GtkWidget          *measurer;     /* sizes shapes without a card of their own */
  gboolean            stray_cards;  /* cards made on demand outside the scene */
  double              shape_h[N_SHAPES]; /* measured height of each shape; 0: not yet */

  double              zoom;
  double              pan_x, pan_y;
  gboolean            view_placed;
  gboolean            keep_fitted;  /* fitted, and the person has not moved the view since */
  int                 fitted_width, fitted_height;

  SyNode             *selected;
  guint               selected_count;
  GPtrArray          *highlighted;  /* SyNode shown selected */

  int                 hover_point;
  int                 drop_point;
  double              pointer_x, pointer_y;

  DragMode            drag_mode;
  double              drag_start_x, drag_start_y;
  double              drag_pan_x, drag_pan_y;
  SyNode             *drag_node;
  gboolean            drag_moving;
  double              zoom_start;

  GtkWidget          *insert_popover;
  GtkWidget          *insert_search;
  GtkWidget          *insert_list;
  SyNode             *insert_parent;   /* where the popover's "+" inserts */
  char               *insert_branch;
  guint               insert_position;
  GtkWidget          *context_menu;
};

G_DEFINE_FINAL_TYPE (SyCanvas, sy_canvas, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_SELECTED_NODE,
  PROP_ZOOM,
  N_PROPS
};

enum
{
  SIGNAL_NODE_ACTIVATED,
  SIGNAL_SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void sy_canvas_rebuild (SyCanvas *self);
static void update_accessible (SyCanvas *self);
static void set_selection (SyCanvas *self, SyNode *node, guint count, gboolean focus);

void
sy_canvas_insert_point_free (SyCanvasInsertPoint *point)
{
  g_free (point->parent_key);
  g_free (point->branch);
  g_free (point->label);
  g_free (point);
}

/* Items -------------------------------------------------------------------- */

static void
column_clear (Column *column)
{
  g_free (column->name);
  g_free (column->label);
}

static void
item_free (Item *item)
{
  if (item->card != NULL)
    gtk_widget_unparent (item->card);
  g_clear_object (&item->node);
  g_clear_pointer (&item->job, sy_job_unref);
  g_clear_pointer (&item->columns, g_array_unref);
  g_clear_pointer (&item->drawn, gsk_render_node_unref);
  g_free (item);
}

static Item *
item_new (SyNode *node)
{
  Item *item = g_new0 (Item, 1);

  item->node = node != NULL ? g_object_ref (node) : NULL;
  item->measure_dirty = TRUE;
  item->block_dirty = TRUE;
  item->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (item->columns, (GDestroyNotify) column_clear);

  return item;
}

static Item *
lookup_item (SyCanvas *self,
             SyNode   *node)
{
  if (node == NULL)
    return self->trigger;
  return g_hash_table_lookup (self->items, node);
}

/* The item of `node`, made when the node is new to the canvas. */
static Item *
ensure_item (SyCanvas *self,
             SyNode   *node)
{
  Item *item = g_hash_table_lookup (self->items, node);

  if (item == NULL)
    {
      item = item_new (node);
      g_hash_table_insert (self->items, node, item);
    }

  return item;
}

static SyWorkflow *
get_workflow (SyCanvas *self)
{
  return sy_workflow_document_get_workflow (self->document);
}

/* Whether `node` is in the workflow (not in a removed subtree). */
static gboolean
is_attached (SyCanvas *self,
             SyNode   *node)
{
  SyNode *top = node;

  if (self->document == NULL || node == NULL)
    return FALSE;
  while (sy_node_get_parent (top) != NULL)
    top = sy_node_get_parent (top);

  return sy_node_get_chain (top) == sy_workflow_get_nodes (get_workflow (self));
}

static Item *
find_item_by_key (SyCanvas   *self,
                  const char *key)
{
  SyNode *node;

  if (self->document == NULL)
    return NULL;
  if (key == NULL)
    return self->trigger;
  node = sy_workflow_find_node (get_workflow (self), key);
  return node != NULL ? ensure_item (self, node) : NULL;
}

/* Every block from `item` up to the root must be recomputed. */
static void
invalidate_upwards (SyCanvas *self,
                    Item     *item)
{
  for (SyNode *node = item->node; node != NULL; node = sy_node_get_parent (node))
    {
      Item *it = lookup_item (self, node);

      if (it != NULL)
        it->block_dirty = TRUE;
    }
  self->layout_dirty = TRUE;
}

static GPtrArray *shown_branches (SyNode *node, const SyNodeKind *kind);

static void
add_chain_to_order (SyCanvas  *self,
                    GPtrArray *chain)
{
  for (guint i = 0; chain != NULL && i < chain->len; i++)
    {
      SyNode *node = g_ptr_array_index (chain, i);
      Item *item = ensure_item (self, node);
      g_autoptr(GPtrArray) names = shown_branches (node, sy_node_kind_lookup (sy_node_get_node_type (node)));

      item->index = self->order->len;
      g_ptr_array_add (self->order, item);
      for (guint b = 0; b < names->len; b++)
        add_chain_to_order (self, sy_node_get_branch (node, g_ptr_array_index (names, b)));
    }
}

/* Reading order: a node, its branches as shown (left to right), then what
 * follows it. Down and Up walk it, and the cards say "node 3 of 12" in it. */
static void
ensure_order (SyCanvas *self)
{
  if (!self->order_dirty || self->document == NULL)
    return;

  g_ptr_array_set_size (self->order, 0);
  add_chain_to_order (self, sy_workflow_get_nodes (get_workflow (self)));
  self->order_dirty = FALSE;
  for (guint i = 0; i < self->bound->len; i++)
    {
      Item *item = g_ptr_array_index (self->bound, i);

      sy_node_card_set_position (SY_NODE_CARD (item->card), item->index, self->order->len);
    }
}

/* Cards -------------------------------------------------------------------- */

/* What a card's height depends on: its kind's branch bar (only shown
 * while editable) and a result line; below N_SHAPES. */
static guint
item_shape (SyCanvas *self,
            Item     *item)
{
  const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (item->node));
  guint shape = 0;

  if (kind != NULL && (kind->flags & SY_NODE_KIND_DYNAMIC) != 0 && self->editable)
    shape |= 1;
  if (item->job != NULL && item->job->result != NULL)
    shape |= 2;
  return shape;
}

static double
measure_widget (SyCanvas  *self,
                GtkWidget *card)
{
  int minimum, natural;

  gtk_widget_measure (card, GTK_ORIENTATION_VERTICAL, (int) CARD_W, &minimum, &natural, NULL, NULL);
  self->n_measured++;
  return natural;
}

/* Sizes are re-learnt (after a font or style change). */
static void
invalidate_heights (SyCanvas *self)
{
  GHashTableIter iter;
  Item *item;

  if (self->items == NULL)
    return;
  memset (self->shape_h, 0, sizeof self->shape_h);
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
    item->measure_dirty = TRUE;
  if (self->trigger != NULL)
    self->trigger->measure_dirty = TRUE;
  self->layout_dirty = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* A card's measured height is the truth for its item, and the best guess
 * for items of its shape that have no card. */
static void
learn_shape_height (SyCanvas *self,
                    Item     *item,
                    double    height)
{
  self->shape_h[item_shape (self, item)] = height;
}

static double
shape_height (SyCanvas *self,
              Item     *item)
{
  guint shape = item_shape (self, item);

  if (self->shape_h[shape] != 0)
    return self->shape_h[shape];

  if (self->measurer == NULL)
    {
      self->measurer = sy_node_card_new (self->document, item->node);
      gtk_widget_set_child_visible (self->measurer, FALSE);
      gtk_widget_set_parent (self->measurer, GTK_WIDGET (self));
    }
  sy_node_card_set_node (SY_NODE_CARD (self->measurer), item->node);
  sy_node_card_set_job (SY_NODE_CARD (self->measurer), item->job);
  self->shape_h[shape] = measure_widget (self, self->measurer);
  return self->shape_h[shape];
}

/* Brings item->card_h up to date; dirties the block when it changed. */
static void
measure_item (SyCanvas *self,
              Item     *item)
{
  double height;

  if (!item->measure_dirty)
    return;

  item->measure_dirty = FALSE;
  if (item->card != NULL)
    {
      height = measure_widget (self, item->card);
      if (item->node != NULL)
        learn_shape_height (self, item, height);
    }
  else
    height = shape_height (self, item);

  if (item->card_h != height)
    {
      item->card_h = height;
      item->block_dirty = TRUE;
      g_clear_pointer (&item->drawn, gsk_render_node_unref);
    }
}

static gboolean
card_is_pinned (SyCanvas *self,
                Item     *item)
{
  /* The keyboard focus stays on its card wherever the view goes. */
  return item->card != NULL && gtk_widget_get_focus_child (GTK_WIDGET (self)) == item->card;
}

static void
unbind_card (SyCanvas *self,
             Item     *item)
{
  GtkWidget *card = g_steal_pointer (&item->card);
  SyJob *job = sy_node_card_get_job (SY_NODE_CARD (card));

  /* A job shown through the card itself stays with its node. */
  if (job != item->job)
    {
      g_clear_pointer (&item->job, sy_job_unref);
      item->job = job != NULL ? sy_job_ref (job) : NULL;
    }

  g_ptr_array_remove_fast (self->bound, item);
  if (self->spare->len >= SPARE_CARDS)
    {
      gtk_widget_unparent (card);
      return;
    }

  gtk_widget_set_child_visible (card, FALSE);
  g_ptr_array_add (self->spare, card);
}

/* Gives `item` a card (a spare one when there is), showing its node,
 * selection, job and position, and measures it. */
static GtkWidget *
bind_card (SyCanvas *self,
           Item     *item)
{
  GtkWidget *card;

  if (item->card != NULL)
    return item->card;

  if (self->spare->len > 0)
    {
      card = g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1);
      sy_node_card_set_node (SY_NODE_CARD (card), item->node);
      gtk_widget_set_child_visible (card, TRUE);
    }
  else
    {
      card = sy_node_card_new (self->document, item->node);
      gtk_widget_set_parent (card, GTK_WIDGET (self));
    }

  item->card = card;
  if (item->in_scene != self->scene.serial || self->scene.layout == 0)
    self->stray_cards = TRUE;
  g_ptr_array_add (self->bound, item);
  ensure_order (self);
  sy_node_card_set_position (SY_NODE_CARD (card), item->index, self->order->len);
  sy_node_card_set_selected (SY_NODE_CARD (card), item->selected);
  sy_node_card_set_job (SY_NODE_CARD (card), item->job);
  item->measure_dirty = TRUE;
  measure_item (self, item);
  if (item->block_dirty)
    invalidate_upwards (self, item);

  return card;
}

/* Forgets the items of `node` and everything in its branches. */
static gboolean
forget_node (SyNode   *node,
             gpointer  user_data)
{
  SyCanvas *self = user_data;
  Item *item = g_hash_table_lookup (self->items, node);

  if (item == NULL)
    return TRUE;
  if (item->card != NULL)
    unbind_card (self, item);
  g_hash_table_remove (self->items, node);
  return TRUE;
}

static void
forget_subtree (SyCanvas *self,
                SyNode   *node)
{
  g_autoptr(GPtrArray) root = g_ptr_array_new ();

  g_ptr_array_add (root, node);
  sy_node_chain_foreach (root, forget_node, self);
}

/* Layout: sizes (bottom-up, cached) --------------------------------------- */

static gint
compare_numbered (gconstpointer a,
                  gconstpointer b)
{
  guint64 na = g_ascii_strtoull (*(const char * const *) a, NULL, 10);
  guint64 nb = g_ascii_strtoull (*(const char * const *) b, NULL, 10);

  return na < nb ? -1 : na > nb;
}

/* The branches shown under `node`, in display order: numbered ones first
 * (dynamic kinds), then the kind's fixed branches, then any others. */
static GPtrArray *
shown_branches (SyNode           *node,
                const SyNodeKind *kind)
{
  GPtrArray *names = g_ptr_array_new ();
  g_autoptr(GPtrArray) numbered = g_ptr_array_new ();
  gboolean hide_empty_fixed = FALSE;

  if (kind == NULL || (kind->flags & SY_NODE_KIND_BRANCHING) == 0)
    return names;

  /* A condition that only gates the chain has no branches to show. */
  if (g_strcmp0 (kind->type, "condition") == 0)
    {
      JsonNode *reject = sy_node_get_config_member (node, "rejectOnFalse");

      hide_empty_fixed = reject != NULL && JSON_NODE_HOLDS_VALUE (reject) && json_node_get_boolean (reject);
    }

  for (guint i = 0; i < sy_node_get_n_branches (node); i++)
    {
      const char *name = sy_node_get_branch_name (node, i);

      if ((kind->flags & SY_NODE_KIND_DYNAMIC) != 0 && g_ascii_strtoull (name, NULL, 10) > 0)
        g_ptr_array_add (numbered, (gpointer) name);
    }
  g_ptr_array_sort (numbered, compare_numbered);
  g_ptr_array_extend (names, numbered, NULL, NULL);

  for (guint i = 0; kind->branches != NULL && kind->branches[i] != NULL; i++)
    {
      GPtrArray *chain = sy_node_get_branch (node, kind->branches[i]);

      if (hide_empty_fixed && (chain == NULL || chain->len == 0))
        continue;
      g_ptr_array_add (names, (gpointer) kind->branches[i]);
    }

  for (guint i = 0; i < sy_node_get_n_branches (node); i++)
    {
      const char *name = sy_node_get_branch_name (node, i);

      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, (gpointer) name);
    }

  return names;
}

static void compute_block (SyCanvas *self, Item *item);

/* Sizes a chain and sets each block's top within it. */
static void
compute_chain (SyCanvas  *self,
               GPtrArray *chain,
               double    *width,
               double    *height)
{
  double w = EMPTY_W, h = GAP;

  for (guint i = 0; chain != NULL && i < chain->len; i++)
    {
      Item *item = ensure_item (self, g_ptr_array_index (chain, i));

      compute_block (self, item);
      item->top = h;
      w = MAX (w, item->block_w);
      h += item->block_h + GAP;
    }

  *width = w;
  *height = h;
}

static void
compute_block (SyCanvas *self,
               Item     *item)
{
  const SyNodeKind *kind;
  g_autoptr(GPtrArray) names = NULL;
  double columns_w = 0, columns_h = 0, x;

  measure_item (self, item);
  if (!item->block_dirty)
    return;

  g_array_set_size (item->columns, 0);
  item->block_w = CARD_W;
  item->block_h = item->card_h;
  item->block_dirty = FALSE;
  if (item->node == NULL)
    return;

  kind = sy_node_kind_lookup (sy_node_get_node_type (item->node));
  names = shown_branches (item->node, kind);
  if (names->len == 0)
    return;

  for (guint i = 0; i < names->len; i++)
    {
      Column column = { 0 };

      column.name = g_strdup (g_ptr_array_index (names, i));
      column.label = sy_node_branch_title (item->node, column.name);
      compute_chain (self, sy_node_get_branch (item->node, column.name), &column.chain_w, &column.chain_h);
      columns_w += column.chain_w + (i > 0 ? COLUMN_GAP : 0);
      columns_h = MAX (columns_h, column.chain_h);
      g_array_append_val (item->columns, column);
    }

  x = -columns_w / 2;
  for (guint i = 0; i < item->columns->len; i++)
    {
      Column *column = &g_array_index (item->columns, Column, i);

      column->cx = x + column->chain_w / 2;
      x += column->chain_w + COLUMN_GAP;
    }

  item->block_w = MAX (CARD_W, columns_w);
  item->block_h = item->card_h + SPLIT + LABEL_H + columns_h + MERGE;
}

void
sy_canvas_ensure_layout (SyCanvas *self)
{
  double width;

  g_return_if_fail (SY_IS_CANVAS (self));

  if (!self->layout_dirty || self->document == NULL || self->trigger == NULL)
    return;

  measure_item (self, self->trigger);
  compute_chain (self, sy_workflow_get_nodes (get_workflow (self)), &self->main_w, &self->main_h);

  width = MAX (self->main_w, CARD_W);
  graphene_rect_init (&self->bounds, -width / 2, 0, width, self->trigger->card_h + self->main_h + 2 * END_R + 24);
  self->layout_dirty = FALSE;
  self->layout_serial++;
  self->trigger->x = -CARD_W / 2;
  self->trigger->y = 0;
  self->trigger->placed = self->layout_serial;
  self->hover_point = -1;
}

static const Column *
find_column (Item       *item,
             const char *name)
{
  for (guint i = 0; i < item->columns->len; i++)
    if (g_strcmp0 (g_array_index (item->columns, Column, i).name, name) == 0)
      return &g_array_index (item->columns, Column, i);

  return NULL;
}

/* Where the chain holding `node` starts: its centre x and top y. */
static void item_place (SyCanvas *self, Item *item);

static void
chain_origin (SyCanvas   *self,
              SyNode     *parent,
              const char *branch,
              double     *cx,
              double     *top)
{
  Item *owner;
  const Column *column;

  if (parent == NULL)
    {
      *cx = 0;
      *top = self->trigger->card_h;
      return;
    }

  owner = ensure_item (self, parent);
  item_place (self, owner);
  column = find_column (owner, branch);
  *cx = owner->x + CARD_W / 2 + (column != NULL ? column->cx : 0);
  *top = owner->y + owner->card_h + SPLIT + LABEL_H;
}

/* The absolute position of an item, from its chain's origin and its top. */
static void
item_place (SyCanvas *self,
            Item     *item)
{
  double cx, top;

  sy_canvas_ensure_layout (self);
  if (item->placed == self->layout_serial)
    return;

  chain_origin (self, sy_node_get_parent (item->node), sy_node_get_parent_branch (item->node), &cx, &top);
  item->x = cx - CARD_W / 2;
  item->y = top + item->top;
  item->placed = self->layout_serial;
}

/* The scene: what lies in an area (top-down walk) ------------------------- */

static gboolean
rect_visible (const graphene_rect_t *view,
              double                 x,
              double                 y,
              double                 w,
              double                 h)
{
  return x + w >= view->origin.x && y + h >= view->origin.y
         && x <= view->origin.x + view->size.width && y <= view->origin.y + view->size.height;
}

static void
add_edge (Scene *scene,
          int    n,
          ...)
{
  Edge edge = { .n = n };
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  va_list args;

  va_start (args, n);
  for (int i = 0; i < n; i++)
    {
      edge.x[i] = va_arg (args, double);
      edge.y[i] = va_arg (args, double);
      x0 = MIN (x0, edge.x[i]);
      y0 = MIN (y0, edge.y[i]);
      x1 = MAX (x1, edge.x[i]);
      y1 = MAX (y1, edge.y[i]);
    }
  va_end (args);

  graphene_rect_init (&edge.bounds, x0 - 4, y0 - 4, x1 - x0 + 8, y1 - y0 + 8);
  g_array_append_val (scene->edges, edge);
}

static void
add_point (Scene      *scene,
           SyNode     *parent,
           const char *branch,
           guint       position,
           double      x,
           double      y)
{
  Point point = { parent, branch, position, x, y };

  g_array_append_val (scene->points, point);
}

static void
add_item (SyCanvas *self,
          Item     *item,
          double    x,
          double    y)
{
  item->x = x;
  item->y = y;
  item->placed = self->layout_serial;
  if (rect_visible (&self->scene.area, x, y, CARD_W, item->card_h))
    {
      item->in_scene = self->scene.serial;
      g_ptr_array_add (self->scene.items, item);
    }
}

static void walk_block (SyCanvas *self, Item *item, double cx, double top);

/* The first block of `chain` that reaches down to `y`, or chain->len. */
static guint
first_block_below (SyCanvas  *self,
                   GPtrArray *chain,
                   double     top,
                   double     y)
{
  guint lo = 0, hi = chain->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      Item *item = lookup_item (self, g_ptr_array_index (chain, mid));

      if (top + item->top + item->block_h < y)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* A chain whose incoming edge ends at (cx, top), sized w × h. */
static void
walk_chain (SyCanvas   *self,
            GPtrArray  *chain,
            SyNode     *parent,
            const char *branch,
            double      cx,
            double      top,
            double      w,
            double      h)
{
  const graphene_rect_t *area = &self->scene.area;
  guint n = chain != NULL ? chain->len : 0;
  double bottom = area->origin.y + area->size.height;

  if (!rect_visible (area, cx - w / 2, top, w, h))
    return;

  for (guint i = n > 0 ? first_block_below (self, chain, top, area->origin.y) : 0; i <= n; i++)
    {
      Item *item = i < n ? lookup_item (self, g_ptr_array_index (chain, i)) : NULL;
      double gap_top = top + (item != NULL ? item->top : h) - GAP;

      if (gap_top > bottom)
        break;
      add_edge (&self->scene, 2, cx, gap_top, cx, gap_top + GAP);
      /* Nothing can be inserted into a read-only document. */
      if (self->editable)
        add_point (&self->scene, parent, branch, i, cx, gap_top + GAP / 2);
      if (item != NULL)
        walk_block (self, item, cx, top + item->top);
    }
}

static void
walk_block (SyCanvas *self,
            Item     *item,
            double    cx,
            double    top)
{
  double card_bottom, split_y, columns_top, merge_y, bottom;

  add_item (self, item, cx - CARD_W / 2, top);
  if (item->columns->len == 0 || !rect_visible (&self->scene.area, cx - item->block_w / 2, top, item->block_w,
                                                item->block_h))
    return;

  card_bottom = top + item->card_h;
  split_y = card_bottom + SPLIT / 2;
  columns_top = card_bottom + SPLIT;
  bottom = top + item->block_h;
  merge_y = bottom - MERGE / 2;

  for (guint i = 0; i < item->columns->len; i++)
    {
      const Column *column = &g_array_index (item->columns, Column, i);
      double col_x = cx + column->cx;
      Label label = { col_x, columns_top + LABEL_H / 2, column->label, FALSE };
      double end = columns_top + LABEL_H + column->chain_h;

      /* Split: card → across → down to the column; then the label. */
      add_edge (&self->scene, 4, cx, card_bottom, cx, split_y, col_x, split_y, col_x, columns_top + LABEL_H);
      g_array_append_val (self->scene.labels, label);

      walk_chain (self, sy_node_get_branch (item->node, column->name), item->node, column->name,
                  col_x, columns_top + LABEL_H, column->chain_w, column->chain_h);

      /* Merge: column end → down → across → the point under the card. */
      add_edge (&self->scene, 4, col_x, end, col_x, merge_y, cx, merge_y, cx, bottom);
    }
}

static void
view_to_model (SyCanvas *self,
               double    vx,
               double    vy,
               double   *mx,
               double   *my)
{
  *mx = (vx - self->pan_x) / self->zoom;
  *my = (vy - self->pan_y) / self->zoom;
}

/* The widget's area in model coordinates, grown by `margin` view pixels. */
static graphene_rect_t
view_area (SyCanvas *self,
           double    margin)
{
  double x0, y0, x1, y1;

  view_to_model (self, -margin, -margin, &x0, &y0);
  view_to_model (self, gtk_widget_get_width (GTK_WIDGET (self)) + margin,
                 gtk_widget_get_height (GTK_WIDGET (self)) + margin, &x1, &y1);
  return GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
}

static void
scene_clear (Scene *scene)
{
  g_array_set_size (scene->edges, 0);
  g_array_set_size (scene->labels, 0);
  g_array_set_size (scene->points, 0);
  g_ptr_array_set_size (scene->items, 0);
  scene->layout = 0;
}

/* Walks what lies in `area`. */
static void
build_scene (SyCanvas              *self,
             const graphene_rect_t *area)
{
  Label terminal = { 0, 0, NULL, TRUE };

  sy_canvas_ensure_layout (self);
  scene_clear (&self->scene);
  self->hover_point = -1;
  self->scene.area = *area;
  self->scene.zoom = self->zoom;
  self->scene.serial++;
  self->scene.layout = self->layout_serial;
  if (self->document == NULL || self->trigger == NULL)
    return;

  add_item (self, self->trigger, -CARD_W / 2, 0);
  walk_chain (self, sy_workflow_get_nodes (get_workflow (self)), NULL, NULL, 0, self->trigger->card_h,
              self->main_w, self->main_h);

  terminal.y = self->trigger->card_h + self->main_h + END_R;
  terminal.text = _("End");
  g_array_append_val (self->scene.labels, terminal);
}

static gboolean drawn_mode (SyCanvas *self);

/* Unbinds the cards that left the scene and binds the ones that entered.
 * Returns whether a card's height turned out different (layout changed). */
static gboolean
sync_cards (SyCanvas *self)
{
  gboolean drawn = drawn_mode (self);
  guint serial = self->layout_serial;

  for (guint i = self->bound->len; i > 0; i--)
    {
      Item *item = g_ptr_array_index (self->bound, i - 1);

      if ((drawn || item->in_scene != self->scene.serial) && !card_is_pinned (self, item))
        unbind_card (self, item);
    }

  if (drawn)
    return FALSE;

  for (guint i = 0; i < self->scene.items->len; i++)
    {
      Item *item = g_ptr_array_index (self->scene.items, i);

      if (item->card == NULL)
        bind_card (self, item);
    }

  sy_canvas_ensure_layout (self);
  return self->layout_serial != serial;
}

/* The scene for the current view: walked again only when the layout
 * changed or the view left the area walked last time. */
static void
ensure_scene (SyCanvas *self)
{
  graphene_rect_t view;
  gboolean keep_area;

  sy_canvas_ensure_layout (self);
  view = view_area (self, 0);
  keep_area = self->scene.layout != 0 && self->scene.zoom == self->zoom
              && graphene_rect_contains_rect (&self->scene.area, &view);
  if (keep_area && self->scene.layout == self->layout_serial && !self->stray_cards)
    return;
  self->stray_cards = FALSE;

  /* A new layout keeps the area while it holds the view, so an edit does
   * not also move cards in and out; a card can turn out taller than its
   * shape said: walk again then. */
  for (int attempt = 0; attempt < 3; attempt++)
    {
      graphene_rect_t area = keep_area ? self->scene.area : view_area (self, SCENE_MARGIN);

      build_scene (self, &area);
      if (!sync_cards (self))
        break;
    }
}

/* View --------------------------------------------------------------------- */

void
sy_canvas_model_to_view (SyCanvas *self,
                         double    mx,
                         double    my,
                         double   *vx,
                         double   *vy)
{
  g_return_if_fail (SY_IS_CANVAS (self));

  *vx = self->pan_x + mx * self->zoom;
  *vy = self->pan_y + my * self->zoom;
}

static void
place_view (SyCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (self->view_placed || width <= 0)
    return;

  /* The trigger centred at the top. */
  self->pan_x = width / 2.0;
  self->pan_y = MARGIN;
  self->view_placed = TRUE;
}

/* Zoom and pan so the whole workflow shows in `width` × `height`. */
static gboolean
fit_view (SyCanvas *self,
          int       width,
          int       height)
{
  double zoom;

  if (width <= 0 || height <= 0 || self->bounds.size.width <= 0)
    return FALSE;

  zoom = MIN ((width - 2 * MARGIN) / self->bounds.size.width, (height - 2 * MARGIN) / self->bounds.size.height);
  zoom = CLAMP (MIN (zoom, 1.0), ZOOM_MIN, ZOOM_MAX);
  self->zoom = zoom;
  self->pan_x = width / 2.0 - (self->bounds.origin.x + self->bounds.size.width / 2) * zoom;
  self->pan_y = MAX (MARGIN, height / 2.0 - (self->bounds.origin.y + self->bounds.size.height / 2) * zoom);
  self->view_placed = TRUE;
  self->keep_fitted = TRUE;
  self->fitted_width = width;
  self->fitted_height = height;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  return TRUE;
}

static void
zoom_about (SyCanvas *self,
            double    zoom,
            double    vx,
            double    vy)
{
  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (zoom == self->zoom)
    return;

  /* Keep the model point under (vx, vy) where it is. */
  self->keep_fitted = FALSE;
  self->pan_x = vx - (vx - self->pan_x) * (zoom / self->zoom);
  self->pan_y = vy - (vy - self->pan_y) * (zoom / self->zoom);
  self->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
pan_by (SyCanvas *self,
        double    dx,
        double    dy)
{
  self->keep_fitted = FALSE;
  self->pan_x += dx;
  self->pan_y += dy;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Pans so the model rectangle lies in the view, MARGIN inside its edges. */
static void
scroll_to_rect (SyCanvas *self,
                double    mx0,
                double    my0,
                double    mx1,
                double    my1)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double x0, y0, x1, y1;

  if (width <= 0 || height <= 0)
    return;

  sy_canvas_model_to_view (self, mx0, my0, &x0, &y0);
  sy_canvas_model_to_view (self, mx1, my1, &x1, &y1);
  if (x0 < MARGIN)
    pan_by (self, MARGIN - x0, 0);
  else if (x1 > width - MARGIN)
    pan_by (self, width - MARGIN - x1, 0);
  if (y0 < MARGIN)
    pan_by (self, 0, MARGIN - y0);
  else if (y1 > height - MARGIN)
    pan_by (self, 0, height - MARGIN - y1);
}

static void
scroll_to_item (SyCanvas *self,
                Item     *item)
{
  item_place (self, item);
  scroll_to_rect (self, item->x, item->y, item->x + CARD_W, item->y + item->card_h);
}

/* Theme colours for the drawn parts; named colours so the theme decides. */
static GdkRGBA
theme_color (GtkWidget  *widget,
             const char *name,
             const char *fallback)
{
  GdkRGBA color;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &color))
    gdk_rgba_parse (&color, fallback);
G_GNUC_END_IGNORE_DEPRECATIONS

  return color;
}

/* The card colour is translucent in dark styles: flatten it over the view
 * background so drawn pills and "+" buttons are opaque like the cards. */
static GdkRGBA
opaque_card_color (GtkWidget *widget)
{
  GdkRGBA card = theme_color (widget, "card_bg_color", "#ffffff");
  GdkRGBA view = theme_color (widget, "view_bg_color", "#ffffff");
  GdkRGBA out;

  out.red = card.red * card.alpha + view.red * (1 - card.alpha);
  out.green = card.green * card.alpha + view.green * (1 - card.alpha);
  out.blue = card.blue * card.alpha + view.blue * (1 - card.alpha);
  out.alpha = 1;
  return out;
}

/* Rendering ---------------------------------------------------------------- */

static void
draw_edge (cairo_t    *cr,
           const Edge *edge)
{
  cairo_move_to (cr, edge->x[0], edge->y[0]);
  for (int i = 1; i < edge->n; i++)
    {
      /* Round each corner of the orthogonal path. */
      if (i + 1 < edge->n)
        {
          double dx0 = edge->x[i] - edge->x[i - 1], dy0 = edge->y[i] - edge->y[i - 1];
          double dx1 = edge->x[i + 1] - edge->x[i], dy1 = edge->y[i + 1] - edge->y[i];
          double l0 = hypot (dx0, dy0), l1 = hypot (dx1, dy1);
          double r = MIN (CORNER_R, MIN (l0, l1) / 2);

          if (l0 > 0.01 && l1 > 0.01 && fabs (dx0 * dy1 - dy0 * dx1) > 0.01)
            {
              cairo_line_to (cr, edge->x[i] - dx0 / l0 * r, edge->y[i] - dy0 / l0 * r);
              cairo_curve_to (cr, edge->x[i], edge->y[i], edge->x[i], edge->y[i],
                              edge->x[i] + dx1 / l1 * r, edge->y[i] + dy1 / l1 * r);
              continue;
            }
        }
      cairo_line_to (cr, edge->x[i], edge->y[i]);
    }
  cairo_stroke (cr);
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
draw_point (SyCanvas      *self,
            cairo_t       *cr,
            const Point   *point,
            gboolean       hot,
            gboolean       drop,
            const GdkRGBA *accent,
            const GdkRGBA *accent_fg,
            const GdkRGBA *card,
            const GdkRGBA *line)
{
  double r = drop ? PLUS_R + 4 : PLUS_R;

  /* Text drawing leaves a current point; arcs would join it with a line. */
  cairo_new_path (cr);
  if (drop)
    {
      set_source (cr, accent, 0.25);
      cairo_arc (cr, point->x, point->y, r + 8, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  cairo_arc (cr, point->x, point->y, r, 0, 2 * G_PI);
  set_source (cr, hot || drop ? accent : card, 1);
  cairo_fill_preserve (cr);
  set_source (cr, hot || drop ? accent : line, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  set_source (cr, hot || drop ? accent_fg : accent, 1);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, point->x - r / 2.2, point->y);
  cairo_line_to (cr, point->x + r / 2.2, point->y);
  cairo_move_to (cr, point->x, point->y - r / 2.2);
  cairo_line_to (cr, point->x, point->y + r / 2.2);
  cairo_stroke (cr);
}

static void
draw_label (SyCanvas      *self,
            cairo_t       *cr,
            PangoLayout   *layout,
            const Label   *label,
            const GdkRGBA *card,
            const GdkRGBA *line,
            const GdkRGBA *fg)
{
  int tw, th;
  double w, h;

  pango_layout_set_text (layout, label->text, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  w = tw + 20;
  h = th + 8;

  cairo_new_path (cr);
  if (label->terminal)
    {
      cairo_arc (cr, label->x, label->y - END_R + 1, END_R - 1, 0, 2 * G_PI);
      set_source (cr, line, 1);
      cairo_fill (cr);
      set_source (cr, fg, 0.6);
      cairo_move_to (cr, label->x - tw / 2.0, label->y + END_R);
      pango_cairo_show_layout (cr, layout);
      cairo_new_path (cr);
      return;
    }

  /* A pill: rounded rectangle with fully round ends. */
  cairo_new_sub_path (cr);
  cairo_arc (cr, label->x + w / 2 - h / 2, label->y, h / 2, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, label->x - w / 2 + h / 2, label->y, h / 2, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
  set_source (cr, card, 1);
  cairo_fill_preserve (cr);
  set_source (cr, line, 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  set_source (cr, fg, 0.8);
  cairo_move_to (cr, label->x - tw / 2.0, label->y - th / 2.0);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

static gboolean
points_shown (SyCanvas *self)
{
  /* Zoomed far out, "+" buttons would be specks: show them only when usable. */
  return self->zoom >= ZOOM_DRAWN || self->drop_point >= 0;
}

static void
append_doubles (GByteArray *bytes,
                guint       n,
                ...)
{
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      double value = va_arg (args, double);

      g_byte_array_append (bytes, (const guint8 *) &value, sizeof value);
    }
  va_end (args);
}

/* What the edges node shows, as bytes: equal bytes, equal picture. */
static void
describe_edges (SyCanvas              *self,
                const graphene_rect_t *view,
                GByteArray            *key)
{
  g_byte_array_set_size (key, 0);
  append_doubles (key, 5, self->pan_x, self->pan_y, self->zoom, (double) gtk_widget_get_width (GTK_WIDGET (self)),
                  (double) gtk_widget_get_height (GTK_WIDGET (self)));

  for (guint i = 0; i < self->scene.edges->len; i++)
    {
      const Edge *edge = &g_array_index (self->scene.edges, Edge, i);

      if (!graphene_rect_intersection (&edge->bounds, view, NULL))
        continue;
      for (int k = 0; k < edge->n; k++)
        append_doubles (key, 2, edge->x[k], edge->y[k]);
      append_doubles (key, 1, -1.0);
    }

  for (guint i = 0; i < self->scene.labels->len; i++)
    {
      const Label *label = &g_array_index (self->scene.labels, Label, i);

      if (!rect_visible (view, label->x - 100, label->y - 20, 200, 40))
        continue;
      append_doubles (key, 3, label->x, label->y, (double) label->terminal);
      g_byte_array_append (key, (const guint8 *) label->text, strlen (label->text) + 1);
    }

  for (guint i = 0; i < self->scene.points->len && points_shown (self); i++)
    {
      const Point *point = &g_array_index (self->scene.points, Point, i);

      if (rect_visible (view, point->x - 30, point->y - 30, 60, 60))
        append_doubles (key, 3, point->x, point->y,
                        (double) (((int) i == self->hover_point) | (((int) i == self->drop_point) << 1)));
    }
}

static GskRenderNode *
draw_edges (SyCanvas              *self,
            const graphene_rect_t *view)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GdkRGBA fg = theme_color (widget, "window_fg_color", "#2e3436");
  GdkRGBA accent = theme_color (widget, "accent_bg_color", "#3584e4");
  GdkRGBA accent_fg = theme_color (widget, "accent_fg_color", "#ffffff");
  GdkRGBA card = opaque_card_color (widget);
  GdkRGBA line = fg;
  g_autoptr(PangoLayout) layout = NULL;
  PangoAttrList *attrs;
  cairo_t *cr;

  line.alpha *= 0.3;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                                 gtk_widget_get_height (widget)));
  cairo_translate (cr, self->pan_x, self->pan_y);
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  set_source (cr, &line, 1);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < self->scene.edges->len; i++)
    {
      const Edge *edge = &g_array_index (self->scene.edges, Edge, i);

      if (graphene_rect_intersection (&edge->bounds, view, NULL))
        draw_edge (cr, edge);
    }

  layout = gtk_widget_create_pango_layout (widget, NULL);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  for (guint i = 0; i < self->scene.labels->len; i++)
    {
      const Label *label = &g_array_index (self->scene.labels, Label, i);

      if (rect_visible (view, label->x - 100, label->y - 20, 200, 40))
        draw_label (self, cr, layout, label, &card, &line, &fg);
    }

  for (guint i = 0; i < self->scene.points->len && points_shown (self); i++)
    {
      const Point *point = &g_array_index (self->scene.points, Point, i);

      if (rect_visible (view, point->x - 30, point->y - 30, 60, 60))
        draw_point (self, cr, point, (int) i == self->hover_point, (int) i == self->drop_point,
                    &accent, &accent_fg, &card, &line);
    }

  cairo_destroy (cr);
  return gtk_snapshot_free_to_node (snapshot);
}

/* Edges, labels and "+" points in one cairo node, kept while what it shows
 * is the same: GTK then finds nothing to repaint there (an edit far away,
 * a card changing) instead of the whole view. */
static void
snapshot_edges (SyCanvas              *self,
                GtkSnapshot           *snapshot,
                const graphene_rect_t *view)
{
  g_autoptr(GByteArray) key = g_byte_array_new ();

  describe_edges (self, view, key);
  if (self->edges_node == NULL || self->edges_key == NULL || key->len != self->edges_key->len
      || memcmp (key->data, self->edges_key->data, key->len) != 0)
    {
      g_clear_pointer (&self->edges_node, gsk_render_node_unref);
      self->edges_node = draw_edges (self, view);
      g_clear_pointer (&self->edges_key, g_byte_array_unref);
      self->edges_key = g_steal_pointer (&key);
    }

  if (self->edges_node != NULL)
    gtk_snapshot_append_node (snapshot, self->edges_node);
}

/* The zoomed-out stand-in of a card: tinted rounded rectangle and title. */
static GskRenderNode *
build_drawn_card (SyCanvas *self,
                  Item     *item)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  const char *category = "trigger";
  g_autofree char *tint_name = NULL;
  GdkRGBA card = opaque_card_color (widget);
  GdkRGBA fg = theme_color (widget, "window_fg_color", "#2e3436");
  GdkRGBA tint, border;
  GskRoundedRect outline;
  g_autoptr(PangoLayout) layout = NULL;
  const char *title = NULL;
  float widths[4] = { 1, 1, 1, 1 };
  GdkRGBA borders[4];

  if (item->node != NULL)
    {
      const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (item->node));

      category = kind != NULL ? kind->category : "unknown";
      title = sy_node_display_title (item->node);
    }
  else
    title = sy_workflow_get_trigger_title (sy_workflow_document_get_workflow (self->document));
  if (title == NULL)
    title = _("Trigger");

  tint_name = g_strdup_printf ("sy_tint_%s", category);
  tint = theme_color (widget, tint_name, "#9a9996");
  border = fg;
  border.alpha = 0.15;
  for (int i = 0; i < 4; i++)
    borders[i] = border;

  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, CARD_W, item->card_h), 12);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &card, &outline.bounds);
  gtk_snapshot_append_color (snapshot, &tint, &GRAPHENE_RECT_INIT (0, 0, 8, item->card_h));
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &outline, widths, borders);

  /* Large text: it is only drawn when zoomed out below ZOOM_DRAWN. */
  layout = gtk_widget_create_pango_layout (widget, title);
  {
    PangoAttrList *attrs = pango_attr_list_new ();

    pango_attr_list_insert (attrs, pango_attr_scale_new (1.6));
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
  }
  pango_layout_set_width (layout, (CARD_W - 32) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (20, (item->card_h - 24) / 2));
  gtk_snapshot_append_layout (snapshot, layout, &fg);

  return gtk_snapshot_free_to_node (snapshot);
}

static gboolean
drawn_mode (SyCanvas *self)
{
  return self->zoom < ZOOM_DRAWN;
}

static void
snapshot_item (SyCanvas              *self,
               GtkSnapshot           *snapshot,
               Item                  *item,
               const graphene_rect_t *view,
               gboolean               drawn)
{
  if (!rect_visible (view, item->x, item->y, CARD_W, item->card_h))
    return;

  if (!drawn)
    {
      if (item->card != NULL)
        gtk_widget_snapshot_child (GTK_WIDGET (self), item->card, snapshot);
      return;
    }

  if (item->drawn == NULL)
    item->drawn = build_drawn_card (self, item);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (item->x, item->y));
  gtk_snapshot_append_node (snapshot, item->drawn);
  gtk_snapshot_restore (snapshot);
}

static void
sy_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  SyCanvas *self = SY_CANVAS (widget);
  graphene_rect_t view;
  gboolean drawn = drawn_mode (self);

  if (self->document == NULL || self->trigger == NULL)
    return;

  ensure_scene (self);
  view = view_area (self, 0);
  snapshot_edges (self, snapshot, &view);

  if (drawn)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->pan_x, self->pan_y));
      gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
    }
  for (guint i = 0; i < self->scene.items->len; i++)
    snapshot_item (self, snapshot, g_ptr_array_index (self->scene.items, i), &view, drawn);
  if (drawn)
    gtk_snapshot_restore (snapshot);

  if (self->insert_popover != NULL && gtk_widget_get_visible (self->insert_popover))
    gtk_widget_snapshot_child (widget, self->insert_popover, snapshot);
  if (self->context_menu != NULL && gtk_widget_get_visible (self->context_menu))
    gtk_widget_snapshot_child (widget, self->context_menu, snapshot);
}

static void
allocate_card (SyCanvas *self,
               Item     *item)
{
  GskTransform *transform = NULL;

  item_place (self, item);
  transform = gsk_transform_translate (transform, &GRAPHENE_POINT_INIT (self->pan_x, self->pan_y));
  transform = gsk_transform_scale (transform, self->zoom, self->zoom);
  transform = gsk_transform_translate (transform, &GRAPHENE_POINT_INIT (item->x, item->y));
  gtk_widget_allocate (item->card, (int) CARD_W, (int) item->card_h, -1, transform);
}

/* Only the scene's cards exist (and a focused one anywhere): panning
 * allocates what is near the view, whatever the graph's size. */
static void
sy_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  SyCanvas *self = SY_CANVAS (widget);

  /* A fitted view the person has not moved stays fitted when the canvas
   * changes size (a window made narrow, a pane moving under it). */
  if (self->keep_fitted && (width != self->fitted_width || height != self->fitted_height))
    {
      sy_canvas_ensure_layout (self);
      fit_view (self, width, height);
    }
  place_view (self);
  if (self->document != NULL && self->trigger != NULL)
    {
      ensure_scene (self);
      ensure_order (self);
      allocate_card (self, self->trigger);
      for (guint i = 0; i < self->bound->len; i++)
        allocate_card (self, g_ptr_array_index (self->bound, i));
    }

  if (self->insert_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->insert_popover));
  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

static void
sy_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  /* The canvas scrolls and zooms: it needs little and asks for a comfortable view. */
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

/* Selection and navigation ------------------------------------------------- */

static void
set_highlight (SyCanvas *self,
               SyNode   *node,
               gboolean  selected)
{
  Item *item = lookup_item (self, node);

  if (item == NULL)
    return;
  item->selected = selected;
  if (item->card != NULL)
    sy_node_card_set_selected (SY_NODE_CARD (item->card), selected);
}

/* The canvas holds the selected node itself: renaming it, or undoing
 * around it, keeps the selection; only its removal clears it. */
static void
set_selection (SyCanvas *self,
               SyNode   *node,
               guint     count,
               gboolean  focus)
{
  gboolean changed = node != self->selected || (node != NULL ? MAX (count, 1) : 0) != self->selected_count;

  /* Clear the old highlight, including a shift-selected run. */
  for (guint i = 0; i < self->highlighted->len; i++)
    set_highlight (self, g_ptr_array_index (self->highlighted, i), FALSE);
  g_ptr_array_set_size (self->highlighted, 0);

  g_set_object (&self->selected, node);
  self->selected_count = node != NULL ? MAX (count, 1) : 0;

  if (node != NULL)
    {
      guint i = 0;

      for (SyNode *n = node; n != NULL && i < self->selected_count; n = sy_node_get_next (n), i++)
        {
          set_highlight (self, n, TRUE);
          g_ptr_array_add (self->highlighted, g_object_ref (n));
        }
      if (focus)
        {
          Item *item = ensure_item (self, node);

          scroll_to_item (self, item);
          gtk_widget_grab_focus (bind_card (self, item));
        }
    }

  if (changed)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_NODE]);
      g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
    }
}

SyNode *
sy_canvas_get_selected_node (SyCanvas *self)
{
  g_return_val_if_fail (SY_IS_CANVAS (self), NULL);

  return self->selected;
}

guint
sy_canvas_get_selected_count (SyCanvas *self)
{
  g_return_val_if_fail (SY_IS_CANVAS (self), 0);

  return self->selected_count;
}

void
sy_canvas_select_node (SyCanvas *self,
                       SyNode   *node)
{
  g_return_if_fail (SY_IS_CANVAS (self));
  g_return_if_fail (node == NULL || SY_IS_NODE (node));

  if (node != NULL && !is_attached (self, node))
    node = NULL;
  set_selection (self, node, 1, node != NULL);
}

/* Shift-click: extend to a run of one chain from the anchor. */
static void
extend_selection (SyCanvas *self,
                  SyNode   *node)
{
  SyNode *anchor = sy_canvas_get_selected_node (self);
  GPtrArray *chain = anchor != NULL ? sy_node_get_chain (anchor) : NULL;
  guint a = 0, b = 0;

  if (chain == NULL || chain != sy_node_get_chain (node) || !g_ptr_array_find (chain, anchor, &a)
      || !g_ptr_array_find (chain, node, &b))
    {
      set_selection (self, node, 1, TRUE);
      return;
    }

  set_selection (self, g_ptr_array_index (chain, MIN (a, b)), MAX (a, b) - MIN (a, b) + 1, FALSE);
}

/* Keyboard moves: the card of `item` (the trigger's too) is made when it
 * has none, brought into view and focused, so a screen reader announces
 * it. The zoomed-out drawn level shows no cards: the view zooms in first. */
static void
focus_item (SyCanvas *self,
            Item     *item)
{
  if (drawn_mode (self))
    {
      double vx, vy;

      item_place (self, item);
      sy_canvas_model_to_view (self, item->x + CARD_W / 2, item->y + item->card_h / 2, &vx, &vy);
      zoom_about (self, 1.0, vx, vy);
    }

  if (item == self->trigger)
    {
      set_selection (self, NULL, 0, FALSE);
      scroll_to_item (self, item);
      gtk_widget_grab_focus (item->card);
    }
  else
    set_selection (self, item->node, 1, TRUE);
}

/* Where the keyboard stands: the selected node's item, else the trigger's. */
static Item *
current_item (SyCanvas *self)
{
  SyNode *node = sy_canvas_get_selected_node (self);

  return node != NULL ? ensure_item (self, node) : self->trigger;
}

/* Up and down in reading order (the trigger comes first). */
static Item *
navigate_order (SyCanvas *self,
                Item     *from,
                int       step)
{
  int index = from == self->trigger ? -1 : (int) from->index;

  ensure_order (self);
  index += step;
  if (index == -1)
    return self->trigger;
  if (index < -1 || index >= (int) self->order->len)
    return NULL;
  return g_ptr_array_index (self->order, index);
}

/* Left/right: the head of the neighbouring non-empty branch, of the
 * innermost branching node around `node` that has one on that side. */
static SyNode *
navigate_sideways (SyCanvas *self,
                   SyNode   *node,
                   int       direction)
{
  for (SyNode *n = node; n != NULL && sy_node_get_parent (n) != NULL; n = sy_node_get_parent (n))
    {
      Item *parent = lookup_item (self, sy_node_get_parent (n));
      const char *branch = sy_node_get_parent_branch (n);
      int index = -1;

      for (guint i = 0; i < parent->columns->len; i++)
        if (g_strcmp0 (g_array_index (parent->columns, Column, i).name, branch) == 0)
          index = i;

      for (int i = index + direction; index >= 0 && i >= 0 && i < (int) parent->columns->len; i += direction)
        {
          SyNode *head = sy_node_get_branch_head (parent->node, g_array_index (parent->columns, Column, i).name);

          if (head != NULL)
            return head;
        }
    }

  return NULL;
}

/* Alt+Down: past the branches, the next node of the chain; at the end
 * of a branch, what follows its branching node. */
static SyNode *
navigate_past (SyNode *node)
{
  for (SyNode *n = node; n != NULL; n = sy_node_get_parent (n))
    if (sy_node_get_next (n) != NULL)
      return sy_node_get_next (n);

  return NULL;
}

/* Moves the keyboard selection; `move` is one of "up", "down", "left",
 * "right", "home", "end", "parent", "past". FALSE when there is nowhere
 * to go that way. */
static gboolean
navigate (SyCanvas   *self,
          const char *move)
{
  Item *from = current_item (self);
  SyNode *node = from->node;
  Item *target = NULL;
  SyNode *target_node = NULL;

  sy_canvas_ensure_layout (self);
  ensure_order (self);

  if (g_str_equal (move, "down"))
    target = navigate_order (self, from, 1);
  else if (g_str_equal (move, "up"))
    target = navigate_order (self, from, -1);
  else if (g_str_equal (move, "home"))
    target = self->trigger;
  else if (g_str_equal (move, "end"))
    target = self->order->len > 0 ? g_ptr_array_index (self->order, self->order->len - 1) : self->trigger;
  else if (g_str_equal (move, "parent"))
    target_node = node != NULL ? sy_node_get_parent (node) : NULL;
  else if (g_str_equal (move, "past"))
    target_node = node != NULL ? navigate_past (node) : sy_workflow_get_head (get_workflow (self));
  else if (g_str_equal (move, "left") || g_str_equal (move, "right"))
    target_node = navigate_sideways (self, node, g_str_equal (move, "left") ? -1 : 1);

  if (target_node != NULL)
    target = ensure_item (self, target_node);
  if (target == NULL)
    return FALSE;

  focus_item (self, target);
  return TRUE;
}

/* Tab enters the canvas at the selected node (or the trigger), goes on to
 * the buttons on its card, then leaves: the arrow keys move between cards,
 * so a long workflow is no long row of Tab stops. */
static gboolean
sy_canvas_focus (GtkWidget        *widget,
                 GtkDirectionType  direction)
{
  SyCanvas *self = SY_CANVAS (widget);
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);

  if (self->document == NULL || self->trigger == NULL)
    return FALSE;
  if (focus_child != NULL)
    return gtk_widget_child_focus (focus_child, direction);
  if (gtk_widget_has_focus (widget) && direction != GTK_DIR_TAB_FORWARD)
    return FALSE;

  sy_canvas_ensure_layout (self);
  focus_item (self, current_item (self));
  return TRUE;
}

/* Document ----------------------------------------------------------------- */

/* A node's own content changed: its card is re-read and re-measured; its
 * ancestors' blocks follow (a height or a branch label may have changed). */
static void
node_changed (SyCanvas *self,
              Item     *item)
{
  if (item->card != NULL)
    sy_node_card_update (SY_NODE_CARD (item->card));
  g_clear_pointer (&item->drawn, gsk_render_node_unref);
  item->measure_dirty = TRUE;
  item->block_dirty = TRUE;
  invalidate_upwards (self, item);
}

/* Updates exactly what the edit touched: the changed chains' blocks and
 * their ancestors, the changed nodes' cards; removed subtrees are forgotten. */
static void
on_document_edited (SyWorkflowDocument *document,
                    SyDocumentEdit     *edit,
                    SyCanvas           *self)
{
  if (self->trigger == NULL)
    return;

  for (guint i = 0; i < edit->removed->len; i++)
    {
      SyNode *node = g_ptr_array_index (edit->removed, i);

      if (!is_attached (self, node))
        forget_subtree (self, node);
    }

  for (guint i = 0; i < edit->chains->len; i++)
    {
      SyNode *owner = g_ptr_array_index (edit->chains, i);

      Item *item;

      if (owner == NULL)
        {
          self->layout_dirty = TRUE;
          continue;
        }
      if (!is_attached (self, owner))
        continue;
      item = ensure_item (self, owner);
      invalidate_upwards (self, item);
      /* Its card offers to remove the branches it has. */
      if (item->card != NULL)
        sy_node_card_update (SY_NODE_CARD (item->card));
    }
  if (edit->chains->len > 0)
    self->order_dirty = TRUE;

  for (guint i = 0; i < edit->nodes->len; i++)
    {
      SyNode *node = g_ptr_array_index (edit->nodes, i);

      if (is_attached (self, node))
        node_changed (self, ensure_item (self, node));
    }

  if (edit->trigger || edit->workflow)
    {
      update_accessible (self);
      node_changed (self, self->trigger);
      self->layout_dirty = TRUE;
    }

  /* The selection may be gone (deleted, or undone); a run may have shrunk. */
  if (self->selected != NULL && !is_attached (self, self->selected))
    set_selection (self, NULL, 0, FALSE);
  else if (self->selected != NULL && edit->chains->len > 0)
    set_selection (self, self->selected, self->selected_count, FALSE);

  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_document_changed (SyWorkflowDocument *document,
                     SyDocumentChange    change,
                     SyNode             *node,
                     SyCanvas           *self)
{
  /* Edits arrive through "edited"; ALL means another workflow. */
  if (change == SY_DOCUMENT_CHANGE_ALL)
    sy_canvas_rebuild (self);
}

static void
on_problems_changed (SyWorkflowDocument *document,
                     SyCanvas           *self)
{
  /* Cards out of the scene read their problems when bound. */
  sy_node_card_update (SY_NODE_CARD (self->trigger->card));
  for (guint i = 0; i < self->bound->len; i++)
    sy_node_card_update (SY_NODE_CARD (((Item *) g_ptr_array_index (self->bound, i))->card));
}

/* The canvas's own name and how to use it, for a screen reader. */
static void
update_accessible (SyCanvas *self)
{
  gboolean writable = self->document != NULL && !sy_workflow_document_get_read_only (self->document);
  const char *title = self->document != NULL ? sy_workflow_get_title (get_workflow (self)) : NULL;
  g_autofree char *label = title != NULL && title[0] != '\0' ? g_strdup_printf (_("Workflow “%s”"), title)
                                                             : g_strdup (_("Workflow"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_READ_ONLY, !writable,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  writable ? _("Arrow keys move between nodes, Home and End go to the first and "
                                               "last. Enter edits the node, Delete removes it, Insert adds one "
                                               "after it, the Menu key shows its actions.")
                                           : _("Arrow keys move between nodes, Home and End go to the first and "
                                               "last. Enter shows the node."),
                                  -1);
}

static void
on_read_only_changed (SyCanvas *self)
{
  gboolean writable = self->document != NULL && !sy_workflow_document_get_read_only (self->document);
  const char * const edits[] = { "canvas.delete", "canvas.cut", "canvas.paste", "canvas.insert",
                                 "canvas.add-branch", "canvas.remove-branch", "canvas.delete-node",
                                 "canvas.open-insert-menu", "canvas.add-to-branch", NULL };

  for (guint i = 0; edits[i] != NULL; i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), edits[i], writable);
  update_accessible (self);
  if (writable != self->editable)
    {
      /* The "+" points come and go with the scene; branch bars change the
       * cards' heights. */
      self->editable = writable;
      self->drop_point = -1;
      if (self->trigger != NULL)
        on_problems_changed (self->document, self);
      if (self->measurer != NULL)
        sy_node_card_update (SY_NODE_CARD (self->measurer));
      invalidate_heights (self);
    }
  if (self->document != NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.undo",
                                     sy_workflow_document_can_undo (self->document));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.redo",
                                     sy_workflow_document_can_redo (self->document));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sy_canvas_rebuild (SyCanvas *self)
{
  while (self->bound->len > 0)
    unbind_card (self, g_ptr_array_index (self->bound, 0));
  g_ptr_array_foreach (self->spare, (GFunc) gtk_widget_unparent, NULL);
  g_ptr_array_set_size (self->spare, 0);
  g_clear_pointer (&self->measurer, gtk_widget_unparent);
  g_hash_table_remove_all (self->items);
  g_ptr_array_set_size (self->order, 0);
  g_ptr_array_set_size (self->highlighted, 0);
  g_clear_object (&self->selected);
  self->selected_count = 0;
  g_clear_pointer (&self->trigger, item_free);
  scene_clear (&self->scene);
  memset (self->shape_h, 0, sizeof self->shape_h);

  if (self->document != NULL)
    {
      self->trigger = item_new (NULL);
      self->trigger->card = sy_node_card_new (self->document, NULL);
      gtk_widget_set_parent (self->trigger->card, GTK_WIDGET (self));
    }

  self->order_dirty = TRUE;
  self->layout_dirty = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Editing ------------------------------------------------------------------ */

static void
report_error (SyCanvas *self,
              GError   *error)
{
  /* The window shows toasts; a canvas alone can only log. */
  g_message ("%s", error->message);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static SyNode *
insert_at (SyCanvas    *self,
           SyNode      *parent,
           const char  *branch,
           guint        position,
           const char  *type)
{
  g_autoptr(GError) error = NULL;
  /* A scene's branch name goes with the next walk, which the edit causes. */
  g_autofree char *branch_copy = g_strdup (branch);
  SyNode *node;

  node = sy_workflow_document_insert_node (self->document, parent, branch_copy, position, type, &error);
  if (node == NULL)
    report_error (self, error);
  else
    set_selection (self, node, 1, TRUE);

  return node;
}

SyNode *
sy_canvas_insert_after_selection (SyCanvas   *self,
                                  const char *type,
                                  GError    **error)
{
  SyNode *selected;
  SyNode *parent = NULL;
  const char *branch = NULL;
  guint position;
  SyNode *node;

  g_return_val_if_fail (SY_IS_CANVAS (self), NULL);
  g_return_val_if_fail (self->document != NULL, NULL);

  selected = sy_canvas_get_selected_node (self);
  if (selected != NULL)
    {
      g_ptr_array_find (sy_node_get_chain (selected), selected, &position);
      position += self->selected_count;
      parent = sy_node_get_parent (selected);
      branch = sy_node_get_parent_branch (selected);
    }
  else
    position = sy_workflow_get_nodes (sy_workflow_document_get_workflow (self->document))->len;

  node = sy_workflow_document_insert_node (self->document, parent, branch, position, type, error);
  if (node != NULL)
    set_selection (self, node, 1, TRUE);

  return node;
}

static int
nearest_point (SyCanvas *self,
               double    vx,
               double    vy,
               double    reach)
{
  double mx, my, best = G_MAXDOUBLE;
  int found = -1;

  /* The scene reaches SCENE_MARGIN beyond the view: any point within
   * reach of the pointer is in it. */
  ensure_scene (self);
  view_to_model (self, vx, vy, &mx, &my);
  for (guint i = 0; i < self->scene.points->len; i++)
    {
      const Point *point = &g_array_index (self->scene.points, Point, i);
      double d = hypot (point->x - mx, point->y - my) * self->zoom;

      if (d < best)
        best = d, found = i;
    }

  return best <= reach ? found : -1;
}

int
sy_canvas_pick_insert_point (SyCanvas *self,
                             double    x,
                             double    y)
{
  int point;

  g_return_val_if_fail (SY_IS_CANVAS (self), -1);

  point = nearest_point (self, x, y, DROP_REACH);
  if (point != self->drop_point)
    {
      self->drop_point = point;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  return point;
}

SyNode *
sy_canvas_drop_type_at (SyCanvas   *self,
                        const char *type,
                        double      x,
                        double      y)
{
  const Point *point;
  int index;

  g_return_val_if_fail (SY_IS_CANVAS (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  index = self->document != NULL ? nearest_point (self, x, y, DROP_REACH) : -1;
  self->drop_point = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (index < 0)
    return NULL;

  point = &g_array_index (self->scene.points, Point, index);
  return insert_at (self, point->parent, point->branch, point->position, type);
}

gboolean
sy_canvas_drop_node_at (SyCanvas   *self,
                        const char *key,
                        double      x,
                        double      y)
{
  g_autoptr(GError) error = NULL;
  Item *item;
  guint count = 1;
  int index;
  Point point;
  g_autofree char *branch = NULL;

  g_return_val_if_fail (SY_IS_CANVAS (self), FALSE);

  item = find_item_by_key (self, key);
  index = self->document != NULL ? nearest_point (self, x, y, DROP_REACH) : -1;
  self->drop_point = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (item == NULL || item->node == NULL || index < 0)
    return FALSE;

  /* Dragging the first node of a shift-selected run moves the run. */
  if (self->selected == item->node)
    count = self->selected_count;

  /* The scene's branch name goes with the next walk, which the move causes. */
  point = g_array_index (self->scene.points, Point, index);
  branch = g_strdup (point.branch);
  if (!sy_workflow_document_move_nodes (self->document, item->node, count, point.parent, branch,
                                        point.position, &error))
    {
      report_error (self, error);
      return FALSE;
    }

  return TRUE;
}

static void
delete_node (SyCanvas   *self,
             SyNode     *node,
             const char *keep)
{
  g_autoptr(GError) error = NULL;
  SyNode *next = sy_node_get_next (node);
  SyNode *after = next != NULL ? next : (sy_node_get_previous (node) != NULL ? sy_node_get_previous (node)
                                                                            : sy_node_get_parent (node));
  g_autoptr(SyNode) hold = NULL;

  if (keep != NULL)
    after = sy_node_get_branch_head (node, keep) != NULL ? sy_node_get_branch_head (node, keep) : after;
  hold = after != NULL ? g_object_ref (after) : NULL;

  if (!sy_workflow_document_delete_node (self->document, node, keep, &error))
    {
      report_error (self, error);
      return;
    }

  /* Keep the keyboard user where they were. */
  if (hold != NULL && is_attached (self, hold))
    set_selection (self, hold, 1, TRUE);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    SyCanvas         *self)
{
  SyNode *node = g_object_get_data (G_OBJECT (dialog), "node");

  if (node == NULL || !is_attached (self, node) || g_str_equal (response, "cancel"))
    return;

  if (g_str_equal (response, "all"))
    delete_node (self, node, NULL);
  else if (g_str_has_prefix (response, "keep:"))
    delete_node (self, node, response + strlen ("keep:"));
}

/* A branching node with non-empty branches: ask what to keep. */
static void
ask_delete (SyCanvas *self,
            Item     *item)
{
  const char *title = sy_node_display_title (item->node);
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete “%s”?"), title);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("Its branches hold nodes. Keep one branch in its place, or delete them all."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  for (guint i = 0; i < item->columns->len; i++)
    {
      const Column *column = &g_array_index (item->columns, Column, i);
      g_autofree char *id = NULL;
      g_autofree char *label = NULL;
      GPtrArray *chain = sy_node_get_branch (item->node, column->name);

      if (chain == NULL || chain->len == 0)
        continue;
      id = g_strconcat ("keep:", column->name, NULL);
      label = g_strdup_printf (_("Keep “%s”"), column->label);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), id, label);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "all", _("_Delete All"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "all", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "node", g_object_ref (item->node), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
has_filled_branch (SyNode *node)
{
  for (guint i = 0; i < sy_node_get_n_branches (node); i++)
    {
      GPtrArray *chain = sy_node_get_branch (node, sy_node_get_branch_name (node, i));

      if (chain != NULL && chain->len > 0)
        return TRUE;
    }

  return FALSE;
}

static void
action_delete (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SyCanvas *self = SY_CANVAS (widget);
  SyNode *node = sy_canvas_get_selected_node (self);
  guint count = self->selected_count;

  if (node == NULL)
    return;

  if (count <= 1 && has_filled_branch (node))
    {
      sy_canvas_ensure_layout (self);
      ask_delete (self, lookup_item (self, node));
      return;
    }

  /* A run deletes node by node; each is its own undo step. */
  for (guint i = 1; i < count && sy_node_get_next (node) != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!sy_workflow_document_delete_node (self->document, sy_node_get_next (node), NULL, &error))
        report_error (self, error);
    }
  delete_node (self, node, NULL);
}

static void
action_delete_node (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SyCanvas *self = SY_CANVAS (widget);
  const char *key, *keep;
  Item *item;

  g_variant_get (parameter, "(&s&s)", &key, &keep);
  item = find_item_by_key (self, key);
  if (item != NULL && item->node != NULL)
    delete_node (self, item->node, *keep != '\0' ? keep : NULL);
}

static void
action_insert (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SyCanvas *self = SY_CANVAS (widget);
  const char *parent_key, *branch, *type;
  SyNode *parent = NULL;
  guint position;

  g_variant_get (parameter, "(&s&su&s)", &parent_key, &branch, &position, &type);
  if (*parent_key != '\0')
    {
      Item *item = find_item_by_key (self, parent_key);

      if (item == NULL || item->node == NULL)
        {
          g_message (_("There is no node “%s” to insert into"), parent_key);
          return;
        }
      parent = item->node;
    }

  insert_at (self, parent, parent != NULL ? branch : NULL, position, type);
  if (self->insert_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->insert_popover));
}

static void
action_branch (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SyCanvas *self = SY_CANVAS (widget);
  g_autoptr(GError) error = NULL;
  const char *key, *branch = NULL;
  Item *item;
  gboolean ok;

  if (g_str_equal (action_name, "canvas.add-branch"))
    key = g_variant_get_string (parameter, NULL);
  else
    g_variant_get (parameter, "(&s&s)", &key, &branch);

  item = find_item_by_key (self, key);
  if (item == NULL || item->node == NULL)
    return;

  if (branch == NULL)
    ok = sy_workflow_document_add_branch (self->document, item->node, &error);
  else
    ok = sy_workflow_document_remove_branch (self->document, item->node, branch, &error);
  if (!ok)
    report_error (self, error);
}

static void
action_history (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SyCanvas *self = SY_CANVAS (widget);

  if (self->document == NULL)
    return;
  if (g_str_equal (action_name, "canvas.undo"))
    sy_workflow_document_undo (self->document);
  else
    sy_workflow_document_redo (self->document);
}

static void
action_zoom (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SyCanvas *self = SY_CANVAS (widget);
  double cx = gtk_widget_get_width (widget) / 2.0;
  double cy = gtk_widget_get_height (widget) / 2.0;

  if (g_str_equal (action_name, "canvas.zoom-in"))
    zoom_about (self, self->zoom * 1.25, cx, cy);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    zoom_about (self, self->zoom / 1.25, cx, cy);
  else if (g_str_equal (action_name, "canvas.zoom-reset"))
    zoom_about (self, 1.0, cx, cy);
  else
    sy_canvas_zoom_to_fit (self);
}

static void
action_activate_node (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SyCanvas *self = SY_CANVAS (widget);
  Item *item = find_item_by_key (self, g_variant_get_string (parameter, NULL));

  if (item != NULL)
    g_signal_emit (self, signals[SIGNAL_NODE_ACTIVATED], 0, item->node);
}

/* Clipboard ---------------------------------------------------------------- */

static void
action_copy (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SyCanvas *self = SY_CANVAS (widget);
  SyNode *node = sy_canvas_get_selected_node (self);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  GdkContentProvider *providers[2];
  char *text;

  if (node == NULL)
    return;

  json = sy_workflow_document_copy_nodes (self->document, node, self->selected_count);
  text = json_to_string (json, TRUE);
  bytes = g_bytes_new_take (text, strlen (text));
  providers[0] = gdk_content_provider_new_for_bytes (NODES_MIME, bytes);
  providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);

  if (g_str_equal (action_name, "canvas.cut"))
    {
      g_autoptr(GError) error = NULL;

      /* The branches went to the clipboard with it. */
      for (guint i = 1; i < self->selected_count && sy_node_get_next (node) != NULL; i++)
        if (!sy_workflow_document_delete_node (self->document, sy_node_get_next (node), NULL, &error))
          break;
      delete_node (self, node, NULL);
    }
}

static void
on_paste_text (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SyCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_autoptr(JsonNode) json = NULL;
  SyNode *selected, *first, *parent = NULL;
  const char *branch = NULL;
  guint position;

  if (text == NULL || self->document == NULL)
    {
      if (error != NULL)
        report_error (self, error);
      return;
    }

  json = json_from_string (text, &error);
  if (json == NULL)
    {
      g_autoptr(GError) wrapped = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                               _("The clipboard holds no workflow nodes: %s"), error->message);

      report_error (self, wrapped);
      return;
    }

  selected = sy_canvas_get_selected_node (self);
  if (selected != NULL)
    {
      g_ptr_array_find (sy_node_get_chain (selected), selected, &position);
      position += self->selected_count;
      parent = sy_node_get_parent (selected);
      branch = sy_node_get_parent_branch (selected);
    }
  else
    position = sy_workflow_get_nodes (sy_workflow_document_get_workflow (self->document))->len;

  first = sy_workflow_document_insert_json (self->document, parent, branch, position, json, &error);
  if (first == NULL)
    report_error (self, error);
  else
    set_selection (self, first, 1, TRUE);
}

static void
action_paste (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_paste_text, g_object_ref (widget));
}

/* Insert menu (the "+" popover) -------------------------------------------- */

static gboolean
filter_kinds (GtkListBoxRow *row,
              gpointer       user_data)
{
  SyCanvas *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->insert_search));
  const char *haystack = g_object_get_data (G_OBJECT (row), "haystack");
  g_autofree char *folded = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;
  folded = g_utf8_casefold (query, -1);
  return strstr (haystack, folded) != NULL;
}

static void
header_kinds (GtkListBoxRow *row,
              GtkListBoxRow *before,
              gpointer       user_data)
{
  const char *category = g_object_get_data (G_OBJECT (row), "category");
  GtkWidget *label;

  if (before != NULL && g_strcmp0 (category, g_object_get_data (G_OBJECT (before), "category")) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  label = gtk_label_new (sy_node_category_title (category));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "sy-menu-header");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_header (row, label);
}

static void
on_kind_activated (GtkListBox    *list,
                   GtkListBoxRow *row,
                   SyCanvas      *self)
{
  const char *type = g_object_get_data (G_OBJECT (row), "type");

  if (self->insert_parent != NULL && !is_attached (self, self->insert_parent))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "canvas.insert", "(ssus)",
                              self->insert_parent != NULL ? sy_node_get_key (self->insert_parent) : "",
                              self->insert_branch != NULL ? self->insert_branch : "", self->insert_position, type);
}

static void
on_search_changed (SyCanvas *self)
{
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->insert_list));
}

static void
on_search_activate (SyCanvas *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (self->insert_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      {
        on_kind_activated (GTK_LIST_BOX (self->insert_list), GTK_LIST_BOX_ROW (row), self);
        return;
      }
}

static GtkWidget *
kind_row (const SyNodeKind *kind)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new_from_icon_name (kind->icon_name);
  GtkWidget *label = gtk_label_new (_(kind->title));
  g_autofree char *css = g_strdup_printf ("category-%s", kind->category);
  g_autofree char *haystack = g_strdup_printf ("%s %s %s %s", _(kind->title), kind->type,
                                               kind->description ? _(kind->description) : "",
                                               sy_node_category_title (kind->category));

  gtk_widget_add_css_class (icon, "sy-node-icon");
  gtk_widget_add_css_class (icon, css);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (kind->description != NULL)
    gtk_widget_set_tooltip_text (row, _(kind->description));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, _(kind->title),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  kind->description != NULL ? _(kind->description) : "", -1);
  g_object_set_data_full (G_OBJECT (row), "type", g_strdup (kind->type), g_free);
  g_object_set_data (G_OBJECT (row), "category", (gpointer) kind->category);
  g_object_set_data_full (G_OBJECT (row), "haystack", g_utf8_casefold (haystack, -1), g_free);

  return row;
}

static void
ensure_insert_popover (SyCanvas *self)
{
  g_autoptr(GPtrArray) kinds = NULL;
  GtkWidget *box, *scrolled;

  if (self->insert_popover != NULL)
    return;

  self->insert_popover = gtk_popover_new ();
  gtk_widget_add_css_class (self->insert_popover, "sy-insert-menu");
  gtk_widget_set_parent (self->insert_popover, GTK_WIDGET (self));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->insert_search = gtk_search_entry_new ();
  g_object_set (self->insert_search, "placeholder-text", _("Search node types"), NULL);
  gtk_box_append (GTK_BOX (box), self->insert_search);

  self->insert_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->insert_list, "navigation-sidebar");
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->insert_list), filter_kinds, self, NULL);
  gtk_list_box_set_header_func (GTK_LIST_BOX (self->insert_list), header_kinds, NULL, NULL);
  kinds = sy_node_kind_list ();
  for (guint i = 0; i < kinds->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->insert_list), kind_row (g_ptr_array_index (kinds, i)));

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->insert_list);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (self->insert_popover), box);

  g_signal_connect_object (self->insert_list, "row-activated", G_CALLBACK (on_kind_activated), self, 0);
  g_signal_connect_object (self->insert_search, "search-changed", G_CALLBACK (on_search_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->insert_search, "activate", G_CALLBACK (on_search_activate), self,
                           G_CONNECT_SWAPPED);
}

/* What the "+" at `position` of the chain (parent, branch) does, in
 * words: its accessible name. */
static char *
describe_insert_point (SyCanvas   *self,
                       SyNode     *parent,
                       const char *branch,
                       guint       position)
{
  GPtrArray *chain = parent != NULL ? sy_node_get_branch (parent, branch) : sy_workflow_get_nodes (get_workflow (self));
  g_autofree char *label = NULL;

  if (position > 0 && chain != NULL && position <= chain->len)
    return g_strdup_printf (_("Add a node after “%s”"),
                            sy_node_display_title (g_ptr_array_index (chain, position - 1)));
  if (parent == NULL)
    return g_strdup (_("Add a node after the trigger"));

  label = sy_node_branch_title (parent, branch);
  /* Translators: "Add a node to “Yes” of “Large order?”": a branch's label, then its node */
  return g_strdup_printf (_("Add a node to “%s” of “%s”"), label, sy_node_display_title (parent));
}

/* Opens the "+" menu of the place (parent, branch, position), whose "+"
 * is at model point (x, y). */
static void
open_insert_menu (SyCanvas   *self,
                  SyNode     *parent,
                  const char *branch,
                  guint       position,
                  double      x,
                  double      y)
{
  g_autofree char *branch_copy = g_strdup (branch);
  g_autofree char *label = describe_insert_point (self, parent, branch, position);
  double vx, vy;

  ensure_insert_popover (self);
  g_set_object (&self->insert_parent, parent);
  g_free (self->insert_branch);
  self->insert_branch = g_steal_pointer (&branch_copy);
  self->insert_position = position;
  /* The search has the focus: it names the place too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->insert_popover), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->insert_search), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  scroll_to_rect (self, x - PLUS_R, y - PLUS_R, x + PLUS_R, y + PLUS_R);
  sy_canvas_model_to_view (self, x, y, &vx, &vy);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->insert_popover),
                               &(GdkRectangle) { vx - PLUS_R * self->zoom, vy - PLUS_R * self->zoom,
                                                 2 * PLUS_R * self->zoom, 2 * PLUS_R * self->zoom });
  gtk_editable_set_text (GTK_EDITABLE (self->insert_search), "");
  gtk_popover_popup (GTK_POPOVER (self->insert_popover));
  gtk_widget_grab_focus (self->insert_search);
}

static void
open_insert_menu_at_point (SyCanvas *self,
                           int       index)
{
  const Point *point = &g_array_index (self->scene.points, Point, index);

  open_insert_menu (self, point->parent, point->branch, point->position, point->x, point->y);
}

/* The keyboard's way to a "+" of the chain (parent, branch): the menu opens
 * where that "+" is, in the gap above the block at `position` (or the
 * chain's last gap). */
static void
open_insert_menu_in_chain (SyCanvas   *self,
                           SyNode     *parent,
                           const char *branch,
                           guint       position)
{
  GPtrArray *chain = parent != NULL ? sy_node_get_branch (parent, branch) : sy_workflow_get_nodes (get_workflow (self));
  double cx, top, y;

  sy_canvas_ensure_layout (self);
  chain_origin (self, parent, branch, &cx, &top);
  if (chain != NULL && position < chain->len)
    y = top + ensure_item (self, g_ptr_array_index (chain, position))->top - GAP / 2;
  else if (parent == NULL)
    y = top + self->main_h - GAP / 2;
  else
    {
      const Column *column = find_column (ensure_item (self, parent), branch);

      y = top + (column != NULL ? column->chain_h : GAP) - GAP / 2;
    }

  open_insert_menu (self, parent, branch, position, cx, y);
}

/* Insert: the "+" after the selection (after the trigger without one). */
static void
action_open_insert_menu (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SyCanvas *self = SY_CANVAS (widget);
  SyNode *node = sy_canvas_get_selected_node (self);
  guint position = 0;

  if (node == NULL)
    {
      open_insert_menu_in_chain (self, NULL, NULL, 0);
      return;
    }
  g_ptr_array_find (sy_node_get_chain (node), node, &position);
  open_insert_menu_in_chain (self, sy_node_get_parent (node), sy_node_get_parent_branch (node),
                             position + self->selected_count);
}

/* The "+" at the top of a branch, empty or not: the context menu's way to
 * places the selection cannot name. */
static void
action_add_to_branch (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SyCanvas *self = SY_CANVAS (widget);
  const char *key, *branch;
  Item *item;

  g_variant_get (parameter, "(&s&s)", &key, &branch);
  item = find_item_by_key (self, key);
  if (item != NULL && item->node != NULL)
    open_insert_menu_in_chain (self, item->node, branch, 0);
}

/* Context menu ------------------------------------------------------------- */

static void
open_context_menu (SyCanvas *self,
                   Item     *item,
                   double    x,
                   double    y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) structure = g_menu_new ();
  const char *key = sy_node_get_key (item->node);
  const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (item->node));
  g_autoptr(GMenuItem) open = g_menu_item_new (_("_Edit…"), NULL);

  g_menu_item_set_action_and_target (open, "canvas.activate-node", "s", key);
  g_menu_append_item (menu, open);
  g_menu_append (menu, _("_Add Node After…"), "canvas.open-insert-menu");
  /* Each branch's first "+", which no selection is before. */
  sy_canvas_ensure_layout (self);
  for (guint i = 0; i < item->columns->len; i++)
    {
      const Column *column = &g_array_index (item->columns, Column, i);
      g_autofree char *label = g_strdup_printf (_("Add Node to “%s”…"), column->label);
      g_autoptr(GMenuItem) add = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (add, "canvas.add-to-branch", "(ss)", key, column->name);
      g_menu_append_item (menu, add);
    }

  g_menu_append (edit, _("Cu_t"), "canvas.cut");
  g_menu_append (edit, _("_Copy"), "canvas.copy");
  g_menu_append (edit, _("_Paste After"), "canvas.paste");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  if (kind != NULL && (kind->flags & SY_NODE_KIND_DYNAMIC) != 0)
    {
      g_autoptr(GMenuItem) add = g_menu_item_new (_("Add _Branch"), NULL);

      g_menu_item_set_action_and_target (add, "canvas.add-branch", "s", key);
      g_menu_append_item (structure, add);
    }
  g_menu_append (structure, _("_Delete"), "canvas.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (structure));

  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* Input -------------------------------------------------------------------- */

static Item *
item_at (SyCanvas *self,
         double    x,
         double    y,
         gboolean *on_control)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  GtkWidget *card = picked != NULL ? gtk_widget_get_ancestor (picked, SY_TYPE_NODE_CARD) : NULL;

  if (on_control != NULL)
    *on_control = picked != NULL && card != NULL && gtk_widget_get_ancestor (picked, GTK_TYPE_BUTTON) != NULL
                  && gtk_widget_get_ancestor (gtk_widget_get_ancestor (picked, GTK_TYPE_BUTTON), SY_TYPE_NODE_CARD)
                     == card;
  if (card == NULL)
    return NULL;

  if (sy_node_card_is_trigger (SY_NODE_CARD (card)))
    return self->trigger;
  return lookup_item (self, sy_node_card_get_node (SY_NODE_CARD (card)));
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  SyCanvas        *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean on_control = FALSE;
  Item *item = item_at (self, x, y, &on_control);

  if (on_control)
    return;

  if (item == NULL)
    {
      if (button == GDK_BUTTON_PRIMARY && nearest_point (self, x, y, CLICK_REACH) < 0)
        {
          set_selection (self, NULL, 0, FALSE);
          gtk_widget_grab_focus (GTK_WIDGET (self));
        }
      return;
    }

  if (item == self->trigger)
    {
      set_selection (self, NULL, 0, FALSE);
      gtk_widget_grab_focus (item->card);
      if (n_press == 2)
        g_signal_emit (self, signals[SIGNAL_NODE_ACTIVATED], 0, NULL);
      return;
    }

  if ((state & GDK_SHIFT_MASK) != 0 && button == GDK_BUTTON_PRIMARY)
    extend_selection (self, item->node);
  else if (button != GDK_BUTTON_SECONDARY || !gtk_widget_has_css_class (item->card, "selected"))
    set_selection (self, item->node, 1, FALSE);
  gtk_widget_grab_focus (item->card);

  if (button == GDK_BUTTON_SECONDARY)
    open_context_menu (self, item, x, y);
  else if (n_press == 2)
    g_signal_emit (self, signals[SIGNAL_NODE_ACTIVATED], 0, item->node);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   SyCanvas        *self)
{
  int point;

  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) != GDK_BUTTON_PRIMARY
      || self->document == NULL || sy_workflow_document_get_read_only (self->document))
    return;

  point = nearest_point (self, x, y, CLICK_REACH * MAX (1.0, 1.0 / MAX (self->zoom, 0.5)));
  if (point >= 0 && item_at (self, x, y, NULL) == NULL)
    open_insert_menu_at_point (self, point);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SyCanvas       *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  gboolean on_control = FALSE;
  Item *item = item_at (self, x, y, &on_control);

  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_pan_x = self->pan_x;
  self->drag_pan_y = self->pan_y;
  self->drag_moving = FALSE;
  g_clear_object (&self->drag_node);

  if (on_control)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      self->drag_mode = DRAG_NONE;
    }
  else if (button == GDK_BUTTON_MIDDLE || item == NULL)
    self->drag_mode = DRAG_PAN;
  else if (item->node != NULL && !sy_workflow_document_get_read_only (self->document))
    {
      self->drag_mode = DRAG_CARD;
      self->drag_node = g_object_ref (item->node);
    }
  else
    self->drag_mode = DRAG_NONE;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                SyCanvas       *self)
{
  switch (self->drag_mode)
    {
    case DRAG_PAN:
      if (!self->drag_moving && hypot (dx, dy) < 3)
        return;
      self->drag_moving = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      self->keep_fitted = FALSE;
      self->pan_x = self->drag_pan_x + dx;
      self->pan_y = self->drag_pan_y + dy;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      break;
    case DRAG_CARD:
      if (!self->drag_moving && hypot (dx, dy) < 8)
        return;
      self->drag_moving = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      sy_canvas_pick_insert_point (self, self->drag_start_x + dx, self->drag_start_y + dy);
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             SyCanvas       *self)
{
  if (self->drag_mode == DRAG_CARD && self->drag_moving && self->drag_node != NULL
      && is_attached (self, self->drag_node))
    sy_canvas_drop_node_at (self, sy_node_get_key (self->drag_node), self->drag_start_x + dx,
                            self->drag_start_y + dy);

  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  self->drag_mode = DRAG_NONE;
  self->drop_point = -1;
  g_clear_object (&self->drag_node);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           SyCanvas                 *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL ? 48 : 1;

  if ((state & GDK_CONTROL_MASK) != 0)
    {
      zoom_about (self, self->zoom * pow (1.1, -dy * (step > 1 ? 1 : 0.1)), self->pointer_x, self->pointer_y);
      return TRUE;
    }

  if ((state & GDK_SHIFT_MASK) != 0 && dx == 0)
    dx = dy, dy = 0;
  pan_by (self, -dx * step, -dy * step);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SyCanvas                 *self)
{
  int point;

  self->pointer_x = x;
  self->pointer_y = y;
  point = self->zoom >= ZOOM_DRAWN && item_at (self, x, y, NULL) == NULL ? nearest_point (self, x, y, CLICK_REACH) : -1;
  if (point != self->hover_point)
    {
      self->hover_point = point;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), point >= 0 ? "pointer" : NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               SyCanvas         *self)
{
  self->zoom_start = self->zoom;
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       SyCanvas       *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  zoom_about (self, self->zoom_start * scale, x, y);
}

static void
action_navigate (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SyCanvas *self = SY_CANVAS (widget);

  if (self->document != NULL && self->trigger != NULL
      && !navigate (self, g_variant_get_string (parameter, NULL)))
    gtk_widget_error_bell (widget);
}

static void
action_activate_selection (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  SyCanvas *self = SY_CANVAS (widget);
  SyNode *node = sy_canvas_get_selected_node (self);

  if (node != NULL || (self->trigger != NULL && gtk_widget_has_focus (self->trigger->card)))
    g_signal_emit (self, signals[SIGNAL_NODE_ACTIVATED], 0, node);
}

/* Menu or Shift+F10: the selected node's menu, under its card. */
static void
action_context_menu (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SyCanvas *self = SY_CANVAS (widget);
  SyNode *node = sy_canvas_get_selected_node (self);
  Item *item;
  double vx, vy;

  if (node == NULL)
    return;
  item = lookup_item (self, node);
  item_place (self, item);
  sy_canvas_model_to_view (self, item->x + CARD_W / 2, item->y + item->card_h, &vx, &vy);
  open_context_menu (self, item, vx, vy);
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target,
                double         x,
                double         y,
                SyCanvas      *self)
{
  return sy_canvas_pick_insert_point (self, x, y) >= 0 ? GDK_ACTION_COPY : 0;
}

static void
on_drop_leave (GtkDropTarget *target,
               SyCanvas      *self)
{
  self->drop_point = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SyCanvas      *self)
{
  const char *type = g_value_get_string (value);

  if (type == NULL || sy_node_kind_lookup (type) == NULL || self->document == NULL
      || sy_workflow_document_get_read_only (self->document))
    return FALSE;

  return sy_canvas_drop_type_at (self, type, x, y) != NULL;
}

static void
on_dark_changed (SyCanvas *self)
{
  /* Drawn cards and edges hold colours: draw them again in the new style. */
  g_clear_pointer (&self->edges_node, gsk_render_node_unref);
  if (self->trigger != NULL)
    g_clear_pointer (&self->trigger->drawn, gsk_render_node_unref);
  if (self->items != NULL)
    {
      GHashTableIter iter;
      Item *item;

      g_hash_table_iter_init (&iter, self->items);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
        g_clear_pointer (&item->drawn, gsk_render_node_unref);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A "+" under the pointer says what it adds where. */
static gboolean
sy_canvas_query_tooltip (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard,
                         GtkTooltip *tooltip)
{
  SyCanvas *self = SY_CANVAS (widget);
  const Point *point;
  g_autofree char *label = NULL;
  double vx, vy;
  int index;

  if (keyboard || self->document == NULL || self->trigger == NULL || self->zoom < ZOOM_DRAWN
      || item_at (self, x, y, NULL) != NULL)
    return FALSE;
  index = nearest_point (self, x, y, CLICK_REACH);
  if (index < 0)
    return FALSE;

  point = &g_array_index (self->scene.points, Point, index);
  label = describe_insert_point (self, point->parent, point->branch, point->position);
  sy_canvas_model_to_view (self, point->x, point->y, &vx, &vy);
  gtk_tooltip_set_text (tooltip, label);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { vx - PLUS_R * self->zoom, vy - PLUS_R * self->zoom,
                                                       2 * PLUS_R * self->zoom, 2 * PLUS_R * self->zoom });
  return TRUE;
}

/* Card sizes depend on the display's style and fonts. */
static void
sy_canvas_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sy_canvas_parent_class)->root (widget);
  invalidate_heights (SY_CANVAS (widget));
}

/* The canvas itself takes focus (for its shortcuts) rather than a card. */
static gboolean
sy_canvas_grab_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root == NULL || !gtk_widget_is_sensitive (widget))
    return FALSE;

  gtk_root_set_focus (root, widget);
  return TRUE;
}

/* GObject ------------------------------------------------------------------ */

static void
sy_canvas_dispose (GObject *object)
{
  SyCanvas *self = SY_CANVAS (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_pointer (&self->insert_popover, gtk_widget_unparent);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  if (self->bound != NULL)
    g_ptr_array_set_size (self->bound, 0);
  if (self->spare != NULL)
    {
      g_ptr_array_foreach (self->spare, (GFunc) gtk_widget_unparent, NULL);
      g_ptr_array_set_size (self->spare, 0);
    }
  g_clear_pointer (&self->measurer, gtk_widget_unparent);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->trigger, item_free);
  if (self->highlighted != NULL)
    g_ptr_array_set_size (self->highlighted, 0);
  g_clear_object (&self->selected);
  g_clear_object (&self->drag_node);
  g_clear_object (&self->insert_parent);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sy_canvas_parent_class)->dispose (object);
}

static void
sy_canvas_finalize (GObject *object)
{
  SyCanvas *self = SY_CANVAS (object);

  g_clear_pointer (&self->edges_node, gsk_render_node_unref);
  g_clear_pointer (&self->edges_key, g_byte_array_unref);
  g_array_unref (self->scene.edges);
  g_array_unref (self->scene.labels);
  g_array_unref (self->scene.points);
  g_ptr_array_unref (self->scene.items);
  g_ptr_array_unref (self->order);
  g_ptr_array_unref (self->bound);
  g_ptr_array_unref (self->spare);
  g_ptr_array_unref (self->highlighted);
  g_free (self->insert_branch);

  G_OBJECT_CLASS (sy_canvas_parent_class)->finalize (object);
}

static void
sy_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SyCanvas *self = SY_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SELECTED_NODE:
      g_value_set_object (value, sy_canvas_get_selected_node (self));
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SyCanvas *self = SY_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      sy_canvas_set_document (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_NODE:
      sy_canvas_select_node (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      sy_canvas_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_canvas_class_init (SyCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_canvas_dispose;
  object_class->finalize = sy_canvas_finalize;
  object_class->get_property = sy_canvas_get_property;
  object_class->set_property = sy_canvas_set_property;

  widget_class->snapshot = sy_canvas_snapshot;
  widget_class->size_allocate = sy_canvas_size_allocate;
  widget_class->measure = sy_canvas_measure;
  widget_class->focus = sy_canvas_focus;
  widget_class->grab_focus = sy_canvas_grab_focus;
  widget_class->root = sy_canvas_root;
  widget_class->query_tooltip = sy_canvas_query_tooltip;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SY_TYPE_WORKFLOW_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_NODE] =
    g_param_spec_object ("selected-node", NULL, NULL, SY_TYPE_NODE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SY_TYPE_NODE);
  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, action_delete);
  gtk_widget_class_install_action (widget_class, "canvas.delete-node", "(ss)", action_delete_node);
  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, action_copy);
  gtk_widget_class_install_action (widget_class, "canvas.cut", NULL, action_copy);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, action_paste);
  gtk_widget_class_install_action (widget_class, "canvas.undo", NULL, action_history);
  gtk_widget_class_install_action (widget_class, "canvas.redo", NULL, action_history);
  gtk_widget_class_install_action (widget_class, "canvas.insert", "(ssus)", action_insert);
  gtk_widget_class_install_action (widget_class, "canvas.open-insert-menu", NULL, action_open_insert_menu);
  gtk_widget_class_install_action (widget_class, "canvas.add-branch", "s", action_branch);
  gtk_widget_class_install_action (widget_class, "canvas.remove-branch", "(ss)", action_branch);
  gtk_widget_class_install_action (widget_class, "canvas.activate-node", "s", action_activate_node);
  gtk_widget_class_install_action (widget_class, "canvas.navigate", "s", action_navigate);
  gtk_widget_class_install_action (widget_class, "canvas.activate-selection", NULL, action_activate_selection);
  gtk_widget_class_install_action (widget_class, "canvas.context-menu", NULL, action_context_menu);
  gtk_widget_class_install_action (widget_class, "canvas.add-to-branch", "(ss)", action_add_to_branch);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "canvas.navigate", "s", "up");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "canvas.navigate", "s", "down");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "canvas.navigate", "s", "left");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "canvas.navigate", "s", "right");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, 0, "canvas.navigate", "s", "up");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, 0, "canvas.navigate", "s", "down");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "canvas.navigate", "s", "left");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "canvas.navigate", "s", "right");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "canvas.navigate", "s", "home");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "canvas.navigate", "s", "home");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "canvas.navigate", "s", "end");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "canvas.navigate", "s", "end");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "canvas.navigate", "s", "parent");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "canvas.navigate", "s", "past");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "canvas.activate-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "canvas.activate-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "canvas.activate-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "canvas.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "canvas.context-menu", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "canvas.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "canvas.open-insert-menu", NULL);

  gtk_widget_class_set_css_name (widget_class, "sy-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sy_canvas_init (SyCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click, *drag, *middle, *zoom;
  GtkEventController *scroll, *motion;
  GtkDropTarget *drop;

  self->items = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) item_free);
  self->order = g_ptr_array_new ();
  self->bound = g_ptr_array_new ();
  self->spare = g_ptr_array_new ();
  self->highlighted = g_ptr_array_new_with_free_func (g_object_unref);
  self->scene.edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  self->scene.labels = g_array_new (FALSE, FALSE, sizeof (Label));
  self->scene.points = g_array_new (FALSE, FALSE, sizeof (Point));
  self->scene.items = g_ptr_array_new ();
  self->zoom = 1.0;
  self->hover_point = -1;
  self->drop_point = -1;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (widget, "view");
  update_accessible (self);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  middle = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (middle), GDK_BUTTON_MIDDLE);
  g_signal_connect (middle, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (middle, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (middle, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (middle));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (zoom));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (widget, motion);

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (drop, "enter", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_dark_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-font-name", G_CALLBACK (invalidate_heights),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-xft-dpi", G_CALLBACK (invalidate_heights),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
sy_canvas_new (void)
{
  return g_object_new (SY_TYPE_CANVAS, NULL);
}

SyWorkflowDocument *
sy_canvas_get_document (SyCanvas *self)
{
  g_return_val_if_fail (SY_IS_CANVAS (self), NULL);

  return self->document;
}

void
sy_canvas_set_document (SyCanvas           *self,
                        SyWorkflowDocument *document)
{
  g_return_if_fail (SY_IS_CANVAS (self));
  g_return_if_fail (document == NULL || SY_IS_WORKFLOW_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  self->view_placed = FALSE;
  self->keep_fitted = FALSE;

  if (document != NULL)
    {
      g_signal_connect (document, "edited", G_CALLBACK (on_document_edited), self);
      g_signal_connect (document, "changed", G_CALLBACK (on_document_changed), self);
      g_signal_connect (document, "problems-changed", G_CALLBACK (on_problems_changed), self);
      g_signal_connect_swapped (document, "notify::read-only", G_CALLBACK (on_read_only_changed), self);
      g_signal_connect_swapped (document, "notify::can-undo", G_CALLBACK (on_read_only_changed), self);
      g_signal_connect_swapped (document, "notify::can-redo", G_CALLBACK (on_read_only_changed), self);
    }

  sy_canvas_rebuild (self);
  on_read_only_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_NODE]);
}

double
sy_canvas_get_zoom (SyCanvas *self)
{
  g_return_val_if_fail (SY_IS_CANVAS (self), 1.0);

  return self->zoom;
}

void
sy_canvas_set_zoom (SyCanvas *self,
                    double    zoom)
{
  g_return_if_fail (SY_IS_CANVAS (self));

  zoom_about (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
              gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
sy_canvas_zoom_to_fit (SyCanvas *self)
{
  g_return_if_fail (SY_IS_CANVAS (self));

  sy_canvas_ensure_layout (self);
  if (fit_view (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self))))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

GtkWidget *
sy_canvas_get_node_card (SyCanvas   *self,
                         const char *key)
{
  Item *item;

  g_return_val_if_fail (SY_IS_CANVAS (self), NULL);

  item = find_item_by_key (self, key);
  if (item == NULL)
    return NULL;
  sy_canvas_ensure_layout (self);
  return bind_card (self, item);
}

gboolean
sy_canvas_get_node_rect (SyCanvas        *self,
                         const char      *key,
                         graphene_rect_t *rect)
{
  Item *item;

  g_return_val_if_fail (SY_IS_CANVAS (self), FALSE);

  item = find_item_by_key (self, key);
  if (item == NULL)
    return FALSE;

  item_place (self, item);
  graphene_rect_init (rect, item->x, item->y, CARD_W, item->card_h);
  return TRUE;
}

GPtrArray *
sy_canvas_get_insert_points (SyCanvas *self)
{
  GPtrArray *points = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_canvas_insert_point_free);

  g_return_val_if_fail (SY_IS_CANVAS (self), points);

  /* Every point: a scene of everything, dropped afterwards. */
  build_scene (self, &GRAPHENE_RECT_INIT (-G_MAXFLOAT / 4, -G_MAXFLOAT / 4, G_MAXFLOAT / 2, G_MAXFLOAT / 2));
  for (guint i = 0; i < self->scene.points->len; i++)
    {
      const Point *point = &g_array_index (self->scene.points, Point, i);
      SyCanvasInsertPoint *copy = g_new0 (SyCanvasInsertPoint, 1);

      copy->parent_key = point->parent != NULL ? g_strdup (sy_node_get_key (point->parent)) : NULL;
      copy->branch = g_strdup (point->branch);
      copy->position = point->position;
      graphene_rect_init (&copy->rect, point->x - PLUS_R, point->y - PLUS_R, 2 * PLUS_R, 2 * PLUS_R);
      copy->label = describe_insert_point (self, point->parent, point->branch, point->position);
      g_ptr_array_add (points, copy);
    }
  scene_clear (&self->scene);

  return points;
}

void
sy_canvas_get_layout_bounds (SyCanvas        *self,
                             graphene_rect_t *bounds)
{
  g_return_if_fail (SY_IS_CANVAS (self));

  sy_canvas_ensure_layout (self);
  *bounds = self->bounds;
}

guint
sy_canvas_get_n_measured (SyCanvas *self)
{
  g_return_val_if_fail (SY_IS_CANVAS (self), 0);

  return self->n_measured;
}

static void
set_item_job (SyCanvas *self,
              Item     *item,
              SyJob    *job)
{
  gboolean had_result = item->job != NULL && item->job->result != NULL;

  g_clear_pointer (&item->job, sy_job_unref);
  item->job = job != NULL ? sy_job_ref (job) : NULL;
  if (item->card != NULL)
    sy_node_card_set_job (SY_NODE_CARD (item->card), job);
  /* A result line changes the card's shape, so its height. */
  if (had_result != (job != NULL && job->result != NULL))
    {
      item->measure_dirty = TRUE;
      invalidate_upwards (self, item);
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
}

gboolean
sy_canvas_set_job (SyCanvas *self,
                   SyJob    *job)
{
  Item *item;

  g_return_val_if_fail (SY_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (job != NULL, FALSE);

  item = job->node_key != NULL ? find_item_by_key (self, job->node_key) : NULL;
  if (item == NULL || item->node == NULL)
    return FALSE;

  set_item_job (self, item, job);
  return TRUE;
}

void
sy_canvas_clear_jobs (SyCanvas *self)
{
  GHashTableIter iter;
  Item *item;

  g_return_if_fail (SY_IS_CANVAS (self));

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
    if (item->job != NULL || (item->card != NULL && sy_node_card_get_job (SY_NODE_CARD (item->card)) != NULL))
      set_item_job (self, item, NULL);
}

guint
sy_canvas_get_n_cards (SyCanvas *self)
{
  g_return_val_if_fail (SY_IS_CANVAS (self), 0);

  return self->bound->len;
}

gboolean
sy_canvas_get_drawn_mode (SyCanvas *self)
{
  g_return_val_if_fail (SY_IS_CANVAS (self), FALSE);

  return drawn_mode (self);
}
