/* review-fixture.c — a throw-away library and the `waymark` command line, for review tests
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <png.h>
#include <sqlite3.h>

#include "review-fixture.h"
#include "wm-test.h"

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = wm_test_make_dir ("review");
  f->library = g_build_filename (f->dir, "library.db", NULL);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  wm_test_remove_dir (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->library, g_free);
  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
}

int
fixture_run (Fixture     *f,
             const char  *library,
             const char **env,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYMARK_AUTHOR");
  envp = g_environ_unsetenv (envp, "WAYMARK_EMAIL");
  envp = g_environ_setenv (envp, "WAYMARK_LIBRARY", library, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  for (guint i = 0; env && env[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env[i], "=", 2);
      envp = g_environ_setenv (envp, kv[0], kv[1], TRUE);
    }

  g_ptr_array_add (argv, (gpointer) g_getenv ("WM_WAYMARK"));
  va_start (args, env);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &f->out, &f->err,
                &f->status, &error);
  g_assert_no_error (error);

  return WIFEXITED (f->status) ? WEXITSTATUS (f->status) : 128 + WTERMSIG (f->status);
}

GBytes *
fixture_make_png (guint seed,
                  guint width,
                  guint height)
{
  png_image image = { .version = PNG_IMAGE_VERSION, .width = width, .height = height,
                      .format = PNG_FORMAT_RGB };
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 3);
  png_alloc_size_t size = 0;
  guint8 *png;

  /* A gradient, a title bar and a "button" whose place depends on the seed. */
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint8 *p = pixels + ((gsize) y * width + x) * 3;
        gboolean button = (x / 16) % 8 == seed % 8 && (y / 16) % 6 == seed % 6;

        p[0] = button ? 30 : (guint8) (x * 255 / width);
        p[1] = y < height / 10 ? 220 : (guint8) (seed * 37);
        p[2] = button ? 200 : (guint8) (y * 255 / height);
      }

  g_assert_true (png_image_write_get_memory_size (image, size, 0, pixels, 0, NULL));
  png = g_malloc (size);
  g_assert_true (png_image_write_to_memory (&image, png, &size, 0, pixels, 0, NULL));

  return g_bytes_new_take (png, size);
}

char *
fixture_write_png (Fixture *f,
                   guint    seed,
                   guint    width,
                   guint    height)
{
  g_autoptr(GBytes) png = fixture_make_png (seed, width, height);
  g_autofree char *name = g_strdup_printf ("screen-%u.png", seed);
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error);
  g_assert_no_error (error);

  return path;
}

char *
fixture_record (Fixture    *f,
                const char *library,
                const char *title,
                guint       n_steps,
                guint       seed)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *id = NULL;

  g_assert_cmpint (fixture_run (f, library, NULL, "new", "--title", title, "--author", "Alice",
                                "--role", "admin", NULL), ==, 0);
  id = g_strstrip (g_strdup (f->out));
  g_assert_true (g_uuid_string_is_valid (id));

  g_strv_builder_add_many (b, g_getenv ("WM_WAYMARK"), "add-images", id, NULL);
  for (guint i = 0; i < n_steps; i++)
    {
      char *path = fixture_write_png (f, seed + i, 320, 200);
      g_ptr_array_add (paths, path);
      g_strv_builder_add (b, path);
    }
  argv = g_strv_builder_end (b);
  envp = g_environ_setenv (envp, "WAYMARK_LIBRARY", library, TRUE);
  g_spawn_sync (NULL, argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &f->status,
                NULL);
  g_assert_true (g_spawn_check_wait_status (f->status, NULL));

  return g_steal_pointer (&id);
}

static void
digest_table (sqlite3    *db,
              const char *table,
              GChecksum  *sum)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1, 2", table);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_checksum_update (sum, (const guchar *) table, -1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      {
        const void *data = sqlite3_column_blob (stmt, c);
        g_checksum_update (sum, data ? data : (const guchar *) "\0NULL", data ?
                           sqlite3_column_bytes (stmt, c) : 5);
        g_checksum_update (sum, (const guchar *) "\x1f", 1);
      }
  sqlite3_finalize (stmt);
}

char *
fixture_library_digest (const char *library)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (library, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND name NOT LIKE 'tutorials_fts%' ORDER BY name", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    digest_table (db, g_ptr_array_index (tables, i), sum);
  sqlite3_close (db);

  return g_strdup (g_checksum_get_string (sum));
}

void
fixture_assert_error (Fixture    *f,
                      const char *needle)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (f->err));

  if (strstr (trimmed, needle) == NULL || strchr (trimmed, '\n') != NULL)
    g_error ("expected one error line containing “%s”, got: %s", needle, f->err);
}
