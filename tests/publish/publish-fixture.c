/* publish-fixture.c — approved tutorials made through the data API, for publish tests
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>

#include "publish-fixture.h"
#include "wm-export-pixels.h"

GBytes *
fixture_make_png (guint seed,
                  guint width,
                  guint height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GBytes *png;
  g_autofree char *label = g_strdup_printf ("Screen %u", seed);
  double hue = (seed % 7) / 7.0;

  /* A desktop, a window with a title bar, a sidebar and a button where the click goes. */
  cairo_set_source_rgb (cr, 0.2 + hue * 0.5, 0.35, 0.55 - hue * 0.3);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.97, 0.97, 0.98);
  cairo_rectangle (cr, width * 0.08, height * 0.1, width * 0.84, height * 0.8);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.86, 0.86, 0.9);
  cairo_rectangle (cr, width * 0.08, height * 0.1, width * 0.84, height * 0.08);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.92, 0.93, 0.95);
  cairo_rectangle (cr, width * 0.08, height * 0.18, width * 0.2, height * 0.72);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.11, 0.37, 0.72);
  cairo_rectangle (cr, width * (0.35 + (seed % 5) * 0.1), height * (0.3 + (seed % 4) * 0.12),
                   width * 0.12, height * 0.07);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, height * 0.05);
  cairo_move_to (cr, width * 0.32, height * 0.26);
  cairo_show_text (cr, label);

  cairo_destroy (cr);
  png = wm_export_surface_to_png (surface);
  cairo_surface_destroy (surface);

  return png;
}

WmTutorial *
fixture_add_tutorial (WmStore            *store,
                      const char         *title,
                      const char         *summary,
                      WmStage             stage,
                      const char * const *roles,
                      guint               n_steps,
                      guint               seed)
{
  g_autoptr(WmTutorial) t = wm_tutorial_new (title);
  g_autoptr(GError) error = NULL;

  wm_tutorial_set_summary (t, summary);
  wm_tutorial_set_stage (t, stage);
  wm_tutorial_set_roles (t, roles);
  wm_tutorial_set_author (t, "Fixture Author");
  g_assert_true (wm_store_save_tutorial (store, t, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(GBytes) png = fixture_make_png (seed + i, 640, 400);
      g_autoptr(WmImage) image = wm_image_new_from_png (png, &error);
      g_autoptr(WmStep) step = wm_step_new (WM_STEP_CLICK);
      g_autofree char *text = g_strdup_printf ("Click the blue button on screen %u", seed + i);

      g_assert_no_error (error);
      wm_step_set_instruction (step, text);
      wm_step_set_point (step, 64 * (7 + (seed + i) % 5 * 1.6), 400 * (0.33 + (seed + i) % 4 * 0.12));
      g_assert_true (wm_store_append_step (store, wm_tutorial_get_id (t), step, image, &error));
      g_assert_no_error (error);
    }

  return wm_store_load_tutorial (store, wm_tutorial_get_id (t), FALSE, &error);
}

void
fixture_approve (WmStore    *store,
                 const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_store_load_tutorial (store, id, FALSE, &error);
  g_autoptr(WmRevision) revision = NULL;

  g_assert_no_error (error);
  wm_tutorial_set_status (t, WM_STATUS_APPROVED);
  wm_tutorial_set_approved_version (t, wm_tutorial_get_version (t));
  g_assert_true (wm_store_save_tutorial (store, t, &error));
  revision = wm_store_create_revision (store, id, "Fixture Reviewer", "Approved", &error);
  g_assert_no_error (error);
  g_assert_nonnull (revision);
}

void
fixture_edit (WmStore    *store,
              const char *id,
              guint       position,
              const char *instruction)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_store_load_tutorial (store, id, TRUE, &error);

  g_assert_no_error (error);
  wm_tutorial_set_version (t, wm_tutorial_get_version (t) + 1);
  wm_tutorial_set_status (t, WM_STATUS_DRAFT);
  wm_step_set_instruction (wm_tutorial_get_step (t, position), instruction);
  g_assert_true (wm_store_save_tutorial (store, t, &error));
  g_assert_no_error (error);
}

GPtrArray *
fixture_make_library (WmStore *store)
{
  static const char * const admin[] = { WM_ROLE_ADMIN, NULL };
  static const char * const user[] = { WM_ROLE_EVERYDAY_USER, NULL };
  static const char * const both[] = { WM_ROLE_ADMIN, WM_ROLE_EVERYDAY_USER, NULL };
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  struct {
    const char *title, *summary;
    WmStage stage;
    const char * const *roles;
    guint steps;
    gboolean approve;
  } tutorials[] = {
    { "Why teams use reports", "A two-minute look at what reports show you.",
      WM_STAGE_FIRST_EXPOSURE, both, 2, TRUE },
    { "Invite your first teammate", "Send an invitation and choose what they can see.",
      WM_STAGE_ORIENTATION, admin, 3, TRUE },
    { "Export a report as PDF", "Pick the columns, the period and save a PDF.",
      WM_STAGE_RAMP_AND_PRACTICE, user, 4, TRUE },
    { "Rotate the API keys", "Replace keys without downtime.",
      WM_STAGE_REFRESHER, admin, 3, TRUE },
    { "Unfinished draft", "Not reviewed yet: must never be published.",
      WM_STAGE_COMPETENCY, user, 2, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tutorials); i++)
    {
      g_autoptr(WmTutorial) t = fixture_add_tutorial (store, tutorials[i].title,
                                                      tutorials[i].summary, tutorials[i].stage,
                                                      tutorials[i].roles, tutorials[i].steps,
                                                      i * 10 + 1);
      if (tutorials[i].approve)
        fixture_approve (store, wm_tutorial_get_id (t));
      g_ptr_array_add (ids, g_strdup (wm_tutorial_get_id (t)));
    }

  return ids;
}
