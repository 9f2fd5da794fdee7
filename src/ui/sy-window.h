/* sy-window.h — the main window: workflows sidebar and content area */
#pragma once

#include <adwaita.h>

#include "sy-application.h"

G_BEGIN_DECLS

#define SY_TYPE_WINDOW (sy_window_get_type ())

G_DECLARE_FINAL_TYPE (SyWindow, sy_window, SY, WINDOW, AdwApplicationWindow)

SyWindow *sy_window_new       (SyApplication *application);
void      sy_window_add_toast (SyWindow      *self,
                               AdwToast      *toast);

G_END_DECLS
