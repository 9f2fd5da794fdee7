/* sy-records-view.c — a collection's records in a table: sort, filter, search
 *
 * The rows come from a SyRecordListModel (pages read on demand) through a
 * GtkMultiSelection. Sorting happens in the store, not in GTK: each
 * column's sorter only tells which column a header click made the primary
 * one. GTK 4.8 has no getter for that, so the view asks its column view's
 * sorter to compare two probe items: the primary column's sorter
 * is the first one asked, records itself and answers "smaller", which the
 * column view turns into "larger" when the order is descending.
 */
#define G_LOG_DOMAIN "switchyard-data"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-filter-bar.h"
#include "sy-json.h"
#include "sy-record-format.h"
#include "sy-records-view.h"
#include "sy-widget-util.h"

typedef enum
{
  COLUMN_ID,
  COLUMN_FIELD,
  COLUMN_TIME,
  COLUMN_MENU,
} ColumnKind;

typedef struct
{
  SyRecordsView           *view;   /* borrowed: the view owns the columns */
  ColumnKind               kind;
  char                    *name;   /* record member */
  char                    *sort;   /* sort path */
  SyCollectionField       *field;  /* borrowed from `collection`; NULL for id and times */
  SyCollection            *target; /* belongs-to */
  GtkColumnViewColumn     *column;
} ColumnInfo;

struct _SyRecordsView
{
  GtkWidget            parent_instance;

  SyCollectionStore   *reader;
  SyCollection        *collection;
  SyRecordListModel   *model;
  GtkMultiSelection   *selection;
  GPtrArray           *columns;  /* of ColumnInfo */
  char                *search;
  char                *sort;
  JsonNode            *filter;
  GObject             *probe;     /* two probe items: GTK says equal items are equal */
  GObject             *probe_other;
  ColumnInfo          *probe_hit;
  gboolean             sorting;  /* sort_by() is setting the column view's sorter */

  SyRecordMenuFunc     menu_func;
  gpointer             menu_data;

  /* template children */
  GtkBox              *toolbar;
  GtkSearchEntry      *search_entry;
  GtkToggleButton     *filter_button;
  GtkRevealer         *filter_revealer;
  SyFilterBar         *filter_bar;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  AdwStatusPage       *empty_page;
  GtkLabel            *count_label;
};

G_DEFINE_FINAL_TYPE (SyRecordsView, sy_records_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_RECORD_ACTIVATED,
  SIGNAL_SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
column_info_free (ColumnInfo *info)
{
  if (info->column != NULL)
    gtk_column_view_column_set_sorter (info->column, NULL);
  g_free (info->name);
  g_free (info->sort);
  g_clear_object (&info->target);
  g_clear_object (&info->column);
  g_free (info);
}

/* ── State shown ──────────────────────────────────────────────────────── */

static void
update_state (SyRecordsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  const char *error = sy_record_list_model_get_error (self->model);
  g_autofree char *number = NULL;
  g_autofree char *count = NULL;

  if (self->collection == NULL)
    {
      gtk_label_set_text (self->count_label, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      adw_status_page_set_title (self->empty_page, _("No Collection"));
      adw_status_page_set_description (self->empty_page, NULL);
      return;
    }

  number = g_strdup_printf ("%u", n);
  count = g_strdup_printf (ngettext ("%s record", "%s records", n), number);
  gtk_label_set_text (self->count_label, count);

  if (error != NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      adw_status_page_set_icon_name (self->empty_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->empty_page, _("The Records Cannot Be Shown"));
      adw_status_page_set_description (self->empty_page, error);
      return;
    }

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "rows");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "empty");
  adw_status_page_set_icon_name (self->empty_page, "x-office-spreadsheet-symbolic");
  if (self->filter != NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Records"));
      adw_status_page_set_description (self->empty_page, _("Try other words or conditions."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Records Yet"));
      adw_status_page_set_description (self->empty_page, _("Add a record, or import a CSV file."));
    }
}

/* ── Query ────────────────────────────────────────────────────────────── */

/* {"$or": [{"name": {"$includes": text}}, …]} over the text fields and
 * the titles of linked records; a number also finds that id. */
static JsonNode *
search_filter (SyRecordsView *self)
{
  g_autoptr(JsonArray) any = json_array_new ();
  JsonObject *filter;
  gint64 id;

  if (self->search == NULL || self->collection == NULL)
    return NULL;

  for (guint i = 0; i < self->columns->len; i++)
    {
      ColumnInfo *info = g_ptr_array_index (self->columns, i);
      const SyCollectionField *title;
      g_autofree char *path = NULL;
      JsonObject *test;
      JsonObject *condition;

      if (info->field == NULL)
        continue;
      switch (info->field->type)
        {
        case SY_FIELD_TYPE_STRING:
        case SY_FIELD_TYPE_TEXT:
        case SY_FIELD_TYPE_CHOICE:
          path = g_strdup (info->field->name);
          break;
        case SY_FIELD_TYPE_BELONGS_TO:
          title = info->target != NULL ? sy_record_title_field (info->target) : NULL;
          if (title != NULL)
            path = g_strdup_printf ("%s.%s", info->field->name, title->name);
          break;
        default:
          break;
        }
      if (path == NULL)
        continue;

      test = json_object_new ();
      json_object_set_string_member (test, "$includes", self->search);
      condition = json_object_new ();
      json_object_set_object_member (condition, path, test);
      json_array_add_object_element (any, condition);
    }

  if (g_ascii_string_to_signed (self->search, 10, 1, G_MAXINT64, &id, NULL))
    {
      JsonObject *condition = json_object_new ();

      json_object_set_int_member (condition, SY_RECORD_ID, id);
      json_array_add_object_element (any, condition);
    }

  /* Nothing to look in: nothing matches. */
  if (json_array_get_length (any) == 0)
    {
      JsonObject *condition = json_object_new ();

      json_object_set_int_member (condition, SY_RECORD_ID, 0);
      json_array_add_object_element (any, condition);
    }

  filter = json_object_new ();
  json_object_set_array_member (filter, "$or", g_steal_pointer (&any));
  return sy_json_node_take_object (filter);
}

static void
apply_query (SyRecordsView *self)
{
  g_autoptr(JsonNode) bar = sy_filter_bar_get_filter (self->filter_bar);
  g_autoptr(JsonNode) search = search_filter (self);

  g_clear_pointer (&self->filter, json_node_unref);
  if (bar != NULL && search != NULL)
    {
      JsonArray *both = json_array_new ();
      JsonObject *filter = json_object_new ();

      json_array_add_element (both, g_steal_pointer (&bar));
      json_array_add_element (both, g_steal_pointer (&search));
      json_object_set_array_member (filter, "$and", both);
      self->filter = sy_json_node_take_object (filter);
    }
  else if (bar != NULL)
    self->filter = g_steal_pointer (&bar);
  else
    self->filter = g_steal_pointer (&search);

  sy_record_list_model_set_query (self->model, self->filter, self->sort);
  /* Conditions hold while the bar is hidden: the button says so. */
  if (sy_filter_bar_get_n_conditions (self->filter_bar) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
  update_state (self);
}

/* ── Sorting ──────────────────────────────────────────────────────────── */

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ColumnInfo *info = user_data;

  if (a == info->view->probe)
    {
      if (info->view->probe_hit == NULL)
        info->view->probe_hit = info;
      return GTK_ORDERING_SMALLER;
    }
  return GTK_ORDERING_EQUAL;
}

static void
on_sorter_changed (SyRecordsView *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering order;

  if (self->sorting)
    return;

  self->probe_hit = NULL;
  order = gtk_sorter_compare (sorter, self->probe, self->probe_other);

  g_clear_pointer (&self->sort, g_free);
  if (self->probe_hit != NULL && order != GTK_ORDERING_EQUAL)
    self->sort = order == GTK_ORDERING_LARGER ? g_strconcat ("-", self->probe_hit->sort, NULL)
                                              : g_strdup (self->probe_hit->sort);
  self->probe_hit = NULL;

  apply_query (self);
}

/* ── Cells ────────────────────────────────────────────────────────────── */

static char *
cell_text (ColumnInfo   *info,
           SyRecordItem *item)
{
  JsonNode *value = sy_record_item_get_value (item, info->name);

  switch (info->kind)
    {
    case COLUMN_ID:
      return value != NULL && JSON_NODE_HOLDS_VALUE (value) ? json_to_string (value, FALSE) : g_strdup ("");
    case COLUMN_TIME:
      {
        SyCollectionField time = { .name = info->name, .type = SY_FIELD_TYPE_DATETIME };

        return sy_record_format_value (&time, value, NULL);
      }
    case COLUMN_FIELD:
      return sy_record_format_value (info->field, value, info->target);
    case COLUMN_MENU:
    default:
      return g_strdup ("");
    }
}

/* The menu is made for the row's record when it opens. */
static void
create_row_menu (GtkMenuButton *button,
                 gpointer       user_data)
{
  ColumnInfo *info = user_data;
  GtkListItem *list_item = g_object_get_data (G_OBJECT (button), "sy-list-item");
  SyRecordItem *item = list_item != NULL ? gtk_list_item_get_item (list_item) : NULL;
  g_autoptr(GMenuModel) menu = NULL;

  if (item == NULL || info->view->menu_func == NULL || sy_record_item_get_id (item) == 0)
    return;

  menu = info->view->menu_func (sy_record_item_get_id (item), info->view->menu_data);
  gtk_menu_button_set_menu_model (button, menu);
}

/* Room for a typical value of the column. */
static int
natural_chars (ColumnInfo *info)
{
  if (info->kind == COLUMN_ID)
    return 7;
  if (info->kind == COLUMN_TIME)
    return 19;

  switch (info->field->type)
    {
    case SY_FIELD_TYPE_INTEGER:
    case SY_FIELD_TYPE_NUMBER:
    case SY_FIELD_TYPE_BOOLEAN:
      return 6;
    case SY_FIELD_TYPE_DATE:
      return 10;
    case SY_FIELD_TYPE_DATETIME:
      return 19;
    case SY_FIELD_TYPE_TEXT:
    case SY_FIELD_TYPE_JSON:
      return 24;
    case SY_FIELD_TYPE_STRING:
    case SY_FIELD_TYPE_CHOICE:
    case SY_FIELD_TYPE_BELONGS_TO:
    default:
      return 12;
    }
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            ColumnInfo               *info)
{
  GtkWidget *cell;

  if (info->kind == COLUMN_MENU)
    {
      cell = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (cell), "view-more-symbolic");
      gtk_widget_set_tooltip_text (cell, _("Record Actions"));
      gtk_widget_add_css_class (cell, "flat");
      gtk_widget_add_css_class (cell, "sy-row-menu");
      gtk_widget_set_halign (cell, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (cell), "sy-list-item", list_item);
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (cell), create_row_menu, info, NULL);
      gtk_list_item_set_child (list_item, cell);
      return;
    }

  cell = gtk_inscription_new (NULL);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 3);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), natural_chars (info));
  /* One line per row, never wrapped into the row's height. */
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (cell), 1);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (cell), 1);
  gtk_widget_set_hexpand (cell, TRUE);
  /* Given the row's height, an inscription would wrap into it. */
  gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
  if (info->kind == COLUMN_ID ||
      (info->field != NULL && (info->field->type == SY_FIELD_TYPE_INTEGER || info->field->type == SY_FIELD_TYPE_NUMBER)))
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0);
      gtk_widget_add_css_class (cell, "numeric");
    }
  if (info->kind == COLUMN_ID)
    gtk_widget_add_css_class (cell, "dim-label");
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           ColumnInfo               *info)
{
  SyRecordItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  if (info->kind == COLUMN_MENU)
    {
      gtk_widget_set_visible (cell, sy_record_item_get_id (item) != 0);
      return;
    }

  text = cell_text (info, item);
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
}

static ColumnInfo *
add_column (SyRecordsView     *self,
            ColumnKind         kind,
            const char        *name,
            const char        *title,
            SyCollectionField *field)
{
  ColumnInfo *info = g_new0 (ColumnInfo, 1);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  info->view = self;
  info->kind = kind;
  info->name = g_strdup (name);
  info->field = field;
  info->sort = g_strdup (name);

  if (field != NULL && field->type == SY_FIELD_TYPE_BELONGS_TO && self->reader != NULL)
    {
      info->target = sy_collection_store_get_collection (self->reader, field->target, NULL);
      /* A link sorts by what it shows. */
      if (info->target != NULL && sy_record_title_field (info->target) != NULL)
        {
          g_free (info->sort);
          info->sort = g_strdup_printf ("%s.%s", name, sy_record_title_field (info->target)->name);
        }
    }

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), info);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), info);
  info->column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (info->column, kind != COLUMN_MENU);
  if (kind == COLUMN_FIELD && field != NULL && (field->type == SY_FIELD_TYPE_STRING || field->type == SY_FIELD_TYPE_TEXT))
    gtk_column_view_column_set_expand (info->column, TRUE);

  /* JSON values have no order worth clicking for. */
  if (kind != COLUMN_MENU && (field == NULL || field->type != SY_FIELD_TYPE_JSON))
    {
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, info, NULL));

      gtk_column_view_column_set_sorter (info->column, sorter);
    }

  gtk_column_view_append_column (self->column_view, info->column);
  g_ptr_array_add (self->columns, info);
  return info;
}

static void
remove_columns (SyRecordsView *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    gtk_column_view_remove_column (self->column_view, ((ColumnInfo *) g_ptr_array_index (self->columns, i))->column);
  g_ptr_array_set_size (self->columns, 0);
}

static void
build_columns (SyRecordsView *self)
{
  self->sorting = TRUE;
  remove_columns (self);

  if (self->collection != NULL)
    {
      add_column (self, COLUMN_ID, SY_RECORD_ID, _("ID"), NULL);
      for (guint i = 0; i < sy_collection_get_n_fields (self->collection); i++)
        {
          SyCollectionField *field = (SyCollectionField *) sy_collection_get_field (self->collection, i);

          add_column (self, COLUMN_FIELD, field->name, sy_record_field_label (field), field);
        }
      add_column (self, COLUMN_TIME, SY_RECORD_UPDATED_AT, _("Updated"), NULL);
      add_column (self, COLUMN_MENU, "", "", NULL);
    }

  self->sorting = FALSE;
}

/* ── Callbacks ────────────────────────────────────────────────────────── */

static void
on_search_changed (SyRecordsView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  g_free (self->search);
  self->search = text[0] != '\0' ? g_steal_pointer (&text) : NULL;
  apply_query (self);
}

static void
on_filter_toggled (SyRecordsView *self)
{
  gboolean active = gtk_toggle_button_get_active (self->filter_button);

  gtk_revealer_set_reveal_child (self->filter_revealer, active);
  if (active && sy_filter_bar_get_n_conditions (self->filter_bar) == 0)
    sy_filter_bar_add_condition (self->filter_bar, NULL, NULL, NULL);
}

static void
on_filter_changed (SyRecordsView *self)
{
  apply_query (self);
}

static void
on_row_activated (SyRecordsView *self,
                  guint          position)
{
  g_autoptr(SyRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item != NULL && sy_record_item_get_id (item) != 0)
    g_signal_emit (self, signals[SIGNAL_RECORD_ACTIVATED], 0, sy_record_item_get_id (item));
}

static void
on_selection_changed (SyRecordsView *self)
{
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

static void
on_model_error (SyRecordsView *self)
{
  update_state (self);
}

/* ── Object ───────────────────────────────────────────────────────────── */

static void
sy_records_view_dispose (GObject *object)
{
  SyRecordsView *self = SY_RECORDS_VIEW (object);

  if (self->columns != NULL)
    {
      self->sorting = TRUE;
      remove_columns (self);
    }
  sy_widget_dispose_template_children (GTK_WIDGET (self), SY_TYPE_RECORDS_VIEW);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->reader);
  g_clear_object (&self->collection);
  g_clear_object (&self->probe);
  g_clear_object (&self->probe_other);

  G_OBJECT_CLASS (sy_records_view_parent_class)->dispose (object);
}

static void
sy_records_view_finalize (GObject *object)
{
  SyRecordsView *self = SY_RECORDS_VIEW (object);

  g_free (self->search);
  g_free (self->sort);
  g_clear_pointer (&self->filter, json_node_unref);

  G_OBJECT_CLASS (sy_records_view_parent_class)->finalize (object);
}

static void
sy_records_view_class_init (SyRecordsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_records_view_dispose;
  object_class->finalize = sy_records_view_finalize;

  signals[SIGNAL_RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SY_TYPE_FILTER_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/switchyard/Switchyard/sy-records-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SyRecordsView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, SyRecordsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SyRecordsView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, SyRecordsView, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, SyRecordsView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, SyRecordsView, stack);
  gtk_widget_class_bind_template_child (widget_class, SyRecordsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, SyRecordsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SyRecordsView, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_set_css_name (widget_class, "sy-records-view");
}

static void
sy_records_view_init (SyRecordsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_info_free);
  self->probe = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_other = g_object_new (G_TYPE_OBJECT, NULL);
  self->model = sy_record_list_model_new ();
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error",
                           G_CALLBACK (on_model_error), self, G_CONNECT_SWAPPED);
  update_state (self);
}

GtkWidget *
sy_records_view_new (void)
{
  return g_object_new (SY_TYPE_RECORDS_VIEW, NULL);
}

void
sy_records_view_set_source (SyRecordsView     *self,
                            SyCollectionStore *reader,
                            SyCollection      *collection)
{
  g_return_if_fail (SY_IS_RECORDS_VIEW (self));
  g_return_if_fail (reader == NULL || SY_IS_COLLECTION_STORE (reader));
  g_return_if_fail (collection == NULL || SY_IS_COLLECTION (collection));

  g_set_object (&self->reader, reader);
  g_set_object (&self->collection, collection);
  g_clear_pointer (&self->sort, g_free);
  g_clear_pointer (&self->filter, json_node_unref);
  g_clear_pointer (&self->search, g_free);

  build_columns (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_clear_pointer (&self->search, g_free);
  gtk_toggle_button_set_active (self->filter_button, FALSE);
  sy_filter_bar_set_collection (self->filter_bar, collection, reader);

  sy_record_list_model_set_source (self->model, reader, collection != NULL ? sy_collection_get_name (collection) : NULL);
  apply_query (self);
}

SyCollection *
sy_records_view_get_collection (SyRecordsView *self)
{
  g_return_val_if_fail (SY_IS_RECORDS_VIEW (self), NULL);

  return self->collection;
}

void
sy_records_view_reload (SyRecordsView *self)
{
  GtkAdjustment *adjustment;
  double position;

  g_return_if_fail (SY_IS_RECORDS_VIEW (self));

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  position = adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;
  sy_record_list_model_reload (self->model);
  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, position);
  update_state (self);
}

void
sy_records_view_set_row_menu_func (SyRecordsView   *self,
                                   SyRecordMenuFunc func,
                                   gpointer         user_data)
{
  g_return_if_fail (SY_IS_RECORDS_VIEW (self));

  self->menu_func = func;
  self->menu_data = user_data;
}

void
sy_records_view_add_toolbar_widget (SyRecordsView *self,
                                    GtkWidget     *widget)
{
  g_return_if_fail (SY_IS_RECORDS_VIEW (self));

  gtk_box_append (self->toolbar, widget);
}

void
sy_records_view_prepend_toolbar_widget (SyRecordsView *self,
                                        GtkWidget     *widget)
{
  g_return_if_fail (SY_IS_RECORDS_VIEW (self));

  gtk_box_prepend (self->toolbar, widget);
}

void
sy_records_view_set_search (SyRecordsView *self,
                            const char    *text)
{
  g_return_if_fail (SY_IS_RECORDS_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Not waiting for the entry's pause. */
  on_search_changed (self);
}

void
sy_records_view_sort_by (SyRecordsView *self,
                         const char    *field,
                         gboolean       descending)
{
  g_return_if_fail (SY_IS_RECORDS_VIEW (self));

  for (guint i = 0; field != NULL && i < self->columns->len; i++)
    {
      ColumnInfo *info = g_ptr_array_index (self->columns, i);

      if (g_strcmp0 (info->name, field) == 0 && info->kind != COLUMN_MENU)
        {
          gtk_column_view_sort_by_column (self->column_view, info->column,
                                          descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
          return;
        }
    }

  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
}

const char *
sy_records_view_get_sort (SyRecordsView *self)
{
  g_return_val_if_fail (SY_IS_RECORDS_VIEW (self), NULL);

  return self->sort;
}

JsonNode *
sy_records_view_get_filter (SyRecordsView *self)
{
  g_return_val_if_fail (SY_IS_RECORDS_VIEW (self), NULL);

  return self->filter;
}

SyFilterBar *
sy_records_view_get_filter_bar (SyRecordsView *self)
{
  g_return_val_if_fail (SY_IS_RECORDS_VIEW (self), NULL);

  return self->filter_bar;
}

SyRecordListModel *
sy_records_view_get_model (SyRecordsView *self)
{
  g_return_val_if_fail (SY_IS_RECORDS_VIEW (self), NULL);

  return self->model;
}

GArray *
sy_records_view_get_selected_ids (SyRecordsView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint position;

  g_return_val_if_fail (SY_IS_RECORDS_VIEW (self), ids);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(SyRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
      gint64 id = item != NULL ? sy_record_item_get_id (item) : 0;

      if (id != 0)
        g_array_append_val (ids, id);
    }

  return ids;
}

char *
sy_records_view_get_cell_text (SyRecordsView *self,
                               guint          position,
                               const char    *field)
{
  g_autoptr(SyRecordItem) item = NULL;

  g_return_val_if_fail (SY_IS_RECORDS_VIEW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (item == NULL)
    return NULL;

  for (guint i = 0; i < self->columns->len; i++)
    {
      ColumnInfo *info = g_ptr_array_index (self->columns, i);

      if (g_strcmp0 (info->name, field) == 0)
        return cell_text (info, item);
    }

  return NULL;
}
