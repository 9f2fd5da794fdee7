/* sy-json.c — deep copies of JSON trees */
#include "config.h"

#include "sy-json.h"

JsonNode *
sy_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, sy_json_object_deep_copy (json_node_get_object (node)));
      return copy;

    case JSON_NODE_ARRAY:
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, sy_json_array_deep_copy (json_node_get_array (node)));
      return copy;

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      /* Scalars hold no shared containers; json_node_copy also drops the seal. */
      return json_node_copy (node);
    }
}

JsonObject *
sy_json_object_deep_copy (JsonObject *object)
{
  JsonObject *copy;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (object == NULL)
    return NULL;

  copy = json_object_new ();
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (copy, name, sy_json_node_deep_copy (member));

  return copy;
}

JsonArray *
sy_json_array_deep_copy (JsonArray *array)
{
  JsonArray *copy;
  guint n;

  if (array == NULL)
    return NULL;

  n = json_array_get_length (array);
  copy = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    json_array_add_element (copy, sy_json_node_deep_copy (json_array_get_element (array, i)));

  return copy;
}
