/* test-webhook.c — the webhook server against real clients on 127.0.0.1
 *
 * Every row of spec/webhooks.md's response table, the three kinds of
 * authentication, body parsing and limits, through libsoup and curl. The
 * last test runs the server in a child process (this binary, re-executed),
 * kills it with SIGKILL right after its 202 answers, and finds every
 * promised execution in the store.
 */
#include "config.h"

#include <errno.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sy-engine-private.h"
#include "sy-store.h"
#include "sy-test-net.h"
#include "sy-webhook-server.h"

static SyEngine *engine;
static char *data_dir;
static SoupSession *client;
static guint port;

/* ── Workflows ────────────────────────────────────────────────────────── */

#define DOC(key, sync, trigger_config, nodes) \
  "{\"format\": \"switchyard-workflow/1\", \"key\": \"" key "\", \"title\": \"" key "\"," \
  " \"enabled\": true, \"sync\": " sync ", \"trigger\": {\"type\": \"webhook\", \"config\": " trigger_config "}," \
  " \"nodes\": " nodes "}"

#define ECHO_NODES_INNER "{\"key\": \"c\", \"type\": \"calculation\", \"config\": {\"engine\": \"jq\", \"expression\": \"1 + 1\"}}"
#define ECHO_NODES "[" ECHO_NODES_INNER "]"

static const char *documents[] = {
  DOC ("async", "false", "{}", ECHO_NODES),
  DOC ("sync-response", "true", "{\"methods\": [\"POST\", \"GET\"]}",
       "[{\"key\": \"c\", \"type\": \"calculation\", \"config\": {\"engine\": \"jq\","
       "   \"expression\": \"{{$context.body.n}} * 2\"}},"
       " {\"key\": \"reply\", \"type\": \"response\", \"config\": {\"status\": 201,"
       "   \"headers\": [{\"name\": \"X-Reply\", \"value\": \"yes\"}],"
       "   \"body\": {\"double\": \"{{$jobsMapByNodeKey.c}}\", \"q\": \"{{$context.query.a}}\","
       "              \"path\": \"{{$context.path}}\", \"remote\": \"{{$context.remote}}\"}}}]"),
  DOC ("sync-plain", "true", "{}",
       "[{\"key\": \"o\", \"type\": \"output\", \"config\": {\"value\": {\"body\": \"{{$context.body}}\"}}}]"),
  DOC ("sync-failed", "true", "{}",
       "[{\"key\": \"m\", \"type\": \"response-message\", \"config\": {\"message\": \"Not enough stock\"}},"
       " {\"key\": \"n\", \"type\": \"response-message\", \"config\": {\"message\": \"Try {{$context.body.n}}\"}},"
       " {\"key\": \"e\", \"type\": \"end\", \"config\": {\"endStatus\": \"failed\"}}]"),
  DOC ("sync-error", "true", "{}",
       "[{\"key\": \"c\", \"type\": \"calculation\", \"config\": {\"engine\": \"jq\","
       "   \"expression\": \"error(\\\"boom\\\")\"}}]"),
  "{\"format\": \"switchyard-workflow/1\", \"key\": \"sync-timeout\", \"title\": \"Slow\", \"enabled\": true,"
  " \"sync\": true, \"options\": {\"timeout\": 200}, \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
  " \"nodes\": [{\"key\": \"s\", \"type\": \"command\", \"config\": {\"argv\": [\"sleep\", \"30\"]}}]}",
  DOC ("async-custom", "false",
       "{\"response\": {\"status\": 200, \"headers\": {\"X-Hook\": \"1\"}, \"body\": \"thanks\"}}",
       ECHO_NODES),
  DOC ("methods", "false", "{\"methods\": [\"GET\", \"PUT\"]}", ECHO_NODES),
  DOC ("basic", "false", "{\"auth\": {\"type\": \"basic\", \"user\": \"me\", \"secret\": \"hook-basic\"}}", ECHO_NODES),
  DOC ("bearer", "false", "{\"auth\": {\"type\": \"bearer\", \"secret\": \"hook-token\"}}", ECHO_NODES),
  DOC ("hmac", "false", "{\"auth\": {\"type\": \"hmac-sha256\", \"secret\": \"hook-hmac\"}}", ECHO_NODES),
  DOC ("hmac-header", "false",
       "{\"auth\": {\"type\": \"hmac-sha256\", \"secret\": \"hook-hmac\", \"header\": \"X-Hub-Signature-256\"}}",
       ECHO_NODES),
  "{\"format\": \"switchyard-workflow/1\", \"key\": \"disabled\", \"title\": \"Off\", \"enabled\": false,"
  " \"trigger\": {\"type\": \"webhook\", \"config\": {}}, \"nodes\": " ECHO_NODES "}",
  "{\"format\": \"switchyard-workflow/1\", \"key\": \"not-hook\", \"title\": \"Other\", \"enabled\": true,"
  " \"trigger\": {\"type\": \"custom-action\", \"config\": {}}, \"nodes\": " ECHO_NODES "}",
};

/* ── Clients ──────────────────────────────────────────────────────────── */

typedef struct
{
  guint               status;
  char               *body;
  SoupMessageHeaders *headers;
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->body, g_free);
  g_clear_pointer (&answer->headers, soup_message_headers_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

/* libsoup; `header` is "Name: value" or NULL. */
static void
http (Answer     *answer,
      const char *method,
      const char *path,
      const char *content_type,
      const char *body,
      const char *header)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", port, path);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (body != NULL)
    {
      g_autoptr(GBytes) request_body = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, request_body);
    }
  if (header != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (header, ": ", 2);

      soup_message_headers_replace (soup_message_get_request_headers (msg), parts[0], parts[1]);
    }

  bytes = soup_session_send_and_read (client, msg, NULL, &error);
  g_assert_no_error (error);
  answer->status = soup_message_get_status (msg);
  answer->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  answer->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
}

/* curl -s -o - -w '%{http_code}': body followed by the status code. */
static guint
curl (char      **body_out,
      const char *first,
      ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status;
  va_list args;
  gsize length;

  g_ptr_array_add (argv, (gpointer) "curl");
  g_ptr_array_add (argv, (gpointer) "-s");
  g_ptr_array_add (argv, (gpointer) "-o");
  g_ptr_array_add (argv, (gpointer) "-");
  g_ptr_array_add (argv, (gpointer) "-w");
  g_ptr_array_add (argv, (gpointer) "%{http_code}");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &wait_status, &error));
  g_assert_no_error (error);
  length = strlen (out);
  g_assert_cmpuint (length, >=, 3);
  if (body_out != NULL)
    *body_out = g_strndup (out, length - 3);

  return (guint) atoi (out + length - 3);
}

static char *
url_for (const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", port, path);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* POSTs JSON `body` to `path`, expects `status` and a JSON object back. */
static JsonObject *
post_for_object (const char *path,
                 const char *body,
                 guint       status)
{
  g_auto(Answer) answer = { 0 };

  http (&answer, "POST", path, "application/json", body, NULL);
  g_assert_cmpuint (answer.status, ==, status);
  return parse_object (answer.body);
}

/* The port the engine's webhook server listens on, once it does. */
static guint
wait_for_port (SyEngine *listening)
{
  SyWebhookServer *server = _sy_engine_get_webhook_server (listening);
  guint bound;

  while ((bound = sy_webhook_server_get_port (server)) == 0)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);

  return bound;
}

static SyExecution *
get_execution (gint64 id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SyExecution *execution;

  sy_engine_get_execution_async (engine, id, NULL, net_on_done, &result);
  execution = sy_engine_get_execution_finish (engine, net_wait_for (&result), &error);
  g_assert_no_error (error);

  return execution;
}

/* ── Tests ────────────────────────────────────────────────────────────── */

static void
test_async_accepted (void)
{
  g_autofree char *body = NULL;
  g_autofree char *url = url_for ("/hooks/async/extra/path?a=1&b=two");
  guint status = curl (&body, "-X", "POST", "-H", "Content-Type: application/json",
                       "-H", "X-Custom: hello", "-d", "{\"n\": 4}", url, NULL);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(SyExecution) execution = NULL;
  JsonObject *context;

  g_assert_cmpuint (status, ==, 202);
  object = parse_object (body);
  g_assert_true (json_object_has_member (object, "execution"));
  g_assert_cmpuint (json_object_get_size (object), ==, 1);

  /* The promised execution exists and got the spec's $context. */
  execution = get_execution (json_object_get_int_member (object, "execution"));
  g_assert_cmpstr (execution->workflow_key, ==, "async");
  context = json_node_get_object (execution->context);
  g_assert_cmpstr (json_object_get_string_member (context, "method"), ==, "POST");
  g_assert_cmpstr (json_object_get_string_member (context, "path"), ==, "/hooks/async/extra/path");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (context, "headers"), "x-custom"),
                   ==, "hello");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (context, "headers"),
                                                  "content-type"), ==, "application/json");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (context, "query"), "b"), ==, "two");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (context, "body"), "n"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (context, "remote"), ==, "127.0.0.1");
}

/* The trigger's `response` replaces the 202 (after the commit all the same). */
static void
test_async_custom_response (void)
{
  g_auto(Answer) answer = { 0 };

  http (&answer, "POST", "/hooks/async-custom", "application/json", "{}", NULL);
  g_assert_cmpuint (answer.status, ==, 200);
  g_assert_cmpstr (answer.body, ==, "thanks");
  g_assert_cmpstr (soup_message_headers_get_one (answer.headers, "X-Hook"), ==, "1");
  g_assert_cmpstr (soup_message_headers_get_content_type (answer.headers, NULL), ==, "text/plain");
}

static void
test_body_types (void)
{
  struct
  {
    const char *type;
    const char *body;
    const char *expected; /* $context.body as JSON */
  } cases[] = {
    { "application/x-www-form-urlencoded", "a=1&b=x+y", "{\"a\":\"1\",\"b\":\"x y\"}" },
    /* Repeated names give lists, a bare name the empty string (Node's
     * querystring); bytes that are no UTF-8 become U+FFFD. */
    { "application/x-www-form-urlencoded", "a=1&b=%C3%A9&a=2&c&&a=3&d=%FF",
      "{\"a\":[\"1\",\"2\",\"3\"],\"b\":\"\u00e9\",\"c\":\"\",\"d\":\"\ufffd\"}" },
    { "text/plain", "just words", "\"just words\"" },
    /* Text in the charset its type names arrives as UTF-8. */
    { "text/plain; charset=iso-8859-1", "caf\351", "\"caf\u00e9\"" },
    { "text/csv; charset=utf-8", "a,\303\251", "\"a,\u00e9\"" },
    { "application/octet-stream", "\001\002\003", "{\"size\":3,\"content_type\":\"application/octet-stream\"}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Answer) answer = { 0 };
      g_autoptr(JsonObject) object = NULL;
      g_autoptr(SyExecution) execution = NULL;
      g_autoptr(JsonNode) expected = json_from_string (cases[i].expected, NULL);
      JsonNode *body;

      http (&answer, "POST", "/hooks/async", cases[i].type, cases[i].body, NULL);
      g_assert_cmpuint (answer.status, ==, 202);
      object = parse_object (answer.body);
      execution = get_execution (json_object_get_int_member (object, "execution"));
      body = json_object_get_member (json_node_get_object (execution->context), "body");
      g_assert_true (json_node_equal (body, expected));
    }
}

/* $context.query decodes like a form body. */
static void
test_query (void)
{
  g_auto(Answer) answer = { 0 };
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(JsonNode) expected = json_from_string ("{\"tag\":[\"x\",\"y z\"],\"one\":\"\u00e9\",\"flag\":\"\"}", NULL);

  http (&answer, "POST", "/hooks/async?tag=x&one=%C3%A9&tag=y+z&flag", "application/json", "{}", NULL);
  g_assert_cmpuint (answer.status, ==, 202);
  object = parse_object (answer.body);
  execution = get_execution (json_object_get_int_member (object, "execution"));
  g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (execution->context), "query"),
                                  expected));
}

static void
test_sync_response_node (void)
{
  g_auto(Answer) answer = { 0 };
  g_autoptr(JsonObject) object = NULL;

  http (&answer, "POST", "/hooks/sync-response?a=queried", "application/json", "{\"n\": 21}", NULL);
  g_assert_cmpuint (answer.status, ==, 201);
  g_assert_cmpstr (soup_message_headers_get_one (answer.headers, "X-Reply"), ==, "yes");
  g_assert_cmpstr (soup_message_headers_get_content_type (answer.headers, NULL), ==, "application/json");
  object = parse_object (answer.body);
  g_assert_cmpint (json_object_get_int_member (object, "double"), ==, 42);
  g_assert_cmpstr (json_object_get_string_member (object, "q"), ==, "queried");
  g_assert_cmpstr (json_object_get_string_member (object, "path"), ==, "/hooks/sync-response");
  g_assert_cmpstr (json_object_get_string_member (object, "remote"), ==, "127.0.0.1");

  /* GET is accepted too (methods), with no body. */
  {
    g_autofree char *body = NULL;
    g_autofree char *url = url_for ("/hooks/sync-response?a=x");

    /* jq: null * 2 fails, so the workflow errors: 500 with a message. */
    g_assert_cmpuint (curl (&body, url, NULL), ==, 500);
  }
}

static void
test_sync_without_response (void)
{
  g_auto(Answer) answer = { 0 };
  g_autoptr(JsonObject) object = NULL;

  http (&answer, "POST", "/hooks/sync-plain", "application/json", "[1, 2]", NULL);
  g_assert_cmpuint (answer.status, ==, 200);
  object = parse_object (answer.body);
  g_assert_cmpint (json_object_get_int_member (object, "execution"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "resolved");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    json_object_get_object_member (object, "output"), "body")), ==, 2);
}

static void
test_sync_failed_and_error (void)
{
  g_autoptr(JsonObject) object = post_for_object ("/hooks/sync-failed", "{\"n\": 3}", 400);
  g_autoptr(JsonObject) error_object = NULL;
  g_autofree char *messages = json_to_string (json_object_get_member (object, "messages"), FALSE);

  g_assert_cmpuint (json_object_get_size (object), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "execution"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "failed");
  /* The response-message texts, in the order they ran. */
  g_assert_cmpstr (messages, ==, "[\"Not enough stock\",\"Try 3\"]");

  error_object = post_for_object ("/hooks/sync-error", "{}", 500);
  g_assert_cmpuint (json_object_get_size (error_object), ==, 3);
  g_assert_cmpint (json_object_get_int_member (error_object, "execution"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (error_object, "status"), ==, "error");
  g_assert_nonnull (strstr (json_object_get_string_member (error_object, "message"), "boom"));
}

/* A sync workflow past its options.timeout: 500, its execution and why. */
static void
test_sync_timeout (void)
{
  g_autoptr(JsonObject) object = post_for_object ("/hooks/sync-timeout", "{}", 500);
  g_autoptr(SyExecution) execution = NULL;

  g_assert_cmpuint (json_object_get_size (object), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (object, "message"), ==,
                   "the workflow did not finish within its time limit");
  execution = get_execution (json_object_get_int_member (object, "execution"));
  g_assert_cmpstr (execution->workflow_key, ==, "sync-timeout");
  g_assert_cmpstr (execution->reason, ==, "timeout");
}

static void
test_not_found (void)
{
  const char *paths[] = { "/hooks/unknown", "/hooks/disabled", "/hooks/not-hook", "/hooks/", "/hooks", "/",
                          "/other/async", "/hooksasync" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *body = NULL;
      g_autofree char *url = url_for (paths[i]);
      g_autoptr(JsonObject) object = NULL;

      g_assert_cmpuint (curl (&body, "-X", "POST", "-d", "{}", url, NULL), ==, 404);
      object = parse_object (body);
      g_assert_true (json_object_has_member (object, "error"));
    }
}

static void
test_method_not_allowed (void)
{
  g_auto(Answer) answer = { 0 };
  g_auto(Answer) accepted = { 0 };

  http (&answer, "POST", "/hooks/methods", "application/json", "{}", NULL);
  g_assert_cmpuint (answer.status, ==, 405);
  g_assert_cmpstr (soup_message_headers_get_one (answer.headers, "Allow"), ==, "GET, PUT");

  http (&accepted, "PUT", "/hooks/methods", "application/json", "{}", NULL);
  g_assert_cmpuint (accepted.status, ==, 202);

  /* The async default accepts POST only. */
  {
    g_autofree char *url = url_for ("/hooks/async");

    g_assert_cmpuint (curl (NULL, url, NULL), ==, 405);
  }
}

static void
test_auth_basic (void)
{
  g_autofree char *url = url_for ("/hooks/basic");
  g_autofree char *body = NULL;

  g_assert_cmpuint (curl (NULL, "-u", "me:right", "-d", "{}", url, NULL), ==, 202);
  g_assert_cmpuint (curl (&body, "-u", "me:wrong", "-d", "{}", url, NULL), ==, 401);
  /* No hint which part failed. */
  g_assert_null (strstr (body, "password"));
  g_assert_null (strstr (body, "user"));
  g_assert_cmpuint (curl (NULL, "-u", "you:right", "-d", "{}", url, NULL), ==, 401);
  g_assert_cmpuint (curl (NULL, "-d", "{}", url, NULL), ==, 401);
  g_assert_cmpuint (curl (NULL, "-H", "Authorization: Bearer right", "-d", "{}", url, NULL), ==, 401);
}

static void
test_auth_bearer (void)
{
  g_auto(Answer) ok = { 0 };
  g_auto(Answer) wrong = { 0 };
  g_auto(Answer) missing = { 0 };

  http (&ok, "POST", "/hooks/bearer", "application/json", "{}", "Authorization: Bearer tok-123");
  g_assert_cmpuint (ok.status, ==, 202);
  http (&wrong, "POST", "/hooks/bearer", "application/json", "{}", "Authorization: Bearer tok-124");
  g_assert_cmpuint (wrong.status, ==, 401);
  http (&missing, "POST", "/hooks/bearer", "application/json", "{}", NULL);
  g_assert_cmpuint (missing.status, ==, 401);
}

static void
test_auth_hmac (void)
{
  const char *body = "{\"event\": \"push\"}";
  g_autofree char *hex = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) "hmac-key", 8, body, -1);
  g_autofree char *good = g_strdup_printf ("X-Signature-256: sha256=%s", hex);
  g_autofree char *bad = g_strdup_printf ("X-Signature-256: sha256=%s", hex);
  g_auto(Answer) ok = { 0 };
  g_auto(Answer) wrong = { 0 };
  g_auto(Answer) tampered = { 0 };

  bad[strlen (bad) - 1] = bad[strlen (bad) - 1] == '0' ? '1' : '0';

  http (&ok, "POST", "/hooks/hmac", "application/json", body, good);
  g_assert_cmpuint (ok.status, ==, 202);
  http (&wrong, "POST", "/hooks/hmac", "application/json", body, bad);
  g_assert_cmpuint (wrong.status, ==, 401);
  http (&tampered, "POST", "/hooks/hmac", "application/json", "{\"event\": \"pull\"}", good);
  g_assert_cmpuint (tampered.status, ==, 401);

  /* auth.header names another header; the default one is then ignored. */
  {
    g_autofree char *hub = g_strdup_printf ("X-Hub-Signature-256: sha256=%s", hex);
    g_autofree char *unprefixed = g_strdup_printf ("X-Hub-Signature-256: %s", hex);
    g_auto(Answer) other_ok = { 0 };
    g_auto(Answer) other_default = { 0 };
    g_auto(Answer) other_bare = { 0 };

    http (&other_ok, "POST", "/hooks/hmac-header", "application/json", body, hub);
    g_assert_cmpuint (other_ok.status, ==, 202);
    http (&other_default, "POST", "/hooks/hmac-header", "application/json", body, good);
    g_assert_cmpuint (other_default.status, ==, 401);
    /* The value is "sha256=" and the hex digest, nothing else. */
    http (&other_bare, "POST", "/hooks/hmac-header", "application/json", body, unprefixed);
    g_assert_cmpuint (other_bare.status, ==, 401);
  }
}

/* `none` holds only while the server listens on loopback: on another
 * address a hook without authentication is refused, one with it works. */
static void
test_auth_none_off_loopback (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SyEngine) open_engine = NULL;
  g_autoptr(SyVersionRow) open_row = NULL;
  g_autoptr(SyVersionRow) bearer_row = NULL;
  g_autofree char *open_url = NULL;
  g_autofree char *bearer_url = NULL;
  g_autofree char *body = NULL;
  guint open_port;

  open_engine = net_engine_new (&dir);
  g_object_set (open_engine, "webhook-address", "0.0.0.0", NULL);
  open_row = net_import (open_engine, documents[0]);
  bearer_row = net_import (open_engine, DOC ("bearer", "false",
                                             "{\"auth\": {\"type\": \"bearer\", \"secret\": \"hook-token\"}}",
                                             ECHO_NODES));
  open_port = wait_for_port (open_engine);

  open_url = g_strdup_printf ("http://127.0.0.1:%u/hooks/async", open_port);
  bearer_url = g_strdup_printf ("http://127.0.0.1:%u/hooks/bearer", open_port);
  g_assert_cmpuint (curl (&body, "-d", "{}", open_url, NULL), ==, 401);
  g_assert_cmpstr (body, ==, "{\"error\":\"authentication failed\"}");
  g_assert_cmpuint (curl (NULL, "-H", "Authorization: Bearer tok-123", "-d", "{}", bearer_url, NULL), ==, 202);
  g_assert_cmpuint (curl (NULL, "-d", "{}", bearer_url, NULL), ==, 401);

  sy_engine_stop (open_engine);
  net_remove_dir (dir);
}

static void
test_body_limit (void)
{
  g_autofree char *url = url_for ("/hooks/async");
  g_autofree char *big = g_strnfill (2 * 1024 * 1024, 'x');
  g_autofree char *path = g_build_filename (data_dir, "big.json", NULL);
  g_autofree char *at_path = g_strdup_printf ("@%s", path);
  g_autofree char *refused = NULL;
  g_autoptr(GError) error = NULL;

  /* The default limit is 1 MiB: that much is accepted, a byte more is a
   * 413 with no body. */
  g_assert_true (g_file_set_contents (path, big, SY_WEBHOOK_DEFAULT_BODY_LIMIT, &error));
  g_assert_cmpuint (SY_WEBHOOK_DEFAULT_BODY_LIMIT, ==, 1024 * 1024);
  g_assert_cmpuint (curl (NULL, "-H", "Content-Type: text/plain", "--data-binary", at_path, url, NULL), ==, 202);
  g_assert_true (g_file_set_contents (path, big, SY_WEBHOOK_DEFAULT_BODY_LIMIT + 1, &error));
  g_assert_cmpuint (curl (&refused, "-H", "Content-Type: text/plain", "--data-binary", at_path, url, NULL), ==, 413);
  g_assert_cmpstr (refused, ==, "");

  g_assert_true (g_file_set_contents (path, big, -1, &error));
  g_assert_cmpuint (curl (NULL, "-H", "Content-Type: text/plain", "--data-binary", at_path, url, NULL), ==, 413);
  /* Chunked: no Content-Length to refuse early. */
  g_assert_cmpuint (curl (NULL, "-H", "Content-Type: text/plain", "-H", "Transfer-Encoding: chunked",
                          "--data-binary", at_path, url, NULL), ==, 413);

  /* The limit is a setting. */
  g_object_set (engine, "webhook-body-limit", (guint64) 4 * 1024 * 1024, NULL);
  g_assert_cmpuint (curl (NULL, "-H", "Content-Type: text/plain", "--data-binary", at_path, url, NULL), ==, 202);
  g_object_set (engine, "webhook-body-limit", (guint64) SY_WEBHOOK_DEFAULT_BODY_LIMIT, NULL);
}

static void
test_invalid_json (void)
{
  g_autofree char *url = url_for ("/hooks/async");
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpuint (curl (&body, "-H", "Content-Type: application/json", "-d", "{\"a\": 1,\n \"b\": tru}",
                          url, NULL), ==, 400);
  object = parse_object (body);
  g_assert_cmpstr (json_object_get_string_member (object, "error"), ==, "invalid JSON at line 2 column 9");

  /* Authentication first: without it the caller learns nothing of the body. */
  {
    g_autofree char *bearer = url_for ("/hooks/bearer");
    g_autofree char *refused = NULL;

    g_assert_cmpuint (curl (&refused, "-H", "Content-Type: application/json", "-d", "{", bearer, NULL), ==, 401);
    g_assert_cmpstr (refused, ==, "{\"error\":\"authentication failed\"}");
    g_assert_cmpuint (curl (NULL, "-H", "Content-Type: application/json", "-H", "Authorization: Bearer tok-123",
                            "-d", "{", bearer, NULL), ==, 400);
  }
}

static gboolean
answer_later (gpointer data)
{
  SoupServerMessage *msg = data;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
  soup_server_message_unpause (msg);
  g_object_unref (msg);

  return G_SOURCE_REMOVE;
}

static gboolean slow_reached;

static void
slow_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  soup_server_message_pause (msg);
  slow_reached = TRUE;
  g_timeout_add (800, answer_later, g_object_ref (msg));
}

static void
sent_slow (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  guint *status = data;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  *status = soup_message_get_status (soup_session_get_async_result_message (SOUP_SESSION (source), result));
}

static void
test_queue_limit (void)
{
  g_autoptr(SoupServer) slow = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *document = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  g_autofree char *url = url_for ("/hooks/sync-slow");
  g_autoptr(SoupMessage) first = soup_message_new ("POST", url);
  g_auto(Answer) refused = { 0 };
  guint first_status = 0;
  gboolean first_done = FALSE;

  soup_server_add_handler (slow, NULL, slow_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (slow, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (slow);
  document = g_strdup_printf (DOC ("sync-slow", "true", "{}",
                                   "[{\"key\": \"r\", \"type\": \"request\", \"config\": {\"url\": \"http://127.0.0.1:%d/\"}}]"),
                              g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  row = net_import (engine, document);

  /* One execution waiting is the limit: the next request is refused. */
  sy_webhook_server_set_queue_limit (_sy_engine_get_webhook_server (engine), 1);
  soup_session_send_and_read_async (client, first, G_PRIORITY_DEFAULT, NULL, sent_slow, &first_status);
  while (!slow_reached)
    g_main_context_iteration (NULL, TRUE);

  {
    g_autoptr(SoupSession) other = soup_session_new ();
    g_autoptr(SoupMessage) msg = NULL;
    g_autoptr(GBytes) bytes = NULL;

    msg = soup_message_new ("POST", url);
    bytes = soup_session_send_and_read (other, msg, NULL, &error);
    g_assert_no_error (error);
    refused.status = soup_message_get_status (msg);
    refused.headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  }
  g_assert_cmpuint (refused.status, ==, 503);
  g_assert_cmpstr (soup_message_headers_get_one (refused.headers, "Retry-After"), ==, "1");

  while (first_status == 0)
    g_main_context_iteration (NULL, TRUE);
  first_done = TRUE;
  g_assert_true (first_done);
  g_assert_cmpuint (first_status, ==, 200);

  sy_webhook_server_set_queue_limit (_sy_engine_get_webhook_server (engine), SY_WEBHOOK_DEFAULT_QUEUE_LIMIT);
}

static void
test_url_and_port_conflict (void)
{
  g_autofree char *url = sy_webhook_server_url_for (engine, "order-stock");
  g_autofree char *expected = g_strdup_printf ("http://127.0.0.1:%u/hooks/order-stock", port);
  g_autofree char *error_text = NULL;
  g_autofree char *conflict_dir = NULL;
  g_autoptr(SyEngine) second = NULL;
  g_autoptr(SyVersionRow) row = NULL;
  gint64 deadline;

  g_assert_cmpstr (url, ==, expected);

  /* A second engine on the same port reports why it cannot listen. */
  second = net_engine_new (&conflict_dir);
  g_object_set (second, "webhook-port", port, NULL);
  row = net_import (second, documents[0]);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (error_text == NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_clear_pointer (&error_text, g_free);
      g_object_get (second, "webhook-error", &error_text, NULL);
      if (error_text == NULL)
        g_usleep (2000);
    }
  g_assert_nonnull (error_text);
  g_assert_true (g_str_has_prefix (error_text, "could not listen on 127.0.0.1:"));

  /* Moving it to a free port clears the error. */
  g_object_set (second, "webhook-port", 0, NULL);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (error_text != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_clear_pointer (&error_text, g_free);
      g_object_get (second, "webhook-error", &error_text, NULL);
      g_usleep (2000);
    }
  g_assert_null (error_text);
  g_assert_cmpuint (sy_webhook_server_get_port (_sy_engine_get_webhook_server (second)), >, 0);

  /* Not serving (a command line engine): it stops listening, routes or not. */
  g_object_set (second, "webhook-serve", FALSE, NULL);
  while (sy_webhook_server_get_port (_sy_engine_get_webhook_server (second)) != 0)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_object_set (second, "webhook-serve", TRUE, NULL);
  g_assert_cmpuint (wait_for_port (second), >, 0);

  sy_engine_stop (second);
  net_remove_dir (conflict_dir);
}

/* A response node answers a caller who waits: sync webhook workflows only. */
static void
test_response_node_validation (void)
{
  const char *documents_bad[] = {
    DOC ("r-async", "false", "{}", "[{\"key\": \"r\", \"type\": \"response\", \"config\": {}}]"),
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"r-other\", \"title\": \"x\", \"sync\": true,"
    " \"trigger\": {\"type\": \"custom-action\", \"config\": {}},"
    " \"nodes\": [{\"key\": \"r\", \"type\": \"response\", \"config\": {}}]}",
    DOC ("r-status", "true", "{}", "[{\"key\": \"r\", \"type\": \"response\", \"config\": {\"status\": 99}}]"),
    DOC ("r-last", "true", "{}", "[{\"key\": \"r\", \"type\": \"response\", \"config\": {}}," ECHO_NODES_INNER "]"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents_bad); i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_data (documents_bad[i], -1, &problems, &error);

      g_assert_null (workflow);
      g_assert_cmpuint (problems->len, >=, 1);
      g_assert_true (g_str_has_prefix (((SyProblem *) g_ptr_array_index (problems, 0))->path, "nodes[0]"));
    }
}

/* ── Killed right after 202 ───────────────────────────────────────────── */

static int
run_child (const char *dir)
{
  g_autoptr(SyEngine) child_engine = sy_engine_new (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyVersionRow) row = NULL;

  g_object_set (child_engine, "webhook-port", 0, NULL);
  if (!sy_engine_start (child_engine, &error))
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  row = net_import (child_engine,
                    DOC ("kill-me", "false", "{}",
                         "[{\"key\": \"a\", \"type\": \"calculation\", \"config\": {\"engine\": \"jq\", \"expression\": \"1\"}},"
                         " {\"key\": \"b\", \"type\": \"calculation\", \"config\": {\"engine\": \"jq\", \"expression\": \"2\"}}]"));
  printf ("PORT %u\n", wait_for_port (child_engine));
  fflush (stdout);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_killed_after_202 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sy-kill-XXXXXX", NULL);
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "SY_WEBHOOK_CHILD", dir, TRUE);
  char *argv[] = { self_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *line = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(SyStore) store = NULL;
  g_autoptr(GArray) promised = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPid pid;
  int out_fd;
  guint child_port = 0;
  int wait_status;

  g_assert_true (g_spawn_async_with_pipes (NULL, argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                           NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_assert_cmpint (g_io_channel_read_line (channel, &line, NULL, NULL, &error), ==, G_IO_STATUS_NORMAL);
  g_assert_cmpint (sscanf (line, "PORT %u", &child_port), ==, 1);

  /* Several promises, the last one answered right before the kill. */
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/hooks/kill-me", child_port);
      g_autofree char *body = NULL;
      g_autoptr(JsonObject) object = NULL;
      gint64 id;

      g_assert_cmpuint (curl (&body, "-H", "Content-Type: application/json", "-d", "{\"i\": 1}", url, NULL), ==, 202);
      object = parse_object (body);
      id = json_object_get_int_member (object, "execution");
      g_array_append_val (promised, id);
    }
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (wait_status));
  g_spawn_close_pid (pid);

  db_path = g_build_filename (dir, "switchyard.db", NULL);
  store = sy_store_open (db_path, SY_STORE_READ_ONLY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < promised->len; i++)
    {
      g_autoptr(SyExecution) execution = sy_store_get_execution (store, g_array_index (promised, gint64, i),
                                                                 FALSE, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (execution->workflow_key, ==, "kill-me");
    }

  g_clear_object (&store);
  net_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *child_dir = g_getenv ("SY_WEBHOOK_CHILD");
  int status;

  if (child_dir != NULL)
    return run_child (child_dir);

  g_test_init (&argc, &argv, NULL);
  /* The server's log lines (listening, conflicts) are not failures. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_FATAL_MASK);
  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_setenv ("XDG_RUNTIME_DIR", "/nonexistent", TRUE);
  g_setenv ("SWITCHYARD_SECRET_HOOK_BASIC", "right", TRUE);
  g_setenv ("SWITCHYARD_SECRET_HOOK_TOKEN", "tok-123", TRUE);
  g_setenv ("SWITCHYARD_SECRET_HOOK_HMAC", "hmac-key", TRUE);

  engine = net_engine_new (&data_dir);
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(SyVersionRow) row = net_import (engine, documents[i]);
    }
  port = wait_for_port (engine);
  client = soup_session_new ();

  g_test_add_func ("/webhook/async-accepted", test_async_accepted);
  g_test_add_func ("/webhook/async-custom-response", test_async_custom_response);
  g_test_add_func ("/webhook/body-types", test_body_types);
  g_test_add_func ("/webhook/query", test_query);
  g_test_add_func ("/webhook/sync-response-node", test_sync_response_node);
  g_test_add_func ("/webhook/sync-without-response", test_sync_without_response);
  g_test_add_func ("/webhook/sync-failed-and-error", test_sync_failed_and_error);
  g_test_add_func ("/webhook/sync-timeout", test_sync_timeout);
  g_test_add_func ("/webhook/not-found", test_not_found);
  g_test_add_func ("/webhook/method-not-allowed", test_method_not_allowed);
  g_test_add_func ("/webhook/auth-basic", test_auth_basic);
  g_test_add_func ("/webhook/auth-bearer", test_auth_bearer);
  g_test_add_func ("/webhook/auth-hmac", test_auth_hmac);
  g_test_add_func ("/webhook/auth-none-off-loopback", test_auth_none_off_loopback);
  g_test_add_func ("/webhook/body-limit", test_body_limit);
  g_test_add_func ("/webhook/invalid-json", test_invalid_json);
  g_test_add_func ("/webhook/queue-limit", test_queue_limit);
  g_test_add_func ("/webhook/url-and-port-conflict", test_url_and_port_conflict);
  g_test_add_func ("/webhook/response-node-validation", test_response_node_validation);
  g_test_add_func ("/webhook/killed-after-202", test_killed_after_202);

  status = g_test_run ();

  g_clear_object (&client);
  sy_engine_stop (engine);
  g_clear_object (&engine);
  net_remove_dir (data_dir);
  g_free (data_dir);

  return status;
}
