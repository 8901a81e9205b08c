/* wm-png-encoder.h — screenshots to PNG, tuned for speed on screen content
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Encodes cairo ARGB32 pixels (native endian, alpha ignored: screens are opaque) as an
 * 8-bit RGB PNG, tuned for screen content (see wm-png-encoder.c and bench/capture). */
GBytes *wm_png_encode_xrgb (const guint8  *pixels,
                            guint          width,
                            guint          height,
                            guint          stride,
                            GError       **error);

G_END_DECLS
