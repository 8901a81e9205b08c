/* test-record.c — recording from the window: the real X11 backend and AT-SPI on the
 * fixture app, the controller, then the editor on what was recorded
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "app-test-util.h"
#include "capture-test.h"
#include "wm-editor.h"
#include "wm-recorder-window.h"

static void
test_record_fixture_app (void)
{
  AppFixture f = { 0 };
  TestFixture *app = NULL;
  g_autoptr(WmTutorial) recorded = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  WmFilter filter = WM_FILTER_INIT;
  GtkWindow *controller;
  guint n_steps;
  int x, y;

  app_fixture_set_up (&f, FALSE);
  app_fixture_show (&f);
  app = test_fixture_start ();

  controller = app_start_recording (&f, "Save and recolour", "orientation", "admin");

  /* The main window got out of the way; the controller says which backend records. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f.window)));
  g_assert_cmpstr (wm_recorder_window_get_backend_name (WM_RECORDER_WINDOW (controller)), ==,
                   "x11");
  /* Without a window manager it maps at the origin: move it off the fixture's controls. */
  test_xdotool ("search", "--name", "^Recording$", "windowmove", "900", "560", NULL);
  app_spin (300);

  test_fixture_centre (app, "save", &x, &y);
  test_click (x, y, 1);
  app_spin (700);
  test_fixture_centre (app, "colour", &x, &y);
  test_click (x, y, 1);
  app_wait_recorded_steps (&f, 2, 15000);
  app_spin (1100);
  {
    g_autoptr(GdkTexture) shot = app_render (GTK_WIDGET (controller));

    app_save_screenshot (shot, "recording-controller.png");
  }

  /* Preferences ▸ Record Typing and Shortcuts switched off mid-recording: a click into the
   * Name field is a step, what is typed there and a shortcut are not. */
  g_settings_set_boolean (f.settings, "capture-keys", FALSE);
  app_spin (100);
  test_fixture_centre (app, "name", &x, &y);
  test_click (x, y, 1);
  app_wait_recorded_steps (&f, 3, 15000);
  /* No window manager gives the fixture the keyboard: the controller had it last. */
  test_xdotool ("search", "--onlyvisible", "--name", "^Fixture$", "windowfocus", NULL);
  app_spin (200);
  test_xdotool ("type", "--delay", "20", "not a step", NULL);
  test_xdotool ("key", "ctrl+a", NULL);
  app_spin (1500);
  g_assert_cmpuint (wm_recorder_window_get_n_steps (WM_RECORDER_WINDOW (controller)), ==, 3);
  g_settings_reset (f.settings, "capture-keys");

  /* Paused, a click is no step; resumed, Capture adds the screen as it is. */
  n_steps = wm_recorder_window_get_n_steps (WM_RECORDER_WINDOW (controller));
  gtk_widget_activate_action (GTK_WIDGET (controller), "recorder.toggle-pause", NULL);
  app_spin (200);
  test_fixture_centre (app, "save", &x, &y);
  test_click (x, y, 1);
  app_spin (3000);
  g_assert_cmpuint (wm_recorder_window_get_n_steps (WM_RECORDER_WINDOW (controller)), ==,
                    n_steps);
  gtk_widget_activate_action (GTK_WIDGET (controller), "recorder.toggle-pause", NULL);
  gtk_widget_activate_action (GTK_WIDGET (controller), "recorder.capture-step", NULL);
  app_wait_recorded_steps (&f, n_steps + 1, 15000);

  /* Stop: every step is in the store, and the editor opens on the new tutorial. */
  app_stop_recording (&f);

  filter.search = "recolour";
  rows = wm_store_list_tutorials (f.store, &filter, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  recorded = wm_store_load_tutorial (f.store, wm_tutorial_get_id (g_ptr_array_index (rows, 0)),
                                     TRUE, NULL);
  g_assert_cmpint (wm_tutorial_get_stage (recorded), ==, WM_STAGE_ORIENTATION);
  g_assert_true (wm_tutorial_has_role (recorded, "admin"));
  g_assert_cmpuint (g_list_model_get_n_items (wm_tutorial_get_steps (recorded)), ==, n_steps + 1);
  g_assert_nonnull (wm_step_get_image_sha256 (wm_tutorial_get_step (recorded, 0)));
  for (guint i = 0; i < n_steps + 1; i++)
    {
      WmStepKind kind = wm_step_get_kind (wm_tutorial_get_step (recorded, i));

      g_assert_true (kind != WM_STEP_TYPE && kind != WM_STEP_KEY);
    }
  /* AT-SPI named what was clicked. */
  g_assert_nonnull (strstr (wm_step_get_instruction (wm_tutorial_get_step (recorded, 0)), "Save"));
  g_assert_cmpstr (wm_editor_get_tutorial_id (wm_window_get_editor (f.window)), ==,
                   wm_tutorial_get_id (recorded));

  test_fixture_stop (app);
  app_fixture_tear_down (&f);
}

static void
test_record_dialog_asks (void)
{
  AppFixture f = { 0 };
  GList *toplevels;
  guint before;

  app_fixture_set_up (&f, FALSE);
  app_fixture_show (&f);
  before = g_list_model_get_n_items (gtk_window_get_toplevels ());

  /* "Record" asks first: nothing is created until the author names the tutorial. */
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.record", NULL);
  app_spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, before + 1);
  g_assert_null (wm_window_get_recorder (f.window));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      adw_message_dialog_response (l->data, "cancel");
  g_list_free (toplevels);
  app_spin (100);
  g_assert_null (wm_window_get_recorder (f.window));
  g_assert_cmpuint (wm_store_count_tutorials (f.store, &(WmFilter) WM_FILTER_INIT, NULL), ==, 0);

  app_fixture_tear_down (&f);
}

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/record/dialog-asks-first", test_record_dialog_asks);
  g_test_add_func ("/app/record/fixture-app", test_record_fixture_app);

  return g_test_run ();
}
