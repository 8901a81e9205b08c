/* test-store-migrate.c — libraries written by every earlier schema open, upgrade and keep
 * everything they held
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "wm-store-private.h"

static char *
library_from_fixture (guint version)
{
  g_autofree char *name = g_strdup_printf ("library-v%u.sql", version);
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *sql = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wm-migrate-XXXXXX", NULL);
  char *path = g_build_filename (dir, "library.db", NULL);
  sqlite3 *db;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  return path;
}

static void
check_target (WmStep       *s,
              const char   *instruction,
              const char   *target,
              WmTargetKind  kind)
{
  gsize start, end;

  g_assert_cmpstr (wm_step_get_instruction (s), ==, instruction);
  g_assert_false (wm_step_get_instruction_edited (s));
  g_assert_cmpstr (wm_step_get_target_name (s), ==, target);
  g_assert_cmpint (wm_step_get_target_kind (s), ==, kind);
  g_assert_true (wm_step_get_target_span (s, &start, &end));
  g_assert_cmpmem (instruction + start, end - start, target, strlen (target));
}

/* Schema 5: the emphasis marks of generated instructions became targets; the author's
 * own text (schema 4's fixture has one) is as typed. */
static void
check_instructions (WmTutorial *t,
                    guint       version)
{
  WmStep *s = wm_tutorial_get_step (t, 0);
  g_autofree char *markup = NULL;

  check_target (s, "Click the Reports tab in Finance", "Reports", WM_TARGET_TAB);
  g_assert_cmpstr (wm_step_get_container (s), ==, "Finance");
  markup = wm_step_get_instruction_markup (s);
  g_assert_cmpstr (markup, ==, "Click the <b>Reports</b> tab in Finance");

  s = wm_tutorial_get_step (t, 1);
  if (version < 4)
    check_target (s, "Click the Export button", "Export", WM_TARGET_BUTTON);
  else
    {
      g_assert_cmpstr (wm_step_get_instruction (s), ==, "Press **Export** twice, then wait");
      g_assert_true (wm_step_get_instruction_edited (s));
    }

  check_target (wm_tutorial_get_step (t, 2), "Type “March” in the Month field", "Month",
                WM_TARGET_FIELD);
}

static void
check_upgraded (WmStore *store,
                guint    version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GPtrArray) found = NULL;
  WmFilter filter = WM_FILTER_INIT;
  WmStep *s;

  g_assert_cmpint (wm_store_get_schema_version (store), ==, WM_STORE_SCHEMA_VERSION);

  t = wm_store_load_tutorial (store, "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_tutorial_get_title (t), ==, "Export a report");
  g_assert_cmpstr (wm_tutorial_get_slug (t), ==, "export-a-report");
  g_assert_true (wm_tutorial_has_role (t, "analyst"));
  g_assert_cmpuint (wm_tutorial_get_n_steps (t), ==, 3);
  g_assert_cmpuint (wm_tutorial_get_approved_version (t), ==, 0);
  s = wm_tutorial_get_step (t, 1);
  g_assert_cmpstr (wm_step_get_notes (s), ==, "Choose PDF when asked");
  g_assert_cmpuint (wm_step_get_annotations (s)->len, ==, 1);
  g_assert_nonnull (wm_store_load_image (store, wm_step_get_image_sha256 (s), &error));
  g_assert_no_error (error);
  check_instructions (t, version);

  /* Versions stored before keep their words in the new snapshot format. */
  if (version >= 4)
    {
      g_autoptr(WmTutorial) v1 = wm_store_load_revision (store, wm_tutorial_get_id (t), 1,
                                                         &error);
      g_assert_no_error (error);
      check_instructions (v1, version);
    }

  /* The search index is built from what the old library held. */
  filter.search = "reports finance";
  found = wm_store_list_tutorials (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
}

static void
test_from (gconstpointer data)
{
  guint version = GPOINTER_TO_UINT (data);
  g_autofree char *path = library_from_fixture (version);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmStore) again = NULL;

  store = wm_store_open (path, &error);
  g_assert_no_error (error);
  check_upgraded (store, version);
  g_clear_object (&store);

  /* Opening an upgraded library again runs nothing and changes nothing. */
  again = wm_store_open (path, &error);
  g_assert_no_error (error);
  check_upgraded (again, version);
}

static void
test_read_only_needs_upgrade (void)
{
  g_autofree char *path = library_from_fixture (1);
  g_autoptr(GError) error = NULL;

  g_assert_null (wm_store_open_read_only (path, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "schema 1"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* One fixture per schema this build can upgrade from. */
  for (guint v = 1; v < WM_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *path = g_strdup_printf ("/data/store/migrate-from-v%u", v);
      g_test_add_data_func (path, GUINT_TO_POINTER (v), test_from);
    }
  g_test_add_func ("/data/store/read-only-needs-upgrade", test_read_only_needs_upgrade);

  return g_test_run ();
}
