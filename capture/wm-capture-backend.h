/* wm-capture-backend.h — base of the recording backends (X11, portal)
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wm-step.h"

G_BEGIN_DECLS

#define WM_CAPTURE_ERROR (wm_capture_error_quark ())

typedef enum {
  WM_CAPTURE_ERROR_FAILED,
  WM_CAPTURE_ERROR_NO_DISPLAY,     /* no X11 display / no Wayland session */
  WM_CAPTURE_ERROR_UNSUPPORTED,    /* the server lacks an extension or portal */
  WM_CAPTURE_ERROR_DENIED,         /* the user or the portal refused */
  WM_CAPTURE_ERROR_CANCELLED,      /* the user cancelled a dialog */
} WmCaptureError;

GQuark wm_capture_error_quark (void);

typedef enum {
  WM_CAPTURE_CAN_OBSERVE_CLICKS = 1 << 0,  /* every click becomes a step by itself */
  WM_CAPTURE_CAN_OBSERVE_KEYS   = 1 << 1,  /* typing and shortcuts become steps */
  WM_CAPTURE_KNOWS_POINTER      = 1 << 2,  /* the hotspot is the real click position */
  WM_CAPTURE_CAN_DESCRIBE       = 1 << 3,  /* AT-SPI names what was clicked */
  WM_CAPTURE_NEEDS_TRIGGER      = 1 << 4,  /* steps come from "Capture step" only */
} WmCaptureCapabilities;

/* One captured step on its way to the store. A backend fills the step (kind, point,
 * button, modifiers, target, text, captured_at) and either raw pixels (cairo ARGB32,
 * native endian, @stride bytes a row) or ready PNG bytes. Owned by whoever holds it. */
typedef struct {
  WmStep *step;
  GBytes *pixels;
  guint   width;
  guint   height;
  guint   stride;
  GBytes *png;
  gint64  pressed_at;   /* monotonic usec of the press/trigger, for latency figures */
  gint64  framed_at;    /* monotonic usec when the frame was in memory */
  /* Where it happened, so the recorder can ask AT-SPI what was clicked; 0 when unknown.
   * The window origin is in image pixels (the step's point minus it is window-relative). */
  GPid    pid;
  int     window_x;
  int     window_y;
  /* A frame without pixels or text that only says the first key of some typing was
   * pressed (at @pressed_at, in the window of @pid): the recorder asks then where the
   * text goes, instead of when the next action ends the typing and has moved the focus.
   * The typing's own frame, with the text, follows with the same @pressed_at. */
  gboolean typing_began;
} WmCaptureFrame;

WmCaptureFrame *wm_capture_frame_new  (WmStep         *step);
void            wm_capture_frame_free (WmCaptureFrame *frame);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmCaptureFrame, wm_capture_frame_free)

#define WM_TYPE_CAPTURE_BACKEND (wm_capture_backend_get_type ())

G_DECLARE_DERIVABLE_TYPE (WmCaptureBackend, wm_capture_backend, WM, CAPTURE_BACKEND, GObject)

struct _WmCaptureBackendClass
{
  GObjectClass parent_class;

  /* Begin observing; frames then arrive through wm_capture_backend_emit_frame() on the
   * thread-default main context of the caller of start(). */
  gboolean              (*start)            (WmCaptureBackend  *self,
                                             GError           **error);
  void                  (*stop)             (WmCaptureBackend  *self);
  void                  (*set_paused)       (WmCaptureBackend  *self,
                                             gboolean           paused);
  /* "Capture step": one frame now (portal; X11 takes a manual step of the screen). */
  void                  (*capture_step_async)  (WmCaptureBackend   *self,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
  gboolean              (*capture_step_finish) (WmCaptureBackend  *self,
                                                GAsyncResult      *result,
                                                GError           **error);
  WmCaptureCapabilities (*get_capabilities) (WmCaptureBackend  *self);

  gpointer padding[8];
};

/* Creates the backend by name ("x11", "portal") or, for NULL, the one that fits this
 * session: X11 when DISPLAY is set and WAYLAND_DISPLAY is not, the portal otherwise. */
WmCaptureBackend      *wm_capture_backend_new_for_name  (const char        *name,
                                                          GError           **error);
const char            *wm_capture_backend_get_name      (WmCaptureBackend  *self);
gboolean               wm_capture_backend_start         (WmCaptureBackend  *self,
                                                          GError           **error);
void                   wm_capture_backend_stop          (WmCaptureBackend  *self);
gboolean               wm_capture_backend_get_paused    (WmCaptureBackend  *self);
void                   wm_capture_backend_set_paused    (WmCaptureBackend  *self,
                                                          gboolean           paused);
void                   wm_capture_backend_capture_step_async  (WmCaptureBackend   *self,
                                                               GCancellable       *cancellable,
                                                               GAsyncReadyCallback callback,
                                                               gpointer            user_data);
gboolean               wm_capture_backend_capture_step_finish (WmCaptureBackend  *self,
                                                               GAsyncResult      *result,
                                                               GError           **error);
WmCaptureCapabilities  wm_capture_backend_get_capabilities (WmCaptureBackend *self);

/* For subclasses: hands a frame on and frees it afterwards (emit_frame takes ownership:
 * handlers ref or copy what they keep). Call on the backend's main context. */
void                   wm_capture_backend_emit_frame    (WmCaptureBackend  *self,
                                                          WmCaptureFrame    *frame);

G_END_DECLS
