/* wm-png-check.c — decodes an untrusted PNG completely, within limits, to prove it sound
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-png-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <png.h>
#include <setjmp.h>

#include "wm-png-check.h"
#include "wm-image.h"
#include "wm-store.h"

typedef struct {
  const guint8 *data;
  gsize         len;
  gsize         offset;
  guint8       *row;
  char          reason[128];
} Reader;

static void
read_data (png_structp png,
           png_bytep   out,
           png_size_t  length)
{
  Reader *r = png_get_io_ptr (png);

  if (length > r->len - r->offset)
    png_error (png, "the file ends in the middle of the image");

  memcpy (out, r->data + r->offset, length);
  r->offset += length;
}

static void
on_error (png_structp     png,
          png_const_charp message)
{
  Reader *r = png_get_error_ptr (png);

  g_strlcpy (r->reason, message, sizeof r->reason);
  png_longjmp (png, 1);
}

static void
on_warning (png_structp     png,
            png_const_charp message)
{
  /* Benign oddities (unknown ancillary chunks, a bad text chunk) are dropped by libpng;
   * nothing of them reaches the library, so they need no noise. */
}

static void
check_size (png_structp png,
            png_infop   info)
{
  png_uint_32 w = png_get_image_width (png, info);
  png_uint_32 h = png_get_image_height (png, info);

  if ((guint64) w * h > WM_PNG_MAX_PIXELS)
    png_error (png, "the image is larger than any screen Waymark accepts");
}

/* Everything libpng may longjmp out of is here; its state lives in @r, not in locals. */
static gboolean
decode (png_structp  png,
        png_infop    info,
        Reader      *r,
        guint       *width,
        guint       *height)
{
  int passes;

  if (setjmp (png_jmpbuf (png)))
    return FALSE;

  png_set_read_fn (png, r, read_data);
  png_set_user_limits (png, WM_PNG_MAX_DIMENSION, WM_PNG_MAX_DIMENSION);
  png_set_chunk_cache_max (png, 64);
  png_set_chunk_malloc_max (png, WM_PNG_MAX_CHUNK);

  png_read_info (png, info);
  check_size (png, info);

  passes = png_set_interlace_handling (png);
  png_read_update_info (png, info);
  r->row = g_malloc (png_get_rowbytes (png, info));

  for (int pass = 0; pass < passes; pass++)
    for (png_uint_32 y = 0; y < png_get_image_height (png, info); y++)
      png_read_row (png, r->row, NULL);

  png_read_end (png, NULL);
  if (r->offset != r->len)
    png_error (png, "there is data after the end of the image");

  *width = png_get_image_width (png, info);
  *height = png_get_image_height (png, info);

  return TRUE;
}

gboolean
wm_png_check (const guint8  *data,
              gsize          len,
              guint         *width,
              guint         *height,
              GError       **error)
{
  Reader r = { data, len, 0, NULL, "" };
  png_structp png = NULL;
  png_infop info = NULL;
  guint w = 0, h = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len < 8 || png_sig_cmp (data, 0, 8) != 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID_IMAGE,
                   _("The screenshot is not a PNG image"));
      return FALSE;
    }

  /* libpng allocates a chunk's declared length before it reads it: a few bytes claiming an
   * 80 MB chunk cost 80 MB. Every chunk must fit inside the file before libpng sees it. */
  if (!wm_png_read_size (data, len, &w, &h))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID_IMAGE,
                   _("The screenshot is not a sound PNG image: it is cut short or a chunk "
                     "claims more bytes than the file has"));
      return FALSE;
    }

  /* Said plainly before libpng says "Invalid IHDR data" about the same thing. */
  if (w > WM_PNG_MAX_DIMENSION || h > WM_PNG_MAX_DIMENSION)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID_IMAGE,
                   _("The screenshot claims %u × %u pixels, more than Waymark accepts (%u)"),
                   w, h, WM_PNG_MAX_DIMENSION);
      return FALSE;
    }

  png = png_create_read_struct (PNG_LIBPNG_VER_STRING, &r, on_error, on_warning);
  info = png ? png_create_info_struct (png) : NULL;
  if (info != NULL)
    ok = decode (png, info, &r, &w, &h);

  png_destroy_read_struct (&png, &info, NULL);
  g_free (r.row);

  if (!ok)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID_IMAGE,
                   _("The screenshot is not a sound PNG image: %s"),
                   *r.reason ? r.reason : "out of memory");
      return FALSE;
    }

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;

  return TRUE;
}
