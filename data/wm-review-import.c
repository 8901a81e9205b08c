/* wm-review-import.c — a tutorial someone sent in arrives as a submitted draft
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-review"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-review-private.h"
#include "wm-store-private.h"
#include "wm-util.h"

typedef struct {
  WmTutorial      *incoming;
  GPtrArray       *images;
  GPtrArray       *history;
  const char      *contributor;
  const char      *message;
  WmImportOutcome  outcome;
  guint            version;
} Import;

static gboolean
matches_a_revision (WmStore    *store,
                    WmTutorial *incoming)
{
  const char *id = wm_tutorial_get_id (incoming);
  g_autoptr(GPtrArray) revisions = wm_store_list_revisions (store, id, NULL);

  for (guint i = 0; revisions && i < revisions->len; i++)
    {
      guint v = wm_revision_get_version (g_ptr_array_index (revisions, i));
      g_autoptr(WmTutorial) old = wm_store_load_revision (store, id, v, NULL);

      if (old != NULL && wm_review_content_equal (old, incoming))
        return TRUE;
    }

  return FALSE;
}

static gboolean
slug_taken (sqlite3    *db,
            const char *slug,
            const char *id)
{
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "SELECT 1 FROM tutorials WHERE slug = ? AND id <> ?", NULL);

  if (stmt == NULL)
    return TRUE;

  wm_store_bind_text (stmt, 1, slug);
  wm_store_bind_text (stmt, 2, id);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* The version the library has now must stay readable after the import replaces it. */
static gboolean
keep_local_version (WmStore     *store,
                    WmTutorial  *local,
                    GError     **error)
{
  const char *id = wm_tutorial_get_id (local);
  g_autoptr(GPtrArray) revisions = wm_store_list_revisions (store, id, error);
  g_autoptr(WmRevision) rev = NULL;

  if (revisions == NULL)
    return FALSE;

  for (guint i = 0; i < revisions->len; i++)
    {
      WmRevision *r = g_ptr_array_index (revisions, i);

      if (wm_revision_get_version (r) == wm_tutorial_get_version (local) &&
          wm_revision_get_status (r) == WM_STATUS_APPROVED)
        return TRUE;
    }

  rev = wm_store_create_revision (store, id, wm_tutorial_get_author (local), NULL, error);
  return rev != NULL;
}

/* What the incoming tutorial becomes here: its content, our slug, versions and dates. */
static WmTutorial *
prepare (sqlite3    *db,
         Import     *im,
         WmTutorial *local)
{
  WmTutorial *t = wm_tutorial_copy (im->incoming);
  const char *slug = wm_tutorial_get_slug (t);

  if (local != NULL)
    {
      im->version = MAX (wm_tutorial_get_version (local) + 1, wm_tutorial_get_version (t));
      wm_tutorial_set_slug (t, wm_tutorial_get_slug (local));
      wm_tutorial_set_approved_version (t, wm_tutorial_get_approved_version (local));
      wm_tutorial_set_created_at (t, wm_tutorial_get_created_at (local));
    }
  else
    {
      im->version = MAX (1, wm_tutorial_get_version (t));
      /* Someone else's link name is only a suggestion; ours may already use it. */
      if (slug != NULL && slug_taken (db, slug, wm_tutorial_get_id (t)))
        wm_tutorial_set_slug (t, NULL);
      wm_tutorial_set_approved_version (t, 0);
    }

  wm_tutorial_set_version (t, im->version);
  wm_tutorial_set_status (t, WM_STATUS_IN_REVIEW);
  wm_tutorial_set_contributor (t, im->contributor);
  wm_tutorial_set_steps_loaded (t, TRUE);

  return t;
}

static gboolean
record_arrival (sqlite3     *db,
                Import      *im,
                WmTutorial  *local,
                GError     **error)
{
  g_autofree char *name = NULL, *email = NULL;
  g_autoptr(WmHistoryEvent) ev = NULL;

  wm_review_split_identity (im->contributor, &name, &email);
  ev = wm_history_event_new (wm_tutorial_get_id (im->incoming), im->version,
                             local ? (int) wm_tutorial_get_status (local) : WM_HISTORY_NO_STATUS,
                             WM_STATUS_IN_REVIEW, name, email,
                             im->message ? im->message : _("Sent in as a bundle"),
                             g_get_real_time ());

  return wm_review_insert_event (db, ev, error);
}

static gboolean
store_content (WmStore     *store,
               Import      *im,
               WmTutorial  *t,
               GError     **error)
{
  g_autoptr(WmRevision) rev = NULL;

  for (guint i = 0; im->images && i < im->images->len; i++)
    if (!wm_store_add_image (store, g_ptr_array_index (im->images, i), error))
      return FALSE;

  if (!wm_store_save_tutorial (store, t, error))
    return FALSE;

  if (im->history && !wm_review_add_history (store, im->history, error))
    return FALSE;

  rev = wm_store_create_revision (store, wm_tutorial_get_id (t), im->contributor, im->message,
                                  error);
  return rev != NULL;
}

static gboolean
import_txn (WmStore  *store,
            sqlite3  *db,
            gpointer  user_data,
            GError  **error)
{
  Import *im = user_data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WmTutorial) local = NULL;
  g_autoptr(WmTutorial) t = NULL;

  local = wm_store_load_tutorial (store, wm_tutorial_get_id (im->incoming), TRUE, &local_error);
  if (local == NULL && !g_error_matches (local_error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (local != NULL &&
      (wm_review_content_equal (local, im->incoming) || matches_a_revision (store, im->incoming)))
    {
      im->outcome = WM_IMPORT_UNCHANGED;
      im->version = wm_tutorial_get_version (local);
      return TRUE;
    }

  if (local != NULL && !keep_local_version (store, local, error))
    return FALSE;

  t = prepare (db, im, local);
  im->outcome = local ? WM_IMPORT_NEW_VERSION : WM_IMPORT_NEW;

  return store_content (store, im, t, error) && record_arrival (db, im, local, error);
}

gboolean
wm_review_import (WmStore          *store,
                  WmTutorial       *tutorial,
                  GPtrArray        *images,
                  GPtrArray        *history,
                  const char       *contributor,
                  const char       *message,
                  WmImportOutcome  *outcome,
                  guint            *out_version,
                  GError          **error)
{
  Import im = { tutorial, images, history, wm_str_or_null (contributor),
                wm_str_or_null (message), WM_IMPORT_UNCHANGED, 0 };

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (WM_IS_TUTORIAL (tutorial), FALSE);
  g_return_val_if_fail (wm_tutorial_get_steps_loaded (tutorial), FALSE);

  if (!wm_store_transaction (store, import_txn, &im, error))
    return FALSE;

  if (outcome != NULL)
    *outcome = im.outcome;
  if (out_version != NULL)
    *out_version = im.version;

  return TRUE;
}

gboolean
wm_review_holds (WmStore    *store,
                 WmTutorial *tutorial)
{
  g_autoptr(WmTutorial) local = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (WM_IS_TUTORIAL (tutorial), FALSE);

  local = wm_store_load_tutorial (store, wm_tutorial_get_id (tutorial), TRUE, NULL);

  return local != NULL &&
         (wm_review_content_equal (local, tutorial) || matches_a_revision (store, tutorial));
}
