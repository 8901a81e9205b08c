/* wm-instruction-label.h — a step's instruction in a label, its target in bold
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-step.h"

G_BEGIN_DECLS

/* Shows @step's instruction in @label with the name of what it clicks in bold (Pango
 * markup, escaped: an author's or recorded text is never markup), or @placeholder
 * dimmed when it has none. Returns TRUE when there was an instruction. */
gboolean wm_instruction_label_set (GtkLabel   *label,
                                   WmStep     *step,
                                   const char *placeholder);

G_END_DECLS
