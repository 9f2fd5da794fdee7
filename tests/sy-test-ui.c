/* sy-test-ui.c — helpers for UI tests: screenshots and main-loop waiting */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sy-store.h"
#include "sy-test-notifications.h"
#include "sy-test-ui.h"

/**
 * sy_test_ui_init:
 *
 * Initialises GTest, GTK and libadwaita for a test program that builds
 * widgets directly (an AdwApplication would otherwise call adw_init()),
 * and starts the test notification server (sy-test-notifications.h).
 */
void
sy_test_ui_init (int    *argc,
                 char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* Notifications the application sends (failed executions, tasks) reach
   * this server on the test's own bus, never a desktop's; without one GLib
   * warns, and a warning ends a test. */
  sy_test_notifications_start ();
}

gboolean
sy_test_ui_press (GtkWidget       *widget,
                  guint            keyval,
                  GdkModifierType  modifiers)
{
  g_autofree char *name = gtk_accelerator_name (keyval, modifiers);
  g_autoptr(GtkShortcut) shortcut = sy_test_ui_find_shortcut (widget, name);

  if (shortcut == NULL)
    g_error ("%s has no key binding for %s", G_OBJECT_TYPE_NAME (widget), name);
  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                       widget, gtk_shortcut_get_arguments (shortcut));
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

  /* A page switched or a size changed just now leaves widgets without an
   * allocation until the next frame: snapshotting them then warns. */
  if (gtk_widget_get_mapped (widget))
    gtk_test_widget_wait_for_draw (widget);

  paintable = gtk_widget_paintable_new (widget);
  /* A widget between two frames (a relayout still queued) draws nothing
   * yet: give it a few frames. */
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      if (attempt > 0)
        sy_test_ui_wait (50);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
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

GtkWidget *
sy_test_ui_child (gpointer    root,
                  const char *id)
{
  GtkWidget *widget = sy_test_ui_find (GTK_WIDGET (root), id);

  if (widget == NULL)
    g_error ("no widget “%s” under %s", id, G_OBJECT_TYPE_NAME (root));
  return widget;
}

GtkWidget *
sy_test_ui_find_type (GtkWidget *root,
                      GType      type)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sy_test_ui_find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
sy_test_ui_set_text (GtkWidget  *input,
                     const char *text)
{
  if (GTK_IS_TEXT_VIEW (input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (input), text);
}

GtkShortcut *
sy_test_ui_find_shortcut (GtkWidget  *widget,
                          const char *accel)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (accel);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  g_assert_nonnull (trigger);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            return g_steal_pointer (&shortcut);
        }
    }
  return NULL;
}

gboolean
sy_test_ui_press_accel (GtkWidget  *widget,
                        const char *accel)
{
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  g_auto(GStrv) actions = app != NULL ? gtk_application_get_actions_for_accel (app, accel) : NULL;

  if (actions != NULL && actions[0] != NULL)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;

      g_assert_true (g_action_parse_detailed_name (actions[0], &name, &target, NULL));
      if (g_str_has_prefix (name, "app."))
        g_action_group_activate_action (G_ACTION_GROUP (app), name + strlen ("app."), target);
      else
        g_assert_true (gtk_widget_activate_action_variant (widget, name, target));
      return TRUE;
    }

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GtkShortcut) shortcut = sy_test_ui_find_shortcut (w, accel);

      if (shortcut != NULL)
        return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE, w,
                                             gtk_shortcut_get_arguments (shortcut));
    }
  return FALSE;
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
#define WAIT_SCALE 4

gboolean
sy_test_ui_wait_for (gboolean (*condition) (gpointer user_data),
                     gpointer   user_data,
                     guint      timeout_msec)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  if (condition (user_data))
    return TRUE;

  /* The bound only catches a test that hangs: a wait that succeeds returns
   * at once, so a generous bound costs nothing, and the 2-core CI machine
   * under AddressSanitizer is several times slower than a desk. */
  timeout_id = g_timeout_add (timeout_msec * WAIT_SCALE, wait_timeout_cb, &timed_out);
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

GtkWindow *
sy_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static gboolean
toplevel_shown (gpointer data)
{
  return sy_test_ui_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

GtkWindow *
sy_test_ui_wait_for_toplevel (GType type,
                              guint timeout_msec)
{
  sy_test_ui_wait_for (toplevel_shown, GSIZE_TO_POINTER (type), timeout_msec);
  return sy_test_ui_find_toplevel (type);
}

void
sy_test_ui_save_styles (GtkWidget  *window,
                        const char *name,
                        int         narrow_width)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);
  g_autofree char *narrow = g_strdup_printf ("%s-narrow.png", name);
  g_autofree char *narrow_dark = g_strdup_printf ("%s-narrow-dark.png", name);
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);

  sy_test_ui_wait (400);
  g_free (sy_test_ui_save_png (window, light));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  sy_test_ui_wait (400);
  g_free (sy_test_ui_save_png (window, dark));

  gtk_window_set_default_size (GTK_WINDOW (window), narrow_width, height);
  sy_test_ui_wait (500);
  g_free (sy_test_ui_save_png (window, narrow_dark));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  sy_test_ui_wait (400);
  g_free (sy_test_ui_save_png (window, narrow));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  sy_test_ui_wait (400);
}

void
sy_test_seed_history (const char *data_dir,
                      const char *key,
                      guint       n)
{
  g_autofree char *path = g_build_filename (data_dir, "switchyard.db", NULL);
  g_autofree char *document = NULL;
  g_autoptr(SyStore) store = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = sy_now_ms () - (gint64) n * 60000;

  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  store = sy_store_open (path, SY_STORE_READ_WRITE, &error);
  g_assert_no_error (error);

  document = g_strdup_printf ("{\"format\": \"switchyard-workflow/1\", \"key\": \"%s\", \"title\": \"%s\","
                              " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
                              " \"nodes\": [{\"key\": \"sum\", \"type\": \"calculation\","
                              " \"config\": {\"expression\": \"1 + 1\"}}]}", key, key);
  workflow = sy_workflow_new_from_data (document, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sy_store_add_version (store, workflow, &error));

  g_assert_true (sy_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyExecution) execution = sy_execution_new ();
      g_autoptr(SyJob) job = sy_job_new ();
      gboolean failed = i % 3 == 0;

      execution->workflow_id = sy_workflow_get_version_id (workflow);
      execution->workflow_key = g_strdup (key);
      execution->version = sy_workflow_get_version (workflow);
      execution->status = failed ? SY_STATUS_FAILED : SY_STATUS_RESOLVED;
      execution->reason = failed ? g_strdup_printf ("boom %u", i) : NULL;
      execution->manually = TRUE;
      execution->context = json_from_string ("{\"body\": {\"n\": 1}}", NULL);
      execution->created_at = start + (gint64) i * 60000;
      execution->started_at = execution->created_at + 5;
      execution->finished_at = execution->created_at + 5 + i % 1500;
      g_assert_true (sy_store_insert_execution (store, execution, &error));
      g_assert_no_error (error);

      job->execution_id = execution->id;
      job->node_key = g_strdup ("sum");
      job->node_type = g_strdup ("calculation");
      job->status = execution->status;
      job->result = json_from_string ("2", NULL);
      job->started_at = execution->started_at;
      job->finished_at = execution->finished_at;
      g_assert_true (sy_store_insert_job (store, job, &error));
      g_assert_no_error (error);
    }
  g_assert_true (sy_store_commit (store, &error));
  g_assert_no_error (error);
}
