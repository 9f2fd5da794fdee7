/* sy-trigger-info.h — what a trigger's settings mean, under the trigger's form
 *
 * A webhook trigger: the address to call, with a copy button, and a ready
 * curl command (method, authentication and a sample body from the
 * settings). A static schedule: when it runs, in words, and its next five
 * fire times, or why the settings cannot be read. Other triggers: hidden.
 * Follows the workflow as its trigger settings are edited.
 */
#pragma once

#include <gtk/gtk.h>

#include "sy-workflow.h"

G_BEGIN_DECLS

#define SY_TYPE_TRIGGER_INFO (sy_trigger_info_get_type ())
G_DECLARE_FINAL_TYPE (SyTriggerInfo, sy_trigger_info, SY, TRIGGER_INFO, GtkWidget)

#define SY_TRIGGER_INFO_N_FIRES 5

GtkWidget  *sy_trigger_info_new            (void);
/* Reads the workflow's trigger again (NULL: nothing to show). Not kept. */
void        sy_trigger_info_update         (SyTriggerInfo *self,
                                            SyWorkflow    *workflow);
/* Fire times are counted from this time (NULL: the current time), for tests. */
void        sy_trigger_info_set_now        (SyTriggerInfo *self,
                                            GDateTime     *now);

/* What it shows, for tests: the address, the curl command, the schedule
 * in words, the next fire times as shown, the problem (NULL when none). */
const char *sy_trigger_info_get_url        (SyTriggerInfo *self);
const char *sy_trigger_info_get_curl       (SyTriggerInfo *self);
const char *sy_trigger_info_get_schedule   (SyTriggerInfo *self);
GPtrArray  *sy_trigger_info_get_fire_times (SyTriggerInfo *self);
const char *sy_trigger_info_get_problem    (SyTriggerInfo *self);

/* Builds the curl command for `url` and the webhook settings `config`,
 * with `body` (may be NULL) as the request body. */
char       *sy_trigger_info_curl_command   (const char    *url,
                                            JsonObject    *config,
                                            JsonNode      *body);

G_END_DECLS
