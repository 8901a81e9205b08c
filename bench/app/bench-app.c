/* bench-app.c — the app with a big library: first frame, opening a long tutorial, memory
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   tests/wm-session-run -- bench-app [--tutorials N] [--library PATH]
 *
 * Builds (once, then reuses) a library of N tutorials (default 10,000) with 1–4 steps on
 * 64 distinct screenshots, plus one 200-step tutorial, and prints:
 *   first-frame   process start (fork/exec included) to the window's first painted frame,
 *                 a fresh process each run, median of 5
 *   open-200      activating a 200-step tutorial to the editor's frame with its screenshot
 *   rss           resident memory after scrolling through every row of the library
 *   review-60     opening a 60-step tutorial (60 distinct screenshots) in review: the longest
 *                 time the main thread was busy at once (its waits excluded) until every
 *                 step's picture is shown
 *   edit-1000     editing a 1,000-step tutorial (text, notes, marks, hotspot, moving, adding
 *                 and deleting steps at places all along it): the longest and the median
 *                 main-thread stall of an edit, its save included
 */
#define G_LOG_DOMAIN "bench-app"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "wm-application.h"
#include "wm-export-pixels.h"
#include "wm-sample.h"
#include "wm-window.h"

#define N_IMAGES 64

static long status_kb (const char *field);
#define LONG_TITLE "Bench: the 200-step tutorial"

/* A distinct screen per @i: the sample app with a coloured band and a number. */
static GBytes *
bench_screen (guint i)
{
  g_autoptr(GBytes) base = wm_sample_draw_screen (i % 3);
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (base, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 800);
  g_autofree char *label = g_strdup_printf ("Screen %u", i);
  GBytes *png;
  cairo_t *cr;

  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, (i * 37 % 255) / 255.0, (i * 91 % 255) / 255.0, 0.6);
  cairo_rectangle (cr, 300, 600, 900, 120);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, 320, 680);
  cairo_set_font_size (cr, 48);
  cairo_show_text (cr, label);
  cairo_destroy (cr);
  png = wm_export_surface_to_png (surface);
  cairo_surface_destroy (surface);

  return png;
}

static void
fill_library (WmStore *store,
              guint    n)
{
  static const char *roles[] = { "admin", "everyday user", "manager", "finance lead", NULL };
  static const char *words[] = { "invoice", "report", "dashboard", "team", "export", "budget",
                                 "approval", "calendar", "customer", "payment" };
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < N_IMAGES; i++)
    {
      g_autoptr(GBytes) png = bench_screen (i);

      g_ptr_array_add (images, wm_image_new_from_png (png, NULL));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("How to %s the %s (%u)", words[i % 10],
                                                words[(i / 10) % 10], i);
      const char *role[] = { roles[i % 4], NULL };
      g_autoptr(WmTutorial) t = wm_tutorial_new (title);
      g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) step_images = g_ptr_array_new ();

      wm_tutorial_set_stage (t, i % WM_N_STAGES);
      wm_tutorial_set_roles (t, role);
      wm_tutorial_set_summary (t, "A tutorial made for the benchmark.");
      wm_tutorial_set_steps_loaded (t, TRUE);
      g_assert (wm_store_save_tutorial (store, t, NULL));
      for (guint s = 0; s < 1 + i % 4; s++)
        {
          WmStep *step = wm_step_new (WM_STEP_CLICK);

          wm_step_set_generated_instruction (step, "Click Save in Reports");
          g_ptr_array_add (steps, step);
          g_ptr_array_add (step_images, g_ptr_array_index (images, (i + s) % N_IMAGES));
        }
      g_assert (wm_store_append_steps (store, wm_tutorial_get_id (t), steps, step_images, NULL));
      if (i % 1000 == 999)
        g_printerr ("  %u tutorials…\n", i + 1);
    }

  {
    g_autoptr(WmTutorial) t = wm_tutorial_new (LONG_TITLE);
    g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) step_images = g_ptr_array_new ();

    wm_tutorial_set_steps_loaded (t, TRUE);
    g_assert (wm_store_save_tutorial (store, t, NULL));
    for (guint s = 0; s < 200; s++)
      {
        WmStep *step = wm_step_new (WM_STEP_CLICK);
        g_autofree char *text = g_strdup_printf ("Click Next (%u of 200)", s + 1);
        g_autoptr(WmAnnotation) mark = wm_annotation_new (WM_ANNOTATION_HIGHLIGHT, 280, 100,
                                                          200, 60, NULL);

        wm_step_set_generated_instruction (step, text);
        wm_step_set_point (step, 375, 132);
        wm_step_add_annotation (step, mark);
        g_ptr_array_add (steps, step);
        g_ptr_array_add (step_images, g_ptr_array_index (images, s % N_IMAGES));
      }
    g_assert (wm_store_append_steps (store, wm_tutorial_get_id (t), steps, step_images, NULL));
  }

  g_printerr ("  library made in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
}

/* Main-thread stalls ------------------------------------------------------------------ */

/* The main thread's own CPU time: what a stall costs on an idle machine, whatever the load
 * (wall time on a loaded machine adds the time other processes had the CPU). */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static GPollFunc real_poll;
static gint64 polled_us;
static double last_busy_cpu_ms;   /* the main thread's CPU time in the last iteration */

static gint
timed_poll (GPollFD *fds,
            guint    n_fds,
            gint     timeout)
{
  gint64 start = g_get_monotonic_time ();
  gint ready = real_poll (fds, n_fds, timeout);

  polled_us += g_get_monotonic_time () - start;
  return ready;
}

/* One main-loop iteration: how long it kept the thread busy, in ms (waiting excluded). */
static double
iterate_busy_ms (gboolean may_block)
{
  gint64 start = g_get_monotonic_time (), polled = polled_us;
  gint64 cpu_start = thread_cpu_us ();

  if (real_poll == NULL)
    {
      real_poll = g_main_context_get_poll_func (NULL);
      g_main_context_set_poll_func (NULL, timed_poll);
    }
  g_main_context_iteration (NULL, may_block);
  last_busy_cpu_ms = (thread_cpu_us () - cpu_start) / 1000.0;
  return ((g_get_monotonic_time () - start) - (polled_us - polled)) / 1000.0;
}

/* Runs what is pending (idles, redraws, thread results) for @ms and returns the longest
 * iteration. */
static double
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  double longest = 0;

  while (g_get_monotonic_time () < until)
    {
      longest = MAX (longest, iterate_busy_ms (FALSE));
      g_usleep (500);
    }
  return longest;
}

/* The long tutorials of the review and edit figures, added to the library when missing. */
static char *
find_or_make_long (WmStore    *store,
                   const char *title,
                   guint       n_steps)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
  WmFilter filter = WM_FILTER_INIT;

  filter.search = title;
  found = wm_store_list_tutorials (store, &filter, NULL);
  for (guint i = 0; found && i < found->len; i++)
    if (g_str_equal (wm_tutorial_get_title (g_ptr_array_index (found, i)), title))
      return g_strdup (wm_tutorial_get_id (g_ptr_array_index (found, i)));

  g_printerr ("  adding “%s”\n", title);
  t = wm_tutorial_new (title);
  wm_tutorial_set_steps_loaded (t, TRUE);
  g_assert (wm_store_save_tutorial (store, t, NULL));
  for (guint i = 0; i < N_IMAGES; i++)
    {
      g_autoptr(GBytes) png = bench_screen (i);

      g_ptr_array_add (images, wm_image_new_from_png (png, NULL));
    }
  for (guint s = 0; s < n_steps; s++)
    {
      WmStep *step = wm_step_new (WM_STEP_CLICK);
      g_autofree char *text = g_strdup_printf ("Click **Next** (%u of %u)", s + 1, n_steps);
      g_autoptr(WmAnnotation) mark = wm_annotation_new (WM_ANNOTATION_HIGHLIGHT, 280, 100,
                                                        200, 60, NULL);

      wm_step_set_generated_instruction (step, text);
      wm_step_set_point (step, 375, 132);
      wm_step_add_annotation (step, mark);
      g_ptr_array_add (steps, step);
    }
  {
    g_autoptr(GPtrArray) step_images = g_ptr_array_new ();

    for (guint s = 0; s < n_steps; s++)
      g_ptr_array_add (step_images, g_ptr_array_index (images, s % N_IMAGES));
    g_assert (wm_store_append_steps (store, wm_tutorial_get_id (t), steps, step_images, NULL));
  }

  return g_strdup (wm_tutorial_get_id (t));
}

static void
collect_pictures (GtkWidget *widget,
                  GPtrArray *found)
{
  if (GTK_IS_PICTURE (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_pictures (c, found);
}

static guint
pictures_shown (GtkWidget *view)
{
  g_autoptr(GPtrArray) pictures = g_ptr_array_new ();
  guint shown = 0;

  collect_pictures (view, pictures);
  for (guint i = 0; i < pictures->len; i++)
    shown += gtk_picture_get_paintable (g_ptr_array_index (pictures, i)) != NULL;
  return shown;
}

/* Opening in review: the action's own time, then every iteration until all pictures show. */
static void
measure_review (WmWindow   *window,
                const char *id,
                guint       n_steps,
                double     *longest_ms,
                double     *longest_cpu_ms,
                double     *all_shown_ms)
{
  gint64 start = g_get_monotonic_time ();
  gint64 cpu_start = thread_cpu_us ();
  GtkWidget *view;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.review-tutorial", "s", id);
  *longest_ms = (g_get_monotonic_time () - start) / 1000.0;
  *longest_cpu_ms = (thread_cpu_us () - cpu_start) / 1000.0;
  view = GTK_WIDGET (wm_window_get_review_view (window));
  while (pictures_shown (view) < n_steps)
    {
      *longest_ms = MAX (*longest_ms, iterate_busy_ms (TRUE));
      *longest_cpu_ms = MAX (*longest_cpu_ms, last_busy_cpu_ms);
    }
  *all_shown_ms = (g_get_monotonic_time () - start) / 1000.0;
  *longest_ms = MAX (*longest_ms, settle (300));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b);

/* One edit through the editor's action, as a click or a key would make it: the activation
 * (which saves) and what it leaves for the main loop. */
static double
timed_edit (GtkWidget  *editor,
            const char *action,
            GVariant   *param,
            double     *cpu_ms)
{
  gint64 start = g_get_monotonic_time ();
  gint64 cpu_start = thread_cpu_us ();
  double longest;

  gtk_widget_activate_action_variant (editor, action, param);
  longest = (g_get_monotonic_time () - start) / 1000.0;
  *cpu_ms = (thread_cpu_us () - cpu_start) / 1000.0;
  return MAX (longest, settle (20));
}

typedef struct {
  double      longest_ms;      /* wall time, the longest stall */
  const char *longest_action;
  double      median_ms;
  double      longest_cpu_ms;  /* the main thread's CPU time in the edit's own call */
  double      median_cpu_ms;
} EditFigures;

static void
measure_edits (WmWindow    *window,
               const char  *id,
               guint        n_steps,
               EditFigures *fig)
{
  GtkWidget *editor = GTK_WIDGET (wm_window_get_editor (window));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));

  wm_window_open_tutorial (window, id);
  while (!wm_editor_is_canvas_ready (wm_window_get_editor (window)))
    iterate_busy_ms (TRUE);
  settle (3000);   /* the step list grows to every row, a few per idle */

  fig->longest_ms = fig->longest_cpu_ms = 0;
  for (guint round = 0; round < 8; round++)
    {
      guint at = (round * 131 + 7) % n_steps;
      g_autofree char *text = g_strdup_printf ("Click **Next** now (edit %u)", round);
      struct { const char *action; GVariant *param; } edits[] = {
        { "editor.select-step", g_variant_new_uint32 (at) },
        { "editor.set-instruction", g_variant_new_string (text) },
        { "editor.set-notes", g_variant_new_string ("Wait for the page to load.") },
        { "editor.add-annotation", g_variant_new ("(siiiis)", "box", 100, 100, 300, 80, "") },
        { "editor.move-hotspot", g_variant_new ("(ii)", 400, 300) },
        { "editor.remove-last-annotation", NULL },
        { "editor.move-step", g_variant_new ("(uu)", at, (at + n_steps / 2) % n_steps) },
        { "editor.insert-step", NULL },
        { "editor.delete-step", NULL },
      };

      for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
        {
          double cpu_ms;
          double ms = timed_edit (editor, edits[i].action, edits[i].param, &cpu_ms);

          if (i == 0)
            continue;   /* selecting is not an edit */
          g_array_append_val (stalls, ms);
          g_array_append_val (cpu, cpu_ms);
          fig->longest_cpu_ms = MAX (fig->longest_cpu_ms, cpu_ms);
          if (ms > fig->longest_ms)
            {
              fig->longest_ms = ms;
              fig->longest_action = edits[i].action;
            }
        }
    }
  g_array_sort (stalls, compare_doubles);
  g_array_sort (cpu, compare_doubles);
  fig->median_ms = g_array_index (stalls, double, stalls->len / 2);
  fig->median_cpu_ms = g_array_index (cpu, double, cpu->len / 2);
}

/* Child mode: start like the app, print the monotonic time of each phase, the last one
 * being the first painted frame. */
static gboolean first_painted;
static GString *phases;

static void
phase (const char *name)
{
  g_string_append_printf (phases, "%s %" G_GINT64_FORMAT "\n", name, g_get_monotonic_time ());
}

static void
after_paint (GdkFrameClock *clock,
             gpointer       user_data)
{
  if (!first_painted)
    {
      first_painted = TRUE;
      phase ("frame");
      g_print ("%srss %ld\n", phases->str, status_kb ("VmRSS:"));
      exit (0);
    }
}

static void
on_map (GtkWidget *window)
{
  phase ("map");
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint), NULL);
}

static int
child_first_frame (const char *library)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  GtkWidget *window;

  phases = g_string_new (NULL);
  phase ("main");
  gtk_init ();
  phase ("gtk-init");
  adw_init ();
  phase ("adw-init");
  if (library != NULL)
    {
      wm_resources_ensure ();
      phase ("resources");
      store = wm_store_open (library, NULL);
      phase ("store-open");
      settings = g_settings_new (APP_ID);
      g_settings_set_boolean (settings, "sample-offered", TRUE);
      window = GTK_WIDGET (wm_window_new (NULL, store, settings, NULL));
    }
  else
    {
      /* The baseline: a bare libadwaita window with a header bar and a label. */
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      window = adw_application_window_new (NULL);
      gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
      gtk_box_append (GTK_BOX (box), gtk_label_new ("Bare window"));
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
    }
  phase ("window-new");
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
  phase ("present");
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 1;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
cpu_ms (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

#define children_cpu_ms() cpu_ms (RUSAGE_CHILDREN)
#define self_cpu_ms() cpu_ms (RUSAGE_SELF)

static const char *phase_names[] = {
  "main", "gtk-init", "adw-init", "resources", "store-open", "window-new", "present", "map",
  "frame",
};
#define N_PHASES G_N_ELEMENTS (phase_names)
#define N_RUNS 5

/* One fresh process: wall time from spawn to each phase (ms, < 0 if the child has no such
 * phase) and the CPU time the child used, the figure that a loaded machine (other jobs on
 * the same cores) inflates least. */
typedef struct {
  double at[N_PHASES];
  double cpu;
  double rss_mb;   /* at the first frame */
} Run;

static void
measure_first_frame (const char *self_path,
                     const char *library,
                     Run        *run)
{
  const char *argv[] = { self_path, "--child-first-frame", library, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu_before = children_cpu_ms ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error) || out == NULL || !g_spawn_check_wait_status (status, NULL))
    g_error ("child: %s", error ? error->message : "no output");
  run->cpu = children_cpu_ms () - cpu_before;

  for (guint p = 0; p < N_PHASES; p++)
    run->at[p] = -1;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], " ", 2);

      if (f[0] && f[1] && g_str_equal (f[0], "rss"))
        run->rss_mb = g_ascii_strtod (f[1], NULL) / 1024.0;
      for (guint p = 0; f[0] && f[1] && p < N_PHASES; p++)
        if (g_str_equal (f[0], phase_names[p]))
          run->at[p] = (g_ascii_strtoll (f[1], NULL, 10) - start) / 1000.0;
    }
  if (run->at[N_PHASES - 1] < 0)
    g_error ("child: no frame");
}

static double
median_of (const Run *runs,
           gssize     phase)
{
  double v[N_RUNS];

  for (guint i = 0; i < N_RUNS; i++)
    v[i] = phase < 0 ? runs[i].cpu : runs[i].at[phase];
  qsort (v, N_RUNS, sizeof v[0], compare_doubles);
  return v[N_RUNS / 2];
}

static double
median_rss (const Run *runs)
{
  double v[N_RUNS];

  for (guint i = 0; i < N_RUNS; i++)
    v[i] = runs[i].rss_mb;
  qsort (v, N_RUNS, sizeof v[0], compare_doubles);
  return v[N_RUNS / 2];
}

static double
min_of (const Run *runs)
{
  double m = G_MAXDOUBLE;

  for (guint i = 0; i < N_RUNS; i++)
    m = MIN (m, runs[i].at[N_PHASES - 1]);
  return m;
}

/* "gtk-init 40 (+25)": median time since spawn at which each phase ended, and its share. */
static void
print_phases (const char *label,
              const Run  *runs)
{
  double prev = 0;

  g_print ("  %s phases (median ms since spawn):", label);
  for (guint p = 0; p < N_PHASES; p++)
    {
      double at = median_of (runs, p);

      if (at < 0)
        continue;
      g_print (" %s %.0f (+%.0f)", phase_names[p], at, at - prev);
      prev = at;
    }
  g_print ("\n");
}

static char *
load_average (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) f = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  f = g_strsplit (text, " ", 4);
  return g_strdup_printf ("%s %s %s", f[0], f[1], f[2]);
}

static void
wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 counter = gdk_frame_clock_get_frame_counter (clock);

  /* One frame: a queued draw asks for one, and an idle window asks for no more. */
  gtk_widget_queue_draw (widget);
  while (gdk_frame_clock_get_frame_counter (clock) <= counter)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "library-list"))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_list (c);

      if (found)
        return found;
    }
  return NULL;
}

static long
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;
  return strtol (line + strlen (field), NULL, 10);
}

static void
measure_in_process (const char *library,
                    double     *open_ms,
                    double     *rss_mb,
                    double     *hwm_mb,
                    guint      *n_rows,
                    double     *scroll_s,
                    gboolean    scroll,
                    double     *open_cpu_ms,
                    double     *start_rss_mb)
{
  g_autoptr(WmStore) store = wm_store_open (library, NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  WmFilter filter = WM_FILTER_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  WmWindow *window;
  GtkWidget *list;
  GtkAdjustment *adj;
  gint64 start;
  double cpu_start;

  gtk_init ();
  adw_init ();
  wm_resources_ensure ();
  g_settings_set_boolean (settings, "sample-offered", TRUE);
  window = wm_window_new (NULL, store, settings, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  wait_frame (GTK_WIDGET (window));

  /* Scroll through every row, a page at a time, drawing each page: once the list has grown
   * from its first screenful to the whole library (idles after the first frame). */
  list = find_list (GTK_WIDGET (window));
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (gtk_widget_get_parent (list)));
  *n_rows = g_list_model_get_n_items (wm_window_get_library (window));
  while (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)))) <
         *n_rows)
    g_main_context_iteration (NULL, TRUE);
  wait_frame (GTK_WIDGET (window));
  *start_rss_mb = status_kb ("VmRSS:") / 1024.0;
  start = g_get_monotonic_time ();
  while (scroll && gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) <
         gtk_adjustment_get_upper (adj) - 1)
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) +
                                     gtk_adjustment_get_page_size (adj));
      wait_frame (GTK_WIDGET (window));
    }
  *scroll_s = (g_get_monotonic_time () - start) / 1e6;
  g_printerr ("  scrolled %u rows in %.1f s\n", *n_rows, *scroll_s);
  for (guint i = 0; i < 20; i++)
    wait_frame (GTK_WIDGET (window));
  *rss_mb = status_kb ("VmRSS:") / 1024.0;
  *hwm_mb = status_kb ("VmHWM:") / 1024.0;

  /* Open the 200-step tutorial: until the editor has drawn its first screenshot. */
  g_printerr ("  opening the 200-step tutorial\n");
  filter.search = "200-step";
  rows = wm_store_list_tutorials (store, &filter, NULL);
  g_assert (rows && rows->len == 1);
  start = g_get_monotonic_time ();
  cpu_start = self_cpu_ms ();
  wm_window_open_tutorial (window, wm_tutorial_get_id (g_ptr_array_index (rows, 0)));
  while (!wm_editor_is_canvas_ready (wm_window_get_editor (window)))
    g_main_context_iteration (NULL, TRUE);
  wait_frame (GTK_WIDGET (window));
  *open_ms = (g_get_monotonic_time () - start) / 1000.0;
  *open_cpu_ms = self_cpu_ms () - cpu_start;

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
print_freezes (double             review_longest,
               double             review_cpu,
               double             review_all,
               const EditFigures *fig)
{
  g_autofree char *load = load_average ();

  g_print ("review-60: main thread busy at most %.0f ms at once (aim < 50; its own CPU time at "
           "most %.0f ms); every picture shown after %.0f ms; load %s\n", review_longest,
           review_cpu, review_all, load);
  g_print ("edit-1000: longest main-thread stall of an edit %.1f ms (%s; aim < 16), median "
           "%.1f ms; main-thread CPU per edit at most %.1f ms, median %.1f ms\n",
           fig->longest_ms, fig->longest_action, fig->median_ms, fig->longest_cpu_ms,
           fig->median_cpu_ms);
}

/* The two freezes of a long tutorial, in a window of their own. */
static void
measure_freezes (const char  *library,
                 double      *review_longest,
                 double      *review_cpu,
                 double      *review_all,
                 EditFigures *edits)
{
  g_autoptr(WmStore) store = wm_store_open (library, NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *review_id = find_or_make_long (store, "Bench: review 60 steps", 60);
  g_autofree char *edit_id = find_or_make_long (store, "Bench: edit 1000 steps", 1000);
  WmWindow *window;

  gtk_init ();
  adw_init ();
  wm_resources_ensure ();
  g_settings_set_boolean (settings, "sample-offered", TRUE);
  window = wm_window_new (NULL, store, settings, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  wait_frame (GTK_WIDGET (window));
  settle (2000);

  g_printerr ("  opening 60 steps in review\n");
  measure_review (window, review_id, 60, review_longest, review_cpu, review_all);
  g_printerr ("  editing 1,000 steps\n");
  measure_edits (window, edit_id, 1000, edits);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *library = NULL;
  g_autofree char *self_path = NULL;
  int n = 10000;
  gboolean no_scroll = FALSE, freezes_only = FALSE;
  GOptionEntry entries[] = {
    { "tutorials", 0, 0, G_OPTION_ARG_INT, &n, "Tutorials in the library", "N" },
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library, "Library file to build or reuse", "PATH" },
    { "no-scroll", 0, 0, G_OPTION_ARG_NONE, &no_scroll,
      "Skip scrolling the whole library (the memory figure)", NULL },
    { "freezes-only", 0, 0, G_OPTION_ARG_NONE, &freezes_only,
      "Only the review-60 and edit-1000 figures", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the app with a big library");
  Run runs[N_RUNS], bare[N_RUNS];
  g_autofree char *load_before = NULL, *load_after = NULL;
  double open_ms, rss_mb, hwm_mb, scroll_s, open_cpu, start_rss_mb;
  double review_longest, review_cpu, review_all;
  EditFigures edits = { 0 };
  guint n_rows;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", WM_SCHEMA_DIR, TRUE);

  if (argc >= 2 && g_str_equal (argv[1], "--child-first-frame"))
    return child_first_frame (argv[2]);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, NULL))
    return 2;
  if (library == NULL)
    library = g_strdup_printf ("%s/waymark-bench-app-%d.db", g_get_tmp_dir (), n);
  /* As `waymark` does before GTK starts; the children (the app and the bare window) inherit
   * it. GDK_DEBUG= (empty) keeps GL on a machine without a GPU, to compare. */
  wm_application_choose_renderer ();

  if (!g_file_test (library, G_FILE_TEST_EXISTS))
    {
      g_autoptr(WmStore) store = NULL;

      g_printerr ("Making a library of %d tutorials at %s\n", n, library);
      gtk_init ();
      store = wm_store_open (library, NULL);
      fill_library (store, n);
    }

  if (freezes_only)
    {
      measure_freezes (library, &review_longest, &review_cpu, &review_all, &edits);
      print_freezes (review_longest, review_cpu, review_all, &edits);
      return 0;
    }

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  /* The first runs warm the page cache, as a second start finds it. Then the app and a
   * bare libadwaita window take turns, so both see the same load. */
  measure_first_frame (self_path, library, &runs[0]);
  measure_first_frame (self_path, NULL, &bare[0]);
  load_before = load_average ();
  for (guint i = 0; i < N_RUNS; i++)
    {
      measure_first_frame (self_path, library, &runs[i]);
      measure_first_frame (self_path, NULL, &bare[i]);
    }
  load_after = load_average ();

  measure_in_process (library, &open_ms, &rss_mb, &hwm_mb, &n_rows, &scroll_s, !no_scroll,
                      &open_cpu, &start_rss_mb);

  measure_freezes (library, &review_longest, &review_cpu, &review_all, &edits);

  g_print ("library: %u tutorials (+1 of 200 steps), renderer %s, GDK_DEBUG=%s\n", n_rows,
           g_getenv ("GSK_RENDERER") ?: "default", g_getenv ("GDK_DEBUG") ?: "");
  g_print ("load average: %s before the start runs, %s after\n", load_before, load_after);
  g_print ("first-frame: %.0f ms median (min %.0f; aim < 300); CPU %.0f ms median\n",
           median_of (runs, N_PHASES - 1), min_of (runs), median_of (runs, -1));
  g_print ("  baseline, a bare libadwaita window at the same time: %.0f ms median "
           "(min %.0f); CPU %.0f ms median\n",
           median_of (bare, N_PHASES - 1), min_of (bare), median_of (bare, -1));
  print_phases ("app", runs);
  print_phases ("bare window", bare);
  g_print ("open-200: %.0f ms (aim < 200); CPU %.0f ms (all threads); load %s\n", open_ms,
           open_cpu, load_after);
  g_print ("rss at the first frame: %.0f MB median (a bare libadwaita window: %.0f MB); "
           "once the list has grown: %.0f MB\n", median_rss (runs), median_rss (bare),
           start_rss_mb);
  if (!no_scroll)
    g_print ("rss after scrolling all %u rows: %.0f MB (peak %.0f MB; aim < 200); scroll took %.1f s\n",
           n_rows, rss_mb, hwm_mb, scroll_s);
  print_freezes (review_longest, review_cpu, review_all, &edits);
  return 0;
}
