/* sy-csv.c — comma-separated values as RFC 4180 writes them */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "collections/sy-csv.h"

G_DEFINE_QUARK (sy-csv-error-quark, sy_csv_error)

static gboolean
needs_quotes (const char *cell)
{
  return strpbrk (cell, ",\"\r\n") != NULL;
}

void
sy_csv_append_row (GString            *out,
                   const char * const *cells,
                   guint               n_cells)
{
  g_return_if_fail (out != NULL);

  for (guint i = 0; i < n_cells; i++)
    {
      const char *cell = cells[i] != NULL ? cells[i] : "";

      if (i > 0)
        g_string_append_c (out, ',');

      if (!needs_quotes (cell))
        {
          g_string_append (out, cell);
          continue;
        }

      g_string_append_c (out, '"');
      for (const char *p = cell; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }

  g_string_append (out, "\r\n");
}

static void
syntax_error (GError    **error,
              guint       line,
              const char *reason)
{
  g_set_error (error, SY_CSV_ERROR, SY_CSV_ERROR_SYNTAX,
               /* Translators: "line 4: a quoted cell is not closed" */
               _("line %u: %s"), line, reason);
}

/* A row that is one empty cell is a blank line. */
static void
finish_row (GPtrArray *rows,
            GPtrArray *cells)
{
  if (cells->len == 1 && *(const char *) g_ptr_array_index (cells, 0) == '\0')
    {
      g_ptr_array_set_size (cells, 0);
      return;
    }

  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (rows, g_ptr_array_steal (cells, NULL));
}

GPtrArray *
sy_csv_parse (const char *text,
              gssize      length,
              GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  const char *p;
  const char *end;
  guint line = 1;

  g_return_val_if_fail (text != NULL, NULL);

  end = text + (length < 0 ? strlen (text) : (gsize) length);
  p = text;
  if (end - p >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      guint quote_line = line;

      /* One cell: quoted or plain. */
      if (*p == '"')
        {
          p++;
          for (;;)
            {
              if (p >= end)
                {
                  syntax_error (error, quote_line, _("a quoted cell is not closed"));
                  return NULL;
                }
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    {
                      g_string_append_c (cell, '"');
                      p += 2;
                      continue;
                    }
                  p++;
                  break;
                }
              if (*p == '\n')
                line++;
              g_string_append_c (cell, *p++);
            }
          if (p < end && *p != ',' && *p != '\r' && *p != '\n')
            {
              syntax_error (error, line, _("a quoted cell must be followed by a comma or the end of the line"));
              return NULL;
            }
        }
      else
        {
          while (p < end && *p != ',' && *p != '\r' && *p != '\n')
            {
              if (*p == '"')
                {
                  syntax_error (error, line, _("a double quote inside a cell that does not start with one"));
                  return NULL;
                }
              g_string_append_c (cell, *p++);
            }
        }

      g_ptr_array_add (cells, g_strndup (cell->str, cell->len));
      g_string_truncate (cell, 0);

      if (p >= end)
        break;
      if (*p == ',')
        {
          p++;
          /* A comma at the very end still opens a last, empty cell. */
          if (p >= end)
            g_ptr_array_add (cells, g_strdup (""));
          continue;
        }

      /* The end of a line: CRLF, LF or a lone CR. */
      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        p++;
      p++;
      line++;
      finish_row (rows, cells);
    }

  if (cells->len > 0)
    finish_row (rows, cells);

  return g_steal_pointer (&rows);
}
