/* wm-export-pixels.h — decoding, redacting, comparing and encoding screenshots (private)
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "wm-step.h"
#include "wm-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)

/* An opaque RGB24 image surface from PNG bytes (16-bit and alpha PNGs included), or NULL
 * with WM_EXPORT_ERROR_BAD_IMAGE. */
cairo_surface_t *wm_export_decode_png        (GBytes                      *png,
                                              GError                     **error);
/* RGB PNG of @rect (NULL: all) at zlib level 9, unfiltered. */
GBytes          *wm_export_encode_png        (cairo_surface_t             *surface,
                                              const cairo_rectangle_int_t *rect,
                                              GError                     **error);
/* Rectangles (cairo_rectangle_int_t) covering every @tile_size square where @a and @b
 * (same size) differ, merged into runs and bands; returns the changed fraction (0..1). */
double           wm_export_diff_tiles        (cairo_surface_t             *a,
                                              cairo_surface_t             *b,
                                              int                          tile_size,
                                              GArray                      *rects);
/* A cairo_write_func_t appending to the GByteArray given as closure (PDF and PNG streams). */
cairo_status_t   wm_export_append_bytes      (void                        *closure,
                                              const unsigned char         *data,
                                              unsigned int                 length);
/* @surface as PNG bytes, by cairo's encoder (drawn screens, crops, fixtures). */
GBytes          *wm_export_surface_to_png    (cairo_surface_t             *surface);

/* A step's marks as every reader sees them, on @cr in image pixels (@width × @height):
 * redactions, then the annotations (wm-marks.c), then with @click the click marker. The
 * editor canvas, the player's pictures, the PDF and Markdown all come through here. */
void             wm_export_draw_step         (cairo_t                     *cr,
                                              WmStep                      *step,
                                              int                          width,
                                              int                          height,
                                              gboolean                     click);
/* A step's screenshot as readers of a static page see it: redactions burned in, then the
 * annotations and the click marker drawn; with @zoom, only the zoom around the click. */
cairo_surface_t *wm_export_render_step       (WmStore                     *store,
                                              WmStep                      *step,
                                              gboolean                     zoom,
                                              GError                     **error);
/* The zoom around a step's click in a @width × @height screenshot: a 16:9 window 960
 * pixels wide, grown to hold every mark of the step, kept inside the picture (the player's
 * View receives it in the model); the whole picture when the step has no click. */
void             wm_export_zoom_rect         (WmStep                      *step,
                                              int                          width,
                                              int                          height,
                                              cairo_rectangle_int_t       *rect);

G_END_DECLS
