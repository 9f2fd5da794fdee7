/* sy-people-editor.c — who gets a task: people from the directory and variables
 *
 * Rows carry what they stand for as object data ("id" for a person, an
 * entry for a variable); the value is read back from them in order.
 */
#define G_LOG_DOMAIN "switchyard-people-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-application.h"
#include "sy-field-editor.h"
#include "sy-people-editor.h"
#include "sy-task.h"
#include "sy-variable-button.h"

struct _SyPeopleEditor
{
  GtkWidget     parent_instance;

  GtkListBox   *list;
  GPtrArray    *rows;        /* assignee rows, in order */
  GtkWidget    *add_person;
  GtkWidget    *add_variable;
  GtkPopover   *chooser;     /* people to add */
  GtkListBox   *choices;
  GPtrArray    *people;      /* of SyPerson: the directory */
  SyEngine     *engine;
  GCancellable *cancellable;
  SyWorkflow   *workflow;
  SyNode       *node;
  gboolean      editable;
  gboolean      updating;
};

static void sy_people_editor_field_input_init (SyFieldInputInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyPeopleEditor, sy_people_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (SY_TYPE_FIELD_INPUT, sy_people_editor_field_input_init))

static void
changed (SyPeopleEditor *self)
{
  if (!self->updating)
    sy_field_input_changed (SY_FIELD_INPUT (self));
}

static const SyPerson *
find_person (SyPeopleEditor *self,
             const char     *id)
{
  for (guint i = 0; self->people != NULL && i < self->people->len; i++)
    {
      const SyPerson *person = g_ptr_array_index (self->people, i);

      if (g_strcmp0 (person->id, id) == 0)
        return person;
    }

  return NULL;
}

static void
remove_button_clicked (GtkButton      *button,
                       SyPeopleEditor *self)
{
  sy_people_editor_remove (self, g_object_get_data (G_OBJECT (button), "row"));
}

static GtkWidget *
remove_button (SyPeopleEditor *self,
               GtkWidget      *row)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (button, self->editable);
  g_object_set_data (G_OBJECT (button), "row", row);
  g_object_set_data (G_OBJECT (row), "remove", button);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_button_clicked), self);

  return button;
}

/* A person's row shows the directory's name and email, or says the id is unknown. */
static void
describe_person (SyPeopleEditor *self,
                 GtkWidget      *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "id");
  const SyPerson *person = find_person (self, id);
  AdwAvatar *avatar = g_object_get_data (G_OBJECT (row), "avatar");

  if (person != NULL)
    {
      const char *name = person->name != NULL && *person->name != '\0' ? person->name : id;
      g_autofree char *subtitle = person->email != NULL && *person->email != '\0'
                                  ? g_strdup_printf ("%s · %s", person->email, id) : g_strdup (id);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_avatar_set_text (avatar, name);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   self->people != NULL ? _("Not in the directory of people") : NULL);
      adw_avatar_set_text (avatar, id);
    }
}

static GtkWidget *
person_row (SyPeopleEditor *self,
            const char     *id)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *avatar = adw_avatar_new (32, NULL, TRUE);

  gtk_widget_add_css_class (row, "sy-assignee");
  g_object_set_data_full (G_OBJECT (row), "id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (row), "avatar", avatar);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove_button (self, row));
  describe_person (self, row);

  return row;
}

static void
on_variable_changed (GtkEditable    *entry,
                     SyPeopleEditor *self)
{
  sy_field_highlight_editable (entry);
  changed (self);
}

static GtkWidget *
variable_row (SyPeopleEditor *self,
              const char     *text)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *button = sy_variable_button_new ();

  gtk_widget_add_css_class (row, "sy-assignee");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("From a variable"));
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_editable_set_editable (GTK_EDITABLE (row), self->editable);
  sy_field_highlight_editable (GTK_EDITABLE (row));
  g_signal_connect (row, "changed", G_CALLBACK (on_variable_changed), self);

  sy_variable_button_set_target (SY_VARIABLE_BUTTON (button), GTK_EDITABLE (row));
  sy_variable_button_set_scope (SY_VARIABLE_BUTTON (button), self->workflow, self->node);
  gtk_widget_set_visible (button, self->editable);
  g_object_set_data (G_OBJECT (row), "variables", button);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove_button (self, row));

  return row;
}

static void
append_row (SyPeopleEditor *self,
            GtkWidget      *row)
{
  gtk_list_box_insert (self->list, row, self->rows->len);
  g_ptr_array_add (self->rows, row);
}

/* ── Adding people ────────────────────────────────────────────────────── */

static gboolean
is_assignee (SyPeopleEditor *self,
             const char     *id)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (self->rows, i), "id"), id) == 0)
      return TRUE;

  return FALSE;
}

static void
rebuild_choices (SyPeopleEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choices))) != NULL)
    gtk_list_box_remove (self->choices, child);

  for (guint i = 0; self->people != NULL && i < self->people->len; i++)
    {
      const SyPerson *person = g_ptr_array_index (self->people, i);
      GtkWidget *row;

      if (is_assignee (self, person->id))
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     person->name != NULL && *person->name != '\0' ? person->name : person->id);
      if (person->email != NULL && *person->email != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), person->email);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), adw_avatar_new (24, person->name, TRUE));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "id", g_strdup (person->id), g_free);
      gtk_list_box_append (self->choices, row);
    }

  gtk_widget_set_sensitive (self->add_person, gtk_widget_get_first_child (GTK_WIDGET (self->choices)) != NULL);
}

static void
on_choice_activated (SyPeopleEditor *self,
                     GtkListBoxRow  *row)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (row), "id"));

  gtk_popover_popdown (self->chooser);
  sy_people_editor_add_person (self, id);
}

static void
on_add_person_activated (SyPeopleEditor *self)
{
  gtk_popover_popup (self->chooser);
}

static void
on_add_variable_activated (SyPeopleEditor *self)
{
  gtk_widget_grab_focus (sy_people_editor_add_variable (self));
}

static void
people_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;
  SyPeopleEditor *self;

  people = sy_engine_list_people_finish (SY_ENGINE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SY_PEOPLE_EDITOR (user_data);
  g_clear_object (&self->cancellable);
  if (people == NULL)
    g_debug ("people: %s", error->message);
  else
    sy_people_editor_set_people (self, people);
}

static void
refresh_people (SyPeopleEditor *self)
{
  if (self->engine == NULL || !sy_engine_is_running (self->engine))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  sy_engine_list_people_async (self->engine, self->cancellable, people_cb, self);
}

/* ── SyFieldInput ─────────────────────────────────────────────────────── */

static JsonNode *
sy_people_editor_get_value (SyFieldInput *input)
{
  SyPeopleEditor *self = SY_PEOPLE_EDITOR (input);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const char *id = g_object_get_data (G_OBJECT (row), "id");
      const char *text = id != NULL ? id : gtk_editable_get_text (GTK_EDITABLE (row));

      /* A variable row still empty is nobody yet. */
      if (*text != '\0')
        json_array_add_string_element (array, text);
    }

  return json_node_init_array (json_node_alloc (), array);
}

static void
add_assignee (SyPeopleEditor *self,
              JsonNode       *value)
{
  g_autofree char *text = sy_field_input_text_from_value (value);

  if (JSON_NODE_HOLDS_OBJECT (value) || JSON_NODE_HOLDS_ARRAY (value) || *text == '\0')
    return; /* the validator explains these */

  append_row (self, strstr (text, "{{") != NULL ? variable_row (self, text) : person_row (self, text));
}

static void
sy_people_editor_set_value (SyFieldInput *input,
                            JsonNode     *value)
{
  SyPeopleEditor *self = SY_PEOPLE_EDITOR (input);
  g_autoptr(JsonNode) current = sy_people_editor_get_value (input);

  /* Our own edit coming back: keep the rows and the focus in them. */
  if (value != NULL && json_node_equal (value, current))
    return;

  self->updating = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  if (value != NULL && JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        add_assignee (self, json_array_get_element (array, i));
    }
  else if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
    add_assignee (self, value);

  rebuild_choices (self);
  self->updating = FALSE;
}

static void
sy_people_editor_set_editable (SyFieldInput *input,
                               gboolean      editable)
{
  SyPeopleEditor *self = SY_PEOPLE_EDITOR (input);

  self->editable = editable;
  gtk_widget_set_visible (self->add_person, editable);
  gtk_widget_set_visible (self->add_variable, editable);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *variables = g_object_get_data (G_OBJECT (row), "variables");

      gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "remove"), editable);
      if (variables != NULL)
        {
          gtk_widget_set_visible (variables, editable);
          gtk_editable_set_editable (GTK_EDITABLE (row), editable);
        }
    }
}

static void
sy_people_editor_set_scope (SyFieldInput *input,
                            SyWorkflow   *workflow,
                            SyNode       *node)
{
  SyPeopleEditor *self = SY_PEOPLE_EDITOR (input);

  g_set_object (&self->workflow, workflow);
  g_set_object (&self->node, node);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *variables = g_object_get_data (g_ptr_array_index (self->rows, i), "variables");

      if (variables != NULL)
        sy_variable_button_set_scope (SY_VARIABLE_BUTTON (variables), workflow, node);
    }
}

static void
sy_people_editor_field_input_init (SyFieldInputInterface *iface)
{
  iface->set_value = sy_people_editor_set_value;
  iface->get_value = sy_people_editor_get_value;
  iface->set_editable = sy_people_editor_set_editable;
  iface->set_scope = sy_people_editor_set_scope;
}

/* ── GObject ──────────────────────────────────────────────────────────── */

static void
sy_people_editor_dispose (GObject *object)
{
  SyPeopleEditor *self = SY_PEOPLE_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  /* The popover hangs off the "Add Person" row: it goes first. */
  g_clear_pointer ((GtkWidget **) &self->chooser, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->list, gtk_widget_unparent);
  g_clear_object (&self->workflow);
  g_clear_object (&self->node);

  G_OBJECT_CLASS (sy_people_editor_parent_class)->dispose (object);
}

static void
sy_people_editor_finalize (GObject *object)
{
  SyPeopleEditor *self = SY_PEOPLE_EDITOR (object);

  g_ptr_array_unref (self->rows);
  g_clear_pointer (&self->people, g_ptr_array_unref);

  G_OBJECT_CLASS (sy_people_editor_parent_class)->finalize (object);
}

static void
sy_people_editor_class_init (SyPeopleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_people_editor_dispose;
  object_class->finalize = sy_people_editor_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sy-people-editor");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
action_row (const char *icon_name,
            const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "sy-add-row");

  return row;
}

static void
sy_people_editor_init (SyPeopleEditor *self)
{
  GApplication *application = g_application_get_default ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->editable = TRUE;
  self->rows = g_ptr_array_new ();

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_parent (GTK_WIDGET (self->list), GTK_WIDGET (self));

  self->add_person = action_row ("list-add-symbolic", _("Add _Person…"));
  g_signal_connect_swapped (self->add_person, "activated", G_CALLBACK (on_add_person_activated), self);
  gtk_list_box_append (self->list, self->add_person);
  self->add_variable = action_row ("list-add-symbolic", _("Add _Variable"));
  g_signal_connect_swapped (self->add_variable, "activated", G_CALLBACK (on_add_variable_activated), self);
  gtk_list_box_append (self->list, self->add_variable);

  /* The directory, below the row that offers it. */
  self->choices = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->choices, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->choices), "navigation-sidebar");
  g_signal_connect_swapped (self->choices, "row-activated", G_CALLBACK (on_choice_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->choices));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_widget_set_size_request (scrolled, 240, -1);
  self->chooser = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->chooser, scrolled);
  gtk_widget_set_parent (GTK_WIDGET (self->chooser), self->add_person);

  if (SY_IS_APPLICATION (application))
    {
      self->engine = g_object_ref (sy_application_get_engine (SY_APPLICATION (application)));
      g_signal_connect_object (self->engine, "people-changed", G_CALLBACK (refresh_people), self, G_CONNECT_SWAPPED);
      refresh_people (self);
    }
  rebuild_choices (self);
}

GtkWidget *
sy_people_editor_new (void)
{
  return g_object_new (SY_TYPE_PEOPLE_EDITOR, NULL);
}

static SyPerson *
person_copy (const SyPerson *person)
{
  SyPerson *copy = g_new0 (SyPerson, 1);

  copy->id = g_strdup (person->id);
  copy->name = g_strdup (person->name);
  copy->email = g_strdup (person->email);
  return copy;
}

void
sy_people_editor_set_people (SyPeopleEditor *self,
                             GPtrArray      *people)
{
  g_return_if_fail (SY_IS_PEOPLE_EDITOR (self));

  g_clear_pointer (&self->people, g_ptr_array_unref);
  self->people = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_person_free);
  for (guint i = 0; people != NULL && i < people->len; i++)
    g_ptr_array_add (self->people, person_copy (g_ptr_array_index (people, i)));

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (g_object_get_data (G_OBJECT (row), "id") != NULL)
        describe_person (self, row);
    }
  rebuild_choices (self);
}

GtkWidget *
sy_people_editor_add_person (SyPeopleEditor *self,
                             const char     *id)
{
  GtkWidget *row;

  g_return_val_if_fail (SY_IS_PEOPLE_EDITOR (self), NULL);
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  row = person_row (self, id);
  append_row (self, row);
  rebuild_choices (self);
  changed (self);

  return row;
}

GtkWidget *
sy_people_editor_add_variable (SyPeopleEditor *self)
{
  GtkWidget *row;

  g_return_val_if_fail (SY_IS_PEOPLE_EDITOR (self), NULL);

  row = variable_row (self, NULL);
  append_row (self, row);
  /* Empty, it is nobody yet: the value changes once something is typed. */
  return row;
}

void
sy_people_editor_remove (SyPeopleEditor *self,
                         GtkWidget      *row)
{
  g_return_if_fail (SY_IS_PEOPLE_EDITOR (self));

  if (!g_ptr_array_remove (self->rows, row))
    return;
  gtk_list_box_remove (self->list, row);
  rebuild_choices (self);
  changed (self);
}

GList *
sy_people_editor_get_rows (SyPeopleEditor *self)
{
  GList *list = NULL;

  g_return_val_if_fail (SY_IS_PEOPLE_EDITOR (self), NULL);

  for (guint i = self->rows->len; i > 0; i--)
    list = g_list_prepend (list, g_ptr_array_index (self->rows, i - 1));

  return list;
}

GPtrArray *
sy_people_editor_list_choices (SyPeopleEditor *self)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SY_IS_PEOPLE_EDITOR (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->choices)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row))
      g_ptr_array_add (titles, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));

  return titles;
}

GtkWidget *
sy_people_editor_get_variables (GtkWidget *row)
{
  g_return_val_if_fail (GTK_IS_WIDGET (row), NULL);

  return g_object_get_data (G_OBJECT (row), "variables");
}
