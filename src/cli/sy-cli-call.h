/* sy-cli-call.h — one command being carried out: its arguments, options and output
 *
 * Shared by the dispatcher and the command groups. A command's run function
 * parses its own options with sy_cli_call_parse(), does its work through
 * the engine's async API and ends with exactly one sy_cli_call_return().
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sy-engine.h"

G_BEGIN_DECLS

/* Exit statuses of cli.md. */
typedef enum
{
  SY_CLI_EXIT_OK       = 0,
  SY_CLI_EXIT_FAILED   = 1, /* the execution ended in another final status; other failures */
  SY_CLI_EXIT_USAGE    = 2, /* bad usage or input, unknown key or id */
  SY_CLI_EXIT_WAITING  = 3, /* the execution still waits */
  SY_CLI_EXIT_DATA_DIR = 4, /* the data directory cannot be opened or is locked */
} SyCliExit;

typedef struct _SyCliCall SyCliCall;
typedef void (*SyCliRunFunc) (SyCliCall *call);

typedef struct
{
  const char   *name;
  const char   *parameters;  /* shown after the name in help: "KEY [--version N]" */
  const char   *summary;
  SyCliRunFunc  run;
  gboolean      needs_engine; /* FALSE: works without the data directory (validate) */
} SyCliCommand;

struct _SyCliCall
{
  SyEngine                *engine;
  GApplicationCommandLine *cmdline;
  const char              *group;
  const SyCliCommand      *command;
  char                   **argv;      /* the whole command line, program name first */
  char                   **args;      /* positional arguments after the command words */
  guint                    n_args;
  gboolean                 json;
  gboolean                 color;
  GCancellable            *cancellable;
  GTask                   *task;      /* returns the exit status */
};

/* Parses argv with the common options (--data-dir, --json, --help) and
 * `entries`; checks that between `min_args` and `max_args` (-1 = any)
 * positional arguments remain. Returns FALSE when the call has already
 * been answered (help shown or a usage error). */
gboolean     sy_cli_call_parse          (SyCliCall          *call,
                                         const GOptionEntry *entries,
                                         int                 min_args,
                                         int                 max_args);
/* Ends the command with `status`. */
void         sy_cli_call_return         (SyCliCall          *call,
                                         SyCliExit           status);
/* Prints "switchyard: <message>" and `error`'s detail lines to stderr and
 * ends with the status that fits the error. `error` may be NULL. */
void         sy_cli_call_return_error   (SyCliCall          *call,
                                         const GError       *error,
                                         const char         *format,
                                         ...) G_GNUC_PRINTF (3, 4);
SyCliExit    sy_cli_exit_for_error      (const GError       *error);

/* A file named on the command line, relative to the caller's directory. */
GFile       *sy_cli_call_get_file       (SyCliCall          *call,
                                         const char         *arg);
/* Exit status for an execution that execute/retry produced. */
SyCliExit    sy_cli_exit_for_execution  (SyExecution        *execution);
/* How a command that yields an execution ends. */
typedef enum
{
  SY_CLI_REPLY_DONE,      /* exit 0: show, cancel */
  SY_CLI_REPLY_OUTCOME,   /* the execution's outcome: execute, retry */
  SY_CLI_REPLY_NO_WAIT,   /* like OUTCOME, but not having ended yet is a success */
} SyCliReplyMode;

typedef SyExecution *(*SyCliExecutionFinish) (SyEngine      *engine,
                                              GAsyncResult  *result,
                                              GError       **error);

/* Data for sy_cli_execution_reply_ready(), the callback of engine calls
 * that yield an execution: it prints the execution (JSON or for people)
 * and ends the call, or reports "<failure>: <error>". Takes `failure`. */
gpointer     sy_cli_execution_reply_new   (SyCliCall            *call,
                                           SyCliExecutionFinish  finish,
                                           char                 *failure,
                                           SyCliReplyMode        mode);
void         sy_cli_execution_reply_ready (GObject              *source,
                                           GAsyncResult         *result,
                                           gpointer              reply);
/* Parses an execution id; answers with a usage error and returns FALSE
 * when `text` is not one. */
gboolean     sy_cli_call_parse_id       (SyCliCall          *call,
                                         const char         *text,
                                         gint64             *id);

G_END_DECLS
