/* wm-store.c — the tutorial library: opening, transactions, images and settings
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "wm-review-private.h"
#include "wm-store-private.h"
#include "wm-util.h"

#define DEFAULT_BUSY_TIMEOUT_MS 5000

struct _WmStore
{
  GObject    parent_instance;
  char      *path;
  sqlite3   *db;
  /* Recursive: a store method may call another inside its own transaction. */
  GRecMutex  mutex;
  int        schema_version;
  guint      in_transaction;
  guint      read_only : 1;
};

G_DEFINE_FINAL_TYPE (WmStore, wm_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (wm-store-error-quark, wm_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_store_finalize (GObject *object)
{
  WmStore *self = (WmStore *) object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_rec_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (wm_store_parent_class)->finalize (object);
}

static void
wm_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  WmStore *self = WM_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_READ_ONLY: g_value_set_boolean (value, self->read_only); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_store_class_init (WmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_store_finalize;
  object_class->get_property = wm_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_store_init (WmStore *self)
{
  g_rec_mutex_init (&self->mutex);
}

/* Errors ---------------------------------------------------------------------------- */

/* One whole sentence per situation, so that translators see it whole. */
static const char *
doing_message (WmStoreDoing doing)
{
  switch (doing)
    {
    /* TRANSLATORS: in each of these, %1$s is a library file and %2$s why SQLite failed, e.g.
     * "the disk is full; nothing was changed" */
    case WM_STORE_DOING_OPEN: return _("Cannot open the library “%1$s”: %2$s");
    case WM_STORE_DOING_READ: return _("Cannot read the library “%1$s”: %2$s");
    case WM_STORE_DOING_SAVE: return _("Cannot save the tutorial in “%1$s”: %2$s");
    case WM_STORE_DOING_DELETE: return _("Cannot delete the tutorial from “%1$s”: %2$s");
    case WM_STORE_DOING_UPGRADE:
      return _("Cannot upgrade the library “%1$s” for this Waymark: %2$s");
    case WM_STORE_DOING_SETTING: return _("Cannot save a setting of the library “%1$s”: %2$s");
    case WM_STORE_DOING_REVIEW: return _("Cannot record the review in “%1$s”: %2$s");
    case WM_STORE_DOING_SIGNALS:
      return _("Cannot save the adoption signals in “%1$s”: %2$s");
    case WM_STORE_DOING_CHANGE:
    default: return _("Cannot change the library “%1$s”: %2$s");
    }
}

void
wm_store_set_sqlite_error (sqlite3      *db,
                           int           rc,
                           WmStoreDoing  doing,
                           GError      **error)
{
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  const char *path = db ? sqlite3_db_filename (db, "main") : NULL;
  int code;
  const char *why;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = WM_STORE_ERROR_LOCKED;
      why = _("another program is writing to the library; try again when it is done");
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = WM_STORE_ERROR_READ_ONLY;
      why = _("the library cannot be written (read-only file or folder)");
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = WM_STORE_ERROR_CORRUPT;
      why = _("the file is damaged or is not a Waymark library");
      break;
    case SQLITE_FULL:
      code = WM_STORE_ERROR_FAILED;
      why = _("the disk is full; nothing was changed");
      break;
    case SQLITE_CONSTRAINT:
      code = WM_STORE_ERROR_INVALID;
      why = detail;
      break;
    default:
      code = WM_STORE_ERROR_FAILED;
      why = detail;
    }

  g_set_error (error, WM_STORE_ERROR, code, doing_message (doing),
               path && *path ? path : "library.db", why);
}

/* Connection ------------------------------------------------------------------------ */

char *
wm_store_get_default_path (void)
{
  const char *env = g_getenv ("WAYMARK_LIBRARY");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "waymark", "library.db", NULL);
}

static gboolean
check_writable (const char  *path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_READ_ONLY,
                   _("Cannot create the folder for library “%s”: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }

  /* WAL needs to create -wal and -shm beside the file, so the folder must be writable
   * too; find out now rather than half-way through the first write. */
  if ((g_file_test (path, G_FILE_TEST_EXISTS) && access (path, W_OK) != 0) ||
      access (dir, W_OK) != 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_READ_ONLY,
                   _("Cannot open library “%s” for writing: the file or its folder is "
                     "read-only"), path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
configure (WmStore  *self,
           GError  **error)
{
  /* synchronous=NORMAL in WAL mode: a commit survives the process being killed at any
   * point (what capture relies on); only a power cut can lose the last commits, never
   * corrupt the file. */
  const char *sql = self->read_only ?
    "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF;" :
    "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF; PRAGMA journal_mode = WAL;"
    " PRAGMA synchronous = NORMAL;";
  int rc;

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      wm_store_set_sqlite_error (self->db, rc, WM_STORE_DOING_OPEN, error);
      return FALSE;
    }

  return TRUE;
}

/* Right after every open, before the first read: reading the schema can meet another
 * process's checkpoint or WAL recovery, and must wait for it like any other statement
 * (`list` run beside other commands failed 19 times in 167 without waiting). */
static void
set_busy_timeout (sqlite3 *db)
{
  sqlite3_busy_timeout (db, DEFAULT_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db, 1);
}

static gboolean
probe_readable (sqlite3 *db)
{
  return sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) == SQLITE_OK;
}

static gboolean
reopen_immutable (WmStore  *self,
                  GError  **error)
{
  g_autofree char *uri = g_filename_to_uri (self->path, NULL, NULL);
  g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);
  int rc;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  rc = sqlite3_open_v2 (immutable, &self->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      wm_store_set_sqlite_error (self->db, rc, WM_STORE_DOING_OPEN, error);
      return FALSE;
    }
  set_busy_timeout (self->db);

  return TRUE;
}

static WmStore *
open_connection (const char  *path,
                 gboolean     read_only,
                 GError     **error)
{
  g_autoptr(WmStore) self = NULL;
  int flags = SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI;
  int version = 0;
  int rc;

  /* Before any library file is opened in this process (see wm-store-locks.c). */
  wm_store_install_file_locks ();

  self = g_object_new (WM_TYPE_STORE, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->read_only = !!read_only;

  if (read_only)
    {
      if (!g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                       _("Cannot open library “%s”: no such file"), self->path);
          return NULL;
        }
      flags |= SQLITE_OPEN_READONLY;
    }
  else
    {
      if (!check_writable (self->path, error))
        return NULL;
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      wm_store_set_sqlite_error (self->db, rc, WM_STORE_DOING_OPEN, error);
      return NULL;
    }
  set_busy_timeout (self->db);

  /* A WAL library on a read-only file system cannot get its -shm file; SQLite can still
   * read it when told nothing will change it, which is true there. */
  if (read_only && !probe_readable (self->db) && !reopen_immutable (self, error))
    return NULL;

  /* Look before touching: a foreign, newer or damaged file is refused before WAL mode or
   * any migration writes a byte to it. */
  if (!wm_store_schema_check (self, self->db, &version, error) || !configure (self, error))
    return NULL;

  if (read_only && version != WM_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("Cannot read library “%s”: it has schema %d and must be upgraded "
                     "(%d) by opening it for writing first"),
                   self->path, version, WM_STORE_SCHEMA_VERSION);
      return NULL;
    }

  if (!read_only && !wm_store_schema_migrate (self, version, error))
    return NULL;

  self->schema_version = WM_STORE_SCHEMA_VERSION;

  return g_steal_pointer (&self);
}

WmStore *
wm_store_open (const char  *path,
               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_connection (path, FALSE, error);
}

WmStore *
wm_store_open_read_only (const char  *path,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_connection (path, TRUE, error);
}

const char *
wm_store_get_path (WmStore *self)
{
  g_return_val_if_fail (WM_IS_STORE (self), NULL);
  return self->path;
}

int
wm_store_get_schema_version (WmStore *self)
{
  g_return_val_if_fail (WM_IS_STORE (self), 0);
  return self->schema_version;
}

void
wm_store_set_busy_timeout (WmStore *self,
                           guint    msec)
{
  g_return_if_fail (WM_IS_STORE (self));

  g_rec_mutex_lock (&self->mutex);
  sqlite3_busy_timeout (self->db, (int) MIN (msec, G_MAXINT));
  g_rec_mutex_unlock (&self->mutex);
}

/* Transactions ---------------------------------------------------------------------- */

gboolean
wm_store_read (WmStore        *self,
               WmStoreTxnFunc  func,
               gpointer        user_data,
               GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->mutex);
  ok = func (self, self->db, user_data, error);
  g_rec_mutex_unlock (&self->mutex);

  return ok;
}

static gboolean
exec_simple (WmStore       *self,
             const char    *sql,
             WmStoreDoing   doing,
             GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      wm_store_set_sqlite_error (self->db, rc, doing, error);
      return FALSE;
    }

  return TRUE;
}

/* IMMEDIATE takes the write lock up front, so a busy library fails at BEGIN (after the
 * busy timeout) instead of half-way through. Nested calls join the outer transaction. */
gboolean
wm_store_transaction (WmStore        *self,
                      WmStoreTxnFunc  func,
                      gpointer        user_data,
                      GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);

  if (self->read_only)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_READ_ONLY,
                   _("Library “%s” was opened read-only"), self->path);
      return FALSE;
    }

  g_rec_mutex_lock (&self->mutex);

  if (self->in_transaction > 0)
    {
      ok = func (self, self->db, user_data, error);
      g_rec_mutex_unlock (&self->mutex);
      return ok;
    }

  if (!exec_simple (self, "BEGIN IMMEDIATE", WM_STORE_DOING_CHANGE, error))
    {
      g_rec_mutex_unlock (&self->mutex);
      return FALSE;
    }

  self->in_transaction++;
  ok = func (self, self->db, user_data, error);
  self->in_transaction--;

  if (ok)
    ok = exec_simple (self, "COMMIT", WM_STORE_DOING_CHANGE, error);

  /* After a failed COMMIT (disk full) SQLite may have rolled back already. */
  if (!ok && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  g_rec_mutex_unlock (&self->mutex);

  return ok;
}

static gboolean
exec_func (WmStore  *self,
           sqlite3  *db,
           gpointer  user_data,
           GError  **error)
{
  return exec_simple (self, user_data, WM_STORE_DOING_CHANGE, error);
}

gboolean
wm_store_exec (WmStore     *self,
               const char  *sql,
               GError     **error)
{
  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  return wm_store_read (self, exec_func, (gpointer) sql, error);
}

/* Statement helpers ----------------------------------------------------------------- */

sqlite3_stmt *
wm_store_prepare (sqlite3     *db,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      wm_store_set_sqlite_error (db, rc, WM_STORE_DOING_READ, error);
      return NULL;
    }

  return stmt;
}

void
wm_store_bind_text (sqlite3_stmt *stmt,
                    int           column,
                    const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

gboolean
wm_store_step (sqlite3       *db,
               sqlite3_stmt  *stmt,
               WmStoreDoing   doing,
               GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      wm_store_set_sqlite_error (db, rc, doing, error);
      return FALSE;
    }

  return TRUE;
}

gint64
wm_store_tutorial_rowid (sqlite3     *db,
                         const char  *id,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 rowid = -1;

  stmt = wm_store_prepare (db, "SELECT rowid FROM tutorials WHERE id = ?", error);
  if (stmt == NULL)
    return -1;

  wm_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  else
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                 _("No tutorial “%s” in the library"), id);

  return rowid;
}

/* Setters rather than g_object_new() with a property list: a list of 10,000 rows spends
 * most of its time here, and GValue marshalling doubled it. */
WmTutorial *
wm_store_tutorial_from_row (sqlite3_stmt *stmt)
{
  g_auto(GStrv) roles = NULL;
  WmTutorial *t = g_object_new (WM_TYPE_TUTORIAL, NULL);
  WmStage stage = WM_STAGE_ORIENTATION;
  WmStatus status = WM_STATUS_DRAFT;
  const char *joined = wm_store_column_text (stmt, 14);

  wm_stage_from_string (wm_store_column_text (stmt, 4), &stage);
  wm_status_from_string (wm_store_column_text (stmt, 5), &status);
  roles = joined ? g_strsplit (joined, "\x1f", -1) : NULL;

  wm_tutorial_set_id (t, wm_store_column_text (stmt, 0));
  wm_tutorial_set_slug (t, wm_store_column_text (stmt, 1));
  wm_tutorial_set_title (t, wm_store_column_text (stmt, 2));
  wm_tutorial_set_summary (t, wm_store_column_text (stmt, 3));
  wm_tutorial_set_stage (t, stage);
  wm_tutorial_set_status (t, status);
  wm_tutorial_set_version (t, MAX (1, sqlite3_column_int (stmt, 6)));
  wm_tutorial_set_approved_version (t, sqlite3_column_int (stmt, 7));
  wm_tutorial_set_author (t, wm_store_column_text (stmt, 8));
  wm_tutorial_set_contributor (t, wm_store_column_text (stmt, 9));
  wm_tutorial_set_created_at (t, sqlite3_column_int64 (stmt, 10));
  wm_tutorial_set_updated_at (t, sqlite3_column_int64 (stmt, 11));
  wm_tutorial_set_n_steps (t, sqlite3_column_int (stmt, 12));
  wm_tutorial_set_thumbnail_sha256 (t, wm_store_column_text (stmt, 13));
  if (roles != NULL)
    wm_tutorial_set_roles (t, (const char * const *) roles);

  return t;
}

/* Full-text index ------------------------------------------------------------------- */

gboolean
wm_store_reindex (sqlite3  *db,
                  gint64    rowid,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;

  del = wm_store_prepare (db, "DELETE FROM tutorials_fts WHERE rowid = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, rowid);
  if (!wm_store_step (db, del, WM_STORE_DOING_SAVE, error))
    return FALSE;

  /* Typed text is left out on purpose: it is what people entered, not what they read. */
  ins = wm_store_prepare (db,
    "INSERT INTO tutorials_fts (rowid, title, summary, steps)"
    " SELECT t.rowid, t.title, coalesce (t.summary, ''),"
    "  coalesce ((SELECT group_concat (coalesce (s.instruction, '') || ' ' ||"
    "    coalesce (s.notes, '') || ' ' || coalesce (s.target_name, ''), ' ')"
    "   FROM steps s WHERE s.tutorial = t.rowid), '')"
    " FROM tutorials t WHERE t.rowid = ?", error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, rowid);

  return wm_store_step (db, ins, WM_STORE_DOING_SAVE, error);
}

/* Images ---------------------------------------------------------------------------- */

gboolean
wm_store_insert_image (sqlite3  *db,
                       WmImage  *image,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GBytes *png = wm_image_get_png (image);
  gsize len;
  const void *data = g_bytes_get_data (png, &len);

  stmt = wm_store_prepare (db,
    "INSERT INTO images (sha256, width, height, png) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (sha256) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, wm_image_get_sha256 (image));
  sqlite3_bind_int (stmt, 2, (int) wm_image_get_width (image));
  sqlite3_bind_int (stmt, 3, (int) wm_image_get_height (image));
  sqlite3_bind_blob64 (stmt, 4, data, len, SQLITE_STATIC);

  return wm_store_step (db, stmt, WM_STORE_DOING_SAVE, error);
}

static gboolean
add_image_txn (WmStore  *self,
               sqlite3  *db,
               gpointer  user_data,
               GError  **error)
{
  return wm_store_insert_image (db, user_data, error);
}

gboolean
wm_store_add_image (WmStore  *self,
                    WmImage  *image,
                    GError  **error)
{
  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (WM_IS_IMAGE (image), FALSE);

  if (wm_store_has_image (self, wm_image_get_sha256 (image)))
    return TRUE;

  return wm_store_transaction (self, add_image_txn, image, error);
}

typedef struct {
  const char *sha256;
  WmImage    *image;
} LoadImage;

static gboolean
load_image_txn (WmStore  *self,
                sqlite3  *db,
                gpointer  user_data,
                GError  **error)
{
  LoadImage *li = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) png = NULL;

  stmt = wm_store_prepare (db, "SELECT width, height, png FROM images WHERE sha256 = ?", error);
  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, li->sha256);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("The screenshot %.12s… is not in the library"), li->sha256);
      return FALSE;
    }

  png = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
  li->image = wm_image_new_full (li->sha256, sqlite3_column_int (stmt, 0),
                                 sqlite3_column_int (stmt, 1), png);

  return TRUE;
}

WmImage *
wm_store_load_image (WmStore     *self,
                     const char  *sha256,
                     GError     **error)
{
  LoadImage li = { sha256, NULL };

  g_return_val_if_fail (WM_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  if (!wm_store_read (self, load_image_txn, &li, error))
    return NULL;

  return li.image;
}

static gboolean
has_image_txn (WmStore  *self,
               sqlite3  *db,
               gpointer  user_data,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = wm_store_prepare (db, "SELECT 1 FROM images WHERE sha256 = ?", NULL);
  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, user_data);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
wm_store_has_image (WmStore    *self,
                    const char *sha256)
{
  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  return wm_store_read (self, has_image_txn, (gpointer) sha256, NULL);
}

/* Maintenance and settings ---------------------------------------------------------- */

typedef struct {
  guint removed;
} Garbage;

static gboolean
collect_garbage_txn (WmStore  *self,
                     sqlite3  *db,
                     gpointer  user_data,
                     GError  **error)
{
  Garbage *g = user_data;

  if (!exec_simple (self,
        "DELETE FROM images WHERE NOT EXISTS (SELECT 1 FROM steps s WHERE s.image = sha256)"
        " AND NOT EXISTS (SELECT 1 FROM revision_images r WHERE r.image = sha256)",
        WM_STORE_DOING_CHANGE, error))
    return FALSE;

  g->removed = sqlite3_changes (db);
  return TRUE;
}

gboolean
wm_store_collect_garbage (WmStore  *self,
                          guint    *n_removed,
                          GError  **error)
{
  Garbage g = { 0 };

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);

  if (!wm_store_transaction (self, collect_garbage_txn, &g, error))
    return FALSE;

  if (n_removed != NULL)
    *n_removed = g.removed;

  return TRUE;
}

typedef struct {
  const char *key;
  const char *value;
  char       *result;
} Setting;

static gboolean
get_setting_txn (WmStore  *self,
                 sqlite3  *db,
                 gpointer  user_data,
                 GError  **error)
{
  Setting *s = user_data;
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "SELECT value FROM settings WHERE key = ?", error);

  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, s->key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    s->result = g_strdup (wm_store_column_text (stmt, 0));

  return TRUE;
}

char *
wm_store_get_setting (WmStore    *self,
                      const char *key)
{
  Setting s = { key, NULL, NULL };

  g_return_val_if_fail (WM_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  wm_store_read (self, get_setting_txn, &s, NULL);
  return s.result;
}

static gboolean
set_setting_txn (WmStore  *self,
                 sqlite3  *db,
                 gpointer  user_data,
                 GError  **error)
{
  Setting *s = user_data;
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    s->value ? "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)"
             : "DELETE FROM settings WHERE key = ?", error);

  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, s->key);
  if (s->value)
    wm_store_bind_text (stmt, 2, s->value);

  return wm_store_step (db, stmt, WM_STORE_DOING_SETTING, error);
}

gboolean
wm_store_set_setting (WmStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  Setting s = { key, value, NULL };

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return wm_store_transaction (self, set_setting_txn, &s, error);
}
