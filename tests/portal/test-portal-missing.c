/* test-portal-missing.c — no session bus, no portal, a portal that cannot take screenshots
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under `tests/portal/wm-portal-run --no-backend`: the real xdg-desktop-portal runs, but
 * no backend offers Screenshot (as on a desktop without xdg-desktop-portal-gnome or -kde).
 * The other cases run in subprocesses with no bus at all, or a bus with no portal.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "wm-portal-backend.h"

static void
assert_new_fails (int             code,
                    const char     *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCaptureBackend) backend = wm_capture_backend_new_for_name ("portal", &error);

  g_assert_null (backend);
  g_assert_error (error, WM_CAPTURE_ERROR, code);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_null (strchr (error->message, '\n'));
  g_printerr ("%s\n", error->message);
}

static void
test_no_screenshot_backend (void)
{
  assert_new_fails (WM_CAPTURE_ERROR_UNSUPPORTED,
                      "cannot take screenshots: install your desktop's portal backend");
}

static void
test_no_portal (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);

      /* A session bus with nothing that could start a portal. */
      g_test_dbus_up (bus);
      assert_new_fails (WM_CAPTURE_ERROR_UNSUPPORTED, "No desktop portal is running");
      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*No desktop portal is running: install xdg-desktop-portal*");
}

static void
test_no_session_bus (void)
{
  if (g_test_subprocess ())
    {
      g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
      g_unsetenv ("XDG_RUNTIME_DIR");
      g_unsetenv ("DISPLAY");
      assert_new_fails (WM_CAPTURE_ERROR_NO_DISPLAY, "there is no D-Bus session bus");
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* `waymark record` says so in one line and leaves no empty tutorial behind. */
static void
test_record_without_portal (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wm-portal-missing-XXXXXX", NULL);
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) record = NULL;
  g_autoptr(GSubprocess) list = NULL;

  record = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                             &error, g_getenv ("WAYMARK"), "--library", library, "record",
                             "--title", "Nothing", "--backend", "portal", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (record, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (record), ==, 1);
  g_assert_true (g_str_has_prefix (err, "waymark record: The desktop portal cannot take "
                                        "screenshots"));
  g_assert_nonnull (strchr (err, '\n'));
  g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");

  list = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("WAYMARK"),
                           "--library", library, "list", "--json", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (list, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_strstrip (out), ==, "[]");

  for (const char *const *suffix = (const char *const[]) { "", "-wal", "-shm", NULL }; *suffix;
       suffix++)
    {
      g_autofree char *path = g_strconcat (library, *suffix, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/portal/missing/no-screenshot-backend", test_no_screenshot_backend);
  g_test_add_func ("/portal/missing/no-portal", test_no_portal);
  g_test_add_func ("/portal/missing/no-session-bus", test_no_session_bus);
  if (g_getenv ("WAYMARK") != NULL)
    g_test_add_func ("/portal/missing/record-without-portal", test_record_without_portal);

  return g_test_run ();
}
