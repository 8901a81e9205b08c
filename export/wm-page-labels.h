/* wm-page-labels.h — the words exported pages say of their own, in the export's language
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* { "language": "de", "plural": "0111…", "labels": { KEY: "text" | ["form", …] } } for the
 * player (model.i18n), the catalogue page, tutorial.js and widget.js. @language is a
 * resolved one (wm_language_resolve). A label with {name} placeholders is filled in by the
 * script; an array holds the plural forms, picked by the digit of "plural" for the count
 * (see wm_language_plural_table). */
JsonNode *wm_page_labels_build (const char *language);

G_END_DECLS
