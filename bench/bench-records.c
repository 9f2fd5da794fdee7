/* bench-records.c — a collection of 100,000 records: writes, filters, pages, updates
 *
 * Prints, for N records (default 100,000) in data.db:
 *  - insert rate through the store, 1,000 records per transaction (as a
 *    busy engine pump commits them), and through the engine's create
 *    action one at a time (each a pump of its own, workflows looked up);
 *  - filtered queries: on an indexed belongs-to, on unindexed fields, and
 *    through a belongs-to join; with their counts;
 *  - page fetches: the first and a deep page, by id and by an unindexed sort;
 *  - updates: one batch statement over a fifth of the records, and single
 *    updates by id;
 *  - an aggregate over every record.
 *
 * Usage: bench/records [N]
 */
#include "config.h"

#include <glib/gstdio.h>

#include "collections/sy-collection-store.h"
#include "collections/sy-engine-collections.h"

#define N_MAKERS      100
#define BATCH         1000
#define N_ACTIONS     2000
#define N_UPDATES     1000
#define PAGE_SIZE     25
#define REPEATS       5

static const char definitions[] =
  "[{\"format\": \"switchyard-collection/1\", \"name\": \"makers\", \"fields\": ["
  "   {\"name\": \"name\", \"type\": \"string\", \"required\": true}]},"
  " {\"format\": \"switchyard-collection/1\", \"name\": \"items\", \"fields\": ["
  "   {\"name\": \"title\", \"type\": \"string\", \"required\": true},"
  "   {\"name\": \"category\", \"type\": \"choice\", \"options\": [\"a\", \"b\", \"c\", \"d\", \"e\"]},"
  "   {\"name\": \"qty\", \"type\": \"integer\"},"
  "   {\"name\": \"price\", \"type\": \"number\"},"
  "   {\"name\": \"due\", \"type\": \"date\"},"
  "   {\"name\": \"maker\", \"type\": \"belongs-to\", \"target\": \"makers\"}]}]";

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static void
check (gboolean     ok,
       const GError *error)
{
  if (!ok)
    g_error ("%s", error != NULL ? error->message : "failed");
}

static JsonObject *
item_values (guint i)
{
  JsonObject *values = json_object_new ();
  g_autofree char *title = g_strdup_printf ("Item %u", i);
  g_autofree char *due = g_strdup_printf ("2026-%02u-%02u", 1 + i % 12, 1 + i % 28);
  static const char * const categories[] = { "a", "b", "c", "d", "e" };

  json_object_set_string_member (values, "title", title);
  json_object_set_string_member (values, "category", categories[i % 5]);
  json_object_set_int_member (values, "qty", (gint64) (i * 7919) % 1000);
  json_object_set_double_member (values, "price", 1.0 + (double) ((i * 104729) % 100000) / 100.0);
  json_object_set_string_member (values, "due", due);
  json_object_set_int_member (values, "maker", 1 + i % N_MAKERS);

  return values;
}

static void
define (SyCollectionStore *store)
{
  g_autoptr(JsonNode) node = json_from_string (definitions, NULL);
  g_autoptr(GPtrArray) collections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      SyCollection *collection = sy_collection_new_from_json (json_array_get_element (json_node_get_array (node), i),
                                                              &error);

      check (collection != NULL, error);
      g_ptr_array_add (collections, collection);
    }
  check (sy_collection_store_define (store, collections, NULL, &error), error);
}

static void
insert_records (SyCollectionStore *store,
                guint              n)
{
  g_autoptr(GError) error = NULL;
  gint64 start;

  check (sy_collection_store_begin (store, &error), error);
  for (guint i = 0; i < N_MAKERS; i++)
    {
      g_autoptr(JsonObject) values = json_object_new ();
      g_autofree char *name = g_strdup_printf ("Maker %u", i + 1);
      g_autoptr(JsonObject) record = NULL;

      json_object_set_string_member (values, "name", name);
      record = sy_collection_store_insert (store, "makers", values, &error);
      check (record != NULL, error);
    }
  check (sy_collection_store_commit (store, &error), error);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) values = item_values (i);
      g_autoptr(JsonObject) record = NULL;

      if (i % BATCH == 0)
        check (sy_collection_store_begin (store, &error), error);
      record = sy_collection_store_insert (store, "items", values, &error);
      check (record != NULL, error);
      if (i % BATCH == BATCH - 1 || i == n - 1)
        check (sy_collection_store_commit (store, &error), error);
    }
  g_print ("insert, store, %u per transaction:  %8.0f records/s  (%u in %.2f s)\n", BATCH, n / seconds_since (start), n,
           seconds_since (start));

  /* As the engine does after its commits. */
  start = g_get_monotonic_time ();
  check (sy_collection_store_refresh_statistics (store, &error), error);
  g_print ("planner statistics of the table:      %8.2f ms\n", seconds_since (start) * 1000.0);
}

/* Median time of a few runs, in milliseconds; `count` gets the rows. */
static double
time_query (SyCollectionStore   *store,
            const SyRecordQuery *query,
            guint               *count)
{
  double times[REPEATS];

  for (guint r = 0; r < REPEATS; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(JsonArray) records = sy_collection_store_query (store, "items", query, &error);

      times[r] = seconds_since (start) * 1000.0;
      check (records != NULL, error);
      *count = json_array_get_length (records);
    }

  for (guint i = 0; i < REPEATS; i++)
    for (guint j = i + 1; j < REPEATS; j++)
      if (times[j] < times[i])
        {
          double swap = times[i];

          times[i] = times[j];
          times[j] = swap;
        }

  return times[REPEATS / 2];
}

static void
report_filter (SyCollectionStore *store,
               const char        *label,
               const char        *filter_text)
{
  g_autoptr(JsonNode) filter = json_from_string (filter_text, NULL);
  SyRecordQuery query = { .filter = filter };
  g_autoptr(GError) error = NULL;
  gint64 start;
  gint64 total;
  double count_ms;
  guint rows;
  double ms = time_query (store, &query, &rows);

  start = g_get_monotonic_time ();
  total = sy_collection_store_count (store, "items", filter, &error);
  count_ms = seconds_since (start) * 1000.0;
  check (total >= 0, error);

  g_print ("filter %-34s %8.2f ms for %6u records; count %6.2f ms\n", label, ms, rows, count_ms);
}

static void
report_page (SyCollectionStore  *store,
             const char         *label,
             guint               page,
             const char * const *sort)
{
  SyRecordQuery query = { .page = page, .page_size = PAGE_SIZE, .sort = sort };
  guint rows;
  double ms = time_query (store, &query, &rows);

  g_print ("page  %-34s %8.2f ms for %6u records\n", label, ms, rows);
}

static void
report_updates (SyCollectionStore *store,
                guint              n)
{
  g_autoptr(JsonNode) filter = json_from_string ("{\"category\": \"a\"}", NULL);
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  gint64 start, changed;

  json_object_set_int_member (values, "qty", 5);
  check (sy_collection_store_begin (store, &error), error);
  start = g_get_monotonic_time ();
  changed = sy_collection_store_update_where (store, "items", filter, values, &error);
  check (changed >= 0, error);
  check (sy_collection_store_commit (store, &error), error);
  g_print ("update, one batch statement:          %8.2f ms for %" G_GINT64_FORMAT " records\n",
           seconds_since (start) * 1000.0, changed);

  check (sy_collection_store_begin (store, &error), error);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_UPDATES; i++)
    {
      g_autoptr(JsonObject) record = NULL;

      json_object_set_int_member (values, "qty", i);
      record = sy_collection_store_update (store, "items", 1 + (gint64) ((i * 7919) % n), values, NULL, &error);
      check (record != NULL, error);
    }
  check (sy_collection_store_commit (store, &error), error);
  g_print ("update, by id (read back each):       %8.1f us each  (%u in one transaction)\n",
           seconds_since (start) * 1e6 / N_UPDATES, N_UPDATES);
}

/* ── Through the engine ────────────────────────────────────────────────── */

typedef struct
{
  GMainLoop *loop;
  guint      outstanding;
  guint      failed;
} Waiter;

static void
action_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Waiter *waiter = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyActionOutcome) outcome = sy_engine_run_action_finish (SY_ENGINE (source), result, &error);

  if (outcome == NULL || outcome->status != SY_ACTION_DONE)
    waiter->failed++;
  if (--waiter->outstanding == 0)
    g_main_loop_quit (waiter->loop);
}

static void
report_actions (const char *dir)
{
  g_autoptr(SyEngine) engine = sy_engine_new (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Waiter waiter = { loop, 0, 0 };
  gint64 start;

  check (sy_engine_start (engine, &error), error);

  /* All submitted at once: the engine takes several per pump. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_ACTIONS; i++)
    {
      g_autoptr(SyRecordAction) action = sy_record_action_new (SY_RECORD_ACTION_CREATE, "items");
      g_autoptr(JsonObject) values = item_values (i);

      sy_record_action_set_values (action, values);
      waiter.outstanding++;
      sy_engine_run_action_async (engine, action, NULL, action_done, &waiter);
    }
  g_main_loop_run (loop);
  g_print ("insert, engine create action:         %8.0f records/s  (%u submitted at once, %u failed)\n",
           N_ACTIONS / seconds_since (start), N_ACTIONS, waiter.failed);

  /* One after the other: each waits for its own pump and commit. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_ACTIONS / 10; i++)
    {
      g_autoptr(SyRecordAction) action = sy_record_action_new (SY_RECORD_ACTION_CREATE, "items");
      g_autoptr(JsonObject) values = item_values (i);

      sy_record_action_set_values (action, values);
      waiter.outstanding = 1;
      sy_engine_run_action_async (engine, action, NULL, action_done, &waiter);
      g_main_loop_run (loop);
    }
  g_print ("insert, engine create action, serial:  %7.2f ms each\n", seconds_since (start) * 1000.0 / (N_ACTIONS / 10));

  sy_engine_stop (engine);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("bench-records-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "data.db", NULL);
  g_autoptr(GError) error = NULL;
  const char *by_price[] = { "-price", NULL };
  g_autoptr(SyCollectionStore) store = NULL;

  if (n < 1000)
    n = 1000;

  store = sy_collection_store_open (path, SY_STORE_READ_WRITE, &error);
  check (store != NULL, error);
  define (store);
  g_print ("bench/records: %u records in data.db (%s)\n\n", n, dir);

  insert_records (store, n);
  g_print ("\n");

  report_filter (store, "maker = 17 (indexed)", "{\"maker\": 17}");
  report_filter (store, "id in range (primary key)", "{\"id\": {\"$gte\": 5000, \"$lt\": 6000}}");
  report_filter (store, "qty > 990 (not indexed)", "{\"qty\": {\"$gt\": 990}}");
  report_filter (store, "title includes \"99\" (not indexed)", "{\"title\": {\"$includes\": \"99\"}}");
  report_filter (store, "category a and qty < 10", "{\"$and\": [{\"category\": \"a\"}, {\"qty\": {\"$lt\": 10}}]}");
  report_filter (store, "maker.name = Maker 17 (join)", "{\"maker.name\": \"Maker 17\"}");
  report_filter (store, "due in March (date range)", "{\"due\": [\"2026-03-01\", \"2026-03-31\"]}");
  g_print ("\n");

  report_page (store, "1, by id", 1, NULL);
  report_page (store, "3,200 (deep), by id", n / PAGE_SIZE - 800, NULL);
  report_page (store, "1, by price (not indexed)", 1, by_price);
  report_page (store, "3,200 (deep), by price", n / PAGE_SIZE - 800, by_price);
  g_print ("\n");

  report_updates (store, n);
  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(JsonNode) sum = sy_collection_store_aggregate (store, "items", "sum", "qty", NULL, FALSE, &error);

    check (sum != NULL, error);
    g_print ("aggregate sum(qty) over every record:   %7.2f ms\n", seconds_since (start) * 1000.0);
  }
  g_print ("\n");

  g_clear_object (&store);
  report_actions (dir);

  remove_tree (dir);
  return 0;
}
