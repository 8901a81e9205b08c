/* wm-export-pixels.c — decoding, redacting, comparing and encoding screenshots
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <png.h>
#include <string.h>

#include "wm-export.h"
#include "wm-export-pixels.h"
#include "wm-marks.h"

typedef struct {
  const guint8 *data;
  gsize         len;
  gsize         pos;
} PngReader;

static cairo_status_t
read_png_bytes (void          *closure,
                unsigned char *data,
                unsigned int   length)
{
  PngReader *r = closure;

  if (r->len - r->pos < length)
    return CAIRO_STATUS_READ_ERROR;

  memcpy (data, r->data + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *
wm_export_decode_png (GBytes  *png,
                      GError **error)
{
  PngReader reader = { 0 };
  g_autoptr(cairo_surface_t) decoded = NULL;
  cairo_surface_t *opaque;
  g_autoptr(cairo_t) cr = NULL;
  int width, height;

  g_return_val_if_fail (png != NULL, NULL);

  reader.data = g_bytes_get_data (png, &reader.len);
  decoded = cairo_image_surface_create_from_png_stream (read_png_bytes, &reader);
  if (cairo_surface_status (decoded) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_BAD_IMAGE,
                   _("A screenshot could not be decoded (%s)"),
                   cairo_status_to_string (cairo_surface_status (decoded)));
      return NULL;
    }

  /* Always the same layout (opaque RGB24, white under any transparency), so comparing
   * and encoding need one code path. */
  width = cairo_image_surface_get_width (decoded);
  height = cairo_image_surface_get_height (decoded);
  opaque = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (opaque);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, decoded, 0, 0);
  cairo_paint (cr);
  cairo_surface_flush (opaque);

  return opaque;
}

cairo_status_t
wm_export_append_bytes (void                *closure,
                        const unsigned char *data,
                        unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
wm_export_surface_to_png (cairo_surface_t *surface)
{
  GByteArray *png = g_byte_array_new ();

  cairo_surface_write_to_png_stream (surface, wm_export_append_bytes, png);
  return g_byte_array_free_to_bytes (png);
}

static void
write_png_bytes (png_structp png,
                 png_bytep   data,
                 size_t      length)
{
  g_byte_array_append (png_get_io_ptr (png), data, length);
}

static void
flush_png (png_structp png)
{
}

/* libpng reports errors by longjmp; everything it may leak lives outside this frame. */
static gboolean
encode_rows (png_structp                  png,
             png_infop                    info,
             cairo_surface_t             *surface,
             const cairo_rectangle_int_t *r,
             guint8                      *row)
{
  const guint8 *pixels = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  if (setjmp (png_jmpbuf (png)))
    return FALSE;

  /* Screenshots are flat UI and dithered gradients: row filters cost more than they win
   * (measured on the shared 1920×1080 screens: no filter at level 9 is 157 KB in 85 ms,
   * adaptive filtering 198 KB in 670 ms). */
  png_set_compression_level (png, 9);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_IHDR (png, info, r->width, r->height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info (png, info);

  for (int y = 0; y < r->height; y++)
    {
      const guint32 *src = (const guint32 *) (pixels + (gsize) (r->y + y) * stride) + r->x;

      for (int x = 0; x < r->width; x++)
        {
          row[x * 3] = (src[x] >> 16) & 0xff;
          row[x * 3 + 1] = (src[x] >> 8) & 0xff;
          row[x * 3 + 2] = src[x] & 0xff;
        }
      png_write_row (png, row);
    }
  png_write_end (png, info);

  return TRUE;
}

GBytes *
wm_export_encode_png (cairo_surface_t             *surface,
                      const cairo_rectangle_int_t *rect,
                      GError                     **error)
{
  cairo_rectangle_int_t all = { 0, 0, 0, 0 };
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree guint8 *row = NULL;
  png_structp png;
  png_infop info;
  gboolean ok;

  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24, NULL);

  all.width = cairo_image_surface_get_width (surface);
  all.height = cairo_image_surface_get_height (surface);
  if (rect == NULL)
    rect = &all;

  cairo_surface_flush (surface);
  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  info = png ? png_create_info_struct (png) : NULL;
  row = g_malloc ((gsize) rect->width * 3);
  ok = info != NULL;
  if (ok)
    {
      png_set_write_fn (png, out, write_png_bytes, flush_png);
      ok = encode_rows (png, info, surface, rect, row);
    }
  png_destroy_write_struct (&png, &info);

  if (!ok)
    {
      g_set_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_FAILED,
                   _("A screenshot could not be encoded as PNG"));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static gboolean
tile_differs (cairo_surface_t *a,
              cairo_surface_t *b,
              int              x0,
              int              y0,
              int              w,
              int              h)
{
  int stride = cairo_image_surface_get_stride (a);
  const guint8 *pa = cairo_image_surface_get_data (a);
  const guint8 *pb = cairo_image_surface_get_data (b);

  for (int y = y0; y < y0 + h; y++)
    {
      const guint32 *ra = (const guint32 *) (pa + (gsize) y * stride) + x0;
      const guint32 *rb = (const guint32 *) (pb + (gsize) y * stride) + x0;

      for (int x = 0; x < w; x++)
        if (((ra[x] ^ rb[x]) & 0xffffff) != 0)
          return TRUE;
    }

  return FALSE;
}

/* Joins a row's run with the band above when it spans the same columns: a changed dialog
 * becomes one rectangle, not one per tile row. */
static void
add_run (GArray *rects,
         guint   band_start,
         int     x,
         int     y,
         int     w,
         int     h)
{
  for (guint i = band_start; i < rects->len; i++)
    {
      cairo_rectangle_int_t *r = &g_array_index (rects, cairo_rectangle_int_t, i);

      if (r->x == x && r->width == w && r->y + r->height == y)
        {
          r->height += h;
          return;
        }
    }

  g_array_append_val (rects, ((cairo_rectangle_int_t) { x, y, w, h }));
}

double
wm_export_diff_tiles (cairo_surface_t *a,
                      cairo_surface_t *b,
                      int              tile_size,
                      GArray          *rects)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  gsize changed = 0;

  g_return_val_if_fail (width == cairo_image_surface_get_width (b), 1.0);
  g_return_val_if_fail (height == cairo_image_surface_get_height (b), 1.0);

  cairo_surface_flush (a);
  cairo_surface_flush (b);

  for (int ty = 0; ty < height; ty += tile_size)
    {
      int th = MIN (tile_size, height - ty);
      int run_x = -1;

      for (int tx = 0; tx <= width; tx += tile_size)
        {
          int tw = MIN (tile_size, width - tx);
          gboolean differs = tx < width && tile_differs (a, b, tx, ty, tw, th);

          if (differs)
            {
              changed += (gsize) tw * th;
              if (run_x < 0)
                run_x = tx;
            }
          else if (run_x >= 0)
            {
              add_run (rects, 0, run_x, ty, MIN (tx, width) - run_x, th);
              run_x = -1;
            }
        }
    }

  return (double) changed / ((double) width * height);
}

/* A 16:9 window of at least @r's size around @r's centre, kept inside the picture. */
static void
window_around (cairo_rectangle_int_t *r,
               int                    width,
               int                    height)
{
  double cx = r->x + r->width / 2.0, cy = r->y + r->height / 2.0;
  int w = MAX (r->width, (int) ceil (r->height * 16.0 / 9.0));
  int h = MAX (r->height, (int) ceil (w * 9.0 / 16.0));

  r->width = MIN (width, w);
  r->height = MIN (height, h);
  r->x = CLAMP ((int) round (cx - r->width / 2.0), 0, width - r->width);
  r->y = CLAMP ((int) round (cy - r->height / 2.0), 0, height - r->height);
}

void
wm_export_zoom_rect (WmStep                *step,
                     int                    width,
                     int                    height,
                     cairo_rectangle_int_t *rect)
{
  GPtrArray *marks = wm_step_get_annotations (step);
  int x = wm_step_get_x (step), y = wm_step_get_y (step);
  int x1, y1;

  if (x < 0 || y < 0)
    {
      *rect = (cairo_rectangle_int_t) { 0, 0, width, height };
      return;
    }

  rect->width = MIN (width, 960);
  rect->height = MIN (height, (int) round (rect->width * 9.0 / 16.0));
  rect->x = CLAMP ((int) round (x - rect->width / 2.0), 0, width - rect->width);
  rect->y = CLAMP ((int) round (y - rect->height / 2.0), 0, height - rect->height);

  /* Every mark the author drew is part of the step: the window grows to hold them all. */
  x1 = rect->x + rect->width, y1 = rect->y + rect->height;
  for (guint i = 0; i < marks->len; i++)
    {
      cairo_rectangle_int_t b;

      wm_marks_get_bounds (g_ptr_array_index (marks, i), width, height, &b);
      if (b.width <= 0 || b.height <= 0)
        continue;
      rect->x = MIN (rect->x, b.x), rect->y = MIN (rect->y, b.y);
      x1 = MAX (x1, b.x + b.width), y1 = MAX (y1, b.y + b.height);
    }
  if (x1 - rect->x > rect->width || y1 - rect->y > rect->height)
    {
      rect->width = x1 - rect->x, rect->height = y1 - rect->y;
      window_around (rect, width, height);
    }
}

void
wm_export_draw_step (cairo_t *cr,
                     WmStep  *step,
                     int      width,
                     int      height,
                     gboolean click)
{
  GPtrArray *marks = wm_step_get_annotations (step);

  /* Redactions first: nothing drawn later may bring the original back. */
  wm_marks_draw_redactions (cr, marks);
  wm_marks_draw (cr, marks, width, height);
  if (click && wm_step_get_x (step) >= 0 && wm_step_get_y (step) >= 0)
    wm_marks_draw_click (cr, wm_step_get_x (step), wm_step_get_y (step), MAX (16, width / 90));
}

cairo_surface_t *
wm_export_render_step (WmStore  *store,
                       WmStep   *step,
                       gboolean  zoom,
                       GError  **error)
{
  g_autoptr(WmImage) image = NULL;
  g_autoptr(cairo_surface_t) full = NULL;
  g_autoptr(cairo_t) cr = NULL;
  cairo_surface_t *out;
  cairo_rectangle_int_t r;
  int width, height;

  if (!(image = wm_store_load_image (store, wm_step_get_image_sha256 (step), error)) ||
      !(full = wm_export_decode_png (wm_image_get_png (image), error)))
    return NULL;

  width = cairo_image_surface_get_width (full);
  height = cairo_image_surface_get_height (full);
  cr = cairo_create (full);
  wm_export_draw_step (cr, step, width, height, TRUE);
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_flush (full);

  if (!zoom)
    return g_steal_pointer (&full);

  wm_export_zoom_rect (step, width, height, &r);
  out = cairo_image_surface_create (CAIRO_FORMAT_RGB24, r.width, r.height);
  cr = cairo_create (out);
  cairo_set_source_surface (cr, full, -r.x, -r.y);
  cairo_paint (cr);
  cairo_surface_flush (out);

  return out;
}
