/* sy-task-detail.h — one task: what the workflow knows, the form, the answers */
#pragma once

#include <adwaita.h>

#include "sy-engine.h"

G_BEGIN_DECLS

#define SY_TYPE_TASK_DETAIL (sy_task_detail_get_type ())
G_DECLARE_FINAL_TYPE (SyTaskDetail, sy_task_detail, SY, TASK_DETAIL, GtkWidget)

GtkWidget  *sy_task_detail_new         (void);
/* Shows `task` of `engine`. `people` (of SyPerson, may be NULL) names the
 * assignees and offers whom to delegate to; `workflow_title` may be NULL.
 * Opening an unread cc notice marks it read. */
void        sy_task_detail_show        (SyTaskDetail *self,
                                        SyEngine     *engine,
                                        SyTask       *task,
                                        GPtrArray    *people,
                                        const char   *workflow_title);
SyTask     *sy_task_detail_get_task    (SyTaskDetail *self);
/* The editable form (NULL for a notice). */
GtkWidget  *sy_task_detail_get_form    (SyTaskDetail *self);
/* The error shown under the summary, or NULL. */
const char *sy_task_detail_get_error   (SyTaskDetail *self);

/* Signals: "back" () — the person wants the list again; "done" (const
 * char *message) — the task was acted on (the message says how). */

G_END_DECLS
