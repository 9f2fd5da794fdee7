/* sy-inspector.h — the selected node's or the trigger's settings, built from its kind's fields */
#pragma once

#include <gtk/gtk.h>

#include "sy-workflow-document.h"

G_BEGIN_DECLS

#define SY_TYPE_INSPECTOR (sy_inspector_get_type ())
G_DECLARE_FINAL_TYPE (SyInspector, sy_inspector, SY, INSPECTOR, GtkWidget)

GtkWidget          *sy_inspector_new          (void);
SyWorkflowDocument *sy_inspector_get_document (SyInspector        *self);
void                sy_inspector_set_document (SyInspector        *self,
                                               SyWorkflowDocument *document);
/* The node being inspected; NULL with is_trigger FALSE shows nothing. */
SyNode             *sy_inspector_get_node     (SyInspector        *self);
void                sy_inspector_set_node     (SyInspector        *self,
                                               SyNode             *node);
void                sy_inspector_show_trigger (SyInspector        *self);
gboolean            sy_inspector_is_trigger   (SyInspector        *self);
/* The editor of config member `name` (a SyFieldEditor), or NULL. */
GtkWidget          *sy_inspector_get_field    (SyInspector        *self,
                                               const char         *name);

/* Properties: "document", "node". */

G_END_DECLS
