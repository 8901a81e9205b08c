/* bench-capture.c — X11 recording: press → frame and press → commit, bursts, encoding
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-capture [--clicks 200] [--rate 5] [--burst 30] [--burst-rate 20] [--out DIR]
 *
 * Records, through WmRecorder and the X11 backend as `waymark record` does, clicks sent
 * with XTest from a connection of our own, and prints percentiles of press → frame in
 * memory and press → step committed, whether a burst lost anything, and how long the
 * PNG encoding of one frame takes with our settings and with libpng's defaults. Leaves
 * one stored screenshot in --out for the size comparison that bench/capture/run makes
 * with scrot, maim and optipng. Run by bench/capture/run on a 1920×1080 Xvfb.
 */
#define G_LOG_DOMAIN "bench-capture"

#include "config.h"

#include <glib/gstdio.h>
#include <png.h>
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>

#include "wm-png-encoder.h"
#include "wm-recorder.h"

typedef struct {
  Display    *dpy;
  WmStore    *store;
  WmRecorder *recorder;
  GArray     *sent;        /* gint64: monotonic usec each press was sent */
  GArray     *pressed;     /* gint64: the X server's time of each press, in order */
  GArray     *framed;      /* gint64: framed_at of each frame, in order */
  GArray     *committed;   /* gint64: when each step-committed arrived */
  GBytes     *sample;      /* one frame's pixels, for the encoder timing */
  guint       sample_w, sample_h, sample_stride;
  guint       n_errors;
} Bench;

static void
on_frame (WmCaptureBackend *backend,
          WmCaptureFrame   *frame,
          Bench            *b)
{
  g_array_append_val (b->pressed, frame->pressed_at);
  g_array_append_val (b->framed, frame->framed_at);
  /* A copy: the pixels are lent by the backend until the step is encoded. */
  if (b->sample == NULL && frame->pixels != NULL)
    {
      b->sample = g_bytes_new (g_bytes_get_data (frame->pixels, NULL),
                               g_bytes_get_size (frame->pixels));
      b->sample_w = frame->width;
      b->sample_h = frame->height;
      b->sample_stride = frame->stride;
    }
}

static void
on_committed (WmRecorder *recorder,
              WmStep     *step,
              Bench      *b)
{
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (b->committed, now);
}

static void
on_error (WmRecorder *recorder,
          GError     *error,
          Bench      *b)
{
  b->n_errors++;
  g_printerr ("recorder: %s\n", error->message);
}

static gboolean
on_deadline (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* Dispatches what arrives until something did or @end passed: blocks in poll(), so the
 * bench takes no CPU from the recording it measures while it waits. */
static void
iterate_until (gint64 end)
{
  gint64 left = end - g_get_monotonic_time ();
  GSource *deadline;

  if (left <= 0)
    {
      g_main_context_iteration (NULL, FALSE);
      return;
    }
  deadline = g_timeout_source_new ((guint) ((left + 999) / 1000));
  g_source_set_callback (deadline, on_deadline, NULL, NULL);
  g_source_attach (deadline, NULL);
  g_main_context_iteration (NULL, TRUE);
  g_source_destroy (deadline);
  g_source_unref (deadline);
}

static void
run_for (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    iterate_until (end);
}

/* One left click at a spot of its own (never a double-click with the previous one). */
static void
click (Bench *b,
       guint  i)
{
  int x = 120 + (i * 97) % 1680;
  int y = 120 + (i * 53) % 840;
  gint64 now;

  XTestFakeMotionEvent (b->dpy, -1, x, y, CurrentTime);
  XSync (b->dpy, False);
  now = g_get_monotonic_time ();
  XTestFakeButtonEvent (b->dpy, 1, True, CurrentTime);
  XTestFakeButtonEvent (b->dpy, 1, False, CurrentTime);
  XFlush (b->dpy);
  g_array_append_val (b->sent, now);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer c)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) c;

  return (x > y) - (x < y);
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i = MIN (sorted->len - 1, (guint) (p / 100.0 * sorted->len));

  return g_array_index (sorted, gint64, i) / 1000.0;
}

/* Latencies of clicks [first, first + n): @times minus @from, the press each belongs to. */
static void
print_latency (const char *what,
               GArray     *from,
               GArray     *times,
               guint       first,
               guint       n)
{
  g_autoptr(GArray) lat = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = first; i < first + n && i < times->len && i < from->len; i++)
    {
      gint64 d = g_array_index (times, gint64, i) - g_array_index (from, gint64, i);

      g_array_append_val (lat, d);
    }
  if (lat->len == 0)
    return;
  g_array_sort (lat, compare_int64);
  g_print ("  %-34s p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (n=%u)\n",
           what, percentile (lat, 50), percentile (lat, 90), percentile (lat, 99),
           percentile (lat, 100), lat->len);
}

/* Press → frame, and the two parts of it: from our XTest request to the press as the X
 * server stamped it (the server's own scheduling and the bench's), and from that press to
 * the frame in memory (the recorder's). */
static void
print_latencies (Bench *b,
                 guint  first,
                 guint  n)
{
  print_latency ("press -> frame in memory", b->sent, b->framed, first, n);
  print_latency ("  XTest sent -> X server's press", b->sent, b->pressed, first, n);
  print_latency ("  X server's press -> frame", b->pressed, b->framed, first, n);
  print_latency ("press -> step committed", b->sent, b->committed, first, n);
}

static void
wait_for_commits (Bench *b,
                  guint  n,
                  guint  timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (b->committed->len < n && g_get_monotonic_time () < end)
    iterate_until (end);
}

static void
clicks_at_rate (Bench *b,
                guint  n,
                guint  per_second)
{
  gint64 interval = G_USEC_PER_SEC / per_second;
  gint64 next = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    {
      while (g_get_monotonic_time () < next)
        iterate_until (next);
      click (b, b->sent->len);
      next += interval;
    }
}

typedef struct {
  GByteArray *out;
} Sink;

static void
sink_write (png_structp png,
            png_bytep   data,
            png_size_t  length)
{
  g_byte_array_append (((Sink *) png_get_io_ptr (png))->out, data, length);
}

static void
sink_flush (png_structp png)
{
}

/* Other settings, for comparison: @level < 0 means libpng's defaults. */
static gsize
encode_with (const guint8 *pixels,
             guint         w,
             guint         h,
             guint         stride,
             int           level,
             int           filters)
{
  Sink sink = { g_byte_array_new () };
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct (png);
  gsize size;

  png_set_write_fn (png, &sink, sink_write, sink_flush);
  png_set_IHDR (png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (level >= 0)
    {
      png_set_compression_level (png, level);
      png_set_filter (png, PNG_FILTER_TYPE_BASE, filters);
    }
  png_write_info (png, info);
  png_set_bgr (png);
  png_set_filler (png, 0, PNG_FILLER_AFTER);
  for (guint y = 0; y < h; y++)
    png_write_row (png, (png_const_bytep) (pixels + (gsize) y * stride));
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  size = sink.out->len;
  g_byte_array_unref (sink.out);

  return size;
}

static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* 0: ours (wm_png_encode_xrgb), 1: level 1 + SUB, 2: libpng's defaults. */
static gsize
encode_variant (Bench *b,
                guint  variant)
{
  const guint8 *px = g_bytes_get_data (b->sample, NULL);
  g_autoptr(GBytes) png = NULL;

  switch (variant)
    {
    case 0:
      png = wm_png_encode_xrgb (px, b->sample_w, b->sample_h, b->sample_stride, NULL);
      return g_bytes_get_size (png);
    case 1:
      return encode_with (px, b->sample_w, b->sample_h, b->sample_stride, 1, PNG_FILTER_SUB);
    default:
      return encode_with (px, b->sample_w, b->sample_h, b->sample_stride, -1, 0);
    }
}

/* Median wall and CPU time of each setting; the CPU time is what the machine's other
 * load does not distort. Returns our median wall time in usec. */
static gint64
time_encoders (Bench *b)
{
  static const char *names[] = { "no filter, level 6 (ours)", "SUB filter, level 1",
                                 "libpng defaults" };
  gint64 ours = 0;

  g_print ("PNG encoding of one %ux%u frame (median of 11)\n", b->sample_w, b->sample_h);
  for (guint v = 0; v < G_N_ELEMENTS (names); v++)
    {
      g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
      gsize size = 0;

      for (guint i = 0; i < 11; i++)
        {
          gint64 t0 = g_get_monotonic_time (), c0 = thread_cpu_usec (), dt, dc;

          size = encode_variant (b, v);
          dt = g_get_monotonic_time () - t0;
          dc = thread_cpu_usec () - c0;
          g_array_append_val (wall, dt);
          g_array_append_val (cpu, dc);
        }
      g_array_sort (wall, compare_int64);
      g_array_sort (cpu, compare_int64);
      g_print ("  %-34s %7.1f ms wall %7.1f ms CPU  %8zu bytes\n", names[v],
               percentile (wall, 50), percentile (cpu, 50), size);
      if (v == 0)
        ours = g_array_index (wall, gint64, wall->len / 2);
    }

  return ours;
}

static gboolean
save_sample_png (Bench      *b,
                 const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_store_load_tutorial (b->store,
                                                    wm_recorder_get_tutorial_id (b->recorder),
                                                    TRUE, &error);
  g_autoptr(WmStep) first = NULL;
  g_autoptr(WmImage) image = NULL;
  g_autofree char *path = g_build_filename (dir, "stored.png", NULL);

  if (t == NULL || g_list_model_get_n_items (wm_tutorial_get_steps (t)) == 0)
    return FALSE;
  first = g_list_model_get_item (wm_tutorial_get_steps (t), 0);
  image = wm_store_load_image (b->store, wm_step_get_image_sha256 (first), &error);

  return image != NULL &&
         g_file_set_contents (path, g_bytes_get_data (wm_image_get_png (image), NULL),
                              g_bytes_get_size (wm_image_get_png (image)), NULL);
}

static void
on_finished (WmRecorder *recorder,
             gboolean   *finished)
{
  *finished = TRUE;
}

static guint
stop_and_count (Bench *b)
{
  g_autoptr(WmTutorial) t = NULL;
  gboolean finished = FALSE;
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_signal_connect (b->recorder, "finished", G_CALLBACK (on_finished), &finished);
  wm_recorder_stop (b->recorder);
  while (!finished && g_get_monotonic_time () < end)
    iterate_until (end);

  t = wm_store_load_tutorial (b->store, wm_recorder_get_tutorial_id (b->recorder), TRUE, NULL);
  return t ? g_list_model_get_n_items (wm_tutorial_get_steps (t)) : 0;
}

static gint64
median_frame_usec (Bench *b)
{
  g_autoptr(GArray) lat = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < b->framed->len && i < b->sent->len; i++)
    {
      gint64 d = g_array_index (b->framed, gint64, i) - g_array_index (b->sent, gint64, i);

      g_array_append_val (lat, d);
    }
  g_array_sort (lat, compare_int64);

  return lat->len ? g_array_index (lat, gint64, lat->len / 2) : 0;
}

static gboolean
setup (Bench   *b,
       GError **error)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-capture-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autoptr(WmTutorial) t = wm_tutorial_new ("Benchmark");
  g_autoptr(WmCaptureBackend) backend = NULL;

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "library.db", NULL);
  wm_tutorial_set_steps_loaded (t, TRUE);
  if (!(b->dpy = XOpenDisplay (NULL)) ||
      !(b->store = wm_store_open (path, error)) || !wm_store_save_tutorial (b->store, t, error) ||
      !(backend = wm_capture_backend_new_for_name ("x11", error)))
    return FALSE;

  b->recorder = wm_recorder_new (b->store, wm_tutorial_get_id (t), backend);
  g_signal_connect (backend, "frame", G_CALLBACK (on_frame), b);
  g_signal_connect (b->recorder, "step-committed", G_CALLBACK (on_committed), b);
  g_signal_connect (b->recorder, "error", G_CALLBACK (on_error), b);

  return wm_recorder_start (b->recorder, error);
}

int
main (int    argc,
      char **argv)
{
  int clicks = 200, rate = 5, burst = 30, burst_rate = 20;
  g_autofree char *out = NULL;
  GOptionEntry entries[] = {
    { "clicks", 0, 0, G_OPTION_ARG_INT, &clicks, "Clicks in the steady run", "N" },
    { "rate", 0, 0, G_OPTION_ARG_INT, &rate, "Clicks per second in the steady run", "N" },
    { "burst", 0, 0, G_OPTION_ARG_INT, &burst, "Clicks in the burst", "N" },
    { "burst-rate", 0, 0, G_OPTION_ARG_INT, &burst_rate, "Clicks per second in the burst", "N" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "Where to leave stored.png", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  Bench b = { 0 };
  guint lost, stored;
  gint64 encode_usec;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || !setup (&b, &error))
    {
      g_printerr ("bench-capture: %s\n", error ? error->message : "no X display");
      return 1;
    }
  b.sent = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.pressed = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.framed = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.committed = g_array_new (FALSE, FALSE, sizeof (gint64));
  run_for (500);
  /* One click first, so the figures start warm; it is left out of them. */
  click (&b, 0);
  wait_for_commits (&b, 1, 5000);
  run_for (300);
  g_array_set_size (b.sent, 0);
  g_array_set_size (b.pressed, 0);
  g_array_set_size (b.framed, 0);
  g_array_set_size (b.committed, 0);

  clicks_at_rate (&b, clicks, rate);
  wait_for_commits (&b, clicks, 10000);
  g_print ("Steady: %d clicks at %d/s on a %dx%d screen\n", clicks, rate,
           DisplayWidth (b.dpy, 0), DisplayHeight (b.dpy, 0));
  print_latencies (&b, 0, clicks);
  g_print ("  (a left click is held up to %d ms, until the next press, in case it is the "
           "first half of a double-click)\n", (int) (WM_RECORDER_DOUBLE_CLICK_USEC / 1000));

  run_for (1000);
  clicks_at_rate (&b, burst, burst_rate);
  wait_for_commits (&b, clicks + burst, 30000);
  g_print ("Burst: %d clicks at %d/s\n", burst, burst_rate);
  print_latencies (&b, clicks, burst);

  /* Lost or not is read from the library itself, after every step is committed. */
  stored = stop_and_count (&b);
  lost = (guint) (clicks + burst + 1) - MIN (stored, (guint) (clicks + burst + 1));
  g_print ("  %u presses, %u frames, %u steps in the library: %u lost, %u without a "
           "screenshot\n", b.sent->len, b.framed->len, stored, lost, b.n_errors);

  encode_usec = time_encoders (&b);
  if (out != NULL)
    {
      g_autofree char *path = g_build_filename (out, "capture-encode-ms", NULL);
      g_autofree char *text = g_strdup_printf ("%.1f\n",
                                               (median_frame_usec (&b) + encode_usec) / 1000.0);

      if (!save_sample_png (&b, out) || !g_file_set_contents (path, text, -1, NULL))
        g_printerr ("bench-capture: could not save a stored screenshot\n");
    }

  g_clear_object (&b.recorder);
  g_clear_object (&b.store);
  XCloseDisplay (b.dpy);

  return lost == 0 ? 0 : 1;
}
