/* bench-store.c — how the library file behaves at 10,000 tutorials × 20 steps
 *
 *   bench-store [--tutorials N] [--steps N] [--library PATH]
 *
 * Builds a synthetic library once (kept at PATH for later runs), then prints: time to open
 * it, to list every tutorial, full-text search (median and p95 of 100 queries), to load a
 * 50-step tutorial, and the file size.
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "wm-store.h"

static const char *verbs[] = { "Export", "Create", "Invite", "Archive", "Configure", "Approve",
  "Schedule", "Share", "Import", "Reconcile", "Assign", "Publish", "Review", "Merge", "Track" };
static const char *objects[] = { "a monthly report", "an invoice", "your team", "old projects",
  "single sign-on", "expense claims", "a dashboard", "customer records", "the budget",
  "purchase orders", "a sales forecast", "user roles", "a support ticket", "payroll", "a survey" };
static const char *places[] = { "in Finance", "from the admin console", "for a new hire",
  "in the mobile app", "before quarter close", "with approvals", "for auditors", "in bulk" };
static const char *widgets[] = { "Save", "Export", "Next", "Settings", "Add", "Filter", "Share",
  "Download", "Approve", "New", "Search", "Close" };
static const char *roles[] = { "admin", "everyday user", "finance", "manager", "support" };

static GBytes *
small_png (guint seed)
{
  /* Structure of a real PNG (signature, IHDR, IDAT, IEND) around ~600 bytes of noise:
   * what the store sees of a small compressed screenshot, without an encoder. */
  GByteArray *b = g_byte_array_new ();
  static const guint8 head[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
    0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 160, 0, 0, 0, 100, 8, 6, 0, 0, 0, 1, 2, 3, 4,
    0, 0, 2, 0x58, 'I', 'D', 'A', 'T' };
  static const guint8 iend[] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };
  guint32 x = seed * 2654435761u + 1;

  g_byte_array_append (b, head, sizeof head);
  for (guint i = 0; i < 600 + 4; i++)
    {
      guint8 v;
      x ^= x << 13; x ^= x >> 17; x ^= x << 5;
      v = x;
      g_byte_array_append (b, &v, 1);
    }
  g_byte_array_append (b, iend, sizeof iend);

  return g_byte_array_free_to_bytes (b);
}

static WmTutorial *
synthetic_tutorial (GRand *rand,
                    guint  i)
{
  g_autofree char *title = g_strdup_printf ("%s %s %s",
    verbs[g_rand_int_range (rand, 0, G_N_ELEMENTS (verbs))],
    objects[g_rand_int_range (rand, 0, G_N_ELEMENTS (objects))],
    places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))]);
  const char *r[] = { roles[i % G_N_ELEMENTS (roles)], NULL };
  WmTutorial *t = wm_tutorial_new (title);

  wm_tutorial_set_stage (t, i % WM_N_STAGES);
  wm_tutorial_set_roles (t, r);
  wm_tutorial_set_summary (t, "A synthetic tutorial for the store benchmark");
  wm_tutorial_set_steps_loaded (t, TRUE);

  return t;
}

static void
add_steps (WmStore    *store,
           GRand      *rand,
           WmTutorial *t,
           guint       n_steps,
           guint       seed)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint s = 0; s < n_steps; s++)
    {
      g_autoptr(GBytes) png = small_png (seed + s);
      WmStep *step = wm_step_new (WM_STEP_CLICK);
      g_autofree char *text = g_strdup_printf ("Click the %s button in %s",
        widgets[g_rand_int_range (rand, 0, G_N_ELEMENTS (widgets))], wm_tutorial_get_title (t));

      wm_step_set_generated_instruction (step, text);
      wm_step_set_point (step, g_rand_int_range (rand, 0, 160), g_rand_int_range (rand, 0, 100));
      g_ptr_array_add (steps, step);
      g_ptr_array_add (images, wm_image_new_from_png (png, NULL));
    }

  if (!wm_store_append_steps (store, wm_tutorial_get_id (t), steps, images, &error))
    g_error ("%s", error->message);
}

static void
build_library (const char *path,
               guint       n_tutorials,
               guint       n_steps)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gint64 start = g_get_monotonic_time ();

  if (store == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; i < n_tutorials; i++)
    {
      g_autoptr(WmTutorial) t = synthetic_tutorial (rand, i);

      if (!wm_store_save_tutorial (store, t, &error))
        g_error ("%s", error->message);
      add_steps (store, rand, t, n_steps, i * n_steps);
    }

  g_print ("built %u tutorials × %u steps in %.1f s\n", n_tutorials, n_steps,
           (g_get_monotonic_time () - start) / 1e6);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
percentile (GArray *ms,
            double  p)
{
  g_array_sort (ms, compare_doubles);
  return g_array_index (ms, double, MIN (ms->len - 1, (guint) (p * ms->len)));
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
bench_search (WmStore *store,
              guint    limit)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint total_hits = 0;

  for (guint q = 0; q < 100; q++)
    {
      /* What people type: one or two words, often unfinished ("expo", "month rep"). */
      const char *verb = verbs[g_rand_int_range (rand, 0, G_N_ELEMENTS (verbs))];
      const char *object = objects[g_rand_int_range (rand, 0, G_N_ELEMENTS (objects))];
      const char *space = strrchr (object, ' ');
      g_autofree char *obj_word = g_strdup (space ? space + 1 : object);
      g_autofree char *text = (q % 2)
        ? g_strdup_printf ("%.*s %.*s", 4, verb, 5, obj_word)
        : g_strdup_printf ("%.*s", 5, obj_word);
      WmFilter filter = WM_FILTER_INIT;
      g_autoptr(GPtrArray) hits = NULL;
      gint64 start;
      double t;

      filter.search = text;
      filter.limit = limit;
      start = g_get_monotonic_time ();
      hits = wm_store_list_tutorials (store, &filter, NULL);
      t = elapsed_ms (start);
      g_array_append_val (ms, t);
      total_hits += hits->len;
    }

  g_print ("search, %-14s median %7.2f ms   p95 %7.2f ms   (%.0f hits a query)\n",
           limit ? "first 50 hits:" : "every hit:", percentile (ms, 0.5), percentile (ms, 0.95),
           total_hits / 100.0);
}

static void
bench_open_tutorial (WmStore    *store,
                     const char *id)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < 50; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(WmTutorial) t = wm_store_load_tutorial (store, id, TRUE, NULL);
      double v = elapsed_ms (start);

      g_assert (wm_tutorial_get_n_steps (t) == 50);
      g_array_append_val (ms, v);
    }

  g_print ("open a 50-step tutorial:    median %7.2f ms   p95 %7.2f ms\n",
           percentile (ms, 0.5), percentile (ms, 0.95));
}

static char *
ensure_big_tutorial (WmStore *store)
{
  WmFilter filter = WM_FILTER_INIT;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);

  filter.search = "Benchmark fifty";
  found = wm_store_list_tutorials (store, &filter, NULL);
  if (found->len > 0)
    return g_strdup (wm_tutorial_get_id (g_ptr_array_index (found, 0)));

  t = wm_tutorial_new ("Benchmark fifty steps");
  wm_tutorial_set_steps_loaded (t, TRUE);
  wm_store_save_tutorial (store, t, NULL);
  add_steps (store, rand, t, 50, 900000000);

  return g_strdup (wm_tutorial_get_id (t));
}

int
main (int    argc,
      char **argv)
{
  int n_tutorials = 10000, n_steps = 20;
  g_autofree char *path = NULL;
  GOptionEntry entries[] = {
    { "tutorials", 0, 0, G_OPTION_ARG_INT, &n_tutorials, "Tutorials (10000)", "N" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &n_steps, "Steps each (20)", "N" },
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &path, "Library file (kept)", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— store benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *big = NULL;
  GStatBuf st;
  gint64 start;
  double open_ms, list_ms;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (path == NULL)
    path = g_strdup_printf ("%s/waymark-bench-store-%d-%d.db", g_get_tmp_dir (), n_tutorials,
                            n_steps);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    build_library (path, n_tutorials, n_steps);

  {
    g_autoptr(WmStore) warm = wm_store_open (path, NULL);
    big = ensure_big_tutorial (warm);
  }

  start = g_get_monotonic_time ();
  store = wm_store_open (path, &error);
  open_ms = elapsed_ms (start);
  if (store == NULL)
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  all = wm_store_list_tutorials (store, NULL, NULL);
  list_ms = elapsed_ms (start);

  {
    WmFilter page = WM_FILTER_INIT;
    g_autoptr(GPtrArray) first = NULL;

    page.limit = 100;
    start = g_get_monotonic_time ();
    first = wm_store_list_tutorials (store, &page, NULL);
    g_print ("first page of %u tutorials:  %7.2f ms\n", first->len, elapsed_ms (start));
  }

  g_print ("library: %s\n", path);
  g_print ("open the library:           %7.2f ms\n", open_ms);
  g_print ("list all %u tutorials:    %7.2f ms\n", all->len, list_ms);
  bench_search (store, 50);
  bench_search (store, 0);
  bench_open_tutorial (store, big);
  g_stat (path, &st);
  g_print ("file size:                  %7.1f MB (%.0f bytes a step incl. its image)\n",
           st.st_size / 1e6, (double) st.st_size / (n_tutorials * (double) n_steps + 50));

  return 0;
}
