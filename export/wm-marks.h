/* wm-marks.h — the one annotation renderer: every mark as the editor and every export draw it
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "wm-annotation.h"

G_BEGIN_DECLS

/* Everything here draws in image pixels on a context the caller may have scaled: the editor
 * canvas draws at its zoom, the exports at 1:1 into the picture itself, the player receives
 * those pictures. Text is laid out without hinted metrics, so a callout wraps the same way
 * at every scale. */

/* The flat colour a redaction leaves (0xRRGGBB). */
#define WM_MARKS_REDACT_RGB 0x3d3846

/* Fills every redaction of @annotations with solid paint, no anti-aliasing. */
guint  wm_marks_draw_redactions (cairo_t                 *cr,
                                 GPtrArray               *annotations);
/* Draws highlights, boxes, arrows and callouts (not redactions) in list order. */
void   wm_marks_draw            (cairo_t                 *cr,
                                 GPtrArray               *annotations,
                                 int                      image_width,
                                 int                      image_height);
void   wm_marks_draw_one        (cairo_t                 *cr,
                                 WmAnnotation            *annotation,
                                 int                      image_width,
                                 int                      image_height);
/* The area @annotation paints (strokes, arrow head and a callout grown to its text
 * included), clipped to the image. */
void   wm_marks_get_bounds      (WmAnnotation            *annotation,
                                 int                      image_width,
                                 int                      image_height,
                                 cairo_rectangle_int_t   *bounds);
/* The click marker: a red ring with a white halo around (@x, @y). */
void   wm_marks_draw_click      (cairo_t                 *cr,
                                 double                   x,
                                 double                   y,
                                 double                   radius);
/* While cropping: everything outside (@x, @y, @w, @h) dimmed. */
void   wm_marks_draw_crop       (cairo_t                 *cr,
                                 double                   x,
                                 double                   y,
                                 double                   w,
                                 double                   h,
                                 int                      image_width,
                                 int                      image_height);
/* A stroke width in image pixels that reads well at the image's size. */
double wm_marks_line_width      (int                      image_width);
void   wm_marks_rounded_rect    (cairo_t                 *cr,
                                 double                   x,
                                 double                   y,
                                 double                   w,
                                 double                   h,
                                 double                   r);

G_END_DECLS
