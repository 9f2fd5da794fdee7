/* sy-people-page.c — Preferences › People: the directory tasks are assigned from
 *
 * A view of sy_engine_list_people_async(), listed again on "people-changed".
 * Adding and editing happen in a dialog (name, optional email) that checks
 * what it can before Save (sy_person_check); the engine makes a new
 * person's id from the name and keeps it when the name changes, since
 * workflows refer to the id. "Me" can be renamed but not removed.
 */
#define G_LOG_DOMAIN "switchyard-people"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-people-page.h"
#include "sy-widget-util.h"

struct _SyPeoplePage
{
  AdwPreferencesPage parent_instance;

  SyEngine          *engine;
  GCancellable      *cancellable;
  GPtrArray         *people;   /* of SyPerson */

  /* template children */
  AdwPreferencesGroup *group;
  GtkListBox          *people_list;
};

G_DEFINE_FINAL_TYPE (SyPeoplePage, sy_people_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  SIGNAL_REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (SyPeoplePage *self,
            const char   *heading,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *message = sy_text_capitalize (error->message);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static SyPerson *
find_person (SyPeoplePage *self,
             const char   *id)
{
  for (guint i = 0; self->people != NULL && i < self->people->len; i++)
    {
      SyPerson *person = g_ptr_array_index (self->people, i);

      if (g_strcmp0 (person->id, id) == 0)
        return person;
    }

  return NULL;
}

/* ── The list ─────────────────────────────────────────────────────────── */

static GtkWidget *
person_row (SyPerson *person)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gboolean me = g_str_equal (person->id, "me");
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  /* Translators: "Ann Smith (you)" for the desktop user's own entry */
  title = me ? g_strdup_printf (_("%s (you)"), person->name) : g_strdup (person->name);
  subtitle = person->email != NULL && *person->email != '\0'
               ? g_strdup_printf ("%s · %s", person->id, person->email) : g_strdup (person->id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_set_tooltip_text (edit, _("Edit"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "people.edit");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", person->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), edit);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  /* The desktop user is always there: tasks for "me" land in the sidebar.
   * (An action would make the button sensitive again.) */
  if (!me)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "people.remove");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", person->id);
    }
  gtk_widget_set_sensitive (remove, !me);
  gtk_widget_set_tooltip_text (remove, me ? _("You are always in the directory") : _("Remove"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  gtk_widget_set_name (row, person->id);
  return row;
}

static void
listed (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  g_autoptr(SyPeoplePage) self = data;
  g_autoptr(GError) error = NULL;
  GPtrArray *people = sy_engine_list_people_finish (SY_ENGINE (source), result, &error);

  if (people == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("The people could not be listed"), error);
      return;
    }

  g_clear_pointer (&self->people, g_ptr_array_unref);
  self->people = people;
  sy_widget_remove_children (GTK_WIDGET (self->people_list));
  for (guint i = 0; i < people->len; i++)
    gtk_list_box_append (self->people_list, person_row (g_ptr_array_index (people, i)));

  g_signal_emit (self, signals[SIGNAL_REFRESHED], 0);
}

static void
refresh (SyPeoplePage *self)
{
  if (self->engine != NULL && sy_engine_is_running (self->engine))
    sy_engine_list_people_async (self->engine, self->cancellable, listed, g_object_ref (self));
}

/* ── The editor dialog ────────────────────────────────────────────────── */

typedef struct
{
  SyPeoplePage *page;
  char         *id;     /* NULL for a new person */
  GtkWidget    *dialog;
  GtkWidget    *name;
  GtkWidget    *email;
} Editor;

static void
editor_free (Editor *editor)
{
  g_object_unref (editor->page);
  g_free (editor->id);
  g_free (editor);
}

/* Save is possible once the engine would take it; the body says why not. */
static void
editor_validate (Editor *editor)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = sy_person_check (editor->id,
                                 gtk_editable_get_text (GTK_EDITABLE (editor->name)),
                                 gtk_editable_get_text (GTK_EDITABLE (editor->email)), &error);
  const char *email = gtk_editable_get_text (GTK_EDITABLE (editor->email));
  g_autofree char *message = ok ? NULL : sy_text_capitalize (error->message);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (editor->dialog), "save", ok);
  /* An empty name is obvious; a bad email deserves a word. */
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (editor->dialog),
                               !ok && *email != '\0' && message != NULL
                                 ? message : _("Workflows refer to people by their id, which stays when the name changes."));
  if (!ok && *email != '\0')
    gtk_widget_add_css_class (editor->email, "error");
  else
    gtk_widget_remove_css_class (editor->email, "error");
}

static void
saved (GObject      *source,
       GAsyncResult *result,
       gpointer      data)
{
  g_autoptr(SyPeoplePage) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = sy_engine_save_person_finish (SY_ENGINE (source), result, &error);

  if (id == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, _("The person could not be saved"), error);
  /* The list follows "people-changed". */
}

static void
editor_response (AdwMessageDialog *dialog,
                 const char       *response,
                 Editor           *editor)
{
  SyPeoplePage *self = editor->page;

  (void) dialog;
  if (!g_str_equal (response, "save") || self->engine == NULL)
    return;

  sy_engine_save_person_async (self->engine, editor->id,
                               gtk_editable_get_text (GTK_EDITABLE (editor->name)),
                               gtk_editable_get_text (GTK_EDITABLE (editor->email)),
                               self->cancellable, saved, g_object_ref (self));
}

static void
open_editor (SyPeoplePage *self,
             SyPerson     *existing)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  Editor *editor = g_new0 (Editor, 1);
  GtkWidget *list;

  editor->page = g_object_ref (self);
  editor->id = existing != NULL ? g_strdup (existing->id) : NULL;
  editor->dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                           existing != NULL ? _("Edit Person") : _("New Person"), NULL);
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);

  editor->name = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->name), _("Name"));
  editor->email = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->email), _("Email (optional)"));
  gtk_editable_set_text (GTK_EDITABLE (editor->name), existing != NULL ? existing->name : "");
  gtk_editable_set_text (GTK_EDITABLE (editor->email),
                         existing != NULL && existing->email != NULL ? existing->email : "");
  gtk_list_box_append (GTK_LIST_BOX (list), editor->name);
  gtk_list_box_append (GTK_LIST_BOX (list), editor->email);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (editor->dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (editor->dialog),
                                    "cancel", _("_Cancel"),
                                    "save", existing != NULL ? _("_Save") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (editor->dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (editor->dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (editor->dialog), "cancel");

  g_signal_connect_swapped (editor->name, "changed", G_CALLBACK (editor_validate), editor);
  g_signal_connect_swapped (editor->email, "changed", G_CALLBACK (editor_validate), editor);
  g_signal_connect_data (editor->dialog, "response", G_CALLBACK (editor_response), editor,
                         (GClosureNotify) editor_free, 0);
  editor_validate (editor);

  gtk_window_present (GTK_WINDOW (editor->dialog));
  gtk_widget_grab_focus (editor->name);
}

/* ── Removing ─────────────────────────────────────────────────────────── */

static void
removed (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(SyPeoplePage) self = data;
  g_autoptr(GError) error = NULL;

  if (!sy_engine_remove_person_finish (SY_ENGINE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, _("The person could not be removed"), error);
}

static void
remove_response (AdwMessageDialog *dialog,
                 const char       *response,
                 SyPeoplePage     *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "person");

  if (g_str_equal (response, "remove") && self->engine != NULL)
    sy_engine_remove_person_async (self->engine, id, self->cancellable, removed, g_object_ref (self));
}

/* ── Actions ──────────────────────────────────────────────────────────── */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (SY_PEOPLE_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SyPeoplePage *self = SY_PEOPLE_PAGE (widget);
  SyPerson *person = find_person (self, g_variant_get_string (parameter, NULL));

  if (person != NULL)
    open_editor (self, person);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SyPeoplePage *self = SY_PEOPLE_PAGE (widget);
  SyPerson *person = find_person (self, g_variant_get_string (parameter, NULL));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (person == NULL || g_str_equal (person->id, "me"))
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove %s?"), person->name);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Steps that name “%s” find nobody any more; their tasks stay as they are."),
                                  person->id);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "person", g_strdup (person->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ── Object ───────────────────────────────────────────────────────────── */

void
sy_people_page_set_engine (SyPeoplePage *self,
                           SyEngine     *engine)
{
  g_return_if_fail (SY_IS_PEOPLE_PAGE (self));
  g_return_if_fail (engine == NULL || SY_IS_ENGINE (engine));

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    g_signal_connect_swapped (engine, "people-changed", G_CALLBACK (refresh), self);
  refresh (self);
}

GtkListBox *
sy_people_page_get_list (SyPeoplePage *self)
{
  g_return_val_if_fail (SY_IS_PEOPLE_PAGE (self), NULL);

  return self->people_list;
}

static void
sy_people_page_dispose (GObject *object)
{
  SyPeoplePage *self = SY_PEOPLE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_PEOPLE_PAGE);

  G_OBJECT_CLASS (sy_people_page_parent_class)->dispose (object);
}

static void
sy_people_page_finalize (GObject *object)
{
  SyPeoplePage *self = SY_PEOPLE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->people, g_ptr_array_unref);

  G_OBJECT_CLASS (sy_people_page_parent_class)->finalize (object);
}

static void
sy_people_page_class_init (SyPeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_people_page_dispose;
  object_class->finalize = sy_people_page_finalize;

  signals[SIGNAL_REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SyPeoplePage, group);
  gtk_widget_class_bind_template_child (widget_class, SyPeoplePage, people_list);

  gtk_widget_class_install_action (widget_class, "people.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "people.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "people.remove", "s", remove_action);
}

static void
sy_people_page_init (SyPeoplePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
sy_people_page_new (void)
{
  return g_object_new (SY_TYPE_PEOPLE_PAGE, NULL);
}
