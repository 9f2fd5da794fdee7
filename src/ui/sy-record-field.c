/* sy-record-field.c — one field of the record form: label, input by type, problem
 *
 * Values leave the input in a form the field's rules accept (the engine
 * checks them again): numbers as numbers, dates as YYYY-MM-DD, date-times
 * typed in local time as RFC 3339 with the local offset, a link as the
 * target's id. An optional number left empty stays empty: the spin
 * button shows nothing until a value is typed, and gives null.
 */
#define G_LOG_DOMAIN "switchyard-data"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "collections/sy-collection-csv.h"
#include "sy-record-field.h"
#include "sy-record-format.h"
#include "sy-record-picker.h"

struct _SyRecordField
{
  GtkWidget          parent_instance;

  SyCollectionField  field;     /* copied */
  GtkWidget         *input;     /* entry, text view, spin, switch, drop-down or picker */
  GtkWidget         *calendar;  /* date and datetime */
  GtkWidget         *calendar_button;
  gboolean           empty;     /* spin buttons: no value */
  char              *problem;

  /* template children */
  GtkLabel          *label;
  GtkBox            *input_box;
  GtkLabel          *problem_label;
};

G_DEFINE_FINAL_TYPE (SyRecordField, sy_record_field, GTK_TYPE_WIDGET)

/* Offered first in a choice that may stay empty. */
static gboolean
choice_has_none (SyRecordField *self)
{
  return !self->field.required;
}

/* ── Spin buttons that may be empty ───────────────────────────────────── */

static int
on_spin_input (GtkSpinButton *spin,
               double        *value,
               SyRecordField *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  char *end = NULL;

  if (text[0] == '\0' && !self->field.required)
    {
      self->empty = TRUE;
      *value = gtk_spin_button_get_value (spin);
      return TRUE;
    }

  *value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    return GTK_INPUT_ERROR;
  self->empty = FALSE;
  return TRUE;
}

static gboolean
on_spin_output (GtkSpinButton *spin,
                SyRecordField *self)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (self->empty)
    {
      gtk_editable_set_text (GTK_EDITABLE (spin), "");
      return TRUE;
    }

  /* The shortest text that gives the number back: 0.5, not 0.500000. */
  gtk_editable_set_text (GTK_EDITABLE (spin),
                         g_ascii_formatd (buffer, sizeof buffer, "%.15g", gtk_spin_button_get_value (spin)));
  return TRUE;
}

static void
on_spin_value_changed (SyRecordField *self)
{
  self->empty = FALSE;
}

/* ── Calendar ─────────────────────────────────────────────────────────── */

static void
on_day_selected (SyRecordField *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));
  g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
  g_autofree char *text = NULL;

  if (self->field.type == SY_FIELD_TYPE_DATETIME)
    {
      const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->input));
      /* Keep the time already there. */
      const char *time = strlen (typed) > 11 ? typed + 11 : "09:00:00";

      text = g_strdup_printf ("%s %s", date, time);
    }
  else
    text = g_strdup (date);

  gtk_editable_set_text (GTK_EDITABLE (self->input), text);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->calendar_button));
}

static GtkWidget *
new_calendar_button (SyRecordField *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();

  self->calendar = gtk_calendar_new ();
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (on_day_selected), self, G_CONNECT_SWAPPED);
  gtk_popover_set_child (GTK_POPOVER (popover), self->calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (button, _("Pick a Day"));
  self->calendar_button = button;
  return button;
}

/* ── Inputs ───────────────────────────────────────────────────────────── */

static GtkWidget *
new_text_view (gboolean monospace)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), monospace);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 80);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_add_css_class (scrolled, "sy-text-field");
  gtk_widget_set_hexpand (scrolled, TRUE);
  return scrolled;
}

static GtkTextBuffer *
text_buffer (SyRecordField *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->input))));
}

static void
build_input (SyRecordField     *self,
             SyCollectionStore *reader)
{
  switch (self->field.type)
    {
    case SY_FIELD_TYPE_TEXT:
      self->input = new_text_view (FALSE);
      break;

    case SY_FIELD_TYPE_JSON:
      self->input = new_text_view (TRUE);
      break;

    case SY_FIELD_TYPE_INTEGER:
    case SY_FIELD_TYPE_NUMBER:
      {
        gboolean integer = self->field.type == SY_FIELD_TYPE_INTEGER;
        /* Integers that survive a trip through a double. */
        GtkAdjustment *adjustment = gtk_adjustment_new (0, -9007199254740991.0, 9007199254740991.0, 1, 10, 0);

        self->input = gtk_spin_button_new (adjustment, 1, integer ? 0 : 6);
        gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->input), FALSE);
        gtk_widget_set_halign (self->input, GTK_ALIGN_START);
        gtk_editable_set_width_chars (GTK_EDITABLE (self->input), 12);
        g_signal_connect_object (self->input, "input", G_CALLBACK (on_spin_input), self, 0);
        g_signal_connect_object (self->input, "output", G_CALLBACK (on_spin_output), self, 0);
        g_signal_connect_object (self->input, "value-changed", G_CALLBACK (on_spin_value_changed), self, G_CONNECT_SWAPPED);
      }
      break;

    case SY_FIELD_TYPE_BOOLEAN:
      self->input = gtk_switch_new ();
      gtk_widget_set_halign (self->input, GTK_ALIGN_START);
      break;

    case SY_FIELD_TYPE_CHOICE:
      {
        g_autoptr(GtkStringList) options = gtk_string_list_new (NULL);

        if (choice_has_none (self))
          gtk_string_list_append (options, _("None"));
        for (guint i = 0; self->field.options != NULL && self->field.options[i] != NULL; i++)
          gtk_string_list_append (options, self->field.options[i]);
        self->input = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&options)), NULL);
        gtk_widget_set_halign (self->input, GTK_ALIGN_START);
      }
      break;

    case SY_FIELD_TYPE_BELONGS_TO:
      {
        g_autoptr(SyCollection) target = NULL;

        if (reader != NULL)
          target = sy_collection_store_get_collection (reader, self->field.target, NULL);
        if (target != NULL)
          {
            self->input = sy_record_picker_new (reader, target);
            gtk_widget_set_halign (self->input, GTK_ALIGN_START);
            break;
          }
        /* No target to list: the id is typed. */
        self->input = gtk_entry_new ();
        gtk_entry_set_placeholder_text (GTK_ENTRY (self->input), _("Record id"));
        gtk_entry_set_input_purpose (GTK_ENTRY (self->input), GTK_INPUT_PURPOSE_DIGITS);
      }
      break;

    case SY_FIELD_TYPE_DATE:
      self->input = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->input), _("2026-03-01"));
      break;

    case SY_FIELD_TYPE_DATETIME:
      self->input = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->input), _("2026-03-01 09:30:00 (local time)"));
      break;

    case SY_FIELD_TYPE_STRING:
    default:
      self->input = gtk_entry_new ();
      break;
    }

  if (GTK_IS_ENTRY (self->input))
    {
      gtk_widget_set_hexpand (self->input, TRUE);
      gtk_entry_set_activates_default (GTK_ENTRY (self->input), TRUE);
    }
  gtk_box_append (self->input_box, self->input);

  if (self->field.type == SY_FIELD_TYPE_DATE || self->field.type == SY_FIELD_TYPE_DATETIME)
    gtk_box_append (self->input_box, new_calendar_button (self));
}

/* ── Object ───────────────────────────────────────────────────────────── */

static void
sy_record_field_dispose (GObject *object)
{
  SyRecordField *self = SY_RECORD_FIELD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_RECORD_FIELD);

  G_OBJECT_CLASS (sy_record_field_parent_class)->dispose (object);
}

static void
sy_record_field_finalize (GObject *object)
{
  SyRecordField *self = SY_RECORD_FIELD (object);

  g_free (self->field.name);
  g_free (self->field.title);
  g_strfreev (self->field.options);
  g_free (self->field.target);
  g_clear_pointer (&self->field.default_value, json_node_unref);
  g_free (self->problem);

  G_OBJECT_CLASS (sy_record_field_parent_class)->finalize (object);
}

static void
sy_record_field_class_init (SyRecordFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_record_field_dispose;
  object_class->finalize = sy_record_field_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/switchyard/Switchyard/sy-record-field.ui");
  gtk_widget_class_bind_template_child (widget_class, SyRecordField, label);
  gtk_widget_class_bind_template_child (widget_class, SyRecordField, input_box);
  gtk_widget_class_bind_template_child (widget_class, SyRecordField, problem_label);
  gtk_widget_class_set_css_name (widget_class, "sy-record-field");
}

static void
sy_record_field_init (SyRecordField *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sy_record_field_new (const SyCollectionField *field,
                     SyCollectionStore       *reader)
{
  SyRecordField *self = g_object_new (SY_TYPE_RECORD_FIELD, NULL);
  g_autofree char *label = NULL;

  g_return_val_if_fail (field != NULL, GTK_WIDGET (self));

  self->field.name = g_strdup (field->name);
  self->field.title = g_strdup (field->title);
  self->field.type = field->type;
  self->field.required = field->required;
  self->field.options = g_strdupv (field->options);
  self->field.target = g_strdup (field->target);
  self->field.default_value = field->default_value != NULL ? json_node_copy (field->default_value) : NULL;

  /* Translators: the label of a field that must have a value, "Quantity *" */
  label = field->required ? g_strdup_printf (_("%s *"), sy_record_field_label (field))
                          : g_strdup (sy_record_field_label (field));
  gtk_label_set_text (self->label, label);
  build_input (self, reader);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->input), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->label, NULL, -1);
  sy_record_field_set_value (self, NULL);

  return GTK_WIDGET (self);
}

const char *
sy_record_field_get_name (SyRecordField *self)
{
  g_return_val_if_fail (SY_IS_RECORD_FIELD (self), NULL);

  return self->field.name;
}

void
sy_record_field_set_value (SyRecordField *self,
                           JsonNode      *value)
{
  gboolean empty;
  g_autofree char *text = NULL;

  g_return_if_fail (SY_IS_RECORD_FIELD (self));

  empty = value == NULL || JSON_NODE_HOLDS_NULL (value);
  text = sy_collection_csv_cell (&self->field, value);

  switch (self->field.type)
    {
    case SY_FIELD_TYPE_TEXT:
      gtk_text_buffer_set_text (text_buffer (self), text, -1);
      break;

    case SY_FIELD_TYPE_JSON:
      {
        g_autofree char *json = empty ? g_strdup ("") : json_to_string (value, TRUE);

        gtk_text_buffer_set_text (text_buffer (self), json, -1);
      }
      break;

    case SY_FIELD_TYPE_INTEGER:
    case SY_FIELD_TYPE_NUMBER:
      empty = empty || !JSON_NODE_HOLDS_VALUE (value);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->input), empty ? 0 : json_node_get_double (value));
      self->empty = empty;
      /* The output handler writes what the flag says. */
      on_spin_output (GTK_SPIN_BUTTON (self->input), self);
      break;

    case SY_FIELD_TYPE_BOOLEAN:
      gtk_switch_set_active (GTK_SWITCH (self->input),
                             !empty && JSON_NODE_HOLDS_VALUE (value) && json_node_get_boolean (value));
      break;

    case SY_FIELD_TYPE_CHOICE:
      {
        guint position = choice_has_none (self) ? 0 : GTK_INVALID_LIST_POSITION;

        for (guint i = 0; !empty && self->field.options != NULL && self->field.options[i] != NULL; i++)
          if (g_strcmp0 (self->field.options[i], json_node_get_string (value)) == 0)
            position = i + (choice_has_none (self) ? 1 : 0);
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->input), position);
      }
      break;

    case SY_FIELD_TYPE_BELONGS_TO:
      {
        gint64 id = 0;

        if (!empty && JSON_NODE_HOLDS_OBJECT (value))
          id = json_object_get_int_member_with_default (json_node_get_object (value), SY_RECORD_ID, 0);
        else if (!empty && JSON_NODE_HOLDS_VALUE (value))
          id = json_node_get_int (value);

        if (SY_IS_RECORD_PICKER (self->input))
          sy_record_picker_set_id (SY_RECORD_PICKER (self->input), id);
        else
          {
            g_autofree char *number = id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("");

            gtk_editable_set_text (GTK_EDITABLE (self->input), number);
          }
      }
      break;

    case SY_FIELD_TYPE_DATETIME:
      {
        g_autofree char *local = empty ? g_strdup ("") : sy_record_format_datetime (json_node_get_string (value));

        gtk_editable_set_text (GTK_EDITABLE (self->input), local);
      }
      break;

    case SY_FIELD_TYPE_DATE:
    case SY_FIELD_TYPE_STRING:
    default:
      gtk_editable_set_text (GTK_EDITABLE (self->input), text);
      break;
    }

  sy_record_field_set_problem (self, NULL);
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return node;
}

/* Local time typed ("2026-03-01 09:30") as RFC 3339 with its offset. */
static JsonNode *
datetime_node (const char *text,
               GError    **error)
{
  g_autofree char *iso = g_strdup (text);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) when = NULL;

  if (strlen (iso) > 10 && iso[10] == ' ')
    iso[10] = 'T';
  /* Minutes without seconds are fine too. */
  if (strlen (iso) == 16)
    {
      char *longer = g_strconcat (iso, ":00", NULL);

      g_free (iso);
      iso = longer;
    }

  when = g_date_time_new_from_iso8601 (iso, local);
  if (when == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("expected a date and time such as 2026-03-01 09:30, got “%s”"), text);
      return NULL;
    }
  {
    g_autofree char *formatted = g_date_time_format_iso8601 (when);

    return string_node (formatted);
  }
}

JsonNode *
sy_record_field_get_value (SyRecordField *self,
                           GError       **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SY_IS_RECORD_FIELD (self), NULL);

  switch (self->field.type)
    {
    case SY_FIELD_TYPE_TEXT:
    case SY_FIELD_TYPE_JSON:
      {
        GtkTextIter start, end;

        gtk_text_buffer_get_bounds (text_buffer (self), &start, &end);
        text = gtk_text_buffer_get_text (text_buffer (self), &start, &end, FALSE);
        if (self->field.type == SY_FIELD_TYPE_TEXT)
          return text[0] != '\0' ? string_node (text) : json_node_new (JSON_NODE_NULL);

        g_strstrip (text);
        if (text[0] == '\0')
          return json_node_new (JSON_NODE_NULL);
        {
          g_autoptr(GError) local_error = NULL;
          JsonNode *node = json_from_string (text, &local_error);

          if (node == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("not valid JSON: %s"), local_error->message);
          return node;
        }
      }

    case SY_FIELD_TYPE_INTEGER:
    case SY_FIELD_TYPE_NUMBER:
      {
        GtkSpinButton *spin = GTK_SPIN_BUTTON (self->input);
        JsonNode *node;

        /* Whatever was typed last counts, focus or not. */
        gtk_spin_button_update (spin);
        if (self->empty)
          return json_node_new (JSON_NODE_NULL);
        node = json_node_new (JSON_NODE_VALUE);
        if (self->field.type == SY_FIELD_TYPE_INTEGER)
          json_node_set_int (node, (gint64) gtk_spin_button_get_value (spin));
        else
          json_node_set_double (node, gtk_spin_button_get_value (spin));
        return node;
      }

    case SY_FIELD_TYPE_BOOLEAN:
      {
        JsonNode *node = json_node_new (JSON_NODE_VALUE);

        json_node_set_boolean (node, gtk_switch_get_active (GTK_SWITCH (self->input)));
        return node;
      }

    case SY_FIELD_TYPE_CHOICE:
      {
        guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->input));

        if (choice_has_none (self))
          {
            if (position == 0 || position == GTK_INVALID_LIST_POSITION)
              return json_node_new (JSON_NODE_NULL);
            position--;
          }
        if (self->field.options == NULL || position >= g_strv_length (self->field.options))
          return json_node_new (JSON_NODE_NULL);
        return string_node (self->field.options[position]);
      }

    case SY_FIELD_TYPE_BELONGS_TO:
      {
        gint64 id;

        if (SY_IS_RECORD_PICKER (self->input))
          id = sy_record_picker_get_id (SY_RECORD_PICKER (self->input));
        else
          {
            text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->input))));
            if (text[0] == '\0')
              return json_node_new (JSON_NODE_NULL);
            /* The field's rules say what is wrong with it. */
            return string_node (text);
          }
        if (id <= 0)
          return json_node_new (JSON_NODE_NULL);
        {
          JsonNode *node = json_node_new (JSON_NODE_VALUE);

          json_node_set_int (node, id);
          return node;
        }
      }

    case SY_FIELD_TYPE_DATETIME:
      text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->input))));
      if (text[0] == '\0')
        return json_node_new (JSON_NODE_NULL);
      return datetime_node (text, error);

    case SY_FIELD_TYPE_DATE:
    case SY_FIELD_TYPE_STRING:
    default:
      text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->input)));
      if (self->field.type == SY_FIELD_TYPE_DATE)
        g_strstrip (text);
      if (text[0] == '\0')
        return json_node_new (JSON_NODE_NULL);
      return string_node (text);
    }
}

void
sy_record_field_set_text (SyRecordField *self,
                          const char    *text)
{
  g_autoptr(JsonNode) value = NULL;

  g_return_if_fail (SY_IS_RECORD_FIELD (self));

  switch (self->field.type)
    {
    case SY_FIELD_TYPE_TEXT:
    case SY_FIELD_TYPE_JSON:
      gtk_text_buffer_set_text (text_buffer (self), text, -1);
      return;
    case SY_FIELD_TYPE_INTEGER:
    case SY_FIELD_TYPE_NUMBER:
      gtk_editable_set_text (GTK_EDITABLE (self->input), text);
      gtk_spin_button_update (GTK_SPIN_BUTTON (self->input));
      return;
    case SY_FIELD_TYPE_BOOLEAN:
      gtk_switch_set_active (GTK_SWITCH (self->input), g_strcmp0 (text, "true") == 0);
      return;
    case SY_FIELD_TYPE_BELONGS_TO:
      if (SY_IS_RECORD_PICKER (self->input))
        {
          gint64 id = 0;

          g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &id, NULL);
          sy_record_picker_set_id (SY_RECORD_PICKER (self->input), id);
          return;
        }
      break;
    case SY_FIELD_TYPE_CHOICE:
      value = string_node (text);
      sy_record_field_set_value (self, value);
      return;
    case SY_FIELD_TYPE_STRING:
    case SY_FIELD_TYPE_DATE:
    case SY_FIELD_TYPE_DATETIME:
    default:
      break;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->input), text);
}

void
sy_record_field_set_problem (SyRecordField *self,
                             const char    *problem)
{
  g_return_if_fail (SY_IS_RECORD_FIELD (self));

  g_free (self->problem);
  self->problem = g_strdup (problem);
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (self->input, "error");
  else
    gtk_widget_remove_css_class (self->input, "error");
}

const char *
sy_record_field_get_problem (SyRecordField *self)
{
  g_return_val_if_fail (SY_IS_RECORD_FIELD (self), NULL);

  return self->problem;
}

GtkWidget *
sy_record_field_get_input (SyRecordField *self)
{
  g_return_val_if_fail (SY_IS_RECORD_FIELD (self), NULL);

  return self->input;
}
