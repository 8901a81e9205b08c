/* wm-site-writer.h — writes a published library's files so no reader ever sees half of one
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WM_TYPE_SITE_WRITER (wm_site_writer_get_type ())

G_DECLARE_FINAL_TYPE (WmSiteWriter, wm_site_writer, WM, SITE_WRITER, GObject)

/* Every file is written beside its destination (in the library's ".waymark-tmp" folder) and
 * then renamed over it, so a kill at any point leaves each file either old or new.
 *
 * For tests, $WAYMARK_PUBLISH_KILL_AFTER=N makes the process SIGKILL itself right after
 * the N-th file has been put in place, which is what a crash mid-publish looks like. */
WmSiteWriter *wm_site_writer_new               (GFile         *root);
GFile        *wm_site_writer_get_root          (WmSiteWriter  *self);

/* Removes what an interrupted publish left in the temporary folder. Call it holding the lock. */
gboolean      wm_site_writer_clean             (WmSiteWriter  *self,
                                                GCancellable  *cancellable,
                                                GError       **error);

/* Replaces @path (relative to the root, "/"-separated) with @bytes. */
gboolean      wm_site_writer_replace           (WmSiteWriter  *self,
                                                const char    *path,
                                                GBytes        *bytes,
                                                GCancellable  *cancellable,
                                                GError       **error);
/* For content-addressed files: writes only when @path does not exist yet. */
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
/* The file's bytes, or NULL without an error when it does not exist. */
GBytes       *wm_site_writer_load              (WmSiteWriter  *self,
                                                const char    *path,
                                                GCancellable  *cancellable,
                                                GError       **error);

guint         wm_site_writer_get_n_written     (WmSiteWriter  *self);
guint64       wm_site_writer_get_bytes_written (WmSiteWriter  *self);

G_END_DECLS
