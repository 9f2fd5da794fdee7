/* sy-node-output.c — sets the execution's output
 *
 * The value (placeholders resolved, any JSON) becomes this node's result
 * and the execution's output, which a calling workflow or a webhook gets
 * back. When several output nodes run, the last one wins.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const SyFieldSpec fields[] = {
  { "value", N_("Output"), SY_FIELD_JSON,
    N_("Any value: text, a number, a list or an object, with placeholders."),
    NULL, NULL, NULL, NULL, FALSE, TRUE, NULL },
  { NULL },
};

static SyStep
output_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  JsonNode *value;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  value = json_object_get_member (config, "value");
  sy_run_set_output (run, value);

  return sy_run_resolve (run, value != NULL ? json_node_copy (value) : NULL);
}

static const SyNodeKind kind = {
  .type = "output",
  .title = N_("Output"),
  .description = N_("Set what the workflow returns to its caller"),
  .category = "workflow",
  .icon_name = "mail-send-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .run = output_run,
};

const SyNodeKind *
sy_node_output_get_kind (void)
{
  return &kind;
}
