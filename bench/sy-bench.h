/* sy-bench.h — measuring helpers shared by the benchmarks */
#pragma once

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

/* The calling thread's CPU time: on a shared machine wall time mostly
 * measures the other processes. */
static inline double
sy_bench_thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* The process's resident memory now (VmRSS), 0 if unknown. */
static inline long
sy_bench_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : 0;
}
