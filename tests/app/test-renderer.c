/* test-renderer.c — on a machine without a GPU, `waymark` starts without loading GL
 *
 * Mesa's software GL (libLLVM + swrast) costs ~125 ms and ~60 MB at start and then draws slower
 * than cairo. The app is started for real and its memory map is read once its window is up.
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

static gboolean
has_render_node (void)
{
  g_autoptr(GDir) dri = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  while (dri != NULL && (name = g_dir_read_name (dri)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

/* Starts the app on an empty library with @gdk_debug (NULL: unset) and no GSK_RENDERER,
 * waits for its window, and returns its memory map. */
static char *
maps_of_started_app (const char *gdk_debug)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autofree char *dir = g_dir_make_tmp ("wm-renderer-XXXXXX", NULL);
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autofree char *maps_path = NULL, *maps = NULL, *pid_arg = NULL;
  g_autoptr(GSubprocess) app = NULL, search = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "WAYMARK_LIBRARY", library, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "GSK_RENDERER");
  if (gdk_debug != NULL)
    g_subprocess_launcher_setenv (launcher, "GDK_DEBUG", gdk_debug, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "GDK_DEBUG");
  app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("WM_WAYMARK"), NULL);
  g_assert_no_error (error);

  /* Its window is up: the display is open and the first frame is on its way. */
  pid_arg = g_strdup (g_subprocess_get_identifier (app));
  search = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, "timeout", "60",
                             "xdotool", "search", "--sync", "--onlyvisible", "--pid", pid_arg, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (search, NULL, &error));
  g_assert_no_error (error);

  maps_path = g_strdup_printf ("/proc/%s/maps", pid_arg);
  g_assert_true (g_file_get_contents (maps_path, &maps, NULL, NULL));

  g_subprocess_send_signal (app, SIGTERM);
  g_subprocess_wait (app, NULL, NULL);
  g_remove (library);
  g_rmdir (dir);
  return g_steal_pointer (&maps);
}

static gboolean
loaded_gl (const char *maps)
{
  return strstr (maps, "swrast_dri") != NULL || strstr (maps, "libLLVM") != NULL ||
         strstr (maps, "libGLX_mesa") != NULL || strstr (maps, "libEGL_mesa") != NULL;
}

static void
test_no_gpu_no_gl (void)
{
  g_autofree char *maps = NULL, *chosen = NULL;

  if (has_render_node ())
    {
      g_test_skip ("this machine has a GPU render node: GL is the right renderer here");
      return;
    }

  maps = maps_of_started_app (NULL);
  g_assert_nonnull (strstr (maps, "libgtk-4"));
  g_assert_false (loaded_gl (maps));

  /* A renderer the user chose is kept: GTK's default here loads Mesa's software GL. */
  chosen = maps_of_started_app ("");
  g_assert_true (loaded_gl (chosen));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app/renderer/no-gpu-no-gl", test_no_gpu_no_gl);
  return g_test_run ();
}
