/* test-pdf-exporter.c — the quick-reference PDF, rendered with pdftoppm and read back
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-pdf-exporter"

#include "config.h"

#include <string.h>

#include "wm-export-fixture.h"
#include "wm-export-pixels.h"
#include "wm-pdf-exporter.h"

typedef WmFixtureLibrary Fixture;

/* Each step's block has a #1a5fb4 bar down its left edge, 42–46 pt from the page edge. */
#define BAR_X 44

static char *
export_pdf (Fixture    *f,
            WmTutorial *t,
            WmPaper     paper)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "out.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (wm_pdf_export_to_file (f->store, t, paper, file, &error));
  g_assert_no_error (error);
  return path;
}

/* Renders every page at 72 dpi (1 px = 1 pt) and returns them as surfaces. */
static GPtrArray *
render_pages (Fixture    *f,
              const char *pdf)
{
  g_autofree char *prefix = g_build_filename (f->dir, "page", NULL);
  const char *argv[] = { "pdftoppm", "-r", "72", "-png", pdf, prefix, NULL };
  g_autoptr(GError) error = NULL;
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  dir = g_dir_open (f->dir, 0, &error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "page") && g_str_has_suffix (name, ".png"))
      g_ptr_array_add (names, g_build_filename (f->dir, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (pages, cairo_image_surface_create_from_png (names->pdata[i]));

  return pages;
}

static gboolean
is_accent (guint32 pixel)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return ABS (r - 0x1a) < 24 && ABS (g - 0x5f) < 24 && ABS (b - 0xb4) < 24;
}

/* Runs of the accent colour down the bar's column: one per step block. */
static guint
count_blocks (cairo_surface_t *page)
{
  const guint8 *data = cairo_image_surface_get_data (page);
  int stride = cairo_image_surface_get_stride (page);
  gboolean inside = FALSE;
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (page); y++)
    {
      gboolean accent = is_accent (((const guint32 *) (data + y * stride))[BAR_X]);

      n += accent && !inside;
      inside = accent;
    }

  return n;
}

static void
test_one_block_per_step (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 7, WM_FIXTURE_NONE, &error);
  g_autofree char *pdf = export_pdf (f, t, WM_PAPER_A4);
  g_autoptr(GPtrArray) pages = render_pages (f, pdf);
  guint blocks = 0;

  g_assert_cmpuint (pages->len, >=, 2);
  for (guint i = 0; i < pages->len; i++)
    {
      /* A4 is 595 × 842 pt. */
      g_assert_cmpint (ABS (cairo_image_surface_get_width (pages->pdata[i]) - 595), <=, 1);
      g_assert_cmpint (ABS (cairo_image_surface_get_height (pages->pdata[i]) - 842), <=, 1);
      blocks += count_blocks (pages->pdata[i]);
    }
  g_assert_cmpuint (blocks, ==, 7);
}

static void
test_letter (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 2, WM_FIXTURE_HOSTILE, &error);
  g_autofree char *pdf = export_pdf (f, t, WM_PAPER_LETTER);
  g_autoptr(GPtrArray) pages = render_pages (f, pdf);
  guint blocks = 0;

  /* Letter is 612 × 792 pt; long hostile texts wrap and stay text. */
  for (guint i = 0; i < pages->len; i++)
    {
      g_assert_cmpint (ABS (cairo_image_surface_get_width (pages->pdata[i]) - 612), <=, 1);
      g_assert_cmpint (ABS (cairo_image_surface_get_height (pages->pdata[i]) - 792), <=, 1);
      blocks += count_blocks (pages->pdata[i]);
    }
  g_assert_cmpuint (blocks, ==, 2);
}

/* Hostile author text is printed as the characters it is, and the PDF has nothing that acts:
 * no link, no script, no launch, no form. */
static void
test_hostile_text_is_text (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 3, WM_FIXTURE_HOSTILE, &error);
  g_autofree char *pdf = export_pdf (f, t, WM_PAPER_A4);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = NULL;
  g_autofree char *bytes = NULL;
  gsize len;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (text, "<img src=x onerror=\"window.__wm_pwned=1\">"));
  g_assert_nonnull (strstr (text, "</script><script>window.__wm_pwned=1</script>"));
  g_assert_nonnull (strstr (text, "<svg onload=window.__wm_pwned=1>"));

  g_file_get_contents (pdf, &bytes, &len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      const char *name = (const char *[]) { "/URI", "/JavaScript", "/JS", "/Launch",
                                            "/AcroForm" }[i];

      g_assert_null (g_strstr_len (bytes, len, name));
    }
}

/* The pictures the PDF embeds, as pdfimages extracts them (losslessly: cairo stores image
 * surfaces deflated), not as any viewer draws them. */
static GPtrArray *
embedded_images (Fixture    *f,
                 const char *pdf)
{
  g_autofree char *prefix = g_build_filename (f->dir, "embedded", NULL);
  const char *argv[] = { "pdfimages", "-png", pdf, prefix, NULL };
  g_autoptr(GError) error = NULL;
  GPtrArray *images = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  dir = g_dir_open (f->dir, 0, &error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "embedded") && g_str_has_suffix (name, ".png"))
      {
        g_autofree char *path = g_build_filename (f->dir, name, NULL);

        g_ptr_array_add (images, cairo_image_surface_create_from_png (path));
      }
  return images;
}

/* The redaction is a flat fill in the embedded picture itself: its pixels are in no stream
 * of the file for a tool to pull out. */
static void
test_redaction (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 1, WM_FIXTURE_REDACT, &error);
  g_autofree char *pdf = export_pdf (f, t, WM_PAPER_A4);
  g_autoptr(GPtrArray) images = embedded_images (f, pdf);
  cairo_surface_t *image;
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = -1, y1 = -1, stride;
  const guint8 *pixels;

  g_assert_cmpuint (images->len, ==, 1);
  image = images->pdata[0];
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  pixels = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);

  /* The box the fill colour covers… */
  for (int y = 0; y < cairo_image_surface_get_height (image); y++)
    for (int x = 0; x < cairo_image_surface_get_width (image); x++)
      if ((((const guint32 *) (pixels + y * stride))[x] & 0xffffff) == 0x3d3846)
        {
          x0 = MIN (x0, x);
          y0 = MIN (y0, y);
          x1 = MAX (x1, x);
          y1 = MAX (y1, y);
        }
  /* …is the whole redaction, and every pixel in it is the fill. */
  g_assert_cmpint (x1 - x0 + 1, ==, WM_FIXTURE_REDACT_WIDTH);
  g_assert_cmpint (y1 - y0 + 1, ==, WM_FIXTURE_REDACT_HEIGHT);
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      g_assert_cmphex (((const guint32 *) (pixels + y * stride))[x] & 0xffffff, ==, 0x3d3846);
}

static void
test_no_steps_writes_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) empty = wm_tutorial_new ("Nothing yet");
  g_autofree char *path = g_build_filename (f->dir, "empty.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_false (wm_pdf_export_to_file (f->store, empty, WM_PAPER_A4, file, &error));
  g_assert_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_NO_STEPS);
  g_assert_false (g_file_query_exists (file, NULL));
}

static void
test_corrupt_image (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 1, WM_FIXTURE_NONE, &error);
  g_autoptr(WmTutorial) loaded = wm_fixture_add_corrupt_step (f->store, t, &error);
  g_autofree char *path = g_build_filename (f->dir, "broken.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_no_error (error);
  g_assert_false (wm_pdf_export_to_file (f->store, loaded, WM_PAPER_A4, file, &error));
  g_assert_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_BAD_IMAGE);
  g_assert_true (g_str_has_prefix (error->message, "Step 2: "));
  g_assert_false (g_file_query_exists (file, NULL));
}

typedef struct {
  gboolean  done;
  GError   *error;
} AsyncResult;

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncResult *r = user_data;

  g_assert_true (wm_export_finish (result, &r->error) || r->error != NULL);
  r->done = TRUE;
}

/* The app's path: each format from a worker thread, on a copy of the tutorial. */
static void
test_async_each_format (Fixture       *f,
                        gconstpointer  data)
{
  static const struct { WmExportFormat format; const char *name, *check; } cases[] = {
    { WM_EXPORT_FORMAT_HTML, "a.html", "a.html" },
    { WM_EXPORT_FORMAT_PDF, "a.pdf", "a.pdf" },
    { WM_EXPORT_FORMAT_MARKDOWN, "md", "md/images" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 2, WM_FIXTURE_NONE, &error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, cases[i].name, NULL);
      g_autofree char *check = g_build_filename (f->dir, cases[i].check, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      AsyncResult r = { FALSE, NULL };

      wm_export_async (f->store, t, cases[i].format, file, NULL, on_exported, &r);
      /* The export works on a copy: editing meanwhile is safe. */
      wm_tutorial_set_title (t, "Changed while exporting");
      while (!r.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (r.error);
      g_assert_true (g_file_test (check, G_FILE_TEST_EXISTS));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, wm_fixture_library_setup, func, wm_fixture_library_teardown)
  ADD ("/export/pdf/one-block-per-step", test_one_block_per_step);
  ADD ("/export/pdf/letter", test_letter);
  ADD ("/export/pdf/hostile-text-is-text", test_hostile_text_is_text);
  ADD ("/export/pdf/redaction", test_redaction);
  ADD ("/export/pdf/no-steps-writes-nothing", test_no_steps_writes_nothing);
  ADD ("/export/pdf/corrupt-image", test_corrupt_image);
  ADD ("/export/async/each-format", test_async_each_format);
#undef ADD

  return g_test_run ();
}
