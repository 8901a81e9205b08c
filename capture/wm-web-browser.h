/* wm-web-browser.h — what Waymark knows about web browsers' windows and switches
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The page's title when @window_title is a browser window's ("Invoices — Mozilla Firefox"
 * gives "Invoices"), or NULL when it is not one. */
char    *wm_web_browser_page_title         (const char *window_title);

/* What to do so @app_name (process @pid) shows what was clicked, in one sentence; NULL
 * when there is nothing to advise. @on_bus says whether the application is on the
 * accessibility bus at all. Never advises a switch the process already has. */
char    *wm_web_browser_accessibility_hint (const char *app_name,
                                            GPid        pid,
                                            gboolean    on_bus);

G_END_DECLS
