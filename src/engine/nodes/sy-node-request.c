/* sy-node-request.c — an HTTP request (NocoBase's `request` node)
 *
 * `run` checks the config, builds the request and waits; the request is
 * sent after the pending job is committed, asynchronously on the engine's
 * main context (other executions go on meanwhile), and the job is resumed
 * with {"response": …} or {"error": …, "code": …}. A stored credential is
 * read from the keyring only then, so its value never reaches the job.
 * Requests are not idempotent: a restart while one is in flight ends the
 * job with the engine's "stopped while running" error instead of sending
 * it again. Stopping the engine cancels the request (the execution's
 * cancellable) and leaves the job pending for that recovery.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "sy-engine-private.h"
#include "sy-http-client.h"
#include "sy-json.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"
#include "sy-secrets.h"

#define DEFAULT_TIMEOUT_MS        5000
#define DEFAULT_MAX_RESPONSE_SIZE (10 * 1024 * 1024)

static const char * const methods[] = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", NULL };
static const char * const content_types[] = {
  "application/json", "application/x-www-form-urlencoded", "multipart/form-data",
  "application/xml", "text/plain", NULL
};
static const char * const content_type_labels[] = {
  N_("JSON"), N_("Form (URL-encoded)"), N_("Form with files (multipart)"), N_("XML"), N_("Plain text"), NULL
};

static const SyFieldSpec fields[] = {
  { "method", N_("Method"), SY_FIELD_CHOICE, NULL,
    NULL, methods, methods, "\"POST\"", TRUE, FALSE, NULL },
  { "url", N_("URL"), SY_FIELD_TEXT, N_("An http or https address."),
    NULL, NULL, NULL, NULL, TRUE, TRUE, NULL },
  { "params", N_("Query parameters"), SY_FIELD_KEY_VALUES, NULL,
    NULL, NULL, NULL, "[]", FALSE, TRUE, NULL },
  { "headers", N_("Headers"), SY_FIELD_KEY_VALUES,
    N_("Content-Type is set from the body type."),
    NULL, NULL, NULL, "[]", FALSE, TRUE, NULL },
  { "credential", N_("Credential"), SY_FIELD_TEXT,
    N_("Name of a stored credential (Preferences › Credentials): a bearer token, a user and password, "
       "or an API key header. Without a keyring, the environment variable SWITCHYARD_SECRET_<NAME> is read."),
    NULL, NULL, NULL, NULL, FALSE, FALSE, NULL },
  { "contentType", N_("Body type"), SY_FIELD_CHOICE, NULL,
    NULL, content_types, content_type_labels, "\"application/json\"", FALSE, FALSE, NULL },
  { "data", N_("Body"), SY_FIELD_JSON,
    N_("JSON: any value, variables keep their types. Forms: a list of {name, value} rows "
       "(multipart also {name, file} with a file path). XML and text: the text."),
    "json", NULL, NULL, NULL, FALSE, TRUE, NULL },
  { "timeout", N_("Time limit (ms)"), SY_FIELD_INTEGER,
    N_("The job is aborted when the whole exchange takes longer."),
    NULL, NULL, NULL, "5000", FALSE, FALSE, NULL },
  { "maxResponseSize", N_("Response size limit (bytes)"), SY_FIELD_INTEGER, NULL,
    NULL, NULL, NULL, "10485760", FALSE, FALSE, NULL },
  { "ignoreFail", N_("Ignore failure"), SY_FIELD_SWITCH,
    N_("Continue even when the request fails or the status is not 2xx."),
    NULL, NULL, NULL, "false", FALSE, FALSE, NULL },
  { "onlyData", N_("Only the response body"), SY_FIELD_SWITCH,
    N_("The result is the body alone instead of {status, statusText, headers, data}."),
    NULL, NULL, NULL, "false", FALSE, FALSE, NULL },
  { NULL },
};

/* ── Checking the config ──────────────────────────────────────────────── */

static gboolean
holds_placeholder (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING &&
         strstr (json_node_get_string (node), "{{") != NULL;
}

/* The spec's rule for `url`: http:// or https:// (any case), unless a
 * placeholder gives the whole beginning. Empty is left to the URL check. */
static gboolean
starts_with_scheme (const char *url)
{
  return *url == '\0' || g_str_has_prefix (url, "{{") ||
         g_ascii_strncasecmp (url, "http://", strlen ("http://")) == 0 ||
         g_ascii_strncasecmp (url, "https://", strlen ("https://")) == 0;
}

/* A scalar as text; NULL for arrays, objects and null. */
static char *
scalar_to_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  return json_to_string (node, FALSE);
}

/* `member` as a list of {name, value} (an object is read as name → value).
 * Appends name, value pairs to `pairs`; files (multipart) when `files`. */
static gboolean
get_pairs (JsonObject  *config,
           const char  *member,
           gboolean     files,
           GPtrArray   *pairs,
           GError     **error)
{
  JsonNode *node = json_object_get_member (config, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        {
          g_ptr_array_add (pairs, g_strdup (name));
          g_ptr_array_add (pairs, JSON_NODE_HOLDS_VALUE (value) ? scalar_to_text (value)
                                                                : json_to_string (value, FALSE));
        }
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s must be a list of {name, value}"), member);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *row = json_array_get_element (json_node_get_array (node), i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (row) ? json_node_get_object (row) : NULL;
      const char *name = object != NULL ? sy_object_get_string (object, "name", NULL) : NULL;
      JsonNode *value;

      if (name == NULL || name[0] == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("%s[%u] needs a name"), member, i);
          return FALSE;
        }

      /* A file row's name gets a \001 prefix, which multipart_body() looks for. */
      if (files && json_object_has_member (object, "file"))
        {
          g_autofree char *path = scalar_to_text (json_object_get_member (object, "file"));

          if (path == NULL || path[0] == '\0')
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("%s[%u].file must be a file path"), member, i);
              return FALSE;
            }
          g_ptr_array_add (pairs, g_strdup_printf ("\001%s", name));
          g_ptr_array_add (pairs, g_steal_pointer (&path));
          continue;
        }

      value = json_object_get_member (object, "value");
      g_ptr_array_add (pairs, g_strdup (name));
      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        g_ptr_array_add (pairs, g_strdup (""));
      else if (JSON_NODE_HOLDS_VALUE (value))
        g_ptr_array_add (pairs, scalar_to_text (value));
      else
        g_ptr_array_add (pairs, json_to_string (value, FALSE));
    }

  return TRUE;
}

static void
check_positive (JsonObject   *config,
                const char   *member,
                SyValidation *validation)
{
  JsonNode *node = json_object_get_member (config, member);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
       json_node_get_int (node) < 1))
    sy_validation_add (validation, member, _("must be a whole number of at least 1"));
}

static void
request_validate (SyNode       *node,
                  SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);
  JsonNode *url = json_object_get_member (config, "url");
  const char *content_type;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  sy_validation_push (validation, "config");

  sy_check_choice (config, "method", methods, "POST", validation);
  content_type = sy_check_choice (config, "contentType", content_types, "application/json", validation);

  if (url == NULL || JSON_NODE_HOLDS_NULL (url))
    sy_validation_add (validation, "url", _("required"));
  else if (!JSON_NODE_HOLDS_VALUE (url) || json_node_get_value_type (url) != G_TYPE_STRING)
    sy_validation_add (validation, "url", _("must be text"));
  else if (!starts_with_scheme (json_node_get_string (url)))
    sy_validation_add (validation, "url", _("must start with http:// or https://"));
  else if (!holds_placeholder (url) && !sy_http_check_url (json_node_get_string (url), &error))
    sy_validation_add (validation, "url", "%s", error->message);
  g_clear_error (&error);

  if (!get_pairs (config, "params", FALSE, pairs, &error))
    sy_validation_add (validation, "params", "%s", error->message);
  g_clear_error (&error);
  if (!get_pairs (config, "headers", FALSE, pairs, &error))
    sy_validation_add (validation, "headers", "%s", error->message);
  g_clear_error (&error);

  if (g_strcmp0 (content_type, "application/x-www-form-urlencoded") == 0 ||
      g_strcmp0 (content_type, "multipart/form-data") == 0)
    {
      if (!get_pairs (config, "data", g_str_equal (content_type, "multipart/form-data"), pairs, &error))
        sy_validation_add (validation, "data", "%s", error->message);
      g_clear_error (&error);
    }

  if (json_object_has_member (config, "credential") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (config, "credential")) &&
      sy_node_config_string (node, "credential", NULL) == NULL)
    sy_validation_add (validation, "credential", _("must be the name of a stored credential"));

  check_positive (config, "timeout", validation);
  check_positive (config, "maxResponseSize", validation);
  sy_check_boolean (config, "ignoreFail", validation);
  sy_check_boolean (config, "onlyData", validation);

  sy_validation_pop (validation);
}

/* ── Building the request ─────────────────────────────────────────────── */

static char *
url_with_params (const char  *url,
                 GPtrArray   *params)
{
  GString *text;
  const char *fragment;
  gboolean has_query;

  if (params->len == 0)
    return g_strdup (url);

  fragment = strchr (url, '#');
  text = g_string_new_len (url, fragment != NULL ? fragment - url : (gssize) strlen (url));
  has_query = strchr (text->str, '?') != NULL;

  for (guint i = 0; i + 1 < params->len; i += 2)
    {
      g_string_append_c (text, has_query ? '&' : '?');
      has_query = TRUE;
      g_string_append_uri_escaped (text, g_ptr_array_index (params, i), NULL, FALSE);
      g_string_append_c (text, '=');
      g_string_append_uri_escaped (text, g_ptr_array_index (params, i + 1), NULL, FALSE);
    }
  if (fragment != NULL)
    g_string_append (text, fragment);

  return g_string_free (text, FALSE);
}

static GBytes *
form_body (GPtrArray *pairs)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      if (i > 0)
        g_string_append_c (text, '&');
      g_string_append_uri_escaped (text, g_ptr_array_index (pairs, i), NULL, FALSE);
      g_string_append_c (text, '=');
      g_string_append_uri_escaped (text, g_ptr_array_index (pairs, i + 1), NULL, FALSE);
    }

  return g_string_free_to_bytes (text);
}

static GBytes *
multipart_body (GPtrArray  *pairs,
                char      **content_type,
                GError    **error)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  GBytes *body = NULL;

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      const char *name = g_ptr_array_index (pairs, i);
      const char *value = g_ptr_array_index (pairs, i + 1);

      if (name[0] == '\001')
        {
          g_autofree char *contents = NULL;
          g_autofree char *basename = g_path_get_basename (value);
          g_autofree char *guessed = NULL;
          g_autofree char *type = NULL;
          g_autoptr(GBytes) bytes = NULL;
          gsize length;

          /* Small files are the use case; read when the job runs. */
          if (!g_file_get_contents (value, &contents, &length, error))
            return NULL;
          guessed = g_content_type_guess (value, (const guchar *) contents, length, NULL);
          type = g_content_type_get_mime_type (guessed);
          if (type == NULL)
            type = g_strdup ("application/octet-stream");
          bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
          soup_multipart_append_form_file (multipart, name + 1, basename, type, bytes);
        }
      else
        soup_multipart_append_form_string (multipart, name, value);
    }

  soup_multipart_to_message (multipart, headers, &body);
  *content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));

  return body;
}

/* The body for `content_type` from the resolved config's `data`. */
static gboolean
build_body (SyHttpRequest *request,
            JsonObject    *config,
            const char    *content_type,
            GError       **error)
{
  JsonNode *data = json_object_get_member (config, "data");
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);

  /* GET and HEAD send no body. */
  if (data == NULL || JSON_NODE_HOLDS_NULL (data) ||
      g_str_equal (request->method, "GET") || g_str_equal (request->method, "HEAD"))
    return TRUE;

  if (g_str_equal (content_type, "application/x-www-form-urlencoded"))
    {
      if (!get_pairs (config, "data", FALSE, pairs, error))
        return FALSE;
      request->body = form_body (pairs);
      request->content_type = g_strdup (content_type);
    }
  else if (g_str_equal (content_type, "multipart/form-data"))
    {
      if (!get_pairs (config, "data", TRUE, pairs, error))
        return FALSE;
      request->body = multipart_body (pairs, &request->content_type, error);
      if (request->body == NULL)
        return FALSE;
    }
  else if (g_str_equal (content_type, "application/json"))
    {
      /* Placeholders were resolved with their types: serialise the tree. */
      g_autofree char *text = json_to_string (data, FALSE);
      gsize length = strlen (text);

      request->body = g_bytes_new_take (g_steal_pointer (&text), length);
      request->content_type = g_strdup (content_type);
    }
  else
    {
      g_autofree char *text = JSON_NODE_HOLDS_VALUE (data) ? scalar_to_text (data) : json_to_string (data, FALSE);
      gsize length = strlen (text);

      request->body = g_bytes_new_take (g_steal_pointer (&text), length);
      request->content_type = g_strdup_printf ("%s; charset=utf-8", content_type);
    }

  return TRUE;
}

/* ── Sending (engine thread, after commit) ────────────────────────────── */

typedef struct
{
  SyEngine      *engine;
  gint64         job_id;
  SyHttpRequest *request;
  char          *credential;
  GCancellable  *cancellable; /* the execution's */
} Pending;

static void
pending_free (Pending *self)
{
  g_clear_object (&self->engine);
  g_clear_pointer (&self->request, sy_http_request_free);
  g_free (self->credential);
  g_clear_object (&self->cancellable);
  g_free (self);
}

static const char *
error_code (const GError *error)
{
  if (error->domain == SY_HTTP_ERROR)
    switch ((SyHttpError) error->code)
      {
      case SY_HTTP_ERROR_TIMED_OUT:
        return "timeout";
      case SY_HTTP_ERROR_TOO_LARGE:
        return "too_large";
      case SY_HTTP_ERROR_TOO_MANY_REDIRECTS:
        return "redirects";
      case SY_HTTP_ERROR_INVALID_URL:
        return "invalid_url";
      case SY_HTTP_ERROR_CONNECTION:
      default:
        return "connection";
      }
  if (error->domain == SY_SECRETS_ERROR)
    return "credential";
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";

  return "failed";
}

static void
pending_resume (Pending      *self,
                JsonNode     *response,
                const GError *error)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  if (error != NULL)
    {
      json_object_set_string_member (payload, "error", error->message);
      json_object_set_string_member (payload, "code", error_code (error));
    }
  else
    json_object_set_member (payload, "response", response);

  node = sy_json_node_take_object (g_steal_pointer (&payload));
  sy_engine_resume_job (self->engine, self->job_id, node);
  _sy_engine_end_operation (self->engine);
  pending_free (self);
}

static void
request_sent (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Pending *self = data;
  g_autoptr(SyHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  (void) source;
  response = sy_http_client_send_finish (result, &error);
  if (response == NULL)
    {
      pending_resume (self, NULL, error);
      return;
    }

  object = json_object_new ();
  json_object_set_int_member (object, "status", response->status);
  json_object_set_string_member (object, "statusText", response->status_text ? response->status_text : "");
  json_object_set_object_member (object, "headers", json_object_ref (response->headers));
  json_object_set_member (object, "data", json_node_ref (response->data));
  pending_resume (self, sy_json_node_take_object (g_steal_pointer (&object)), NULL);
}

static void
send (Pending *self)
{
  SyHttpRequest *request = g_steal_pointer (&self->request);

  sy_http_client_send_async (request, self->cancellable, request_sent, self);
}

static void
credential_found (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  Pending *self = data;
  g_autoptr(SySecret) secret = NULL;
  g_autoptr(GError) error = NULL;

  (void) source;
  secret = sy_secrets_lookup_finish (result, &error);
  if (secret == NULL)
    {
      pending_resume (self, NULL, error);
      return;
    }

  if (g_str_equal (secret->kind, "basic"))
    {
      g_autofree char *pair = g_strdup_printf ("%s:%s", secret->user ? secret->user : "", secret->value);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *header = g_strdup_printf ("Basic %s", encoded);

      sy_http_request_add_header (self->request, "Authorization", header);
      explicit_bzero (pair, strlen (pair));
      explicit_bzero (header, strlen (header));
    }
  else if (g_str_equal (secret->kind, "api-key"))
    sy_http_request_add_header (self->request, secret->header ? secret->header : "X-API-Key", secret->value);
  else
    {
      g_autofree char *header = g_strdup_printf ("Bearer %s", secret->value);

      sy_http_request_add_header (self->request, "Authorization", header);
      explicit_bzero (header, strlen (header));
    }

  send (self);
}

/* The after-commit data: the request moves out of it when it starts, so
 * whatever is left belongs to a pump whose commit failed. */
typedef struct
{
  Pending *pending;
} Start;

static void
start_free (gpointer data)
{
  Start *start = data;

  g_clear_pointer (&start->pending, pending_free);
  g_free (start);
}

static void
request_start (SyEngine *engine,
               gint64    execution_id,
               gint64    job_id,
               gpointer  data)
{
  Pending *self = g_steal_pointer (&((Start *) data)->pending);

  (void) execution_id;
  self->engine = g_object_ref (engine);
  self->job_id = job_id;
  _sy_engine_begin_operation (engine);

  if (self->credential != NULL)
    sy_secrets_lookup_async (self->credential, self->cancellable, credential_found, self);
  else
    send (self);
}

/* ── The node ─────────────────────────────────────────────────────────── */

static SyStep
request_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  g_autoptr(SyHttpRequest) request = NULL;
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *url = NULL;
  const char *method, *content_type, *credential;
  gint64 timeout, max_size;
  Pending *pending;
  Start *start;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  method = sy_run_get_string (run, "method", "POST");
  if (!g_strv_contains (methods, method))
    return sy_run_error (run, _("method must be one of GET, POST, PUT, PATCH, DELETE, HEAD (not “%s”)"), method);
  content_type = sy_run_get_string (run, "contentType", "application/json");
  if (!g_strv_contains (content_types, content_type))
    return sy_run_error (run, _("“%s” is not a supported body type"), content_type);

  if (!sy_http_check_url (sy_run_get_string (run, "url", NULL), &error))
    return sy_run_error_from_gerror (run, error);
  if (!get_pairs (config, "params", FALSE, params, &error) ||
      !get_pairs (config, "headers", FALSE, headers, &error))
    return sy_run_error_from_gerror (run, error);

  timeout = sy_run_get_int (run, "timeout", DEFAULT_TIMEOUT_MS);
  max_size = sy_run_get_int (run, "maxResponseSize", DEFAULT_MAX_RESPONSE_SIZE);
  if (timeout < 1 || timeout > G_MAXUINT || max_size < 1)
    return sy_run_error (run, _("timeout and maxResponseSize must be at least 1"));

  url = url_with_params (sy_run_get_string (run, "url", NULL), params);
  request = sy_http_request_new (method, url);
  request->timeout_ms = (guint) timeout;
  request->max_response_size = (gsize) max_size;
  for (guint i = 0; i + 1 < headers->len; i += 2)
    {
      /* The body type decides the Content-Type (as in NocoBase). */
      if (g_ascii_strcasecmp (g_ptr_array_index (headers, i), "Content-Type") != 0)
        sy_http_request_add_header (request, g_ptr_array_index (headers, i),
                                    g_ptr_array_index (headers, i + 1));
    }
  if (!build_body (request, config, content_type, &error))
    return sy_run_error (run, _("the body could not be built: %s"), error->message);

  credential = sy_run_get_string (run, "credential", NULL);

  sy_run_append_log (run, "%s %s", method, url);
  pending = g_new0 (Pending, 1);
  pending->request = g_steal_pointer (&request);
  pending->credential = credential != NULL && credential[0] != '\0' ? g_strdup (credential) : NULL;
  pending->cancellable = g_object_ref (sy_run_get_cancellable (run));
  start = g_new0 (Start, 1);
  start->pending = pending;
  sy_run_after_commit (run, request_start, start, start_free);

  return sy_run_wait (run);
}

static SyStep
finish_failure (SyRun      *run,
                SyStatus    status,
                JsonObject *result)
{
  sy_run_append_log (run, "%s", json_object_get_string_member_with_default (result, "message", ""));
  if (sy_run_get_boolean (run, "ignoreFail", FALSE))
    status = SY_STATUS_RESOLVED;

  return sy_run_finish (run, status, sy_json_node_take_object (json_object_ref (result)));
}

static SyStep
request_resume (SyRun    *run,
                JsonNode *payload)
{
  JsonObject *object = payload && JSON_NODE_HOLDS_OBJECT (payload) ? json_node_get_object (payload) : NULL;
  JsonNode *response_node;
  JsonObject *response;
  const char *message;
  gint64 status;

  if (object == NULL)
    return sy_run_error (run, _("the request ended without a report"));

  message = sy_object_get_string (object, "error", NULL);
  if (message != NULL)
    {
      g_autoptr(JsonObject) result = json_object_new ();
      const char *code = sy_object_get_string (object, "code", "failed");

      json_object_set_string_member (result, "message", message);
      json_object_set_string_member (result, "code", code);
      return finish_failure (run, g_str_equal (code, "timeout") ? SY_STATUS_ABORTED : SY_STATUS_FAILED,
                             result);
    }

  response_node = json_object_get_member (object, "response");
  if (response_node == NULL || !JSON_NODE_HOLDS_OBJECT (response_node))
    return sy_run_error (run, _("the request ended without a response"));
  response = json_node_get_object (response_node);
  status = json_object_get_int_member_with_default (response, "status", 0);
  sy_run_append_log (run, "→ %" G_GINT64_FORMAT " %s", status,
                     json_object_get_string_member_with_default (response, "statusText", ""));

  if (status < 200 || status > 299)
    {
      g_autoptr(JsonObject) result = sy_json_object_deep_copy (response);
      g_autofree char *code = g_strdup_printf ("%" G_GINT64_FORMAT, status);
      g_autofree char *text = g_strdup_printf (_("the server answered %s %s"), code,
                                               json_object_get_string_member_with_default (response, "statusText", ""));

      json_object_set_string_member (result, "message", g_strchomp (text));
      return finish_failure (run, SY_STATUS_FAILED, result);
    }

  if (sy_run_get_boolean (run, "onlyData", FALSE))
    return sy_run_resolve (run, json_node_copy (json_object_get_member (response, "data")));

  return sy_run_resolve (run, json_node_copy (response_node));
}

static const SyNodeKind kind = {
  .type = "request",
  .title = N_("HTTP request"),
  .description = N_("Send an HTTP request and use the response. Not sent again after a restart: "
                    "a request in flight when Switchyard stopped ends with an error."),
  .category = "integration",
  .icon_name = "network-server-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = request_validate,
  .run = request_run,
  .resume = request_resume,
};

const SyNodeKind *
sy_node_request_get_kind (void)
{
  return &kind;
}
