/* test-model.c — the tutorial model without a store: names, roles, slugs, order, snapshots
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wm-image.h"
#include "wm-store.h"
#include "wm-tutorial.h"

static void
test_stage_names (void)
{
  WmStage stage;
  g_autofree char *valid = wm_stage_list_valid ();

  g_assert_cmpstr (wm_stage_to_string (WM_STAGE_REFRESHER), ==, "refresher-and-reinforcement");
  g_assert_true (wm_stage_from_string ("ramp-and-practice", &stage));
  g_assert_cmpint (stage, ==, WM_STAGE_RAMP_AND_PRACTICE);
  g_assert_true (wm_stage_from_string ("First Exposure", &stage));
  g_assert_cmpint (stage, ==, WM_STAGE_FIRST_EXPOSURE);
  g_assert_false (wm_stage_from_string ("expert", &stage));
  g_assert_false (wm_stage_from_string (NULL, &stage));
  g_assert_cmpstr (valid, ==, "first-exposure, orientation, ramp-and-practice, competency, "
                              "refresher-and-reinforcement");
  g_assert_cmpstr (wm_stage_get_question (WM_STAGE_COMPETENCY), ==,
                   "Stay close in case I need help");
}

static void
test_roles_normalized (void)
{
  g_autoptr(WmTutorial) t = wm_tutorial_new ("Roles");
  const char *roles[] = { " everyday user", "admin", "admin ", "", "  ", NULL };
  const char * const *got;

  wm_tutorial_set_roles (t, roles);
  got = wm_tutorial_get_roles (t);
  g_assert_cmpuint (g_strv_length ((GStrv) got), ==, 2);
  g_assert_cmpstr (got[0], ==, "admin");
  g_assert_cmpstr (got[1], ==, "everyday user");
  g_assert_true (wm_tutorial_has_role (t, "admin"));
  g_assert_false (wm_tutorial_has_role (t, "support"));
}

static void
test_slug (void)
{
  g_autofree char *a = wm_tutorial_make_slug ("Créer un rapport: Q3 / 2026!");
  g_autofree char *b = wm_tutorial_make_slug ("../../etc/passwd");
  g_autofree char *c = wm_tutorial_make_slug ("日本語");

  g_assert_cmpstr (a, ==, "creer-un-rapport-q3-2026");
  g_assert_cmpstr (b, ==, "etc-passwd");
  g_assert_cmpstr (c, !=, "");
  g_assert_null (strchr (c, '/'));
}

static WmStep *
step_named (const char *instruction)
{
  WmStep *s = wm_step_new (WM_STEP_CLICK);

  wm_step_set_generated_instruction (s, instruction);
  return s;
}

static const char *
instruction_at (WmTutorial *t,
                guint       i)
{
  WmStep *s = wm_tutorial_get_step (t, i);

  g_assert_cmpuint (wm_step_get_position (s), ==, i);
  return wm_step_get_instruction (s);
}

static void
test_step_order (void)
{
  g_autoptr(WmTutorial) t = wm_tutorial_new ("Order");

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("s%u", i);
      g_autoptr(WmStep) s = step_named (name);
      wm_tutorial_append_step (t, s);
    }

  wm_tutorial_move_step (t, 0, 3);
  g_assert_cmpstr (instruction_at (t, 0), ==, "s1");
  g_assert_cmpstr (instruction_at (t, 3), ==, "s0");
  wm_tutorial_remove_step (t, 1);
  g_assert_cmpstr (instruction_at (t, 1), ==, "s3");
  g_assert_cmpuint (wm_tutorial_get_n_steps (t), ==, 3);
}

static void
test_instruction_edited (void)
{
  g_autoptr(WmStep) s = wm_step_new (WM_STEP_CLICK);

  wm_step_set_generated_instruction (s, "Click in Text Editor");
  wm_step_set_incomplete (s, TRUE);
  g_assert_false (wm_step_get_instruction_edited (s));
  wm_step_set_instruction (s, "Save your work");
  g_assert_true (wm_step_get_instruction_edited (s));
  /* The author completed it. */
  g_assert_false (wm_step_get_incomplete (s));
  /* A late AT-SPI answer must not overwrite the author's words. */
  wm_step_set_generated_instruction (s, "Click the Save As button");
  g_assert_cmpstr (wm_step_get_instruction (s), ==, "Save your work");
}

static void
test_snapshot_roundtrip (void)
{
  g_autoptr(WmTutorial) t = wm_tutorial_new ("Snapshot");
  g_autoptr(WmStep) s = step_named ("Click **OK**");
  g_autoptr(WmAnnotation) a = wm_annotation_new (WM_ANNOTATION_REDACT, 1, 2, 30, 40, NULL);
  g_autoptr(WmAnnotation) c = wm_annotation_new (WM_ANNOTATION_CALLOUT, 5, 6, 7, 8, "Here");
  g_autoptr(GVariant) v = NULL;
  g_autoptr(WmTutorial) back = NULL;
  g_autoptr(GError) error = NULL;
  const char *roles[] = { "admin", NULL };
  WmStep *bs;

  wm_tutorial_set_roles (t, roles);
  wm_tutorial_set_stage (t, WM_STAGE_COMPETENCY);
  wm_tutorial_set_version (t, 3);
  wm_step_set_point (s, 120, 45);
  wm_step_set_notes (s, "Careful");
  wm_step_add_annotation (s, a);
  wm_step_add_annotation (s, c);
  wm_step_set_target (s, "OK", "push button", "Text Editor", NULL);
  wm_step_set_target_kind (s, WM_TARGET_BUTTON);
  wm_step_set_container (s, "Save dialog", WM_TARGET_LIST);
  wm_step_set_incomplete (s, TRUE);
  wm_tutorial_append_step (t, s);

  v = g_variant_ref_sink (wm_tutorial_serialize (t));
  back = wm_tutorial_deserialize (v, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (wm_tutorial_get_id (back), ==, wm_tutorial_get_id (t));
  g_assert_cmpint (wm_tutorial_get_stage (back), ==, WM_STAGE_COMPETENCY);
  g_assert_cmpuint (wm_tutorial_get_version (back), ==, 3);
  g_assert_true (wm_tutorial_has_role (back, "admin"));
  bs = wm_tutorial_get_step (back, 0);
  g_assert_cmpstr (wm_step_get_id (bs), ==, wm_step_get_id (s));
  g_assert_true (wm_step_content_equal (bs, s));
  g_assert_cmpuint (wm_step_get_annotations (bs)->len, ==, 2);
  g_assert_cmpstr (wm_step_get_target_name (bs), ==, "OK");
  g_assert_cmpint (wm_step_get_target_kind (bs), ==, WM_TARGET_BUTTON);
  g_assert_cmpstr (wm_step_get_container (bs), ==, "Save dialog");
  g_assert_cmpint (wm_step_get_container_kind (bs), ==, WM_TARGET_LIST);
  g_assert_true (wm_step_get_incomplete (bs));
}

/* The target is found in the sentence, not in the typed text before it, and markup in
 * names or typed text stays text. */
static void
test_target_markup (void)
{
  g_autoptr(WmStep) s = wm_step_new (WM_STEP_TYPE);
  g_autofree char *markup = NULL;
  g_autofree char *none = NULL;
  gsize start, end;

  wm_step_set_text (s, "<b>Name</b> & co");
  wm_step_set_target (s, "Name", "entry", "Forms", NULL);
  wm_step_set_generated_instruction (s, "Type “<b>Name</b> & co” in the Name field");
  g_assert_true (wm_step_get_target_span (s, &start, &end));
  markup = wm_step_get_instruction_markup (s);
  g_assert_cmpstr (markup, ==,
                   "Type “&lt;b&gt;Name&lt;/b&gt; &amp; co” in the <b>Name</b> field");

  wm_step_set_instruction (s, "Fill in the form");
  g_assert_false (wm_step_get_target_span (s, &start, &end));
  none = wm_step_get_instruction_markup (s);
  g_assert_cmpstr (none, ==, "Fill in the form");
}

static void
test_target_kinds (void)
{
  WmTargetKind kind;

  g_assert_cmpint (wm_target_kind_from_role ("push button"), ==, WM_TARGET_BUTTON);
  g_assert_cmpint (wm_target_kind_from_role ("password text"), ==, WM_TARGET_FIELD);
  g_assert_cmpint (wm_target_kind_from_role ("page tab"), ==, WM_TARGET_TAB);
  g_assert_cmpint (wm_target_kind_from_role ("label"), ==, WM_TARGET_NONE);
  g_assert_true (wm_target_kind_from_string ("menu-item", &kind));
  g_assert_cmpint (kind, ==, WM_TARGET_MENU_ITEM);
  g_assert_cmpstr (wm_target_kind_to_string (WM_TARGET_DROP_DOWN), ==, "drop-down");
}

static void
test_snapshot_rejects_garbage (void)
{
  g_autoptr(GVariant) wrong = g_variant_ref_sink (g_variant_new_string ("nope"));
  g_autoptr(GError) error = NULL;

  g_assert_null (wm_tutorial_deserialize (wrong, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID);
}

static void
test_png_size (void)
{
  static const guint8 png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
    0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x50,
    0x70, 0x48, 0xf8, 0x0f, 0x00, 0x03, 0x04, 0x01, 0xc0, 0x80, 0x28, 0x70, 0xda, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
  };
  guint w = 0, h = 0;

  g_assert_true (wm_png_read_size (png, sizeof png, &w, &h));
  g_assert_cmpuint (w, ==, 1);
  g_assert_cmpuint (h, ==, 1);
  /* Truncated: the IEND chunk is missing. */
  g_assert_false (wm_png_read_size (png, sizeof png - 12, &w, &h));
  g_assert_false (wm_png_read_size ((const guint8 *) "GIF89a", 6, &w, &h));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/model/stage-names", test_stage_names);
  g_test_add_func ("/data/model/roles-normalized", test_roles_normalized);
  g_test_add_func ("/data/model/slug", test_slug);
  g_test_add_func ("/data/model/step-order", test_step_order);
  g_test_add_func ("/data/model/instruction-edited", test_instruction_edited);
  g_test_add_func ("/data/model/snapshot-roundtrip", test_snapshot_roundtrip);
  g_test_add_func ("/data/model/snapshot-rejects-garbage", test_snapshot_rejects_garbage);
  g_test_add_func ("/data/model/target-markup", test_target_markup);
  g_test_add_func ("/data/model/target-kinds", test_target_kinds);
  g_test_add_func ("/data/model/png-size", test_png_size);

  return g_test_run ();
}
