/* wm-x11-presses.c — where and when each press happened, from the RECORD extension
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-capture"

#include "config.h"

#include <poll.h>
#include <X11/Xproto.h>

#include "wm-x11-backend-private.h"

/* XInput2 raw events tell us that a button went down, but not where: they carry device
 * values, not a position on the screen. Asking the server where the pointer is once we
 * read the event (XQueryPointer) answers where it is *now*; on a busy machine that can
 * be hundreds of milliseconds later, after the pointer moved to the next target, and two
 * clicks would then share one position (and merge into a double-click). RECORD sees the
 * core ButtonPress each press also makes, with its root position, modifier state and
 * server time, without grabbing anything. We keep those few fields in order and pair each
 * raw press with the record of the same time and button. Without RECORD we fall back to
 * XQueryPointer. */

#define MAX_PRESSES 64
/* How long a raw press waits for its record, which the server sends at the same moment
 * on our second connection. */
#define PAIR_TIMEOUT_MS 50

static void
on_recorded (XPointer              closure,
             XRecordInterceptData *data)
{
  WmX11Thread *t = (WmX11Thread *) closure;
  const xEvent *event = (const xEvent *) data->data;

  if (data->category == XRecordFromServer && data->data_len * 4 >= sizeof (xEvent) &&
      (event->u.u.type & 0x7f) == ButtonPress)
    {
      WmX11Press *press = g_new0 (WmX11Press, 1);

      press->time = event->u.keyButtonPointer.time;
      press->button = event->u.u.detail;
      press->x = event->u.keyButtonPointer.rootX;
      press->y = event->u.keyButtonPointer.rootY;
      press->state = event->u.keyButtonPointer.state;
      g_queue_push_tail (&t->presses, press);
      while (t->presses.length > MAX_PRESSES)
        g_free (g_queue_pop_head (&t->presses));
    }

  XRecordFreeData (data);
}

gboolean
wm_x11_presses_init (WmX11Thread *t)
{
  XRecordClientSpec clients = XRecordAllClients;
  XRecordRange *range;
  int major, minor;

  g_queue_init (&t->presses);
  if (!XRecordQueryVersion (t->dpy, &major, &minor))
    return FALSE;

  t->record_dpy = XOpenDisplay (DisplayString (t->dpy));
  range = XRecordAllocRange ();
  if (t->record_dpy == NULL || range == NULL)
    {
      g_clear_pointer (&range, XFree);
      g_clear_pointer (&t->record_dpy, XCloseDisplay);
      return FALSE;
    }

  range->device_events.first = ButtonPress;
  range->device_events.last = ButtonPress;
  t->record_context = XRecordCreateContext (t->dpy, 0, &clients, 1, &range, 1);
  XFree (range);
  XSync (t->dpy, False);

  if (t->record_context == 0 ||
      !XRecordEnableContextAsync (t->record_dpy, t->record_context, on_recorded, (XPointer) t))
    {
      wm_x11_presses_clear (t);
      return FALSE;
    }

  return TRUE;
}

void
wm_x11_presses_clear (WmX11Thread *t)
{
  if (t->record_context != 0)
    {
      XRecordDisableContext (t->dpy, t->record_context);
      XRecordFreeContext (t->dpy, t->record_context);
      XSync (t->dpy, False);
      t->record_context = 0;
    }
  g_clear_pointer (&t->record_dpy, XCloseDisplay);
  g_queue_clear_full (&t->presses, g_free);
}

int
wm_x11_presses_fd (WmX11Thread *t)
{
  return t->record_dpy ? ConnectionNumber (t->record_dpy) : -1;
}

void
wm_x11_presses_read (WmX11Thread *t)
{
  if (t->record_dpy != NULL)
    XRecordProcessReplies (t->record_dpy);
}

static gboolean
take_matching (WmX11Thread *t,
               Time         time,
               int          button,
               WmX11Press  *out)
{
  while (t->presses.length > 0)
    {
      g_autofree WmX11Press *press = g_queue_pop_head (&t->presses);

      /* Records older than this press belong to presses we never saw (paused). */
      if (press->time == time && press->button == button)
        {
          *out = *press;
          return TRUE;
        }
      if ((gint32) (press->time - time) > 0)
        {
          g_queue_push_head (&t->presses, g_steal_pointer (&press));
          return FALSE;
        }
    }

  return FALSE;
}

gboolean
wm_x11_presses_find (WmX11Thread *t,
                     Time         time,
                     int          button,
                     WmX11Press  *press)
{
  gint64 deadline = g_get_monotonic_time () + PAIR_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  if (t->record_dpy == NULL)
    return FALSE;

  wm_x11_presses_read (t);
  while (!take_matching (t, time, button, press))
    {
      struct pollfd fd = { ConnectionNumber (t->record_dpy), POLLIN, 0 };
      gint64 left = deadline - g_get_monotonic_time ();

      if (left <= 0 || poll (&fd, 1, (int) (left / 1000) + 1) <= 0)
        return FALSE;
      wm_x11_presses_read (t);
    }

  return TRUE;
}
