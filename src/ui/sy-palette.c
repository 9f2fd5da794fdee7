/* sy-palette.c — node types to drag onto the canvas or activate
 *
 * One row per node kind, grouped under category headers. Each row is a drag
 * source offering the type id as a string, which SyCanvas's drop target
 * accepts; activating a row emits "type-activated".
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sy-node-kind.h"
#include "sy-palette.h"

struct _SyPalette
{
  GtkWidget  parent_instance;

  GtkWidget *search_entry;
  GtkWidget *list;
  char      *query;   /* casefolded */
};

G_DEFINE_FINAL_TYPE (SyPalette, sy_palette, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_TYPE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  SyPalette *self = user_data;
  const char *haystack = g_object_get_data (G_OBJECT (row), "haystack");

  return self->query == NULL || *self->query == '\0' || strstr (haystack, self->query) != NULL;
}

static void
update_header (GtkListBoxRow *row,
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

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  return gdk_content_provider_new_typed (G_TYPE_STRING, g_object_get_data (G_OBJECT (row), "type"));
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *row)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, 12, 12);
}

static GtkWidget *
make_row (const SyNodeKind *kind)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (kind->icon_name);
  GtkWidget *title = gtk_label_new (_(kind->title));
  GtkWidget *description = gtk_label_new (kind->description != NULL ? _(kind->description) : NULL);
  GtkDragSource *source = gtk_drag_source_new ();
  g_autofree char *category_class = g_strdup_printf ("category-%s", kind->category);
  g_autofree char *haystack = g_strdup_printf ("%s\n%s\n%s\n%s", _(kind->title), kind->type,
                                               kind->description != NULL ? _(kind->description) : "",
                                               sy_node_category_title (kind->category));

  gtk_widget_add_css_class (icon, "sy-node-icon");
  gtk_widget_add_css_class (icon, category_class);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 28);
  /* Wrapped at the width the palette has, not at the 28 characters asked
   * for: a wider palette shows fewer lines. */
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_add_css_class (description, "caption");
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_set_visible (description, kind->description != NULL);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), description);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "sy-palette-row");

  g_object_set_data_full (G_OBJECT (row), "type", g_strdup (kind->type), g_free);
  g_object_set_data (G_OBJECT (row), "category", (gpointer) kind->category);
  g_object_set_data_full (G_OBJECT (row), "haystack", g_utf8_casefold (haystack, -1), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, _(kind->title),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  kind->description != NULL ? _(kind->description) : "", -1);

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  return row;
}

static void
on_search_changed (SyPalette *self)
{
  sy_palette_set_query (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_row_activated (SyPalette     *self,
                  GtkListBoxRow *row)
{
  g_signal_emit (self, signals[SIGNAL_TYPE_ACTIVATED], 0, g_object_get_data (G_OBJECT (row), "type"));
}

static GtkListBoxRow *
first_visible_row (SyPalette *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child))
      return GTK_LIST_BOX_ROW (child);

  return NULL;
}

static void
on_search_activate (SyPalette *self)
{
  GtkListBoxRow *row = first_visible_row (self);

  if (row != NULL)
    on_row_activated (self, row);
}

static void
sy_palette_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), SY_TYPE_PALETTE);
  /* The scrolled window is not a bound child: unparent what remains. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sy_palette_parent_class)->dispose (object);
}

static void
sy_palette_finalize (GObject *object)
{
  g_free (SY_PALETTE (object)->query);

  G_OBJECT_CLASS (sy_palette_parent_class)->finalize (object);
}

static void
sy_palette_class_init (SyPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_palette_dispose;
  object_class->finalize = sy_palette_finalize;

  signals[SIGNAL_TYPE_ACTIVATED] =
    g_signal_new ("type-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/switchyard/Switchyard/sy-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, SyPalette, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SyPalette, list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_set_css_name (widget_class, "sy-palette");
}

static void
sy_palette_init (SyPalette *self)
{
  g_autoptr(GPtrArray) kinds = sy_node_kind_list ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list), filter_row, self, NULL);
  gtk_list_box_set_header_func (GTK_LIST_BOX (self->list), update_header, NULL, NULL);
  for (guint i = 0; i < kinds->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list), make_row (g_ptr_array_index (kinds, i)));
}

GtkWidget *
sy_palette_new (void)
{
  return g_object_new (SY_TYPE_PALETTE, NULL);
}

void
sy_palette_set_query (SyPalette  *self,
                      const char *query)
{
  g_return_if_fail (SY_IS_PALETTE (self));

  g_free (self->query);
  self->query = query != NULL ? g_utf8_casefold (query, -1) : NULL;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), query != NULL ? query : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query != NULL ? query : "");
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
}

guint
sy_palette_get_n_visible (SyPalette *self)
{
  guint n = 0;

  g_return_val_if_fail (SY_IS_PALETTE (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && filter_row (GTK_LIST_BOX_ROW (child), self))
      n++;

  return n;
}

gboolean
sy_palette_activate_type (SyPalette  *self,
                          const char *type)
{
  g_return_val_if_fail (SY_IS_PALETTE (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (g_object_get_data (G_OBJECT (child), "type"), type) == 0)
      {
        g_signal_emit_by_name (self->list, "row-activated", child);
        return TRUE;
      }

  return FALSE;
}
