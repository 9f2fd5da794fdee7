/* sy-template.h — {{ … }} placeholders in node configurations
 *
 * A string that is exactly one placeholder yields the value with its JSON
 * type; a mixed string interpolates text (null or missing → empty).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sy-variables.h"

G_BEGIN_DECLS

#define SY_TEMPLATE_ERROR (sy_template_error_quark ())

typedef enum
{
  SY_TEMPLATE_ERROR_UNCLOSED,
  SY_TEMPLATE_ERROR_EMPTY_PATH,
  SY_TEMPLATE_ERROR_INVALID_CHARACTER,
  SY_TEMPLATE_ERROR_UNKNOWN_ROOT,
  SY_TEMPLATE_ERROR_INVALID_PATH,
} SyTemplateError;

typedef enum
{
  /* Every "{{" must open a valid placeholder. */
  SY_TEMPLATE_SCAN_STRICT  = 0,
  /* Malformed placeholders are left alone as text (rendering). */
  SY_TEMPLATE_SCAN_LENIENT = 1 << 0,
  /* Only "{{" followed by "$" or "ctx.$" opens a placeholder, because
   * "{{" is ordinary syntax in code (Lua's nested table constructors). */
  SY_TEMPLATE_SCAN_CODE    = 1 << 1,
} SyTemplateScanFlags;

typedef struct
{
  char  *path;         /* trimmed, without the ctx. alias */
  char  *default_text; /* trimmed text after the first ':', or NULL */
  gsize  start;        /* byte offset of "{{" */
  gsize  end;          /* byte offset just after "}}" */
} SyPlaceholder;

typedef enum
{
  SY_TEMPLATE_REF_NODE, /* $jobsMapByNodeKey.<key> */
  SY_TEMPLATE_REF_LOOP, /* $scopes.<key> */
} SyTemplateRefKind;

typedef struct
{
  SyTemplateRefKind  kind;
  char              *key;
  char              *json_path; /* where it was found, e.g. config.url */
} SyTemplateRef;

GQuark     sy_template_error_quark          (void);

GPtrArray *sy_template_scan                 (const char           *text,
                                             SyTemplateScanFlags   flags,
                                             GError              **error);
void       sy_placeholder_free              (SyPlaceholder        *placeholder);
JsonNode  *sy_placeholder_get_default       (const SyPlaceholder  *placeholder);
JsonNode  *sy_placeholder_resolve           (const SyPlaceholder  *placeholder,
                                             SyVariables          *variables,
                                             GError              **error);

JsonNode  *sy_template_render               (JsonNode             *config,
                                             SyVariables          *variables,
                                             GError              **error);
JsonNode  *sy_template_render_string        (const char           *text,
                                             SyVariables          *variables,
                                             GError              **error);
char      *sy_template_interpolate          (const char           *text,
                                             SyVariables          *variables,
                                             GError              **error);
char      *sy_template_value_to_text        (JsonNode             *value);

GPtrArray *sy_template_collect_node_refs    (JsonNode             *config,
                                             const char           *base_path);
void       sy_template_ref_free             (SyTemplateRef        *ref);
guint      sy_template_check                (JsonNode             *config,
                                             const char           *base_path,
                                             SyTemplateScanFlags   flags,
                                             GPtrArray            *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyPlaceholder, sy_placeholder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyTemplateRef, sy_template_ref_free)

G_END_DECLS
