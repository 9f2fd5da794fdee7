/* sy-node-kind.h — what a node type is: its description, form and behaviour
 *
 * A node type is one file in nodes/ that defines a `SyNodeKind` and one line
 * in sy-node-registry.c. The processor knows nothing about specific types: it
 * calls `run` and `resume` through this table and follows what they return.
 */
#pragma once

#include <glib.h>

#include "sy-node.h"
#include "sy-records.h"
#include "sy-workflow.h"

G_BEGIN_DECLS

typedef struct _SyRun SyRun;

/* How the inspector edits a config member. */
typedef enum
{
  SY_FIELD_TEXT,        /* one line; may hold {{ }} */
  SY_FIELD_MULTILINE,   /* several lines of text */
  SY_FIELD_NUMBER,      /* number or a placeholder */
  SY_FIELD_INTEGER,
  SY_FIELD_SWITCH,      /* boolean */
  SY_FIELD_CHOICE,      /* one of `choices` */
  SY_FIELD_CODE,        /* GtkSourceView with `language` (jq, lua, json, sql) */
  SY_FIELD_JSON,        /* any JSON value, edited as JSON text */
  SY_FIELD_KEY_VALUES,  /* array of {name, value} rows */
  SY_FIELD_LIST,        /* array of strings */
  SY_FIELD_NODE,        /* key of another node (e.g. variable target) */
  SY_FIELD_CONDITIONS,  /* the basic engine's rule groups */
  SY_FIELD_FORM,        /* a form definition: fields with types (manual node) */
  SY_FIELD_PEOPLE,      /* person ids or placeholders */
  SY_FIELD_DURATION,    /* milliseconds */
} SyFieldKind;

typedef struct
{
  const char         *name;            /* config member */
  const char         *label;           /* N_() */
  SyFieldKind         kind;
  const char         *description;     /* N_(), help under the field, may be NULL */
  const char         *language;        /* SY_FIELD_CODE: "jq", "lua", "json", "sql"; or the
                                        * name of a sibling member that holds the engine */
  const char * const *choices;         /* SY_FIELD_CHOICE values, NULL-terminated */
  const char * const *choice_labels;   /* N_() labels, same order */
  const char         *default_json;    /* default value as JSON text, may be NULL */
  gboolean            required;
  gboolean            variables;       /* accepts {{ }} placeholders (shows the picker) */
  const char         *visible_when;    /* "member=value" or NULL: shown only then */
} SyFieldSpec;

typedef enum
{
  SY_NODE_KIND_NONE         = 0,
  SY_NODE_KIND_WAITS        = 1 << 0, /* may wait for time or people: not allowed in sync workflows */
  SY_NODE_KIND_BRANCHING    = 1 << 1, /* has branches */
  SY_NODE_KIND_DYNAMIC      = 1 << 2, /* branches "1".."n" added and removed by the user */
  SY_NODE_KIND_ENDS_CHAIN   = 1 << 3, /* nothing may follow it (end, response) */
  SY_NODE_KIND_RETRY_ON_RECOVERY = 1 << 4, /* after a crash while in flight, run it again
                                            * instead of ending with an error */
} SyNodeKindFlags;

/* What `run` and `resume` tell the processor. */
typedef enum
{
  SY_STEP_DONE, /* the job has its final status and result: continue downstream when resolved,
                 * otherwise end the chain with that status */
  SY_STEP_WAIT, /* the job stays pending: branches were started, or a timer, a task, or an
                 * operation will resume it */
  SY_STEP_EXIT, /* end the whole execution now with the job's status (the end node) */
  SY_STEP_GO_BACK, /* the job has ended: run again from an earlier node (sy_run_go_back) */
} SyStep;

typedef struct _SyNodeKind SyNodeKind;
struct _SyNodeKind
{
  const char         *type;        /* "calculation" */
  const char         *title;       /* N_("Calculation") */
  const char         *description; /* N_(), one sentence for the palette */
  const char         *category;    /* "control", "calculation", "data", "time", "integration",
                                    * "people", "workflow" */
  const char         *icon_name;   /* a symbolic icon name */
  SyNodeKindFlags     flags;
  const char * const *branches;    /* fixed branch names in display order, NULL-terminated;
                                    * for SY_NODE_KIND_DYNAMIC the extra fixed ones ("otherwise") */
  const SyFieldSpec  *fields;      /* terminated by an entry with name == NULL */

  /* Adds problems for this node's config (path prefix already pushed: "nodes[2]").
   * Generic checks (placeholder syntax, references) are done by the caller. */
  void   (*validate)      (SyNode       *node,
                           SyValidation *validation);
  /* Runs the node. The job (sy_run_get_job) is new and pending. */
  SyStep (*run)           (SyRun        *run);
  /* A branch of this node ended with `branch_job` (its last job). The job
   * being resumed is this node's pending job. */
  SyStep (*resume_branch) (SyRun        *run,
                           SyJob        *branch_job);
  /* Something the node waited for happened: its timer fired (payload NULL),
   * or sy_engine_resume_job() was called with `payload` (a task was
   * submitted, a request finished, a subflow ended). */
  SyStep (*resume)        (SyRun        *run,
                           JsonNode     *payload);
  /* The execution is ending (cancel, timeout, end node) while this job is
   * pending: withdraw tasks, kill processes. Timers are cleared by the engine. */
  void   (*abort)         (SyRun        *run);
  /* After a restart, for a job of this kind still pending with no timer:
   * the operation it waited for (a request, a process) died with the old
   * process. NULL = end the job with ERROR saying so (or run it again when
   * SY_NODE_KIND_RETRY_ON_RECOVERY). Subflows re-check their child here. */
  SyStep (*recover)       (SyRun        *run);
  /* Loop scope for nodes in this node's branches: {item, index, sequence, length}. */
  JsonNode *(*get_scope)  (SyNode       *node,
                           SyJob        *job);
  /* A human label for a branch ("True", "Branch 2"); NULL = capitalised name. */
  char  *(*branch_label)  (SyNode       *node,
                           const char   *branch);
  /* Non-NULL: the node is allowed only in synchronous workflows whose
   * trigger has this type (the webhook `response` node). */
  const char *sync_trigger;
};

/* Registry (sy-node-registry.c) */
const SyNodeKind  *sy_node_kind_lookup         (const char *type);
/* All kinds in palette order (array of const SyNodeKind*; do not free members;
 * the array is new: g_ptr_array_unref() it). */
GPtrArray         *sy_node_kind_list           (void);
const char        *sy_node_category_title      (const char *category);
/* How people see `node` named: its title, else its kind's title (its type
 * for an unknown kind). */
const char        *sy_node_display_title       (SyNode     *node);
/* How people see a branch of `node` named: its kind's label for it
 * ("Yes", "Branch 2"), else `branch` capitalised. */
char              *sy_node_branch_title        (SyNode     *node,
                                                const char *branch);
/* Adds a kind that is not in the table (tests; later perhaps plug-ins).
 * `kind` must stay valid for the life of the process. */
void               sy_node_kind_register       (const SyNodeKind *kind);

/* Helpers for kinds */
/* TRUE when `node` has a non-empty branch `branch` that `kind` allows. */
gboolean           sy_node_kind_has_branch     (const SyNodeKind *kind,
                                                SyNode           *node,
                                                const char       *branch);
/* Whether a branch of this name may exist: one of `branches`, or for
 * SY_NODE_KIND_DYNAMIC kinds also "1", "2", … */
gboolean           sy_node_kind_allows_branch  (const SyNodeKind *kind,
                                                const char       *branch);

G_END_DECLS
