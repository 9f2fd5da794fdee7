/* sy-cli-output.h — what commands print: JSON, aligned tables, local times, errors */
#pragma once

#include <json-glib/json-glib.h>

#include "sy-cli-call.h"

G_BEGIN_DECLS

void     sy_cli_print            (SyCliCall   *call,
                                  const char  *format,
                                  ...) G_GNUC_PRINTF (2, 3);
void     sy_cli_printerr         (SyCliCall   *call,
                                  const char  *format,
                                  ...) G_GNUC_PRINTF (2, 3);
/* Pretty-printed JSON on stdout; takes ownership of `node`. */
void     sy_cli_print_json       (SyCliCall   *call,
                                  JsonNode    *node);
/* "2026-11-21 11:00:00" in local time; "—" for 0. */
char    *sy_cli_format_local_time (gint64      ms);
/* A one-line rendering of a JSON value, cut to `max_chars`. */
char    *sy_cli_format_json_short (JsonNode   *node,
                                   guint       max_chars);
/* The status word, in colour when the call prints in colour. */
char    *sy_cli_format_status    (SyCliCall   *call,
                                  SyStatus     status,
                                  gboolean     is_job);
/* Human summary of an execution, with its jobs when loaded. */
void     sy_cli_print_execution  (SyCliCall   *call,
                                  SyExecution *execution);

/* Aligned columns. Cells may contain colour escapes; widths ignore them. */
typedef struct _SyCliTable SyCliTable;

SyCliTable *sy_cli_table_new     (const char  *first_header,
                                  ...) G_GNUC_NULL_TERMINATED;
/* Columns without a header row. */
SyCliTable *sy_cli_table_new_plain (guint      n_columns);
void        sy_cli_table_add_row (SyCliTable  *table,
                                  const char  *first_cell,
                                  ...);
/* A table whose headers (and then rows) come as arrays, for columns known
 * only at run time; missing cells are empty. */
SyCliTable *sy_cli_table_new_strv (const char * const *headers);
void        sy_cli_table_add_strv (SyCliTable         *table,
                                   const char * const *cells);
void        sy_cli_table_print   (SyCliTable  *table,
                                  SyCliCall   *call);
void        sy_cli_table_free    (SyCliTable  *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyCliTable, sy_cli_table_free)

G_END_DECLS
