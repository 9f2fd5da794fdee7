/* sy-node-people.c — assignees, forms and tasks of the people steps */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sy-engine-private.h"
#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-node-people.h"

static const char * const field_types[] = {
  "text", "multiline", "number", "switch", "date", "choice", NULL
};

static gboolean
is_assignee_value (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  return (type == G_TYPE_STRING && *json_node_get_string (node) != '\0') || type == G_TYPE_INT64;
}

void
sy_people_check_assignees (JsonObject   *config,
                           SyValidation *validation)
{
  JsonNode *assignees = json_object_get_member (config, "assignees");

  if (assignees == NULL || JSON_NODE_HOLDS_NULL (assignees))
    return; /* nobody: the node passes at once */

  if (JSON_NODE_HOLDS_ARRAY (assignees))
    {
      JsonArray *array = json_node_get_array (assignees);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!is_assignee_value (json_array_get_element (array, i)))
          {
            g_autofree char *path = g_strdup_printf ("assignees[%u]", i);

            sy_validation_add (validation, path, _("must be a person id or a variable"));
          }
    }
  else if (!is_assignee_value (assignees))
    sy_validation_add (validation, "assignees",
                       _("must be a person id, a variable, or a list of them"));
}

static void
check_form_field (JsonNode     *node,
                  SyValidation *validation)
{
  JsonObject *field;
  const char *name;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      sy_validation_add (validation, NULL, _("must be an object {name, label, type, …}"));
      return;
    }

  field = json_node_get_object (node);
  name = sy_object_get_string (field, "name", NULL);
  if (name == NULL || *name == '\0')
    sy_validation_add (validation, "name", _("a field needs a name"));
  sy_check_choice (field, "type", field_types, "text", validation);
  sy_check_boolean (field, "required", validation);

  if (g_strcmp0 (sy_object_get_string (field, "type", NULL), "choice") == 0)
    {
      JsonNode *options = json_object_get_member (field, "options");

      if (options == NULL || !JSON_NODE_HOLDS_ARRAY (options) ||
          json_array_get_length (json_node_get_array (options)) == 0)
        sy_validation_add (validation, "options", _("a choice field needs a list of options"));
    }
}

void
sy_people_check_form (JsonObject   *object,
                      SyValidation *validation)
{
  JsonNode *form = json_object_get_member (object, "form");
  g_autoptr(GHashTable) names = NULL;
  JsonArray *array;

  if (form == NULL || JSON_NODE_HOLDS_NULL (form))
    return;

  if (!JSON_NODE_HOLDS_ARRAY (form))
    {
      sy_validation_add (validation, "form", _("must be a list of fields"));
      return;
    }

  array = json_node_get_array (form);
  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (element)
        ? sy_object_get_string (json_node_get_object (element), "name", NULL) : NULL;

      sy_validation_push (validation, "form[%u]", i);
      check_form_field (element, validation);
      if (name != NULL && !g_hash_table_add (names, (gpointer) name))
        sy_validation_add (validation, "name", _("another field is already named “%s”"), name);
      sy_validation_pop (validation);
    }
}

JsonNode *
sy_people_form_defaults (JsonNode *form)
{
  g_autoptr(JsonObject) values = json_object_new ();

  if (form != NULL && JSON_NODE_HOLDS_ARRAY (form))
    {
      JsonArray *array = json_node_get_array (form);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *field;
          const char *name;
          JsonNode *value;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          field = json_node_get_object (element);
          name = sy_object_get_string (field, "name", NULL);
          value = json_object_get_member (field, "default");
          if (name != NULL)
            json_object_set_member (values, name,
                                    value ? json_node_copy (value) : json_node_new (JSON_NODE_NULL));
        }
    }

  return sy_json_node_take_object (g_steal_pointer (&values));
}

static gboolean
collect_into (JsonNode    *node,
              GPtrArray   *ids,
              GHashTable  *seen,
              GError     **error)
{
  g_autofree char *id = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!collect_into (json_array_get_element (array, i), ids, seen, error))
          return FALSE;
      return TRUE;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    return collect_into (json_object_get_member (json_node_get_object (node), "id"), ids, seen, error);

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    id = g_strdup (json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    {
      g_autofree char *shown = json_to_string (node, FALSE);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("assignees: %s is not a person id"), shown);
      return FALSE;
    }

  if (*id == '\0')
    return TRUE;
  if (g_hash_table_add (seen, id))
    g_ptr_array_add (ids, g_strdup (id));
  id = NULL; /* owned by `seen` now (or freed by it when a duplicate) */
  return TRUE;
}

GPtrArray *
sy_people_collect (JsonNode  *assignees,
                   GError   **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!collect_into (assignees, ids, seen, error))
    return NULL;

  return g_steal_pointer (&ids);
}

const char *
sy_people_task_title (SyRun *run)
{
  const char *title = sy_run_get_string (run, "title", NULL);
  SyNode *node = sy_run_get_node (run);

  if (title != NULL && *title != '\0')
    return title;
  if (sy_node_get_title (node) != NULL && *sy_node_get_title (node) != '\0')
    return sy_node_get_title (node);
  return sy_node_get_key (node);
}

GArray *
sy_people_create_tasks (SyRun         *run,
                        const char    *type,
                        GPtrArray     *assignees,
                        JsonNode      *form,
                        SyTaskStatus   status,
                        GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  SyExecution *execution = sy_run_get_execution (run);
  SyNode *node = sy_run_get_node (run);
  gint64 job_id = sy_run_save_job (run, error);
  const char *title = sy_people_task_title (run);
  gint64 now = sy_now_ms ();

  if (job_id == 0)
    return NULL;

  for (guint i = 0; i < assignees->len; i++)
    {
      g_autoptr(SyTask) task = sy_task_new ();

      task->execution_id = execution->id;
      task->job_id = job_id;
      task->workflow_key = g_strdup (execution->workflow_key);
      task->node_key = g_strdup (sy_node_get_key (node));
      task->type = g_strdup (type);
      task->title = g_strdup (title);
      task->assignee = g_strdup (g_ptr_array_index (assignees, i));
      task->status = status;
      task->form = form ? json_node_copy (form) : NULL;
      task->created_at = task->updated_at = now;

      if (!sy_store_insert_task (sy_run_get_store (run), task, error))
        return NULL;
      g_array_append_val (ids, task->id);
    }

  if (assignees->len > 0)
    _sy_engine_note_tasks_changed (sy_run_get_engine (run));

  return g_steal_pointer (&ids);
}

gboolean
sy_people_withdraw_tasks (SyRun   *run,
                          GError **error)
{
  SyJob *job = sy_run_get_job (run);

  if (job->id == 0)
    return TRUE; /* never stored: no task points at it */

  if (!sy_store_withdraw_job_tasks (sy_run_get_store (run), job->id, error))
    return FALSE;

  _sy_engine_note_tasks_changed (sy_run_get_engine (run));
  return TRUE;
}

void
sy_people_abort (SyRun *run)
{
  g_autoptr(GError) error = NULL;

  if (!sy_people_withdraw_tasks (run, &error))
    g_warning ("Could not withdraw the tasks of job %" G_GINT64_FORMAT ": %s",
               sy_run_get_job (run)->id, error->message);
}

SyStep
sy_people_resume_branch (SyRun *run,
                         SyJob *branch_job)
{
  SyJob *job = sy_run_get_job (run);
  JsonNode *result = job->result != NULL ? json_node_copy (job->result) : NULL;

  if (branch_job->status == SY_STATUS_RESOLVED)
    return sy_run_resolve (run, result);

  return sy_run_finish (run, branch_job->status, result);
}

SyStep
sy_people_recover (SyRun *run)
{
  return sy_run_wait (run);
}
