/* sy-validation.c — problems found in a workflow document, each with its JSON path */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sy-workflow.h"

struct _SyValidation
{
  GPtrArray *problems; /* of SyProblem */
  GPtrArray *prefixes; /* of char*, each the full path at that depth */
};

SyProblem *
sy_problem_new (const char *path,
                const char *message)
{
  SyProblem *problem = g_new0 (SyProblem, 1);

  problem->path = g_strdup (path != NULL ? path : "");
  problem->message = g_strdup (message);

  return problem;
}

void
sy_problem_free (SyProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

SyValidation *
sy_validation_new (void)
{
  SyValidation *self = g_new0 (SyValidation, 1);

  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_problem_free);
  self->prefixes = g_ptr_array_new_with_free_func (g_free);

  return self;
}

void
sy_validation_free (SyValidation *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->prefixes);
  g_free (self);
}

/* "nodes[1]" + "config" → "nodes[1].config"; "nodes" + "[1]" → "nodes[1]". */
static char *
join_path (const char *base,
           const char *suffix)
{
  if (suffix == NULL || *suffix == '\0')
    return g_strdup (base);
  if (*base == '\0')
    return g_strdup (suffix);
  if (*suffix == '[')
    return g_strconcat (base, suffix, NULL);

  return g_strconcat (base, ".", suffix, NULL);
}

const char *
sy_validation_get_path (SyValidation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->prefixes->len == 0)
    return "";

  return g_ptr_array_index (self->prefixes, self->prefixes->len - 1);
}

void
sy_validation_add (SyValidation *self,
                   const char   *suffix,
                   const char   *format,
                   ...)
{
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (self != NULL);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  path = join_path (sy_validation_get_path (self), suffix);

  /* Two checks may meet one problem (a placeholder is scanned as a
   * template and as part of an expression): it is reported once. */
  for (guint i = 0; i < self->problems->len; i++)
    {
      SyProblem *problem = g_ptr_array_index (self->problems, i);

      if (g_str_equal (problem->path, path) && g_str_equal (problem->message, message))
        return;
    }

  g_ptr_array_add (self->problems, sy_problem_new (path, message));
}

void
sy_validation_push (SyValidation *self,
                    const char   *format,
                    ...)
{
  g_autofree char *suffix = NULL;
  va_list args;

  g_return_if_fail (self != NULL);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  suffix = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->prefixes, join_path (sy_validation_get_path (self), suffix));
}

void
sy_validation_pop (SyValidation *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->prefixes->len > 0);

  g_ptr_array_remove_index (self->prefixes, self->prefixes->len - 1);
}

GPtrArray *
sy_validation_get_problems (SyValidation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->problems;
}

gboolean
sy_validation_is_valid (SyValidation *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->problems->len == 0;
}

GError *
sy_problems_to_error (GPtrArray  *problems,
                      const char *summary)
{
  g_autoptr(GString) text = g_string_new (summary);

  g_return_val_if_fail (problems != NULL, NULL);

  if (problems->len == 0)
    return NULL;

  for (guint i = 0; i < problems->len; i++)
    {
      SyProblem *problem = g_ptr_array_index (problems, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (*problem->path != '\0')
        g_string_append_printf (text, "%s: ", problem->path);
      g_string_append (text, problem->message);
    }

  return g_error_new_literal (SY_WORKFLOW_ERROR, SY_WORKFLOW_ERROR_INVALID, text->str);
}

GError *
sy_validation_to_error (SyValidation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return sy_problems_to_error (self->problems, NULL);
}
