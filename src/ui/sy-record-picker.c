/* sy-record-picker.c — choose the record a belongs-to field points to
 *
 * The popover lists the target's records by title through a
 * SyRecordListModel, so a target of 100,000 records opens as fast as a
 * small one; the search is a filter the store runs.
 */
#define G_LOG_DOMAIN "switchyard-data"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-json.h"
#include "sy-record-format.h"
#include "sy-record-list-model.h"
#include "sy-record-picker.h"

struct _SyRecordPicker
{
  GtkWidget          parent_instance;

  SyCollectionStore *reader;
  SyCollection      *target;
  SyRecordListModel *model;
  gint64             id;
  char              *label;

  /* template children */
  GtkMenuButton     *button;
  GtkPopover        *popover;
  GtkSearchEntry    *search_entry;
  GtkListView       *list_view;
};

G_DEFINE_FINAL_TYPE (SyRecordPicker, sy_record_picker, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_label (SyRecordPicker *self,
            const char     *label)
{
  g_free (self->label);
  self->label = g_strdup (label);
  gtk_menu_button_set_label (self->button, label);
}

static void
choose (SyRecordPicker *self,
        gint64          id,
        const char     *label)
{
  self->id = id;
  show_label (self, id > 0 ? label : _("None"));
  gtk_popover_popdown (self->popover);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
apply_search (SyRecordPicker *self,
              const char     *text)
{
  const SyCollectionField *title = sy_record_title_field (self->target);
  g_autoptr(JsonNode) filter = NULL;

  if (text != NULL && text[0] != '\0')
    {
      JsonObject *test = json_object_new ();
      JsonObject *condition = json_object_new ();
      gint64 id;

      if (title != NULL)
        json_object_set_string_member (test, "$includes", text);
      else if (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
        json_object_set_int_member (test, "$eq", id);
      else
        json_object_set_int_member (test, "$eq", 0);
      json_object_set_object_member (condition, title != NULL ? title->name : SY_RECORD_ID, test);
      filter = sy_json_node_take_object (condition);
    }

  sy_record_list_model_set_query (self->model, filter, title != NULL ? title->name : NULL);
}

static void
on_search_changed (SyRecordPicker *self)
{
  apply_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_row_activated (SyRecordPicker *self,
                  guint           position)
{
  sy_record_picker_pick (self, position);
}

/* Enter picks the first match. */
static void
on_search_activate (SyRecordPicker *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    sy_record_picker_pick (self, 0);
}

static void
on_none_clicked (SyRecordPicker *self)
{
  choose (self, 0, NULL);
}

static void
on_popover_show (SyRecordPicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_search (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item)
{
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          SyRecordPicker           *self)
{
  SyRecordItem *item = gtk_list_item_get_item (list_item);
  JsonObject *record = sy_record_item_get_record (item);
  g_autofree char *title = record != NULL ? sy_record_format_title (self->target, record) : g_strdup ("");

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (list_item)), title);
}

static void
sy_record_picker_dispose (GObject *object)
{
  SyRecordPicker *self = SY_RECORD_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_RECORD_PICKER);
  g_clear_object (&self->model);
  g_clear_object (&self->reader);
  g_clear_object (&self->target);

  G_OBJECT_CLASS (sy_record_picker_parent_class)->dispose (object);
}

static void
sy_record_picker_finalize (GObject *object)
{
  g_free (SY_RECORD_PICKER (object)->label);

  G_OBJECT_CLASS (sy_record_picker_parent_class)->finalize (object);
}

static void
sy_record_picker_class_init (SyRecordPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_record_picker_dispose;
  object_class->finalize = sy_record_picker_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/switchyard/Switchyard/sy-record-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, SyRecordPicker, button);
  gtk_widget_class_bind_template_child (widget_class, SyRecordPicker, popover);
  gtk_widget_class_bind_template_child (widget_class, SyRecordPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SyRecordPicker, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_none_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show);
}

static void
sy_record_picker_init (SyRecordPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->model = sy_record_list_model_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->model)))));
  show_label (self, _("None"));
}

GtkWidget *
sy_record_picker_new (SyCollectionStore *reader,
                      SyCollection      *target)
{
  SyRecordPicker *self = g_object_new (SY_TYPE_RECORD_PICKER, NULL);

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (reader), GTK_WIDGET (self));
  g_return_val_if_fail (SY_IS_COLLECTION (target), GTK_WIDGET (self));

  self->reader = g_object_ref (reader);
  self->target = g_object_ref (target);
  sy_record_list_model_set_source (self->model, reader, sy_collection_get_name (target));
  apply_search (self, NULL);
  return GTK_WIDGET (self);
}

void
sy_record_picker_set_id (SyRecordPicker *self,
                         gint64          id)
{
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (SY_IS_RECORD_PICKER (self));

  self->id = MAX (id, 0);
  if (self->id > 0 && self->reader != NULL)
    record = sy_collection_store_get_record (self->reader, sy_collection_get_name (self->target), self->id, NULL, NULL);
  if (record != NULL)
    label = sy_record_format_title (self->target, record);
  else if (self->id > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->id);

      /* Translators: a link to a record that is not there, "#7 (missing)" */
      label = g_strdup_printf (_("#%s (missing)"), number);
    }
  show_label (self, label != NULL ? label : _("None"));
}

gint64
sy_record_picker_get_id (SyRecordPicker *self)
{
  g_return_val_if_fail (SY_IS_RECORD_PICKER (self), 0);

  return self->id;
}

const char *
sy_record_picker_get_label (SyRecordPicker *self)
{
  g_return_val_if_fail (SY_IS_RECORD_PICKER (self), NULL);

  return self->label;
}

void
sy_record_picker_search (SyRecordPicker *self,
                         const char     *text)
{
  g_return_if_fail (SY_IS_RECORD_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  apply_search (self, text);
}

guint
sy_record_picker_get_n_shown (SyRecordPicker *self)
{
  g_return_val_if_fail (SY_IS_RECORD_PICKER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

void
sy_record_picker_pick (SyRecordPicker *self,
                       guint           position)
{
  g_autoptr(SyRecordItem) item = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (SY_IS_RECORD_PICKER (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (item == NULL || sy_record_item_get_record (item) == NULL)
    return;

  title = sy_record_format_title (self->target, sy_record_item_get_record (item));
  choose (self, sy_record_item_get_id (item), title);
}
