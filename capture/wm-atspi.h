/* wm-atspi.h — what is under the pointer or has the focus, from the accessibility tree
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char     *name;          /* "Save", or NULL when the element has no name */
  char     *role;          /* AT-SPI role name: "push button", "text", "password text" */
  char     *app_name;      /* the application's accessible name */
  gboolean  is_password;   /* a password field, or inside one */
  char     *container_name;  /* the menu, list, popover or combo an item is in: "main menu",
                              * "Payment terms"; NULL when it is in none or it has no name */
  char     *container_role;  /* that container's AT-SPI role name: "menu", "list box", "combo box" */
  gboolean  is_secret;       /* is_password, a web type=password field, or a field named like
                              * password, PIN, passcode, secret or token: never keep its text */
  gboolean  identified;      /* a real control was positively found, not a window or
                              * application fallback */
} WmAtspiTarget;

void     wm_atspi_target_clear    (WmAtspiTarget *target);
/* Replaces @dest's fields with copies of @src's. */
void     wm_atspi_target_copy     (WmAtspiTarget       *dest,
                                   const WmAtspiTarget *src);

/* Every function here blocks on D-Bus: call them from a worker thread, never from the
 * UI or the capture path. They serialise on one lock around the AT-SPI connection.
 * @budget_usec bounds the whole lookup; each call also times out on its own, and an
 * application that stopped answering is left alone for a while. */
gboolean wm_atspi_init            (GError        **error);
gboolean wm_atspi_describe_point  (GPid            pid,
                                   const char     *window_title,
                                   int             window_x,
                                   int             window_y,
                                   gint64          budget_usec,
                                   WmAtspiTarget  *target);
gboolean wm_atspi_describe_focus  (GPid            pid,
                                   const char     *window_title,
                                   gint64          budget_usec,
                                   WmAtspiTarget  *target);

G_END_DECLS
