/* sy-problems-dialog.h — says why a workflow cannot be enabled or run yet
 *
 * Drafts are stored with their problems; enabling or running one is refused
 * until they are fixed. This dialog lists the first problems in words
 * people use ("Total › Expression: an expression is required") rather than
 * JSON paths, and offers to show the first one in the editor.
 */
#pragma once

#include <adwaita.h>

#include "sy-workflow.h"

G_BEGIN_DECLS

/* How many problems the dialog lists before "and N more". */
#define SY_PROBLEMS_DIALOG_MAX 5

/* "Total › Expression: an expression is required", "Trigger › Methods: …",
 * "Title: must not be empty". */
char      *sy_problem_describe      (SyWorkflow      *workflow,
                                     const SyProblem *problem);

/* An AdwMessageDialog with responses "close" and, when `can_show`, "show"
 * (the caller shows the first problem). Not yet presented. */
GtkWidget *sy_problems_dialog_new   (GtkWindow       *parent,
                                     const char      *heading,
                                     SyWorkflow      *workflow,
                                     GPtrArray       *problems,
                                     gboolean         can_show);

G_END_DECLS
