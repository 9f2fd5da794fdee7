/* sy-collection-field-row.c — one field of a collection definition being edited
 *
 * The row only gathers what the person typed; the definition it makes is
 * checked as a whole by sy_collection_new_from_json(), whose messages name
 * the field ("fields[2].options: …").
 */
#define G_LOG_DOMAIN "switchyard-data"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-collection-field-row.h"
#include "sy-record-format.h"

struct _SyCollectionFieldRow
{
  AdwExpanderRow  parent_instance;

  GStrv           targets;
  gboolean        name_edited;  /* typed by hand: the title no longer makes it */
  gboolean        setting_name;

  /* template children */
  AdwEntryRow    *name_row;
  AdwEntryRow    *title_row;
  AdwComboRow    *type_row;
  AdwEntryRow    *options_row;
  AdwComboRow    *target_row;
  GtkSwitch      *required_switch;
  AdwEntryRow    *default_row;
};

G_DEFINE_FINAL_TYPE (SyCollectionFieldRow, sy_collection_field_row, ADW_TYPE_EXPANDER_ROW)

enum {
  SIGNAL_REMOVE,
  SIGNAL_MOVE,
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static SyFieldType
selected_type (SyCollectionFieldRow *self)
{
  guint index = adw_combo_row_get_selected (self->type_row);

  return index <= SY_FIELD_TYPE_BELONGS_TO ? (SyFieldType) index : SY_FIELD_TYPE_STRING;
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
update_summary (SyCollectionFieldRow *self)
{
  const char *title = text_of (self->title_row);
  const char *name = text_of (self->name_row);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 title[0] != '\0' ? title : name[0] != '\0' ? name : _("New field"));
  if (gtk_switch_get_active (self->required_switch))
    /* Translators: a field's summary, "Whole number · required" */
    subtitle = g_strdup_printf (_("%s · required"), sy_field_type_label (selected_type (self)));
  else
    subtitle = g_strdup (sy_field_type_label (selected_type (self)));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
on_changed (SyCollectionFieldRow *self)
{
  update_summary (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_title_changed (SyCollectionFieldRow *self)
{
  if (!self->name_edited)
    {
      g_autofree char *name = sy_name_from_title (text_of (self->title_row));

      self->setting_name = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
      self->setting_name = FALSE;
    }
  on_changed (self);
}

static void
on_name_changed (SyCollectionFieldRow *self)
{
  if (!self->setting_name)
    self->name_edited = TRUE;
  on_changed (self);
}

static void
on_type_selected (SyCollectionFieldRow *self)
{
  SyFieldType type = selected_type (self);

  gtk_widget_set_visible (GTK_WIDGET (self->options_row), type == SY_FIELD_TYPE_CHOICE);
  gtk_widget_set_visible (GTK_WIDGET (self->target_row), type == SY_FIELD_TYPE_BELONGS_TO);
  /* A link has no default worth typing: an id that may not exist. */
  gtk_widget_set_visible (GTK_WIDGET (self->default_row), type != SY_FIELD_TYPE_BELONGS_TO);
  on_changed (self);
}

static void
on_up_clicked (SyCollectionFieldRow *self)
{
  g_signal_emit (self, signals[SIGNAL_MOVE], 0, -1);
}

static void
on_down_clicked (SyCollectionFieldRow *self)
{
  g_signal_emit (self, signals[SIGNAL_MOVE], 0, 1);
}

static void
on_remove_clicked (SyCollectionFieldRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

static void
sy_collection_field_row_dispose (GObject *object)
{
  SyCollectionFieldRow *self = SY_COLLECTION_FIELD_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_COLLECTION_FIELD_ROW);
  g_clear_pointer (&self->targets, g_strfreev);

  G_OBJECT_CLASS (sy_collection_field_row_parent_class)->dispose (object);
}

static void
sy_collection_field_row_class_init (SyCollectionFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_collection_field_row_dispose;

  signals[SIGNAL_REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/switchyard/Switchyard/sy-collection-field-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SyCollectionFieldRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, SyCollectionFieldRow, title_row);
  gtk_widget_class_bind_template_child (widget_class, SyCollectionFieldRow, type_row);
  gtk_widget_class_bind_template_child (widget_class, SyCollectionFieldRow, options_row);
  gtk_widget_class_bind_template_child (widget_class, SyCollectionFieldRow, target_row);
  gtk_widget_class_bind_template_child (widget_class, SyCollectionFieldRow, required_switch);
  gtk_widget_class_bind_template_child (widget_class, SyCollectionFieldRow, default_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_type_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_down_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
sy_collection_field_row_init (SyCollectionFieldRow *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (SyFieldType type = SY_FIELD_TYPE_STRING; type <= SY_FIELD_TYPE_BELONGS_TO; type++)
    gtk_string_list_append (types, sy_field_type_label (type));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
  update_summary (self);
}

GtkWidget *
sy_collection_field_row_new (const char * const *targets)
{
  SyCollectionFieldRow *self = g_object_new (SY_TYPE_COLLECTION_FIELD_ROW, NULL);
  g_autoptr(GtkStringList) list = gtk_string_list_new (targets);

  self->targets = g_strdupv ((GStrv) targets);
  adw_combo_row_set_model (self->target_row, G_LIST_MODEL (list));
  return GTK_WIDGET (self);
}

void
sy_collection_field_row_set_name (SyCollectionFieldRow *self,
                                  const char           *name)
{
  g_return_if_fail (SY_IS_COLLECTION_FIELD_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
}

void
sy_collection_field_row_set_type (SyCollectionFieldRow *self,
                                  SyFieldType           type)
{
  g_return_if_fail (SY_IS_COLLECTION_FIELD_ROW (self));

  adw_combo_row_set_selected (self->type_row, type);
}

void
sy_collection_field_row_set_options (SyCollectionFieldRow *self,
                                     const char           *options)
{
  g_return_if_fail (SY_IS_COLLECTION_FIELD_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->options_row), options != NULL ? options : "");
}

gboolean
sy_collection_field_row_set_target (SyCollectionFieldRow *self,
                                    const char           *target)
{
  g_return_val_if_fail (SY_IS_COLLECTION_FIELD_ROW (self), FALSE);

  for (guint i = 0; self->targets != NULL && self->targets[i] != NULL; i++)
    if (g_strcmp0 (self->targets[i], target) == 0)
      {
        adw_combo_row_set_selected (self->target_row, i);
        return TRUE;
      }
  return FALSE;
}

/* A default as typed: text stays text, except where the type wants a
 * number, a boolean or JSON and the text is one. */
static JsonNode *
parse_default (SyFieldType  type,
               const char  *text)
{
  JsonNode *node;

  if (type == SY_FIELD_TYPE_INTEGER || type == SY_FIELD_TYPE_NUMBER || type == SY_FIELD_TYPE_BOOLEAN ||
      type == SY_FIELD_TYPE_JSON)
    {
      node = json_from_string (text, NULL);
      if (node != NULL)
        return node;
    }

  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, text);
  return node;
}

static char *
default_text (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  return json_to_string (value, FALSE);
}

void
sy_collection_field_row_set_field (SyCollectionFieldRow *self,
                                   JsonObject           *field)
{
  SyFieldType type = SY_FIELD_TYPE_STRING;
  g_autofree char *fallback = NULL;

  g_return_if_fail (SY_IS_COLLECTION_FIELD_ROW (self));
  g_return_if_fail (field != NULL);

  sy_collection_field_row_set_name (self, json_object_get_string_member_with_default (field, "name", ""));
  self->name_edited = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), json_object_get_string_member_with_default (field, "title", ""));
  sy_field_type_from_string (json_object_get_string_member_with_default (field, "type", "string"), &type);
  sy_collection_field_row_set_type (self, type);
  gtk_switch_set_active (self->required_switch, json_object_get_boolean_member_with_default (field, "required", FALSE));

  if (json_object_has_member (field, "options") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (field, "options")))
    {
      JsonArray *options = json_object_get_array_member (field, "options");
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (options); i++)
        g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", json_array_get_string_element (options, i));
      sy_collection_field_row_set_options (self, text->str);
    }
  sy_collection_field_row_set_target (self, json_object_get_string_member_with_default (field, "target", NULL));

  fallback = default_text (json_object_get_member (field, "default"));
  gtk_editable_set_text (GTK_EDITABLE (self->default_row), fallback);
}

JsonObject *
sy_collection_field_row_to_json (SyCollectionFieldRow *self)
{
  JsonObject *field = json_object_new ();
  SyFieldType type = selected_type (self);
  g_autofree char *name = g_strstrip (g_strdup (text_of (self->name_row)));
  g_autofree char *title = g_strstrip (g_strdup (text_of (self->title_row)));
  g_autofree char *fallback = g_strstrip (g_strdup (text_of (self->default_row)));

  g_return_val_if_fail (SY_IS_COLLECTION_FIELD_ROW (self), field);

  json_object_set_string_member (field, "name", name);
  if (title[0] != '\0')
    json_object_set_string_member (field, "title", title);
  json_object_set_string_member (field, "type", sy_field_type_to_string (type));
  if (gtk_switch_get_active (self->required_switch))
    json_object_set_boolean_member (field, "required", TRUE);

  if (type == SY_FIELD_TYPE_CHOICE)
    {
      g_auto(GStrv) parts = g_strsplit (text_of (self->options_row), ",", -1);
      JsonArray *options = json_array_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (parts[i][0] != '\0')
            json_array_add_string_element (options, parts[i]);
        }
      json_object_set_array_member (field, "options", options);
    }
  if (type == SY_FIELD_TYPE_BELONGS_TO)
    {
      guint index = adw_combo_row_get_selected (self->target_row);

      if (self->targets != NULL && index < g_strv_length (self->targets))
        json_object_set_string_member (field, "target", self->targets[index]);
    }
  if (type != SY_FIELD_TYPE_BELONGS_TO && fallback[0] != '\0')
    json_object_set_member (field, "default", parse_default (type, fallback));

  return field;
}
