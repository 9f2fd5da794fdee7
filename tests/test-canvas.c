/* test-canvas.c — SyCanvas, SyNodeCard and SyPalette driven through their real paths */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sy-canvas.h"
#include "sy-execution-format.h"
#include "sy-node-kind.h"
#include "sy-node-card.h"
#include "sy-palette.h"
#include "sy-test-ui.h"

typedef struct
{
  SyWorkflowDocument *document;
  GtkWidget          *window;
  SyCanvas           *canvas;
} Fixture;

static void
load_css (gboolean dark)
{
  static GtkCssProvider *light_provider, *dark_provider;
  GdkDisplay *display = gdk_display_get_default ();

  /* AdwApplication loads these in the app; tests make windows directly. */
  if (light_provider == NULL)
    {
      light_provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (light_provider, "/io/github/switchyard/Switchyard/style.css");
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (light_provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      dark_provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (dark_provider, "/io/github/switchyard/Switchyard/style-dark.css");
    }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (dark_provider));
  if (dark)
    gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (dark_provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
}

static SyNode *
insert (SyWorkflowDocument *document,
        SyNode             *parent,
        const char         *branch,
        guint               position,
        const char         *type,
        const char         *title)
{
  g_autoptr(GError) error = NULL;
  SyNode *node = sy_workflow_document_insert_node (document, parent, branch, position, type, &error);

  g_assert_no_error (error);
  if (title != NULL)
    sy_workflow_document_set_node_title (document, node, title, &error);
  return node;
}

/* calculation → condition (true: variable, calculation; false: output)
 * → parallel (1: calculation; 2: empty; 3: loop (body: calculation)) → end */
static SyWorkflowDocument *
sample_document (void)
{
  g_autoptr(SyWorkflow) workflow = sy_workflow_new ("orders", "Orders", "webhook");
  SyWorkflowDocument *document = sy_workflow_document_new (workflow);
  g_autoptr(JsonNode) expression = json_from_string ("\"{{ $context.body.total }} * 1.2\"", NULL);
  SyNode *calc, *condition, *parallel, *loop;

  calc = insert (document, NULL, NULL, 0, "calculation", "Compute total");
  sy_workflow_document_set_node_config (document, calc, "expression", expression, NULL);
  condition = insert (document, NULL, NULL, 1, "condition", "Large order?");
  insert (document, condition, "true", 0, "variable", "Flag for review");
  insert (document, condition, "true", 1, "calculation", "Discount");
  insert (document, condition, "false", 0, "output", "Reply");
  parallel = insert (document, NULL, NULL, 2, "parallel", "Notify");
  sy_workflow_document_add_branch (document, parallel, NULL);
  insert (document, parallel, "1", 0, "calculation", "Mail body");
  loop = insert (document, parallel, "3", 0, "loop", "Each item");
  insert (document, loop, "body", 0, "calculation", "Line total");
  insert (document, NULL, NULL, 3, "end", NULL);

  return document;
}

/* A window of `width` × `height` showing `document` (taken) in a canvas. */
static void
show_canvas (Fixture            *fixture,
             SyWorkflowDocument *document,
             int                 width,
             int                 height)
{
  load_css (FALSE);
  fixture->document = document;
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  fixture->canvas = SY_CANVAS (sy_canvas_new ());
  sy_canvas_set_document (fixture->canvas, fixture->document);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->canvas));
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (fixture->window);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  show_canvas (fixture, sample_document (), 1200, 900);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->document);
  load_css (FALSE);
}

static SyNode *
find (Fixture    *fixture,
      const char *key)
{
  return sy_workflow_find_node (sy_workflow_document_get_workflow (fixture->document), key);
}

static graphene_rect_t
rect_of (Fixture    *fixture,
         const char *key)
{
  graphene_rect_t rect;

  g_assert_true (sy_canvas_get_node_rect (fixture->canvas, key, &rect));
  return rect;
}

static gboolean
collect_keys (SyNode   *node,
              gpointer  user_data)
{
  g_ptr_array_add (user_data, (gpointer) sy_node_get_key (node));
  return TRUE;
}

static GPtrArray *
all_keys (Fixture *fixture)
{
  GPtrArray *keys = g_ptr_array_new ();

  sy_node_chain_foreach (sy_workflow_get_nodes (sy_workflow_document_get_workflow (fixture->document)),
                         collect_keys, keys);
  return keys;
}

static void
assert_no_overlaps (Fixture *fixture)
{
  g_autoptr(GPtrArray) keys = all_keys (fixture);

  g_ptr_array_add (keys, NULL); /* the trigger */
  for (guint i = 0; i < keys->len; i++)
    for (guint j = i + 1; j < keys->len; j++)
      {
        graphene_rect_t a = rect_of (fixture, g_ptr_array_index (keys, i));
        graphene_rect_t b = rect_of (fixture, g_ptr_array_index (keys, j));

        if (graphene_rect_intersection (&a, &b, NULL))
          g_error ("cards %s and %s overlap", (char *) g_ptr_array_index (keys, i),
                   (char *) g_ptr_array_index (keys, j));
      }
}

/* Children below parents, each next node below the previous one. */
static gboolean
check_order (SyNode   *node,
             gpointer  user_data)
{
  Fixture *fixture = user_data;
  graphene_rect_t rect = rect_of (fixture, sy_node_get_key (node));
  SyNode *above = sy_node_get_previous (node) != NULL ? sy_node_get_previous (node) : sy_node_get_parent (node);
  graphene_rect_t upper = rect_of (fixture, above != NULL ? sy_node_get_key (above) : NULL);

  g_assert_cmpfloat (rect.origin.y, >, upper.origin.y + upper.size.height);
  return TRUE;
}

static void
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  graphene_rect_t t, f, b1, b3, bounds, trigger;
  g_autofree char *light = NULL, *dark = NULL, *narrow = NULL;

  assert_no_overlaps (fixture);
  sy_node_chain_foreach (sy_workflow_get_nodes (sy_workflow_document_get_workflow (fixture->document)),
                         check_order, fixture);

  /* Branches side by side, in order, heads level. */
  t = rect_of (fixture, "variable");
  f = rect_of (fixture, "output");
  g_assert_cmpfloat (t.origin.x + t.size.width, <, f.origin.x);
  g_assert_cmpfloat (t.origin.y, ==, f.origin.y);
  b1 = rect_of (fixture, "calculation_3");
  b3 = rect_of (fixture, "loop");
  g_assert_cmpfloat (b1.origin.x, <, b3.origin.x);

  /* The trigger is on top, centred over the main chain. */
  trigger = rect_of (fixture, NULL);
  g_assert_cmpfloat (trigger.origin.y, ==, 0);
  g_assert_cmpfloat (rect_of (fixture, "calculation").origin.x, ==, trigger.origin.x);
  sy_canvas_get_layout_bounds (fixture->canvas, &bounds);
  g_assert_true (graphene_rect_contains_rect (&bounds, &b3));

  /* Cards carry their text and an accessible role. */
  {
    GtkWidget *card = sy_canvas_get_node_card (fixture->canvas, "calculation");

    g_assert_true (SY_IS_NODE_CARD (card));
    gtk_test_accessible_assert_role (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_ROLE_BUTTON);
    g_assert_cmpuint (sy_node_card_get_n_problems (SY_NODE_CARD (card)), ==, 0);
    /* "Discount" has no expression: a problem shows on its card. */
    card = sy_canvas_get_node_card (fixture->canvas, "calculation_2");
    g_assert_cmpuint (sy_node_card_get_n_problems (SY_NODE_CARD (card)), >=, 1);
  }

  sy_canvas_select_node (fixture->canvas, find (fixture, "condition"));
  sy_canvas_zoom_to_fit (fixture->canvas);
  gtk_test_widget_wait_for_draw (fixture->window);
  light = sy_test_ui_save_png (fixture->window, "canvas-light.png");

  load_css (TRUE);
  sy_test_ui_wait (100);
  gtk_test_widget_wait_for_draw (fixture->window);
  dark = sy_test_ui_save_png (fixture->window, "canvas-dark.png");
  load_css (FALSE);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 420, 700);
  sy_test_ui_wait (200);
  gtk_test_widget_wait_for_draw (fixture->window);
  sy_canvas_set_zoom (fixture->canvas, 1.0);
  /* Selecting scrolls the node into view. */
  sy_canvas_select_node (fixture->canvas, find (fixture, "variable"));
  gtk_test_widget_wait_for_draw (fixture->window);
  narrow = sy_test_ui_save_png (fixture->window, "canvas-narrow.png");
}

static const SyCanvasInsertPoint *
find_point (GPtrArray  *points,
            const char *parent_key,
            const char *branch,
            guint       position)
{
  for (guint i = 0; i < points->len; i++)
    {
      const SyCanvasInsertPoint *point = g_ptr_array_index (points, i);

      if (g_strcmp0 (point->parent_key, parent_key) == 0 && g_strcmp0 (point->branch, branch) == 0
          && point->position == position)
        return point;
    }

  g_error ("no insert point %s/%s/%u", parent_key, branch, position);
  return NULL;
}

static void
test_insert_menu (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = all_keys (fixture);
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  g_autoptr(GPtrArray) points = sy_canvas_get_insert_points (fixture->canvas);
  guint measured = sy_canvas_get_n_measured (fixture->canvas);
  SyNode *parallel = find (fixture, "parallel");
  SyNode *inserted;

  /* A "+" on every edge and at the head of every branch (the empty one too). */
  find_point (points, NULL, NULL, 0);
  find_point (points, "parallel", "2", 0);
  find_point (points, "condition", "false", 1);
  find_point (points, "loop", "body", 1);

  for (guint i = 0; i < keys->len; i++)
    {
      graphene_rect_t rect = rect_of (fixture, g_ptr_array_index (keys, i));

      g_array_append_val (before, rect);
    }

  /* The "+" menu path: the action the menu's rows activate. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.insert", "(ssus)",
                              "parallel", "2", 0, "variable");
  g_assert_cmpuint (sy_node_get_branch (parallel, "2")->len, ==, 1);
  inserted = sy_node_get_branch_head (parallel, "2");
  g_assert_true (sy_canvas_get_selected_node (fixture->canvas) == inserted);
  /* Only the new card was measured. */
  g_assert_cmpuint (sy_canvas_get_n_measured (fixture->canvas), ==, measured + 1);

  /* Untouched nodes above and beside keep their places. */
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      graphene_rect_t now = rect_of (fixture, key);

      if (g_str_equal (key, "end"))
        continue;   /* below the parallel: it moves down */
      g_assert_true (graphene_rect_equal (&now, &g_array_index (before, graphene_rect_t, i)));
    }
  assert_no_overlaps (fixture);

  /* The keyboard path to the same menu opens the popover at the selection. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.open-insert-menu", NULL);
  {
    GtkWidget *popover = NULL;

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->canvas)); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER (child))
        popover = child;
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  /* A read-only document refuses. */
  {
    guint count = sy_workflow_count_nodes (sy_workflow_document_get_workflow (fixture->document));

    sy_workflow_document_set_read_only (fixture->document, TRUE);
    gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.insert", "(ssus)", "", "", 0, "variable");
    g_assert_cmpuint (sy_workflow_count_nodes (sy_workflow_document_get_workflow (fixture->document)), ==, count);
  }
  sy_workflow_document_set_read_only (fixture->document, FALSE);
}

/* Where a "+" is drawn, in view coordinates. */
static void
point_centre (Fixture                   *fixture,
              const SyCanvasInsertPoint *point,
              double                    *vx,
              double                    *vy)
{
  sy_canvas_model_to_view (fixture->canvas, point->rect.origin.x + point->rect.size.width / 2,
                           point->rect.origin.y + point->rect.size.height / 2, vx, vy);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) points = sy_canvas_get_insert_points (fixture->canvas);
  GtkWidget *card = sy_canvas_get_node_card (fixture->canvas, "parallel");
  GtkWidget *add_branch = sy_test_ui_find (card, "add_branch_button");
  guint n_points = points->len;
  double editable_h = rect_of (fixture, "parallel").size.height;
  double vx, vy;
  g_autofree char *png = NULL;

  /* Editable: "+" points everywhere, one under the pointer, and the
   * parallel's card offers to add a branch. */
  g_assert_cmpuint (n_points, >, 5);
  point_centre (fixture, find_point (points, "condition", "false", 1), &vx, &vy);
  g_assert_cmpint (sy_canvas_pick_insert_point (fixture->canvas, vx, vy), >=, 0);
  sy_canvas_pick_insert_point (fixture->canvas, -5000, -5000);
  g_assert_true (gtk_widget_is_drawable (add_branch));

  /* Read-only: no "+" drawn, none to pick or drop on, no branch buttons;
   * the cards lose the bar's height. */
  sy_workflow_document_set_read_only (fixture->document, TRUE);
  gtk_test_widget_wait_for_draw (fixture->window);
  points = (g_ptr_array_unref (points), sy_canvas_get_insert_points (fixture->canvas));
  g_assert_cmpuint (points->len, ==, 0);
  g_assert_cmpint (sy_canvas_pick_insert_point (fixture->canvas, vx, vy), ==, -1);
  g_assert_null (sy_canvas_drop_type_at (fixture->canvas, "calculation", vx, vy));
  card = sy_canvas_get_node_card (fixture->canvas, "parallel");
  g_assert_false (gtk_widget_is_drawable (sy_test_ui_find (card, "add_branch_button")));
  g_assert_cmpfloat (rect_of (fixture, "parallel").size.height, <, editable_h);
  assert_no_overlaps (fixture);
  png = sy_test_ui_save_png (fixture->window, "canvas-read-only.png");

  /* Editable again: everything is back. */
  sy_workflow_document_set_read_only (fixture->document, FALSE);
  gtk_test_widget_wait_for_draw (fixture->window);
  points = (g_ptr_array_unref (points), sy_canvas_get_insert_points (fixture->canvas));
  g_assert_cmpuint (points->len, ==, n_points);
  point_centre (fixture, find_point (points, "condition", "false", 1), &vx, &vy);
  g_assert_cmpint (sy_canvas_pick_insert_point (fixture->canvas, vx, vy), >=, 0);
  sy_canvas_pick_insert_point (fixture->canvas, -5000, -5000);
  card = sy_canvas_get_node_card (fixture->canvas, "parallel");
  g_assert_true (gtk_widget_is_drawable (sy_test_ui_find (card, "add_branch_button")));
  g_assert_cmpfloat (rect_of (fixture, "parallel").size.height, ==, editable_h);
  assert_no_overlaps (fixture);
}

static void
test_drag_and_drop (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) points = sy_canvas_get_insert_points (fixture->canvas);
  const SyCanvasInsertPoint *point = find_point (points, "condition", "false", 1);
  SyNode *condition = find (fixture, "condition");
  SyNode *dropped;
  double vx, vy;
  g_autofree char *png = NULL;

  point_centre (fixture, point, &vx, &vy);

  /* While dragging, the nearest "+" is highlighted. */
  g_assert_cmpint (sy_canvas_pick_insert_point (fixture->canvas, vx + 6, vy + 4), >=, 0);
  gtk_test_widget_wait_for_draw (fixture->window);
  png = sy_test_ui_save_png (fixture->window, "canvas-drop-highlight.png");

  dropped = sy_canvas_drop_type_at (fixture->canvas, "calculation", vx + 6, vy + 4);
  g_assert_nonnull (dropped);
  g_assert_true (sy_node_get_parent (dropped) == condition);
  g_assert_cmpstr (sy_node_get_parent_branch (dropped), ==, "false");
  g_assert_true (sy_node_get_previous (dropped) == find (fixture, "output"));

  /* Far from any "+", nothing happens. */
  g_assert_null (sy_canvas_drop_type_at (fixture->canvas, "calculation", -5000, -5000));

  /* Dragging a card (with its branches) onto another edge moves it. */
  points = (g_ptr_array_unref (points), sy_canvas_get_insert_points (fixture->canvas));
  point = find_point (points, NULL, NULL, 0);
  sy_canvas_model_to_view (fixture->canvas, point->rect.origin.x + 11, point->rect.origin.y + 11, &vx, &vy);
  g_assert_true (sy_canvas_drop_node_at (fixture->canvas, "parallel", vx, vy));
  g_assert_true (g_ptr_array_index (sy_workflow_get_nodes (sy_workflow_document_get_workflow (fixture->document)), 0)
                 == find (fixture, "parallel"));
  g_assert_nonnull (sy_node_get_branch_head (find (fixture, "parallel"), "3"));
  assert_no_overlaps (fixture);

  /* Undo puts it back. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.undo", NULL);
  g_assert_cmpstr (sy_node_get_key (g_ptr_array_index (sy_workflow_get_nodes (sy_workflow_document_get_workflow (fixture->document)), 0)),
                   ==, "calculation");
  assert_no_overlaps (fixture);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
test_delete_with_branch_choice (Fixture       *fixture,
                                gconstpointer  data)
{
  GPtrArray *main_chain = sy_workflow_get_nodes (sy_workflow_document_get_workflow (fixture->document));
  AdwMessageDialog *dialog;
  g_autofree char *png = NULL;

  sy_canvas_select_node (fixture->canvas, find (fixture, "condition"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.delete", NULL);

  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "keep:true"));
  g_assert_true (adw_message_dialog_has_response (dialog, "keep:false"));
  g_assert_true (adw_message_dialog_has_response (dialog, "all"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  png = sy_test_ui_save_png (GTK_WIDGET (dialog), "canvas-delete-dialog.png");
  adw_message_dialog_response (dialog, "keep:true");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_null (find (fixture, "condition"));
  g_assert_null (find (fixture, "output"));
  g_assert_cmpstr (sy_node_get_key (g_ptr_array_index (main_chain, 1)), ==, "variable");
  g_assert_cmpstr (sy_node_get_key (g_ptr_array_index (main_chain, 2)), ==, "calculation_2");
  assert_no_overlaps (fixture);

  /* Undo and redo through the canvas's actions (Ctrl+Z, Ctrl+Shift+Z). */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.undo", NULL);
  g_assert_nonnull (find (fixture, "condition"));
  g_assert_nonnull (sy_canvas_get_node_card (fixture->canvas, "output"));
  assert_no_overlaps (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.redo", NULL);
  g_assert_null (find (fixture, "condition"));

  /* A plain node goes without asking; the selection moves to its neighbour. */
  sy_canvas_select_node (fixture->canvas, find (fixture, "variable"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.delete", NULL);
  g_assert_null (find_dialog ());
  g_assert_null (find (fixture, "variable"));
  g_assert_true (sy_canvas_get_selected_node (fixture->canvas) == find (fixture, "calculation_2"));

  /* Branch buttons: add and remove through the card's actions. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.add-branch", "s", "parallel");
  g_assert_nonnull (sy_node_get_branch (find (fixture, "parallel"), "4"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.remove-branch", "(ss)", "parallel", "1");
  g_assert_null (sy_node_get_branch (find (fixture, "parallel"), "4"));
  g_assert_true (sy_node_get_branch_head (find (fixture, "parallel"), "2") == find (fixture, "loop"));
  assert_no_overlaps (fixture);
}

typedef struct
{
  SyWorkflowDocument *document;
  guint               count;
} CountData;

static gboolean
has_more_nodes (gpointer user_data)
{
  CountData *data = user_data;

  return sy_workflow_count_nodes (sy_workflow_document_get_workflow (data->document)) > data->count;
}

static void
test_clipboard (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SyWorkflow) other_workflow = sy_workflow_new ("other", "Other", "schedule");
  g_autoptr(SyWorkflowDocument) other = sy_workflow_document_new (other_workflow);
  g_autoptr(JsonNode) reference = json_from_string ("\"{{ $jobsMapByNodeKey.variable }}\"", NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *second = sy_canvas_new ();
  SyNode *condition = find (fixture, "condition");
  CountData wait = { other, 0 };
  SyNode *pasted, *renamed_variable, *discount;
  g_autofree char *png = NULL;

  /* The discount reads the flag, so the pasted copy must read the renamed flag. */
  sy_workflow_document_set_node_config (fixture->document, find (fixture, "calculation_2"), "expression",
                                        reference, NULL);
  insert (other, NULL, NULL, 0, "variable", "Existing");   /* key "variable" clashes */

  g_object_ref (fixture->canvas);
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);
  gtk_widget_set_hexpand (GTK_WIDGET (fixture->canvas), TRUE);
  gtk_widget_set_hexpand (second, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->canvas));
  gtk_box_append (GTK_BOX (box), second);
  g_object_unref (fixture->canvas);
  sy_canvas_set_document (SY_CANVAS (second), other);
  gtk_test_widget_wait_for_draw (fixture->window);

  sy_canvas_select_node (fixture->canvas, condition);
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.copy", NULL);

  sy_canvas_select_node (SY_CANVAS (second),
                         sy_workflow_get_head (sy_workflow_document_get_workflow (other)));
  wait.count = sy_workflow_count_nodes (other_workflow);
  gtk_widget_activate_action (second, "canvas.paste", NULL);
  g_assert_true (sy_test_ui_wait_for (has_more_nodes, &wait, 5000));

  pasted = g_ptr_array_index (sy_workflow_get_nodes (other_workflow), 1);
  g_assert_cmpstr (sy_node_get_node_type (pasted), ==, "condition");
  g_assert_true (sy_canvas_get_selected_node (SY_CANVAS (second)) == pasted);
  renamed_variable = sy_node_get_branch_head (pasted, "true");
  g_assert_cmpstr (sy_node_get_key (renamed_variable), ==, "variable_2");
  discount = sy_node_get_next (renamed_variable);
  g_assert_cmpstr (json_node_get_string (sy_node_get_config_member (discount, "expression")), ==,
                   "{{ $jobsMapByNodeKey.variable_2 }}");
  g_assert_nonnull (sy_canvas_get_node_card (SY_CANVAS (second), "variable_2"));

  /* Cut removes it from the source, with its branches. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.cut", NULL);
  g_assert_null (find (fixture, "condition"));
  g_assert_null (find (fixture, "output"));

  sy_canvas_zoom_to_fit (SY_CANVAS (second));
  gtk_test_widget_wait_for_draw (fixture->window);
  png = sy_test_ui_save_png (fixture->window, "canvas-paste.png");
}

static void
on_activated (SyCanvas *canvas,
              SyNode   *node,
              SyNode  **out)
{
  *out = node;
}

static gboolean
press (SyCanvas        *canvas,
       guint            keyval,
       GdkModifierType  modifiers)
{
  return sy_test_ui_press (GTK_WIDGET (canvas), keyval, modifiers);
}

static const char *
selected_key (SyCanvas *canvas)
{
  SyNode *node = sy_canvas_get_selected_node (canvas);

  return node != NULL ? sy_node_get_key (node) : NULL;
}

/* The keyboard focus is on the card of `key` (NULL: the trigger). */
static void
assert_focused (SyCanvas   *canvas,
                const char *key)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (canvas)));

  g_assert_true (SY_IS_NODE_CARD (focus));
  if (key == NULL)
    g_assert_true (sy_node_card_is_trigger (SY_NODE_CARD (focus)));
  else
    g_assert_cmpstr (sy_node_get_key (sy_node_card_get_node (SY_NODE_CARD (focus))), ==, key);
  g_assert_cmpstr (selected_key (canvas), ==, key);
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  /* Reading order: a node, its branches left to right, then what follows. */
  const char *order[] = { "calculation", "condition", "variable", "calculation_2", "output", "parallel",
                          "calculation_3", "loop", "calculation_4", "end" };
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  SyCanvas *c = fixture->canvas;
  SyNode *activated = NULL;

  g_signal_connect (canvas, "node-activated", G_CALLBACK (on_activated), &activated);

  /* Down from the trigger visits every node, Up comes back to the trigger. */
  g_assert_true (press (c, GDK_KEY_Home, 0));
  assert_focused (c, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_assert_true (press (c, GDK_KEY_Down, 0));
      assert_focused (c, order[i]);
    }
  g_assert_true (press (c, GDK_KEY_Down, 0)); /* nowhere further: stays */
  assert_focused (c, "end");
  for (guint i = G_N_ELEMENTS (order) - 1; i > 0; i--)
    {
      g_assert_true (press (c, GDK_KEY_Up, 0));
      assert_focused (c, order[i - 1]);
    }
  g_assert_true (press (c, GDK_KEY_Up, 0));
  assert_focused (c, NULL);
  g_assert_true (press (c, GDK_KEY_End, 0));
  assert_focused (c, "end");
  g_assert_true (press (c, GDK_KEY_Home, 0));
  assert_focused (c, NULL);

  /* Left and Right cross to the neighbouring branch's head (an empty one
   * is skipped), of the innermost branching node that has one. */
  sy_canvas_select_node (c, find (fixture, "calculation_2"));
  g_assert_true (press (c, GDK_KEY_Right, 0));
  assert_focused (c, "output");
  g_assert_true (press (c, GDK_KEY_Right, 0)); /* no branch further right */
  assert_focused (c, "output");
  g_assert_true (press (c, GDK_KEY_Left, 0));
  assert_focused (c, "variable");
  sy_canvas_select_node (c, find (fixture, "calculation_3"));
  g_assert_true (press (c, GDK_KEY_Right, 0));
  assert_focused (c, "loop");
  g_assert_true (press (c, GDK_KEY_Left, 0));
  assert_focused (c, "calculation_3");
  sy_canvas_select_node (c, find (fixture, "calculation_4"));
  g_assert_true (press (c, GDK_KEY_Left, 0)); /* the loop has one branch: the parallel's next to the left */
  assert_focused (c, "calculation_3");

  /* Alt+Up leaves a branch for its branching node; Alt+Down skips branches. */
  sy_canvas_select_node (c, find (fixture, "calculation_4"));
  g_assert_true (press (c, GDK_KEY_Up, GDK_ALT_MASK));
  assert_focused (c, "loop");
  g_assert_true (press (c, GDK_KEY_Up, GDK_ALT_MASK));
  assert_focused (c, "parallel");
  g_assert_true (press (c, GDK_KEY_Up, GDK_ALT_MASK)); /* on the main chain: stays */
  assert_focused (c, "parallel");
  sy_canvas_select_node (c, find (fixture, "condition"));
  g_assert_true (press (c, GDK_KEY_Down, GDK_ALT_MASK));
  assert_focused (c, "parallel");
  sy_canvas_select_node (c, find (fixture, "calculation_2"));
  g_assert_true (press (c, GDK_KEY_Down, GDK_ALT_MASK));
  assert_focused (c, "parallel");

  /* Enter (and Space, as on any button) emits what a double click does. */
  sy_canvas_select_node (c, find (fixture, "calculation"));
  g_assert_true (press (c, GDK_KEY_Return, 0));
  g_assert_true (activated == find (fixture, "calculation"));
  activated = NULL;
  sy_canvas_select_node (c, find (fixture, "output"));
  g_assert_true (press (c, GDK_KEY_space, 0));
  g_assert_true (activated == find (fixture, "output"));
  activated = find (fixture, "output");
  g_assert_true (press (c, GDK_KEY_Home, 0));
  g_assert_true (press (c, GDK_KEY_Return, 0));
  g_assert_null (activated); /* the trigger */

  /* Tab enters the canvas at the selected node, goes on to the buttons
   * on its card, then leaves: a long workflow is no long row of Tab stops. */
  sy_canvas_select_node (c, find (fixture, "condition"));
  gtk_window_set_focus (GTK_WINDOW (fixture->window), NULL);
  g_assert_true (gtk_widget_child_focus (canvas, GTK_DIR_TAB_FORWARD));
  assert_focused (c, "condition");
  g_assert_false (gtk_widget_child_focus (canvas, GTK_DIR_TAB_FORWARD));
  sy_canvas_select_node (c, find (fixture, "parallel"));
  g_assert_true (gtk_widget_child_focus (canvas, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_has_focus (sy_test_ui_find (sy_canvas_get_node_card (c, "parallel"),
                                                        "add_branch_button")));
  g_assert_true (gtk_widget_child_focus (canvas, GTK_DIR_TAB_BACKWARD));
  assert_focused (c, "parallel");
  g_assert_false (gtk_widget_child_focus (canvas, GTK_DIR_TAB_BACKWARD));
}

/* The open "+" menu (a popover of the canvas), or NULL. */
static GtkWidget *
shown_insert_popover (SyCanvas *canvas)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (canvas)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && !GTK_IS_POPOVER_MENU (child) && gtk_widget_get_visible (child))
      return child;

  return NULL;
}

/* What a screen reader is told: names, roles, the canvas's state. */
static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  SyCanvas *c = fixture->canvas;
  g_autoptr(GPtrArray) points = g_ptr_array_new ();
  GtkWidget *card, *popover;

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_LABEL, "Workflow “Orders”");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_READ_ONLY, FALSE);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  /* Cards: title, type, position in reading order; where they stand. */
  card = sy_canvas_get_node_card (c, "calculation");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Compute total, Calculation, node 1 of 10");
  card = sy_canvas_get_node_card (c, "output");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Reply, Output, node 5 of 10");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "In “False” of “Large order?”");
  card = sy_canvas_get_node_card (c, "end");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, "End, node 10 of 10");
  card = sy_canvas_get_node_card (c, NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, "Webhook trigger");
  /* "Discount" has no expression: the problem is read after the place. */
  card = sy_canvas_get_node_card (c, "calculation_2");
  g_assert_true (g_str_has_prefix (sy_node_card_get_label (SY_NODE_CARD (card)), "Discount, Calculation, node 4 of"));
  {
    /* check_property gives the value when it differs from the one expected. */
    g_autofree char *description = gtk_test_accessible_check_property (GTK_ACCESSIBLE (card),
                                                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");

    g_assert_nonnull (description);
    g_assert_true (g_str_has_prefix (description, "In “True” of “Large order?”\n"));
    /* In words, as the problems dialog says it, not as a JSON path. */
    g_assert_nonnull (strstr (description, "Expression: an expression is required"));
    g_assert_null (strstr (description, "config.expression"));
  }

  /* A rename reaches the label. */
  g_assert_true (sy_workflow_document_set_node_title (fixture->document, find (fixture, "output"), "Answer", NULL));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (sy_canvas_get_node_card (c, "output")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Answer, Output, node 5 of 10");

  /* Branch buttons say what they change. */
  card = sy_canvas_get_node_card (c, "parallel");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (sy_test_ui_find (card, "add_branch_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Add a branch to “Notify”");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (sy_test_ui_find (card, "remove_branch_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Remove a branch from “Notify”");

  /* Each "+" place has a name, which its menu takes when it opens. */
  points = (g_ptr_array_unref (points), sy_canvas_get_insert_points (c));
  g_assert_cmpstr (find_point (points, NULL, NULL, 0)->label, ==, "Add a node after the trigger");
  g_assert_cmpstr (find_point (points, NULL, NULL, 2)->label, ==, "Add a node after “Large order?”");
  g_assert_cmpstr (find_point (points, "condition", "false", 1)->label, ==, "Add a node after “Answer”");
  g_assert_cmpstr (find_point (points, "parallel", "2", 0)->label, ==, "Add a node to “Branch 2” of “Notify”");
  /* The pointer's way: a "+" tells the same in its tooltip. */
  {
    g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
    const SyCanvasInsertPoint *point = find_point (points, "condition", "false", 1);
    double vx, vy;
    gboolean shown = FALSE;

    point_centre (fixture, point, &vx, &vy);
    g_signal_emit_by_name (c, "query-tooltip", (int) vx, (int) vy, FALSE, tooltip, &shown);
    g_assert_true (shown);
    g_signal_emit_by_name (c, "query-tooltip", (int) vx + 60, (int) vy, FALSE, tooltip, &shown);
    g_assert_false (shown);
  }
  sy_canvas_select_node (c, find (fixture, "output"));
  g_assert_true (press (c, GDK_KEY_Insert, 0));
  popover = shown_insert_popover (c);
  g_assert_nonnull (popover);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (popover), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Add a node after “Answer”");
  {
    GtkWidget *search = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (c)));

    /* The focus is in the search (its text), which names the place too. */
    search = gtk_widget_get_ancestor (search, GTK_TYPE_SEARCH_ENTRY);
    g_assert_nonnull (search);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Add a node after “Answer”");
  }
  gtk_popover_popdown (GTK_POPOVER (popover));
  /* The node menu's way to an empty branch's "+". */
  gtk_widget_activate_action (GTK_WIDGET (c), "canvas.add-to-branch", "(ss)", "parallel", "2");
  popover = shown_insert_popover (c);
  g_assert_nonnull (popover);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (popover), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Add a node to “Branch 2” of “Notify”");
  gtk_widget_activate_action (GTK_WIDGET (c), "canvas.insert", "(ssus)", "parallel", "2", 0, "variable");
  g_assert_cmpuint (sy_node_get_branch (find (fixture, "parallel"), "2")->len, ==, 1);

  /* A document that only shows says so. */
  sy_workflow_document_set_read_only (fixture->document, TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_READ_ONLY, TRUE);
}

static void
test_zoom (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  graphene_rect_t bounds;
  double x0, y0, x1, y1;
  double fitted_zoom;
  g_autofree char *png = NULL;

  gtk_widget_activate_action (canvas, "canvas.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (sy_canvas_get_zoom (fixture->canvas), 1.25, 1e-9);
  gtk_widget_activate_action (canvas, "canvas.zoom-out", NULL);
  gtk_widget_activate_action (canvas, "canvas.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (sy_canvas_get_zoom (fixture->canvas), 0.8, 1e-9);
  gtk_widget_activate_action (canvas, "canvas.zoom-reset", NULL);
  g_assert_cmpfloat_with_epsilon (sy_canvas_get_zoom (fixture->canvas), 1.0, 1e-9);

  /* Zoom to fit a small window: everything visible. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 500, 400);
  sy_test_ui_wait (200);
  gtk_test_widget_wait_for_draw (fixture->window);
  gtk_widget_activate_action (canvas, "canvas.zoom-fit", NULL);
  g_assert_cmpfloat (sy_canvas_get_zoom (fixture->canvas), <, 0.5);
  sy_canvas_get_layout_bounds (fixture->canvas, &bounds);
  sy_canvas_model_to_view (fixture->canvas, bounds.origin.x, bounds.origin.y, &x0, &y0);
  sy_canvas_model_to_view (fixture->canvas, bounds.origin.x + bounds.size.width,
                           bounds.origin.y + bounds.size.height, &x1, &y1);
  g_assert_cmpfloat (x0, >=, 0);
  g_assert_cmpfloat (y0, >=, 0);
  g_assert_cmpfloat (x1, <=, gtk_widget_get_width (canvas));
  g_assert_cmpfloat (y1, <=, gtk_widget_get_height (canvas));

  /* Below 0.35 the cards are drawn, not snapshotted as widgets. */
  g_assert_true (sy_canvas_get_drawn_mode (fixture->canvas));
  gtk_test_widget_wait_for_draw (fixture->window);
  png = sy_test_ui_save_png (fixture->window, "canvas-zoomed-out.png");

  /* A fitted view stays fitted when the canvas grows… */
  fitted_zoom = sy_canvas_get_zoom (fixture->canvas);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 800);
  sy_test_ui_wait (200);
  gtk_test_widget_wait_for_draw (fixture->window);
  g_assert_cmpfloat (sy_canvas_get_zoom (fixture->canvas), >, fitted_zoom * 1.5);
  sy_canvas_model_to_view (fixture->canvas, bounds.origin.x, bounds.origin.y, &x0, &y0);
  sy_canvas_model_to_view (fixture->canvas, bounds.origin.x + bounds.size.width,
                           bounds.origin.y + bounds.size.height, &x1, &y1);
  g_assert_cmpfloat (x0, >=, 0);
  g_assert_cmpfloat (x1, <=, gtk_widget_get_width (canvas));
  g_assert_cmpfloat (y1, <=, gtk_widget_get_height (canvas));

  /* …until the person zooms: then a resize leaves the zoom alone. */
  gtk_widget_activate_action (canvas, "canvas.zoom-in", NULL);
  fitted_zoom = sy_canvas_get_zoom (fixture->canvas);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 500, 400);
  sy_test_ui_wait (200);
  gtk_test_widget_wait_for_draw (fixture->window);
  g_assert_cmpfloat_with_epsilon (sy_canvas_get_zoom (fixture->canvas), fitted_zoom, 1e-9);
}

static void
on_type_activated (SyPalette  *palette,
                   const char *type,
                   SyCanvas   *canvas)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (sy_canvas_insert_after_selection (canvas, type, &error));
  g_assert_no_error (error);
}

static void
test_palette (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *palette = sy_palette_new ();
  SyNode *selected;
  g_autofree char *png = NULL;
  g_autoptr(GPtrArray) kinds = sy_node_kind_list ();

  g_object_ref (fixture->canvas);
  gtk_window_set_child (GTK_WINDOW (fixture->window), paned);
  gtk_paned_set_start_child (GTK_PANED (paned), palette);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (fixture->canvas));
  gtk_paned_set_position (GTK_PANED (paned), 280);
  g_object_unref (fixture->canvas);
  g_signal_connect (palette, "type-activated", G_CALLBACK (on_type_activated), fixture->canvas);

  g_assert_cmpuint (sy_palette_get_n_visible (SY_PALETTE (palette)), ==, kinds->len);
  sy_palette_set_query (SY_PALETTE (palette), "LOOP");
  g_assert_cmpuint (sy_palette_get_n_visible (SY_PALETTE (palette)), ==, 1);
  sy_palette_set_query (SY_PALETTE (palette), NULL);

  /* Activating a row inserts after the selected node. */
  sy_canvas_select_node (fixture->canvas, find (fixture, "output"));
  g_assert_true (sy_palette_activate_type (SY_PALETTE (palette), "variable"));
  selected = sy_canvas_get_selected_node (fixture->canvas);
  g_assert_cmpstr (sy_node_get_node_type (selected), ==, "variable");
  g_assert_true (sy_node_get_previous (selected) == find (fixture, "output"));

  gtk_test_widget_wait_for_draw (fixture->window);
  sy_test_ui_wait (100);
  png = sy_test_ui_save_png (fixture->window, "canvas-palette.png");
}

static void
test_card_job (void)
{
  g_autoptr(SyWorkflowDocument) document = sample_document ();
  SyNode *node = sy_workflow_find_node (sy_workflow_document_get_workflow (document), "calculation");
  GtkWidget *card = g_object_ref_sink (sy_node_card_new (document, node));
  g_autoptr(SyJob) job = sy_job_new ();

  job->status = SY_STATUS_RESOLVED;
  job->result = json_from_string ("{\"total\": 42}", NULL);
  sy_node_card_set_job (SY_NODE_CARD (card), job);
  g_assert_true (gtk_widget_has_css_class (card, "resolved"));
  g_assert_true (sy_node_card_get_job (SY_NODE_CARD (card)) == job);
  job->status = SY_STATUS_FAILED;
  sy_node_card_set_job (SY_NODE_CARD (card), job);
  g_assert_false (gtk_widget_has_css_class (card, "resolved"));
  g_assert_true (gtk_widget_has_css_class (card, "failed"));
  /* A screen reader hears how it ran, and why not. */
  g_clear_pointer (&job->result, json_node_unref);
  job->result = json_from_string ("{\"message\": \"jq error: null has no keys\"}", NULL);
  sy_node_card_set_job (SY_NODE_CARD (card), job);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Compute total, Calculation, Failed: jq error: null has no keys");
  /* A long message is cut in the label and whole in the description. */
  {
    g_autofree char *message = g_strnfill (120, 'x');
    g_autofree char *json = g_strdup_printf ("{\"message\": \"jq error: %s\"}", message);
    g_autofree char *whole = g_strdup_printf ("jq error: %s", message);

    g_clear_pointer (&job->result, json_node_unref);
    job->result = json_from_string (json, NULL);
    sy_node_card_set_job (SY_NODE_CARD (card), job);
    g_assert_true (g_str_has_suffix (sy_node_card_get_label (SY_NODE_CARD (card)), "x…"));
    g_assert_cmpuint (g_utf8_strlen (sy_node_card_get_label (SY_NODE_CARD (card)), -1), <, 140);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, whole);
  }
  job->status = SY_STATUS_RESOLVED;
  sy_node_card_set_job (SY_NODE_CARD (card), job);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Compute total, Calculation, Succeeded");
  job->status = SY_STATUS_FAILED;
  /* The icon is the one the executions list and the job panel show. */
  job->status = SY_STATUS_RETRY_NEEDED;
  sy_node_card_set_job (SY_NODE_CARD (card), job);
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (sy_test_ui_find (card, "status_icon"))), ==,
                   sy_status_icon_name (SY_STATUS_RETRY_NEEDED, TRUE));
  sy_node_card_set_job (SY_NODE_CARD (card), NULL);
  g_assert_false (gtk_widget_has_css_class (card, "failed"));
  g_assert_null (sy_node_card_get_job (SY_NODE_CARD (card)));

  g_assert_finalize_object (card);
}


/* Large workflows: lazy cards, local edits ------------------------------- */

/* `blocks` times: calculation → condition (true: calculation; false: variable). */
static SyWorkflowDocument *
long_document (guint blocks)
{
  g_autoptr(SyWorkflow) workflow = sy_workflow_new ("long", "Long", "webhook");
  GPtrArray *chain = sy_workflow_get_nodes (workflow);
  guint n = 0;

  for (guint b = 0; b < blocks; b++)
    {
      g_autofree char *k1 = g_strdup_printf ("n%u", n++);
      g_autofree char *k2 = g_strdup_printf ("n%u", n++);
      g_autofree char *k3 = g_strdup_printf ("n%u", n++);
      g_autofree char *k4 = g_strdup_printf ("n%u", n++);
      g_autoptr(SyNode) calc = sy_node_new (k1, "calculation");
      g_autoptr(SyNode) condition = sy_node_new (k2, "condition");
      g_autoptr(SyNode) yes = sy_node_new (k3, "calculation");
      g_autoptr(SyNode) no = sy_node_new (k4, "variable");

      sy_node_chain_insert (chain, NULL, NULL, chain->len, calc);
      sy_node_chain_insert (chain, NULL, NULL, chain->len, condition);
      sy_node_chain_insert (sy_node_ensure_branch (condition, "true"), condition, "true", 0, yes);
      sy_node_chain_insert (sy_node_ensure_branch (condition, "false"), condition, "false", 0, no);
    }
  sy_workflow_reindex (workflow);

  return sy_workflow_document_new (workflow);
}

typedef Fixture Big;

static void
big_init (Big   *big,
          guint  blocks)
{
  show_canvas (big, long_document (blocks), 800, 600);
}

static void
big_clear (Big *big)
{
  fixture_tear_down (big, NULL);
}

static SyNode *
big_node (Big        *big,
          const char *key)
{
  return sy_workflow_find_node (sy_workflow_document_get_workflow (big->document), key);
}

/* The card showing `key` now, without making one (NULL: none). */
static GtkWidget *
peek_card (SyCanvas   *canvas,
           const char *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (canvas)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SY_IS_NODE_CARD (child) && gtk_widget_get_child_visible (child)
        && !sy_node_card_is_trigger (SY_NODE_CARD (child))
        && g_strcmp0 (sy_node_get_key (sy_node_card_get_node (SY_NODE_CARD (child))), key) == 0)
      return child;

  return NULL;
}

static guint
count_card_widgets (SyCanvas *canvas)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (canvas)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SY_IS_NODE_CARD (child))
      n++;

  return n;
}

/* Every node with a card lies near the view. */
static void
assert_cards_near_view (Big *big)
{
  int height = gtk_widget_get_height (GTK_WIDGET (big->canvas));
  guint with_card = 0;

  for (guint i = 0; i < 4 * 100; i++)
    {
      g_autofree char *key = g_strdup_printf ("n%u", i);
      graphene_rect_t rect;
      double x, y0, y1;

      if (big_node (big, key) == NULL || peek_card (big->canvas, key) == NULL)
        continue;
      with_card++;
      g_assert_true (sy_canvas_get_node_rect (big->canvas, key, &rect));
      sy_canvas_model_to_view (big->canvas, rect.origin.x, rect.origin.y, &x, &y0);
      sy_canvas_model_to_view (big->canvas, rect.origin.x, rect.origin.y + rect.size.height, &x, &y1);
      if (y1 < -400 || y0 > height + 400)
        g_error ("node %s has a card but lies at %.0f..%.0f, far from the view (0..%d)", key, y0, y1, height);
    }
  g_assert_cmpuint (with_card, ==, sy_canvas_get_n_cards (big->canvas));
}

static void
test_lazy_cards (void)
{
  Big big;
  guint first_cards, most = 0;
  g_autofree char *png = NULL;

  big_init (&big, 100);  /* 400 nodes */
  first_cards = sy_canvas_get_n_cards (big.canvas);
  g_assert_cmpuint (first_cards, >, 3);
  g_assert_cmpuint (first_cards, <, 40);
  /* Cards, the trigger's and at most one for measuring shapes. */
  g_assert_cmpuint (count_card_widgets (big.canvas), <=, first_cards + 2);
  assert_cards_near_view (&big);
  g_assert_nonnull (peek_card (big.canvas, "n0"));
  g_assert_null (peek_card (big.canvas, "n399"));

  /* Keyboard down the graph: the view pans, cards come and go and are
   * reused; their number does not grow with the distance travelled. */
  sy_canvas_select_node (big.canvas, big_node (&big, "n0"));
  for (int i = 0; i < 60; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (big.canvas), "canvas.navigate", "s", "down");
      gtk_test_widget_wait_for_draw (big.window);
      most = MAX (most, count_card_widgets (big.canvas));
    }
  g_assert_null (peek_card (big.canvas, "n0"));
  g_assert_true (gtk_widget_has_focus (peek_card (big.canvas,
                                                  sy_node_get_key (sy_canvas_get_selected_node (big.canvas)))));
  assert_cards_near_view (&big);
  g_assert_cmpuint (most, <, 2 * first_cards + 48 + 2);

  /* Far away, a node's card is made on demand, and recycled again. */
  g_assert_true (SY_IS_NODE_CARD (sy_canvas_get_node_card (big.canvas, "n399")));
  gtk_widget_queue_allocate (GTK_WIDGET (big.canvas));
  gtk_test_widget_wait_for_draw (big.window);
  g_assert_null (peek_card (big.canvas, "n399"));

  /* The drawn level of detail needs no cards (focus on the canvas). */
  gtk_widget_grab_focus (GTK_WIDGET (big.canvas));
  sy_canvas_set_zoom (big.canvas, 0.2);
  gtk_test_widget_wait_for_draw (big.window);
  g_assert_true (sy_canvas_get_drawn_mode (big.canvas));
  g_assert_cmpuint (sy_canvas_get_n_cards (big.canvas), ==, 0);
  png = sy_test_ui_save_png (big.window, "canvas-large-zoomed-out.png");

  /* Back at 1: cards again, near the view only. */
  sy_canvas_set_zoom (big.canvas, 1.0);
  gtk_test_widget_wait_for_draw (big.window);
  g_assert_cmpuint (sy_canvas_get_n_cards (big.canvas), >, 3);
  assert_cards_near_view (&big);

  big_clear (&big);
}

/* The card of `key` (NULL: the trigger) is shown whole inside the canvas. */
static void
assert_in_view (SyCanvas   *canvas,
                const char *key)
{
  GtkWidget *card = key != NULL ? peek_card (canvas, key) : sy_canvas_get_node_card (canvas, NULL);
  graphene_rect_t bounds;

  g_assert_nonnull (card);
  g_assert_true (gtk_widget_is_drawable (card));
  g_assert_true (gtk_widget_compute_bounds (card, GTK_WIDGET (canvas), &bounds));
  if (bounds.origin.x < 0 || bounds.origin.y < 0
      || bounds.origin.x + bounds.size.width > gtk_widget_get_width (GTK_WIDGET (canvas))
      || bounds.origin.y + bounds.size.height > gtk_widget_get_height (GTK_WIDGET (canvas)))
    g_error ("the card of %s lies at %.0f,%.0f %.0f×%.0f, not inside the %d×%d canvas", key ? key : "the trigger",
             bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height,
             gtk_widget_get_width (GTK_WIDGET (canvas)), gtk_widget_get_height (GTK_WIDGET (canvas)));
}

/* The pixel at (x, y) of a saved screenshot, as 0xRRGGBB. */
static guint32
png_pixel (const char *path,
           int         x,
           int         y)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_file (file, &error);
  int width;
  g_autofree guchar *data = NULL;
  const guchar *p;

  g_assert_no_error (error);
  width = gdk_texture_get_width (texture);
  data = g_malloc ((gsize) width * gdk_texture_get_height (texture) * 4);
  gdk_texture_download (texture, data, width * 4);
  p = data + (gsize) y * width * 4 + (gsize) x * 4; /* BGRA */
  return (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

/* The keyboard's card shows a focus ring, outside the selection's. */
static void
test_focus_ring (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *styles[] = { "light", "dark" };
  SyCanvas *c = fixture->canvas;

  g_assert_true (press (c, GDK_KEY_Home, 0));
  g_assert_true (press (c, GDK_KEY_Down, 0));
  g_assert_true (press (c, GDK_KEY_Down, 0));
  assert_focused (c, "condition");

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      GtkWidget *card = sy_canvas_get_node_card (c, "condition");
      g_autofree char *name = g_strdup_printf ("canvas-focus-%s.png", styles[i]);
      g_autofree char *plain_name = g_strdup_printf ("canvas-no-focus-%s.png", styles[i]);
      g_autofree char *focused = NULL, *plain = NULL;
      graphene_rect_t bounds;
      int x, y;

      load_css (i == 1);
      sy_test_ui_wait (100);
      gtk_window_set_focus_visible (GTK_WINDOW (fixture->window), FALSE);
      gtk_test_widget_wait_for_draw (fixture->window);
      plain = sy_test_ui_save_png (fixture->window, plain_name);
      gtk_window_set_focus_visible (GTK_WINDOW (fixture->window), TRUE);
      sy_test_ui_wait (300); /* the card's transition */
      gtk_test_widget_wait_for_draw (fixture->window);
      focused = sy_test_ui_save_png (fixture->window, name);

      /* The ring lies 3 to 5 px outside the card (the selection's 2 px
       * border hugs it); there the two pictures differ. */
      g_assert_true (gtk_widget_compute_bounds (card, fixture->window, &bounds));
      x = (int) bounds.origin.x - 4;
      y = (int) (bounds.origin.y + bounds.size.height / 2);
      g_assert_cmphex (png_pixel (focused, x, y), !=, png_pixel (plain, x, y));
    }
  load_css (FALSE);

  /* Narrow: a branch at the side is scrolled into view when reached. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 420, 700);
  sy_test_ui_wait (200);
  gtk_test_widget_wait_for_draw (fixture->window);
  g_assert_true (press (c, GDK_KEY_Down, 0));
  g_assert_true (press (c, GDK_KEY_Right, 0));
  gtk_test_widget_wait_for_draw (fixture->window);
  assert_focused (c, "output");
  assert_in_view (c, "output");
  g_free (sy_test_ui_save_png (fixture->window, "canvas-focus-narrow.png"));
}

/* All of a long workflow is reachable from the keyboard: the selected
 * node's card is made where there was none, focused and scrolled into view. */
static void
test_keyboard_large (void)
{
  Big big;
  SyCanvas *c;
  SyNode *activated = NULL;
  guint most = 0;

  big_init (&big, 50); /* 200 nodes, reading order n0, n1 (true: n2; false: n3), n4 … */
  c = big.canvas;
  g_signal_connect (c, "node-activated", G_CALLBACK (on_activated), &activated);
  g_assert_null (peek_card (c, "n150"));

  g_assert_true (press (c, GDK_KEY_Home, 0));
  assert_focused (c, NULL);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *key = g_strdup_printf ("n%u", i);

      g_assert_true (press (c, GDK_KEY_Down, 0));
      gtk_test_widget_wait_for_draw (big.window);
      assert_focused (c, key);
      assert_in_view (c, key);
      most = MAX (most, sy_canvas_get_n_cards (c));
    }
  /* Cards came and went: their number did not grow with the way. */
  g_assert_cmpuint (most, <, 60);
  g_assert_null (peek_card (c, "n0"));

  /* Home and End jump across the whole workflow. */
  g_assert_true (press (c, GDK_KEY_Home, 0));
  gtk_test_widget_wait_for_draw (big.window);
  assert_focused (c, NULL);
  assert_in_view (c, NULL);
  g_assert_true (press (c, GDK_KEY_End, 0));
  gtk_test_widget_wait_for_draw (big.window);
  assert_focused (c, "n199");
  assert_in_view (c, "n199");

  /* Across branches far down: n150 and n151 are n149's two branches. */
  sy_canvas_select_node (c, big_node (&big, "n150"));
  g_assert_true (press (c, GDK_KEY_Right, 0));
  gtk_test_widget_wait_for_draw (big.window);
  assert_focused (c, "n151");
  assert_in_view (c, "n151");
  g_assert_true (press (c, GDK_KEY_Left, 0));
  assert_focused (c, "n150");

  /* Enter: what a double click does. */
  g_assert_true (press (c, GDK_KEY_Return, 0));
  g_assert_true (activated == big_node (&big, "n150"));

  /* Delete removes it as the node menu does, undoably; the keyboard
   * stays nearby (its branching node). */
  g_assert_true (press (c, GDK_KEY_Delete, 0));
  g_assert_null (big_node (&big, "n150"));
  gtk_test_widget_wait_for_draw (big.window);
  assert_focused (c, "n149");
  assert_in_view (c, "n149");
  g_assert_true (press (c, GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_nonnull (big_node (&big, "n150"));
  g_assert_true (press (c, GDK_KEY_Down, 0));
  assert_focused (c, "n150");

  /* Read-only (an execution's canvas): moving and opening work, editing
   * keys do nothing. */
  sy_workflow_document_set_read_only (big.document, TRUE);
  g_assert_false (press (c, GDK_KEY_Delete, 0));
  g_assert_false (press (c, GDK_KEY_BackSpace, 0));
  g_assert_false (press (c, GDK_KEY_Insert, 0));
  g_assert_nonnull (big_node (&big, "n150"));
  g_assert_true (press (c, GDK_KEY_Down, 0));
  assert_focused (c, "n151");
  activated = NULL;
  g_assert_true (press (c, GDK_KEY_Return, 0));
  g_assert_true (activated == big_node (&big, "n151"));

  /* Zoomed out to the drawn level, a move zooms back in: a focused card
   * that is not drawn would show no focus. */
  sy_canvas_set_zoom (c, 0.2);
  gtk_test_widget_wait_for_draw (big.window);
  g_assert_true (sy_canvas_get_drawn_mode (c));
  g_assert_true (press (c, GDK_KEY_Up, 0));
  gtk_test_widget_wait_for_draw (big.window);
  g_assert_false (sy_canvas_get_drawn_mode (c));
  assert_focused (c, "n150");
  assert_in_view (c, "n150");

  big_clear (&big);
}

/* An edit far from the view re-measures and rebuilds nothing in view. */
static void
test_far_edit (void)
{
  Big big;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_from_string ("\"1 + 1\"", NULL);
  GtkWidget *card;
  graphene_rect_t before, after;
  guint measured;

  big_init (&big, 100);
  card = peek_card (big.canvas, "n0");
  g_assert_nonnull (card);
  g_assert_true (sy_canvas_get_node_rect (big.canvas, "n0", &before));
  measured = sy_canvas_get_n_measured (big.canvas);

  g_assert_nonnull (sy_workflow_document_insert_node (big.document, NULL, NULL, G_MAXUINT, "calculation", &error));
  g_assert_true (sy_workflow_document_set_node_config (big.document, big_node (&big, "n396"), "expression",
                                                      value, &error));
  g_assert_true (sy_workflow_document_delete_node (big.document, big_node (&big, "n392"), NULL, &error));
  g_assert_no_error (error);
  gtk_test_widget_wait_for_draw (big.window);
  g_assert_cmpuint (sy_canvas_get_n_measured (big.canvas), ==, measured);
  g_assert_true (peek_card (big.canvas, "n0") == card);
  g_assert_true (sy_canvas_get_node_rect (big.canvas, "n0", &after));
  g_assert_true (graphene_rect_equal (&before, &after));

  /* Undoing them is as local. */
  for (int i = 0; i < 3; i++)
    g_assert_true (sy_workflow_document_undo (big.document));
  gtk_test_widget_wait_for_draw (big.window);
  g_assert_cmpuint (sy_canvas_get_n_measured (big.canvas), ==, measured);
  g_assert_true (peek_card (big.canvas, "n0") == card);

  /* The far end's layout is right: the new node sits below the old last. */
  g_assert_nonnull (sy_workflow_document_insert_node (big.document, NULL, NULL, G_MAXUINT, "output", &error));
  g_assert_true (sy_canvas_get_node_rect (big.canvas, "output", &after));
  g_assert_true (sy_canvas_get_node_rect (big.canvas, "n396", &before));
  g_assert_cmpfloat (after.origin.y, >, before.origin.y + before.size.height);

  big_clear (&big);
}

/* The selection is the node itself: a new key or undo keeps it. */
static void
test_selection_identity (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SyNode *node = find (fixture, "variable");
  GtkWidget *card;

  sy_canvas_select_node (fixture->canvas, node);
  g_assert_true (sy_workflow_document_set_node_key (fixture->document, node, "flag", &error));
  g_assert_no_error (error);
  g_assert_true (sy_canvas_get_selected_node (fixture->canvas) == node);
  gtk_test_widget_wait_for_draw (fixture->window);
  card = sy_canvas_get_node_card (fixture->canvas, "flag");
  g_assert_true (gtk_widget_has_css_class (card, "selected"));

  g_assert_true (sy_workflow_document_undo (fixture->document));
  g_assert_true (sy_canvas_get_selected_node (fixture->canvas) == node);
  g_assert_cmpstr (sy_node_get_key (node), ==, "variable");

  /* An undo elsewhere in the graph keeps it too. */
  g_assert_true (sy_workflow_document_set_node_title (fixture->document, find (fixture, "output"), "Answer", &error));
  g_assert_true (sy_workflow_document_undo (fixture->document));
  g_assert_true (sy_canvas_get_selected_node (fixture->canvas) == node);

  /* Removing the node clears the selection. */
  g_assert_true (sy_workflow_document_delete_node (fixture->document, node, NULL, &error));
  g_assert_null (sy_canvas_get_selected_node (fixture->canvas));
}

/* Execution state stays with the node while its card is recycled. */
static void
test_canvas_jobs (void)
{
  Big big;
  g_autoptr(SyJob) job = sy_job_new ();
  GtkWidget *card;

  big_init (&big, 60);
  job->node_key = g_strdup ("n236");
  job->status = SY_STATUS_RESOLVED;
  job->result = json_from_string ("{\"total\": 42}", NULL);
  g_assert_true (sy_canvas_set_job (big.canvas, job));
  g_assert_null (peek_card (big.canvas, "n236"));

  sy_canvas_select_node (big.canvas, big_node (&big, "n236"));
  gtk_test_widget_wait_for_draw (big.window);
  card = peek_card (big.canvas, "n236");
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_has_css_class (card, "resolved"));
  /* …and a screen reader hears it (node 237 in reading order). */
  g_assert_cmpstr (sy_node_card_get_label (SY_NODE_CARD (card)), ==, "Calculation, Succeeded, node 237 of 240");

  /* Away and back: a card made again shows it again. */
  sy_canvas_select_node (big.canvas, big_node (&big, "n0"));
  gtk_test_widget_wait_for_draw (big.window);
  g_assert_null (peek_card (big.canvas, "n236"));
  sy_canvas_select_node (big.canvas, big_node (&big, "n236"));
  gtk_test_widget_wait_for_draw (big.window);
  g_assert_true (gtk_widget_has_css_class (peek_card (big.canvas, "n236"), "resolved"));

  sy_canvas_clear_jobs (big.canvas);
  g_assert_false (gtk_widget_has_css_class (peek_card (big.canvas, "n236"), "resolved"));

  /* A job set on a card directly stays with the node too. */
  sy_node_card_set_job (SY_NODE_CARD (sy_canvas_get_node_card (big.canvas, "n0")), job);
  gtk_test_widget_wait_for_draw (big.window);
  g_assert_null (peek_card (big.canvas, "n0"));
  sy_canvas_select_node (big.canvas, big_node (&big, "n0"));
  gtk_test_widget_wait_for_draw (big.window);
  g_assert_true (gtk_widget_has_css_class (peek_card (big.canvas, "n0"), "resolved"));
  sy_canvas_clear_jobs (big.canvas);

  /* A job for a node the workflow lacks is refused. */
  g_free (job->node_key);
  job->node_key = g_strdup ("nowhere");
  g_assert_false (sy_canvas_set_job (big.canvas, job));

  big_clear (&big);
}

int
main (int   argc,
      char *argv[])
{
  /* The accessible properties are kept only by a real AT context: the
   * test one needs no accessibility bus (the suite's default is none). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  sy_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/canvas/layout", test_layout);
  ADD ("/canvas/insert-menu", test_insert_menu);
  ADD ("/canvas/read-only", test_read_only);
  ADD ("/canvas/drag-and-drop", test_drag_and_drop);
  ADD ("/canvas/delete-branch-choice", test_delete_with_branch_choice);
  ADD ("/canvas/clipboard", test_clipboard);
  ADD ("/canvas/keyboard", test_keyboard);
  ADD ("/canvas/accessible", test_accessible);
  ADD ("/canvas/focus-ring", test_focus_ring);
  ADD ("/canvas/zoom", test_zoom);
  ADD ("/canvas/palette", test_palette);
  ADD ("/canvas/selection-identity", test_selection_identity);
#undef ADD
  g_test_add_func ("/canvas/card-job", test_card_job);
  g_test_add_func ("/canvas/lazy-cards", test_lazy_cards);
  g_test_add_func ("/canvas/keyboard-large", test_keyboard_large);
  g_test_add_func ("/canvas/far-edit", test_far_edit);
  g_test_add_func ("/canvas/jobs", test_canvas_jobs);

  return g_test_run ();
}
