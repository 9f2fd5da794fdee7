/* sy-node-helpers.h — what several node kinds share: truthiness, rounding,
 * conditions, expression checks, numbered branches
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sy-node-kind.h"
#include "sy-run.h"
#include "sy-variables.h"
#include "sy-workflow.h"

G_BEGIN_DECLS

/* Engines of condition-like settings (condition, multi-conditions, loop). */
extern const char * const sy_condition_engines[];
extern const char * const sy_condition_engine_labels[];

/* How a jq or Lua result decides a condition: false and null (or nothing)
 * are false, every other value — 0, "", [] and {} included — is true,
 * which is jq's own rule. */
gboolean    sy_value_is_truthy              (JsonNode     *value);

/* A calculation result as NocoBase reports it: numbers rounded to 9
 * decimal places, NaN and ±∞ become null, whole numbers become integers;
 * arrays and objects are walked. Returns a new tree; NULL gives null. */
JsonNode   *sy_value_round_numbers          (JsonNode     *value);

JsonNode   *sy_json_boolean_new             (gboolean      value);

/* A string member of `object`, `fallback` when absent or not a string. */
const char *sy_object_get_string            (JsonObject   *object,
                                             const char   *member,
                                             const char   *fallback);

/* A string member of the node's unresolved config, `fallback` when absent
 * or not a string. */
const char *sy_node_config_string           (SyNode       *node,
                                             const char   *member,
                                             const char   *fallback);

/* Evaluates one condition: engine "basic" (default) checks the already
 * resolved `calculation` with the rules engine; "jq" and "lua" evaluate
 * the raw `expression` with `variables` bound as parameters. */
gboolean    sy_condition_evaluate           (const char   *engine,
                                             JsonNode     *calculation,
                                             const char   *expression,
                                             SyVariables  *variables,
                                             gboolean     *result,
                                             GError      **error);

/* Checks a condition object ({engine, calculation, expression}) at the
 * validation's current path. */
void        sy_condition_check              (JsonObject   *condition,
                                             SyValidation *validation);

/* The checks below look at a member of `object` (a node's config or a part
 * of it) and report at "<current path>.<member>": push "config" first. */

/* `member` must be a non-empty string that compiles with `engine`; the
 * compiler's message is the problem. */
void        sy_check_expression             (JsonObject         *object,
                                             const char         *member,
                                             const char         *engine,
                                             SyValidation       *validation);

/* When present and not null, `member` must be a string from `choices`.
 * Returns the value, or `fallback` when absent or invalid. */
const char *sy_check_choice                 (JsonObject         *object,
                                             const char         *member,
                                             const char * const *choices,
                                             const char         *fallback,
                                             SyValidation       *validation);

/* When present and not null, `member` must be a boolean. */
void        sy_check_boolean                (JsonObject         *object,
                                             const char         *member,
                                             SyValidation       *validation);

/* The node's branches named "1".."n", in numeric order (the names are the
 * node's own strings). Empty branches are included. */
GPtrArray  *sy_node_get_numbered_branches   (SyNode       *node);

/* The node named `key` before `node` in its chain or in the chains of its
 * enclosing branching nodes — the ones that have surely run when `node`
 * runs — or NULL. */
SyNode     *sy_node_find_earlier            (SyNode       *node,
                                             const char   *key);
/* The same, or one of the enclosing branching nodes themselves (where an
 * approval may send a request back to). */
SyNode     *sy_node_find_upstream           (SyNode       *node,
                                             const char   *key);

/* "1" → "Branch 1"; other names NULL (the caller's default applies). */
char       *sy_node_numbered_branch_label   (const char   *branch);

G_END_DECLS
