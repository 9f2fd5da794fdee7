/* sy-processor.c — walks one execution through its workflow
 *
 * The agenda is a stack of two kinds of items: run a node after a previous
 * job, or hand the end of a chain to whoever owns the chain. Branches a node
 * starts are pushed in reverse so that they run in the order started, each
 * to its end or to its first wait before the next begins (NocoBase runs
 * parallel branches the same way). A branch whose branching job has already
 * decided is skipped.
 */
#define G_LOG_DOMAIN "sy-processor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-engine-private.h"
#include "sy-json.h"
#include "sy-processor.h"
#include "sy-run-private.h"

typedef enum
{
  ITEM_RUN,       /* run `node` with `job` as its previous job (may be NULL) */
  ITEM_END_CHAIN, /* the chain holding `node` ended with `job` */
} ItemKind;

typedef struct
{
  ItemKind  kind;
  SyNode   *node;
  SyJob    *job;
} AgendaItem;

struct _SyProcessor
{
  SyEngine    *engine;
  SyStore     *store;
  SyWorkflow  *workflow;
  SyExecution *execution;
  SyVariables *variables;
  GHashTable  *jobs_by_id;    /* gint64* → SyJob (owned by execution->jobs) */
  GQueue       agenda;        /* of AgendaItem, head = top */
  GPtrArray   *after_commit;  /* of SyAfterCommit */
  GPtrArray   *changed_jobs;  /* of SyJob snapshots */
  GArray      *timers;        /* of SyTimerRow */
  gboolean     finished;
};

void
sy_after_commit_free (SyAfterCommit *action)
{
  if (action->destroy != NULL)
    action->destroy (action->data);
  g_clear_pointer (&action->job, sy_job_unref);
  g_free (action);
}

static void
agenda_item_free (AgendaItem *item)
{
  g_clear_object (&item->node);
  g_clear_pointer (&item->job, sy_job_unref);
  g_free (item);
}

static void
agenda_push (SyProcessor *self,
             ItemKind     kind,
             SyNode      *node,
             SyJob       *job)
{
  AgendaItem *item = g_new0 (AgendaItem, 1);

  item->kind = kind;
  item->node = g_object_ref (node);
  item->job = job ? sy_job_ref (job) : NULL;
  g_queue_push_head (&self->agenda, item);
}

static const char *
meta_string (SyJob      *job,
             const char *member)
{
  JsonObject *meta;

  if (job->meta == NULL || !JSON_NODE_HOLDS_OBJECT (job->meta))
    return NULL;

  meta = json_node_get_object (job->meta);
  if (!json_object_has_member (meta, member))
    return NULL;

  return json_object_get_string_member (meta, member);
}

static gint64
meta_int (SyJob      *job,
          const char *member)
{
  JsonObject *meta;

  if (job->meta == NULL || !JSON_NODE_HOLDS_OBJECT (job->meta))
    return 0;

  meta = json_node_get_object (job->meta);
  if (!json_object_has_member (meta, member))
    return 0;

  return json_object_get_int_member (meta, member);
}

/* What $jobsMapByNodeKey shows: the latest job per node, and a variable
 * node's assignment counts as a result of its target. */
static void
publish_result (SyProcessor *self,
                SyJob       *job)
{
  const char *assigns = meta_string (job, "assigns");

  sy_variables_set_job_result (self->variables, job->node_key, job->result);
  if (assigns != NULL && job->status == SY_STATUS_RESOLVED)
    sy_variables_set_job_result (self->variables, assigns, job->result);
}

SyProcessor *
sy_processor_new (SyEngine    *engine,
                  SyStore     *store,
                  SyWorkflow  *workflow,
                  SyExecution *execution)
{
  SyProcessor *self = g_new0 (SyProcessor, 1);

  self->engine = engine;
  self->store = g_object_ref (store);
  self->workflow = g_object_ref (workflow);
  self->execution = sy_execution_ref (execution);
  self->variables = sy_variables_new ();
  self->jobs_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_queue_init (&self->agenda);
  self->after_commit = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_after_commit_free);
  self->changed_jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_job_unref);
  self->timers = g_array_new (FALSE, FALSE, sizeof (SyTimerRow));

  if (execution->jobs == NULL)
    execution->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_job_unref);

  sy_variables_set_context (self->variables, execution->context);
  for (guint i = 0; i < execution->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (execution->jobs, i);

      g_hash_table_insert (self->jobs_by_id, &job->id, job);
      publish_result (self, job);
    }
  self->finished = sy_status_is_final (execution->status) && execution->status != SY_STATUS_QUEUEING;

  return self;
}

void
sy_processor_free (SyProcessor *self)
{
  g_queue_clear_full (&self->agenda, (GDestroyNotify) agenda_item_free);
  g_clear_pointer (&self->jobs_by_id, g_hash_table_unref);
  g_clear_pointer (&self->variables, sy_variables_unref);
  g_clear_pointer (&self->after_commit, g_ptr_array_unref);
  g_clear_pointer (&self->changed_jobs, g_ptr_array_unref);
  g_clear_pointer (&self->timers, g_array_unref);
  g_clear_pointer (&self->execution, sy_execution_unref);
  g_clear_object (&self->workflow);
  g_clear_object (&self->store);
  g_free (self);
}

SyExecution *
sy_processor_get_execution (SyProcessor *self)
{
  return self->execution;
}

SyWorkflow *
sy_processor_get_workflow (SyProcessor *self)
{
  return self->workflow;
}

GPtrArray *
sy_processor_steal_after_commit (SyProcessor *self)
{
  GPtrArray *stolen = g_steal_pointer (&self->after_commit);

  self->after_commit = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_after_commit_free);
  return stolen;
}

GPtrArray *
sy_processor_steal_changed_jobs (SyProcessor *self)
{
  GPtrArray *stolen = g_steal_pointer (&self->changed_jobs);

  self->changed_jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_job_unref);
  return stolen;
}

GArray *
sy_processor_steal_timers (SyProcessor *self)
{
  GArray *stolen = g_steal_pointer (&self->timers);

  self->timers = g_array_new (FALSE, FALSE, sizeof (SyTimerRow));
  return stolen;
}

static SyJob *
lookup_job (SyProcessor *self,
            gint64       id)
{
  if (id == 0)
    return NULL;

  return g_hash_table_lookup (self->jobs_by_id, &id);
}

static gboolean
save_job (SyProcessor *self,
          SyJob       *job,
          GError     **error)
{
  if (job->id == 0)
    {
      if (!sy_store_insert_job (self->store, job, error))
        return FALSE;
      g_ptr_array_add (self->execution->jobs, sy_job_ref (job));
      g_hash_table_insert (self->jobs_by_id, &job->id, job);
    }
  else if (!sy_store_update_job (self->store, job, error))
    return FALSE;

  publish_result (self, job);
  /* A copy that the UI thread may keep while the processor goes on. */
  g_ptr_array_add (self->changed_jobs, sy_job_copy (job));

  return TRUE;
}

SyStore *
sy_processor_get_store (SyProcessor *self)
{
  return self->store;
}

gboolean
sy_processor_save_job (SyProcessor *self,
                       SyJob       *job,
                       GError     **error)
{
  return job->id != 0 || save_job (self, job, error);
}

/* The branching job a job belongs to: for the head of a branch it is the
 * previous job (the branching node's own), otherwise it is inherited. */
static gint64
parent_job_id_for (SyNode *node,
                   SyJob  *previous)
{
  if (previous == NULL)
    return 0;

  if (sy_node_get_parent (node) != NULL && sy_node_get_previous (node) == NULL)
    return previous->id;

  return previous->parent_id;
}

static SyJob *
new_job (SyProcessor *self,
         SyNode      *node,
         SyJob       *previous)
{
  SyJob *job = sy_job_new ();

  job->execution_id = self->execution->id;
  job->node_key = g_strdup (sy_node_get_key (node));
  job->node_type = g_strdup (sy_node_get_node_type (node));
  job->upstream_id = previous ? previous->id : 0;
  job->parent_id = parent_job_id_for (node, previous);
  job->branch = g_strdup (sy_node_get_parent_branch (node));
  job->status = SY_STATUS_PENDING;
  job->started_at = sy_now_ms ();

  return job;
}

/* Loop scopes of the enclosing branching nodes, from their current jobs. */
static void
prepare_scopes (SyProcessor *self,
                SyNode      *node,
                gint64       parent_job_id)
{
  SyNode *parent = sy_node_get_parent (node);
  SyJob *parent_job = lookup_job (self, parent_job_id);

  while (parent != NULL && parent_job != NULL)
    {
      const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (parent));

      if (kind != NULL && kind->get_scope != NULL)
        {
          g_autoptr(JsonNode) scope = kind->get_scope (parent, parent_job);

          if (scope != NULL && JSON_NODE_HOLDS_OBJECT (scope))
            {
              JsonObject *object = json_node_get_object (scope);

              sy_variables_set_scope (self->variables, sy_node_get_key (parent),
                                      json_object_get_member (object, "item"),
                                      (guint) json_object_get_int_member_with_default (object, "index", 0),
                                      (guint) json_object_get_int_member_with_default (object, "length", 0));
            }
        }

      parent_job = lookup_job (self, parent_job->parent_id);
      parent = sy_node_get_parent (parent);
    }
}

static void
clear_job_timer (SyProcessor *self,
                 SyJob       *job)
{
  if (meta_int (job, "timer_due") == 0)
    return;

  sy_store_clear_timer (self->store, job->id, NULL);
  json_object_remove_member (json_node_get_object (job->meta), "timer_due");
}

static gboolean finish_execution (SyProcessor *self,
                                  SyStatus     status,
                                  const char  *reason,
                                  GError     **error);
static gboolean go_back          (SyProcessor *self,
                                  SyNode      *node,
                                  SyJob       *job,
                                  SyNode      *target,
                                  GError     **error);

/* Applies what a kind's run/resume/recover returned. */
static gboolean
handle_step (SyProcessor *self,
             SyRun       *run,
             SyStep       step,
             GError     **error)
{
  SyJob *job = run->job;

  if (step != SY_STEP_WAIT && job->status == SY_STATUS_PENDING)
    {
      /* A kind that says it is done must say how: treat as a bug in the kind. */
      g_autoptr(JsonNode) result = sy_json_node_take_object (json_object_new ());

      json_object_set_string_member (json_node_get_object (result), "message",
                                     _("the node finished without a status (a bug in this node type)"));
      sy_run_finish (run, SY_STATUS_ERROR, g_steal_pointer (&result));
      step = SY_STEP_DONE;
    }

  if (run->has_output)
    {
      g_clear_pointer (&self->execution->output, json_node_unref);
      self->execution->output = g_steal_pointer (&run->output);
    }

  if (step == SY_STEP_WAIT)
    {
      job->status = SY_STATUS_PENDING;
      if (run->timer_due > 0)
        json_object_set_int_member (sy_run_get_meta (run), "timer_due", run->timer_due);
      if (!save_job (self, job, error))
        return FALSE;

      if (run->timer_due > 0)
        {
          SyTimerRow row = { job->id, self->execution->id, run->timer_due };

          if (!sy_store_set_timer (self->store, job->id, self->execution->id, run->timer_due, error))
            return FALSE;
          g_array_append_val (self->timers, row);
        }

      /* Pushed in reverse so that the first started runs first. */
      for (guint i = run->branches ? run->branches->len : 0; i > 0; i--)
        {
          const char *branch = g_ptr_array_index (run->branches, i - 1);

          agenda_push (self, ITEM_RUN, sy_node_get_branch_head (run->node, branch), job);
        }
    }
  else
    {
      clear_job_timer (self, job);
      job->finished_at = sy_now_ms ();
      if (!save_job (self, job, error))
        return FALSE;
    }

  for (guint i = 0; run->after_commit && i < run->after_commit->len; i++)
    {
      SyAfterCommit *action = g_ptr_array_index (run->after_commit, i);

      action->job = sy_job_ref (job);
    }
  if (run->after_commit != NULL)
    g_ptr_array_extend_and_steal (self->after_commit, g_steal_pointer (&run->after_commit));

  switch (step)
    {
    case SY_STEP_WAIT:
      return TRUE;

    case SY_STEP_EXIT:
      return finish_execution (self, job->status, NULL, error);

    case SY_STEP_GO_BACK:
      return go_back (self, run->node, job, run->go_back, error);

    case SY_STEP_DONE:
    default:
      if (job->status == SY_STATUS_RESOLVED && sy_node_get_next (run->node) != NULL)
        agenda_push (self, ITEM_RUN, sy_node_get_next (run->node), job);
      else
        agenda_push (self, ITEM_END_CHAIN, run->node, job);
      return TRUE;
    }
}

static gboolean
run_node (SyProcessor *self,
          SyNode      *node,
          SyJob       *previous,
          GError     **error)
{
  const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (node));
  g_autoptr(SyJob) job = new_job (self, node, previous);
  SyRun run;
  SyStep step;
  gboolean ok;

  prepare_scopes (self, node, job->parent_id);
  sy_run_init (&run, self, self->engine, self->workflow, self->execution,
               self->variables, node, kind, job, previous);

  if (kind == NULL || kind->run == NULL)
    step = sy_run_error (&run, _("unknown node type “%s”"), sy_node_get_node_type (node));
  else
    step = kind->run (&run);

  ok = handle_step (self, &run, step, error);
  sy_run_clear (&run);

  return ok;
}

/* The result a chain ends with becomes the execution's reason when it failed. */
static char *
reason_from_job (SyJob *job)
{
  JsonObject *object;

  if (job == NULL || job->status == SY_STATUS_RESOLVED || job->result == NULL ||
      !JSON_NODE_HOLDS_OBJECT (job->result))
    return NULL;

  object = json_node_get_object (job->result);
  if (!json_object_has_member (object, "message"))
    return NULL;

  return g_strdup_printf ("%s: %s", job->node_key,
                          json_object_get_string_member_with_default (object, "message", ""));
}

static gboolean
end_chain (SyProcessor *self,
           SyNode      *node,
           SyJob       *job,
           GError     **error)
{
  SyNode *parent = sy_node_get_parent (node);
  const SyNodeKind *kind;
  SyJob *parent_job;
  SyRun run;
  SyStep step;
  gboolean ok;

  if (parent == NULL)
    {
      g_autofree char *reason = reason_from_job (job);

      return finish_execution (self, job->status, reason, error);
    }

  parent_job = lookup_job (self, job->parent_id);
  if (parent_job == NULL || parent_job->status != SY_STATUS_PENDING)
    return TRUE; /* the branching node has already decided */

  kind = sy_node_kind_lookup (sy_node_get_node_type (parent));
  prepare_scopes (self, parent, parent_job->parent_id);
  sy_run_init (&run, self, self->engine, self->workflow, self->execution, self->variables,
               parent, kind, parent_job, lookup_job (self, parent_job->upstream_id));

  if (kind == NULL || kind->resume_branch == NULL)
    step = sy_run_error (&run, _("node type “%s” cannot continue after its branches"),
                         sy_node_get_node_type (parent));
  else
    step = kind->resume_branch (&run, job);

  ok = handle_step (self, &run, step, error);
  sy_run_clear (&run);

  return ok;
}

static gboolean
deadline_passed (SyProcessor *self)
{
  return self->execution->expires_at > 0 && sy_now_ms () >= self->execution->expires_at;
}

static gboolean
run_agenda (SyProcessor *self,
            GError     **error)
{
  AgendaItem *item;

  while (!self->finished && (item = g_queue_pop_head (&self->agenda)) != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean ok = TRUE;

      if (deadline_passed (self))
        {
          agenda_item_free (item);
          return sy_processor_abort (self, SY_STATUS_ABORTED, "timeout", error);
        }

      if (item->kind == ITEM_RUN)
        {
          SyJob *parent_job = lookup_job (self, parent_job_id_for (item->node, item->job));

          /* Skip branches whose branching node already decided (race, any). */
          if (parent_job == NULL || parent_job->status == SY_STATUS_PENDING)
            ok = run_node (self, item->node, item->job, &local_error);
        }
      else
        ok = end_chain (self, item->node, item->job, &local_error);

      agenda_item_free (item);

      if (!ok)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

/* Ends a pending job from outside: its kind withdraws what it waits for. */
static gboolean
abort_job (SyProcessor *self,
           SyJob       *job,
           SyStatus     status,
           GError     **error)
{
  const SyNodeKind *kind = sy_node_kind_lookup (job->node_type);

  if (kind != NULL && kind->abort != NULL)
    {
      SyNode *node = sy_workflow_find_node (self->workflow, job->node_key);
      SyRun run;

      if (node != NULL)
        {
          sy_run_init (&run, self, self->engine, self->workflow, self->execution,
                       self->variables, node, kind, job, lookup_job (self, job->upstream_id));
          kind->abort (&run);
          sy_run_clear (&run);
        }
    }

  clear_job_timer (self, job);
  job->status = status;
  job->finished_at = sy_now_ms ();

  return save_job (self, job, error);
}

static gboolean
abort_pending_jobs (SyProcessor *self,
                    GError     **error)
{
  for (guint i = 0; i < self->execution->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (self->execution->jobs, i);

      if (job->status == SY_STATUS_PENDING && !abort_job (self, job, SY_STATUS_ABORTED, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
descends_from (SyProcessor *self,
               SyJob       *job,
               SyJob       *ancestor)
{
  for (SyJob *j = job; j != NULL; j = lookup_job (self, j->parent_id))
    if (j == ancestor)
      return TRUE;

  return FALSE;
}

/* The newest job of a node, or NULL when it has not run. */
static SyJob *
latest_job_of (SyProcessor *self,
               SyNode      *node)
{
  for (guint i = self->execution->jobs->len; i > 0; i--)
    {
      SyJob *job = g_ptr_array_index (self->execution->jobs, i - 1);

      if (g_strcmp0 (job->node_key, sy_node_get_key (node)) == 0)
        return job;
    }

  return NULL;
}

/* `node`'s `job` has ended and the execution goes back to `target` (NULL
 * = the first node): the branching nodes between them, and whatever still
 * waits inside them, end with the job's status; then `target` runs again
 * after the job that preceded its last run. */
static gboolean
go_back (SyProcessor *self,
         SyNode      *node,
         SyJob       *job,
         SyNode      *target,
         GError     **error)
{
  SyNode *target_parent = target != NULL ? sy_node_get_parent (target) : NULL;
  SyNode *left = node;
  SyJob *left_job = job;
  SyJob *previous = NULL;

  /* Climb to the node of target's chain that holds this one. */
  while (left != NULL && left_job != NULL && sy_node_get_parent (left) != target_parent)
    {
      left = sy_node_get_parent (left);
      left_job = lookup_job (self, left_job->parent_id);
    }
  if (left == NULL || left_job == NULL)
    {
      g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                   _("“%s” cannot go back to “%s”: it is not an earlier step"),
                   sy_node_get_key (node), target != NULL ? sy_node_get_key (target) : _("the start"));
      return FALSE;
    }

  if (left_job != job)
    for (guint i = 0; i < self->execution->jobs->len; i++)
      {
        SyJob *pending = g_ptr_array_index (self->execution->jobs, i);

        if (pending->status == SY_STATUS_PENDING && descends_from (self, pending, left_job) &&
            !abort_job (self, pending, job->status, error))
          return FALSE;
      }

  if (target == NULL)
    target = sy_workflow_get_head (self->workflow);
  else
    {
      SyJob *last_run = latest_job_of (self, target);

      if (last_run == NULL)
        {
          g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                       _("cannot go back to “%s”: it has not run in this execution"),
                       sy_node_get_key (target));
          return FALSE;
        }
      previous = lookup_job (self, last_run->upstream_id);
    }

  agenda_push (self, ITEM_RUN, target, previous);
  return TRUE;
}

static gboolean
finish_execution (SyProcessor *self,
                  SyStatus     status,
                  const char  *reason,
                  GError     **error)
{
  if (self->finished)
    return TRUE;

  self->finished = TRUE;
  g_queue_clear_full (&self->agenda, (GDestroyNotify) agenda_item_free);

  if (!abort_pending_jobs (self, error))
    return FALSE;

  self->execution->status = status;
  g_free (self->execution->reason);
  self->execution->reason = g_strdup (reason);
  self->execution->finished_at = sy_now_ms ();

  return sy_store_update_execution (self->store, self->execution, error);
}

gboolean
sy_processor_start (SyProcessor *self,
                    GError     **error)
{
  SyNode *head = sy_workflow_get_head (self->workflow);

  if (!sy_processor_start_at (self, head, NULL, error))
    return FALSE;

  return TRUE;
}

gboolean
sy_processor_start_at (SyProcessor *self,
                       SyNode      *node,
                       SyJob       *previous,
                       GError     **error)
{
  gint64 timeout = sy_workflow_get_timeout_ms (self->workflow);

  self->execution->status = SY_STATUS_STARTED;
  self->execution->started_at = sy_now_ms ();
  self->execution->expires_at = timeout > 0 ? self->execution->started_at + timeout : 0;
  if (!sy_store_update_execution (self->store, self->execution, error))
    return FALSE;
  _sy_engine_note_execution_started (self->engine, self->execution);

  if (node == NULL)
    return finish_execution (self, SY_STATUS_RESOLVED, NULL, error);

  agenda_push (self, ITEM_RUN, node, previous);

  return run_agenda (self, error);
}

gboolean
sy_processor_resume (SyProcessor *self,
                     gint64       job_id,
                     JsonNode    *payload,
                     GError     **error)
{
  SyJob *job = lookup_job (self, job_id);
  const SyNodeKind *kind;
  SyNode *node;
  SyRun run;
  SyStep step;
  gboolean ok;

  if (self->finished)
    return TRUE; /* late events for a finished execution are dropped */

  if (job == NULL || job->status != SY_STATUS_PENDING)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, job_id);

      g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                   _("job %s is not waiting"), number);
      return FALSE;
    }

  node = sy_workflow_find_node (self->workflow, job->node_key);
  kind = sy_node_kind_lookup (job->node_type);
  if (node == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, job_id);

      g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                   _("job %s belongs to node “%s”, which is not in the workflow"), number, job->node_key);
      return FALSE;
    }

  if (deadline_passed (self))
    return sy_processor_abort (self, SY_STATUS_ABORTED, "timeout", error);

  /* The timer, if any, has done its work. */
  clear_job_timer (self, job);

  prepare_scopes (self, node, job->parent_id);
  sy_run_init (&run, self, self->engine, self->workflow, self->execution, self->variables,
               node, kind, job, lookup_job (self, job->upstream_id));
  if (kind == NULL || kind->resume == NULL)
    step = sy_run_error (&run, _("node type “%s” cannot be resumed"), job->node_type);
  else
    step = kind->resume (&run, payload);

  ok = handle_step (self, &run, step, error);
  sy_run_clear (&run);

  return ok && run_agenda (self, error);
}

gboolean
sy_processor_recover (SyProcessor *self,
                      GError     **error)
{
  g_autoptr(GPtrArray) interrupted = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_job_unref);

  if (self->finished)
    return TRUE;

  for (guint i = 0; i < self->execution->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (self->execution->jobs, i);
      const SyNodeKind *kind = sy_node_kind_lookup (job->node_type);

      if (job->status != SY_STATUS_PENDING || meta_int (job, "timer_due") != 0)
        continue;

      /* Branching nodes wait for their branches; waiting kinds without a
       * recover hook wait for people, which a restart doesn't change. */
      if (kind != NULL && (kind->flags & SY_NODE_KIND_BRANCHING) != 0)
        continue;
      if (kind != NULL && (kind->flags & SY_NODE_KIND_WAITS) != 0 && kind->recover == NULL)
        continue;

      g_ptr_array_add (interrupted, sy_job_ref (job));
    }

  for (guint i = 0; i < interrupted->len && !self->finished; i++)
    {
      SyJob *job = g_ptr_array_index (interrupted, i);
      const SyNodeKind *kind = sy_node_kind_lookup (job->node_type);
      SyNode *node = sy_workflow_find_node (self->workflow, job->node_key);
      SyRun run;
      SyStep step;
      gboolean ok;

      if (node == NULL)
        continue;

      prepare_scopes (self, node, job->parent_id);
      sy_run_init (&run, self, self->engine, self->workflow, self->execution, self->variables,
                   node, kind, job, lookup_job (self, job->upstream_id));

      if (kind != NULL && kind->recover != NULL)
        step = kind->recover (&run);
      else if (kind != NULL && (kind->flags & SY_NODE_KIND_RETRY_ON_RECOVERY) != 0)
        step = kind->run (&run);
      else
        step = sy_run_error (&run,
                             _("Switchyard stopped while this node was running; it was not run "
                               "again because it may already have had effects"));

      ok = handle_step (self, &run, step, error);
      sy_run_clear (&run);
      if (!ok || !run_agenda (self, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
sy_processor_abort (SyProcessor *self,
                    SyStatus     status,
                    const char  *reason,
                    GError     **error)
{
  return finish_execution (self, status, reason, error);
}
