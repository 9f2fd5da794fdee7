/* sy-json-view.c — a JSON value to read: a collapsible tree, or highlighted text
 *
 * Tree rows are built by hand because their shape follows the value: an
 * object or array is a GtkExpander whose members are made the first time it
 * opens; a scalar is a key and a selectable value, coloured by type through
 * CSS classes (sy-json-string, -number, -literal). The text page is filled
 * only when it is shown.
 */
#define G_LOG_DOMAIN "switchyard-json-view"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "sy-json-view.h"
#include "sy-source-style.h"
#include "sy-widget-util.h"

#define CHUNK 100 /* members made at a time */

struct _SyJsonView
{
  GtkWidget  parent_instance;

  JsonNode  *node;
  char      *text;
  gboolean   raw;
  gboolean   text_filled;
  guint      copied_id;

  /* template children */
  GtkLabel      *title_label;
  GtkWidget     *copy_button;
  GtkStack      *stack;
  GtkBox        *tree_box;
  GtkSourceView *source_view;
};

G_DEFINE_FINAL_TYPE (SyJsonView, sy_json_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_RAW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void append_members (GtkBox *box, JsonNode *node, guint from);

/* ── Tree rows ────────────────────────────────────────────────────────── */

static GtkWidget *
key_label (const char *key)
{
  GtkWidget *label = gtk_label_new (key);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "sy-json-key");
  return label;
}

static char *
container_summary (JsonNode *node)
{
  guint n = JSON_NODE_HOLDS_OBJECT (node) ? json_object_get_size (json_node_get_object (node))
                                          : json_array_get_length (json_node_get_array (node));

  if (JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: an object in the JSON view, "{ 3 members }" */
    return g_strdup_printf (ngettext ("{ %u member }", "{ %u members }", n), n);
  /* Translators: an array in the JSON view, "[ 5 items ]" */
  return g_strdup_printf (ngettext ("[ %u item ]", "[ %u items ]", n), n);
}

static GtkWidget *
scalar_label (JsonNode *node)
{
  g_autofree char *text = NULL;
  GtkWidget *label;
  const char *css = "sy-json-literal";

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    css = "sy-json-string";
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    css = "sy-json-number";

  text = node != NULL ? json_to_string (node, FALSE) : g_strdup ("null");
  label = gtk_label_new (text);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, css);
  return label;
}

static void
on_expanded (GtkExpander *expander)
{
  JsonNode *node = g_object_get_data (G_OBJECT (expander), "sy-json-node");
  GtkWidget *box;

  /* Members are made once, the first time the row opens. */
  if (!gtk_expander_get_expanded (expander) || gtk_expander_get_child (expander) != NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (box, "sy-json-members");
  append_members (GTK_BOX (box), node, 0);
  gtk_expander_set_child (expander, box);
}

static GtkWidget *
member_row (const char *key,
            JsonNode   *node)
{
  GtkWidget *row;

  if (node != NULL && (JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node)))
    {
      g_autofree char *summary = container_summary (node);
      GtkWidget *label_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *summary_label = gtk_label_new (summary);

      gtk_widget_add_css_class (summary_label, "dim-label");
      gtk_box_append (GTK_BOX (label_box), key_label (key));
      gtk_box_append (GTK_BOX (label_box), summary_label);

      row = gtk_expander_new (NULL);
      gtk_expander_set_label_widget (GTK_EXPANDER (row), label_box);
      g_object_set_data_full (G_OBJECT (row), "sy-json-node", json_node_ref (node),
                              (GDestroyNotify) json_node_unref);
      g_signal_connect (row, "notify::expanded", G_CALLBACK (on_expanded), NULL);
    }
  else
    {
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      gtk_box_append (GTK_BOX (row), key_label (key));
      gtk_box_append (GTK_BOX (row), scalar_label (node));
    }

  gtk_widget_add_css_class (row, "sy-json-row");
  return row;
}

static void
on_show_more (GtkButton *button)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (button));
  JsonNode *node = g_object_get_data (G_OBJECT (button), "sy-json-node");
  guint from = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "sy-json-from"));

  gtk_box_remove (GTK_BOX (box), GTK_WIDGET (button));
  append_members (GTK_BOX (box), node, from);
}

/* Members `from` .. `from` + CHUNK of an object or array, then a button
 * for the rest. */
static void
append_members (GtkBox   *box,
                JsonNode *node,
                guint     from)
{
  guint n;
  guint end;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));
      GList *l = g_list_nth (members, from);

      n = g_list_length (members);
      end = MIN (n, from + CHUNK);
      for (guint i = from; i < end && l != NULL; i++, l = l->next)
        gtk_box_append (box, member_row (l->data, json_object_get_member (json_node_get_object (node), l->data)));
    }
  else
    {
      JsonArray *array = json_node_get_array (node);

      n = json_array_get_length (array);
      end = MIN (n, from + CHUNK);
      for (guint i = from; i < end; i++)
        {
          char index[16];

          g_snprintf (index, sizeof index, "%u", i);
          gtk_box_append (box, member_row (index, json_array_get_element (array, i)));
        }
    }

  if (end < n)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("Show %u More", "Show %u More", MIN (CHUNK, n - end)),
                                                MIN (CHUNK, n - end));
      GtkWidget *more = gtk_button_new_with_label (label);

      gtk_widget_set_halign (more, GTK_ALIGN_START);
      gtk_widget_add_css_class (more, "flat");
      gtk_widget_add_css_class (more, "sy-small-button");
      g_object_set_data_full (G_OBJECT (more), "sy-json-node", json_node_ref (node),
                              (GDestroyNotify) json_node_unref);
      g_object_set_data (G_OBJECT (more), "sy-json-from", GUINT_TO_POINTER (end));
      g_signal_connect (more, "clicked", G_CALLBACK (on_show_more), NULL);
      gtk_box_append (box, more);
    }
}

static void
expand_rows (GtkWidget *parent,
             guint      depth)
{
  if (depth == 0)
    return;

  for (GtkWidget *row = gtk_widget_get_first_child (parent); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_EXPANDER (row))
      {
        gtk_expander_set_expanded (GTK_EXPANDER (row), TRUE);
        expand_rows (gtk_expander_get_child (GTK_EXPANDER (row)), depth - 1);
      }
}

/* ── Text page and actions ────────────────────────────────────────────── */

static void
show_page (SyJsonView *self)
{
  if (self->raw && !self->text_filled)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)), self->text, -1);
      self->text_filled = TRUE;
    }
  gtk_stack_set_visible_child_name (self->stack, self->raw ? "text" : "tree");
}

static gboolean
reset_copy_icon (gpointer data)
{
  SyJsonView *self = data;

  self->copied_id = 0;
  gtk_button_set_icon_name (GTK_BUTTON (self->copy_button), "edit-copy-symbolic");
  return G_SOURCE_REMOVE;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SyJsonView *self = SY_JSON_VIEW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->text);

  /* A tick for a moment says it worked. */
  gtk_button_set_icon_name (GTK_BUTTON (self->copy_button), "object-select-symbolic");
  g_clear_handle_id (&self->copied_id, g_source_remove);
  self->copied_id = g_timeout_add (1500, reset_copy_icon, self);
}

/* ── Object ───────────────────────────────────────────────────────────── */

static void
sy_json_view_dispose (GObject *object)
{
  SyJsonView *self = SY_JSON_VIEW (object);

  g_clear_handle_id (&self->copied_id, g_source_remove);
  /* The header row has no id, so the template alone would leave it. */
  sy_widget_dispose_template_children (GTK_WIDGET (self), SY_TYPE_JSON_VIEW);

  G_OBJECT_CLASS (sy_json_view_parent_class)->dispose (object);
}

static void
sy_json_view_finalize (GObject *object)
{
  SyJsonView *self = SY_JSON_VIEW (object);

  g_clear_pointer (&self->node, json_node_unref);
  g_free (self->text);

  G_OBJECT_CLASS (sy_json_view_parent_class)->finalize (object);
}

static void
sy_json_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SyJsonView *self = SY_JSON_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_text (self->title_label));
      break;
    case PROP_RAW:
      g_value_set_boolean (value, self->raw);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_json_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SyJsonView *self = SY_JSON_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      gtk_label_set_text (self->title_label, g_value_get_string (value));
      gtk_widget_set_visible (GTK_WIDGET (self->title_label), g_value_get_string (value) != NULL);
      break;
    case PROP_RAW:
      sy_json_view_set_raw (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_json_view_class_init (SyJsonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_json_view_dispose;
  object_class->finalize = sy_json_view_finalize;
  object_class->get_property = sy_json_view_get_property;
  object_class->set_property = sy_json_view_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RAW] =
    g_param_spec_boolean ("raw", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-json-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SyJsonView, title_label);
  gtk_widget_class_bind_template_child (widget_class, SyJsonView, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SyJsonView, stack);
  gtk_widget_class_bind_template_child (widget_class, SyJsonView, tree_box);
  gtk_widget_class_bind_template_child (widget_class, SyJsonView, source_view);

  gtk_widget_class_install_action (widget_class, "json.copy", NULL, copy_action);
  gtk_widget_class_install_property_action (widget_class, "json.raw", "raw");

  gtk_widget_class_set_css_name (widget_class, "sy-json-view");
}

static void
sy_json_view_init (SyJsonView *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "json"));
  sy_source_buffer_follow_style (buffer);

  self->text = g_strdup ("null");
  sy_json_view_set_json (self, NULL);
}

GtkWidget *
sy_json_view_new (const char *title)
{
  return g_object_new (SY_TYPE_JSON_VIEW, "title", title, NULL);
}

void
sy_json_view_set_json (SyJsonView *self,
                       JsonNode   *node)
{
  g_return_if_fail (SY_IS_JSON_VIEW (self));

  g_clear_pointer (&self->node, json_node_unref);
  self->node = node != NULL ? json_node_copy (node) : json_node_new (JSON_NODE_NULL);
  g_free (self->text);
  self->text = json_to_string (self->node, TRUE);
  self->text_filled = FALSE;

  sy_widget_remove_children (GTK_WIDGET (self->tree_box));
  if (JSON_NODE_HOLDS_OBJECT (self->node) || JSON_NODE_HOLDS_ARRAY (self->node))
    {
      gboolean empty = JSON_NODE_HOLDS_OBJECT (self->node)
                         ? json_object_get_size (json_node_get_object (self->node)) == 0
                         : json_array_get_length (json_node_get_array (self->node)) == 0;

      if (empty)
        gtk_box_append (self->tree_box, scalar_label (self->node));
      else
        append_members (self->tree_box, self->node, 0);
    }
  else
    gtk_box_append (self->tree_box, scalar_label (self->node));

  show_page (self);
}

const char *
sy_json_view_get_text (SyJsonView *self)
{
  g_return_val_if_fail (SY_IS_JSON_VIEW (self), NULL);

  return self->text;
}

void
sy_json_view_set_raw (SyJsonView *self,
                      gboolean    raw)
{
  g_return_if_fail (SY_IS_JSON_VIEW (self));

  raw = !!raw;
  if (self->raw == raw)
    return;
  self->raw = raw;
  show_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RAW]);
}

void
sy_json_view_expand (SyJsonView *self,
                     guint       depth)
{
  g_return_if_fail (SY_IS_JSON_VIEW (self));

  expand_rows (GTK_WIDGET (self->tree_box), depth);
}
