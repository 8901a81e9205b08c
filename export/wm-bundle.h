/* wm-bundle.h — one tutorial, its screenshots and its history in a single file that
 * people send each other: an SQLite database of the library's own schema
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wm-review.h"
#include "wm-store.h"

G_BEGIN_DECLS

#define WM_BUNDLE_ERROR (wm_bundle_error_quark ())

typedef enum {
  WM_BUNDLE_ERROR_INVALID,      /* not a bundle, damaged, or something in it is refused */
  WM_BUNDLE_ERROR_TOO_LARGE,    /* over WM_BUNDLE_MAX_SIZE */
  WM_BUNDLE_ERROR_FAILED,       /* writing it failed */
} WmBundleError;

GQuark wm_bundle_error_quark (void);

#define WM_BUNDLE_SUFFIX   ".waymark"
/* Busy full-HD desktop screenshots are ~1 MB each: 267 such steps fit (bench/review);
 * plainer application screens are smaller. Room for a long tutorial, and no more. */
#define WM_BUNDLE_MAX_SIZE (256 * 1024 * 1024)
/* Where a shared library location keeps bundles waiting for review. */
#define WM_BUNDLE_INBOX    "inbox"

#define WM_TYPE_BUNDLE (wm_bundle_get_type ())

G_DECLARE_FINAL_TYPE (WmBundle, wm_bundle, WM, BUNDLE, GObject)

/* Writes the tutorial (steps, every screenshot, its history) to @dest, replacing it
 * atomically; @sender and @message say who sends it and why. */
gboolean     wm_bundle_write           (WmStore          *store,
                                        const char       *tutorial_id,
                                        GFile            *dest,
                                        const WmIdentity *sender,
                                        const char       *message,
                                        GError          **error);
/* "<tutorial id>-v<version>.waymark": built from checked values only, never a title. */
char        *wm_bundle_make_basename   (WmTutorial       *tutorial);

/* Reads an untrusted bundle: size-capped, opened read-only in memory with SQLite's
 * defensive settings (no triggers, views or extensions, schema not trusted, low limits),
 * its schema compared with the library's, every row checked and every screenshot fully
 * decoded. Anything odd fails with one clear line. */
WmBundle    *wm_bundle_load            (GFile            *file,
                                        GCancellable     *cancellable,
                                        GError          **error);
WmBundle    *wm_bundle_new_from_bytes  (GBytes           *contents,
                                        GError          **error);

/* The tutorial with its steps loaded. */
WmTutorial  *wm_bundle_get_tutorial    (WmBundle         *self);
/* WmImage, each referenced by a step, checked. */
GPtrArray   *wm_bundle_get_images      (WmBundle         *self);
/* WmHistoryEvent, oldest first. */
GPtrArray   *wm_bundle_get_history     (WmBundle         *self);
/* "Name <email>" of whoever sent it (else the tutorial's author); may be NULL. */
const char  *wm_bundle_get_sender      (WmBundle         *self);
const char  *wm_bundle_get_message     (WmBundle         *self);
gint64       wm_bundle_get_created_at  (WmBundle         *self);

/* Adds the bundle's tutorial to @store as a submitted draft (see wm_review_import()). */
gboolean     wm_bundle_import          (WmBundle         *self,
                                        WmStore          *store,
                                        WmImportOutcome  *outcome,
                                        guint            *version,
                                        GError          **error);

/* Drops a bundle of the tutorial into @location's review inbox, as a new file created
 * exclusively under an unpredictable name ("<id>-v<N>-<random>.waymark") in an inbox/ that
 * must be a real folder: nothing planted there is followed. Returns the file. */
GFile       *wm_bundle_send            (WmStore          *store,
                                        const char       *tutorial_id,
                                        GFile            *location,
                                        const WmIdentity *sender,
                                        const char       *message,
                                        GError          **error);
/* The bundles waiting in @location's inbox (GFile), oldest first. */
GPtrArray   *wm_bundle_list_inbox      (GFile            *location,
                                        GError          **error);

G_END_DECLS
