/* sy-filter-row.c — one condition of the data view's filter: field, operator, value
 *
 * The operators offered follow the field's type; the value is typed in an
 * entry, picked from the options of a choice or Yes/No, or not asked for
 * ("is empty"). Values stay text: the store checks them with the field's
 * own rules, so "5" finds 5. A bare date given for a date-time field
 * means that whole local day.
 */
#define G_LOG_DOMAIN "switchyard-data"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-filter-row.h"
#include "sy-widget-util.h"
#include "sy-json.h"
#include "sy-record-format.h"

typedef enum
{
  VALUE_ENTRY,
  VALUE_CHOICE,
  VALUE_NONE,
} ValueKind;

typedef struct
{
  const char *op;
  const char *label;
  ValueKind   value; /* VALUE_ENTRY: the field's own kind */
} Operator;

static const Operator text_ops[] = {
  { "$includes", N_("contains"), VALUE_ENTRY },
  { "$notIncludes", N_("does not contain"), VALUE_ENTRY },
  { "$eq", N_("is"), VALUE_ENTRY },
  { "$ne", N_("is not"), VALUE_ENTRY },
  { "$startsWith", N_("starts with"), VALUE_ENTRY },
  { "$endsWith", N_("ends with"), VALUE_ENTRY },
  { "$empty", N_("is empty"), VALUE_NONE },
  { "$notEmpty", N_("is not empty"), VALUE_NONE },
  { NULL }
};

static const Operator number_ops[] = {
  { "$eq", "=", VALUE_ENTRY },
  { "$ne", "≠", VALUE_ENTRY },
  { "$gt", ">", VALUE_ENTRY },
  { "$gte", "≥", VALUE_ENTRY },
  { "$lt", "<", VALUE_ENTRY },
  { "$lte", "≤", VALUE_ENTRY },
  { "$empty", N_("is empty"), VALUE_NONE },
  { "$notEmpty", N_("is not empty"), VALUE_NONE },
  { NULL }
};

static const Operator date_ops[] = {
  { "$eq", N_("is"), VALUE_ENTRY },
  { "$ne", N_("is not"), VALUE_ENTRY },
  { "$gt", N_("is after"), VALUE_ENTRY },
  { "$gte", N_("is on or after"), VALUE_ENTRY },
  { "$lt", N_("is before"), VALUE_ENTRY },
  { "$lte", N_("is on or before"), VALUE_ENTRY },
  { "$empty", N_("is empty"), VALUE_NONE },
  { "$notEmpty", N_("is not empty"), VALUE_NONE },
  { NULL }
};

static const Operator choice_ops[] = {
  { "$eq", N_("is"), VALUE_CHOICE },
  { "$ne", N_("is not"), VALUE_CHOICE },
  { "$empty", N_("is empty"), VALUE_NONE },
  { "$notEmpty", N_("is not empty"), VALUE_NONE },
  { NULL }
};

static const Operator boolean_ops[] = {
  { "$eq", N_("is"), VALUE_CHOICE },
  { "$empty", N_("is empty"), VALUE_NONE },
  { "$notEmpty", N_("is not empty"), VALUE_NONE },
  { NULL }
};

static const Operator presence_ops[] = {
  { "$notEmpty", N_("is not empty"), VALUE_NONE },
  { "$empty", N_("is empty"), VALUE_NONE },
  { NULL }
};

static const char * const boolean_values[] = { "true", "false", NULL };

struct _SyFilterRow
{
  GtkWidget    parent_instance;

  GPtrArray   *fields;
  const Operator *ops;

  /* template children */
  GtkDropDown *field_dropdown;
  GtkDropDown *operator_dropdown;
  GtkStack    *value_stack;
  GtkEntry    *value_entry;
  GtkDropDown *value_dropdown;
};

G_DEFINE_FINAL_TYPE (SyFilterRow, sy_filter_row, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ── Fields ───────────────────────────────────────────────────────────── */

static void
filter_field_free (SyFilterField *field)
{
  g_free (field->path);
  g_free (field->label);
  g_strfreev (field->options);
  g_free (field);
}

static void
add_field (GPtrArray   *fields,
           const char  *path,
           const char  *label,
           SyFieldType  type,
           GStrv        options)
{
  SyFilterField *field = g_new0 (SyFilterField, 1);

  field->path = g_strdup (path);
  field->label = g_strdup (label);
  field->type = type;
  field->options = g_strdupv (options);
  g_ptr_array_add (fields, field);
}

GPtrArray *
sy_filter_fields_new (SyCollection      *collection,
                      SyCollectionStore *reader)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) filter_field_free);

  g_return_val_if_fail (SY_IS_COLLECTION (collection), fields);

  add_field (fields, SY_RECORD_ID, _("ID"), SY_FIELD_TYPE_INTEGER, NULL);
  for (guint i = 0; i < sy_collection_get_n_fields (collection); i++)
    {
      const SyCollectionField *field = sy_collection_get_field (collection, i);
      g_autoptr(SyCollection) target = NULL;
      const SyCollectionField *title = NULL;

      if (field->type != SY_FIELD_TYPE_BELONGS_TO)
        {
          add_field (fields, field->name, sy_record_field_label (field), field->type, field->options);
          continue;
        }

      /* A link is found by what it shows: the target's title. */
      if (reader != NULL)
        target = sy_collection_store_get_collection (reader, field->target, NULL);
      if (target != NULL)
        title = sy_record_title_field (target);
      if (title != NULL)
        {
          g_autofree char *path = g_strdup_printf ("%s.%s", field->name, title->name);

          add_field (fields, path, sy_record_field_label (field), title->type, NULL);
        }
      else
        add_field (fields, field->name, sy_record_field_label (field), SY_FIELD_TYPE_INTEGER, NULL);
    }
  add_field (fields, SY_RECORD_CREATED_AT, _("Created"), SY_FIELD_TYPE_DATETIME, NULL);
  add_field (fields, SY_RECORD_UPDATED_AT, _("Updated"), SY_FIELD_TYPE_DATETIME, NULL);

  return fields;
}

static const Operator *
operators_for (SyFieldType type)
{
  switch (type)
    {
    case SY_FIELD_TYPE_STRING:
    case SY_FIELD_TYPE_TEXT:
      return text_ops;
    case SY_FIELD_TYPE_INTEGER:
    case SY_FIELD_TYPE_NUMBER:
    case SY_FIELD_TYPE_BELONGS_TO:
      return number_ops;
    case SY_FIELD_TYPE_DATE:
    case SY_FIELD_TYPE_DATETIME:
      return date_ops;
    case SY_FIELD_TYPE_CHOICE:
      return choice_ops;
    case SY_FIELD_TYPE_BOOLEAN:
      return boolean_ops;
    case SY_FIELD_TYPE_JSON:
    default:
      return presence_ops;
    }
}

static const SyFilterField *
selected_field (SyFilterRow *self)
{
  guint index = gtk_drop_down_get_selected (self->field_dropdown);

  if (self->fields == NULL || index >= self->fields->len)
    return NULL;
  return g_ptr_array_index (self->fields, index);
}

static const Operator *
selected_operator (SyFilterRow *self)
{
  guint index = gtk_drop_down_get_selected (self->operator_dropdown);

  if (self->ops == NULL)
    return NULL;
  for (guint i = 0; self->ops[i].op != NULL; i++)
    if (i == index)
      return &self->ops[i];
  return NULL;
}

static void
emit_changed (SyFilterRow *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* ── Callbacks ────────────────────────────────────────────────────────── */

static void
on_operator_selected (SyFilterRow *self)
{
  const SyFilterField *field = selected_field (self);
  const Operator *op = selected_operator (self);

  if (op == NULL || field == NULL)
    return;

  if (op->value == VALUE_NONE)
    gtk_stack_set_visible_child_name (self->value_stack, "none");
  else if (op->value == VALUE_CHOICE)
    gtk_stack_set_visible_child_name (self->value_stack, "choice");
  else
    gtk_stack_set_visible_child_name (self->value_stack, "entry");

  emit_changed (self);
}

static void
on_field_selected (SyFilterRow *self)
{
  const SyFilterField *field = selected_field (self);
  g_autoptr(GtkStringList) op_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) values = NULL;

  if (field == NULL)
    return;

  self->ops = operators_for (field->type);
  for (guint i = 0; self->ops[i].op != NULL; i++)
    gtk_string_list_append (op_labels, g_dgettext (GETTEXT_PACKAGE, self->ops[i].label));

  if (field->type == SY_FIELD_TYPE_BOOLEAN)
    {
      values = gtk_string_list_new (NULL);
      gtk_string_list_append (values, _("Yes"));
      gtk_string_list_append (values, _("No"));
    }
  else
    values = gtk_string_list_new ((const char * const *) field->options);
  gtk_drop_down_set_model (self->value_dropdown, G_LIST_MODEL (values));

  switch (field->type)
    {
    case SY_FIELD_TYPE_DATE:
      gtk_entry_set_placeholder_text (self->value_entry, _("2026-03-01"));
      break;
    case SY_FIELD_TYPE_DATETIME:
      gtk_entry_set_placeholder_text (self->value_entry, _("2026-03-01 or 2026-03-01T09:00:00Z"));
      break;
    default:
      gtk_entry_set_placeholder_text (self->value_entry, _("Value"));
      break;
    }

  /* Setting the model selects its first operator and updates the value. */
  gtk_drop_down_set_model (self->operator_dropdown, G_LIST_MODEL (op_labels));
  on_operator_selected (self);
}

static void
on_value_changed (SyFilterRow *self)
{
  emit_changed (self);
}

static void
on_remove_clicked (SyFilterRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

/* ── Object ───────────────────────────────────────────────────────────── */

static void
sy_filter_row_dispose (GObject *object)
{
  SyFilterRow *self = SY_FILTER_ROW (object);

  sy_widget_dispose_template_children (GTK_WIDGET (self), SY_TYPE_FILTER_ROW);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (sy_filter_row_parent_class)->dispose (object);
}

static void
sy_filter_row_class_init (SyFilterRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_filter_row_dispose;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/switchyard/Switchyard/sy-filter-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SyFilterRow, field_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SyFilterRow, operator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SyFilterRow, value_stack);
  gtk_widget_class_bind_template_child (widget_class, SyFilterRow, value_entry);
  gtk_widget_class_bind_template_child (widget_class, SyFilterRow, value_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_field_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_operator_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
  gtk_widget_class_set_css_name (widget_class, "sy-filter-row");
}

static void
sy_filter_row_init (SyFilterRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sy_filter_row_new (GPtrArray *fields)
{
  SyFilterRow *self = g_object_new (SY_TYPE_FILTER_ROW, NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_return_val_if_fail (fields != NULL, GTK_WIDGET (self));

  self->fields = g_ptr_array_ref (fields);
  for (guint i = 0; i < fields->len; i++)
    gtk_string_list_append (labels, ((SyFilterField *) g_ptr_array_index (fields, i))->label);
  gtk_drop_down_set_model (self->field_dropdown, G_LIST_MODEL (labels));
  /* The first field worth filtering by is the first real one. */
  if (fields->len > 1)
    gtk_drop_down_set_selected (self->field_dropdown, 1);
  on_field_selected (self);

  return GTK_WIDGET (self);
}

gboolean
sy_filter_row_set (SyFilterRow *self,
                   const char  *path,
                   const char  *op,
                   const char  *value)
{
  const SyFilterField *field;
  const Operator *ops;

  g_return_val_if_fail (SY_IS_FILTER_ROW (self), FALSE);

  for (guint i = 0; i < self->fields->len; i++)
    {
      field = g_ptr_array_index (self->fields, i);
      if (g_strcmp0 (field->path, path) != 0)
        continue;

      ops = operators_for (field->type);
      for (guint j = 0; ops[j].op != NULL; j++)
        if (g_str_equal (ops[j].op, op))
          {
            gtk_drop_down_set_selected (self->field_dropdown, i);
            gtk_drop_down_set_selected (self->operator_dropdown, j);
            if (ops[j].value == VALUE_CHOICE)
              {
                const char * const *choices = field->type == SY_FIELD_TYPE_BOOLEAN
                                                ? boolean_values
                                                : (const char * const *) field->options;

                for (guint k = 0; choices != NULL && choices[k] != NULL; k++)
                  if (g_strcmp0 (choices[k], value) == 0)
                    gtk_drop_down_set_selected (self->value_dropdown, k);
              }
            else if (ops[j].value == VALUE_ENTRY)
              gtk_editable_set_text (GTK_EDITABLE (self->value_entry), value != NULL ? value : "");
            return TRUE;
          }
      return FALSE;
    }

  return FALSE;
}

/* A day of local time as the [start, end] range the store understands. */
static JsonNode *
local_day_range (const char *text)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  JsonArray *range;
  int year, month, day;
  char rest;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &rest) != 3)
    return NULL;
  start = g_date_time_new_local (year, month, day, 0, 0, 0);
  if (start == NULL)
    return NULL;
  end = g_date_time_add (start, G_TIME_SPAN_DAY - G_TIME_SPAN_MILLISECOND);

  start_text = g_date_time_format_iso8601 (start);
  end_text = g_date_time_format (end, "%Y-%m-%dT%H:%M:%S.999%:z");
  range = json_array_new ();
  json_array_add_string_element (range, start_text);
  json_array_add_string_element (range, end_text);
  return sy_json_node_take_array (range);
}

JsonNode *
sy_filter_row_get_condition (SyFilterRow *self)
{
  const SyFilterField *field;
  const Operator *op;
  g_autoptr(JsonObject) test = json_object_new ();
  JsonObject *condition;
  JsonNode *value = NULL;

  g_return_val_if_fail (SY_IS_FILTER_ROW (self), NULL);

  field = selected_field (self);
  op = selected_operator (self);
  if (field == NULL || op == NULL)
    return NULL;

  if (op->value == VALUE_NONE)
    {
      value = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (value, TRUE);
    }
  else if (op->value == VALUE_CHOICE)
    {
      guint index = gtk_drop_down_get_selected (self->value_dropdown);

      if (field->type == SY_FIELD_TYPE_BOOLEAN && index < 2)
        {
          value = json_node_new (JSON_NODE_VALUE);
          json_node_set_boolean (value, index == 0);
        }
      else if (field->options != NULL && index < g_strv_length (field->options))
        {
          value = json_node_new (JSON_NODE_VALUE);
          json_node_set_string (value, field->options[index]);
        }
    }
  else
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->value_entry))));

      if (text[0] == '\0')
        return NULL;
      if (field->type == SY_FIELD_TYPE_DATETIME)
        value = local_day_range (text);
      if (value == NULL)
        {
          value = json_node_new (JSON_NODE_VALUE);
          json_node_set_string (value, text);
        }
    }

  if (value == NULL)
    return NULL;

  json_object_set_member (test, op->op, value);
  condition = json_object_new ();
  json_object_set_object_member (condition, field->path, g_steal_pointer (&test));
  return sy_json_node_take_object (condition);
}
