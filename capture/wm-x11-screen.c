/* wm-x11-screen.c — the X11 backend's current frame, monitors and windows
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-capture"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>
#include <X11/Xatom.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xrandr.h>

#include "wm-x11-backend-private.h"

/* Why XShm + XDamage: the screenshot must show the screen as it was at the press, but
 * the press reaches us at the same time as the application, which may already be
 * redrawing. So we never grab at the press: we keep a copy of the whole root window
 * in a shared-memory XImage and refresh it when XDamage reports a change, which on an
 * idle desktop is never and costs one XShmGetImage (about 2 ms for 1080p; a plain
 * XGetImage costs about 50 ms) when something moved. At the press the frame is already
 * in memory.
 *
 * Which copy is "before the press" is decided by the X server's own order, not by
 * clocks. Every event carries the serial of the last request of ours the server had
 * handled when it made the event; so an event whose serial is below a GetImage's was
 * made before that image was taken, and the image may already show what the press
 * did (on a loaded machine we read events late, and a refresh for damage from before
 * the press can run after the application redrew). Such a press gets the frame before.
 * One older frame is always enough because we refresh only with Xlib's event queue
 * empty: every event made before a refresh is read with its reply, so it is handled
 * before the next refresh can overwrite the older frame.
 *
 * Why frames are lent, not copied: copying a 1080p monitor out of the frame (8 MB into
 * fresh memory: a page fault every 4 KB) took 1 ms at the median but 30 ms and more at
 * the 99th percentile on a loaded machine, which was most of the press → frame tail.
 * A step's pixels are instead a reference into the frame itself (the monitor's rows,
 * with the root window's stride), and the pool keeps frames until the last step that
 * holds one is encoded: a refresh only ever writes into a frame nobody holds. The pool
 * grows up to FRAMES_BUDGET bytes; past it (the encoder far behind), steps get a copy. */

/* At most this much shared memory for frames: 16 frames of a 1080p screen, 4 of 4K. */
#define FRAMES_BUDGET ((gsize) 128 * 1024 * 1024)
/* The newest, the older and one to refresh into while a step holds one of them. */
#define FRAMES_MIN 3

/* XDestroyImage is a macro: g_clear_pointer needs a function. */
static void
free_image (XImage *image)
{
  XDestroyImage (image);
}

static WmX11Frame *
frame_ref (WmX11Frame *frame)
{
  g_atomic_int_inc (&frame->refs);

  return frame;
}

/* Any thread: the last step's pixels may be released by the encoder. */
static void
frame_unref (gpointer data)
{
  WmX11Frame *frame = data;

  if (!g_atomic_int_dec_and_test (&frame->refs))
    return;

  if (frame->shm.shmaddr != (char *) -1 && frame->shm.shmaddr != NULL)
    shmdt (frame->shm.shmaddr);
  g_free (frame);
}

static gboolean
frame_is_lent (WmX11Frame *frame)
{
  return g_atomic_int_get (&frame->refs) > 1;
}

/* Out of the pool: the server forgets the segment now, the memory goes with the last
 * step that still holds it. */
static void
frame_retire (WmX11Thread *t,
              WmX11Frame  *frame)
{
  XShmDetach (t->dpy, &frame->shm);
  frame->image->data = NULL;
  g_clear_pointer (&frame->image, free_image);
  frame->valid = FALSE;
  frame_unref (frame);
}

static WmX11Frame *
frame_new (WmX11Thread *t)
{
  g_autofree WmX11Frame *frame = g_new0 (WmX11Frame, 1);
  XWindowAttributes attrs;

  frame->refs = 1;
  frame->shm.shmaddr = (char *) -1;
  XGetWindowAttributes (t->dpy, t->root, &attrs);
  frame->image = XShmCreateImage (t->dpy, attrs.visual, attrs.depth, ZPixmap, NULL,
                                  &frame->shm, attrs.width, attrs.height);
  if (frame->image == NULL)
    return NULL;

  frame->size = (gsize) frame->image->bytes_per_line * frame->image->height;
  frame->shm.shmid = shmget (IPC_PRIVATE, frame->size, IPC_CREAT | 0600);
  if (frame->shm.shmid < 0)
    {
      g_clear_pointer (&frame->image, free_image);
      return NULL;
    }

  frame->shm.shmaddr = frame->image->data = shmat (frame->shm.shmid, NULL, 0);
  frame->shm.readOnly = False;
  if (frame->shm.shmaddr == (char *) -1)
    {
      shmctl (frame->shm.shmid, IPC_RMID, NULL);
      frame->image->data = NULL;
      g_clear_pointer (&frame->image, free_image);
      return NULL;
    }
  XShmAttach (t->dpy, &frame->shm);
  XSync (t->dpy, False);
  /* Marked for removal once the server holds it too: the segment goes away with us even
   * after a crash. */
  shmctl (frame->shm.shmid, IPC_RMID, NULL);

  return g_steal_pointer (&frame);
}

static gsize
pool_size (WmX11Thread *t)
{
  gsize size = 0;

  for (guint i = 0; i < t->frames->len; i++)
    size += ((WmX11Frame *) g_ptr_array_index (t->frames, i))->size;

  return size;
}

/* A new frame for the pool, within the budget (the first FRAMES_MIN always). */
static WmX11Frame *
pool_grow (WmX11Thread *t)
{
  WmX11Frame *frame;

  if (t->frames->len >= FRAMES_MIN &&
      pool_size (t) + ((WmX11Frame *) g_ptr_array_index (t->frames, 0))->size > FRAMES_BUDGET)
    return NULL;

  frame = frame_new (t);
  if (frame != NULL)
    g_ptr_array_add (t->frames, frame);

  return frame;
}

static gboolean
create_frames (WmX11Thread *t)
{
  t->frames = g_ptr_array_new ();
  for (guint i = 0; i < FRAMES_MIN; i++)
    if (pool_grow (t) == NULL)
      return FALSE;

  return TRUE;
}

static void
destroy_frames (WmX11Thread *t)
{
  if (t->frames == NULL)
    return;

  for (guint i = 0; i < t->frames->len; i++)
    frame_retire (t, g_ptr_array_index (t->frames, i));
  g_clear_pointer (&t->frames, g_ptr_array_unref);
  t->newest = t->older = NULL;
}

/* A frame a refresh may write into: neither the newest (it becomes the older one) nor
 * one a step holds. */
static WmX11Frame *
pool_take_free (WmX11Thread *t,
                WmX11Frame  *besides)
{
  for (guint i = 0; i < t->frames->len; i++)
    {
      WmX11Frame *frame = g_ptr_array_index (t->frames, i);

      if (frame != t->newest && frame != besides && !frame_is_lent (frame))
        return frame;
    }

  return NULL;
}

/* Whether a step may hold @frame and still leave the next refresh a frame to write. */
static gboolean
can_lend (WmX11Thread *t,
          WmX11Frame  *frame)
{
  if (frame_is_lent (frame) || pool_take_free (t, frame) != NULL)
    return TRUE;

  return pool_size (t) + frame->size <= FRAMES_BUDGET;
}

/* Pixels copy straight into cairo's ARGB32/RGB24 layout only from a 32-bit TrueColor
 * screen (every desktop today); anything else would need converting per pixel. */
static gboolean
check_format (WmX11Thread  *t,
              GError      **error)
{
  XWindowAttributes attrs;

  XGetWindowAttributes (t->dpy, t->root, &attrs);
  if (attrs.depth >= 24 && attrs.visual->red_mask == 0xff0000 &&
      attrs.visual->green_mask == 0xff00 && attrs.visual->blue_mask == 0xff)
    return TRUE;

  g_set_error (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_UNSUPPORTED,
               _("The X11 screen uses %d-bit colour; Waymark records 24- and 32-bit screens"),
               attrs.depth);
  return FALSE;
}

static void find_popups (WmX11Thread *t);

static void
read_size (WmX11Thread *t)
{
  XWindowAttributes attrs;

  XGetWindowAttributes (t->dpy, t->root, &attrs);
  t->width = attrs.width;
  t->height = attrs.height;
}

static void
read_monitors (WmX11Thread *t)
{
  XRRMonitorInfo *monitors;
  int n = 0;

  g_clear_pointer (&t->monitors, g_array_unref);
  t->monitors = g_array_new (FALSE, FALSE, sizeof (WmX11Rect));
  monitors = XRRGetMonitors (t->dpy, t->root, True, &n);
  for (int i = 0; i < n; i++)
    {
      WmX11Rect rect = { monitors[i].x, monitors[i].y, monitors[i].width, monitors[i].height };

      g_array_append_val (t->monitors, rect);
    }
  if (monitors != NULL)
    XRRFreeMonitors (monitors);
}

gboolean
wm_x11_screen_init (WmX11Thread  *t,
                    GError      **error)
{
  int error_base;

  if (!check_format (t, error))
    return FALSE;

  if (!XDamageQueryExtension (t->dpy, &t->damage_event, &error_base))
    {
      g_set_error (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_UNSUPPORTED,
                   _("The X server lacks the DAMAGE extension that recording needs"));
      return FALSE;
    }

  read_size (t);
  read_monitors (t);
  t->have_shm = XShmQueryExtension (t->dpy) && create_frames (t);
  if (!t->have_shm)
    destroy_frames (t);
  t->damage = XDamageCreate (t->dpy, t->root, XDamageReportNonEmpty);
  /* StructureNotify on the root also brings RandR's ConfigureNotify for a change of
   * monitors (RRSetMonitor, a new mode): the cached list is read again then. */
  XSelectInput (t->dpy, t->root, StructureNotifyMask | SubstructureNotifyMask);
  find_popups (t);
  wm_x11_screen_refresh (t);

  return TRUE;
}

void
wm_x11_screen_clear (WmX11Thread *t)
{
  if (t->damage != None)
    XDamageDestroy (t->dpy, t->damage);
  t->damage = None;
  destroy_frames (t);
  g_clear_pointer (&t->monitors, g_array_unref);
  g_clear_pointer (&t->popups, g_hash_table_unref);
}

/* Takes the damage first, then the pixels, so a change during the read is reported
 * again instead of lost. The new frame becomes the newest, the newest the older. */
void
wm_x11_screen_refresh (WmX11Thread *t)
{
  WmX11Frame *frame;

  XDamageSubtract (t->dpy, t->damage, None, None);
  t->dirty = FALSE;
  if (!t->have_shm)
    return;

  frame = pool_take_free (t, NULL);
  if (frame == NULL)
    frame = pool_grow (t);
  if (frame == NULL)
    {
      /* Only when shared memory runs out: presses read the screen as it is. */
      g_debug ("No free frame to refresh into");
      if (t->newest != NULL)
        t->newest->valid = FALSE;
      return;
    }

  frame->serial = NextRequest (t->dpy);
  frame->valid = XShmGetImage (t->dpy, t->root, frame->image, 0, 0, AllPlanes);
  if (frame->valid)
    {
      t->older = t->newest;
      t->newest = frame;
    }
}

/* The root window changed: its size, or only its monitors (RandR tells both so). */
void
wm_x11_screen_resize (WmX11Thread *t)
{
  int width = t->width, height = t->height;

  read_size (t);
  read_monitors (t);
  if (!t->have_shm || (t->width == width && t->height == height))
    return;

  /* Until the next refresh, presses find no frame and read the screen as it is. */
  destroy_frames (t);
  t->have_shm = create_frames (t);
  if (!t->have_shm)
    destroy_frames (t);
  t->dirty = TRUE;
}

/* The newest frame taken before the event of @serial: images are requests of ours, so
 * an image whose serial is above the event's was taken after the server made it. */
static WmX11Frame *
frame_before (WmX11Thread *t,
              gulong       serial)
{
  WmX11Frame *newest = t->newest;
  WmX11Frame *older = t->older;

  if (newest == NULL || !newest->valid)
    return NULL;
  if (newest->serial > serial && older != NULL && older->valid)
    {
      g_debug ("Event %lu came before frame %lu: using frame %lu", serial, newest->serial,
               older->serial);
      return older;
    }

  return newest;
}

/* The monitor under the point (XRandR 1.5 monitors), or the whole screen. Both are
 * cached until the root window changes: no round trip between a press and its frame. */
WmX11Rect
wm_x11_monitor_at (WmX11Thread *t,
                   int          x,
                   int          y)
{
  WmX11Rect rect = { 0, 0, t->width, t->height };

  if (t->monitors == NULL)
    read_monitors (t);

  for (guint i = 0; i < t->monitors->len; i++)
    {
      const WmX11Rect *m = &g_array_index (t->monitors, WmX11Rect, i);

      if (x >= m->x && y >= m->y && x < m->x + m->width && y < m->y + m->height)
        {
          rect = *m;
          break;
        }
    }

  /* Clamp to the screen: a monitor list may lag behind a resize. */
  rect.width = MIN (rect.width, t->width - rect.x);
  rect.height = MIN (rect.height, t->height - rect.y);

  return rect;
}

/* The pixels of @area as cairo ARGB32 rows, @stride apart. Lent from the frame before the
 * event when we keep frames, copied from it when the pool is spent; otherwise (no
 * MIT-SHM, e.g. a remote display) read now, which is slower and may already show the
 * application's answer to the press. */
GBytes *
wm_x11_screen_copy (WmX11Thread     *t,
                    const WmX11Rect *area,
                    gulong           serial,
                    guint           *stride)
{
  WmX11Frame *frame = t->have_shm ? frame_before (t, serial) : NULL;
  XImage *src = frame ? frame->image : NULL;
  XImage *fetched = NULL;
  int sx = area->x, sy = area->y;
  guint8 *dest;

  if (area->width <= 0 || area->height <= 0)
    return NULL;

  /* The screen grew and the frames do not know yet. */
  if (src != NULL && (area->x + area->width > src->width || area->y + area->height > src->height))
    src = NULL;

  if (src != NULL && can_lend (t, frame))
    {
      gsize offset = (gsize) sy * src->bytes_per_line + (gsize) sx * 4;

      *stride = src->bytes_per_line;
      return g_bytes_new_with_free_func (src->data + offset,
                                         (gsize) (area->height - 1) * *stride + area->width * 4,
                                         frame_unref, frame_ref (frame));
    }

  if (src == NULL)
    {
      src = fetched = XGetImage (t->dpy, t->root, area->x, area->y, area->width,
                                 area->height, AllPlanes, ZPixmap);
      sx = sy = 0;
      if (src == NULL)
        return NULL;
    }

  *stride = area->width * 4;
  dest = g_malloc ((gsize) *stride * area->height);
  for (int row = 0; row < area->height; row++)
    memcpy (dest + (gsize) row * *stride,
            src->data + (gsize) (sy + row) * src->bytes_per_line + (gsize) sx * 4, *stride);

  g_clear_pointer (&fetched, free_image);

  return g_bytes_new_take (dest, (gsize) *stride * area->height);
}

void
wm_x11_window_clear (WmX11Window *window)
{
  g_clear_pointer (&window->title, g_free);
  g_clear_pointer (&window->app_name, g_free);
  memset (window, 0, sizeof *window);
}

static gboolean
get_cardinal (WmX11Thread *t,
              Window       window,
              Atom         property,
              gulong      *value)
{
  Atom type;
  int format;
  gulong n, after;
  guchar *data = NULL;
  gboolean ok;

  ok = XGetWindowProperty (t->dpy, window, property, 0, 1, False, XA_CARDINAL, &type,
                           &format, &n, &after, &data) == Success &&
       data != NULL && n == 1 && format == 32;
  if (ok)
    *value = *(gulong *) data;
  g_clear_pointer (&data, XFree);

  return ok;
}

static gboolean
has_property (WmX11Thread *t,
              Window       window,
              Atom         property)
{
  Atom type = None;
  int format;
  gulong n, after;
  guchar *data = NULL;

  XGetWindowProperty (t->dpy, window, property, 0, 0, False, AnyPropertyType, &type, &format,
                      &n, &after, &data);
  g_clear_pointer (&data, XFree);

  return type != None;
}

static char *
get_title (WmX11Thread *t,
           Window       window)
{
  Atom type;
  int format;
  gulong n, after;
  guchar *data = NULL;
  char *title = NULL;

  if (XGetWindowProperty (t->dpy, window, t->net_wm_name, 0, 1024, False, t->utf8_string,
                          &type, &format, &n, &after, &data) == Success && data != NULL &&
      format == 8 && g_utf8_validate ((const char *) data, n, NULL))
    title = g_strndup ((const char *) data, n);
  g_clear_pointer (&data, XFree);

  if (title == NULL && XFetchName (t->dpy, window, (char **) &data) && data != NULL)
    title = g_convert ((const char *) data, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  g_clear_pointer (&data, XFree);

  return title;
}

/* The client window inside a top-level: with a window manager the top-level is its
 * frame and the client is the child with WM_STATE; without one they are the same. */
static Window
find_client (WmX11Thread *t,
             Window       toplevel,
             int          depth)
{
  Window root_ret, parent, *children = NULL;
  guint n = 0;
  Window found = None;

  if (has_property (t, toplevel, t->wm_state) || has_property (t, toplevel, t->net_wm_pid))
    return toplevel;
  if (depth > 2 || !XQueryTree (t->dpy, toplevel, &root_ret, &parent, &children, &n))
    return None;

  for (guint i = n; i > 0 && found == None; i--)
    found = find_client (t, children[i - 1], depth + 1);
  g_clear_pointer (&children, XFree);

  return found;
}

/* Waymark's windows: our own process, or the app (its WM_CLASS) when it runs us. */
static gboolean
is_waymark (const WmX11Window *w,
            const XClassHint  *hint)
{
  static const char *names[] = { "waymark", "Waymark", APP_ID };

  if (w->pid == getpid ())
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if ((hint->res_name && g_str_equal (hint->res_name, names[i])) ||
        (hint->res_class && g_str_equal (hint->res_class, names[i])))
      return TRUE;

  return FALSE;
}

static gboolean
describe_window (WmX11Thread *t,
                 Window       toplevel,
                 WmX11Window *out)
{
  Window client = find_client (t, toplevel, 0);
  XClassHint hint = { NULL, NULL };
  Window child;
  gulong pid = 0;

  if (client == None)
    client = toplevel;

  out->window = client;
  out->title = get_title (t, client);
  if (get_cardinal (t, client, t->net_wm_pid, &pid))
    out->pid = (GPid) pid;
  if (XGetClassHint (t->dpy, client, &hint))
    out->app_name = g_strdup (hint.res_class);
  XTranslateCoordinates (t->dpy, client, t->root, 0, 0, &out->x, &out->y, &child);
  out->is_ours = is_waymark (out, &hint);
  g_clear_pointer (&hint.res_name, XFree);
  g_clear_pointer (&hint.res_class, XFree);

  return TRUE;
}

gboolean
wm_x11_window_at_pointer (WmX11Thread *t,
                          WmX11Window *window,
                          int         *root_x,
                          int         *root_y,
                          guint       *mask)
{
  Window root_ret, child = None;
  int win_x, win_y;

  if (!XQueryPointer (t->dpy, t->root, &root_ret, &child, root_x, root_y, &win_x, &win_y,
                      mask))
    return FALSE;
  if (child == None)
    return TRUE;   /* on the desktop itself */

  return describe_window (t, child, window);
}

void
wm_x11_popup_mapped (WmX11Thread *t,
                     Window       window,
                     gboolean     mapped)
{
  if (mapped)
    g_hash_table_add (t->popups, GSIZE_TO_POINTER (window));
  else
    g_hash_table_remove (t->popups, GSIZE_TO_POINTER (window));
}

/* Menus and popovers already open when we started. */
static void
find_popups (WmX11Thread *t)
{
  Window root_ret, parent, *children = NULL;
  guint n = 0;

  t->popups = g_hash_table_new (NULL, NULL);
  if (!XQueryTree (t->dpy, t->root, &root_ret, &parent, &children, &n))
    return;

  for (guint i = 0; i < n; i++)
    {
      XWindowAttributes attrs;

      if (XGetWindowAttributes (t->dpy, children[i], &attrs) && attrs.override_redirect &&
          attrs.map_state == IsViewable)
        wm_x11_popup_mapped (t, children[i], TRUE);
    }
  g_clear_pointer (&children, XFree);
}

/* Whether @w was on screen when the press happened: a menu that the press itself opened
 * (a context menu opens on the press) is mapped by now, but its MapNotify is still
 * behind the press in our queue, so it is not among the popups we know. */
static gboolean
was_there (WmX11Thread *t,
           Window       w,
           int          x,
           int          y)
{
  XWindowAttributes attrs;

  if (!XGetWindowAttributes (t->dpy, w, &attrs) || attrs.map_state != IsViewable)
    return FALSE;
  if (attrs.override_redirect && !g_hash_table_contains (t->popups, GSIZE_TO_POINTER (w)))
    return FALSE;

  return x >= attrs.x && y >= attrs.y && x < attrs.x + attrs.width + 2 * attrs.border_width &&
         y < attrs.y + attrs.height + 2 * attrs.border_width;
}

/* The top-level that was at a point of the root window at the press. */
gboolean
wm_x11_window_at (WmX11Thread *t,
                  int          x,
                  int          y,
                  WmX11Window *window)
{
  Window root_ret, parent, *children = NULL, found = None;
  guint n = 0;
  gboolean ok;

  if (!XQueryTree (t->dpy, t->root, &root_ret, &parent, &children, &n))
    return FALSE;

  /* Top of the stack first. */
  for (guint i = n; i > 0 && found == None; i--)
    if (was_there (t, children[i - 1], x, y))
      found = children[i - 1];
  g_clear_pointer (&children, XFree);

  ok = found == None || describe_window (t, found, window);
  return ok;
}

/* The top-level that has the keyboard focus. */
gboolean
wm_x11_window_focused (WmX11Thread *t,
                       WmX11Window *window)
{
  Window focus = None, root_ret, parent, *children = NULL;
  guint n;
  int revert;

  XGetInputFocus (t->dpy, &focus, &revert);
  while (focus != None && focus != PointerRoot && focus != t->root)
    {
      if (!XQueryTree (t->dpy, focus, &root_ret, &parent, &children, &n))
        return FALSE;
      g_clear_pointer (&children, XFree);
      if (parent == t->root)
        return describe_window (t, focus, window);
      focus = parent;
    }

  return FALSE;
}
