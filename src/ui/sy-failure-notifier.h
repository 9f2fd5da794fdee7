/* sy-failure-notifier.h — a desktop notification when a background execution fails
 *
 * Follows the engine's "execution-finished": an execution that a trigger,
 * a schedule, a record event or another part of the engine started and
 * that ended failed, in error or timed out gets a GNotification titled
 * "“Workflow” failed" with the reason as its body; its default action,
 * like its Show button, is app.show-execution(x) with the execution's id.
 * Runs a person started by hand, subflow executions and executions a
 * person aborted are not announced. The "notify-on-failure" setting is
 * read at each failure, so turning it off stops new notifications at once.
 */
#pragma once

#include <gio/gio.h>

#include "sy-engine.h"

G_BEGIN_DECLS

#define SY_TYPE_FAILURE_NOTIFIER (sy_failure_notifier_get_type ())
G_DECLARE_FINAL_TYPE (SyFailureNotifier, sy_failure_notifier, SY, FAILURE_NOTIFIER, GObject)

/* `settings` has the key "notify-on-failure"; `application` may be NULL
 * (nothing is sent, "sent" is still emitted). */
SyFailureNotifier *sy_failure_notifier_new             (GApplication *application,
                                                        GSettings    *settings,
                                                        SyEngine     *engine);
/* "execution-failed-<id>": one notification per execution, however often
 * its end is signalled. */
char              *sy_failure_notifier_notification_id (gint64        execution_id);

/* Signal: "sent" (SyExecution *execution, GNotification *notification)
 * after a notification was sent. */

G_END_DECLS
