/* sy-field-input.h — what a structured field editor offers its SyFieldEditor
 *
 * Fields whose value is more than text (condition rules, a form's fields,
 * assignees) have an editor of their own; SyFieldEditor hosts it through
 * this interface and treats it like any other input.
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "sy-workflow.h"

G_BEGIN_DECLS

#define SY_TYPE_FIELD_INPUT (sy_field_input_get_type ())
G_DECLARE_INTERFACE (SyFieldInput, sy_field_input, SY, FIELD_INPUT, GtkWidget)

struct _SyFieldInputInterface
{
  GTypeInterface parent_iface;

  /* Shows `value` (may be NULL) without emitting "changed". */
  void      (*set_value)    (SyFieldInput *self,
                             JsonNode     *value);
  /* The value as edited, transfer full (NULL: remove the member). */
  JsonNode *(*get_value)    (SyFieldInput *self);
  void      (*set_editable) (SyFieldInput *self,
                             gboolean      editable);
  /* Where variable pickers inside it look. */
  void      (*set_scope)    (SyFieldInput *self,
                             SyWorkflow   *workflow,
                             SyNode       *node);
};

void      sy_field_input_set_value    (SyFieldInput *self,
                                       JsonNode     *value);
JsonNode *sy_field_input_get_value    (SyFieldInput *self);
void      sy_field_input_set_editable (SyFieldInput *self,
                                       gboolean      editable);
void      sy_field_input_set_scope    (SyFieldInput *self,
                                       SyWorkflow   *workflow,
                                       SyNode       *node);
/* For implementations: emits "changed". */
void      sy_field_input_changed      (SyFieldInput *self);

/* For implementations: read-only versions still show everything, without
 * the means to edit: editables stop taking input, choices and switches go
 * insensitive, widgets with the CSS class "sy-edit-only" (add and remove
 * buttons) hide. Walks `root` and everything inside it. */
void      sy_field_input_apply_editable (GtkWidget *root,
                                         gboolean   editable);

/* Operands and defaults typed as text: "42" → 42, "true"/"false" →
 * booleans, anything else (text, placeholders) → a string; "" → NULL. */
JsonNode *sy_field_input_value_from_text (const char *text);
/* The reverse for scalars (a string as it is, other values as JSON). */
char     *sy_field_input_text_from_value (JsonNode   *value);

/* Signal: "changed" () — the person edited the value. */

G_END_DECLS
