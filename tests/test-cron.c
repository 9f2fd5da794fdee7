/* test-cron.c — cron parsing, next-fire times, DST handling and descriptions */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "sy-cron.h"

/* ---- Helpers ------------------------------------------------------------ */

static GTimeZone *
zone (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier);

  g_assert_nonnull (tz); /* the system tz database must have it */
  return tz;
}

static GDateTime *
at (const char *tz_id,
    const char *iso)
{
  g_autoptr(GTimeZone) tz = zone (tz_id);
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (iso, tz);

  g_assert_nonnull (parsed);
  return g_date_time_to_timezone (parsed, tz);
}

/* Expected times without an offset compare as wall-clock times only. */
static void
assert_time (GDateTime  *actual,
             const char *expected,
             const char *context)
{
  g_autofree char *text = NULL;

  if (actual == NULL)
    g_error ("%s: got no fire time, expected %s", context, expected);
  text = g_date_time_format (actual, strlen (expected) > 19 ? "%Y-%m-%dT%H:%M:%S%:z" : "%Y-%m-%dT%H:%M:%S");
  if (g_strcmp0 (text, expected) != 0)
    g_error ("%s: got %s, expected %s", context, text, expected);
}

static SyCron *
parse_ok (const char *expression)
{
  g_autoptr(GError) error = NULL;
  SyCron *cron = sy_cron_parse (expression, &error);

  if (cron == NULL)
    g_error ("“%s” should parse: %s", expression, error->message);
  return cron;
}

/* Checks the first fire times of @expression after @start in @tz_id. */
static void
assert_fires (const char        *expression,
              const char        *tz_id,
              const char        *start,
              const char *const *expected)
{
  g_autoptr(SyCron) cron = parse_ok (expression);
  g_autoptr(GDateTime) after = at (tz_id, start);
  g_autoptr(GPtrArray) times = NULL;
  g_autofree char *context = g_strdup_printf ("“%s” after %s in %s", expression, start, tz_id);
  guint n = 0;

  while (expected[n] != NULL)
    n++;
  times = sy_cron_next_n (cron, after, n);
  g_assert_cmpuint (times->len, ==, n);
  for (guint i = 0; i < n; i++)
    assert_time (g_ptr_array_index (times, i), expected[i], context);
}

#define FIRES(expr, tz, start, ...) \
  assert_fires (expr, tz, start, (const char *const[]) { __VA_ARGS__, NULL })

/* ---- Transcribed vectors -------------------------------------------------
 *
 * Figures from the test suites of croniter (kiorky/croniter,
 * src/croniter/tests/test_croniter.py and test_croniter_dst.py) and
 * cron-parser (harrisiirak/cron-parser, test/expression.js, timezone.js,
 * parser_day_of_month.js). croniter's 6-field form puts seconds last; those
 * are rewritten seconds-first. cron-parser runs without a zone use the
 * machine's; here they are UTC. Expected times without an offset are
 * compared as wall-clock times (the suite did not say which occurrence).
 */

typedef struct
{
  const char *source;
  const char *expression;
  const char *tz;
  const char *start;
  const char *expected[13];
} Vector;

static const Vector vectors[] = {
  /* croniter test_croniter.py */
  { "croniter testSecondSec", "15,25 * * * * *", "UTC", "2012-04-06T13:26:10",
    { "2012-04-06T13:26:15", "2012-04-06T13:26:25", "2012-04-06T13:27:15" } },
  { "croniter testSecond", "* */1 * * * *", "UTC", "2012-04-06T13:26:10",
    { "2012-04-06T13:26:11" } },
  { "croniter testSecondRepeat", "*/15 * * * * *", "UTC", "2012-04-06T13:26:36",
    { "2012-04-06T13:26:45", "2012-04-06T13:27:00", "2012-04-06T13:27:15" } },
  { "croniter testMinute", "*/5 * * * *", "UTC", "2010-01-23T12:18:00",
    { "2010-01-23T12:20:00", "2010-01-23T12:25:00", "2010-01-23T12:30:00", "2010-01-23T12:35:00",
      "2010-01-23T12:40:00", "2010-01-23T12:45:00", "2010-01-23T12:50:00", "2010-01-23T12:55:00",
      "2010-01-23T13:00:00" } },
  { "croniter testHour", "0 */3 * * *", "UTC", "2010-01-24T12:02:00",
    { "2010-01-24T15:00:00", "2010-01-24T18:00:00", "2010-01-24T21:00:00", "2010-01-25T00:00:00" } },
  { "croniter testDay", "0 0 */3 * *", "UTC", "2010-02-24T12:09:00",
    { "2010-02-25T00:00:00", "2010-02-28T00:00:00", "2010-03-01T00:00:00" } },
  { "croniter testDay leap 1996", "0 0 * * *", "UTC", "1996-02-27T00:00:00",
    { "1996-02-28T00:00:00", "1996-02-29T00:00:00" } },
  { "croniter testDay leap 2000", "0 0 * * *", "UTC", "2000-02-27T00:00:00",
    { "2000-02-28T00:00:00", "2000-02-29T00:00:00" } },
  { "croniter testWeekDay sat", "0 0 * * sat", "UTC", "2010-02-25T00:00:00",
    { "2010-02-27T00:00:00", "2010-03-06T00:00:00" } },
  { "croniter testWeekDay 1 or wed", "0 0 1 * wed", "UTC", "2010-01-25T00:00:00",
    { "2010-01-27T00:00:00", "2010-02-01T00:00:00", "2010-02-03T00:00:00" } },
  { "croniter testNthWeekDay sat#1", "0 0 * * sat#1", "UTC", "2010-02-25T00:00:00",
    { "2010-03-06T00:00:00", "2010-04-03T00:00:00" } },
  { "croniter testNthWeekDay wed#5", "0 0 * * wed#5", "UTC", "2010-01-25T00:00:00",
    { "2010-03-31T00:00:00", "2010-06-30T00:00:00", "2010-09-29T00:00:00" } },
  { "croniter testMonth", "0 0 1 * *", "UTC", "2010-01-25T00:00:00",
    { "2010-02-01T00:00:00", "2010-03-01T00:00:00", "2010-04-01T00:00:00", "2010-05-01T00:00:00",
      "2010-06-01T00:00:00", "2010-07-01T00:00:00", "2010-08-01T00:00:00", "2010-09-01T00:00:00",
      "2010-10-01T00:00:00", "2010-11-01T00:00:00", "2010-12-01T00:00:00", "2011-01-01T00:00:00" } },
  { "croniter testLastDayOfMonth", "0 0 l * *", "UTC", "2015-09-04T00:00:00",
    { "2015-09-30T00:00:00", "2015-10-31T00:00:00", "2015-11-30T00:00:00", "2015-12-31T00:00:00" } },
  { "croniter testRangeWithUppercaseLastDayOfMonth", "0 0 29-L * *", "UTC", "2015-09-04T00:00:00",
    { "2015-09-29T00:00:00", "2015-09-30T00:00:00" } },
  { "croniter testISOWeekday", "0 0 * * 7", "UTC", "2010-02-25T00:00:00",
    { "2010-02-28T00:00:00", "2010-03-07T00:00:00" } },
  { "croniter testBug2", "0 * * 3 *", "UTC", "2012-01-01T00:00:00",
    { "2012-03-01T00:00:00", "2012-03-01T01:00:00", "2012-03-01T02:00:00" } },
  { "croniter testBug3", "00 03 16,30 * *", "UTC", "2013-03-01T12:17:34.257877",
    { "2013-03-16T03:00:00", "2013-03-30T03:00:00", "2013-04-16T03:00:00" } },
  { "croniter testBug57 4/6", "0 4/6 * * *", "UTC", "2012-02-24T00:00:00",
    { "2012-02-24T04:00:00" } },
  { "croniter testBug57 0/6", "0 0/6 * * *", "UTC", "2012-02-24T00:00:00",
    { "2012-02-24T06:00:00" } },
  { "croniter test_multiple_months 1", "0 0 1 3,6,9,12 *", "UTC", "2016-03-01T00:00:00",
    { "2016-06-01T00:00:00" } },
  { "croniter test_multiple_months 2", "0 0 1 3,6,9,12 *", "UTC", "2016-02-15T00:00:00",
    { "2016-03-01T00:00:00" } },
  { "croniter test_multiple_months 3", "0 0 1 3,6,9,12 *", "UTC", "2016-12-03T10:00:00",
    { "2017-03-01T00:00:00" } },
  { "croniter test_rangeGenerator", "1-9/2 0 1 * *", "UTC", "2013-03-04T00:00:00",
    { "2013-04-01T00:01:00", "2013-04-01T00:03:00", "2013-04-01T00:05:00", "2013-04-01T00:07:00",
      "2013-04-01T00:09:00" } },
  { "croniter testSundayToThursdayWithAlphaConversion", "30 22 * * sun-thu", "UTC", "2010-08-25T15:56:00",
    { "2010-08-25T22:30:00" } },
  { "croniter test_milliseconds 1", "0 10 * * *", "UTC", "2018-01-02T10:00:00.000500",
    { "2018-01-03T10:00:00" } },
  { "croniter test_milliseconds 2", "0 10 * * *", "UTC", "2018-01-02T10:00:01",
    { "2018-01-03T10:00:00" } },
  { "croniter test_milliseconds 3", "0 10 * * *", "UTC", "2018-01-02T09:59:59.999999",
    { "2018-01-02T10:00:00" } },
  { "croniter test_issue156", "*,0 * * * * *", "UTC", "2019-01-14T11:00:59.999999",
    { "2019-01-14T11:01:00" } },
  { "croniter test_std_dst Warsaw spring daily", "0 0 * * *", "Europe/Warsaw", "2017-03-26T00:00:00",
    { "2017-03-27T00:00:00+02:00" } },
  { "croniter test_std_dst Warsaw spring hourly", "0 * * * *", "Europe/Warsaw", "2017-03-26T01:00:00",
    { "2017-03-26T03:00:00+02:00" } },
  { "croniter test_std_dst Warsaw fall daily", "0 0 * * *", "Europe/Warsaw", "2017-10-29T00:00:00",
    { "2017-10-30T00:00:00+01:00" } },
  { "croniter test_std_dst Warsaw fall 01:59", "0 * * * *", "Europe/Warsaw", "2017-10-29T01:59:00",
    { "2017-10-29T02:00:00" } },
  { "croniter test_std_dst Warsaw fall 02:00", "0 * * * *", "Europe/Warsaw", "2017-10-29T02:00:00+01:00",
    { "2017-10-29T03:00:00+01:00" } },
  { "croniter test_std_dst Warsaw fall 03:00", "0 * * * *", "Europe/Warsaw", "2017-10-29T03:00:00",
    { "2017-10-29T04:00:00+01:00", "2017-10-29T05:00:00+01:00", "2017-10-29T06:00:00+01:00" } },
  { "croniter test_std_dst2 21:00", "0 0 * * *", "America/Sao_Paulo", "2018-02-17T21:00:00",
    { "2018-02-18T00:00:00-03:00" } },
  { "croniter test_std_dst2 22:05", "0 0 * * *", "America/Sao_Paulo", "2018-02-17T22:05:00",
    { "2018-02-18T00:00:00-03:00" } },
  { "croniter test_std_dst2 23:00", "0 0 * * *", "America/Sao_Paulo", "2018-02-17T23:00:00-03:00",
    { "2018-02-18T00:00:00-03:00" } },
  { "croniter test_std_dst2 00:00", "0 0 * * *", "America/Sao_Paulo", "2018-02-18T00:00:00",
    { "2018-02-19T00:00:00-03:00" } },
  { "croniter test_std_dst3", "0 0 24 * *", "Australia/Adelaide", "2020-04-15T00:00:00",
    { "2020-04-24T00:00:00+09:30" } },
  { "croniter testTimezoneSummerTime", "*/30 * * * *", "Europe/Athens", "2013-03-31T01:00:00",
    { "2013-03-31T01:30:00+02:00", "2013-03-31T02:00:00+02:00", "2013-03-31T02:30:00+02:00",
      "2013-03-31T04:00:00+03:00", "2013-03-31T04:30:00+03:00" } },
  /* croniter test_croniter_dst.py: test_range_dst_forward / _backwards */
  { "croniter range_dst_forward 01:30", "30 1 * * *", "America/New_York", "2020-03-07T00:00:00",
    { "2020-03-07T01:30:00-05:00", "2020-03-08T01:30:00-05:00", "2020-03-09T01:30:00-04:00",
      "2020-03-10T01:30:00-04:00" } },
  { "croniter range_dst_forward 02:00", "0 2 * * *", "America/New_York", "2020-03-07T00:00:00",
    { "2020-03-07T02:00:00-05:00", "2020-03-08T03:00:00-04:00", "2020-03-09T02:00:00-04:00",
      "2020-03-10T02:00:00-04:00" } },
  { "croniter range_dst_forward 02:30", "30 2 * * *", "America/New_York", "2020-03-07T00:00:00",
    { "2020-03-07T02:30:00-05:00", "2020-03-08T03:30:00-04:00", "2020-03-09T02:30:00-04:00",
      "2020-03-10T02:30:00-04:00" } },
  { "croniter range_dst_forward 03:00", "0 3 * * *", "America/New_York", "2020-03-07T00:00:00",
    { "2020-03-07T03:00:00-05:00", "2020-03-08T03:00:00-04:00", "2020-03-09T03:00:00-04:00",
      "2020-03-10T03:00:00-04:00" } },
  { "croniter range_dst_backwards 00:00", "0 0 * * *", "America/New_York", "2020-10-29T23:00:00",
    { "2020-10-30T00:00:00-04:00", "2020-10-31T00:00:00-04:00", "2020-11-01T00:00:00-04:00",
      "2020-11-02T00:00:00-05:00", "2020-11-03T00:00:00-05:00" } },
  { "croniter range_dst_backwards 01:00", "0 1 * * *", "America/New_York", "2020-10-29T23:00:00",
    { "2020-10-30T01:00:00-04:00", "2020-10-31T01:00:00-04:00", "2020-11-01T01:00:00-04:00",
      "2020-11-02T01:00:00-05:00" } },
  { "croniter range_dst_backwards 01:30", "30 1 * * *", "America/New_York", "2020-10-29T23:00:00",
    { "2020-10-30T01:30:00-04:00", "2020-10-31T01:30:00-04:00", "2020-11-01T01:30:00-04:00",
      "2020-11-02T01:30:00-05:00" } },
  { "croniter range_dst_backwards 02:00", "0 2 * * *", "America/New_York", "2020-10-29T23:00:00",
    { "2020-10-30T02:00:00-04:00", "2020-10-31T02:00:00-04:00", "2020-11-01T02:00:00-05:00",
      "2020-11-02T02:00:00-05:00" } },
  { "croniter range_dst_backwards 03:30", "30 3 * * *", "America/New_York", "2020-10-29T23:00:00",
    { "2020-10-30T03:30:00-04:00", "2020-10-31T03:30:00-04:00", "2020-11-01T03:30:00-05:00",
      "2020-11-02T03:30:00-05:00" } },

  /* cron-parser test/timezone.js */
  { "cron-parser DST start hourly", "0 * * * *", "Europe/Athens", "2016-03-27T02:00:01",
    { "2016-03-27T04:00:00+03:00", "2016-03-27T05:00:00+03:00" } },
  { "cron-parser DST start 02:30", "30 2 * * *", "Europe/Athens", "2016-03-27T02:00:01",
    { "2016-03-27T02:30:00+02:00", "2016-03-28T02:30:00+03:00" } },
  { "cron-parser DST start 03:00", "0 3 * * *", "Europe/Athens", "2016-03-27T02:00:01",
    { "2016-03-27T04:00:00+03:00", "2016-03-28T03:00:00+03:00" } },
  { "cron-parser DST start */20 3", "*/20 3 * * *", "Europe/Athens", "2016-03-27T02:00:01",
    { "2016-03-27T04:00:00+03:00", "2016-03-27T04:20:00+03:00", "2016-03-27T04:40:00+03:00",
      "2016-03-28T03:00:00+03:00" } },
  { "cron-parser DST start on the 27th", "0 * 27 * *", "Europe/Athens", "2016-03-27T00:00:01",
    { "2016-03-27T01:00:00+02:00", "2016-03-27T02:00:00+02:00", "2016-03-27T04:00:00+03:00",
      "2016-03-27T05:00:00+03:00" } },
  { "cron-parser DST end 03:00", "0 3 * * *", "Europe/Athens", "2016-10-30T02:00:01",
    { "2016-10-30T03:00:00", "2016-10-31T03:00:00+02:00" } },
  { "cron-parser DST end */20 3", "*/20 3 * * *", "Europe/Athens", "2016-10-30T02:00:01",
    { "2016-10-30T03:00:00", "2016-10-30T03:20:00", "2016-10-30T03:40:00", "2016-10-31T03:00:00+02:00" } },
  { "cron-parser #131", "0 9 1 1 *", "America/Sao_Paulo", "2018-10-30T00:59:00Z",
    { "2019-01-01T09:00:00-02:00" } },
  { "cron-parser #137", "0 12 * * 3", "America/New_York", "2018-10-28T00:00:00",
    { "2018-10-31T12:00:00-04:00" } },
  /* cron-parser test/expression.js */
  { "cron-parser range with repeat (second)", "0/30 * * * * ?", "UTC", "2012-12-26T14:38:53",
    { "2012-12-26T14:39:00", "2012-12-26T14:39:30", "2012-12-26T14:40:00" } },
  { "cron-parser range with repeat (minute)", "6/23 * * * *", "UTC", "2012-12-26T14:38:53",
    { "2012-12-26T14:52:00", "2012-12-26T15:06:00", "2012-12-26T15:29:00", "2012-12-26T15:52:00" } },
  { "cron-parser start and end date", "*/20 * * * *", "UTC", "2012-12-26T14:38:53",
    { "2012-12-26T14:40:00", "2012-12-26T15:00:00", "2012-12-26T15:20:00", "2012-12-26T15:40:00",
      "2012-12-26T16:00:00", "2012-12-26T16:20:00", "2012-12-26T16:40:00" } },
  { "cron-parser second field (step)", "*/20 * * * * *", "UTC", "2012-12-26T14:38:00",
    { "2012-12-26T14:38:20", "2012-12-26T14:38:40", "2012-12-26T14:39:00" } },
  { "cron-parser second field (range)", "20-40/10 * * * * *", "UTC", "2012-12-26T14:38:00",
    { "2012-12-26T14:38:20", "2012-12-26T14:38:30", "2012-12-26T14:38:40" } },
  { "cron-parser explicit month, */5 day (June)", "0 12 */5 6 *", "UTC", "2019-06-01T11:00:00",
    { "2019-06-01T12:00:00", "2019-06-06T12:00:00", "2019-06-11T12:00:00", "2019-06-16T12:00:00",
      "2019-06-21T12:00:00", "2019-06-26T12:00:00", "2020-06-01T12:00:00" } },
  { "cron-parser explicit month, */5 day (May)", "0 15 */5 5 *", "UTC", "2019-05-01T11:00:00",
    { "2019-05-01T15:00:00", "2019-05-06T15:00:00", "2019-05-11T15:00:00", "2019-05-16T15:00:00",
      "2019-05-21T15:00:00", "2019-05-26T15:00:00", "2019-05-31T15:00:00", "2020-05-01T15:00:00" } },
  { "cron-parser wildcard day, month and weekday set", "0 0 * 6 2", "UTC", "2021-05-31T12:00:00",
    { "2021-06-01T00:00:00", "2021-06-08T00:00:00", "2021-06-15T00:00:00", "2021-06-22T00:00:00",
      "2021-06-29T00:00:00" } },
  { "cron-parser multiple day ranges", "0 0 0 2-4,7-31 * *", "UTC", "2012-12-01T14:38:53",
    { "2012-12-02T00:00:00", "2012-12-03T00:00:00", "2012-12-04T00:00:00", "2012-12-07T00:00:00",
      "2012-12-08T00:00:00" } },
  { "cron-parser sorted ranges and values", "0 12,13,10,1-3 * * *", "UTC", "2012-12-26T14:38:53",
    { "2012-12-27T01:00:00", "2012-12-27T02:00:00", "2012-12-27T03:00:00", "2012-12-27T10:00:00",
      "2012-12-27T12:00:00", "2012-12-27T13:00:00" } },
  { "cron-parser hours 9,11,1", "0 9,11,1 * * *", "UTC", "2012-12-26T00:00:00",
    { "2012-12-26T01:00:00", "2012-12-26T09:00:00", "2012-12-26T11:00:00", "2012-12-27T01:00:00",
      "2012-12-27T09:00:00", "2012-12-27T11:00:00" } },
  { "cron-parser dow 6,7", "30 16 * * 6,7", "UTC", "2012-12-26T14:38:53",
    { "2012-12-29T16:30:00", "2012-12-30T16:30:00", "2013-01-05T16:30:00" } },
  { "cron-parser dow 7,6", "30 16 * * 7,6", "UTC", "2012-12-26T14:38:53",
    { "2012-12-29T16:30:00", "2012-12-30T16:30:00", "2013-01-05T16:30:00" } },
  { "cron-parser day and weekday 6-7", "10 2 12 8 6-7", "UTC", "2012-12-26T14:38:53",
    { "2013-08-03T02:10:00", "2013-08-04T02:10:00", "2013-08-10T02:10:00", "2013-08-11T02:10:00",
      "2013-08-12T02:10:00", "2013-08-17T02:10:00" } },
  { "cron-parser #139", "0 0 0 1,2 * *", "Europe/Madrid", "2018-11-15T16:15:33.522Z",
    { "2018-12-01T00:00:00+01:00" } },
  { "cron-parser 0#1", "0 0 0 ? * 0#1", "UTC", "2019-04-30T00:00:00",
    { "2019-05-05T00:00:00", "2019-06-02T00:00:00", "2019-07-07T00:00:00", "2019-08-04T00:00:00" } },
  { "cron-parser 0#2", "0 0 0 ? * 0#2", "UTC", "2019-04-30T00:00:00",
    { "2019-05-12T00:00:00", "2019-06-09T00:00:00", "2019-07-14T00:00:00", "2019-08-11T00:00:00" } },
  { "cron-parser 0#3", "0 0 0 ? * 0#3", "UTC", "2019-04-30T00:00:00",
    { "2019-05-19T00:00:00", "2019-06-16T00:00:00", "2019-07-21T00:00:00", "2019-08-18T00:00:00" } },
  { "cron-parser 0#4", "0 0 0 ? * 0#4", "UTC", "2019-04-30T00:00:00",
    { "2019-05-26T00:00:00", "2019-06-23T00:00:00", "2019-07-28T00:00:00", "2019-08-25T00:00:00" } },
  { "cron-parser 0#5", "0 0 0 ? * 0#5", "UTC", "2019-04-30T00:00:00",
    { "2019-06-30T00:00:00", "2019-09-29T00:00:00", "2019-12-29T00:00:00", "2020-03-29T00:00:00" } },
  { "cron-parser second Sunday in May", "0 0 0 ? MAY 0#2", "UTC", "2019-01-30T00:00:00",
    { "2019-05-12T00:00:00", "2020-05-10T00:00:00", "2021-05-09T00:00:00", "2022-05-08T00:00:00" } },
  { "cron-parser second Sunday at noon in May", "0 0 12 ? MAY 0#2", "UTC", "2019-05-12T11:59:00",
    { "2019-05-12T12:00:00" } },
  { "cron-parser second Sunday at noon in May (Sofia)", "0 0 12 ? MAY 0#2", "Europe/Sofia", "2019-05-12T11:59:00",
    { "2019-05-12T12:00:00+03:00" } },
  { "cron-parser day of month or 3#3", "0 0 0 16,18 * 3#3", "UTC", "2019-04-01T00:00:00",
    { "2019-04-16T00:00:00", "2019-04-17T00:00:00", "2019-04-18T00:00:00", "2019-05-15T00:00:00",
      "2019-05-16T00:00:00", "2019-05-18T00:00:00" } },
  /* cron-parser test/parser_day_of_month.js */
  { "cron-parser 1L", "0 0 0 * * 1L", "UTC", "2021-09-01T00:00:00", { "2021-09-27T00:00:00" } },
  { "cron-parser 2L", "0 0 0 * * 2L", "UTC", "2021-09-01T00:00:00", { "2021-09-28T00:00:00" } },
  { "cron-parser 3L", "0 0 0 * * 3L", "UTC", "2021-09-01T00:00:00", { "2021-09-29T00:00:00" } },
  { "cron-parser 4L", "0 0 0 * * 4L", "UTC", "2021-09-01T00:00:00", { "2021-09-30T00:00:00" } },
  { "cron-parser 5L", "0 0 0 * * 5L", "UTC", "2021-09-01T00:00:00", { "2021-09-24T00:00:00" } },
  { "cron-parser 6L", "0 0 0 * * 6L", "UTC", "2021-09-01T00:00:00", { "2021-09-25T00:00:00" } },
  { "cron-parser 0L", "0 0 0 * * 0L", "UTC", "2021-09-01T00:00:00", { "2021-09-26T00:00:00" } },
  { "cron-parser 7L", "0 0 0 * * 7L", "UTC", "2021-09-01T00:00:00", { "2021-09-26T00:00:00" } },
  { "cron-parser 1L,5L", "0 0 0 * * 1L,5L", "UTC", "2021-09-01T00:00:00",
    { "2021-09-24T00:00:00", "2021-09-27T00:00:00" } },
  { "cron-parser 1,5L", "0 0 0 * * 1,5L", "UTC", "2021-09-01T00:00:00",
    { "2021-09-06T00:00:00", "2021-09-13T00:00:00", "2021-09-20T00:00:00", "2021-09-24T00:00:00",
      "2021-09-27T00:00:00" } },
  { "cron-parser last day in leap February", "0 0 6-20/2,L 2 *", "UTC", "2016-01-01T00:00:00",
    { "2016-02-06T00:00:00", "2016-02-08T00:00:00", "2016-02-10T00:00:00", "2016-02-12T00:00:00",
      "2016-02-14T00:00:00", "2016-02-16T00:00:00", "2016-02-18T00:00:00", "2016-02-20T00:00:00",
      "2016-02-29T00:00:00" } },
  { "cron-parser last day in common February", "0 0 1,3,6-10,L 2 *", "UTC", "2014-01-01T00:00:00",
    { "2014-02-01T00:00:00", "2014-02-03T00:00:00", "2014-02-06T00:00:00", "2014-02-07T00:00:00",
      "2014-02-08T00:00:00", "2014-02-09T00:00:00", "2014-02-10T00:00:00", "2014-02-28T00:00:00" } },
};

static void
test_vectors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      const Vector *v = &vectors[i];

      g_test_message ("%s", v->source);
      assert_fires (v->expression, v->tz, v->start, v->expected);
    }
  g_assert_cmpuint (G_N_ELEMENTS (vectors), >=, 30);
}

/* ---- Parsing -------------------------------------------------------------- */

static void
test_parse_valid (void)
{
  const char *valid[] = {
    "* * * * * *", "* * * * *", "0 0 12 * * ?", "0 0 12 ? * MON-FRI", "  0\t*  * * *  ",
    "0 0 0 L * *", "0 0 0 L-3 * *", "0 0 0 15W * *", "0 0 0 LW * *", "0 0 0 ? * 5L",
    "0 0 0 ? * FRIL", "0 0 0 ? * MON#2", "0 0 0 1-L/2 * *", "0 0 0 * jan-MAR,Dec sun",
    "0 0 0 * * 0-7", "59 59 23 31 12 7", "*/5 1-30/2 5/10 * * *",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(SyCron) cron = parse_ok (valid[i]);
      g_assert_nonnull (sy_cron_get_expression (cron));
    }
}

static void
test_parse_invalid (void)
{
  const struct
  {
    const char *expression;
    const char *message;
  } cases[] = {
    { "0 0 25 * * *", "field 3 (hour): 25 is out of range 0–23" },
    { "61 * * * * *", "field 1 (second): 61 is out of range 0–59" },
    { "* 32,72 * * * *", "field 2 (minute): 72 is out of range 0–59" },
    { "* * 12-36 * * *", "field 3 (hour): 36 is out of range 0–23" },
    { "* * * 10-15,40 * *", "field 4 (day of month): 40 is out of range 1–31" },
    { "* * * * */10,12-13 *", "field 5 (month): 13 is out of range 1–12" },
    { "* * * * * 9", "field 6 (day of week): 9 is out of range 0–7" },
    { "0-10000000 * * * *", "field 1 (minute): 10000000 is out of range 0–59" },
    { "* * * *", "got 4" },
    { "* * * * * * *", "got 7" },
    { "", "got 0" },
    { "10 x 12 8 0", "field 2 (hour): “x” is not a number" },
    { "10 ! 12 8 0", "field 2 (hour): “!” is not a number" },
    { "10 0-z 12 8 0", "field 2 (hour): “z” is not a number" },
    { "15 10 * * MON-TUR", "field 5 (day of week): “TUR” is not a weekday name (SUN–SAT)" },
    { "* * * janu-jun *", "field 4 (month): “janu” is not a month name (JAN–DEC)" },
    { "0 */0 * * *", "field 2 (hour): “*/0”: the step after “/” must be a positive number" },
    { "10 */A 12 8 0", "field 2 (hour): “*/A”: the step after “/” must be a positive number" },
    { "0 5/5/5 * * *", "field 2 (hour): “5/5/5” has more than one “/”" },
    { "* * 5-1 * *", "field 3 (day of month): range “5-1” goes backwards" },
    { "- * * * * *", "field 1 (second): “-” is not a number" },
    { "1- * * * * *", "field 1 (second): a value is missing" },
    { "1,,2 * * * *", "field 1 (minute): empty item in the list “1,,2”" },
    { "? * * * *", "field 1 (minute): “?” is only allowed in day of month and day of week" },
    { "0 0 0 ? * 1#", "field 6 (day of week): “1#”: the occurrence after “#” must be 1–5" },
    { "0 0 0 ? * 1#0", "the occurrence after “#” must be 1–5" },
    { "0 0 0 ? * 4#6", "the occurrence after “#” must be 1–5" },
    { "0 0 0 ? * 0##4", "the occurrence after “#” must be 1–5" },
    { "0 0 0 ? * 2-4#2", "“2-4#2”: “#” takes a single weekday" },
    { "0 0 0 * * L", "field 6 (day of week): “L” needs a weekday in front of it" },
    { "0 0 0 L-31 * *", "“L-31”: a month has at most 31 days" },
    { "0 0 0 32W * *", "field 4 (day of month): 32 is out of range 1–31" },
    { "0 0 0 xW * *", "“xW” needs a day number before “W”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SyCron) cron = sy_cron_parse (cases[i].expression, &error);

      g_assert_null (cron);
      g_assert_error (error, SY_CRON_ERROR, SY_CRON_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("“%s”: message “%s” lacks “%s”", cases[i].expression, error->message, cases[i].message);
    }
}

/* ---- Operators and special characters -------------------------------------- */

static void
test_operators (void)
{
  FIRES ("0 5,10,15 * * * *", "UTC", "2024-01-01T00:00:00",
         "2024-01-01T00:05:00", "2024-01-01T00:10:00", "2024-01-01T00:15:00", "2024-01-01T01:05:00");
  FIRES ("0 0 9-11 * * *", "UTC", "2024-01-01T10:30:00",
         "2024-01-01T11:00:00", "2024-01-02T09:00:00");
  FIRES ("0 1-30/10 * * * *", "UTC", "2024-01-01T00:00:00",
         "2024-01-01T00:01:00", "2024-01-01T00:11:00", "2024-01-01T00:21:00", "2024-01-01T01:01:00");
  FIRES ("5/20 * * * * *", "UTC", "2024-01-01T00:00:00",
         "2024-01-01T00:00:05", "2024-01-01T00:00:25", "2024-01-01T00:00:45", "2024-01-01T00:01:05");
  FIRES ("0 0 */12 * * *", "UTC", "2024-01-01T00:00:00",
         "2024-01-01T12:00:00", "2024-01-02T00:00:00");
  /* a step bigger than the field leaves only the start */
  FIRES ("0 */90 * * * *", "UTC", "2024-01-01T00:00:00", "2024-01-01T01:00:00");
}

static void
test_names (void)
{
  /* 2024-01-01 is a Monday */
  FIRES ("0 0 0 * * MON-WED", "UTC", "2024-01-01T00:00:00",
         "2024-01-02T00:00:00", "2024-01-03T00:00:00", "2024-01-08T00:00:00");
  FIRES ("0 0 0 1 feb,Aug *", "UTC", "2024-01-01T00:00:00",
         "2024-02-01T00:00:00", "2024-08-01T00:00:00", "2025-02-01T00:00:00");
  FIRES ("0 0 0 1 JAN-DEC/6 *", "UTC", "2024-01-01T00:00:00",
         "2024-07-01T00:00:00", "2025-01-01T00:00:00");
  /* 0 and 7 are both Sunday */
  FIRES ("0 0 0 * * 7", "UTC", "2024-01-01T00:00:00", "2024-01-07T00:00:00", "2024-01-14T00:00:00");
  FIRES ("0 0 0 * * 5-7", "UTC", "2024-01-01T00:00:00",
         "2024-01-05T00:00:00", "2024-01-06T00:00:00", "2024-01-07T00:00:00", "2024-01-12T00:00:00");
}

static void
test_last_and_nearest (void)
{
  FIRES ("0 0 0 L * *", "UTC", "2024-01-31T00:00:00",
         "2024-02-29T00:00:00", "2024-03-31T00:00:00", "2024-04-30T00:00:00");
  FIRES ("0 0 0 L-2 * *", "UTC", "2024-01-01T00:00:00",
         "2024-01-29T00:00:00", "2024-02-27T00:00:00", "2024-03-29T00:00:00");
  /* 2023-04-15 is a Saturday, 2023-01-15 a Sunday */
  FIRES ("0 0 0 15W * *", "UTC", "2022-12-31T00:00:00",
         "2023-01-16T00:00:00", "2023-02-15T00:00:00", "2023-03-15T00:00:00", "2023-04-14T00:00:00");
  /* 1W never leaves the month: Saturday 2023-04-01 goes to Monday the 3rd */
  FIRES ("0 0 0 1W 4 *", "UTC", "2023-01-01T00:00:00", "2023-04-03T00:00:00");
  /* 31W on Sunday 2023-12-31 goes back to Friday the 29th */
  FIRES ("0 0 0 31W 12 *", "UTC", "2023-01-01T00:00:00", "2023-12-29T00:00:00");
  /* last weekday: 2023-09-30 is a Saturday, 2023-04-30 a Sunday */
  FIRES ("0 0 0 LW 4,9 *", "UTC", "2023-01-01T00:00:00",
         "2023-04-28T00:00:00", "2023-09-29T00:00:00", "2024-04-30T00:00:00");
  FIRES ("0 0 0 ? * MON#2", "UTC", "2024-01-01T00:00:00",
         "2024-01-08T00:00:00", "2024-02-12T00:00:00", "2024-03-11T00:00:00");
  FIRES ("0 0 0 ? * FRIL", "UTC", "2024-01-01T00:00:00",
         "2024-01-26T00:00:00", "2024-02-23T00:00:00", "2024-03-29T00:00:00");
  /* `?` is `*` */
  FIRES ("0 0 0 ? * ?", "UTC", "2024-01-01T00:00:00", "2024-01-02T00:00:00");
}

static void
test_dom_or_dow (void)
{
  /* Friday the 13th semantics: the 13th OR any Friday (2023-01-13 is a Friday) */
  FIRES ("0 0 0 13 * FRI", "UTC", "2023-01-01T00:00:00",
         "2023-01-06T00:00:00", "2023-01-13T00:00:00", "2023-01-20T00:00:00", "2023-01-27T00:00:00",
         "2023-02-03T00:00:00", "2023-02-10T00:00:00", "2023-02-13T00:00:00", "2023-02-17T00:00:00");
  /* with either unrestricted, only the other counts */
  FIRES ("0 0 0 13 * *", "UTC", "2023-01-01T00:00:00", "2023-01-13T00:00:00", "2023-02-13T00:00:00");
  FIRES ("0 0 0 * * FRI", "UTC", "2023-01-07T00:00:00", "2023-01-13T00:00:00", "2023-01-20T00:00:00");
  FIRES ("0 0 0 13 * ?", "UTC", "2023-01-01T00:00:00", "2023-01-13T00:00:00", "2023-02-13T00:00:00");
  /* a weekday range covering the week is unrestricted */
  FIRES ("0 0 0 13 * 0-7", "UTC", "2023-01-01T00:00:00", "2023-01-13T00:00:00");
}

static void
test_leap_years_and_rollover (void)
{
  g_autoptr(SyCron) never = parse_ok ("0 0 0 30 2 *");
  g_autoptr(SyCron) april_31 = parse_ok ("0 0 0 31 4 *");
  g_autoptr(GDateTime) start = at ("UTC", "2024-01-01T00:00:00");
  g_autoptr(GDateTime) none = sy_cron_next (never, start);
  g_autoptr(GDateTime) none_either = sy_cron_next (april_31, start);
  g_autoptr(GPtrArray) empty = sy_cron_next_n (never, start, 5);

  FIRES ("0 0 0 29 2 *", "UTC", "2023-03-01T00:00:00", "2024-02-29T00:00:00", "2028-02-29T00:00:00");
  /* 2100 is not a leap year: eight years between leap days */
  FIRES ("0 0 0 29 2 *", "UTC", "2096-03-01T00:00:00", "2104-02-29T00:00:00");
  FIRES ("0 0 0 1 1 *", "UTC", "2023-12-31T23:59:59", "2024-01-01T00:00:00", "2025-01-01T00:00:00");
  FIRES ("59 59 23 31 12 *", "UTC", "2023-12-31T23:59:59", "2024-12-31T23:59:59");
  FIRES ("* * * * * *", "UTC", "2023-12-31T23:59:58", "2023-12-31T23:59:59", "2024-01-01T00:00:00");

  g_assert_null (none);
  g_assert_null (none_either);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_five_fields (void)
{
  g_autoptr(SyCron) five = parse_ok ("30 8 * * 1-5");
  g_autoptr(SyCron) six = parse_ok ("0 30 8 * * 1-5");
  g_autoptr(GDateTime) start = at ("Europe/Berlin", "2024-05-03T09:00:00");
  g_autoptr(GPtrArray) a = sy_cron_next_n (five, start, 20);
  g_autoptr(GPtrArray) b = sy_cron_next_n (six, start, 20);

  g_assert_cmpuint (a->len, ==, 20);
  g_assert_cmpuint (b->len, ==, 20);
  for (guint i = 0; i < a->len; i++)
    g_assert_true (g_date_time_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)));
  FIRES ("30 8 * * 1-5", "Europe/Berlin", "2024-05-03T09:00:00",
         "2024-05-06T08:30:00+02:00", "2024-05-07T08:30:00+02:00");
}

/* ---- DST -------------------------------------------------------------------- */

/* Every-minute over a whole transition day: strictly increasing, and each
 * wall-clock minute that exists fires exactly once. */
static void
assert_minutes_over_day (const char *tz_id,
                         const char *day_start,
                         guint       expected)
{
  g_autoptr(SyCron) cron = parse_ok ("0 * * * * *");
  g_autoptr(GDateTime) start = at (tz_id, day_start);
  g_autoptr(GDateTime) end = g_date_time_add_days (start, 1);
  g_autoptr(GDateTime) previous = g_date_time_add_seconds (start, -1);
  g_autoptr(GHashTable) walls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint count = 0;

  for (;;)
    {
      g_autoptr(GDateTime) next = sy_cron_next (cron, previous);
      char *wall;

      g_assert_nonnull (next);
      if (g_date_time_compare (next, end) >= 0)
        break;
      g_assert_cmpint (g_date_time_compare (next, previous), >, 0);
      g_assert_cmpint (g_date_time_get_second (next), ==, 0);
      wall = g_date_time_format (next, "%H:%M");
      g_assert_false (g_hash_table_contains (walls, wall));
      g_hash_table_add (walls, wall);
      count++;
      g_date_time_unref (previous);
      previous = g_steal_pointer (&next);
    }
  g_assert_cmpuint (count, ==, expected);
}

static void
test_dst_berlin (void)
{
  /* 2024-03-31: 02:00 CET jumps to 03:00 CEST */
  FIRES ("0 0 * * * *", "Europe/Berlin", "2024-03-31T00:30:00",
         "2024-03-31T01:00:00+01:00", "2024-03-31T03:00:00+02:00", "2024-03-31T04:00:00+02:00");
  FIRES ("0 30 2 * * *", "Europe/Berlin", "2024-03-30T12:00:00",
         "2024-03-31T03:30:00+02:00", "2024-04-01T02:30:00+02:00");
  FIRES ("0 * * * * *", "Europe/Berlin", "2024-03-31T01:58:00",
         "2024-03-31T01:59:00+01:00", "2024-03-31T03:00:00+02:00", "2024-03-31T03:01:00+02:00");
  /* asked from inside the hour after the jump: still the right next minute */
  FIRES ("0 * * * * *", "Europe/Berlin", "2024-03-31T03:10:00+02:00",
         "2024-03-31T03:11:00+02:00", "2024-03-31T03:12:00+02:00");
  assert_minutes_over_day ("Europe/Berlin", "2024-03-31T00:00:00", 23 * 60);

  /* 2024-10-27: 03:00 CEST falls back to 02:00 CET; 02:xx fires once */
  FIRES ("0 0 * * * *", "Europe/Berlin", "2024-10-27T00:30:00",
         "2024-10-27T01:00:00+02:00", "2024-10-27T02:00:00+02:00", "2024-10-27T03:00:00+01:00",
         "2024-10-27T04:00:00+01:00");
  FIRES ("0 30 2 * * *", "Europe/Berlin", "2024-10-26T12:00:00",
         "2024-10-27T02:30:00+02:00", "2024-10-28T02:30:00+01:00");
  FIRES ("0 * * * * *", "Europe/Berlin", "2024-10-27T02:58:00+02:00",
         "2024-10-27T02:59:00+02:00", "2024-10-27T03:00:00+01:00");
  /* asked from the second pass: what already fired is not repeated */
  FIRES ("0 * * * * *", "Europe/Berlin", "2024-10-27T02:30:00+01:00",
         "2024-10-27T03:00:00+01:00");
  assert_minutes_over_day ("Europe/Berlin", "2024-10-27T00:00:00", 24 * 60);
}

static void
test_dst_new_york (void)
{
  /* 2024-03-10: 02:00 EST jumps to 03:00 EDT */
  FIRES ("0 0 * * * *", "America/New_York", "2024-03-10T00:30:00",
         "2024-03-10T01:00:00-05:00", "2024-03-10T03:00:00-04:00", "2024-03-10T04:00:00-04:00");
  FIRES ("0 30 2 * * *", "America/New_York", "2024-03-09T12:00:00",
         "2024-03-10T03:30:00-04:00", "2024-03-11T02:30:00-04:00");
  FIRES ("0 * * * * *", "America/New_York", "2024-03-10T01:59:00",
         "2024-03-10T03:00:00-04:00", "2024-03-10T03:01:00-04:00");
  assert_minutes_over_day ("America/New_York", "2024-03-10T00:00:00", 23 * 60);

  /* 2024-11-03: 02:00 EDT falls back to 01:00 EST; 01:xx fires once */
  FIRES ("0 0 * * * *", "America/New_York", "2024-11-03T00:30:00",
         "2024-11-03T01:00:00-04:00", "2024-11-03T02:00:00-05:00", "2024-11-03T03:00:00-05:00");
  FIRES ("0 30 2 * * *", "America/New_York", "2024-11-02T12:00:00",
         "2024-11-03T02:30:00-05:00", "2024-11-04T02:30:00-05:00");
  FIRES ("0 30 1 * * *", "America/New_York", "2024-11-02T12:00:00",
         "2024-11-03T01:30:00-04:00", "2024-11-04T01:30:00-05:00");
  FIRES ("0 * * * * *", "America/New_York", "2024-11-03T01:30:00-04:00",
         "2024-11-03T01:31:00-04:00");
  FIRES ("0 * * * * *", "America/New_York", "2024-11-03T01:59:00-04:00",
         "2024-11-03T02:00:00-05:00");
  FIRES ("0 * * * * *", "America/New_York", "2024-11-03T01:30:00-05:00",
         "2024-11-03T02:00:00-05:00");
  assert_minutes_over_day ("America/New_York", "2024-11-03T00:00:00", 24 * 60);
}

static void
test_dst_other_zones (void)
{
  /* gap at midnight: 2018-11-04 00:00 -03 became 01:00 -02 */
  FIRES ("0 30 0 * * *", "America/Sao_Paulo", "2018-11-03T12:00:00",
         "2018-11-04T01:30:00-02:00", "2018-11-05T00:30:00-02:00");
  /* half-hour change: 2024-10-06 02:00 +10:30 became 02:30 +11:00 */
  FIRES ("0 15 2 * * *", "Australia/Lord_Howe", "2024-10-05T12:00:00",
         "2024-10-06T02:45:00+11:00", "2024-10-07T02:15:00+11:00");
  /* Samoa skipped 2011-12-30 entirely */
  FIRES ("0 0 12 * * *", "Pacific/Apia", "2011-12-29T13:00:00",
         "2011-12-31T12:00:00+14:00");
  /* croniter's testTimezoneWinterTime fires 03:00 and 03:30 again in the
   * repeated hour; by design (see sy-cron.h) they fire once here */
  FIRES ("*/30 * * * *", "Europe/Athens", "2013-10-27T02:00:00",
         "2013-10-27T02:30:00+03:00", "2013-10-27T03:00:00+03:00", "2013-10-27T03:30:00+03:00",
         "2013-10-27T04:00:00+02:00", "2013-10-27T04:30:00+02:00");
  /* a fixed-offset zone has no transitions */
  FIRES ("0 0 9 * * *", "+05:30", "2024-03-31T10:00:00", "2024-04-01T09:00:00+05:30");
}

/* ---- Performance (correctness of a long run, not timed) -------------------- */

static void
test_many (void)
{
  const char *expressions[] = { "* * * * * *", "0 */5 * * * *", "0 30 2 * * *", "0 0 9 * * 1-5", "0 0 0 L * *" };
  g_autoptr(GTimeZone) tz = zone ("Europe/Berlin");

  for (guint e = 0; e < G_N_ELEMENTS (expressions); e++)
    {
      g_autoptr(SyCron) cron = parse_ok (expressions[e]);
      g_autoptr(GDateTime) start = g_date_time_new (tz, 2024, 1, 1, 0, 0, 0);
      g_autoptr(GPtrArray) times = sy_cron_next_n (cron, start, 10000);

      g_assert_cmpuint (times->len, ==, 10000);
      for (guint i = 1; i < times->len; i++)
        g_assert_cmpint (g_date_time_compare (g_ptr_array_index (times, i - 1),
                                              g_ptr_array_index (times, i)), <, 0);
    }
}

/* ---- Descriptions ------------------------------------------------------------ */

static void
test_describe (void)
{
  const struct
  {
    const char *expression;
    const char *description;
  } cases[] = {
    { "0 0 9 * * 1-5", "every weekday at 09:00" },
    { "0 */5 * * * *", "every 5 minutes" },
    { "*/5 * * * *", "every 5 minutes" },
    { "30 8 1 * *", "at 08:30 on the 1st of every month" },
    { "* * * * * *", "every second" },
    { "*/10 * * * * *", "every 10 seconds" },
    { "0 0 * * 0", "at 00:00 on Sunday" },
    { "0 0 * * 7", "at 00:00 on Sunday" },
    { "* * * * *", "every minute" },
    { "0 * * * *", "every hour" },
    { "0 */6 * * *", "every 6 hours" },
    { "15 * * * *", "at 15 minutes past every hour" },
    { "0 9 * * *", "every day at 09:00" },
    { "0 9,17 * * *", "every day at 09:00 and 17:00" },
    { "30 15 10 * * *", "every day at 10:15:30" },
    { "*/15 * * * 1-5", "every 15 minutes on weekdays" },
    { "0 0 1,15 * *", "at 00:00 on the 1st and 15th of every month" },
    { "0 0 1 JAN,JUL *", "at 00:00 on the 1st of January and July" },
    { "0 0 L * *", "at 00:00 on the last day of every month" },
    { "0 0 L-2 * *", "at 00:00 on 2 days before the last day of every month" },
    { "0 0 15W * *", "at 00:00 on the weekday nearest the 15th of every month" },
    { "0 0 LW * *", "at 00:00 on the last weekday of every month" },
    { "0 0 0 ? * MON#2", "at 00:00 on the second Monday of every month" },
    { "0 0 0 ? * 5L", "at 00:00 on the last Friday of every month" },
    { "0 0 * * 1,3,5", "at 00:00 on Monday, Wednesday and Friday" },
    { "0 12 * 12 *", "at 12:00 every day in December" },
    { "0 0 13 * 5", "at 00:00 on the 13th of every month or on Friday" },
    { "0 0,30 9-17 * * *", "every day at minutes 0 and 30 of hours 9–17" },
    { "10 0-4 * * * *", "at second 10 of minutes 0–4 of every hour" },
    { "0 0 9-17 * * 1-5", "every weekday at minute 0 of hours 9–17" },
    { "*/7 * * * *", "at minutes 0, 7, 14, 21, 28, 35, 42, 49 and 56 of every hour" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SyCron) cron = parse_ok (cases[i].expression);
      g_autofree char *description = sy_cron_describe (cron);

      if (g_strcmp0 (description, cases[i].description) != 0)
        g_error ("“%s”: described as “%s”, expected “%s”",
                 cases[i].expression, description, cases[i].description);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cron/parse/valid", test_parse_valid);
  g_test_add_func ("/cron/parse/invalid", test_parse_invalid);
  g_test_add_func ("/cron/operators", test_operators);
  g_test_add_func ("/cron/names", test_names);
  g_test_add_func ("/cron/last-nearest-nth", test_last_and_nearest);
  g_test_add_func ("/cron/dom-or-dow", test_dom_or_dow);
  g_test_add_func ("/cron/leap-years-rollover", test_leap_years_and_rollover);
  g_test_add_func ("/cron/five-fields", test_five_fields);
  g_test_add_func ("/cron/dst/berlin", test_dst_berlin);
  g_test_add_func ("/cron/dst/new-york", test_dst_new_york);
  g_test_add_func ("/cron/dst/other-zones", test_dst_other_zones);
  g_test_add_func ("/cron/vectors", test_vectors);
  g_test_add_func ("/cron/many", test_many);
  g_test_add_func ("/cron/describe", test_describe);

  return g_test_run ();
}
