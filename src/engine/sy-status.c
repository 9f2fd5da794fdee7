/* sy-status.c — execution and job statuses */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-status.h"

typedef struct
{
  SyStatus    status;
  const char *name;
  const char *display;
} StatusName;

static const StatusName status_names[] = {
  { SY_STATUS_QUEUEING, "queueing", N_("Queued") },
  { SY_STATUS_STARTED, "started", N_("Running") },
  { SY_STATUS_RESOLVED, "resolved", N_("Succeeded") },
  { SY_STATUS_FAILED, "failed", N_("Failed") },
  { SY_STATUS_ERROR, "error", N_("Error") },
  { SY_STATUS_ABORTED, "aborted", N_("Aborted") },
  { SY_STATUS_CANCELED, "canceled", N_("Canceled") },
  { SY_STATUS_REJECTED, "rejected", N_("Rejected") },
  { SY_STATUS_RETRY_NEEDED, "retry_needed", N_("Returned") },
};

const char *
sy_status_to_string (SyStatus status,
                     gboolean is_job)
{
  if (is_job && status == SY_STATUS_PENDING)
    return "pending";

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (status_names[i].status == status)
      return status_names[i].name;

  return "unknown";
}

const char *
sy_status_to_display (SyStatus status,
                      gboolean is_job)
{
  if (is_job && status == SY_STATUS_PENDING)
    return _("Waiting");

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (status_names[i].status == status)
      return _(status_names[i].display);

  return _("Unknown");
}

gboolean
sy_status_from_string (const char *text,
                       SyStatus   *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  if (g_str_equal (text, "pending"))
    {
      *status = SY_STATUS_PENDING;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (status_names[i].name, text))
      {
        *status = status_names[i].status;
        return TRUE;
      }

  return FALSE;
}

gboolean
sy_status_is_final (SyStatus status)
{
  return status != SY_STATUS_QUEUEING && status != SY_STATUS_STARTED;
}
