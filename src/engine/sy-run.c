/* sy-run.c — what a node sees while it runs or resumes */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-engine-private.h"
#include "sy-json.h"
#include "sy-expression.h"
#include "sy-processor.h"
#include "sy-run-private.h"
#include "sy-template.h"

void
sy_run_init (SyRun            *run,
             SyProcessor      *processor,
             SyEngine         *engine,
             SyWorkflow       *workflow,
             SyExecution      *execution,
             SyVariables      *variables,
             SyNode           *node,
             const SyNodeKind *kind,
             SyJob            *job,
             SyJob            *previous)
{
  memset (run, 0, sizeof *run);
  run->processor = processor;
  run->engine = engine;
  run->workflow = workflow;
  run->execution = execution;
  run->variables = variables;
  run->node = node;
  run->kind = kind;
  run->job = job;
  run->previous = previous;
  run->sync = sy_workflow_get_sync (workflow);
}

void
sy_run_clear (SyRun *run)
{
  g_clear_pointer (&run->config, json_object_unref);
  g_clear_pointer (&run->branches, g_ptr_array_unref);
  g_clear_pointer (&run->after_commit, g_ptr_array_unref);
  g_clear_pointer (&run->output, json_node_unref);
}

SyNode *
sy_run_get_node (SyRun *run)
{
  return run->node;
}

SyWorkflow *
sy_run_get_workflow (SyRun *run)
{
  return run->workflow;
}

SyExecution *
sy_run_get_execution (SyRun *run)
{
  return run->execution;
}

SyJob *
sy_run_get_job (SyRun *run)
{
  return run->job;
}

SyJob *
sy_run_get_previous_job (SyRun *run)
{
  return run->previous;
}

SyVariables *
sy_run_get_variables (SyRun *run)
{
  return run->variables;
}

SyEngine *
sy_run_get_engine (SyRun *run)
{
  return run->engine;
}

gboolean
sy_run_is_sync (SyRun *run)
{
  return run->sync;
}

JsonObject *
sy_run_get_config (SyRun   *run,
                   GError **error)
{
  if (run->config == NULL)
    {
      g_autoptr(JsonNode) raw = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) rendered = NULL;

      json_node_set_object (raw, sy_node_get_config (run->node));
      rendered = sy_template_render (raw, run->variables, error);
      if (rendered == NULL)
        return NULL;
      if (!JSON_NODE_HOLDS_OBJECT (rendered))
        {
          g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                       _("the node's configuration is not an object"));
          return NULL;
        }
      run->config = json_object_ref (json_node_get_object (rendered));

      /* Keep what the node ran with, for inspection. */
      g_clear_pointer (&run->job->config, json_node_unref);
      run->job->config = json_node_ref (rendered);
    }

  return run->config;
}

static JsonNode *
config_member (SyRun      *run,
               const char *member)
{
  JsonObject *config = sy_run_get_config (run, NULL);
  JsonNode *node;

  if (config == NULL)
    return NULL;

  node = json_object_get_member (config, member);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

const char *
sy_run_get_string (SyRun      *run,
                   const char *member,
                   const char *fallback)
{
  JsonNode *node = config_member (run, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;

  return json_node_get_string (node);
}

static gboolean
node_to_double (JsonNode *node,
                double   *value)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *value = json_node_get_boolean (node) ? 1 : 0;
      return TRUE;
    }

  return sy_json_node_get_number (node, value);
}

gint64
sy_run_get_int (SyRun      *run,
                const char *member,
                gint64      fallback)
{
  double value;

  if (!node_to_double (config_member (run, member), &value))
    return fallback;

  return (gint64) value;
}

double
sy_run_get_double (SyRun      *run,
                   const char *member,
                   double      fallback)
{
  double value;

  if (!node_to_double (config_member (run, member), &value))
    return fallback;

  return value;
}

gboolean
sy_run_get_boolean (SyRun      *run,
                    const char *member,
                    gboolean    fallback)
{
  JsonNode *node = config_member (run, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;

  return json_node_get_boolean (node);
}

JsonNode *
sy_run_evaluate (SyRun      *run,
                 const char *engine,
                 const char *expression,
                 JsonNode   *input,
                 GError    **error)
{
  g_autoptr(SyExpression) compiled = NULL;

  compiled = sy_expression_compile (engine, expression, error);
  if (compiled == NULL)
    return NULL;

  if (input != NULL)
    return sy_expression_evaluate_with_input (compiled, run->variables, input, error);

  return sy_expression_evaluate (compiled, run->variables, error);
}

JsonObject *
sy_run_get_meta (SyRun *run)
{
  if (run->job->meta == NULL || !JSON_NODE_HOLDS_OBJECT (run->job->meta))
    {
      g_clear_pointer (&run->job->meta, json_node_unref);
      run->job->meta = sy_json_node_take_object (json_object_new ());
    }

  return json_node_get_object (run->job->meta);
}

void
sy_run_append_log (SyRun      *run,
                   const char *format,
                   ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  if (run->job->log == NULL)
    run->job->log = g_strconcat (line, "\n", NULL);
  else
    {
      char *joined = g_strconcat (run->job->log, line, "\n", NULL);

      g_free (run->job->log);
      run->job->log = joined;
    }
}

SyStep
sy_run_finish (SyRun    *run,
               SyStatus  status,
               JsonNode *result)
{
  g_return_val_if_fail (status != SY_STATUS_PENDING, SY_STEP_DONE);

  g_clear_pointer (&run->job->result, json_node_unref);
  run->job->result = result;
  run->job->status = status;

  return SY_STEP_DONE;
}

SyStep
sy_run_resolve (SyRun    *run,
                JsonNode *result)
{
  return sy_run_finish (run, SY_STATUS_RESOLVED, result);
}

static JsonNode *
message_result (const char *message)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "message", message);

  return sy_json_node_take_object (object);
}

SyStep
sy_run_error (SyRun      *run,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  sy_run_append_log (run, "%s", message);

  return sy_run_finish (run, SY_STATUS_ERROR, message_result (message));
}

SyStep
sy_run_error_from_gerror (SyRun        *run,
                          const GError *error)
{
  return sy_run_error (run, "%s", error->message);
}

SyStep
sy_run_exit (SyRun    *run,
             SyStatus  status,
             JsonNode *result)
{
  sy_run_finish (run, status, result);

  return SY_STEP_EXIT;
}

SyStep
sy_run_go_back (SyRun    *run,
                SyNode   *target,
                SyStatus  status,
                JsonNode *result)
{
  sy_run_finish (run, status, result);
  run->go_back = target;

  return SY_STEP_GO_BACK;
}

SyStep
sy_run_wait (SyRun *run)
{
  run->job->status = SY_STATUS_PENDING;

  return SY_STEP_WAIT;
}

void
sy_run_set_output (SyRun    *run,
                   JsonNode *output)
{
  g_clear_pointer (&run->output, json_node_unref);
  run->output = output ? json_node_copy (output) : NULL;
  run->has_output = TRUE;
}

gboolean
sy_run_start_branch (SyRun      *run,
                     const char *branch)
{
  if (sy_node_get_branch_head (run->node, branch) == NULL)
    return FALSE;

  if (run->branches == NULL)
    run->branches = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (run->branches, g_strdup (branch));

  return TRUE;
}

void
sy_run_after_commit (SyRun               *run,
                     SyRunAfterCommitFunc func,
                     gpointer             user_data,
                     GDestroyNotify       destroy)
{
  SyAfterCommit *action = g_new0 (SyAfterCommit, 1);

  action->func = func;
  action->data = user_data;
  action->destroy = destroy;
  action->execution_id = run->execution->id;

  if (run->after_commit == NULL)
    run->after_commit = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_after_commit_free);
  g_ptr_array_add (run->after_commit, action);
}

void
sy_run_arm_timer (SyRun *run,
                  gint64 due_ms)
{
  run->timer_due = due_ms;
}

SyStore *
sy_run_get_store (SyRun *run)
{
  return sy_processor_get_store (run->processor);
}

gint64
sy_run_save_job (SyRun   *run,
                 GError **error)
{
  if (!sy_processor_save_job (run->processor, run->job, error))
    return 0;

  return run->job->id;
}

GCancellable *
sy_run_get_cancellable (SyRun *run)
{
  return _sy_engine_get_execution_cancellable (run->engine, run->execution->id);
}
