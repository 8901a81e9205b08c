/* wm-png-encoder.c — screenshots to PNG, tuned for speed on screen content
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-capture"

#include "config.h"

#include <glib/gi18n.h>
#include <png.h>
#include <zlib.h>

#include "wm-capture-backend.h"
#include "wm-png-encoder.h"

typedef struct {
  GByteArray *out;
  char        message[128];
} EncodeState;

static void
write_to_array (png_structp png,
                png_bytep   data,
                png_size_t  length)
{
  EncodeState *state = png_get_io_ptr (png);

  g_byte_array_append (state->out, data, length);
}

static void
flush_nothing (png_structp png)
{
}

static void
on_png_error (png_structp     png,
              png_const_charp message)
{
  EncodeState *state = png_get_error_ptr (png);

  g_strlcpy (state->message, message, sizeof state->message);
  png_longjmp (png, 1);
}

static void
on_png_warning (png_structp     png,
                png_const_charp message)
{
}

/* libpng reads the pixels through transforms instead of a converted copy: the filler
 * byte (X of XRGB) is stripped and BGR swapped on little-endian, row by row. */
static void
setup_transforms (png_structp png)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  png_set_bgr (png);
  png_set_filler (png, 0, PNG_FILLER_AFTER);
#else
  png_set_filler (png, 0, PNG_FILLER_BEFORE);
#endif
}

static gboolean
encode_rows (png_structp         png,
             png_infop           info,
             const guint8       *pixels,
             guint               width,
             guint               height,
             guint               stride)
{
  EncodeState *state = png_get_error_ptr (png);

  if (setjmp (png_jmpbuf (png)))
    return FALSE;

  png_set_write_fn (png, state, write_to_array, flush_nothing);
  png_set_IHDR (png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  /* No filter, zlib level 6. Screens are long runs of identical pixels and rows that
   * repeat (window backgrounds, toolbars, text on flat colour): unfiltered, deflate finds
   * them as long matches, which makes level 6 about as fast as level 1 with the SUB
   * filter and the file a third of its size. On bench/capture's 1080p desktop screens:
   * 1.10× optipng -o2's size; level 1 + SUB gives 3.0×, libpng's defaults (level 6,
   * adaptive filters) 1.5× at three times the time. */
  png_set_compression_level (png, 6);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_write_info (png, info);
  setup_transforms (png);

  for (guint y = 0; y < height; y++)
    png_write_row (png, (png_const_bytep) (pixels + (gsize) y * stride));

  png_write_end (png, info);
  return TRUE;
}

GBytes *
wm_png_encode_xrgb (const guint8  *pixels,
                    guint          width,
                    guint          height,
                    guint          stride,
                    GError       **error)
{
  EncodeState state = { NULL, "" };
  png_structp png;
  png_infop info;
  gboolean ok;

  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0 && stride >= width * 4, NULL);

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &state, on_png_error, on_png_warning);
  if (png == NULL || (info = png_create_info_struct (png)) == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      g_set_error (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED,
                   _("Cannot encode the screenshot: out of memory"));
      return NULL;
    }

  state.out = g_byte_array_sized_new ((gsize) width * height / 4);
  ok = encode_rows (png, info, pixels, width, height, stride);
  png_destroy_write_struct (&png, &info);

  if (!ok)
    {
      g_byte_array_unref (state.out);
      g_set_error (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED,
                   _("Cannot encode the screenshot: %s"), state.message);
      return NULL;
    }

  return g_byte_array_free_to_bytes (state.out);
}
