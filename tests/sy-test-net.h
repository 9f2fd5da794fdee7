/* sy-test-net.h — helpers shared by the net tests: an engine in a temporary
 * directory, importing documents, running workflows, spinning the loop
 */
#pragma once

#include <glib/gstdio.h>

#include "sy-engine.h"

static inline void
net_on_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GAsyncResult **slot = data;

  (void) source;
  *slot = g_object_ref (result);
}

static inline GAsyncResult *
net_wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Spins the default context until `*flag` is set or `timeout_ms` passes. */
static inline gboolean
net_spin_until (const gboolean *flag,
                guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!*flag && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return *flag;
}

static inline SyEngine *
net_engine_new (char **dir_out)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sy-net-XXXXXX", &error);
  SyEngine *engine;

  g_assert_no_error (error);
  engine = sy_engine_new (dir);
  g_object_set (engine, "webhook-port", 0, NULL);
  g_assert_true (sy_engine_start (engine, &error));
  g_assert_no_error (error);
  *dir_out = dir;

  return engine;
}

static inline SyVersionRow *
net_import (SyEngine   *engine,
            const char *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_data (document, -1, &problems, &error);
  g_autoptr(GAsyncResult) result = NULL;
  SyVersionRow *row;

  if (workflow == NULL && problems != NULL)
    for (guint i = 0; i < problems->len; i++)
      {
        SyProblem *problem = g_ptr_array_index (problems, i);

        g_printerr ("%s: %s\n", problem->path, problem->message);
      }
  g_assert_no_error (error);
  sy_engine_import_async (engine, workflow, NULL, net_on_done, &result);
  row = sy_engine_import_finish (engine, net_wait_for (&result), &error);
  g_assert_no_error (error);

  return row;
}

static inline SyExecution *
net_execute (SyEngine   *engine,
             const char *key,
             const char *context)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = context ? json_from_string (context, &error) : NULL;
  SyExecution *execution;

  g_assert_no_error (error);
  sy_engine_execute_async (engine, key, node, SY_EXECUTE_MANUALLY, NULL, net_on_done, &result);
  execution = sy_engine_execute_finish (engine, net_wait_for (&result), &error);
  g_assert_no_error (error);

  return execution;
}

static inline SyJob *
net_find_job (SyExecution *execution,
              const char  *node_key)
{
  for (guint i = 0; execution->jobs != NULL && i < execution->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (execution->jobs, i);

      if (g_strcmp0 (job->node_key, node_key) == 0)
        return job;
    }

  g_assert_not_reached ();
}

static inline void
net_remove_dir (const char *dir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

  g_assert_cmpint (system (command), ==, 0);
}
