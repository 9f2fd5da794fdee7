/* sy-store-private.h — what the store's own files share (sy-store.c, sy-store-tasks.c)
 *
 * Statements of the other store files are cached per connection like those
 * of sy-store.c, keyed by the address of their (static) SQL text.
 */
#pragma once

#include <sqlite3.h>

#include "sy-store.h"
#include "sy-store-wal.h"

G_BEGIN_DECLS

/* A statement borrowed from the cache; leaving scope resets it. */
typedef sqlite3_stmt SyCachedStmt;

void          _sy_cached_stmt_release  (SyCachedStmt  *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyCachedStmt, _sy_cached_stmt_release)

/* `sql` must be a static string: its address is the cache key. */
SyCachedStmt *_sy_store_stmt           (SyStore       *self,
                                        const char    *sql,
                                        GError       **error);
/* Runs a statement that returns no rows; `what` starts the error message. */
gboolean      _sy_store_exec           (SyStore       *self,
                                        SyCachedStmt  *stmt,
                                        const char    *what,
                                        GError       **error);
/* Steps a query: TRUE with *has_row for a row or the end, FALSE on error. */
gboolean      _sy_store_next           (SyStore       *self,
                                        SyCachedStmt  *stmt,
                                        gboolean      *has_row,
                                        const char    *what,
                                        GError       **error);
gint64        _sy_store_last_insert_id (SyStore       *self);
int           _sy_store_changes        (SyStore       *self);
/* Compact JSON text, or NULL for a NULL node. */
void          _sy_store_bind_json      (SyStore       *self,
                                        SyCachedStmt  *stmt,
                                        int            index,
                                        JsonNode      *node);
/* Parses a JSON column (NULL stays NULL); CORRUPT on invalid text. */
gboolean      _sy_store_column_json    (SyCachedStmt  *stmt,
                                        int            column,
                                        JsonNode     **out,
                                        GError       **error);

/* The WAL upkeep of a read-write connection, NULL for read-only ones (tests). */
SyStoreWal   *_sy_store_get_wal        (SyStore       *self);

G_END_DECLS
