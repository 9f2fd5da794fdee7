/* sy-http-client.c — outgoing HTTP for nodes: one SoupSession per engine thread */
#define G_LOG_DOMAIN "sy-http"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sy-http-client.h"

#define READ_CHUNK (64 * 1024)

G_DEFINE_QUARK (sy-http-error-quark, sy_http_error)

/* ── Requests and responses ───────────────────────────────────────────── */

SyHttpRequest *
sy_http_request_new (const char *method,
                     const char *url)
{
  SyHttpRequest *request = g_new0 (SyHttpRequest, 1);

  request->method = g_ascii_strup (method != NULL ? method : "GET", -1);
  request->url = g_strdup (url);
  request->headers = g_ptr_array_new_with_free_func (g_free);
  request->timeout_ms = 5000;
  request->max_response_size = 10 * 1024 * 1024;
  request->max_redirects = SY_HTTP_DEFAULT_MAX_REDIRECTS;

  return request;
}

void
sy_http_request_add_header (SyHttpRequest *request,
                            const char    *name,
                            const char    *value)
{
  g_ptr_array_add (request->headers, g_strdup (name));
  g_ptr_array_add (request->headers, g_strdup (value != NULL ? value : ""));
}

void
sy_http_request_free (SyHttpRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->method);
  g_free (request->url);
  /* Headers may hold a credential: wipe them. */
  for (guint i = 0; i < request->headers->len; i++)
    {
      char *text = g_ptr_array_index (request->headers, i);

      explicit_bzero (text, strlen (text));
    }
  g_ptr_array_unref (request->headers);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
  g_free (request);
}

void
sy_http_response_free (SyHttpResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->status_text);
  g_clear_pointer (&response->headers, json_object_unref);
  g_clear_pointer (&response->data, json_node_unref);
  g_free (response->url);
  g_free (response);
}

gboolean
sy_http_check_url (const char *url,
                   GError    **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *scheme;

  if (url == NULL || url[0] == '\0')
    {
      g_set_error (error, SY_HTTP_ERROR, SY_HTTP_ERROR_INVALID_URL, _("the URL is empty"));
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, &parse_error);
  if (uri == NULL)
    {
      g_set_error (error, SY_HTTP_ERROR, SY_HTTP_ERROR_INVALID_URL,
                   _("“%s” is not a valid URL: %s"), url, parse_error->message);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, SY_HTTP_ERROR, SY_HTTP_ERROR_INVALID_URL,
                   _("“%s” is not an http or https URL"), url);
      return FALSE;
    }

  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, SY_HTTP_ERROR, SY_HTTP_ERROR_INVALID_URL, _("“%s” has no host"), url);
      return FALSE;
    }

  return TRUE;
}

/* ── The session ──────────────────────────────────────────────────────── */

static GPrivate session_key = G_PRIVATE_INIT (g_object_unref);

SoupSession *
sy_http_client_get_session (void)
{
  SoupSession *session = g_private_get (&session_key);

  if (session == NULL)
    {
      /* Bound to the thread-default context of this thread (the engine's);
       * time limits are ours, total rather than per read. */
      session = soup_session_new_with_options ("user-agent", PACKAGE_NAME "/" PACKAGE_VERSION,
                                               "timeout", 0,
                                               "idle-timeout", 60,
                                               "max-conns", 64,
                                               "max-conns-per-host", 16,
                                               NULL);
      g_private_set (&session_key, session);
    }

  return session;
}

/* ── Sending ──────────────────────────────────────────────────────────── */

typedef struct
{
  SyHttpRequest *request;
  SoupMessage   *message;
  GCancellable  *cancellable;      /* ours: cancelled by time limit, cap, redirects or caller */
  GCancellable  *caller;
  gulong         caller_id;
  GSource       *timeout_source;
  GInputStream  *stream;
  GByteArray    *body;
  guint          redirects;
  GError        *reason;           /* why we cancelled */
} Send;

static void
send_free (Send *self)
{
  if (self->caller_id != 0)
    g_cancellable_disconnect (self->caller, self->caller_id);
  g_clear_object (&self->caller);
  if (self->timeout_source != NULL)
    g_source_destroy (self->timeout_source);
  g_clear_pointer (&self->timeout_source, g_source_unref);
  g_clear_object (&self->stream);
  g_clear_object (&self->message);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->body, g_byte_array_unref);
  g_clear_pointer (&self->request, sy_http_request_free);
  g_clear_error (&self->reason);
  g_free (self);
}

static void
stop_with (Send   *self,
           GError *reason)
{
  if (self->reason == NULL)
    self->reason = reason;
  else
    g_error_free (reason);
  g_cancellable_cancel (self->cancellable);
}

static gboolean
timeout_fired (gpointer data)
{
  Send *self = data;

  g_clear_pointer (&self->timeout_source, g_source_unref);
  stop_with (self, g_error_new (SY_HTTP_ERROR, SY_HTTP_ERROR_TIMED_OUT,
                                _("timed out after %u ms"), self->request->timeout_ms));
  return G_SOURCE_REMOVE;
}

static void
message_restarted (SoupMessage *message,
                   gpointer     data)
{
  Send *self = data;

  (void) message;
  if (++self->redirects > self->request->max_redirects)
    stop_with (self, g_error_new (SY_HTTP_ERROR, SY_HTTP_ERROR_TOO_MANY_REDIRECTS,
                                  _("too many redirects (more than %u)"),
                                  self->request->max_redirects));
}

static const char *
request_host (Send *self)
{
  GUri *uri = soup_message_get_uri (self->message);

  return uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "?";
}

/* A failure as one specific message that names the host. */
static GError *
describe_error (Send         *self,
                const GError *error)
{
  const char *host = request_host (self);

  if (self->reason != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (self->reason);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (SY_HTTP_ERROR, SY_HTTP_ERROR_CONNECTION,
                        _("could not resolve the host %s: %s"), host, error->message);
  if (error->domain == G_TLS_ERROR)
    return g_error_new (SY_HTTP_ERROR, SY_HTTP_ERROR_CONNECTION,
                        _("TLS error with %s: %s"), host, error->message);
  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS))
    return g_error_new (SY_HTTP_ERROR, SY_HTTP_ERROR_TOO_MANY_REDIRECTS,
                        _("too many redirects (more than %u)"), self->request->max_redirects);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (SY_HTTP_ERROR, SY_HTTP_ERROR_TIMED_OUT,
                        _("timed out after %u ms"), self->request->timeout_ms);
  if (error->domain == G_IO_ERROR)
    return g_error_new (SY_HTTP_ERROR, SY_HTTP_ERROR_CONNECTION,
                        _("could not connect to %s: %s"), host, error->message);

  return g_error_new (SY_HTTP_ERROR, SY_HTTP_ERROR_CONNECTION,
                      _("the request to %s failed: %s"), host, error->message);
}

static gboolean
is_json_type (const char *type)
{
  return type != NULL &&
         (g_ascii_strcasecmp (type, "application/json") == 0 || g_str_has_suffix (type, "+json"));
}

static gboolean
is_text_type (const char *type)
{
  return type != NULL &&
         (g_str_has_prefix (type, "text/") || g_str_has_suffix (type, "+xml") ||
          g_ascii_strcasecmp (type, "application/xml") == 0 ||
          g_ascii_strcasecmp (type, "application/javascript") == 0 ||
          g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0);
}

/* JSON parsed, text kept as text, anything else as base64. */
static JsonNode *
body_to_json (const char *type,
              GByteArray *body,
              gboolean    head)
{
  const char *data = (const char *) body->data;
  gsize size = body->len;

  if (head && size == 0)
    return json_node_new (JSON_NODE_NULL);

  if (is_json_type (type) && size > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, data, (gssize) size, NULL) &&
          json_parser_get_root (parser) != NULL)
        return json_node_copy (json_parser_get_root (parser));
    }

  if (is_json_type (type) || is_text_type (type) ||
      (type == NULL && g_utf8_validate (data, (gssize) size, NULL)))
    {
      g_autofree char *text = g_utf8_make_valid (data, (gssize) size);

      return json_node_init_string (json_node_alloc (), text);
    }

  {
    g_autoptr(JsonObject) object = json_object_new ();
    g_autofree char *encoded = g_base64_encode (body->data, size);

    json_object_set_string_member (object, "base64", encoded);
    json_object_set_string_member (object, "content_type", type != NULL ? type : "application/octet-stream");
    json_object_set_int_member (object, "size", (gint64) size);
    return json_node_init_object (json_node_alloc (), object);
  }
}

static void
add_header (const char *name,
            const char *value,
            gpointer    data)
{
  JsonObject *headers = data;
  g_autofree char *key = g_ascii_strdown (name, -1);
  const char *previous = json_object_get_string_member_with_default (headers, key, NULL);

  if (previous != NULL)
    {
      g_autofree char *joined = g_strdup_printf ("%s, %s", previous, value);

      json_object_set_string_member (headers, key, joined);
    }
  else
    json_object_set_string_member (headers, key, value);
}

JsonObject *
sy_http_headers_to_json (SoupMessageHeaders *headers)
{
  JsonObject *object = json_object_new ();

  soup_message_headers_foreach (headers, add_header, object);
  return object;
}

static void
finish (GTask *task)
{
  Send *self = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (self->message);
  SyHttpResponse *response = g_new0 (SyHttpResponse, 1);
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  response->status = soup_message_get_status (self->message);
  response->status_text = g_strdup (soup_message_get_reason_phrase (self->message));
  response->headers = sy_http_headers_to_json (headers);
  response->data = body_to_json (type, self->body, g_str_equal (self->request->method, "HEAD"));
  response->url = g_uri_to_string (soup_message_get_uri (self->message));

  g_task_return_pointer (task, response, (GDestroyNotify) sy_http_response_free);
}

static void
fail (GTask        *task,
      const GError *error)
{
  Send *self = g_task_get_task_data (task);

  g_task_return_error (task, describe_error (self, error));
}

static void read_next (GTask *task);

static void
chunk_read (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  Send *self = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      fail (task, error);
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      g_input_stream_close_async (self->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      finish (task);
      return;
    }

  if (self->body->len + size > self->request->max_response_size)
    {
      g_autoptr(GError) too_large = NULL;
      g_autofree char *most = g_strdup_printf ("%" G_GSIZE_FORMAT, self->request->max_response_size);

      too_large = g_error_new (SY_HTTP_ERROR, SY_HTTP_ERROR_TOO_LARGE,
                               _("the response from %s is larger than the limit of %s bytes (maxResponseSize)"),
                               request_host (self), most);
      /* Closing drops the connection instead of reading the rest. */
      g_cancellable_cancel (self->cancellable);
      g_task_return_error (task, g_steal_pointer (&too_large));
      return;
    }

  g_byte_array_append (self->body, g_bytes_get_data (bytes, NULL), size);
  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  Send *self = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (self->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   self->cancellable, chunk_read, task);
}

static void
sent (GObject      *source,
      GAsyncResult *result,
      gpointer      data)
{
  g_autoptr(GTask) task = data;
  Send *self = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset length;

  self->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (self->stream == NULL)
    {
      fail (task, error);
      return;
    }

  /* Announced too large: don't read any of it. */
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (self->message));
  if (length > 0 && (guint64) length > self->request->max_response_size)
    {
      g_autofree char *most = g_strdup_printf ("%" G_GSIZE_FORMAT, self->request->max_response_size);
      g_autofree char *announced = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) length);

      g_cancellable_cancel (self->cancellable);
      g_task_return_new_error (task, SY_HTTP_ERROR, SY_HTTP_ERROR_TOO_LARGE,
                               _("the response from %s is larger than the limit of %s bytes "
                                 "(maxResponseSize): %s bytes"),
                               request_host (self), most, announced);
      return;
    }

  self->body = g_byte_array_new ();
  read_next (g_steal_pointer (&task));
}

static void
caller_cancelled (GCancellable *caller,
                  gpointer      data)
{
  (void) caller;
  g_cancellable_cancel (data);
}

void
sy_http_client_send_async (SyHttpRequest       *request,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Send *self = g_new0 (Send, 1);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  g_task_set_source_tag (task, sy_http_client_send_async);
  g_task_set_task_data (task, self, (GDestroyNotify) send_free);
  self->request = request;
  self->cancellable = g_cancellable_new ();

  if (!sy_http_check_url (request->url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  self->message = soup_message_new (request->method, request->url);
  if (self->message == NULL)
    {
      g_task_return_new_error (task, SY_HTTP_ERROR, SY_HTTP_ERROR_INVALID_URL,
                               _("“%s” is not a valid URL"), request->url);
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (self->message);
  for (guint i = 0; i + 1 < request->headers->len; i += 2)
    soup_message_headers_append (headers, g_ptr_array_index (request->headers, i),
                                 g_ptr_array_index (request->headers, i + 1));
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (self->message, request->content_type, request->body);
  g_signal_connect (self->message, "restarted", G_CALLBACK (message_restarted), self);

  if (cancellable != NULL)
    {
      self->caller = g_object_ref (cancellable);
      self->caller_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled),
                                               self->cancellable, NULL);
    }

  if (request->timeout_ms > 0)
    {
      self->timeout_source = g_timeout_source_new (request->timeout_ms);
      g_source_set_callback (self->timeout_source, timeout_fired, self, NULL);
      g_source_attach (self->timeout_source, g_main_context_get_thread_default ());
    }

  soup_session_send_async (sy_http_client_get_session (), self->message, G_PRIORITY_DEFAULT,
                           self->cancellable, sent, task);
}

SyHttpResponse *
sy_http_client_send_finish (GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
