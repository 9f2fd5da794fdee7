/* sy-task-form.c — the fields of a task's (or a request's) form, editable
 *
 * One row per field in a boxed list: text in an entry row, multi-line text
 * in a text view, numbers in an entry row that must parse, switches,
 * dates picked from a calendar (kept as YYYY-MM-DD), choices in a combo
 * row. Values over defaults: a saved draft comes back as it was left.
 */
#define G_LOG_DOMAIN "switchyard-task-form"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-task.h"
#include "sy-task-form.h"
#include "sy-value-view.h"

typedef struct
{
  char      *name;
  char      *label;
  char      *type;
  JsonNode  *options;  /* choice: the option values, in order */
  GtkWidget *row;
  GtkWidget *editor;   /* entry row, text view, switch, date button or combo row */
  char      *date;     /* date: YYYY-MM-DD or NULL */
} Field;

struct _SyTaskForm
{
  GtkWidget  parent_instance;

  JsonNode  *form;
  GtkWidget *list;
  GPtrArray *fields;  /* of Field */
};

G_DEFINE_FINAL_TYPE (SyTaskForm, sy_task_form, GTK_TYPE_WIDGET)

static void
field_free (Field *field)
{
  g_free (field->name);
  g_free (field->label);
  g_free (field->type);
  g_clear_pointer (&field->options, json_node_unref);
  g_free (field->date);
  g_free (field);
}

static Field *
find_field (SyTaskForm *self,
            const char *name)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (field->name, name) == 0)
        return field;
    }

  return NULL;
}

/* ── Choices ─────────────────────────────────────────────────────────── */

/* An option is a plain value or {value, label}. */
static JsonNode *
option_value (JsonNode *option)
{
  if (JSON_NODE_HOLDS_OBJECT (option) && json_object_has_member (json_node_get_object (option), "value"))
    return json_object_get_member (json_node_get_object (option), "value");

  return option;
}

static char *
option_label (JsonNode *option)
{
  if (JSON_NODE_HOLDS_OBJECT (option))
    {
      JsonObject *object = json_node_get_object (option);
      const char *label = json_object_get_string_member_with_default (object, "label", NULL);

      if (label != NULL)
        return g_strdup (label);
    }

  return sy_value_view_scalar_text (option_value (option));
}

static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  return a != NULL && b != NULL && json_node_equal (a, b);
}

/* ── Dates ───────────────────────────────────────────────────────────── */

static void
show_date (Field *field)
{
  gtk_menu_button_set_label (GTK_MENU_BUTTON (field->editor),
                             field->date != NULL ? field->date : _("Pick a Date"));
}

static void
on_day_selected (GtkCalendar *calendar,
                 Field       *field)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);

  g_free (field->date);
  field->date = g_date_time_format (day, "%Y-%m-%d");
  show_date (field);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (field->editor));
}

static void
set_date (Field      *field,
          const char *text)
{
  int year, month, day;

  g_clear_pointer (&field->date, g_free);
  if (text != NULL && sscanf (text, "%d-%d-%d", &year, &month, &day) == 3 &&
      g_date_valid_dmy (day, month, year))
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 0, 0, 0);
      GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (field->editor)));
      GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (GTK_POPOVER (popover)));

      field->date = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
      g_signal_handlers_block_by_func (calendar, on_day_selected, field);
      gtk_calendar_select_day (calendar, date);
      g_signal_handlers_unblock_by_func (calendar, on_day_selected, field);
    }
  show_date (field);
}

/* ── Building ────────────────────────────────────────────────────────── */

static GtkWidget *
suffix_row (Field     *field,
            GtkWidget *editor)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field->label);
  gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), editor);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), editor);
  return row;
}

static void
build_field (SyTaskForm *self,
             Field      *field,
             JsonObject *spec)
{
  if (g_str_equal (field->type, "multiline"))
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *title = gtk_label_new (field->label);
      GtkWidget *frame = gtk_frame_new (NULL);

      field->editor = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (field->editor), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (field->editor), FALSE);
      gtk_widget_set_size_request (field->editor, -1, 72);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (field->editor), 6);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (field->editor), 6);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (field->editor), 6);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (field->editor), 6);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field->editor),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "dim-label");
      gtk_frame_set_child (GTK_FRAME (frame), field->editor);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), frame);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 12);
      field->row = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (field->row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (field->row), box);
    }
  else if (g_str_equal (field->type, "switch"))
    {
      field->editor = gtk_switch_new ();
      field->row = suffix_row (field, field->editor);
    }
  else if (g_str_equal (field->type, "date"))
    {
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *calendar = gtk_calendar_new ();

      gtk_popover_set_child (GTK_POPOVER (popover), calendar);
      field->editor = gtk_menu_button_new ();
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (field->editor), popover);
      g_signal_connect (calendar, "day-selected", G_CALLBACK (on_day_selected), field);
      field->row = suffix_row (field, field->editor);
      show_date (field);
    }
  else if (g_str_equal (field->type, "choice"))
    {
      JsonNode *options = json_object_get_member (spec, "options");
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      JsonArray *values = json_array_new ();

      for (guint i = 0; options != NULL && JSON_NODE_HOLDS_ARRAY (options) &&
                        i < json_array_get_length (json_node_get_array (options)); i++)
        {
          JsonNode *option = json_array_get_element (json_node_get_array (options), i);
          g_autofree char *label = option_label (option);

          gtk_string_list_append (labels, label);
          json_array_add_element (values, json_node_copy (option_value (option)));
        }
      field->options = json_node_init_array (json_node_alloc (), values);
      json_array_unref (values);
      field->row = field->editor = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), field->label);
      adw_combo_row_set_model (ADW_COMBO_ROW (field->row), G_LIST_MODEL (labels));
    }
  else
    {
      /* text and number */
      field->row = field->editor = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), field->label);
      if (g_str_equal (field->type, "number"))
        gtk_editable_set_alignment (GTK_EDITABLE (field->row), 0);
    }

  gtk_widget_set_name (field->row, field->name);
  gtk_list_box_append (GTK_LIST_BOX (self->list), field->row);
}

/* ── Values ──────────────────────────────────────────────────────────── */

gboolean
sy_task_form_set_value (SyTaskForm *self,
                        const char *name,
                        JsonNode   *value)
{
  Field *field;
  g_autofree char *text = NULL;

  g_return_val_if_fail (SY_IS_TASK_FORM (self), FALSE);

  field = find_field (self, name);
  if (field == NULL)
    return FALSE;

  text = value != NULL && !JSON_NODE_HOLDS_NULL (value) ? sy_value_view_scalar_text (value) : g_strdup ("");

  if (g_str_equal (field->type, "multiline"))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->editor)), text, -1);
  else if (g_str_equal (field->type, "switch"))
    gtk_switch_set_active (GTK_SWITCH (field->editor),
                           value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
                           json_node_get_value_type (value) == G_TYPE_BOOLEAN && json_node_get_boolean (value));
  else if (g_str_equal (field->type, "date"))
    set_date (field, *text != '\0' ? text : NULL);
  else if (g_str_equal (field->type, "choice"))
    {
      JsonArray *options = json_node_get_array (field->options);

      for (guint i = 0; i < json_array_get_length (options); i++)
        if (same_value (json_array_get_element (options, i), value))
          adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), i);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (field->editor), text);

  return TRUE;
}

/* A number field's text as JSON: null when empty, NULL when not a number. */
static JsonNode *
parse_number (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *end = NULL;
  double number;

  if (*trimmed == '\0')
    return json_node_new (JSON_NODE_NULL);

  number = g_ascii_strtod (trimmed, &end);
  if (end == trimmed || *end != '\0')
    return NULL;
  if (number == (double) (gint64) number)
    return json_node_init_int (json_node_alloc (), (gint64) number);
  return json_node_init_double (json_node_alloc (), number);
}

static JsonNode *
field_value (Field *field)
{
  if (g_str_equal (field->type, "multiline"))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->editor));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      return json_node_init_string (json_node_alloc (), text);
    }
  if (g_str_equal (field->type, "switch"))
    return json_node_init_boolean (json_node_alloc (), gtk_switch_get_active (GTK_SWITCH (field->editor)));
  if (g_str_equal (field->type, "date"))
    return field->date != NULL ? json_node_init_string (json_node_alloc (), field->date)
                               : json_node_new (JSON_NODE_NULL);
  if (g_str_equal (field->type, "choice"))
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->row));
      JsonArray *options = json_node_get_array (field->options);

      return selected < json_array_get_length (options)
               ? json_node_copy (json_array_get_element (options, selected))
               : json_node_new (JSON_NODE_NULL);
    }
  if (g_str_equal (field->type, "number"))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (field->editor));
      JsonNode *number = parse_number (text);

      /* Not a number: kept as typed, sy_task_form_check() says so. */
      return number != NULL ? number : json_node_init_string (json_node_alloc (), text);
    }

  return json_node_init_string (json_node_alloc (), gtk_editable_get_text (GTK_EDITABLE (field->editor)));
}

JsonNode *
sy_task_form_get_values (SyTaskForm *self)
{
  JsonObject *values = json_object_new ();
  JsonNode *node;

  g_return_val_if_fail (SY_IS_TASK_FORM (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      json_object_set_member (values, field->name, field_value (field));
    }

  node = json_node_init_object (json_node_alloc (), values);
  json_object_unref (values);
  return node;
}

gboolean
sy_task_form_check (SyTaskForm *self,
                    GError    **error)
{
  g_autoptr(JsonNode) values = NULL;

  g_return_val_if_fail (SY_IS_TASK_FORM (self), FALSE);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autoptr(JsonNode) number = NULL;

      if (!g_str_equal (field->type, "number"))
        continue;
      number = parse_number (gtk_editable_get_text (GTK_EDITABLE (field->editor)));
      if (number == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” must be a number"), field->label);
          gtk_widget_grab_focus (field->editor);
          return FALSE;
        }
    }

  values = sy_task_form_get_values (self);
  return sy_form_check_required (self->form, values, error);
}

GtkWidget *
sy_task_form_get_field (SyTaskForm *self,
                        const char *name)
{
  Field *field;

  g_return_val_if_fail (SY_IS_TASK_FORM (self), NULL);

  field = find_field (self, name);
  return field != NULL ? field->row : NULL;
}

guint
sy_task_form_get_n_fields (SyTaskForm *self)
{
  g_return_val_if_fail (SY_IS_TASK_FORM (self), 0);

  return self->fields->len;
}

void
sy_task_form_set_editable (SyTaskForm *self,
                           gboolean    editable)
{
  g_return_if_fail (SY_IS_TASK_FORM (self));

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (GTK_IS_TEXT_VIEW (field->editor))
        gtk_text_view_set_editable (GTK_TEXT_VIEW (field->editor), editable);
      else if (GTK_IS_EDITABLE (field->editor))
        gtk_editable_set_editable (GTK_EDITABLE (field->editor), editable);
      else
        gtk_widget_set_sensitive (field->row, editable);
    }
}

/* ── Object ──────────────────────────────────────────────────────────── */

static void
sy_task_form_dispose (GObject *object)
{
  SyTaskForm *self = SY_TASK_FORM (object);

  g_clear_pointer (&self->list, gtk_widget_unparent);

  G_OBJECT_CLASS (sy_task_form_parent_class)->dispose (object);
}

static void
sy_task_form_finalize (GObject *object)
{
  SyTaskForm *self = SY_TASK_FORM (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->form, json_node_unref);

  G_OBJECT_CLASS (sy_task_form_parent_class)->finalize (object);
}

static void
sy_task_form_class_init (SyTaskFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_task_form_dispose;
  object_class->finalize = sy_task_form_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sy-task-form");
}

static void
sy_task_form_init (SyTaskForm *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_set_parent (self->list, GTK_WIDGET (self));
}

GtkWidget *
sy_task_form_new (JsonNode *form,
                  JsonNode *values)
{
  SyTaskForm *self = g_object_new (SY_TYPE_TASK_FORM, NULL);
  JsonObject *saved = values != NULL && JSON_NODE_HOLDS_OBJECT (values) ? json_node_get_object (values) : NULL;
  JsonArray *fields = form != NULL && JSON_NODE_HOLDS_ARRAY (form) ? json_node_get_array (form) : NULL;

  self->form = form != NULL ? json_node_copy (form) : NULL;

  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonNode *element = json_array_get_element (fields, i);
      JsonObject *spec;
      Field *field;
      const char *label;
      const char *name;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      spec = json_node_get_object (element);
      name = json_object_get_string_member_with_default (spec, "name", NULL);
      if (name == NULL)
        continue;

      field = g_new0 (Field, 1);
      field->name = g_strdup (name);
      field->type = g_strdup (json_object_get_string_member_with_default (spec, "type", "text"));
      label = json_object_get_string_member_with_default (spec, "label", NULL);
      field->label = label != NULL && *label != '\0' ? g_strdup (label) : sy_value_view_humanize (name);
      if (json_object_get_boolean_member_with_default (spec, "required", FALSE))
        {
          char *marked = g_strdup_printf (_("%s (required)"), field->label);

          g_free (field->label);
          field->label = marked;
        }
      g_ptr_array_add (self->fields, field);
      build_field (self, field, spec);

      value = saved != NULL && json_object_has_member (saved, name)
                ? json_object_get_member (saved, name) : json_object_get_member (spec, "default");
      if (value != NULL)
        sy_task_form_set_value (self, name, value);
    }

  gtk_widget_set_visible (self->list, self->fields->len > 0);
  return GTK_WIDGET (self);
}
