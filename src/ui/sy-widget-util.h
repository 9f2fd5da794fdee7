/* sy-widget-util.h — small things GTK 4.8 lacks, toasts and confirmations */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Removes every child of a GtkBox or GtkListBox (gtk_list_box_remove_all
 * is GTK 4.12). */
void sy_widget_remove_children (GtkWidget *container);

/* For dispose(): the template's children go (gtk_widget_dispose_template
 * unparents only the bound ones), then any child left. */
void sy_widget_dispose_template_children (GtkWidget *widget,
                                          GType      type);

/* `text` with its first letter in upper case: the engine's messages
 * start in lower case (they are often embedded), a label starts a sentence. */
char *sy_text_capitalize (const char *text);

/* A toast in the AdwToastOverlay around `widget` (or `widget` itself),
 * logged without one. */
void sy_widget_show_toast (GtkWidget  *widget,
                           const char *title);

typedef void (*SyConfirmFunc) (gpointer data);
/* An AdwMessageDialog over `widget`'s window with "_Cancel" and a
 * destructive `verb` (response "confirm"); `confirmed` runs on that answer
 * only, and `data` is freed with `destroy` after the answer, whichever it
 * was. */
void sy_confirm_destructive (GtkWidget      *widget,
                             const char     *heading,
                             const char     *body,
                             const char     *verb,
                             SyConfirmFunc   confirmed,
                             gpointer        data,
                             GDestroyNotify  destroy);

G_END_DECLS
