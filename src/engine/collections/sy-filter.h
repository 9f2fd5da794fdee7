/* sy-filter.h — NocoBase JSON filters and sorts compiled to SQL with bound parameters
 *
 * A filter is {"$and": [...]}, {"$or": [...]} or {"field": {"$op": value}}
 * ({"field": value} is short for $eq). Dotted fields ("product.title") and
 * nested objects ({"product": {"title": …}}) go through belongs-to fields
 * as LEFT JOINs. Field names are checked against the definitions and only
 * then quoted into the SQL; every value is a bound parameter. Values are
 * checked with the field's own rules, so "5" finds 5 and a datetime in any
 * offset finds the stored UTC text.
 *
 * Date ranges: a two-element [start, end] array — what
 * {{$system.dateRange.today}} resolves to — given to $eq, $ne, $gt, $gte,
 * $lt or $lte of a date or datetime field means the whole range (“is
 * today”, “after today”…). The text "{{$system.dateRange.<name>}}" itself
 * is resolved here too, so a filter typed on the command line can use it.
 *
 * Empty $and and $or groups impose nothing (a filter editor's empty group).
 */
#pragma once

#include "collections/sy-collection.h"

G_BEGIN_DECLS

/* Finds another collection for a belongs-to target; NULL when unknown. */
typedef SyCollection *(*SyCollectionResolver) (const char *name,
                                               gpointer    data);

typedef struct _SySqlQuery SySqlQuery;

/* The root collection's table is aliased "t". */
SySqlQuery  *sy_sql_query_new         (SyCollection         *root,
                                       SyCollectionResolver  resolve,
                                       gpointer              data);
void         sy_sql_query_free        (SySqlQuery           *self);

/* ANDs the filter's condition to the query; NULL or {} adds nothing.
 * Errors are SY_COLLECTION_ERROR_INVALID: "invalid filter: qty.$gt: …". */
gboolean     sy_sql_query_add_filter  (SySqlQuery           *self,
                                       JsonNode             *filter,
                                       GError              **error);
/* Adds "field" (ascending) or "-field" (descending) to the order; dotted
 * paths go through belongs-to fields. */
gboolean     sy_sql_query_add_sort    (SySqlQuery           *self,
                                       const char           *spec,
                                       GError              **error);

/* The SQL expression of a field path ("qty", "product.price"), joining
 * what it goes through; `field` (may be NULL) gets its definition. */
char        *sy_sql_query_column      (SySqlQuery           *self,
                                       const char           *path,
                                       const SyCollectionField **field,
                                       GError              **error);

/* ` "orders" AS "t" LEFT JOIN …` */
const char  *sy_sql_query_get_from    (SySqlQuery           *self);
/* "" or ` WHERE …` */
const char  *sy_sql_query_get_where   (SySqlQuery           *self);
/* "" or ` ORDER BY …` (ends with the id, so pages are stable) */
const char  *sy_sql_query_get_order   (SySqlQuery           *self);
/* The values of ?1, ?2, … in order (JsonNode scalars or null). */
GPtrArray   *sy_sql_query_get_params  (SySqlQuery           *self);

/* `"name"`: the identifier quoting of the whole collections code. Only
 * for names already checked with sy_collection_name_is_valid(). */
char        *sy_sql_quote_name        (const char           *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SySqlQuery, sy_sql_query_free)

G_END_DECLS
