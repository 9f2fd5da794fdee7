/* sy-record-form.c — create or edit a record; its buttons run the bound workflows
 *
 * Submit (a new record) and Save (an existing one) are actions of the
 * engine carrying the workflows bound to those buttons; so are the
 * "Trigger workflow" buttons of an existing record. When a bound workflow
 * stops or refuses the action, nothing was written: the form stays open
 * with what was typed and shows the workflow's messages ("Not enough
 * stock"). A value the collection refuses is shown under its field.
 */
#define G_LOG_DOMAIN "switchyard-data"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sy-record-field.h"
#include "sy-record-form.h"
#include "sy-record-format.h"

struct _SyRecordForm
{
  AdwWindow          parent_instance;

  SyEngine          *engine;
  SyCollectionStore *reader;
  SyCollection      *collection;
  SyActionBindings  *bindings;
  gint64             id;         /* 0: a new record */
  GPtrArray         *fields;     /* of SyRecordField */
  GPtrArray         *triggers;   /* of SyActionButton (borrowed from bindings) */
  GCancellable      *cancellable;
  gboolean           busy;
  char              *message;

  /* template children */
  GtkWidget         *submit_button;
  GtkSpinner        *spinner;
  GtkRevealer       *message_revealer;
  GtkWidget         *message_box;
  GtkImage          *message_icon;
  GtkLabel          *message_label;
  GtkBox            *fields_box;
  GtkWidget         *trigger_bar;
  GtkBox            *trigger_box;
};

G_DEFINE_FINAL_TYPE (SyRecordForm, sy_record_form, ADW_TYPE_WINDOW)

enum {
  SIGNAL_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  MESSAGE_NONE,
  MESSAGE_INFO,
  MESSAGE_PROBLEM,
} MessageKind;

static void
show_message (SyRecordForm *self,
              MessageKind   kind,
              const char   *text)
{
  g_free (self->message);
  self->message = kind != MESSAGE_NONE ? g_strdup (text) : NULL;

  if (kind == MESSAGE_PROBLEM)
    {
      gtk_widget_add_css_class (self->message_box, "sy-problem-banner");
      gtk_image_set_from_icon_name (self->message_icon, "dialog-warning-symbolic");
    }
  else
    {
      gtk_widget_remove_css_class (self->message_box, "sy-problem-banner");
      gtk_image_set_from_icon_name (self->message_icon, "dialog-information-symbolic");
    }
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_revealer_set_reveal_child (self->message_revealer, kind != MESSAGE_NONE);
}

static void
set_busy (SyRecordForm *self,
          gboolean      busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.submit", !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fields_box), !busy);
  gtk_widget_set_sensitive (self->trigger_bar, !busy);
}

static SyRecordField *
find_field (SyRecordForm *self,
            const char   *name)
{
  for (guint i = 0; i < self->fields->len; i++)
    if (g_strcmp0 (sy_record_field_get_name (g_ptr_array_index (self->fields, i)), name) == 0)
      return g_ptr_array_index (self->fields, i);
  return NULL;
}

static void
clear_problems (SyRecordForm *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    sy_record_field_set_problem (g_ptr_array_index (self->fields, i), NULL);
  show_message (self, MESSAGE_NONE, NULL);
}

/* ── Running actions ──────────────────────────────────────────────────── */

typedef struct
{
  SyRecordForm *form;
  SyButtonKind  kind;
} Run;

/* The workflows' messages, one a line; a fallback when they said nothing. */
static char *
join_messages (GPtrArray  *messages,
               const char *fallback)
{
  char *text = sy_record_format_messages (messages, "\n");

  return text != NULL ? text : g_strdup (fallback);
}

/* "qty: expected a whole number…" goes under the field "qty". */
static gboolean
show_field_problem (SyRecordForm *self,
                    const char   *message)
{
  const char *colon = strstr (message, ": ");
  g_autofree char *name = colon != NULL ? g_strndup (message, colon - message) : NULL;
  SyRecordField *field = name != NULL ? find_field (self, name) : NULL;

  if (field == NULL)
    return FALSE;

  sy_record_field_set_problem (field, colon + 2);
  gtk_widget_grab_focus (sy_record_field_get_input (field));
  return TRUE;
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(SyRecordForm) self = run->form;
  g_autoptr(SyActionOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  SyButtonKind kind = run->kind;

  g_free (run);
  outcome = sy_engine_run_action_finish (SY_ENGINE (source), result, &error);
  /* Closed meanwhile: the action went on, the form is gone. */
  if (self->fields == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);

  if (outcome == NULL)
    {
      if (show_field_problem (self, error->message))
        show_message (self, MESSAGE_PROBLEM, _("Nothing was saved: check the field marked below."));
      else
        {
          g_autofree char *text = g_strdup_printf (_("Nothing was saved: %s"), error->message);

          show_message (self, MESSAGE_PROBLEM, text);
        }
      return;
    }

  switch (outcome->status)
    {
    case SY_ACTION_REFUSED:
      {
        g_autofree char *text = join_messages (outcome->messages,
                                               _("A workflow bound to this button refused it. Nothing was saved."));

        show_message (self, MESSAGE_PROBLEM, text);
      }
      return;

    case SY_ACTION_STOPPED:
      {
        g_autofree char *text = join_messages (outcome->messages,
                                               _("A workflow bound to this button stopped it. Nothing was saved."));

        show_message (self, MESSAGE_INFO, text);
      }
      return;

    case SY_ACTION_DONE:
    default:
      g_signal_emit (self, signals[SIGNAL_DONE], 0, kind, outcome);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
}

static void
run_button (SyRecordForm   *self,
            SyActionButton *button,
            SyButtonKind    kind)
{
  g_autoptr(SyRecordAction) action = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autoptr(GError) error = NULL;
  Run *run;

  if (self->busy)
    return;
  clear_problems (self);

  values = sy_record_form_get_values (self, &error);
  if (values == NULL)
    {
      show_message (self, MESSAGE_PROBLEM, _("Nothing was saved: check the field marked below."));
      return;
    }
  if (self->engine == NULL || !sy_engine_is_running (self->engine))
    {
      show_message (self, MESSAGE_PROBLEM, _("Nothing was saved: the engine is not running."));
      return;
    }

  action = sy_record_action_new (sy_button_kind_get_action (kind), sy_collection_get_name (self->collection));
  if (self->id > 0)
    sy_record_action_add_id (action, self->id);
  sy_record_action_set_values (action, values);
  if (button != NULL)
    sy_action_button_apply (button, action);

  set_busy (self, TRUE);
  run = g_new0 (Run, 1);
  run->form = g_object_ref (self);
  run->kind = kind;
  sy_engine_run_action_async (self->engine, action, self->cancellable, run_cb, run);
}

void
sy_record_form_submit (SyRecordForm *self)
{
  SyButtonKind kind;

  g_return_if_fail (SY_IS_RECORD_FORM (self));

  kind = self->id > 0 ? SY_BUTTON_SAVE : SY_BUTTON_SUBMIT;
  run_button (self, self->bindings != NULL ? sy_action_bindings_find (self->bindings, sy_collection_get_name (self->collection), kind) : NULL,
              kind);
}

void
sy_record_form_trigger (SyRecordForm *self,
                        guint         index)
{
  g_return_if_fail (SY_IS_RECORD_FORM (self));
  g_return_if_fail (index < self->triggers->len);

  run_button (self, g_ptr_array_index (self->triggers, index), SY_BUTTON_TRIGGER);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sy_record_form_submit (SY_RECORD_FORM (widget));
}

static void
trigger_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SyRecordForm *self = SY_RECORD_FORM (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index < self->triggers->len)
    sy_record_form_trigger (self, index);
}

/* ── Building ─────────────────────────────────────────────────────────── */

static void
add_fields (SyRecordForm *self,
            JsonObject   *record)
{
  for (guint i = 0; i < sy_collection_get_n_fields (self->collection); i++)
    {
      const SyCollectionField *field = sy_collection_get_field (self->collection, i);
      GtkWidget *widget = sy_record_field_new (field, self->reader);

      /* A new record starts from the field's default. */
      sy_record_field_set_value (SY_RECORD_FIELD (widget),
                                 record != NULL ? json_object_get_member (record, field->name) : field->default_value);
      gtk_box_append (self->fields_box, widget);
      g_ptr_array_add (self->fields, widget);
    }
}

static void
add_triggers (SyRecordForm *self)
{
  GPtrArray *buttons;

  if (self->bindings == NULL || self->id == 0)
    return;

  buttons = sy_action_bindings_get_buttons (self->bindings, sy_collection_get_name (self->collection));
  for (guint i = 0; i < buttons->len; i++)
    {
      SyActionButton *button = g_ptr_array_index (buttons, i);
      GtkWidget *widget;

      if (button->kind != SY_BUTTON_TRIGGER)
        continue;

      widget = gtk_button_new_with_label (button->title != NULL ? button->title : _("Trigger Workflow"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (widget), "form.trigger");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (widget), "u", self->triggers->len);
      gtk_box_append (self->trigger_box, widget);
      g_ptr_array_add (self->triggers, button);
    }
  gtk_widget_set_visible (self->trigger_bar, self->triggers->len > 0);
}

/* ── Object ───────────────────────────────────────────────────────────── */

static void
sy_record_form_dispose (GObject *object)
{
  SyRecordForm *self = SY_RECORD_FORM (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->triggers, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_RECORD_FORM);
  g_clear_object (&self->engine);
  g_clear_object (&self->reader);
  g_clear_object (&self->collection);
  g_clear_object (&self->bindings);

  G_OBJECT_CLASS (sy_record_form_parent_class)->dispose (object);
}

static void
sy_record_form_finalize (GObject *object)
{
  g_free (SY_RECORD_FORM (object)->message);

  G_OBJECT_CLASS (sy_record_form_parent_class)->finalize (object);
}

/* A text still focused when its window goes would keep blinking into a
 * warning: the focus leaves first. */
static gboolean
sy_record_form_close_request (GtkWindow *window)
{
  gtk_window_set_focus (window, NULL);
  return GTK_WINDOW_CLASS (sy_record_form_parent_class)->close_request (window);
}

static void
sy_record_form_class_init (SyRecordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_record_form_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = sy_record_form_close_request;
  object_class->finalize = sy_record_form_finalize;

  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                       G_TYPE_INT, SY_TYPE_ACTION_OUTCOME);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/switchyard/Switchyard/sy-record-form.ui");
  gtk_widget_class_bind_template_child (widget_class, SyRecordForm, submit_button);
  gtk_widget_class_bind_template_child (widget_class, SyRecordForm, spinner);
  gtk_widget_class_bind_template_child (widget_class, SyRecordForm, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, SyRecordForm, message_box);
  gtk_widget_class_bind_template_child (widget_class, SyRecordForm, message_icon);
  gtk_widget_class_bind_template_child (widget_class, SyRecordForm, message_label);
  gtk_widget_class_bind_template_child (widget_class, SyRecordForm, fields_box);
  gtk_widget_class_bind_template_child (widget_class, SyRecordForm, trigger_bar);
  gtk_widget_class_bind_template_child (widget_class, SyRecordForm, trigger_box);

  gtk_widget_class_install_action (widget_class, "form.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "form.trigger", "u", trigger_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "form.submit", NULL);
}

static void
sy_record_form_init (SyRecordForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_ptr_array_new ();
  self->triggers = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

SyRecordForm *
sy_record_form_new (GtkWindow         *parent,
                    SyEngine          *engine,
                    SyCollectionStore *reader,
                    SyCollection      *collection,
                    SyActionBindings  *bindings,
                    JsonObject        *record)
{
  SyRecordForm *self = g_object_new (SY_TYPE_RECORD_FORM, "transient-for", parent, NULL);
  g_autofree char *title = NULL;

  g_return_val_if_fail (SY_IS_COLLECTION (collection), self);

  g_set_object (&self->engine, engine);
  g_set_object (&self->reader, reader);
  g_set_object (&self->collection, collection);
  g_set_object (&self->bindings, bindings);
  if (record != NULL)
    self->id = json_object_get_int_member_with_default (record, SY_RECORD_ID, 0);

  if (self->id > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->id);

      /* Translators: the edit form's title, "Orders #7" */
      title = g_strdup_printf (_("%s #%s"), sy_collection_get_title (collection), number);
      gtk_button_set_label (GTK_BUTTON (self->submit_button), _("_Save"));
    }
  else
    {
      /* Translators: the new-record form's title, "New Record in Orders" */
      title = g_strdup_printf (_("New Record in %s"), sy_collection_get_title (collection));
      gtk_button_set_label (GTK_BUTTON (self->submit_button), _("_Submit"));
    }
  gtk_window_set_title (GTK_WINDOW (self), title);

  add_fields (self, record);
  add_triggers (self);
  if (self->fields->len > 0)
    gtk_widget_grab_focus (sy_record_field_get_input (g_ptr_array_index (self->fields, 0)));

  return self;
}

gboolean
sy_record_form_set_text (SyRecordForm *self,
                         const char   *name,
                         const char   *text)
{
  SyRecordField *field;

  g_return_val_if_fail (SY_IS_RECORD_FORM (self), FALSE);

  field = find_field (self, name);
  if (field == NULL)
    return FALSE;
  sy_record_field_set_text (field, text);
  return TRUE;
}

JsonObject *
sy_record_form_get_values (SyRecordForm *self,
                           GError      **error)
{
  g_autoptr(JsonObject) values = json_object_new ();

  g_return_val_if_fail (SY_IS_RECORD_FORM (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      SyRecordField *field = g_ptr_array_index (self->fields, i);
      g_autoptr(GError) local_error = NULL;
      JsonNode *value = sy_record_field_get_value (field, &local_error);

      if (value == NULL)
        {
          sy_record_field_set_problem (field, local_error->message);
          g_set_error (error, local_error->domain, local_error->code, "%s: %s",
                       sy_record_field_get_name (field), local_error->message);
          return NULL;
        }
      json_object_set_member (values, sy_record_field_get_name (field), value);
    }

  return g_steal_pointer (&values);
}

guint
sy_record_form_get_n_triggers (SyRecordForm *self)
{
  g_return_val_if_fail (SY_IS_RECORD_FORM (self), 0);

  return self->triggers->len;
}

gboolean
sy_record_form_is_busy (SyRecordForm *self)
{
  g_return_val_if_fail (SY_IS_RECORD_FORM (self), FALSE);

  return self->busy;
}

const char *
sy_record_form_get_message (SyRecordForm *self)
{
  g_return_val_if_fail (SY_IS_RECORD_FORM (self), NULL);

  return self->message;
}

const char *
sy_record_form_get_field_problem (SyRecordForm *self,
                                  const char   *name)
{
  SyRecordField *field;

  g_return_val_if_fail (SY_IS_RECORD_FORM (self), NULL);

  field = find_field (self, name);
  return field != NULL ? sy_record_field_get_problem (field) : NULL;
}
