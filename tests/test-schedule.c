/* test-schedule.c — static schedule triggers on a fake clock
 *
 * Each test runs a real engine on a temporary data directory whose
 * schedule alarms use a fake clock, so hours, days and daylight-saving
 * changes pass in milliseconds. The time zone is Europe/Berlin.
 */
#include "config.h"

#include <time.h>

#include "sy-clock.h"
#include "sy-engine.h"
#include "sy-schedule.h"
#include "sy-test-engine.h"

typedef struct
{
  char     *dir;
  SyClock  *clock;
  SyEngine *engine;
} Fixture;

static void
fixture_start_engine (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->engine = sy_engine_new (fixture->dir);
  sy_clock_set_for_engine (fixture->engine, fixture->clock);
  g_assert_true (sy_engine_start (fixture->engine, &error));
  g_assert_no_error (error);
}

static void
fixture_stop_engine (Fixture *fixture)
{
  sy_engine_stop (fixture->engine);
  g_clear_object (&fixture->engine);
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  fixture->dir = sy_test_make_dir ();
  fixture->clock = sy_clock_new_fake (sy_test_ms_at ("2025-01-10T09:59:59.500Z"));
  fixture_start_engine (fixture);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  if (fixture->engine != NULL)
    fixture_stop_engine (fixture);
  g_clear_object (&fixture->clock);
  sy_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Imports workflow "tick" (enabled) with `config` as its trigger config. */
static void
import (Fixture    *fixture,
        const char *config)
{
  g_autofree char *document = g_strdup_printf (
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"tick\", \"title\": \"Tick\","
    " \"enabled\": true, \"sync\": false, \"trigger\": {\"type\": \"schedule\", \"config\": %s},"
    " \"nodes\": [{\"key\": \"a\", \"type\": \"calculation\", \"config\": {\"expression\": \"1\"}}]}",
    config);

  sy_test_import (fixture->engine, document);
}

/* The executions of "tick", oldest first. */
static GPtrArray *
list_executions (Fixture *fixture)
{
  SyExecutionFilter filter = { .workflow_key = "tick" };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  sy_engine_list_executions_async (fixture->engine, &filter, NULL, sy_test_on_done, &result);
  list = sy_engine_list_executions_finish (fixture->engine, sy_test_wait_for (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len / 2; i++)
    {
      gpointer swap = list->pdata[i];

      list->pdata[i] = list->pdata[list->len - 1 - i];
      list->pdata[list->len - 1 - i] = swap;
    }

  return g_steal_pointer (&list);
}

/* Lets the fake clock run to `horizon` and checks the dates of all the
 * executions of "tick" so far, after a pause in which more would show. */
static void
run_until (Fixture           *fixture,
           const char        *horizon,
           const char * const *dates)
{
  guint expected = g_strv_length ((char **) dates);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  g_autoptr(GPtrArray) list = NULL;

  sy_clock_fake_run_until (fixture->clock, sy_test_ms_at (horizon));
  while (TRUE)
    {
      g_clear_pointer (&list, g_ptr_array_unref);
      list = list_executions (fixture);
      if (list->len >= expected || g_get_monotonic_time () > deadline)
        break;
      sy_test_sleep_ms (10);
    }
  sy_test_sleep_ms (150);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_executions (fixture);

  for (guint i = 0; i < MIN (list->len, expected); i++)
    {
      SyExecution *execution = g_ptr_array_index (list, i);
      JsonObject *context = json_node_get_object (execution->context);

      g_assert_cmpstr (json_object_get_string_member (context, "date"), ==, dates[i]);
      g_assert_true (g_str_has_prefix (execution->event_key, "schedule:"));
    }
  g_assert_cmpuint (list->len, ==, expected);
}

static void
test_every_second (Fixture      *fixture,
                   gconstpointer data)
{
  const char *dates[] = {
    "2025-01-10T10:00:00.000Z", "2025-01-10T10:00:01.000Z", "2025-01-10T10:00:02.000Z",
    "2025-01-10T10:00:03.000Z", "2025-01-10T10:00:04.000Z", NULL
  };

  import (fixture, "{\"mode\": \"static\", \"startsOn\": \"2025-01-10T10:00:00Z\", \"repeat\": \"* * * * * *\"}");
  run_until (fixture, "2025-01-10T10:00:04.999Z", dates);
}

static void
test_hourly (Fixture      *fixture,
             gconstpointer data)
{
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);

  /* Five fields: seconds are 0. */
  import (fixture, "{\"mode\": \"static\", \"startsOn\": \"2025-01-10T10:00:00Z\", \"repeat\": \"0 * * * *\"}");
  for (guint hour = 10; hour < 34; hour++)
    g_ptr_array_add (dates, g_strdup_printf ("2025-01-%02uT%02u:00:00.000Z", 10 + hour / 24, hour % 24));
  g_ptr_array_add (dates, NULL);
  run_until (fixture, "2025-01-11T09:30:00Z", (const char * const *) dates->pdata);
}

static void
test_interval_aligned (Fixture      *fixture,
                       gconstpointer data)
{
  const char *dates[] = { "2025-01-10T10:03:00.250Z", "2025-01-10T10:04:30.250Z", NULL };

  /* Enabled 100 s after the start: the next fires stay on start + k·90 s. */
  sy_clock_fake_set_now (fixture->clock, sy_test_ms_at ("2025-01-10T10:01:40Z"));
  import (fixture, "{\"mode\": \"static\", \"startsOn\": \"2025-01-10T10:00:00.250Z\", \"repeat\": 90000}");
  run_until (fixture, "2025-01-10T10:05:00Z", dates);
}

static void
test_starts_in_future (Fixture      *fixture,
                       gconstpointer data)
{
  const char *none[] = { NULL };
  const char *once[] = { "2025-01-12T08:00:00.000Z", NULL };

  import (fixture, "{\"mode\": \"static\", \"startsOn\": \"2025-01-12T08:00:00Z\"}");
  run_until (fixture, "2025-01-12T07:59:59.999Z", none);
  run_until (fixture, "2025-02-01T00:00:00Z", once);
}

static void
test_ends_on (Fixture      *fixture,
              gconstpointer data)
{
  const char *dates[] = {
    "2025-01-10T10:00:00.000Z", "2025-01-10T10:01:00.000Z", "2025-01-10T10:02:00.000Z", NULL
  };

  import (fixture, "{\"mode\": \"static\", \"startsOn\": \"2025-01-10T10:00:00Z\","
                   " \"repeat\": 60000, \"endsOn\": \"2025-01-10T10:02:00Z\"}");
  run_until (fixture, "2025-01-10T12:00:00Z", dates);
}

static void
test_limit_across_versions (Fixture      *fixture,
                            gconstpointer data)
{
  const char *first[] = { "2025-01-10T10:00:00.000Z", "2025-01-10T10:00:01.000Z", NULL };
  const char *all[] = {
    "2025-01-10T10:00:00.000Z", "2025-01-10T10:00:01.000Z",
    "2025-01-10T10:00:02.000Z", "2025-01-10T10:00:03.000Z", NULL
  };
  g_autoptr(GPtrArray) list = NULL;

  import (fixture, "{\"mode\": \"static\", \"startsOn\": \"2025-01-10T10:00:00Z\", \"repeat\": 1000, \"limit\": 4}");
  run_until (fixture, "2025-01-10T10:00:01.500Z", first);

  /* A second version counts the first one's runs. */
  import (fixture, "{\"mode\": \"static\", \"startsOn\": \"2025-01-10T10:00:00Z\", \"repeat\": 1000, \"limit\": 4,"
                   " \"endsOn\": \"2026-01-01T00:00:00Z\"}");
  run_until (fixture, "2025-01-10T11:00:00Z", all);

  list = list_executions (fixture);
  g_assert_cmpint (((SyExecution *) list->pdata[0])->version, !=,
                   ((SyExecution *) list->pdata[3])->version);
}

static void
test_dst_spring (Fixture      *fixture,
                 gconstpointer data)
{
  /* Berlin, 30 March 2025: 02:00 CET jumps to 03:00 CEST. The hourly 02:00
   * lands on 03:00 and fires once; the daily 02:30 fires at 03:30 CEST. */
  const char *hourly[] = {
    "2025-03-29T23:00:00.000Z", "2025-03-30T00:00:00.000Z", "2025-03-30T01:00:00.000Z",
    "2025-03-30T02:00:00.000Z", NULL
  };

  sy_clock_fake_set_now (fixture->clock, sy_test_ms_at ("2025-03-29T23:30:00+01:00"));
  import (fixture, "{\"mode\": \"static\", \"startsOn\": \"2025-03-01T00:00:00\", \"repeat\": \"0 0 * * * *\"}");
  run_until (fixture, "2025-03-30T04:30:00+02:00", hourly);
}

static void
test_dst_spring_daily (Fixture      *fixture,
                       gconstpointer data)
{
  const char *daily[] = { "2025-03-29T01:30:00.000Z", "2025-03-30T01:30:00.000Z", "2025-03-31T00:30:00.000Z", NULL };

  sy_clock_fake_set_now (fixture->clock, sy_test_ms_at ("2025-03-28T12:00:00Z"));
  import (fixture, "{\"mode\": \"static\", \"startsOn\": \"2025-03-01T00:00:00\", \"repeat\": \"0 30 2 * * *\"}");
  run_until (fixture, "2025-03-31T12:00:00Z", daily);
}

static void
test_dst_fall (Fixture      *fixture,
               gconstpointer data)
{
  /* Berlin, 26 October 2025: 03:00 CEST falls back to 02:00 CET. The
   * repeated hour fires once, at its first occurrence. */
  const char *hourly[] = {
    "2025-10-25T22:00:00.000Z", "2025-10-25T23:00:00.000Z", "2025-10-26T00:00:00.000Z",
    "2025-10-26T02:00:00.000Z", "2025-10-26T03:00:00.000Z", NULL
  };

  sy_clock_fake_set_now (fixture->clock, sy_test_ms_at ("2025-10-25T23:30:00+02:00"));
  import (fixture, "{\"mode\": \"static\", \"startsOn\": \"2025-10-01T00:00:00\", \"repeat\": \"0 0 * * * *\"}");
  run_until (fixture, "2025-10-26T04:30:00+01:00", hourly);
}

static void
test_restart_no_double_fire (Fixture      *fixture,
                             gconstpointer data)
{
  const char *before[] = {
    "2025-01-10T10:00:00.000Z", "2025-01-10T10:01:00.000Z", "2025-01-10T10:02:00.000Z", NULL
  };
  const char *after[] = {
    "2025-01-10T10:00:00.000Z", "2025-01-10T10:01:00.000Z", "2025-01-10T10:02:00.000Z",
    "2025-01-10T10:03:00.000Z", NULL
  };

  import (fixture, "{\"mode\": \"static\", \"startsOn\": \"2025-01-10T10:00:00Z\", \"repeat\": \"0 * * * * *\","
                   " \"missed\": \"run-once\"}");
  run_until (fixture, "2025-01-10T10:02:00Z", before);
  fixture_stop_engine (fixture);

  /* Even a clock that went back must not fire a handled instant again. */
  g_clear_object (&fixture->clock);
  fixture->clock = sy_clock_new_fake (sy_test_ms_at ("2025-01-10T09:59:30Z"));
  fixture_start_engine (fixture);
  run_until (fixture, "2025-01-10T10:03:00Z", after);
}

static void
test_missed (Fixture      *fixture,
             gconstpointer data)
{
  gboolean run_once = GPOINTER_TO_INT (data);
  g_autofree char *config = g_strdup_printf (
    "{\"mode\": \"static\", \"startsOn\": \"2025-01-10T10:00:00Z\", \"repeat\": 60000, \"missed\": \"%s\"}",
    run_once ? "run-once" : "skip");
  const char *before[] = { "2025-01-10T10:00:00.000Z", "2025-01-10T10:01:00.000Z", NULL };
  const char *skipped[] = { "2025-01-10T10:00:00.000Z", "2025-01-10T10:01:00.000Z",
                            "2025-01-10T10:11:00.000Z", NULL };
  const char *caught_up[] = { "2025-01-10T10:00:00.000Z", "2025-01-10T10:01:00.000Z",
                              "2025-01-10T10:10:00.000Z", "2025-01-10T10:11:00.000Z", NULL };

  import (fixture, config);
  run_until (fixture, "2025-01-10T10:01:30Z", before);
  fixture_stop_engine (fixture);

  sy_clock_fake_set_now (fixture->clock, sy_test_ms_at ("2025-01-10T10:10:30Z"));
  fixture_start_engine (fixture);
  run_until (fixture, "2025-01-10T10:11:00Z", run_once ? caught_up : skipped);
}

/* The real clock's alarms, briefly: an interval of 200 ms, three runs. */
static void
test_real_clock (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sy-schedule-real-XXXXXX", &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add (now, 300 * 1000);
  g_autofree char *starts_on = g_date_time_format_iso8601 (start);
  Fixture fixture = { .dir = g_steal_pointer (&dir), .clock = g_object_ref (sy_clock_get_default ()) };
  g_autofree char *config = g_strdup_printf (
    "{\"mode\": \"static\", \"startsOn\": \"%s\", \"repeat\": 200, \"limit\": 3}", starts_on);
  g_autoptr(GPtrArray) list = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  fixture_start_engine (&fixture);
  import (&fixture, config);
  do
    {
      g_clear_pointer (&list, g_ptr_array_unref);
      sy_test_sleep_ms (50);
      list = list_executions (&fixture);
    }
  while (list->len < 3 && g_get_monotonic_time () < deadline);
  sy_test_sleep_ms (500);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_executions (&fixture);
  g_assert_cmpuint (list->len, ==, 3);

  fixture_tear_down (&fixture, NULL);
}

static void
test_inspector_helpers (void)
{
  g_autoptr(JsonNode) node = json_from_string (
    "{\"mode\": \"static\", \"startsOn\": \"2025-01-10T10:00:00Z\", \"repeat\": 5400000, \"limit\": 3}", NULL);
  g_autoptr(GDateTime) after = g_date_time_new_from_iso8601 ("2025-01-10T11:00:00Z", NULL);
  g_autoptr(GPtrArray) fires = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = sy_schedule_describe (json_node_get_object (node));
  g_autofree char *first = NULL;
  g_autoptr(JsonNode) bad = json_from_string ("{\"mode\": \"static\", \"repeat\": \"61 * * * *\"}", NULL);

  g_assert_true (g_str_has_prefix (text, "Every 90 minutes, from 2025-01-10 11:00:00"));
  g_assert_nonnull (strstr (text, "at most 3 times"));

  fires = sy_schedule_next_fires (json_node_get_object (node), after, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fires->len, ==, 5);
  first = g_date_time_format_iso8601 (fires->pdata[0]);
  g_assert_cmpstr (first, ==, "2025-01-10T11:30:00Z");

  g_assert_null (sy_schedule_next_fires (json_node_get_object (bad), after, 5, &error));
  g_assert_error (error, SY_SCHEDULE_ERROR, SY_SCHEDULE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "trigger.config.repeat: "));
}

static void
test_validate_cron (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_data (
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"bad\", \"title\": \"Bad\","
    " \"trigger\": {\"type\": \"schedule\", \"config\": {\"mode\": \"static\","
    " \"startsOn\": \"2025-01-10T10:00:00Z\", \"repeat\": \"0 0 25 * * *\", \"missed\": \"later\"}},"
    " \"nodes\": []}", -1, &problems, &error);

  g_assert_null (workflow);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "trigger.config.repeat"));
  g_assert_nonnull (strstr (error->message, "trigger.config.missed"));
}

#define ADD(name, func, data) \
  g_test_add (name, Fixture, data, fixture_set_up, func, fixture_tear_down)

/* An interval typed into the inspector's text field is digits in a string. */
static void
test_interval_as_text (void)
{
  g_autoptr(JsonNode) number = json_from_string ("60000", NULL);
  g_autoptr(JsonNode) digits = json_from_string ("\"3600000\"", NULL);
  g_autoptr(JsonNode) cron = json_from_string ("\"0 0 9 * * 1-5\"", NULL);
  g_autoptr(JsonNode) mixed = json_from_string ("\"12a\"", NULL);
  g_autoptr(JsonNode) config = json_from_string ("{\"mode\": \"static\", \"startsOn\": \"2025-03-01T00:00:00Z\","
                                                 " \"repeat\": \"3600000\"}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SySchedule) schedule = NULL;
  gint64 ms = 0;

  g_assert_true (sy_schedule_repeat_interval (number, &ms));
  g_assert_cmpint (ms, ==, 60000);
  g_assert_true (sy_schedule_repeat_interval (digits, &ms));
  g_assert_cmpint (ms, ==, 3600000);
  g_assert_false (sy_schedule_repeat_interval (cron, &ms));
  g_assert_false (sy_schedule_repeat_interval (mixed, &ms));
  g_assert_false (sy_schedule_repeat_interval (NULL, &ms));

  schedule = sy_schedule_new (json_node_get_object (config), &error);
  g_assert_no_error (error);
  /* 2025-03-01T00:00:00Z is 1740787200000 ms: the next fire is an hour on. */
  g_assert_cmpint (sy_schedule_next (schedule, 1740787200000), ==, 1740787200000 + 3600000);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);

  ADD ("/schedule/every-second", test_every_second, NULL);
  ADD ("/schedule/hourly", test_hourly, NULL);
  ADD ("/schedule/interval-aligned", test_interval_aligned, NULL);
  ADD ("/schedule/starts-in-future", test_starts_in_future, NULL);
  ADD ("/schedule/ends-on", test_ends_on, NULL);
  ADD ("/schedule/limit-across-versions", test_limit_across_versions, NULL);
  ADD ("/schedule/dst/spring", test_dst_spring, NULL);
  ADD ("/schedule/dst/spring-daily", test_dst_spring_daily, NULL);
  ADD ("/schedule/dst/fall", test_dst_fall, NULL);
  ADD ("/schedule/restart", test_restart_no_double_fire, NULL);
  ADD ("/schedule/missed/skip", test_missed, GINT_TO_POINTER (FALSE));
  ADD ("/schedule/missed/run-once", test_missed, GINT_TO_POINTER (TRUE));
  g_test_add_func ("/schedule/real-clock", test_real_clock);
  g_test_add_func ("/schedule/inspector-helpers", test_inspector_helpers);
  g_test_add_func ("/schedule/validate-cron", test_validate_cron);
  g_test_add_func ("/schedule/interval-as-text", test_interval_as_text);

  return g_test_run ();
}
