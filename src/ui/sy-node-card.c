/* sy-node-card.c — one node (or the trigger) drawn as a card on the canvas
 *
 * The card only shows; the canvas owns selection, menus and editing. Style
 * classes carry the category tint ("category-control"), selection and the
 * execution status (".resolved", ".failed" …) so the theme decides colours.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-execution-format.h"
#include "sy-node-card.h"
#include "sy-problems-dialog.h"
#include "sy-node-kind.h"
#include "sy-trigger-kind.h"

struct _SyNodeCard
{
  GtkWidget           parent_instance;

  SyWorkflowDocument *document;
  SyNode             *node;       /* NULL for the trigger card */
  guint               index;
  guint               count;
  guint               n_problems;
  char               *category_class;
  char               *status_class;
  SyJob              *job;
  char               *label;
  char               *a11y_type;
  char               *a11y_title;
  char               *a11y_description;
  char               *a11y_problems;

  GtkWidget          *content;
  GtkWidget          *icon;
  GtkWidget          *title_label;
  GtkWidget          *type_label;
  GtkWidget          *key_label;
  GtkWidget          *problem_badge;
  GtkWidget          *problem_count;
  GtkWidget          *status_icon;
  GtkWidget          *result_label;
  GtkWidget          *branch_bar;
  GtkWidget          *add_branch_button;
  GtkWidget          *remove_branch_button;
};

G_DEFINE_FINAL_TYPE (SyNodeCard, sy_node_card, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_NODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_class (SyNodeCard  *self,
           char       **slot,
           const char  *css_class)
{
  if (g_strcmp0 (*slot, css_class) == 0)
    return;
  if (*slot != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), *slot);
  g_free (*slot);
  *slot = g_strdup (css_class);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
}

static void
set_label (GtkWidget  *label,
           const char *text)
{
  /* Skipping equal text avoids a needless resize of the card. */
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), text) != 0)
    gtk_label_set_label (GTK_LABEL (label), text);
}

/* The "remove a branch" menu is made when it opens: cards are updated far
 * more often (problems, renames) than the menu is used. */
static void
build_remove_branch_menu (GtkMenuButton *button,
                          gpointer       user_data)
{
  SyNodeCard *self = user_data;
  g_autoptr(GMenu) menu = g_menu_new ();

  if (self->node == NULL)
    return;

  for (guint i = 0; i < sy_node_get_n_branches (self->node); i++)
    {
      const char *name = sy_node_get_branch_name (self->node, i);
      g_autofree char *label = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (g_ascii_strtoull (name, NULL, 10) == 0)
        continue;
      label = sy_node_branch_title (self->node, name);
      text = g_strdup_printf (_("Remove “%s”"), label);
      item = g_menu_item_new (text, NULL);
      g_menu_item_set_action_and_target (item, "canvas.remove-branch", "(ss)", sy_node_get_key (self->node), name);
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
update_branch_bar (SyNodeCard       *self,
                   const SyNodeKind *kind)
{
  /* Adding and removing branches are edits: a read-only document (a
   * version that ran, an execution) shows no such buttons. */
  gboolean shown = kind != NULL && (kind->flags & SY_NODE_KIND_DYNAMIC) != 0
                   && !sy_workflow_document_get_read_only (self->document);
  gboolean numbered = FALSE;

  gtk_widget_set_visible (self->branch_bar, shown);
  if (!shown)
    return;

  {
    const char *title = sy_node_display_title (self->node);
    g_autofree char *add = g_strdup_printf (_("Add a branch to “%s”"), title);
    g_autofree char *remove = g_strdup_printf (_("Remove a branch from “%s”"), title);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_branch_button), GTK_ACCESSIBLE_PROPERTY_LABEL, add, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_branch_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    remove, -1);
  }
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->add_branch_button), "s", sy_node_get_key (self->node));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_branch_button), "canvas.add-branch");

  for (guint i = 0; i < sy_node_get_n_branches (self->node) && !numbered; i++)
    numbered = g_ascii_strtoull (sy_node_get_branch_name (self->node, i), NULL, 10) > 0;
  gtk_widget_set_sensitive (self->remove_branch_button, numbered);
}

#define LABEL_MESSAGE_CHARS 80

/* A job's message as the label says it: its first line, cut at
 * LABEL_MESSAGE_CHARS; NULL without one. */
static char *
short_message (SyJob *job)
{
  const char *message = job != NULL ? sy_job_message (job) : NULL;
  size_t line_end;

  if (message == NULL)
    return NULL;
  line_end = strcspn (message, "\n");
  if (g_utf8_strlen (message, line_end) > LABEL_MESSAGE_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (message, 0, LABEL_MESSAGE_CHARS);

      return g_strconcat (cut, "…", NULL);
    }
  if (message[line_end] != '\0')
    {
      g_autofree char *line = g_strndup (message, line_end);

      return g_strconcat (line, "…", NULL);
    }
  return g_strdup (message);
}

/* What the node is, how it ran and where it stands, as a screen reader
 * announces the card: "Reserve, Calculation, Failed: jq error…, node 3 of 12". */
static void
update_label (SyNodeCard *self)
{
  g_autoptr(GString) label = NULL;

  if (self->a11y_type == NULL)
    return;

  label = g_string_new (NULL);
  if (self->node == NULL)
    {
      if (g_strcmp0 (self->a11y_title, self->a11y_type) != 0)
        g_string_append_printf (label, "%s, ", self->a11y_title);
      /* Translators: the trigger card's name for a screen reader, "Webhook trigger" */
      g_string_append_printf (label, _("%s trigger"), self->a11y_type);
    }
  else
    {
      g_string_append (label, self->a11y_title);
      if (g_strcmp0 (self->a11y_title, self->a11y_type) != 0)
        g_string_append_printf (label, ", %s", self->a11y_type);
    }

  if (self->job != NULL)
    {
      g_autofree char *message = short_message (self->job);

      g_string_append_printf (label, ", %s", sy_status_to_display (self->job->status, TRUE));
      if (message != NULL)
        g_string_append_printf (label, ": %s", message);
    }

  if (self->node != NULL && self->count > 0)
    {
      g_string_append (label, ", ");
      g_string_append_printf (label, _("node %u of %u"), self->index + 1, self->count);
    }

  if (g_strcmp0 (label->str, self->label) == 0)
    return;
  g_free (self->label);
  self->label = g_string_free (g_steal_pointer (&label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->label, -1);
}

/* The rest, read after the label: which branch the node is in, the whole
 * message of its job when the label cut it, its problems. */
static void
update_description (SyNodeCard *self)
{
  g_autoptr(GString) description = g_string_new (NULL);
  SyNode *parent = self->node != NULL ? sy_node_get_parent (self->node) : NULL;
  const char *message = self->job != NULL ? sy_job_message (self->job) : NULL;
  g_autofree char *short_text = short_message (self->job);

  if (parent != NULL)
    {
      g_autofree char *branch = sy_node_branch_title (parent, sy_node_get_parent_branch (self->node));

      /* Translators: where a node stands, "In “Yes” of “Large order?”": a branch's label, then its node */
      g_string_append_printf (description, _("In “%s” of “%s”"), branch, sy_node_display_title (parent));
    }
  if (message != NULL && g_strcmp0 (message, short_text) != 0)
    g_string_append_printf (description, "%s%s", description->len > 0 ? "\n" : "", message);
  if (self->a11y_problems != NULL && self->a11y_problems[0] != '\0')
    g_string_append_printf (description, "%s%s", description->len > 0 ? "\n" : "", self->a11y_problems);

  if (g_strcmp0 (description->str, self->a11y_description) == 0)
    return;
  g_free (self->a11y_description);
  self->a11y_description = g_string_free (g_steal_pointer (&description), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->a11y_description, -1);
}

static void
update_accessible (SyNodeCard *self,
                   const char *type_title,
                   const char *title,
                   GPtrArray  *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* In words, as the problems dialog says them, not as JSON paths. */
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      g_autofree char *problem = sy_problem_describe (sy_workflow_document_get_workflow (self->document),
                                                      g_ptr_array_index (problems, i));

      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append (text, problem);
    }

  g_free (self->a11y_type);
  self->a11y_type = g_strdup (type_title);
  g_free (self->a11y_title);
  self->a11y_title = g_strdup (title);
  update_label (self);

  if (g_strcmp0 (text->str, self->a11y_problems) != 0)
    {
      g_free (self->a11y_problems);
      self->a11y_problems = g_strdup (text->str);
      gtk_widget_set_tooltip_text (self->problem_badge, text->len > 0 ? text->str : NULL);
    }
  update_description (self);
}

void
sy_node_card_update (SyNodeCard *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *category_class = NULL;
  const char *type_title, *icon_name, *title, *key, *category;

  g_return_if_fail (SY_IS_NODE_CARD (self));

  if (self->document == NULL)
    return;

  if (self->node != NULL)
    {
      const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (self->node));

      type_title = kind != NULL ? _(kind->title) : sy_node_get_node_type (self->node);
      icon_name = kind != NULL ? kind->icon_name : "dialog-question-symbolic";
      category = kind != NULL ? kind->category : "unknown";
      title = sy_node_get_title (self->node);
      key = sy_node_get_key (self->node);
      problems = sy_workflow_document_get_node_problems (self->document, self->node);
      update_branch_bar (self, kind);
    }
  else
    {
      SyWorkflow *workflow = sy_workflow_document_get_workflow (self->document);
      const SyTriggerKind *kind = sy_trigger_kind_lookup (sy_workflow_get_trigger_type (workflow));
      GPtrArray *all = sy_workflow_document_get_problems (self->document);

      type_title = kind != NULL ? _(kind->title) : sy_workflow_get_trigger_type (workflow);
      icon_name = kind != NULL ? kind->icon_name : "media-playback-start-symbolic";
      category = "trigger";
      title = sy_workflow_get_trigger_title (workflow);
      key = NULL;
      problems = g_ptr_array_new ();
      for (guint i = 0; i < all->len; i++)
        if (g_str_has_prefix (((SyProblem *) g_ptr_array_index (all, i))->path, "trigger"))
          g_ptr_array_add (problems, g_ptr_array_index (all, i));
    }

  if (title == NULL || *title == '\0')
    title = type_title;

  set_label (self->title_label, title);
  set_label (self->type_label, self->node == NULL ? _("Trigger") : type_title);
  set_label (self->key_label, key != NULL ? key : "");
  gtk_widget_set_visible (self->key_label, key != NULL);
  /* An untitled node's title is its type already: the line below keeps its
   * key alone rather than squeezing it beside the same words again. */
  gtk_widget_set_visible (self->type_label, self->node == NULL || g_strcmp0 (title, type_title) != 0);
  gtk_label_set_xalign (GTK_LABEL (self->key_label), gtk_widget_get_visible (self->type_label) ? 1 : 0);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), icon_name);

  category_class = g_strdup_printf ("category-%s", category);
  set_class (self, &self->category_class, category_class);

  self->n_problems = problems->len;
  if (problems->len > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", problems->len);

      set_label (self->problem_count, count);
    }
  gtk_widget_set_visible (self->problem_badge, problems->len > 0);

  update_accessible (self, type_title, title, problems);
}

static void
sy_node_card_dispose (GObject *object)
{
  SyNodeCard *self = SY_NODE_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_NODE_CARD);
  g_clear_object (&self->node);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sy_node_card_parent_class)->dispose (object);
}

static void
sy_node_card_finalize (GObject *object)
{
  SyNodeCard *self = SY_NODE_CARD (object);

  g_free (self->category_class);
  g_free (self->status_class);
  g_clear_pointer (&self->job, sy_job_unref);
  g_free (self->label);
  g_free (self->a11y_type);
  g_free (self->a11y_title);
  g_free (self->a11y_description);
  g_free (self->a11y_problems);

  G_OBJECT_CLASS (sy_node_card_parent_class)->finalize (object);
}

static void
sy_node_card_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SyNodeCard *self = SY_NODE_CARD (object);

  switch (prop_id)
    {
    case PROP_NODE:
      g_value_set_object (value, self->node);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_node_card_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SyNodeCard *self = SY_NODE_CARD (object);

  switch (prop_id)
    {
    case PROP_NODE:
      sy_node_card_set_node (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_node_card_class_init (SyNodeCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_node_card_dispose;
  object_class->finalize = sy_node_card_finalize;
  object_class->get_property = sy_node_card_get_property;
  object_class->set_property = sy_node_card_set_property;

  properties[PROP_NODE] =
    g_param_spec_object ("node", NULL, NULL, SY_TYPE_NODE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ADW_TYPE_BUTTON_CONTENT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/switchyard/Switchyard/sy-node-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SyNodeCard, content);
  gtk_widget_class_bind_template_child (widget_class, SyNodeCard, icon);
  gtk_widget_class_bind_template_child (widget_class, SyNodeCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, SyNodeCard, type_label);
  gtk_widget_class_bind_template_child (widget_class, SyNodeCard, key_label);
  gtk_widget_class_bind_template_child (widget_class, SyNodeCard, problem_badge);
  gtk_widget_class_bind_template_child (widget_class, SyNodeCard, problem_count);
  gtk_widget_class_bind_template_child (widget_class, SyNodeCard, status_icon);
  gtk_widget_class_bind_template_child (widget_class, SyNodeCard, result_label);
  gtk_widget_class_bind_template_child (widget_class, SyNodeCard, branch_bar);
  gtk_widget_class_bind_template_child (widget_class, SyNodeCard, add_branch_button);
  gtk_widget_class_bind_template_child (widget_class, SyNodeCard, remove_branch_button);
  gtk_widget_class_set_css_name (widget_class, "sy-node-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
sy_node_card_init (SyNodeCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->remove_branch_button), build_remove_branch_menu,
                                         self, NULL);
}

GtkWidget *
sy_node_card_new (SyWorkflowDocument *document,
                  SyNode             *node)
{
  SyNodeCard *self = g_object_new (SY_TYPE_NODE_CARD, NULL);

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (document), NULL);

  self->document = g_object_ref (document);
  if (node == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "trigger");
  sy_node_card_set_node (self, node);
  sy_node_card_update (self);

  return GTK_WIDGET (self);
}

SyNode *
sy_node_card_get_node (SyNodeCard *self)
{
  g_return_val_if_fail (SY_IS_NODE_CARD (self), NULL);

  return self->node;
}

void
sy_node_card_set_node (SyNodeCard *self,
                       SyNode     *node)
{
  g_return_if_fail (SY_IS_NODE_CARD (self));

  if (g_set_object (&self->node, node))
    {
      sy_node_card_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE]);
    }
}

gboolean
sy_node_card_is_trigger (SyNodeCard *self)
{
  g_return_val_if_fail (SY_IS_NODE_CARD (self), FALSE);

  return self->node == NULL;
}

guint
sy_node_card_get_n_problems (SyNodeCard *self)
{
  g_return_val_if_fail (SY_IS_NODE_CARD (self), 0);

  return self->n_problems;
}

void
sy_node_card_set_position (SyNodeCard *self,
                           guint       index,
                           guint       count)
{
  g_return_if_fail (SY_IS_NODE_CARD (self));

  if (self->index == index && self->count == count)
    return;
  self->index = index;
  self->count = count;
  update_label (self);
  /* A move to another branch changes the position too. */
  update_description (self);
}

void
sy_node_card_set_selected (SyNodeCard *self,
                           gboolean    selected)
{
  g_return_if_fail (SY_IS_NODE_CARD (self));

  if (selected)
    gtk_widget_add_css_class (GTK_WIDGET (self), "selected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "selected");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
}

void
sy_node_card_set_job (SyNodeCard *self,
                      SyJob      *job)
{
  g_autofree char *preview = NULL;

  g_return_if_fail (SY_IS_NODE_CARD (self));

  if (job != self->job)
    {
      g_clear_pointer (&self->job, sy_job_unref);
      self->job = job != NULL ? sy_job_ref (job) : NULL;
    }

  update_label (self);
  update_description (self);
  if (job == NULL)
    {
      set_class (self, &self->status_class, NULL);
      gtk_widget_set_visible (self->status_icon, FALSE);
      gtk_widget_set_visible (self->result_label, FALSE);
      return;
    }

  /* "resolved", "failed", "error", "pending"… as in the store. */
  set_class (self, &self->status_class, sy_status_to_string (job->status, TRUE));
  gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon), sy_status_icon_name (job->status, TRUE));
  gtk_widget_set_tooltip_text (self->status_icon, sy_status_to_display (job->status, TRUE));
  gtk_widget_set_visible (self->status_icon, TRUE);

  if (job->result != NULL)
    {
      preview = json_to_string (job->result, FALSE);
      if (g_utf8_strlen (preview, -1) > 80)
        {
          char *cut = g_utf8_substring (preview, 0, 80);

          g_free (preview);
          preview = g_strconcat (cut, "…", NULL);
          g_free (cut);
        }
    }
  set_label (self->result_label, preview != NULL ? preview : "");
  gtk_widget_set_visible (self->result_label, preview != NULL);
}

SyJob *
sy_node_card_get_job (SyNodeCard *self)
{
  g_return_val_if_fail (SY_IS_NODE_CARD (self), NULL);

  return self->job;
}

const char *
sy_node_card_get_label (SyNodeCard *self)
{
  g_return_val_if_fail (SY_IS_NODE_CARD (self), NULL);

  return self->label;
}
