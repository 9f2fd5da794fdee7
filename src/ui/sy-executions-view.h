/* sy-executions-view.h — the history of one workflow or of all of them
 *
 * A GtkColumnView of the executions (number, start, duration, version,
 * status, reason), newest first, filtered by status and text, read lazily
 * page by page; the detail of one execution on the canvas; deleting
 * executions one by one, selected, or by status.
 */
#pragma once

#include <gtk/gtk.h>

#include "sy-engine.h"
#include "sy-execution-detail.h"
#include "sy-execution-list-model.h"

G_BEGIN_DECLS

#define SY_TYPE_EXECUTIONS_VIEW (sy_executions_view_get_type ())
G_DECLARE_FINAL_TYPE (SyExecutionsView, sy_executions_view, SY, EXECUTIONS_VIEW, GtkWidget)

GtkWidget            *sy_executions_view_new              (void);
void                  sy_executions_view_set_engine       (SyExecutionsView *self,
                                                           SyEngine         *engine);
/* The workflow whose history is shown; NULL = every workflow. */
void                  sy_executions_view_set_workflow_key (SyExecutionsView *self,
                                                           const char       *key);
const char           *sy_executions_view_get_workflow_key (SyExecutionsView *self);
SyExecutionListModel *sy_executions_view_get_model        (SyExecutionsView *self);
SyExecutionDetail    *sy_executions_view_get_detail       (SyExecutionsView *self);
/* Back to the list (which is read again). */
void                  sy_executions_view_show_list        (SyExecutionsView *self);
/* Opens the detail of execution `id`; it follows the engine while running. */
void                  sy_executions_view_show_execution   (SyExecutionsView *self,
                                                           gint64            id);
/* The execution whose detail is shown, 0 on the list. */
gint64                sy_executions_view_get_shown_id     (SyExecutionsView *self);
/* Selects the rows at `positions` (tests). */
void                  sy_executions_view_select           (SyExecutionsView *self,
                                                           const guint      *positions,
                                                           guint             n_positions);

/* Actions: executions.delete-selected, executions.delete-status(s) where s
 * is a status name or "finished", executions.back. The confirmation is an
 * AdwMessageDialog whose "confirm" response deletes. */

G_END_DECLS
