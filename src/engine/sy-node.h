/* sy-node.h — one step of a workflow: a typed, configured node, possibly with branches
 *
 * Nodes form chains. A branching node (condition, loop, parallel, …) owns
 * named branches, each a chain of nodes. After its branches finish, the chain
 * continues with the node after it. Navigation (parent, next) is maintained
 * by the chain operations below, so a node always knows where it stands.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SY_TYPE_NODE (sy_node_get_type ())
G_DECLARE_FINAL_TYPE (SyNode, sy_node, SY, NODE, GObject)

SyNode      *sy_node_new                 (const char *key,
                                          const char *type);
const char  *sy_node_get_key             (SyNode     *self);
void         sy_node_set_key             (SyNode     *self,
                                          const char *key);
const char  *sy_node_get_node_type       (SyNode     *self);
const char  *sy_node_get_title           (SyNode     *self);
void         sy_node_set_title           (SyNode     *self,
                                          const char *title);
/* Never NULL; owned by the node. */
JsonObject  *sy_node_get_config          (SyNode     *self);
/* Takes a reference: the node shares `config` (NULL means {}). */
void         sy_node_set_config          (SyNode     *self,
                                          JsonObject *config);
/* A config member, or NULL. */
JsonNode    *sy_node_get_config_member   (SyNode     *self,
                                          const char *name);

/* Branches, in document order. */
guint        sy_node_get_n_branches      (SyNode     *self);
const char  *sy_node_get_branch_name     (SyNode     *self,
                                          guint       index);
/* The chain of a branch (array of SyNode*), or NULL when absent. */
GPtrArray   *sy_node_get_branch          (SyNode     *self,
                                          const char *name);
/* Creates an empty branch when absent; returns it. */
GPtrArray   *sy_node_ensure_branch       (SyNode     *self,
                                          const char *name);
/* Creates an empty branch at `position` in document order (past the end
 * appends); returns it, or the existing branch of that name. */
GPtrArray   *sy_node_insert_branch       (SyNode     *self,
                                          const char *name,
                                          guint       position);
/* The index of branch `name` in document order, or -1. */
int          sy_node_get_branch_index    (SyNode     *self,
                                          const char *name);
gboolean     sy_node_remove_branch       (SyNode     *self,
                                          const char *name);
/* First node of a branch, or NULL when the branch is absent or empty. */
SyNode      *sy_node_get_branch_head     (SyNode     *self,
                                          const char *name);

/* Navigation: the branching node whose branch holds this node (NULL on
 * the main chain), the name of that branch, and the next node in the same
 * chain (NULL at the tail). */
SyNode      *sy_node_get_parent          (SyNode     *self);
const char  *sy_node_get_parent_branch   (SyNode     *self);
SyNode      *sy_node_get_next            (SyNode     *self);
SyNode      *sy_node_get_previous        (SyNode     *self);
/* The chain that holds this node. */
GPtrArray   *sy_node_get_chain           (SyNode     *self);

/* Chain helpers that keep navigation up to date. `chain` belongs either to
 * the workflow (main chain) or to `parent`'s branch `branch`. */
/* A new empty chain: it holds a reference to each node and detaches the
 * node (parent, chain, branch cleared) when it drops it. */
GPtrArray   *sy_node_chain_new           (void);
/* Adds its own reference to `node`, which must not be in a chain yet;
 * a position past the end appends. */
void         sy_node_chain_insert        (GPtrArray  *chain,
                                          SyNode     *parent,
                                          const char *branch,
                                          guint       position,
                                          SyNode     *node);
/* Drops the chain's reference: keep one of your own to reinsert the node. */
void         sy_node_chain_remove        (GPtrArray  *chain,
                                          SyNode     *node);
/* Re-establish parent/next links of every node under `chain` (after load). */
void         sy_node_chain_relink        (GPtrArray  *chain,
                                          SyNode     *parent,
                                          const char *branch);

/* Depth-first walk in document order; stop by returning FALSE. */
typedef gboolean (*SyNodeFunc) (SyNode *node, gpointer user_data);
gboolean     sy_node_chain_foreach       (GPtrArray  *chain,
                                          SyNodeFunc  func,
                                          gpointer    user_data);

/* Deep copy (keys kept), detached from any chain. */
SyNode      *sy_node_copy                (SyNode     *self);

/* The spec's JSON form of this node and its branches. */
JsonNode    *sy_node_to_json             (SyNode     *self);

G_END_DECLS
