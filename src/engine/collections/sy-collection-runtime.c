/* sy-collection-runtime.c — the collections inside a running engine (engine thread only) */
#define G_LOG_DOMAIN "sy-collections"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "collections/sy-collection-runtime.h"
#include "sy-json.h"

struct _SyCollectionRuntime
{
  SyEngine          *engine;   /* not referenced: the engine owns us */
  SyCollectionStore *store;
  GHashTable        *changed;  /* collection names written in this pump */
  gboolean           defined;  /* definitions changed in this pump */
  GPtrArray         *events;   /* of Event, fired in this pump */
  GPtrArray         *watches;  /* of Watch */
  guint              last_watch;
};

typedef struct
{
  guint                 id;
  char                 *collection;
  SyCollectionWatchFunc func;
  gpointer              data;
} Watch;

static void
watch_free (Watch *watch)
{
  g_free (watch->collection);
  g_free (watch);
}

/* A change made by a node, waiting for the next pump. */
typedef struct
{
  SyRecordChange  change;
  char           *collection;
  JsonObject     *record;
  JsonObject     *before;
  JsonNode       *stack;      /* the source's chain and the source */
} Event;

static void
event_free (Event *event)
{
  g_free (event->collection);
  g_clear_pointer (&event->record, json_object_unref);
  g_clear_pointer (&event->before, json_object_unref);
  g_clear_pointer (&event->stack, json_node_unref);
  g_free (event);
}

void
sy_matched_workflow_free (SyMatchedWorkflow *match)
{
  g_clear_pointer (&match->context, json_node_unref);
  g_clear_object (&match->workflow);
  g_free (match);
}

SyCollectionRuntime *
sy_collection_runtime_new (SyEngine   *engine,
                           const char *data_dir,
                           GError    **error)
{
  g_autofree char *path = g_build_filename (data_dir, "data.db", NULL);
  SyCollectionStore *store = sy_collection_store_open (path, SY_STORE_READ_WRITE, error);
  SyCollectionRuntime *self;

  if (store == NULL)
    return NULL;

  self = g_new0 (SyCollectionRuntime, 1);
  self->engine = engine;
  self->store = store;
  self->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  self->watches = g_ptr_array_new_with_free_func ((GDestroyNotify) watch_free);

  return self;
}

void
sy_collection_runtime_free (SyCollectionRuntime *self)
{
  if (self == NULL)
    return;

  sy_collection_store_rollback (self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->changed, g_hash_table_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->watches, g_ptr_array_unref);
  g_free (self);
}

guint
sy_collection_runtime_watch (SyCollectionRuntime  *self,
                             const char           *collection,
                             SyCollectionWatchFunc func,
                             gpointer              user_data)
{
  Watch *watch = g_new0 (Watch, 1);

  watch->id = ++self->last_watch;
  watch->collection = g_strdup (collection);
  watch->func = func;
  watch->data = user_data;
  g_ptr_array_add (self->watches, watch);

  return watch->id;
}

void
sy_collection_runtime_unwatch (SyCollectionRuntime *self,
                               guint                id)
{
  for (guint i = 0; i < self->watches->len; i++)
    if (((Watch *) g_ptr_array_index (self->watches, i))->id == id)
      {
        g_ptr_array_remove_index (self->watches, i);
        return;
      }
}

/* After the commit: who follows a collection that changed hears of it. A
 * watcher may unwatch (itself or others) meanwhile. */
static void
notify_watches (SyCollectionRuntime *self,
                GHashTable          *changed)
{
  g_autoptr(GArray) due = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->watches->len; i++)
    {
      Watch *watch = g_ptr_array_index (self->watches, i);

      if (g_hash_table_contains (changed, watch->collection))
        g_array_append_val (due, watch->id);
    }

  for (guint i = 0; i < due->len; i++)
    for (guint w = 0; w < self->watches->len; w++)
      {
        Watch *watch = g_ptr_array_index (self->watches, w);

        if (watch->id == g_array_index (due, guint, i))
          {
            watch->func (watch->data);
            break;
          }
      }
}

SyCollectionStore *
sy_collection_runtime_get_store (SyCollectionRuntime *self)
{
  return self->store;
}

SyCollectionStore *
sy_collection_runtime_writer (SyCollectionRuntime *self,
                              GError             **error)
{
  if (!sy_collection_store_in_transaction (self->store) && !sy_collection_store_begin (self->store, error))
    return NULL;

  return self->store;
}

void
sy_collection_runtime_changed (SyCollectionRuntime *self,
                               const char          *collection)
{
  if (collection == NULL)
    self->defined = TRUE;
  else
    g_hash_table_add (self->changed, g_strdup (collection));
}

/* ── Events ────────────────────────────────────────────────────────────── */

static gboolean
mode_matches (const char     *mode,
              SyRecordChange  change)
{
  switch (change)
    {
    case SY_RECORD_CREATED:
      return g_strcmp0 (mode, "create") == 0 || g_strcmp0 (mode, "create-or-update") == 0;
    case SY_RECORD_UPDATED:
      return g_strcmp0 (mode, "update") == 0 || g_strcmp0 (mode, "create-or-update") == 0;
    case SY_RECORD_DESTROYED:
      return g_strcmp0 (mode, "destroy") == 0;
    default:
      return FALSE;
    }
}

/* `changed`: only when one of the listed fields changed (a creation
 * changes every field). */
static gboolean
changed_matches (JsonObject     *config,
                 SyRecordChange  change,
                 JsonObject     *record,
                 JsonObject     *before)
{
  JsonNode *changed = json_object_get_member (config, "changed");
  JsonArray *fields;

  if (change != SY_RECORD_UPDATED || before == NULL || changed == NULL || !JSON_NODE_HOLDS_ARRAY (changed))
    return TRUE;

  fields = json_node_get_array (changed);
  if (json_array_get_length (fields) == 0)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      const char *name = json_array_get_string_element (fields, i);
      JsonNode *now = name != NULL ? json_object_get_member (record, name) : NULL;
      JsonNode *was = name != NULL ? json_object_get_member (before, name) : NULL;

      if (now != NULL && was != NULL && !json_node_equal (now, was))
        return TRUE;
    }

  return FALSE;
}

/* `condition`: a filter the record must match, as stored now. */
static gboolean
condition_matches (SyCollectionRuntime *self,
                   SyWorkflow          *workflow,
                   const char          *collection,
                   JsonObject          *config,
                   SyRecordChange       change,
                   JsonObject          *record)
{
  JsonNode *condition = json_object_get_member (config, "condition");
  g_autoptr(JsonObject) both = NULL;
  g_autoptr(JsonArray) parts = NULL;
  g_autoptr(JsonObject) by_id = NULL;
  g_autoptr(JsonNode) filter = NULL;
  g_autoptr(GError) error = NULL;
  gint64 count;

  if (change == SY_RECORD_DESTROYED || condition == NULL || !JSON_NODE_HOLDS_OBJECT (condition) ||
      json_object_get_size (json_node_get_object (condition)) == 0)
    return TRUE;

  by_id = json_object_new ();
  json_object_set_int_member (by_id, SY_RECORD_ID, json_object_get_int_member_with_default (record, SY_RECORD_ID, 0));
  parts = json_array_new ();
  json_array_add_object_element (parts, g_steal_pointer (&by_id));
  json_array_add_element (parts, sy_json_node_deep_copy (condition));
  both = json_object_new ();
  json_object_set_array_member (both, "$and", g_steal_pointer (&parts));
  filter = sy_json_node_take_object (g_steal_pointer (&both));

  count = sy_collection_store_count (self->store, collection, filter, &error);
  if (count < 0)
    {
      g_warning ("The condition of workflow “%s” cannot be checked: %s",
                 sy_workflow_get_key (workflow), error->message);
      return FALSE;
    }

  return count > 0;
}

/* {"data": record} with the trigger's appends loaded. */
static JsonNode *
event_context (SyCollectionRuntime *self,
               const char          *collection,
               JsonObject          *config,
               SyRecordChange       change,
               JsonObject          *record)
{
  JsonNode *appends = json_object_get_member (config, "appends");
  g_autoptr(JsonObject) context = json_object_new ();
  JsonObject *data = sy_json_object_deep_copy (record);

  if (change != SY_RECORD_DESTROYED && appends != NULL && JSON_NODE_HOLDS_ARRAY (appends))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autoptr(JsonArray) one = json_array_new ();
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < json_array_get_length (json_node_get_array (appends)); i++)
        g_ptr_array_add (names, (gpointer) json_array_get_string_element (json_node_get_array (appends), i));
      g_ptr_array_add (names, NULL);

      json_array_add_object_element (one, json_object_ref (data));
      if (!sy_collection_store_load_appends (self->store, collection, one, (const char * const *) names->pdata, &error))
        g_warning ("Related records of “%s” could not be loaded: %s", collection, error->message);
    }

  json_object_set_object_member (context, "data", data);
  return sy_json_node_take_object (g_steal_pointer (&context));
}

GPtrArray *
sy_collection_runtime_match (SyCollectionRuntime *self,
                             const char          *collection,
                             SyRecordChange       change,
                             JsonObject          *record,
                             JsonObject          *before)
{
  GPtrArray *matches = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_matched_workflow_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = sy_store_list_enabled (_sy_engine_get_store (self->engine), "collection", &error);
  if (rows == NULL)
    {
      g_warning ("Collection workflows could not be listed: %s", error->message);
      return matches;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      SyVersionRow *row = g_ptr_array_index (rows, i);
      SyWorkflow *workflow = _sy_engine_lookup_version (self->engine, row->id, NULL);
      JsonObject *config = workflow != NULL ? sy_workflow_get_trigger_config (workflow) : NULL;
      SyMatchedWorkflow *match;

      if (config == NULL || g_strcmp0 (json_object_get_string_member_with_default (config, "collection", NULL),
                                       collection) != 0)
        continue;
      if (!mode_matches (json_object_get_string_member_with_default (config, "mode", NULL), change) ||
          !changed_matches (config, change, record, before) ||
          !condition_matches (self, workflow, collection, config, change, record))
        continue;

      match = g_new0 (SyMatchedWorkflow, 1);
      match->version_id = row->id;
      match->workflow = g_object_ref (workflow);
      match->context = event_context (self, collection, config, change, record);
      g_ptr_array_add (matches, match);
    }

  return matches;
}

void
sy_collection_runtime_fire (SyCollectionRuntime *self,
                            SyExecution         *source,
                            const char          *collection,
                            SyRecordChange       change,
                            JsonObject          *record,
                            JsonObject          *before)
{
  Event *event = g_new0 (Event, 1);
  g_autoptr(JsonArray) stack = json_array_new ();

  if (source != NULL)
    {
      if (source->stack != NULL && JSON_NODE_HOLDS_ARRAY (source->stack))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (source->stack)); i++)
          json_array_add_int_element (stack, json_array_get_int_element (json_node_get_array (source->stack), i));
      json_array_add_int_element (stack, source->id);
    }

  event->change = change;
  event->collection = g_strdup (collection);
  event->record = sy_json_object_deep_copy (record);
  event->before = before != NULL ? sy_json_object_deep_copy (before) : NULL;
  event->stack = sy_json_node_take_array (g_steal_pointer (&stack));
  g_ptr_array_add (self->events, event);
}

static void
dispatch_events (SyEngine *engine,
                 gpointer  data)
{
  GPtrArray *events = data;
  SyCollectionRuntime *self = _sy_engine_get_collections (engine);

  for (guint i = 0; i < events->len; i++)
    {
      Event *event = g_ptr_array_index (events, i);
      g_autoptr(GPtrArray) matches = sy_collection_runtime_match (self, event->collection, event->change,
                                                                  event->record, event->before);

      for (guint m = 0; m < matches->len; m++)
        {
          SyMatchedWorkflow *match = g_ptr_array_index (matches, m);
          g_autoptr(SyExecution) execution = NULL;
          g_autoptr(GError) error = NULL;

          execution = _sy_engine_create_execution (engine, match->version_id, match->context, event->stack, FALSE,
                                                   &error);
          if (execution == NULL && g_error_matches (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_SKIPPED))
            g_debug ("%s", error->message);
          else if (execution == NULL)
            g_warning ("Workflow “%s” could not start: %s", sy_workflow_get_key (match->workflow), error->message);
        }
    }
}

static void
events_done (const GError *error,
             gpointer      data)
{
  g_ptr_array_unref (data);
}

/* ── Pump hooks ────────────────────────────────────────────────────────── */

gboolean
sy_collection_runtime_commit (SyCollectionRuntime *self,
                              GError             **error)
{
  GHashTableIter iter;
  gpointer name;

  if (sy_collection_store_in_transaction (self->store) && !sy_collection_store_commit (self->store, error))
    return FALSE;

  if (g_hash_table_size (self->changed) > 0 || self->defined)
    {
      g_autoptr(GError) local = NULL;

      if (!sy_collection_store_refresh_statistics (self->store, &local))
        g_warning ("Statistics of the collections could not be refreshed: %s", local->message);
    }

  g_hash_table_iter_init (&iter, self->changed);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    _sy_engine_emit_data_changed (self->engine, name);
  if (self->watches->len > 0 && g_hash_table_size (self->changed) > 0)
    {
      g_autoptr(GHashTable) changed = g_steal_pointer (&self->changed);

      self->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      notify_watches (self, changed);
    }
  g_hash_table_remove_all (self->changed);
  if (self->defined)
    _sy_engine_emit_data_changed (self->engine, NULL);
  self->defined = FALSE;

  /* Nodes' changes start their workflows in the next pump, after the
   * records and the jobs that wrote them are saved. */
  if (self->events->len > 0)
    {
      GPtrArray *events = g_steal_pointer (&self->events);

      self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
      _sy_engine_run_in_pump (self->engine, dispatch_events, events_done, events);
    }

  return TRUE;
}

void
sy_collection_runtime_rollback (SyCollectionRuntime *self)
{
  sy_collection_store_rollback (self->store);
  g_hash_table_remove_all (self->changed);
  self->defined = FALSE;
  g_ptr_array_set_size (self->events, 0);
}

JsonNode *
sy_collection_user_node (void)
{
  g_autoptr(JsonObject) user = json_object_new ();

  json_object_set_string_member (user, "id", "me");
  json_object_set_string_member (user, "name", g_get_real_name ());

  return sy_json_node_take_object (g_steal_pointer (&user));
}
