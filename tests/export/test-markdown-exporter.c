/* test-markdown-exporter.c — Markdown export: files, images, escaping, redaction
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-markdown-exporter"

#include "config.h"

#include <string.h>

#include "wm-export-fixture.h"
#include "wm-export-pixels.h"
#include "wm-markdown-exporter.h"

typedef WmFixtureLibrary Fixture;

/* Exports and returns the Markdown text; @out_dir gets the folder. */
static char *
export_md (Fixture     *f,
           WmTutorial  *t,
           char       **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_path = g_build_filename (f->dir, "out", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (dir_path);
  g_autofree char *md_path = NULL;
  char *text = NULL;

  g_assert_true (wm_markdown_export_to_dir (f->store, t, dir, &md_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (md_path, ".md"));
  g_file_get_contents (md_path, &text, NULL, &error);
  g_assert_no_error (error);
  if (out_dir)
    *out_dir = g_steal_pointer (&dir_path);
  return text;
}

static cairo_surface_t *
load_png (const char *dir,
          const char *relative)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autoptr(GError) error = NULL;
  char *data;
  gsize len;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (data, len);
  surface = wm_export_decode_png (bytes, &error);
  g_assert_no_error (error);
  return surface;
}

static void
test_files_and_alt_text (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 4, WM_FIXTURE_NONE, &error);
  g_autofree char *dir = NULL;
  g_autofree char *md = export_md (f, t, &dir);

  g_assert_true (g_str_has_prefix (md, "# Export the quarterly report \\(4 steps\\)\n") ||
                 g_str_has_prefix (md, "# Export the quarterly report (4 steps)\n"));
  for (guint i = 0; i < 4; i++)
    {
      WmStep *step = wm_tutorial_get_step (t, i);
      g_autofree char *alt = wm_markdown_escape_inline (wm_step_get_instruction (step));
      g_autofree char *needle = g_strdup_printf ("![%s](images/", alt);
      const char *at = strstr (md, needle);
      g_autofree char *path = NULL;
      g_autoptr(cairo_surface_t) picture = NULL;

      g_assert_nonnull (at);
      /* The heading shows what the step names in bold; the alt text is plain. */
      {
        g_autofree char *name = wm_markdown_escape_inline (wm_step_get_target_name (step));
        g_autofree char *bold = g_strdup_printf ("“**%s**”\n", name);

        g_assert_nonnull (strstr (md, bold));
        g_assert_null (strstr (alt, "**"));
      }
      path = g_strndup (at + strlen (needle) - strlen ("images/"),
                        strchr (at, ')') - (at + strlen (needle) - strlen ("images/")));
      picture = load_png (dir, path);
      g_assert_cmpint (cairo_image_surface_get_width (picture), ==, 1920);
    }
}

static void
test_escaping (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 12, WM_FIXTURE_HOSTILE, &error);
  g_autofree char *md = export_md (f, t, NULL);
  g_autofree char *escaped = wm_markdown_escape_inline ("1. <b>[x](javascript:y)</b> *a* `c` & d\nnext");

  g_assert_cmpstr (escaped, ==,
                   "1\\. &lt;b&gt;\\[x\\](javascript:y)&lt;/b&gt; \\*a\\* \\`c\\` &amp; d next");
  /* A heading keeps its trailing "#" (else it is the heading's closing sequence). */
  g_clear_pointer (&escaped, g_free);
  escaped = wm_markdown_escape_inline ("# Press C# ##");
  g_assert_cmpstr (escaped, ==, "\\# Press C\\# \\#\\#");
  /* No markup and no link target an author wrote survives. */
  g_assert_null (strchr (md, '<'));
  g_assert_null (strstr (md, "](javascript"));
  g_assert_null (strstr (md, "](https://example"));
}

static void
test_redaction (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 1, WM_FIXTURE_REDACT, &error);
  g_autofree char *dir = NULL;
  g_autofree char *md = export_md (f, t, &dir);
  g_autofree char *rel = NULL;
  g_autoptr(cairo_surface_t) picture = NULL;
  const guint8 *pixels;
  int stride;
  guint32 fill;

  rel = g_strndup (strstr (md, "](images/") + 2,
                   strchr (strstr (md, "](images/"), ')') - strstr (md, "](images/") - 2);
  picture = load_png (dir, rel);
  pixels = cairo_image_surface_get_data (picture);
  stride = cairo_image_surface_get_stride (picture);
  fill = ((const guint32 *) (pixels + WM_FIXTURE_REDACT_Y * stride))[WM_FIXTURE_REDACT_X];
  g_assert_cmphex (fill & 0xffffff, ==, 0x3d3846);
  for (int y = WM_FIXTURE_REDACT_Y; y < WM_FIXTURE_REDACT_Y + WM_FIXTURE_REDACT_HEIGHT; y++)
    for (int x = WM_FIXTURE_REDACT_X; x < WM_FIXTURE_REDACT_X + WM_FIXTURE_REDACT_WIDTH; x++)
      g_assert_cmphex (((const guint32 *) (pixels + y * stride))[x], ==, fill);
}

/* A screenshot that cannot be decoded: a clear error naming the step, and the folder is
 * left as it was (not even created). */
static void
test_corrupt_image (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 1, WM_FIXTURE_NONE, &error);
  g_autoptr(WmTutorial) loaded = wm_fixture_add_corrupt_step (f->store, t, &error);
  g_autofree char *path = g_build_filename (f->dir, "out", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (path);

  g_assert_no_error (error);
  g_assert_false (wm_markdown_export_to_dir (f->store, loaded, dir, NULL, &error));
  g_assert_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_BAD_IMAGE);
  g_assert_true (g_str_has_prefix (error->message, "Step 2: "));
  g_assert_false (g_file_query_exists (dir, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, wm_fixture_library_setup, func, \
              wm_fixture_library_teardown)
  ADD ("/export/markdown/files-and-alt-text", test_files_and_alt_text);
  ADD ("/export/markdown/escaping", test_escaping);
  ADD ("/export/markdown/redaction", test_redaction);
  ADD ("/export/markdown/corrupt-image", test_corrupt_image);
#undef ADD

  return g_test_run ();
}
