/* sy-cli-commands.h — the command tables of each group, terminated by a NULL name */
#pragma once

#include "sy-cli-call.h"

G_BEGIN_DECLS

extern const SyCliCommand sy_cli_workflow_commands[];
extern const SyCliCommand sy_cli_execution_commands[];
extern const SyCliCommand sy_cli_task_commands[];
extern const SyCliCommand sy_cli_collection_commands[];
extern const SyCliCommand sy_cli_record_commands[];

G_END_DECLS
