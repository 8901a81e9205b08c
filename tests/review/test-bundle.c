/* test-bundle.c — bundles between two libraries, and malformed bundles refused whole
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <sqlite3.h>
#include <zlib.h>

#include "review-fixture.h"
#include "wm-bundle.h"
#include "wm-review.h"

static const char *alice[] = { "WAYMARK_AUTHOR=Alice Author", "WAYMARK_EMAIL=alice@example.org",
                               NULL };

typedef struct {
  char *theirs;   /* the contributor's library */
  char *bundle;
  char *id;
} Pair;

/* Alice records three steps (two share a screenshot) and submits; the bundle is written. */
static void
make_pair (Fixture *f,
           Pair    *p)
{
  g_autofree char *png = NULL;

  p->theirs = g_build_filename (f->dir, "alice.db", NULL);
  p->bundle = g_build_filename (f->dir, "export-report.waymark", NULL);
  p->id = fixture_record (f, p->theirs, "Export a report", 2, 60);
  png = fixture_write_png (f, 60, 320, 200);
  g_assert_cmpint (fixture_run (f, p->theirs, NULL, "add-images", p->id, png, NULL), ==, 0);
  g_assert_cmpint (fixture_run (f, p->theirs, alice, "submit", p->id, "-m", "From the forum",
                                NULL), ==, 0);
  g_assert_cmpint (fixture_run (f, p->theirs, alice, "bundle", p->id, "-o", p->bundle, "-m",
                                "Please review", NULL), ==, 0);
}

static void
clear_pair (Pair *p)
{
  g_free (p->theirs);
  g_free (p->bundle);
  g_free (p->id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pair, clear_pair)

static WmStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  WmStore *store = wm_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
assert_images_identical (const char *a_path,
                         const char *b_path,
                         const char *id)
{
  g_autoptr(WmStore) a = open_store (a_path);
  g_autoptr(WmStore) b = open_store (b_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) ta = wm_store_load_tutorial (a, id, TRUE, &error);
  g_autoptr(WmTutorial) tb = wm_store_load_tutorial (b, id, TRUE, &error);
  guint n = wm_tutorial_get_n_steps (ta);

  g_assert_no_error (error);
  g_assert_cmpuint (wm_tutorial_get_n_steps (tb), ==, n);
  for (guint i = 0; i < n; i++)
    {
      const char *sha = wm_step_get_image_sha256 (wm_tutorial_get_step (ta, i));
      g_autoptr(WmImage) ia = wm_store_load_image (a, sha, &error);
      g_autoptr(WmImage) ib = wm_store_load_image (b, sha, &error);
      g_autofree char *actual = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (wm_step_get_image_sha256 (wm_tutorial_get_step (tb, i)), ==, sha);
      g_assert_true (g_bytes_equal (wm_image_get_png (ia), wm_image_get_png (ib)));
      actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, wm_image_get_png (ib));
      g_assert_cmpstr (actual, ==, sha);
    }
}

static void
test_roundtrip (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Pair) p = { 0 };
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_auto(GStrv) lines = NULL;

  make_pair (f, &p);
  g_assert_cmpint (fixture_run (f, f->library, NULL, "import", p.bundle, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Imported “Export a report”, in review (from Alice Author "
                                    "<alice@example.org>)"));
  assert_images_identical (p.theirs, f->library, p.id);

  store = open_store (f->library);
  t = wm_store_load_tutorial (store, p.id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_tutorial_get_status (t), ==, WM_STATUS_IN_REVIEW);
  g_assert_cmpstr (wm_tutorial_get_contributor (t), ==, "Alice Author <alice@example.org>");
  g_assert_cmpstr (wm_tutorial_get_author (t), ==, "Alice");
  g_assert_cmpuint (wm_tutorial_get_version (t), ==, 1);

  /* Her history came along, and the arrival is recorded after it. */
  history = wm_review_list_history (store, p.id, &error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (wm_history_event_get_message (g_ptr_array_index (history, 0)), ==,
                   "From the forum");
  g_assert_cmpstr (wm_history_event_get_message (g_ptr_array_index (history, 1)), ==,
                   "Please review");
  g_assert_cmpstr (wm_history_event_get_email (g_ptr_array_index (history, 1)), ==,
                   "alice@example.org");
  g_clear_object (&store);

  /* Twice is once. */
  before = fixture_library_digest (f->library);
  g_assert_cmpint (fixture_run (f, f->library, NULL, "import", p.bundle, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Already in the library"));
  after = fixture_library_digest (f->library);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (fixture_run (f, f->library, NULL, "list", NULL), ==, 0);
  lines = g_strsplit (f->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);  /* header, 1, "" */

  /* The reviewer here can approve it: the contributor is not the reviewer. */
  g_assert_cmpint (fixture_run (f, f->library, NULL, "approve", p.id, "--as", "Rita", NULL), ==, 0);
}

static void
test_newer_version (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Pair) p = { 0 };
  g_autofree char *png = fixture_write_png (f, 70, 320, 200);
  g_autofree char *bundle2 = g_build_filename (f->dir, "v2.waymark", NULL);
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmTutorial) now = NULL, v1 = NULL;
  g_autoptr(GError) error = NULL;

  make_pair (f, &p);
  g_assert_cmpint (fixture_run (f, f->library, NULL, "import", p.bundle, NULL), ==, 0);
  g_assert_cmpint (fixture_run (f, f->library, NULL, "request-changes", p.id, "--as", "Rita",
                                "--comment", "Add the last step", NULL), ==, 0);

  /* Alice adds a step and sends it again. */
  g_assert_cmpint (fixture_run (f, p.theirs, alice, "back-to-draft", p.id, NULL), ==, 0);
  g_assert_cmpint (fixture_run (f, p.theirs, NULL, "add-images", p.id, png, NULL), ==, 0);
  g_assert_cmpint (fixture_run (f, p.theirs, alice, "bundle", p.id, "-o", bundle2, NULL), ==, 0);
  g_assert_cmpint (fixture_run (f, f->library, NULL, "import", bundle2, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "as version 2, in review"));

  store = open_store (f->library);
  now = wm_store_load_tutorial (store, p.id, TRUE, &error);
  v1 = wm_store_load_revision (store, p.id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_tutorial_get_version (now), ==, 2);
  g_assert_cmpuint (wm_tutorial_get_n_steps (now), ==, 4);
  g_assert_cmpint (wm_tutorial_get_status (now), ==, WM_STATUS_IN_REVIEW);
  g_assert_cmpuint (wm_tutorial_get_n_steps (v1), ==, 3);
  g_clear_object (&store);

  g_assert_cmpint (fixture_run (f, f->library, NULL, "diff", p.id, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "+ Step 4 added"));
  /* The first bundle again is old news. */
  g_assert_cmpint (fixture_run (f, f->library, NULL, "import", p.bundle, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Already in the library"));
}

static void
test_inbox (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *shared = g_build_filename (f->dir, "shared", NULL);
  g_autofree char *theirs = g_build_filename (f->dir, "alice.db", NULL);
  g_autofree char *id = fixture_record (f, theirs, "Send me in", 2, 80);
  g_autofree char *expected = NULL;

  g_assert_cmpint (g_mkdir (shared, 0700), ==, 0);
  g_assert_cmpint (fixture_run (f, theirs, alice, "submit", id, "--message", "For the team",
                                "--to", shared, NULL), ==, 0);
  /* One new file, named after the tutorial and version, with a part no one could guess. */
  {
    g_autofree char *inbox = g_build_filename (shared, "inbox", NULL);
    g_autofree char *prefix = g_strdup_printf ("%s-v1-", id);
    g_autoptr(GDir) dir = g_dir_open (inbox, 0, NULL);
    const char *name = dir != NULL ? g_dir_read_name (dir) : NULL;

    g_assert_nonnull (name);
    g_assert_true (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".waymark"));
    g_assert_cmpuint (strlen (name), ==, strlen (prefix) + 16 + strlen (".waymark"));
    expected = g_build_filename (inbox, name, NULL);
    g_assert_null (g_dir_read_name (dir));
  }
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (fixture_run (f, f->library, NULL, "inbox", "--from", shared, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "“Send me in” v1, 2 steps, from Alice Author"));
  g_assert_nonnull (strstr (f->out, "“For the team”"));
  g_assert_null (strstr (f->out, "already in this library"));
  g_assert_cmpint (fixture_run (f, f->library, NULL, "import", expected, NULL), ==, 0);
  g_assert_cmpint (fixture_run (f, f->library, NULL, "inbox", "--from", shared, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "from Alice Author <alice@example.org> — already in this "
                                    "library"));

  /* An unreachable location is refused before anything is submitted. */
  g_assert_cmpint (fixture_run (f, theirs, alice, "submit", id, "--to", "/nonexistent/x", NULL),
                   ==, 1);
}

/* The malformed corpus -------------------------------------------------------------- */

static void
sql_on (const char *path,
        const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}

static GBytes *
first_png (const char *path,
           char      **sha)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GBytes *png;

  sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  sqlite3_prepare_v2 (db, "SELECT sha256, png FROM images ORDER BY sha256 LIMIT 1", -1, &stmt,
                      NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *sha = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  png = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return png;
}

/* Replaces the first screenshot with @png everywhere; with @rename the new bytes get their
 * true checksum as name, as a careful attacker would do. */
static void
swap_png (const char *path,
          const char *old_sha,
          GBytes     *png,
          gboolean    rename)
{
  g_autofree char *sha = rename ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png)
                                : g_strdup (old_sha);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  sqlite3_prepare_v2 (db, "UPDATE images SET sha256 = ?1, png = ?2 WHERE sha256 = ?3", -1,
                      &stmt, NULL);
  sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 2, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, old_sha, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "UPDATE steps SET image = ?1 WHERE image = ?2", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, old_sha, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

typedef enum { PNG_HUGE, PNG_BAD_CRC, PNG_TAMPERED } PngDamage;

static void
damage_png (const char *path,
            PngDamage   damage)
{
  g_autofree char *sha = NULL;
  g_autoptr(GBytes) good = first_png (path, &sha);
  gsize len;
  guint8 *data = g_memdup2 (g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  g_autoptr(GBytes) bad = NULL;

  len = g_bytes_get_size (good);
  if (damage == PNG_HUGE)
    {
      /* IHDR claims 100000 × 100000, with a correct CRC so only the limits stop it. */
      guint32 crc;
      data[16] = 0; data[17] = 1; data[18] = 0x86; data[19] = 0xa0;
      data[20] = 0; data[21] = 1; data[22] = 0x86; data[23] = 0xa0;
      crc = crc32 (0, data + 12, 17);
      data[29] = crc >> 24; data[30] = crc >> 16; data[31] = crc >> 8; data[32] = crc;
    }
  else
    data[len - 40] ^= 0x55;   /* inside the last IDAT: its CRC no longer matches */

  bad = g_bytes_new_take (data, len);
  swap_png (path, sha, bad, damage != PNG_TAMPERED);
}

typedef struct {
  const char *name;
  const char *sql;        /* run on a copy of a good bundle, or NULL */
  int         png;        /* -1, or a PngDamage */
  const char *needle;     /* in the one-line error */
} Malformed;

static const Malformed corpus[] = {
  { "foreign-sqlite", "PRAGMA application_id = 0", -1, "not a Waymark bundle" },
  { "newer-schema", "PRAGMA user_version = 99", -1, "different Waymark (schema 99" },
  { "older-schema", "PRAGMA user_version = 3", -1, "different Waymark (schema 3" },
  { "bad-target-kind",
    "PRAGMA ignore_check_constraints = ON; UPDATE steps SET target_kind = 'evil'", -1,
    "damaged (CHECK constraint failed in steps)" },
  { "hostile-container", "UPDATE steps SET container = 'Menu' || char (27) || '[2J'", -1,
    "container contains control characters" },
  { "extra-table", "CREATE TABLE evil (x)", -1, "unexpected table “evil”" },
  { "trigger", "CREATE TRIGGER wipe AFTER INSERT ON events BEGIN DELETE FROM tutorials; END",
    -1, "unexpected trigger “wipe”" },
  { "view", "CREATE VIEW v AS SELECT load_extension ('/tmp/evil.so')", -1,
    "unexpected view “v”" },
  { "index", "CREATE INDEX sneaky ON steps (instruction)", -1, "unexpected index “sneaky”" },
  { "huge-dimensions", NULL, PNG_HUGE, "claims 100000 × 100000 pixels, more than Waymark accepts" },
  { "png-bad-crc", NULL, PNG_BAD_CRC, "not a sound PNG image" },
  { "png-checksum-mismatch", NULL, PNG_TAMPERED, "does not match its checksum" },
  { "claimed-size", "UPDATE images SET width = width + 1", -1, "is not the size it claims" },
  { "hostile-title-escape", "UPDATE tutorials SET title = 'Hi' || char (27) || '[2J'", -1,
    "title contains control characters" },
  { "hostile-title-bidi", "UPDATE tutorials SET title = 'Invoice ' || char (8238) || 'fdp.exe'",
    -1, "title contains control characters" },
  { "hostile-notes-nul", "UPDATE steps SET notes = 'a' || char (0) || 'b'", -1,
    "notes is not valid UTF-8 text" },
  { "invalid-utf8", "UPDATE tutorials SET title = CAST (x'41c328' AS TEXT)", -1,
    "title is not valid UTF-8" },
  { "blob-title", "UPDATE tutorials SET title = x'414243'", -1, "title is missing or not text" },
  { "huge-text", "UPDATE steps SET instruction = printf ('%.5000c', 'x')", -1,
    "instruction is longer than 2000" },
  { "traversal-slug", "UPDATE tutorials SET slug = '../../../etc/passwd'", -1,
    "is not a valid link name" },
  { "absolute-slug", "UPDATE tutorials SET slug = '/tmp/x'", -1, "is not a valid link name" },
  { "duplicated-step-ids",
    "UPDATE steps SET id = upper ((SELECT id FROM steps WHERE position = 0)) WHERE position = 1",
    -1, "two of its steps have the same id" },
  { "bad-step-id", "UPDATE steps SET id = '../x' WHERE position = 0", -1,
    "step id is not a valid id" },
  { "two-tutorials", "INSERT INTO tutorials (id, title, stage, status, created_at, updated_at)"
    " VALUES ('0b6f4b7e-6f39-4d5e-9d0e-2a0f3f1c9a11', 'Other', 'orientation', 'draft', 0, 0)",
    -1, "more than one tutorial" },
  { "no-tutorial", "DELETE FROM steps; DELETE FROM tutorial_roles; DELETE FROM tutorials", -1,
    "holds no tutorial" },
  { "foreign-history",
    "UPDATE events SET tutorial_id = '0b6f4b7e-6f39-4d5e-9d0e-2a0f3f1c9a11'", -1,
    "history of another tutorial" },
  { "missing-image", "PRAGMA foreign_keys = OFF; DELETE FROM images", -1, "is missing" },
  { "bad-stage", "PRAGMA ignore_check_constraints = ON; UPDATE tutorials SET stage = 'evil'", -1,
    "damaged (CHECK constraint failed in tutorials)" },
  { "negative-position", "UPDATE steps SET position = -5 WHERE position = 0", -1,
    "out of range" },
  { "gap-in-positions", "UPDATE steps SET position = 7 WHERE position = 1", -1,
    "not numbered in order" },
  { "orphan-annotation", "INSERT INTO annotations (step, position, kind, x, y, width, height)"
    " VALUES (9999, 0, 'box', 0, 0, 1, 1)", -1, "annotations of steps it does not hold" },
  { "orphan-step", "UPDATE steps SET tutorial = 42 WHERE position = 1", -1,
    "steps of a tutorial it does not contain" },
  { "orphan-comment", "INSERT INTO step_comments (event, step_id, position, comment)"
    " VALUES (777, '0b6f4b7e-6f39-4d5e-9d0e-2a0f3f1c9a11', 0, 'x')", -1,
    "step comments outside its history" },
};

static void
assert_refused (Fixture    *f,
                const char *bundle,
                const char *needle,
                const char *digest)
{
  g_autofree char *after = NULL;

  g_assert_cmpint (fixture_run (f, f->library, NULL, "import", bundle, NULL), ==, 1);
  fixture_assert_error (f, "Cannot use bundle");
  fixture_assert_error (f, needle);
  after = fixture_library_digest (f->library);
  g_assert_cmpstr (digest, ==, after);
}

/* With WM_FUZZ_CORPUS_OUT set, the corpus is kept as seeds for the bundle fuzzer. */
static void
keep_for_fuzzing (const char *path,
                  const char *name)
{
  const char *out = g_getenv ("WM_FUZZ_CORPUS_OUT");
  g_autofree char *contents = NULL, *dest = NULL;
  gsize len;

  if (out == NULL || !g_file_get_contents (path, &contents, &len, NULL))
    return;

  g_mkdir_with_parents (out, 0700);
  dest = g_build_filename (out, name, NULL);
  g_file_set_contents (dest, contents, len, NULL);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Pair) p = { 0 };
  g_autofree char *digest = NULL, *good = NULL;
  gsize len;

  make_pair (f, &p);
  /* The library already has work in it that must survive every refusal untouched. */
  g_free (fixture_record (f, f->library, "Already here", 2, 90));
  digest = fixture_library_digest (f->library);
  g_assert_true (g_file_get_contents (p.bundle, &good, &len, NULL));
  keep_for_fuzzing (p.bundle, "good.waymark");

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.waymark", corpus[i].name);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_test_message ("malformed bundle: %s", corpus[i].name);
      g_assert_true (g_file_set_contents (path, good, len, NULL));
      if (corpus[i].sql)
        sql_on (path, corpus[i].sql);
      if (corpus[i].png >= 0)
        damage_png (path, corpus[i].png);
      keep_for_fuzzing (path, name);
      assert_refused (f, path, corpus[i].needle, digest);
    }
}

static void
test_not_a_bundle (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Pair) p = { 0 };
  g_autofree char *digest = NULL, *good = NULL;
  g_autofree char *truncated = g_build_filename (f->dir, "truncated.waymark", NULL);
  g_autofree char *text = g_build_filename (f->dir, "text.waymark", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.waymark", NULL);
  g_autofree char *huge = g_build_filename (f->dir, "huge.waymark", NULL);
  gsize len;
  int fd;

  make_pair (f, &p);
  g_free (fixture_record (f, f->library, "Already here", 1, 95));
  digest = fixture_library_digest (f->library);
  g_assert_true (g_file_get_contents (p.bundle, &good, &len, NULL));

  g_assert_true (g_file_set_contents (truncated, good, len / 2, NULL));
  keep_for_fuzzing (truncated, "truncated.waymark");
  assert_refused (f, truncated, "damaged", digest);

  /* Pages scribbled over (found by the fuzzer: SQLite reports them one per line). */
  memset (good + len - 3 * 4096 + 1, 0xa5, 2 * 4096);
  g_assert_true (g_file_set_contents (truncated, good, len, NULL));
  keep_for_fuzzing (truncated, "scribbled.waymark");
  assert_refused (f, truncated, "damaged", digest);

  g_assert_true (g_file_set_contents (text, "<html>not a bundle</html>\n", -1, NULL));
  assert_refused (f, text, "not an SQLite database", digest);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_refused (f, empty, "not an SQLite database", digest);
  assert_refused (f, f->dir, "it is not a file", digest);

  /* Sparse: costs no disk, but claims 300 MB; refused before it is read. */
  fd = g_open (huge, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (ftruncate (fd, 300 * 1024 * 1024), ==, 0);
  close (fd);
  assert_refused (f, huge, "larger than 256 MB", digest);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/review/bundle/roundtrip-byte-identical", test_roundtrip);
  ADD ("/review/bundle/newer-version", test_newer_version);
  ADD ("/review/bundle/inbox", test_inbox);
  ADD ("/review/bundle/malformed-corpus", test_malformed);
  ADD ("/review/bundle/not-a-bundle", test_not_a_bundle);
#undef ADD

  return g_test_run ();
}
