/* sy-node-records.h — what the record nodes (query, create, update, destroy,
 * aggregate, sql) share: the collections store of the run, config members,
 * and telling the collections what a node wrote
 */
#pragma once

#include <json-glib/json-glib.h>

#include "collections/sy-collection-runtime.h"
#include "sy-run.h"
#include "sy-workflow.h"

G_BEGIN_DECLS

/* The run's collections store: for reading, or (`write`) joined to the
 * transaction of this step, so that the records and the job that wrote
 * them are saved together. */
SyCollectionStore *sy_records_node_store      (SyRun         *run,
                                               gboolean       write,
                                               GError       **error);
/* A list of strings from the resolved config (`appends`, `sort` as text);
 * NULL-terminated, empty when absent. */
GStrv              sy_records_node_strings    (JsonObject    *config,
                                               const char    *member,
                                               GError       **error);
/* The node wrote records of `collection`: the data view hears of it after
 * the commit and `collection` workflows start in the next pump, in the
 * chain of this execution (stack limits apply). */
void               sy_records_node_changed    (SyRun         *run,
                                               const char    *collection,
                                               SyRecordChange change,
                                               JsonObject    *record,
                                               JsonObject    *before);

/* Checks (push nothing: these report at "config.<member>"). */
void               sy_records_node_check_collection (SyNode       *node,
                                                     SyValidation *validation);
/* An object when present; `required` also refuses {} (a filter that
 * would touch every record must be asked for explicitly). */
void               sy_records_node_check_object     (SyNode       *node,
                                                     const char   *member,
                                                     gboolean      required,
                                                     SyValidation *validation);
/* A list of strings when present. */
void               sy_records_node_check_strings    (SyNode       *node,
                                                     const char   *member,
                                                     SyValidation *validation);
/* A whole number in [minimum, maximum] when present (or a placeholder). */
void               sy_records_node_check_integer    (SyNode       *node,
                                                     const char   *member,
                                                     gint64        minimum,
                                                     gint64        maximum,
                                                     SyValidation *validation);

G_END_DECLS
