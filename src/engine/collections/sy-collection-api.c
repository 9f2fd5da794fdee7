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
typedef gpointer (*CallFunc) (Call                *call,
                              SyCollectionRuntime *runtime,
                              GDestroyNotify      *result_free,
                              GError             **error);

/* A call's parameters; _sy_engine_call_async() runs it in a pump. */
struct _Call
{
  CallFunc       func;
  GPtrArray     *collections;
  char          *name;
  gint64         id;
  GStrv          sort;
  GStrv          appends;
  JsonNode      *filter;
  guint          page;
  guint          page_size;
};

static void
call_free (Call *call)
{
  g_clear_pointer (&call->collections, g_ptr_array_unref);
  g_free (call->name);
  g_strfreev (call->sort);
  g_strfreev (call->appends);
  g_clear_pointer (&call->filter, json_node_unref);
  g_free (call);
}

static gpointer
call_in_pump (SyEngine        *engine,
              gpointer         data,
              GDestroyNotify  *result_free,
              GError         **error)
{
  Call *call = data;

  return call->func (call, _sy_engine_get_collections (engine), result_free, error);
}

static Call *
call_new (CallFunc func)
{
  Call *call = g_new0 (Call, 1);

  call->func = func;
  return call;
}

static void
call_submit (SyEngine           *engine,
             Call               *call,
             gpointer            source_tag,
             GCancellable       *cancellable,
             GAsyncReadyCallback callback,
             gpointer            user_data)
{
  _sy_engine_call_async (engine, call_in_pump, call, (GDestroyNotify) call_free,
                         source_tag, cancellable, callback, user_data);
}

/* ── Definitions ───────────────────────────────────────────────────────── */

static gpointer
do_define (Call                *call,
           SyCollectionRuntime *runtime,
           GDestroyNotify      *result_free,
           GError             **error)
{
  SyCollectionStore *writer = sy_collection_runtime_writer (runtime, error);
  g_autoptr(GArray) changed = NULL;

  if (writer == NULL || !sy_collection_store_define (writer, call->collections, &changed, error))
    return NULL;

  for (guint i = 0; i < changed->len; i++)
    if (g_array_index (changed, gboolean, i))
      sy_collection_runtime_changed (runtime, NULL);
  return GINT_TO_POINTER (TRUE);
}

void
sy_engine_define_collections_async (SyEngine           *self,
                                    GPtrArray          *collections,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  Call *call = call_new (do_define);

  call->collections = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < collections->len; i++)
    g_ptr_array_add (call->collections, g_object_ref (g_ptr_array_index (collections, i)));
  call_submit (self, call, sy_engine_define_collections_async, cancellable, callback, user_data);
}

gboolean
sy_engine_define_collections_finish (SyEngine     *self,
                                     GAsyncResult *result,
                                     GError      **error)
{
  return _sy_engine_finish_boolean (self, result, sy_engine_define_collections_async, error);
}

static gpointer
do_list (Call                *call,
         SyCollectionRuntime *runtime,
         GDestroyNotify      *result_free,
         GError             **error)
{
  *result_free = (GDestroyNotify) g_ptr_array_unref;
  return sy_collection_store_list_collections (sy_collection_runtime_get_store (runtime), error);
}

void
sy_engine_list_collections_async (SyEngine           *self,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  call_submit (self, call_new (do_list), sy_engine_list_collections_async, cancellable, callback, user_data);
}

GPtrArray *
sy_engine_list_collections_finish (SyEngine     *self,
                                   GAsyncResult *result,
                                   GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_list_collections_async, error);
}

static gpointer
do_drop (Call                *call,
         SyCollectionRuntime *runtime,
         GDestroyNotify      *result_free,
         GError             **error)
{
  SyCollectionStore *writer = sy_collection_runtime_writer (runtime, error);

  if (writer == NULL || !sy_collection_store_drop_collection (writer, call->name, error))
    return NULL;

  sy_collection_runtime_changed (runtime, NULL);
  return GINT_TO_POINTER (TRUE);
}

void
sy_engine_drop_collection_async (SyEngine           *self,
                                 const char         *name,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  Call *call = call_new (do_drop);

  call->name = g_strdup (name);
  call_submit (self, call, sy_engine_drop_collection_async, cancellable, callback, user_data);
}

gboolean
sy_engine_drop_collection_finish (SyEngine     *self,
                                  GAsyncResult *result,
                                  GError      **error)
{
  return _sy_engine_finish_boolean (self, result, sy_engine_drop_collection_async, error);
}

/* ── Reading ───────────────────────────────────────────────────────────── */

static gpointer
do_query (Call                *call,
          SyCollectionRuntime *runtime,
          GDestroyNotify      *result_free,
          GError             **error)
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

  page->records = sy_collection_store_query (store, call->name, &query, error);
  if (page->records == NULL)
    return NULL;
  page->total = sy_collection_store_count (store, call->name, call->filter, error);
  if (page->total < 0)
    return NULL;

  *result_free = (GDestroyNotify) sy_record_page_free;
  return g_steal_pointer (&page);
}

void
sy_engine_query_records_async (SyEngine            *self,
                               const char          *collection,
                               const SyRecordQuery *query,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Call *call = call_new (do_query);

  call->name = g_strdup (collection);
  if (query != NULL)
    {
      call->filter = query->filter != NULL ? sy_json_node_deep_copy (query->filter) : NULL;
      call->sort = g_strdupv ((GStrv) query->sort);
      call->appends = g_strdupv ((GStrv) query->appends);
      call->page = query->page;
      call->page_size = query->page_size;
    }
  call_submit (self, call, sy_engine_query_records_async, cancellable, callback, user_data);
}

SyRecordPage *
sy_engine_query_records_finish (SyEngine     *self,
                                GAsyncResult *result,
                                GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_query_records_async, error);
}

static gpointer
do_get (Call                *call,
        SyCollectionRuntime *runtime,
        GDestroyNotify      *result_free,
        GError             **error)
{
  *result_free = (GDestroyNotify) json_object_unref;
  return sy_collection_store_get_record (sy_collection_runtime_get_store (runtime), call->name,
                                         call->id, (const char * const *) call->appends, error);
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
  Call *call = call_new (do_get);

  call->name = g_strdup (collection);
  call->id = id;
  call->appends = g_strdupv ((GStrv) appends);
  call_submit (self, call, sy_engine_get_record_async, cancellable, callback, user_data);
}

JsonObject *
sy_engine_get_record_finish (SyEngine     *self,
                             GAsyncResult *result,
                             GError      **error)
{
  return _sy_engine_finish_pointer (self, result, sy_engine_get_record_async, error);
}

SyCollectionStore *
sy_engine_open_data_reader (SyEngine *self,
                            GError  **error)
{
  g_autofree char *path = g_build_filename (sy_engine_get_data_dir (self), "data.db", NULL);

  return sy_collection_store_open (path, SY_STORE_READ_ONLY, error);
}
