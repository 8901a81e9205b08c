/* app-test-util.c — what the app tests share: a window on a fresh library, waiting, pixels
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "wm-application.h"
#include "wm-recorder-window.h"
#include "wm-sample.h"
#include "wm-test.h"

void
app_test_init (int    *argc,
               char ***argv)
{
  g_test_init (argc, argv, NULL);
  /* GL as the app has it: none without a GPU (Mesa's EGL attempt on Xvfb unloads swrast_dri.so
   * mid-run, and LeakSanitizer cannot name what it left behind). */
  wm_application_choose_renderer ();
  gtk_init ();
  adw_init ();
  wm_resources_ensure ();
  /* The app's own icons and styles, as AdwApplication would load them. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/org/waymark/Waymark/icons");
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/org/waymark/Waymark/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
}

void
app_fixture_set_up (AppFixture *fixture,
                    gboolean    with_sample)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = wm_test_make_dir ("app");
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = wm_store_open (path, &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APP_ID);
  /* The memory backend is shared by the whole process: start every test from defaults. */
  g_settings_reset (fixture->settings, "sample-offered");
  g_settings_set_boolean (fixture->settings, "sample-offered", !with_sample);
  g_settings_set_boolean (fixture->settings, "hide-window-while-recording", FALSE);
}

void
app_fixture_show (AppFixture *fixture)
{
  fixture->window = wm_window_new (NULL, fixture->store, fixture->settings, NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  app_wait_until ((gboolean (*) (gpointer)) gtk_widget_get_mapped, fixture->window, 5000);
  app_spin (200);
}

void
app_fixture_tear_down (AppFixture *fixture)
{
  if (fixture->window)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_clear_object (&fixture->window);
    }
  app_spin (50);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->settings);
  wm_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
app_wait_until (gboolean (*done) (gpointer),
                gpointer   data,
                guint      timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, timed_out, &expired);

  while (!done (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  g_assert_true (done (data));
}

void
app_spin (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, timed_out, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

GdkTexture *
app_render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer;
  int w, h;

  /* A loaded machine may not have laid out or drawn the widget yet: wait for it (up to
   * 20 s) rather than assume a frame has happened. */
  for (guint waited = 0; waited <= 20000; waited += 50)
    {
      w = gtk_widget_get_width (widget);
      h = gtk_widget_get_height (widget);
      if (w > 0 && h > 0 && gtk_widget_get_mapped (widget))
        {
          GtkSnapshot *snapshot = gtk_snapshot_new ();

          gdk_paintable_snapshot (paintable, snapshot, w, h);
          node = gtk_snapshot_free_to_node (snapshot);
          if (node != NULL)
            break;
        }
      app_spin (50);
    }
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

guchar *
app_download (GdkTexture *texture,
              gsize      *stride)
{
  guchar *data;

  *stride = gdk_texture_get_width (texture) * 4;
  data = g_malloc (*stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, data, *stride);

  return data;
}

guint32
app_pixel (const guchar *data,
           gsize         stride,
           int           x,
           int           y)
{
  return *(const guint32 *) (data + y * stride + x * 4);
}

void
app_save_screenshot (GdkTexture *texture,
                     const char *name)
{
  const char *dir = g_getenv ("WM_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

WmTutorial *
app_make_tutorial (WmStore    *store,
                   const char *title,
                   WmStage     stage,
                   const char *role,
                   guint       n_steps)
{
  const char *roles[] = { role, NULL };
  g_autoptr(WmTutorial) tutorial = wm_tutorial_new (title);
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  wm_tutorial_set_stage (tutorial, stage);
  wm_tutorial_set_roles (tutorial, role ? roles : NULL);
  wm_tutorial_set_steps_loaded (tutorial, TRUE);
  g_assert_true (wm_store_save_tutorial (store, tutorial, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(GBytes) png = wm_sample_draw_screen (i % 3);
      WmStep *step = wm_step_new (WM_STEP_CLICK);
      g_autofree char *text = g_strdup_printf ("Click button %u", i + 1);

      wm_step_set_generated_instruction (step, text);
      wm_step_set_point (step, 375, 132);
      g_ptr_array_add (steps, step);
      g_ptr_array_add (images, wm_image_new_from_png (png, &error));
      g_assert_no_error (error);
    }
  if (n_steps > 0)
    g_assert_true (wm_store_append_steps (store, wm_tutorial_get_id (tutorial), steps, images,
                                          &error));
  g_assert_no_error (error);

  return wm_store_load_tutorial (store, wm_tutorial_get_id (tutorial), TRUE, NULL);
}

static gboolean
recorder_shown (gpointer data)
{
  GtkWindow *controller = wm_window_get_recorder (data);

  return controller != NULL && gtk_widget_get_mapped (GTK_WIDGET (controller));
}

GtkWindow *
app_start_recording (AppFixture *fixture,
                     const char *title,
                     const char *stage,
                     const char *role)
{
  g_settings_set_boolean (fixture->settings, "hide-window-while-recording", TRUE);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window),
                                                     "win.start-recording",
                                                     g_variant_new ("(ss^as)", title, stage,
                                                                    (const char *[]) { role, NULL })));
  app_wait_until (recorder_shown, fixture->window, 5000);

  return wm_window_get_recorder (fixture->window);
}

typedef struct {
  WmWindow *window;
  guint     n_steps;
} StepsWait;

static gboolean
has_steps (gpointer data)
{
  StepsWait *wait = data;
  GtkWindow *controller = wm_window_get_recorder (wait->window);

  return controller != NULL &&
         wm_recorder_window_get_n_steps (WM_RECORDER_WINDOW (controller)) >= wait->n_steps;
}

void
app_wait_recorded_steps (AppFixture *fixture,
                         guint       n_steps,
                         guint       timeout_ms)
{
  StepsWait wait = { fixture->window, n_steps };

  app_wait_until (has_steps, &wait, timeout_ms);
}

static gboolean
editor_open (gpointer data)
{
  return g_strcmp0 (wm_window_get_visible_page (data), "editor") == 0 &&
         wm_window_get_recorder (data) == NULL;
}

void
app_stop_recording (AppFixture *fixture)
{
  GtkWindow *controller = wm_window_get_recorder (fixture->window);

  g_assert_nonnull (controller);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (controller), "recorder.stop", NULL));
  app_wait_until (editor_open, fixture->window, 15000);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
}
