/* test-store.c — the library file: saving, loading, searching, and every way it can fail
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "wm-review.h"
#include "wm-store-private.h"
#include "wm-test.h"

typedef struct {
  char    *dir;
  char    *path;
  WmStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = wm_test_make_dir ("store");
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->store = wm_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  wm_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A structurally valid PNG (signature, IHDR, IDAT, IEND) whose pixels are @seed bytes:
 * distinct seeds give distinct images without needing an encoder. */
static GBytes *
fake_png (guint  width,
          guint  height,
          guint  seed,
          gsize  payload)
{
  GByteArray *b = g_byte_array_new ();
  static const guint8 sig[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 ihdr[25] = { 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  guint8 head[8] = { 0 };
  static const guint8 iend[] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };
  GRand *rand = g_rand_new_with_seed (seed);

  ihdr[8] = width >> 24; ihdr[9] = width >> 16; ihdr[10] = width >> 8; ihdr[11] = width;
  ihdr[12] = height >> 24; ihdr[13] = height >> 16; ihdr[14] = height >> 8; ihdr[15] = height;
  ihdr[16] = 8; ihdr[17] = 6;
  g_byte_array_append (b, sig, sizeof sig);
  g_byte_array_append (b, ihdr, sizeof ihdr);
  head[0] = payload >> 24; head[1] = payload >> 16; head[2] = payload >> 8; head[3] = payload;
  memcpy (head + 4, "IDAT", 4);
  g_byte_array_append (b, head, sizeof head);
  for (gsize i = 0; i < payload + 4; i++)
    {
      guint8 byte = g_rand_int (rand);
      g_byte_array_append (b, &byte, 1);
    }
  g_byte_array_append (b, iend, sizeof iend);
  g_rand_free (rand);

  return g_byte_array_free_to_bytes (b);
}

static WmImage *
image_for (guint seed)
{
  g_autoptr(GBytes) png = fake_png (640, 480, seed, 256);
  g_autoptr(GError) error = NULL;
  WmImage *image = wm_image_new_from_png (png, &error);

  g_assert_no_error (error);
  return image;
}

static WmTutorial *
make_tutorial (const char *title,
               WmStage     stage,
               const char *role)
{
  WmTutorial *t = wm_tutorial_new (title);
  const char *roles[] = { role, NULL };

  wm_tutorial_set_stage (t, stage);
  wm_tutorial_set_roles (t, roles);
  wm_tutorial_set_steps_loaded (t, TRUE);
  return t;
}

static void
save_with_steps (Fixture    *f,
                 WmTutorial *t,
                 guint       n_steps,
                 guint       seed)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(WmImage) image = image_for (seed + i);
      g_autoptr(WmStep) s = wm_step_new (WM_STEP_CLICK);
      g_autofree char *text = g_strdup_printf ("Click step %u of %s", i + 1,
                                               wm_tutorial_get_title (t));

      wm_store_add_image (f->store, image, &error);
      g_assert_no_error (error);
      wm_step_set_image_sha256 (s, wm_image_get_sha256 (image));
      wm_step_set_generated_instruction (s, text);
      wm_step_set_point (s, 10 + i, 20 + i);
      wm_tutorial_append_step (t, s);
    }

  wm_store_save_tutorial (f->store, t, &error);
  g_assert_no_error (error);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

static int
count_rows (Fixture    *f,
            const char *table)
{
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt;
  int n;

  /* A second connection, as another process would see the file. */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Round trips --------------------------------------------------------------------------- */

static void
test_roundtrip (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(WmTutorial) t = make_tutorial ("Export a report", WM_STAGE_ORIENTATION, "admin");
  g_autoptr(WmTutorial) back = NULL;
  g_autoptr(WmAnnotation) a = wm_annotation_new (WM_ANNOTATION_REDACT, 5, 6, 70, 80, NULL);
  g_autoptr(GError) error = NULL;
  WmStep *s;

  wm_tutorial_set_summary (t, "Monthly numbers");
  save_with_steps (f, t, 3, 1);
  s = wm_tutorial_get_step (t, 1);
  wm_step_set_instruction (s, "Pick PDF in the Export menu");
  wm_step_set_notes (s, "Only admins see this menu");
  wm_step_set_target (s, "PDF", "menu item", "Reports", "Reports — Finance");
  wm_step_set_target_kind (s, WM_TARGET_MENU_ITEM);
  wm_step_set_container (s, "Export", WM_TARGET_MENU);
  wm_step_add_annotation (s, a);
  wm_step_set_incomplete (wm_tutorial_get_step (t, 2), TRUE);
  wm_store_save_tutorial (f->store, t, &error);
  g_assert_no_error (error);

  back = wm_store_load_tutorial (f->store, wm_tutorial_get_id (t), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_tutorial_get_title (back), ==, "Export a report");
  g_assert_cmpstr (wm_tutorial_get_summary (back), ==, "Monthly numbers");
  g_assert_cmpuint (wm_tutorial_get_n_steps (back), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (wm_step_content_equal (wm_tutorial_get_step (back, i),
                                          wm_tutorial_get_step (t, i)));
  s = wm_tutorial_get_step (back, 1);
  g_assert_true (wm_step_get_instruction_edited (s));
  g_assert_cmpstr (wm_step_get_target_role (s), ==, "menu item");
  g_assert_cmpstr (wm_step_get_window_title (s), ==, "Reports — Finance");
  g_assert_cmpint (wm_step_get_target_kind (s), ==, WM_TARGET_MENU_ITEM);
  g_assert_cmpstr (wm_step_get_container (s), ==, "Export");
  g_assert_cmpint (wm_step_get_container_kind (s), ==, WM_TARGET_MENU);
  g_assert_false (wm_step_get_incomplete (s));
  g_assert_true (wm_step_get_incomplete (wm_tutorial_get_step (back, 2)));
  g_assert_cmpint (wm_step_get_target_kind (wm_tutorial_get_step (back, 0)), ==, WM_TARGET_NONE);
  g_assert_cmpint (count_rows (f, "annotations"), ==, 1);
  g_assert_cmpuint (wm_tutorial_get_created_at (back), >, 0);
}

static void
assert_same_steps (WmTutorial *a,
                   WmTutorial *b)
{
  g_assert_cmpuint (wm_tutorial_get_n_steps (a), ==, wm_tutorial_get_n_steps (b));
  for (guint i = 0; i < wm_tutorial_get_n_steps (a); i++)
    {
      WmStep *x = wm_tutorial_get_step (a, i), *y = wm_tutorial_get_step (b, i);

      g_assert_cmpstr (wm_step_get_id (x), ==, wm_step_get_id (y));
      g_assert_true (wm_step_content_equal (x, y));
    }
}

/* An edit writes what changed: the steps named, steps added, removed and moved; a step
 * changed in memory but not named stays as the library had it. */
static void
test_save_edit (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(WmTutorial) t = make_tutorial ("Close the month", WM_STAGE_ORIENTATION, "admin");
  g_autoptr(WmTutorial) back = NULL;
  g_autoptr(WmAnnotation) mark = wm_annotation_new (WM_ANNOTATION_BOX, 1, 2, 30, 40, NULL);
  g_autoptr(WmStep) added = wm_step_new (WM_STEP_NOTE);
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  WmStep *edited;

  save_with_steps (f, t, 6, 40);
  edited = wm_tutorial_get_step (t, 2);
  wm_step_set_instruction (edited, "Click **Close period**");
  wm_step_set_target (edited, "Close period", "push button", "Ledger", NULL);
  wm_step_set_target_kind (edited, WM_TARGET_BUTTON);
  wm_step_set_container (edited, "Period", WM_TARGET_MENU);
  wm_step_add_annotation (edited, mark);
  g_ptr_array_add (changed, edited);
  wm_tutorial_move_step (t, 5, 0);
  wm_tutorial_remove_step (t, 1);
  wm_step_set_instruction (added, "Wait for the green tick");
  wm_tutorial_insert_step (t, 3, added);
  wm_tutorial_set_title (t, "Close the month end");
  g_assert_true (wm_store_save_edit (f->store, t, changed, &error));
  g_assert_no_error (error);

  back = wm_store_load_tutorial (f->store, wm_tutorial_get_id (t), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_tutorial_get_title (back), ==, "Close the month end");
  assert_same_steps (t, back);
  g_assert_cmpint (count_rows (f, "annotations"), ==, 1);
  g_assert_cmpint (count_rows (f, "steps"), ==, 6);
  /* The rewritten step keeps its structured target. */
  for (guint i = 0; i < wm_tutorial_get_n_steps (back); i++)
    if (g_strcmp0 (wm_step_get_target_name (wm_tutorial_get_step (back, i)), "Close period") == 0)
      {
        WmStep *s = wm_tutorial_get_step (back, i);

        g_assert_cmpint (wm_step_get_target_kind (s), ==, WM_TARGET_BUTTON);
        g_assert_cmpstr (wm_step_get_container (s), ==, "Period");
        g_assert_cmpint (wm_step_get_container_kind (s), ==, WM_TARGET_MENU);
      }

  /* Not named, not written. */
  wm_step_set_notes (wm_tutorial_get_step (t, 4), "Only in memory");
  g_assert_true (wm_store_save_edit (f->store, t, NULL, &error));
  g_clear_object (&back);
  back = wm_store_load_tutorial (f->store, wm_tutorial_get_id (t), TRUE, &error);
  g_assert_null (wm_step_get_notes (wm_tutorial_get_step (back, 4)));
}

/* The review rule holds for edits too: changing an approved version starts a draft. */
static void
test_save_edit_decided (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(WmTutorial) t = make_tutorial ("Approve an invoice", WM_STAGE_ORIENTATION, "admin");
  g_autoptr(WmTutorial) back = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const WmIdentity alice = { "Alice", NULL }, bob = { "Bob", NULL };

  save_with_steps (f, t, 3, 60);
  g_assert_true (wm_review_submit (f->store, wm_tutorial_get_id (t), &alice, NULL, &error));
  g_assert_true (wm_review_approve (f->store, wm_tutorial_get_id (t), &bob, NULL, &error));
  g_assert_no_error (error);
  back = wm_store_load_tutorial (f->store, wm_tutorial_get_id (t), TRUE, &error);
  g_assert_cmpint (wm_tutorial_get_status (back), ==, WM_STATUS_APPROVED);

  wm_step_set_instruction (wm_tutorial_get_step (back, 0), "Open **Invoices**");
  g_ptr_array_add (changed, wm_tutorial_get_step (back, 0));
  g_assert_true (wm_store_save_edit (f->store, back, changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wm_tutorial_get_status (back), ==, WM_STATUS_DRAFT);
  g_assert_cmpuint (wm_tutorial_get_version (back), ==, 2);

  g_clear_object (&t);
  t = wm_store_load_tutorial (f->store, wm_tutorial_get_id (back), TRUE, &error);
  g_assert_cmpint (wm_tutorial_get_status (t), ==, WM_STATUS_DRAFT);
  g_assert_cmpuint (wm_tutorial_get_version (t), ==, 2);
  g_assert_cmpuint (wm_tutorial_get_approved_version (t), ==, 1);
  assert_same_steps (t, back);
}

static void
test_images_stored_once (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(WmTutorial) a = make_tutorial ("A", WM_STAGE_COMPETENCY, NULL);
  g_autoptr(WmTutorial) b = make_tutorial ("B", WM_STAGE_COMPETENCY, NULL);
  g_autoptr(WmImage) image = image_for (7);
  g_autoptr(WmImage) loaded = NULL;
  g_autoptr(GError) error = NULL;

  save_with_steps (f, a, 2, 100);
  save_with_steps (f, b, 2, 100);   /* the same two screenshots */
  g_assert_cmpint (count_rows (f, "images"), ==, 2);

  wm_store_add_image (f->store, image, &error);
  wm_store_add_image (f->store, image, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "images"), ==, 3);

  loaded = wm_store_load_image (f->store, wm_image_get_sha256 (image), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (wm_image_get_png (loaded), wm_image_get_png (image)));
  g_assert_cmpuint (wm_image_get_width (loaded), ==, 640);
}

static void
test_append_step_is_durable (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(WmTutorial) t = make_tutorial ("Recorded", WM_STAGE_ORIENTATION, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) other = NULL;
  g_autoptr(WmTutorial) seen = NULL;

  save_with_steps (f, t, 0, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(WmImage) image = image_for (50 + i);
      g_autoptr(WmStep) s = wm_step_new (WM_STEP_CLICK);

      wm_store_append_step (f->store, wm_tutorial_get_id (t), s, image, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (wm_step_get_position (s), ==, i);
      g_assert_cmpstr (wm_step_get_image_sha256 (s), ==, wm_image_get_sha256 (image));
    }

  /* Visible at once to another connection, as the app sees a recorder's steps. */
  other = wm_store_open (f->path, &error);
  g_assert_no_error (error);
  seen = wm_store_load_tutorial (other, wm_tutorial_get_id (t), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_tutorial_get_n_steps (seen), ==, 3);
}

/* Finding tutorials -------------------------------------------------------------------- */

static void
populate (Fixture *f)
{
  struct { const char *title; WmStage stage; const char *role; } rows[] = {
    { "Export a monthly report", WM_STAGE_ORIENTATION, "admin" },
    { "Invite your team", WM_STAGE_FIRST_EXPOSURE, "admin" },
    { "Créer une facture", WM_STAGE_COMPETENCY, "everyday user" },
    { "Archive old projects", WM_STAGE_REFRESHER, "everyday user" },
    { "Reset a password", WM_STAGE_COMPETENCY, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(WmTutorial) t = make_tutorial (rows[i].title, rows[i].stage, rows[i].role);
      save_with_steps (f, t, 2, i * 10);
    }
}

static guint
count (Fixture  *f,
       WmFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = wm_store_list_tutorials (f->store, filter, &error);

  g_assert_no_error (error);
  /* The count is the total a page belongs to; it ignores limit and offset. */
  if (filter->limit == 0)
    g_assert_cmpuint (wm_store_count_tutorials (f->store, filter, NULL), ==, list->len);
  return list->len;
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  WmFilter filter = WM_FILTER_INIT;

  populate (f);
  g_assert_cmpuint (count (f, &filter), ==, 5);
  filter.stage = WM_STAGE_COMPETENCY;
  g_assert_cmpuint (count (f, &filter), ==, 2);
  filter.role = "everyday user";
  g_assert_cmpuint (count (f, &filter), ==, 1);
  filter = (WmFilter) WM_FILTER_INIT;
  filter.status = WM_STATUS_APPROVED;
  g_assert_cmpuint (count (f, &filter), ==, 0);
  filter.status = WM_STATUS_DRAFT;
  filter.limit = 2;
  g_assert_cmpuint (count (f, &filter), ==, 2);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  WmFilter filter = WM_FILTER_INIT;
  g_autoptr(GPtrArray) list = NULL;

  populate (f);

  filter.search = "expo rep";          /* prefixes of words in the title */
  list = wm_store_list_tutorials (f->store, &filter, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (wm_tutorial_get_title (g_ptr_array_index (list, 0)), ==,
                   "Export a monthly report");

  filter.search = "facture creer";     /* accents folded, any order */
  g_assert_cmpuint (count (f, &filter), ==, 1);
  filter.search = "step 2 archive";    /* step text is searched too */
  g_assert_cmpuint (count (f, &filter), ==, 1);
  filter.search = "\"NEAR( OR * ^-";   /* FTS syntax typed by a person is just text */
  g_assert_cmpuint (count (f, &filter), ==, 0);
  filter.search = "   ";
  g_assert_cmpuint (count (f, &filter), ==, 5);
}

static void
test_search_follows_edits (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(WmTutorial) t = make_tutorial ("Old title", WM_STAGE_ORIENTATION, NULL);
  WmFilter filter = WM_FILTER_INIT;

  save_with_steps (f, t, 0, 3);
  wm_tutorial_set_title (t, "Quarterly planning");
  g_assert_true (wm_store_save_tutorial (f->store, t, NULL));
  filter.search = "old";
  g_assert_cmpuint (count (f, &filter), ==, 0);
  filter.search = "quarterly";
  g_assert_cmpuint (count (f, &filter), ==, 1);
  g_assert_true (wm_store_delete_tutorial (f->store, wm_tutorial_get_id (t), NULL));
  g_assert_cmpuint (count (f, &filter), ==, 0);
}

static void
test_journey (Fixture       *f,
              gconstpointer  data)
{
  g_auto(GStrv) roles = NULL;
  g_autofree guint *counts = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  populate (f);
  wm_store_count_journey (f->store, &roles, &counts, &error);
  g_assert_no_error (error);
  n = g_strv_length (roles);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (roles[0], ==, "admin");
  g_assert_cmpuint (counts[0 * WM_N_STAGES + WM_STAGE_ORIENTATION], ==, 1);
  g_assert_cmpuint (counts[0 * WM_N_STAGES + WM_STAGE_COMPETENCY], ==, 0);   /* a gap */
  g_assert_cmpuint (counts[1 * WM_N_STAGES + WM_STAGE_COMPETENCY], ==, 1);
  g_assert_cmpuint (counts[n * WM_N_STAGES + WM_STAGE_COMPETENCY], ==, 1);   /* no role */
}

static void
test_resolve (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(WmTutorial) t = make_tutorial ("Resolve me", WM_STAGE_ORIENTATION, NULL);
  g_autoptr(WmTutorial) u = make_tutorial ("And me", WM_STAGE_ORIENTATION, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *by_prefix = NULL, *by_slug = NULL, *upper = NULL;

  wm_tutorial_set_id (t, "abcd1234-0000-4000-8000-000000000001");
  wm_tutorial_set_id (u, "abcd5678-0000-4000-8000-000000000002");
  wm_tutorial_set_slug (t, "resolve-me");
  save_with_steps (f, t, 0, 0);
  save_with_steps (f, u, 0, 0);

  by_prefix = wm_store_resolve_id (f->store, "abcd12", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_prefix, ==, wm_tutorial_get_id (t));
  by_slug = wm_store_resolve_id (f->store, "resolve-me", &error);
  g_assert_cmpstr (by_slug, ==, wm_tutorial_get_id (t));
  upper = wm_store_resolve_id (f->store, "ABCD5678", &error);
  g_assert_cmpstr (upper, ==, wm_tutorial_get_id (u));

  g_assert_null (wm_store_resolve_id (f->store, "abcd", &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_AMBIGUOUS);
  g_clear_error (&error);
  g_assert_null (wm_store_resolve_id (f->store, "ffff", &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (wm_store_resolve_id (f->store, "*", &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND);
}

/* What publishing asks: approved tutorials changed since a time, and link names. */
static gboolean
has_id (GPtrArray  *tutorials,
        WmTutorial *t)
{
  for (guint i = 0; i < tutorials->len; i++)
    if (g_str_equal (wm_tutorial_get_id (g_ptr_array_index (tutorials, i)),
                     wm_tutorial_get_id (t)))
      return TRUE;
  return FALSE;
}

static void
approve_now (Fixture    *f,
             WmTutorial *t)
{
  wm_tutorial_set_status (t, WM_STATUS_APPROVED);
  wm_tutorial_set_approved_version (t, wm_tutorial_get_version (t));
  g_assert_true (wm_store_save_tutorial (f->store, t, NULL));
}

static void
test_changed_since (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WmTutorial) draft = make_tutorial ("Still a draft", WM_STAGE_ORIENTATION, NULL);
  g_autoptr(WmTutorial) early = make_tutorial ("Approved early", WM_STAGE_ORIENTATION, NULL);
  g_autoptr(WmTutorial) later = make_tutorial ("Approved later", WM_STAGE_COMPETENCY, NULL);
  g_autoptr(GPtrArray) all = NULL, changed = NULL, none = NULL;
  g_autoptr(WmTutorial) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL, *nobody = NULL;
  gint64 newest = 0, newest_again = 0, updated;

  save_with_steps (f, draft, 1, 0);
  save_with_steps (f, early, 2, 10);
  save_with_steps (f, later, 1, 20);
  approve_now (f, early);

  all = wm_store_list_approved_since (f->store, 0, &newest, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_true (has_id (all, early));
  g_assert_cmpuint (wm_tutorial_get_n_steps (g_ptr_array_index (all, 0)), ==, 2);
  g_assert_cmpint (newest, >=, wm_tutorial_get_updated_at (early));

  /* Only what changed after: the later approval, not the early one (unless in the same
   * microsecond, which the inclusive bound allows). */
  g_usleep (2000);
  approve_now (f, later);
  changed = wm_store_list_approved_since (f->store, newest + 1, &newest_again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_true (has_id (changed, later));
  g_assert_false (has_id (changed, draft));
  g_assert_cmpint (newest_again, ==, wm_tutorial_get_updated_at (later));
  none = wm_store_list_approved_since (f->store, newest_again + 1, NULL, &error);
  g_assert_cmpuint (none->len, ==, 0);

  /* A link fixed by publishing is not an edit; it is found by name and stays. */
  updated = wm_tutorial_get_updated_at (later);
  g_assert_true (wm_store_set_slug (f->store, wm_tutorial_get_id (later), "approved-later",
                                    &error));
  g_assert_no_error (error);
  g_assert_true (wm_store_set_slug (f->store, wm_tutorial_get_id (later), "another-name",
                                    &error));
  back = wm_store_load_tutorial (f->store, wm_tutorial_get_id (later), FALSE, &error);
  g_assert_cmpstr (wm_tutorial_get_slug (back), ==, "approved-later");
  g_assert_cmpint (wm_tutorial_get_updated_at (back), ==, updated);
  owner = wm_store_lookup_slug (f->store, "approved-later");
  g_assert_cmpstr (owner, ==, wm_tutorial_get_id (later));
  nobody = wm_store_lookup_slug (f->store, "approved");
  g_assert_null (nobody);
  g_assert_false (wm_store_set_slug (f->store, wm_tutorial_get_id (early), "approved-later",
                                     &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CONFLICT);
}

/* Rules the store keeps ----------------------------------------------------------------- */

static void
test_slug_is_forever (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(WmTutorial) t = make_tutorial ("Stable link", WM_STAGE_ORIENTATION, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) back = NULL;

  save_with_steps (f, t, 0, 0);
  wm_tutorial_set_slug (t, "stable-link");
  g_assert_true (wm_store_save_tutorial (f->store, t, NULL));

  wm_tutorial_set_title (t, "A new title");   /* renaming keeps the link */
  g_assert_true (wm_store_save_tutorial (f->store, t, NULL));
  wm_tutorial_set_slug (t, "a-new-title");
  g_assert_false (wm_store_save_tutorial (f->store, t, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CONFLICT);

  back = wm_store_load_tutorial (f->store, wm_tutorial_get_id (t), FALSE, NULL);
  g_assert_cmpstr (wm_tutorial_get_slug (back), ==, "stable-link");
  g_assert_cmpstr (wm_tutorial_get_title (back), ==, "A new title");
}

static void
test_missing_image_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(WmTutorial) t = make_tutorial ("Dangling", WM_STAGE_ORIENTATION, NULL);
  g_autoptr(WmStep) s = wm_step_new (WM_STEP_CLICK);
  g_autoptr(GError) error = NULL;

  wm_step_set_image_sha256 (s, "0000000000000000000000000000000000000000000000000000000000000000");
  wm_tutorial_append_step (t, s);
  g_assert_false (wm_store_save_tutorial (f->store, t, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (count_rows (f, "tutorials"), ==, 0);
}

static void
test_revisions_immutable (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(WmTutorial) t = make_tutorial ("Reviewed", WM_STAGE_ORIENTATION, NULL);
  g_autoptr(WmRevision) r1 = NULL;
  g_autoptr(WmTutorial) v1 = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  save_with_steps (f, t, 2, 5);
  wm_tutorial_set_status (t, WM_STATUS_APPROVED);
  g_assert_true (wm_store_save_tutorial (f->store, t, NULL));
  r1 = wm_store_create_revision (f->store, wm_tutorial_get_id (t), "Rita", "Approved", &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_revision_get_status (r1), ==, WM_STATUS_APPROVED);

  /* The snapshot of an approved version cannot be replaced… */
  g_assert_null (wm_store_create_revision (f->store, wm_tutorial_get_id (t), "Ed", "x", &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  /* …and editing the approved tutorial starts version 2, a draft, leaving version 1 as it
   * was (the review workflow's rule, kept by the store). */
  wm_step_set_instruction (wm_tutorial_get_step (t, 0), "Changed");
  g_assert_true (wm_store_save_tutorial (f->store, t, NULL));
  g_assert_cmpuint (wm_tutorial_get_version (t), ==, 2);
  g_assert_cmpint (wm_tutorial_get_status (t), ==, WM_STATUS_DRAFT);

  v1 = wm_store_load_revision (f->store, wm_tutorial_get_id (t), 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_step_get_instruction (wm_tutorial_get_step (v1, 0)), ==,
                   "Click step 1 of Reviewed");
  list = wm_store_list_revisions (f->store, wm_tutorial_get_id (t), NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (wm_revision_get_author (g_ptr_array_index (list, 0)), ==, "Rita");
}

static void
test_delete_and_garbage (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(WmTutorial) a = make_tutorial ("Keep", WM_STAGE_ORIENTATION, NULL);
  g_autoptr(WmTutorial) b = make_tutorial ("Drop", WM_STAGE_ORIENTATION, NULL);
  g_autoptr(GError) error = NULL;
  guint removed = 0;

  save_with_steps (f, a, 2, 1);
  save_with_steps (f, b, 3, 2);     /* shares seed 2 with a's second step */
  g_assert_cmpint (count_rows (f, "images"), ==, 4);

  g_assert_true (wm_store_delete_tutorial (f->store, wm_tutorial_get_id (b), &error));
  g_assert_true (wm_store_collect_garbage (f->store, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 2);
  g_assert_cmpint (count_rows (f, "images"), ==, 2);
  g_assert_cmpint (count_rows (f, "steps"), ==, 2);

  g_assert_false (wm_store_delete_tutorial (f->store, wm_tutorial_get_id (b), &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND);
}

static void
test_empty_title_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(WmTutorial) t = wm_tutorial_new ("   ");
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_store_save_tutorial (f->store, t, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID);
}

/* Threads ------------------------------------------------------------------------------- */

static gpointer
append_from_thread (gpointer data)
{
  gpointer *args = data;
  WmStore *store = args[0];
  const char *id = args[1];

  for (guint i = 0; i < 25; i++)
    {
      g_autoptr(WmStep) s = wm_step_new (WM_STEP_CLICK);
      g_autoptr(WmImage) image = image_for (1000 + i + GPOINTER_TO_UINT (args[2]) * 100);

      g_assert_true (wm_store_append_step (store, id, s, image, NULL));
    }

  return NULL;
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(WmTutorial) t = make_tutorial ("Threads", WM_STAGE_ORIENTATION, NULL);
  g_autoptr(WmTutorial) back = NULL;
  g_autoptr(WmStore) second = wm_store_open (f->path, NULL);
  gpointer a1[] = { f->store, NULL, GUINT_TO_POINTER (0) };
  gpointer a2[] = { f->store, NULL, GUINT_TO_POINTER (1) };
  gpointer a3[] = { second, NULL, GUINT_TO_POINTER (2) };
  GThread *threads[3];

  save_with_steps (f, t, 0, 0);
  a1[1] = a2[1] = a3[1] = (gpointer) wm_tutorial_get_id (t);

  /* Two threads on one store, and a second connection: every step lands, in order. */
  threads[0] = g_thread_new ("a", append_from_thread, a1);
  threads[1] = g_thread_new ("b", append_from_thread, a2);
  threads[2] = g_thread_new ("c", append_from_thread, a3);
  for (guint i = 0; i < 3; i++)
    g_thread_join (threads[i]);

  back = wm_store_load_tutorial (f->store, wm_tutorial_get_id (t), TRUE, NULL);
  g_assert_cmpuint (wm_tutorial_get_n_steps (back), ==, 75);
  for (guint i = 0; i < 75; i++)
    g_assert_cmpuint (wm_step_get_position (wm_tutorial_get_step (back, i)), ==, i);
}

/* Damaged, foreign, newer, locked, read-only, full -------------------------------------- */

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, len);
}

static void
assert_refused_untouched (const char *path,
                          int         code)
{
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, WM_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (strchr (error->message, '\n'));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_corrupt_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *truncated = g_build_filename (f->dir, "truncated.db", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_set_contents (garbage, "This is not a database at all, just words."
                                      "................................................", -1,
                                      NULL));
  assert_refused_untouched (garbage, WM_STORE_ERROR_CORRUPT);

  /* A real library cut in half: the header survives, the pages do not. */
  populate (f);
  g_clear_object (&f->store);
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  memset (contents + 100, 0xff, len / 2);
  g_assert_true (g_file_set_contents (truncated, contents, len, NULL));
  assert_refused_untouched (truncated, WM_STORE_ERROR_CORRUPT);
}

static void
test_foreign_sqlite_refused (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "places.sqlite", NULL);
  g_autoptr(sqlite3) db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE moz_places (url TEXT);"
                                     "INSERT INTO moz_places VALUES ('x')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_clear_pointer (&db, sqlite3_close);
  assert_refused_untouched (path, WM_STORE_ERROR_CORRUPT);
}

static void
test_newer_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_store_exec (f->store, "PRAGMA user_version = 99", &error));
  g_assert_true (wm_store_exec (f->store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_clear_object (&f->store);
  assert_refused_untouched (f->path, WM_STORE_ERROR_TOO_NEW);
}

static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(sqlite3) holder = NULL;
  g_autoptr(WmTutorial) t = make_tutorial ("Waits", WM_STAGE_ORIENTATION, NULL);
  g_autoptr(GError) error = NULL;

  /* Another process holds the write lock and does not let go. */
  g_assert_cmpint (sqlite3_open (f->path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  wm_store_set_busy_timeout (f->store, 200);
  g_assert_false (wm_store_save_tutorial (f->store, t, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "another program"));

  /* Reading still works beside the writer (WAL). */
  g_assert_cmpuint (wm_store_count_tutorials (f->store, NULL, NULL), ==, 0);

  sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
  g_clear_error (&error);
  g_assert_true (wm_store_save_tutorial (f->store, t, &error));
}

static gboolean
run (const char *command)
{
  int status = -1;

  return g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) && status == 0;
}

/* Makes @dir read-only: by file modes for a normal user, and for root (whom modes do not
 * bind) by a read-only bind mount of it at @ro_dir, as a read-only file system would. */
static char *
make_read_only (const char *dir)
{
  g_autofree char *ro_dir = NULL;
  g_autofree char *bind = NULL, *remount = NULL;

  if (geteuid () != 0)
    {
      g_autofree char *path = g_build_filename (dir, "library.db", NULL);

      g_chmod (path, 0400);
      g_chmod (dir, 0500);
      return g_strdup (dir);
    }

  ro_dir = g_strconcat (dir, "-ro", NULL);
  g_mkdir (ro_dir, 0700);
  bind = g_strdup_printf ("mount --bind %s %s", dir, ro_dir);
  remount = g_strdup_printf ("mount -o remount,bind,ro %s", ro_dir);
  if (!run (bind))
    return NULL;
  if (!run (remount))
    {
      g_autofree char *umount = g_strdup_printf ("umount %s", ro_dir);
      run (umount);
      return NULL;
    }

  return g_steal_pointer (&ro_dir);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) ro = NULL;
  g_autofree char *ro_dir = NULL;
  g_autofree char *path = NULL;

  populate (f);
  g_assert_true (wm_store_exec (f->store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_clear_object (&f->store);

  ro_dir = make_read_only (f->dir);
  if (ro_dir == NULL)
    {
      g_test_skip ("cannot make a read-only file system here");
      return;
    }

  path = g_build_filename (ro_dir, "library.db", NULL);
  assert_refused_untouched (path, WM_STORE_ERROR_READ_ONLY);

  /* What cannot be written can still be read (list, show, export). */
  ro = wm_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_store_count_tutorials (ro, NULL, NULL), ==, 5);
  g_clear_object (&ro);

  if (geteuid () == 0)
    {
      g_autofree char *umount = g_strdup_printf ("umount %s", ro_dir);
      g_assert_true (run (umount));
      g_rmdir (ro_dir);
    }
}

static void
test_read_only_connection (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) ro = NULL;
  g_autoptr(WmTutorial) t = make_tutorial ("No", WM_STAGE_ORIENTATION, NULL);

  populate (f);
  ro = wm_store_open_read_only (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_store_count_tutorials (ro, NULL, NULL), ==, 5);
  g_assert_false (wm_store_save_tutorial (ro, t, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_READ_ONLY);
}

static void
test_disk_full_keeps_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(WmTutorial) t = make_tutorial ("Too big", WM_STAGE_ORIENTATION, NULL);
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *pragma = NULL;
  int pages;

  save_with_steps (f, t, 1, 1);
  pages = count_rows (f, "pragma_page_count");
  /* The disk "fills" 20 pages from now: 60 screenshots of 20 KB cannot fit. */
  pragma = g_strdup_printf ("PRAGMA max_page_count = %d", pages + 20);
  g_assert_true (wm_store_exec (f->store, pragma, NULL));

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(GBytes) png = fake_png (800, 600, 5000 + i, 20000);
      g_ptr_array_add (images, wm_image_new_from_png (png, NULL));
      g_ptr_array_add (steps, wm_step_new (WM_STEP_MANUAL));
    }

  g_assert_false (wm_store_append_steps (f->store, wm_tutorial_get_id (t), steps, images,
                                         &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "full"));
  /* All or nothing: the tutorial still has its one step and one image. */
  g_assert_cmpint (count_rows (f, "steps"), ==, 1);
  g_assert_cmpint (count_rows (f, "images"), ==, 1);
  g_assert_null (wm_step_get_image_sha256 (g_ptr_array_index (steps, 0)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/data/store/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("roundtrip", test_roundtrip);
  ADD ("save-edit", test_save_edit);
  ADD ("save-edit-decided", test_save_edit_decided);
  ADD ("images-stored-once", test_images_stored_once);
  ADD ("append-step-is-durable", test_append_step_is_durable);
  ADD ("filters", test_filters);
  ADD ("search", test_search);
  ADD ("search-follows-edits", test_search_follows_edits);
  ADD ("journey", test_journey);
  ADD ("resolve", test_resolve);
  ADD ("slug-is-forever", test_slug_is_forever);
  ADD ("changed-since", test_changed_since);
  ADD ("missing-image-refused", test_missing_image_refused);
  ADD ("revisions-immutable", test_revisions_immutable);
  ADD ("delete-and-garbage", test_delete_and_garbage);
  ADD ("empty-title-refused", test_empty_title_refused);
  ADD ("threads", test_threads);
  ADD ("corrupt-refused", test_corrupt_refused);
  ADD ("foreign-sqlite-refused", test_foreign_sqlite_refused);
  ADD ("newer-refused", test_newer_refused);
  ADD ("locked", test_locked);
  ADD ("read-only", test_read_only);
  ADD ("read-only-connection", test_read_only_connection);
  ADD ("disk-full-keeps-nothing", test_disk_full_keeps_nothing);

  return g_test_run ();
}
