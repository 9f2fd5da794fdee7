/* sy-trigger-checks.h — checks of trigger config members that several
 * trigger kinds share
 *
 * Each looks at `member` of `config` and reports at "<current path>.<member>"
 * (the caller has "trigger.config" pushed). Choices and booleans use
 * sy_check_choice() and sy_check_boolean() of nodes/sy-node-helpers.h.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sy-workflow.h"

G_BEGIN_DECLS

/* TRUE when present and not null; otherwise reports "required". */
gboolean     sy_trigger_check_required     (JsonObject         *config,
                                            const char         *member,
                                            SyValidation       *validation);
/* A non-empty string; NULL when absent (reported when `required`) or wrong. */
const char  *sy_trigger_check_string       (JsonObject         *config,
                                            const char         *member,
                                            gboolean            required,
                                            SyValidation       *validation);
/* A collection name as in the collections spec: [a-z][a-z0-9_]{0,62}. */
const char  *sy_trigger_check_collection   (JsonObject         *config,
                                            const char         *member,
                                            gboolean            required,
                                            SyValidation       *validation);
/* An array of distinct strings, each one of `choices` (any string when
 * `choices` is NULL); `non_empty` also refuses []. */
void         sy_trigger_check_string_list  (JsonObject         *config,
                                            const char         *member,
                                            const char * const *choices,
                                            gboolean            non_empty,
                                            SyValidation       *validation);
/* A whole number in [minimum, maximum]; FALSE when absent or wrong. */
gboolean     sy_trigger_check_integer      (JsonObject         *config,
                                            const char         *member,
                                            gint64              minimum,
                                            gint64              maximum,
                                            gint64             *value,
                                            SyValidation       *validation);
/* An object; NULL when absent (reported when `required`) or wrong. */
JsonObject  *sy_trigger_check_object       (JsonObject         *config,
                                            const char         *member,
                                            gboolean            required,
                                            SyValidation       *validation);
/* An ISO 8601 date and time ("2025-03-01T08:00:00Z"). */
void         sy_trigger_check_date_time    (JsonObject         *config,
                                            const char         *member,
                                            gboolean            required,
                                            SyValidation       *validation);
/* The members of triggers bound to actions (action, request-interception):
 * `collection`, `global`, and `actions` from `actions` — required when
 * global, since a global trigger must say which actions it follows. */
void         sy_trigger_check_action_binding (JsonObject         *config,
                                              const char * const *actions,
                                              SyValidation       *validation);
/* Parses a JSON literal of a sample context; the text is ours, so a
 * mistake is a programming error. */
JsonNode    *sy_trigger_sample_from_text   (const char         *json);

G_END_DECLS
