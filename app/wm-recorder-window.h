/* wm-recorder-window.h — the small controller that stays on screen while recording
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_RECORDER_WINDOW (wm_recorder_window_get_type ())

G_DECLARE_FINAL_TYPE (WmRecorderWindow, wm_recorder_window, WM, RECORDER_WINDOW, AdwWindow)

/* Starts recording into @tutorial_id with the backend called @backend_name (NULL: the one
 * that fits this session). ::finished (tutorial id) follows "recorder.stop" once every
 * step is in the store. */
WmRecorderWindow *wm_recorder_window_new         (WmStore          *store,
                                                  const char       *tutorial_id,
                                                  const char       *backend_name,
                                                  GError          **error);
guint             wm_recorder_window_get_n_steps (WmRecorderWindow *self);
const char       *wm_recorder_window_get_backend_name (WmRecorderWindow *self);

G_END_DECLS
