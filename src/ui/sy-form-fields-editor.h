/* sy-form-fields-editor.h — the fields of a form a person fills in (manual, approval)
 *
 * The value is an array of {name, label, type, default, required, options}
 * with type text, multiline, number, switch, date or choice; options (for
 * choice) are strings. One expandable row per field, in order, with
 * buttons to move it up or down or remove it; defaults may hold variables.
 * Members the editor does not know are kept as they are.
 */
#pragma once

#include "sy-field-input.h"

G_BEGIN_DECLS

#define SY_TYPE_FORM_FIELDS_EDITOR (sy_form_fields_editor_get_type ())
G_DECLARE_FINAL_TYPE (SyFormFieldsEditor, sy_form_fields_editor, SY, FORM_FIELDS_EDITOR, GtkWidget)

GtkWidget *sy_form_fields_editor_new          (void);

/* What the buttons do (for tests and keyboard-free use). Rows are
 * AdwExpanderRows in form order. */
GtkWidget *sy_form_fields_editor_add_field    (SyFormFieldsEditor *self);
void       sy_form_fields_editor_remove_field (SyFormFieldsEditor *self,
                                               GtkWidget          *row);
/* Moves a field by `offset` places (-1 up, 1 down), within bounds. */
void       sy_form_fields_editor_move_field   (SyFormFieldsEditor *self,
                                               GtkWidget          *row,
                                               int                 offset);
GtkWidget *sy_form_fields_editor_add_option   (SyFormFieldsEditor *self,
                                               GtkWidget          *row);
GList     *sy_form_fields_editor_get_rows     (SyFormFieldsEditor *self);
/* Parts of a field row: "name", "label", "default" (AdwEntryRow), "type"
 * (AdwComboRow), "required" (GtkSwitch), "default-variables"
 * (SyVariableButton); its option rows are listed by get_options. */
GtkWidget *sy_form_fields_editor_get_part     (GtkWidget          *row,
                                               const char         *part);
GList     *sy_form_fields_editor_get_options  (GtkWidget          *row);

G_END_DECLS
