/* wm-site-publisher.h — publishes a store's approved tutorials to a shared library location
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_SITE_PUBLISHER_ERROR (wm_site_publisher_error_quark ())

typedef enum {
  WM_SITE_PUBLISHER_ERROR_FAILED,
  WM_SITE_PUBLISHER_ERROR_NOT_APPROVED,   /* a tutorial asked for has no approved version */
  WM_SITE_PUBLISHER_ERROR_NOT_A_LIBRARY,  /* the location holds something else */
  WM_SITE_PUBLISHER_ERROR_UNREACHABLE,    /* cannot be reached, read or written */
  WM_SITE_PUBLISHER_ERROR_SLUG_TAKEN,     /* the tutorial's link belongs to another one there */
} WmSitePublisherError;

GQuark wm_site_publisher_error_quark (void);

#define WM_TYPE_SITE_PUBLISHER (wm_site_publisher_get_type ())

G_DECLARE_FINAL_TYPE (WmSitePublisher, wm_site_publisher, WM, SITE_PUBLISHER, GObject)

/* @location: any folder GIO can write (a path, smb://, sftp://, dav:// through gvfs). */
WmSitePublisher *wm_site_publisher_new            (WmStore          *store,
                                                   GFile            *location);
WmStore         *wm_site_publisher_get_store      (WmSitePublisher  *self);
GFile           *wm_site_publisher_get_location   (WmSitePublisher  *self);
/* Where readers reach the location ("https://help.example.com/tutorials/"): makes the links
 * in catalog.json, the feed and the embed snippets absolute. NULL keeps them relative. */
const char      *wm_site_publisher_get_base_url   (WmSitePublisher  *self);
void             wm_site_publisher_set_base_url   (WmSitePublisher  *self,
                                                   const char       *base_url);
/* The library's name on its pages; NULL keeps what the location has ("Tutorials"). */
const char      *wm_site_publisher_get_language   (WmSitePublisher  *self);
void             wm_site_publisher_set_language   (WmSitePublisher  *self,
                                                   const char       *language);
const char      *wm_site_publisher_get_title      (WmSitePublisher  *self);
void             wm_site_publisher_set_title      (WmSitePublisher  *self,
                                                   const char       *title);

/* The LRS readers' players send their statements to (README, "Adoption signals"): its xAPI
 * address (http or https, no query) and the write-only key the team made there ("KEY" as
 * the Basic credentials, or "KEY:SECRET"); NULL: no statements. */
const char      *wm_site_publisher_get_lrs_endpoint (WmSitePublisher *self);
void             wm_site_publisher_set_lrs        (WmSitePublisher  *self,
                                                   const char       *endpoint,
                                                   const char       *key);
/* "scheme://host[:port]" of an LRS address, or NULL when it cannot be one. */
char            *wm_site_lrs_origin               (const char       *endpoint);
/* Also write each tutorial's SCORM 1.2, SCORM 2004 and cmi5 packages beside it
 * (t/<slug>/<slug>-scorm12.zip, …), for an LMS admin to download. */
gboolean         wm_site_publisher_get_packages   (WmSitePublisher  *self);
void             wm_site_publisher_set_packages   (WmSitePublisher  *self,
                                                   gboolean          packages);

/* Publishes the newest approved version of each tutorial of @ids (ids, prefixes or slugs),
 * or of every tutorial that has one when @ids is NULL or empty. Only what changed is
 * written; the catalogue is merged with what other publishers put there, and written last.
 * A tutorial's slug is fixed in the store at its first publish. */
gboolean         wm_site_publisher_publish        (WmSitePublisher  *self,
                                                   const char * const *ids,
                                                   GCancellable     *cancellable,
                                                   GError          **error);
void             wm_site_publisher_publish_async  (WmSitePublisher  *self,
                                                   const char * const *ids,
                                                   GCancellable     *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer          user_data);
gboolean         wm_site_publisher_publish_finish (WmSitePublisher  *self,
                                                   GAsyncResult     *result,
                                                   GError          **error);

/* What the last publish did. */
guint            wm_site_publisher_get_n_published (WmSitePublisher *self);
/* The tutorials the library already had as they are (all of them, whoever published them). */
guint            wm_site_publisher_get_n_unchanged (WmSitePublisher *self);
guint            wm_site_publisher_get_n_files_written (WmSitePublisher *self);
/* The slugs of the tutorials the last publish wrote, in order. */
const char * const *wm_site_publisher_get_published_slugs (WmSitePublisher *self);

G_END_DECLS
