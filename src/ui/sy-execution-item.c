/* sy-execution-item.c — one execution as an item of a GListModel */
#include "config.h"

#include "sy-execution-item.h"

struct _SyExecutionItem
{
  GObject      parent_instance;

  SyExecution *execution;
};

G_DEFINE_FINAL_TYPE (SyExecutionItem, sy_execution_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EXECUTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sy_execution_item_finalize (GObject *object)
{
  SyExecutionItem *self = SY_EXECUTION_ITEM (object);

  g_clear_pointer (&self->execution, sy_execution_unref);

  G_OBJECT_CLASS (sy_execution_item_parent_class)->finalize (object);
}

static void
sy_execution_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SyExecutionItem *self = SY_EXECUTION_ITEM (object);

  switch (prop_id)
    {
    case PROP_EXECUTION:
      g_value_set_boxed (value, self->execution);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_execution_item_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SyExecutionItem *self = SY_EXECUTION_ITEM (object);

  switch (prop_id)
    {
    case PROP_EXECUTION:
      sy_execution_item_set_execution (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_execution_item_class_init (SyExecutionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sy_execution_item_finalize;
  object_class->get_property = sy_execution_item_get_property;
  object_class->set_property = sy_execution_item_set_property;

  properties[PROP_EXECUTION] =
    g_param_spec_boxed ("execution", NULL, NULL, SY_TYPE_EXECUTION,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sy_execution_item_init (SyExecutionItem *self)
{
}

SyExecutionItem *
sy_execution_item_new (SyExecution *execution)
{
  return g_object_new (SY_TYPE_EXECUTION_ITEM, "execution", execution, NULL);
}

SyExecution *
sy_execution_item_get_execution (SyExecutionItem *self)
{
  g_return_val_if_fail (SY_IS_EXECUTION_ITEM (self), NULL);

  return self->execution;
}

void
sy_execution_item_set_execution (SyExecutionItem *self,
                                 SyExecution     *execution)
{
  g_return_if_fail (SY_IS_EXECUTION_ITEM (self));

  if (self->execution == execution)
    return;
  g_clear_pointer (&self->execution, sy_execution_unref);
  self->execution = execution != NULL ? sy_execution_ref (execution) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXECUTION]);
}

gint64
sy_execution_item_get_id (SyExecutionItem *self)
{
  g_return_val_if_fail (SY_IS_EXECUTION_ITEM (self), 0);

  return self->execution != NULL ? self->execution->id : 0;
}
