/* wm-review-private.h — the review workflow's hooks inside the store
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "wm-review.h"

G_BEGIN_DECLS

/* Inside a store transaction. */
gboolean wm_review_insert_event    (sqlite3         *db,
                                    WmHistoryEvent  *event,
                                    GError         **error);

/* Called by wm_store_save_tutorial() before it writes @tutorial: when the stored version
 * was decided on (approved or changes requested) and the content changed, @tutorial
 * becomes a new draft version (the decided one stays intact as a revision); an edit
 * during review takes it back to draft. Recorded in the history. */
gboolean wm_review_guard_save      (WmStore         *store,
                                    sqlite3         *db,
                                    WmTutorial      *tutorial,
                                    GError         **error);
/* The same for steps appended to a stored tutorial. */
gboolean wm_review_guard_append    (WmStore         *store,
                                    sqlite3         *db,
                                    const char      *tutorial_id,
                                    GError         **error);

/* "Ada <ada@example.org>" → name and email; a bare name or address also works. */
void     wm_review_split_identity  (const char      *text,
                                    char           **name,
                                    char           **email);

G_END_DECLS
