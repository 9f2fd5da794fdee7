/* sy-trigger-webhook.c — an HTTP request to /hooks/<workflow key> (spec/webhooks.md)
 *
 * start/stop add and remove the workflow's route in the engine's webhook
 * server, which listens while it has routes.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nodes/sy-node-helpers.h"
#include "sy-engine-private.h"
#include "sy-webhook-server.h"
#include "triggers/sy-trigger-checks.h"
#include "triggers/sy-triggers.h"

static const char * const methods[] = { "GET", "POST", "PUT", "PATCH", "DELETE", NULL };
static const char * const auth_types[] = { "none", "basic", "bearer", "hmac-sha256", NULL };

static const SyFieldSpec fields[] = {
  { .name = "methods", .label = N_("Accepted methods"), .kind = SY_FIELD_LIST,
    .choices = methods, .default_json = "[\"POST\"]" },
  { .name = "auth", .label = N_("Authentication"), .kind = SY_FIELD_JSON,
    .description = N_("type none, basic (user + secret), bearer (secret) or hmac-sha256 (secret, header); "
                      "secrets are names of stored secrets"),
    .language = "json", .default_json = "{\"type\": \"none\"}" },
  { .name = "response", .label = N_("Response to asynchronous requests"), .kind = SY_FIELD_JSON,
    .description = N_("status, headers and body sent before the workflow finishes"),
    .language = "json" },
  { NULL }
};

static const char * const context_fields[] = {
  "method", "path", "headers", "query", "body", "remote", NULL
};

static void
validate_auth (JsonObject   *auth,
               SyValidation *validation)
{
  const char *type = NULL;

  sy_validation_push (validation, "auth");

  if (sy_trigger_check_required (auth, "type", validation))
    type = sy_check_choice (auth, "type", auth_types, NULL, validation);

  if (g_strcmp0 (type, "basic") == 0)
    sy_trigger_check_string (auth, "user", TRUE, validation);
  if (type != NULL && !g_str_equal (type, "none"))
    sy_trigger_check_string (auth, "secret", TRUE, validation);
  if (g_strcmp0 (type, "hmac-sha256") == 0)
    sy_trigger_check_string (auth, "header", FALSE, validation);

  sy_validation_pop (validation);
}

static void
validate_response (JsonObject   *response,
                   SyValidation *validation)
{
  JsonObject *headers;

  sy_validation_push (validation, "response");

  sy_trigger_check_integer (response, "status", 100, 599, NULL, validation);
  headers = sy_trigger_check_object (response, "headers", FALSE, validation);
  if (headers != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (headers);

      sy_validation_push (validation, "headers");
      for (GList *l = names; l != NULL; l = l->next)
        sy_trigger_check_string (headers, l->data, TRUE, validation);
      sy_validation_pop (validation);
    }

  sy_validation_pop (validation);
}

static void
validate (SyWorkflow   *workflow,
          SyValidation *validation)
{
  JsonObject *config = sy_workflow_get_trigger_config (workflow);
  JsonObject *auth;
  JsonObject *response;

  /* Absent means POST only; an empty list would accept nothing. */
  if (json_object_has_member (config, "methods"))
    sy_trigger_check_string_list (config, "methods", methods, TRUE, validation);

  auth = sy_trigger_check_object (config, "auth", FALSE, validation);
  if (auth != NULL)
    validate_auth (auth, validation);

  response = sy_trigger_check_object (config, "response", FALSE, validation);
  if (response != NULL)
    validate_response (response, validation);
}

static const char *
sample_method (JsonObject *config)
{
  JsonNode *accepted = json_object_get_member (config, "methods");
  JsonArray *array;

  if (accepted == NULL || !JSON_NODE_HOLDS_ARRAY (accepted))
    return "POST";

  array = json_node_get_array (accepted);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *method = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (method) && json_node_get_value_type (method) == G_TYPE_STRING
          && g_strv_contains (methods, json_node_get_string (method)))
        return json_node_get_string (method);
    }

  return "POST";
}

static JsonNode *
sample_context (SyWorkflow *workflow)
{
  const char *method = sample_method (sy_workflow_get_trigger_config (workflow));
  gboolean has_body = !g_str_equal (method, "GET") && !g_str_equal (method, "DELETE");
  JsonNode *sample = sy_trigger_sample_from_text (
    has_body
      ? "{\"headers\": {\"content-type\": \"application/json\", \"user-agent\": \"curl/7.88.1\"},"
        " \"query\": {}, \"body\": {\"product\": 17, \"qty\": 2}, \"remote\": \"127.0.0.1\"}"
      : "{\"headers\": {\"user-agent\": \"curl/7.88.1\"},"
        " \"query\": {\"product\": \"17\"}, \"body\": null, \"remote\": \"127.0.0.1\"}");
  JsonObject *context = json_node_get_object (sample);
  const char *key = sy_workflow_get_key (workflow);
  g_autofree char *path = g_strdup_printf ("/hooks/%s", key != NULL ? key : "workflow");

  json_object_set_string_member (context, "method", method);
  json_object_set_string_member (context, "path", path);

  return sample;
}

typedef struct
{
  SyWebhookServer *server;
  char            *key;
  gint64           version_id;
} Handle;

static gpointer
start (SyEngine    *engine,
       SyWorkflow  *workflow,
       GError     **error)
{
  SyWebhookServer *server = _sy_engine_get_webhook_server (engine);
  Handle *handle;

  if (!sy_webhook_server_add_route (server, workflow, error))
    return NULL;

  handle = g_new0 (Handle, 1);
  handle->server = g_object_ref (server);
  handle->key = g_strdup (sy_workflow_get_key (workflow));
  handle->version_id = sy_workflow_get_version_id (workflow);

  return handle;
}

static void
stop (gpointer data)
{
  Handle *handle = data;

  sy_webhook_server_remove_route (handle->server, handle->key, handle->version_id);
  g_object_unref (handle->server);
  g_free (handle->key);
  g_free (handle);
}

static const SyTriggerKind kind = {
  .type = "webhook",
  .title = N_("Webhook"),
  .description = N_("Runs when an HTTP request arrives at /hooks/ and this workflow's key"),
  .icon_name = "network-transmit-receive-symbolic",
  .mode = SY_TRIGGER_MODE_EITHER,
  .fields = fields,
  .context_fields = context_fields,
  .validate = validate,
  .sample_context = sample_context,
  .start = start,
  .stop = stop,
};

const SyTriggerKind *
sy_trigger_webhook_get_kind (void)
{
  return &kind;
}
