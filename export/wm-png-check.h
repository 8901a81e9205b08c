/* wm-png-check.h — decodes an untrusted PNG completely, within limits, to prove it sound
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Far above any real screen (8K is 7680×4320), far below what could exhaust memory. */
#define WM_PNG_MAX_DIMENSION 16384
#define WM_PNG_MAX_PIXELS    (64u * 1024 * 1024)
/* Ancillary chunks (text, ICC profiles) a screenshot never needs more of. */
#define WM_PNG_MAX_CHUNK     (4u * 1024 * 1024)

/* Decodes every row of @data with libpng under the limits above, checking every CRC and
 * that nothing follows the image's end. On success sets the size from the header. Fails
 * with WM_STORE_ERROR_INVALID_IMAGE and a one-line reason otherwise. Memory use is one
 * row, whatever the file claims. */
gboolean wm_png_check (const guint8  *data,
                       gsize          len,
                       guint         *width,
                       guint         *height,
                       GError       **error);

G_END_DECLS
