/* sy-action-bindings.h — the data view's buttons and the workflows bound to them
 *
 * NocoBase keeps a button's bound workflows in the button's settings; here
 * they live in `bindings.json` in the data directory
 * (`switchyard-bindings/1`), per collection:
 *
 *   { "format": "switchyard-bindings/1",
 *     "collections": { "orders": [
 *       { "button": "submit", "workflows": [ { "workflow": "check-stock" } ] },
 *       { "button": "update-record", "title": "Confirm", "values": { "status": "confirmed" },
 *         "workflows": [ { "workflow": "notify", "association": "product" } ] },
 *       { "button": "trigger", "title": "Recount", "workflows": [ … ] } ] } }
 *
 * Buttons: "submit" (the new-record form), "save" (the edit form),
 * "update-record" (a row action setting `values`), "delete" and "trigger"
 * ("Trigger workflow"). Which trigger types each may be bound to is the
 * "bind workflow" table (sy_action_button_allows). A button's workflows,
 * in order, are what sy_record_action_add_binding() (and the command
 * line's --trigger-workflows) take.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "collections/sy-engine-collections.h"

G_BEGIN_DECLS

#define SY_BINDINGS_FORMAT "switchyard-bindings/1"

typedef enum
{
  SY_BUTTON_SUBMIT,        /* form Submit (create) */
  SY_BUTTON_SAVE,          /* form Save (update) */
  SY_BUTTON_UPDATE_RECORD, /* row "Update record" */
  SY_BUTTON_DELETE,        /* row Delete */
  SY_BUTTON_TRIGGER,       /* "Trigger workflow" */
} SyButtonKind;

const char         *sy_button_kind_to_string   (SyButtonKind  kind);
gboolean            sy_button_kind_from_string (const char   *text,
                                                SyButtonKind *kind);
/* The action the button runs. */
SyRecordActionKind  sy_button_kind_get_action  (SyButtonKind  kind);
/* Whether a workflow with trigger `trigger_type` may be bound to a button
 * of `kind`: submit, save, update-record → request-interception, action,
 * approval; delete → request-interception; trigger → custom-action. */
gboolean            sy_button_kind_allows      (SyButtonKind  kind,
                                                const char   *trigger_type);

typedef struct
{
  char *workflow;    /* key */
  char *association; /* a belongs-to field whose record is the context; NULL = the whole record */
} SyBinding;

typedef struct
{
  SyButtonKind  kind;
  char         *title;    /* update-record and trigger: the button's label */
  JsonObject   *values;   /* update-record: what it sets (NULL = nothing) */
  GPtrArray    *bindings; /* of SyBinding, in the configured order */
} SyActionButton;

SyActionButton *sy_action_button_new          (SyButtonKind    kind,
                                               const char     *title);
SyActionButton *sy_action_button_copy         (SyActionButton *button);
void            sy_action_button_free         (SyActionButton *button);
void            sy_action_button_add_binding  (SyActionButton *button,
                                               const char     *workflow,
                                               const char     *association);
/* The bindings as --trigger-workflows writes them: "a,b!product". */
char           *sy_action_button_to_string    (SyActionButton *button);
/* Adds the button's bindings, in order, to `action`. */
void            sy_action_button_apply        (SyActionButton *button,
                                               SyRecordAction *action);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyActionButton, sy_action_button_free)

#define SY_TYPE_ACTION_BINDINGS (sy_action_bindings_get_type ())
G_DECLARE_FINAL_TYPE (SyActionBindings, sy_action_bindings, SY, ACTION_BINDINGS, GObject)

SyActionBindings *sy_action_bindings_new            (void);
/* Reads `bindings.json` of `data_dir`; a missing file is no bindings.
 * Errors name the file and the member ("collections.orders[1].button: …"). */
SyActionBindings *sy_action_bindings_load           (const char       *data_dir,
                                                     GError          **error);
SyActionBindings *sy_action_bindings_new_from_json  (JsonNode         *node,
                                                     GError          **error);
JsonNode         *sy_action_bindings_to_json        (SyActionBindings *self);
/* Writes `bindings.json` in `data_dir` (replacing it whole, atomically)
 * on a worker thread. */
void              sy_action_bindings_save_async     (SyActionBindings *self,
                                                     const char       *data_dir,
                                                     GCancellable     *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer          user_data);
gboolean          sy_action_bindings_save_finish    (SyActionBindings *self,
                                                     GAsyncResult     *result,
                                                     GError          **error);

/* The buttons of `collection` (GPtrArray of SyActionButton, owned by
 * self): the saved ones, else Submit, Save and Delete without workflows.
 * Submit, Save and Delete are always there, once each. */
GPtrArray        *sy_action_bindings_get_buttons    (SyActionBindings *self,
                                                     const char       *collection);
/* Replaces the buttons of `collection` (copies them). */
void              sy_action_bindings_set_buttons    (SyActionBindings *self,
                                                     const char       *collection,
                                                     GPtrArray        *buttons);
/* The first button of `kind` (transfer none). */
SyActionButton   *sy_action_bindings_find           (SyActionBindings *self,
                                                     const char       *collection,
                                                     SyButtonKind      kind);
/* Forgets a collection's buttons (it was dropped). */
void              sy_action_bindings_remove         (SyActionBindings *self,
                                                     const char       *collection);

G_END_DECLS
