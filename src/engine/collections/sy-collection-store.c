/* sy-collection-store.c — the local collections: definitions and records in data.db
 *
 * Every SQL statement on data.db lives here (filters come compiled from
 * sy-filter.c). Statements of a fixed shape (insert, get, exists, delete
 * by id) are prepared once per connection; those built from a filter are
 * prepared for the call.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "collections/sy-collection-store.h"
#include "collections/sy-filter.h"
#include "sy-json.h"
#include "sy-records.h"
#include "sy-store-private.h"
#include "sy-store-schema.h"

/* data.db's own schema: the definitions table. */
#define DATA_SCHEMA_VERSION 1
static const char data_schema[] =
  "CREATE TABLE IF NOT EXISTS _sy_collections ("
  "  name       TEXT PRIMARY KEY,"
  "  definition TEXT NOT NULL,"
  "  position   INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);";

/* Statements kept prepared at most; updates of different fields each
 * have their own, so the cache is emptied past this. */
#define MAX_CACHED_STMTS 256
/* How many ids go into one IN (…) when loading appends. */
#define APPEND_CHUNK 500
/* Statistics are refreshed once this many records of a table changed (and
 * at least a tenth of it); ANALYZE looks at this many rows per index. */
#define ANALYZE_CHURN 1000
#define ANALYZE_LIMIT "1000"

/* A statement prepared for one call. */
typedef sqlite3_stmt SyOwnedStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyOwnedStmt, sqlite3_finalize)

struct _SyCollectionStore
{
  GObject      parent_instance;

  sqlite3     *db;
  char        *path;
  gboolean     read_only;

  GPtrArray   *collections;  /* of SyCollection, in definition order */
  GHashTable  *by_name;      /* name → SyCollection (borrowed) */
  GHashTable  *definitions;  /* name → definition text, to notice changes (readers) */
  gint64       data_version; /* PRAGMA data_version when definitions were read */
  GHashTable  *stmts;        /* SQL text → sqlite3_stmt */
  GHashTable  *churn;        /* table → records changed since its statistics */

  /* run_sql: what the authorizer refused */
  char        *denied;
};

G_DEFINE_FINAL_TYPE (SyCollectionStore, sy_collection_store, G_TYPE_OBJECT)

/* ── SQLite plumbing ───────────────────────────────────────────────────── */

/* Numbers in translatable messages are formatted first (xgettext cannot
 * read G_GINT64_FORMAT). */
static char *
number_text (gint64 number)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, number);
}

static void
add_churn (SyCollectionStore *self,
           const char        *table,
           gint64             changed)
{
  gint64 *count = g_hash_table_lookup (self->churn, table);

  if (count == NULL)
    {
      count = g_new0 (gint64, 1);
      g_hash_table_insert (self->churn, g_strdup (table), count);
    }
  *count += changed;
}

static gboolean
sqlite_error (SyCollectionStore *self,
              int                rc,
              const char        *what,
              GError           **error)
{
  sy_store_set_sqlite_error (error, self->db, rc, self->path, what);
  return FALSE;
}

static gboolean
exec_simple (SyCollectionStore *self,
             const char        *sql,
             GError           **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return sqlite_error (self, rc, _("could not change the collections database"), error);

  return TRUE;
}

static SyCachedStmt *
cached_stmt (SyCollectionStore *self,
             const char        *sql,
             GError           **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite_error (self, rc, _("could not prepare a collections database query"), error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

static SyOwnedStmt *
owned_stmt (SyCollectionStore *self,
            const char        *sql,
            GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sqlite_error (self, rc, _("could not prepare a collections database query"), error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

/* Steps once: TRUE with *has_row, FALSE on error. */
static gboolean
step (SyCollectionStore *self,
      sqlite3_stmt      *stmt,
      gboolean          *has_row,
      GError           **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      if (has_row != NULL)
        *has_row = rc == SQLITE_ROW;
      return TRUE;
    }

  return sqlite_error (self, rc,
                       sqlite3_stmt_readonly (stmt) ? _("could not read the collections database")
                                                    : _("could not write to the collections database"),
                       error);
}

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            JsonNode     *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  if (!JSON_NODE_HOLDS_VALUE (value))
    {
      g_autofree char *text = json_to_string (value, FALSE);

      sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
      return;
    }

  switch (json_node_get_value_type (value))
    {
    case G_TYPE_INT64:
      sqlite3_bind_int64 (stmt, index, json_node_get_int (value));
      break;
    case G_TYPE_DOUBLE:
      sqlite3_bind_double (stmt, index, json_node_get_double (value));
      break;
    case G_TYPE_BOOLEAN:
      sqlite3_bind_int (stmt, index, json_node_get_boolean (value) ? 1 : 0);
      break;
    case G_TYPE_STRING:
    default:
      sqlite3_bind_text (stmt, index, json_node_get_string (value), -1, SQLITE_TRANSIENT);
      break;
    }
}

static void
bind_params (sqlite3_stmt *stmt,
             GPtrArray    *params)
{
  for (guint i = 0; i < params->len; i++)
    bind_value (stmt, (int) i + 1, g_ptr_array_index (params, i));
}

/* A field's value in its column: JSON fields as JSON text. */
static void
bind_field (sqlite3_stmt            *stmt,
            int                      index,
            const SyCollectionField *field,
            JsonNode                *value)
{
  if (field->type == SY_FIELD_TYPE_JSON && value != NULL && !JSON_NODE_HOLDS_NULL (value))
    {
      g_autofree char *text = json_to_string (value, FALSE);

      sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
      return;
    }

  bind_value (stmt, index, value);
}

/* The column's value as JSON, by the field's type. */
static JsonNode *
column_value (sqlite3_stmt            *stmt,
              int                      column,
              const SyCollectionField *field)
{
  JsonNode *node;
  int type = sqlite3_column_type (stmt, column);

  if (type == SQLITE_NULL)
    return json_node_new (JSON_NODE_NULL);

  node = json_node_new (JSON_NODE_VALUE);
  switch (field != NULL ? field->type : SY_FIELD_TYPE_STRING)
    {
    case SY_FIELD_TYPE_BOOLEAN:
      json_node_set_boolean (node, sqlite3_column_int64 (stmt, column) != 0);
      return node;

    case SY_FIELD_TYPE_NUMBER:
      json_node_set_double (node, sqlite3_column_double (stmt, column));
      return node;

    case SY_FIELD_TYPE_JSON:
      if (type == SQLITE_TEXT)
        {
          JsonNode *parsed = json_from_string ((const char *) sqlite3_column_text (stmt, column), NULL);

          if (parsed != NULL)
            {
              json_node_unref (node);
              return parsed;
            }
        }
      break;

    case SY_FIELD_TYPE_INTEGER:
    case SY_FIELD_TYPE_BELONGS_TO:
    case SY_FIELD_TYPE_STRING:
    case SY_FIELD_TYPE_TEXT:
    case SY_FIELD_TYPE_DATE:
    case SY_FIELD_TYPE_DATETIME:
    case SY_FIELD_TYPE_CHOICE:
    default:
      break;
    }

  /* As stored (also what raw SQL may have put there). */
  switch (type)
    {
    case SQLITE_INTEGER:
      json_node_set_int (node, sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_FLOAT:
      json_node_set_double (node, sqlite3_column_double (stmt, column));
      break;
    default:
      json_node_set_string (node, (const char *) sqlite3_column_text (stmt, column));
      break;
    }

  return node;
}

/* ── Definitions ───────────────────────────────────────────────────────── */

static void
set_definitions (SyCollectionStore *self,
                 GPtrArray         *collections)
{
  g_hash_table_remove_all (self->by_name);
  g_hash_table_remove_all (self->definitions);
  g_ptr_array_set_size (self->collections, 0);

  for (guint i = 0; i < collections->len; i++)
    {
      SyCollection *collection = g_ptr_array_index (collections, i);
      g_autoptr(JsonNode) document = sy_collection_to_json (collection);

      g_ptr_array_add (self->collections, g_object_ref (collection));
      g_hash_table_insert (self->by_name, (gpointer) sy_collection_get_name (collection), collection);
      g_hash_table_insert (self->definitions, g_strdup (sy_collection_get_name (collection)),
                           json_to_string (document, FALSE));
    }
}

static gboolean
read_data_version (SyCollectionStore *self,
                   gint64            *version,
                   GError           **error)
{
  SyCachedStmt *stmt = cached_stmt (self, "PRAGMA data_version", error);
  g_autoptr(SyCachedStmt) borrowed = stmt;
  gboolean has_row;

  if (stmt == NULL || !step (self, stmt, &has_row, error))
    return FALSE;

  *version = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

static gboolean
load_definitions (SyCollectionStore *self,
                  GError           **error)
{
  g_autoptr(GPtrArray) collections = g_ptr_array_new_with_free_func (g_object_unref);
  SyCachedStmt *stmt;
  gboolean has_row;

  if (!read_data_version (self, &self->data_version, error))
    return FALSE;

  stmt = cached_stmt (self, "SELECT name, definition FROM _sy_collections ORDER BY position, name", error);
  if (stmt == NULL)
    return FALSE;

  {
    g_autoptr(SyCachedStmt) borrowed = stmt;

    while (step (self, stmt, &has_row, error) && has_row)
      {
        const char *name = (const char *) sqlite3_column_text (stmt, 0);
        const char *text = (const char *) sqlite3_column_text (stmt, 1);
        const char *known = g_hash_table_lookup (self->definitions, name);
        SyCollection *collection = g_hash_table_lookup (self->by_name, name);
        g_autoptr(GError) parse_error = NULL;

        /* Parse only what changed since the last look. */
        if (collection != NULL && g_strcmp0 (known, text) == 0)
          {
            g_ptr_array_add (collections, g_object_ref (collection));
            continue;
          }

        collection = sy_collection_new_from_data (text, -1, &parse_error);
        if (collection == NULL)
          {
            g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_CORRUPT,
                         _("“%s” holds an unreadable definition of the collection “%s”: %s"),
                         self->path, name, parse_error->message);
            return FALSE;
          }
        g_ptr_array_add (collections, collection);
      }
    if (error != NULL && *error != NULL)
      return FALSE;
  }

  set_definitions (self, collections);
  return TRUE;
}

/* Readers notice definitions another connection changed. */
static gboolean
ensure_fresh (SyCollectionStore *self,
              GError           **error)
{
  gint64 version;

  if (!self->read_only)
    return TRUE;
  if (!read_data_version (self, &version, error))
    return FALSE;
  if (version == self->data_version)
    return TRUE;

  return load_definitions (self, error);
}

static SyCollection *
lookup (SyCollectionStore *self,
        const char        *name,
        GError           **error)
{
  SyCollection *collection;

  if (!ensure_fresh (self, error))
    return NULL;

  collection = name != NULL ? g_hash_table_lookup (self->by_name, name) : NULL;
  if (collection == NULL)
    g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_NOT_FOUND,
                 _("there is no collection “%s”"), name != NULL ? name : "");

  return collection;
}

static SyCollection *
resolve_known (const char *name,
               gpointer    data)
{
  SyCollectionStore *self = data;

  return g_hash_table_lookup (self->by_name, name);
}

GPtrArray *
sy_collection_store_list_collections (SyCollectionStore *self,
                                      GError           **error)
{
  GPtrArray *list;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), NULL);

  if (!ensure_fresh (self, error))
    return NULL;

  list = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->collections->len; i++)
    g_ptr_array_add (list, g_object_ref (g_ptr_array_index (self->collections, i)));

  return list;
}

SyCollection *
sy_collection_store_get_collection (SyCollectionStore *self,
                                    const char        *name,
                                    GError           **error)
{
  SyCollection *collection;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), NULL);

  collection = lookup (self, name, error);
  return collection != NULL ? g_object_ref (collection) : NULL;
}

/* ── Opening ───────────────────────────────────────────────────────────── */

static gboolean
migrate (SyCollectionStore *self,
         GError           **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", DATA_SCHEMA_VERSION);
  guint version;

  if (!exec_simple (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Another process may have migrated between our read and our lock. */
  if (!sy_store_schema_read_version (self->db, self->path, &version, error))
    goto fail;
  if (version >= DATA_SCHEMA_VERSION)
    return exec_simple (self, "COMMIT", error);

  if (!exec_simple (self, data_schema, error) || !exec_simple (self, set_version, error) ||
      !exec_simple (self, "COMMIT", error))
    goto fail;

  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

SyCollectionStore *
sy_collection_store_open (const char  *path,
                          SyStoreFlags flags,
                          GError     **error)
{
  g_autoptr(SyCollectionStore) self = NULL;
  guint version;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SY_TYPE_COLLECTION_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & SY_STORE_READ_ONLY) != 0;

  self->db = sy_store_schema_open (path, self->read_only, DATA_SCHEMA_VERSION, &version, error);
  if (self->db == NULL)
    return NULL;

  if (!self->read_only &&
      (!exec_simple (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", error) ||
       !migrate (self, error)))
    return NULL;

  if (!load_definitions (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
sy_collection_store_get_path (SyCollectionStore *self)
{
  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), NULL);

  return self->path;
}

/* ── Transactions ──────────────────────────────────────────────────────── */

gboolean
sy_collection_store_in_transaction (SyCollectionStore *self)
{
  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), FALSE);

  return !sqlite3_get_autocommit (self->db);
}

gboolean
sy_collection_store_begin (SyCollectionStore *self,
                           GError           **error)
{
  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), FALSE);

  return exec_simple (self, "BEGIN IMMEDIATE", error);
}

gboolean
sy_collection_store_commit (SyCollectionStore *self,
                            GError           **error)
{
  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), FALSE);

  return exec_simple (self, "COMMIT", error);
}

void
sy_collection_store_rollback (SyCollectionStore *self)
{
  g_return_if_fail (SY_IS_COLLECTION_STORE (self));

  if (sy_collection_store_in_transaction (self))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* A write of several statements applies entirely or not at all: in its own
 * transaction, or in a savepoint inside the caller's. */
static gboolean
atomic_begin (SyCollectionStore *self,
              gboolean          *nested,
              GError           **error)
{
  if (self->read_only)
    {
      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED,
                   _("“%s” is open for reading only"), self->path);
      return FALSE;
    }

  *nested = sy_collection_store_in_transaction (self);
  return exec_simple (self, *nested ? "SAVEPOINT sy_data" : "BEGIN IMMEDIATE", error);
}

static gboolean
atomic_end (SyCollectionStore *self,
            gboolean           nested,
            gboolean           ok,
            GError           **error)
{
  if (ok && exec_simple (self, nested ? "RELEASE sy_data" : "COMMIT", error))
    return TRUE;

  if (nested)
    {
      sqlite3_exec (self->db, "ROLLBACK TO sy_data", NULL, NULL, NULL);
      sqlite3_exec (self->db, "RELEASE sy_data", NULL, NULL, NULL);
    }
  else
    sy_collection_store_rollback (self);

  return FALSE;
}

/* ── Records ───────────────────────────────────────────────────────────── */

/* "t"."id", "t"."qty", …, "t"."created_at", "t"."updated_at" */
static char *
select_list (SyCollection *collection,
             const char   *alias)
{
  g_autoptr(GString) list = g_string_new (NULL);

  g_string_append_printf (list, "\"%s\".\"id\"", alias);
  for (guint i = 0; i < sy_collection_get_n_fields (collection); i++)
    {
      g_autofree char *quoted = sy_sql_quote_name (sy_collection_get_field (collection, i)->name);

      g_string_append_printf (list, ", \"%s\".%s", alias, quoted);
    }
  g_string_append_printf (list, ", \"%s\".\"created_at\", \"%s\".\"updated_at\"", alias, alias);

  return g_string_free (g_steal_pointer (&list), FALSE);
}

static JsonObject *
read_record (SyCollection *collection,
             sqlite3_stmt *stmt)
{
  JsonObject *record = json_object_new ();
  guint n = sy_collection_get_n_fields (collection);

  json_object_set_int_member (record, SY_RECORD_ID, sqlite3_column_int64 (stmt, 0));
  for (guint i = 0; i < n; i++)
    {
      const SyCollectionField *field = sy_collection_get_field (collection, i);

      json_object_set_member (record, field->name, column_value (stmt, (int) i + 1, field));
    }
  json_object_set_member (record, SY_RECORD_CREATED_AT, column_value (stmt, (int) n + 1, NULL));
  json_object_set_member (record, SY_RECORD_UPDATED_AT, column_value (stmt, (int) n + 2, NULL));

  return record;
}

static JsonObject *
get_record (SyCollectionStore *self,
            SyCollection      *collection,
            gint64             id,
            GError           **error)
{
  g_autofree char *columns = select_list (collection, "t");
  g_autofree char *table = sy_sql_quote_name (sy_collection_get_name (collection));
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s AS \"t\" WHERE \"t\".\"id\" = ?1", columns, table);
  SyCachedStmt *stmt = cached_stmt (self, sql, error);
  g_autoptr(SyCachedStmt) borrowed = stmt;
  gboolean has_row;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!step (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_autofree char *number = number_text (id);

      g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_NOT_FOUND,
                   _("there is no record %s in “%s”"), number, sy_collection_get_name (collection));
      return NULL;
    }

  return read_record (collection, stmt);
}

/* Splits appends into this level's fields and what goes deeper:
 * ["product.category", "customer"] → {product: [category], customer: []}. */
static GHashTable *
group_appends (const char * const *appends,
               GPtrArray          *order)
{
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; appends != NULL && appends[i] != NULL; i++)
    {
      const char *dot = strchr (appends[i], '.');
      g_autofree char *head = dot != NULL ? g_strndup (appends[i], dot - appends[i]) : g_strdup (appends[i]);
      GPtrArray *rest = g_hash_table_lookup (groups, head);

      if (*head == '\0')
        continue;
      if (rest == NULL)
        {
          rest = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (order, g_strdup (head));
          g_hash_table_insert (groups, g_steal_pointer (&head), rest);
        }
      if (dot != NULL && dot[1] != '\0')
        g_ptr_array_add (rest, g_strdup (dot + 1));
    }

  return groups;
}

static gboolean
load_appends (SyCollectionStore  *self,
              SyCollection       *collection,
              JsonArray          *records,
              const char * const *appends,
              GError            **error)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) groups = group_appends (appends, order);

  for (guint i = 0; i < order->len; i++)
    {
      const char *name = g_ptr_array_index (order, i);
      GPtrArray *deeper = g_hash_table_lookup (groups, name);
      const SyCollectionField *field = sy_collection_lookup_field (collection, name);
      g_autoptr(GHashTable) found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           (GDestroyNotify) json_object_unref);
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(JsonArray) targets = json_array_new ();
      SyCollection *target;
      g_autofree char *columns = NULL;
      g_autofree char *table = NULL;

      if (field == NULL || field->type != SY_FIELD_TYPE_BELONGS_TO)
        {
          g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                       _("cannot append “%s”: “%s” has no belongs-to field of that name"),
                       name, sy_collection_get_name (collection));
          return FALSE;
        }
      target = lookup (self, field->target, error);
      if (target == NULL)
        return FALSE;

      for (guint r = 0; r < json_array_get_length (records); r++)
        {
          JsonObject *record = json_array_get_object_element (records, r);
          JsonNode *value = json_object_get_member (record, name);

          if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
            {
              gint64 id = json_node_get_int (value);

              g_array_append_val (ids, id);
            }
        }

      columns = select_list (target, "t");
      table = sy_sql_quote_name (sy_collection_get_name (target));
      for (guint start = 0; start < ids->len; start += APPEND_CHUNK)
        {
          guint count = MIN (APPEND_CHUNK, ids->len - start);
          g_autoptr(GString) sql = g_string_new (NULL);
          g_autoptr(SyOwnedStmt) stmt = NULL;
          gboolean has_row;

          g_string_printf (sql, "SELECT %s FROM %s AS \"t\" WHERE \"t\".\"id\" IN (", columns, table);
          for (guint k = 0; k < count; k++)
            g_string_append (sql, k == 0 ? "?" : ", ?");
          g_string_append_c (sql, ')');

          stmt = owned_stmt (self, sql->str, error);
          if (stmt == NULL)
            return FALSE;
          for (guint k = 0; k < count; k++)
            sqlite3_bind_int64 (stmt, (int) k + 1, g_array_index (ids, gint64, start + k));

          while (step (self, stmt, &has_row, error) && has_row)
            {
              JsonObject *loaded = read_record (target, stmt);
              gint64 *key = g_new (gint64, 1);

              *key = sqlite3_column_int64 (stmt, 0);
              g_hash_table_replace (found, key, loaded);
              json_array_add_object_element (targets, json_object_ref (loaded));
            }
          if (error != NULL && *error != NULL)
            return FALSE;
        }

      /* Deeper appends change the loaded objects in place. */
      if (deeper->len > 0)
        {
          g_ptr_array_add (deeper, NULL);
          if (!load_appends (self, target, targets, (const char * const *) deeper->pdata, error))
            return FALSE;
          g_ptr_array_remove_index (deeper, deeper->len - 1);
        }

      for (guint r = 0; r < json_array_get_length (records); r++)
        {
          JsonObject *record = json_array_get_object_element (records, r);
          JsonNode *value = json_object_get_member (record, name);
          JsonObject *loaded = NULL;

          if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
            {
              gint64 id = json_node_get_int (value);

              loaded = g_hash_table_lookup (found, &id);
            }
          if (value == NULL || JSON_NODE_HOLDS_NULL (value) || loaded == NULL)
            json_object_set_null_member (record, name);
          else
            json_object_set_object_member (record, name, sy_json_object_deep_copy (loaded));
        }
    }

  return TRUE;
}

gboolean
sy_collection_store_load_appends (SyCollectionStore  *self,
                                  const char         *collection,
                                  JsonArray          *records,
                                  const char * const *appends,
                                  GError            **error)
{
  SyCollection *found;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), FALSE);

  found = lookup (self, collection, error);
  if (found == NULL)
    return FALSE;
  if (appends == NULL || appends[0] == NULL || json_array_get_length (records) == 0)
    return TRUE;

  return load_appends (self, found, records, appends, error);
}

JsonObject *
sy_collection_store_get_record (SyCollectionStore  *self,
                                const char         *collection,
                                gint64              id,
                                const char * const *appends,
                                GError            **error)
{
  SyCollection *found;
  g_autoptr(JsonObject) record = NULL;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), NULL);

  found = lookup (self, collection, error);
  if (found == NULL)
    return NULL;

  record = get_record (self, found, id, error);
  if (record == NULL)
    return NULL;

  if (appends != NULL && appends[0] != NULL)
    {
      g_autoptr(JsonArray) one = json_array_new ();

      json_array_add_object_element (one, json_object_ref (record));
      if (!load_appends (self, found, one, appends, error))
        return NULL;
    }

  return g_steal_pointer (&record);
}

static SySqlQuery *
build_query (SyCollectionStore *self,
             SyCollection      *collection,
             JsonNode          *filter,
             GError           **error)
{
  g_autoptr(SySqlQuery) query = sy_sql_query_new (collection, resolve_known, self);

  if (!sy_sql_query_add_filter (query, filter, error))
    return NULL;

  return g_steal_pointer (&query);
}

JsonArray *
sy_collection_store_query (SyCollectionStore   *self,
                           const char          *collection,
                           const SyRecordQuery *query,
                           GError             **error)
{
  static const SyRecordQuery everything = { 0 };
  SyCollection *found;
  g_autoptr(SySqlQuery) sql_query = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(SyOwnedStmt) stmt = NULL;
  g_autoptr(JsonArray) records = json_array_new ();
  g_autofree char *columns = NULL;
  gboolean has_row;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), NULL);

  if (query == NULL)
    query = &everything;

  found = lookup (self, collection, error);
  if (found == NULL)
    return NULL;

  sql_query = build_query (self, found, query->filter, error);
  if (sql_query == NULL)
    return NULL;
  for (guint i = 0; query->sort != NULL && query->sort[i] != NULL; i++)
    if (!sy_sql_query_add_sort (sql_query, query->sort[i], error))
      return NULL;

  columns = select_list (found, "t");
  if (query->page_size > 0)
    {
      const char *from = sy_sql_query_get_from (sql_query);
      g_autofree char *order = g_strdup (sy_sql_query_get_order (sql_query));

      /* A page picks its ids first: sorting and skipping ids only is much
       * cheaper than whole records (a deep page of 100,000 sorted ones). */
      g_string_printf (sql,
                       "SELECT %s FROM%s WHERE \"t\".\"id\" IN (SELECT \"t\".\"id\" FROM%s%s%s"
                       " LIMIT %u OFFSET %" G_GUINT64_FORMAT ")%s",
                       columns, from, from, sy_sql_query_get_where (sql_query), order, query->page_size,
                       (guint64) (MAX (query->page, 1) - 1) * query->page_size, order);
    }
  else
    g_string_printf (sql, "SELECT %s FROM%s%s%s", columns, sy_sql_query_get_from (sql_query),
                     sy_sql_query_get_where (sql_query), sy_sql_query_get_order (sql_query));

  stmt = owned_stmt (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_params (stmt, sy_sql_query_get_params (sql_query));

  while (step (self, stmt, &has_row, error) && has_row)
    json_array_add_object_element (records, read_record (found, stmt));
  if (error != NULL && *error != NULL)
    return NULL;

  if (query->appends != NULL && query->appends[0] != NULL && json_array_get_length (records) > 0 &&
      !load_appends (self, found, records, query->appends, error))
    return NULL;

  return g_steal_pointer (&records);
}

gint64
sy_collection_store_count (SyCollectionStore *self,
                           const char        *collection,
                           JsonNode          *filter,
                           GError           **error)
{
  SyCollection *found;
  g_autoptr(SySqlQuery) query = NULL;
  g_autoptr(SyOwnedStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gboolean has_row;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), -1);

  found = lookup (self, collection, error);
  if (found == NULL || (query = build_query (self, found, filter, error)) == NULL)
    return -1;

  sql = g_strdup_printf ("SELECT count (*) FROM%s%s", sy_sql_query_get_from (query), sy_sql_query_get_where (query));
  stmt = owned_stmt (self, sql, error);
  if (stmt == NULL)
    return -1;
  bind_params (stmt, sy_sql_query_get_params (query));
  if (!step (self, stmt, &has_row, error))
    return -1;

  return has_row ? sqlite3_column_int64 (stmt, 0) : 0;
}

JsonNode *
sy_collection_store_aggregate (SyCollectionStore *self,
                               const char        *collection,
                               const char        *function,
                               const char        *field,
                               JsonNode          *filter,
                               gboolean           distinct,
                               GError           **error)
{
  static const char * const functions[] = { "count", "sum", "avg", "min", "max", NULL };
  SyCollection *found;
  g_autoptr(SySqlQuery) query = NULL;
  g_autoptr(SyOwnedStmt) stmt = NULL;
  g_autofree char *column = NULL;
  g_autofree char *expression = NULL;
  g_autofree char *sql = NULL;
  const SyCollectionField *definition = NULL;
  gboolean has_row;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), NULL);

  if (function == NULL || !g_strv_contains (functions, function))
    {
      g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                   _("unknown aggregate “%s” (expected count, sum, avg, min or max)"),
                   function != NULL ? function : "");
      return NULL;
    }

  found = lookup (self, collection, error);
  if (found == NULL || (query = build_query (self, found, filter, error)) == NULL)
    return NULL;

  if (field != NULL && *field != '\0')
    {
      column = sy_sql_query_column (query, field, &definition, error);
      if (column == NULL)
        return NULL;
    }
  else if (!g_str_equal (function, "count"))
    {
      g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                   _("%s needs a field"), function);
      return NULL;
    }

  if (column == NULL)
    expression = g_strdup ("count (*)");
  else if (g_str_equal (function, "sum"))
    expression = g_strdup_printf ("COALESCE (sum (%s%s), 0)", distinct ? "DISTINCT " : "", column);
  else
    expression = g_strdup_printf ("%s (%s%s)", function, distinct ? "DISTINCT " : "", column);

  sql = g_strdup_printf ("SELECT %s FROM%s%s", expression, sy_sql_query_get_from (query),
                         sy_sql_query_get_where (query));
  stmt = owned_stmt (self, sql, error);
  if (stmt == NULL)
    return NULL;
  bind_params (stmt, sy_sql_query_get_params (query));
  if (!step (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    return json_node_new (JSON_NODE_NULL);

  /* min and max keep the field's type; the others are numbers. */
  if (g_str_equal (function, "min") || g_str_equal (function, "max"))
    return column_value (stmt, 0, definition);
  if (g_str_equal (function, "avg") && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      JsonNode *node = json_node_new (JSON_NODE_VALUE);

      json_node_set_double (node, sqlite3_column_double (stmt, 0));
      return node;
    }

  return column_value (stmt, 0, NULL);
}

/* ── Writing ───────────────────────────────────────────────────────────── */

static char *
now_text (void)
{
  return sy_format_timestamp (sy_now_ms ());
}

/* Every belongs-to id in `values` must name a record of its target. */
static gboolean
check_references (SyCollectionStore *self,
                  SyCollection      *collection,
                  JsonObject        *values,
                  GError           **error)
{
  for (guint i = 0; i < sy_collection_get_n_fields (collection); i++)
    {
      const SyCollectionField *field = sy_collection_get_field (collection, i);
      JsonNode *value = json_object_get_member (values, field->name);
      g_autofree char *table = NULL;
      g_autofree char *sql = NULL;
      SyCachedStmt *stmt;
      gboolean has_row;

      if (field->type != SY_FIELD_TYPE_BELONGS_TO || value == NULL || JSON_NODE_HOLDS_NULL (value))
        continue;

      table = sy_sql_quote_name (field->target);
      sql = g_strdup_printf ("SELECT 1 FROM %s WHERE \"id\" = ?1", table);
      stmt = cached_stmt (self, sql, error);
      if (stmt == NULL)
        return FALSE;

      {
        g_autoptr(SyCachedStmt) borrowed = stmt;

        sqlite3_bind_int64 (stmt, 1, json_node_get_int (value));
        if (!step (self, stmt, &has_row, error))
          return FALSE;
        if (!has_row)
          {
            g_autofree char *number = number_text (json_node_get_int (value));

            g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                         _("%s: there is no record %s in “%s”"), field->name, number, field->target);
            return FALSE;
          }
      }
    }

  return TRUE;
}

static gint64
insert_checked (SyCollectionStore *self,
                SyCollection      *collection,
                JsonObject        *values,
                GError           **error)
{
  g_autofree char *table = sy_sql_quote_name (sy_collection_get_name (collection));
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) placeholders = g_string_new (NULL);
  g_autofree char *sql = NULL;
  g_autofree char *now = now_text ();
  SyCachedStmt *stmt;
  guint n = sy_collection_get_n_fields (collection);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *quoted = sy_sql_quote_name (sy_collection_get_field (collection, i)->name);

      g_string_append_printf (columns, "%s, ", quoted);
      g_string_append_printf (placeholders, "?%u, ", i + 1);
    }
  sql = g_strdup_printf ("INSERT INTO %s (%s\"created_at\", \"updated_at\") VALUES (%s?%u, ?%u)",
                         table, columns->str, placeholders->str, n + 1, n + 1);

  stmt = cached_stmt (self, sql, error);
  if (stmt == NULL)
    return 0;

  {
    g_autoptr(SyCachedStmt) borrowed = stmt;

    for (guint i = 0; i < n; i++)
      {
        const SyCollectionField *field = sy_collection_get_field (collection, i);

        bind_field (stmt, (int) i + 1, field, json_object_get_member (values, field->name));
      }
    sqlite3_bind_text (stmt, (int) n + 1, now, -1, SQLITE_TRANSIENT);
    if (!step (self, stmt, NULL, error))
      return 0;
  }

  return sqlite3_last_insert_rowid (self->db);
}

JsonObject *
sy_collection_store_insert (SyCollectionStore *self,
                            const char        *collection,
                            JsonObject        *values,
                            GError           **error)
{
  SyCollection *found;
  g_autoptr(JsonObject) checked = NULL;
  JsonObject *record = NULL;
  gboolean nested;
  gint64 id;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), NULL);

  found = lookup (self, collection, error);
  if (found == NULL)
    return NULL;

  checked = sy_collection_check_values (found, values, SY_VALUES_CREATE, error);
  if (checked == NULL || !atomic_begin (self, &nested, error))
    return NULL;

  if (check_references (self, found, checked, error) && (id = insert_checked (self, found, checked, error)) > 0)
    record = get_record (self, found, id, error);
  if (record != NULL)
    add_churn (self, collection, 1);

  if (!atomic_end (self, nested, record != NULL, record != NULL ? error : NULL))
    g_clear_pointer (&record, json_object_unref);

  return record;
}

/* SET "a" = ?k, "b" = ?k+1, …, "updated_at" = ?; `first` is the first
 * parameter number. Binds nothing. */
static char *
set_clause (SyCollection *collection,
            JsonObject   *values,
            guint         first,
            GPtrArray    *fields)
{
  g_autoptr(GString) set = g_string_new (NULL);
  g_autoptr(GList) members = json_object_get_members (values);
  guint index = first;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const SyCollectionField *field = sy_collection_lookup_field (collection, l->data);
      g_autofree char *quoted = sy_sql_quote_name (field->name);

      g_string_append_printf (set, "%s = ?%u, ", quoted, index++);
      g_ptr_array_add (fields, (gpointer) field);
    }
  g_string_append_printf (set, "\"updated_at\" = ?%u", index);

  return g_string_free (g_steal_pointer (&set), FALSE);
}

static void
bind_set (sqlite3_stmt *stmt,
          guint         first,
          GPtrArray    *fields,
          JsonObject   *values,
          const char   *now)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const SyCollectionField *field = g_ptr_array_index (fields, i);

      bind_field (stmt, (int) (first + i), field, json_object_get_member (values, field->name));
    }
  sqlite3_bind_text (stmt, (int) (first + fields->len), now, -1, SQLITE_TRANSIENT);
}

JsonObject *
sy_collection_store_update (SyCollectionStore *self,
                            const char        *collection,
                            gint64             id,
                            JsonObject        *values,
                            JsonObject       **before,
                            GError           **error)
{
  SyCollection *found;
  g_autoptr(JsonObject) checked = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *table = NULL;
  g_autofree char *set = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *now = now_text ();
  JsonObject *record = NULL;
  gboolean nested;
  gboolean ok = FALSE;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), NULL);

  found = lookup (self, collection, error);
  if (found == NULL)
    return NULL;

  checked = sy_collection_check_values (found, values, SY_VALUES_UPDATE, error);
  if (checked == NULL || !atomic_begin (self, &nested, error))
    return NULL;

  table = sy_sql_quote_name (collection);
  set = set_clause (found, checked, 2, fields);
  sql = g_strdup_printf ("UPDATE %s SET %s WHERE \"id\" = ?1", table, set);

  /* Nothing is borrowed from the cache between calls: it may be emptied. */
  if (g_hash_table_size (self->stmts) > MAX_CACHED_STMTS)
    g_hash_table_remove_all (self->stmts);

  old = get_record (self, found, id, error);
  if (old != NULL && check_references (self, found, checked, error))
    {
      SyCachedStmt *stmt = cached_stmt (self, sql, error);
      g_autoptr(SyCachedStmt) borrowed = stmt;

      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          bind_set (stmt, 2, fields, checked, now);
          ok = step (self, stmt, NULL, error);
        }
    }
  if (ok)
    record = get_record (self, found, id, error);

  if (!atomic_end (self, nested, record != NULL, record != NULL ? error : NULL))
    g_clear_pointer (&record, json_object_unref);
  else if (before != NULL)
    *before = g_steal_pointer (&old);

  return record;
}

gint64
sy_collection_store_update_where (SyCollectionStore *self,
                                  const char        *collection,
                                  JsonNode          *filter,
                                  JsonObject        *values,
                                  GError           **error)
{
  SyCollection *found;
  g_autoptr(JsonObject) checked = NULL;
  g_autoptr(SySqlQuery) query = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(SyOwnedStmt) stmt = NULL;
  g_autofree char *table = NULL;
  g_autofree char *set = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *now = now_text ();
  GPtrArray *params;
  gint64 changed = -1;
  gboolean nested;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), -1);

  found = lookup (self, collection, error);
  if (found == NULL || (query = build_query (self, found, filter, error)) == NULL)
    return -1;

  checked = sy_collection_check_values (found, values, SY_VALUES_UPDATE, error);
  if (checked == NULL || !atomic_begin (self, &nested, error))
    return -1;

  params = sy_sql_query_get_params (query);
  table = sy_sql_quote_name (collection);
  set = set_clause (found, checked, params->len + 1, fields);
  sql = g_strdup_printf ("UPDATE %s SET %s WHERE \"id\" IN (SELECT \"t\".\"id\" FROM%s%s)", table, set,
                         sy_sql_query_get_from (query), sy_sql_query_get_where (query));

  if (check_references (self, found, checked, error) && (stmt = owned_stmt (self, sql, error)) != NULL)
    {
      bind_params (stmt, params);
      bind_set (stmt, params->len + 1, fields, checked, now);
      if (step (self, stmt, NULL, error))
        changed = sqlite3_changes64 (self->db);
    }
  if (changed > 0)
    add_churn (self, collection, changed);

  if (!atomic_end (self, nested, changed >= 0, changed >= 0 ? error : NULL))
    return -1;

  return changed;
}

/* Before record `id` of `target` goes: optional belongs-to fields that
 * point to it become null, a required one refuses. */
static gboolean
release_references (SyCollectionStore *self,
                    const char        *target,
                    gint64             id,
                    GError           **error)
{
  for (guint c = 0; c < self->collections->len; c++)
    {
      SyCollection *collection = g_ptr_array_index (self->collections, c);
      g_autofree char *table = sy_sql_quote_name (sy_collection_get_name (collection));

      for (guint i = 0; i < sy_collection_get_n_fields (collection); i++)
        {
          const SyCollectionField *field = sy_collection_get_field (collection, i);
          g_autofree char *column = NULL;
          g_autofree char *sql = NULL;
          SyCachedStmt *stmt;
          gboolean has_row;

          if (field->type != SY_FIELD_TYPE_BELONGS_TO || !g_str_equal (field->target, target))
            continue;

          column = sy_sql_quote_name (field->name);
          if (field->required)
            sql = g_strdup_printf ("SELECT \"id\" FROM %s WHERE %s = ?1 AND \"id\" <> ?2 LIMIT 1", table, column);
          else
            sql = g_strdup_printf ("UPDATE %s SET %s = NULL WHERE %s = ?1", table, column, column);

          stmt = cached_stmt (self, sql, error);
          if (stmt == NULL)
            return FALSE;

          {
            g_autoptr(SyCachedStmt) borrowed = stmt;

            sqlite3_bind_int64 (stmt, 1, id);
            if (field->required)
              sqlite3_bind_int64 (stmt, 2, g_str_equal (sy_collection_get_name (collection), target) ? id : 0);
            if (!step (self, stmt, &has_row, error))
              return FALSE;
            if (field->required && has_row)
              {
                g_autofree char *number = number_text (id);
                g_autofree char *other = number_text (sqlite3_column_int64 (stmt, 0));

                g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_REFUSED,
                             _("record %s of “%s” cannot be deleted: record %s of “%s” refers to it "
                               "in its required field “%s”"),
                             number, target, other, sy_collection_get_name (collection), field->name);
                return FALSE;
              }
          }
        }
    }

  return TRUE;
}

static gboolean
delete_checked (SyCollectionStore *self,
                SyCollection      *collection,
                gint64             id,
                GError           **error)
{
  g_autofree char *table = sy_sql_quote_name (sy_collection_get_name (collection));
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE \"id\" = ?1", table);
  SyCachedStmt *stmt;

  if (!release_references (self, sy_collection_get_name (collection), id, error))
    return FALSE;

  stmt = cached_stmt (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  {
    g_autoptr(SyCachedStmt) borrowed = stmt;

    sqlite3_bind_int64 (stmt, 1, id);
    return step (self, stmt, NULL, error);
  }
}

JsonObject *
sy_collection_store_delete (SyCollectionStore *self,
                            const char        *collection,
                            gint64             id,
                            GError           **error)
{
  SyCollection *found;
  JsonObject *record;
  gboolean nested;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), NULL);

  found = lookup (self, collection, error);
  if (found == NULL || !atomic_begin (self, &nested, error))
    return NULL;

  record = get_record (self, found, id, error);
  if (record != NULL && !delete_checked (self, found, id, error))
    g_clear_pointer (&record, json_object_unref);
  if (record != NULL)
    add_churn (self, collection, 1);

  if (!atomic_end (self, nested, record != NULL, record != NULL ? error : NULL))
    g_clear_pointer (&record, json_object_unref);

  return record;
}

gint64
sy_collection_store_delete_where (SyCollectionStore *self,
                                  const char        *collection,
                                  JsonNode          *filter,
                                  GError           **error)
{
  SyCollection *found;
  g_autoptr(SySqlQuery) query = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sql = NULL;
  gboolean nested;
  gboolean ok = TRUE;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), -1);

  found = lookup (self, collection, error);
  if (found == NULL || (query = build_query (self, found, filter, error)) == NULL)
    return -1;

  sql = g_strdup_printf ("SELECT \"t\".\"id\" FROM%s%s", sy_sql_query_get_from (query), sy_sql_query_get_where (query));
  {
    g_autoptr(SyOwnedStmt) stmt = owned_stmt (self, sql, error);
    gboolean has_row;

    if (stmt == NULL)
      return -1;
    bind_params (stmt, sy_sql_query_get_params (query));
    while ((ok = step (self, stmt, &has_row, error)) && has_row)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (ids, id);
      }
    if (!ok)
      return -1;
  }

  if (!atomic_begin (self, &nested, error))
    return -1;
  for (guint i = 0; ok && i < ids->len; i++)
    ok = delete_checked (self, found, g_array_index (ids, gint64, i), error);
  if (ok)
    add_churn (self, collection, ids->len);
  if (!atomic_end (self, nested, ok, ok ? error : NULL))
    return -1;

  return ids->len;
}

gboolean
sy_collection_store_put_record (SyCollectionStore *self,
                                const char        *collection,
                                JsonObject        *record,
                                GError           **error)
{
  SyCollection *found;
  g_autofree char *table = NULL;
  g_autoptr(GString) columns = g_string_new ("\"id\"");
  g_autoptr(GString) placeholders = g_string_new ("?1");
  g_autoptr(SyOwnedStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  guint n;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), FALSE);

  found = lookup (self, collection, error);
  if (found == NULL)
    return FALSE;

  n = sy_collection_get_n_fields (found);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *quoted = sy_sql_quote_name (sy_collection_get_field (found, i)->name);

      g_string_append_printf (columns, ", %s", quoted);
      g_string_append_printf (placeholders, ", ?%u", i + 2);
    }
  table = sy_sql_quote_name (collection);
  sql = g_strdup_printf ("INSERT OR REPLACE INTO %s (%s, \"created_at\", \"updated_at\") VALUES (%s, ?%u, ?%u)",
                         table, columns->str, placeholders->str, n + 2, n + 3);

  stmt = owned_stmt (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, json_object_get_int_member_with_default (record, SY_RECORD_ID, 0));
  for (guint i = 0; i < n; i++)
    {
      const SyCollectionField *field = sy_collection_get_field (found, i);
      JsonNode *value = json_object_get_member (record, field->name);

      /* An appended record stands for its id. */
      if (field->type == SY_FIELD_TYPE_BELONGS_TO && value != NULL && JSON_NODE_HOLDS_OBJECT (value))
        sqlite3_bind_int64 (stmt, (int) i + 2,
                            json_object_get_int_member_with_default (json_node_get_object (value), SY_RECORD_ID, 0));
      else
        bind_field (stmt, (int) i + 2, field, value);
    }
  bind_value (stmt, (int) n + 2, json_object_get_member (record, SY_RECORD_CREATED_AT));
  bind_value (stmt, (int) n + 3, json_object_get_member (record, SY_RECORD_UPDATED_AT));

  return step (self, stmt, NULL, error);
}

/* ── Definitions: creating and migrating tables ────────────────────────── */

static const char *
column_type (SyFieldType type)
{
  switch (type)
    {
    case SY_FIELD_TYPE_INTEGER:
    case SY_FIELD_TYPE_BOOLEAN:
    case SY_FIELD_TYPE_BELONGS_TO:
      return "INTEGER";
    case SY_FIELD_TYPE_NUMBER:
      return "REAL";
    case SY_FIELD_TYPE_STRING:
    case SY_FIELD_TYPE_TEXT:
    case SY_FIELD_TYPE_DATE:
    case SY_FIELD_TYPE_DATETIME:
    case SY_FIELD_TYPE_JSON:
    case SY_FIELD_TYPE_CHOICE:
    default:
      return "TEXT";
    }
}

static gboolean
create_table (SyCollectionStore *self,
              SyCollection      *collection,
              const char        *table_name,
              GError           **error)
{
  g_autofree char *table = sy_sql_quote_name (table_name);
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_printf (sql, "CREATE TABLE %s (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT", table);
  for (guint i = 0; i < sy_collection_get_n_fields (collection); i++)
    {
      const SyCollectionField *field = sy_collection_get_field (collection, i);
      g_autofree char *quoted = sy_sql_quote_name (field->name);

      g_string_append_printf (sql, ", %s %s", quoted, column_type (field->type));
    }
  g_string_append (sql, ", \"created_at\" TEXT NOT NULL, \"updated_at\" TEXT NOT NULL)");

  return exec_simple (self, sql->str, error);
}

/* Belongs-to columns are looked up by their id (appends, deletions). */
static gboolean
create_indexes (SyCollectionStore *self,
                SyCollection      *collection,
                GError           **error)
{
  const char *name = sy_collection_get_name (collection);
  g_autofree char *table = sy_sql_quote_name (name);

  for (guint i = 0; i < sy_collection_get_n_fields (collection); i++)
    {
      const SyCollectionField *field = sy_collection_get_field (collection, i);
      g_autofree char *index_name = NULL;
      g_autofree char *index = NULL;
      g_autofree char *column = NULL;
      g_autofree char *sql = NULL;

      if (field->type != SY_FIELD_TYPE_BELONGS_TO)
        continue;

      index_name = g_strdup_printf ("%s__%s", name, field->name);
      index = sy_sql_quote_name (index_name);
      column = sy_sql_quote_name (field->name);
      sql = g_strdup_printf ("CREATE INDEX IF NOT EXISTS %s ON %s (%s)", index, table, column);
      if (!exec_simple (self, sql, error))
        return FALSE;
    }

  return TRUE;
}

static gint64
table_row_count (SyCollectionStore *self,
                 const char        *name,
                 GError           **error)
{
  g_autofree char *table = sy_sql_quote_name (name);
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s", table);
  g_autoptr(SyOwnedStmt) stmt = owned_stmt (self, sql, error);
  gboolean has_row;

  if (stmt == NULL || !step (self, stmt, &has_row, error))
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
refuse (GError    **error,
        const char *collection,
        const char *format,
        ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError    **error,
        const char *collection,
        const char *format,
        ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_REFUSED,
               _("the collection “%s” cannot be changed so: %s"), collection, reason);
  return FALSE;
}

/* A stored value as the new field wants it; the reason when it can't be. */
static JsonNode *
convert_value (SyCollectionStore       *self,
               const char              *collection,
               gint64                   id,
               const SyCollectionField *field,
               JsonNode                *old,
               gint64                   n_rows,
               GError                 **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *record = number_text (id);
  g_autofree char *rows = number_text (n_rows);
  JsonNode *converted = NULL;

  if (old != NULL)
    {
      converted = sy_collection_field_check_value (field, old, &local);
      if (converted == NULL)
        {
          refuse (error, collection, _("record %s: %s"), record, local->message);
          return NULL;
        }
    }

  if ((converted == NULL || JSON_NODE_HOLDS_NULL (converted)) && field->default_value != NULL)
    {
      g_clear_pointer (&converted, json_node_unref);
      converted = sy_json_node_deep_copy (field->default_value);
    }
  if ((converted == NULL || JSON_NODE_HOLDS_NULL (converted)) && field->required)
    {
      g_clear_pointer (&converted, json_node_unref);
      if (old == NULL)
        refuse (error, collection,
                _("the new required field “%s” needs a default: the collection has %s records"),
                field->name, rows);
      else
        refuse (error, collection, _("“%s” is now required but record %s has no value"),
                field->name, record);
      return NULL;
    }

  if (converted == NULL)
    converted = json_node_new (JSON_NODE_NULL);

  if (field->type == SY_FIELD_TYPE_BELONGS_TO && !JSON_NODE_HOLDS_NULL (converted))
    {
      /* The target must hold that record (it may be new in this batch). */
      {
        g_autofree char *table = sy_sql_quote_name (field->target);
        g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE \"id\" = ?1", table);
        g_autoptr(SyOwnedStmt) stmt = owned_stmt (self, sql, error);
        gboolean has_row;

        if (stmt == NULL)
          {
            json_node_unref (converted);
            return NULL;
          }
        sqlite3_bind_int64 (stmt, 1, json_node_get_int (converted));
        if (!step (self, stmt, &has_row, error) || !has_row)
          {
            if (error == NULL || *error == NULL)
              {
                g_autofree char *target_id = number_text (json_node_get_int (converted));

                refuse (error, collection, _("record %s: %s: there is no record %s in “%s”"),
                        record, field->name, target_id, field->target);
              }
            json_node_unref (converted);
            return NULL;
          }
      }
    }

  return converted;
}

/* Rebuilds the table of `old` for the definition `fresh`, converting every
 * row; ids, times and the id sequence are kept. */
static gboolean
migrate_table (SyCollectionStore *self,
               SyCollection      *old,
               SyCollection      *fresh,
               GError           **error)
{
  const char *name = sy_collection_get_name (fresh);
  g_autofree char *temporary = g_strdup_printf ("_sy_new_%s", name);
  g_autofree char *old_table = sy_sql_quote_name (name);
  g_autofree char *new_table = sy_sql_quote_name (temporary);
  g_autofree char *old_columns = select_list (old, "t");
  g_autofree char *read_sql = g_strdup_printf ("SELECT %s FROM %s AS \"t\" ORDER BY \"t\".\"id\"", old_columns, old_table);
  g_autoptr(GString) write_sql = g_string_new (NULL);
  g_autoptr(SyOwnedStmt) reader = NULL;
  g_autoptr(SyOwnedStmt) writer = NULL;
  guint n = sy_collection_get_n_fields (fresh);
  gint64 n_rows = table_row_count (self, name, error);
  gint64 sequence = 0;
  gboolean has_row;
  gboolean ok = TRUE;

  if (n_rows < 0 || !create_table (self, fresh, temporary, error))
    return FALSE;

  g_string_printf (write_sql, "INSERT INTO %s (\"id\"", new_table);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *quoted = sy_sql_quote_name (sy_collection_get_field (fresh, i)->name);

      g_string_append_printf (write_sql, ", %s", quoted);
    }
  g_string_append (write_sql, ", \"created_at\", \"updated_at\") VALUES (?1");
  for (guint i = 0; i < n + 2; i++)
    g_string_append_printf (write_sql, ", ?%u", i + 2);
  g_string_append_c (write_sql, ')');

  reader = owned_stmt (self, read_sql, error);
  writer = reader != NULL ? owned_stmt (self, write_sql->str, error) : NULL;
  if (writer == NULL)
    return FALSE;

  while (ok && (ok = step (self, reader, &has_row, error)) && has_row)
    {
      g_autoptr(JsonObject) record = read_record (old, reader);
      gint64 id = json_object_get_int_member (record, SY_RECORD_ID);

      sqlite3_reset (writer);
      sqlite3_clear_bindings (writer);
      sqlite3_bind_int64 (writer, 1, id);
      for (guint i = 0; ok && i < n; i++)
        {
          const SyCollectionField *field = sy_collection_get_field (fresh, i);
          g_autoptr(JsonNode) value = NULL;

          value = convert_value (self, name, id, field,
                                 sy_collection_lookup_field (old, field->name) != NULL
                                   ? json_object_get_member (record, field->name)
                                   : NULL,
                                 n_rows, error);
          if (value == NULL)
            ok = FALSE;
          else
            bind_field (writer, (int) i + 2, field, value);
        }
      if (!ok)
        break;
      bind_value (writer, (int) n + 2, json_object_get_member (record, SY_RECORD_CREATED_AT));
      bind_value (writer, (int) n + 3, json_object_get_member (record, SY_RECORD_UPDATED_AT));
      ok = step (self, writer, NULL, error);
    }
  if (!ok)
    return FALSE;

  /* A new required field without default on an empty table is fine; on
   * rows it was refused above, row by row. */
  {
    g_autoptr(SyOwnedStmt) stmt = owned_stmt (self, "SELECT seq FROM sqlite_sequence WHERE name = ?1", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
    if (!step (self, stmt, &has_row, error))
      return FALSE;
    sequence = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  }

  {
    g_autofree char *drop = g_strdup_printf ("DROP TABLE %s", old_table);
    g_autofree char *rename = g_strdup_printf ("ALTER TABLE %s RENAME TO %s", new_table, old_table);

    /* Legacy renaming doesn't re-check views someone made with SQL. */
    if (!exec_simple (self, drop, error) || !exec_simple (self, "PRAGMA legacy_alter_table = ON", error) ||
        !exec_simple (self, rename, error) || !exec_simple (self, "PRAGMA legacy_alter_table = OFF", error))
      return FALSE;
  }

  /* Ids of deleted records are never given again. */
  if (sequence > 0)
    {
      g_autoptr(SyOwnedStmt) stmt = owned_stmt (self,
                                                "UPDATE sqlite_sequence SET seq = max (seq, ?2) WHERE name = ?1",
                                                error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, sequence);
      if (!step (self, stmt, NULL, error))
        return FALSE;
      if (sqlite3_changes (self->db) == 0)
        {
          g_autoptr(SyOwnedStmt) insert = owned_stmt (self, "INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)",
                                                      error);

          if (insert == NULL)
            return FALSE;
          sqlite3_bind_text (insert, 1, name, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (insert, 2, sequence);
          if (!step (self, insert, NULL, error))
            return FALSE;
        }
    }

  return TRUE;
}

gboolean
sy_collection_store_refresh_statistics (SyCollectionStore *self,
                                        GError           **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), FALSE);

  if (self->read_only || sy_collection_store_in_transaction (self))
    return TRUE;

  g_hash_table_iter_init (&iter, self->churn);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 changed = *(gint64 *) value;
      gint64 rows;
      g_autofree char *table = NULL;
      g_autofree char *sql = NULL;

      if (changed < ANALYZE_CHURN)
        continue;
      if (!g_hash_table_contains (self->by_name, key))
        {
          g_hash_table_iter_remove (&iter);
          continue;
        }

      rows = table_row_count (self, key, error);
      if (rows < 0)
        return FALSE;
      if (changed * 10 < rows)
        continue;

      /* Without them the planner walks a table by id rather than use an
       * index, and scans a join in the wrong order. */
      table = sy_sql_quote_name (key);
      sql = g_strdup_printf ("PRAGMA analysis_limit = " ANALYZE_LIMIT "; ANALYZE %s", table);
      if (!exec_simple (self, sql, error))
        return FALSE;
      g_hash_table_iter_remove (&iter);
    }

  return TRUE;
}

static gboolean
save_definition (SyCollectionStore *self,
                 SyCollection      *collection,
                 gint64             position,
                 GError           **error)
{
  g_autoptr(JsonNode) document = sy_collection_to_json (collection);
  g_autofree char *text = json_to_string (document, FALSE);
  g_autoptr(SyOwnedStmt) stmt = NULL;

  stmt = owned_stmt (self,
                     "INSERT INTO _sy_collections (name, definition, position, created_at, updated_at)"
                     " VALUES (?1, ?2, ?3, ?4, ?4)"
                     " ON CONFLICT (name) DO UPDATE SET definition = excluded.definition,"
                     " updated_at = excluded.updated_at",
                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, sy_collection_get_name (collection), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, position);
  sqlite3_bind_int64 (stmt, 4, sy_now_ms ());

  return step (self, stmt, NULL, error);
}

/* Checks the batch before touching anything: distinct names, known targets. */
static gboolean
check_batch (SyCollectionStore *self,
             GPtrArray         *collections,
             GHashTable        *batch,
             GError           **error)
{
  for (guint i = 0; i < collections->len; i++)
    {
      SyCollection *collection = g_ptr_array_index (collections, i);
      const char *name = sy_collection_get_name (collection);

      if (!g_hash_table_insert (batch, (gpointer) name, collection))
        {
          g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                       _("the collection “%s” is defined twice"), name);
          return FALSE;
        }
    }

  for (guint i = 0; i < collections->len; i++)
    {
      SyCollection *collection = g_ptr_array_index (collections, i);

      for (guint f = 0; f < sy_collection_get_n_fields (collection); f++)
        {
          const SyCollectionField *field = sy_collection_get_field (collection, f);

          if (field->type == SY_FIELD_TYPE_BELONGS_TO && !g_hash_table_contains (batch, field->target) &&
              !g_hash_table_contains (self->by_name, field->target))
            {
              g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                           _("%s.%s: the target collection “%s” does not exist"),
                           sy_collection_get_name (collection), field->name, field->target);
              return FALSE;
            }
        }
    }

  return TRUE;
}

gboolean
sy_collection_store_define (SyCollectionStore *self,
                            GPtrArray         *collections,
                            GArray           **changed,
                            GError           **error)
{
  g_autoptr(GHashTable) batch = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) flags = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), collections->len);
  g_autoptr(GPtrArray) next = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean nested;
  gboolean ok = TRUE;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), FALSE);
  g_return_val_if_fail (collections != NULL, FALSE);

  if (!ensure_fresh (self, error) || !check_batch (self, collections, batch, error))
    return FALSE;
  if (!atomic_begin (self, &nested, error))
    return FALSE;

  g_array_set_size (flags, collections->len);

  /* New tables first: changed ones may point to them. */
  for (guint pass = 0; ok && pass < 2; pass++)
    for (guint i = 0; ok && i < collections->len; i++)
      {
        SyCollection *collection = g_ptr_array_index (collections, i);
        SyCollection *old = g_hash_table_lookup (self->by_name, sy_collection_get_name (collection));
        g_autoptr(JsonNode) before = NULL;
        g_autoptr(JsonNode) after = NULL;

        if ((pass == 0) != (old == NULL))
          continue;

        if (old == NULL)
          ok = create_table (self, collection, sy_collection_get_name (collection), error) &&
               create_indexes (self, collection, error);
        else if (!sy_collection_same_fields (old, collection))
          ok = migrate_table (self, old, collection, error) && create_indexes (self, collection, error);
        /* A new or rebuilt table has no statistics yet. */
        if (ok && (old == NULL || !sy_collection_same_fields (old, collection)))
          add_churn (self, sy_collection_get_name (collection), ANALYZE_CHURN);

        if (!ok)
          break;

        before = old != NULL ? sy_collection_to_json (old) : NULL;
        after = sy_collection_to_json (collection);
        if (before == NULL || !json_node_equal (before, after))
          {
            g_array_index (flags, gboolean, i) = TRUE;
            ok = save_definition (self, collection, self->collections->len + i, error);
          }
      }

  /* Cached statements may name tables that changed. */
  g_hash_table_remove_all (self->stmts);

  if (!atomic_end (self, nested, ok, ok ? error : NULL))
    return FALSE;

  /* The cache follows what is now stored. */
  for (guint i = 0; i < self->collections->len; i++)
    {
      SyCollection *known = g_ptr_array_index (self->collections, i);
      SyCollection *replaced = g_hash_table_lookup (batch, sy_collection_get_name (known));

      g_ptr_array_add (next, g_object_ref (replaced != NULL ? replaced : known));
      if (replaced != NULL)
        g_hash_table_remove (batch, sy_collection_get_name (known));
    }
  for (guint i = 0; i < collections->len; i++)
    {
      SyCollection *collection = g_ptr_array_index (collections, i);

      if (g_hash_table_contains (batch, sy_collection_get_name (collection)))
        g_ptr_array_add (next, g_object_ref (collection));
    }
  set_definitions (self, next);

  if (changed != NULL)
    *changed = g_steal_pointer (&flags);

  return TRUE;
}

gboolean
sy_collection_store_drop_collection (SyCollectionStore *self,
                                     const char        *name,
                                     GError           **error)
{
  SyCollection *found;
  g_autofree char *table = NULL;
  g_autofree char *drop = NULL;
  g_autoptr(SyOwnedStmt) stmt = NULL;
  g_autoptr(GPtrArray) remaining = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean nested;
  gboolean ok;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), FALSE);

  found = lookup (self, name, error);
  if (found == NULL)
    return FALSE;

  for (guint c = 0; c < self->collections->len; c++)
    {
      SyCollection *other = g_ptr_array_index (self->collections, c);

      for (guint i = 0; other != found && i < sy_collection_get_n_fields (other); i++)
        {
          const SyCollectionField *field = sy_collection_get_field (other, i);

          if (field->type == SY_FIELD_TYPE_BELONGS_TO && g_str_equal (field->target, name))
            {
              g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_REFUSED,
                           _("the collection “%s” cannot be deleted: “%s.%s” points to it"),
                           name, sy_collection_get_name (other), field->name);
              return FALSE;
            }
        }
    }

  if (!atomic_begin (self, &nested, error))
    return FALSE;

  table = sy_sql_quote_name (name);
  drop = g_strdup_printf ("DROP TABLE %s", table);
  g_hash_table_remove_all (self->stmts);
  ok = exec_simple (self, drop, error) &&
       (stmt = owned_stmt (self, "DELETE FROM _sy_collections WHERE name = ?1", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      ok = step (self, stmt, NULL, error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!atomic_end (self, nested, ok, ok ? error : NULL))
    return FALSE;

  for (guint c = 0; c < self->collections->len; c++)
    if (g_ptr_array_index (self->collections, c) != found)
      g_ptr_array_add (remaining, g_object_ref (g_ptr_array_index (self->collections, c)));
  set_definitions (self, remaining);

  return TRUE;
}

/* ── SQL ───────────────────────────────────────────────────────────────── */

static int
authorize (gpointer    data,
           int         action,
           const char *first,
           const char *second,
           const char *database,
           const char *trigger)
{
  SyCollectionStore *self = data;
  const char *table = NULL;

  (void) second;
  (void) database;
  (void) trigger;

  switch (action)
    {
    case SQLITE_SELECT:
    case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;

    case SQLITE_READ:
      return SQLITE_OK;

    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
      table = first;
      if (table != NULL && g_str_has_prefix (table, "_sy_"))
        {
          g_free (self->denied);
          self->denied = g_strdup_printf (_("the table “%s” belongs to Switchyard"), table);
          return SQLITE_DENY;
        }
      /* Schema changes write to sqlite_master first. */
      if (table == NULL || !g_str_has_prefix (table, "sqlite_"))
        return SQLITE_OK;
      G_GNUC_FALLTHROUGH;

    default:
      g_free (self->denied);
      self->denied = g_strdup (_("only SELECT, INSERT, UPDATE and DELETE statements may run; "
                                 "tables and transactions are Switchyard’s"));
      return SQLITE_DENY;
    }
}

static gboolean
only_whitespace_or_comments (const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      if (g_ascii_isspace (*p) || *p == ';')
        p++;
      else if (p[0] == '-' && p[1] == '-')
        {
          while (*p != '\0' && *p != '\n')
            p++;
        }
      else if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");

          if (end == NULL)
            return TRUE;
          p = end + 2;
        }
      else
        return FALSE;
    }

  return TRUE;
}

static JsonNode *
raw_column (sqlite3_stmt *stmt,
            int           column)
{
  return column_value (stmt, column, NULL);
}

JsonNode *
sy_collection_store_run_sql (SyCollectionStore *self,
                             const char        *sql,
                             JsonObject        *variables,
                             gboolean           with_meta,
                             gboolean          *wrote,
                             GError           **error)
{
  g_autoptr(SyOwnedStmt) stmt = NULL;
  g_autoptr(JsonArray) rows = json_array_new ();
  const char *tail = NULL;
  gboolean has_row;
  gboolean nested;
  gboolean ok;
  int rc;

  g_return_val_if_fail (SY_IS_COLLECTION_STORE (self), NULL);

  if (sql == NULL || only_whitespace_or_comments (sql))
    {
      g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID, _("the SQL is empty"));
      return NULL;
    }

  g_clear_pointer (&self->denied, g_free);
  sqlite3_set_authorizer (self->db, authorize, self);
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, &tail);
  sqlite3_set_authorizer (self->db, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      if (self->denied != NULL)
        g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID, "%s", self->denied);
      else
        g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID, _("SQL error: %s"),
                     sqlite3_errmsg (self->db));
      return NULL;
    }
  if (stmt == NULL)
    {
      g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID, _("the SQL is empty"));
      return NULL;
    }
  if (tail != NULL && !only_whitespace_or_comments (tail))
    {
      g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                   _("only one statement may run; remove what follows the first “;”"));
      return NULL;
    }

  for (int i = 1; i <= sqlite3_bind_parameter_count (stmt); i++)
    {
      const char *name = sqlite3_bind_parameter_name (stmt, i);

      if (name == NULL || name[0] != ':')
        {
          g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                       _("use named parameters such as :qty (found “%s”)"), name != NULL ? name : "?");
          return NULL;
        }
      if (variables == NULL || !json_object_has_member (variables, name + 1))
        {
          g_set_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID,
                       _("the SQL uses %s but no variable “%s” is defined"), name, name + 1);
          return NULL;
        }
      bind_value (stmt, i, json_object_get_member (variables, name + 1));
    }

  if (wrote != NULL)
    *wrote = !sqlite3_stmt_readonly (stmt);
  if (!sqlite3_stmt_readonly (stmt) && !atomic_begin (self, &nested, error))
    return NULL;

  while ((ok = step (self, stmt, &has_row, error)) && has_row)
    {
      JsonObject *row = json_object_new ();

      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        json_object_set_member (row, sqlite3_column_name (stmt, c), raw_column (stmt, c));
      json_array_add_object_element (rows, row);
    }

  if (!sqlite3_stmt_readonly (stmt) && !atomic_end (self, nested, ok, ok ? error : NULL))
    return NULL;
  if (!ok)
    return NULL;

  if (with_meta)
    {
      g_autoptr(JsonArray) pair = json_array_new ();
      g_autoptr(JsonObject) meta = json_object_new ();

      json_object_set_int_member (meta, "changes", sqlite3_stmt_readonly (stmt) ? 0 : sqlite3_changes64 (self->db));
      json_object_set_int_member (meta, "lastInsertRowid", sqlite3_last_insert_rowid (self->db));
      json_array_add_array_element (pair, g_steal_pointer (&rows));
      json_array_add_object_element (pair, g_steal_pointer (&meta));
      return sy_json_node_take_array (g_steal_pointer (&pair));
    }

  return sy_json_node_take_array (g_steal_pointer (&rows));
}

/* ── GObject ───────────────────────────────────────────────────────────── */

static void
sy_collection_store_finalize (GObject *object)
{
  SyCollectionStore *self = SY_COLLECTION_STORE (object);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->churn, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->definitions, g_hash_table_unref);
  g_clear_pointer (&self->collections, g_ptr_array_unref);
  g_free (self->path);
  g_free (self->denied);

  G_OBJECT_CLASS (sy_collection_store_parent_class)->finalize (object);
}

static void
sy_collection_store_class_init (SyCollectionStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_collection_store_finalize;
}

static void
sy_collection_store_init (SyCollectionStore *self)
{
  self->collections = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->definitions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sqlite3_finalize);
  self->churn = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
