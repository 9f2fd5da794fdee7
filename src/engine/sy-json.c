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
      /* json_node_copy() would share the value, and json_node_set_string()
       * on one copy would change the other. */
      copy = json_node_new (JSON_NODE_VALUE);
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          json_node_set_string (copy, json_node_get_string (node));
          break;
        case G_TYPE_INT64:
          json_node_set_int (copy, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          json_node_set_double (copy, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          json_node_set_boolean (copy, json_node_get_boolean (node));
          break;
        default:
          json_node_unref (copy);
          return json_node_copy (node);
        }
      return copy;

    case JSON_NODE_NULL:
    default:
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

static gboolean
parse_index (const char *segment,
             guint      *index)
{
  guint64 value;

  if (segment[0] == '\0' || !g_ascii_string_to_unsigned (segment, 10, 0, G_MAXUINT, &value, NULL))
    return FALSE;

  *index = (guint) value;
  return TRUE;
}

static JsonNode *
get_segments (JsonNode    *node,
              char       **segments)
{
  guint index;

  if (node == NULL)
    return NULL;
  if (segments[0] == NULL)
    return sy_json_node_deep_copy (node);

  if (JSON_NODE_HOLDS_OBJECT (node))
    return get_segments (json_object_get_member (json_node_get_object (node), segments[0]),
                         segments + 1);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  if (parse_index (segments[0], &index))
    {
      JsonArray *array = json_node_get_array (node);

      if (index >= json_array_get_length (array))
        return NULL;
      return get_segments (json_array_get_element (array, index), segments + 1);
    }
  else
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *mapped = json_array_new ();
      JsonNode *value;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          value = get_segments (json_array_get_element (array, i), segments);
          if (value == NULL)
            continue;
          /* One level of flattening: "orders.items" gives every item. */
          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              JsonArray *inner = json_node_get_array (value);

              for (guint j = 0; j < json_array_get_length (inner); j++)
                json_array_add_element (mapped, json_node_copy (json_array_get_element (inner, j)));
              json_node_unref (value);
            }
          else
            json_array_add_element (mapped, value);
        }

      return sy_json_node_take_array (mapped);
    }
}

JsonNode *
sy_json_get_path (JsonNode   *node,
                  const char *path)
{
  g_auto(GStrv) segments = NULL;

  if (path == NULL || path[0] == '\0')
    return sy_json_node_deep_copy (node);

  segments = g_strsplit (path, ".", -1);
  return get_segments (node, segments);
}

JsonNode *
sy_json_node_take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

JsonNode *
sy_json_node_take_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

gboolean
sy_json_node_get_number (JsonNode *node,
                         double   *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *value = (double) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *value = json_node_get_double (node);
      return TRUE;
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);
        char *end = NULL;

        *value = g_ascii_strtod (text, &end);
        return end != text && *end == '\0';
      }
    default:
      return FALSE;
    }
}
