/* sy-time-format.c — times as people read them */
#include "config.h"

#include <glib/gi18n.h>

#include "sy-time-format.h"

static GDateTime *
local_time (gint64 ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);

  return utc != NULL ? g_date_time_to_local (utc) : NULL;
}

char *
sy_time_format_ago (gint64 ms,
                    gint64 now_ms)
{
  gint64 minutes = MAX (0, now_ms - ms) / 60000;
  g_autoptr(GDateTime) then = local_time (ms);
  g_autoptr(GDateTime) now = local_time (now_ms);

  if (minutes < 1)
    return g_strdup (_("just now"));
  if (minutes < 60)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", (int) minutes), (int) minutes);
  if (minutes < 24 * 60 && then != NULL && now != NULL &&
      g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (now))
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", (int) (minutes / 60)),
                            (int) (minutes / 60));
  if (minutes < 48 * 60 && then != NULL && now != NULL)
    {
      g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);

      if (g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (yesterday))
        return g_strdup (_("yesterday"));
    }

  if (then == NULL)
    return g_strdup ("");
  /* Translators: a day as in "21 Nov" (strftime format) */
  return g_date_time_format (then, _("%e %b"));
}

char *
sy_time_format_local (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

char *
sy_time_format_local_ms (gint64 ms)
{
  g_autoptr(GDateTime) time = ms > 0 ? local_time (ms) : NULL;

  return time != NULL ? sy_time_format_local (time) : g_strdup ("—");
}
