/* wm-review-queue.h — the tutorials waiting for a reviewer, and the bundles waiting in the
 * shared library's review inbox
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
 * ::open-tutorial for the window to show the review view, "review-queue.import" (s: a
 * bundle's URI) which imports it (checked as untrusted input; any refusal is shown as one
 * line and the library is left as it was) and then opens it, "review-queue.choose-bundle"
 * which asks for a .waymark file to import the same way, and the stateful
 * "review-queue.distinct-approver" (the library's WM_REVIEW_DISTINCT_APPROVER setting). */
GtkWidget  *wm_review_queue_new                (WmStore       *store);
WmStore    *wm_review_queue_get_store          (WmReviewQueue *self);
void        wm_review_queue_set_store          (WmReviewQueue *self,
                                                WmStore       *store);
/* The shared library whose inbox is listed (a path or URI), or NULL/"" for none. */
void        wm_review_queue_set_inbox_location (WmReviewQueue *self,
                                                const char    *location);
const char *wm_review_queue_get_inbox_location (WmReviewQueue *self);
/* Reloads the in-review tutorials (oldest submission first) and, in a thread, the inbox. */
void        wm_review_queue_reload             (WmReviewQueue *self);
guint       wm_review_queue_get_n_items        (WmReviewQueue *self);
/* Rows the inbox shows: bundles to import, bundles already here, bundles refused. */
guint       wm_review_queue_get_n_inbox_items  (WmReviewQueue *self);
/* TRUE while the inbox is being read or a bundle imported (the "busy" property). */
gboolean    wm_review_queue_is_busy            (WmReviewQueue *self);
/* The last error shown (one line), or NULL. */
const char *wm_review_queue_get_error          (WmReviewQueue *self);

G_END_DECLS
