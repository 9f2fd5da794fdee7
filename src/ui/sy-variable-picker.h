/* sy-variable-picker.h — a popover listing the variables visible at one place of a workflow */
#pragma once

#include <gtk/gtk.h>

#include "sy-workflow.h"

G_BEGIN_DECLS

#define SY_TYPE_VARIABLE_PICKER (sy_variable_picker_get_type ())
G_DECLARE_FINAL_TYPE (SyVariablePicker, sy_variable_picker, SY, VARIABLE_PICKER, GtkPopover)

GtkWidget  *sy_variable_picker_new          (void);
/* What is visible to `node` of `workflow` (node NULL: the trigger's own
 * settings): trigger context, upstream results, enclosing loops, $system,
 * $env. Rebuilds the tree. */
void        sy_variable_picker_set_scope    (SyVariablePicker *self,
                                             SyWorkflow       *workflow,
                                             SyNode           *node);
/* The placeholders offered ("{{$context.body}}", …), for tests. */
GPtrArray  *sy_variable_picker_list         (SyVariablePicker *self);
/* Chooses a placeholder as a click on its row would. */
gboolean    sy_variable_picker_choose       (SyVariablePicker *self,
                                             const char       *placeholder);

/* Signal: "variable-chosen" (const char *placeholder) — "{{$context.body}}". */

G_END_DECLS
