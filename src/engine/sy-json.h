/* sy-json.h — small JSON helpers json-glib 1.6 lacks
 *
 * json_node_copy() and json_object_ref() share the objects and arrays
 * inside; a workflow copy must not, or editing one version edits the other.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deep copies: nothing is shared with the original. NULL gives NULL. */
JsonNode   *sy_json_node_deep_copy   (JsonNode   *node);
JsonObject *sy_json_object_deep_copy (JsonObject *object);
JsonArray  *sy_json_array_deep_copy  (JsonArray  *array);

/* A node that takes over the caller's reference (json_node_init_object
 * would add one). */
JsonNode   *sy_json_node_take_object (JsonObject *object);
JsonNode   *sy_json_node_take_array  (JsonArray  *array);

/* The value at a dotted `path` ("a.b.0.c") inside `node`, as a new node, or
 * NULL when nothing is there. A number indexes an array; any other segment
 * that meets an array maps over its elements and flattens one level, as
 * NocoBase variables do ("items.price" → [3, 5]). An empty path is `node`. */
JsonNode   *sy_json_get_path         (JsonNode   *node,
                                      const char *path);

/* A JSON number, or a string that is exactly a number ("12", "1.5e3"). */
gboolean    sy_json_node_get_number  (JsonNode   *node,
                                      double     *value);

G_END_DECLS
