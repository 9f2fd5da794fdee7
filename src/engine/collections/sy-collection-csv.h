/* sy-collection-csv.h — a collection's records as CSV (sy-csv.h) and back
 *
 * The header row names the columns: `id`, the fields in definition order,
 * `created_at`, `updated_at`. Cells are the stored values as text: numbers
 * as JSON writes them, booleans as true/false, a belongs-to as the target
 * record's id, a json field as JSON text; an empty cell is no value.
 *
 * Reading takes any order of columns named by a field's name or title and
 * ignores the automatic ones (records get new ids and times). Every row is
 * checked as a new record would be, so bad input is refused before
 * anything is written.
 */
#pragma once

#include "collections/sy-collection.h"

G_BEGIN_DECLS

/* The cell text of a value of `field` (NULL or null: ""). */
char      *sy_collection_csv_cell          (const SyCollectionField *field,
                                            JsonNode                *value);
/* Appends the header row to `out`. */
void       sy_collection_csv_append_header (SyCollection            *collection,
                                            GString                 *out);
/* Appends a record as stored (belongs-to ids or appended records). */
void       sy_collection_csv_append_record (SyCollection            *collection,
                                            JsonObject              *record,
                                            GString                 *out);

/* The values of the records a CSV text holds (GPtrArray of JsonObject),
 * checked for creation (sy_collection_check_values). Errors
 * (SY_COLLECTION_ERROR_INVALID or SY_CSV_ERROR) name the row as a
 * spreadsheet numbers it — the header is row 1 — and the field:
 * "row 3: qty: expected a whole number, got “abc”". */
GPtrArray *sy_collection_csv_read          (SyCollection            *collection,
                                            const char              *text,
                                            gssize                   length,
                                            GError                 **error);

G_END_DECLS
