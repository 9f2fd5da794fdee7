/* test-templates.c — every composite widget builds from its template and is freed */
#include "config.h"

#include <adwaita.h>

#include "sy-preferences-window.h"
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

int
main (int   argc,
      char *argv[])
{
  sy_test_ui_init (&argc, &argv);

  /* One line per composite widget. */
  add_window_type (SY_TYPE_WINDOW);
  add_window_type (SY_TYPE_PREFERENCES_WINDOW);

  return g_test_run ();
}
