/* sy-record-import.c — many records written at once (the data view's CSV import) */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "collections/sy-collection-runtime.h"
#include "collections/sy-record-import.h"
#include "sy-json.h"

typedef struct
{
  GTask     *task;
  char      *collection;
  GPtrArray *records;   /* of JsonObject */
  guint      first_row;
  gint64     written;
  GError    *error;
} Import;

static void
import_free (Import *import)
{
  g_clear_object (&import->task);
  g_free (import->collection);
  g_ptr_array_unref (import->records);
  g_clear_error (&import->error);
  g_free (import);
}

/* Takes back what was written before a refusal. */
static void
undo (SyCollectionStore *writer,
      const char        *collection,
      GArray            *ids)
{
  for (guint i = ids->len; i > 0; i--)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) deleted = sy_collection_store_delete (writer, collection,
                                                                  g_array_index (ids, gint64, i - 1), &error);

      if (deleted == NULL)
        g_warning ("Could not take back an imported record of “%s”: %s", collection, error->message);
    }
}

static void
import_in_pump (SyEngine *engine,
                gpointer  data)
{
  Import *import = data;
  SyCollectionRuntime *runtime = _sy_engine_get_collections (engine);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  SyCollectionStore *writer;

  writer = runtime != NULL ? sy_collection_runtime_writer (runtime, &import->error) : NULL;
  if (writer == NULL)
    {
      if (import->error == NULL)
        g_set_error (&import->error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_RUNNING, _("the engine is not running"));
      return;
    }

  for (guint i = 0; i < import->records->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) record = sy_collection_store_insert (writer, import->collection,
                                                                 g_ptr_array_index (import->records, i), &error);
      gint64 id;

      if (record == NULL)
        {
          undo (writer, import->collection, ids);
          if (import->first_row > 0)
            g_set_error (&import->error, error->domain, error->code,
                         /* Translators: "row 7: product: there is no record 12 in “products”" */
                         _("row %u: %s"), import->first_row + i, error->message);
          else
            import->error = g_steal_pointer (&error);
          return;
        }
      id = json_object_get_int_member (record, SY_RECORD_ID);
      g_array_append_val (ids, id);
    }

  import->written = ids->len;
  if (ids->len > 0)
    sy_collection_runtime_changed (runtime, import->collection);
}

static void
import_done (const GError *error,
             gpointer      data)
{
  Import *import = data;

  if (error != NULL)
    g_task_return_error (import->task, g_error_copy (error));
  else if (import->error != NULL)
    g_task_return_error (import->task, g_steal_pointer (&import->error));
  else
    g_task_return_int (import->task, import->written);

  import_free (import);
}

void
sy_engine_import_records_async (SyEngine           *self,
                                const char         *collection,
                                GPtrArray          *records,
                                guint               first_row,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  Import *import;

  g_return_if_fail (SY_IS_ENGINE (self));
  g_return_if_fail (collection != NULL && records != NULL);

  import = g_new0 (Import, 1);
  import->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (import->task, sy_engine_import_records_async);
  import->collection = g_strdup (collection);
  import->first_row = first_row;
  import->records = g_ptr_array_new_full (records->len, (GDestroyNotify) json_object_unref);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (import->records, sy_json_object_deep_copy (g_ptr_array_index (records, i)));

  _sy_engine_run_in_pump (self, import_in_pump, import_done, import);
}

gint64
sy_engine_import_records_finish (SyEngine     *self,
                                 GAsyncResult *result,
                                 GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sy_engine_import_records_async, -1);

  return g_task_propagate_int (G_TASK (result), error);
}
