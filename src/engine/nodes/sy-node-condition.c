/* sy-node-condition.c — continue only if true, or branch on true/false
 *
 * With `rejectOnFalse` the node resolves when the condition holds and fails
 * (ending the chain) when it does not. Otherwise it runs the "true" or the
 * "false" branch when that branch has nodes; the branch ending resolved
 * resolves the condition, a branch ending in another status passes that
 * status up. The result is the boolean, visible to the branch already.
 *
 * jq and Lua results count as false when false or null and as true
 * otherwise (jq's rule: 0 and "" are true).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const char * const branches[] = { "true", "false", NULL };

static const SyFieldSpec fields[] = {
  { "rejectOnFalse", N_("Continue only if true"), SY_FIELD_SWITCH,
    N_("On: a false condition ends the workflow as failed. Off: run the True or False branch."),
    NULL, NULL, NULL, "false", FALSE, FALSE, NULL },
  { "engine", N_("Engine"), SY_FIELD_CHOICE,
    N_("Rules compare values; jq and Lua decide by their result (false and null are false)."),
    NULL, sy_condition_engines, sy_condition_engine_labels, "\"basic\"", FALSE, FALSE, NULL },
  { "calculation", N_("Rules"), SY_FIELD_CONDITIONS, NULL,
    NULL, NULL, NULL, "{\"group\": {\"type\": \"and\", \"calculations\": []}}", FALSE, TRUE, "engine=basic" },
  { "expression", N_("Expression"), SY_FIELD_CODE, NULL,
    "engine", NULL, NULL, NULL, FALSE, TRUE, "engine=jq|lua" },
  { NULL },
};

static gboolean
has_nodes (SyNode     *node,
           const char *branch)
{
  return sy_node_get_branch_head (node, branch) != NULL;
}

/* Absent means branch mode, as in NocoBase. */
static gboolean
rejects_on_false (SyNode *node)
{
  JsonNode *reject = sy_node_get_config_member (node, "rejectOnFalse");

  return reject != NULL && JSON_NODE_HOLDS_VALUE (reject) &&
         json_node_get_value_type (reject) == G_TYPE_BOOLEAN && json_node_get_boolean (reject);
}

static void
condition_validate (SyNode       *node,
                    SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);

  sy_validation_push (validation, "config");
  sy_check_boolean (config, "rejectOnFalse", validation);
  sy_condition_check (config, validation);
  sy_validation_pop (validation);

  /* In "continue" mode branches never run: nodes there would be dead. */
  if (rejects_on_false (node))
    for (guint i = 0; branches[i] != NULL; i++)
      if (has_nodes (node, branches[i]))
        {
          g_autofree char *suffix = g_strconcat ("branches.", branches[i], NULL);

          sy_validation_add (validation, suffix, _("never runs because rejectOnFalse is true"));
        }
}

static gboolean
evaluate (SyRun     *run,
          gboolean  *result,
          GError   **error)
{
  SyNode *node = sy_run_get_node (run);
  const char *engine = sy_node_config_string (node, "engine", "basic");
  JsonNode *calculation = NULL;

  if (g_str_equal (engine, "basic"))
    {
      JsonObject *config = sy_run_get_config (run, error);

      if (config == NULL)
        return FALSE;
      calculation = json_object_get_member (config, "calculation");
    }

  return sy_condition_evaluate (engine, calculation,
                                sy_node_config_string (node, "expression", NULL),
                                sy_run_get_variables (run), result, error);
}

static SyStep
condition_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  gboolean value = FALSE;
  SyJob *job;

  if (!evaluate (run, &value, &error))
    return sy_run_error_from_gerror (run, error);

  if (rejects_on_false (sy_run_get_node (run)))
    return sy_run_finish (run, value ? SY_STATUS_RESOLVED : SY_STATUS_FAILED, sy_json_boolean_new (value));

  if (!sy_run_start_branch (run, value ? "true" : "false"))
    return sy_run_resolve (run, sy_json_boolean_new (value));

  /* The boolean is the result already while the branch runs. */
  job = sy_run_get_job (run);
  g_clear_pointer (&job->result, json_node_unref);
  job->result = sy_json_boolean_new (value);

  return sy_run_wait (run);
}

static SyStep
condition_resume_branch (SyRun *run,
                         SyJob *branch_job)
{
  SyJob *job = sy_run_get_job (run);
  JsonNode *result = job->result != NULL ? json_node_copy (job->result) : NULL;

  if (branch_job->status == SY_STATUS_RESOLVED)
    return sy_run_resolve (run, result);

  return sy_run_finish (run, branch_job->status, result);
}

static char *
condition_branch_label (SyNode     *node,
                        const char *branch)
{
  if (g_strcmp0 (branch, "true") == 0)
    return g_strdup (_("True"));
  if (g_strcmp0 (branch, "false") == 0)
    return g_strdup (_("False"));

  return NULL;
}

static const SyNodeKind kind = {
  .type = "condition",
  .title = N_("Condition"),
  .description = N_("Continue only when a condition holds, or branch on it"),
  .category = "control",
  .icon_name = "dialog-question-symbolic",
  .flags = SY_NODE_KIND_BRANCHING,
  .branches = branches,
  .fields = fields,
  .validate = condition_validate,
  .run = condition_run,
  .resume_branch = condition_resume_branch,
  .branch_label = condition_branch_label,
};

const SyNodeKind *
sy_node_condition_get_kind (void)
{
  return &kind;
}
