/* wm-review-history.h — a tutorial's review history, and any two versions side by side
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wm-diff.h"
#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_REVIEW_HISTORY (wm_review_history_get_type ())

G_DECLARE_FINAL_TYPE (WmReviewHistory, wm_review_history, WM, REVIEW_HISTORY, AdwBin)

/* Action "review-history.compare" ((uu): old and new version) shows that diff; by default
 * the current version is compared with the approved or previous one. */
GtkWidget *wm_review_history_new            (WmStore         *store);
void       wm_review_history_set_store      (WmReviewHistory *self,
                                             WmStore         *store);
void       wm_review_history_set_tutorial_id (WmReviewHistory *self,
                                             const char      *tutorial_id);
guint      wm_review_history_get_n_events   (WmReviewHistory *self);
/* The diff shown, or NULL when there is a single version. */
WmDiff    *wm_review_history_get_diff       (WmReviewHistory *self);
/* What the side-by-side comparison shows, as text: its heading, then for each changed step
 * what changed, the old step and the new one (each screenshot as "[W×H]", then its text). */
char      *wm_review_history_dup_comparison_text (WmReviewHistory *self);

G_END_DECLS
