/* test-diff.c — the diff between two versions tells added, removed, moved and changed steps
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wm-diff.h"
#include "wm-tutorial.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

static WmTutorial *
make_tutorial (guint n)
{
  WmTutorial *t = wm_tutorial_new ("Diff me");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmStep) s = wm_step_new (WM_STEP_CLICK);
      g_autofree char *text = g_strdup_printf ("Step %c", 'A' + i);

      wm_step_set_instruction (s, text);
      wm_step_set_image_sha256 (s, SHA_A);
      wm_tutorial_append_step (t, s);
    }
  wm_tutorial_set_steps_loaded (t, TRUE);

  return t;
}

static const char *
text_of (WmStep *s)
{
  return s ? wm_step_get_instruction (s) : NULL;
}

static void
test_identical (void)
{
  g_autoptr(WmTutorial) a = make_tutorial (5);
  g_autoptr(WmTutorial) b = wm_tutorial_copy (a);
  g_autoptr(WmDiff) diff = wm_diff_new (a, b);

  g_assert_true (wm_diff_is_empty (diff));
  g_assert_cmpuint (wm_diff_get_n_entries (diff), ==, 5);
}

static void
test_every_kind_of_change (void)
{
  g_autoptr(WmTutorial) a = make_tutorial (6);   /* A B C D E F */
  g_autoptr(WmTutorial) b = wm_tutorial_copy (a);
  g_autoptr(WmStep) added = wm_step_new (WM_STEP_NOTE);
  g_autoptr(WmDiff) diff = NULL;
  const WmDiffEntry *e;

  wm_tutorial_remove_step (b, 1);                                  /* A C D E F */
  wm_tutorial_move_step (b, 3, 0);                                 /* E A C D F */
  wm_step_set_instruction (wm_tutorial_get_step (b, 2), "Step C, clearer");
  wm_step_set_image_sha256 (wm_tutorial_get_step (b, 3), SHA_B);   /* D */
  wm_step_set_instruction (added, "A new note");
  wm_tutorial_insert_step (b, 5, added);                           /* E A C D F + */
  wm_tutorial_set_title (b, "Diffed");

  diff = wm_diff_new (a, b);
  g_assert_false (wm_diff_is_empty (diff));
  g_assert_cmpint (wm_diff_get_fields (diff), ==, WM_DIFF_FIELD_TITLE);
  g_assert_cmpuint (wm_diff_get_n_entries (diff), ==, 7);

  /* E moved to the front; A unchanged; B removed where it stood; C text; D screenshot. */
  e = wm_diff_get_entry (diff, 0);
  g_assert_cmpint (e->changes, ==, WM_DIFF_MOVED);
  g_assert_cmpstr (text_of (e->new_step), ==, "Step E");
  e = wm_diff_get_entry (diff, 1);
  g_assert_cmpint (e->changes, ==, WM_DIFF_UNCHANGED);
  g_assert_cmpstr (text_of (e->new_step), ==, "Step A");
  e = wm_diff_get_entry (diff, 2);
  g_assert_cmpint (e->changes, ==, WM_DIFF_REMOVED);
  g_assert_cmpstr (text_of (e->old_step), ==, "Step B");
  g_assert_null (e->new_step);
  e = wm_diff_get_entry (diff, 3);
  g_assert_cmpint (e->changes, ==, WM_DIFF_TEXT_CHANGED);
  g_assert_cmpstr (text_of (e->old_step), ==, "Step C");
  g_assert_cmpstr (text_of (e->new_step), ==, "Step C, clearer");
  e = wm_diff_get_entry (diff, 4);
  g_assert_cmpint (e->changes, ==, WM_DIFF_SCREENSHOT_CHANGED);
  e = wm_diff_get_entry (diff, 5);
  g_assert_cmpint (e->changes, ==, WM_DIFF_UNCHANGED);
  g_assert_cmpstr (text_of (e->new_step), ==, "Step F");
  e = wm_diff_get_entry (diff, 6);
  g_assert_cmpint (e->changes, ==, WM_DIFF_ADDED);
  g_assert_null (e->old_step);
  g_assert_cmpuint (wm_diff_count_changes (diff), ==, 5);
}

static void
test_annotations_and_action (void)
{
  g_autoptr(WmTutorial) a = make_tutorial (2);
  g_autoptr(WmTutorial) b = wm_tutorial_copy (a);
  g_autoptr(WmAnnotation) box = wm_annotation_new (WM_ANNOTATION_BOX, 1, 2, 30, 40, NULL);
  g_autoptr(WmDiff) diff = NULL;

  wm_step_add_annotation (wm_tutorial_get_step (b, 0), box);
  wm_step_set_point (wm_tutorial_get_step (b, 1), 100, 200);
  diff = wm_diff_new (a, b);

  g_assert_cmpint (wm_diff_get_entry (diff, 0)->changes, ==, WM_DIFF_ANNOTATIONS_CHANGED);
  g_assert_cmpint (wm_diff_get_entry (diff, 1)->changes, ==, WM_DIFF_ACTION_CHANGED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/diff/identical", test_identical);
  g_test_add_func ("/review/diff/every-kind-of-change", test_every_kind_of_change);
  g_test_add_func ("/review/diff/annotations-and-action", test_annotations_and_action);

  return g_test_run ();
}
