/* bench-capture-portal.c — "Capture step" latency: trigger -> step committed, portal and X11
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-capture-portal --backend portal|x11 [--count 50]
 *
 * Records into a scratch library through WmRecorder, the way `waymark record` does, and
 * asks for one step at a time (the next once the previous is committed), as a person
 * pressing the shortcut would. Prints percentiles of trigger -> frame in memory and
 * trigger -> step committed. Run by bench/capture-portal/run, which starts the portal (the
 * real xdg-desktop-portal with the test backend) or an Xvfb screen showing a fixture.
 */
#define G_LOG_DOMAIN "bench-capture-portal"

#include "config.h"

#include <glib/gstdio.h>

#include "wm-capture-backend.h"
#include "wm-recorder.h"
#include "wm-store.h"

typedef struct {
  GArray   *framed;      /* gint64 usec, trigger -> frame in memory */
  GArray   *handed;      /* gint64 usec, trigger -> frame handed to the recorder */
  GArray   *committed;   /* gint64 usec, trigger -> step committed */
  gint64    triggered_at;
  guint     n_committed;
  gboolean  finished;
  GError   *error;
} Bench;

static void
on_frame (WmCaptureBackend *backend,
          WmCaptureFrame   *frame,
          Bench            *b)
{
  gint64 usec = frame->framed_at - frame->pressed_at;
  gint64 handed = g_get_monotonic_time () - frame->pressed_at;

  g_array_append_val (b->framed, usec);
  g_array_append_val (b->handed, handed);
}

static void
on_committed (WmRecorder *recorder,
              WmStep     *step,
              Bench      *b)
{
  gint64 usec = g_get_monotonic_time () - b->triggered_at;

  g_array_append_val (b->committed, usec);
  b->n_committed++;
}

static void
on_finished (WmRecorder *recorder,
             Bench      *b)
{
  b->finished = TRUE;
}

static void
on_captured (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Bench *b = user_data;

  wm_recorder_capture_step_finish (WM_RECORDER (source), result, &b->error);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
print_figures (const char *what,
               GArray     *values)
{
  double sum = 0;

  g_array_sort (values, compare_gint64);
  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, gint64, i);

#define PCT(p) (g_array_index (values, gint64, MIN (values->len - 1, values->len * (p) / 100)) / 1000.0)
  g_print ("  %-28s n=%-3u mean %7.1f  p50 %7.1f  p90 %7.1f  p99 %7.1f  max %7.1f ms\n",
           what, values->len, sum / values->len / 1000.0, PCT (50), PCT (90), PCT (99),
           g_array_index (values, gint64, values->len - 1) / 1000.0);
#undef PCT
}

static gboolean
run (const char  *backend_name,
     guint        count,
     GError     **error)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-capture-portal-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmTutorial) tutorial = wm_tutorial_new ("Bench");
  g_autoptr(WmCaptureBackend) backend = NULL;
  g_autoptr(WmRecorder) recorder = NULL;
  static const char *suffixes[] = { "", "-wal", "-shm" };
  Bench b = { g_array_new (FALSE, FALSE, sizeof (gint64)),
              g_array_new (FALSE, FALSE, sizeof (gint64)),
              g_array_new (FALSE, FALSE, sizeof (gint64)) };

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "library.db", NULL);
  if ((store = wm_store_open (path, error)) == NULL ||
      !wm_store_save_tutorial (store, tutorial, error) ||
      (backend = wm_capture_backend_new_for_name (backend_name, error)) == NULL)
    return FALSE;

  recorder = wm_recorder_new (store, wm_tutorial_get_id (tutorial), backend);
  g_signal_connect (backend, "frame", G_CALLBACK (on_frame), &b);
  g_signal_connect (recorder, "step-committed", G_CALLBACK (on_committed), &b);
  g_signal_connect (recorder, "finished", G_CALLBACK (on_finished), &b);
  if (!wm_recorder_start (recorder, error))
    return FALSE;

  for (guint i = 0; i < count && b.error == NULL; i++)
    {
      b.triggered_at = g_get_monotonic_time ();
      wm_recorder_capture_step_async (recorder, NULL, on_captured, &b);
      while (b.n_committed <= i && b.error == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  /* As `waymark record` does: the recorder is done once every step is committed. */
  wm_recorder_stop (recorder);
  while (!b.finished)
    g_main_context_iteration (NULL, TRUE);

  if (b.error != NULL)
    {
      g_propagate_error (error, b.error);
      return FALSE;
    }

  g_print ("%s backend, %u captures, one at a time:\n", backend_name, count);
  print_figures ("trigger -> frame in memory", b.framed);
  print_figures ("trigger -> frame to recorder", b.handed);
  print_figures ("trigger -> step committed", b.committed);

  g_array_unref (b.framed);
  g_array_unref (b.handed);
  g_array_unref (b.committed);
  g_clear_object (&recorder);
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *backend = NULL;
  int count = 50;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  GOptionEntry entries[] = {
    { "backend", 0, 0, G_OPTION_ARG_STRING, &backend, "x11 or portal", "NAME" },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, "Captures to time (50)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || count < 1)
    {
      g_printerr ("bench-capture-portal: %s\n", error ? error->message : "--count must be ≥ 1");
      return 2;
    }

  if (!run (backend, count, &error))
    {
      g_printerr ("bench-capture-portal: %s\n", error->message);
      return 1;
    }

  return 0;
}
