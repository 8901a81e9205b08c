/* wm-review-view.h — one tutorial under review: its steps with comment pins, and the
 * reviewer's decision
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_REVIEW_VIEW (wm_review_view_get_type ())

G_DECLARE_FINAL_TYPE (WmReviewView, wm_review_view, WM, REVIEW_VIEW, AdwBin)

/* Actions: "review.approve", "review.request-changes" and "review.pin" (u: step position,
 * opens a step's comment) while the tutorial is in review; "review.submit" (the comment
 * field is the message) while it is a draft or changes were requested — then the view shows
 * the reviewer's comments, each on the step it was pinned to. ::decided is emitted after a
 * transition is saved. The person's identity is whatever the preferences say (a desktop
 * app has no login). */
GtkWidget  *wm_review_view_new              (WmStore      *store);
void        wm_review_view_set_store        (WmReviewView *self,
                                             WmStore      *store);
void        wm_review_view_set_tutorial_id  (WmReviewView *self,
                                             const char   *tutorial_id);
const char *wm_review_view_get_tutorial_id  (WmReviewView *self);
void        wm_review_view_set_reviewer     (WmReviewView *self,
                                             const char   *name,
                                             const char   *email);
/* The shared library (a path or URI; NULL or "" for none): a submit also drops a bundle into
 * its review inbox, in a thread ("busy" meanwhile); a failure is shown as the error. */
void        wm_review_view_set_shared_library (WmReviewView *self,
                                               const char   *location);
gboolean    wm_review_view_is_busy           (WmReviewView *self);
/* What the comment fields hold; also set by the person typing. */
void        wm_review_view_set_comment      (WmReviewView *self,
                                             const char   *comment);
void        wm_review_view_set_step_comment (WmReviewView *self,
                                             guint         position,
                                             const char   *comment);
/* What the view shows: the message above the steps, a step's reviewer comments (NULL when
 * none is shown). */
const char *wm_review_view_get_feedback      (WmReviewView *self);
const char *wm_review_view_get_step_feedback (WmReviewView *self,
                                              guint         position);
/* The last error shown (one line), or NULL. */
const char *wm_review_view_get_error        (WmReviewView *self);

G_END_DECLS
