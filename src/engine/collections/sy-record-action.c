/* sy-record-action.c — what a data view button asks for, and what came of it */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "collections/sy-engine-collections.h"
#include "collections/sy-record-action-private.h"
#include "sy-json.h"

G_DEFINE_BOXED_TYPE (SyRecordAction, sy_record_action, sy_record_action_copy, sy_record_action_free)
G_DEFINE_BOXED_TYPE (SyActionOutcome, sy_action_outcome, sy_action_outcome_copy, sy_action_outcome_free)

static void
binding_free (SyBinding *binding)
{
  g_free (binding->workflow);
  g_free (binding->association);
  g_free (binding);
}

SyRecordAction *
sy_record_action_new (SyRecordActionKind kind,
                      const char        *collection)
{
  SyRecordAction *self = g_new0 (SyRecordAction, 1);

  self->kind = kind;
  self->collection = g_strdup (collection);
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->bindings = g_ptr_array_new_with_free_func ((GDestroyNotify) binding_free);

  return self;
}

SyRecordAction *
sy_record_action_copy (SyRecordAction *self)
{
  SyRecordAction *copy = sy_record_action_new (self->kind, self->collection);

  g_array_append_vals (copy->ids, self->ids->data, self->ids->len);
  if (self->values != NULL)
    copy->values = sy_json_object_deep_copy (self->values);
  for (guint i = 0; i < self->bindings->len; i++)
    {
      SyBinding *binding = g_ptr_array_index (self->bindings, i);

      sy_record_action_add_binding (copy, binding->workflow, binding->association);
    }

  return copy;
}

void
sy_record_action_free (SyRecordAction *self)
{
  if (self == NULL)
    return;

  g_free (self->collection);
  g_array_unref (self->ids);
  g_clear_pointer (&self->values, json_object_unref);
  g_ptr_array_unref (self->bindings);
  g_free (self);
}

SyRecordActionKind
sy_record_action_get_kind (SyRecordAction *self)
{
  return self->kind;
}

void
sy_record_action_add_id (SyRecordAction *self,
                         gint64          id)
{
  g_array_append_val (self->ids, id);
}

void
sy_record_action_set_values (SyRecordAction *self,
                             JsonObject     *values)
{
  g_clear_pointer (&self->values, json_object_unref);
  if (values != NULL)
    self->values = sy_json_object_deep_copy (values);
}

void
sy_record_action_add_binding (SyRecordAction *self,
                              const char     *workflow,
                              const char     *association)
{
  SyBinding *binding = g_new0 (SyBinding, 1);

  binding->workflow = g_strdup (workflow);
  binding->association = association != NULL && *association != '\0' ? g_strdup (association) : NULL;
  g_ptr_array_add (self->bindings, binding);
}

gboolean
sy_record_action_parse_bindings (SyRecordAction *self,
                                 const char     *text,
                                 GError        **error)
{
  g_auto(GStrv) items = g_strsplit (text != NULL ? text : "", ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (items[i]));
      char *bang = strchr (item, '!');

      if (*item == '\0')
        continue;
      if (bang != NULL)
        *bang = '\0';
      if (*item == '\0' || (bang != NULL && bang[1] == '\0'))
        {
          g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID,
                       _("“%s” is not a workflow binding (expected KEY or KEY!ASSOCIATION)"), items[i]);
          return FALSE;
        }
      sy_record_action_add_binding (self, item, bang != NULL ? bang + 1 : NULL);
    }

  return TRUE;
}

/* ── Outcome ───────────────────────────────────────────────────────────── */

SyActionOutcome *
sy_action_outcome_new (void)
{
  SyActionOutcome *self = g_new0 (SyActionOutcome, 1);

  self->executions = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->messages = g_ptr_array_new_with_free_func (g_free);

  return self;
}

SyActionOutcome *
sy_action_outcome_copy (SyActionOutcome *self)
{
  SyActionOutcome *copy = sy_action_outcome_new ();

  copy->status = self->status;
  copy->record = self->record != NULL ? sy_json_object_deep_copy (self->record) : NULL;
  copy->deleted = self->deleted;
  g_array_append_vals (copy->executions, self->executions->data, self->executions->len);
  for (guint i = 0; i < self->messages->len; i++)
    g_ptr_array_add (copy->messages, g_strdup (g_ptr_array_index (self->messages, i)));

  return copy;
}

void
sy_action_outcome_free (SyActionOutcome *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->record, json_object_unref);
  g_array_unref (self->executions);
  g_ptr_array_unref (self->messages);
  g_free (self);
}

JsonNode *
sy_action_outcome_to_json (SyActionOutcome   *self,
                           SyRecordActionKind kind)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *messages = json_array_new ();

  switch (kind)
    {
    case SY_RECORD_ACTION_CREATE:
    case SY_RECORD_ACTION_UPDATE:
      if (self->record != NULL && self->status == SY_ACTION_DONE)
        json_object_set_object_member (object, "record", sy_json_object_deep_copy (self->record));
      else
        json_object_set_null_member (object, "record");
      break;

    case SY_RECORD_ACTION_DELETE:
      if (self->deleted > 0 && self->status == SY_ACTION_DONE)
        json_object_set_int_member (object, "deleted", self->deleted);
      else
        json_object_set_null_member (object, "deleted");
      break;

    case SY_RECORD_ACTION_TRIGGER:
    default:
      {
        JsonArray *executions = json_array_new ();

        for (guint i = 0; i < self->executions->len; i++)
          json_array_add_int_element (executions, g_array_index (self->executions, gint64, i));
        json_object_set_array_member (object, "executions", executions);
      }
      break;
    }

  for (guint i = 0; i < self->messages->len; i++)
    json_array_add_string_element (messages, g_ptr_array_index (self->messages, i));
  json_object_set_array_member (object, "messages", messages);

  return sy_json_node_take_object (g_steal_pointer (&object));
}
