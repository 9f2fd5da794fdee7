/* sy-field-editor.c — edits one config member described by a SyFieldSpec
 *
 * The inspector builds its form from a kind's `fields`; this widget is one
 * of them. The input follows the field kind:
 *   TEXT, NUMBER, INTEGER, DURATION  AdwEntryRow (numbers or a placeholder)
 *   SWITCH                           AdwActionRow + GtkSwitch
 *   CHOICE, NODE                     AdwComboRow
 *   MULTILINE, CODE, JSON            GtkSourceView (CODE highlighted per language)
 *   CONDITIONS                       SyConditionsEditor (rule groups)
 *   FORM                             SyFormFieldsEditor (a form's fields)
 *   PEOPLE                           SyPeopleEditor (people and variables)
 *   KEY_VALUES, LIST                 editable rows with add and remove
 * Under it sit the description and the validation message. Fields that
 * accept variables get a "{x}" button opening the variable picker.
 */
#define G_LOG_DOMAIN "switchyard-field-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "sy-conditions-editor.h"
#include "sy-field-editor.h"
#include "sy-field-input.h"
#include "sy-form-fields-editor.h"
#include "sy-people-editor.h"
#include "sy-source-style.h"
#include "sy-variable-button.h"
#include "sy-widget-util.h"

struct _SyFieldEditor
{
  GtkWidget parent_instance;

  const SyFieldSpec *spec;
  char              *language;
  SyWorkflow        *workflow;
  SyNode            *node;

  GtkWidget         *input;          /* entry/combo/switch row, source view, or a SyFieldInput */
  GtkWidget         *header;         /* label + picker for block fields */
  GtkListBox        *rows;           /* boxed list of row fields and item lists */
  GtkSourceBuffer   *buffer;         /* text fields */
  GtkSwitch         *toggle;         /* SWITCH */
  GtkStringList     *node_keys;      /* NODE: key per combo position (0 = none) */
  GtkWidget         *add_row;        /* KEY_VALUES, LIST */
  GPtrArray         *item_rows;      /* KEY_VALUES, LIST: GtkListBoxRow */
  SyVariableButton  *variable_button;
  GtkWidget         *insert_target;  /* last focused editable inside the field */
  GtkLabel          *description;
  GtkLabel          *problem;
  char              *json_error;     /* local parse error of JSON fields */
  char              *engine_problem;
  gboolean           updating;
  gboolean           editable;
};

G_DEFINE_FINAL_TYPE (SyFieldEditor, sy_field_editor, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
kind_is_row (SyFieldKind kind)
{
  switch (kind)
    {
    case SY_FIELD_TEXT:
    case SY_FIELD_NUMBER:
    case SY_FIELD_INTEGER:
    case SY_FIELD_DURATION:
    case SY_FIELD_SWITCH:
    case SY_FIELD_CHOICE:
    case SY_FIELD_NODE:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
kind_is_json_text (SyFieldKind kind)
{
  return kind == SY_FIELD_JSON;
}

/* Values with an editor of their own (a SyFieldInput). */
static gboolean
kind_is_structured (SyFieldKind kind)
{
  return kind == SY_FIELD_CONDITIONS || kind == SY_FIELD_FORM || kind == SY_FIELD_PEOPLE;
}

static gboolean
kind_is_number (SyFieldKind kind)
{
  return kind == SY_FIELD_NUMBER || kind == SY_FIELD_INTEGER || kind == SY_FIELD_DURATION;
}

/* ── Placeholder highlighting ─────────────────────────────────────────── */

/* Calls `func` for every "{{…}}" range (byte offsets) in `text`. */
static void
foreach_placeholder (const char *text,
                     void      (*func) (guint start, guint end, gpointer data),
                     gpointer    data)
{
  const char *p = text;

  while ((p = strstr (p, "{{")) != NULL)
    {
      const char *close = strstr (p + 2, "}}");

      if (close == NULL)
        break;
      func (p - text, close + 2 - text, data);
      p = close + 2;
    }
}

static void
lookup_accent (GtkWidget *widget,
               GdkRGBA   *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (widget == NULL
      || !gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color", color))
    gdk_rgba_parse (color, "#1c71d8");
  G_GNUC_END_IGNORE_DEPRECATIONS
}

GtkTextTag *
sy_field_ensure_placeholder_tag (GtkTextBuffer *buffer)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, "sy-placeholder");

  if (tag == NULL)
    {
      tag = gtk_text_buffer_create_tag (buffer, "sy-placeholder",
                                        "weight", PANGO_WEIGHT_BOLD,
                                        NULL);
      gtk_text_tag_set_priority (tag, gtk_text_tag_table_get_size (table) - 1);
    }

  return tag;
}

typedef struct
{
  GtkTextBuffer *buffer;
  const char    *text;
} HighlightData;

static void
tag_range (guint    start,
           guint    end,
           gpointer data)
{
  HighlightData *highlight = data;
  GtkTextIter start_iter;
  GtkTextIter end_iter;

  gtk_text_buffer_get_iter_at_offset (highlight->buffer, &start_iter,
                                      g_utf8_pointer_to_offset (highlight->text, highlight->text + start));
  gtk_text_buffer_get_iter_at_offset (highlight->buffer, &end_iter,
                                      g_utf8_pointer_to_offset (highlight->text, highlight->text + end));
  gtk_text_buffer_apply_tag_by_name (highlight->buffer, "sy-placeholder", &start_iter, &end_iter);
}

void
sy_field_highlight_placeholders (GtkTextBuffer *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;
  HighlightData data;

  sy_field_ensure_placeholder_tag (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "sy-placeholder", &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  data.buffer = buffer;
  data.text = text;
  foreach_placeholder (text, tag_range, &data);
}

void
sy_field_highlight_editable (GtkEditable *editable)
{
  GtkEditable *delegate = gtk_editable_get_delegate (editable);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  const char *text = gtk_editable_get_text (editable);
  GdkRGBA accent;
  const char *p = text;

  if (!GTK_IS_TEXT (delegate))
    return;

  lookup_accent (GTK_WIDGET (editable), &accent);
  while ((p = strstr (p, "{{")) != NULL)
    {
      const char *close = strstr (p + 2, "}}");
      PangoAttribute *attr;

      if (close == NULL)
        break;
      attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      attr->start_index = p - text;
      attr->end_index = close + 2 - text;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_foreground_new (accent.red * 65535, accent.green * 65535, accent.blue * 65535);
      attr->start_index = p - text;
      attr->end_index = close + 2 - text;
      pango_attr_list_insert (attrs, attr);
      p = close + 2;
    }

  gtk_text_set_attributes (GTK_TEXT (delegate), attrs);
}

static void
update_tag_colors (SyFieldEditor *self)
{
  GtkTextTag *tag;
  GdkRGBA accent;

  if (self->buffer == NULL)
    return;

  lookup_accent (GTK_WIDGET (self), &accent);
  tag = sy_field_ensure_placeholder_tag (GTK_TEXT_BUFFER (self->buffer));
  g_object_set (tag, "foreground-rgba", &accent, NULL);
}

/* ── Problems ─────────────────────────────────────────────────────────── */

static void
update_problem (SyFieldEditor *self)
{
  const char *message = self->json_error ? self->json_error : self->engine_problem;
  /* The engine's messages start in lower case; under a field they start a sentence. */
  g_autofree char *shown = message != NULL ? sy_text_capitalize (message) : NULL;

  gtk_label_set_text (self->problem, shown ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), message != NULL);

  if (self->input != NULL)
    {
      GtkWidget *styled = self->input;

      if (GTK_SOURCE_IS_VIEW (styled))
        styled = gtk_widget_get_parent (styled);
      if (message != NULL)
        gtk_widget_add_css_class (styled, "error");
      else
        gtk_widget_remove_css_class (styled, "error");
    }
}

/* ── Emitting edits ───────────────────────────────────────────────────── */

static void
emit_changed (SyFieldEditor *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_entry_changed (SyFieldEditor *self,
                  GParamSpec    *pspec,
                  GtkEditable   *editable)
{
  sy_field_highlight_editable (editable);
  emit_changed (self);
}

static void
on_buffer_changed (SyFieldEditor *self)
{
  sy_field_highlight_placeholders (GTK_TEXT_BUFFER (self->buffer));

  if (kind_is_json_text (self->spec->kind))
    {
      g_autoptr(JsonNode) value = NULL;

      /* Only valid JSON reaches the document; say why until it is. */
      g_clear_pointer (&self->json_error, g_free);
      value = sy_field_editor_get_value (self);
      update_problem (self);
      if (self->json_error != NULL)
        return;
    }

  emit_changed (self);
}

static void
on_switch_active (SyFieldEditor *self)
{
  emit_changed (self);
}

static void
on_combo_selected (SyFieldEditor *self)
{
  emit_changed (self);
}

/* ── Item lists (KEY_VALUES, LIST) ────────────────────────────────────── */

static void
on_focus_enter (GtkEventControllerFocus *controller,
                SyFieldEditor           *self)
{
  self->insert_target = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
}

static void
track_focus (SyFieldEditor *self,
             GtkWidget     *editable)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "enter", G_CALLBACK (on_focus_enter), self);
  gtk_widget_add_controller (editable, focus);
}

static void on_remove_item (GtkButton *button, SyFieldEditor *self);

static GtkWidget *
add_item_row (SyFieldEditor *self,
              const char    *name,
              const char    *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *value_entry = gtk_entry_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (box, "sy-item-row");

  if (self->spec->kind == SY_FIELD_KEY_VALUES)
    {
      GtkWidget *name_entry = gtk_entry_new ();

      gtk_entry_set_placeholder_text (GTK_ENTRY (name_entry), _("Name"));
      gtk_editable_set_text (GTK_EDITABLE (name_entry), name ? name : "");
      gtk_editable_set_width_chars (GTK_EDITABLE (name_entry), 8);
      gtk_widget_set_hexpand (name_entry, TRUE);
      g_object_set_data (G_OBJECT (row), "name", name_entry);
      g_signal_connect_object (name_entry, "notify::text", G_CALLBACK (on_entry_changed), self, G_CONNECT_SWAPPED);
      track_focus (self, name_entry);
      gtk_box_append (GTK_BOX (box), name_entry);
    }

  gtk_entry_set_placeholder_text (GTK_ENTRY (value_entry), _("Value"));
  gtk_editable_set_text (GTK_EDITABLE (value_entry), value ? value : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (value_entry), 8);
  gtk_widget_set_hexpand (value_entry, TRUE);
  g_object_set_data (G_OBJECT (row), "value", value_entry);
  g_signal_connect_object (value_entry, "notify::text", G_CALLBACK (on_entry_changed), self, G_CONNECT_SWAPPED);
  track_focus (self, value_entry);
  gtk_box_append (GTK_BOX (box), value_entry);
  sy_field_highlight_editable (GTK_EDITABLE (value_entry));

  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_item), self);
  g_object_set_data (G_OBJECT (remove), "row", row);
  gtk_box_append (GTK_BOX (box), remove);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_insert (self->rows, row, self->item_rows->len);
  g_ptr_array_add (self->item_rows, row);
  gtk_widget_set_sensitive (row, self->editable);

  return row;
}

static void
on_remove_item (GtkButton     *button,
                SyFieldEditor *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");

  if (self->insert_target && gtk_widget_is_ancestor (self->insert_target, row))
    self->insert_target = NULL;
  g_ptr_array_remove (self->item_rows, row);
  gtk_list_box_remove (self->rows, row);
  emit_changed (self);
}

static void
on_add_item (SyFieldEditor *self)
{
  GtkWidget *row = add_item_row (self, NULL, NULL);
  GtkWidget *first = g_object_get_data (G_OBJECT (row), "name");

  gtk_widget_grab_focus (first ? first : g_object_get_data (G_OBJECT (row), "value"));
  emit_changed (self);
}

static void
clear_items (SyFieldEditor *self)
{
  for (guint i = 0; i < self->item_rows->len; i++)
    gtk_list_box_remove (self->rows, g_ptr_array_index (self->item_rows, i));
  g_ptr_array_set_size (self->item_rows, 0);
  self->insert_target = NULL;
}

static void
set_items (SyFieldEditor *self,
           JsonNode      *value)
{
  JsonArray *array;

  clear_items (self);
  if (value == NULL || !JSON_NODE_HOLDS_ARRAY (value))
    return;

  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (self->spec->kind == SY_FIELD_KEY_VALUES && JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonObject *object = json_node_get_object (element);
          g_autofree char *value_text = sy_field_input_text_from_value (json_object_get_member (object, "value"));

          add_item_row (self, json_object_get_string_member_with_default (object, "name", ""), value_text);
        }
      else
        {
          g_autofree char *text = sy_field_input_text_from_value (element);

          add_item_row (self, NULL, text);
        }
    }
}

static JsonNode *
get_items (SyFieldEditor *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->item_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->item_rows, i);
      GtkEditable *name = g_object_get_data (row, "name");
      GtkEditable *value = g_object_get_data (row, "value");

      if (self->spec->kind == SY_FIELD_KEY_VALUES)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, gtk_editable_get_text (name));
          json_builder_set_member_name (builder, "value");
          json_builder_add_string_value (builder, gtk_editable_get_text (value));
          json_builder_end_object (builder);
        }
      else
        json_builder_add_string_value (builder, gtk_editable_get_text (value));
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

/* ── Variable picker ──────────────────────────────────────────────────── */

static void
on_variable_chosen (SyFieldEditor *self,
                    const char    *placeholder)
{
  sy_field_editor_insert_text (self, placeholder);
}

static GtkWidget *
make_picker_button (SyFieldEditor *self)
{
  GtkWidget *button = sy_variable_button_new ();

  gtk_widget_add_css_class (button, "sy-variable-button");
  g_signal_connect_object (button, "variable-chosen", G_CALLBACK (on_variable_chosen), self, G_CONNECT_SWAPPED);
  self->variable_button = SY_VARIABLE_BUTTON (button);

  return button;
}

/* ── Building ─────────────────────────────────────────────────────────── */

static void
build_text_input (SyFieldEditor *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view;
  gboolean code = self->spec->kind == SY_FIELD_CODE || kind_is_json_text (self->spec->kind);

  self->buffer = gtk_source_buffer_new (NULL);
  view = gtk_source_view_new_with_buffer (self->buffer);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), code ? GTK_WRAP_CHAR : GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), code);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  if (code)
    {
      gtk_source_view_set_auto_indent (GTK_SOURCE_VIEW (view), TRUE);
      gtk_source_buffer_set_highlight_matching_brackets (self->buffer, TRUE);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(self->spec->label), -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), code ? 96 : 64);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_add_css_class (scrolled, "sy-text-field");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_parent (scrolled, GTK_WIDGET (self));

  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);
  /* The scheme follows the style; the placeholders' accent colour too. */
  sy_source_buffer_follow_style (self->buffer);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_tag_colors), self, G_CONNECT_SWAPPED);
  self->input = view;
  update_tag_colors (self);

  if (kind_is_json_text (self->spec->kind))
    sy_field_editor_set_language (self, "json");
  else if (self->spec->kind == SY_FIELD_CODE
           && self->spec->language != NULL
           && (g_str_equal (self->spec->language, "jq") || g_str_equal (self->spec->language, "lua")
               || g_str_equal (self->spec->language, "json") || g_str_equal (self->spec->language, "sql")))
    sy_field_editor_set_language (self, self->spec->language);
}

static void
build_row_input (SyFieldEditor *self)
{
  const char *label = _(self->spec->label);
  GtkWidget *row = NULL;

  switch (self->spec->kind)
    {
    case SY_FIELD_SWITCH:
      row = adw_action_row_new ();
      self->toggle = GTK_SWITCH (gtk_switch_new ());
      gtk_widget_set_valign (GTK_WIDGET (self->toggle), GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->toggle));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->toggle));
      g_signal_connect_object (self->toggle, "notify::active", G_CALLBACK (on_switch_active), self, G_CONNECT_SWAPPED);
      break;

    case SY_FIELD_CHOICE:
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

        for (guint i = 0; self->spec->choices && self->spec->choices[i]; i++)
          gtk_string_list_append (labels, self->spec->choice_labels && self->spec->choice_labels[i]
                                            ? _(self->spec->choice_labels[i])
                                            : self->spec->choices[i]);
        row = adw_combo_row_new ();
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
        g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_combo_selected), self, G_CONNECT_SWAPPED);
      }
      break;

    case SY_FIELD_NODE:
      row = adw_combo_row_new ();
      self->node_keys = gtk_string_list_new (NULL);
      sy_field_editor_set_node_choices (self, NULL, NULL);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_combo_selected), self, G_CONNECT_SWAPPED);
      break;

    default:
      row = adw_entry_row_new ();
      if (kind_is_number (self->spec->kind))
        gtk_editable_set_width_chars (GTK_EDITABLE (row), 6);
      g_signal_connect_object (row, "notify::text", G_CALLBACK (on_entry_changed), self, G_CONNECT_SWAPPED);
      if (self->spec->variables)
        adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), make_picker_button (self));
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_append (self->rows, row);
  self->input = row;
}

static void
build_header (SyFieldEditor *self)
{
  GtkWidget *label = gtk_label_new (_(self->spec->label));

  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->header, "sy-field-header");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (self->header), label);

  /* Structured editors have a picker next to each input that takes variables. */
  if (self->spec->variables && !kind_is_structured (self->spec->kind))
    gtk_box_append (GTK_BOX (self->header), make_picker_button (self));

  gtk_widget_set_parent (self->header, GTK_WIDGET (self));
}

static void
build (SyFieldEditor *self)
{
  SyFieldKind kind = self->spec->kind;

  if (kind_is_row (kind) || kind == SY_FIELD_KEY_VALUES || kind == SY_FIELD_LIST)
    {
      self->rows = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (self->rows, GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (self->rows), "boxed-list");
    }

  if (kind_is_row (kind))
    {
      gtk_widget_set_parent (GTK_WIDGET (self->rows), GTK_WIDGET (self));
      build_row_input (self);
    }
  else if (kind == SY_FIELD_KEY_VALUES || kind == SY_FIELD_LIST)
    {
      GtkWidget *add = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");

      build_header (self);
      gtk_widget_set_parent (GTK_WIDGET (self->rows), GTK_WIDGET (self));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), kind == SY_FIELD_KEY_VALUES ? _("Add Entry") : _("Add Item"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (add), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add), TRUE);
      gtk_widget_add_css_class (add, "sy-add-row");
      g_signal_connect_object (add, "activated", G_CALLBACK (on_add_item), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->rows, add);
      self->add_row = add;
      self->input = GTK_WIDGET (self->rows);
    }
  else if (kind_is_structured (kind))
    {
      build_header (self);
      if (kind == SY_FIELD_CONDITIONS)
        self->input = sy_conditions_editor_new ();
      else if (kind == SY_FIELD_FORM)
        self->input = sy_form_fields_editor_new ();
      else
        self->input = sy_people_editor_new ();
      gtk_widget_set_parent (self->input, GTK_WIDGET (self));
      g_signal_connect_object (self->input, "changed", G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
    }
  else
    {
      build_header (self);
      build_text_input (self);
    }

  if (self->spec->description != NULL)
    {
      gtk_label_set_text (self->description, _(self->spec->description));
      gtk_widget_set_visible (GTK_WIDGET (self->description), TRUE);
    }
  /* Description and message go last. */
  gtk_widget_insert_before (GTK_WIDGET (self->description), GTK_WIDGET (self), NULL);
  gtk_widget_insert_before (GTK_WIDGET (self->problem), GTK_WIDGET (self), NULL);

  if (self->input != NULL && self->insert_target == NULL)
    self->insert_target = self->input;
}

static void
sy_field_editor_dispose (GObject *object)
{
  SyFieldEditor *self = SY_FIELD_EDITOR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->buffer);
  g_clear_object (&self->node_keys);
  g_clear_object (&self->workflow);
  g_clear_object (&self->node);

  G_OBJECT_CLASS (sy_field_editor_parent_class)->dispose (object);
}

static void
sy_field_editor_finalize (GObject *object)
{
  SyFieldEditor *self = SY_FIELD_EDITOR (object);

  g_clear_pointer (&self->item_rows, g_ptr_array_unref);
  g_free (self->language);
  g_free (self->json_error);
  g_free (self->engine_problem);

  G_OBJECT_CLASS (sy_field_editor_parent_class)->finalize (object);
}

static void
sy_field_editor_class_init (SyFieldEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_field_editor_dispose;
  object_class->finalize = sy_field_editor_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sy-field-editor");

  /* GtkSourceView ships json, lua and sql; jq.lang comes with us. */
  gtk_source_language_manager_append_search_path (gtk_source_language_manager_get_default (),
                                                  "resource://" RESOURCE_BASE_PATH "/language-specs");
}

static void
sy_field_editor_init (SyFieldEditor *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->editable = TRUE;
  self->item_rows = g_ptr_array_new ();

  self->description = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->description, TRUE);
  gtk_label_set_xalign (self->description, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->description), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->description), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->description), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->description), GTK_WIDGET (self));

  self->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem, TRUE);
  gtk_label_set_xalign (self->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "sy-field-problem");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->problem), GTK_WIDGET (self));
}

GtkWidget *
sy_field_editor_new (const SyFieldSpec *spec)
{
  SyFieldEditor *self;

  g_return_val_if_fail (spec != NULL && spec->name != NULL, NULL);

  self = g_object_new (SY_TYPE_FIELD_EDITOR, NULL);
  self->spec = spec;
  build (self);

  return GTK_WIDGET (self);
}

const SyFieldSpec *
sy_field_editor_get_spec (SyFieldEditor *self)
{
  g_return_val_if_fail (SY_IS_FIELD_EDITOR (self), NULL);

  return self->spec;
}

static JsonNode *
default_value (SyFieldEditor *self)
{
  if (self->spec->default_json == NULL)
    return NULL;
  return json_from_string (self->spec->default_json, NULL);
}

void
sy_field_editor_set_value (SyFieldEditor *self,
                           JsonNode      *value)
{
  g_autoptr(JsonNode) fallback = NULL;
  gboolean was_updating;

  g_return_if_fail (SY_IS_FIELD_EDITOR (self));

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    value = fallback = default_value (self);

  was_updating = self->updating;
  self->updating = TRUE;

  switch (self->spec->kind)
    {
    case SY_FIELD_SWITCH:
      gtk_switch_set_active (self->toggle, value != NULL && JSON_NODE_HOLDS_VALUE (value)
                                           && json_node_get_value_type (value) == G_TYPE_BOOLEAN
                                           && json_node_get_boolean (value));
      break;

    case SY_FIELD_CHOICE:
      {
        const char *text = value && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
                           ? json_node_get_string (value) : NULL;
        guint position = 0;

        for (guint i = 0; text && self->spec->choices && self->spec->choices[i]; i++)
          if (g_str_equal (self->spec->choices[i], text))
            position = i;
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->input), position);
      }
      break;

    case SY_FIELD_NODE:
      {
        const char *text = value && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
                           ? json_node_get_string (value) : NULL;
        guint n = g_list_model_get_n_items (G_LIST_MODEL (self->node_keys));
        guint position = 0;

        for (guint i = 1; text && i < n; i++)
          if (g_str_equal (gtk_string_list_get_string (self->node_keys, i), text))
            position = i;
        /* A key that is no longer upstream still shows, so nothing is lost silently. */
        if (text != NULL && *text != '\0' && position == 0)
          {
            GListModel *labels = adw_combo_row_get_model (ADW_COMBO_ROW (self->input));

            gtk_string_list_append (self->node_keys, text);
            gtk_string_list_append (GTK_STRING_LIST (labels), text);
            position = n;
          }
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->input), position);
      }
      break;

    case SY_FIELD_KEY_VALUES:
    case SY_FIELD_LIST:
      set_items (self, value);
      break;

    case SY_FIELD_CONDITIONS:
    case SY_FIELD_FORM:
    case SY_FIELD_PEOPLE:
      sy_field_input_set_value (SY_FIELD_INPUT (self->input), value);
      break;

    case SY_FIELD_TEXT:
    case SY_FIELD_NUMBER:
    case SY_FIELD_INTEGER:
    case SY_FIELD_DURATION:
      {
        g_autofree char *text = sy_field_input_text_from_value (value);

        if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->input)), text) != 0)
          gtk_editable_set_text (GTK_EDITABLE (self->input), text);
        sy_field_highlight_editable (GTK_EDITABLE (self->input));
      }
      break;

    default:
      {
        g_autofree char *text = NULL;
        g_autofree char *current = NULL;
        GtkTextIter start, end;

        if (kind_is_json_text (self->spec->kind))
          text = value ? json_to_string (value, TRUE) : g_strdup ("");
        else
          text = sy_field_input_text_from_value (value);

        gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
        current = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
        if (g_strcmp0 (current, text) != 0)
          gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text, -1);
        g_clear_pointer (&self->json_error, g_free);
        update_problem (self);
      }
      break;
    }

  self->updating = was_updating;
}

/* "12" → 12, "1.5" → 1.5, "{{…}}" or anything else → the text (the
 * validator explains what is wrong with it). */
static JsonNode *
number_from_text (SyFieldKind  kind,
                  const char  *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  char *end = NULL;
  double number;

  if (*stripped == '\0')
    {
      json_node_unref (node);
      return NULL;
    }

  number = g_ascii_strtod (stripped, &end);
  if (end != stripped && *end == '\0')
    {
      if (kind != SY_FIELD_NUMBER && number == (double) (gint64) number)
        json_node_set_int (node, (gint64) number);
      else if (number == (double) (gint64) number && strchr (stripped, '.') == NULL)
        json_node_set_int (node, (gint64) number);
      else
        json_node_set_double (node, number);
    }
  else
    json_node_set_string (node, stripped);

  return node;
}

JsonNode *
sy_field_editor_get_value (SyFieldEditor *self)
{
  JsonNode *node;

  g_return_val_if_fail (SY_IS_FIELD_EDITOR (self), NULL);

  switch (self->spec->kind)
    {
    case SY_FIELD_SWITCH:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, gtk_switch_get_active (self->toggle));
      return node;

    case SY_FIELD_CHOICE:
      {
        guint position = adw_combo_row_get_selected (ADW_COMBO_ROW (self->input));

        if (self->spec->choices == NULL || position >= g_strv_length ((char **) self->spec->choices))
          return NULL;
        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_string (node, self->spec->choices[position]);
        return node;
      }

    case SY_FIELD_NODE:
      {
        guint position = adw_combo_row_get_selected (ADW_COMBO_ROW (self->input));

        if (position == 0 || position == GTK_INVALID_LIST_POSITION)
          return NULL;
        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_string (node, gtk_string_list_get_string (self->node_keys, position));
        return node;
      }

    case SY_FIELD_KEY_VALUES:
    case SY_FIELD_LIST:
      return get_items (self);

    case SY_FIELD_CONDITIONS:
    case SY_FIELD_FORM:
    case SY_FIELD_PEOPLE:
      return sy_field_input_get_value (SY_FIELD_INPUT (self->input));

    case SY_FIELD_NUMBER:
    case SY_FIELD_INTEGER:
    case SY_FIELD_DURATION:
      return number_from_text (self->spec->kind, gtk_editable_get_text (GTK_EDITABLE (self->input)));

    case SY_FIELD_TEXT:
      {
        const char *text = gtk_editable_get_text (GTK_EDITABLE (self->input));

        if (*text == '\0')
          return NULL;
        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_string (node, text);
        return node;
      }

    default:
      {
        g_autofree char *text = NULL;
        GtkTextIter start, end;

        gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
        text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);

        if (kind_is_json_text (self->spec->kind))
          {
            g_autoptr(GError) error = NULL;
            g_autofree char *stripped = g_strstrip (g_strdup (text));

            if (*stripped == '\0')
              return NULL;
            node = json_from_string (stripped, &error);
            if (node == NULL)
              {
                g_free (self->json_error);
                /* Translators: %s is the JSON parser's message */
                self->json_error = g_strdup_printf (_("Not valid JSON: %s"), error->message);
              }
            return node;
          }

        if (*text == '\0')
          return NULL;
        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_string (node, text);
        return node;
      }
    }
}

void
sy_field_editor_set_problem (SyFieldEditor *self,
                             const char    *message)
{
  g_return_if_fail (SY_IS_FIELD_EDITOR (self));

  if (g_strcmp0 (self->engine_problem, message) == 0)
    return;

  g_free (self->engine_problem);
  self->engine_problem = g_strdup (message);
  update_problem (self);
}

const char *
sy_field_editor_get_problem (SyFieldEditor *self)
{
  g_return_val_if_fail (SY_IS_FIELD_EDITOR (self), NULL);

  return self->json_error ? self->json_error : self->engine_problem;
}

void
sy_field_editor_set_editable (SyFieldEditor *self,
                              gboolean       editable)
{
  g_return_if_fail (SY_IS_FIELD_EDITOR (self));

  self->editable = editable;
  if (GTK_IS_TEXT_VIEW (self->input))
    gtk_text_view_set_editable (GTK_TEXT_VIEW (self->input), editable);
  else if (SY_IS_FIELD_INPUT (self->input))
    sy_field_input_set_editable (SY_FIELD_INPUT (self->input), editable);
  else if (GTK_IS_EDITABLE (self->input))
    gtk_editable_set_editable (GTK_EDITABLE (self->input), editable);
  else if (self->input != NULL)
    gtk_widget_set_sensitive (self->input, editable);
  for (guint i = 0; i < self->item_rows->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->item_rows, i), editable);
  if (self->add_row != NULL)
    gtk_widget_set_visible (self->add_row, editable);
  if (self->variable_button != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->variable_button), editable);
}

void
sy_field_editor_set_language (SyFieldEditor *self,
                              const char    *language)
{
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();
  const char *id = NULL;

  g_return_if_fail (SY_IS_FIELD_EDITOR (self));

  if (g_strcmp0 (self->language, language) == 0 && self->language != NULL)
    return;
  g_free (self->language);
  self->language = g_strdup (language);

  if (self->buffer == NULL)
    return;

  if (g_strcmp0 (language, "jq") == 0)
    id = "jq";
  else if (g_strcmp0 (language, "lua") == 0)
    id = "lua";
  else if (g_strcmp0 (language, "json") == 0)
    id = "json";
  else if (g_strcmp0 (language, "sql") == 0)
    id = "sql";

  gtk_source_buffer_set_language (self->buffer, id ? gtk_source_language_manager_get_language (manager, id) : NULL);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->input), id != NULL);
}

const char *
sy_field_editor_get_language (SyFieldEditor *self)
{
  GtkSourceLanguage *language;

  g_return_val_if_fail (SY_IS_FIELD_EDITOR (self), NULL);

  if (self->buffer == NULL)
    return NULL;
  language = gtk_source_buffer_get_language (self->buffer);
  return language ? gtk_source_language_get_id (language) : NULL;
}

void
sy_field_editor_set_node_choices (SyFieldEditor      *self,
                                  const char * const *keys,
                                  const char * const *labels)
{
  g_autoptr(GtkStringList) label_list = NULL;
  gboolean was_updating;

  g_return_if_fail (SY_IS_FIELD_EDITOR (self));
  g_return_if_fail (self->spec->kind == SY_FIELD_NODE);

  label_list = gtk_string_list_new (NULL);
  gtk_string_list_splice (self->node_keys, 0, g_list_model_get_n_items (G_LIST_MODEL (self->node_keys)), NULL);
  gtk_string_list_append (self->node_keys, "");
  gtk_string_list_append (label_list, _("None"));
  for (guint i = 0; keys && keys[i]; i++)
    {
      gtk_string_list_append (self->node_keys, keys[i]);
      gtk_string_list_append (label_list, labels && labels[i] ? labels[i] : keys[i]);
    }

  was_updating = self->updating;
  self->updating = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self->input), G_LIST_MODEL (label_list));
  self->updating = was_updating;
}

void
sy_field_editor_set_scope (SyFieldEditor *self,
                           SyWorkflow    *workflow,
                           SyNode        *node)
{
  g_return_if_fail (SY_IS_FIELD_EDITOR (self));

  g_set_object (&self->workflow, workflow);
  g_set_object (&self->node, node);
  if (self->variable_button != NULL)
    sy_variable_button_set_scope (self->variable_button, workflow, node);
  if (SY_IS_FIELD_INPUT (self->input))
    sy_field_input_set_scope (SY_FIELD_INPUT (self->input), workflow, node);
}

void
sy_field_editor_insert_text (SyFieldEditor *self,
                             const char    *text)
{
  GtkWidget *target;

  g_return_if_fail (SY_IS_FIELD_EDITOR (self));

  target = self->insert_target ? self->insert_target : self->input;

  if (GTK_IS_TEXT_VIEW (target))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (target));

      gtk_text_buffer_insert_at_cursor (buffer, text, -1);
      gtk_widget_grab_focus (target);
    }
  else if (GTK_IS_EDITABLE (target))
    sy_editable_insert_at_cursor (GTK_EDITABLE (target), text);
}

GtkWidget *
sy_field_editor_get_input (SyFieldEditor *self)
{
  g_return_val_if_fail (SY_IS_FIELD_EDITOR (self), NULL);

  return self->input;
}

GtkWidget *
sy_field_editor_get_picker (SyFieldEditor *self)
{
  g_return_val_if_fail (SY_IS_FIELD_EDITOR (self), NULL);

  if (self->variable_button == NULL)
    return NULL;
  return sy_variable_button_get_picker (self->variable_button);
}
