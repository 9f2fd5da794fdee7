/* sy-node-aggregate.c — count, sum, average, minimum or maximum over records
 *
 * Of `field` over the records matching `filter` (count may leave the field
 * out), optionally of distinct values only. Numbers are rounded to
 * `precision` decimal places (2 by default, 0–14, as NocoBase's); min and
 * max of a text or date field give that value.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "nodes/sy-node-records.h"
#include "sy-node-helpers.h"
#include "sy-nodes.h"

#define DEFAULT_PRECISION 2
#define MAX_PRECISION     14

static const char * const aggregators[] = { "count", "sum", "avg", "min", "max", NULL };
static const char * const aggregator_labels[] = {
  N_("Count"), N_("Sum"), N_("Average"), N_("Minimum"), N_("Maximum"), NULL
};

static const SyFieldSpec fields[] = {
  { .name = "aggregator", .label = N_("Calculate"), .kind = SY_FIELD_CHOICE, .choices = aggregators,
    .choice_labels = aggregator_labels, .default_json = "\"count\"", .required = TRUE },
  { .name = "collection", .label = N_("Collection"), .kind = SY_FIELD_TEXT, .required = TRUE },
  { .name = "field", .label = N_("Field"), .kind = SY_FIELD_TEXT,
    .description = N_("The field to calculate over; a count may leave it empty.") },
  { .name = "filter", .label = N_("Filter"), .kind = SY_FIELD_JSON, .language = "json",
    .description = N_("Which records. Empty: all."), .variables = TRUE },
  { .name = "distinct", .label = N_("Distinct values only"), .kind = SY_FIELD_SWITCH, .default_json = "false" },
  { .name = "precision", .label = N_("Decimal places"), .kind = SY_FIELD_INTEGER, .default_json = "2" },
  { NULL },
};

static void
aggregate_validate (SyNode       *node,
                    SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);
  const char *aggregator;

  sy_records_node_check_collection (node, validation);
  sy_records_node_check_object (node, "filter", FALSE, validation);
  sy_records_node_check_integer (node, "precision", 0, MAX_PRECISION, validation);

  sy_validation_push (validation, "config");
  aggregator = sy_check_choice (config, "aggregator", aggregators, "count", validation);
  sy_check_boolean (config, "distinct", validation);
  if (g_strcmp0 (aggregator, "count") != 0 && sy_object_get_string (config, "field", NULL) == NULL)
    sy_validation_add (validation, "field", _("required for %s"), aggregator);
  sy_validation_pop (validation);
}

static JsonNode *
round_value (JsonNode *value,
             gint64    precision)
{
  double scale, number;
  JsonNode *rounded;

  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_DOUBLE)
    return value;

  scale = pow (10.0, (double) precision);
  number = round (json_node_get_double (value) * scale) / scale;
  rounded = json_node_new (JSON_NODE_VALUE);
  if (precision == 0 || number == floor (number))
    json_node_set_int (rounded, (gint64) number);
  else
    json_node_set_double (rounded, number);
  json_node_unref (value);

  return rounded;
}

static SyStep
aggregate_run (SyRun *run)
{
  g_autoptr(GError) error = NULL;
  JsonObject *config = sy_run_get_config (run, &error);
  SyCollectionStore *store;
  JsonNode *value;
  gint64 precision;

  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  precision = sy_run_get_int (run, "precision", DEFAULT_PRECISION);
  if (precision < 0 || precision > MAX_PRECISION)
    return sy_run_error (run, _("precision must be a whole number from 0 to 14"));

  store = sy_records_node_store (run, FALSE, &error);
  if (store == NULL)
    return sy_run_error_from_gerror (run, error);

  value = sy_collection_store_aggregate (store, sy_run_get_string (run, "collection", NULL),
                                         sy_run_get_string (run, "aggregator", "count"),
                                         sy_run_get_string (run, "field", NULL),
                                         json_object_get_member (config, "filter"),
                                         sy_run_get_boolean (run, "distinct", FALSE), &error);
  if (value == NULL)
    return sy_run_error_from_gerror (run, error);

  return sy_run_resolve (run, round_value (value, precision));
}

static const SyNodeKind kind = {
  .type = "aggregate",
  .title = N_("Aggregate"),
  .description = N_("Count, sum or average records of a collection"),
  .category = "data",
  .icon_name = "x-office-spreadsheet-symbolic",
  .flags = SY_NODE_KIND_NONE,
  .fields = fields,
  .validate = aggregate_validate,
  .run = aggregate_run,
};

const SyNodeKind *
sy_node_aggregate_get_kind (void)
{
  return &kind;
}
