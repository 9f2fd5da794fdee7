/* sy-webhook-settings.c — applies the webhook-* GSettings keys to an engine, live
 *
 * g_settings_bind() can't map the keys' types ("i", "u") onto the engine's
 * guint/guint64 properties, so the values are copied by hand.
 */
#include "config.h"

#include "sy-webhook-settings.h"

static void
apply (GSettings  *settings,
       const char *key,
       SyEngine   *engine)
{
  if (key == NULL || g_str_equal (key, "webhook-port"))
    g_object_set (engine, "webhook-port", (guint) CLAMP (g_settings_get_int (settings, "webhook-port"), 0, 65535),
                  NULL);
  if (key == NULL || g_str_equal (key, "webhook-address"))
    {
      g_autofree char *address = g_settings_get_string (settings, "webhook-address");

      g_object_set (engine, "webhook-address", address, NULL);
    }
  if (key == NULL || g_str_equal (key, "webhook-body-limit"))
    g_object_set (engine, "webhook-body-limit", (guint64) g_settings_get_uint (settings, "webhook-body-limit"),
                  NULL);
}

void
sy_webhook_settings_bind (GSettings *settings,
                          SyEngine  *engine)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (SY_IS_ENGINE (engine));

  apply (settings, NULL, engine);
  g_signal_connect_object (settings, "changed", G_CALLBACK (apply), engine, 0);
}
