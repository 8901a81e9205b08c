/* wm-window-private.h — what wm-window.c and wm-window-actions.c share
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wm-library-page.h"
#include "wm-recorder-window.h"
#include "wm-history-view.h"
#include "wm-window.h"

G_BEGIN_DECLS

struct _WmWindow
{
  AdwApplicationWindow  parent_instance;

  WmStore              *store;
  GSettings            *settings;
  WmThumbnailer        *thumbnailer;     /* the library's and the editor's */
  GPtrArray            *deleted;         /* WmTutorial snapshots an undo toast can restore */
  WmRecorderWindow     *recorder_window;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  WmLibraryPage        *library_page;
  WmJourneyMap         *journey_map;
  AdwViewStack         *review_stack;
  /* The pages the first frame does not show are made the first time they are needed. */
  AdwBin               *editor_bin;
  AdwBin               *review_queue_bin;
  AdwBin               *review_view_bin;
  AdwBin               *review_history_bin;
  WmEditor             *editor;
  WmReviewQueue        *review_queue;
  WmReviewView         *review_view;
  WmHistoryView      *review_history;
};

/* wm-window.c */
void           _wm_window_toast_error         (WmWindow     *self,
                                               const GError *error);
void           _wm_window_show_library        (WmWindow     *self,
                                               const char   *page);
void           _wm_window_review_tutorial     (WmWindow     *self,
                                               const char   *id);
WmReviewQueue *_wm_window_ensure_review_queue (WmWindow     *self);

/* wm-window-actions.c */
void           _wm_window_class_add_actions   (GtkWidgetClass *widget_class);
/* Screenshots of deleted tutorials go only once no undo can bring them back. */
void           _wm_window_collect_garbage     (WmWindow     *self);

G_END_DECLS
