/* sy-node-loop.c — runs the "body" branch once per item of `target`
 *
 * Target: an array gives its elements, a number that many iterations (item
 * = index; decimals floored, negative is an error), a string its
 * characters, null nothing, anything else one item. It is resolved once,
 * when the loop starts, and kept in meta with the position, so a restart
 * continues where the loop was.
 *
 * Result {looped, done, broken?, exceeded?}: looped counts the items the
 * loop has gone past (run or skipped), done the body runs that counted as
 * done (resolved, or failed with exit "continue"). A body that fails ends
 * the loop with its status (exit 0 "return"), resolves it with broken:true
 * (1 "break") or counts as done (2 "continue").
 *
 * The optional condition is checked before (checkpoint 0) or after (1)
 * each item, with the loop's own scope visible; when false the loop stops
 * (broken:true) or, with continueOnFalse, goes on with the next item.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "sy-node-helpers.h"
#include "sy-nodes.h"
#include "sy-template.h"

#define DEFAULT_LIMIT 10000

typedef enum
{
  EXIT_RETURN   = 0,
  EXIT_BREAK    = 1,
  EXIT_CONTINUE = 2,
} LoopExit;

typedef enum
{
  CHECKPOINT_BEFORE = 0,
  CHECKPOINT_AFTER  = 1,
} Checkpoint;

static const char * const branches[] = { "body", NULL };

static const char * const exit_names[] = { "return", "break", "continue", NULL };
static const char * const checkpoint_names[] = { "before", "after", NULL };

static const char * const exit_labels[] = {
  N_("End the workflow with the failure"), N_("Stop the loop and continue after it"),
  N_("Go on with the next item"), NULL,
};

static const SyFieldSpec fields[] = {
  { "target", N_("Loop over"), SY_FIELD_TEXT,
    N_("A list (each element), a number (that many times) or a text (each character)."),
    NULL, NULL, NULL, NULL, TRUE, TRUE, NULL },
  { "condition", N_("Condition"), SY_FIELD_JSON,
    N_("false, or {checkpoint: 0 before / 1 after each item, continueOnFalse, engine, calculation or expression}."),
    NULL, NULL, NULL, "false", FALSE, TRUE, NULL },
  { "exit", N_("When an item fails"), SY_FIELD_CHOICE, NULL,
    NULL, exit_names, exit_labels, "\"return\"", FALSE, FALSE, NULL },
  { NULL },
};

static guint64
iteration_limit (void)
{
  const char *text = g_getenv ("SWITCHYARD_LOOP_LIMIT");
  guint64 limit;
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return DEFAULT_LIMIT;

  limit = g_ascii_strtoull (text, &end, 10);
  if (*end != '\0' || limit == 0)
    return DEFAULT_LIMIT;

  return limit;
}

/* NocoBase's numbers (also as text) or the spec's names; -1 when neither. */
static int
parse_enum (JsonNode           *value,
            const char * const *names,
            int                 fallback)
{
  gint64 number = -1;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return fallback;

  if (!JSON_NODE_HOLDS_VALUE (value))
    return -1;

  if (json_node_get_value_type (value) == G_TYPE_INT64)
    number = json_node_get_int (value);
  else if (json_node_get_value_type (value) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (value);

      for (int i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], text))
          return i;
      if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT, &number, NULL))
        return -1;
    }

  return number >= 0 && number < (gint64) g_strv_length ((char **) names) ? (int) number : -1;
}

static LoopExit
get_exit (SyNode *node)
{
  int value = parse_enum (sy_node_get_config_member (node, "exit"), exit_names, EXIT_RETURN);

  return value < 0 ? EXIT_RETURN : (LoopExit) value;
}

/* The condition object, or NULL when there is none (absent, null, false). */
static JsonObject *
get_condition (SyNode *node)
{
  JsonNode *condition = sy_node_get_config_member (node, "condition");

  if (condition == NULL || !JSON_NODE_HOLDS_OBJECT (condition))
    return NULL;

  return json_node_get_object (condition);
}

static Checkpoint
get_checkpoint (JsonObject *condition)
{
  int value = parse_enum (json_object_get_member (condition, "checkpoint"), checkpoint_names, CHECKPOINT_BEFORE);

  return value < 0 ? CHECKPOINT_BEFORE : (Checkpoint) value;
}

static gboolean
continues_on_false (JsonObject *condition)
{
  JsonNode *value = json_object_get_member (condition, "continueOnFalse");

  return value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
         json_node_get_value_type (value) == G_TYPE_BOOLEAN && json_node_get_boolean (value);
}

static void
loop_validate (SyNode       *node,
               SyValidation *validation)
{
  JsonObject *config = sy_node_get_config (node);
  JsonNode *condition = json_object_get_member (config, "condition");

  sy_validation_push (validation, "config");

  if (!json_object_has_member (config, "target"))
    sy_validation_add (validation, "target", _("what to loop over is required"));

  if (parse_enum (json_object_get_member (config, "exit"), exit_names, EXIT_RETURN) < 0)
    sy_validation_add (validation, "exit", _("must be 0 (return), 1 (break) or 2 (continue)"));

  if (condition != NULL && JSON_NODE_HOLDS_OBJECT (condition))
    {
      JsonObject *object = json_node_get_object (condition);

      sy_validation_push (validation, "condition");
      if (parse_enum (json_object_get_member (object, "checkpoint"), checkpoint_names, CHECKPOINT_BEFORE) < 0)
        sy_validation_add (validation, "checkpoint", _("must be 0 (before each item) or 1 (after)"));
      sy_check_boolean (object, "continueOnFalse", validation);
      sy_condition_check (object, validation);
      sy_validation_pop (validation);
    }
  else if (condition != NULL && !JSON_NODE_HOLDS_NULL (condition) &&
           !(JSON_NODE_HOLDS_VALUE (condition) && json_node_get_value_type (condition) == G_TYPE_BOOLEAN &&
             !json_node_get_boolean (condition)))
    sy_validation_add (validation, "condition", _("must be false or a condition object"));

  sy_validation_pop (validation);
}

/* How many items `target` yields. */
static gboolean
target_length (JsonNode  *target,
               guint64   *length,
               GError   **error)
{
  *length = 0;

  if (target == NULL || JSON_NODE_HOLDS_NULL (target))
    return TRUE;

  if (JSON_NODE_HOLDS_ARRAY (target))
    {
      *length = json_array_get_length (json_node_get_array (target));
      return TRUE;
    }

  if (JSON_NODE_HOLDS_OBJECT (target))
    {
      *length = 1;
      return TRUE;
    }

  switch (json_node_get_value_type (target))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      {
        double count = json_node_get_double (target);

        if (isnan (count) || count < 0)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("cannot loop a negative number of times (%g)"), count);
            return FALSE;
          }
        *length = count >= (double) G_MAXUINT64 ? G_MAXUINT64 : (guint64) floor (count);
        return TRUE;
      }

    case G_TYPE_STRING:
      *length = g_utf8_strlen (json_node_get_string (target), -1);
      return TRUE;

    default:
      *length = 1;
      return TRUE;
    }
}

static JsonNode *
target_item (JsonNode *target,
             guint64   index)
{
  if (target == NULL || JSON_NODE_HOLDS_NULL (target))
    return json_node_new (JSON_NODE_NULL);

  if (JSON_NODE_HOLDS_ARRAY (target))
    {
      JsonArray *array = json_node_get_array (target);

      if (index >= json_array_get_length (array))
        return json_node_new (JSON_NODE_NULL);
      return json_node_copy (json_array_get_element (array, (guint) index));
    }

  if (JSON_NODE_HOLDS_VALUE (target) &&
      (json_node_get_value_type (target) == G_TYPE_INT64 || json_node_get_value_type (target) == G_TYPE_DOUBLE))
    return json_node_init_int (json_node_alloc (), (gint64) index);

  if (JSON_NODE_HOLDS_VALUE (target) && json_node_get_value_type (target) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (target);
      const char *start, *end;
      g_autofree char *character = NULL;

      if (index >= (guint64) g_utf8_strlen (text, -1))
        return json_node_new (JSON_NODE_NULL);
      start = g_utf8_offset_to_pointer (text, (glong) index);
      end = g_utf8_next_char (start);
      character = g_strndup (start, end - start);
      return json_node_init_string (json_node_alloc (), character);
    }

  return json_node_copy (target);
}

/* State kept in the job's meta. */
typedef struct
{
  JsonNode *target; /* borrowed from meta */
  guint64   length;
  guint64   index;  /* the item in progress */
  guint64   looped;
  guint64   done;
} LoopState;

static void
load_state (SyRun     *run,
            LoopState *state)
{
  JsonObject *meta = sy_run_get_meta (run);

  state->target = json_object_get_member (meta, "target");
  state->length = json_object_get_int_member_with_default (meta, "length", 0);
  state->index = json_object_get_int_member_with_default (meta, "index", 0);
  state->looped = json_object_get_int_member_with_default (meta, "looped", 0);
  state->done = json_object_get_int_member_with_default (meta, "done", 0);
}

static JsonNode *
state_result (const LoopState *state,
              gboolean         broken)
{
  JsonObject *result = json_object_new ();

  json_object_set_int_member (result, "looped", state->looped);
  json_object_set_int_member (result, "done", state->done);
  if (broken)
    json_object_set_boolean_member (result, "broken", TRUE);

  return json_node_init_object (json_node_alloc (), result);
}

static void
save_state (SyRun           *run,
            const LoopState *state)
{
  JsonObject *meta = sy_run_get_meta (run);
  SyJob *job = sy_run_get_job (run);

  json_object_set_int_member (meta, "index", state->index);
  json_object_set_int_member (meta, "looped", state->looped);
  json_object_set_int_member (meta, "done", state->done);

  /* Progress is visible while the loop runs. */
  g_clear_pointer (&job->result, json_node_unref);
  job->result = state_result (state, FALSE);
}

/* The condition sees the loop's own scope, which the processor only sets up
 * for the nodes inside the body. */
static gboolean
check_condition (SyRun            *run,
                 JsonObject       *condition,
                 const LoopState  *state,
                 gboolean         *result,
                 GError          **error)
{
  SyNode *node = sy_run_get_node (run);
  g_autoptr(SyVariables) variables = sy_variables_copy (sy_run_get_variables (run));
  g_autoptr(JsonNode) item = target_item (state->target, state->index);
  const char *engine = sy_object_get_string (condition, "engine", "basic");
  g_autoptr(JsonNode) calculation = NULL;

  sy_variables_set_scope (variables, sy_node_get_key (node), item, (guint) state->index, (guint) state->length);

  if (g_str_equal (engine, "basic"))
    {
      calculation = sy_template_render (json_object_get_member (condition, "calculation"), variables, error);
      if (calculation == NULL)
        return FALSE;
    }

  return sy_condition_evaluate (engine, calculation, sy_object_get_string (condition, "expression", NULL),
                                variables, result, error);
}

static SyStep
condition_error (SyRun           *run,
                 const LoopState *state,
                 const GError    *error)
{
  g_autofree char *item = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) state->index + 1);

  return sy_run_error (run, _("loop condition at item %s: %s"), item, error->message);
}

/* Runs the body for the first item from `state->index` on that the
 * condition lets through; resolves when there is none left. */
static SyStep
advance (SyRun     *run,
         LoopState *state)
{
  JsonObject *condition = get_condition (sy_run_get_node (run));

  for (; state->index < state->length; state->index++)
    {
      if (condition != NULL && get_checkpoint (condition) == CHECKPOINT_BEFORE)
        {
          g_autoptr(GError) error = NULL;
          gboolean pass = FALSE;

          if (!check_condition (run, condition, state, &pass, &error))
            {
              save_state (run, state);
              return condition_error (run, state, error);
            }
          if (!pass && !continues_on_false (condition))
            {
              save_state (run, state);
              return sy_run_resolve (run, state_result (state, TRUE));
            }
          if (!pass)
            {
              state->looped++;
              continue;
            }
        }

      save_state (run, state);
      sy_run_start_branch (run, "body");
      return sy_run_wait (run);
    }

  save_state (run, state);
  return sy_run_resolve (run, state_result (state, FALSE));
}

static SyStep
loop_run (SyRun *run)
{
  SyNode *node = sy_run_get_node (run);
  JsonObject *meta = sy_run_get_meta (run);
  JsonObject *config;
  JsonNode *target;
  g_autoptr(GError) error = NULL;
  LoopState state = { 0 };
  guint64 limit = iteration_limit ();

  config = sy_run_get_config (run, &error);
  if (config == NULL)
    return sy_run_error_from_gerror (run, error);

  target = json_object_get_member (config, "target");
  if (!target_length (target, &state.length, &error))
    return sy_run_error_from_gerror (run, error);

  if (state.length > limit)
    {
      g_autoptr(JsonNode) result = state_result (&state, FALSE);
      g_autofree char *length = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) state.length);
      g_autofree char *most = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) limit);
      g_autofree char *message = g_strdup_printf (_("the loop has %s items, more than the limit of "
                                                    "%s iterations (set SWITCHYARD_LOOP_LIMIT to change it)"),
                                                  length, most);

      sy_run_append_log (run, "%s", message);
      json_object_set_boolean_member (json_node_get_object (result), "exceeded", TRUE);
      json_object_set_string_member (json_node_get_object (result), "message", message);
      return sy_run_finish (run, SY_STATUS_ERROR, g_steal_pointer (&result));
    }

  /* Nothing to run each time: every item passes at once. */
  if (sy_node_get_branch_head (node, "body") == NULL)
    {
      state.looped = state.done = state.length;
      return sy_run_resolve (run, state_result (&state, FALSE));
    }

  json_object_set_member (meta, "target", target != NULL ? json_node_copy (target) : json_node_new (JSON_NODE_NULL));
  json_object_set_int_member (meta, "length", state.length);
  load_state (run, &state);

  return advance (run, &state);
}

static SyStep
loop_resume_branch (SyRun *run,
                    SyJob *branch_job)
{
  JsonObject *condition = get_condition (sy_run_get_node (run));
  LoopState state;

  load_state (run, &state);

  if (branch_job->status != SY_STATUS_RESOLVED)
    {
      switch (get_exit (sy_run_get_node (run)))
        {
        case EXIT_BREAK:
          save_state (run, &state);
          return sy_run_resolve (run, state_result (&state, TRUE));
        case EXIT_CONTINUE:
          break;
        case EXIT_RETURN:
        default:
          save_state (run, &state);
          return sy_run_finish (run, branch_job->status, state_result (&state, FALSE));
        }
    }

  state.looped++;
  state.done++;

  if (condition != NULL && get_checkpoint (condition) == CHECKPOINT_AFTER)
    {
      g_autoptr(GError) error = NULL;
      gboolean pass = FALSE;

      if (!check_condition (run, condition, &state, &pass, &error))
        {
          save_state (run, &state);
          return condition_error (run, &state, error);
        }
      if (!pass && !continues_on_false (condition))
        {
          save_state (run, &state);
          return sy_run_resolve (run, state_result (&state, TRUE));
        }
    }

  state.index++;
  return advance (run, &state);
}

static JsonNode *
loop_get_scope (SyNode *node,
                SyJob  *job)
{
  JsonObject *meta, *scope;
  guint64 index;

  if (job->meta == NULL || !JSON_NODE_HOLDS_OBJECT (job->meta))
    return NULL;

  meta = json_node_get_object (job->meta);
  index = json_object_get_int_member_with_default (meta, "index", 0);

  scope = json_object_new ();
  json_object_set_member (scope, "item", target_item (json_object_get_member (meta, "target"), index));
  json_object_set_int_member (scope, "index", index);
  json_object_set_int_member (scope, "sequence", index + 1);
  json_object_set_int_member (scope, "length", json_object_get_int_member_with_default (meta, "length", 0));

  return json_node_init_object (json_node_alloc (), scope);
}

static char *
loop_branch_label (SyNode     *node,
                   const char *branch)
{
  return g_strcmp0 (branch, "body") == 0 ? g_strdup (_("Body")) : NULL;
}

static const SyNodeKind kind = {
  .type = "loop",
  .title = N_("Loop"),
  .description = N_("Run a branch for each item of a list, a number of times, or each character"),
  .category = "control",
  .icon_name = "media-playlist-repeat-symbolic",
  .flags = SY_NODE_KIND_BRANCHING,
  .branches = branches,
  .fields = fields,
  .validate = loop_validate,
  .run = loop_run,
  .resume_branch = loop_resume_branch,
  .get_scope = loop_get_scope,
  .branch_label = loop_branch_label,
};

const SyNodeKind *
sy_node_loop_get_kind (void)
{
  return &kind;
}
