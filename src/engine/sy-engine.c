/* sy-engine.c — the workflow engine: worker thread, queue, commits, API
 *
 * Everything that touches the store happens on the worker thread in a
 * "pump": one transaction that takes the requests that arrived (API calls,
 * resumed jobs, due timers) and a batch of queued executions, commits, and
 * only then acts outside: starts side effects (after-commit actions), arms
 * timers, answers callers and emits signals. Several executions share one
 * commit when the queue is busy (group commit), which is what lets a small
 * machine run thousands of executions a second with every one stored.
 */
#define G_LOG_DOMAIN "sy-engine"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "collections/sy-collection-runtime.h"
#include "sy-engine-private.h"
#include "sy-json.h"
#include "sy-processor.h"
#include "sy-trigger-kind.h"
#include "sy-webhook-server.h"
#include "nodes/sy-node-helpers.h"
#include "triggers/sy-triggers.h"

/* How many queued executions, and how many requests, one transaction may
 * take: enough to share commits, small enough that a burst of requests
 * doesn't become one huge transaction that others wait behind. */
#define QUEUE_BATCH 64
#define OPS_BATCH   256

/* How long the engine must have had nothing to do before it checkpoints
 * the WAL (sy-store-wal.h). */
#define CHECKPOINT_IDLE_MS 250

/* How long a stop waits for the programs and requests it cancelled (a
 * program gets SIGKILL after a shorter grace: sy-node-command.c). */
#define STOP_WAIT_MS 3000
/* After a commit failed (a full disk), queued executions and resumed jobs
 * wait this long before they are tried again, twice as long after each
 * further failure, up to the maximum. */
#define RETRY_FIRST_MS 1000
#define RETRY_MAX_MS   60000
/* How often a request that only reads runs again when the pump it shared
 * with others failed to commit, before it is answered with the failure. */
#define MAX_RERUNS 3

typedef struct _Op Op;
typedef void (*OpFunc) (SyEngine *self,
                        Op       *op);

struct _Op
{
  OpFunc             func;
  GTask             *task;          /* NULL for internal requests */
  /* parameters */
  char              *key;
  char              *node;
  guint              version;
  gboolean           flag;
  gint64             id;
  gint64             version_job;   /* start_child: the caller's job */
  JsonNode          *context;
  SyWorkflow        *workflow;
  SyExecuteFlags     flags;
  SyExecutionFilter  filter;        /* its strings are the three below */
  char              *filter_key;
  char              *filter_text;
  char             **filter_reasons;
  GArray            *ids;           /* delete_executions: of gint64, NULL = by filter */
  char              *event_key;
  char              *comment;       /* submit_task */
  JsonNode          *extra;         /* submit_task: {to, people, position} */
  SyTriggeredFunc    triggered;
  gpointer           triggered_data;
  SyPumpFunc         pump_func;     /* _sy_engine_run_in_pump */
  SyPumpDoneFunc     pump_done;
  gpointer           pump_data;
  SyEngineCallFunc   call_func;     /* _sy_engine_call_async */
  gpointer           call_data;
  GDestroyNotify     call_data_free;
  /* outcome, delivered after commit */
  gpointer           result;
  GDestroyNotify     result_free;
  GError            *error;
  gboolean           deferred;      /* a watcher answers later */
  guint              reruns;        /* ran again after a failed commit */
};

typedef struct
{
  gint64    job_id;
  JsonNode *payload;
} Resume;

typedef struct
{
  GTask           *task;
  SyTriggeredFunc  triggered;
  gpointer         triggered_data;
  gboolean         fresh;         /* added in the running pump, not committed yet */
} Watcher;

typedef struct
{
  guint     signal;
  gpointer  record; /* SyExecution or SyJob */
} PendingSignal;

struct _SyEngine
{
  GObject       parent_instance;

  char         *data_dir;
  int           lock_fd;
  SyStore      *store;
  GMainContext *owner_context;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  gboolean      running;

  GMutex        mutex;            /* guards ops, resumes, pump_scheduled, stopping, halted */
  GQueue        ops;
  GQueue        resumes;
  gboolean      pump_scheduled;
  gboolean      stopping;         /* sy_engine_stop() was called: start nothing new */
  gboolean      halted;           /* the thread ends its operations: no more pumps, and their
                                   * jobs stay pending for the next start's recovery */

  /* worker thread only */
  GQueue        queue;            /* queued execution ids (gint64 in pointers) */
  guint         queued_recently;  /* executions queued since the queue last ran */
  gboolean      queue_turn;       /* the last pump answered requests: the queue runs next */
  GHashTable   *workflows;        /* version id → SyWorkflow */
  GHashTable   *watchers;         /* execution id → GPtrArray of Watcher */
  GArray       *fresh_watches;    /* of gint64: executions given a watcher in this pump */
  GHashTable   *cancellables;     /* execution id → GCancellable */
  guint         operations;       /* in flight outside the pumps (programs, requests) */
  GHashTable   *deadlines;        /* execution id → expires_at (gint64 in pointer) */
  GHashTable   *trigger_handles;  /* version id → TriggerHandle */
  GPtrArray    *after_commit;     /* of SyAfterCommit, for this pump */
  GPtrArray    *settled;          /* of SyExecution, for this pump */
  GPtrArray    *signals;          /* of PendingSignal, for this pump */
  GArray       *armed;            /* of SyTimerRow, for this pump */
  gboolean      workflows_changed;
  gboolean      tasks_changed;    /* emit "tasks-changed" after this pump */
  GSource      *timer_source;
  gint64        timer_due;
  GSource      *deadline_source;
  gint64        deadline_due;
  GSource      *checkpoint_source; /* ready once the engine has been idle a while */
  GSource      *retry_source;     /* a commit failed: queue and resumes wait for it */
  guint         retry_delay_ms;
  GQueue        retry_ops;        /* internal requests (recovery, timeouts) to run again */

  /* The webhook server (sy-webhook-server.c); its settings are the
   * webhook-* properties. */
  SyWebhookServer *webhook_server;

  /* data.db and the collections' events (collections/). */
  SyCollectionRuntime *collections;
};

typedef struct
{
  const SyTriggerKind *kind;
  gpointer             handle;
  char                *document; /* what it was started with: edits restart it */
} TriggerHandle;

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_WEBHOOK_PORT,
  PROP_WEBHOOK_ADDRESS,
  PROP_WEBHOOK_BODY_LIMIT,
  PROP_WEBHOOK_ERROR,
  PROP_WEBHOOK_SERVE,
  N_PROPS
};

enum {
  WORKFLOWS_CHANGED,
  EXECUTION_STARTED,
  EXECUTION_UPDATED,
  EXECUTION_FINISHED,
  JOB_UPDATED,
  TASKS_CHANGED,
  PEOPLE_CHANGED,
  RECORDS_CHANGED,
  COLLECTIONS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SyEngine, sy_engine, G_TYPE_OBJECT)
G_DEFINE_QUARK (sy-engine-error-quark, sy_engine_error)

static void schedule_pump (SyEngine *self);

#define ID_TO_POINTER(id) ((gpointer) (gintptr) (id))
#define POINTER_TO_ID(p)  ((gint64) (gintptr) (p))

/* ── Small helpers ──────────────────────────────────────────────────────── */

static void
op_free (Op *op)
{
  g_clear_object (&op->task);
  g_free (op->key);
  g_free (op->node);
  g_free (op->filter_key);
  g_free (op->filter_text);
  g_strfreev (op->filter_reasons);
  g_clear_pointer (&op->ids, g_array_unref);
  g_free (op->event_key);
  g_free (op->comment);
  g_clear_pointer (&op->context, json_node_unref);
  g_clear_pointer (&op->extra, json_node_unref);
  g_clear_object (&op->workflow);
  if (op->call_data_free != NULL)
    op->call_data_free (op->call_data);
  if (op->result != NULL && op->result_free != NULL)
    op->result_free (op->result);
  g_clear_error (&op->error);
  g_free (op);
}

static void
resume_free (Resume *resume)
{
  g_clear_pointer (&resume->payload, json_node_unref);
  g_free (resume);
}

static void
watcher_free (Watcher *watcher)
{
  g_clear_object (&watcher->task);
  g_free (watcher);
}

static void
trigger_handle_free (TriggerHandle *handle)
{
  if (handle->kind->stop != NULL && handle->handle != NULL)
    handle->kind->stop (handle->handle);
  g_free (handle->document);
  g_free (handle);
}

static void
pending_signal_free (PendingSignal *pending)
{
  if (pending->signal == JOB_UPDATED)
    sy_job_unref (pending->record);
  else if (pending->record != NULL)
    sy_execution_unref (pending->record);
  g_free (pending);
}

static void
op_set_result (Op            *op,
               gpointer       result,
               GDestroyNotify result_free)
{
  op->result = result;
  op->result_free = result_free;
}

static void
op_set_error (Op     *op,
              GError *error)
{
  g_clear_error (&op->error);
  op->error = error;
}

/* Answers with `result`, or with `error` when there is none. */
static void
op_take (Op             *op,
         gpointer        result,
         GDestroyNotify  result_free,
         GError         *error)
{
  if (result == NULL)
    op_set_error (op, error);
  else
    op_set_result (op, result, result_free);
}

static gboolean
has_listeners (SyEngine *self,
               guint     signal)
{
  return g_signal_has_handler_pending (self, signals[signal], 0, TRUE);
}

static void
queue_signal (SyEngine *self,
              guint     signal,
              gpointer  record)
{
  PendingSignal *pending;

  if (!has_listeners (self, signal))
    return;

  /* Subscribers get the record as it is now: the engine goes on changing
   * its own (an execution started in this pump may also end in it). Jobs
   * come as copies already (sy_processor_steal_changed_jobs). */
  pending = g_new0 (PendingSignal, 1);
  pending->signal = signal;
  if (signal == JOB_UPDATED)
    pending->record = sy_job_ref (record);
  else if (record != NULL)
    pending->record = sy_execution_snapshot (record);
  g_ptr_array_add (self->signals, pending);
}

/* ── Workflows cache ────────────────────────────────────────────────────── */

SyWorkflow *
_sy_engine_lookup_version (SyEngine *self,
                           gint64    version_id,
                           GError  **error)
{
  SyWorkflow *workflow = g_hash_table_lookup (self->workflows, ID_TO_POINTER (version_id));
  g_autoptr(SyVersionRow) row = NULL;

  if (workflow != NULL)
    return workflow;

  row = sy_store_get_version_by_id (self->store, version_id, error);
  if (row == NULL)
    return NULL;

  workflow = sy_version_row_to_workflow (row, error);
  if (workflow == NULL)
    return NULL;

  g_hash_table_insert (self->workflows, ID_TO_POINTER (version_id), workflow);

  return workflow;
}

/* The problems of a stored version, found once per cached model: they
 * live on it, so they go whenever the cache forgets the version. */
static GPtrArray *
lookup_problems (SyEngine *self,
                 gint64    version_id,
                 GError  **error)
{
  static GQuark quark;
  SyWorkflow *workflow = _sy_engine_lookup_version (self, version_id, error);
  GPtrArray *problems;

  if (workflow == NULL)
    return NULL;

  if (quark == 0)
    quark = g_quark_from_static_string ("sy-engine-problems");

  problems = g_object_get_qdata (G_OBJECT (workflow), quark);
  if (problems == NULL)
    {
      problems = sy_workflow_validate (workflow);
      g_object_set_qdata_full (G_OBJECT (workflow), quark, problems, (GDestroyNotify) g_ptr_array_unref);
    }

  return problems;
}

/* Drafts may be stored with problems; enabling, running and live
 * triggers need a version without. */
static gboolean
check_runnable (SyEngine *self,
                gint64    version_id,
                gboolean  enabling,
                GError  **error)
{
  GPtrArray *problems = lookup_problems (self, version_id, error);
  g_autofree char *summary = NULL;

  if (problems == NULL)
    return FALSE;
  if (problems->len == 0)
    return TRUE;

  if (enabling)
    summary = g_strdup_printf (ngettext ("the workflow has %u problem to fix before it can be enabled:",
                                         "the workflow has %u problems to fix before it can be enabled:",
                                         problems->len),
                               problems->len);
  else
    summary = g_strdup_printf (ngettext ("the workflow has %u problem to fix before it can run:",
                                         "the workflow has %u problems to fix before it can run:",
                                         problems->len),
                               problems->len);
  g_propagate_error (error, sy_problems_to_error (problems, summary));
  return FALSE;
}

/* Fills the rows' n_problems (the engine's part of a SyVersionRow). */
static void
count_problems (SyEngine  *self,
                GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      SyVersionRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GError) error = NULL;
      GPtrArray *problems = lookup_problems (self, row->id, &error);

      /* Unreadable (written by hand into the store): one problem, the reason. */
      row->n_problems = problems != NULL ? problems->len : 1;
    }
}

GCancellable *
_sy_engine_get_execution_cancellable (SyEngine *self,
                                      gint64    execution_id)
{
  GCancellable *cancellable = g_hash_table_lookup (self->cancellables, ID_TO_POINTER (execution_id));

  if (cancellable == NULL)
    {
      cancellable = g_cancellable_new ();
      g_hash_table_insert (self->cancellables, ID_TO_POINTER (execution_id), cancellable);
    }

  return cancellable;
}

/* ── Processing executions (worker thread, inside a transaction) ───────── */

/* An execution "settles" for its waiters when it ended, or when all it waits
 * for is time or people; an operation in flight (a request) doesn't count. */
gboolean
_sy_engine_execution_is_settled (SyExecution *execution)
{
  if (execution->status != SY_STATUS_STARTED)
    return execution->status != SY_STATUS_QUEUEING;

  for (guint i = 0; execution->jobs != NULL && i < execution->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (execution->jobs, i);
      const SyNodeKind *kind;

      if (job->status != SY_STATUS_PENDING)
        continue;

      kind = sy_node_kind_lookup (job->node_type);
      if (kind != NULL && (kind->flags & (SY_NODE_KIND_BRANCHING | SY_NODE_KIND_WAITS)) == 0)
        return FALSE;
    }

  return TRUE;
}

static void process_resume (SyEngine *self,
                            Resume   *resume);

/* A subflow ended: its caller's job goes on in the same transaction, so a
 * crash can't separate the two. */
static void
resume_parent (SyEngine    *self,
               SyExecution *child)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  Resume resume = { child->parent_job_id, NULL };

  json_object_set_int_member (payload, "execution", child->id);
  json_object_set_string_member (payload, "status", sy_status_to_string (child->status, FALSE));
  json_object_set_member (payload, "output",
                          child->output ? json_node_copy (child->output) : json_node_new (JSON_NODE_NULL));
  if (child->reason != NULL)
    json_object_set_string_member (payload, "reason", child->reason);

  resume.payload = json_node_init_object (json_node_alloc (), payload);
  process_resume (self, &resume);
  json_node_unref (resume.payload);
}

/* Takes what a processor step produced into this pump's lists. */
static gboolean
collect_processor (SyEngine    *self,
                   SyProcessor *processor,
                   GError     **error)
{
  SyExecution *execution = sy_processor_get_execution (processor);
  SyWorkflow *workflow = sy_processor_get_workflow (processor);
  g_autoptr(GPtrArray) actions = sy_processor_steal_after_commit (processor);
  g_autoptr(GPtrArray) jobs = sy_processor_steal_changed_jobs (processor);
  g_autoptr(GArray) timers = sy_processor_steal_timers (processor);

  g_ptr_array_extend_and_steal (self->after_commit, g_steal_pointer (&actions));
  g_array_append_vals (self->armed, timers->data, timers->len);

  for (guint i = 0; i < jobs->len; i++)
    queue_signal (self, JOB_UPDATED, g_ptr_array_index (jobs, i));

  if (sy_status_is_final (execution->status) && execution->status != SY_STATUS_QUEUEING)
    {
      g_hash_table_remove (self->deadlines, ID_TO_POINTER (execution->id));

      /* In-flight operations of a finished execution are abandoned. */
      {
        GCancellable *cancellable = g_hash_table_lookup (self->cancellables,
                                                         ID_TO_POINTER (execution->id));
        if (cancellable != NULL)
          g_cancellable_cancel (cancellable);
        g_hash_table_remove (self->cancellables, ID_TO_POINTER (execution->id));
      }

      if (sy_workflow_deletes_executions_on (workflow, execution->status) &&
          !sy_store_delete_execution (self->store, execution->id, error))
        return FALSE;

      if (execution->parent_job_id != 0)
        resume_parent (self, execution);
    }
  else if (execution->expires_at > 0)
    g_hash_table_insert (self->deadlines, ID_TO_POINTER (execution->id),
                         ID_TO_POINTER (execution->expires_at));

  queue_signal (self, EXECUTION_UPDATED, execution);
  if (sy_status_is_final (execution->status) && execution->status != SY_STATUS_QUEUEING)
    queue_signal (self, EXECUTION_FINISHED, execution);
  if (_sy_engine_execution_is_settled (execution))
    g_ptr_array_add (self->settled, sy_execution_ref (execution));

  return TRUE;
}

static SyExecution *
load_execution (SyEngine *self,
                gint64    id,
                GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  SyExecution *execution = sy_store_get_execution (self->store, id, TRUE, &local_error);

  if (execution == NULL)
    {
      if (g_error_matches (local_error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND))
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_FOUND,
                       _("there is no execution %s"), number);
        }
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return execution;
}

static SyProcessor *
processor_for (SyEngine    *self,
               SyExecution *execution,
               GError     **error)
{
  SyWorkflow *workflow = _sy_engine_lookup_version (self, execution->workflow_id, error);

  if (workflow == NULL)
    return NULL;

  return sy_processor_new (self, self->store, workflow, execution);
}

static gboolean
run_execution (SyEngine    *self,
               SyExecution *execution,
               GError     **error)
{
  g_autoptr(SyProcessor) processor = processor_for (self, execution, error);

  if (processor == NULL || !sy_processor_start (processor, error))
    return FALSE;

  return collect_processor (self, processor, error);
}

static void
enqueue (SyEngine *self,
         gint64    execution_id)
{
  g_queue_push_tail (&self->queue, ID_TO_POINTER (execution_id));
  self->queued_recently++;
}

/* Runs queued executions: at least as many as were queued since it last
 * ran, so that the queue keeps up with what arrives, and more, up to
 * QUEUE_BATCH, only while nothing else waits on the engine thread — a
 * webhook request or an API call should not wait behind a long batch. */
static void
process_queue (SyEngine *self,
               GArray   *taken)
{
  guint least = CLAMP (self->queued_recently, 1, QUEUE_BATCH);

  self->queued_recently = 0;
  for (guint i = 0; i < QUEUE_BATCH && !g_queue_is_empty (&self->queue); i++)
    {
      gint64 id;
      g_autoptr(SyExecution) execution = NULL;
      g_autoptr(GError) error = NULL;

      if (i >= least && g_main_context_pending (self->context))
        break;

      id = POINTER_TO_ID (g_queue_pop_head (&self->queue));
      g_array_append_val (taken, id);
      execution = sy_store_get_execution (self->store, id, TRUE, &error);
      if (execution == NULL || execution->status != SY_STATUS_QUEUEING)
        continue; /* deleted or cancelled while queued */

      if (!run_execution (self, execution, &error))
        g_warning ("Execution %" G_GINT64_FORMAT " could not run: %s", id, error->message);
    }
}

static void
process_resume (SyEngine *self,
                Resume   *resume)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyJob) job = NULL;
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(SyProcessor) processor = NULL;

  job = sy_store_get_job (self->store, resume->job_id, &error);
  if (job == NULL)
    {
      g_debug ("Dropping resume of job %" G_GINT64_FORMAT ": %s", resume->job_id, error->message);
      sy_store_clear_timer (self->store, resume->job_id, NULL);
      return;
    }

  execution = load_execution (self, job->execution_id, &error);
  if (execution == NULL || execution->status != SY_STATUS_STARTED)
    {
      sy_store_clear_timer (self->store, resume->job_id, NULL);
      return;
    }

  processor = processor_for (self, execution, &error);
  if (processor == NULL ||
      !sy_processor_resume (processor, resume->job_id, resume->payload, &error) ||
      !collect_processor (self, processor, &error))
    {
      g_debug ("Resume of job %" G_GINT64_FORMAT " failed: %s", resume->job_id,
               error ? error->message : "?");
      sy_store_clear_timer (self->store, resume->job_id, NULL);
    }
}

/* Counts how often `key` already appears in the causal chain `stack`. */
static guint
count_in_stack (SyEngine   *self,
                JsonNode   *stack,
                const char *key)
{
  JsonArray *array;
  guint count = 0;

  if (stack == NULL || !JSON_NODE_HOLDS_ARRAY (stack))
    return 0;

  array = json_node_get_array (stack);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(SyExecution) ancestor =
        sy_store_get_execution (self->store, json_array_get_int_element (array, i), FALSE, NULL);

      if (ancestor != NULL && g_strcmp0 (ancestor->workflow_key, key) == 0)
        count++;
    }

  return count;
}

/* Creates (inserts) an execution of a stored version. Sync workflows and
 * manual runs start at once; others are queued. */
static SyExecution *
create_execution_in_chain (SyEngine    *self,
                           gint64       version_id,
                           JsonNode    *context,
                           const char  *event_key,
                           gboolean     manually,
                           gboolean     run_now,
                           SyExecution *parent,
                           gint64       parent_job_id,
                           JsonNode    *chain,
                           GError     **error)
{
  SyWorkflow *workflow = _sy_engine_lookup_version (self, version_id, error);
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(JsonArray) stack = json_array_new ();

  if (workflow == NULL || !check_runnable (self, version_id, FALSE, error))
    return NULL;

  if (parent != NULL)
    {
      if (parent->stack != NULL && JSON_NODE_HOLDS_ARRAY (parent->stack))
        {
          JsonArray *parent_stack = json_node_get_array (parent->stack);

          for (guint i = 0; i < json_array_get_length (parent_stack); i++)
            json_array_add_int_element (stack, json_array_get_int_element (parent_stack, i));
        }
      json_array_add_int_element (stack, parent->id);
    }
  else if (chain != NULL && JSON_NODE_HOLDS_ARRAY (chain))
    {
      /* A record written by a node of another execution (collections). */
      for (guint i = 0; i < json_array_get_length (json_node_get_array (chain)); i++)
        json_array_add_int_element (stack, json_array_get_int_element (json_node_get_array (chain), i));
    }

  execution = sy_execution_new ();
  execution->workflow_id = version_id;
  execution->workflow_key = g_strdup (sy_workflow_get_key (workflow));
  execution->version = sy_workflow_get_version (workflow);
  execution->event_key = g_strdup (event_key);
  execution->status = SY_STATUS_QUEUEING;
  execution->manually = manually;
  execution->context = context ? json_node_copy (context) : sy_json_node_take_object (json_object_new ());
  execution->parent_execution_id = parent ? parent->id : 0;
  execution->parent_job_id = parent_job_id;
  execution->stack = json_node_init_array (json_node_alloc (), stack);
  execution->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_job_unref);

  if (json_array_get_length (stack) > 0 &&
      count_in_stack (self, execution->stack, execution->workflow_key) >= sy_workflow_get_stack_limit (workflow))
    {
      g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_SKIPPED,
                   _("“%s” already runs %u times in this chain of workflows (its stack limit); "
                     "not started again"),
                   execution->workflow_key, sy_workflow_get_stack_limit (workflow));
      return NULL;
    }

  if (!sy_store_insert_execution (self->store, execution, error))
    return NULL;

  if (run_now || sy_workflow_get_sync (workflow))
    {
      if (!run_execution (self, execution, error))
        return NULL;
    }
  else
    {
      enqueue (self, execution->id);
      queue_signal (self, EXECUTION_UPDATED, execution);
    }

  return g_steal_pointer (&execution);
}

static SyExecution *
create_execution (SyEngine    *self,
                  gint64       version_id,
                  JsonNode    *context,
                  const char  *event_key,
                  gboolean     manually,
                  gboolean     run_now,
                  SyExecution *parent,
                  gint64       parent_job_id,
                  GError     **error)
{
  return create_execution_in_chain (self, version_id, context, event_key, manually, run_now,
                                    parent, parent_job_id, NULL, error);
}

static void
add_watcher (SyEngine        *self,
             gint64           execution_id,
             GTask           *task,
             SyTriggeredFunc  triggered,
             gpointer         triggered_data)
{
  GPtrArray *list = g_hash_table_lookup (self->watchers, ID_TO_POINTER (execution_id));
  Watcher *watcher = g_new0 (Watcher, 1);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) watcher_free);
      g_hash_table_insert (self->watchers, ID_TO_POINTER (execution_id), list);
    }

  watcher->task = task ? g_object_ref (task) : NULL;
  watcher->triggered = triggered;
  watcher->triggered_data = triggered_data;
  watcher->fresh = TRUE;
  g_ptr_array_add (list, watcher);
  g_array_append_val (self->fresh_watches, execution_id);
}

/* The pump committed: its watchers wait for executions that exist. */
static void
keep_fresh_watchers (SyEngine *self)
{
  for (guint i = 0; i < self->fresh_watches->len; i++)
    {
      GPtrArray *list = g_hash_table_lookup (self->watchers,
                                             ID_TO_POINTER (g_array_index (self->fresh_watches, gint64, i)));

      for (guint j = 0; list != NULL && j < list->len; j++)
        ((Watcher *) g_ptr_array_index (list, j))->fresh = FALSE;
    }
  g_array_set_size (self->fresh_watches, 0);
}

/* The pump's commit failed: its executions do not exist, and their ids will
 * be given again. Callbacks hear the error; tasks are their requests',
 * which answer with it themselves. */
static void
drop_fresh_watchers (SyEngine     *self,
                     const GError *error)
{
  for (guint i = 0; i < self->fresh_watches->len; i++)
    {
      gpointer id = ID_TO_POINTER (g_array_index (self->fresh_watches, gint64, i));
      GPtrArray *list = g_hash_table_lookup (self->watchers, id);

      for (guint j = 0; list != NULL && j < list->len;)
        {
          Watcher *watcher = g_ptr_array_index (list, j);

          if (!watcher->fresh)
            {
              j++;
              continue;
            }
          if (watcher->triggered != NULL)
            watcher->triggered (self, NULL, error, watcher->triggered_data);
          g_ptr_array_remove_index (list, j);
        }
      if (list != NULL && list->len == 0)
        g_hash_table_remove (self->watchers, id);
    }
  g_array_set_size (self->fresh_watches, 0);
}

/* ── Timers and deadlines ──────────────────────────────────────────────── */

static gboolean timer_fired (gpointer data);
static gboolean deadline_fired (gpointer data);

static GSource *
attach_timeout (SyEngine    *self,
                gint64       due_ms,
                GSourceFunc  func)
{
  gint64 delay = MAX (0, due_ms - sy_now_ms ());
  GSource *source = g_timeout_source_new ((guint) MIN (delay, G_MAXUINT));

  g_source_set_callback (source, func, self, NULL);
  g_source_attach (source, self->context);

  return source;
}

static void
arm_timer (SyEngine *self,
           gint64    due_ms)
{
  if (self->timer_source != NULL && self->timer_due <= due_ms)
    return;

  if (self->timer_source != NULL)
    {
      g_source_destroy (self->timer_source);
      g_source_unref (self->timer_source);
    }
  self->timer_due = due_ms;
  self->timer_source = attach_timeout (self, due_ms, timer_fired);
}

static gboolean
timer_fired (gpointer data)
{
  SyEngine *self = data;
  g_autoptr(GArray) timers = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = sy_now_ms ();
  gint64 next = 0;

  g_clear_pointer (&self->timer_source, g_source_unref);

  timers = sy_store_list_timers (self->store, &error);
  if (timers == NULL)
    {
      g_warning ("Could not read timers: %s", error->message);
      return G_SOURCE_REMOVE;
    }

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < timers->len; i++)
    {
      SyTimerRow *row = &g_array_index (timers, SyTimerRow, i);

      if (row->due_ms <= now)
        {
          Resume *resume = g_new0 (Resume, 1);

          resume->job_id = row->job_id;
          g_queue_push_tail (&self->resumes, resume);
        }
      else if (next == 0 || row->due_ms < next)
        next = row->due_ms;
    }
  g_mutex_unlock (&self->mutex);

  if (next != 0)
    arm_timer (self, next);
  schedule_pump (self);

  return G_SOURCE_REMOVE;
}

static void op_abort_timeout (SyEngine *self,
                              Op       *op);

static void
arm_deadline (SyEngine *self)
{
  GHashTableIter iter;
  gpointer key, value;
  gint64 next = 0;

  g_hash_table_iter_init (&iter, self->deadlines);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (next == 0 || POINTER_TO_ID (value) < next)
      next = POINTER_TO_ID (value);

  if (next == 0 || (self->deadline_source != NULL && self->deadline_due == next))
    return;

  if (self->deadline_source != NULL)
    {
      g_source_destroy (self->deadline_source);
      g_source_unref (self->deadline_source);
    }
  self->deadline_due = next;
  self->deadline_source = attach_timeout (self, next, deadline_fired);
}

static void
push_op (SyEngine *self,
         Op       *op)
{
  g_mutex_lock (&self->mutex);
  g_queue_push_tail (&self->ops, op);
  g_mutex_unlock (&self->mutex);
  schedule_pump (self);
}

static gboolean
deadline_fired (gpointer data)
{
  SyEngine *self = data;
  GHashTableIter iter;
  gpointer key, value;
  gint64 now = sy_now_ms ();

  g_clear_pointer (&self->deadline_source, g_source_unref);

  g_hash_table_iter_init (&iter, self->deadlines);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (POINTER_TO_ID (value) <= now)
      {
        Op *op = g_new0 (Op, 1);

        op->func = op_abort_timeout;
        op->id = POINTER_TO_ID (key);
        push_op (self, op);
        g_hash_table_iter_remove (&iter);
      }

  arm_deadline (self);

  return G_SOURCE_REMOVE;
}

/* ── Live triggers ─────────────────────────────────────────────────────── */

static void
refresh_triggers (SyEngine *self)
{
  g_autoptr(GPtrArray) enabled = NULL;
  g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;

  enabled = sy_store_list_enabled (self->store, NULL, &error);
  if (enabled == NULL)
    {
      g_warning ("Could not list enabled workflows: %s", error->message);
      return;
    }

  for (guint i = 0; i < enabled->len; i++)
    {
      SyVersionRow *row = g_ptr_array_index (enabled, i);
      const SyTriggerKind *kind = sy_trigger_kind_lookup (row->trigger_type);
      SyWorkflow *workflow;
      TriggerHandle *handle;
      g_autoptr(GError) start_error = NULL;

      if (kind == NULL || kind->start == NULL)
        continue;

      /* An enabled version edited into a draft with problems waits, with
       * its trigger stopped, until it is fixed. */
      if (!check_runnable (self, row->id, FALSE, &start_error))
        {
          g_message ("Trigger of “%s” not started: %s", row->key, start_error->message);
          continue;
        }

      g_hash_table_add (wanted, ID_TO_POINTER (row->id));
      handle = g_hash_table_lookup (self->trigger_handles, ID_TO_POINTER (row->id));
      if (handle != NULL && g_strcmp0 (handle->document, row->document) == 0)
        continue;

      /* New, or its settings were edited: (re)start it with the new ones. */
      workflow = _sy_engine_lookup_version (self, row->id, &start_error);
      handle = g_new0 (TriggerHandle, 1);
      handle->kind = kind;
      handle->document = g_strdup (row->document);
      g_hash_table_remove (self->trigger_handles, ID_TO_POINTER (row->id));
      if (workflow != NULL)
        handle->handle = kind->start (self, workflow, &start_error);
      if (start_error != NULL)
        g_warning ("Trigger of “%s” could not start: %s", row->key, start_error->message);
      g_hash_table_insert (self->trigger_handles, ID_TO_POINTER (row->id), handle);
    }

  g_hash_table_iter_init (&iter, self->trigger_handles);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (wanted, key))
      g_hash_table_iter_remove (&iter);
}

/* ── WAL upkeep ────────────────────────────────────────────────────────── */

static gboolean
dispatch_callback (GSource    *source,
                   GSourceFunc callback,
                   gpointer    data)
{
  (void) source;
  return callback (data);
}

static GSourceFuncs checkpoint_source_funcs = { .dispatch = dispatch_callback };

/* FALSE when the store's helper thread was checkpointing: try later. */
static gboolean
checkpoint (SyEngine *self)
{
  g_autoptr(GError) error = NULL;

  if (sy_store_checkpoint (self->store, &error))
    return TRUE;
  if (g_error_matches (error, SY_STORE_ERROR, SY_STORE_ERROR_BUSY))
    return FALSE;
  g_warning ("%s", error->message);
  return TRUE;
}

static gboolean
checkpoint_when_idle (gpointer data)
{
  SyEngine *self = data;

  g_source_set_ready_time (self->checkpoint_source, -1);
  if (!checkpoint (self))
    g_source_set_ready_time (self->checkpoint_source,
                             g_get_monotonic_time () + CHECKPOINT_IDLE_MS * 1000);
  return G_SOURCE_CONTINUE;
}

/* After a pump: commits never checkpoint, so do it here once the engine is
 * idle, or at once when the WAL reached its bound. */
static void
keep_wal_short (SyEngine *self)
{
  if (sy_store_wal_over_limit (self->store))
    checkpoint (self);
  if (sy_store_get_wal_pages (self->store) > 0 && self->checkpoint_source != NULL)
    g_source_set_ready_time (self->checkpoint_source,
                             g_get_monotonic_time () + CHECKPOINT_IDLE_MS * 1000);
}

/* ── The pump ──────────────────────────────────────────────────────────── */

typedef struct
{
  SyEngine  *engine;
  GPtrArray *signals;
  gboolean   workflows_changed;
} SignalBatch;

static gboolean
emit_signals (gpointer data)
{
  SignalBatch *batch = data;

  if (batch->workflows_changed)
    g_signal_emit (batch->engine, signals[WORKFLOWS_CHANGED], 0);

  for (guint i = 0; i < batch->signals->len; i++)
    {
      PendingSignal *pending = g_ptr_array_index (batch->signals, i);

      g_signal_emit (batch->engine, signals[pending->signal], 0, pending->record);
    }

  return G_SOURCE_REMOVE;
}

static void
signal_batch_free (gpointer data)
{
  SignalBatch *batch = data;

  g_object_unref (batch->engine);
  g_ptr_array_unref (batch->signals);
  g_free (batch);
}

static void
answer_op (Op *op)
{
  if (op->pump_done != NULL)
    {
      op->pump_done (op->error, op->pump_data);
      return;
    }

  if (op->task == NULL || op->deferred)
    return;

  if (op->error != NULL)
    g_task_return_error (op->task, g_steal_pointer (&op->error));
  else if (op->result_free == NULL)
    g_task_return_boolean (op->task, GPOINTER_TO_INT (op->result));
  else
    {
      g_task_return_pointer (op->task, g_steal_pointer (&op->result), op->result_free);
      op->result_free = NULL;
    }
}

static void
answer_watchers (SyEngine    *self,
                 SyExecution *execution)
{
  GPtrArray *list = NULL;

  if (!g_hash_table_steal_extended (self->watchers, ID_TO_POINTER (execution->id), NULL,
                                    (gpointer *) &list))
    return;

  for (guint i = 0; i < list->len; i++)
    {
      Watcher *watcher = g_ptr_array_index (list, i);

      if (watcher->triggered != NULL)
        watcher->triggered (self, execution, NULL, watcher->triggered_data);
      if (watcher->task != NULL)
        g_task_return_pointer (watcher->task, sy_execution_ref (execution),
                               (GDestroyNotify) sy_execution_unref);
    }
  g_ptr_array_unref (list);
}

static void
fail_watchers (SyEngine     *self,
               gint64        execution_id,
               const GError *error)
{
  GPtrArray *list = NULL;

  if (!g_hash_table_steal_extended (self->watchers, ID_TO_POINTER (execution_id), NULL,
                                    (gpointer *) &list))
    return;

  for (guint i = 0; i < list->len; i++)
    {
      Watcher *watcher = g_ptr_array_index (list, i);

      if (watcher->triggered != NULL)
        watcher->triggered (self, NULL, error, watcher->triggered_data);
      if (watcher->task != NULL)
        g_task_return_error (watcher->task, g_error_copy (error));
    }
  g_ptr_array_unref (list);
}

static gboolean emit_tasks_changed (gpointer data);

static void op_list_workflows  (SyEngine *self, Op *op);
static void op_get_workflow    (SyEngine *self, Op *op);
static void op_list_versions   (SyEngine *self, Op *op);
static void op_get_execution   (SyEngine *self, Op *op);
static void op_list_executions (SyEngine *self, Op *op);
static void op_list_tasks      (SyEngine *self, Op *op);
static void op_list_people     (SyEngine *self, Op *op);

/* Requests that only read: running them again changes nothing. */
static gboolean
op_only_reads (Op *op)
{
  static const OpFunc readers[] = {
    op_list_workflows, op_get_workflow, op_list_versions, op_get_execution,
    op_list_executions, op_list_tasks, op_list_people,
  };

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    if (op->func == readers[i])
      return TRUE;

  return FALSE;
}

static void
op_clear_outcome (Op *op)
{
  if (op->result != NULL && op->result_free != NULL)
    op->result_free (op->result);
  op->result = NULL;
  op->result_free = NULL;
  g_clear_error (&op->error);
  op->deferred = FALSE;
}

static gboolean
retry_fired (gpointer data)
{
  SyEngine *self = data;

  g_clear_pointer (&self->retry_source, g_source_unref);

  /* Internal requests go first, as they came before what followed. */
  g_mutex_lock (&self->mutex);
  while (!g_queue_is_empty (&self->retry_ops))
    g_queue_push_head (&self->ops, g_queue_pop_tail (&self->retry_ops));
  g_mutex_unlock (&self->mutex);
  schedule_pump (self);

  return G_SOURCE_REMOVE;
}

/* A commit failed: nothing of the pump happened. Requests that only read
 * run again in the next pump (what they read may have been undone, and
 * reading needs no room); other requests' callers hear why; what nobody
 * waits for — queued executions, resumed jobs, internal requests — is
 * kept to be tried again a while later (not at once: a full disk stays
 * full for a while) rather than left undone until the next start. */
static void
keep_for_retry (SyEngine     *self,
                GQueue       *ops,
                GQueue       *resumes,
                GArray       *taken,
                const GError *error)
{
  GQueue reruns = G_QUEUE_INIT;
  guint n_requests = 0;
  guint n_kept = taken->len + resumes->length;

  for (guint i = taken->len; i > 0; i--)
    g_queue_push_head (&self->queue, ID_TO_POINTER (g_array_index (taken, gint64, i - 1)));

  g_mutex_lock (&self->mutex);
  while (!g_queue_is_empty (resumes))
    g_queue_push_head (&self->resumes, g_queue_pop_tail (resumes));
  g_mutex_unlock (&self->mutex);

  for (GList *l = ops->head; l != NULL;)
    {
      GList *next = l->next;
      Op *op = l->data;

      /* Nobody to tell: recovery, timeouts, subflows, triggers without callback. */
      if (op->task == NULL && op->pump_done == NULL && op->triggered == NULL)
        {
          g_queue_push_tail (&self->retry_ops, op);
          g_queue_delete_link (ops, l);
          n_kept++;
        }
      else if (op->task != NULL && op_only_reads (op) && op->reruns < MAX_RERUNS)
        {
          op->reruns++;
          op_clear_outcome (op);
          g_queue_push_tail (&reruns, op);
          g_queue_delete_link (ops, l);
        }
      else
        n_requests++;
      l = next;
    }

  g_mutex_lock (&self->mutex);
  while (!g_queue_is_empty (&reruns))
    g_queue_push_head (&self->ops, g_queue_pop_tail (&reruns));
  g_mutex_unlock (&self->mutex);

  if (self->retry_delay_ms == 0)
    self->retry_delay_ms = RETRY_FIRST_MS;
  else
    self->retry_delay_ms = MIN (self->retry_delay_ms * 2, RETRY_MAX_MS);
  if (self->retry_source != NULL)
    g_source_destroy (self->retry_source);
  g_clear_pointer (&self->retry_source, g_source_unref);
  self->retry_source = g_timeout_source_new (self->retry_delay_ms);
  g_source_set_callback (self->retry_source, retry_fired, self, NULL);
  g_source_attach (self->retry_source, self->context);

  if (n_kept == 0)
    g_warning ("Nothing was saved: %s (%u requests refused)", error->message, n_requests);
  else
    g_warning ("Nothing was saved: %s (%u requests refused; %u executions, jobs or internal "
               "requests kept as they were, to try again in %u s)",
               error->message, n_requests, n_kept, self->retry_delay_ms / 1000);
}

static gboolean
pump (gpointer data)
{
  SyEngine *self = data;
  g_autoptr(GError) error = NULL;
  GQueue ops = G_QUEUE_INIT;
  GQueue resumes = G_QUEUE_INIT;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) settled = NULL;
  g_autoptr(GArray) armed = NULL;
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean requests;
  gboolean stopping;
  gboolean held = self->retry_source != NULL;
  gboolean more;

  /* Requests (API calls, triggers, resumed jobs) and queued executions
   * take turns, each in a transaction of its own: whoever waits for a
   * request's commit (a webhook's 202) is answered before the queue runs. */
  g_mutex_lock (&self->mutex);
  self->pump_scheduled = FALSE;
  stopping = self->stopping;
  if (self->halted)
    {
      /* What is left is answered by sy_engine_stop() or waits in the store. */
      g_mutex_unlock (&self->mutex);
      return G_SOURCE_REMOVE;
    }
  if (!self->queue_turn || g_queue_is_empty (&self->queue) || held)
    {
      for (guint i = 0; i < OPS_BATCH && !g_queue_is_empty (&self->ops); i++)
        g_queue_push_tail (&ops, g_queue_pop_head (&self->ops));
      if (!held)
        {
          resumes = self->resumes;
          g_queue_init (&self->resumes);
        }
    }
  g_mutex_unlock (&self->mutex);
  requests = !g_queue_is_empty (&ops) || !g_queue_is_empty (&resumes);

  if (!sy_store_begin (self->store, &error))
    {
      g_warning ("Could not begin a transaction: %s", error->message);
      for (GList *l = ops.head; l != NULL; l = l->next)
        op_set_error (l->data, g_error_copy (error));
    }
  else
    {
      for (GList *l = ops.head; l != NULL; l = l->next)
        {
          Op *op = l->data;

          op->func (self, op);
        }

      for (GList *l = resumes.head; l != NULL; l = l->next)
        process_resume (self, l->data);

      /* Stopping: queued executions stay queued in the store for the next
       * start rather than delaying the stop. */
      if (!requests && !stopping && !held)
        process_queue (self, taken);

      if (!sy_collection_runtime_commit (self->collections, &error) ||
          !sy_store_commit (self->store, &error))
        {
          /* Nothing of this pump happened: say so to everyone who asked. */
          sy_store_rollback (self->store);
          sy_collection_runtime_rollback (self->collections);
          g_hash_table_remove_all (self->workflows);
          keep_for_retry (self, &ops, &resumes, taken, error);
          drop_fresh_watchers (self, error);
          for (GList *l = ops.head; l != NULL; l = l->next)
            {
              Op *op = l->data;

              op->deferred = FALSE;
              op_set_error (op, g_error_copy (error));
            }
          for (guint i = 0; i < self->settled->len; i++)
            fail_watchers (self, ((SyExecution *) g_ptr_array_index (self->settled, i))->id, error);
          g_ptr_array_set_size (self->settled, 0);
          g_ptr_array_set_size (self->after_commit, 0);
          g_ptr_array_set_size (self->signals, 0);
          g_array_set_size (self->armed, 0);
        }
      else
        {
          keep_fresh_watchers (self);
          if (taken->len > 0 || requests)
            self->retry_delay_ms = 0;
        }
    }

  /* Committed: now act outside. */
  actions = g_steal_pointer (&self->after_commit);
  self->after_commit = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_after_commit_free);
  settled = g_steal_pointer (&self->settled);
  self->settled = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_execution_unref);
  armed = g_steal_pointer (&self->armed);
  self->armed = g_array_new (FALSE, FALSE, sizeof (SyTimerRow));

  for (guint i = 0; i < armed->len; i++)
    arm_timer (self, g_array_index (armed, SyTimerRow, i).due_ms);
  arm_deadline (self);

  for (guint i = 0; i < actions->len; i++)
    {
      SyAfterCommit *action = g_ptr_array_index (actions, i);

      action->func (self, action->execution_id, action->job ? action->job->id : 0, action->data);
    }

  for (GList *l = ops.head; l != NULL; l = l->next)
    answer_op (l->data);
  g_queue_clear_full (&ops, (GDestroyNotify) op_free);
  g_queue_clear_full (&resumes, (GDestroyNotify) resume_free);

  for (guint i = 0; i < settled->len; i++)
    answer_watchers (self, g_ptr_array_index (settled, i));

  if (self->workflows_changed)
    refresh_triggers (self);

  if (self->signals->len > 0 || self->workflows_changed)
    {
      SignalBatch *batch = g_new0 (SignalBatch, 1);

      batch->engine = g_object_ref (self);
      batch->signals = g_steal_pointer (&self->signals);
      batch->workflows_changed = self->workflows_changed;
      self->signals = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_signal_free);
      g_main_context_invoke_full (self->owner_context, G_PRIORITY_DEFAULT,
                                  emit_signals, batch, signal_batch_free);
    }
  self->workflows_changed = FALSE;

  if (self->tasks_changed)
    g_main_context_invoke_full (self->owner_context, G_PRIORITY_DEFAULT, emit_tasks_changed,
                                g_object_ref (self), g_object_unref);
  self->tasks_changed = FALSE;

  keep_wal_short (self);

  self->queue_turn = requests && !g_queue_is_empty (&self->queue);
  held = self->retry_source != NULL;
  g_mutex_lock (&self->mutex);
  more = !self->stopping &&
         (!g_queue_is_empty (&self->ops) ||
          (!held && (!g_queue_is_empty (&self->queue) || !g_queue_is_empty (&self->resumes))));
  g_mutex_unlock (&self->mutex);
  if (more)
    schedule_pump (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_pump (SyEngine *self)
{
  gboolean schedule;

  g_mutex_lock (&self->mutex);
  schedule = !self->pump_scheduled && self->context != NULL;
  self->pump_scheduled = TRUE;
  g_mutex_unlock (&self->mutex);

  if (schedule)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, pump, g_object_ref (self), g_object_unref);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/* ── Recovery after a restart ──────────────────────────────────────────── */

static void
op_recover (SyEngine *self,
            Op       *op)
{
  g_autoptr(GPtrArray) queued = NULL;
  g_autoptr(GPtrArray) started = NULL;
  g_autoptr(GArray) timers = NULL;
  g_autoptr(GError) error = NULL;

  (void) op;

  queued = sy_store_list_executions_in_status (self->store, SY_STATUS_QUEUEING, &error);
  for (guint i = 0; queued != NULL && i < queued->len; i++)
    {
      SyExecution *execution = g_ptr_array_index (queued, i);

      enqueue (self, execution->id);
    }

  started = sy_store_list_executions_in_status (self->store, SY_STATUS_STARTED, &error);
  for (guint i = 0; started != NULL && i < started->len; i++)
    {
      SyExecution *listed = g_ptr_array_index (started, i);
      g_autoptr(SyExecution) execution = load_execution (self, listed->id, NULL);
      g_autoptr(SyProcessor) processor = NULL;
      g_autoptr(GError) recover_error = NULL;

      if (execution == NULL)
        continue;

      processor = processor_for (self, execution, &recover_error);
      if (processor == NULL ||
          !sy_processor_recover (processor, &recover_error) ||
          !collect_processor (self, processor, &recover_error))
        g_warning ("Could not recover execution %" G_GINT64_FORMAT ": %s",
                   listed->id, recover_error ? recover_error->message : "?");
    }

  timers = sy_store_list_timers (self->store, &error);
  for (guint i = 0; timers != NULL && i < timers->len; i++)
    g_array_append_val (self->armed, g_array_index (timers, SyTimerRow, i));

  if (error != NULL)
    g_warning ("Recovery was incomplete: %s", error->message);

  self->workflows_changed = TRUE;
}

/* ── Thread ────────────────────────────────────────────────────────────── */

void
_sy_engine_begin_operation (SyEngine *self)
{
  self->operations++;
}

void
_sy_engine_end_operation (SyEngine *self)
{
  g_return_if_fail (self->operations > 0);
  self->operations--;
}

static gboolean
flag_set (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The engine stops: programs and requests still running are cancelled
 * (a program gets SIGTERM, then SIGKILL after a grace) and the thread
 * waits for them to end, at most STOP_WAIT_MS. Their jobs stay pending in
 * the store: the next start's recovery ends them with "stopped while this
 * node was running", as after a crash. */
static void
end_operations (SyEngine *self)
{
  g_autoptr(GList) cancellables = NULL;
  gboolean too_long = FALSE;
  GSource *limit;

  g_mutex_lock (&self->mutex);
  self->halted = TRUE;
  g_mutex_unlock (&self->mutex);

  if (self->operations == 0)
    return;

  cancellables = g_hash_table_get_values (self->cancellables);
  for (GList *l = cancellables; l != NULL; l = l->next)
    g_cancellable_cancel (l->data);

  limit = g_timeout_source_new (STOP_WAIT_MS);
  g_source_set_callback (limit, flag_set, &too_long, NULL);
  g_source_attach (limit, self->context);
  while (self->operations > 0 && !too_long)
    g_main_context_iteration (self->context, TRUE);
  g_source_destroy (limit);
  g_source_unref (limit);

  if (self->operations > 0)
    g_warning ("%u operations still ran when the engine stopped", self->operations);
}

static gpointer
engine_thread (gpointer data)
{
  SyEngine *self = data;

  g_main_context_push_thread_default (self->context);

  self->checkpoint_source = g_source_new (&checkpoint_source_funcs, sizeof (GSource));
  g_source_set_priority (self->checkpoint_source, G_PRIORITY_LOW);
  g_source_set_callback (self->checkpoint_source, checkpoint_when_idle, self, NULL);
  g_source_attach (self->checkpoint_source, self->context);

  g_main_loop_run (self->loop);

  /* Stop live triggers on the thread that started them. */
  g_hash_table_remove_all (self->trigger_handles);
  if (self->timer_source != NULL)
    g_source_destroy (self->timer_source);
  g_clear_pointer (&self->timer_source, g_source_unref);
  if (self->deadline_source != NULL)
    g_source_destroy (self->deadline_source);
  g_clear_pointer (&self->deadline_source, g_source_unref);
  if (self->retry_source != NULL)
    g_source_destroy (self->retry_source);
  g_clear_pointer (&self->retry_source, g_source_unref);
  g_source_destroy (self->checkpoint_source);
  g_clear_pointer (&self->checkpoint_source, g_source_unref);

  /* Let the last idle callbacks (pumps, cancelled operations) finish. */
  while (g_main_context_iteration (self->context, FALSE))
    ;

  end_operations (self);

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static gboolean
quit_loop (gpointer data)
{
  SyEngine *self = data;

  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

char *
sy_engine_default_data_dir (void)
{
  const char *env = g_getenv ("SWITCHYARD_DATA_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "switchyard", NULL);
}

static gboolean
take_lock (SyEngine *self,
           GError  **error)
{
  g_autofree char *path = g_build_filename (self->data_dir, "lock", NULL);
  g_autofree char *pid = NULL;
  int fd;

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("cannot open %s: %s"), path, g_strerror (saved));
      return FALSE;
    }

  if (flock (fd, LOCK_EX | LOCK_NB) < 0)
    {
      char holder[32] = { 0 };
      ssize_t n = read (fd, holder, sizeof holder - 1);

      close (fd);
      g_strstrip (holder);
      if (n > 0 && holder[0] != '\0')
        g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_LOCKED,
                     _("the data directory %s is in use by another Switchyard process (pid %s)"),
                     self->data_dir, holder);
      else
        g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_LOCKED,
                     _("the data directory %s is in use by another Switchyard process"),
                     self->data_dir);
      return FALSE;
    }

  pid = g_strdup_printf ("%d\n", (int) getpid ());
  if (ftruncate (fd, 0) == 0 && write (fd, pid, strlen (pid)) < 0)
    g_debug ("Could not write the pid into the lock file");

  self->lock_fd = fd;

  return TRUE;
}

gboolean
sy_engine_start (SyEngine *self,
                 GError  **error)
{
  g_autofree char *db_path = NULL;
  Op *op;

  g_return_val_if_fail (SY_IS_ENGINE (self), FALSE);

  if (self->running)
    return TRUE;

  if (g_mkdir_with_parents (self->data_dir, 0700) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("cannot create the data directory %s: %s"), self->data_dir, g_strerror (saved));
      return FALSE;
    }

  if (!take_lock (self, error))
    return FALSE;

  db_path = g_build_filename (self->data_dir, "switchyard.db", NULL);
  self->store = sy_store_open (db_path, SY_STORE_READ_WRITE, error);
  if (self->store != NULL)
    self->collections = sy_collection_runtime_new (self, self->data_dir, error);
  if (self->collections == NULL)
    {
      g_clear_object (&self->store);
      close (self->lock_fd);
      self->lock_fd = -1;
      return FALSE;
    }

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->running = TRUE;
  self->stopping = FALSE;
  self->halted = FALSE;

  op = g_new0 (Op, 1);
  op->func = op_recover;
  push_op (self, op);

  self->thread = g_thread_new ("sy-engine", engine_thread, self);

  return TRUE;
}

void
sy_engine_stop (SyEngine *self)
{
  g_autoptr(GError) error = NULL;
  GQueue leftover = G_QUEUE_INIT;

  g_return_if_fail (SY_IS_ENGINE (self));

  if (!self->running)
    return;

  g_mutex_lock (&self->mutex);
  self->stopping = TRUE;
  g_mutex_unlock (&self->mutex);
  g_main_context_invoke (self->context, quit_loop, self);
  g_thread_join (g_steal_pointer (&self->thread));

  g_mutex_lock (&self->mutex);
  self->running = FALSE;
  leftover = self->ops;
  g_queue_init (&self->ops);
  /* Their jobs stay pending for the next start's recovery. */
  g_queue_clear_full (&self->resumes, (GDestroyNotify) resume_free);
  g_mutex_unlock (&self->mutex);

  g_set_error (&error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_RUNNING, _("the engine has stopped"));
  for (GList *l = leftover.head; l != NULL; l = l->next)
    {
      Op *op = l->data;

      op->deferred = FALSE;
      op_set_error (op, g_error_copy (error));
      answer_op (op);
    }
  g_queue_clear_full (&leftover, (GDestroyNotify) op_free);

  {
    g_autoptr(GList) waiting = g_hash_table_get_keys (self->watchers);

    for (GList *l = waiting; l != NULL; l = l->next)
      fail_watchers (self, POINTER_TO_ID (l->data), error);
  }

  g_queue_clear (&self->queue);
  g_array_set_size (self->fresh_watches, 0);
  /* Recovery and timeouts are found again in the store at the next start. */
  g_queue_clear_full (&self->retry_ops, (GDestroyNotify) op_free);
  self->retry_delay_ms = 0;
  g_hash_table_remove_all (self->workflows);
  g_hash_table_remove_all (self->cancellables);
  g_hash_table_remove_all (self->deadlines);
  g_clear_pointer (&self->collections, sy_collection_runtime_free);
  g_clear_object (&self->store);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  if (self->lock_fd >= 0)
    {
      close (self->lock_fd);
      self->lock_fd = -1;
    }
}

gboolean
sy_engine_is_running (SyEngine *self)
{
  return self->running;
}

GMainContext *
sy_engine_get_context (SyEngine *self)
{
  return self->context;
}

void
sy_engine_invoke (SyEngine      *self,
                  GSourceFunc    func,
                  gpointer       data,
                  GDestroyNotify destroy)
{
  g_return_if_fail (self->context != NULL);

  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, func, data, destroy);
}

SyStore *
sy_engine_open_reader (SyEngine *self,
                       GError  **error)
{
  g_autofree char *db_path = g_build_filename (self->data_dir, "switchyard.db", NULL);

  return sy_store_open (db_path, SY_STORE_READ_ONLY, error);
}

const char *
sy_engine_get_data_dir (SyEngine *self)
{
  return self->data_dir;
}

/* ── GObject ───────────────────────────────────────────────────────────── */

static void
sy_engine_dispose (GObject *object)
{
  SyEngine *self = SY_ENGINE (object);

  sy_engine_stop (self);

  G_OBJECT_CLASS (sy_engine_parent_class)->dispose (object);
}

static void
sy_engine_finalize (GObject *object)
{
  SyEngine *self = SY_ENGINE (object);

  g_queue_clear_full (&self->resumes, (GDestroyNotify) resume_free);
  g_clear_pointer (&self->workflows, g_hash_table_unref);
  g_clear_pointer (&self->watchers, g_hash_table_unref);
  g_clear_pointer (&self->fresh_watches, g_array_unref);
  g_clear_pointer (&self->cancellables, g_hash_table_unref);
  g_clear_pointer (&self->deadlines, g_hash_table_unref);
  g_clear_pointer (&self->trigger_handles, g_hash_table_unref);
  g_clear_pointer (&self->after_commit, g_ptr_array_unref);
  g_clear_pointer (&self->settled, g_ptr_array_unref);
  g_clear_pointer (&self->signals, g_ptr_array_unref);
  g_clear_pointer (&self->armed, g_array_unref);
  g_clear_pointer (&self->owner_context, g_main_context_unref);
  g_clear_object (&self->webhook_server);
  g_mutex_clear (&self->mutex);
  g_free (self->data_dir);

  G_OBJECT_CLASS (sy_engine_parent_class)->finalize (object);
}

static void
sy_engine_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SyEngine *self = SY_ENGINE (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    case PROP_WEBHOOK_PORT:
      g_value_set_uint (value, sy_webhook_server_get_configured_port (self->webhook_server));
      break;
    case PROP_WEBHOOK_ADDRESS:
      g_value_take_string (value, sy_webhook_server_dup_address (self->webhook_server));
      break;
    case PROP_WEBHOOK_BODY_LIMIT:
      g_value_set_uint64 (value, sy_webhook_server_get_body_limit (self->webhook_server));
      break;
    case PROP_WEBHOOK_ERROR:
      g_value_take_string (value, sy_webhook_server_dup_error (self->webhook_server));
      break;
    case PROP_WEBHOOK_SERVE:
      g_value_set_boolean (value, sy_webhook_server_get_serve (self->webhook_server));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_engine_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SyEngine *self = SY_ENGINE (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_free (self->data_dir);
      self->data_dir = g_value_dup_string (value);
      if (self->data_dir == NULL)
        self->data_dir = sy_engine_default_data_dir ();
      break;
    case PROP_WEBHOOK_PORT:
      sy_webhook_server_set_port (self->webhook_server, g_value_get_uint (value));
      break;
    case PROP_WEBHOOK_ADDRESS:
      sy_webhook_server_set_address (self->webhook_server, g_value_get_string (value));
      break;
    case PROP_WEBHOOK_BODY_LIMIT:
      sy_webhook_server_set_body_limit (self->webhook_server, g_value_get_uint64 (value));
      break;
    case PROP_WEBHOOK_SERVE:
      sy_webhook_server_set_serve (self->webhook_server, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_engine_class_init (SyEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sy_engine_dispose;
  object_class->finalize = sy_engine_finalize;
  object_class->get_property = sy_engine_get_property;
  object_class->set_property = sy_engine_set_property;

  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Webhook server settings; they apply at once, also while running.
   * Port 0 picks a free port. */
  properties[PROP_WEBHOOK_PORT] =
    g_param_spec_uint ("webhook-port", NULL, NULL, 0, 65535, SY_WEBHOOK_DEFAULT_PORT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WEBHOOK_ADDRESS] =
    g_param_spec_string ("webhook-address", NULL, NULL, SY_WEBHOOK_DEFAULT_ADDRESS,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WEBHOOK_BODY_LIMIT] =
    g_param_spec_uint64 ("webhook-body-limit", NULL, NULL, 0, G_MAXUINT64, SY_WEBHOOK_DEFAULT_BODY_LIMIT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* Why the webhook server cannot listen (port in use…), NULL when fine. */
  properties[PROP_WEBHOOK_ERROR] =
    g_param_spec_string ("webhook-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Whether the webhook server listens at all: a one-shot command line
   * engine does not (it would promise executions while it exits, and log
   * on the stderr its commands answer on). */
  properties[PROP_WEBHOOK_SERVE] =
    g_param_spec_boolean ("webhook-serve", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Workflows were added, changed, enabled or deleted. */
  signals[WORKFLOWS_CHANGED] =
    g_signal_new ("workflows-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* An execution began to run (committed state). */
  signals[EXECUTION_STARTED] =
    g_signal_new ("execution-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SY_TYPE_EXECUTION);
  /* An execution reached a final status (committed state). */
  signals[EXECUTION_FINISHED] =
    g_signal_new ("execution-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SY_TYPE_EXECUTION);
  /* An execution was queued, started, waits or ended (committed state). */
  signals[EXECUTION_UPDATED] =
    g_signal_new ("execution-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SY_TYPE_EXECUTION);
  /* A job was created or changed (committed state). */
  signals[JOB_UPDATED] =
    g_signal_new ("job-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SY_TYPE_JOB);
  /* Tasks were created, submitted or withdrawn (the tasks sidebar). */
  signals[TASKS_CHANGED] =
    g_signal_new ("tasks-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* The people directory changed (Preferences, assignee pickers). */
  signals[PEOPLE_CHANGED] =
    g_signal_new ("people-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Records of a collection (its name) were written (committed). */
  signals[RECORDS_CHANGED] =
    g_signal_new ("records-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Collections were defined, changed or deleted (committed). */
  signals[COLLECTIONS_CHANGED] =
    g_signal_new ("collections-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sy_engine_init (SyEngine *self)
{
  self->lock_fd = -1;
  g_mutex_init (&self->mutex);
  g_queue_init (&self->ops);
  g_queue_init (&self->resumes);
  g_queue_init (&self->queue);
  self->owner_context = g_main_context_ref_thread_default ();
  self->workflows = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->watchers = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->fresh_watches = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cancellables = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->deadlines = g_hash_table_new (NULL, NULL);
  self->trigger_handles = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) trigger_handle_free);
  self->after_commit = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_after_commit_free);
  self->settled = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_execution_unref);
  self->signals = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_signal_free);
  self->armed = g_array_new (FALSE, FALSE, sizeof (SyTimerRow));
  self->webhook_server = sy_webhook_server_new (self);
}

SyEngine *
sy_engine_new (const char *data_dir)
{
  return g_object_new (SY_TYPE_ENGINE, "data-dir", data_dir, NULL);
}

/* ── Public API: requests become ops run by the pump ───────────────────── */

static Op *
op_new (SyEngine           *self,
        OpFunc              func,
        gpointer            source_tag,
        GCancellable       *cancellable,
        GAsyncReadyCallback callback,
        gpointer            user_data)
{
  Op *op = g_new0 (Op, 1);

  op->func = func;
  op->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, source_tag);

  return op;
}

static void
submit (SyEngine *self,
        Op       *op)
{
  gboolean running;

  g_mutex_lock (&self->mutex);
  running = self->running;
  g_mutex_unlock (&self->mutex);

  if (!running)
    {
      op_set_error (op, g_error_new_literal (SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_RUNNING,
                                             _("the engine is not running")));
      answer_op (op);
      op_free (op);
      return;
    }

  push_op (self, op);
}

gpointer
_sy_engine_finish_pointer (SyEngine     *self,
                           GAsyncResult *result,
                           gpointer      source_tag,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_sy_engine_finish_boolean (SyEngine     *self,
                           GAsyncResult *result,
                           gpointer      source_tag,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Store errors about unknown keys become the engine's NOT_FOUND. */
static GError *
translate_error (GError *error)
{
  if (g_error_matches (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND))
    error->domain = SY_ENGINE_ERROR, error->code = SY_ENGINE_ERROR_NOT_FOUND;

  return error;
}

static gboolean
validate_for_store (SyWorkflow *workflow,
                    GError    **error)
{
  g_autoptr(GPtrArray) problems = sy_workflow_validate (workflow);

  if (problems->len == 0)
    return TRUE;

  g_propagate_error (error, sy_problems_to_error (problems, _("the workflow has problems:")));
  return FALSE;
}

/* A key made from the title names a new workflow: the first of "key",
 * "key-2", "key-3"… that no workflow, kept execution or counter has. */
static gboolean
claim_generated_key (SyEngine   *self,
                     SyWorkflow *workflow,
                     GError    **error)
{
  g_autofree char *base = g_strdup (sy_workflow_get_key (workflow));
  g_autofree char *key = g_strdup (base);
  gboolean in_use = FALSE;

  for (guint n = 2;; n++)
    {
      if (!sy_store_key_in_use (self->store, key, &in_use, error))
        return FALSE;
      if (!in_use)
        break;
      g_free (key);
      key = sy_workflow_key_variant (base, n);
    }

  sy_workflow_set_key (workflow, key);
  return TRUE;
}

static void
op_import (SyEngine *self,
           Op       *op)
{
  GError *error = NULL;
  SyVersionRow *row;

  if (sy_workflow_get_key_generated (op->workflow) && !claim_generated_key (self, op->workflow, &error))
    {
      op_set_error (op, error);
      return;
    }

  if (!validate_for_store (op->workflow, &error) ||
      !sy_store_add_version (self->store, op->workflow, &error))
    {
      op_set_error (op, error);
      return;
    }

  row = sy_store_get_version_by_id (self->store, sy_workflow_get_version_id (op->workflow), &error);
  op_take (op, row, (GDestroyNotify) sy_version_row_free, error);
  self->workflows_changed = TRUE;
}

void
sy_engine_import_async (SyEngine           *self,
                        SyWorkflow         *workflow,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  Op *op = op_new (self, op_import, sy_engine_import_async, cancellable, callback, user_data);

  /* A copy: the caller may go on editing its own. */
  op->workflow = sy_workflow_copy (workflow);
  sy_workflow_set_version_id (op->workflow, 0);
  submit (self, op);
}

SyVersionRow *
sy_engine_import_finish (SyEngine     *self,
                         GAsyncResult *result,
                         GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_import_async, error);
}

static void
op_save (SyEngine *self,
         Op       *op)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) structure = sy_workflow_validate_structure (op->workflow);
  gint64 version_id = sy_workflow_get_version_id (op->workflow);
  SyVersionRow *row;

  /* A draft with problems is kept (nothing typed is lost); only what could
   * not be read back is refused. */
  if (structure->len > 0)
    {
      op_set_error (op, sy_problems_to_error (structure, _("the workflow cannot be stored:")));
      return;
    }

  if (version_id == 0)
    {
      g_autoptr(GPtrArray) problems = sy_workflow_validate (op->workflow);

      /* Enabling needs a workflow without problems; a new version too. */
      if (problems->len > 0)
        sy_workflow_set_enabled (op->workflow, FALSE);
      sy_store_add_version (self->store, op->workflow, &error);
    }
  else if (!sy_store_update_version (self->store, op->workflow, &error) &&
           g_error_matches (error, SY_STORE_ERROR, SY_STORE_ERROR_FROZEN))
    {
      /* A version that has run is history: edits become a new version. */
      g_clear_error (&error);
      sy_workflow_set_enabled (op->workflow, FALSE);
      sy_store_add_version (self->store, op->workflow, &error);
    }

  if (error != NULL)
    {
      op_set_error (op, translate_error (g_steal_pointer (&error)));
      return;
    }

  g_hash_table_remove (self->workflows, ID_TO_POINTER (version_id));
  row = sy_store_get_version_by_id (self->store, sy_workflow_get_version_id (op->workflow), &error);
  if (row == NULL)
    op_set_error (op, g_steal_pointer (&error));
  else
    {
      g_autoptr(GPtrArray) problems = sy_workflow_validate (op->workflow);

      row->n_problems = problems->len;
      op_set_result (op, row, (GDestroyNotify) sy_version_row_free);
    }
  self->workflows_changed = TRUE;
}

void
sy_engine_save_async (SyEngine           *self,
                      SyWorkflow         *workflow,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  Op *op = op_new (self, op_save, sy_engine_save_async, cancellable, callback, user_data);

  op->workflow = sy_workflow_copy (workflow);
  submit (self, op);
}

SyVersionRow *
sy_engine_save_finish (SyEngine     *self,
                       GAsyncResult *result,
                       GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_save_async, error);
}

static void
op_list_workflows (SyEngine *self,
                   Op       *op)
{
  GError *error = NULL;
  GPtrArray *rows = sy_store_list_workflows (self->store, &error);

  if (rows == NULL)
    op_set_error (op, error);
  else
    {
      count_problems (self, rows);
      op_set_result (op, rows, (GDestroyNotify) g_ptr_array_unref);
    }
}

void
sy_engine_list_workflows_async (SyEngine           *self,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  submit (self, op_new (self, op_list_workflows, sy_engine_list_workflows_async,
                        cancellable, callback, user_data));
}

GPtrArray *
sy_engine_list_workflows_finish (SyEngine     *self,
                                 GAsyncResult *result,
                                 GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_list_workflows_async, error);
}

static void
op_get_workflow (SyEngine *self,
                 Op       *op)
{
  GError *error = NULL;
  SyVersionRow *row = sy_store_get_version (self->store, op->key, op->version, &error);
  g_autoptr(GPtrArray) one = NULL;

  if (row == NULL)
    {
      op_set_error (op, translate_error (error));
      return;
    }

  one = g_ptr_array_new ();
  g_ptr_array_add (one, row);
  count_problems (self, one);
  op_set_result (op, row, (GDestroyNotify) sy_version_row_free);
}

void
sy_engine_get_workflow_async (SyEngine           *self,
                              const char         *key,
                              guint               version,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  Op *op = op_new (self, op_get_workflow, sy_engine_get_workflow_async, cancellable, callback, user_data);

  op->key = g_strdup (key);
  op->version = version;
  submit (self, op);
}

SyVersionRow *
sy_engine_get_workflow_finish (SyEngine     *self,
                               GAsyncResult *result,
                               GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_get_workflow_async, error);
}

static void
op_list_versions (SyEngine *self,
                  Op       *op)
{
  GError *error = NULL;
  GPtrArray *rows = sy_store_list_versions (self->store, op->key, &error);

  if (rows == NULL)
    op_set_error (op, translate_error (error));
  else
    {
      count_problems (self, rows);
      op_set_result (op, rows, (GDestroyNotify) g_ptr_array_unref);
    }
}

void
sy_engine_list_versions_async (SyEngine           *self,
                               const char         *key,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  Op *op = op_new (self, op_list_versions, sy_engine_list_versions_async, cancellable, callback, user_data);

  op->key = g_strdup (key);
  submit (self, op);
}

GPtrArray *
sy_engine_list_versions_finish (SyEngine     *self,
                                GAsyncResult *result,
                                GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_list_versions_async, error);
}

static void
op_set_enabled (SyEngine *self,
                Op       *op)
{
  GError *error = NULL;

  if (op->flag)
    {
      g_autoptr(SyVersionRow) row = sy_store_get_version (self->store, op->key, op->version, &error);

      if (row == NULL || !check_runnable (self, row->id, TRUE, &error))
        {
          op_set_error (op, translate_error (error));
          return;
        }
    }

  if (!sy_store_set_enabled (self->store, op->key, op->version, op->flag, &error))
    op_set_error (op, translate_error (error));
  else
    op_set_result (op, GINT_TO_POINTER (TRUE), NULL);
  self->workflows_changed = TRUE;
}

void
sy_engine_set_enabled_async (SyEngine           *self,
                             const char         *key,
                             guint               version,
                             gboolean            enabled,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  Op *op = op_new (self, op_set_enabled, sy_engine_set_enabled_async, cancellable, callback, user_data);

  op->key = g_strdup (key);
  op->version = version;
  op->flag = enabled;
  submit (self, op);
}

gboolean
sy_engine_set_enabled_finish (SyEngine     *self,
                              GAsyncResult *result,
                              GError      **error)
{
  return _sy_engine_finish_boolean (self, result, sy_engine_set_enabled_async, error);
}

static gboolean abort_execution (SyEngine   *self,
                                 gint64      id,
                                 const char *reason,
                                 GError    **error);

/* Executions of a deleted workflow cannot go on: they end, and the tasks
 * they wait for are withdrawn. */
static gboolean
abort_executions_of (SyEngine   *self,
                     const char *key,
                     GError    **error)
{
  const SyStatus unfinished[] = { SY_STATUS_STARTED, SY_STATUS_QUEUEING };

  for (guint s = 0; s < G_N_ELEMENTS (unfinished); s++)
    {
      SyExecutionFilter filter = { .workflow_key = key, .has_status = TRUE, .status = unfinished[s] };
      g_autoptr(GPtrArray) executions = sy_store_list_executions (self->store, &filter, error);

      if (executions == NULL)
        return FALSE;
      for (guint i = 0; i < executions->len; i++)
        if (!abort_execution (self, ((SyExecution *) g_ptr_array_index (executions, i))->id,
                              "workflow_deleted", error))
          return FALSE;
    }

  return TRUE;
}

static void
op_delete_workflow (SyEngine *self,
                    Op       *op)
{
  GError *error = NULL;

  /* Purged executions take their tasks along (ON DELETE CASCADE). */
  self->tasks_changed = TRUE;
  if (!abort_executions_of (self, op->key, &error) ||
      !sy_store_delete_workflow (self->store, op->key, op->flag, &error))
    op_set_error (op, translate_error (error));
  else
    op_set_result (op, GINT_TO_POINTER (TRUE), NULL);
  g_hash_table_remove_all (self->workflows);
  self->workflows_changed = TRUE;
}

void
sy_engine_delete_workflow_async (SyEngine           *self,
                                 const char         *key,
                                 gboolean            purge,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  Op *op = op_new (self, op_delete_workflow, sy_engine_delete_workflow_async, cancellable, callback, user_data);

  op->key = g_strdup (key);
  op->flag = purge;
  submit (self, op);
}

gboolean
sy_engine_delete_workflow_finish (SyEngine     *self,
                                  GAsyncResult *result,
                                  GError      **error)
{
  return _sy_engine_finish_boolean (self, result, sy_engine_delete_workflow_async, error);
}

/* Answers `op` now (NO_WAIT or already settled) or when the execution settles. */
static void
answer_when_settled (SyEngine    *self,
                     Op          *op,
                     SyExecution *execution)
{
  gboolean no_wait = (op->flags & SY_EXECUTE_NO_WAIT) != 0;

  if (no_wait || _sy_engine_execution_is_settled (execution))
    {
      op_set_result (op, sy_execution_ref (execution), (GDestroyNotify) sy_execution_unref);
      /* If it settled in this very pump, the watcher list must not answer twice. */
      return;
    }

  op->deferred = TRUE;
  add_watcher (self, execution->id, op->task, op->triggered, op->triggered_data);
}

static void
op_execute (SyEngine *self,
            Op       *op)
{
  GError *error = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyExecution) execution = NULL;
  gboolean no_wait = (op->flags & SY_EXECUTE_NO_WAIT) != 0;

  row = sy_store_get_version (self->store, op->key, 0, &error);
  if (row == NULL)
    {
      op_set_error (op, translate_error (error));
      return;
    }

  if ((op->flags & SY_EXECUTE_MANUALLY) == 0 && !row->enabled)
    {
      op_set_error (op, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                                     _("the workflow “%s” is disabled"), op->key));
      return;
    }

  execution = create_execution (self, row->id, op->context, NULL,
                                (op->flags & SY_EXECUTE_MANUALLY) != 0, !no_wait,
                                NULL, 0, &error);
  if (execution == NULL)
    {
      op_set_error (op, error);
      return;
    }

  answer_when_settled (self, op, execution);
}

void
sy_engine_execute_async (SyEngine           *self,
                         const char         *key,
                         JsonNode           *context,
                         SyExecuteFlags      flags,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  Op *op = op_new (self, op_execute, sy_engine_execute_async, cancellable, callback, user_data);

  op->key = g_strdup (key);
  op->context = context ? json_node_copy (context) : NULL;
  op->flags = flags;
  submit (self, op);
}

SyExecution *
sy_engine_execute_finish (SyEngine     *self,
                          GAsyncResult *result,
                          GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_execute_async, error);
}

/* Aborts an execution and, recursively, the subflows it started. */
static gboolean
abort_execution (SyEngine   *self,
                 gint64      id,
                 const char *reason,
                 GError    **error)
{
  g_autoptr(SyExecution) execution = load_execution (self, id, error);
  g_autoptr(GPtrArray) children = NULL;
  GCancellable *cancellable;

  if (execution == NULL)
    return FALSE;

  if (sy_status_is_final (execution->status) && execution->status != SY_STATUS_QUEUEING)
    return TRUE;

  cancellable = g_hash_table_lookup (self->cancellables, ID_TO_POINTER (id));
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);

  if (execution->status == SY_STATUS_QUEUEING)
    {
      execution->status = SY_STATUS_ABORTED;
      g_free (execution->reason);
      execution->reason = g_strdup (reason);
      execution->finished_at = sy_now_ms ();
      if (!sy_store_update_execution (self->store, execution, error))
        return FALSE;
      queue_signal (self, EXECUTION_UPDATED, execution);
      queue_signal (self, EXECUTION_FINISHED, execution);
      g_ptr_array_add (self->settled, sy_execution_ref (execution));
    }
  else
    {
      g_autoptr(SyProcessor) processor = processor_for (self, execution, error);

      if (processor == NULL ||
          !sy_processor_abort (processor, SY_STATUS_ABORTED, reason, error) ||
          !collect_processor (self, processor, error))
        return FALSE;
    }

  children = sy_store_list_child_executions (self->store, id, error);
  if (children == NULL)
    return FALSE;

  for (guint i = 0; i < children->len; i++)
    {
      SyExecution *child = g_ptr_array_index (children, i);

      if (!abort_execution (self, child->id, "parent_aborted", error))
        return FALSE;
    }

  return TRUE;
}

static void
op_cancel (SyEngine *self,
           Op       *op)
{
  GError *error = NULL;
  g_autoptr(SyExecution) before = load_execution (self, op->id, &error);
  SyExecution *after;

  if (before == NULL)
    {
      op_set_error (op, error);
      return;
    }

  if (sy_status_is_final (before->status) && before->status != SY_STATUS_QUEUEING)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, op->id);

      op_set_error (op, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                                     _("execution %s has already ended (%s)"),
                                     number, sy_status_to_string (before->status, FALSE)));
      return;
    }

  if (!abort_execution (self, op->id, "manual_cancel", &error) ||
      (after = load_execution (self, op->id, &error)) == NULL)
    {
      op_set_error (op, error);
      return;
    }

  op_set_result (op, after, (GDestroyNotify) sy_execution_unref);
}

static void
op_abort_timeout (SyEngine *self,
                  Op       *op)
{
  g_autoptr(GError) error = NULL;

  if (!abort_execution (self, op->id, "timeout", &error))
    g_warning ("Could not abort execution %" G_GINT64_FORMAT " after its timeout: %s",
               op->id, error->message);
}

void
sy_engine_cancel_async (SyEngine           *self,
                        gint64              execution_id,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  Op *op = op_new (self, op_cancel, sy_engine_cancel_async, cancellable, callback, user_data);

  op->id = execution_id;
  submit (self, op);
}

SyExecution *
sy_engine_cancel_finish (SyEngine     *self,
                         GAsyncResult *result,
                         GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_cancel_async, error);
}

/* For a retry from `node`: carries over the latest job of every node
 * upstream of it, and re-opens the branching nodes that enclose it. */
static SyJob *
carry_over_jobs (SyEngine    *self,
                 SyWorkflow  *workflow,
                 SyExecution *old,
                 SyExecution *fresh,
                 SyNode      *node,
                 GError     **error)
{
  g_autoptr(GPtrArray) upstream = sy_workflow_get_upstream_keys (workflow, node);
  g_autoptr(GHashTable) latest = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) new_ids = g_hash_table_new (NULL, NULL);
  SyNode *previous_node = sy_node_get_previous (node);
  SyNode *anchor = previous_node ? previous_node : sy_node_get_parent (node);
  SyJob *previous = NULL;

  for (guint i = 0; old->jobs != NULL && i < old->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (old->jobs, i);

      g_hash_table_insert (latest, job->node_key, job);
    }

  for (guint i = 0; old->jobs != NULL && i < old->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (old->jobs, i);
      SyNode *job_node;
      SyJob *copy;
      gboolean encloses = FALSE;

      if (g_hash_table_lookup (latest, job->node_key) != job ||
          !g_ptr_array_find_with_equal_func (upstream, job->node_key, g_str_equal, NULL))
        continue;

      job_node = sy_workflow_find_node (workflow, job->node_key);
      for (SyNode *p = sy_node_get_parent (node); p != NULL; p = sy_node_get_parent (p))
        if (p == job_node)
          encloses = TRUE;

      copy = sy_job_new ();
      copy->execution_id = fresh->id;
      copy->node_key = g_strdup (job->node_key);
      copy->node_type = g_strdup (job->node_type);
      copy->upstream_id = POINTER_TO_ID (g_hash_table_lookup (new_ids, ID_TO_POINTER (job->upstream_id)));
      copy->parent_id = POINTER_TO_ID (g_hash_table_lookup (new_ids, ID_TO_POINTER (job->parent_id)));
      copy->branch = g_strdup (job->branch);
      copy->status = encloses ? SY_STATUS_PENDING : job->status;
      copy->result = job->result ? json_node_copy (job->result) : NULL;
      copy->meta = job->meta ? json_node_copy (job->meta) : NULL;
      copy->config = job->config ? json_node_copy (job->config) : NULL;
      copy->started_at = job->started_at;
      copy->finished_at = encloses ? 0 : job->finished_at;

      if (!sy_store_insert_job (self->store, copy, error))
        {
          sy_job_unref (copy);
          return NULL;
        }
      g_hash_table_insert (new_ids, ID_TO_POINTER (job->id), ID_TO_POINTER (copy->id));
      g_ptr_array_add (fresh->jobs, copy);

      if (job_node == anchor)
        previous = copy;
    }

  /* NULL: start at the head of the main chain (check_retry_anchor made
   * sure the anchor's job exists otherwise). */
  return previous;
}

/* A retry from `node` continues after the node before it (or inside the
 * branching node around it): that node must have run in `old`. Checked
 * before anything is stored, so a refused retry leaves nothing behind. */
static gboolean
check_retry_anchor (SyWorkflow  *workflow,
                    SyExecution *old,
                    SyNode      *node,
                    GError     **error)
{
  SyNode *previous_node = sy_node_get_previous (node);
  SyNode *anchor = previous_node ? previous_node : sy_node_get_parent (node);
  g_autoptr(GPtrArray) upstream = NULL;
  g_autofree char *number = NULL;

  if (anchor == NULL)
    return TRUE;

  upstream = sy_workflow_get_upstream_keys (workflow, node);
  if (g_ptr_array_find_with_equal_func (upstream, sy_node_get_key (anchor), g_str_equal, NULL))
    for (guint i = 0; old->jobs != NULL && i < old->jobs->len; i++)
      if (g_strcmp0 (((SyJob *) g_ptr_array_index (old->jobs, i))->node_key, sy_node_get_key (anchor)) == 0)
        return TRUE;

  number = g_strdup_printf ("%" G_GINT64_FORMAT, old->id);
  g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
               _("cannot retry from “%s”: the node before it never ran in execution %s"),
               sy_node_get_key (node), number);
  return FALSE;
}

static void
op_retry (SyEngine *self,
          Op       *op)
{
  GError *error = NULL;
  g_autoptr(SyExecution) old = load_execution (self, op->id, &error);
  g_autoptr(SyExecution) fresh = NULL;
  g_autoptr(SyProcessor) processor = NULL;
  SyWorkflow *workflow;
  SyNode *node = NULL;
  SyJob *previous = NULL;

  if (old == NULL)
    {
      op_set_error (op, error);
      return;
    }

  workflow = _sy_engine_lookup_version (self, old->workflow_id, &error);
  if (workflow == NULL && g_error_matches (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND))
    {
      /* Its executions were kept when the workflow was deleted. */
      g_clear_error (&error);
      op_set_error (op, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_FOUND,
                                     _("workflow “%s” version %u, which it ran, was deleted"),
                                     old->workflow_key, old->version));
      return;
    }
  if (workflow == NULL)
    {
      op_set_error (op, translate_error (error));
      return;
    }

  if (op->node != NULL)
    {
      node = sy_workflow_find_node (workflow, op->node);
      if (node == NULL)
        {
          op_set_error (op, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_FOUND,
                                         _("workflow “%s” version %u has no node “%s”"),
                                         old->workflow_key, old->version, op->node));
          return;
        }
      if (!check_retry_anchor (workflow, old, node, &error))
        {
          op_set_error (op, error);
          return;
        }
    }

  fresh = sy_execution_new ();
  fresh->workflow_id = old->workflow_id;
  fresh->workflow_key = g_strdup (old->workflow_key);
  fresh->version = old->version;
  fresh->status = SY_STATUS_QUEUEING;
  fresh->manually = TRUE;
  fresh->context = old->context ? json_node_copy (old->context) : NULL;
  fresh->retry_of = old->id;
  fresh->stack = old->stack ? json_node_copy (old->stack) : NULL;
  fresh->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_job_unref);

  if (!sy_store_insert_execution (self->store, fresh, &error))
    {
      op_set_error (op, error);
      return;
    }

  if (node != NULL)
    {
      previous = carry_over_jobs (self, workflow, old, fresh, node, &error);
      if (previous == NULL && error != NULL)
        {
          op_set_error (op, error);
          return;
        }
    }

  processor = sy_processor_new (self, self->store, workflow, fresh);
  if (!(node != NULL ? sy_processor_start_at (processor, node, previous, &error)
                     : sy_processor_start (processor, &error)))
    {
      op_set_error (op, error);
      return;
    }
  if (!collect_processor (self, processor, &error))
    {
      op_set_error (op, error);
      return;
    }

  answer_when_settled (self, op, fresh);
}

void
sy_engine_retry_async (SyEngine           *self,
                       gint64              execution_id,
                       const char         *from_node,
                       SyExecuteFlags      flags,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  Op *op = op_new (self, op_retry, sy_engine_retry_async, cancellable, callback, user_data);

  op->id = execution_id;
  op->node = g_strdup (from_node);
  op->flags = flags & SY_EXECUTE_NO_WAIT;
  submit (self, op);
}

SyExecution *
sy_engine_retry_finish (SyEngine     *self,
                        GAsyncResult *result,
                        GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_retry_async, error);
}

static void
op_get_execution (SyEngine *self,
                  Op       *op)
{
  GError *error = NULL;
  SyExecution *execution = load_execution (self, op->id, &error);

  op_take (op, execution, (GDestroyNotify) sy_execution_unref, error);
}

void
sy_engine_get_execution_async (SyEngine           *self,
                               gint64              execution_id,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  Op *op = op_new (self, op_get_execution, sy_engine_get_execution_async, cancellable, callback, user_data);

  op->id = execution_id;
  submit (self, op);
}

SyExecution *
sy_engine_get_execution_finish (SyEngine     *self,
                                GAsyncResult *result,
                                GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_get_execution_async, error);
}

/* The op keeps its own copy of the filter's strings (NULL: everything). */
static void
op_copy_filter (Op                      *op,
                const SyExecutionFilter *filter)
{
  if (filter == NULL)
    return;
  op->filter = *filter;
  op->filter_key = g_strdup (filter->workflow_key);
  op->filter_text = g_strdup (filter->text);
  op->filter_reasons = g_strdupv ((char **) filter->reasons);
  op->filter.workflow_key = op->filter_key;
  op->filter.text = op->filter_text;
  op->filter.reasons = (const char * const *) op->filter_reasons;
}

static void
op_list_executions (SyEngine *self,
                    Op       *op)
{
  GError *error = NULL;
  GPtrArray *list;

  list = sy_store_list_executions (self->store, &op->filter, &error);
  op_take (op, list, (GDestroyNotify) g_ptr_array_unref, error);
}

void
sy_engine_list_executions_async (SyEngine                *self,
                                 const SyExecutionFilter *filter,
                                 GCancellable            *cancellable,
                                 GAsyncReadyCallback      callback,
                                 gpointer                 user_data)
{
  Op *op = op_new (self, op_list_executions, sy_engine_list_executions_async, cancellable, callback, user_data);

  op_copy_filter (op, filter);
  submit (self, op);
}

GPtrArray *
sy_engine_list_executions_finish (SyEngine     *self,
                                  GAsyncResult *result,
                                  GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_list_executions_async, error);
}

static void
op_delete_execution (SyEngine *self,
                     Op       *op)
{
  GError *error = NULL;
  g_autoptr(SyExecution) execution = load_execution (self, op->id, &error);

  if (execution == NULL)
    {
      op_set_error (op, error);
      return;
    }

  if (execution->status == SY_STATUS_STARTED)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, op->id);

      op_set_error (op, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                                     _("execution %s is still running; cancel it first"), number));
      return;
    }

  if (!sy_store_delete_execution (self->store, op->id, &error))
    op_set_error (op, error);
  else
    op_set_result (op, GINT_TO_POINTER (TRUE), NULL);
}

void
sy_engine_delete_execution_async (SyEngine           *self,
                                  gint64              execution_id,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  Op *op = op_new (self, op_delete_execution, sy_engine_delete_execution_async, cancellable, callback, user_data);

  op->id = execution_id;
  submit (self, op);
}

gboolean
sy_engine_delete_execution_finish (SyEngine     *self,
                                   GAsyncResult *result,
                                   GError      **error)
{
  return _sy_engine_finish_boolean (self, result, sy_engine_delete_execution_async, error);
}

static void
op_delete_executions (SyEngine *self,
                      Op       *op)
{
  GError *error = NULL;
  guint n_deleted = 0;

  if (!sy_store_delete_executions (self->store, &op->filter, op->ids, &n_deleted, &error))
    op_set_error (op, error);
  else
    op_set_result (op, g_memdup2 (&n_deleted, sizeof n_deleted), g_free);
}

void
sy_engine_delete_executions_async (SyEngine                *self,
                                   const SyExecutionFilter *filter,
                                   GArray                  *ids,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  Op *op = op_new (self, op_delete_executions, sy_engine_delete_executions_async, cancellable, callback, user_data);

  op_copy_filter (op, filter);
  if (ids != NULL)
    {
      op->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
      g_array_append_vals (op->ids, ids->data, ids->len);
    }
  submit (self, op);
}

gboolean
sy_engine_delete_executions_finish (SyEngine     *self,
                                    GAsyncResult *result,
                                    guint        *n_deleted,
                                    GError      **error)
{
  g_autofree guint *count = _sy_engine_finish_pointer (self, result, sy_engine_delete_executions_async, error);

  if (count == NULL)
    return FALSE;
  if (n_deleted != NULL)
    *n_deleted = *count;
  return TRUE;
}

/* ── Tasks (manual, approval, cc) ──────────────────────────────────────── */

static gboolean
emit_tasks_changed (gpointer data)
{
  g_signal_emit (data, signals[TASKS_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

void
_sy_engine_note_tasks_changed (SyEngine *self)
{
  self->tasks_changed = TRUE;
}

void
_sy_engine_note_execution_started (SyEngine    *self,
                                   SyExecution *execution)
{
  queue_signal (self, EXECUTION_STARTED, execution);
}

static void
op_list_tasks (SyEngine *self,
               Op       *op)
{
  GError *error = NULL;
  GPtrArray *tasks = sy_store_list_tasks (self->store, op->flag, NULL, &error);

  op_take (op, tasks, (GDestroyNotify) g_ptr_array_unref, error);
}

void
sy_engine_list_tasks_async (SyEngine           *self,
                            gboolean            all,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  Op *op = op_new (self, op_list_tasks, sy_engine_list_tasks_async, cancellable, callback, user_data);

  op->flag = all;
  submit (self, op);
}

GPtrArray *
sy_engine_list_tasks_finish (SyEngine     *self,
                             GAsyncResult *result,
                             GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_list_tasks_async, error);
}

static const char * const task_actions[] = {
  "approve", "reject", "return", "save", "delegate", "add", NULL
};

/* Whether the task can still be acted on: pending, its job pending, its
 * execution running. */
static gboolean
check_task_open (SyEngine *self,
                 SyTask   *task,
                 GError  **error)
{
  g_autoptr(SyJob) job = NULL;

  if (task->status != SY_TASK_STATUS_PENDING)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, task->id);

      g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                   _("task %s is %s, not pending"), number, sy_task_status_to_string (task));
      return FALSE;
    }

  job = sy_store_get_job (self->store, task->job_id, NULL);
  if (job == NULL || job->status != SY_STATUS_PENDING)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, task->id);

      g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                   _("task %s belongs to a step that has already ended"), number);
      return FALSE;
    }

  return TRUE;
}

/* The node that created the task, in the version its execution runs. */
static SyNode *
task_node (SyEngine *self,
           SyTask   *task,
           GError  **error)
{
  g_autoptr(SyExecution) execution = load_execution (self, task->execution_id, error);
  SyWorkflow *workflow;
  SyNode *node;

  if (execution == NULL)
    return NULL;
  workflow = _sy_engine_lookup_version (self, execution->workflow_id, error);
  if (workflow == NULL)
    return NULL;

  node = sy_workflow_find_node (workflow, task->node_key);
  if (node == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, task->id);

      g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                   _("task %s belongs to “%s”, which is not in the workflow"), number, task->node_key);
    }
  return node;
}

/* Return, Delegate and Add assignee are for approvals, with their
 * parameters in `extra` ({to}, {to}, {people, position}). */
static gboolean
check_approval_action (SyEngine   *self,
                       SyTask     *task,
                       const char *action,
                       JsonObject *extra,
                       GError    **error)
{
  const char *to = extra != NULL ? json_object_get_string_member_with_default (extra, "to", NULL) : NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, task->id);

  if (g_strcmp0 (task->type, "approval") != 0)
    {
      g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                   g_str_equal (action, "return")
                     ? _("task %s is a %s task; only approvals can be returned")
                     : g_str_equal (action, "delegate")
                         ? _("task %s is a %s task; only approvals can be delegated")
                         : _("task %s is a %s task; only approvals can get more assignees"),
                   number, task->type);
      return FALSE;
    }

  if (g_str_equal (action, "return") && to != NULL && *to != '\0')
    {
      SyNode *node = task_node (self, task, error);

      if (node == NULL)
        return FALSE;
      if (sy_node_find_upstream (node, to) == NULL)
        {
          g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                       _("cannot return to “%s”: it is not a step before “%s” or around it"), to, task->node_key);
          return FALSE;
        }
    }

  if (g_str_equal (action, "delegate"))
    {
      if (to == NULL || *to == '\0')
        {
          g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                       _("task %s: say whom to delegate it to"), number);
          return FALSE;
        }
      if (g_str_equal (to, task->assignee))
        {
          g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                       _("task %s is already assigned to “%s”"), number, to);
          return FALSE;
        }
    }

  if (g_str_equal (action, "add"))
    {
      JsonNode *people = extra != NULL ? json_object_get_member (extra, "people") : NULL;
      guint n = people != NULL && JSON_NODE_HOLDS_ARRAY (people) ? json_array_get_length (json_node_get_array (people)) : 0;

      if (n == 0)
        {
          g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                       _("task %s: say whom to add"), number);
          return FALSE;
        }
      for (guint i = 0; i < n; i++)
        {
          const char *id = json_array_get_string_element (json_node_get_array (people), i);

          if (id == NULL || *id == '\0')
            {
              g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                           _("task %s: an assignee to add has no id"), number);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static JsonNode *
submission_payload (SyTask     *task,
                    const char *action,
                    JsonObject *extra)
{
  g_autoptr(JsonObject) payload = json_object_new ();

  json_object_set_int_member (payload, "task", task->id);
  json_object_set_string_member (payload, "assignee", task->assignee);
  json_object_set_string_member (payload, "action", action);
  json_object_set_member (payload, "values",
                          task->values ? json_node_copy (task->values) : json_node_new (JSON_NODE_NULL));
  if (task->comment != NULL)
    json_object_set_string_member (payload, "comment", task->comment);
  else
    json_object_set_null_member (payload, "comment");

  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, extra);
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (payload, name, json_node_copy (value));
    }

  return sy_json_node_take_object (g_steal_pointer (&payload));
}

/* What a task's status becomes after `action` (add after keeps it open). */
static SyTaskStatus
status_after (const char *action,
              JsonObject *extra)
{
  if (g_str_equal (action, "approve"))
    return SY_TASK_STATUS_RESOLVED;
  if (g_str_equal (action, "reject"))
    return SY_TASK_STATUS_REJECTED;
  if (g_str_equal (action, "return"))
    return SY_TASK_STATUS_RETURNED;
  if (g_str_equal (action, "delegate"))
    return SY_TASK_STATUS_HANDED_OVER;
  if (g_str_equal (action, "add") && extra != NULL &&
      g_strcmp0 (json_object_get_string_member_with_default (extra, "position", NULL), "before") == 0)
    return SY_TASK_STATUS_HANDED_OVER;

  return SY_TASK_STATUS_PENDING;
}

static void
op_submit_task (SyEngine *self,
                Op       *op)
{
  GError *error = NULL;
  g_autoptr(SyTask) task = NULL;
  const char *action = op->key;
  JsonObject *extra = op->extra != NULL ? json_node_get_object (op->extra) : NULL;
  gboolean notice;
  gboolean add_after;

  if (action == NULL || !g_strv_contains (task_actions, action))
    {
      op_set_error (op, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                                     _("unknown action “%s” (expected approve, reject, return or save)"),
                                     action ? action : ""));
      return;
    }
  if (op->context != NULL && !JSON_NODE_HOLDS_OBJECT (op->context))
    {
      op_set_error (op, g_error_new_literal (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                                             _("the values of a task must be a JSON object")));
      return;
    }

  task = sy_store_get_task (self->store, op->id, &error);
  if (task == NULL)
    {
      op_set_error (op, translate_error (error));
      return;
    }

  notice = g_strcmp0 (task->type, "cc") == 0;
  add_after = g_str_equal (action, "add") && status_after (action, extra) == SY_TASK_STATUS_PENDING;
  if (notice)
    {
      /* A notice has nothing to decide: acting on it means it was read. */
      task->status = SY_TASK_STATUS_READ;
    }
  else
    {
      if (!check_task_open (self, task, &error))
        {
          op_set_error (op, error);
          return;
        }
      if ((g_str_equal (action, "return") || g_str_equal (action, "delegate") || g_str_equal (action, "add")) &&
          !check_approval_action (self, task, action, extra, &error))
        {
          op_set_error (op, error);
          return;
        }
      task->status = status_after (action, extra);
    }

  if (op->context != NULL)
    {
      g_clear_pointer (&task->values, json_node_unref);
      task->values = json_node_copy (op->context);
    }
  if (g_str_equal (action, "approve") && !notice)
    {
      g_autoptr(GError) missing = NULL;

      if (!sy_task_check_required (task, task->values, &missing))
        {
          op_set_error (op, g_error_new_literal (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID, missing->message));
          return;
        }
    }
  if (op->comment != NULL)
    {
      g_free (task->comment);
      task->comment = g_strdup (op->comment);
    }

  /* Adding someone after oneself leaves one's own task as it was. */
  if (!add_after)
    {
      g_free (task->action);
      task->action = g_strdup (action);
      if (!sy_store_update_task (self->store, task, &error))
        {
          op_set_error (op, error);
          return;
        }
    }
  self->tasks_changed = TRUE;

  /* The node decides in the same transaction; it may settle other tasks. */
  if (!notice && !g_str_equal (action, "save"))
    {
      Resume resume = { task->job_id, submission_payload (task, action, extra) };

      process_resume (self, &resume);
      json_node_unref (resume.payload);
    }

  g_clear_pointer (&task, sy_task_unref);
  task = sy_store_get_task (self->store, op->id, &error);
  op_take (op, g_steal_pointer (&task), (GDestroyNotify) sy_task_unref, error);
}

static void
submit_task_op (SyEngine           *self,
                gpointer            source_tag,
                gint64              task_id,
                const char         *action,
                JsonNode           *values,
                JsonObject         *extra,
                const char         *comment,
                GCancellable       *cancellable,
                GAsyncReadyCallback callback,
                gpointer            user_data)
{
  Op *op = op_new (self, op_submit_task, source_tag, cancellable, callback, user_data);

  op->id = task_id;
  op->key = g_strdup (action);
  op->context = values ? json_node_copy (values) : NULL;
  op->extra = extra ? sy_json_node_take_object (extra) : NULL;
  op->comment = g_strdup (comment);
  submit (self, op);
}

void
sy_engine_submit_task_async (SyEngine           *self,
                             gint64              task_id,
                             const char         *action,
                             JsonNode           *values,
                             const char         *comment,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  submit_task_op (self, sy_engine_submit_task_async, task_id, action, values, NULL, comment,
                  cancellable, callback, user_data);
}

SyTask *
sy_engine_submit_task_finish (SyEngine     *self,
                              GAsyncResult *result,
                              GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_submit_task_async, error);
}

void
sy_engine_return_task_async (SyEngine           *self,
                             gint64              task_id,
                             const char         *to_node,
                             const char         *comment,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  JsonObject *extra = json_object_new ();

  if (to_node != NULL)
    json_object_set_string_member (extra, "to", to_node);
  submit_task_op (self, sy_engine_return_task_async, task_id, "return", NULL, extra, comment,
                  cancellable, callback, user_data);
}

SyTask *
sy_engine_return_task_finish (SyEngine     *self,
                              GAsyncResult *result,
                              GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_return_task_async, error);
}

void
sy_engine_delegate_task_async (SyEngine           *self,
                               gint64              task_id,
                               const char         *assignee,
                               const char         *comment,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  JsonObject *extra = json_object_new ();

  json_object_set_string_member (extra, "to", assignee != NULL ? assignee : "");
  submit_task_op (self, sy_engine_delegate_task_async, task_id, "delegate", NULL, extra, comment,
                  cancellable, callback, user_data);
}

SyTask *
sy_engine_delegate_task_finish (SyEngine     *self,
                                GAsyncResult *result,
                                GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_delegate_task_async, error);
}

void
sy_engine_add_task_assignees_async (SyEngine           *self,
                                    gint64              task_id,
                                    const char * const *assignees,
                                    gboolean            before,
                                    const char         *comment,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  JsonObject *extra = json_object_new ();
  JsonArray *people = json_array_new ();

  for (guint i = 0; assignees != NULL && assignees[i] != NULL; i++)
    json_array_add_string_element (people, assignees[i]);
  json_object_set_array_member (extra, "people", people);
  json_object_set_string_member (extra, "position", before ? "before" : "after");
  submit_task_op (self, sy_engine_add_task_assignees_async, task_id, "add", NULL, extra, comment,
                  cancellable, callback, user_data);
}

SyTask *
sy_engine_add_task_assignees_finish (SyEngine     *self,
                                     GAsyncResult *result,
                                     GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_add_task_assignees_async, error);
}

/* ── Requests (the approval trigger) ───────────────────────────────────── */

/* The desktop user's name as the people directory has it. */
static char *
my_name (SyEngine *self)
{
  g_autoptr(GPtrArray) people = sy_store_list_people (self->store, NULL);

  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      SyPerson *person = g_ptr_array_index (people, i);

      if (g_str_equal (person->id, "me"))
        return g_strdup (person->name);
    }

  return g_strdup (g_get_real_name ());
}

static void
op_start_request (SyEngine *self,
                  Op       *op)
{
  GError *error = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(JsonNode) context = NULL;
  g_autofree char *name = NULL;
  SyWorkflow *workflow;

  row = sy_store_get_version (self->store, op->key, 0, &error);
  if (row == NULL)
    {
      op_set_error (op, translate_error (error));
      return;
    }
  if (g_strcmp0 (row->trigger_type, "approval") != 0)
    {
      op_set_error (op, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                                     _("“%s” does not take requests (it starts on a %s trigger)"),
                                     op->key, row->trigger_type));
      return;
    }
  if (!row->enabled)
    {
      op_set_error (op, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                                     _("the workflow “%s” is disabled"), op->key));
      return;
    }

  workflow = _sy_engine_lookup_version (self, row->id, &error);
  if (workflow == NULL)
    {
      op_set_error (op, error);
      return;
    }

  name = my_name (self);
  context = sy_trigger_approval_make_context (workflow, op->context, "me", name, &error);
  if (context == NULL)
    {
      op_set_error (op, g_error_new_literal (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID, error->message));
      g_error_free (error);
      return;
    }

  execution = create_execution (self, row->id, context, NULL, FALSE, TRUE, NULL, 0, &error);
  if (execution == NULL)
    {
      op_set_error (op, error);
      return;
    }

  answer_when_settled (self, op, execution);
}

void
sy_engine_start_request_async (SyEngine           *self,
                               const char         *key,
                               JsonNode           *values,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  Op *op = op_new (self, op_start_request, sy_engine_start_request_async, cancellable, callback, user_data);

  op->key = g_strdup (key);
  op->context = values ? json_node_copy (values) : NULL;
  submit (self, op);
}

SyExecution *
sy_engine_start_request_finish (SyEngine     *self,
                                GAsyncResult *result,
                                GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_start_request_async, error);
}

/* Someone has acted on a task of the execution (saving a draft is not
 * acting); returns that task's assignee. */
static const char *
first_actor (GPtrArray *tasks)
{
  for (guint i = 0; i < tasks->len; i++)
    {
      SyTask *task = g_ptr_array_index (tasks, i);

      if (g_strcmp0 (task->type, "cc") != 0 && task->action != NULL && !g_str_equal (task->action, "save"))
        return task->assignee;
    }

  return NULL;
}

static void
op_withdraw_request (SyEngine *self,
                     Op       *op)
{
  GError *error = NULL;
  g_autoptr(SyExecution) execution = load_execution (self, op->id, &error);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, op->id);
  SyWorkflow *workflow;
  const char *actor;

  if (execution == NULL)
    {
      op_set_error (op, error);
      return;
    }

  workflow = _sy_engine_lookup_version (self, execution->workflow_id, &error);
  if (workflow == NULL)
    {
      op_set_error (op, error);
      return;
    }
  if (g_strcmp0 (sy_workflow_get_trigger_type (workflow), "approval") != 0)
    {
      op_set_error (op, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                                     _("execution %s is not a request; cancel it instead"), number));
      return;
    }
  if (sy_status_is_final (execution->status) && execution->status != SY_STATUS_QUEUEING)
    {
      op_set_error (op, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                                     _("request %s has already ended (%s)"),
                                     number, sy_status_to_string (execution->status, FALSE)));
      return;
    }

  tasks = sy_store_list_execution_tasks (self->store, op->id, &error);
  if (tasks == NULL)
    {
      op_set_error (op, error);
      return;
    }
  actor = first_actor (tasks);
  if (actor != NULL)
    {
      op_set_error (op, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                                     _("request %s can no longer be withdrawn: “%s” has acted on it"),
                                     number, actor));
      return;
    }

  g_clear_pointer (&execution, sy_execution_unref);
  if (!abort_execution (self, op->id, "withdrawn", &error) ||
      (execution = load_execution (self, op->id, &error)) == NULL)
    {
      op_set_error (op, error);
      return;
    }

  op_set_result (op, g_steal_pointer (&execution), (GDestroyNotify) sy_execution_unref);
}

void
sy_engine_withdraw_request_async (SyEngine           *self,
                                  gint64              execution_id,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  Op *op = op_new (self, op_withdraw_request, sy_engine_withdraw_request_async, cancellable, callback, user_data);

  op->id = execution_id;
  submit (self, op);
}

SyExecution *
sy_engine_withdraw_request_finish (SyEngine     *self,
                                   GAsyncResult *result,
                                   GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_withdraw_request_async, error);
}

/* ── People ────────────────────────────────────────────────────────────── */

static gboolean
emit_people_changed (gpointer data)
{
  g_signal_emit (data, signals[PEOPLE_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
note_people_changed (SyEngine *self)
{
  g_main_context_invoke_full (self->owner_context, G_PRIORITY_DEFAULT, emit_people_changed,
                              g_object_ref (self), g_object_unref);
}

static void
op_list_people (SyEngine *self,
                Op       *op)
{
  GError *error = NULL;
  GPtrArray *people = sy_store_list_people (self->store, &error);

  op_take (op, people, (GDestroyNotify) g_ptr_array_unref, error);
}

void
sy_engine_list_people_async (SyEngine           *self,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  submit (self, op_new (self, op_list_people, sy_engine_list_people_async, cancellable, callback, user_data));
}

GPtrArray *
sy_engine_list_people_finish (SyEngine     *self,
                              GAsyncResult *result,
                              GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_list_people_async, error);
}

/* A new person's id: the name in lowercase letters, digits and dashes,
 * numbered when taken ("ann", "ann-2"). */
static char *
new_person_id (GPtrArray  *people,
               const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, NULL);
  g_autoptr(GString) base = g_string_new (NULL);
  char *id = NULL;

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (base, g_ascii_tolower (*p));
    else if (base->len > 0 && base->str[base->len - 1] != '-')
      g_string_append_c (base, '-');
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_assign (base, "person");

  for (guint n = 1; id == NULL; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (base->str) : g_strdup_printf ("%s-%u", base->str, n);
      gboolean taken = g_str_equal (candidate, "me");

      for (guint i = 0; i < people->len && !taken; i++)
        taken = g_str_equal (((SyPerson *) g_ptr_array_index (people, i))->id, candidate);
      if (!taken)
        id = g_steal_pointer (&candidate);
    }

  return id;
}

static void
op_save_person (SyEngine *self,
                Op       *op)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) people = sy_store_list_people (self->store, &error);
  g_autofree char *name = g_strstrip (g_strdup (op->key != NULL ? op->key : ""));
  g_autofree char *email = g_strstrip (g_strdup (op->comment != NULL ? op->comment : ""));
  g_autofree char *id = g_strdup (op->node);

  if (people == NULL)
    {
      op_set_error (op, error);
      return;
    }

  if (!sy_person_check (id, name, email, &error))
    {
      op_set_error (op, g_error_new_literal (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID, error->message));
      g_clear_error (&error);
      return;
    }

  if (id == NULL)
    id = new_person_id (people, name);
  else
    {
      gboolean known = FALSE;

      for (guint i = 0; i < people->len && !known; i++)
        known = g_str_equal (((SyPerson *) g_ptr_array_index (people, i))->id, id);
      if (!known)
        {
          op_set_error (op, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_FOUND,
                                         _("there is no person “%s”"), id));
          return;
        }
    }

  /* "me" with its account's name keeps following the account. */
  if (g_str_equal (id, "me") && g_strcmp0 (name, g_get_real_name ()) == 0)
    name[0] = '\0';

  if (!sy_store_add_person (self->store, id, name, *email != '\0' ? email : NULL, &error))
    {
      op_set_error (op, error);
      return;
    }

  note_people_changed (self);
  op_set_result (op, g_steal_pointer (&id), g_free);
}

void
sy_engine_save_person_async (SyEngine           *self,
                             const char         *id,
                             const char         *name,
                             const char         *email,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  Op *op = op_new (self, op_save_person, sy_engine_save_person_async, cancellable, callback, user_data);

  op->node = g_strdup (id);
  op->key = g_strdup (name);
  op->comment = g_strdup (email);
  submit (self, op);
}

char *
sy_engine_save_person_finish (SyEngine     *self,
                              GAsyncResult *result,
                              GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_save_person_async, error);
}

static void
op_remove_person (SyEngine *self,
                  Op       *op)
{
  GError *error = NULL;

  if (!sy_store_remove_person (self->store, op->key, &error))
    {
      /* The desktop user stays: that is bad input, not a failure. */
      if (g_str_equal (op->key, "me") && g_error_matches (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED))
        error->domain = SY_ENGINE_ERROR, error->code = SY_ENGINE_ERROR_INVALID;
      op_set_error (op, translate_error (error));
      return;
    }

  note_people_changed (self);
  op_set_result (op, GINT_TO_POINTER (TRUE), NULL);
}

void
sy_engine_remove_person_async (SyEngine           *self,
                               const char         *id,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  Op *op = op_new (self, op_remove_person, sy_engine_remove_person_async, cancellable, callback, user_data);

  op->key = g_strdup (id);
  submit (self, op);
}

gboolean
sy_engine_remove_person_finish (SyEngine     *self,
                                GAsyncResult *result,
                                GError      **error)
{
  return _sy_engine_finish_boolean (self, result, sy_engine_remove_person_async, error);
}

/* ── For triggers and nodes ────────────────────────────────────────────── */

void
sy_engine_resume_job (SyEngine *self,
                      gint64    job_id,
                      JsonNode *payload)
{
  Resume *resume = g_new0 (Resume, 1);

  resume->job_id = job_id;
  resume->payload = payload ? json_node_copy (payload) : NULL;

  g_mutex_lock (&self->mutex);
  /* Stopped or stopping: the job stays pending for the recovery. */
  if (self->halted)
    g_clear_pointer (&resume, resume_free);
  else
    g_queue_push_tail (&self->resumes, resume);
  g_mutex_unlock (&self->mutex);

  schedule_pump (self);
}

static void
op_trigger (SyEngine *self,
            Op       *op)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) execution = NULL;

  execution = create_execution (self, op->id, op->context, op->event_key, FALSE, FALSE, NULL, 0, &error);
  if (execution == NULL)
    {
      if (g_error_matches (error, SY_STORE_ERROR, SY_STORE_ERROR_DUPLICATE))
        {
          g_clear_error (&error);
          g_set_error (&error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_SKIPPED,
                       _("event “%s” has already started an execution"), op->event_key);
        }
      if (op->triggered != NULL)
        op->triggered (self, NULL, error, op->triggered_data);
      return;
    }

  if (op->triggered == NULL)
    return;

  /* Async: the promise is kept once the queued execution is committed;
   * sync: once it ends (or waits for time or people). */
  add_watcher (self, execution->id, NULL, op->triggered, op->triggered_data);
  if (execution->status == SY_STATUS_QUEUEING)
    g_ptr_array_add (self->settled, sy_execution_ref (execution));
}

void
sy_engine_trigger (SyEngine       *self,
                   gint64          version_id,
                   JsonNode       *context,
                   const char     *event_key,
                   SyTriggeredFunc callback,
                   gpointer        user_data)
{
  Op *op = g_new0 (Op, 1);

  op->func = op_trigger;
  op->id = version_id;
  op->context = context ? json_node_copy (context) : NULL;
  op->event_key = g_strdup (event_key);
  op->triggered = callback;
  op->triggered_data = user_data;
  push_op (self, op);
}

static void
op_start_child (SyEngine *self,
                Op       *op)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyExecution) parent = load_execution (self, op->id, &error);
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyExecution) child = NULL;

  if (parent != NULL && parent->status == SY_STATUS_STARTED)
    {
      row = sy_store_get_version (self->store, op->key, 0, &error);
      if (row == NULL)
        {
          g_clear_error (&error);
          g_set_error (&error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_FOUND,
                       _("there is no workflow “%s”"), op->key);
        }
      else
        child = create_execution (self, row->id, op->context, NULL, FALSE, TRUE,
                                  parent, op->version_job, &error);
    }
  else if (parent != NULL)
    return; /* the caller ended meanwhile */

  if (child == NULL && error != NULL)
    {
      g_autoptr(JsonObject) payload = json_object_new ();
      Resume resume = { op->version_job, NULL };

      json_object_set_string_member (payload, "error", error->message);
      resume.payload = sy_json_node_take_object (g_steal_pointer (&payload));
      process_resume (self, &resume);
      json_node_unref (resume.payload);
    }
}

void
sy_engine_start_child (SyEngine   *self,
                       gint64      parent_execution_id,
                       gint64      parent_job_id,
                       const char *key,
                       JsonNode   *context)
{
  Op *op = g_new0 (Op, 1);

  op->func = op_start_child;
  op->id = parent_execution_id;
  op->version_job = parent_job_id;
  op->key = g_strdup (key);
  op->context = context ? json_node_copy (context) : NULL;
  push_op (self, op);
}

SyStore *
_sy_engine_get_store (SyEngine *self)
{
  return self->store;
}

/* ── Webhook server (sy-webhook-server.c) ──────────────────────────────── */

SyWebhookServer *
_sy_engine_get_webhook_server (SyEngine *self)
{
  return self->webhook_server;
}

guint
_sy_engine_get_queue_length (SyEngine *self)
{
  return g_queue_get_length (&self->queue);
}

/* ── For the collections (collections/) ────────────────────────────────── */

SyCollectionRuntime *
_sy_engine_get_collections (SyEngine *self)
{
  return self->collections;
}

static void
op_in_pump (SyEngine *self,
            Op       *op)
{
  op->pump_func (self, op->pump_data);
}

void
_sy_engine_run_in_pump (SyEngine      *self,
                        SyPumpFunc     func,
                        SyPumpDoneFunc done,
                        gpointer       data)
{
  Op *op = g_new0 (Op, 1);

  op->func = op_in_pump;
  op->pump_func = func;
  op->pump_done = done;
  op->pump_data = data;
  submit (self, op);
}

static void
op_call (SyEngine *self,
         Op       *op)
{
  GDestroyNotify result_free = NULL;
  GError *error = NULL;
  gpointer result = op->call_func (self, op->call_data, &result_free, &error);

  op_take (op, result, result_free, error);
}

void
_sy_engine_call_async (SyEngine           *self,
                       SyEngineCallFunc    func,
                       gpointer            data,
                       GDestroyNotify      data_free,
                       gpointer            source_tag,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  Op *op = op_new (self, op_call, source_tag, cancellable, callback, user_data);

  op->call_func = func;
  op->call_data = data;
  op->call_data_free = data_free;
  submit (self, op);
}

SyExecution *
_sy_engine_create_execution (SyEngine  *self,
                             gint64     version_id,
                             JsonNode  *context,
                             JsonNode  *stack,
                             gboolean   run_now,
                             GError   **error)
{
  return create_execution_in_chain (self, version_id, context, NULL, FALSE, run_now, NULL, 0, stack, error);
}

void
_sy_engine_watch_execution (SyEngine       *self,
                            SyExecution    *execution,
                            SyTriggeredFunc func,
                            gpointer        data)
{
  add_watcher (self, execution->id, NULL, func, data);
  /* Settled already (or queued): answered after this pump's commit. */
  if (_sy_engine_execution_is_settled (execution) || execution->status == SY_STATUS_QUEUEING)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < self->settled->len; i++)
        if (((SyExecution *) g_ptr_array_index (self->settled, i))->id == execution->id)
          listed = TRUE;
      if (!listed)
        g_ptr_array_add (self->settled, sy_execution_ref (execution));
    }
}

typedef struct
{
  SyEngine *engine;
  char     *collection;
} DataChanged;

static gboolean
emit_data_changed (gpointer data)
{
  DataChanged *changed = data;

  if (changed->collection != NULL)
    g_signal_emit (changed->engine, signals[RECORDS_CHANGED], 0, changed->collection);
  else
    g_signal_emit (changed->engine, signals[COLLECTIONS_CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
data_changed_free (gpointer data)
{
  DataChanged *changed = data;

  g_object_unref (changed->engine);
  g_free (changed->collection);
  g_free (changed);
}

void
_sy_engine_emit_data_changed (SyEngine   *self,
                              const char *collection)
{
  DataChanged *changed = g_new0 (DataChanged, 1);

  changed->engine = g_object_ref (self);
  changed->collection = g_strdup (collection);
  g_main_context_invoke_full (self->owner_context, G_PRIORITY_DEFAULT, emit_data_changed, changed,
                              data_changed_free);
}
