/* sy-node-response.c — the answer to the HTTP request of a sync webhook workflow
 *
 * Records {status, headers, body} as its job result and ends the execution
 * resolved; the webhook server, waiting for the end, sends exactly that.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"

#define DEFAULT_STATUS 200

static const SyFieldSpec fields[] = {
  { "status", N_("Status code"), SY_FIELD_INTEGER, NULL,
    NULL, NULL, NULL, "200", FALSE, TRUE, NULL },
  { "headers", N_("Headers"), SY_FIELD_KEY_VALUES, NULL,
    NULL, NULL, NULL, "[]", FALSE, TRUE, NULL },
  { "body", N_("Body"), SY_FIELD_JSON,
    N_("Any JSON value; variables keep their types. Text is sent as text/plain, anything else as JSON."),
    "json", NULL, NULL, NULL, FALSE, TRUE, NULL },
  { NULL },
};

/* FALSE when present, not a placeholder and not a status code. */
static gboolean
status_is_valid (JsonNode *status)
{
  if (status == NULL || JSON_NODE_HOLDS_NULL (status))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (status))
    return FALSE;
  if (json_node_get_value_type (status) == G_TYPE_STRING)
    return g_str_has_prefix (json_node_get_string (status), "{{");
  if (json_node_get_value_type (status) != G_TYPE_INT64)
    return FALSE;

  return json_node_get_int (status) >= 100 && json_node_get_int (status) <= 599;
}

/* `headers` as an object of strings, from a {name, value} list or an object. */
static JsonObject *
get_headers (JsonNode  *node,
             GError   **error)
{
  g_autoptr(JsonObject) headers = json_object_new ();

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&headers);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        {
          if (!JSON_NODE_HOLDS_VALUE (value))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("headers.%s must be text"), name);
              return NULL;
            }
          json_object_set_member (headers, name, json_node_copy (value));
        }
      return g_steal_pointer (&headers);
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("headers must be a list of {name, value}"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *row = json_array_get_element (json_node_get_array (node), i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (row) ? json_node_get_object (row) : NULL;
      const char *name = object != NULL ? sy_object_get_string (object, "name", NULL) : NULL;
      JsonNode *value = object != NULL ? json_object_get_member (object, "value") : NULL;

      if (name == NULL || name[0] == '\0' || (value != NULL && !JSON_NODE_HOLDS_VALUE (value)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("headers[%u] needs a name and a text value"), i);
          return NULL;
        }
      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        json_object_set_string_member (headers, name, "");
      else
        json_object_set_member (headers, name, json_node_copy (value));
    }

  return g_steal_pointer (&headers);
}

static void
response_validate (SyNode       *node,
                   SyValidation *validation)
{
  g_autoptr(JsonObject) headers = NULL;
  g_autoptr(GError) error = NULL;

  if (!status_is_valid (sy_node_get_config_member (node, "status")))
    sy_validation_add (validation, "config.status", _("must be an HTTP status code from 100 to 599"));

  headers = get_headers (sy_node_get_config_member (node, "headers"), &error);
  if (headers == NULL)
    sy_validation_add (validation, "config.headers", "%s", error->message);
}

static SyStep
response_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  g_autoptr(JsonObject) result = json_object_new ();
  g_autoptr(JsonObject) headers = NULL;
  JsonNode *body;
  gint64 status;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  if (!sy_run_is_sync (run))
    return sy_run_error (run, _("a response node only answers synchronous webhook workflows"));

  status = sy_run_get_int (run, "status", DEFAULT_STATUS);
  if (status < 100 || status > 599)
    {
      g_autofree char *given = g_strdup_printf ("%" G_GINT64_FORMAT, status);

      return sy_run_error (run, _("status must be an HTTP status code from 100 to 599, not %s"), given);
    }

  headers = get_headers (json_object_get_member (config, "headers"), &error);
  if (headers == NULL)
    return sy_run_error_from_gerror (run, error);

  body = json_object_get_member (config, "body");
  json_object_set_int_member (result, "status", status);
  json_object_set_object_member (result, "headers", g_steal_pointer (&headers));
  json_object_set_member (result, "body", body != NULL ? json_node_copy (body) : json_node_new (JSON_NODE_NULL));

  return sy_run_exit (run, SY_STATUS_RESOLVED, sy_json_node_take_object (g_steal_pointer (&result)));
}

static const SyNodeKind kind = {
  .type = "response",
  .title = N_("HTTP response"),
  .description = N_("Answer the webhook request and end the workflow"),
  .category = "integration",
  .icon_name = "mail-reply-sender-symbolic",
  .flags = SY_NODE_KIND_ENDS_CHAIN,
  .fields = fields,
  .validate = response_validate,
  .run = response_run,
  .sync_trigger = "webhook",
};

const SyNodeKind *
sy_node_response_get_kind (void)
{
  return &kind;
}
