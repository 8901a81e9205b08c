/* wm-bundle-reader.c — reads a bundle someone sent: untrusted input, checked row by row
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-bundle"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "wm-bundle-private.h"
#include "wm-png-check.h"
#include "wm-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close_v2)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* What one tutorial plausibly holds; anything beyond is refused, not truncated. */
#define MAX_STEPS        2000
#define MAX_ANNOTATIONS  200
#define MAX_ROLES        64
#define MAX_EVENTS       10000
#define MAX_COMMENTS     10000
#define MAX_PNG_BYTES    (32 * 1024 * 1024)
#define MAX_COORD        65535

typedef enum {
  TEXT_REQUIRED  = 1 << 0,
  TEXT_MULTILINE = 1 << 1,
} TextFlags;

static gboolean
refuse (GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  g_autoptr(GError) refusal = NULL;
  va_list args;

  va_start (args, format);
  refusal = g_error_new_valist (WM_BUNDLE_ERROR, WM_BUNDLE_ERROR_INVALID, format, args);
  va_end (args);

  /* One line, whatever SQLite's own report (quick_check lists pages line by line). */
  g_strdelimit (refusal->message, "\n\r\t", ' ');
  g_propagate_error (error, g_steal_pointer (&refusal));

  return FALSE;
}

/* Opening --------------------------------------------------------------------------- */

/* Only reads of the tables a bundle has; never the full-text index (a virtual table
 * whose module would run on hostile data), never a write, never an attach. */
static int
authorize (void       *user_data,
           int         action,
           const char *arg1,
           const char *arg2,
           const char *db_name,
           const char *trigger)
{
  static const char * const pragmas[] = {
    "quick_check", "application_id", "user_version", "cell_size_check", NULL
  };

  switch (action)
    {
    case SQLITE_SELECT:
    case SQLITE_FUNCTION:
      return SQLITE_OK;
    case SQLITE_READ:
      return trigger == NULL && !g_str_has_prefix (arg1, "tutorials_fts") ? SQLITE_OK
                                                                           : SQLITE_DENY;
    case SQLITE_PRAGMA:
      /* Reading a value, never setting one; quick_check's argument is a row limit. */
      return g_strv_contains (pragmas, arg1) &&
             (arg2 == NULL || g_str_equal (arg1, "quick_check")) ? SQLITE_OK : SQLITE_DENY;
    default:
      return SQLITE_DENY;
    }
}

static void
harden (sqlite3 *db)
{
  static const struct { int limit, value; } limits[] = {
    { SQLITE_LIMIT_LENGTH, MAX_PNG_BYTES + 1024 },
    { SQLITE_LIMIT_SQL_LENGTH, 8192 },
    { SQLITE_LIMIT_COLUMN, 64 },
    { SQLITE_LIMIT_EXPR_DEPTH, 32 },
    { SQLITE_LIMIT_COMPOUND_SELECT, 4 },
    { SQLITE_LIMIT_VDBE_OP, 25000 },
    { SQLITE_LIMIT_FUNCTION_ARG, 8 },
    { SQLITE_LIMIT_ATTACHED, 0 },
    { SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 64 },
    { SQLITE_LIMIT_VARIABLE_NUMBER, 16 },
    { SQLITE_LIMIT_TRIGGER_DEPTH, 0 },
  };

  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    sqlite3_limit (db, limits[i].limit, limits[i].value);
}

/* The file is copied into memory and opened from there: what is checked is what is
 * read (nobody can change it in between) and no journal beside it is ever replayed. */
static sqlite3 *
open_untrusted (GBytes  *contents,
                GError **error)
{
  g_autoptr(sqlite3) db = NULL;
  gsize len = g_bytes_get_size (contents);
  unsigned char *copy;

  if (len > WM_BUNDLE_MAX_SIZE)
    {
      g_set_error (error, WM_BUNDLE_ERROR, WM_BUNDLE_ERROR_TOO_LARGE,
                   _("it is larger than %d MB"), WM_BUNDLE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (len < 512 || memcmp (g_bytes_get_data (contents, NULL), "SQLite format 3", 16) != 0)
    {
      refuse (error, _("it is not a Waymark bundle (not an SQLite database)"));
      return NULL;
    }

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      refuse (error, _("out of memory"));
      return NULL;
    }
  harden (db);

  copy = sqlite3_malloc64 (len);
  if (copy == NULL)
    {
      refuse (error, _("out of memory"));
      return NULL;
    }
  memcpy (copy, g_bytes_get_data (contents, NULL), len);
  /* A WAL-mode header would ask for a -wal file; memory has none, so read it as the
   * rollback-journal file it is once checkpointed. */
  copy[18] = copy[19] = 1;

  if (sqlite3_deserialize (db, "main", copy, len, len,
                           SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY)
      != SQLITE_OK)
    {
      refuse (error, _("it cannot be opened: %s"), sqlite3_errmsg (db));
      return NULL;
    }

  sqlite3_set_authorizer (db, authorize, NULL);
  return g_steal_pointer (&db);
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      refuse (error, _("it is damaged or not a Waymark bundle (%s)"), sqlite3_errmsg (db));
      return NULL;
    }

  return stmt;
}

/* Steps a statement to its next row; FALSE at the end or on a read error (then @error
 * is set, so callers tell the two apart with *error). */
static gboolean
next_row (sqlite3       *db,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    refuse (error, _("it is damaged (%s)"), sqlite3_errmsg (db));

  return FALSE;
}

static gboolean
pragma_int (sqlite3     *db,
            const char  *sql,
            gint64      *out,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, error);

  if (stmt == NULL || !next_row (db, stmt, error))
    return error && *error ? FALSE : refuse (error, _("it is damaged"));

  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
check_integrity (sqlite3  *db,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 app_id = 0, version = 0;
  const char *result;

  if (!pragma_int (db, "PRAGMA application_id", &app_id, error) ||
      !pragma_int (db, "PRAGMA user_version", &version, error))
    return FALSE;

  if (app_id != WM_BUNDLE_APPLICATION_ID)
    return refuse (error, _("it is an SQLite database, but not a Waymark bundle"));
  if (version != WM_STORE_SCHEMA_VERSION)
    return refuse (error, _("it was made by a different Waymark (schema %" G_GINT64_FORMAT
                            "; this one reads %d)"), version, WM_STORE_SCHEMA_VERSION);

  stmt = prepare (db, "PRAGMA quick_check (1)", error);
  if (stmt == NULL)
    return FALSE;
  if (!next_row (db, stmt, error))
    return error && *error ? FALSE : refuse (error, _("it is damaged"));

  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    return refuse (error, _("it is damaged (%s)"), result ? result : "?");

  return TRUE;
}

/* Schema ---------------------------------------------------------------------------- */

static gboolean
read_schema (sqlite3     *db,
             GPtrArray   *out,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db,
    "SELECT type, name, tbl_name, coalesce (sql, '') FROM sqlite_schema"
    " ORDER BY type, name", error);

  if (stmt == NULL)
    return FALSE;

  while (next_row (db, stmt, error))
    g_ptr_array_add (out, g_strjoin ("\x1f", sqlite3_column_text (stmt, 0),
                                     sqlite3_column_text (stmt, 1),
                                     sqlite3_column_text (stmt, 2),
                                     sqlite3_column_text (stmt, 3), NULL));

  return error == NULL || *error == NULL;
}

/* The schema an empty library of this version has, made once by the store itself. */
static GPtrArray *
reference_schema (GError **error)
{
  static GPtrArray *reference;
  G_LOCK_DEFINE_STATIC (reference);
  g_autofree char *dir = NULL, *path = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  G_LOCK (reference);
  if (reference != NULL)
    {
      G_UNLOCK (reference);
      return g_ptr_array_ref (reference);
    }

  rows = g_ptr_array_new_with_free_func (g_free);
  dir = g_dir_make_tmp ("waymark-schema-XXXXXX", error);
  if (dir != NULL)
    {
      path = g_build_filename (dir, "reference.db", NULL);
      store = wm_store_open (path, error);
      g_clear_object (&store);
      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
          read_schema (db, rows, error))
        reference = g_ptr_array_ref (rows);
      g_clear_pointer (&db, sqlite3_close_v2);
      g_remove (path);
      g_rmdir (dir);
    }
  G_UNLOCK (reference);

  return reference ? g_ptr_array_ref (reference) : NULL;
}

static gboolean
describe_extra (const char  *row,
                GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (row, "\x1f", 4);

  /* Triggers and views are the usual way to smuggle code into a database file. */
  return refuse (error, _("it holds an unexpected %s “%s”"), parts[0],
                 parts[1] ? parts[1] : "");
}

static gboolean
check_schema (sqlite3  *db,
              GError  **error)
{
  g_autoptr(GPtrArray) reference = reference_schema (error);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  if (reference == NULL || !read_schema (db, found, error))
    return FALSE;

  for (guint i = 0; i < found->len; i++)
    if (!g_ptr_array_find_with_equal_func (reference, found->pdata[i], g_str_equal, NULL))
      return describe_extra (found->pdata[i], error);

  if (found->len != reference->len)
    return refuse (error, _("its tables are not those of a Waymark library"));

  return TRUE;
}

/* Values ---------------------------------------------------------------------------- */

/* Control characters (but newline and tab in multi-line text), C1 controls and the
 * bidirectional overrides that make text read differently from what it is. */
static gboolean
is_hostile_char (gunichar c,
                 gboolean multiline)
{
  if (multiline && (c == '\n' || c == '\t'))
    return FALSE;

  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

static gboolean
get_text (sqlite3_stmt  *stmt,
          int            column,
          const char    *what,
          glong          max_chars,
          TextFlags      flags,
          const char   **out,
          GError       **error)
{
  const char *text;
  int type = sqlite3_column_type (stmt, column);

  *out = NULL;
  if (type == SQLITE_NULL && !(flags & TEXT_REQUIRED))
    return TRUE;
  if (type != SQLITE_TEXT)
    return refuse (error, _("its %s is missing or not text"), what);

  text = (const char *) sqlite3_column_text (stmt, column);
  if (text == NULL || (gsize) sqlite3_column_bytes (stmt, column) != strlen (text) ||
      !g_utf8_validate (text, -1, NULL))
    return refuse (error, _("its %s is not valid UTF-8 text"), what);
  if (g_utf8_strlen (text, -1) > max_chars)
    return refuse (error, _("its %s is longer than %ld characters"), what, max_chars);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (is_hostile_char (g_utf8_get_char (p), flags & TEXT_MULTILINE))
      return refuse (error, _("its %s contains control characters"), what);

  if ((flags & TEXT_REQUIRED) && text[strspn (text, " \t\n")] == '\0')
    return refuse (error, _("its %s is empty"), what);

  *out = text;
  return TRUE;
}

static gboolean
get_int (sqlite3_stmt  *stmt,
         int            column,
         const char    *what,
         gint64         min,
         gint64         max,
         gint64        *out,
         GError       **error)
{
  gint64 v;

  if (sqlite3_column_type (stmt, column) != SQLITE_INTEGER)
    return refuse (error, _("its %s is not a number"), what);

  v = sqlite3_column_int64 (stmt, column);
  if (v < min || v > max)
    return refuse (error, _("its %s (%" G_GINT64_FORMAT ") is out of range"), what, v);

  *out = v;
  return TRUE;
}

static gboolean
get_uuid (sqlite3_stmt  *stmt,
          int            column,
          const char    *what,
          const char   **out,
          GError       **error)
{
  if (!get_text (stmt, column, what, 36, TEXT_REQUIRED, out, error))
    return FALSE;
  if (!g_uuid_string_is_valid (*out))
    return refuse (error, _("its %s is not a valid id"), what);

  return TRUE;
}

/* A link name: lower-case ASCII words joined by single dashes; never a path. */
static gboolean
slug_is_valid (const char *slug)
{
  gsize len = strlen (slug);

  if (len == 0 || len > 100 || slug[0] == '-' || slug[len - 1] == '-' || strstr (slug, "--"))
    return FALSE;

  for (const char *p = slug; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

static gboolean
get_sha256 (sqlite3_stmt  *stmt,
            int            column,
            const char    *what,
            const char   **out,
            GError       **error)
{
  if (!get_text (stmt, column, what, 64, 0, out, error))
    return FALSE;
  if (*out == NULL)
    return TRUE;
  if (strlen (*out) != 64 || strspn (*out, "0123456789abcdef") != 64)
    return refuse (error, _("its %s is not a SHA-256"), what);

  return TRUE;
}

static gboolean
get_enum (sqlite3_stmt  *stmt,
          int            column,
          const char    *what,
          gboolean     (*parse) (const char *, gpointer),
          gpointer       out,
          GError       **error)
{
  const char *text;

  if (!get_text (stmt, column, what, 64, TEXT_REQUIRED, &text, error))
    return FALSE;
  if (!parse (text, out))
    return refuse (error, _("its %s “%s” is unknown"), what, text);

  return TRUE;
}

#define PARSE(f) ((gboolean (*) (const char *, gpointer)) (f))

/* Rows ------------------------------------------------------------------------------ */

static gboolean
read_meta (sqlite3  *db,
           char    **sender,
           char    **message,
           gint64   *created,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, "SELECT key, value FROM settings", error);

  if (stmt == NULL)
    return FALSE;

  while (next_row (db, stmt, error))
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value;

      if (!get_text (stmt, 1, _("sender's note"), 10000, TEXT_MULTILINE, &value, error))
        return FALSE;

      if (g_strcmp0 (key, WM_BUNDLE_KEY_SENDER) == 0)
        {
          if (!get_text (stmt, 1, _("sender"), 300, 0, &value, error))
            return FALSE;
          wm_set_str (sender, value);
        }
      else if (g_strcmp0 (key, WM_BUNDLE_KEY_MESSAGE) == 0)
        wm_set_str (message, value);
      else if (g_strcmp0 (key, WM_BUNDLE_KEY_CREATED) == 0 && value != NULL)
        *created = g_ascii_strtoll (value, NULL, 10);
    }

  return error == NULL || *error == NULL;
}

static gboolean
read_roles (sqlite3     *db,
            WmTutorial  *t,
            gint64       rowid,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db,
    "SELECT role FROM tutorial_roles WHERE tutorial = ?", error);
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func (g_free);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rowid);
  while (next_row (db, stmt, error))
    {
      const char *role;

      if (roles->len >= MAX_ROLES)
        return refuse (error, _("it has more than %d roles"), MAX_ROLES);
      if (!get_text (stmt, 0, _("role"), 100, TEXT_REQUIRED, &role, error))
        return FALSE;
      g_ptr_array_add (roles, g_strdup (role));
    }
  if (error && *error)
    return FALSE;

  g_ptr_array_add (roles, NULL);
  wm_tutorial_set_roles (t, (const char * const *) roles->pdata);

  return TRUE;
}

/* NULL (nothing known) or one of the kinds' names. */
static gboolean
get_target_kind (sqlite3_stmt  *stmt,
                 int            column,
                 const char    *what,
                 WmTargetKind  *out,
                 GError       **error)
{
  const char *text;

  *out = WM_TARGET_NONE;
  if (!get_text (stmt, column, what, 64, 0, &text, error))
    return FALSE;
  if (text != NULL && !wm_target_kind_from_string (text, out))
    return refuse (error, _("its %s “%s” is unknown"), what, text);

  return TRUE;
}

static gboolean
read_step_target (sqlite3_stmt  *stmt,
                  WmStep        *step,
                  GError       **error)
{
  WmTargetKind kind, container_kind;
  const char *container;
  gint64 incomplete;

  if (!get_target_kind (stmt, 19, _("step target kind"), &kind, error) ||
      !get_text (stmt, 20, _("step target's container"), 1000, 0, &container, error) ||
      !get_target_kind (stmt, 21, _("step container kind"), &container_kind, error) ||
      !get_int (stmt, 22, _("step's incomplete flag"), 0, 1, &incomplete, error))
    return FALSE;

  wm_step_set_target_kind (step, kind);
  wm_step_set_container (step, container, container_kind);
  wm_step_set_incomplete (step, incomplete);

  return TRUE;
}

static gboolean
read_step_text (sqlite3_stmt  *stmt,
                WmStep        *step,
                GError       **error)
{
  const char *instruction, *notes, *name, *role, *app, *window, *text;
  gint64 edited;

  if (!get_text (stmt, 8, _("step instruction"), 2000, TEXT_MULTILINE, &instruction, error) ||
      !get_int (stmt, 9, _("step's edited flag"), 0, 1, &edited, error) ||
      !get_text (stmt, 10, _("step notes"), 10000, TEXT_MULTILINE, &notes, error) ||
      !get_text (stmt, 11, _("step target name"), 1000, 0, &name, error) ||
      !get_text (stmt, 12, _("step target role"), 200, 0, &role, error) ||
      !get_text (stmt, 13, _("step application name"), 1000, 0, &app, error) ||
      !get_text (stmt, 14, _("step window title"), 1000, 0, &window, error) ||
      !get_text (stmt, 15, _("step typed text"), 10000, TEXT_MULTILINE, &text, error))
    return FALSE;

  wm_step_set_generated_instruction (step, instruction);
  wm_step_set_instruction_edited (step, edited);
  wm_step_set_notes (step, notes);
  wm_step_set_target (step, name, role, app, window);
  wm_step_set_text (step, text);

  return TRUE;
}

static WmStep *
read_step (sqlite3_stmt  *stmt,
           guint          expected_position,
           GHashTable    *ids,
           GError       **error)
{
  g_autoptr(WmStep) step = NULL;
  const char *id, *image;
  gint64 position, x, y, button, modifiers, captured;
  WmStepKind kind;

  if (!get_uuid (stmt, 1, _("step id"), &id, error) ||
      !get_int (stmt, 2, _("step position"), 0, MAX_STEPS, &position, error) ||
      !get_enum (stmt, 3, _("step kind"), PARSE (wm_step_kind_from_string), &kind, error) ||
      !get_int (stmt, 4, _("step's pointer x"), -1, MAX_COORD, &x, error) ||
      !get_int (stmt, 5, _("step's pointer y"), -1, MAX_COORD, &y, error) ||
      !get_int (stmt, 6, _("step's button"), 0, 32, &button, error) ||
      !get_int (stmt, 7, _("step's modifiers"), 0, 15, &modifiers, error) ||
      !get_sha256 (stmt, 16, _("step screenshot"), &image, error) ||
      !get_int (stmt, 17, _("step time"), 0, G_MAXINT64, &captured, error))
    return NULL;

  if (position != expected_position)
    return refuse (error, _("its steps are not numbered in order")), NULL;
  /* Compared as the store compares them elsewhere: case does not make an id different. */
  if (!g_hash_table_add (ids, g_ascii_strdown (id, -1)))
    return refuse (error, _("two of its steps have the same id")), NULL;

  step = wm_step_new (kind);
  wm_step_set_id (step, id);
  wm_step_set_position (step, position);
  wm_step_set_point (step, x, y);
  wm_step_set_button (step, button);
  wm_step_set_modifiers (step, modifiers);
  wm_step_set_image_sha256 (step, image);
  wm_step_set_captured_at (step, captured);

  if (!read_step_text (stmt, step, error) || !read_step_target (stmt, step, error))
    return NULL;

  return g_steal_pointer (&step);
}

static gboolean
read_annotation (sqlite3_stmt  *stmt,
                 WmStep        *step,
                 GError       **error)
{
  g_autoptr(WmAnnotation) a = NULL;
  gint64 x, y, w, h;
  WmAnnotationKind kind;
  const char *text;

  if (!get_enum (stmt, 1, _("annotation kind"), PARSE (wm_annotation_kind_from_string), &kind,
                 error) ||
      !get_int (stmt, 2, _("annotation x"), -MAX_COORD, MAX_COORD, &x, error) ||
      !get_int (stmt, 3, _("annotation y"), -MAX_COORD, MAX_COORD, &y, error) ||
      !get_int (stmt, 4, _("annotation width"), -MAX_COORD, MAX_COORD, &w, error) ||
      !get_int (stmt, 5, _("annotation height"), -MAX_COORD, MAX_COORD, &h, error) ||
      !get_text (stmt, 6, _("annotation text"), 2000, TEXT_MULTILINE, &text, error))
    return FALSE;

  if (wm_step_get_annotations (step)->len >= MAX_ANNOTATIONS)
    return refuse (error, _("a step has more than %d annotations"), MAX_ANNOTATIONS);

  a = wm_annotation_new (kind, x, y, w, h, text);
  wm_step_add_annotation (step, a);

  return TRUE;
}

static gboolean
read_annotations (sqlite3     *db,
                  GHashTable  *by_rowid,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db,
    "SELECT step, kind, x, y, width, height, text FROM annotations ORDER BY step, position",
    error);

  if (stmt == NULL)
    return FALSE;

  while (next_row (db, stmt, error))
    {
      WmStep *step = g_hash_table_lookup (by_rowid,
                                          GINT_TO_POINTER (sqlite3_column_int64 (stmt, 0)));

      if (sqlite3_column_type (stmt, 0) != SQLITE_INTEGER || step == NULL)
        return refuse (error, _("it has annotations of steps it does not hold"));
      if (!read_annotation (stmt, step, error))
        return FALSE;
    }

  return error == NULL || *error == NULL;
}

static gboolean
read_steps (sqlite3     *db,
            WmTutorial  *t,
            gint64       rowid,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db,
    "SELECT rowid, id, position, kind, x, y, button, modifiers, instruction,"
    "  instruction_edited, notes, target_name, target_role, app_name, window_title, text,"
    "  image, captured_at, tutorial, target_kind, container, container_kind, incomplete"
    " FROM steps ORDER BY position, rowid", error);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_rowid = g_hash_table_new (NULL, NULL);
  guint n = 0;

  if (stmt == NULL)
    return FALSE;

  while (next_row (db, stmt, error))
    {
      WmStep *step;

      if (n >= MAX_STEPS)
        return refuse (error, _("it has more than %d steps"), MAX_STEPS);
      if (sqlite3_column_int64 (stmt, 18) != rowid)
        return refuse (error, _("it holds steps of a tutorial it does not contain"));
      if (!(step = read_step (stmt, n, ids, error)))
        return FALSE;

      g_hash_table_insert (by_rowid, GINT_TO_POINTER (sqlite3_column_int64 (stmt, 0)), step);
      wm_tutorial_append_step (t, step);
      g_object_unref (step);
      n++;
    }
  if (error && *error)
    return FALSE;

  wm_tutorial_set_steps_loaded (t, TRUE);
  wm_tutorial_set_n_steps (t, n);

  return read_annotations (db, by_rowid, error);
}

static gboolean
read_tutorial_fields (sqlite3_stmt  *stmt,
                      WmTutorial    *t,
                      GError       **error)
{
  const char *id, *slug, *title, *summary, *author, *contributor;
  gint64 version, approved, created, updated;
  WmStage stage;
  WmStatus status;

  if (!get_uuid (stmt, 1, _("tutorial id"), &id, error) ||
      !get_text (stmt, 2, _("link name"), 100, 0, &slug, error) ||
      !get_text (stmt, 3, _("title"), 300, TEXT_REQUIRED, &title, error) ||
      !get_text (stmt, 4, _("summary"), 2000, TEXT_MULTILINE, &summary, error) ||
      !get_enum (stmt, 5, _("stage"), PARSE (wm_stage_from_string), &stage, error) ||
      !get_enum (stmt, 6, _("status"), PARSE (wm_status_from_string), &status, error) ||
      !get_int (stmt, 7, _("version"), 1, 1000000, &version, error) ||
      !get_int (stmt, 8, _("approved version"), 0, version, &approved, error) ||
      !get_text (stmt, 9, _("author"), 300, 0, &author, error) ||
      !get_text (stmt, 10, _("contributor"), 300, 0, &contributor, error) ||
      !get_int (stmt, 11, _("creation time"), 0, G_MAXINT64, &created, error) ||
      !get_int (stmt, 12, _("update time"), 0, G_MAXINT64, &updated, error))
    return FALSE;

  if (slug != NULL && !slug_is_valid (slug))
    return refuse (error, _("its link name “%s” is not a valid link name"), slug);

  wm_tutorial_set_id (t, id);
  wm_tutorial_set_slug (t, slug);
  wm_tutorial_set_title (t, title);
  wm_tutorial_set_summary (t, summary);
  wm_tutorial_set_stage (t, stage);
  wm_tutorial_set_status (t, status);
  wm_tutorial_set_version (t, version);
  wm_tutorial_set_approved_version (t, approved);
  wm_tutorial_set_author (t, author);
  wm_tutorial_set_contributor (t, contributor);
  wm_tutorial_set_created_at (t, created);
  wm_tutorial_set_updated_at (t, updated);

  return TRUE;
}

static WmTutorial *
read_tutorial (sqlite3  *db,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db,
    "SELECT rowid, id, slug, title, summary, stage, status, version, approved_version,"
    "  author, contributor, created_at, updated_at FROM tutorials LIMIT 2", error);
  g_autoptr(WmTutorial) t = NULL;
  gint64 rowid;

  if (stmt == NULL)
    return NULL;

  if (!next_row (db, stmt, error))
    return error && *error ? NULL : (refuse (error, _("it holds no tutorial")), NULL);

  t = wm_tutorial_new ("-");
  rowid = sqlite3_column_int64 (stmt, 0);
  if (!read_tutorial_fields (stmt, t, error))
    return NULL;

  if (next_row (db, stmt, error))
    return refuse (error, _("it holds more than one tutorial")), NULL;

  if ((error && *error) || !read_roles (db, t, rowid, error) || !read_steps (db, t, rowid, error))
    return NULL;

  return g_steal_pointer (&t);
}

/* Images ---------------------------------------------------------------------------- */

static WmImage *
read_image (sqlite3     *db,
            const char  *sha,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db,
    "SELECT width, height, png FROM images WHERE sha256 = ? LIMIT 2", error);
  g_autoptr(GBytes) png = NULL;
  g_autofree char *actual = NULL;
  gint64 w, h;
  guint dw, dh;
  const guint8 *data;
  int len;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
  if (!next_row (db, stmt, error))
    return error && *error ? NULL :
           (refuse (error, _("the screenshot %.12s… of a step is missing"), sha), NULL);

  if (!get_int (stmt, 0, _("screenshot width"), 1, WM_PNG_MAX_DIMENSION, &w, error) ||
      !get_int (stmt, 1, _("screenshot height"), 1, WM_PNG_MAX_DIMENSION, &h, error))
    return NULL;
  if (sqlite3_column_type (stmt, 2) != SQLITE_BLOB)
    return refuse (error, _("the screenshot %.12s… is not image data"), sha), NULL;

  data = sqlite3_column_blob (stmt, 2);
  len = sqlite3_column_bytes (stmt, 2);
  if (len <= 0 || len > MAX_PNG_BYTES)
    return refuse (error, _("the screenshot %.12s… is empty or too large"), sha), NULL;

  /* Content-addressed: the bytes must be what their name says. */
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
  if (!g_str_equal (actual, sha))
    return refuse (error, _("the screenshot %.12s… does not match its checksum"), sha), NULL;

  if (!wm_png_check (data, len, &dw, &dh, error))
    return NULL;
  if (dw != w || dh != h)
    return refuse (error, _("the screenshot %.12s… is not the size it claims"), sha), NULL;

  png = g_bytes_new (data, len);
  if (next_row (db, stmt, error))
    return refuse (error, _("the screenshot %.12s… is stored twice"), sha), NULL;

  return (error && *error) ? NULL : wm_image_new_full (sha, dw, dh, png);
}

static GPtrArray *
read_images (sqlite3     *db,
             WmTutorial  *t,
             GError     **error)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *steps = wm_tutorial_get_steps (t);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      const char *sha = wm_step_get_image_sha256 (wm_tutorial_get_step (t, i));
      WmImage *image;

      if (sha == NULL || !g_hash_table_add (seen, (gpointer) sha))
        continue;

      if (!(image = read_image (db, sha, error)))
        return NULL;
      g_ptr_array_add (images, image);
    }

  return g_steal_pointer (&images);
}

/* History --------------------------------------------------------------------------- */

static WmHistoryEvent *
read_event (sqlite3_stmt  *stmt,
            WmTutorial    *t,
            GError       **error)
{
  const char *id, *who, *email, *message, *from_text;
  gint64 version, at;
  WmStatus from = WM_STATUS_DRAFT, to;

  if (!get_uuid (stmt, 1, _("history's tutorial id"), &id, error) ||
      !get_int (stmt, 2, _("history's version"), 1, wm_tutorial_get_version (t), &version,
                error) ||
      !get_text (stmt, 3, _("history's earlier status"), 64, 0, &from_text, error) ||
      !get_enum (stmt, 4, _("history's status"), PARSE (wm_status_from_string), &to, error) ||
      !get_text (stmt, 5, _("history's name"), 300, 0, &who, error) ||
      !get_text (stmt, 6, _("history's email"), 300, 0, &email, error) ||
      !get_text (stmt, 7, _("history's message"), 10000, TEXT_MULTILINE, &message, error) ||
      !get_int (stmt, 8, _("history's time"), 0, G_MAXINT64, &at, error))
    return NULL;

  if (!g_str_equal (id, wm_tutorial_get_id (t)))
    return refuse (error, _("it holds the history of another tutorial")), NULL;
  if (from_text != NULL && !wm_status_from_string (from_text, &from))
    return refuse (error, _("its history's earlier status “%s” is unknown"), from_text), NULL;

  return wm_history_event_new (id, version, from_text ? (int) from : WM_HISTORY_NO_STATUS,
                               to, who, email, message, at);
}

static gboolean
read_comments (sqlite3     *db,
               GHashTable  *by_rowid,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db,
    "SELECT event, step_id, position, comment FROM step_comments ORDER BY rowid", error);
  guint n = 0;

  if (stmt == NULL)
    return FALSE;

  while (next_row (db, stmt, error))
    {
      WmHistoryEvent *ev = g_hash_table_lookup (by_rowid,
                                                GINT_TO_POINTER (sqlite3_column_int64 (stmt, 0)));
      const char *step_id, *comment;
      gint64 position;

      if (++n > MAX_COMMENTS)
        return refuse (error, _("it has more than %d step comments"), MAX_COMMENTS);
      if (ev == NULL || sqlite3_column_type (stmt, 0) != SQLITE_INTEGER)
        return refuse (error, _("it has step comments outside its history"));
      if (!get_uuid (stmt, 1, _("comment's step id"), &step_id, error) ||
          !get_int (stmt, 2, _("comment's step number"), 0, MAX_STEPS, &position, error) ||
          !get_text (stmt, 3, _("step comment"), 10000, TEXT_REQUIRED | TEXT_MULTILINE,
                     &comment, error))
        return FALSE;

      wm_history_event_add_step_comment (ev, step_id, position, comment);
    }

  return error == NULL || *error == NULL;
}

static GPtrArray *
read_history (sqlite3     *db,
              WmTutorial  *t,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db,
    "SELECT rowid, tutorial_id, version, from_status, to_status, who, email, message, at"
    " FROM events ORDER BY at, rowid", error);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_rowid = g_hash_table_new (NULL, NULL);

  if (stmt == NULL)
    return NULL;

  while (next_row (db, stmt, error))
    {
      WmHistoryEvent *ev;

      if (events->len >= MAX_EVENTS)
        return refuse (error, _("its history has more than %d entries"), MAX_EVENTS), NULL;
      if (!(ev = read_event (stmt, t, error)))
        return NULL;

      g_ptr_array_add (events, ev);
      g_hash_table_insert (by_rowid, GINT_TO_POINTER (sqlite3_column_int64 (stmt, 0)), ev);
    }

  if ((error && *error) || !read_comments (db, by_rowid, error))
    return NULL;

  return g_steal_pointer (&events);
}

/* Entry ----------------------------------------------------------------------------- */

WmBundle *
wm_bundle_read (GBytes  *contents,
                GError **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *sender = NULL, *message = NULL;
  g_autoptr(GError) local = NULL;
  gint64 created = 0;

  /* The readers below tell "no more rows" from "read error" by the error being set, so
   * they always get one. */
  if (!(db = open_untrusted (contents, &local)) ||
      !check_integrity (db, &local) ||
      !check_schema (db, &local) ||
      !read_meta (db, &sender, &message, &created, &local) ||
      !(t = read_tutorial (db, &local)) ||
      !(images = read_images (db, t, &local)) ||
      !(history = read_history (db, t, &local)))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  return wm_bundle_new_checked (t, images, history, sender, message, created);
}
