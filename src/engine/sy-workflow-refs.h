/* sy-workflow-refs.h — where configurations name other nodes by key
 *
 * A node's key is its identity for every configuration that reads it:
 * "$jobsMapByNodeKey.KEY" and "$scopes.KEY" in any string (templates,
 * jq and Lua code, condition operands; with or without the ctx. alias), and
 * fields that hold a bare key (SY_FIELD_NODE, such as a variable's target).
 * These functions find and rewrite those references without changing the
 * workflow: the caller decides what to do with the result (the editor
 * stores it as one undoable edit).
 *
 * `renames` maps old keys to new keys (both strings).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sy-node.h"

G_BEGIN_DECLS

/* `text` with each reference to a renamed key (a whole key: "calc" is not
 * a reference to "cal") naming the new key; NULL when it has none. */
char      *sy_workflow_refs_rename_in_text   (const char *text,
                                              GHashTable *renames);
/* A deep copy of config member `member` of `node` with its references
 * renamed; NULL when the member is absent or names no renamed key. */
JsonNode  *sy_workflow_refs_rename_in_member (SyNode     *node,
                                              const char *member,
                                              GHashTable *renames);
/* Called with each config member of a node that names a renamed key and
 * the member's renamed copy, which the function takes. */
typedef void (*SyRefsRenamedFunc) (SyNode     *node,
                                   const char *member,
                                   JsonNode   *renamed,
                                   gpointer    user_data);
/* Calls `func` (may be NULL) for each such member of `node`; returns how
 * many there are. */
guint      sy_workflow_refs_rename_in_node   (SyNode            *node,
                                              GHashTable        *renames,
                                              SyRefsRenamedFunc  func,
                                              gpointer           user_data);
/* The nodes in `chain` (and its branches, depth first) whose config refers
 * to `key`. */
GPtrArray *sy_workflow_refs_find_users       (GPtrArray  *chain,
                                              const char *key);

G_END_DECLS
