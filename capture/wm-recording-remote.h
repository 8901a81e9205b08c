/* wm-recording-remote.h — the running recording on the session bus, for `waymark --capture-step`
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wm-recorder.h"

G_BEGIN_DECLS

/* Whoever records (the app or `waymark record`) owns this name and exports its actions
 * (org.gtk.Actions) at this path; `waymark --capture-step` activates "capture-step" there,
 * so one keyboard shortcut in the desktop's settings works for both. */
#define WM_RECORDING_BUS_NAME "org.waymark.Waymark.Recording"
#define WM_RECORDING_OBJECT_PATH "/org/waymark/Waymark/Recording"

#define WM_TYPE_RECORDING_REMOTE (wm_recording_remote_get_type ())

G_DECLARE_FINAL_TYPE (WmRecordingRemote, wm_recording_remote, WM, RECORDING_REMOTE, GObject)

/* Actions: "capture-step" (asks @recorder for a step, unless a ::capture-requested handler
 * takes it and returns TRUE), "pause", "resume". The result of a step that fails (refused,
 * cancelled) is reported through ::capture-failed, since a remote activation has no reply
 * to carry it. */
WmRecordingRemote *wm_recording_remote_new              (WmRecorder         *recorder);
GActionGroup      *wm_recording_remote_get_action_group (WmRecordingRemote  *self);

/* Owns WM_RECORDING_BUS_NAME on the session bus and exports the actions; fails with a
 * clear message when another recording already owns it. Unexported on dispose. */
gboolean           wm_recording_remote_export           (WmRecordingRemote  *self,
                                                         GError            **error);

G_END_DECLS
