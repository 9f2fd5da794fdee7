/* sy-time-format.h — times as people read them: "5 minutes ago" in lists,
 * "2026-11-21 10:00:01" where the exact time matters */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long ago `ms` (ms since the epoch, UTC) was, seen at `now_ms`: "just
 * now", "5 minutes ago", "3 hours ago", "yesterday", then a local date. */
char *sy_time_format_ago   (gint64 ms,
                            gint64 now_ms);

/* `time` in the local time zone, "2026-11-21 10:00:01". */
char *sy_time_format_local    (GDateTime *time);
/* The same for `ms` since the epoch (UTC); "—" for 0. */
char *sy_time_format_local_ms (gint64     ms);

G_END_DECLS
