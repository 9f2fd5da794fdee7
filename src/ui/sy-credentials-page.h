/* sy-credentials-page.h — Preferences › Credentials: stored secrets by name */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SY_TYPE_CREDENTIALS_PAGE (sy_credentials_page_get_type ())
G_DECLARE_FINAL_TYPE (SyCredentialsPage, sy_credentials_page, SY, CREDENTIALS_PAGE, AdwPreferencesPage)

GtkWidget *sy_credentials_page_new (void);

G_END_DECLS
