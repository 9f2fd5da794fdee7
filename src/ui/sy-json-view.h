/* sy-json-view.h — a JSON value to read: a collapsible tree, or highlighted text
 *
 * A title with "Copy" and a tree/text switch above the value. The tree
 * builds the members of an object or array only when it is expanded (and
 * long arrays a hundred items at a time), so a large result opens at once;
 * the text is the pretty-printed JSON in a read-only GtkSourceView.
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SY_TYPE_JSON_VIEW (sy_json_view_get_type ())
G_DECLARE_FINAL_TYPE (SyJsonView, sy_json_view, SY, JSON_VIEW, GtkWidget)

GtkWidget  *sy_json_view_new       (const char *title);
/* `node` NULL shows "null". The node is copied. */
void        sy_json_view_set_json  (SyJsonView *self,
                                    JsonNode   *node);
/* The value as pretty-printed JSON (what Copy puts on the clipboard). */
const char *sy_json_view_get_text  (SyJsonView *self);
/* TRUE: highlighted text; FALSE: the tree (the default). */
void        sy_json_view_set_raw   (SyJsonView *self,
                                    gboolean    raw);
/* Expands every object and array of the tree down to `depth` levels. */
void        sy_json_view_expand    (SyJsonView *self,
                                    guint       depth);

/* Actions: json.copy, json.raw (stateful). */

G_END_DECLS
