/* fuzz-png.c — libFuzzer target: the PNG check decodes anything within its limits, or
 * refuses it with one line, never crashes or reads out of bounds
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wm-png-check.h"
#include "wm-store.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  guint width = 0, height = 0;

  if (wm_png_check (data, size, &width, &height, &error))
    g_assert (width > 0 && width <= WM_PNG_MAX_DIMENSION &&
              height > 0 && height <= WM_PNG_MAX_DIMENSION);
  else
    g_assert (g_error_matches (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID_IMAGE));

  return 0;
}
