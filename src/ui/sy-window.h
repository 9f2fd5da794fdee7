/* sy-window.h — the main window: workflows sidebar and the workflow editor */
#pragma once

#include <adwaita.h>

#include "sy-application.h"
#include "sy-workflow-document.h"

G_BEGIN_DECLS

#define SY_TYPE_WINDOW (sy_window_get_type ())

G_DECLARE_FINAL_TYPE (SyWindow, sy_window, SY, WINDOW, AdwApplicationWindow)

SyWindow           *sy_window_new             (SyApplication *application);
void                sy_window_add_toast       (SyWindow      *self,
                                               AdwToast      *toast);
/* The workflow being edited, or NULL. */
SyWorkflowDocument *sy_window_get_document    (SyWindow      *self);
const char         *sy_window_get_loaded_key  (SyWindow      *self);
/* Creates a workflow as the New dialog does, then opens it. */
void                sy_window_create_workflow (SyWindow      *self,
                                               const char    *title,
                                               const char    *trigger_type,
                                               gboolean       sync);
/* Imports a workflow file; problems are shown in a dialog listing each
 * with its path. */
void                sy_window_import_file     (SyWindow      *self,
                                               GFile         *file);
/* What dropping `value` (a GdkFileList or GFile) on the window does. */
gboolean            sy_window_handle_drop     (SyWindow      *self,
                                               const GValue  *value);
/* Saves pending edits now instead of after the pause. */
void                sy_window_save_now        (SyWindow      *self);
/* TRUE while an edit waits to be saved or a save is in flight. */
gboolean            sy_window_has_pending_save (SyWindow     *self);

/* Actions: win.new-workflow, win.import, win.export, win.duplicate,
 * win.delete, win.undo-delete(s), win.search, win.workflow-settings,
 * win.execute, win.show-execution(x) (opens that execution's detail),
 * win.all-executions, win.show-data (collections and records), win.undo, win.redo,
 * win.duplicate-version, win.load-version(u, stateful), win.toggle-tasks,
 * win.show-task(x). */

G_END_DECLS
