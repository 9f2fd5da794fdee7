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

G_END_DECLS
