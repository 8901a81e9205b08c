/* test-recording-remote.c — the running recording on the session bus (`waymark --capture-step`)
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under wm-portal-run. Activations come from other processes, as from a desktop
 * shortcut: `gdbus call` (the README mentions it) and `waymark --capture-step`.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "wm-portal-test-util.h"
#include "wm-recording-remote.h"

typedef struct {
  char             *dir;
  char             *path;
  WmStore          *store;
  WmRecorder       *recorder;
  guint             n_committed;
  guint             n_requested;
} Fixture;

static void
on_committed (WmRecorder *recorder,
              WmStep     *step,
              Fixture    *f)
{
  f->n_committed++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *screen = g_build_filename (g_getenv ("WM_FIXTURE_SCREENS"),
                                              "desktop-widgets.png", NULL);
  const char *fixtures[] = { screen, NULL };
  g_autoptr(WmTutorial) tutorial = wm_tutorial_new ("Remote");
  g_autoptr(WmCaptureBackend) backend = NULL;
  g_autoptr(GError) error = NULL;

  wm_test_portal_set_fixtures (fixtures);
  wm_test_portal_set_responses (0, 0);
  f->dir = g_dir_make_tmp ("wm-remote-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->store = wm_store_open (f->path, &error);
  g_assert_no_error (error);
  wm_store_save_tutorial (f->store, tutorial, &error);
  g_assert_no_error (error);
  backend = wm_capture_backend_new_for_name ("portal", &error);
  g_assert_no_error (error);
  f->recorder = wm_recorder_new (f->store, wm_tutorial_get_id (tutorial), backend);
  g_signal_connect (f->recorder, "step-committed", G_CALLBACK (on_committed), f);
  wm_recorder_start (f->recorder, &error);
  g_assert_no_error (error);
}

static void
on_finished (WmRecorder *recorder,
             gboolean   *finished)
{
  *finished = TRUE;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };
  gboolean finished = FALSE;

  g_signal_connect (f->recorder, "finished", G_CALLBACK (on_finished), &finished);
  wm_recorder_stop (f->recorder);
  while (!finished)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&f->recorder);
  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

/* Runs a command while the main loop keeps serving the bus; returns its exit status. */
static int
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  gboolean done = FALSE;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                     G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, on_exited, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
test_activate_from_outside (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(WmRecordingRemote) remote = wm_recording_remote_new (f->recorder);
  g_autoptr(GError) error = NULL;
  const char *gdbus[] = { "gdbus", "call", "--session", "--dest", WM_RECORDING_BUS_NAME,
                          "--object-path", WM_RECORDING_OBJECT_PATH,
                          "--method", "org.gtk.Actions.Activate", "capture-step", "[]", "{}",
                          NULL };
  const char *waymark[] = { g_getenv ("WAYMARK"), "--capture-step", NULL };

  g_assert_true (wm_recording_remote_export (remote, &error));
  g_assert_no_error (error);

  g_assert_cmpint (run (gdbus), ==, 0);
  while (f->n_committed < 1)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (run (waymark), ==, 0);
  while (f->n_committed < 2)
    g_main_context_iteration (NULL, TRUE);

  /* Pause and resume reach the recorder too. */
  g_action_group_activate_action (wm_recording_remote_get_action_group (remote), "pause", NULL);
  g_assert_true (wm_recorder_get_paused (f->recorder));
  g_action_group_activate_action (wm_recording_remote_get_action_group (remote), "resume", NULL);
  g_assert_false (wm_recorder_get_paused (f->recorder));
}

static gboolean
on_capture_requested (WmRecordingRemote *remote,
                      Fixture           *f)
{
  f->n_requested++;
  return TRUE;
}

static void
test_app_takes_the_step (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(WmRecordingRemote) remote = wm_recording_remote_new (f->recorder);
  g_autoptr(GError) error = NULL;

  /* The app hides its controller before the shot: it takes the step itself. */
  g_signal_connect (remote, "capture-requested", G_CALLBACK (on_capture_requested), f);
  g_action_group_activate_action (wm_recording_remote_get_action_group (remote), "capture-step",
                                  NULL);
  g_assert_cmpuint (f->n_requested, ==, 1);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (f->n_committed, ==, 0);
}

static void
test_one_owner (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(WmRecordingRemote) first = wm_recording_remote_new (f->recorder);
  g_autoptr(WmRecordingRemote) second = wm_recording_remote_new (f->recorder);
  g_autoptr(WmRecordingRemote) third = NULL;
  g_autoptr(GError) error = NULL;
  const char *waymark[] = { g_getenv ("WAYMARK"), "--capture-step", NULL };

  g_assert_true (wm_recording_remote_export (first, &error));
  g_assert_false (wm_recording_remote_export (second, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==,
                   "Another recording is running: “waymark --capture-step” goes to that one");
  g_clear_error (&error);

  /* Once the first recording ends, the name is free for the next. */
  g_clear_object (&first);
  g_clear_object (&second);
  third = wm_recording_remote_new (f->recorder);
  g_assert_true (wm_recording_remote_export (third, &error));
  g_assert_no_error (error);
  g_clear_object (&third);
  g_assert_cmpint (run (waymark), ==, 1);
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

  g_test_add ("/portal/remote/activate-from-outside", Fixture, NULL, fixture_setup,
              test_activate_from_outside, fixture_teardown);
  g_test_add ("/portal/remote/app-takes-the-step", Fixture, NULL, fixture_setup,
              test_app_takes_the_step, fixture_teardown);
  g_test_add ("/portal/remote/one-owner", Fixture, NULL, fixture_setup, test_one_owner,
              fixture_teardown);

  return g_test_run ();
}
