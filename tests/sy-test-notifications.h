/* sy-test-notifications.h — a desktop notification server for UI tests
 *
 * Owns org.freedesktop.Notifications on the test's own session bus (UI
 * tests run under dbus-run-session), where GApplication's notifications
 * arrive when no org.gtk.Notifications server runs. It records what it is
 * asked to show, and can "click" a notification as a person would: it
 * emits ActionInvoked, and GLib activates the notification's action.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  guint32  id;        /* the server's id: a replaced notification keeps its id */
  char    *summary;   /* GNotification's title */
  char    *body;
  char   **actions;   /* pairs: action key ("default", "app.x(5)"), label */
} SyTestNotification;

/* Owns the name and waits until it has it; FALSE when there is no
 * session bus or another server has the name. Calling it again is free. */
gboolean            sy_test_notifications_start   (void);
/* Every Notify call so far, in order (transfer none). */
GPtrArray          *sy_test_notifications_get     (void);
void                sy_test_notifications_clear   (void);
/* How many Notify calls had `summary`. */
guint               sy_test_notifications_count   (const char *summary);
/* The latest notification with `summary`, waiting for one up to
 * `timeout_msec`; NULL when none came (transfer none). */
SyTestNotification *sy_test_notifications_wait    (const char *summary,
                                                   guint       timeout_msec);
/* Whether the notification offers the action key (with any label). */
gboolean            sy_test_notification_has_action (SyTestNotification *notification,
                                                     const char         *action);
/* A click: on the notification (`action` "default") or on a button (its
 * key). The activation arrives through the bus: spin the main loop. */
void                sy_test_notifications_invoke  (SyTestNotification *notification,
                                                   const char         *action);

G_END_DECLS
