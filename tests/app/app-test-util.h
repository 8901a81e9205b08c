/* app-test-util.h — what the app tests share: a window on a fresh library, waiting, pixels
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wm-store.h"
#include "wm-window.h"

G_BEGIN_DECLS

typedef struct {
  char      *dir;
  WmStore   *store;
  GSettings *settings;
  WmWindow  *window;
} AppFixture;

/* Initialises GTK/libadwaita once and registers the app's resources. */
void        app_test_init            (int         *argc,
                                      char      ***argv);
/* A temporary library; @with_sample FALSE marks the sample as already offered. */
void        app_fixture_set_up       (AppFixture  *fixture,
                                      gboolean     with_sample);
/* Creates and shows the window on the fixture's library (call after filling it). */
void        app_fixture_show         (AppFixture  *fixture);
void        app_fixture_tear_down    (AppFixture  *fixture);

/* Runs the main loop until @done returns TRUE or @timeout_ms passes (then fails). */
void        app_wait_until           (gboolean   (*done) (gpointer),
                                      gpointer     data,
                                      guint        timeout_ms);
/* Lets pending redraws, idles and thread callbacks run for @ms. */
void        app_spin                 (guint        ms);

/* The widget as drawn now, rendered by its window's renderer. */
GdkTexture *app_render               (GtkWidget   *widget);
/* Pixel access on a downloaded texture (cairo ARGB32, native endian). */
guint32     app_pixel                (const guchar *data,
                                      gsize         stride,
                                      int           x,
                                      int           y);
guchar     *app_download             (GdkTexture  *texture,
                                      gsize       *stride);
/* Saves @texture as $WM_SCREENSHOT_DIR/@name when that is set. */
void        app_save_screenshot      (GdkTexture  *texture,
                                      const char  *name);

/* A tutorial with @n_steps steps on drawn screens (sample art), saved in @store. */
WmTutorial *app_make_tutorial        (WmStore     *store,
                                      const char  *title,
                                      WmStage      stage,
                                      const char  *role,
                                      guint        n_steps);

/* Recording from the window (needs a real X11 display and the AT-SPI bus): starts
 * win.start-recording with the main window hidden and returns the controller once shown. */
GtkWindow  *app_start_recording      (AppFixture  *fixture,
                                      const char  *title,
                                      const char  *stage,
                                      const char  *role);
/* Waits until the controller has recorded at least @n_steps steps. */
void        app_wait_recorded_steps  (AppFixture  *fixture,
                                      guint        n_steps,
                                      guint        timeout_ms);
/* Stops the recording and waits until the editor is open on what was recorded. */
void        app_stop_recording       (AppFixture  *fixture);

G_END_DECLS
