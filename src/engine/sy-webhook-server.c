/* sy-webhook-server.c — the engine's HTTP server for webhook triggers (spec/webhooks.md)
 *
 * Everything but the settings runs on the engine thread. A request is
 * answered without blocking that thread: the message is paused while a
 * secret is looked up or the execution runs, and unpaused from the engine's
 * trigger callback — for async workflows once the queued execution is
 * committed (so a 202 survives a crash), for sync ones when it ends.
 */
#define G_LOG_DOMAIN "sy-webhook"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "sy-engine-private.h"
#include "sy-http-client.h"
#include "sy-json.h"
#include "sy-secrets.h"
#include "sy-status.h"
#include "sy-webhook-server.h"

#define HOOKS_PREFIX "/hooks"

typedef struct
{
  char        *key;
  gint64       version_id;
  gboolean     sync;
  char       **methods;     /* accepted, upper case */
  JsonObject  *auth;        /* may be NULL = none */
  JsonObject  *response;    /* async answer override, may be NULL */
} Route;

struct _SyWebhookServer
{
  GObject       parent_instance;

  SyEngine     *engine;          /* owns us */
  GWeakRef      engine_ref;      /* for notifications that may outlive it */
  GMainContext *owner_context;   /* where the engine's notify is emitted */

  GMutex        mutex;           /* guards the settings and `error` */
  guint         port;
  char         *address;
  guint64       body_limit;
  guint         queue_limit;
  gboolean      serve;
  char         *error;
  guint         bound_port;      /* atomic */

  /* engine thread */
  SoupServer   *server;
  GHashTable   *routes;          /* key → Route */
  guint         in_flight;       /* triggered, not answered yet */
  gboolean      warned_open;
};

G_DEFINE_FINAL_TYPE (SyWebhookServer, sy_webhook_server, G_TYPE_OBJECT)

static void
route_free (Route *route)
{
  g_free (route->key);
  g_strfreev (route->methods);
  g_clear_pointer (&route->auth, json_object_unref);
  g_clear_pointer (&route->response, json_object_unref);
  g_free (route);
}

/* ── Settings and state (any thread) ──────────────────────────────────── */

static gboolean
notify_engine (gpointer data)
{
  SyWebhookServer *self = data;
  g_autoptr(GObject) engine = g_weak_ref_get (&self->engine_ref);

  if (engine != NULL)
    g_object_notify (engine, "webhook-error");
  return G_SOURCE_REMOVE;
}

static void
set_error (SyWebhookServer *self,
           const char      *error)
{
  gboolean changed;

  g_mutex_lock (&self->mutex);
  changed = g_strcmp0 (self->error, error) != 0;
  if (changed)
    {
      g_free (self->error);
      self->error = g_strdup (error);
    }
  g_mutex_unlock (&self->mutex);

  if (changed)
    g_main_context_invoke_full (self->owner_context, G_PRIORITY_DEFAULT, notify_engine,
                                g_object_ref (self), g_object_unref);
}

char *
sy_webhook_server_dup_error (SyWebhookServer *self)
{
  char *error;

  g_mutex_lock (&self->mutex);
  error = g_strdup (self->error);
  g_mutex_unlock (&self->mutex);

  return error;
}

guint
sy_webhook_server_get_port (SyWebhookServer *self)
{
  return g_atomic_int_get (&self->bound_port);
}

static void listen_now (SyWebhookServer *self);

static void
stop_listening (SyWebhookServer *self)
{
  if (self->server == NULL)
    return;

  /* Requests in progress are still answered: they hold the server. */
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_atomic_int_set (&self->bound_port, 0);
  g_message ("Webhook server stopped");
}

static gboolean
relisten (gpointer data)
{
  SyWebhookServer *self = data;

  stop_listening (self);
  listen_now (self);

  return G_SOURCE_REMOVE;
}

/* Applies changed listening settings on the engine thread. */
static void
schedule_relisten (SyWebhookServer *self)
{
  if (self->engine == NULL || !sy_engine_is_running (self->engine))
    return;

  sy_engine_invoke (self->engine, relisten, g_object_ref (self), g_object_unref);
}

void
sy_webhook_server_set_port (SyWebhookServer *self,
                            guint            port)
{
  gboolean changed;

  g_return_if_fail (port <= 65535);

  g_mutex_lock (&self->mutex);
  changed = self->port != port;
  self->port = port;
  g_mutex_unlock (&self->mutex);

  if (changed)
    schedule_relisten (self);
}

guint
sy_webhook_server_get_configured_port (SyWebhookServer *self)
{
  guint port;

  g_mutex_lock (&self->mutex);
  port = self->port;
  g_mutex_unlock (&self->mutex);

  return port;
}

void
sy_webhook_server_set_address (SyWebhookServer *self,
                               const char      *address)
{
  gboolean changed;

  if (address == NULL || address[0] == '\0')
    address = SY_WEBHOOK_DEFAULT_ADDRESS;

  g_mutex_lock (&self->mutex);
  changed = g_strcmp0 (self->address, address) != 0;
  if (changed)
    {
      g_free (self->address);
      self->address = g_strdup (address);
    }
  g_mutex_unlock (&self->mutex);

  if (changed)
    schedule_relisten (self);
}

char *
sy_webhook_server_dup_address (SyWebhookServer *self)
{
  char *address;

  g_mutex_lock (&self->mutex);
  address = g_strdup (self->address);
  g_mutex_unlock (&self->mutex);

  return address;
}

void
sy_webhook_server_set_body_limit (SyWebhookServer *self,
                                  guint64          limit)
{
  g_mutex_lock (&self->mutex);
  self->body_limit = limit;
  g_mutex_unlock (&self->mutex);
}

guint64
sy_webhook_server_get_body_limit (SyWebhookServer *self)
{
  guint64 limit;

  g_mutex_lock (&self->mutex);
  limit = self->body_limit;
  g_mutex_unlock (&self->mutex);

  return limit;
}

void
sy_webhook_server_set_serve (SyWebhookServer *self,
                             gboolean         serve)
{
  gboolean changed;

  g_mutex_lock (&self->mutex);
  changed = self->serve != !!serve;
  self->serve = !!serve;
  g_mutex_unlock (&self->mutex);

  if (changed)
    schedule_relisten (self);
}

gboolean
sy_webhook_server_get_serve (SyWebhookServer *self)
{
  gboolean serve;

  g_mutex_lock (&self->mutex);
  serve = self->serve;
  g_mutex_unlock (&self->mutex);

  return serve;
}

void
sy_webhook_server_set_queue_limit (SyWebhookServer *self,
                                   guint            limit)
{
  g_mutex_lock (&self->mutex);
  self->queue_limit = limit;
  g_mutex_unlock (&self->mutex);
}

static guint
get_queue_limit (SyWebhookServer *self)
{
  guint limit;

  g_mutex_lock (&self->mutex);
  limit = self->queue_limit;
  g_mutex_unlock (&self->mutex);

  return limit;
}

static gboolean
is_loopback (const char *address)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);

  return inet != NULL ? g_inet_address_get_is_loopback (inet) : g_str_equal (address, "localhost");
}

char *
sy_webhook_server_url_for (SyEngine   *engine,
                           const char *key)
{
  SyWebhookServer *self = _sy_engine_get_webhook_server (engine);
  g_autofree char *address = sy_webhook_server_dup_address (self);
  g_autofree char *escaped = g_uri_escape_string (key, NULL, FALSE);
  guint port = sy_webhook_server_get_port (self);

  if (port == 0)
    port = sy_webhook_server_get_configured_port (self);

  /* Listening on every address: the local one is the one that surely works. */
  if (g_str_equal (address, "0.0.0.0") || g_str_equal (address, "::"))
    {
      char *local = g_strdup (g_str_equal (address, "::") ? "::1" : "127.0.0.1");

      g_free (address);
      address = local;
    }

  if (strchr (address, ':') != NULL)
    return g_strdup_printf ("http://[%s]:%u" HOOKS_PREFIX "/%s", address, port, escaped);

  return g_strdup_printf ("http://%s:%u" HOOKS_PREFIX "/%s", address, port, escaped);
}

/* ── Answers ──────────────────────────────────────────────────────────── */

static void
respond_node (SoupServerMessage *msg,
              guint              status,
              JsonNode          *body)
{
  char *text = body != NULL ? json_to_string (body, FALSE) : NULL;

  soup_server_message_set_status (msg, status, NULL);
  if (text != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *message)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_string_member (object, "error", message);
  node = sy_json_node_take_object (g_steal_pointer (&object));
  respond_node (msg, status, node);
}

/* Status, headers and body as a response node or a trigger's async
 * `response` config gives them. */
static void
respond_configured (SoupServerMessage *msg,
                    JsonObject        *response,
                    guint              default_status,
                    JsonNode          *default_body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  JsonNode *header_node = json_object_get_member (response, "headers");
  JsonNode *body = json_object_get_member (response, "body");
  gint64 status = json_object_get_int_member_with_default (response, "status", default_status);
  gboolean has_type = FALSE;
  g_autofree char *text = NULL;

  if (status < 100 || status > 599)
    status = default_status;
  soup_server_message_set_status (msg, (guint) status, NULL);

  if (header_node != NULL && JSON_NODE_HOLDS_OBJECT (header_node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (header_node));
      while (json_object_iter_next (&iter, &name, &value))
        {
          g_autofree char *value_text = NULL;

          if (!JSON_NODE_HOLDS_VALUE (value))
            continue;
          value_text = json_node_get_value_type (value) == G_TYPE_STRING
                       ? g_strdup (json_node_get_string (value))
                       : json_to_string (value, FALSE);
          if (g_ascii_strcasecmp (name, "Content-Type") == 0)
            has_type = TRUE;
          soup_message_headers_replace (headers, name, value_text);
        }
    }

  if (body == NULL)
    body = default_body;
  if (body == NULL || JSON_NODE_HOLDS_NULL (body))
    return;

  if (JSON_NODE_HOLDS_VALUE (body) && json_node_get_value_type (body) == G_TYPE_STRING)
    {
      text = g_strdup (json_node_get_string (body));
      if (!has_type)
        soup_message_headers_replace (headers, "Content-Type", "text/plain; charset=utf-8");
    }
  else
    {
      text = json_to_string (body, FALSE);
      if (!has_type)
        soup_message_headers_replace (headers, "Content-Type", "application/json");
    }

  {
    gsize length = strlen (text);

    /* The Content-Type is already among the headers. */
    soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_TAKE,
                              g_steal_pointer (&text), length);
  }
}

/* ── A request waiting for its answer ─────────────────────────────────── */

typedef struct
{
  SyWebhookServer   *self;
  SoupServer        *server;
  SoupServerMessage *msg;
  gulong             finished_id;
  gboolean           gone;      /* the client went away: don't touch msg */
  gboolean           paused;
  gboolean           counted;   /* in self->in_flight */
  gint64             version_id;
  gboolean           sync;
  JsonObject        *auth;
  JsonObject        *response;
  GBytes            *body;
  JsonNode          *context;
} Request;

static void
message_finished (SoupServerMessage *msg,
                  gpointer           data)
{
  Request *request = data;

  (void) msg;
  request->gone = TRUE;
}

static Request *
request_new (SyWebhookServer   *self,
             SoupServerMessage *msg,
             Route             *route,
             GBytes            *body)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->server = g_object_ref (self->server);
  request->msg = g_object_ref (msg);
  request->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (message_finished), request);
  request->version_id = route->version_id;
  request->sync = route->sync;
  request->auth = route->auth ? json_object_ref (route->auth) : NULL;
  request->response = route->response ? json_object_ref (route->response) : NULL;
  request->body = g_bytes_ref (body);

  return request;
}

static void
request_free (Request *request)
{
  if (request->counted)
    request->self->in_flight--;
  g_signal_handler_disconnect (request->msg, request->finished_id);
  g_clear_object (&request->msg);
  g_clear_object (&request->server);
  g_clear_object (&request->self);
  g_clear_pointer (&request->auth, json_object_unref);
  g_clear_pointer (&request->response, json_object_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->context, json_node_unref);
  g_free (request);
}

/* Sends what was set on the message (when paused) and frees the request. */
static void
request_done (Request *request)
{
  if (request->paused && !request->gone)
    soup_server_message_unpause (request->msg);
  request_free (request);
}

static void
request_pause (Request *request)
{
  if (!request->paused)
    {
      soup_server_message_pause (request->msg);
      request->paused = TRUE;
    }
}

/* ── The execution's answer ───────────────────────────────────────────── */

static SyJob *
find_response_job (SyExecution *execution)
{
  for (guint i = 0; execution->jobs != NULL && i < execution->jobs->len; i++)
    {
      SyJob *job = g_ptr_array_index (execution->jobs, i);

      if (g_strcmp0 (job->node_type, "response") == 0 && job->status == SY_STATUS_RESOLVED &&
          job->result != NULL && JSON_NODE_HOLDS_OBJECT (job->result))
        return job;
    }

  return NULL;
}

static const char *
job_message (SyJob *job)
{
  if (job->result == NULL || !JSON_NODE_HOLDS_OBJECT (job->result))
    return NULL;

  return json_object_get_string_member_with_default (json_node_get_object (job->result), "message", NULL);
}

static void
answer_sync (SoupServerMessage *msg,
             SyExecution       *execution)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  SyJob *response_job;

  json_object_set_int_member (object, "execution", execution->id);

  switch (execution->status)
    {
    case SY_STATUS_RESOLVED:
      response_job = find_response_job (execution);
      if (response_job != NULL)
        {
          respond_configured (msg, json_node_get_object (response_job->result), 200, NULL);
          return;
        }
      json_object_set_string_member (object, "status", "resolved");
      json_object_set_member (object, "output", execution->output ? json_node_copy (execution->output)
                                                                  : json_node_new (JSON_NODE_NULL));
      node = sy_json_node_take_object (g_steal_pointer (&object));
      respond_node (msg, SOUP_STATUS_OK, node);
      return;

    case SY_STATUS_FAILED:
    case SY_STATUS_REJECTED:
      {
        g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
        JsonArray *messages = json_array_new ();

        /* What the workflow's response-message nodes said (NocoBase's
         * messages of a sync workflow), then why a node failed. */
        sy_execution_add_response_messages (execution, texts);
        for (guint i = 0; execution->jobs != NULL && i < execution->jobs->len; i++)
          {
            SyJob *job = g_ptr_array_index (execution->jobs, i);
            const char *message = job_message (job);

            if (message != NULL && (job->status == SY_STATUS_FAILED || job->status == SY_STATUS_REJECTED))
              g_ptr_array_add (texts, g_strdup (message));
          }
        for (guint i = 0; i < texts->len; i++)
          json_array_add_string_element (messages, g_ptr_array_index (texts, i));
        /* The spec's body says "failed" for both endings. */
        json_object_set_string_member (object, "status", "failed");
        json_object_set_array_member (object, "messages", messages);
        node = sy_json_node_take_object (g_steal_pointer (&object));
        respond_node (msg, SOUP_STATUS_BAD_REQUEST, node);
        return;
      }

    default:
      {
        const char *message = NULL;

        for (guint i = 0; execution->jobs != NULL && i < execution->jobs->len && message == NULL; i++)
          {
            SyJob *job = g_ptr_array_index (execution->jobs, i);

            if (job->status == SY_STATUS_ERROR || job->status == SY_STATUS_ABORTED)
              message = job_message (job);
          }
        if (g_strcmp0 (execution->reason, "timeout") == 0)
          message = _("the workflow did not finish within its time limit");
        else if (message == NULL)
          message = execution->reason;
        if (message == NULL)
          message = sy_status_to_string (execution->status, FALSE);

        json_object_set_string_member (object, "status", "error");
        json_object_set_string_member (object, "message", message);
        node = sy_json_node_take_object (g_steal_pointer (&object));
        respond_node (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, node);
        return;
      }
    }
}

static void
triggered (SyEngine     *engine,
           SyExecution  *execution,
           const GError *error,
           gpointer      data)
{
  Request *request = data;

  (void) engine;

  /* The engine stopped and answers from another thread: the server's
   * context no longer runs, so leave the message alone. */
  if (!g_main_context_is_owner (sy_engine_get_context (request->self->engine)))
    {
      request->gone = TRUE;
      request_free (request);
      return;
    }

  if (request->gone)
    ;
  else if (execution == NULL)
    respond_error (request->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                   error != NULL ? error->message : _("the execution could not start"));
  else if (request->sync)
    answer_sync (request->msg, execution);
  else
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) node = NULL;

      json_object_set_int_member (object, "execution", execution->id);
      node = sy_json_node_take_object (g_steal_pointer (&object));
      if (request->response != NULL)
        respond_configured (request->msg, request->response, SOUP_STATUS_ACCEPTED, node);
      else
        respond_node (request->msg, SOUP_STATUS_ACCEPTED, node);
    }

  request_done (request);
}

/* ── From request to execution ────────────────────────────────────────── */

/* One name or value of a URL-encoded form: "+" is a space, %XX a byte;
 * NULL for a broken escape. Always valid UTF-8. */
static char *
form_decode (const char *text,
             gssize      length)
{
  g_autofree char *plus = g_strndup (text, length < 0 ? strlen (text) : (gsize) length);
  g_autofree char *decoded = NULL;

  g_strdelimit (plus, "+", ' ');
  decoded = g_uri_unescape_string (plus, NULL);
  if (decoded == NULL)
    return NULL;

  return g_utf8_make_valid (decoded, -1);
}

/* A query or an application/x-www-form-urlencoded body as an object of
 * strings. A name given several times has the list of its values, and a
 * name without "=" the empty string, as NocoBase's (Node's) query parser
 * gives them; pairs with broken escapes are left out. */
static JsonNode *
object_from_form (const char *encoded)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_auto(GStrv) pairs = g_strsplit (encoded != NULL ? encoded : "", "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      JsonNode *previous;

      if (pairs[i][0] == '\0')
        continue;
      name = form_decode (pairs[i], equals != NULL ? equals - pairs[i] : -1);
      value = form_decode (equals != NULL ? equals + 1 : "", -1);
      if (name == NULL || value == NULL)
        continue;

      previous = json_object_get_member (object, name);
      if (previous == NULL)
        json_object_set_string_member (object, name, value);
      else if (JSON_NODE_HOLDS_ARRAY (previous))
        json_array_add_string_element (json_node_get_array (previous), value);
      else
        {
          JsonArray *values = json_array_new ();

          json_array_add_string_element (values, json_node_get_string (previous));
          json_array_add_string_element (values, value);
          json_object_set_array_member (object, name, values);
        }
    }

  return sy_json_node_take_object (g_steal_pointer (&object));
}

/* A text body as UTF-8: converted from the charset its type names; what
 * is not text in it becomes U+FFFD. */
static JsonNode *
text_node (SoupMessageHeaders *headers,
           const char         *data,
           gsize               size)
{
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *converted = NULL;
  g_autofree char *text = NULL;
  gsize converted_size = 0;
  const char *charset;

  soup_message_headers_get_content_type (headers, &params);
  charset = params != NULL ? g_hash_table_lookup (params, "charset") : NULL;
  if (charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0 && g_ascii_strcasecmp (charset, "utf8") != 0)
    converted = g_convert (data, (gssize) size, "UTF-8", charset, NULL, &converted_size, NULL);

  text = converted != NULL ? g_utf8_make_valid (converted, (gssize) converted_size)
                           : g_utf8_make_valid (data, (gssize) size);
  return json_node_init_string (json_node_alloc (), text);
}

/* $context.body by content type; FALSE with `error_text` for invalid JSON. */
static JsonNode *
parse_body (SoupMessageHeaders  *headers,
            GBytes              *body,
            char               **error_text)
{
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  if (type == NULL && size == 0)
    return json_node_new (JSON_NODE_NULL);

  if (type != NULL && g_ascii_strcasecmp (type, "application/json") == 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      unsigned line = 1, column = 1;

      if (size == 0)
        return json_node_new (JSON_NODE_NULL);
      if (!json_parser_load_from_data (parser, data, (gssize) size, &error))
        {
          /* json-glib says "<data>:LINE:COLUMN: Parse error: …". */
          if (sscanf (error->message, "<data>:%u:%u", &line, &column) != 2)
            line = column = 1;
          *error_text = g_strdup_printf ("invalid JSON at line %u column %u", line, column);
          return NULL;
        }
      return json_parser_get_root (parser) ? json_node_copy (json_parser_get_root (parser))
                                           : json_node_new (JSON_NODE_NULL);
    }

  if (type != NULL && g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0)
    {
      g_autofree char *text = g_strndup (data, size);

      return object_from_form (text);
    }

  if (type != NULL && g_ascii_strncasecmp (type, "text/", 5) == 0)
    return text_node (headers, data, size);

  {
    g_autoptr(JsonObject) object = json_object_new ();

    json_object_set_int_member (object, "size", (gint64) size);
    json_object_set_string_member (object, "content_type", type != NULL ? type : "application/octet-stream");
    return sy_json_node_take_object (g_steal_pointer (&object));
  }
}

static void
dispatch (Request *request)
{
  SyWebhookServer *self = request->self;
  SoupServerMessage *msg = request->msg;
  guint limit = get_queue_limit (self);

  if (request->gone)
    {
      request_done (request);
      return;
    }

  if (self->in_flight + _sy_engine_get_queue_length (self->engine) >= limit)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "1");
      respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, _("too many executions are waiting to run"));
      request_done (request);
      return;
    }

  request_pause (request);
  request->counted = TRUE;
  self->in_flight++;
  sy_engine_trigger (self->engine, request->version_id, request->context, NULL, triggered, request);
}

/* An authenticated request: its $context, then the execution; 400 for
 * invalid JSON. */
static void
accept_request (Request *request)
{
  SoupServerMessage *msg = request->msg;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(JsonObject) context = NULL;
  g_autofree char *error_text = NULL;
  JsonNode *parsed;

  if (request->gone)
    {
      request_done (request);
      return;
    }

  parsed = parse_body (headers, request->body, &error_text);
  if (parsed == NULL)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, error_text);
      request_done (request);
      return;
    }

  context = json_object_new ();
  json_object_set_string_member (context, "method", soup_server_message_get_method (msg));
  json_object_set_string_member (context, "path", g_uri_get_path (uri));
  json_object_set_object_member (context, "headers", sy_http_headers_to_json (headers));
  json_object_set_member (context, "query", object_from_form (g_uri_get_query (uri)));
  json_object_set_member (context, "body", parsed);
  json_object_set_string_member (context, "remote", soup_server_message_get_remote_host (msg));
  request->context = sy_json_node_take_object (g_steal_pointer (&context));

  dispatch (request);
}

/* ── Authentication ───────────────────────────────────────────────────── */

static const char *
auth_string (JsonObject *auth,
             const char *member,
             const char *fallback)
{
  JsonNode *node = auth != NULL ? json_object_get_member (auth, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;

  return json_node_get_string (node);
}

static gboolean
check_basic (const char *authorization,
             const char *user,
             SySecret   *secret)
{
  g_autofree guchar *decoded = NULL;
  const char *colon;
  gsize length = 0;
  gboolean user_ok, password_ok;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Basic ", 6) != 0)
    return FALSE;

  decoded = g_base64_decode (authorization + 6, &length);
  colon = decoded != NULL ? memchr (decoded, ':', length) : NULL;
  if (colon == NULL)
    return FALSE;

  /* Both compared every time: no hint which one was wrong. */
  user_ok = sy_secrets_equal ((const char *) decoded, colon - (const char *) decoded,
                              user, strlen (user));
  password_ok = sy_secrets_equal (colon + 1, length - (gsize) (colon + 1 - (const char *) decoded),
                                  secret->value, strlen (secret->value));
  explicit_bzero (decoded, length);

  return user_ok & password_ok;
}

static gboolean
check_bearer (const char *authorization,
              SySecret   *secret)
{
  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return FALSE;

  return sy_secrets_equal (authorization + 7, strlen (authorization + 7),
                           secret->value, strlen (secret->value));
}

static gboolean
check_hmac (const char *signature,
            GBytes     *body,
            SySecret   *secret)
{
  g_autofree char *expected = NULL;
  g_autofree char *given = NULL;
  gsize size = 0;
  const guchar *data = g_bytes_get_data (body, &size);

  if (signature == NULL)
    return FALSE;

  expected = g_compute_hmac_for_data (G_CHECKSUM_SHA256, (const guchar *) secret->value,
                                      strlen (secret->value), data, size);
  given = g_ascii_strdown (signature, -1);

  return g_str_has_prefix (given, "sha256=") &&
         sy_secrets_equal (given + 7, strlen (given + 7), expected, strlen (expected));
}

static void
respond_unauthorized (Request *request)
{
  const char *type = auth_string (request->auth, "type", "none");

  if (g_str_equal (type, "basic"))
    soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                  "WWW-Authenticate", "Basic realm=\"Switchyard\"");
  respond_error (request->msg, SOUP_STATUS_UNAUTHORIZED, _("authentication failed"));
  request_done (request);
}

static void
secret_found (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Request *request = data;
  g_autoptr(SySecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *type;
  gboolean ok = FALSE;

  (void) source;
  secret = sy_secrets_lookup_finish (result, &error);
  if (request->gone)
    {
      request_done (request);
      return;
    }
  if (secret == NULL)
    {
      /* The caller learns nothing; the owner reads why in the log. */
      g_message ("Webhook authentication cannot be checked: %s", error->message);
      respond_unauthorized (request);
      return;
    }

  headers = soup_server_message_get_request_headers (request->msg);
  type = auth_string (request->auth, "type", "none");
  if (g_str_equal (type, "basic"))
    ok = check_basic (soup_message_headers_get_one (headers, "Authorization"),
                      auth_string (request->auth, "user", ""), secret);
  else if (g_str_equal (type, "bearer"))
    ok = check_bearer (soup_message_headers_get_one (headers, "Authorization"), secret);
  else if (g_str_equal (type, "hmac-sha256"))
    ok = check_hmac (soup_message_headers_get_one (headers, auth_string (request->auth, "header",
                                                                                    "X-Signature-256")),
                     request->body, secret);

  if (!ok)
    respond_unauthorized (request);
  else
    accept_request (request);
}

/* ── The handlers ─────────────────────────────────────────────────────── */

/* "/hooks/<key>[/…]" → key, or NULL. */
static char *
key_from_path (const char *path)
{
  const char *start, *end;

  if (!g_str_has_prefix (path, HOOKS_PREFIX "/"))
    return NULL;

  start = path + strlen (HOOKS_PREFIX "/");
  end = strchr (start, '/');
  if (end == start || *start == '\0')
    return NULL;

  return g_uri_unescape_segment (start, end, NULL);
}

/* 404, 405 or 413 when the headers already say so; FALSE when answered. */
static gboolean
check_headers (SyWebhookServer   *self,
               SoupServerMessage *msg,
               Route            **route_out)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *key = key_from_path (path);
  goffset length;
  Route *route;

  route = key != NULL ? g_hash_table_lookup (self->routes, key) : NULL;
  if (route == NULL)
    {
      g_autofree char *text = key != NULL
                              ? g_strdup_printf (_("no enabled webhook workflow has the key “%s”"), key)
                              : g_strdup (_("use /hooks/<workflow key>"));

      respond_error (msg, SOUP_STATUS_NOT_FOUND, text);
      return FALSE;
    }

  if (!g_strv_contains ((const char * const *) route->methods, method))
    {
      g_autofree char *allow = g_strjoinv (", ", route->methods);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
      respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("method not allowed"));
      return FALSE;
    }

  length = soup_message_headers_get_content_length (soup_server_message_get_request_headers (msg));
  if (length > 0 && (guint64) length > sy_webhook_server_get_body_limit (self))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
      /* The body is not read: the connection cannot be reused. */
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      return FALSE;
    }

  if (route_out != NULL)
    *route_out = route;
  return TRUE;
}

/* Before the body is read: refuse what can be refused without it. */
static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           data)
{
  (void) server;
  (void) path;
  (void) query;
  check_headers (data, msg, NULL);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  SyWebhookServer *self = data;
  g_autoptr(GBytes) body = NULL;
  Request *request;
  Route *route = NULL;
  const char *type;

  (void) server;
  (void) path;
  (void) query; /* a table: it loses repeated names */
  if (!check_headers (self, msg, &route))
    return;

  /* Chunked bodies have no Content-Length to refuse early. */
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (g_bytes_get_size (body) > sy_webhook_server_get_body_limit (self))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
      return;
    }

  request = request_new (self, msg, route, body);

  /* Authentication comes before the body is read: a caller who fails it
   * learns nothing, not even whether the JSON was valid. */
  type = auth_string (route->auth, "type", "none");
  if (g_str_equal (type, "none"))
    {
      g_autofree char *address = sy_webhook_server_dup_address (self);

      /* Open to the network: an unauthenticated hook would be open to anyone. */
      if (!is_loopback (address))
        {
          if (!self->warned_open)
            g_message ("Webhook “%s” has no authentication and the server listens on %s: refused",
                       route->key, address);
          self->warned_open = TRUE;
          respond_unauthorized (request);
          return;
        }
      accept_request (request);
      return;
    }

  request_pause (request);
  sy_secrets_lookup_async (auth_string (route->auth, "secret", ""), NULL, secret_found, request);
}

/* ── Listening ────────────────────────────────────────────────────────── */

static void
listen_now (SyWebhookServer *self)
{
  g_autofree char *address = sy_webhook_server_dup_address (self);
  guint port = sy_webhook_server_get_configured_port (self);
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *text = NULL;
  guint bound = port;

  /* Only while a workflow has a route, and when serving at all. */
  if (!sy_webhook_server_get_serve (self))
    set_error (self, NULL);
  if (self->server != NULL || g_hash_table_size (self->routes) == 0 || !sy_webhook_server_get_serve (self))
    return;

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL && g_str_equal (address, "localhost"))
    inet = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  if (inet == NULL)
    {
      text = g_strdup_printf (_("cannot listen on “%s”: not an IP address"), address);
      g_message ("Webhook server: %s", text);
      set_error (self, text);
      return;
    }

  server = soup_server_new ("server-header", PACKAGE_NAME " ", NULL);
  /* Every path: outside /hooks/ the answer is a 404 with its JSON error too. */
  soup_server_add_early_handler (server, NULL, early_handler, self, NULL);
  soup_server_add_handler (server, NULL, handler, self, NULL);

  socket_address = g_inet_socket_address_new (inet, (guint16) port);
  if (!soup_server_listen (server, socket_address, 0, &error))
    {
      text = g_strdup_printf (_("could not listen on %s:%u: %s"), address, port, error->message);
      g_message ("Webhook server: %s", text);
      set_error (self, text);
      return;
    }

  uris = soup_server_get_uris (server);
  if (uris != NULL)
    bound = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  self->server = g_steal_pointer (&server);
  self->warned_open = FALSE;
  g_atomic_int_set (&self->bound_port, bound);
  set_error (self, NULL);
  g_message ("Webhook server listening on http://%s%s%s:%u" HOOKS_PREFIX "/",
             strchr (address, ':') ? "[" : "", address, strchr (address, ':') ? "]" : "", bound);
}

static char **
accepted_methods (JsonObject *config)
{
  JsonNode *node = json_object_get_member (config, "methods");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_strv_builder_add (builder, "POST");
      return g_strv_builder_end (builder);
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        {
          g_autofree char *method = g_ascii_strup (json_node_get_string (element), -1);

          g_strv_builder_add (builder, method);
        }
    }

  return g_strv_builder_end (builder);
}

gboolean
sy_webhook_server_add_route (SyWebhookServer *self,
                             SyWorkflow      *workflow,
                             GError         **error)
{
  JsonObject *config = sy_workflow_get_trigger_config (workflow);
  JsonNode *auth = json_object_get_member (config, "auth");
  JsonNode *response = json_object_get_member (config, "response");
  Route *route;

  if (sy_workflow_get_key (workflow) == NULL)
    {
      g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID, _("the workflow has no key"));
      return FALSE;
    }

  route = g_new0 (Route, 1);
  route->key = g_strdup (sy_workflow_get_key (workflow));
  route->version_id = sy_workflow_get_version_id (workflow);
  route->sync = sy_workflow_get_sync (workflow);
  route->methods = accepted_methods (config);
  route->auth = auth != NULL && JSON_NODE_HOLDS_OBJECT (auth)
                ? sy_json_object_deep_copy (json_node_get_object (auth)) : NULL;
  route->response = response != NULL && JSON_NODE_HOLDS_OBJECT (response)
                    ? sy_json_object_deep_copy (json_node_get_object (response)) : NULL;
  g_hash_table_replace (self->routes, route->key, route);

  /* A port conflict is the server's problem, shown by the engine's
   * webhook-error property; the workflow itself is fine. */
  listen_now (self);

  return TRUE;
}

void
sy_webhook_server_remove_route (SyWebhookServer *self,
                                const char      *key,
                                gint64           version_id)
{
  Route *route = g_hash_table_lookup (self->routes, key);

  if (route != NULL && route->version_id == version_id)
    g_hash_table_remove (self->routes, key);

  if (g_hash_table_size (self->routes) == 0)
    stop_listening (self);
}

/* ── GObject ──────────────────────────────────────────────────────────── */

static void
sy_webhook_server_finalize (GObject *object)
{
  SyWebhookServer *self = SY_WEBHOOK_SERVER (object);

  g_clear_object (&self->server);
  g_weak_ref_clear (&self->engine_ref);
  g_clear_pointer (&self->routes, g_hash_table_unref);
  g_clear_pointer (&self->owner_context, g_main_context_unref);
  g_free (self->address);
  g_free (self->error);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (sy_webhook_server_parent_class)->finalize (object);
}

static void
sy_webhook_server_class_init (SyWebhookServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_webhook_server_finalize;
}

static void
sy_webhook_server_init (SyWebhookServer *self)
{
  g_mutex_init (&self->mutex);
  self->port = SY_WEBHOOK_DEFAULT_PORT;
  self->address = g_strdup (SY_WEBHOOK_DEFAULT_ADDRESS);
  self->body_limit = SY_WEBHOOK_DEFAULT_BODY_LIMIT;
  self->queue_limit = SY_WEBHOOK_DEFAULT_QUEUE_LIMIT;
  self->serve = TRUE;
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) route_free);
}

SyWebhookServer *
sy_webhook_server_new (SyEngine *engine)
{
  SyWebhookServer *self = g_object_new (SY_TYPE_WEBHOOK_SERVER, NULL);

  self->engine = engine;
  g_weak_ref_init (&self->engine_ref, engine);
  self->owner_context = g_main_context_ref_thread_default ();

  return self;
}
