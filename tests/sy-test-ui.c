/* sy-test-ui.c — helpers for UI tests: screenshots and main-loop waiting */
#include "config.h"

#include <adwaita.h>

#include "sy-test-ui.h"

/**
 * sy_test_ui_init:
 *
 * Initialises GTest, GTK and libadwaita for a test program that builds
 * widgets directly (an AdwApplication would otherwise call adw_init()).
 */
void
sy_test_ui_init (int    *argc,
                 char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

/**
 * sy_test_ui_save_png:
 * @widget: a realized, drawn widget (usually a window)
 * @name: file name such as "window-light.png"
 *
 * Renders @widget the way it is on screen (content only, no window shadow)
 * and saves it to the test build directory, for people to look at.
 *
 * Returns: (transfer full): the path written
 */
char *
sy_test_ui_save_png (GtkWidget  *widget,
                     const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width;
  int height;

  g_assert_true (GTK_IS_WIDGET (widget));
  g_assert_nonnull (name);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%d×%d)", path, width, height);

  return g_steal_pointer (&path);
}

/**
 * sy_test_ui_find:
 * @root: where to start looking
 * @id: the `id` a widget has in its `.ui` file
 *
 * Finds a descendant of @root (or @root itself) by its builder id, so tests
 * can reach template widgets the C code has no field for.
 *
 * Returns: (transfer none) (nullable): the widget
 */
GtkWidget *
sy_test_ui_find (GtkWidget  *root,
                 const char *id)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sy_test_ui_find (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
wait_timeout_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * sy_test_ui_wait:
 * @msec: how long to run the main loop
 *
 * Spins the default main context for @msec milliseconds, so that
 * animations, idle handlers and redraws can finish.
 */
void
sy_test_ui_wait (guint msec)
{
  gboolean done = FALSE;

  g_timeout_add (msec, wait_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/**
 * sy_test_ui_wait_for:
 * @condition: polled after every main-loop iteration
 * @user_data: passed to @condition
 * @timeout_msec: give up after this long
 *
 * Returns: %TRUE if @condition became true before the timeout
 */
gboolean
sy_test_ui_wait_for (gboolean (*condition) (gpointer user_data),
                     gpointer   user_data,
                     guint      timeout_msec)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  if (condition (user_data))
    return TRUE;

  timeout_id = g_timeout_add (timeout_msec, wait_timeout_cb, &timed_out);
  while (!timed_out)
    {
      g_main_context_iteration (NULL, TRUE);
      if (condition (user_data))
        {
          g_source_remove (timeout_id);
          return TRUE;
        }
    }

  return FALSE;
}
