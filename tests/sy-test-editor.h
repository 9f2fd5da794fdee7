/* sy-test-editor.h — the main window and its editor's parts, for UI tests
 * that drive the window of a running application
 */
#pragma once

#include "sy-application.h"
#include "sy-canvas.h"
#include "sy-inspector.h"
#include "sy-palette.h"
#include "sy-test-ui.h"
#include "sy-window.h"
#include "sy-workflow-list.h"

typedef struct
{
  SyWindow       *window;
  SyWorkflowList *list;
  SyInspector    *inspector;
  SyCanvas       *canvas;
  SyPalette      *palette;
} SyTestEditor;

/* Activates `app` as launching it does (its window opens or comes up) at
 * 1280×800, drawn, and finds the editor's parts. */
static inline void
sy_test_editor_open (SyTestEditor  *editor,
                     SyApplication *app)
{
  g_application_activate (G_APPLICATION (app));
  editor->window = SY_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (SY_IS_WINDOW (editor->window));
  gtk_window_set_default_size (GTK_WINDOW (editor->window), 1280, 800);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor->window));

  editor->list = SY_WORKFLOW_LIST (sy_test_ui_child (editor->window, "workflows"));
  editor->inspector = SY_INSPECTOR (sy_test_ui_child (editor->window, "inspector"));
  editor->canvas = SY_CANVAS (sy_test_ui_child (editor->window, "canvas"));
  editor->palette = SY_PALETTE (sy_test_ui_child (editor->window, "palette"));
}

/* A wait condition (sy_test_ui_wait_for): no edit of `editor`'s window is
 * waiting to be stored or on its way to the store. */
static inline gboolean
sy_test_editor_saved (gpointer editor)
{
  return !sy_window_has_pending_save (((SyTestEditor *) editor)->window);
}

/* What main() of a window test starts, after sy_test_ui_init(): an
 * application on a new, empty data directory of its own (returned in
 * `data_dir`, from `dir_template` such as "switchyard-editor-XXXXXX"),
 * registered, its engine running. */
static inline SyApplication *
sy_test_editor_start_app (const char  *dir_template,
                          char       **data_dir)
{
  g_autoptr(GError) error = NULL;
  SyApplication *app;

  *data_dir = g_dir_make_tmp (dir_template, &error);
  g_assert_no_error (error);
  g_setenv ("SWITCHYARD_DATA_DIR", *data_dir, TRUE);

  app = sy_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sy_engine_is_running (sy_application_get_engine (app)));
  return app;
}
