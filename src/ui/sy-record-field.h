/* sy-record-field.h — one field of the record form: label, input by type, problem */
#pragma once

#include <gtk/gtk.h>

#include "collections/sy-collection-store.h"

G_BEGIN_DECLS

#define SY_TYPE_RECORD_FIELD (sy_record_field_get_type ())
G_DECLARE_FINAL_TYPE (SyRecordField, sy_record_field, SY, RECORD_FIELD, GtkWidget)

/* The input follows the type: an entry (string), several lines (text),
 * a spin button (integer, number), a switch (boolean), an entry with a
 * calendar (date, datetime), a drop-down of the options (choice), a
 * record picker over `reader` (belongs-to), JSON text (json). `field` is
 * copied. */
GtkWidget  *sy_record_field_new         (const SyCollectionField *field,
                                         SyCollectionStore       *reader);
const char *sy_record_field_get_name    (SyRecordField           *self);
/* A value as stored (a belongs-to may be an appended record); NULL or
 * null empties the input. */
void        sy_record_field_set_value   (SyRecordField           *self,
                                         JsonNode                *value);
/* The value typed, for the action's values: null when empty; NULL with
 * `error` set when it cannot be one ("not valid JSON: …"). */
JsonNode   *sy_record_field_get_value   (SyRecordField           *self,
                                         GError                 **error);
/* Sets the input's text as a person would type it (tests); for a
 * switch "true"/"false", for a choice the option, for a link the id. */
void        sy_record_field_set_text    (SyRecordField           *self,
                                         const char              *text);
/* Shown under the input, NULL hides it. */
void        sy_record_field_set_problem (SyRecordField           *self,
                                         const char              *problem);
const char *sy_record_field_get_problem (SyRecordField           *self);
/* The widget taking the input (for focus). */
GtkWidget  *sy_record_field_get_input   (SyRecordField           *self);

G_END_DECLS
