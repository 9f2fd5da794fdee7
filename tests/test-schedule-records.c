/* test-schedule-records.c — schedules at each record's date field
 * (src/engine/triggers/sy-schedule-records.c), on a fake clock
 */
#include "config.h"

#include "sy-clock.h"
#include "sy-json.h"
#include "sy-test-collections.h"
#include "sy-test-engine.h"

typedef struct
{
  char     *dir;
  SyClock  *clock;
  SyEngine *engine;
} Fixture;

#define TASKS \
  "[{\"format\": \"switchyard-collection/1\", \"name\": \"tasks\", \"fields\": [" \
  "   {\"name\": \"title\", \"type\": \"string\"}," \
  "   {\"name\": \"due\", \"type\": \"datetime\"}," \
  "   {\"name\": \"day\", \"type\": \"date\"}]}]"

static void
set_up (Fixture      *fixture,
        gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = sy_test_make_dir ();
  fixture->clock = sy_clock_new_fake (sy_test_ms_at ("2025-01-10T09:00:00Z"));
  fixture->engine = sy_engine_new (fixture->dir);
  sy_clock_set_for_engine (fixture->engine, fixture->clock);
  g_assert_true (sy_engine_start (fixture->engine, &error));
  g_assert_no_error (error);
  sy_test_engine_define (fixture->engine, TASKS);
}

static void
tear_down (Fixture      *fixture,
           gconstpointer data)
{
  sy_engine_stop (fixture->engine);
  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->clock);
  sy_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
import_remind (Fixture    *fixture,
               const char *config)
{
  sy_test_import_triggered (fixture->engine, "remind", FALSE, "schedule", config, "[]");
}

/* Lets the clock run to `horizon`, then "id@date" of every run so far. */
static char *
runs_until (Fixture    *fixture,
            const char *horizon,
            guint       expected)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  sy_clock_fake_run_until (fixture->clock, sy_test_ms_at (horizon));
  for (guint tries = 0; tries < 200; tries++)
    {
      g_clear_pointer (&runs, g_ptr_array_unref);
      runs = sy_test_finished_executions (fixture->engine, "remind");
      if (runs->len >= expected)
        break;
      sy_test_sleep_ms (10);
    }
  /* A pause in which more would show. */
  sy_test_sleep_ms (100);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = sy_test_finished_executions (fixture->engine, "remind");

  for (guint i = 0; i < runs->len; i++)
    {
      SyExecution *execution = g_ptr_array_index (runs, i);
      g_autoptr(JsonNode) id = sy_json_get_path (execution->context, "data.id");
      g_autoptr(JsonNode) date = sy_json_get_path (execution->context, "date");

      g_string_append_printf (text, "%s%" G_GINT64_FORMAT "@%s", i > 0 ? " " : "", json_node_get_int (id),
                              json_node_get_string (date));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_offset_before (Fixture      *fixture,
                    gconstpointer data)
{
  g_autofree char *runs = NULL;
  g_autoptr(SyRecordAction) action = sy_record_action_new (SY_RECORD_ACTION_UPDATE, "tasks");
  g_autoptr(JsonNode) values = sy_test_json ("{\"due\": \"2025-01-10T11:00:00Z\"}");
  g_autoptr(SyActionOutcome) outcome = NULL;

  sy_test_engine_insert (fixture->engine, "tasks", "{\"title\": \"soon\", \"due\": \"2025-01-10T10:00:00Z\"}");
  sy_test_engine_insert (fixture->engine, "tasks", "{\"title\": \"later\", \"due\": \"2025-01-10T12:00:00Z\"}");
  sy_test_engine_insert (fixture->engine, "tasks", "{\"title\": \"never\"}");
  sy_test_engine_insert (fixture->engine, "tasks", "{\"title\": \"past\", \"due\": \"2025-01-09T10:00:00Z\"}");

  /* Half an hour before each due time. */
  import_remind (fixture, "{\"mode\": \"date-field\", \"collection\": \"tasks\", \"field\": \"due\","
                          " \"offset\": -30, \"unit\": \"minute\"}");

  runs = runs_until (fixture, "2025-01-10T10:00:00Z", 1);
  g_assert_cmpstr (runs, ==, "1@2025-01-10T09:30:00.000Z");
  g_clear_pointer (&runs, g_free);

  /* Moving a record moves its run. */
  sy_record_action_add_id (action, 2);
  sy_record_action_set_values (action, json_node_get_object (values));
  outcome = sy_test_run_action (fixture->engine, action, NULL);
  g_assert_nonnull (outcome);
  sy_test_sleep_ms (50);

  runs = runs_until (fixture, "2025-01-10T13:00:00Z", 2);
  g_assert_cmpstr (runs, ==, "1@2025-01-10T09:30:00.000Z 2@2025-01-10T10:30:00.000Z");
  g_clear_pointer (&runs, g_free);

  /* A record added later gets its run too; nothing fires twice. */
  sy_test_engine_insert (fixture->engine, "tasks", "{\"title\": \"new\", \"due\": \"2025-01-10T14:00:00Z\"}");
  sy_test_sleep_ms (50);
  runs = runs_until (fixture, "2025-01-11T00:00:00Z", 3);
  g_assert_cmpstr (runs, ==, "1@2025-01-10T09:30:00.000Z 2@2025-01-10T10:30:00.000Z 5@2025-01-10T13:30:00.000Z");
}

static void
test_repeat_and_limit (Fixture      *fixture,
                       gconstpointer data)
{
  g_autofree char *runs = NULL;

  sy_test_engine_insert (fixture->engine, "tasks", "{\"title\": \"a\", \"due\": \"2025-01-10T10:00:00Z\"}");
  sy_test_engine_insert (fixture->engine, "tasks", "{\"title\": \"b\", \"due\": \"2025-01-10T10:20:00Z\"}");

  /* Every hour from the due time, three times per record. */
  import_remind (fixture, "{\"mode\": \"date-field\", \"collection\": \"tasks\", \"field\": \"due\","
                          " \"repeat\": 3600000, \"limit\": 3}");

  runs = runs_until (fixture, "2025-01-10T23:00:00Z", 6);
  g_assert_cmpstr (runs, ==,
                   "1@2025-01-10T10:00:00.000Z 2@2025-01-10T10:20:00.000Z 1@2025-01-10T11:00:00.000Z "
                   "2@2025-01-10T11:20:00.000Z 1@2025-01-10T12:00:00.000Z 2@2025-01-10T12:20:00.000Z");
}

static void
test_date_field_and_ends_on (Fixture      *fixture,
                             gconstpointer data)
{
  g_autofree char *runs = NULL;
  g_autoptr(GPtrArray) executions = NULL;
  g_autoptr(JsonNode) title = NULL;

  sy_test_engine_insert (fixture->engine, "tasks", "{\"title\": \"monday\", \"day\": \"2025-01-13\"}");
  sy_test_engine_insert (fixture->engine, "tasks", "{\"title\": \"friday\", \"day\": \"2025-01-17\"}");

  /* A date is its local midnight (the tests run in UTC): the day before at
   * 09:00 is 15 hours earlier; nothing after endsOn. */
  import_remind (fixture, "{\"mode\": \"date-field\", \"collection\": \"tasks\", \"field\": \"day\","
                          " \"offset\": -15, \"unit\": \"hour\", \"endsOn\": \"2025-01-15T00:00:00Z\"}");

  runs = runs_until (fixture, "2025-01-20T00:00:00Z", 1);
  g_assert_cmpstr (runs, ==, "1@2025-01-12T09:00:00.000Z");

  executions = sy_test_finished_executions (fixture->engine, "remind");
  title = sy_json_get_path (((SyExecution *) g_ptr_array_index (executions, 0))->context, "data.title");
  g_assert_cmpstr (json_node_get_string (title), ==, "monday");
}

int
main (int   argc,
      char *argv[])
{
  /* Dates are local midnights: make local UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/schedule-records/" path, Fixture, NULL, set_up, func, tear_down)

  ADD ("offset-before", test_offset_before);
  ADD ("repeat-and-limit", test_repeat_and_limit);
  ADD ("date-field-and-ends-on", test_date_field_and_ends_on);

  return g_test_run ();
}
