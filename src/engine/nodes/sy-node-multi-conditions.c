/* sy-node-multi-conditions.c — the branch of the first condition that holds
 *
 * Conditions are evaluated in order until one is true; its branch ("1" for
 * the first condition) runs. When none holds the "otherwise" branch runs,
 * and the node then resolves only with `continueOnNoMatch` (else FAILED).
 * An evaluation error ends the node with ERROR at once. The result is the
 * last evaluated condition's value; meta.conditions keeps every evaluated
 * condition's value (or its error text) for the execution view.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const char * const branches[] = { "otherwise", NULL };

static const SyFieldSpec fields[] = {
  { "conditions", N_("Conditions"), SY_FIELD_JSON,
    N_("A list of {title, engine, calculation or expression}; the first that holds picks its branch."),
    NULL, NULL, NULL, "[]", FALSE, TRUE, NULL },
  { "continueOnNoMatch", N_("Continue when nothing matches"), SY_FIELD_SWITCH,
    N_("Off: after the Otherwise branch the workflow ends as failed."),
    NULL, NULL, NULL, "false", FALSE, FALSE, NULL },
  { NULL },
};

static JsonArray *
get_conditions (JsonObject *config)
{
  JsonNode *conditions = json_object_get_member (config, "conditions");

  if (conditions == NULL || !JSON_NODE_HOLDS_ARRAY (conditions))
    return NULL;

  return json_node_get_array (conditions);
}

static gboolean
continues_on_no_match (SyNode *node)
{
  JsonNode *value = sy_node_get_config_member (node, "continueOnNoMatch");

  return value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
         json_node_get_value_type (value) == G_TYPE_BOOLEAN && json_node_get_boolean (value);
}

static void
multi_conditions_validate (SyNode       *node,
                           SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);
  JsonNode *conditions_node = json_object_get_member (config, "conditions");
  JsonArray *conditions = get_conditions (config);
  guint n_conditions = conditions != NULL ? json_array_get_length (conditions) : 0;
  g_autoptr(GPtrArray) numbered = sy_node_get_numbered_branches (node);

  sy_validation_push (validation, "config");
  sy_check_boolean (config, "continueOnNoMatch", validation);

  if (conditions_node != NULL && !JSON_NODE_HOLDS_NULL (conditions_node) && conditions == NULL)
    sy_validation_add (validation, "conditions", _("must be a list of conditions"));

  for (guint i = 0; i < n_conditions; i++)
    {
      JsonNode *condition = json_array_get_element (conditions, i);

      sy_validation_push (validation, "conditions[%u]", i);
      if (!JSON_NODE_HOLDS_OBJECT (condition))
        sy_validation_add (validation, NULL, _("must be an object with an engine and a calculation or expression"));
      else
        sy_condition_check (json_node_get_object (condition), validation);
      sy_validation_pop (validation);
    }
  sy_validation_pop (validation);

  for (guint i = 0; i < numbered->len; i++)
    {
      const char *name = g_ptr_array_index (numbered, i);

      if (g_ascii_strtoull (name, NULL, 10) > n_conditions)
        {
          g_autofree char *suffix = g_strconcat ("branches.", name, NULL);

          sy_validation_add (validation, suffix, _("there is no condition %s"), name);
        }
    }
}

static void
set_result (SyJob    *job,
            JsonNode *result)
{
  g_clear_pointer (&job->result, json_node_unref);
  job->result = result;
}

static JsonNode *
copy_result (SyJob *job)
{
  return job->result != NULL ? json_node_copy (job->result) : NULL;
}

/* Nothing matched and the otherwise branch (if any) resolved. */
static SyStep
finish_without_match (SyRun *run)
{
  SyJob *job = sy_run_get_job (run);

  if (continues_on_no_match (sy_run_get_node (run)))
    return sy_run_resolve (run, copy_result (job));

  return sy_run_finish (run, SY_STATUS_FAILED, copy_result (job));
}

static SyStep
multi_conditions_run (SyRun *run)
{
  SyNode *node = sy_run_get_node (run);
  SyJob *job = sy_run_get_job (run);
  JsonObject *meta = sy_run_get_meta (run);
  JsonArray *raw_conditions = get_conditions (sy_node_get_config (node));
  JsonArray *resolved_conditions;
  JsonObject *config;
  g_autoptr(GError) error = NULL;
  JsonArray *outcomes = json_array_new ();
  guint n_conditions, matched = 0;

  json_object_set_array_member (meta, "conditions", outcomes);

  config = sy_run_get_config (run, &error);
  if (config == NULL)
    return sy_run_error_from_gerror (run, error);
  resolved_conditions = get_conditions (config);

  n_conditions = raw_conditions != NULL ? json_array_get_length (raw_conditions) : 0;
  for (guint i = 0; i < n_conditions; i++)
    {
      JsonNode *raw = json_array_get_element (raw_conditions, i);
      JsonNode *resolved = NULL;
      JsonObject *raw_object, *resolved_object;
      gboolean value = FALSE;

      if (resolved_conditions != NULL && i < json_array_get_length (resolved_conditions))
        resolved = json_array_get_element (resolved_conditions, i);
      if (!JSON_NODE_HOLDS_OBJECT (raw) || resolved == NULL || !JSON_NODE_HOLDS_OBJECT (resolved))
        {
          json_array_add_string_element (outcomes, _("not a condition object"));
          return sy_run_error (run, _("condition %u is not an object"), i + 1);
        }
      raw_object = json_node_get_object (raw);
      resolved_object = json_node_get_object (resolved);

      if (!sy_condition_evaluate (sy_object_get_string (raw_object, "engine", "basic"),
                                  json_object_get_member (resolved_object, "calculation"),
                                  sy_object_get_string (raw_object, "expression", NULL),
                                  sy_run_get_variables (run), &value, &error))
        {
          json_array_add_string_element (outcomes, error->message);
          return sy_run_error (run, _("condition %u: %s"), i + 1, error->message);
        }

      json_array_add_boolean_element (outcomes, value);
      set_result (job, sy_json_boolean_new (value));
      if (value)
        {
          matched = i + 1;
          break;
        }
    }

  json_object_set_int_member (meta, "matched", matched);

  if (matched > 0)
    {
      g_autofree char *branch = g_strdup_printf ("%u", matched);

      if (sy_run_start_branch (run, branch))
        return sy_run_wait (run);
      return sy_run_resolve (run, copy_result (job));
    }

  if (sy_run_start_branch (run, "otherwise"))
    return sy_run_wait (run);

  return finish_without_match (run);
}

static SyStep
multi_conditions_resume_branch (SyRun *run,
                                SyJob *branch_job)
{
  SyJob *job = sy_run_get_job (run);

  if (branch_job->status != SY_STATUS_RESOLVED)
    return sy_run_finish (run, branch_job->status, copy_result (job));

  if (json_object_get_int_member_with_default (sy_run_get_meta (run), "matched", 0) > 0)
    return sy_run_resolve (run, copy_result (job));

  return finish_without_match (run);
}

static char *
multi_conditions_branch_label (SyNode     *node,
                               const char *branch)
{
  JsonArray *conditions = get_conditions (sy_node_get_config (node));
  guint64 number;

  if (g_strcmp0 (branch, "otherwise") == 0)
    return g_strdup (_("Otherwise"));

  /* A condition's own title names its branch best. */
  number = g_ascii_strtoull (branch, NULL, 10);
  if (conditions != NULL && number >= 1 && number <= json_array_get_length (conditions))
    {
      JsonNode *condition = json_array_get_element (conditions, number - 1);
      const char *title = NULL;

      if (JSON_NODE_HOLDS_OBJECT (condition))
        title = sy_object_get_string (json_node_get_object (condition), "title", NULL);
      if (title != NULL && *title != '\0')
        return g_strdup (title);
    }

  return sy_node_numbered_branch_label (branch);
}

static const SyNodeKind kind = {
  .type = "multi-conditions",
  .title = N_("Multiple conditions"),
  .description = N_("Run the branch of the first condition that holds"),
  .category = "control",
  .icon_name = "view-list-symbolic",
  .flags = SY_NODE_KIND_BRANCHING | SY_NODE_KIND_DYNAMIC,
  .branches = branches,
  .fields = fields,
  .validate = multi_conditions_validate,
  .run = multi_conditions_run,
  .resume_branch = multi_conditions_resume_branch,
  .branch_label = multi_conditions_branch_label,
};

const SyNodeKind *
sy_node_multi_conditions_get_kind (void)
{
  return &kind;
}
