/* wm-pdf-exporter.h — a quick-reference PDF: one block per step, instruction and zoom
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wm-export.h"
#include "wm-store.h"

G_BEGIN_DECLS

typedef enum {
  WM_PAPER_A4,
  WM_PAPER_LETTER,
} WmPaper;

/* "a4" / "letter", case-insensitive. */
gboolean    wm_paper_from_string     (const char  *str,
                                      WmPaper     *paper);

/* Writes the PDF atomically (through cairo, no display needed): a title block, then per
 * step a block with its number, instruction, notes and the zoom around the click
 * (annotations drawn, redactions burned in). A block never splits across pages. */
gboolean    wm_pdf_export_to_file    (WmStore     *store,
                                      WmTutorial  *tutorial,
                                      WmPaper      paper,
                                      GFile       *file,
                                      GError     **error);

G_END_DECLS
