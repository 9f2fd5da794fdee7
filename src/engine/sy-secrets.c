/* sy-secrets.c — named secrets in the system keyring, with an environment fallback */
#define G_LOG_DOMAIN "sy-secrets"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "sy-secrets.h"

const char * const sy_secret_kinds[] = { "bearer", "basic", "api-key", NULL };

G_DEFINE_QUARK (sy-secrets-error-quark, sy_secrets_error)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.switchyard.Secret", SECRET_SCHEMA_NONE,
    {
      { "name", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "header", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

SySecret *
sy_secret_new (const char *name,
               const char *kind,
               const char *user,
               const char *header,
               const char *value)
{
  SySecret *secret = g_new0 (SySecret, 1);

  secret->name = g_strdup (name);
  secret->kind = g_strdup (kind != NULL ? kind : "bearer");
  secret->user = g_strdup (user);
  secret->header = g_strdup (header);
  secret->value = g_strdup (value);

  return secret;
}

void
sy_secret_free (SySecret *secret)
{
  if (secret == NULL)
    return;

  if (secret->value != NULL)
    explicit_bzero (secret->value, strlen (secret->value));
  g_free (secret->value);
  g_free (secret->name);
  g_free (secret->kind);
  g_free (secret->user);
  g_free (secret->header);
  g_free (secret);
}

char *
sy_secrets_env_name (const char *name)
{
  GString *env = g_string_new ("SWITCHYARD_SECRET_");

  for (const char *p = name; *p != '\0'; p++)
    g_string_append_c (env, g_ascii_isalnum (*p) ? g_ascii_toupper (*p) : '_');

  return g_string_free (env, FALSE);
}

gboolean
sy_secrets_equal (const char *a,
                  gsize       a_len,
                  const char *b,
                  gsize       b_len)
{
  guint8 difference = a_len != b_len;
  gsize n = MAX (a_len, b_len);

  /* Walk the longer length whatever happens, comparing against a zero byte
   * past either end, so timing tells nothing about where they differ. */
  for (gsize i = 0; i < n; i++)
    {
      guint8 x = i < a_len ? (guint8) a[i] : 0;
      guint8 y = i < b_len ? (guint8) b[i] : 0;

      difference |= x ^ y;
    }

  return difference == 0;
}

/* ── The environment ──────────────────────────────────────────────────── */

static SySecret *
secret_from_env (const char *name)
{
  g_autofree char *variable = sy_secrets_env_name (name);
  const char *value = g_getenv (variable);
  g_auto(GStrv) parts = NULL;

  if (value == NULL)
    return NULL;

  if (g_str_has_prefix (value, "basic:"))
    {
      parts = g_strsplit (value + strlen ("basic:"), ":", 2);
      if (parts[0] != NULL && parts[1] != NULL)
        return sy_secret_new (name, "basic", parts[0], NULL, parts[1]);
    }
  else if (g_str_has_prefix (value, "api-key:"))
    {
      parts = g_strsplit (value + strlen ("api-key:"), ":", 2);
      if (parts[0] != NULL && parts[1] != NULL)
        return sy_secret_new (name, "api-key", NULL, parts[0], parts[1]);
    }
  else if (g_str_has_prefix (value, "bearer:"))
    return sy_secret_new (name, "bearer", NULL, NULL, value + strlen ("bearer:"));

  return sy_secret_new (name, "bearer", NULL, NULL, value);
}

/* ── The keyring ──────────────────────────────────────────────────────── */

/* Without a session bus, libsecret would try to autolaunch one (X11):
 * skip the keyring at once instead. */
static gboolean
session_bus_exists (void)
{
  const char *runtime_dir = g_getenv ("XDG_RUNTIME_DIR");
  g_autofree char *socket = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return TRUE;
  if (runtime_dir == NULL)
    return FALSE;

  socket = g_build_filename (runtime_dir, "bus", NULL);
  return g_file_test (socket, G_FILE_TEST_EXISTS);
}

static GHashTable *
attributes_new (const char *name)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (name != NULL)
    g_hash_table_insert (attributes, (gpointer) "name", g_strdup (name));

  return attributes;
}

static SySecret *
secret_from_item (SecretItem *item,
                  gboolean    with_value)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  SecretValue *value = with_value ? secret_item_get_secret (item) : NULL;
  SySecret *secret;

  secret = sy_secret_new (g_hash_table_lookup (attributes, "name"),
                          g_hash_table_lookup (attributes, "kind"),
                          g_hash_table_lookup (attributes, "user"),
                          g_hash_table_lookup (attributes, "header"),
                          value != NULL ? secret_value_get_text (value) : NULL);
  g_clear_pointer (&value, secret_value_unref);

  return secret;
}

typedef struct
{
  char   *name;
  GError *keyring_error; /* why the keyring could not answer, for the message */
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->name);
  g_clear_error (&lookup->keyring_error);
  g_free (lookup);
}

static void
lookup_from_env (GTask *task)
{
  Lookup *lookup = g_task_get_task_data (task);
  g_autofree char *variable = sy_secrets_env_name (lookup->name);
  SySecret *secret = secret_from_env (lookup->name);

  if (secret != NULL)
    {
      g_task_return_pointer (task, secret, (GDestroyNotify) sy_secret_free);
      return;
    }

  if (lookup->keyring_error != NULL)
    g_task_return_new_error (task, SY_SECRETS_ERROR, SY_SECRETS_ERROR_NOT_FOUND,
                             _("credential “%s” not found: no keyring is reachable (%s) "
                               "and the environment variable %s is not set"),
                             lookup->name, lookup->keyring_error->message, variable);
  else
    g_task_return_new_error (task, SY_SECRETS_ERROR, SY_SECRETS_ERROR_NOT_FOUND,
                             _("credential “%s” not found: it is not in the keyring "
                               "and the environment variable %s is not set"),
                             lookup->name, variable);
}

static void
lookup_searched (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GTask) task = data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_service_search_finish (SECRET_SERVICE (source), result, &error);
  if (error != NULL)
    {
      lookup->keyring_error = g_steal_pointer (&error);
      lookup_from_env (task);
      return;
    }

  if (items != NULL)
    {
      SySecret *secret = secret_from_item (items->data, TRUE);

      g_list_free_full (items, g_object_unref);
      if (secret->value != NULL)
        {
          g_task_return_pointer (task, secret, (GDestroyNotify) sy_secret_free);
          return;
        }
      sy_secret_free (secret);
    }

  lookup_from_env (task);
}

static void
lookup_got_service (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GTask) task = data;
  Lookup *lookup = g_task_get_task_data (task);
  GCancellable *cancellable;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;

  (void) source;
  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      lookup->keyring_error = g_steal_pointer (&error);
      lookup_from_env (task);
      return;
    }

  /* Read before g_steal_pointer(): argument order is unspecified. */
  cancellable = g_task_get_cancellable (task);
  attributes = attributes_new (lookup->name);
  secret_service_search (service, get_schema (), attributes,
                         SECRET_SEARCH_LOAD_SECRETS | SECRET_SEARCH_UNLOCK,
                         cancellable, lookup_searched, g_steal_pointer (&task));
}

void
sy_secrets_lookup_async (const char          *name,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Lookup *lookup = g_new0 (Lookup, 1);

  g_task_set_source_tag (task, sy_secrets_lookup_async);
  lookup->name = g_strdup (name);
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);

  if (name == NULL || name[0] == '\0')
    {
      g_task_return_new_error (task, SY_SECRETS_ERROR, SY_SECRETS_ERROR_INVALID,
                               _("the credential has no name"));
      g_object_unref (task);
      return;
    }

  if (!session_bus_exists ())
    {
      g_set_error (&lookup->keyring_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("there is no session bus"));
      lookup_from_env (task);
      g_object_unref (task);
      return;
    }

  secret_service_get (SECRET_SERVICE_NONE, cancellable, lookup_got_service, task);
}

SySecret *
sy_secrets_lookup_finish (GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ── Storing, deleting, listing (the Preferences page) ────────────────── */

static gboolean
check_keyring (GTask *task)
{
  if (session_bus_exists ())
    return TRUE;

  g_task_return_new_error (task, SY_SECRETS_ERROR, SY_SECRETS_ERROR_UNAVAILABLE,
                           _("no keyring is reachable: there is no session bus"));
  return FALSE;
}

static void
store_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  (void) source;
  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The old item goes first: a changed kind or user would otherwise leave
 * two items with the same name. */
static void
store_cleared (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GTask) task = data;
  SySecret *secret = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = attributes_new (secret->name);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  GCancellable *cancellable;

  (void) source;
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_hash_table_insert (attributes, (gpointer) "kind", g_strdup (secret->kind));
  if (secret->user != NULL)
    g_hash_table_insert (attributes, (gpointer) "user", g_strdup (secret->user));
  if (secret->header != NULL)
    g_hash_table_insert (attributes, (gpointer) "header", g_strdup (secret->header));

  /* Translators: the label of a keyring item; %s is the credential's name */
  label = g_strdup_printf (_("Switchyard credential “%s”"), secret->name);
  cancellable = g_task_get_cancellable (task);
  secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                          secret->value != NULL ? secret->value : "",
                          cancellable, store_done, g_steal_pointer (&task));
}

void
sy_secrets_store_async (const SySecret      *secret,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = NULL;

  g_task_set_source_tag (task, sy_secrets_store_async);
  if (secret->name == NULL || secret->name[0] == '\0' ||
      !g_strv_contains (sy_secret_kinds, secret->kind))
    {
      g_task_return_new_error (task, SY_SECRETS_ERROR, SY_SECRETS_ERROR_INVALID,
                               _("a credential needs a name and a kind (bearer, basic or api-key)"));
      return;
    }
  if (!check_keyring (task))
    return;

  g_task_set_task_data (task, sy_secret_new (secret->name, secret->kind, secret->user,
                                             secret->header, secret->value),
                        (GDestroyNotify) sy_secret_free);
  attributes = attributes_new (secret->name);
  secret_password_clearv (get_schema (), attributes, cancellable, store_cleared,
                          g_steal_pointer (&task));
}

gboolean
sy_secrets_store_finish (GAsyncResult *result,
                         GError      **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
delete_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  (void) source;
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
sy_secrets_delete_async (const char          *name,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = attributes_new (name);

  g_task_set_source_tag (task, sy_secrets_delete_async);
  if (!check_keyring (task))
    return;

  secret_password_clearv (get_schema (), attributes, cancellable, delete_done,
                          g_steal_pointer (&task));
}

gboolean
sy_secrets_delete_finish (GAsyncResult *result,
                          GError      **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const SySecret *x = *(const SySecret * const *) a;
  const SySecret *y = *(const SySecret * const *) b;

  return g_strcmp0 (x->name, y->name);
}

static void
list_searched (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  GPtrArray *secrets;
  GList *items;

  items = secret_service_search_finish (SECRET_SERVICE (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_secret_free);
  for (GList *l = items; l != NULL; l = l->next)
    g_ptr_array_add (secrets, secret_from_item (l->data, FALSE));
  g_list_free_full (items, g_object_unref);
  g_ptr_array_sort (secrets, compare_names);

  g_task_return_pointer (task, secrets, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_got_service (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  (void) source;
  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  attributes = attributes_new (NULL);
  secret_service_search (service, get_schema (), attributes, SECRET_SEARCH_ALL,
                         cancellable, list_searched, g_steal_pointer (&task));
}

void
sy_secrets_list_async (GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sy_secrets_list_async);
  if (!check_keyring (task))
    return;

  secret_service_get (SECRET_SERVICE_NONE, cancellable, list_got_service, g_steal_pointer (&task));
}

GPtrArray *
sy_secrets_list_finish (GAsyncResult *result,
                        GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
