/* sy-field-input.c — what a structured field editor offers its SyFieldEditor */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sy-field-input.h"

G_DEFINE_INTERFACE (SyFieldInput, sy_field_input, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sy_field_input_default_init (SyFieldInputInterface *iface)
{
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

void
sy_field_input_set_value (SyFieldInput *self,
                          JsonNode     *value)
{
  g_return_if_fail (SY_IS_FIELD_INPUT (self));

  SY_FIELD_INPUT_GET_IFACE (self)->set_value (self, value);
}

JsonNode *
sy_field_input_get_value (SyFieldInput *self)
{
  g_return_val_if_fail (SY_IS_FIELD_INPUT (self), NULL);

  return SY_FIELD_INPUT_GET_IFACE (self)->get_value (self);
}

void
sy_field_input_set_editable (SyFieldInput *self,
                             gboolean      editable)
{
  g_return_if_fail (SY_IS_FIELD_INPUT (self));

  SY_FIELD_INPUT_GET_IFACE (self)->set_editable (self, editable);
}

void
sy_field_input_set_scope (SyFieldInput *self,
                          SyWorkflow   *workflow,
                          SyNode       *node)
{
  g_return_if_fail (SY_IS_FIELD_INPUT (self));

  if (SY_FIELD_INPUT_GET_IFACE (self)->set_scope != NULL)
    SY_FIELD_INPUT_GET_IFACE (self)->set_scope (self, workflow, node);
}

void
sy_field_input_changed (SyFieldInput *self)
{
  g_return_if_fail (SY_IS_FIELD_INPUT (self));

  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
sy_field_input_apply_editable (GtkWidget *root,
                               gboolean   editable)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  /* A GtkText is the inside of an entry: the entry itself says it. */
  if (GTK_IS_EDITABLE (root) && !GTK_IS_TEXT (root))
    gtk_editable_set_editable (GTK_EDITABLE (root), editable);
  else if (GTK_IS_DROP_DOWN (root) || ADW_IS_COMBO_ROW (root) || GTK_IS_SWITCH (root))
    gtk_widget_set_sensitive (root, editable);
  if (gtk_widget_has_css_class (root, "sy-edit-only"))
    gtk_widget_set_visible (root, editable);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    sy_field_input_apply_editable (child, editable);
}

JsonNode *
sy_field_input_value_from_text (const char *text)
{
  JsonNode *node;
  char *end = NULL;
  double number;

  if (text == NULL || *text == '\0')
    return NULL;

  node = json_node_new (JSON_NODE_VALUE);
  number = g_ascii_strtod (text, &end);
  if (end != text && *end == '\0' && !g_ascii_isspace (*text))
    {
      if (number == (double) (gint64) number && strpbrk (text, ".eE") == NULL)
        json_node_set_int (node, (gint64) number);
      else
        json_node_set_double (node, number);
    }
  else if (g_str_equal (text, "true") || g_str_equal (text, "false"))
    json_node_set_boolean (node, g_str_equal (text, "true"));
  else
    json_node_set_string (node, text);

  return node;
}

char *
sy_field_input_text_from_value (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));

  return json_to_string (value, FALSE);
}
