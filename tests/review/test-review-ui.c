/* test-review-ui.c — the review queue, the review view and the history, driven through
 * their actions as a reviewer's clicks would, on a real display (tests/wm-session-run)
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include <glib/gstdio.h>

#include "review-fixture.h"
#include "wm-application.h"
#include "wm-bundle.h"
#include "wm-history-view.h"
#include "wm-review-queue.h"
#include "wm-review-view.h"
#include "wm-review.h"

typedef struct {
  Fixture    base;
  WmStore   *store;
  char      *id;
  GtkWidget *window;
} Ui;

static const WmIdentity alice = { "Alice Author", "alice@example.org" };

static void
ui_setup (Ui           *ui,
          gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_tutorial_new ("Export a monthly report");
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);

  fixture_setup (&ui->base, data);
  ui->store = wm_store_open (ui->base.library, &error);
  g_assert_no_error (error);

  wm_tutorial_set_author (t, alice.name);
  wm_tutorial_set_steps_loaded (t, TRUE);
  g_assert_true (wm_store_save_tutorial (ui->store, t, &error));
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GBytes) png = fixture_make_png (i, 480, 270);
      WmStep *step = wm_step_new (WM_STEP_CLICK);
      g_autofree char *text = g_strdup_printf ("Click button %u", i + 1);

      wm_step_set_instruction (step, text);
      g_ptr_array_add (steps, step);
      g_ptr_array_add (images, wm_image_new_from_png (png, &error));
    }
  g_assert_true (wm_store_append_steps (ui->store, wm_tutorial_get_id (t), steps, images, &error));
  g_assert_true (wm_review_submit (ui->store, wm_tutorial_get_id (t), &alice, "Please look",
                                   &error));
  g_assert_no_error (error);
  ui->id = g_strdup (wm_tutorial_get_id (t));

  ui->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (ui->window), 1100, 760);
}

static void
ui_teardown (Ui           *ui,
             gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (ui->window));
  g_clear_object (&ui->store);
  g_free (ui->id);
  fixture_teardown (&ui->base, data);
}

/* Lets GTK lay out and draw what the window shows now. */
static void
show (Ui        *ui,
      GtkWidget *child)
{
  /* Setting the same child again would drop the window's reference to it first. */
  if (gtk_window_get_child (GTK_WINDOW (ui->window)) != child)
    gtk_window_set_child (GTK_WINDOW (ui->window), child);
  gtk_window_present (GTK_WINDOW (ui->window));
  for (guint i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE));
}

static WmTutorial *
load (Ui *ui)
{
  g_autoptr(GError) error = NULL;
  WmTutorial *t = wm_store_load_tutorial (ui->store, ui->id, TRUE, &error);

  g_assert_no_error (error);
  return t;
}

static void
on_open (WmReviewQueue *queue,
         const char    *id,
         char         **opened)
{
  g_free (*opened);
  *opened = g_strdup (id);
}

static void
test_queue (Ui           *ui,
            gconstpointer data)
{
  GtkWidget *queue = wm_review_queue_new (ui->store);
  g_autofree char *opened = NULL;

  g_signal_connect (queue, "open-tutorial", G_CALLBACK (on_open), &opened);
  show (ui, queue);
  g_assert_cmpuint (wm_review_queue_get_n_items (WM_REVIEW_QUEUE (queue)), ==, 1);

  g_assert_true (gtk_widget_activate_action (queue, "review-queue.open", "s", ui->id));
  g_assert_cmpstr (opened, ==, ui->id);

  /* The library's rule, switched from the Review page: the author may not approve. */
  g_assert_true (gtk_widget_activate_action (queue, "review-queue.distinct-approver", NULL));
  {
    g_autofree char *rule = wm_store_get_setting (ui->store, WM_REVIEW_DISTINCT_APPROVER);
    g_autoptr(GError) error = NULL;

    g_assert_cmpstr (rule, ==, "true");
    g_assert_false (wm_review_approve (ui->store, ui->id, &alice, NULL, &error));
    g_assert_nonnull (strstr (error->message, "someone other than the author"));
  }

  /* Once decided, it leaves the queue. */
  g_assert_true (wm_review_approve (ui->store, ui->id, &(WmIdentity) { "Bob", NULL }, NULL, NULL));
  g_assert_true (gtk_widget_activate_action (queue, "review-queue.refresh", NULL));
  g_assert_cmpuint (wm_review_queue_get_n_items (WM_REVIEW_QUEUE (queue)), ==, 0);
}

static void
test_review_cycle (Ui           *ui,
                   gconstpointer data)
{
  GtkWidget *view = wm_review_view_new (ui->store);
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GPtrArray) history = NULL;
  GPtrArray *pins;

  wm_review_view_set_reviewer (WM_REVIEW_VIEW (view), "Bob Reviewer", "bob@example.org");
  wm_review_view_set_tutorial_id (WM_REVIEW_VIEW (view), ui->id);
  show (ui, view);

  /* Requesting changes without saying what is refused, and nothing changes. */
  wm_review_view_set_step_comment (WM_REVIEW_VIEW (view), 2, "This is the wrong button");
  g_assert_true (gtk_widget_activate_action (view, "review.request-changes", NULL));
  g_assert_nonnull (strstr (wm_review_view_get_error (WM_REVIEW_VIEW (view)), "needs a comment"));
  t = load (ui);
  g_assert_cmpint (wm_tutorial_get_status (t), ==, WM_STATUS_IN_REVIEW);
  g_clear_object (&t);

  wm_review_view_set_comment (WM_REVIEW_VIEW (view), "Nearly there");
  g_assert_true (gtk_widget_activate_action (view, "review.request-changes", NULL));
  g_assert_null (wm_review_view_get_error (WM_REVIEW_VIEW (view)));
  t = load (ui);
  g_assert_cmpint (wm_tutorial_get_status (t), ==, WM_STATUS_CHANGES_REQUESTED);

  history = wm_review_list_history (ui->store, ui->id, NULL);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (wm_history_event_get_who (g_ptr_array_index (history, 1)), ==, "Bob Reviewer");
  pins = wm_history_event_get_step_comments (g_ptr_array_index (history, 1));
  g_assert_cmpuint (pins->len, ==, 1);
  g_assert_cmpuint (((WmStepComment *) g_ptr_array_index (pins, 0))->position, ==, 2);

  /* The author fixes step 3 and resubmits; the reviewer approves from the view. */
  wm_step_set_instruction (wm_tutorial_get_step (t, 2), "Click Export");
  g_assert_true (wm_store_save_tutorial (ui->store, t, NULL));
  g_assert_true (wm_review_submit (ui->store, ui->id, &alice, "Fixed", NULL));
  wm_review_view_set_tutorial_id (WM_REVIEW_VIEW (view), ui->id);
  show (ui, view);
  g_assert_true (gtk_widget_activate_action (view, "review.approve", NULL));
  g_clear_object (&t);
  t = load (ui);
  g_assert_cmpint (wm_tutorial_get_status (t), ==, WM_STATUS_APPROVED);
  g_assert_cmpuint (wm_tutorial_get_approved_version (t), ==, 2);
}

static void
find_pictures (GtkWidget *widget,
               GPtrArray *found)
{
  if (GTK_IS_PICTURE (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    find_pictures (c, found);
}

static gboolean
all_shown (GPtrArray *pictures)
{
  for (guint i = 0; i < pictures->len; i++)
    if (gtk_picture_get_paintable (g_ptr_array_index (pictures, i)) == NULL)
      return FALSE;
  return TRUE;
}

/* Each step's screenshot arrives decoded at the size it is shown (240 wide), never whole. */
static void
test_pictures (Ui           *ui,
               gconstpointer data)
{
  GtkWidget *view = wm_review_view_new (ui->store);
  g_autoptr(GPtrArray) pictures = g_ptr_array_new ();
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  wm_review_view_set_tutorial_id (WM_REVIEW_VIEW (view), ui->id);
  show (ui, view);
  find_pictures (view, pictures);
  g_assert_cmpuint (pictures->len, ==, 4);
  while (!all_shown (pictures))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  for (guint i = 0; i < pictures->len; i++)
    {
      GdkTexture *texture = GDK_TEXTURE (gtk_picture_get_paintable (pictures->pdata[i]));
      int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
      g_autofree guint32 *pixels = g_new (guint32, (gsize) w * h);
      guint8 green;

      g_assert_cmpint (w, ==, 240);
      g_assert_cmpint (h, ==, 135);
      /* The fixture's screens have a title bar of green 220 across the top tenth. */
      gdk_texture_download (texture, (guchar *) pixels, (gsize) w * 4);
      green = (pixels[2 * w + w / 2] >> 8) & 0xff;
      g_assert_cmpint (ABS ((int) green - 220), <=, 4);
    }
}

static void
test_history_and_diff (Ui           *ui,
                       gconstpointer data)
{
  GtkWidget *history = wm_history_view_new (ui->store);
  g_autoptr(WmTutorial) t = load (ui);
  WmDiff *diff;

  g_assert_true (wm_review_request_changes (ui->store, ui->id, &(WmIdentity) { "Bob", NULL },
                                            "Step 2 is unclear", NULL, NULL));
  g_autoptr(GBytes) png = fixture_make_png (9, 640, 360);
  g_autoptr(WmImage) image = wm_image_new_from_png (png, NULL);
  g_autofree char *shown = NULL;

  wm_step_set_instruction (wm_tutorial_get_step (t, 1), "Open the Reports menu");
  g_assert_true (wm_store_add_image (ui->store, image, NULL));
  wm_step_set_image_sha256 (wm_tutorial_get_step (t, 0), wm_image_get_sha256 (image));
  wm_tutorial_move_step (t, 3, 0);
  g_assert_true (wm_store_save_tutorial (ui->store, t, NULL));

  wm_history_view_set_tutorial_id (WM_HISTORY_VIEW (history), ui->id);
  show (ui, history);
  g_assert_cmpuint (wm_history_view_get_n_events (WM_HISTORY_VIEW (history)), ==, 3);

  /* By default the new version beside the one changes were requested on. */
  diff = wm_history_view_get_diff (WM_HISTORY_VIEW (history));
  g_assert_nonnull (diff);
  g_assert_cmpuint (wm_diff_count_changes (diff), ==, 3);
  g_assert_cmpint (wm_diff_get_entry (diff, 0)->changes, ==, WM_DIFF_MOVED);
  g_assert_cmpint (wm_diff_get_entry (diff, 1)->changes, ==, WM_DIFF_SCREENSHOT_CHANGED);
  g_assert_cmpint (wm_diff_get_entry (diff, 2)->changes, ==, WM_DIFF_TEXT_CHANGED);

  /* What the page shows: each changed step, the old one beside the new one. */
  shown = wm_history_view_dup_comparison_text (WM_HISTORY_VIEW (history));
  g_test_message ("%s", shown);
  g_assert_true (g_str_has_prefix (shown, "Version 1 and version 2\n"));
  g_assert_nonnull (strstr (shown, "Moved\n[480×270]\nClick button 4\n"
                                   "[480×270]\nClick button 4\n"));
  g_assert_nonnull (strstr (shown, "Screenshot changed\n[480×270]\nClick button 1\n"
                                   "[640×360]\nClick button 1\n"));
  g_assert_nonnull (strstr (shown, "Text changed\n[480×270]\nClick button 2\n"
                                   "[480×270]\nOpen the Reports menu\n"));
  g_assert_null (strstr (shown, "Click button 3"));

  g_assert_true (gtk_widget_activate_action (history, "review-history.compare", "(uu)", 2, 1));
  diff = wm_history_view_get_diff (WM_HISTORY_VIEW (history));
  g_assert_cmpuint (wm_tutorial_get_version (wm_diff_get_old (diff)), ==, 2);
  g_assert_cmpuint (wm_diff_count_changes (diff), ==, 3);
}

static void
wait_idle (WmReviewQueue *queue)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (wm_review_queue_is_busy (queue))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  for (guint i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE));
}

/* Alice's tutorial arrives in a shared library's inbox; Rita's app lists it beside a bundle
 * it refuses, imports the good one (every screenshot byte-identical) and opens it. */
static void
test_inbox_import (Ui           *ui,
                   gconstpointer data)
{
  g_autofree char *shared_path = g_build_filename (ui->base.dir, "shared", NULL);
  g_autofree char *rita_path = g_build_filename (ui->base.dir, "rita.db", NULL);
  g_autofree char *junk = g_build_filename (shared_path, "inbox", "junk.waymark", NULL);
  g_autofree char *before = NULL, *after = NULL, *opened = NULL, *junk_uri = NULL;
  g_autoptr(GFile) shared = g_file_new_for_path (shared_path);
  g_autoptr(GFile) sent = NULL;
  g_autoptr(WmStore) rita = NULL;
  g_autoptr(WmTutorial) theirs = load (ui), ours = NULL;
  g_autoptr(GError) error = NULL;
  WmReviewQueue *queue;
  GtkWidget *widget;

  g_assert_cmpint (g_mkdir (shared_path, 0700), ==, 0);
  sent = wm_bundle_send (ui->store, ui->id, shared, &alice, "For the team", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (junk, "<html>not a bundle</html>", -1, NULL));

  rita = wm_store_open (rita_path, &error);
  g_assert_no_error (error);
  widget = wm_review_queue_new (rita);
  queue = WM_REVIEW_QUEUE (widget);
  g_signal_connect (queue, "open-tutorial", G_CALLBACK (on_open), &opened);
  wm_review_queue_set_inbox_location (queue, shared_path);
  show (ui, widget);
  wait_idle (queue);
  g_assert_cmpuint (wm_review_queue_get_n_items (queue), ==, 0);
  g_assert_cmpuint (wm_review_queue_get_n_inbox_items (queue), ==, 2);
  g_assert_null (wm_review_queue_get_error (queue));

  /* The refused one: one line, and Rita's library as it was. */
  before = fixture_library_digest (rita_path);
  junk_uri = g_filename_to_uri (junk, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (widget, "review-queue.import", "s", junk_uri));
  wait_idle (queue);
  g_assert_nonnull (strstr (wm_review_queue_get_error (queue), "not an SQLite database"));
  g_assert_null (strchr (wm_review_queue_get_error (queue), '\n'));
  after = fixture_library_digest (rita_path);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (opened);

  /* The good one arrives in review, from Alice, and opens. */
  g_assert_true (gtk_widget_activate_action_variant (widget, "review-queue.import",
                                                     g_variant_new_take_string (
                                                       g_file_get_uri (sent))));
  wait_idle (queue);
  g_assert_null (wm_review_queue_get_error (queue));
  g_assert_cmpstr (opened, ==, ui->id);
  g_assert_cmpuint (wm_review_queue_get_n_items (queue), ==, 1);
  ours = wm_store_load_tutorial (rita, ui->id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_tutorial_get_status (ours), ==, WM_STATUS_IN_REVIEW);
  g_assert_cmpstr (wm_tutorial_get_contributor (ours), ==, "Alice Author <alice@example.org>");
  g_assert_cmpuint (wm_tutorial_get_n_steps (ours), ==, wm_tutorial_get_n_steps (theirs));
  for (guint i = 0; i < wm_tutorial_get_n_steps (ours); i++)
    {
      const char *sha = wm_step_get_image_sha256 (wm_tutorial_get_step (theirs, i));
      g_autoptr(WmImage) a = wm_store_load_image (ui->store, sha, &error);
      g_autoptr(WmImage) b = wm_store_load_image (rita, sha, &error);

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (wm_image_get_png (a), wm_image_get_png (b)));
    }

  /* Listed again, it says it is here now. */
  wm_review_queue_reload (queue);
  wait_idle (queue);
  g_assert_cmpuint (wm_review_queue_get_n_inbox_items (queue), ==, 2);
  gtk_window_set_child (GTK_WINDOW (ui->window), NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wm_application_choose_renderer ();   /* GL as the app has it (see app-test-util.c) */
  gtk_init ();
  adw_init ();

#define ADD(path, func) g_test_add (path, Ui, NULL, ui_setup, func, ui_teardown)
  ADD ("/review/ui/queue", test_queue);
  ADD ("/review/ui/review-cycle", test_review_cycle);
  ADD ("/review/ui/pictures", test_pictures);
  ADD ("/review/ui/history-and-diff", test_history_and_diff);
  ADD ("/review/ui/inbox-import", test_inbox_import);
#undef ADD

  return g_test_run ();
}
