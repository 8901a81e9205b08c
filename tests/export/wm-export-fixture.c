/* wm-export-fixture.c — realistic tutorials for the export tests and benchmark
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-export-fixture"

#include "config.h"

#include <string.h>

#include "wm-export-fixture.h"
#include "wm-export-pixels.h"
#include "wm-test.h"

const char * const wm_fixture_hostile_texts[] = {
  "<img src=x onerror=\"window.__wm_pwned=1\">",
  "</script><script>window.__wm_pwned=1</script>",
  "<svg onload=window.__wm_pwned=1>",
  "javascript:window.__wm_pwned=1",
  "\" onmouseover=\"window.__wm_pwned=1\" data-x=\"",
  "<!--<script>window.__wm_pwned=1</script>-->",
  "@SCRIPT@ @MODEL@ {{constructor.constructor('window.__wm_pwned=1')()}} ${window.__wm_pwned=1}",
  "\u202egnp.exe <a href=\"javascript:window.__wm_pwned=1\">click</a>",
  "zero\u200bwidth \u2028line\u2029sep <style>*{display:none}</style>",
  "<iframe src=\"https://example.com/\"></iframe><link rel=stylesheet href=https://example.com/x.css>",
  "<meta http-equiv=refresh content=\"0;url=https://example.com/\"><base href=https://example.com/>",
  "&lt;b&gt;entity&lt;/b&gt; &amp; \\u003cscript\\u003e",
  NULL
};

/* One of the 1920×1080 desktop screens tests/fixtures draws at build time. */
static cairo_surface_t *
load_screen (guint which)
{
  static const char * const names[] = { "desktop-widgets.png", "desktop-two-windows.png" };
  g_autofree char *path = g_build_filename (g_getenv ("WM_FIXTURE_SCREENS"), names[which], NULL);
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    g_error ("cannot read the fixture screen %s ($WM_FIXTURE_SCREENS): %s", path,
             cairo_status_to_string (cairo_surface_status (surface)));

  return surface;
}

static void
draw_label (cairo_t    *cr,
            double      x,
            double      y,
            const char *text)
{
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 15);
  cairo_move_to (cr, x, y);
  cairo_show_text (cr, text);
}

/* One step's change to the screen, the way real recordings differ from one step to the
 * next: a menu opens, a box is ticked, text is typed, a dialog appears. Returns the
 * click point. */
static void
draw_change (cairo_t *cr,
             guint    i,
             int     *x,
             int     *y)
{
  int mx = 200 + (i * 137) % 1200, my = 150 + (i * 53) % 600;

  switch (i % 4)
    {
    case 0:
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, mx, my, 260, 180);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_rectangle (cr, mx, my + 72, 260, 36);
      cairo_fill (cr);
      for (int k = 0; k < 5; k++)
        {
          g_autofree char *item = g_strdup_printf ("Menu item %d.%d", i, k);

          cairo_set_source_rgb (cr, k == 2 ? 1 : 0.1, k == 2 ? 1 : 0.1, k == 2 ? 1 : 0.1);
          draw_label (cr, mx + 14, my + 24 + 36 * k, item);
        }
      *x = mx + 80, *y = my + 90;
      break;
    case 1:
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_rectangle (cr, mx, my, 22, 22);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 3);
      cairo_move_to (cr, mx + 5, my + 11);
      cairo_line_to (cr, mx + 10, my + 16);
      cairo_line_to (cr, mx + 18, my + 6);
      cairo_stroke (cr);
      *x = mx + 11, *y = my + 11;
      break;
    case 2:
      {
        g_autofree char *typed = g_strdup_printf ("quarterly-report-%u.ods", i);

        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_rectangle (cr, mx, my, 420, 34);
        cairo_fill (cr);
        cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
        draw_label (cr, mx + 10, my + 23, typed);
        *x = mx + 200, *y = my + 17;
      }
      break;
    default:
      {
        g_autofree char *title = g_strdup_printf ("Save changes to document %u?", i);

        cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
        cairo_rectangle (cr, mx, my, 520, 200);
        cairo_fill (cr);
        cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
        draw_label (cr, mx + 24, my + 40, title);
        cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
        cairo_rectangle (cr, mx + 360, my + 140, 130, 40);
        cairo_fill (cr);
        *x = mx + 425, *y = my + 160;
      }
      break;
    }
}

static WmImage *
make_screen (cairo_surface_t *base,
             guint            i,
             int             *x,
             int             *y,
             GError         **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_set_source_surface (cr, base, 0, 0);
  cairo_paint (cr);
  draw_change (cr, i, x, y);
  cairo_destroy (cr);
  /* cairo's own encoder stands in for the capture's: the naive baseline the size test
   * compares against is what a recording stores (capture's level-1 PNGs are bigger still). */
  bytes = wm_export_surface_to_png (surface);
  cairo_surface_destroy (surface);

  return wm_image_new_from_png (bytes, error);
}

static const char *
hostile (guint i)
{
  return wm_fixture_hostile_texts[i % (G_N_ELEMENTS (wm_fixture_hostile_texts) - 1)];
}

static WmStep *
make_step (guint          i,
           int            x,
           int            y,
           WmFixtureFlags flags)
{
  WmStep *step = wm_step_new (WM_STEP_CLICK);
  g_autofree char *instruction = NULL;
  const char *target;

  wm_step_set_point (step, x, y);
  wm_step_set_button (step, 1);
  /* What the step names, shown in bold by every export: hostile text there too. */
  if (flags & WM_FIXTURE_HOSTILE)
    target = hostile (i);
  else
    target = (const char *[]) { "Menu item", "the checkbox", "the file name", "Save" }[i % 4];
  if (flags & WM_FIXTURE_HOSTILE)
    instruction = g_strdup_printf ("Step %u %s", i + 1, target);
  else
    instruction = g_strdup_printf ("Step %u: click “%s”", i + 1, target);
  wm_step_set_target (step, target, "push button", "Reports", NULL);
  wm_step_set_target_kind (step, WM_TARGET_BUTTON);
  wm_step_set_instruction (step, instruction);
  if (i % 3 == 0 || (flags & WM_FIXTURE_HOSTILE))
    wm_step_set_notes (step, (flags & WM_FIXTURE_HOSTILE) ? hostile (i + 3)
                       : "It is where the pointer is; nothing else changes yet.");
  if (i % 2 == 0)
    wm_step_add_annotation (step, wm_annotation_new (WM_ANNOTATION_BOX, x - 60, y - 25, 120, 50,
                                                     NULL));
  if (i % 5 == 4 || (flags & WM_FIXTURE_HOSTILE))
    wm_step_add_annotation (step, wm_annotation_new (WM_ANNOTATION_CALLOUT, x + 40, y + 40, 200,
                                                     40, (flags & WM_FIXTURE_HOSTILE)
                                                     ? hostile (i + 5) : "Here"));
  if (i == 0 && (flags & WM_FIXTURE_REDACT))
    wm_step_add_annotation (step, wm_annotation_new (WM_ANNOTATION_REDACT, WM_FIXTURE_REDACT_X,
                                                     WM_FIXTURE_REDACT_Y, WM_FIXTURE_REDACT_WIDTH,
                                                     WM_FIXTURE_REDACT_HEIGHT, NULL));
  return step;
}

WmTutorial *
wm_fixture_make_tutorial (WmStore         *store,
                          guint            n_steps,
                          WmFixtureFlags   flags,
                          GError         **error)
{
  g_autoptr(WmTutorial) tutorial = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
  cairo_surface_t *screens[2] = { load_screen (0), load_screen (1) };
  gboolean hostile_texts = (flags & WM_FIXTURE_HOSTILE) != 0;
  const char *roles[] = { "admin", hostile_texts ? hostile (2) : "everyday user", NULL };
  g_autofree char *title = g_strdup_printf ("Export the quarterly report (%u steps)", n_steps);

  tutorial = wm_tutorial_new (hostile_texts ? hostile (0) : title);
  wm_tutorial_set_summary (tutorial, hostile_texts ? hostile (1)
                           : "From the Reports page to a file you can send.");
  wm_tutorial_set_stage (tutorial, WM_STAGE_ORIENTATION);
  wm_tutorial_set_roles (tutorial, roles);
  if (!wm_store_save_tutorial (store, tutorial, error))
    goto out;

  for (guint i = 0; i < n_steps; i++)
    {
      int x = -1, y = -1;
      WmImage *image = make_screen (screens[(i / 8) % 2], i, &x, &y, error);

      if (image == NULL)
        goto out;
      g_ptr_array_add (images, image);
      g_ptr_array_add (steps, make_step (i, x, y, flags));
    }

  if (!wm_store_append_steps (store, wm_tutorial_get_id (tutorial), steps, images, error))
    goto out;

  /* Read back what the store holds, the way an export of it will. */
  {
    g_autofree char *id = g_strdup (wm_tutorial_get_id (tutorial));

    g_clear_object (&tutorial);
    tutorial = wm_store_load_tutorial (store, id, TRUE, error);
  }
out:
  cairo_surface_destroy (screens[0]);
  cairo_surface_destroy (screens[1]);
  return g_steal_pointer (&tutorial);
}

GPtrArray *
wm_fixture_step_pngs (WmStore     *store,
                      WmTutorial  *tutorial,
                      GError     **error)
{
  g_autoptr(GPtrArray) pngs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  GListModel *steps = wm_tutorial_get_steps (tutorial);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(WmStep) step = g_list_model_get_item (steps, i);
      g_autoptr(WmImage) image = wm_store_load_image (store, wm_step_get_image_sha256 (step),
                                                      error);

      if (image == NULL)
        return NULL;
      g_ptr_array_add (pngs, g_bytes_ref (wm_image_get_png (image)));
    }

  return g_steal_pointer (&pngs);
}

WmTutorial *
wm_fixture_add_corrupt_step (WmStore     *store,
                             WmTutorial  *tutorial,
                             GError     **error)
{
  g_autoptr(GPtrArray) pngs = wm_fixture_step_pngs (store, tutorial, error);
  g_autoptr(GBytes) broken = NULL;
  g_autoptr(WmImage) image = NULL;
  g_autoptr(WmStep) step = wm_step_new (WM_STEP_CLICK);
  guint8 *bytes, *idat = NULL;
  gsize len;

  if (pngs == NULL)
    return NULL;
  len = g_bytes_get_size (pngs->pdata[0]);
  bytes = g_memdup2 (g_bytes_get_data (pngs->pdata[0], NULL), len);
  /* Every chunk stays in place (the header reads fine); the compressed pixels are garbage. */
  for (gsize i = 8; idat == NULL && i + 4 < len; i++)
    if (memcmp (bytes + i, "IDAT", 4) == 0)
      idat = bytes + i;
  g_assert_nonnull (idat);
  g_assert_cmpuint (idat + 8 + 256 - bytes, <, len);
  memset (idat + 8, 0xa5, 256);
  broken = g_bytes_new_take (bytes, len);

  wm_step_set_instruction (step, "Click the broken picture");
  if (!(image = wm_image_new_from_png (broken, error)) ||
      !wm_store_append_step (store, wm_tutorial_get_id (tutorial), step, image, error))
    return NULL;
  return wm_store_load_tutorial (store, wm_tutorial_get_id (tutorial), TRUE, error);
}

void
wm_fixture_library_setup (WmFixtureLibrary *f,
                          gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = wm_test_make_dir ("export");
  path = g_build_filename (f->dir, "library.db", NULL);
  f->store = wm_store_open (path, &error);
  g_assert_no_error (error);
}

void
wm_fixture_library_teardown (WmFixtureLibrary *f,
                             gconstpointer     data)
{
  g_clear_object (&f->store);
  wm_test_remove_dir (f->dir);
  g_free (f->dir);
}
