/* sy-test-notifications.c — a desktop notification server for UI tests */
#include "config.h"

#include "sy-test-notifications.h"
#include "sy-test-ui.h"

#define SERVER_NAME "org.freedesktop.Notifications"
#define SERVER_PATH "/org/freedesktop/Notifications"

static const char server_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  "<signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "</interface></node>";

typedef enum
{
  SERVER_STOPPED,
  SERVER_WAITING,
  SERVER_RUNNING,
  SERVER_REFUSED,
} ServerState;

static GDBusConnection *bus;
static ServerState state;
static GPtrArray *notifications; /* of SyTestNotification */
static guint32 last_id;

static void
notification_free (gpointer data)
{
  SyTestNotification *notification = data;

  g_free (notification->summary);
  g_free (notification->body);
  g_strfreev (notification->actions);
  g_free (notification);
}

static void
server_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *path,
             const char            *interface,
             const char            *method,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               data)
{
  if (g_str_equal (method, "Notify"))
    {
      SyTestNotification *notification = g_new0 (SyTestNotification, 1);
      guint32 replaces = 0;

      g_variant_get (parameters, "(&susss^asa{sv}i)", NULL, &replaces, NULL, &notification->summary,
                     &notification->body, &notification->actions, NULL, NULL);
      /* As a real server: a replacement keeps the id it replaces. */
      notification->id = replaces != 0 ? replaces : ++last_id;
      g_ptr_array_add (notifications, notification);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notification->id));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *capabilities[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", capabilities));
    }
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "switchyard", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         data)
{
  state = SERVER_RUNNING;
}

static void
on_name_lost (GDBusConnection *connection,
              const char      *name,
              gpointer         data)
{
  state = SERVER_REFUSED;
}

static gboolean
name_settled (gpointer data)
{
  return state != SERVER_WAITING;
}

gboolean
sy_test_notifications_start (void)
{
  static const GDBusInterfaceVTable vtable = { server_call, NULL, NULL, { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;

  if (state != SERVER_STOPPED)
    return state == SERVER_RUNNING;

  state = SERVER_REFUSED;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      g_test_message ("no notification server: %s", error->message);
      return FALSE;
    }

  info = g_dbus_node_info_new_for_xml (server_xml, &error);
  g_assert_no_error (error);
  notifications = g_ptr_array_new_with_free_func (notification_free);
  if (g_dbus_connection_register_object (bus, SERVER_PATH, info->interfaces[0], &vtable, NULL, NULL, &error) == 0)
    {
      g_test_message ("no notification server: %s", error->message);
      return FALSE;
    }

  state = SERVER_WAITING;
  g_bus_own_name_on_connection (bus, SERVER_NAME, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                on_name_acquired, on_name_lost, NULL, NULL);
  sy_test_ui_wait_for (name_settled, NULL, 5000);
  if (state == SERVER_WAITING)
    state = SERVER_REFUSED;

  return state == SERVER_RUNNING;
}

GPtrArray *
sy_test_notifications_get (void)
{
  g_assert_nonnull (notifications);
  return notifications;
}

void
sy_test_notifications_clear (void)
{
  g_assert_nonnull (notifications);
  g_ptr_array_set_size (notifications, 0);
}

guint
sy_test_notifications_count (const char *summary)
{
  guint count = 0;

  g_assert_nonnull (notifications);
  for (guint i = 0; i < notifications->len; i++)
    {
      SyTestNotification *notification = g_ptr_array_index (notifications, i);

      if (g_strcmp0 (notification->summary, summary) == 0)
        count++;
    }

  return count;
}

static SyTestNotification *
find_latest (const char *summary)
{
  for (guint i = notifications->len; i > 0; i--)
    {
      SyTestNotification *notification = g_ptr_array_index (notifications, i - 1);

      if (g_strcmp0 (notification->summary, summary) == 0)
        return notification;
    }

  return NULL;
}

static gboolean
has_summary (gpointer data)
{
  return find_latest (data) != NULL;
}

SyTestNotification *
sy_test_notifications_wait (const char *summary,
                            guint       timeout_msec)
{
  g_assert_nonnull (notifications);
  sy_test_ui_wait_for (has_summary, (gpointer) summary, timeout_msec);
  return find_latest (summary);
}

gboolean
sy_test_notification_has_action (SyTestNotification *notification,
                                 const char         *action)
{
  g_assert_nonnull (notification);
  for (guint i = 0; notification->actions[i] != NULL; i += 2)
    {
      if (g_str_equal (notification->actions[i], action))
        return TRUE;
      if (notification->actions[i + 1] == NULL)
        break;
    }

  return FALSE;
}

void
sy_test_notifications_invoke (SyTestNotification *notification,
                              const char         *action)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (notification);
  g_assert_true (state == SERVER_RUNNING);
  g_assert_true (sy_test_notification_has_action (notification, action));
  g_dbus_connection_emit_signal (bus, NULL, SERVER_PATH, SERVER_NAME, "ActionInvoked",
                                 g_variant_new ("(us)", notification->id, action), &error);
  g_assert_no_error (error);
}
