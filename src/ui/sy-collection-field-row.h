/* sy-collection-field-row.h — one field of a collection definition being edited */
#pragma once

#include <adwaita.h>

#include "collections/sy-collection.h"

G_BEGIN_DECLS

#define SY_TYPE_COLLECTION_FIELD_ROW (sy_collection_field_row_get_type ())
G_DECLARE_FINAL_TYPE (SyCollectionFieldRow, sy_collection_field_row, SY, COLLECTION_FIELD_ROW, AdwExpanderRow)

/* `targets`: the collections a belongs-to field may link to. */
GtkWidget  *sy_collection_field_row_new          (const char * const   *targets);
/* Fills the row from a definition's field (a JSON object of it). */
void        sy_collection_field_row_set_field    (SyCollectionFieldRow *self,
                                                  JsonObject           *field);
/* The field as the definition format writes it. */
JsonObject *sy_collection_field_row_to_json      (SyCollectionFieldRow *self);
void        sy_collection_field_row_set_name     (SyCollectionFieldRow *self,
                                                  const char           *name);
void        sy_collection_field_row_set_type     (SyCollectionFieldRow *self,
                                                  SyFieldType           type);
/* Comma-separated options of a choice; the target of a belongs-to. */
void        sy_collection_field_row_set_options  (SyCollectionFieldRow *self,
                                                  const char           *options);
gboolean    sy_collection_field_row_set_target   (SyCollectionFieldRow *self,
                                                  const char           *target);

/* Signals: "remove" (), "move" (int delta: -1 up, 1 down), "changed" () */

G_END_DECLS
