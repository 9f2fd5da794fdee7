/* sy-time-format.h — times as people read them in lists ("5 minutes ago") */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long ago `ms` (ms since the epoch, UTC) was, seen at `now_ms`: "just
 * now", "5 minutes ago", "3 hours ago", "yesterday", then a local date. */
char *sy_time_format_ago   (gint64 ms,
                            gint64 now_ms);

G_END_DECLS
