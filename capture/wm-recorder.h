/* wm-recorder.h — turns a backend's frames into committed tutorial steps
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wm-capture-backend.h"
#include "wm-store.h"

G_BEGIN_DECLS

/* How many bytes of screenshots may wait for description, encoding and commit at once:
 * 32 frames of a 1080p monitor (8 MB each), 8 of a 4K one. A click that arrives when the
 * queue is full still becomes a step, without its screenshot, and the recorder says so
 * through ::error. */
#define WM_RECORDER_MAX_QUEUED_BYTES (256 * 1024 * 1024)

/* Two presses of the same button closer than this (and WM_RECORDER_DOUBLE_CLICK_DISTANCE
 * pixels) make one double-click step; GTK's default double-click time. */
#define WM_RECORDER_DOUBLE_CLICK_USEC (400 * G_TIME_SPAN_MILLISECOND)
#define WM_RECORDER_DOUBLE_CLICK_DISTANCE 4

#define WM_TYPE_RECORDER (wm_recorder_get_type ())

G_DECLARE_FINAL_TYPE (WmRecorder, wm_recorder, WM, RECORDER, GObject)

/* Records into the existing tutorial @tutorial_id of @store. Steps are committed by a
 * worker thread on its own connection to the same library file. */
WmRecorder       *wm_recorder_new           (WmStore           *store,
                                             const char        *tutorial_id,
                                             WmCaptureBackend  *backend);
WmCaptureBackend *wm_recorder_get_backend   (WmRecorder        *self);
const char       *wm_recorder_get_tutorial_id (WmRecorder      *self);
/* Steps committed so far by this recorder. */
guint             wm_recorder_get_n_steps   (WmRecorder        *self);
gboolean          wm_recorder_get_paused    (WmRecorder        *self);
/* TRUE from start() until every step is committed after stop(). */
gboolean          wm_recorder_get_running   (WmRecorder        *self);
gboolean          wm_recorder_get_record_keys (WmRecorder      *self);
void              wm_recorder_set_record_keys (WmRecorder      *self,
                                               gboolean         record_keys);

/* Opens the worker's store and starts the backend; ::step-committed and ::error are
 * emitted on the thread-default main context of this call. */
gboolean          wm_recorder_start         (WmRecorder        *self,
                                             GError           **error);
/* Stops observing at once; steps already taken are still committed, then ::finished
 * is emitted. Never blocks. */
void              wm_recorder_stop          (WmRecorder        *self);
void              wm_recorder_pause         (WmRecorder        *self);
void              wm_recorder_resume        (WmRecorder        *self);

/* "Capture step": asks the backend for one step now; it arrives as any other. */
void              wm_recorder_capture_step_async  (WmRecorder         *self,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gboolean          wm_recorder_capture_step_finish (WmRecorder         *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

G_END_DECLS
