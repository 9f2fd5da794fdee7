/* sy-node-json-variable-mapping.h — what the inspector needs besides the kind */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The `variables` tree for a pasted sample: [{key, path, title, children}],
 * one entry per property, nested like the sample. With `parse_array`, array
 * elements get entries of their own ("items.0.price"); without, an array of
 * objects offers its elements' properties ("items.price" → every price). */
JsonNode *sy_json_mapping_from_sample (JsonNode *sample,
                                       gboolean  parse_array);

G_END_DECLS
