/* sy-engine.h — the workflow engine: public API for the UI and the command line
 *
 * SyEngine owns a worker thread with its own GMainContext. Every call below
 * returns at once; results come back through GAsyncReadyCallback on the
 * caller's thread-default main context, and signals are emitted on the main
 * context that was the thread default when the engine was created. Nothing
 * here touches GTK.
 *
 * Signals: "workflows-changed" (), "execution-started", "execution-updated",
 * "execution-finished" (SyExecution *), "job-updated" (SyJob *),
 * "tasks-changed" (), "people-changed" (), "records-changed" (collection name),
 * "collections-changed" (). Executions and jobs in signals are snapshots taken
 * when the change was made (executions without their jobs: "job-updated"
 * tells those), never the engine's live records.
 *
 * Local data (collections, records, actions) has its part of this API in
 * collections/sy-engine-collections.h.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sy-records.h"
#include "sy-store.h"
#include "sy-workflow.h"

G_BEGIN_DECLS

#define SY_ENGINE_ERROR (sy_engine_error_quark ())
typedef enum
{
  SY_ENGINE_ERROR_FAILED,
  SY_ENGINE_ERROR_LOCKED,      /* another process runs the engine for this data directory */
  SY_ENGINE_ERROR_NOT_FOUND,   /* unknown workflow key, execution or job */
  SY_ENGINE_ERROR_INVALID,     /* bad input (context, state) — message says what */
  SY_ENGINE_ERROR_NOT_RUNNING, /* the engine was stopped */
  SY_ENGINE_ERROR_SKIPPED,     /* stack limit reached or duplicate event: nothing ran */
} SyEngineError;
GQuark sy_engine_error_quark (void);

typedef enum
{
  SY_EXECUTE_NONE     = 0,
  SY_EXECUTE_MANUALLY = 1 << 0, /* "Execute" button / command line: runs even if disabled */
  SY_EXECUTE_NO_WAIT  = 1 << 1, /* complete once the execution is stored (queued) */
} SyExecuteFlags;

#define SY_TYPE_ENGINE (sy_engine_get_type ())
G_DECLARE_FINAL_TYPE (SyEngine, sy_engine, SY, ENGINE, GObject)

/* `data_dir` NULL = $SWITCHYARD_DATA_DIR or $XDG_DATA_HOME/switchyard. */
SyEngine    *sy_engine_new                  (const char          *data_dir);
const char  *sy_engine_get_data_dir         (SyEngine            *self);
/* Default data directory as the spec defines it. */
char        *sy_engine_default_data_dir     (void);
/* Creates the data directory, takes its lock, opens and migrates the store,
 * starts the worker thread and recovers what a previous run left (queued
 * executions run, waiting ones keep waiting, timers re-armed, executions
 * interrupted inside a node resumed or ended with a clear error). */
gboolean     sy_engine_start                (SyEngine            *self,
                                             GError             **error);
/* Finishes the step in progress, leaves everything else safely in the store
 * and joins the thread. Idempotent; also done on dispose. */
void         sy_engine_stop                 (SyEngine            *self);
gboolean     sy_engine_is_running           (SyEngine            *self);
/* The engine's own main context (for triggers and tests). */
GMainContext *sy_engine_get_context         (SyEngine            *self);
/* Run `func` on the engine thread (for triggers and nodes). */
void         sy_engine_invoke               (SyEngine            *self,
                                             GSourceFunc          func,
                                             gpointer             data,
                                             GDestroyNotify       destroy);
/* Opens a read-only connection to the store for the calling thread
 * (history views read without going through the worker). */
SyStore     *sy_engine_open_reader          (SyEngine            *self,
                                             GError             **error);

/* ── Workflows ─────────────────────────────────────────────────────────── */
/* Validates and stores a new version (a new key gets version 1). Result: SyVersionRow. */
void          sy_engine_import_async        (SyEngine            *self,
                                             SyWorkflow          *workflow,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
SyVersionRow *sy_engine_import_finish       (SyEngine            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Saves edits to the workflow's version (its version id). When that
 * version has executed (frozen), a new version is created instead.
 * Result: the stored SyVersionRow. */
void          sy_engine_save_async          (SyEngine            *self,
                                             SyWorkflow          *workflow,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
SyVersionRow *sy_engine_save_finish         (SyEngine            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Result: GPtrArray of SyVersionRow (current versions). */
void          sy_engine_list_workflows_async (SyEngine           *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray    *sy_engine_list_workflows_finish (SyEngine          *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* version 0 = current. Result: SyVersionRow (document included). */
void          sy_engine_get_workflow_async  (SyEngine            *self,
                                             const char          *key,
                                             guint                version,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
SyVersionRow *sy_engine_get_workflow_finish (SyEngine            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void          sy_engine_list_versions_async (SyEngine            *self,
                                             const char          *key,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray    *sy_engine_list_versions_finish (SyEngine           *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Enable/disable a version (0 = current); live triggers follow. */
void          sy_engine_set_enabled_async   (SyEngine            *self,
                                             const char          *key,
                                             guint                version,
                                             gboolean             enabled,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      sy_engine_set_enabled_finish  (SyEngine            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void          sy_engine_delete_workflow_async (SyEngine          *self,
                                             const char          *key,
                                             gboolean             purge,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      sy_engine_delete_workflow_finish (SyEngine         *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* ── Executions ────────────────────────────────────────────────────────── */
/* Runs the current version of `key` with `context` as $context. Completes
 * when the execution has ended or waits for something (a task, a delay),
 * or, with SY_EXECUTE_NO_WAIT, once it is stored. Result: SyExecution with jobs. */
void          sy_engine_execute_async       (SyEngine            *self,
                                             const char          *key,
                                             JsonNode            *context,
                                             SyExecuteFlags       flags,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
SyExecution  *sy_engine_execute_finish      (SyEngine            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Aborts a queued or waiting execution: status aborted, reason
 * manual_cancel, pending jobs aborted, children aborted, tasks withdrawn. */
void          sy_engine_cancel_async        (SyEngine            *self,
                                             gint64               execution_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
SyExecution  *sy_engine_cancel_finish       (SyEngine            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* A new execution of the same version and context, linked to the old one,
 * from the start (`from_node` NULL) or from a node (earlier jobs' results
 * are carried over). Completes like execute: with SY_EXECUTE_NO_WAIT once
 * the new execution is stored and started (the only flag that counts). */
void          sy_engine_retry_async         (SyEngine            *self,
                                             gint64               execution_id,
                                             const char          *from_node,
                                             SyExecuteFlags       flags,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
SyExecution  *sy_engine_retry_finish        (SyEngine            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Result: SyExecution with jobs. */
void          sy_engine_get_execution_async (SyEngine            *self,
                                             gint64               execution_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
SyExecution  *sy_engine_get_execution_finish (SyEngine           *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Result: GPtrArray of SyExecution (no jobs), newest first. The filter is copied. */
void          sy_engine_list_executions_async (SyEngine          *self,
                                             const SyExecutionFilter *filter,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray    *sy_engine_list_executions_finish (SyEngine         *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void          sy_engine_delete_execution_async (SyEngine         *self,
                                             gint64               execution_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      sy_engine_delete_execution_finish (SyEngine        *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Deletes, in one transaction, the finished executions that match `filter`
 * (key, status, text; paging ignored; NULL = all) and, when `ids` (GArray
 * of gint64, copied) is given, are among those ids. Queued and running
 * executions are kept; counters too. `n_deleted` (may be NULL) gets how
 * many went. */
void          sy_engine_delete_executions_async (SyEngine        *self,
                                             const SyExecutionFilter *filter,
                                             GArray              *ids,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      sy_engine_delete_executions_finish (SyEngine       *self,
                                             GAsyncResult        *result,
                                             guint               *n_deleted,
                                             GError             **error);

/* ── Tasks (manual, approval, cc) ──────────────────────────────────────── */
/* Result: GPtrArray of SyTask, newest first: open manual and approval
 * tasks, or with `all` every task (finished ones and cc notices too). */
void          sy_engine_list_tasks_async    (SyEngine            *self,
                                             gboolean             all,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray    *sy_engine_list_tasks_finish   (SyEngine            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Acts on a pending task: `action` "approve" (a manual task's Continue),
 * "reject" (Terminate), "return" (approval only) or "save" (keeps it open
 * with `values`). `values` (an object, may be NULL) and `comment` (may be
 * NULL) are recorded on the task; the job resumes with the payload
 * {"task", "assignee", "action", "values", "comment"}. On a cc notice any
 * action marks it read. NOT_FOUND for an unknown id, INVALID for an
 * unknown action or a task that is no longer pending. Result: the SyTask
 * as stored after the job went on. */
void          sy_engine_submit_task_async   (SyEngine            *self,
                                             gint64               task_id,
                                             const char          *action,
                                             JsonNode            *values,
                                             const char          *comment,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
SyTask       *sy_engine_submit_task_finish  (SyEngine            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Approval tasks only (INVALID for others). Return sends the request back
 * to `to_node`, the key of an earlier step (NULL = the node's `returnTo`,
 * else the start); the execution runs again from there. Result: the
 * SyTask as stored. */
void          sy_engine_return_task_async   (SyEngine            *self,
                                             gint64               task_id,
                                             const char          *to_node,
                                             const char          *comment,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
SyTask       *sy_engine_return_task_finish  (SyEngine            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Hands the task's place among the approvers to `assignee` (a person id),
 * who gets a new task; this one becomes handed over. */
void          sy_engine_delegate_task_async (SyEngine            *self,
                                             gint64               task_id,
                                             const char          *assignee,
                                             const char          *comment,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
SyTask       *sy_engine_delegate_task_finish (SyEngine           *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Adds approvers (NULL-terminated person ids) who decide `before` the
 * task's assignee (this task is handed over and comes back to its
 * assignee after them) or after (this task stays open). */
void          sy_engine_add_task_assignees_async (SyEngine       *self,
                                             gint64               task_id,
                                             const char * const  *assignees,
                                             gboolean             before,
                                             const char          *comment,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
SyTask       *sy_engine_add_task_assignees_finish (SyEngine      *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* ── Requests (workflows with an approval trigger) ─────────────────────── */
/* Starts the current, enabled version of `key` with the trigger's form
 * filled in with `values` (an object, may be NULL: the defaults), the
 * desktop user ("me") as the applicant: $context is {data, applicant}.
 * INVALID when the workflow has another trigger, is disabled, or a
 * required field is empty. Completes like execute. Result: SyExecution. */
void          sy_engine_start_request_async (SyEngine            *self,
                                             const char          *key,
                                             JsonNode            *values,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
SyExecution  *sy_engine_start_request_finish (SyEngine           *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* The applicant takes a request back before anyone acted on it: the
 * execution is aborted with reason "withdrawn" and its tasks withdrawn.
 * INVALID once someone approved, rejected, returned, delegated or added
 * assignees, or when the execution has ended. Result: SyExecution. */
void          sy_engine_withdraw_request_async (SyEngine         *self,
                                             gint64               execution_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
SyExecution  *sy_engine_withdraw_request_finish (SyEngine        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* ── People ────────────────────────────────────────────────────────────── */
/* Result: GPtrArray of SyPerson, "me" first, then by name. */
void          sy_engine_list_people_async   (SyEngine            *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray    *sy_engine_list_people_finish  (SyEngine            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Adds a person (`id` NULL: an id is made from the name) or edits one.
 * `name` is required except for "me" (empty: the account's name); `email`
 * may be NULL or empty. INVALID for an empty name or a malformed email,
 * NOT_FOUND when editing an unknown id. Result: the person's id (free it). */
void          sy_engine_save_person_async   (SyEngine            *self,
                                             const char          *id,
                                             const char          *name,
                                             const char          *email,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char         *sy_engine_save_person_finish  (SyEngine            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* INVALID for "me", NOT_FOUND for an unknown id. Tasks keep the id. */
void          sy_engine_remove_person_async (SyEngine            *self,
                                             const char          *id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      sy_engine_remove_person_finish (SyEngine           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* ── For triggers and nodes (any thread) ───────────────────────────────── */
/* Resumes a pending job with `payload` (may be NULL; copied): the node
 * kind's resume() runs on the engine thread. */
void          sy_engine_resume_job          (SyEngine            *self,
                                             gint64               job_id,
                                             JsonNode            *payload);
/* Starts a child execution of the current version of `key` for a node of
 * `parent_execution_id` (subflow). When the child ends, the parent's job
 * `parent_job_id` is resumed — in the same transaction — with payload
 * {"execution": ID, "status": "resolved", "output": …}; when it cannot
 * start (unknown key, stack limit) with {"error": "…"}. Any thread. */
void          sy_engine_start_child         (SyEngine            *self,
                                             gint64               parent_execution_id,
                                             gint64               parent_job_id,
                                             const char          *key,
                                             JsonNode            *context);
/* Starts an execution of an enabled workflow version from a trigger (engine
 * thread only). `event_key` (may be NULL) de-duplicates. `callback` (may be
 * NULL) runs on the engine thread when the execution ends or waits. */
typedef void (*SyTriggeredFunc) (SyEngine    *engine,
                                 SyExecution *execution,
                                 const GError *error,
                                 gpointer     user_data);
void          sy_engine_trigger             (SyEngine            *self,
                                             gint64               version_id,
                                             JsonNode            *context,
                                             const char          *event_key,
                                             SyTriggeredFunc      callback,
                                             gpointer             user_data);

G_END_DECLS
