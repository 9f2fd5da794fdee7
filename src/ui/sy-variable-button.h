/* sy-variable-button.h — the "{x}" button that opens the variable picker
 *
 * Every input that accepts placeholders has one. It rebuilds the picker for
 * its scope each time it opens (the graph may have changed) and inserts the
 * chosen placeholder at the cursor of its target, or leaves that to whoever
 * handles "variable-chosen".
 */
#pragma once

#include <gtk/gtk.h>

#include "sy-workflow.h"

G_BEGIN_DECLS

#define SY_TYPE_VARIABLE_BUTTON (sy_variable_button_get_type ())
G_DECLARE_FINAL_TYPE (SyVariableButton, sy_variable_button, SY, VARIABLE_BUTTON, GtkWidget)

GtkWidget *sy_variable_button_new        (void);
/* What the picker lists: the variables visible to `node` (NULL: the trigger). */
void       sy_variable_button_set_scope  (SyVariableButton *self,
                                          SyWorkflow       *workflow,
                                          SyNode           *node);
/* Where a chosen placeholder goes (NULL: nowhere, "variable-chosen" only).
 * Not a reference: the target is expected to be a sibling of the button. */
void       sy_variable_button_set_target (SyVariableButton *self,
                                          GtkEditable      *target);
/* The picker, built for the current scope (as opening it would), for tests. */
GtkWidget *sy_variable_button_get_picker (SyVariableButton *self);

/* Inserts `text` at the cursor of `editable` and focuses it. */
void       sy_editable_insert_at_cursor  (GtkEditable      *editable,
                                          const char       *text);

/* Signal: "variable-chosen" (const char *placeholder). */

G_END_DECLS
