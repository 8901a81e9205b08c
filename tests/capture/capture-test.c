/* capture-test.c — the capture tests' shared helpers: the fixture app, clicks, PNGs
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <png.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include "capture-test.h"

static void
parse_line (TestFixture *fixture,
            const char  *line)
{
  char name[32];
  TestRect *r = g_new0 (TestRect, 1);

  if (sscanf (line, "widget %31s %d %d %d %d", name, &r->x, &r->y, &r->width, &r->height) == 5)
    g_hash_table_insert (fixture->widgets, g_strdup (name), r);
  else
    g_free (r);
}

TestFixture *
test_fixture_start (void)
{
  const char *app = g_getenv ("WM_FIXTURE_APP");
  const char *argv[] = { app, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  TestFixture *fixture = g_new0 (TestFixture, 1);
  int out_fd;
  char *line;

  g_assert_nonnull (app);
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &fixture->pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  fixture->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  in = g_data_input_stream_new (g_unix_input_stream_new (out_fd, TRUE));
  while ((line = g_data_input_stream_read_line (in, NULL, NULL, &error)) != NULL)
    {
      gboolean ready = g_str_equal (line, "ready");

      parse_line (fixture, line);
      g_free (line);
      if (ready)
        break;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (fixture->widgets), ==, 4);

  return fixture;
}

void
test_fixture_stop (TestFixture *fixture)
{
  kill (fixture->pid, SIGTERM);
  waitpid (fixture->pid, NULL, 0);
  g_spawn_close_pid (fixture->pid);
  g_hash_table_unref (fixture->widgets);
  g_free (fixture);
}

void
test_fixture_centre (TestFixture *fixture,
                     const char  *widget,
                     int         *x,
                     int         *y)
{
  TestRect *r = g_hash_table_lookup (fixture->widgets, widget);

  g_assert_nonnull (r);
  *x = r->x + r->width / 2;
  *y = r->y + r->height / 2;
}

void
test_xdotool (const char *first_arg,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) "xdotool");
  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

void
test_click (int x,
            int y,
            int button)
{
  g_autofree char *xs = g_strdup_printf ("%d", x);
  g_autofree char *ys = g_strdup_printf ("%d", y);
  g_autofree char *bs = g_strdup_printf ("%d", button);

  test_xdotool ("mousemove", xs, ys, "click", bs, NULL);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
test_wait (guint msec)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (msec, quit_loop, loop);
  g_main_loop_run (loop);
}

guint32
test_screen_pixel (int x,
                   int y)
{
  static Display *dpy;
  XImage *image;
  guint32 rgb;

  if (dpy == NULL)
    dpy = XOpenDisplay (NULL);
  g_assert_nonnull (dpy);
  image = XGetImage (dpy, DefaultRootWindow (dpy), x, y, 1, 1, AllPlanes, ZPixmap);
  g_assert_nonnull (image);
  rgb = XGetPixel (image, 0, 0) & 0xffffff;
  XDestroyImage (image);

  return rgb;
}

gboolean
test_wait_for_pixel (int     x,
                     int     y,
                     guint32 rgb)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (test_screen_pixel (x, y) != rgb)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      test_wait (20);
    }

  return TRUE;
}

WmStore *
test_store_new (char **tutorial_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wm-capture-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(WmTutorial) tutorial = wm_tutorial_new ("Recorded");
  WmStore *store;

  g_assert_no_error (error);
  path = g_build_filename (dir, "library.db", NULL);
  store = wm_store_open (path, &error);
  g_assert_no_error (error);
  wm_tutorial_set_steps_loaded (tutorial, TRUE);
  wm_store_save_tutorial (store, tutorial, &error);
  g_assert_no_error (error);
  *tutorial_id = g_strdup (wm_tutorial_get_id (tutorial));

  return store;
}

GPtrArray *
test_store_steps (WmStore    *store,
                  const char *tutorial_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) tutorial = wm_store_load_tutorial (store, tutorial_id, TRUE, &error);

  GListModel *model;
  GPtrArray *steps = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  model = wm_tutorial_get_steps (tutorial);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (steps, g_list_model_get_item (model, i));

  return steps;
}

guint8 *
test_png_decode (GBytes *png,
                 guint  *width,
                 guint  *height)
{
  png_image image = { .version = PNG_IMAGE_VERSION };
  gsize len;
  const guint8 *data = g_bytes_get_data (png, &len);
  guint8 *pixels;

  g_assert_true (png_image_begin_read_from_memory (&image, data, len));
  image.format = PNG_FORMAT_RGBA;
  pixels = g_malloc (PNG_IMAGE_SIZE (image));
  g_assert_true (png_image_finish_read (&image, NULL, pixels, 0, NULL));
  *width = image.width;
  *height = image.height;

  return pixels;
}

guint32
test_step_pixel (WmStore *store,
                 WmStep  *step,
                 int      x,
                 int      y)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImage) image = NULL;
  g_autofree guint8 *pixels = NULL;
  guint width, height;
  const guint8 *p;

  g_assert_nonnull (wm_step_get_image_sha256 (step));
  image = wm_store_load_image (store, wm_step_get_image_sha256 (step), &error);
  g_assert_no_error (error);
  pixels = test_png_decode (wm_image_get_png (image), &width, &height);
  g_assert_cmpint (x, <, (int) width);
  g_assert_cmpint (y, <, (int) height);
  p = pixels + ((gsize) y * width + x) * 4;

  return ((guint32) p[0] << 16) | ((guint32) p[1] << 8) | p[2];
}
