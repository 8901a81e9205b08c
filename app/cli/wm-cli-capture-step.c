/* wm-cli-capture-step.c — `waymark --capture-step`: take a step in the running recording
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Meant for a keyboard shortcut set in the desktop's settings (see the README): it returns
 * at once, and the recording process (the app or `waymark record`) takes and reports the
 * step. It never starts the app: with no recording running there is nothing to add to.
 */
#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "wm-cli-commands.h"
#include "wm-portal-backend.h"
#include "wm-recording-remote.h"

static int
activate_capture_step (WmCli *cli)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    return wm_cli_fail (cli, _("Cannot reach the recording: no D-Bus session bus (%s)"),
                        error->message);

  reply = g_dbus_connection_call_sync (bus, WM_RECORDING_BUS_NAME, WM_RECORDING_OBJECT_PATH,
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new ("(s@av@a{sv})", "capture-step",
                                                      g_variant_new_array (G_VARIANT_TYPE_VARIANT,
                                                                           NULL, 0),
                                                      g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                                           NULL, 0)),
                                       NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, NULL,
                                       &error);
  if (reply != NULL)
    return WM_CLI_OK;

  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
    return wm_cli_fail (cli, _("No recording is running: start one in Waymark or with "
                               "“waymark record”"));

  g_dbus_error_strip_remote_error (error);
  return wm_cli_fail (cli, _("The recording did not take the step: %s"), error->message);
}

int
wm_cli_capture_step (WmCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;

  context = wm_cli_option_context (cli, "--capture-step", NULL,
                                   _("Takes a step in the running recording, in the app or in "
                                     "“waymark record”. Bind it to a keyboard shortcut in the "
                                     "desktop's settings to take steps on Wayland."));
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;

  if (argc > 1)
    return wm_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);

  return activate_capture_step (cli);
}

static void
on_capture_failed (WmRecordingRemote *remote,
                   GError            *error,
                   WmCli             *cli)
{
  wm_cli_fail_error (cli, error);
}

static void
on_countdown (WmCaptureBackend *backend,
              guint             remaining,
              WmCli            *cli)
{
  if (remaining > 0)
    g_printerr (_("Taking the step in %u…\n"), remaining);
}

GObject *
wm_cli_capture_step_serve (WmCli              *cli,
                           struct _WmRecorder *recorder,
                           guint               countdown)
{
  WmCaptureBackend *backend = wm_recorder_get_backend (recorder);
  g_autoptr(WmRecordingRemote) remote = wm_recording_remote_new (recorder);
  g_autoptr(GError) error = NULL;

  if (WM_IS_PORTAL_BACKEND (backend))
    {
      wm_portal_backend_set_countdown (WM_PORTAL_BACKEND (backend), countdown);
      g_signal_connect (backend, "countdown", G_CALLBACK (on_countdown), cli);
    }
  g_signal_connect (remote, "capture-failed", G_CALLBACK (on_capture_failed), cli);

  /* Recording goes on without the shortcut: say why it will not reach this one. */
  if (!wm_recording_remote_export (remote, &error))
    {
      wm_cli_fail_error (cli, error);
      return NULL;
    }

  if (wm_capture_backend_get_capabilities (backend) & WM_CAPTURE_NEEDS_TRIGGER)
    g_printerr (_("Take each step with “waymark --capture-step” (bind it to a keyboard "
                  "shortcut: see the README).\n"));

  return G_OBJECT (g_steal_pointer (&remote));
}
