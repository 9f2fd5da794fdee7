/* sy-http-client.h — outgoing HTTP for nodes: one SoupSession per engine thread
 *
 * A request is sent asynchronously on the calling thread's default main
 * context (the engine's), with a total time limit, a redirect limit and a
 * cap on the response size, enforced while the body is read in chunks.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define SY_HTTP_ERROR (sy_http_error_quark ())
typedef enum
{
  SY_HTTP_ERROR_INVALID_URL,        /* not an http(s) URL with a host */
  SY_HTTP_ERROR_TIMED_OUT,          /* the time limit passed */
  SY_HTTP_ERROR_TOO_LARGE,          /* the response body exceeds the cap */
  SY_HTTP_ERROR_TOO_MANY_REDIRECTS,
  SY_HTTP_ERROR_CONNECTION,         /* DNS, connection, TLS, protocol: message says which */
} SyHttpError;
GQuark sy_http_error_quark (void);

#define SY_HTTP_DEFAULT_MAX_REDIRECTS 10

typedef struct
{
  char        *method;            /* "GET" … */
  char        *url;
  GPtrArray   *headers;           /* alternating name, value (char *) */
  GBytes      *body;              /* NULL = none */
  char        *content_type;      /* of the body; may carry parameters (boundary) */
  guint        timeout_ms;        /* 0 = none */
  gsize        max_response_size;
  guint        max_redirects;
} SyHttpRequest;

SyHttpRequest *sy_http_request_new        (const char    *method,
                                           const char    *url);
void           sy_http_request_add_header (SyHttpRequest *request,
                                           const char    *name,
                                           const char    *value);
void           sy_http_request_free       (SyHttpRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyHttpRequest, sy_http_request_free)

typedef struct
{
  guint       status;
  char       *status_text;
  JsonObject *headers;  /* lower-case names; repeated headers joined with ", " */
  /* Parsed JSON for JSON types, text for text, {base64, content_type, size}
   * otherwise; null for an empty body of HEAD. */
  JsonNode   *data;
  char       *url;      /* after redirects */
} SyHttpResponse;

void           sy_http_response_free      (SyHttpResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyHttpResponse, sy_http_response_free)

/* `headers` as a JSON object: lower-case names, repeated headers joined
 * with ", " (responses here, requests in the webhook server). */
JsonObject     *sy_http_headers_to_json   (SoupMessageHeaders *headers);

/* Checks that `url` is http or https with a host. */
gboolean        sy_http_check_url         (const char    *url,
                                           GError       **error);

/* The session of the calling thread, created on first use and freed when
 * the thread exits. */
SoupSession    *sy_http_client_get_session (void);

/* Takes `request`. Any status is a response; errors are SY_HTTP_ERROR or
 * G_IO_ERROR_CANCELLED. */
void            sy_http_client_send_async (SyHttpRequest       *request,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
SyHttpResponse *sy_http_client_send_finish (GAsyncResult       *result,
                                           GError             **error);

G_END_DECLS
