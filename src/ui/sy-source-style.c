/* sy-source-style.c — GtkSourceView buffers that follow the light/dark style */
#include "config.h"

#include <adwaita.h>

#include "sy-source-style.h"

static void
apply_scheme (GtkSourceBuffer *buffer)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_source_buffer_set_style_scheme (buffer,
                                      gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita"));
}

void
sy_source_buffer_follow_style (GtkSourceBuffer *buffer)
{
  g_return_if_fail (GTK_SOURCE_IS_BUFFER (buffer));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (apply_scheme), buffer, G_CONNECT_SWAPPED);
  apply_scheme (buffer);
}
