/* test-png.c — the screenshot encoder: exact pixels back, small files, errors
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "capture-test.h"
#include "wm-png-encoder.h"

/* A screen-like picture: flat areas, a gradient and some noise, in XRGB rows with
 * padding at the end of each row. */
static guint8 *
make_pixels (guint  width,
             guint  height,
             guint  stride)
{
  guint8 *pixels = g_malloc0 ((gsize) stride * height);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint32 *p = (guint32 *) (pixels + (gsize) y * stride) + x;
        guint32 rgb = x < width / 2 ? 0xf6f5f4 : (x * 255 / width) << 16 | (y * 255 / height);

        if ((x * 7 + y * 13) % 97 == 0)
          rgb = g_random_int () & 0xffffff;
        *p = 0xff000000 | rgb;
      }

  return pixels;
}

static void
test_round_trip (void)
{
  guint width = 301, height = 97, stride = 301 * 4 + 12;
  g_autofree guint8 *pixels = make_pixels (width, height, stride);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = wm_png_encode_xrgb (pixels, width, height, stride, &error);
  g_autofree guint8 *back = NULL;
  guint w, h;

  g_assert_no_error (error);
  g_assert_nonnull (png);
  back = test_png_decode (png, &w, &h);
  g_assert_cmpuint (w, ==, width);
  g_assert_cmpuint (h, ==, height);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint32 in = *((guint32 *) (pixels + (gsize) y * stride) + x) & 0xffffff;
        const guint8 *o = back + ((gsize) y * width + x) * 4;
        guint32 out = (guint32) o[0] << 16 | (guint32) o[1] << 8 | o[2];

        if (in != out)
          g_error ("pixel %u,%u: %06x became %06x", x, y, in, out);
        g_assert_cmpuint (o[3], ==, 255);
      }
}

/* Flat screen content compresses: a 1080p single-colour frame is a few kilobytes. */
static void
test_flat_is_small (void)
{
  guint width = 1920, height = 1080, stride = 1920 * 4;
  g_autofree guint8 *pixels = g_malloc ((gsize) stride * height);
  g_autoptr(GBytes) png = NULL;

  memset (pixels, 0xee, (gsize) stride * height);
  png = wm_png_encode_xrgb (pixels, width, height, stride, NULL);
  g_assert_nonnull (png);
  g_assert_cmpuint (g_bytes_get_size (png), <, 64 * 1024);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/capture/png/round-trip", test_round_trip);
  g_test_add_func ("/capture/png/flat-is-small", test_flat_is_small);

  return g_test_run ();
}
