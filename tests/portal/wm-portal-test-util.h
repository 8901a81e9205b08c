/* wm-portal-test-util.h — what the portal tests and benchmark share: steering the test
 * backend (wm-test-portal) and making fixture screens
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <png.h>
#include <signal.h>

G_BEGIN_DECLS

#define WM_TEST_PORTAL_BUS_NAME "org.freedesktop.impl.portal.desktop.waymarktest"
#define WM_TEST_PORTAL_PATH "/org/freedesktop/portal/desktop"
#define WM_TEST_PORTAL_IFACE "org.waymark.TestPortal"

/* A method of org.waymark.TestPortal; aborts the test when it fails. */
static inline GVariant *
wm_test_portal_call (const char *method,
                     GVariant   *parameters)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  g_assert_nonnull (bus);
  reply = g_dbus_connection_call_sync (bus, WM_TEST_PORTAL_BUS_NAME, WM_TEST_PORTAL_PATH,
                                       WM_TEST_PORTAL_IFACE, method, parameters, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  return reply;
}

/* Responses: 0 success, 1 cancelled, 2 other (a refusal). */
static inline void
wm_test_portal_set_responses (guint screenshot,
                              guint access)
{
  g_autoptr(GVariant) reply = wm_test_portal_call ("SetResponses",
                                                   g_variant_new ("(uu)", screenshot, access));
}

static inline void
wm_test_portal_set_fixtures (const char * const *paths)
{
  g_autoptr(GVariant) reply = wm_test_portal_call ("SetFixtures",
                                                   g_variant_new ("(^as)", paths));
}

static inline void
wm_test_portal_get_counts (guint *screenshots,
                           guint *access_dialogs)
{
  g_autoptr(GVariant) reply = wm_test_portal_call ("GetCounts", NULL);

  g_variant_get (reply, "(uu&s)", screenshots, access_dialogs, NULL);
}

static inline void
wm_test_portal_set_delay (guint msec)
{
  g_autoptr(GVariant) reply = wm_test_portal_call ("SetDelay", g_variant_new ("(u)", msec));
}

/* Kills xdg-desktop-portal (found by its bus name, nothing else); D-Bus activation starts
 * a new one on the next call, as on a desktop. */
static inline void
wm_test_kill_portal (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 pid;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", "org.freedesktop.portal.Desktop"),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &pid);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
}

/* Forgets the user's answer to "Allow Applications to Take Screenshots?", as a fresh
 * session would have it: the next non-interactive shot asks again. */
static inline void
wm_test_portal_forget_permission (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.impl.portal.PermissionStore",
                                       "/org/freedesktop/impl/portal/PermissionStore",
                                       "org.freedesktop.impl.portal.PermissionStore", "Delete",
                                       g_variant_new ("(ss)", "screenshot", "screenshot"), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
}

/* @source (a 1920×1080 screen) as an 8-bit PNG in @base, as desktops write them, and the
 * same with a 300×200 "dialog" at (700,400) in @dialog: the change a click makes. */
#define WM_TEST_DIALOG_X 700
#define WM_TEST_DIALOG_Y 400
#define WM_TEST_DIALOG_W 300
#define WM_TEST_DIALOG_H 200

static inline void
wm_test_make_dialog_screen (const char *source,
                            const char *base,
                            const char *dialog)
{
  png_image image = { .version = PNG_IMAGE_VERSION };
  g_autofree guint8 *pixels = NULL;

  g_assert_true (png_image_begin_read_from_file (&image, source));
  image.format = PNG_FORMAT_BGRA;
  pixels = g_malloc (PNG_IMAGE_SIZE (image));
  g_assert_true (png_image_finish_read (&image, NULL, pixels, 0, NULL));
  g_assert_true (png_image_write_to_file (&image, base, FALSE, pixels, 0, NULL));

  for (int y = WM_TEST_DIALOG_Y; y < WM_TEST_DIALOG_Y + WM_TEST_DIALOG_H; y++)
    for (int x = WM_TEST_DIALOG_X; x < WM_TEST_DIALOG_X + WM_TEST_DIALOG_W; x++)
      {
        guint8 *p = pixels + (y * image.width + x) * 4;

        p[0] = p[1] = p[2] = (y < WM_TEST_DIALOG_Y + 40) ? 0xd0 : 0xfa;
      }

  g_assert_true (png_image_write_to_file (&image, dialog, FALSE, pixels, 0, NULL));
  png_image_free (&image);
}

G_END_DECLS
