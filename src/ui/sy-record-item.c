/* sy-record-item.c — one record of a collection as an item of a GListModel */
#include "config.h"

#include "sy-record-item.h"

struct _SyRecordItem
{
  GObject     parent_instance;

  JsonObject *record;
};

G_DEFINE_FINAL_TYPE (SyRecordItem, sy_record_item, G_TYPE_OBJECT)

static void
sy_record_item_finalize (GObject *object)
{
  SyRecordItem *self = SY_RECORD_ITEM (object);

  g_clear_pointer (&self->record, json_object_unref);

  G_OBJECT_CLASS (sy_record_item_parent_class)->finalize (object);
}

static void
sy_record_item_class_init (SyRecordItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_record_item_finalize;
}

static void
sy_record_item_init (SyRecordItem *self)
{
}

SyRecordItem *
sy_record_item_new (JsonObject *record)
{
  SyRecordItem *self = g_object_new (SY_TYPE_RECORD_ITEM, NULL);

  self->record = record;
  return self;
}

JsonObject *
sy_record_item_get_record (SyRecordItem *self)
{
  g_return_val_if_fail (SY_IS_RECORD_ITEM (self), NULL);

  return self->record;
}

gint64
sy_record_item_get_id (SyRecordItem *self)
{
  g_return_val_if_fail (SY_IS_RECORD_ITEM (self), 0);

  if (self->record == NULL || !json_object_has_member (self->record, "id"))
    return 0;
  return json_object_get_int_member (self->record, "id");
}

JsonNode *
sy_record_item_get_value (SyRecordItem *self,
                          const char   *name)
{
  g_return_val_if_fail (SY_IS_RECORD_ITEM (self), NULL);

  if (self->record == NULL)
    return NULL;
  return json_object_get_member (self->record, name);
}
