/* sy-record-picker.h — choose the record a belongs-to field points to */
#pragma once

#include <gtk/gtk.h>

#include "collections/sy-collection-store.h"

G_BEGIN_DECLS

#define SY_TYPE_RECORD_PICKER (sy_record_picker_get_type ())
G_DECLARE_FINAL_TYPE (SyRecordPicker, sy_record_picker, SY, RECORD_PICKER, GtkWidget)

/* Records of `target`, read through `reader`, found by their title. */
GtkWidget *sy_record_picker_new        (SyCollectionStore *reader,
                                        SyCollection      *target);
/* 0: none. The title shown is read from the store. */
void       sy_record_picker_set_id     (SyRecordPicker    *self,
                                        gint64             id);
gint64     sy_record_picker_get_id     (SyRecordPicker    *self);
/* What the button shows ("Bolt", "#7", or "None"). */
const char *sy_record_picker_get_label (SyRecordPicker    *self);
/* Types in the popover's search (tests). */
void       sy_record_picker_search     (SyRecordPicker    *self,
                                        const char        *text);
/* Rows the popover lists now. */
guint      sy_record_picker_get_n_shown (SyRecordPicker   *self);
/* Picks the row at `position` of the popover's list. */
void       sy_record_picker_pick       (SyRecordPicker    *self,
                                        guint              position);

/* Signals: "changed" () */

G_END_DECLS
