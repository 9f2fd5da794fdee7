/* sy-collection-api.c — the engine's API for definitions and reading records
 *
 * Each call runs inside a pump on the engine thread and is answered after
 * that pump committed.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "collections/sy-collection-runtime.h"
#include "collections/sy-engine-collections.h"
#include "sy-json.h"

G_DEFINE_BOXED_TYPE (SyRecordPage, sy_record_page, sy_record_page_copy, sy_record_page_free)

SyRecordPage *
sy_record_page_copy (SyRecordPage *page)
{
  SyRecordPage *copy = g_new0 (SyRecordPage, 1);

  copy->records = sy_json_array_deep_copy (page->records);
  copy->total = page->total;
  return copy;
}

void
sy_record_page_free (SyRecordPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->records, json_array_unref);
  g_free (page);
}

typedef struct _Call Call;
typedef void (*CallFunc) (Call                *call,
                          SyCollectionRuntime *runtime);

struct _Call
{
  GTask         *task;
  CallFunc       func;
  /* parameters */
  GPtrArray     *collections;
  char          *name;
  gint64         id;
  GStrv          sort;
  GStrv          appends;
  JsonNode      *filter;
  guint          page;
  guint          page_size;
  /* outcome */
  gpointer       result;
  GDestroyNotify result_free;
  GError        *error;
};

static void
call_free (Call *call)
{
  g_clear_object (&call->task);
  g_clear_pointer (&call->collections, g_ptr_array_unref);
  g_free (call->name);
  g_strfreev (call->sort);
  g_strfreev (call->appends);
  g_clear_pointer (&call->filter, json_node_unref);
  if (call->result != NULL && call->result_free != NULL)
    call->result_free (call->result);
  g_clear_error (&call->error);
  g_free (call);
}

static void
call_in_pump (SyEngine *engine,
              gpointer  data)
{
  Call *call = data;

  call->func (call, _sy_engine_get_collections (engine));
}

static void
call_done (const GError *error,
           gpointer      data)
{
  Call *call = data;

  if (error != NULL)
    g_task_return_error (call->task, g_error_copy (error));
  else if (call->error != NULL)
    g_task_return_error (call->task, g_steal_pointer (&call->error));
  else if (call->result_free == NULL)
    g_task_return_boolean (call->task, TRUE);
  else
    {
      g_task_return_pointer (call->task, g_steal_pointer (&call->result), call->result_free);
      call->result_free = NULL;
    }

  call_free (call);
}

static Call *
call_new (SyEngine           *engine,
          CallFunc            func,
          gpointer            source_tag,
          GCancellable       *cancellable,
          GAsyncReadyCallback callback,
          gpointer            user_data)
{
  Call *call = g_new0 (Call, 1);

  call->func = func;
  call->task = g_task_new (engine, cancellable, callback, user_data);
  g_task_set_source_tag (call->task, source_tag);

  return call;
}

static void
call_submit (SyEngine *engine,
             Call     *call)
{
  _sy_engine_run_in_pump (engine, call_in_pump, call_done, call);
}

static gpointer
finish_pointer (SyEngine     *self,
                GAsyncResult *result,
                gpointer      source_tag,
                GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
finish_boolean (SyEngine     *self,
                GAsyncResult *result,
                gpointer      source_tag,
                GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ── Definitions ───────────────────────────────────────────────────────── */

static void
do_define (Call                *call,
           SyCollectionRuntime *runtime)
{
  SyCollectionStore *writer = sy_collection_runtime_writer (runtime, &call->error);
  g_autoptr(GArray) changed = NULL;

  if (writer == NULL || !sy_collection_store_define (writer, call->collections, &changed, &call->error))
    return;

  for (guint i = 0; i < changed->len; i++)
    if (g_array_index (changed, gboolean, i))
      sy_collection_runtime_changed (runtime, NULL);
}

void
sy_engine_define_collections_async (SyEngine           *self,
                                    GPtrArray          *collections,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  Call *call = call_new (self, do_define, sy_engine_define_collections_async, cancellable, callback, user_data);

  call->collections = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < collections->len; i++)
    g_ptr_array_add (call->collections, g_object_ref (g_ptr_array_index (collections, i)));
  call_submit (self, call);
}

gboolean
sy_engine_define_collections_finish (SyEngine     *self,
                                     GAsyncResult *result,
                                     GError      **error)
{
  return finish_boolean (self, result, sy_engine_define_collections_async, error);
}

static void
do_list (Call                *call,
         SyCollectionRuntime *runtime)
{
  GPtrArray *list = sy_collection_store_list_collections (sy_collection_runtime_get_store (runtime), &call->error);

  if (list != NULL)
    {
      call->result = list;
      call->result_free = (GDestroyNotify) g_ptr_array_unref;
    }
}

void
sy_engine_list_collections_async (SyEngine           *self,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  call_submit (self, call_new (self, do_list, sy_engine_list_collections_async, cancellable, callback, user_data));
}

GPtrArray *
sy_engine_list_collections_finish (SyEngine     *self,
                                   GAsyncResult *result,
                                   GError      **error)
{
  return finish_pointer (self, result, sy_engine_list_collections_async, error);
}

static void
do_drop (Call                *call,
         SyCollectionRuntime *runtime)
{
  SyCollectionStore *writer = sy_collection_runtime_writer (runtime, &call->error);

  if (writer != NULL && sy_collection_store_drop_collection (writer, call->name, &call->error))
    sy_collection_runtime_changed (runtime, NULL);
}

void
sy_engine_drop_collection_async (SyEngine           *self,
                                 const char         *name,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  Call *call = call_new (self, do_drop, sy_engine_drop_collection_async, cancellable, callback, user_data);

  call->name = g_strdup (name);
  call_submit (self, call);
}

gboolean
sy_engine_drop_collection_finish (SyEngine     *self,
                                  GAsyncResult *result,
                                  GError      **error)
{
  return finish_boolean (self, result, sy_engine_drop_collection_async, error);
}

/* ── Reading ───────────────────────────────────────────────────────────── */

static void
do_query (Call                *call,
          SyCollectionRuntime *runtime)
{
  SyCollectionStore *store = sy_collection_runtime_get_store (runtime);
  SyRecordQuery query = {
    .filter = call->filter,
    .sort = (const char * const *) call->sort,
    .page = call->page,
    .page_size = call->page_size,
    .appends = (const char * const *) call->appends,
  };
  g_autoptr(SyRecordPage) page = g_new0 (SyRecordPage, 1);

  page->records = sy_collection_store_query (store, call->name, &query, &call->error);
  if (page->records == NULL)
    return;
  page->total = sy_collection_store_count (store, call->name, call->filter, &call->error);
  if (page->total < 0)
    return;

  call->result = g_steal_pointer (&page);
  call->result_free = (GDestroyNotify) sy_record_page_free;
}

void
sy_engine_query_records_async (SyEngine            *self,
                               const char          *collection,
                               const SyRecordQuery *query,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Call *call = call_new (self, do_query, sy_engine_query_records_async, cancellable, callback, user_data);

  call->name = g_strdup (collection);
  if (query != NULL)
    {
      call->filter = query->filter != NULL ? sy_json_node_deep_copy (query->filter) : NULL;
      call->sort = g_strdupv ((GStrv) query->sort);
      call->appends = g_strdupv ((GStrv) query->appends);
      call->page = query->page;
      call->page_size = query->page_size;
    }
  call_submit (self, call);
}

SyRecordPage *
sy_engine_query_records_finish (SyEngine     *self,
                                GAsyncResult *result,
                                GError      **error)
{
  return finish_pointer (self, result, sy_engine_query_records_async, error);
}

static void
do_get (Call                *call,
        SyCollectionRuntime *runtime)
{
  JsonObject *record = sy_collection_store_get_record (sy_collection_runtime_get_store (runtime), call->name,
                                                       call->id, (const char * const *) call->appends, &call->error);

  if (record != NULL)
    {
      call->result = record;
      call->result_free = (GDestroyNotify) json_object_unref;
    }
}

void
sy_engine_get_record_async (SyEngine           *self,
                            const char         *collection,
                            gint64              id,
                            const char * const *appends,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  Call *call = call_new (self, do_get, sy_engine_get_record_async, cancellable, callback, user_data);

  call->name = g_strdup (collection);
  call->id = id;
  call->appends = g_strdupv ((GStrv) appends);
  call_submit (self, call);
}

JsonObject *
sy_engine_get_record_finish (SyEngine     *self,
                             GAsyncResult *result,
                             GError      **error)
{
  return finish_pointer (self, result, sy_engine_get_record_async, error);
}

SyCollectionStore *
sy_engine_open_data_reader (SyEngine *self,
                            GError  **error)
{
  g_autofree char *path = g_build_filename (sy_engine_get_data_dir (self), "data.db", NULL);

  return sy_collection_store_open (path, SY_STORE_READ_ONLY, error);
}
