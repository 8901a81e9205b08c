/* wm-store-tutorials.c — saving, loading, appending to and deleting tutorials in the store
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-review-private.h"
#include "wm-store-private.h"
#include "wm-util.h"

/* Tutorials ------------------------------------------------------------------------- */

static gboolean
check_slug_unchanged (sqlite3     *db,
                      WmTutorial  *tutorial,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *stored;

  stmt = wm_store_prepare (db, "SELECT slug FROM tutorials WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, wm_tutorial_get_id (tutorial));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;

  /* The slug is the tutorial's public link: once set, it is forever. */
  stored = wm_store_column_text (stmt, 0);
  if (stored != NULL && g_strcmp0 (stored, wm_tutorial_get_slug (tutorial)) != 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CONFLICT,
                   _("The link of “%s” is fixed as “%s” and cannot change"),
                   wm_tutorial_get_title (tutorial), stored);
      return FALSE;
    }

  return TRUE;
}

static gint64
upsert_tutorial (sqlite3     *db,
                 WmTutorial  *t,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = wm_store_prepare (db,
    "INSERT INTO tutorials (id, slug, title, summary, stage, status, version, approved_version,"
    "  author, contributor, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    " ON CONFLICT (id) DO UPDATE SET slug = ?2, title = ?3, summary = ?4, stage = ?5,"
    "  status = ?6, version = ?7, approved_version = ?8, author = ?9, contributor = ?10,"
    "  updated_at = ?12"
    " RETURNING rowid", error);
  if (stmt == NULL)
    return -1;

  wm_store_bind_text (stmt, 1, wm_tutorial_get_id (t));
  wm_store_bind_text (stmt, 2, wm_tutorial_get_slug (t));
  wm_store_bind_text (stmt, 3, wm_tutorial_get_title (t));
  wm_store_bind_text (stmt, 4, wm_tutorial_get_summary (t));
  wm_store_bind_text (stmt, 5, wm_stage_to_string (wm_tutorial_get_stage (t)));
  wm_store_bind_text (stmt, 6, wm_status_to_string (wm_tutorial_get_status (t)));
  sqlite3_bind_int (stmt, 7, (int) wm_tutorial_get_version (t));
  sqlite3_bind_int (stmt, 8, (int) wm_tutorial_get_approved_version (t));
  wm_store_bind_text (stmt, 9, wm_tutorial_get_author (t));
  wm_store_bind_text (stmt, 10, wm_tutorial_get_contributor (t));
  sqlite3_bind_int64 (stmt, 11, wm_tutorial_get_created_at (t));
  sqlite3_bind_int64 (stmt, 12, wm_tutorial_get_updated_at (t));

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      wm_store_set_sqlite_error (db, sqlite3_errcode (db), WM_STORE_DOING_SAVE, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
save_roles (sqlite3     *db,
            gint64       rowid,
            WmTutorial  *t,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;
  const char * const *roles = wm_tutorial_get_roles (t);

  del = wm_store_prepare (db, "DELETE FROM tutorial_roles WHERE tutorial = ?", error);
  ins = wm_store_prepare (db, "INSERT INTO tutorial_roles (tutorial, role) VALUES (?, ?)", error);
  if (del == NULL || ins == NULL)
    return FALSE;

  sqlite3_bind_int64 (del, 1, rowid);
  if (!wm_store_step (db, del, WM_STORE_DOING_SAVE, error))
    return FALSE;

  for (guint i = 0; roles[i] != NULL; i++)
    {
      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, rowid);
      wm_store_bind_text (ins, 2, roles[i]);
      if (!wm_store_step (db, ins, WM_STORE_DOING_SAVE, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_annotations (sqlite3  *db,
                    gint64    step_rowid,
                    WmStep   *step,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *list = wm_step_get_annotations (step);

  if (list->len == 0)
    return TRUE;

  stmt = wm_store_prepare (db,
    "INSERT INTO annotations (step, position, kind, x, y, width, height, text)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      WmAnnotation *a = g_ptr_array_index (list, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, step_rowid);
      sqlite3_bind_int (stmt, 2, (int) i);
      wm_store_bind_text (stmt, 3, wm_annotation_kind_to_string (wm_annotation_get_kind (a)));
      sqlite3_bind_int (stmt, 4, wm_annotation_get_x (a));
      sqlite3_bind_int (stmt, 5, wm_annotation_get_y (a));
      sqlite3_bind_int (stmt, 6, wm_annotation_get_width (a));
      sqlite3_bind_int (stmt, 7, wm_annotation_get_height (a));
      wm_store_bind_text (stmt, 8, wm_annotation_get_text (a));
      if (!wm_store_step (db, stmt, WM_STORE_DOING_SAVE, error))
        return FALSE;
    }

  return TRUE;
}

/* WM_TARGET_NONE is stored as NULL: nothing known. */
static void
bind_target_kind (sqlite3_stmt *stmt,
                  int           column,
                  WmTargetKind  kind)
{
  wm_store_bind_text (stmt, column, kind == WM_TARGET_NONE ? NULL : wm_target_kind_to_string (kind));
}

static WmTargetKind
column_target_kind (sqlite3_stmt *stmt,
                    int           column)
{
  WmTargetKind kind = WM_TARGET_NONE;

  wm_target_kind_from_string (wm_store_column_text (stmt, column), &kind);
  return kind;
}

/* What a step says and shows, in one order for inserting and updating it. */
#define STEP_CONTENT_COLUMNS \
  "kind, x, y, button, modifiers, instruction, instruction_edited, notes, target_name," \
  " target_role, app_name, window_title, text, image, captured_at, target_kind, container," \
  " container_kind, incomplete"
#define STEP_CONTENT_VALUES "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
#define N_STEP_CONTENT_COLUMNS 19

/* Binds STEP_CONTENT_COLUMNS from parameter @first on; returns the next parameter. */
static int
bind_step_content (sqlite3_stmt *stmt,
                   int           first,
                   WmStep       *s)
{
  int i = first;

  wm_store_bind_text (stmt, i++, wm_step_kind_to_string (wm_step_get_kind (s)));
  sqlite3_bind_int (stmt, i++, wm_step_get_x (s));
  sqlite3_bind_int (stmt, i++, wm_step_get_y (s));
  sqlite3_bind_int (stmt, i++, (int) wm_step_get_button (s));
  sqlite3_bind_int (stmt, i++, (int) wm_step_get_modifiers (s));
  wm_store_bind_text (stmt, i++, wm_step_get_instruction (s));
  sqlite3_bind_int (stmt, i++, wm_step_get_instruction_edited (s));
  wm_store_bind_text (stmt, i++, wm_step_get_notes (s));
  wm_store_bind_text (stmt, i++, wm_step_get_target_name (s));
  wm_store_bind_text (stmt, i++, wm_step_get_target_role (s));
  wm_store_bind_text (stmt, i++, wm_step_get_app_name (s));
  wm_store_bind_text (stmt, i++, wm_step_get_window_title (s));
  wm_store_bind_text (stmt, i++, wm_step_get_text (s));
  wm_store_bind_text (stmt, i++, wm_step_get_image_sha256 (s));
  sqlite3_bind_int64 (stmt, i++, wm_step_get_captured_at (s));
  bind_target_kind (stmt, i++, wm_step_get_target_kind (s));
  wm_store_bind_text (stmt, i++, wm_step_get_container (s));
  bind_target_kind (stmt, i++, wm_step_get_container_kind (s));
  sqlite3_bind_int (stmt, i++, wm_step_get_incomplete (s));
  g_assert (i == first + N_STEP_CONTENT_COLUMNS);

  return i;
}

static gboolean
insert_step (sqlite3  *db,
             gint64    tutorial_rowid,
             WmStep   *s,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = wm_store_prepare (db,
    "INSERT INTO steps (tutorial, id, position, " STEP_CONTENT_COLUMNS ")"
    " VALUES (?, ?, ?, " STEP_CONTENT_VALUES ")", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, tutorial_rowid);
  wm_store_bind_text (stmt, 2, wm_step_get_id (s));
  sqlite3_bind_int (stmt, 3, (int) wm_step_get_position (s));
  bind_step_content (stmt, 4, s);

  if (!wm_store_step (db, stmt, WM_STORE_DOING_SAVE, error))
    return FALSE;

  return insert_annotations (db, sqlite3_last_insert_rowid (db), s, error);
}

static gboolean
replace_steps (sqlite3     *db,
               gint64       rowid,
               WmTutorial  *t,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) del = NULL;
  guint n = g_list_model_get_n_items (wm_tutorial_get_steps (t));

  del = wm_store_prepare (db, "DELETE FROM steps WHERE tutorial = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, rowid);
  if (!wm_store_step (db, del, WM_STORE_DOING_SAVE, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      WmStep *step = wm_tutorial_get_step (t, i);

      wm_step_set_position (step, i);
      if (!insert_step (db, rowid, step, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_tutorial_txn (WmStore  *self,
                   sqlite3  *db,
                   gpointer  user_data,
                   GError  **error)
{
  WmTutorial *t = user_data;
  gint64 rowid;

  /* An edit to a version a reviewer decided on becomes a new draft version. */
  if (!check_slug_unchanged (db, t, error) || !wm_review_guard_save (self, db, t, error))
    return FALSE;

  rowid = upsert_tutorial (db, t, error);
  if (rowid < 0 || !save_roles (db, rowid, t, error))
    return FALSE;

  if (wm_tutorial_get_steps_loaded (t) && !replace_steps (db, rowid, t, error))
    return FALSE;

  return wm_store_reindex (db, rowid, error);
}

static gboolean
validate_tutorial (WmTutorial  *t,
                   GError     **error)
{
  g_autofree char *title = g_strstrip (g_strdup (wm_tutorial_get_title (t)));

  if (*title == '\0')
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("A tutorial needs a title"));
      return FALSE;
    }

  if (!g_uuid_string_is_valid (wm_tutorial_get_id (t)))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("“%s” is not a valid tutorial id"), wm_tutorial_get_id (t));
      return FALSE;
    }

  return TRUE;
}

/* Runs @txn on @tutorial with its times set as saved, and puts them back when nothing was
 * saved: the object must not claim it was. */
static gboolean
save_with (WmStore         *self,
           WmTutorial      *tutorial,
           WmStoreTxnFunc   txn,
           gpointer         data,
           GError         **error)
{
  gint64 now = g_get_real_time ();
  gint64 old_updated, old_created;
  guint old_version;
  WmStatus old_status;

  if (!validate_tutorial (tutorial, error))
    return FALSE;

  old_updated = wm_tutorial_get_updated_at (tutorial);
  old_created = wm_tutorial_get_created_at (tutorial);
  old_version = wm_tutorial_get_version (tutorial);
  old_status = wm_tutorial_get_status (tutorial);
  if (old_created == 0)
    wm_tutorial_set_created_at (tutorial, now);
  wm_tutorial_set_updated_at (tutorial, MAX (now, old_updated));

  if (!wm_store_transaction (self, txn, data, error))
    {
      wm_tutorial_set_created_at (tutorial, old_created);
      wm_tutorial_set_updated_at (tutorial, old_updated);
      wm_tutorial_set_version (tutorial, old_version);
      wm_tutorial_set_status (tutorial, old_status);
      return FALSE;
    }

  return TRUE;
}

gboolean
wm_store_save_tutorial (WmStore     *self,
                        WmTutorial  *tutorial,
                        GError     **error)
{
  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (WM_IS_TUTORIAL (tutorial), FALSE);

  return save_with (self, tutorial, save_tutorial_txn, tutorial, error);
}

/* Saving an edit -------------------------------------------------------------------- */

typedef struct {
  WmTutorial *tutorial;
  GHashTable *changed;   /* WmStep set */
  GHashTable *stored;    /* step id → StoredStep, what the library holds */
} SaveEdit;

typedef struct {
  gint64 rowid;
  int    position;
} StoredStep;

static GHashTable *
read_stored_steps (sqlite3  *db,
                   gint64    tutorial_rowid,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  stmt = wm_store_prepare (db, "SELECT rowid, id, position FROM steps WHERE tutorial = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, tutorial_rowid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoredStep *st = g_new (StoredStep, 1);

      st->rowid = sqlite3_column_int64 (stmt, 0);
      st->position = sqlite3_column_int (stmt, 2);
      g_hash_table_insert (stored, g_strdup (wm_store_column_text (stmt, 1)), st);
    }
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (db, rc, WM_STORE_DOING_READ, error);
      return NULL;
    }

  return g_steal_pointer (&stored);
}

/* Steps the tutorial no longer holds; their marks go with them (ON DELETE CASCADE). */
static gboolean
delete_gone_steps (sqlite3     *db,
                   SaveEdit    *edit,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = wm_tutorial_get_n_steps (edit->tutorial);
  GHashTableIter iter;
  const char *id;
  StoredStep *st;

  for (guint i = 0; i < n; i++)
    g_hash_table_add (kept, (gpointer) wm_step_get_id (wm_tutorial_get_step (edit->tutorial, i)));

  del = wm_store_prepare (db, "DELETE FROM steps WHERE rowid = ?", error);
  if (del == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, edit->stored);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &st))
    {
      if (g_hash_table_contains (kept, id))
        continue;
      sqlite3_reset (del);
      sqlite3_bind_int64 (del, 1, st->rowid);
      if (!wm_store_step (db, del, WM_STORE_DOING_SAVE, error))
        return FALSE;
      g_hash_table_iter_remove (&iter);
    }

  return TRUE;
}

/* Positions are unique per tutorial: moved steps pass through negative ones first, so no
 * two ever share a number mid-way. */
static gboolean
move_steps (sqlite3   *db,
            SaveEdit  *edit,
            GError   **error)
{
  g_autoptr(sqlite3_stmt) move = NULL;
  guint n = wm_tutorial_get_n_steps (edit->tutorial);

  move = wm_store_prepare (db, "UPDATE steps SET position = ? WHERE rowid = ?", error);
  if (move == NULL)
    return FALSE;

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        WmStep *step = wm_tutorial_get_step (edit->tutorial, i);
        StoredStep *st = g_hash_table_lookup (edit->stored, wm_step_get_id (step));

        if (st == NULL || st->position == (int) i)
          continue;
        sqlite3_reset (move);
        sqlite3_bind_int (move, 1, pass == 0 ? -1 - (int) i : (int) i);
        sqlite3_bind_int64 (move, 2, st->rowid);
        if (!wm_store_step (db, move, WM_STORE_DOING_SAVE, error))
          return FALSE;
      }

  return TRUE;
}

static gboolean
update_step (sqlite3     *db,
             gint64       step_rowid,
             WmStep      *s,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) marks = NULL;

  stmt = wm_store_prepare (db,
    "UPDATE steps SET (" STEP_CONTENT_COLUMNS ") = (" STEP_CONTENT_VALUES ") WHERE rowid = ?",
    error);
  marks = wm_store_prepare (db, "DELETE FROM annotations WHERE step = ?", error);
  if (stmt == NULL || marks == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, bind_step_content (stmt, 1, s), step_rowid);
  sqlite3_bind_int64 (marks, 1, step_rowid);

  return wm_store_step (db, stmt, WM_STORE_DOING_SAVE, error) &&
         wm_store_step (db, marks, WM_STORE_DOING_SAVE, error) &&
         insert_annotations (db, step_rowid, s, error);
}

/* New steps go in once every kept step has its final position; changed ones are rewritten. */
static gboolean
write_steps (sqlite3     *db,
             gint64       tutorial_rowid,
             SaveEdit    *edit,
             GError     **error)
{
  guint n = wm_tutorial_get_n_steps (edit->tutorial);

  for (guint i = 0; i < n; i++)
    {
      WmStep *step = wm_tutorial_get_step (edit->tutorial, i);
      StoredStep *st = g_hash_table_lookup (edit->stored, wm_step_get_id (step));

      if (st == NULL && !insert_step (db, tutorial_rowid, step, error))
        return FALSE;
      if (st != NULL && g_hash_table_contains (edit->changed, step) &&
          !update_step (db, st->rowid, step, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_edit_txn (WmStore  *self,
               sqlite3  *db,
               gpointer  user_data,
               GError  **error)
{
  SaveEdit *edit = user_data;
  WmTutorial *t = edit->tutorial;
  guint n = wm_tutorial_get_n_steps (t);
  gint64 rowid;

  if (!check_slug_unchanged (db, t, error) || !wm_review_guard_save (self, db, t, error))
    return FALSE;

  rowid = upsert_tutorial (db, t, error);
  if (rowid < 0 || !save_roles (db, rowid, t, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    wm_step_set_position (wm_tutorial_get_step (t, i), i);

  g_clear_pointer (&edit->stored, g_hash_table_unref);
  if (!(edit->stored = read_stored_steps (db, rowid, error)) ||
      !delete_gone_steps (db, edit, error) ||
      !move_steps (db, edit, error) ||
      !write_steps (db, rowid, edit, error))
    return FALSE;

  return wm_store_reindex (db, rowid, error);
}

gboolean
wm_store_save_edit (WmStore     *self,
                    WmTutorial  *tutorial,
                    GPtrArray   *changed,
                    GError     **error)
{
  SaveEdit edit = { tutorial, g_hash_table_new (NULL, NULL), NULL };
  gboolean ok;

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (WM_IS_TUTORIAL (tutorial), FALSE);
  g_return_val_if_fail (wm_tutorial_get_steps_loaded (tutorial), FALSE);

  for (guint i = 0; changed != NULL && i < changed->len; i++)
    g_hash_table_add (edit.changed, g_ptr_array_index (changed, i));

  ok = save_with (self, tutorial, save_edit_txn, &edit, error);
  g_hash_table_unref (edit.changed);
  g_clear_pointer (&edit.stored, g_hash_table_unref);

  return ok;
}

static WmStep *
step_from_row (sqlite3_stmt *stmt)
{
  WmStepKind kind = WM_STEP_MANUAL;
  WmStep *step;

  wm_step_kind_from_string (wm_store_column_text (stmt, 2), &kind);
  step = wm_step_new (kind);
  wm_step_set_id (step, wm_store_column_text (stmt, 1));
  wm_step_set_position (step, sqlite3_column_int (stmt, 3));
  wm_step_set_point (step, sqlite3_column_int (stmt, 4), sqlite3_column_int (stmt, 5));
  wm_step_set_button (step, sqlite3_column_int (stmt, 6));
  wm_step_set_modifiers (step, sqlite3_column_int (stmt, 7));
  wm_step_set_generated_instruction (step, wm_store_column_text (stmt, 8));
  wm_step_set_instruction_edited (step, sqlite3_column_int (stmt, 9));
  wm_step_set_notes (step, wm_store_column_text (stmt, 10));
  wm_step_set_target (step, wm_store_column_text (stmt, 11), wm_store_column_text (stmt, 12),
                      wm_store_column_text (stmt, 13), wm_store_column_text (stmt, 14));
  wm_step_set_text (step, wm_store_column_text (stmt, 15));
  wm_step_set_image_sha256 (step, wm_store_column_text (stmt, 16));
  wm_step_set_captured_at (step, sqlite3_column_int64 (stmt, 17));
  wm_step_set_target_kind (step, column_target_kind (stmt, 18));
  wm_step_set_container (step, wm_store_column_text (stmt, 19), column_target_kind (stmt, 20));
  wm_step_set_incomplete (step, sqlite3_column_int (stmt, 21));

  return step;
}

static gboolean
load_annotations (sqlite3     *db,
                  gint64       tutorial_rowid,
                  GHashTable  *steps_by_rowid,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = wm_store_prepare (db,
    "SELECT a.step, a.kind, a.x, a.y, a.width, a.height, a.text FROM annotations a"
    " JOIN steps s ON s.rowid = a.step WHERE s.tutorial = ? ORDER BY a.step, a.position",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, tutorial_rowid);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      WmStep *step = g_hash_table_lookup (steps_by_rowid,
                                          GINT_TO_POINTER (sqlite3_column_int64 (stmt, 0)));
      WmAnnotationKind kind;
      g_autoptr(WmAnnotation) a = NULL;

      if (step == NULL || !wm_annotation_kind_from_string (wm_store_column_text (stmt, 1), &kind))
        continue;

      a = wm_annotation_new (kind, sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3),
                             sqlite3_column_int (stmt, 4), sqlite3_column_int (stmt, 5),
                             wm_store_column_text (stmt, 6));
      wm_step_add_annotation (step, a);
    }

  return TRUE;
}

static gboolean
load_steps (sqlite3     *db,
            gint64       rowid,
            WmTutorial  *t,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) by_rowid = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);

  stmt = wm_store_prepare (db,
    "SELECT rowid, id, kind, position, x, y, button, modifiers, instruction,"
    "  instruction_edited, notes, target_name, target_role, app_name, window_title, text,"
    "  image, captured_at, target_kind, container, container_kind, incomplete"
    " FROM steps WHERE tutorial = ? ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rowid);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      WmStep *step = step_from_row (stmt);

      g_hash_table_insert (by_rowid, GINT_TO_POINTER (sqlite3_column_int64 (stmt, 0)), step);
      g_ptr_array_add (steps, step);
    }

  if (!load_annotations (db, rowid, by_rowid, error))
    return FALSE;

  /* One splice, so a bound list view sees a single items-changed. */
  wm_tutorial_clear_steps (t);
  g_list_store_splice (G_LIST_STORE (wm_tutorial_get_steps (t)), 0, 0, steps->pdata, steps->len);
  wm_tutorial_set_steps_loaded (t, TRUE);
  wm_tutorial_set_n_steps (t, steps->len);

  return TRUE;
}

typedef struct {
  const char *id;
  gboolean    with_steps;
  WmTutorial *result;
} LoadTutorial;

static gboolean
load_tutorial_txn (WmStore  *self,
                   sqlite3  *db,
                   gpointer  user_data,
                   GError  **error)
{
  LoadTutorial *lt = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(WmTutorial) t = NULL;
  gint64 rowid;

  stmt = wm_store_prepare (db,
    "SELECT " WM_STORE_TUTORIAL_COLUMNS ", t.rowid FROM tutorials t WHERE t.id = ?", error);
  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, lt->id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("No tutorial “%s” in the library"), lt->id);
      return FALSE;
    }

  t = wm_store_tutorial_from_row (stmt);
  rowid = sqlite3_column_int64 (stmt, WM_STORE_TUTORIAL_N_COLUMNS);

  if (lt->with_steps && !load_steps (db, rowid, t, error))
    return FALSE;

  lt->result = g_steal_pointer (&t);
  return TRUE;
}

WmTutorial *
wm_store_load_tutorial (WmStore     *self,
                        const char  *id,
                        gboolean     with_steps,
                        GError     **error)
{
  LoadTutorial lt = { id, with_steps, NULL };

  g_return_val_if_fail (WM_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  /* One read transaction, so the row and its steps come from the same moment even
   * while a recorder appends beside us. */
  if (!wm_store_read (self, load_tutorial_txn, &lt, error))
    return NULL;

  return lt.result;
}

static gboolean
delete_tutorial_txn (WmStore  *self,
                     sqlite3  *db,
                     gpointer  user_data,
                     GError  **error)
{
  const char *id = user_data;
  static const char * const statements[] = {
    "DELETE FROM tutorials_fts WHERE rowid = (SELECT rowid FROM tutorials WHERE id = ?1)",
    "DELETE FROM step_comments WHERE event IN (SELECT rowid FROM events WHERE tutorial_id = ?1)",
    "DELETE FROM events WHERE tutorial_id = ?1",
    "DELETE FROM revision_images WHERE tutorial_id = ?1",
    "DELETE FROM revisions WHERE tutorial_id = ?1",
    "DELETE FROM tutorials WHERE id = ?1",
  };

  if (wm_store_tutorial_rowid (db, id, error) < 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      wm_store_bind_text (stmt, 1, id);
      if (!wm_store_step (db, stmt, WM_STORE_DOING_DELETE, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
wm_store_delete_tutorial (WmStore     *self,
                          const char  *id,
                          GError     **error)
{
  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return wm_store_transaction (self, delete_tutorial_txn, (gpointer) id, error);
}

typedef struct {
  const char *tutorial_id;
  GPtrArray  *steps;
  GPtrArray  *images;
} AppendSteps;

static gboolean
append_one (sqlite3  *db,
            gint64    rowid,
            WmStep   *step,
            WmImage  *image,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) pos = NULL;

  if (image != NULL && !wm_store_insert_image (db, image, error))
    return FALSE;

  pos = wm_store_prepare (db,
    "SELECT coalesce (max (position) + 1, 0) FROM steps WHERE tutorial = ?", error);
  if (pos == NULL)
    return FALSE;
  sqlite3_bind_int64 (pos, 1, rowid);
  if (!wm_store_step (db, pos, WM_STORE_DOING_SAVE, error))
    return FALSE;
  wm_step_set_position (step, sqlite3_column_int (pos, 0));

  return insert_step (db, rowid, step, error);
}

static gboolean
append_steps_txn (WmStore  *self,
                  sqlite3  *db,
                  gpointer  user_data,
                  GError  **error)
{
  AppendSteps *as = user_data;
  g_autoptr(sqlite3_stmt) touch = NULL;
  gint64 rowid;

  rowid = wm_store_tutorial_rowid (db, as->tutorial_id, error);
  if (rowid < 0 || !wm_review_guard_append (self, db, as->tutorial_id, error))
    return FALSE;

  for (guint i = 0; i < as->steps->len; i++)
    {
      WmImage *image = as->images ? g_ptr_array_index (as->images, i) : NULL;

      if (!append_one (db, rowid, g_ptr_array_index (as->steps, i), image, error))
        return FALSE;
    }

  touch = wm_store_prepare (db, "UPDATE tutorials SET updated_at = ? WHERE rowid = ?", error);
  if (touch == NULL)
    return FALSE;
  sqlite3_bind_int64 (touch, 1, g_get_real_time ());
  sqlite3_bind_int64 (touch, 2, rowid);

  return wm_store_step (db, touch, WM_STORE_DOING_SAVE, error) && wm_store_reindex (db, rowid, error);
}

gboolean
wm_store_append_steps (WmStore     *self,
                       const char  *tutorial_id,
                       GPtrArray   *steps,
                       GPtrArray   *images,
                       GError     **error)
{
  AppendSteps as = { tutorial_id, steps, images };
  g_auto(GStrv) old_images = NULL;

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (tutorial_id != NULL, FALSE);
  g_return_val_if_fail (steps != NULL, FALSE);
  g_return_val_if_fail (images == NULL || images->len == steps->len, FALSE);

  old_images = g_new0 (char *, steps->len + 1);
  for (guint i = 0; i < steps->len; i++)
    {
      WmStep *step = g_ptr_array_index (steps, i);
      WmImage *image = images ? g_ptr_array_index (images, i) : NULL;

      old_images[i] = g_strdup (wm_step_get_image_sha256 (step));
      if (image != NULL)
        wm_step_set_image_sha256 (step, wm_image_get_sha256 (image));
    }

  if (wm_store_transaction (self, append_steps_txn, &as, error))
    return TRUE;

  for (guint i = 0; i < steps->len; i++)
    wm_step_set_image_sha256 (g_ptr_array_index (steps, i), old_images[i]);

  return FALSE;
}

gboolean
wm_store_append_step (WmStore     *self,
                      const char  *tutorial_id,
                      WmStep      *step,
                      WmImage     *image,
                      GError     **error)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  g_autoptr(GPtrArray) images = g_ptr_array_new ();

  g_return_val_if_fail (WM_IS_STEP (step), FALSE);
  g_return_val_if_fail (image == NULL || WM_IS_IMAGE (image), FALSE);

  g_ptr_array_add (steps, step);
  g_ptr_array_add (images, image);

  return wm_store_append_steps (self, tutorial_id, steps, images, error);
}
