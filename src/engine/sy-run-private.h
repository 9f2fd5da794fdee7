/* sy-run-private.h — the run context's insides, shared by sy-run.c and the processor */
#pragma once

#include "sy-run.h"

G_BEGIN_DECLS

typedef struct _SyProcessor SyProcessor;

struct _SyRun
{
  SyProcessor      *processor;
  SyEngine         *engine;
  SyWorkflow       *workflow;
  SyExecution      *execution;
  SyVariables      *variables;
  SyNode           *node;
  const SyNodeKind *kind;
  SyJob            *job;
  SyJob            *previous;
  JsonObject       *config;        /* resolved lazily */
  GPtrArray        *branches;      /* names started, in order */
  GPtrArray        *after_commit;  /* of SyAfterCommit, job filled by the processor */
  gint64            timer_due;     /* 0 = none */
  JsonNode         *output;        /* set by sy_run_set_output */
  gboolean          has_output;
  SyNode           *go_back;       /* sy_run_go_back's target; NULL = the first node */
  gboolean          sync;
};

void sy_run_init  (SyRun            *run,
                   SyProcessor      *processor,
                   SyEngine         *engine,
                   SyWorkflow       *workflow,
                   SyExecution      *execution,
                   SyVariables      *variables,
                   SyNode           *node,
                   const SyNodeKind *kind,
                   SyJob            *job,
                   SyJob            *previous);
void sy_run_clear (SyRun            *run);

G_END_DECLS
