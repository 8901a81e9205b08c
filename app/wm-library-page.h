/* wm-library-page.h — the library: every tutorial as a row, with search and filters
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wm-store.h"
#include "wm-thumbnailer.h"

G_BEGIN_DECLS

#define WM_TYPE_LIBRARY_PAGE (wm_library_page_get_type ())

G_DECLARE_FINAL_TYPE (WmLibraryPage, wm_library_page, WM, LIBRARY_PAGE, AdwBin)

/* Shows @store's tutorials, their thumbnails from @thumbnailer (which the page holds until
 * its first frame is drawn). Activating a row activates win.open-tutorial with its id. */
void        wm_library_page_set_store       (WmLibraryPage *self,
                                             WmStore       *store,
                                             WmThumbnailer *thumbnailer);
/* With no library to show: says why, and turns the filters off. */
void        wm_library_page_show_error      (WmLibraryPage *self,
                                             const GError  *error);
/* The tutorials shown: the library as the filters leave it. */
GListModel *wm_library_page_get_library     (WmLibraryPage *self);
/* After anything changed the library: reloads the list and the roles. */
void        wm_library_page_reload          (WmLibraryPage *self);
/* Each filter that is not NULL is set (a stage's or status's nick, a role, a search; ""
 * for any), then the list is filtered at once. */
void        wm_library_page_set_filters     (WmLibraryPage *self,
                                             const char    *stage,
                                             const char    *role,
                                             const char    *status,
                                             const char    *search);
void        wm_library_page_focus_search    (WmLibraryPage *self);
/* Ends the start-up (one screenful, no decoding until the first frame) at once: the
 * thumbnailer is needed elsewhere. */
void        wm_library_page_finish_startup  (WmLibraryPage *self);

G_END_DECLS
