/* bench-export.c — export time and size for 10, 30 and 200 steps, beside the naive file
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-export [N_STEPS…]        (default 10 30 200)
 *
 * The fixture is the export tests' realistic recording (the shared 1920×1080 screens,
 * one menu, tick, typed text or dialog per step). "naive" is the same page with every
 * step's stored PNG inline as base64, the way a straightforward exporter would do it.
 * Each LMS package (SCORM 1.2, SCORM 2004, cmi5) is then made from the same tutorial and
 * measured against the single HTML file.
 */
#define G_LOG_DOMAIN "bench-export"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "wm-export-fixture.h"
#include "wm-html-exporter.h"
#include "wm-lms-package.h"
#include "wm-markdown-exporter.h"
#include "wm-pdf-exporter.h"

static gsize
naive_size (GBytes    *page,
            GPtrArray *pngs)
{
  const char *text = g_bytes_get_data (page, NULL);
  const char *model = strstr (text, "id=\"waymark-model\">");
  const char *model_end = strstr (model, "</script>");
  gsize size = g_bytes_get_size (page) - (model_end - model);

  for (guint i = 0; i < pngs->len; i++)
    size += strlen ("data:image/png;base64,") + 4 * ((g_bytes_get_size (pngs->pdata[i]) + 2) / 3);
  return size;
}

static gsize
tree_size (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  gsize size = 0;
  GStatBuf st;

  if (dir == NULL)
    return g_stat (path, &st) == 0 ? (gsize) st.st_size : 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      size += tree_size (child);
    }
  return size;
}

/* CPU seconds of this process: the figure that does not depend on what else the
 * machine runs (wall time is printed too). */
static double
cpu_seconds (void)
{
  return (double) clock () / CLOCKS_PER_SEC;
}

typedef struct {
  double wall, cpu;
} Timing;

static void
timing_start (Timing *t)
{
  t->wall = g_get_monotonic_time () / (double) G_USEC_PER_SEC;
  t->cpu = cpu_seconds ();
}

static void
timing_stop (Timing *t)
{
  t->wall = g_get_monotonic_time () / (double) G_USEC_PER_SEC - t->wall;
  t->cpu = cpu_seconds () - t->cpu;
}

static void
bench_packages (WmStore    *store,
                WmTutorial *tutorial,
                gsize       html_size)
{
  for (WmLmsFormat format = WM_LMS_SCORM12; format <= WM_LMS_CMI5; format++)
    {
      WmLmsOptions options = { format, WM_PLAYER_MODE_DEFAULT, 80, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) zip = NULL;
      Timing t;

      timing_start (&t);
      zip = wm_lms_package_to_bytes (store, tutorial, &options, &error);
      timing_stop (&t);
      if (zip == NULL)
        g_error ("%s: %s", wm_lms_format_to_string (format), error->message);
      g_print ("       %-9s  %7.2f MB  %5.1f%% of html  cpu/wall %5.2f/%-6.2f s\n",
               wm_lms_format_to_string (format), g_bytes_get_size (zip) / 1e6,
               100.0 * g_bytes_get_size (zip) / html_size, t.cpu, t.wall);
    }
}

static void
bench (guint n_steps)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wm-bench-export-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  g_autofree char *md_dir = g_build_filename (dir, "md", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_autoptr(WmStore) store = wm_store_open (db, &error);
  g_autoptr(WmTutorial) tutorial = NULL;
  g_autoptr(GPtrArray) pngs = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GFile) md = g_file_new_for_path (md_dir);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  Timing t_html, t_md, t_pdf;
  gsize naive, stored = 0;

  if (store == NULL ||
      !(tutorial = wm_fixture_make_tutorial (store, n_steps, WM_FIXTURE_REDACT, &error)) ||
      !(pngs = wm_fixture_step_pngs (store, tutorial, &error)))
    g_error ("fixture: %s", error->message);
  for (guint i = 0; i < pngs->len; i++)
    stored += g_bytes_get_size (pngs->pdata[i]);

  timing_start (&t_html);
  page = wm_html_export_to_bytes (store, tutorial, NULL, &error);
  timing_stop (&t_html);
  if (page == NULL)
    g_error ("html: %s", error->message);
  naive = naive_size (page, pngs);

  timing_start (&t_md);
  if (!wm_markdown_export_to_dir (store, tutorial, md, NULL, &error))
    g_error ("markdown: %s", error->message);
  timing_stop (&t_md);

  timing_start (&t_pdf);
  if (!wm_pdf_export_to_file (store, tutorial, WM_PAPER_A4, pdf, &error))
    g_error ("pdf: %s", error->message);
  timing_stop (&t_pdf);

  g_print ("%5u  %9.2f  %7.2f  %8.2f  %9.1f%%  %5.2f/%-6.2f  %6.2f  %5.2f/%-6.2f  %6.2f  "
           "%5.2f/%-6.2f\n", n_steps, stored / 1e6, g_bytes_get_size (page) / 1e6, naive / 1e6,
           100.0 * g_bytes_get_size (page) / naive, t_html.cpu, t_html.wall,
           tree_size (md_dir) / 1e6, t_md.cpu, t_md.wall, tree_size (pdf_path) / 1e6,
           t_pdf.cpu, t_pdf.wall);
  bench_packages (store, tutorial, g_bytes_get_size (page));
  g_clear_object (&store);
  if (system (rm) != 0)
    g_warning ("could not remove %s", dir);
}

int
main (int    argc,
      char **argv)
{
  static const guint defaults[] = { 10, 30, 200 };

  g_setenv ("WM_FIXTURE_SCREENS", WM_FIXTURE_SCREENS_DEFAULT, FALSE);
  g_print ("steps  stored MB  html MB  naive MB  html/naive  html cpu/wall s  md MB  md cpu/wall s  "
           "pdf MB  pdf cpu/wall s\n");
  if (argc > 1)
    for (int i = 1; i < argc; i++)
      bench (g_ascii_strtoull (argv[i], NULL, 10));
  else
    for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
      bench (defaults[i]);
  return 0;
}
