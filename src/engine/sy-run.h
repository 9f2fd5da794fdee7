/* sy-run.h — what a node sees while it runs or resumes
 *
 * A SyRun is handed to a node kind's run/resume/abort. It is valid only for
 * the duration of that call (except where noted), on the engine thread.
 */
#pragma once

#include <gio/gio.h>

#include "sy-node-kind.h"
#include "sy-store.h"
#include "sy-variables.h"

G_BEGIN_DECLS

typedef struct _SyEngine SyEngine;

SyNode       *sy_run_get_node           (SyRun        *run);
SyWorkflow   *sy_run_get_workflow       (SyRun        *run);
SyExecution  *sy_run_get_execution      (SyRun        *run);
/* This node's job: new and pending in run, the pending one in resume. */
SyJob        *sy_run_get_job            (SyRun        *run);
/* The job that led here (previous node's, or the branching parent's). May be NULL. */
SyJob        *sy_run_get_previous_job   (SyRun        *run);
/* Variables visible to this node ($context, upstream results, loop scopes). */
SyVariables  *sy_run_get_variables      (SyRun        *run);
/* The node's config with every placeholder resolved (computed once, kept
 * on the job for inspection). NULL with `error` set on a resolution error. */
JsonObject   *sy_run_get_config         (SyRun        *run,
                                         GError      **error);
/* Config member helpers over the resolved config; `fallback` when absent or null. */
const char   *sy_run_get_string         (SyRun        *run,
                                         const char   *member,
                                         const char   *fallback);
gint64        sy_run_get_int            (SyRun        *run,
                                         const char   *member,
                                         gint64        fallback);
double        sy_run_get_double         (SyRun        *run,
                                         const char   *member,
                                         double        fallback);
gboolean      sy_run_get_boolean        (SyRun        *run,
                                         const char   *member,
                                         gboolean      fallback);

/* Evaluates an expression with this node's variables bound as parameters.
 * Compiled programs are cached. `input` may be NULL. */
JsonNode     *sy_run_evaluate           (SyRun        *run,
                                         const char   *engine,
                                         const char   *expression,
                                         JsonNode     *input,
                                         GError      **error);

/* Persistent node state kept on the job (survives restarts). Never NULL. */
JsonObject   *sy_run_get_meta           (SyRun        *run);
void          sy_run_append_log         (SyRun        *run,
                                         const char   *format,
                                         ...) G_GNUC_PRINTF (2, 3);

/* Finishing the job. Each returns the SyStep to return from run/resume. */
SyStep        sy_run_resolve            (SyRun        *run,
                                         JsonNode     *result);   /* transfer full, may be NULL */
SyStep        sy_run_finish             (SyRun        *run,
                                         SyStatus      status,
                                         JsonNode     *result);   /* transfer full */
/* Status ERROR with result {"message": …}; the message is also logged. */
SyStep        sy_run_error              (SyRun        *run,
                                         const char   *format,
                                         ...) G_GNUC_PRINTF (2, 3);
SyStep        sy_run_error_from_gerror  (SyRun        *run,
                                         const GError *error);
/* Ends the whole execution with `status` (end node). */
SyStep        sy_run_exit               (SyRun        *run,
                                         SyStatus      status,
                                         JsonNode     *result);
/* Sets the execution's output (the output node; returned to callers). */
void          sy_run_set_output         (SyRun        *run,
                                         JsonNode     *output);   /* transfer none */
/* Ends the job with `status` and runs again from `target`, an earlier node
 * of this node's chain or of an enclosing chain (NULL = the first node of
 * the workflow), in the same execution. Pending work in the chains left
 * behind (an enclosing branching node, its other branches) ends with
 * `status` too, its tasks withdrawn. */
SyStep        sy_run_go_back            (SyRun        *run,
                                         SyNode       *target,
                                         SyStatus      status,
                                         JsonNode     *result);   /* transfer full */
/* The job stays pending; the node will be resumed later. */
SyStep        sy_run_wait               (SyRun        *run);

/* Branches. Starts the chain of `branch` with this node's job as parent;
 * returns FALSE (and starts nothing) when the branch is absent or empty.
 * Several branches may be started; they run one after another, in the order
 * started. `scope` (may be NULL) is stored for get_scope of loops. */
gboolean      sy_run_start_branch       (SyRun        *run,
                                         const char   *branch);

/* The store, inside the transaction of this step (tasks). */
SyStore      *sy_run_get_store          (SyRun        *run);
/* Stores the job now when it is new, so that rows pointing at it (tasks)
 * can be written in this transaction. Returns its id, 0 with `error` set. */
gint64        sy_run_save_job           (SyRun        *run,
                                         GError      **error);

/* Side effects happen only after the state that records them is committed:
 * `func` runs on the engine thread right after the transaction that holds
 * this step commits, with a job id to resume later via
 * sy_engine_resume_job(). */
typedef void (*SyRunAfterCommitFunc) (SyEngine *engine,
                                      gint64    execution_id,
                                      gint64    job_id,
                                      gpointer  user_data);
void          sy_run_after_commit       (SyRun               *run,
                                         SyRunAfterCommitFunc func,
                                         gpointer             user_data,
                                         GDestroyNotify       destroy);
/* Durable timer: resume (payload NULL) at `due_ms` (ms since the epoch),
 * also after a restart; fires once. Cleared when the job leaves pending. */
void          sy_run_arm_timer          (SyRun        *run,
                                         gint64        due_ms);
/* Cancelled when the execution is aborted (cancel, timeout). */
GCancellable *sy_run_get_cancellable    (SyRun        *run);
SyEngine     *sy_run_get_engine         (SyRun        *run);
/* TRUE when the workflow runs in sync mode (a caller is waiting). */
gboolean      sy_run_is_sync            (SyRun        *run);

G_END_DECLS
