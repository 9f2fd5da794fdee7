/* sy-filter-row.h — one condition of the data view's filter: field, operator, value */
#pragma once

#include <gtk/gtk.h>

#include "collections/sy-collection-store.h"

G_BEGIN_DECLS

/* What a condition can be about. */
typedef struct
{
  char        *path;    /* "qty", "product.title", "id" */
  char        *label;   /* "Quantity", "Product" */
  SyFieldType  type;
  GStrv        options; /* choice */
} SyFilterField;

/* The record's id, its fields (a belongs-to by its target's title field,
 * through `reader`) and its times. Of SyFilterField. */
GPtrArray *sy_filter_fields_new (SyCollection      *collection,
                                 SyCollectionStore *reader);

#define SY_TYPE_FILTER_ROW (sy_filter_row_get_type ())
G_DECLARE_FINAL_TYPE (SyFilterRow, sy_filter_row, SY, FILTER_ROW, GtkWidget)

/* `fields` is kept (a reference). */
GtkWidget *sy_filter_row_new           (GPtrArray   *fields);
/* Picks the field, operator ("$gt") and value text; FALSE for an unknown
 * path or an operator the field's type has not. */
gboolean   sy_filter_row_set           (SyFilterRow *self,
                                        const char  *path,
                                        const char  *op,
                                        const char  *value);
/* {"path": {"$op": value}}, or NULL while the value is missing. */
JsonNode  *sy_filter_row_get_condition (SyFilterRow *self);

/* Signals: "changed" () — "remove" () the person asked to drop it */

G_END_DECLS
