/* sy-workflow-settings.h — title, description and execution options of a workflow */
#pragma once

#include <adwaita.h>

#include "sy-workflow-document.h"

G_BEGIN_DECLS

#define SY_TYPE_WORKFLOW_SETTINGS (sy_workflow_settings_get_type ())
G_DECLARE_FINAL_TYPE (SyWorkflowSettings, sy_workflow_settings, SY, WORKFLOW_SETTINGS, AdwPreferencesWindow)

/* Every change is applied to `document` at once (one undo step each). */
SyWorkflowSettings *sy_workflow_settings_new (GtkWindow          *parent,
                                              SyWorkflowDocument *document);

G_END_DECLS
