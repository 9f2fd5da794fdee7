/* sy-task.h — a task for a person (manual, approval, cc) and the people directory
 *
 * Rows of the store's `tasks` and `people` tables. Tasks are reference
 * counted boxed records so that they can travel from the engine thread to
 * the UI and the command line.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* NocoBase's numbers. A cc notice is UNREAD (0) or READ (1). An approval
 * task may also be returned (the job's RETRY_NEEDED) or handed over to
 * someone else (delegated, or waiting for an assignee added before). */
typedef enum
{
  SY_TASK_STATUS_PENDING     = 0,
  SY_TASK_STATUS_RESOLVED    = 1,
  SY_TASK_STATUS_HANDED_OVER = 2,
  SY_TASK_STATUS_WITHDRAWN   = -3, /* NocoBase's ABORTED: the execution ended first */
  SY_TASK_STATUS_REJECTED    = -5,
  SY_TASK_STATUS_RETURNED    = -6,
  SY_TASK_STATUS_UNREAD    = 0,
  SY_TASK_STATUS_READ      = 1,
} SyTaskStatus;

typedef struct
{
  gint64        id;
  gint64        execution_id;
  gint64        job_id;
  char         *workflow_key;
  char         *node_key;
  char         *type;          /* "manual", "approval", "cc" */
  char         *title;
  char         *assignee;      /* person id */
  SyTaskStatus  status;
  JsonNode     *form;          /* array of fields {name, label, type, options, default, required}; may be NULL */
  JsonNode     *values;        /* submitted or saved values (object); may be NULL */
  char         *action;        /* "approve", "reject", "return", "save", "delegate", "add";
                                * NULL before any */
  char         *comment;
  gint64        created_at;    /* ms since the epoch (UTC) */
  gint64        updated_at;
} SyTask;

#define SY_TYPE_TASK (sy_task_get_type ())
GType       sy_task_get_type          (void) G_GNUC_CONST;
SyTask     *sy_task_new               (void);
SyTask     *sy_task_ref               (SyTask *task);
void        sy_task_unref             (SyTask *task);
/* "pending", "resolved", "rejected", "withdrawn", "returned",
 * "handed-over"; for cc "unread", "read". */
const char *sy_task_status_to_string  (SyTask *task);
/* cli.md's task: {"id","execution","workflow","node","type","title",
 * "assignee","status","form"} plus "values", "action", "comment",
 * "created_at", "updated_at". */
JsonNode   *sy_task_to_json           (SyTask *task);
/* FALSE (G_IO_ERROR_INVALID_DATA) naming the first `required` field of
 * `form` (an array of fields, may be NULL) that `values` (an object, may
 * be NULL) leaves empty (null, "" or absent). */
gboolean    sy_form_check_required    (JsonNode   *form,
                                       JsonNode   *values,
                                       GError    **error);
/* The same for a task's form; the message names the task. */
gboolean    sy_task_check_required    (SyTask     *task,
                                       JsonNode   *values,
                                       GError    **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyTask, sy_task_unref)

/* One entry of the people directory. */
typedef struct
{
  char *id;
  char *name;
  char *email;  /* may be NULL */
} SyPerson;

void        sy_person_free            (SyPerson *person);
/* FALSE (G_IO_ERROR_INVALID_DATA) when a person cannot be saved so: an
 * empty name (allowed for "me": the account's name), or an email that is
 * not one. `email` may be NULL or empty. */
gboolean    sy_person_check           (const char  *id,
                                       const char  *name,
                                       const char  *email,
                                       GError     **error);
/* The name of person `id` among `people` (of SyPerson, may be NULL), or
 * the id itself when unknown or nameless. */
const char *sy_person_name_of         (GPtrArray  *people,
                                       const char *id);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyPerson, sy_person_free)

G_END_DECLS
