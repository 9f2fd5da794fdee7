/* sy-people-page.h — Preferences › People: the directory tasks are assigned from */
#pragma once

#include <adwaita.h>

#include "sy-engine.h"

G_BEGIN_DECLS

#define SY_TYPE_PEOPLE_PAGE (sy_people_page_get_type ())
G_DECLARE_FINAL_TYPE (SyPeoplePage, sy_people_page, SY, PEOPLE_PAGE, AdwPreferencesPage)

GtkWidget  *sy_people_page_new        (void);
/* Lists the engine's people and follows "people-changed". */
void        sy_people_page_set_engine (SyPeoplePage *self,
                                       SyEngine     *engine);
/* The rows shown (tests): one per person, "me" first. */
GtkListBox *sy_people_page_get_list   (SyPeoplePage *self);

/* Actions: people.add, people.edit(s), people.remove(s) — edit and remove
 * ask in a dialog first. Signal: "refreshed" () after each listing. */

G_END_DECLS
