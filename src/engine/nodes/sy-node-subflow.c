/* sy-node-subflow.c — runs another workflow and returns its output
 *
 * The child starts after this pending job is committed; the engine resumes
 * the job when the child ends, in the same transaction. A child that fails
 * gives its status to this job. The stack limit and unknown keys are
 * refused by the engine, which resumes us with {error}.
 *
 * Sync workflows may only call sync workflows. A node cannot see other
 * workflows while it is validated, so a sync caller checks the callee's
 * current version in a read-only store connection before starting it and
 * ends with an error when it is async.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sy-engine.h"
#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"
#include "sy-store.h"

static const SyFieldSpec fields[] = {
  { "workflow", N_("Workflow"), SY_FIELD_TEXT,
    N_("The key of the workflow to run; its current version runs, even when disabled."),
    NULL, NULL, NULL, NULL, TRUE, TRUE, NULL },
  { "context", N_("Input"), SY_FIELD_JSON,
    N_("An object passed to the workflow as its $context."),
    "json", NULL, NULL, "{}", FALSE, TRUE, NULL },
  { NULL },
};

static gboolean
is_workflow_key (const char *key)
{
  gsize length = strlen (key);

  if (length == 0 || length > 64 || !(g_ascii_islower (key[0]) || g_ascii_isdigit (key[0])))
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

static void
subflow_validate (SyNode       *node,
                  SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);
  const char *key = sy_object_get_string (config, "workflow", NULL);
  JsonNode *context = json_object_get_member (config, "context");

  sy_validation_push (validation, "config");

  if (key == NULL || key[0] == '\0')
    sy_validation_add (validation, "workflow", _("the workflow to run is required"));
  else if (strstr (key, "{{") == NULL && !is_workflow_key (key))
    sy_validation_add (validation, "workflow",
                       _("“%s” is not a workflow key (lower-case letters, digits, _ and -)"), key);

  if (context != NULL && !JSON_NODE_HOLDS_NULL (context) && !JSON_NODE_HOLDS_OBJECT (context) &&
      !(JSON_NODE_HOLDS_VALUE (context) && json_node_get_value_type (context) == G_TYPE_STRING &&
        strstr (json_node_get_string (context), "{{") != NULL))
    sy_validation_add (validation, "context", _("must be an object"));

  sy_validation_pop (validation);
}

typedef struct
{
  char     *key;
  JsonNode *context;
  gboolean  sync;
} Child;

static void
child_free (gpointer data)
{
  Child *child = data;

  g_free (child->key);
  g_clear_pointer (&child->context, json_node_unref);
  g_free (child);
}

static void
resume_with_error (SyEngine   *engine,
                   gint64      job_id,
                   const char *message)
{
  g_autoptr(JsonNode) payload = sy_json_node_take_object (json_object_new ());

  json_object_set_string_member (json_node_get_object (payload), "error", message);
  sy_engine_resume_job (engine, job_id, payload);
}

/* A sync caller must not wait for an async callee. NULL when fine. */
static char *
check_callee_mode (SyEngine   *engine,
                   const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyStore) reader = sy_engine_open_reader (engine, &error);
  g_autoptr(SyVersionRow) row = NULL;

  if (reader == NULL)
    return g_strdup_printf (_("could not look up workflow “%s”: %s"), key, error->message);

  row = sy_store_get_version (reader, key, 0, NULL);
  if (row != NULL && !row->sync)
    return g_strdup_printf (_("workflow “%s” is asynchronous; a synchronous workflow can only "
                              "call synchronous workflows"), key);

  /* An unknown key is reported by the engine itself. */
  return NULL;
}

static void
start_child (SyEngine *engine,
             gint64    execution_id,
             gint64    job_id,
             gpointer  data)
{
  Child *child = data;
  g_autofree char *problem = child->sync ? check_callee_mode (engine, child->key) : NULL;

  if (problem != NULL)
    resume_with_error (engine, job_id, problem);
  else
    sy_engine_start_child (engine, execution_id, job_id, child->key, child->context);
}

static SyStep
subflow_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  const char *key;
  JsonNode *context;
  Child *child;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  key = sy_run_get_string (run, "workflow", NULL);
  if (key == NULL || !is_workflow_key (key))
    return sy_run_error (run, _("“%s” is not a workflow key"), key ? key : "");

  context = json_object_get_member (config, "context");
  if (context != NULL && !JSON_NODE_HOLDS_NULL (context) && !JSON_NODE_HOLDS_OBJECT (context))
    return sy_run_error (run, _("the input of a workflow must be an object, not %s"),
                         json_node_type_name (context));

  child = g_new0 (Child, 1);
  child->key = g_strdup (key);
  child->context = context && JSON_NODE_HOLDS_OBJECT (context) ? sy_json_node_deep_copy (context) : NULL;
  child->sync = sy_run_is_sync (run);

  sy_run_after_commit (run, start_child, child, child_free);
  return sy_run_wait (run);
}

static SyStep
subflow_resume (SyRun    *run,
                JsonNode *payload)
{
  JsonObject *object = payload && JSON_NODE_HOLDS_OBJECT (payload) ? json_node_get_object (payload) : NULL;
  g_autoptr(JsonObject) result = NULL;
  const char *error, *status_text, *reason;
  g_autofree char *message = NULL;
  JsonNode *output;
  SyStatus status;

  if (object == NULL)
    return sy_run_error (run, _("the called workflow ended without a report"));

  error = sy_object_get_string (object, "error", NULL);
  if (error != NULL)
    return sy_run_error (run, "%s", error);

  status_text = sy_object_get_string (object, "status", "error");
  if (!sy_status_from_string (status_text, &status) || status == SY_STATUS_PENDING ||
      status == SY_STATUS_QUEUEING)
    return sy_run_error (run, _("the called workflow reported status “%s”"), status_text);

  output = json_object_get_member (object, "output");
  if (status == SY_STATUS_RESOLVED)
    return sy_run_resolve (run, output ? json_node_copy (output) : NULL);

  reason = sy_object_get_string (object, "reason", NULL);
  message = reason != NULL
            ? g_strdup_printf (_("the called workflow ended with status %s: %s"), status_text, reason)
            : g_strdup_printf (_("the called workflow ended with status %s"), status_text);
  sy_run_append_log (run, "%s", message);

  result = json_object_new ();
  json_object_set_int_member (result, "execution", json_object_get_int_member_with_default (object, "execution", 0));
  json_object_set_string_member (result, "status", status_text);
  json_object_set_string_member (result, "message", message);

  return sy_run_finish (run, status, sy_json_node_take_object (g_steal_pointer (&result)));
}

/* After a restart: a child that was started ends by itself and resumes this
 * job; one that never started (the process stopped between our commit and
 * the child's) is started now. */
static SyStep
subflow_recover (SyRun *run)
{
  SyEngine *engine = sy_run_get_engine (run);
  gint64 job_id = sy_run_get_job (run)->id;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyStore) reader = sy_engine_open_reader (engine, &error);
  g_autoptr(GPtrArray) children = NULL;

  if (reader == NULL)
    return sy_run_error_from_gerror (run, error);

  children = sy_store_list_child_executions (reader, sy_run_get_execution (run)->id, &error);
  if (children == NULL)
    return sy_run_error_from_gerror (run, error);

  for (guint i = 0; i < children->len; i++)
    if (((SyExecution *) g_ptr_array_index (children, i))->parent_job_id == job_id)
      return sy_run_wait (run);

  return subflow_run (run);
}

static const SyNodeKind kind = {
  .type = "subflow",
  .title = N_("Run a workflow"),
  .description = N_("Run another workflow and use its output"),
  .category = "workflow",
  .icon_name = "media-playlist-consecutive-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = subflow_validate,
  .run = subflow_run,
  .resume = subflow_resume,
  .recover = subflow_recover,
};

const SyNodeKind *
sy_node_subflow_get_kind (void)
{
  return &kind;
}
