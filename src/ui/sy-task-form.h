/* sy-task-form.h — the fields of a task's (or a request's) form, editable */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SY_TYPE_TASK_FORM (sy_task_form_get_type ())
G_DECLARE_FINAL_TYPE (SyTaskForm, sy_task_form, SY, TASK_FORM, GtkWidget)

/* `form`: an array of fields {name, label, type, options, default,
 * required} (types text, multiline, number, switch, date, choice); `values`
 * (an object, may be NULL) go over the defaults. Both are copied. */
GtkWidget *sy_task_form_new         (JsonNode   *form,
                                     JsonNode   *values);
/* The values as they stand, an object by field name. */
JsonNode  *sy_task_form_get_values  (SyTaskForm *self);
/* FALSE with `error` naming the first field that is not right: a number
 * field holding something else, or a required field left empty. */
gboolean   sy_task_form_check       (SyTaskForm *self,
                                     GError    **error);
/* Sets one field as if typed or picked; FALSE for an unknown name. */
gboolean   sy_task_form_set_value   (SyTaskForm *self,
                                     const char *name,
                                     JsonNode   *value);
/* The row that edits a field (tests, focus), or NULL. */
GtkWidget *sy_task_form_get_field   (SyTaskForm *self,
                                     const char *name);
guint      sy_task_form_get_n_fields (SyTaskForm *self);
/* Read-only forms show the values but cannot be changed. */
void       sy_task_form_set_editable (SyTaskForm *self,
                                     gboolean    editable);

G_END_DECLS
