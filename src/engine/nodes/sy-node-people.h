/* sy-node-people.h — what the people steps (manual, approval, cc, the approval
 * trigger) share: assignees, forms and tasks */
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
/* Checks a `form` member of `object` (push "config" first): a list of
 * fields {name, label, type, options, default, required} with distinct
 * names; choice fields need options. */
void       sy_people_check_form      (JsonObject    *object,
                                      SyValidation  *validation);
/* The default values of a form (an array of fields, may be NULL), an
 * object by field name (null where a field has no default). */
JsonNode  *sy_people_form_defaults   (JsonNode      *form);
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

/* Withdraws the open tasks of this run's job (it decided, or the execution
 * ends) and says that tasks changed. */
gboolean   sy_people_withdraw_tasks  (SyRun         *run,
                                      GError       **error);

/* A people node's resume_branch(): after the outcome's branch the node
 * resolves with the outcome as result, or ends with the branch's status. */
SyStep     sy_people_resume_branch   (SyRun         *run,
                                      SyJob         *branch_job);
/* A people node's recover(): the tasks are in the store, it waits on. */
SyStep     sy_people_recover         (SyRun         *run);
/* A people node's abort(): its open tasks are withdrawn. */
void       sy_people_abort           (SyRun         *run);

G_END_DECLS
