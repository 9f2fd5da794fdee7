/* sy-canvas.c — the workflow drawn as an automatically laid out flowchart
 *
 * Design (gtk-style.md §2.4): node cards are child widgets allocated through
 * a GskTransform (pan · zoom · position); edges, branch labels and the "+"
 * insert points are drawn in one cairo node per frame, culled to the view.
 * Below ZOOM_DRAWN the cards themselves are drawn from cached render nodes
 * and the child widgets are not snapshotted.
 *
 * Layout is a tree layout: a block is a card plus, for a branching node, its
 * branch columns side by side; a chain is blocks stacked with a gap holding
 * the "+" between them. Block sizes are cached and recomputed only for dirty
 * blocks (a changed card dirties its ancestors); cards are measured once and
 * again only when their node changes. Positions are one top-down pass.
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

#define NODES_MIME   "application/x-switchyard-nodes+json"

typedef struct
{
  char   *name;
  char   *label;
  double  chain_w;
  double  chain_h;
} Column;

typedef struct
{
  SyNode        *node;        /* NULL: the trigger */
  GtkWidget     *card;
  double         card_h;
  gboolean       measure_dirty;
  gboolean       block_dirty;
  double         block_w;
  double         block_h;
  GArray        *columns;     /* of Column */
  double         x, y;        /* card's top-left, model */
  guint          generation;
  guint          index;       /* document order */
  GskRenderNode *drawn;       /* level-of-detail card */
  gboolean       allocated;   /* allocated at least once */
  gboolean       on_screen;   /* inside the view at the last allocation */
} Item;

/* Drawn primitives, rebuilt by each layout pass. */
typedef struct
{
  double x[4], y[4];
  int    n;
  graphene_rect_t bounds;
} Edge;

typedef struct
{
  double  x, y;     /* centre */
  char   *text;
  gboolean terminal; /* the workflow's end */
} Label;

typedef struct
{
  SyNode *parent;
  char   *branch;
  guint   position;
  double  x, y;     /* centre */
} Point;

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
  GHashTable         *items;        /* SyNode* → Item* */
  Item               *trigger;
  GPtrArray          *order;        /* Item* in document order (trigger excluded) */
  guint               generation;

  gboolean            layout_dirty;
  guint               n_measured;
  graphene_rect_t     bounds;
  GArray             *edges;        /* of Edge */
  GArray             *labels;       /* of Label */
  GArray             *points;       /* of Point */

  double              zoom;
  double              pan_x, pan_y;
  gboolean            view_placed;
  int                 last_width, last_height;

  char               *selected_key;
  guint               selected_count;

  int                 hover_point;
  int                 drop_point;
  double              pointer_x, pointer_y;

  DragMode            drag_mode;
  double              drag_start_x, drag_start_y;
  double              drag_pan_x, drag_pan_y;
  char               *drag_key;
  gboolean            drag_moving;
  double              zoom_start;

  GtkWidget          *insert_popover;
  GtkWidget          *insert_search;
  GtkWidget          *insert_list;
  int                 insert_point;  /* the "+" the popover belongs to */
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
static void set_selection (SyCanvas *self, SyNode *node, guint count, gboolean focus);

void
sy_canvas_insert_point_free (SyCanvasInsertPoint *point)
{
  g_free (point->parent_key);
  g_free (point->branch);
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
  g_clear_pointer (&item->columns, g_array_unref);
  g_clear_pointer (&item->drawn, gsk_render_node_unref);
  g_free (item);
}

static Item *
item_new (SyCanvas  *self,
          SyNode    *node,
          GtkWidget *card)
{
  Item *item = g_new0 (Item, 1);

  item->node = node != NULL ? g_object_ref (node) : NULL;
  item->card = card != NULL ? card : sy_node_card_new (self->document, node);
  if (card == NULL)
    gtk_widget_set_parent (item->card, GTK_WIDGET (self));
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

static Item *
find_item_by_key (SyCanvas   *self,
                  const char *key)
{
  SyNode *node;

  if (self->document == NULL)
    return NULL;
  if (key == NULL)
    return self->trigger;
  node = sy_workflow_find_node (sy_workflow_document_get_workflow (self->document), key);
  return node != NULL ? lookup_item (self, node) : NULL;
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

typedef struct
{
  SyCanvas   *self;
  GHashTable *reuse; /* key → card, after undo replaced the node objects */
} SyncData;

static gboolean
sync_node (SyNode   *node,
           gpointer  user_data)
{
  SyncData *data = user_data;
  SyCanvas *self = data->self;
  Item *item = g_hash_table_lookup (self->items, node);

  if (item == NULL)
    {
      GtkWidget *card = NULL;

      if (data->reuse != NULL && sy_node_get_key (node) != NULL
          && g_hash_table_steal_extended (data->reuse, sy_node_get_key (node), NULL, (gpointer *) &card))
        sy_node_card_set_node (SY_NODE_CARD (card), node);
      item = item_new (self, node, card);
      g_hash_table_insert (self->items, node, item);
    }

  item->generation = self->generation;
  item->index = self->order->len;
  g_ptr_array_add (self->order, item);
  return TRUE;
}

/* Makes the items match the workflow's nodes: new nodes get cards, gone
 * nodes lose theirs. With `reuse_cards` (after undo/redo, where node objects
 * are new but keys stay) cards are carried over by key and re-read. */
static void
sync_items (SyCanvas *self,
            gboolean  reuse_cards)
{
  g_autoptr(GHashTable) reuse = NULL;
  SyncData data = { self, NULL };
  GHashTableIter iter;
  Item *item;

  self->generation++;
  g_ptr_array_set_size (self->order, 0);

  if (reuse_cards)
    {
      reuse = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) gtk_widget_unparent);
      g_hash_table_iter_init (&iter, self->items);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
        {
          const char *key = sy_node_get_key (item->node);

          if (key != NULL && !g_hash_table_contains (reuse, key))
            {
              g_hash_table_insert (reuse, g_strdup (key), g_steal_pointer (&item->card));
              continue;
            }
        }
      g_hash_table_remove_all (self->items);
      data.reuse = reuse;
    }

  if (self->document != NULL)
    sy_node_chain_foreach (sy_workflow_get_nodes (sy_workflow_document_get_workflow (self->document)),
                           sync_node, &data);

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
    {
      item->block_dirty = TRUE;
      if (item->generation != self->generation)
        g_hash_table_iter_remove (&iter);
      else if (reuse_cards)
        item->measure_dirty = TRUE;
    }

  for (guint i = 0; i < self->order->len; i++)
    {
      item = g_ptr_array_index (self->order, i);
      sy_node_card_set_position (SY_NODE_CARD (item->card), i, self->order->len);
    }

  self->layout_dirty = TRUE;
}

/* Layout: sizes (bottom-up, cached) --------------------------------------- */

static void
measure_card (SyCanvas *self,
              Item     *item)
{
  int minimum, natural;

  if (!item->measure_dirty)
    return;

  gtk_widget_measure (item->card, GTK_ORIENTATION_VERTICAL, (int) CARD_W, &minimum, &natural, NULL, NULL);
  item->measure_dirty = FALSE;
  self->n_measured++;
  if (item->card_h != natural)
    {
      item->card_h = natural;
      item->block_dirty = TRUE;
      g_clear_pointer (&item->drawn, gsk_render_node_unref);
    }
}

static char *
branch_label (const SyNodeKind *kind,
              SyNode           *node,
              const char       *name)
{
  char *label = kind != NULL && kind->branch_label != NULL ? kind->branch_label (node, name) : NULL;

  if (label == NULL)
    {
      label = g_strdup (name);
      if (label[0] != '\0')
        label[0] = g_ascii_toupper (label[0]);
    }

  return label;
}

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

static void
compute_chain (SyCanvas  *self,
               GPtrArray *chain,
               double    *width,
               double    *height)
{
  double w = EMPTY_W, h = GAP;

  for (guint i = 0; chain != NULL && i < chain->len; i++)
    {
      Item *item = lookup_item (self, g_ptr_array_index (chain, i));

      compute_block (self, item);
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
  double columns_w = 0, columns_h = 0;

  measure_card (self, item);
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
      column.label = branch_label (kind, item->node, column.name);
      compute_chain (self, sy_node_get_branch (item->node, column.name), &column.chain_w, &column.chain_h);
      columns_w += column.chain_w + (i > 0 ? COLUMN_GAP : 0);
      columns_h = MAX (columns_h, column.chain_h);
      g_array_append_val (item->columns, column);
    }

  item->block_w = MAX (CARD_W, columns_w);
  item->block_h = item->card_h + SPLIT + LABEL_H + columns_h + MERGE;
}

/* Layout: positions (top-down) and drawn primitives ------------------------ */

static void
add_edge (SyCanvas *self,
          int       n,
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
  g_array_append_val (self->edges, edge);
}

static void
add_point (SyCanvas   *self,
           SyNode     *parent,
           const char *branch,
           guint       position,
           double      x,
           double      y)
{
  Point point = { parent, g_strdup (branch), position, x, y };

  g_array_append_val (self->points, point);
}

static void place_block (SyCanvas *self, Item *item, double cx, double top);

/* Places a chain whose incoming edge ends at (cx, top); returns the y where
 * its outgoing edge starts (the bottom of its last gap). */
static double
place_chain (SyCanvas   *self,
             GPtrArray  *chain,
             SyNode     *parent,
             const char *branch,
             double      cx,
             double      top)
{
  double y = top;
  guint n = chain != NULL ? chain->len : 0;

  for (guint i = 0; i <= n; i++)
    {
      add_edge (self, 2, cx, y, cx, y + GAP);
      add_point (self, parent, branch, i, cx, y + GAP / 2);
      y += GAP;
      if (i < n)
        {
          Item *item = lookup_item (self, g_ptr_array_index (chain, i));

          place_block (self, item, cx, y);
          y += item->block_h;
        }
    }

  return y;
}

static void
place_block (SyCanvas *self,
             Item     *item,
             double    cx,
             double    top)
{
  double card_bottom, split_y, columns_top, merge_y, bottom, x;
  double columns_w = 0;

  item->x = cx - CARD_W / 2;
  item->y = top;
  if (item->columns->len == 0)
    return;

  card_bottom = top + item->card_h;
  split_y = card_bottom + SPLIT / 2;
  columns_top = card_bottom + SPLIT;
  bottom = top + item->block_h;
  merge_y = bottom - MERGE / 2;

  for (guint i = 0; i < item->columns->len; i++)
    columns_w += g_array_index (item->columns, Column, i).chain_w + (i > 0 ? COLUMN_GAP : 0);

  x = cx - columns_w / 2;
  for (guint i = 0; i < item->columns->len; i++)
    {
      Column *column = &g_array_index (item->columns, Column, i);
      double col_x = x + column->chain_w / 2;
      Label label = { col_x, columns_top + LABEL_H / 2, g_strdup (column->label), FALSE };
      double end;

      /* Split: card → across → down to the column; then the label. */
      add_edge (self, 4, cx, card_bottom, cx, split_y, col_x, split_y, col_x, columns_top + LABEL_H);
      g_array_append_val (self->labels, label);

      end = place_chain (self, sy_node_get_branch (item->node, column->name), item->node, column->name,
                         col_x, columns_top + LABEL_H);

      /* Merge: column end → down → across → the point under the card. */
      add_edge (self, 4, col_x, end, col_x, merge_y, cx, merge_y, cx, bottom);
      x += column->chain_w + COLUMN_GAP;
    }
}

static void
clear_primitives (SyCanvas *self)
{
  for (guint i = 0; i < self->labels->len; i++)
    g_free (g_array_index (self->labels, Label, i).text);
  for (guint i = 0; i < self->points->len; i++)
    g_free (g_array_index (self->points, Point, i).branch);
  g_array_set_size (self->edges, 0);
  g_array_set_size (self->labels, 0);
  g_array_set_size (self->points, 0);
}

void
sy_canvas_ensure_layout (SyCanvas *self)
{
  GPtrArray *main_chain;
  double width, height, end;
  Label terminal = { 0 };

  g_return_if_fail (SY_IS_CANVAS (self));

  if (!self->layout_dirty || self->document == NULL || self->trigger == NULL)
    return;

  main_chain = sy_workflow_get_nodes (sy_workflow_document_get_workflow (self->document));
  measure_card (self, self->trigger);
  compute_chain (self, main_chain, &width, &height);

  clear_primitives (self);
  self->trigger->x = -CARD_W / 2;
  self->trigger->y = 0;
  end = place_chain (self, main_chain, NULL, NULL, 0, self->trigger->card_h);

  terminal.x = 0;
  terminal.y = end + END_R;
  terminal.text = g_strdup (_("End"));
  terminal.terminal = TRUE;
  g_array_append_val (self->labels, terminal);

  width = MAX (width, CARD_W);
  graphene_rect_init (&self->bounds, -width / 2, 0, width, end + 2 * END_R + 24);
  self->layout_dirty = FALSE;
  self->hover_point = -1;
}

/* View --------------------------------------------------------------------- */

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
  self->pan_x += dx;
  self->pan_y += dy;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
scroll_to_item (SyCanvas *self,
                Item     *item)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double x0, y0, x1, y1;

  sy_canvas_ensure_layout (self);
  if (width <= 0 || height <= 0)
    return;

  sy_canvas_model_to_view (self, item->x, item->y, &x0, &y0);
  sy_canvas_model_to_view (self, item->x + CARD_W, item->y + item->card_h, &x1, &y1);
  if (x0 < MARGIN)
    pan_by (self, MARGIN - x0, 0);
  else if (x1 > width - MARGIN)
    pan_by (self, width - MARGIN - x1, 0);
  if (y0 < MARGIN)
    pan_by (self, 0, MARGIN - y0);
  else if (y1 > height - MARGIN)
    pan_by (self, 0, height - MARGIN - y1);
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

static void
snapshot_edges (SyCanvas              *self,
                GtkSnapshot           *snapshot,
                const graphene_rect_t *view)
{
  GtkWidget *widget = GTK_WIDGET (self);
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
  for (guint i = 0; i < self->edges->len; i++)
    {
      const Edge *edge = &g_array_index (self->edges, Edge, i);

      if (graphene_rect_intersection (&edge->bounds, view, NULL))
        draw_edge (cr, edge);
    }

  layout = gtk_widget_create_pango_layout (widget, NULL);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  for (guint i = 0; i < self->labels->len; i++)
    {
      const Label *label = &g_array_index (self->labels, Label, i);

      if (rect_visible (view, label->x - 100, label->y - 20, 200, 40))
        draw_label (self, cr, layout, label, &card, &line, &fg);
    }

  /* Zoomed far out, "+" buttons would be specks: show them only when usable. */
  for (guint i = 0; i < self->points->len && (self->zoom >= ZOOM_DRAWN || self->drop_point >= 0); i++)
    {
      const Point *point = &g_array_index (self->points, Point, i);

      if (rect_visible (view, point->x - 30, point->y - 30, 60, 60))
        draw_point (self, cr, point, (int) i == self->hover_point, (int) i == self->drop_point,
                    &accent, &accent_fg, &card, &line);
    }

  cairo_destroy (cr);
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
      title = sy_node_get_title (item->node);
      if (title == NULL && kind != NULL)
        title = _(kind->title);
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
  double x0, y0, x1, y1;

  if (self->document == NULL || self->trigger == NULL)
    return;

  sy_canvas_ensure_layout (self);
  view_to_model (self, 0, 0, &x0, &y0);
  view_to_model (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &x1, &y1);
  graphene_rect_init (&view, x0, y0, x1 - x0, y1 - y0);

  snapshot_edges (self, snapshot, &view);

  if (drawn)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->pan_x, self->pan_y));
      gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
    }
  snapshot_item (self, snapshot, self->trigger, &view, drawn);
  for (guint i = 0; i < self->order->len; i++)
    snapshot_item (self, snapshot, g_ptr_array_index (self->order, i), &view, drawn);
  if (drawn)
    gtk_snapshot_restore (snapshot);

  if (self->insert_popover != NULL && gtk_widget_get_visible (self->insert_popover))
    gtk_widget_snapshot_child (widget, self->insert_popover, snapshot);
  if (self->context_menu != NULL && gtk_widget_get_visible (self->context_menu))
    gtk_widget_snapshot_child (widget, self->context_menu, snapshot);
}

/* Off-screen cards keep their last allocation, made when they left the
 * view (so it lies outside it and picking never finds them): panning a large
 * graph allocates only what is visible. */
static void
allocate_item (SyCanvas              *self,
               Item                  *item,
               const graphene_rect_t *view,
               gboolean               all)
{
  GskTransform *transform = NULL;
  gboolean visible = rect_visible (view, item->x, item->y, CARD_W, item->card_h);

  if (!all && item->allocated && !visible && !item->on_screen)
    return;

  item->on_screen = visible;
  item->allocated = TRUE;
  transform = gsk_transform_translate (transform, &GRAPHENE_POINT_INIT (self->pan_x, self->pan_y));
  transform = gsk_transform_scale (transform, self->zoom, self->zoom);
  transform = gsk_transform_translate (transform, &GRAPHENE_POINT_INIT (item->x, item->y));
  gtk_widget_allocate (item->card, (int) CARD_W, (int) item->card_h, -1, transform);
}

static void
sy_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  SyCanvas *self = SY_CANVAS (widget);
  gboolean all = width != self->last_width || height != self->last_height;
  graphene_rect_t view;
  double x0, y0, x1, y1;

  place_view (self);
  sy_canvas_ensure_layout (self);
  self->last_width = width;
  self->last_height = height;

  view_to_model (self, 0, 0, &x0, &y0);
  view_to_model (self, width, height, &x1, &y1);
  graphene_rect_init (&view, x0, y0, x1 - x0, y1 - y0);

  if (self->trigger != NULL)
    allocate_item (self, self->trigger, &view, all);
  for (guint i = 0; i < self->order->len; i++)
    allocate_item (self, g_ptr_array_index (self->order, i), &view, all);

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
set_selection (SyCanvas *self,
               SyNode   *node,
               guint     count,
               gboolean  focus)
{
  Item *old = find_item_by_key (self, self->selected_key);
  g_autoptr(GPtrArray) run = g_ptr_array_new ();
  const char *key = node != NULL ? sy_node_get_key (node) : NULL;
  gboolean changed = g_strcmp0 (key, self->selected_key) != 0 || count != self->selected_count;

  /* Clear the old highlight, including a shift-selected run. */
  if (old != NULL && old->node != NULL)
    for (SyNode *n = old->node; n != NULL && run->len < MAX (self->selected_count, 1); n = sy_node_get_next (n))
      {
        Item *it = lookup_item (self, n);

        if (it != NULL)
          sy_node_card_set_selected (SY_NODE_CARD (it->card), FALSE);
        g_ptr_array_add (run, n);
      }

  g_free (self->selected_key);
  self->selected_key = g_strdup (key);
  self->selected_count = node != NULL ? MAX (count, 1) : 0;

  if (node != NULL)
    {
      guint i = 0;

      for (SyNode *n = node; n != NULL && i < self->selected_count; n = sy_node_get_next (n), i++)
        {
          Item *it = lookup_item (self, n);

          if (it != NULL)
            sy_node_card_set_selected (SY_NODE_CARD (it->card), TRUE);
        }
      if (focus)
        {
          Item *item = lookup_item (self, node);

          if (item != NULL)
            {
              gtk_widget_grab_focus (item->card);
              scroll_to_item (self, item);
            }
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
  Item *item;

  g_return_val_if_fail (SY_IS_CANVAS (self), NULL);

  item = self->selected_key != NULL ? find_item_by_key (self, self->selected_key) : NULL;
  return item != NULL ? item->node : NULL;
}

guint
sy_canvas_get_selected_count (SyCanvas *self)
{
  g_return_val_if_fail (SY_IS_CANVAS (self), 0);

  return sy_canvas_get_selected_node (self) != NULL ? self->selected_count : 0;
}

void
sy_canvas_select_node (SyCanvas *self,
                       SyNode   *node)
{
  g_return_if_fail (SY_IS_CANVAS (self));

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

static SyNode *
first_branch_head (SyCanvas *self,
                   SyNode   *node)
{
  Item *item = lookup_item (self, node);

  sy_canvas_ensure_layout (self);
  for (guint i = 0; item != NULL && i < item->columns->len; i++)
    {
      SyNode *head = sy_node_get_branch_head (node, g_array_index (item->columns, Column, i).name);

      if (head != NULL)
        return head;
    }

  return NULL;
}

/* Down: into the first branch, else the next node, else after the parent. */
static SyNode *
navigate_down (SyCanvas *self,
               SyNode   *node)
{
  SyNode *head = first_branch_head (self, node);

  if (head != NULL)
    return head;
  for (SyNode *n = node; n != NULL; n = sy_node_get_parent (n))
    if (sy_node_get_next (n) != NULL)
      return sy_node_get_next (n);

  return NULL;
}

/* Left/right: the head of the neighbouring non-empty branch of the parent. */
static SyNode *
navigate_sideways (SyCanvas *self,
                   SyNode   *node,
                   int       direction)
{
  for (SyNode *n = node; sy_node_get_parent (n) != NULL; n = sy_node_get_parent (n))
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

static gboolean
navigate (SyCanvas *self,
          guint     keyval)
{
  SyNode *node = sy_canvas_get_selected_node (self);
  SyNode *target = NULL;

  sy_canvas_ensure_layout (self);

  if (node == NULL)
    {
      /* From the trigger (or nothing) every direction but up enters the chain. */
      if (keyval != GDK_KEY_Up)
        target = sy_workflow_get_head (sy_workflow_document_get_workflow (self->document));
    }
  else if (keyval == GDK_KEY_Down)
    target = navigate_down (self, node);
  else if (keyval == GDK_KEY_Up)
    {
      target = sy_node_get_previous (node);
      if (target == NULL)
        target = sy_node_get_parent (node);
      if (target == NULL)
        {
          set_selection (self, NULL, 0, FALSE);
          gtk_widget_grab_focus (self->trigger->card);
          return TRUE;
        }
    }
  else
    target = navigate_sideways (self, node, keyval == GDK_KEY_Left ? -1 : 1);

  if (target != NULL)
    set_selection (self, target, 1, TRUE);
  return target != NULL;
}

static gboolean
sy_canvas_focus (GtkWidget        *widget,
                 GtkDirectionType  direction)
{
  SyCanvas *self = SY_CANVAS (widget);
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);
  SyNode *node = sy_canvas_get_selected_node (self);
  Item *item = NULL;
  int step;

  if (self->document == NULL || self->trigger == NULL)
    return FALSE;
  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return focus_child != NULL ? gtk_widget_child_focus (focus_child, direction) : FALSE;

  /* Buttons inside a card come first. */
  if (focus_child != NULL && gtk_widget_child_focus (focus_child, direction))
    return TRUE;

  step = direction == GTK_DIR_TAB_FORWARD ? 1 : -1;
  if (focus_child == NULL)
    item = step > 0 ? self->trigger
                    : (self->order->len > 0 ? g_ptr_array_index (self->order, self->order->len - 1) : self->trigger);
  else
    {
      int index = node != NULL ? (int) lookup_item (self, node)->index : -1;

      if (focus_child == self->trigger->card)
        index = -1;
      index += step;
      if (index >= (int) self->order->len || index < -1 || (index == -1 && step > 0))
        return FALSE;
      item = index == -1 ? self->trigger : g_ptr_array_index (self->order, index);
    }

  if (item == self->trigger)
    {
      set_selection (self, NULL, 0, FALSE);
      gtk_widget_grab_focus (item->card);
      scroll_to_item (self, item);
    }
  else
    set_selection (self, item->node, 1, TRUE);
  return TRUE;
}

/* Document ----------------------------------------------------------------- */

static void
on_document_changed (SyWorkflowDocument *document,
                     SyDocumentChange    change,
                     SyNode             *node,
                     SyCanvas           *self)
{
  Item *item;

  switch (change)
    {
    case SY_DOCUMENT_CHANGE_NODE:
      item = lookup_item (self, node);
      if (item == NULL)
        break;
      /* Only this card is re-read and re-measured; its ancestors' blocks
       * are recomputed if its height changed. */
      sy_node_card_update (SY_NODE_CARD (item->card));
      g_clear_pointer (&item->drawn, gsk_render_node_unref);
      item->measure_dirty = TRUE;
      measure_card (self, item);
      if (item->block_dirty)
        invalidate_upwards (self, item);
      /* Labels of branches can come from config (multi-conditions titles). */
      if (item->columns->len > 0)
        invalidate_upwards (self, item);
      break;
    case SY_DOCUMENT_CHANGE_TRIGGER:
    case SY_DOCUMENT_CHANGE_WORKFLOW:
      sy_node_card_update (SY_NODE_CARD (self->trigger->card));
      g_clear_pointer (&self->trigger->drawn, gsk_render_node_unref);
      self->trigger->measure_dirty = TRUE;
      self->layout_dirty = TRUE;
      break;
    case SY_DOCUMENT_CHANGE_STRUCTURE:
      sync_items (self, FALSE);
      break;
    case SY_DOCUMENT_CHANGE_ALL:
    default:
      sync_items (self, TRUE);
      sy_node_card_update (SY_NODE_CARD (self->trigger->card));
      self->trigger->measure_dirty = TRUE;
      break;
    }

  /* The selection may be gone (deleted, or undone). */
  if (self->selected_key != NULL && sy_canvas_get_selected_node (self) == NULL)
    set_selection (self, NULL, 0, FALSE);
  else if (self->selected_key != NULL && change != SY_DOCUMENT_CHANGE_NODE)
    set_selection (self, sy_canvas_get_selected_node (self), self->selected_count, FALSE);

  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_problems_changed (SyWorkflowDocument *document,
                     SyCanvas           *self)
{
  sy_node_card_update (SY_NODE_CARD (self->trigger->card));
  for (guint i = 0; i < self->order->len; i++)
    sy_node_card_update (SY_NODE_CARD (((Item *) g_ptr_array_index (self->order, i))->card));
}

static void
on_read_only_changed (SyCanvas *self)
{
  gboolean writable = self->document != NULL && !sy_workflow_document_get_read_only (self->document);
  const char * const edits[] = { "canvas.delete", "canvas.cut", "canvas.paste", "canvas.insert",
                                 "canvas.add-branch", "canvas.remove-branch", "canvas.delete-node",
                                 "canvas.open-insert-menu", NULL };

  for (guint i = 0; edits[i] != NULL; i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), edits[i], writable);
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
  g_hash_table_remove_all (self->items);
  g_ptr_array_set_size (self->order, 0);
  g_clear_pointer (&self->trigger, item_free);
  clear_primitives (self);

  if (self->document != NULL)
    {
      self->trigger = item_new (self, NULL, NULL);
      sync_items (self, FALSE);
    }

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
           const Point *point,
           const char  *type)
{
  g_autoptr(GError) error = NULL;
  SyNode *node;

  node = sy_workflow_document_insert_node (self->document, point->parent, point->branch, point->position,
                                           type, &error);
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

  sy_canvas_ensure_layout (self);
  view_to_model (self, vx, vy, &mx, &my);
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *point = &g_array_index (self->points, Point, i);
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
  int index;

  g_return_val_if_fail (SY_IS_CANVAS (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  index = nearest_point (self, x, y, DROP_REACH);
  self->drop_point = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (index < 0 || self->document == NULL)
    return NULL;

  return insert_at (self, &g_array_index (self->points, Point, index), type);
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

  g_return_val_if_fail (SY_IS_CANVAS (self), FALSE);

  item = find_item_by_key (self, key);
  index = nearest_point (self, x, y, DROP_REACH);
  self->drop_point = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (item == NULL || item->node == NULL || index < 0)
    return FALSE;

  /* Dragging the first node of a shift-selected run moves the run. */
  if (g_strcmp0 (self->selected_key, key) == 0)
    count = self->selected_count;

  point = g_array_index (self->points, Point, index);
  point.branch = g_strdup (point.branch);
  if (!sy_workflow_document_move_nodes (self->document, item->node, count, point.parent, point.branch,
                                        point.position, &error))
    {
      g_free (point.branch);
      report_error (self, error);
      return FALSE;
    }

  g_free (point.branch);
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
  g_autofree char *after_key = NULL;

  if (keep != NULL)
    after = sy_node_get_branch_head (node, keep) != NULL ? sy_node_get_branch_head (node, keep) : after;
  after_key = after != NULL ? g_strdup (sy_node_get_key (after)) : NULL;

  if (!sy_workflow_document_delete_node (self->document, node, keep, &error))
    {
      report_error (self, error);
      return;
    }

  /* Keep the keyboard user where they were. */
  {
    Item *item = find_item_by_key (self, after_key);

    if (item != NULL && item->node != NULL)
      set_selection (self, item->node, 1, TRUE);
  }
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    SyCanvas         *self)
{
  const char *key = g_object_get_data (G_OBJECT (dialog), "node-key");
  Item *item = find_item_by_key (self, key);

  if (item == NULL || item->node == NULL || g_str_equal (response, "cancel"))
    return;

  if (g_str_equal (response, "all"))
    delete_node (self, item->node, NULL);
  else if (g_str_has_prefix (response, "keep:"))
    delete_node (self, item->node, response + strlen ("keep:"));
}

/* A branching node with non-empty branches: ask what to keep. */
static void
ask_delete (SyCanvas *self,
            Item     *item)
{
  const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (item->node));
  const char *title = sy_node_get_title (item->node);
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (title == NULL)
    title = kind != NULL ? _(kind->title) : sy_node_get_key (item->node);

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
  g_object_set_data_full (G_OBJECT (dialog), "node-key", g_strdup (sy_node_get_key (item->node)), g_free);
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
  Point point = { 0 };

  g_variant_get (parameter, "(&s&su&s)", &parent_key, &branch, &point.position, &type);
  if (*parent_key != '\0')
    {
      Item *item = find_item_by_key (self, parent_key);

      if (item == NULL || item->node == NULL)
        {
          g_message (_("There is no node “%s” to insert into"), parent_key);
          return;
        }
      point.parent = item->node;
      point.branch = (char *) branch;
    }

  insert_at (self, &point, type);
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
  const Point *point;

  if (self->insert_point < 0 || self->insert_point >= (int) self->points->len)
    return;

  point = &g_array_index (self->points, Point, self->insert_point);
  gtk_widget_activate_action (GTK_WIDGET (self), "canvas.insert", "(ssus)",
                              point->parent != NULL ? sy_node_get_key (point->parent) : "",
                              point->branch != NULL ? point->branch : "", point->position, type);
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

static void
open_insert_menu (SyCanvas *self,
                  int       index)
{
  const Point *point = &g_array_index (self->points, Point, index);
  double vx, vy;

  ensure_insert_popover (self);
  self->insert_point = index;
  sy_canvas_model_to_view (self, point->x, point->y, &vx, &vy);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->insert_popover),
                               &(GdkRectangle) { vx - PLUS_R * self->zoom, vy - PLUS_R * self->zoom,
                                                 2 * PLUS_R * self->zoom, 2 * PLUS_R * self->zoom });
  gtk_editable_set_text (GTK_EDITABLE (self->insert_search), "");
  gtk_popover_popup (GTK_POPOVER (self->insert_popover));
  gtk_widget_grab_focus (self->insert_search);
}

/* Keyboard path to the "+": the point after the selection. */
static void
action_open_insert_menu (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SyCanvas *self = SY_CANVAS (widget);
  SyNode *node = sy_canvas_get_selected_node (self);
  SyNode *parent = node != NULL ? sy_node_get_parent (node) : NULL;
  guint position = 0;

  sy_canvas_ensure_layout (self);
  if (node != NULL)
    {
      g_ptr_array_find (sy_node_get_chain (node), node, &position);
      position += self->selected_count;
    }

  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *point = &g_array_index (self->points, Point, i);

      if (point->parent == parent && point->position == position
          && g_strcmp0 (point->branch, node != NULL ? sy_node_get_parent_branch (node) : NULL) == 0)
        {
          open_insert_menu (self, i);
          return;
        }
    }
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
    open_insert_menu (self, point);
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
  g_clear_pointer (&self->drag_key, g_free);

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
      self->drag_key = g_strdup (sy_node_get_key (item->node));
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
  if (self->drag_mode == DRAG_CARD && self->drag_moving && self->drag_key != NULL)
    sy_canvas_drop_node_at (self, self->drag_key, self->drag_start_x + dx, self->drag_start_y + dy);

  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  self->drag_mode = DRAG_NONE;
  self->drop_point = -1;
  g_clear_pointer (&self->drag_key, g_free);
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
  const char *direction = g_variant_get_string (parameter, NULL);
  guint keyval = g_str_equal (direction, "up") ? GDK_KEY_Up
                 : g_str_equal (direction, "down") ? GDK_KEY_Down
                 : g_str_equal (direction, "left") ? GDK_KEY_Left : GDK_KEY_Right;

  if (self->document != NULL)
    navigate (self, keyval);
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

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SyCanvas              *self)
{
  SyNode *node = sy_canvas_get_selected_node (self);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || self->document == NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Menu:
      if (node == NULL)
        return FALSE;
      {
        Item *item = lookup_item (self, node);
        double vx, vy;

        sy_canvas_model_to_view (self, item->x + CARD_W / 2, item->y + item->card_h, &vx, &vy);
        open_context_menu (self, item, vx, vy);
      }
      return TRUE;
    default:
      return FALSE;
    }
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
  /* Drawn cards hold colours: rebuild them in the new style. */
  if (self->trigger != NULL)
    g_clear_pointer (&self->trigger->drawn, gsk_render_node_unref);
  for (guint i = 0; i < self->order->len; i++)
    g_clear_pointer (&((Item *) g_ptr_array_index (self->order, i))->drawn, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->trigger, item_free);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sy_canvas_parent_class)->dispose (object);
}

static void
sy_canvas_finalize (GObject *object)
{
  SyCanvas *self = SY_CANVAS (object);

  clear_primitives (self);
  g_array_unref (self->edges);
  g_array_unref (self->labels);
  g_array_unref (self->points);
  g_ptr_array_unref (self->order);
  g_free (self->selected_key);
  g_free (self->drag_key);

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

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "canvas.navigate", "s", "up");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "canvas.navigate", "s", "down");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "canvas.navigate", "s", "left");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "canvas.navigate", "s", "right");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "canvas.activate-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "canvas.activate-selection", NULL);

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
  GtkEventController *scroll, *motion, *key;
  GtkDropTarget *drop;

  self->items = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) item_free);
  self->order = g_ptr_array_new ();
  self->edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  self->labels = g_array_new (FALSE, FALSE, sizeof (Label));
  self->points = g_array_new (FALSE, FALSE, sizeof (Point));
  self->zoom = 1.0;
  self->hover_point = -1;
  self->drop_point = -1;
  self->insert_point = -1;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (widget, "view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Workflow"), -1);

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

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (widget, key);

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (drop, "enter", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_dark_changed), self,
                           G_CONNECT_SWAPPED);
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
  g_clear_pointer (&self->selected_key, g_free);
  self->selected_count = 0;
  self->view_placed = FALSE;

  if (document != NULL)
    {
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
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom;

  g_return_if_fail (SY_IS_CANVAS (self));

  sy_canvas_ensure_layout (self);
  if (width <= 0 || height <= 0 || self->bounds.size.width <= 0)
    return;

  zoom = MIN ((width - 2 * MARGIN) / self->bounds.size.width, (height - 2 * MARGIN) / self->bounds.size.height);
  zoom = CLAMP (MIN (zoom, 1.0), ZOOM_MIN, ZOOM_MAX);
  self->zoom = zoom;
  self->pan_x = width / 2.0 - (self->bounds.origin.x + self->bounds.size.width / 2) * zoom;
  self->pan_y = MAX (MARGIN, height / 2.0 - (self->bounds.origin.y + self->bounds.size.height / 2) * zoom);
  self->view_placed = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

GtkWidget *
sy_canvas_get_node_card (SyCanvas   *self,
                         const char *key)
{
  Item *item;

  g_return_val_if_fail (SY_IS_CANVAS (self), NULL);

  item = find_item_by_key (self, key);
  return item != NULL ? item->card : NULL;
}

gboolean
sy_canvas_get_node_rect (SyCanvas        *self,
                         const char      *key,
                         graphene_rect_t *rect)
{
  Item *item;

  g_return_val_if_fail (SY_IS_CANVAS (self), FALSE);

  sy_canvas_ensure_layout (self);
  item = find_item_by_key (self, key);
  if (item == NULL)
    return FALSE;

  graphene_rect_init (rect, item->x, item->y, CARD_W, item->card_h);
  return TRUE;
}

GPtrArray *
sy_canvas_get_insert_points (SyCanvas *self)
{
  GPtrArray *points = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_canvas_insert_point_free);

  g_return_val_if_fail (SY_IS_CANVAS (self), points);

  sy_canvas_ensure_layout (self);
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *point = &g_array_index (self->points, Point, i);
      SyCanvasInsertPoint *copy = g_new0 (SyCanvasInsertPoint, 1);

      copy->parent_key = point->parent != NULL ? g_strdup (sy_node_get_key (point->parent)) : NULL;
      copy->branch = g_strdup (point->branch);
      copy->position = point->position;
      graphene_rect_init (&copy->rect, point->x - PLUS_R, point->y - PLUS_R, 2 * PLUS_R, 2 * PLUS_R);
      g_ptr_array_add (points, copy);
    }

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

gboolean
sy_canvas_get_drawn_mode (SyCanvas *self)
{
  g_return_val_if_fail (SY_IS_CANVAS (self), FALSE);

  return drawn_mode (self);
}
