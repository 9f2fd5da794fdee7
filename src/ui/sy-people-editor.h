/* sy-people-editor.h — who gets a task: people from the directory and variables
 *
 * The value is an array of assignees: person ids from the app's directory
 * ("me" is the desktop user) or placeholders that yield ids. People show
 * with their names; an id the directory does not know shows as it is.
 */
#pragma once

#include "sy-field-input.h"

G_BEGIN_DECLS

#define SY_TYPE_PEOPLE_EDITOR (sy_people_editor_get_type ())
G_DECLARE_FINAL_TYPE (SyPeopleEditor, sy_people_editor, SY, PEOPLE_EDITOR, GtkWidget)

/* Reads the directory from the application's engine, and follows it. */
GtkWidget *sy_people_editor_new           (void);
/* The directory shown (GPtrArray of SyPerson, copied); what the engine
 * gives, or a test's. */
void       sy_people_editor_set_people    (SyPeopleEditor *self,
                                           GPtrArray      *people);
/* What "Add Person" and "Add Variable" do. Rows are in assignee order:
 * AdwActionRows for people, AdwEntryRows for variables. */
GtkWidget *sy_people_editor_add_person    (SyPeopleEditor *self,
                                           const char     *id);
GtkWidget *sy_people_editor_add_variable  (SyPeopleEditor *self);
void       sy_people_editor_remove        (SyPeopleEditor *self,
                                           GtkWidget      *row);
GList     *sy_people_editor_get_rows      (SyPeopleEditor *self);
/* The people offered by "Add Person" (not yet assignees), as row titles. */
GPtrArray *sy_people_editor_list_choices  (SyPeopleEditor *self);
/* A variable row's picker button (SyVariableButton). */
GtkWidget *sy_people_editor_get_variables (GtkWidget      *row);

G_END_DECLS
