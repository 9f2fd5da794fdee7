/* sy-workflow-document.c — a workflow being edited: undoable edits, problems
 *
 * Undo is operation-based: every change to the workflow goes through
 * record(), which applies one small operation (a node into or out of a
 * chain, a branch added or dropped, a key, title, config member or the
 * options set) and keeps its inverse in the current undo step. Undoing a
 * step applies its inverses newest first, each turning back into the
 * forward operation for redo. An edit costs what it touches, and node
 * objects survive undo and redo, so views and selections keep them.
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "sy-json.h"
#include "sy-node-kind.h"
#include "sy-workflow-document.h"
#include "sy-workflow-refs.h"

/* Edits of the same member closer than this merge into one undo step. */
#define MERGE_INTERVAL_US (1 * G_USEC_PER_SEC)
#define HISTORY_LIMIT     200

typedef enum
{
  OP_INSERT,       /* node into the chain (parent, branch) at position */
  OP_REMOVE,       /* node out of that chain */
  OP_ADD_BRANCH,   /* empty branch `name` of node at position */
  OP_DROP_BRANCH,  /* empty branch `name` of node */
  OP_KEY,          /* node's key becomes `text` */
  OP_TITLE,        /* node's (NULL: the trigger's) title becomes `text` */
  OP_CONFIG,       /* member `name` of node's (NULL: trigger's) config becomes `value` */
  OP_OPTIONS,      /* the workflow's title and options become `options` */
} OpKind;

typedef struct
{
  char    *title;
  char    *description;
  gboolean enabled;
  gboolean sync;
  gint64   timeout_ms;
  guint    stack_limit;
  GArray  *deletes;  /* of SyStatus */
} Options;

typedef struct
{
  OpKind    kind;
  SyNode   *node;
  SyNode   *parent;
  char     *name;      /* branch name (chain ops, branch ops) or config member */
  guint     position;
  char     *text;
  JsonNode *value;
  Options  *options;
} Op;

typedef struct
{
  GPtrArray *ops;       /* of Op, oldest first: each undoes what was done */
  char      *merge_key; /* NULL: never merges */
  gint64     time;
} Step;

struct _SyWorkflowDocument
{
  GObject         parent_instance;

  SyWorkflow     *workflow;
  gboolean        read_only;
  GQueue          undo;      /* of Step, newest first */
  GQueue          redo;
  Step           *recording; /* where record() keeps inverses; NULL while merging */
  SyDocumentEdit  edit;      /* what the edit in progress changed */
  gboolean        rekey;     /* the key index needs rebuilding */
  GPtrArray      *problems;  /* of SyProblem */
  GHashTable     *by_node;   /* node path → GPtrArray of its problems; built when asked */
};

G_DEFINE_FINAL_TYPE (SyWorkflowDocument, sy_workflow_document, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_WORKFLOW,
  PROP_READ_ONLY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum
{
  SIGNAL_EDITED,
  SIGNAL_CHANGED,
  SIGNAL_PROBLEMS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Operations --------------------------------------------------------------- */

static void
options_free (Options *options)
{
  g_free (options->title);
  g_free (options->description);
  g_clear_pointer (&options->deletes, g_array_unref);
  g_free (options);
}

static Options *
options_read (SyWorkflow *workflow)
{
  Options *options = g_new0 (Options, 1);
  GArray *deletes = sy_workflow_get_delete_executions (workflow);

  options->title = g_strdup (sy_workflow_get_title (workflow));
  options->description = g_strdup (sy_workflow_get_description (workflow));
  options->enabled = sy_workflow_get_enabled (workflow);
  options->sync = sy_workflow_get_sync (workflow);
  options->timeout_ms = sy_workflow_get_timeout_ms (workflow);
  options->stack_limit = sy_workflow_get_stack_limit (workflow);
  options->deletes = g_array_new (FALSE, FALSE, sizeof (SyStatus));
  if (deletes != NULL)
    g_array_append_vals (options->deletes, deletes->data, deletes->len);

  return options;
}

static void
options_write (const Options *options,
               SyWorkflow    *workflow)
{
  sy_workflow_set_title (workflow, options->title);
  sy_workflow_set_description (workflow, options->description);
  sy_workflow_set_enabled (workflow, options->enabled);
  sy_workflow_set_sync (workflow, options->sync);
  sy_workflow_set_timeout_ms (workflow, options->timeout_ms);
  sy_workflow_set_stack_limit (workflow, options->stack_limit);
  sy_workflow_set_delete_executions (workflow, (const SyStatus *) (gpointer) options->deletes->data,
                                     options->deletes->len);
}

static void
op_free (Op *op)
{
  g_clear_object (&op->node);
  g_clear_object (&op->parent);
  g_free (op->name);
  g_free (op->text);
  g_clear_pointer (&op->value, json_node_unref);
  g_clear_pointer (&op->options, options_free);
  g_free (op);
}

static Op *
op_new (OpKind      kind,
        SyNode     *node,
        SyNode     *parent,
        const char *name,
        guint       position)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->node = node != NULL ? g_object_ref (node) : NULL;
  op->parent = parent != NULL ? g_object_ref (parent) : NULL;
  op->name = g_strdup (name);
  op->position = position;
  return op;
}

static void
note (GPtrArray *list,
      SyNode    *node)
{
  if (!g_ptr_array_find (list, node, NULL))
    g_ptr_array_add (list, node);
}

static GPtrArray *
chain_at (SyWorkflowDocument *self,
          SyNode             *parent,
          const char         *branch)
{
  return parent == NULL ? sy_workflow_get_nodes (self->workflow) : sy_node_get_branch (parent, branch);
}

static JsonObject *
config_of (SyWorkflowDocument *self,
           SyNode             *node)
{
  return node != NULL ? sy_node_get_config (node) : sy_workflow_get_trigger_config (self->workflow);
}

static guint
member_index (JsonObject *object,
              const char *name)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint index = 0;

  for (GList *l = members; l != NULL; l = l->next, index++)
    if (g_str_equal (l->data, name))
      return index;

  return G_MAXUINT;
}

/* Puts member `name` (the last one) back at `position`, so undoing the
 * removal of a member restores the object as it was, order included. */
static void
move_member_to (JsonObject *object,
                const char *name,
                guint       position)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint index = 0;

  for (GList *l = members; l != NULL; l = l->next, index++)
    {
      g_autoptr(JsonNode) value = NULL;
      g_autofree char *member = NULL;

      if (index < position || g_str_equal (l->data, name))
        continue;
      /* Removing frees the object's copy of the name. */
      member = g_strdup (l->data);
      value = json_node_ref (json_object_get_member (object, member));
      json_object_remove_member (object, member);
      json_object_set_member (object, member, g_steal_pointer (&value));
    }
}

/* Does what `op` says and turns it into its own inverse. */
static void
op_apply (SyWorkflowDocument *self,
          Op                 *op)
{
  switch (op->kind)
    {
    case OP_INSERT:
      sy_node_chain_insert (chain_at (self, op->parent, op->name), op->parent, op->name, op->position, op->node);
      note (self->edit.chains, op->parent);
      op->kind = OP_REMOVE;
      self->rekey = TRUE;
      break;

    case OP_REMOVE:
      {
        GPtrArray *chain = chain_at (self, op->parent, op->name);

        g_ptr_array_find (chain, op->node, &op->position);
        sy_node_chain_remove (chain, op->node);
        note (self->edit.chains, op->parent);
        note (self->edit.removed, op->node);
        op->kind = OP_INSERT;
        self->rekey = TRUE;
      }
      break;

    case OP_ADD_BRANCH:
      sy_node_insert_branch (op->node, op->name, op->position);
      note (self->edit.chains, op->node);
      op->kind = OP_DROP_BRANCH;
      break;

    case OP_DROP_BRANCH:
      {
        int index = sy_node_get_branch_index (op->node, op->name);

        /* Its nodes were taken out first, by operations of their own. */
        g_return_if_fail (index >= 0 && sy_node_get_branch (op->node, op->name)->len == 0);
        op->position = index;
        sy_node_remove_branch (op->node, op->name);
        note (self->edit.chains, op->node);
        op->kind = OP_ADD_BRANCH;
      }
      break;

    case OP_KEY:
      {
        char *old = g_strdup (sy_node_get_key (op->node));

        sy_node_set_key (op->node, op->text);
        g_free (op->text);
        op->text = old;
        note (self->edit.nodes, op->node);
        self->rekey = TRUE;
      }
      break;

    case OP_TITLE:
      {
        char *old;

        if (op->node != NULL)
          {
            old = g_strdup (sy_node_get_title (op->node));
            sy_node_set_title (op->node, op->text);
            note (self->edit.nodes, op->node);
          }
        else
          {
            old = g_strdup (sy_workflow_get_trigger_title (self->workflow));
            sy_workflow_set_trigger_title (self->workflow, op->text);
            self->edit.trigger = TRUE;
          }
        g_free (op->text);
        op->text = old;
      }
      break;

    case OP_CONFIG:
      {
        JsonObject *config = config_of (self, op->node);
        JsonNode *old = json_object_get_member (config, op->name);
        guint index = member_index (config, op->name);

        /* Once replaced, the old value is ours alone: a reference will do. */
        old = old != NULL ? json_node_ref (old) : NULL;
        if (op->value != NULL)
          {
            json_object_set_member (config, op->name, g_steal_pointer (&op->value));
            if (old == NULL)
              move_member_to (config, op->name, op->position);
          }
        else
          json_object_remove_member (config, op->name);
        op->value = old;
        op->position = index;
        if (op->node != NULL)
          note (self->edit.nodes, op->node);
        else
          self->edit.trigger = TRUE;
      }
      break;

    case OP_OPTIONS:
      {
        Options *old = options_read (self->workflow);

        options_write (op->options, self->workflow);
        options_free (op->options);
        op->options = old;
        self->edit.workflow = TRUE;
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Applies `op` and keeps its inverse in the step being recorded. */
static void
record (SyWorkflowDocument *self,
        Op                 *op)
{
  op_apply (self, op);
  if (self->recording != NULL)
    g_ptr_array_add (self->recording->ops, op);
  else
    op_free (op); /* merged: the step already returns to before the first change */
}

static void
doc_insert (SyWorkflowDocument *self,
            SyNode             *parent,
            const char         *branch,
            guint               position,
            SyNode             *node)
{
  GPtrArray *chain = chain_at (self, parent, branch);

  record (self, op_new (OP_INSERT, node, parent, parent != NULL ? branch : NULL, MIN (position, chain->len)));
}

static void
doc_remove (SyWorkflowDocument *self,
            SyNode             *node)
{
  record (self, op_new (OP_REMOVE, node, sy_node_get_parent (node), sy_node_get_parent_branch (node), 0));
}

/* The branch `name` of `node`, created (undoably) when absent. */
static GPtrArray *
doc_ensure_branch (SyWorkflowDocument *self,
                   SyNode             *node,
                   const char         *name)
{
  if (sy_node_get_branch (node, name) == NULL)
    record (self, op_new (OP_ADD_BRANCH, node, NULL, name, sy_node_get_n_branches (node)));

  return sy_node_get_branch (node, name);
}

/* Drops branch `name` of `node` with the nodes in it. */
static void
doc_drop_branch (SyWorkflowDocument *self,
                 SyNode             *node,
                 const char         *name)
{
  GPtrArray *chain = sy_node_get_branch (node, name);

  while (chain->len > 0)
    doc_remove (self, g_ptr_array_index (chain, chain->len - 1));
  record (self, op_new (OP_DROP_BRANCH, node, NULL, name, 0));
}

static void
doc_set_key (SyWorkflowDocument *self,
             SyNode             *node,
             const char         *key)
{
  Op *op = op_new (OP_KEY, node, NULL, NULL, 0);

  op->text = g_strdup (key);
  record (self, op);
}

static void
doc_set_title (SyWorkflowDocument *self,
               SyNode             *node,
               const char         *title)
{
  Op *op = op_new (OP_TITLE, node, NULL, NULL, 0);

  op->text = g_strdup (title);
  record (self, op);
}

/* Member `member` of the config of `node` (NULL: the trigger) becomes
 * `value`, which this takes; NULL removes the member. */
static void
doc_take_config (SyWorkflowDocument *self,
                 SyNode             *node,
                 const char         *member,
                 JsonNode           *value)
{
  Op *op = op_new (OP_CONFIG, node, NULL, member, G_MAXUINT);

  op->value = value;
  record (self, op);
}

static void
doc_set_options (SyWorkflowDocument *self,
                 Options            *options)
{
  Op *op = op_new (OP_OPTIONS, NULL, NULL, NULL, 0);

  op->options = options;
  record (self, op);
}

static void
step_free (Step *step)
{
  g_ptr_array_unref (step->ops);
  g_free (step->merge_key);
  g_free (step);
}

static Step *
step_new (const char *merge_key)
{
  Step *step = g_new0 (Step, 1);

  step->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) op_free);
  step->merge_key = g_strdup (merge_key);
  step->time = g_get_monotonic_time ();
  return step;
}

static void
clear_queue (GQueue *queue)
{
  g_queue_clear_full (queue, (GDestroyNotify) step_free);
}

/* Problems ----------------------------------------------------------------- */

static gboolean
problems_equal (GPtrArray *a,
                GPtrArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      SyProblem *pa = g_ptr_array_index (a, i);
      SyProblem *pb = g_ptr_array_index (b, i);

      if (g_strcmp0 (pa->path, pb->path) != 0 || g_strcmp0 (pa->message, pb->message) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
revalidate (SyWorkflowDocument *self)
{
  g_autoptr(GPtrArray) problems = NULL;

  if (self->workflow == NULL)
    return;

  problems = sy_workflow_validate (self->workflow);
  if (problems_equal (problems, self->problems))
    return;

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->by_node, g_hash_table_unref);
  self->problems = g_steal_pointer (&problems);
  g_signal_emit (self, signals[SIGNAL_PROBLEMS_CHANGED], 0);
}

/* The spec's JSON path of `node` ("nodes[1].branches.true[0]"). */
static char *
node_path (SyWorkflowDocument *self,
           SyNode             *node)
{
  GPtrArray *chain = sy_node_get_chain (node);
  SyNode *parent = sy_node_get_parent (node);
  guint index = 0;

  if (chain == NULL || !g_ptr_array_find (chain, node, &index))
    return NULL;

  if (parent == NULL)
    return g_strdup_printf ("nodes[%u]", index);
  else
    {
      g_autofree char *parent_path = node_path (self, parent);

      if (parent_path == NULL)
        return NULL;
      return g_strdup_printf ("%s.branches.%s[%u]", parent_path, sy_node_get_parent_branch (node), index);
    }
}

/* Edits -------------------------------------------------------------------- */

static gboolean
check_writable (SyWorkflowDocument *self,
                GError            **error)
{
  if (!self->read_only)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
               _("Version %u of “%s” has run and is read-only; duplicate it to make changes"),
               sy_workflow_get_version (self->workflow),
               sy_workflow_get_title (self->workflow) != NULL ? sy_workflow_get_title (self->workflow) : "");
  return FALSE;
}

static void
notify_history (SyWorkflowDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
edit_reset (SyDocumentEdit *edit)
{
  g_ptr_array_set_size (edit->nodes, 0);
  g_ptr_array_set_size (edit->chains, 0);
  g_ptr_array_set_size (edit->removed, 0);
  edit->trigger = FALSE;
  edit->workflow = FALSE;
}

/* Starts an undo step. `merge_key` names the member being changed; a step
 * for the same member within MERGE_INTERVAL_US is continued instead. */
static void
begin_edit (SyWorkflowDocument *self,
            const char         *merge_key)
{
  Step *top = g_queue_peek_head (&self->undo);
  gint64 now = g_get_monotonic_time ();

  clear_queue (&self->redo);
  edit_reset (&self->edit);

  if (merge_key != NULL && top != NULL && g_strcmp0 (top->merge_key, merge_key) == 0
      && now - top->time < MERGE_INTERVAL_US)
    {
      top->time = now;
      self->recording = NULL;
      return;
    }

  self->recording = step_new (merge_key);
  g_queue_push_head (&self->undo, self->recording);

  while (g_queue_get_length (&self->undo) > HISTORY_LIMIT)
    step_free (g_queue_pop_tail (&self->undo));
}

/* Ends the edit (or undo, or redo) in progress: the key index and problems
 * follow, then "edited" tells views exactly what changed. */
static void
finish_edit (SyWorkflowDocument *self)
{
  if (self->rekey)
    sy_workflow_reindex (self->workflow);
  self->rekey = FALSE;
  self->recording = NULL;

  revalidate (self);
  g_signal_emit (self, signals[SIGNAL_EDITED], 0, &self->edit);
}

static void
end_edit (SyWorkflowDocument *self,
          SyDocumentChange    change,
          SyNode             *node)
{
  finish_edit (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, change, node);
  notify_history (self);
}

/* Reports what changed the way single edits do: STRUCTURE once when the
 * graph changed, else NODE once per changed node, TRIGGER, WORKFLOW (undo,
 * redo, and a rename that rewrote references in other nodes). */
static void
end_edit_by_parts (SyWorkflowDocument *self)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean trigger = self->edit.trigger, workflow = self->edit.workflow;

  if (self->edit.chains->len > 0 || self->edit.removed->len > 0)
    {
      end_edit (self, SY_DOCUMENT_CHANGE_STRUCTURE, NULL);
      return;
    }

  /* Handlers may edit and reset self->edit: keep what to report. */
  for (guint i = 0; i < self->edit.nodes->len; i++)
    g_ptr_array_add (nodes, g_object_ref (g_ptr_array_index (self->edit.nodes, i)));

  finish_edit (self);
  for (guint i = 0; i < nodes->len; i++)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, SY_DOCUMENT_CHANGE_NODE, g_ptr_array_index (nodes, i));
  if (trigger)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, SY_DOCUMENT_CHANGE_TRIGGER, NULL);
  if (workflow)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, SY_DOCUMENT_CHANGE_WORKFLOW, NULL);
  notify_history (self);
}

static gboolean
history_step (SyWorkflowDocument *self,
              GQueue             *from,
              GQueue             *to)
{
  Step *step;

  if (self->read_only || g_queue_is_empty (from))
    return FALSE;

  step = g_queue_pop_head (from);
  edit_reset (&self->edit);

  /* Newest first; each operation becomes its inverse, so the step reversed
   * is the way back. */
  for (guint i = step->ops->len; i > 0; i--)
    op_apply (self, g_ptr_array_index (step->ops, i - 1));
  for (guint i = 0; i < step->ops->len / 2; i++)
    {
      gpointer *ops = step->ops->pdata;
      gpointer swap = ops[i];

      ops[i] = ops[step->ops->len - 1 - i];
      ops[step->ops->len - 1 - i] = swap;
    }
  g_clear_pointer (&step->merge_key, g_free);
  g_queue_push_head (to, step);

  end_edit_by_parts (self);
  return TRUE;
}

/* GObject ------------------------------------------------------------------ */

static void
sy_workflow_document_finalize (GObject *object)
{
  SyWorkflowDocument *self = SY_WORKFLOW_DOCUMENT (object);

  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->by_node, g_hash_table_unref);
  g_clear_pointer (&self->edit.nodes, g_ptr_array_unref);
  g_clear_pointer (&self->edit.chains, g_ptr_array_unref);
  g_clear_pointer (&self->edit.removed, g_ptr_array_unref);
  g_clear_object (&self->workflow);

  G_OBJECT_CLASS (sy_workflow_document_parent_class)->finalize (object);
}

static void
sy_workflow_document_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SyWorkflowDocument *self = SY_WORKFLOW_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_WORKFLOW:
      g_value_set_object (value, self->workflow);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, sy_workflow_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, sy_workflow_document_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_workflow_document_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SyWorkflowDocument *self = SY_WORKFLOW_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_WORKFLOW:
      if (g_value_get_object (value) != NULL)
        sy_workflow_document_set_workflow (self, g_value_get_object (value));
      break;
    case PROP_READ_ONLY:
      sy_workflow_document_set_read_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_workflow_document_class_init (SyWorkflowDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sy_workflow_document_finalize;
  object_class->get_property = sy_workflow_document_get_property;
  object_class->set_property = sy_workflow_document_set_property;

  properties[PROP_WORKFLOW] =
    g_param_spec_object ("workflow", NULL, NULL, SY_TYPE_WORKFLOW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_EDITED] =
    g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, SY_TYPE_NODE);
  signals[SIGNAL_PROBLEMS_CHANGED] =
    g_signal_new ("problems-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sy_workflow_document_init (SyWorkflowDocument *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->edit.nodes = g_ptr_array_new ();
  self->edit.chains = g_ptr_array_new ();
  self->edit.removed = g_ptr_array_new ();
}

SyWorkflowDocument *
sy_workflow_document_new (SyWorkflow *workflow)
{
  g_return_val_if_fail (SY_IS_WORKFLOW (workflow), NULL);

  return g_object_new (SY_TYPE_WORKFLOW_DOCUMENT, "workflow", workflow, NULL);
}

SyWorkflow *
sy_workflow_document_get_workflow (SyWorkflowDocument *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), NULL);

  return self->workflow;
}

void
sy_workflow_document_set_workflow (SyWorkflowDocument *self,
                                   SyWorkflow         *workflow)
{
  g_return_if_fail (SY_IS_WORKFLOW_DOCUMENT (self));
  g_return_if_fail (SY_IS_WORKFLOW (workflow));

  g_set_object (&self->workflow, workflow);
  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->by_node, g_hash_table_unref);
  sy_workflow_reindex (workflow);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKFLOW]);
  /* A new workflow, not an edit: no "edited", views re-read everything. */
  revalidate (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, SY_DOCUMENT_CHANGE_ALL, NULL);
  notify_history (self);
}

gboolean
sy_workflow_document_get_read_only (SyWorkflowDocument *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);

  return self->read_only;
}

void
sy_workflow_document_set_read_only (SyWorkflowDocument *self,
                                    gboolean            read_only)
{
  g_return_if_fail (SY_IS_WORKFLOW_DOCUMENT (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
  notify_history (self);
}

/* Structure ---------------------------------------------------------------- */

/* Whether (parent, branch) is a place nodes can go. */
static gboolean
check_place (SyNode      *parent,
             const char  *branch,
             GError     **error)
{
  const SyNodeKind *kind;

  if (parent == NULL)
    return TRUE;

  kind = sy_node_kind_lookup (sy_node_get_node_type (parent));
  if (branch == NULL || kind == NULL || !sy_node_kind_allows_branch (kind, branch))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Node “%s” has no branch “%s”"), sy_node_get_key (parent), branch ? branch : "");
      return FALSE;
    }

  return TRUE;
}

/* The chain at a checked place, its branch created when absent. */
static GPtrArray *
resolve_place (SyWorkflowDocument *self,
               SyNode             *parent,
               const char         *branch)
{
  if (parent == NULL)
    return sy_workflow_get_nodes (self->workflow);

  return doc_ensure_branch (self, parent, branch);
}

static gboolean
is_inside (SyNode *node,
           SyNode *ancestor)
{
  for (SyNode *n = node; n != NULL; n = sy_node_get_parent (n))
    if (n == ancestor)
      return TRUE;

  return FALSE;
}

static void
apply_defaults (SyNode           *node,
                const SyNodeKind *kind)
{
  JsonObject *config = sy_node_get_config (node);

  for (const SyFieldSpec *field = kind->fields; field != NULL && field->name != NULL; field++)
    {
      JsonNode *value;

      if (field->default_json == NULL || json_object_has_member (config, field->name))
        continue;
      value = json_from_string (field->default_json, NULL);
      if (value != NULL)
        json_object_set_member (config, field->name, value);
    }

  /* A new parallel starts with two branches to fill. */
  if ((kind->flags & SY_NODE_KIND_DYNAMIC) != 0 && g_strcmp0 (kind->type, "parallel") == 0)
    {
      sy_node_ensure_branch (node, "1");
      sy_node_ensure_branch (node, "2");
    }
}

SyNode *
sy_workflow_document_insert_node (SyWorkflowDocument *self,
                                  SyNode             *parent,
                                  const char         *branch,
                                  guint               position,
                                  const char         *type,
                                  GError            **error)
{
  const SyNodeKind *kind;
  g_autoptr(SyNode) node = NULL;
  g_autofree char *key = NULL;
  GPtrArray *chain;

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  if (!check_writable (self, error))
    return NULL;

  kind = sy_node_kind_lookup (type);
  if (kind == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Unknown node type “%s”"), type);
      return NULL;
    }
  if (!check_place (parent, branch, error))
    return NULL;

  begin_edit (self, NULL);
  chain = resolve_place (self, parent, branch);
  key = sy_workflow_generate_node_key (self->workflow, type);
  node = sy_node_new (key, type);
  apply_defaults (node, kind);
  doc_insert (self, parent, branch, MIN (position, chain->len), node);

  end_edit (self, SY_DOCUMENT_CHANGE_STRUCTURE, node);
  return node;
}

/* Pasting ------------------------------------------------------------------ */

static SyNode *node_from_json (JsonNode *json, GError **error);

static gboolean
chain_from_json (JsonArray  *array,
                 GPtrArray  *chain,
                 SyNode     *parent,
                 const char *branch,
                 GError    **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(SyNode) node = node_from_json (json_array_get_element (array, i), error);

      if (node == NULL)
        return FALSE;
      sy_node_chain_insert (chain, parent, branch, chain->len, node);
    }

  return TRUE;
}

/* Lenient: only the shape is checked here; validation reports the rest. */
static SyNode *
node_from_json (JsonNode *json,
                GError  **error)
{
  JsonObject *object;
  JsonNode *branches, *config;
  g_autoptr(SyNode) node = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (json)
      || json_object_get_string_member_with_default (json_node_get_object (json), "type", NULL) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Not a workflow node: each node must be an object with a “type”"));
      return NULL;
    }

  object = json_node_get_object (json);
  node = sy_node_new (json_object_get_string_member_with_default (object, "key", NULL),
                      json_object_get_string_member (object, "type"));
  sy_node_set_title (node, json_object_get_string_member_with_default (object, "title", NULL));

  config = json_object_get_member (object, "config");
  if (config != NULL && JSON_NODE_HOLDS_OBJECT (config))
    {
      g_autoptr(JsonNode) copy = json_node_copy (config);

      sy_node_set_config (node, json_node_get_object (copy));
    }

  branches = json_object_get_member (object, "branches");
  if (branches != NULL && JSON_NODE_HOLDS_OBJECT (branches))
    {
      g_autoptr(GList) names = json_object_get_members (json_node_get_object (branches));

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *array = json_object_get_member (json_node_get_object (branches), l->data);

          if (!JSON_NODE_HOLDS_ARRAY (array))
            continue;
          if (!chain_from_json (json_node_get_array (array), sy_node_ensure_branch (node, l->data),
                                node, l->data, error))
            return NULL;
        }
    }

  return g_steal_pointer (&node);
}

static gboolean
collect_node (SyNode   *node,
              gpointer  user_data)
{
  g_ptr_array_add (user_data, node);
  return TRUE;
}

static gboolean
key_taken (SyWorkflowDocument *self,
           GHashTable         *reserved,
           const char         *key)
{
  return sy_workflow_find_node (self->workflow, key) != NULL || g_hash_table_contains (reserved, key);
}

static void
set_member_in_place (SyNode     *node,
                     const char *member,
                     JsonNode   *renamed,
                     gpointer    user_data)
{
  json_object_set_member (sy_node_get_config (node), member, renamed);
}

/* Renames keys that clash with the workflow (or repeat within the pasted
 * nodes) and makes references inside the pasted nodes follow. */
static void
rename_pasted (SyWorkflowDocument *self,
               GPtrArray          *roots)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr(GHashTable) renames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) reserved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_autoptr(GPtrArray) clashing = g_ptr_array_new ();

  sy_node_chain_foreach (roots, collect_node, nodes);

  /* Keys that can stay are reserved first, so a renamed node never takes
   * the key of a later pasted node. */
  for (guint i = 0; i < nodes->len; i++)
    {
      SyNode *node = g_ptr_array_index (nodes, i);
      const char *old_key = sy_node_get_key (node);

      if (old_key != NULL && sy_node_key_is_valid (old_key) && !key_taken (self, reserved, old_key))
        g_hash_table_add (reserved, g_strdup (old_key));
      else
        g_ptr_array_add (clashing, node);
    }

  for (guint i = 0; i < clashing->len; i++)
    {
      SyNode *node = g_ptr_array_index (clashing, i);
      const char *old_key = sy_node_get_key (node);
      g_autofree char *key = NULL;

      if (old_key == NULL || !sy_node_key_is_valid (old_key))
        key = sy_workflow_generate_node_key (self->workflow, sy_node_get_node_type (node));
      else
        key = g_strdup (old_key);
      for (guint n = 2; key_taken (self, reserved, key); n++)
        {
          g_free (key);
          key = g_strdup_printf ("%s_%u", old_key != NULL && sy_node_key_is_valid (old_key)
                                            ? old_key : sy_node_get_node_type (node), n);
        }

      if (old_key != NULL && !g_hash_table_contains (renames, old_key))
        g_hash_table_insert (renames, g_strdup (old_key), g_strdup (key));
      g_hash_table_add (reserved, g_strdup (key));
      sy_node_set_key (node, key);
    }

  if (g_hash_table_size (renames) == 0)
    return;

  /* Not in the workflow yet: changed in place, no undo needed. */
  for (guint i = 0; i < nodes->len; i++)
    sy_workflow_refs_rename_in_node (g_ptr_array_index (nodes, i), renames, set_member_in_place, NULL);
}

SyNode *
sy_workflow_document_insert_json (SyWorkflowDocument *self,
                                  SyNode             *parent,
                                  const char         *branch,
                                  guint               position,
                                  JsonNode           *nodes,
                                  GError            **error)
{
  g_autoptr(GPtrArray) roots = sy_node_chain_new ();
  GPtrArray *chain;
  SyNode *first;

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), NULL);
  g_return_val_if_fail (nodes != NULL, NULL);

  if (!check_writable (self, error))
    return NULL;
  if (!check_place (parent, branch, error))
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (nodes))
    {
      if (!chain_from_json (json_node_get_array (nodes), roots, NULL, NULL, error))
        return NULL;
    }
  else
    {
      g_autoptr(SyNode) node = node_from_json (nodes, error);

      if (node == NULL)
        return NULL;
      sy_node_chain_insert (roots, NULL, NULL, 0, node);
    }

  if (roots->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("There are no nodes to insert"));
      return NULL;
    }

  begin_edit (self, NULL);
  rename_pasted (self, roots);

  chain = resolve_place (self, parent, branch);
  position = MIN (position, chain->len);
  first = g_ptr_array_index (roots, 0);
  for (guint i = 0; roots->len > 0; i++)
    {
      g_autoptr(SyNode) node = g_object_ref (g_ptr_array_index (roots, 0));

      sy_node_chain_remove (roots, node);
      doc_insert (self, parent, branch, position + i, node);
    }

  end_edit (self, SY_DOCUMENT_CHANGE_STRUCTURE, first);
  return first;
}

/* The `count` nodes from `node` on in its chain (fewer at the tail). */
static GPtrArray *
take_run (SyNode *node,
          guint   count)
{
  GPtrArray *chain = sy_node_get_chain (node);
  GPtrArray *run = g_ptr_array_new_with_free_func (g_object_unref);
  guint index = 0;

  if (chain == NULL || !g_ptr_array_find (chain, node, &index))
    return run;

  for (guint i = index; i < chain->len && i < index + MAX (count, 1); i++)
    g_ptr_array_add (run, g_object_ref (g_ptr_array_index (chain, i)));

  return run;
}

gboolean
sy_workflow_document_move_nodes (SyWorkflowDocument *self,
                                 SyNode             *node,
                                 guint               count,
                                 SyNode             *parent,
                                 const char         *branch,
                                 guint               position,
                                 GError            **error)
{
  g_autoptr(GPtrArray) run = NULL;
  GPtrArray *source, *target;
  guint index = 0;

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);
  g_return_val_if_fail (SY_IS_NODE (node), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  run = take_run (node, count);
  source = sy_node_get_chain (node);
  if (run->len == 0 || source == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Node “%s” is not in the workflow"),
                   sy_node_get_key (node));
      return FALSE;
    }
  for (guint i = 0; i < run->len; i++)
    if (parent != NULL && is_inside (parent, g_ptr_array_index (run, i)))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("A node cannot be moved into its own branches"));
        return FALSE;
      }
  if (!check_place (parent, branch, error))
    return FALSE;

  g_ptr_array_find (source, node, &index);
  target = parent != NULL ? sy_node_get_branch (parent, branch) : sy_workflow_get_nodes (self->workflow);
  /* Dropping right before or after itself changes nothing. */
  if (target == source && position >= index && position <= index + run->len)
    return TRUE;

  begin_edit (self, NULL);
  target = resolve_place (self, parent, branch);
  if (target == source && position > index)
    position -= run->len;
  for (guint i = 0; i < run->len; i++)
    doc_remove (self, g_ptr_array_index (run, i));
  position = MIN (position, target->len);
  for (guint i = 0; i < run->len; i++)
    doc_insert (self, parent, branch, position + i, g_ptr_array_index (run, i));

  end_edit (self, SY_DOCUMENT_CHANGE_STRUCTURE, node);
  return TRUE;
}

gboolean
sy_workflow_document_delete_node (SyWorkflowDocument *self,
                                  SyNode             *node,
                                  const char         *keep_branch,
                                  GError            **error)
{
  g_autoptr(SyNode) hold = NULL;
  GPtrArray *chain, *kept = NULL;
  SyNode *parent;
  g_autofree char *parent_branch = NULL;
  guint index = 0;

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);
  g_return_val_if_fail (SY_IS_NODE (node), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  chain = sy_node_get_chain (node);
  if (chain == NULL || !g_ptr_array_find (chain, node, &index))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Node “%s” is not in the workflow"),
                   sy_node_get_key (node));
      return FALSE;
    }
  if (keep_branch != NULL && (kept = sy_node_get_branch (node, keep_branch)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Node “%s” has no branch “%s”"),
                   sy_node_get_key (node), keep_branch);
      return FALSE;
    }

  begin_edit (self, NULL);
  hold = g_object_ref (node);
  parent = sy_node_get_parent (node);
  parent_branch = g_strdup (sy_node_get_parent_branch (node));
  doc_remove (self, node);

  /* The kept branch's chain takes the node's place. */
  for (guint i = 0; kept != NULL && kept->len > 0; i++)
    {
      g_autoptr(SyNode) child = g_object_ref (g_ptr_array_index (kept, 0));

      doc_remove (self, child);
      doc_insert (self, parent, parent_branch, index + i, child);
    }

  end_edit (self, SY_DOCUMENT_CHANGE_STRUCTURE, NULL);
  return TRUE;
}

static guint
count_numbered_branches (SyNode *node)
{
  guint n = 0;

  for (guint i = 0; i < sy_node_get_n_branches (node); i++)
    {
      guint64 number = g_ascii_strtoull (sy_node_get_branch_name (node, i), NULL, 10);

      n = MAX (n, (guint) number);
    }

  return n;
}

static const SyNodeKind *
dynamic_kind (SyNode  *node,
              GError **error)
{
  const SyNodeKind *kind = sy_node_kind_lookup (sy_node_get_node_type (node));

  if (kind == NULL || (kind->flags & SY_NODE_KIND_DYNAMIC) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Branches of “%s” cannot be added or removed"), sy_node_get_key (node));
      return NULL;
    }

  return kind;
}

/* Multi-conditions pairs branch "n" with conditions[n-1]. Returns a copy
 * of its list to change and store back (NULL for other kinds). */
static JsonArray *
copy_conditions (SyNode *node)
{
  JsonNode *conditions = sy_node_get_config_member (node, "conditions");

  if (g_strcmp0 (sy_node_get_node_type (node), "multi-conditions") != 0)
    return NULL;
  if (conditions == NULL || !JSON_NODE_HOLDS_ARRAY (conditions))
    return json_array_new ();

  return sy_json_array_deep_copy (json_node_get_array (conditions));
}

static void
store_conditions (SyWorkflowDocument *self,
                  SyNode             *node,
                  JsonArray          *conditions)
{
  g_autoptr(JsonNode) value = NULL;

  if (conditions == NULL)
    return;
  value = sy_json_node_take_array (conditions);
  doc_take_config (self, node, "conditions", g_steal_pointer (&value));
}

gboolean
sy_workflow_document_add_branch (SyWorkflowDocument *self,
                                 SyNode             *node,
                                 GError            **error)
{
  g_autofree char *name = NULL;
  JsonArray *conditions;
  guint n;

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);
  g_return_val_if_fail (SY_IS_NODE (node), FALSE);

  if (!check_writable (self, error) || dynamic_kind (node, error) == NULL)
    return FALSE;

  begin_edit (self, NULL);
  n = count_numbered_branches (node) + 1;
  name = g_strdup_printf ("%u", n);
  doc_ensure_branch (self, node, name);

  conditions = copy_conditions (node);
  while (conditions != NULL && json_array_get_length (conditions) < n)
    {
      JsonObject *condition = json_object_new ();
      g_autofree char *title = g_strdup_printf (_("Condition %u"), json_array_get_length (conditions) + 1);

      json_object_set_string_member (condition, "title", title);
      json_object_set_string_member (condition, "engine", "basic");
      json_array_add_object_element (conditions, condition);
    }
  store_conditions (self, node, conditions);

  end_edit (self, SY_DOCUMENT_CHANGE_STRUCTURE, node);
  return TRUE;
}

gboolean
sy_workflow_document_remove_branch (SyWorkflowDocument *self,
                                    SyNode             *node,
                                    const char         *branch,
                                    GError            **error)
{
  guint64 removed;
  guint n;
  JsonArray *conditions;

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);
  g_return_val_if_fail (SY_IS_NODE (node), FALSE);
  g_return_val_if_fail (branch != NULL, FALSE);

  if (!check_writable (self, error) || dynamic_kind (node, error) == NULL)
    return FALSE;

  removed = g_ascii_strtoull (branch, NULL, 10);
  if (removed == 0 || sy_node_get_branch (node, branch) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Node “%s” has no numbered branch “%s”"), sy_node_get_key (node), branch);
      return FALSE;
    }

  begin_edit (self, NULL);
  n = count_numbered_branches (node);
  doc_drop_branch (self, node, branch);

  /* Renumber: the chain of "k" moves to "k-1" for every later branch. */
  for (guint k = removed + 1; k <= n; k++)
    {
      g_autofree char *from_name = g_strdup_printf ("%u", k);
      g_autofree char *to_name = g_strdup_printf ("%u", k - 1);
      GPtrArray *from = sy_node_get_branch (node, from_name);

      if (from == NULL)
        continue;
      doc_ensure_branch (self, node, to_name);
      while (from->len > 0)
        {
          g_autoptr(SyNode) child = g_object_ref (g_ptr_array_index (from, 0));

          doc_remove (self, child);
          doc_insert (self, node, to_name, G_MAXUINT, child);
        }
      doc_drop_branch (self, node, from_name);
    }

  conditions = copy_conditions (node);
  if (conditions != NULL && removed <= json_array_get_length (conditions))
    json_array_remove_element (conditions, removed - 1);
  store_conditions (self, node, conditions);

  end_edit (self, SY_DOCUMENT_CHANGE_STRUCTURE, node);
  return TRUE;
}

JsonNode *
sy_workflow_document_copy_nodes (SyWorkflowDocument *self,
                                 SyNode             *node,
                                 guint               count)
{
  g_autoptr(GPtrArray) run = NULL;
  JsonArray *array = json_array_new ();

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), NULL);
  g_return_val_if_fail (SY_IS_NODE (node), NULL);

  run = take_run (node, count);
  for (guint i = 0; i < run->len; i++)
    json_array_add_element (array, sy_node_to_json (g_ptr_array_index (run, i)));

  return json_node_init_array (json_node_alloc (), array);
}

/* Settings ----------------------------------------------------------------- */

gboolean
sy_workflow_document_set_node_title (SyWorkflowDocument *self,
                                     SyNode             *node,
                                     const char         *title,
                                     GError            **error)
{
  g_autofree char *merge_key = NULL;

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);
  g_return_val_if_fail (SY_IS_NODE (node), FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (g_strcmp0 (sy_node_get_title (node), title) == 0)
    return TRUE;

  merge_key = g_strdup_printf ("title:%p", (gpointer) node);
  begin_edit (self, merge_key);
  doc_set_title (self, node, title != NULL && *title != '\0' ? title : NULL);
  end_edit (self, SY_DOCUMENT_CHANGE_NODE, node);
  return TRUE;
}

typedef struct
{
  SyWorkflowDocument *self;
  GHashTable         *renames;
} RenameData;

static void
record_renamed (SyNode     *node,
                const char *member,
                JsonNode   *renamed,
                gpointer    user_data)
{
  doc_take_config (user_data, node, member, renamed);
}

static gboolean
rename_references (SyNode   *node,
                   gpointer  user_data)
{
  RenameData *data = user_data;

  sy_workflow_refs_rename_in_node (node, data->renames, record_renamed, data->self);
  return TRUE;
}

gboolean
sy_workflow_document_set_node_key (SyWorkflowDocument *self,
                                   SyNode             *node,
                                   const char         *key,
                                   GError            **error)
{
  SyNode *other;
  g_autofree char *old_key = NULL;

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);
  g_return_val_if_fail (SY_IS_NODE (node), FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (g_strcmp0 (sy_node_get_key (node), key) == 0)
    return TRUE;
  if (key == NULL || !sy_node_key_is_valid (key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid node key: use letters, digits, “_” and “-”, starting with a letter"),
                   key != NULL ? key : "");
      return FALSE;
    }
  other = sy_workflow_find_node (self->workflow, key);
  if (other != NULL && other != node)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("Another node already has the key “%s”"), key);
      return FALSE;
    }

  /* Keys are identities: never merged, each rename is its own step, and
   * every configuration that names the node follows in the same step. */
  begin_edit (self, NULL);
  old_key = g_strdup (sy_node_get_key (node));
  doc_set_key (self, node, key);
  if (old_key != NULL)
    {
      RenameData data = { self, g_hash_table_new (g_str_hash, g_str_equal) };

      g_hash_table_insert (data.renames, old_key, (gpointer) key);
      sy_node_chain_foreach (sy_workflow_get_nodes (self->workflow), rename_references, &data);
      g_hash_table_unref (data.renames);
    }
  end_edit_by_parts (self);
  return TRUE;
}

gboolean
sy_workflow_document_set_node_config (SyWorkflowDocument *self,
                                      SyNode             *node,
                                      const char         *member,
                                      JsonNode           *value,
                                      GError            **error)
{
  JsonObject *config;
  JsonNode *old;
  g_autofree char *merge_key = NULL;

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);
  g_return_val_if_fail (SY_IS_NODE (node), FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  config = sy_node_get_config (node);
  old = json_object_get_member (config, member);
  if ((old == NULL && value == NULL) || (old != NULL && value != NULL && json_node_equal (old, value)))
    return TRUE;

  /* The step holds the node, so its address names it for as long as it
   * can merge. */
  merge_key = g_strdup_printf ("config:%p:%s", (gpointer) node, member);
  begin_edit (self, merge_key);
  doc_take_config (self, node, member, sy_json_node_deep_copy (value));
  end_edit (self, SY_DOCUMENT_CHANGE_NODE, node);
  return TRUE;
}

gboolean
sy_workflow_document_set_trigger_config (SyWorkflowDocument *self,
                                         const char         *member,
                                         JsonNode           *value,
                                         GError            **error)
{
  JsonObject *config;
  JsonNode *old;
  g_autofree char *merge_key = NULL;

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  config = sy_workflow_get_trigger_config (self->workflow);
  old = json_object_get_member (config, member);
  if ((old == NULL && value == NULL) || (old != NULL && value != NULL && json_node_equal (old, value)))
    return TRUE;

  merge_key = g_strdup_printf ("trigger:%s", member);
  begin_edit (self, merge_key);
  doc_take_config (self, NULL, member, sy_json_node_deep_copy (value));
  end_edit (self, SY_DOCUMENT_CHANGE_TRIGGER, NULL);
  return TRUE;
}

gboolean
sy_workflow_document_set_trigger_title (SyWorkflowDocument *self,
                                        const char         *title,
                                        GError            **error)
{
  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (g_strcmp0 (sy_workflow_get_trigger_title (self->workflow), title) == 0)
    return TRUE;

  begin_edit (self, "trigger-title");
  doc_set_title (self, NULL, title != NULL && *title != '\0' ? title : NULL);
  end_edit (self, SY_DOCUMENT_CHANGE_TRIGGER, NULL);
  return TRUE;
}

gboolean
sy_workflow_document_set_title (SyWorkflowDocument *self,
                                const char         *title,
                                GError            **error)
{
  Options *options;

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (title == NULL || *title == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("A workflow needs a title"));
      return FALSE;
    }
  if (g_strcmp0 (sy_workflow_get_title (self->workflow), title) == 0)
    return TRUE;

  options = options_read (self->workflow);
  g_free (options->title);
  options->title = g_strdup (title);
  begin_edit (self, "workflow-title");
  doc_set_options (self, options);
  end_edit (self, SY_DOCUMENT_CHANGE_WORKFLOW, NULL);
  return TRUE;
}

static gboolean
read_int (JsonObject  *object,
          const char  *member,
          gint64       minimum,
          gint64      *out,
          GError     **error)
{
  JsonNode *value = json_object_get_member (object, member);

  if (value == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64
      || json_node_get_int (value) < minimum)
    {
      g_autofree char *least = g_strdup_printf ("%" G_GINT64_FORMAT, minimum);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("options.%s: must be an integer of at least %s"), member, least);
      return FALSE;
    }

  *out = json_node_get_int (value);
  return TRUE;
}

gboolean
sy_workflow_document_set_options (SyWorkflowDocument *self,
                                  JsonObject         *options,
                                  GError            **error)
{
  JsonObject *inner;
  JsonNode *member;
  gint64 timeout, stack_limit;
  g_autoptr(GArray) deletes = NULL;
  Options *next;

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  /* Accept both the document shape ({options: {timeout…}}) and a bare options object. */
  member = json_object_get_member (options, "options");
  inner = member != NULL && JSON_NODE_HOLDS_OBJECT (member) ? json_node_get_object (member) : options;

  timeout = sy_workflow_get_timeout_ms (self->workflow);
  stack_limit = sy_workflow_get_stack_limit (self->workflow);
  if (!read_int (inner, "timeout", 0, &timeout, error) || !read_int (inner, "stack_limit", 1, &stack_limit, error))
    return FALSE;

  member = json_object_get_member (inner, "delete_executions");
  if (member != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("options.delete_executions: must be a list of statuses"));
          return FALSE;
        }
      deletes = g_array_new (FALSE, FALSE, sizeof (SyStatus));
      for (guint i = 0; i < json_array_get_length (json_node_get_array (member)); i++)
        {
          const char *name = json_array_get_string_element (json_node_get_array (member), i);
          SyStatus status;

          if (name == NULL || !sy_status_from_string (name, &status))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("options.delete_executions[%u]: not a status"), i);
              return FALSE;
            }
          g_array_append_val (deletes, status);
        }
    }

  next = options_read (self->workflow);
  next->timeout_ms = timeout;
  next->stack_limit = stack_limit;
  if (deletes != NULL)
    {
      g_array_set_size (next->deletes, 0);
      g_array_append_vals (next->deletes, deletes->data, deletes->len);
    }
  if (json_object_has_member (options, "description"))
    {
      g_free (next->description);
      next->description = g_strdup (json_object_get_string_member_with_default (options, "description", NULL));
    }
  if (json_object_has_member (options, "sync"))
    next->sync = json_object_get_boolean_member_with_default (options, "sync", FALSE);
  if (json_object_has_member (options, "enabled"))
    next->enabled = json_object_get_boolean_member_with_default (options, "enabled", FALSE);

  begin_edit (self, NULL);
  doc_set_options (self, next);
  end_edit (self, SY_DOCUMENT_CHANGE_WORKFLOW, NULL);
  return TRUE;
}

/* History ------------------------------------------------------------------ */

gboolean
sy_workflow_document_can_undo (SyWorkflowDocument *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);

  return !self->read_only && !g_queue_is_empty (&self->undo);
}

gboolean
sy_workflow_document_can_redo (SyWorkflowDocument *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);

  return !self->read_only && !g_queue_is_empty (&self->redo);
}

gboolean
sy_workflow_document_undo (SyWorkflowDocument *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);

  return history_step (self, &self->undo, &self->redo);
}

gboolean
sy_workflow_document_redo (SyWorkflowDocument *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), FALSE);

  return history_step (self, &self->redo, &self->undo);
}

/* Problems ----------------------------------------------------------------- */

GPtrArray *
sy_workflow_document_get_problems (SyWorkflowDocument *self)
{
  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), NULL);

  if (self->problems == NULL)
    self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_problem_free);

  return self->problems;
}

/* The length of the node path a problem path starts with: "nodes[i]"
 * then any ".branches.NAME[j]" ("nodes[1].branches.true[0].config.url"
 * belongs to "nodes[1].branches.true[0]"); 0 for workflow problems. */
static gsize
owner_path_length (const char *path)
{
  const char *p = path, *end = NULL;

  if (!g_str_has_prefix (p, "nodes["))
    return 0;
  p += strlen ("nodes[");
  for (;;)
    {
      const char *bracket = p;

      while (g_ascii_isdigit (*bracket))
        bracket++;
      if (bracket == p || *bracket != ']')
        return end != NULL ? (gsize) (end - path) : 0;
      end = bracket + 1;
      if (!g_str_has_prefix (end, ".branches."))
        return end - path;
      p = strchr (end + strlen (".branches."), '[');
      if (p == NULL || memchr (end + strlen (".branches."), '.', p - end - strlen (".branches.")) != NULL)
        return end - path;
      p++;
    }
}

/* Problems by the node they belong to, so a card finds its own at once. */
static GHashTable *
problems_by_node (SyWorkflowDocument *self)
{
  GPtrArray *problems = sy_workflow_document_get_problems (self);

  if (self->by_node != NULL)
    return self->by_node;

  self->by_node = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < problems->len; i++)
    {
      SyProblem *problem = g_ptr_array_index (problems, i);
      gsize length = problem->path != NULL ? owner_path_length (problem->path) : 0;
      g_autofree char *owner = NULL;
      GPtrArray *list;

      if (length == 0)
        continue;
      owner = g_strndup (problem->path, length);
      list = g_hash_table_lookup (self->by_node, owner);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (self->by_node, g_steal_pointer (&owner), list);
        }
      g_ptr_array_add (list, problem);
    }

  return self->by_node;
}

GPtrArray *
sy_workflow_document_get_node_problems (SyWorkflowDocument *self,
                                        SyNode             *node)
{
  GPtrArray *result = g_ptr_array_new ();
  g_autofree char *path = NULL;
  GPtrArray *own;

  g_return_val_if_fail (SY_IS_WORKFLOW_DOCUMENT (self), result);
  g_return_val_if_fail (SY_IS_NODE (node), result);

  path = node_path (self, node);
  own = path != NULL ? g_hash_table_lookup (problems_by_node (self), path) : NULL;
  if (own != NULL)
    g_ptr_array_extend (result, own, NULL, NULL);

  return result;
}
