/* wm-store-private.h — what data/ itself uses of the store's connection
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "wm-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef gboolean (*WmStoreTxnFunc) (WmStore  *store,
                                    sqlite3  *db,
                                    gpointer  user_data,
                                    GError  **error);

/* Runs @func in one IMMEDIATE transaction with the connection's mutex held; commits on
 * TRUE, rolls back on FALSE. The whole of a mutation is one call. */
gboolean wm_store_transaction   (WmStore        *self,
                                 WmStoreTxnFunc  func,
                                 gpointer        user_data,
                                 GError        **error);
/* Runs @func with the mutex held and no transaction (reads). */
gboolean wm_store_read          (WmStore        *self,
                                 WmStoreTxnFunc  func,
                                 gpointer        user_data,
                                 GError        **error);
/* What the store was doing when SQLite failed: each is one whole sentence of the error. */
typedef enum {
  WM_STORE_DOING_OPEN,       /* opening the library */
  WM_STORE_DOING_READ,       /* reading, searching, listing */
  WM_STORE_DOING_SAVE,       /* saving a tutorial: its steps, marks, screenshots, index, revisions */
  WM_STORE_DOING_DELETE,     /* deleting a tutorial */
  WM_STORE_DOING_UPGRADE,    /* migrating the schema */
  WM_STORE_DOING_SETTING,    /* saving a library setting */
  WM_STORE_DOING_REVIEW,     /* recording a review transition or comment */
  WM_STORE_DOING_CHANGE,     /* starting or committing a change, maintenance */
  WM_STORE_DOING_SIGNALS,    /* saving the adoption signals readers sent */
} WmStoreDoing;

/* Turns the connection's last error into a GError with a person's message. */
void     wm_store_set_sqlite_error (sqlite3      *db,
                                    int           rc,
                                    WmStoreDoing  doing,
                                    GError      **error);

G_END_DECLS

G_BEGIN_DECLS

/* wm-store-locks.c: SQLite's locks become open file description locks, which survive
 * another part of the process closing the library file. Before the first open. */
gboolean wm_store_install_file_locks (void);

/* wm-store-schema.c */
gboolean wm_store_schema_check   (WmStore  *self,
                                  sqlite3  *db,
                                  int      *version,
                                  GError  **error);
gboolean wm_store_schema_migrate (WmStore  *self,
                                  int       from,
                                  GError  **error);

/* Runs SQL with no result rows (tests, maintenance) under the store's mutex. */
gboolean wm_store_exec           (WmStore    *self,
                                  const char *sql,
                                  GError    **error);
/* Rebuilds the full-text row of one tutorial; inside a transaction. */
gboolean wm_store_reindex        (sqlite3    *db,
                                  gint64      rowid,
                                  GError    **error);
/* A prepared statement, or NULL with @error set. */
sqlite3_stmt *wm_store_prepare   (sqlite3    *db,
                                  const char *sql,
                                  GError    **error);
/* Steps a statement that writes; an SQLite failure becomes "Could not <doing>: …". */
gboolean wm_store_step           (sqlite3       *db,
                                  sqlite3_stmt  *stmt,
                                  WmStoreDoing   doing,
                                  GError       **error);
/* Binds a string, NULL as SQL NULL. */
void     wm_store_bind_text      (sqlite3_stmt *stmt,
                                  int           column,
                                  const char   *text);
/* rowid of a tutorial by full id, or -1 with NOT_FOUND. */
gint64   wm_store_tutorial_rowid (sqlite3    *db,
                                  const char *id,
                                  GError    **error);
/* Reads a tutorial row from a statement whose first columns are WM_STORE_TUTORIAL_COLUMNS. */
WmTutorial *wm_store_tutorial_from_row (sqlite3_stmt *stmt);
/* Stores @image's bytes once (content-addressed); used by saving and appending steps. */
gboolean wm_store_insert_image   (sqlite3  *db,
                                  WmImage  *image,
                                  GError  **error);

static inline const char *
wm_store_column_text (sqlite3_stmt *stmt,
                      int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

#define WM_STORE_TUTORIAL_COLUMNS \
  "t.id, t.slug, t.title, t.summary, t.stage, t.status, t.version, t.approved_version, " \
  "t.author, t.contributor, t.created_at, t.updated_at, " \
  "(SELECT count(*) FROM steps s WHERE s.tutorial = t.rowid), " \
  "(SELECT s.image FROM steps s WHERE s.tutorial = t.rowid AND s.image IS NOT NULL " \
  "  ORDER BY s.position LIMIT 1), " \
  "(SELECT group_concat (r.role, char (31)) FROM tutorial_roles r WHERE r.tutorial = t.rowid)"
#define WM_STORE_TUTORIAL_N_COLUMNS 15

G_END_DECLS
