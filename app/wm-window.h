/* wm-window.h — the main window: library, journey map and editor
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wm-application.h"
#include "wm-editor.h"
#include "wm-journey-map.h"
#include "wm-review-queue.h"
#include "wm-review-view.h"
#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_WINDOW (wm_window_get_type ())

G_DECLARE_FINAL_TYPE (WmWindow, wm_window, WM, WINDOW, AdwApplicationWindow)

/* @app may be NULL (tests). With no @store, the window explains @store_error instead. */
WmWindow     *wm_window_new              (WmApplication *app,
                                          WmStore       *store,
                                          GSettings     *settings,
                                          const GError  *store_error);
WmStore      *wm_window_get_store        (WmWindow      *self);
GListModel   *wm_window_get_library      (WmWindow      *self);
WmEditor     *wm_window_get_editor       (WmWindow      *self);
WmJourneyMap *wm_window_get_journey_map  (WmWindow      *self);
WmReviewView *wm_window_get_review_view  (WmWindow      *self);
WmReviewQueue *wm_window_get_review_queue (WmWindow     *self);
/* The recording controller while a recording runs, else NULL. */
GtkWindow    *wm_window_get_recorder     (WmWindow      *self);
/* "library", "journey" or "editor". */
const char   *wm_window_get_visible_page (WmWindow      *self);
/* Shows a toast; @action_name/@target (may be NULL) make its button. */
void          wm_window_toast            (WmWindow      *self,
                                          const char    *title,
                                          const char    *button_label,
                                          const char    *action_name,
                                          GVariant      *target);
/* Opens @id in the editor; FALSE with a toast when it cannot be loaded. */
gboolean      wm_window_open_tutorial    (WmWindow      *self,
                                          const char    *id);
/* After anything changed the library: reloads the list, the roles and the journey map. */
void          wm_window_library_changed  (WmWindow      *self);

G_END_DECLS
