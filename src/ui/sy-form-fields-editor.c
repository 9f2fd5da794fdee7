/* sy-form-fields-editor.c — the fields of a form a person fills in (manual, approval)
 *
 * Each field is an AdwExpanderRow carrying its parts as object data and a
 * copy of the field's JSON object, so that members this editor does not
 * show survive an edit. The value is read back from the rows.
 */
#define G_LOG_DOMAIN "switchyard-form-fields-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-field-editor.h"
#include "sy-form-fields-editor.h"
#include "sy-json.h"
#include "sy-variable-button.h"

struct _SyFormFieldsEditor
{
  GtkWidget   parent_instance;

  GtkListBox *list;
  GtkWidget  *add_row;
  GPtrArray  *rows;      /* of AdwExpanderRow, in order */
  SyWorkflow *workflow;
  SyNode     *node;
  gboolean    editable;
  gboolean    updating;
};

static void sy_form_fields_editor_field_input_init (SyFieldInputInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyFormFieldsEditor, sy_form_fields_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (SY_TYPE_FIELD_INPUT, sy_form_fields_editor_field_input_init))

/* sy-node-people.c's field types, in the order people pick them. */
static const char * const types[] = { "text", "multiline", "number", "switch", "date", "choice", NULL };
static const char * const type_labels[] = {
  N_("Text"), N_("Several lines"), N_("Number"), N_("Switch"), N_("Date"), N_("Choice"), NULL
};

/* A member of the right type, or `fallback`: the validator explains others. */
static const char *
string_member (JsonObject *object,
               const char *member,
               const char *fallback)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

static gboolean
boolean_member (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN
         && json_node_get_boolean (node);
}

static void
changed (SyFormFieldsEditor *self)
{
  if (!self->updating)
    sy_field_input_changed (SY_FIELD_INPUT (self));
}

static const char *
row_type (GtkWidget *row)
{
  AdwComboRow *combo = g_object_get_data (G_OBJECT (row), "type");
  guint selected = adw_combo_row_get_selected (combo);

  return selected < g_strv_length ((char **) types) ? types[selected] : "text";
}

static const char *
entry_text (GtkWidget  *row,
            const char *part)
{
  return gtk_editable_get_text (g_object_get_data (G_OBJECT (row), part));
}

/* Title "Label" and subtitle "Type · name", as the form will show it. */
static void
update_summary (GtkWidget *row)
{
  const char *name = entry_text (row, "name");
  const char *label = entry_text (row, "label");
  AdwComboRow *combo = g_object_get_data (G_OBJECT (row), "type");
  guint selected = adw_combo_row_get_selected (combo);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 *label != '\0' ? label : *name != '\0' ? name : _("Unnamed field"));
  subtitle = g_strdup_printf ("%s · %s", _(type_labels[MIN (selected, G_N_ELEMENTS (type_labels) - 2)]),
                              *name != '\0' ? name : "—");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
}

static void
update_options_visible (GtkWidget *row)
{
  gboolean choice = g_str_equal (row_type (row), "choice");
  GPtrArray *options = g_object_get_data (G_OBJECT (row), "options");

  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "add-option"), choice);
  for (guint i = 0; i < options->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (options, i), choice);
}

static void
on_part_changed (GtkWidget *part)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (part), "field-row");
  SyFormFieldsEditor *self = g_object_get_data (G_OBJECT (row), "editor");

  if (GTK_IS_EDITABLE (part))
    sy_field_highlight_editable (GTK_EDITABLE (part));
  update_summary (row);
  update_options_visible (row);
  changed (self);
}

static void
watch (GtkWidget  *row,
       GtkWidget  *part,
       const char *signal)
{
  g_object_set_data (G_OBJECT (part), "field-row", row);
  g_signal_connect (part, signal, G_CALLBACK (on_part_changed), NULL);
}

static void
on_remove_option (GtkButton *button)
{
  GtkWidget *option = g_object_get_data (G_OBJECT (button), "option");
  GtkWidget *row = g_object_get_data (G_OBJECT (option), "field-row");
  SyFormFieldsEditor *self = g_object_get_data (G_OBJECT (row), "editor");

  g_ptr_array_remove (g_object_get_data (G_OBJECT (row), "options"), option);
  adw_expander_row_remove (ADW_EXPANDER_ROW (row), option);
  changed (self);
}

static GtkWidget *
add_option_row (GtkWidget  *row,
                const char *text)
{
  GPtrArray *options = g_object_get_data (G_OBJECT (row), "options");
  GtkWidget *option = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *title = g_strdup_printf (_("Option %u"), options->len + 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (option), title);
  gtk_editable_set_text (GTK_EDITABLE (option), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (remove, _("Remove Option"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Option"), -1);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "sy-edit-only");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (remove), "option", option);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_option), NULL);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (option), remove);
  gtk_widget_add_css_class (option, "sy-form-option");
  watch (row, option, "changed");

  /* Options go before the "Add Option" row and the buttons, which stay last. */
  g_ptr_array_add (options, option);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), option);
  {
    const char *last[] = { "add-option", "buttons" };
    GtkWidget *list = gtk_widget_get_parent (option);

    for (guint i = 0; i < G_N_ELEMENTS (last); i++)
      {
        GtkWidget *keep = g_object_get_data (G_OBJECT (row), last[i]);

        if (keep == NULL)
          continue;
        g_object_ref (keep);
        gtk_list_box_remove (GTK_LIST_BOX (list), keep);
        gtk_list_box_append (GTK_LIST_BOX (list), keep);
        g_object_unref (keep);
      }
  }

  return option;
}

static void
on_add_option (AdwActionRow *add)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (add), "field-row");
  SyFormFieldsEditor *self = g_object_get_data (G_OBJECT (row), "editor");
  GtkWidget *option = sy_form_fields_editor_add_option (self, row);

  gtk_widget_grab_focus (option);
}

/* ── Fields ───────────────────────────────────────────────────────────── */

static void
on_field_button (GtkButton *button)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "field-row");
  SyFormFieldsEditor *self = g_object_get_data (G_OBJECT (row), "editor");
  int offset = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "offset"));

  if (offset == 0)
    sy_form_fields_editor_remove_field (self, row);
  else
    sy_form_fields_editor_move_field (self, row, offset);
}

static GtkWidget *
field_button (GtkWidget  *row,
              const char *icon_name,
              const char *label,
              int         offset)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  if (offset == 0)
    gtk_widget_add_css_class (button, "destructive-action");
  g_object_set_data (G_OBJECT (button), "field-row", row);
  g_object_set_data (G_OBJECT (button), "offset", GINT_TO_POINTER (offset));
  g_signal_connect (button, "clicked", G_CALLBACK (on_field_button), NULL);

  return button;
}

/* Move and remove live inside the field, so its title keeps the room. */
static void
add_field_buttons (GtkWidget *row)
{
  GtkWidget *line = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *up = field_button (row, "go-up-symbolic", _("Up"), -1);
  GtkWidget *down = field_button (row, "go-down-symbolic", _("Down"), 1);
  GtkWidget *remove = field_button (row, "user-trash-symbolic", _("Remove"), 0);

  gtk_widget_set_tooltip_text (up, _("Move Up"));
  gtk_widget_set_tooltip_text (down, _("Move Down"));
  gtk_widget_set_tooltip_text (remove, _("Remove Field"));
  gtk_widget_set_hexpand (remove, TRUE);
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), up);
  gtk_box_append (GTK_BOX (box), down);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_widget_add_css_class (box, "sy-form-field-buttons");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (line), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (line), FALSE);
  gtk_widget_add_css_class (line, "sy-edit-only");
  g_object_set_data (G_OBJECT (row), "buttons", line);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), line);
}

static GtkWidget *
entry_part (GtkWidget  *row,
            const char *part,
            const char *title,
            const char *text)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  g_object_set_data (G_OBJECT (row), part, entry);
  watch (row, entry, "changed");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry);

  return entry;
}

static GtkWidget *
new_field_row (SyFormFieldsEditor *self,
               JsonObject         *field)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *type = adw_combo_row_new ();
  GtkWidget *required_row = adw_action_row_new ();
  GtkWidget *required = gtk_switch_new ();
  GtkWidget *default_entry;
  GtkWidget *variables = sy_variable_button_new ();
  GtkWidget *add_option = adw_action_row_new ();
  JsonNode *default_value = json_object_get_member (field, "default");
  JsonNode *options = json_object_get_member (field, "options");
  const char *type_name = string_member (field, "type", "text");
  g_autofree char *default_text = sy_field_input_text_from_value (default_value);
  guint selected = 0;

  gtk_widget_add_css_class (row, "sy-form-field");
  g_object_set_data (G_OBJECT (row), "editor", self);
  g_object_set_data_full (G_OBJECT (row), "original", json_object_ref (field), (GDestroyNotify) json_object_unref);
  g_object_set_data_full (G_OBJECT (row), "options", g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);

  entry_part (row, "label", _("Label"), string_member (field, "label", NULL));
  entry_part (row, "name", _("Name"), string_member (field, "name", NULL));

  for (guint i = 0; types[i] != NULL; i++)
    {
      gtk_string_list_append (labels, _(type_labels[i]));
      if (g_strcmp0 (type_name, types[i]) == 0)
        selected = i;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (type), _("Type"));
  adw_combo_row_set_model (ADW_COMBO_ROW (type), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (type), selected);
  g_object_set_data (G_OBJECT (row), "type", type);
  watch (row, type, "notify::selected");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), type);

  default_entry = entry_part (row, "default", _("Default value"), default_text);
  sy_field_highlight_editable (GTK_EDITABLE (default_entry));
  sy_variable_button_set_target (SY_VARIABLE_BUTTON (variables), GTK_EDITABLE (default_entry));
  sy_variable_button_set_scope (SY_VARIABLE_BUTTON (variables), self->workflow, self->node);
  gtk_widget_add_css_class (variables, "sy-edit-only");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (default_entry), variables);
  g_object_set_data (G_OBJECT (row), "default-variables", variables);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (required_row), _("Required"));
  gtk_switch_set_active (GTK_SWITCH (required), boolean_member (field, "required"));
  gtk_widget_set_valign (required, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (required_row), required);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (required_row), required);
  g_object_set_data (G_OBJECT (row), "required", required);
  watch (row, required, "notify::active");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), required_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_option), _("Add Option"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (add_option), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add_option), TRUE);
  gtk_widget_add_css_class (add_option, "sy-edit-only");
  g_object_set_data (G_OBJECT (add_option), "field-row", row);
  g_signal_connect (add_option, "activated", G_CALLBACK (on_add_option), NULL);
  g_object_set_data (G_OBJECT (row), "add-option", add_option);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), add_option);

  if (options != NULL && JSON_NODE_HOLDS_ARRAY (options))
    {
      JsonArray *array = json_node_get_array (options);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *text = sy_field_input_text_from_value (json_array_get_element (array, i));

          add_option_row (row, text);
        }
    }

  add_field_buttons (row);
  update_summary (row);
  update_options_visible (row);
  sy_field_input_apply_editable (row, self->editable);

  return row;
}

static void
insert_row (SyFormFieldsEditor *self,
            GtkWidget          *row,
            guint               position)
{
  g_ptr_array_insert (self->rows, position, row);
  gtk_list_box_insert (self->list, row, position);
}

static JsonNode *
field_value (GtkWidget *row)
{
  JsonObject *field = sy_json_object_deep_copy (g_object_get_data (G_OBJECT (row), "original"));
  GPtrArray *options = g_object_get_data (G_OBJECT (row), "options");
  const char *type = row_type (row);
  JsonNode *default_value = sy_field_input_value_from_text (entry_text (row, "default"));

  json_object_set_string_member (field, "name", entry_text (row, "name"));
  json_object_set_string_member (field, "label", entry_text (row, "label"));
  json_object_set_string_member (field, "type", type);

  if (default_value != NULL)
    json_object_set_member (field, "default", default_value);
  else
    json_object_remove_member (field, "default");

  if (gtk_switch_get_active (g_object_get_data (G_OBJECT (row), "required")))
    json_object_set_boolean_member (field, "required", TRUE);
  else
    json_object_remove_member (field, "required");

  if (g_str_equal (type, "choice"))
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < options->len; i++)
        json_array_add_string_element (array, gtk_editable_get_text (g_ptr_array_index (options, i)));
      json_object_set_array_member (field, "options", array);
    }
  else
    json_object_remove_member (field, "options");

  return sy_json_node_take_object (field);
}

/* ── SyFieldInput ─────────────────────────────────────────────────────── */

static JsonNode *
sy_form_fields_editor_get_value (SyFieldInput *input)
{
  SyFormFieldsEditor *self = SY_FORM_FIELDS_EDITOR (input);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->rows->len; i++)
    json_array_add_element (array, field_value (g_ptr_array_index (self->rows, i)));

  return json_node_init_array (json_node_alloc (), array);
}

static void
clear_rows (SyFormFieldsEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
sy_form_fields_editor_set_value (SyFieldInput *input,
                                 JsonNode     *value)
{
  SyFormFieldsEditor *self = SY_FORM_FIELDS_EDITOR (input);
  g_autoptr(JsonNode) current = sy_form_fields_editor_get_value (input);

  /* Our own edit coming back: keep the rows, their focus and expansion. */
  if (value != NULL && json_node_equal (value, current))
    return;

  self->updating = TRUE;
  clear_rows (self);
  if (value != NULL && JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          /* Anything but an object is the validator's to explain; the row
           * starts blank and the original goes once it is edited. */
          if (JSON_NODE_HOLDS_OBJECT (element))
            insert_row (self, new_field_row (self, json_node_get_object (element)), self->rows->len);
          else
            {
              g_autoptr(JsonObject) empty = json_object_new ();

              insert_row (self, new_field_row (self, empty), self->rows->len);
            }
        }
    }
  self->updating = FALSE;
}

static void
sy_form_fields_editor_set_editable (SyFieldInput *input,
                                    gboolean      editable)
{
  SyFormFieldsEditor *self = SY_FORM_FIELDS_EDITOR (input);

  self->editable = editable;
  sy_field_input_apply_editable (GTK_WIDGET (self->list), editable);
}

static void
sy_form_fields_editor_set_scope (SyFieldInput *input,
                                 SyWorkflow   *workflow,
                                 SyNode       *node)
{
  SyFormFieldsEditor *self = SY_FORM_FIELDS_EDITOR (input);

  g_set_object (&self->workflow, workflow);
  g_set_object (&self->node, node);
  for (guint i = 0; i < self->rows->len; i++)
    sy_variable_button_set_scope (g_object_get_data (g_ptr_array_index (self->rows, i), "default-variables"),
                                  workflow, node);
}

static void
sy_form_fields_editor_field_input_init (SyFieldInputInterface *iface)
{
  iface->set_value = sy_form_fields_editor_set_value;
  iface->get_value = sy_form_fields_editor_get_value;
  iface->set_editable = sy_form_fields_editor_set_editable;
  iface->set_scope = sy_form_fields_editor_set_scope;
}

/* ── GObject ──────────────────────────────────────────────────────────── */

static void
on_add_field (SyFormFieldsEditor *self)
{
  GtkWidget *row = sy_form_fields_editor_add_field (self);

  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "label"));
}

static void
sy_form_fields_editor_dispose (GObject *object)
{
  SyFormFieldsEditor *self = SY_FORM_FIELDS_EDITOR (object);

  g_clear_pointer ((GtkWidget **) &self->list, gtk_widget_unparent);
  g_clear_object (&self->workflow);
  g_clear_object (&self->node);

  G_OBJECT_CLASS (sy_form_fields_editor_parent_class)->dispose (object);
}

static void
sy_form_fields_editor_finalize (GObject *object)
{
  SyFormFieldsEditor *self = SY_FORM_FIELDS_EDITOR (object);

  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (sy_form_fields_editor_parent_class)->finalize (object);
}

static void
sy_form_fields_editor_class_init (SyFormFieldsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_form_fields_editor_dispose;
  object_class->finalize = sy_form_fields_editor_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sy-form-fields-editor");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sy_form_fields_editor_init (SyFormFieldsEditor *self)
{
  GtkWidget *add = adw_action_row_new ();

  self->editable = TRUE;
  self->rows = g_ptr_array_new ();

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_parent (GTK_WIDGET (self->list), GTK_WIDGET (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _("Add Field"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (add), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add), TRUE);
  gtk_widget_add_css_class (add, "sy-add-row");
  gtk_widget_add_css_class (add, "sy-edit-only");
  g_signal_connect_swapped (add, "activated", G_CALLBACK (on_add_field), self);
  gtk_list_box_append (self->list, add);
  self->add_row = add;
}

GtkWidget *
sy_form_fields_editor_new (void)
{
  return g_object_new (SY_TYPE_FORM_FIELDS_EDITOR, NULL);
}

GtkWidget *
sy_form_fields_editor_add_field (SyFormFieldsEditor *self)
{
  g_autoptr(JsonObject) field = json_object_new ();
  g_autofree char *name = NULL;
  GtkWidget *row;

  g_return_val_if_fail (SY_IS_FORM_FIELDS_EDITOR (self), NULL);

  /* A name no other field has: field_1, field_2, … */
  for (guint n = self->rows->len + 1; name == NULL; n++)
    {
      gboolean taken = FALSE;

      name = g_strdup_printf ("field_%u", n);
      for (guint i = 0; i < self->rows->len && !taken; i++)
        taken = g_str_equal (entry_text (g_ptr_array_index (self->rows, i), "name"), name);
      if (taken)
        g_clear_pointer (&name, g_free);
    }

  json_object_set_string_member (field, "name", name);
  json_object_set_string_member (field, "type", "text");
  row = new_field_row (self, field);
  insert_row (self, row, self->rows->len);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  changed (self);

  return row;
}

void
sy_form_fields_editor_remove_field (SyFormFieldsEditor *self,
                                    GtkWidget          *row)
{
  g_return_if_fail (SY_IS_FORM_FIELDS_EDITOR (self));

  if (!g_ptr_array_remove (self->rows, row))
    return;
  gtk_list_box_remove (self->list, row);
  changed (self);
}

void
sy_form_fields_editor_move_field (SyFormFieldsEditor *self,
                                  GtkWidget          *row,
                                  int                 offset)
{
  guint index;
  int target;

  g_return_if_fail (SY_IS_FORM_FIELDS_EDITOR (self));

  if (!g_ptr_array_find (self->rows, row, &index))
    return;
  target = CLAMP ((int) index + offset, 0, (int) self->rows->len - 1);
  if (target == (int) index)
    return;

  g_object_ref (row);
  g_ptr_array_remove_index (self->rows, index);
  gtk_list_box_remove (self->list, row);
  insert_row (self, row, target);
  g_object_unref (row);
  changed (self);
}

GtkWidget *
sy_form_fields_editor_add_option (SyFormFieldsEditor *self,
                                  GtkWidget          *row)
{
  GtkWidget *option;

  g_return_val_if_fail (SY_IS_FORM_FIELDS_EDITOR (self), NULL);

  option = add_option_row (row, NULL);
  sy_field_input_apply_editable (option, self->editable);
  update_options_visible (row);
  changed (self);

  return option;
}

GList *
sy_form_fields_editor_get_rows (SyFormFieldsEditor *self)
{
  GList *list = NULL;

  g_return_val_if_fail (SY_IS_FORM_FIELDS_EDITOR (self), NULL);

  for (guint i = self->rows->len; i > 0; i--)
    list = g_list_prepend (list, g_ptr_array_index (self->rows, i - 1));

  return list;
}

GtkWidget *
sy_form_fields_editor_get_part (GtkWidget  *row,
                                const char *part)
{
  g_return_val_if_fail (ADW_IS_EXPANDER_ROW (row), NULL);

  return g_object_get_data (G_OBJECT (row), part);
}

GList *
sy_form_fields_editor_get_options (GtkWidget *row)
{
  GPtrArray *options;
  GList *list = NULL;

  g_return_val_if_fail (ADW_IS_EXPANDER_ROW (row), NULL);

  options = g_object_get_data (G_OBJECT (row), "options");
  for (guint i = options->len; i > 0; i--)
    list = g_list_prepend (list, g_ptr_array_index (options, i - 1));

  return list;
}
