/* wm-application.h — the Waymark GApplication: library, settings, app-wide actions
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_APPLICATION (wm_application_get_type ())

G_DECLARE_FINAL_TYPE (WmApplication, wm_application, WM, APPLICATION, AdwApplication)

WmApplication *wm_application_new          (void);
/* The library; NULL (with the reason in @error) when it cannot be opened. */
WmStore       *wm_application_get_store    (WmApplication *self,
                                            GError       **error);
GSettings     *wm_application_get_settings (WmApplication *self);

/* Makes sure the app's GResource is linked and registered (tests, benchmarks). */
void           wm_resources_ensure         (void);
/* Before GTK starts: on a machine without a GPU, draw with cairo and never load GL. */
void           wm_application_choose_renderer (void);

G_END_DECLS
