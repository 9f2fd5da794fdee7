/* sy-collection-store.h — the local collections: definitions and records in data.db
 *
 * data.db is a SQLite file of its own in the data directory (WAL). One
 * table per collection, named as the collection, with the columns `id`
 * (never reused), one per field, `created_at` and `updated_at`; the
 * definitions live in `_sy_collections`. The engine thread holds the only
 * writer connection; read-only connections may be opened anywhere (the data
 * view) and notice definition changes by themselves.
 *
 * Every write checks its values with the definition (sy-collection.h) and
 * applies entirely or not at all: in its own transaction, or in a savepoint
 * when the caller holds one (the engine keeps one open per pump). Records
 * are JSON objects: id, the fields in definition order, created_at,
 * updated_at (RFC 3339 UTC with milliseconds).
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "collections/sy-collection.h"
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_COLLECTION_STORE (sy_collection_store_get_type ())
G_DECLARE_FINAL_TYPE (SyCollectionStore, sy_collection_store, SY, COLLECTION_STORE, GObject)

/* Errors: SY_STORE_ERROR for the file (corrupt, too new, disk full),
 * SY_COLLECTION_ERROR for what was asked (unknown collection, bad value). */
SyCollectionStore *sy_collection_store_open            (const char         *path,
                                                        SyStoreFlags        flags,
                                                        GError            **error);
const char        *sy_collection_store_get_path        (SyCollectionStore  *self);

/* ── Transactions (the engine's pump) ───────────────────────────────────── */
gboolean           sy_collection_store_begin           (SyCollectionStore  *self,
                                                        GError            **error);
gboolean           sy_collection_store_commit          (SyCollectionStore  *self,
                                                        GError            **error);
void               sy_collection_store_rollback        (SyCollectionStore  *self);
gboolean           sy_collection_store_in_transaction  (SyCollectionStore  *self);

/* The query planner's statistics of tables that changed much since they
 * were last gathered (a thousand records and a tenth of the table) are
 * gathered again; nothing to do otherwise. Outside a transaction. */
gboolean           sy_collection_store_refresh_statistics (SyCollectionStore *self,
                                                           GError           **error);

/* ── Definitions ────────────────────────────────────────────────────────── */
/* Of SyCollection, in the order they were first defined. */
GPtrArray         *sy_collection_store_list_collections (SyCollectionStore *self,
                                                        GError            **error);
/* A new reference; NOT_FOUND "there is no collection “x”". */
SyCollection      *sy_collection_store_get_collection  (SyCollectionStore  *self,
                                                        const char         *name,
                                                        GError            **error);
/* Defines new collections and changes existing ones, all or none. A
 * changed definition migrates its table: rows, ids and times are kept and
 * every value is converted to its field's new rules; when a value cannot
 * be (a text that is no number, a record missing a now required value, an
 * option that no longer exists, a reference to a record that is not
 * there) nothing changes and the error (REFUSED) names the collection,
 * field, record and reason. Belongs-to targets must exist or be in
 * `collections`. `changed` (may be NULL) gets, per collection, TRUE when
 * anything was created or changed. */
gboolean           sy_collection_store_define          (SyCollectionStore  *self,
                                                        GPtrArray          *collections,
                                                        GArray            **changed,
                                                        GError            **error);
/* Removes a collection and its records; REFUSED while another collection
 * has a belongs-to field pointing to it. */
gboolean           sy_collection_store_drop_collection (SyCollectionStore  *self,
                                                        const char         *name,
                                                        GError            **error);

/* ── Reading ────────────────────────────────────────────────────────────── */
typedef struct
{
  JsonNode           *filter;    /* NocoBase filter (sy-filter.h), NULL = every record */
  const char * const *sort;      /* "field", "-field", "product.title"; NULL = by id */
  guint               page;      /* 1-based; 0 means 1 */
  guint               page_size; /* 0 = no limit */
  const char * const *appends;   /* belongs-to fields to load in place of their ids
                                  * ("product", "product.category") */
} SyRecordQuery;

JsonArray         *sy_collection_store_query           (SyCollectionStore  *self,
                                                        const char         *collection,
                                                        const SyRecordQuery *query,
                                                        GError            **error);
gint64             sy_collection_store_count           (SyCollectionStore  *self,
                                                        const char         *collection,
                                                        JsonNode           *filter,
                                                        GError            **error);
/* NOT_FOUND "there is no record 7 in “orders”". */
JsonObject        *sy_collection_store_get_record      (SyCollectionStore  *self,
                                                        const char         *collection,
                                                        gint64              id,
                                                        const char * const *appends,
                                                        GError            **error);
/* Replaces belongs-to ids of `records` (objects of `collection`) by their
 * records (null when gone). */
gboolean           sy_collection_store_load_appends    (SyCollectionStore  *self,
                                                        const char         *collection,
                                                        JsonArray          *records,
                                                        const char * const *appends,
                                                        GError            **error);
/* count, sum, avg, min or max of `field` (count: NULL counts records) over
 * the records matching `filter`. null when there is nothing to sum. */
JsonNode          *sy_collection_store_aggregate       (SyCollectionStore  *self,
                                                        const char         *collection,
                                                        const char         *function,
                                                        const char         *field,
                                                        JsonNode           *filter,
                                                        gboolean            distinct,
                                                        GError            **error);

/* ── Writing ────────────────────────────────────────────────────────────── */
/* Returns the record as stored. */
JsonObject        *sy_collection_store_insert          (SyCollectionStore  *self,
                                                        const char         *collection,
                                                        JsonObject         *values,
                                                        GError            **error);
/* Changes the members given; `before` (may be NULL) gets the record as it
 * was. Returns the record as stored. */
JsonObject        *sy_collection_store_update          (SyCollectionStore  *self,
                                                        const char         *collection,
                                                        gint64              id,
                                                        JsonObject         *values,
                                                        JsonObject        **before,
                                                        GError            **error);
/* One statement for every matching record; returns how many changed. */
gint64             sy_collection_store_update_where    (SyCollectionStore  *self,
                                                        const char         *collection,
                                                        JsonNode           *filter,
                                                        JsonObject         *values,
                                                        GError            **error);
/* Returns the deleted record. Optional belongs-to fields pointing to it
 * become null; a required one refuses the deletion (REFUSED). */
JsonObject        *sy_collection_store_delete          (SyCollectionStore  *self,
                                                        const char         *collection,
                                                        gint64              id,
                                                        GError            **error);
gint64             sy_collection_store_delete_where    (SyCollectionStore  *self,
                                                        const char         *collection,
                                                        JsonNode           *filter,
                                                        GError            **error);
/* Writes `record` back exactly as given (id and times included), replacing
 * the stored one: the undo of an update. */
gboolean           sy_collection_store_put_record      (SyCollectionStore  *self,
                                                        const char         *collection,
                                                        JsonObject         *record,
                                                        GError            **error);

/* ── SQL ────────────────────────────────────────────────────────────────── */
/* Runs one statement (SELECT, INSERT, UPDATE, DELETE or WITH; nothing
 * that changes tables or transactions, nothing on `_sy_` tables).
 * `:name` parameters are bound from `variables` (objects and arrays as
 * JSON text); their text is never put into the SQL. Returns the rows as
 * objects, or with `with_meta` [rows, {"changes", "lastInsertRowid"}].
 * `wrote` (may be NULL) tells whether the statement may have written. */
JsonNode          *sy_collection_store_run_sql         (SyCollectionStore  *self,
                                                        const char         *sql,
                                                        JsonObject         *variables,
                                                        gboolean            with_meta,
                                                        gboolean           *wrote,
                                                        GError            **error);

G_END_DECLS
