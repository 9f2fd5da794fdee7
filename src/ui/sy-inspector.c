/* sy-inspector.c — the selected node's or the trigger's settings, built from its kind's fields
 *
 * There is no hand-written form per node type: the form is the kind's
 * `fields` table, one SyFieldEditor per entry. Every edit goes through the
 * SyWorkflowDocument; the document's problems come back as messages under
 * the fields they concern, as the person types.
 */
#define G_LOG_DOMAIN "switchyard-inspector"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-field-editor.h"
#include "sy-inspector.h"
#include "sy-node-kind.h"
#include "sy-trigger-info.h"
#include "sy-trigger-kind.h"
#include "sy-widget-util.h"

struct _SyInspector
{
  GtkWidget parent_instance;

  SyWorkflowDocument *document;
  SyNode             *node;
  char               *node_key;   /* to find the node again after undo replaces it */
  gboolean            trigger;
  gboolean            applying;   /* our own edit: the form is already up to date */
  GPtrArray          *editors;    /* of SyFieldEditor */
  char               *key_error;  /* live key check, before the document sees it */

  /* template children */
  GtkStack        *stack;
  GtkImage        *kind_icon;
  GtkLabel        *kind_title;
  GtkLabel        *kind_description;
  GtkLabel        *node_problem;
  AdwEntryRow     *title_row;
  AdwEntryRow     *key_row;
  GtkLabel        *identity_problem;
  SyTriggerInfo   *trigger_info;
  GtkBox          *fields_box;
};

G_DEFINE_FINAL_TYPE (SyInspector, sy_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_NODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const SyFieldSpec *
current_fields (SyInspector *self)
{
  SyWorkflow *workflow;

  if (self->document == NULL)
    return NULL;
  workflow = sy_workflow_document_get_workflow (self->document);

  if (self->trigger)
    {
      const SyTriggerKind *kind = sy_trigger_kind_lookup (sy_workflow_get_trigger_type (workflow));

      return kind ? kind->fields : NULL;
    }
  if (self->node != NULL)
    {
      const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (self->node));

      return kind ? kind->fields : NULL;
    }
  return NULL;
}

static JsonObject *
current_config (SyInspector *self)
{
  if (self->trigger)
    return sy_workflow_get_trigger_config (sy_workflow_document_get_workflow (self->document));
  if (self->node != NULL)
    return sy_node_get_config (self->node);
  return NULL;
}

static const SyFieldSpec *
find_spec (const SyFieldSpec *fields,
           const char        *name)
{
  for (guint i = 0; fields && fields[i].name; i++)
    if (g_str_equal (fields[i].name, name))
      return &fields[i];
  return NULL;
}

/* A config member as text for `visible_when` and language lookups, the
 * default standing in when the member is absent. */
static char *
member_text (SyInspector *self,
             const char  *member)
{
  JsonObject *config = current_config (self);
  JsonNode *value = config ? json_object_get_member (config, member) : NULL;
  g_autoptr(JsonNode) fallback = NULL;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      const SyFieldSpec *spec = find_spec (current_fields (self), member);

      if (spec == NULL || spec->default_json == NULL)
        return NULL;
      value = fallback = json_from_string (spec->default_json, NULL);
      if (value == NULL)
        return NULL;
    }

  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  return json_to_string (value, FALSE);
}

static gboolean
spec_is_visible (SyInspector       *self,
                 const SyFieldSpec *spec)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *value = NULL;

  if (spec->visible_when == NULL)
    return TRUE;

  parts = g_strsplit (spec->visible_when, "=", 2);
  if (parts[0] == NULL || parts[1] == NULL)
    return TRUE;

  value = member_text (self, parts[0]);
  return g_strcmp0 (value, parts[1]) == 0;
}

static gboolean
language_is_fixed (const char *language)
{
  return g_strcmp0 (language, "jq") == 0 || g_strcmp0 (language, "lua") == 0
         || g_strcmp0 (language, "json") == 0 || g_strcmp0 (language, "sql") == 0;
}

/* visible_when and languages that follow a sibling member. */
static void
update_dependent (SyInspector *self)
{
  for (guint i = 0; i < self->editors->len; i++)
    {
      SyFieldEditor *editor = g_ptr_array_index (self->editors, i);
      const SyFieldSpec *spec = sy_field_editor_get_spec (editor);

      gtk_widget_set_visible (GTK_WIDGET (editor), spec_is_visible (self, spec));

      if (spec->kind == SY_FIELD_CODE && spec->language != NULL && !language_is_fixed (spec->language))
        {
          g_autofree char *engine = member_text (self, spec->language);

          sy_field_editor_set_language (editor, engine);
        }
    }
}

/* "nodes[1].config.headers[0].name" → "headers" */
static char *
config_member_of_path (const char *path)
{
  const char *start = strstr (path, ".config.");
  gsize length;

  if (start == NULL)
    return NULL;
  start += strlen (".config.");
  length = strcspn (start, ".[");
  return g_strndup (start, length);
}

static void
update_problems (SyInspector *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) general = g_string_new (NULL);
  g_autoptr(GHashTable) by_member = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *identity = self->key_error;

  if (self->document == NULL || (!self->trigger && self->node == NULL))
    return;

  if (self->trigger)
    {
      GPtrArray *all = sy_workflow_document_get_problems (self->document);

      problems = g_ptr_array_new ();
      for (guint i = 0; i < all->len; i++)
        {
          SyProblem *problem = g_ptr_array_index (all, i);

          if (problem->path != NULL && g_str_has_prefix (problem->path, "trigger"))
            g_ptr_array_add (problems, problem);
        }
    }
  else
    problems = sy_workflow_document_get_node_problems (self->document, self->node);

  for (guint i = 0; i < problems->len; i++)
    {
      SyProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *member = config_member_of_path (problem->path);

      if (member != NULL && find_spec (current_fields (self), member) != NULL)
        {
          if (!g_hash_table_contains (by_member, member))
            g_hash_table_insert (by_member, g_steal_pointer (&member), problem->message);
        }
      else if (identity == NULL
               && (g_str_has_suffix (problem->path, ".key") || g_str_has_suffix (problem->path, ".title")))
        identity = problem->message;
      else
        {
          g_autofree char *shown = sy_text_capitalize (problem->message);

          if (general->len > 0)
            g_string_append_c (general, '\n');
          g_string_append (general, shown);
        }
    }

  for (guint i = 0; i < self->editors->len; i++)
    {
      SyFieldEditor *editor = g_ptr_array_index (self->editors, i);

      sy_field_editor_set_problem (editor, g_hash_table_lookup (by_member, sy_field_editor_get_spec (editor)->name));
    }

  {
    g_autofree char *shown = identity != NULL ? sy_text_capitalize (identity) : NULL;

    gtk_label_set_text (self->identity_problem, shown ? shown : "");
  }
  gtk_widget_set_visible (GTK_WIDGET (self->identity_problem), identity != NULL);
  if (self->key_error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->key_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "error");

  gtk_label_set_text (self->node_problem, general->str);
  gtk_widget_set_visible (GTK_WIDGET (self->node_problem), general->len > 0);
}

static void
on_field_changed (SyInspector   *self,
                  SyFieldEditor *editor)
{
  const SyFieldSpec *spec = sy_field_editor_get_spec (editor);
  g_autoptr(JsonNode) value = sy_field_editor_get_value (editor);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->document == NULL)
    return;

  self->applying = TRUE;
  if (self->trigger)
    ok = sy_workflow_document_set_trigger_config (self->document, spec->name, value, &error);
  else
    ok = sy_workflow_document_set_node_config (self->document, self->node, spec->name, value, &error);
  self->applying = FALSE;

  if (!ok)
    sy_field_editor_set_problem (editor, error->message);

  update_dependent (self);
  update_problems (self);
}

static void
on_title_changed (SyInspector *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autoptr(GError) error = NULL;

  if (self->document == NULL || self->applying)
    return;

  self->applying = TRUE;
  if (self->trigger)
    sy_workflow_document_set_trigger_title (self->document, title, &error);
  else if (self->node != NULL && g_strcmp0 (title, sy_node_get_title (self->node)) != 0)
    sy_workflow_document_set_node_title (self->document, self->node, title, &error);
  self->applying = FALSE;

  if (error != NULL)
    g_debug ("title not applied: %s", error->message);
}

static void
on_key_changed (SyInspector *self)
{
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  g_autoptr(GError) error = NULL;

  if (self->document == NULL || self->node == NULL || self->applying || self->trigger)
    return;

  g_clear_pointer (&self->key_error, g_free);

  if (g_strcmp0 (key, sy_node_get_key (self->node)) == 0)
    ;
  else if (!sy_node_key_is_valid (key))
    self->key_error = g_strdup (_("A key is 1 to 64 letters, digits, “-” or “_”"));
  else
    {
      self->applying = TRUE;
      if (sy_workflow_document_set_node_key (self->document, self->node, key, &error))
        {
          g_free (self->node_key);
          self->node_key = g_strdup (key);
        }
      else
        self->key_error = g_strdup (error->message);
      self->applying = FALSE;
    }

  update_problems (self);
}

static void
clear_form (SyInspector *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box))) != NULL)
    gtk_box_remove (self->fields_box, child);
  g_ptr_array_set_size (self->editors, 0);
}

static void
set_node_choices (SyInspector   *self,
                  SyFieldEditor *editor)
{
  SyWorkflow *workflow = sy_workflow_document_get_workflow (self->document);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  if (self->node == NULL)
    {
      sy_field_editor_set_node_choices (editor, NULL, NULL);
      return;
    }

  keys = sy_workflow_get_upstream_keys (workflow, self->node);
  for (guint i = 0; i < keys->len; i++)
    {
      SyNode *node = sy_workflow_find_node (workflow, g_ptr_array_index (keys, i));
      const char *title = node ? sy_node_get_title (node) : NULL;

      g_ptr_array_add (labels, title && *title
                                 ? g_strdup_printf ("%s (%s)", title, (const char *) g_ptr_array_index (keys, i))
                                 : g_strdup (g_ptr_array_index (keys, i)));
    }
  g_ptr_array_add (keys, NULL);
  g_ptr_array_add (labels, NULL);
  sy_field_editor_set_node_choices (editor, (const char * const *) keys->pdata, (const char * const *) labels->pdata);
}

/* Values from the document into the form, without emitting edits. */
static void
refresh_values (SyInspector *self)
{
  SyWorkflow *workflow = sy_workflow_document_get_workflow (self->document);
  JsonObject *config = current_config (self);
  gboolean editable = !sy_workflow_document_get_read_only (self->document);
  const char *title;

  self->applying = TRUE;

  title = self->trigger ? sy_workflow_get_trigger_title (workflow) : sy_node_get_title (self->node);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), title ? title : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), title ? title : "");
  if (!self->trigger && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->key_row)), sy_node_get_key (self->node)) != 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->key_row), sy_node_get_key (self->node));
      g_clear_pointer (&self->key_error, g_free);
    }
  gtk_editable_set_editable (GTK_EDITABLE (self->title_row), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->key_row), editable);

  for (guint i = 0; i < self->editors->len; i++)
    {
      SyFieldEditor *editor = g_ptr_array_index (self->editors, i);
      const SyFieldSpec *spec = sy_field_editor_get_spec (editor);

      sy_field_editor_set_scope (editor, workflow, self->node);
      if (spec->kind == SY_FIELD_NODE)
        set_node_choices (self, editor);
      sy_field_editor_set_value (editor, config ? json_object_get_member (config, spec->name) : NULL);
      sy_field_editor_set_editable (editor, editable);
    }

  self->applying = FALSE;

  update_dependent (self);
  update_problems (self);
}

static void
rebuild (SyInspector *self)
{
  SyWorkflow *workflow;
  const SyFieldSpec *fields;
  const char *icon_name = NULL;
  const char *title = NULL;
  const char *description = NULL;
  const char *category = NULL;
  g_autofree char *category_class = NULL;

  clear_form (self);
  g_clear_pointer (&self->key_error, g_free);

  if (self->document == NULL || (!self->trigger && self->node == NULL))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  workflow = sy_workflow_document_get_workflow (self->document);
  if (self->trigger)
    {
      const SyTriggerKind *kind = sy_trigger_kind_lookup (sy_workflow_get_trigger_type (workflow));

      icon_name = kind ? kind->icon_name : NULL;
      title = kind ? _(kind->title) : sy_workflow_get_trigger_type (workflow);
      description = kind ? _(kind->description) : NULL;
      category = "trigger";
    }
  else
    {
      const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (self->node));

      icon_name = kind ? kind->icon_name : NULL;
      title = kind ? _(kind->title) : sy_node_get_node_type (self->node);
      description = kind ? _(kind->description) : _("This node type is unknown to this version of Switchyard.");
      category = kind ? kind->category : "unknown";
    }

  gtk_image_set_from_icon_name (self->kind_icon, icon_name ? icon_name : "dialog-question-symbolic");
  gtk_widget_set_css_classes (GTK_WIDGET (self->kind_icon), (const char *[]) { "sy-node-icon", NULL });
  category_class = g_strconcat ("category-", category, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_icon), category_class);
  gtk_label_set_text (self->kind_title, title);
  gtk_label_set_text (self->kind_description, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->kind_description), description != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), !self->trigger);

  fields = current_fields (self);
  for (guint i = 0; fields && fields[i].name; i++)
    {
      GtkWidget *editor = sy_field_editor_new (&fields[i]);

      g_signal_connect_object (editor, "changed", G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->fields_box, editor);
      g_ptr_array_add (self->editors, editor);
    }

  refresh_values (self);
  sy_trigger_info_update (self->trigger_info, self->trigger ? workflow : NULL);
  gtk_stack_set_visible_child_name (self->stack, "form");
}

static void
on_document_changed (SyInspector      *self,
                     SyDocumentChange  change,
                     SyNode           *node)
{
  SyWorkflow *workflow = sy_workflow_document_get_workflow (self->document);

  /* The trigger's address and schedule follow its settings as they are typed. */
  if (self->trigger && (change == SY_DOCUMENT_CHANGE_TRIGGER || change == SY_DOCUMENT_CHANGE_ALL))
    sy_trigger_info_update (self->trigger_info, workflow);

  if (self->applying)
    return;

  if (self->trigger)
    {
      if (change == SY_DOCUMENT_CHANGE_TRIGGER || change == SY_DOCUMENT_CHANGE_ALL)
        refresh_values (self);
      return;
    }
  if (self->node == NULL)
    return;

  switch (change)
    {
    case SY_DOCUMENT_CHANGE_NODE:
      if (node == self->node)
        refresh_values (self);
      break;

    case SY_DOCUMENT_CHANGE_STRUCTURE:
    case SY_DOCUMENT_CHANGE_ALL:
      {
        /* Undo may have replaced the node, or the edit removed it. */
        SyNode *found = sy_workflow_find_node (workflow, self->node_key);

        if (found == NULL)
          sy_inspector_set_node (self, NULL);
        else if (found != self->node)
          sy_inspector_set_node (self, found);
        else
          refresh_values (self);
      }
      break;

    default:
      break;
    }
}

static void
on_read_only_changed (SyInspector *self)
{
  if (self->trigger || self->node != NULL)
    refresh_values (self);
}

static void
sy_inspector_dispose (GObject *object)
{
  SyInspector *self = SY_INSPECTOR (object);

  sy_inspector_set_document (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_INSPECTOR);

  G_OBJECT_CLASS (sy_inspector_parent_class)->dispose (object);
}

static void
sy_inspector_finalize (GObject *object)
{
  SyInspector *self = SY_INSPECTOR (object);

  g_clear_object (&self->node);
  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_free (self->node_key);
  g_free (self->key_error);

  G_OBJECT_CLASS (sy_inspector_parent_class)->finalize (object);
}

static void
sy_inspector_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SyInspector *self = SY_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_NODE:
      g_value_set_object (value, self->node);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_inspector_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SyInspector *self = SY_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      sy_inspector_set_document (self, g_value_get_object (value));
      break;
    case PROP_NODE:
      sy_inspector_set_node (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_inspector_class_init (SyInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_inspector_dispose;
  object_class->finalize = sy_inspector_finalize;
  object_class->get_property = sy_inspector_get_property;
  object_class->set_property = sy_inspector_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SY_TYPE_WORKFLOW_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NODE] =
    g_param_spec_object ("node", NULL, NULL, SY_TYPE_NODE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SY_TYPE_TRIGGER_INFO);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, SyInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, SyInspector, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, SyInspector, kind_title);
  gtk_widget_class_bind_template_child (widget_class, SyInspector, kind_description);
  gtk_widget_class_bind_template_child (widget_class, SyInspector, node_problem);
  gtk_widget_class_bind_template_child (widget_class, SyInspector, title_row);
  gtk_widget_class_bind_template_child (widget_class, SyInspector, key_row);
  gtk_widget_class_bind_template_child (widget_class, SyInspector, identity_problem);
  gtk_widget_class_bind_template_child (widget_class, SyInspector, trigger_info);
  gtk_widget_class_bind_template_child (widget_class, SyInspector, fields_box);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_key_changed);

  gtk_widget_class_set_css_name (widget_class, "sy-inspector");
}

static void
sy_inspector_init (SyInspector *self)
{
  self->editors = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sy_inspector_new (void)
{
  return g_object_new (SY_TYPE_INSPECTOR, NULL);
}

SyWorkflowDocument *
sy_inspector_get_document (SyInspector *self)
{
  g_return_val_if_fail (SY_IS_INSPECTOR (self), NULL);

  return self->document;
}

void
sy_inspector_set_document (SyInspector        *self,
                           SyWorkflowDocument *document)
{
  g_return_if_fail (SY_IS_INSPECTOR (self));
  g_return_if_fail (document == NULL || SY_IS_WORKFLOW_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed), self);
      g_signal_connect_swapped (document, "problems-changed", G_CALLBACK (update_problems), self);
      g_signal_connect_swapped (document, "notify::read-only", G_CALLBACK (on_read_only_changed), self);
    }

  self->trigger = FALSE;
  g_clear_object (&self->node);
  g_clear_pointer (&self->node_key, g_free);
  rebuild (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE]);
}

SyNode *
sy_inspector_get_node (SyInspector *self)
{
  g_return_val_if_fail (SY_IS_INSPECTOR (self), NULL);

  return self->node;
}

void
sy_inspector_set_node (SyInspector *self,
                       SyNode      *node)
{
  g_return_if_fail (SY_IS_INSPECTOR (self));
  g_return_if_fail (node == NULL || SY_IS_NODE (node));

  if (self->node == node && !self->trigger)
    return;

  self->trigger = FALSE;
  g_set_object (&self->node, node);
  g_free (self->node_key);
  self->node_key = node ? g_strdup (sy_node_get_key (node)) : NULL;
  rebuild (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE]);
}

void
sy_inspector_show_trigger (SyInspector *self)
{
  g_return_if_fail (SY_IS_INSPECTOR (self));

  if (self->trigger)
    return;

  self->trigger = TRUE;
  g_clear_object (&self->node);
  g_clear_pointer (&self->node_key, g_free);
  rebuild (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE]);
}

gboolean
sy_inspector_is_trigger (SyInspector *self)
{
  g_return_val_if_fail (SY_IS_INSPECTOR (self), FALSE);

  return self->trigger;
}

GtkWidget *
sy_inspector_get_field (SyInspector *self,
                        const char  *name)
{
  g_return_val_if_fail (SY_IS_INSPECTOR (self), NULL);

  for (guint i = 0; i < self->editors->len; i++)
    {
      SyFieldEditor *editor = g_ptr_array_index (self->editors, i);

      if (g_strcmp0 (sy_field_editor_get_spec (editor)->name, name) == 0)
        return GTK_WIDGET (editor);
    }

  return NULL;
}
