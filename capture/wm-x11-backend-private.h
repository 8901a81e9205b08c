/* wm-x11-backend-private.h — the X11 backend's capture thread, shared by its parts
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <X11/Xlib.h>
#include <X11/extensions/XShm.h>
#include <X11/extensions/Xdamage.h>
#include <X11/extensions/record.h>

#include "wm-x11-backend.h"

G_BEGIN_DECLS

/* A rectangle of the root window: a monitor, or a window's frame. */
typedef struct {
  int x, y, width, height;
} WmX11Rect;

/* The top-level window a person works in, as the window manager knows it. */
typedef struct {
  Window  window;
  char   *title;
  char   *app_name;     /* WM_CLASS class, e.g. "Gnome-text-editor" */
  GPid    pid;
  int     x, y;          /* origin in root coordinates */
  gboolean is_ours;     /* Waymark's own: never recorded */
} WmX11Window;

/* A copy of the whole root window in shared memory, and when it was taken: the serial
 * of the XShmGetImage request (see wm-x11-screen.c for why a serial, not a time). Frames
 * are lent to steps without copying: each step's pixels hold a reference, and a frame
 * still referenced is never written again (see wm-x11-screen.c). */
typedef struct {
  int              refs;             /* atomic: the thread's, plus one per step's pixels */
  XShmSegmentInfo  shm;
  XImage          *image;            /* the thread's only; NULL once out of the pool */
  gsize            size;
  gulong           serial;
  gboolean         valid;
} WmX11Frame;

/* Everything the capture thread owns. Only that thread touches it after start(). */
typedef struct {
  Display         *dpy;
  Window           root;
  int              xi_opcode;
  int              damage_event;
  Damage           damage;

  /* The screen as it was before each press still to be handled: the newest frame, taken
   * after the last XDamage once every event before it was handled, and the one before.
   * The pool also holds frames lent to steps still waiting to be encoded. */
  GPtrArray       *frames;           /* WmX11Frame*, the pool */
  WmX11Frame      *newest;
  WmX11Frame      *older;
  gboolean         have_shm;
  gboolean         dirty;            /* damaged since newest was taken */

  /* The screen's size and its monitors, read again when the root window changes. */
  int              width, height;
  GArray          *monitors;         /* WmX11Rect; NULL until read */

  Atom             net_wm_pid, net_wm_name, utf8_string, wm_state;

  /* Where each press happened, from the RECORD extension (see wm-x11-presses.c). */
  Display         *record_dpy;
  XRecordContext   record_context;
  GQueue           presses;          /* WmX11Press*, oldest first */

  /* Override-redirect windows (menus, popovers) mapped as of the event being handled. */
  GHashTable      *popups;

  /* Keyboard: held modifiers and the text typed since the last step. */
  guint            modifiers;        /* WmModifiers */
  gboolean         altgr;
  GString         *typed;
  WmCaptureFrame  *typing;          /* the frame at the first key of the run */
} WmX11Thread;

/* wm-x11-screen.c */
gboolean         wm_x11_screen_init        (WmX11Thread     *t,
                                            GError         **error);
void             wm_x11_screen_clear       (WmX11Thread     *t);
/* Takes a new frame. Call it only with no event waiting in Xlib's queue. */
void             wm_x11_screen_refresh     (WmX11Thread     *t);
void             wm_x11_screen_resize      (WmX11Thread     *t);
WmX11Rect        wm_x11_monitor_at         (WmX11Thread     *t,
                                            int              x,
                                            int              y);
/* The pixels of @area as they were when the event of @serial happened. */
GBytes          *wm_x11_screen_copy        (WmX11Thread     *t,
                                            const WmX11Rect *area,
                                            gulong           serial,
                                            guint           *stride);
gboolean         wm_x11_window_at_pointer  (WmX11Thread     *t,
                                            WmX11Window     *window,
                                            int             *root_x,
                                            int             *root_y,
                                            guint           *mask);
gboolean         wm_x11_window_at          (WmX11Thread     *t,
                                            int              x,
                                            int              y,
                                            WmX11Window     *window);
void             wm_x11_popup_mapped       (WmX11Thread     *t,
                                            Window           window,
                                            gboolean         mapped);
gboolean         wm_x11_window_focused     (WmX11Thread     *t,
                                            WmX11Window     *window);
void             wm_x11_window_clear       (WmX11Window     *window);

/* wm-x11-presses.c: the position of a press at the moment it happened. */
typedef struct {
  Time   time;
  int    button;
  int    x, y;
  guint  state;
} WmX11Press;

gboolean         wm_x11_presses_init       (WmX11Thread     *t);
void             wm_x11_presses_clear      (WmX11Thread     *t);
int              wm_x11_presses_fd         (WmX11Thread     *t);
void             wm_x11_presses_read       (WmX11Thread     *t);
gboolean         wm_x11_presses_find       (WmX11Thread     *t,
                                            Time             time,
                                            int              button,
                                            WmX11Press      *press);

/* wm-x11-keyboard.c: turns raw keys into text and key names. */
typedef enum {
  WM_X11_KEY_IGNORE,      /* modifiers, navigation */
  WM_X11_KEY_TEXT,        /* *text holds the character(s) to add */
  WM_X11_KEY_ERASE,       /* BackSpace */
  WM_X11_KEY_STEP,        /* *text holds "Ctrl+S", "Enter": a step of its own */
} WmX11KeyAction;

void             wm_x11_keyboard_update    (WmX11Thread     *t,
                                            guint            keycode,
                                            gboolean         pressed);
WmX11KeyAction   wm_x11_keyboard_translate (WmX11Thread     *t,
                                            guint            keycode,
                                            char           **text);
/* Removes the last character of @typed, wiping its bytes. */
void             wm_x11_keyboard_erase     (GString         *typed);
/* Wipes and empties @typed: it may hold a password. */
void             wm_x11_keyboard_forget    (GString         *typed);

G_END_DECLS
