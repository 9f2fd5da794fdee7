/* sy-node-date-calculation.c — a pipeline of date steps
 *
 * The value starts as `input` (a date, or a number with inputType number;
 * now when absent) and goes through `steps` in order. Dates keep their
 * time zone, so adding a day across a DST change keeps the wall-clock time
 * (as dayjs does); a date-valued result is RFC 3339 with the zone's offset.
 * Step arguments are an object with named members (documented per
 * function below) or a list in the same order.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"

static const char * const input_types[] = { "date", "number", NULL };
static const char * const input_type_labels[] = { N_("Date"), N_("Number"), NULL };

static const SyFieldSpec fields[] = {
  { "input", N_("Input"), SY_FIELD_TEXT,
    N_("A date (RFC 3339 / ISO 8601, or a timestamp in ms) or a variable; empty means now."),
    NULL, NULL, NULL, NULL, FALSE, TRUE, NULL },
  { "inputType", N_("Input type"), SY_FIELD_CHOICE,
    N_("Number: the input is a plain number (e.g. for fromTimestamp)."),
    NULL, input_types, input_type_labels, "\"date\"", FALSE, FALSE, NULL },
  { "steps", N_("Steps"), SY_FIELD_JSON,
    N_("A list of {function, arguments}, applied in order. "
       "add / subtract {amount, unit}; diff {date, unit, absolute, rounding: floor (default), ceil, round (halves away from zero) or none}; "
       "get {unit}; startOf / endOf {unit} (week starts on Monday); isLeapYear; "
       "format {format}; toTimestamp {unit: s|ms}; fromTimestamp {unit: s|ms}; "
       "changeTimezone {timezone} (an IANA name such as Europe/Berlin). "
       "Units: year, quarter, month, week, day, hour, minute, second, millisecond "
       "(get also weekday 1–7 from Monday, and dayOfYear). "
       "Format tokens: YYYY YY M MM MMM MMMM (Jan January) D DD d (weekday 0–6 from Sunday) "
       "ddd dddd (Mon Monday) H HH h hh m mm s ss SSS A a Z (+02:00) ZZ (+0200) X (seconds) "
       "x (ms); text in [brackets] is kept as is."),
    "json", NULL, NULL, "[]", FALSE, TRUE, NULL },
  { NULL },
};

/* ── Values ───────────────────────────────────────────────────────────── */

typedef enum { VALUE_DATE, VALUE_NUMBER, VALUE_STRING, VALUE_BOOLEAN } ValueKind;

typedef struct
{
  ValueKind  kind;
  GDateTime *date;
  double     number;
  char      *string;
  gboolean   boolean;
} Value;

static void
value_clear (Value *value)
{
  g_clear_pointer (&value->date, g_date_time_unref);
  g_clear_pointer (&value->string, g_free);
}

static void
value_set_date (Value     *value,
                GDateTime *date) /* transfer full */
{
  value_clear (value);
  value->kind = VALUE_DATE;
  value->date = date;
}

static void
value_set_number (Value  *value,
                  double  number)
{
  value_clear (value);
  value->kind = VALUE_NUMBER;
  value->number = number;
}

/* ISO 8601 with or without offset (local time without), or a date alone. */
static GDateTime *
parse_date_text (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *with_time = NULL;
  GDateTime *date;

  if (text == NULL)
    return NULL;

  date = g_date_time_new_from_iso8601 (text, local);
  if (date != NULL)
    return date;

  /* "2024-02-29" and "2024-02-29 10:00" are common too. */
  if (strlen (text) == 10)
    with_time = g_strconcat (text, "T00:00:00", NULL);
  else if (strlen (text) > 10 && text[10] == ' ')
    {
      with_time = g_strdup (text);
      with_time[10] = 'T';
    }
  if (with_time != NULL && strlen (with_time) == 16)
    {
      char *longer = g_strconcat (with_time, ":00", NULL);

      g_free (with_time);
      with_time = longer;
    }

  return with_time != NULL ? g_date_time_new_from_iso8601 (with_time, local) : NULL;
}

static GDateTime *
date_from_ms (double ms)
{
  g_autoptr(GDateTime) epoch = NULL;

  if (!isfinite (ms) || fabs (ms) > 8.64e15)
    return NULL;

  epoch = g_date_time_new_from_unix_local (0);
  return g_date_time_add (epoch, (GTimeSpan) llround (ms * 1000));
}

/* A date from JSON: date text, or a number of ms since the epoch. */
static GDateTime *
json_to_date (JsonNode *node)
{
  double number;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      GDateTime *date = parse_date_text (json_node_get_string (node));

      if (date != NULL)
        return date;
    }

  return sy_json_node_get_number (node, &number) ? date_from_ms (number) : NULL;
}

static char *
json_shown (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("null");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

/* RFC 3339 with milliseconds and the date's own offset ("Z" for UTC). */
static char *
format_rfc3339 (GDateTime *date)
{
  GTimeSpan offset = g_date_time_get_utc_offset (date);
  g_autofree char *base = g_date_time_format (date, "%Y-%m-%dT%H:%M:%S");
  gint64 minutes = ABS (offset) / G_TIME_SPAN_MINUTE;

  if (offset == 0)
    return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (date) / 1000);

  return g_strdup_printf ("%s.%03d%c%02d:%02d", base, g_date_time_get_microsecond (date) / 1000,
                          offset < 0 ? '-' : '+', (int) (minutes / 60), (int) (minutes % 60));
}

/* ── Units ─────────────────────────────────────────────────────────────── */

typedef enum
{
  UNIT_YEAR, UNIT_QUARTER, UNIT_MONTH, UNIT_WEEK, UNIT_DAY, UNIT_HOUR, UNIT_MINUTE,
  UNIT_SECOND, UNIT_MILLISECOND, UNIT_WEEKDAY, UNIT_DAY_OF_YEAR, N_UNITS
} Unit;

static const char * const unit_names[] = {
  "year", "quarter", "month", "week", "day", "hour", "minute", "second", "millisecond",
  "weekday", "dayOfYear", NULL
};

static gboolean
parse_unit (const char *name,
            Unit       *unit)
{
  g_autofree char *singular = NULL;
  gsize length;

  if (name == NULL)
    return FALSE;

  /* "days" and "day" both work, as in dayjs. */
  length = strlen (name);
  singular = length > 1 && name[length - 1] == 's' ? g_strndup (name, length - 1) : g_strdup (name);
  for (guint i = 0; unit_names[i] != NULL; i++)
    if (g_str_equal (name, unit_names[i]) || g_str_equal (singular, unit_names[i]))
      {
        *unit = (Unit) i;
        return TRUE;
      }

  return FALSE;
}

/* ── Steps ─────────────────────────────────────────────────────────────── */

typedef struct
{
  guint       index;      /* 1-based, as people count */
  const char *function;
  JsonNode   *arguments;
  GError    **error;
} Step;

G_GNUC_PRINTF (2, 3)
static gboolean
step_fail (Step       *step,
           const char *format,
           ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (step->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("step %u (%s): %s"), step->index, step->function, reason);
  return FALSE;
}

/* Argument `name`, or the `position`th element of a list of arguments. */
static JsonNode *
argument (Step       *step,
          const char *name,
          guint       position)
{
  if (step->arguments == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (step->arguments))
    return json_object_get_member (json_node_get_object (step->arguments), name);
  if (JSON_NODE_HOLDS_ARRAY (step->arguments) &&
      position < json_array_get_length (json_node_get_array (step->arguments)))
    return json_array_get_element (json_node_get_array (step->arguments), position);
  return NULL;
}

static const char *
string_argument (Step       *step,
                 const char *name,
                 guint       position,
                 const char *fallback)
{
  JsonNode *node = argument (step, name, position);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

static gboolean
unit_argument (Step       *step,
               guint       position,
               const char *fallback,
               Unit        last_allowed,
               Unit       *unit)
{
  const char *name = string_argument (step, "unit", position, fallback);

  if (name == NULL)
    return step_fail (step, _("a unit is required"));
  if (!parse_unit (name, unit) || *unit > last_allowed)
    return step_fail (step, _("“%s” is not a unit here"), name);
  return TRUE;
}

/* The value as a date; text is parsed. */
static gboolean
need_date (Step  *step,
           Value *value)
{
  GDateTime *date;

  if (value->kind == VALUE_DATE)
    return TRUE;

  if (value->kind == VALUE_STRING && (date = parse_date_text (value->string)) != NULL)
    {
      value_set_date (value, date);
      return TRUE;
    }

  if (value->kind == VALUE_STRING)
    return step_fail (step, _("“%s” is not a date"), value->string);
  return step_fail (step, _("the value is a %s, not a date"),
                    value->kind == VALUE_NUMBER ? _("number") : _("boolean"));
}

static GDateTime *
add_amount (GDateTime *date,
            Unit       unit,
            double     amount)
{
  gint64 whole = (gint64) amount;

  switch (unit)
    {
    case UNIT_YEAR:
      return g_date_time_add_months (date, (gint) (whole * 12));
    case UNIT_QUARTER:
      return g_date_time_add_months (date, (gint) (whole * 3));
    case UNIT_MONTH:
      return g_date_time_add_months (date, (gint) whole);
    case UNIT_WEEK:
      return g_date_time_add_days (date, (gint) (whole * 7));
    case UNIT_DAY:
      return g_date_time_add_days (date, (gint) whole);
    case UNIT_HOUR:
      return g_date_time_add (date, (GTimeSpan) llround (amount * G_TIME_SPAN_HOUR));
    case UNIT_MINUTE:
      return g_date_time_add (date, (GTimeSpan) llround (amount * G_TIME_SPAN_MINUTE));
    case UNIT_SECOND:
      return g_date_time_add (date, (GTimeSpan) llround (amount * G_TIME_SPAN_SECOND));
    case UNIT_MILLISECOND:
    default:
      return g_date_time_add (date, (GTimeSpan) llround (amount * G_TIME_SPAN_MILLISECOND));
    }
}

static gboolean
step_add (Step  *step,
          Value *value,
          int    sign)
{
  JsonNode *amount_node = argument (step, "amount", 0);
  g_autofree char *shown = NULL;
  GDateTime *result;
  double amount;
  Unit unit;

  if (!need_date (step, value) || !unit_argument (step, 1, NULL, UNIT_MILLISECOND, &unit))
    return FALSE;
  if (!sy_json_node_get_number (amount_node, &amount) || !isfinite (amount))
    {
      shown = json_shown (amount_node);
      return step_fail (step, _("the amount “%s” is not a number"), shown);
    }
  if (unit <= UNIT_DAY && amount != floor (amount))
    return step_fail (step, _("whole numbers of %ss only"), unit_names[unit]);

  result = add_amount (value->date, unit, sign * amount);
  if (result == NULL)
    return step_fail (step, _("the date would be out of range"));
  value_set_date (value, result);
  return TRUE;
}

/* Whole and fractional months from `b` to `a` (dayjs' monthDiff). */
static double
month_diff (GDateTime *a,
            GDateTime *b)
{
  int whole = (g_date_time_get_year (a) - g_date_time_get_year (b)) * 12 +
              (g_date_time_get_month (a) - g_date_time_get_month (b));
  g_autoptr(GDateTime) anchor = g_date_time_add_months (b, whole);
  GTimeSpan past = g_date_time_difference (a, anchor);
  g_autoptr(GDateTime) other = g_date_time_add_months (b, whole + (past < 0 ? -1 : 1));
  GTimeSpan span = past < 0 ? g_date_time_difference (anchor, other) : g_date_time_difference (other, anchor);

  return whole + (span != 0 ? (double) past / (double) span : 0);
}

static double
round_with (double      number,
            const char *rounding)
{
  if (g_str_equal (rounding, "floor"))
    return floor (number);
  if (g_str_equal (rounding, "ceil"))
    return ceil (number);
  if (g_str_equal (rounding, "round"))
    return round (number);
  return number;
}

static gboolean
step_diff (Step  *step,
           Value *value)
{
  static const char * const roundings[] = { "floor", "ceil", "round", "none", NULL };
  JsonNode *other_node = argument (step, "date", 0);
  g_autoptr(GDateTime) other = json_to_date (other_node);
  JsonNode *absolute_node = argument (step, "absolute", 2);
  const char *rounding = string_argument (step, "rounding", 3, "floor");
  gboolean absolute = absolute_node != NULL && JSON_NODE_HOLDS_VALUE (absolute_node) &&
                      json_node_get_value_type (absolute_node) == G_TYPE_BOOLEAN &&
                      json_node_get_boolean (absolute_node);
  double diff;
  Unit unit;

  if (!need_date (step, value) || !unit_argument (step, 1, "day", UNIT_MILLISECOND, &unit))
    return FALSE;
  if (other == NULL)
    {
      g_autofree char *shown = json_shown (other_node);

      return step_fail (step, _("“%s” is not a date"), shown);
    }
  if (!g_strv_contains (roundings, rounding))
    return step_fail (step, _("rounding must be floor, ceil, round or none"));

  switch (unit)
    {
    case UNIT_YEAR:
      diff = month_diff (value->date, other) / 12;
      break;
    case UNIT_QUARTER:
      diff = month_diff (value->date, other) / 3;
      break;
    case UNIT_MONTH:
      diff = month_diff (value->date, other);
      break;
    case UNIT_WEEK:
    case UNIT_DAY:
      {
        /* Calendar days in the value's zone: a DST change does not make a day shorter. */
        g_autoptr(GDateTime) local = g_date_time_to_timezone (other, g_date_time_get_timezone (value->date));
        GTimeSpan span = g_date_time_difference (value->date, local) +
                         g_date_time_get_utc_offset (value->date) - g_date_time_get_utc_offset (local);

        diff = (double) span / (double) (unit == UNIT_WEEK ? 7 * G_TIME_SPAN_DAY : G_TIME_SPAN_DAY);
      }
      break;
    case UNIT_HOUR:
      diff = (double) g_date_time_difference (value->date, other) / G_TIME_SPAN_HOUR;
      break;
    case UNIT_MINUTE:
      diff = (double) g_date_time_difference (value->date, other) / G_TIME_SPAN_MINUTE;
      break;
    case UNIT_SECOND:
      diff = (double) g_date_time_difference (value->date, other) / G_TIME_SPAN_SECOND;
      break;
    case UNIT_MILLISECOND:
    default:
      diff = (double) g_date_time_difference (value->date, other) / G_TIME_SPAN_MILLISECOND;
      break;
    }

  if (absolute)
    diff = fabs (diff);
  value_set_number (value, round_with (diff, rounding));
  return TRUE;
}

static gboolean
step_get (Step  *step,
          Value *value)
{
  GDateTime *date;
  double result;
  Unit unit;

  if (!need_date (step, value) || !unit_argument (step, 0, NULL, UNIT_DAY_OF_YEAR, &unit))
    return FALSE;

  date = value->date;
  switch (unit)
    {
    case UNIT_YEAR: result = g_date_time_get_year (date); break;
    case UNIT_QUARTER: result = (g_date_time_get_month (date) - 1) / 3 + 1; break;
    case UNIT_MONTH: result = g_date_time_get_month (date); break;
    case UNIT_WEEK: result = g_date_time_get_week_of_year (date); break;
    case UNIT_DAY: result = g_date_time_get_day_of_month (date); break;
    case UNIT_HOUR: result = g_date_time_get_hour (date); break;
    case UNIT_MINUTE: result = g_date_time_get_minute (date); break;
    case UNIT_SECOND: result = g_date_time_get_second (date); break;
    case UNIT_MILLISECOND: result = g_date_time_get_microsecond (date) / 1000; break;
    case UNIT_WEEKDAY: result = g_date_time_get_day_of_week (date); break;
    case UNIT_DAY_OF_YEAR:
    default: result = g_date_time_get_day_of_year (date); break;
    }

  value_set_number (value, result);
  return TRUE;
}

static GDateTime *
start_of (GDateTime *date,
          Unit       unit)
{
  GTimeZone *zone = g_date_time_get_timezone (date);
  int year = g_date_time_get_year (date), month = g_date_time_get_month (date);
  int day = g_date_time_get_day_of_month (date);

  switch (unit)
    {
    case UNIT_YEAR:
      return g_date_time_new (zone, year, 1, 1, 0, 0, 0);
    case UNIT_QUARTER:
      return g_date_time_new (zone, year, (month - 1) / 3 * 3 + 1, 1, 0, 0, 0);
    case UNIT_MONTH:
      return g_date_time_new (zone, year, month, 1, 0, 0, 0);
    case UNIT_WEEK:
      {
        g_autoptr(GDateTime) midnight = g_date_time_new (zone, year, month, day, 0, 0, 0);

        /* ISO weeks start on Monday. */
        return g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (date));
      }
    case UNIT_DAY:
      return g_date_time_new (zone, year, month, day, 0, 0, 0);
    case UNIT_HOUR:
      return g_date_time_add (date, -(g_date_time_get_minute (date) * G_TIME_SPAN_MINUTE +
                                      g_date_time_get_seconds (date) * G_TIME_SPAN_SECOND));
    case UNIT_MINUTE:
      return g_date_time_add (date, -(GTimeSpan) (g_date_time_get_seconds (date) * G_TIME_SPAN_SECOND));
    case UNIT_SECOND:
    default:
      return g_date_time_add (date, -(GTimeSpan) g_date_time_get_microsecond (date));
    }
}

static gboolean
step_boundary (Step     *step,
               Value    *value,
               gboolean  end)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) next = NULL;
  Unit unit;

  if (!need_date (step, value) || !unit_argument (step, 0, NULL, UNIT_SECOND, &unit))
    return FALSE;

  start = start_of (value->date, unit);
  if (start == NULL)
    return step_fail (step, _("the date would be out of range"));
  if (!end)
    {
      value_set_date (value, g_steal_pointer (&start));
      return TRUE;
    }

  /* The last millisecond before the next period starts. */
  next = add_amount (start, unit, 1);
  if (next == NULL)
    return step_fail (step, _("the date would be out of range"));
  value_set_date (value, g_date_time_add (next, -G_TIME_SPAN_MILLISECOND));
  return TRUE;
}

static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"
};
static const char * const day_names[] = {
  "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
};

static void
append_offset (GString   *out,
               GDateTime *date,
               gboolean   colon)
{
  GTimeSpan offset = g_date_time_get_utc_offset (date);
  gint64 minutes = ABS (offset) / G_TIME_SPAN_MINUTE;

  g_string_append_printf (out, colon ? "%c%02d:%02d" : "%c%02d%02d", offset < 0 ? '-' : '+',
                          (int) (minutes / 60), (int) (minutes % 60));
}

/* dayjs' tokens, longest first so "MMMM" wins over "MM". */
static char *
format_date (GDateTime  *date,
             const char *pattern)
{
  static const char * const tokens[] = {
    "YYYY", "YY", "MMMM", "MMM", "MM", "M", "DD", "D", "dddd", "ddd", "d", "HH", "H", "hh", "h",
    "mm", "m", "ss", "s", "SSS", "A", "a", "ZZ", "Z", "X", "x", NULL
  };
  GString *out = g_string_new (NULL);
  int hour12 = g_date_time_get_hour (date) % 12 == 0 ? 12 : g_date_time_get_hour (date) % 12;
  int weekday = g_date_time_get_day_of_week (date) % 7;
  const char *p = pattern;

  while (*p != '\0')
    {
      const char *token = NULL;

      if (*p == '[')
        {
          const char *close = strchr (p, ']');

          if (close != NULL)
            {
              g_string_append_len (out, p + 1, close - p - 1);
              p = close + 1;
              continue;
            }
        }

      for (guint i = 0; tokens[i] != NULL && token == NULL; i++)
        if (g_str_has_prefix (p, tokens[i]))
          token = tokens[i];

      if (token == NULL)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      if (g_str_equal (token, "YYYY"))
        g_string_append_printf (out, "%04d", g_date_time_get_year (date));
      else if (g_str_equal (token, "YY"))
        g_string_append_printf (out, "%02d", g_date_time_get_year (date) % 100);
      else if (g_str_equal (token, "MMMM"))
        g_string_append (out, month_names[g_date_time_get_month (date) - 1]);
      else if (g_str_equal (token, "MMM"))
        g_string_append_len (out, month_names[g_date_time_get_month (date) - 1], 3);
      else if (g_str_equal (token, "MM"))
        g_string_append_printf (out, "%02d", g_date_time_get_month (date));
      else if (g_str_equal (token, "M"))
        g_string_append_printf (out, "%d", g_date_time_get_month (date));
      else if (g_str_equal (token, "DD"))
        g_string_append_printf (out, "%02d", g_date_time_get_day_of_month (date));
      else if (g_str_equal (token, "D"))
        g_string_append_printf (out, "%d", g_date_time_get_day_of_month (date));
      else if (g_str_equal (token, "dddd"))
        g_string_append (out, day_names[weekday]);
      else if (g_str_equal (token, "ddd"))
        g_string_append_len (out, day_names[weekday], 3);
      else if (g_str_equal (token, "d"))
        g_string_append_printf (out, "%d", weekday);
      else if (g_str_equal (token, "HH"))
        g_string_append_printf (out, "%02d", g_date_time_get_hour (date));
      else if (g_str_equal (token, "H"))
        g_string_append_printf (out, "%d", g_date_time_get_hour (date));
      else if (g_str_equal (token, "hh"))
        g_string_append_printf (out, "%02d", hour12);
      else if (g_str_equal (token, "h"))
        g_string_append_printf (out, "%d", hour12);
      else if (g_str_equal (token, "mm"))
        g_string_append_printf (out, "%02d", g_date_time_get_minute (date));
      else if (g_str_equal (token, "m"))
        g_string_append_printf (out, "%d", g_date_time_get_minute (date));
      else if (g_str_equal (token, "ss"))
        g_string_append_printf (out, "%02d", g_date_time_get_second (date));
      else if (g_str_equal (token, "s"))
        g_string_append_printf (out, "%d", g_date_time_get_second (date));
      else if (g_str_equal (token, "SSS"))
        g_string_append_printf (out, "%03d", g_date_time_get_microsecond (date) / 1000);
      else if (g_str_equal (token, "A"))
        g_string_append (out, g_date_time_get_hour (date) < 12 ? "AM" : "PM");
      else if (g_str_equal (token, "a"))
        g_string_append (out, g_date_time_get_hour (date) < 12 ? "am" : "pm");
      else if (g_str_equal (token, "ZZ"))
        append_offset (out, date, FALSE);
      else if (g_str_equal (token, "Z"))
        append_offset (out, date, TRUE);
      else if (g_str_equal (token, "X"))
        g_string_append_printf (out, "%" G_GINT64_FORMAT, g_date_time_to_unix (date));
      else if (g_str_equal (token, "x"))
        g_string_append_printf (out, "%" G_GINT64_FORMAT,
                                g_date_time_to_unix (date) * 1000 + g_date_time_get_microsecond (date) / 1000);

      p += strlen (token);
    }

  return g_string_free (out, FALSE);
}

static gboolean
timestamp_unit (Step     *step,
                gboolean *seconds)
{
  const char *unit = string_argument (step, "unit", 0, "ms");

  if (!g_str_equal (unit, "s") && !g_str_equal (unit, "ms"))
    return step_fail (step, _("the unit must be s or ms, not “%s”"), unit);
  *seconds = g_str_equal (unit, "s");
  return TRUE;
}

static gboolean
run_step (Step  *step,
          Value *value)
{
  const char *f = step->function;

  if (g_str_equal (f, "add"))
    return step_add (step, value, 1);
  if (g_str_equal (f, "subtract"))
    return step_add (step, value, -1);
  if (g_str_equal (f, "diff"))
    return step_diff (step, value);
  if (g_str_equal (f, "get"))
    return step_get (step, value);
  if (g_str_equal (f, "startOf") || g_str_equal (f, "startOfTime"))
    return step_boundary (step, value, FALSE);
  if (g_str_equal (f, "endOf") || g_str_equal (f, "endOfTime"))
    return step_boundary (step, value, TRUE);

  if (g_str_equal (f, "isLeapYear"))
    {
      gboolean leap;

      if (!need_date (step, value))
        return FALSE;
      leap = g_date_is_leap_year ((GDateYear) g_date_time_get_year (value->date));
      value_clear (value);
      value->kind = VALUE_BOOLEAN;
      value->boolean = leap;
      return TRUE;
    }

  if (g_str_equal (f, "format"))
    {
      const char *pattern = string_argument (step, "format", 0, "YYYY-MM-DDTHH:mm:ssZ");
      char *text;

      if (!need_date (step, value))
        return FALSE;
      text = format_date (value->date, pattern);
      value_clear (value);
      value->kind = VALUE_STRING;
      value->string = text;
      return TRUE;
    }

  if (g_str_equal (f, "toTimestamp"))
    {
      gboolean seconds;
      gint64 ms;

      if (!need_date (step, value) || !timestamp_unit (step, &seconds))
        return FALSE;
      ms = g_date_time_to_unix (value->date) * 1000 + g_date_time_get_microsecond (value->date) / 1000;
      value_set_number (value, seconds ? (double) (ms / 1000) : (double) ms);
      return TRUE;
    }

  if (g_str_equal (f, "fromTimestamp") || g_str_equal (f, "tsToDate"))
    {
      gboolean seconds;
      GDateTime *date;
      double number;

      if (!timestamp_unit (step, &seconds))
        return FALSE;
      if (value->kind == VALUE_STRING)
        {
          char *end = NULL;

          number = g_ascii_strtod (value->string, &end);
          if (end == value->string || *end != '\0')
            return step_fail (step, _("“%s” is not a number"), value->string);
        }
      else if (value->kind == VALUE_NUMBER)
        number = value->number;
      else
        return step_fail (step, _("the value is not a number"));

      date = date_from_ms (seconds ? number * 1000 : number);
      if (date == NULL)
        return step_fail (step, _("the timestamp is out of range"));
      value_set_date (value, date);
      return TRUE;
    }

  if (g_str_equal (f, "changeTimezone"))
    {
      const char *name = string_argument (step, "timezone", 0, NULL);
      g_autoptr(GTimeZone) zone = NULL;

      if (!need_date (step, value))
        return FALSE;
      if (name == NULL || name[0] == '\0')
        return step_fail (step, _("a time zone is required"));
      zone = g_time_zone_new_identifier (name);
      if (zone == NULL)
        return step_fail (step, _("“%s” is not a known time zone"), name);
      value_set_date (value, g_date_time_to_timezone (value->date, zone));
      return TRUE;
    }

  return step_fail (step, _("unknown function"));
}

static const char * const functions[] = {
  "add", "subtract", "diff", "get", "startOf", "endOf", "startOfTime", "endOfTime", "isLeapYear",
  "format", "toTimestamp", "fromTimestamp", "tsToDate", "changeTimezone", NULL
};

/* ── The node ─────────────────────────────────────────────────────────── */

static void
date_calculation_validate (SyNode       *node,
                           SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);
  JsonNode *steps = json_object_get_member (config, "steps");

  sy_validation_push (validation, "config");
  sy_check_choice (config, "inputType", input_types, "date", validation);

  if (steps != NULL && !JSON_NODE_HOLDS_NULL (steps) && !JSON_NODE_HOLDS_ARRAY (steps))
    sy_validation_add (validation, "steps", _("must be a list of {function, arguments}"));
  else if (steps != NULL && JSON_NODE_HOLDS_ARRAY (steps))
    {
      JsonArray *array = json_node_get_array (steps);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *function = JSON_NODE_HOLDS_OBJECT (element)
                                 ? sy_object_get_string (json_node_get_object (element), "function", NULL)
                                 : NULL;
          g_autofree char *member = g_strdup_printf ("steps[%u].function", i);

          if (function == NULL)
            sy_validation_add (validation, member, _("a function is required"));
          else if (!g_strv_contains (functions, function))
            {
              g_autofree char *known = g_strjoinv (", ", (char **) functions);

              sy_validation_add (validation, member, _("“%s” is not one of %s"), function, known);
            }
        }
    }

  sy_validation_pop (validation);
}

static JsonNode *
value_to_json (Value *value)
{
  switch (value->kind)
    {
    case VALUE_DATE:
      {
        g_autofree char *text = format_rfc3339 (value->date);

        return json_node_init_string (json_node_alloc (), text);
      }
    case VALUE_NUMBER:
      {
        /* 9 decimals and whole numbers as integers, like calculation results. */
        g_autoptr(JsonNode) number = json_node_init_double (json_node_alloc (), value->number);

        return sy_value_round_numbers (number);
      }
    case VALUE_STRING:
      return json_node_init_string (json_node_alloc (), value->string);
    case VALUE_BOOLEAN:
    default:
      return json_node_init_boolean (json_node_alloc (), value->boolean);
    }
}

static SyStep
date_calculation_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  JsonNode *input, *steps;
  g_autoptr(JsonNode) result = NULL;
  Value value = { VALUE_DATE, NULL, 0, NULL, FALSE };

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  input = json_object_get_member (config, "input");
  if (input == NULL || JSON_NODE_HOLDS_NULL (input) ||
      (JSON_NODE_HOLDS_VALUE (input) && json_node_get_value_type (input) == G_TYPE_STRING &&
       json_node_get_string (input)[0] == '\0'))
    value_set_date (&value, g_date_time_new_now_local ());
  else if (g_str_equal (sy_run_get_string (run, "inputType", "date"), "number"))
    {
      double number;

      if (!sy_json_node_get_number (input, &number))
        {
          g_autofree char *shown = json_shown (input);

          return sy_run_error (run, _("input: “%s” is not a number"), shown);
        }
      value_set_number (&value, number);
    }
  else
    {
      GDateTime *date = json_to_date (input);

      if (date == NULL)
        {
          g_autofree char *shown = json_shown (input);

          return sy_run_error (run, _("input: “%s” is not a date"), shown);
        }
      value_set_date (&value, date);
    }

  steps = json_object_get_member (config, "steps");
  if (steps != NULL && !JSON_NODE_HOLDS_NULL (steps) && !JSON_NODE_HOLDS_ARRAY (steps))
    {
      value_clear (&value);
      return sy_run_error (run, _("steps must be a list of {function, arguments}"));
    }

  for (guint i = 0; steps != NULL && JSON_NODE_HOLDS_ARRAY (steps) &&
                    i < json_array_get_length (json_node_get_array (steps)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (steps), i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      Step step = { i + 1, sy_object_get_string (object, "function", "?"),
                    object ? json_object_get_member (object, "arguments") : NULL, &error };

      if (!run_step (&step, &value))
        {
          value_clear (&value);
          return sy_run_error_from_gerror (run, error);
        }
    }

  result = value_to_json (&value);
  value_clear (&value);

  return sy_run_resolve (run, g_steal_pointer (&result));
}

static const SyNodeKind kind = {
  .type = "date-calculation",
  .title = N_("Date calculation"),
  .description = N_("Add to dates, compare, round and format them"),
  .category = "calculation",
  .icon_name = "x-office-calendar-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = date_calculation_validate,
  .run = date_calculation_run,
};

const SyNodeKind *
sy_node_date_calculation_get_kind (void)
{
  return &kind;
}
