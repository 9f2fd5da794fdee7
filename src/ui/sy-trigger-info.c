/* sy-trigger-info.c — what a trigger's settings mean, under the trigger's form */
#define G_LOG_DOMAIN "switchyard-trigger-info"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-application.h"
#include "sy-schedule.h"
#include "sy-trigger-info.h"
#include "sy-trigger-kind.h"
#include "sy-webhook-server.h"

#define COPIED_MS 1500

struct _SyTriggerInfo
{
  GtkWidget   parent_instance;

  GDateTime  *now;         /* NULL: the current time */
  char       *url;
  char       *curl;
  char       *schedule;
  char       *problem;
  GPtrArray  *fire_times;  /* of char*, as shown */
  guint       copied_id;
  GtkButton  *copied;      /* shows a check mark until copied_id fires */

  /* template children */
  GtkStack   *stack;
  GtkLabel   *url_label;
  GtkButton  *copy_url_button;
  GtkLabel   *curl_label;
  GtkButton  *copy_curl_button;
  GtkLabel   *schedule_label;
  GtkLabel   *schedule_problem;
  GtkLabel   *fires_heading;
  GtkListBox *fires_list;
};

G_DEFINE_FINAL_TYPE (SyTriggerInfo, sy_trigger_info, GTK_TYPE_WIDGET)

/* ── curl ─────────────────────────────────────────────────────────────── */

/* 'text' for a POSIX shell: a quote inside becomes '\'' */
static void
append_quoted (GString    *command,
               const char *text)
{
  g_string_append_c (command, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (command, "'\\''");
      else
        g_string_append_c (command, *p);
    }
  g_string_append_c (command, '\'');
}

static const char *
string_member (JsonObject *object,
               const char *member,
               const char *fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

/* The first accepted method; POST as the spec's default. */
static const char *
first_method (JsonObject *config)
{
  JsonNode *methods = json_object_get_member (config, "methods");

  if (methods != NULL && JSON_NODE_HOLDS_ARRAY (methods) && json_array_get_length (json_node_get_array (methods)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (methods), 0);

      if (JSON_NODE_HOLDS_VALUE (first) && json_node_get_value_type (first) == G_TYPE_STRING)
        return json_node_get_string (first);
    }

  return "POST";
}

char *
sy_trigger_info_curl_command (const char *url,
                              JsonObject *config,
                              JsonNode   *body)
{
  g_autoptr(GString) command = g_string_new ("curl");
  const char *method = first_method (config);
  JsonNode *auth_node = json_object_get_member (config, "auth");
  JsonObject *auth = auth_node != NULL && JSON_NODE_HOLDS_OBJECT (auth_node) ? json_node_get_object (auth_node) : NULL;
  const char *auth_type = string_member (auth, "type", "none");
  gboolean with_body = body != NULL && !g_str_equal (method, "GET") && !g_str_equal (method, "DELETE");

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);

  if (!g_str_equal (method, "GET"))
    g_string_append_printf (command, " -X %s", method);
  g_string_append_c (command, ' ');
  append_quoted (command, url);

  /* Placeholders in capitals stand for what only the person knows. */
  if (g_str_equal (auth_type, "basic"))
    {
      g_autofree char *user = g_strdup_printf ("%s:PASSWORD", string_member (auth, "user", "USER"));

      g_string_append (command, " \\\n  -u ");
      append_quoted (command, user);
    }
  else if (g_str_equal (auth_type, "bearer"))
    g_string_append (command, " \\\n  -H 'Authorization: Bearer TOKEN'");
  else if (g_str_equal (auth_type, "hmac-sha256"))
    {
      g_autofree char *header = g_strdup_printf ("%s: sha256=HMAC_OF_BODY",
                                                 string_member (auth, "header", "X-Signature-256"));

      g_string_append (command, " \\\n  -H ");
      append_quoted (command, header);
    }

  if (with_body)
    {
      g_autofree char *text = json_to_string (body, FALSE);

      g_string_append (command, " \\\n  -H 'Content-Type: application/json' \\\n  -d ");
      append_quoted (command, text);
    }

  return g_string_free (g_steal_pointer (&command), FALSE);
}

/* ── Showing ──────────────────────────────────────────────────────────── */

static void
clear (SyTriggerInfo *self)
{
  GtkWidget *child;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->curl, g_free);
  g_clear_pointer (&self->schedule, g_free);
  g_clear_pointer (&self->problem, g_free);
  g_ptr_array_set_size (self->fire_times, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fires_list))) != NULL)
    gtk_list_box_remove (self->fires_list, child);
}

static SyEngine *
default_engine (void)
{
  GApplication *application = g_application_get_default ();

  return SY_IS_APPLICATION (application) ? sy_application_get_engine (SY_APPLICATION (application)) : NULL;
}

static gboolean
show_webhook (SyTriggerInfo *self,
              SyWorkflow    *workflow)
{
  const SyTriggerKind *kind = sy_trigger_kind_lookup ("webhook");
  SyEngine *engine = default_engine ();
  g_autoptr(JsonNode) sample = NULL;
  JsonNode *body = NULL;

  if (engine == NULL || sy_workflow_get_key (workflow) == NULL)
    return FALSE;

  self->url = sy_webhook_server_url_for (engine, sy_workflow_get_key (workflow));
  if (kind != NULL && kind->sample_context != NULL)
    sample = kind->sample_context (workflow);
  if (sample != NULL && JSON_NODE_HOLDS_OBJECT (sample))
    body = json_object_get_member (json_node_get_object (sample), "body");
  self->curl = sy_trigger_info_curl_command (self->url, sy_workflow_get_trigger_config (workflow), body);

  gtk_label_set_text (self->url_label, self->url);
  gtk_label_set_text (self->curl_label, self->curl);
  gtk_stack_set_visible_child_name (self->stack, "webhook");
  return TRUE;
}

static char *
format_fire_time (GDateTime *time)
{
  /* Seconds only when a schedule uses them (6-field cron, odd intervals). */
  if (g_date_time_get_second (time) != 0)
    /* Translators: a run time, strftime format with seconds: "Mon 3 Mar 2025, 09:00:30" */
    return g_date_time_format (time, _("%a %-d %b %Y, %H:%M:%S"));
  /* Translators: a run time, strftime format: "Mon 3 Mar 2025, 09:00" */
  return g_date_time_format (time, _("%a %-d %b %Y, %H:%M"));
}

static gboolean
show_schedule (SyTriggerInfo *self,
               SyWorkflow    *workflow)
{
  JsonObject *config = sy_workflow_get_trigger_config (workflow);
  g_autoptr(GDateTime) now = self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_local ();
  g_autoptr(GPtrArray) fires = NULL;
  g_autoptr(GError) error = NULL;

  /* Times of each record (date-field) depend on the data: nothing to say here. */
  if (g_strcmp0 (string_member (config, "mode", "static"), "static") != 0)
    return FALSE;

  fires = sy_schedule_next_fires (config, now, SY_TRIGGER_INFO_N_FIRES, &error);
  if (fires == NULL)
    {
      self->problem = g_strdup (error->message);
      gtk_label_set_text (self->schedule_problem, self->problem);
    }
  else
    {
      self->schedule = sy_schedule_describe (config);
      gtk_label_set_text (self->schedule_label, self->schedule);
      for (guint i = 0; i < fires->len; i++)
        {
          char *text = format_fire_time (g_ptr_array_index (fires, i));
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
          gtk_list_box_append (self->fires_list, row);
          g_ptr_array_add (self->fire_times, text);
        }
      if (fires->len == 0)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No more runs"));
          gtk_widget_add_css_class (row, "dim-label");
          gtk_list_box_append (self->fires_list, row);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->schedule_label), fires != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_problem), fires == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->fires_heading), fires != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->fires_list), fires != NULL);
  gtk_stack_set_visible_child_name (self->stack, "schedule");
  return TRUE;
}

void
sy_trigger_info_update (SyTriggerInfo *self,
                        SyWorkflow    *workflow)
{
  const char *type;
  gboolean shown = FALSE;

  g_return_if_fail (SY_IS_TRIGGER_INFO (self));

  clear (self);
  type = workflow != NULL ? sy_workflow_get_trigger_type (workflow) : NULL;
  if (g_strcmp0 (type, "webhook") == 0)
    shown = show_webhook (self, workflow);
  else if (g_strcmp0 (type, "schedule") == 0)
    shown = show_schedule (self, workflow);

  gtk_widget_set_visible (GTK_WIDGET (self), shown);
}

/* ── Copying ──────────────────────────────────────────────────────────── */

static gboolean
copied_done (gpointer data)
{
  SyTriggerInfo *self = data;

  self->copied_id = 0;
  if (self->copied != NULL)
    gtk_button_set_icon_name (self->copied, "edit-copy-symbolic");
  self->copied = NULL;
  return G_SOURCE_REMOVE;
}

static void
copy_text (SyTriggerInfo *self,
           GtkButton     *button,
           const char    *text)
{
  if (text == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);

  /* A check mark for a moment says it worked. */
  g_clear_handle_id (&self->copied_id, g_source_remove);
  copied_done (self);
  self->copied = button;
  gtk_button_set_icon_name (button, "object-select-symbolic");
  self->copied_id = g_timeout_add (COPIED_MS, copied_done, self);
}

static void
on_copy_url (SyTriggerInfo *self)
{
  copy_text (self, self->copy_url_button, self->url);
}

static void
on_copy_curl (SyTriggerInfo *self)
{
  copy_text (self, self->copy_curl_button, self->curl);
}

/* ── GObject ──────────────────────────────────────────────────────────── */

static void
sy_trigger_info_dispose (GObject *object)
{
  SyTriggerInfo *self = SY_TRIGGER_INFO (object);

  g_clear_handle_id (&self->copied_id, g_source_remove);
  self->copied = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_TRIGGER_INFO);

  G_OBJECT_CLASS (sy_trigger_info_parent_class)->dispose (object);
}

static void
sy_trigger_info_finalize (GObject *object)
{
  SyTriggerInfo *self = SY_TRIGGER_INFO (object);

  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->url);
  g_free (self->curl);
  g_free (self->schedule);
  g_free (self->problem);
  g_ptr_array_unref (self->fire_times);

  G_OBJECT_CLASS (sy_trigger_info_parent_class)->finalize (object);
}

static void
sy_trigger_info_class_init (SyTriggerInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_trigger_info_dispose;
  object_class->finalize = sy_trigger_info_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-trigger-info.ui");
  gtk_widget_class_bind_template_child (widget_class, SyTriggerInfo, stack);
  gtk_widget_class_bind_template_child (widget_class, SyTriggerInfo, url_label);
  gtk_widget_class_bind_template_child (widget_class, SyTriggerInfo, copy_url_button);
  gtk_widget_class_bind_template_child (widget_class, SyTriggerInfo, curl_label);
  gtk_widget_class_bind_template_child (widget_class, SyTriggerInfo, copy_curl_button);
  gtk_widget_class_bind_template_child (widget_class, SyTriggerInfo, schedule_label);
  gtk_widget_class_bind_template_child (widget_class, SyTriggerInfo, schedule_problem);
  gtk_widget_class_bind_template_child (widget_class, SyTriggerInfo, fires_heading);
  gtk_widget_class_bind_template_child (widget_class, SyTriggerInfo, fires_list);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_url);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_curl);
  gtk_widget_class_set_css_name (widget_class, "sy-trigger-info");
}

static void
sy_trigger_info_init (SyTriggerInfo *self)
{
  g_autoptr(PangoAttrList) no_hyphens = pango_attr_list_new ();

  self->fire_times = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Addresses and commands wrap anywhere, but a hyphen added at the break
   * would read as part of them. */
  pango_attr_list_insert (no_hyphens, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (self->url_label, no_hyphens);
  gtk_label_set_attributes (self->curl_label, no_hyphens);
}

GtkWidget *
sy_trigger_info_new (void)
{
  return g_object_new (SY_TYPE_TRIGGER_INFO, NULL);
}

void
sy_trigger_info_set_now (SyTriggerInfo *self,
                         GDateTime     *now)
{
  g_return_if_fail (SY_IS_TRIGGER_INFO (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
}

const char *
sy_trigger_info_get_url (SyTriggerInfo *self)
{
  g_return_val_if_fail (SY_IS_TRIGGER_INFO (self), NULL);

  return self->url;
}

const char *
sy_trigger_info_get_curl (SyTriggerInfo *self)
{
  g_return_val_if_fail (SY_IS_TRIGGER_INFO (self), NULL);

  return self->curl;
}

const char *
sy_trigger_info_get_schedule (SyTriggerInfo *self)
{
  g_return_val_if_fail (SY_IS_TRIGGER_INFO (self), NULL);

  return self->schedule;
}

GPtrArray *
sy_trigger_info_get_fire_times (SyTriggerInfo *self)
{
  g_return_val_if_fail (SY_IS_TRIGGER_INFO (self), NULL);

  return self->fire_times;
}

const char *
sy_trigger_info_get_problem (SyTriggerInfo *self)
{
  g_return_val_if_fail (SY_IS_TRIGGER_INFO (self), NULL);

  return self->problem;
}
