/* wm-html-exporter.h — the tutorial player: its assets, its JSON model, the single-file page
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the pieces fit (the site publisher reuses all of it):
 *
 *   player.js / player.css   The player component (export/player/, compiled into a
 *                            GResource). wm_player_get_script() and wm_player_get_style()
 *                            return them; player.js documents the JS API at its top:
 *                            WaymarkPlayer.mount (element, model, options) and
 *                            WaymarkPlayer.mountFromDocument () for pages that carry the
 *                            model in <script type="application/json" id="waymark-model">
 *                            (and options in id="waymark-options") beside an element
 *                            id="waymark-player". It emits waymark:start, waymark:step and
 *                            waymark:complete as DOM events and postMessage (see player.js).
 *
 *   the model                wm_player_model_build() turns a tutorial into the JSON object
 *                            the player reads. Screenshots are decoded, their redactions
 *                            burned in (the original pixels never leave this function),
 *                            re-encoded as PNG and handed to your WmPlayerImageFunc, which
 *                            stores them and returns the URL the model should use: a data:
 *                            URI for one file (wm_player_image_data_uri), or e.g.
 *                            "img/NAME" after writing NAME into the site. NAMEs are derived
 *                            from the pixels (same pixels, same name), so a site can share
 *                            them between tutorials. With WM_PLAYER_MODEL_TILES, a screenshot
 *                            that differs little from the last full one is sent as the
 *                            rectangles that changed; otherwise every image is whole.
 *
 *   a page                   wm_player_script_data() makes model/options JSON safe inside a
 *                            <script type="application/json">; wm_player_csp_source()
 *                            gives the 'sha256-…' source for a script or style so a page's
 *                            Content-Security-Policy can allow exactly the player and
 *                            nothing else (see wm_html_export_to_bytes for the policy).
 *
 *   the single file          wm_html_export_to_file(): everything above in one HTML file
 *                            that works offline and makes no network request.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "wm-export.h"
#include "wm-store.h"

G_BEGIN_DECLS

typedef enum {
  WM_PLAYER_MODE_DEFAULT,   /* by the tutorial's stage (see player.js) */
  WM_PLAYER_MODE_TRY,
  WM_PLAYER_MODE_WATCH,
  WM_PLAYER_MODE_VIEW,
} WmPlayerMode;

typedef enum {
  WM_PLAYER_MODEL_NONE  = 0,
  WM_PLAYER_MODEL_TILES = 1 << 0,   /* send near-identical screenshots as changed tiles */
} WmPlayerModelFlags;

/* Stores one PNG the model refers to and returns its URL (owned by the caller). @name is
 * "<hex>.png", unique per pixel content. Return NULL and set @error to stop the build. */
typedef char *(*WmPlayerImageFunc) (const char  *name,
                                    GBytes      *png,
                                    gpointer     user_data,
                                    GError     **error);

/* What a single-file export is asked for; zero-initialise. */
typedef struct {
  WmPlayerMode mode;
  gboolean     embed;       /* no header or mode switcher */
  const char  *language;    /* the player's words: "de", "fr"…; NULL: the author's */
} WmHtmlOptions;

/* The player's own code and style, exactly as a page must carry them. */
GBytes     *wm_player_get_script       (void);
GBytes     *wm_player_get_style        (void);
/* "'sha256-BASE64'" of @content, for script-src/style-src. */
char       *wm_player_csp_source       (GBytes             *content);
/* "mode" / "embed" as the player's options object. */
JsonNode   *wm_player_options_to_json  (const WmHtmlOptions *options);
/* JSON text of @node that cannot end or comment out its <script> element. */
char       *wm_player_script_data      (JsonNode           *node);
/* @template with each @NAME@ replaced by @values' text for NAME, in one pass over the
 * template only: nothing substituted (author text included) is read as a placeholder. */
GBytes     *wm_player_expand_template  (GBytes             *template,
                                        GHashTable         *values);
/* One escaped <li> per step: what a page shows where JavaScript does not run. */
char       *wm_player_noscript_steps   (WmTutorial         *tutorial);

/* The model (see player.js for its fields). @tutorial must have its steps loaded; its
 * images are read from @store. */
JsonNode   *wm_player_model_build      (WmStore            *store,
                                        WmTutorial         *tutorial,
                                        WmPlayerModelFlags  flags,
                                        WmPlayerImageFunc   image_func,
                                        gpointer            user_data,
                                        GError            **error);
/* Asked before a screenshot is decoded, with the key the model files it under (its source
 * image and the redactions burned into it). Return a new { width, height, src } object for a
 * picture published before, or NULL to have it made: a site republishing an edited tutorial
 * then re-encodes only the screens that changed. */
typedef JsonObject *(*WmPlayerImageLookupFunc) (const char *key,
                                                gpointer    user_data);

/* wm_player_model_build() trying @lookup_func (may be NULL) first for each picture; it is
 * not asked with WM_PLAYER_MODEL_TILES. */
JsonNode   *wm_player_model_build_with_lookup (WmStore                 *store,
                                               WmTutorial              *tutorial,
                                               WmPlayerModelFlags       flags,
                                               WmPlayerImageLookupFunc  lookup_func,
                                               WmPlayerImageFunc        image_func,
                                               gpointer                 user_data,
                                               GError                 **error);
/* Puts the player's own words in @language (NULL: the author's; see wm_language_resolve)
 * into @model as "i18n" (see wm_page_labels_build) and returns the language's BCP 47 tag
 * for <html lang>; NULL with @error when Waymark has no translation into @language. */
char       *wm_player_model_add_labels (JsonNode           *model,
                                        const char         *language,
                                        GError            **error);
/* A WmPlayerImageFunc giving "data:image/png;base64,…"; @user_data unused. */
char       *wm_player_image_data_uri   (const char         *name,
                                        GBytes             *png,
                                        gpointer            user_data,
                                        GError            **error);

/* The whole self-contained page. */
GBytes     *wm_html_export_to_bytes    (WmStore            *store,
                                        WmTutorial         *tutorial,
                                        const WmHtmlOptions *options,
                                        GError            **error);
/* Writes it atomically: @file is either the complete page or left as it was. */
gboolean    wm_html_export_to_file     (WmStore            *store,
                                        WmTutorial         *tutorial,
                                        const WmHtmlOptions *options,
                                        GFile              *file,
                                        GError            **error);

G_END_DECLS
