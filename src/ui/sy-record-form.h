/* sy-record-form.h — create or edit a record; its buttons run the bound workflows */
#pragma once

#include <adwaita.h>

#include "collections/sy-action-bindings.h"

G_BEGIN_DECLS

#define SY_TYPE_RECORD_FORM (sy_record_form_get_type ())
G_DECLARE_FINAL_TYPE (SyRecordForm, sy_record_form, SY, RECORD_FORM, AdwWindow)

/* `record` NULL: a new record (Submit); else that record (Save), with the
 * collection's "Trigger workflow" buttons. Fields are read and links
 * listed through `reader`; every write is an action of `engine` with the
 * workflows `bindings` bind to the button. */
SyRecordForm *sy_record_form_new         (GtkWindow         *parent,
                                          SyEngine          *engine,
                                          SyCollectionStore *reader,
                                          SyCollection      *collection,
                                          SyActionBindings  *bindings,
                                          JsonObject        *record);
/* What a person would type into the field `name` (tests). */
gboolean      sy_record_form_set_text    (SyRecordForm      *self,
                                          const char        *name,
                                          const char        *text);
/* The form's values as the action gets them; NULL with `error` when one
 * cannot be read (the field shows why). */
JsonObject   *sy_record_form_get_values  (SyRecordForm      *self,
                                          GError           **error);
/* Submit or Save. */
void          sy_record_form_submit      (SyRecordForm      *self);
/* Presses the form's "Trigger workflow" button `index` (in button order). */
void          sy_record_form_trigger     (SyRecordForm      *self,
                                          guint              index);
guint         sy_record_form_get_n_triggers (SyRecordForm   *self);
/* TRUE while an action runs. */
gboolean      sy_record_form_is_busy     (SyRecordForm      *self);
/* The banner's text (workflow messages, problems), or NULL. */
const char   *sy_record_form_get_message (SyRecordForm      *self);
/* The problem shown under a field, or NULL. */
const char   *sy_record_form_get_field_problem (SyRecordForm *self,
                                          const char        *name);

/* Signals: "done" (SyButtonKind kind, SyActionOutcome *outcome) — the
 * action went through; the form closes after it. */

G_END_DECLS
