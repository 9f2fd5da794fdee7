/* sy-node-cc.c — tells people about the execution and goes on at once
 *
 * Each assignee gets a read-only notice task (unread until acted on). The
 * result is {"assignees": [ids], "tasks": [task ids]}.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-node-people.h"
#include "sy-nodes.h"

static const SyFieldSpec fields[] = {
  { "assignees", N_("Recipients"), SY_FIELD_PEOPLE,
    N_("People who get the notice: person ids or variables that give them"),
    NULL, NULL, NULL, "[\"me\"]", FALSE, TRUE, NULL },
  { "title", N_("Notice title"), SY_FIELD_TEXT,
    N_("Shown in the task list; the step's title when empty"),
    NULL, NULL, NULL, NULL, FALSE, TRUE, NULL },
  { NULL },
};

static void
cc_validate (SyNode       *node,
             SyValidation *validation)
{
  sy_validation_push (validation, "config");
  sy_people_check_assignees (sy_node_get_config (node), validation);
  sy_validation_pop (validation);
}

static SyStep
cc_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assignees = NULL;
  g_autoptr(GArray) task_ids = NULL;
  g_autoptr(JsonObject) result = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  JsonArray *ids;
  JsonArray *tasks;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  assignees = sy_people_collect (json_object_get_member (config, "assignees"), &error);
  if (assignees == NULL)
    return sy_run_error_from_gerror (run, error);

  task_ids = sy_people_create_tasks (run, "cc", assignees, NULL, SY_TASK_STATUS_UNREAD, &error);
  if (task_ids == NULL)
    return sy_run_error_from_gerror (run, error);

  ids = json_array_sized_new (assignees->len);
  tasks = json_array_sized_new (task_ids->len);
  for (guint i = 0; i < assignees->len; i++)
    json_array_add_string_element (ids, g_ptr_array_index (assignees, i));
  for (guint i = 0; i < task_ids->len; i++)
    json_array_add_int_element (tasks, g_array_index (task_ids, gint64, i));

  result = json_object_new ();
  json_object_set_array_member (result, "assignees", ids);
  json_object_set_array_member (result, "tasks", tasks);
  return sy_run_resolve (run, sy_json_node_take_object (g_steal_pointer (&result)));
}

static const SyNodeKind kind = {
  .type = "cc",
  .title = N_("Carbon copy"),
  .description = N_("Send people a read-only notice and continue"),
  .category = "people",
  .icon_name = "mail-send-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = cc_validate,
  .run = cc_run,
};

const SyNodeKind *
sy_node_cc_get_kind (void)
{
  return &kind;
}
