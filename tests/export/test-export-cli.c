/* test-export-cli.c — `waymark export`: every format through the real command, and its errors
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-export-cli"

#include "config.h"

#include <string.h>

#include "wm-export-fixture.h"

typedef WmFixtureLibrary Fixture;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs `waymark --library LIB ARGS…` with the tutorial's id for "ID", with no display to
 * connect to: exporting runs on servers and in CI. */
static void
waymark (Fixture     *f,
         const char  *id,
         Run         *r,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *arg;
  va_list args;

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");

  g_ptr_array_add (argv, g_strdup (g_getenv ("WM_WAYMARK")));
  g_ptr_array_add (argv, g_strdup ("--library"));
  g_ptr_array_add (argv, g_build_filename (f->dir, "library.db", NULL));
  va_start (args, r);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_str_equal (arg, "ID") ? g_strdup (id)
                           : g_str_has_prefix (arg, "OUT/") ? g_build_filename (f->dir, arg + 4, NULL)
                           : g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &r->out, &r->err,
                &r->status, &error);
  g_assert_no_error (error);
  r->status = WIFEXITED (r->status) ? WEXITSTATUS (r->status) : -1;
}

static gboolean
out_exists (Fixture    *f,
            const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The start of an output file, or "" when it is missing. */
static char *
out_head (Fixture    *f,
          const char *name,
          gsize       n)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *text = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &text, &len, NULL))
    return g_strdup ("");
  return g_strndup (text, MIN (n, len));
}

static void
test_each_format (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 2, WM_FIXTURE_NONE, &error);
  const char *id = wm_tutorial_get_id (t);
  g_auto(Run) html = { 0 }, md = { 0 }, pdf = { 0 };
  g_autofree char *head = NULL;

  g_clear_object (&f->store);   /* the command opens the library itself */
  waymark (f, id, &html, "export", "html", "ID", "-o", "OUT/t.html", "--mode", "watch", NULL);
  g_assert_cmpint (html.status, ==, 0);
  g_assert_nonnull (strstr (html.out, "Exported “Export the quarterly report (2 steps)”"));
  head = out_head (f, "t.html", 16);
  g_assert_cmpstr (head, ==, "<!DOCTYPE html>\n");
  g_clear_pointer (&head, g_free);

  waymark (f, id, &md, "export", "markdown", "ID", "-o", "OUT/md", NULL);
  g_assert_cmpint (md.status, ==, 0);
  g_assert_true (g_str_has_suffix (g_strstrip (md.out), ".md"));   /* "… to DIR/md/SLUG.md" */
  g_assert_nonnull (strstr (md.out, "/md/"));
  head = out_head (f, strstr (md.out, "/md/") + 1, 2);
  g_assert_cmpstr (head, ==, "# ");
  g_clear_pointer (&head, g_free);
  g_assert_true (out_exists (f, "md/images"));

  waymark (f, id, &pdf, "export", "pdf", "ID", "-o", "OUT/t.pdf", "--paper", "letter", NULL);
  g_assert_cmpint (pdf.status, ==, 0);
  head = out_head (f, "t.pdf", 5);
  g_assert_cmpstr (head, ==, "%PDF-");
}

/* One line on stderr, the right exit code, and no file. */
static void
assert_fails (Run        *r,
              int         status,
              const char *needle)
{
  g_assert_cmpint (r->status, ==, status);
  g_assert_nonnull (strstr (r->err, needle));
  g_assert_nonnull (strchr (r->err, '\n'));
  g_assert_cmpstr (strchr (r->err, '\n') + 1, ==, "");
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_fixture_make_tutorial (f->store, 1, WM_FIXTURE_NONE, &error);
  g_autoptr(WmTutorial) empty = wm_tutorial_new ("Nothing recorded yet");
  const char *id = wm_tutorial_get_id (t);
  g_auto(Run) format = { 0 }, output = { 0 }, mode = { 0 }, paper = { 0 }, missing = { 0 };
  g_auto(Run) no_steps = { 0 }, unwritable = { 0 };

  g_assert_true (wm_store_save_tutorial (f->store, empty, &error));
  g_clear_object (&f->store);

  waymark (f, id, &format, "export", "docx", "ID", "-o", "OUT/x", NULL);
  assert_fails (&format, 2, "unknown format “docx”");
  waymark (f, id, &output, "export", "html", "ID", NULL);
  assert_fails (&output, 2, "-o PATH");
  waymark (f, id, &mode, "export", "html", "ID", "-o", "OUT/x.html", "--mode", "fast", NULL);
  assert_fails (&mode, 2, "unknown mode “fast”");
  waymark (f, id, &paper, "export", "pdf", "ID", "-o", "OUT/x.pdf", "--paper", "a3", NULL);
  assert_fails (&paper, 2, "unknown paper “a3”");
  waymark (f, "no-such-tutorial", &missing, "export", "pdf", "ID", "-o", "OUT/x.pdf", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  waymark (f, wm_tutorial_get_id (empty), &no_steps, "export", "html", "ID", "-o", "OUT/x.html",
           NULL);
  assert_fails (&no_steps, 1, "has no steps");
  waymark (f, id, &unwritable, "export", "html", "ID", "-o", "/proc/waymark.html", NULL);
  assert_fails (&unwritable, 1, "Cannot write “/proc/waymark.html”");
  g_assert_false (out_exists (f, "x.html") || out_exists (f, "x.pdf") || out_exists (f, "x"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, wm_fixture_library_setup, func, wm_fixture_library_teardown)
  ADD ("/export/cli/each-format", test_each_format);
  ADD ("/export/cli/errors", test_errors);
#undef ADD

  return g_test_run ();
}
