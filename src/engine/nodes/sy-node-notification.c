/* sy-node-notification.c — a desktop notification
 *
 * The engine has no GTK: the notification goes through GNotification on
 * the default GApplication, on the main context because GApplication is
 * not thread-safe. The job waits until that happened and learns whether it
 * reached the desktop; without an application (headless, command line) the
 * notification is written to the log instead. Clicking it activates
 * app.show-execution with the execution id.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-engine.h"
#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const char * const priorities[] = { "low", "normal", "high", "urgent", NULL };
static const char * const priority_labels[] = { N_("Low"), N_("Normal"), N_("High"), N_("Urgent"), NULL };

static const SyFieldSpec fields[] = {
  { "title", N_("Title"), SY_FIELD_TEXT, NULL,
    NULL, NULL, NULL, NULL, TRUE, TRUE, NULL },
  { "body", N_("Message"), SY_FIELD_MULTILINE, NULL,
    NULL, NULL, NULL, NULL, FALSE, TRUE, NULL },
  { "priority", N_("Priority"), SY_FIELD_CHOICE,
    N_("Urgent notifications stay until they are dismissed."),
    NULL, priorities, priority_labels, "\"normal\"", FALSE, FALSE, NULL },
  { NULL },
};

static void
notification_validate (SyNode       *node,
                       SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);
  const char *title = sy_object_get_string (config, "title", NULL);

  sy_validation_push (validation, "config");
  if (title == NULL || title[0] == '\0')
    sy_validation_add (validation, "title", _("a title is required"));
  if (json_object_has_member (config, "body") && !JSON_NODE_HOLDS_NULL (json_object_get_member (config, "body")) &&
      sy_object_get_string (config, "body", NULL) == NULL)
    sy_validation_add (validation, "body", _("must be text"));
  sy_check_choice (config, "priority", priorities, "normal", validation);
  sy_validation_pop (validation);
}

typedef struct
{
  SyEngine *engine;
  gint64    execution_id;
  gint64    job_id;
  char     *node_key;
  char     *title;
  char     *body;
  char     *priority;
} Delivery;

static void
delivery_free (gpointer data)
{
  Delivery *delivery = data;

  g_clear_object (&delivery->engine);
  g_free (delivery->node_key);
  g_free (delivery->title);
  g_free (delivery->body);
  g_free (delivery->priority);
  g_free (delivery);
}

static GNotificationPriority
priority_from_name (const char *name)
{
  if (g_strcmp0 (name, "low") == 0)
    return G_NOTIFICATION_PRIORITY_LOW;
  if (g_strcmp0 (name, "high") == 0)
    return G_NOTIFICATION_PRIORITY_HIGH;
  if (g_strcmp0 (name, "urgent") == 0)
    return G_NOTIFICATION_PRIORITY_URGENT;
  return G_NOTIFICATION_PRIORITY_NORMAL;
}

/* On the main context. */
static gboolean
deliver (gpointer data)
{
  Delivery *delivery = data;
  GApplication *application = g_application_get_default ();
  g_autoptr(JsonNode) payload = sy_json_node_take_object (json_object_new ());
  const char *channel = "log";

  if (application != NULL && g_application_get_is_registered (application) &&
      !g_application_get_is_remote (application))
    {
      g_autoptr(GNotification) notification = g_notification_new (delivery->title);
      g_autofree char *id = g_strdup_printf ("execution-%" G_GINT64_FORMAT "-%s",
                                             delivery->execution_id, delivery->node_key);

      if (delivery->body != NULL && delivery->body[0] != '\0')
        g_notification_set_body (notification, delivery->body);
      g_notification_set_priority (notification, priority_from_name (delivery->priority));
      g_notification_set_default_action_and_target_value (notification, "app.show-execution",
                                                          g_variant_new_int64 (delivery->execution_id));
      g_application_send_notification (application, id, notification);
      channel = "desktop";
    }
  else
    g_message ("%s%s%s", delivery->title, delivery->body && delivery->body[0] ? ": " : "",
               delivery->body ? delivery->body : "");

  json_object_set_string_member (json_node_get_object (payload), "delivered", channel);
  sy_engine_resume_job (delivery->engine, delivery->job_id, payload);

  return G_SOURCE_REMOVE;
}

static void
send_after_commit (SyEngine *engine,
                   gint64    execution_id,
                   gint64    job_id,
                   gpointer  data)
{
  Delivery *source = data;
  Delivery *delivery = g_new0 (Delivery, 1);

  /* The after-commit data is freed with the pump; the main context gets its own copy. */
  delivery->engine = g_object_ref (engine);
  delivery->execution_id = execution_id;
  delivery->job_id = job_id;
  delivery->node_key = g_strdup (source->node_key);
  delivery->title = g_strdup (source->title);
  delivery->body = g_strdup (source->body);
  delivery->priority = g_strdup (source->priority);

  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, deliver, delivery, delivery_free);
}

static SyStep
notification_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  Delivery *delivery;
  const char *title, *priority;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  title = sy_run_get_string (run, "title", NULL);
  if (title == NULL || title[0] == '\0')
    return sy_run_error (run, _("the notification's title is empty"));

  priority = sy_run_get_string (run, "priority", "normal");
  if (!g_strv_contains (priorities, priority))
    return sy_run_error (run, _("unknown priority “%s” (expected low, normal, high or urgent)"), priority);

  delivery = g_new0 (Delivery, 1);
  delivery->node_key = g_strdup (sy_node_get_key (sy_run_get_node (run)));
  delivery->title = g_strdup (title);
  delivery->body = g_strdup (sy_run_get_string (run, "body", ""));
  delivery->priority = g_strdup (priority);

  sy_run_after_commit (run, send_after_commit, delivery, delivery_free);
  return sy_run_wait (run);
}

static SyStep
notification_resume (SyRun    *run,
                     JsonNode *payload)
{
  JsonObject *object = payload && JSON_NODE_HOLDS_OBJECT (payload) ? json_node_get_object (payload) : NULL;
  g_autoptr(JsonObject) result = json_object_new ();

  json_object_set_string_member (result, "title", sy_run_get_string (run, "title", ""));
  json_object_set_string_member (result, "body", sy_run_get_string (run, "body", ""));
  json_object_set_string_member (result, "delivered", sy_object_get_string (object, "delivered", "log"));

  return sy_run_resolve (run, sy_json_node_take_object (g_steal_pointer (&result)));
}

static const SyNodeKind kind = {
  .type = "notification",
  .title = N_("Notification"),
  .description = N_("Show a desktop notification"),
  .category = "integration",
  .icon_name = "preferences-system-notifications-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = notification_validate,
  .run = notification_run,
  .resume = notification_resume,
};

const SyNodeKind *
sy_node_notification_get_kind (void)
{
  return &kind;
}
