/* wm-x11-backend.h — recording on an X11 desktop: XInput2 raw events, XShm + XDamage
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wm-capture-backend.h"

G_BEGIN_DECLS

#define WM_TYPE_X11_BACKEND (wm_x11_backend_get_type ())

G_DECLARE_FINAL_TYPE (WmX11Backend, wm_x11_backend, WM, X11_BACKEND, WmCaptureBackend)

/* Fails with WM_CAPTURE_ERROR_NO_DISPLAY when there is no X11 display to record. */
WmCaptureBackend *wm_x11_backend_new (GError **error);

G_END_DECLS
