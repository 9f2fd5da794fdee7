/* sy-window.c — the main window: workflows sidebar and the workflow editor
 *
 * The window owns the SyWorkflowDocument of the workflow being edited and
 * stores every edit through the engine: a pause of SAVE_DELAY_MS after the
 * last change, at once when another workflow or version is opened, and
 * before the window closes. Edits are stored even while they leave
 * problems (a draft); enabling or executing such a workflow is refused
 * with the problems listed. A version that has run is shown read-only.
 */
#define G_LOG_DOMAIN "switchyard-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-canvas.h"
#include "sy-data-view.h"
#include "sy-execute-dialog.h"
#include "sy-executions-view.h"
#include "sy-inspector.h"
#include "sy-new-workflow-dialog.h"
#include "sy-palette.h"
#include "sy-problems-dialog.h"
#include "sy-tasks-sidebar.h"
#include "sy-trigger-kind.h"
#include "sy-widget-util.h"
#include "sy-window.h"
#include "sy-workflow-list.h"
#include "sy-workflow-settings.h"

#define SAVE_DELAY_MS 400

/* What the content area shows besides the empty page. */
typedef enum
{
  CONTENT_EDITOR,
  CONTENT_HISTORY,        /* the open workflow's executions */
  CONTENT_ALL_EXECUTIONS,
  CONTENT_DATA,           /* collections and records */
} ContentMode;

struct _SyWindow
{
  AdwApplicationWindow parent_instance;

  GSettings            *settings;
  GtkFileChooserNative *import_chooser;
  GtkFileChooserNative *export_chooser;
  SyEngine             *engine;

  /* The open workflow */
  SyWorkflowDocument   *document;
  char                 *key;
  guint                 version;        /* loaded version number */
  gint64                executed;       /* executions of the loaded version */
  GCancellable         *load_cancellable;
  GPtrArray            *versions;       /* of SyVersionRow, for the menu */

  /* Saving */
  guint                 save_id;
  gboolean              dirty;
  guint                 saving;         /* saves in flight */
  gboolean              close_when_saved;
  char                 *save_problem;   /* the last save failed: "Not saved" */
  GError               *save_error;     /* … and why */
  GHashTable           *unsaved;        /* key → SyWorkflow: edits that could not be saved
                                         * after their workflow was closed */
  char                 *show_path;      /* a problem to show once its workflow is open */
  gboolean              narrow;
  gboolean              compact;
  int                   wide_inspector_position; /* 0: never placed side by side */

  GHashTable           *deleted;        /* key → exported document, for Undo */
  ContentMode           content;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  AdwWindowTitle       *window_title;
  SyWorkflowList       *workflows;
  GtkStack             *content_stack;
  AdwStatusPage        *empty_page;
  GtkWidget            *editor_start_box;
  GtkWidget            *editor_end_box;
  GtkToggleButton      *palette_button;
  GtkPaned             *inspector_paned;
  GtkWidget            *new_button;
  GtkWidget            *settings_button;
  GtkMenuButton        *version_button;
  GtkRevealer          *frozen_revealer;
  GtkLabel             *frozen_label;
  SyPalette            *palette;
  SyCanvas             *canvas;
  SyInspector          *inspector;
  SyExecutionsView     *executions_view;
  SyDataView           *data_view;
  GtkToggleButton      *history_button;
  AdwFlap              *tasks_flap;
  SyTasksSidebar       *tasks_sidebar;
  GtkLabel             *tasks_badge;
  AdwButtonContent     *execute_content;
};

G_DEFINE_FINAL_TYPE (SyWindow, sy_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LOADED_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_workflow (SyWindow *self, const char *key, guint version);
static void show_pending_problem (SyWindow *self);
static void update_editor_buttons (SyWindow *self);

static void
sy_window_show_toast (SyWindow   *self,
                      const char *title)
{
  sy_widget_show_toast (GTK_WIDGET (self->toast_overlay), title);
}

static gboolean
engine_ready (SyWindow *self)
{
  if (self->engine != NULL && sy_engine_is_running (self->engine))
    return TRUE;

  sy_window_show_toast (self, _("Workflows cannot be changed: the engine is not running"));
  return FALSE;
}

/* ── Header and state ─────────────────────────────────────────────────── */

/* The version menu's row of the version in the editor. */
static const SyVersionRow *
loaded_version_row (SyWindow *self)
{
  for (guint i = 0; self->versions != NULL && i < self->versions->len; i++)
    {
      const SyVersionRow *row = g_ptr_array_index (self->versions, i);

      if (row->version == self->version && g_strcmp0 (row->key, self->key) == 0)
        return row;
    }

  return NULL;
}

static void
update_actions (SyWindow *self)
{
  const SyVersionRow *loaded = loaded_version_row (self);
  gboolean selected = sy_workflow_list_get_selected_key (self->workflows) != NULL;
  gboolean open = self->document != NULL;
  gboolean writable = open && !sy_workflow_document_get_read_only (self->document);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.workflow-settings", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.execute", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-version", open && !writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.enable-version", open && loaded != NULL && !loaded->enabled);
  /* Nothing can be inserted into a version that has run. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->palette), writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 writable && sy_workflow_document_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 writable && sy_workflow_document_can_redo (self->document));
}

static void
update_header (SyWindow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *version_label = NULL;
  SyWorkflow *workflow;

  if (self->content == CONTENT_DATA)
    {
      adw_window_title_set_title (self->window_title, _("Data"));
      adw_window_title_set_subtitle (self->window_title, sy_data_view_get_title (self->data_view));
      gtk_widget_set_visible (self->editor_start_box, FALSE);
      gtk_widget_set_visible (self->editor_end_box, FALSE);
      update_actions (self);
      return;
    }

  if (self->content == CONTENT_ALL_EXECUTIONS)
    {
      adw_window_title_set_title (self->window_title, _("All Executions"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_widget_set_visible (self->editor_start_box, FALSE);
      gtk_widget_set_visible (self->editor_end_box, FALSE);
      update_actions (self);
      return;
    }

  if (self->document == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Switchyard"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_widget_set_visible (self->editor_start_box, FALSE);
      gtk_widget_set_visible (self->editor_end_box, FALSE);
      update_actions (self);
      return;
    }

  workflow = sy_workflow_document_get_workflow (self->document);
  adw_window_title_set_title (self->window_title, sy_workflow_get_title (workflow));

  if (self->content == CONTENT_HISTORY)
    subtitle = g_strdup (_("History"));
  else if (sy_workflow_document_get_read_only (self->document))
    subtitle = g_strdup (_("Read-only"));
  else if (self->save_problem != NULL && self->dirty)
    subtitle = g_strdup (self->save_problem);
  else if (self->dirty || self->saving > 0)
    subtitle = g_strdup (_("Saving…"));
  else
    {
      guint n = sy_workflow_document_get_problems (self->document)->len;

      /* Saved all the same: a draft keeps its problems until they are fixed. */
      if (n > 0)
        subtitle = g_strdup_printf (ngettext ("Saved · %u problem to fix before it can run",
                                              "Saved · %u problems to fix before it can run", n),
                                    n);
      else
        subtitle = g_strdup (_("Saved"));
    }
  adw_window_title_set_subtitle (self->window_title, subtitle);

  /* Translators: the version menu button, "v3" */
  version_label = g_strdup_printf (_("v%u"), self->version);
  gtk_menu_button_set_label (self->version_button, version_label);

  gtk_widget_set_visible (self->editor_end_box, TRUE);
  update_editor_buttons (self);
  update_actions (self);
}

static void on_history_toggled (SyWindow *self);

static void
show_content (SyWindow *self)
{
  const char *page;

  if (self->content == CONTENT_DATA)
    page = "data";
  else if (self->content == CONTENT_ALL_EXECUTIONS || (self->content == CONTENT_HISTORY && self->document != NULL))
    page = "executions";
  else
    page = self->document != NULL ? "editor" : "empty";
  gtk_stack_set_visible_child_name (self->content_stack, page);
}

/* The editor, the open workflow's history, or every execution. */
static void
set_content (SyWindow    *self,
             ContentMode  content)
{
  self->content = content;
  sy_executions_view_set_workflow_key (self->executions_view,
                                       content == CONTENT_ALL_EXECUTIONS ? NULL : self->key);

  g_signal_handlers_block_by_func (self->history_button, on_history_toggled, self);
  gtk_toggle_button_set_active (self->history_button, content == CONTENT_HISTORY);
  g_signal_handlers_unblock_by_func (self->history_button, on_history_toggled, self);

  show_content (self);
  update_header (self);
}

static void
on_history_toggled (SyWindow *self)
{
  if (gtk_toggle_button_get_active (self->history_button))
    sy_executions_view_show_list (self->executions_view);
  set_content (self, gtk_toggle_button_get_active (self->history_button) ? CONTENT_HISTORY : CONTENT_EDITOR);
}

static void
update_banner (SyWindow *self)
{
  gboolean frozen = self->document != NULL && sy_workflow_document_get_read_only (self->document);

  if (frozen)
    {
      g_autofree char *times = g_strdup_printf ("%" G_GINT64_FORMAT, self->executed);
      g_autofree char *text = NULL;

      text = g_strdup_printf (ngettext ("Version %u has run once and is kept as it ran. To change it, duplicate it as a new version.",
                                        "Version %u has run %s times and is kept as it ran. To change it, duplicate it as a new version.",
                                        self->executed),
                              self->version, times);
      gtk_label_set_text (self->frozen_label, text);
    }
  gtk_revealer_set_reveal_child (self->frozen_revealer, frozen);
}

/* ── Saving ───────────────────────────────────────────────────────────── */

static void save_now (SyWindow *self);

/* A save in flight remembers what it saves: the window may have moved on
 * to another workflow by the time the engine answers. */
typedef struct
{
  SyWindow           *window;
  SyWorkflowDocument *document;
  SyWorkflow         *workflow;   /* the edits as sent */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->window);
  g_object_unref (data->document);
  g_object_unref (data->workflow);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

/* The edits of a workflow no longer open could not be saved: they are kept
 * in the window, to open again (the toast's Reopen, or Keep Editing when
 * the window closes) rather than lost with the document. */
static void
keep_unsaved (SyWindow     *self,
              SyWorkflow   *workflow,
              const GError *error)
{
  const char *key = sy_workflow_get_key (workflow);
  g_autofree char *message = NULL;
  AdwToast *toast;

  /* Deleted meanwhile: nothing to go back to. */
  if (g_hash_table_contains (self->deleted, key))
    return;

  g_hash_table_replace (self->unsaved, g_strdup (key), g_object_ref (workflow));

  /* Translators: %s is a workflow title, then why it could not be saved */
  message = g_strdup_printf (_("“%s” not saved: %s"),
                             sy_workflow_get_title (workflow), error->message);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Reopen"));
  adw_toast_set_action_name (toast, "win.reopen-unsaved");
  adw_toast_set_action_target_value (toast, g_variant_new_string (key));
  /* Stays until dismissed: the edits exist nowhere else. */
  adw_toast_set_timeout (toast, 0);
  sy_window_add_toast (self, toast);
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  SyWindow *self = data->window;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(GError) error = NULL;

  self->saving--;
  row = sy_engine_save_finish (SY_ENGINE (source), result, &error);

  if (row == NULL && data->document != self->document)
    keep_unsaved (self, data->workflow, error);

  if (row == NULL)
    {
      /* Drafts with problems are stored: this is the store failing (disk
       * full…). The edits stay in the window; the next edit tries again. */
      if (data->document == self->document)
        {
          g_autofree char *message = NULL;

          /* Translators: %s is a workflow title, then why it could not be saved */
          message = g_strdup_printf (_("Could not save “%s”: %s"),
                                     sy_workflow_get_title (data->workflow), error->message);
          self->dirty = TRUE;
          g_free (self->save_problem);
          self->save_problem = g_strdup (_("Not saved"));
          g_clear_error (&self->save_error);
          self->save_error = g_error_copy (error);
          /* Another workflow is opening: set_document() offers to reopen these. */
          if (self->load_cancellable == NULL)
            sy_window_show_toast (self, message);
          update_header (self);
        }

      if (self->close_when_saved)
        {
          self->close_when_saved = FALSE;
          gtk_window_close (GTK_WINDOW (self));
        }
      return;
    }

  if (data->document != self->document)
    {
      if (self->close_when_saved && !self->dirty && self->saving == 0)
        {
          self->close_when_saved = FALSE;
          gtk_window_close (GTK_WINDOW (self));
        }
      return;
    }

  g_clear_pointer (&self->save_problem, g_free);
  g_clear_error (&self->save_error);

  /* The version had run meanwhile (a trigger, the Execute button): the
   * engine kept it and stored the edits as a new version. */
  if (g_strcmp0 (row->key, self->key) == 0 && row->version != self->version)
    {
      SyWorkflow *workflow = sy_workflow_document_get_workflow (self->document);
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Version %u has run, so your changes were saved as version %u"),
                                 self->version, row->version);
      sy_workflow_set_version_id (workflow, row->id);
      sy_workflow_set_version (workflow, row->version);
      self->version = row->version;
      self->executed = row->executed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED_VERSION]);
      sy_window_show_toast (self, message);
    }

  if (self->close_when_saved && !self->dirty)
    {
      self->close_when_saved = FALSE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  if (self->dirty && self->save_id == 0)
    save_now (self);
  update_header (self);
}

/* Stores the pending edits. One save at a time, so that a version that
 * ran meanwhile becomes one new version; `now` also overlaps one in
 * flight, for when the document is about to go (another workflow, close):
 * the engine stores them in order. */
static void
save_pending (SyWindow *self,
              gboolean  now)
{
  SaveData *data;

  g_clear_handle_id (&self->save_id, g_source_remove);

  if (!self->dirty || (self->saving > 0 && !now) || self->document == NULL || self->engine == NULL
      || !sy_engine_is_running (self->engine) || sy_workflow_document_get_read_only (self->document))
    return;

  /* The engine works on its own copy; edits may go on meanwhile. */
  data = g_new0 (SaveData, 1);
  data->window = g_object_ref (self);
  data->document = g_object_ref (self->document);
  data->workflow = sy_workflow_copy (sy_workflow_document_get_workflow (self->document));
  self->dirty = FALSE;
  self->saving++;
  sy_engine_save_async (self->engine, data->workflow, NULL, save_cb, data);
}

static void
save_now (SyWindow *self)
{
  save_pending (self, FALSE);
}

/* Before the document goes away: nothing typed may be lost. */
static void
save_before_leaving (SyWindow *self)
{
  save_pending (self, TRUE);
}

static gboolean
save_timeout (gpointer user_data)
{
  SyWindow *self = user_data;

  self->save_id = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_document_changed (SyWindow         *self,
                     SyDocumentChange  change,
                     SyNode           *node)
{
  self->dirty = TRUE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
  update_header (self);
}

static void
on_document_history (SyWindow *self)
{
  update_actions (self);
}

/* ── Opening workflows ────────────────────────────────────────────────── */

static void
set_document (SyWindow           *self,
              SyWorkflowDocument *document)
{
  /* Edits the store refused go with the document: keep them to reopen. */
  if (self->document != NULL && self->dirty && self->save_error != NULL)
    {
      g_autoptr(SyWorkflow) copy = sy_workflow_copy (sy_workflow_document_get_workflow (self->document));

      keep_unsaved (self, copy, self->save_error);
    }

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->dirty = FALSE;
  g_clear_pointer (&self->save_problem, g_free);
  g_clear_error (&self->save_error);
  g_set_object (&self->document, document);

  if (document != NULL)
    {
      g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed), self);
      g_signal_connect_swapped (document, "notify::can-undo", G_CALLBACK (on_document_history), self);
      g_signal_connect_swapped (document, "notify::can-redo", G_CALLBACK (on_document_history), self);
      g_signal_connect_swapped (document, "notify::read-only", G_CALLBACK (on_document_history), self);
      g_signal_connect_swapped (document, "problems-changed", G_CALLBACK (update_header), self);
    }

  sy_canvas_set_document (self->canvas, document);
  sy_inspector_set_document (self->inspector, document);
  if (document != NULL)
    sy_inspector_show_trigger (self->inspector);

  /* Another workflow's history follows the workflow opened. */
  if (self->content == CONTENT_HISTORY && document == NULL)
    set_content (self, CONTENT_EDITOR);
  else if (self->content == CONTENT_HISTORY && g_strcmp0 (self->key, sy_executions_view_get_workflow_key (self->executions_view)) != 0)
    {
      sy_executions_view_set_workflow_key (self->executions_view, self->key);
      sy_executions_view_show_list (self->executions_view);
    }
  show_content (self);
  update_banner (self);
  update_header (self);
}

static void
close_workflow (SyWindow *self)
{
  save_before_leaving (self);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  self->version = 0;
  set_document (self, NULL);
}

static void
rebuild_version_menu (SyWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenu) actions = g_menu_new ();

  for (guint i = 0; self->versions && i < self->versions->len; i++)
    {
      const SyVersionRow *row = g_ptr_array_index (self->versions, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autoptr(GString) label = g_string_new (NULL);

      g_string_printf (label, _("Version %u"), row->version);
      if (row->enabled)
        g_string_append (label, _(" · enabled"));
      else if (row->current)
        g_string_append (label, _(" · current"));
      if (row->executed > 0)
        {
          g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, row->executed);

          /* Translators: %s is a number of executions */
          g_string_append_printf (label, ngettext (" · ran once", " · ran %s times", row->executed), count);
        }
      if (row->n_problems > 0)
        g_string_append_printf (label, ngettext (" · %u problem", " · %u problems", row->n_problems),
                                row->n_problems);

      item = g_menu_item_new (label->str, NULL);
      g_menu_item_set_action_and_target_value (item, "win.load-version", g_variant_new_uint32 (row->version));
      g_menu_append_item (section, item);
    }

  g_menu_append_section (menu, _("Versions"), G_MENU_MODEL (section));
  /* Enabling a version disables the one enabled before (the engine's rule). */
  g_menu_append (actions, _("_Enable This Version"), "win.enable-version");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (actions));
  gtk_menu_button_set_menu_model (self->version_button, G_MENU_MODEL (menu));
  update_actions (self);
}

static void
list_versions_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SyWindow) self = user_data;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;

  versions = sy_engine_list_versions_finish (SY_ENGINE (source), result, &error);
  if (versions == NULL)
    {
      g_debug ("versions: %s", error->message);
      return;
    }

  g_clear_pointer (&self->versions, g_ptr_array_unref);
  self->versions = g_steal_pointer (&versions);
  rebuild_version_menu (self);
}

static void
refresh_versions (SyWindow *self)
{
  if (self->key != NULL && self->engine != NULL && sy_engine_is_running (self->engine))
    sy_engine_list_versions_async (self->engine, self->key, NULL, list_versions_cb, g_object_ref (self));
}

static void
get_workflow_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SyWindow) self = user_data;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(SyWorkflowDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  row = sy_engine_get_workflow_finish (SY_ENGINE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->load_cancellable);

  if (row != NULL)
    workflow = sy_version_row_to_workflow (row, &error);
  if (workflow == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not open the workflow: %s"), error->message);

      sy_window_show_toast (self, message);
      return;
    }

  g_free (self->key);
  self->key = g_strdup (row->key);
  self->version = row->version;
  self->executed = row->executed;

  document = sy_workflow_document_new (workflow);
  sy_workflow_document_set_read_only (document, row->executed > 0);
  set_document (self, document);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED_VERSION]);
  refresh_versions (self);
  show_pending_problem (self);
}

static void
load_workflow (SyWindow   *self,
               const char *key,
               guint       version)
{
  save_before_leaving (self);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->engine == NULL || !sy_engine_is_running (self->engine))
    return;

  self->load_cancellable = g_cancellable_new ();
  sy_engine_get_workflow_async (self->engine, key, version, self->load_cancellable,
                                get_workflow_cb, g_object_ref (self));
}

/* Opens edits that could not be saved (keep_unsaved()) in the editor
 * again, and tries to save them at once: there may be room by now. */
static void
reopen_unsaved (SyWindow   *self,
                const char *key)
{
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(SyWorkflowDocument) document = NULL;
  g_autofree char *stolen_key = NULL;

  if (!g_hash_table_steal_extended (self->unsaved, key, (gpointer *) &stolen_key, (gpointer *) &workflow))
    return;

  save_before_leaving (self);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  g_free (self->key);
  self->key = g_strdup (sy_workflow_get_key (workflow));
  self->version = sy_workflow_get_version (workflow);
  self->executed = 0;

  document = sy_workflow_document_new (workflow);
  set_document (self, document);
  sy_workflow_list_select_key (self->workflows, self->key);
  if (self->content != CONTENT_EDITOR)
    set_content (self, CONTENT_EDITOR);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED_VERSION]);
  refresh_versions (self);

  self->dirty = TRUE;
  save_now (self);
  update_header (self);
}

static void
sy_window_reopen_unsaved_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  reopen_unsaved (SY_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
on_workflow_selected (SyWindow   *self,
                      const char *key)
{
  if (key == NULL)
    close_workflow (self);
  else if (g_strcmp0 (key, self->key) != 0)
    load_workflow (self, key, 0);
  if (key != NULL && (self->content == CONTENT_ALL_EXECUTIONS || self->content == CONTENT_DATA))
    set_content (self, CONTENT_EDITOR);

  if (key != NULL && adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  update_actions (self);
}

static void
on_workflows_refreshed (SyWindow *self)
{
  guint n = sy_workflow_list_get_n_workflows (self->workflows);

  show_content (self);
  adw_status_page_set_title (self->empty_page, n == 0 ? _("No Workflows Yet") : _("No Workflow Selected"));
  adw_status_page_set_description (self->empty_page,
                                   n == 0 ? _("A workflow runs a chain of steps for you: on a schedule, when a webhook is called, or when you start it. Create one, try an example, or import a workflow file.")
                                          : _("Pick a workflow in the sidebar, create one, or import a workflow file."));
  /* The open workflow's version list may have grown (a save, an enable). */
  refresh_versions (self);
  update_actions (self);
}

static void
on_workflows_error (SyWindow   *self,
                    const char *message)
{
  sy_window_show_toast (self, message);
}

/* ── Problems: why enabling or executing was refused ──────────────────── */

typedef enum
{
  REFUSED_ENABLE,
  REFUSED_EXECUTE,
} Refusal;

/* Selects what `self->show_path` points at in the open workflow. */
static void
show_pending_problem (SyWindow *self)
{
  g_autofree char *path = g_steal_pointer (&self->show_path);
  SyNode *node;

  if (path == NULL || self->document == NULL)
    return;

  node = sy_workflow_find_node_by_path (sy_workflow_document_get_workflow (self->document), path, NULL);
  if (node != NULL)
    sy_canvas_select_node (self->canvas, node);
  else
    {
      sy_canvas_select_node (self->canvas, NULL);
      sy_inspector_show_trigger (self->inspector);
    }
}

typedef struct
{
  SyWindow *window;
  char     *key;
  char     *path;
} ShowProblem;

static void
on_problems_response (ShowProblem *data,
                      const char  *response)
{
  SyWindow *self = data->window;

  if (g_strcmp0 (response, "show") == 0)
    {
      g_free (self->show_path);
      self->show_path = g_strdup (data->path);
      if (g_strcmp0 (data->key, self->key) == 0)
        show_pending_problem (self);
      else
        sy_workflow_list_select_key (self->workflows, data->key);
    }
}

static void
show_problem_free (gpointer  data,
                   GClosure *closure)
{
  ShowProblem *show = data;

  g_object_unref (show->window);
  g_free (show->key);
  g_free (show->path);
  g_free (show);
}

static void
present_problems (SyWindow   *self,
                  const char *key,
                  SyWorkflow *workflow,
                  GPtrArray  *problems,
                  Refusal     refusal)
{
  g_autofree char *heading = NULL;
  ShowProblem *data;
  GtkWidget *dialog;

  /* Translators: %s is a workflow title */
  heading = g_strdup_printf (refusal == REFUSED_ENABLE ? _("“%s” Cannot Be Enabled Yet")
                                                       : _("“%s” Cannot Run Yet"),
                             sy_workflow_get_title (workflow));
  dialog = sy_problems_dialog_new (GTK_WINDOW (self), heading, workflow, problems, TRUE);

  data = g_new0 (ShowProblem, 1);
  data->window = g_object_ref (self);
  data->key = g_strdup (key);
  data->path = g_strdup (((SyProblem *) g_ptr_array_index (problems, 0))->path);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_problems_response), data,
                         show_problem_free, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  SyWindow *window;
  char     *key;
  char     *message; /* the engine's, if the problems are gone meanwhile */
  Refusal   refusal;
} RefusedData;

static void
refused_workflow_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  RefusedData *data = user_data;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  row = sy_engine_get_workflow_finish (SY_ENGINE (source), result, NULL);
  if (row != NULL)
    workflow = sy_version_row_to_workflow (row, NULL);
  if (workflow != NULL)
    problems = sy_workflow_validate (workflow);

  if (problems != NULL && problems->len > 0)
    present_problems (data->window, data->key, workflow, problems, data->refusal);
  else
    sy_window_show_toast (data->window, data->message);

  g_object_unref (data->window);
  g_free (data->key);
  g_free (data->message);
  g_free (data);
}

/* The engine refused: list the problems of what it checked (the stored
 * version) in words, or say what it said. */
static void
show_refusal (SyWindow     *self,
              const char   *key,
              guint         version,
              const GError *error,
              Refusal       refusal)
{
  RefusedData *data;

  if (!g_error_matches (error, SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID) || !engine_ready (self))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (refusal == REFUSED_ENABLE ? _("Could not enable: %s") : _("Could not execute: %s"),
                                 error->message);
      sy_window_show_toast (self, message);
      return;
    }

  data = g_new0 (RefusedData, 1);
  data->window = g_object_ref (self);
  data->key = g_strdup (key);
  data->message = g_strdup (error->message);
  data->refusal = refusal;
  sy_engine_get_workflow_async (self->engine, key, version, NULL, refused_workflow_cb, data);
}

static void
on_workflow_enabling (SyWindow   *self,
                      const char *key)
{
  if (g_strcmp0 (key, self->key) == 0)
    save_before_leaving (self);
}

static void
on_workflow_enable_failed (SyWindow     *self,
                           const char   *key,
                           const GError *error)
{
  show_refusal (self, key, 0, error, REFUSED_ENABLE);
}

/* ── Canvas, palette, inspector ───────────────────────────────────────── */

static void
on_canvas_selection (SyWindow *self)
{
  SyNode *node = sy_canvas_get_selected_node (self->canvas);

  /* With no node selected the trigger's settings show: the workflow's root. */
  if (node != NULL)
    sy_inspector_set_node (self->inspector, node);
  else if (self->document != NULL)
    sy_inspector_show_trigger (self->inspector);
}

/* Escape in the settings: back to the node's card on the canvas. */
static gboolean
on_inspector_escape (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  SyWindow *self = user_data;

  if (self->document == NULL || !gtk_widget_is_drawable (GTK_WIDGET (self->canvas)))
    return FALSE;
  return gtk_widget_child_focus (GTK_WIDGET (self->canvas), GTK_DIR_TAB_FORWARD);
}

/* Enter or a double click on a card: its settings, ready to type in. */
static void
on_canvas_node_activated (SyWindow *self,
                          SyNode   *node)
{
  if (node != NULL)
    sy_inspector_set_node (self->inspector, node);
  else
    sy_inspector_show_trigger (self->inspector);
  gtk_widget_child_focus (GTK_WIDGET (self->inspector), GTK_DIR_TAB_FORWARD);
}

static void
on_palette_type_activated (SyWindow   *self,
                           const char *type)
{
  g_autoptr(GError) error = NULL;
  SyNode *node;

  if (self->document == NULL)
    return;

  node = sy_canvas_insert_after_selection (self->canvas, type, &error);
  if (node == NULL)
    sy_window_show_toast (self, error->message);
  else
    sy_canvas_select_node (self->canvas, node);
}

/* ── Creating, importing, duplicating ─────────────────────────────────── */

static char *
unique_key (SyWindow   *self,
            const char *title)
{
  g_autofree char *base = sy_workflow_key_from_title (title);
  char *key = g_strdup (base);

  for (guint n = 2; sy_workflow_list_lookup (self->workflows, key) != NULL; n++)
    {
      g_free (key);
      key = sy_workflow_key_variant (base, n);
    }

  return key;
}

typedef struct
{
  SyWindow *window;
  char     *toast;   /* shown when it worked */
  gboolean  draft;   /* stored as it is, problems and all */
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_object_unref (data->window);
  g_free (data->toast);
  g_free (data);
}

static void
import_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ImportData *data = user_data;
  SyWindow *self = data->window;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(GError) error = NULL;

  if (data->draft)
    row = sy_engine_save_finish (SY_ENGINE (source), result, &error);
  else
    row = sy_engine_import_finish (SY_ENGINE (source), result, &error);
  if (row == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not store the workflow: %s"), error->message);

      sy_window_show_toast (self, message);
    }
  else
    {
      if (data->toast != NULL)
        sy_window_show_toast (self, data->toast);
      sy_workflow_list_select_key (self->workflows, row->key);
      sy_workflow_list_refresh (self->workflows);
    }

  import_data_free (data);
}

/* Files are imported only when valid (the spec's rule); what the window
 * makes itself (new, duplicate, restore) is a draft and may have problems. */
static void
store_new_workflow (SyWindow   *self,
                    SyWorkflow *workflow,
                    const char *toast,
                    gboolean    draft)
{
  ImportData *data;

  if (!engine_ready (self))
    return;

  data = g_new0 (ImportData, 1);
  data->window = g_object_ref (self);
  data->toast = g_strdup (toast);
  data->draft = draft;
  if (draft)
    {
      g_autoptr(SyWorkflow) copy = sy_workflow_copy (workflow);

      sy_workflow_set_version_id (copy, 0);
      sy_engine_save_async (self->engine, copy, NULL, import_cb, data);
    }
  else
    sy_engine_import_async (self->engine, workflow, NULL, import_cb, data);
}

/* A required trigger setting the form shows with its default (a schedule's
 * mode) is written out, so a new workflow does not start with a problem
 * the person cannot see. */
static void
set_required_defaults (SyWorkflow *workflow)
{
  const SyTriggerKind *kind = sy_trigger_kind_lookup (sy_workflow_get_trigger_type (workflow));
  JsonObject *config = sy_workflow_get_trigger_config (workflow);

  for (const SyFieldSpec *field = kind != NULL ? kind->fields : NULL; field != NULL && field->name != NULL; field++)
    if (field->required && field->default_json != NULL && !json_object_has_member (config, field->name))
      {
        JsonNode *value = json_from_string (field->default_json, NULL);

        if (value != NULL)
          json_object_set_member (config, field->name, value);
      }
}

void
sy_window_create_workflow (SyWindow   *self,
                           const char *title,
                           const char *trigger_type,
                           gboolean    sync)
{
  g_autofree char *key = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;

  g_return_if_fail (SY_IS_WINDOW (self));
  g_return_if_fail (title != NULL && trigger_type != NULL);

  key = unique_key (self, title);
  workflow = sy_workflow_new (key, title, trigger_type);
  sy_workflow_set_sync (workflow, sync);
  set_required_defaults (workflow);
  store_new_workflow (self, workflow, NULL, TRUE);
}

static void
on_new_dialog_create (SyWindow   *self,
                      const char *title,
                      const char *trigger_type,
                      gboolean    sync)
{
  sy_window_create_workflow (self, title, trigger_type, sync);
}

static void
sy_window_new_workflow_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);
  SyNewWorkflowDialog *dialog = sy_new_workflow_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "create", G_CALLBACK (on_new_dialog_create), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A small workflow to try at once (a condition and its two branches),
 * stored as a new, disabled workflow under a free key. */
#define EXAMPLE_RESOURCE RESOURCE_BASE_PATH "/examples/greet-a-visitor.json"

static void
sy_window_open_example_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (EXAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *toast = NULL;

  g_return_if_fail (bytes != NULL);
  workflow = sy_workflow_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, &error);
  if (workflow == NULL)
    {
      g_critical ("the example workflow does not load: %s", error->message);
      return;
    }

  /* The file is in English: what people read first is in theirs. */
  sy_workflow_set_title (workflow, _("Greet a visitor"));
  sy_workflow_set_description (workflow, _("An example: a webhook call with a name gets a personal greeting, "
                                           "one without gets a general one. Press Execute to try it, then "
                                           "change it as you like."));
  key = unique_key (self, sy_workflow_get_title (workflow));
  sy_workflow_set_key (workflow, key);
  /* Translators: %s is the example workflow's title */
  toast = g_strdup_printf (_("Added the example “%s”: press Execute to try it"), sy_workflow_get_title (workflow));
  store_new_workflow (self, workflow, toast, FALSE);
}

static void
show_import_problems (SyWindow   *self,
                      GFile      *file,
                      GPtrArray  *problems,
                      GError     *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = g_strdup_printf (_("“%s” Cannot Be Imported"), name);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  if (problems != NULL && problems->len > 0)
    {
      g_string_append (body, ngettext ("The file has a problem:", "The file has these problems:", problems->len));
      for (guint i = 0; i < problems->len; i++)
        {
          SyProblem *problem = g_ptr_array_index (problems, i);

          g_string_append_printf (body, "\n• %s: %s", problem->path, problem->message);
        }
    }
  else
    g_string_append (body, error ? error->message : _("The file is not a workflow."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_widget_add_css_class (dialog, "sy-problems-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
sy_window_import_file (SyWindow *self,
                       GFile    *file)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autofree char *toast = NULL;

  g_return_if_fail (SY_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  workflow = sy_workflow_new_from_file (file, &problems, &error);
  if (workflow == NULL)
    {
      show_import_problems (self, file, problems, error);
      return;
    }

  /* Translators: %s is a workflow title */
  toast = g_strdup_printf (_("Imported “%s”"), sy_workflow_get_title (workflow));
  store_new_workflow (self, workflow, toast, FALSE);
}

gboolean
sy_window_handle_drop (SyWindow     *self,
                       const GValue *value)
{
  g_autoptr(GSList) owned = NULL;
  GSList *files = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (SY_IS_WINDOW (self), FALSE);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    files = owned = gdk_file_list_get_files (g_value_get_boxed (value));
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    files = owned = g_slist_prepend (NULL, g_value_get_object (value));

  for (GSList *l = files; l != NULL; l = l->next)
    {
      sy_window_import_file (self, l->data);
      any = TRUE;
    }

  return any;
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SyWindow      *self)
{
  return sy_window_handle_drop (self, value);
}

static void
sy_window_import_response (SyWindow             *self,
                           int                   response,
                           GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sy_window_import_file (self, file);
    }

  g_clear_object (&self->import_chooser);
}

static void
add_json_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) json_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (json_filter, _("Workflow files"));
  gtk_file_filter_add_mime_type (json_filter, "application/json");
  gtk_file_filter_add_suffix (json_filter, "json");
  gtk_file_chooser_add_filter (chooser, json_filter);

  gtk_file_filter_set_name (all_filter, _("All files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (chooser, all_filter);
}

static void
sy_window_import_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);

  if (self->import_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
      return;
    }

  self->import_chooser = gtk_file_chooser_native_new (_("Import Workflow"),
                                                      GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_OPEN,
                                                      _("_Import"),
                                                      _("_Cancel"));
  add_json_filters (GTK_FILE_CHOOSER (self->import_chooser));
  g_signal_connect_object (self->import_chooser, "response",
                           G_CALLBACK (sy_window_import_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
}

/* Fetches the current stored version of the selected workflow, then runs `then`. */
typedef void (*WithWorkflowFunc) (SyWindow *self, SyVersionRow *row, SyWorkflow *workflow);

typedef struct
{
  SyWindow         *window;
  WithWorkflowFunc  func;
} WithWorkflow;

static void
with_workflow_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WithWorkflow *data = user_data;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(GError) error = NULL;

  row = sy_engine_get_workflow_finish (SY_ENGINE (source), result, &error);
  if (row != NULL)
    workflow = sy_version_row_to_workflow (row, &error);

  if (workflow == NULL)
    sy_window_show_toast (data->window, error->message);
  else
    data->func (data->window, row, workflow);

  g_object_unref (data->window);
  g_free (data);
}

static void
with_selected_workflow (SyWindow         *self,
                        WithWorkflowFunc  func)
{
  const char *key = sy_workflow_list_get_selected_key (self->workflows);
  WithWorkflow *data;

  if (key == NULL || !engine_ready (self))
    return;

  /* Pending edits first, so what follows sees them. */
  save_before_leaving (self);

  data = g_new0 (WithWorkflow, 1);
  data->window = g_object_ref (self);
  data->func = func;
  sy_engine_get_workflow_async (self->engine, key, 0, NULL, with_workflow_cb, data);
}

static void
duplicate_workflow (SyWindow     *self,
                    SyVersionRow *row,
                    SyWorkflow   *workflow)
{
  /* Translators: the title of a duplicated workflow */
  g_autofree char *title = g_strdup_printf (_("%s copy"), sy_workflow_get_title (workflow));
  g_autofree char *key = unique_key (self, title);

  sy_workflow_set_key (workflow, key);
  sy_workflow_set_title (workflow, title);
  sy_workflow_set_enabled (workflow, FALSE);
  sy_workflow_set_version_id (workflow, 0);
  sy_workflow_set_version (workflow, 0);
  store_new_workflow (self, workflow, NULL, TRUE);
}

static void
sy_window_duplicate_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  with_selected_workflow (SY_WINDOW (widget), duplicate_workflow);
}

typedef struct
{
  SyWindow *window;
  char     *key;
  char     *title;
} DeleteData;

static void
delete_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  DeleteData *data = user_data;
  SyWindow *self = data->window;
  g_autoptr(GError) error = NULL;

  if (!sy_engine_delete_workflow_finish (SY_ENGINE (source), result, &error))
    {
      g_hash_table_remove (self->deleted, data->key);
      sy_window_show_toast (self, error->message);
    }
  else
    {
      /* Translators: %s is a workflow title */
      g_autofree char *message = g_strdup_printf (_("“%s” deleted"), data->title);
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo-delete");
      adw_toast_set_action_target_value (toast, g_variant_new_string (data->key));
      adw_toast_set_timeout (toast, 8);
      sy_window_add_toast (self, toast);
    }

  g_object_unref (data->window);
  g_free (data->key);
  g_free (data->title);
  g_free (data);
}

static void
delete_workflow (SyWindow     *self,
                 SyVersionRow *row,
                 SyWorkflow   *workflow)
{
  DeleteData *data = g_new0 (DeleteData, 1);

  /* The toast's Undo imports this copy again; it is the only confirmation. */
  g_hash_table_insert (self->deleted, g_strdup (row->key), sy_workflow_to_data (workflow, FALSE));

  if (g_strcmp0 (row->key, self->key) == 0)
    {
      /* Nothing left to save: the workflow is going away. */
      self->dirty = FALSE;
      close_workflow (self);
    }

  data->window = g_object_ref (self);
  data->key = g_strdup (row->key);
  data->title = g_strdup (sy_workflow_get_title (workflow));
  sy_engine_delete_workflow_async (self->engine, row->key, FALSE, NULL, delete_cb, data);
}

static void
sy_window_delete_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  with_selected_workflow (SY_WINDOW (widget), delete_workflow);
}

static void
sy_window_undo_delete_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  g_autofree char *data = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;

  if (!g_hash_table_steal_extended (self->deleted, key, NULL, (gpointer *) &data))
    return;

  /* It may have been a draft with problems: it comes back as one. */
  workflow = sy_workflow_new_draft_from_data (data, -1, NULL, &error);
  if (workflow == NULL)
    {
      sy_window_show_toast (self, error->message);
      return;
    }

  /* Translators: %s is a workflow title */
  toast = g_strdup_printf (_("“%s” restored"), sy_workflow_get_title (workflow));
  store_new_workflow (self, workflow, toast, TRUE);
}

static void
sy_window_export_response (SyWindow             *self,
                           int                   response,
                           GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_clear_object (&self->export_chooser);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_set_data_full (G_OBJECT (self), "export-file", g_steal_pointer (&file), g_object_unref);
  g_clear_object (&self->export_chooser);
}

static void
write_export (SyWindow     *self,
              SyVersionRow *row,
              SyWorkflow   *workflow)
{
  GFile *file = g_object_get_data (G_OBJECT (self), "export-file");
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;

  if (file == NULL)
    return;

  data = sy_workflow_to_data (workflow, TRUE);
  if (!g_file_replace_contents (file, data, strlen (data), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, &error))
    sy_window_show_toast (self, error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("Exported to “%s”"), name);

      sy_window_show_toast (self, message);
    }
  g_object_set_data (G_OBJECT (self), "export-file", NULL);
}

static void
on_export_chosen (SyWindow             *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  sy_window_export_response (self, response, chooser);
  if (g_object_get_data (G_OBJECT (self), "export-file") != NULL)
    with_selected_workflow (self, write_export);
}

static void
sy_window_export_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);
  const char *key = sy_workflow_list_get_selected_key (self->workflows);
  g_autofree char *name = NULL;

  if (key == NULL)
    return;

  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);

  self->export_chooser = gtk_file_chooser_native_new (_("Export Workflow"),
                                                      GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"),
                                                      _("_Cancel"));
  name = g_strconcat (key, ".json", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  add_json_filters (GTK_FILE_CHOOSER (self->export_chooser));
  g_signal_connect_object (self->export_chooser, "response", G_CALLBACK (on_export_chosen),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/* ── Editor actions ───────────────────────────────────────────────────── */

static void
sy_window_history_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);

  if (self->document == NULL)
    return;
  if (g_str_equal (action_name, "win.undo"))
    sy_workflow_document_undo (self->document);
  else
    sy_workflow_document_redo (self->document);
}

static void
sy_window_settings_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);

  if (self->document != NULL)
    gtk_window_present (GTK_WINDOW (sy_workflow_settings_new (GTK_WINDOW (self), self->document)));
}

static void
duplicate_version_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SyWindow) self = user_data;
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  row = sy_engine_save_finish (SY_ENGINE (source), result, &error);
  if (row == NULL)
    {
      sy_window_show_toast (self, error->message);
      return;
    }

  message = g_strdup_printf (_("Version %u created from version %u"), row->version, self->version);
  sy_window_show_toast (self, message);
  load_workflow (self, row->key, row->version);
}

static void
sy_window_duplicate_version_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);

  if (self->document == NULL || !engine_ready (self))
    return;

  /* Saving a version that has run stores a new version (the engine's rule). */
  sy_engine_save_async (self->engine, sy_workflow_document_get_workflow (self->document),
                        NULL, duplicate_version_cb, g_object_ref (self));
}

typedef struct
{
  SyWindow *window;
  char     *key;
  guint     version;
} EnableVersion;

static void
enable_version_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  EnableVersion *data = user_data;
  SyWindow *self = data->window;
  g_autoptr(GError) error = NULL;

  if (!sy_engine_set_enabled_finish (SY_ENGINE (source), result, &error))
    show_refusal (self, data->key, data->version, error, REFUSED_ENABLE);
  else
    {
      g_autofree char *message = g_strdup_printf (_("Version %u is enabled"), data->version);

      sy_window_show_toast (self, message);
      refresh_versions (self);
    }

  g_object_unref (data->window);
  g_free (data->key);
  g_free (data);
}

static void
sy_window_enable_version_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);
  EnableVersion *data;

  if (self->document == NULL || self->key == NULL || !engine_ready (self))
    return;

  /* The engine takes calls in order: it checks the edits shown here. */
  save_before_leaving (self);

  data = g_new0 (EnableVersion, 1);
  data->window = g_object_ref (self);
  data->key = g_strdup (self->key);
  data->version = self->version;
  sy_engine_set_enabled_async (self->engine, self->key, self->version, TRUE, NULL, enable_version_cb, data);
}

static void
execute_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SyWindow) self = user_data;
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(GError) error = NULL;

  execution = sy_engine_execute_finish (SY_ENGINE (source), result, &error);
  if (execution == NULL)
    {
      if (self->key != NULL)
        show_refusal (self, self->key, 0, error, REFUSED_EXECUTE);
      return;
    }

  /* Running froze this version: the banner and a new version on next edit. */
  if (self->key != NULL && g_strcmp0 (execution->workflow_key, self->key) == 0 && execution->version == self->version)
    {
      self->executed++;
      sy_workflow_document_set_read_only (self->document, TRUE);
      update_banner (self);
      update_header (self);
    }
  refresh_versions (self);

  /* The new execution opens at once and lights up as it runs. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-execution", "x", execution->id);
}

static void
on_execute_requested (SyWindow *self,
                      JsonNode *context)
{
  if (self->key == NULL || !engine_ready (self))
    return;

  sy_engine_execute_async (self->engine, self->key, context, SY_EXECUTE_MANUALLY | SY_EXECUTE_NO_WAIT,
                           NULL, execute_cb, g_object_ref (self));
}

static void
sy_window_execute_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);
  SyExecuteDialog *dialog;
  GPtrArray *problems;

  if (self->document == NULL)
    return;

  /* A draft with problems would be refused: say so before asking for a context. */
  problems = sy_workflow_document_get_problems (self->document);
  if (problems != NULL && problems->len > 0)
    {
      present_problems (self, self->key, sy_workflow_document_get_workflow (self->document), problems,
                        REFUSED_EXECUTE);
      return;
    }

  save_before_leaving (self);
  dialog = sy_execute_dialog_new (GTK_WINDOW (self), sy_workflow_document_get_workflow (self->document));
  g_signal_connect_object (dialog, "execute", G_CALLBACK (on_execute_requested), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens an execution's detail: in the open workflow's history, or among
 * all executions when no workflow is open. */
static void
sy_window_show_execution_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);

  set_content (self, self->document != NULL ? CONTENT_HISTORY : CONTENT_ALL_EXECUTIONS);
  sy_executions_view_show_execution (self->executions_view, g_variant_get_int64 (parameter));
}

static void
sy_window_all_executions_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  /* Nothing stays selected: picking a workflow opens its editor again. */
  set_content (self, CONTENT_ALL_EXECUTIONS);
  sy_workflow_list_select_key (self->workflows, NULL);
  sy_executions_view_show_list (self->executions_view);
}

static void
sy_window_show_data_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  /* Nothing stays selected: picking a workflow opens its editor again. */
  set_content (self, CONTENT_DATA);
  sy_workflow_list_select_key (self->workflows, NULL);
}

static void
on_data_title (SyWindow *self)
{
  if (self->content == CONTENT_DATA)
    update_header (self);
}

static void
sy_window_search_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  sy_workflow_list_focus_search (self->workflows);
}

#define NARROW_WIDTH  900
#define COMPACT_WIDTH 640

/* What the header bar shows of the editor's buttons: undo and redo keep
 * their shortcuts when compact; the palette toggle only means something in
 * the editor, and a compact window has no room for the palette anyway
 * (the canvas's "+" buttons insert nodes). */
static void
update_editor_buttons (SyWindow *self)
{
  gboolean editor = self->document != NULL && self->content == CONTENT_EDITOR;

  gtk_widget_set_visible (self->editor_start_box, editor && !self->compact);
  gtk_widget_set_visible (GTK_WIDGET (self->palette_button), editor && !self->compact);
}

/* Compact: the inspector goes under the canvas, each with half the height. */
static void
update_editor_orientation (SyWindow *self)
{
  GtkOrientation orientation = self->compact ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;
  GtkWidget *inspector = GTK_WIDGET (self->inspector);
  int width = 0;
  int height = 0;

  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->inspector_paned)) == orientation)
    return;

  /* The divider a person placed side by side comes back with the width. */
  if (self->compact)
    self->wide_inspector_position = gtk_paned_get_position (self->inspector_paned);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->inspector_paned), orientation);
  gtk_widget_set_size_request (inspector, self->compact ? -1 : 280, self->compact ? 160 : -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->canvas), 160, self->compact ? 160 : -1);
  /* GTK 4.8 wants both pointers. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (self->compact)
    gtk_paned_set_position (self->inspector_paned, MAX (height, 400) / 2 - 40);
  else if (self->wide_inspector_position > 0)
    gtk_paned_set_position (self->inspector_paned, self->wide_inspector_position);
  else
    g_object_set (self->inspector_paned, "position-set", FALSE, NULL);
}

/* Narrow windows keep the canvas: the palette waits behind its button. Only
 * crossing the width changes it, so the button keeps its say in between. */
static void
on_default_width (SyWindow *self)
{
  int width = 0;
  int height = 0;
  gboolean narrow;
  gboolean compact;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  narrow = width > 0 && width < NARROW_WIDTH;
  compact = width > 0 && width < COMPACT_WIDTH;
  if (compact != self->compact)
    {
      self->compact = compact;
      update_editor_buttons (self);
      update_editor_orientation (self);
    }
  if (narrow == self->narrow)
    return;

  self->narrow = narrow;
  gtk_toggle_button_set_active (self->palette_button, !narrow);
  /* Both are in the main menu too; the header bar needs the room. */
  gtk_widget_set_visible (self->new_button, !narrow);
  gtk_widget_set_visible (self->settings_button, !narrow);
  /* Ctrl+Return and the tooltip remain: the tasks toggle needs the room. */
  adw_button_content_set_label (self->execute_content, narrow ? "" : _("_Execute"));
}

/* ── Window ───────────────────────────────────────────────────────────── */

static void
sy_window_restore_state (SyWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
sy_window_save_state (SyWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width = 0;
  int height = 0;

  /* The unmaximized size is what should come back next time. */
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
}

static gboolean
editor_save_failed (SyWindow *self)
{
  return self->dirty && self->save_problem != NULL && self->document != NULL;
}

static void
on_discard_response (SyWindow   *self,
                     const char *response)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->dirty = FALSE;
      g_hash_table_remove_all (self->unsaved);
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (!editor_save_failed (self) && g_hash_table_size (self->unsaved) > 0)
    {
      /* Keep Editing: what could not be saved goes back into the editor. */
      g_autoptr(GList) keys = g_hash_table_get_keys (self->unsaved);
      g_autofree char *key = g_strdup (keys->data);

      reopen_unsaved (self, key);
    }
}

/* “A”, “B” — the workflows whose latest edits are not saved. */
static char *
unsaved_titles (SyWindow *self)
{
  g_autoptr(GString) titles = g_string_new (NULL);
  GHashTableIter iter;
  gpointer workflow;

  if (editor_save_failed (self))
    /* Translators: a workflow title in a list of titles */
    g_string_append_printf (titles, _("“%s”"),
                            sy_workflow_get_title (sy_workflow_document_get_workflow (self->document)));

  g_hash_table_iter_init (&iter, self->unsaved);
  while (g_hash_table_iter_next (&iter, NULL, &workflow))
    {
      if (titles->len > 0)
        g_string_append (titles, ", ");
      g_string_append_printf (titles, _("“%s”"), sy_workflow_get_title (workflow));
    }

  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static gboolean
sy_window_close_request (GtkWindow *window)
{
  SyWindow *self = SY_WINDOW (window);

  /* Edits still waiting: store them first, then close. */
  if (self->dirty && self->save_problem == NULL)
    {
      self->close_when_saved = TRUE;
      save_before_leaving (self);
      if (self->saving > 0)
        return TRUE;
    }
  if (self->saving > 0)
    {
      self->close_when_saved = TRUE;
      return TRUE;
    }

  /* The store failed: say so rather than lose edits silently. */
  if (editor_save_failed (self) || g_hash_table_size (self->unsaved) > 0)
    {
      GtkWidget *dialog = adw_message_dialog_new (window, _("Discard Unsaved Changes?"), NULL);
      g_autofree char *titles = unsaved_titles (self);

      /* Translators: %s is one or more quoted workflow titles */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("The latest changes to %s could not be saved."), titles);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Keep Editing"),
                                        "discard", _("_Discard"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  sy_window_save_state (self);

  return GTK_WINDOW_CLASS (sy_window_parent_class)->close_request (window);
}

/* The application (set after construction) brings the engine. */
static void
on_application_changed (SyWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  SyEngine *engine = SY_IS_APPLICATION (app) ? sy_application_get_engine (SY_APPLICATION (app)) : NULL;

  if (engine == NULL || engine == self->engine)
    return;

  g_set_object (&self->engine, engine);
  sy_workflow_list_set_engine (self->workflows, engine);
  sy_executions_view_set_engine (self->executions_view, engine);
  sy_tasks_sidebar_set_engine (self->tasks_sidebar, engine);
  sy_data_view_set_engine (self->data_view, engine);
  update_actions (self);
}

/* ── Tasks sidebar ────────────────────────────────────────────────────── */

static void
on_open_tasks_changed (SyWindow *self)
{
  guint count = sy_tasks_sidebar_get_open_count (self->tasks_sidebar);
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_text (self->tasks_badge, count > 99 ? "99+" : text);
  gtk_widget_set_visible (GTK_WIDGET (self->tasks_badge), count > 0);
}

/* win.toggle-sidebar (F9) and win.toggle-tasks (Ctrl+T). */
static void
sy_window_toggle_flap_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);
  AdwFlap *flap = g_str_equal (action_name, "win.toggle-tasks") ? self->tasks_flap : self->flap;

  adw_flap_set_reveal_flap (flap, !adw_flap_get_reveal_flap (flap));
}

static void
sy_window_show_task_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  SyWindow *self = SY_WINDOW (widget);

  adw_flap_set_reveal_flap (self->tasks_flap, TRUE);
  sy_tasks_sidebar_show_task (self->tasks_sidebar, g_variant_get_int64 (parameter));
}

static void
sy_window_dispose (GObject *object)
{
  SyWindow *self = SY_WINDOW (object);

  g_clear_handle_id (&self->save_id, g_source_remove);
  /* Children going away must not reopen or close workflows. */
  if (self->workflows != NULL)
    g_signal_handlers_disconnect_by_data (self->workflows, self);
  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  if (self->import_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->import_chooser));
  g_clear_object (&self->import_chooser);
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_WINDOW);

  G_OBJECT_CLASS (sy_window_parent_class)->dispose (object);
}

static void
sy_window_finalize (GObject *object)
{
  SyWindow *self = SY_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->deleted, g_hash_table_unref);
  g_clear_pointer (&self->unsaved, g_hash_table_unref);
  g_free (self->key);
  g_free (self->save_problem);
  g_clear_error (&self->save_error);
  g_free (self->show_path);

  G_OBJECT_CLASS (sy_window_parent_class)->finalize (object);
}

static void
sy_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SyWindow *self = SY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOADED_VERSION:
      g_value_set_uint (value, self->version);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SyWindow *self = SY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOADED_VERSION:
      if (self->key != NULL && g_value_get_uint (value) != self->version)
        load_workflow (self, self->key, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_window_class_init (SyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sy_window_dispose;
  object_class->finalize = sy_window_finalize;
  object_class->get_property = sy_window_get_property;
  object_class->set_property = sy_window_set_property;

  window_class->close_request = sy_window_close_request;

  /* The version shown in the editor; setting it loads that version. */
  properties[PROP_LOADED_VERSION] =
    g_param_spec_uint ("loaded-version", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SY_TYPE_WORKFLOW_LIST);
  g_type_ensure (SY_TYPE_PALETTE);
  g_type_ensure (SY_TYPE_CANVAS);
  g_type_ensure (SY_TYPE_INSPECTOR);
  g_type_ensure (SY_TYPE_EXECUTIONS_VIEW);
  g_type_ensure (SY_TYPE_TASKS_SIDEBAR);
  g_type_ensure (SY_TYPE_DATA_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SyWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, workflows);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, editor_start_box);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, editor_end_box);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, palette_button);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, inspector_paned);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, settings_button);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, version_button);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, frozen_revealer);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, frozen_label);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, executions_view);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, data_view);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, history_button);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, tasks_flap);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, tasks_sidebar);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, tasks_badge);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, execute_content);
  gtk_widget_class_bind_template_callback (widget_class, on_workflow_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_workflows_refreshed);
  gtk_widget_class_bind_template_callback (widget_class, on_workflows_error);
  gtk_widget_class_bind_template_callback (widget_class, on_workflow_enabling);
  gtk_widget_class_bind_template_callback (widget_class, on_workflow_enable_failed);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_selection);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_node_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_palette_type_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_history_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_data_title);

  gtk_widget_class_install_action (widget_class, "win.new-workflow", NULL, sy_window_new_workflow_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, sy_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", NULL, sy_window_open_example_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, sy_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, sy_window_duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, sy_window_delete_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "s", sy_window_undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.reopen-unsaved", "s", sy_window_reopen_unsaved_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, sy_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.workflow-settings", NULL, sy_window_settings_action);
  gtk_widget_class_install_action (widget_class, "win.execute", NULL, sy_window_execute_action);
  gtk_widget_class_install_action (widget_class, "win.show-execution", "x", sy_window_show_execution_action);
  gtk_widget_class_install_action (widget_class, "win.all-executions", NULL, sy_window_all_executions_action);
  gtk_widget_class_install_action (widget_class, "win.show-data", NULL, sy_window_show_data_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, sy_window_history_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, sy_window_history_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-version", NULL, sy_window_duplicate_version_action);
  gtk_widget_class_install_action (widget_class, "win.enable-version", NULL, sy_window_enable_version_action);
  gtk_widget_class_install_property_action (widget_class, "win.load-version", "loaded-version");
  gtk_widget_class_install_action (widget_class, "win.toggle-tasks", NULL, sy_window_toggle_flap_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, sy_window_toggle_flap_action);
  gtk_widget_class_install_action (widget_class, "win.show-task", "x", sy_window_show_task_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.execute", NULL);
}

static void
sy_window_init (SyWindow *self)
{
  GtkDropTarget *drop;
  GtkEventController *back;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->unsaved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->settings = g_settings_new (APPLICATION_ID);
  sy_window_restore_state (self);

  /* Workflow files dropped anywhere on the window are imported. */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  back = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (back),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (on_inspector_escape, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->inspector), back);

  g_signal_connect (self, "notify::default-width", G_CALLBACK (on_default_width), NULL);
  on_default_width (self);
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
  g_signal_connect_object (self->tasks_sidebar, "notify::open-count", G_CALLBACK (on_open_tasks_changed),
                           self, G_CONNECT_SWAPPED);
  update_actions (self);
}

SyWindow *
sy_window_new (SyApplication *application)
{
  g_return_val_if_fail (SY_IS_APPLICATION (application), NULL);

  return g_object_new (SY_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
sy_window_add_toast (SyWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (SY_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

SyWorkflowDocument *
sy_window_get_document (SyWindow *self)
{
  g_return_val_if_fail (SY_IS_WINDOW (self), NULL);

  return self->document;
}

const char *
sy_window_get_loaded_key (SyWindow *self)
{
  g_return_val_if_fail (SY_IS_WINDOW (self), NULL);

  return self->key;
}

void
sy_window_save_now (SyWindow *self)
{
  g_return_if_fail (SY_IS_WINDOW (self));

  save_now (self);
}

gboolean
sy_window_has_pending_save (SyWindow *self)
{
  g_return_val_if_fail (SY_IS_WINDOW (self), FALSE);

  return (self->dirty && self->save_problem == NULL) || self->saving > 0;
}
