/* sy-csv.h — comma-separated values as RFC 4180 writes them
 *
 * Rows of cells, comma separated, CRLF line ends; a cell holding a comma,
 * a double quote, CR or LF is put in double quotes with its quotes
 * doubled. Reading also takes LF line ends, a byte order mark and a last
 * line without an end, as spreadsheets write them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SY_CSV_ERROR (sy_csv_error_quark ())
typedef enum
{
  SY_CSV_ERROR_SYNTAX, /* a quote out of place, an unterminated quoted cell */
} SyCsvError;
GQuark     sy_csv_error_quark (void);

/* Appends one row (and its CRLF) to `out`. NULL cells are empty. */
void       sy_csv_append_row  (GString            *out,
                               const char * const *cells,
                               guint               n_cells);

/* Splits `text` into rows (GPtrArray of GStrv). Blank lines are skipped.
 * Errors name the line: "line 4: a quoted cell is not closed". */
GPtrArray *sy_csv_parse       (const char         *text,
                               gssize              length,
                               GError            **error);

G_END_DECLS
