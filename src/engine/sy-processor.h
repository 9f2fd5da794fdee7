/* sy-processor.h — walks one execution through its workflow (engine-private)
 *
 * The processor follows NocoBase's semantics: run a node, continue
 * downstream while jobs resolve, hand the end of a branch back to the
 * branching node (resume_branch), end the execution when the main chain
 * ends. Instead of recursion it keeps an explicit agenda, so that when the
 * agenda is empty the whole state is in the jobs: that is when the engine
 * commits, and what a restart resumes from.
 *
 * All store writes happen inside the transaction the engine has open.
 */
#pragma once

#include "sy-engine.h"
#include "sy-node-kind.h"
#include "sy-run.h"
#include "sy-store.h"

G_BEGIN_DECLS

typedef struct _SyProcessor SyProcessor;

/* Something to do once the transaction commits. */
typedef struct
{
  SyRunAfterCommitFunc func;
  gpointer             data;
  GDestroyNotify       destroy;
  gint64               execution_id;
  SyJob               *job;
} SyAfterCommit;

void          sy_after_commit_free        (SyAfterCommit *action);

/* `execution` must have its jobs loaded (an empty array for a new one). */
SyProcessor  *sy_processor_new            (SyEngine      *engine,
                                           SyStore       *store,
                                           SyWorkflow    *workflow,
                                           SyExecution   *execution);
void          sy_processor_free           (SyProcessor   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyProcessor, sy_processor_free)

SyExecution  *sy_processor_get_execution  (SyProcessor   *self);
SyWorkflow   *sy_processor_get_workflow   (SyProcessor   *self);
SyStore      *sy_processor_get_store      (SyProcessor   *self);
/* Stores `job` now when it is new (sy_run_save_job), so that rows that
 * point at it can be written in the same transaction. */
gboolean      sy_processor_save_job       (SyProcessor   *self,
                                           SyJob         *job,
                                           GError       **error);

/* Marks the execution started and runs from the head. */
gboolean      sy_processor_start          (SyProcessor   *self,
                                           GError       **error);
/* Runs from `node` with `previous` as its previous job (retry from a node). */
gboolean      sy_processor_start_at       (SyProcessor   *self,
                                           SyNode        *node,
                                           SyJob         *previous,
                                           GError       **error);
/* A pending job's awaited event happened (timer: payload NULL). */
gboolean      sy_processor_resume         (SyProcessor   *self,
                                           gint64         job_id,
                                           JsonNode      *payload,
                                           GError       **error);
/* After a restart: pending jobs whose operation died with the process. */
gboolean      sy_processor_recover        (SyProcessor   *self,
                                           GError       **error);
/* Ends the execution with `status` and `reason`; pending jobs are aborted
 * (their kinds' abort() called), timers cleared. */
gboolean      sy_processor_abort          (SyProcessor   *self,
                                           SyStatus       status,
                                           const char    *reason,
                                           GError       **error);

/* What the last step produced, for the engine to act on after commit.
 * Ownership of the arrays' contents passes to the caller. */
GPtrArray    *sy_processor_steal_after_commit (SyProcessor *self); /* of SyAfterCommit */
GPtrArray    *sy_processor_steal_changed_jobs (SyProcessor *self); /* of SyJob (snapshots) */
/* Timers armed during the last step: array of SyTimerRow. */
GArray       *sy_processor_steal_timers   (SyProcessor   *self);

G_END_DECLS
