/* sy-field-editor.h — edits one config member described by a SyFieldSpec */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "sy-node-kind.h"

G_BEGIN_DECLS

#define SY_TYPE_FIELD_EDITOR (sy_field_editor_get_type ())
G_DECLARE_FINAL_TYPE (SyFieldEditor, sy_field_editor, SY, FIELD_EDITOR, GtkWidget)

/* `spec` must outlive the editor (kinds are static tables). */
GtkWidget         *sy_field_editor_new              (const SyFieldSpec *spec);
const SyFieldSpec *sy_field_editor_get_spec         (SyFieldEditor     *self);
/* Shows `value` (NULL: the spec's default, or empty) without emitting "changed". */
void               sy_field_editor_set_value        (SyFieldEditor     *self,
                                                     JsonNode          *value);
/* The value as edited (NULL: remove the member). Transfer full. */
JsonNode          *sy_field_editor_get_value        (SyFieldEditor     *self);
/* The validation message under the field; NULL hides it. */
void               sy_field_editor_set_problem      (SyFieldEditor     *self,
                                                     const char        *message);
const char        *sy_field_editor_get_problem      (SyFieldEditor     *self);
void               sy_field_editor_set_editable     (SyFieldEditor     *self,
                                                     gboolean           editable);
/* SY_FIELD_CODE whose language follows a sibling member: "jq", "lua",
 * "json", "sql"; anything else shows plain text. */
void               sy_field_editor_set_language     (SyFieldEditor     *self,
                                                     const char        *language);
const char        *sy_field_editor_get_language     (SyFieldEditor     *self);
/* SY_FIELD_NODE: the keys it may name, with labels. */
void               sy_field_editor_set_node_choices (SyFieldEditor     *self,
                                                     const char * const *keys,
                                                     const char * const *labels);
/* Where the variable picker looks (fields whose spec has `variables`). */
void               sy_field_editor_set_scope        (SyFieldEditor     *self,
                                                     SyWorkflow        *workflow,
                                                     SyNode            *node);
/* Inserts text at the cursor of the field (what the picker does). */
void               sy_field_editor_insert_text      (SyFieldEditor     *self,
                                                     const char        *text);
/* The main editing widget (an AdwEntryRow, GtkSourceView, …), for tests. */
GtkWidget         *sy_field_editor_get_input        (SyFieldEditor     *self);
/* The variable picker popover (created on first use), for tests. */
GtkWidget         *sy_field_editor_get_picker       (SyFieldEditor     *self);

/* Placeholder highlighting shared by every text input: ranges of "{{…}}". */
void               sy_field_highlight_placeholders  (GtkTextBuffer     *buffer);
GtkTextTag        *sy_field_ensure_placeholder_tag  (GtkTextBuffer     *buffer);
/* The same for a one-line editable (an entry, an entry row). */
void               sy_field_highlight_editable      (GtkEditable       *editable);

/* Signal: "changed" () — the person edited the value. */

G_END_DECLS
