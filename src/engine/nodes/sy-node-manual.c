/* sy-node-manual.c — asks people to fill in a form, then continues or ends
 *
 * One task per assignee, created inside the transaction of the run (the job
 * is stored first so that the tasks can point at it). A submission resumes
 * the job with {"task", "assignee", "action", "values", "comment"}; the
 * task's status is already stored, so the decision counts the job's tasks.
 * Modes as NocoBase: collaborative (the first submission decides), all
 * (every assignee must continue; one rejection rejects) and any (one
 * continue passes; rejected when everyone rejects). With an `approved` or
 * `rejected` branch the outcome runs that branch and the node resolves
 * after it. Open tasks are withdrawn when the node decides or the
 * execution ends; they survive restarts (nothing runs in the process).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-engine-private.h"
#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-node-people.h"
#include "sy-nodes.h"

static const char * const branches[] = { "approved", "rejected", NULL };
static const char * const modes[] = { "collaborative", "all", "any", NULL };
static const char * const mode_labels[] = {
  N_("Anyone decides for everyone"), N_("Everyone must continue"), N_("Anyone may continue"), NULL
};

static const SyFieldSpec fields[] = {
  { "assignees", N_("Assignees"), SY_FIELD_PEOPLE,
    N_("People who get the task: person ids or variables that give them. Nobody means the step passes at once."),
    NULL, NULL, NULL, "[\"me\"]", FALSE, TRUE, NULL },
  { "mode", N_("Decision"), SY_FIELD_CHOICE,
    N_("How several assignees decide"),
    NULL, modes, mode_labels, "\"collaborative\"", FALSE, FALSE, NULL },
  { "title", N_("Task title"), SY_FIELD_TEXT,
    N_("Shown in the task list; the step's title when empty"),
    NULL, NULL, NULL, NULL, FALSE, TRUE, NULL },
  { "form", N_("Form"), SY_FIELD_FORM,
    N_("Fields the assignee fills in; defaults may hold variables"),
    NULL, NULL, NULL, "[]", FALSE, TRUE, NULL },
  { NULL },
};

/* ── Validation ─────────────────────────────────────────────────────────── */

static void
manual_validate (SyNode       *node,
                 SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);

  sy_validation_push (validation, "config");

  sy_people_check_assignees (config, validation);
  sy_check_choice (config, "mode", modes, "collaborative", validation);

  sy_people_check_form (config, validation);

  sy_validation_pop (validation);
}

/* ── Running ────────────────────────────────────────────────────────────── */

/* The node has decided: tasks still open are withdrawn, then the outcome's
 * branch runs (branch mode) or the job ends with `status`. */
static SyStep
decide (SyRun    *run,
        SyStatus  status,
        JsonNode *result)
{
  g_autoptr(GError) error = NULL;
  SyJob *job = sy_run_get_job (run);
  JsonObject *meta = sy_run_get_meta (run);

  if (!sy_people_withdraw_tasks (run, &error))
    {
      json_node_unref (result);
      return sy_run_error_from_gerror (run, error);
    }

  json_object_set_string_member (meta, "decision", status == SY_STATUS_RESOLVED ? "approved" : "rejected");

  if (sy_run_start_branch (run, status == SY_STATUS_RESOLVED ? "approved" : "rejected"))
    {
      /* The outcome is the result already while the branch runs. */
      g_clear_pointer (&job->result, json_node_unref);
      job->result = result;
      return sy_run_wait (run);
    }

  return sy_run_finish (run, status, result);
}

static SyStep
manual_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assignees = NULL;
  g_autoptr(GArray) task_ids = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  JsonNode *form;
  JsonObject *meta;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  assignees = sy_people_collect (json_object_get_member (config, "assignees"), &error);
  if (assignees == NULL)
    return sy_run_error_from_gerror (run, error);

  meta = sy_run_get_meta (run);
  json_object_set_string_member (meta, "mode", sy_run_get_string (run, "mode", "collaborative"));
  json_object_set_int_member (meta, "assignees", assignees->len);

  form = json_object_get_member (config, "form");
  if (form != NULL && !JSON_NODE_HOLDS_ARRAY (form))
    form = NULL;

  if (assignees->len == 0)
    {
      g_autoptr(JsonObject) result = json_object_new ();

      json_object_set_member (result, "form", sy_people_form_defaults (form));
      json_object_set_string_member (result, "_", "approve");
      return decide (run, SY_STATUS_RESOLVED, sy_json_node_take_object (g_steal_pointer (&result)));
    }

  task_ids = sy_people_create_tasks (run, "manual", assignees, form, SY_TASK_STATUS_PENDING, &error);
  if (task_ids == NULL)
    return sy_run_error_from_gerror (run, error);

  return sy_run_wait (run);
}

static JsonNode *
ratio_node (guint resolved,
            guint total)
{
  if (resolved == total || resolved == 0)
    return json_node_init_int (json_node_alloc (), resolved == total ? 1 : 0);

  return json_node_init_double (json_node_alloc (), (double) resolved / total);
}

static SyStep
manual_resume (SyRun    *run,
               JsonNode *payload)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  JsonObject *meta = sy_run_get_meta (run);
  const char *mode = sy_object_get_string (meta, "mode", "collaborative");
  JsonObject *submission;
  const char *action;
  guint resolved = 0, rejected = 0, total;

  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return sy_run_wait (run); /* nothing was submitted */

  submission = json_node_get_object (payload);
  action = sy_object_get_string (submission, "action", "");

  if (g_str_equal (mode, "collaborative"))
    {
      g_autoptr(JsonObject) result = json_object_new ();
      JsonNode *values = json_object_get_member (submission, "values");

      json_object_set_member (result, "form",
                              values && !JSON_NODE_HOLDS_NULL (values)
                                ? json_node_copy (values) : sy_json_node_take_object (json_object_new ()));
      json_object_set_string_member (result, "_", action);
      return decide (run, g_str_equal (action, "approve") ? SY_STATUS_RESOLVED : SY_STATUS_REJECTED,
                     sy_json_node_take_object (g_steal_pointer (&result)));
    }

  tasks = sy_store_list_job_tasks (sy_run_get_store (run), sy_run_get_job (run)->id, &error);
  if (tasks == NULL)
    return sy_run_error_from_gerror (run, error);

  total = tasks->len;
  for (guint i = 0; i < tasks->len; i++)
    {
      SyTask *task = g_ptr_array_index (tasks, i);

      if (task->status == SY_TASK_STATUS_RESOLVED)
        resolved++;
      else if (task->status == SY_TASK_STATUS_REJECTED)
        rejected++;
    }

  if (g_str_equal (mode, "all"))
    {
      if (rejected > 0)
        return decide (run, SY_STATUS_REJECTED, ratio_node (resolved, total));
      if (resolved == total)
        return decide (run, SY_STATUS_RESOLVED, ratio_node (resolved, total));
    }
  else
    {
      if (resolved > 0)
        return decide (run, SY_STATUS_RESOLVED, ratio_node (resolved, total));
      if (rejected == total)
        return decide (run, SY_STATUS_REJECTED, ratio_node (resolved, total));
    }

  return sy_run_wait (run);
}

static char *
manual_branch_label (SyNode     *node,
                     const char *branch)
{
  (void) node;

  if (g_strcmp0 (branch, "approved") == 0)
    return g_strdup (_("Continued"));
  if (g_strcmp0 (branch, "rejected") == 0)
    return g_strdup (_("Rejected"));

  return NULL;
}

static const SyNodeKind kind = {
  .type = "manual",
  .title = N_("Manual"),
  .description = N_("Ask people to fill in a form, then continue or stop"),
  .category = "people",
  .icon_name = "contact-new-symbolic",
  .flags = SY_NODE_KIND_WAITS | SY_NODE_KIND_BRANCHING,
  .branches = branches,
  .fields = fields,
  .validate = manual_validate,
  .run = manual_run,
  .resume = manual_resume,
  .resume_branch = sy_people_resume_branch,
  .abort = sy_people_abort,
  .recover = sy_people_recover,
  .branch_label = manual_branch_label,
};

const SyNodeKind *
sy_node_manual_get_kind (void)
{
  return &kind;
}
