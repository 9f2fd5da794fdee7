/* sy-source-style.h — GtkSourceView buffers that follow the light/dark style */
#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

/* The Adwaita scheme now, Adwaita-dark whenever the style turns dark, for
 * as long as `buffer` lives. */
void sy_source_buffer_follow_style (GtkSourceBuffer *buffer);

G_END_DECLS
