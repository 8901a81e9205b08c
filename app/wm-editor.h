/* wm-editor.h — the tutorial editor: steps, canvas, instruction, notes and tags
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-canvas.h"
#include "wm-store.h"
#include "wm-thumbnailer.h"

G_BEGIN_DECLS

#define WM_TYPE_EDITOR (wm_editor_get_type ())

G_DECLARE_FINAL_TYPE (WmEditor, wm_editor, WM, EDITOR, GtkWidget)

void        wm_editor_set_context      (WmEditor       *self,
                                        WmStore        *store,
                                        GSettings      *settings,
                                        WmThumbnailer  *thumbnailer);
/* Loads @id with its steps; every edit after that is saved to the store at once. */
gboolean    wm_editor_open             (WmEditor       *self,
                                        const char     *id,
                                        GError        **error);
/* Writes any edit still pending (typing is saved after a short pause) and lets go. */
void        wm_editor_close            (WmEditor       *self);
/* Lets go without writing (the tutorial was deleted). */
void        wm_editor_forget           (WmEditor       *self);
WmTutorial *wm_editor_get_tutorial     (WmEditor       *self);
const char *wm_editor_get_tutorial_id  (WmEditor       *self);
const char *wm_editor_get_title        (WmEditor       *self);
guint       wm_editor_get_selected     (WmEditor       *self);
WmCanvas   *wm_editor_get_canvas       (WmEditor       *self);
/* TRUE while an export or a publish is being written. */
gboolean    wm_editor_is_exporting     (WmEditor       *self);
/* The link the last Publish offered to copy, NULL before one. */
const char *wm_editor_get_published_link (WmEditor     *self);
/* TRUE once the selected step's screenshot is on the canvas (or it has none). */
gboolean    wm_editor_is_canvas_ready  (WmEditor       *self);

G_END_DECLS
