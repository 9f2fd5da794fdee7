/* sy-tasks-sidebar.h — tasks for people: the list, a task's detail, requests */
#pragma once

#include <adwaita.h>

#include "sy-engine.h"

G_BEGIN_DECLS

#define SY_TYPE_TASKS_SIDEBAR (sy_tasks_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (SyTasksSidebar, sy_tasks_sidebar, SY, TASKS_SIDEBAR, GtkWidget)

typedef enum
{
  SY_TASKS_FILTER_MINE, /* open tasks and unread notices for me, my open requests */
  SY_TASKS_FILTER_ALL,  /* everyone's open tasks and unread notices */
  SY_TASKS_FILTER_DONE, /* finished tasks and read notices */
} SyTasksFilter;

GtkWidget     *sy_tasks_sidebar_new             (void);
/* Lists the engine's tasks and follows its changes. */
void           sy_tasks_sidebar_set_engine      (SyTasksSidebar *self,
                                                 SyEngine       *engine);
/* Open tasks and unread notices for "me" (the badge). */
guint          sy_tasks_sidebar_get_open_count  (SyTasksSidebar *self);
void           sy_tasks_sidebar_set_filter      (SyTasksSidebar *self,
                                                 SyTasksFilter   filter);
/* Opens a task's detail (once it is listed, when it is not yet). */
void           sy_tasks_sidebar_show_task       (SyTasksSidebar *self,
                                                 gint64          task_id);
/* Opens the form of a new request of workflow `key`. */
void           sy_tasks_sidebar_new_request     (SyTasksSidebar *self,
                                                 const char     *key);
/* Back to the list. */
void           sy_tasks_sidebar_show_list       (SyTasksSidebar *self);
/* Lists again now (also done on every engine change). */
void           sy_tasks_sidebar_refresh         (SyTasksSidebar *self);

/* For tests: the list's rows, the detail and the request view. */
GtkListBox    *sy_tasks_sidebar_get_list        (SyTasksSidebar *self);
GtkWidget     *sy_tasks_sidebar_get_detail      (SyTasksSidebar *self);
GtkWidget     *sy_tasks_sidebar_get_request_view (SyTasksSidebar *self);
/* "list", "task" or "request". */
const char    *sy_tasks_sidebar_get_page        (SyTasksSidebar *self);

/* Signals: "refreshed" () after each listing. Property: "open-count". */

G_END_DECLS
