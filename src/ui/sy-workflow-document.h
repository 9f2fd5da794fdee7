/* sy-workflow-document.h — a workflow being edited: undoable edits, problems
 *
 * The canvas, the palette, the inspector and the window all change a
 * workflow through this object, never by touching SyNode directly, so that
 * every edit is one undo step, is validated, and reaches the store (the
 * window saves on "changed"). Undo and redo keep node objects: a node held
 * before an edit is the same node after undoing it.
 */
#pragma once

#include <glib-object.h>

#include "sy-workflow.h"

G_BEGIN_DECLS

/* What an edit touched, so views can update only that. */
typedef enum
{
  SY_DOCUMENT_CHANGE_STRUCTURE, /* nodes inserted, moved, deleted, branches added/removed */
  SY_DOCUMENT_CHANGE_NODE,      /* one node's title/key/config (the `node` argument) */
  SY_DOCUMENT_CHANGE_TRIGGER,   /* the trigger's title/config */
  SY_DOCUMENT_CHANGE_WORKFLOW,  /* title, description, options */
  SY_DOCUMENT_CHANGE_ALL,       /* undo/redo/replace: re-read everything */
} SyDocumentChange;

/* Exactly what one edit, undo or redo changed, for views that update only
 * that (the "edited" signal, emitted before "changed"). */
typedef struct
{
  GPtrArray *nodes;    /* SyNode whose title, key or config changed */
  GPtrArray *chains;   /* SyNode whose branches changed (nodes in or out, branches
                        * added or removed); a NULL element is the main chain */
  GPtrArray *removed;  /* SyNode taken out of a chain (it may be in another now) */
  gboolean   trigger;  /* the trigger's title or config */
  gboolean   workflow; /* title, description, options */
} SyDocumentEdit;

#define SY_TYPE_WORKFLOW_DOCUMENT (sy_workflow_document_get_type ())
G_DECLARE_FINAL_TYPE (SyWorkflowDocument, sy_workflow_document, SY, WORKFLOW_DOCUMENT, GObject)

/* Takes a reference on `workflow` and edits it in place. */
SyWorkflowDocument *sy_workflow_document_new              (SyWorkflow         *workflow);
SyWorkflow         *sy_workflow_document_get_workflow     (SyWorkflowDocument *self);
/* Replaces the workflow (e.g. after loading another version); clears history. */
void                sy_workflow_document_set_workflow     (SyWorkflowDocument *self,
                                                           SyWorkflow         *workflow);
/* A version that has run is read-only: every edit below fails. */
gboolean            sy_workflow_document_get_read_only    (SyWorkflowDocument *self);
void                sy_workflow_document_set_read_only    (SyWorkflowDocument *self,
                                                           gboolean            read_only);

/* ── Structure ─────────────────────────────────────────────────────────
 * A place in the graph is (parent, branch, position): parent NULL and
 * branch NULL mean the main chain. */
SyNode   *sy_workflow_document_insert_node        (SyWorkflowDocument *self,
                                                   SyNode             *parent,
                                                   const char         *branch,
                                                   guint               position,
                                                   const char         *type,
                                                   GError            **error);
/* Inserts nodes from their spec JSON (one node object or an array: a
 * chain), e.g. from the clipboard. Clashing keys are renamed and the
 * references inside the pasted nodes follow. Returns the first node. */
SyNode   *sy_workflow_document_insert_json        (SyWorkflowDocument *self,
                                                   SyNode             *parent,
                                                   const char         *branch,
                                                   guint               position,
                                                   JsonNode           *nodes,
                                                   GError            **error);
/* Moves `node` (with its branches) and the `count - 1` nodes after it. */
gboolean  sy_workflow_document_move_nodes         (SyWorkflowDocument *self,
                                                   SyNode             *node,
                                                   guint               count,
                                                   SyNode             *parent,
                                                   const char         *branch,
                                                   guint               position,
                                                   GError            **error);
/* Deletes `node`; for a branching node `keep_branch` names the branch
 * whose chain takes its place (NULL = delete all branches too). */
gboolean  sy_workflow_document_delete_node        (SyWorkflowDocument *self,
                                                   SyNode             *node,
                                                   const char         *keep_branch,
                                                   GError            **error);
/* Dynamic branches ("1".."n") of parallel / multi-conditions. */
gboolean  sy_workflow_document_add_branch         (SyWorkflowDocument *self,
                                                   SyNode             *node,
                                                   GError            **error);
gboolean  sy_workflow_document_remove_branch      (SyWorkflowDocument *self,
                                                   SyNode             *node,
                                                   const char         *branch,
                                                   GError            **error);
/* Spec JSON of `node` and the `count - 1` nodes after it (an array). */
JsonNode *sy_workflow_document_copy_nodes         (SyWorkflowDocument *self,
                                                   SyNode             *node,
                                                   guint               count);

/* ── Settings ──────────────────────────────────────────────────────────
 * Consecutive changes of the same member of the same node within a short
 * time merge into one undo step (typing in a field). */
gboolean  sy_workflow_document_set_node_title     (SyWorkflowDocument *self,
                                                   SyNode             *node,
                                                   const char         *title,
                                                   GError            **error);
gboolean  sy_workflow_document_set_node_key       (SyWorkflowDocument *self,
                                                   SyNode             *node,
                                                   const char         *key,
                                                   GError            **error);
/* `value` NULL removes the member. */
gboolean  sy_workflow_document_set_node_config    (SyWorkflowDocument *self,
                                                   SyNode             *node,
                                                   const char         *member,
                                                   JsonNode           *value,
                                                   GError            **error);
gboolean  sy_workflow_document_set_trigger_config (SyWorkflowDocument *self,
                                                   const char         *member,
                                                   JsonNode           *value,
                                                   GError            **error);
gboolean  sy_workflow_document_set_trigger_title  (SyWorkflowDocument *self,
                                                   const char         *title,
                                                   GError            **error);
gboolean  sy_workflow_document_set_title          (SyWorkflowDocument *self,
                                                   const char         *title,
                                                   GError            **error);
/* Applies options (timeout, stack limit, delete_executions, sync, description)
 * from a workflow-document-shaped JSON object in one undo step. */
gboolean  sy_workflow_document_set_options        (SyWorkflowDocument *self,
                                                   JsonObject         *options,
                                                   GError            **error);

/* ── History ───────────────────────────────────────────────────────── */
gboolean  sy_workflow_document_can_undo           (SyWorkflowDocument *self);
gboolean  sy_workflow_document_can_redo           (SyWorkflowDocument *self);
gboolean  sy_workflow_document_undo               (SyWorkflowDocument *self);
gboolean  sy_workflow_document_redo               (SyWorkflowDocument *self);

/* ── Problems ──────────────────────────────────────────────────────────
 * Validation of the current state (SyProblem array), recomputed after each
 * edit; "problems-changed" is emitted when it differs. */
GPtrArray *sy_workflow_document_get_problems      (SyWorkflowDocument *self);
/* Problems whose path lies inside `node` (its config, title, key). */
GPtrArray *sy_workflow_document_get_node_problems (SyWorkflowDocument *self,
                                                   SyNode             *node);

/* Signals:
 *   "edited" (SyDocumentEdit *edit) — every edit, undo and redo
 *   "changed" (SyDocumentChange change, SyNode *node_or_null) — after "edited";
 *     undo and redo report what they changed like the edit did (STRUCTURE
 *     with a NULL node, or NODE once per node, TRIGGER, WORKFLOW); ALL only
 *     when the whole workflow was replaced
 *   "problems-changed" ()
 * Properties: "workflow", "read-only", "can-undo", "can-redo". */

G_END_DECLS
