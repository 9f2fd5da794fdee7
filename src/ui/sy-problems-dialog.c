/* sy-problems-dialog.c — says why a workflow cannot be enabled or run yet */
#define G_LOG_DOMAIN "switchyard-problems"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sy-node-kind.h"
#include "sy-problems-dialog.h"
#include "sy-trigger-kind.h"

/* The label of the field a path like "config.url[2]" starts with. */
static const char *
field_label (const SyFieldSpec *fields,
             const char        *rest)
{
  size_t length;

  if (fields == NULL || !g_str_has_prefix (rest, "config."))
    return NULL;

  rest += strlen ("config.");
  length = strcspn (rest, ".[");
  for (const SyFieldSpec *field = fields; field->name != NULL; field++)
    if (strlen (field->name) == length && strncmp (field->name, rest, length) == 0)
      return _(field->label);

  return NULL;
}

static char *
node_name (SyNode *node)
{
  const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (node));
  const char *title = sy_node_get_title (node);

  if (title != NULL && *title != '\0')
    return g_strdup (title);

  /* Translators: an untitled node: its type and its key, "Calculation (calculation_2)" */
  return g_strdup_printf (_("%s (%s)"), kind != NULL ? _(kind->title) : sy_node_get_node_type (node),
                          sy_node_get_key (node));
}

char *
sy_problem_describe (SyWorkflow      *workflow,
                     const SyProblem *problem)
{
  const char *rest = NULL;
  SyNode *node;

  g_return_val_if_fail (SY_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (problem != NULL, NULL);

  node = sy_workflow_find_node_by_path (workflow, problem->path, &rest);
  if (node != NULL)
    {
      const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (node));
      const char *label = field_label (kind != NULL ? kind->fields : NULL, rest);
      g_autofree char *name = node_name (node);

      if (*rest == '\0')
        return g_strdup_printf ("%s: %s", name, problem->message);
      /* Translators: where a problem is and what it is: "Total › Expression: required" */
      return g_strdup_printf (_("%s › %s: %s"), name, label != NULL ? label : rest, problem->message);
    }

  if (g_str_has_prefix (problem->path, "trigger."))
    {
      const SyTriggerKind *kind = sy_trigger_kind_lookup (sy_workflow_get_trigger_type (workflow));
      const char *in_trigger = problem->path + strlen ("trigger.");
      const char *label = field_label (kind != NULL ? kind->fields : NULL, in_trigger);

      return g_strdup_printf (_("%s › %s: %s"), _("Trigger"), label != NULL ? label : in_trigger,
                              problem->message);
    }

  if (g_str_equal (problem->path, "title"))
    return g_strdup_printf ("%s: %s", _("Title"), problem->message);
  if (*problem->path == '\0')
    return g_strdup (problem->message);

  return g_strdup_printf ("%s: %s", problem->path, problem->message);
}

GtkWidget *
sy_problems_dialog_new (GtkWindow  *parent,
                        const char *heading,
                        SyWorkflow *workflow,
                        GPtrArray  *problems,
                        gboolean    can_show)
{
  g_autoptr(GString) body = g_string_new (NULL);
  guint shown;
  GtkWidget *dialog;

  g_return_val_if_fail (SY_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  shown = MIN (problems->len, SY_PROBLEMS_DIALOG_MAX);
  g_string_append (body, ngettext ("Fix this problem first:", "Fix these problems first:", problems->len));
  for (guint i = 0; i < shown; i++)
    {
      g_autofree char *line = sy_problem_describe (workflow, g_ptr_array_index (problems, i));

      g_string_append_printf (body, "\n• %s", line);
    }
  if (problems->len > shown)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, ngettext ("and %u more problem", "and %u more problems", problems->len - shown),
                              problems->len - shown);
    }

  dialog = adw_message_dialog_new (parent, heading, body->str);
  gtk_widget_add_css_class (dialog, "sy-problems-dialog");
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (can_show)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "show", _("_Show Problem"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "show", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "show");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");

  return dialog;
}
