/* wm-a11y-status.h — accessibility switched on while recording, as screen readers do it
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the accessibility bus's org.a11y.Status IsEnabled to TRUE, remembering what it was;
 * Firefox, Chromium and Electron expose their accessible trees only while it is set.
 * Each call is paired with one wm_a11y_status_release(); the value is put back when the
 * last holder releases it. Both block on the session bus for at most a second. */
void     wm_a11y_status_hold      (void);
void     wm_a11y_status_release   (void);

G_END_DECLS
