/* wm-editor-actions.c — every edit the editor offers, as an action (menus, keys, tests)
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-editor-private.h"
#include "wm-export-pixels.h"
#include "wm-util.h"

static guint
n_steps (WmEditor *self)
{
  return self->tutorial ? g_list_model_get_n_items (wm_tutorial_get_steps (self->tutorial)) : 0;
}

static guint
selected (WmEditor *self)
{
  return gtk_single_selection_get_selected (self->selection);
}

/* Undo -------------------------------------------------------------------------------- */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  g_autoptr(GVariant) state = NULL;
  gboolean redo = g_str_equal (action_name, "editor.redo");

  if (self->tutorial == NULL)
    return;

  state = redo ? wm_undo_stack_redo (self->undo, _wm_editor_capture_state (self))
               : wm_undo_stack_undo (self->undo, _wm_editor_capture_state (self));
  if (state != NULL)
    _wm_editor_restore_state (self, state);
}

/* Navigation -------------------------------------------------------------------------- */

static void
select_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  guint current = selected (self);
  guint target = 0;

  if (n_steps (self) == 0)
    return;

  if (g_str_equal (action_name, "editor.select-step"))
    target = g_variant_get_uint32 (param);
  else if (g_str_equal (action_name, "editor.next-step"))
    target = current == GTK_INVALID_LIST_POSITION ? 0 : MIN (current + 1, n_steps (self) - 1);
  else if (g_str_equal (action_name, "editor.previous-step"))
    target = current == GTK_INVALID_LIST_POSITION || current == 0 ? 0 : current - 1;
  else if (g_str_equal (action_name, "editor.last-step"))
    target = n_steps (self) - 1;

  _wm_editor_select (self, target);
}

/* Steps ------------------------------------------------------------------------------- */

static void
move_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  guint from, to, n = n_steps (self);

  if (g_str_equal (action_name, "editor.move-step"))
    g_variant_get (param, "(uu)", &from, &to);
  else
    {
      from = selected (self);
      if (from == GTK_INVALID_LIST_POSITION)
        return;
      to = g_str_equal (action_name, "editor.move-step-up") ? (from ? from - 1 : 0) : from + 1;
    }

  if (from >= n || to >= n || from == to)
    return;

  _wm_editor_begin_edit (self, NULL);
  self->updating++;
  wm_tutorial_move_step (self->tutorial, from, to);
  self->updating--;
  _wm_editor_select (self, to);
  _wm_editor_end_edit (self, FALSE);
}

static void
delete_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  guint position = selected (self);

  if (position == GTK_INVALID_LIST_POSITION || position >= n_steps (self))
    return;

  _wm_editor_begin_edit (self, NULL);
  self->updating++;
  wm_tutorial_remove_step (self->tutorial, position);
  self->updating--;
  _wm_editor_select (self, position > 0 && position >= n_steps (self) ? position - 1 : position);
  _wm_editor_end_edit (self, FALSE);
}

static void
insert_step_at (WmEditor *self,
                WmStep   *step)
{
  guint position = selected (self);

  position = position == GTK_INVALID_LIST_POSITION ? n_steps (self) : position + 1;
  self->updating++;
  wm_tutorial_insert_step (self->tutorial, position, step);
  self->updating--;
  _wm_editor_select (self, position);
}

static void
duplicate_step_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  WmStep *step = _wm_editor_get_current_step (self);
  g_autoptr(WmStep) copy = NULL;

  if (step == NULL)
    return;

  _wm_editor_begin_edit (self, NULL);
  copy = wm_step_duplicate (step);
  insert_step_at (self, copy);
  _wm_editor_end_edit (self, FALSE);
}

static void
insert_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  g_autoptr(WmStep) step = wm_step_new (WM_STEP_NOTE);

  if (self->tutorial == NULL)
    return;

  _wm_editor_begin_edit (self, NULL);
  wm_step_set_captured_at (step, g_get_real_time ());
  insert_step_at (self, step);
  _wm_editor_end_edit (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->instruction_entry));
}

static char *
join_text (const char *a,
           const char *b,
           const char *separator)
{
  if (a == NULL || *a == '\0')
    return g_strdup (b);
  if (b == NULL || *b == '\0')
    return g_strdup (a);
  return g_strconcat (a, separator, b, NULL);
}

static void
merge_step_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  guint position = selected (self);
  WmStep *first, *second;
  g_autofree char *instruction = NULL;
  g_autofree char *notes = NULL;
  GPtrArray *marks;

  if (position == GTK_INVALID_LIST_POSITION || position + 1 >= n_steps (self))
    return _wm_editor_toast (self, _("There is no next step to merge with"));

  /* The first step's screenshot stays; the words of both are kept, in order. */
  first = wm_tutorial_get_step (self->tutorial, position);
  second = wm_tutorial_get_step (self->tutorial, position + 1);
  _wm_editor_begin_edit (self, NULL);
  instruction = join_text (wm_step_get_instruction (first), wm_step_get_instruction (second),
                           " ");
  notes = join_text (wm_step_get_notes (first), wm_step_get_notes (second), "\n");
  wm_step_set_instruction (first, instruction);
  wm_step_set_notes (first, notes);
  marks = wm_step_get_annotations (second);
  if (g_strcmp0 (wm_step_get_image_sha256 (first), wm_step_get_image_sha256 (second)) == 0)
    for (guint i = 0; i < marks->len; i++)
      wm_step_add_annotation (first, g_ptr_array_index (marks, i));
  self->updating++;
  wm_tutorial_remove_step (self->tutorial, position + 1);
  self->updating--;
  _wm_editor_select (self, position);
  _wm_editor_end_edit (self, FALSE);
}

/* Where to split: the cursor when the instruction has focus, else the first sentence end. */
static guint
split_point (WmEditor   *self,
             const char *text)
{
  int cursor = gtk_editable_get_position (GTK_EDITABLE (self->instruction_entry));
  const char *stop;

  if (gtk_widget_has_focus (GTK_WIDGET (self->instruction_entry)) ||
      gtk_widget_is_focus (gtk_widget_get_first_child (GTK_WIDGET (self->instruction_entry))))
    if (cursor > 0 && cursor < g_utf8_strlen (text, -1))
      return g_utf8_offset_to_pointer (text, cursor) - text;

  for (stop = text; (stop = strpbrk (stop, ".,;")) != NULL; stop++)
    if (stop[1] == ' ' && stop[2] != '\0')
      return stop + 1 - text;

  return 0;
}

static void
split_step_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  WmStep *step = _wm_editor_get_current_step (self);
  g_autoptr(WmStep) second = NULL;
  g_autofree char *head = NULL;
  g_autofree char *tail = NULL;
  const char *text;
  guint at;

  if (step == NULL)
    return;

  text = wm_step_get_instruction (step) ?: "";
  at = split_point (self, text);
  if (at == 0)
    return _wm_editor_toast (self, _("Put the cursor in the instruction where the step "
                                     "should split"));

  /* Two steps on the same screen: the words before and after the split. */
  head = g_strstrip (g_strndup (text, at));
  tail = g_strstrip (g_strdup (text + at));
  _wm_editor_begin_edit (self, NULL);
  second = wm_step_duplicate (step);
  wm_step_clear_annotations (second);
  wm_step_set_notes (second, NULL);
  wm_step_set_instruction (step, head);
  wm_step_set_instruction (second, tail);
  insert_step_at (self, second);
  _wm_editor_end_edit (self, FALSE);
}

/* Images ------------------------------------------------------------------------------ */

gboolean
_wm_editor_add_image_step (WmEditor  *self,
                           GBytes    *png,
                           GError   **error)
{
  g_autoptr(WmImage) image = NULL;
  g_autoptr(WmStep) step = NULL;

  image = wm_image_new_from_png (png, error);
  if (image == NULL || !wm_store_add_image (self->store, image, error))
    return FALSE;

  step = wm_step_new (WM_STEP_MANUAL);
  wm_step_set_image_sha256 (step, wm_image_get_sha256 (image));
  wm_step_set_captured_at (step, g_get_real_time ());
  _wm_editor_begin_edit (self, NULL);
  insert_step_at (self, step);
  _wm_editor_end_edit (self, FALSE);

  return TRUE;
}

/* Any image GDK reads (PNG, JPEG, …) becomes a PNG in the store. */
static gboolean
add_image_file (WmEditor  *self,
                GFile     *file,
                GError   **error)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) local_error = NULL;

  texture = gdk_texture_new_from_file (file, &local_error);
  if (texture == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not an image Waymark can read: %s"), name, local_error->message);
      return FALSE;
    }

  png = gdk_texture_save_to_png_bytes (texture);
  return _wm_editor_add_image_step (self, png, error);
}

static void
add_image_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));
  g_autoptr(GError) error = NULL;

  if (self->tutorial != NULL && !add_image_file (self, file, &error))
    _wm_editor_toast (self, error->message);
}

static void
on_chooser_response (WmEditor *self,
                     int       response)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);

  for (guint i = 0; files && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      if (!add_image_file (self, file, &error))
        return _wm_editor_toast (self, error->message);
    }
}

static void
add_image_file_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->tutorial == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Add Steps from Images"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"),
                                               _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
clipboard_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WmEditor) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  if (texture == NULL)
    return _wm_editor_toast (self, _("The clipboard holds no image"));
  if (self->tutorial == NULL)
    return;

  png = gdk_texture_save_to_png_bytes (texture);
  if (!_wm_editor_add_image_step (self, png, &error))
    _wm_editor_toast (self, error->message);
}

static void
paste_image_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);

  if (self->tutorial == NULL)
    return;
  gdk_clipboard_read_texture_async (gtk_widget_get_clipboard (widget), NULL, clipboard_read,
                                    g_object_ref (self));
}

/* Text and tags ----------------------------------------------------------------------- */

static void
set_text_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  const char *text = g_variant_get_string (param, NULL);
  WmStep *step = _wm_editor_get_current_step (self);

  if (self->tutorial == NULL)
    return;

  if (g_str_equal (action_name, "editor.set-instruction") && step != NULL)
    {
      _wm_editor_begin_edit (self, NULL);
      wm_step_set_instruction (step, text);
    }
  else if (g_str_equal (action_name, "editor.set-notes") && step != NULL)
    {
      _wm_editor_begin_edit (self, NULL);
      wm_step_set_notes (step, wm_str_or_null (text));
    }
  else if (g_str_equal (action_name, "editor.set-title") && text[0] != '\0')
    {
      _wm_editor_begin_edit (self, NULL);
      wm_tutorial_set_title (self->tutorial, text);
    }
  else if (g_str_equal (action_name, "editor.set-summary"))
    {
      _wm_editor_begin_edit (self, NULL);
      wm_tutorial_set_summary (self->tutorial, wm_str_or_null (text));
    }
  else
    return;

  _wm_editor_end_edit (self, FALSE);
}

/* "stage" is the tutorial's stage: a property action, so the five rows show as radio
 * buttons and follow undo by themselves. */
void
_wm_editor_set_stage (WmEditor   *self,
                      const char *name)
{
  WmStage stage;

  if (self->tutorial == NULL || self->updating || name == NULL ||
      !wm_stage_from_string (name, &stage) || stage == wm_tutorial_get_stage (self->tutorial))
    return;

  _wm_editor_begin_edit (self, NULL);
  wm_tutorial_set_stage (self->tutorial, stage);
  _wm_editor_end_edit (self, FALSE);
}

static void
change_role (WmEditor   *self,
             const char *role,
             gboolean    add)
{
  const char * const *roles = wm_tutorial_get_roles (self->tutorial);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) changed = NULL;

  for (guint i = 0; roles && roles[i]; i++)
    if (!g_str_equal (roles[i], role))
      g_strv_builder_add (builder, roles[i]);
  if (add)
    g_strv_builder_add (builder, role);
  changed = g_strv_builder_end (builder);

  _wm_editor_begin_edit (self, NULL);
  wm_tutorial_set_roles (self->tutorial, (const char * const *) changed);
  _wm_editor_end_edit (self, FALSE);
}

static void
role_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  g_autofree char *role = g_strstrip (g_variant_dup_string (param, NULL));

  if (self->tutorial == NULL || self->updating || role[0] == '\0')
    return;

  if (g_str_equal (action_name, "editor.add-role"))
    {
      if (!wm_tutorial_has_role (self->tutorial, role))
        change_role (self, role, TRUE);
    }
  else
    change_role (self, role, !wm_tutorial_has_role (self->tutorial, role));
}

/* Canvas edits ------------------------------------------------------------------------ */

static void
add_annotation_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  WmStep *step = _wm_editor_get_current_step (self);
  g_autoptr(WmAnnotation) annotation = NULL;
  const char *kind_name, *text;
  WmAnnotationKind kind;
  int x, y, w, h;

  g_variant_get (param, "(&siiii&s)", &kind_name, &x, &y, &w, &h, &text);
  if (step == NULL || !wm_annotation_kind_from_string (kind_name, &kind))
    return;

  _wm_editor_begin_edit (self, NULL);
  annotation = wm_annotation_new (kind, x, y, w, h, wm_str_or_null (text));
  wm_step_add_annotation (step, annotation);
  wm_canvas_refresh (self->canvas);
  _wm_editor_end_edit (self, FALSE);
}

static void
remove_last_annotation_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  WmStep *step = _wm_editor_get_current_step (self);
  GPtrArray *marks = step ? wm_step_get_annotations (step) : NULL;

  if (marks == NULL || marks->len == 0)
    return;

  _wm_editor_begin_edit (self, NULL);
  wm_step_remove_annotation (step, g_ptr_array_index (marks, marks->len - 1));
  wm_canvas_refresh (self->canvas);
  _wm_editor_end_edit (self, FALSE);
}

/* The mark the canvas has selected on the current step, or NULL. */
static WmAnnotation *
selected_mark (WmEditor *self,
               WmStep  **step_out)
{
  WmStep *step = _wm_editor_get_current_step (self);
  int index = wm_canvas_get_selected_mark (self->canvas);

  *step_out = step;
  if (step == NULL || wm_canvas_get_step (self->canvas) != step || index < 0 ||
      (guint) index >= wm_step_get_annotations (step)->len)
    return NULL;
  return g_ptr_array_index (wm_step_get_annotations (step), index);
}

static void
set_annotation_rect_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  WmStep *step = _wm_editor_get_current_step (self);
  guint index;
  int x, y, w, h;

  g_variant_get (param, "(uiiii)", &index, &x, &y, &w, &h);
  if (step == NULL || index >= wm_step_get_annotations (step)->len)
    return;

  _wm_editor_begin_edit (self, NULL);
  wm_annotation_set_rect (g_ptr_array_index (wm_step_get_annotations (step), index), x, y, w, h);
  wm_canvas_refresh (self->canvas);
  _wm_editor_end_edit (self, FALSE);
}

static void
nudge_annotation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  WmStep *step;
  WmAnnotation *a = selected_mark (self, &step);
  int dx, dy;

  g_variant_get (param, "(ii)", &dx, &dy);
  if (a == NULL)
    return;

  /* A run of key presses is one undo step, like typing. */
  _wm_editor_begin_edit (self, "nudge-mark");
  wm_annotation_set_rect (a, wm_annotation_get_x (a) + dx, wm_annotation_get_y (a) + dy,
                          wm_annotation_get_width (a), wm_annotation_get_height (a));
  wm_canvas_refresh (self->canvas);
  _wm_editor_end_edit (self, TRUE);
}

static void
delete_annotation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  WmStep *step;
  WmAnnotation *a = selected_mark (self, &step);

  if (a == NULL)
    return;

  _wm_editor_begin_edit (self, NULL);
  wm_canvas_select_mark (self->canvas, -1);
  wm_step_remove_annotation (step, a);
  wm_canvas_refresh (self->canvas);
  _wm_editor_end_edit (self, FALSE);
}

static void
set_annotation_kind_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  WmStep *step;
  WmAnnotation *a = selected_mark (self, &step);
  GPtrArray *marks;
  WmAnnotationKind kind;
  guint index;

  /* Boxes, highlights and redactions are rectangles and turn into one another; arrows and
   * callouts keep their kind. */
  if (a == NULL || !wm_annotation_kind_from_string (g_variant_get_string (param, NULL), &kind) ||
      kind == wm_annotation_get_kind (a) ||
      kind == WM_ANNOTATION_ARROW || kind == WM_ANNOTATION_CALLOUT ||
      wm_annotation_get_kind (a) == WM_ANNOTATION_ARROW ||
      wm_annotation_get_kind (a) == WM_ANNOTATION_CALLOUT)
    return;

  _wm_editor_begin_edit (self, NULL);
  marks = wm_step_get_annotations (step);
  g_ptr_array_find (marks, a, &index);
  g_ptr_array_insert (marks, index,
                      wm_annotation_new (kind, wm_annotation_get_x (a), wm_annotation_get_y (a),
                                         wm_annotation_get_width (a),
                                         wm_annotation_get_height (a), NULL));
  g_ptr_array_remove_index (marks, index + 1);
  wm_canvas_refresh (self->canvas);
  _wm_editor_end_edit (self, FALSE);
}

static void
set_annotation_text_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  WmStep *step;
  WmAnnotation *a = selected_mark (self, &step);
  const char *text = g_variant_get_string (param, NULL);

  if (a == NULL || wm_annotation_get_kind (a) != WM_ANNOTATION_CALLOUT ||
      g_strcmp0 (wm_annotation_get_text (a) ? wm_annotation_get_text (a) : "", text) == 0)
    return;

  _wm_editor_begin_edit (self, "mark-text");
  wm_annotation_set_text (a, wm_str_or_null (text));
  wm_canvas_refresh (self->canvas);
  _wm_editor_end_edit (self, TRUE);
}

static void
move_hotspot_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  WmStep *step = _wm_editor_get_current_step (self);
  int x, y;

  g_variant_get (param, "(ii)", &x, &y);
  if (step == NULL)
    return;

  _wm_editor_begin_edit (self, NULL);
  wm_step_set_point (step, x, y);
  wm_canvas_refresh (self->canvas);
  _wm_editor_end_edit (self, FALSE);
}

/* The cropped screenshot as PNG bytes, or NULL when the rectangle is empty. */
static GBytes *
crop_texture (GdkTexture *texture,
              int         x,
              int         y,
              int         w,
              int         h)
{
  int tw = gdk_texture_get_width (texture), th = gdk_texture_get_height (texture);
  cairo_surface_t *full, *part;
  GBytes *png;
  cairo_t *cr;

  x = CLAMP (x, 0, tw), y = CLAMP (y, 0, th);
  w = CLAMP (w, 0, tw - x), h = CLAMP (h, 0, th - y);
  if (w < 1 || h < 1)
    return NULL;

  full = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, tw, th);
  gdk_texture_download (texture, cairo_image_surface_get_data (full),
                        cairo_image_surface_get_stride (full));
  cairo_surface_mark_dirty (full);
  part = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (part);
  cairo_set_source_surface (cr, full, -x, -y);
  cairo_paint (cr);
  cairo_destroy (cr);

  png = wm_export_surface_to_png (part);
  cairo_surface_destroy (part);
  cairo_surface_destroy (full);

  return png;
}

/* After a crop every mark and the hotspot move with the image's new origin. */
static void
shift_step (WmStep *step,
            int     dx,
            int     dy,
            int     w,
            int     h)
{
  GPtrArray *marks = wm_step_get_annotations (step);
  int px = wm_step_get_x (step) - dx, py = wm_step_get_y (step) - dy;

  if (wm_step_get_x (step) >= 0)
    {
      if (px >= 0 && py >= 0 && px < w && py < h)
        wm_step_set_point (step, px, py);
      else
        wm_step_set_point (step, -1, -1);
    }
  for (guint i = 0; i < marks->len; i++)
    {
      WmAnnotation *a = g_ptr_array_index (marks, i);

      wm_annotation_set_rect (a, wm_annotation_get_x (a) - dx, wm_annotation_get_y (a) - dy,
                              wm_annotation_get_width (a), wm_annotation_get_height (a));
    }
}

static void
crop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  WmStep *step = _wm_editor_get_current_step (self);
  GdkTexture *texture = wm_canvas_get_texture (self->canvas);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(WmImage) image = NULL;
  g_autoptr(GError) error = NULL;
  int x, y, w, h;

  g_variant_get (param, "(iiii)", &x, &y, &w, &h);
  if (step == NULL || texture == NULL || wm_canvas_get_step (self->canvas) != step)
    return;

  png = crop_texture (texture, x, y, w, h);
  if (png == NULL)
    return;
  image = wm_image_new_from_png (png, &error);
  if (image == NULL || !wm_store_add_image (self->store, image, &error))
    return _wm_editor_toast (self, error->message);

  _wm_editor_begin_edit (self, NULL);
  shift_step (step, MAX (x, 0), MAX (y, 0), wm_image_get_width (image),
              wm_image_get_height (image));
  wm_step_set_image_sha256 (step, wm_image_get_sha256 (image));
  _wm_editor_end_edit (self, FALSE);
  gtk_widget_activate_action (widget, "editor.tool", "s", "select");
}

/* The canvas speaks through the same actions as everything else. */
static void
on_rect_drawn (WmEditor   *self,
               const char *tool,
               int         x,
               int         y,
               int         w,
               int         h)
{
  if (g_str_equal (tool, "crop"))
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.crop", "(iiii)", x, y, w, h);
  else if (g_str_equal (tool, "callout"))
    {
      WmStep *step = _wm_editor_get_current_step (self);

      /* The text is typed in place, in the new mark's popover. */
      gtk_widget_activate_action (GTK_WIDGET (self), "editor.add-annotation", "(siiiis)", tool,
                                  x, y, w, h, "");
      gtk_widget_activate_action (GTK_WIDGET (self), "editor.tool", "s", "select");
      if (step != NULL)
        wm_canvas_select_mark (self->canvas, wm_step_get_annotations (step)->len - 1);
      wm_canvas_edit_selected (self->canvas);
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.add-annotation", "(siiiis)", tool,
                                x, y, w, h, "");
}

static void
on_mark_changed (WmEditor *self,
                 guint     index,
                 int       x,
                 int       y,
                 int       w,
                 int       h)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.set-annotation-rect", "(uiiii)", index,
                              x, y, w, h);
}

static void
on_hotspot_moved (WmEditor *self,
                  int       x,
                  int       y)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.move-hotspot", "(ii)", x, y);
}

/* Tools ------------------------------------------------------------------------------- */

static const struct {
  const char *name;
  const char *icon;
  const char *tooltip;
  const char *hint;
} tools[] = {
  { "select", "find-location-symbolic", N_("Select"),
    N_("Drag the red ring to where the reader should click; with no ring yet, click there. "
       "Click a mark to change it, drag it or its handles; Delete removes it") },
  { "crop", "wm-crop-symbolic", N_("Crop"), N_("Drag over the part of the screen to keep") },
  { "redact", "wm-redact-symbolic", N_("Redact"),
    N_("Drag over private details: they are covered here and in every export") },
  { "highlight", "wm-highlight-symbolic", N_("Highlight"), N_("Drag to highlight an area") },
  { "box", "wm-box-symbolic", N_("Box"), N_("Drag to draw a box") },
  { "arrow", "wm-arrow-symbolic", N_("Arrow"), N_("Drag from the tail to the tip") },
  { "callout", "wm-callout-symbolic", N_("Text Callout"), N_("Drag where the callout goes") },
};

static void
build_tool_buttons (WmEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      gtk_button_set_icon_name (GTK_BUTTON (button), tools[i].icon);
      gtk_widget_set_tooltip_text (button, _(tools[i].tooltip));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.tool");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_string (tools[i].name));
      gtk_box_append (self->tool_box, button);
    }
}

void
_wm_editor_tool_changed (WmEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    if (g_str_equal (tools[i].name, self->tool))
      gtk_label_set_text (self->tool_hint, _(tools[i].hint));
  wm_canvas_set_tool (self->canvas, self->tool);
}

static void
editor_constructed (GObject *object)
{
  WmEditor *self = WM_EDITOR (object);

  G_OBJECT_CLASS (g_type_class_peek_parent (G_OBJECT_GET_CLASS (object)))->constructed (object);

  build_tool_buttons (self);
  _wm_editor_tool_changed (self);
  g_signal_connect_swapped (self->canvas, "rect-drawn", G_CALLBACK (on_rect_drawn), self);
  g_signal_connect_swapped (self->canvas, "hotspot-moved", G_CALLBACK (on_hotspot_moved), self);
  g_signal_connect_swapped (self->canvas, "mark-changed", G_CALLBACK (on_mark_changed), self);
}

static void
add_bindings (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0,
                                       "editor.next-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0,
                                       "editor.previous-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "editor.next-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "editor.previous-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK,
                                       "editor.first-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, GDK_ALT_MASK,
                                       "editor.last-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up,
                                       GDK_ALT_MASK | GDK_SHIFT_MASK, "editor.move-step-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down,
                                       GDK_ALT_MASK | GDK_SHIFT_MASK, "editor.move-step-down",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "editor.delete-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "editor.duplicate-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "editor.merge-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.paste-image",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "editor.export", NULL);
}

void
_wm_editor_class_add_actions (GtkWidgetClass *widget_class)
{
  GObjectClass *object_class = G_OBJECT_CLASS (widget_class);
  static const struct { const char *name; const char *type; GtkWidgetActionActivateFunc cb; } a[] = {
    { "editor.undo", NULL, undo_action },
    { "editor.redo", NULL, undo_action },
    { "editor.select-step", "u", select_step_action },
    { "editor.next-step", NULL, select_step_action },
    { "editor.previous-step", NULL, select_step_action },
    { "editor.first-step", NULL, select_step_action },
    { "editor.last-step", NULL, select_step_action },
    { "editor.move-step", "(uu)", move_step_action },
    { "editor.move-step-up", NULL, move_step_action },
    { "editor.move-step-down", NULL, move_step_action },
    { "editor.delete-step", NULL, delete_step_action },
    { "editor.duplicate-step", NULL, duplicate_step_action },
    { "editor.insert-step", NULL, insert_step_action },
    { "editor.merge-step", NULL, merge_step_action },
    { "editor.split-step", NULL, split_step_action },
    { "editor.add-image", "s", add_image_action },
    { "editor.add-image-file", NULL, add_image_file_action },
    { "editor.paste-image", NULL, paste_image_action },
    { "editor.set-instruction", "s", set_text_action },
    { "editor.set-notes", "s", set_text_action },
    { "editor.set-title", "s", set_text_action },
    { "editor.set-summary", "s", set_text_action },
    { "editor.toggle-role", "s", role_action },
    { "editor.add-role", "s", role_action },
    { "editor.add-annotation", "(siiiis)", add_annotation_action },
    { "editor.remove-last-annotation", NULL, remove_last_annotation_action },
    { "editor.set-annotation-rect", "(uiiii)", set_annotation_rect_action },
    { "editor.nudge-annotation", "(ii)", nudge_annotation_action },
    { "editor.delete-annotation", NULL, delete_annotation_action },
    { "editor.set-annotation-kind", "s", set_annotation_kind_action },
    { "editor.set-annotation-text", "s", set_annotation_text_action },
    { "editor.move-hotspot", "(ii)", move_hotspot_action },
    { "editor.crop", "(iiii)", crop_action },
  };

  object_class->constructed = editor_constructed;

  for (guint i = 0; i < G_N_ELEMENTS (a); i++)
    gtk_widget_class_install_action (widget_class, a[i].name, a[i].type, a[i].cb);
  gtk_widget_class_install_property_action (widget_class, "editor.tool", "tool");
  gtk_widget_class_install_property_action (widget_class, "editor.set-stage", "stage");
  add_bindings (widget_class);
}
