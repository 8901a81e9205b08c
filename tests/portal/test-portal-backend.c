/* test-portal-backend.c — WmPortalBackend against the real xdg-desktop-portal and the test backend
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/portal/wm-portal-run: xdg-desktop-portal 1.16 on a private session bus,
 * wm-test-portal behind it. Frames go into a real library the way the recorder puts them.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "wm-portal-backend.h"
#include "wm-portal-test-util.h"
#include "wm-store.h"

typedef struct {
  char             *dir;
  char             *fixtures[3];
  WmStore          *store;
  char             *tutorial_id;
  WmCaptureBackend *backend;
  guint             n_done;
  GPtrArray        *errors;     /* GError of each failed step, NULL for a success */
  GArray           *countdown;  /* guint ticks seen */
} Fixture;

static void
free_error (gpointer error)
{
  if (error != NULL)
    g_error_free (error);
}

static void
on_frame (WmCaptureBackend *backend,
          WmCaptureFrame   *frame,
          Fixture          *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImage) image = wm_image_new_from_png (frame->png, &error);
  g_autoptr(WmStep) step = wm_step_copy (frame->step);

  g_assert_no_error (error);
  g_assert_cmpuint (frame->width, ==, 1920);
  g_assert_cmpuint (frame->height, ==, 1080);
  g_assert_cmpint (frame->framed_at, >=, frame->pressed_at);
  wm_store_append_step (f->store, f->tutorial_id, step, image, &error);
  g_assert_no_error (error);
}

static void
on_countdown (WmCaptureBackend *backend,
              guint             remaining,
              Fixture          *f)
{
  g_array_append_val (f->countdown, remaining);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *screens = g_getenv ("WM_FIXTURE_SCREENS");
  g_autofree char *source = NULL;
  g_autoptr(WmTutorial) tutorial = wm_tutorial_new ("Through the portal");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("wm-portal-test-XXXXXX", &error);
  g_assert_no_error (error);
  /* One screen, the same with a dialog opened on it (a click's change), another screen. */
  source = g_build_filename (screens, "desktop-widgets.png", NULL);
  f->fixtures[0] = g_build_filename (f->dir, "screen.png", NULL);
  f->fixtures[1] = g_build_filename (f->dir, "dialog.png", NULL);
  f->fixtures[2] = g_build_filename (screens, "desktop-two-windows.png", NULL);
  wm_test_make_dialog_screen (source, f->fixtures[0], f->fixtures[1]);
  wm_test_portal_set_fixtures ((const char * const *) f->fixtures);
  wm_test_portal_set_responses (0, 0);
  wm_test_portal_forget_permission ();

  path = g_build_filename (f->dir, "library.db", NULL);
  f->store = wm_store_open (path, &error);
  g_assert_no_error (error);
  wm_store_save_tutorial (f->store, tutorial, &error);
  g_assert_no_error (error);
  f->tutorial_id = g_strdup (wm_tutorial_get_id (tutorial));

  f->backend = wm_portal_backend_new (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_capture_backend_get_name (f->backend), ==, "portal");
  g_signal_connect (f->backend, "frame", G_CALLBACK (on_frame), f);
  g_signal_connect (f->backend, "countdown", G_CALLBACK (on_countdown), f);
  f->errors = g_ptr_array_new_with_free_func (free_error);
  f->countdown = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  wm_capture_backend_stop (f->backend);
  g_clear_object (&f->backend);
  g_clear_object (&f->store);
  g_ptr_array_unref (f->errors);
  g_array_unref (f->countdown);
  g_free (f->tutorial_id);
  for (guint i = 0; i < G_N_ELEMENTS (f->fixtures); i++)
    g_free (f->fixtures[i]);
  g_remove (f->fixtures[0]);
  g_remove (f->fixtures[1]);
  for (const char *suffix = "library.db"; suffix; suffix = NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, suffix, NULL);
      g_autofree char *wal = g_strconcat (p, "-wal", NULL);
      g_autofree char *shm = g_strconcat (p, "-shm", NULL);

      g_remove (p);
      g_remove (wal);
      g_remove (shm);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
on_step_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *f = user_data;
  GError *error = NULL;

  wm_capture_backend_capture_step_finish (WM_CAPTURE_BACKEND (source), result, &error);
  g_ptr_array_add (f->errors, error);
  f->n_done++;
}

/* Asks for @n steps at once (they queue) and waits for all of them. */
static void
capture_steps (Fixture *f,
               guint    n)
{
  guint target = f->n_done + n;

  for (guint i = 0; i < n; i++)
    wm_capture_backend_capture_step_async (f->backend, NULL, on_step_done, f);
  while (f->n_done < target)
    g_main_context_iteration (NULL, TRUE);
}

static GError *
last_error (Fixture *f)
{
  return g_ptr_array_index (f->errors, f->errors->len - 1);
}

static GPtrArray *
load_steps (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) tutorial = wm_store_load_tutorial (f->store, f->tutorial_id, TRUE,
                                                           &error);
  GListModel *steps;
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  steps = wm_tutorial_get_steps (tutorial);
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    g_ptr_array_add (array, g_list_model_get_item (steps, i));

  return array;
}

/* The stored screenshot is byte for byte the file the desktop handed over. */
static void
assert_step_image (Fixture    *f,
                   WmStep     *step,
                   const char *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImage) image = NULL;
  g_autofree char *expected = NULL;
  gsize expected_len;
  gsize len;
  const guint8 *data;

  image = wm_store_load_image (f->store, wm_step_get_image_sha256 (step), &error);
  g_assert_no_error (error);
  g_file_get_contents (fixture, &expected, &expected_len, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (wm_image_get_png (image), &len);
  g_assert_cmpmem (data, len, expected, expected_len);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;

  return n;
}

static void
test_three_steps (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  guint n_shots_before, n_shots, n_asked_before, n_asked;
  WmStep *step;

  wm_test_portal_get_counts (&n_shots_before, &n_asked_before);
  g_assert_true (wm_capture_backend_start (f->backend, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wm_portal_backend_get_portal_version (WM_PORTAL_BACKEND (f->backend)), >=, 1);
  g_assert_true (wm_capture_backend_get_capabilities (f->backend) & WM_CAPTURE_NEEDS_TRIGGER);
  g_assert_false (wm_capture_backend_get_capabilities (f->backend) & WM_CAPTURE_KNOWS_POINTER);

  /* Three at once: within one second, so the backend reuses its file name each time. */
  capture_steps (f, 3);
  for (guint i = 0; i < 3; i++)
    {
      GError *step_error = g_ptr_array_index (f->errors, i);

      g_assert_no_error (step_error);
    }

  steps = load_steps (f);
  g_assert_cmpuint (steps->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      step = g_ptr_array_index (steps, i);
      g_assert_cmpint (wm_step_get_kind (step), ==, WM_STEP_MANUAL);
      assert_step_image (f, step, f->fixtures[i]);
    }

  /* The first shot has nothing to compare with; the second points at the dialog that
   * opened; the third is another screen altogether, where only the author knows. */
  step = g_ptr_array_index (steps, 0);
  g_assert_cmpint (wm_step_get_x (step), ==, -1);
  step = g_ptr_array_index (steps, 1);
  g_assert_cmpint (wm_step_get_x (step), >=, WM_TEST_DIALOG_X);
  g_assert_cmpint (wm_step_get_x (step), <, WM_TEST_DIALOG_X + WM_TEST_DIALOG_W);
  g_assert_cmpint (wm_step_get_y (step), >=, WM_TEST_DIALOG_Y);
  g_assert_cmpint (wm_step_get_y (step), <, WM_TEST_DIALOG_Y + WM_TEST_DIALOG_H);
  step = g_ptr_array_index (steps, 2);
  g_assert_cmpint (wm_step_get_x (step), ==, -1);

  /* Asked once, then non-interactive; and the desktop's files were taken away. */
  wm_test_portal_get_counts (&n_shots, &n_asked);
  g_assert_cmpuint (n_shots, ==, n_shots_before + 3);
  g_assert_cmpuint (n_asked, ==, n_asked_before + 1);
  g_assert_cmpuint (count_files (g_getenv ("WM_TEST_PORTAL_OUT")), ==, 0);
}

static void
test_refused_keeps_steps (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  guint n_shots_before, n_shots, n_asked_before, n_asked;

  g_assert_true (wm_capture_backend_start (f->backend, &error));
  capture_steps (f, 1);
  g_assert_no_error (last_error (f));

  /* The desktop's screenshot backend refuses (response 2). */
  wm_test_portal_set_responses (2, 0);
  capture_steps (f, 1);
  g_assert_error (last_error (f), WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_DENIED);
  g_assert_nonnull (strstr (last_error (f)->message, "refused the screenshot"));
  g_assert_nonnull (strstr (last_error (f)->message, "no step was added"));

  /* The user answers "Deny" to "Allow Applications to Take Screenshots?": refused, and
   * the answer is remembered, so the next try is refused without asking again. */
  wm_test_portal_set_responses (0, 2);
  wm_test_portal_forget_permission ();
  wm_test_portal_get_counts (&n_shots_before, &n_asked_before);
  capture_steps (f, 1);
  g_assert_error (last_error (f), WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_DENIED);
  capture_steps (f, 1);
  g_assert_error (last_error (f), WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_DENIED);
  wm_test_portal_get_counts (&n_shots, &n_asked);
  g_assert_cmpuint (n_asked, ==, n_asked_before + 1);
  g_assert_cmpuint (n_shots, ==, n_shots_before);

  /* Allowed again: the recording goes on with what it had. */
  wm_test_portal_set_responses (0, 0);
  wm_test_portal_forget_permission ();
  capture_steps (f, 1);
  g_assert_no_error (last_error (f));

  steps = load_steps (f);
  g_assert_cmpuint (steps->len, ==, 2);
  assert_step_image (f, g_ptr_array_index (steps, 0), f->fixtures[0]);
  assert_step_image (f, g_ptr_array_index (steps, 1), f->fixtures[1]);
}

static void
test_cancelled_keeps_steps (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;

  g_assert_true (wm_capture_backend_start (f->backend, &error));
  capture_steps (f, 1);
  g_assert_no_error (last_error (f));

  /* The user closes the desktop's dialog (response 1). */
  wm_test_portal_set_responses (1, 0);
  capture_steps (f, 1);
  g_assert_error (last_error (f), WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_CANCELLED);
  g_assert_cmpstr (last_error (f)->message, ==,
                   "The screenshot was cancelled; no step was added");

  wm_test_portal_set_responses (0, 0);
  capture_steps (f, 1);
  g_assert_no_error (last_error (f));

  steps = load_steps (f);
  g_assert_cmpuint (steps->len, ==, 2);
}

static void
test_unreadable_shot (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *text = g_build_filename (f->dir, "not-a.png", NULL);
  g_autofree char *cut = g_build_filename (f->dir, "cut.png", NULL);
  g_autofree char *contents = NULL;
  const char *bad[] = { text, cut, NULL };
  gsize len;

  /* A desktop that hands over something else, or half a file. */
  g_file_set_contents (text, "GIF89a", -1, &error);
  g_assert_no_error (error);
  g_file_get_contents (f->fixtures[0], &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (cut, contents, len / 2, &error);
  g_assert_no_error (error);
  wm_test_portal_set_fixtures (bad);

  g_assert_true (wm_capture_backend_start (f->backend, &error));
  capture_steps (f, 1);
  g_assert_error (last_error (f), WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED);
  g_assert_cmpstr (last_error (f)->message, ==, "The desktop portal's screenshot is not a PNG");
  capture_steps (f, 1);
  g_assert_error (last_error (f), WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (last_error (f)->message,
                                   "The desktop portal's screenshot is damaged ("));

  steps = load_steps (f);
  g_assert_cmpuint (steps->len, ==, 0);
  g_remove (text);
  g_remove (cut);
}

static void
test_countdown (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_assert_true (wm_capture_backend_start (f->backend, &error));
  wm_portal_backend_set_countdown (WM_PORTAL_BACKEND (f->backend), 1);
  start = g_get_monotonic_time ();
  capture_steps (f, 1);
  g_assert_no_error (last_error (f));

  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_cmpuint (f->countdown->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->countdown, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (f->countdown, guint, 1), ==, 0);
}

static void
test_stop_with_queued_steps (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;

  /* Not started: a clear refusal, not a crash. */
  capture_steps (f, 1);
  g_assert_error (last_error (f), WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED);

  g_assert_true (wm_capture_backend_start (f->backend, &error));
  for (guint i = 0; i < 3; i++)
    wm_capture_backend_capture_step_async (f->backend, NULL, on_step_done, f);
  wm_capture_backend_stop (f->backend);
  while (f->n_done < 4)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 1; i < 4; i++)
    {
      GError *step_error = g_ptr_array_index (f->errors, i);

      g_assert_error (step_error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_CANCELLED);
    }
  steps = load_steps (f);
  g_assert_cmpuint (steps->len, ==, 0);
}

static gboolean
kill_portal_cb (gpointer user_data)
{
  wm_test_kill_portal ();
  return G_SOURCE_REMOVE;
}

static void
test_portal_goes_away (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;

  g_assert_true (wm_capture_backend_start (f->backend, &error));
  capture_steps (f, 1);
  g_assert_no_error (last_error (f));

  /* The portal dies while the desktop is still taking the shot: no wait for ever. */
  wm_test_portal_set_delay (1500);
  g_timeout_add (300, kill_portal_cb, NULL);
  capture_steps (f, 1);
  g_assert_error (last_error (f), WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_UNSUPPORTED);
  g_assert_cmpstr (last_error (f)->message, ==,
                   "The desktop portal stopped while taking the screenshot; no step was added");
  wm_test_portal_set_delay (0);

  /* D-Bus starts a new portal on the next call; the recording goes on. */
  capture_steps (f, 1);
  g_assert_no_error (last_error (f));
  steps = load_steps (f);
  g_assert_cmpuint (steps->len, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("WM_TEST_PORTAL_OUT") == NULL)
    {
      g_test_skip ("run under tests/portal/wm-portal-run");
      return 77;
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/portal/backend/three-steps", test_three_steps);
  ADD ("/portal/backend/refused-keeps-steps", test_refused_keeps_steps);
  ADD ("/portal/backend/cancelled-keeps-steps", test_cancelled_keeps_steps);
  ADD ("/portal/backend/unreadable-shot", test_unreadable_shot);
  ADD ("/portal/backend/countdown", test_countdown);
  ADD ("/portal/backend/stop-with-queued-steps", test_stop_with_queued_steps);
  /* Last: it replaces the portal. */
  ADD ("/portal/backend/portal-goes-away", test_portal_goes_away);
#undef ADD

  return g_test_run ();
}
