/* wm-store-query.c — finding tutorials: lists, filters, full-text search, the journey map
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-store-private.h"

/* Turns what a person typed into an FTS5 query: every word must appear, each may be the
 * start of a longer word ("expo rep" finds "Export a report"). Quoting each token keeps
 * FTS5 operators and punctuation in the input from being read as syntax. */
static char *
fts_query_from_text (const char *text)
{
  g_auto(GStrv) words = NULL;
  GString *q = g_string_new (NULL);

  words = g_strsplit_set (text, " \t\n\r", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GString) word = g_string_new (words[i]);

      g_string_replace (word, "\"", "\"\"", 0);
      if (word->len == 0)
        continue;

      g_string_append_printf (q, "%s\"%s\"*", q->len ? " " : "", word->str);
    }

  if (q->len == 0)
    {
      g_string_free (q, TRUE);
      return NULL;
    }

  return g_string_free (q, FALSE);
}

typedef struct {
  const WmFilter *filter;
  char           *match;
  gboolean        count_only;
  GPtrArray      *result;
  guint           count;
} ListQuery;

static char *
build_sql (ListQuery *q)
{
  GString *sql = g_string_new ("SELECT ");

  g_string_append (sql, q->count_only ? "count(*)" : WM_STORE_TUTORIAL_COLUMNS);
  g_string_append (sql, " FROM tutorials t");
  if (q->match)
    g_string_append (sql, " JOIN tutorials_fts f ON f.rowid = t.rowid AND tutorials_fts MATCH :m");

  /* Only the conditions the filter sets: "(:x IS NULL OR …)" made even the plain count
   * read every row instead of counting an index (20 ms of the app's start at 10,000). */
  g_string_append (sql, " WHERE 1");
  if (q->filter->stage >= 0)
    g_string_append (sql, " AND t.stage = :stage");
  if (q->filter->status >= 0)
    g_string_append (sql, " AND t.status = :status");
  if (q->filter->role && *q->filter->role)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM tutorial_roles r"
                          "  WHERE r.tutorial = t.rowid AND r.role = :role)");

  if (!q->count_only)
    {
      /* Title hits weigh more than step text: people search for what a tutorial is. */
      g_string_append (sql, q->match ? " ORDER BY bm25 (tutorials_fts, 10.0, 4.0, 1.0)"
                                     : " ORDER BY t.updated_at DESC, t.rowid DESC");
      g_string_append (sql, " LIMIT :limit OFFSET :offset");
    }

  return g_string_free (sql, FALSE);
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i > 0)
    wm_store_bind_text (stmt, i, value);
}

static void
bind_filter (ListQuery    *q,
             sqlite3_stmt *stmt)
{
  const WmFilter *f = q->filter;
  int i;

  bind_named_text (stmt, ":m", q->match);
  bind_named_text (stmt, ":stage", f->stage >= 0 ? wm_stage_to_string (f->stage) : NULL);
  bind_named_text (stmt, ":status", f->status >= 0 ? wm_status_to_string (f->status) : NULL);
  bind_named_text (stmt, ":role", f->role && *f->role ? f->role : NULL);

  if ((i = sqlite3_bind_parameter_index (stmt, ":limit")) > 0)
    sqlite3_bind_int64 (stmt, i, f->limit ? (gint64) f->limit : -1);
  if ((i = sqlite3_bind_parameter_index (stmt, ":offset")) > 0)
    sqlite3_bind_int64 (stmt, i, f->offset);
}

static gboolean
list_txn (WmStore  *self,
          sqlite3  *db,
          gpointer  user_data,
          GError  **error)
{
  ListQuery *q = user_data;
  g_autofree char *sql = build_sql (q);
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_filter (q, stmt);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (q->count_only)
        q->count = sqlite3_column_int (stmt, 0);
      else
        g_ptr_array_add (q->result, wm_store_tutorial_from_row (stmt));
    }

  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (db, rc, WM_STORE_DOING_READ, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_list (WmStore         *self,
          const WmFilter  *filter,
          ListQuery       *q,
          GError         **error)
{
  static const WmFilter all = WM_FILTER_INIT;
  gboolean ok;

  q->filter = filter ? filter : &all;
  q->match = q->filter->search ? fts_query_from_text (q->filter->search) : NULL;
  ok = wm_store_read (self, list_txn, q, error);
  g_free (q->match);

  return ok;
}

GPtrArray *
wm_store_list_tutorials (WmStore         *self,
                         const WmFilter  *filter,
                         GError         **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  ListQuery q = { 0 };

  g_return_val_if_fail (WM_IS_STORE (self), NULL);

  q.result = result;
  if (!run_list (self, filter, &q, error))
    return NULL;

  return g_steal_pointer (&result);
}

guint
wm_store_count_tutorials (WmStore         *self,
                          const WmFilter  *filter,
                          GError         **error)
{
  ListQuery q = { 0 };

  g_return_val_if_fail (WM_IS_STORE (self), 0);

  q.count_only = TRUE;
  if (!run_list (self, filter, &q, error))
    return 0;

  return q.count;
}

/* What changed since a publish ------------------------------------------------------ */

typedef struct {
  gint64     since;
  gint64     newest;
  GPtrArray *result;
} SinceQuery;

static gboolean
since_txn (WmStore  *self,
           sqlite3  *db,
           gpointer  user_data,
           GError  **error)
{
  SinceQuery *q = user_data;
  g_autoptr(sqlite3_stmt) newest = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* Both in one read transaction: a save between them is seen by the next call. */
  newest = wm_store_prepare (db, "SELECT coalesce (max (updated_at), 0) FROM tutorials", error);
  if (newest == NULL)
    return FALSE;
  if (sqlite3_step (newest) == SQLITE_ROW)
    q->newest = sqlite3_column_int64 (newest, 0);

  /* tutorials_updated makes this cost the changed rows, not the library. */
  stmt = wm_store_prepare (db, "SELECT " WM_STORE_TUTORIAL_COLUMNS " FROM tutorials t"
                               " WHERE t.updated_at >= ? AND t.approved_version > 0"
                               " ORDER BY t.updated_at, t.rowid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, q->since);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (q->result, wm_store_tutorial_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (db, rc, WM_STORE_DOING_READ, error);
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
wm_store_list_approved_since (WmStore  *self,
                              gint64    since,
                              gint64   *newest,
                              GError  **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  SinceQuery q = { since, 0, result };

  g_return_val_if_fail (WM_IS_STORE (self), NULL);

  if (!wm_store_read (self, since_txn, &q, error))
    return NULL;
  if (newest != NULL)
    *newest = q.newest;

  return g_steal_pointer (&result);
}

typedef struct {
  const char *slug;
  char       *id;
} SlugQuery;

static gboolean
slug_txn (WmStore  *self,
          sqlite3  *db,
          gpointer  user_data,
          GError  **error)
{
  SlugQuery *q = user_data;
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db, "SELECT id FROM tutorials WHERE slug = ?",
                                                   error);

  if (stmt == NULL)
    return FALSE;
  wm_store_bind_text (stmt, 1, q->slug);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    q->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  return TRUE;
}

char *
wm_store_lookup_slug (WmStore    *self,
                      const char *slug)
{
  SlugQuery q = { slug, NULL };

  g_return_val_if_fail (WM_IS_STORE (self), NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  wm_store_read (self, slug_txn, &q, NULL);
  return q.id;
}

typedef struct {
  const char *id;
  const char *slug;
} SetSlug;

static gboolean
set_slug_txn (WmStore  *self,
              sqlite3  *db,
              gpointer  user_data,
              GError  **error)
{
  SetSlug *q = user_data;
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "UPDATE tutorials SET slug = ?2 WHERE id = ?1 AND slug IS NULL", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wm_store_bind_text (stmt, 1, q->id);
  wm_store_bind_text (stmt, 2, q->slug);

  if (((rc = sqlite3_step (stmt)) & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CONFLICT,
                   _("The link “%s” already belongs to another tutorial"), q->slug);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (db, rc, WM_STORE_DOING_SAVE, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
wm_store_set_slug (WmStore     *self,
                   const char  *id,
                   const char  *slug,
                   GError     **error)
{
  SetSlug q = { id, slug };

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && slug != NULL, FALSE);

  return wm_store_transaction (self, set_slug_txn, &q, error);
}

/* Roles and the journey map --------------------------------------------------------- */

static gboolean
roles_txn (WmStore  *self,
           sqlite3  *db,
           gpointer  user_data,
           GError  **error)
{
  GPtrArray *roles = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = wm_store_prepare (db,
    "SELECT role FROM tutorial_roles UNION SELECT ?1 UNION SELECT ?2 ORDER BY 1", error);
  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, WM_ROLE_ADMIN);
  wm_store_bind_text (stmt, 2, WM_ROLE_EVERYDAY_USER);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (roles, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  return TRUE;
}

GStrv
wm_store_list_roles (WmStore  *self,
                     GError  **error)
{
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (WM_IS_STORE (self), NULL);

  if (!wm_store_read (self, roles_txn, roles, error))
    return NULL;

  g_ptr_array_add (roles, NULL);
  return (GStrv) g_ptr_array_steal (roles, NULL);
}

typedef struct {
  GStrv  roles;
  guint *counts;
} Journey;

static gboolean
journey_txn (WmStore  *self,
             sqlite3  *db,
             gpointer  user_data,
             GError  **error)
{
  Journey *j = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n_roles = g_strv_length (j->roles);

  stmt = wm_store_prepare (db,
    "SELECT coalesce (r.role, ''), t.stage, count(*) FROM tutorials t"
    " LEFT JOIN tutorial_roles r ON r.tutorial = t.rowid GROUP BY 1, 2", error);
  if (stmt == NULL)
    return FALSE;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *role = (const char *) sqlite3_column_text (stmt, 0);
      WmStage stage;
      guint row = n_roles;   /* "" (no role) is the last row */

      if (!wm_stage_from_string ((const char *) sqlite3_column_text (stmt, 1), &stage))
        continue;

      for (guint i = 0; *role && i < n_roles; i++)
        if (g_str_equal (j->roles[i], role))
          row = i;

      j->counts[row * WM_N_STAGES + stage] += sqlite3_column_int (stmt, 2);
    }

  return TRUE;
}

gboolean
wm_store_count_journey (WmStore  *self,
                        GStrv    *roles,
                        guint   **counts,
                        GError  **error)
{
  Journey j = { 0 };

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (roles != NULL && counts != NULL, FALSE);

  j.roles = wm_store_list_roles (self, error);
  if (j.roles == NULL)
    return FALSE;

  j.counts = g_new0 (guint, (g_strv_length (j.roles) + 1) * WM_N_STAGES);
  if (!wm_store_read (self, journey_txn, &j, error))
    {
      g_strfreev (j.roles);
      g_free (j.counts);
      return FALSE;
    }

  *roles = j.roles;
  *counts = j.counts;
  return TRUE;
}

/* Resolving what people type as an id ------------------------------------------------ */

typedef struct {
  const char *arg;
  char       *id;
} Resolve;

static gboolean
looks_like_id_prefix (const char *arg)
{
  if (strlen (arg) < 4)
    return FALSE;

  for (const char *p = arg; *p; p++)
    if (!g_ascii_isxdigit (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

/* Up to three ids @sql (binding ?1) finds, in @found; how many there were. */
static guint
resolve_collect (sqlite3    *db,
                 const char *sql,
                 const char *value,
                 char       *found[3],
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db, sql, error);
  guint n = 0;

  if (stmt == NULL)
    return 0;

  wm_store_bind_text (stmt, 1, value);
  while (n < 3 && sqlite3_step (stmt) == SQLITE_ROW)
    found[n++] = g_strdup (wm_store_column_text (stmt, 0));

  return n;
}

/* A full id first, then a unique prefix of an id, then a link name (slug). A prefix that
 * names one tutorial and a link name that names another is refused with both: a bundle
 * whose link name is someone else's short id must never be the one acted on. */
static gboolean
resolve_txn (WmStore  *self,
             sqlite3  *db,
             gpointer  user_data,
             GError  **error)
{
  Resolve *r = user_data;
  g_autofree char *lower = g_ascii_strdown (r->arg, -1);
  char *by_id[3] = { NULL }, *by_prefix[3] = { NULL }, *by_slug[3] = { NULL };
  guint n_prefix = 0, n_slug;
  GError *local_error = NULL;

  if (resolve_collect (db, "SELECT id FROM tutorials WHERE id = ?1", lower, by_id,
                       &local_error) > 0)
    {
      r->id = by_id[0];
      return TRUE;
    }

  /* GLOB is safe here: a prefix is only hex digits and dashes. */
  if (local_error == NULL && looks_like_id_prefix (lower))
    n_prefix = resolve_collect (db, "SELECT id FROM tutorials WHERE id GLOB ?1 || '*'"
                                " ORDER BY id", lower, by_prefix, &local_error);
  n_slug = local_error ? 0 : resolve_collect (db, "SELECT id FROM tutorials WHERE slug = ?1",
                                              r->arg, by_slug, &local_error);

  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else if (n_prefix == 0 && n_slug == 0)
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                 _("No tutorial “%s” in the library"), r->arg);
  else if (n_prefix > 1)
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_AMBIGUOUS,
                 /* TRANSLATORS: %1$s is what was typed, %2$s and %3$s two tutorials' ids */
                 _("“%1$s” starts more than one tutorial's id (%2$s, %3$s…); give more of it"),
                 r->arg, by_prefix[0], by_prefix[1]);
  else if (n_prefix == 1 && n_slug == 1 && !g_str_equal (by_prefix[0], by_slug[0]))
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_AMBIGUOUS,
                 /* TRANSLATORS: %1$s is what was typed, %2$s and %3$s two tutorials' ids */
                 _("“%1$s” is the start of the id of tutorial %2$s and the link name of "
                   "tutorial %3$s; give the full id"),
                 r->arg, by_prefix[0], by_slug[0]);
  else
    r->id = g_strdup (n_prefix == 1 ? by_prefix[0] : by_slug[0]);

  for (guint i = 0; i < 3; i++)
    {
      g_free (by_prefix[i]);
      g_free (by_slug[i]);
    }

  return r->id != NULL;
}

char *
wm_store_resolve_id (WmStore     *self,
                     const char  *id,
                     GError     **error)
{
  Resolve r = { id, NULL };

  g_return_val_if_fail (WM_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!wm_store_read (self, resolve_txn, &r, error))
    return NULL;

  return r.id;
}
