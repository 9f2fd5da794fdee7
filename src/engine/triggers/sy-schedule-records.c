/* sy-schedule-records.c — date-field schedules: a run at each record's time
 *
 * The next fire time of every record is kept in an agenda sorted by time;
 * one clock alarm waits for the first. A fire starts the execution, records
 * the instant and the count for that record (in the store's state table,
 * "schedule-record:<key>:<id>" = "<last ms> <count>"), and puts the record
 * back with its following time. A change of the collection recomputes the
 * agenda from the records.
 */
#define G_LOG_DOMAIN "sy-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "collections/sy-collection-runtime.h"
#include "sy-clock.h"
#include "sy-engine-private.h"
#include "sy-json.h"
#include "sy-schedule.h"
#include "triggers/sy-schedule-records.h"

#define NO_TIME (-1)

typedef struct
{
  gint64 due;
  gint64 id;
} Due;

struct _SyScheduleRecords
{
  SyEngine   *engine;     /* not a reference: stopped before the engine goes */
  SyClock    *clock;
  SySchedule *schedule;
  gint64      version_id;
  char       *key;
  char       *collection;
  char       *field;
  gint64      offset_ms;
  gint64      since;      /* start: what fell due before was missed */
  GSequence  *agenda;     /* of Due, by time then id */
  guint       alarm;
  guint       watch;
};

static const struct
{
  const char *name;
  gint64      ms;
} units[] = {
  { "second", 1000 },
  { "minute", 60 * 1000 },
  { "hour", 3600 * 1000 },
  { "day", 86400 * 1000 },
  { "week", 7 * 86400 * 1000 },
};

static int
compare_due (gconstpointer a,
             gconstpointer b,
             gpointer      data)
{
  const Due *x = a, *y = b;

  if (x->due != y->due)
    return x->due < y->due ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static SyCollectionStore *
store (SyScheduleRecords *self)
{
  return sy_collection_runtime_get_store (_sy_engine_get_collections (self->engine));
}

static char *
state_name (SyScheduleRecords *self,
            gint64             id)
{
  return g_strdup_printf ("schedule-record:%s:%" G_GINT64_FORMAT, self->key, id);
}

/* The last instant fired for a record (-1: none) and how many times. */
static void
get_state (SyScheduleRecords *self,
           gint64             id,
           gint64            *last,
           gint64            *count)
{
  g_autofree char *name = state_name (self, id);
  g_autofree char *text = sy_store_get_state (_sy_engine_get_store (self->engine), name, NULL);
  char *end = NULL;

  *last = NO_TIME;
  *count = 0;
  if (text == NULL)
    return;

  *last = g_ascii_strtoll (text, &end, 10);
  *count = end != NULL ? g_ascii_strtoll (end, NULL, 10) : 0;
}

static void
set_state (SyScheduleRecords *self,
           gint64             id,
           gint64             last,
           gint64             count)
{
  g_autofree char *name = state_name (self, id);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, last, count);
  g_autoptr(GError) error = NULL;

  if (!sy_store_set_state (_sy_engine_get_store (self->engine), name, text, &error))
    g_warning ("Schedule of “%s”: could not record the run of record %" G_GINT64_FORMAT ": %s",
               self->key, id, error->message);
}

/* The record's own time: a date is its local midnight. */
static gint64
record_time (SyScheduleRecords *self,
             JsonObject        *record)
{
  JsonNode *value = json_object_get_member (record, self->field);
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GTimeZone) local = NULL;
  const char *text;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NO_TIME;

  text = json_node_get_string (value);
  local = g_time_zone_new_local ();
  if (strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00", NULL);

      parsed = g_date_time_new_from_iso8601 (midnight, local);
    }
  else
    parsed = g_date_time_new_from_iso8601 (text, local);

  if (parsed == NULL)
    return NO_TIME;

  return g_date_time_to_unix (parsed) * 1000 + g_date_time_get_microsecond (parsed) / 1000;
}

/* The record's next fire strictly after what it already ran (and after
 * the start), or NO_TIME. */
static gint64
next_for (SyScheduleRecords *self,
          JsonObject        *record)
{
  gint64 id = json_object_get_int_member (record, "id");
  gint64 base = record_time (self, record);
  gint64 limit = sy_schedule_get_limit (self->schedule);
  gint64 last, count;

  if (base == NO_TIME)
    return NO_TIME;

  get_state (self, id, &last, &count);
  if (limit > 0 && count >= limit)
    return NO_TIME;

  sy_schedule_set_start (self->schedule, base + self->offset_ms);
  return sy_schedule_next (self->schedule, MAX (last, self->since - 1));
}

static void
agenda_add (SyScheduleRecords *self,
            gint64             id,
            gint64             due)
{
  Due *entry = g_new0 (Due, 1);

  entry->id = id;
  entry->due = due;
  g_sequence_insert_sorted (self->agenda, entry, compare_due, NULL);
}

static void alarm_rang (gpointer data);

static void
arm (SyScheduleRecords *self)
{
  GSequenceIter *first = g_sequence_get_begin_iter (self->agenda);

  if (self->alarm != 0)
    sy_clock_cancel (self->clock, self->alarm);
  self->alarm = 0;

  if (g_sequence_iter_is_end (first))
    return;

  self->alarm = sy_clock_add_alarm (self->clock, sy_engine_get_context (self->engine),
                                    ((Due *) g_sequence_get (first))->due, alarm_rang, self, NULL);
}

/* Every record's next time, from scratch. */
static void
rescan (SyScheduleRecords *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) records = sy_collection_store_query (store (self), self->collection, NULL, &error);

  g_sequence_remove_range (g_sequence_get_begin_iter (self->agenda), g_sequence_get_end_iter (self->agenda));
  if (records == NULL)
    {
      g_warning ("Schedule of “%s”: cannot read “%s”: %s", self->key, self->collection, error->message);
      return;
    }

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      gint64 due = next_for (self, record);

      if (due != NO_TIME)
        agenda_add (self, json_object_get_int_member (record, "id"), due);
    }

  arm (self);
}

static void
collection_changed (gpointer data)
{
  rescan (data);
}

static void
fire (SyScheduleRecords *self,
      JsonObject        *record,
      gint64             instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant / 1000);
  g_autofree char *seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *date = g_strdup_printf ("%s.%03dZ", seconds, (int) (instant % 1000));
  gint64 id = json_object_get_int_member (record, "id");
  g_autofree char *event_key = g_strdup_printf ("schedule:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT "@%" G_GINT64_FORMAT,
                                                self->version_id, id, instant);
  g_autoptr(JsonObject) context = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  gint64 last, count;

  get_state (self, id, &last, &count);
  set_state (self, id, instant, count + 1);

  json_object_set_object_member (context, "data", sy_json_object_deep_copy (record));
  json_object_set_string_member (context, "date", date);
  node = sy_json_node_take_object (g_steal_pointer (&context));
  sy_engine_trigger (self->engine, self->version_id, node, event_key, NULL, NULL);
}

static void
alarm_rang (gpointer data)
{
  SyScheduleRecords *self = data;
  gint64 now = sy_clock_now (self->clock);

  self->alarm = 0;
  while (!g_sequence_is_empty (self->agenda))
    {
      GSequenceIter *first = g_sequence_get_begin_iter (self->agenda);
      Due entry = *(Due *) g_sequence_get (first);
      g_autoptr(JsonObject) record = NULL;
      gint64 next;

      if (entry.due > now)
        break;
      g_sequence_remove (first);

      /* As it is now; gone records have nothing more to run. */
      record = sy_collection_store_get_record (store (self), self->collection, entry.id, NULL, NULL);
      if (record == NULL)
        continue;

      fire (self, record, entry.due);
      next = next_for (self, record);
      if (next != NO_TIME)
        agenda_add (self, entry.id, next);
    }

  arm (self);
}

SyScheduleRecords *
sy_schedule_records_start (SyEngine   *engine,
                           SyWorkflow *workflow,
                           GError    **error)
{
  JsonObject *config = sy_workflow_get_trigger_config (workflow);
  const char *unit = json_object_get_string_member_with_default (config, "unit", "day");
  g_autoptr(SySchedule) schedule = sy_schedule_new (config, error);
  SyCollectionRuntime *runtime = _sy_engine_get_collections (engine);
  SyScheduleRecords *self;
  gint64 unit_ms = 0;

  if (schedule == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (units[i].name, unit))
      unit_ms = units[i].ms;
  if (runtime == NULL)
    {
      g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_RUNNING, _("the collections are not open"));
      return NULL;
    }
  if (unit_ms == 0)
    {
      g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID, _("trigger.config.unit: unknown unit “%s”"), unit);
      return NULL;
    }

  self = g_new0 (SyScheduleRecords, 1);
  self->engine = engine;
  self->clock = g_object_ref (sy_clock_get_for_engine (engine));
  self->schedule = g_steal_pointer (&schedule);
  self->version_id = sy_workflow_get_version_id (workflow);
  self->key = g_strdup (sy_workflow_get_key (workflow));
  self->collection = g_strdup (json_object_get_string_member_with_default (config, "collection", ""));
  self->field = g_strdup (json_object_get_string_member_with_default (config, "field", ""));
  self->offset_ms = json_object_get_int_member_with_default (config, "offset", 0) * unit_ms;
  self->since = sy_clock_now (self->clock);
  self->agenda = g_sequence_new (g_free);
  self->watch = sy_collection_runtime_watch (runtime, self->collection, collection_changed, self);

  rescan (self);
  return self;
}

void
sy_schedule_records_stop (SyScheduleRecords *self)
{
  SyCollectionRuntime *runtime = _sy_engine_get_collections (self->engine);

  if (self->alarm != 0)
    sy_clock_cancel (self->clock, self->alarm);
  if (runtime != NULL)
    sy_collection_runtime_unwatch (runtime, self->watch);

  g_clear_object (&self->clock);
  g_clear_pointer (&self->schedule, sy_schedule_free);
  g_clear_pointer (&self->agenda, g_sequence_free);
  g_free (self->key);
  g_free (self->collection);
  g_free (self->field);
  g_free (self);
}
