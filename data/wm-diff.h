/* wm-diff.h — what changed between two versions of a tutorial, step by step
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wm-tutorial.h"

G_BEGIN_DECLS

/* Steps are matched by their stable id, so a moved step is told from a removed one. */
typedef enum {
  WM_DIFF_UNCHANGED            = 0,
  WM_DIFF_ADDED                = 1 << 0,
  WM_DIFF_REMOVED              = 1 << 1,
  WM_DIFF_MOVED                = 1 << 2,
  WM_DIFF_TEXT_CHANGED         = 1 << 3,   /* instruction, notes or typed text */
  WM_DIFF_SCREENSHOT_CHANGED   = 1 << 4,
  WM_DIFF_ANNOTATIONS_CHANGED  = 1 << 5,
  WM_DIFF_ACTION_CHANGED       = 1 << 6,   /* kind or pointer position */
} WmDiffChange;

typedef struct {
  WmDiffChange  changes;
  WmStep       *old_step;   /* NULL when added */
  WmStep       *new_step;   /* NULL when removed */
} WmDiffEntry;

/* Tutorial-level fields that differ. */
typedef enum {
  WM_DIFF_FIELD_TITLE   = 1 << 0,
  WM_DIFF_FIELD_SUMMARY = 1 << 1,
  WM_DIFF_FIELD_STAGE   = 1 << 2,
  WM_DIFF_FIELD_ROLES   = 1 << 3,
} WmDiffFields;

#define WM_TYPE_DIFF (wm_diff_get_type ())

G_DECLARE_FINAL_TYPE (WmDiff, wm_diff, WM, DIFF, GObject)

/* Both tutorials need their steps loaded. */
WmDiff            *wm_diff_new            (WmTutorial *old_version,
                                           WmTutorial *new_version);
WmTutorial        *wm_diff_get_old        (WmDiff     *self);
WmTutorial        *wm_diff_get_new        (WmDiff     *self);
WmDiffFields       wm_diff_get_fields     (WmDiff     *self);
/* One entry per step of either version, in reading order: the new version's order, with
 * removed steps where they used to be. Unchanged steps are included. */
guint              wm_diff_get_n_entries  (WmDiff     *self);
const WmDiffEntry *wm_diff_get_entry      (WmDiff     *self,
                                           guint       index);
/* How many entries have any change. */
guint              wm_diff_count_changes  (WmDiff     *self);
gboolean           wm_diff_is_empty       (WmDiff     *self);

G_END_DECLS
