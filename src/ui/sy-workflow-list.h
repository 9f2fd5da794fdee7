/* sy-workflow-list.h — the sidebar: every workflow with its trigger, switch and last status */
#pragma once

#include <gtk/gtk.h>

#include "sy-engine.h"

G_BEGIN_DECLS

#define SY_TYPE_WORKFLOW_LIST (sy_workflow_list_get_type ())
G_DECLARE_FINAL_TYPE (SyWorkflowList, sy_workflow_list, SY, WORKFLOW_LIST, GtkWidget)

GtkWidget          *sy_workflow_list_new              (void);
/* Lists the engine's workflows and follows its "workflows-changed". */
void                sy_workflow_list_set_engine       (SyWorkflowList *self,
                                                       SyEngine       *engine);
void                sy_workflow_list_refresh          (SyWorkflowList *self);
guint               sy_workflow_list_get_n_workflows  (SyWorkflowList *self);
/* The listed current version of `key`, or NULL. */
const SyVersionRow *sy_workflow_list_lookup           (SyWorkflowList *self,
                                                       const char     *key);
const char         *sy_workflow_list_get_selected_key (SyWorkflowList *self);
/* Selects `key` now, or once a refresh lists it. NULL unselects. */
void                sy_workflow_list_select_key       (SyWorkflowList *self,
                                                       const char     *key);
void                sy_workflow_list_focus_search     (SyWorkflowList *self);
void                sy_workflow_list_set_query        (SyWorkflowList *self,
                                                       const char     *query);
/* Rows shown with the current query. */
guint               sy_workflow_list_get_n_visible    (SyWorkflowList *self);
/* The row of `key` (a GtkListBoxRow), for tests. */
GtkWidget          *sy_workflow_list_get_row          (SyWorkflowList *self,
                                                       const char     *key);

/* Signals:
 *   "workflow-selected" (const char *key_or_null) — the person picked a row
 *   "refreshed" () — the list was rebuilt from the engine
 *   "error" (const char *message) — an engine call from the list failed
 *   "enabling" (const char *key) — the switch of `key` is about to change
 *   "enable-failed" (const char *key, GError *error) — its engine call failed
 *     (SY_WORKFLOW_ERROR_INVALID: the workflow has problems to fix first) */

G_END_DECLS
