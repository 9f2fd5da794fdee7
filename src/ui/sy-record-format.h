/* sy-record-format.h — records and their values as the data view shows them */
#pragma once

#include <gio/gio.h>

#include "collections/sy-collection.h"

G_BEGIN_DECLS

/* The field that names a record of `collection` where another record
 * points to it: one called "title" or "name", else the first string field;
 * NULL when there is none (the id stands in). */
const SyCollectionField *sy_record_title_field   (SyCollection            *collection);
/* The name of `record` (a record of `collection`; NULL collection: only
 * the id is known): its title field, or "#7". */
char                    *sy_record_format_title  (SyCollection            *collection,
                                                  JsonObject              *record);
/* One line for a cell: booleans as Yes/No, date-times in local time,
 * the first line of a text, JSON compact. A belongs-to value is an
 * appended record (named with `target`) or an id ("#7"). */
char                    *sy_record_format_value  (const SyCollectionField *field,
                                                  JsonNode                *value,
                                                  SyCollection            *target);
/* Stored date-time text (RFC 3339) in local time, "2026-03-01 09:30:00";
 * text that is no date-time comes back as it is. */
char                    *sy_record_format_datetime (const char            *text);
/* The texts of workflow messages joined by `separator`, or NULL when
 * there is none. */
char                    *sy_record_format_messages (GPtrArray             *messages,
                                                    const char            *separator);
/* The label of a field: its title, or its name. */
const char              *sy_record_field_label   (const SyCollectionField *field);
/* "Text", "Whole number", … */
const char              *sy_field_type_label     (SyFieldType              type);

/* "Stock level" → "stock_level": a collection or field name made from a
 * title ("" when the title has no letter). */
char                    *sy_name_from_title      (const char              *title);

G_END_DECLS
