/* sy-trigger-registry.c — every trigger kind, in the order the picker shows them */
#include "config.h"

#include "sy-trigger-kind.h"
#include "triggers/sy-triggers.h"

typedef const SyTriggerKind *(*SyTriggerKindGetter) (void);

/* One line per trigger type. */
static const SyTriggerKindGetter kind_getters[] = {
  sy_trigger_collection_get_kind,
  sy_trigger_schedule_get_kind,
  sy_trigger_action_get_kind,
  sy_trigger_request_interception_get_kind,
  sy_trigger_custom_action_get_kind,
  sy_trigger_approval_get_kind,
  sy_trigger_webhook_get_kind,
  sy_trigger_file_get_kind,
};

static gpointer
build_index (gpointer data)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (kind_getters); i++)
    {
      const SyTriggerKind *kind = kind_getters[i] ();

      g_assert (kind != NULL && kind->type != NULL);
      g_assert (!g_hash_table_contains (index, kind->type));
      g_hash_table_insert (index, (gpointer) kind->type, (gpointer) kind);
    }

  return index;
}

const SyTriggerKind *
sy_trigger_kind_lookup (const char *type)
{
  static GOnce once = G_ONCE_INIT;
  GHashTable *index;

  if (type == NULL)
    return NULL;

  /* Built on first use from whichever thread gets there first. */
  index = g_once (&once, build_index, NULL);

  return g_hash_table_lookup (index, type);
}

GPtrArray *
sy_trigger_kind_list (void)
{
  GPtrArray *kinds = g_ptr_array_sized_new (G_N_ELEMENTS (kind_getters));

  for (guint i = 0; i < G_N_ELEMENTS (kind_getters); i++)
    g_ptr_array_add (kinds, (gpointer) kind_getters[i] ());

  return kinds;
}
