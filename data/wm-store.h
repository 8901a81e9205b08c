/* wm-store.h — the tutorial library: one SQLite file holding tutorials, steps, images,
 * revisions and the review history
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wm-enums.h"
#include "wm-image.h"
#include "wm-revision.h"
#include "wm-signals.h"
#include "wm-step.h"
#include "wm-tutorial.h"

G_BEGIN_DECLS

#define WM_STORE_ERROR (wm_store_error_quark ())

typedef enum {
  WM_STORE_ERROR_FAILED,
  WM_STORE_ERROR_NOT_FOUND,      /* no tutorial/step/image/revision by that id */
  WM_STORE_ERROR_AMBIGUOUS,      /* an id prefix matches several tutorials */
  WM_STORE_ERROR_TOO_NEW,        /* made by a newer Waymark */
  WM_STORE_ERROR_CORRUPT,        /* not a Waymark library, or damaged */
  WM_STORE_ERROR_LOCKED,         /* another process holds the write lock too long */
  WM_STORE_ERROR_READ_ONLY,      /* the file or its folder cannot be written */
  WM_STORE_ERROR_INVALID,        /* a value the model does not accept */
  WM_STORE_ERROR_INVALID_IMAGE,  /* not a PNG, or one the store refuses */
  WM_STORE_ERROR_CONFLICT,       /* a state change that does not apply (e.g. approve a draft) */
} WmStoreError;

GQuark wm_store_error_quark (void);

/* The schema version this build writes; opening reads every earlier one and migrates. */
#define WM_STORE_SCHEMA_VERSION 5

#define WM_TYPE_STORE (wm_store_get_type ())

G_DECLARE_FINAL_TYPE (WmStore, wm_store, WM, STORE, GObject)

/* What a list asks for. Zero-initialise, then set what matters: a stage/status of -1
 * (the _ANY values) and NULL strings match everything. */
typedef struct {
  int         stage;          /* WmStage or WM_FILTER_ANY */
  int         status;         /* WmStatus or WM_FILTER_ANY */
  const char *role;
  const char *search;         /* full-text query as typed by a person */
  guint       limit;          /* 0 = no limit */
  guint       offset;
} WmFilter;

#define WM_FILTER_ANY (-1)
#define WM_FILTER_INIT { WM_FILTER_ANY, WM_FILTER_ANY, NULL, NULL, 0, 0 }

/* $WAYMARK_LIBRARY, else $XDG_DATA_HOME/waymark/library.db. */
char         *wm_store_get_default_path  (void);

/* Opens or creates the library at @path (its folder is created too) and migrates it.
 * A newer, corrupt, locked or read-only file fails with a clear message and is left
 * exactly as it was. Each WmStore owns one connection guarded by a mutex: it may be used
 * from any thread; for concurrency open one store per thread (WAL lets readers run
 * beside one writer). */
WmStore      *wm_store_open              (const char   *path,
                                          GError      **error);
/* Opens an existing library without ever writing to it (bundles, inspection). */
WmStore      *wm_store_open_read_only    (const char   *path,
                                          GError      **error);
const char   *wm_store_get_path          (WmStore      *self);
int           wm_store_get_schema_version (WmStore     *self);

/* "id" is looked up as a full UUID first, then as a unique prefix of one (at least 4
 * characters), then as a slug; a prefix of one tutorial's id that is another's slug is
 * WM_STORE_ERROR_AMBIGUOUS, naming both. Returns the full id. */
char         *wm_store_resolve_id        (WmStore      *self,
                                          const char   *id,
                                          GError      **error);

/* Inserts or updates the tutorial's fields, and when its steps are loaded, replaces its
 * steps with them; one transaction. Sets updated_at (and created_at when new). Every
 * step's image must already be in the store. A slug, once stored, may not change
 * (WM_STORE_ERROR_CONFLICT). */
gboolean      wm_store_save_tutorial     (WmStore      *self,
                                          WmTutorial   *tutorial,
                                          GError      **error);
/* Saves an edit to a tutorial whose steps are loaded, writing only what differs from the
 * library: the tutorial's own fields and roles, the steps in @changed (their fields and
 * marks; NULL for none), steps added or removed, and the positions of steps that moved. One
 * transaction, with wm_store_save_tutorial()'s checks and its review rule (an edit to a
 * decided version starts a new one); the editor's way of saving. */
gboolean      wm_store_save_edit         (WmStore      *self,
                                          WmTutorial   *tutorial,
                                          GPtrArray    *changed,
                                          GError      **error);
/* With steps (and their annotations) when @with_steps. */
WmTutorial   *wm_store_load_tutorial     (WmStore      *self,
                                          const char   *id,
                                          gboolean      with_steps,
                                          GError      **error);
/* Tutorials without steps (n_steps and thumbnail filled), newest update first, or by
 * relevance when searching. */
GPtrArray    *wm_store_list_tutorials    (WmStore      *self,
                                          const WmFilter *filter,
                                          GError      **error);
guint         wm_store_count_tutorials   (WmStore      *self,
                                          const WmFilter *filter,
                                          GError      **error);
/* Tutorials with an approved version whose row changed at or after @since (updated_at,
 * usec), as wm_store_list_tutorials() fills them, oldest first; sets @newest to the
 * newest updated_at in the whole library, the @since for the next call. Publishing uses it
 * to look only at what changed since its last run. */
GPtrArray    *wm_store_list_approved_since (WmStore    *self,
                                            gint64      since,
                                            gint64     *newest,
                                            GError    **error);
/* Fixes the link name of a tutorial that has none yet, without counting as an edit (its
 * updated_at stays). Does nothing when it already has one. A slug another tutorial has
 * gives WM_STORE_ERROR_CONFLICT. */
gboolean      wm_store_set_slug          (WmStore      *self,
                                          const char   *id,
                                          const char   *slug,
                                          GError      **error);
/* The id of the tutorial whose link name is @slug, or NULL (also on errors). */
char         *wm_store_lookup_slug       (WmStore      *self,
                                          const char   *slug);
/* Every role in use, plus the defaults, sorted. */
GStrv         wm_store_list_roles        (WmStore      *self,
                                          GError      **error);
/* counts[role_index * WM_N_STAGES + stage] for roles as wm_store_list_roles() returns
 * them; tutorials with no role are counted under "" (last). */
gboolean      wm_store_count_journey     (WmStore      *self,
                                          GStrv        *roles,
                                          guint       **counts,
                                          GError      **error);
gboolean      wm_store_delete_tutorial   (WmStore      *self,
                                          const char   *id,
                                          GError      **error);

/* Adds @step (and @image when given, stored once by content) at the end of the
 * tutorial, in one transaction; sets the step's position and image. This is the path
 * capture takes: each step is durable as soon as it returns. */
gboolean      wm_store_append_step       (WmStore      *self,
                                          const char   *tutorial_id,
                                          WmStep       *step,
                                          WmImage      *image,
                                          GError      **error);

/* The same for several steps at once: all are added, or none (add-images, import).
 * @images holds the WmImage of each step or NULL, index for index; may be NULL. */
gboolean      wm_store_append_steps      (WmStore      *self,
                                          const char   *tutorial_id,
                                          GPtrArray    *steps,
                                          GPtrArray    *images,
                                          GError      **error);

/* Images are stored once per SHA-256; adding a known one costs a lookup. */
gboolean      wm_store_add_image         (WmStore      *self,
                                          WmImage      *image,
                                          GError      **error);
WmImage      *wm_store_load_image        (WmStore      *self,
                                          const char   *sha256,
                                          GError      **error);
gboolean      wm_store_has_image         (WmStore      *self,
                                          const char   *sha256);

/* Revisions: immutable snapshots. create_revision() snapshots the tutorial as it is
 * stored now, at its current version (replacing nothing: a version is written once). */
WmRevision   *wm_store_create_revision   (WmStore      *self,
                                          const char   *tutorial_id,
                                          const char   *author,
                                          const char   *message,
                                          GError      **error);
GPtrArray    *wm_store_list_revisions    (WmStore      *self,
                                          const char   *tutorial_id,
                                          GError      **error);
/* The tutorial as it was at @version, steps loaded. */
WmTutorial   *wm_store_load_revision     (WmStore      *self,
                                          const char   *tutorial_id,
                                          guint         version,
                                          GError      **error);

/* How long a write waits for another process's transaction before failing with
 * WM_STORE_ERROR_LOCKED (default 5000 ms). */
void          wm_store_set_busy_timeout  (WmStore      *self,
                                          guint         msec);

/* Deletes images no step and no revision refers to; returns how many went. The app
 * calls it once a delete can no longer be undone. */
gboolean      wm_store_collect_garbage   (WmStore      *self,
                                          guint        *n_removed,
                                          GError      **error);

/* Library-wide settings (e.g. "review.distinct-approver"), NULL when unset. */
/* Adoption signals (wm-store-signals.c): @signals (WmSignal) are kept once each by
 * statement id; @n_added says how many were new. Summaries per tutorial and version
 * (WmSignalSummary), of @tutorial_id's or, with NULL, of every tutorial. */
gboolean      wm_store_add_signals       (WmStore      *self,
                                          GPtrArray    *signals,
                                          guint        *n_added,
                                          GError      **error);
GPtrArray    *wm_store_list_signal_summaries (WmStore  *self,
                                              const char *tutorial_id,
                                              GError  **error);

char         *wm_store_get_setting       (WmStore      *self,
                                          const char   *key);
gboolean      wm_store_set_setting       (WmStore      *self,
                                          const char   *key,
                                          const char   *value,
                                          GError      **error);

G_END_DECLS
