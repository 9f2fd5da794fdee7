/* sy-execution-detail.c — one execution: its workflow version with the jobs on it
 *
 * The execution with its jobs, the version that ran and the tasks a job
 * waits for are read from a read-only store connection when an execution
 * is shown (or shown again after it changed while hidden). While it is on
 * screen the engine's signals bring copies of what changed (the execution
 * without its jobs, one job at a time), which replace the ones shown once
 * per idle: a running loop does not read its whole history again at every
 * step. The panel beside the canvas is rebuilt only when what it shows
 * changed, so expanded rows stay expanded while other nodes run.
 */
#define G_LOG_DOMAIN "switchyard-executions"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sy-execute-dialog.h"
#include "sy-execution-detail.h"
#include "sy-execution-format.h"
#include "sy-json-view.h"
#include "sy-node-kind.h"
#include "sy-time-format.h"
#include "sy-trigger-kind.h"
#include "sy-widget-util.h"
#include "sy-workflow-document.h"

#define NARROW_WIDTH  720
#define COMPACT_WIDTH 520  /* the status shows only its icon: the title keeps its number */

struct _SyExecutionDetail
{
  GtkWidget           parent_instance;

  SyEngine           *engine;
  SyStore            *reader;
  GCancellable       *cancellable;     /* the engine's replies; cancelled in dispose */
  gint64              id;
  SyExecution        *execution;       /* with jobs */
  gint64              version_id;      /* of the document shown */
  SyWorkflowDocument *document;        /* NULL when the version is gone */
  char               *selected_key;    /* node in the panel; NULL = trigger */
  char               *panel_signature; /* checksum of what the panel shows */
  gboolean            panel_dirty;     /* what it shows may have changed */
  char               *waiting;
  GHashTable         *person_tasks;    /* job id → GPtrArray of its open SyTask */
  GPtrArray          *people;          /* of SyPerson; NULL until a task needs a name */
  gboolean            stale;           /* read it all again before showing it */
  SyExecution        *changed_execution; /* newest copy from the engine, not shown yet */
  GHashTable         *changed_jobs;    /* job id → newest SyJob copy, not shown yet */
  guint               n_reads;
  guint               refresh_id;
  guint               orientation_id;
  guint               fit_id;
  gboolean            narrow;
  gboolean            compact;

  /* template children */
  GtkWidget          *execution_content;
  GtkLabel           *execution_title_label;
  GtkLabel           *execution_subtitle_label;
  GtkWidget          *status_box;
  GtkImage           *status_icon;
  GtkLabel           *status_label;
  GtkLabel           *times_label;
  GtkLabel           *reason_label;
  GtkWidget          *waiting_box;
  GtkLabel           *waiting_label;
  GtkButton          *retry_of_button;
  GtkButton          *parent_button;
  GtkStack           *execution_body_stack;
  GtkPaned           *execution_paned;
  GtkStack           *execution_canvas_stack;
  SyCanvas           *execution_canvas;
  AdwStatusPage      *unknown_page;
  GtkBox             *job_panel_box;
};

G_DEFINE_FINAL_TYPE (SyExecutionDetail, sy_execution_detail, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EXECUTION_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ID_KEY(id) ((gpointer) (gintptr) (id))

static void refresh (SyExecutionDetail *self);
static void update_panel (SyExecutionDetail *self);

static SyWorkflow *
shown_workflow (SyExecutionDetail *self)
{
  return self->document != NULL ? sy_workflow_document_get_workflow (self->document) : NULL;
}

static const char *
node_title (SyExecutionDetail *self,
            const char        *key)
{
  SyWorkflow *workflow = shown_workflow (self);
  SyNode *node = workflow != NULL ? sy_workflow_find_node (workflow, key) : NULL;
  const char *title = node != NULL ? sy_node_get_title (node) : NULL;

  return title != NULL && title[0] != '\0' ? title : key;
}

static gboolean
ensure_reader (SyExecutionDetail *self)
{
  if (self->reader == NULL && self->engine != NULL && sy_engine_is_running (self->engine))
    self->reader = sy_engine_open_reader (self->engine, NULL);
  return self->reader != NULL;
}

/* ── Canvas ───────────────────────────────────────────────────────────── */

/* The newest job of every node: a node in a loop shows its latest run. */
static GHashTable *
latest_jobs (SyExecution *execution)
{
  GHashTable *latest = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; execution->jobs != NULL && i < execution->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (execution->jobs, i);

      g_hash_table_insert (latest, job->node_key, job);
    }
  return latest;
}

static void
update_canvas (SyExecutionDetail *self)
{
  g_autoptr(GHashTable) latest = latest_jobs (self->execution);
  GHashTableIter iter;
  SyJob *job;

  if (self->document == NULL)
    return;

  sy_canvas_clear_jobs (self->execution_canvas);
  g_hash_table_iter_init (&iter, latest);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &job))
    sy_canvas_set_job (self->execution_canvas, job);
}

static gboolean
fit_idle (gpointer data)
{
  SyExecutionDetail *self = data;

  self->fit_id = 0;
  sy_canvas_zoom_to_fit (self->execution_canvas);
  return G_SOURCE_REMOVE;
}

/* The whole workflow in view once the canvas has its new size. */
static void
queue_fit (SyExecutionDetail *self)
{
  if (self->fit_id == 0)
    self->fit_id = g_idle_add_full (G_PRIORITY_LOW, fit_idle, self, NULL);
}

static void
load_version (SyExecutionDetail *self)
{
  g_autoptr(SyVersionRow) row = NULL;
  g_autoptr(SyWorkflow) workflow = NULL;
  g_autoptr(SyWorkflowDocument) document = NULL;

  if (self->execution->workflow_id == self->version_id)
    return;

  self->version_id = self->execution->workflow_id;
  row = sy_store_get_version_by_id (self->reader, self->version_id, NULL);
  if (row != NULL)
    workflow = sy_version_row_to_workflow (row, NULL);
  if (workflow != NULL)
    {
      document = sy_workflow_document_new (workflow);
      sy_workflow_document_set_read_only (document, TRUE);
    }

  g_set_object (&self->document, document);
  sy_canvas_set_document (self->execution_canvas, document);
  gtk_stack_set_visible_child_name (self->execution_canvas_stack, document != NULL ? "canvas" : "missing");
  queue_fit (self);
}

/* ── Header and what it waits for ─────────────────────────────────────── */

static gboolean
is_person_job (SyJob *job)
{
  return g_strcmp0 (job->node_type, "manual") == 0 || g_strcmp0 (job->node_type, "approval") == 0;
}

/* The open tasks of a pending manual or approval job, or NULL when it no
 * longer waits for anyone: it decided (in branch mode it stays pending
 * while its branch runs, its tasks withdrawn) or no task is open. Read
 * once per job until the job or the tasks change. */
static GPtrArray *
open_tasks (SyExecutionDetail *self,
            SyJob             *job)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) open = NULL;
  gpointer cached;

  if (job->status != SY_STATUS_PENDING || !is_person_job (job)
      || (job->meta != NULL && JSON_NODE_HOLDS_OBJECT (job->meta)
          && json_object_has_member (json_node_get_object (job->meta), "decision")))
    return NULL;
  if (g_hash_table_lookup_extended (self->person_tasks, ID_KEY (job->id), NULL, &cached))
    return cached;

  all = ensure_reader (self) ? sy_store_list_job_tasks (self->reader, job->id, NULL) : NULL;
  open = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_task_unref);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      SyTask *task = g_ptr_array_index (all, i);

      if (task->status == SY_TASK_STATUS_PENDING && g_strcmp0 (task->type, "cc") != 0)
        g_ptr_array_add (open, sy_task_ref (task));
    }
  if (open->len == 0)
    g_clear_pointer (&open, g_ptr_array_unref);
  else if (self->people == NULL)
    self->people = sy_store_list_people (self->reader, NULL);

  g_hash_table_insert (self->person_tasks, ID_KEY (job->id), open);
  return g_steal_pointer (&open);
}

static char *
describe_pending_job (SyExecutionDetail *self,
                      SyJob             *job)
{
  const SyNodeKind *kind = sy_node_kind_lookup (job->node_type);
  const char *title = node_title (self, job->node_key);

  if (g_strcmp0 (job->node_type, "delay") == 0 && job->meta != NULL && JSON_NODE_HOLDS_OBJECT (job->meta))
    {
      gint64 due = json_object_get_int_member_with_default (json_node_get_object (job->meta), "due", 0);
      g_autofree char *when = sy_time_format_local_ms (due);

      /* Translators: "Waiting until 2026-11-21 10:32:05 (Wait an hour)" */
      return g_strdup_printf (_("Waiting until %s (%s)"), when, title);
    }

  if (is_person_job (job))
    {
      GPtrArray *tasks = open_tasks (self, job);
      g_autoptr(GString) text = g_string_new (NULL);

      /* Decided (its branch runs and says more), or nobody is asked. */
      if (tasks == NULL)
        return NULL;
      for (guint i = 0; i < tasks->len; i++)
        {
          SyTask *task = g_ptr_array_index (tasks, i);

          if (text->len > 0)
            g_string_append (text, "\n");
          /* Translators: "Waiting for Ann Smith to act on the task “Approve the order”" */
          g_string_append_printf (text, _("Waiting for %s to act on the task “%s”"),
                                  sy_person_name_of (self->people, task->assignee),
                                  task->title != NULL ? task->title : title);
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if (g_strcmp0 (job->node_type, "subflow") == 0)
    return g_strdup_printf (_("Waiting for the workflow it called to finish (%s)"), title);
  if (g_strcmp0 (job->node_type, "request") == 0)
    return g_strdup_printf (_("Waiting for the answer to a request (%s)"), title);

  /* Branching nodes wait for their branches, which say more. */
  if (kind != NULL && (kind->flags & SY_NODE_KIND_BRANCHING) != 0)
    return NULL;
  return g_strdup_printf (_("Waiting at “%s”"), title);
}

static gboolean
waits_at_node (SyExecutionDetail *self)
{
  SyExecution *execution = self->execution;

  for (guint i = 0; execution->jobs != NULL && i < execution->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (execution->jobs, i);
      const SyNodeKind *kind = sy_node_kind_lookup (job->node_type);

      if (job->status != SY_STATUS_PENDING || (kind != NULL && (kind->flags & SY_NODE_KIND_WAITS) == 0))
        continue;
      if (!is_person_job (job) || open_tasks (self, job) != NULL)
        return TRUE;
    }
  return FALSE;
}

static char *
describe_waiting (SyExecutionDetail *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  SyExecution *execution = self->execution;

  if (execution->status == SY_STATUS_QUEUEING)
    return g_strdup (_("Queued: it starts as soon as the executions before it are done."));
  if (execution->status != SY_STATUS_STARTED)
    return NULL;

  for (guint i = 0; execution->jobs != NULL && i < execution->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (execution->jobs, i);
      g_autofree char *line = NULL;

      if (job->status != SY_STATUS_PENDING)
        continue;
      line = describe_pending_job (self, job);
      if (line == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append (text, line);
    }

  if (text->len == 0)
    return g_strdup (_("Running"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Why it ended badly: the engine's reason, or else the message of the
 * last job that went wrong (a failure inside a branch leaves no reason). */
static char *
failure_text (SyExecutionDetail *self)
{
  SyExecution *execution = self->execution;

  if (execution->reason != NULL && execution->reason[0] != '\0')
    return g_strdup (sy_format_reason (execution->reason));
  if (!sy_status_is_final (execution->status) || execution->status == SY_STATUS_RESOLVED)
    return NULL;

  for (guint i = execution->jobs != NULL ? execution->jobs->len : 0; i > 0; i--)
    {
      SyJob *job = g_ptr_array_index (execution->jobs, i - 1);
      const char *message = sy_job_message (job);

      if (message != NULL)
        /* Translators: why an execution failed, "Reserve: stock is 0" */
        return g_strdup_printf (_("%s: %s"), node_title (self, job->node_key), message);
    }
  return NULL;
}

/* Whether `key` has a job in this execution: only then can it be retried from. */
static gboolean
node_ran (SyExecutionDetail *self,
          const char        *key)
{
  SyExecution *execution = self->execution;

  for (guint i = 0; key != NULL && execution->jobs != NULL && i < execution->jobs->len; i++)
    if (g_strcmp0 (((SyJob *) g_ptr_array_index (execution->jobs, i))->node_key, key) == 0)
      return TRUE;
  return FALSE;
}

static void
update_header (SyExecutionDetail *self)
{
  SyExecution *execution = self->execution;
  SyWorkflow *workflow = shown_workflow (self);
  g_autofree char *title = sy_format_execution_title (execution->id);
  g_autofree char *subtitle = NULL;
  g_autofree char *created = sy_time_format_local_ms (execution->created_at);
  g_autofree char *finished = sy_time_format_local_ms (execution->finished_at);
  g_autofree char *duration = sy_format_execution_duration (execution);
  g_autofree char *times = NULL;
  g_autofree char *reason = NULL;
  gboolean final = sy_status_is_final (execution->status);

  /* Translators: the detail's subtitle, "Order stock · version 3" */
  subtitle = g_strdup_printf (_("%s · version %u"),
                              workflow != NULL ? sy_workflow_get_title (workflow) : execution->workflow_key,
                              execution->version);
  gtk_label_set_text (self->execution_title_label, title);
  gtk_label_set_text (self->execution_subtitle_label, subtitle);

  g_clear_pointer (&self->waiting, g_free);
  self->waiting = describe_waiting (self);
  gtk_image_set_from_icon_name (self->status_icon, sy_status_icon_name (execution->status, FALSE));
  /* "Running" while a node works, "Waiting" while it waits for time or people. */
  gtk_label_set_text (self->status_label,
                      execution->status == SY_STATUS_STARTED && waits_at_node (self) ? _("Waiting")
                                                                                   : sy_status_to_display (execution->status, FALSE));
  /* For when the label is hidden (compact). */
  gtk_widget_set_tooltip_text (self->status_box, gtk_label_get_text (self->status_label));
  sy_widget_set_status_class (self->status_box, execution->status, FALSE);

  if (!final)
    times = g_strdup_printf (execution->manually ? _("Started by hand %s") : _("Started by its trigger %s"), created);
  else if (execution->manually)
    /* Translators: "Started by hand 2026-11-21 10:00:01 · finished 2026-11-21 10:00:03 · took 2.1 s" */
    times = g_strdup_printf (_("Started by hand %s · finished %s · took %s"), created, finished, duration);
  else
    times = g_strdup_printf (_("Started by its trigger %s · finished %s · took %s"), created, finished, duration);
  gtk_label_set_text (self->times_label, times);

  reason = failure_text (self);
  gtk_label_set_text (self->reason_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);

  gtk_label_set_text (self->waiting_label, self->waiting != NULL ? self->waiting : "");
  gtk_widget_set_visible (self->waiting_box, self->waiting != NULL);

  if (execution->retry_of > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, execution->retry_of);
      g_autofree char *label = g_strdup_printf (_("Retry of execution %s"), number);

      gtk_button_set_label (self->retry_of_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->retry_of_button), execution->retry_of > 0);
  if (execution->parent_execution_id > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, execution->parent_execution_id);
      g_autofree char *label = g_strdup_printf (_("Called by execution %s"), number);

      gtk_button_set_label (self->parent_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->parent_button), execution->parent_execution_id > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "execution.cancel", !final);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "execution.retry", final && self->document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "execution.retry-from-selected",
                                 final && self->document != NULL && node_ran (self, self->selected_key));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "execution.run-again", self->document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "execution.delete", final);
}

/* ── Panel ────────────────────────────────────────────────────────────── */

static GtkWidget *
caption_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

static GtkWidget *
json_section (const char *title,
              JsonNode   *node,
              guint       depth)
{
  GtkWidget *view = sy_json_view_new (title);

  sy_json_view_set_json (SY_JSON_VIEW (view), node);
  sy_json_view_expand (SY_JSON_VIEW (view), depth);
  return view;
}

static GtkWidget *
panel_heading (const char *title,
               const char *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = caption_label (title);
  GtkWidget *caption = caption_label (subtitle);

  gtk_widget_add_css_class (heading, "title-4");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), caption);
  return box;
}

static char *
branch_label (SyExecutionDetail *self,
              SyJob             *job)
{
  SyWorkflow *workflow = shown_workflow (self);
  SyNode *node = workflow != NULL ? sy_workflow_find_node (workflow, job->node_key) : NULL;
  SyNode *parent = node != NULL ? sy_node_get_parent (node) : NULL;
  const SyNodeKind *kind = parent != NULL ? sy_node_kind_lookup (sy_node_get_node_type (parent)) : NULL;

  if (job->branch == NULL)
    return NULL;
  if (kind != NULL && kind->branch_label != NULL && parent != NULL)
    {
      char *label = kind->branch_label (parent, job->branch);

      if (label != NULL)
        return label;
    }
  return g_strdup (job->branch);
}

static GtkWidget *
job_row (SyExecutionDetail *self,
         SyJob             *job,
         guint              index,
         guint              count)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (sy_status_icon_name (job->status, TRUE));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  g_autofree char *started = sy_time_format_local_ms (job->started_at);
  g_autofree char *finished = sy_time_format_local_ms (job->finished_at);
  g_autofree char *duration = sy_format_job_duration (job);
  g_autofree char *branch = branch_label (self, job);
  g_autofree char *times = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *message = sy_job_message (job);

  if (count > 1)
    /* Translators: a node's run in a loop, "Run 2 of 3" */
    g_string_append_printf (subtitle, _("Run %u of %u"), index + 1, count);
  if (branch != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      /* Translators: the branch a job ran in, "Branch “True”" */
      g_string_append_printf (subtitle, _("Branch “%s”"), branch);
    }
  if (job->finished_at > 0)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, duration);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sy_status_to_display (job->status, TRUE));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
  gtk_widget_add_css_class (icon, "sy-status");
  sy_widget_set_status_class (icon, job->status, TRUE);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  if (message != NULL)
    {
      GtkWidget *label = caption_label (message);

      gtk_widget_add_css_class (label, "error");
      gtk_box_append (GTK_BOX (box), label);
    }
  if (job->status == SY_STATUS_PENDING)
    {
      g_autofree char *waiting = describe_pending_job (self, job);

      if (waiting != NULL)
        gtk_box_append (GTK_BOX (box), caption_label (waiting));
    }

  times = job->finished_at > 0 ? g_strdup_printf (_("Started %s\nFinished %s"), started, finished)
                               : g_strdup_printf (_("Started %s"), started);
  {
    GtkWidget *label = caption_label (times);

    gtk_widget_add_css_class (label, "caption");
    gtk_widget_add_css_class (label, "numeric");
    gtk_box_append (GTK_BOX (box), label);
  }

  gtk_box_append (GTK_BOX (box), json_section (_("Result"), job->result, 2));
  if (job->config != NULL)
    gtk_box_append (GTK_BOX (box), json_section (_("Configuration It Ran With"), job->config, 1));
  if (job->log != NULL && job->log[0] != '\0')
    {
      GtkWidget *heading = caption_label (_("Log"));
      GtkWidget *log = caption_label (job->log);

      gtk_widget_add_css_class (heading, "heading");
      gtk_widget_add_css_class (log, "sy-job-log");
      gtk_widget_add_css_class (log, "monospace");
      gtk_box_append (GTK_BOX (box), heading);
      gtk_box_append (GTK_BOX (box), log);
    }

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), box);
  /* One run, or one that did not go well, is worth opening. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), count == 1 || job->status != SY_STATUS_RESOLVED);
  return row;
}

static void
fill_trigger_panel (SyExecutionDetail *self)
{
  SyWorkflow *workflow = shown_workflow (self);
  const SyTriggerKind *kind = workflow != NULL ? sy_trigger_kind_lookup (sy_workflow_get_trigger_type (workflow)) : NULL;
  const char *trigger_title = workflow != NULL ? sy_workflow_get_trigger_title (workflow) : NULL;

  if (trigger_title == NULL || trigger_title[0] == '\0')
    trigger_title = kind != NULL ? _(kind->title) : _("Trigger");
  gtk_box_append (self->job_panel_box,
                  panel_heading (trigger_title, _("What the trigger passed to the workflow, as $context.")));
  gtk_box_append (self->job_panel_box, json_section (_("Context"), self->execution->context, 2));
  if (self->execution->output != NULL && !JSON_NODE_HOLDS_NULL (self->execution->output))
    gtk_box_append (self->job_panel_box, json_section (_("Output"), self->execution->output, 2));
}

static void
fill_node_panel (SyExecutionDetail *self,
                 GPtrArray         *jobs)
{
  SyWorkflow *workflow = shown_workflow (self);
  SyNode *node = workflow != NULL ? sy_workflow_find_node (workflow, self->selected_key) : NULL;
  const SyNodeKind *kind = node != NULL ? sy_node_kind_lookup (sy_node_get_node_type (node)) : NULL;
  GtkWidget *list;

  gtk_box_append (self->job_panel_box,
                  panel_heading (node_title (self, self->selected_key),
                                 kind != NULL ? _(kind->title) : self->selected_key));
  if (jobs->len == 0)
    {
      GtkWidget *label = caption_label (_("This node did not run in this execution."));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->job_panel_box, label);
      return;
    }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < jobs->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), job_row (self, g_ptr_array_index (jobs, i), i, jobs->len));
  gtk_box_append (self->job_panel_box, list);
}

static void
checksum_add_text (GChecksum  *checksum,
                   const char *text)
{
  /* With its end, so that "ab" + "c" differs from "a" + "bc". */
  g_checksum_update (checksum, (const guchar *) (text != NULL ? text : ""), text != NULL ? strlen (text) + 1 : 0);
  g_checksum_update (checksum, (const guchar *) (text != NULL ? "+" : "-"), 1);
}

static void
checksum_add_json (GChecksum *checksum,
                   JsonNode  *node)
{
  g_autofree char *text = node != NULL ? json_to_string (node, FALSE) : NULL;

  checksum_add_text (checksum, text);
}

static void
checksum_add_number (GChecksum *checksum,
                     gint64     number)
{
  g_checksum_update (checksum, (const guchar *) &number, sizeof number);
}

/* Everything of `job` the panel shows, what it waits for included. */
static void
checksum_add_job (SyExecutionDetail *self,
                  GChecksum         *checksum,
                  SyJob             *job)
{
  g_autofree char *waiting = job->status == SY_STATUS_PENDING ? describe_pending_job (self, job) : NULL;

  checksum_add_number (checksum, job->id);
  checksum_add_number (checksum, job->status);
  checksum_add_number (checksum, job->started_at);
  checksum_add_number (checksum, job->finished_at);
  checksum_add_text (checksum, job->branch);
  checksum_add_json (checksum, job->result);
  checksum_add_json (checksum, job->config);
  checksum_add_text (checksum, job->log);
  checksum_add_text (checksum, waiting);
}

/* Rebuilds the panel when what it shows changed (`panel_dirty` says it
 * may have); otherwise it stays as it is, rows expanded and scrolled. */
static void
update_panel (SyExecutionDetail *self)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new ();
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);

  if (!self->panel_dirty)
    return;
  self->panel_dirty = FALSE;

  checksum_add_text (checksum, self->selected_key);
  checksum_add_number (checksum, self->execution->id);
  if (self->selected_key == NULL)
    {
      checksum_add_json (checksum, self->execution->context);
      checksum_add_json (checksum, self->execution->output);
    }
  for (guint i = 0; self->selected_key != NULL && self->execution->jobs != NULL && i < self->execution->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (self->execution->jobs, i);

      if (g_strcmp0 (job->node_key, self->selected_key) != 0)
        continue;
      g_ptr_array_add (jobs, job);
      checksum_add_job (self, checksum, job);
    }

  if (g_strcmp0 (g_checksum_get_string (checksum), self->panel_signature) == 0)
    return;
  g_free (self->panel_signature);
  self->panel_signature = g_strdup (g_checksum_get_string (checksum));

  sy_widget_remove_children (GTK_WIDGET (self->job_panel_box));
  if (self->selected_key == NULL)
    fill_trigger_panel (self);
  else
    fill_node_panel (self, jobs);
}

/* ── Reading ──────────────────────────────────────────────────────────── */

/* What was read or received before is of no use any more. */
static void
forget_changes (SyExecutionDetail *self)
{
  g_clear_pointer (&self->changed_execution, sy_execution_unref);
  g_hash_table_remove_all (self->changed_jobs);
  g_hash_table_remove_all (self->person_tasks);
  g_clear_pointer (&self->people, g_ptr_array_unref);
}

/* Reads the execution with all its jobs. */
static void
refresh (SyExecutionDetail *self)
{
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  forget_changes (self);
  self->stale = FALSE;
  self->panel_dirty = TRUE;
  if (self->id <= 0)
    return;

  self->n_reads++;
  if (ensure_reader (self))
    execution = sy_store_get_execution (self->reader, self->id, TRUE, &error);
  if (execution == NULL)
    {
      g_autofree char *title = sy_format_execution_title (self->id);

      g_clear_pointer (&self->execution, sy_execution_unref);
      gtk_label_set_text (self->execution_title_label, title);
      gtk_label_set_text (self->execution_subtitle_label, "");
      adw_status_page_set_description (self->unknown_page, error != NULL ? error->message
                                                                         : _("The engine is not running."));
      gtk_stack_set_visible_child_name (self->execution_body_stack, "unknown");
      gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->times_label)), FALSE);
      gtk_widget_set_visible (self->status_box, FALSE);
      for (const char * const *name = (const char * const[]) { "execution.cancel", "execution.retry",
                                                                "execution.retry-from-selected",
                                                                "execution.run-again", "execution.delete",
                                                                NULL };
           *name != NULL; name++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), *name, FALSE);
      return;
    }

  g_clear_pointer (&self->execution, sy_execution_unref);
  self->execution = g_steal_pointer (&execution);
  gtk_stack_set_visible_child_name (self->execution_body_stack, "execution");
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->times_label)), TRUE);
  gtk_widget_set_visible (self->status_box, TRUE);

  load_version (self);
  update_canvas (self);
  update_header (self);
  update_panel (self);
}

/* `job` in place of the one with its id, or added in id order. */
static void
merge_job (SyExecutionDetail *self,
           SyJob             *job)
{
  GPtrArray *jobs = self->execution->jobs;
  guint i = jobs->len;

  while (i > 0 && ((SyJob *) g_ptr_array_index (jobs, i - 1))->id > job->id)
    i--;
  if (i > 0 && ((SyJob *) g_ptr_array_index (jobs, i - 1))->id == job->id)
    {
      sy_job_unref (g_ptr_array_index (jobs, i - 1));
      g_ptr_array_index (jobs, i - 1) = sy_job_ref (job);
    }
  else
    g_ptr_array_insert (jobs, i, sy_job_ref (job));
}

static SyJob *
latest_job_of (SyExecution *execution,
               const char  *key)
{
  for (guint i = execution->jobs->len; i > 0; i--)
    {
      SyJob *job = g_ptr_array_index (execution->jobs, i - 1);

      if (g_strcmp0 (job->node_key, key) == 0)
        return job;
    }
  return NULL;
}

/* Shows the copies the engine sent since the last time: only the changed
 * jobs' cards change, and the panel only when its node changed. */
static void
apply_changes (SyExecutionDetail *self)
{
  GHashTableIter iter;
  SyJob *job;

  if (self->changed_execution != NULL)
    {
      SyExecution *execution = g_steal_pointer (&self->changed_execution);

      execution->jobs = g_steal_pointer (&self->execution->jobs);
      sy_execution_unref (self->execution);
      self->execution = execution;
      /* The trigger's panel shows the execution's context and output. */
      self->panel_dirty |= self->selected_key == NULL;
    }

  g_hash_table_iter_init (&iter, self->changed_jobs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &job))
    {
      merge_job (self, job);
      g_hash_table_remove (self->person_tasks, ID_KEY (job->id));
      if (self->document != NULL && latest_job_of (self->execution, job->node_key) == job)
        sy_canvas_set_job (self->execution_canvas, job);
      self->panel_dirty |= g_strcmp0 (job->node_key, self->selected_key) == 0;
    }
  g_hash_table_remove_all (self->changed_jobs);

  update_header (self);
  update_panel (self);
}

static gboolean
refresh_idle (gpointer data)
{
  SyExecutionDetail *self = data;

  self->refresh_id = 0;
  if (self->stale || self->execution == NULL || self->execution->id != self->id)
    refresh (self);
  else
    apply_changes (self);
  return G_SOURCE_REMOVE;
}

/* Hidden, it only notes that it has to read everything again when shown. */
static void
queue_refresh (SyExecutionDetail *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      forget_changes (self);
      self->stale = TRUE;
      return;
    }
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

/* The records are the engine's copies of what it committed: kept as they are. */
static void
on_execution_changed (SyExecutionDetail *self,
                      SyExecution       *execution)
{
  if (execution->id != self->id)
    return;
  g_clear_pointer (&self->changed_execution, sy_execution_unref);
  self->changed_execution = sy_execution_ref (execution);
  queue_refresh (self);
}

static void
on_job_updated (SyExecutionDetail *self,
                SyJob             *job)
{
  if (job->execution_id != self->id)
    return;
  g_hash_table_replace (self->changed_jobs, ID_KEY (job->id), sy_job_ref (job));
  queue_refresh (self);
}

/* Someone acted on a task, maybe one this execution waits for. */
static void
on_tasks_changed (SyExecutionDetail *self)
{
  if (self->execution == NULL || g_hash_table_size (self->person_tasks) == 0)
    return;
  g_hash_table_remove_all (self->person_tasks);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  self->panel_dirty = TRUE;
  queue_refresh (self);
}

/* The canvas picks the node the panel shows (it tells back through
 * on_canvas_selection, which finds the key unchanged). */
static void
sync_canvas_selection (SyExecutionDetail *self)
{
  SyWorkflow *workflow = shown_workflow (self);
  SyNode *node = workflow != NULL && self->selected_key != NULL ? sy_workflow_find_node (workflow, self->selected_key)
                                                                : NULL;

  if (sy_canvas_get_selected_node (self->execution_canvas) != node)
    sy_canvas_select_node (self->execution_canvas, node);
}

static void
on_canvas_selection (SyExecutionDetail *self)
{
  SyNode *node = sy_canvas_get_selected_node (self->execution_canvas);

  sy_execution_detail_select_node (self, node != NULL ? sy_node_get_key (node) : NULL);
}

static void
on_canvas_node_activated (SyExecutionDetail *self,
                          SyNode            *node)
{
  sy_execution_detail_select_node (self, node != NULL ? sy_node_get_key (node) : NULL);
}

/* ── Actions ──────────────────────────────────────────────────────────── */

/* A failed request says why, unless the detail is gone (dispose cancels). */
static gboolean
reply_failed (SyExecutionDetail *self,
              GError            *error)
{
  if (error == NULL)
    return FALSE;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    sy_widget_show_toast (GTK_WIDGET (self), error->message);
  return TRUE;
}

static void
cancelled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SyExecutionDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  /* The engine's signals update the detail if it still shows that
   * execution; the person may have moved on, so it does not go back. */
  g_autoptr(SyExecution) execution = sy_engine_cancel_finish (SY_ENGINE (source), result, &error);

  reply_failed (self, error);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SyExecutionDetail) self = user_data;
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_get_source_tag (G_TASK (result)) == sy_engine_retry_async)
    execution = sy_engine_retry_finish (SY_ENGINE (source), result, &error);
  else
    execution = sy_engine_execute_finish (SY_ENGINE (source), result, &error);

  if (reply_failed (self, error))
    return;
  /* A retry or a new run opens at once and lights up as it goes. */
  sy_execution_detail_show (self, execution->id);
}

static gboolean
engine_ready (SyExecutionDetail *self)
{
  if (self->engine != NULL && sy_engine_is_running (self->engine) && self->execution != NULL)
    return TRUE;
  sy_widget_show_toast (GTK_WIDGET (self), _("The engine is not running"));
  return FALSE;
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SyExecutionDetail *self = SY_EXECUTION_DETAIL (widget);

  if (engine_ready (self))
    sy_engine_cancel_async (self->engine, self->id, self->cancellable, cancelled_cb, g_object_ref (self));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SyExecutionDetail *self = SY_EXECUTION_DETAIL (widget);
  gboolean from_selected = g_str_equal (action_name, "execution.retry-from-selected");

  if (!engine_ready (self) || (from_selected && !node_ran (self, self->selected_key)))
    return;
  sy_engine_retry_async (self->engine, self->id, from_selected ? self->selected_key : NULL,
                         SY_EXECUTE_NO_WAIT, self->cancellable, opened_cb, g_object_ref (self));
}

static void
on_run_again (SyExecutionDetail *self,
              JsonNode          *context)
{
  if (engine_ready (self))
    sy_engine_execute_async (self->engine, self->execution->workflow_key, context,
                             SY_EXECUTE_MANUALLY | SY_EXECUTE_NO_WAIT, self->cancellable, opened_cb,
                             g_object_ref (self));
}

static void
run_again_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SyExecutionDetail *self = SY_EXECUTION_DETAIL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *text = NULL;
  SyExecuteDialog *dialog;

  if (self->execution == NULL || self->document == NULL)
    return;

  /* The same dialog as Execute, filled with this execution's context; it
   * runs the workflow's current version. */
  dialog = sy_execute_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, shown_workflow (self));
  text = self->execution->context != NULL ? json_to_string (self->execution->context, TRUE) : g_strdup ("{}");
  sy_execute_dialog_set_context_text (dialog, text);
  g_signal_connect_object (dialog, "execute", G_CALLBACK (on_run_again), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_context_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SyExecutionDetail *self = SY_EXECUTION_DETAIL (widget);
  g_autofree char *text = NULL;

  if (self->execution == NULL)
    return;
  text = self->execution->context != NULL ? json_to_string (self->execution->context, TRUE) : g_strdup ("null");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  sy_widget_show_toast (widget, _("Context copied"));
}

/* The execution a Delete is about: the detail may show another by the
 * time the engine answers. */
typedef struct
{
  SyExecutionDetail *self;
  gint64             id;
} Deletion;

static Deletion *
deletion_new (SyExecutionDetail *self,
              gint64             id)
{
  Deletion *deletion = g_new0 (Deletion, 1);

  deletion->self = g_object_ref (self);
  deletion->id = id;
  return deletion;
}

static void
deletion_free (Deletion *deletion)
{
  g_object_unref (deletion->self);
  g_free (deletion);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Deletion, deletion_free)

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Deletion) deletion = user_data;
  g_autoptr(GError) error = NULL;

  sy_engine_delete_execution_finish (SY_ENGINE (source), result, &error);
  if (reply_failed (deletion->self, error))
    return;
  g_signal_emit (deletion->self, signals[SIGNAL_DELETED], 0, deletion->id);
}

static void
start_delete (gpointer data)
{
  Deletion *deletion = data;
  SyExecutionDetail *self = deletion->self;

  if (!g_cancellable_is_cancelled (self->cancellable) && engine_ready (self))
    sy_engine_delete_execution_async (self->engine, deletion->id, self->cancellable, deleted_cb,
                                      deletion_new (self, deletion->id));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SyExecutionDetail *self = SY_EXECUTION_DETAIL (widget);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->id);
  g_autofree char *heading = g_strdup_printf (_("Delete Execution %s?"), number);

  sy_confirm_destructive (widget, heading,
                          _("Its jobs and results are deleted too. The workflow’s run count stays as it is."),
                          _("_Delete"), start_delete, deletion_new (self, self->id), (GDestroyNotify) deletion_free);
}

static void
open_linked_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SyExecutionDetail *self = SY_EXECUTION_DETAIL (widget);

  if (self->execution == NULL)
    return;
  if (g_str_equal (action_name, "execution.open-retried"))
    sy_execution_detail_show (self, self->execution->retry_of);
  else
    sy_execution_detail_show (self, self->execution->parent_execution_id);
}

/* ── Layout: side by side, or stacked when narrow ─────────────────────── */

static gboolean
update_orientation (gpointer data)
{
  SyExecutionDetail *self = data;

  self->orientation_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), !self->compact);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->execution_paned),
                                  self->narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  /* Stacked: the canvas a little above the middle, the jobs below. */
  if (self->narrow)
    gtk_paned_set_position (self->execution_paned, gtk_widget_get_height (GTK_WIDGET (self->execution_paned)) * 11 / 20);
  queue_fit (self);
  return G_SOURCE_REMOVE;
}

static void
sy_execution_detail_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  gtk_widget_measure (SY_EXECUTION_DETAIL (widget)->execution_content, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
sy_execution_detail_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  SyExecutionDetail *self = SY_EXECUTION_DETAIL (widget);
  gboolean narrow = width < NARROW_WIDTH;
  gboolean compact = width < COMPACT_WIDTH;

  gtk_widget_allocate (self->execution_content, width, height, baseline, NULL);

  /* The panes turn after this allocation, not inside it. */
  if (narrow != self->narrow || compact != self->compact)
    {
      self->narrow = narrow;
      self->compact = compact;
      if (self->orientation_id == 0)
        self->orientation_id = g_idle_add (update_orientation, self);
    }
}

/* ── Object ───────────────────────────────────────────────────────────── */

/* What changed while it was hidden is read before it is drawn. */
static void
sy_execution_detail_map (GtkWidget *widget)
{
  SyExecutionDetail *self = SY_EXECUTION_DETAIL (widget);

  GTK_WIDGET_CLASS (sy_execution_detail_parent_class)->map (widget);
  if (self->stale)
    refresh (self);
}

static void
sy_execution_detail_dispose (GObject *object)
{
  SyExecutionDetail *self = SY_EXECUTION_DETAIL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->orientation_id, g_source_remove);
  g_clear_handle_id (&self->fit_id, g_source_remove);
  if (self->execution_canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->execution_canvas, self);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_EXECUTION_DETAIL);
  g_clear_object (&self->document);
  g_clear_object (&self->reader);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (sy_execution_detail_parent_class)->dispose (object);
}

static void
sy_execution_detail_finalize (GObject *object)
{
  SyExecutionDetail *self = SY_EXECUTION_DETAIL (object);

  g_clear_pointer (&self->execution, sy_execution_unref);
  g_clear_pointer (&self->changed_execution, sy_execution_unref);
  g_clear_pointer (&self->changed_jobs, g_hash_table_unref);
  g_clear_pointer (&self->person_tasks, g_hash_table_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->selected_key);
  g_free (self->panel_signature);
  g_free (self->waiting);

  G_OBJECT_CLASS (sy_execution_detail_parent_class)->finalize (object);
}

static void
sy_execution_detail_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SyExecutionDetail *self = SY_EXECUTION_DETAIL (object);

  switch (prop_id)
    {
    case PROP_EXECUTION_ID:
      g_value_set_int64 (value, self->id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_execution_detail_class_init (SyExecutionDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_execution_detail_dispose;
  object_class->finalize = sy_execution_detail_finalize;
  object_class->get_property = sy_execution_detail_get_property;
  widget_class->measure = sy_execution_detail_measure;
  widget_class->size_allocate = sy_execution_detail_size_allocate;
  widget_class->map = sy_execution_detail_map;

  properties[PROP_EXECUTION_ID] =
    g_param_spec_int64 ("execution-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (SY_TYPE_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/sy-execution-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, execution_content);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, execution_title_label);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, execution_subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, status_box);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, status_icon);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, times_label);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, reason_label);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, waiting_box);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, retry_of_button);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, parent_button);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, execution_body_stack);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, execution_paned);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, execution_canvas_stack);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, execution_canvas);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, unknown_page);
  gtk_widget_class_bind_template_child (widget_class, SyExecutionDetail, job_panel_box);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_selection);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_node_activated);

  gtk_widget_class_install_action (widget_class, "execution.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "execution.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "execution.retry-from-selected", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "execution.run-again", NULL, run_again_action);
  gtk_widget_class_install_action (widget_class, "execution.copy-context", NULL, copy_context_action);
  gtk_widget_class_install_action (widget_class, "execution.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "execution.open-retried", NULL, open_linked_action);
  gtk_widget_class_install_action (widget_class, "execution.open-parent", NULL, open_linked_action);

  gtk_widget_class_set_css_name (widget_class, "sy-execution-detail");
}

static void
sy_execution_detail_init (SyExecutionDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->changed_jobs = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sy_job_unref);
  self->person_tasks = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

GtkWidget *
sy_execution_detail_new (void)
{
  return g_object_new (SY_TYPE_EXECUTION_DETAIL, NULL);
}

void
sy_execution_detail_set_engine (SyExecutionDetail *self,
                                SyEngine          *engine)
{
  g_return_if_fail (SY_IS_EXECUTION_DETAIL (self));
  g_return_if_fail (engine == NULL || SY_IS_ENGINE (engine));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  g_clear_object (&self->reader);
  if (engine != NULL)
    {
      g_signal_connect_object (engine, "execution-started", G_CALLBACK (on_execution_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "execution-updated", G_CALLBACK (on_execution_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "job-updated", G_CALLBACK (on_job_updated), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "tasks-changed", G_CALLBACK (on_tasks_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "people-changed", G_CALLBACK (on_tasks_changed), self, G_CONNECT_SWAPPED);
    }
  refresh (self);
}

void
sy_execution_detail_show (SyExecutionDetail *self,
                          gint64             id)
{
  g_return_if_fail (SY_IS_EXECUTION_DETAIL (self));

  if (self->id != id)
    {
      self->id = id;
      /* Another execution starts at its trigger, on the canvas too (the
       * same version keeps the canvas and what was picked on it). */
      g_clear_pointer (&self->selected_key, g_free);
      g_clear_pointer (&self->panel_signature, g_free);
      sync_canvas_selection (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXECUTION_ID]);
    }
  refresh (self);
}

gint64
sy_execution_detail_get_id (SyExecutionDetail *self)
{
  g_return_val_if_fail (SY_IS_EXECUTION_DETAIL (self), 0);

  return self->id;
}

SyExecution *
sy_execution_detail_get_execution (SyExecutionDetail *self)
{
  g_return_val_if_fail (SY_IS_EXECUTION_DETAIL (self), NULL);

  return self->execution;
}

SyCanvas *
sy_execution_detail_get_canvas (SyExecutionDetail *self)
{
  g_return_val_if_fail (SY_IS_EXECUTION_DETAIL (self), NULL);

  return self->execution_canvas;
}

void
sy_execution_detail_select_node (SyExecutionDetail *self,
                                 const char        *key)
{
  g_return_if_fail (SY_IS_EXECUTION_DETAIL (self));

  if (g_strcmp0 (key, self->selected_key) == 0)
    return;
  g_free (self->selected_key);
  self->selected_key = g_strdup (key);
  self->panel_dirty = TRUE;
  sync_canvas_selection (self);
  if (self->execution != NULL)
    {
      update_header (self);
      update_panel (self);
    }
}

guint
sy_execution_detail_get_n_reads (SyExecutionDetail *self)
{
  g_return_val_if_fail (SY_IS_EXECUTION_DETAIL (self), 0);

  return self->n_reads;
}

const char *
sy_execution_detail_get_waiting (SyExecutionDetail *self)
{
  g_return_val_if_fail (SY_IS_EXECUTION_DETAIL (self), NULL);

  return self->waiting;
}
