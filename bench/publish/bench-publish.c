/* bench-publish.c — publishing a big library: the full publish, then the republish of one
 * changed tutorial, which must cost the change and not the library
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-publish [--tutorials 1000] [--steps 20] [--width 1280 --height 800] [--keep DIR]
 *
 * Every step has its own screenshot in the store (its own SHA-256): 1280x800 PNGs drawn
 * with cairo from a pool of 48 pictures, each copy made unique by a tEXt chunk, so the store
 * holds one image per step while the benchmark does not spend an hour encoding PNGs. The
 * publisher decodes, burns redactions into and re-encodes every screenshot it publishes.
 */
#include "config.h"

#include <cairo.h>
#include <time.h>
#include <zlib.h>

#include "wm-export-pixels.h"
#include "wm-site-publisher.h"

#define POOL 48

static guint n_tutorials = 1000;
static guint n_steps = 20;
static int width = 1280;
static int height = 800;
static char *keep_dir;

static GBytes *
draw_screen (guint seed)
{
  const int w = width, h = height;
  const double sx = w / 1280.0, sy = h / 800.0;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (surface);
  GBytes *png;
  g_autofree char *label = g_strdup_printf ("Report %u — Quarterly figures", seed);

  cairo_scale (cr, sx, sy);
  cairo_set_source_rgb (cr, 0.23, 0.33 + (seed % 5) * 0.05, 0.5);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.98, 0.98, 0.99);
  cairo_rectangle (cr, 60, 50, 1280 - 120, 800 - 100);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.9, 0.9, 0.93);
  cairo_rectangle (cr, 60, 50, 260, 800 - 100);
  cairo_fill (cr);
  for (guint row = 0; row < 14; row++)
    {
      cairo_set_source_rgb (cr, 0.75 - (row * seed % 7) * 0.05, 0.8, 0.85);
      cairo_rectangle (cr, 350, 140 + row * 40, 300 + (row * 37 + seed * 13) % 500, 22);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.15);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 28);
  cairo_move_to (cr, 350, 110);
  cairo_show_text (cr, label);

  cairo_destroy (cr);
  png = wm_export_surface_to_png (surface);
  cairo_surface_destroy (surface);
  return png;
}

/* @base with a tEXt chunk naming @n inserted before IEND: same pixels, different bytes. */
static GBytes *
unique_copy (GBytes *base,
             guint   n)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (base, &len);
  g_autofree char *text = g_strdup_printf ("Comment%cstep %u", 0, n);
  gsize text_len = strlen ("Comment") + 1 + strlen (text + strlen ("Comment") + 1);
  GByteArray *out = g_byte_array_sized_new (len + text_len + 12);
  guint8 header[8] = { text_len >> 24, text_len >> 16, text_len >> 8, text_len, 't', 'E', 'X', 't' };
  guint32 crc = crc32 (0, header + 4, 4);
  guint8 crc_bytes[4];

  crc = crc32 (crc, (const guint8 *) text, text_len);
  crc_bytes[0] = crc >> 24; crc_bytes[1] = crc >> 16; crc_bytes[2] = crc >> 8; crc_bytes[3] = crc;
  g_byte_array_append (out, data, len - 12);
  g_byte_array_append (out, header, 8);
  g_byte_array_append (out, (const guint8 *) text, text_len);
  g_byte_array_append (out, crc_bytes, 4);
  g_byte_array_append (out, data + len - 12, 12);

  return g_byte_array_free_to_bytes (out);
}

static void
approve (WmStore    *store,
         WmTutorial *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmRevision) revision = NULL;

  wm_tutorial_set_status (t, WM_STATUS_APPROVED);
  wm_tutorial_set_approved_version (t, wm_tutorial_get_version (t));
  if (!wm_store_save_tutorial (store, t, &error) ||
      !(revision = wm_store_create_revision (store, wm_tutorial_get_id (t), "Bench", "ok",
                                             &error)))
    g_error ("%s", error->message);
}

static void
build_library (WmStore *store)
{
  static const char * const roles[][3] = { { "admin", NULL }, { "everyday user", NULL },
                                           { "admin", "finance", NULL }, { "support", NULL } };
  GBytes *pool[POOL];
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < POOL; i++)
    pool[i] = draw_screen (i);

  for (guint i = 0; i < n_tutorials; i++)
    {
      g_autofree char *title = g_strdup_printf ("Export the monthly report %u", i);
      g_autoptr(WmTutorial) t = wm_tutorial_new (title);
      g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;

      wm_tutorial_set_summary (t, "Pick the period and the columns, then export as PDF or CSV.");
      wm_tutorial_set_stage (t, i % WM_N_STAGES);
      wm_tutorial_set_roles (t, roles[i % G_N_ELEMENTS (roles)]);
      if (!wm_store_save_tutorial (store, t, &error))
        g_error ("%s", error->message);

      for (guint s = 0; s < n_steps; s++)
        {
          g_autoptr(GBytes) png = unique_copy (pool[(i * 7 + s) % POOL], i * n_steps + s);
          WmStep *step = wm_step_new (WM_STEP_CLICK);
          g_autofree char *text = g_strdup_printf ("Click Export (step %u)", s + 1);

          wm_step_set_instruction (step, text);
          wm_step_set_point (step, 400 + s * 20, 200 + s * 10);
          g_ptr_array_add (steps, step);
          g_ptr_array_add (images, wm_image_new_from_png (png, &error));
        }
      if (!wm_store_append_steps (store, wm_tutorial_get_id (t), steps, images, &error))
        g_error ("%s", error->message);
      approve (store, t);
    }

  for (guint i = 0; i < POOL; i++)
    g_bytes_unref (pool[i]);
  g_print ("built the library: %u tutorials x %u steps in %.1f s\n", n_tutorials, n_steps,
           (g_get_monotonic_time () - start) / 1e6);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

/* The CPU this process used: on a shared machine the wall clock also counts the others. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
publish (WmSitePublisher *publisher,
         const char      *what)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_seconds ();

  if (!wm_site_publisher_publish (publisher, NULL, NULL, &error))
    g_error ("%s", error->message);
  g_print ("%-34s %9.3f s (cpu %8.3f s)  %5u published  %5u unchanged  %6u files written\n",
           what, seconds_since (start), cpu_seconds () - cpu,
           wm_site_publisher_get_n_published (publisher),
           wm_site_publisher_get_n_unchanged (publisher),
           wm_site_publisher_get_n_files_written (publisher));
}

/* What an author does between two publishes: change one step, get it approved again. */
static void
edit_one (WmStore    *store,
          const char *id,
          guint       round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_store_load_tutorial (store, id, TRUE, &error);
  g_autofree char *text = g_strdup_printf ("Click Export as PDF (edit %u)", round);

  if (t == NULL)
    g_error ("%s", error->message);
  wm_tutorial_set_version (t, wm_tutorial_get_version (t) + 1);
  wm_step_set_instruction (wm_tutorial_get_step (t, 3), text);
  if (!wm_store_save_tutorial (store, t, &error))
    g_error ("%s", error->message);
  approve (store, t);
}

static guint64
du (const char *dir)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "du", "-sb", dir, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, NULL, NULL);
  return out ? g_ascii_strtoull (out, NULL, 10) : 0;
}

int
main (int    argc,
      char **argv)
{
  GOptionEntry entries[] = {
    { "tutorials", 0, 0, G_OPTION_ARG_INT, &n_tutorials, "Tutorials in the library", "N" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &n_steps, "Steps per tutorial", "N" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Screenshot width (1280)", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Screenshot height (800)", "PX" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep_dir, "Work in DIR and keep it", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— publish benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *db = NULL, *site = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GFile) location = NULL;
  g_autoptr(WmSitePublisher) publisher = NULL;
  g_autoptr(GPtrArray) all = NULL;
  WmFilter filter = WM_FILTER_INIT;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  dir = keep_dir ? g_strdup (keep_dir) : g_dir_make_tmp ("wm-bench-publish-XXXXXX", &error);
  g_mkdir_with_parents (dir, 0755);
  db = g_build_filename (dir, "library.db", NULL);
  site = g_build_filename (dir, "site", NULL);
  store = wm_store_open (db, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  all = wm_store_list_tutorials (store, &filter, &error);
  if (all->len == 0)
    build_library (store);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = wm_store_list_tutorials (store, &filter, &error);
  g_print ("library: %u tutorials x %u steps, %dx%d screenshots, store %.1f MB\n", all->len,
           n_steps, width, height, du (db) / 1e6);

  location = g_file_new_for_path (site);
  publisher = wm_site_publisher_new (store, location);
  publish (publisher, "full publish:");
  g_print ("site: %.1f MB\n", du (site) / 1e6);
  publish (publisher, "republish, nothing changed:");

  for (guint round = 1; round <= 5; round++)
    {
      const char *id = wm_tutorial_get_id (g_ptr_array_index (all, (round * 97) % all->len));
      g_autofree char *what = g_strdup_printf ("republish, 1 tutorial changed (%u):", round);

      edit_one (store, id, round);
      publish (publisher, what);
    }

  if (keep_dir == NULL)
    {
      const char *rm[] = { "rm", "-rf", dir, NULL };
      g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                    NULL);
    }

  return 0;
}
