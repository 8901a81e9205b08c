/* wm-site-writer.h — writes a published library's files so no reader ever sees half of one
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wm-site-location.h"

G_BEGIN_DECLS

#define WM_TYPE_SITE_WRITER (wm_site_writer_get_type ())

G_DECLARE_FINAL_TYPE (WmSiteWriter, wm_site_writer, WM, SITE_WRITER, GObject)

/* Every file is written beside its destination (in the library's ".waymark-tmp" folder) and
 * then renamed over it, so a kill at any point leaves each file either old or new. Every
 * step goes through @location, so no link planted in the share is ever followed.
 *
 * For tests, $WAYMARK_PUBLISH_KILL_AFTER=N makes the process SIGKILL itself right after
 * the N-th file has been put in place, which is what a crash mid-publish looks like. */
/* The most any file of a library is read back (the catalogue, a model, a screenshot). */
#define WM_SITE_WRITER_MAX_LOAD (64 * 1024 * 1024)

WmSiteWriter *wm_site_writer_new               (WmSiteLocation *location);

/* Removes what an interrupted publish left in the temporary folder (the "<uuid>.part" files
 * it writes, nothing else). A ".waymark-tmp" that is not a real folder is refused. Call it
 * holding the lock. */
gboolean      wm_site_writer_clean             (WmSiteWriter  *self,
                                                GCancellable  *cancellable,
                                                GError       **error);

/* Replaces @path (relative to the root, "/"-separated) with @bytes. */
gboolean      wm_site_writer_replace           (WmSiteWriter  *self,
                                                const char    *path,
                                                GBytes        *bytes,
                                                GCancellable  *cancellable,
                                                GError       **error);
/* For content-addressed files: writes only when @path is not a regular file yet. */
gboolean      wm_site_writer_write_once        (WmSiteWriter  *self,
                                                const char    *path,
                                                GBytes        *bytes,
                                                GCancellable  *cancellable,
                                                GError       **error);
/* Writes only when the file's current bytes differ, so its mtime moves only on change. */
gboolean      wm_site_writer_write_if_changed  (WmSiteWriter  *self,
                                                const char    *path,
                                                GBytes        *bytes,
                                                GCancellable  *cancellable,
                                                GError       **error);
/* The file's bytes (at most WM_SITE_WRITER_MAX_LOAD), or NULL without an error when it does
 * not exist. */
GBytes       *wm_site_writer_load              (WmSiteWriter  *self,
                                                const char    *path,
                                                GCancellable  *cancellable,
                                                GError       **error);

guint         wm_site_writer_get_n_written     (WmSiteWriter  *self);
guint64       wm_site_writer_get_bytes_written (WmSiteWriter  *self);

G_END_DECLS
