/* wm-signals-view.h — what readers did with a tutorial: figures and a funnel of its steps
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_SIGNALS_VIEW (wm_signals_view_get_type ())

G_DECLARE_FINAL_TYPE (WmSignalsView, wm_signals_view, WM, SIGNALS_VIEW, GtkWidget)

/* Reads @tutorial_id's signals on a worker thread (its own connection to @store's file) and
 * shows its newest version's figures; NULL shows nothing. ::step-activated (guint step,
 * 1-based) is emitted when a bar of the funnel is clicked. */
void                   wm_signals_view_load          (WmSignalsView *self,
                                                      WmStore       *store,
                                                      const char    *tutorial_id);
/* The figures shown, or NULL while loading or without signals. */
const WmSignalSummary *wm_signals_view_get_summary   (WmSignalsView *self);
/* The 1-based step whose bar is at @x in the funnel, 0 for none. */
guint                  wm_signals_view_step_at       (WmSignalsView *self,
                                                      double         x);
/* What a click on step @step's bar does. */
void                   wm_signals_view_activate_step (WmSignalsView *self,
                                                      guint          step);

G_END_DECLS
