/* sy-execution-format.c — what the executions UI shares: how it writes
 * statuses, durations and reasons */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#include <glib/gi18n.h>

#include "sy-execution-format.h"

const char *
sy_status_icon_name (SyStatus status,
                     gboolean is_job)
{
  switch (status)
    {
    case SY_STATUS_QUEUEING:
      return "preferences-system-time-symbolic";
    case SY_STATUS_STARTED: /* = SY_STATUS_PENDING */
      return "content-loading-symbolic";
    case SY_STATUS_RESOLVED:
      return "object-select-symbolic";
    case SY_STATUS_FAILED:
    case SY_STATUS_REJECTED:
      return "action-unavailable-symbolic";
    case SY_STATUS_ERROR:
      return "dialog-error-symbolic";
    case SY_STATUS_RETRY_NEEDED:
      return "view-refresh-symbolic";
    case SY_STATUS_ABORTED:
    case SY_STATUS_CANCELED:
    default:
      return "media-playback-stop-symbolic";
    }
}

char *
sy_format_duration (gint64 ms)
{
  gint64 s;

  if (ms < 0)
    ms = 0;
  if (ms < 1000)
    /* Translators: a duration in milliseconds */
    return g_strdup_printf (_("%d ms"), (int) ms);
  if (ms < 60 * 1000)
    /* Translators: a duration in seconds, "4.2 s" */
    return g_strdup_printf (_("%.1f s"), ms / 1000.0);

  s = ms / 1000;
  if (s < 3600)
    /* Translators: minutes and seconds, "3 min 12 s" */
    return g_strdup_printf (_("%d min %d s"), (int) (s / 60), (int) (s % 60));
  if (s < 86400)
    /* Translators: hours and minutes, "2 h 5 min" */
    return g_strdup_printf (_("%d h %d min"), (int) (s / 3600), (int) (s % 3600 / 60));
  /* Translators: days and hours, "3 d 4 h" */
  return g_strdup_printf (_("%d d %d h"), (int) (s / 86400), (int) (s % 86400 / 3600));
}

static char *
format_span (gint64 start,
             gint64 finish)
{
  if (start <= 0 || finish <= 0)
    return g_strdup ("—");
  return sy_format_duration (finish - start);
}

char *
sy_format_execution_duration (SyExecution *execution)
{
  g_return_val_if_fail (execution != NULL, NULL);

  return format_span (execution->started_at > 0 ? execution->started_at : execution->created_at,
                      execution->finished_at);
}

char *
sy_format_job_duration (SyJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);

  return format_span (job->started_at, job->finished_at);
}

char *
sy_format_execution_title (gint64 id)
{
  /* The number is formatted first: xgettext cannot read G_GINT64_FORMAT. */
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* Translators: a heading, "Execution 12" */
  return g_strdup_printf (_("Execution %s"), number);
}

/* The engine's reason codes and their words. */
static const struct
{
  const char *code;
  const char *words;
} reasons[] = {
  { "timeout", N_("Timed out") },
  { "manual_cancel", N_("Canceled by hand") },
  { "parent_aborted", N_("The calling workflow ended") },
  { "withdrawn", N_("Withdrawn by the applicant") },
  { "workflow_deleted", N_("The workflow was deleted") },
};

const char *
sy_job_message (SyJob *job)
{
  JsonNode *member;

  g_return_val_if_fail (job != NULL, NULL);

  if (job->status == SY_STATUS_RESOLVED || job->result == NULL || !JSON_NODE_HOLDS_OBJECT (job->result))
    return NULL;
  member = json_object_get_member (json_node_get_object (job->result), "message");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

const char *
sy_format_reason (const char *reason)
{
  if (reason == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_str_equal (reason, reasons[i].code))
      return _(reasons[i].words);
  return reason;
}

char **
sy_reasons_matching (const char *text)
{
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return NULL;

  folded = g_utf8_casefold (text, -1);
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      g_autofree char *words = g_utf8_casefold (_(reasons[i].words), -1);

      if (strstr (words, folded) != NULL)
        g_strv_builder_add (codes, reasons[i].code);
    }
  return g_strv_builder_end (codes);
}

/* `name` (NULL: none) in place of the status class set before. */
static void
replace_status_class (GtkWidget *widget,
                      char      *name)
{
  const char *old = g_object_get_data (G_OBJECT (widget), "sy-status-class");

  if (g_strcmp0 (old, name) == 0)
    {
      g_free (name);
      return;
    }
  if (old != NULL)
    gtk_widget_remove_css_class (widget, old);
  if (name != NULL)
    gtk_widget_add_css_class (widget, name);
  g_object_set_data_full (G_OBJECT (widget), "sy-status-class", name, g_free);
}

void
sy_widget_set_status_class (GtkWidget *widget,
                            SyStatus   status,
                            gboolean   is_job)
{
  /* "status-error" rather than "error", which libadwaita paints red. */
  replace_status_class (widget, g_strconcat ("status-", sy_status_to_string (status, is_job), NULL));
}

void
sy_widget_clear_status_class (GtkWidget *widget)
{
  replace_status_class (widget, NULL);
}
