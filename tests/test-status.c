/* test-status.c — status names, job naming and finality (src/engine/sy-status.c) */
#include "config.h"

#include <glib.h>

#include "sy-status.h"

typedef struct
{
  SyStatus    status;
  const char *name;
  gboolean    is_final;
} StatusCase;

/* The spec's names, written out independently of the table in sy-status.c. */
static const StatusCase execution_cases[] = {
  { SY_STATUS_QUEUEING, "queueing", FALSE },
  { SY_STATUS_STARTED, "started", FALSE },
  { SY_STATUS_RESOLVED, "resolved", TRUE },
  { SY_STATUS_FAILED, "failed", TRUE },
  { SY_STATUS_ERROR, "error", TRUE },
  { SY_STATUS_ABORTED, "aborted", TRUE },
  { SY_STATUS_CANCELED, "canceled", TRUE },
  { SY_STATUS_REJECTED, "rejected", TRUE },
  { SY_STATUS_RETRY_NEEDED, "retry_needed", TRUE },
};

static void
test_status_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (execution_cases); i++)
    {
      const StatusCase *c = &execution_cases[i];
      SyStatus parsed = 12345;

      g_assert_cmpstr (sy_status_to_string (c->status, FALSE), ==, c->name);
      g_assert_true (sy_status_from_string (c->name, &parsed));
      g_assert_cmpint (parsed, ==, c->status);
    }
}

static void
test_status_job_pending (void)
{
  SyStatus parsed = 12345;

  /* Jobs call code 0 "pending"; executions call it "started". */
  g_assert_cmpstr (sy_status_to_string (SY_STATUS_PENDING, TRUE), ==, "pending");
  g_assert_cmpstr (sy_status_to_string (SY_STATUS_PENDING, FALSE), ==, "started");
  g_assert_true (sy_status_from_string ("pending", &parsed));
  g_assert_cmpint (parsed, ==, SY_STATUS_PENDING);

  /* Other job statuses use the execution names. */
  g_assert_cmpstr (sy_status_to_string (SY_STATUS_RESOLVED, TRUE), ==, "resolved");
  g_assert_cmpstr (sy_status_to_string (SY_STATUS_FAILED, TRUE), ==, "failed");
}

static void
test_status_is_final (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (execution_cases); i++)
    {
      const StatusCase *c = &execution_cases[i];

      if (c->is_final)
        g_assert_true (sy_status_is_final (c->status));
      else
        g_assert_false (sy_status_is_final (c->status));
    }

  g_assert_false (sy_status_is_final (SY_STATUS_PENDING));
}

static void
test_status_unknown (void)
{
  SyStatus parsed = SY_STATUS_RESOLVED;

  g_assert_false (sy_status_from_string ("finished", &parsed));
  g_assert_false (sy_status_from_string ("", &parsed));
  g_assert_false (sy_status_from_string ("RESOLVED", &parsed));
  g_assert_false (sy_status_from_string (NULL, &parsed));
  g_assert_cmpint (parsed, ==, SY_STATUS_RESOLVED);

  g_assert_cmpstr (sy_status_to_string (42, FALSE), ==, "unknown");
}

static void
test_status_display (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (execution_cases); i++)
    {
      const char *display = sy_status_to_display (execution_cases[i].status, FALSE);

      g_assert_nonnull (display);
      g_assert_cmpstr (display, !=, "");
      g_assert_cmpstr (display, !=, execution_cases[i].name);
    }

  g_assert_cmpstr (sy_status_to_display (SY_STATUS_PENDING, TRUE), ==, "Waiting");
  g_assert_cmpstr (sy_status_to_display (SY_STATUS_RESOLVED, FALSE), ==, "Succeeded");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/status/round-trip", test_status_round_trip);
  g_test_add_func ("/engine/status/job-pending", test_status_job_pending);
  g_test_add_func ("/engine/status/is-final", test_status_is_final);
  g_test_add_func ("/engine/status/unknown", test_status_unknown);
  g_test_add_func ("/engine/status/display", test_status_display);

  return g_test_run ();
}
