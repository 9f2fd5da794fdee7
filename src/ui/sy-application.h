/* sy-application.h — the Switchyard application object */
#pragma once

#include <adwaita.h>

#include "sy-engine.h"

G_BEGIN_DECLS

#define SY_TYPE_APPLICATION (sy_application_get_type ())

G_DECLARE_FINAL_TYPE (SyApplication, sy_application, SY, APPLICATION, AdwApplication)

SyApplication *sy_application_new              (void);
SyApplication *sy_application_new_for_data_dir (const char    *data_dir);
GSettings     *sy_application_get_settings     (SyApplication *self);
SyEngine      *sy_application_get_engine       (SyApplication *self);

G_END_DECLS
