/* sy-variables.c — the variables a node sees */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sy-variables.h"

/* NocoBase's $system.epoch is a constant (the start of its snowflake ids),
 * not the current time; keep it so imported workflows behave the same. */
#define SY_SYSTEM_EPOCH 1605024000

struct _SyVariables
{
  gatomicrefcount ref_count;

  JsonNode   *context;
  GHashTable *jobs;   /* node key → JsonNode */
  GHashTable *scopes; /* loop key → JsonNode {item, index, sequence, length} */
  GDateTime  *now;    /* NULL: the real time at each lookup */
  GTimeZone  *time_zone;
  GHashTable *env;    /* NULL: the process environment */
};

G_DEFINE_BOXED_TYPE (SyVariables, sy_variables, sy_variables_ref, sy_variables_unref)

G_DEFINE_QUARK (sy-variables-error-quark, sy_variables_error)

static const char * const roots[] = {
  "$context", "$jobsMapByNodeKey", "$scopes", "$system", "$env", NULL,
};

typedef enum { UNIT_DAY, UNIT_WEEK, UNIT_MONTH, UNIT_QUARTER, UNIT_YEAR, UNIT_LAST_DAYS, UNIT_NEXT_DAYS } RangeUnit;

typedef struct
{
  const char *name;
  RangeUnit   unit;
  int         offset; /* units from the current one, or a number of days */
} DateRange;

static const DateRange date_ranges[] = {
  { "yesterday", UNIT_DAY, -1 },
  { "today", UNIT_DAY, 0 },
  { "tomorrow", UNIT_DAY, 1 },
  { "lastWeek", UNIT_WEEK, -1 },
  { "thisWeek", UNIT_WEEK, 0 },
  { "nextWeek", UNIT_WEEK, 1 },
  { "lastMonth", UNIT_MONTH, -1 },
  { "thisMonth", UNIT_MONTH, 0 },
  { "nextMonth", UNIT_MONTH, 1 },
  { "lastQuarter", UNIT_QUARTER, -1 },
  { "thisQuarter", UNIT_QUARTER, 0 },
  { "nextQuarter", UNIT_QUARTER, 1 },
  { "lastYear", UNIT_YEAR, -1 },
  { "thisYear", UNIT_YEAR, 0 },
  { "nextYear", UNIT_YEAR, 1 },
  { "last7Days", UNIT_LAST_DAYS, 7 },
  { "next7Days", UNIT_NEXT_DAYS, 7 },
  { "last30Days", UNIT_LAST_DAYS, 30 },
  { "next30Days", UNIT_NEXT_DAYS, 30 },
  { "last90Days", UNIT_LAST_DAYS, 90 },
  { "next90Days", UNIT_NEXT_DAYS, 90 },
};

static GHashTable *
node_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
}

SyVariables *
sy_variables_new (void)
{
  SyVariables *self = g_new0 (SyVariables, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->jobs = node_table_new ();
  self->scopes = node_table_new ();

  return self;
}

SyVariables *
sy_variables_ref (SyVariables *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sy_variables_unref (SyVariables *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->context, json_node_unref);
  g_clear_pointer (&self->jobs, g_hash_table_unref);
  g_clear_pointer (&self->scopes, g_hash_table_unref);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->env, g_hash_table_unref);
  g_free (self);
}

static void
copy_nodes (GHashTable *from,
            GHashTable *to)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (to, g_strdup (key), json_node_ref (value));
}

/* Shallow: the values are shared, only the tables are new, so a loop body
 * can get its own scope without copying the data it reads. */
SyVariables *
sy_variables_copy (SyVariables *self)
{
  SyVariables *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = sy_variables_new ();
  if (self->context != NULL)
    copy->context = json_node_ref (self->context);
  copy_nodes (self->jobs, copy->jobs);
  copy_nodes (self->scopes, copy->scopes);
  if (self->now != NULL)
    copy->now = g_date_time_ref (self->now);
  if (self->time_zone != NULL)
    copy->time_zone = g_time_zone_ref (self->time_zone);
  if (self->env != NULL)
    copy->env = g_hash_table_ref (self->env);

  return copy;
}

void
sy_variables_set_context (SyVariables *self,
                          JsonNode    *context)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->context, json_node_unref);
  if (context != NULL)
    self->context = json_node_ref (context);
}

void
sy_variables_set_job_result (SyVariables *self,
                             const char  *node_key,
                             JsonNode    *result)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (node_key != NULL);

  if (result == NULL)
    g_hash_table_insert (self->jobs, g_strdup (node_key), json_node_new (JSON_NODE_NULL));
  else
    g_hash_table_insert (self->jobs, g_strdup (node_key), json_node_ref (result));
}

void
sy_variables_set_scope (SyVariables *self,
                        const char  *loop_key,
                        JsonNode    *item,
                        guint        index,
                        guint        length)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  g_return_if_fail (self != NULL);
  g_return_if_fail (loop_key != NULL);

  if (item != NULL)
    json_object_set_member (object, "item", json_node_ref (item));
  else
    json_object_set_null_member (object, "item");
  json_object_set_int_member (object, "index", index);
  json_object_set_int_member (object, "sequence", (gint64) index + 1);
  json_object_set_int_member (object, "length", length);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  g_hash_table_insert (self->scopes, g_strdup (loop_key), node);
}

void
sy_variables_set_now (SyVariables *self,
                      GDateTime   *now)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);
}

void
sy_variables_set_time_zone (SyVariables *self,
                            GTimeZone   *time_zone)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  if (time_zone != NULL)
    self->time_zone = g_time_zone_ref (time_zone);
}

/* @env maps names to values (both strings) and replaces the process
 * environment entirely; NULL restores it. */
void
sy_variables_set_env_overrides (SyVariables *self,
                                GHashTable  *env)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->env, g_hash_table_unref);
  if (env != NULL)
    self->env = g_hash_table_ref (env);
}

gboolean
sy_variables_is_root (const char *name,
                      gsize       length)
{
  for (guint i = 0; roots[i] != NULL; i++)
    if (strlen (roots[i]) == length && strncmp (roots[i], name, length) == 0)
      return TRUE;

  return FALSE;
}

/* NocoBase 2.0 also accepts ctx.$context…; both spellings mean the same. */
const char *
sy_variables_strip_alias (const char *path)
{
  if (g_str_has_prefix (path, "ctx.$"))
    return path + strlen ("ctx.");

  return path;
}

const char * const *
sy_variables_get_date_range_names (void)
{
  static const char *names[G_N_ELEMENTS (date_ranges) + 1];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (date_ranges); i++)
        names[i] = date_ranges[i].name;
      g_once_init_leave (&initialized, 1);
    }

  return names;
}

static GDateTime *
get_now (SyVariables *self)
{
  if (self->now != NULL)
    return g_date_time_ref (self->now);

  return g_date_time_new_now_utc ();
}

/* RFC 3339 with milliseconds; "Z" for a zero offset. */
static char *
format_timestamp (GDateTime *time)
{
  g_autofree char *base = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  GTimeSpan offset = g_date_time_get_utc_offset (time) / G_TIME_SPAN_MINUTE;
  int ms = g_date_time_get_microsecond (time) / 1000;

  if (offset == 0)
    return g_strdup_printf ("%s.%03dZ", base, ms);

  return g_strdup_printf ("%s.%03d%c%02d:%02d", base, ms, offset < 0 ? '-' : '+',
                          (int) (ABS (offset) / 60), (int) (ABS (offset) % 60));
}

static JsonNode *
string_node_take (char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  g_free (text);
  return node;
}

static GDateTime *
local_midnight (GTimeZone *tz,
                GDate     *date)
{
  return g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date), 0, 0, 0);
}

static JsonNode *
date_range_node (SyVariables     *self,
                 const DateRange *range)
{
  g_autoptr(GTimeZone) tz = self->time_zone != NULL ? g_time_zone_ref (self->time_zone)
                                                    : g_time_zone_new_local ();
  g_autoptr(GDateTime) now = get_now (self);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, tz);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end_exclusive = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  GDate first, after;
  JsonNode *node;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));

  switch (range->unit)
    {
    case UNIT_DAY:
      if (range->offset < 0)
        g_date_subtract_days (&first, -range->offset);
      else
        g_date_add_days (&first, range->offset);
      after = first;
      g_date_add_days (&after, 1);
      break;

    case UNIT_WEEK:
      /* ISO weeks: Monday is the first day. */
      g_date_subtract_days (&first, g_date_get_weekday (&first) - G_DATE_MONDAY);
      if (range->offset < 0)
        g_date_subtract_days (&first, 7 * -range->offset);
      else
        g_date_add_days (&first, 7 * range->offset);
      after = first;
      g_date_add_days (&after, 7);
      break;

    case UNIT_MONTH:
    case UNIT_QUARTER:
      {
        guint months = range->unit == UNIT_MONTH ? 1 : 3;
        guint month = g_date_get_month (&first);

        if (range->unit == UNIT_QUARTER)
          month = ((month - 1) / 3) * 3 + 1;
        g_date_set_dmy (&first, 1, month, g_date_get_year (&first));
        if (range->offset < 0)
          g_date_subtract_months (&first, months * -range->offset);
        else
          g_date_add_months (&first, months * range->offset);
        after = first;
        g_date_add_months (&after, months);
      }
      break;

    case UNIT_YEAR:
      g_date_set_dmy (&first, 1, G_DATE_JANUARY, g_date_get_year (&first) + range->offset);
      after = first;
      g_date_add_years (&after, 1);
      break;

    case UNIT_LAST_DAYS:
      /* NocoBase: the last N days include today. */
      after = first;
      g_date_add_days (&after, 1);
      g_date_subtract_days (&first, range->offset - 1);
      break;

    case UNIT_NEXT_DAYS:
      /* …and the next N days start tomorrow. */
      g_date_add_days (&first, 1);
      after = first;
      g_date_add_days (&after, range->offset);
      break;

    default:
      g_assert_not_reached ();
    }

  start = local_midnight (tz, &first);
  end_exclusive = local_midnight (tz, &after);
  end = g_date_time_add (end_exclusive, -G_TIME_SPAN_MILLISECOND);

  json_array_add_element (array, string_node_take (format_timestamp (start)));
  json_array_add_element (array, string_node_take (format_timestamp (end)));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

static JsonNode *
date_range_object (SyVariables *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  for (guint i = 0; i < G_N_ELEMENTS (date_ranges); i++)
    json_object_set_member (object, date_ranges[i].name, date_range_node (self, &date_ranges[i]));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

static JsonNode *
table_object (GHashTable *table)
{
  g_autoptr(JsonObject) object = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;
  JsonNode *node;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_member (object, key, json_node_ref (value));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

/* $system.<name>[.<range>]: values computed at lookup time. @consumed
 * counts the segments used after "$system". */
static JsonNode *
lookup_system (SyVariables *self,
               char       **segments,
               guint       *consumed)
{
  *consumed = 1;

  if (segments[0] == NULL)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(GDateTime) now = get_now (self);
      g_autoptr(GDateTime) utc = g_date_time_to_utc (now);
      JsonNode *node;

      *consumed = 0;
      json_object_set_member (object, "now", string_node_take (format_timestamp (utc)));
      json_object_set_int_member (object, "epoch", SY_SYSTEM_EPOCH);
      json_object_set_member (object, "dateRange", date_range_object (self));
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, object);
      return node;
    }

  if (g_str_equal (segments[0], "now"))
    {
      g_autoptr(GDateTime) now = get_now (self);
      g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

      return string_node_take (format_timestamp (utc));
    }

  if (g_str_equal (segments[0], "epoch"))
    {
      JsonNode *node = json_node_new (JSON_NODE_VALUE);

      json_node_set_int (node, SY_SYSTEM_EPOCH);
      return node;
    }

  if (g_str_equal (segments[0], "dateRange"))
    {
      if (segments[1] == NULL)
        return date_range_object (self);

      for (guint i = 0; i < G_N_ELEMENTS (date_ranges); i++)
        if (g_str_equal (segments[1], date_ranges[i].name))
          {
            *consumed = 2;
            return date_range_node (self, &date_ranges[i]);
          }
    }

  return NULL;
}

static JsonNode *
lookup_env (SyVariables *self,
            const char  *name)
{
  const char *value;

  if (self->env != NULL)
    value = g_hash_table_lookup (self->env, name);
  else
    value = g_getenv (name);

  if (value == NULL)
    return NULL;

  return string_node_take (g_strdup (value));
}

static gboolean
is_index (const char *segment)
{
  if (*segment == '\0')
    return FALSE;

  for (const char *p = segment; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

/* NocoBase's appendArrayColumn: a name applied to an array maps over the
 * elements and flattens one level, so q.title on a list of records gives
 * the list of titles. Elements without the member give null. */
static JsonNode *
map_array (JsonArray  *array,
           const char *name)
{
  g_autoptr(JsonArray) result = json_array_new ();
  guint length = json_array_get_length (array);
  JsonNode *node;

  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonNode *member = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        member = json_object_get_member (json_node_get_object (element), name);

      if (member == NULL)
        json_array_add_null_element (result);
      else if (JSON_NODE_HOLDS_ARRAY (member))
        {
          JsonArray *inner = json_node_get_array (member);

          for (guint j = 0; j < json_array_get_length (inner); j++)
            json_array_add_element (result, json_node_ref (json_array_get_element (inner, j)));
        }
      else
        json_array_add_element (result, json_node_ref (member));
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, result);
  return node;
}

static JsonNode *
walk (JsonNode *node,
      char    **segments)
{
  g_autoptr(JsonNode) current = node;

  for (guint i = 0; segments[i] != NULL && current != NULL; i++)
    {
      const char *segment = segments[i];
      JsonNode *next = NULL;

      if (JSON_NODE_HOLDS_OBJECT (current))
        {
          JsonNode *member = json_object_get_member (json_node_get_object (current), segment);

          if (member != NULL)
            next = json_node_ref (member);
        }
      else if (JSON_NODE_HOLDS_ARRAY (current))
        {
          JsonArray *array = json_node_get_array (current);

          if (is_index (segment))
            {
              guint64 index = g_ascii_strtoull (segment, NULL, 10);

              if (index < json_array_get_length (array))
                next = json_node_ref (json_array_get_element (array, index));
            }
          else if (g_str_equal (segment, "length"))
            {
              /* JavaScript arrays have .length and NocoBase paths use it */
              next = json_node_new (JSON_NODE_VALUE);
              json_node_set_int (next, json_array_get_length (array));
            }
          else
            next = map_array (array, segment);
        }

      g_clear_pointer (&current, json_node_unref);
      current = next;
    }

  return g_steal_pointer (&current);
}

/**
 * sy_variables_lookup:
 * @path: e.g. `$context.data.items.0.qty` (no braces, no default)
 * @found: (out) (optional): whether the path names a value (JSON null counts)
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when it is
 *   missing (with @found FALSE) or the path is malformed (with @error set).
 */
JsonNode *
sy_variables_lookup (SyVariables *self,
                     const char  *path,
                     gboolean    *found,
                     GError     **error)
{
  g_auto(GStrv) segments = NULL;
  JsonNode *base = NULL;
  guint rest = 1;
  JsonNode *value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (found != NULL)
    *found = FALSE;

  path = sy_variables_strip_alias (path);
  segments = g_strsplit (path, ".", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    if (*g_strstrip (segments[i]) == '\0')
      {
        g_set_error (error, SY_VARIABLES_ERROR, SY_VARIABLES_ERROR_INVALID_PATH,
                     _("variable path “%s” has an empty name"), path);
        return NULL;
      }

  if (segments[0] == NULL || !sy_variables_is_root (segments[0], strlen (segments[0])))
    {
      g_set_error (error, SY_VARIABLES_ERROR, SY_VARIABLES_ERROR_UNKNOWN_ROOT,
                   _("variable path “%s” must start with $context, $jobsMapByNodeKey, $scopes, $system or $env"),
                   path);
      return NULL;
    }

  if (g_str_equal (segments[0], "$context"))
    base = self->context != NULL ? json_node_ref (self->context) : NULL;
  else if (g_str_equal (segments[0], "$jobsMapByNodeKey") || g_str_equal (segments[0], "$scopes"))
    {
      GHashTable *table = segments[0][1] == 'j' ? self->jobs : self->scopes;

      if (segments[1] == NULL)
        base = table_object (table);
      else
        {
          base = g_hash_table_lookup (table, segments[1]);
          if (base != NULL)
            json_node_ref (base);
          rest = 2;
        }
    }
  else if (g_str_equal (segments[0], "$system"))
    {
      guint consumed;

      base = lookup_system (self, segments + 1, &consumed);
      rest = 1 + consumed;
    }
  else if (segments[1] != NULL)
    {
      base = lookup_env (self, segments[1]);
      rest = 2;
    }

  if (base == NULL)
    return NULL;

  value = walk (base, segments + rest);
  if (found != NULL)
    *found = value != NULL;

  return value;
}
