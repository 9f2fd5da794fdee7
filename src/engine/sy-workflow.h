/* sy-workflow.h — a workflow document: one trigger and a tree of nodes
 *
 * Loads, validates and saves the `switchyard-workflow/1` format of
 * ../shared/spec/workflow-format.md. Validation reports every problem at
 * once, each with its JSON path.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sy-node.h"
#include "sy-status.h"

G_BEGIN_DECLS

#define SY_WORKFLOW_FORMAT "switchyard-workflow/1"

#define SY_WORKFLOW_ERROR (sy_workflow_error_quark ())
typedef enum
{
  SY_WORKFLOW_ERROR_PARSE,   /* not JSON at all */
  SY_WORKFLOW_ERROR_INVALID, /* JSON but breaks the format's rules; see problems */
} SyWorkflowError;
GQuark sy_workflow_error_quark (void);

/* One validation problem: `path` is a JSON path such as
 * "nodes[1].branches.true[0].config.url". */
typedef struct
{
  char *path;
  char *message;
} SyProblem;

SyProblem *sy_problem_new       (const char *path,
                                 const char *message);
void       sy_problem_free      (SyProblem  *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyProblem, sy_problem_free)
/* SY_WORKFLOW_ERROR_INVALID: `summary` (may be NULL), then one
 * "path: message" line per problem. NULL when `problems` is empty. */
GError    *sy_problems_to_error (GPtrArray  *problems,
                                 const char *summary);

/* Collects problems while validating; passed to node and trigger kinds. */
typedef struct _SyValidation SyValidation;

SyValidation *sy_validation_new             (void);
void          sy_validation_free            (SyValidation *self);
/* Adds "<prefix>.<suffix>: message"; suffix may be NULL or "" */
void          sy_validation_add             (SyValidation *self,
                                             const char   *suffix,
                                             const char   *format,
                                             ...) G_GNUC_PRINTF (3, 4);
/* Push/pop a path prefix ("nodes[2]", "config"). */
void          sy_validation_push            (SyValidation *self,
                                             const char   *format,
                                             ...) G_GNUC_PRINTF (2, 3);
void          sy_validation_pop             (SyValidation *self);
const char   *sy_validation_get_path        (SyValidation *self);
GPtrArray    *sy_validation_get_problems    (SyValidation *self); /* of SyProblem */
gboolean      sy_validation_is_valid        (SyValidation *self);
/* A GError (SY_WORKFLOW_ERROR_INVALID) whose message lists every problem,
 * one "path: message" per line. */
GError       *sy_validation_to_error        (SyValidation *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyValidation, sy_validation_free)

#define SY_TYPE_WORKFLOW (sy_workflow_get_type ())
G_DECLARE_FINAL_TYPE (SyWorkflow, sy_workflow, SY, WORKFLOW, GObject)

SyWorkflow  *sy_workflow_new                    (const char   *key,
                                                 const char   *title,
                                                 const char   *trigger_type);
/* Parses and validates. On problems returns NULL with
 * SY_WORKFLOW_ERROR_INVALID and, if `problems` is non-NULL, the list. */
SyWorkflow  *sy_workflow_new_from_data          (const char   *data,
                                                 gssize        length,
                                                 GPtrArray   **problems,
                                                 GError      **error);
SyWorkflow  *sy_workflow_new_from_json          (JsonNode     *document,
                                                 GPtrArray   **problems,
                                                 GError      **error);
/* Reads a draft: a document that may still have problems in its settings
 * (an empty required field, a reference to a node since deleted, a node
 * where it cannot run). Those come back in `problems` (NULL when none)
 * and stay queryable with sy_workflow_validate(). Only an unreadable
 * document fails: not JSON (SY_WORKFLOW_ERROR_PARSE), or not this format
 * or with a broken structure — wrong member types, unknown trigger or
 * node types, missing, invalid or duplicate keys, unknown branches
 * (SY_WORKFLOW_ERROR_INVALID, `problems` then lists those). */
SyWorkflow  *sy_workflow_new_draft_from_data    (const char   *data,
                                                 gssize        length,
                                                 GPtrArray   **problems,
                                                 GError      **error);
SyWorkflow  *sy_workflow_new_draft_from_json    (JsonNode     *document,
                                                 GPtrArray   **problems,
                                                 GError      **error);
/* Reads a workflow file: a regular file of at most SY_WORKFLOW_FILE_MAX
 * bytes of UTF-8 text, else a GIOError (G_IO_ERROR_IS_DIRECTORY,
 * _NOT_REGULAR_FILE, _MESSAGE_TOO_LARGE, _NOT_FOUND, …) naming the file. */
#define SY_WORKFLOW_FILE_MAX (16 * 1000 * 1000)
SyWorkflow  *sy_workflow_new_from_file          (GFile        *file,
                                                 GPtrArray   **problems,
                                                 GError      **error);
/* Validates the current state (after edits). Returns the problems. */
GPtrArray   *sy_workflow_validate               (SyWorkflow   *self);
/* Only the structural problems: what would make its document unreadable
 * as a draft. Empty for anything sy_workflow_new_draft_*() built and
 * every edit a SyWorkflowDocument allows. */
GPtrArray   *sy_workflow_validate_structure     (SyWorkflow   *self);
JsonNode    *sy_workflow_to_json                (SyWorkflow   *self);
char        *sy_workflow_to_data                (SyWorkflow   *self,
                                                 gboolean      pretty);
SyWorkflow  *sy_workflow_copy                   (SyWorkflow   *self);

const char  *sy_workflow_get_key                (SyWorkflow   *self);
void         sy_workflow_set_key                (SyWorkflow   *self,
                                                 const char   *key);
/* TRUE when the document had no key and loading made one from the title:
 * storing it must not add a version to another workflow with that key.
 * Setting a key clears it. */
gboolean     sy_workflow_get_key_generated      (SyWorkflow   *self);
const char  *sy_workflow_get_title              (SyWorkflow   *self);
void         sy_workflow_set_title              (SyWorkflow   *self,
                                                 const char   *title);
const char  *sy_workflow_get_description        (SyWorkflow   *self);
void         sy_workflow_set_description        (SyWorkflow   *self,
                                                 const char   *description);
gboolean     sy_workflow_get_enabled            (SyWorkflow   *self);
void         sy_workflow_set_enabled            (SyWorkflow   *self,
                                                 gboolean      enabled);
/* The effective mode: the trigger's forced mode wins over the document. */
gboolean     sy_workflow_get_sync               (SyWorkflow   *self);
void         sy_workflow_set_sync               (SyWorkflow   *self,
                                                 gboolean      sync);
gint64       sy_workflow_get_timeout_ms         (SyWorkflow   *self);
void         sy_workflow_set_timeout_ms         (SyWorkflow   *self,
                                                 gint64        timeout_ms);
guint        sy_workflow_get_stack_limit        (SyWorkflow   *self);
void         sy_workflow_set_stack_limit        (SyWorkflow   *self,
                                                 guint         stack_limit);
/* Final statuses whose executions are deleted when they end. */
gboolean     sy_workflow_deletes_executions_on  (SyWorkflow   *self,
                                                 SyStatus      status);
GArray      *sy_workflow_get_delete_executions  (SyWorkflow   *self); /* of SyStatus (gint) */
void         sy_workflow_set_delete_executions  (SyWorkflow   *self,
                                                 const SyStatus *statuses,
                                                 guint         n_statuses);

const char  *sy_workflow_get_trigger_type       (SyWorkflow   *self);
const char  *sy_workflow_get_trigger_title      (SyWorkflow   *self);
void         sy_workflow_set_trigger_title      (SyWorkflow   *self,
                                                 const char   *title);
JsonObject  *sy_workflow_get_trigger_config     (SyWorkflow   *self);
void         sy_workflow_set_trigger_config     (SyWorkflow   *self,
                                                 JsonObject   *config);

/* The main chain (array of SyNode*). */
GPtrArray   *sy_workflow_get_nodes              (SyWorkflow   *self);
SyNode      *sy_workflow_get_head               (SyWorkflow   *self);
SyNode      *sy_workflow_find_node              (SyWorkflow   *self,
                                                 const char   *key);
guint        sy_workflow_count_nodes            (SyWorkflow   *self);
/* The node a problem's JSON path points into ("nodes[1].branches.true[0].config.url"
 * → that node, `rest` "config.url"; "" when the path is the node's own). NULL
 * for paths outside the nodes ("title", "trigger.config.…"). */
SyNode      *sy_workflow_find_node_by_path      (SyWorkflow   *self,
                                                 const char   *path,
                                                 const char  **rest);
/* A node key not used yet in this workflow, from a type ("calculation_2"). */
char        *sy_workflow_generate_node_key      (SyWorkflow   *self,
                                                 const char   *type);
/* Rebuild the key index after structural edits. */
void         sy_workflow_reindex                (SyWorkflow   *self);
/* Keys of the nodes upstream of `node` (what its variables may reference)
 * and of the loops enclosing it. */
GPtrArray   *sy_workflow_get_upstream_keys      (SyWorkflow   *self,
                                                 SyNode       *node);

/* Identity in the store (0 when not stored). */
gint64       sy_workflow_get_version_id         (SyWorkflow   *self);
void         sy_workflow_set_version_id         (SyWorkflow   *self,
                                                 gint64        version_id);
guint        sy_workflow_get_version            (SyWorkflow   *self);
void         sy_workflow_set_version            (SyWorkflow   *self,
                                                 guint         version);

/* Generates a valid key from a title ("Deduct stock" → "deduct-stock"). */
char        *sy_workflow_key_from_title         (const char   *title);
/* `base` with "-n" appended (n ≥ 2), shortened so the key stays valid:
 * the candidates for a key not yet taken. */
char        *sy_workflow_key_variant            (const char   *base,
                                                 guint         n);
gboolean     sy_workflow_key_is_valid           (const char   *key);
gboolean     sy_node_key_is_valid               (const char   *key);

G_END_DECLS
