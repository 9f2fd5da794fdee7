/* sy-store-schema.c — the store's tables and their migrations
 *
 * Version 1, the engine's core:
 *
 *   workflows       one row per *version* of a workflow (NocoBase's model):
 *                   `key` groups the versions, `current` is 1 on the version
 *                   shown and used for its key and NULL elsewhere, so that
 *                   UNIQUE (key, current) allows one current version per key.
 *                   `executed` counts executions of the version; > 0 freezes
 *                   it. `document` is the switchyard-workflow/1 text; the
 *                   other columns mirror it for listing, except `enabled`
 *                   and `current`, which the columns own.
 *                   AUTOINCREMENT: executions outlive deleted versions and
 *                   must never point at a different version reusing an id.
 *   workflow_stats  executions per key, across all versions. Kept when
 *                   versions or executions are deleted (schedule limits).
 *   executions      one run. `status` holds SyStatus values, 1000 for
 *                   queueing (NocoBase's NULL). `workflow_id` has no
 *                   foreign key on purpose: history survives deleting a
 *                   workflow. JSON columns hold compact JSON text.
 *   jobs            one node run; deleted with their execution.
 *   timers          durable timers of pending jobs (delays), deleted with
 *                   their job or execution.
 *   state           small name/value pairs (scheduler bookkeeping).
 *
 * Later issues append steps (tasks, people, schedules, collection bindings)
 * to `migrations` below; never edit a step that has shipped.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "sy-store.h"
#include "sy-store-schema.h"

typedef struct
{
  const char *summary; /* what the step does, for error messages */
  const char *sql;
} Migration;

static const Migration migrations[] = {
  /* 1 */
  {
    "create workflows, executions, jobs, timers and state",
    "CREATE TABLE workflows ("
    "  id            INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  key           TEXT NOT NULL,"
    "  version       INTEGER NOT NULL,"
    "  title         TEXT NOT NULL DEFAULT '',"
    "  trigger_type  TEXT NOT NULL,"
    "  document      TEXT NOT NULL,"
    "  enabled       INTEGER NOT NULL DEFAULT 0,"
    "  current       INTEGER CHECK (current IS NULL OR current = 1),"
    "  sync          INTEGER NOT NULL DEFAULT 0,"
    "  executed      INTEGER NOT NULL DEFAULT 0,"
    "  created_at    INTEGER NOT NULL,"
    "  updated_at    INTEGER NOT NULL,"
    "  UNIQUE (key, version),"
    "  UNIQUE (key, current)"
    ");"
    "CREATE TABLE workflow_stats ("
    "  key       TEXT PRIMARY KEY,"
    "  executed  INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE TABLE executions ("
    "  id                   INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  workflow_id          INTEGER NOT NULL,"
    "  workflow_key         TEXT NOT NULL,"
    "  version              INTEGER NOT NULL,"
    "  event_key            TEXT,"
    "  status               INTEGER NOT NULL,"
    "  reason               TEXT,"
    "  manually             INTEGER NOT NULL DEFAULT 0,"
    "  context              TEXT,"
    "  output               TEXT,"
    "  parent_execution_id  INTEGER,"
    "  parent_job_id        INTEGER,"
    "  retry_of             INTEGER,"
    "  stack                TEXT,"
    "  created_at           INTEGER NOT NULL,"
    "  started_at           INTEGER,"
    "  finished_at          INTEGER,"
    "  expires_at           INTEGER"
    ");"
    /* Unique among the executions that have one; partial, so that the
     * many without one cost no index page per insert. */
    "CREATE UNIQUE INDEX executions_by_event ON executions (event_key)"
    "  WHERE event_key IS NOT NULL;"
    "CREATE INDEX executions_by_key ON executions (workflow_key, id DESC);"
    "CREATE INDEX executions_by_status ON executions (status, id);"
    /* Partial: most executions have no parent, and this index is only
     * looked up with parent_execution_id = ?. */
    "CREATE INDEX executions_by_parent ON executions (parent_execution_id)"
    "  WHERE parent_execution_id IS NOT NULL;"
    "CREATE TABLE jobs ("
    "  id            INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  execution_id  INTEGER NOT NULL REFERENCES executions (id) ON DELETE CASCADE,"
    "  node_key      TEXT NOT NULL,"
    "  node_type     TEXT NOT NULL,"
    "  upstream_id   INTEGER,"
    "  parent_id     INTEGER,"
    "  branch        TEXT,"
    "  status        INTEGER NOT NULL,"
    "  result        TEXT,"
    "  meta          TEXT,"
    "  config        TEXT,"
    "  log           TEXT,"
    "  started_at    INTEGER NOT NULL,"
    "  finished_at   INTEGER"
    ");"
    "CREATE INDEX jobs_by_execution ON jobs (execution_id, id);"
    "CREATE TABLE timers ("
    "  job_id        INTEGER PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,"
    "  execution_id  INTEGER NOT NULL REFERENCES executions (id) ON DELETE CASCADE,"
    "  due_ms        INTEGER NOT NULL"
    ");"
    "CREATE INDEX timers_by_due ON timers (due_ms);"
    /* Foreign key cascades look timers up by execution. */
    "CREATE INDEX timers_by_execution ON timers (execution_id);"
    "CREATE TABLE state ("
    "  name   TEXT PRIMARY KEY,"
    "  value  TEXT"
    ");"
  },
  /* 2: people and their tasks (manual, approval, cc). `me` is the desktop
   * user; its empty name means "the account's real name" (sy-store-tasks.c).
   * Task statuses are NocoBase's: 0 pending (cc: unread), 1 resolved (cc:
   * read), -5 rejected, -3 withdrawn. */
  {
    "create people and tasks",
    "CREATE TABLE people ("
    "  id     TEXT PRIMARY KEY,"
    "  name   TEXT NOT NULL DEFAULT '',"
    "  email  TEXT"
    ");"
    "INSERT INTO people (id, name) VALUES ('me', '');"
    "CREATE TABLE tasks ("
    "  id            INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  execution_id  INTEGER NOT NULL REFERENCES executions (id) ON DELETE CASCADE,"
    "  job_id        INTEGER NOT NULL,"
    "  workflow_key  TEXT NOT NULL,"
    "  node_key      TEXT NOT NULL,"
    "  type          TEXT NOT NULL CHECK (type IN ('manual', 'approval', 'cc')),"
    "  title         TEXT NOT NULL DEFAULT '',"
    "  assignee      TEXT NOT NULL,"
    "  status        INTEGER NOT NULL DEFAULT 0,"
    "  form          TEXT,"
    "  \"values\"      TEXT,"
    "  action        TEXT,"
    "  comment       TEXT,"
    "  created_at    INTEGER NOT NULL,"
    "  updated_at    INTEGER NOT NULL"
    ");"
    "CREATE INDEX tasks_by_status ON tasks (status, assignee);"
    "CREATE INDEX tasks_by_job ON tasks (job_id);"
    /* Foreign key cascades look tasks up by execution. */
    "CREATE INDEX tasks_by_execution ON tasks (execution_id);"
  },
  /* Append new steps here: { "create tasks", "CREATE TABLE tasks (…);" }, */
};

guint
sy_store_schema_get_latest (void)
{
  return G_N_ELEMENTS (migrations);
}

/* Out of room on the file system: SQLITE_FULL from a write, or an I/O
 * error whose errno says so (growing the -shm file reports IOERR_SHMSIZE). */
static gboolean
is_disk_full (sqlite3 *db,
              int      rc)
{
  int system_errno;

  if ((rc & 0xff) == SQLITE_FULL)
    return TRUE;
  if ((rc & 0xff) != SQLITE_IOERR || db == NULL)
    return FALSE;

  system_errno = sqlite3_system_errno (db);
  return system_errno == ENOSPC || system_errno == EDQUOT;
}

void
sy_store_set_sqlite_error (GError     **error,
                           sqlite3     *db,
                           int          rc,
                           const char  *path,
                           const char  *what)
{
  const char *detail;

  /* The connection's message is more specific than the code's generic text. */
  if (db != NULL && sqlite3_errcode (db) != SQLITE_OK)
    detail = sqlite3_errmsg (db);
  else
    detail = sqlite3_errstr (rc);

  if (is_disk_full (db, rc))
    {
      /* SQLite's own text ("database or disk is full") says nothing more. */
      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FULL,
                   _("the disk is full: %s, as the database “%s” could not grow; "
                     "free some space and try again"),
                   what, path);
      return;
    }

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      /* Never repaired or replaced here: it may be all someone has. */
      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged or is not a Switchyard database (%s); Switchyard leaves "
                     "it as it is: restore it from a backup, or move it elsewhere to start "
                     "with an empty one"),
                   path, detail);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      /* "unable to open database file" alone does not say why: the system does. */
      if (db != NULL && sqlite3_system_errno (db) != 0)
        {
          g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED, "%s: %s (%s)",
                       what, detail, g_strerror (sqlite3_system_errno (db)));
          break;
        }
      G_GNUC_FALLTHROUGH;

    default:
      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED,
                   "%s: %s", what, detail);
      break;
    }
}

gboolean
sy_store_schema_read_version (sqlite3     *db,
                              const char  *path,
                              guint       *version,
                              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      sy_store_set_sqlite_error (error, db, rc, path, _("could not read the schema version"));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *version = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
schema_is_empty (sqlite3     *db,
                 const char  *path,
                 gboolean    *empty,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT count (*) FROM sqlite_master", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      sy_store_set_sqlite_error (error, db, rc, path, _("could not read the list of tables"));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *empty = sqlite3_column_int64 (stmt, 0) == 0;
  sqlite3_finalize (stmt);
  return TRUE;
}

sqlite3 *
sy_store_schema_open (const char  *path,
                      gboolean     read_only,
                      guint        latest,
                      guint       *version,
                      GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  /* SQLite's own message for this is a bare "unable to open database file". */
  if (read_only && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND,
                   _("there is no database at “%s”"), path);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &db, read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("could not open the database “%s”"), path);

      sy_store_set_sqlite_error (error, db, rc, path, what);
      goto fail;
    }

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);

  /* Reading the version is the first access to the file: it tells a
   * non-database apart before anything writes to it. */
  if (!sy_store_schema_read_version (db, path, version, error))
    goto fail;

  if (*version > latest)
    {
      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_TOO_NEW,
                   _("the database “%s” was written by a newer Switchyard "
                     "(schema version %u; this version knows up to %u)"),
                   path, *version, latest);
      goto fail;
    }

  /* Version 0 is a new, empty file; one with tables is another program's,
   * and stays as it is rather than receive ours. */
  if (*version == 0)
    {
      gboolean empty;

      if (!schema_is_empty (db, path, &empty, error))
        goto fail;
      if (!empty)
        {
          g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_CORRUPT,
                       _("“%s” is another program’s database, not a Switchyard one (it has "
                         "tables but no Switchyard schema version); Switchyard leaves it as it "
                         "is: move it elsewhere to start with an empty one"),
                       path);
          goto fail;
        }
    }

  if (read_only && *version < latest)
    {
      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED,
                   _("the database “%s” has schema version %u but %u is needed; "
                     "open it once for writing to upgrade it"),
                   path, *version, latest);
      goto fail;
    }

  return db;

fail:
  sqlite3_close_v2 (db);
  return NULL;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *path,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      sy_store_set_sqlite_error (error, db, rc, path, what);
      return FALSE;
    }

  return TRUE;
}

static gboolean
apply_step (sqlite3     *db,
            const char  *path,
            guint        step,
            GError     **error)
{
  const Migration *migration = &migrations[step - 1];
  g_autofree char *what = NULL;
  g_autofree char *set_version = NULL;
  guint version;

  what = g_strdup_printf (_("could not upgrade the database to version %u (%s)"),
                          step, migration->summary);

  if (!exec_sql (db, path, "BEGIN IMMEDIATE", what, error))
    return FALSE;

  /* Another process may have migrated between our read and our lock. */
  if (!sy_store_schema_read_version (db, path, &version, error))
    goto fail;
  if (version >= step)
    return exec_sql (db, path, "COMMIT", what, error);

  set_version = g_strdup_printf ("PRAGMA user_version = %u", step);
  if (!exec_sql (db, path, migration->sql, what, error) ||
      !exec_sql (db, path, set_version, what, error) ||
      !exec_sql (db, path, "COMMIT", what, error))
    goto fail;

  return TRUE;

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gboolean
sy_store_schema_migrate (sqlite3     *db,
                         const char  *path,
                         GError     **error)
{
  guint version;

  if (!sy_store_schema_read_version (db, path, &version, error))
    return FALSE;

  for (guint step = version + 1; step <= G_N_ELEMENTS (migrations); step++)
    if (!apply_step (db, path, step, error))
      return FALSE;

  return TRUE;
}
