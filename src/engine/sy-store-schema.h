/* sy-store-schema.h — the store's tables and their migrations (private to the store)
 *
 * The schema version lives in `PRAGMA user_version`. Migration steps are
 * applied in order, each in its own transaction.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The user_version a fully migrated database has. */
guint     sy_store_schema_get_latest   (void);

/* Reads PRAGMA user_version; fails with SY_STORE_ERROR_CORRUPT when the
 * file is not a database. */
gboolean  sy_store_schema_read_version (sqlite3     *db,
                                        const char  *path,
                                        guint       *version,
                                        GError     **error);

/* Opens the SQLite file `path` (created when read-write), reads its schema
 * version and checks it against `latest`: a newer one is TOO_NEW; an older
 * one opened read-only must first be opened for writing (to be migrated).
 * Used by every store of the engine (switchyard.db, data.db). */
sqlite3  *sy_store_schema_open         (const char  *path,
                                        gboolean     read_only,
                                        guint        latest,
                                        guint       *version,
                                        GError     **error);

/* Applies the missing steps. The caller has checked the version is not
 * ahead of sy_store_schema_get_latest(). */
gboolean  sy_store_schema_migrate      (sqlite3     *db,
                                        const char  *path,
                                        GError     **error);

/* Turns a failed SQLite call on `db` into a SY_STORE_ERROR: FULL for a full
 * disk, CORRUPT for a damaged file, FAILED otherwise; the message starts
 * with `what` and ends with SQLite's own text. */
void      sy_store_set_sqlite_error    (GError     **error,
                                        sqlite3     *db,
                                        int          rc,
                                        const char  *path,
                                        const char  *what);

G_END_DECLS
