/* sy-binding-editor.h — which workflows each button of a collection runs, in order */
#pragma once

#include <adwaita.h>

#include "collections/sy-action-bindings.h"

G_BEGIN_DECLS

#define SY_TYPE_BINDING_EDITOR (sy_binding_editor_get_type ())
G_DECLARE_FINAL_TYPE (SyBindingEditor, sy_binding_editor, SY, BINDING_EDITOR, AdwWindow)

/* Edits a copy of `buttons` (the collection's, GPtrArray of
 * SyActionButton); the workflows offered come from `engine`. */
SyBindingEditor *sy_binding_editor_new            (GtkWindow         *parent,
                                                   SyEngine          *engine,
                                                   SyCollectionStore *reader,
                                                   SyCollection      *collection,
                                                   GPtrArray         *buttons);
/* The buttons as edited so far (transfer none). */
GPtrArray       *sy_binding_editor_get_buttons    (SyBindingEditor   *self);
/* TRUE once the workflows were listed. */
gboolean         sy_binding_editor_is_ready       (SyBindingEditor   *self);
/* Keys of the workflows button `index` may be bound to, in the order the
 * menu offers them (transfer full). */
GStrv            sy_binding_editor_get_candidates (SyBindingEditor   *self,
                                                   guint              index);
/* As the Add menu does: FALSE when the workflow may not be bound there. */
gboolean         sy_binding_editor_bind           (SyBindingEditor   *self,
                                                   guint              index,
                                                   const char        *workflow);
/* Adds an Update record (with the values it sets, JSON text) or a
 * Trigger workflow button; returns its index. */
guint            sy_binding_editor_add_button     (SyBindingEditor   *self,
                                                   SyButtonKind       kind,
                                                   const char        *title,
                                                   const char        *values);
/* What Save does: checks, emits "saved", closes. FALSE with the reason
 * shown when something is wrong. */
gboolean         sy_binding_editor_save           (SyBindingEditor   *self);
const char      *sy_binding_editor_get_problem    (SyBindingEditor   *self);

/* Signals: "saved" (GPtrArray *buttons) */

G_END_DECLS
