/* wm-site-lock.h — one publisher at a time per library location, across hosts
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wm-site-location.h"

G_BEGIN_DECLS

#define WM_TYPE_SITE_LOCK (wm_site_lock_get_type ())

G_DECLARE_FINAL_TYPE (WmSiteLock, wm_site_lock, WM, SITE_LOCK, GObject)

/* Creates ".waymark-lock" in @location exclusively (O_EXCL|O_NOFOLLOW locally, the backend's
 * exclusive create on sftp/smb/dav), waiting up to @timeout_ms while another publisher holds
 * it. A lock left by a process that died on this host, not refreshed for ten minutes, dated
 * more than ten minutes ahead, or unreadable as one for ten seconds, is broken. Anything there
 * that is not a regular file (a link, a folder, a FIFO, a device) or is larger than a lock is
 * refused with one line, never followed or read. A lock whose owner could not be written
 * (a full disk) is removed at once. Dropping the last reference releases it. */
WmSiteLock *wm_site_lock_acquire (WmSiteLocation *location,
                                  guint           timeout_ms,
                                  GCancellable   *cancellable,
                                  GError        **error);
/* Tells other publishers the holder is alive: a long publish calls it now and then (it only
 * writes when the last refresh is a minute old), so its lock is never taken for stale. */
void        wm_site_lock_refresh (WmSiteLock    *self);
/* Whether the lock file is still this holder's. Another publisher that judged this one dead
 * (a host asleep for ten minutes) may have broken it and taken its own: a holder checks
 * before it writes what others merge with, and fails instead of writing over their work. */
gboolean    wm_site_lock_check   (WmSiteLock    *self,
                                  GCancellable  *cancellable,
                                  GError       **error);
/* Deletes the lock file, if it is still this holder's. */
void        wm_site_lock_release (WmSiteLock    *self);

G_END_DECLS
