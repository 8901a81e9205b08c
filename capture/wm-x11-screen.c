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
 * XGetImage costs about 50 ms) when something moved. At the press we only copy the
 * monitor out of memory we already have.
 *
 * Which copy is "before the press" is decided by the X server's own order, not by
 * clocks. Every event carries the serial of the last request of ours the server had
 * handled when it made the event; so an event whose serial is below a GetImage's was
 * made before that image was taken, and the image may already show what the press
 * did (on a loaded machine we read events late, and a refresh for damage from before
 * the press can run after the application redrew). Such a press gets the frame before.
 * One older frame is always enough because we refresh only with Xlib's event queue
 * empty: every event made before a refresh is read with its reply, so it is handled
 * before the next refresh can overwrite the older frame. */

/* XDestroyImage is a macro: g_clear_pointer needs a function. */
static void
free_image (XImage *image)
{
  XDestroyImage (image);
}

static gboolean
create_shm_image (WmX11Thread *t,
                  WmX11Frame  *frame)
{
  XWindowAttributes attrs;

  XGetWindowAttributes (t->dpy, t->root, &attrs);
  frame->image = XShmCreateImage (t->dpy, attrs.visual, attrs.depth, ZPixmap, NULL,
                                  &frame->shm, attrs.width, attrs.height);
  if (frame->image == NULL)
    return FALSE;

  frame->shm.shmid = shmget (IPC_PRIVATE,
                             (size_t) frame->image->bytes_per_line * frame->image->height,
                             IPC_CREAT | 0600);
  if (frame->shm.shmid < 0)
    {
      g_clear_pointer (&frame->image, free_image);
      return FALSE;
    }

  frame->shm.shmaddr = frame->image->data = shmat (frame->shm.shmid, NULL, 0);
  frame->shm.readOnly = False;
  XShmAttach (t->dpy, &frame->shm);
  XSync (t->dpy, False);
  /* Marked for removal now: the segment goes away with us even after a crash. */
  shmctl (frame->shm.shmid, IPC_RMID, NULL);

  return frame->shm.shmaddr != (char *) -1;
}

static void
destroy_shm_image (WmX11Thread *t,
                   WmX11Frame  *frame)
{
  if (frame->image == NULL)
    return;

  XShmDetach (t->dpy, &frame->shm);
  shmdt (frame->shm.shmaddr);
  frame->image->data = NULL;
  g_clear_pointer (&frame->image, free_image);
  frame->valid = FALSE;
}

static gboolean
create_frames (WmX11Thread *t)
{
  for (guint i = 0; i < G_N_ELEMENTS (t->frames); i++)
    if (!create_shm_image (t, &t->frames[i]))
      return FALSE;

  return TRUE;
}

static void
destroy_frames (WmX11Thread *t)
{
  for (guint i = 0; i < G_N_ELEMENTS (t->frames); i++)
    destroy_shm_image (t, &t->frames[i]);
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

  t->have_shm = XShmQueryExtension (t->dpy) && create_frames (t);
  if (!t->have_shm)
    destroy_frames (t);
  t->damage = XDamageCreate (t->dpy, t->root, XDamageReportNonEmpty);
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
  g_clear_pointer (&t->popups, g_hash_table_unref);
}

/* Takes the damage first, then the pixels, so a change during the read is reported
 * again instead of lost. The new frame replaces the older one. */
void
wm_x11_screen_refresh (WmX11Thread *t)
{
  WmX11Frame *frame = &t->frames[!t->newest];

  XDamageSubtract (t->dpy, t->damage, None, None);
  t->dirty = FALSE;
  if (!t->have_shm)
    return;

  frame->serial = NextRequest (t->dpy);
  frame->valid = XShmGetImage (t->dpy, t->root, frame->image, 0, 0, AllPlanes);
  if (frame->valid)
    t->newest = !t->newest;
}

void
wm_x11_screen_resize (WmX11Thread *t)
{
  if (!t->have_shm)
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
static XImage *
frame_before (WmX11Thread *t,
              gulong       serial)
{
  WmX11Frame *newest = &t->frames[t->newest];
  WmX11Frame *older = &t->frames[!t->newest];

  if (!newest->valid)
    return NULL;
  if (newest->serial > serial && older->valid)
    {
      g_debug ("Event %lu came before frame %lu: using frame %lu", serial, newest->serial,
               older->serial);
      return older->image;
    }

  return newest->image;
}

/* The monitor under the point (XRandR 1.5 monitors), or the whole screen. */
WmX11Rect
wm_x11_monitor_at (WmX11Thread *t,
                   int          x,
                   int          y)
{
  XWindowAttributes attrs;
  WmX11Rect rect;
  XRRMonitorInfo *monitors;
  int n = 0;

  XGetWindowAttributes (t->dpy, t->root, &attrs);
  rect = (WmX11Rect) { 0, 0, attrs.width, attrs.height };

  monitors = XRRGetMonitors (t->dpy, t->root, True, &n);
  for (int i = 0; i < n; i++)
    {
      XRRMonitorInfo *m = &monitors[i];

      if (x >= m->x && y >= m->y && x < m->x + m->width && y < m->y + m->height)
        {
          rect = (WmX11Rect) { m->x, m->y, m->width, m->height };
          break;
        }
    }
  if (monitors != NULL)
    XRRFreeMonitors (monitors);

  /* Clamp to the screen: a monitor list may lag behind a resize. */
  rect.width = MIN (rect.width, attrs.width - rect.x);
  rect.height = MIN (rect.height, attrs.height - rect.y);

  return rect;
}

/* The pixels of @area, as cairo ARGB32 rows. From the frame before the event when we
 * keep frames; otherwise (no MIT-SHM, e.g. a remote display) read now, which is slower
 * and may already show the application's answer to the press. */
GBytes *
wm_x11_screen_copy (WmX11Thread     *t,
                    const WmX11Rect *area,
                    gulong           serial,
                    guint           *stride)
{
  XImage *src = t->have_shm ? frame_before (t, serial) : NULL;
  XImage *fetched = NULL;
  int sx = area->x, sy = area->y;
  guint8 *dest;

  if (area->width <= 0 || area->height <= 0)
    return NULL;

  /* The screen grew and the frames do not know yet. */
  if (src != NULL && (area->x + area->width > src->width || area->y + area->height > src->height))
    src = NULL;

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
