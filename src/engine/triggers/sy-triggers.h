/* sy-triggers.h — the trigger kinds, one getter per file in triggers/
 *
 * Adding a trigger type: a file triggers/sy-trigger-<type>.c, one line here
 * and one line in the table of sy-trigger-registry.c.
 */
#pragma once

#include "sy-trigger-kind.h"

G_BEGIN_DECLS

const SyTriggerKind *sy_trigger_action_get_kind               (void);
const SyTriggerKind *sy_trigger_approval_get_kind             (void);
const SyTriggerKind *sy_trigger_collection_get_kind           (void);
const SyTriggerKind *sy_trigger_custom_action_get_kind        (void);
const SyTriggerKind *sy_trigger_file_get_kind                 (void);
const SyTriggerKind *sy_trigger_request_interception_get_kind (void);
const SyTriggerKind *sy_trigger_schedule_get_kind             (void);
const SyTriggerKind *sy_trigger_webhook_get_kind              (void);

/* The approval trigger's $context for a request: {data: the trigger
 * form's defaults with `values` (an object, may be NULL) over them,
 * applicant: {id, name}}. NULL with `error` (G_IO_ERROR_INVALID_DATA) when
 * `values` is not an object or a required field is empty. */
JsonNode *sy_trigger_approval_make_context (SyWorkflow  *workflow,
                                            JsonNode    *values,
                                            const char  *applicant_id,
                                            const char  *applicant_name,
                                            GError     **error);

G_END_DECLS
