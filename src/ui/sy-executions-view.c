/* sy-executions-view.c — the history of one workflow or of all of them
 *
 * The rows come from a SyExecutionListModel (pages read on demand) through a
 * SyPositionSelection; cells are GtkInscriptions that follow their item's
 * "execution" so running rows change in place. The model is made when the
 * view is on screen, with the engine and workflow it has by then, and lists
 * a few more rows each frame after the first (a tick callback). Deleting
 * goes through the engine after an AdwMessageDialog, then the list is
 * counted again.
 */
#define G_LOG_DOMAIN "switchyard-executions"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-execution-detail.h"
#include "sy-execution-format.h"
#include "sy-executions-view.h"
#include "sy-position-selection.h"
#include "sy-time-format.h"
#include "sy-widget-util.h"

typedef enum
{
  COLUMN_NUMBER,
  COLUMN_WORKFLOW,
  COLUMN_STARTED,
  COLUMN_DURATION,
  COLUMN_VERSION,
  COLUMN_STATUS,
  COLUMN_REASON,
  N_COLUMNS
} Column;

/* The status drop-down's rows, in order (row 0: every status). */
static const SyStatus status_choices[] = {
  0, SY_STATUS_QUEUEING, SY_STATUS_STARTED, SY_STATUS_RESOLVED, SY_STATUS_FAILED,
  SY_STATUS_ERROR, SY_STATUS_ABORTED, SY_STATUS_CANCELED, SY_STATUS_REJECTED,
};

struct _SyExecutionsView
{
  GtkWidget             parent_instance;

  SyEngine             *engine;
  char                 *key;
  SyExecutionListModel *model;
  SyPositionSelection  *selection;
  GtkColumnViewColumn  *columns[N_COLUMNS];
  int                   width_class;    /* 0 wide, 1 medium, 2 narrow */
  guint                 columns_idle;
  gboolean              model_stale;    /* engine or workflow changed while not shown */
  guint                 listing_tick;
  gboolean              listing_shown;  /* the frame with the first rows is done */

  /* template children */
  GtkStack             *history_stack;
  GtkSearchEntry       *history_search_entry;
  GtkDropDown          *history_status_dropdown;
  GtkStack             *history_list_stack;
  GtkScrolledWindow    *history_scrolled;
  GtkColumnView        *history_column_view;
  AdwStatusPage        *history_empty_page;
  GtkLabel             *history_count_label;
  SyExecutionDetail    *detail;
};

G_DEFINE_FINAL_TYPE (SyExecutionsView, sy_executions_view, GTK_TYPE_WIDGET)

static void
current_filter (SyExecutionsView  *self,
                SyExecutionFilter *filter)
{
  guint choice = gtk_drop_down_get_selected (self->history_status_dropdown);

  memset (filter, 0, sizeof *filter);
  filter->workflow_key = self->key;
  filter->text = gtk_editable_get_text (GTK_EDITABLE (self->history_search_entry));
  if (choice > 0 && choice < G_N_ELEMENTS (status_choices))
    {
      filter->has_status = TRUE;
      filter->status = status_choices[choice];
    }
}

/* ── Cells ────────────────────────────────────────────────────────────── */

static void
update_cell (GtkListItem *list_item)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "sy-column"));
  SyExecutionItem *item = gtk_list_item_get_item (list_item);
  SyExecution *execution = item != NULL ? sy_execution_item_get_execution (item) : NULL;
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  GtkWidget *text = column == COLUMN_STATUS ? gtk_widget_get_last_child (cell) : cell;
  g_autofree char *owned = NULL;
  const char *value = "";

  if (execution != NULL)
    switch (column)
      {
      case COLUMN_NUMBER:
        value = owned = g_strdup_printf ("%" G_GINT64_FORMAT, execution->id);
        break;
      case COLUMN_WORKFLOW:
        value = execution->workflow_key;
        break;
      case COLUMN_STARTED:
        value = owned = sy_time_format_local_ms (execution->created_at);
        break;
      case COLUMN_DURATION:
        value = owned = sy_format_execution_duration (execution);
        break;
      case COLUMN_VERSION:
        /* Translators: a workflow version in the executions list, "v3" */
        value = owned = g_strdup_printf (_("v%u"), execution->version);
        break;
      case COLUMN_STATUS:
        value = sy_status_to_display (execution->status, FALSE);
        gtk_image_set_from_icon_name (GTK_IMAGE (gtk_widget_get_first_child (cell)),
                                      sy_status_icon_name (execution->status, FALSE));
        sy_widget_set_status_class (cell, execution->status, FALSE);
        break;
      case COLUMN_REASON:
        value = sy_format_reason (execution->reason);
        break;
      case N_COLUMNS:
      default:
        g_assert_not_reached ();
      }

  /* A blank row (deleted since the count) keeps nothing of the cell's last row. */
  if (execution == NULL && column == COLUMN_STATUS)
    {
      gtk_image_clear (GTK_IMAGE (gtk_widget_get_first_child (cell)));
      sy_widget_clear_status_class (cell);
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (text), value);
  if (column == COLUMN_REASON)
    gtk_widget_set_tooltip_text (cell, value[0] != '\0' ? value : NULL);
}

static GtkWidget *
new_inscription (void)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_hexpand (inscription, TRUE);
  return inscription;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  GtkWidget *cell;

  g_object_set_data (G_OBJECT (list_item), "sy-column", data);
  if (column == COLUMN_STATUS)
    {
      cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_add_css_class (cell, "sy-status");
      gtk_box_append (GTK_BOX (cell), gtk_image_new ());
      gtk_box_append (GTK_BOX (cell), new_inscription ());
    }
  else
    {
      cell = new_inscription ();
      if (column == COLUMN_NUMBER || column == COLUMN_DURATION || column == COLUMN_STARTED)
        gtk_widget_add_css_class (cell, "numeric");
      if (column == COLUMN_NUMBER)
        gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0);
    }
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  data)
{
  /* Running rows change in place when their execution is read again. */
  g_signal_connect_object (gtk_list_item_get_item (list_item), "notify::execution",
                           G_CALLBACK (update_cell), list_item, G_CONNECT_SWAPPED);
  update_cell (list_item);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), update_cell, list_item);
}

static void
add_column (SyExecutionsView *self,
            Column            column,
            const char       *title)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), GINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  /* The reason takes what the others leave (their widths: update_columns). */
  gtk_column_view_column_set_expand (view_column, column == COLUMN_REASON);
  gtk_column_view_append_column (self->history_column_view, view_column);
  self->columns[column] = view_column;
  g_object_unref (view_column);
}

static void
show_column (SyExecutionsView *self,
             Column            column,
             gboolean          visible,
             int               width)
{
  /* GTK 4.8 counts hidden columns in the view's minimum width, and takes
   * that from the expanding reason column: a hidden column is 0 wide. */
  gtk_column_view_column_set_visible (self->columns[column], visible);
  gtk_column_view_column_set_fixed_width (self->columns[column], visible ? width : 0);
}

/* Narrower views drop the columns that matter least (the detail has them)
 * and narrow the workflow and status ones, leaving room for the reason. */
static void
update_columns (SyExecutionsView *self)
{
  gboolean narrow = self->width_class == 2;

  show_column (self, COLUMN_NUMBER, TRUE, narrow ? 56 : 64);
  show_column (self, COLUMN_WORKFLOW, self->key == NULL, narrow ? 96 : 140);
  show_column (self, COLUMN_STARTED, !narrow, 160);
  show_column (self, COLUMN_DURATION, self->width_class < 1, 90);
  show_column (self, COLUMN_VERSION, self->width_class < 1, 70);
  show_column (self, COLUMN_STATUS, TRUE, narrow ? 108 : 120);
}

static gboolean
update_columns_idle (gpointer data)
{
  SyExecutionsView *self = data;

  self->columns_idle = 0;
  update_columns (self);
  return G_SOURCE_REMOVE;
}

#define MEDIUM_WIDTH 760
#define NARROW_WIDTH 540

static void
sy_executions_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  SyExecutionsView *self = SY_EXECUTIONS_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->history_stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
sy_executions_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  SyExecutionsView *self = SY_EXECUTIONS_VIEW (widget);
  int width_class = width < NARROW_WIDTH ? 2 : width < MEDIUM_WIDTH ? 1 : 0;

  gtk_widget_allocate (GTK_WIDGET (self->history_stack), width, height, baseline, NULL);

  /* Columns change after this allocation, not inside it. */
  if (width_class != self->width_class)
    {
      self->width_class = width_class;
      if (self->columns_idle == 0)
        self->columns_idle = g_idle_add (update_columns_idle, self);
    }
}

/* ── List state ───────────────────────────────────────────────────────── */

static void
update_list_state (SyExecutionsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint n_matching;
  const char *error = sy_execution_list_model_get_error (self->model);
  SyExecutionFilter filter;
  g_autofree char *count = NULL;

  current_filter (self, &filter);
  gtk_stack_set_visible_child_name (self->history_list_stack, n > 0 ? "rows" : "empty");
  if (error != NULL)
    {
      adw_status_page_set_title (self->history_empty_page, _("History Unavailable"));
      adw_status_page_set_description (self->history_empty_page, error);
    }
  else if (filter.has_status || (filter.text != NULL && filter.text[0] != '\0'))
    {
      adw_status_page_set_title (self->history_empty_page, _("No Matching Executions"));
      adw_status_page_set_description (self->history_empty_page, _("Try another status or search."));
    }
  else
    {
      adw_status_page_set_title (self->history_empty_page, _("No Executions Yet"));
      adw_status_page_set_description (self->history_empty_page,
                                       self->key != NULL ? _("Run the workflow with Execute, or wait for its trigger.")
                                                         : _("Every run of every workflow is listed here."));
    }

  /* Counted on the second frame (see sy_execution_list_model_list_more()). */
  if (sy_execution_list_model_get_n_matching (self->model, &n_matching))
    count = g_strdup_printf (ngettext ("%u execution", "%u executions", n_matching), n_matching);
  gtk_label_set_text (self->history_count_label, count != NULL ? count : "");
}

static gboolean
list_more_rows (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  SyExecutionsView *self = SY_EXECUTIONS_VIEW (widget);

  /* The first tick comes before the frame that makes the first rows. */
  if (!self->listing_shown)
    {
      self->listing_shown = TRUE;
      return G_SOURCE_CONTINUE;
    }
  if (self->model != NULL && sy_execution_list_model_list_more (self->model))
    return G_SOURCE_CONTINUE;
  self->listing_tick = 0;
  return G_SOURCE_REMOVE;
}

/* After a (re)load the model lists a few rows: the rest come one step a
 * frame, so that no frame makes GTK's 200 row widgets at once. */
static void
keep_listing (SyExecutionsView *self,
              gboolean          reloaded)
{
  if (reloaded)
    self->listing_shown = FALSE;
  if (self->listing_tick == 0 && !sy_execution_list_model_lists_all (self->model))
    {
      self->listing_shown = FALSE;
      self->listing_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), list_more_rows, NULL, NULL);
    }
}

static void
on_filter_changed (SyExecutionsView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->history_scrolled);
  SyExecutionFilter filter;

  if (self->model == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->model_stale = TRUE;
      return;
    }
  /* Other rows: start from the newest rather than somewhere deep down. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  current_filter (self, &filter);
  sy_execution_list_model_set_filter (self->model, &filter);
}

static void
on_items_changed (GListModel       *model,
                  guint             position,
                  guint             removed,
                  guint             added,
                  SyExecutionsView *self)
{
  update_list_state (self);
  /* A reload empties the list first (a row leaving the filter goes alone). */
  keep_listing (self, removed > 0 && g_list_model_get_n_items (model) == 0);
}

static void
on_selection_changed (SyExecutionsView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "executions.delete-selected",
                                 !gtk_bitset_is_empty (selected));
}

static void
on_row_activated (SyExecutionsView *self,
                  guint             position)
{
  g_autoptr(SyExecutionItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item != NULL && sy_execution_item_get_id (item) > 0)
    sy_executions_view_show_execution (self, sy_execution_item_get_id (item));
}

static void
rebuild_model (SyExecutionsView *self)
{
  SyExecutionFilter filter;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  self->model_stale = FALSE;
  current_filter (self, &filter);
  self->model = sy_execution_list_model_new (self->engine, &filter);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (on_items_changed), self, 0);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  /* Not a GtkMultiSelection: Select All would read every row (see sy-position-selection.h). */
  self->selection = sy_position_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->history_column_view, GTK_SELECTION_MODEL (self->selection));

  update_list_state (self);
  keep_listing (self, TRUE);
  on_selection_changed (self);
}

/* Made while not on screen, or told of an engine or a workflow then: the
 * model is made now, reading once what is shown. */
static void
sy_executions_view_map (GtkWidget *widget)
{
  SyExecutionsView *self = SY_EXECUTIONS_VIEW (widget);

  GTK_WIDGET_CLASS (sy_executions_view_parent_class)->map (widget);
  if (self->model_stale)
    rebuild_model (self);
}

/* ── Deleting ─────────────────────────────────────────────────────────── */

typedef struct
{
  SyExecutionsView  *view;
  SyExecutionFilter  filter;  /* its strings are the three below */
  char              *key;
  char              *text;
  char             **reasons;
  GArray            *ids;     /* NULL: by filter */
} DeleteRequest;

/* By `ids`, or else by a copy of `filter`. */
static DeleteRequest *
delete_request_new (SyExecutionsView        *self,
                    const SyExecutionFilter *filter,
                    GArray                  *ids)
{
  DeleteRequest *request = g_new0 (DeleteRequest, 1);

  request->view = g_object_ref (self);
  request->ids = ids;
  if (ids == NULL)
    {
      request->filter = *filter;
      request->key = g_strdup (filter->workflow_key);
      request->text = g_strdup (filter->text);
      request->reasons = g_strdupv ((char **) filter->reasons);
      request->filter.workflow_key = request->key;
      request->filter.text = request->text;
      request->filter.reasons = (const char * const *) request->reasons;
    }
  return request;
}

static void
delete_request_free (DeleteRequest *request)
{
  g_clear_object (&request->view);
  g_free (request->key);
  g_free (request->text);
  g_strfreev (request->reasons);
  g_clear_pointer (&request->ids, g_array_unref);
  g_free (request);
}

static void
delete_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SyExecutionsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  if (!sy_engine_delete_executions_finish (SY_ENGINE (source), result, &n, &error))
    message = g_strdup_printf (_("Could not delete: %s"), error->message);
  else
    message = g_strdup_printf (ngettext ("%u execution deleted", "%u executions deleted", n), n);

  sy_widget_show_toast (GTK_WIDGET (self), message);
  if (self->model != NULL)
    sy_execution_list_model_reload (self->model);
}

static void
start_delete (gpointer data)
{
  DeleteRequest *request = data;
  SyExecutionsView *self = request->view;

  if (self->engine == NULL)
    return;
  /* The engine copies the filter and the ids. */
  sy_engine_delete_executions_async (self->engine, request->ids != NULL ? NULL : &request->filter,
                                     request->ids, NULL, delete_cb, g_object_ref (self));
}

static void
confirm_delete (SyExecutionsView *self,
                DeleteRequest    *request,
                const char       *heading,
                const char       *body)
{
  sy_confirm_destructive (GTK_WIDGET (self), heading, body, _("_Delete"),
                          start_delete, request, (GDestroyNotify) delete_request_free);
}

/* Every row listed and selected (Select All): the list's filter says which. */
static gboolean
selects_all (SyExecutionsView *self,
             GtkBitset        *selected)
{
  return sy_execution_list_model_lists_all (self->model)
         && gtk_bitset_get_size (selected) == g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SyExecutionsView *self = SY_EXECUTIONS_VIEW (widget);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  DeleteRequest *request;
  g_autofree char *heading = NULL;
  guint n = 0;

  if (gtk_bitset_is_empty (selected))
    return;

  if (selects_all (self, selected))
    {
      SyExecutionFilter filter;

      /* By filter: the rows need not be read (from the store, page by page) for their ids. */
      sy_execution_list_model_get_filter (self->model, &filter);
      sy_execution_list_model_get_n_matching (self->model, &n);
      request = delete_request_new (self, &filter, NULL);
    }
  else
    {
      GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      GtkBitsetIter iter;
      guint position;

      for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
           more = gtk_bitset_iter_next (&iter, &position))
        {
          g_autoptr(SyExecutionItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
          gint64 id = item != NULL ? sy_execution_item_get_id (item) : 0;

          if (id > 0)
            g_array_append_val (ids, id);
        }
      n = ids->len;
      request = delete_request_new (self, NULL, ids);
    }

  heading = g_strdup_printf (ngettext ("Delete %u Execution?", "Delete %u Executions?", n), n);
  confirm_delete (self, request, heading,
                  _("Their jobs and results are deleted too. Executions still running or waiting are kept, "
                    "and the workflows’ run counts stay as they are."));
}

static void
delete_status_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SyExecutionsView *self = SY_EXECUTIONS_VIEW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  SyExecutionFilter filter = { .workflow_key = self->key };
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint n;

  if (g_str_equal (name, "finished"))
    {
      filter.finished = TRUE;
      n = sy_execution_list_model_count (self->model, &filter);
      heading = g_strdup_printf (ngettext ("Delete %u Finished Execution?", "Delete %u Finished Executions?", n), n);
    }
  else
    {
      if (!sy_status_from_string (name, &filter.status) || !sy_status_is_final (filter.status))
        return;
      filter.has_status = TRUE;
      n = sy_execution_list_model_count (self->model, &filter);
      /* Translators: "Delete 3 executions with status Failed?" */
      heading = g_strdup_printf (ngettext ("Delete %u Execution With Status “%s”?",
                                           "Delete %u Executions With Status “%s”?", n),
                                 n, sy_status_to_display (filter.status, FALSE));
    }

  if (n == 0)
    {
      sy_widget_show_toast (GTK_WIDGET (self), _("There are no such executions"));
      return;
    }

  if (self->key != NULL)
    body = g_strdup_printf (_("All of them in the history of “%s” are deleted with their jobs and results. "
                              "The workflow’s run count stays as it is."), self->key);
  else
    body = g_strdup (_("All of them, in every workflow, are deleted with their jobs and results. "
                       "The workflows’ run counts stay as they are."));

  confirm_delete (self, delete_request_new (self, &filter, NULL), heading, body);
}

/* ── Object ───────────────────────────────────────────────────────────── */

static void
sy_executions_view_dispose (GObject *object)
{
  SyExecutionsView *self = SY_EXECUTIONS_VIEW (object);

  g_clear_handle_id (&self->columns_idle, g_source_remove);
  if (self->listing_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->listing_tick);
  self->listing_tick = 0;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_EXECUTIONS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (sy_executions_view_parent_class)->dispose (object);
}

static void
sy_executions_view_finalize (GObject *object)
{
  SyExecutionsView *self = SY_EXECUTIONS_VIEW (object);

  g_free (self->key);

  G_OBJECT_CLASS (sy_executions_view_parent_class)->finalize (object);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sy_executions_view_show_list (SY_EXECUTIONS_VIEW (widget));
}

static void
on_detail_deleted (SyExecutionsView *self,
                   gint64            id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *message = g_strdup_printf (_("Execution %s deleted"), number);

  sy_widget_show_toast (GTK_WIDGET (self), message);
  /* The detail may show another execution by now. */
  if (sy_execution_detail_get_id (self->detail) == id)
    sy_executions_view_show_list (self);
  if (self->model != NULL)
    sy_execution_list_model_reload (self->model);
}

static void
sy_executions_view_class_init (SyExecutionsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_executions_view_dispose;
  object_class->finalize = sy_executions_view_finalize;
  widget_class->measure = sy_executions_view_measure;
  widget_class->size_allocate = sy_executions_view_size_allocate;
  widget_class->map = sy_executions_view_map;

  g_type_ensure (SY_TYPE_EXECUTION_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-executions-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SyExecutionsView, history_stack);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionsView, history_search_entry);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionsView, history_status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionsView, history_list_stack);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionsView, history_scrolled);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionsView, history_column_view);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionsView, history_empty_page);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionsView, history_count_label);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionsView, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_deleted);

  gtk_widget_class_install_action (widget_class, "executions.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_install_action (widget_class, "executions.delete-status", "s", delete_status_action);
  gtk_widget_class_install_action (widget_class, "executions.back", NULL, back_action);

  gtk_widget_class_set_css_name (widget_class, "sy-executions-view");
}

static void
sy_executions_view_init (SyExecutionsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_column (self, COLUMN_NUMBER, _("No."));
  add_column (self, COLUMN_WORKFLOW, _("Workflow"));
  add_column (self, COLUMN_STARTED, _("Started"));
  add_column (self, COLUMN_DURATION, _("Duration"));
  add_column (self, COLUMN_VERSION, _("Version"));
  add_column (self, COLUMN_STATUS, _("Status"));
  add_column (self, COLUMN_REASON, _("Reason"));
  update_columns (self);

  rebuild_model (self);
}

GtkWidget *
sy_executions_view_new (void)
{
  return g_object_new (SY_TYPE_EXECUTIONS_VIEW, NULL);
}

void
sy_executions_view_set_engine (SyExecutionsView *self,
                               SyEngine         *engine)
{
  g_return_if_fail (SY_IS_EXECUTIONS_VIEW (self));
  g_return_if_fail (engine == NULL || SY_IS_ENGINE (engine));

  if (!g_set_object (&self->engine, engine))
    return;
  sy_execution_detail_set_engine (self->detail, engine);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild_model (self);
  else
    self->model_stale = TRUE;
}

void
sy_executions_view_set_workflow_key (SyExecutionsView *self,
                                     const char       *key)
{
  g_return_if_fail (SY_IS_EXECUTIONS_VIEW (self));

  if (g_strcmp0 (key, self->key) == 0)
    return;
  g_free (self->key);
  self->key = g_strdup (key);
  update_columns (self);
  on_filter_changed (self);
}

const char *
sy_executions_view_get_workflow_key (SyExecutionsView *self)
{
  g_return_val_if_fail (SY_IS_EXECUTIONS_VIEW (self), NULL);

  return self->key;
}

SyExecutionDetail *
sy_executions_view_get_detail (SyExecutionsView *self)
{
  g_return_val_if_fail (SY_IS_EXECUTIONS_VIEW (self), NULL);

  return self->detail;
}

SyExecutionListModel *
sy_executions_view_get_model (SyExecutionsView *self)
{
  g_return_val_if_fail (SY_IS_EXECUTIONS_VIEW (self), NULL);

  return self->model;
}

void
sy_executions_view_show_list (SyExecutionsView *self)
{
  g_return_if_fail (SY_IS_EXECUTIONS_VIEW (self));

  gtk_stack_set_visible_child_name (self->history_stack, "list");
}

void
sy_executions_view_show_execution (SyExecutionsView *self,
                                   gint64            id)
{
  g_return_if_fail (SY_IS_EXECUTIONS_VIEW (self));

  sy_execution_detail_show (self->detail, id);
  gtk_stack_set_visible_child_name (self->history_stack, "detail");
}

gint64
sy_executions_view_get_shown_id (SyExecutionsView *self)
{
  g_return_val_if_fail (SY_IS_EXECUTIONS_VIEW (self), 0);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->history_stack), "detail") != 0)
    return 0;
  return sy_execution_detail_get_id (self->detail);
}

void
sy_executions_view_select (SyExecutionsView *self,
                           const guint      *positions,
                           guint             n_positions)
{
  g_return_if_fail (SY_IS_EXECUTIONS_VIEW (self));

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  for (guint i = 0; i < n_positions; i++)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), positions[i], FALSE);
}
