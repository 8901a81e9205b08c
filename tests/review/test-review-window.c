/* test-review-window.c — reviewing from the main window: the Review page's queue, the review
 * view with its pins, and back, through the window's and the view's actions
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "capture-test.h"
#include "wm-editor.h"
#include "wm-recorder-window.h"
#include "wm-review.h"
#include "wm-site-publisher.h"
#include "wm-test.h"

static void
test_review_from_window (AppFixture    *f,
                         gconstpointer  data)
{
  const WmIdentity alice = { "Alice Author", "alice@example.org" };
  g_autoptr(WmTutorial) t = app_make_tutorial (f->store, "Review me", WM_STAGE_ORIENTATION,
                                               "admin", 4);
  g_autoptr(WmTutorial) after = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GdkTexture) shot = NULL;
  g_autoptr(GError) error = NULL;
  WmReviewView *view;
  GPtrArray *pins;

  g_assert_true (wm_review_submit (f->store, wm_tutorial_get_id (t), &alice, "Ready", &error));
  g_assert_no_error (error);
  g_settings_set_string (f->settings, "author-name", "Rita Reviewer");
  g_settings_set_string (f->settings, "author-email", "rita@example.org");
  app_fixture_show (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.review-tutorial", "s",
                                             wm_tutorial_get_id (t)));
  app_spin (800);   /* past the page transition */
  g_assert_cmpstr (wm_window_get_visible_page (f->window), ==, "review-tutorial");
  shot = app_render (GTK_WIDGET (f->window));
  app_save_screenshot (shot, "review-view.png");

  view = wm_window_get_review_view (f->window);
  wm_review_view_set_step_comment (view, 2, "Point at the Export button");
  wm_review_view_set_comment (view, "One fix, then it is good");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "review.request-changes", NULL));
  g_assert_null (wm_review_view_get_error (view));

  after = wm_store_load_tutorial (f->store, wm_tutorial_get_id (t), FALSE, &error);
  g_assert_cmpint (wm_tutorial_get_status (after), ==, WM_STATUS_CHANGES_REQUESTED);
  history = wm_review_list_history (f->store, wm_tutorial_get_id (t), &error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (wm_history_event_get_who (g_ptr_array_index (history, 1)), ==, "Rita Reviewer");
  g_assert_cmpstr (wm_history_event_get_email (g_ptr_array_index (history, 1)), ==,
                   "rita@example.org");
  pins = wm_history_event_get_step_comments (g_ptr_array_index (history, 1));
  g_assert_cmpuint (pins->len, ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-review-queue",
                                             NULL));
  app_spin (100);
  g_assert_cmpstr (wm_window_get_visible_page (f->window), ==, "review");
}

/* Who the app says is acting: the preferences (there is no login). */
static void
act_as (AppFixture *f,
        const char *name,
        const char *email)
{
  g_settings_set_string (f->settings, "author-name", name);
  g_settings_set_string (f->settings, "author-email", email);
}

static void
activate (gpointer    widget,
          const char *action,
          const char *format,
          ...)
{
  g_autoptr(GVariant) param = NULL;
  va_list args;

  if (format != NULL)
    {
      va_start (args, format);
      param = g_variant_ref_sink (g_variant_new_va (format, NULL, &args));
      va_end (args);
    }
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (widget), action, param));
  app_spin (50);
}

static gboolean
idle_queue_and_view (gpointer data)
{
  WmWindow *window = data;

  return !wm_review_view_is_busy (wm_window_get_review_view (window)) &&
         !wm_review_queue_is_busy (wm_window_get_review_queue (window));
}

static WmStatus
status_of (AppFixture *f,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_store_load_tutorial (f->store, id, FALSE, &error);

  g_assert_no_error (error);
  return wm_tutorial_get_status (t);
}

/* The author records three clicks on the fixture app through the app's recorder (real X11
 * capture, AT-SPI names) and lands in the editor on the new tutorial; returns its id. */
static char *
record_three_steps (AppFixture *f)
{
  TestFixture *app = test_fixture_start ();
  const char *clicks[] = { "save", "colour", "save" };
  g_autoptr(WmTutorial) recorded = NULL;
  g_autofree char *id = NULL;
  GtkWindow *controller;
  g_autoptr(GError) error = NULL;
  int x, y;

  controller = app_start_recording (f, "Export a monthly report", "orientation", "admin");
  g_assert_cmpstr (wm_recorder_window_get_backend_name (WM_RECORDER_WINDOW (controller)), ==,
                   "x11");
  /* Without a window manager it maps at the origin: move it off the fixture's controls. */
  test_xdotool ("search", "--name", "^Recording$", "windowmove", "900", "560", NULL);
  app_spin (300);
  for (guint i = 0; i < G_N_ELEMENTS (clicks); i++)
    {
      test_fixture_centre (app, clicks[i], &x, &y);
      test_click (x, y, 1);
      app_wait_recorded_steps (f, i + 1, 15000);
    }
  app_stop_recording (f);
  test_fixture_stop (app);

  id = g_strdup (wm_editor_get_tutorial_id (wm_window_get_editor (f->window)));
  recorded = wm_store_load_tutorial (f->store, id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_tutorial_get_title (recorded), ==, "Export a monthly report");
  g_assert_cmpint (wm_tutorial_get_status (recorded), ==, WM_STATUS_DRAFT);
  g_assert_cmpuint (g_list_model_get_n_items (wm_tutorial_get_steps (recorded)), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_nonnull (wm_step_get_image_sha256 (wm_tutorial_get_step (recorded, i)));
  /* AT-SPI named what was clicked. */
  g_assert_nonnull (strstr (wm_step_get_instruction (wm_tutorial_get_step (recorded, 1)),
                            "Colour"));

  return g_steal_pointer (&id);
}

/* The whole cycle as two people do it in the app: the author records and submits from the editor, the
 * reviewer pins a comment to step 3 and requests changes, the author sees it on step 3,
 * fixes the step and resubmits, the reviewer approves; publishing shows the fix. */

/* The bundle `submit --to` left in @shared's inbox: "<id>-v1-<16 hex>.waymark", a name no
 * one can plant a link at beforehand. */
static char *
find_inbox_bundle (const char *shared,
                   const char *id)
{
  g_autofree char *inbox = g_build_filename (shared, "inbox", NULL);
  g_autofree char *prefix = g_strconcat (id, "-v1-", NULL);
  g_autoptr(GDir) dir = g_dir_open (inbox, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".waymark") &&
        strlen (name) == strlen (prefix) + 16 + strlen (".waymark"))
      return g_build_filename (inbox, name, NULL);

  return NULL;
}

static void
test_whole_cycle_in_app (AppFixture    *f,
                         gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *site_path = g_build_filename (f->dir, "site", NULL);
  g_autofree char *page_path = g_build_filename (site_path, "t", "export-a-monthly-report",
                                                 "tutorial.json", NULL);
  g_autofree char *page = NULL;
  g_autofree char *shared = g_build_filename (f->dir, "shared", NULL);
  g_autofree char *sent = NULL;
  g_autoptr(GFile) site = g_file_new_for_path (site_path);
  g_autoptr(WmSitePublisher) publisher = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GdkTexture) shot = NULL;
  g_autoptr(GError) error = NULL;
  WmReviewView *view;
  WmHistoryEvent *ev;

  g_assert_true (wm_store_set_setting (f->store, WM_REVIEW_DISTINCT_APPROVER, "true", &error));
  act_as (f, "Alice Author", "alice@example.org");
  g_assert_cmpint (g_mkdir (shared, 0700), ==, 0);
  g_settings_set_string (f->settings, "shared-library", shared);
  app_fixture_show (f);
  view = wm_window_get_review_view (f->window);

  /* Alice records the tutorial in the app; the editor opens on it. */
  id = record_three_steps (f);

  /* Alice, in the editor, opens Review and submits with a message. */
  activate (f->window, "win.open-tutorial", "s", id);
  g_assert_cmpstr (wm_window_get_visible_page (f->window), ==, "editor");
  activate (f->window, "win.review-current", NULL);
  app_spin (400);
  g_assert_cmpstr (wm_window_get_visible_page (f->window), ==, "review-tutorial");
  wm_review_view_set_comment (view, "Ready for a first look");
  activate (view, "review.submit", NULL);
  g_assert_null (wm_review_view_get_error (view));
  g_assert_cmpint (status_of (f, id), ==, WM_STATUS_IN_REVIEW);

  /* With a shared library set, the submit also dropped a bundle into its inbox, and the
   * Review page lists it (as already in this library). */
  app_wait_until (idle_queue_and_view, f->window, 30000);
  g_assert_null (wm_review_view_get_error (view));
  sent = find_inbox_bundle (shared, id);
  g_assert_nonnull (sent);
  g_assert_true (g_file_test (sent, G_FILE_TEST_IS_REGULAR));
  activate (f->window, "win.show-review-queue", NULL);
  app_wait_until (idle_queue_and_view, f->window, 30000);
  g_assert_cmpuint (wm_review_queue_get_n_items (wm_window_get_review_queue (f->window)), ==, 1);
  g_assert_cmpuint (wm_review_queue_get_n_inbox_items (wm_window_get_review_queue (f->window)),
                    ==, 1);
  app_spin (300);
  g_clear_object (&shot);
  shot = app_render (GTK_WIDGET (f->window));
  app_save_screenshot (shot, "review-queue-inbox.png");
  g_settings_set_string (f->settings, "shared-library", "");

  /* Rita finds it in the queue, pins a comment to step 3 and requests changes. */
  act_as (f, "Rita Reviewer", "rita@example.org");
  activate (f->window, "win.show-review-queue", NULL);
  activate (f->window, "win.review-tutorial", "s", id);
  g_assert_cmpstr (wm_review_view_get_feedback (view), ==,
                   "Alice Author <alice@example.org> submitted: “Ready for a first look”");
  wm_review_view_set_step_comment (view, 2, "This clicks Print, not Export");
  wm_review_view_set_comment (view, "Nearly there");
  activate (view, "review.request-changes", NULL);
  g_assert_null (wm_review_view_get_error (view));
  g_assert_cmpint (status_of (f, id), ==, WM_STATUS_CHANGES_REQUESTED);

  /* Alice sees what Rita said, on step 3, fixes that step in the editor and resubmits. */
  act_as (f, "Alice Author", "alice@example.org");
  activate (f->window, "win.review-tutorial", "s", id);
  g_assert_cmpstr (wm_review_view_get_feedback (view), ==,
                   "Rita Reviewer <rita@example.org> requested changes: “Nearly there”");
  g_assert_cmpstr (wm_review_view_get_step_feedback (view, 2), ==,
                   "Rita Reviewer <rita@example.org>: “This clicks Print, not Export”");
  g_assert_null (wm_review_view_get_step_feedback (view, 1));
  app_spin (300);
  g_clear_object (&shot);
  shot = app_render (GTK_WIDGET (f->window));
  app_save_screenshot (shot, "review-changes-requested.png");

  activate (f->window, "win.open-tutorial", "s", id);
  activate (wm_window_get_editor (f->window), "editor.select-step", "u", 2);
  activate (wm_window_get_editor (f->window), "editor.set-instruction", "s",
            "Click Export, not Print");
  activate (f->window, "win.review-current", NULL);
  g_assert_cmpint (status_of (f, id), ==, WM_STATUS_DRAFT);
  wm_review_view_set_comment (view, "Fixed step 3");
  activate (view, "review.submit", NULL);
  g_assert_cmpint (status_of (f, id), ==, WM_STATUS_IN_REVIEW);

  /* Alice may not approve her own work here; Rita does. */
  activate (view, "review.approve", NULL);
  g_assert_nonnull (strstr (wm_review_view_get_error (view), "someone other than the author"));
  g_assert_cmpint (status_of (f, id), ==, WM_STATUS_IN_REVIEW);
  act_as (f, "Rita Reviewer", "rita@example.org");
  activate (f->window, "win.review-tutorial", "s", id);
  /* Rita's earlier comment stays on step 3, beside the fix. */
  g_assert_nonnull (wm_review_view_get_step_feedback (view, 2));
  activate (view, "review.approve", NULL);
  g_assert_null (wm_review_view_get_error (view));
  g_assert_cmpint (status_of (f, id), ==, WM_STATUS_APPROVED);

  history = wm_review_list_history (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 5);
  ev = g_ptr_array_index (history, 3);
  g_assert_cmpstr (wm_history_event_get_who (ev), ==, "Alice Author");
  g_assert_cmpstr (wm_history_event_get_message (ev), ==, "Fixed step 3");
  ev = g_ptr_array_index (history, 4);
  g_assert_cmpstr (wm_history_event_get_email (ev), ==, "rita@example.org");
  g_assert_cmpint (wm_history_event_get_to_status (ev), ==, WM_STATUS_APPROVED);
  g_assert_cmpuint (wm_history_event_get_version (ev), ==, 2);

  /* Publishing shows the approved version, with the fix. */
  publisher = wm_site_publisher_new (f->store, site);
  g_assert_true (wm_site_publisher_publish (publisher, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (page_path, &page, NULL, NULL));
  g_assert_nonnull (strstr (page, "Click Export, not Print"));
  wm_test_remove_dir (site_path);
  wm_test_remove_dir (shared);
}

static void
set_up (AppFixture    *f,
        gconstpointer  data)
{
  app_fixture_set_up (f, FALSE);
}

static void
tear_down (AppFixture    *f,
           gconstpointer  data)
{
  app_fixture_tear_down (f);
}

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);

  g_test_add ("/review/window/review-from-window", AppFixture, NULL, set_up,
              test_review_from_window, tear_down);
  g_test_add ("/review/window/whole-cycle-in-app", AppFixture, NULL, set_up,
              test_whole_cycle_in_app, tear_down);

  return g_test_run ();
}
