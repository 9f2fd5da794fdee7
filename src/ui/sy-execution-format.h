/* sy-execution-format.h — what the executions UI shares: how it writes
 * statuses, durations and reasons */
#pragma once

#include <gtk/gtk.h>

#include "sy-records.h"

G_BEGIN_DECLS

/* A symbolic icon for an execution's (is_job FALSE) or a job's status. */
const char *sy_status_icon_name          (SyStatus     status,
                                          gboolean     is_job);
/* "850 ms", "4.2 s", "3 min 12 s", "2 h 5 min", "3 d 4 h". */
char       *sy_format_duration           (gint64       ms);
/* From start to finish, or "—" while it has not finished. */
char       *sy_format_execution_duration (SyExecution *execution);
char       *sy_format_job_duration       (SyJob       *job);
/* "Execution 12": how an execution is named in headings. */
char       *sy_format_execution_title    (gint64       id);
/* The engine's reason codes in words ("timeout" → "Timed out"); other
 * reasons (error texts) as they are; "" for NULL. */
const char *sy_format_reason             (const char  *reason);
/* The reason codes whose words contain `text`, in any case ("timed" →
 * "timeout"): what a search finds besides the stored text. */
char      **sy_reasons_matching          (const char  *text);
/* The "message" of a job that did not resolve: what went wrong, in
 * words; NULL for a resolved job or one without. */
const char *sy_job_message               (SyJob       *job);
/* Sets the status class ("status-resolved", "status-failed", …) on
 * `widget`, removing the one set before. */
void        sy_widget_set_status_class   (GtkWidget   *widget,
                                          SyStatus     status,
                                          gboolean     is_job);
void        sy_widget_clear_status_class (GtkWidget   *widget);

G_END_DECLS
