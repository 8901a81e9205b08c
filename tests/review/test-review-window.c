/* test-review-window.c — reviewing from the main window: the Review page's queue, the review
 * view with its pins, and back, through the window's and the view's actions
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "app-test-util.h"
#include "wm-review.h"

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

  return g_test_run ();
}
