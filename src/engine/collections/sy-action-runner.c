/* sy-action-runner.c — an action and the workflows bound to it, step by step
 *
 * A run goes through stages inside the engine's pumps: prepare (check the
 * input, find the workflows), pre-actions, the write, sync `collection`
 * workflows, sync post-actions (or custom actions), then the async ones.
 * A sync execution usually ends within the pump that started it; when it
 * waits for something (a request), the run waits for it with a watcher and
 * goes on in a later pump. The caller is answered after the commit of the
 * pump that finished the run.
 */
#define G_LOG_DOMAIN "sy-collections"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "collections/sy-collection-runtime.h"
#include "collections/sy-engine-collections.h"
#include "collections/sy-record-action-private.h"
#include "sy-json.h"
#include "sy-trigger-kind.h"

typedef enum
{
  BOUND_PRE,      /* request-interception */
  BOUND_POST,     /* action */
  BOUND_APPROVAL, /* approval, after saving */
  BOUND_CUSTOM,   /* custom-action */
} BoundKind;

typedef struct
{
  BoundKind   kind;
  gint64      version_id;
  SyWorkflow *workflow;
  char       *association;
} Bound;

typedef enum
{
  STAGE_PREPARE,
  STAGE_PRE,
  STAGE_WRITE,
  STAGE_EVENTS,
  STAGE_BOUND_SYNC,
  STAGE_ASYNC,
  STAGE_DONE,
} Stage;

typedef struct
{
  int                 ref_count;  /* engine thread only */
  SyEngine           *engine;
  GTask              *task;
  SyRecordAction     *action;
  SyCollection       *collection; /* NULL for a trigger without collection */

  GPtrArray          *pre;        /* of Bound, sync ones first */
  GPtrArray          *bound;      /* post-actions and approvals, or custom actions; sync first */
  GPtrArray          *sync_events;  /* of SyMatchedWorkflow */
  GPtrArray          *async_events;

  Stage               stage;
  guint               index;
  SyExecution        *settled;    /* the execution waited for, to judge */
  gboolean            waiting;

  JsonObject         *values;     /* checked (create, update) or as given (trigger) */
  JsonObject         *before;     /* update, delete: the stored record */
  JsonObject         *record;     /* create, update: as written */
  GPtrArray          *targets;    /* trigger: the records (JsonObject) */
  gboolean            written;
  gboolean            stop_bound; /* a bound workflow ended with an end node */

  SyActionOutcome    *outcome;
  GError             *error;
  gboolean            finished;
  gboolean            answered;
} Run;

static void advance (Run *run);

static void
bound_free (Bound *bound)
{
  g_clear_object (&bound->workflow);
  g_free (bound->association);
  g_free (bound);
}

static Run *
run_ref (Run *run)
{
  run->ref_count++;
  return run;
}

static void
run_unref (Run *run)
{
  if (--run->ref_count > 0)
    return;

  g_object_unref (run->engine);
  g_clear_object (&run->task);
  sy_record_action_free (run->action);
  g_clear_object (&run->collection);
  g_ptr_array_unref (run->pre);
  g_ptr_array_unref (run->bound);
  g_ptr_array_unref (run->sync_events);
  g_ptr_array_unref (run->async_events);
  g_clear_pointer (&run->settled, sy_execution_unref);
  g_clear_pointer (&run->values, json_object_unref);
  g_clear_pointer (&run->before, json_object_unref);
  g_clear_pointer (&run->record, json_object_unref);
  g_clear_pointer (&run->targets, g_ptr_array_unref);
  g_clear_pointer (&run->outcome, sy_action_outcome_free);
  g_clear_error (&run->error);
  g_free (run);
}

static SyCollectionRuntime *
runtime (Run *run)
{
  return _sy_engine_get_collections (run->engine);
}

static SyCollectionStore *
store (Run *run)
{
  return sy_collection_runtime_get_store (runtime (run));
}

static const char *
collection_name (Run *run)
{
  return run->collection != NULL ? sy_collection_get_name (run->collection) : NULL;
}

static void
fail (Run    *run,
      GError *error)
{
  if (run->error == NULL)
    run->error = error;
  else
    g_error_free (error);
  run->finished = TRUE;
}

/* The caller hears once: after the commit, or of the error that stopped us. */
static void
answer (Run          *run,
        const GError *error)
{
  if (run->answered)
    return;
  run->answered = TRUE;

  if (error != NULL)
    g_task_return_error (run->task, g_error_copy (error));
  else if (run->error != NULL)
    g_task_return_error (run->task, g_steal_pointer (&run->error));
  else
    g_task_return_pointer (run->task, g_steal_pointer (&run->outcome), (GDestroyNotify) sy_action_outcome_free);
}

/* ── Pumps and watchers ────────────────────────────────────────────────── */

static void
step_in_pump (SyEngine *engine,
              gpointer  data)
{
  advance (data);
}

static void
step_done (const GError *error,
           gpointer      data)
{
  Run *run = data;

  if (error != NULL || run->finished)
    answer (run, error);
  run_unref (run);
}

static void
schedule_step (Run *run)
{
  _sy_engine_run_in_pump (run->engine, step_in_pump, step_done, run_ref (run));
}

static void
execution_settled (SyEngine     *engine,
                   SyExecution  *execution,
                   const GError *error,
                   gpointer      data)
{
  Run *run = data;

  if (!run->answered && run->waiting)
    {
      run->waiting = FALSE;
      if (error != NULL)
        {
          fail (run, g_error_copy (error));
          answer (run, NULL);
        }
      else
        {
          g_clear_pointer (&run->settled, sy_execution_unref);
          run->settled = sy_execution_ref (execution);
          schedule_step (run);
        }
    }
  run_unref (run);
}

/* Starts an execution; FALSE when the run must wait for it to settle (or
 * failed). *out gets the settled execution, or NULL when the stack limit
 * skipped it. `wait` = a sync caller that judges the result. */
static gboolean
start_execution (Run          *run,
                 gint64        version_id,
                 JsonNode     *context,
                 gboolean      run_now,
                 gboolean      wait,
                 SyExecution **out)
{
  g_autoptr(GError) error = NULL;
  SyExecution *execution = _sy_engine_create_execution (run->engine, version_id, context, NULL, run_now, &error);

  *out = NULL;
  if (execution == NULL)
    {
      if (g_error_matches (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_SKIPPED))
        {
          g_debug ("%s", error->message);
          return TRUE;
        }
      fail (run, g_steal_pointer (&error));
      return FALSE;
    }

  g_array_append_val (run->outcome->executions, execution->id);

  if (wait && !_sy_engine_execution_is_settled (execution))
    {
      run->waiting = TRUE;
      _sy_engine_watch_execution (run->engine, execution, execution_settled, run_ref (run));
      sy_execution_unref (execution);
      return FALSE;
    }

  *out = execution;
  return TRUE;
}

/* ── Judging a sync bound workflow (NocoBase's rules) ──────────────────── */

static gboolean
ended_by_end_node (SyExecution *execution)
{
  SyJob *last;

  if (execution->jobs == NULL || execution->jobs->len == 0)
    return FALSE;

  last = g_ptr_array_index (execution->jobs, execution->jobs->len - 1);
  return g_strcmp0 (last->node_type, "end") == 0;
}

/* TRUE when the action goes on with the next workflow. */
static gboolean
judge (Run         *run,
       Bound       *bound,
       SyExecution *execution)
{
  gboolean by_end = ended_by_end_node (execution);

  sy_execution_add_response_messages (execution, run->outcome->messages);

  if (execution->status == SY_STATUS_RESOLVED)
    {
      if (!by_end)
        return TRUE;
      /* An end node stops the rest; before the write it stops the action. */
      if (bound->kind == BOUND_PRE)
        run->outcome->status = SY_ACTION_STOPPED;
      run->stop_bound = TRUE;
      return FALSE;
    }

  run->outcome->status = SY_ACTION_REFUSED;
  if (!by_end)
    {
      const char *status = sy_status_to_string (execution->status, FALSE);

      if (execution->reason != NULL)
        g_ptr_array_add (run->outcome->messages,
                         g_strdup_printf (_("the workflow “%s” ended with status %s: %s"),
                                          sy_workflow_get_key (bound->workflow), status, execution->reason));
      else
        g_ptr_array_add (run->outcome->messages,
                         g_strdup_printf (_("the workflow “%s” ended with status %s"),
                                          sy_workflow_get_key (bound->workflow), status));
    }

  return FALSE;
}

/* ── Finding the workflows ─────────────────────────────────────────────── */

static const char *
action_title (SyRecordActionKind kind)
{
  switch (kind)
    {
    case SY_RECORD_ACTION_CREATE:
      return _("Submit");
    case SY_RECORD_ACTION_UPDATE:
      return _("Save");
    case SY_RECORD_ACTION_DELETE:
      return _("Delete");
    case SY_RECORD_ACTION_TRIGGER:
    default:
      return _("Trigger workflow");
    }
}

/* The name global-mode workflows list in their `actions`. */
static const char *
action_name (SyRecordActionKind kind)
{
  switch (kind)
    {
    case SY_RECORD_ACTION_CREATE:
      return "create";
    case SY_RECORD_ACTION_UPDATE:
      return "update";
    case SY_RECORD_ACTION_DELETE:
      return "destroy";
    case SY_RECORD_ACTION_TRIGGER:
    default:
      return "trigger";
    }
}

/* Which trigger types may be bound to which action (the table). */
static gboolean
bound_kind_for (SyRecordActionKind kind,
                const char        *trigger_type,
                BoundKind         *bound_kind)
{
  if (g_strcmp0 (trigger_type, "request-interception") == 0 && kind != SY_RECORD_ACTION_TRIGGER)
    *bound_kind = BOUND_PRE;
  else if (g_strcmp0 (trigger_type, "action") == 0 &&
           (kind == SY_RECORD_ACTION_CREATE || kind == SY_RECORD_ACTION_UPDATE))
    *bound_kind = BOUND_POST;
  else if (g_strcmp0 (trigger_type, "approval") == 0 &&
           (kind == SY_RECORD_ACTION_CREATE || kind == SY_RECORD_ACTION_UPDATE))
    *bound_kind = BOUND_APPROVAL;
  else if (g_strcmp0 (trigger_type, "custom-action") == 0 && kind == SY_RECORD_ACTION_TRIGGER)
    *bound_kind = BOUND_CUSTOM;
  else
    return FALSE;

  return TRUE;
}

static const char *
config_string (SyWorkflow *workflow,
               const char *member,
               const char *fallback)
{
  return json_object_get_string_member_with_default (sy_workflow_get_trigger_config (workflow), member, fallback);
}

static gboolean
config_flag (SyWorkflow *workflow,
             const char *member)
{
  return json_object_get_boolean_member_with_default (sy_workflow_get_trigger_config (workflow), member, FALSE);
}

static gboolean
config_lists (SyWorkflow *workflow,
              const char *member,
              const char *value)
{
  JsonNode *list = json_object_get_member (sy_workflow_get_trigger_config (workflow), member);

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    if (g_strcmp0 (json_array_get_string_element (json_node_get_array (list), i), value) == 0)
      return TRUE;

  return FALSE;
}

static GError *
binding_error (const char *key,
               const char *format,
               ...) G_GNUC_PRINTF (2, 3);

static GError *
binding_error (const char *key,
               const char *format,
               ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  return g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID, _("workflow “%s”: %s"), key, reason);
}

/* Checks one binding; NULL with `error` when it cannot be bound here, NULL
 * without when the workflow is disabled (skipped, as NocoBase does). */
static Bound *
resolve_binding (Run       *run,
                 SyBinding *binding,
                 GError   **error)
{
  SyRecordActionKind kind = run->action->kind;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(GError) local = NULL;
  const SyTriggerKind *trigger;
  const char *expected = collection_name (run);
  SyWorkflow *workflow;
  BoundKind bound_kind;
  Bound *bound;

  row = sy_store_get_version (_sy_engine_get_store (run->engine), binding->workflow, 0, &local);
  if (row == NULL)
    {
      if (g_error_matches (local, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND))
        g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_FOUND, _("there is no workflow “%s”"),
                     binding->workflow);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (!row->enabled)
    {
      g_debug ("Workflow “%s” is disabled; not run for this action", binding->workflow);
      return NULL;
    }

  workflow = _sy_engine_lookup_version (run->engine, row->id, error);
  if (workflow == NULL)
    return NULL;

  trigger = sy_trigger_kind_lookup (sy_workflow_get_trigger_type (workflow));
  if (!bound_kind_for (kind, sy_workflow_get_trigger_type (workflow), &bound_kind))
    {
      *error = binding_error (binding->workflow, _("a workflow started by “%s” cannot be bound to %s"),
                              trigger != NULL ? _(trigger->title) : sy_workflow_get_trigger_type (workflow),
                              action_title (kind));
      return NULL;
    }

  if (binding->association != NULL)
    {
      const SyCollectionField *field = run->collection != NULL
                                         ? sy_collection_lookup_field (run->collection, binding->association)
                                         : NULL;

      if (bound_kind != BOUND_POST && bound_kind != BOUND_CUSTOM)
        {
          *error = binding_error (binding->workflow, _("only post-action and custom-action workflows take an "
                                                       "association (“!%s”)"),
                                  binding->association);
          return NULL;
        }
      if (field == NULL || field->type != SY_FIELD_TYPE_BELONGS_TO)
        {
          *error = binding_error (binding->workflow, _("“%s” is not a belongs-to field of “%s”"),
                                  binding->association, expected != NULL ? expected : "");
          return NULL;
        }
      expected = field->target;
    }

  if (bound_kind == BOUND_CUSTOM)
    {
      const char *type = config_string (workflow, "type", "global");
      guint n_ids = run->action->ids->len;

      if (g_str_equal (type, "global"))
        expected = NULL;
      else if (run->collection == NULL)
        {
          *error = binding_error (binding->workflow, _("it acts on records of “%s”; name the collection"),
                                  config_string (workflow, "collection", ""));
          return NULL;
        }
      else if (g_str_equal (type, "single") && (n_ids > 1 || (binding->association != NULL && n_ids != 1)))
        {
          *error = binding_error (binding->workflow, _("it acts on one record, not %u"), n_ids);
          return NULL;
        }
      else if (g_str_equal (type, "multiple") && (n_ids == 0 || binding->association != NULL))
        {
          *error = binding_error (binding->workflow, _("it acts on selected records: give their ids"));
          return NULL;
        }
    }

  if (bound_kind == BOUND_APPROVAL && g_strcmp0 (config_string (workflow, "when", "after-save"), "after-save") != 0)
    {
      *error = binding_error (binding->workflow, _("approvals that start before the data is saved cannot be "
                                                   "bound to actions yet"));
      return NULL;
    }

  if (expected != NULL && g_strcmp0 (config_string (workflow, "collection", NULL), expected) != 0)
    {
      *error = binding_error (binding->workflow, _("it is for the collection “%s”, not “%s”"),
                              config_string (workflow, "collection", ""), expected);
      return NULL;
    }

  bound = g_new0 (Bound, 1);
  bound->kind = bound_kind;
  bound->version_id = row->id;
  bound->workflow = g_object_ref (workflow);
  bound->association = g_strdup (binding->association);

  return bound;
}

static gboolean
already_bound (GPtrArray *list,
               gint64     version_id)
{
  for (guint i = 0; i < list->len; i++)
    if (((Bound *) g_ptr_array_index (list, i))->version_id == version_id)
      return TRUE;

  return FALSE;
}

/* Global-mode workflows of the collection for this action, oldest first. */
static gboolean
add_global (Run        *run,
            const char *trigger_type,
            BoundKind   bound_kind,
            GPtrArray  *list,
            GError    **error)
{
  g_autoptr(GPtrArray) rows = sy_store_list_enabled (_sy_engine_get_store (run->engine), trigger_type, error);

  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      SyVersionRow *row = g_ptr_array_index (rows, i);
      SyWorkflow *workflow = _sy_engine_lookup_version (run->engine, row->id, NULL);
      Bound *bound;

      if (workflow == NULL || !config_flag (workflow, "global") ||
          g_strcmp0 (config_string (workflow, "collection", NULL), collection_name (run)) != 0 ||
          !config_lists (workflow, "actions", action_name (run->action->kind)) || already_bound (list, row->id))
        continue;

      bound = g_new0 (Bound, 1);
      bound->kind = bound_kind;
      bound->version_id = row->id;
      bound->workflow = g_object_ref (workflow);
      g_ptr_array_add (list, bound);
    }

  return TRUE;
}

/* Sync before async, each keeping its order. */
static void
sync_first (GPtrArray *list)
{
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < list->len; i++)
      {
        Bound *bound = g_ptr_array_index (list, i);

        if (sy_workflow_get_sync (bound->workflow) == (pass == 0))
          g_ptr_array_add (ordered, bound);
      }

  for (guint i = 0; i < ordered->len; i++)
    list->pdata[i] = ordered->pdata[i];
}

static gboolean
load_targets (Run     *run,
              GError **error)
{
  run->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < run->action->ids->len; i++)
    {
      JsonObject *record = sy_collection_store_get_record (store (run), collection_name (run),
                                                           g_array_index (run->action->ids, gint64, i), NULL, error);

      if (record == NULL)
        return FALSE;
      g_ptr_array_add (run->targets, record);
    }

  return TRUE;
}

static void
prepare (Run *run)
{
  SyRecordAction *action = run->action;
  GError *error = NULL;

  if (action->collection != NULL)
    {
      run->collection = sy_collection_store_get_collection (store (run), action->collection, &error);
      if (run->collection == NULL)
        {
          fail (run, error);
          return;
        }
    }
  else if (action->kind != SY_RECORD_ACTION_TRIGGER || action->ids->len > 0)
    {
      fail (run, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID, _("name a collection")));
      return;
    }

  if ((action->kind == SY_RECORD_ACTION_UPDATE || action->kind == SY_RECORD_ACTION_DELETE) && action->ids->len != 1)
    {
      fail (run, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID, _("%s acts on one record"),
                              action_title (action->kind)));
      return;
    }

  switch (action->kind)
    {
    case SY_RECORD_ACTION_CREATE:
    case SY_RECORD_ACTION_UPDATE:
      run->values = sy_collection_check_values (run->collection, action->values,
                                                action->kind == SY_RECORD_ACTION_CREATE ? SY_VALUES_CREATE
                                                                                        : SY_VALUES_UPDATE,
                                                &error);
      if (run->values == NULL)
        {
          fail (run, error);
          return;
        }
      if (action->kind == SY_RECORD_ACTION_CREATE)
        break;
      G_GNUC_FALLTHROUGH;

    case SY_RECORD_ACTION_DELETE:
      run->before = sy_collection_store_get_record (store (run), action->collection,
                                                    g_array_index (action->ids, gint64, 0), NULL, &error);
      if (run->before == NULL)
        {
          fail (run, error);
          return;
        }
      break;

    case SY_RECORD_ACTION_TRIGGER:
    default:
      run->values = action->values != NULL ? sy_json_object_deep_copy (action->values) : json_object_new ();
      if (action->collection != NULL && !load_targets (run, &error))
        {
          fail (run, error);
          return;
        }
      break;
    }

  for (guint i = 0; i < action->bindings->len; i++)
    {
      Bound *bound = resolve_binding (run, g_ptr_array_index (action->bindings, i), &error);

      if (error != NULL)
        {
          fail (run, error);
          return;
        }
      if (bound == NULL)
        continue;
      g_ptr_array_add (bound->kind == BOUND_PRE ? run->pre : run->bound, bound);
    }

  if (action->kind != SY_RECORD_ACTION_TRIGGER &&
      !add_global (run, "request-interception", BOUND_PRE, run->pre, &error))
    {
      fail (run, error);
      return;
    }
  if ((action->kind == SY_RECORD_ACTION_CREATE || action->kind == SY_RECORD_ACTION_UPDATE) &&
      !add_global (run, "action", BOUND_POST, run->bound, &error))
    {
      fail (run, error);
      return;
    }

  if (action->kind == SY_RECORD_ACTION_TRIGGER && run->bound->len == 0)
    {
      fail (run, g_error_new (SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                              _("no enabled custom-action workflow to run: list them with their keys")));
      return;
    }

  sync_first (run->pre);
  sync_first (run->bound);
  run->stage = action->kind == SY_RECORD_ACTION_TRIGGER ? STAGE_BOUND_SYNC : STAGE_PRE;
}

/* ── Contexts ──────────────────────────────────────────────────────────── */

static JsonNode *
pre_action_context (Run *run)
{
  g_autoptr(JsonObject) context = json_object_new ();
  JsonObject *params = json_object_new ();

  if (run->action->ids->len > 0)
    json_object_set_int_member (params, "filterByTk", g_array_index (run->action->ids, gint64, 0));
  else
    json_object_set_null_member (params, "filterByTk");
  json_object_set_object_member (params, "values",
                                 run->action->values != NULL ? sy_json_object_deep_copy (run->action->values)
                                                             : json_object_new ());
  json_object_set_object_member (context, "params", params);
  json_object_set_member (context, "user", sy_collection_user_node ());
  json_object_set_string_member (context, "action", action_name (run->action->kind));
  json_object_set_string_member (context, "collection", collection_name (run));

  return sy_json_node_take_object (g_steal_pointer (&context));
}

/* A copy of `record` of `collection` with the trigger's appends loaded. */
static JsonObject *
with_appends (Run        *run,
              const char *collection,
              JsonObject *record,
              SyWorkflow *workflow)
{
  JsonNode *appends = json_object_get_member (sy_workflow_get_trigger_config (workflow), "appends");
  JsonObject *copy = sy_json_object_deep_copy (record);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(JsonArray) one = json_array_new ();
  g_autoptr(GError) error = NULL;

  if (appends == NULL || !JSON_NODE_HOLDS_ARRAY (appends))
    return copy;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (appends)); i++)
    g_ptr_array_add (names, (gpointer) json_array_get_string_element (json_node_get_array (appends), i));
  g_ptr_array_add (names, NULL);

  json_array_add_object_element (one, json_object_ref (copy));
  if (!sy_collection_store_load_appends (store (run), collection, one, (const char * const *) names->pdata, &error))
    g_warning ("Related records of “%s” could not be loaded: %s", collection, error->message);

  return copy;
}

/* The record (or its association) a post-action or custom action sees;
 * NULL when an association is empty (the workflow is not run). */
static JsonObject *
subject (Run        *run,
         Bound      *bound,
         JsonObject *record)
{
  const SyCollectionField *field;
  JsonNode *id;
  g_autoptr(JsonObject) target = NULL;
  g_autoptr(GError) error = NULL;

  if (bound->association == NULL)
    return with_appends (run, collection_name (run), record, bound->workflow);

  field = sy_collection_lookup_field (run->collection, bound->association);
  id = json_object_get_member (record, bound->association);
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
    return NULL;

  target = sy_collection_store_get_record (store (run), field->target, json_node_get_int (id), NULL, &error);
  if (target == NULL)
    return NULL;

  return with_appends (run, field->target, target, bound->workflow);
}

static JsonNode *
data_context (JsonNode *data)
{
  g_autoptr(JsonObject) context = json_object_new ();

  json_object_set_member (context, "data", data);
  json_object_set_member (context, "user", sy_collection_user_node ());

  return sy_json_node_take_object (g_steal_pointer (&context));
}

/* NULL when this workflow has nothing to act on. */
static JsonNode *
bound_context (Run   *run,
               Bound *bound)
{
  const char *type;

  if (bound->kind == BOUND_APPROVAL)
    {
      g_autoptr(JsonObject) context = json_object_new ();

      json_object_set_object_member (context, "data", with_appends (run, collection_name (run), run->record,
                                                                    bound->workflow));
      json_object_set_member (context, "applicant", sy_collection_user_node ());
      return sy_json_node_take_object (g_steal_pointer (&context));
    }

  if (bound->kind == BOUND_POST)
    {
      JsonObject *data = subject (run, bound, run->record);

      return data != NULL ? data_context (sy_json_node_take_object (data)) : NULL;
    }

  /* Custom actions: submitted data, one record (with the submitted values
   * over it), or the selected records. */
  type = config_string (bound->workflow, "type", "global");
  if (g_str_equal (type, "multiple"))
    {
      JsonArray *records = json_array_new ();

      for (guint i = 0; i < run->targets->len; i++)
        json_array_add_object_element (records, with_appends (run, collection_name (run),
                                                              g_ptr_array_index (run->targets, i), bound->workflow));
      return data_context (sy_json_node_take_array (records));
    }

  if (g_str_equal (type, "single") && run->targets != NULL && run->targets->len == 1)
    {
      JsonObject *data = subject (run, bound, g_ptr_array_index (run->targets, 0));
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      if (data == NULL)
        return NULL;
      if (bound->association == NULL)
        {
          json_object_iter_init (&iter, run->values);
          while (json_object_iter_next (&iter, &name, &value))
            json_object_set_member (data, name, sy_json_node_deep_copy (value));
        }
      return data_context (sy_json_node_take_object (data));
    }

  return data_context (sy_json_node_take_object (sy_json_object_deep_copy (run->values)));
}

/* ── Stages ────────────────────────────────────────────────────────────── */

static gboolean
judge_settled (Run       *run,
               GPtrArray *list)
{
  g_autoptr(SyExecution) execution = g_steal_pointer (&run->settled);
  gboolean go_on;

  if (execution == NULL)
    return TRUE;

  go_on = judge (run, g_ptr_array_index (list, run->index), execution);
  run->index++;
  return go_on;
}

/* Runs the sync workflows of `list` from run->index; FALSE while waiting
 * or when one decided to stop. */
static gboolean
run_sync_bound (Run       *run,
                GPtrArray *list)
{
  if (run->settled != NULL && !judge_settled (run, list))
    return FALSE;

  for (; run->index < list->len; run->index++)
    {
      Bound *bound = g_ptr_array_index (list, run->index);
      g_autoptr(JsonNode) context = NULL;
      g_autoptr(SyExecution) execution = NULL;

      if (!sy_workflow_get_sync (bound->workflow) && bound->kind != BOUND_PRE)
        break; /* async ones come after the action */

      context = bound->kind == BOUND_PRE ? pre_action_context (run) : bound_context (run, bound);
      if (context == NULL)
        continue;

      if (!start_execution (run, bound->version_id, context, TRUE, TRUE, &execution))
        return FALSE;
      if (execution != NULL && !judge (run, bound, execution))
        {
          run->index++;
          return FALSE;
        }
    }

  return TRUE;
}

static void
write_record (Run *run)
{
  SyRecordAction *action = run->action;
  const char *name = collection_name (run);
  SyCollectionStore *writer;
  GError *error = NULL;
  SyRecordChange change;

  writer = sy_collection_runtime_writer (runtime (run), &error);
  if (writer == NULL)
    {
      fail (run, error);
      return;
    }

  switch (action->kind)
    {
    case SY_RECORD_ACTION_CREATE:
      run->record = sy_collection_store_insert (writer, name, run->values, &error);
      change = SY_RECORD_CREATED;
      break;
    case SY_RECORD_ACTION_UPDATE:
      run->record = sy_collection_store_update (writer, name, g_array_index (action->ids, gint64, 0), run->values,
                                                NULL, &error);
      change = SY_RECORD_UPDATED;
      break;
    case SY_RECORD_ACTION_DELETE:
    default:
      run->record = sy_collection_store_delete (writer, name, g_array_index (action->ids, gint64, 0), &error);
      change = SY_RECORD_DESTROYED;
      break;
    }

  if (run->record == NULL)
    {
      fail (run, error);
      return;
    }

  run->written = TRUE;
  sy_collection_runtime_changed (runtime (run), name);

  {
    g_autoptr(GPtrArray) matches = sy_collection_runtime_match (runtime (run), name, change, run->record, run->before);

    for (guint i = 0; i < matches->len; i++)
      {
        SyMatchedWorkflow *match = g_ptr_array_index (matches, i);

        g_ptr_array_add (sy_workflow_get_sync (match->workflow) ? run->sync_events : run->async_events,
                         g_steal_pointer (&matches->pdata[i]));
      }
    g_ptr_array_set_free_func (matches, NULL);
  }

  if (action->kind == SY_RECORD_ACTION_DELETE)
    run->outcome->deleted = g_array_index (action->ids, gint64, 0);
}

/* A sync post-action failed: the write is taken back. */
static void
undo_write (Run *run)
{
  g_autoptr(GError) error = NULL;
  SyCollectionStore *writer = sy_collection_runtime_writer (runtime (run), &error);
  gboolean ok = FALSE;

  if (writer != NULL && run->action->kind == SY_RECORD_ACTION_CREATE)
    {
      g_autoptr(JsonObject) gone = sy_collection_store_delete (writer, collection_name (run),
                                                               json_object_get_int_member (run->record, SY_RECORD_ID),
                                                               &error);

      ok = gone != NULL;
    }
  else if (writer != NULL && run->action->kind == SY_RECORD_ACTION_UPDATE)
    ok = sy_collection_store_put_record (writer, collection_name (run), run->before, &error);

  if (!ok)
    g_ptr_array_add (run->outcome->messages, g_strdup_printf (_("the change could not be taken back: %s"),
                                                              error != NULL ? error->message : "?"));
  run->written = FALSE;
  sy_collection_runtime_changed (runtime (run), collection_name (run));
}

static void
start_async (Run *run)
{
  if (!run->stop_bound)
    for (guint i = 0; i < run->bound->len; i++)
      {
        Bound *bound = g_ptr_array_index (run->bound, i);
        g_autoptr(JsonNode) context = NULL;
        g_autoptr(SyExecution) execution = NULL;

        if (sy_workflow_get_sync (bound->workflow))
          continue;
        context = bound_context (run, bound);
        if (context != NULL && !start_execution (run, bound->version_id, context, FALSE, FALSE, &execution))
          return;
      }

  for (guint i = 0; i < run->async_events->len; i++)
    {
      SyMatchedWorkflow *match = g_ptr_array_index (run->async_events, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(SyExecution) execution =
        _sy_engine_create_execution (run->engine, match->version_id, match->context, NULL, FALSE, &error);

      if (execution == NULL && !g_error_matches (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_SKIPPED))
        g_warning ("Workflow “%s” could not start: %s", sy_workflow_get_key (match->workflow), error->message);
    }
}

static void
advance (Run *run)
{
  while (!run->finished && !run->waiting)
    switch (run->stage)
      {
      case STAGE_PREPARE:
        prepare (run);
        break;

      case STAGE_PRE:
        if (!run_sync_bound (run, run->pre))
          {
            if (!run->waiting)
              run->stage = STAGE_DONE;
            break;
          }
        run->stage = STAGE_WRITE;
        run->index = 0;
        break;

      case STAGE_WRITE:
        write_record (run);
        run->stage = STAGE_EVENTS;
        break;

      case STAGE_EVENTS:
        /* Sync `collection` workflows see the write; their outcome is theirs. */
        if (run->settled != NULL)
          {
            g_clear_pointer (&run->settled, sy_execution_unref);
            run->index++;
          }
        for (; run->index < run->sync_events->len && !run->waiting && !run->finished; run->index++)
          {
            SyMatchedWorkflow *match = g_ptr_array_index (run->sync_events, run->index);
            g_autoptr(SyExecution) execution = NULL;
            g_autoptr(GError) error = NULL;

            execution = _sy_engine_create_execution (run->engine, match->version_id, match->context, NULL, TRUE, &error);
            if (execution == NULL && !g_error_matches (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_SKIPPED))
              g_warning ("Workflow “%s” could not start: %s", sy_workflow_get_key (match->workflow), error->message);
            if (execution != NULL && !_sy_engine_execution_is_settled (execution))
              {
                run->waiting = TRUE;
                _sy_engine_watch_execution (run->engine, execution, execution_settled, run_ref (run));
                break;
              }
          }
        if (!run->waiting)
          {
            run->stage = STAGE_BOUND_SYNC;
            run->index = 0;
          }
        break;

      case STAGE_BOUND_SYNC:
        if (!run_sync_bound (run, run->bound))
          {
            if (run->waiting)
              break;
            if (run->outcome->status == SY_ACTION_REFUSED && run->written)
              undo_write (run);
          }
        if (run->outcome->status == SY_ACTION_REFUSED)
          run->stage = STAGE_DONE;
        else
          run->stage = STAGE_ASYNC;
        break;

      case STAGE_ASYNC:
        start_async (run);
        run->stage = STAGE_DONE;
        break;

      case STAGE_DONE:
      default:
        /* What the caller sees is the record as the workflows left it. */
        if (run->written && run->action->kind != SY_RECORD_ACTION_DELETE)
          {
            g_autoptr(GError) error = NULL;
            JsonObject *now = sy_collection_store_get_record (store (run), collection_name (run),
                                                              json_object_get_int_member (run->record, SY_RECORD_ID),
                                                              NULL, &error);

            run->outcome->record = now != NULL ? now : json_object_ref (run->record);
          }
        else if (run->written)
          run->outcome->record = json_object_ref (run->record);
        run->finished = TRUE;
        break;
      }
}

/* ── Public entry ──────────────────────────────────────────────────────── */

void
sy_engine_run_action_async (SyEngine           *self,
                            SyRecordAction     *action,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  Run *run = g_new0 (Run, 1);

  g_return_if_fail (SY_IS_ENGINE (self));
  g_return_if_fail (action != NULL);

  run->ref_count = 1;
  run->engine = g_object_ref (self);
  run->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (run->task, sy_engine_run_action_async);
  run->action = sy_record_action_copy (action);
  run->pre = g_ptr_array_new_with_free_func ((GDestroyNotify) bound_free);
  run->bound = g_ptr_array_new_with_free_func ((GDestroyNotify) bound_free);
  run->sync_events = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_matched_workflow_free);
  run->async_events = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_matched_workflow_free);
  run->outcome = sy_action_outcome_new ();
  run->stage = STAGE_PREPARE;

  _sy_engine_run_in_pump (self, step_in_pump, step_done, run);
}

SyActionOutcome *
sy_engine_run_action_finish (SyEngine     *self,
                             GAsyncResult *result,
                             GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_run_action_async, error);
}
