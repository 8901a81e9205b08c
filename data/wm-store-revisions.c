/* wm-store-revisions.c — immutable snapshots of a tutorial, one per version
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-store-private.h"

typedef struct {
  const char *tutorial_id;
  const char *author;
  const char *message;
  guint       version;
  WmRevision *result;
  WmTutorial *tutorial;
} Revision;

static gboolean
exec_bound (sqlite3      *db,
            sqlite3_stmt *stmt,
            GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (db, rc, WM_STORE_DOING_SAVE, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
existing_is_approved (sqlite3     *db,
                      const char  *id,
                      guint        version,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "SELECT status FROM revisions WHERE tutorial_id = ? AND version = ?", error);

  if (stmt == NULL)
    return TRUE;

  wm_store_bind_text (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, (int) version);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "approved") == 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CONFLICT,
                   _("Version %u is approved and cannot change; edit to start version %u"),
                   version, version + 1);
      return TRUE;
    }

  return FALSE;
}

static gboolean
insert_revision_images (sqlite3     *db,
                        WmTutorial  *t,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "INSERT OR IGNORE INTO revision_images (tutorial_id, version, image) VALUES (?, ?, ?)",
    error);
  GListModel *steps = wm_tutorial_get_steps (t);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      const char *sha = wm_step_get_image_sha256 (wm_tutorial_get_step (t, i));

      if (sha == NULL)
        continue;

      sqlite3_reset (stmt);
      wm_store_bind_text (stmt, 1, wm_tutorial_get_id (t));
      sqlite3_bind_int (stmt, 2, (int) wm_tutorial_get_version (t));
      wm_store_bind_text (stmt, 3, sha);
      if (!exec_bound (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
create_revision_txn (WmStore  *self,
                     sqlite3  *db,
                     gpointer  user_data,
                     GError  **error)
{
  Revision *r = user_data;
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GVariant) snapshot = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now = g_get_real_time ();
  guint version;

  t = wm_store_load_tutorial (self, r->tutorial_id, TRUE, error);
  if (t == NULL)
    return FALSE;

  version = wm_tutorial_get_version (t);
  if (existing_is_approved (db, r->tutorial_id, version, error))
    return FALSE;

  snapshot = g_variant_ref_sink (wm_tutorial_serialize (t));
  stmt = wm_store_prepare (db,
    "INSERT OR REPLACE INTO revisions (tutorial_id, version, status, author, message,"
    "  created_at, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, r->tutorial_id);
  sqlite3_bind_int (stmt, 2, (int) version);
  wm_store_bind_text (stmt, 3, wm_status_to_string (wm_tutorial_get_status (t)));
  wm_store_bind_text (stmt, 4, r->author);
  wm_store_bind_text (stmt, 5, r->message);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_blob64 (stmt, 7, g_variant_get_data (snapshot), g_variant_get_size (snapshot),
                       SQLITE_TRANSIENT);

  if (!exec_bound (db, stmt, error) || !insert_revision_images (db, t, error))
    return FALSE;

  r->result = wm_revision_new (r->tutorial_id, version, wm_tutorial_get_status (t),
                               r->author, r->message, now);
  return TRUE;
}

WmRevision *
wm_store_create_revision (WmStore     *self,
                          const char  *tutorial_id,
                          const char  *author,
                          const char  *message,
                          GError     **error)
{
  Revision r = { tutorial_id, author, message, 0, NULL, NULL };

  g_return_val_if_fail (WM_IS_STORE (self), NULL);
  g_return_val_if_fail (tutorial_id != NULL, NULL);

  if (!wm_store_transaction (self, create_revision_txn, &r, error))
    return NULL;

  return r.result;
}

static gboolean
list_revisions_txn (WmStore  *self,
                    sqlite3  *db,
                    gpointer  user_data,
                    GError  **error)
{
  gpointer *args = user_data;
  GPtrArray *out = args[1];
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "SELECT version, status, author, message, created_at FROM revisions"
    " WHERE tutorial_id = ? ORDER BY version", error);

  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, args[0]);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      WmStatus status = WM_STATUS_DRAFT;

      wm_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &status);
      g_ptr_array_add (out, wm_revision_new (args[0], sqlite3_column_int (stmt, 0), status,
                                             (const char *) sqlite3_column_text (stmt, 2),
                                             (const char *) sqlite3_column_text (stmt, 3),
                                             sqlite3_column_int64 (stmt, 4)));
    }

  return TRUE;
}

GPtrArray *
wm_store_list_revisions (WmStore     *self,
                         const char  *tutorial_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  gpointer args[2] = { (gpointer) tutorial_id, out };

  g_return_val_if_fail (WM_IS_STORE (self), NULL);
  g_return_val_if_fail (tutorial_id != NULL, NULL);

  if (!wm_store_read (self, list_revisions_txn, args, error))
    return NULL;

  return g_steal_pointer (&out);
}

static gboolean
load_revision_txn (WmStore  *self,
                   sqlite3  *db,
                   gpointer  user_data,
                   GError  **error)
{
  Revision *r = user_data;
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "SELECT snapshot FROM revisions WHERE tutorial_id = ? AND version = ?", error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) snapshot = NULL;

  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, r->tutorial_id);
  sqlite3_bind_int (stmt, 2, (int) r->version);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("Tutorial “%s” has no version %u"), r->tutorial_id, r->version);
      return FALSE;
    }

  /* Not trusted: a snapshot may come from a bundle someone else made. */
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  snapshot = g_variant_ref_sink (g_variant_new_from_bytes (
      G_VARIANT_TYPE (WM_TUTORIAL_VARIANT_TYPE), bytes, FALSE));
  r->tutorial = wm_tutorial_deserialize (snapshot, error);

  return r->tutorial != NULL;
}

WmTutorial *
wm_store_load_revision (WmStore     *self,
                        const char  *tutorial_id,
                        guint        version,
                        GError     **error)
{
  Revision r = { tutorial_id, NULL, NULL, version, NULL, NULL };

  g_return_val_if_fail (WM_IS_STORE (self), NULL);
  g_return_val_if_fail (tutorial_id != NULL, NULL);

  if (!wm_store_read (self, load_revision_txn, &r, error))
    return NULL;

  return r.tutorial;
}
