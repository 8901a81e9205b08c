/* test-open-bundle.c — a bundle someone sent is opened like any document: the desktop knows
 * the file type and hands it to Waymark, and `waymark FILE.waymark` imports it for review,
 * also when Waymark is already running
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gdesktopappinfo.h>
#include <glib/gstdio.h>

#include "review-fixture.h"
#include "wm-bundle.h"

#define BUNDLE_TYPE "application/x-waymark-bundle"

static const char *alice[] = { "WAYMARK_AUTHOR=Alice Author", "WAYMARK_EMAIL=alice@example.org",
                               NULL };

/* Alice records @n_steps steps, submits, and sends the bundle; returns the tutorial's id. */
static char *
send_bundle (Fixture    *f,
             const char *title,
             guint       seed,
             const char *bundle)
{
  g_autofree char *theirs = g_strdup_printf ("%s/alice-%u.db", f->dir, seed);
  char *id = fixture_record (f, theirs, title, 2, seed);

  g_assert_cmpint (fixture_run (f, theirs, alice, "submit", id, "-m", "From the forum", NULL),
                   ==, 0);
  g_assert_cmpint (fixture_run (f, theirs, alice, "bundle", id, "-o", bundle, NULL), ==, 0);
  return id;
}

/* The shared MIME database knows *.waymark (by its glob, over SQLite's magic), and the
 * desktop file says Waymark opens it. */
static void
test_file_type (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *share = g_build_filename (f->dir, "share", NULL);
  g_autofree char *packages = g_build_filename (share, "mime", "packages", NULL);
  g_autofree char *xml = NULL, *mime_dir = NULL, *bundle = NULL, *copy = NULL;
  g_autofree char *type = NULL, *copy_type = NULL, *id = NULL;
  g_autofree char *contents = NULL;
  const char *update_argv[] = { "update-mime-database", NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDesktopAppInfo) app = NULL;
  const char * const *types;
  gsize length;
  int status;

  /* What `meson install` puts in place, into a private data dir. */
  g_assert_cmpint (g_mkdir_with_parents (packages, 0700), ==, 0);
  g_assert_true (g_file_get_contents (g_getenv ("WM_MIME_XML"), &contents, &length, NULL));
  xml = g_build_filename (packages, "org.waymark.Waymark.xml", NULL);
  g_assert_true (g_file_set_contents (xml, contents, length, NULL));
  mime_dir = g_build_filename (share, "mime", NULL);
  update_argv[1] = mime_dir;
  g_spawn_sync (NULL, (char **) update_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  bundle = g_build_filename (f->dir, "export-report.waymark", NULL);
  id = send_bundle (f, "Export a report", 71, bundle);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (bundle, &contents, &length, NULL));

  /* Installed beside the system's types (GIO reads the database once, on first use: this
   * process has not used it yet). */
  {
    const char *system = g_getenv ("XDG_DATA_DIRS");
    g_autofree char *dirs = g_strjoin (":", share, system && *system ? system
                                                                    : "/usr/local/share:/usr/share",
                                       NULL);

    g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
  }
  type = g_content_type_guess (bundle, (const guchar *) contents, length, NULL);
  g_assert_cmpstr (type, ==, BUNDLE_TYPE);
  g_assert_true (g_content_type_is_a (type, "application/vnd.sqlite3"));
  /* The same bytes under another name are just a database. */
  copy = g_build_filename (f->dir, "export-report.db", NULL);
  copy_type = g_content_type_guess (copy, (const guchar *) contents, length, NULL);
  g_assert_cmpstr (copy_type, !=, BUNDLE_TYPE);

  /* As installed: `waymark` on the PATH (GIO ignores a desktop file whose program is not). */
  {
    g_autofree char *bindir = g_path_get_dirname (g_getenv ("WM_WAYMARK"));
    g_autofree char *path = g_strjoin (":", bindir, g_getenv ("PATH"), NULL);

    g_setenv ("PATH", path, TRUE);
  }
  app = g_desktop_app_info_new_from_filename (g_getenv ("WM_DESKTOP_FILE"));
  g_assert_nonnull (app);
  types = g_app_info_get_supported_types (G_APP_INFO (app));
  g_assert_nonnull (types);
  g_assert_true (g_strv_contains (types, BUNDLE_TYPE));
  g_assert_true (g_app_info_supports_uris (G_APP_INFO (app)));
}

static WmTutorial *
load (WmStore    *store,
      const char *id)
{
  return wm_store_load_tutorial (store, id, FALSE, NULL);
}

/* What a waymark process printed (its @log_name in the fixture's folder), when a test fails:
 * it ran in another process. */
static void
show_log (Fixture    *f,
          const char *log_name)
{
  g_autofree char *path = g_build_filename (f->dir, log_name, NULL);
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  if (!g_file_get_contents (path, &log, NULL, NULL))
    return;
  lines = g_strsplit (log, "\n", -1);
  n = g_strv_length (lines);
  for (guint i = n > 40 ? n - 40 : 0; i < n; i++)
    g_test_message ("%s: %s", log_name, lines[i]);
}

/* Waits for @proc to end and asserts it ended well, showing its log first when it did not
 * (a sanitizer's report, a critical) so the failure says why. */
static void
assert_exits_ok (Fixture     *f,
                 GSubprocess *proc,
                 const char  *log_name)
{
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_check (proc, NULL, &error))
    show_log (f, log_name);
  g_assert_no_error (error);
}

/* Polls the library the app writes until tutorial @id is there (the app imports in a
 * thread), as long as the app runs. */
static WmTutorial *
wait_for_import (Fixture     *f,
                 GSubprocess *app,
                 const char  *id)
{
  gint64 start = g_get_monotonic_time ();

  while (g_get_monotonic_time () - start < 90 * G_USEC_PER_SEC)
    {
      g_autoptr(WmStore) store = wm_store_open (f->library, NULL);
      WmTutorial *t = store ? load (store, id) : NULL;

      if (t != NULL)
        {
          g_test_message ("imported after %.1f s",
                          (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
          return t;
        }
      if (g_subprocess_get_identifier (app) == NULL)
        break;
      g_usleep (100 * 1000);
    }
  show_log (f, "app.log");
  return NULL;
}

static GSubprocess *
spawn_waymark (Fixture    *f,
               const char *arg,
               const char *log_name,
               GError    **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autofree char *log = g_build_filename (f->dir, log_name, NULL);

  g_subprocess_launcher_set_stderr_file_path (launcher, log);

  g_subprocess_launcher_setenv (launcher, "WAYMARK_LIBRARY", f->library, TRUE);
  g_subprocess_launcher_setenv (launcher, "WAYMARK_AUTHOR", "Rita Reviewer", TRUE);
  return g_subprocess_launcher_spawn (launcher, error, g_getenv ("WM_WAYMARK"), arg, NULL);
}

static void
quit_app (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bus);
  reply = g_dbus_connection_call_sync (bus, APP_ID, "/org/waymark/Waymark",
                                       "org.freedesktop.Application", "ActivateAction",
                                       g_variant_new ("(sav@a{sv})", "quit", NULL,
                                                      g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                                           NULL, 0)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_in_review_from_alice (WmTutorial *t,
                             const char *title)
{
  g_assert_nonnull (t);
  g_assert_cmpstr (wm_tutorial_get_title (t), ==, title);
  g_assert_cmpint (wm_tutorial_get_status (t), ==, WM_STATUS_IN_REVIEW);
  g_assert_cmpstr (wm_tutorial_get_contributor (t), ==, "Alice Author <alice@example.org>");
}

/* `waymark FILE.waymark` starts the app, which imports it; a second bundle opened while it
 * runs reaches the same window; something that is not a bundle is refused and adds nothing. */
static void
test_open_from_command_line (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *first = g_build_filename (f->dir, "export-report.waymark", NULL);
  g_autofree char *second = g_build_filename (f->dir, "share-dashboard.waymark", NULL);
  g_autofree char *junk = g_build_filename (f->dir, "not-a-bundle.waymark", NULL);
  g_autofree char *first_id = send_bundle (f, "Export a report", 72, first);
  g_autofree char *second_id = send_bundle (f, "Share a dashboard", 73, second);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GSubprocess) app = NULL, again = NULL, bad = NULL;
  g_autoptr(WmTutorial) t1 = NULL, t2 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (fixture_run (f, f->library, NULL, "list", NULL), ==, 0);
  app = spawn_waymark (f, first, "app.log", &error);
  g_assert_no_error (error);
  g_test_message ("waiting for the first import");
  t1 = wait_for_import (f, app, first_id);
  assert_in_review_from_alice (t1, "Export a report");

  /* The running instance takes the second file; the launcher returns at once. */
  again = spawn_waymark (f, second, "again.log", &error);
  g_assert_no_error (error);
  assert_exits_ok (f, again, "again.log");
  g_test_message ("waiting for the second import");
  t2 = wait_for_import (f, app, second_id);
  assert_in_review_from_alice (t2, "Share a dashboard");

  g_assert_true (g_file_set_contents (junk, "SQLite format 3\0 but not really", 32, NULL));
  before = fixture_library_digest (f->library);
  bad = spawn_waymark (f, junk, "bad.log", &error);
  g_assert_no_error (error);
  assert_exits_ok (f, bad, "bad.log");
  g_usleep (G_USEC_PER_SEC);
  after = fixture_library_digest (f->library);
  g_assert_cmpstr (before, ==, after);
  g_assert_nonnull (g_subprocess_get_identifier (app));  /* still running */

  quit_app ();
  assert_exits_ok (f, app, "app.log");
}

/* A mistyped command is still a mistake, not a file to open. */
static void
test_typo_is_not_a_file (Fixture       *f,
                         gconstpointer  data)
{
  g_assert_cmpint (fixture_run (f, f->library, NULL, "lsit", NULL), ==, 2);
  fixture_assert_error (f, "unknown command “lsit”");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/review/open/file-type", Fixture, NULL, fixture_setup, test_file_type,
              fixture_teardown);
  g_test_add ("/review/open/from-command-line", Fixture, NULL, fixture_setup,
              test_open_from_command_line, fixture_teardown);
  g_test_add ("/review/open/typo-is-not-a-file", Fixture, NULL, fixture_setup,
              test_typo_is_not_a_file, fixture_teardown);

  return g_test_run ();
}
