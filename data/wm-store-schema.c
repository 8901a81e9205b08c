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

  /* 5: structured instructions — the kind of control clicked, the menu or list it is in,
   * and whether the author still has to complete the sentence. upgrade_emphasis() then
   * turns the **…** and *…* of generated instructions into these fields. */
  "ALTER TABLE steps ADD COLUMN target_kind TEXT CHECK (target_kind IN ('button', 'toggle',"
  "  'check-box', 'radio', 'switch', 'link', 'tab', 'menu-item', 'list-item', 'field',"
  "  'drop-down', 'slider', 'menu', 'list', 'icon'));"
  "ALTER TABLE steps ADD COLUMN container TEXT;"
  "ALTER TABLE steps ADD COLUMN container_kind TEXT CHECK (container_kind IN ('button',"
  "  'toggle', 'check-box', 'radio', 'switch', 'link', 'tab', 'menu-item', 'list-item',"
  "  'field', 'drop-down', 'slider', 'menu', 'list', 'icon'));"
  "ALTER TABLE steps ADD COLUMN incomplete INTEGER NOT NULL DEFAULT 0;",
};

/* Work SQL cannot do, run right after the migration of the same index (NULL: none). */
typedef gboolean (*Upgrade) (sqlite3 *db, GError **error);

static gboolean upgrade_emphasis (sqlite3 *db, GError **error);

static const Upgrade upgrades[] = { NULL, NULL, NULL, NULL, upgrade_emphasis };

G_STATIC_ASSERT (G_N_ELEMENTS (upgrades) == G_N_ELEMENTS (migrations));

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == WM_STORE_SCHEMA_VERSION);

/* Schema 5 ------------------------------------------------------------------------------ */

/* Until schema 5 an instruction marked its target with Markdown emphasis ("Click the
 * **Save** button in *Finance*"). Returns the text without the marks and the first
 * strong and emphasised spans; marks without a partner are left as they are. */
static char *
strip_emphasis (const char  *text,
                char       **strong,
                char       **em)
{
  GString *plain = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      gsize mark = g_str_has_prefix (p, "**") ? 2 : (*p == '*' ? 1 : 0);
      const char *close;

      if (mark == 0 || p[mark] == '\0' || p[mark] == ' ' || p[mark] == '*' ||
          !(close = strstr (p + mark, mark == 2 ? "**" : "*")) || close == p + mark)
        {
          g_string_append_c (plain, *p++);
          continue;
        }

      if (mark == 2 && *strong == NULL)
        *strong = g_strndup (p + 2, close - p - 2);
      else if (mark == 1 && *em == NULL)
        *em = g_strndup (p + 1, close - p - 1);
      g_string_append_len (plain, p + mark, close - p - mark);
      p = close + mark;
    }

  return g_string_free (plain, FALSE);
}

/* The kind the old English sentence gave after the name ("the **Month** field"). */
static WmTargetKind
kind_from_noun (const char *after)
{
  static const struct { const char *noun; WmTargetKind kind; } nouns[] = {
    { " button", WM_TARGET_BUTTON }, { " toggle", WM_TARGET_TOGGLE },
    { " checkbox", WM_TARGET_CHECK_BOX }, { " check box", WM_TARGET_CHECK_BOX },
    { " option", WM_TARGET_RADIO }, { " switch", WM_TARGET_SWITCH },
    { " link", WM_TARGET_LINK }, { " tab", WM_TARGET_TAB },
    { " menu item", WM_TARGET_MENU_ITEM }, { " menu", WM_TARGET_MENU },
    { " field", WM_TARGET_FIELD }, { " list", WM_TARGET_DROP_DOWN },
    { " slider", WM_TARGET_SLIDER }, { " icon", WM_TARGET_ICON },
  };

  for (guint i = 0; after != NULL && i < G_N_ELEMENTS (nouns); i++)
    if (g_str_has_prefix (after, nouns[i].noun))
      return nouns[i].kind;

  return WM_TARGET_NONE;
}

/* Applies the old marks of a generated instruction to @step; the author's own text is
 * left as typed. */
static void
upgrade_step (WmStep *step)
{
  g_autofree char *strong = NULL, *em = NULL, *plain = NULL;
  const char *text = wm_step_get_instruction (step);
  const char *target, *container = NULL;
  const char *after;
  WmTargetKind kind;

  if (wm_step_get_target_kind (step) == WM_TARGET_NONE)
    wm_step_set_target_kind (step, wm_target_kind_from_role (wm_step_get_target_role (step)));

  if (text == NULL || wm_step_get_instruction_edited (step) || strchr (text, '*') == NULL)
    return;

  plain = strip_emphasis (text, &strong, &em);
  target = strong ? strong : em;
  if (strong != NULL)
    container = em;

  if (target != NULL)
    {
      after = strstr (text, target) + strlen (target) + (strong ? 2 : 1);
      kind = kind_from_noun (after);
      wm_step_set_target (step, target, wm_step_get_target_role (step),
                          wm_step_get_app_name (step), wm_step_get_window_title (step));
      if (kind != WM_TARGET_NONE)
        wm_step_set_target_kind (step, kind);
    }
  if (container != NULL)
    wm_step_set_container (step, container, WM_TARGET_NONE);

  wm_step_set_generated_instruction (step, plain);
}

static gboolean
upgrade_step_rows (sqlite3  *db,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) select = wm_store_prepare (db,
    "SELECT rowid, kind, instruction, instruction_edited, target_name, target_role"
    " FROM steps", error);
  g_autoptr(sqlite3_stmt) update = wm_store_prepare (db,
    "UPDATE steps SET instruction = ?2, target_name = ?3, target_kind = ?4, container = ?5"
    " WHERE rowid = ?1", error);
  int rc;

  if (select == NULL || update == NULL)
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autoptr(WmStep) step = wm_step_new (WM_STEP_CLICK);
      WmTargetKind kind;

      wm_step_set_generated_instruction (step, wm_store_column_text (select, 2));
      wm_step_set_instruction_edited (step, sqlite3_column_int (select, 3));
      wm_step_set_target (step, wm_store_column_text (select, 4),
                          wm_store_column_text (select, 5), NULL, NULL);
      upgrade_step (step);

      kind = wm_step_get_target_kind (step);
      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (select, 0));
      wm_store_bind_text (update, 2, wm_step_get_instruction (step));
      wm_store_bind_text (update, 3, wm_step_get_target_name (step));
      wm_store_bind_text (update, 4, kind ? wm_target_kind_to_string (kind) : NULL);
      wm_store_bind_text (update, 5, wm_step_get_container (step));
      if (!wm_store_step (db, update, WM_STORE_DOING_UPGRADE, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (db, rc, WM_STORE_DOING_UPGRADE, error);
      return FALSE;
    }

  return TRUE;
}

/* Revisions keep their words: only the marks of their generated instructions move into
 * the fields, and the snapshot takes the format that carries them. */
static gboolean
upgrade_revisions (sqlite3  *db,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) select = wm_store_prepare (db,
    "SELECT rowid, snapshot FROM revisions", error);
  g_autoptr(sqlite3_stmt) update = wm_store_prepare (db,
    "UPDATE revisions SET snapshot = ?2 WHERE rowid = ?1", error);
  int rc;

  if (select == NULL || update == NULL)
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_blob (select, 1),
                                             sqlite3_column_bytes (select, 1));
      g_autoptr(GVariant) old = g_variant_ref_sink (g_variant_new_from_bytes (
          G_VARIANT_TYPE (WM_TUTORIAL_VARIANT_TYPE_4), bytes, FALSE));
      g_autoptr(WmTutorial) t = wm_tutorial_deserialize (old, error);
      g_autoptr(GVariant) snapshot = NULL;

      if (t == NULL)
        return FALSE;

      for (guint i = 0; i < wm_tutorial_get_n_steps (t); i++)
        upgrade_step (wm_tutorial_get_step (t, i));

      snapshot = g_variant_ref_sink (wm_tutorial_serialize (t));
      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (select, 0));
      sqlite3_bind_blob (update, 2, g_variant_get_data (snapshot), g_variant_get_size (snapshot),
                         SQLITE_TRANSIENT);
      if (!wm_store_step (db, update, WM_STORE_DOING_UPGRADE, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (db, rc, WM_STORE_DOING_UPGRADE, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
upgrade_emphasis (sqlite3  *db,
                  GError  **error)
{
  return upgrade_step_rows (db, error) && upgrade_revisions (db, error);
}

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
      if (upgrades[v] != NULL && !upgrades[v] (db, error))
        return FALSE;
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
