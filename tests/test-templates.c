/* test-templates.c — every composite widget builds from its template and is freed */
#include "config.h"

#include <adwaita.h>

#include "sy-execute-dialog.h"
#include "sy-executions-view.h"
#include "sy-json-view.h"
#include "sy-inspector.h"
#include "sy-new-workflow-dialog.h"
#include "sy-preferences-window.h"
#include "sy-workflow-list.h"
#include "sy-test-ui.h"
#include "sy-window.h"

/* Template errors are criticals, which GTest makes fatal; a leaked reference
 * fails g_assert_finalize_object. */
static void
test_template_window_type (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  GtkWidget *window = g_object_new (type, NULL);

  g_assert_true (GTK_IS_WINDOW (window));
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
add_window_type (GType type)
{
  g_autofree char *path = g_strdup_printf ("/ui/templates/%s", g_type_name (type));

  g_test_add_data_func (path, GSIZE_TO_POINTER (type), test_template_window_type);
}

/* Widgets that are not windows are shown inside one. */
static void
test_template_widget_type (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widget = g_object_new (type, NULL);

  g_object_ref (widget);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (widget);
}

static void
add_widget_type (GType type)
{
  g_autofree char *path = g_strdup_printf ("/ui/templates/%s", g_type_name (type));

  g_test_add_data_func (path, GSIZE_TO_POINTER (type), test_template_widget_type);
}

int
main (int   argc,
      char *argv[])
{
  sy_test_ui_init (&argc, &argv);

  /* One line per composite widget. */
  add_window_type (SY_TYPE_WINDOW);
  add_window_type (SY_TYPE_PREFERENCES_WINDOW);
  add_window_type (SY_TYPE_NEW_WORKFLOW_DIALOG);
  add_window_type (SY_TYPE_EXECUTE_DIALOG);
  add_widget_type (SY_TYPE_INSPECTOR);
  add_widget_type (SY_TYPE_EXECUTIONS_VIEW);
  add_widget_type (SY_TYPE_EXECUTION_DETAIL);
  add_widget_type (SY_TYPE_JSON_VIEW);
  add_widget_type (SY_TYPE_WORKFLOW_LIST);

  return g_test_run ();
}
