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

#include <string.h>

#include "wm-portal-backend.h"

static void
assert_start_fails (int             code,
                    const char     *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCaptureBackend) backend = wm_portal_backend_new (&error);

  g_assert_no_error (error);
  g_assert_false (wm_capture_backend_start (backend, &error));
  g_assert_error (error, WM_CAPTURE_ERROR, code);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_null (strchr (error->message, '\n'));
  g_printerr ("%s\n", error->message);
}

static void
test_no_screenshot_backend (void)
{
  assert_start_fails (WM_CAPTURE_ERROR_UNSUPPORTED,
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
      assert_start_fails (WM_CAPTURE_ERROR_UNSUPPORTED, "No desktop portal is running");
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
      assert_start_fails (WM_CAPTURE_ERROR_NO_DISPLAY, "there is no D-Bus session bus");
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/portal/missing/no-screenshot-backend", test_no_screenshot_backend);
  g_test_add_func ("/portal/missing/no-portal", test_no_portal);
  g_test_add_func ("/portal/missing/no-session-bus", test_no_session_bus);

  return g_test_run ();
}
