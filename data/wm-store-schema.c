/* wm-store-schema.c — the library's schema, one migration per version
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-store-private.h"

/* Migrations are append-only: a library made at version N runs migrations N+1… in one
 * transaction. Never edit a shipped one; tests/data/fixtures/library-vN.sql keep what
 * each version really wrote, and test-store-migrate opens them. */
static const char * const migrations[] = {
  /* 1: tutorials, their roles, steps, annotations, and images stored once by content. */
  "CREATE TABLE images ("
  "  sha256 TEXT NOT NULL UNIQUE CHECK (length (sha256) = 64),"
  "  width INTEGER NOT NULL CHECK (width > 0),"
  "  height INTEGER NOT NULL CHECK (height > 0),"
  "  png BLOB NOT NULL);"
  "CREATE TABLE tutorials ("
  "  rowid INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  slug TEXT UNIQUE,"
  "  title TEXT NOT NULL,"
  "  summary TEXT,"
  "  stage TEXT NOT NULL CHECK (stage IN ('first-exposure', 'orientation',"
  "    'ramp-and-practice', 'competency', 'refresher-and-reinforcement')),"
  "  status TEXT NOT NULL CHECK (status IN ('draft', 'in-review', 'changes-requested',"
  "    'approved')),"
  "  version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),"
  "  author TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX tutorials_updated ON tutorials (updated_at);"
  "CREATE TABLE tutorial_roles ("
  "  tutorial INTEGER NOT NULL REFERENCES tutorials (rowid) ON DELETE CASCADE,"
  "  role TEXT NOT NULL,"
  "  PRIMARY KEY (tutorial, role)) WITHOUT ROWID;"
  "CREATE INDEX tutorial_roles_role ON tutorial_roles (role);"
  "CREATE TABLE steps ("
  "  rowid INTEGER PRIMARY KEY,"
  "  tutorial INTEGER NOT NULL REFERENCES tutorials (rowid) ON DELETE CASCADE,"
  "  id TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('click', 'double-click', 'right-click', 'type', 'key',"
  "    'manual', 'note')),"
  "  x INTEGER NOT NULL DEFAULT -1,"
  "  y INTEGER NOT NULL DEFAULT -1,"
  "  button INTEGER NOT NULL DEFAULT 0,"
  "  modifiers INTEGER NOT NULL DEFAULT 0,"
  "  instruction TEXT,"
  "  instruction_edited INTEGER NOT NULL DEFAULT 0,"
  "  notes TEXT,"
  "  target_name TEXT,"
  "  target_role TEXT,"
  "  app_name TEXT,"
  "  window_title TEXT,"
  "  text TEXT,"
  "  image TEXT REFERENCES images (sha256),"
  "  captured_at INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (tutorial, position),"
  "  UNIQUE (tutorial, id));"
  "CREATE INDEX steps_image ON steps (image);"
  "CREATE TABLE annotations ("
  "  step INTEGER NOT NULL REFERENCES steps (rowid) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('highlight', 'arrow', 'box', 'callout', 'redact')),"
  "  x INTEGER NOT NULL, y INTEGER NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL,"
  "  text TEXT,"
  "  PRIMARY KEY (step, position)) WITHOUT ROWID;",

  /* 2: review — immutable revisions, the status history with step comments, contributors
   * and library-wide settings (e.g. that an approver may not be the author). */
  "ALTER TABLE tutorials ADD COLUMN approved_version INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE tutorials ADD COLUMN contributor TEXT;"
  "CREATE TABLE revisions ("
  "  tutorial_id TEXT NOT NULL,"
  "  version INTEGER NOT NULL CHECK (version > 0),"
  "  status TEXT NOT NULL,"
  "  author TEXT,"
  "  message TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  snapshot BLOB NOT NULL,"
  "  PRIMARY KEY (tutorial_id, version));"
  "CREATE TABLE revision_images ("
  "  tutorial_id TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  image TEXT NOT NULL REFERENCES images (sha256),"
  "  PRIMARY KEY (tutorial_id, version, image),"
  "  FOREIGN KEY (tutorial_id, version) REFERENCES revisions (tutorial_id, version)"
  "    ON DELETE CASCADE) WITHOUT ROWID;"
  "CREATE INDEX revision_images_image ON revision_images (image);"
  "CREATE TABLE events ("
  "  rowid INTEGER PRIMARY KEY,"
  "  tutorial_id TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  from_status TEXT,"
  "  to_status TEXT NOT NULL,"
  "  who TEXT,"
  "  email TEXT,"
  "  message TEXT,"
  "  at INTEGER NOT NULL);"
  "CREATE INDEX events_tutorial ON events (tutorial_id, at);"
  "CREATE TABLE step_comments ("
  "  event INTEGER NOT NULL REFERENCES events (rowid) ON DELETE CASCADE,"
  "  step_id TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  comment TEXT NOT NULL);"
  "CREATE INDEX step_comments_event ON step_comments (event);"
  "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;",

  /* 3: full-text search over titles, summaries and what the steps say. */
  "CREATE VIRTUAL TABLE tutorials_fts USING fts5 ("
  "  title, summary, steps, tokenize = 'unicode61 remove_diacritics 2');"
  "INSERT INTO tutorials_fts (rowid, title, summary, steps)"
  "  SELECT t.rowid, t.title, coalesce (t.summary, ''),"
  "    coalesce ((SELECT group_concat (coalesce (s.instruction, '') || ' ' ||"
  "      coalesce (s.notes, ''), ' ') FROM steps s WHERE s.tutorial = t.rowid), '')"
  "  FROM tutorials t;",

  /* 4: adoption signals — the xAPI statements readers' players sent, once each. */
  "CREATE TABLE signals ("
  "  id TEXT PRIMARY KEY,"
  "  tutorial_id TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  verb TEXT NOT NULL CHECK (verb IN ('launched', 'progressed', 'completed', 'terminated',"
  "    'responded')),"
  "  actor TEXT NOT NULL,"
  "  step INTEGER NOT NULL DEFAULT 0,"
  "  duration_ms INTEGER,"
  "  helpful INTEGER CHECK (helpful IN (0, 1)),"
  "  comment TEXT,"
  "  at INTEGER NOT NULL) WITHOUT ROWID;"
  "CREATE INDEX signals_figures ON signals (tutorial_id, version, verb, step, actor);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == WM_STORE_SCHEMA_VERSION);

/* 'WMRK': lets `file` and Waymark tell a library from any other SQLite file. */
#define WM_APPLICATION_ID 0x574d524b

typedef struct {
  int from;
} Migrate;

static gboolean
run_migrations (WmStore  *store,
                sqlite3  *db,
                gpointer  user_data,
                GError  **error)
{
  Migrate *m = user_data;
  g_autofree char *pragma = NULL;
  int rc;

  for (int v = m->from; v < WM_STORE_SCHEMA_VERSION; v++)
    {
      rc = sqlite3_exec (db, migrations[v], NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          wm_store_set_sqlite_error (db, rc, WM_STORE_DOING_UPGRADE, error);
          return FALSE;
        }
    }

  pragma = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                            WM_APPLICATION_ID, WM_STORE_SCHEMA_VERSION);
  rc = sqlite3_exec (db, pragma, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      wm_store_set_sqlite_error (db, rc, WM_STORE_DOING_UPGRADE, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
pragma_int (sqlite3    *db,
            const char *sql,
            int        *out,
            GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      wm_store_set_sqlite_error (db, rc, WM_STORE_DOING_READ, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *out = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return TRUE;
}

/* Checks what is in the file before anything is written: a newer schema or a foreign
 * SQLite file must be refused untouched. Sets *version to the schema found. */
gboolean
wm_store_schema_check (WmStore  *self,
                       sqlite3  *db,
                       int      *version,
                       GError  **error)
{
  int app_id, n_tables;

  if (!pragma_int (db, "PRAGMA application_id", &app_id, error) ||
      !pragma_int (db, "PRAGMA user_version", version, error) ||
      !pragma_int (db, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return FALSE;

  if (app_id != WM_APPLICATION_ID && (n_tables > 0 || *version != 0))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("Cannot open library “%s”: it is an SQLite database, but not a "
                     "Waymark library"), wm_store_get_path (self));
      return FALSE;
    }

  if (*version > WM_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_TOO_NEW,
                   _("Cannot open library “%s”: it was made by a newer Waymark (schema %d; "
                     "this one reads up to %d)"),
                   wm_store_get_path (self), *version, WM_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

gboolean
wm_store_schema_migrate (WmStore  *self,
                         int       from,
                         GError  **error)
{
  Migrate m = { from };

  if (from == WM_STORE_SCHEMA_VERSION)
    return TRUE;

  return wm_store_transaction (self, run_migrations, &m, error);
}
