/* sy-store-wal.c — keeping the WAL short without checkpointing on commits */
#define G_LOG_DOMAIN "sy-store"

#include "config.h"

#include "sy-store-wal.h"

struct _SyStoreWal
{
  sqlite3  *db;           /* the writer connection (not ours) */
  char     *path;
  guint     pages;        /* frames in the WAL after the last commit */
  guint     checkpointed; /* `pages` when it was last checkpointed on the writer */
  guint     limit;        /* next bound: past it the owner checkpoints at once */

  /* the helper thread */
  GThread  *thread;
  GMutex    mutex;
  GCond     cond;         /* any change below */
  guint     requested;    /* `pages` at the last request, guarded by mutex */
  gboolean  pending;      /* guarded by mutex */
  gboolean  checkpointing; /* guarded by mutex */
  gboolean  held;         /* guarded by mutex */
  gboolean  quit;         /* guarded by mutex */
};

/* A connection of the helper's own. It checkpoints only once it knows the
 * database is in WAL mode, which takes a first read. */
static sqlite3 *
open_connection (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_debug ("No checkpoint connection: %s", db ? sqlite3_errmsg (db) : "out of memory");
      g_clear_pointer (&db, sqlite3_close_v2);
    }

  return db;
}

static gpointer
helper_thread (gpointer data)
{
  SyStoreWal *wal = data;
  sqlite3 *db = NULL;

  g_mutex_lock (&wal->mutex);
  for (;;)
    {
      int rc;

      while ((!wal->pending || wal->held) && !wal->quit)
        g_cond_wait (&wal->cond, &wal->mutex);
      if (wal->quit)
        break;
      wal->pending = FALSE;
      wal->checkpointing = TRUE;
      g_mutex_unlock (&wal->mutex);

      if (db == NULL)
        db = open_connection (wal->path);

      /* BUSY only means another checkpoint runs: the next request retries. */
      rc = db != NULL ? sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL)
                      : SQLITE_CANTOPEN;
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_debug ("Background checkpoint failed: %s", db ? sqlite3_errmsg (db) : "no connection");

      g_mutex_lock (&wal->mutex);
      wal->checkpointing = FALSE;
      g_cond_broadcast (&wal->cond);
    }
  g_mutex_unlock (&wal->mutex);

  /* Not the last connection: closing it leaves the WAL alone. */
  g_clear_pointer (&db, sqlite3_close_v2);

  return NULL;
}

/* Runs on the writer's thread right after each commit. */
static int
wal_hook (void       *data,
          sqlite3    *db,
          const char *name,
          int         pages)
{
  SyStoreWal *wal = data;

  (void) db;
  (void) name;

  /* The WAL restarted: its bound starts again too. */
  if ((guint) pages < wal->pages)
    {
      wal->checkpointed = 0;
      wal->limit = SY_STORE_WAL_LIMIT_PAGES;
      g_mutex_lock (&wal->mutex);
      wal->requested = 0;
      g_mutex_unlock (&wal->mutex);
    }
  wal->pages = pages;

  g_mutex_lock (&wal->mutex);
  if (wal->pages >= wal->requested + SY_STORE_WAL_BACKGROUND_PAGES)
    {
      wal->requested = wal->pages;
      wal->pending = TRUE;
      if (wal->thread == NULL)
        wal->thread = g_thread_new ("sy-checkpoint", helper_thread, wal);
      g_cond_broadcast (&wal->cond);
    }
  g_mutex_unlock (&wal->mutex);

  return SQLITE_OK;
}

SyStoreWal *
_sy_store_wal_new (sqlite3    *db,
                   const char *path)
{
  SyStoreWal *wal = g_new0 (SyStoreWal, 1);

  wal->db = db;
  wal->path = g_strdup (path);
  wal->limit = SY_STORE_WAL_LIMIT_PAGES;
  g_mutex_init (&wal->mutex);
  g_cond_init (&wal->cond);

  /* Replaces SQLite's automatic checkpoint (itself a WAL hook). */
  sqlite3_wal_hook (db, wal_hook, wal);

  return wal;
}

void
_sy_store_wal_free (SyStoreWal *wal)
{
  if (wal == NULL)
    return;

  sqlite3_wal_hook (wal->db, NULL, NULL);

  g_mutex_lock (&wal->mutex);
  wal->quit = TRUE;
  g_cond_broadcast (&wal->cond);
  g_mutex_unlock (&wal->mutex);
  if (wal->thread != NULL)
    g_thread_join (wal->thread);

  g_mutex_clear (&wal->mutex);
  g_cond_clear (&wal->cond);
  g_free (wal->path);
  g_free (wal);
}

guint
_sy_store_wal_get_pages (SyStoreWal *wal)
{
  return wal->pages > wal->checkpointed ? wal->pages - wal->checkpointed : 0;
}

gboolean
_sy_store_wal_over_limit (SyStoreWal *wal)
{
  return wal->pages >= wal->limit;
}

int
_sy_store_wal_checkpoint (SyStoreWal *wal)
{
  int rc = sqlite3_wal_checkpoint_v2 (wal->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);

  /* BUSY: the helper is at it; the caller tries again later. */
  if (rc == SQLITE_BUSY)
    return rc;

  /* Everything is copied: a request the helper has not taken is moot. */
  g_mutex_lock (&wal->mutex);
  wal->pending = FALSE;
  g_cond_broadcast (&wal->cond);
  g_mutex_unlock (&wal->mutex);

  wal->checkpointed = wal->pages;
  /* A reader still on old pages keeps the WAL from restarting: try again
   * one bound later rather than after every commit. */
  if (wal->pages >= wal->limit)
    wal->limit = wal->pages + SY_STORE_WAL_LIMIT_PAGES;

  return rc;
}

void
_sy_store_wal_hold_helper (SyStoreWal *wal,
                           gboolean    hold)
{
  g_mutex_lock (&wal->mutex);
  wal->held = hold;
  g_cond_broadcast (&wal->cond);
  g_mutex_unlock (&wal->mutex);
}

void
_sy_store_wal_wait_for_helper (SyStoreWal *wal)
{
  g_mutex_lock (&wal->mutex);
  while (wal->checkpointing || (wal->pending && !wal->held))
    g_cond_wait (&wal->cond, &wal->mutex);
  g_mutex_unlock (&wal->mutex);
}
