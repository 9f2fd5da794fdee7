/* sy-credentials-page.c — Preferences › Credentials: stored secrets by name
 *
 * Lists the credentials in the keyring (names and kinds, never values) and
 * adds, replaces or deletes them through sy-secrets. A value is typed into
 * a password row and is not shown again after saving: editing means typing
 * a new one.
 */
#define G_LOG_DOMAIN "switchyard-credentials"

#include "config.h"

#include <glib/gi18n.h>

#include "sy-credentials-page.h"
#include "sy-secrets.h"

struct _SyCredentialsPage
{
  AdwPreferencesPage   parent_instance;

  AdwPreferencesGroup *group;
  GtkWidget           *status_row;   /* why nothing can be listed, or NULL */
  GPtrArray           *rows;         /* of GtkWidget, the listed credentials */
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (SyCredentialsPage, sy_credentials_page, ADW_TYPE_PREFERENCES_PAGE)

/* Same order as sy_secret_kinds. */
static const char *kind_labels[] = { N_("Bearer token"), N_("User and password"), N_("API key header"), NULL };

static void refresh (SyCredentialsPage *self);

static const char *
kind_label (const char *kind)
{
  for (guint i = 0; sy_secret_kinds[i] != NULL; i++)
    if (g_strcmp0 (sy_secret_kinds[i], kind) == 0)
      return _(kind_labels[i]);

  return kind;
}

static void
show_error (SyCredentialsPage *self,
            const char        *heading,
            const GError      *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ── The editor dialog ────────────────────────────────────────────────── */

typedef struct
{
  SyCredentialsPage *page;
  GtkWidget         *name;
  GtkWidget         *kind;
  GtkWidget         *user;
  GtkWidget         *header;
  GtkWidget         *value;
} Editor;

static void
editor_free (Editor *editor)
{
  g_object_unref (editor->page);
  g_free (editor);
}

static const char *
editor_kind (Editor *editor)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (editor->kind));

  return selected < g_strv_length ((char **) sy_secret_kinds) ? sy_secret_kinds[selected] : "bearer";
}

static void
editor_kind_changed (Editor *editor)
{
  const char *kind = editor_kind (editor);

  gtk_widget_set_visible (editor->user, g_str_equal (kind, "basic"));
  gtk_widget_set_visible (editor->header, g_str_equal (kind, "api-key"));
}

static void
stored (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  g_autoptr(SyCredentialsPage) self = data;
  g_autoptr(GError) error = NULL;

  (void) source;
  if (!sy_secrets_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("The credential could not be saved"), error);
      return;
    }
  refresh (self);
}

static void
editor_response (AdwMessageDialog *dialog,
                 const char       *response,
                 Editor           *editor)
{
  g_autoptr(SySecret) secret = NULL;
  const char *kind;

  (void) dialog;
  if (!g_str_equal (response, "save"))
    return;

  kind = editor_kind (editor);
  secret = sy_secret_new (gtk_editable_get_text (GTK_EDITABLE (editor->name)), kind,
                          g_str_equal (kind, "basic") ? gtk_editable_get_text (GTK_EDITABLE (editor->user)) : NULL,
                          g_str_equal (kind, "api-key") ? gtk_editable_get_text (GTK_EDITABLE (editor->header)) : NULL,
                          gtk_editable_get_text (GTK_EDITABLE (editor->value)));
  sy_secrets_store_async (secret, editor->page->cancellable, stored, g_object_ref (editor->page));
  /* Don't leave the value in the entry's buffer longer than needed. */
  gtk_editable_set_text (GTK_EDITABLE (editor->value), "");
}

static void
editor_validate (Editor *editor)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (editor->name));
  const char *value = gtk_editable_get_text (GTK_EDITABLE (editor->value));
  GtkWidget *dialog = gtk_widget_get_ancestor (editor->name, ADW_TYPE_MESSAGE_DIALOG);

  if (dialog != NULL)
    adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save",
                                             name[0] != '\0' && value[0] != '\0');
}

static void
open_editor (SyCredentialsPage *self,
             SySecret          *existing)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  Editor *editor = g_new0 (Editor, 1);
  GtkWidget *dialog, *list;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  editor->page = g_object_ref (self);
  for (guint i = 0; kind_labels[i] != NULL; i++)
    gtk_string_list_append (kinds, _(kind_labels[i]));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   existing != NULL ? _("Replace Credential") : _("New Credential"),
                                   _("Nodes and webhooks refer to it by name. The value is kept in the "
                                     "keyring and is not shown again."));
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);

  editor->name = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->name), _("Name"));
  editor->kind = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->kind), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (editor->kind), G_LIST_MODEL (kinds));
  editor->user = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->user), _("User"));
  editor->header = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->header), _("Header"));
  gtk_editable_set_text (GTK_EDITABLE (editor->header), "X-API-Key");
  editor->value = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->value),
                                 existing != NULL ? _("New Value") : _("Value"));

  if (existing != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (editor->name), existing->name);
      gtk_editable_set_editable (GTK_EDITABLE (editor->name), FALSE);
      for (guint i = 0; sy_secret_kinds[i] != NULL; i++)
        if (g_strcmp0 (sy_secret_kinds[i], existing->kind) == 0)
          adw_combo_row_set_selected (ADW_COMBO_ROW (editor->kind), i);
      if (existing->user != NULL)
        gtk_editable_set_text (GTK_EDITABLE (editor->user), existing->user);
      if (existing->header != NULL)
        gtk_editable_set_text (GTK_EDITABLE (editor->header), existing->header);
    }

  gtk_list_box_append (GTK_LIST_BOX (list), editor->name);
  gtk_list_box_append (GTK_LIST_BOX (list), editor->kind);
  gtk_list_box_append (GTK_LIST_BOX (list), editor->user);
  gtk_list_box_append (GTK_LIST_BOX (list), editor->header);
  gtk_list_box_append (GTK_LIST_BOX (list), editor->value);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);

  g_signal_connect_swapped (editor->kind, "notify::selected", G_CALLBACK (editor_kind_changed), editor);
  g_signal_connect_swapped (editor->name, "changed", G_CALLBACK (editor_validate), editor);
  g_signal_connect_swapped (editor->value, "changed", G_CALLBACK (editor_validate), editor);
  g_signal_connect_data (dialog, "response", G_CALLBACK (editor_response), editor,
                         (GClosureNotify) editor_free, 0);
  editor_kind_changed (editor);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* ── Rows ─────────────────────────────────────────────────────────────── */

static void
deleted (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(SyCredentialsPage) self = data;
  g_autoptr(GError) error = NULL;

  (void) source;
  if (!sy_secrets_delete_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("The credential could not be deleted"), error);
      return;
    }
  refresh (self);
}

static void
delete_response (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          data)
{
  SyCredentialsPage *self = data;
  const char *name = g_object_get_data (G_OBJECT (dialog), "name");

  if (g_str_equal (response, "delete"))
    sy_secrets_delete_async (name, self->cancellable, deleted, g_object_ref (self));
}

static void
delete_clicked (GtkButton *button,
                gpointer   data)
{
  SyCredentialsPage *self = data;
  SySecret *secret = g_object_get_data (G_OBJECT (button), "secret");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Delete Credential?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Workflows that use “%s” will fail until it is added again."),
                                  secret->name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (secret->name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_clicked (GtkButton *button,
              gpointer   data)
{
  open_editor (data, g_object_get_data (G_OBJECT (button), "secret"));
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *tooltip,
             SySecret   *secret)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "secret",
                          sy_secret_new (secret->name, secret->kind, secret->user, secret->header, NULL),
                          (GDestroyNotify) sy_secret_free);
  return button;
}

static GtkWidget *
secret_row (SyCredentialsPage *self,
            SySecret          *secret)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = icon_button ("document-edit-symbolic", _("Replace"), secret);
  GtkWidget *remove = icon_button ("user-trash-symbolic", _("Delete"), secret);
  g_autofree char *subtitle = NULL;

  if (secret->user != NULL)
    subtitle = g_strdup_printf ("%s · %s", kind_label (secret->kind), secret->user);
  else if (secret->header != NULL)
    subtitle = g_strdup_printf ("%s · %s", kind_label (secret->kind), secret->header);
  else
    subtitle = g_strdup (kind_label (secret->kind));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), secret->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_signal_connect (edit, "clicked", G_CALLBACK (edit_clicked), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (delete_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
clear_rows (SyCredentialsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_status (SyCredentialsPage *self,
            const char        *title,
            const char        *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Messages may hold "<NAME>" and other text that is not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
}

static void
listed (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  g_autoptr(SyCredentialsPage) self = data;
  g_autoptr(GPtrArray) secrets = NULL;
  g_autoptr(GError) error = NULL;

  (void) source;
  secrets = sy_secrets_list_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  clear_rows (self);
  if (secrets == NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (_("%s. Workflows read SWITCHYARD_SECRET_<NAME> from the "
                                                     "environment instead."), error->message);

      add_status (self, _("No keyring"), subtitle);
      return;
    }
  if (secrets->len == 0)
    add_status (self, _("No credentials yet"), _("Add one for HTTP requests or webhook authentication."));

  for (guint i = 0; i < secrets->len; i++)
    {
      GtkWidget *row = secret_row (self, g_ptr_array_index (secrets, i));

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
refresh (SyCredentialsPage *self)
{
  sy_secrets_list_async (self->cancellable, listed, g_object_ref (self));
}

static void
add_clicked (SyCredentialsPage *self)
{
  open_editor (self, NULL);
}

/* ── GObject ──────────────────────────────────────────────────────────── */

static void
sy_credentials_page_dispose (GObject *object)
{
  SyCredentialsPage *self = SY_CREDENTIALS_PAGE (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (sy_credentials_page_parent_class)->dispose (object);
}

static void
sy_credentials_page_finalize (GObject *object)
{
  SyCredentialsPage *self = SY_CREDENTIALS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sy_credentials_page_parent_class)->finalize (object);
}

static void
sy_credentials_page_class_init (SyCredentialsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sy_credentials_page_dispose;
  object_class->finalize = sy_credentials_page_finalize;
}

static void
sy_credentials_page_init (SyCredentialsPage *self)
{
  GtkWidget *add = gtk_button_new ();
  GtkWidget *add_content = adw_button_content_new ();

  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Credentials"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "dialog-password-symbolic");

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Stored Credentials"));
  adw_preferences_group_set_description (self->group,
                                         _("Secrets for HTTP request nodes and webhook authentication, kept in "
                                           "the system keyring. Workflows refer to them by name."));
  /* Labelled like the People page's "Add Person". */
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (add_content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (add_content), _("_Add Credential"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (add_content), TRUE);
  gtk_button_set_child (GTK_BUTTON (add), add_content);
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add, "flat");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_clicked), self);
  adw_preferences_group_set_header_suffix (self->group, add);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->group);

  refresh (self);
}

GtkWidget *
sy_credentials_page_new (void)
{
  return g_object_new (SY_TYPE_CREDENTIALS_PAGE, NULL);
}
