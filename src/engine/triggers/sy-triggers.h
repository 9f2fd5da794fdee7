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

G_END_DECLS
