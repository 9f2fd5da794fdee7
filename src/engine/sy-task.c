/* sy-task.c — tasks and people as plain records */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "sy-records.h"
#include "sy-task.h"

static void
sy_task_clear (SyTask *task)
{
  g_clear_pointer (&task->workflow_key, g_free);
  g_clear_pointer (&task->node_key, g_free);
  g_clear_pointer (&task->type, g_free);
  g_clear_pointer (&task->title, g_free);
  g_clear_pointer (&task->assignee, g_free);
  g_clear_pointer (&task->form, json_node_unref);
  g_clear_pointer (&task->values, json_node_unref);
  g_clear_pointer (&task->action, g_free);
  g_clear_pointer (&task->comment, g_free);
}

SyTask *
sy_task_new (void)
{
  return g_atomic_rc_box_new0 (SyTask);
}

SyTask *
sy_task_ref (SyTask *task)
{
  g_return_val_if_fail (task != NULL, NULL);

  return g_atomic_rc_box_acquire (task);
}

void
sy_task_unref (SyTask *task)
{
  g_return_if_fail (task != NULL);

  g_atomic_rc_box_release_full (task, (GDestroyNotify) sy_task_clear);
}

G_DEFINE_BOXED_TYPE (SyTask, sy_task, sy_task_ref, sy_task_unref)

const char *
sy_task_status_to_string (SyTask *task)
{
  gboolean notice = g_strcmp0 (task->type, "cc") == 0;

  switch (task->status)
    {
    case SY_TASK_STATUS_PENDING:
      return notice ? "unread" : "pending";
    case SY_TASK_STATUS_RESOLVED:
      return notice ? "read" : "resolved";
    case SY_TASK_STATUS_REJECTED:
      return "rejected";
    case SY_TASK_STATUS_WITHDRAWN:
      return "withdrawn";
    case SY_TASK_STATUS_RETURNED:
      return "returned";
    case SY_TASK_STATUS_HANDED_OVER:
      return "handed-over";
    default:
      return "unknown";
    }
}

static void
add_time (JsonObject *object,
          const char *member,
          gint64      ms)
{
  g_autofree char *text = sy_format_timestamp (ms);

  if (text != NULL)
    json_object_set_string_member (object, member, text);
  else
    json_object_set_null_member (object, member);
}

static void
add_string_or_null (JsonObject *object,
                    const char *member,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static void
add_json_or_null (JsonObject *object,
                  const char *member,
                  JsonNode   *value)
{
  if (value != NULL)
    json_object_set_member (object, member, json_node_copy (value));
  else
    json_object_set_null_member (object, member);
}

JsonNode *
sy_task_to_json (SyTask *task)
{
  JsonObject *object = json_object_new ();
  JsonNode *node;

  json_object_set_int_member (object, "id", task->id);
  json_object_set_int_member (object, "execution", task->execution_id);
  add_string_or_null (object, "workflow", task->workflow_key);
  add_string_or_null (object, "node", task->node_key);
  add_string_or_null (object, "type", task->type);
  add_string_or_null (object, "title", task->title);
  add_string_or_null (object, "assignee", task->assignee);
  json_object_set_string_member (object, "status", sy_task_status_to_string (task));
  if (task->form != NULL)
    json_object_set_member (object, "form", json_node_copy (task->form));
  else
    json_object_set_array_member (object, "form", json_array_new ());
  add_json_or_null (object, "values", task->values);
  add_string_or_null (object, "action", task->action);
  add_string_or_null (object, "comment", task->comment);
  add_time (object, "created_at", task->created_at);
  add_time (object, "updated_at", task->updated_at);

  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return node;
}

static gboolean
is_empty (JsonNode *value)
{
  return value == NULL || JSON_NODE_HOLDS_NULL (value) ||
         (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING &&
          *json_node_get_string (value) == '\0');
}

gboolean
sy_form_check_required (JsonNode  *form,
                        JsonNode  *values,
                        GError   **error)
{
  JsonObject *object = values != NULL && JSON_NODE_HOLDS_OBJECT (values) ? json_node_get_object (values) : NULL;
  JsonArray *fields;

  if (form == NULL || !JSON_NODE_HOLDS_ARRAY (form))
    return TRUE;

  fields = json_node_get_array (form);
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonNode *element = json_array_get_element (fields, i);
      JsonObject *field;
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      field = json_node_get_object (element);
      name = json_object_get_string_member_with_default (field, "name", NULL);
      if (name == NULL || !json_object_get_boolean_member_with_default (field, "required", FALSE))
        continue;

      if (object == NULL || is_empty (json_object_get_member (object, name)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("the field “%s” is required"),
                       json_object_get_string_member_with_default (field, "label", name));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
sy_task_check_required (SyTask    *task,
                        JsonNode  *values,
                        GError   **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, task->id);

  if (sy_form_check_required (task->form, values, error))
    return TRUE;

  g_prefix_error (error, _("task %s: "), id);
  return FALSE;
}

void
sy_person_free (SyPerson *person)
{
  if (person == NULL)
    return;

  g_free (person->id);
  g_free (person->name);
  g_free (person->email);
  g_free (person);
}

const char *
sy_person_name_of (GPtrArray  *people,
                   const char *id)
{
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      SyPerson *person = g_ptr_array_index (people, i);

      if (g_strcmp0 (person->id, id) == 0)
        return person->name != NULL && *person->name != '\0' ? person->name : person->id;
    }

  return id;
}

static gboolean
is_email (const char *text)
{
  const char *at = strchr (text, '@');

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return FALSE;

  return at != NULL && at != text && at[1] != '\0' && strchr (at + 1, '@') == NULL;
}

gboolean
sy_person_check (const char  *id,
                 const char  *name,
                 const char  *email,
                 GError     **error)
{
  g_autofree char *trimmed_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *trimmed_email = g_strstrip (g_strdup (email != NULL ? email : ""));

  if (*trimmed_name == '\0' && g_strcmp0 (id, "me") != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("a person needs a name"));
      return FALSE;
    }
  if (*trimmed_email != '\0' && !is_email (trimmed_email))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not an email address"), trimmed_email);
      return FALSE;
    }

  return TRUE;
}
