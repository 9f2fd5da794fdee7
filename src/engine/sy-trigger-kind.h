/* sy-trigger-kind.h — what a trigger type is: description, form, live watching
 *
 * A trigger type is one file in triggers/ that defines a `SyTriggerKind`
 * and one line in sy-trigger-registry.c.
 */
#pragma once

#include <glib.h>

#include "sy-node-kind.h"
#include "sy-workflow.h"

G_BEGIN_DECLS

typedef struct _SyEngine SyEngine;

typedef enum
{
  SY_TRIGGER_MODE_EITHER,
  SY_TRIGGER_MODE_SYNC,   /* always sync (pre-action) */
  SY_TRIGGER_MODE_ASYNC,  /* always async (schedule, approval, file) */
} SyTriggerMode;

typedef struct _SyTriggerKind SyTriggerKind;
struct _SyTriggerKind
{
  const char        *type;         /* "webhook" */
  const char        *title;        /* N_() */
  const char        *description;  /* N_() */
  const char        *icon_name;
  SyTriggerMode      mode;
  const SyFieldSpec *fields;       /* terminated by name == NULL */
  /* Paths offered by the variable picker under $context ("body", "headers.x"). */
  const char * const *context_fields;

  /* Problems in the trigger config (prefix "trigger.config" pushed). */
  void      (*validate)       (SyWorkflow   *workflow,
                               SyValidation *validation);
  /* A sample $context for the Execute dialog. */
  JsonNode *(*sample_context) (SyWorkflow   *workflow);
  /* Live watching of an enabled workflow, on the engine thread. Returns a
   * handle for stop(), or NULL with `error` (shown as a problem badge). */
  gpointer  (*start)          (SyEngine     *engine,
                               SyWorkflow   *workflow,
                               GError      **error);
  void      (*stop)           (gpointer      handle);
};

const SyTriggerKind *sy_trigger_kind_lookup (const char *type);
GPtrArray           *sy_trigger_kind_list   (void);

G_END_DECLS
