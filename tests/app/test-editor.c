/* test-editor.c — the editor driven through its actions: reorder, edit text, redact, crop,
 * step operations, undo/redo, tagging; checked against the store and the drawn pixels
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "app-test-util.h"
#include <gdk/x11/gdkx.h>

#include "wm-editor.h"
#include "wm-editor-private.h"
#include "wm-export-pixels.h"
#include "wm-html-exporter.h"
#include "wm-marks.h"
#include "wm-review.h"
#include "wm-sample.h"

typedef struct {
  AppFixture  app;
  WmTutorial *tutorial;
  WmEditor   *editor;
  char       *id;
} EditorFixture;

static gboolean
canvas_ready (gpointer data)
{
  return wm_editor_is_canvas_ready (data);
}

static void
editor_set_up (EditorFixture *f,
               gconstpointer  data)
{
  app_fixture_set_up (&f->app, FALSE);
  f->tutorial = app_make_tutorial (f->app.store, "Send your first invoice",
                                   WM_STAGE_ORIENTATION, "everyday user", 3);
  f->id = g_strdup (wm_tutorial_get_id (f->tutorial));
  app_fixture_show (&f->app);
  g_assert_true (wm_window_open_tutorial (f->app.window, f->id));
  f->editor = wm_window_get_editor (f->app.window);
  app_wait_until (canvas_ready, f->editor, 5000);
  app_spin (100);
}

static void
editor_tear_down (EditorFixture *f,
                  gconstpointer  data)
{
  g_clear_object (&f->tutorial);
  g_clear_pointer (&f->id, g_free);
  app_fixture_tear_down (&f->app);
}

static void
act (EditorFixture *f,
     const char    *action,
     GVariant      *param)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->editor), action, param));
  app_spin (20);
}

/* The tutorial as the store has it now. */
static WmTutorial *
stored (EditorFixture *f)
{
  g_autoptr(GError) error = NULL;
  WmTutorial *t = wm_store_load_tutorial (f->app.store, f->id, TRUE, &error);

  g_assert_no_error (error);
  return t;
}

static guint
stored_n_steps (EditorFixture *f)
{
  g_autoptr(WmTutorial) t = stored (f);

  return g_list_model_get_n_items (wm_tutorial_get_steps (t));
}

static const char *
step_id (WmTutorial *t,
         guint       i)
{
  return wm_step_get_id (wm_tutorial_get_step (t, i));
}

static void
test_reorder (EditorFixture *f,
              gconstpointer  data)
{
  g_autoptr(WmTutorial) before = stored (f);
  g_autoptr(WmTutorial) after = NULL;
  g_autoptr(WmTutorial) undone = NULL;
  g_autofree char *first = g_strdup (step_id (before, 0));
  g_autofree char *second = g_strdup (step_id (before, 1));

  /* Drag the first step to the end: what a drop on the last row activates. */
  act (f, "editor.move-step", g_variant_new ("(uu)", 0, 2));
  after = stored (f);
  g_assert_cmpstr (step_id (after, 2), ==, first);
  g_assert_cmpstr (step_id (after, 0), ==, second);
  g_assert_cmpuint (wm_step_get_position (wm_tutorial_get_step (after, 2)), ==, 2);
  g_assert_cmpuint (wm_editor_get_selected (f->editor), ==, 2);

  /* Keyboard: Alt+Shift+Up moves the selected step back up. */
  act (f, "editor.move-step-up", NULL);
  g_clear_object (&after);
  after = stored (f);
  g_assert_cmpstr (step_id (after, 1), ==, first);

  act (f, "editor.undo", NULL);
  act (f, "editor.undo", NULL);
  undone = stored (f);
  g_assert_cmpstr (step_id (undone, 0), ==, first);
  g_assert_cmpstr (step_id (undone, 1), ==, second);
}

static gboolean
no_save_pending (gpointer data)
{
  EditorFixture *f = data;
  g_autoptr(WmTutorial) t = stored (f);

  return g_strcmp0 (wm_step_get_instruction (wm_tutorial_get_step (t, 0)),
                    "Click **Send** to mail the invoice") == 0;
}

static void
test_edit_text (EditorFixture *f,
                gconstpointer  data)
{
  g_autoptr(WmTutorial) t = NULL;

  /* Generated text stays until the author edits it; then it is theirs. */
  t = stored (f);
  g_assert_false (wm_step_get_instruction_edited (wm_tutorial_get_step (t, 0)));
  g_clear_object (&t);

  act (f, "editor.select-step", g_variant_new_uint32 (0));
  act (f, "editor.set-instruction", g_variant_new_string ("Click **Send** to mail the invoice"));
  app_wait_until (no_save_pending, f, 3000);
  t = stored (f);
  g_assert_true (wm_step_get_instruction_edited (wm_tutorial_get_step (t, 0)));
  g_clear_object (&t);

  act (f, "editor.set-notes", g_variant_new_string ("The customer gets a PDF."));
  act (f, "editor.set-title", g_variant_new_string ("Mail an invoice"));
  t = stored (f);
  g_assert_cmpstr (wm_step_get_notes (wm_tutorial_get_step (t, 0)), ==,
                   "The customer gets a PDF.");
  g_assert_cmpstr (wm_tutorial_get_title (t), ==, "Mail an invoice");
  g_clear_object (&t);

  /* Undo walks back one edit at a time; redo walks forward again. */
  act (f, "editor.undo", NULL);
  t = stored (f);
  g_assert_cmpstr (wm_tutorial_get_title (t), ==, "Send your first invoice");
  g_assert_cmpstr (wm_step_get_notes (wm_tutorial_get_step (t, 0)), ==,
                   "The customer gets a PDF.");
  g_clear_object (&t);
  act (f, "editor.undo", NULL);
  act (f, "editor.undo", NULL);
  t = stored (f);
  g_assert_cmpstr (wm_step_get_instruction (wm_tutorial_get_step (t, 0)), ==, "Click button 1");
  g_assert_null (wm_step_get_notes (wm_tutorial_get_step (t, 0)));
  g_clear_object (&t);
  act (f, "editor.redo", NULL);
  t = stored (f);
  g_assert_cmpstr (wm_step_get_instruction (wm_tutorial_get_step (t, 0)), ==,
                   "Click **Send** to mail the invoice");
}

/* Edits on several steps, then undone one by one: each undo is saved, and the library ends
 * as it began, step for step (an edit saves only its step; undo snapshots are kept per step). */
static void
test_undo_across_steps (EditorFixture *f,
                        gconstpointer  data)
{
  g_autoptr(WmTutorial) before = stored (f);
  g_autoptr(WmTutorial) edited = NULL;
  g_autoptr(WmTutorial) after = NULL;

  act (f, "editor.select-step", g_variant_new_uint32 (0));
  act (f, "editor.set-instruction", g_variant_new_string ("Open **Invoices**"));
  act (f, "editor.select-step", g_variant_new_uint32 (2));
  act (f, "editor.set-notes", g_variant_new_string ("Only managers see this"));
  act (f, "editor.add-annotation", g_variant_new ("(siiiis)", "box", 10, 10, 50, 40, ""));
  act (f, "editor.select-step", g_variant_new_uint32 (0));
  act (f, "editor.set-instruction", g_variant_new_string ("Open **Invoices** again"));

  edited = stored (f);
  g_assert_cmpstr (wm_step_get_instruction (wm_tutorial_get_step (edited, 0)), ==,
                   "Open **Invoices** again");
  g_assert_cmpstr (wm_step_get_notes (wm_tutorial_get_step (edited, 2)), ==,
                   "Only managers see this");
  g_assert_cmpuint (wm_step_get_annotations (wm_tutorial_get_step (edited, 2))->len, ==,
                    wm_step_get_annotations (wm_tutorial_get_step (before, 2))->len + 1);

  /* One undo: the first instruction edit is back, and step 3 keeps both of its edits. */
  act (f, "editor.undo", NULL);
  after = stored (f);
  g_assert_cmpstr (wm_step_get_instruction (wm_tutorial_get_step (after, 0)), ==,
                   "Open **Invoices**");
  g_assert_cmpstr (wm_step_get_notes (wm_tutorial_get_step (after, 2)), ==,
                   "Only managers see this");
  g_clear_object (&after);

  for (guint i = 0; i < 3; i++)
    act (f, "editor.undo", NULL);
  after = stored (f);
  g_assert_cmpuint (wm_tutorial_get_n_steps (after), ==, wm_tutorial_get_n_steps (before));
  for (guint i = 0; i < wm_tutorial_get_n_steps (before); i++)
    g_assert_true (wm_step_content_equal (wm_tutorial_get_step (after, i),
                                          wm_tutorial_get_step (before, i)));
}

/* Redaction: the area is one flat colour on the canvas, as in every export. */
static void
test_redact_pixels (EditorFixture *f,
                    gconstpointer  data)
{
  WmCanvas *canvas = wm_editor_get_canvas (f->editor);
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autoptr(GdkTexture) undone = NULL;
  g_autofree guchar *pb = NULL, *pa = NULL, *pu = NULL;
  graphene_rect_t area;
  double scale;
  gsize stride;
  guint changed = 0, differ_after_undo = 0;
  GPtrArray *marks;

  before = app_render (GTK_WIDGET (canvas));
  /* Redact the "Saved Reports" sidebar text of the drawn screen. */
  act (f, "editor.add-annotation", g_variant_new ("(siiiis)", "redact", 50, 120, 200, 200, ""));
  app_spin (100);
  after = app_render (GTK_WIDGET (canvas));

  t = stored (f);
  marks = wm_step_get_annotations (wm_tutorial_get_step (t, 0));
  g_assert_cmpuint (marks->len, ==, 1);
  g_assert_cmpint (wm_annotation_get_kind (g_ptr_array_index (marks, 0)), ==,
                   WM_ANNOTATION_REDACT);
  g_assert_cmpint (wm_annotation_get_width (g_ptr_array_index (marks, 0)), ==, 200);

  /* Inside the area the screen changed, and each block is one flat colour. */
  wm_canvas_get_image_area (canvas, &area, &scale);
  pb = app_download (before, &stride);
  pa = app_download (after, &stride);
  for (int y = 125; y < 315; y += 3)
    for (int x = 55; x < 245; x += 3)
      {
        int wx = area.origin.x + x * scale, wy = area.origin.y + y * scale;

        changed += app_pixel (pb, stride, wx, wy) != app_pixel (pa, stride, wx, wy);
      }
  g_assert_cmpuint (changed, >, 50);

  for (int y = 130; y < 310; y += 7)
    for (int x = 60; x < 240; x += 7)
      g_assert_cmphex (app_pixel (pa, stride, area.origin.x + x * scale,
                                  area.origin.y + y * scale) & 0xffffff,
                       ==, WM_MARKS_REDACT_RGB);

  /* Outside it nothing moved. */
  g_assert_cmphex (app_pixel (pb, stride, area.origin.x + 700 * scale, area.origin.y + 600 * scale),
                   ==,
                   app_pixel (pa, stride, area.origin.x + 700 * scale, area.origin.y + 600 * scale));

  app_save_screenshot (after, "editor-canvas-redacted.png");

  /* Undo brings the original pixels back. */
  act (f, "editor.undo", NULL);
  app_spin (100);
  undone = app_render (GTK_WIDGET (canvas));
  pu = app_download (undone, &stride);
  for (int y = 125; y < 315; y += 5)
    for (int x = 55; x < 245; x += 5)
      {
        int wx = area.origin.x + x * scale, wy = area.origin.y + y * scale;

        differ_after_undo += app_pixel (pb, stride, wx, wy) != app_pixel (pu, stride, wx, wy);
      }
  g_assert_cmpuint (differ_after_undo, ==, 0);
  g_clear_object (&t);
  t = stored (f);
  g_assert_cmpuint (wm_step_get_annotations (wm_tutorial_get_step (t, 0))->len, ==, 0);
}

static void
test_marks_hotspot_crop (EditorFixture *f,
                         gconstpointer  data)
{
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(WmImage) image = NULL;
  WmStep *step;
  GPtrArray *marks;

  act (f, "editor.add-annotation", g_variant_new ("(siiiis)", "highlight", 280, 100, 200, 60, ""));
  act (f, "editor.add-annotation", g_variant_new ("(siiiis)", "arrow", 700, 400, -300, -250, ""));
  act (f, "editor.add-annotation", g_variant_new ("(siiiis)", "callout", 600, 180, 320, 70,
                                                  "Start here"));
  act (f, "editor.add-annotation", g_variant_new ("(siiiis)", "box", 1060, 100, 170, 64, ""));
  act (f, "editor.move-hotspot", g_variant_new ("(ii)", 400, 140));
  t = stored (f);
  step = wm_tutorial_get_step (t, 0);
  marks = wm_step_get_annotations (step);
  g_assert_cmpuint (marks->len, ==, 4);
  g_assert_cmpstr (wm_annotation_get_text (g_ptr_array_index (marks, 2)), ==, "Start here");
  g_assert_cmpint (wm_annotation_get_width (g_ptr_array_index (marks, 1)), ==, -300);
  g_assert_cmpint (wm_step_get_x (step), ==, 400);
  g_clear_object (&t);

  act (f, "editor.remove-last-annotation", NULL);
  app_wait_until (canvas_ready, f->editor, 5000);

  /* Crop to the app window: a new, smaller screenshot; marks and hotspot move with it. */
  act (f, "editor.crop", g_variant_new ("(iiii)", 40, 40, 1200, 720));
  t = stored (f);
  step = wm_tutorial_get_step (t, 0);
  image = wm_store_load_image (f->app.store, wm_step_get_image_sha256 (step), NULL);
  g_assert_cmpuint (wm_image_get_width (image), ==, 1200);
  g_assert_cmpuint (wm_image_get_height (image), ==, 720);
  g_assert_cmpint (wm_step_get_x (step), ==, 360);
  g_assert_cmpint (wm_step_get_y (step), ==, 100);
  g_assert_cmpint (wm_annotation_get_x (g_ptr_array_index (wm_step_get_annotations (step), 0)),
                   ==, 240);
  g_assert_cmpuint (wm_step_get_annotations (step)->len, ==, 3);
}

static void
test_step_operations (EditorFixture *f,
                      gconstpointer  data)
{
  g_autoptr(WmTutorial) t = NULL;
  g_autofree char *png_path = NULL;
  g_autoptr(GBytes) png = wm_sample_draw_screen (1);
  g_autofree char *bad_path = NULL;

  act (f, "editor.select-step", g_variant_new_uint32 (1));
  act (f, "editor.duplicate-step", NULL);
  g_assert_cmpuint (stored_n_steps (f), ==, 4);
  g_assert_cmpuint (wm_editor_get_selected (f->editor), ==, 2);

  act (f, "editor.delete-step", NULL);
  g_assert_cmpuint (stored_n_steps (f), ==, 3);

  /* Merge keeps the words of both, in order. */
  act (f, "editor.select-step", g_variant_new_uint32 (0));
  act (f, "editor.merge-step", NULL);
  t = stored (f);
  g_assert_cmpuint (g_list_model_get_n_items (wm_tutorial_get_steps (t)), ==, 2);
  g_assert_cmpstr (wm_step_get_instruction (wm_tutorial_get_step (t, 0)), ==,
                   "Click button 1 Click button 2");
  g_clear_object (&t);

  /* Split at a sentence end makes two steps on the same screen. */
  act (f, "editor.set-instruction", g_variant_new_string ("Open the menu. Then choose Export"));
  act (f, "editor.split-step", NULL);
  t = stored (f);
  g_assert_cmpuint (g_list_model_get_n_items (wm_tutorial_get_steps (t)), ==, 3);
  g_assert_cmpstr (wm_step_get_instruction (wm_tutorial_get_step (t, 0)), ==, "Open the menu.");
  g_assert_cmpstr (wm_step_get_instruction (wm_tutorial_get_step (t, 1)), ==,
                   "Then choose Export");
  g_assert_cmpstr (wm_step_get_image_sha256 (wm_tutorial_get_step (t, 0)), ==,
                   wm_step_get_image_sha256 (wm_tutorial_get_step (t, 1)));
  g_clear_object (&t);

  /* A text-only step, and a step from an image file. */
  act (f, "editor.insert-step", NULL);
  g_assert_cmpuint (stored_n_steps (f), ==, 4);
  png_path = g_build_filename (f->app.dir, "extra.png", NULL);
  g_assert_true (g_file_set_contents (png_path, g_bytes_get_data (png, NULL),
                                      g_bytes_get_size (png), NULL));
  act (f, "editor.add-image", g_variant_new_string (png_path));
  t = stored (f);
  g_assert_cmpuint (g_list_model_get_n_items (wm_tutorial_get_steps (t)), ==, 5);
  g_assert_cmpint (wm_step_get_kind (wm_tutorial_get_step (t, 3)), ==, WM_STEP_MANUAL);
  g_assert_nonnull (wm_step_get_image_sha256 (wm_tutorial_get_step (t, 3)));
  g_clear_object (&t);

  /* Not an image: nothing is added, nothing is lost. */
  bad_path = g_build_filename (f->app.dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (bad_path, "hello", -1, NULL));
  act (f, "editor.add-image", g_variant_new_string (bad_path));
  g_assert_cmpuint (stored_n_steps (f), ==, 5);

  /* Keyboard navigation. */
  act (f, "editor.first-step", NULL);
  act (f, "editor.next-step", NULL);
  act (f, "editor.next-step", NULL);
  g_assert_cmpuint (wm_editor_get_selected (f->editor), ==, 2);
  act (f, "editor.previous-step", NULL);
  g_assert_cmpuint (wm_editor_get_selected (f->editor), ==, 1);
  act (f, "editor.last-step", NULL);
  g_assert_cmpuint (wm_editor_get_selected (f->editor), ==, 4);

  /* Every one of those edits can be undone, back to the three original steps. */
  for (guint i = 0; i < 8; i++)
    act (f, "editor.undo", NULL);
  t = stored (f);
  g_assert_cmpuint (g_list_model_get_n_items (wm_tutorial_get_steps (t)), ==, 3);
  g_assert_cmpstr (wm_step_get_instruction (wm_tutorial_get_step (t, 1)), ==, "Click button 2");
}

static void
test_tagging (EditorFixture *f,
              gconstpointer  data)
{
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GdkTexture) shot = NULL;

  act (f, "editor.set-stage", g_variant_new_string ("ramp-and-practice"));
  act (f, "editor.toggle-role", g_variant_new_string ("admin"));
  act (f, "editor.add-role", g_variant_new_string ("finance lead"));
  act (f, "editor.toggle-role", g_variant_new_string ("everyday user"));
  act (f, "editor.set-summary", g_variant_new_string ("Bill a customer in two minutes."));
  t = stored (f);
  g_assert_cmpint (wm_tutorial_get_stage (t), ==, WM_STAGE_RAMP_AND_PRACTICE);
  g_assert_true (wm_tutorial_has_role (t, "admin"));
  g_assert_true (wm_tutorial_has_role (t, "finance lead"));
  g_assert_false (wm_tutorial_has_role (t, "everyday user"));
  g_assert_cmpstr (wm_tutorial_get_summary (t), ==, "Bill a customer in two minutes.");
  g_clear_object (&t);

  act (f, "editor.undo", NULL);
  act (f, "editor.undo", NULL);
  t = stored (f);
  g_assert_true (wm_tutorial_has_role (t, "everyday user"));
  g_assert_null (wm_tutorial_get_summary (t));
  g_clear_object (&t);
  act (f, "editor.redo", NULL);
  act (f, "editor.redo", NULL);

  /* A screenshot of the editor with marks on the screen, for the README. */
  act (f, "editor.add-annotation", g_variant_new ("(siiiis)", "highlight", 290, 104, 170, 56, ""));
  act (f, "editor.add-annotation", g_variant_new ("(siiiis)", "callout", 480, 190, 330, 64,
                                                  "Start every report here"));
  act (f, "editor.add-annotation", g_variant_new ("(siiiis)", "redact", 52, 160, 200, 150, ""));
  app_spin (300);
  shot = app_render (GTK_WIDGET (f->app.window));
  app_save_screenshot (shot, "editor.png");
}

static gboolean
export_finished (gpointer data)
{
  return !wm_editor_is_exporting (data);
}

static gboolean
bytes_contain (const char *data,
               gsize       len,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_export (EditorFixture *f,
             gconstpointer  data)
{
  g_autofree char *html_path = g_build_filename (f->app.dir, "out.html", NULL);
  g_autofree char *pdf_path = g_build_filename (f->app.dir, "out.pdf", NULL);
  g_autofree char *md_dir = g_build_filename (f->app.dir, "markdown", NULL);
  g_autofree char *bad_path = g_build_filename (f->app.dir, "missing", "dir", "out.html", NULL);
  g_autofree char *html = NULL;
  g_autofree char *pdf = NULL;
  gsize pdf_len = 0;

  act (f, "editor.set-instruction", g_variant_new_string ("Click **Send now**"));
  act (f, "editor.export-to", g_variant_new ("(ss)", "html", html_path));
  /* The work happens in a thread: the window keeps drawing and shows progress. */
  g_assert_true (wm_editor_is_exporting (f->editor));
  app_wait_until (export_finished, f->editor, 30000);
  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "<html"));
  g_assert_nonnull (strstr (html, "Send your first invoice"));
  g_assert_nonnull (strstr (html, "Send now"));

  act (f, "editor.export-to", g_variant_new ("(ss)", "pdf", pdf_path));
  app_wait_until (export_finished, f->editor, 30000);
  g_assert_true (g_file_get_contents (pdf_path, &pdf, &pdf_len, NULL));
  g_assert_true (pdf_len > 4 && memcmp (pdf, "%PDF", 4) == 0);

  /* Markdown is a folder with the page and its images. */
  act (f, "editor.export-to", g_variant_new ("(ss)", "markdown", md_dir));
  app_wait_until (export_finished, f->editor, 30000);
  g_assert_true (g_file_test (md_dir, G_FILE_TEST_IS_DIR));

  /* An LMS package is a zip holding its manifest. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const names[] = { "scorm12", "scorm2004", "cmi5" };
      static const char * const manifests[] = { "imsmanifest.xml", "imsmanifest.xml", "cmi5.xml" };
      g_autofree char *name = g_strconcat (names[i], ".zip", NULL);
      g_autofree char *zip_path = g_build_filename (f->app.dir, name, NULL);
      g_autofree char *zip = NULL;
      gsize zip_len = 0;

      act (f, "editor.export-to", g_variant_new ("(ss)", names[i], zip_path));
      app_wait_until (export_finished, f->editor, 60000);
      g_assert_true (g_file_get_contents (zip_path, &zip, &zip_len, NULL));
      g_assert_true (zip_len > 4 && memcmp (zip, "PK\003\004", 4) == 0);
      g_assert_true (bytes_contain (zip, zip_len, manifests[i]));
    }

  /* The dialog's Opens in and Pass mark choices reach the file: a page opening in View, a
   * cmi5 course whose AU passes at 80 %. */
  {
    g_autofree char *view_path = g_build_filename (f->app.dir, "view.html", NULL);
    g_autofree char *cmi5_path = g_build_filename (f->app.dir, "mastery.zip", NULL);
    g_autofree char *page = NULL, *course = NULL;
    g_autoptr(GError) error = NULL;
    const char *read_cmi5[] = { "python3", "-c",
      "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read('cmi5.xml').decode())",
      cmi5_path, NULL };

    act (f, "editor.export-with", g_variant_new ("(ssuu)", "html", view_path, 3, 0));
    app_wait_until (export_finished, f->editor, 30000);
    g_assert_true (g_file_get_contents (view_path, &page, NULL, NULL));
    g_assert_nonnull (strstr (page, "\"mode\":\"view\""));

    act (f, "editor.export-with", g_variant_new ("(ssuu)", "cmi5", cmi5_path, 1, 80));
    app_wait_until (export_finished, f->editor, 60000);
    g_assert_true (g_spawn_sync (NULL, (char **) read_cmi5, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &course, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (course, "masteryScore=\"0.80\""));
  }

  /* A place that cannot be written: a toast, no file, and Export works again. */
  act (f, "editor.export-to", g_variant_new ("(ss)", "html", bad_path));
  app_wait_until (export_finished, f->editor, 30000);
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->editor), "editor.export-to",
                                                     g_variant_new ("(ss)", "html", html_path)));
  app_wait_until (export_finished, f->editor, 30000);
}

static void
clipboard_text_read (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

/* Readers' signals for this tutorial: 3 readers, one to the end, one gone after step 2, one
 * after step 1 — the funnel is 3, 2, 1. */
static void
add_reader_signals (EditorFixture *f)
{
  static const struct { const char *verb; guint reader, step; int helpful; const char *comment; } rows[] = {
    { "launched", 1, 0, -1, NULL }, { "progressed", 1, 1, -1, NULL },
    { "progressed", 1, 2, -1, NULL }, { "progressed", 1, 3, -1, NULL },
    { "completed", 1, 3, -1, NULL }, { "responded", 1, 3, 1, "<b>Great</b>" },
    { "launched", 2, 0, -1, NULL }, { "progressed", 2, 1, -1, NULL },
    { "progressed", 2, 2, -1, NULL },
    { "launched", 3, 0, -1, NULL }, { "progressed", 3, 1, -1, NULL },
  };
  g_autoptr(GPtrArray) signals = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_signal_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      WmSignal *s = wm_signal_new ();

      s->id = g_strdup_printf ("00000000-0000-4000-8000-%012u", i);
      s->tutorial_id = g_strdup (f->id);
      s->version = 1;
      g_assert_true (wm_signal_verb_from_string (rows[i].verb, &s->verb));
      s->actor = g_strdup_printf ("reader-%u", rows[i].reader);
      s->step = rows[i].step;
      s->duration_ms = g_str_equal (rows[i].verb, "completed") ? 95000 : -1;
      s->helpful = rows[i].helpful;
      s->comment = g_strdup (rows[i].comment);
      s->at = 1700000000000000 + i;
      g_ptr_array_add (signals, s);
    }
  g_assert_true (wm_store_add_signals (f->app.store, signals, NULL, &error));
  g_assert_no_error (error);
}

/* Every label's text under @widget, one a line: what the widget says. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static char *
widget_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_text (widget, out);
  return g_string_free (out, FALSE);
}

static gboolean
signals_shown (gpointer data)
{
  EditorFixture *f = data;

  return wm_signals_view_get_summary (f->editor->signals_view) != NULL;
}

static void
test_signals (EditorFixture *f,
              gconstpointer  data)
{
  const WmSignalSummary *s;
  g_autofree char *shown = NULL;

  add_reader_signals (f);
  g_assert_true (wm_window_open_tutorial (f->app.window, f->id));
  app_wait_until (signals_shown, f, 5000);

  s = wm_signals_view_get_summary (f->editor->signals_view);
  g_assert_cmpuint (s->readers, ==, 3);
  g_assert_cmpuint (s->completions, ==, 1);
  g_assert_cmpuint (s->funnel->len, ==, 3);
  g_assert_cmpuint (wm_signal_summary_drop_step (s), ==, 1);
  shown = widget_text (GTK_WIDGET (f->editor->signals_view));
  g_assert_nonnull (strstr (shown, "3 readers"));
  g_assert_nonnull (strstr (shown, "1 completed (33 %)"));
  g_assert_nonnull (strstr (shown, "median time 1 min 35 s"));
  g_assert_nonnull (strstr (shown, "Most readers leave after step 1."));
  /* Reader text is shown as it was written, not as markup. */
  g_assert_nonnull (strstr (shown, "<b>Great</b>"));

  /* A bar of the funnel opens its step. */
  wm_signals_view_activate_step (f->editor->signals_view, 2);
  app_spin (50);
  g_assert_cmpuint (wm_editor_get_selected (f->editor), ==, 1);
}

static void
test_publish (EditorFixture *f,
              gconstpointer  data)
{
  const WmIdentity author = { "Alice Author", "alice@example.org" };
  const WmIdentity reviewer = { "Rita Reviewer", "rita@example.org" };
  g_autofree char *site = g_build_filename (f->app.dir, "site", NULL);
  g_autofree char *t_dir = g_build_filename (site, "t", NULL);
  g_autofree char *link = NULL;
  g_autofree char *page_path = NULL;
  g_autofree char *page = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(WmTutorial) published = NULL;
  g_autoptr(GError) error = NULL;

  /* No location yet: the toast sends the author to Preferences, nothing starts. */
  act (f, "editor.publish", NULL);
  g_assert_false (wm_editor_is_exporting (f->editor));

  g_settings_set_string (f->app.settings, "shared-library", site);
  g_settings_set_string (f->app.settings, "publish-base-url", "https://help.example.com/tutorials");

  /* A draft is not published: the publisher says why, the location stays empty. */
  act (f, "editor.publish", NULL);
  app_wait_until (export_finished, f->editor, 30000);
  g_assert_null (wm_editor_get_published_link (f->editor));
  g_assert_false (g_file_test (t_dir, G_FILE_TEST_EXISTS));

  g_assert_true (wm_review_submit (f->app.store, f->id, &author, "Ready", &error));
  g_assert_true (wm_review_approve (f->app.store, f->id, &reviewer, "Good", &error));
  g_assert_no_error (error);
  g_assert_true (wm_window_open_tutorial (f->app.window, f->id));
  app_wait_until (canvas_ready, f->editor, 5000);

  act (f, "editor.publish", NULL);
  g_assert_true (wm_editor_is_exporting (f->editor));
  app_wait_until (export_finished, f->editor, 60000);

  /* The page is at the tutorial's fixed link, and that link is what Copy Link copies. */
  published = wm_store_load_tutorial (f->app.store, f->id, FALSE, &error);
  g_assert_nonnull (wm_tutorial_get_slug (published));
  page_path = g_build_filename (site, "t", wm_tutorial_get_slug (published), "index.html", NULL);
  g_assert_true (g_file_get_contents (page_path, &page, NULL, NULL));
  g_assert_nonnull (strstr (page, "Send your first invoice"));
  link = g_strdup_printf ("https://help.example.com/tutorials/t/%s/",
                          wm_tutorial_get_slug (published));
  g_assert_cmpstr (wm_editor_get_published_link (f->editor), ==, link);

  act (f, "editor.copy-link", g_variant_new_string (wm_editor_get_published_link (f->editor)));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->editor)), NULL,
                                 clipboard_text_read, &copied);
  app_wait_until (is_set, &copied, 5000);
  g_assert_cmpstr (copied, ==, wm_editor_get_published_link (f->editor));
}


/* Marks as objects, with the real keyboard; the canvas's signals stand for the pointer ---------------------------------- */

static void
xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) "xdotool");
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  app_spin (150);
}

/* A point of @widget in its X window: the window's id and the position, as strings. */
static void
widget_point (GtkWidget *widget,
              double     x,
              double     y,
              char     **xid,
              char     **px,
              char     **py)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t p;
  double sx, sy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &p));
  gtk_native_get_surface_transform (native, &sx, &sy);
  *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));
  *px = g_strdup_printf ("%d", (int) round (p.x + sx));
  *py = g_strdup_printf ("%d", (int) round (p.y + sy));
}

static void
image_point (EditorFixture *f,
             double         ix,
             double         iy,
             char         **xid,
             char         **px,
             char         **py)
{
  WmCanvas *canvas = wm_editor_get_canvas (f->editor);
  graphene_rect_t area;
  double scale;

  wm_canvas_get_image_area (canvas, &area, &scale);
  widget_point (GTK_WIDGET (canvas), area.origin.x + ix * scale, area.origin.y + iy * scale,
                xid, px, py);
}

static WmAnnotation *
stored_mark (EditorFixture *f,
             guint          n_expected)
{
  g_autoptr(WmTutorial) t = stored (f);
  GPtrArray *marks = wm_step_get_annotations (wm_tutorial_get_step (t, 0));

  if (marks->len != n_expected)
    g_test_message ("%u steps, step 0 is %s, %u marks", g_list_model_get_n_items (wm_tutorial_get_steps (t)),
                    wm_step_get_instruction (wm_tutorial_get_step (t, 0)), marks->len);
  g_assert_cmpuint (marks->len, ==, n_expected);
  return n_expected ? g_object_ref (g_ptr_array_index (marks, 0)) : NULL;
}

/* Pointer positions land on screen pixels, so a pointer edit is exact to within the
 * image pixels one screen pixel covers (@slack); undo and keys are exact. */
static void
assert_mark (EditorFixture    *f,
             WmAnnotationKind  kind,
             int               x,
             int               y,
             int               w,
             int               h,
             int               slack)
{
  g_autoptr(WmAnnotation) a = stored_mark (f, 1);

  g_test_message ("mark %d,%d %dx%d, expected %d,%d %dx%d", wm_annotation_get_x (a),
                  wm_annotation_get_y (a), wm_annotation_get_width (a),
                  wm_annotation_get_height (a), x, y, w, h);
  g_assert_cmpint (wm_annotation_get_kind (a), ==, kind);
  g_assert_cmpint (ABS (wm_annotation_get_x (a) - x), <=, slack);
  g_assert_cmpint (ABS (wm_annotation_get_y (a) - y), <=, slack);
  g_assert_cmpint (ABS (wm_annotation_get_width (a) - w), <=, slack);
  g_assert_cmpint (ABS (wm_annotation_get_height (a) - h), <=, slack);
}

static gboolean
window_active (gpointer data)
{
  return gtk_window_is_active (data);
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
widget_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static gboolean
canvas_focused (gpointer data)
{
  return gtk_widget_has_focus (data);
}

static void
close_popover (EditorFixture *f)
{
  GtkPopover *popover = wm_canvas_get_popover (wm_editor_get_canvas (f->editor));

  if (popover != NULL)
    {
      gtk_popover_popdown (popover);
      app_wait_until (widget_unmapped, popover, 5000);
    }
  /* Let the popover's grab go before the next press. */
  app_spin (400);
}

static void
test_marks_are_objects (EditorFixture *f,
                        gconstpointer  data)
{
  WmCanvas *canvas = wm_editor_get_canvas (f->editor);
  GtkWidget *button = NULL;
  GtkPopover *popover;
  g_autofree char *w = NULL, *px = NULL, *py = NULL;
  g_autoptr(WmAnnotation) callout = NULL;
  int X, Y, W, H;

  image_point (f, 0, 0, &w, &px, &py);
  xdotool ("windowfocus", "--sync", w, NULL);
  app_wait_until (window_active, f->app.window, 5000);
  app_spin (300);

  /* Draw a box with the pointer; the tool stays until the author picks Select. */
  act (f, "editor.tool", g_variant_new_string ("box"));
  g_signal_emit_by_name (canvas, "rect-drawn", "box", 300, 300, 200, 100);
  app_spin (100);
  assert_mark (f, WM_ANNOTATION_BOX, 300, 300, 200, 100, 2);
  {
    g_autoptr(WmAnnotation) drawn = stored_mark (f, 1);

    X = wm_annotation_get_x (drawn), Y = wm_annotation_get_y (drawn);
    W = wm_annotation_get_width (drawn), H = wm_annotation_get_height (drawn);
  }
  act (f, "editor.tool", g_variant_new_string ("select"));

  /* Click selects it and opens its popover. */
  wm_canvas_select_mark (canvas, 0);
  wm_canvas_edit_selected (canvas);
  app_spin (100);
  g_assert_cmpint (wm_canvas_get_selected_mark (canvas), ==, 0);
  popover = wm_canvas_get_popover (canvas);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  close_popover (f);

  /* Drag moves it; undo puts it back. */
  g_signal_emit_by_name (canvas, "mark-changed", 0, X + 50, Y + 30, W, H);
  app_spin (100);
  assert_mark (f, WM_ANNOTATION_BOX, X + 50, Y + 30, W, H, 2);
  act (f, "editor.undo", NULL);
  app_wait_until (canvas_ready, f->editor, 5000);
  assert_mark (f, WM_ANNOTATION_BOX, X, Y, W, H, 0);

  /* The bottom-right handle resizes it. */
  g_signal_emit_by_name (canvas, "mark-changed", 0, X, Y, W + 60, H + 40);
  app_spin (100);
  assert_mark (f, WM_ANNOTATION_BOX, X, Y, W + 60, H + 40, 2);
  act (f, "editor.undo", NULL);
  app_wait_until (canvas_ready, f->editor, 5000);
  assert_mark (f, WM_ANNOTATION_BOX, X, Y, W, H, 0);

  /* Arrow keys nudge the selected mark (Shift: by ten); one undo takes back the run. */
  wm_canvas_select_mark (canvas, 0);
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  app_wait_until (canvas_focused, canvas, 5000);
  xdotool ("key", "Right", "Right", "Right", "shift+Down", NULL);
  app_spin (600);   /* a run of nudges is saved like typing, after a pause */
  assert_mark (f, WM_ANNOTATION_BOX, X + 3, Y + 10, W, H, 0);
  act (f, "editor.undo", NULL);
  app_wait_until (canvas_ready, f->editor, 5000);
  assert_mark (f, WM_ANNOTATION_BOX, X, Y, W, H, 0);

  /* The popover's Highlight button restyles it. */
  wm_canvas_select_mark (canvas, 0);
  wm_canvas_edit_selected (canvas);
  popover = wm_canvas_get_popover (canvas);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  for (GtkWidget *c = gtk_widget_get_first_child (gtk_popover_get_child (popover)); c && !button;
       c = gtk_widget_get_next_sibling (c))
    for (GtkWidget *b = gtk_widget_get_first_child (c); b && GTK_IS_TOGGLE_BUTTON (b);
         b = gtk_widget_get_next_sibling (b))
      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (b)), "Highlight") == 0)
        button = b;
  g_assert_nonnull (button);
  app_wait_until (widget_mapped, button, 5000);
  /* Activated as a key press on it would (a pointer click on a just-mapped popover is at
   * the mercy of the server's timing). */
  g_assert_true (gtk_widget_activate (button));
  app_spin (500);   /* a button activated from the keyboard clicks after 250 ms */
  assert_mark (f, WM_ANNOTATION_HIGHLIGHT, X, Y, W, H, 0);
  close_popover (f);
  act (f, "editor.undo", NULL);
  app_wait_until (canvas_ready, f->editor, 5000);
  assert_mark (f, WM_ANNOTATION_BOX, X, Y, W, H, 0);

  /* Delete removes the selected mark, not the step. */
  wm_canvas_select_mark (canvas, 0);
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  app_wait_until (canvas_focused, canvas, 5000);
  xdotool ("key", "Delete", NULL);
  g_clear_object (&callout);
  callout = stored_mark (f, 0);
  g_assert_cmpuint (stored_n_steps (f), ==, 3);
  act (f, "editor.undo", NULL);
  app_wait_until (canvas_ready, f->editor, 5000);
  assert_mark (f, WM_ANNOTATION_BOX, X, Y, W, H, 0);

  /* A callout's text is typed in place, in its popover: no dialog. */
  act (f, "editor.tool", g_variant_new_string ("callout"));
  g_signal_emit_by_name (canvas, "rect-drawn", "callout", 700, 500, 200, 60);
  app_spin (200);
  popover = wm_canvas_get_popover (canvas);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  xdotool ("type", "--delay", "30", "Open Reports", NULL);
  app_spin (600);
  {
    g_autoptr(WmTutorial) t = stored (f);
    GPtrArray *marks = wm_step_get_annotations (wm_tutorial_get_step (t, 0));

    g_assert_cmpuint (marks->len, ==, 2);
    g_assert_cmpstr (wm_annotation_get_text (g_ptr_array_index (marks, 1)), ==, "Open Reports");
  }
  close_popover (f);
  app_save_screenshot (app_render (GTK_WIDGET (canvas)), "editor-marks-selected.png");

  /* Another step starts with the Select tool and nothing selected. */
  act (f, "editor.tool", g_variant_new_string ("arrow"));
  act (f, "editor.next-step", NULL);
  app_wait_until (canvas_ready, f->editor, 5000);
  g_assert_cmpstr (wm_canvas_get_tool (canvas), ==, "select");
  g_assert_cmpint (wm_canvas_get_selected_mark (canvas), ==, -1);
}

/* One renderer ----------------------------------------------------------------------- */

static char *
keep_png (const char  *name,
          GBytes      *png,
          gpointer     user_data,
          GError     **error)
{
  g_hash_table_insert (user_data, g_strdup (name), g_bytes_ref (png));
  return g_strdup (name);
}

/* The step's picture as the player receives it. */
static cairo_surface_t *
player_picture (EditorFixture *f,
                WmTutorial    *t)
{
  g_autoptr(GHashTable) pngs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *model, *step, *image;
  cairo_surface_t *surface;

  root = wm_player_model_build (f->app.store, t, WM_PLAYER_MODEL_NONE, keep_png, pngs, &error);
  g_assert_no_error (error);
  model = json_node_get_object (root);
  step = json_array_get_object_element (json_object_get_array_member (model, "steps"), 0);
  image = json_object_get_object_member (json_object_get_object_member (model, "images"),
                                         json_object_get_string_member (step, "image"));
  surface = wm_export_decode_png (g_hash_table_lookup (pngs,
                                                       json_object_get_string_member (image, "src")),
                                  &error);
  g_assert_no_error (error);
  return surface;
}

static gboolean
uniform_around (const guchar *data,
                int           stride,
                int           width,
                int           height,
                int           x,
                int           y,
                int           r)
{
  guint32 p = *(const guint32 *) (data + y * stride + x * 4) & 0xffffff;

  if (x - r < 0 || y - r < 0 || x + r >= width || y + r >= height)
    return FALSE;
  for (int dy = -r; dy <= r; dy++)
    for (int dx = -r; dx <= r; dx++)
      if ((*(const guint32 *) (data + (y + dy) * stride + (x + dx) * 4) & 0xffffff) != p)
        return FALSE;
  return TRUE;
}

static gboolean
near_colour (guint32 a,
             guint32 b)
{
  for (int shift = 0; shift < 24; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > 2)
      return FALSE;
  return TRUE;
}

/* Every pixel of the marks' area that the export drew flat (its neighbourhood one colour,
 * so anti-aliasing and scaling cannot touch it) has the same colour on the canvas, at the
 * same place. Returns how many were compared. */
static guint
compare_with_canvas (cairo_surface_t       *picture,
                     int                    offset_x,
                     int                    offset_y,
                     WmStep                *step,
                     const guchar          *canvas,
                     gsize                  canvas_stride,
                     const graphene_rect_t *area,
                     double                 scale,
                     const char            *what)
{
  int w = cairo_image_surface_get_width (picture), h = cairo_image_surface_get_height (picture);
  int stride = cairo_image_surface_get_stride (picture);
  const guchar *data = cairo_image_surface_get_data (picture);
  GPtrArray *marks = wm_step_get_annotations (step);
  int r = (int) ceil (1 / scale) + 1;
  double keep_off = 40 / scale;   /* the canvas's click handle, the export's click ring */
  guint compared = 0;

  cairo_surface_flush (picture);
  for (guint i = 0; i < marks->len; i++)
    {
      cairo_rectangle_int_t b;

      wm_marks_get_bounds (g_ptr_array_index (marks, i), 1280, 800, &b);
      for (int iy = b.y; iy < b.y + b.height; iy += 2)
        for (int ix = b.x; ix < b.x + b.width; ix += 2)
          {
            int px = ix - offset_x, py = iy - offset_y;
            guint32 want, got;

            if (hypot (ix - wm_step_get_x (step), iy - wm_step_get_y (step)) < keep_off ||
                !uniform_around (data, stride, w, h, px, py, r))
              continue;
            want = *(const guint32 *) (data + py * stride + px * 4) & 0xffffff;
            got = app_pixel (canvas, canvas_stride, floor (area->origin.x + (ix + 0.5) * scale),
                             floor (area->origin.y + (iy + 0.5) * scale)) & 0xffffff;
            if (!near_colour (want, got))
              g_error ("%s: image pixel (%d, %d) is %06x there and %06x on the canvas",
                       what, ix, iy, want, got);
            compared++;
          }
    }

  return compared;
}

static void
test_marks_match_exports (EditorFixture *f,
                          gconstpointer  data)
{
  WmCanvas *canvas = wm_editor_get_canvas (f->editor);
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GdkTexture) drawn = NULL;
  g_autoptr(cairo_surface_t) markdown = NULL;
  g_autoptr(cairo_surface_t) pdf = NULL;
  g_autoptr(cairo_surface_t) player = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *pixels = NULL;
  cairo_rectangle_int_t zoom;
  graphene_rect_t area;
  double scale;
  gsize stride;
  WmStep *step;

  act (f, "editor.move-hotspot", g_variant_new ("(ii)", 640, 420));
  act (f, "editor.add-annotation", g_variant_new ("(siiiis)", "highlight", 280, 100, 200, 60, ""));
  act (f, "editor.add-annotation", g_variant_new ("(siiiis)", "arrow", 900, 600, -200, -150, ""));
  /* Wider text than the box, past the right edge: it grows and stays inside. */
  act (f, "editor.add-annotation", g_variant_new ("(siiiis)", "callout", 1100, 180, 120, 40,
                                                  "Start here, then open the Reports menu"));
  act (f, "editor.add-annotation", g_variant_new ("(siiiis)", "box", 60, 640, 170, 64, ""));
  act (f, "editor.add-annotation", g_variant_new ("(siiiis)", "redact", 50, 120, 200, 200, ""));
  app_spin (100);
  drawn = app_render (GTK_WIDGET (canvas));
  pixels = app_download (drawn, &stride);
  wm_canvas_get_image_area (canvas, &area, &scale);
  app_save_screenshot (drawn, "editor-canvas-marks.png");

  t = stored (f);
  step = wm_tutorial_get_step (t, 0);
  g_assert_cmpuint (wm_step_get_annotations (step)->len, ==, 5);

  /* Markdown's pictures and the PDF's zoom come from wm_export_render_step(). */
  markdown = wm_export_render_step (f->app.store, step, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (compare_with_canvas (markdown, 0, 0, step, pixels, stride, &area, scale,
                                         "Markdown"), >, 2000);

  pdf = wm_export_render_step (f->app.store, step, TRUE, &error);
  g_assert_no_error (error);
  wm_export_zoom_rect (step, 1280, 800, &zoom);
  for (guint i = 0; i < wm_step_get_annotations (step)->len; i++)
    {
      cairo_rectangle_int_t b;

      /* The zoom holds every mark. */
      wm_marks_get_bounds (g_ptr_array_index (wm_step_get_annotations (step), i), 1280, 800, &b);
      g_assert_cmpint (b.x, >=, zoom.x);
      g_assert_cmpint (b.y, >=, zoom.y);
      g_assert_cmpint (b.x + b.width, <=, zoom.x + zoom.width);
      g_assert_cmpint (b.y + b.height, <=, zoom.y + zoom.height);
      /* The callout stays inside the picture. */
      g_assert_cmpint (b.x + b.width, <=, 1280);
    }
  g_assert_cmpuint (compare_with_canvas (pdf, zoom.x, zoom.y, step, pixels, stride, &area, scale,
                                         "PDF"), >, 2000);

  player = player_picture (f, t);
  g_assert_cmpuint (compare_with_canvas (player, 0, 0, step, pixels, stride, &area, scale,
                                         "player"), >, 2000);
}

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/app/editor/" path, EditorFixture, NULL, editor_set_up, func, editor_tear_down)
  ADD ("reorder", test_reorder);
  ADD ("edit-text-undo-redo", test_edit_text);
  ADD ("undo-across-steps", test_undo_across_steps);
  ADD ("redact-pixels", test_redact_pixels);
  ADD ("marks-hotspot-crop", test_marks_hotspot_crop);
  ADD ("marks-match-exports", test_marks_match_exports);
  ADD ("marks-are-objects", test_marks_are_objects);
  ADD ("step-operations", test_step_operations);
  ADD ("tagging", test_tagging);
  ADD ("export", test_export);
  ADD ("publish", test_publish);
  ADD ("signals", test_signals);
#undef ADD

  return g_test_run ();
}
