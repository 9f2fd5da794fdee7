/* sy-secrets.h — named secrets (credentials) in the system keyring
 *
 * Secrets are stored with libsecret under the schema
 * io.github.switchyard.Secret, attributes `name` and `kind` (plus the
 * non-secret `user` of basic credentials and `header` of API keys).
 * Workflows refer to them by name only: the value is never logged, never
 * stored in SQLite, exports or job results.
 *
 * Headless machines often have no keyring: a lookup then reads the
 * environment variable SWITCHYARD_SECRET_<NAME> (name upper-cased, every
 * character other than A-Z and 0-9 turned into "_"). Its value is the
 * secret itself (a bearer token, a webhook secret), or "basic:USER:PASSWORD",
 * or "api-key:HEADER:VALUE", or "bearer:TOKEN".
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SY_SECRETS_ERROR (sy_secrets_error_quark ())
typedef enum
{
  SY_SECRETS_ERROR_NOT_FOUND,   /* neither in the keyring nor in the environment */
  SY_SECRETS_ERROR_INVALID,     /* bad name or kind */
  SY_SECRETS_ERROR_UNAVAILABLE, /* no keyring to store in */
} SySecretsError;
GQuark sy_secrets_error_quark (void);

typedef struct
{
  char *name;
  char *kind;   /* "bearer", "basic" or "api-key" */
  char *user;   /* basic: the user name; else NULL */
  char *header; /* api-key: the header name; else NULL */
  char *value;  /* the secret (token, password, key); NULL in listings */
} SySecret;

extern const char * const sy_secret_kinds[];

SySecret *sy_secret_new   (const char *name,
                           const char *kind,
                           const char *user,
                           const char *header,
                           const char *value);
/* Wipes the value before freeing it. */
void      sy_secret_free  (SySecret   *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SySecret, sy_secret_free)

/* "SWITCHYARD_SECRET_" + the name upper-cased, other characters "_". */
char     *sy_secrets_env_name        (const char          *name);

/* Keyring first, then the environment. Completes on the caller's
 * thread-default main context. */
void      sy_secrets_lookup_async    (const char          *name,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
SySecret *sy_secrets_lookup_finish   (GAsyncResult        *result,
                                      GError             **error);

/* Adds or replaces the secret `secret->name` in the keyring. */
void      sy_secrets_store_async     (const SySecret      *secret,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean  sy_secrets_store_finish    (GAsyncResult        *result,
                                      GError             **error);
void      sy_secrets_delete_async    (const char          *name,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean  sy_secrets_delete_finish   (GAsyncResult        *result,
                                      GError             **error);
/* Result: GPtrArray of SySecret without values, sorted by name. */
void      sy_secrets_list_async      (GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GPtrArray *sy_secrets_list_finish    (GAsyncResult        *result,
                                      GError             **error);

/* Constant-time comparison of two byte strings (time depends only on the
 * lengths). */
gboolean  sy_secrets_equal           (const char          *a,
                                      gsize                a_len,
                                      const char          *b,
                                      gsize                b_len);

G_END_DECLS
