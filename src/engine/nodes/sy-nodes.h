/* sy-nodes.h — the node kinds, one getter per file in nodes/
 *
 * Adding a node type: a file nodes/sy-node-<type>.c, one line here and one
 * line in the table of sy-node-registry.c.
 */
#pragma once

#include "sy-node-kind.h"

G_BEGIN_DECLS

const SyNodeKind *sy_node_aggregate_get_kind        (void);
const SyNodeKind *sy_node_approval_get_kind         (void);
const SyNodeKind *sy_node_calculation_get_kind      (void);
const SyNodeKind *sy_node_cc_get_kind               (void);
const SyNodeKind *sy_node_command_get_kind          (void);
const SyNodeKind *sy_node_condition_get_kind        (void);
const SyNodeKind *sy_node_create_get_kind           (void);
const SyNodeKind *sy_node_date_calculation_get_kind (void);
const SyNodeKind *sy_node_delay_get_kind            (void);
const SyNodeKind *sy_node_destroy_get_kind          (void);
const SyNodeKind *sy_node_end_get_kind              (void);
const SyNodeKind *sy_node_json_query_get_kind       (void);
const SyNodeKind *sy_node_json_variable_mapping_get_kind (void);
const SyNodeKind *sy_node_loop_get_kind             (void);
const SyNodeKind *sy_node_manual_get_kind           (void);
const SyNodeKind *sy_node_multi_conditions_get_kind (void);
const SyNodeKind *sy_node_notification_get_kind     (void);
const SyNodeKind *sy_node_output_get_kind           (void);
const SyNodeKind *sy_node_parallel_get_kind         (void);
const SyNodeKind *sy_node_query_get_kind            (void);
const SyNodeKind *sy_node_request_get_kind          (void);
const SyNodeKind *sy_node_response_get_kind         (void);
const SyNodeKind *sy_node_response_message_get_kind (void);
const SyNodeKind *sy_node_script_get_kind           (void);
const SyNodeKind *sy_node_sql_get_kind              (void);
const SyNodeKind *sy_node_subflow_get_kind          (void);
const SyNodeKind *sy_node_update_get_kind           (void);
const SyNodeKind *sy_node_variable_get_kind         (void);

G_END_DECLS
