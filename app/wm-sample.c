/* wm-sample.c — the short sample tutorial a new library starts with
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-sample"

#include "config.h"

#include <cairo.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "wm-export-pixels.h"
#include "wm-instruction.h"
#include "wm-marks.h"
#include "wm-sample.h"

#define SCREEN_W 1280
#define SCREEN_H 800

typedef struct {
  int x, y, w, h;
} Rect;

/* Where the three controls of the drawn app are, in image pixels. */
static const Rect controls[] = {
  { 300, 112, 150, 40 },   /* New Report */
  { 560, 300, 420, 40 },   /* Name field */
  { 1080, 112, 130, 40 },  /* Export */
};

static void
text (cairo_t    *cr,
      const char *str,
      double      x,
      double      y,
      const char *font,
      double      r,
      double      g,
      double      b)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, str, -1);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (desc);
  g_object_unref (layout);
}

static void
button (cairo_t    *cr,
        const Rect *rect,
        const char *label,
        gboolean    suggested,
        gboolean    pressed)
{
  wm_marks_rounded_rect (cr, rect->x, rect->y, rect->w, rect->h, 6);
  if (suggested)
    cairo_set_source_rgb (cr, pressed ? 0.10 : 0.21, pressed ? 0.40 : 0.52, pressed ? 0.75 : 0.89);
  else
    cairo_set_source_rgb (cr, pressed ? 0.80 : 0.88, pressed ? 0.80 : 0.88, pressed ? 0.80 : 0.88);
  cairo_fill (cr);
  text (cr, label, rect->x + 22, rect->y + 10, "Sans Bold 12",
        suggested ? 1 : 0.2, suggested ? 1 : 0.2, suggested ? 1 : 0.2);
}

static void
draw_app (cairo_t *cr,
          guint    step)
{
  static const char *reports[] = { "Weekly active users", "Onboarding funnel",
                                   "Support tickets by area", "Licence usage" };

  /* Desktop, window, header bar, sidebar. */
  cairo_set_source_rgb (cr, 0.16, 0.32, 0.55);
  cairo_paint (cr);
  wm_marks_rounded_rect (cr, 40, 40, SCREEN_W - 80, SCREEN_H - 80, 12);
  cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
  cairo_fill (cr);
  cairo_rectangle (cr, 40, 40 + 12, SCREEN_W - 80, 46);
  cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
  cairo_fill (cr);
  text (cr, "Reports", SCREEN_W / 2.0 - 30, 64, "Sans Bold 13", 0.2, 0.2, 0.2);
  cairo_rectangle (cr, 40, 98, 220, SCREEN_H - 150);
  cairo_set_source_rgb (cr, 0.95, 0.95, 0.96);
  cairo_fill (cr);
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    text (cr, reports[i], 60, 180 + i * 44, "Sans 11", 0.25, 0.25, 0.3);
  text (cr, "Saved Reports", 60, 130, "Sans Bold 11", 0.45, 0.45, 0.5);

  button (cr, &controls[0], "New Report", TRUE, step == 0);
  button (cr, &controls[2], "Export", FALSE, step == 2);

  if (step == 0)
    {
      text (cr, "Choose a report on the left, or make a new one", 420, 420, "Sans 15",
            0.5, 0.5, 0.55);
      return;
    }

  text (cr, "New Report", 320, 200, "Sans Bold 20", 0.15, 0.15, 0.2);
  text (cr, "Name", 320, 308, "Sans 12", 0.3, 0.3, 0.35);
  wm_marks_rounded_rect (cr, controls[1].x, controls[1].y, controls[1].w, controls[1].h, 6);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, step == 1 ? 0.21 : 0.8, step == 1 ? 0.52 : 0.8, step == 1 ? 0.89 : 0.8);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  text (cr, "Quarterly adoption", controls[1].x + 12, controls[1].y + 10, "Sans 12",
        0.1, 0.1, 0.1);
  text (cr, "Range", 320, 380, "Sans 12", 0.3, 0.3, 0.35);
  text (cr, "Last 90 days", 572, 380, "Sans 12", 0.1, 0.1, 0.1);
  for (guint i = 0; i < 6; i++)
    {
      double h = 60 + (i * 37) % 140;

      cairo_rectangle (cr, 340 + i * 90, 680 - h, 56, h);
      cairo_set_source_rgb (cr, 0.38, 0.63, 0.92);
      cairo_fill (cr);
    }
}

GBytes *
wm_sample_draw_screen (guint highlight)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, SCREEN_W, SCREEN_H);
  cairo_t *cr = cairo_create (surface);
  GBytes *png;

  draw_app (cr, highlight);
  cairo_destroy (cr);
  png = wm_export_surface_to_png (surface);
  cairo_surface_destroy (surface);

  return png;
}

static WmStep *
sample_step (WmStepKind  kind,
             guint       control,
             const char *text,
             const char *target,
             const char *role)
{
  WmStep *step = wm_step_new (kind);
  const Rect *r = &controls[control];

  wm_step_set_point (step, r->x + r->w / 2, r->y + r->h / 2);
  wm_step_set_button (step, kind == WM_STEP_TYPE ? 0 : 1);
  wm_step_set_target (step, target, role, "Reports", "Reports");
  wm_step_set_text (step, text);
  /* Written as a recording writes it. */
  wm_instruction_update (step, FALSE);
  wm_step_set_captured_at (step, g_get_real_time ());

  return step;
}

WmTutorial *
wm_sample_create (WmStore  *store,
                  GError  **error)
{
  const char *roles[] = { WM_ROLE_EVERYDAY_USER, NULL };
  g_autoptr(WmTutorial) tutorial = wm_tutorial_new (_("Create your first report"));
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(WmAnnotation) highlight = NULL;
  g_autoptr(WmAnnotation) callout = NULL;
  WmStep *step;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);

  wm_tutorial_set_summary (tutorial, _("A sample of what Waymark makes: three steps recorded "
                                       "in a reporting app, with a highlight and a callout."));
  wm_tutorial_set_stage (tutorial, WM_STAGE_ORIENTATION);
  wm_tutorial_set_roles (tutorial, roles);
  wm_tutorial_set_author (tutorial, _("Waymark"));
  wm_tutorial_set_steps_loaded (tutorial, TRUE);
  if (!wm_store_save_tutorial (store, tutorial, error))
    return NULL;

  g_ptr_array_add (steps, sample_step (WM_STEP_CLICK, 0, NULL, _("New Report"), "push button"));
  step = sample_step (WM_STEP_TYPE, 1, _("Quarterly adoption"), _("Name"), "text");
  highlight = wm_annotation_new (WM_ANNOTATION_HIGHLIGHT, 548, 290, 444, 60, NULL);
  wm_step_add_annotation (step, highlight);
  g_ptr_array_add (steps, step);
  step = sample_step (WM_STEP_CLICK, 2, NULL, _("Export"), "push button");
  wm_step_set_notes (step, _("The report downloads as a spreadsheet."));
  callout = wm_annotation_new (WM_ANNOTATION_CALLOUT, 820, 200, 300, 70,
                               _("Exports go to your Downloads folder"));
  wm_step_add_annotation (step, callout);
  g_ptr_array_add (steps, step);

  for (guint i = 0; i < steps->len; i++)
    {
      g_autoptr(GBytes) png = wm_sample_draw_screen (i);
      WmImage *image = wm_image_new_from_png (png, error);

      if (image == NULL)
        return NULL;
      g_ptr_array_add (images, image);
    }

  if (!wm_store_append_steps (store, wm_tutorial_get_id (tutorial), steps, images, error))
    return NULL;

  return g_steal_pointer (&tutorial);
}
