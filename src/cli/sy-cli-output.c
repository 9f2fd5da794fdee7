/* sy-cli-output.c — JSON, aligned tables, local times and executions for people */
#include "config.h"

#include <glib/gi18n.h>

#include "sy-cli-output.h"

#define COLOR_RESET  "\033[0m"
#define COLOR_BOLD   "\033[1m"
#define COLOR_GREEN  "\033[32m"
#define COLOR_RED    "\033[31m"
#define COLOR_YELLOW "\033[33m"
#define COLOR_DIM    "\033[2m"

void
sy_cli_print (SyCliCall  *call,
              const char *format,
              ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_application_command_line_print (call->cmdline, "%s", text);
}

void
sy_cli_printerr (SyCliCall  *call,
                 const char *format,
                 ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_application_command_line_printerr (call->cmdline, "%s", text);
}

void
sy_cli_print_json (SyCliCall *call,
                   JsonNode  *node)
{
  g_autoptr(JsonNode) owned = node;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, owned);
  text = json_generator_to_data (generator, NULL);

  sy_cli_print (call, "%s\n", text);
}

char *
sy_cli_format_local_time (gint64 ms)
{
  g_autoptr(GDateTime) time = NULL;

  if (ms <= 0)
    return g_strdup ("—");

  time = g_date_time_new_from_unix_local (ms / 1000);
  if (time == NULL)
    return g_strdup ("?");

  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

char *
sy_cli_format_json_short (JsonNode *node,
                          guint     max_chars)
{
  g_autofree char *text = NULL;

  if (node == NULL)
    return g_strdup ("null");

  text = json_to_string (node, FALSE);
  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_steal_pointer (&text);

  return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (text, max_chars - 1) - text), text);
}

static const char *
status_color (SyStatus status,
              gboolean is_job)
{
  switch (status)
    {
    case SY_STATUS_RESOLVED:
      return COLOR_GREEN;
    case SY_STATUS_STARTED:
    case SY_STATUS_QUEUEING:
    case SY_STATUS_RETRY_NEEDED:
      return COLOR_YELLOW;
    case SY_STATUS_FAILED:
    case SY_STATUS_ERROR:
    case SY_STATUS_REJECTED:
      return COLOR_RED;
    case SY_STATUS_ABORTED:
    case SY_STATUS_CANCELED:
    default:
      return COLOR_DIM;
    }
}

char *
sy_cli_format_status (SyCliCall *call,
                      SyStatus   status,
                      gboolean   is_job)
{
  const char *word = sy_status_to_string (status, is_job);

  if (!call->color)
    return g_strdup (word);

  return g_strconcat (status_color (status, is_job), word, COLOR_RESET, NULL);
}

/* ── Tables ──────────────────────────────────────────────────────────── */

struct _SyCliTable
{
  guint      n_columns;
  gboolean   has_header; /* then the first row is the header */
  GPtrArray *rows;       /* of GStrv */
};

/* Display width: characters outside ANSI escape sequences. */
static guint
visible_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == '\033')
        {
          while (*p != '\0' && *p != 'm')
            p++;
          if (*p == '\0')
            break;
          continue;
        }
      width++;
    }

  return width;
}

SyCliTable *
sy_cli_table_new (const char *first_header,
                  ...)
{
  SyCliTable *table = g_new0 (SyCliTable, 1);
  g_autoptr(GStrvBuilder) header = g_strv_builder_new ();
  va_list args;

  va_start (args, first_header);
  for (const char *h = first_header; h != NULL; h = va_arg (args, const char *))
    {
      g_strv_builder_add (header, h);
      table->n_columns++;
    }
  va_end (args);

  table->has_header = TRUE;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (table->rows, g_strv_builder_end (header));

  return table;
}

SyCliTable *
sy_cli_table_new_plain (guint n_columns)
{
  SyCliTable *table = g_new0 (SyCliTable, 1);

  table->n_columns = n_columns;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  return table;
}

void
sy_cli_table_add_row (SyCliTable *table,
                      const char *first_cell,
                      ...)
{
  char **row = g_new0 (char *, table->n_columns + 1);
  va_list args;

  va_start (args, first_cell);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *cell = i == 0 ? first_cell : va_arg (args, const char *);

      row[i] = g_strdup (cell != NULL ? cell : "");
    }
  va_end (args);

  g_ptr_array_add (table->rows, row);
}

SyCliTable *
sy_cli_table_new_strv (const char * const *headers)
{
  SyCliTable *table = sy_cli_table_new_plain (g_strv_length ((char **) headers));

  table->has_header = TRUE;
  g_ptr_array_add (table->rows, g_strdupv ((char **) headers));

  return table;
}

void
sy_cli_table_add_strv (SyCliTable         *table,
                       const char * const *cells)
{
  char **row = g_new0 (char *, table->n_columns + 1);
  gboolean ended = FALSE;

  for (guint i = 0; i < table->n_columns; i++)
    {
      ended = ended || cells[i] == NULL;
      row[i] = g_strdup (ended ? "" : cells[i]);
    }

  g_ptr_array_add (table->rows, row);
}

void
sy_cli_table_print (SyCliTable *table,
                    SyCliCall  *call)
{
  g_autofree guint *widths = g_new0 (guint, table->n_columns);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], visible_width (row[c]));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      gboolean bold = r == 0 && table->has_header && call->color;

      if (bold)
        g_string_append (out, COLOR_BOLD);

      for (guint c = 0; c < table->n_columns; c++)
        {
          g_string_append (out, row[c]);
          if (c + 1 < table->n_columns)
            {
              for (guint pad = visible_width (row[c]); pad < widths[c] + 2; pad++)
                g_string_append_c (out, ' ');
            }
        }

      /* Empty trailing cells leave padding behind: no trailing blanks. */
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      if (bold)
        g_string_append (out, COLOR_RESET);
      g_string_append_c (out, '\n');
    }

  sy_cli_print (call, "%s", out->str);
}

void
sy_cli_table_free (SyCliTable *table)
{
  g_ptr_array_unref (table->rows);
  g_free (table);
}

/* ── Executions ──────────────────────────────────────────────────────── */

void
sy_cli_print_execution (SyCliCall   *call,
                        SyExecution *execution)
{
  g_autofree char *status = sy_cli_format_status (call, execution->status, FALSE);
  g_autofree char *created = sy_cli_format_local_time (execution->created_at);
  g_autofree char *finished = sy_cli_format_local_time (execution->finished_at);

  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, execution->id);
  g_autofree char *retry_of = g_strdup_printf ("%" G_GINT64_FORMAT, execution->retry_of);

  sy_cli_print (call, _("Execution %s of %s (version %u): %s\n"),
                number, execution->workflow_key, execution->version, status);
  if (execution->reason != NULL)
    sy_cli_print (call, _("  Reason:    %s\n"), execution->reason);
  if (execution->retry_of != 0)
    sy_cli_print (call, _("  Retry of:  %s\n"), retry_of);
  sy_cli_print (call, _("  Created:   %s\n"), created);
  sy_cli_print (call, _("  Finished:  %s\n"), finished);
  if (execution->output != NULL && !JSON_NODE_HOLDS_NULL (execution->output))
    {
      g_autofree char *output = sy_cli_format_json_short (execution->output, 200);

      sy_cli_print (call, _("  Output:    %s\n"), output);
    }

  if (execution->jobs != NULL && execution->jobs->len > 0)
    {
      g_autoptr(SyCliTable) table = NULL;

      table = sy_cli_table_new (_("JOB"), _("NODE"), _("TYPE"), _("STATUS"), _("RESULT"), NULL);
      for (guint i = 0; i < execution->jobs->len; i++)
        {
          SyJob *job = g_ptr_array_index (execution->jobs, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, job->id);
          g_autofree char *job_status = sy_cli_format_status (call, job->status, TRUE);
          g_autofree char *result = sy_cli_format_json_short (job->result, 60);

          sy_cli_table_add_row (table, id, job->node_key, job->node_type, job_status, result);
        }
      sy_cli_print (call, "\n");
      sy_cli_table_print (table, call);
    }
}
