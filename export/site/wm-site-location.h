/* wm-site-location.h — a shared library location: reachable, writable, Waymark's or someone else's
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Written first into a new library's folder; see wm_site_location_check_empty(). */
#define WM_SITE_LOCATION_MARKER ".waymark-library"

#define WM_TYPE_SITE_LOCATION (wm_site_location_get_type ())

G_DECLARE_FINAL_TYPE (WmSiteLocation, wm_site_location, WM, SITE_LOCATION, GObject)

/* @file: any folder GIO can write (a path, smb://, sftp://, dav:// through gvfs). */
WmSiteLocation *wm_site_location_new         (GFile           *file);
GFile          *wm_site_location_get_file    (WmSiteLocation  *self);

/* The location must be a folder that is empty or holds a library; it is created when its
 * parent exists. Nothing else is written. */
gboolean        wm_site_location_check       (WmSiteLocation  *self,
                                              GCancellable    *cancellable,
                                              GError         **error);
/* A folder with files but no catalog.json is someone else's, and never published over;
 * unless it holds WM_SITE_LOCATION_MARKER, which a first publish writes before anything
 * else: that folder is a library whose first publish was cut short. Sets @interrupted then. */
gboolean        wm_site_location_check_empty (WmSiteLocation  *self,
                                              gboolean        *interrupted,
                                              GCancellable    *cancellable,
                                              GError         **error);
/* Turns a GIO error about the location into one line for the person publishing (unreachable,
 * read-only, not mounted…); always returns FALSE. */
gboolean        wm_site_location_error       (WmSiteLocation  *self,
                                              GError          *cause,
                                              GError         **error);

G_END_DECLS
