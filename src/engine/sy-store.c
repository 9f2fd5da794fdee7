/* sy-store.c — SQLite persistence for workflows, versions, executions, jobs, timers
 *
 * Every SQL statement of the engine lives here. Statements are prepared once
 * per connection (SQLITE_PREPARE_PERSISTENT) and borrowed through
 * g_autoptr(SyCachedStmt), which resets them and clears their bindings when
 * the borrower leaves scope — on error paths too.
 *
 * Conventions of the columns: ids and times of 0 are stored as NULL; JSON
 * members are compact JSON text; statuses are SyStatus values.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sy-store.h"
#include "sy-store-private.h"
#include "sy-store-schema.h"
#include "sy-store-wal.h"

G_DEFINE_QUARK (sy-store-error-quark, sy_store_error)

/* ── Statements ────────────────────────────────────────────────────────── */

#define VERSION_SELECT \
  "SELECT w.id, w.key, w.version, w.title, w.trigger_type, w.enabled," \
  "       w.current IS NOT NULL, w.sync, w.executed," \
  "       COALESCE ((SELECT s.executed FROM workflow_stats s WHERE s.key = w.key), 0)," \
  "       (SELECT count (*) FROM workflows v WHERE v.key = w.key)," \
  "       (SELECT e.status FROM executions e WHERE e.workflow_key = w.key" \
  "         ORDER BY e.id DESC LIMIT 1)," \
  "       w.document, w.created_at, w.updated_at" \
  "  FROM workflows w "

#define EXECUTION_COLUMNS \
  "id, workflow_id, workflow_key, version, event_key, status, reason, manually," \
  " context, output, parent_execution_id, parent_job_id, retry_of, stack," \
  " created_at, started_at, finished_at, expires_at"

#define JOB_COLUMNS \
  "id, execution_id, node_key, node_type, upstream_id, parent_id, branch, status," \
  " result, meta, config, log, started_at, finished_at"

typedef enum
{
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_SAVEPOINT,
  STMT_RELEASE,
  STMT_ROLLBACK_TO,
  STMT_NEXT_VERSION,
  STMT_DEMOTE_CURRENT,
  STMT_INSERT_VERSION,
  STMT_UPDATE_VERSION,
  STMT_VERSION_STATE,
  STMT_GET_VERSION,
  STMT_GET_CURRENT,
  STMT_GET_VERSION_BY_ID,
  STMT_LIST_WORKFLOWS,
  STMT_LIST_VERSIONS,
  STMT_LIST_ENABLED,
  STMT_FIND_FOR_ENABLE,
  STMT_SET_ENABLED,
  STMT_DELETE_KEY_EXECUTIONS,
  STMT_DELETE_VERSIONS,
  STMT_KEY_EXECUTED,
  STMT_KEY_IN_USE,
  STMT_INSERT_EXECUTION,
  STMT_COUNT_VERSION_RUN,
  STMT_COUNT_KEY_RUN,
  STMT_UPDATE_EXECUTION,
  STMT_GET_EXECUTION,
  STMT_LIST_IN_STATUS,
  STMT_LIST_CHILDREN,
  STMT_DELETE_EXECUTION,
  STMT_INSERT_JOB,
  STMT_UPDATE_JOB,
  STMT_GET_JOB,
  STMT_LIST_JOBS,
  STMT_SET_TIMER,
  STMT_CLEAR_TIMER,
  STMT_LIST_TIMERS,
  STMT_GET_STATE,
  STMT_SET_STATE,
  STMT_DELETE_STATE,
  N_STMTS
} StmtId;

static const char * const stmt_sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_SAVEPOINT] = "SAVEPOINT sy_store",
  [STMT_RELEASE] = "RELEASE sy_store",
  [STMT_ROLLBACK_TO] = "ROLLBACK TO sy_store",

  [STMT_NEXT_VERSION] =
    "SELECT COALESCE (max (version), 0), count (current) FROM workflows WHERE key = ?1",
  [STMT_DEMOTE_CURRENT] =
    "UPDATE workflows SET enabled = 0, current = NULL, updated_at = ?2"
    " WHERE key = ?1 AND current = 1",
  [STMT_INSERT_VERSION] =
    "INSERT INTO workflows (key, version, title, trigger_type, document, enabled,"
    "                       current, sync, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
  [STMT_UPDATE_VERSION] =
    "UPDATE workflows SET title = ?3, trigger_type = ?4, sync = ?5, document = ?6, updated_at = ?7"
    " WHERE id = ?1 AND key = ?2 AND executed = 0",
  [STMT_VERSION_STATE] = "SELECT key, version, executed FROM workflows WHERE id = ?1",
  [STMT_GET_VERSION] = VERSION_SELECT "WHERE w.key = ?1 AND w.version = ?2",
  [STMT_GET_CURRENT] = VERSION_SELECT "WHERE w.key = ?1 AND w.current = 1",
  [STMT_GET_VERSION_BY_ID] = VERSION_SELECT "WHERE w.id = ?1",
  [STMT_LIST_WORKFLOWS] =
    VERSION_SELECT "WHERE w.current = 1 ORDER BY w.title COLLATE NOCASE, w.key",
  [STMT_LIST_VERSIONS] = VERSION_SELECT "WHERE w.key = ?1 ORDER BY w.version",
  [STMT_LIST_ENABLED] =
    VERSION_SELECT "WHERE w.current = 1 AND w.enabled = 1"
    " AND (?1 IS NULL OR w.trigger_type = ?1) ORDER BY w.id",
  [STMT_FIND_FOR_ENABLE] =
    "SELECT id, current IS NOT NULL FROM workflows"
    " WHERE key = ?1 AND (version = ?2 OR (?2 = 0 AND current = 1))",
  [STMT_SET_ENABLED] =
    "UPDATE workflows SET enabled = ?2, current = CASE WHEN ?2 THEN 1 ELSE current END,"
    " updated_at = ?3 WHERE id = ?1",
  [STMT_DELETE_KEY_EXECUTIONS] = "DELETE FROM executions WHERE workflow_key = ?1",
  [STMT_DELETE_VERSIONS] = "DELETE FROM workflows WHERE key = ?1",
  [STMT_KEY_EXECUTED] = "SELECT executed FROM workflow_stats WHERE key = ?1",
  [STMT_KEY_IN_USE] =
    "SELECT EXISTS (SELECT 1 FROM workflows WHERE key = ?1)"
    " OR EXISTS (SELECT 1 FROM executions WHERE workflow_key = ?1)"
    " OR EXISTS (SELECT 1 FROM workflow_stats WHERE key = ?1)",

  [STMT_INSERT_EXECUTION] =
    "INSERT INTO executions (workflow_id, workflow_key, version, event_key, status, reason,"
    "                        manually, context, output, parent_execution_id, parent_job_id,"
    "                        retry_of, stack, created_at, started_at, finished_at, expires_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
  [STMT_COUNT_VERSION_RUN] = "UPDATE workflows SET executed = executed + 1 WHERE id = ?1",
  [STMT_COUNT_KEY_RUN] =
    "INSERT INTO workflow_stats (key, executed) VALUES (?1, 1)"
    " ON CONFLICT (key) DO UPDATE SET executed = executed + 1",
  [STMT_UPDATE_EXECUTION] =
    "UPDATE executions SET status = ?2, reason = ?3, output = ?4, started_at = ?5,"
    " finished_at = ?6, expires_at = ?7 WHERE id = ?1",
  [STMT_GET_EXECUTION] = "SELECT " EXECUTION_COLUMNS " FROM executions WHERE id = ?1",
  [STMT_LIST_IN_STATUS] =
    "SELECT " EXECUTION_COLUMNS " FROM executions WHERE status = ?1 ORDER BY id",
  [STMT_LIST_CHILDREN] =
    "SELECT " EXECUTION_COLUMNS " FROM executions WHERE parent_execution_id = ?1 ORDER BY id",
  [STMT_DELETE_EXECUTION] = "DELETE FROM executions WHERE id = ?1",

  [STMT_INSERT_JOB] =
    "INSERT INTO jobs (execution_id, node_key, node_type, upstream_id, parent_id, branch,"
    "                  status, result, meta, config, log, started_at, finished_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
  [STMT_UPDATE_JOB] =
    "UPDATE jobs SET status = ?2, result = ?3, meta = ?4, config = ?5, log = ?6,"
    " finished_at = ?7 WHERE id = ?1",
  [STMT_GET_JOB] = "SELECT " JOB_COLUMNS " FROM jobs WHERE id = ?1",
  [STMT_LIST_JOBS] = "SELECT " JOB_COLUMNS " FROM jobs WHERE execution_id = ?1 ORDER BY id",

  [STMT_SET_TIMER] =
    "INSERT INTO timers (job_id, execution_id, due_ms) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (job_id) DO UPDATE SET execution_id = excluded.execution_id,"
    " due_ms = excluded.due_ms",
  [STMT_CLEAR_TIMER] = "DELETE FROM timers WHERE job_id = ?1",
  [STMT_LIST_TIMERS] = "SELECT job_id, execution_id, due_ms FROM timers ORDER BY due_ms, job_id",

  [STMT_GET_STATE] = "SELECT value FROM state WHERE name = ?1",
  [STMT_SET_STATE] =
    "INSERT INTO state (name, value) VALUES (?1, ?2)"
    " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
  [STMT_DELETE_STATE] = "DELETE FROM state WHERE name = ?1",
};

/* Execution listings combine optional filters; one cached statement per
 * combination keeps each query able to use its index. */
enum
{
  FILTER_KEY = 1 << 0,
  FILTER_STATUS = 1 << 1,
  FILTER_TEXT = 1 << 2,
  FILTER_BEFORE = 1 << 3,
  FILTER_IDS = 1 << 4,        /* deletions only */
  FILTER_FINISHED = 1 << 5,
  N_FILTER_SHAPES = 1 << 6,
};

typedef enum
{
  FILTER_LIST,
  FILTER_COUNT,
  FILTER_DELETE,
} FilterMode;

struct _SyStore
{
  GObject       parent_instance;

  sqlite3      *db;
  char         *path;
  gboolean      read_only;
  guint         schema_version;

  sqlite3_stmt *stmts[N_STMTS];
  sqlite3_stmt *list_stmts[N_FILTER_SHAPES];
  sqlite3_stmt *count_stmts[N_FILTER_SHAPES];
  sqlite3_stmt *delete_stmts[N_FILTER_SHAPES];
  GHashTable   *extra_stmts;   /* SQL text (static, by address) → statement: other store files */

  JsonGenerator *generator;
  SyStoreWal    *wal;          /* read-write connections: checkpoints off the commit path */
};

G_DEFINE_FINAL_TYPE (SyStore, sy_store, G_TYPE_OBJECT)

/* SyCachedStmt (a statement borrowed from the cache; leaving scope resets
 * it) is declared in sy-store-private.h for the store's other files. */
void
_sy_cached_stmt_release (SyCachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
store_set_error (SyStore     *self,
                 int          rc,
                 const char  *what,
                 GError     **error)
{
  sy_store_set_sqlite_error (error, self->db, rc, self->path, what);
}

static SyCachedStmt *
store_prepare (SyStore       *self,
               sqlite3_stmt **slot,
               const char    *sql,
               GError       **error)
{
  if (*slot == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL);

      if (rc != SQLITE_OK)
        {
          store_set_error (self, rc, _("could not prepare a database query"), error);
          g_clear_pointer (slot, sqlite3_finalize);
          return NULL;
        }
    }

  return *slot;
}

static SyCachedStmt *
store_stmt (SyStore  *self,
            StmtId    id,
            GError  **error)
{
  return store_prepare (self, &self->stmts[id], stmt_sql[id], error);
}

/* Runs a statement that returns no rows. */
static gboolean
stmt_exec (SyStore       *self,
           SyCachedStmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      store_set_error (self, rc, what, error);
      return FALSE;
    }

  return TRUE;
}

/* Steps a query: TRUE with *has_row for a row or the end, FALSE on error. */
static gboolean
stmt_next (SyStore       *self,
           SyCachedStmt  *stmt,
           gboolean      *has_row,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      store_set_error (self, rc, what, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_simple (SyStore     *self,
            StmtId       id,
            const char  *what,
            GError     **error)
{
  g_autoptr(SyCachedStmt) stmt = store_stmt (self, id, error);

  return stmt != NULL && stmt_exec (self, stmt, what, error);
}

/* ── For the store's other files (sy-store-private.h) ─────────────────── */

SyCachedStmt *
_sy_store_stmt (SyStore     *self,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->extra_stmts, sql);

  if (stmt == NULL)
    {
      if (store_prepare (self, &stmt, sql, error) == NULL)
        return NULL;
      g_hash_table_insert (self->extra_stmts, (gpointer) sql, stmt);
    }

  return stmt;
}

gboolean
_sy_store_exec (SyStore       *self,
                SyCachedStmt  *stmt,
                const char    *what,
                GError       **error)
{
  return stmt_exec (self, stmt, what, error);
}

gboolean
_sy_store_next (SyStore       *self,
                SyCachedStmt  *stmt,
                gboolean      *has_row,
                const char    *what,
                GError       **error)
{
  return stmt_next (self, stmt, has_row, what, error);
}

gint64
_sy_store_last_insert_id (SyStore *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

int
_sy_store_changes (SyStore *self)
{
  return sqlite3_changes (self->db);
}

/* ── Binding and reading columns ───────────────────────────────────────── */

/* Strings are bound without copying: they outlive the statement's step. */
static void
bind_text (SyCachedStmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

/* 0 means "none" for ids and times, stored as NULL. */
static void
bind_optional (SyCachedStmt *stmt,
               int           index,
               gint64        value)
{
  if (value != 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

/* One generator per store, reused: json_to_string() builds and destroys a
 * JsonGenerator per call, a measurable share of an execution's cost. */
static void
bind_json (SyStore      *self,
           SyCachedStmt *stmt,
           int           index,
           JsonNode     *node)
{
  char *text;
  gsize length;

  if (node == NULL)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  if (self->generator == NULL)
    self->generator = json_generator_new ();
  json_generator_set_root (self->generator, node);
  text = json_generator_to_data (self->generator, &length);
  sqlite3_bind_text64 (stmt, index, text, length, g_free, SQLITE_UTF8);
}

static char *
column_strdup (SyCachedStmt *stmt,
               int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
column_json (SyCachedStmt  *stmt,
             int            column,
             JsonNode     **out,
             GError       **error)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(GError) local_error = NULL;

  *out = NULL;
  if (text == NULL)
    return TRUE;

  *out = json_from_string (text, &local_error);
  if (*out == NULL && !g_utf8_validate (text, -1, NULL))
    {
      /* Older versions could store bytes that are not UTF-8 (webhook
       * forms): read them as U+FFFD rather than lose the whole row. */
      g_autofree char *repaired = g_utf8_make_valid (text, -1);

      g_clear_error (&local_error);
      *out = json_from_string (repaired, &local_error);
    }
  if (*out == NULL)
    {
      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_CORRUPT,
                   _("the stored column “%s” holds invalid JSON: %s"),
                   sqlite3_column_name (stmt, column),
                   local_error != NULL ? local_error->message : _("empty text"));
      return FALSE;
    }

  return TRUE;
}

void
_sy_store_bind_json (SyStore      *self,
                     SyCachedStmt *stmt,
                     int           index,
                     JsonNode     *node)
{
  bind_json (self, stmt, index, node);
}

gboolean
_sy_store_column_json (SyCachedStmt  *stmt,
                       int            column,
                       JsonNode     **out,
                       GError       **error)
{
  return column_json (stmt, column, out, error);
}

static SyExecution *
read_execution (SyCachedStmt  *stmt,
                GError       **error)
{
  g_autoptr(SyExecution) execution = sy_execution_new ();

  execution->id = sqlite3_column_int64 (stmt, 0);
  execution->workflow_id = sqlite3_column_int64 (stmt, 1);
  execution->workflow_key = column_strdup (stmt, 2);
  execution->version = (guint) sqlite3_column_int64 (stmt, 3);
  execution->event_key = column_strdup (stmt, 4);
  execution->status = sqlite3_column_int (stmt, 5);
  execution->reason = column_strdup (stmt, 6);
  execution->manually = sqlite3_column_int (stmt, 7) != 0;
  if (!column_json (stmt, 8, &execution->context, error) ||
      !column_json (stmt, 9, &execution->output, error))
    return NULL;
  execution->parent_execution_id = sqlite3_column_int64 (stmt, 10);
  execution->parent_job_id = sqlite3_column_int64 (stmt, 11);
  execution->retry_of = sqlite3_column_int64 (stmt, 12);
  if (!column_json (stmt, 13, &execution->stack, error))
    return NULL;
  execution->created_at = sqlite3_column_int64 (stmt, 14);
  execution->started_at = sqlite3_column_int64 (stmt, 15);
  execution->finished_at = sqlite3_column_int64 (stmt, 16);
  execution->expires_at = sqlite3_column_int64 (stmt, 17);

  return g_steal_pointer (&execution);
}

static SyJob *
read_job (SyCachedStmt  *stmt,
          GError       **error)
{
  g_autoptr(SyJob) job = sy_job_new ();

  job->id = sqlite3_column_int64 (stmt, 0);
  job->execution_id = sqlite3_column_int64 (stmt, 1);
  job->node_key = column_strdup (stmt, 2);
  job->node_type = column_strdup (stmt, 3);
  job->upstream_id = sqlite3_column_int64 (stmt, 4);
  job->parent_id = sqlite3_column_int64 (stmt, 5);
  job->branch = column_strdup (stmt, 6);
  job->status = sqlite3_column_int (stmt, 7);
  if (!column_json (stmt, 8, &job->result, error) ||
      !column_json (stmt, 9, &job->meta, error) ||
      !column_json (stmt, 10, &job->config, error))
    return NULL;
  job->log = column_strdup (stmt, 11);
  job->started_at = sqlite3_column_int64 (stmt, 12);
  job->finished_at = sqlite3_column_int64 (stmt, 13);

  return g_steal_pointer (&job);
}

static SyVersionRow *
read_version_row (SyCachedStmt *stmt)
{
  SyVersionRow *row = g_new0 (SyVersionRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->key = column_strdup (stmt, 1);
  row->version = (guint) sqlite3_column_int64 (stmt, 2);
  row->title = column_strdup (stmt, 3);
  row->trigger_type = column_strdup (stmt, 4);
  row->enabled = sqlite3_column_int (stmt, 5) != 0;
  row->current = sqlite3_column_int (stmt, 6) != 0;
  row->sync = sqlite3_column_int (stmt, 7) != 0;
  row->executed = sqlite3_column_int64 (stmt, 8);
  row->key_executed = sqlite3_column_int64 (stmt, 9);
  row->n_versions = (guint) sqlite3_column_int64 (stmt, 10);
  /* NULL: no stored execution (none yet, or all deleted). */
  row->has_last_status = sqlite3_column_type (stmt, 11) != SQLITE_NULL;
  row->last_status = row->has_last_status ? sqlite3_column_int (stmt, 11) : SY_STATUS_QUEUEING;
  row->document = column_strdup (stmt, 12);
  row->created_at = sqlite3_column_int64 (stmt, 13);
  row->updated_at = sqlite3_column_int64 (stmt, 14);

  return row;
}

/* Collects every row of a bound query with `read` (which may fail). */
typedef gpointer (*RowReader) (SyCachedStmt *stmt, GError **error);

static GPtrArray *
collect_rows (SyStore        *self,
              SyCachedStmt   *stmt,
              RowReader       read,
              GDestroyNotify  free_row,
              const char     *what,
              GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  gboolean has_row;

  while (stmt_next (self, stmt, &has_row, what, error))
    {
      gpointer row;

      if (!has_row)
        return g_steal_pointer (&rows);

      row = read (stmt, error);
      if (row == NULL)
        return NULL;
      g_ptr_array_add (rows, row);
    }

  return NULL;
}

static gpointer
read_version_row_reader (SyCachedStmt  *stmt,
                         GError       **error)
{
  return read_version_row (stmt);
}

static gpointer
read_execution_reader (SyCachedStmt  *stmt,
                       GError       **error)
{
  return read_execution (stmt, error);
}

static gpointer
read_job_reader (SyCachedStmt  *stmt,
                 GError       **error)
{
  return read_job (stmt, error);
}

/* ── Atomic groups of statements ───────────────────────────────────────── */

/* An operation of several statements runs in its own transaction, or in a
 * savepoint when the caller already holds one, so it applies entirely or
 * not at all either way. */
typedef enum
{
  ATOMIC_TRANSACTION,
  ATOMIC_SAVEPOINT,
} AtomicKind;

static gboolean
atomic_begin (SyStore     *self,
              AtomicKind  *kind,
              GError     **error)
{
  *kind = sy_store_in_transaction (self) ? ATOMIC_SAVEPOINT : ATOMIC_TRANSACTION;

  return run_simple (self, *kind == ATOMIC_SAVEPOINT ? STMT_SAVEPOINT : STMT_BEGIN,
                     _("could not start a transaction"), error);
}

static void
atomic_abort (SyStore    *self,
              AtomicKind  kind)
{
  if (kind == ATOMIC_SAVEPOINT)
    {
      run_simple (self, STMT_ROLLBACK_TO, "", NULL);
      run_simple (self, STMT_RELEASE, "", NULL);
    }
  else
    {
      sy_store_rollback (self);
    }
}

/* Commits (or releases) when `ok`, else rolls back. Returns whether the
 * operation took effect. */
static gboolean
atomic_end (SyStore     *self,
            AtomicKind   kind,
            gboolean     ok,
            GError     **error)
{
  if (ok && run_simple (self, kind == ATOMIC_SAVEPOINT ? STMT_RELEASE : STMT_COMMIT,
                        _("could not save the changes"), error))
    return TRUE;

  atomic_abort (self, kind);
  return FALSE;
}

/* ── Object ────────────────────────────────────────────────────────────── */

static void
sy_store_finalize (GObject *object)
{
  SyStore *self = SY_STORE (object);

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  for (guint i = 0; i < N_FILTER_SHAPES; i++)
    {
      g_clear_pointer (&self->list_stmts[i], sqlite3_finalize);
      g_clear_pointer (&self->count_stmts[i], sqlite3_finalize);
      g_clear_pointer (&self->delete_stmts[i], sqlite3_finalize);
    }

  g_clear_pointer (&self->extra_stmts, g_hash_table_unref);
  g_clear_pointer (&self->wal, _sy_store_wal_free);

  /* Closing the last connection checkpoints the WAL into the database. */
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->generator);

  G_OBJECT_CLASS (sy_store_parent_class)->finalize (object);
}

static void
sy_store_class_init (SyStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sy_store_finalize;
}

static void
sy_store_init (SyStore *self)
{
  self->extra_stmts = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sqlite3_finalize);
}

static gboolean
store_configure (SyStore  *self,
                 GError  **error)
{
  static const char read_write_pragmas[] =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = NORMAL;"
    /* The WAL may grow to its bound under load (sy-store-wal.h) and is then
     * written over from its start: truncating it at every restart and
     * growing it again costs more than a commit. Only a WAL that readers
     * made grow past the bound shrinks back to this. */
    "PRAGMA journal_size_limit = 67108864;"
    "PRAGMA foreign_keys = ON;";
  g_autofree char *what = NULL;
  int rc;

  /* Read-only connections check foreign keys for nothing, but they must
   * not try to change the journal mode. */
  rc = sqlite3_exec (self->db,
                     self->read_only ? "PRAGMA foreign_keys = ON;" : read_write_pragmas,
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      what = g_strdup_printf (_("could not configure the database “%s”"), self->path);
      store_set_error (self, rc, what, error);
      return FALSE;
    }

  return TRUE;
}

SyStore *
sy_store_open (const char    *path,
               SyStoreFlags   flags,
               GError       **error)
{
  g_autoptr(SyStore) self = NULL;
  guint latest = sy_store_schema_get_latest ();
  guint version;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SY_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & SY_STORE_READ_ONLY) != 0;

  self->db = sy_store_schema_open (path, self->read_only, latest, &version, error);
  if (self->db == NULL)
    return NULL;

  if (!store_configure (self, error))
    return NULL;

  if (!self->read_only)
    {
      self->wal = _sy_store_wal_new (self->db, path);
      if (!sy_store_schema_migrate (self->db, path, error))
        return NULL;
      version = latest;
    }

  self->schema_version = version;
  return g_steal_pointer (&self);
}

const char *
sy_store_get_path (SyStore *self)
{
  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  return self->path;
}

guint
sy_store_get_schema_version (SyStore *self)
{
  g_return_val_if_fail (SY_IS_STORE (self), 0);

  return self->schema_version;
}

/* ── Transactions ──────────────────────────────────────────────────────── */

gboolean
sy_store_begin (SyStore  *self,
                GError  **error)
{
  g_return_val_if_fail (SY_IS_STORE (self), FALSE);

  if (sy_store_in_transaction (self))
    {
      g_set_error_literal (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED,
                           _("could not start a transaction: one is already open"));
      return FALSE;
    }

  return run_simple (self, STMT_BEGIN, _("could not start a transaction"), error);
}

/* On failure the transaction may still be open (SQLITE_BUSY): the caller
 * rolls back. */
gboolean
sy_store_commit (SyStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (SY_IS_STORE (self), FALSE);

  return run_simple (self, STMT_COMMIT, _("could not save the changes"), error);
}

void
sy_store_rollback (SyStore *self)
{
  g_return_if_fail (SY_IS_STORE (self));

  /* SQLite may already have rolled back by itself (disk full, I/O error). */
  if (sy_store_in_transaction (self))
    run_simple (self, STMT_ROLLBACK, "", NULL);
}

guint
sy_store_get_wal_pages (SyStore *self)
{
  g_return_val_if_fail (SY_IS_STORE (self), 0);

  return self->wal != NULL ? _sy_store_wal_get_pages (self->wal) : 0;
}

gboolean
sy_store_wal_over_limit (SyStore *self)
{
  g_return_val_if_fail (SY_IS_STORE (self), FALSE);

  return self->wal != NULL && _sy_store_wal_over_limit (self->wal);
}

gboolean
sy_store_checkpoint (SyStore  *self,
                     GError  **error)
{
  int rc;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);

  if (self->wal == NULL)
    return TRUE;

  rc = _sy_store_wal_checkpoint (self->wal);
  if (rc == SQLITE_BUSY)
    {
      g_set_error_literal (error, SY_STORE_ERROR, SY_STORE_ERROR_BUSY,
                           _("could not checkpoint the database: another checkpoint is running"));
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      store_set_error (self, rc, _("could not checkpoint the database"), error);
      return FALSE;
    }

  return TRUE;
}

SyStoreWal *
_sy_store_get_wal (SyStore *self)
{
  return self->wal;
}

gboolean
sy_store_in_transaction (SyStore *self)
{
  g_return_val_if_fail (SY_IS_STORE (self), FALSE);

  return !sqlite3_get_autocommit (self->db);
}

/* ── Workflows ─────────────────────────────────────────────────────────── */

void
sy_version_row_free (SyVersionRow *row)
{
  if (row == NULL)
    return;

  g_free (row->key);
  g_free (row->title);
  g_free (row->trigger_type);
  g_free (row->document);
  g_free (row);
}

SyWorkflow *
sy_version_row_to_workflow (SyVersionRow  *row,
                            GError       **error)
{
  g_autoptr(SyWorkflow) workflow = NULL;

  g_return_val_if_fail (row != NULL, NULL);

  /* Versions are drafts until they are enabled or run: they may have problems. */
  workflow = sy_workflow_new_draft_from_data (row->document, -1, NULL, error);
  if (workflow == NULL)
    {
      g_prefix_error (error, _("version %u of “%s”: "), row->version, row->key);
      return NULL;
    }

  sy_workflow_set_version_id (workflow, row->id);
  sy_workflow_set_version (workflow, row->version);
  /* The column, not the document, says whether the version is enabled:
   * enabling another version changes it without rewriting the document. */
  sy_workflow_set_enabled (workflow, row->enabled);

  return g_steal_pointer (&workflow);
}

/* The current version of `key` stops being current (another takes over). */
static gboolean
demote_current (SyStore     *self,
                const char  *key,
                gint64       now,
                const char  *what,
                GError     **error)
{
  g_autoptr(SyCachedStmt) stmt = store_stmt (self, STMT_DEMOTE_CURRENT, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, now);
  return stmt_exec (self, stmt, what, error);
}

/* NOT_FOUND for version `version` of `key`, 0 meaning its current one. */
static void
set_no_version (GError     **error,
                const char  *key,
                guint        version)
{
  if (version == 0)
    g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND,
                 _("there is no workflow “%s”"), key);
  else
    g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND,
                 _("workflow “%s” has no version %u"), key, version);
}

static gboolean
add_version_steps (SyStore     *self,
                   SyWorkflow  *workflow,
                   const char  *key,
                   GError     **error)
{
  const char *what = _("could not store the workflow");
  g_autofree char *document = NULL;
  gboolean enabled = sy_workflow_get_enabled (workflow);
  gboolean has_current;
  gboolean has_row;
  gint64 now = sy_now_ms ();
  guint version;

  {
    g_autoptr(SyCachedStmt) stmt = store_stmt (self, STMT_NEXT_VERSION, error);

    if (stmt == NULL)
      return FALSE;
    bind_text (stmt, 1, key);
    if (!stmt_next (self, stmt, &has_row, what, error))
      return FALSE;
    version = (guint) sqlite3_column_int64 (stmt, 0) + 1;
    has_current = sqlite3_column_int64 (stmt, 1) > 0;
  }

  /* NocoBase's save hook: an enabled version takes over as current. */
  if (enabled && has_current && !demote_current (self, key, now, what, error))
    return FALSE;

  document = sy_workflow_to_data (workflow, FALSE);

  {
    g_autoptr(SyCachedStmt) stmt = store_stmt (self, STMT_INSERT_VERSION, error);

    if (stmt == NULL)
      return FALSE;
    bind_text (stmt, 1, key);
    sqlite3_bind_int64 (stmt, 2, version);
    bind_text (stmt, 3, sy_workflow_get_title (workflow) ? sy_workflow_get_title (workflow) : "");
    bind_text (stmt, 4, sy_workflow_get_trigger_type (workflow));
    bind_text (stmt, 5, document);
    sqlite3_bind_int (stmt, 6, enabled);
    if (enabled || !has_current)
      sqlite3_bind_int (stmt, 7, 1);
    else
      sqlite3_bind_null (stmt, 7);
    sqlite3_bind_int (stmt, 8, sy_workflow_get_sync (workflow));
    sqlite3_bind_int64 (stmt, 9, now);
    if (!stmt_exec (self, stmt, what, error))
      return FALSE;
  }

  sy_workflow_set_version_id (workflow, sqlite3_last_insert_rowid (self->db));
  sy_workflow_set_version (workflow, version);
  return TRUE;
}

gboolean
sy_store_add_version (SyStore     *self,
                      SyWorkflow  *workflow,
                      GError     **error)
{
  const char *key;
  AtomicKind kind;
  gboolean ok;
  gint64 version_id;
  guint version;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);
  g_return_val_if_fail (SY_IS_WORKFLOW (workflow), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  version_id = sy_workflow_get_version_id (workflow);
  version = sy_workflow_get_version (workflow);

  key = sy_workflow_get_key (workflow);
  if (key == NULL || sy_workflow_get_trigger_type (workflow) == NULL)
    {
      g_set_error_literal (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED,
                           _("could not store the workflow: it has no key or no trigger"));
      return FALSE;
    }

  if (!atomic_begin (self, &kind, error))
    return FALSE;
  ok = add_version_steps (self, workflow, key, error);
  if (atomic_end (self, kind, ok, ok ? error : NULL))
    return TRUE;

  /* Not stored after all (the commit failed): no id of a row that is not there. */
  sy_workflow_set_version_id (workflow, version_id);
  sy_workflow_set_version (workflow, version);
  return FALSE;
}

/* Explains why an update of version `id` changed no row. */
static void
explain_unchanged_version (SyStore     *self,
                           gint64       id,
                           const char  *key,
                           GError     **error)
{
  g_autoptr(SyCachedStmt) stmt = store_stmt (self, STMT_VERSION_STATE, error);
  gboolean has_row;

  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!stmt_next (self, stmt, &has_row, _("could not store the workflow"), error))
    return;

  if (!has_row)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND,
                   _("there is no stored version with id %s"), number);
    }
  else if (sqlite3_column_int64 (stmt, 2) > 0)
    g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FROZEN,
                 _("version %u of “%s” has already run; save it as a new version"),
                 (guint) sqlite3_column_int64 (stmt, 1),
                 (const char *) sqlite3_column_text (stmt, 0));
  else
    g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED,
                 _("version %u of “%s” cannot change its key to “%s”"),
                 (guint) sqlite3_column_int64 (stmt, 1),
                 (const char *) sqlite3_column_text (stmt, 0), key);
}

gboolean
sy_store_update_version (SyStore     *self,
                         SyWorkflow  *workflow,
                         GError     **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;
  g_autofree char *document = NULL;
  const char *title;
  gint64 id;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);
  g_return_val_if_fail (SY_IS_WORKFLOW (workflow), FALSE);

  id = sy_workflow_get_version_id (workflow);
  document = sy_workflow_to_data (workflow, FALSE);
  title = sy_workflow_get_title (workflow);

  /* `enabled` is left alone: sy_store_set_enabled() owns it. The frozen
   * check is part of the update, so the common case costs one statement. */
  stmt = store_stmt (self, STMT_UPDATE_VERSION, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, sy_workflow_get_key (workflow));
  bind_text (stmt, 3, title != NULL ? title : "");
  bind_text (stmt, 4, sy_workflow_get_trigger_type (workflow));
  sqlite3_bind_int (stmt, 5, sy_workflow_get_sync (workflow));
  bind_text (stmt, 6, document);
  sqlite3_bind_int64 (stmt, 7, sy_now_ms ());
  if (!stmt_exec (self, stmt, _("could not store the workflow"), error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      explain_unchanged_version (self, id, sy_workflow_get_key (workflow), error);
      return FALSE;
    }

  return TRUE;
}

static SyVersionRow *
get_one_version (SyStore       *self,
                 SyCachedStmt  *stmt,
                 GError       **error)
{
  gboolean has_row;

  if (!stmt_next (self, stmt, &has_row, _("could not read the workflow"), error))
    return NULL;
  if (!has_row)
    return NULL;

  return read_version_row (stmt);
}

SyVersionRow *
sy_store_get_version (SyStore     *self,
                      const char  *key,
                      guint        version,
                      GError     **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  SyVersionRow *row;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = store_stmt (self, version == 0 ? STMT_GET_CURRENT : STMT_GET_VERSION, error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, key);
  if (version != 0)
    sqlite3_bind_int64 (stmt, 2, version);

  row = get_one_version (self, stmt, &local_error);
  if (row != NULL)
    return row;

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    set_no_version (error, key, version);
  return NULL;
}

SyVersionRow *
sy_store_get_version_by_id (SyStore  *self,
                            gint64    version_id,
                            GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  SyVersionRow *row;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  stmt = store_stmt (self, STMT_GET_VERSION_BY_ID, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, version_id);

  row = get_one_version (self, stmt, &local_error);
  if (row != NULL)
    return row;

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version_id);

      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND,
                   _("there is no stored version with id %s"), number);
    }
  return NULL;
}

GPtrArray *
sy_store_list_workflows (SyStore  *self,
                         GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  stmt = store_stmt (self, STMT_LIST_WORKFLOWS, error);
  if (stmt == NULL)
    return NULL;

  return collect_rows (self, stmt, read_version_row_reader,
                       (GDestroyNotify) sy_version_row_free,
                       _("could not list the workflows"), error);
}

GPtrArray *
sy_store_list_versions (SyStore     *self,
                        const char  *key,
                        GError     **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = store_stmt (self, STMT_LIST_VERSIONS, error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, key);

  return collect_rows (self, stmt, read_version_row_reader,
                       (GDestroyNotify) sy_version_row_free,
                       _("could not list the versions"), error);
}

GPtrArray *
sy_store_list_enabled (SyStore     *self,
                       const char  *trigger_type,
                       GError     **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  stmt = store_stmt (self, STMT_LIST_ENABLED, error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, trigger_type);

  return collect_rows (self, stmt, read_version_row_reader,
                       (GDestroyNotify) sy_version_row_free,
                       _("could not list the enabled workflows"), error);
}

static gboolean
set_enabled_steps (SyStore     *self,
                   const char  *key,
                   guint        version,
                   gboolean     enabled,
                   GError     **error)
{
  const char *what = _("could not change whether the workflow is enabled");
  gint64 now = sy_now_ms ();
  gboolean is_current;
  gboolean has_row;
  gint64 id;

  {
    g_autoptr(SyCachedStmt) stmt = store_stmt (self, STMT_FIND_FOR_ENABLE, error);

    if (stmt == NULL)
      return FALSE;
    bind_text (stmt, 1, key);
    sqlite3_bind_int64 (stmt, 2, version);
    if (!stmt_next (self, stmt, &has_row, what, error))
      return FALSE;
    if (!has_row)
      {
        set_no_version (error, key, version);
        return FALSE;
      }
    id = sqlite3_column_int64 (stmt, 0);
    is_current = sqlite3_column_int (stmt, 1) != 0;
  }

  /* Only the current version may be enabled: enabling another one moves
   * "current" to it, first, so that UNIQUE (key, current) holds. */
  if (enabled && !is_current && !demote_current (self, key, now, what, error))
    return FALSE;

  {
    g_autoptr(SyCachedStmt) stmt = store_stmt (self, STMT_SET_ENABLED, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int (stmt, 2, enabled ? 1 : 0);
    sqlite3_bind_int64 (stmt, 3, now);
    return stmt_exec (self, stmt, what, error);
  }
}

gboolean
sy_store_set_enabled (SyStore     *self,
                      const char  *key,
                      guint        version,
                      gboolean     enabled,
                      GError     **error)
{
  AtomicKind kind;
  gboolean ok;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!atomic_begin (self, &kind, error))
    return FALSE;
  ok = set_enabled_steps (self, key, version, enabled, error);
  return atomic_end (self, kind, ok, ok ? error : NULL);
}

static gboolean
delete_workflow_steps (SyStore     *self,
                       const char  *key,
                       gboolean     purge,
                       GError     **error)
{
  const char *what = _("could not delete the workflow");

  /* Jobs and timers go with their executions (ON DELETE CASCADE). */
  if (purge)
    {
      g_autoptr(SyCachedStmt) stmt = store_stmt (self, STMT_DELETE_KEY_EXECUTIONS, error);

      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, key);
      if (!stmt_exec (self, stmt, what, error))
        return FALSE;
    }

  {
    g_autoptr(SyCachedStmt) stmt = store_stmt (self, STMT_DELETE_VERSIONS, error);

    if (stmt == NULL)
      return FALSE;
    bind_text (stmt, 1, key);
    if (!stmt_exec (self, stmt, what, error))
      return FALSE;
  }

  /* workflow_stats stays: the key's counter survives (schedule limits). */
  if (sqlite3_changes (self->db) == 0)
    {
      set_no_version (error, key, 0);
      return FALSE;
    }

  return TRUE;
}

gboolean
sy_store_delete_workflow (SyStore     *self,
                          const char  *key,
                          gboolean     purge,
                          GError     **error)
{
  AtomicKind kind;
  gboolean ok;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!atomic_begin (self, &kind, error))
    return FALSE;
  ok = delete_workflow_steps (self, key, purge, error);
  return atomic_end (self, kind, ok, ok ? error : NULL);
}

gint64
sy_store_get_key_executed (SyStore     *self,
                           const char  *key,
                           GError     **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (SY_IS_STORE (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  stmt = store_stmt (self, STMT_KEY_EXECUTED, error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, key);
  if (!stmt_next (self, stmt, &has_row, _("could not read the execution count"), error))
    return 0;

  return has_row ? sqlite3_column_int64 (stmt, 0) : 0;
}

gboolean
sy_store_key_in_use (SyStore     *self,
                     const char  *key,
                     gboolean    *in_use,
                     GError     **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (in_use != NULL, FALSE);

  stmt = store_stmt (self, STMT_KEY_IN_USE, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  if (!stmt_next (self, stmt, &has_row, _("could not read the workflow keys"), error))
    return FALSE;

  *in_use = has_row && sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/* ── Executions ────────────────────────────────────────────────────────── */

static gboolean
insert_execution_steps (SyStore      *self,
                        SyExecution  *execution,
                        GError      **error)
{
  const char *what = _("could not store the execution");

  {
    g_autoptr(SyCachedStmt) stmt = store_stmt (self, STMT_INSERT_EXECUTION, error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, execution->workflow_id);
    bind_text (stmt, 2, execution->workflow_key);
    sqlite3_bind_int64 (stmt, 3, execution->version);
    bind_text (stmt, 4, execution->event_key);
    sqlite3_bind_int (stmt, 5, execution->status);
    bind_text (stmt, 6, execution->reason);
    sqlite3_bind_int (stmt, 7, execution->manually ? 1 : 0);
    bind_json (self, stmt, 8, execution->context);
    bind_json (self, stmt, 9, execution->output);
    bind_optional (stmt, 10, execution->parent_execution_id);
    bind_optional (stmt, 11, execution->parent_job_id);
    bind_optional (stmt, 12, execution->retry_of);
    bind_json (self, stmt, 13, execution->stack);
    sqlite3_bind_int64 (stmt, 14, execution->created_at);
    bind_optional (stmt, 15, execution->started_at);
    bind_optional (stmt, 16, execution->finished_at);
    bind_optional (stmt, 17, execution->expires_at);

    rc = sqlite3_step (stmt);
    /* event_key is the only unique column we write: a duplicate event. */
    if (rc == SQLITE_CONSTRAINT_UNIQUE && execution->event_key != NULL)
      {
        g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_DUPLICATE,
                     _("an execution for the event “%s” already exists"),
                     execution->event_key);
        return FALSE;
      }
    if (rc != SQLITE_DONE)
      {
        store_set_error (self, rc, what, error);
        return FALSE;
      }
  }

  execution->id = sqlite3_last_insert_rowid (self->db);

  /* Counters count at trigger time, as in NocoBase. */
  {
    g_autoptr(SyCachedStmt) stmt = store_stmt (self, STMT_COUNT_VERSION_RUN, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, execution->workflow_id);
    if (!stmt_exec (self, stmt, what, error))
      return FALSE;
  }

  {
    g_autoptr(SyCachedStmt) stmt = store_stmt (self, STMT_COUNT_KEY_RUN, error);

    if (stmt == NULL)
      return FALSE;
    bind_text (stmt, 1, execution->workflow_key);
    return stmt_exec (self, stmt, what, error);
  }
}

gboolean
sy_store_insert_execution (SyStore      *self,
                           SyExecution  *execution,
                           GError      **error)
{
  AtomicKind kind;
  gboolean ok;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);
  g_return_val_if_fail (execution != NULL, FALSE);
  g_return_val_if_fail (execution->workflow_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (execution->created_at == 0)
    execution->created_at = sy_now_ms ();

  /* Inside the caller's transaction no savepoint is taken: this is the hot
   * path, a duplicate event fails on the first statement and changes
   * nothing, and any later failure is one the caller must roll back for. */
  if (sy_store_in_transaction (self))
    {
      ok = insert_execution_steps (self, execution, error);
      if (!ok)
        execution->id = 0;
      return ok;
    }

  if (!atomic_begin (self, &kind, error))
    return FALSE;
  ok = insert_execution_steps (self, execution, error);
  ok = atomic_end (self, kind, ok, ok ? error : NULL);
  if (!ok)
    execution->id = 0;
  return ok;
}

gboolean
sy_store_update_execution (SyStore      *self,
                           SyExecution  *execution,
                           GError      **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);
  g_return_val_if_fail (execution != NULL, FALSE);

  stmt = store_stmt (self, STMT_UPDATE_EXECUTION, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, execution->id);
  sqlite3_bind_int (stmt, 2, execution->status);
  bind_text (stmt, 3, execution->reason);
  bind_json (self, stmt, 4, execution->output);
  bind_optional (stmt, 5, execution->started_at);
  bind_optional (stmt, 6, execution->finished_at);
  bind_optional (stmt, 7, execution->expires_at);
  if (!stmt_exec (self, stmt, _("could not store the execution"), error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, execution->id);

      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND,
                   _("there is no execution %s"), number);
      return FALSE;
    }

  return TRUE;
}

SyExecution *
sy_store_get_execution (SyStore   *self,
                        gint64     id,
                        gboolean   with_jobs,
                        GError   **error)
{
  g_autoptr(SyExecution) execution = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  {
    g_autoptr(SyCachedStmt) stmt = store_stmt (self, STMT_GET_EXECUTION, error);
    gboolean has_row;

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, id);
    if (!stmt_next (self, stmt, &has_row, _("could not read the execution"), error))
      return NULL;
    if (!has_row)
      {
        g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

        g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND,
                     _("there is no execution %s"), number);
        return NULL;
      }

    execution = read_execution (stmt, error);
    if (execution == NULL)
      return NULL;
  }

  if (with_jobs)
    {
      execution->jobs = sy_store_list_jobs (self, id, error);
      if (execution->jobs == NULL)
        return NULL;
    }

  return g_steal_pointer (&execution);
}

static guint
filter_shape (const SyExecutionFilter *filter)
{
  guint shape = 0;

  if (filter == NULL)
    return 0;
  if (filter->workflow_key != NULL)
    shape |= FILTER_KEY;
  if (filter->has_status)
    shape |= FILTER_STATUS;
  if (filter->text != NULL && *filter->text != '\0')
    shape |= FILTER_TEXT;
  if (filter->before_id > 0)
    shape |= FILTER_BEFORE;
  if (filter->finished)
    shape |= FILTER_FINISHED;

  return shape;
}

/* Queued and started executions are the engine's; the others are finished. */
#define FINISHED_SQL " AND status NOT IN (0, 1000)"
G_STATIC_ASSERT (SY_STATUS_STARTED == 0 && SY_STATUS_QUEUEING == 1000);

/* As instr (lower (haystack), lower (needle)) > 0: SQLite's lower() folds
 * ASCII letters only. */
static gboolean
contains_ascii_nocase (const char *haystack,
                       const char *needle)
{
  g_autofree char *folded_haystack = NULL;
  g_autofree char *folded_needle = NULL;

  if (haystack == NULL)
    return FALSE;
  folded_haystack = g_ascii_strdown (haystack, -1);
  folded_needle = g_ascii_strdown (needle, -1);
  return strstr (folded_haystack, folded_needle) != NULL;
}

gboolean
sy_execution_filter_matches (const SyExecutionFilter *filter,
                             const SyExecution       *execution)
{
  g_return_val_if_fail (execution != NULL, FALSE);

  if (filter == NULL)
    return TRUE;
  if (filter->workflow_key != NULL && g_strcmp0 (filter->workflow_key, execution->workflow_key) != 0)
    return FALSE;
  if (filter->has_status && filter->status != execution->status)
    return FALSE;
  if (filter->finished && (execution->status == SY_STATUS_STARTED || execution->status == SY_STATUS_QUEUEING))
    return FALSE;
  if (filter->text != NULL && *filter->text != '\0')
    return contains_ascii_nocase (execution->reason, filter->text)
           || contains_ascii_nocase (execution->workflow_key, filter->text)
           || (filter->reasons != NULL && execution->reason != NULL
               && g_strv_contains (filter->reasons, execution->reason));
  return TRUE;
}

/* The reasons as one JSON array parameter, so that the statement stays cacheable. */
static char *
reasons_json (const char * const *reasons)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; reasons != NULL && reasons[i] != NULL; i++)
    json_array_add_string_element (array, reasons[i]);
  node = json_node_init_array (json_node_alloc (), array);
  return json_to_string (node, FALSE);
}

static char *
filter_sql (guint      shape,
            FilterMode mode)
{
  static const char * const heads[] = {
    [FILTER_LIST] = "SELECT " EXECUTION_COLUMNS " FROM executions WHERE 1",
    [FILTER_COUNT] = "SELECT count (*) FROM executions WHERE 1",
    /* Only finished executions: queued and started ones are the engine's. */
    [FILTER_DELETE] = "DELETE FROM executions WHERE 1" FINISHED_SQL,
  };
  GString *sql = g_string_new (heads[mode]);

  if (shape & FILTER_KEY)
    g_string_append (sql, " AND workflow_key = :key");
  if (shape & FILTER_STATUS)
    g_string_append (sql, " AND status = :status");
  if ((shape & FILTER_FINISHED) && mode != FILTER_DELETE)
    g_string_append (sql, FINISHED_SQL);
  if (shape & FILTER_TEXT)
    g_string_append (sql, " AND (instr (lower (reason), lower (:text)) > 0"
                          " OR instr (lower (workflow_key), lower (:text)) > 0"
                          " OR reason IN (SELECT value FROM json_each (:reasons)))");
  if (shape & FILTER_BEFORE)
    g_string_append (sql, " AND id < :before");
  if (shape & FILTER_IDS)
    g_string_append (sql, " AND id IN (SELECT value FROM json_each (:ids))");
  if (mode == FILTER_LIST)
    g_string_append (sql, " ORDER BY id DESC LIMIT :limit OFFSET :offset");

  return g_string_free (sql, FALSE);
}

static SyCachedStmt *
filter_stmt (SyStore                 *self,
             const SyExecutionFilter *filter,
             guint                    shape,
             FilterMode               mode,
             GError                 **error)
{
  sqlite3_stmt **slots[] = {
    [FILTER_LIST] = self->list_stmts,
    [FILTER_COUNT] = self->count_stmts,
    [FILTER_DELETE] = self->delete_stmts,
  };
  sqlite3_stmt **slot = &slots[mode][shape];
  g_autofree char *sql = NULL;
  SyCachedStmt *stmt;

  if (*slot == NULL)
    sql = filter_sql (shape, mode);

  stmt = store_prepare (self, slot, sql, error);
  if (stmt == NULL)
    return NULL;

  if (shape & FILTER_KEY)
    bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":key"), filter->workflow_key);
  if (shape & FILTER_STATUS)
    sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":status"), filter->status);
  if (shape & FILTER_TEXT)
    {
      bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":text"), filter->text);
      sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":reasons"), reasons_json (filter->reasons), -1,
                         g_free);
    }
  if (shape & FILTER_BEFORE)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":before"), filter->before_id);
  if (mode == FILTER_LIST)
    {
      /* A negative LIMIT means none. */
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"),
                          filter != NULL && filter->limit > 0 ? (gint64) filter->limit : -1);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"),
                          filter != NULL ? (gint64) filter->offset : 0);
    }

  return stmt;
}

GPtrArray *
sy_store_list_executions (SyStore                 *self,
                          const SyExecutionFilter *filter,
                          GError                 **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  stmt = filter_stmt (self, filter, filter_shape (filter), FILTER_LIST, error);
  if (stmt == NULL)
    return NULL;

  return collect_rows (self, stmt, read_execution_reader,
                       (GDestroyNotify) sy_execution_unref,
                       _("could not list the executions"), error);
}

guint
sy_store_count_executions (SyStore                 *self,
                           const SyExecutionFilter *filter,
                           GError                 **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (SY_IS_STORE (self), 0);

  stmt = filter_stmt (self, filter, filter_shape (filter), FILTER_COUNT, error);
  if (stmt == NULL)
    return 0;
  if (!stmt_next (self, stmt, &has_row, _("could not count the executions"), error))
    return 0;

  return has_row ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
}

GPtrArray *
sy_store_list_executions_in_status (SyStore   *self,
                                    SyStatus   status,
                                    GError   **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  stmt = store_stmt (self, STMT_LIST_IN_STATUS, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, status);

  return collect_rows (self, stmt, read_execution_reader,
                       (GDestroyNotify) sy_execution_unref,
                       _("could not list the executions"), error);
}

GPtrArray *
sy_store_list_child_executions (SyStore  *self,
                                gint64    id,
                                GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  stmt = store_stmt (self, STMT_LIST_CHILDREN, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  return collect_rows (self, stmt, read_execution_reader,
                       (GDestroyNotify) sy_execution_unref,
                       _("could not list the executions"), error);
}

gboolean
sy_store_delete_execution (SyStore  *self,
                           gint64    id,
                           GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);

  /* Jobs and timers cascade; the counters are deliberately untouched. */
  stmt = store_stmt (self, STMT_DELETE_EXECUTION, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!stmt_exec (self, stmt, _("could not delete the execution"), error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND,
                   _("there is no execution %s"), number);
      return FALSE;
    }

  return TRUE;
}

gboolean
sy_store_delete_executions (SyStore                 *self,
                            const SyExecutionFilter *filter,
                            GArray                  *ids,
                            guint                   *n_deleted,
                            GError                 **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;
  guint shape;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);

  /* Paging has no meaning here: every match goes. */
  shape = filter_shape (filter) & ~FILTER_BEFORE;
  if (ids != NULL)
    shape |= FILTER_IDS;

  stmt = filter_stmt (self, filter, shape, FILTER_DELETE, error);
  if (stmt == NULL)
    return FALSE;
  if (ids != NULL)
    {
      GString *list = g_string_new ("[");
      char *text;

      /* One JSON array parameter keeps the statement cacheable. */
      for (guint i = 0; i < ids->len; i++)
        g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
      g_string_append_c (list, ']');
      text = g_string_free (list, FALSE);
      sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":ids"), text, -1, g_free);
    }

  /* Jobs, timers and tasks cascade; the counters are deliberately untouched. */
  if (!stmt_exec (self, stmt, _("could not delete the executions"), error))
    return FALSE;

  if (n_deleted != NULL)
    *n_deleted = (guint) sqlite3_changes (self->db);
  return TRUE;
}

/* ── Jobs ──────────────────────────────────────────────────────────────── */

gboolean
sy_store_insert_job (SyStore  *self,
                     SyJob    *job,
                     GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);
  g_return_val_if_fail (job != NULL, FALSE);
  g_return_val_if_fail (job->node_key != NULL && job->node_type != NULL, FALSE);

  if (job->started_at == 0)
    job->started_at = sy_now_ms ();

  stmt = store_stmt (self, STMT_INSERT_JOB, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->execution_id);
  bind_text (stmt, 2, job->node_key);
  bind_text (stmt, 3, job->node_type);
  bind_optional (stmt, 4, job->upstream_id);
  bind_optional (stmt, 5, job->parent_id);
  bind_text (stmt, 6, job->branch);
  sqlite3_bind_int (stmt, 7, job->status);
  bind_json (self, stmt, 8, job->result);
  bind_json (self, stmt, 9, job->meta);
  bind_json (self, stmt, 10, job->config);
  bind_text (stmt, 11, job->log);
  sqlite3_bind_int64 (stmt, 12, job->started_at);
  bind_optional (stmt, 13, job->finished_at);
  if (!stmt_exec (self, stmt, _("could not store the job"), error))
    return FALSE;

  job->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gboolean
sy_store_update_job (SyStore  *self,
                     SyJob    *job,
                     GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);
  g_return_val_if_fail (job != NULL, FALSE);

  stmt = store_stmt (self, STMT_UPDATE_JOB, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->id);
  sqlite3_bind_int (stmt, 2, job->status);
  bind_json (self, stmt, 3, job->result);
  bind_json (self, stmt, 4, job->meta);
  bind_json (self, stmt, 5, job->config);
  bind_text (stmt, 6, job->log);
  bind_optional (stmt, 7, job->finished_at);
  if (!stmt_exec (self, stmt, _("could not store the job"), error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, job->id);

      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND,
                   _("there is no job %s"), number);
      return FALSE;
    }

  return TRUE;
}

SyJob *
sy_store_get_job (SyStore  *self,
                  gint64    id,
                  GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  stmt = store_stmt (self, STMT_GET_JOB, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!stmt_next (self, stmt, &has_row, _("could not read the job"), error))
    return NULL;
  if (!has_row)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND,
                   _("there is no job %s"), number);
      return NULL;
    }

  return read_job (stmt, error);
}

GPtrArray *
sy_store_list_jobs (SyStore  *self,
                    gint64    execution_id,
                    GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  stmt = store_stmt (self, STMT_LIST_JOBS, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, execution_id);

  return collect_rows (self, stmt, read_job_reader, (GDestroyNotify) sy_job_unref,
                       _("could not list the jobs"), error);
}

/* ── Durable timers ────────────────────────────────────────────────────── */

gboolean
sy_store_set_timer (SyStore  *self,
                    gint64    job_id,
                    gint64    execution_id,
                    gint64    due_ms,
                    GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);

  stmt = store_stmt (self, STMT_SET_TIMER, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job_id);
  sqlite3_bind_int64 (stmt, 2, execution_id);
  sqlite3_bind_int64 (stmt, 3, due_ms);

  return stmt_exec (self, stmt, _("could not store the timer"), error);
}

gboolean
sy_store_clear_timer (SyStore  *self,
                      gint64    job_id,
                      GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);

  /* Clearing a timer that already fired or was never set is fine. */
  stmt = store_stmt (self, STMT_CLEAR_TIMER, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job_id);

  return stmt_exec (self, stmt, _("could not clear the timer"), error);
}

GArray *
sy_store_list_timers (SyStore  *self,
                      GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;
  g_autoptr(GArray) timers = NULL;
  const char *what = _("could not list the timers");
  gboolean has_row;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  stmt = store_stmt (self, STMT_LIST_TIMERS, error);
  if (stmt == NULL)
    return NULL;

  timers = g_array_new (FALSE, FALSE, sizeof (SyTimerRow));
  while (stmt_next (self, stmt, &has_row, what, error))
    {
      SyTimerRow timer;

      if (!has_row)
        return g_steal_pointer (&timers);

      timer.job_id = sqlite3_column_int64 (stmt, 0);
      timer.execution_id = sqlite3_column_int64 (stmt, 1);
      timer.due_ms = sqlite3_column_int64 (stmt, 2);
      g_array_append_val (timers, timer);
    }

  return NULL;
}

/* ── State ─────────────────────────────────────────────────────────────── */

/* NULL without an error when `name` was never set. */
char *
sy_store_get_state (SyStore     *self,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = store_stmt (self, STMT_GET_STATE, error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, name);
  if (!stmt_next (self, stmt, &has_row, _("could not read the engine state"), error))
    return NULL;

  return has_row ? column_strdup (stmt, 0) : NULL;
}

/* A NULL value forgets the name. */
gboolean
sy_store_set_state (SyStore     *self,
                    const char  *name,
                    const char  *value,
                    GError     **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  stmt = store_stmt (self, value != NULL ? STMT_SET_STATE : STMT_DELETE_STATE, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  if (value != NULL)
    bind_text (stmt, 2, value);

  return stmt_exec (self, stmt, _("could not store the engine state"), error);
}
