/* sy-test-engine.h — plumbing shared by the engine tests: waiting for async
 * results, an engine in a temporary directory, importing and executing
 */
#pragma once

#include "sy-engine.h"

G_BEGIN_DECLS

/* The usual fixture: an engine started on a fresh temporary directory. */
typedef struct
{
  char     *dir;
  SyEngine *engine;
} SyTestEngine;

void          sy_test_on_done          (GObject        *source,
                                        GAsyncResult   *result,
                                        gpointer        data);
GAsyncResult *sy_test_wait_for         (GAsyncResult  **slot);
void          sy_test_sleep_ms         (guint           ms);

/* Milliseconds since the epoch of an ISO 8601 time with its offset. */
gint64        sy_test_ms_at            (const char     *iso);

char         *sy_test_make_dir         (void);
void          sy_test_remove_tree      (const char     *path);

SyEngine     *sy_test_engine_new       (const char     *dir);
void          sy_test_engine_set_up    (SyTestEngine   *fixture,
                                        gconstpointer   data);
void          sy_test_engine_tear_down (SyTestEngine   *fixture,
                                        gconstpointer   data);

gint64        sy_test_import           (SyEngine       *engine,
                                        const char     *document);
gint64        sy_test_import_nodes     (SyEngine       *engine,
                                        const char     *key,
                                        gboolean        sync,
                                        const char     *nodes_json);
SyExecution  *sy_test_execute          (SyEngine       *engine,
                                        const char     *key,
                                        const char     *context_json,
                                        SyExecuteFlags  flags,
                                        GError        **error);
/* sy_test_import_nodes() (not sync), then sy_test_execute() manually with
 * `context_json` (NULL: {}); a failure fails the test. */
SyExecution  *sy_test_run_nodes        (SyEngine       *engine,
                                        const char     *key,
                                        const char     *nodes_json,
                                        const char     *context_json);
SyExecution  *sy_test_get_execution    (SyEngine       *engine,
                                        gint64          id,
                                        GError        **error);
/* Asserts that execution `id`, read again, is in `status`. */
void          sy_test_assert_status    (SyEngine       *engine,
                                        gint64          id,
                                        SyStatus        status);
SyJob        *sy_test_find_job         (SyExecution    *execution,
                                        const char     *node_key);

/* Tasks: the engine's list (open ones, or `all`), and the id of the one
 * open task of `assignee` (asserts there is exactly one). */
GPtrArray    *sy_test_list_tasks       (SyEngine       *engine,
                                        gboolean        all);
gint64        sy_test_open_task_of     (SyEngine       *engine,
                                        const char     *assignee);
/* Submits `action` on task `task_id` with the values `values_json` (may be
 * NULL) and the comment "looks fine". */
SyTask       *sy_test_submit_task      (SyEngine       *engine,
                                        gint64          task_id,
                                        const char     *action,
                                        const char     *values_json,
                                        GError        **error);
/* Parses JSON text; invalid text fails the test. */
JsonNode     *sy_test_json             (const char     *text);
/* Asserts that `node` (NULL = null) prints as `expected` (compact JSON). */
void          sy_test_assert_json      (JsonNode       *node,
                                        const char     *expected);

G_END_DECLS
