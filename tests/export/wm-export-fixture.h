/* wm-export-fixture.h — realistic tutorials for the export tests and benchmark
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "wm-store.h"

G_BEGIN_DECLS

typedef enum {
  WM_FIXTURE_NONE    = 0,
  WM_FIXTURE_HOSTILE = 1 << 0,   /* every text field carries markup, script and unicode tricks */
  WM_FIXTURE_REDACT  = 1 << 1,   /* step 1 redacts WM_FIXTURE_REDACT_RECT */
} WmFixtureFlags;

/* Where step 1's redaction goes, in image pixels: over the text of the first entry. */
#define WM_FIXTURE_REDACT_X 120
#define WM_FIXTURE_REDACT_Y 110
#define WM_FIXTURE_REDACT_WIDTH 360
#define WM_FIXTURE_REDACT_HEIGHT 60

/* Each hostile string ends by setting window.__wm_pwned if it ever runs. */
extern const char * const wm_fixture_hostile_texts[];

/* A tutorial of @n_steps, saved in @store: 1920×1080 screens (tests/fixtures' drawn desktops,
 * found through $WM_FIXTURE_SCREENS) where each step opens a menu,
 * ticks a box or types into an entry, the way a recording looks. Stage orientation. */
WmTutorial *wm_fixture_make_tutorial (WmStore         *store,
                                      guint            n_steps,
                                      WmFixtureFlags   flags,
                                      GError         **error);
/* The PNG bytes every step's screenshot has in the store, in step order (the naive
 * exporter's input). */
GPtrArray  *wm_fixture_step_pngs     (WmStore         *store,
                                      WmTutorial      *tutorial,
                                      GError         **error);

/* Appends a step whose screenshot has a sound header and undecodable pixels, and returns
 * @tutorial reloaded with its steps. */
WmTutorial *wm_fixture_add_corrupt_step (WmStore         *store,
                                         WmTutorial      *tutorial,
                                         GError         **error);

G_END_DECLS

G_BEGIN_DECLS

/* A GTest fixture: a fresh library in a temporary folder, removed afterwards. */
typedef struct {
  char    *dir;
  WmStore *store;
} WmFixtureLibrary;

void        wm_fixture_library_setup    (WmFixtureLibrary *f,
                                         gconstpointer     data);
void        wm_fixture_library_teardown (WmFixtureLibrary *f,
                                         gconstpointer     data);

G_END_DECLS
