/* sy-task-notifier.h — a desktop notification for each new task for "me"
 *
 * Follows the engine's "tasks-changed": every task for "me" that appears
 * after the notifier started (an open task or an unread cc notice) gets a
 * GNotification whose default action, like its Open button, is
 * app.show-task(x) with the task's id. A notification whose task is no
 * longer open is withdrawn. Tasks already waiting at startup are in the
 * sidebar's badge instead, not announced again.
 */
#pragma once

#include <gio/gio.h>

#include "sy-engine.h"

G_BEGIN_DECLS

#define SY_TYPE_TASK_NOTIFIER (sy_task_notifier_get_type ())
G_DECLARE_FINAL_TYPE (SyTaskNotifier, sy_task_notifier, SY, TASK_NOTIFIER, GObject)

SyTaskNotifier *sy_task_notifier_new             (GApplication *application,
                                                  SyEngine     *engine);
/* "task-<id>": the id the notification is sent and withdrawn with. */
char           *sy_task_notifier_notification_id (gint64        task_id);

/* Signals: "sent" (SyTask *task, GNotification *notification) after a
 * notification was sent; "withdrawn" (gint64 task_id); "listed" () after
 * each look at the tasks. */

G_END_DECLS
