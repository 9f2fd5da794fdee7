/* sy-expression.h — jq, Lua and string-template expressions
 *
 * Placeholders in an expression are bound as typed values, never spliced
 * into its text. Compiled expressions are cached process-wide by
 * (engine, text) and may be evaluated from several threads.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sy-variables.h"

G_BEGIN_DECLS

#define SY_EXPRESSION_ERROR (sy_expression_error_quark ())

typedef enum
{
  SY_EXPRESSION_ERROR_UNKNOWN_ENGINE,
  SY_EXPRESSION_ERROR_SYNTAX,
  SY_EXPRESSION_ERROR_RUNTIME,
} SyExpressionError;

/* Lua expressions stop after this many VM instructions. */
#define SY_EXPRESSION_LUA_INSTRUCTION_LIMIT 50000000
#define SY_EXPRESSION_CACHE_SIZE            512

#define SY_TYPE_EXPRESSION (sy_expression_get_type ())

typedef struct _SyExpression SyExpression;

GQuark        sy_expression_error_quark       (void);
GType         sy_expression_get_type          (void) G_GNUC_CONST;

SyExpression *sy_expression_compile           (const char    *engine,
                                               const char    *text,
                                               GError       **error);
SyExpression *sy_expression_ref               (SyExpression  *self);
void          sy_expression_unref             (SyExpression  *self);

const char   *sy_expression_get_engine        (SyExpression  *self);
const char   *sy_expression_get_text          (SyExpression  *self);

JsonNode     *sy_expression_evaluate          (SyExpression  *self,
                                               SyVariables   *variables,
                                               GError       **error);
JsonNode     *sy_expression_evaluate_with_input (SyExpression *self,
                                                 SyVariables  *variables,
                                                 JsonNode     *input,
                                                 GError      **error);

gboolean      sy_expression_engine_is_known   (const char    *engine);

/* For tests and diagnostics: real compilations since start, and a way to
 * start again from an empty cache. */
guint         sy_expression_get_compile_count (void);
void          sy_expression_clear_cache       (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyExpression, sy_expression_unref)

G_END_DECLS
