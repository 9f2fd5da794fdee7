/* sy-records.c — executions and jobs as plain records */
#include "config.h"

#include "sy-records.h"
#include "sy-json.h"

/* The records carry no refcount field: they live in atomic refcounted boxes
 * so that the public structs stay plain data. */

static void
sy_job_clear (SyJob *job)
{
  g_clear_pointer (&job->node_key, g_free);
  g_clear_pointer (&job->node_type, g_free);
  g_clear_pointer (&job->branch, g_free);
  g_clear_pointer (&job->result, json_node_unref);
  g_clear_pointer (&job->meta, json_node_unref);
  g_clear_pointer (&job->config, json_node_unref);
  g_clear_pointer (&job->log, g_free);
}

SyJob *
sy_job_new (void)
{
  SyJob *job = g_atomic_rc_box_new0 (SyJob);

  job->status = SY_STATUS_PENDING;
  return job;
}

SyJob *
sy_job_ref (SyJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);

  return g_atomic_rc_box_acquire (job);
}

void
sy_job_unref (SyJob *job)
{
  g_return_if_fail (job != NULL);

  g_atomic_rc_box_release_full (job, (GDestroyNotify) sy_job_clear);
}

G_DEFINE_BOXED_TYPE (SyJob, sy_job, sy_job_ref, sy_job_unref)

SyJob *
sy_job_copy (SyJob *job)
{
  SyJob *copy = sy_job_new ();

  *copy = *job;
  copy->node_key = g_strdup (job->node_key);
  copy->node_type = g_strdup (job->node_type);
  copy->branch = g_strdup (job->branch);
  copy->result = sy_json_node_deep_copy (job->result);
  copy->meta = sy_json_node_deep_copy (job->meta);
  copy->config = sy_json_node_deep_copy (job->config);
  copy->log = g_strdup (job->log);
  return copy;
}

static void
sy_execution_clear (SyExecution *execution)
{
  g_clear_pointer (&execution->workflow_key, g_free);
  g_clear_pointer (&execution->event_key, g_free);
  g_clear_pointer (&execution->reason, g_free);
  g_clear_pointer (&execution->context, json_node_unref);
  g_clear_pointer (&execution->output, json_node_unref);
  g_clear_pointer (&execution->stack, json_node_unref);
  g_clear_pointer (&execution->jobs, g_ptr_array_unref);
}

SyExecution *
sy_execution_new (void)
{
  SyExecution *execution = g_atomic_rc_box_new0 (SyExecution);

  execution->status = SY_STATUS_QUEUEING;
  return execution;
}

SyExecution *
sy_execution_ref (SyExecution *execution)
{
  g_return_val_if_fail (execution != NULL, NULL);

  return g_atomic_rc_box_acquire (execution);
}

void
sy_execution_unref (SyExecution *execution)
{
  g_return_if_fail (execution != NULL);

  g_atomic_rc_box_release_full (execution, (GDestroyNotify) sy_execution_clear);
}

G_DEFINE_BOXED_TYPE (SyExecution, sy_execution, sy_execution_ref, sy_execution_unref)

SyExecution *
sy_execution_snapshot (SyExecution *execution)
{
  SyExecution *copy = sy_execution_new ();

  *copy = *execution;
  copy->workflow_key = g_strdup (execution->workflow_key);
  copy->event_key = g_strdup (execution->event_key);
  copy->reason = g_strdup (execution->reason);
  copy->context = sy_json_node_deep_copy (execution->context);
  copy->output = sy_json_node_deep_copy (execution->output);
  copy->stack = sy_json_node_deep_copy (execution->stack);
  copy->jobs = NULL;
  return copy;
}

void
sy_execution_add_response_messages (SyExecution *execution,
                                    GPtrArray   *messages)
{
  for (guint i = 0; execution->jobs != NULL && i < execution->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (execution->jobs, i);

      if (g_strcmp0 (job->node_type, "response-message") == 0 && job->status == SY_STATUS_RESOLVED &&
          job->result != NULL && JSON_NODE_HOLDS_VALUE (job->result) &&
          json_node_get_value_type (job->result) == G_TYPE_STRING)
        g_ptr_array_add (messages, g_strdup (json_node_get_string (job->result)));
    }
}

char *
sy_format_timestamp (gint64 ms)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *seconds = NULL;
  gint64 whole;
  gint64 millis;

  if (ms == 0)
    return NULL;

  /* Floor division, so that times before 1970 keep positive milliseconds. */
  whole = ms / 1000;
  millis = ms % 1000;
  if (millis < 0)
    {
      whole -= 1;
      millis += 1000;
    }

  time = g_date_time_new_from_unix_utc (whole);
  if (time == NULL)
    return NULL;

  seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, (int) millis);
}

gint64
sy_now_ms (void)
{
  return g_get_real_time () / 1000;
}

static void
builder_add_timestamp (JsonBuilder *builder,
                       const char  *member,
                       gint64       ms)
{
  g_autofree char *text = sy_format_timestamp (ms);

  json_builder_set_member_name (builder, member);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

/* Ids of 0 mean "none" in the records and null in documents. */
static void
builder_add_id (JsonBuilder *builder,
                const char  *member,
                gint64       id)
{
  json_builder_set_member_name (builder, member);
  if (id != 0)
    json_builder_add_int_value (builder, id);
  else
    json_builder_add_null_value (builder);
}

static void
builder_add_string_or_null (JsonBuilder *builder,
                            const char  *member,
                            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* json_builder_add_value() takes ownership, so the record keeps its own. */
static void
builder_add_json (JsonBuilder *builder,
                  const char  *member,
                  JsonNode    *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_value (builder, json_node_copy (value));
  else
    json_builder_add_null_value (builder);
}

static void
build_job (JsonBuilder *builder,
           SyJob       *job)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, job->id);
  builder_add_string_or_null (builder, "node", job->node_key);
  builder_add_string_or_null (builder, "type", job->node_type);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, sy_status_to_string (job->status, TRUE));
  builder_add_json (builder, "result", job->result);
  builder_add_timestamp (builder, "started_at", job->started_at);
  builder_add_timestamp (builder, "finished_at", job->finished_at);
  /* Extensions to the spec's job object, for inspecting a run. */
  builder_add_id (builder, "upstream", job->upstream_id);
  builder_add_string_or_null (builder, "branch", job->branch);
  builder_add_json (builder, "config", job->config);
  builder_add_string_or_null (builder, "log", job->log);
  json_builder_end_object (builder);
}

JsonNode *
sy_job_to_json (SyJob *job)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (job != NULL, NULL);

  build_job (builder, job);
  return json_builder_get_root (builder);
}

JsonNode *
sy_execution_to_json (SyExecution *execution)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (execution != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, execution->id);
  builder_add_string_or_null (builder, "workflow", execution->workflow_key);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, execution->version);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, sy_status_to_string (execution->status, FALSE));
  builder_add_string_or_null (builder, "reason", execution->reason);
  json_builder_set_member_name (builder, "manually");
  json_builder_add_boolean_value (builder, execution->manually);
  builder_add_json (builder, "context", execution->context);
  builder_add_json (builder, "output", execution->output);
  builder_add_timestamp (builder, "created_at", execution->created_at);
  builder_add_timestamp (builder, "started_at", execution->started_at);
  builder_add_timestamp (builder, "finished_at", execution->finished_at);
  /* Extensions to the spec's execution document. */
  builder_add_timestamp (builder, "expires_at", execution->expires_at);
  builder_add_id (builder, "parent_execution", execution->parent_execution_id);
  builder_add_id (builder, "retry_of", execution->retry_of);

  /* Listings carry no jobs: the member is left out rather than empty. */
  if (execution->jobs != NULL)
    {
      json_builder_set_member_name (builder, "jobs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < execution->jobs->len; i++)
        build_job (builder, g_ptr_array_index (execution->jobs, i));
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
