/* test-record-actions.c — actions on records and the workflows bound to them
 * (src/engine/collections/sy-action-runner.c, sy-collection-runtime.c)
 *
 * NocoBase's "bind workflow" rules: which trigger types go with which
 * action, ordering, pre-actions that stop or refuse, post-actions that
 * fail, associations, global mode, collection events and custom actions.
 */
#include "config.h"

#include <string.h>

#include "sy-json.h"
#include "sy-test-collections.h"
#include "sy-test-engine.h"

typedef SyTestEngine Fixture;

#define SHOP \
  "[{\"format\": \"switchyard-collection/1\", \"name\": \"products\", \"fields\": [" \
  "   {\"name\": \"title\", \"type\": \"string\", \"required\": true}," \
  "   {\"name\": \"stock\", \"type\": \"integer\", \"default\": 0}]}," \
  " {\"format\": \"switchyard-collection/1\", \"name\": \"orders\", \"fields\": [" \
  "   {\"name\": \"product\", \"type\": \"belongs-to\", \"target\": \"products\", \"required\": true}," \
  "   {\"name\": \"qty\", \"type\": \"integer\", \"required\": true, \"default\": 1}," \
  "   {\"name\": \"status\", \"type\": \"choice\", \"options\": [\"new\", \"confirmed\", \"rejected\"], \"default\": \"new\"}," \
  "   {\"name\": \"note\", \"type\": \"text\"}]}]"

/* A message, then an end with `status`. */
#define SAY_AND_END(message, status) \
  "[{\"key\": \"say\", \"type\": \"response-message\", \"config\": {\"message\": \"" message "\"}}," \
  " {\"key\": \"stop\", \"type\": \"end\", \"config\": {\"endStatus\": \"" status "\"}}]"

#define NOTHING "[]"

static void
set_up (Fixture      *fixture,
        gconstpointer data)
{
  sy_test_engine_set_up (fixture, data);
  sy_test_engine_define (fixture->engine, SHOP);
}

static SyActionOutcome *
act (Fixture           *fixture,
     SyRecordActionKind kind,
     const char        *collection,
     gint64             id,
     const char        *values,
     const char        *bindings,
     GError           **error)
{
  g_autoptr(SyRecordAction) action = sy_record_action_new (kind, collection);

  if (id > 0)
    sy_record_action_add_id (action, id);
  if (values != NULL)
    {
      g_autoptr(JsonNode) node = sy_test_json (values);

      sy_record_action_set_values (action, json_node_get_object (node));
    }
  if (bindings != NULL)
    g_assert_true (sy_record_action_parse_bindings (action, bindings, NULL));

  return sy_test_run_action (fixture->engine, action, error);
}

/* An action expected to go through: the outcome. */
static SyActionOutcome *
act_ok (Fixture           *fixture,
        SyRecordActionKind kind,
        const char        *collection,
        gint64             id,
        const char        *values,
        const char        *bindings)
{
  g_autoptr(GError) error = NULL;
  SyActionOutcome *outcome = act (fixture, kind, collection, id, values, bindings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (outcome);
  return outcome;
}

static guint
count_records (Fixture    *fixture,
               const char *collection)
{
  g_autoptr(JsonArray) records = sy_test_engine_records (fixture->engine, collection);

  return json_array_get_length (records);
}

static char *
messages_of (SyActionOutcome *outcome)
{
  g_ptr_array_add (outcome->messages, NULL);
  {
    char *joined = g_strjoinv ("|", (char **) outcome->messages->pdata);

    g_ptr_array_remove_index (outcome->messages, outcome->messages->len - 1);
    return joined;
  }
}

/* The keys of the workflows the outcome's executions ran, in order. */
static char *
keys_of (Fixture         *fixture,
         SyActionOutcome *outcome)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < outcome->executions->len; i++)
    {
      g_autoptr(SyExecution) execution =
        sy_test_get_execution (fixture->engine, g_array_index (outcome->executions, gint64, i), NULL);

      g_string_append_printf (keys, "%s%s", i > 0 ? "," : "", execution->workflow_key);
    }

  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static JsonNode *
context_path (SyExecution *execution,
              const char  *path)
{
  return sy_json_get_path (execution->context, path);
}

static void
add_lamp (Fixture *fixture)
{
  g_autoptr(SyActionOutcome) outcome =
    act_ok (fixture, SY_RECORD_ACTION_CREATE, "products", 0, "{\"title\": \"Lamp\", \"stock\": 3}", NULL);

  g_assert_cmpint (outcome->status, ==, SY_ACTION_DONE);
}

/* ── Plain actions and bad input ───────────────────────────────────────── */

static void
test_plain_actions (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr(SyActionOutcome) created = NULL;
  g_autoptr(SyActionOutcome) updated = NULL;
  g_autoptr(SyActionOutcome) deleted = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  add_lamp (fixture);
  created = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1, \"qty\": \"2\"}", NULL);
  g_assert_cmpint (created->status, ==, SY_ACTION_DONE);
  id = json_object_get_int_member (created->record, "id");
  g_assert_cmpint (json_object_get_int_member (created->record, "qty"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (created->record, "status"), ==, "new");

  json = sy_action_outcome_to_json (created, SY_RECORD_ACTION_CREATE);
  g_assert_true (json_object_has_member (json_node_get_object (json), "record"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (json), "messages")), ==, 0);
  g_clear_pointer (&json, json_node_unref);

  updated = act_ok (fixture, SY_RECORD_ACTION_UPDATE, "orders", id, "{\"status\": \"confirmed\"}", NULL);
  g_assert_cmpstr (json_object_get_string_member (updated->record, "status"), ==, "confirmed");
  g_assert_cmpint (json_object_get_int_member (updated->record, "qty"), ==, 2);

  deleted = act_ok (fixture, SY_RECORD_ACTION_DELETE, "orders", id, NULL, NULL);
  g_assert_cmpint (deleted->deleted, ==, id);
  json = sy_action_outcome_to_json (deleted, SY_RECORD_ACTION_DELETE);
  text = json_to_string (json, FALSE);
  g_assert_cmpstr (text, ==, "{\"deleted\":1,\"messages\":[]}");
  g_assert_cmpuint (count_records (fixture, "orders"), ==, 0);
}

static void
test_bad_input (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SyActionOutcome *outcome;

  add_lamp (fixture);

  outcome = act (fixture, SY_RECORD_ACTION_CREATE, "customers", 0, "{}", NULL, &error);
  g_assert_null (outcome);
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_NOT_FOUND);
  g_clear_error (&error);

  outcome = act (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1, \"qty\": \"many\"}", NULL, &error);
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "qty: expected a whole number, got “many”");
  g_clear_error (&error);

  outcome = act (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 9}", NULL, &error);
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "product: there is no record 9 in “products”");
  g_clear_error (&error);

  outcome = act (fixture, SY_RECORD_ACTION_UPDATE, "orders", 5, "{\"qty\": 1}", NULL, &error);
  g_assert_error (error, SY_COLLECTION_ERROR, SY_COLLECTION_ERROR_NOT_FOUND);
  g_clear_error (&error);

  outcome = act (fixture, SY_RECORD_ACTION_DELETE, "products", 0, NULL, NULL, &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);

  outcome = act (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1}", "nobody", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "there is no workflow “nobody”");
  g_clear_error (&error);

  g_assert_null (outcome);
  g_assert_cmpuint (count_records (fixture, "orders"), ==, 0);
}

/* ── Pre-actions ───────────────────────────────────────────────────────── */

static void
import_limit (Fixture *fixture)
{
  /* Refuses orders over 10 with a message. */
  sy_test_import_triggered (fixture->engine, "limit", TRUE, "request-interception", "{\"collection\": \"orders\"}",
                            "[{\"key\": \"big\", \"type\": \"condition\", \"config\": {\"engine\": \"basic\","
                            "  \"rejectOnFalse\": false, \"calculation\": {\"calculator\": \"gt\","
                            "  \"operands\": [\"{{$context.params.values.qty}}\", 10]}},"
                            "  \"branches\": {\"true\": " SAY_AND_END ("At most 10 per order", "failed") "}}]");
}

static void
test_pre_action_refuses (Fixture      *fixture,
                         gconstpointer data)
{
  g_autoptr(SyActionOutcome) refused = NULL;
  g_autoptr(SyActionOutcome) passed = NULL;
  g_autoptr(GPtrArray) executions = NULL;
  g_autofree char *messages = NULL;
  g_autoptr(JsonNode) values = NULL;

  add_lamp (fixture);
  import_limit (fixture);

  refused = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1, \"qty\": 12}", "limit");
  g_assert_cmpint (refused->status, ==, SY_ACTION_REFUSED);
  g_assert_null (refused->record);
  messages = messages_of (refused);
  g_assert_cmpstr (messages, ==, "At most 10 per order");
  g_assert_cmpuint (count_records (fixture, "orders"), ==, 0);

  /* Its context: the submitted params, the user, the action. */
  executions = sy_test_finished_executions (fixture->engine, "limit");
  g_assert_cmpuint (executions->len, ==, 1);
  values = context_path (g_ptr_array_index (executions, 0), "params.values.qty");
  g_assert_cmpint (json_node_get_int (values), ==, 12);
  g_assert_cmpint (((SyExecution *) g_ptr_array_index (executions, 0))->status, ==, SY_STATUS_FAILED);

  passed = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1, \"qty\": 2}", "limit");
  g_assert_cmpint (passed->status, ==, SY_ACTION_DONE);
  g_assert_nonnull (passed->record);
  g_assert_cmpuint (count_records (fixture, "orders"), ==, 1);

  /* Not bound: not run. */
  g_clear_pointer (&passed, sy_action_outcome_free);
  passed = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1, \"qty\": 12}", NULL);
  g_assert_cmpint (passed->status, ==, SY_ACTION_DONE);
}

static void
test_pre_action_stops (Fixture      *fixture,
                       gconstpointer data)
{
  g_autoptr(SyActionOutcome) stopped = NULL;
  g_autoptr(SyActionOutcome) errored = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *messages = NULL;

  add_lamp (fixture);
  sy_test_import_triggered (fixture->engine, "quiet", TRUE, "request-interception", "{\"collection\": \"orders\"}",
                            SAY_AND_END ("Already ordered", "resolved"));
  sy_test_import_triggered (fixture->engine, "broken", TRUE, "request-interception", "{\"collection\": \"orders\"}",
                            "[{\"key\": \"never\", \"type\": \"condition\", \"config\": {\"engine\": \"basic\","
                            "  \"rejectOnFalse\": true, \"calculation\": {\"calculator\": \"equal\", \"operands\": [1, 2]}}}]");

  /* Resolved with an end node: nothing is written, the messages come back. */
  stopped = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1}", "quiet");
  g_assert_cmpint (stopped->status, ==, SY_ACTION_STOPPED);
  json = sy_action_outcome_to_json (stopped, SY_RECORD_ACTION_CREATE);
  text = json_to_string (json, FALSE);
  g_assert_cmpstr (text, ==, "{\"record\":null,\"messages\":[\"Already ordered\"]}");
  g_assert_cmpuint (count_records (fixture, "orders"), ==, 0);

  /* Failing anywhere else refuses too, saying why. */
  errored = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1}", "broken");
  g_assert_cmpint (errored->status, ==, SY_ACTION_REFUSED);
  messages = messages_of (errored);
  g_assert_cmpstr (messages, ==, "the workflow “broken” ended with status failed");
  g_assert_cmpuint (count_records (fixture, "orders"), ==, 0);
}

static void
test_global_pre_action (Fixture      *fixture,
                        gconstpointer data)
{
  g_autoptr(SyActionOutcome) created = NULL;
  g_autoptr(SyActionOutcome) refused = NULL;
  g_autofree char *messages = NULL;
  gint64 id;

  add_lamp (fixture);
  /* Intercepts every delete of orders, without being bound. */
  sy_test_import_triggered (fixture->engine, "guard", TRUE, "request-interception",
                            "{\"collection\": \"orders\", \"global\": true, \"actions\": [\"destroy\"]}",
                            SAY_AND_END ("Orders are kept", "failed"));
  /* Global for another collection: not run. */
  sy_test_import_triggered (fixture->engine, "elsewhere", TRUE, "request-interception",
                            "{\"collection\": \"products\", \"global\": true, \"actions\": [\"create\", \"destroy\"]}",
                            SAY_AND_END ("Never", "failed"));

  created = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1}", NULL);
  g_assert_cmpint (created->status, ==, SY_ACTION_DONE);
  id = json_object_get_int_member (created->record, "id");

  refused = act_ok (fixture, SY_RECORD_ACTION_DELETE, "orders", id, NULL, NULL);
  g_assert_cmpint (refused->status, ==, SY_ACTION_REFUSED);
  messages = messages_of (refused);
  g_assert_cmpstr (messages, ==, "Orders are kept");
  g_assert_cmpuint (count_records (fixture, "orders"), ==, 1);
}

/* ── Post-actions ──────────────────────────────────────────────────────── */

static void
test_post_action_failure_undoes (Fixture      *fixture,
                                 gconstpointer data)
{
  g_autoptr(SyActionOutcome) refused = NULL;
  g_autoptr(SyActionOutcome) created = NULL;
  g_autoptr(SyActionOutcome) update_refused = NULL;
  g_autoptr(JsonArray) orders = NULL;
  g_autofree char *messages = NULL;
  gint64 id;

  add_lamp (fixture);
  sy_test_import_triggered (fixture->engine, "check", TRUE, "action", "{\"collection\": \"orders\"}",
                            "[{\"key\": \"big\", \"type\": \"condition\", \"config\": {\"engine\": \"basic\","
                            "  \"rejectOnFalse\": false, \"calculation\": {\"calculator\": \"gt\","
                            "  \"operands\": [\"{{$context.data.qty}}\", 3]}},"
                            "  \"branches\": {\"true\": " SAY_AND_END ("Not enough stock", "failed") "}},"
                            " {\"key\": \"thanks\", \"type\": \"response-message\", \"config\": {\"message\": \"Thanks\"}}]");

  /* The record was written, the sync post-action failed: it is taken back. */
  refused = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1, \"qty\": 5}", "check");
  g_assert_cmpint (refused->status, ==, SY_ACTION_REFUSED);
  messages = messages_of (refused);
  g_assert_cmpstr (messages, ==, "Not enough stock");
  g_assert_cmpuint (count_records (fixture, "orders"), ==, 0);
  g_clear_pointer (&messages, g_free);

  created = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1, \"qty\": 2}", "check");
  g_assert_cmpint (created->status, ==, SY_ACTION_DONE);
  messages = messages_of (created);
  g_assert_cmpstr (messages, ==, "Thanks");
  id = json_object_get_int_member (created->record, "id");

  /* An update is restored as it was. */
  update_refused = act_ok (fixture, SY_RECORD_ACTION_UPDATE, "orders", id, "{\"qty\": 7, \"note\": \"more\"}", "check");
  g_assert_cmpint (update_refused->status, ==, SY_ACTION_REFUSED);
  orders = sy_test_engine_records (fixture->engine, "orders");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (orders, 0), "qty"), ==, 2);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (orders, 0), "note"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (orders, 0), "updated_at"), ==,
                   json_object_get_string_member (created->record, "updated_at"));
}

static void
test_ordering (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr(SyActionOutcome) outcome = NULL;
  g_autoptr(GPtrArray) async_runs = NULL;
  g_autofree char *keys = NULL;

  add_lamp (fixture);
  sy_test_import_triggered (fixture->engine, "post-a", FALSE, "action", "{\"collection\": \"orders\"}", NOTHING);
  sy_test_import_triggered (fixture->engine, "post-b", TRUE, "action", "{\"collection\": \"orders\"}", NOTHING);
  sy_test_import_triggered (fixture->engine, "post-c", TRUE, "action", "{\"collection\": \"orders\"}", NOTHING);
  sy_test_import_triggered (fixture->engine, "post-global", TRUE, "action",
                            "{\"collection\": \"orders\", \"global\": true, \"actions\": [\"create\"]}", NOTHING);
  sy_test_import_triggered (fixture->engine, "post-global-update", TRUE, "action",
                            "{\"collection\": \"orders\", \"global\": true, \"actions\": [\"update\"]}", NOTHING);
  sy_test_import_triggered (fixture->engine, "pre-b", TRUE, "request-interception", "{\"collection\": \"orders\"}",
                            NOTHING);
  sy_test_import_triggered (fixture->engine, "pre-a", TRUE, "request-interception", "{\"collection\": \"orders\"}",
                            NOTHING);

  /* Pre-actions first, in their order; then sync post-actions in their
   * order, global ones after bound ones; async ones last. */
  outcome = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1}",
                    "post-a,post-c,pre-b,post-b,pre-a");
  g_assert_cmpint (outcome->status, ==, SY_ACTION_DONE);
  keys = keys_of (fixture, outcome);
  g_assert_cmpstr (keys, ==, "pre-b,pre-a,post-c,post-b,post-global,post-a");

  async_runs = sy_test_finished_executions (fixture->engine, "post-a");
  g_assert_cmpuint (async_runs->len, ==, 1);
  g_assert_cmpint (((SyExecution *) g_ptr_array_index (async_runs, 0))->status, ==, SY_STATUS_RESOLVED);
}

static void
test_post_action_end_stops_the_rest (Fixture      *fixture,
                                     gconstpointer data)
{
  g_autoptr(SyActionOutcome) outcome = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *messages = NULL;

  add_lamp (fixture);
  sy_test_import_triggered (fixture->engine, "first", TRUE, "action", "{\"collection\": \"orders\"}",
                            SAY_AND_END ("Done here", "resolved"));
  sy_test_import_triggered (fixture->engine, "second", TRUE, "action", "{\"collection\": \"orders\"}", NOTHING);

  outcome = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1}", "first,second");
  g_assert_cmpint (outcome->status, ==, SY_ACTION_DONE);
  g_assert_nonnull (outcome->record);
  keys = keys_of (fixture, outcome);
  g_assert_cmpstr (keys, ==, "first");
  messages = messages_of (outcome);
  g_assert_cmpstr (messages, ==, "Done here");
}

static void
test_association_context (Fixture      *fixture,
                          gconstpointer data)
{
  g_autoptr(SyActionOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(JsonNode) title = NULL;
  g_autoptr(JsonNode) user = NULL;
  SyActionOutcome *refused;

  add_lamp (fixture);
  sy_test_import_triggered (fixture->engine, "product-hook", TRUE, "action", "{\"collection\": \"products\"}", NOTHING);

  /* A workflow of products, bound to the order's product. */
  outcome = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1}", "product-hook!product");
  g_assert_cmpint (outcome->status, ==, SY_ACTION_DONE);
  runs = sy_test_finished_executions (fixture->engine, "product-hook");
  g_assert_cmpuint (runs->len, ==, 1);
  title = context_path (g_ptr_array_index (runs, 0), "data.title");
  g_assert_cmpstr (json_node_get_string (title), ==, "Lamp");
  user = context_path (g_ptr_array_index (runs, 0), "user.id");
  g_assert_cmpstr (json_node_get_string (user), ==, "me");

  /* Without the association it is for the wrong collection. */
  refused = act (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1}", "product-hook", &error);
  g_assert_null (refused);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "workflow “product-hook”: it is for the collection “products”, not “orders”");
  g_clear_error (&error);

  refused = act (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1}", "product-hook!qty", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "workflow “product-hook”: “qty” is not a belongs-to field of “orders”");
}

static void
test_binding_table (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyActionOutcome) skipped = NULL;
  g_autoptr(SyActionOutcome) created = NULL;
  SyActionOutcome *refused;
  gint64 id;

  add_lamp (fixture);
  sy_test_import_triggered (fixture->engine, "post", TRUE, "action", "{\"collection\": \"orders\"}", NOTHING);
  sy_test_import_triggered (fixture->engine, "button", TRUE, "custom-action",
                            "{\"type\": \"single\", \"collection\": \"orders\"}", NOTHING);
  sy_test_import_triggered (fixture->engine, "event", TRUE, "collection",
                            "{\"collection\": \"orders\", \"mode\": \"create\"}", NOTHING);
  sy_test_import (fixture->engine,
                  "{\"format\": \"switchyard-workflow/1\", \"key\": \"off\", \"title\": \"off\", \"enabled\": false,"
                  " \"trigger\": {\"type\": \"action\", \"config\": {\"collection\": \"orders\"}}, \"nodes\": []}");

  created = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1}", NULL);
  id = json_object_get_int_member (created->record, "id");

  /* Delete takes pre-actions only. */
  refused = act (fixture, SY_RECORD_ACTION_DELETE, "orders", id, NULL, "post", &error);
  g_assert_null (refused);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "workflow “post”: a workflow started by “After an action” cannot be bound to Delete");
  g_clear_error (&error);

  /* Submit takes no custom actions, and collection events are never bound. */
  refused = act (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1}", "button", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "workflow “button”: a workflow started by “Custom action” cannot be bound to Submit");
  g_clear_error (&error);
  refused = act (fixture, SY_RECORD_ACTION_UPDATE, "orders", id, "{}", "event", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);

  /* "Trigger workflow" takes custom actions only. */
  refused = act (fixture, SY_RECORD_ACTION_TRIGGER, "orders", id, NULL, "post", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (refused);

  /* A disabled workflow is skipped, as NocoBase's binding list shows only enabled ones. */
  skipped = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1}", "off");
  g_assert_cmpint (skipped->status, ==, SY_ACTION_DONE);
  g_assert_cmpuint (skipped->executions->len, ==, 0);
}

static void
test_approval_after_save (Fixture      *fixture,
                          gconstpointer data)
{
  g_autoptr(SyActionOutcome) outcome = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(JsonNode) qty = NULL;
  g_autoptr(JsonNode) applicant = NULL;
  g_autoptr(GError) error = NULL;
  SyActionOutcome *refused;

  add_lamp (fixture);
  sy_test_import_triggered (fixture->engine, "approve-order", FALSE, "approval",
                            "{\"collection\": \"orders\", \"when\": \"after-save\"}", NOTHING);
  sy_test_import_triggered (fixture->engine, "approve-first", FALSE, "approval",
                            "{\"collection\": \"orders\", \"when\": \"before-save\"}", NOTHING);

  outcome = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1, \"qty\": 4}", "approve-order");
  g_assert_cmpint (outcome->status, ==, SY_ACTION_DONE);
  runs = sy_test_finished_executions (fixture->engine, "approve-order");
  g_assert_cmpuint (runs->len, ==, 1);
  qty = context_path (g_ptr_array_index (runs, 0), "data.qty");
  g_assert_cmpint (json_node_get_int (qty), ==, 4);
  applicant = context_path (g_ptr_array_index (runs, 0), "applicant.id");
  g_assert_cmpstr (json_node_get_string (applicant), ==, "me");

  refused = act (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1}", "approve-first", &error);
  g_assert_null (refused);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
}

/* ── Collection events ─────────────────────────────────────────────────── */

static void
test_collection_events (Fixture      *fixture,
                        gconstpointer data)
{
  g_autoptr(SyActionOutcome) created = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(JsonNode) title = NULL;
  gint64 id;

  add_lamp (fixture);
  sy_test_import_triggered (fixture->engine, "on-create", FALSE, "collection",
                            "{\"collection\": \"orders\", \"mode\": \"create\", \"appends\": [\"product\"]}", NOTHING);
  sy_test_import_triggered (fixture->engine, "on-status", FALSE, "collection",
                            "{\"collection\": \"orders\", \"mode\": \"update\", \"changed\": [\"status\"]}", NOTHING);
  sy_test_import_triggered (fixture->engine, "on-big", FALSE, "collection",
                            "{\"collection\": \"orders\", \"mode\": \"create-or-update\","
                            " \"condition\": {\"qty\": {\"$gt\": 5}}}",
                            NOTHING);
  sy_test_import_triggered (fixture->engine, "on-destroy", FALSE, "collection",
                            "{\"collection\": \"orders\", \"mode\": \"destroy\"}", NOTHING);
  sy_test_import_triggered (fixture->engine, "on-products", FALSE, "collection",
                            "{\"collection\": \"products\", \"mode\": \"create-or-update\"}", NOTHING);
  sy_test_import_triggered (fixture->engine, "sync-on-create", TRUE, "collection",
                            "{\"collection\": \"orders\", \"mode\": \"create\"}", NOTHING);

  created = act_ok (fixture, SY_RECORD_ACTION_CREATE, "orders", 0, "{\"product\": 1, \"qty\": 2}", NULL);
  id = json_object_get_int_member (created->record, "id");

  /* The sync one ran inside the action. */
  {
    SyExecutionFilter filter = { .workflow_key = "sync-on-create" };
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) listed = NULL;

    sy_engine_list_executions_async (fixture->engine, &filter, NULL, sy_test_on_done, &result);
    listed = sy_engine_list_executions_finish (fixture->engine, sy_test_wait_for (&result), NULL);
    g_assert_cmpuint (listed->len, ==, 1);
    g_assert_cmpint (((SyExecution *) g_ptr_array_index (listed, 0))->status, ==, SY_STATUS_RESOLVED);
  }

  runs = sy_test_finished_executions (fixture->engine, "on-create");
  g_assert_cmpuint (runs->len, ==, 1);
  title = context_path (g_ptr_array_index (runs, 0), "data.product.title");
  g_assert_cmpstr (json_node_get_string (title), ==, "Lamp");
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* changed: a note is no status. */
  g_clear_pointer (&created, sy_action_outcome_free);
  created = act_ok (fixture, SY_RECORD_ACTION_UPDATE, "orders", id, "{\"note\": \"x\"}", NULL);
  runs = sy_test_finished_executions (fixture->engine, "on-status");
  g_assert_cmpuint (runs->len, ==, 0);
  g_clear_pointer (&runs, g_ptr_array_unref);
  g_clear_pointer (&created, sy_action_outcome_free);
  created = act_ok (fixture, SY_RECORD_ACTION_UPDATE, "orders", id, "{\"status\": \"confirmed\"}", NULL);
  runs = sy_test_finished_executions (fixture->engine, "on-status");
  g_assert_cmpuint (runs->len, ==, 1);
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* condition: only big orders. */
  runs = sy_test_finished_executions (fixture->engine, "on-big");
  g_assert_cmpuint (runs->len, ==, 0);
  g_clear_pointer (&runs, g_ptr_array_unref);
  g_clear_pointer (&created, sy_action_outcome_free);
  created = act_ok (fixture, SY_RECORD_ACTION_UPDATE, "orders", id, "{\"qty\": 8}", NULL);
  runs = sy_test_finished_executions (fixture->engine, "on-big");
  g_assert_cmpuint (runs->len, ==, 1);
  g_clear_pointer (&runs, g_ptr_array_unref);

  g_clear_pointer (&created, sy_action_outcome_free);
  created = act_ok (fixture, SY_RECORD_ACTION_DELETE, "orders", id, NULL, NULL);
  runs = sy_test_finished_executions (fixture->engine, "on-destroy");
  g_assert_cmpuint (runs->len, ==, 1);
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* Other collections' workflows only see their own. */
  runs = sy_test_finished_executions (fixture->engine, "on-products");
  g_assert_cmpuint (runs->len, ==, 0);
  g_clear_pointer (&runs, g_ptr_array_unref);
  g_clear_pointer (&created, sy_action_outcome_free);
  created = act_ok (fixture, SY_RECORD_ACTION_UPDATE, "products", 1, "{\"stock\": 1}", NULL);
  runs = sy_test_finished_executions (fixture->engine, "on-products");
  g_assert_cmpuint (runs->len, ==, 1);
}

/* ── Custom actions ────────────────────────────────────────────────────── */

static void
test_custom_actions (Fixture      *fixture,
                     gconstpointer data)
{
  g_autoptr(SyActionOutcome) global = NULL;
  g_autoptr(SyActionOutcome) single = NULL;
  g_autoptr(SyActionOutcome) several = NULL;
  g_autoptr(SyActionOutcome) refused = NULL;
  g_autoptr(SyExecution) execution = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *messages = NULL;
  SyActionOutcome *bad;

  add_lamp (fixture);
  sy_action_outcome_free (act_ok (fixture, SY_RECORD_ACTION_CREATE, "products", 0, "{\"title\": \"Desk\"}", NULL));
  sy_test_import_triggered (fixture->engine, "anywhere", TRUE, "custom-action", "{\"type\": \"global\"}",
                            "[{\"key\": \"out\", \"type\": \"output\", \"config\": {\"value\": \"{{$context.data.x}}\"}}]");
  sy_test_import_triggered (fixture->engine, "one", TRUE, "custom-action",
                            "{\"type\": \"single\", \"collection\": \"products\"}", NOTHING);
  sy_test_import_triggered (fixture->engine, "many", FALSE, "custom-action",
                            "{\"type\": \"multiple\", \"collection\": \"products\"}", NOTHING);
  sy_test_import_triggered (fixture->engine, "deny", TRUE, "custom-action",
                            "{\"type\": \"single\", \"collection\": \"products\"}", SAY_AND_END ("No", "failed"));

  global = act_ok (fixture, SY_RECORD_ACTION_TRIGGER, NULL, 0, "{\"x\": 5}", "anywhere");
  g_assert_cmpint (global->status, ==, SY_ACTION_DONE);
  g_assert_cmpuint (global->executions->len, ==, 1);
  execution = sy_test_get_execution (fixture->engine, g_array_index (global->executions, gint64, 0), NULL);
  g_assert_cmpint (json_node_get_int (execution->output), ==, 5);
  g_clear_pointer (&execution, sy_execution_unref);

  /* One record, with the submitted values over it (not saved). */
  single = act_ok (fixture, SY_RECORD_ACTION_TRIGGER, "products", 2, "{\"stock\": 9}", "one");
  execution = sy_test_get_execution (fixture->engine, g_array_index (single->executions, gint64, 0), NULL);
  value = context_path (execution, "data.title");
  g_assert_cmpstr (json_node_get_string (value), ==, "Desk");
  g_clear_pointer (&value, json_node_unref);
  value = context_path (execution, "data.stock");
  g_assert_cmpint (json_node_get_int (value), ==, 9);
  g_clear_pointer (&value, json_node_unref);
  g_clear_pointer (&execution, sy_execution_unref);
  g_assert_cmpuint (count_records (fixture, "products"), ==, 2);

  {
    g_autoptr(SyRecordAction) action = sy_record_action_new (SY_RECORD_ACTION_TRIGGER, "products");

    sy_record_action_add_id (action, 1);
    sy_record_action_add_id (action, 2);
    sy_record_action_add_binding (action, "many", NULL);
    several = sy_test_run_action (fixture->engine, action, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(GPtrArray) runs = sy_test_finished_executions (fixture->engine, "many");

    g_assert_cmpuint (runs->len, ==, 1);
    g_autofree char *titles = NULL;

    value = context_path (g_ptr_array_index (runs, 0), "data.title");
    titles = json_to_string (value, FALSE);
    g_assert_cmpstr (titles, ==, "[\"Lamp\",\"Desk\"]");
  }

  refused = act_ok (fixture, SY_RECORD_ACTION_TRIGGER, "products", 1, NULL, "deny");
  g_assert_cmpint (refused->status, ==, SY_ACTION_REFUSED);
  messages = messages_of (refused);
  g_assert_cmpstr (messages, ==, "No");

  /* Wrong shapes of input. */
  bad = act (fixture, SY_RECORD_ACTION_TRIGGER, "products", 0, NULL, "many", &error);
  g_assert_null (bad);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  bad = act (fixture, SY_RECORD_ACTION_TRIGGER, "products", 1, NULL, NULL, &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  bad = act (fixture, SY_RECORD_ACTION_TRIGGER, NULL, 0, NULL, "one", &error);
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(SyRecordAction) action = sy_record_action_new (SY_RECORD_ACTION_TRIGGER, "products");

    sy_record_action_add_id (action, 1);
    sy_record_action_add_id (action, 2);
    sy_record_action_add_binding (action, "one", NULL);
    bad = sy_test_run_action (fixture->engine, action, &error);
    g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "workflow “one”: it acts on one record, not 2");
  }
}

static void
test_bindings_text (void)
{
  g_autoptr(SyRecordAction) action = sy_record_action_new (SY_RECORD_ACTION_CREATE, "orders");
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_record_action_parse_bindings (action, " a, b!product ,,c", &error));
  g_assert_no_error (error);
  g_assert_false (sy_record_action_parse_bindings (action, "x!", &error));
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_record_action_parse_bindings (action, "!product", &error));
  g_assert_error (error, SY_ENGINE_ERROR, SY_ENGINE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/record-actions/" path, Fixture, NULL, set_up, func, sy_test_engine_tear_down)

  ADD ("plain", test_plain_actions);
  ADD ("bad-input", test_bad_input);
  ADD ("pre-action/refuses", test_pre_action_refuses);
  ADD ("pre-action/stops", test_pre_action_stops);
  ADD ("pre-action/global", test_global_pre_action);
  ADD ("post-action/failure-undoes", test_post_action_failure_undoes);
  ADD ("post-action/end-stops-the-rest", test_post_action_end_stops_the_rest);
  ADD ("ordering", test_ordering);
  ADD ("association", test_association_context);
  ADD ("binding-table", test_binding_table);
  ADD ("approval-after-save", test_approval_after_save);
  ADD ("collection-events", test_collection_events);
  ADD ("custom-actions", test_custom_actions);
  g_test_add_func ("/record-actions/bindings-text", test_bindings_text);

  return g_test_run ();
}
