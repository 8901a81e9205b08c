/* wm-review.h — the review workflow: draft → in review → approved or changes requested,
 * every transition recorded with who, when and why
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wm-history-event.h"
#include "wm-store.h"

G_BEGIN_DECLS

/* Library setting: "true" when an approver may not be the tutorial's author. */
#define WM_REVIEW_DISTINCT_APPROVER "review.distinct-approver"

/* Who acts. A desktop app has no login: this is the name and email a person set in the
 * app's preferences (or on the command line), recorded as given. */
typedef struct {
  const char *name;
  const char *email;
} WmIdentity;

/* draft or changes-requested → in-review. Snapshots the submitted version as a revision.
 * A tutorial without steps cannot be submitted. */
gboolean    wm_review_submit            (WmStore          *store,
                                         const char       *tutorial_id,
                                         const WmIdentity *who,
                                         const char       *message,
                                         GError          **error);
/* in-review → approved: the version becomes immutable (an approved revision) and
 * approved_version points at it. Honours WM_REVIEW_DISTINCT_APPROVER. */
gboolean    wm_review_approve           (WmStore          *store,
                                         const char       *tutorial_id,
                                         const WmIdentity *who,
                                         const char       *comment,
                                         GError          **error);
/* in-review → changes-requested, with an overall @comment (required) and optional
 * WmStepComment pins; each pin's position (0-based) must name a step of the reviewed
 * version, and its step_id is filled in from it. */
gboolean    wm_review_request_changes   (WmStore          *store,
                                         const char       *tutorial_id,
                                         const WmIdentity *who,
                                         const char       *comment,
                                         GPtrArray        *step_comments,
                                         GError          **error);
/* in-review or changes-requested → draft (the author takes it back). */
gboolean    wm_review_back_to_draft     (WmStore          *store,
                                         const char       *tutorial_id,
                                         const WmIdentity *who,
                                         const char       *message,
                                         GError          **error);

/* Every transition of the tutorial, oldest first, as WmHistoryEvent. */
GPtrArray  *wm_review_list_history      (WmStore          *store,
                                         const char       *tutorial_id,
                                         GError          **error);
/* Adds events (e.g. from a bundle) that are not recorded yet; one transaction. */
gboolean    wm_review_add_history       (WmStore          *store,
                                         GPtrArray        *events,
                                         GError          **error);

/* The tutorial at @version, steps loaded: the working copy for the current version,
 * otherwise its revision. */
WmTutorial *wm_review_load_version      (WmStore          *store,
                                         const char       *tutorial_id,
                                         guint             version,
                                         GError          **error);
/* The version `diff ID` compares the current one with: the approved version if there is
 * an older one, else the previous version; 0 when there is nothing to compare. */
guint       wm_review_default_base      (WmTutorial       *tutorial);

/* TRUE when what a reader sees is the same: title, summary, stage, roles and — when
 * both have them loaded — the steps (ids and content, in order). */
gboolean    wm_review_content_equal     (WmTutorial       *a,
                                         WmTutorial       *b);

typedef enum {
  WM_IMPORT_NEW,          /* a tutorial the library did not have */
  WM_IMPORT_NEW_VERSION,  /* a known tutorial, arrived as a new version */
  WM_IMPORT_UNCHANGED,    /* the library already has exactly this */
} WmImportOutcome;

/* Adds a tutorial that someone sent in (a bundle): in one transaction, its @images
 * (WmImage, already validated), the tutorial as a submitted draft (in-review) marked
 * with @contributor, and its @history (WmHistoryEvent). Importing the same content again
 * changes nothing; different content of a known tutorial arrives as a new version.
 * @tutorial is not modified; *out_version is the version it was stored as. */
gboolean    wm_review_import            (WmStore          *store,
                                         WmTutorial       *tutorial,
                                         GPtrArray        *images,
                                         GPtrArray        *history,
                                         const char       *contributor,
                                         const char       *message,
                                         WmImportOutcome  *outcome,
                                         guint            *out_version,
                                         GError          **error);
/* Whether @store already holds exactly @tutorial's content (as it is now, or as one of its
 * versions): importing it would change nothing. */
gboolean    wm_review_holds             (WmStore          *store,
                                         WmTutorial       *tutorial);

G_END_DECLS
