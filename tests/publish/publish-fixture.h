/* publish-fixture.h — approved tutorials made through the data API, for publish tests
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wm-store.h"

G_BEGIN_DECLS

/* A PNG of a little application window, different for each @seed. */
GBytes     *fixture_make_png       (guint        seed,
                                    guint        width,
                                    guint        height);
/* A tutorial with @n_steps click steps (one screenshot each, seeds from @seed), tagged, saved. */
WmTutorial *fixture_add_tutorial   (WmStore     *store,
                                    const char  *title,
                                    const char  *summary,
                                    WmStage      stage,
                                    const char * const *roles,
                                    guint        n_steps,
                                    guint        seed);
/* What a reviewer's approval does: status approved, approved_version = version, and the
 * immutable revision of that version. */
void        fixture_approve        (WmStore     *store,
                                    const char  *id);
/* An edit after approval: version + 1, step @position's instruction replaced, a draft. */
void        fixture_edit           (WmStore     *store,
                                    const char  *id,
                                    guint        position,
                                    const char  *instruction);
/* The library the site tests publish: five tutorials over the stages and roles (one a
 * draft that must not be published). Returns the ids, approved ones first. */
GPtrArray  *fixture_make_library   (WmStore     *store);

G_END_DECLS
