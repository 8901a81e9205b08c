/* wm-instruction.h — the sentence a reader follows, made from what was captured
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wm-step.h"

G_BEGIN_DECLS

/* "Click the Save button in Text Editor", "Double-click “notes.txt” in Files",
 * "Type “hello” in the Name field", "Type your password", "Press Ctrl+S", "Click in
 * Text Editor". Uses the step's kind, button, text and target; never the text of a
 * password step (@is_password), which the caller has already removed. */
char *wm_instruction_for_step (WmStep   *step,
                               gboolean  is_password);

G_END_DECLS
