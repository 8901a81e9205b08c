/* test-png-check.c — the check every untrusted PNG passes before it enters a library
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wm-png-check.h"
#include "wm-store.h"

/* Found by fuzz-png: 249 bytes whose sPLT chunk claims 80 MB. libpng allocated the claimed
 * length before reading it; the check must refuse it before libpng sees it
 * (fuzz-png runs with a memory limit and catches the allocation itself). */
static const char *const claims_80mb =
  "iVBORw0KGgoAAAANSUhEUgAAABgAAAARCAMAAADwppwCAAAABGVBTUEAACqxjwv8YQUAAABzUExURTY2NjMzMzEx"
  "MS8vLy0tLSsrKygoKCYmJiQkJCIiIh8fHx0dHRsbGxkZGRYWFhQUFBISEgmNuuIAAAAHdElNRQfqCxcLIDKQE1aw"
  "AAAAMUlEQVQY03XBBQHAMADAsI7hH/hXOwVNwBYUQW4AAABBFTRBFwzBFHyCX7AEcARX2yNkYToN";

static GBytes *
load_screen (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("WM_FIXTURE_SCREENS"),
                                            "desktop-widgets.png", NULL);
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static void
test_sound_screen (void)
{
  g_autoptr(GBytes) png = load_screen ();
  g_autoptr(GError) error = NULL;
  guint width = 0, height = 0;

  g_assert_true (wm_png_check (g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                               &width, &height, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, 1920);
  g_assert_cmpuint (height, ==, 1080);
}

static void
test_chunk_longer_than_file (void)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree guint8 *data = g_base64_decode (claims_80mb, &len);

  g_assert_false (wm_png_check (data, len, NULL, NULL, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID_IMAGE);
  g_assert_nonnull (strstr (error->message, "claims more bytes than the file has"));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_cut_short (void)
{
  g_autoptr(GBytes) png = load_screen ();
  g_autoptr(GError) error = NULL;
  gsize half = g_bytes_get_size (png) / 2;

  g_assert_false (wm_png_check (g_bytes_get_data (png, NULL), half, NULL, NULL, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID_IMAGE);
  g_assert_nonnull (strstr (error->message, "cut short"));
}

static void
test_not_png (void)
{
  g_autoptr(GError) error = NULL;
  const char *text = "<html>not a screenshot</html>";

  g_assert_false (wm_png_check ((const guint8 *) text, strlen (text), NULL, NULL, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID_IMAGE);
  g_assert_cmpstr (error->message, ==, "The screenshot is not a PNG image");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/png-check/sound-screen", test_sound_screen);
  g_test_add_func ("/export/png-check/chunk-longer-than-file", test_chunk_longer_than_file);
  g_test_add_func ("/export/png-check/cut-short", test_cut_short);
  g_test_add_func ("/export/png-check/not-png", test_not_png);

  return g_test_run ();
}
