/* wm-portal-backend.c — recording on Wayland: each step is a Screenshot portal call
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On Wayland no application may watch clicks or read the screen, so a step is taken on
 * request ("Capture step", `waymark --capture-step`) through org.freedesktop.portal.Screenshot
 * (libportal), non-interactively: the desktop asks the user once and remembers the answer.
 *
 * Shots are taken one at a time, in the order asked. Each answer is a file the desktop wrote
 * for us; it is read and removed at once, because KDE names its files to the second (two
 * shots in one second share a name) and GNOME would otherwise fill ~/Pictures. The file is
 * already a PNG, so the frame carries it as is and the recorder skips encoding; a worker
 * thread decodes it only to suggest the hotspot from what changed since the last shot
 * (WmChangeDetector), since the click itself is invisible here.
 *
 * No parent window is passed: the controller steps out of the shot and the main window is
 * hidden while recording (by default), so at shot time Waymark has no mapped window for the
 * desktop's first-time permission dialog to attach to (libportal-gtk4 would export a handle
 * to an unmapped surface); the dialog comes up on its own, as for any background request.
 *
 * Why not ScreenCast (PipeWire): see README, "Recording on Wayland". In short, on Debian 12
 * (xdg-desktop-portal 1.16, -gnome 43) it needs a source-selection dialog per session, keeps
 * the screen-sharing indicator lit all along, and a step is rarely so urgent that the ~100 ms
 * of a Screenshot call matters; the shot is taken after the click anyway.
 */
#define G_LOG_DOMAIN "wm-portal-backend"

#include "config.h"

#include <glib/gi18n.h>
#include <libportal/portal.h>
#include <png.h>

#include "wm-change-detector.h"
#include "wm-portal-backend.h"

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define SCREENSHOT_INTERFACE "org.freedesktop.portal.Screenshot"
/* The portal may be started by D-Bus activation on the first call. */
#define PROBE_TIMEOUT_MSEC 10000

struct _WmPortalBackend
{
  WmCaptureBackend  parent_instance;

  XdpPortal        *portal;
  guint             portal_version;
  guint             countdown;

  /* Requests waiting for their turn (GTask), the one being served, its countdown. */
  GQueue            pending;
  GTask            *current;
  guint             countdown_left;
  guint             countdown_source;
  GCancellable     *stop_cancellable;
  /* The shot in flight: cancelled by stop() or when the portal leaves the bus, since
   * libportal would otherwise wait for its answer for ever. */
  GCancellable     *shot_cancellable;
  guint             portal_watch;
  gboolean          portal_vanished;

  /* Used by one worker at a time (shots are serialised); the lock covers reset(). */
  GMutex            detector_lock;
  WmChangeDetector *detector;
};

G_DEFINE_FINAL_TYPE (WmPortalBackend, wm_portal_backend, WM_TYPE_CAPTURE_BACKEND)

enum {
  PROP_0,
  PROP_COUNTDOWN,
  N_PROPS
};

enum {
  COUNTDOWN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* One request: when it was asked for, and what the worker made of the answer. */
typedef struct {
  gint64   pressed_at;
  gint64   captured_at;
  gint64   framed_at;
  char    *uri;
  GBytes  *png;
  guint    width;
  guint    height;
  gboolean has_hotspot;
  int      x;
  int      y;
} Shot;

static void
shot_free (Shot *shot)
{
  g_free (shot->uri);
  g_clear_pointer (&shot->png, g_bytes_unref);
  g_free (shot);
}

static void serve_next (WmPortalBackend *self);

/* Startup: find the portal and its Screenshot interface, with messages a person can act on. */
static gboolean
probe_portal (WmPortalBackend  *self,
              GError          **error)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) version = NULL;
  g_autoptr(GError) local_error = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &local_error);
  if (bus == NULL)
    {
      g_set_error (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_NO_DISPLAY,
                   _("Cannot record through the desktop portal: there is no D-Bus session bus "
                     "(%s)"), local_error->message);
      return FALSE;
    }

  reply = g_dbus_connection_call_sync (bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH,
                                       "org.freedesktop.DBus.Properties", "Get",
                                       g_variant_new ("(ss)", SCREENSHOT_INTERFACE, "version"),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE,
                                       PROBE_TIMEOUT_MSEC, NULL, &local_error);
  if (reply == NULL)
    {
      if (g_error_matches (local_error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
          g_error_matches (local_error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
        g_set_error_literal (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_UNSUPPORTED,
                             _("No desktop portal is running: install xdg-desktop-portal and "
                               "your desktop's backend (xdg-desktop-portal-gnome or -kde), or "
                               "record in an X11 session"));
      else if (g_error_matches (local_error, G_DBUS_ERROR, G_DBUS_ERROR_TIMEOUT) ||
               g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_set_error_literal (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_UNSUPPORTED,
                             _("The desktop portal did not answer within 10 seconds"));
      else
        g_set_error_literal (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_UNSUPPORTED,
                             _("The desktop portal cannot take screenshots: install your "
                               "desktop's portal backend (xdg-desktop-portal-gnome or -kde)"));
      return FALSE;
    }

  g_variant_get (reply, "(v)", &version);
  self->portal_version = g_variant_is_of_type (version, G_VARIANT_TYPE_UINT32) ?
                         g_variant_get_uint32 (version) : 1;
  return TRUE;
}

static void
on_portal_vanished (GDBusConnection *bus,
                    const char      *name,
                    gpointer         user_data)
{
  WmPortalBackend *self = user_data;

  if (self->shot_cancellable != NULL)
    {
      self->portal_vanished = TRUE;
      g_cancellable_cancel (self->shot_cancellable);
    }
}

static gboolean
wm_portal_backend_start (WmCaptureBackend  *backend,
                         GError           **error)
{
  WmPortalBackend *self = WM_PORTAL_BACKEND (backend);

  if (!probe_portal (self, error))
    return FALSE;

  if (self->portal == NULL)
    self->portal = xdp_portal_new ();
  g_clear_object (&self->stop_cancellable);
  self->stop_cancellable = g_cancellable_new ();
  wm_change_detector_reset (self->detector);
  if (self->portal_watch == 0)
    self->portal_watch = g_bus_watch_name (G_BUS_TYPE_SESSION, PORTAL_BUS_NAME,
                                           G_BUS_NAME_WATCHER_FLAGS_NONE, NULL,
                                           on_portal_vanished, self, NULL);

  return TRUE;
}

static void
fail_pending (WmPortalBackend *self)
{
  GTask *task;

  while ((task = g_queue_pop_head (&self->pending)) != NULL)
    {
      g_task_return_new_error (task, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_CANCELLED,
                               _("The recording stopped before this step was taken"));
      g_object_unref (task);
    }
}

static void
wm_portal_backend_stop (WmCaptureBackend *backend)
{
  WmPortalBackend *self = WM_PORTAL_BACKEND (backend);

  /* Queued requests end here, the shot in flight through its own callback (cancelled). */
  g_cancellable_cancel (self->stop_cancellable);
  fail_pending (self);
  g_cancellable_cancel (self->shot_cancellable);
  g_clear_handle_id (&self->portal_watch, g_bus_unwatch_name);
}

static void
wm_portal_backend_set_paused (WmCaptureBackend *backend,
                              gboolean          paused)
{
  WmPortalBackend *self = WM_PORTAL_BACKEND (backend);

  /* What changed across a pause is not what the next step did. */
  g_mutex_lock (&self->detector_lock);
  wm_change_detector_reset (self->detector);
  g_mutex_unlock (&self->detector_lock);
}

static WmCaptureCapabilities
wm_portal_backend_get_capabilities (WmCaptureBackend *backend)
{
  return WM_CAPTURE_NEEDS_TRIGGER;
}

/* libpng's simplified API, to 4-byte pixels for the change detector. */
static guint8 *
decode_png (GBytes  *png,
            guint   *width,
            guint   *height,
            GError **error)
{
  png_image image = { .version = PNG_IMAGE_VERSION };
  g_autofree guint8 *pixels = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (png, &len);

  if (!png_image_begin_read_from_memory (&image, data, len))
    {
      g_set_error_literal (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED,
                           _("The desktop portal's screenshot is not a PNG"));
      return NULL;
    }

  image.format = PNG_FORMAT_BGRA;
  pixels = g_try_malloc (PNG_IMAGE_SIZE (image));
  if (pixels == NULL || !png_image_finish_read (&image, NULL, pixels, 0, NULL))
    {
      g_set_error (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED,
                   _("The desktop portal's screenshot is damaged (%s)"),
                   pixels != NULL ? image.message : "out of memory");
      png_image_free (&image);
      return NULL;
    }

  *width = image.width;
  *height = image.height;
  return g_steal_pointer (&pixels);
}

/* Worker: take the file away at once (the next shot may reuse its name), then suggest
 * the hotspot. */
static void
read_shot_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  WmPortalBackend *self = source_object;
  Shot *shot = task_data;
  g_autoptr(GFile) file = g_file_new_for_uri (shot->uri);
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *pixels = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, &error))
    {
      g_task_return_new_error (task, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED,
                               _("Cannot read the desktop portal's screenshot: %s"),
                               error->message);
      return;
    }
  /* It was written for this step only; the copy is ours now. */
  g_file_delete (file, NULL, NULL);

  shot->png = g_bytes_new_take (g_steal_pointer (&contents), len);
  shot->framed_at = g_get_monotonic_time ();

  pixels = decode_png (shot->png, &shot->width, &shot->height, &error);
  if (pixels == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_mutex_lock (&self->detector_lock);
  shot->has_hotspot = wm_change_detector_feed (self->detector, pixels, shot->width,
                                               shot->height, shot->width * 4, NULL,
                                               &shot->x, &shot->y);
  g_mutex_unlock (&self->detector_lock);

  g_task_return_boolean (task, TRUE);
}

static void
emit_shot (WmPortalBackend *self,
           Shot            *shot)
{
  g_autoptr(WmStep) step = wm_step_new (WM_STEP_MANUAL);
  WmCaptureFrame *frame;

  /* A suggestion: the editor shows it for the author to confirm or move. */
  if (shot->has_hotspot)
    wm_step_set_point (step, shot->x, shot->y);
  else
    wm_step_set_point (step, -1, -1);
  wm_step_set_captured_at (step, shot->captured_at);

  frame = wm_capture_frame_new (step);
  frame->png = g_bytes_ref (shot->png);
  frame->width = shot->width;
  frame->height = shot->height;
  frame->pressed_at = shot->pressed_at;
  frame->framed_at = shot->framed_at;

  wm_capture_backend_emit_frame (WM_CAPTURE_BACKEND (self), frame);
}

/* Ends the current request and serves the next one. */
static void
finish_current (WmPortalBackend *self,
                GError          *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->current);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);

  serve_next (self);
}

static void
on_shot_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  WmPortalBackend *self = WM_PORTAL_BACKEND (source);
  Shot *shot = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    emit_shot (self, shot);

  finish_current (self, error);
}

/* libportal reports a refusal (response 2) and a cancelled dialog (response 1) as plain
 * GIO errors; turn them into ones that say what to do. */
static GError *
explain_portal_error (WmPortalBackend *self,
                      GError          *error)
{
  if (g_cancellable_is_cancelled (self->stop_cancellable))
    return g_error_new_literal (WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_CANCELLED,
                                _("The recording stopped before this step was taken"));

  if (self->portal_vanished)
    return g_error_new_literal (WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_UNSUPPORTED,
                                _("The desktop portal stopped while taking the screenshot; no "
                                  "step was added"));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_CANCELLED,
                                _("The screenshot was cancelled; no step was added"));

  if (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_FAILED)
    return g_error_new_literal (WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_DENIED,
                                _("The desktop refused the screenshot; no step was added. If "
                                  "screenshots were denied once, allow them again in the "
                                  "desktop's privacy settings (see “Recording on Wayland” "
                                  "in the README)"));

  return g_error_new (WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_UNSUPPORTED,
                      _("The desktop portal failed to take the screenshot: %s"),
                      error->message);
}

static void
on_screenshot (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WmPortalBackend) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = NULL;
  Shot *shot;

  uri = xdp_portal_take_screenshot_finish (XDP_PORTAL (source), result, &error);
  g_clear_object (&self->shot_cancellable);
  if (uri == NULL)
    {
      g_dbus_error_strip_remote_error (error);
      finish_current (self, explain_portal_error (self, error));
      return;
    }

  shot = g_task_get_task_data (self->current);
  shot->uri = g_steal_pointer (&uri);

  task = g_task_new (self, NULL, on_shot_read, NULL);
  g_task_set_source_tag (task, on_screenshot);
  g_task_set_task_data (task, shot, NULL);
  g_task_run_in_thread (task, read_shot_in_thread);
}

static void
take_shot (WmPortalBackend *self)
{
  Shot *shot = g_task_get_task_data (self->current);

  shot->captured_at = g_get_real_time ();
  self->shot_cancellable = g_cancellable_new ();
  self->portal_vanished = FALSE;
  xdp_portal_take_screenshot (self->portal, NULL, XDP_SCREENSHOT_FLAG_NONE,
                              self->shot_cancellable, on_screenshot, g_object_ref (self));
}

static gboolean
on_countdown_tick (gpointer user_data)
{
  WmPortalBackend *self = user_data;

  self->countdown_left--;
  g_signal_emit (self, signals[COUNTDOWN], 0, self->countdown_left);

  if (self->countdown_left > 0)
    return G_SOURCE_CONTINUE;

  self->countdown_source = 0;
  if (g_cancellable_is_cancelled (self->stop_cancellable))
    finish_current (self, g_error_new_literal (WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_CANCELLED,
                                               _("The recording stopped before this step "
                                                 "was taken")));
  else
    take_shot (self);

  return G_SOURCE_REMOVE;
}

static void
serve_next (WmPortalBackend *self)
{
  if (g_cancellable_is_cancelled (self->stop_cancellable))
    fail_pending (self);

  if (self->current != NULL || g_queue_is_empty (&self->pending))
    return;

  self->current = g_queue_pop_head (&self->pending);

  if (self->countdown == 0)
    {
      take_shot (self);
      return;
    }

  self->countdown_left = self->countdown;
  g_signal_emit (self, signals[COUNTDOWN], 0, self->countdown_left);
  /* Not g_timeout_add_seconds(): its ticks are coalesced and may come early. */
  self->countdown_source = g_timeout_add (1000, on_countdown_tick, self);
}

static void
wm_portal_backend_capture_step_async (WmCaptureBackend    *backend,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  WmPortalBackend *self = WM_PORTAL_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Shot *shot = g_new0 (Shot, 1);

  g_task_set_source_tag (task, wm_portal_backend_capture_step_async);
  shot->pressed_at = g_get_monotonic_time ();
  g_task_set_task_data (task, shot, (GDestroyNotify) shot_free);

  if (self->portal == NULL || g_cancellable_is_cancelled (self->stop_cancellable))
    {
      g_task_return_new_error (task, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED,
                               _("Not recording: start the recording before taking a step"));
      return;
    }

  g_queue_push_tail (&self->pending, g_steal_pointer (&task));
  serve_next (self);
}

static gboolean
wm_portal_backend_capture_step_finish (WmCaptureBackend  *backend,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
wm_portal_backend_dispose (GObject *object)
{
  WmPortalBackend *self = WM_PORTAL_BACKEND (object);

  g_cancellable_cancel (self->stop_cancellable);
  g_clear_handle_id (&self->portal_watch, g_bus_unwatch_name);
  fail_pending (self);

  /* A shot in flight holds a reference, so only a countdown can be under way here. */
  if (self->countdown_source != 0)
    {
      g_clear_handle_id (&self->countdown_source, g_source_remove);
      g_task_return_new_error (self->current, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_CANCELLED,
                               _("The recording stopped before this step was taken"));
      g_clear_object (&self->current);
    }

  G_OBJECT_CLASS (wm_portal_backend_parent_class)->dispose (object);
}

static void
wm_portal_backend_finalize (GObject *object)
{
  WmPortalBackend *self = WM_PORTAL_BACKEND (object);

  g_clear_object (&self->portal);
  g_clear_object (&self->stop_cancellable);
  g_clear_object (&self->shot_cancellable);
  g_clear_object (&self->detector);
  g_mutex_clear (&self->detector_lock);

  G_OBJECT_CLASS (wm_portal_backend_parent_class)->finalize (object);
}

static void
wm_portal_backend_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WmPortalBackend *self = WM_PORTAL_BACKEND (object);

  switch (prop_id)
    {
    case PROP_COUNTDOWN:
      g_value_set_uint (value, self->countdown);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_portal_backend_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WmPortalBackend *self = WM_PORTAL_BACKEND (object);

  switch (prop_id)
    {
    case PROP_COUNTDOWN:
      wm_portal_backend_set_countdown (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_portal_backend_class_init (WmPortalBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WmCaptureBackendClass *backend_class = WM_CAPTURE_BACKEND_CLASS (klass);

  object_class->dispose = wm_portal_backend_dispose;
  object_class->finalize = wm_portal_backend_finalize;
  object_class->get_property = wm_portal_backend_get_property;
  object_class->set_property = wm_portal_backend_set_property;

  backend_class->start = wm_portal_backend_start;
  backend_class->stop = wm_portal_backend_stop;
  backend_class->set_paused = wm_portal_backend_set_paused;
  backend_class->capture_step_async = wm_portal_backend_capture_step_async;
  backend_class->capture_step_finish = wm_portal_backend_capture_step_finish;
  backend_class->get_capabilities = wm_portal_backend_get_capabilities;

  properties[PROP_COUNTDOWN] =
    g_param_spec_uint ("countdown", NULL, NULL,
                       0, WM_PORTAL_BACKEND_MAX_COUNTDOWN, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WmPortalBackend::countdown:
   * @remaining: seconds left before the shot; 0 just before it is taken
   *
   * Lets the app and `waymark record` show "3… 2… 1…".
   */
  signals[COUNTDOWN] =
    g_signal_new ("countdown",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__UINT,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
wm_portal_backend_init (WmPortalBackend *self)
{
  g_queue_init (&self->pending);
  g_mutex_init (&self->detector_lock);
  self->detector = wm_change_detector_new ();
  self->stop_cancellable = g_cancellable_new ();
  g_cancellable_cancel (self->stop_cancellable);   /* not started yet */
}

WmCaptureBackend *
wm_portal_backend_new (GError **error)
{
  g_autoptr(WmPortalBackend) self = g_object_new (WM_TYPE_PORTAL_BACKEND, "name", "portal",
                                                  NULL);

  /* Fail here, before a caller creates a tutorial to record into. */
  if (!probe_portal (self, error))
    return NULL;

  return WM_CAPTURE_BACKEND (g_steal_pointer (&self));
}

guint
wm_portal_backend_get_countdown (WmPortalBackend *self)
{
  g_return_val_if_fail (WM_IS_PORTAL_BACKEND (self), 0);

  return self->countdown;
}

void
wm_portal_backend_set_countdown (WmPortalBackend *self,
                                 guint            seconds)
{
  g_return_if_fail (WM_IS_PORTAL_BACKEND (self));

  seconds = MIN (seconds, WM_PORTAL_BACKEND_MAX_COUNTDOWN);
  if (self->countdown == seconds)
    return;

  self->countdown = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTDOWN]);
}

guint
wm_portal_backend_get_portal_version (WmPortalBackend *self)
{
  g_return_val_if_fail (WM_IS_PORTAL_BACKEND (self), 0);

  return self->portal_version;
}
