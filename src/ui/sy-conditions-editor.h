/* sy-conditions-editor.h — the condition rules of the "basic" engine, edited as rows
 *
 * The value is sy-condition-rules.h's shape: a group {"group": {"type":
 * "and"|"or", "calculations": [...]}} whose calculations are rules
 * {"calculator": "gt", "operands": [left, right]} or nested groups. Each
 * rule is a row: left operand, operator, right operand, each operand with
 * the variable picker.
 */
#pragma once

#include "sy-field-input.h"

G_BEGIN_DECLS

#define SY_TYPE_CONDITIONS_EDITOR (sy_conditions_editor_get_type ())
G_DECLARE_FINAL_TYPE (SyConditionsEditor, sy_conditions_editor, SY, CONDITIONS_EDITOR, GtkWidget)

GtkWidget *sy_conditions_editor_new            (void);

/* For tests and keyboard-free use: what the buttons do. `group` NULL is
 * the outer group; groups and rules are the widgets the editor made. */
GtkWidget *sy_conditions_editor_add_rule       (SyConditionsEditor *self,
                                                GtkWidget          *group);
GtkWidget *sy_conditions_editor_add_group      (SyConditionsEditor *self,
                                                GtkWidget          *group);
void       sy_conditions_editor_remove         (SyConditionsEditor *self,
                                                GtkWidget          *rule_or_group);
/* The outer group, and the rules and groups directly in a group, in order. */
GtkWidget *sy_conditions_editor_get_root       (SyConditionsEditor *self);
GList     *sy_conditions_editor_get_items      (SyConditionsEditor *self,
                                                GtkWidget          *group);
/* Parts of a rule: "left", "right" (GtkEntry), "operator" (GtkDropDown),
 * "left-variables", "right-variables" (SyVariableButton); of a group:
 * "mode" (GtkDropDown: 0 all, 1 any). */
GtkWidget *sy_conditions_editor_get_part       (GtkWidget          *rule_or_group,
                                                const char         *part);

G_END_DECLS
