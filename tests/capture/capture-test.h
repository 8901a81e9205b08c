/* capture-test.h — the capture tests' shared helpers: the fixture app, clicks, PNGs
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "wm-store.h"

G_BEGIN_DECLS

typedef struct {
  int x, y, width, height;
} TestRect;

typedef struct {
  GPid        pid;
  GHashTable *widgets;   /* name → TestRect* in root coordinates */
} TestFixture;

/* Starts tests/fixtures' GTK app and waits until it has printed where its widgets are. */
TestFixture *test_fixture_start    (void);
void         test_fixture_stop     (TestFixture *fixture);
/* Centre of a widget, in root coordinates. */
void         test_fixture_centre   (TestFixture *fixture,
                                    const char  *widget,
                                    int         *x,
                                    int         *y);

/* xdotool, waiting for it to finish. */
void         test_xdotool          (const char  *first_arg,
                                    ...) G_GNUC_NULL_TERMINATED;
void         test_click            (int          x,
                                    int          y,
                                    int          button);
/* Runs the default main context for @msec. */
void         test_wait             (guint        msec);
/* The RGB of a pixel on the screen now, as 0xRRGGBB. */
guint32      test_screen_pixel     (int          x,
                                    int          y);
/* Waits until the screen shows @rgb at (@x, @y): an application on a loaded machine
 * redraws when it gets to it. FALSE after 30 s. */
gboolean     test_wait_for_pixel   (int          x,
                                    int          y,
                                    guint32      rgb);

/* A fresh library in a new temporary folder, with one empty tutorial. */
WmStore     *test_store_new        (char       **tutorial_id);
/* The tutorial's steps as stored, in order. */
GPtrArray   *test_store_steps      (WmStore     *store,
                                    const char  *tutorial_id);

/* Decodes a PNG; returns RGBA rows (width * 4 bytes each). */
guint8      *test_png_decode       (GBytes      *png,
                                    guint       *width,
                                    guint       *height);
/* The RGB of a pixel of a stored step's screenshot, as 0xRRGGBB. */
guint32      test_step_pixel       (WmStore     *store,
                                    WmStep      *step,
                                    int          x,
                                    int          y);

G_END_DECLS
