/* sy-store-tasks.c — the store's tasks and people
 *
 * Same conventions as sy-store.c: cached statements, compact JSON text,
 * times in ms since the epoch. Task statuses are SyTaskStatus values.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-store-private.h"

#define TASK_COLUMNS \
  "id, execution_id, job_id, workflow_key, node_key, type, title, assignee, status," \
  " form, \"values\", action, comment, created_at, updated_at"

static const char insert_task_sql[] =
  "INSERT INTO tasks (execution_id, job_id, workflow_key, node_key, type, title, assignee,"
  "                   status, form, \"values\", action, comment, created_at, updated_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
static const char update_task_sql[] =
  "UPDATE tasks SET status = ?2, \"values\" = ?3, action = ?4, comment = ?5, updated_at = ?6"
  " WHERE id = ?1";
static const char get_task_sql[] = "SELECT " TASK_COLUMNS " FROM tasks WHERE id = ?1";
/* The open list uses the (status, assignee) index. */
static const char list_open_tasks_sql[] =
  "SELECT " TASK_COLUMNS " FROM tasks WHERE status = 0 AND type != 'cc'"
  " AND (?1 IS NULL OR assignee = ?1) ORDER BY id DESC";
static const char list_all_tasks_sql[] =
  "SELECT " TASK_COLUMNS " FROM tasks WHERE (?1 IS NULL OR assignee = ?1) ORDER BY id DESC";
static const char list_job_tasks_sql[] =
  "SELECT " TASK_COLUMNS " FROM tasks WHERE job_id = ?1 ORDER BY id";
static const char list_execution_tasks_sql[] =
  "SELECT " TASK_COLUMNS " FROM tasks WHERE execution_id = ?1 ORDER BY id";
static const char withdraw_job_tasks_sql[] =
  "UPDATE tasks SET status = -3, updated_at = ?2"
  " WHERE job_id = ?1 AND status = 0 AND type != 'cc'";

static const char list_people_sql[] =
  "SELECT id, name, email FROM people ORDER BY id != 'me', name COLLATE NOCASE, id";
static const char add_person_sql[] =
  "INSERT INTO people (id, name, email) VALUES (?1, ?2, ?3)"
  " ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email";
static const char remove_person_sql[] = "DELETE FROM people WHERE id = ?1";

static void
bind_text (SyCachedStmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
column_strdup (SyCachedStmt *stmt,
               int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static SyTask *
read_task (SyCachedStmt  *stmt,
           GError       **error)
{
  g_autoptr(SyTask) task = sy_task_new ();

  task->id = sqlite3_column_int64 (stmt, 0);
  task->execution_id = sqlite3_column_int64 (stmt, 1);
  task->job_id = sqlite3_column_int64 (stmt, 2);
  task->workflow_key = column_strdup (stmt, 3);
  task->node_key = column_strdup (stmt, 4);
  task->type = column_strdup (stmt, 5);
  task->title = column_strdup (stmt, 6);
  task->assignee = column_strdup (stmt, 7);
  task->status = sqlite3_column_int (stmt, 8);
  if (!_sy_store_column_json (stmt, 9, &task->form, error) ||
      !_sy_store_column_json (stmt, 10, &task->values, error))
    return NULL;
  task->action = column_strdup (stmt, 11);
  task->comment = column_strdup (stmt, 12);
  task->created_at = sqlite3_column_int64 (stmt, 13);
  task->updated_at = sqlite3_column_int64 (stmt, 14);

  return g_steal_pointer (&task);
}

static GPtrArray *
read_tasks (SyStore       *self,
            SyCachedStmt  *stmt,
            GError       **error)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_task_unref);
  gboolean has_row;

  for (;;)
    {
      SyTask *task;

      if (!_sy_store_next (self, stmt, &has_row, _("could not read the tasks"), error))
        return NULL;
      if (!has_row)
        break;
      if ((task = read_task (stmt, error)) == NULL)
        return NULL;
      g_ptr_array_add (tasks, task);
    }

  return g_steal_pointer (&tasks);
}

gboolean
sy_store_insert_task (SyStore  *self,
                      SyTask   *task,
                      GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = _sy_store_stmt (self, insert_task_sql, error);

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);
  g_return_val_if_fail (task != NULL && task->type != NULL && task->assignee != NULL, FALSE);

  if (stmt == NULL)
    return FALSE;

  if (task->created_at == 0)
    task->created_at = sy_now_ms ();
  if (task->updated_at == 0)
    task->updated_at = task->created_at;

  sqlite3_bind_int64 (stmt, 1, task->execution_id);
  sqlite3_bind_int64 (stmt, 2, task->job_id);
  bind_text (stmt, 3, task->workflow_key != NULL ? task->workflow_key : "");
  bind_text (stmt, 4, task->node_key != NULL ? task->node_key : "");
  bind_text (stmt, 5, task->type);
  bind_text (stmt, 6, task->title != NULL ? task->title : "");
  bind_text (stmt, 7, task->assignee);
  sqlite3_bind_int (stmt, 8, task->status);
  _sy_store_bind_json (self, stmt, 9, task->form);
  _sy_store_bind_json (self, stmt, 10, task->values);
  bind_text (stmt, 11, task->action);
  bind_text (stmt, 12, task->comment);
  sqlite3_bind_int64 (stmt, 13, task->created_at);
  sqlite3_bind_int64 (stmt, 14, task->updated_at);

  if (!_sy_store_exec (self, stmt, _("could not store the task"), error))
    return FALSE;

  task->id = _sy_store_last_insert_id (self);
  return TRUE;
}

gboolean
sy_store_update_task (SyStore  *self,
                      SyTask   *task,
                      GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = _sy_store_stmt (self, update_task_sql, error);

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);
  g_return_val_if_fail (task != NULL, FALSE);

  if (stmt == NULL)
    return FALSE;

  task->updated_at = sy_now_ms ();
  sqlite3_bind_int64 (stmt, 1, task->id);
  sqlite3_bind_int (stmt, 2, task->status);
  _sy_store_bind_json (self, stmt, 3, task->values);
  bind_text (stmt, 4, task->action);
  bind_text (stmt, 5, task->comment);
  sqlite3_bind_int64 (stmt, 6, task->updated_at);

  if (!_sy_store_exec (self, stmt, _("could not store the task"), error))
    return FALSE;

  if (_sy_store_changes (self) == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, task->id);

      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND,
                   _("there is no task %s"), number);
      return FALSE;
    }

  return TRUE;
}

SyTask *
sy_store_get_task (SyStore  *self,
                   gint64    id,
                   GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = _sy_store_stmt (self, get_task_sql, error);
  gboolean has_row;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!_sy_store_next (self, stmt, &has_row, _("could not read the task"), error))
    return NULL;

  if (!has_row)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND,
                   _("there is no task %s"), number);
      return NULL;
    }

  return read_task (stmt, error);
}

GPtrArray *
sy_store_list_tasks (SyStore     *self,
                     gboolean     all,
                     const char  *assignee,
                     GError     **error)
{
  g_autoptr(SyCachedStmt) stmt = _sy_store_stmt (self, all ? list_all_tasks_sql : list_open_tasks_sql,
                                                 error);

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, assignee);
  return read_tasks (self, stmt, error);
}

GPtrArray *
sy_store_list_job_tasks (SyStore  *self,
                         gint64    job_id,
                         GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = _sy_store_stmt (self, list_job_tasks_sql, error);

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, job_id);
  return read_tasks (self, stmt, error);
}

GPtrArray *
sy_store_list_execution_tasks (SyStore  *self,
                               gint64    execution_id,
                               GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = _sy_store_stmt (self, list_execution_tasks_sql, error);

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, execution_id);
  return read_tasks (self, stmt, error);
}

gboolean
sy_store_withdraw_job_tasks (SyStore  *self,
                             gint64    job_id,
                             GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = _sy_store_stmt (self, withdraw_job_tasks_sql, error);

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, job_id);
  sqlite3_bind_int64 (stmt, 2, sy_now_ms ());
  return _sy_store_exec (self, stmt, _("could not withdraw the tasks"), error);
}

/* ── People ────────────────────────────────────────────────────────────── */

GPtrArray *
sy_store_list_people (SyStore  *self,
                      GError  **error)
{
  g_autoptr(SyCachedStmt) stmt = _sy_store_stmt (self, list_people_sql, error);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_person_free);
  gboolean has_row;

  g_return_val_if_fail (SY_IS_STORE (self), NULL);

  if (stmt == NULL)
    return NULL;

  for (;;)
    {
      SyPerson *person;

      if (!_sy_store_next (self, stmt, &has_row, _("could not read the people"), error))
        return NULL;
      if (!has_row)
        break;

      person = g_new0 (SyPerson, 1);
      person->id = column_strdup (stmt, 0);
      person->name = column_strdup (stmt, 1);
      person->email = column_strdup (stmt, 2);
      /* The desktop user's name follows the account unless set. */
      if (g_str_equal (person->id, "me") && (person->name == NULL || *person->name == '\0'))
        {
          g_free (person->name);
          person->name = g_strdup (g_get_real_name ());
        }
      g_ptr_array_add (people, person);
    }

  return g_steal_pointer (&people);
}

gboolean
sy_store_add_person (SyStore     *self,
                     const char  *id,
                     const char  *name,
                     const char  *email,
                     GError     **error)
{
  g_autoptr(SyCachedStmt) stmt = _sy_store_stmt (self, add_person_sql, error);

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (stmt == NULL)
    return FALSE;

  if (*id == '\0')
    {
      g_set_error_literal (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED,
                           _("a person needs a non-empty id"));
      return FALSE;
    }

  bind_text (stmt, 1, id);
  bind_text (stmt, 2, name != NULL ? name : "");
  bind_text (stmt, 3, email);
  return _sy_store_exec (self, stmt, _("could not store the person"), error);
}

gboolean
sy_store_remove_person (SyStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(SyCachedStmt) stmt = NULL;

  g_return_val_if_fail (SY_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (g_str_equal (id, "me"))
    {
      g_set_error_literal (error, SY_STORE_ERROR, SY_STORE_ERROR_FAILED,
                           _("“me”, the desktop user, cannot be removed"));
      return FALSE;
    }

  stmt = _sy_store_stmt (self, remove_person_sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  if (!_sy_store_exec (self, stmt, _("could not remove the person"), error))
    return FALSE;

  if (_sy_store_changes (self) == 0)
    {
      g_set_error (error, SY_STORE_ERROR, SY_STORE_ERROR_NOT_FOUND,
                   _("there is no person “%s”"), id);
      return FALSE;
    }

  return TRUE;
}
