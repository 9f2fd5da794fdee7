/* sy-record-action-private.h — the insides of SyRecordAction and SyActionOutcome,
 * shared by sy-record-action.c and the action runner
 */
#pragma once

#include "collections/sy-engine-collections.h"

G_BEGIN_DECLS

typedef struct
{
  char *workflow;    /* key */
  char *association; /* belongs-to field, NULL = the whole record */
} SyBinding;

struct _SyRecordAction
{
  SyRecordActionKind  kind;
  char               *collection;
  GArray             *ids;      /* gint64 */
  JsonObject         *values;   /* NULL = none given */
  GPtrArray          *bindings; /* of SyBinding, in order */
};

SyActionOutcome *sy_action_outcome_new (void);

G_END_DECLS
