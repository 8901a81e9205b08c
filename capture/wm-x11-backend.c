/* wm-x11-backend.c — recording on an X11 desktop: XInput2 raw events, XShm + XDamage
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-capture"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <poll.h>
#include <unistd.h>
#include <X11/XKBlib.h>
#include <X11/extensions/XInput2.h>
#include <X11/extensions/Xrandr.h>

#include "wm-capture-private.h"
#include "wm-x11-backend-private.h"

/* The capture thread reads X events and makes frames; the main context only emits
 * them. Nothing on the capture path waits on AT-SPI, encoding or the store. */
struct _WmX11Backend
{
  WmCaptureBackend  parent_instance;

  GMainContext     *context;
  GThread          *thread;
  WmX11Thread       x;
  int               wake[2];         /* wakes the thread: stop, pause, manual step */
  int               stopping;        /* atomic */
  int               paused;          /* atomic */
  GMutex            pauses_lock;
  GArray           *pauses;          /* Toggle: when pause and resume happened */
  int               manual_requests; /* atomic */
  GAsyncQueue      *outbox;          /* WmCaptureFrame*: thread → main context */
  GQueue            manual_tasks;    /* GTask*, main context only */
};

/* A pause or resume, at g_get_monotonic_time(). */
typedef struct {
  gint64   at;
  gboolean paused;
} Toggle;

/* How long we remember pauses: far longer than events wait in the queue. */
#define PAUSES_KEPT_USEC (60 * G_USEC_PER_SEC)

G_DEFINE_FINAL_TYPE (WmX11Backend, wm_x11_backend, WM_TYPE_CAPTURE_BACKEND)

static int (*previous_error_handler) (Display *, XErrorEvent *);
static GHashTable *our_displays;   /* Display* we own; guarded by displays_lock */
G_LOCK_DEFINE_STATIC (displays_lock);

/* Windows vanish between two requests all the time (a menu closes as it is clicked);
 * Xlib's default handler would exit the process for that. Errors on our connections
 * are ignored; any other connection (GDK's, in the app) keeps its own handling. */
static int
on_x_error (Display     *dpy,
            XErrorEvent *event)
{
  gboolean ours;

  G_LOCK (displays_lock);
  ours = our_displays && g_hash_table_contains (our_displays, dpy);
  G_UNLOCK (displays_lock);

  if (ours || previous_error_handler == NULL)
    return 0;

  return previous_error_handler (dpy, event);
}

static void
register_display (Display  *dpy,
                  gboolean  add)
{
  G_LOCK (displays_lock);
  if (our_displays == NULL)
    {
      our_displays = g_hash_table_new (NULL, NULL);
      previous_error_handler = XSetErrorHandler (on_x_error);
    }
  if (add)
    g_hash_table_add (our_displays, dpy);
  else
    g_hash_table_remove (our_displays, dpy);
  G_UNLOCK (displays_lock);
}

/* Delivery to the main context ----------------------------------------------------- */

static void
complete_manual_task (WmX11Backend *self,
                      gboolean      ok)
{
  g_autoptr(GTask) task = g_queue_pop_head (&self->manual_tasks);

  if (task == NULL)
    return;
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED,
                             _("The screen could not be read"));
}

static gboolean
deliver_frames (gpointer data)
{
  WmX11Backend *self = data;
  WmCaptureFrame *frame;

  while ((frame = g_async_queue_try_pop (self->outbox)) != NULL)
    {
      gboolean manual = wm_step_get_kind (frame->step) == WM_STEP_MANUAL;

      wm_capture_backend_emit_frame (WM_CAPTURE_BACKEND (self), frame);
      if (manual)
        complete_manual_task (self, TRUE);
    }

  return G_SOURCE_REMOVE;
}

static void
send_frame (WmX11Backend   *self,
            WmCaptureFrame *frame)
{
  g_async_queue_push (self->outbox, frame);
  wm_capture_run_on_context (self->context, deliver_frames, g_object_ref (self), g_object_unref);
}

/* Frames -------------------------------------------------------------------------- */

static WmModifiers
modifiers_from_mask (guint mask)
{
  WmModifiers m = 0;

  if (mask & ShiftMask)
    m |= WM_MODIFIER_SHIFT;
  if (mask & ControlMask)
    m |= WM_MODIFIER_CONTROL;
  if (mask & Mod1Mask)
    m |= WM_MODIFIER_ALT;
  if (mask & Mod4Mask)
    m |= WM_MODIFIER_SUPER;

  return m;
}

/* A frame of the monitor at (@x, @y) for @step, as the screen was when the event of
 * @serial happened: the pixels first, before anything else costs a round trip. */
static WmCaptureFrame *
make_frame (WmX11Backend *self,
            WmStep       *step,
            int           x,
            int           y,
            gint64        pressed_at,
            gulong        serial)
{
  WmX11Rect monitor = wm_x11_monitor_at (&self->x, x, y);
  WmCaptureFrame *frame = wm_capture_frame_new (step);

  frame->pressed_at = pressed_at;
  frame->pixels = wm_x11_screen_copy (&self->x, &monitor, serial, &frame->stride);
  frame->width = monitor.width;
  frame->height = monitor.height;
  frame->framed_at = g_get_monotonic_time ();
  /* Kept in the frame until the window is known: the monitor's origin. */
  frame->window_x = monitor.x;
  frame->window_y = monitor.y;

  if (wm_step_get_x (step) >= 0)
    wm_step_set_point (step, x - monitor.x, y - monitor.y);
  wm_step_set_captured_at (step, g_get_real_time ());

  return frame;
}

/* The window it happened in, for the instruction and the AT-SPI lookup. */
static void
set_window (WmCaptureFrame    *frame,
            const WmX11Window *window)
{
  frame->pid = window->pid;
  frame->window_x = window->x - frame->window_x;
  frame->window_y = window->y - frame->window_y;
  wm_step_set_target (frame->step, NULL, NULL, window->app_name, window->title);
}

/* The text typed since the last step becomes a step of its own, before what ends it. */
static void
flush_typing (WmX11Backend *self)
{
  WmX11Thread *t = &self->x;
  WmCaptureFrame *frame = g_steal_pointer (&t->typing);

  if (frame == NULL)
    return;

  if (t->typed->len > 0)
    {
      wm_step_set_text (frame->step, t->typed->str);
      send_frame (self, frame);
    }
  else
    wm_capture_frame_free (frame);

  wm_x11_keyboard_forget (t->typed);
}

/* Where a press happened: from its RECORD twin when there is one, else from where the
 * pointer is now. */
static gboolean
locate_press (WmX11Backend *self,
              Time          time,
              int           button,
              int          *x,
              int          *y,
              guint        *mask)
{
  WmX11Press press;
  Window root_ret, child;
  int wx, wy;

  if (wm_x11_presses_find (&self->x, time, button, &press))
    {
      *x = press.x;
      *y = press.y;
      *mask = press.state;
      return TRUE;
    }

  return XQueryPointer (self->x.dpy, self->x.root, &root_ret, &child, x, y, &wx, &wy, mask);
}

static void
on_button_press (WmX11Backend *self,
                 XIRawEvent   *raw,
                 gint64        pressed_at)
{
  int button = raw->detail;
  g_autoptr(WmStep) step = NULL;
  g_autoptr(WmCaptureFrame) frame = NULL;
  WmX11Window window = { 0 };
  int x = 0, y = 0;
  guint mask = 0;

  /* Wheel (4–7) and extra buttons scroll or navigate: not steps. */
  if (button < 1 || button > 3)
    return;

  flush_typing (self);
  if (!locate_press (self, raw->time, button, &x, &y, &mask))
    return;

  step = wm_step_new (button == 3 ? WM_STEP_RIGHT_CLICK : WM_STEP_CLICK);
  wm_step_set_point (step, x, y);
  wm_step_set_button (step, button);
  wm_step_set_modifiers (step, modifiers_from_mask (mask));
  frame = make_frame (self, step, x, y, pressed_at, raw->serial);

  if (wm_x11_window_at (&self->x, x, y, &window) && !window.is_ours)
    {
      set_window (frame, &window);
      send_frame (self, g_steal_pointer (&frame));
    }
  wm_x11_window_clear (&window);
}

static void
start_typing (WmX11Backend *self,
              gint64        pressed_at,
              gulong        serial)
{
  g_autoptr(WmStep) step = wm_step_new (WM_STEP_TYPE);
  WmX11Window window = { 0 };

  /* The screen as the first key found it: the field before the text, never the text. */
  wm_x11_window_focused (&self->x, &window);
  if (!window.is_ours)
    {
      g_autoptr(WmStep) signal = wm_step_new (WM_STEP_TYPE);
      WmCaptureFrame *began = wm_capture_frame_new (signal);

      /* Told at once, before the pixels are copied, so the field is asked for while it
       * still has the focus. */
      wm_step_set_target (signal, NULL, NULL, window.app_name, window.title);
      began->typing_began = TRUE;
      began->pressed_at = pressed_at;
      began->pid = window.pid;
      send_frame (self, began);

      wm_step_set_point (step, -1, -1);
      self->x.typing = make_frame (self, step, window.x + 1, window.y + 1, pressed_at,
                                   serial);
      set_window (self->x.typing, &window);
    }
  wm_x11_window_clear (&window);
}

static void
key_step (WmX11Backend *self,
          char         *combination,
          gint64        pressed_at,
          gulong        serial)
{
  g_autoptr(WmStep) step = wm_step_new (WM_STEP_KEY);
  WmX11Window window = { 0 };

  flush_typing (self);
  wm_x11_window_focused (&self->x, &window);
  if (!window.is_ours)
    {
      WmCaptureFrame *frame;

      wm_step_set_point (step, -1, -1);
      wm_step_set_text (step, combination);
      wm_step_set_modifiers (step, self->x.modifiers);
      frame = make_frame (self, step, window.x + 1, window.y + 1, pressed_at, serial);
      set_window (frame, &window);
      send_frame (self, frame);
    }
  wm_x11_window_clear (&window);
}

static void
on_key_press (WmX11Backend *self,
              XIRawEvent   *raw,
              gint64        pressed_at)
{
  g_autofree char *text = NULL;

  switch (wm_x11_keyboard_translate (&self->x, raw->detail, &text))
    {
    case WM_X11_KEY_TEXT:
      if (self->x.typed->len == 0 && self->x.typing == NULL)
        start_typing (self, pressed_at, raw->serial);
      if (self->x.typing != NULL)
        g_string_append (self->x.typed, text);
      memset (text, 0, strlen (text));
      break;

    case WM_X11_KEY_ERASE:
      wm_x11_keyboard_erase (self->x.typed);
      break;

    case WM_X11_KEY_STEP:
      key_step (self, text, pressed_at, raw->serial);
      break;

    case WM_X11_KEY_IGNORE:
    default:
      break;
    }
}

static void
manual_step (WmX11Backend *self)
{
  g_autoptr(WmStep) step = wm_step_new (WM_STEP_MANUAL);
  WmCaptureFrame *frame;
  WmX11Window window = { 0 };
  int x = 0, y = 0;
  guint mask;

  /* The screen now: a fresh frame, before any round trip may queue a press. */
  flush_typing (self);
  wm_x11_screen_refresh (&self->x);
  wm_x11_window_at_pointer (&self->x, &window, &x, &y, &mask);
  wm_step_set_point (step, -1, -1);
  frame = make_frame (self, step, x, y, g_get_monotonic_time (), G_MAXULONG);
  set_window (frame, &window);
  send_frame (self, frame);
  wm_x11_window_clear (&window);
}

/* The capture thread ----------------------------------------------------------------- */

/* The X server stamps events with CLOCK_MONOTONIC in milliseconds (32 bits, wrapping),
 * the clock g_get_monotonic_time() reads: a local server's stamp tells when the press
 * really happened, however late we read it, which double-click detection needs. */
static gint64
press_time_to_monotonic (Time   time,
                         gint64 now)
{
  guint32 age_ms = (guint32) (now / 1000) - (guint32) time;

  if (age_ms > 10000)   /* another clock (a remote server): the best we know is now */
    return now;

  return now - (gint64) age_ms * 1000;
}

/* Whether recording was paused when something happened at @at: a click made while
 * paused may reach us after resume on a busy machine, and one made before the pause
 * after it; what counts is when it happened. */
static gboolean
was_paused_at (WmX11Backend *self,
               gint64        at)
{
  gboolean paused = FALSE;

  g_mutex_lock (&self->pauses_lock);
  for (guint i = 0; i < self->pauses->len; i++)
    {
      const Toggle *toggle = &g_array_index (self->pauses, Toggle, i);

      if (toggle->at > at)
        break;
      paused = toggle->paused;
    }
  if (self->pauses->len > 0 && g_array_index (self->pauses, Toggle, 0).at > at)
    paused = !g_array_index (self->pauses, Toggle, 0).paused;
  g_mutex_unlock (&self->pauses_lock);

  return paused;
}

static void
handle_xi_event (WmX11Backend *self,
                 XIRawEvent   *raw,
                 gint64        now)
{
  gboolean paused;

  now = press_time_to_monotonic (raw->time, now);
  paused = was_paused_at (self, now);

  switch (raw->evtype)
    {
    case XI_RawButtonPress:
      if (!paused)
        on_button_press (self, raw, now);
      break;

    case XI_RawKeyPress:
      wm_x11_keyboard_update (&self->x, raw->detail, TRUE);
      if (!paused)
        on_key_press (self, raw, now);
      break;

    case XI_RawKeyRelease:
      wm_x11_keyboard_update (&self->x, raw->detail, FALSE);
      break;

    default:
      break;
    }
}

static void
handle_event (WmX11Backend *self,
              XEvent       *event)
{
  WmX11Thread *t = &self->x;
  XGenericEventCookie *cookie = &event->xcookie;
  gint64 now = g_get_monotonic_time ();

  /* Refreshed once the queue is empty (see wm-x11-screen.c). */
  if (event->type == t->damage_event + XDamageNotify)
    t->dirty = TRUE;
  else if (event->type == ConfigureNotify && event->xconfigure.window == t->root)
    wm_x11_screen_resize (t);
  else if (event->type == MapNotify && event->xmap.override_redirect)
    wm_x11_popup_mapped (t, event->xmap.window, TRUE);
  else if (event->type == UnmapNotify)
    wm_x11_popup_mapped (t, event->xunmap.window, FALSE);
  else if (event->type == DestroyNotify)
    wm_x11_popup_mapped (t, event->xdestroywindow.window, FALSE);
  else if (cookie->type == GenericEvent && cookie->extension == t->xi_opcode &&
           XGetEventData (t->dpy, cookie))
    {
      handle_xi_event (self, cookie->data, now);
      XFreeEventData (t->dpy, cookie);
    }
}

static void
handle_next_event (WmX11Backend *self)
{
  XEvent event;

  XNextEvent (self->x.dpy, &event);
  handle_event (self, &event);
}

static void
drain_wake_pipe (WmX11Backend *self)
{
  char buf[64];

  while (read (self->wake[0], buf, sizeof buf) > 0)
    ;
}

/* One manual step at a time: each takes a frame, which needs an empty event queue. */
static gboolean
handle_requests (WmX11Backend *self)
{
  drain_wake_pipe (self);

  if (g_atomic_int_get (&self->paused))
    flush_typing (self);

  if (g_atomic_int_get (&self->manual_requests) > 0)
    {
      g_atomic_int_add (&self->manual_requests, -1);
      manual_step (self);
      return TRUE;
    }

  return FALSE;
}

static gpointer
capture_thread (gpointer data)
{
  WmX11Backend *self = data;
  struct pollfd fds[3] = {
    { ConnectionNumber (self->x.dpy), POLLIN, 0 },
    { self->wake[0], POLLIN, 0 },
    { wm_x11_presses_fd (&self->x), POLLIN, 0 },
  };

  while (!g_atomic_int_get (&self->stopping))
    {
      if (XPending (self->x.dpy))
        {
          handle_next_event (self);
          continue;
        }

      /* Every event read so far is handled: a new frame may replace the older one.
       * Events it brings in with its reply are handled before anything else. */
      if (self->x.dirty)
        {
          wm_x11_screen_refresh (&self->x);
          continue;
        }

      wm_x11_presses_read (&self->x);
      if (handle_requests (self))
        continue;
      if (poll (fds, G_N_ELEMENTS (fds), -1) < 0 && errno != EINTR)
        break;
    }

  /* Every press the server made before stop() is a step, however late we are: the round
   * trip brings them all into the queue. Typing in progress is still a step too. */
  XSync (self->x.dpy, False);
  while (XEventsQueued (self->x.dpy, QueuedAlready) > 0)
    handle_next_event (self);
  flush_typing (self);
  return NULL;
}

static void
wake_thread (WmX11Backend *self)
{
  if (self->wake[1] >= 0)
    (void) !write (self->wake[1], "w", 1);
}

/* Setup ------------------------------------------------------------------------------ */

static gboolean
select_raw_events (WmX11Thread  *t,
                   GError      **error)
{
  guchar bits[XIMaskLen (XI_LASTEVENT)] = { 0 };
  XIEventMask mask = { XIAllMasterDevices, sizeof bits, bits };
  int event, err, major = 2, minor = 2;

  /* Raw events on the root window see every press and key, XTest ones included,
   * without a grab: the clicked application gets its click as if we were not here. */
  if (!XQueryExtension (t->dpy, "XInputExtension", &t->xi_opcode, &event, &err) ||
      XIQueryVersion (t->dpy, &major, &minor) != Success || major < 2 ||
      (major == 2 && minor < 1))
    {
      g_set_error (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_UNSUPPORTED,
                   _("The X server lacks XInput 2.1, which recording needs to see clicks"));
      return FALSE;
    }

  XISetMask (bits, XI_RawButtonPress);
  XISetMask (bits, XI_RawKeyPress);
  XISetMask (bits, XI_RawKeyRelease);
  XISelectEvents (t->dpy, t->root, &mask, 1);

  return TRUE;
}

static gboolean
open_display (WmX11Backend  *self,
              GError       **error)
{
  WmX11Thread *t = &self->x;
  int event, err;

  t->dpy = XOpenDisplay (NULL);
  if (t->dpy == NULL)
    {
      g_set_error (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_NO_DISPLAY,
                   _("Cannot record: no X11 display (DISPLAY is “%s”)"),
                   g_getenv ("DISPLAY") ? g_getenv ("DISPLAY") : "");
      return FALSE;
    }
  register_display (t->dpy, TRUE);
  t->root = DefaultRootWindow (t->dpy);
  t->net_wm_pid = XInternAtom (t->dpy, "_NET_WM_PID", False);
  t->net_wm_name = XInternAtom (t->dpy, "_NET_WM_NAME", False);
  t->utf8_string = XInternAtom (t->dpy, "UTF8_STRING", False);
  t->wm_state = XInternAtom (t->dpy, "WM_STATE", False);

  if (!XRRQueryExtension (t->dpy, &event, &err))
    {
      g_set_error (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_UNSUPPORTED,
                   _("The X server lacks the RANDR extension that recording needs"));
      return FALSE;
    }

  if (!select_raw_events (t, error) || !wm_x11_screen_init (t, error))
    return FALSE;

  if (wm_x11_presses_init (t))
    register_display (t->record_dpy, TRUE);
  else
    g_debug ("No RECORD extension: click positions are read when each click is handled");

  return TRUE;
}

static void
close_display (WmX11Backend *self)
{
  WmX11Thread *t = &self->x;

  if (t->dpy == NULL)
    return;

  wm_x11_screen_clear (t);
  if (t->record_dpy != NULL)
    register_display (t->record_dpy, FALSE);
  wm_x11_presses_clear (t);
  register_display (t->dpy, FALSE);
  g_clear_pointer (&t->dpy, XCloseDisplay);
}

static gboolean
wm_x11_backend_start (WmCaptureBackend  *backend,
                      GError           **error)
{
  WmX11Backend *self = WM_X11_BACKEND (backend);
  g_autoptr(GError) local_error = NULL;

  if (!open_display (self, error))
    {
      close_display (self);
      return FALSE;
    }
  if (!g_unix_open_pipe (self->wake, FD_CLOEXEC, &local_error) ||
      !g_unix_set_fd_nonblocking (self->wake[0], TRUE, &local_error))
    {
      close_display (self);
      g_set_error (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED,
                   _("Cannot start recording: %s"), local_error->message);
      return FALSE;
    }

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  g_atomic_int_set (&self->stopping, FALSE);
  self->x.typed = g_string_sized_new (1024);
  self->thread = g_thread_new ("wm-x11-capture", capture_thread, self);

  return TRUE;
}

static void
wm_x11_backend_stop (WmCaptureBackend *backend)
{
  WmX11Backend *self = WM_X11_BACKEND (backend);

  if (self->thread == NULL)
    return;

  g_atomic_int_set (&self->stopping, TRUE);
  wake_thread (self);
  g_clear_pointer (&self->thread, g_thread_join);

  /* What the thread made before it stopped is handed on now, not after we return. */
  deliver_frames (self);
  while (self->manual_tasks.length > 0)
    complete_manual_task (self, FALSE);

  close_display (self);
  for (guint i = 0; i < 2; i++)
    if (self->wake[i] >= 0)
      close (g_steal_fd (&self->wake[i]));
  wm_x11_keyboard_forget (self->x.typed);
  g_string_free (g_steal_pointer (&self->x.typed), TRUE);
}

static void
wm_x11_backend_set_paused (WmCaptureBackend *backend,
                           gboolean          paused)
{
  WmX11Backend *self = WM_X11_BACKEND (backend);

  Toggle toggle = { g_get_monotonic_time (), paused };

  g_mutex_lock (&self->pauses_lock);
  g_array_append_val (self->pauses, toggle);
  while (self->pauses->len > 1 &&
         toggle.at - g_array_index (self->pauses, Toggle, 1).at > PAUSES_KEPT_USEC)
    g_array_remove_index (self->pauses, 0);
  g_mutex_unlock (&self->pauses_lock);

  g_atomic_int_set (&self->paused, paused);
  wake_thread (self);
}

static void
wm_x11_backend_capture_step_async (WmCaptureBackend    *backend,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  WmX11Backend *self = WM_X11_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, wm_x11_backend_capture_step_async);
  if (self->thread == NULL)
    {
      g_task_return_new_error (task, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED,
                               _("Start recording before capturing a step"));
      return;
    }

  g_queue_push_tail (&self->manual_tasks, g_steal_pointer (&task));
  g_atomic_int_inc (&self->manual_requests);
  wake_thread (self);
}

static WmCaptureCapabilities
wm_x11_backend_get_capabilities (WmCaptureBackend *backend)
{
  return WM_CAPTURE_CAN_OBSERVE_CLICKS | WM_CAPTURE_CAN_OBSERVE_KEYS |
         WM_CAPTURE_KNOWS_POINTER | WM_CAPTURE_CAN_DESCRIBE;
}

static void
wm_x11_backend_dispose (GObject *object)
{
  wm_x11_backend_stop (WM_CAPTURE_BACKEND (object));

  G_OBJECT_CLASS (wm_x11_backend_parent_class)->dispose (object);
}

static void
wm_x11_backend_finalize (GObject *object)
{
  WmX11Backend *self = WM_X11_BACKEND (object);

  g_clear_pointer (&self->outbox, g_async_queue_unref);
  g_clear_pointer (&self->pauses, g_array_unref);
  g_mutex_clear (&self->pauses_lock);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (wm_x11_backend_parent_class)->finalize (object);
}

static void
wm_x11_backend_class_init (WmX11BackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WmCaptureBackendClass *backend_class = WM_CAPTURE_BACKEND_CLASS (klass);

  object_class->dispose = wm_x11_backend_dispose;
  object_class->finalize = wm_x11_backend_finalize;

  backend_class->start = wm_x11_backend_start;
  backend_class->stop = wm_x11_backend_stop;
  backend_class->set_paused = wm_x11_backend_set_paused;
  backend_class->capture_step_async = wm_x11_backend_capture_step_async;
  backend_class->get_capabilities = wm_x11_backend_get_capabilities;
}

static void
wm_x11_backend_init (WmX11Backend *self)
{
  self->wake[0] = self->wake[1] = -1;
  self->outbox = g_async_queue_new_full ((GDestroyNotify) wm_capture_frame_free);
  g_queue_init (&self->manual_tasks);
  g_mutex_init (&self->pauses_lock);
  self->pauses = g_array_new (FALSE, FALSE, sizeof (Toggle));
}

WmCaptureBackend *
wm_x11_backend_new (GError **error)
{
  const char *display = g_getenv ("DISPLAY");

  if (display == NULL || *display == '\0')
    {
      g_set_error (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_NO_DISPLAY,
                   _("Cannot record: no X11 display (DISPLAY is not set)"));
      return NULL;
    }

  return g_object_new (WM_TYPE_X11_BACKEND, "name", "x11", NULL);
}
