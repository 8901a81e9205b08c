/* test-html-exporter.c — the single-file export: self-contained, safe, redacted, small
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-html-exporter"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "wm-export-fixture.h"
#include "wm-export-pixels.h"
#include "wm-html-exporter.h"

typedef WmFixtureLibrary Fixture;

static char *
export_page (Fixture    *f,
             WmTutorial *tutorial)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) page = wm_html_export_to_bytes (f->store, tutorial, NULL, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));
}

/* The text of the element that starts right after @marker, up to the next </script>. */
static char *
element_text (const char *page,
              const char *marker)
{
  const char *start = strstr (page, marker);
  const char *end;

  g_assert_nonnull (start);
  start += strlen (marker);
  end = strstr (start, "</script>");
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

static JsonObject *
page_model (const char *page)
{
  g_autofree char *text = element_text (page, "<script type=\"application/json\" id=\"waymark-model\">");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static cairo_surface_t *
decode_data_uri (const char *uri)
{
  const char *prefix = "data:image/png;base64,";
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  guchar *data;
  cairo_surface_t *surface;

  g_assert_true (g_str_has_prefix (uri, prefix));
  data = g_base64_decode (uri + strlen (prefix), &len);
  png = g_bytes_new_take (data, len);
  surface = wm_export_decode_png (png, &error);
  g_assert_no_error (error);
  return surface;
}

/* What the player draws for @key: the base picture, then the changed tiles on top. */
static cairo_surface_t *
compose (JsonObject *images,
         const char *key)
{
  JsonObject *image = json_object_get_object_member (images, key);
  const char *base = json_object_get_string_member_with_default (image, "base", NULL);
  JsonArray *tiles;
  cairo_surface_t *surface;
  g_autoptr(cairo_t) cr = NULL;

  if (base == NULL)
    return decode_data_uri (json_object_get_string_member (image, "src"));

  surface = compose (images, base);
  cr = cairo_create (surface);
  tiles = json_object_get_array_member (image, "tiles");
  for (guint i = 0; i < json_array_get_length (tiles); i++)
    {
      JsonObject *tile = json_array_get_object_element (tiles, i);
      g_autoptr(cairo_surface_t) part = decode_data_uri (json_object_get_string_member (tile, "src"));

      cairo_set_source_surface (cr, part, json_object_get_int_member (tile, "x"),
                                json_object_get_int_member (tile, "y"));
      cairo_paint (cr);
    }
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel_at (cairo_surface_t *s,
          int              x,
          int              y)
{
  const guint8 *row = cairo_image_surface_get_data (s) + (gsize) y * cairo_image_surface_get_stride (s);

  return ((const guint32 *) row)[x] & 0xffffff;
}

static gsize
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b,
                   int x0, int y0, int w, int h)
{
  gsize n = 0;

  for (int y = y0; y < y0 + h; y++)
    for (int x = x0; x < x0 + w; x++)
      n += pixel_at (a, x, y) != pixel_at (b, x, y);
  return n;
}

static void
test_self_contained (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 6, WM_FIXTURE_NONE, &error);
  g_autofree char *page = NULL, *script = NULL, *style = NULL, *script_src = NULL;
  g_autofree char *style_src = NULL;
  g_autoptr(GBytes) script_bytes = NULL, style_bytes = NULL;
  g_autoptr(JsonObject) model = NULL;
  JsonArray *steps;

  g_assert_no_error (error);
  page = export_page (f, t);

  /* The policy allows exactly the page's own script and style, by hash. */
  script = element_text (page, "<script>");
  script_bytes = g_bytes_new_static (script, strlen (script));
  script_src = wm_player_csp_source (script_bytes);
  style = g_strndup (strstr (page, "<style>") + 7, strstr (page, "</style>") - strstr (page, "<style>") - 7);
  style_bytes = g_bytes_new_static (style, strlen (style));
  style_src = wm_player_csp_source (style_bytes);
  g_assert_nonnull (strstr (page, "default-src 'none'"));
  g_assert_nonnull (strstr (page, script_src));
  g_assert_nonnull (strstr (page, style_src));
  g_assert_null (strstr (page, "unsafe-inline"));
  /* The player's text may not open or close HTML script states inside its element. */
  g_assert_null (strstr (script, "<script"));
  g_assert_null (strstr (script, "<!--"));
  g_assert_null (strstr (page, "src=\"http"));
  g_assert_null (strstr (page, "href=\"http"));

  model = page_model (page);
  steps = json_object_get_array_member (model, "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (model, "stage"), ==, "orientation");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 1),
                                                  "instruction"), ==,
                   wm_step_get_instruction (wm_tutorial_get_step (t, 1)));
  /* What the step names, for the player to show in a <strong>; the no-script list too. */
  {
    JsonArray *target = json_object_get_array_member (json_array_get_object_element (steps, 1),
                                                      "target");

    g_assert_cmpuint (json_array_get_length (target), ==, 3);
    g_assert_cmpstr (json_array_get_string_element (target, 0), ==, "Step 2: click “");
    g_assert_cmpstr (json_array_get_string_element (target, 1), ==, "the checkbox");
    g_assert_cmpstr (json_array_get_string_element (target, 2), ==, "”");
    g_assert_nonnull (strstr (page, "<li>Step 2: click “<strong>the checkbox</strong>”</li>"));
    g_assert_null (strstr (page, "**"));
  }
}

static void
test_tiles_are_lossless (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 10, WM_FIXTURE_NONE, &error);
  g_autoptr(GPtrArray) pngs = wm_fixture_step_pngs (f->store, t, &error);
  g_autofree char *page = export_page (f, t);
  g_autoptr(JsonObject) model = page_model (page);
  JsonObject *images = json_object_get_object_member (model, "images");
  JsonArray *steps = json_object_get_array_member (model, "steps");
  guint n_tiled = 0;

  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      const char *key = json_object_get_string_member (json_array_get_object_element (steps, i),
                                                       "image");
      g_autoptr(cairo_surface_t) shown = compose (images, key);
      g_autoptr(cairo_surface_t) original = wm_export_decode_png (pngs->pdata[i], &error);
      g_autoptr(cairo_t) cr = NULL;

      g_assert_no_error (error);
      /* The player's pictures carry the step's marks, drawn by the one renderer. */
      cr = cairo_create (original);
      wm_export_draw_step (cr, wm_tutorial_get_step (t, i), 1920, 1080, FALSE);
      cairo_surface_flush (original);
      n_tiled += json_object_has_member (json_object_get_object_member (images, key), "base");
      g_assert_cmpuint (count_differences (shown, original, 0, 0, 1920, 1080), ==, 0);
    }
  /* Two screens, eight steps each: all but the first of each are tiles. */
  g_assert_cmpuint (n_tiled, ==, 8);
}

static void
test_redaction_burned (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 3, WM_FIXTURE_REDACT, &error);
  g_autoptr(GPtrArray) pngs = wm_fixture_step_pngs (f->store, t, &error);
  g_autofree char *page = export_page (f, t);
  g_autoptr(JsonObject) model = page_model (page);
  JsonObject *images = json_object_get_object_member (model, "images");
  JsonObject *step = json_array_get_object_element (json_object_get_array_member (model, "steps"), 0);
  g_autoptr(cairo_surface_t) shown = compose (images, json_object_get_string_member (step, "image"));
  g_autoptr(cairo_surface_t) original = wm_export_decode_png (pngs->pdata[0], &error);
  g_autofree char *original_b64 = g_base64_encode (g_bytes_get_data (pngs->pdata[0], NULL), 4096);
  guint32 fill = pixel_at (shown, WM_FIXTURE_REDACT_X, WM_FIXTURE_REDACT_Y);

  g_assert_no_error (error);
  /* Every pixel of the region is the flat fill; the original had text there. */
  for (int y = WM_FIXTURE_REDACT_Y; y < WM_FIXTURE_REDACT_Y + WM_FIXTURE_REDACT_HEIGHT; y++)
    for (int x = WM_FIXTURE_REDACT_X; x < WM_FIXTURE_REDACT_X + WM_FIXTURE_REDACT_WIDTH; x++)
      g_assert_cmphex (pixel_at (shown, x, y), ==, fill);
  g_assert_cmpuint (count_differences (shown, original, WM_FIXTURE_REDACT_X, WM_FIXTURE_REDACT_Y,
                                       WM_FIXTURE_REDACT_WIDTH, WM_FIXTURE_REDACT_HEIGHT),
                    >, WM_FIXTURE_REDACT_WIDTH * WM_FIXTURE_REDACT_HEIGHT / 4);
  /* Outside it, nothing changed. */
  g_assert_cmpuint (count_differences (shown, original, 0, 0, 1920, 100), ==, 0);
  /* The stored PNG is not in the file in any form the exporter could have copied. */
  g_assert_null (strstr (page, original_b64 + 64));
  /* The redaction's outline is not sent either. */
  g_assert_null (strstr (page, "\"redact\""));
}

static void
test_hostile_text_escaped (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 12, WM_FIXTURE_HOSTILE, &error);
  g_autofree char *page = NULL;
  g_autoptr(JsonObject) model = NULL;
  const char *p;
  guint n_scripts = 0;

  g_assert_no_error (error);
  page = export_page (f, t);
  for (p = page; (p = strstr (p, "<script")) != NULL; p++)
    n_scripts++;
  /* options, model, player: nothing an author wrote opened another. */
  g_assert_cmpuint (n_scripts, ==, 3);
  g_assert_null (strstr (page, "<img"));
  g_assert_null (strstr (page, "<svg onload"));
  g_assert_null (strstr (page, "<iframe"));
  g_assert_null (strstr (page, "<meta http-equiv=refresh"));
  g_assert_null (strstr (page, "<!--<script"));

  /* And the texts arrive intact. */
  model = page_model (page);
  g_assert_cmpstr (json_object_get_string_member (model, "title"), ==, wm_fixture_hostile_texts[0]);
  g_assert_cmpstr (json_object_get_string_member (model, "summary"), ==, wm_fixture_hostile_texts[1]);
}

static void
test_size (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 30, WM_FIXTURE_NONE, &error);
  g_autoptr(GPtrArray) pngs = wm_fixture_step_pngs (f->store, t, &error);
  g_autofree char *page = export_page (f, t);
  gsize naive = strlen (page) - strlen (strstr (page, "<script type=\"application/json\" id=\"waymark-model\">"));
  gsize ours = strlen (page);

  /* The naive file: the same page with every step's stored PNG inline in base64. */
  for (guint i = 0; i < pngs->len; i++)
    naive += 4 * ((g_bytes_get_size (pngs->pdata[i]) + 2) / 3) + strlen ("data:image/png;base64,");

  g_test_message ("30 steps: %zu bytes, naive %zu bytes: %.1f %%", ours, naive, 100.0 * ours / naive);
  g_assert_cmpuint (ours * 100, <=, naive * 40);
}

static void
test_dedupe (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 2, WM_FIXTURE_NONE, &error);
  g_autoptr(WmStep) again = wm_step_duplicate (wm_tutorial_get_step (t, 0));
  g_autofree char *page = NULL;
  g_autoptr(JsonObject) model = NULL;

  g_assert_no_error (error);
  wm_tutorial_append_step (t, again);
  page = export_page (f, t);
  model = page_model (page);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (model, "steps")), ==, 3);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (model, "images")), ==, 2);
}

static void
test_errors_write_nothing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) empty = wm_tutorial_new ("Nothing yet");
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 1, WM_FIXTURE_NONE, &error);
  g_autofree char *path = g_build_filename (f->dir, "empty.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent/waymark/out.html");

  g_assert_false (wm_html_export_to_file (f->store, empty, NULL, file, &error));
  g_assert_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_NO_STEPS);
  g_assert_false (g_file_query_exists (file, NULL));
  g_clear_error (&error);

  g_assert_false (wm_html_export_to_file (f->store, t, NULL, nowhere, &error));
  g_assert_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "/nonexistent/waymark/out.html"));
}

/* A screenshot whose header is fine and whose pixels are not: a clear error naming the step,
 * and no file. */
static void
test_corrupt_image (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 1, WM_FIXTURE_NONE, &error);
  g_autoptr(WmTutorial) loaded = wm_fixture_add_corrupt_step (f->store, t, &error);
  g_autofree char *path = g_build_filename (f->dir, "broken.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_no_error (error);
  g_assert_false (wm_html_export_to_file (f->store, loaded, NULL, file, &error));
  g_assert_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_BAD_IMAGE);
  g_assert_true (g_str_has_prefix (error->message, "Step 2: "));
  g_assert_false (g_file_query_exists (file, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, wm_fixture_library_setup, func, \
              wm_fixture_library_teardown)
  ADD ("/export/html/self-contained", test_self_contained);
  ADD ("/export/html/tiles-are-lossless", test_tiles_are_lossless);
  ADD ("/export/html/redaction-burned", test_redaction_burned);
  ADD ("/export/html/hostile-text-escaped", test_hostile_text_escaped);
  ADD ("/export/html/size-30-steps", test_size);
  ADD ("/export/html/dedupe", test_dedupe);
  ADD ("/export/html/errors-write-nothing", test_errors_write_nothing);
  ADD ("/export/html/corrupt-image", test_corrupt_image);
#undef ADD

  return g_test_run ();
}
