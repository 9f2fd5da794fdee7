/* sy-condition-rules.h — the "basic" condition engine: rule groups over resolved operands
 *
 * A calculation is NocoBase's shape:
 *   {"group": {"type": "and"|"or", "calculations": [ <calculation>, … ]}}
 * or a single rule {"calculator": "gt", "operands": [a, b]}. Operands are
 * already resolved (placeholders rendered) when evaluated. Shared by the
 * condition, multi-conditions and loop nodes and the collection trigger.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sy-workflow.h"

G_BEGIN_DECLS

#define SY_CONDITION_RULES_ERROR (sy_condition_rules_error_quark ())

typedef enum
{
  SY_CONDITION_RULES_ERROR_INVALID,             /* not a group or a rule */
  SY_CONDITION_RULES_ERROR_UNKNOWN_CALCULATOR,
} SyConditionRulesError;

GQuark              sy_condition_rules_error_quark     (void);

/* Evaluates @calculation (may be NULL or JSON null: true). */
gboolean            sy_condition_rules_evaluate        (JsonNode      *calculation,
                                                        gboolean      *result,
                                                        GError       **error);

/* Adds a problem for every structural mistake, relative to the
 * validation's current path (the caller pushes "config.calculation"). */
void                sy_condition_rules_check           (JsonNode      *calculation,
                                                        SyValidation  *validation);

/* Calculator names ("equal", "gt", …), NULL-terminated, for the editor. */
const char * const *sy_condition_rules_get_calculators (void);
gboolean            sy_condition_rules_is_calculator   (const char    *name);

G_END_DECLS
