/* test-portal-cli.c — `waymark record --backend portal` driven by `waymark --capture-step`
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a user on Wayland does: start a recording in a terminal, press the shortcut bound to
 * `waymark --capture-step` a few times, stop with Ctrl+C. Runs under wm-portal-run, so the
 * steps go through the real xdg-desktop-portal to the test backend.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "wm-portal-test-util.h"
#include "wm-store.h"

typedef struct {
  char             *dir;
  char             *library;
  char             *fixtures[3];
  GSubprocess      *record;
  GDataInputStream *out;
  GDataInputStream *err;
  char             *tutorial_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *screens = g_getenv ("WM_FIXTURE_SCREENS");
  g_autofree char *source = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("wm-portal-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->library = g_build_filename (f->dir, "library.db", NULL);
  source = g_build_filename (screens, "desktop-widgets.png", NULL);
  f->fixtures[0] = g_build_filename (f->dir, "screen.png", NULL);
  f->fixtures[1] = g_build_filename (f->dir, "dialog.png", NULL);
  f->fixtures[2] = g_build_filename (screens, "desktop-two-windows.png", NULL);
  wm_test_make_dialog_screen (source, f->fixtures[0], f->fixtures[1]);
  wm_test_portal_set_fixtures ((const char * const *) f->fixtures);
  wm_test_portal_set_responses (0, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  static const char *files[] = { "library.db", "library.db-wal", "library.db-shm", "dialog.png",
                                 "screen.png" };

  if (f->record != NULL)
    g_subprocess_force_exit (f->record);
  g_clear_object (&f->record);
  g_clear_object (&f->out);
  g_clear_object (&f->err);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, files[i], NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  for (guint i = 0; i < G_N_ELEMENTS (f->fixtures); i++)
    g_free (f->fixtures[i]);
  g_free (f->tutorial_id);
  g_free (f->library);
  g_free (f->dir);
}

/* `waymark ARGS…`; returns its exit status, stderr in @err_out. */
static int
run_waymark (char       **err_out,
             const char  *first_arg,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("WAYMARK"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (err_out != NULL)
    *err_out = g_steal_pointer (&err);

  return g_subprocess_get_exit_status (process);
}

static char *
read_line (GDataInputStream *stream)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (stream, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (line);
  return line;
}

/* Starts `waymark record` and waits for it to print the tutorial's id. */
static void
start_recording_with (Fixture    *f,
                      const char *option,
                      const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *banner = NULL;
  const char *argv[] = { g_getenv ("WAYMARK"), "--library", f->library, "record",
                         "--title", "Export a report", option, value, NULL };

  f->record = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                       G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  f->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->record));
  f->err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (f->record));

  /* A hint about the shortcut, then the banner. */
  do
    {
      g_free (banner);
      banner = read_line (f->err);
    }
  while (strstr (banner, "Recording “Export a report”") == NULL);
  f->tutorial_id = read_line (f->out);
  g_assert_cmpuint (strlen (f->tutorial_id), ==, 36);
}

static void
start_recording (Fixture    *f,
                 const char *backend)
{
  start_recording_with (f, backend ? "--backend" : NULL, backend);
}

/* Presses the shortcut, and waits for the recording to print the step. */
static void
capture_step (Fixture *f,
              guint    expected_position)
{
  g_autofree char *err = NULL;
  g_autofree char *line = NULL;
  g_autofree char *prefix = g_strdup_printf ("%u  ", expected_position);

  g_assert_cmpint (run_waymark (&err, "--capture-step", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  line = read_line (f->out);
  g_assert_true (g_str_has_prefix (line, prefix));
}

/* Presses the shortcut while the desktop says no, and reads what the recording says. */
static char *
capture_step_refused (Fixture *f)
{
  g_assert_cmpint (run_waymark (NULL, "--capture-step", NULL), ==, 0);
  return read_line (f->err);
}

static void
stop_recording (Fixture *f,
                guint    n_steps)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = g_strdup_printf (n_steps == 1 ? "Recorded %u step." :
                                                              "Recorded %u steps.", n_steps);
  g_autofree char *rest = NULL;

  g_subprocess_send_signal (f->record, SIGINT);
  g_subprocess_wait (f->record, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (f->record));
  g_assert_cmpint (g_subprocess_get_exit_status (f->record), ==, 0);
  rest = g_data_input_stream_read_upto (f->err, "", 0, NULL, NULL, &error);
  g_assert_nonnull (strstr (rest ? rest : "", summary));
}

static void
assert_steps (Fixture    *f,
              guint       n,
              const guint fixture_of_step[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (f->library, &error);
  g_autoptr(WmTutorial) tutorial = NULL;
  GListModel *steps;

  g_assert_no_error (error);
  tutorial = wm_store_load_tutorial (store, f->tutorial_id, TRUE, &error);
  g_assert_no_error (error);
  steps = wm_tutorial_get_steps (tutorial);
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmStep) step = g_list_model_get_item (steps, i);
      g_autoptr(WmImage) image = wm_store_load_image (store, wm_step_get_image_sha256 (step),
                                                      &error);
      g_autofree char *expected = NULL;
      gsize expected_len, len;
      const guint8 *bytes;

      g_assert_no_error (error);
      g_file_get_contents (f->fixtures[fixture_of_step[i]], &expected, &expected_len, &error);
      g_assert_no_error (error);
      bytes = g_bytes_get_data (wm_image_get_png (image), &len);
      g_assert_cmpmem (bytes, len, expected, expected_len);
    }
}

static void
test_no_recording (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *err = NULL;

  /* Nothing records: the shortcut says so and starts nothing. */
  g_assert_cmpint (run_waymark (&err, "--capture-step", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "waymark --capture-step: No recording is running: start one in "
                            "Waymark or with “waymark record”\n");
}

static void
test_three_steps (Fixture       *f,
                  gconstpointer  data)
{
  static const guint expected[] = { 0, 1, 2 };

  start_recording (f, "portal");
  for (guint i = 1; i <= 3; i++)
    capture_step (f, i);
  stop_recording (f, 3);

  assert_steps (f, 3, expected);
}

static void
test_refused_and_cancelled (Fixture       *f,
                            gconstpointer  data)
{
  static const guint expected[] = { 0, 1 };
  g_autofree char *refused = NULL;
  g_autofree char *cancelled = NULL;

  /* No --backend: a Wayland session picks the portal by itself. */
  start_recording (f, NULL);
  capture_step (f, 1);

  wm_test_portal_set_responses (2, 0);
  refused = capture_step_refused (f);
  g_assert_true (g_str_has_prefix (refused, "waymark record: The desktop refused the "
                                            "screenshot; no step was added."));

  wm_test_portal_set_responses (1, 0);
  cancelled = capture_step_refused (f);
  g_assert_cmpstr (cancelled, ==,
                   "waymark record: The screenshot was cancelled; no step was added");

  /* The recording went on, with what it had. */
  wm_test_portal_set_responses (0, 0);
  capture_step (f, 2);
  stop_recording (f, 2);

  assert_steps (f, 2, expected);
}

/* `record --countdown 2`: the shortcut counts down on the terminal, and only then does the
 * desktop take the shot. */
static void
test_countdown (Fixture       *f,
                gconstpointer  data)
{
  static const guint expected[] = { 0 };
  g_autofree char *err = NULL;
  g_autofree char *two = NULL, *one = NULL, *line = NULL;
  guint shots_before, shots, accesses;
  gint64 pressed;

  start_recording_with (f, "--countdown", "2");
  wm_test_portal_get_counts (&shots_before, &accesses);
  pressed = g_get_monotonic_time ();
  g_assert_cmpint (run_waymark (&err, "--capture-step", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  two = read_line (f->err);
  g_assert_cmpstr (two, ==, "Taking the step in 2…");
  /* Two seconds still to go: the desktop has not been asked yet. */
  wm_test_portal_get_counts (&shots, &accesses);
  g_assert_cmpuint (shots, ==, shots_before);
  one = read_line (f->err);
  g_assert_cmpstr (one, ==, "Taking the step in 1…");

  line = read_line (f->out);
  g_assert_true (g_str_has_prefix (line, "1  "));
  g_assert_cmpint (g_get_monotonic_time () - pressed, >=, 2 * G_USEC_PER_SEC);
  wm_test_portal_get_counts (&shots, &accesses);
  g_assert_cmpuint (shots, ==, shots_before + 1);
  stop_recording (f, 1);

  assert_steps (f, 1, expected);
}

/* Out of range: one line, and no tutorial left behind. */
static void
test_bad_countdown (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_waymark (&err, "--library", f->library, "record", "--title", "Late",
                                "--countdown", "11", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "waymark record: --countdown must be between 0 and 10 seconds "
                            "(see “waymark record --help”)\n");
  g_assert_false (g_file_test (f->library, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("WM_TEST_PORTAL_OUT") == NULL || g_getenv ("WAYMARK") == NULL)
    {
      g_test_skip ("run under tests/portal/wm-portal-run with $WAYMARK set");
      return 77;
    }

  g_test_add ("/portal/cli/no-recording", Fixture, NULL, fixture_setup, test_no_recording,
              fixture_teardown);
  g_test_add ("/portal/cli/three-steps", Fixture, NULL, fixture_setup, test_three_steps,
              fixture_teardown);
  g_test_add ("/portal/cli/refused-and-cancelled", Fixture, NULL, fixture_setup,
              test_refused_and_cancelled, fixture_teardown);
  g_test_add ("/portal/cli/countdown", Fixture, NULL, fixture_setup, test_countdown,
              fixture_teardown);
  g_test_add ("/portal/cli/bad-countdown", Fixture, NULL, fixture_setup, test_bad_countdown,
              fixture_teardown);

  return g_test_run ();
}
