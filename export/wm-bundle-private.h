/* wm-bundle-private.h — between the bundle object and its untrusted reader
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wm-bundle.h"

G_BEGIN_DECLS

/* 'WMRK', the application_id every Waymark library and bundle carries. */
#define WM_BUNDLE_APPLICATION_ID 0x574d524b

/* Settings rows a bundle carries about itself. */
#define WM_BUNDLE_KEY_SENDER  "bundle.sender"
#define WM_BUNDLE_KEY_MESSAGE "bundle.message"
#define WM_BUNDLE_KEY_CREATED "bundle.created"

WmBundle *wm_bundle_new_checked (WmTutorial *tutorial,
                                 GPtrArray  *images,
                                 GPtrArray  *history,
                                 const char *sender,
                                 const char *message,
                                 gint64      created_at);

/* wm-bundle-reader.c */
WmBundle *wm_bundle_read        (GBytes     *contents,
                                 GError    **error);

G_END_DECLS
