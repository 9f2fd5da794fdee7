/* sy-cron.c — cron expression parser and next-fire computation */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdarg.h>
#include <string.h>

#include "sy-cron.h"

/* 8 years: every schedule that can fire at all (29 February across a century
 * year is the sparsest) fires within that. */
#define HORIZON_YEARS 8
#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)

enum
{
  FIELD_SECOND,
  FIELD_MINUTE,
  FIELD_HOUR,
  FIELD_DOM,
  FIELD_MONTH,
  FIELD_DOW,
  N_FIELDS
};

typedef struct
{
  const char *name;
  int         min;
  int         max;
} FieldInfo;

static const FieldInfo field_info[N_FIELDS] = {
  { N_("second"), 0, 59 },
  { N_("minute"), 0, 59 },
  { N_("hour"), 0, 23 },
  { N_("day of month"), 1, 31 },
  { N_("month"), 1, 12 },
  { N_("day of week"), 0, 7 },
};

static const char *const month_abbrevs[] = {
  "JAN", "FEB", "MAR", "APR", "MAY", "JUN",
  "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
};

static const char *const weekday_abbrevs[] = {
  "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT",
};

#define ALL_DAYS     G_GUINT64_CONSTANT (0xfffffffe) /* bits 1–31 */
#define ALL_WEEKDAYS 0x7f
#define ALL_MONTHS   0x1ffe                          /* bits 1–12 */

struct _SyCron
{
  char    *expression;
  guint64  seconds;
  guint64  minutes;
  guint64  hours;
  guint64  days;               /* bits 1–31 */
  guint64  days_before_last;   /* bit n: `L-n` (bit 0 is `L`) */
  guint64  nearest_weekdays;   /* bits 1–31: `NW` */
  gboolean last_weekday;       /* `LW` */
  guint64  months;             /* bits 1–12 */
  guint64  weekdays;           /* bits 0–6 */
  guint64  last_of_weekday;    /* bits 0–6: `NL` */
  guint8   nth_of_weekday[7];  /* bit k: `N#k` */
  gboolean dom_restricted;
  gboolean dow_restricted;
};

G_DEFINE_QUARK (sy-cron-error-quark, sy_cron_error)

/* ---- Parsing --------------------------------------------------------- */

typedef struct
{
  int position;  /* 1-based, as the user wrote it */
  int field;
} FieldRef;

static gboolean field_error (const FieldRef *ref,
                             GError        **error,
                             const char     *format,
                             ...) G_GNUC_PRINTF (3, 4);

static gboolean
field_error (const FieldRef *ref,
             GError        **error,
             const char     *format,
             ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, SY_CRON_ERROR, SY_CRON_ERROR_INVALID,
               _("field %d (%s): %s"),
               ref->position, _(field_info[ref->field].name), reason);
  return FALSE;
}

static gboolean
all_digits (const char *text,
            gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* A plain number with no range check; long digit strings count as huge. */
static gboolean
parse_number (const char *text,
              gsize       len,
              int        *value)
{
  if (!all_digits (text, len))
    return FALSE;
  if (len > 6)
    {
      *value = G_MAXINT;
      return TRUE;
    }
  *value = 0;
  for (gsize i = 0; i < len; i++)
    *value = *value * 10 + (text[i] - '0');
  return TRUE;
}

static int
lookup_name (const char *const *names,
             gsize              n_names,
             int                first_value,
             const char        *text,
             gsize              len)
{
  if (len != 3)
    return -1;
  for (gsize i = 0; i < n_names; i++)
    if (g_ascii_strncasecmp (names[i], text, 3) == 0)
      return first_value + (int) i;
  return -1;
}

/* One value of the field: a number in range, or a month/weekday name. */
static gboolean
parse_value (const FieldRef *ref,
             const char     *text,
             gsize           len,
             int            *value,
             GError        **error)
{
  const FieldInfo *info = &field_info[ref->field];

  if (parse_number (text, len, value))
    {
      if (*value < info->min || *value > info->max)
        {
          if (*value == G_MAXINT)
            return field_error (ref, error, _("%.*s is out of range %d–%d"),
                                (int) len, text, info->min, info->max);
          return field_error (ref, error, _("%d is out of range %d–%d"),
                              *value, info->min, info->max);
        }
      return TRUE;
    }

  if (len > 0 && g_ascii_isalpha (text[0]))
    {
      if (ref->field == FIELD_MONTH)
        *value = lookup_name (month_abbrevs, G_N_ELEMENTS (month_abbrevs), 1, text, len);
      else if (ref->field == FIELD_DOW)
        *value = lookup_name (weekday_abbrevs, G_N_ELEMENTS (weekday_abbrevs), 0, text, len);
      else
        return field_error (ref, error, _("“%.*s” is not a number"), (int) len, text);

      if (*value < 0)
        return field_error (ref, error,
                            ref->field == FIELD_MONTH
                            ? _("“%.*s” is not a month name (JAN–DEC)")
                            : _("“%.*s” is not a weekday name (SUN–SAT)"),
                            (int) len, text);
      return TRUE;
    }

  if (len == 0)
    return field_error (ref, error, _("a value is missing"));
  return field_error (ref, error, _("“%.*s” is not a number"), (int) len, text);
}

static void
set_value (SyCron *cron,
           int     field,
           int     value)
{
  guint64 bit;

  if (field == FIELD_DOW)
    value %= 7; /* 7 is Sunday too */
  bit = G_GUINT64_CONSTANT (1) << value;

  switch (field)
    {
    case FIELD_SECOND: cron->seconds |= bit; break;
    case FIELD_MINUTE: cron->minutes |= bit; break;
    case FIELD_HOUR: cron->hours |= bit; break;
    case FIELD_DOM: cron->days |= bit; break;
    case FIELD_MONTH: cron->months |= bit; break;
    case FIELD_DOW: cron->weekdays |= bit; break;
    default: g_assert_not_reached ();
    }
}

static gboolean
item_equals (const char *item,
             const char *literal)
{
  return g_ascii_strcasecmp (item, literal) == 0;
}

static gboolean
parse_dom_special (SyCron         *cron,
                   const FieldRef *ref,
                   const char     *item,
                   gboolean       *handled,
                   GError        **error)
{
  gsize len = strlen (item);
  int value;

  *handled = TRUE;
  if (item_equals (item, "L"))
    {
      cron->days_before_last |= 1;
      return TRUE;
    }
  if (item_equals (item, "LW"))
    {
      cron->last_weekday = TRUE;
      return TRUE;
    }
  if (len > 2 && g_ascii_toupper (item[0]) == 'L' && item[1] == '-')
    {
      if (!parse_number (item + 2, len - 2, &value))
        return field_error (ref, error, _("“%s” needs a number of days after “L-”"), item);
      if (value > 30)
        return field_error (ref, error, _("“%s”: a month has at most 31 days"), item);
      cron->days_before_last |= G_GUINT64_CONSTANT (1) << value;
      return TRUE;
    }
  if (len > 1 && g_ascii_toupper (item[len - 1]) == 'W')
    {
      if (!all_digits (item, len - 1))
        return field_error (ref, error, _("“%s” needs a day number before “W”"), item);
      if (!parse_value (ref, item, len - 1, &value, error))
        return FALSE;
      cron->nearest_weekdays |= G_GUINT64_CONSTANT (1) << value;
      return TRUE;
    }

  *handled = FALSE;
  return TRUE;
}

static gboolean
parse_dow_special (SyCron         *cron,
                   const FieldRef *ref,
                   const char     *item,
                   gboolean       *handled,
                   GError        **error)
{
  gsize len = strlen (item);
  const char *hash = strchr (item, '#');
  int weekday, nth;

  *handled = TRUE;
  if (hash != NULL)
    {
      if (strpbrk (item, "-/*") != NULL)
        return field_error (ref, error, _("“%s”: “#” takes a single weekday"), item);
      if (!parse_value (ref, item, hash - item, &weekday, error))
        return FALSE;
      if (!parse_number (hash + 1, strlen (hash + 1), &nth) || nth < 1 || nth > 5)
        return field_error (ref, error, _("“%s”: the occurrence after “#” must be 1–5"), item);
      cron->nth_of_weekday[weekday % 7] |= 1 << nth;
      return TRUE;
    }
  if (item_equals (item, "L"))
    return field_error (ref, error,
                        _("“L” needs a weekday in front of it here, like 5L for the last Friday"));
  if (len > 1 && g_ascii_toupper (item[len - 1]) == 'L')
    {
      if (strpbrk (item, "-/*") != NULL)
        return field_error (ref, error, _("“%s”: “L” takes a single weekday"), item);
      if (!parse_value (ref, item, len - 1, &weekday, error))
        return FALSE;
      cron->last_of_weekday |= G_GUINT64_CONSTANT (1) << (weekday % 7);
      return TRUE;
    }

  *handled = FALSE;
  return TRUE;
}

/* `*`, `N`, `A-B`, each optionally followed by `/step`. */
static gboolean
parse_range_item (SyCron         *cron,
                  const FieldRef *ref,
                  const char     *item,
                  GError        **error)
{
  const FieldInfo *info = &field_info[ref->field];
  const char *slash = strchr (item, '/');
  gsize base_len = slash != NULL ? (gsize) (slash - item) : strlen (item);
  const char *dash;
  int lo, hi, step = 1;

  if (slash != NULL)
    {
      if (strchr (slash + 1, '/') != NULL)
        return field_error (ref, error, _("“%s” has more than one “/”"), item);
      if (!parse_number (slash + 1, strlen (slash + 1), &step) || step == 0)
        return field_error (ref, error, _("“%s”: the step after “/” must be a positive number"), item);
    }

  dash = memchr (item, '-', base_len);
  if (base_len == 1 && item[0] == '*')
    {
      lo = info->min;
      hi = ref->field == FIELD_DOW ? 6 : info->max;
    }
  else if (dash != NULL && dash != item)
    {
      gsize hi_len = base_len - (dash - item) - 1;

      if (!parse_value (ref, item, dash - item, &lo, error))
        return FALSE;
      /* `25-L`: to the end of the month; days past it never occur anyway */
      if (ref->field == FIELD_DOM && hi_len == 1 && g_ascii_toupper (dash[1]) == 'L')
        hi = info->max;
      else if (!parse_value (ref, dash + 1, hi_len, &hi, error))
        return FALSE;
      if (lo > hi)
        return field_error (ref, error, _("range “%.*s” goes backwards"), (int) base_len, item);
    }
  else
    {
      if (!parse_value (ref, item, base_len, &lo, error))
        return FALSE;
      /* `5/10` is cron-parser's “from 5 to the end, every 10” */
      hi = slash != NULL ? info->max : lo;
    }

  for (int value = lo; value <= hi; value += step)
    set_value (cron, ref->field, value);
  return TRUE;
}

static gboolean
parse_field (SyCron         *cron,
             const FieldRef *ref,
             const char     *text,
             GError        **error)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = items[i];
      gboolean handled = FALSE;

      if (*item == '\0')
        return field_error (ref, error, _("empty item in the list “%s”"), text);

      if (item_equals (item, "?"))
        {
          if (ref->field != FIELD_DOM && ref->field != FIELD_DOW)
            return field_error (ref, error, _("“?” is only allowed in day of month and day of week"));
          if (!parse_range_item (cron, ref, "*", error))
            return FALSE;
          continue;
        }

      if (ref->field == FIELD_DOM && !parse_dom_special (cron, ref, item, &handled, error))
        return FALSE;
      if (ref->field == FIELD_DOW && !parse_dow_special (cron, ref, item, &handled, error))
        return FALSE;
      if (!handled && !parse_range_item (cron, ref, item, error))
        return FALSE;
    }
  return TRUE;
}

SyCron *
sy_cron_parse (const char *expression,
               GError    **error)
{
  g_autoptr(SyCron) cron = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) split = NULL;
  int first_field;

  g_return_val_if_fail (expression != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  split = g_strsplit_set (expression, " \t\r\n", -1);
  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0')
      g_ptr_array_add (words, g_strdup (split[i]));

  if (words->len != 5 && words->len != 6)
    {
      g_set_error (error, SY_CRON_ERROR, SY_CRON_ERROR_INVALID,
                   _("expected 6 fields (second minute hour day-of-month month day-of-week) "
                     "or 5 (without seconds), got %u"),
                   words->len);
      return NULL;
    }

  cron = g_new0 (SyCron, 1);
  cron->expression = g_strstrip (g_strdup (expression));

  /* The 5-field form starts at minutes; seconds are 0. */
  first_field = words->len == 6 ? FIELD_SECOND : FIELD_MINUTE;
  if (first_field == FIELD_MINUTE)
    cron->seconds = 1;

  for (guint i = 0; i < words->len; i++)
    {
      FieldRef ref = { (int) i + 1, first_field + (int) i };

      if (!parse_field (cron, &ref, g_ptr_array_index (words, i), error))
        return NULL;
    }

  cron->dom_restricted = cron->days != ALL_DAYS;
  cron->dow_restricted = cron->weekdays != ALL_WEEKDAYS;
  return g_steal_pointer (&cron);
}

void
sy_cron_free (SyCron *cron)
{
  if (cron == NULL)
    return;
  g_free (cron->expression);
  g_free (cron);
}

const char *
sy_cron_get_expression (SyCron *cron)
{
  g_return_val_if_fail (cron != NULL, NULL);
  return cron->expression;
}

/* ---- Calendar arithmetic on wall-clock times -------------------------- */

typedef struct
{
  int year, month, day, hour, minute, second;
} Wall;

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year,
               int month)
{
  static const int lengths[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  return month == 2 && is_leap_year (year) ? 29 : lengths[month - 1];
}

/* Days since 1970-01-01 in the proleptic Gregorian calendar, counted in
 * 400-year cycles with years starting in March so leap days come last. */
static gint64
days_from_date (int year,
                int month,
                int day)
{
  gint64 y = month <= 2 ? year - 1 : year;
  gint64 cycle = (y >= 0 ? y : y - 399) / 400;
  gint64 year_of_cycle = y - cycle * 400;
  gint64 day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  gint64 day_of_cycle = year_of_cycle * 365 + year_of_cycle / 4 - year_of_cycle / 100 + day_of_year;

  return cycle * 146097 + day_of_cycle - 719468;
}

static void
date_from_days (gint64 days,
                Wall  *wall)
{
  gint64 z = days + 719468;
  gint64 cycle = (z >= 0 ? z : z - 146096) / 146097;
  gint64 day_of_cycle = z - cycle * 146097;
  gint64 year_of_cycle = (day_of_cycle - day_of_cycle / 1460 + day_of_cycle / 36524
                          - day_of_cycle / 146096) / 365;
  gint64 day_of_year = day_of_cycle - (365 * year_of_cycle + year_of_cycle / 4 - year_of_cycle / 100);
  gint64 mp = (5 * day_of_year + 2) / 153;
  int month = (int) (mp < 10 ? mp + 3 : mp - 9);

  wall->day = (int) (day_of_year - (153 * mp + 2) / 5 + 1);
  wall->month = month;
  wall->year = (int) (year_of_cycle + cycle * 400 + (month <= 2 ? 1 : 0));
}

/* 0 = Sunday */
static int
weekday_of (int year,
            int month,
            int day)
{
  gint64 days = days_from_date (year, month, day);

  return (int) (((days % 7) + 7 + 4) % 7); /* 1970-01-01 was a Thursday */
}

/* Wall times as seconds on a zone-less scale, so they can be compared and
 * turned into instants by subtracting an offset. */
static gint64
wall_to_seconds (const Wall *wall)
{
  return days_from_date (wall->year, wall->month, wall->day) * SECONDS_PER_DAY
         + wall->hour * 3600 + wall->minute * 60 + wall->second;
}

static void
wall_from_seconds (gint64 seconds,
                   Wall  *wall)
{
  gint64 days = seconds >= 0 ? seconds / SECONDS_PER_DAY
                             : -((-seconds + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);
  gint64 rest = seconds - days * SECONDS_PER_DAY;

  date_from_days (days, wall);
  wall->hour = (int) (rest / 3600);
  wall->minute = (int) (rest / 60 % 60);
  wall->second = (int) (rest % 60);
}

/* ---- Matching ---------------------------------------------------------- */

static int
next_bit (guint64 mask,
          int     from)
{
  if (from >= 64)
    return -1;
  mask &= ~((G_GUINT64_CONSTANT (1) << from) - 1);
  return mask != 0 ? __builtin_ctzll (mask) : -1;
}

static int
nearest_weekday (int year,
                 int month,
                 int day,
                 int length)
{
  int weekday = weekday_of (year, month, day);

  /* Never crosses into another month: 1st on a Saturday goes to Monday 3rd. */
  if (weekday == 6)
    return day == 1 ? day + 2 : day - 1;
  if (weekday == 0)
    return day == length ? day - 2 : day + 1;
  return day;
}

static gboolean
dom_matches (SyCron *cron,
             int     year,
             int     month,
             int     day,
             int     length)
{
  if (cron->days & (G_GUINT64_CONSTANT (1) << day))
    return TRUE;
  if (cron->days_before_last & (G_GUINT64_CONSTANT (1) << (length - day)))
    return TRUE;
  if (cron->last_weekday && nearest_weekday (year, month, length, length) == day)
    return TRUE;
  if (cron->nearest_weekdays != 0)
    {
      /* The nearest weekday is at most two days away. */
      for (int target = MAX (1, day - 2); target <= MIN (length, day + 2); target++)
        if ((cron->nearest_weekdays & (G_GUINT64_CONSTANT (1) << target))
            && nearest_weekday (year, month, target, length) == day)
          return TRUE;
    }
  return FALSE;
}

static gboolean
dow_matches (SyCron *cron,
             int     weekday,
             int     day,
             int     length)
{
  if (cron->weekdays & (G_GUINT64_CONSTANT (1) << weekday))
    return TRUE;
  if ((cron->last_of_weekday & (G_GUINT64_CONSTANT (1) << weekday)) && day + 7 > length)
    return TRUE;
  return (cron->nth_of_weekday[weekday] & (1 << ((day - 1) / 7 + 1))) != 0;
}

static gboolean
day_matches (SyCron *cron,
             int     year,
             int     month,
             int     day,
             int     length,
             int     weekday)
{
  /* Vixie cron: with both fields restricted, either one is enough. */
  if (cron->dom_restricted && cron->dow_restricted)
    return dom_matches (cron, year, month, day, length)
           || dow_matches (cron, weekday, day, length);
  if (cron->dom_restricted)
    return dom_matches (cron, year, month, day, length);
  if (cron->dow_restricted)
    return dow_matches (cron, weekday, day, length);
  return TRUE;
}

static void
start_of_day (Wall *wall,
              int   day)
{
  wall->day = day;
  wall->hour = wall->minute = wall->second = 0;
}

static void
start_of_month (Wall *wall,
                int   year,
                int   month)
{
  wall->year = year;
  wall->month = month;
  start_of_day (wall, 1);
}

/* Moves @wall to the first matching wall time at or after it, skipping
 * whole months, days, hours and minutes that cannot match. */
static gboolean
next_wall_match (SyCron *cron,
                 Wall   *wall,
                 int     last_year)
{
  while (wall->year <= last_year)
    {
      int month, length, weekday, day, hour, minute, second;

      month = next_bit (cron->months, wall->month);
      if (month < 0)
        {
          start_of_month (wall, wall->year + 1, 1);
          continue;
        }
      if (month != wall->month)
        start_of_month (wall, wall->year, month);

      length = days_in_month (wall->year, wall->month);
      day = -1;
      if (wall->day <= length)
        {
          weekday = weekday_of (wall->year, wall->month, wall->day);
          for (int d = wall->day; d <= length; d++, weekday = (weekday + 1) % 7)
            if (day_matches (cron, wall->year, wall->month, d, length, weekday))
              {
                day = d;
                break;
              }
        }
      if (day < 0)
        {
          if (wall->month == 12)
            start_of_month (wall, wall->year + 1, 1);
          else
            start_of_month (wall, wall->year, wall->month + 1);
          continue;
        }
      if (day != wall->day)
        start_of_day (wall, day);

      hour = next_bit (cron->hours, wall->hour);
      if (hour < 0)
        {
          start_of_day (wall, wall->day + 1);
          continue;
        }
      if (hour != wall->hour)
        {
          wall->hour = hour;
          wall->minute = wall->second = 0;
        }

      minute = next_bit (cron->minutes, wall->minute);
      if (minute < 0)
        {
          wall->hour++;
          wall->minute = wall->second = 0;
          continue;
        }
      if (minute != wall->minute)
        {
          wall->minute = minute;
          wall->second = 0;
        }

      second = next_bit (cron->seconds, wall->second);
      if (second < 0)
        {
          wall->minute++;
          wall->second = 0;
          continue;
        }
      wall->second = second;
      return TRUE;
    }
  return FALSE;
}

/* ---- Time zones -------------------------------------------------------- */

static gint32
offset_at (GTimeZone *tz,
           gint64     instant)
{
  return g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant));
}

/* Turns wall time @local into an instant. Returns FALSE when @local falls in
 * a gap; @instant is then where it lands with the offset from before the
 * change (shifted forward by the gap). A repeated wall time resolves to its
 * first occurrence. */
static gboolean
resolve_wall (GTimeZone *tz,
              gint64     local,
              gint64    *instant)
{
  gint32 early = offset_at (tz, local - SECONDS_PER_DAY);
  gint32 late = offset_at (tz, local + SECONDS_PER_DAY);
  gboolean found = FALSE;

  if (offset_at (tz, local - early) == early)
    {
      *instant = local - early;
      found = TRUE;
    }
  if (late != early && offset_at (tz, local - late) == late)
    {
      if (!found || local - late < *instant)
        *instant = local - late;
      found = TRUE;
    }
  if (found)
    return TRUE;

  /* local - max(offset) lies before the change, so it has the old offset. */
  *instant = local - offset_at (tz, local - MAX (early, late));
  return FALSE;
}

/* The first instant in (@lo, @hi] whose offset differs from @lo's. */
static gint64
find_change (GTimeZone *tz,
             gint64     lo,
             gint64     hi)
{
  gint32 old_offset = offset_at (tz, lo);

  while (hi - lo > 1)
    {
      gint64 middle = lo + (hi - lo) / 2;

      if (offset_at (tz, middle) == old_offset)
        lo = middle;
      else
        hi = middle;
    }
  return hi;
}

/* The first wall time after the gap that @local (inside it) falls in. */
static gint64
gap_end (GTimeZone *tz,
         gint64     local)
{
  gint32 early = offset_at (tz, local - SECONDS_PER_DAY);
  gint32 late = offset_at (tz, local + SECONDS_PER_DAY);
  gint64 change = find_change (tz, local - MAX (early, late), local - MIN (early, late));

  return change + offset_at (tz, change);
}

static GDateTime *
date_time_at (gint64     instant,
              GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);

  return utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
}

GDateTime *
sy_cron_next (SyCron    *cron,
              GDateTime *after)
{
  GTimeZone *tz;
  gint64 after_utc, start, local, instant;
  gint32 offset, day_ago;
  int last_year;
  Wall wall;

  g_return_val_if_fail (cron != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  tz = g_date_time_get_timezone (after);
  after_utc = g_date_time_to_unix (after);

  /* Normally the first wall time to consider is the one just after `after`.
   * Just after a jump forward, start from the wall clock as it read before
   * it, so gap times shifted past `after` are found; in the second pass of a
   * repeated hour, start where the repetition ends, as every wall time
   * before that already fired in the first pass. */
  offset = offset_at (tz, after_utc);
  start = after_utc + offset + 1;
  day_ago = offset_at (tz, after_utc - SECONDS_PER_DAY);
  if (day_ago != offset)
    {
      gint32 change = ABS (offset - day_ago);
      gint32 before = offset_at (tz, after_utc - change);

      if (before < offset)
        start = after_utc + before + 1;
      else if (before > offset)
        start = find_change (tz, after_utc - change, after_utc) + before;
    }

  wall_from_seconds (start, &wall);
  last_year = MIN (wall.year + HORIZON_YEARS, 9999);

  for (;;)
    {
      gint64 gap_instant, from;
      gint32 new_offset;

      if (!next_wall_match (cron, &wall, last_year))
        return NULL;

      local = wall_to_seconds (&wall);
      if (resolve_wall (tz, local, &instant))
        {
          if (instant > after_utc)
            return date_time_at (instant, tz);
          wall_from_seconds (local + 1, &wall);
          continue;
        }
      if (instant <= after_utc)
        {
          wall_from_seconds (local + 1, &wall);
          continue;
        }

      /* A shifted gap time; a real wall time just after the gap can still
       * come first (02:45 shifts to 03:45, but 03:15 may match too). */
      gap_instant = instant;
      new_offset = offset_at (tz, gap_instant);
      from = MAX (gap_end (tz, local), after_utc + new_offset + 1);
      wall_from_seconds (from, &wall);
      if (next_wall_match (cron, &wall, last_year)
          && resolve_wall (tz, wall_to_seconds (&wall), &instant)
          && instant > after_utc && instant < gap_instant)
        return date_time_at (instant, tz);
      return date_time_at (gap_instant, tz);
    }
}

GPtrArray *
sy_cron_next_n (SyCron    *cron,
                GDateTime *after,
                guint      n)
{
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  GDateTime *previous = after;

  g_return_val_if_fail (cron != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      GDateTime *next = sy_cron_next (cron, previous);

      if (next == NULL)
        break;
      g_ptr_array_add (times, next);
      previous = next;
    }
  return g_steal_pointer (&times);
}

/* ---- Description -------------------------------------------------------- */

static const char *const weekday_names[] = {
  N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"),
  N_("Thursday"), N_("Friday"), N_("Saturday"),
};

static const char *const month_names[] = {
  N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
  N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
};

static const char *const occurrence_names[] = {
  NULL, N_("first"), N_("second"), N_("third"), N_("fourth"), N_("fifth"),
};

static int
count_bits (guint64 mask)
{
  return __builtin_popcountll (mask);
}

static int
single_bit (guint64 mask)
{
  return count_bits (mask) == 1 ? __builtin_ctzll (mask) : -1;
}

static guint64
range_mask (int lo,
            int hi)
{
  guint64 mask = 0;

  for (int v = lo; v <= hi; v++)
    mask |= G_GUINT64_CONSTANT (1) << v;
  return mask;
}

/* The step of a mask that is exactly 0, k, 2k, … with k dividing @span, so
 * “every k” stays true across the wrap. */
static int
even_step (guint64 mask,
           int     span)
{
  for (int step = 2; step < span; step++)
    {
      guint64 expected = 0;

      if (span % step != 0)
        continue;
      for (int v = 0; v < span; v += step)
        expected |= G_GUINT64_CONSTANT (1) << v;
      if (mask == expected)
        return step;
    }
  return 0;
}

/* “a”, “a and b”, “a, b and c” */
static char *
join_phrases (GPtrArray *parts)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append (text, i + 1 == parts->len ? _(" and ") : _(", "));
      g_string_append (text, g_ptr_array_index (parts, i));
    }
  return g_string_free (text, FALSE);
}

/* Numbers with runs of three or more as ranges: “1–5, 10 and 12”. */
static char *
describe_numbers (guint64 mask,
                  int     max)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (int v = 0; v <= max; v++)
    {
      int end = v;

      if (!(mask & (G_GUINT64_CONSTANT (1) << v)))
        continue;
      while (end + 1 <= max && (mask & (G_GUINT64_CONSTANT (1) << (end + 1))))
        end++;
      if (end - v >= 2)
        g_ptr_array_add (parts, g_strdup_printf ("%d–%d", v, end));
      else
        for (int w = v; w <= end; w++)
          g_ptr_array_add (parts, g_strdup_printf ("%d", w));
      v = end;
    }
  return join_phrases (parts);
}

static char *
ordinal (int n)
{
  const char *suffix = "th";

  if (n % 100 < 11 || n % 100 > 13)
    {
      if (n % 10 == 1)
        suffix = "st";
      else if (n % 10 == 2)
        suffix = "nd";
      else if (n % 10 == 3)
        suffix = "rd";
    }
  /* TRANSLATORS: an ordinal day of the month, e.g. “1st”, “22nd” */
  return g_strdup_printf (C_("ordinal", "%d%s"), n, suffix);
}

static char *
clock_time (int hour,
            int minute,
            int second)
{
  if (second != 0)
    return g_strdup_printf ("%02d:%02d:%02d", hour, minute, second);
  return g_strdup_printf ("%02d:%02d", hour, minute);
}

/* The time-of-day part. *@is_every says it reads as “every …”, which takes
 * the day part after it rather than “every day” in front. */
static char *
describe_time (SyCron   *cron,
               gboolean *is_every)
{
  guint64 all_60 = range_mask (0, 59);
  guint64 all_24 = range_mask (0, 23);
  int second = single_bit (cron->seconds);
  int minute = single_bit (cron->minutes);
  int step;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  *is_every = TRUE;
  if (cron->hours == all_24 && cron->minutes == all_60)
    {
      if (cron->seconds == all_60)
        return g_strdup (_("every second"));
      if ((step = even_step (cron->seconds, 60)) != 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "every %d second", "every %d seconds", step), step);
    }
  if (second == 0 && cron->hours == all_24)
    {
      if (cron->minutes == all_60)
        return g_strdup (_("every minute"));
      if ((step = even_step (cron->minutes, 60)) != 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "every %d minute", "every %d minutes", step), step);
      if (minute == 0)
        return g_strdup (_("every hour"));
      if (minute > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "at %d minute past every hour",
                                             "at %d minutes past every hour", minute),
                                minute);
    }
  if (second == 0 && minute == 0 && (step = even_step (cron->hours, 24)) != 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "every %d hour", "every %d hours", step), step);

  *is_every = FALSE;
  if (second >= 0 && minute >= 0 && count_bits (cron->hours) <= 4)
    {
      for (int h = 0; h < 24; h++)
        if (cron->hours & (G_GUINT64_CONSTANT (1) << h))
          g_ptr_array_add (parts, clock_time (h, minute, second));
      joined = join_phrases (parts);
      return g_strdup_printf (_("at %s"), joined);
    }

  /* Generic: “at second 10 of minutes 0–4 of every hour”. */
  if (cron->seconds != 1)
    {
      g_autofree char *list = describe_numbers (cron->seconds, 59);
      g_ptr_array_add (parts, cron->seconds == all_60
                              ? g_strdup (_("every second"))
                              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "second %s", "seconds %s",
                                                              count_bits (cron->seconds)), list));
    }
  {
    g_autofree char *list = describe_numbers (cron->minutes, 59);
    g_ptr_array_add (parts, cron->minutes == all_60
                            ? g_strdup (_("every minute"))
                            : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "minute %s", "minutes %s",
                                                            count_bits (cron->minutes)), list));
  }
  {
    g_autofree char *list = describe_numbers (cron->hours, 23);
    g_ptr_array_add (parts, cron->hours == all_24
                            ? g_strdup (_("every hour"))
                            : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "hour %s", "hours %s",
                                                            count_bits (cron->hours)), list));
  }
  g_ptr_array_add (parts, NULL);
  *is_every = cron->hours == all_24; /* “… of every hour” needs no “every day” */
  joined = g_strjoinv (_(" of "), (char **) parts->pdata);
  return g_strdup_printf (_("at %s"), joined);
}

/* “January and July”, or NULL for every month */
static char *
describe_months (SyCron *cron)
{
  g_autoptr(GPtrArray) parts = NULL;

  if (cron->months == ALL_MONTHS)
    return NULL;
  parts = g_ptr_array_new ();
  for (int m = 1; m <= 12; m++)
    if (cron->months & (G_GUINT64_CONSTANT (1) << m))
      g_ptr_array_add (parts, (char *) _(month_names[m - 1]));
  return join_phrases (parts);
}

/* “the 1st and 15th”, “the last day”, … (without “of every month”) */
static char *
describe_dom (SyCron *cron)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  int plain = count_bits (cron->days);

  if (plain > 0 && plain <= 5)
    {
      g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *joined = NULL;

      for (int d = 1; d <= 31; d++)
        if (cron->days & (G_GUINT64_CONSTANT (1) << d))
          g_ptr_array_add (days, ordinal (d));
      joined = join_phrases (days);
      g_ptr_array_add (parts, g_strdup_printf (_("the %s"), joined));
    }
  else if (plain > 5)
    {
      g_autofree char *list = describe_numbers (cron->days, 31);
      g_ptr_array_add (parts, g_strdup_printf (_("days %s"), list));
    }

  for (int n = 0; n <= 30; n++)
    if (cron->days_before_last & (G_GUINT64_CONSTANT (1) << n))
      g_ptr_array_add (parts, n == 0
                              ? g_strdup (_("the last day"))
                              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%d day before the last day",
                                                              "%d days before the last day", n),
                                                 n));
  for (int d = 1; d <= 31; d++)
    if (cron->nearest_weekdays & (G_GUINT64_CONSTANT (1) << d))
      {
        g_autofree char *day = ordinal (d);
        g_ptr_array_add (parts, g_strdup_printf (_("the weekday nearest the %s"), day));
      }
  if (cron->last_weekday)
    g_ptr_array_add (parts, g_strdup (_("the last weekday")));

  return join_phrases (parts);
}

/* “Monday and Friday”, “the second Monday”; *@per_month says some part is
 * relative to the month (“… of every month”). */
static char *
describe_dow (SyCron   *cron,
              gboolean *per_month)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  *per_month = FALSE;
  for (int w = 0; w < 7; w++)
    if (cron->weekdays & (G_GUINT64_CONSTANT (1) << w))
      g_ptr_array_add (parts, g_strdup (_(weekday_names[w])));
  for (int w = 0; w < 7; w++)
    {
      for (int k = 1; k <= 5; k++)
        if (cron->nth_of_weekday[w] & (1 << k))
          {
            /* TRANSLATORS: “the second Monday” */
            g_ptr_array_add (parts, g_strdup_printf (_("the %s %s"),
                                                     _(occurrence_names[k]), _(weekday_names[w])));
            *per_month = TRUE;
          }
      if (cron->last_of_weekday & (G_GUINT64_CONSTANT (1) << w))
        {
          g_ptr_array_add (parts, g_strdup_printf (_("the last %s"), _(weekday_names[w])));
          *per_month = TRUE;
        }
    }
  return join_phrases (parts);
}

/* “of every month” / “of January” */
static char *
of_months (const char *months)
{
  return months != NULL ? g_strdup_printf (_("of %s"), months) : g_strdup (_("of every month"));
}

char *
sy_cron_describe (SyCron *cron)
{
  g_autofree char *time = NULL;
  g_autofree char *months = NULL;
  g_autofree char *days = NULL;
  gboolean is_every;
  gboolean workweek;

  g_return_val_if_fail (cron != NULL, NULL);

  time = describe_time (cron, &is_every);
  months = describe_months (cron);
  workweek = !cron->dom_restricted && cron->weekdays == range_mask (1, 5)
             && cron->last_of_weekday == 0;
  for (int w = 0; w < 7; w++)
    if (cron->nth_of_weekday[w] != 0)
      workweek = FALSE;

  if (!cron->dom_restricted && !cron->dow_restricted)
    {
      if (months == NULL)
        return is_every ? g_steal_pointer (&time) : g_strdup_printf (_("every day %s"), time);
      return is_every ? g_strdup_printf (_("%s in %s"), time, months)
                      : g_strdup_printf (_("%s every day in %s"), time, months);
    }

  if (workweek)
    {
      if (months == NULL)
        return is_every ? g_strdup_printf (_("%s on weekdays"), time)
                        : g_strdup_printf (_("every weekday %s"), time);
      return g_strdup_printf (_("%s on weekdays in %s"), time, months);
    }

  if (cron->dom_restricted)
    {
      g_autofree char *dom = describe_dom (cron);
      g_autofree char *of = of_months (months);

      days = g_strdup_printf (_("on %s %s"), dom, of);
    }
  if (cron->dow_restricted)
    {
      gboolean per_month;
      g_autofree char *dow = describe_dow (cron, &per_month);
      g_autofree char *phrase = NULL;

      if (per_month)
        {
          g_autofree char *of = of_months (months);
          phrase = g_strdup_printf (_("on %s %s"), dow, of);
        }
      else if (months != NULL)
        phrase = g_strdup_printf (_("on %s in %s"), dow, months);
      else
        phrase = g_strdup_printf (_("on %s"), dow);

      if (days != NULL)
        {
          g_autofree char *either = g_strdup_printf (_("%s or %s"), days, phrase);
          g_free (days);
          days = g_steal_pointer (&either);
        }
      else
        days = g_steal_pointer (&phrase);
    }

  return g_strdup_printf (_("%s %s"), time, days);
}
