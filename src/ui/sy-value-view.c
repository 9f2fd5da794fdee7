/* sy-value-view.c — a JSON value shown for people: rows, not braces
 *
 * Deep trees are cut off after a few levels (the raw JSON is one click
 * away where this is used); long texts wrap.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-value-view.h"

#define MAX_DEPTH 4

static gboolean
is_plain (JsonNode *value)
{
  return value == NULL || JSON_NODE_HOLDS_VALUE (value) || JSON_NODE_HOLDS_NULL (value);
}

static gboolean
is_plain_list (JsonNode *value)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    return FALSE;

  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!is_plain (json_array_get_element (array, i)))
      return FALSE;

  return TRUE;
}

char *
sy_value_view_scalar_text (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("—");

  if (JSON_NODE_HOLDS_VALUE (value))
    switch (json_node_get_value_type (value))
      {
      case G_TYPE_STRING:
        return g_strdup (json_node_get_string (value));
      case G_TYPE_BOOLEAN:
        return g_strdup (json_node_get_boolean (value) ? _("Yes") : _("No"));
      case G_TYPE_DOUBLE:
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", json_node_get_double (value)));
        }
      default:
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
      }

  if (is_plain_list (value))
    {
      JsonArray *array = json_node_get_array (value);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = sy_value_view_scalar_text (json_array_get_element (array, i));

          g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", item);
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  return json_to_string (value, FALSE);
}

char *
sy_value_view_humanize (const char *name)
{
  g_autofree char *spaced = g_strdelimit (g_strdup (name != NULL ? name : ""), "_-", ' ');
  g_autoptr(GString) text = g_string_new (spaced);

  if (text->len > 0)
    text->str[0] = g_ascii_toupper (text->str[0]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *value_row (const char *title,
                             JsonNode   *value,
                             guint       depth);

/* The rows of an object's members, or of a list's elements (numbered). */
static GPtrArray *
child_rows (JsonNode *value,
            guint     depth)
{
  GPtrArray *rows = g_ptr_array_new ();

  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (value));
      while (json_object_iter_next (&iter, &name, &member))
        {
          g_autofree char *title = sy_value_view_humanize (name);

          g_ptr_array_add (rows, value_row (title, member, depth));
        }
    }
  else
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *title = g_strdup_printf ("%u", i + 1);

          g_ptr_array_add (rows, value_row (title, json_array_get_element (array, i), depth));
        }
    }

  return rows;
}

static GtkWidget *
value_row (const char *title,
           JsonNode   *value,
           guint       depth)
{
  GtkWidget *row;

  if (is_plain (value) || is_plain_list (value) || depth >= MAX_DEPTH)
    {
      g_autofree char *text = sy_value_view_scalar_text (value);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      /* The value is what matters: it comes first and keeps its markup chars. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "property");
      return row;
    }

  row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      guint n = json_array_get_length (json_node_get_array (value));
      g_autofree char *count = g_strdup_printf (ngettext ("%u item", "%u items", n), n);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), count);
    }
  {
    g_autoptr(GPtrArray) children = child_rows (value, depth + 1);

    for (guint i = 0; i < children->len; i++)
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), g_ptr_array_index (children, i));
  }
  /* The first level is what people came for: open it. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), depth == 0);
  return row;
}

GtkWidget *
sy_value_view_new (JsonNode   *value,
                   const char *empty_text)
{
  GtkWidget *list = gtk_list_box_new ();
  gboolean empty = value == NULL || JSON_NODE_HOLDS_NULL (value) ||
                   (JSON_NODE_HOLDS_OBJECT (value) && json_object_get_size (json_node_get_object (value)) == 0);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  if (empty)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), empty_text);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  else if (JSON_NODE_HOLDS_OBJECT (value))
    {
      g_autoptr(GPtrArray) rows = child_rows (value, 0);

      for (guint i = 0; i < rows->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (list), g_ptr_array_index (rows, i));
    }
  else
    gtk_list_box_append (GTK_LIST_BOX (list), value_row (_("Value"), value, 0));

  return list;
}
