/* test-recorder.c — recording a real GTK 4 app on Xvfb: steps, points, text, pixels
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/wm-session-run (Xvfb + D-Bus + AT-SPI bus). The fixture app is started
 * once; each case records into a fresh library and asserts on what was stored.
 */
#define _GNU_SOURCE
#include "config.h"

#include <X11/Xlib.h>
#include <X11/Xatom.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xrandr.h>
#include <string.h>

#include "capture-test.h"
#include "wm-recorder.h"

#define RED 0xc01c28
#define GREEN 0x26a269
#define SECRET "Zq7-pass-Xw9"

static TestFixture *fixture;
static GString *log_text;

typedef struct {
  WmStore    *store;
  char       *tutorial_id;
  WmRecorder *recorder;
  GPtrArray  *errors;
  gboolean    finished;
} Recording;

static void
on_error (WmRecorder *recorder,
          GError     *error,
          Recording  *rec)
{
  g_ptr_array_add (rec->errors, g_strdup (error->message));
}

static void
on_finished (WmRecorder *recorder,
             Recording  *rec)
{
  rec->finished = TRUE;
}

static void
recording_start (Recording *rec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCaptureBackend) backend = wm_capture_backend_new_for_name ("x11", &error);

  g_assert_no_error (error);
  rec->store = test_store_new (&rec->tutorial_id);
  rec->recorder = wm_recorder_new (rec->store, rec->tutorial_id, backend);
  rec->errors = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (rec->recorder, "error", G_CALLBACK (on_error), rec);
  g_signal_connect (rec->recorder, "finished", G_CALLBACK (on_finished), rec);
  wm_recorder_start (rec->recorder, &error);
  g_assert_no_error (error);
  g_assert_true (wm_recorder_get_running (rec->recorder));
}

/* Stops and waits until every step taken is committed; returns the stored steps. */
static GPtrArray *
recording_finish (Recording *rec)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  /* No waiting first: every press the server saw before stop() must become a step. */
  wm_recorder_stop (rec->recorder);
  while (!rec->finished && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rec->finished);
  g_assert_false (wm_recorder_get_running (rec->recorder));

  return test_store_steps (rec->store, rec->tutorial_id);
}

static void
recording_clear (Recording *rec)
{
  g_clear_object (&rec->recorder);
  g_clear_object (&rec->store);
  g_clear_pointer (&rec->tutorial_id, g_free);
  g_clear_pointer (&rec->errors, g_ptr_array_unref);
}

static void
click_widget (const char *name,
              int         button,
              int        *x,
              int        *y)
{
  int cx, cy;

  test_fixture_centre (fixture, name, &cx, &cy);
  test_click (cx, cy, button);
  if (x)
    *x = cx;
  if (y)
    *y = cy;
  /* Apart by more than the double-click time: two clicks, not one double-click. */
  test_wait (500);
}

static void
test_click_steps (void)
{
  Recording rec = { 0 };
  g_autoptr(GPtrArray) steps = NULL;
  WmStep *save, *name;
  int sx, sy, nx, ny;

  recording_start (&rec);
  click_widget ("save", 1, &sx, &sy);
  click_widget ("name", 1, &nx, &ny);
  steps = recording_finish (&rec);

  g_assert_cmpuint (steps->len, ==, 2);
  save = g_ptr_array_index (steps, 0);
  name = g_ptr_array_index (steps, 1);

  g_assert_cmpint (wm_step_get_kind (save), ==, WM_STEP_CLICK);
  g_assert_cmpint (wm_step_get_x (save), ==, sx);
  g_assert_cmpint (wm_step_get_y (save), ==, sy);
  g_assert_cmpuint (wm_step_get_button (save), ==, 1);
  g_assert_cmpstr (wm_step_get_target_name (save), ==, "Save");
  g_assert_cmpstr (wm_step_get_target_role (save), ==, "push button");
  g_assert_cmpstr (wm_step_get_window_title (save), ==, "Fixture");
  g_assert_cmpstr (wm_step_get_instruction (save), ==, "Click the Save button in fixture");
  g_assert_nonnull (wm_step_get_image_sha256 (save));
  g_assert_cmpint (wm_step_get_captured_at (save), >, 0);

  g_assert_cmpint (wm_step_get_x (name), ==, nx);
  g_assert_cmpint (wm_step_get_y (name), ==, ny);
  g_assert_cmpstr (wm_step_get_target_name (name), ==, "Name");
  g_assert_cmpstr (wm_step_get_instruction (name), ==, "Click the Name field in fixture");
  g_assert_cmpuint (rec.errors->len, ==, 0);
  recording_clear (&rec);
}

static void
on_manual_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_recorder_capture_step_finish (WM_RECORDER (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* The button turns green when clicked: the click's screenshot must still show it red,
 * and a screenshot taken afterwards green (so the first check can fail). */
static void
test_screenshot_before_click (void)
{
  Recording rec = { 0 };
  g_autoptr(GPtrArray) steps = NULL;
  gboolean done = FALSE;
  int x, y;

  recording_start (&rec);
  test_fixture_centre (fixture, "colour", &x, &y);
  x -= 40;   /* beside the label, on the button's background */
  g_assert_cmphex (test_screen_pixel (x, y), ==, RED);
  test_click (x, y, 1);
  /* However late the fixture redraws, the manual step must see it green. */
  g_assert_true (test_wait_for_pixel (x, y, GREEN));
  wm_recorder_capture_step_async (rec.recorder, NULL, on_manual_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  steps = recording_finish (&rec);

  g_assert_cmpuint (steps->len, ==, 2);
  g_assert_cmpint (wm_step_get_kind (g_ptr_array_index (steps, 0)), ==, WM_STEP_CLICK);
  g_assert_cmphex (test_step_pixel (rec.store, g_ptr_array_index (steps, 0), x, y), ==, RED);
  g_assert_cmpint (wm_step_get_kind (g_ptr_array_index (steps, 1)), ==, WM_STEP_MANUAL);
  g_assert_cmphex (test_step_pixel (rec.store, g_ptr_array_index (steps, 1), x, y), ==, GREEN);
  recording_clear (&rec);
}

static void
test_double_and_right_click (void)
{
  Recording rec = { 0 };
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *xs = NULL, *ys = NULL;
  int x, y;

  recording_start (&rec);
  test_fixture_centre (fixture, "save", &x, &y);
  xs = g_strdup_printf ("%d", x);
  ys = g_strdup_printf ("%d", y);
  test_xdotool ("mousemove", xs, ys, "click", "--repeat", "2", "--delay", "20", "1", NULL);
  test_wait (600);
  click_widget ("name", 3, NULL, NULL);
  steps = recording_finish (&rec);
  /* The fixture is shared: its context menu must not stay open for the next test. */
  test_xdotool ("key", "Escape", NULL);

  g_assert_cmpuint (steps->len, ==, 2);
  g_assert_cmpint (wm_step_get_kind (g_ptr_array_index (steps, 0)), ==, WM_STEP_DOUBLE_CLICK);
  g_assert_cmpstr (wm_step_get_instruction (g_ptr_array_index (steps, 0)), ==,
                   "Double-click the Save button in fixture");
  g_assert_cmpint (wm_step_get_kind (g_ptr_array_index (steps, 1)), ==, WM_STEP_RIGHT_CLICK);
  g_assert_cmpuint (wm_step_get_button (g_ptr_array_index (steps, 1)), ==, 3);
  g_assert_cmpstr (wm_step_get_instruction (g_ptr_array_index (steps, 1)), ==,
                   "Right-click the Name field in fixture");
  recording_clear (&rec);
}

static void
test_typing (void)
{
  Recording rec = { 0 };
  g_autoptr(GPtrArray) steps = NULL;
  WmStep *typed, *key;

  recording_start (&rec);
  /* On unless switched off. */
  g_assert_true (wm_recorder_get_record_keys (rec.recorder));
  click_widget ("name", 1, NULL, NULL);
  test_xdotool ("type", "--delay", "20", "Hello, World", NULL);
  test_xdotool ("key", "ctrl+a", NULL);
  steps = recording_finish (&rec);

  g_assert_cmpuint (steps->len, ==, 3);
  typed = g_ptr_array_index (steps, 1);
  key = g_ptr_array_index (steps, 2);
  g_assert_cmpint (wm_step_get_kind (typed), ==, WM_STEP_TYPE);
  g_assert_cmpstr (wm_step_get_text (typed), ==, "Hello, World");
  g_assert_cmpstr (wm_step_get_instruction (typed), ==, "Type “Hello, World” in the Name field");
  g_assert_nonnull (wm_step_get_image_sha256 (typed));
  g_assert_cmpint (wm_step_get_kind (key), ==, WM_STEP_KEY);
  g_assert_cmpstr (wm_step_get_text (key), ==, "Ctrl+A");
  g_assert_cmpstr (wm_step_get_instruction (key), ==, "Press Ctrl+A");
  recording_clear (&rec);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;

  return memmem (data, len, needle, strlen (needle)) != NULL;
}

/* "Record typing and shortcuts" off: the same typing and shortcut make no step, the
 * clicks around them still do, and the typed text is nowhere in the library file. */
static void
test_keys_switched_off (void)
{
  Recording rec = { 0 };
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *path = NULL;

  recording_start (&rec);
  g_object_set (rec.recorder, "record-keys", FALSE, NULL);
  g_assert_false (wm_recorder_get_record_keys (rec.recorder));
  click_widget ("name", 1, NULL, NULL);
  test_xdotool ("type", "--delay", "20", "Unrecorded words", NULL);
  test_xdotool ("key", "ctrl+a", NULL);
  click_widget ("save", 1, NULL, NULL);
  steps = recording_finish (&rec);

  g_assert_cmpuint (steps->len, ==, 2);
  for (guint i = 0; i < steps->len; i++)
    {
      WmStep *step = g_ptr_array_index (steps, i);

      g_assert_cmpint (wm_step_get_kind (step), ==, WM_STEP_CLICK);
      g_assert_null (wm_step_get_text (step));
    }
  g_assert_cmpstr (wm_step_get_target_name (g_ptr_array_index (steps, 0)), ==, "Name");
  g_assert_cmpstr (wm_step_get_target_name (g_ptr_array_index (steps, 1)), ==, "Save");
  path = g_strdup (wm_store_get_path (rec.store));
  recording_clear (&rec);
  g_assert_false (file_contains (path, "Unrecorded words"));
}

static void
test_password_never_stored (void)
{
  Recording rec = { 0 };
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *path = NULL, *wal = NULL, *shm = NULL;
  WmStep *typed;

  recording_start (&rec);
  click_widget ("password", 1, NULL, NULL);
  test_xdotool ("type", "--delay", "20", SECRET, NULL);
  test_xdotool ("key", "Return", NULL);
  steps = recording_finish (&rec);

  g_assert_cmpuint (steps->len, ==, 3);
  typed = g_ptr_array_index (steps, 1);
  g_assert_cmpint (wm_step_get_kind (typed), ==, WM_STEP_TYPE);
  g_assert_null (wm_step_get_text (typed));
  g_assert_cmpstr (wm_step_get_instruction (typed), ==, "Type your password");
  g_assert_cmpstr (wm_step_get_instruction (g_ptr_array_index (steps, 2)), ==, "Press Enter");

  path = g_strdup (wm_store_get_path (rec.store));
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_clear_object (&rec.recorder);
  g_clear_object (&rec.store);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (file_contains (path, SECRET));
  g_assert_false (file_contains (wal, SECRET));
  g_assert_false (file_contains (shm, SECRET));
  /* Nor a piece of it, as the characters went by one at a time. */
  g_assert_false (file_contains (path, "pass-Xw"));
  g_assert_null (strstr (log_text->str, "pass-Xw"));
  recording_clear (&rec);
}

static void
assert_nowhere (Recording  *rec,
                const char *secret,
                const char *piece)
{
  g_autofree char *path = g_strdup (wm_store_get_path (rec->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&rec->recorder);
  g_clear_object (&rec->store);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  for (const char *needle = secret; needle; needle = needle == secret ? piece : NULL)
    {
      g_assert_false (file_contains (path, needle));
      g_assert_false (file_contains (wal, needle));
      g_assert_false (file_contains (shm, needle));
      g_assert_null (strstr (log_text->str, needle));
    }
}

/* The text typed before a click into a password field is described as typed into its
 * own field, and the password after the click is the one left out: the typing is
 * attributed when its first key is pressed, not when the next click ends it. */
static void
test_password_after_other_typing (void)
{
  Recording rec = { 0 };
  g_autoptr(GPtrArray) steps = NULL;
  WmStep *name, *password;

  recording_start (&rec);
  click_widget ("name", 1, NULL, NULL);
  test_xdotool ("type", "--delay", "20", "Acme Corp", NULL);
  click_widget ("password", 1, NULL, NULL);
  test_xdotool ("type", "--delay", "20", SECRET, NULL);
  click_widget ("save", 1, NULL, NULL);
  steps = recording_finish (&rec);

  g_assert_cmpuint (steps->len, ==, 5);
  name = g_ptr_array_index (steps, 1);
  password = g_ptr_array_index (steps, 3);
  g_assert_cmpstr (wm_step_get_text (name), ==, "Acme Corp");
  g_assert_cmpstr (wm_step_get_instruction (name), ==, "Type “Acme Corp” in the Name field");
  g_assert_null (wm_step_get_text (password));
  g_assert_cmpstr (wm_step_get_instruction (password), ==, "Type your password");
  g_assert_false (wm_step_get_incomplete (password));
  assert_nowhere (&rec, SECRET, "pass-Xw");
  recording_clear (&rec);
}

/* A window no accessibility tree describes: where its typing went is not known, so the
 * text is not kept and the author is asked to complete the step. */
static void
test_unknown_field_fails_closed (void)
{
  Display *dpy = XOpenDisplay (NULL);
  Recording rec = { 0 };
  g_autoptr(GPtrArray) steps = NULL;
  Window plain;
  WmStep *typed;

  g_assert_nonnull (dpy);
  plain = XCreateSimpleWindow (dpy, DefaultRootWindow (dpy), 700, 400, 200, 200, 0, 0, GREEN);
  XStoreName (dpy, plain, "Notes");
  XMapRaised (dpy, plain);
  XSync (dpy, False);
  test_wait (200);

  recording_start (&rec);
  XSetInputFocus (dpy, plain, RevertToParent, CurrentTime);
  XSync (dpy, False);
  test_wait (100);
  test_xdotool ("type", "--delay", "20", SECRET, NULL);
  click_widget ("save", 1, NULL, NULL);
  steps = recording_finish (&rec);

  g_assert_cmpuint (steps->len, ==, 2);
  typed = g_ptr_array_index (steps, 0);
  g_assert_cmpint (wm_step_get_kind (typed), ==, WM_STEP_TYPE);
  g_assert_null (wm_step_get_text (typed));
  g_assert_cmpstr (wm_step_get_instruction (typed), ==, "Type the text");
  g_assert_true (wm_step_get_incomplete (typed));
  assert_nowhere (&rec, SECRET, "pass-Xw");
  recording_clear (&rec);
  XDestroyWindow (dpy, plain);
  XCloseDisplay (dpy);
}

/* A window of this process stands in for Waymark's own. */
static Window
show_own_window (Display *dpy)
{
  Window w = XCreateSimpleWindow (dpy, DefaultRootWindow (dpy), 700, 100, 200, 200, 0, 0,
                                  0x3584e4);
  Atom pid_atom = XInternAtom (dpy, "_NET_WM_PID", False);
  gulong pid = getpid ();
  XClassHint hint = { (char *) "waymark", (char *) "Waymark" };

  XChangeProperty (dpy, w, pid_atom, XA_CARDINAL, 32, PropModeReplace, (guchar *) &pid, 1);
  XSetClassHint (dpy, w, &hint);
  XStoreName (dpy, w, "Waymark");
  XMapRaised (dpy, w);
  XSync (dpy, False);

  return w;
}

static void
test_own_window_ignored (void)
{
  Display *dpy = XOpenDisplay (NULL);
  Recording rec = { 0 };
  g_autoptr(GPtrArray) steps = NULL;
  Window own;

  g_assert_nonnull (dpy);
  own = show_own_window (dpy);
  test_wait (200);

  recording_start (&rec);
  test_click (800, 200, 1);
  test_wait (500);
  test_click (780, 150, 3);
  test_wait (300);
  click_widget ("save", 1, NULL, NULL);
  steps = recording_finish (&rec);

  g_assert_cmpuint (steps->len, ==, 1);
  g_assert_cmpstr (wm_step_get_target_name (g_ptr_array_index (steps, 0)), ==, "Save");
  recording_clear (&rec);
  XDestroyWindow (dpy, own);
  XCloseDisplay (dpy);
}

static void
test_pause_resume (void)
{
  Recording rec = { 0 };
  g_autoptr(GPtrArray) steps = NULL;

  recording_start (&rec);
  wm_recorder_pause (rec.recorder);
  g_assert_true (wm_recorder_get_paused (rec.recorder));
  click_widget ("save", 1, NULL, NULL);
  wm_recorder_resume (rec.recorder);
  g_assert_false (wm_recorder_get_paused (rec.recorder));
  click_widget ("name", 1, NULL, NULL);
  steps = recording_finish (&rec);

  g_assert_cmpuint (steps->len, ==, 1);
  g_assert_cmpstr (wm_step_get_target_name (g_ptr_array_index (steps, 0)), ==, "Name");
  recording_clear (&rec);
}

/* Two monitors side by side on the one Xvfb screen (RandR 1.5 monitors), or back to one. */
static void
split_screen (gboolean split)
{
  Display *dpy = XOpenDisplay (NULL);
  Window root = DefaultRootWindow (dpy);
  const char *names[] = { "WM-LEFT", "WM-RIGHT" };

  for (int i = 0; i < 2; i++)
    {
      Atom name = XInternAtom (dpy, names[i], False);

      if (split)
        {
          XRRMonitorInfo *m = XRRAllocateMonitor (dpy, 0);

          m->name = name;
          m->primary = i == 0;
          m->x = 640 * i;
          m->width = 640;
          m->height = 800;
          m->mwidth = 169;
          m->mheight = 212;
          XRRSetMonitor (dpy, root, m);
          XRRFreeMonitors (m);
        }
      else
        XRRDeleteMonitor (dpy, root, name);
    }
  XSync (dpy, False);
  XCloseDisplay (dpy);
}

static void
assert_image_size (Recording *rec,
                   WmStep    *step,
                   guint      width,
                   guint      height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImage) image = wm_store_load_image (rec->store, wm_step_get_image_sha256 (step),
                                                  &error);
  g_autofree guint8 *pixels = NULL;
  guint w, h;

  g_assert_no_error (error);
  pixels = test_png_decode (wm_image_get_png (image), &w, &h);
  g_assert_cmpuint (w, ==, width);
  g_assert_cmpuint (h, ==, height);
}

/* The screenshot is the monitor under the pointer, the point relative to it; the press
 * keeps its modifiers and names its application. */
static void
test_monitor_and_modifiers (void)
{
  Recording rec = { 0 };
  g_autoptr(GPtrArray) steps = NULL;
  WmStep *save, *right;
  int sx, sy;

  split_screen (TRUE);
  recording_start (&rec);
  click_widget ("save", 1, &sx, &sy);
  test_xdotool ("mousemove", "900", "400", "keydown", "ctrl", "click", "1", "keyup", "ctrl",
                NULL);
  steps = recording_finish (&rec);
  split_screen (FALSE);

  g_assert_cmpuint (steps->len, ==, 2);
  save = g_ptr_array_index (steps, 0);
  right = g_ptr_array_index (steps, 1);
  g_assert_cmpint (sx, <, 640);
  g_assert_cmpint (wm_step_get_x (save), ==, sx);
  assert_image_size (&rec, save, 640, 800);
  g_assert_nonnull (wm_step_get_app_name (save));   /* AT-SPI's name, else WM_CLASS */
  g_assert_cmpint (wm_step_get_modifiers (save), ==, 0);

  g_assert_cmpint (wm_step_get_x (right), ==, 900 - 640);
  g_assert_cmpint (wm_step_get_y (right), ==, 400);
  assert_image_size (&rec, right, 640, 800);
  g_assert_cmpint (wm_step_get_modifiers (right), ==, WM_MODIFIER_CONTROL);
  recording_clear (&rec);
}

/* Monitors are cached by the capture thread: a change while recording is seen by the
 * next click (RandR tells it with a ConfigureNotify on the root window). */
static void
test_monitors_change_while_recording (void)
{
  Recording rec = { 0 };
  g_autoptr(GPtrArray) steps = NULL;

  recording_start (&rec);
  test_click (900, 400, 1);
  split_screen (TRUE);
  test_click (900, 300, 1);
  split_screen (FALSE);
  test_click (900, 200, 1);
  steps = recording_finish (&rec);

  g_assert_cmpuint (steps->len, ==, 3);
  assert_image_size (&rec, g_ptr_array_index (steps, 0), 1280, 800);
  g_assert_cmpint (wm_step_get_x (g_ptr_array_index (steps, 0)), ==, 900);
  assert_image_size (&rec, g_ptr_array_index (steps, 1), 640, 800);
  g_assert_cmpint (wm_step_get_x (g_ptr_array_index (steps, 1)), ==, 900 - 640);
  assert_image_size (&rec, g_ptr_array_index (steps, 2), 1280, 800);
  g_assert_cmpint (wm_step_get_x (g_ptr_array_index (steps, 2)), ==, 900);
  recording_clear (&rec);
}

/* Fast clicks on different spots: every one is a step, none merged or lost. */
static void
test_burst_keeps_every_click (void)
{
  Recording rec = { 0 };
  g_autoptr(GPtrArray) steps = NULL;

  recording_start (&rec);
  for (int i = 0; i < 15; i++)
    {
      test_click (500 + 20 * i, 400 + 10 * i, 1);
      test_wait (50);
    }
  steps = recording_finish (&rec);

  g_assert_cmpuint (steps->len, ==, 15);
  for (int i = 0; i < 15; i++)
    {
      WmStep *step = g_ptr_array_index (steps, i);

      g_assert_cmpint (wm_step_get_x (step), ==, 500 + 20 * i);
      g_assert_cmpint (wm_step_get_y (step), ==, 400 + 10 * i);
      g_assert_nonnull (wm_step_get_image_sha256 (step));
    }
  recording_clear (&rec);
}

static GLogWriterOutput
keep_log (GLogLevelFlags   level,
          const GLogField *fields,
          gsize            n_fields,
          gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      g_string_append_printf (log_text, "%s\n", (const char *) fields[i].value);

  return g_log_writer_default (level, fields, n_fields, user_data);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (keep_log, NULL, NULL);

  g_test_add_func ("/capture/recorder/click-steps", test_click_steps);
  g_test_add_func ("/capture/recorder/screenshot-before-click", test_screenshot_before_click);
  g_test_add_func ("/capture/recorder/double-and-right-click", test_double_and_right_click);
  g_test_add_func ("/capture/recorder/typing", test_typing);
  g_test_add_func ("/capture/recorder/keys-switched-off", test_keys_switched_off);
  g_test_add_func ("/capture/recorder/password-never-stored", test_password_never_stored);
  g_test_add_func ("/capture/recorder/password-after-other-typing",
                   test_password_after_other_typing);
  g_test_add_func ("/capture/recorder/unknown-field-fails-closed",
                   test_unknown_field_fails_closed);
  g_test_add_func ("/capture/recorder/own-window-ignored", test_own_window_ignored);
  g_test_add_func ("/capture/recorder/pause-resume", test_pause_resume);
  g_test_add_func ("/capture/recorder/burst-keeps-every-click", test_burst_keeps_every_click);
  g_test_add_func ("/capture/recorder/monitor-and-modifiers", test_monitor_and_modifiers);
  g_test_add_func ("/capture/recorder/monitors-change-while-recording",
                   test_monitors_change_while_recording);

  fixture = test_fixture_start ();
  rc = g_test_run ();
  test_fixture_stop (fixture);

  return rc;
}
