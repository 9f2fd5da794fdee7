/* sy-store-wal.h — keeping the WAL short without checkpointing on commits
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that crosses 1,000
 * WAL pages: that commit then copies the WAL into the database and syncs
 * it, milliseconds that land on whoever waits for that commit. Instead the
 * writer connection only counts pages (a WAL hook): past every
 * SY_STORE_WAL_BACKGROUND_PAGES a helper thread, with a connection of its
 * own, copies what it can (PASSIVE: it never blocks the writer). The
 * writer's owner finishes the job with sy_store_checkpoint() when it is
 * idle, or at once when sy_store_wal_over_limit() says the WAL reached its
 * bound (the helper alone cannot let the WAL restart while commits keep
 * coming). Commits stay as durable as before: checkpoints never decide what
 * is committed.
 */
#pragma once

#include <sqlite3.h>

#include <glib.h>

G_BEGIN_DECLS

#define SY_STORE_WAL_BACKGROUND_PAGES 1000
#define SY_STORE_WAL_LIMIT_PAGES      10000

typedef struct _SyStoreWal SyStoreWal;

/* Takes over checkpoints of `db` (the writer connection of `path`). */
SyStoreWal *_sy_store_wal_new          (sqlite3     *db,
                                        const char  *path);
/* Stops the helper thread; call before closing `db`. */
void        _sy_store_wal_free         (SyStoreWal  *wal);
guint       _sy_store_wal_get_pages    (SyStoreWal  *wal);
gboolean    _sy_store_wal_over_limit   (SyStoreWal  *wal);
/* A PASSIVE checkpoint on the writer connection; returns SQLite's code. */
int         _sy_store_wal_checkpoint   (SyStoreWal  *wal);

/* For tests, which must know what runs when: a held helper takes no
 * request (it finishes the checkpoint it runs); waiting returns once it
 * runs none and, unless held, has none to take. */
void        _sy_store_wal_hold_helper     (SyStoreWal  *wal,
                                           gboolean     hold);
void        _sy_store_wal_wait_for_helper (SyStoreWal  *wal);

G_END_DECLS
