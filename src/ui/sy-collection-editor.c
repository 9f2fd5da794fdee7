/* sy-collection-editor.c — define a collection or change its definition
 *
 * Save checks the definition first (every problem listed, each with its
 * place: "fields[1].options: …"), then gives it to the engine, which
 * migrates the table or refuses with the record and the reason. Either
 * way the editor stays open with everything typed, and says why.
 */
#define G_LOG_DOMAIN "switchyard-data"

#include "config.h"

#include <glib/gi18n.h>

#include "collections/sy-engine-collections.h"
#include "sy-collection-editor.h"
#include "sy-collection-field-row.h"
#include "sy-json.h"
#include "sy-record-format.h"

struct _SyCollectionEditor
{
  AdwWindow             parent_instance;

  SyEngine             *engine;
  GStrv                 targets;
  gboolean              editing;       /* an existing collection: its name is fixed */
  gboolean              name_edited;   /* typed by hand: the title no longer makes it */
  gboolean              setting_name;
  gboolean              saving;
  char                 *problem;
  GPtrArray            *rows;          /* of SyCollectionFieldRow, in order */
  GtkFileChooserNative *chooser;

  /* template children */
  AdwEntryRow          *title_row;
  AdwEntryRow          *name_row;
  AdwPreferencesGroup  *fields_group;
  GtkRevealer          *problem_revealer;
  GtkLabel             *problem_label;
};

G_DEFINE_FINAL_TYPE (SyCollectionEditor, sy_collection_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_problem (SyCollectionEditor *self,
              const char         *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
  if (problem != NULL)
    gtk_label_set_text (self->problem_label, problem);
  gtk_revealer_set_reveal_child (self->problem_revealer, problem != NULL);
}

static void
on_title_changed (SyCollectionEditor *self)
{
  g_autofree char *name = NULL;

  if (self->editing || self->name_edited)
    return;

  name = sy_name_from_title (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  self->setting_name = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  self->setting_name = FALSE;
}

static void
on_name_changed (SyCollectionEditor *self)
{
  if (!self->setting_name)
    self->name_edited = TRUE;
}

/* ── Fields ───────────────────────────────────────────────────────────── */

static void
place_rows (SyCollectionEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->fields_group, g_ptr_array_index (self->rows, i));
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_add (self->fields_group, g_ptr_array_index (self->rows, i));
}

static void
on_row_remove (SyCollectionEditor *self,
               GtkWidget          *row)
{
  adw_preferences_group_remove (self->fields_group, row);
  g_ptr_array_remove (self->rows, row);
}

static void
on_row_move (SyCollectionEditor *self,
             int                 delta,
             GtkWidget          *row)
{
  guint index;
  int target;

  if (!g_ptr_array_find (self->rows, row, &index))
    return;
  target = (int) index + delta;
  if (target < 0 || target >= (int) self->rows->len)
    return;

  g_object_ref (row);
  g_ptr_array_remove_index (self->rows, index);
  g_ptr_array_insert (self->rows, target, row);
  place_rows (self);
  g_object_unref (row);
}

static GtkWidget *
add_row (SyCollectionEditor *self)
{
  GtkWidget *row = sy_collection_field_row_new ((const char * const *) self->targets);

  g_signal_connect_object (row, "remove", G_CALLBACK (on_row_remove), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "move", G_CALLBACK (on_row_move), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->rows, g_object_ref (row));
  adw_preferences_group_add (self->fields_group, row);
  return row;
}

static void
remove_rows (SyCollectionEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->fields_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

/* ── Saving ───────────────────────────────────────────────────────────── */

static void
define_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SyCollectionEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (!sy_engine_define_collections_finish (SY_ENGINE (source), result, &error))
    {
      g_autofree char *problem = NULL;

      if (g_error_matches (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_REFUSED))
        /* Translators: a migration the store refused, with its reason */
        problem = g_strdup_printf (_("The change was refused, nothing was changed: %s"), error->message);
      else
        problem = g_strdup_printf (_("The collection could not be saved: %s"), error->message);
      show_problem (self, problem);
      return;
    }

  show_problem (self, NULL);
  node = sy_collection_editor_to_json (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0,
                 json_object_get_string_member (json_node_get_object (node), "name"));
  gtk_window_close (GTK_WINDOW (self));
}

void
sy_collection_editor_save (SyCollectionEditor *self)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SyCollection) collection = NULL;
  g_autoptr(GPtrArray) collections = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SY_IS_COLLECTION_EDITOR (self));

  if (self->saving)
    return;

  node = sy_collection_editor_to_json (self);
  collection = sy_collection_new_from_json (node, &error);
  if (collection == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  if (self->engine == NULL || !sy_engine_is_running (self->engine))
    {
      show_problem (self, _("The collection cannot be saved: the engine is not running."));
      return;
    }

  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  collections = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (collections, g_steal_pointer (&collection));
  sy_engine_define_collections_async (self->engine, collections, NULL, define_cb, g_object_ref (self));
}

/* ── Actions ──────────────────────────────────────────────────────────── */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sy_collection_editor_save (SY_COLLECTION_EDITOR (widget));
}

static void
add_field_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkWidget *row = sy_collection_editor_add_field (SY_COLLECTION_EDITOR (widget));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
}

static void
on_file_chosen (SyCollectionEditor *self,
                int                 response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  if (!g_file_load_contents (file, NULL, &text, NULL, NULL, &error) ||
      (node = json_from_string (text, &error)) == NULL)
    {
      g_autofree char *problem = g_strdup_printf (_("“%s” cannot be read: %s"), g_file_peek_path (file),
                                                  error != NULL ? error->message : _("it is empty"));

      show_problem (self, problem);
      return;
    }
  sy_collection_editor_load_json (self, node);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SyCollectionEditor *self = SY_COLLECTION_EDITOR (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser == NULL)
    {
      self->chooser = gtk_file_chooser_native_new (_("Open a Collection Definition"), GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
      gtk_file_filter_set_name (filter, _("Collection definitions (JSON)"));
      gtk_file_filter_add_mime_type (filter, "application/json");
      gtk_file_filter_add_pattern (filter, "*.json");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
      g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_file_chosen), self, G_CONNECT_SWAPPED);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ── Object ───────────────────────────────────────────────────────────── */

static void
sy_collection_editor_dispose (GObject *object)
{
  SyCollectionEditor *self = SY_COLLECTION_EDITOR (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_COLLECTION_EDITOR);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (sy_collection_editor_parent_class)->dispose (object);
}

static void
sy_collection_editor_finalize (GObject *object)
{
  SyCollectionEditor *self = SY_COLLECTION_EDITOR (object);

  g_strfreev (self->targets);
  g_free (self->problem);

  G_OBJECT_CLASS (sy_collection_editor_parent_class)->finalize (object);
}

/* A text still focused when its window goes would keep blinking into a
 * warning: the focus leaves first. */
static gboolean
sy_collection_editor_close_request (GtkWindow *window)
{
  gtk_window_set_focus (window, NULL);
  return GTK_WINDOW_CLASS (sy_collection_editor_parent_class)->close_request (window);
}

static void
sy_collection_editor_class_init (SyCollectionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_collection_editor_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = sy_collection_editor_close_request;
  object_class->finalize = sy_collection_editor_finalize;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SY_TYPE_COLLECTION_FIELD_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/switchyard/Switchyard/sy-collection-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SyCollectionEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, SyCollectionEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SyCollectionEditor, fields_group);
  gtk_widget_class_bind_template_child (widget_class, SyCollectionEditor, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, SyCollectionEditor, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-field", NULL, add_field_action);
  gtk_widget_class_install_action (widget_class, "editor.open", NULL, open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
sy_collection_editor_init (SyCollectionEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

SyCollectionEditor *
sy_collection_editor_new (GtkWindow          *parent,
                          SyEngine           *engine,
                          SyCollection       *collection,
                          const char * const *targets)
{
  SyCollectionEditor *self = g_object_new (SY_TYPE_COLLECTION_EDITOR,
                                           "transient-for", parent,
                                           NULL);

  g_set_object (&self->engine, engine);
  self->targets = g_strdupv ((GStrv) targets);

  if (collection != NULL)
    {
      g_autoptr(JsonNode) node = sy_collection_to_json (collection);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Collection"));
      sy_collection_editor_load_json (self, node);
      self->editing = TRUE;
      /* A new name would be a new table: renaming is no migration. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
    }
  else
    add_row (self);

  return self;
}

gboolean
sy_collection_editor_load_json (SyCollectionEditor *self,
                                JsonNode           *node)
{
  JsonObject *definition;
  JsonNode *fields;

  g_return_val_if_fail (SY_IS_COLLECTION_EDITOR (self), FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      show_problem (self, _("This is no collection definition: a switchyard-collection/1 object was expected."));
      return FALSE;
    }
  definition = json_node_get_object (node);

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), json_object_get_string_member_with_default (definition, "title", ""));
  if (!self->editing)
    {
      self->setting_name = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), json_object_get_string_member_with_default (definition, "name", ""));
      self->setting_name = FALSE;
      self->name_edited = TRUE;
    }

  remove_rows (self);
  fields = json_object_get_member (definition, "fields");
  if (fields != NULL && JSON_NODE_HOLDS_ARRAY (fields))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (fields)); i++)
      {
        JsonNode *field = json_array_get_element (json_node_get_array (fields), i);

        if (JSON_NODE_HOLDS_OBJECT (field))
          sy_collection_field_row_set_field (SY_COLLECTION_FIELD_ROW (add_row (self)), json_node_get_object (field));
      }

  show_problem (self, NULL);
  return TRUE;
}

JsonNode *
sy_collection_editor_to_json (SyCollectionEditor *self)
{
  g_autoptr(JsonObject) definition = json_object_new ();
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  JsonArray *fields = json_array_new ();

  g_return_val_if_fail (SY_IS_COLLECTION_EDITOR (self), NULL);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  json_object_set_string_member (definition, "format", SY_COLLECTION_FORMAT);
  json_object_set_string_member (definition, "name", name);
  if (title[0] != '\0')
    json_object_set_string_member (definition, "title", title);
  for (guint i = 0; i < self->rows->len; i++)
    json_array_add_object_element (fields, sy_collection_field_row_to_json (g_ptr_array_index (self->rows, i)));
  json_object_set_array_member (definition, "fields", fields);

  return sy_json_node_take_object (g_steal_pointer (&definition));
}

GtkWidget *
sy_collection_editor_add_field (SyCollectionEditor *self)
{
  g_return_val_if_fail (SY_IS_COLLECTION_EDITOR (self), NULL);

  return add_row (self);
}

guint
sy_collection_editor_get_n_fields (SyCollectionEditor *self)
{
  g_return_val_if_fail (SY_IS_COLLECTION_EDITOR (self), 0);

  return self->rows->len;
}

GtkWidget *
sy_collection_editor_get_field_row (SyCollectionEditor *self,
                                    guint               index)
{
  g_return_val_if_fail (SY_IS_COLLECTION_EDITOR (self), NULL);

  return index < self->rows->len ? g_ptr_array_index (self->rows, index) : NULL;
}

void
sy_collection_editor_set_title_text (SyCollectionEditor *self,
                                     const char         *title)
{
  g_return_if_fail (SY_IS_COLLECTION_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
}

const char *
sy_collection_editor_get_problem (SyCollectionEditor *self)
{
  g_return_val_if_fail (SY_IS_COLLECTION_EDITOR (self), NULL);

  return self->problem;
}
