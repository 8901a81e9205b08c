/* wm-marks.c — the one annotation renderer: every mark as the editor and every export draw it
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-export"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "wm-marks.h"

#define RGB(c) ((c) >> 16 & 0xff) / 255.0, ((c) >> 8 & 0xff) / 255.0, ((c) & 0xff) / 255.0

/* GNOME's palette: red 3, yellow 3 and 5, dark 4. */
#define MARK_RED       0xe01b24
#define MARK_YELLOW    0xf6d32d
#define MARK_AMBER     0xe5a50a
#define CALLOUT_FILL   0x241f31

double
wm_marks_line_width (int image_width)
{
  return MAX (3.0, image_width / 400.0);
}

void
wm_marks_rounded_rect (cairo_t *cr,
                       double   x,
                       double   y,
                       double   w,
                       double   h,
                       double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A rectangle with its size made positive (only arrows keep a direction). */
static void
mark_rect (WmAnnotation *a,
           double       *x,
           double       *y,
           double       *w,
           double       *h)
{
  *x = wm_annotation_get_x (a), *y = wm_annotation_get_y (a);
  *w = wm_annotation_get_width (a), *h = wm_annotation_get_height (a);
  if (*w < 0)
    *x += *w, *w = -*w;
  if (*h < 0)
    *y += *h, *h = -*h;
}

/* Callouts ------------------------------------------------------------------------------ */

typedef struct {
  double       x, y, w, h;
  double       pad;
  PangoLayout *layout;
  int          text_height;
} Callout;

/* The layout comes from a context of its own, not from the cairo_t: unhinted metrics at an
 * identity matrix, so the editor at any zoom and the exports at 1:1 wrap the text alike. */
static PangoLayout *
callout_layout (const char *text,
                double      size)
{
  PangoContext *context;
  PangoFontDescription *font;
  cairo_font_options_t *options;
  PangoLayout *layout;

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);

  layout = pango_layout_new (context);
  g_object_unref (context);
  font = pango_font_description_from_string ("Sans Bold");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text ? text : "", -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  return layout;
}

/* A callout is at least as tall as its text and stays inside the picture, so no medium
 * clips it at the edge. */
static void
callout_init (Callout      *c,
              WmAnnotation *a,
              int           iw,
              int           ih)
{
  double line = wm_marks_line_width (iw);
  double size = line * 5.5;
  int tw;

  mark_rect (a, &c->x, &c->y, &c->w, &c->h);
  c->pad = line * 3.5;
  c->layout = callout_layout (wm_annotation_get_text (a), size);
  /* Too narrow for its text, a callout widens (up to 40 % of the picture) before it wraps. */
  pango_layout_get_pixel_size (c->layout, &tw, &c->text_height);
  c->w = MAX (c->w, MIN (tw + 2 * c->pad, iw * 0.4));
  c->w = MIN (MAX (c->w, size * 4), iw);
  pango_layout_set_width (c->layout, MAX (c->w - 2 * c->pad, 10) * PANGO_SCALE);
  pango_layout_get_pixel_size (c->layout, &tw, &c->text_height);
  c->h = MIN (MAX (c->h, c->text_height + 2 * line * 1.5), ih);
  c->x = CLAMP (c->x, 0, MAX (iw - c->w, 0));
  c->y = CLAMP (c->y, 0, MAX (ih - c->h, 0));
}

static void
draw_callout (cairo_t      *cr,
              WmAnnotation *a,
              int           iw,
              int           ih)
{
  double line = wm_marks_line_width (iw);
  Callout c;

  callout_init (&c, a, iw, ih);
  wm_marks_rounded_rect (cr, c.x, c.y, c.w, c.h, line * 2.5);
  cairo_set_source_rgba (cr, RGB (CALLOUT_FILL), 0.94);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, RGB (MARK_YELLOW));
  cairo_set_line_width (cr, line * 0.7);
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, c.x + c.pad, c.y + MAX ((c.h - c.text_height) / 2, 0));
  pango_cairo_show_layout (cr, c.layout);
  cairo_new_path (cr);   /* show_layout leaves a current point the next shape would join */
  g_object_unref (c.layout);
}

/* Shapes -------------------------------------------------------------------------------- */

static void
draw_arrow (cairo_t *cr,
            double   x0,
            double   y0,
            double   x1,
            double   y1,
            double   width)
{
  double angle = atan2 (y1 - y0, x1 - x0);
  double head = width * 4;

  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1 - cos (angle) * head * 0.6, y1 - sin (angle) * head * 0.6);
  cairo_stroke (cr);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - head * cos (angle - 0.45), y1 - head * sin (angle - 0.45));
  cairo_line_to (cr, x1 - head * cos (angle + 0.45), y1 - head * sin (angle + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

void
wm_marks_draw_one (cairo_t      *cr,
                   WmAnnotation *a,
                   int           image_width,
                   int           image_height)
{
  double line = wm_marks_line_width (image_width);
  double x, y, w, h;

  g_return_if_fail (WM_IS_ANNOTATION (a));

  mark_rect (a, &x, &y, &w, &h);
  cairo_save (cr);
  cairo_new_path (cr);
  switch (wm_annotation_get_kind (a))
    {
    case WM_ANNOTATION_HIGHLIGHT:
      wm_marks_rounded_rect (cr, x, y, w, h, line * 1.25);
      cairo_set_source_rgba (cr, RGB (MARK_YELLOW), 0.28);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, RGB (MARK_AMBER), 0.95);
      cairo_set_line_width (cr, line);
      cairo_stroke (cr);
      break;
    case WM_ANNOTATION_BOX:
      wm_marks_rounded_rect (cr, x, y, w, h, line);
      cairo_set_source_rgb (cr, RGB (MARK_RED));
      cairo_set_line_width (cr, line);
      cairo_stroke (cr);
      break;
    case WM_ANNOTATION_ARROW:
      cairo_set_source_rgb (cr, RGB (MARK_RED));
      draw_arrow (cr, wm_annotation_get_x (a), wm_annotation_get_y (a),
                  wm_annotation_get_x (a) + wm_annotation_get_width (a),
                  wm_annotation_get_y (a) + wm_annotation_get_height (a), line * 1.4);
      break;
    case WM_ANNOTATION_CALLOUT:
      draw_callout (cr, a, image_width, image_height);
      break;
    case WM_ANNOTATION_REDACT:
    default:
      break;
    }
  cairo_restore (cr);
}

void
wm_marks_draw (cairo_t   *cr,
               GPtrArray *annotations,
               int        image_width,
               int        image_height)
{
  g_return_if_fail (cr != NULL);

  for (guint i = 0; annotations && i < annotations->len; i++)
    wm_marks_draw_one (cr, g_ptr_array_index (annotations, i), image_width, image_height);
}

guint
wm_marks_draw_redactions (cairo_t   *cr,
                          GPtrArray *annotations)
{
  guint n = 0;

  g_return_val_if_fail (cr != NULL, 0);

  /* A flat fill, not a blur or a pixelation: both of those keep a little of what was
   * there, and text can be guessed back from it. */
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_source_rgb (cr, RGB (WM_MARKS_REDACT_RGB));
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (guint i = 0; annotations && i < annotations->len; i++)
    {
      WmAnnotation *a = g_ptr_array_index (annotations, i);
      double x, y, w, h;

      if (wm_annotation_get_kind (a) != WM_ANNOTATION_REDACT)
        continue;
      mark_rect (a, &x, &y, &w, &h);
      cairo_rectangle (cr, x, y, w, h);
      n++;
    }
  cairo_fill (cr);
  cairo_restore (cr);

  return n;
}

void
wm_marks_get_bounds (WmAnnotation          *a,
                     int                    image_width,
                     int                    image_height,
                     cairo_rectangle_int_t *bounds)
{
  double line = wm_marks_line_width (image_width);
  double x, y, w, h, grow = line;
  int x0, y0, x1, y1;

  g_return_if_fail (WM_IS_ANNOTATION (a));

  mark_rect (a, &x, &y, &w, &h);
  switch (wm_annotation_get_kind (a))
    {
    case WM_ANNOTATION_ARROW:
      grow = line * 1.4 * 4;
      break;
    case WM_ANNOTATION_CALLOUT:
      {
        Callout c;

        callout_init (&c, a, image_width, image_height);
        g_object_unref (c.layout);
        x = c.x, y = c.y, w = c.w, h = c.h;
      }
      break;
    case WM_ANNOTATION_REDACT:
      grow = 0;
      break;
    default:
      break;
    }

  x0 = CLAMP ((int) floor (x - grow), 0, image_width);
  y0 = CLAMP ((int) floor (y - grow), 0, image_height);
  x1 = CLAMP ((int) ceil (x + w + grow), 0, image_width);
  y1 = CLAMP ((int) ceil (y + h + grow), 0, image_height);
  *bounds = (cairo_rectangle_int_t) { x0, y0, x1 - x0, y1 - y0 };
}

void
wm_marks_draw_click (cairo_t *cr,
                     double   x,
                     double   y,
                     double   radius)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_set_line_width (cr, radius * 0.35);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, radius * 0.18);
  cairo_set_source_rgb (cr, RGB (MARK_RED));
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
wm_marks_draw_crop (cairo_t *cr,
                    double   x,
                    double   y,
                    double   w,
                    double   h,
                    int      image_width,
                    int      image_height)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_rectangle (cr, 0, 0, image_width, image_height);
  cairo_rectangle (cr, x, y, w, h);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
  cairo_fill (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, wm_marks_line_width (image_width) / 2);
  cairo_stroke (cr);
  cairo_restore (cr);
}
