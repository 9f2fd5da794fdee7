/* sy-widget-util.c — small things GTK 4.8 lacks, toasts and confirmations */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-widget-util.h"

void
sy_widget_remove_children (GtkWidget *container)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BOX (container) || GTK_IS_LIST_BOX (container));

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_BOX (container))
        gtk_box_remove (GTK_BOX (container), child);
      else
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
    }
}

void
sy_widget_dispose_template_children (GtkWidget *widget,
                                     GType      type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

char *
sy_text_capitalize (const char *text)
{
  g_autofree char *first = NULL;
  const char *rest;

  if (text == NULL || *text == '\0')
    return g_strdup (text);

  rest = g_utf8_next_char (text);
  first = g_utf8_strup (text, rest - text);
  return g_strconcat (first, rest, NULL);
}

void
sy_widget_show_toast (GtkWidget  *widget,
                      const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", title);
      return;
    }
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

typedef struct
{
  SyConfirmFunc  confirmed;
  gpointer       data;
  GDestroyNotify destroy;
} Confirmation;

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Confirmation     *confirmation)
{
  /* One answer per dialog: closing after a click answers again. */
  g_signal_handlers_disconnect_by_data (dialog, confirmation);
  if (g_strcmp0 (response, "confirm") == 0)
    confirmation->confirmed (confirmation->data);
  if (confirmation->destroy != NULL)
    confirmation->destroy (confirmation->data);
  g_free (confirmation);
}

void
sy_confirm_destructive (GtkWidget      *widget,
                        const char     *heading,
                        const char     *body,
                        const char     *verb,
                        SyConfirmFunc   confirmed,
                        gpointer        data,
                        GDestroyNotify  destroy)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  Confirmation *confirmation = g_new0 (Confirmation, 1);
  GtkWidget *dialog;

  confirmation->confirmed = confirmed;
  confirmation->data = data;
  confirmation->destroy = destroy;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "confirm", verb,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response), confirmation);
  gtk_window_present (GTK_WINDOW (dialog));
}
