/* sy-new-workflow-dialog.h — asks for a title, a trigger type and the execution mode */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SY_TYPE_NEW_WORKFLOW_DIALOG (sy_new_workflow_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SyNewWorkflowDialog, sy_new_workflow_dialog, SY, NEW_WORKFLOW_DIALOG, AdwWindow)

SyNewWorkflowDialog *sy_new_workflow_dialog_new                (GtkWindow           *parent);
const char          *sy_new_workflow_dialog_get_workflow_title (SyNewWorkflowDialog *self);
void                 sy_new_workflow_dialog_set_workflow_title (SyNewWorkflowDialog *self,
                                                                const char          *title);
const char          *sy_new_workflow_dialog_get_trigger_type   (SyNewWorkflowDialog *self);
gboolean             sy_new_workflow_dialog_set_trigger_type   (SyNewWorkflowDialog *self,
                                                                const char          *type);
/* The chosen mode; the trigger's forced mode when it has one. */
gboolean             sy_new_workflow_dialog_get_sync           (SyNewWorkflowDialog *self);

/* Signal: "create" (const char *title, const char *trigger_type, gboolean sync),
 * emitted by the "new-workflow.create" action; the dialog then closes. */

G_END_DECLS
