/* wm-sample.h — the short sample tutorial a new library starts with
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wm-store.h"

G_BEGIN_DECLS

/* Adds "Create your first report" (three steps on drawn screenshots) to @store. */
WmTutorial *wm_sample_create     (WmStore  *store,
                                  GError  **error);
/* A 1280×800 PNG of a made-up app with its @highlight-th control pressed (0–2). */
GBytes     *wm_sample_draw_screen (guint     highlight);

G_END_DECLS
