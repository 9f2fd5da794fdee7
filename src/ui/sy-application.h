/* sy-application.h — the Switchyard application object */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SY_TYPE_APPLICATION (sy_application_get_type ())

G_DECLARE_FINAL_TYPE (SyApplication, sy_application, SY, APPLICATION, AdwApplication)

SyApplication *sy_application_new          (void);
GSettings     *sy_application_get_settings (SyApplication *self);

G_END_DECLS
