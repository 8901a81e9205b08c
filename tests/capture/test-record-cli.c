/* test-record-cli.c — `waymark record` as scripts and the app drive it
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/wm-session-run with the fixture app; the recorder is the real
 * `waymark` binary ($WAYMARK), stopped by SIGINT or killed outright.
 */
#define _GNU_SOURCE

#include "config.h"

#include <gio/gio.h>
#include <signal.h>
#include <string.h>
#include <X11/Xlib.h>

#include "capture-test.h"

#define RED 0xc01c28
#define GREEN 0x26a269
/* Generous: under ASan on a loaded 2-core machine a step takes seconds, not ms. */
#define WAIT_USEC (60 * G_USEC_PER_SEC)

static TestFixture *fixture;

typedef struct {
  GSubprocess      *process;
  GDataInputStream *out;
  char             *dir;
  char             *library;
  char             *id;
  char             *errors;   /* the recorder's stderr, shown when it fails */
} Recorder;

typedef struct {
  char    *line;
  gboolean done;
} LineRead;

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                          NULL, NULL);
  read->done = TRUE;
}

/* The next line of the recorder's output, or NULL after WAIT_USEC. */
static char *
read_line (Recorder *rec)
{
  LineRead read = { NULL, FALSE };
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_data_input_stream_read_line_async (rec->out, G_PRIORITY_DEFAULT, cancellable, on_line,
                                       &read);
  while (!read.done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (5000);
  if (!read.done)
    {
      g_cancellable_cancel (cancellable);
      while (!read.done)
        g_main_context_iteration (NULL, TRUE);
    }

  return read.line;
}

static Recorder *
recorder_start (const char *first_arg,
                ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  Recorder *rec = g_new0 (Recorder, 1);
  va_list args;

  rec->dir = g_dir_make_tmp ("wm-record-XXXXXX", &error);
  g_assert_no_error (error);
  rec->library = g_build_filename (rec->dir, "library.db", NULL);

  g_ptr_array_add (argv, (char *) g_getenv ("WAYMARK"));
  g_ptr_array_add (argv, (char *) "--library");
  g_ptr_array_add (argv, rec->library);
  g_ptr_array_add (argv, (char *) "record");
  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  rec->errors = g_build_filename (rec->dir, "stderr.txt", NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, rec->errors);
  rec->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                               &error);
  g_assert_no_error (error);
  rec->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (rec->process));
  rec->id = read_line (rec);
  g_assert_nonnull (rec->id);
  g_assert_cmpuint (strlen (rec->id), ==, 36);

  return rec;
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* Sends @signum and waits until the recorder has exited: it first saves what is in
 * flight, which under load takes a while. */
static void
recorder_stop (Recorder *rec,
               int       signum)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;
  gboolean exited = FALSE;

  g_subprocess_send_signal (rec->process, signum);
  g_subprocess_wait_async (rec->process, NULL, on_exited, &exited);
  while (!exited && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (5000);
  if (!exited)
    g_error ("waymark record did not exit within %d s of signal %d",
             (int) (WAIT_USEC / G_USEC_PER_SEC), signum);
}

/* After SIGINT: exited by itself, with status 0; if not, says what it printed. */
static void
recorder_assert_exited_ok (Recorder *rec)
{
  g_autofree char *errors = NULL;

  if (g_subprocess_get_if_exited (rec->process) &&
      g_subprocess_get_exit_status (rec->process) == 0)
    return;

  g_file_get_contents (rec->errors, &errors, NULL, NULL);
  g_error ("waymark record ended with %s %d; it said:\n%s",
           g_subprocess_get_if_exited (rec->process) ? "status" : "signal",
           g_subprocess_get_if_exited (rec->process) ? g_subprocess_get_exit_status (rec->process)
                                                      : g_subprocess_get_term_sig (rec->process),
           errors ? errors : "");
}

static WmStore *
recorder_open_library (Recorder *rec)
{
  g_autoptr(GError) error = NULL;
  WmStore *store = wm_store_open (rec->library, &error);

  g_assert_no_error (error);
  return store;
}

static void
recorder_free (Recorder *rec)
{
  g_subprocess_force_exit (rec->process);
  g_subprocess_wait (rec->process, NULL, NULL);
  g_clear_object (&rec->out);
  g_clear_object (&rec->process);
  g_free (rec->library);
  g_free (rec->dir);
  g_free (rec->id);
  g_free (rec->errors);
  g_free (rec);
}

static void
click_widget (const char *name)
{
  int x, y;

  test_fixture_centre (fixture, name, &x, &y);
  test_click (x, y, 1);
  test_wait (100);
}

static void
test_prints_steps_and_stops_on_sigint (void)
{
  Recorder *rec = recorder_start ("--title", "From the CLI", "--stage", "competency",
                                  "--role", "admin", "--role", "everyday user", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmTutorial) tutorial = NULL;
  g_autofree char *line = NULL;
  const char * const *roles;

  click_widget ("save");
  line = read_line (rec);
  g_assert_cmpstr (line, ==, "1  Click the Save button in fixture");

  recorder_stop (rec, SIGINT);
  recorder_assert_exited_ok (rec);

  store = recorder_open_library (rec);
  tutorial = wm_store_load_tutorial (store, rec->id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_tutorial_get_title (tutorial), ==, "From the CLI");
  g_assert_cmpint (wm_tutorial_get_stage (tutorial), ==, WM_STAGE_COMPETENCY);
  roles = wm_tutorial_get_roles (tutorial);
  g_assert_nonnull (roles);
  g_assert_true (g_strv_contains (roles, "admin"));
  g_assert_cmpuint (g_list_model_get_n_items (wm_tutorial_get_steps (tutorial)), ==, 1);
  recorder_free (rec);
}

/* SIGTERM (a session ending, a service manager) stops a recording like SIGINT: it exits
 * by itself with status 0 and every step it printed is in the library, screenshot and
 * all. */
static void
test_sigterm_keeps_steps (void)
{
  Recorder *rec = recorder_start ("--title", "Terminated", NULL);
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *first = NULL, *second = NULL;

  click_widget ("save");
  first = read_line (rec);
  g_assert_cmpstr (first, ==, "1  Click the Save button in fixture");
  click_widget ("name");
  second = read_line (rec);
  g_assert_cmpstr (second, ==, "2  Click the Name field in fixture");

  recorder_stop (rec, SIGTERM);
  recorder_assert_exited_ok (rec);

  store = recorder_open_library (rec);
  steps = test_store_steps (store, rec->id);
  g_assert_cmpuint (steps->len, ==, 2);
  g_assert_cmpstr (wm_step_get_target_name (g_ptr_array_index (steps, 0)), ==, "Save");
  g_assert_cmpstr (wm_step_get_target_name (g_ptr_array_index (steps, 1)), ==, "Name");
  for (guint i = 0; i < steps->len; i++)
    g_assert_true (wm_store_has_image (store,
                                       wm_step_get_image_sha256 (g_ptr_array_index (steps, i))));
  recorder_free (rec);
}

/* An accessible application that hangs (stopped: it answers nothing, AT-SPI included)
 * does not stall recording: its click still becomes a step, with the window for text,
 * once the describe budget (1 s here) is spent, and the next click is a step too. */
static void
test_hung_app_does_not_stall (void)
{
  Recorder *rec = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *first = NULL, *second = NULL;
  gint64 clicked, waited;

  g_setenv ("WAYMARK_DESCRIBE_TIMEOUT_MS", "1000", TRUE);
  rec = recorder_start ("--title", "Hung", NULL);
  g_setenv ("WAYMARK_DESCRIBE_TIMEOUT_MS", "20000", TRUE);

  g_assert_cmpint (kill (fixture->pid, SIGSTOP), ==, 0);
  clicked = g_get_monotonic_time ();
  click_widget ("save");
  first = read_line (rec);
  waited = g_get_monotonic_time () - clicked;
  click_widget ("name");
  second = read_line (rec);
  g_assert_cmpint (kill (fixture->pid, SIGCONT), ==, 0);

  /* Far below the 25 s of a D-Bus call left to its default timeout, far above 1 s. */
  g_assert_cmpint (waited, <, 15 * G_USEC_PER_SEC);

  g_assert_nonnull (first);
  g_assert_true (g_str_has_prefix (first, "1  Click in "));
  g_assert_nonnull (second);
  g_assert_true (g_str_has_prefix (second, "2  Click "));

  recorder_stop (rec, SIGINT);
  recorder_assert_exited_ok (rec);
  store = recorder_open_library (rec);
  steps = test_store_steps (store, rec->id);
  g_assert_cmpuint (steps->len, ==, 2);
  g_assert_null (wm_step_get_target_name (g_ptr_array_index (steps, 0)));
  g_assert_true (wm_store_has_image (store,
                                     wm_step_get_image_sha256 (g_ptr_array_index (steps, 0))));
  recorder_free (rec);
}

/* --no-keys: typing and a shortcut between two clicks make no step. */
static void
test_no_keys (void)
{
  Recorder *rec = recorder_start ("--title", "Clicks only", "--no-keys", NULL);
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *first = NULL, *second = NULL;

  click_widget ("name");
  first = read_line (rec);
  g_assert_cmpstr (first, ==, "1  Click the Name field in fixture");
  test_xdotool ("type", "--delay", "20", "not a step", NULL);
  test_xdotool ("key", "ctrl+a", NULL);
  click_widget ("save");
  second = read_line (rec);
  g_assert_cmpstr (second, ==, "2  Click the Save button in fixture");

  recorder_stop (rec, SIGINT);
  recorder_assert_exited_ok (rec);
  store = recorder_open_library (rec);
  steps = test_store_steps (store, rec->id);
  g_assert_cmpuint (steps->len, ==, 2);
  for (guint i = 0; i < steps->len; i++)
    g_assert_cmpint (wm_step_get_kind (g_ptr_array_index (steps, i)), ==, WM_STEP_CLICK);
  recorder_free (rec);
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

#define SECRET "Zq7-pass-Xw9"

/* The password typed after other typing is never printed, logged, stored, bundled or
 * exported; the text typed before the click into its field is its own step. */
static void
test_secret_nowhere (void)
{
  Recorder *rec = recorder_start ("--title", "Sign in", NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *wal = NULL, *bundle = NULL, *markdown = NULL, *html = NULL;
  const char *expected[] = {
    "1  Click the Name field in fixture",
    "2  Type “Acme Corp” in the Name field",
    "3  Click the Password field in fixture",
    "4  Type your password",
    "5  Click the Save button in fixture",
  };

  click_widget ("name");
  test_xdotool ("type", "--delay", "20", "Acme Corp", NULL);
  click_widget ("password");
  test_xdotool ("type", "--delay", "20", SECRET, NULL);
  click_widget ("save");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *line = read_line (rec);

      g_assert_cmpstr (line, ==, expected[i]);
      g_string_append_printf (out, "%s\n", line);
    }
  wal = g_strconcat (rec->library, "-wal", NULL);
  g_assert_false (file_contains (wal, SECRET));
  recorder_stop (rec, SIGINT);
  recorder_assert_exited_ok (rec);

  bundle = g_build_filename (rec->dir, "sign-in.waymark", NULL);
  markdown = g_build_filename (rec->dir, "md", NULL);
  html = g_build_filename (rec->dir, "sign-in.html", NULL);
  {
    const char *bundle_argv[] = { g_getenv ("WAYMARK"), "--library", rec->library, "bundle",
                                  rec->id, "-o", bundle, NULL };
    const char *md_argv[] = { g_getenv ("WAYMARK"), "--library", rec->library, "export",
                              "markdown", rec->id, "-o", markdown, NULL };
    const char *html_argv[] = { g_getenv ("WAYMARK"), "--library", rec->library, "export",
                                "html", rec->id, "-o", html, NULL };
    const char **commands[] = { bundle_argv, md_argv, html_argv };

    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        g_autofree char *cmd_out = NULL, *cmd_err = NULL;
        int status;

        g_assert_true (g_spawn_sync (NULL, (char **) commands[i], NULL, G_SPAWN_DEFAULT, NULL,
                                     NULL, &cmd_out, &cmd_err, &status, NULL));
        g_assert_true (g_spawn_check_wait_status (status, NULL));
        g_assert_null (strstr (cmd_out, SECRET));
        g_assert_null (strstr (cmd_err, SECRET));
      }
  }

  g_assert_null (strstr (out->str, SECRET));
  g_assert_false (file_contains (rec->errors, SECRET));
  g_assert_false (file_contains (rec->errors, "pass-Xw"));
  g_assert_true (file_contains (rec->library, "Acme Corp"));
  g_assert_false (file_contains (rec->library, SECRET));
  g_assert_false (file_contains (rec->library, "pass-Xw"));
  g_assert_false (file_contains (wal, SECRET));
  g_assert_false (file_contains (bundle, SECRET));
  g_assert_false (file_contains (html, SECRET));
  {
    g_autofree char *ls = NULL;
    const char *grep_argv[] = { "grep", "-rlF", SECRET, markdown, NULL };
    int status;

    /* Any file the export wrote, whatever its name. */
    g_assert_true (g_spawn_sync (NULL, (char **) grep_argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
                                 NULL, &ls, NULL, &status, NULL));
    g_assert_cmpstr (ls, ==, "");
  }
  recorder_free (rec);
}

/* A crash loses nothing already committed: each printed step is in the file. */
static void
test_kill_keeps_committed_steps (void)
{
  Recorder *rec = recorder_start ("--title", "Killed", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  const char *widgets[] = { "save", "name", "password" };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      g_autofree char *line = NULL;

      click_widget (widgets[i]);
      line = read_line (rec);
      g_assert_nonnull (line);
      g_assert_true (g_str_has_prefix (line, i == 0 ? "1  " : i == 1 ? "2  " : "3  "));
    }

  recorder_stop (rec, SIGKILL);
  g_assert_true (g_subprocess_get_if_signaled (rec->process));

  store = recorder_open_library (rec);
  steps = test_store_steps (store, rec->id);
  g_assert_cmpuint (steps->len, ==, 3);
  for (guint i = 0; i < steps->len; i++)
    {
      WmStep *step = g_ptr_array_index (steps, i);

      g_assert_true (wm_store_has_image (store, wm_step_get_image_sha256 (step)));
    }
  g_assert_cmpstr (wm_step_get_target_name (g_ptr_array_index (steps, 2)), ==, "Password");
  recorder_free (rec);
}

/* Something else changes the screen (a window of ours appears), then the button is
 * clicked and turns green, all while the recorder is frozen, as a loaded machine can
 * freeze it. Once it runs again it reads the change before the press: refreshing its
 * frame for that change must not give the press a frame from after the click. */
static void
test_late_recorder_frames_before_click (void)
{
  Recorder *rec = recorder_start ("--title", "Late", NULL);
  Display *dpy = XOpenDisplay (NULL);
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *first = NULL, *line = NULL;
  Window other;
  int x, y;

  g_assert_nonnull (dpy);
  /* One step first: the recorder is up and talking to the accessibility bus. */
  click_widget ("save");
  first = read_line (rec);
  g_assert_cmpstr (first, ==, "1  Click the Save button in fixture");

  test_fixture_centre (fixture, "colour", &x, &y);
  x -= 40;   /* beside the label, on the button's background */
  g_assert_cmphex (test_screen_pixel (x, y), ==, RED);

  kill (atoi (g_subprocess_get_identifier (rec->process)), SIGSTOP);
  other = XCreateSimpleWindow (dpy, DefaultRootWindow (dpy), 900, 500, 100, 100, 0, 0, 0x3584e4);
  XMapWindow (dpy, other);
  XSync (dpy, False);
  test_click (x, y, 1);
  g_assert_true (test_wait_for_pixel (x, y, GREEN));
  kill (atoi (g_subprocess_get_identifier (rec->process)), SIGCONT);

  line = read_line (rec);
  g_assert_cmpstr (line, ==, "2  Click the Colour button in fixture");
  recorder_stop (rec, SIGINT);

  store = recorder_open_library (rec);
  steps = test_store_steps (store, rec->id);
  g_assert_cmpuint (steps->len, ==, 2);
  g_assert_cmphex (test_step_pixel (store, g_ptr_array_index (steps, 1), x, y), ==, RED);
  recorder_assert_exited_ok (rec);
  recorder_free (rec);
  XDestroyWindow (dpy, other);
  XCloseDisplay (dpy);
}

static void
test_no_display (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wm-record-XXXXXX", &error);
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "DISPLAY");
  const char *argv[] = { g_getenv ("WAYMARK"), "--library", library, "record", "--title", "T",
                         "--backend", "x11", NULL };
  int status;

  g_spawn_sync (NULL, (char **) argv, env, 0, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "waymark record: "));
  g_assert_nonnull (strstr (err, "no X11 display"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);   /* one line */
  /* Nothing left behind: no library, no empty tutorial. */
  g_assert_false (g_file_test (library, G_FILE_TEST_EXISTS));
}

static void
test_bad_stage (void)
{
  g_autofree char *err = NULL;
  const char *argv[] = { g_getenv ("WAYMARK"), "record", "--title", "T", "--stage", "later",
                         NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "first-exposure"));
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/capture/cli/prints-steps-and-stops-on-sigint",
                   test_prints_steps_and_stops_on_sigint);
  g_test_add_func ("/capture/cli/kill-keeps-committed-steps", test_kill_keeps_committed_steps);
  g_test_add_func ("/capture/cli/no-keys", test_no_keys);
  g_test_add_func ("/capture/cli/secret-nowhere", test_secret_nowhere);
  g_test_add_func ("/capture/cli/late-recorder-frames-before-click",
                   test_late_recorder_frames_before_click);
  g_test_add_func ("/capture/cli/no-display", test_no_display);
  g_test_add_func ("/capture/cli/bad-stage", test_bad_stage);
  g_test_add_func ("/capture/cli/sigterm-keeps-steps", test_sigterm_keeps_steps);
  /* Last: the fixture handles the clicks it missed while stopped once it runs again. */
  g_test_add_func ("/capture/cli/hung-app-does-not-stall", test_hung_app_does_not_stall);

  fixture = test_fixture_start ();
  rc = g_test_run ();
  test_fixture_stop (fixture);

  return rc;
}
