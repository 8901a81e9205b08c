/* wm-canvas.c — a step's screenshot with its marks and click hotspot, drawn and edited
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "wm-canvas.h"
#include "wm-export-pixels.h"
#include "wm-marks.h"
#include "wm-util.h"

#define MARGIN 24
#define HOTSPOT_RADIUS 18
#define MIN_DRAG 4

typedef enum {
  GRAB_NONE,
  GRAB_HOTSPOT,
  GRAB_DRAW,
  GRAB_MOVE,
  GRAB_RESIZE,
} Grab;

/* Which edges a handle moves: rectangles have corners then edge midpoints; arrows have
 * their tail (0) and tip (1). */
enum { EDGE_LEFT = 1, EDGE_TOP = 2, EDGE_RIGHT = 4, EDGE_BOTTOM = 8 };
static const int handle_edges[] = {
  EDGE_LEFT | EDGE_TOP, EDGE_RIGHT | EDGE_TOP, EDGE_RIGHT | EDGE_BOTTOM, EDGE_LEFT | EDGE_BOTTOM,
  EDGE_TOP, EDGE_RIGHT, EDGE_BOTTOM, EDGE_LEFT,
};

#define HANDLE_RADIUS 5
#define N_RECT_HANDLES 8

struct _WmCanvas
{
  GtkWidget        parent_instance;

  WmStep          *step;
  GdkTexture      *texture;
  char            *tool;

  GtkGestureDrag  *drag;
  Grab             grab;
  int              handle;          /* with GRAB_RESIZE: which handle */
  double           drag_x, drag_y;  /* start, image pixels */
  double           drag_dx, drag_dy;

  int              selected;        /* the selected mark's index, -1 for none */
  int              orig[4];         /* its rectangle when the drag began */
  GtkPopover      *popover;         /* the selected mark's kind, text, removal */
  GtkEditable     *text_entry;
  GtkWidget       *kind_box;
  guint            filling;         /* > 0 while the popover is filled from the mark */
};

enum {
  HOTSPOT_MOVED,
  RECT_DRAWN,
  MARK_CHANGED,
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

/* Selection ----------------------------------------------------------------------------- */

static WmAnnotation *
selected_mark (WmCanvas *self)
{
  GPtrArray *marks = self->step ? wm_step_get_annotations (self->step) : NULL;

  if (marks == NULL || self->selected < 0 || (guint) self->selected >= marks->len)
    return NULL;
  return g_ptr_array_index (marks, self->selected);
}

static int
image_width (WmCanvas *self)
{
  return self->texture ? gdk_texture_get_width (self->texture) : 1;
}

static int
image_height (WmCanvas *self)
{
  return self->texture ? gdk_texture_get_height (self->texture) : 1;
}

/* The rectangle the author handles (x0, y0, x1, y1): a callout's as drawn, grown to its
 * text; an arrow's from tail to tip. */
static void
shape_of (WmCanvas     *self,
          WmAnnotation *a,
          double        r[4])
{
  double x = wm_annotation_get_x (a), y = wm_annotation_get_y (a);
  double w = wm_annotation_get_width (a), h = wm_annotation_get_height (a);

  if (wm_annotation_get_kind (a) == WM_ANNOTATION_CALLOUT)
    {
      cairo_rectangle_int_t b;

      wm_marks_get_bounds (a, image_width (self), image_height (self), &b);
      x = b.x, y = b.y, w = b.width, h = b.height;
    }
  if (wm_annotation_get_kind (a) == WM_ANNOTATION_ARROW)
    {
      r[0] = x, r[1] = y, r[2] = x + w, r[3] = y + h;
      return;
    }
  r[0] = MIN (x, x + w), r[1] = MIN (y, y + h), r[2] = MAX (x, x + w), r[3] = MAX (y, y + h);
}

static guint
n_handles (WmAnnotation *a)
{
  return wm_annotation_get_kind (a) == WM_ANNOTATION_ARROW ? 2 : N_RECT_HANDLES;
}

static void
handle_position (WmCanvas     *self,
                 WmAnnotation *a,
                 guint         i,
                 double       *x,
                 double       *y)
{
  double r[4];
  int edges;

  shape_of (self, a, r);
  if (wm_annotation_get_kind (a) == WM_ANNOTATION_ARROW)
    {
      *x = r[i * 2], *y = r[i * 2 + 1];
      return;
    }
  edges = handle_edges[i];
  *x = edges & EDGE_LEFT ? r[0] : edges & EDGE_RIGHT ? r[2] : (r[0] + r[2]) / 2;
  *y = edges & EDGE_TOP ? r[1] : edges & EDGE_BOTTOM ? r[3] : (r[1] + r[3]) / 2;
}

static double
segment_distance (double px,
                  double py,
                  double x0,
                  double y0,
                  double x1,
                  double y1)
{
  double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - x0) * dx + (py - y0) * dy) / len2, 0, 1) : 0;

  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

/* The topmost mark under (@ix, @iy), image pixels, or -1. */
static int
mark_at (WmCanvas *self,
         double    ix,
         double    iy,
         double    scale)
{
  GPtrArray *marks = wm_step_get_annotations (self->step);
  double slack = 6 / scale;

  for (int i = (int) marks->len - 1; i >= 0; i--)
    {
      WmAnnotation *a = g_ptr_array_index (marks, i);
      double r[4];

      shape_of (self, a, r);
      if (wm_annotation_get_kind (a) == WM_ANNOTATION_ARROW)
        {
          if (segment_distance (ix, iy, r[0], r[1], r[2], r[3]) <=
              wm_marks_line_width (image_width (self)) + slack)
            return i;
        }
      else if (ix >= r[0] - slack && ix <= r[2] + slack && iy >= r[1] - slack && iy <= r[3] + slack)
        return i;
    }

  return -1;
}

static int
handle_at (WmCanvas *self,
           double    ix,
           double    iy,
           double    scale)
{
  WmAnnotation *a = selected_mark (self);

  for (guint i = 0; a != NULL && i < n_handles (a); i++)
    {
      double hx, hy;

      handle_position (self, a, i, &hx, &hy);
      if (hypot (ix - hx, iy - hy) * scale <= HANDLE_RADIUS + 5)
        return i;
    }

  return -1;
}

/* Drawing ----------------------------------------------------------------------------- */

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

/* In widget pixels, like the hotspot: an outline and the handles of the selected mark. */
static void
draw_selection (WmCanvas *self,
                cairo_t  *cr,
                double    scale)
{
  WmAnnotation *a = selected_mark (self);
  double dash[] = { 5, 3 };
  double r[4];

  if (a == NULL)
    return;

  shape_of (self, a, r);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0);
  cairo_set_line_width (cr, 1.5);
  if (wm_annotation_get_kind (a) != WM_ANNOTATION_ARROW)
    {
      cairo_set_dash (cr, dash, 2, 0);
      cairo_rectangle (cr, r[0] * scale - 3, r[1] * scale - 3, (r[2] - r[0]) * scale + 6,
                       (r[3] - r[1]) * scale + 6);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  for (guint i = 0; i < n_handles (a); i++)
    {
      double hx, hy;

      handle_position (self, a, i, &hx, &hy);
      cairo_arc (cr, hx * scale, hy * scale, HANDLE_RADIUS, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_drag (WmCanvas *self,
           cairo_t  *cr,
           double    scale)
{
  int iw = gdk_texture_get_width (self->texture), ih = gdk_texture_get_height (self->texture);
  double dash[] = { 6 / scale, 4 / scale };
  g_autoptr(WmAnnotation) preview = NULL;
  WmAnnotationKind kind;

  if (g_str_equal (self->tool, "crop"))
    {
      wm_marks_draw_crop (cr, MIN (self->drag_x, self->drag_x + self->drag_dx),
                          MIN (self->drag_y, self->drag_y + self->drag_dy),
                          fabs (self->drag_dx), fabs (self->drag_dy), iw, ih);
      return;
    }

  /* The mark being drawn is drawn as it will be, by the same renderer. */
  if (wm_annotation_kind_from_string (self->tool, &kind))
    {
      preview = wm_annotation_new (kind, self->drag_x, self->drag_y, self->drag_dx,
                                   self->drag_dy, NULL);
      if (kind == WM_ANNOTATION_REDACT)
        {
          g_autoptr(GPtrArray) one = g_ptr_array_new ();

          g_ptr_array_add (one, preview);
          wm_marks_draw_redactions (cr, one);
        }
      else if (kind != WM_ANNOTATION_CALLOUT)
        wm_marks_draw_one (cr, preview, iw, ih);
    }
  if (g_str_equal (self->tool, "arrow"))
    return;

  cairo_rectangle (cr, self->drag_x, self->drag_y, self->drag_dx, self->drag_dy);
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
  int iw = gdk_texture_get_width (self->texture), ih = gdk_texture_get_height (self->texture);
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (snapshot, area);
  cairo_translate (cr, area->origin.x, area->origin.y);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  /* What readers see, drawn by the exports' own renderer. */
  wm_export_draw_step (cr, self->step, iw, ih, FALSE);
  if (self->grab == GRAB_DRAW)
    draw_drag (self, cr, scale);
  cairo_restore (cr);
  cairo_new_path (cr);
  if (wm_step_get_x (self->step) >= 0)
    draw_hotspot (cr, wm_step_get_x (self->step) * scale, wm_step_get_y (self->step) * scale);
  draw_selection (self, cr, scale);
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
              double    iy,
              double    scale)
{
  return wm_step_get_x (self->step) >= 0 &&
         hypot (ix - wm_step_get_x (self->step), iy - wm_step_get_y (self->step)) * scale <=
           HOTSPOT_RADIUS + 8;
}

static void
set_selected (WmCanvas *self,
              int       index)
{
  if (self->selected == index)
    return;
  self->selected = index;
  if (index < 0 && self->popover != NULL)
    gtk_popover_popdown (self->popover);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* In the select tool the pointer picks what is under it: a handle of the selected mark, the
 * hotspot, a mark; in a drawing tool it draws. */
static Grab
pick (WmCanvas *self,
      double    scale)
{
  double ix = self->drag_x, iy = self->drag_y;
  int mark;

  if (!g_str_equal (self->tool, "select"))
    return GRAB_DRAW;
  if ((self->handle = handle_at (self, ix, iy, scale)) >= 0)
    return GRAB_RESIZE;
  if (near_hotspot (self, ix, iy, scale))
    return GRAB_HOTSPOT;
  if ((mark = mark_at (self, ix, iy, scale)) >= 0)
    {
      set_selected (self, mark);
      return GRAB_MOVE;
    }
  set_selected (self, -1);
  /* A step taken on request (the portal) may have no hotspot: there, a click places one. */
  if (wm_step_get_x (self->step) < 0 && wm_step_get_kind (self->step) == WM_STEP_MANUAL)
    return GRAB_HOTSPOT;
  return GRAB_NONE;
}

static void
drag_begin (WmCanvas *self,
            double    x,
            double    y)
{
  graphene_rect_t area;
  double scale;
  WmAnnotation *a;

  if (self->step == NULL || self->texture == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (self->drag), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self));
  wm_canvas_get_image_area (self, &area, &scale);
  to_image (self, x, y, &self->drag_x, &self->drag_y);
  self->drag_dx = self->drag_dy = 0;
  self->grab = pick (self, scale);
  if ((a = selected_mark (self)) != NULL)
    {
      self->orig[0] = wm_annotation_get_x (a), self->orig[1] = wm_annotation_get_y (a);
      self->orig[2] = wm_annotation_get_width (a), self->orig[3] = wm_annotation_get_height (a);
    }
  if (self->grab == GRAB_NONE)
    gtk_gesture_set_state (GTK_GESTURE (self->drag), GTK_EVENT_SEQUENCE_DENIED);
}

/* The selected mark's rectangle after the drag so far (image pixels, unnormalised). */
static void
edited_rect (WmCanvas *self,
             int       out[4])
{
  WmAnnotation *a = selected_mark (self);
  int dx = (int) round (self->drag_dx), dy = (int) round (self->drag_dy);
  double r[4];
  int edges;

  memcpy (out, self->orig, sizeof self->orig);
  if (self->grab == GRAB_MOVE)
    {
      out[0] += dx, out[1] += dy;
      return;
    }
  if (wm_annotation_get_kind (a) == WM_ANNOTATION_ARROW)
    {
      if (self->handle == 0)
        out[0] += dx, out[1] += dy, out[2] -= dx, out[3] -= dy;
      else
        out[2] += dx, out[3] += dy;
      return;
    }

  /* Rectangles resize from their drawn shape, so a grown callout's handles do not jump. */
  r[0] = MIN (self->orig[0], self->orig[0] + self->orig[2]);
  r[1] = MIN (self->orig[1], self->orig[1] + self->orig[3]);
  r[2] = MAX (self->orig[0], self->orig[0] + self->orig[2]);
  r[3] = MAX (self->orig[1], self->orig[1] + self->orig[3]);
  if (wm_annotation_get_kind (a) == WM_ANNOTATION_CALLOUT)
    {
      int saved[4] = { wm_annotation_get_x (a), wm_annotation_get_y (a),
                       wm_annotation_get_width (a), wm_annotation_get_height (a) };

      wm_annotation_set_rect (a, self->orig[0], self->orig[1], self->orig[2], self->orig[3]);
      shape_of (self, a, r);
      wm_annotation_set_rect (a, saved[0], saved[1], saved[2], saved[3]);
    }
  edges = handle_edges[self->handle];
  r[0] += edges & EDGE_LEFT ? dx : 0;
  r[1] += edges & EDGE_TOP ? dy : 0;
  r[2] += edges & EDGE_RIGHT ? dx : 0;
  r[3] += edges & EDGE_BOTTOM ? dy : 0;
  out[0] = (int) round (MIN (r[0], r[2])), out[1] = (int) round (MIN (r[1], r[3]));
  out[2] = MAX ((int) round (fabs (r[2] - r[0])), MIN_DRAG);
  out[3] = MAX ((int) round (fabs (r[3] - r[1])), MIN_DRAG);
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
  /* The mark follows the pointer; the edit itself is made (undoably) when the drag ends. */
  if (self->grab == GRAB_MOVE || self->grab == GRAB_RESIZE)
    {
      int r[4];

      edited_rect (self, r);
      wm_annotation_set_rect (selected_mark (self), r[0], r[1], r[2], r[3]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
end_mark_drag (WmCanvas *self)
{
  WmAnnotation *a = selected_mark (self);
  int r[4];

  edited_rect (self, r);
  wm_annotation_set_rect (a, self->orig[0], self->orig[1], self->orig[2], self->orig[3]);
  if (memcmp (r, self->orig, sizeof r) != 0)
    g_signal_emit (self, signals[MARK_CHANGED], 0, (guint) self->selected, r[0], r[1], r[2], r[3]);
  else if (self->grab == GRAB_MOVE)
    wm_canvas_edit_selected (self);
}

static void
drag_end (WmCanvas *self,
          double    dx,
          double    dy)
{
  int iw = image_width (self), ih = image_height (self);
  double x0 = self->drag_x, y0 = self->drag_y;
  double x1 = x0 + self->drag_dx, y1 = y0 + self->drag_dy;
  Grab grab = self->grab;

  if (grab == GRAB_MOVE || grab == GRAB_RESIZE)
    end_mark_drag (self);
  self->grab = GRAB_NONE;

  if (grab == GRAB_HOTSPOT)
    g_signal_emit (self, signals[HOTSPOT_MOVED], 0,
                   (int) CLAMP (x1, 0, iw - 1), (int) CLAMP (y1, 0, ih - 1));
  else if (grab == GRAB_DRAW && g_str_equal (self->tool, "arrow"))
    {
      if (hypot (self->drag_dx, self->drag_dy) >= MIN_DRAG)
        g_signal_emit (self, signals[RECT_DRAWN], 0, self->tool, (int) x0, (int) y0,
                       (int) self->drag_dx, (int) self->drag_dy);
    }
  else if (grab == GRAB_DRAW)
    {
      int rx = CLAMP (MIN (x0, x1), 0, iw), ry = CLAMP (MIN (y0, y1), 0, ih);
      int rw = CLAMP (MAX (x0, x1), 0, iw) - rx, rh = CLAMP (MAX (y0, y1), 0, ih) - ry;

      if (rw >= MIN_DRAG && rh >= MIN_DRAG)
        g_signal_emit (self, signals[RECT_DRAWN], 0, self->tool, rx, ry, rw, rh);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Keys on the canvas: Delete removes the selected mark, arrows nudge it (Shift: by ten),
 * Escape lets go of it. */
static gboolean
key_pressed (WmCanvas        *self,
             guint            keyval,
             guint            keycode,
             GdkModifierType  state)
{
  int step = state & GDK_SHIFT_MASK ? 10 : 1;
  int dx = 0, dy = 0;

  if (selected_mark (self) == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      return gtk_widget_activate_action (GTK_WIDGET (self), "editor.delete-annotation", NULL);
    case GDK_KEY_Escape:
      set_selected (self, -1);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -step; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = step; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = -step; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = step; break;
    default:
      return FALSE;
    }

  return gtk_widget_activate_action (GTK_WIDGET (self), "editor.nudge-annotation", "(ii)", dx, dy);
}

/* The mark popover ------------------------------------------------------------------------ */

static const struct {
  WmAnnotationKind kind;
  const char *label;
} rect_kinds[] = {
  { WM_ANNOTATION_BOX, N_("Box") },
  { WM_ANNOTATION_HIGHLIGHT, N_("Highlight") },
  { WM_ANNOTATION_REDACT, N_("Redact") },
};

static void
on_text_changed (WmCanvas *self)
{
  if (self->filling == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.set-annotation-text", "s",
                                gtk_editable_get_text (self->text_entry));
}

static void
build_popover (WmCanvas *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove Mark"));
  GtkWidget *group = NULL;

  self->kind_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->kind_box, "linked");
  for (guint i = 0; i < G_N_ELEMENTS (rect_kinds); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(rect_kinds[i].label));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.set-annotation-kind");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        wm_annotation_kind_to_string (rect_kinds[i].kind));
      g_object_set_data (G_OBJECT (button), "kind", GINT_TO_POINTER (rect_kinds[i].kind));
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
      group = button;
      gtk_box_append (GTK_BOX (self->kind_box), button);
    }
  gtk_box_append (GTK_BOX (box), self->kind_box);

  self->text_entry = GTK_EDITABLE (entry);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What should the reader notice?"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Callout text"), -1);
  gtk_editable_set_width_chars (self->text_entry, 28);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_text_changed), self);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (gtk_popover_popdown), NULL);
  gtk_box_append (GTK_BOX (box), entry);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "editor.delete-annotation");
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_box_append (GTK_BOX (box), remove);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, box);
  gtk_popover_set_position (self->popover, GTK_POS_BOTTOM);
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
}

static void
fill_popover (WmCanvas     *self,
              WmAnnotation *a)
{
  WmAnnotationKind kind = wm_annotation_get_kind (a);
  gboolean rect_kind = kind == WM_ANNOTATION_BOX || kind == WM_ANNOTATION_HIGHLIGHT ||
                       kind == WM_ANNOTATION_REDACT;

  self->filling++;
  gtk_widget_set_visible (self->kind_box, rect_kind);
  for (GtkWidget *b = gtk_widget_get_first_child (self->kind_box); b; b = gtk_widget_get_next_sibling (b))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (b),
                                  GPOINTER_TO_INT (g_object_get_data (G_OBJECT (b), "kind")) == (int) kind);
  gtk_widget_set_visible (GTK_WIDGET (self->text_entry), kind == WM_ANNOTATION_CALLOUT);
  gtk_editable_set_text (self->text_entry, wm_annotation_get_text (a) ? wm_annotation_get_text (a) : "");
  self->filling--;
}

/* API --------------------------------------------------------------------------------- */

void
wm_canvas_set_step (WmCanvas   *self,
                    WmStep     *step,
                    GdkTexture *texture)
{
  g_return_if_fail (WM_IS_CANVAS (self));

  /* A selection belongs to its step. */
  if (self->step != step &&
      (self->step == NULL || step == NULL ||
       g_strcmp0 (wm_step_get_id (self->step), wm_step_get_id (step)) != 0))
    set_selected (self, -1);
  g_set_object (&self->step, step);
  g_set_object (&self->texture, texture);
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

  /* After an undo or a removal the index may point past the marks. */
  if (self->selected >= 0 && selected_mark (self) == NULL)
    set_selected (self, -1);
  else if (selected_mark (self) != NULL && self->popover != NULL &&
           gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    fill_popover (self, selected_mark (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
wm_canvas_get_selected_mark (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), -1);
  return selected_mark (self) ? self->selected : -1;
}

void
wm_canvas_select_mark (WmCanvas *self,
                       int       index)
{
  g_return_if_fail (WM_IS_CANVAS (self));

  set_selected (self, index);
  if (selected_mark (self) == NULL)
    set_selected (self, -1);
}

void
wm_canvas_edit_selected (WmCanvas *self)
{
  WmAnnotation *a;
  graphene_rect_t area;
  double scale, r[4];

  g_return_if_fail (WM_IS_CANVAS (self));

  if ((a = selected_mark (self)) == NULL)
    return;
  if (self->popover == NULL)
    build_popover (self);
  fill_popover (self, a);
  wm_canvas_get_image_area (self, &area, &scale);
  shape_of (self, a, r);
  gtk_popover_set_pointing_to (self->popover, &(GdkRectangle) {
                                 area.origin.x + MIN (r[0], r[2]) * scale,
                                 area.origin.y + MIN (r[1], r[3]) * scale,
                                 MAX (fabs (r[2] - r[0]) * scale, 1),
                                 MAX (fabs (r[3] - r[1]) * scale, 1) });
  gtk_popover_popup (self->popover);
  if (wm_annotation_get_kind (a) == WM_ANNOTATION_CALLOUT)
    gtk_widget_grab_focus (GTK_WIDGET (self->text_entry));
}

GtkPopover *
wm_canvas_get_popover (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), NULL);
  return self->popover;
}

static void
wm_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  WmCanvas *self = WM_CANVAS (widget);

  if (self->popover != NULL)
    gtk_popover_present (self->popover);
}

static void
wm_canvas_dispose (GObject *object)
{
  WmCanvas *self = WM_CANVAS (object);

  g_clear_object (&self->step);
  g_clear_object (&self->texture);
  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->popover)));

  G_OBJECT_CLASS (wm_canvas_parent_class)->dispose (object);
}

static void
wm_canvas_finalize (GObject *object)
{
  WmCanvas *self = WM_CANVAS (object);

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
  widget_class->size_allocate = wm_canvas_size_allocate;

  signals[HOTSPOT_MOVED] = g_signal_new ("hotspot-moved", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
  /* (tool, x, y, width, height) in image pixels; arrows keep their direction. */
  signals[RECT_DRAWN] = g_signal_new ("rect-drawn", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 5, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT,
                                      G_TYPE_INT, G_TYPE_INT);
  /* (index, x, y, width, height): a mark moved or resized with the pointer. */
  signals[MARK_CHANGED] = g_signal_new ("mark-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 5, G_TYPE_UINT, G_TYPE_INT, G_TYPE_INT,
                                        G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
wm_canvas_init (WmCanvas *self)
{
  GtkEventController *key;

  self->tool = g_strdup ("select");
  self->drag = GTK_GESTURE_DRAG (gtk_gesture_drag_new ());
  g_signal_connect_swapped (self->drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect_swapped (self->drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect_swapped (self->drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drag));
  key = gtk_event_controller_key_new ();
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  self->selected = -1;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
wm_canvas_new (void)
{
  return g_object_new (WM_TYPE_CANVAS, NULL);
}
