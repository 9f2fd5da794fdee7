/* sy-node-parallel.c — branches "1".."n", then a decision by mode
 *
 * Branches run one after another in ascending order (like NocoBase: true
 * overlap only comes from branches that wait). Empty branches take no part.
 * The result lists each branch's final status name, null while it runs.
 *   all         every branch resolved ⇒ resolved; the first failure decides
 *   any         the first resolved branch decides; all failed ⇒ failed
 *   race        the first branch to finish decides, whatever its status
 *   allSettled  resolved once every branch has finished
 * Branches not yet started when the node decides are skipped.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const char * const modes[] = { "all", "any", "race", "allSettled", NULL };
static const char * const mode_labels[] = {
  N_("All succeed"), N_("Any succeeds"), N_("First to finish"), N_("Run all (ignore failures)"), NULL,
};

static const char * const no_fixed_branches[] = { NULL };

static const SyFieldSpec fields[] = {
  { "mode", N_("Mode"), SY_FIELD_CHOICE,
    N_("When the parallel node is done and whether it succeeds."),
    NULL, modes, mode_labels, "\"all\"", FALSE, FALSE, NULL },
  { NULL },
};

static void
parallel_validate (SyNode       *node,
                   SyValidation *validation)
{
  sy_validation_push (validation, "config");
  sy_check_choice (sy_node_get_config (node), "mode", modes, "all", validation);
  sy_validation_pop (validation);
}

static SyStep
parallel_run (SyRun *run)
{
  g_autoptr(GPtrArray) names = sy_node_get_numbered_branches (sy_run_get_node (run));
  JsonArray *started = json_array_new ();
  JsonArray *statuses = json_array_new ();
  SyJob *job = sy_run_get_job (run);

  json_object_set_array_member (sy_run_get_meta (run), "branches", started);

  for (guint i = 0; i < names->len; i++)
    if (sy_run_start_branch (run, g_ptr_array_index (names, i)))
      {
        json_array_add_string_element (started, g_ptr_array_index (names, i));
        json_array_add_null_element (statuses);
      }

  if (json_array_get_length (started) == 0)
    {
      json_array_unref (statuses);
      return sy_run_resolve (run, json_node_init_array (json_node_alloc (), json_array_new ()));
    }

  g_clear_pointer (&job->result, json_node_unref);
  job->result = json_node_init_array (json_node_alloc (), statuses);

  return sy_run_wait (run);
}

static SyStep
parallel_resume_branch (SyRun *run,
                        SyJob *branch_job)
{
  SyJob *job = sy_run_get_job (run);
  const char *mode = sy_node_config_string (sy_run_get_node (run), "mode", "all");
  JsonNode *started_node = json_object_get_member (sy_run_get_meta (run), "branches");
  JsonArray *started = started_node != NULL && JSON_NODE_HOLDS_ARRAY (started_node)
                         ? json_node_get_array (started_node) : NULL;
  guint n_branches = started != NULL ? json_array_get_length (started) : 0;
  g_autoptr(JsonArray) statuses = json_array_sized_new (n_branches);
  guint n_finished = 0, n_resolved = 0;
  gboolean found = FALSE;
  JsonNode *result;

  /* The result is rebuilt rather than edited: the stored one may be shared. */
  for (guint i = 0; i < n_branches; i++)
    {
      const char *name = json_array_get_string_element (started, i);
      JsonNode *previous = NULL;
      const char *status_name = NULL;
      SyStatus status;

      if (job->result != NULL && JSON_NODE_HOLDS_ARRAY (job->result) &&
          i < json_array_get_length (json_node_get_array (job->result)))
        previous = json_array_get_element (json_node_get_array (job->result), i);

      if (g_strcmp0 (name, branch_job->branch) == 0)
        {
          status_name = sy_status_to_string (branch_job->status, TRUE);
          found = TRUE;
        }
      else if (previous != NULL && JSON_NODE_HOLDS_VALUE (previous))
        status_name = json_node_get_string (previous);

      if (status_name == NULL)
        {
          json_array_add_null_element (statuses);
          continue;
        }

      json_array_add_string_element (statuses, status_name);
      n_finished++;
      if (sy_status_from_string (status_name, &status) && status == SY_STATUS_RESOLVED)
        n_resolved++;
    }

  if (!found)
    return sy_run_error (run, _("a branch “%s” ended that this parallel node did not start"),
                         branch_job->branch != NULL ? branch_job->branch : "");

  result = json_node_init_array (json_node_alloc (), json_array_ref (statuses));

  if (g_str_equal (mode, "race"))
    return sy_run_finish (run, branch_job->status, result);

  if (g_str_equal (mode, "any"))
    {
      if (branch_job->status == SY_STATUS_RESOLVED)
        return sy_run_resolve (run, result);
      if (n_finished == n_branches)
        return sy_run_finish (run, SY_STATUS_FAILED, result);
    }
  else if (g_str_equal (mode, "allSettled"))
    {
      if (n_finished == n_branches)
        return sy_run_resolve (run, result);
    }
  else /* all */
    {
      if (branch_job->status != SY_STATUS_RESOLVED)
        return sy_run_finish (run, branch_job->status, result);
      if (n_resolved == n_branches)
        return sy_run_resolve (run, result);
    }

  g_clear_pointer (&job->result, json_node_unref);
  job->result = result;
  return sy_run_wait (run);
}

static char *
parallel_branch_label (SyNode     *node,
                       const char *branch)
{
  return sy_node_numbered_branch_label (branch);
}

static const SyNodeKind kind = {
  .type = "parallel",
  .title = N_("Parallel branches"),
  .description = N_("Run several branches and continue when they are done"),
  .category = "control",
  .icon_name = "view-dual-symbolic",
  .flags = SY_NODE_KIND_BRANCHING | SY_NODE_KIND_DYNAMIC,
  .branches = no_fixed_branches,
  .fields = fields,
  .validate = parallel_validate,
  .run = parallel_run,
  .resume_branch = parallel_resume_branch,
  .branch_label = parallel_branch_label,
};

const SyNodeKind *
sy_node_parallel_get_kind (void)
{
  return &kind;
}
