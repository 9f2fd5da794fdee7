/* sy-variable-picker.c — a popover listing the variables visible at one place of a workflow
 *
 * The groups mirror the spec's variable roots: the trigger's $context, the
 * results of upstream nodes ($jobsMapByNodeKey), the scopes of enclosing
 * loops ($scopes), $system and $env. Choosing a row emits the placeholder
 * text; the field that owns the popover inserts it at its cursor.
 */
#define G_LOG_DOMAIN "switchyard-variable-picker"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-node-kind.h"
#include "sy-trigger-kind.h"
#include "sy-variable-picker.h"

struct _SyVariablePicker
{
  GtkPopover parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox     *list;
  GtkLabel       *empty_label;
  GPtrArray      *groups;       /* of AdwExpanderRow */
  GPtrArray      *rows;         /* of AdwActionRow, with "placeholder" data */
};

G_DEFINE_FINAL_TYPE (SyVariablePicker, sy_variable_picker, GTK_TYPE_POPOVER)

enum {
  SIGNAL_VARIABLE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const date_ranges[] = {
  "today", "yesterday", "tomorrow",
  "thisWeek", "lastWeek", "nextWeek",
  "thisMonth", "lastMonth", "nextMonth",
  "thisQuarter", "lastQuarter", "nextQuarter",
  "thisYear", "lastYear", "nextYear",
  "last7Days", "next7Days", "last30Days", "next30Days", "last90Days", "next90Days",
};

static void
on_row_activated (SyVariablePicker *self,
                  AdwActionRow     *row)
{
  const char *placeholder = g_object_get_data (G_OBJECT (row), "placeholder");

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SIGNAL_VARIABLE_CHOSEN], 0, placeholder);
}

static AdwExpanderRow *
add_group (SyVariablePicker *self,
           const char       *icon_name,
           const char       *title,
           const char       *subtitle)
{
  AdwExpanderRow *group = ADW_EXPANDER_ROW (adw_expander_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (group), title);
  adw_expander_row_set_subtitle (group, subtitle);
  adw_expander_row_set_icon_name (group, icon_name);
  gtk_list_box_append (self->list, GTK_WIDGET (group));
  g_ptr_array_add (self->groups, group);

  return group;
}

/* `path` is the variable path without braces ("$context.body"). */
static void
add_variable (SyVariablePicker *self,
              AdwExpanderRow   *group,
              const char       *label,
              const char       *path)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *placeholder = g_strdup_printf ("{{%s}}", path);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "sy-variable-row");
  g_object_set_data_full (G_OBJECT (row), "placeholder", g_steal_pointer (&placeholder), g_free);
  g_object_set_data (G_OBJECT (row), "group", group);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  adw_expander_row_add_row (group, row);
  g_ptr_array_add (self->rows, row);
}

static gboolean
node_encloses (SyNode *ancestor,
               SyNode *node)
{
  for (SyNode *parent = node ? sy_node_get_parent (node) : NULL;
       parent != NULL;
       parent = sy_node_get_parent (parent))
    if (parent == ancestor)
      return TRUE;

  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
env_name_is_plain (const char *name)
{
  if (!g_ascii_isalpha (name[0]) && name[0] != '_')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static void
clear_groups (SyVariablePicker *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_context_group (SyVariablePicker *self,
                   SyWorkflow       *workflow)
{
  const SyTriggerKind *trigger = sy_trigger_kind_lookup (sy_workflow_get_trigger_type (workflow));
  AdwExpanderRow *group;

  group = add_group (self, trigger && trigger->icon_name ? trigger->icon_name : "media-playback-start-symbolic",
                     _("Trigger"), trigger ? _(trigger->title) : NULL);
  add_variable (self, group, _("Whole context"), "$context");
  for (guint i = 0; trigger && trigger->context_fields && trigger->context_fields[i]; i++)
    {
      g_autofree char *path = g_strconcat ("$context.", trigger->context_fields[i], NULL);

      add_variable (self, group, trigger->context_fields[i], path);
    }
}

static void
add_node_groups (SyVariablePicker *self,
                 SyWorkflow       *workflow,
                 SyNode           *node)
{
  g_autoptr(GPtrArray) keys = sy_workflow_get_upstream_keys (workflow, node);
  AdwExpanderRow *results = NULL;
  AdwExpanderRow *loops = NULL;

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      SyNode *upstream = sy_workflow_find_node (workflow, key);
      const SyNodeKind *kind = upstream ? sy_node_kind_lookup (sy_node_get_node_type (upstream)) : NULL;
      const char *title = upstream ? sy_node_get_title (upstream) : NULL;
      g_autofree char *label = NULL;

      if (title == NULL || *title == '\0')
        title = kind ? _(kind->title) : key;
      label = g_strdup_printf ("%s (%s)", title, key);

      if (upstream != NULL && node_encloses (upstream, node) && kind && kind->get_scope)
        {
          static const char * const members[] = { "item", "index", "sequence", "length" };
          const char *member_labels[] = { _("Current item"), _("Index (from 0)"),
                                          _("Sequence (from 1)"), _("Length") };

          if (loops == NULL)
            loops = add_group (self, "media-playlist-repeat-symbolic", _("Loops"),
                               _("The iteration of enclosing loops"));
          for (guint m = 0; m < G_N_ELEMENTS (members); m++)
            {
              g_autofree char *path = g_strdup_printf ("$scopes.%s.%s", key, members[m]);
              g_autofree char *row_label = g_strdup_printf ("%s: %s", title, member_labels[m]);

              add_variable (self, loops, row_label, path);
            }
          continue;
        }

      if (results == NULL)
        results = add_group (self, "view-list-symbolic", _("Node results"),
                             _("Results of the nodes that ran before"));
      {
        g_autofree char *path = g_strconcat ("$jobsMapByNodeKey.", key, NULL);

        add_variable (self, results, label, path);
      }
    }
}

static void
add_system_groups (SyVariablePicker *self)
{
  AdwExpanderRow *system;
  AdwExpanderRow *env;
  g_auto(GStrv) names = g_listenv ();
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  system = add_group (self, "preferences-system-time-symbolic", _("System"), _("Time and date ranges"));
  add_variable (self, system, _("Now"), "$system.now");
  for (guint i = 0; i < G_N_ELEMENTS (date_ranges); i++)
    {
      g_autofree char *path = g_strconcat ("$system.dateRange.", date_ranges[i], NULL);
      g_autofree char *label = g_strdup_printf (_("Date range: %s"), date_ranges[i]);

      add_variable (self, system, label, path);
    }

  for (guint i = 0; names[i] != NULL; i++)
    if (env_name_is_plain (names[i]))
      g_ptr_array_add (sorted, names[i]);
  g_ptr_array_sort (sorted, compare_strings);

  env = add_group (self, "utilities-terminal-symbolic", _("Environment"),
                   _("Variables of the process running the workflow"));
  for (guint i = 0; i < sorted->len; i++)
    {
      g_autofree char *path = g_strconcat ("$env.", (const char *) g_ptr_array_index (sorted, i), NULL);

      add_variable (self, env, g_ptr_array_index (sorted, i), path);
    }
}

static void
on_search_changed (SyVariablePicker *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = g_utf8_casefold (query, -1);
  gboolean searching = *query != '\0';
  gboolean any = FALSE;

  for (guint g = 0; g < self->groups->len; g++)
    {
      AdwExpanderRow *group = g_ptr_array_index (self->groups, g);
      gboolean group_matches = FALSE;

      for (guint i = 0; i < self->rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (self->rows, i);
          g_autofree char *title = NULL;
          const char *placeholder;
          gboolean match;

          if (g_object_get_data (G_OBJECT (row), "group") != group)
            continue;
          placeholder = g_object_get_data (G_OBJECT (row), "placeholder");
          title = g_utf8_casefold (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
          match = !searching || strstr (title, folded) != NULL || strstr (placeholder, query) != NULL;
          gtk_widget_set_visible (row, match);
          group_matches |= match;
        }

      gtk_widget_set_visible (GTK_WIDGET (group), group_matches);
      adw_expander_row_set_expanded (group, searching && group_matches);
      any |= group_matches;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), !any);
}

static void
sy_variable_picker_finalize (GObject *object)
{
  SyVariablePicker *self = SY_VARIABLE_PICKER (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sy_variable_picker_parent_class)->finalize (object);
}

static void
sy_variable_picker_class_init (SyVariablePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sy_variable_picker_finalize;

  signals[SIGNAL_VARIABLE_CHOSEN] =
    g_signal_new ("variable-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sy_variable_picker_init (SyVariablePicker *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->groups = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();

  gtk_widget_add_css_class (GTK_WIDGET (self), "sy-variable-picker");

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Search variables"), NULL);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_search_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Variables"), -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 340);
  gtk_widget_set_size_request (scrolled, 340, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), scrolled);

  self->empty_label = GTK_LABEL (gtk_label_new (_("No matching variables")));
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->empty_label));

  gtk_popover_set_child (GTK_POPOVER (self), box);
  gtk_popover_set_default_widget (GTK_POPOVER (self), NULL);
}

GtkWidget *
sy_variable_picker_new (void)
{
  return g_object_new (SY_TYPE_VARIABLE_PICKER, NULL);
}

void
sy_variable_picker_set_scope (SyVariablePicker *self,
                              SyWorkflow       *workflow,
                              SyNode           *node)
{
  g_return_if_fail (SY_IS_VARIABLE_PICKER (self));
  g_return_if_fail (SY_IS_WORKFLOW (workflow));

  clear_groups (self);

  /* The trigger's own settings run before there is a context. */
  if (node != NULL)
    {
      add_context_group (self, workflow);
      add_node_groups (self, workflow, node);
    }
  add_system_groups (self);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_search_changed (self);
}

GPtrArray *
sy_variable_picker_list (SyVariablePicker *self)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SY_IS_VARIABLE_PICKER (self), result);

  for (guint i = 0; i < self->rows->len; i++)
    g_ptr_array_add (result, g_strdup (g_object_get_data (g_ptr_array_index (self->rows, i), "placeholder")));

  return result;
}

gboolean
sy_variable_picker_choose (SyVariablePicker *self,
                           const char       *placeholder)
{
  g_return_val_if_fail (SY_IS_VARIABLE_PICKER (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "placeholder"), placeholder) == 0)
        {
          on_row_activated (self, row);
          return TRUE;
        }
    }

  return FALSE;
}
