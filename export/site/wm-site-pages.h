/* wm-site-pages.h — the HTML, Atom and script pages of a published library
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include <json-glib/json-glib.h>

#include "wm-site-catalog.h"

G_BEGIN_DECLS

/* The policy every page carries: nothing but the library's own scripts, styles, images and
 * frames; no network requests, no forms, no <base>. */
#define WM_SITE_CSP \
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " \
  "media-src 'self' data:; font-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'"

/* Everything one tutorial page is made of. Paths are relative to the library's root. */
typedef struct {
  WmSiteCatalog     *catalog;
  const WmSiteEntry *entry;
  JsonObject        *model;        /* the player's model (wm_player_model_build()), image
                                    * sources relative to the library's root */
  const char        *model_json;   /* the same, made safe for <script> */
  GHashTable        *assets;       /* "site.css", "player.js", … → "assets/site-<hash>.css" */
  guint              version;      /* 0 for the stable page, else the t/<slug>/v<N>/ page */
  gboolean           embed;        /* the chrome-less page for iframes */
  const char        *signals_json; /* signals.js's settings, safe for <script>; NULL: none */
  const char        *connect_src;  /* the LRS's origin, allowed by the page's CSP */
  const char        *language;     /* the pages' own words (wm_language_resolve) */
} WmSitePage;

/* The folder a page lives in, relative to the root: "t/<slug>/v3/embed/". */
char   *wm_site_page_get_dir           (const WmSitePage *page);
GBytes *wm_site_render_tutorial        (const WmSitePage *page);
/* @language as for a page; @labels the scripts' words (wm_page_labels_build) as JSON that
 * may sit inside <script> (wm_player_script_data). */
GBytes *wm_site_render_catalogue       (WmSiteCatalog    *catalog,
                                        GHashTable       *assets,
                                        const char       *language,
                                        const char       *labels);
GBytes *wm_site_render_feed            (WmSiteCatalog    *catalog,
                                        const char       *language);
/* widget.js with its words: @labels (as above) in place of its @LABELS@. */
GBytes *wm_site_render_widget          (GBytes           *script,
                                        const char       *labels);
/* catalog/<nn>.js: a part of the catalogue (its catalog/<nn>.json, as
 * wm_site_catalog_part_to_json() made it) as a script index.html and widget.js load, since
 * a page opened from file:// may not fetch, and a host page on another origin may not fetch
 * without CORS headers the library's server may not send. */
GBytes *wm_site_render_part_script     (GBytes           *part_json);

/* Appends @text escaped for HTML text, attribute values and XML (invalid UTF-8 repaired,
 * control characters but tab and line breaks made spaces). */
void    wm_site_append_escaped         (GString          *out,
                                        const char       *text);
/* Appends JSON so that it can sit inside <script>: "<", ">" and "&" as \u escapes. */
void    wm_site_append_script_json     (GString          *out,
                                        const char       *json);

G_END_DECLS
