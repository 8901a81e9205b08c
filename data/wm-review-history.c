/* wm-review-history.c — reading the review history, versions to compare, and the rule
 * that an edit to a decided version starts a new one
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

/* History --------------------------------------------------------------------------- */

typedef struct {
  const char *id;
  GPtrArray  *events;
} History;

static const char *
text_at (sqlite3_stmt *stmt,
         int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static WmHistoryEvent *
event_from_row (sqlite3_stmt *stmt)
{
  WmStatus from = WM_STATUS_DRAFT, to = WM_STATUS_DRAFT;
  gboolean has_from = wm_status_from_string (text_at (stmt, 2), &from);

  wm_status_from_string (text_at (stmt, 3), &to);

  return wm_history_event_new (text_at (stmt, 0), sqlite3_column_int (stmt, 1),
                               has_from ? (int) from : WM_HISTORY_NO_STATUS, to,
                               text_at (stmt, 4), text_at (stmt, 5), text_at (stmt, 6),
                               sqlite3_column_int64 (stmt, 7));
}

static gboolean
load_pins (sqlite3     *db,
           GHashTable  *by_rowid,
           const char  *id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "SELECT c.event, c.step_id, c.position, c.comment FROM step_comments c"
    " JOIN events e ON e.rowid = c.event WHERE e.tutorial_id = ? ORDER BY c.rowid", error);

  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      WmHistoryEvent *ev = g_hash_table_lookup (by_rowid,
                                                GINT_TO_POINTER (sqlite3_column_int64 (stmt, 0)));

      if (ev != NULL)
        wm_history_event_add_step_comment (ev, text_at (stmt, 1),
                                           (guint) MAX (0, sqlite3_column_int (stmt, 2)),
                                           text_at (stmt, 3));
    }

  return TRUE;
}

static gboolean
list_history_txn (WmStore  *store,
                  sqlite3  *db,
                  gpointer  user_data,
                  GError  **error)
{
  History *h = user_data;
  g_autoptr(GHashTable) by_rowid = g_hash_table_new (NULL, NULL);
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "SELECT tutorial_id, version, from_status, to_status, who, email, message, at, rowid"
    " FROM events WHERE tutorial_id = ? ORDER BY at, rowid", error);

  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, h->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      WmHistoryEvent *ev = event_from_row (stmt);

      g_ptr_array_add (h->events, ev);
      g_hash_table_insert (by_rowid, GINT_TO_POINTER (sqlite3_column_int64 (stmt, 8)), ev);
    }

  return load_pins (db, by_rowid, h->id, error);
}

GPtrArray *
wm_review_list_history (WmStore     *store,
                        const char  *tutorial_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  History h = { tutorial_id, events };

  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (tutorial_id != NULL, NULL);

  if (!wm_store_read (store, list_history_txn, &h, error))
    return NULL;

  return g_steal_pointer (&events);
}

static gboolean
event_known (sqlite3        *db,
             WmHistoryEvent *ev)
{
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "SELECT 1 FROM events WHERE tutorial_id = ? AND version = ? AND to_status = ?"
    " AND at = ? AND who IS ?", NULL);

  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, wm_history_event_get_tutorial_id (ev));
  sqlite3_bind_int (stmt, 2, (int) wm_history_event_get_version (ev));
  wm_store_bind_text (stmt, 3, wm_status_to_string (wm_history_event_get_to_status (ev)));
  sqlite3_bind_int64 (stmt, 4, wm_history_event_get_at (ev));
  wm_store_bind_text (stmt, 5, wm_str_or_null (wm_history_event_get_who (ev)));

  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
add_history_txn (WmStore  *store,
                 sqlite3  *db,
                 gpointer  user_data,
                 GError  **error)
{
  GPtrArray *events = user_data;

  for (guint i = 0; i < events->len; i++)
    {
      WmHistoryEvent *ev = g_ptr_array_index (events, i);

      if (!event_known (db, ev) && !wm_review_insert_event (db, ev, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
wm_review_add_history (WmStore    *store,
                       GPtrArray  *events,
                       GError    **error)
{
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);

  return wm_store_transaction (store, add_history_txn, events, error);
}

/* Versions -------------------------------------------------------------------------- */

WmTutorial *
wm_review_load_version (WmStore     *store,
                        const char  *tutorial_id,
                        guint        version,
                        GError     **error)
{
  g_autoptr(WmTutorial) current = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (tutorial_id != NULL, NULL);

  current = wm_store_load_tutorial (store, tutorial_id, TRUE, error);
  if (current == NULL)
    return NULL;

  if (version == wm_tutorial_get_version (current))
    return g_steal_pointer (&current);

  if (version == 0 || version > wm_tutorial_get_version (current))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("“%s” has no version %u (versions 1 to %u)"),
                   wm_tutorial_get_title (current), version,
                   wm_tutorial_get_version (current));
      return NULL;
    }

  return wm_store_load_revision (store, tutorial_id, version, error);
}

guint
wm_review_default_base (WmTutorial *tutorial)
{
  guint version, approved;

  g_return_val_if_fail (WM_IS_TUTORIAL (tutorial), 0);

  version = wm_tutorial_get_version (tutorial);
  approved = wm_tutorial_get_approved_version (tutorial);

  if (approved > 0 && approved < version)
    return approved;

  return version - 1;
}

/* Edits to decided versions --------------------------------------------------------- */

typedef struct {
  WmStatus status;
  guint    version;
  guint    approved_version;
} Stored;

static gboolean
read_stored (sqlite3     *db,
             const char  *id,
             Stored      *out)
{
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "SELECT status, version, approved_version FROM tutorials WHERE id = ?", NULL);

  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;

  out->status = WM_STATUS_DRAFT;
  wm_status_from_string (text_at (stmt, 0), &out->status);
  out->version = sqlite3_column_int (stmt, 1);
  out->approved_version = sqlite3_column_int (stmt, 2);

  return TRUE;
}

static gboolean
has_approved_revision (sqlite3    *db,
                       const char *id,
                       guint       version)
{
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "SELECT 1 FROM revisions WHERE tutorial_id = ? AND version = ? AND status = 'approved'",
    NULL);

  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, (int) version);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Works out where an edit takes the stored tutorial: the new version and status. The
 * decided version must survive as a revision before the row is overwritten. */
static gboolean
plan_edit (WmStore     *store,
           sqlite3     *db,
           const char  *id,
           Stored      *stored,
           guint       *version,
           GError     **error)
{
  *version = stored->version;

  if (stored->status == WM_STATUS_IN_REVIEW)
    return TRUE;

  if (stored->status == WM_STATUS_APPROVED && !has_approved_revision (db, id, stored->version))
    {
      g_autoptr(WmRevision) rev = wm_store_create_revision (store, id, NULL, NULL, error);

      if (rev == NULL)
        return FALSE;
    }

  *version = stored->version + 1;
  return TRUE;
}

static gboolean
record_edit (sqlite3     *db,
             const char  *id,
             Stored      *stored,
             guint        version,
             GError     **error)
{
  g_autoptr(WmHistoryEvent) ev = NULL;
  g_autofree char *message = NULL;

  message = version > stored->version ?
    g_strdup_printf (_("Edited: version %u started; version %u stays as it was"), version,
                     stored->version) :
    g_strdup (_("Edited during review: back to draft"));
  ev = wm_history_event_new (id, version, stored->status, WM_STATUS_DRAFT, NULL, NULL, message,
                             g_get_real_time ());

  return wm_review_insert_event (db, ev, error);
}

static gboolean
is_decided (WmStatus status)
{
  return status == WM_STATUS_APPROVED || status == WM_STATUS_CHANGES_REQUESTED ||
         status == WM_STATUS_IN_REVIEW;
}

gboolean
wm_review_guard_save (WmStore     *store,
                      sqlite3     *db,
                      WmTutorial  *tutorial,
                      GError     **error)
{
  const char *id = wm_tutorial_get_id (tutorial);
  g_autoptr(WmTutorial) before = NULL;
  Stored stored;
  guint version;

  /* A caller that sets the version itself (an import) manages versions on its own. */
  if (!read_stored (db, id, &stored) || !is_decided (stored.status) ||
      wm_tutorial_get_version (tutorial) != stored.version)
    return TRUE;

  before = wm_store_load_tutorial (store, id, wm_tutorial_get_steps_loaded (tutorial), error);
  if (before == NULL)
    return FALSE;
  if (wm_review_content_equal (before, tutorial))
    return TRUE;

  if (!plan_edit (store, db, id, &stored, &version, error) ||
      !record_edit (db, id, &stored, version, error))
    return FALSE;

  wm_tutorial_set_version (tutorial, version);
  wm_tutorial_set_approved_version (tutorial, stored.approved_version);
  wm_tutorial_set_status (tutorial, WM_STATUS_DRAFT);

  return TRUE;
}

gboolean
wm_review_guard_append (WmStore     *store,
                        sqlite3     *db,
                        const char  *tutorial_id,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Stored stored;
  guint version;

  if (!read_stored (db, tutorial_id, &stored) || !is_decided (stored.status))
    return TRUE;

  if (!plan_edit (store, db, tutorial_id, &stored, &version, error) ||
      !record_edit (db, tutorial_id, &stored, version, error))
    return FALSE;

  stmt = wm_store_prepare (db, "UPDATE tutorials SET status = 'draft', version = ? WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, (int) version);
  wm_store_bind_text (stmt, 2, tutorial_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (db, sqlite3_errcode (db), WM_STORE_DOING_SAVE, error);
      return FALSE;
    }

  return TRUE;
}
