/* sy-records.h — executions and jobs as plain records
 *
 * These are the rows of the store, shared by the store, the processor, the
 * command line and the UI. They are reference counted boxed types so that a
 * record can travel between threads (the engine thread and the UI).
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sy-status.h"

G_BEGIN_DECLS

/* One node execution. A loop body produces one job per iteration. */
typedef struct
{
  gint64    id;
  gint64    execution_id;
  char     *node_key;
  char     *node_type;
  gint64    upstream_id;  /* the job that led here (previous job or branching parent's job), 0 for the first */
  gint64    parent_id;    /* for the first job of a branch: the branching node's job; else inherited */
  char     *branch;       /* branch name when this job is in a branch, NULL on the main chain */
  SyStatus  status;
  JsonNode *result;       /* what $jobsMapByNodeKey.<key> yields; may be NULL (= null) */
  JsonNode *meta;         /* node-private persistent state (loop position, timer due time…) */
  JsonNode *config;       /* resolved config the node ran with (for inspection) */
  char     *log;          /* text the node logged (script print, HTTP trace), may be NULL */
  gint64    started_at;   /* ms since the epoch (UTC) */
  gint64    finished_at;  /* 0 while pending */
} SyJob;

#define SY_TYPE_JOB (sy_job_get_type ())
GType   sy_job_get_type   (void) G_GNUC_CONST;
SyJob  *sy_job_new        (void);
SyJob  *sy_job_ref        (SyJob *job);
void    sy_job_unref      (SyJob *job);
JsonNode *sy_job_to_json  (SyJob *job); /* the spec's job object */
/* A copy that shares nothing with `job`, not even JSON objects. */
SyJob  *sy_job_copy       (SyJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyJob, sy_job_unref)

typedef struct
{
  gint64    id;
  gint64    workflow_id;         /* the version that ran */
  char     *workflow_key;
  guint     version;
  char     *event_key;           /* unique dedupe key, NULL = none */
  SyStatus  status;
  char     *reason;              /* timeout, manual_cancel, parent_aborted, or an error text */
  gboolean  manually;
  JsonNode *context;
  JsonNode *output;
  gint64    parent_execution_id; /* subflow caller, 0 = none */
  gint64    parent_job_id;
  gint64    retry_of;            /* the execution this one retries, 0 = none */
  JsonNode *stack;               /* array of ancestor execution ids (loop prevention) */
  gint64    created_at;          /* ms since the epoch (UTC) */
  gint64    started_at;
  gint64    finished_at;
  gint64    expires_at;          /* 0 = no deadline */
  GPtrArray *jobs;               /* of SyJob, in the order they ran; NULL when not loaded */
} SyExecution;

#define SY_TYPE_EXECUTION (sy_execution_get_type ())
GType        sy_execution_get_type (void) G_GNUC_CONST;
SyExecution *sy_execution_new      (void);
SyExecution *sy_execution_ref      (SyExecution *execution);
void         sy_execution_unref    (SyExecution *execution);
/* The spec's execution document (cli.md); jobs included when loaded. */
JsonNode    *sy_execution_to_json  (SyExecution *execution);
/* A copy that shares nothing with `execution`, without its jobs (NULL):
 * what the engine hands out while it goes on changing its own. */
SyExecution *sy_execution_snapshot (SyExecution *execution);
/* Appends (copies of) the texts of the response-message jobs that ran, in
 * order: what a sync workflow tells whoever triggered it. Jobs loaded. */
void         sy_execution_add_response_messages (SyExecution *execution,
                                                 GPtrArray   *messages);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyExecution, sy_execution_unref)

/* RFC 3339 UTC with milliseconds, "2026-11-21T10:00:00.123Z"; NULL for 0. */
char   *sy_format_timestamp (gint64 ms);
gint64  sy_now_ms           (void);

G_END_DECLS
