/* wm-review-queue.h — the tutorials waiting for a reviewer
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_REVIEW_QUEUE (wm_review_queue_get_type ())

G_DECLARE_FINAL_TYPE (WmReviewQueue, wm_review_queue, WM, REVIEW_QUEUE, AdwBin)

/* Actions: "review-queue.refresh", "review-queue.open" (s: tutorial id) which emits
 * ::open-tutorial for the window to show the review view. */
GtkWidget *wm_review_queue_new         (WmStore       *store);
WmStore   *wm_review_queue_get_store   (WmReviewQueue *self);
void       wm_review_queue_set_store   (WmReviewQueue *self,
                                        WmStore       *store);
/* Reloads the in-review tutorials, oldest submission first. */
void       wm_review_queue_reload      (WmReviewQueue *self);
guint      wm_review_queue_get_n_items (WmReviewQueue *self);

G_END_DECLS
