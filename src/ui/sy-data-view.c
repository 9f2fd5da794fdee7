/* sy-data-view.c — local data: collections, their records, forms and bound buttons
 *
 * Reads go through a read-only connection to data.db on the UI thread
 * (cheap, never waiting for the engine); every write is an engine call:
 * definitions, actions (which run the workflows bound to the button
 * pressed), imports. The engine's "records-changed" and
 * "collections-changed" bring the table and the list up to date, whoever
 * wrote — a form, a workflow, the command line.
 */
#define G_LOG_DOMAIN "switchyard-data"

#include "config.h"

#include <glib/gi18n.h>

#include "collections/sy-record-import.h"
#include "sy-binding-editor.h"
#include "sy-collection-editor.h"
#include "sy-data-csv.h"
#include "sy-data-view.h"
#include "sy-json.h"
#include "sy-record-form.h"
#include "sy-record-format.h"
#include "sy-widget-util.h"

struct _SyDataView
{
  GtkWidget             parent_instance;

  SyEngine             *engine;
  SyCollectionStore    *reader;
  SyActionBindings     *bindings;
  char                 *bindings_problem; /* bindings.json could not be read: not overwritten */
  SyCollection         *collection;       /* shown */
  GSimpleActionGroup   *actions;
  GCancellable         *cancellable;
  guint                 busy;
  char                 *last_notice;
  char                 *last_problem;
  gboolean              listing;          /* rebuilding the list: selections are not the person's */

  GtkWidget            *back_button;
  GtkWidget            *trigger_box;
  GtkWidget            *new_record_button;
  GtkWidget            *menu_button;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *collection_list;
  GtkStack             *content_stack;
  AdwStatusPage        *empty_page;
  SyRecordsView        *records_view;
  GMenuModel           *collection_menu;
};

G_DEFINE_FINAL_TYPE (SyDataView, sy_data_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_actions (SyDataView *self);

/* ── Telling people ───────────────────────────────────────────────────── */

static void
notice (SyDataView *self,
        const char *text)
{
  /* An answer that came after the view went away. */
  if (self->toast_overlay == NULL)
    return;

  g_free (self->last_notice);
  self->last_notice = g_strdup (text);
  sy_widget_show_toast (GTK_WIDGET (self->toast_overlay), text);
}

static void
problem (SyDataView *self,
         const char *heading,
         const char *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->toast_overlay == NULL)
    return;

  g_free (self->last_problem);
  self->last_problem = g_strdup (body);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWindow *
parent_window (SyDataView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static gboolean
engine_ready (SyDataView *self)
{
  if (self->engine != NULL && sy_engine_is_running (self->engine) && self->reader != NULL)
    return TRUE;

  problem (self, _("Nothing Can Be Changed"), _("The engine is not running, so records and collections cannot be changed."));
  return FALSE;
}

static void
busy_begin (SyDataView *self)
{
  self->busy++;
}

static void
busy_end (SyDataView *self)
{
  if (self->busy > 0)
    self->busy--;
}

/* ── Collections list ─────────────────────────────────────────────────── */

static const char *
row_name (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "sy-collection") : NULL;
}

static GtkWidget *
new_collection_row (SyDataView   *self,
                    SyCollection *collection)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (sy_collection_get_title (collection));
  GtkWidget *count = gtk_label_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 n = sy_collection_store_count (self->reader, sy_collection_get_name (collection), NULL, &error);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  if (n >= 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, n);

      gtk_label_set_text (GTK_LABEL (count), text);
    }
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, sy_collection_get_name (collection));
  g_object_set_data_full (G_OBJECT (row), "sy-collection", g_strdup (sy_collection_get_name (collection)), g_free);
  return row;
}

static GtkListBoxRow *
find_row (SyDataView *self,
          const char *name)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->collection_list, i);

      if (row == NULL || g_strcmp0 (row_name (row), name) == 0)
        return row;
    }
}

static void
show_none (SyDataView *self)
{
  g_clear_object (&self->collection);
  sy_records_view_set_source (self->records_view, NULL, NULL);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  update_actions (self);
}

/* The collection's "Trigger workflow" buttons, for the selected rows. */
static void
update_trigger_buttons (SyDataView *self)
{
  GPtrArray *buttons;

  sy_widget_remove_children (self->trigger_box);
  if (self->collection == NULL || self->bindings == NULL)
    return;

  buttons = sy_action_bindings_get_buttons (self->bindings, sy_collection_get_name (self->collection));
  for (guint i = 0; i < buttons->len; i++)
    {
      SyActionButton *button = g_ptr_array_index (buttons, i);
      GtkWidget *widget;

      if (button->kind != SY_BUTTON_TRIGGER)
        continue;
      widget = gtk_button_new_with_label (button->title != NULL ? button->title : _("Trigger Workflow"));
      gtk_widget_set_tooltip_text (widget, _("Runs its workflows for the selected records"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (widget), "data.trigger");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (widget), "u", i);
      gtk_box_append (GTK_BOX (self->trigger_box), widget);
    }
}

gboolean
sy_data_view_show_collection (SyDataView *self,
                              const char *name)
{
  g_autoptr(SyCollection) collection = NULL;
  GtkListBoxRow *row;

  g_return_val_if_fail (SY_IS_DATA_VIEW (self), FALSE);

  if (self->reader == NULL || name == NULL)
    return FALSE;
  collection = sy_collection_store_get_collection (self->reader, name, NULL);
  if (collection == NULL)
    return FALSE;

  g_set_object (&self->collection, collection);
  sy_records_view_set_source (self->records_view, self->reader, collection);
  update_trigger_buttons (self);
  gtk_stack_set_visible_child_name (self->content_stack, "records");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");

  row = find_row (self, name);
  self->listing = TRUE;
  gtk_list_box_select_row (self->collection_list, row);
  self->listing = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  update_actions (self);
  return TRUE;
}

void
sy_data_view_refresh (SyDataView *self)
{
  g_autoptr(GPtrArray) collections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  g_return_if_fail (SY_IS_DATA_VIEW (self));

  self->listing = TRUE;
  sy_widget_remove_children (GTK_WIDGET (self->collection_list));
  self->listing = FALSE;

  if (self->reader != NULL)
    collections = sy_collection_store_list_collections (self->reader, &error);
  if (collections == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Local Data Is Not Available"));
      adw_status_page_set_description (self->empty_page,
                                       error != NULL ? error->message : _("The engine is not running."));
      show_none (self);
      return;
    }

  adw_status_page_set_title (self->empty_page, _("No Collections Yet"));
  adw_status_page_set_description (self->empty_page,
                                   _("A collection keeps records on this computer — products, orders, anything. "
                                     "Its forms and buttons can run workflows that check and change them."));
  for (guint i = 0; i < collections->len; i++)
    gtk_list_box_append (self->collection_list, new_collection_row (self, g_ptr_array_index (collections, i)));

  /* The one shown stays, with its definition as it is now. */
  shown = self->collection != NULL ? g_strdup (sy_collection_get_name (self->collection)) : NULL;
  if (shown != NULL && find_row (self, shown) != NULL)
    {
      g_autoptr(SyCollection) now = sy_collection_store_get_collection (self->reader, shown, NULL);

      if (now != NULL && sy_collection_same_fields (now, self->collection) &&
          g_strcmp0 (sy_collection_get_title (now), sy_collection_get_title (self->collection)) == 0)
        {
          self->listing = TRUE;
          gtk_list_box_select_row (self->collection_list, find_row (self, shown));
          self->listing = FALSE;
          sy_records_view_reload (self->records_view);
        }
      else
        sy_data_view_show_collection (self, shown);
    }
  else if (collections->len > 0)
    sy_data_view_show_collection (self, sy_collection_get_name (g_ptr_array_index (collections, 0)));
  else
    show_none (self);
}

static void
on_collection_row_selected (SyDataView    *self,
                            GtkListBoxRow *row)
{
  if (self->listing || row == NULL)
    return;
  if (self->collection == NULL || g_strcmp0 (row_name (row), sy_collection_get_name (self->collection)) != 0)
    sy_data_view_show_collection (self, row_name (row));
  else
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
on_folded (SyDataView *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->back_button, folded);
  /* Folded, the toolbar shares a narrow window with the search: the
   * button keeps its icon and its tooltip says the rest. */
  adw_button_content_set_label (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (self->new_record_button))),
                                folded ? "" : _("_New Record"));
}

static void
on_back_clicked (SyDataView *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "collections");
}

/* ── Engine ───────────────────────────────────────────────────────────── */

static void
update_counts (SyDataView *self)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->collection_list, i);
      GtkWidget *count;
      gint64 n;

      if (row == NULL)
        break;
      n = sy_collection_store_count (self->reader, row_name (row), NULL, NULL);
      count = gtk_widget_get_last_child (gtk_list_box_row_get_child (row));
      if (n >= 0)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, n);

          gtk_label_set_text (GTK_LABEL (count), text);
        }
    }
}

static void
on_records_changed (SyDataView *self,
                    const char *collection)
{
  if (self->reader == NULL)
    return;
  if (self->collection != NULL && g_strcmp0 (collection, sy_collection_get_name (self->collection)) == 0)
    sy_records_view_reload (self->records_view);
  update_counts (self);
}

static void
on_collections_changed (SyDataView *self)
{
  sy_data_view_refresh (self);
}

static void
open_reader (SyDataView *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->reader);
  if (self->engine == NULL || !sy_engine_is_running (self->engine))
    return;

  self->reader = sy_engine_open_data_reader (self->engine, &error);
  if (self->reader == NULL)
    g_warning ("Could not read the collections: %s", error->message);
}

static void
load_bindings (SyDataView *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->bindings);
  g_clear_pointer (&self->bindings_problem, g_free);
  if (self->engine == NULL)
    return;

  self->bindings = sy_action_bindings_load (sy_engine_get_data_dir (self->engine), &error);
  if (self->bindings == NULL)
    {
      /* Buttons work without their workflows; the file is left as it is. */
      self->bindings_problem = g_strdup (error->message);
      self->bindings = sy_action_bindings_new ();
      g_warning ("%s", error->message);
    }
}

void
sy_data_view_set_engine (SyDataView *self,
                         SyEngine   *engine)
{
  g_return_if_fail (SY_IS_DATA_VIEW (self));
  g_return_if_fail (engine == NULL || SY_IS_ENGINE (engine));

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    {
      g_signal_connect_object (engine, "records-changed", G_CALLBACK (on_records_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "collections-changed", G_CALLBACK (on_collections_changed), self, G_CONNECT_SWAPPED);
    }

  open_reader (self);
  load_bindings (self);
  g_clear_object (&self->collection);
  sy_data_view_refresh (self);
}

/* ── Definitions ──────────────────────────────────────────────────────── */

static GStrv
collection_names (SyDataView *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->collection_list, i);

      if (row == NULL)
        break;
      g_strv_builder_add (names, row_name (row));
    }
  return g_strv_builder_end (names);
}

static void
on_definition_saved (SyDataView *self,
                     const char *name)
{
  g_autofree char *text = NULL;

  /* "collections-changed" lists it; show it now. */
  sy_data_view_refresh (self);
  sy_data_view_show_collection (self, name);
  text = g_strdup_printf (_("“%s” saved"), sy_data_view_get_title (self));
  notice (self, text);
}

static void
open_editor (SyDataView   *self,
             SyCollection *collection)
{
  g_auto(GStrv) targets = NULL;
  SyCollectionEditor *editor;

  if (!engine_ready (self))
    return;

  targets = collection_names (self);
  editor = sy_collection_editor_new (parent_window (self), self->engine, collection, (const char * const *) targets);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_definition_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_collection_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  open_editor (SY_DATA_VIEW (user_data), NULL);
}

static void
edit_collection_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  SyDataView *self = SY_DATA_VIEW (user_data);

  if (self->collection != NULL)
    open_editor (self, self->collection);
}

typedef struct
{
  SyDataView *view;
  GPtrArray  *collections;
} DefineCall;

static void
define_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  DefineCall *call = user_data;
  g_autoptr(SyDataView) self = call->view;
  g_autoptr(GPtrArray) collections = call->collections;
  g_autoptr(GError) error = NULL;

  g_free (call);
  busy_end (self);
  if (!sy_engine_define_collections_finish (SY_ENGINE (source), result, &error))
    {
      problem (self, _("The Definitions Were Not Imported"), error->message);
      return;
    }

  sy_data_view_refresh (self);
  sy_data_view_show_collection (self, sy_collection_get_name (g_ptr_array_index (collections, 0)));
  {
    g_autofree char *number = g_strdup_printf ("%u", collections->len);
    g_autofree char *text = g_strdup_printf (ngettext ("%s collection imported", "%s collections imported",
                                                       collections->len),
                                             number);

    notice (self, text);
  }
}

void
sy_data_view_import_definitions (SyDataView *self,
                                 GFile      *file)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) collections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) problems = g_string_new (NULL);
  DefineCall *call;

  g_return_if_fail (SY_IS_DATA_VIEW (self));

  if (!engine_ready (self))
    return;

  /* Definition files are small: read here, checked before anything is sent. */
  if (!g_file_load_contents (file, NULL, &text, NULL, NULL, &error) ||
      (node = json_from_string (text, &error)) == NULL)
    {
      g_autofree char *body = g_strdup_printf (_("“%s” cannot be read: %s"), g_file_peek_path (file),
                                               error != NULL ? error->message : _("it is empty"));

      problem (self, _("The Definitions Were Not Imported"), body);
      return;
    }

  /* One definition, or a list of them. */
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(GError) item_error = NULL;
          SyCollection *collection = sy_collection_new_from_json (json_array_get_element (array, i), &item_error);

          if (collection != NULL)
            g_ptr_array_add (collections, collection);
          else
            g_string_append_printf (problems, "[%u]: %s\n", i, item_error->message);
        }
    }
  else
    {
      SyCollection *collection = sy_collection_new_from_json (node, &error);

      if (collection != NULL)
        g_ptr_array_add (collections, collection);
      else
        g_string_append_printf (problems, "%s\n", error->message);
    }

  if (problems->len > 0 || collections->len == 0)
    {
      g_autofree char *body = g_strdup_printf (_("“%s” holds no valid collection definitions:\n%s"),
                                               g_file_peek_path (file), g_strchomp (problems->str));

      problem (self, _("The Definitions Were Not Imported"), body);
      return;
    }

  busy_begin (self);
  call = g_new0 (DefineCall, 1);
  call->view = g_object_ref (self);
  call->collections = g_ptr_array_ref (collections);
  sy_engine_define_collections_async (self->engine, collections, self->cancellable, define_cb, call);
}

/* A GtkFileChooserNative that calls `func` with the chosen file. */
typedef void (*FileFunc) (SyDataView *self,
                          GFile      *file);

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     SyDataView      *self)
{
  FileFunc func = (FileFunc) g_object_get_data (G_OBJECT (chooser), "sy-file-func");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      func (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_file (SyDataView          *self,
             const char          *title,
             GtkFileChooserAction mode,
             const char          *accept,
             const char          *filter_name,
             const char          *pattern,
             const char          *suggested,
             FileFunc             func)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent_window (self), mode, accept, _("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  if (suggested != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_object_set_data (G_OBJECT (chooser), "sy-file-func", func);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_definitions_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  choose_file (SY_DATA_VIEW (user_data), _("Import Collection Definitions"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Import"), _("Collection definitions (JSON)"), "*.json", NULL, sy_data_view_import_definitions);
}

static void
drop_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SyDataView) self = user_data;
  g_autoptr(GError) error = NULL;

  busy_end (self);
  if (!sy_engine_drop_collection_finish (SY_ENGINE (source), result, &error))
    {
      problem (self, _("The Collection Was Not Deleted"), error->message);
      return;
    }
  notice (self, _("Collection deleted"));
  g_clear_object (&self->collection);
  sy_data_view_refresh (self);
}

/* What a Delete dialog is about: a collection (`name`) or a record (`id`). */
typedef struct
{
  SyDataView *self;
  char       *name;
  gint64      id;
} Deletion;

static Deletion *
deletion_new (SyDataView *self,
              const char *name,
              gint64      id)
{
  Deletion *deletion = g_new0 (Deletion, 1);

  deletion->self = g_object_ref (self);
  deletion->name = g_strdup (name);
  deletion->id = id;
  return deletion;
}

static void
deletion_free (Deletion *deletion)
{
  g_object_unref (deletion->self);
  g_free (deletion->name);
  g_free (deletion);
}

static void
delete_collection_confirmed (gpointer data)
{
  Deletion *deletion = data;
  SyDataView *self = deletion->self;
  const char *name = deletion->name;

  if (!engine_ready (self))
    return;

  busy_begin (self);
  if (self->bindings != NULL && self->bindings_problem == NULL)
    {
      sy_action_bindings_remove (self->bindings, name);
      sy_action_bindings_save_async (self->bindings, sy_engine_get_data_dir (self->engine), NULL, NULL, NULL);
    }
  sy_engine_drop_collection_async (self->engine, name, self->cancellable, drop_cb, g_object_ref (self));
}

static void
delete_collection_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  SyDataView *self = SY_DATA_VIEW (user_data);
  g_autofree char *heading = NULL;

  if (self->collection == NULL)
    return;

  heading = g_strdup_printf (_("Delete “%s”?"), sy_collection_get_title (self->collection));
  sy_confirm_destructive (GTK_WIDGET (self), heading,
                          _("The collection and all its records are deleted. This cannot be undone."), _("_Delete"),
                          delete_collection_confirmed, deletion_new (self, sy_collection_get_name (self->collection), 0),
                          (GDestroyNotify) deletion_free);
}

static void
show_collection_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  sy_data_view_show_collection (SY_DATA_VIEW (user_data), g_variant_get_string (parameter, NULL));
}

/* ── Records ──────────────────────────────────────────────────────────── */

static const char *
done_text (SyButtonKind kind)
{
  switch (kind)
    {
    case SY_BUTTON_SUBMIT:
      return _("Record created");
    case SY_BUTTON_SAVE:
    case SY_BUTTON_UPDATE_RECORD:
      return _("Record saved");
    case SY_BUTTON_DELETE:
      return _("Record deleted");
    case SY_BUTTON_TRIGGER:
    default:
      return _("Workflows started");
    }
}

/* The toast after an action: what happened, and what the workflows said. */
static void
notice_outcome (SyDataView      *self,
                SyButtonKind     kind,
                SyActionOutcome *outcome)
{
  g_autofree char *messages = sy_record_format_messages (outcome->messages, "; ");
  g_autofree char *text = NULL;

  /* Translators: a done action and what its workflows said, "Record created: Order confirmed" */
  text = messages != NULL ? g_strdup_printf (_("%s: %s"), done_text (kind), messages) : g_strdup (done_text (kind));
  notice (self, text);
}

static void
on_form_done (SyDataView      *self,
              int              kind,
              SyActionOutcome *outcome)
{
  notice_outcome (self, kind, outcome);
}

static void
open_form (SyDataView *self,
           JsonObject *record)
{
  SyRecordForm *form;

  if (self->collection == NULL || !engine_ready (self))
    return;

  form = sy_record_form_new (parent_window (self), self->engine, self->reader, self->collection, self->bindings, record);
  g_signal_connect_object (form, "done", G_CALLBACK (on_form_done), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (form));
}

static void
new_record_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  open_form (SY_DATA_VIEW (user_data), NULL);
}

static JsonObject *
read_record (SyDataView *self,
             gint64      id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *record = sy_collection_store_get_record (self->reader, sy_collection_get_name (self->collection), id,
                                                       NULL, &error);

  if (record == NULL)
    problem (self, _("The Record Cannot Be Opened"), error->message);
  return record;
}

static void
edit_record (SyDataView *self,
             gint64      id)
{
  g_autoptr(JsonObject) record = NULL;

  if (self->collection == NULL || self->reader == NULL)
    return;
  record = read_record (self, id);
  if (record != NULL)
    open_form (self, record);
}

static void
edit_record_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  edit_record (SY_DATA_VIEW (user_data), g_variant_get_int64 (parameter));
}

static void
on_record_activated (SyDataView *self,
                     gint64      id)
{
  edit_record (self, id);
}

/* Actions started from the table (not a form): delete, update record,
 * trigger. */
typedef struct
{
  SyDataView   *view;
  SyButtonKind  kind;
} RowCall;

static void
row_action_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RowCall *call = user_data;
  g_autoptr(SyDataView) self = call->view;
  g_autoptr(SyActionOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  SyButtonKind kind = call->kind;

  g_free (call);
  busy_end (self);
  outcome = sy_engine_run_action_finish (SY_ENGINE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (outcome == NULL)
    {
      problem (self, _("Nothing Was Changed"), error->message);
      return;
    }
  if (outcome->status != SY_ACTION_DONE)
    {
      g_autofree char *body = sy_record_format_messages (outcome->messages, "\n");

      problem (self, _("Nothing Was Changed"),
               body != NULL ? body
               : outcome->status == SY_ACTION_REFUSED ? _("A workflow bound to this button refused it.")
                                                      : _("A workflow bound to this button stopped it."));
      return;
    }
  notice_outcome (self, kind, outcome);
}

static void
run_row_action (SyDataView     *self,
                SyButtonKind    kind,
                SyActionButton *button,
                const gint64   *ids,
                guint           n_ids)
{
  g_autoptr(SyRecordAction) action = NULL;
  RowCall *call;

  if (self->collection == NULL || !engine_ready (self))
    return;

  action = sy_record_action_new (sy_button_kind_get_action (kind), sy_collection_get_name (self->collection));
  for (guint i = 0; i < n_ids; i++)
    sy_record_action_add_id (action, ids[i]);
  if (button != NULL && button->values != NULL)
    sy_record_action_set_values (action, button->values);
  if (button != NULL)
    sy_action_button_apply (button, action);

  busy_begin (self);
  call = g_new0 (RowCall, 1);
  call->view = g_object_ref (self);
  call->kind = kind;
  sy_engine_run_action_async (self->engine, action, self->cancellable, row_action_cb, call);
}

static SyActionButton *
button_at (SyDataView *self,
           guint       index,
           SyButtonKind kind)
{
  GPtrArray *buttons;

  if (self->collection == NULL || self->bindings == NULL)
    return NULL;
  buttons = sy_action_bindings_get_buttons (self->bindings, sy_collection_get_name (self->collection));
  if (index >= buttons->len || ((SyActionButton *) g_ptr_array_index (buttons, index))->kind != kind)
    return NULL;
  return g_ptr_array_index (buttons, index);
}

static void
delete_record_confirmed (gpointer data)
{
  Deletion *deletion = data;
  SyDataView *self = deletion->self;

  if (self->collection == NULL)
    return;
  run_row_action (self, SY_BUTTON_DELETE,
                  sy_action_bindings_find (self->bindings, sy_collection_get_name (self->collection), SY_BUTTON_DELETE),
                  &deletion->id, 1);
}

static void
delete_record_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  SyDataView *self = SY_DATA_VIEW (user_data);
  gint64 id = g_variant_get_int64 (parameter);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* Translators: "Delete record #7?" */
  g_autofree char *heading = g_strdup_printf (_("Delete record #%s?"), number);

  sy_confirm_destructive (GTK_WIDGET (self), heading,
                          _("Workflows bound to Delete run first and may keep it. A deleted record cannot be brought back."),
                          _("_Delete"), delete_record_confirmed, deletion_new (self, NULL, id),
                          (GDestroyNotify) deletion_free);
}

/* A row's Update record or Trigger workflow button: (record id, button index). */
static void
row_button_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  SyDataView *self = SY_DATA_VIEW (user_data);
  SyActionButton *button;
  gint64 id;
  guint index;

  g_variant_get (parameter, "(xu)", &id, &index);
  button = button_at (self, index, SY_BUTTON_UPDATE_RECORD);
  if (button == NULL)
    button = button_at (self, index, SY_BUTTON_TRIGGER);
  if (button != NULL)
    run_row_action (self, button->kind, button, &id, 1);
}

static void
trigger_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SyDataView *self = SY_DATA_VIEW (user_data);
  SyActionButton *button = button_at (self, g_variant_get_uint32 (parameter), SY_BUTTON_TRIGGER);
  g_autoptr(GArray) ids = NULL;

  if (button == NULL)
    return;
  /* No selection: the workflows run without records (global custom actions). */
  ids = sy_records_view_get_selected_ids (self->records_view);
  run_row_action (self, SY_BUTTON_TRIGGER, button, (const gint64 *) ids->data, ids->len);
}

/* The row's "⋯" menu: Edit, its Update record and Trigger workflow
 * buttons, Delete. */
static GMenuModel *
row_menu (gint64   id,
          gpointer user_data)
{
  SyDataView *self = SY_DATA_VIEW (user_data);
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) buttons_section = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  GPtrArray *buttons = sy_action_bindings_get_buttons (self->bindings, sy_collection_get_name (self->collection));

  item = g_menu_item_new (_("_Edit…"), NULL);
  g_menu_item_set_action_and_target_value (item, "data.edit-record", g_variant_new_int64 (id));
  g_menu_append_item (edit, item);
  g_clear_object (&item);

  for (guint i = 0; i < buttons->len; i++)
    {
      SyActionButton *button = g_ptr_array_index (buttons, i);

      if (button->kind != SY_BUTTON_UPDATE_RECORD && button->kind != SY_BUTTON_TRIGGER)
        continue;
      item = g_menu_item_new (button->title != NULL ? button->title
                              : button->kind == SY_BUTTON_TRIGGER ? _("Trigger Workflow")
                                                                  : _("Update Record"),
                              NULL);
      g_menu_item_set_action_and_target_value (item, "data.row-button", g_variant_new ("(xu)", id, i));
      g_menu_append_item (buttons_section, item);
      g_clear_object (&item);
    }

  item = g_menu_item_new (_("_Delete…"), NULL);
  g_menu_item_set_action_and_target_value (item, "data.delete-record", g_variant_new_int64 (id));
  g_menu_append_item (remove, item);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  if (g_menu_model_get_n_items (G_MENU_MODEL (buttons_section)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (buttons_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));
  return G_MENU_MODEL (menu);
}

/* ── Bindings ─────────────────────────────────────────────────────────── */

static void
bindings_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SyDataView) self = user_data;
  g_autoptr(GError) error = NULL;

  busy_end (self);
  if (!sy_action_bindings_save_finish (SY_ACTION_BINDINGS (source), result, &error))
    problem (self, _("The Buttons Were Not Saved"), error->message);
  else
    notice (self, _("Buttons and workflows saved"));
}

void
sy_data_view_set_buttons (SyDataView *self,
                          GPtrArray  *buttons)
{
  g_return_if_fail (SY_IS_DATA_VIEW (self));

  if (self->collection == NULL || self->bindings == NULL || self->engine == NULL)
    return;
  if (self->bindings_problem != NULL)
    {
      problem (self, _("The Buttons Were Not Saved"), self->bindings_problem);
      return;
    }

  sy_action_bindings_set_buttons (self->bindings, sy_collection_get_name (self->collection), buttons);
  update_trigger_buttons (self);
  busy_begin (self);
  sy_action_bindings_save_async (self->bindings, sy_engine_get_data_dir (self->engine), NULL, bindings_saved,
                                 g_object_ref (self));
}

static void
on_bindings_edited (SyDataView *self,
                    GPtrArray  *buttons)
{
  sy_data_view_set_buttons (self, buttons);
}

static void
bindings_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SyDataView *self = SY_DATA_VIEW (user_data);
  SyBindingEditor *editor;

  if (self->collection == NULL || !engine_ready (self))
    return;

  editor = sy_binding_editor_new (parent_window (self), self->engine, self->reader, self->collection,
                                  sy_action_bindings_get_buttons (self->bindings, sy_collection_get_name (self->collection)));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_bindings_edited), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* ── CSV ──────────────────────────────────────────────────────────────── */

typedef struct
{
  SyDataView   *view;
  SyCollection *collection;
  GFile        *file;
} CsvCall;

static void
csv_call_free (CsvCall *call)
{
  g_clear_object (&call->view);
  g_clear_object (&call->collection);
  g_clear_object (&call->file);
  g_free (call);
}

static CsvCall *
csv_call_new (SyDataView *self,
              GFile      *file)
{
  CsvCall *call = g_new0 (CsvCall, 1);

  call->view = g_object_ref (self);
  call->collection = g_object_ref (self->collection);
  call->file = g_object_ref (file);
  busy_begin (self);
  return call;
}

static void
import_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CsvCall *call = user_data;
  SyDataView *self = call->view;
  g_autoptr(GError) error = NULL;
  gint64 written = sy_engine_import_records_finish (SY_ENGINE (source), result, &error);

  busy_end (self);
  if (written < 0)
    {
      g_autofree char *body = g_strdup_printf (_("Nothing was imported from “%s”: %s"),
                                               g_file_peek_path (call->file), error->message);

      problem (self, _("The File Was Not Imported"), body);
    }
  else
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, written);
      g_autofree char *text = g_strdup_printf (ngettext ("%s record imported", "%s records imported", written), number);

      notice (self, text);
    }
  csv_call_free (call);
}

static void
import_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CsvCall *call = user_data;
  SyDataView *self = call->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = sy_data_csv_read_finish (result, &error);

  if (records == NULL || self->engine == NULL)
    {
      g_autofree char *body = g_strdup_printf (_("Nothing was imported from “%s”: %s"), g_file_peek_path (call->file),
                                               error != NULL ? error->message : _("the engine is not running"));

      busy_end (self);
      problem (self, _("The File Was Not Imported"), body);
      csv_call_free (call);
      return;
    }

  /* Rows are numbered as a spreadsheet does: the header is row 1. */
  sy_engine_import_records_async (self->engine, sy_collection_get_name (call->collection), records, 2,
                                  self->cancellable, import_written_cb, call);
}

void
sy_data_view_import_csv (SyDataView *self,
                         GFile      *file)
{
  g_return_if_fail (SY_IS_DATA_VIEW (self));

  if (self->collection == NULL || !engine_ready (self))
    return;
  sy_data_csv_read_async (self->collection, file, self->cancellable, import_read_cb, csv_call_new (self, file));
}

static void
export_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CsvCall *call = user_data;
  SyDataView *self = call->view;
  g_autoptr(GError) error = NULL;
  gint64 written = sy_data_csv_export_finish (result, &error);

  busy_end (self);
  if (written < 0)
    {
      g_autofree char *body = g_strdup_printf (_("“%s” could not be written: %s"), g_file_peek_path (call->file),
                                               error->message);

      problem (self, _("The Records Were Not Exported"), body);
    }
  else
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, written);
      g_autofree char *text = g_strdup_printf (ngettext ("%s record exported", "%s records exported", written), number);

      notice (self, text);
    }
  csv_call_free (call);
}

void
sy_data_view_export_csv (SyDataView *self,
                         GFile      *file)
{
  g_return_if_fail (SY_IS_DATA_VIEW (self));

  if (self->collection == NULL || !engine_ready (self))
    return;
  /* What the table shows: its filter and its order. */
  sy_data_csv_export_async (self->engine, self->collection, sy_records_view_get_filter (self->records_view),
                            sy_records_view_get_sort (self->records_view), file, self->cancellable, export_cb,
                            csv_call_new (self, file));
}

static void
import_csv_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  choose_file (SY_DATA_VIEW (user_data), _("Import Records"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
               _("CSV files"), "*.csv", NULL, sy_data_view_import_csv);
}

static void
export_csv_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  SyDataView *self = SY_DATA_VIEW (user_data);
  g_autofree char *name = NULL;

  if (self->collection == NULL)
    return;
  name = g_strdup_printf ("%s.csv", sy_collection_get_name (self->collection));
  choose_file (self, _("Export Records"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("CSV files"), "*.csv", name,
               sy_data_view_export_csv);
}

/* ── Object ───────────────────────────────────────────────────────────── */

static const GActionEntry action_entries[] = {
  { "new-collection", new_collection_action },
  { "import-definitions", import_definitions_action },
  { "edit-collection", edit_collection_action },
  { "delete-collection", delete_collection_action },
  { "show-collection", show_collection_action, "s" },
  { "new-record", new_record_action },
  { "edit-record", edit_record_action, "x" },
  { "delete-record", delete_record_action, "x" },
  { "row-button", row_button_action, "(xu)" },
  { "trigger", trigger_action, "u" },
  { "bindings", bindings_action },
  { "import-csv", import_csv_action },
  { "export-csv", export_csv_action },
};

static void
update_actions (SyDataView *self)
{
  const char *need_collection[] = {
    "edit-collection", "delete-collection", "new-record", "edit-record", "delete-record",
    "row-button", "trigger", "bindings", "import-csv", "export-csv",
  };

  for (guint i = 0; i < G_N_ELEMENTS (need_collection); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                              need_collection[i])),
                                 self->collection != NULL);
}

static void
build_toolbar (SyDataView *self)
{
  GtkWidget *new_record;

  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back_button, _("Collections"));
  gtk_widget_set_visible (self->back_button, FALSE);
  g_signal_connect_object (self->back_button, "clicked", G_CALLBACK (on_back_clicked), self, G_CONNECT_SWAPPED);
  sy_records_view_prepend_toolbar_widget (self->records_view, self->back_button);

  self->trigger_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  sy_records_view_add_toolbar_widget (self->records_view, self->trigger_box);

  new_record = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (new_record),
                        g_object_new (ADW_TYPE_BUTTON_CONTENT, "icon-name", "list-add-symbolic",
                                      "label", _("_New Record"), "use-underline", TRUE, NULL));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (new_record), "data.new-record");
  gtk_widget_set_tooltip_text (new_record, _("New Record"));
  gtk_widget_add_css_class (new_record, "suggested-action");
  self->new_record_button = new_record;
  sy_records_view_add_toolbar_widget (self->records_view, new_record);

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), self->collection_menu);
  gtk_widget_set_tooltip_text (self->menu_button, _("Collection Menu"));
  sy_records_view_add_toolbar_widget (self->records_view, self->menu_button);
}

static void
sy_data_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SyDataView *self = SY_DATA_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, sy_data_view_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_data_view_dispose (GObject *object)
{
  SyDataView *self = SY_DATA_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_DATA_VIEW);
  g_clear_object (&self->engine);
  g_clear_object (&self->reader);
  g_clear_object (&self->bindings);
  g_clear_object (&self->collection);
  g_clear_object (&self->actions);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sy_data_view_parent_class)->dispose (object);
}

static void
sy_data_view_finalize (GObject *object)
{
  SyDataView *self = SY_DATA_VIEW (object);

  g_free (self->bindings_problem);
  g_free (self->last_notice);
  g_free (self->last_problem);

  G_OBJECT_CLASS (sy_data_view_parent_class)->finalize (object);
}

static void
sy_data_view_class_init (SyDataViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_data_view_dispose;
  object_class->finalize = sy_data_view_finalize;
  object_class->get_property = sy_data_view_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SY_TYPE_RECORDS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/switchyard/Switchyard/sy-data-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SyDataView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SyDataView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SyDataView, collection_list);
  gtk_widget_class_bind_template_child (widget_class, SyDataView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SyDataView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SyDataView, records_view);
  gtk_widget_class_bind_template_child (widget_class, SyDataView, collection_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_collection_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_folded);
  gtk_widget_class_bind_template_callback (widget_class, on_record_activated);
  gtk_widget_class_set_css_name (widget_class, "sy-data-view");
}

static void
sy_data_view_init (SyDataView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries, G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "data", G_ACTION_GROUP (self->actions));

  build_toolbar (self);
  sy_records_view_set_row_menu_func (self->records_view, row_menu, self);
  update_actions (self);
  sy_data_view_refresh (self);
}

GtkWidget *
sy_data_view_new (void)
{
  return g_object_new (SY_TYPE_DATA_VIEW, NULL);
}

const char *
sy_data_view_get_collection (SyDataView *self)
{
  g_return_val_if_fail (SY_IS_DATA_VIEW (self), NULL);

  return self->collection != NULL ? sy_collection_get_name (self->collection) : NULL;
}

const char *
sy_data_view_get_title (SyDataView *self)
{
  g_return_val_if_fail (SY_IS_DATA_VIEW (self), NULL);

  return self->collection != NULL ? sy_collection_get_title (self->collection) : NULL;
}

guint
sy_data_view_get_n_collections (SyDataView *self)
{
  guint n = 0;

  g_return_val_if_fail (SY_IS_DATA_VIEW (self), 0);

  while (gtk_list_box_get_row_at_index (self->collection_list, n) != NULL)
    n++;
  return n;
}

SyRecordsView *
sy_data_view_get_records_view (SyDataView *self)
{
  g_return_val_if_fail (SY_IS_DATA_VIEW (self), NULL);

  return self->records_view;
}

SyActionBindings *
sy_data_view_get_bindings (SyDataView *self)
{
  g_return_val_if_fail (SY_IS_DATA_VIEW (self), NULL);

  return self->bindings;
}

const char *
sy_data_view_get_last_notice (SyDataView *self)
{
  g_return_val_if_fail (SY_IS_DATA_VIEW (self), NULL);

  return self->last_notice;
}

const char *
sy_data_view_get_last_problem (SyDataView *self)
{
  g_return_val_if_fail (SY_IS_DATA_VIEW (self), NULL);

  return self->last_problem;
}

gboolean
sy_data_view_is_busy (SyDataView *self)
{
  g_return_val_if_fail (SY_IS_DATA_VIEW (self), FALSE);

  return self->busy > 0;
}
