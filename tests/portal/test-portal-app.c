/* test-portal-app.c — the app on the portal: recording from the window, hotspot, no backend
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/wm-session-run (Xvfb for GTK) and, inside it, wm-portal-run --keep-display
 * (the real xdg-desktop-portal with the test backend).
 */
#include "config.h"

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "wm-editor.h"
#include "wm-portal-test-util.h"
#include "wm-preferences-window.h"
#include "wm-record-dialog.h"
#include "wm-recorder-window.h"
#include "wm-window.h"

typedef struct {
  WmRecorderWindow *window;
  GArray           *visibility;   /* gboolean, each change of the controller's visibility */
  gboolean          finished;
} Recording;

static void
on_visible (GtkWidget  *window,
            GParamSpec *pspec,
            Recording  *r)
{
  gboolean visible = gtk_widget_get_visible (window);

  g_array_append_val (r->visibility, visible);
}

static void
on_finished (WmRecorderWindow *window,
             const char       *tutorial_id,
             Recording        *r)
{
  r->finished = TRUE;
}

typedef struct {
  Recording *r;
  guint      n;
} StepWait;

static gboolean
has_steps (gpointer data)
{
  StepWait *w = data;

  return wm_recorder_window_get_n_steps (w->r->window) >= w->n;
}

/* The identifier (pid) goes once the process is reaped. */
static gboolean
exited (gpointer data)
{
  return g_subprocess_get_identifier (data) == NULL;
}

static gboolean
finished (gpointer data)
{
  return ((Recording *) data)->finished;
}

/* A label of @widget's tree whose text starts with @prefix, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows_refusal (gpointer data)
{
  return find_label (data, "The desktop refused the screenshot") != NULL;
}

static gboolean
shows_cancel (gpointer data)
{
  return find_label (data, "The screenshot was cancelled; no step was added") != NULL;
}

static void
test_controller (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wm-portal-app-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *screen = g_build_filename (g_getenv ("WM_FIXTURE_SCREENS"),
                                              "desktop-widgets.png", NULL);
  const char *fixtures[] = { screen, NULL };
  g_autoptr(WmStore) store = wm_store_open (path, &error);
  g_autoptr(WmTutorial) tutorial = wm_tutorial_new ("From the app");
  g_autoptr(GSubprocess) shortcut = NULL;
  Recording r = { NULL, g_array_new (FALSE, FALSE, sizeof (gboolean)), FALSE };
  StepWait wait = { &r, 0 };

  g_assert_no_error (error);
  wm_test_portal_set_fixtures (fixtures);
  wm_test_portal_set_responses (0, 0);
  wm_store_save_tutorial (store, tutorial, &error);
  g_assert_no_error (error);

  r.window = wm_recorder_window_new (store, wm_tutorial_get_id (tutorial), "portal", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_recorder_window_get_backend_name (r.window), ==, "portal");
  g_signal_connect (r.window, "notify::visible", G_CALLBACK (on_visible), &r);
  g_signal_connect (r.window, "finished", G_CALLBACK (on_finished), &r);
  gtk_window_present (GTK_WINDOW (r.window));
  app_spin (200);

  /* The button: the controller steps out of the shot and comes back. */
  g_array_set_size (r.visibility, 0);
  gtk_widget_activate_action (GTK_WIDGET (r.window), "recorder.capture-step", NULL);
  wait.n = 1;
  app_wait_until (has_steps, &wait, 20000);
  g_assert_cmpuint (r.visibility->len, ==, 2);
  g_assert_false (g_array_index (r.visibility, gboolean, 0));
  g_assert_true (g_array_index (r.visibility, gboolean, 1));

  /* The desktop shortcut reaches the app's recording, by the same path. */
  g_array_set_size (r.visibility, 0);
  shortcut = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, g_getenv ("WAYMARK"),
                               "--capture-step", NULL);
  g_assert_no_error (error);
  app_wait_until (exited, shortcut, 20000);
  g_assert_cmpint (g_subprocess_get_exit_status (shortcut), ==, 0);
  wait.n = 2;
  app_wait_until (has_steps, &wait, 20000);
  g_assert_cmpuint (r.visibility->len, ==, 2);

  /* Refused: the controller says so, comes back, and keeps the two steps. */
  wm_test_portal_set_responses (2, 0);
  gtk_widget_activate_action (GTK_WIDGET (r.window), "recorder.capture-step", NULL);
  app_wait_until (shows_refusal, r.window, 20000);
  app_spin (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (r.window)));
  g_assert_cmpuint (wm_recorder_window_get_n_steps (r.window), ==, 2);

  /* Cancelled (the desktop's dialog closed): said too, and the two steps stay. */
  wm_test_portal_set_responses (1, 0);
  gtk_widget_activate_action (GTK_WIDGET (r.window), "recorder.capture-step", NULL);
  app_wait_until (shows_cancel, r.window, 20000);
  app_wait_until ((gboolean (*) (gpointer)) gtk_widget_get_visible, r.window, 20000);
  g_assert_cmpuint (wm_recorder_window_get_n_steps (r.window), ==, 2);

  /* Allowed again: the next step is taken and the old warning goes. */
  wm_test_portal_set_responses (0, 0);
  gtk_widget_activate_action (GTK_WIDGET (r.window), "recorder.capture-step", NULL);
  wait.n = 3;
  app_wait_until (has_steps, &wait, 20000);
  app_wait_until ((gboolean (*) (gpointer)) gtk_widget_get_visible, r.window, 20000);
  g_assert_false (shows_cancel (r.window));

  gtk_widget_activate_action (GTK_WIDGET (r.window), "recorder.stop", NULL);
  app_wait_until (finished, &r, 20000);
  gtk_window_destroy (GTK_WINDOW (r.window));
  g_array_unref (r.visibility);

  {
    g_autoptr(WmTutorial) stored = wm_store_load_tutorial (store, wm_tutorial_get_id (tutorial),
                                                           TRUE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (wm_tutorial_get_steps (stored)), ==, 3);
  }

  g_clear_object (&store);
  for (const char *const *suffix = (const char *const[]) { "", "-wal", "-shm", NULL }; *suffix;
       suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

static gboolean
canvas_ready (gpointer data)
{
  return wm_editor_is_canvas_ready (data);
}

static gboolean
has_hotspot (gpointer data)
{
  return wm_step_get_x (data) >= 0;
}

/* A portal step with no suggested hotspot: the author clicks where it belongs. */
static void
test_place_hotspot (void)
{
  AppFixture app = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) tutorial = wm_tutorial_new ("Place the hotspot");
  g_autoptr(WmStep) step = wm_step_new (WM_STEP_MANUAL);
  g_autoptr(WmImage) image = NULL;
  g_autofree char *screen = g_build_filename (g_getenv ("WM_FIXTURE_SCREENS"),
                                              "desktop-widgets.png", NULL);
  g_autofree char *x_arg = NULL, *y_arg = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (screen);
  g_autoptr(GSubprocess) click = NULL;
  graphene_rect_t area;
  graphene_point_t in_canvas, in_window;
  WmEditor *editor;
  WmCanvas *canvas;
  WmStep *shown;
  double scale, surface_x, surface_y;

  app_fixture_set_up (&app, FALSE);
  wm_store_save_tutorial (app.store, tutorial, &error);
  g_assert_no_error (error);
  image = wm_image_new_from_file (file, &error);
  g_assert_no_error (error);
  wm_step_set_point (step, -1, -1);
  wm_store_append_step (app.store, wm_tutorial_get_id (tutorial), step, image, &error);
  g_assert_no_error (error);

  app_fixture_show (&app);
  g_assert_true (wm_window_open_tutorial (app.window, wm_tutorial_get_id (tutorial)));
  editor = wm_window_get_editor (app.window);
  app_wait_until (canvas_ready, editor, 5000);
  app_spin (200);
  canvas = wm_editor_get_canvas (editor);
  shown = wm_canvas_get_step (canvas);
  g_assert_cmpint (wm_step_get_x (shown), ==, -1);
  /* The Select tool's hint says how to place a missing hotspot. */
  g_assert_nonnull (find_label (GTK_WIDGET (editor), "Drag the red ring to where the reader "
                                                     "should click; with no ring yet, click "
                                                     "there"));

  /* Click at image pixel (600, 300), through the X server like a person. */
  wm_canvas_get_image_area (canvas, &area, &scale);
  in_canvas = GRAPHENE_POINT_INIT (area.origin.x + 600 * scale, area.origin.y + 300 * scale);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (canvas), GTK_WIDGET (app.window),
                                           &in_canvas, &in_window));
  /* The surface starts before the window's widget (client-side shadows). */
  gtk_native_get_surface_transform (GTK_NATIVE (app.window), &surface_x, &surface_y);
  x_arg = g_strdup_printf ("%d", (int) (in_window.x + surface_x));
  y_arg = g_strdup_printf ("%d", (int) (in_window.y + surface_y));
  click = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "xdotool", "mousemove", x_arg,
                            y_arg, "click", "1", NULL);
  g_assert_no_error (error);
  app_wait_until (has_hotspot, shown, 10000);

  g_assert_cmpint (ABS (wm_step_get_x (shown) - 600), <=, 2 / scale + 1);
  g_assert_cmpint (ABS (wm_step_get_y (shown) - 300), <=, 2 / scale + 1);

  /* … and it is in the library, not only on screen. */
  {
    g_autoptr(WmTutorial) stored = wm_store_load_tutorial (app.store,
                                                           wm_tutorial_get_id (tutorial),
                                                           TRUE, &error);
    g_autoptr(WmStep) first = NULL;

    g_assert_no_error (error);
    first = g_list_model_get_item (wm_tutorial_get_steps (stored), 0);
    g_assert_cmpint (wm_step_get_x (first), ==, wm_step_get_x (shown));
    g_assert_cmpint (wm_step_get_y (first), ==, wm_step_get_y (shown));
  }
  app_fixture_tear_down (&app);
}

/* The first toplevel of @type, or NULL. */
static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
controller_shown (gpointer data)
{
  return find_toplevel (WM_TYPE_RECORDER_WINDOW) != NULL;
}

static gboolean
editor_shows_steps (gpointer data)
{
  AppFixture *app = data;
  WmEditor *editor = wm_window_get_editor (app->window);
  WmTutorial *tutorial = wm_editor_get_tutorial (editor);

  return g_str_equal (wm_window_get_visible_page (app->window), "editor") && tutorial != NULL &&
         g_list_model_get_n_items (wm_tutorial_get_steps (tutorial)) == 2;
}

/* A button of @widget's tree bound to @action, or NULL. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* From the main window, as a person on Wayland records: the dialog and the controller say
 * the portal records and that steps are taken on request; the countdown from Preferences
 * delays the shot; two steps later the editor opens on them, the second with the hotspot
 * suggested where the screen changed. */
static void
test_record_from_window (void)
{
  AppFixture app = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("wm-portal-window-XXXXXX", &error);
  g_autofree char *source = g_build_filename (g_getenv ("WM_FIXTURE_SCREENS"),
                                              "desktop-widgets.png", NULL);
  g_autofree char *base = g_build_filename (tmp, "screen.png", NULL);
  g_autofree char *dialog_screen = g_build_filename (tmp, "dialog.png", NULL);
  const char *fixtures[] = { base, dialog_screen, NULL };
  Recording r = { NULL, g_array_new (FALSE, FALSE, sizeof (gboolean)), FALSE };
  StepWait wait = { &r, 0 };
  WmPreferencesWindow *prefs;
  GtkSpinButton *countdown;
  WmRecordDialog *dialog;
  GtkWidget *title_row, *capture_button;
  g_autoptr(WmStep) first = NULL, second = NULL;
  WmTutorial *tutorial;

  wm_test_make_dialog_screen (source, base, dialog_screen);
  wm_test_portal_set_fixtures (fixtures);
  wm_test_portal_set_responses (0, 0);
  app_fixture_set_up (&app, FALSE);
  app_fixture_show (&app);

  /* A one-second countdown, set in Preferences. */
  prefs = wm_preferences_window_new (app.settings);
  gtk_window_present (GTK_WINDOW (prefs));
  countdown = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (prefs),
                                                              WM_TYPE_PREFERENCES_WINDOW,
                                                              "countdown_spin"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (countdown)));
  gtk_spin_button_set_value (countdown, 1);
  g_assert_cmpuint (g_settings_get_uint (app.settings, "capture-countdown"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (prefs));

  gtk_widget_activate_action (GTK_WIDGET (app.window), "win.record", NULL);
  dialog = find_toplevel (WM_TYPE_RECORD_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Recording through the desktop portal: "
                                                     "use “Capture Step” after each action."));
  title_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                         WM_TYPE_RECORD_DIALOG, "title_row"));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Open the settings");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "record");

  app_wait_until (controller_shown, NULL, 20000);
  r.window = find_toplevel (WM_TYPE_RECORDER_WINDOW);
  g_signal_connect (r.window, "notify::visible", G_CALLBACK (on_visible), &r);
  g_assert_nonnull (find_label (GTK_WIDGET (r.window), "PORTAL"));
  capture_button = find_action_button (GTK_WIDGET (r.window), "recorder.capture-step");
  g_assert_true (gtk_widget_has_css_class (capture_button, "suggested-action"));

  /* With the countdown set in Preferences, the desktop is asked a second after the press. */
  for (wait.n = 1; wait.n <= 2; wait.n++)
    {
      gint64 pressed = g_get_monotonic_time ();
      guint shots_before, shots, accesses;

      wm_test_portal_get_counts (&shots_before, &accesses);
      gtk_widget_activate_action (GTK_WIDGET (r.window), "recorder.capture-step", NULL);
      app_spin (300);
      wm_test_portal_get_counts (&shots, &accesses);
      g_assert_cmpuint (shots, ==, shots_before);
      app_wait_until (has_steps, &wait, 20000);
      app_wait_until ((gboolean (*) (gpointer)) gtk_widget_get_visible, r.window, 20000);
      g_assert_cmpint (g_get_monotonic_time () - pressed, >=, G_USEC_PER_SEC);
    }
  g_settings_set_uint (app.settings, "capture-countdown", 0);
  g_assert_nonnull (find_label (GTK_WIDGET (r.window), "2 steps"));
  gtk_widget_activate_action (GTK_WIDGET (r.window), "recorder.stop", NULL);

  app_wait_until (editor_shows_steps, &app, 20000);
  tutorial = wm_editor_get_tutorial (wm_window_get_editor (app.window));
  g_assert_cmpstr (wm_tutorial_get_title (tutorial), ==, "Open the settings");
  first = g_list_model_get_item (wm_tutorial_get_steps (tutorial), 0);
  second = g_list_model_get_item (wm_tutorial_get_steps (tutorial), 1);
  g_assert_cmpint (wm_step_get_x (first), ==, -1);
  g_assert_cmpint (wm_step_get_x (second), >=, WM_TEST_DIALOG_X);
  g_assert_cmpint (wm_step_get_x (second), <, WM_TEST_DIALOG_X + WM_TEST_DIALOG_W);
  g_assert_cmpint (wm_step_get_y (second), >=, WM_TEST_DIALOG_Y);
  g_assert_cmpint (wm_step_get_y (second), <, WM_TEST_DIALOG_Y + WM_TEST_DIALOG_H);

  g_array_unref (r.visibility);
  app_fixture_tear_down (&app);
  g_remove (base);
  g_remove (dialog_screen);
  g_rmdir (tmp);
}

static gboolean
shows_no_screenshots (gpointer data)
{
  return find_label (data, "The desktop portal cannot take screenshots") != NULL;
}

/* A desktop with the portal but no screenshot backend: one line says what to install, no
 * controller appears, and no empty tutorial is left in the library. */
static void
test_no_screenshot_backend (void)
{
  AppFixture app = { 0 };
  const char *no_roles[] = { NULL };

  app_fixture_set_up (&app, FALSE);
  app_fixture_show (&app);
  g_assert_cmpuint (g_list_model_get_n_items (wm_window_get_library (app.window)), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (app.window), "win.start-recording", "(ss^as)",
                              "Nowhere to record", "orientation", no_roles);
  app_wait_until (shows_no_screenshots, app.window, 20000);
  g_assert_null (find_toplevel (WM_TYPE_RECORDER_WINDOW));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (app.window)));
  g_assert_cmpuint (wm_store_count_tutorials (app.store, NULL, NULL), ==, 0);
  app_fixture_tear_down (&app);
}

int
main (int    argc,
      char **argv)
{
  /* tests/wm-session-run asks for AT-SPI even with --no-atspi; on this second session bus
   * that activates a registry daemon that talks on our TAP output. Nothing here needs it. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  app_test_init (&argc, &argv);

  if (g_getenv ("WM_TEST_PORTAL_OUT") == NULL || g_getenv ("WAYMARK") == NULL)
    {
      g_test_skip ("run under tests/wm-session-run and tests/portal/wm-portal-run");
      return 77;
    }

  if (g_getenv ("WM_TEST_PORTAL_NO_BACKEND") != NULL)
    {
      g_test_add_func ("/portal/app/no-screenshot-backend", test_no_screenshot_backend);
      return g_test_run ();
    }

  g_test_add_func ("/portal/app/controller", test_controller);
  g_test_add_func ("/portal/app/place-hotspot", test_place_hotspot);
  g_test_add_func ("/portal/app/record-from-window", test_record_from_window);

  return g_test_run ();
}
