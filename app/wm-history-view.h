/* wm-history-view.h — a tutorial's review history, and any two versions side by side
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wm-diff.h"
#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_HISTORY_VIEW (wm_history_view_get_type ())

G_DECLARE_FINAL_TYPE (WmHistoryView, wm_history_view, WM, HISTORY_VIEW, AdwBin)

/* Action "review-history.compare" ((uu): old and new version) shows that diff; by default
 * the current version is compared with the approved or previous one. */
GtkWidget *wm_history_view_new            (WmStore         *store);
void       wm_history_view_set_store      (WmHistoryView *self,
                                             WmStore         *store);
void       wm_history_view_set_tutorial_id (WmHistoryView *self,
                                             const char      *tutorial_id);
guint      wm_history_view_get_n_events   (WmHistoryView *self);
/* The diff shown, or NULL when there is a single version. */
WmDiff    *wm_history_view_get_diff       (WmHistoryView *self);
/* What the side-by-side comparison shows, as text: its heading, then for each changed step
 * what changed, the old step and the new one (each screenshot as "[W×H]", then its text). */
char      *wm_history_view_dup_comparison_text (WmHistoryView *self);

G_END_DECLS
