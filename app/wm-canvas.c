/* wm-canvas.c — a step's screenshot with its marks and click hotspot, drawn and edited
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-canvas.h"
#include "wm-util.h"

#define MARGIN 24
#define HOTSPOT_RADIUS 18
#define MIN_DRAG 4

struct _WmCanvas
{
  GtkWidget        parent_instance;

  WmStep          *step;
  GdkTexture      *texture;
  guchar          *pixels;         /* the texture's pixels, for pixelating redactions */
  gsize            stride;
  char            *tool;

  GtkGestureDrag  *drag;
  gboolean         dragging_hotspot;
  double           drag_x, drag_y;  /* start, image pixels */
  double           drag_dx, drag_dy;
};

enum {
  HOTSPOT_MOVED,
  RECT_DRAWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WmCanvas, wm_canvas, GTK_TYPE_WIDGET)

void
wm_canvas_get_image_area (WmCanvas        *self,
                          graphene_rect_t *area,
                          double          *scale)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN;
  double h = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * MARGIN;
  double iw = self->texture ? gdk_texture_get_width (self->texture) : 16;
  double ih = self->texture ? gdk_texture_get_height (self->texture) : 9;
  double s = MAX (MIN (MIN (w / iw, h / ih), 2.0), 0.01);

  *scale = s;
  graphene_rect_init (area, (gtk_widget_get_width (GTK_WIDGET (self)) - iw * s) / 2,
                      (gtk_widget_get_height (GTK_WIDGET (self)) - ih * s) / 2, iw * s, ih * s);
}

static void
to_image (WmCanvas *self,
          double    wx,
          double    wy,
          double   *ix,
          double   *iy)
{
  graphene_rect_t area;
  double scale;

  wm_canvas_get_image_area (self, &area, &scale);
  *ix = (wx - area.origin.x) / scale;
  *iy = (wy - area.origin.y) / scale;
}

/* Drawing ----------------------------------------------------------------------------- */

static void
average_block (WmCanvas *self,
               int       x0,
               int       y0,
               int       x1,
               int       y1,
               GdkRGBA  *color)
{
  double r = 0, g = 0, b = 0;
  guint n = 0;

  /* Every other pixel is plenty to pick a block's colour. */
  for (int y = y0; y < y1; y += 2)
    for (int x = x0; x < x1; x += 2)
      {
        guint32 p = *(guint32 *) (self->pixels + y * self->stride + x * 4);

        r += (p >> 16) & 0xff, g += (p >> 8) & 0xff, b += p & 0xff;
        n++;
      }
  n = MAX (n, 1);
  *color = (GdkRGBA) { r / n / 255.0, g / n / 255.0, b / n / 255.0, 1.0 };
}

static void
snapshot_redaction (WmCanvas              *self,
                    GtkSnapshot           *snapshot,
                    WmAnnotation          *a,
                    const graphene_rect_t *area,
                    double                 scale)
{
  int iw = gdk_texture_get_width (self->texture);
  int ih = gdk_texture_get_height (self->texture);
  int x0 = CLAMP (wm_annotation_get_x (a), 0, iw);
  int y0 = CLAMP (wm_annotation_get_y (a), 0, ih);
  int x1 = CLAMP (wm_annotation_get_x (a) + wm_annotation_get_width (a), 0, iw);
  int y1 = CLAMP (wm_annotation_get_y (a) + wm_annotation_get_height (a), 0, ih);

  /* Coarse blocks of average colour: what was there can no longer be read. */
  for (int by = y0; by < y1; by += WM_REDACT_BLOCK)
    for (int bx = x0; bx < x1; bx += WM_REDACT_BLOCK)
      {
        int ex = MIN (bx + WM_REDACT_BLOCK, x1), ey = MIN (by + WM_REDACT_BLOCK, y1);
        GdkRGBA color;

        average_block (self, bx, by, ex, ey, &color);
        gtk_snapshot_append_color (snapshot, &color,
                                   &GRAPHENE_RECT_INIT (area->origin.x + bx * scale,
                                                        area->origin.y + by * scale,
                                                        (ex - bx) * scale + 0.5,
                                                        (ey - by) * scale + 0.5));
      }
}

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

/* Also draws the sample library's screens (wm-sample.c), so marks and samples match. */
void
wm_canvas_rounded_rect (cairo_t *cr,
                        double   x,
                        double   y,
                        double   w,
                        double   h,
                        double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_callout (WmCanvas *self,
              cairo_t  *cr,
              double    x,
              double    y,
              double    w,
              double    h,
              const char *text,
              double    line)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text ?: "");
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");
  int tw, th;

  /* The text is sized to the image, like the marks, so the callout reads the same in
   * the editor and in exports. */
  pango_font_description_set_absolute_size (font, line * 5.5 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  wm_canvas_rounded_rect (cr, x, y, w, h, line * 2.5);
  cairo_set_source_rgba (cr, 0.14, 0.12, 0.19, 0.94);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.96, 0.83, 0.18);
  cairo_set_line_width (cr, line * 0.7);
  cairo_stroke (cr);

  pango_layout_set_width (layout, MAX (w - line * 7, 10) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x + line * 3.5, y + MAX ((h - th) / 2, line));
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);   /* show_layout leaves a current point the next shape would join */
  g_object_unref (layout);
}

/* Marks are drawn in image pixels, so they scale with the screenshot as in exports;
 * @line is a stroke width in image pixels that reads well at the image's size. */
static void
draw_annotation (WmCanvas     *self,
                 cairo_t      *cr,
                 WmAnnotation *a,
                 double        line)
{
  double x = wm_annotation_get_x (a), y = wm_annotation_get_y (a);
  double w = wm_annotation_get_width (a), h = wm_annotation_get_height (a);

  switch (wm_annotation_get_kind (a))
    {
    case WM_ANNOTATION_HIGHLIGHT:
      wm_canvas_rounded_rect (cr, x, y, w, h, 6);
      cairo_set_source_rgba (cr, 0.96, 0.83, 0.18, 0.28);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.90, 0.65, 0.04, 0.95);
      cairo_set_line_width (cr, line);
      cairo_stroke (cr);
      break;
    case WM_ANNOTATION_BOX:
      wm_canvas_rounded_rect (cr, x, y, w, h, 4);
      cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
      cairo_set_line_width (cr, line);
      cairo_stroke (cr);
      break;
    case WM_ANNOTATION_ARROW:
      cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
      draw_arrow (cr, x, y, x + w, y + h, line * 1.4);
      break;
    case WM_ANNOTATION_CALLOUT:
      draw_callout (self, cr, x, y, w, h, wm_annotation_get_text (a), line);
      break;
    case WM_ANNOTATION_REDACT:
    default:
      break;
    }
}

/* In widget pixels: the hotspot is a handle, the same size at any zoom. */
static void
draw_hotspot (cairo_t *cr,
              double   x,
              double   y)
{
  cairo_arc (cr, x, y, HOTSPOT_RADIUS, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 7);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
  cairo_set_line_width (cr, 3.5);
  cairo_stroke (cr);
  cairo_arc (cr, x, y, 3.5, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
draw_drag (WmCanvas *self,
           cairo_t  *cr,
           double    line,
           double    scale)
{
  double dash[] = { 6 / scale, 4 / scale };

  if (g_str_equal (self->tool, "arrow"))
    {
      cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.7);
      draw_arrow (cr, self->drag_x, self->drag_y, self->drag_x + self->drag_dx,
                  self->drag_y + self->drag_dy, line * 1.4);
      return;
    }

  cairo_rectangle (cr, self->drag_x, self->drag_y, self->drag_dx, self->drag_dy);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.15);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, 2 / scale);
  cairo_stroke (cr);
}

static void
snapshot_marks (WmCanvas              *self,
                GtkSnapshot           *snapshot,
                const graphene_rect_t *area,
                double                 scale)
{
  GPtrArray *annotations = wm_step_get_annotations (self->step);
  double line;
  cairo_t *cr;

  for (guint i = 0; i < annotations->len; i++)
    if (wm_annotation_get_kind (g_ptr_array_index (annotations, i)) == WM_ANNOTATION_REDACT)
      snapshot_redaction (self, snapshot, g_ptr_array_index (annotations, i), area, scale);

  line = MAX (3.0, gdk_texture_get_width (self->texture) / 400.0);
  cr = gtk_snapshot_append_cairo (snapshot, area);
  cairo_translate (cr, area->origin.x, area->origin.y);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  for (guint i = 0; i < annotations->len; i++)
    draw_annotation (self, cr, g_ptr_array_index (annotations, i), line);
  if (gtk_gesture_is_active (GTK_GESTURE (self->drag)) && !self->dragging_hotspot)
    draw_drag (self, cr, line, scale);
  cairo_restore (cr);
  cairo_new_path (cr);
  if (wm_step_get_x (self->step) >= 0)
    draw_hotspot (cr, wm_step_get_x (self->step) * scale, wm_step_get_y (self->step) * scale);
  cairo_destroy (cr);
}

static void
wm_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  WmCanvas *self = WM_CANVAS (widget);
  graphene_rect_t area;
  GskRoundedRect frame;
  double scale;

  if (self->step == NULL || self->texture == NULL)
    return;

  wm_canvas_get_image_area (self, &area, &scale);
  gsk_rounded_rect_init_from_rect (&frame, &area, 4);
  gtk_snapshot_append_outset_shadow (snapshot, &frame, &(GdkRGBA) { 0, 0, 0, 0.25 }, 0, 2, 1, 10);
  gtk_snapshot_append_texture (snapshot, self->texture, &area);
  snapshot_marks (self, snapshot, &area, scale);
}

/* Gestures ---------------------------------------------------------------------------- */

static gboolean
near_hotspot (WmCanvas *self,
              double    ix,
              double    iy)
{
  graphene_rect_t area;
  double scale;

  wm_canvas_get_image_area (self, &area, &scale);
  return wm_step_get_x (self->step) >= 0 &&
         hypot (ix - wm_step_get_x (self->step), iy - wm_step_get_y (self->step)) * scale <=
           HOTSPOT_RADIUS + 8;
}

static void
drag_begin (WmCanvas *self,
            double    x,
            double    y)
{
  if (self->step == NULL || self->texture == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (self->drag), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  to_image (self, x, y, &self->drag_x, &self->drag_y);
  self->drag_dx = self->drag_dy = 0;
  /* The hotspot can always be grabbed; elsewhere "select" has nothing to draw. A step taken
   * on request (the portal) may have no hotspot: there, "select" places one. */
  self->dragging_hotspot = near_hotspot (self, self->drag_x, self->drag_y) ||
                           (wm_step_get_x (self->step) < 0 &&
                            wm_step_get_kind (self->step) == WM_STEP_MANUAL &&
                            g_str_equal (self->tool, "select"));
  if (!self->dragging_hotspot && g_str_equal (self->tool, "select"))
    gtk_gesture_set_state (GTK_GESTURE (self->drag), GTK_EVENT_SEQUENCE_DENIED);
}

static void
drag_update (WmCanvas *self,
             double    dx,
             double    dy)
{
  graphene_rect_t area;
  double scale;

  wm_canvas_get_image_area (self, &area, &scale);
  self->drag_dx = dx / scale;
  self->drag_dy = dy / scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end (WmCanvas *self,
          double    dx,
          double    dy)
{
  int iw = gdk_texture_get_width (self->texture), ih = gdk_texture_get_height (self->texture);
  double x0 = self->drag_x, y0 = self->drag_y;
  double x1 = x0 + self->drag_dx, y1 = y0 + self->drag_dy;

  if (self->dragging_hotspot)
    {
      g_signal_emit (self, signals[HOTSPOT_MOVED], 0,
                     (int) CLAMP (x1, 0, iw - 1), (int) CLAMP (y1, 0, ih - 1));
      self->dragging_hotspot = FALSE;
    }
  else if (g_str_equal (self->tool, "arrow"))
    {
      if (hypot (self->drag_dx, self->drag_dy) >= MIN_DRAG)
        g_signal_emit (self, signals[RECT_DRAWN], 0, self->tool, (int) x0, (int) y0,
                       (int) self->drag_dx, (int) self->drag_dy);
    }
  else
    {
      int rx = CLAMP (MIN (x0, x1), 0, iw), ry = CLAMP (MIN (y0, y1), 0, ih);
      int rw = CLAMP (MAX (x0, x1), 0, iw) - rx, rh = CLAMP (MAX (y0, y1), 0, ih) - ry;

      if (rw >= MIN_DRAG && rh >= MIN_DRAG)
        g_signal_emit (self, signals[RECT_DRAWN], 0, self->tool, rx, ry, rw, rh);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* API --------------------------------------------------------------------------------- */

static void
download_pixels (WmCanvas *self)
{
  g_clear_pointer (&self->pixels, g_free);
  if (self->texture == NULL)
    return;

  self->stride = gdk_texture_get_width (self->texture) * 4;
  self->pixels = g_malloc (self->stride * gdk_texture_get_height (self->texture));
  gdk_texture_download (self->texture, self->pixels, self->stride);
}

void
wm_canvas_set_step (WmCanvas   *self,
                    WmStep     *step,
                    GdkTexture *texture)
{
  g_return_if_fail (WM_IS_CANVAS (self));

  g_set_object (&self->step, step);
  if (g_set_object (&self->texture, texture))
    download_pixels (self);
  /* A screen reader names the picture by what the step asks the reader to do. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  step && wm_step_get_instruction (step)
                                    ? wm_step_get_instruction (step) : _("Screenshot"),
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

WmStep *
wm_canvas_get_step (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), NULL);
  return self->step;
}

GdkTexture *
wm_canvas_get_texture (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), NULL);
  return self->texture;
}

void
wm_canvas_set_tool (WmCanvas   *self,
                    const char *tool)
{
  g_return_if_fail (WM_IS_CANVAS (self));

  wm_set_str (&self->tool, tool ? tool : "select");
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   g_str_equal (self->tool, "select") ? NULL : "crosshair");
}

const char *
wm_canvas_get_tool (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), NULL);
  return self->tool;
}

void
wm_canvas_refresh (WmCanvas *self)
{
  g_return_if_fail (WM_IS_CANVAS (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
wm_canvas_dispose (GObject *object)
{
  WmCanvas *self = WM_CANVAS (object);

  g_clear_object (&self->step);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (wm_canvas_parent_class)->dispose (object);
}

static void
wm_canvas_finalize (GObject *object)
{
  WmCanvas *self = WM_CANVAS (object);

  g_clear_pointer (&self->pixels, g_free);
  g_clear_pointer (&self->tool, g_free);

  G_OBJECT_CLASS (wm_canvas_parent_class)->finalize (object);
}

static void
wm_canvas_class_init (WmCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_canvas_dispose;
  object_class->finalize = wm_canvas_finalize;
  widget_class->snapshot = wm_canvas_snapshot;

  signals[HOTSPOT_MOVED] = g_signal_new ("hotspot-moved", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
  /* (tool, x, y, width, height) in image pixels; arrows keep their direction. */
  signals[RECT_DRAWN] = g_signal_new ("rect-drawn", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 5, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT,
                                      G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
wm_canvas_init (WmCanvas *self)
{
  self->tool = g_strdup ("select");
  self->drag = GTK_GESTURE_DRAG (gtk_gesture_drag_new ());
  g_signal_connect_swapped (self->drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect_swapped (self->drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect_swapped (self->drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drag));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
wm_canvas_new (void)
{
  return g_object_new (WM_TYPE_CANVAS, NULL);
}
