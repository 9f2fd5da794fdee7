/* sy-store.h — SQLite persistence for workflows, versions, executions, jobs, timers
 *
 * Every SQL statement of the engine lives in sy-store.c; the schema and its
 * migrations (PRAGMA user_version) in sy-store-schema.c. WAL mode. One
 * writer connection, used only on the engine thread; read-only connections
 * may be opened elsewhere. Prepared statements are cached and reused.
 * Times are milliseconds since the epoch, UTC.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sy-records.h"
#include "sy-task.h"
#include "sy-workflow.h"

G_BEGIN_DECLS

#define SY_STORE_ERROR (sy_store_error_quark ())
typedef enum
{
  SY_STORE_ERROR_FAILED,     /* SQLite error; message has SQLite's text */
  SY_STORE_ERROR_NOT_FOUND,  /* unknown key, version or id */
  SY_STORE_ERROR_FROZEN,     /* the version has executed and cannot be edited */
  SY_STORE_ERROR_DUPLICATE,  /* event key already used */
  SY_STORE_ERROR_FULL,       /* disk full (SQLITE_FULL) */
  SY_STORE_ERROR_CORRUPT,    /* not a database / corrupt file */
  SY_STORE_ERROR_TOO_NEW,    /* written by a newer Switchyard (user_version ahead) */
  SY_STORE_ERROR_BUSY,       /* sy_store_checkpoint(): another checkpoint runs, try again later */
} SyStoreError;
GQuark sy_store_error_quark (void);

typedef enum
{
  SY_STORE_READ_WRITE = 0,
  SY_STORE_READ_ONLY  = 1 << 0,
} SyStoreFlags;

/* A stored workflow version (one row of `workflows`). */
typedef struct
{
  gint64    id;            /* version id; executions point here */
  char     *key;
  guint     version;       /* 1, 2, … per key */
  char     *title;
  char     *trigger_type;
  gboolean  enabled;
  gboolean  current;       /* the version shown and used for its key */
  gboolean  sync;
  gint64    executed;      /* executions of this version (>0 ⇒ frozen) */
  gint64    key_executed;  /* executions of all versions of the key (survives deletions) */
  guint     n_versions;    /* versions of this key */
  SyStatus  last_status;   /* status of the key's newest execution; SY_STATUS_QUEUEING if none */
  gboolean  has_last_status; /* FALSE: no execution of the key is stored (none or all deleted) */
  char     *document;      /* the switchyard-workflow/1 JSON text */
  gint64    created_at;
  gint64    updated_at;
  guint     n_problems;    /* validation problems of the draft: filled by the engine
                            * (SyEngine's workflow calls), 0 from the store itself */
} SyVersionRow;

void          sy_version_row_free              (SyVersionRow *row);
/* Parses the document as a draft (it may have problems, see
 * sy_workflow_new_draft_from_data()); the result has version id/number set. */
SyWorkflow   *sy_version_row_to_workflow       (SyVersionRow *row,
                                                GError      **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyVersionRow, sy_version_row_free)

typedef struct
{
  const char *workflow_key; /* NULL = all */
  gboolean    has_status;
  SyStatus    status;
  gboolean    finished;     /* only finished executions (neither queued nor started) */
  const char *text;         /* in the reason or the key, ASCII letters in either case; NULL = any */
  const char * const *reasons; /* with text: executions with one of these reasons match too
                                * (the codes whose words contain the text), NULL-terminated */
  gint64      before_id;    /* paging: only ids < before_id; 0 = from the newest */
  guint       limit;        /* 0 = no limit */
  guint       offset;       /* paging: skip this many rows first (listing only) */
} SyExecutionFilter;

/* Whether `execution` matches the key, status, finished and text of
 * `filter` (NULL = everything) as the store's listings do, paging aside:
 * a live list keeps to the filter with it. */
gboolean      sy_execution_filter_matches      (const SyExecutionFilter *filter,
                                                const SyExecution       *execution);

typedef struct
{
  gint64 job_id;
  gint64 execution_id;
  gint64 due_ms;
} SyTimerRow;

#define SY_TYPE_STORE (sy_store_get_type ())
G_DECLARE_FINAL_TYPE (SyStore, sy_store, SY, STORE, GObject)

/* Opens (creating and migrating when read-write) the database at `path`. */
SyStore      *sy_store_open                    (const char   *path,
                                                SyStoreFlags  flags,
                                                GError      **error);
const char   *sy_store_get_path                (SyStore      *self);
guint         sy_store_get_schema_version      (SyStore      *self);

/* Transactions: BEGIN IMMEDIATE / COMMIT / ROLLBACK. Not nestable. */
gboolean      sy_store_begin                   (SyStore      *self,
                                                GError      **error);
gboolean      sy_store_commit                  (SyStore      *self,
                                                GError      **error);
void          sy_store_rollback                (SyStore      *self);
gboolean      sy_store_in_transaction          (SyStore      *self);

/* WAL upkeep (sy-store-wal.h): commits never checkpoint. Pages the WAL
 * holds since this connection last checkpointed (0 for read-only ones),
 * whether they reached the bound that wants a checkpoint now, and a
 * PASSIVE checkpoint for when the writer is idle (SY_STORE_ERROR_BUSY
 * while the helper thread checkpoints). */
guint         sy_store_get_wal_pages           (SyStore      *self);
gboolean      sy_store_wal_over_limit          (SyStore      *self);
gboolean      sy_store_checkpoint              (SyStore      *self,
                                                GError      **error);

/* ── Workflows ─────────────────────────────────────────────────────────── */
/* Stores `workflow` as a new version of its key (version 1 for a new key).
 * It becomes current when the key has no current version or when it is
 * enabled (then the previous current one is disabled and no longer current).
 * Sets the workflow's version id and number. */
gboolean      sy_store_add_version             (SyStore      *self,
                                                SyWorkflow   *workflow,
                                                GError      **error);
/* Replaces the document of the stored version (workflow's version id).
 * SY_STORE_ERROR_FROZEN when that version has executed. */
gboolean      sy_store_update_version          (SyStore      *self,
                                                SyWorkflow   *workflow,
                                                GError      **error);
/* version 0 = the current version. */
SyVersionRow *sy_store_get_version             (SyStore      *self,
                                                const char   *key,
                                                guint         version,
                                                GError      **error);
SyVersionRow *sy_store_get_version_by_id       (SyStore      *self,
                                                gint64        version_id,
                                                GError      **error);
/* The current version of every key, ordered by title. */
GPtrArray    *sy_store_list_workflows          (SyStore      *self,
                                                GError      **error);
GPtrArray    *sy_store_list_versions           (SyStore      *self,
                                                const char   *key,
                                                GError      **error);
/* Enabled current versions, optionally of one trigger type. */
GPtrArray    *sy_store_list_enabled            (SyStore      *self,
                                                const char   *trigger_type,
                                                GError      **error);
/* Enabling a version (0 = current) makes it current and disables the
 * previous current one. */
gboolean      sy_store_set_enabled             (SyStore      *self,
                                                const char   *key,
                                                guint         version,
                                                gboolean      enabled,
                                                GError      **error);
/* Deletes every version of `key`; executions kept unless `purge`. */
gboolean      sy_store_delete_workflow         (SyStore      *self,
                                                const char   *key,
                                                gboolean      purge,
                                                GError      **error);
gint64        sy_store_get_key_executed        (SyStore      *self,
                                                const char   *key,
                                                GError      **error);
/* Whether a workflow, a kept execution or an execution counter has `key`:
 * a new workflow must not take it over. */
gboolean      sy_store_key_in_use              (SyStore      *self,
                                                const char   *key,
                                                gboolean     *in_use,
                                                GError      **error);

/* ── Executions ────────────────────────────────────────────────────────── */
/* Inserts with the execution's status (usually QUEUEING or STARTED),
 * assigns id and created_at (if 0), and increments the executed counters of
 * the version and of the key in the same statement batch.
 * SY_STORE_ERROR_DUPLICATE when event_key is already used. */
gboolean      sy_store_insert_execution        (SyStore      *self,
                                                SyExecution  *execution,
                                                GError      **error);
/* Writes status, reason, output, started/finished/expires_at. */
gboolean      sy_store_update_execution        (SyStore      *self,
                                                SyExecution  *execution,
                                                GError      **error);
SyExecution  *sy_store_get_execution           (SyStore      *self,
                                                gint64        id,
                                                gboolean      with_jobs,
                                                GError      **error);
/* Newest first, without jobs. */
GPtrArray    *sy_store_list_executions         (SyStore      *self,
                                                const SyExecutionFilter *filter,
                                                GError      **error);
guint         sy_store_count_executions        (SyStore      *self,
                                                const SyExecutionFilter *filter,
                                                GError      **error);
/* Oldest first: for the queue and for recovery. */
GPtrArray    *sy_store_list_executions_in_status (SyStore    *self,
                                                SyStatus      status,
                                                GError      **error);
/* Executions whose parent is `id` (subflows). */
GPtrArray    *sy_store_list_child_executions   (SyStore      *self,
                                                gint64        id,
                                                GError      **error);
/* Deletes the execution, its jobs and timers (counters stay). */
gboolean      sy_store_delete_execution        (SyStore      *self,
                                                gint64        id,
                                                GError      **error);

/* Deletes the finished executions (neither queued nor started) that match
 * `filter` (key, status, text; paging ignored; NULL = all) and, when `ids`
 * (GArray of gint64) is given, are among them, with their jobs, timers and
 * tasks, in one statement. Counters stay. `n_deleted` may be NULL. */
gboolean      sy_store_delete_executions       (SyStore      *self,
                                                const SyExecutionFilter *filter,
                                                GArray       *ids,
                                                guint        *n_deleted,
                                                GError      **error);

/* ── Jobs ──────────────────────────────────────────────────────────────── */
/* Assigns the id. */
gboolean      sy_store_insert_job              (SyStore      *self,
                                                SyJob        *job,
                                                GError      **error);
/* Writes status, result, meta, config, log, finished_at. */
gboolean      sy_store_update_job              (SyStore      *self,
                                                SyJob        *job,
                                                GError      **error);
SyJob        *sy_store_get_job                 (SyStore      *self,
                                                gint64        id,
                                                GError      **error);
/* In the order they ran (by id). */
GPtrArray    *sy_store_list_jobs               (SyStore      *self,
                                                gint64        execution_id,
                                                GError      **error);

/* ── Durable timers ────────────────────────────────────────────────────── */
gboolean      sy_store_set_timer               (SyStore      *self,
                                                gint64        job_id,
                                                gint64        execution_id,
                                                gint64        due_ms,
                                                GError      **error);
gboolean      sy_store_clear_timer             (SyStore      *self,
                                                gint64        job_id,
                                                GError      **error);
/* Ordered by due time; array of SyTimerRow (g_array). */
GArray       *sy_store_list_timers             (SyStore      *self,
                                                GError      **error);

/* ── Tasks and people (sy-store-tasks.c) ──────────────────────────────── */
/* Assigns the id, and created_at/updated_at when 0. */
gboolean      sy_store_insert_task             (SyStore      *self,
                                                SyTask       *task,
                                                GError      **error);
/* Writes status, values, action, comment and updated_at (now). */
gboolean      sy_store_update_task             (SyStore      *self,
                                                SyTask       *task,
                                                GError      **error);
/* SY_STORE_ERROR_NOT_FOUND for an unknown id. */
SyTask       *sy_store_get_task                (SyStore      *self,
                                                gint64        id,
                                                GError      **error);
/* Pending manual and approval tasks, or with `all` every task (cc notices
 * and finished ones too), of `assignee` (NULL = anyone); newest first. */
GPtrArray    *sy_store_list_tasks              (SyStore      *self,
                                                gboolean      all,
                                                const char   *assignee,
                                                GError      **error);
/* The tasks of one job, by id. */
GPtrArray    *sy_store_list_job_tasks          (SyStore      *self,
                                                gint64        job_id,
                                                GError      **error);
/* The tasks of one execution, by id. */
GPtrArray    *sy_store_list_execution_tasks    (SyStore      *self,
                                                gint64        execution_id,
                                                GError      **error);
/* Pending manual and approval tasks of the job become withdrawn. */
gboolean      sy_store_withdraw_job_tasks      (SyStore      *self,
                                                gint64        job_id,
                                                GError      **error);
/* Array of SyPerson ordered by name; `me` first. */
GPtrArray    *sy_store_list_people             (SyStore      *self,
                                                GError      **error);
/* Adds or renames a person. */
gboolean      sy_store_add_person              (SyStore      *self,
                                                const char   *id,
                                                const char   *name,
                                                const char   *email,
                                                GError      **error);
/* NOT_FOUND for an unknown id; `me` cannot be removed. */
gboolean      sy_store_remove_person           (SyStore      *self,
                                                const char   *id,
                                                GError      **error);

/* ── Small key/value state (scheduler bookkeeping, settings) ──────────── */
char         *sy_store_get_state               (SyStore      *self,
                                                const char   *name,
                                                GError      **error);
gboolean      sy_store_set_state               (SyStore      *self,
                                                const char   *name,
                                                const char   *value,
                                                GError      **error);

G_END_DECLS
