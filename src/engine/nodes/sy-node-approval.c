/* sy-node-approval.c — people approve, reject or return a request
 *
 * The approvers' state lives in the job's meta so that it survives
 * restarts: meta.approvers is a list of {id, assignee, waits, state,
 * task}; a queued approver gets a task once everyone in its `waits` has
 * decided (parallel order: nobody waits; sequential: each waits for the
 * one before). Approve and Reject count towards the negotiation (any: the
 * first decision decides; all: everyone must approve, one rejection
 * rejects; ratio: approved once more than that share approved, rejected
 * once it no longer can). Return decides at once and goes back to an
 * earlier node (or the start). Delegate hands an approver's place to
 * someone else; Add assignee inserts approvers before (the adder waits for
 * them) or after (they wait for the adder, and whoever waited for the
 * adder waits for them). Every act is a record; the result is {status,
 * records, data} where data is the form's defaults with the submitted
 * values over them.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-node-people.h"
#include "sy-nodes.h"

static const char * const branches[] = { "approved", "rejected", "returned", NULL };
static const char * const modes[] = { "pass-through", "branch", NULL };
static const char * const mode_labels[] = {
  N_("Continue only when approved"), N_("Branch on the outcome"), NULL
};
static const char * const negotiations[] = { "any", "all", "ratio", NULL };
static const char * const negotiation_labels[] = {
  N_("Anyone decides"), N_("Everyone must approve"), N_("A share must approve"), NULL
};
static const char * const orders[] = { "parallel", "sequential", NULL };
static const char * const order_labels[] = { N_("All at once"), N_("One after another"), NULL };

static const SyFieldSpec fields[] = {
  { "assignees", N_("Approvers"), SY_FIELD_PEOPLE,
    N_("People who approve: person ids or variables that give them. Nobody means approved at once."),
    NULL, NULL, NULL, "[\"me\"]", FALSE, TRUE, NULL },
  { "mode", N_("Outcome"), SY_FIELD_CHOICE,
    N_("Continue only when approved (a rejection ends the workflow), or run the branch of the outcome"),
    NULL, modes, mode_labels, "\"pass-through\"", FALSE, FALSE, NULL },
  { "negotiation", N_("Decision"), SY_FIELD_CHOICE,
    N_("How several approvers decide"),
    NULL, negotiations, negotiation_labels, "\"any\"", FALSE, FALSE, NULL },
  { "ratio", N_("Share"), SY_FIELD_NUMBER,
    N_("Approved once more than this share of the approvers approved (between 0 and 1)"),
    NULL, NULL, NULL, "0.5", FALSE, FALSE, "negotiation=ratio" },
  { "order", N_("Order"), SY_FIELD_CHOICE,
    N_("Whether the approvers get the request together or one after another"),
    NULL, orders, order_labels, "\"parallel\"", FALSE, FALSE, NULL },
  { "title", N_("Task title"), SY_FIELD_TEXT,
    N_("Shown in the task list; the step's title when empty"),
    NULL, NULL, NULL, NULL, FALSE, TRUE, NULL },
  { "returnTo", N_("Return to"), SY_FIELD_NODE,
    N_("Where Return sends the request: an earlier step, or the start when empty"),
    NULL, NULL, NULL, "null", FALSE, FALSE, NULL },
  { "form", N_("Form"), SY_FIELD_FORM,
    N_("Fields the approvers may fill in or correct; defaults may hold variables"),
    NULL, NULL, NULL, "[]", FALSE, TRUE, NULL },
  { NULL },
};

/* ── Validation ─────────────────────────────────────────────────────────── */

static gboolean
is_share (JsonNode *node)
{
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    return FALSE;

  value = json_node_get_double (node);
  return value > 0 && value < 1;
}

static void
check_negotiation (JsonObject   *config,
                   SyValidation *validation)
{
  JsonNode *negotiation = json_object_get_member (config, "negotiation");
  JsonNode *ratio = json_object_get_member (config, "ratio");

  /* NocoBase's form: a number is the ratio itself. */
  if (negotiation != NULL && JSON_NODE_HOLDS_VALUE (negotiation) &&
      json_node_get_value_type (negotiation) != G_TYPE_STRING)
    {
      if (!is_share (negotiation))
        sy_validation_add (validation, "negotiation", _("a ratio must be a number between 0 and 1"));
    }
  else
    sy_check_choice (config, "negotiation", negotiations, "any", validation);

  if (ratio != NULL && !JSON_NODE_HOLDS_NULL (ratio) && !is_share (ratio))
    sy_validation_add (validation, "ratio", _("must be a number between 0 and 1"));
}

static gboolean
has_steps (SyNode *node)
{
  for (guint i = 0; branches[i] != NULL; i++)
    if (sy_node_get_branch_head (node, branches[i]) != NULL)
      return TRUE;

  return FALSE;
}

static void
approval_validate (SyNode       *node,
                   SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);
  const char *mode;
  const char *return_to;

  sy_validation_push (validation, "config");

  sy_people_check_assignees (config, validation);
  mode = sy_check_choice (config, "mode", modes, "pass-through", validation);
  check_negotiation (config, validation);
  sy_check_choice (config, "order", orders, "parallel", validation);
  sy_people_check_form (config, validation);

  return_to = sy_object_get_string (config, "returnTo", NULL);
  if (return_to != NULL && *return_to != '\0' && sy_node_find_upstream (node, return_to) == NULL)
    sy_validation_add (validation, "returnTo",
                       _("“%s” is not a step before this one or around it; Return can only go back"), return_to);

  if (g_str_equal (mode, "pass-through") && has_steps (node))
    sy_validation_add (validation, "mode",
                       _("the outcome branches have steps, which run only in branch mode"));

  sy_validation_pop (validation);
}

/* ── State in the job's meta ────────────────────────────────────────────── */

static JsonArray *
meta_array (JsonObject *meta,
            const char *member)
{
  JsonNode *node = json_object_get_member (meta, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (meta, member, json_array_new ());
      node = json_object_get_member (meta, member);
    }

  return json_node_get_array (node);
}

static JsonObject *
approver_at (JsonArray *approvers,
             guint      index)
{
  return json_array_get_object_element (approvers, index);
}

static gboolean
is_unfinished (JsonObject *approver)
{
  const char *state = sy_object_get_string (approver, "state", "");

  return g_str_equal (state, "queued") || g_str_equal (state, "open");
}

static gint64
next_approver_id (JsonObject *meta)
{
  gint64 id = json_object_get_int_member_with_default (meta, "next_id", 1);

  json_object_set_int_member (meta, "next_id", id + 1);
  return id;
}

/* `waits` is taken (may be NULL: nobody). */
static JsonObject *
new_approver (JsonObject *meta,
              const char *assignee,
              JsonArray  *waits)
{
  JsonObject *approver = json_object_new ();

  json_object_set_int_member (approver, "id", next_approver_id (meta));
  json_object_set_string_member (approver, "assignee", assignee);
  json_object_set_array_member (approver, "waits", waits != NULL ? waits : json_array_new ());
  json_object_set_string_member (approver, "state", "queued");
  json_object_set_int_member (approver, "task", 0);

  return approver;
}

static JsonArray *
single_wait (gint64 id)
{
  JsonArray *waits = json_array_new ();

  json_array_add_int_element (waits, id);
  return waits;
}

static gboolean
has_decided (JsonArray *approvers,
             gint64     id)
{
  for (guint i = 0; i < json_array_get_length (approvers); i++)
    {
      JsonObject *approver = approver_at (approvers, i);

      if (json_object_get_int_member (approver, "id") == id)
        return !is_unfinished (approver);
    }

  return TRUE; /* gone: nothing to wait for */
}

static gboolean
is_ready (JsonArray  *approvers,
          JsonObject *approver)
{
  JsonArray *waits = json_object_get_array_member (approver, "waits");

  for (guint i = 0; waits != NULL && i < json_array_get_length (waits); i++)
    if (!has_decided (approvers, json_array_get_int_element (waits, i)))
      return FALSE;

  return TRUE;
}

/* Whoever waited for `old_id` waits for each of `new_ids` instead. */
static void
redirect_waits (JsonArray *approvers,
                gint64     old_id,
                JsonArray *new_ids)
{
  for (guint i = 0; i < json_array_get_length (approvers); i++)
    {
      JsonArray *waits = json_object_get_array_member (approver_at (approvers, i), "waits");

      for (guint j = 0; waits != NULL && j < json_array_get_length (waits); j++)
        if (json_array_get_int_element (waits, j) == old_id)
          {
            json_array_remove_element (waits, j);
            for (guint k = 0; k < json_array_get_length (new_ids); k++)
              json_array_add_int_element (waits, json_array_get_int_element (new_ids, k));
            break;
          }
    }
}

static void
add_record (SyRun      *run,
            JsonObject *submission,
            const char *assignee)
{
  JsonObject *record = json_object_new ();
  g_autofree char *at = sy_format_timestamp (sy_now_ms ());
  const char *comment = sy_object_get_string (submission, "comment", NULL);

  json_object_set_string_member (record, "assignee", assignee);
  json_object_set_string_member (record, "action", sy_object_get_string (submission, "action", ""));
  if (comment != NULL)
    json_object_set_string_member (record, "comment", comment);
  else
    json_object_set_null_member (record, "comment");
  json_object_set_string_member (record, "at", at);
  for (const char * const *extra = (const char * const[]) { "to", "people", "position", NULL }; *extra; extra++)
    {
      JsonNode *value = json_object_get_member (submission, *extra);

      if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
        json_object_set_member (record, *extra, json_node_copy (value));
    }

  json_array_add_object_element (meta_array (sy_run_get_meta (run), "records"), record);
}

/* Submitted values go over the data (the form's defaults at first). */
static void
merge_data (SyRun      *run,
            JsonObject *submission)
{
  JsonObject *meta = sy_run_get_meta (run);
  JsonNode *values = json_object_get_member (submission, "values");
  JsonNode *data = json_object_get_member (meta, "data");
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (values == NULL || !JSON_NODE_HOLDS_OBJECT (values))
    return;
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      json_object_set_object_member (meta, "data", json_object_new ());
      data = json_object_get_member (meta, "data");
    }

  json_object_iter_init (&iter, json_node_get_object (values));
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (json_node_get_object (data), name, sy_json_node_deep_copy (value));
}

/* Gives the queued approvers whose turn it is their tasks. FALSE with
 * `error` when the tasks cannot be stored. */
static gboolean
open_ready (SyRun   *run,
            GError **error)
{
  JsonObject *config = sy_run_get_config (run, error);
  JsonArray *approvers = meta_array (sy_run_get_meta (run), "approvers");
  g_autoptr(GPtrArray) assignees = g_ptr_array_new ();
  g_autoptr(GPtrArray) opened = g_ptr_array_new ();
  g_autoptr(GArray) task_ids = NULL;

  if (config == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (approvers); i++)
    {
      JsonObject *approver = approver_at (approvers, i);

      if (g_str_equal (sy_object_get_string (approver, "state", ""), "queued") && is_ready (approvers, approver))
        {
          g_ptr_array_add (assignees, (gpointer) sy_object_get_string (approver, "assignee", ""));
          g_ptr_array_add (opened, approver);
        }
    }

  if (opened->len == 0)
    return TRUE;

  task_ids = sy_people_create_tasks (run, "approval", assignees, json_object_get_member (config, "form"),
                                     SY_TASK_STATUS_PENDING, error);
  if (task_ids == NULL)
    return FALSE;

  for (guint i = 0; i < opened->len; i++)
    {
      JsonObject *approver = g_ptr_array_index (opened, i);

      json_object_set_string_member (approver, "state", "open");
      json_object_set_int_member (approver, "task", g_array_index (task_ids, gint64, i));
    }

  return TRUE;
}

/* ── Deciding ───────────────────────────────────────────────────────────── */

static JsonNode *
outcome_result (SyRun      *run,
                const char *status)
{
  JsonObject *meta = sy_run_get_meta (run);
  JsonObject *result = json_object_new ();
  JsonNode *data = json_object_get_member (meta, "data");

  json_object_set_string_member (result, "status", status);
  json_object_set_array_member (result, "records",
                                sy_json_array_deep_copy (meta_array (meta, "records")));
  json_object_set_member (result, "data",
                          data != NULL ? sy_json_node_deep_copy (data)
                                       : sy_json_node_take_object (json_object_new ()));

  return sy_json_node_take_object (result);
}

/* The outcome is known: open tasks are withdrawn; in branch mode the
 * outcome's branch runs; otherwise approved continues, rejected ends the
 * execution, returned goes back to `return_to` (NULL = the start). A
 * return in branch mode without steps in `returned` goes back too. */
static SyStep
decide (SyRun      *run,
        const char *outcome,
        SyNode     *return_to)
{
  g_autoptr(GError) error = NULL;
  SyJob *job = sy_run_get_job (run);
  JsonNode *result = outcome_result (run, outcome);
  gboolean branch_mode = g_str_equal (sy_object_get_string (sy_run_get_meta (run), "mode", ""), "branch");

  if (!sy_people_withdraw_tasks (run, &error))
    {
      json_node_unref (result);
      return sy_run_error_from_gerror (run, error);
    }
  json_object_set_string_member (sy_run_get_meta (run), "decision", outcome);

  if (branch_mode && sy_run_start_branch (run, outcome))
    {
      /* The outcome is the result already while the branch runs. */
      g_clear_pointer (&job->result, json_node_unref);
      job->result = result;
      return sy_run_wait (run);
    }

  if (g_str_equal (outcome, "returned"))
    return sy_run_go_back (run, return_to, SY_STATUS_RETRY_NEEDED, result);
  if (g_str_equal (outcome, "approved") || branch_mode)
    return sy_run_resolve (run, result);

  return sy_run_finish (run, SY_STATUS_REJECTED, result);
}

/* The negotiation's verdict so far: "approved", "rejected" or NULL. */
static const char *
count_votes (JsonObject *meta)
{
  JsonArray *approvers = meta_array (meta, "approvers");
  const char *negotiation = sy_object_get_string (meta, "negotiation", "any");
  guint total = json_array_get_length (approvers);
  guint approved = 0, rejected = 0;

  for (guint i = 0; i < total; i++)
    {
      const char *state = sy_object_get_string (approver_at (approvers, i), "state", "");

      if (g_str_equal (state, "approved"))
        approved++;
      else if (g_str_equal (state, "rejected"))
        rejected++;
    }

  if (g_str_equal (negotiation, "any"))
    return approved > 0 ? "approved" : rejected > 0 ? "rejected" : NULL;

  if (g_str_equal (negotiation, "all"))
    return rejected > 0 ? "rejected" : approved == total ? "approved" : NULL;

  {
    double ratio = json_object_get_double_member_with_default (meta, "ratio", 0.5);

    if ((double) approved / total > ratio)
      return "approved";
    if ((double) (total - rejected) / total <= ratio)
      return "rejected";
    return NULL;
  }
}

/* ── Running ────────────────────────────────────────────────────────────── */

static void
remember_settings (SyRun      *run,
                   JsonObject *config)
{
  JsonObject *meta = sy_run_get_meta (run);
  JsonNode *negotiation = json_object_get_member (config, "negotiation");

  json_object_set_string_member (meta, "mode", sy_object_get_string (config, "mode", "pass-through"));
  json_object_set_string_member (meta, "order", sy_object_get_string (config, "order", "parallel"));
  if (negotiation != NULL && JSON_NODE_HOLDS_VALUE (negotiation) &&
      json_node_get_value_type (negotiation) != G_TYPE_STRING)
    {
      json_object_set_string_member (meta, "negotiation", "ratio");
      json_object_set_double_member (meta, "ratio", json_node_get_double (negotiation));
    }
  else
    {
      json_object_set_string_member (meta, "negotiation", sy_object_get_string (config, "negotiation", "any"));
      json_object_set_double_member (meta, "ratio", sy_run_get_double (run, "ratio", 0.5));
    }
}

static SyStep
approval_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assignees = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  JsonObject *meta;
  JsonArray *approvers;
  gboolean sequential;
  gint64 previous_id = 0;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  assignees = sy_people_collect (json_object_get_member (config, "assignees"), &error);
  if (assignees == NULL)
    return sy_run_error_from_gerror (run, error);

  remember_settings (run, config);
  meta = sy_run_get_meta (run);
  json_object_set_member (meta, "data", sy_people_form_defaults (json_object_get_member (config, "form")));
  json_object_set_array_member (meta, "records", json_array_new ());
  approvers = json_array_new ();
  json_object_set_array_member (meta, "approvers", approvers);

  sequential = g_str_equal (sy_object_get_string (meta, "order", ""), "sequential");
  for (guint i = 0; i < assignees->len; i++)
    {
      JsonObject *approver = new_approver (meta, g_ptr_array_index (assignees, i),
                                           sequential && i > 0 ? single_wait (previous_id) : NULL);

      previous_id = json_object_get_int_member (approver, "id");
      json_array_add_object_element (approvers, approver);
    }

  if (assignees->len == 0)
    return decide (run, "approved", NULL);

  if (!open_ready (run, &error))
    return sy_run_error_from_gerror (run, error);

  return sy_run_wait (run);
}

/* The approver whose open task was acted on, or NULL. */
static JsonObject *
find_approver (JsonArray *approvers,
               gint64     task_id,
               guint     *index)
{
  for (guint i = 0; i < json_array_get_length (approvers); i++)
    {
      JsonObject *approver = approver_at (approvers, i);

      if (json_object_get_int_member (approver, "task") == task_id && is_unfinished (approver))
        {
          *index = i;
          return approver;
        }
    }

  return NULL;
}

static SyStep
delegate (SyRun      *run,
          JsonObject *approver,
          JsonObject *submission)
{
  g_autoptr(GError) error = NULL;
  const char *to = sy_object_get_string (submission, "to", "");

  json_object_set_string_member (approver, "assignee", to);
  json_object_set_string_member (approver, "state", "queued");
  if (!open_ready (run, &error))
    return sy_run_error_from_gerror (run, error);

  return sy_run_wait (run);
}

static SyStep
add_assignees (SyRun      *run,
               JsonArray  *approvers,
               JsonObject *adder,
               guint       index,
               JsonObject *submission)
{
  g_autoptr(GError) error = NULL;
  JsonObject *meta = sy_run_get_meta (run);
  JsonNode *people = json_object_get_member (submission, "people");
  g_autoptr(GPtrArray) added = sy_people_collect (people, &error);
  gboolean before = g_str_equal (sy_object_get_string (submission, "position", "after"), "before");
  gint64 adder_id = json_object_get_int_member (adder, "id");
  g_autoptr(JsonArray) newcomers = json_array_new ();
  g_autoptr(JsonArray) ids = json_array_new ();
  g_autoptr(JsonArray) reordered = json_array_new ();

  if (added == NULL)
    return sy_run_error_from_gerror (run, error);

  /* Before: the newcomers wait for what the adder waited for, and the
   * adder waits for them. After: they wait for the adder, and whoever
   * waited for the adder waits for them. */
  for (guint i = 0; i < added->len; i++)
    {
      JsonArray *waits = before ? sy_json_array_deep_copy (json_object_get_array_member (adder, "waits"))
                                : single_wait (adder_id);
      JsonObject *approver = new_approver (meta, g_ptr_array_index (added, i), waits);

      json_array_add_int_element (ids, json_object_get_int_member (approver, "id"));
      json_array_add_object_element (newcomers, approver);
    }

  if (before)
    {
      json_object_set_array_member (adder, "waits", json_array_ref (ids));
      json_object_set_string_member (adder, "state", "queued");
      json_object_set_int_member (adder, "task", 0);
    }
  else
    redirect_waits (approvers, adder_id, ids);

  /* The list shows them in the order they decide. */
  for (guint i = 0; i < json_array_get_length (approvers); i++)
    {
      if (i == index && !before)
        json_array_add_element (reordered, json_node_copy (json_array_get_element (approvers, i)));
      if (i == index)
        for (guint j = 0; j < json_array_get_length (newcomers); j++)
          json_array_add_element (reordered, json_node_copy (json_array_get_element (newcomers, j)));
      if (i != index || before)
        json_array_add_element (reordered, json_node_copy (json_array_get_element (approvers, i)));
    }
  json_object_set_array_member (meta, "approvers", json_array_ref (reordered));

  if (!open_ready (run, &error))
    return sy_run_error_from_gerror (run, error);

  return sy_run_wait (run);
}

static SyStep
return_request (SyRun      *run,
                JsonObject *submission)
{
  const char *to = sy_object_get_string (submission, "to", NULL);
  SyNode *target = NULL;

  if (to == NULL)
    to = sy_run_get_string (run, "returnTo", NULL);
  if (to != NULL && *to != '\0')
    {
      target = sy_node_find_upstream (sy_run_get_node (run), to);
      if (target == NULL)
        return sy_run_error (run, _("cannot return to “%s”: it is not a step before this one or around it"), to);
    }

  return decide (run, "returned", target);
}

static SyStep
approval_resume (SyRun    *run,
                 JsonNode *payload)
{
  g_autoptr(GError) error = NULL;
  JsonObject *meta = sy_run_get_meta (run);
  JsonArray *approvers = meta_array (meta, "approvers");
  JsonObject *submission;
  JsonObject *approver;
  const char *action;
  const char *verdict;
  g_autofree char *assignee = NULL;
  guint index = 0;

  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return sy_run_wait (run); /* nothing was submitted */

  submission = json_node_get_object (payload);
  action = sy_object_get_string (submission, "action", "");
  approver = find_approver (approvers, json_object_get_int_member_with_default (submission, "task", 0), &index);
  if (approver == NULL)
    return sy_run_wait (run); /* a task this node no longer waits for */

  assignee = g_strdup (sy_object_get_string (approver, "assignee", ""));
  add_record (run, submission, assignee);

  if (g_str_equal (action, "return"))
    return return_request (run, submission);
  if (g_str_equal (action, "delegate"))
    return delegate (run, approver, submission);
  if (g_str_equal (action, "add"))
    return add_assignees (run, approvers, approver, index, submission);
  if (!g_str_equal (action, "approve") && !g_str_equal (action, "reject"))
    return sy_run_wait (run);

  json_object_set_string_member (approver, "state", g_str_equal (action, "approve") ? "approved" : "rejected");
  merge_data (run, submission);

  verdict = count_votes (meta);
  if (verdict != NULL)
    return decide (run, verdict, NULL);

  if (!open_ready (run, &error))
    return sy_run_error_from_gerror (run, error);

  /* Nobody is left to ask (cannot happen with the rules above; be safe). */
  for (guint i = 0; i < json_array_get_length (approvers); i++)
    if (is_unfinished (approver_at (approvers, i)))
      return sy_run_wait (run);

  return decide (run, "rejected", NULL);
}

static char *
approval_branch_label (SyNode     *node,
                       const char *branch)
{
  (void) node;

  if (g_strcmp0 (branch, "approved") == 0)
    return g_strdup (_("Approved"));
  if (g_strcmp0 (branch, "rejected") == 0)
    return g_strdup (_("Rejected"));
  if (g_strcmp0 (branch, "returned") == 0)
    return g_strdup (_("Returned"));

  return NULL;
}

static const SyNodeKind kind = {
  .type = "approval",
  .title = N_("Approval"),
  .description = N_("Ask people to approve, reject or return a request"),
  .category = "people",
  .icon_name = "emblem-ok-symbolic",
  .flags = SY_NODE_KIND_WAITS | SY_NODE_KIND_BRANCHING,
  .branches = branches,
  .fields = fields,
  .validate = approval_validate,
  .run = approval_run,
  .resume = approval_resume,
  .resume_branch = sy_people_resume_branch,
  .abort = sy_people_abort,
  .recover = sy_people_recover,
  .branch_label = approval_branch_label,
};

const SyNodeKind *
sy_node_approval_get_kind (void)
{
  return &kind;
}
