/* sy-test-ui.h — helpers for UI tests: screenshots and main-loop waiting */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     sy_test_ui_init     (int         *argc,
                              char      ***argv);
char    *sy_test_ui_save_png (GtkWidget   *widget,
                              const char  *name);
GtkWidget *sy_test_ui_find   (GtkWidget   *root,
                              const char  *id);
void     sy_test_ui_wait     (guint        msec);
gboolean sy_test_ui_wait_for (gboolean   (*condition) (gpointer user_data),
                              gpointer     user_data,
                              guint        timeout_msec);

G_END_DECLS
