/* wm-undo-stack.h — undo and redo as a stack of editor states
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WM_TYPE_UNDO_STACK (wm_undo_stack_get_type ())

G_DECLARE_FINAL_TYPE (WmUndoStack, wm_undo_stack, WM, UNDO_STACK, GObject)

WmUndoStack *wm_undo_stack_new      (guint        limit);
/* Records @before, the state an edit is about to change, and forgets the redo side.
 * Edits with the same @coalesce_key (e.g. typing into one field) within a short time
 * make one undo step: then @before is dropped. */
void         wm_undo_stack_push     (WmUndoStack *self,
                                     GVariant    *before,
                                     const char  *coalesce_key);
/* Returns the state to go back to (full reference), keeping @current for redo; NULL
 * when there is nothing to undo. */
GVariant    *wm_undo_stack_undo     (WmUndoStack *self,
                                     GVariant    *current);
GVariant    *wm_undo_stack_redo     (WmUndoStack *self,
                                     GVariant    *current);
gboolean     wm_undo_stack_can_undo (WmUndoStack *self);
gboolean     wm_undo_stack_can_redo (WmUndoStack *self);
/* Ends the current coalescing run (focus left the field, another step chosen). */
void         wm_undo_stack_break    (WmUndoStack *self);
void         wm_undo_stack_clear    (WmUndoStack *self);

G_END_DECLS
