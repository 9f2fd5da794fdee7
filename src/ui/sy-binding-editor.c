/* sy-binding-editor.c — which workflows each button of a collection runs, in order
 *
 * One group per button. Its Add menu offers only what the "bind workflow"
 * table allows for that button (sy_button_kind_allows), on this
 * collection — or on a collection one of its links points to, which then
 * becomes the context (`!association`). Workflows in global mode need no
 * binding and are not offered. The groups are rebuilt from the buttons
 * after each structural change; typing in a title only updates the model.
 */
#define G_LOG_DOMAIN "switchyard-data"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "collections/sy-engine-collections.h"
#include "sy-binding-editor.h"
#include "sy-json.h"
#include "sy-record-format.h"

typedef struct
{
  char     *key;
  char     *title;
  char     *trigger_type;
  char     *collection;   /* from the trigger's config, without a "main:" data source */
  gboolean  global;       /* no binding needed */
  gboolean  custom_global; /* a custom action without records */
  gboolean  sync;
  gboolean  enabled;
} Candidate;

struct _SyBindingEditor
{
  AdwWindow           parent_instance;

  SyEngine           *engine;
  SyCollection       *collection;
  GPtrArray          *buttons;     /* of SyActionButton, copies */
  GPtrArray          *candidates;  /* of Candidate; NULL until listed */
  GPtrArray          *groups;      /* of AdwPreferencesGroup on the page */
  GCancellable       *cancellable;
  char               *problem;

  /* template children */
  AdwPreferencesPage *page;
  GtkRevealer        *problem_revealer;
  GtkLabel           *problem_label;
};

G_DEFINE_FINAL_TYPE (SyBindingEditor, sy_binding_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (SyBindingEditor *self);

static void
candidate_free (Candidate *candidate)
{
  g_free (candidate->key);
  g_free (candidate->title);
  g_free (candidate->trigger_type);
  g_free (candidate->collection);
  g_free (candidate);
}

static void
show_problem (SyBindingEditor *self,
              const char      *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_revealer_set_reveal_child (self->problem_revealer, problem != NULL);
}

static const Candidate *
find_candidate (SyBindingEditor *self,
                const char      *key)
{
  for (guint i = 0; self->candidates != NULL && i < self->candidates->len; i++)
    if (g_strcmp0 (((Candidate *) g_ptr_array_index (self->candidates, i))->key, key) == 0)
      return g_ptr_array_index (self->candidates, i);
  return NULL;
}

/* The link of this collection whose target `collection` is, or NULL. */
static const SyCollectionField *
link_to (SyBindingEditor *self,
         const char      *collection)
{
  for (guint i = 0; i < sy_collection_get_n_fields (self->collection); i++)
    {
      const SyCollectionField *field = sy_collection_get_field (self->collection, i);

      if (field->type == SY_FIELD_TYPE_BELONGS_TO && g_strcmp0 (field->target, collection) == 0)
        return field;
    }
  return NULL;
}

/* May `candidate` go on button `kind`, and with which association? */
static gboolean
allowed (SyBindingEditor  *self,
         const Candidate  *candidate,
         SyButtonKind      kind,
         const char      **association)
{
  const SyCollectionField *link;

  *association = NULL;
  if (!sy_button_kind_allows (kind, candidate->trigger_type) || candidate->global)
    return FALSE;
  if (candidate->custom_global)
    return TRUE;
  if (g_strcmp0 (candidate->collection, sy_collection_get_name (self->collection)) == 0)
    return TRUE;

  link = candidate->collection != NULL ? link_to (self, candidate->collection) : NULL;
  if (link == NULL)
    return FALSE;
  *association = link->name;
  return TRUE;
}

static const char *
kind_label (const Candidate *candidate)
{
  if (g_strcmp0 (candidate->trigger_type, "request-interception") == 0)
    return _("Pre-action");
  if (g_strcmp0 (candidate->trigger_type, "action") == 0)
    return _("Post-action");
  if (g_strcmp0 (candidate->trigger_type, "approval") == 0)
    return _("Approval");
  if (g_strcmp0 (candidate->trigger_type, "custom-action") == 0)
    return _("Custom action");
  return candidate->trigger_type;
}

static const char *
button_heading (SyActionButton *button)
{
  switch (button->kind)
    {
    case SY_BUTTON_SUBMIT:
      return _("Submit — the new-record form");
    case SY_BUTTON_SAVE:
      return _("Save — the edit form");
    case SY_BUTTON_DELETE:
      return _("Delete — a row’s Delete");
    case SY_BUTTON_UPDATE_RECORD:
      return _("Update Record — a row action");
    case SY_BUTTON_TRIGGER:
    default:
      return _("Trigger Workflow — a toolbar and row button");
    }
}

static const char *
button_rule (SyButtonKind kind)
{
  switch (kind)
    {
    case SY_BUTTON_SUBMIT:
    case SY_BUTTON_SAVE:
    case SY_BUTTON_UPDATE_RECORD:
      return _("Pre-action, post-action and approval workflows.");
    case SY_BUTTON_DELETE:
      return _("Pre-action workflows.");
    case SY_BUTTON_TRIGGER:
    default:
      return _("Custom action workflows: on the selected records, or on none.");
    }
}

/* ── Editing the model ────────────────────────────────────────────────── */

gboolean
sy_binding_editor_bind (SyBindingEditor *self,
                        guint            index,
                        const char      *workflow)
{
  const Candidate *candidate;
  const char *association;
  SyActionButton *button;

  g_return_val_if_fail (SY_IS_BINDING_EDITOR (self), FALSE);

  if (index >= self->buttons->len || (candidate = find_candidate (self, workflow)) == NULL)
    return FALSE;
  button = g_ptr_array_index (self->buttons, index);
  if (!allowed (self, candidate, button->kind, &association))
    return FALSE;

  sy_action_button_add_binding (button, workflow, association);
  rebuild (self);
  return TRUE;
}

static void
bind_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  guint index;
  const char *key;

  g_variant_get (parameter, "(u&s)", &index, &key);
  sy_binding_editor_bind (SY_BINDING_EDITOR (widget), index, key);
}

/* (button, binding, delta): delta 0 removes, ±1 moves. */
static void
binding_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SyBindingEditor *self = SY_BINDING_EDITOR (widget);
  guint index, position;
  int delta;
  SyActionButton *button;
  gpointer binding;

  g_variant_get (parameter, "(uui)", &index, &position, &delta);
  if (index >= self->buttons->len)
    return;
  button = g_ptr_array_index (self->buttons, index);
  if (position >= button->bindings->len)
    return;

  if (delta == 0)
    g_ptr_array_remove_index (button->bindings, position);
  else if ((int) position + delta >= 0 && (int) position + delta < (int) button->bindings->len)
    {
      binding = g_ptr_array_steal_index (button->bindings, position);
      g_ptr_array_insert (button->bindings, position + delta, binding);
    }
  rebuild (self);
}

static void
remove_button_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SyBindingEditor *self = SY_BINDING_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index >= self->buttons->len)
    return;
  /* Submit, Save and Delete always exist. */
  switch (((SyActionButton *) g_ptr_array_index (self->buttons, index))->kind)
    {
    case SY_BUTTON_UPDATE_RECORD:
    case SY_BUTTON_TRIGGER:
      break;
    case SY_BUTTON_SUBMIT:
    case SY_BUTTON_SAVE:
    case SY_BUTTON_DELETE:
    default:
      return;
    }
  g_ptr_array_remove_index (self->buttons, index);
  rebuild (self);
}

guint
sy_binding_editor_add_button (SyBindingEditor *self,
                              SyButtonKind     kind,
                              const char      *title,
                              const char      *values)
{
  SyActionButton *button;

  g_return_val_if_fail (SY_IS_BINDING_EDITOR (self), 0);
  g_return_val_if_fail (kind == SY_BUTTON_UPDATE_RECORD || kind == SY_BUTTON_TRIGGER, 0);

  button = sy_action_button_new (kind, title);
  if (values != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (values, NULL);

      /* Anything else leaves it setting nothing, which Save refuses. */
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        button->values = json_object_ref (json_node_get_object (node));
    }
  g_ptr_array_add (self->buttons, button);
  rebuild (self);
  return self->buttons->len - 1;
}

static void
add_button_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SyBindingEditor *self = SY_BINDING_EDITOR (widget);
  SyButtonKind kind;

  if (!sy_button_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    return;
  sy_binding_editor_add_button (self, kind, kind == SY_BUTTON_TRIGGER ? _("Run Workflow") : _("Update"), NULL);
}

/* ── Saving ───────────────────────────────────────────────────────────── */

gboolean
sy_binding_editor_save (SyBindingEditor *self)
{
  g_return_val_if_fail (SY_IS_BINDING_EDITOR (self), FALSE);

  for (guint i = 0; i < self->buttons->len; i++)
    {
      SyActionButton *button = g_ptr_array_index (self->buttons, i);

      if ((button->kind == SY_BUTTON_UPDATE_RECORD || button->kind == SY_BUTTON_TRIGGER) &&
          (button->title == NULL || g_strstrip (button->title)[0] == '\0'))
        {
          show_problem (self, _("Every Update record and Trigger workflow button needs a label."));
          return FALSE;
        }
      if (button->kind == SY_BUTTON_UPDATE_RECORD)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonObject) checked = NULL;

          if (button->values == NULL || json_object_get_size (button->values) == 0)
            {
              g_autofree char *text = g_strdup_printf (_("“%s” must set at least one field, as a JSON object such as {\"status\": \"confirmed\"}."),
                                                       button->title);

              show_problem (self, text);
              return FALSE;
            }
          checked = sy_collection_check_values (self->collection, button->values, SY_VALUES_UPDATE, &error);
          if (checked == NULL)
            {
              g_autofree char *text = g_strdup_printf (_("“%s” sets a value the collection refuses: %s"),
                                                       button->title, error->message);

              show_problem (self, text);
              return FALSE;
            }
        }
    }

  show_problem (self, NULL);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->buttons);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sy_binding_editor_save (SY_BINDING_EDITOR (widget));
}

/* ── Building ─────────────────────────────────────────────────────────── */

static void
on_title_changed (GtkEditable    *entry,
                  SyActionButton *button)
{
  g_free (button->title);
  button->title = g_strdup (gtk_editable_get_text (entry));
}

static void
on_values_changed (GtkEditable     *entry,
                   SyBindingEditor *self)
{
  SyActionButton *button = g_object_get_data (G_OBJECT (entry), "sy-button");
  g_autoptr(JsonNode) node = json_from_string (gtk_editable_get_text (entry), NULL);

  /* Text that is no object sets nothing: Save says so. */
  g_clear_pointer (&button->values, json_object_unref);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      button->values = json_object_ref (json_node_get_object (node));
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}

/* The context dropdown of a binding: the whole record, or a link. */
static void
on_context_selected (GtkDropDown *dropdown,
                     GParamSpec  *pspec,
                     SyBinding   *binding)
{
  GStrv links = g_object_get_data (G_OBJECT (dropdown), "sy-links");
  guint index = gtk_drop_down_get_selected (dropdown);

  g_clear_pointer (&binding->association, g_free);
  if (index > 0 && links != NULL && index - 1 < g_strv_length (links))
    binding->association = g_strdup (links[index - 1]);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static GtkWidget *
context_dropdown (SyBindingEditor *self,
                  SyBinding       *binding)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) links = g_strv_builder_new ();
  GtkWidget *dropdown;
  guint selected = 0;
  guint n = 0;

  gtk_string_list_append (labels, _("Whole record"));
  for (guint i = 0; i < sy_collection_get_n_fields (self->collection); i++)
    {
      const SyCollectionField *field = sy_collection_get_field (self->collection, i);

      if (field->type != SY_FIELD_TYPE_BELONGS_TO)
        continue;
      gtk_string_list_append (labels, sy_record_field_label (field));
      g_strv_builder_add (links, field->name);
      n++;
      if (g_strcmp0 (binding->association, field->name) == 0)
        selected = n;
    }

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dropdown, _("What the workflow gets as its record"));
  g_object_set_data_full (G_OBJECT (dropdown), "sy-links", g_strv_builder_end (links), (GDestroyNotify) g_strfreev);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_context_selected), binding);
  return dropdown;
}

static GtkWidget *
binding_row (SyBindingEditor *self,
             guint            index,
             guint            position,
             SyBinding       *binding)
{
  const Candidate *candidate = find_candidate (self, binding->workflow);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  if (candidate != NULL)
    {
      subtitle = g_strdup_printf ("%s · %s · %s%s", candidate->key, kind_label (candidate),
                                  candidate->sync ? _("sync") : _("async"),
                                  candidate->enabled ? "" : _(" · disabled"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), candidate->title);
    }
  else
    {
      /* Bound earlier, gone since: it is refused when the button is pressed. */
      subtitle = g_strdup_printf (_("%s · no such workflow"), binding->workflow);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), binding->workflow);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Translators: a binding's place in its button's order, "1." */
  {
    g_autofree char *number = g_strdup_printf (_("%u."), position + 1);
    GtkWidget *label = gtk_label_new (number);

    gtk_widget_add_css_class (label, "dim-label");
    gtk_widget_add_css_class (label, "numeric");
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
  }

  for (guint i = 0; i < sy_collection_get_n_fields (self->collection); i++)
    if (sy_collection_get_field (self->collection, i)->type == SY_FIELD_TYPE_BELONGS_TO)
      {
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), context_dropdown (self, binding));
        break;
      }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon_button ("go-up-symbolic", _("Run Earlier"), "bindings.binding",
                                                                g_variant_new ("(uui)", index, position, -1)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon_button ("go-down-symbolic", _("Run Later"), "bindings.binding",
                                                                g_variant_new ("(uui)", index, position, 1)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon_button ("list-remove-symbolic", _("Unbind"), "bindings.binding",
                                                                g_variant_new ("(uui)", index, position, 0)));
  return row;
}

static GtkWidget *
add_menu_button (SyBindingEditor *self,
                 guint            index)
{
  g_auto(GStrv) keys = sy_binding_editor_get_candidates (self, index);
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const Candidate *candidate = find_candidate (self, keys[i]);
      g_autofree char *label = g_strdup_printf ("%s (%s)", candidate->title, kind_label (candidate));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "bindings.bind", g_variant_new ("(us)", index, keys[i]));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Bind Workflow"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, keys[0] != NULL);
  gtk_widget_set_tooltip_text (button, keys[0] != NULL ? NULL : _("No workflow of a kind this button takes is on this collection"));
  return button;
}

static void
rebuild (SyBindingEditor *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  {
    GtkWidget *intro = adw_preferences_group_new ();

    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (intro),
                                           _("Sync workflows of a kind run first, then async ones, each in the order "
                                             "listed; pre-actions run before the record is written, post-actions and "
                                             "approvals after. Workflows in global mode run for every action without "
                                             "being listed here."));
    adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (intro));
    g_ptr_array_add (self->groups, intro);
  }

  for (guint i = 0; i < self->buttons->len; i++)
    {
      SyActionButton *button = g_ptr_array_index (self->buttons, i);
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), button_heading (button));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), button_rule (button->kind));
      gtk_box_append (GTK_BOX (suffix), add_menu_button (self, i));
      if (button->kind == SY_BUTTON_UPDATE_RECORD || button->kind == SY_BUTTON_TRIGGER)
        gtk_box_append (GTK_BOX (suffix), icon_button ("user-trash-symbolic", _("Remove Button"),
                                                       "bindings.remove-button", g_variant_new_uint32 (i)));
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), suffix);

      if (button->kind == SY_BUTTON_UPDATE_RECORD || button->kind == SY_BUTTON_TRIGGER)
        {
          GtkWidget *title = adw_entry_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title), _("Label"));
          gtk_editable_set_text (GTK_EDITABLE (title), button->title != NULL ? button->title : "");
          g_signal_connect (title, "changed", G_CALLBACK (on_title_changed), button);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), title);
        }
      if (button->kind == SY_BUTTON_UPDATE_RECORD)
        {
          GtkWidget *values = adw_entry_row_new ();
          g_autofree char *text = NULL;

          if (button->values != NULL)
            {
              g_autoptr(JsonNode) node = sy_json_node_take_object (json_object_ref (button->values));

              text = json_to_string (node, FALSE);
            }
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (values), _("Sets (JSON), e.g. {\"status\": \"confirmed\"}"));
          gtk_editable_set_text (GTK_EDITABLE (values), text != NULL ? text : "");
          g_object_set_data (G_OBJECT (values), "sy-button", button);
          g_signal_connect_object (values, "changed", G_CALLBACK (on_values_changed), self, 0);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), values);
        }

      for (guint b = 0; b < button->bindings->len; b++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   binding_row (self, i, b, g_ptr_array_index (button->bindings, b)));
      if (button->bindings->len == 0)
        {
          GtkWidget *none = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none), _("No workflow bound"));
          gtk_widget_add_css_class (none, "dim-label");
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), none);
        }

      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->groups, group);
    }
}

/* ── Workflows ────────────────────────────────────────────────────────── */

static char *
config_collection (JsonObject *config)
{
  const char *text = config != NULL ? json_object_get_string_member_with_default (config, "collection", NULL) : NULL;
  const char *colon;

  if (text == NULL || text[0] == '\0')
    return NULL;
  colon = strchr (text, ':');
  return g_strdup (colon != NULL ? colon + 1 : text);
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SyBindingEditor) self = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = sy_engine_list_workflows_finish (SY_ENGINE (source), result, &error);
  if (self->groups == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (rows == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The workflows could not be listed: %s"), error->message);

      show_problem (self, text);
      rows = g_ptr_array_new ();
    }

  self->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  for (guint i = 0; i < rows->len; i++)
    {
      SyVersionRow *row = g_ptr_array_index (rows, i);
      g_autoptr(SyWorkflow) workflow = sy_version_row_to_workflow (row, NULL);
      JsonObject *config = workflow != NULL ? sy_workflow_get_trigger_config (workflow) : NULL;
      Candidate *candidate;

      if (workflow == NULL)
        continue;
      candidate = g_new0 (Candidate, 1);
      candidate->key = g_strdup (row->key);
      candidate->title = g_strdup (row->title != NULL && row->title[0] != '\0' ? row->title : row->key);
      candidate->trigger_type = g_strdup (row->trigger_type);
      candidate->collection = config_collection (config);
      candidate->sync = row->sync;
      candidate->enabled = row->enabled;
      if (config != NULL)
        {
          candidate->global = g_strcmp0 (row->trigger_type, "custom-action") != 0 &&
                              json_object_get_boolean_member_with_default (config, "global", FALSE);
          candidate->custom_global = g_strcmp0 (row->trigger_type, "custom-action") == 0 &&
                                     g_strcmp0 (json_object_get_string_member_with_default (config, "type", "global"),
                                                "global") == 0;
        }
      g_ptr_array_add (self->candidates, candidate);
    }

  rebuild (self);
}

/* ── Object ───────────────────────────────────────────────────────────── */

static void
sy_binding_editor_dispose (GObject *object)
{
  SyBindingEditor *self = SY_BINDING_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_BINDING_EDITOR);
  g_clear_object (&self->engine);
  g_clear_object (&self->collection);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sy_binding_editor_parent_class)->dispose (object);
}

static void
sy_binding_editor_finalize (GObject *object)
{
  SyBindingEditor *self = SY_BINDING_EDITOR (object);

  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_free (self->problem);

  G_OBJECT_CLASS (sy_binding_editor_parent_class)->finalize (object);
}

/* A text still focused when its window goes would keep blinking into a
 * warning: the focus leaves first. */
static gboolean
sy_binding_editor_close_request (GtkWindow *window)
{
  gtk_window_set_focus (window, NULL);
  return GTK_WINDOW_CLASS (sy_binding_editor_parent_class)->close_request (window);
}

static void
sy_binding_editor_class_init (SyBindingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_binding_editor_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = sy_binding_editor_close_request;
  object_class->finalize = sy_binding_editor_finalize;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/switchyard/Switchyard/sy-binding-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SyBindingEditor, page);
  gtk_widget_class_bind_template_child (widget_class, SyBindingEditor, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, SyBindingEditor, problem_label);

  gtk_widget_class_install_action (widget_class, "bindings.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "bindings.bind", "(us)", bind_action);
  gtk_widget_class_install_action (widget_class, "bindings.binding", "(uui)", binding_action);
  gtk_widget_class_install_action (widget_class, "bindings.add-button", "s", add_button_action);
  gtk_widget_class_install_action (widget_class, "bindings.remove-button", "u", remove_button_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sy_binding_editor_init (SyBindingEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_ptr_array_new ();
  self->buttons = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_action_button_free);
  self->cancellable = g_cancellable_new ();
}

SyBindingEditor *
sy_binding_editor_new (GtkWindow         *parent,
                       SyEngine          *engine,
                       SyCollectionStore *reader,
                       SyCollection      *collection,
                       GPtrArray         *buttons)
{
  SyBindingEditor *self = g_object_new (SY_TYPE_BINDING_EDITOR, "transient-for", parent, NULL);
  g_autofree char *title = NULL;

  g_return_val_if_fail (SY_IS_COLLECTION (collection), self);

  g_set_object (&self->engine, engine);
  g_set_object (&self->collection, collection);
  for (guint i = 0; buttons != NULL && i < buttons->len; i++)
    g_ptr_array_add (self->buttons, sy_action_button_copy (g_ptr_array_index (buttons, i)));

  /* Translators: the binding editor's title, "Buttons of Orders" */
  title = g_strdup_printf (_("Buttons of %s"), sy_collection_get_title (collection));
  gtk_window_set_title (GTK_WINDOW (self), title);
  rebuild (self);

  if (engine != NULL)
    sy_engine_list_workflows_async (engine, self->cancellable, list_cb, g_object_ref (self));
  return self;
}

GPtrArray *
sy_binding_editor_get_buttons (SyBindingEditor *self)
{
  g_return_val_if_fail (SY_IS_BINDING_EDITOR (self), NULL);

  return self->buttons;
}

gboolean
sy_binding_editor_is_ready (SyBindingEditor *self)
{
  g_return_val_if_fail (SY_IS_BINDING_EDITOR (self), FALSE);

  return self->candidates != NULL;
}

GStrv
sy_binding_editor_get_candidates (SyBindingEditor *self,
                                  guint            index)
{
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  SyActionButton *button;

  g_return_val_if_fail (SY_IS_BINDING_EDITOR (self), NULL);

  if (index >= self->buttons->len)
    return g_strv_builder_end (keys);
  button = g_ptr_array_index (self->buttons, index);

  for (guint i = 0; self->candidates != NULL && i < self->candidates->len; i++)
    {
      const Candidate *candidate = g_ptr_array_index (self->candidates, i);
      const char *association;

      if (allowed (self, candidate, button->kind, &association))
        g_strv_builder_add (keys, candidate->key);
    }
  return g_strv_builder_end (keys);
}

const char *
sy_binding_editor_get_problem (SyBindingEditor *self)
{
  g_return_val_if_fail (SY_IS_BINDING_EDITOR (self), NULL);

  return self->problem;
}
