/* sy-execute-dialog.h — edits the $context of a manual run, then asks for it */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "sy-workflow.h"

G_BEGIN_DECLS

#define SY_TYPE_EXECUTE_DIALOG (sy_execute_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SyExecuteDialog, sy_execute_dialog, SY, EXECUTE_DIALOG, AdwWindow)

/* Prefilled with the trigger kind's sample context for `workflow`. */
SyExecuteDialog *sy_execute_dialog_new              (GtkWindow       *parent,
                                                     SyWorkflow      *workflow);
char            *sy_execute_dialog_get_context_text (SyExecuteDialog *self);
void             sy_execute_dialog_set_context_text (SyExecuteDialog *self,
                                                     const char      *text);
/* The parse error shown under the editor, or NULL. */
const char      *sy_execute_dialog_get_error        (SyExecuteDialog *self);

/* Signal: "execute" (JsonNode *context), emitted by the "execute.run"
 * action when the text is valid JSON; the dialog then closes. */

G_END_DECLS
