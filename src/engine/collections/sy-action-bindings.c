/* sy-action-bindings.c — the data view's buttons and the workflows bound to them */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "collections/sy-action-bindings.h"
#include "sy-json.h"

#define FILE_NAME "bindings.json"

struct _SyActionBindings
{
  GObject     parent_instance;

  GHashTable *collections; /* name → GPtrArray of SyActionButton */
  GPtrArray  *order;       /* names, in the order first seen (stable files) */
};

G_DEFINE_FINAL_TYPE (SyActionBindings, sy_action_bindings, G_TYPE_OBJECT)

static const char * const kind_names[] = {
  [SY_BUTTON_SUBMIT] = "submit",
  [SY_BUTTON_SAVE] = "save",
  [SY_BUTTON_UPDATE_RECORD] = "update-record",
  [SY_BUTTON_DELETE] = "delete",
  [SY_BUTTON_TRIGGER] = "trigger",
};

/* ── Buttons ───────────────────────────────────────────────────────────── */

const char *
sy_button_kind_to_string (SyButtonKind kind)
{
  g_return_val_if_fail (kind <= SY_BUTTON_TRIGGER, NULL);

  return kind_names[kind];
}

gboolean
sy_button_kind_from_string (const char   *text,
                            SyButtonKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

SyRecordActionKind
sy_button_kind_get_action (SyButtonKind kind)
{
  switch (kind)
    {
    case SY_BUTTON_SUBMIT:
      return SY_RECORD_ACTION_CREATE;
    case SY_BUTTON_SAVE:
    case SY_BUTTON_UPDATE_RECORD:
      return SY_RECORD_ACTION_UPDATE;
    case SY_BUTTON_DELETE:
      return SY_RECORD_ACTION_DELETE;
    case SY_BUTTON_TRIGGER:
    default:
      return SY_RECORD_ACTION_TRIGGER;
    }
}

gboolean
sy_button_kind_allows (SyButtonKind kind,
                       const char  *trigger_type)
{
  switch (kind)
    {
    case SY_BUTTON_SUBMIT:
    case SY_BUTTON_SAVE:
    case SY_BUTTON_UPDATE_RECORD:
      return g_strcmp0 (trigger_type, "request-interception") == 0 || g_strcmp0 (trigger_type, "action") == 0 ||
             g_strcmp0 (trigger_type, "approval") == 0;
    case SY_BUTTON_DELETE:
      return g_strcmp0 (trigger_type, "request-interception") == 0;
    case SY_BUTTON_TRIGGER:
      return g_strcmp0 (trigger_type, "custom-action") == 0;
    default:
      return FALSE;
    }
}

static void
binding_free (SyBinding *binding)
{
  g_free (binding->workflow);
  g_free (binding->association);
  g_free (binding);
}

SyActionButton *
sy_action_button_new (SyButtonKind kind,
                      const char  *title)
{
  SyActionButton *button = g_new0 (SyActionButton, 1);

  button->kind = kind;
  button->title = g_strdup (title);
  button->bindings = g_ptr_array_new_with_free_func ((GDestroyNotify) binding_free);
  return button;
}

void
sy_action_button_add_binding (SyActionButton *button,
                              const char     *workflow,
                              const char     *association)
{
  SyBinding *binding = g_new0 (SyBinding, 1);

  g_return_if_fail (button != NULL && workflow != NULL);

  binding->workflow = g_strdup (workflow);
  binding->association = association != NULL && association[0] != '\0' ? g_strdup (association) : NULL;
  g_ptr_array_add (button->bindings, binding);
}

SyActionButton *
sy_action_button_copy (SyActionButton *button)
{
  SyActionButton *copy = sy_action_button_new (button->kind, button->title);

  copy->values = sy_json_object_deep_copy (button->values);
  for (guint i = 0; i < button->bindings->len; i++)
    {
      SyBinding *binding = g_ptr_array_index (button->bindings, i);

      sy_action_button_add_binding (copy, binding->workflow, binding->association);
    }
  return copy;
}

void
sy_action_button_free (SyActionButton *button)
{
  if (button == NULL)
    return;

  g_free (button->title);
  g_clear_pointer (&button->values, json_object_unref);
  g_ptr_array_unref (button->bindings);
  g_free (button);
}

char *
sy_action_button_to_string (SyActionButton *button)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (button != NULL, NULL);

  for (guint i = 0; i < button->bindings->len; i++)
    {
      SyBinding *binding = g_ptr_array_index (button->bindings, i);

      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append (text, binding->workflow);
      if (binding->association != NULL)
        g_string_append_printf (text, "!%s", binding->association);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
sy_action_button_apply (SyActionButton *button,
                        SyRecordAction *action)
{
  g_return_if_fail (button != NULL && action != NULL);

  for (guint i = 0; i < button->bindings->len; i++)
    {
      SyBinding *binding = g_ptr_array_index (button->bindings, i);

      sy_record_action_add_binding (action, binding->workflow, binding->association);
    }
}

/* ── JSON ──────────────────────────────────────────────────────────────── */

static gboolean
invalid (GError    **error,
         const char *path,
         const char *reason)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", path, reason);
  return FALSE;
}

static const char *
optional_string (JsonObject *object,
                 const char *member,
                 const char *path,
                 gboolean   *ok,
                 GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", path, member);

      *ok = invalid (error, where, _("expected text"));
      return NULL;
    }
  return json_node_get_string (node);
}

static SyActionButton *
button_from_json (JsonNode   *node,
                  const char *path,
                  GError    **error)
{
  g_autoptr(SyActionButton) button = NULL;
  JsonObject *object;
  JsonNode *workflows;
  JsonNode *values;
  SyButtonKind kind;
  const char *title;
  gboolean ok = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, path, _("expected an object"));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!sy_button_kind_from_string (optional_string (object, "button", path, &ok, error), &kind))
    {
      g_autofree char *where = g_strdup_printf ("%s.button", path);

      if (ok)
        invalid (error, where, _("expected submit, save, update-record, delete or trigger"));
      return NULL;
    }
  title = optional_string (object, "title", path, &ok, error);
  if (!ok)
    return NULL;

  button = sy_action_button_new (kind, title);

  values = json_object_get_member (object, "values");
  if (values != NULL && !JSON_NODE_HOLDS_NULL (values))
    {
      g_autofree char *where = g_strdup_printf ("%s.values", path);

      if (!JSON_NODE_HOLDS_OBJECT (values))
        {
          invalid (error, where, _("expected an object of field values"));
          return NULL;
        }
      button->values = sy_json_object_deep_copy (json_node_get_object (values));
    }

  workflows = json_object_get_member (object, "workflows");
  if (workflows != NULL && !JSON_NODE_HOLDS_NULL (workflows))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (workflows))
        {
          g_autofree char *where = g_strdup_printf ("%s.workflows", path);

          invalid (error, where, _("expected a list"));
          return NULL;
        }
      array = json_node_get_array (workflows);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *where = g_strdup_printf ("%s.workflows[%u]", path, i);
          JsonNode *element = json_array_get_element (array, i);
          const char *workflow;
          const char *association;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              invalid (error, where, _("expected an object"));
              return NULL;
            }
          workflow = optional_string (json_node_get_object (element), "workflow", where, &ok, error);
          association = optional_string (json_node_get_object (element), "association", where, &ok, error);
          if (!ok)
            return NULL;
          if (workflow == NULL || workflow[0] == '\0')
            {
              g_autofree char *member = g_strdup_printf ("%s.workflow", where);

              invalid (error, member, _("a workflow key is required"));
              return NULL;
            }
          sy_action_button_add_binding (button, workflow, association);
        }
    }

  return g_steal_pointer (&button);
}

static JsonNode *
button_to_json (SyActionButton *button)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *workflows = json_array_new ();

  json_object_set_string_member (object, "button", sy_button_kind_to_string (button->kind));
  if (button->title != NULL)
    json_object_set_string_member (object, "title", button->title);
  if (button->values != NULL)
    json_object_set_object_member (object, "values", sy_json_object_deep_copy (button->values));
  for (guint i = 0; i < button->bindings->len; i++)
    {
      SyBinding *binding = g_ptr_array_index (button->bindings, i);
      JsonObject *element = json_object_new ();

      json_object_set_string_member (element, "workflow", binding->workflow);
      if (binding->association != NULL)
        json_object_set_string_member (element, "association", binding->association);
      json_array_add_object_element (workflows, element);
    }
  json_object_set_array_member (object, "workflows", workflows);

  return sy_json_node_take_object (g_steal_pointer (&object));
}

/* ── Object ───────────────────────────────────────────────────────────── */

static void
sy_action_bindings_finalize (GObject *object)
{
  SyActionBindings *self = SY_ACTION_BINDINGS (object);

  g_hash_table_unref (self->collections);
  g_ptr_array_unref (self->order);

  G_OBJECT_CLASS (sy_action_bindings_parent_class)->finalize (object);
}

static void
sy_action_bindings_class_init (SyActionBindingsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_action_bindings_finalize;
}

static void
sy_action_bindings_init (SyActionBindings *self)
{
  self->collections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->order = g_ptr_array_new_with_free_func (g_free);
}

SyActionBindings *
sy_action_bindings_new (void)
{
  return g_object_new (SY_TYPE_ACTION_BINDINGS, NULL);
}

static GPtrArray *
new_button_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) sy_action_button_free);
}

/* Submit, Save and Delete are always there, once each, in that order
 * before the others (Update record and Trigger buttons, in their order). */
static void
complete_buttons (GPtrArray *buttons)
{
  const SyButtonKind fixed[] = { SY_BUTTON_SUBMIT, SY_BUTTON_SAVE, SY_BUTTON_DELETE };
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_action_button_free);

  while (buttons->len > 0)
    g_ptr_array_add (old, g_ptr_array_steal_index (buttons, 0));

  for (guint f = 0; f < G_N_ELEMENTS (fixed); f++)
    {
      SyActionButton *found = NULL;

      for (guint i = 0; found == NULL && i < old->len; i++)
        if (((SyActionButton *) g_ptr_array_index (old, i))->kind == fixed[f])
          found = g_ptr_array_steal_index (old, i);
      g_ptr_array_add (buttons, found != NULL ? found : sy_action_button_new (fixed[f], NULL));
    }

  for (guint i = 0; i < old->len; i++)
    {
      SyActionButton *button = g_ptr_array_index (old, i);

      if (button->kind == SY_BUTTON_UPDATE_RECORD || button->kind == SY_BUTTON_TRIGGER)
        g_ptr_array_add (buttons, g_ptr_array_steal_index (old, i--));
    }
}

static void
store_buttons (SyActionBindings *self,
               const char       *collection,
               GPtrArray        *buttons)
{
  if (!g_hash_table_contains (self->collections, collection))
    g_ptr_array_add (self->order, g_strdup (collection));
  complete_buttons (buttons);
  g_hash_table_replace (self->collections, g_strdup (collection), buttons);
}

SyActionBindings *
sy_action_bindings_new_from_json (JsonNode *node,
                                  GError  **error)
{
  g_autoptr(SyActionBindings) self = sy_action_bindings_new ();
  JsonObject *root;
  JsonNode *format;
  JsonNode *collections;
  JsonObjectIter iter;
  const char *name;
  JsonNode *list;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, "$", _("expected an object"));
      return NULL;
    }
  root = json_node_get_object (node);

  format = json_object_get_member (root, "format");
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      g_strcmp0 (json_node_get_string (format), SY_BINDINGS_FORMAT) != 0)
    {
      invalid (error, "format", _("expected “" SY_BINDINGS_FORMAT "”"));
      return NULL;
    }

  collections = json_object_get_member (root, "collections");
  if (collections == NULL || JSON_NODE_HOLDS_NULL (collections))
    return g_steal_pointer (&self);
  if (!JSON_NODE_HOLDS_OBJECT (collections))
    {
      invalid (error, "collections", _("expected an object"));
      return NULL;
    }

  json_object_iter_init (&iter, json_node_get_object (collections));
  while (json_object_iter_next (&iter, &name, &list))
    {
      g_autoptr(GPtrArray) buttons = new_button_array ();
      g_autofree char *path = g_strdup_printf ("collections.%s", name);

      if (!JSON_NODE_HOLDS_ARRAY (list))
        {
          invalid (error, path, _("expected a list of buttons"));
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
        {
          g_autofree char *where = g_strdup_printf ("%s[%u]", path, i);
          SyActionButton *button = button_from_json (json_array_get_element (json_node_get_array (list), i),
                                                     where, error);

          if (button == NULL)
            return NULL;
          g_ptr_array_add (buttons, button);
        }
      store_buttons (self, name, g_steal_pointer (&buttons));
    }

  return g_steal_pointer (&self);
}

JsonNode *
sy_action_bindings_to_json (SyActionBindings *self)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *collections = json_object_new ();

  g_return_val_if_fail (SY_IS_ACTION_BINDINGS (self), NULL);

  json_object_set_string_member (root, "format", SY_BINDINGS_FORMAT);
  for (guint i = 0; i < self->order->len; i++)
    {
      const char *name = g_ptr_array_index (self->order, i);
      GPtrArray *buttons = g_hash_table_lookup (self->collections, name);
      JsonArray *list = json_array_new ();

      for (guint b = 0; b < buttons->len; b++)
        json_array_add_element (list, button_to_json (g_ptr_array_index (buttons, b)));
      json_object_set_array_member (collections, name, list);
    }
  json_object_set_object_member (root, "collections", collections);

  return sy_json_node_take_object (g_steal_pointer (&root));
}

SyActionBindings *
sy_action_bindings_load (const char *data_dir,
                         GError    **error)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  SyActionBindings *self;
  gsize length;

  g_return_val_if_fail (data_dir != NULL, NULL);

  path = g_build_filename (data_dir, FILE_NAME, NULL);
  if (!g_file_get_contents (path, &text, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return sy_action_bindings_new ();
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  node = json_from_string (text, &local_error);
  if (node != NULL)
    {
      self = sy_action_bindings_new_from_json (node, &local_error);
      if (self != NULL)
        return self;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("“%s” cannot be read: %s"), path,
               local_error != NULL ? local_error->message : _("it is empty"));
  return NULL;
}

static void
save_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  char **job = task_data; /* [path, text] */
  GError *error = NULL;

  if (g_file_set_contents (job[0], job[1], -1, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sy_action_bindings_save_async (SyActionBindings   *self,
                               const char         *data_dir,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) node = NULL;
  char **job;

  g_return_if_fail (SY_IS_ACTION_BINDINGS (self));
  g_return_if_fail (data_dir != NULL);

  /* The text is made here: the thread touches nothing of self. */
  node = sy_action_bindings_to_json (self);
  job = g_new0 (char *, 3);
  job[0] = g_build_filename (data_dir, FILE_NAME, NULL);
  job[1] = json_to_string (node, TRUE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sy_action_bindings_save_async);
  g_task_set_task_data (task, job, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
sy_action_bindings_save_finish (SyActionBindings *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GPtrArray *
sy_action_bindings_get_buttons (SyActionBindings *self,
                                const char       *collection)
{
  GPtrArray *buttons;

  g_return_val_if_fail (SY_IS_ACTION_BINDINGS (self), NULL);
  g_return_val_if_fail (collection != NULL, NULL);

  buttons = g_hash_table_lookup (self->collections, collection);
  if (buttons == NULL)
    {
      buttons = new_button_array ();
      store_buttons (self, collection, buttons);
    }
  return buttons;
}

void
sy_action_bindings_set_buttons (SyActionBindings *self,
                                const char       *collection,
                                GPtrArray        *buttons)
{
  GPtrArray *copy;

  g_return_if_fail (SY_IS_ACTION_BINDINGS (self));
  g_return_if_fail (collection != NULL && buttons != NULL);

  copy = new_button_array ();
  for (guint i = 0; i < buttons->len; i++)
    g_ptr_array_add (copy, sy_action_button_copy (g_ptr_array_index (buttons, i)));
  store_buttons (self, collection, copy);
}

SyActionButton *
sy_action_bindings_find (SyActionBindings *self,
                         const char       *collection,
                         SyButtonKind      kind)
{
  GPtrArray *buttons = sy_action_bindings_get_buttons (self, collection);

  for (guint i = 0; i < buttons->len; i++)
    if (((SyActionButton *) g_ptr_array_index (buttons, i))->kind == kind)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

void
sy_action_bindings_remove (SyActionBindings *self,
                           const char       *collection)
{
  g_return_if_fail (SY_IS_ACTION_BINDINGS (self));

  if (g_hash_table_remove (self->collections, collection))
    for (guint i = 0; i < self->order->len; i++)
      if (g_str_equal (g_ptr_array_index (self->order, i), collection))
        {
          g_ptr_array_remove_index (self->order, i);
          break;
        }
}
