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

/* Everything below works on paths relative to the location ("t/<slug>/index.html", "/"-separated,
 * no "." or ".." parts) and never follows a link there: anyone who can write to the share may
 * have put one anywhere. On a local folder each step is opened relative to the folder's own
 * descriptor with O_NOFOLLOW; on sftp://, smb://… each folder on the way is queried with
 * G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS and must be a folder. A link, or anything else where a
 * folder or a file should be, fails with G_IO_ERROR_NOT_DIRECTORY or _NOT_REGULAR_FILE. */

/* Makes @dir and the folders above it (those that exist must be real folders). */
gboolean        wm_site_location_make_dirs   (WmSiteLocation  *self,
                                              const char      *dir,
                                              GCancellable    *cancellable,
                                              GError         **error);
/* Creates @path exclusively and writes @bytes to it: fails with G_IO_ERROR_EXISTS when
 * anything is there, a link too. A failed write removes the file it made. */
gboolean        wm_site_location_create      (WmSiteLocation  *self,
                                              const char      *path,
                                              GBytes          *bytes,
                                              GCancellable    *cancellable,
                                              GError         **error);
/* Renames @from over @to (a link at @to is replaced, never followed). */
gboolean        wm_site_location_rename      (WmSiteLocation  *self,
                                              const char      *from,
                                              const char      *to,
                                              GCancellable    *cancellable,
                                              GError         **error);
/* Removes the file (or link) @path itself. */
gboolean        wm_site_location_delete      (WmSiteLocation  *self,
                                              const char      *path,
                                              GCancellable    *cancellable,
                                              GError         **error);
/* What is at @path, not following a link; G_IO_ERROR_NOT_FOUND when nothing. */
gboolean        wm_site_location_query       (WmSiteLocation  *self,
                                              const char      *path,
                                              GFileType       *type,
                                              guint64         *size,
                                              GCancellable    *cancellable,
                                              GError         **error);
/* The regular file @path, at most @max_size bytes (counted as read, not as announced):
 * a link, a FIFO or a device fails with G_IO_ERROR_NOT_REGULAR_FILE, a bigger file with
 * G_IO_ERROR_MESSAGE_TOO_LARGE, nothing there with G_IO_ERROR_NOT_FOUND. */
GBytes         *wm_site_location_load        (WmSiteLocation  *self,
                                              const char      *path,
                                              gsize            max_size,
                                              GCancellable    *cancellable,
                                              GError         **error);
/* The names in folder @dir. */
GStrv           wm_site_location_list        (WmSiteLocation  *self,
                                              const char      *dir,
                                              GCancellable    *cancellable,
                                              GError         **error);

G_END_DECLS
