/* sy-filter-bar.c — the data view's filter: conditions joined by all or any
 *
 * "changed" is emitted only when the filter the conditions make is
 * different (typing a value that is still incomplete changes nothing).
 */
#define G_LOG_DOMAIN "switchyard-data"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-filter-bar.h"
#include "sy-widget-util.h"
#include "sy-filter-row.h"
#include "sy-json.h"

struct _SyFilterBar
{
  GtkWidget    parent_instance;

  GPtrArray   *fields;
  JsonNode    *last;   /* the filter last announced */

  /* template children */
  GtkDropDown *match_dropdown;
  GtkBox      *rows_box;
  GtkWidget   *add_button;
  GtkWidget   *clear_button;
};

G_DEFINE_FINAL_TYPE (SyFilterBar, sy_filter_bar, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
same_filter (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static void
check_changed (SyFilterBar *self)
{
  g_autoptr(JsonNode) filter = sy_filter_bar_get_filter (self);

  gtk_widget_set_sensitive (self->clear_button, gtk_widget_get_first_child (GTK_WIDGET (self->rows_box)) != NULL);
  if (same_filter (filter, self->last))
    return;

  g_clear_pointer (&self->last, json_node_unref);
  self->last = g_steal_pointer (&filter);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_row_remove (SyFilterBar *self,
               GtkWidget   *row)
{
  gtk_box_remove (self->rows_box, row);
  check_changed (self);
}

static void
on_add_clicked (SyFilterBar *self)
{
  sy_filter_bar_add_condition (self, NULL, NULL, NULL);
}

static void
on_match_selected (SyFilterBar *self)
{
  check_changed (self);
}

static void
sy_filter_bar_dispose (GObject *object)
{
  SyFilterBar *self = SY_FILTER_BAR (object);

  sy_widget_dispose_template_children (GTK_WIDGET (self), SY_TYPE_FILTER_BAR);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->last, json_node_unref);

  G_OBJECT_CLASS (sy_filter_bar_parent_class)->dispose (object);
}

static void
sy_filter_bar_class_init (SyFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_filter_bar_dispose;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ADW_TYPE_BUTTON_CONTENT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/switchyard/Switchyard/sy-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, SyFilterBar, match_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SyFilterBar, rows_box);
  gtk_widget_class_bind_template_child (widget_class, SyFilterBar, add_button);
  gtk_widget_class_bind_template_child (widget_class, SyFilterBar, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_match_selected);
  gtk_widget_class_bind_template_callback (widget_class, sy_filter_bar_clear);
  gtk_widget_class_set_css_name (widget_class, "sy-filter-bar");
}

static void
sy_filter_bar_init (SyFilterBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sy_filter_bar_new (void)
{
  return g_object_new (SY_TYPE_FILTER_BAR, NULL);
}

void
sy_filter_bar_set_collection (SyFilterBar       *self,
                              SyCollection      *collection,
                              SyCollectionStore *reader)
{
  g_return_if_fail (SY_IS_FILTER_BAR (self));

  sy_widget_remove_children (GTK_WIDGET (self->rows_box));
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  if (collection != NULL)
    self->fields = sy_filter_fields_new (collection, reader);
  gtk_widget_set_sensitive (self->add_button, self->fields != NULL);
  check_changed (self);
}

gboolean
sy_filter_bar_add_condition (SyFilterBar *self,
                             const char  *path,
                             const char  *op,
                             const char  *value)
{
  GtkWidget *row;

  g_return_val_if_fail (SY_IS_FILTER_BAR (self), FALSE);

  if (self->fields == NULL)
    return FALSE;

  row = sy_filter_row_new (self->fields);
  if (path != NULL && !sy_filter_row_set (SY_FILTER_ROW (row), path, op, value))
    {
      g_object_ref_sink (row);
      g_object_unref (row);
      return FALSE;
    }

  g_signal_connect_object (row, "changed", G_CALLBACK (check_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_row_remove), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->rows_box, row);
  check_changed (self);
  return TRUE;
}

void
sy_filter_bar_clear (SyFilterBar *self)
{
  g_return_if_fail (SY_IS_FILTER_BAR (self));

  sy_widget_remove_children (GTK_WIDGET (self->rows_box));
  check_changed (self);
}

guint
sy_filter_bar_get_n_conditions (SyFilterBar *self)
{
  guint n = 0;

  g_return_val_if_fail (SY_IS_FILTER_BAR (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

void
sy_filter_bar_set_match_all (SyFilterBar *self,
                             gboolean     match_all)
{
  g_return_if_fail (SY_IS_FILTER_BAR (self));

  gtk_drop_down_set_selected (self->match_dropdown, match_all ? 0 : 1);
}

JsonNode *
sy_filter_bar_get_filter (SyFilterBar *self)
{
  g_autoptr(JsonArray) conditions = json_array_new ();
  JsonObject *filter;

  g_return_val_if_fail (SY_IS_FILTER_BAR (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      JsonNode *condition = sy_filter_row_get_condition (SY_FILTER_ROW (child));

      if (condition != NULL)
        json_array_add_element (conditions, condition);
    }

  if (json_array_get_length (conditions) == 0)
    return NULL;

  filter = json_object_new ();
  json_object_set_array_member (filter, gtk_drop_down_get_selected (self->match_dropdown) == 0 ? "$and" : "$or",
                                g_steal_pointer (&conditions));
  return sy_json_node_take_object (filter);
}
