/* wm-canvas.h — a step's screenshot with its marks and click hotspot, drawn and edited
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-step.h"

G_BEGIN_DECLS

#define WM_TYPE_CANVAS (wm_canvas_get_type ())

G_DECLARE_FINAL_TYPE (WmCanvas, wm_canvas, WM, CANVAS, GtkWidget)

/* Tools by name, as the "editor.tool" action states them: "select" (drag the hotspot),
 * "crop", and the annotation kinds "redact", "highlight", "box", "arrow", "callout". */
GtkWidget  *wm_canvas_new             (void);
/* @texture is the full-size screenshot or NULL while it loads (or for a text step). */
void        wm_canvas_set_step        (WmCanvas   *self,
                                       WmStep     *step,
                                       GdkTexture *texture);
WmStep     *wm_canvas_get_step        (WmCanvas   *self);
GdkTexture *wm_canvas_get_texture     (WmCanvas   *self);
void        wm_canvas_set_tool        (WmCanvas   *self,
                                       const char *tool);
const char *wm_canvas_get_tool        (WmCanvas   *self);
/* Redraw after the step's marks or hotspot changed. */
void        wm_canvas_refresh         (WmCanvas   *self);
/* Marks are objects in the "select" tool: a click selects one (handles to resize, a drag
 * moves it, "mark-changed" reports the result), Delete and the arrow keys act on it through
 * the editor's actions, and a popover changes its kind or a callout's text. */
int         wm_canvas_get_selected_mark (WmCanvas *self);
void        wm_canvas_select_mark       (WmCanvas *self,
                                         int       index);
/* Opens the selected mark's popover (a new callout's text is typed there). */
void        wm_canvas_edit_selected     (WmCanvas *self);
GtkPopover *wm_canvas_get_popover       (WmCanvas *self);
/* Where the image is drawn inside the widget, and at what scale (for tests). */
void        wm_canvas_get_image_area  (WmCanvas        *self,
                                       graphene_rect_t *area,
                                       double          *scale);

G_END_DECLS
