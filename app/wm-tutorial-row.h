/* wm-tutorial-row.h — one tutorial in the library list
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-thumbnailer.h"
#include "wm-tutorial.h"

G_BEGIN_DECLS

#define WM_TYPE_TUTORIAL_ROW (wm_tutorial_row_get_type ())

G_DECLARE_FINAL_TYPE (WmTutorialRow, wm_tutorial_row, WM, TUTORIAL_ROW, GtkWidget)

GtkWidget  *wm_tutorial_row_new           (WmThumbnailer *thumbnailer);
/* Binds the row to @tutorial (NULL unbinds); the thumbnail arrives asynchronously. */
void        wm_tutorial_row_set_tutorial  (WmTutorialRow *self,
                                           WmTutorial    *tutorial);
WmTutorial *wm_tutorial_row_get_tutorial  (WmTutorialRow *self);

/* "3 steps · 2 hours ago": shared by rows and the editor's subtitle. */
char       *wm_format_relative_time       (gint64         usec);
char       *wm_format_roles               (WmTutorial    *tutorial);

G_END_DECLS
