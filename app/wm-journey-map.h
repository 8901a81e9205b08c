/* wm-journey-map.h — roles × adoption stages, with the number of tutorials in each cell
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_JOURNEY_MAP (wm_journey_map_get_type ())

G_DECLARE_FINAL_TYPE (WmJourneyMap, wm_journey_map, WM, JOURNEY_MAP, GtkWidget)

/* Re-reads the counts: now if the map is on screen, else when it is shown or asked.
 * Each cell activates "win.filter-journey-cell" with (role, stage). */
void   wm_journey_map_refresh    (WmJourneyMap *self,
                                  WmStore      *store);
/* The count shown in a cell, and how many cells are gaps (for tests). */
guint  wm_journey_map_get_count  (WmJourneyMap *self,
                                  const char   *role,
                                  WmStage       stage);
guint  wm_journey_map_get_n_gaps (WmJourneyMap *self);

G_END_DECLS
