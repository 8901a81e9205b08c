/* wm-site-catalog.h — what a published library holds: one entry per tutorial, merged by id
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wm-enums.h"

G_BEGIN_DECLS

/* One published tutorial as catalog.json lists it. */
typedef struct {
  char    *id;
  char    *slug;
  char    *title;
  char    *summary;
  WmStage  stage;
  GStrv    roles;
  guint    version;      /* the approved version the stable link shows */
  gint64   updated;      /* usec since the epoch, when that version was made */
  guint    n_steps;
  char    *thumbnail;    /* "images/thumbs/<hex>.png" or NULL */
  GArray  *versions;     /* guint, every version published under t/<slug>/v<N>/, ascending */
  char    *build;        /* fingerprint of the page generator that wrote the pages */
  char    *sort_key;     /* private: the title's collation key, made when first sorted */
} WmSiteEntry;

WmSiteEntry *wm_site_entry_new  (void);
void         wm_site_entry_free (WmSiteEntry *entry);
gboolean     wm_site_entry_has_version (const WmSiteEntry *entry,
                                        guint              version);
void         wm_site_entry_add_version (WmSiteEntry *entry,
                                        guint        version);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmSiteEntry, wm_site_entry_free)

WmSiteEntry *wm_site_entry_copy (const WmSiteEntry *entry);

#define WM_TYPE_SITE_CATALOG (wm_site_catalog_get_type ())

G_DECLARE_FINAL_TYPE (WmSiteCatalog, wm_site_catalog, WM, SITE_CATALOG, GObject)

/* The catalogue is split so that a republish of one tutorial rewrites a few small files,
 * whatever the library's size: catalog.json holds the library (title, address, count, the
 * fifty latest updates for the feed, the list of parts) and each tutorial's entry lives in
 * one of WM_SITE_CATALOG_N_PARTS parts, catalog/<nn>.json, chosen by its id. A part is read
 * only when one of its tutorials is looked up or changed. */
#define WM_SITE_CATALOG_N_PARTS 64
/* How many of the latest updates catalog.json (and so the Atom feed) carries. */
#define WM_SITE_CATALOG_N_RECENT 50

guint          wm_site_catalog_part_of      (const char    *id);
/* "catalog/0a.json" for @suffix ".json". */
char          *wm_site_catalog_part_path    (guint          part,
                                             const char    *suffix);

/* The largest catalogue file read back; a library of 10,000 tutorials has a few MB. */
#define WM_SITE_CATALOG_MAX_SIZE (32 * 1024 * 1024)

/* Whether JSON read from the share is not empty, small enough and nested shallowly enough to
 * be parsed at all (json-glib recurses once per level). */
gboolean       wm_site_json_is_bounded      (GBytes        *json);

/* A new library: every part known (empty). */
WmSiteCatalog *wm_site_catalog_new          (void);
/* Parses catalog.json; anything that is not one gives a clear error, as does one too large,
 * too deeply nested, with a field of the wrong type or too many entries, versions or roles.
 * Its "base_url" is ignored: the publisher sets its own. A catalogue of the
 * first format (every entry in catalog.json) is read whole: every part is then loaded and
 * changed, so the next write splits it. */
WmSiteCatalog *wm_site_catalog_new_from_bytes (GBytes        *json,
                                             GError       **error);
GBytes        *wm_site_catalog_to_json      (WmSiteCatalog *self);

gboolean       wm_site_catalog_part_is_loaded (WmSiteCatalog *self,
                                             guint          part);
/* Reads catalog/<nn>.json; NULL @json for a part that is not there yet (empty). */
gboolean       wm_site_catalog_load_part    (WmSiteCatalog *self,
                                             guint          part,
                                             GBytes        *json,
                                             GError       **error);
/* Whether an entry of @part changed since it was loaded. */
gboolean       wm_site_catalog_part_is_dirty (WmSiteCatalog *self,
                                             guint          part);
GBytes        *wm_site_catalog_part_to_json (WmSiteCatalog *self,
                                             guint          part);
/* The part's entries by stage, then title; the array does not own them. */
GPtrArray     *wm_site_catalog_list_part    (WmSiteCatalog *self,
                                             guint          part);

/* A stable id for the library (its Atom feed id), made at first publish. */
const char    *wm_site_catalog_get_library_id (WmSiteCatalog *self);
const char    *wm_site_catalog_get_title    (WmSiteCatalog *self);
void           wm_site_catalog_set_title    (WmSiteCatalog *self,
                                             const char    *title);
/* "https://help.example.com/library/" when the publisher was told, else NULL: links are
 * then relative. Always ends in "/". An invalid address (see wm_site_base_url_is_valid())
 * is dropped. */
const char    *wm_site_catalog_get_base_url (WmSiteCatalog *self);
void           wm_site_catalog_set_base_url (WmSiteCatalog *self,
                                             const char    *base_url);
/* The newest "updated" of all entries. */
gint64         wm_site_catalog_get_updated  (WmSiteCatalog *self);
/* How many tutorials the library holds, in every part. */
guint          wm_site_catalog_get_count    (WmSiteCatalog *self);
/* The latest updates, newest first (at most WM_SITE_CATALOG_N_RECENT); not owned. */
GPtrArray     *wm_site_catalog_get_recent   (WmSiteCatalog *self);

/* Looks in loaded parts only: load the id's part first. */
WmSiteEntry   *wm_site_catalog_lookup       (WmSiteCatalog *self,
                                             const char    *id);
/* The id of the tutorial published under @slug among loaded parts, or NULL. */
const char    *wm_site_catalog_lookup_slug  (WmSiteCatalog *self,
                                             const char    *slug);
/* Adds or replaces the entry of the same id (its part must be loaded); takes ownership. */
void           wm_site_catalog_take         (WmSiteCatalog *self,
                                             WmSiteEntry   *entry);

/* "t/<slug>/", or the absolute URL under the base URL. */
char          *wm_site_catalog_get_url      (WmSiteCatalog *self,
                                             const WmSiteEntry *entry);

/* Slugs become paths and links: lowercase ASCII letters, digits and dashes, not starting
 * with a dash, at most 200 bytes. */
gboolean       wm_site_slug_is_safe         (const char    *slug);
/* An http:// or https:// address with a host and no query or fragment; anything else (a
 * javascript: link in an edited catalogue…) is never written into pages. */
gboolean       wm_site_base_url_is_valid    (const char    *base_url);

/* RFC 3339 in UTC, as catalog.json and the feed write times. */
char          *wm_site_format_time          (gint64         usec);

G_END_DECLS
