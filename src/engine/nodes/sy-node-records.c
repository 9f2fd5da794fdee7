/* sy-node-records.c — what the record nodes share */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nodes/sy-node-records.h"
#include "sy-engine-private.h"
#include "triggers/sy-trigger-checks.h"

SyCollectionStore *
sy_records_node_store (SyRun    *run,
                       gboolean  write,
                       GError  **error)
{
  SyCollectionRuntime *runtime = _sy_engine_get_collections (sy_run_get_engine (run));

  if (runtime == NULL)
    {
      g_set_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_RUNNING, _("the collections are not open"));
      return NULL;
    }

  return write ? sy_collection_runtime_writer (runtime, error) : sy_collection_runtime_get_store (runtime);
}

GStrv
sy_records_node_strings (JsonObject *config,
                         const char *member,
                         GError    **error)
{
  JsonNode *node = json_object_get_member (config, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      /* "a,b" as the command line writes it. */
      g_auto(GStrv) parts = g_strsplit (json_node_get_string (node), ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (*g_strstrip (parts[i]) != '\0')
          g_strv_builder_add (builder, parts[i]);
      return g_strv_builder_end (builder);
    }

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s must be a list of names"), member);
      return NULL;
    }

  for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node) && i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s must be a list of names"), member);
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

void
sy_records_node_changed (SyRun         *run,
                         const char    *collection,
                         SyRecordChange change,
                         JsonObject    *record,
                         JsonObject    *before)
{
  SyCollectionRuntime *runtime = _sy_engine_get_collections (sy_run_get_engine (run));

  sy_collection_runtime_changed (runtime, collection);
  if (record != NULL)
    sy_collection_runtime_fire (runtime, sy_run_get_execution (run), collection, change, record, before);
}

/* ── Checks ────────────────────────────────────────────────────────────── */

void
sy_records_node_check_collection (SyNode       *node,
                                  SyValidation *validation)
{
  sy_validation_push (validation, "config");
  sy_trigger_check_collection (sy_node_get_config (node), "collection", TRUE, validation);
  sy_validation_pop (validation);
}

void
sy_records_node_check_object (SyNode       *node,
                              const char   *member,
                              gboolean      required,
                              SyValidation *validation)
{
  JsonObject *object;

  sy_validation_push (validation, "config");
  object = sy_trigger_check_object (sy_node_get_config (node), member, required, validation);
  if (required && object != NULL && json_object_get_size (object) == 0)
    sy_validation_add (validation, member, _("needs at least one condition"));
  sy_validation_pop (validation);
}

void
sy_records_node_check_strings (SyNode       *node,
                               const char   *member,
                               SyValidation *validation)
{
  sy_validation_push (validation, "config");
  sy_trigger_check_string_list (sy_node_get_config (node), member, NULL, FALSE, validation);
  sy_validation_pop (validation);
}

void
sy_records_node_check_integer (SyNode       *node,
                               const char   *member,
                               gint64        minimum,
                               gint64        maximum,
                               SyValidation *validation)
{
  JsonNode *value = sy_node_get_config_member (node, member);
  gint64 number;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value) ||
      (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING &&
       g_str_has_prefix (json_node_get_string (value), "{{")))
    return;

  sy_validation_push (validation, "config");
  sy_trigger_check_integer (sy_node_get_config (node), member, minimum, maximum, &number, validation);
  sy_validation_pop (validation);
}
