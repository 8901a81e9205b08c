/* bench-review.c — bundles of real full-HD screenshots: how big they are, and what writing,
 * checking (every row, every PNG decoded under limits) and importing one costs
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-review [--steps 50] [--runs 3] [--dir DIR]
 *
 * Each step's screenshot is one of the 1920×1080 desktop screens in
 * $WM_FIXTURE_SCREENS (default the ones tests/fixtures draws in the build), made unique by a
 * tEXt chunk so the library stores one image per step, as a real recording does.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <zlib.h>

#include "wm-bundle.h"

static int n_steps = 50;
static int n_runs = 3;
static char *dir;

static GPtrArray *
load_screens (void)
{
  const char *root = g_getenv ("WM_FIXTURE_SCREENS");
  g_autofree char *path = g_strdup (root != NULL ? root : WM_FIXTURE_SCREENS_DEFAULT);
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  GPtrArray *screens = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      char *contents;
      gsize len;

      if (g_str_has_suffix (name, ".png") && g_file_get_contents (file, &contents, &len, NULL))
        g_ptr_array_add (screens, g_bytes_new_take (contents, len));
    }
  if (screens->len == 0)
    g_error ("No screens in %s", path);

  return screens;
}

/* @png with a tEXt chunk after IHDR that names @seed: other bytes, same picture. */
static GBytes *
unique_png (GBytes *png,
            guint   seed)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (png, &len);
  g_autofree char *text = g_strdup_printf ("Comment%cstep %u", 0, seed);
  gsize text_len = strlen ("Comment") + 1 + strlen (text + strlen ("Comment") + 1);
  GByteArray *out = g_byte_array_sized_new (len + text_len + 12);
  guint8 be[4];
  guint32 crc;

  g_byte_array_append (out, data, 33);                  /* signature + IHDR */
  be[0] = text_len >> 24; be[1] = text_len >> 16; be[2] = text_len >> 8; be[3] = text_len;
  g_byte_array_append (out, be, 4);
  g_byte_array_append (out, (const guint8 *) "tEXt", 4);
  g_byte_array_append (out, (const guint8 *) text, text_len);
  crc = crc32 (crc32 (0, (const guint8 *) "tEXt", 4), (const guint8 *) text, text_len);
  be[0] = crc >> 24; be[1] = crc >> 16; be[2] = crc >> 8; be[3] = crc;
  g_byte_array_append (out, be, 4);
  g_byte_array_append (out, data + 33, len - 33);

  return g_byte_array_free_to_bytes (out);
}

static char *
make_library (const char *path,
              GPtrArray  *screens)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (path, &error);
  g_autoptr(WmTutorial) t = wm_tutorial_new ("Close the quarter in the finance app");
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
  const WmIdentity alice = { "Alice Author", "alice@example.org" };

  g_assert_no_error (error);
  wm_tutorial_set_author (t, alice.name);
  wm_tutorial_set_steps_loaded (t, TRUE);
  g_assert_true (wm_store_save_tutorial (store, t, &error));
  for (int i = 0; i < n_steps; i++)
    {
      g_autoptr(GBytes) png = unique_png (g_ptr_array_index (screens, i % screens->len), i);
      WmStep *step = wm_step_new (WM_STEP_CLICK);
      g_autofree char *text = g_strdup_printf ("Click “Reconcile” in row %d", i + 1);

      wm_step_set_instruction (step, text);
      wm_step_set_point (step, 300 + i, 200 + i);
      g_ptr_array_add (steps, step);
      g_ptr_array_add (images, wm_image_new_from_png (png, &error));
      g_assert_no_error (error);
    }
  g_assert_true (wm_store_append_steps (store, wm_tutorial_get_id (t), steps, images, &error));
  g_assert_true (wm_review_submit (store, wm_tutorial_get_id (t), &alice, "Please look", &error));
  g_assert_no_error (error);

  return g_strdup (wm_tutorial_get_id (t));
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

int
main (int    argc,
      char **argv)
{
  GOptionEntry entries[] = {
    { "steps", 0, 0, G_OPTION_ARG_INT, &n_steps, "Steps in the tutorial (50)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs of each measurement (3)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to put the libraries (a new /tmp dir)",
      "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— bundle size and speed");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) screens = NULL;
  g_autofree char *theirs = NULL, *id = NULL, *bundle_path = NULL;
  g_autoptr(GFile) bundle_file = NULL;
  g_autoptr(GArray) t_write = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_import = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_again = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(WmStore) store = NULL;
  const WmIdentity alice = { "Alice Author", "alice@example.org" };
  gsize png_bytes = 0;
  GStatBuf st;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (dir == NULL)
    dir = g_dir_make_tmp ("waymark-bench-review-XXXXXX", NULL);

  screens = load_screens ();
  for (guint i = 0; i < (guint) n_steps; i++)
    png_bytes += g_bytes_get_size (g_ptr_array_index (screens, i % screens->len));
  theirs = g_build_filename (dir, "alice.db", NULL);
  bundle_path = g_build_filename (dir, "bundle.waymark", NULL);
  bundle_file = g_file_new_for_path (bundle_path);
  id = make_library (theirs, screens);
  store = wm_store_open (theirs, &error);
  g_assert_no_error (error);

  for (int run = 0; run < n_runs; run++)
    {
      g_autofree char *ours = g_strdup_printf ("%s/rita-%d.db", dir, run);
      g_autoptr(WmStore) rita = wm_store_open (ours, &error);
      g_autoptr(WmBundle) bundle = NULL;
      g_autoptr(WmBundle) again = NULL;
      WmImportOutcome outcome;
      gint64 start;
      double ms;

      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      g_assert_true (wm_bundle_write (store, id, bundle_file, &alice, "Please look", &error));
      ms = ms_since (start);
      g_array_append_val (t_write, ms);

      start = g_get_monotonic_time ();
      bundle = wm_bundle_load (bundle_file, NULL, &error);
      g_assert_no_error (error);
      ms = ms_since (start);
      g_array_append_val (t_load, ms);

      start = g_get_monotonic_time ();
      g_assert_true (wm_bundle_import (bundle, rita, &outcome, NULL, &error));
      g_assert_cmpint (outcome, ==, WM_IMPORT_NEW);
      ms = ms_since (start);
      g_array_append_val (t_import, ms);

      /* The same bundle again: checked in full again, and nothing is written. */
      start = g_get_monotonic_time ();
      again = wm_bundle_load (bundle_file, NULL, &error);
      g_assert_true (wm_bundle_import (again, rita, &outcome, NULL, &error));
      g_assert_cmpint (outcome, ==, WM_IMPORT_UNCHANGED);
      ms = ms_since (start);
      g_array_append_val (t_again, ms);
      g_unlink (ours);
    }

  g_assert_cmpint (g_stat (bundle_path, &st), ==, 0);
  g_print ("tutorial: %d steps, 1920×1080 desktop screenshots, %.1f MB of PNG\n", n_steps,
           png_bytes / 1e6);
  g_print ("bundle file:                 %8.1f MB (%.0f KB a step; the cap is %d MB)\n",
           st.st_size / 1e6, st.st_size / 1e3 / n_steps, WM_BUNDLE_MAX_SIZE / (1024 * 1024));
  g_print ("steps that fit under the cap: %7.0f\n",
           (double) WM_BUNDLE_MAX_SIZE / ((double) st.st_size / n_steps));
  g_print ("median of %d runs:\n", n_runs);
  g_print ("write the bundle:            %8.1f ms\n", median (t_write));
  g_print ("check it (read, every row, every PNG decoded): %8.1f ms (%.1f ms a step)\n",
           median (t_load), median (t_load) / n_steps);
  g_print ("import it into a library:    %8.1f ms\n", median (t_import));
  g_print ("the same bundle again (check + nothing to do): %8.1f ms\n", median (t_again));
  g_print ("libraries in %s\n", dir);

  return 0;
}
