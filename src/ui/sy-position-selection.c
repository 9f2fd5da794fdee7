/* sy-position-selection.c — a multiple selection that keeps positions only */
#include "config.h"

#include "sy-position-selection.h"

struct _SyPositionSelection
{
  GObject     parent_instance;

  GListModel *model;
  GtkBitset  *selected;
};

static void sy_position_selection_list_model_init (GListModelInterface *iface);
static void sy_position_selection_selection_model_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyPositionSelection, sy_position_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sy_position_selection_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      sy_position_selection_selection_model_init))

/* ── GListModel: the model's rows as they are ─────────────────────────── */

static GType
sy_position_selection_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (SY_POSITION_SELECTION (list)->model);
}

static guint
sy_position_selection_get_n_items (GListModel *list)
{
  return g_list_model_get_n_items (SY_POSITION_SELECTION (list)->model);
}

static gpointer
sy_position_selection_get_item (GListModel *list,
                                guint       position)
{
  return g_list_model_get_item (SY_POSITION_SELECTION (list)->model, position);
}

static void
sy_position_selection_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sy_position_selection_get_item_type;
  iface->get_n_items = sy_position_selection_get_n_items;
  iface->get_item = sy_position_selection_get_item;
}

/* ── GtkSelectionModel: the rest of its methods come from set_selection ─ */

static gboolean
sy_position_selection_is_selected (GtkSelectionModel *model,
                                   guint              position)
{
  return gtk_bitset_contains (SY_POSITION_SELECTION (model)->selected, position);
}

static GtkBitset *
sy_position_selection_get_selection_in_range (GtkSelectionModel *model,
                                              guint              position,
                                              guint              n_items)
{
  return gtk_bitset_ref (SY_POSITION_SELECTION (model)->selected);
}

static gboolean
sy_position_selection_set_selection (GtkSelectionModel *model,
                                     GtkBitset         *selected,
                                     GtkBitset         *mask)
{
  SyPositionSelection *self = SY_POSITION_SELECTION (model);
  guint n_items = g_list_model_get_n_items (self->model);
  g_autoptr(GtkBitset) changes = gtk_bitset_copy (self->selected);
  guint first;
  guint last;

  /* The positions under the mask whose state differs, within the rows. */
  gtk_bitset_difference (changes, selected);
  gtk_bitset_intersect (changes, mask);
  gtk_bitset_remove_range_closed (changes, n_items, G_MAXUINT);
  if (gtk_bitset_is_empty (changes))
    return TRUE;

  first = gtk_bitset_get_minimum (changes);
  last = gtk_bitset_get_maximum (changes);
  gtk_bitset_difference (self->selected, changes);
  gtk_selection_model_selection_changed (model, first, last - first + 1);
  return TRUE;
}

static void
sy_position_selection_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = sy_position_selection_is_selected;
  iface->get_selection_in_range = sy_position_selection_get_selection_in_range;
  iface->set_selection = sy_position_selection_set_selection;
}

/* Selected positions move with inserted and removed rows. */
static void
on_items_changed (SyPositionSelection *self,
                  guint                position,
                  guint                removed,
                  guint                added)
{
  gtk_bitset_splice (self->selected, position, removed, added);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* ── Object ───────────────────────────────────────────────────────────── */

static void
sy_position_selection_dispose (GObject *object)
{
  SyPositionSelection *self = SY_POSITION_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (sy_position_selection_parent_class)->dispose (object);
}

static void
sy_position_selection_finalize (GObject *object)
{
  SyPositionSelection *self = SY_POSITION_SELECTION (object);

  gtk_bitset_unref (self->selected);

  G_OBJECT_CLASS (sy_position_selection_parent_class)->finalize (object);
}

static void
sy_position_selection_class_init (SyPositionSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sy_position_selection_dispose;
  object_class->finalize = sy_position_selection_finalize;
}

static void
sy_position_selection_init (SyPositionSelection *self)
{
  self->selected = gtk_bitset_new_empty ();
}

SyPositionSelection *
sy_position_selection_new (GListModel *model)
{
  SyPositionSelection *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (SY_TYPE_POSITION_SELECTION, NULL);
  self->model = model;
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  return self;
}
