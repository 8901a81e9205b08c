/* wm-step-row.h — one step in the editor's step list
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-step.h"
#include "wm-thumbnailer.h"

G_BEGIN_DECLS

#define WM_TYPE_STEP_ROW (wm_step_row_get_type ())

G_DECLARE_FINAL_TYPE (WmStepRow, wm_step_row, WM, STEP_ROW, GtkWidget)

GtkWidget *wm_step_row_new      (WmThumbnailer *thumbnailer);
/* Follows the step's instruction, position and screenshot until unbound with NULL. */
void       wm_step_row_set_step (WmStepRow     *self,
                                 WmStep        *step);
WmStep    *wm_step_row_get_step (WmStepRow     *self);

G_END_DECLS
