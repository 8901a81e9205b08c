/* wm-change-detector.h — where did the screen change since the last shot? (the portal's hotspot)
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A rectangle in image pixels. */
typedef struct {
  int x;
  int y;
  int width;
  int height;
} WmChangeRect;

#define WM_TYPE_CHANGE_DETECTOR (wm_change_detector_get_type ())

G_DECLARE_FINAL_TYPE (WmChangeDetector, wm_change_detector, WM, CHANGE_DETECTOR, GObject)

WmChangeDetector *wm_change_detector_new   (void);

/* Compares @pixels (4 bytes a pixel, any channel order, @stride bytes a row) with the
 * frame fed before, then keeps a summary of it for the next call. Returns TRUE and sets
 * @region (the main changed area) and @x, @y (its centre: the suggested hotspot) when
 * one area stands out; FALSE for the first frame, a frame of another size, no change,
 * or a change over most of the screen (a new page or window, where only the author knows
 * what was clicked). Only a few KB of tile hashes are kept, never the frame. */
gboolean          wm_change_detector_feed  (WmChangeDetector *self,
                                            const guint8     *pixels,
                                            guint             width,
                                            guint             height,
                                            guint             stride,
                                            WmChangeRect     *region,
                                            int              *x,
                                            int              *y);
/* Forgets the previous frame (e.g. after a pause, where the two shots are unrelated). */
void              wm_change_detector_reset (WmChangeDetector *self);

G_END_DECLS
