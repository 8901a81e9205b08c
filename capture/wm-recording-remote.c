/* wm-recording-remote.c — the running recording on the session bus, for `waymark --capture-step`
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On Wayland a step is taken on request, and the request has to come from a keyboard
 * shortcut the desktop owns (no application may grab global keys there). Desktops bind
 * shortcuts to commands, so the command `waymark --capture-step` has to reach whichever
 * process records: it activates "capture-step" on a well-known bus name. A GActionGroup
 * exported with GIO is the standard shape for this (`gapplication action` speaks it too),
 * and the app can put the same group on its widgets, so its "Capture step" button and the
 * shortcut take the same path.
 */
#define G_LOG_DOMAIN "wm-recording-remote"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-recording-remote.h"

/* org.freedesktop.DBus.RequestName flags and replies. */
#define NAME_FLAG_DO_NOT_QUEUE 4
#define NAME_REPLY_PRIMARY_OWNER 1

struct _WmRecordingRemote
{
  GObject             parent_instance;

  WmRecorder         *recorder;
  GSimpleActionGroup *actions;
  GDBusConnection    *bus;
  guint               export_id;
  gboolean            owns_name;
};

G_DEFINE_FINAL_TYPE (WmRecordingRemote, wm_recording_remote, G_TYPE_OBJECT)

enum {
  CAPTURE_REQUESTED,
  CAPTURE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_step_captured (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WmRecordingRemote) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wm_recorder_capture_step_finish (WM_RECORDER (source), result, &error))
    g_signal_emit (self, signals[CAPTURE_FAILED], 0, error);
}

static void
capture_step_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  WmRecordingRemote *self = user_data;
  gboolean handled = FALSE;

  /* The app takes the step its own way (its controller steps out of the shot first). */
  g_signal_emit (self, signals[CAPTURE_REQUESTED], 0, &handled);
  if (!handled)
    wm_recorder_capture_step_async (self->recorder, NULL, on_step_captured, g_object_ref (self));
}

static void
pause_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  WmRecordingRemote *self = user_data;

  wm_recorder_pause (self->recorder);
}

static void
resume_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  WmRecordingRemote *self = user_data;

  wm_recorder_resume (self->recorder);
}

static const GActionEntry action_entries[] = {
  { "capture-step", capture_step_activated },
  { "pause", pause_activated },
  { "resume", resume_activated },
};

static void
release_name (WmRecordingRemote *self)
{
  if (self->owns_name)
    g_dbus_connection_call (self->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                            "org.freedesktop.DBus", "ReleaseName",
                            g_variant_new ("(s)", WM_RECORDING_BUS_NAME), NULL,
                            G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
  /* Out before we go: the next recording may claim the name at once. */
  if (self->owns_name)
    g_dbus_connection_flush_sync (self->bus, NULL, NULL);
  self->owns_name = FALSE;

  if (self->export_id != 0)
    g_dbus_connection_unexport_action_group (self->bus, self->export_id);
  self->export_id = 0;
}

static void
wm_recording_remote_dispose (GObject *object)
{
  WmRecordingRemote *self = WM_RECORDING_REMOTE (object);

  if (self->bus != NULL)
    release_name (self);
  g_clear_object (&self->bus);
  g_clear_object (&self->recorder);

  G_OBJECT_CLASS (wm_recording_remote_parent_class)->dispose (object);
}

static void
wm_recording_remote_finalize (GObject *object)
{
  WmRecordingRemote *self = WM_RECORDING_REMOTE (object);

  g_clear_object (&self->actions);

  G_OBJECT_CLASS (wm_recording_remote_parent_class)->finalize (object);
}

static void
wm_recording_remote_class_init (WmRecordingRemoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_recording_remote_dispose;
  object_class->finalize = wm_recording_remote_finalize;

  /**
   * WmRecordingRemote::capture-requested:
   *
   * "capture-step" was activated. Return %TRUE to take the step yourself; otherwise the
   * recorder takes it and failures come through ::capture-failed.
   */
  signals[CAPTURE_REQUESTED] =
    g_signal_new ("capture-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 0);

  /**
   * WmRecordingRemote::capture-failed:
   * @error: why no step was added (refused, cancelled, no portal)
   */
  signals[CAPTURE_FAILED] =
    g_signal_new ("capture-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
wm_recording_remote_init (WmRecordingRemote *self)
{
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
}

WmRecordingRemote *
wm_recording_remote_new (WmRecorder *recorder)
{
  WmRecordingRemote *self;

  g_return_val_if_fail (WM_IS_RECORDER (recorder), NULL);

  self = g_object_new (WM_TYPE_RECORDING_REMOTE, NULL);
  self->recorder = g_object_ref (recorder);

  return self;
}

GActionGroup *
wm_recording_remote_get_action_group (WmRecordingRemote *self)
{
  g_return_val_if_fail (WM_IS_RECORDING_REMOTE (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

/* RequestName, synchronously: the caller wants a definite yes or no before it tells the
 * user that the shortcut works. */
static gboolean
request_name (GDBusConnection  *bus,
              GError          **error)
{
  g_autoptr(GVariant) reply = NULL;
  guint32 result;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", WM_RECORDING_BUS_NAME,
                                                      NAME_FLAG_DO_NOT_QUEUE),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, error);
  if (reply == NULL)
    return FALSE;

  g_variant_get (reply, "(u)", &result);
  /* "Already owner" means another recording in this process has it. */
  if (result != NAME_REPLY_PRIMARY_OWNER)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("Another recording is running: “waymark --capture-step” "
                             "goes to that one"));
      return FALSE;
    }

  return TRUE;
}

gboolean
wm_recording_remote_export (WmRecordingRemote  *self,
                            GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (WM_IS_RECORDING_REMOTE (self), FALSE);
  g_return_val_if_fail (self->bus == NULL, FALSE);

  self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &local_error);
  if (self->bus == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                   _("“waymark --capture-step” cannot reach this recording: no D-Bus session "
                     "bus (%s)"), local_error->message);
      return FALSE;
    }

  /* The name first: it decides which recording the shortcut belongs to. */
  if (!request_name (self->bus, error))
    {
      g_clear_object (&self->bus);
      return FALSE;
    }
  self->owns_name = TRUE;

  self->export_id = g_dbus_connection_export_action_group (self->bus, WM_RECORDING_OBJECT_PATH,
                                                           G_ACTION_GROUP (self->actions),
                                                           error);
  if (self->export_id == 0)
    {
      release_name (self);
      g_clear_object (&self->bus);
      return FALSE;
    }

  return TRUE;
}
