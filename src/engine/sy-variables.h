/* sy-variables.h — the variables a node sees ($context, $jobsMapByNodeKey, …)
 *
 * Values are shared, never copied: a node given to a setter and a node
 * returned by sy_variables_lookup() may be the same object, so treat both as
 * read-only (json_node_copy() before changing one).
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SY_VARIABLES_ERROR (sy_variables_error_quark ())

typedef enum
{
  SY_VARIABLES_ERROR_INVALID_PATH,
  SY_VARIABLES_ERROR_UNKNOWN_ROOT,
} SyVariablesError;

#define SY_TYPE_VARIABLES (sy_variables_get_type ())

typedef struct _SyVariables SyVariables;

GQuark       sy_variables_error_quark     (void);
GType        sy_variables_get_type        (void) G_GNUC_CONST;

SyVariables *sy_variables_new             (void);
SyVariables *sy_variables_ref             (SyVariables *self);
void         sy_variables_unref           (SyVariables *self);
SyVariables *sy_variables_copy            (SyVariables *self);

void         sy_variables_set_context     (SyVariables *self,
                                           JsonNode    *context);
void         sy_variables_set_job_result  (SyVariables *self,
                                           const char  *node_key,
                                           JsonNode    *result);
void         sy_variables_set_scope       (SyVariables *self,
                                           const char  *loop_key,
                                           JsonNode    *item,
                                           guint        index,
                                           guint        length);
void         sy_variables_set_now         (SyVariables *self,
                                           GDateTime   *now);
void         sy_variables_set_time_zone   (SyVariables *self,
                                           GTimeZone   *time_zone);
void         sy_variables_set_env_overrides (SyVariables *self,
                                             GHashTable  *env);

JsonNode    *sy_variables_lookup          (SyVariables *self,
                                           const char  *path,
                                           gboolean    *found,
                                           GError     **error);

gboolean     sy_variables_is_root         (const char  *name,
                                           gsize        length);
const char  *sy_variables_strip_alias     (const char  *path);

/* The names accepted after $system.dateRange. (NULL-terminated). */
const char * const *sy_variables_get_date_range_names (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyVariables, sy_variables_unref)

G_END_DECLS
