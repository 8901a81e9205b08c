/* wm-image.h — a screenshot, content-addressed by the SHA-256 of its PNG bytes
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WM_TYPE_IMAGE (wm_image_get_type ())

G_DECLARE_FINAL_TYPE (WmImage, wm_image, WM, IMAGE, GObject)

/* Reads width and height from the PNG header; fails with WM_STORE_ERROR_INVALID_IMAGE
 * for anything that is not a PNG. The pixels are not decoded here. */
WmImage    *wm_image_new_from_png    (GBytes      *png,
                                      GError     **error);
WmImage    *wm_image_new_from_file   (GFile       *file,
                                      GError     **error);
/* For the store: trusts width/height/sha256 it wrote itself. */
WmImage    *wm_image_new_full        (const char  *sha256,
                                      guint        width,
                                      guint        height,
                                      GBytes      *png);
const char *wm_image_get_sha256      (WmImage     *self);
guint       wm_image_get_width       (WmImage     *self);
guint       wm_image_get_height      (WmImage     *self);
GBytes     *wm_image_get_png         (WmImage     *self);

/* Parses the IHDR of @data; FALSE if it is not a well-formed PNG signature + IHDR. */
gboolean    wm_png_read_size         (const guint8 *data,
                                      gsize         len,
                                      guint        *width,
                                      guint        *height);

G_END_DECLS
