/* sy-collection-editor.h — define a collection or change its definition */
#pragma once

#include <adwaita.h>

#include "sy-engine.h"
#include "collections/sy-collection.h"

G_BEGIN_DECLS

#define SY_TYPE_COLLECTION_EDITOR (sy_collection_editor_get_type ())
G_DECLARE_FINAL_TYPE (SyCollectionEditor, sy_collection_editor, SY, COLLECTION_EDITOR, AdwWindow)

/* `collection` NULL: a new one. `targets`: names of the collections a
 * link may point to. Saving goes through the engine. */
SyCollectionEditor *sy_collection_editor_new        (GtkWindow          *parent,
                                                     SyEngine           *engine,
                                                     SyCollection       *collection,
                                                     const char * const *targets);
/* Fills the editor from a `switchyard-collection/1` document (a file
 * opened with the Open button does this); FALSE with the reason shown
 * when it is no definition. */
gboolean            sy_collection_editor_load_json  (SyCollectionEditor *self,
                                                     JsonNode           *node);
/* The definition as typed so far. */
JsonNode           *sy_collection_editor_to_json    (SyCollectionEditor *self);
/* Adds an empty field row and returns it. */
GtkWidget          *sy_collection_editor_add_field  (SyCollectionEditor *self);
guint               sy_collection_editor_get_n_fields (SyCollectionEditor *self);
/* The row of field `index` (transfer none), or NULL. */
GtkWidget          *sy_collection_editor_get_field_row (SyCollectionEditor *self,
                                                     guint               index);
void                sy_collection_editor_set_title_text (SyCollectionEditor *self,
                                                     const char         *title);
/* The reason the last save was refused, or NULL. */
const char         *sy_collection_editor_get_problem (SyCollectionEditor *self);
/* What Save does: checks, then defines through the engine. */
void                sy_collection_editor_save       (SyCollectionEditor *self);

/* Signals: "saved" (const char *name) — then the window closes */

G_END_DECLS
