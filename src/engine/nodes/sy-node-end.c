/* sy-node-end.c — ends the whole execution with a chosen status
 *
 * Even inside branches and loops: nothing after it runs, no branching node
 * gets a say. `endStatus` is "resolved" or "failed" (NocoBase's 1 and -1
 * are read too); absent means resolved.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const char * const statuses[] = { "resolved", "failed", NULL };
static const char * const status_labels[] = { N_("Succeeded"), N_("Failed"), NULL };

static const SyFieldSpec fields[] = {
  { "endStatus", N_("End as"), SY_FIELD_CHOICE,
    N_("The status the workflow ends with."),
    NULL, statuses, status_labels, "\"resolved\"", TRUE, FALSE, NULL },
  { NULL },
};

/* FALSE when the value is neither a status name nor 1/-1. */
static gboolean
parse_end_status (JsonNode *value,
                  SyStatus *status)
{
  *status = SY_STATUS_RESOLVED;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (value))
    return FALSE;

  switch (json_node_get_value_type (value))
    {
    case G_TYPE_INT64:
      if (json_node_get_int (value) == 1 || json_node_get_int (value) == -1)
        {
          *status = json_node_get_int (value) == 1 ? SY_STATUS_RESOLVED : SY_STATUS_FAILED;
          return TRUE;
        }
      return FALSE;

    case G_TYPE_STRING:
      if (g_strv_contains (statuses, json_node_get_string (value)))
        return sy_status_from_string (json_node_get_string (value), status);
      return FALSE;

    default:
      return FALSE;
    }
}

static void
end_validate (SyNode       *node,
              SyValidation *validation)
{
  SyStatus status;

  if (!parse_end_status (sy_node_get_config_member (node, "endStatus"), &status))
    sy_validation_add (validation, "config.endStatus", _("must be “resolved” or “failed”"));
}

static SyStep
end_run (SyRun *run)
{
  SyStatus status;

  if (!parse_end_status (sy_node_get_config_member (sy_run_get_node (run), "endStatus"), &status))
    return sy_run_error (run, _("endStatus must be “resolved” or “failed”"));

  return sy_run_exit (run, status, NULL);
}

static const SyNodeKind kind = {
  .type = "end",
  .title = N_("End"),
  .description = N_("End the workflow here as succeeded or failed"),
  .category = "control",
  .icon_name = "process-stop-symbolic",
  .flags = SY_NODE_KIND_ENDS_CHAIN,
  .fields = fields,
  .validate = end_validate,
  .run = end_run,
};

const SyNodeKind *
sy_node_end_get_kind (void)
{
  return &kind;
}
