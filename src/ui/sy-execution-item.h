/* sy-execution-item.h — one execution as an item of a GListModel */
#pragma once

#include <glib-object.h>

#include "sy-records.h"

G_BEGIN_DECLS

#define SY_TYPE_EXECUTION_ITEM (sy_execution_item_get_type ())
G_DECLARE_FINAL_TYPE (SyExecutionItem, sy_execution_item, SY, EXECUTION_ITEM, GObject)

/* `execution` NULL makes a placeholder for a row that vanished meanwhile. */
SyExecutionItem *sy_execution_item_new           (SyExecution     *execution);
/* (transfer none), may be NULL */
SyExecution     *sy_execution_item_get_execution (SyExecutionItem *self);
/* Replaces the record (a newer read of the same execution); notifies "execution". */
void             sy_execution_item_set_execution (SyExecutionItem *self,
                                                  SyExecution     *execution);
gint64           sy_execution_item_get_id        (SyExecutionItem *self);

G_END_DECLS
