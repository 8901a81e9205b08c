/* wm-markdown-exporter.h — a tutorial as a Markdown file and its images
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wm-export.h"
#include "wm-store.h"

G_BEGIN_DECLS

/* Writes @dir/SLUG.md and @dir/images/SLUG-step-NN.png (created as needed), ready for a
 * forum post or a docs repository. Images carry their annotations and the click, with
 * redactions burned in; alt text is the instruction; author text is escaped so it reads
 * as written and never becomes markup or a link. Every picture is encoded before anything
 * is written, so a screenshot that cannot be decoded leaves @dir as it was; the .md is
 * written last and atomically.
 * Returns the path of the .md in @md_path when not NULL. */
gboolean    wm_markdown_export_to_dir    (WmStore     *store,
                                          WmTutorial  *tutorial,
                                          GFile       *dir,
                                          char       **md_path,
                                          GError     **error);
/* @text with every character that Markdown or HTML would read as syntax escaped, on one
 * line (for headings, list items and alt text). */
char       *wm_markdown_escape_inline    (const char  *text);

G_END_DECLS
