/* test-request.c — the request node against a real HTTP server on 127.0.0.1
 *
 * A SoupServer on a free port of 127.0.0.1 plays the remote API on the test's
 * main context; the engine sends from its own thread, so the two really talk
 * over sockets. Each test checks what the server received and what the job
 * became.
 */
#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "sy-test-net.h"

static SyEngine *engine;
static char *data_dir;
static SoupServer *remote;
static guint remote_port;
static guint counter;

/* What the remote API saw last. */
typedef struct
{
  char       *method;
  char       *path;
  char       *query;
  char       *content_type;
  char       *authorization;
  char       *x_test;
  GBytes     *body;
  SoupMessageHeaders *headers;
} Seen;

static Seen seen;

/* A request to /hang is never answered. */
static SoupServerMessage *hanging;
static guint hang_requests;

static void
seen_clear (void)
{
  g_clear_pointer (&seen.method, g_free);
  g_clear_pointer (&seen.path, g_free);
  g_clear_pointer (&seen.query, g_free);
  g_clear_pointer (&seen.content_type, g_free);
  g_clear_pointer (&seen.authorization, g_free);
  g_clear_pointer (&seen.x_test, g_free);
  g_clear_pointer (&seen.body, g_bytes_unref);
  g_clear_pointer (&seen.headers, soup_message_headers_unref);
}

/* ── The remote API ───────────────────────────────────────────────────── */

/* Whether the client closed its end of `msg`'s connection (waits for it a
 * while): the socket becomes readable and has nothing to read. */
static gboolean
client_closed (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autoptr(GError) error = NULL;
  char byte;

  if (!g_socket_condition_timed_wait (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, 10 * G_USEC_PER_SEC,
                                      NULL, &error))
    return FALSE;
  return recv (g_socket_get_fd (socket), &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

static gboolean
answer_slow (gpointer data)
{
  SoupServerMessage *msg = data;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"slow\": true}", 14);
  soup_server_message_unpause (msg);
  g_object_unref (msg);

  return G_SOURCE_REMOVE;
}

static void
remote_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           data)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));

  (void) server;
  (void) query;
  (void) data;

  /* Redirect hops are not "the" request. */
  if (!g_str_has_prefix (path, "/redirect/") || g_str_equal (path, "/redirect/0"))
    {
      seen_clear ();
      seen.method = g_strdup (soup_server_message_get_method (msg));
      seen.path = g_strdup (path);
      seen.query = g_strdup (raw_query);
      seen.content_type = g_strdup (soup_message_headers_get_one (request_headers, "Content-Type"));
      seen.authorization = g_strdup (soup_message_headers_get_one (request_headers, "Authorization"));
      seen.x_test = g_strdup (soup_message_headers_get_one (request_headers, "X-Test"));
      seen.body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      seen.headers = soup_message_headers_ref (request_headers);
    }

  if (g_str_has_prefix (path, "/redirect/"))
    {
      int n = atoi (path + strlen ("/redirect/"));

      if (n > 0)
        {
          g_autofree char *next = g_strdup_printf ("/redirect/%d", n - 1);

          soup_server_message_set_redirect (msg, 302, next);
          return;
        }
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"arrived\": true}", 17);
    }
  else if (g_str_equal (path, "/hang"))
    {
      hang_requests++;
      soup_server_message_pause (msg);
      g_set_object (&hanging, msg);
    }
  else if (g_str_equal (path, "/slow"))
    {
      soup_server_message_pause (msg);
      g_timeout_add (1500, answer_slow, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/big") || g_str_equal (path, "/big-chunked"))
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);

      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_content_type (response_headers, "text/plain", NULL);
      if (g_str_equal (path, "/big-chunked"))
        soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
      for (int i = 0; i < 64; i++)
        {
          char *chunk = g_malloc (16 * 1024);

          memset (chunk, 'x', 16 * 1024);
          soup_message_body_append (body, SOUP_MEMORY_TAKE, chunk, 16 * 1024);
        }
      if (g_str_equal (path, "/big-chunked"))
        soup_message_body_complete (body);
    }
  else if (g_str_has_prefix (path, "/status/"))
    {
      soup_server_message_set_status (msg, (guint) atoi (path + strlen ("/status/")), NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"error\": \"nope\"}", 17);
    }
  else if (g_str_equal (path, "/binary"))
    {
      static const guchar png[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff };

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, (const char *) png, sizeof png);
    }
  else if (g_str_equal (path, "/text"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "plain words", 11);
    }
  else
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_replace (response_headers, "X-Answer", "42");
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"ok\": true, \"n\": 7}", 20);
    }
}

static char *
remote_url (const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", remote_port, path);
}

/* ── Running one request node ─────────────────────────────────────────── */

/* `config` is the node's config as JSON text; "URL" inside it is replaced
 * by the remote server's address. */
static SyExecution *
run_config (const char *config,
            const char *context)
{
  g_autofree char *base = remote_url ("");
  g_autoptr(GString) text = g_string_new (config);
  g_autofree char *key = g_strdup_printf ("req-%u", ++counter);
  g_autofree char *document = NULL;
  g_autoptr(SyVersionRow) row = NULL;

  g_string_replace (text, "URL", base, 0);
  document = g_strdup_printf ("{\"format\": \"switchyard-workflow/1\", \"key\": \"%s\", \"title\": \"R\","
                              " \"enabled\": false, \"sync\": false,"
                              " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
                              " \"nodes\": [{\"key\": \"r\", \"type\": \"request\", \"config\": %s}]}",
                              key, text->str);
  row = net_import (engine, document);

  return net_execute (engine, row->key, context);
}

static JsonObject *
result_object (SyJob *job)
{
  g_assert_nonnull (job->result);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (job->result));
  return json_node_get_object (job->result);
}

static const char *
result_message (SyJob *job)
{
  return json_object_get_string_member_with_default (result_object (job), "message", "");
}

/* ── Tests ────────────────────────────────────────────────────────────── */

static void
test_methods (void)
{
  const char *methods[] = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD" };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autofree char *config = g_strdup_printf ("{\"method\": \"%s\", \"url\": \"URL/echo\","
                                                 " \"data\": {\"a\": 1}}", methods[i]);
      g_autoptr(SyExecution) execution = run_config (config, NULL);
      SyJob *job = net_find_job (execution, "r");
      gboolean has_body = !g_str_equal (methods[i], "GET") && !g_str_equal (methods[i], "HEAD");

      g_assert_cmpint (execution->status, ==, SY_STATUS_RESOLVED);
      g_assert_cmpstr (seen.method, ==, methods[i]);
      g_assert_cmpint (json_object_get_int_member (result_object (job), "status"), ==, 200);
      g_assert_cmpuint (g_bytes_get_size (seen.body), ==, has_body ? strlen ("{\"a\":1}") : 0);
      if (g_str_equal (methods[i], "HEAD"))
        g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (result_object (job), "data")));
      else
        g_assert_true (json_object_get_boolean_member (
          json_object_get_object_member (result_object (job), "data"), "ok"));
      g_assert_cmpstr (json_object_get_string_member (
        json_object_get_object_member (result_object (job), "headers"), "x-answer"), ==, "42");
    }
}

static void
test_json_body_keeps_types (void)
{
  g_autoptr(SyExecution) execution =
    run_config ("{\"url\": \"URL/echo\", \"data\": {\"n\": \"{{$context.n}}\", \"s\": \"n={{$context.n}}\","
                " \"list\": \"{{$context.list}}\"}}",
                "{\"n\": 5, \"list\": [1, \"two\"]}");
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_assert_cmpint (execution->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpstr (seen.method, ==, "POST");
  g_assert_cmpstr (seen.content_type, ==, "application/json");
  body = json_from_string (g_bytes_get_data (seen.body, NULL), &error);
  g_assert_no_error (error);
  object = json_node_get_object (body);
  g_assert_cmpint (json_object_get_int_member (object, "n"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (object, "s"), ==, "n=5");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "list")), ==, 2);
}

static void
test_form_body (void)
{
  g_autoptr(SyExecution) execution =
    run_config ("{\"url\": \"URL/echo\", \"contentType\": \"application/x-www-form-urlencoded\","
                " \"data\": [{\"name\": \"a\", \"value\": \"1 2&3\"}, {\"name\": \"b\", \"value\": \"{{$context.n}}\"}]}",
                "{\"n\": 5}");
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) form = NULL;

  g_assert_cmpint (execution->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpstr (seen.content_type, ==, "application/x-www-form-urlencoded");
  text = g_strndup (g_bytes_get_data (seen.body, NULL), g_bytes_get_size (seen.body));
  form = soup_form_decode (text);
  g_assert_cmpstr (g_hash_table_lookup (form, "a"), ==, "1 2&3");
  g_assert_cmpstr (g_hash_table_lookup (form, "b"), ==, "5");
}

static void
test_multipart_body (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (data_dir, "upload.txt", NULL);
  g_autofree char *config = NULL;
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(SoupMultipart) multipart = NULL;
  SoupMessageHeaders *part_headers = NULL;
  GBytes *part_body = NULL;
  g_autoptr(GHashTable) params = NULL;
  char *disposition = NULL;

  g_assert_true (g_file_set_contents (path, "file contents", -1, &error));
  config = g_strdup_printf ("{\"url\": \"URL/echo\", \"contentType\": \"multipart/form-data\","
                            " \"data\": [{\"name\": \"field\", \"value\": \"text value\"},"
                            " {\"name\": \"upload\", \"file\": \"%s\"}]}", path);
  execution = run_config (config, NULL);

  g_assert_cmpint (execution->status, ==, SY_STATUS_RESOLVED);
  g_assert_true (g_str_has_prefix (seen.content_type, "multipart/form-data"));
  multipart = soup_multipart_new_from_message (seen.headers, seen.body);
  g_assert_nonnull (multipart);
  g_assert_cmpint (soup_multipart_get_length (multipart), ==, 2);

  g_assert_true (soup_multipart_get_part (multipart, 0, &part_headers, &part_body));
  g_assert_true (soup_message_headers_get_content_disposition (part_headers, &disposition, &params));
  g_assert_cmpstr (g_hash_table_lookup (params, "name"), ==, "field");
  g_assert_cmpmem (g_bytes_get_data (part_body, NULL), g_bytes_get_size (part_body), "text value", 10);
  g_clear_pointer (&params, g_hash_table_unref);
  g_free (disposition);

  g_assert_true (soup_multipart_get_part (multipart, 1, &part_headers, &part_body));
  g_assert_true (soup_message_headers_get_content_disposition (part_headers, &disposition, &params));
  g_assert_cmpstr (g_hash_table_lookup (params, "name"), ==, "upload");
  g_assert_cmpstr (g_hash_table_lookup (params, "filename"), ==, "upload.txt");
  g_assert_cmpmem (g_bytes_get_data (part_body, NULL), g_bytes_get_size (part_body), "file contents", 13);
  g_free (disposition);

  /* A file that isn't there is the job's error, with the path. */
  {
    g_autoptr(SyExecution) missing =
      run_config ("{\"url\": \"URL/echo\", \"contentType\": \"multipart/form-data\","
                  " \"data\": [{\"name\": \"upload\", \"file\": \"/nonexistent/x.bin\"}]}", NULL);

    g_assert_cmpint (missing->status, ==, SY_STATUS_ERROR);
    g_assert_nonnull (strstr (result_message (net_find_job (missing, "r")), "/nonexistent/x.bin"));
  }
}

static void
test_text_bodies (void)
{
  g_autoptr(SyExecution) xml = run_config ("{\"url\": \"URL/echo\", \"contentType\": \"application/xml\","
                                           " \"data\": \"<a>{{$context.n}}</a>\"}", "{\"n\": 3}");
  g_autoptr(SyExecution) plain = NULL;

  g_assert_cmpint (xml->status, ==, SY_STATUS_RESOLVED);
  g_assert_true (g_str_has_prefix (seen.content_type, "application/xml"));
  g_assert_cmpmem (g_bytes_get_data (seen.body, NULL), g_bytes_get_size (seen.body), "<a>3</a>", 8);

  plain = run_config ("{\"url\": \"URL/text\", \"contentType\": \"text/plain\", \"data\": \"hello\"}", NULL);
  g_assert_cmpint (plain->status, ==, SY_STATUS_RESOLVED);
  g_assert_true (g_str_has_prefix (seen.content_type, "text/plain"));
  g_assert_cmpmem (g_bytes_get_data (seen.body, NULL), g_bytes_get_size (seen.body), "hello", 5);
  /* A text response stays text. */
  g_assert_cmpstr (json_object_get_string_member (result_object (net_find_job (plain, "r")), "data"), ==,
                   "plain words");
}

static void
test_params_and_headers (void)
{
  g_autoptr(SyExecution) execution =
    run_config ("{\"method\": \"GET\", \"url\": \"URL/echo?fixed=1\","
                " \"params\": [{\"name\": \"q\", \"value\": \"a b\"}, {\"name\": \"n\", \"value\": \"{{$context.n}}\"}],"
                " \"headers\": [{\"name\": \"X-Test\", \"value\": \"v{{$context.n}}\"},"
                "               {\"name\": \"Content-Type\", \"value\": \"ignored/type\"}]}",
                "{\"n\": 9}");
  g_autoptr(GHashTable) query = NULL;

  g_assert_cmpint (execution->status, ==, SY_STATUS_RESOLVED);
  query = soup_form_decode (seen.query);
  g_assert_cmpstr (g_hash_table_lookup (query, "fixed"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (query, "q"), ==, "a b");
  g_assert_cmpstr (g_hash_table_lookup (query, "n"), ==, "9");
  g_assert_cmpstr (seen.x_test, ==, "v9");
  g_assert_null (seen.content_type);
}

static void
test_timeout_aborts (void)
{
  g_autoptr(SyExecution) execution = run_config ("{\"url\": \"URL/slow\", \"timeout\": 200}", NULL);
  SyJob *job = net_find_job (execution, "r");

  g_assert_cmpint (job->status, ==, SY_STATUS_ABORTED);
  g_assert_cmpstr (result_message (job), ==, "timed out after 200 ms");
  g_assert_cmpint (execution->status, ==, SY_STATUS_ABORTED);
}

static void
test_redirects (void)
{
  g_autoptr(SyExecution) followed = run_config ("{\"method\": \"GET\", \"url\": \"URL/redirect/3\"}", NULL);
  g_autoptr(SyExecution) too_many = NULL;
  SyJob *job = net_find_job (followed, "r");

  g_assert_cmpint (followed->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpstr (seen.path, ==, "/redirect/0");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (result_object (job), "data"),
                                                 "arrived"));

  too_many = run_config ("{\"method\": \"GET\", \"url\": \"URL/redirect/11\"}", NULL);
  job = net_find_job (too_many, "r");
  g_assert_cmpint (job->status, ==, SY_STATUS_FAILED);
  g_assert_cmpstr (result_message (job), ==, "too many redirects (more than 10)");
}

static void
test_size_cap (void)
{
  const char *paths[] = { "/big", "/big-chunked" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *config = g_strdup_printf ("{\"method\": \"GET\", \"url\": \"URL%s\", "
                                                 "\"maxResponseSize\": 100000}", paths[i]);
      g_autoptr(SyExecution) execution = run_config (config, NULL);
      SyJob *job = net_find_job (execution, "r");

      g_assert_cmpint (job->status, ==, SY_STATUS_FAILED);
      g_assert_nonnull (strstr (result_message (job), "larger than the limit of 100000 bytes (maxResponseSize)"));
    }

  /* Under the cap it arrives whole (1 MiB of text). */
  {
    g_autoptr(SyExecution) execution = run_config ("{\"method\": \"GET\", \"url\": \"URL/big-chunked\"}", NULL);
    SyJob *job = net_find_job (execution, "r");

    g_assert_cmpint (job->status, ==, SY_STATUS_RESOLVED);
    g_assert_cmpuint (strlen (json_object_get_string_member (result_object (job), "data")), ==, 1024 * 1024);
  }
}

static void
test_non_2xx_fails_with_response (void)
{
  g_autoptr(SyExecution) execution = run_config ("{\"url\": \"URL/status/404\"}", NULL);
  SyJob *job = net_find_job (execution, "r");
  JsonObject *result = result_object (job);

  g_assert_cmpint (job->status, ==, SY_STATUS_FAILED);
  g_assert_cmpint (execution->status, ==, SY_STATUS_FAILED);
  g_assert_cmpint (json_object_get_int_member (result, "status"), ==, 404);
  g_assert_cmpstr (json_object_get_string_member (result, "statusText"), ==, "Not Found");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "data"), "error"), ==,
                   "nope");
  g_assert_cmpstr (result_message (job), ==, "the server answered 404 Not Found");
}

static void
test_ignore_fail (void)
{
  g_autoptr(SyExecution) execution = run_config ("{\"url\": \"URL/status/500\", \"ignoreFail\": true}", NULL);
  SyJob *job = net_find_job (execution, "r");

  g_assert_cmpint (job->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpint (execution->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpint (json_object_get_int_member (result_object (job), "status"), ==, 500);
}

static void
test_only_data (void)
{
  g_autoptr(SyExecution) execution = run_config ("{\"url\": \"URL/echo\", \"onlyData\": true}", NULL);
  SyJob *job = net_find_job (execution, "r");

  g_assert_cmpint (job->status, ==, SY_STATUS_RESOLVED);
  g_assert_true (json_object_get_boolean_member (result_object (job), "ok"));
  g_assert_false (json_object_has_member (result_object (job), "status"));
}

static void
test_connection_refused (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autoptr(SyExecution) execution = NULL;
  guint port;
  SyJob *job;

  /* A port that was free a moment ago and has nobody listening. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  config = g_strdup_printf ("{\"url\": \"http://127.0.0.1:%u/x\"}", port);
  execution = run_config (config, NULL);
  job = net_find_job (execution, "r");

  g_assert_cmpint (job->status, ==, SY_STATUS_FAILED);
  g_assert_true (g_str_has_prefix (result_message (job), "could not connect to 127.0.0.1: "));
  g_assert_cmpstr (json_object_get_string_member (result_object (job), "code"), ==, "connection");

  /* An unresolvable host names the host. */
  {
    g_autoptr(SyExecution) dns = run_config ("{\"url\": \"http://no-such-host.invalid/x\"}", NULL);

    job = net_find_job (dns, "r");
    g_assert_cmpint (job->status, ==, SY_STATUS_FAILED);
    g_assert_nonnull (strstr (result_message (job), "no-such-host.invalid"));
  }
}

static void
test_binary_response (void)
{
  g_autoptr(SyExecution) execution = run_config ("{\"method\": \"GET\", \"url\": \"URL/binary\"}", NULL);
  JsonObject *data = json_object_get_object_member (result_object (net_find_job (execution, "r")), "data");
  static const guchar png[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff };
  g_autofree char *expected = g_base64_encode (png, sizeof png);

  g_assert_cmpstr (json_object_get_string_member (data, "base64"), ==, expected);
  g_assert_cmpstr (json_object_get_string_member (data, "content_type"), ==, "image/png");
  g_assert_cmpint (json_object_get_int_member (data, "size"), ==, sizeof png);
}

static void
test_credential_from_env (void)
{
  g_autoptr(SyExecution) bearer = NULL;
  g_autoptr(SyExecution) basic = NULL;
  g_autoptr(SyExecution) missing = NULL;
  g_autofree char *config_text = NULL;
  g_autofree char *result_text = NULL;
  SyJob *job;

  bearer = run_config ("{\"url\": \"URL/echo\", \"credential\": \"api-token.1\"}", NULL);
  job = net_find_job (bearer, "r");
  g_assert_cmpint (job->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpstr (seen.authorization, ==, "Bearer s3cr3t-token");

  /* The job shows the credential's name, never its value. */
  config_text = json_to_string (job->config, FALSE);
  result_text = json_to_string (job->result, FALSE);
  g_assert_nonnull (strstr (config_text, "api-token.1"));
  g_assert_null (strstr (config_text, "s3cr3t"));
  g_assert_null (strstr (result_text, "s3cr3t"));
  g_assert_true (job->log == NULL || strstr (job->log, "s3cr3t") == NULL);

  basic = run_config ("{\"url\": \"URL/echo\", \"credential\": \"service\"}", NULL);
  g_assert_cmpint (basic->status, ==, SY_STATUS_RESOLVED);
  g_assert_cmpstr (seen.authorization, ==, "Basic bWU6cGE6c3M="); /* me:pa:ss */

  missing = run_config ("{\"url\": \"URL/echo\", \"credential\": \"nowhere\"}", NULL);
  job = net_find_job (missing, "r");
  g_assert_cmpint (job->status, ==, SY_STATUS_FAILED);
  g_assert_nonnull (strstr (result_message (job), "credential “nowhere” not found"));
  g_assert_nonnull (strstr (result_message (job), "SWITCHYARD_SECRET_NOWHERE is not set"));
}

static void
on_slow_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  SyExecution **slot = data;

  *slot = sy_engine_execute_finish (SY_ENGINE (source), result, NULL);
}

static void
test_others_run_while_in_flight (void)
{
  g_autofree char *base = remote_url ("");
  g_autofree char *document = g_strdup_printf (
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"slow-one\", \"title\": \"Slow\","
    " \"enabled\": false, \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
    " \"nodes\": [{\"key\": \"r\", \"type\": \"request\", \"config\": {\"url\": \"%s/slow\"}}]}", base);
  g_autoptr(SyVersionRow) slow_row = net_import (engine, document);
  g_autoptr(SyVersionRow) quick_row = net_import (engine,
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"quick\", \"title\": \"Quick\","
    " \"enabled\": false, \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
    " \"nodes\": [{\"key\": \"c\", \"type\": \"calculation\", \"config\": {\"expression\": \"1 + 1\"}}]}");
  g_autoptr(SyExecution) slow = NULL;

  sy_engine_execute_async (engine, "slow-one", NULL, SY_EXECUTE_MANUALLY, NULL, on_slow_done, &slow);

  /* Wait until the request is on the wire, then run others meanwhile. */
  while (seen.path == NULL || !g_str_equal (seen.path, "/slow"))
    g_main_context_iteration (NULL, TRUE);
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(SyExecution) quick = net_execute (engine, "quick", NULL);

      g_assert_cmpint (quick->status, ==, SY_STATUS_RESOLVED);
      g_assert_null (slow);
    }

  while (slow == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (slow->status, ==, SY_STATUS_RESOLVED);
}

/* Stopping the engine while a request waits for its answer cancels it:
 * the connection closes, nothing keeps the engine alive, and the job stays
 * pending, so the next start ends it with the "stopped while running"
 * error without sending the request again. */
static void
test_stop_cancels_in_flight (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = remote_url ("");
  g_autofree char *document = g_strdup_printf (
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"hangs\", \"title\": \"Hangs\","
    " \"enabled\": false, \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
    " \"nodes\": [{\"key\": \"r\", \"type\": \"request\", \"config\": {\"url\": \"%s/hang\","
    "   \"timeout\": 600000}}]}", base);
  SyEngine *stopping = net_engine_new (&dir);
  g_autoptr(SyVersionRow) row = net_import (stopping, document);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SyExecution) started = NULL;
  g_autoptr(SyExecution) after = NULL;
  g_autoptr(SyEngine) restarted = NULL;
  g_autoptr(GAsyncResult) got = NULL;
  g_autoptr(GError) error = NULL;
  SyJob *job;

  sy_engine_execute_async (stopping, "hangs", NULL, SY_EXECUTE_MANUALLY | SY_EXECUTE_NO_WAIT, NULL,
                           net_on_done, &result);
  started = sy_engine_execute_finish (stopping, net_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  while (hanging == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_object_add_weak_pointer (G_OBJECT (stopping), (gpointer *) &stopping);
  sy_engine_stop (stopping);
  g_object_unref (stopping);
  /* The engine's last signals hold it until they are emitted here. */
  while (stopping != NULL && g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (stopping);
  g_assert_true (client_closed (hanging));

  restarted = sy_engine_new (dir);
  g_assert_true (sy_engine_start (restarted, &error));
  g_assert_no_error (error);
  sy_engine_get_execution_async (restarted, started->id, NULL, net_on_done, &got);
  after = sy_engine_get_execution_finish (restarted, net_wait_for (&got), &error);
  g_assert_no_error (error);
  job = net_find_job (after, "r");
  g_assert_cmpint (after->status, ==, SY_STATUS_ERROR);
  g_assert_cmpint (job->status, ==, SY_STATUS_ERROR);
  g_assert_nonnull (strstr (result_message (job), "stopped while this node was running"));
  g_assert_cmpuint (hang_requests, ==, 1);

  sy_engine_stop (restarted);
  g_clear_object (&hanging);
  net_remove_dir (dir);
}

static void
test_validation (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyWorkflow) workflow = sy_workflow_new_from_data (
    "{\"format\": \"switchyard-workflow/1\", \"key\": \"bad\", \"title\": \"Bad\","
    " \"trigger\": {\"type\": \"webhook\", \"config\": {}},"
    " \"nodes\": [{\"key\": \"r\", \"type\": \"request\", \"config\": {\"url\": \"ftp://x/y\", \"timeout\": 0,"
    "   \"method\": \"BREW\"}}]}", -1, &problems, &error);
  gboolean url = FALSE, timeout = FALSE, method = FALSE;

  g_assert_null (workflow);
  for (guint i = 0; i < problems->len; i++)
    {
      SyProblem *problem = g_ptr_array_index (problems, i);

      url |= g_str_equal (problem->path, "nodes[0].config.url") &&
             g_str_equal (problem->message, "must start with http:// or https://");
      timeout |= g_str_equal (problem->path, "nodes[0].config.timeout");
      method |= g_str_equal (problem->path, "nodes[0].config.method");
    }
  g_assert_true (url && timeout && method);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* The engine's log lines are not failures. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_FATAL_MASK);
  /* Keep the keyring out: credentials come from the environment here. */
  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_setenv ("XDG_RUNTIME_DIR", "/nonexistent", TRUE);
  /* Before any thread starts: setenv is not thread-safe. */
  g_setenv ("SWITCHYARD_SECRET_API_TOKEN_1", "s3cr3t-token", TRUE);
  g_setenv ("SWITCHYARD_SECRET_SERVICE", "basic:me:pa:ss", TRUE);
  g_unsetenv ("SWITCHYARD_SECRET_NOWHERE");

  remote = soup_server_new (NULL, NULL);
  soup_server_add_handler (remote, NULL, remote_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (remote, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (remote);
  remote_port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  engine = net_engine_new (&data_dir);

  g_test_add_func ("/request/methods", test_methods);
  g_test_add_func ("/request/json-body-keeps-types", test_json_body_keeps_types);
  g_test_add_func ("/request/form-body", test_form_body);
  g_test_add_func ("/request/multipart-body", test_multipart_body);
  g_test_add_func ("/request/text-bodies", test_text_bodies);
  g_test_add_func ("/request/params-and-headers", test_params_and_headers);
  g_test_add_func ("/request/timeout-aborts", test_timeout_aborts);
  g_test_add_func ("/request/redirects", test_redirects);
  g_test_add_func ("/request/size-cap", test_size_cap);
  g_test_add_func ("/request/non-2xx-fails-with-response", test_non_2xx_fails_with_response);
  g_test_add_func ("/request/ignore-fail", test_ignore_fail);
  g_test_add_func ("/request/only-data", test_only_data);
  g_test_add_func ("/request/connection-refused", test_connection_refused);
  g_test_add_func ("/request/binary-response", test_binary_response);
  g_test_add_func ("/request/credential-from-env", test_credential_from_env);
  g_test_add_func ("/request/others-run-while-in-flight", test_others_run_while_in_flight);
  g_test_add_func ("/request/validation", test_validation);
  g_test_add_func ("/request/stop-cancels-in-flight", test_stop_cancels_in_flight);

  status = g_test_run ();

  sy_engine_stop (engine);
  g_clear_object (&engine);
  g_clear_object (&remote);
  seen_clear ();
  net_remove_dir (data_dir);
  g_free (data_dir);

  return status;
}
