/* sy-node-response-message.c — a message for whoever pressed the button
 *
 * In a pre-action, or a sync post-action or custom action, the texts of the
 * response-message nodes that ran come back with the action's outcome: the
 * data view shows them, the command line prints them (on stderr when the
 * action was refused). The node's result is the text; anywhere else it is
 * just that.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const SyFieldSpec fields[] = {
  { "message", N_("Message"), SY_FIELD_MULTILINE,
    N_("Shown to the person who started the action, such as “Not enough stock”."),
    NULL, NULL, NULL, NULL, TRUE, TRUE, NULL },
  { NULL },
};

static void
response_message_validate (SyNode       *node,
                           SyValidation *validation)
{
  JsonNode *message = sy_node_get_config_member (node, "message");

  if (message == NULL || JSON_NODE_HOLDS_NULL (message))
    sy_validation_add (validation, "config.message", _("required"));
  else if (!JSON_NODE_HOLDS_VALUE (message) || json_node_get_value_type (message) != G_TYPE_STRING)
    sy_validation_add (validation, "config.message", _("must be text"));
  else if (*json_node_get_string (message) == '\0')
    sy_validation_add (validation, "config.message", _("must not be empty"));
}

static SyStep
response_message_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  JsonNode *message;
  JsonNode *text;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  /* A placeholder may yield any value; a message is text. */
  message = json_object_get_member (config, "message");
  text = json_node_new (JSON_NODE_VALUE);
  if (message != NULL && JSON_NODE_HOLDS_VALUE (message) && json_node_get_value_type (message) == G_TYPE_STRING)
    json_node_set_string (text, json_node_get_string (message));
  else if (message == NULL || JSON_NODE_HOLDS_NULL (message))
    json_node_set_string (text, "");
  else
    {
      g_autofree char *json = json_to_string (message, FALSE);

      json_node_set_string (text, json);
    }

  return sy_run_resolve (run, text);
}

static const SyNodeKind kind = {
  .type = "response-message",
  .title = N_("Response message"),
  .description = N_("Tell the person who pressed the button something"),
  .category = "data",
  .icon_name = "dialog-information-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = response_message_validate,
  .run = response_message_run,
};

const SyNodeKind *
sy_node_response_message_get_kind (void)
{
  return &kind;
}
