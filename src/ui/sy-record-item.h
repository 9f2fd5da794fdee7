/* sy-record-item.h — one record of a collection as an item of a GListModel */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SY_TYPE_RECORD_ITEM (sy_record_item_get_type ())
G_DECLARE_FINAL_TYPE (SyRecordItem, sy_record_item, SY, RECORD_ITEM, GObject)

/* `record` (taken) NULL makes a placeholder for a row that vanished. */
SyRecordItem *sy_record_item_new        (JsonObject   *record);
/* (transfer none), may be NULL */
JsonObject   *sy_record_item_get_record (SyRecordItem *self);
/* 0 for a placeholder */
gint64        sy_record_item_get_id     (SyRecordItem *self);
/* The member `name` (transfer none), or NULL. */
JsonNode     *sy_record_item_get_value  (SyRecordItem *self,
                                         const char   *name);

G_END_DECLS
