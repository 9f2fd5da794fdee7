/* sy-value-view.h — a JSON value shown for people: rows, not braces */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A boxed list that shows `value`: an object's members as rows (name, then
 * the value), nested objects and lists of objects as rows that expand, a
 * list of plain values joined by commas. NULL or an empty object shows
 * `empty_text`. */
GtkWidget *sy_value_view_new          (JsonNode   *value,
                                       const char *empty_text);
/* The text of a plain value: strings as they are, numbers, "Yes"/"No",
 * "—" for null; objects and lists as compact JSON. */
char      *sy_value_view_scalar_text  (JsonNode   *value);
/* A field name as a label: "due_date" → "Due date". */
char      *sy_value_view_humanize     (const char *name);

G_END_DECLS
