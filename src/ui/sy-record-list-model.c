/* sy-record-list-model.c — the records of a collection, read page by page
 *
 * Pages are read by offset in the order of the sort (which always ends
 * with the id, so pages do not overlap). The last MAX_PAGES pages asked
 * for are kept; each knows when it was last used, and the oldest makes
 * room for a new one.
 */
#define G_LOG_DOMAIN "switchyard-data"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-json.h"
#include "sy-record-list-model.h"

#define PAGE_SIZE SY_RECORD_LIST_PAGE_SIZE
#define MAX_PAGES 32

typedef struct
{
  guint      number;
  guint64    used;  /* tick of the last use; 0 = free slot */
  GPtrArray *items; /* of SyRecordItem */
} Page;

struct _SyRecordListModel
{
  GObject            parent_instance;

  SyCollectionStore *reader;
  char              *collection;
  JsonNode          *filter;
  char              *sort;
  GStrv              appends;

  guint              n_items;
  Page               pages[MAX_PAGES];
  guint64            tick;
  guint              n_pages_read;
  guint              reload_id;
  char              *error;
};

enum {
  PROP_0,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void sy_record_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyRecordListModel, sy_record_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sy_record_list_model_iface_init))

static void
set_error (SyRecordListModel *self,
           const char        *error)
{
  if (g_strcmp0 (error, self->error) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
forget_pages (SyRecordListModel *self)
{
  for (guint i = 0; i < MAX_PAGES; i++)
    {
      g_clear_pointer (&self->pages[i].items, g_ptr_array_unref);
      self->pages[i].used = 0;
    }
}

/* The belongs-to fields, loaded with their target records. */
static GStrv
belongs_to_fields (SyCollection *collection)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < sy_collection_get_n_fields (collection); i++)
    {
      const SyCollectionField *field = sy_collection_get_field (collection, i);

      if (field->type == SY_FIELD_TYPE_BELONGS_TO)
        g_strv_builder_add (builder, field->name);
    }
  return g_strv_builder_end (builder);
}

static GPtrArray *
read_page (SyRecordListModel *self,
           guint              number,
           GError           **error)
{
  g_autoptr(JsonArray) records = NULL;
  const char *sort[] = { self->sort, NULL };
  SyRecordQuery query = {
    .filter = self->filter,
    .sort = self->sort != NULL ? sort : NULL,
    .page = number + 1,
    .page_size = PAGE_SIZE,
    .appends = (const char * const *) self->appends,
  };
  GPtrArray *items;

  records = sy_collection_store_query (self->reader, self->collection, &query, error);
  if (records == NULL)
    return NULL;

  self->n_pages_read++;
  items = g_ptr_array_new_full (json_array_get_length (records), g_object_unref);
  for (guint i = 0; i < json_array_get_length (records); i++)
    g_ptr_array_add (items, sy_record_item_new (json_object_ref (json_array_get_object_element (records, i))));

  return items;
}

static Page *
find_page (SyRecordListModel *self,
           guint              number)
{
  Page *oldest = &self->pages[0];

  for (guint i = 0; i < MAX_PAGES; i++)
    {
      Page *page = &self->pages[i];

      if (page->used != 0 && page->number == number)
        {
          page->used = ++self->tick;
          return page;
        }
      if (page->used < oldest->used)
        oldest = page;
    }

  /* Not kept: read it into the least recently used slot. */
  {
    g_autoptr(GError) error = NULL;
    GPtrArray *items = read_page (self, number, &error);

    if (items == NULL)
      {
        g_warning ("Could not read records of “%s”: %s", self->collection, error->message);
        return NULL;
      }
    g_clear_pointer (&oldest->items, g_ptr_array_unref);
    oldest->items = items;
    oldest->number = number;
    oldest->used = ++self->tick;
    return oldest;
  }
}

static gboolean
reload_idle (gpointer data)
{
  SyRecordListModel *self = data;

  self->reload_id = 0;
  sy_record_list_model_reload (self);
  return G_SOURCE_REMOVE;
}

/* ── GListModel ──────────────────────────────────────────────────────── */

static GType
sy_record_list_model_get_item_type (GListModel *model)
{
  return SY_TYPE_RECORD_ITEM;
}

static guint
sy_record_list_model_get_n_items (GListModel *model)
{
  return SY_RECORD_LIST_MODEL (model)->n_items;
}

static gpointer
sy_record_list_model_get_item (GListModel *model,
                               guint       position)
{
  SyRecordListModel *self = SY_RECORD_LIST_MODEL (model);
  Page *page;
  guint index = position % PAGE_SIZE;

  if (position >= self->n_items)
    return NULL;

  page = find_page (self, position / PAGE_SIZE);
  if (page != NULL && index < page->items->len)
    return g_object_ref (g_ptr_array_index (page->items, index));

  /* Records were deleted since the count (by a workflow, say): show a
   * blank row now and count again. */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle, self);
  return sy_record_item_new (NULL);
}

static void
sy_record_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sy_record_list_model_get_item_type;
  iface->get_n_items = sy_record_list_model_get_n_items;
  iface->get_item = sy_record_list_model_get_item;
}

/* ── Object ───────────────────────────────────────────────────────────── */

static void
sy_record_list_model_dispose (GObject *object)
{
  SyRecordListModel *self = SY_RECORD_LIST_MODEL (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  forget_pages (self);
  g_clear_object (&self->reader);

  G_OBJECT_CLASS (sy_record_list_model_parent_class)->dispose (object);
}

static void
sy_record_list_model_finalize (GObject *object)
{
  SyRecordListModel *self = SY_RECORD_LIST_MODEL (object);

  g_free (self->collection);
  g_clear_pointer (&self->filter, json_node_unref);
  g_free (self->sort);
  g_strfreev (self->appends);
  g_free (self->error);

  G_OBJECT_CLASS (sy_record_list_model_parent_class)->finalize (object);
}

static void
sy_record_list_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SyRecordListModel *self = SY_RECORD_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_record_list_model_class_init (SyRecordListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sy_record_list_model_dispose;
  object_class->finalize = sy_record_list_model_finalize;
  object_class->get_property = sy_record_list_model_get_property;

  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sy_record_list_model_init (SyRecordListModel *self)
{
}

SyRecordListModel *
sy_record_list_model_new (void)
{
  return g_object_new (SY_TYPE_RECORD_LIST_MODEL, NULL);
}

void
sy_record_list_model_set_source (SyRecordListModel *self,
                                 SyCollectionStore *reader,
                                 const char        *collection)
{
  g_return_if_fail (SY_IS_RECORD_LIST_MODEL (self));
  g_return_if_fail (reader == NULL || SY_IS_COLLECTION_STORE (reader));

  g_set_object (&self->reader, reader);
  g_free (self->collection);
  self->collection = g_strdup (collection);
  g_clear_pointer (&self->filter, json_node_unref);
  g_clear_pointer (&self->sort, g_free);
  sy_record_list_model_reload (self);
}

const char *
sy_record_list_model_get_collection (SyRecordListModel *self)
{
  g_return_val_if_fail (SY_IS_RECORD_LIST_MODEL (self), NULL);

  return self->collection;
}

void
sy_record_list_model_set_query (SyRecordListModel *self,
                                JsonNode          *filter,
                                const char        *sort)
{
  g_return_if_fail (SY_IS_RECORD_LIST_MODEL (self));

  if (g_strcmp0 (sort, self->sort) == 0 &&
      ((filter == NULL && self->filter == NULL) ||
       (filter != NULL && self->filter != NULL && json_node_equal (filter, self->filter))))
    return;

  g_clear_pointer (&self->filter, json_node_unref);
  self->filter = sy_json_node_deep_copy (filter);
  g_free (self->sort);
  self->sort = g_strdup (sort);
  sy_record_list_model_reload (self);
}

void
sy_record_list_model_reload (SyRecordListModel *self)
{
  g_autoptr(SyCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  guint old_n;
  gint64 count = 0;

  g_return_if_fail (SY_IS_RECORD_LIST_MODEL (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  forget_pages (self);
  old_n = self->n_items;
  self->n_items = 0;

  /* Two steps: told to swap rows in one go, GTK 4.8's list views look for
   * the old rows among all the new ones, reading every page. */
  if (old_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);

  if (self->reader == NULL || self->collection == NULL)
    {
      set_error (self, NULL);
      return;
    }

  /* The definition may have changed since the last look (new fields). */
  collection = sy_collection_store_get_collection (self->reader, self->collection, &error);
  if (collection != NULL)
    {
      g_strfreev (self->appends);
      self->appends = belongs_to_fields (collection);
      count = sy_collection_store_count (self->reader, self->collection, self->filter, &error);
    }
  if (error != NULL)
    {
      set_error (self, error->message);
      return;
    }

  /* The first page now: it is shown at once, and a sort the store
   * refuses is reported here rather than as blank rows. */
  if (count > 0)
    {
      GPtrArray *first = read_page (self, 0, &error);

      if (first == NULL)
        {
          set_error (self, error->message);
          return;
        }
      self->pages[0].items = first;
      self->pages[0].number = 0;
      self->pages[0].used = ++self->tick;
    }

  set_error (self, NULL);
  self->n_items = (guint) MIN (count, (gint64) G_MAXUINT);
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
}

const char *
sy_record_list_model_get_error (SyRecordListModel *self)
{
  g_return_val_if_fail (SY_IS_RECORD_LIST_MODEL (self), NULL);

  return self->error;
}

guint
sy_record_list_model_get_n_pages_read (SyRecordListModel *self)
{
  g_return_val_if_fail (SY_IS_RECORD_LIST_MODEL (self), 0);

  return self->n_pages_read;
}
