/* sy-node-people.h — what the people nodes (manual, cc) share: assignees and tasks */
#pragma once

#include <json-glib/json-glib.h>

#include "sy-run.h"
#include "sy-task.h"
#include "sy-workflow.h"

G_BEGIN_DECLS

/* Checks `assignees` of a config (push "config" first): person ids,
 * placeholders, or an array of them. */
void       sy_people_check_assignees (JsonObject    *config,
                                      SyValidation  *validation);
/* The resolved `assignees` as distinct person ids in order: strings and
 * numbers are ids, arrays are flattened, objects give their "id". NULL
 * with `error` for anything else. */
GPtrArray *sy_people_collect         (JsonNode      *assignees,
                                      GError       **error);
/* The task title: the resolved `title`, else the node's title. */
const char *sy_people_task_title     (SyRun         *run);
/* Stores one task per assignee for this run's job (saved first). Returns
 * the new task ids (gint64 array) or NULL with `error`. */
GArray    *sy_people_create_tasks    (SyRun         *run,
                                      const char    *type,
                                      GPtrArray     *assignees,
                                      JsonNode      *form,
                                      SyTaskStatus   status,
                                      GError       **error);

G_END_DECLS
