/* sy-schedule-records.h — date-field schedules: a run at each record's time
 *
 * A schedule trigger in mode "date-field" fires for every record of
 * `collection` at its `field` (a date or datetime) plus `offset` × `unit`
 * (negative: before), then at every `repeat` (cron, or milliseconds counted
 * from that time) until `endsOn`, at most `limit` times per record. The
 * context is {"data": the record as it is then, "date": the instant}.
 * Changing a record moves its runs; fires missed while Switchyard was not
 * running are skipped, as NocoBase does. Engine thread only.
 */
#pragma once

#include "sy-trigger-kind.h"

G_BEGIN_DECLS

typedef struct _SyScheduleRecords SyScheduleRecords;

SyScheduleRecords *sy_schedule_records_start (SyEngine          *engine,
                                              SyWorkflow        *workflow,
                                              GError           **error);
void               sy_schedule_records_stop  (SyScheduleRecords *self);

G_END_DECLS
