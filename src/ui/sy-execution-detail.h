/* sy-execution-detail.h — one execution: its workflow version with the jobs on it
 *
 * The version that ran, drawn read-only on a SyCanvas whose cards show each
 * node's job status; beside it the jobs of the node picked on the canvas
 * (status, times, the config they ran with, result, log) or, for the
 * trigger, the context. A running or waiting execution updates in place
 * and says what it waits for. Actions: cancel, retry (from the start or the
 * selected node), run again with an edited context, copy the context,
 * delete.
 */
#pragma once

#include <gtk/gtk.h>

#include "sy-canvas.h"
#include "sy-engine.h"

G_BEGIN_DECLS

#define SY_TYPE_EXECUTION_DETAIL (sy_execution_detail_get_type ())
G_DECLARE_FINAL_TYPE (SyExecutionDetail, sy_execution_detail, SY, EXECUTION_DETAIL, GtkWidget)

GtkWidget   *sy_execution_detail_new           (void);
void         sy_execution_detail_set_engine    (SyExecutionDetail *self,
                                                SyEngine          *engine);
/* Reads execution `id` and follows it; property "execution-id". */
void         sy_execution_detail_show          (SyExecutionDetail *self,
                                                gint64             id);
gint64       sy_execution_detail_get_id        (SyExecutionDetail *self);
/* As last read, with its jobs; NULL when there is none. (transfer none) */
SyExecution *sy_execution_detail_get_execution (SyExecutionDetail *self);
SyCanvas    *sy_execution_detail_get_canvas    (SyExecutionDetail *self);
/* Shows the jobs of node `key` beside the canvas (NULL: the trigger). */
void         sy_execution_detail_select_node   (SyExecutionDetail *self,
                                                const char        *key);
/* How many times the execution was read with all its jobs (when shown,
 * or shown again after it changed while hidden); while it is on screen
 * the engine's copies of what changed are shown instead. */
guint        sy_execution_detail_get_n_reads   (SyExecutionDetail *self);
/* What a running execution waits for, in words; NULL otherwise. */
const char  *sy_execution_detail_get_waiting   (SyExecutionDetail *self);

/* Actions: execution.cancel, execution.retry, execution.retry-from-selected,
 * execution.run-again, execution.copy-context, execution.delete,
 * execution.open-retried, execution.open-parent.
 * Signal: "deleted" (gint64 id) once the execution was deleted. */

G_END_DECLS
