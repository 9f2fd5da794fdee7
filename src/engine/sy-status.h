/* sy-status.h — execution and job statuses shared by every layer
 *
 * The numbers are NocoBase's (the store keeps them); the strings are the
 * spec's lowercase names used on the command line and in files.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SY_STATUS_QUEUEING     = 1000, /* NocoBase stores NULL; we need a real value */
  SY_STATUS_STARTED      = 0,    /* execution running or waiting */
  SY_STATUS_PENDING      = 0,    /* job waiting (same code as STARTED) */
  SY_STATUS_RESOLVED     = 1,
  SY_STATUS_FAILED       = -1,
  SY_STATUS_ERROR        = -2,
  SY_STATUS_ABORTED      = -3,
  SY_STATUS_CANCELED     = -4,
  SY_STATUS_REJECTED     = -5,
  SY_STATUS_RETRY_NEEDED = -6,
} SyStatus;

const char *sy_status_to_string           (SyStatus    status,
                                           gboolean    is_job);
gboolean    sy_status_from_string         (const char *text,
                                           SyStatus   *status);
gboolean    sy_status_is_final            (SyStatus    status);
const char *sy_status_to_display          (SyStatus    status,
                                           gboolean    is_job);

G_END_DECLS
