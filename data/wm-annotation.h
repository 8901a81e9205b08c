/* wm-annotation.h — a mark drawn over a step's screenshot (box, arrow, callout, redaction)
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "wm-enums.h"

G_BEGIN_DECLS

#define WM_TYPE_ANNOTATION (wm_annotation_get_type ())

G_DECLARE_FINAL_TYPE (WmAnnotation, wm_annotation, WM, ANNOTATION, GObject)

/* Geometry is in image pixels. A rectangle is (x, y, width, height); an arrow goes from
 * (x, y) to (x + width, y + height), so width/height may be negative for arrows only. */
WmAnnotation     *wm_annotation_new        (WmAnnotationKind  kind,
                                            int               x,
                                            int               y,
                                            int               width,
                                            int               height,
                                            const char       *text);
WmAnnotation     *wm_annotation_copy       (WmAnnotation     *self);
WmAnnotationKind  wm_annotation_get_kind   (WmAnnotation     *self);
int               wm_annotation_get_x      (WmAnnotation     *self);
int               wm_annotation_get_y      (WmAnnotation     *self);
int               wm_annotation_get_width  (WmAnnotation     *self);
int               wm_annotation_get_height (WmAnnotation     *self);
const char       *wm_annotation_get_text   (WmAnnotation     *self);
void              wm_annotation_set_rect   (WmAnnotation     *self,
                                            int               x,
                                            int               y,
                                            int               width,
                                            int               height);
void              wm_annotation_set_text   (WmAnnotation     *self,
                                            const char       *text);
gboolean          wm_annotation_equal      (WmAnnotation     *a,
                                            WmAnnotation     *b);

G_END_DECLS
