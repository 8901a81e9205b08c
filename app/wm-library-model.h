/* wm-library-model.h — the library as a lazily loaded GListModel of WmTutorial
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_LIBRARY_MODEL (wm_library_model_get_type ())

G_DECLARE_FINAL_TYPE (WmLibraryModel, wm_library_model, WM, LIBRARY_MODEL, GObject)

/* Rows are read from the store a page at a time when a view asks for them; only a
 * bounded number of pages stays in memory however far the list is scrolled. */
WmLibraryModel *wm_library_model_new        (WmStore        *store);
/* stage/status WM_FILTER_ANY and NULL strings match everything. Reloads. */
void            wm_library_model_set_filter (WmLibraryModel *self,
                                             int             stage,
                                             int             status,
                                             const char     *role,
                                             const char     *search);
/* Re-reads the count and drops every cached page (after any change to the library). */
void            wm_library_model_reload     (WmLibraryModel *self);
/* The position of @id among the loaded pages, or G_MAXUINT. */
guint           wm_library_model_find       (WmLibraryModel *self,
                                             const char     *id);

G_END_DECLS
