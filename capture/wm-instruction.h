/* wm-instruction.h — the sentence a reader follows, made from what was captured
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wm-step.h"

G_BEGIN_DECLS

/* Writes the step's generated instruction from its kind, button, text and target —
 * "Click the Save button in Text Editor", "Click Save As… in the Main Menu", "Choose
 * Net 30 in the Payment terms list", "Type “Acme Corp” in the Customer name field",
 * "Type your password", "Press Ctrl+S" — one whole translatable sentence each. First
 * cleans the target's name (a repeated label, a toolkit class name, the window's title or
 * a path is no name) and sets the target kind from the role when none is set. When
 * nothing names the target ("Click in Text Editor") or a typing step has no text left
 * ("Type the text": where it went was not known for sure), the step is marked
 * incomplete for the author. @is_secret: the text went into a password field, and the
 * caller has already wiped it. */
void wm_instruction_update (WmStep   *step,
                            gboolean  is_secret);

G_END_DECLS
