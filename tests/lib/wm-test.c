/* wm-test.c — what every suite needs: a temporary library, the `waymark` command, JSON
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "wm-test.h"

char *
wm_test_make_dir (const char *name)
{
  g_autofree char *template = g_strdup_printf ("wm-%s-XXXXXX", name);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/* Tests make folders read-only to see writes fail: make each writable before emptying it. */
void
wm_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;
  GStatBuf st;

  if (dir == NULL || g_lstat (dir, &st) != 0)
    return;
  if (!S_ISDIR (st.st_mode))
    {
      g_remove (dir);
      return;
    }

  g_chmod (dir, 0700);
  d = g_dir_open (dir, 0, NULL);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      wm_test_remove_dir (path);
    }
  if (g_rmdir (dir) != 0)
    g_test_message ("could not remove %s: %s", dir, g_strerror (errno));
}

void
wm_test_library_init (WmTestLibrary *lib,
                      const char    *name)
{
  lib->dir = wm_test_make_dir (name);
  lib->path = g_build_filename (lib->dir, "library.db", NULL);
}

WmStore *
wm_test_library_open (WmTestLibrary *lib)
{
  g_autoptr(GError) error = NULL;
  WmStore *store = wm_store_open (lib->path, &error);

  g_assert_no_error (error);
  return store;
}

void
wm_test_library_clear (WmTestLibrary *lib)
{
  wm_test_remove_dir (lib->dir);
  g_clear_pointer (&lib->dir, g_free);
  g_clear_pointer (&lib->path, g_free);
}

static char **
waymark_environ (const char         *library,
                 const char * const *env)
{
  char **envp = g_get_environ ();

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYMARK_AUTHOR");
  envp = g_environ_unsetenv (envp, "WAYMARK_EMAIL");
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  if (library != NULL)
    envp = g_environ_setenv (envp, "WAYMARK_LIBRARY", library, TRUE);
  for (guint i = 0; env && env[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env[i], "=", 2);

      g_assert_nonnull (kv[1]);
      envp = g_environ_setenv (envp, kv[0], kv[1], TRUE);
    }

  return envp;
}

int
wm_test_run_waymark (WmTestRun          *run,
                     const char         *library,
                     const char * const *env,
                     const char * const *args)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) envp = waymark_environ (library, env);
  g_autoptr(GError) error = NULL;
  const char *waymark = g_getenv ("WM_WAYMARK");

  g_assert_nonnull (waymark);
  g_strv_builder_add (b, waymark);
  g_strv_builder_addv (b, (const char **) args);
  argv = g_strv_builder_end (b);

  wm_test_run_clear (run);
  g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err,
                &run->status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status)
                                         : 128 + WTERMSIG (run->status);

  return run->status;
}

void
wm_test_run_clear (WmTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  run->status = 0;
}

JsonNode *
wm_test_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}
