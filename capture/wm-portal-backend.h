/* wm-portal-backend.h — recording on Wayland: each step is a Screenshot portal call
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wm-capture-backend.h"

G_BEGIN_DECLS

#define WM_TYPE_PORTAL_BACKEND (wm_portal_backend_get_type ())

G_DECLARE_FINAL_TYPE (WmPortalBackend, wm_portal_backend, WM, PORTAL_BACKEND, WmCaptureBackend)

/* The longest countdown the backend accepts, in seconds. */
#define WM_PORTAL_BACKEND_MAX_COUNTDOWN 10

/* Fails when there is no session bus, no portal, or no Screenshot behind it, with a
 * message that says what to install; start() looks again. */
WmCaptureBackend *wm_portal_backend_new           (GError          **error);

/* Seconds between "Capture step" and the shot, so the author can open a menu or move the
 * pointer first; ::countdown ticks each second (remaining, then 0 just before the shot). */
guint             wm_portal_backend_get_countdown (WmPortalBackend  *self);
void              wm_portal_backend_set_countdown (WmPortalBackend  *self,
                                                   guint             seconds);

/* The portal's Screenshot interface version seen by start(), 0 before. */
guint             wm_portal_backend_get_portal_version (WmPortalBackend *self);

G_END_DECLS
