/* sy-conditions-editor.c — the condition rules of the "basic" engine, edited as rows
 *
 * Groups and rules are plain boxes that carry their parts as object data;
 * the value is read back from the widgets on every edit, so the rows are
 * the only state. A value that is a single rule (NocoBase allows it) is
 * shown inside an "all" group and written back as one.
 */
#define G_LOG_DOMAIN "switchyard-conditions-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-condition-rules.h"
#include "sy-conditions-editor.h"
#include "sy-field-editor.h"
#include "sy-variable-button.h"

struct _SyConditionsEditor
{
  GtkWidget   parent_instance;

  GtkWidget  *root;        /* the outer group */
  SyWorkflow *workflow;
  SyNode     *node;
  gboolean    editable;
  gboolean    updating;    /* set_value: no "changed" */
};

static void sy_conditions_editor_field_input_init (SyFieldInputInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyConditionsEditor, sy_conditions_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (SY_TYPE_FIELD_INPUT, sy_conditions_editor_field_input_init))

/* How the calculators read in a sentence; unknown ones show their name. */
static const struct
{
  const char *name;
  const char *label;
} operator_labels[] = {
  { "equal", N_("equals") },
  { "notEqual", N_("does not equal") },
  { "gt", N_("is greater than") },
  { "gte", N_("is at least") },
  { "lt", N_("is less than") },
  { "lte", N_("is at most") },
  { "includes", N_("contains") },
  { "notIncludes", N_("does not contain") },
  { "startsWith", N_("starts with") },
  { "notStartsWith", N_("does not start with") },
  { "endsWith", N_("ends with") },
  { "notEndsWith", N_("does not end with") },
};

static const char *
operator_label (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (operator_labels); i++)
    if (g_str_equal (operator_labels[i].name, name))
      return _(operator_labels[i].label);

  return name;
}

static void
changed (SyConditionsEditor *self)
{
  if (!self->updating)
    sy_field_input_changed (SY_FIELD_INPUT (self));
}

static void
apply_scope (GtkWidget          *widget,
             SyConditionsEditor *self)
{
  if (SY_IS_VARIABLE_BUTTON (widget))
    sy_variable_button_set_scope (SY_VARIABLE_BUTTON (widget), self->workflow, self->node);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    apply_scope (child, self);
}

/* ── Rules ────────────────────────────────────────────────────────────── */

static void
on_remove_clicked (GtkButton          *button,
                   SyConditionsEditor *self)
{
  sy_conditions_editor_remove (self, g_object_get_data (G_OBJECT (button), "item"));
}

static GtkWidget *
remove_button (SyConditionsEditor *self,
               GtkWidget          *item,
               const char         *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "sy-edit-only");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "item", item);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), self);

  return button;
}

static void
on_operand_changed (GtkEditable        *entry,
                    GParamSpec         *pspec,
                    SyConditionsEditor *self)
{
  sy_field_highlight_editable (entry);
  changed (self);
}

/* An operand: an entry and its variable picker, side by side. */
static GtkWidget *
operand (SyConditionsEditor *self,
         GtkWidget          *rule,
         const char         *part,
         const char         *placeholder,
         JsonNode           *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *button = sy_variable_button_new ();
  g_autofree char *text = sy_field_input_text_from_value (value);
  g_autofree char *button_part = g_strconcat (part, "-variables", NULL);

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
  gtk_widget_set_hexpand (entry, TRUE);
  sy_field_highlight_editable (GTK_EDITABLE (entry));
  g_signal_connect (entry, "notify::text", G_CALLBACK (on_operand_changed), self);

  sy_variable_button_set_target (SY_VARIABLE_BUTTON (button), GTK_EDITABLE (entry));
  sy_variable_button_set_scope (SY_VARIABLE_BUTTON (button), self->workflow, self->node);
  gtk_widget_add_css_class (button, "sy-edit-only");

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), button);
  gtk_widget_set_hexpand (box, TRUE);
  g_object_set_data (G_OBJECT (rule), part, entry);
  g_object_set_data (G_OBJECT (rule), button_part, button);

  return box;
}

static void
on_operator_selected (SyConditionsEditor *self)
{
  changed (self);
}

static GtkWidget *
new_rule (SyConditionsEditor *self,
          const char         *calculator,
          JsonNode           *left,
          JsonNode           *right)
{
  const char * const *names = sy_condition_rules_get_calculators ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) keys = gtk_string_list_new (NULL);
  GtkWidget *rule = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *first = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *second = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dropdown;
  guint selected = 0;

  gtk_widget_add_css_class (rule, "sy-condition-rule");
  g_object_set_data (G_OBJECT (rule), "sy-kind", (gpointer) "rule");

  gtk_box_append (GTK_BOX (first), operand (self, rule, "left", _("Value or variable"), left));
  gtk_box_append (GTK_BOX (first), remove_button (self, rule, _("Remove Rule")));

  for (guint i = 0; names[i] != NULL; i++)
    {
      gtk_string_list_append (keys, names[i]);
      gtk_string_list_append (labels, operator_label (names[i]));
      if (g_strcmp0 (calculator, names[i]) == 0)
        selected = i;
    }
  /* A calculator this version does not list (an alias like ">") stays as it is. */
  if (calculator != NULL && !g_strv_contains (names, calculator))
    {
      selected = g_list_model_get_n_items (G_LIST_MODEL (keys));
      gtk_string_list_append (keys, calculator);
      gtk_string_list_append (labels, calculator);
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_tooltip_text (dropdown, _("Comparison"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comparison"), -1);
  g_object_set_data_full (G_OBJECT (dropdown), "keys", g_object_ref (keys), g_object_unref);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_operator_selected), self);
  g_object_set_data (G_OBJECT (rule), "operator", dropdown);

  gtk_box_append (GTK_BOX (second), dropdown);
  gtk_box_append (GTK_BOX (second), operand (self, rule, "right", _("Value or variable"), right));

  gtk_box_append (GTK_BOX (rule), first);
  gtk_box_append (GTK_BOX (rule), second);

  return rule;
}

static void
build_rule (JsonBuilder *builder,
            GtkWidget   *rule)
{
  GtkWidget *dropdown = g_object_get_data (G_OBJECT (rule), "operator");
  GtkStringList *keys = g_object_get_data (G_OBJECT (dropdown), "keys");
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));
  const char *operands[] = { "left", "right" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "calculator");
  json_builder_add_string_value (builder, gtk_string_list_get_string (keys, selected != GTK_INVALID_LIST_POSITION ? selected : 0));
  json_builder_set_member_name (builder, "operands");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (operands); i++)
    {
      GtkEditable *entry = g_object_get_data (G_OBJECT (rule), operands[i]);
      JsonNode *value = sy_field_input_value_from_text (gtk_editable_get_text (entry));

      /* An empty operand is null, as NocoBase writes it. */
      json_builder_add_value (builder, value != NULL ? value : json_node_new (JSON_NODE_NULL));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* ── Groups ───────────────────────────────────────────────────────────── */

static GtkWidget *new_group (SyConditionsEditor *self, gboolean nested, JsonObject *group);

static void
on_add_rule_clicked (GtkButton          *button,
                     SyConditionsEditor *self)
{
  GtkWidget *rule = sy_conditions_editor_add_rule (self, g_object_get_data (G_OBJECT (button), "group"));

  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (rule), "left"));
}

static void
on_add_group_clicked (GtkButton          *button,
                      SyConditionsEditor *self)
{
  sy_conditions_editor_add_group (self, g_object_get_data (G_OBJECT (button), "group"));
}

static GtkWidget *
footer_button (const char *icon_name,
               const char *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static void
add_item (SyConditionsEditor *self,
          GtkWidget          *group,
          JsonNode           *calculation)
{
  GtkWidget *items = g_object_get_data (G_OBJECT (group), "items");
  JsonObject *object = calculation != NULL && JSON_NODE_HOLDS_OBJECT (calculation)
                       ? json_node_get_object (calculation) : NULL;
  JsonNode *inner = object != NULL ? json_object_get_member (object, "group") : NULL;

  if (inner != NULL && JSON_NODE_HOLDS_OBJECT (inner))
    gtk_box_append (GTK_BOX (items), new_group (self, TRUE, json_node_get_object (inner)));
  else
    {
      JsonNode *operands = object != NULL ? json_object_get_member (object, "operands") : NULL;
      JsonArray *array = operands != NULL && JSON_NODE_HOLDS_ARRAY (operands) ? json_node_get_array (operands) : NULL;
      guint n = array != NULL ? json_array_get_length (array) : 0;

      gtk_box_append (GTK_BOX (items),
                      new_rule (self,
                                object != NULL ? json_object_get_string_member_with_default (object, "calculator", NULL) : NULL,
                                n > 0 ? json_array_get_element (array, 0) : NULL,
                                n > 1 ? json_array_get_element (array, 1) : NULL));
    }
}

static GtkWidget *
new_group (SyConditionsEditor *self,
           gboolean            nested,
           JsonObject         *group)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *items = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *mode = gtk_drop_down_new_from_strings ((const char *[]) { _("All of these are true"),
                                                                        _("Any of these is true"), NULL });
  GtkWidget *add_rule = footer_button ("list-add-symbolic", _("Add _Rule"));
  GtkWidget *add_group = footer_button ("view-list-symbolic", _("Add _Group"));
  const char *type = group != NULL ? json_object_get_string_member_with_default (group, "type", "and") : "and";
  JsonNode *calculations = group != NULL ? json_object_get_member (group, "calculations") : NULL;

  gtk_widget_add_css_class (box, nested ? "sy-condition-group" : "sy-condition-root");
  g_object_set_data (G_OBJECT (box), "sy-kind", (gpointer) "group");
  g_object_set_data (G_OBJECT (box), "items", items);
  g_object_set_data (G_OBJECT (box), "mode", mode);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (mode), g_strcmp0 (type, "or") == 0 ? 1 : 0);
  gtk_widget_set_hexpand (mode, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (mode), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Match"), -1);
  g_signal_connect_swapped (mode, "notify::selected", G_CALLBACK (on_operator_selected), self);
  gtk_box_append (GTK_BOX (header), mode);
  if (nested)
    gtk_box_append (GTK_BOX (header), remove_button (self, box, _("Remove Group")));
  gtk_box_append (GTK_BOX (box), header);

  gtk_box_append (GTK_BOX (box), items);

  g_object_set_data (G_OBJECT (add_rule), "group", box);
  g_object_set_data (G_OBJECT (add_group), "group", box);
  g_signal_connect (add_rule, "clicked", G_CALLBACK (on_add_rule_clicked), self);
  g_signal_connect (add_group, "clicked", G_CALLBACK (on_add_group_clicked), self);
  gtk_box_append (GTK_BOX (footer), add_rule);
  gtk_box_append (GTK_BOX (footer), add_group);
  gtk_widget_add_css_class (footer, "sy-edit-only");
  gtk_box_append (GTK_BOX (box), footer);

  if (calculations != NULL && JSON_NODE_HOLDS_ARRAY (calculations))
    {
      JsonArray *array = json_node_get_array (calculations);

      for (guint i = 0; i < json_array_get_length (array); i++)
        add_item (self, box, json_array_get_element (array, i));
    }

  return box;
}

static void
build_group (JsonBuilder *builder,
             GtkWidget   *group)
{
  GtkWidget *items = g_object_get_data (G_OBJECT (group), "items");
  GtkDropDown *mode = g_object_get_data (G_OBJECT (group), "mode");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "group");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, gtk_drop_down_get_selected (mode) == 1 ? "or" : "and");
  json_builder_set_member_name (builder, "calculations");
  json_builder_begin_array (builder);
  for (GtkWidget *item = gtk_widget_get_first_child (items); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (item), "sy-kind"), "group") == 0)
        build_group (builder, item);
      else
        build_rule (builder, item);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* ── SyFieldInput ─────────────────────────────────────────────────────── */

static void
set_root (SyConditionsEditor *self,
          GtkWidget          *root)
{
  g_clear_pointer (&self->root, gtk_widget_unparent);
  self->root = root;
  gtk_widget_set_parent (root, GTK_WIDGET (self));
  sy_field_input_apply_editable (root, self->editable);
}

static JsonNode *
sy_conditions_editor_get_value (SyFieldInput *input)
{
  SyConditionsEditor *self = SY_CONDITIONS_EDITOR (input);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  build_group (builder, self->root);
  return json_builder_get_root (builder);
}

static void
sy_conditions_editor_set_value (SyFieldInput *input,
                                JsonNode     *value)
{
  SyConditionsEditor *self = SY_CONDITIONS_EDITOR (input);
  g_autoptr(JsonNode) current = sy_conditions_editor_get_value (input);
  JsonObject *object = value != NULL && JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
  JsonNode *group = object != NULL ? json_object_get_member (object, "group") : NULL;

  /* Our own edit coming back: keep the rows (and the focus in them). */
  if (value != NULL && json_node_equal (value, current))
    return;

  self->updating = TRUE;
  if (group != NULL && JSON_NODE_HOLDS_OBJECT (group))
    set_root (self, new_group (self, FALSE, json_node_get_object (group)));
  else
    {
      set_root (self, new_group (self, FALSE, NULL));
      if (object != NULL && json_object_has_member (object, "calculator"))
        add_item (self, self->root, value);
      sy_field_input_apply_editable (self->root, self->editable);
    }
  self->updating = FALSE;
}

static void
sy_conditions_editor_set_editable (SyFieldInput *input,
                                   gboolean      editable)
{
  SyConditionsEditor *self = SY_CONDITIONS_EDITOR (input);

  self->editable = editable;
  sy_field_input_apply_editable (self->root, editable);
}

static void
sy_conditions_editor_set_scope (SyFieldInput *input,
                                SyWorkflow   *workflow,
                                SyNode       *node)
{
  SyConditionsEditor *self = SY_CONDITIONS_EDITOR (input);

  g_set_object (&self->workflow, workflow);
  g_set_object (&self->node, node);
  apply_scope (self->root, self);
}

static void
sy_conditions_editor_field_input_init (SyFieldInputInterface *iface)
{
  iface->set_value = sy_conditions_editor_set_value;
  iface->get_value = sy_conditions_editor_get_value;
  iface->set_editable = sy_conditions_editor_set_editable;
  iface->set_scope = sy_conditions_editor_set_scope;
}

/* ── GObject ──────────────────────────────────────────────────────────── */

static void
sy_conditions_editor_dispose (GObject *object)
{
  SyConditionsEditor *self = SY_CONDITIONS_EDITOR (object);

  g_clear_pointer (&self->root, gtk_widget_unparent);
  g_clear_object (&self->workflow);
  g_clear_object (&self->node);

  G_OBJECT_CLASS (sy_conditions_editor_parent_class)->dispose (object);
}

static void
sy_conditions_editor_class_init (SyConditionsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_conditions_editor_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sy-conditions-editor");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sy_conditions_editor_init (SyConditionsEditor *self)
{
  self->editable = TRUE;
  set_root (self, new_group (self, FALSE, NULL));
}

GtkWidget *
sy_conditions_editor_new (void)
{
  return g_object_new (SY_TYPE_CONDITIONS_EDITOR, NULL);
}

GtkWidget *
sy_conditions_editor_add_rule (SyConditionsEditor *self,
                               GtkWidget          *group)
{
  GtkWidget *items;
  GtkWidget *rule;

  g_return_val_if_fail (SY_IS_CONDITIONS_EDITOR (self), NULL);

  group = group != NULL ? group : self->root;
  items = g_object_get_data (G_OBJECT (group), "items");
  rule = new_rule (self, NULL, NULL, NULL);
  gtk_box_append (GTK_BOX (items), rule);
  sy_field_input_apply_editable (rule, self->editable);
  changed (self);

  return rule;
}

GtkWidget *
sy_conditions_editor_add_group (SyConditionsEditor *self,
                                GtkWidget          *group)
{
  GtkWidget *items;
  GtkWidget *inner;

  g_return_val_if_fail (SY_IS_CONDITIONS_EDITOR (self), NULL);

  group = group != NULL ? group : self->root;
  items = g_object_get_data (G_OBJECT (group), "items");
  inner = new_group (self, TRUE, NULL);
  gtk_box_append (GTK_BOX (items), inner);
  /* A group is there to hold rules: start it with one. */
  gtk_box_append (GTK_BOX (g_object_get_data (G_OBJECT (inner), "items")), new_rule (self, NULL, NULL, NULL));
  sy_field_input_apply_editable (inner, self->editable);
  changed (self);

  return inner;
}

void
sy_conditions_editor_remove (SyConditionsEditor *self,
                             GtkWidget          *rule_or_group)
{
  g_return_if_fail (SY_IS_CONDITIONS_EDITOR (self));
  g_return_if_fail (rule_or_group != self->root);

  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (rule_or_group)), rule_or_group);
  changed (self);
}

GtkWidget *
sy_conditions_editor_get_root (SyConditionsEditor *self)
{
  g_return_val_if_fail (SY_IS_CONDITIONS_EDITOR (self), NULL);

  return self->root;
}

GList *
sy_conditions_editor_get_items (SyConditionsEditor *self,
                                GtkWidget          *group)
{
  GList *list = NULL;
  GtkWidget *items;

  g_return_val_if_fail (SY_IS_CONDITIONS_EDITOR (self), NULL);

  items = g_object_get_data (G_OBJECT (group != NULL ? group : self->root), "items");
  for (GtkWidget *item = gtk_widget_get_last_child (items); item != NULL; item = gtk_widget_get_prev_sibling (item))
    list = g_list_prepend (list, item);

  return list;
}

GtkWidget *
sy_conditions_editor_get_part (GtkWidget  *rule_or_group,
                               const char *part)
{
  g_return_val_if_fail (GTK_IS_WIDGET (rule_or_group), NULL);

  return g_object_get_data (G_OBJECT (rule_or_group), part);
}
