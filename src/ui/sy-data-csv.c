/* sy-data-csv.c — a collection's records to a CSV file and back, off the UI thread
 *
 * Export reads pages through a read-only connection opened on the worker
 * thread and writes each page as it comes, so a table of any size takes
 * little memory. Import only reads and checks here; writing is the
 * engine's (sy_engine_import_records_async).
 */
#define G_LOG_DOMAIN "switchyard-data"

#include "config.h"

#include <glib/gi18n.h>

#include "collections/sy-collection-csv.h"
#include "sy-data-csv.h"
#include "sy-json.h"

#define EXPORT_PAGE_SIZE 1000

typedef struct
{
  SyEngine     *engine;
  SyCollection *collection;
  JsonNode     *filter;
  char         *sort;
  GFile        *file;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->engine);
  g_clear_object (&job->collection);
  g_clear_pointer (&job->filter, json_node_unref);
  g_free (job->sort);
  g_clear_object (&job->file);
  g_free (job);
}

static gboolean
write_text (GOutputStream *stream,
            GString       *text,
            GCancellable  *cancellable,
            GError       **error)
{
  gboolean ok = g_output_stream_write_all (stream, text->str, text->len, NULL, cancellable, error);

  g_string_truncate (text, 0);
  return ok;
}

static void
export_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  const char *name = sy_collection_get_name (job->collection);
  g_autoptr(SyCollectionStore) reader = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GError *error = NULL;
  const char *sort[] = { job->sort, NULL };
  gint64 written = 0;

  reader = sy_engine_open_data_reader (job->engine, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  stream = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  sy_collection_csv_append_header (job->collection, text);
  for (guint page = 1;; page++)
    {
      SyRecordQuery query = {
        .filter = job->filter,
        .sort = job->sort != NULL ? sort : NULL,
        .page = page,
        .page_size = EXPORT_PAGE_SIZE,
      };
      g_autoptr(JsonArray) records = sy_collection_store_query (reader, name, &query, &error);
      guint n;

      if (records == NULL)
        break;
      n = json_array_get_length (records);
      for (guint i = 0; i < n; i++)
        sy_collection_csv_append_record (job->collection, json_array_get_object_element (records, i), text);
      written += n;
      if (!write_text (G_OUTPUT_STREAM (stream), text, cancellable, &error) || n < EXPORT_PAGE_SIZE)
        break;
    }

  if (error == NULL)
    g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, written);
}

void
sy_data_csv_export_async (SyEngine           *engine,
                          SyCollection       *collection,
                          JsonNode           *filter,
                          const char         *sort,
                          GFile              *file,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->engine = g_object_ref (engine);
  job->collection = g_object_ref (collection);
  job->filter = sy_json_node_deep_copy (filter);
  job->sort = g_strdup (sort);
  job->file = g_object_ref (file);
  g_task_set_source_tag (task, sy_data_csv_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_in_thread);
}

gint64
sy_data_csv_export_finish (GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autofree char *text = NULL;
  gsize length;
  GError *error = NULL;
  GPtrArray *records;

  if (!g_file_load_contents (job->file, cancellable, &text, &length, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!g_utf8_validate (text, length, NULL))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("the file is not UTF-8 text; save it from the spreadsheet as “CSV UTF-8”"));
      return;
    }

  records = sy_collection_csv_read (job->collection, text, length, &error);
  if (records == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
}

void
sy_data_csv_read_async (SyCollection       *collection,
                        GFile              *file,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->collection = g_object_ref (collection);
  job->file = g_object_ref (file);
  g_task_set_source_tag (task, sy_data_csv_read_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, read_in_thread);
}

GPtrArray *
sy_data_csv_read_finish (GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
