/* wm-editor.c — the tutorial editor: steps, canvas, instruction, notes and tags
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-editor-private.h"
#include "wm-list-growth.h"
#include "wm-step-row.h"
#include "wm-toast.h"
#include "wm-util.h"

/* Typing is written after this pause, and at once when the editor closes. */
#define SAVE_DELAY_MS 300

G_DEFINE_FINAL_TYPE (WmEditor, wm_editor, GTK_TYPE_WIDGET)


static void show_current_step (WmEditor *self);

/* Accessors --------------------------------------------------------------------------- */

WmTutorial *
wm_editor_get_tutorial (WmEditor *self)
{
  g_return_val_if_fail (WM_IS_EDITOR (self), NULL);
  return self->tutorial;
}

const char *
wm_editor_get_tutorial_id (WmEditor *self)
{
  g_return_val_if_fail (WM_IS_EDITOR (self), NULL);
  return self->tutorial ? wm_tutorial_get_id (self->tutorial) : NULL;
}

const char *
wm_editor_get_title (WmEditor *self)
{
  g_return_val_if_fail (WM_IS_EDITOR (self), NULL);
  return self->tutorial ? wm_tutorial_get_title (self->tutorial) : NULL;
}

guint
wm_editor_get_selected (WmEditor *self)
{
  g_return_val_if_fail (WM_IS_EDITOR (self), GTK_INVALID_LIST_POSITION);
  return gtk_single_selection_get_selected (self->selection);
}

WmCanvas *
wm_editor_get_canvas (WmEditor *self)
{
  g_return_val_if_fail (WM_IS_EDITOR (self), NULL);
  return self->canvas;
}

gboolean
wm_editor_is_canvas_ready (WmEditor *self)
{
  WmStep *step;

  g_return_val_if_fail (WM_IS_EDITOR (self), FALSE);

  step = _wm_editor_get_current_step (self);
  return step == NULL || wm_step_get_image_sha256 (step) == NULL ||
         (wm_canvas_get_step (self->canvas) == step &&
          wm_canvas_get_texture (self->canvas) != NULL);
}

WmStep *
_wm_editor_get_current_step (WmEditor *self)
{
  return self->tutorial ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

void
_wm_editor_toast_full (WmEditor   *self,
                       const char *message,
                       const char *button_label,
                       const char *action_name,
                       GVariant   *target)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", message);
      if (target != NULL)
        g_variant_unref (g_variant_ref_sink (target));
      return;
    }

  toast = wm_toast_new (message, button_label, action_name, target);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
_wm_editor_toast (WmEditor   *self,
                  const char *message)
{
  _wm_editor_toast_full (self, message, NULL, NULL, NULL);
}

/* Saving ------------------------------------------------------------------------------ */

static void
save_now (WmEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->tutorial == NULL || self->store == NULL)
    return;

  /* Only what the edits changed is written, so an edit costs the same in a long tutorial
   * as in a short one. What failed stays marked and is written with the next save. */
  if (!wm_store_save_edit (self->store, self->tutorial, self->edited, &error))
    _wm_editor_toast (self, error->message);
  else
    g_ptr_array_set_size (self->edited, 0);
}

/* Every edit goes through _wm_editor_begin_edit(), which marks the step it is about to
 * change: the next save writes it, the next snapshot makes its part again. */
static void
mark_edited (WmEditor *self,
             WmStep   *step)
{
  if (step == NULL)
    return;
  g_hash_table_remove (self->snapshots, step);
  if (!g_ptr_array_find (self->edited, step, NULL))
    g_ptr_array_add (self->edited, g_object_ref (step));
}

void
_wm_editor_flush (WmEditor *self)
{
  if (self->save_id != 0)
    save_now (self);
}

static gboolean
save_timeout (gpointer user_data)
{
  WmEditor *self = user_data;

  self->save_id = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

/* A step's part of the undo state is made once and kept until an edit touches the step, so
 * an edit's snapshot costs what changed, not the whole tutorial. */
static GVariant *
step_snapshot (WmStep   *step,
               gpointer  user_data)
{
  WmEditor *self = user_data;
  GVariant *part = g_hash_table_lookup (self->snapshots, step);

  if (part == NULL)
    {
      part = g_variant_ref_sink (wm_step_serialize (step));
      g_hash_table_insert (self->snapshots, g_object_ref (step), part);
    }

  return part;
}

GVariant *
_wm_editor_capture_state (WmEditor *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  return g_variant_new ("(u@" WM_TUTORIAL_VARIANT_TYPE ")", selected,
                        wm_tutorial_serialize_with (self->tutorial, step_snapshot, self));
}

void
_wm_editor_begin_edit (WmEditor   *self,
                       const char *coalesce_key)
{
  g_return_if_fail (self->tutorial != NULL);

  wm_undo_stack_push (self->undo, _wm_editor_capture_state (self), coalesce_key);
  /* Every edit changes the tutorial's own fields, the current step or which steps there are
   * (which the store sees for itself). */
  mark_edited (self, _wm_editor_get_current_step (self));
}

void
_wm_editor_end_edit (WmEditor *self,
                     gboolean  typing)
{
  if (typing)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
      return;
    }

  save_now (self);
  _wm_editor_refresh (self);
}

/* Undo restores what a person sees (content and tags), never the review state, which
 * only the review workflow changes. */
void
_wm_editor_restore_state (WmEditor *self,
                          GVariant *state)
{
  g_autoptr(GVariant) snapshot = NULL;
  g_autoptr(WmTutorial) before = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *steps;
  guint selected;

  g_variant_get (state, "(u@" WM_TUTORIAL_VARIANT_TYPE ")", &selected, &snapshot);
  before = wm_tutorial_deserialize (snapshot, &error);
  if (before == NULL)
    return _wm_editor_toast (self, error->message);

  g_hash_table_remove_all (self->snapshots);
  self->updating++;
  wm_tutorial_set_title (self->tutorial, wm_tutorial_get_title (before));
  wm_tutorial_set_summary (self->tutorial, wm_tutorial_get_summary (before));
  wm_tutorial_set_stage (self->tutorial, wm_tutorial_get_stage (before));
  wm_tutorial_set_roles (self->tutorial, wm_tutorial_get_roles (before));
  wm_tutorial_clear_steps (self->tutorial);
  steps = wm_tutorial_get_steps (before);
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(WmStep) step = g_list_model_get_item (steps, i);

      wm_tutorial_append_step (self->tutorial, step);
      mark_edited (self, step);
    }
  self->updating--;

  save_now (self);
  _wm_editor_select (self, selected);
  _wm_editor_refresh (self);
}

/* Filling the UI ---------------------------------------------------------------------- */

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *old = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  old = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (old, text ?: "") != 0)
    gtk_text_buffer_set_text (buffer, text ?: "", -1);
}

static char *
get_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_entry (GtkEditable *editable,
           const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text ?: "") != 0)
    gtk_editable_set_text (editable, text ?: "");
}

static void
refresh_roles (WmEditor *self)
{
  g_auto(GStrv) known = wm_store_list_roles (self->store, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *mine = wm_tutorial_get_roles (self->tutorial);
  g_auto(GStrv) all = NULL;
  GtkWidget *child;

  /* The chips: every role the library knows, plus this tutorial's own. */
  for (guint i = 0; known && known[i]; i++)
    if (known[i][0] != '\0')
      g_strv_builder_add (builder, known[i]);
  for (guint i = 0; mine && mine[i]; i++)
    if (known == NULL || !g_strv_contains ((const char * const *) known, mine[i]))
      g_strv_builder_add (builder, mine[i]);
  all = g_strv_builder_end (builder);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->roles_box))))
    gtk_flow_box_remove (self->roles_box, child);
  for (guint i = 0; all[i]; i++)
    {
      GtkWidget *chip = gtk_toggle_button_new_with_label (all[i]);

      gtk_widget_add_css_class (chip, "chip");
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip),
                                    wm_tutorial_has_role (self->tutorial, all[i]));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (chip), "editor.toggle-role");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (chip),
                                              g_variant_new_string (all[i]));
      gtk_flow_box_append (self->roles_box, chip);
    }
}

static void
refresh_header (WmEditor *self)
{
  guint n = g_list_model_get_n_items (wm_tutorial_get_steps (self->tutorial));
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step · %s",
                                                            "%u steps · %s", n),
                                               n, wm_stage_get_title (wm_tutorial_get_stage (self->tutorial)));
  g_autofree char *status = g_strdup_printf (_("%s · version %u · by %s"),
                                             wm_status_get_title (wm_tutorial_get_status (self->tutorial)),
                                             wm_tutorial_get_version (self->tutorial),
                                             wm_tutorial_get_author (self->tutorial) ?: _("unknown"));

  adw_window_title_set_title (self->window_title, wm_tutorial_get_title (self->tutorial));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_label_set_text (self->status_label, status);
}

void
_wm_editor_refresh (WmEditor *self)
{
  if (self->tutorial == NULL)
    return;

  self->updating++;
  refresh_header (self);
  set_entry (GTK_EDITABLE (self->title_row), wm_tutorial_get_title (self->tutorial));
  set_text_view (self->summary_view, wm_tutorial_get_summary (self->tutorial));
  g_object_notify (G_OBJECT (self), "stage");
  refresh_roles (self);
  show_current_step (self);
  self->updating--;
}

/* The canvas and the step form -------------------------------------------------------- */

/* A long tutorial opens with one screenful of step rows (GTK 4.8's list view would make
 * ~200 at once) and the canvas; then the list grows a few rows per idle to every step. The
 * slice starts at 0, so positions in it are positions in the tutorial. */
#define FIRST_STEP_ROWS 16
#define GROW_STEP_ROWS 48

static void
show_all_steps (WmEditor *self)
{
  g_clear_handle_id (&self->grow_id, g_source_remove);
  gtk_slice_list_model_set_size (self->shown_steps, G_MAXUINT);
}

static gboolean
grow_steps (gpointer user_data)
{
  WmEditor *self = user_data;

  if (wm_list_grow_slice (self->shown_steps, GROW_STEP_ROWS))
    return G_SOURCE_CONTINUE;

  self->grow_id = 0;
  return G_SOURCE_REMOVE;
}

static void
release_thumbnails (WmEditor *self)
{
  if (self->holding_thumbnails)
    wm_thumbnailer_release (self->thumbnailer);
  self->holding_thumbnails = FALSE;
}

static void
canvas_shown (WmEditor *self)
{
  release_thumbnails (self);
  if (self->grow_id == 0 && gtk_slice_list_model_get_size (self->shown_steps) != G_MAXUINT)
    self->grow_id = g_idle_add_full (G_PRIORITY_LOW, grow_steps, self, NULL);
}

static void
image_loaded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WmEditor) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  WmStep *step;

  texture = wm_thumbnailer_load_finish (WM_THUMBNAILER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  canvas_shown (self);
  if (texture == NULL)
    return _wm_editor_toast (self, error->message);

  step = _wm_editor_get_current_step (self);
  if (step != NULL)
    wm_canvas_set_step (self->canvas, step, texture);
}

static void
show_canvas_image (WmEditor *self,
                   WmStep   *step)
{
  const char *sha = wm_step_get_image_sha256 (step);
  GdkTexture *cached = sha ? wm_thumbnailer_lookup (self->full_images, sha) : NULL;

  g_cancellable_cancel (self->image_cancellable);
  g_clear_object (&self->image_cancellable);

  /* Keep the previous screenshot up while the next decodes: no flash of empty canvas. */
  if (cached != NULL || sha == NULL)
    wm_canvas_set_step (self->canvas, step, cached);
  if (sha == NULL || cached != NULL)
    return canvas_shown (self);

  /* The step list's thumbnails wait for the canvas: it is what the author looks at first. */
  if (!self->holding_thumbnails)
    wm_thumbnailer_hold (self->thumbnailer);
  self->holding_thumbnails = TRUE;
  self->image_cancellable = g_cancellable_new ();
  wm_thumbnailer_load_async (self->full_images, sha, self->image_cancellable, image_loaded,
                             g_object_ref (self));
}

static void
show_current_step (WmEditor *self)
{
  WmStep *step = _wm_editor_get_current_step (self);
  g_autofree char *number = NULL;

  gtk_stack_set_visible_child_name (self->content_stack, step ? "step" : "empty");
  if (step == NULL)
    {
      wm_canvas_set_step (self->canvas, NULL, NULL);
      return;
    }

  self->updating++;
  number = g_strdup_printf ("%u", wm_step_get_position (step) + 1);
  gtk_label_set_text (self->step_number, number);
  set_entry (GTK_EDITABLE (self->instruction_entry), wm_step_get_instruction (step));
  gtk_widget_set_visible (self->generated_label,
                          !wm_step_get_instruction_edited (step) &&
                          wm_step_get_instruction (step) != NULL);
  gtk_widget_set_visible (self->incomplete_label, wm_step_get_incomplete (step));
  set_text_view (self->notes_view, wm_step_get_notes (step));
  /* A tool is for one step: the next step starts with Select. */
  if (wm_canvas_get_step (self->canvas) != NULL &&
      g_strcmp0 (wm_step_get_id (wm_canvas_get_step (self->canvas)), wm_step_get_id (step)) != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.tool", "s", "select");
  show_canvas_image (self, step);
  wm_canvas_refresh (self->canvas);
  self->updating--;
}

void
_wm_editor_select (WmEditor *self,
                   guint     position)
{
  guint n = g_list_model_get_n_items (wm_tutorial_get_steps (self->tutorial));

  if (n == 0)
    return show_current_step (self);

  position = MIN (position, n - 1);
  if (position >= gtk_slice_list_model_get_size (self->shown_steps))
    show_all_steps (self);
  wm_undo_stack_break (self->undo);
  gtk_single_selection_set_selected (self->selection, position);
  /* GTK 4.8 has no gtk_list_view_scroll_to(); the list's own action does it. */
  gtk_widget_activate_action (GTK_WIDGET (self->step_list), "list.scroll-to-item", "u", position);
  show_current_step (self);
}

static void
on_selection_changed (WmEditor *self)
{
  if (self->updating == 0)
    {
      wm_undo_stack_break (self->undo);
      show_current_step (self);
    }
}

/* Text fields ------------------------------------------------------------------------- */

static void
on_instruction_changed (WmEditor *self)
{
  WmStep *step = _wm_editor_get_current_step (self);
  g_autofree char *key = NULL;

  if (self->updating || step == NULL)
    return;

  key = g_strconcat ("instruction:", wm_step_get_id (step), NULL);
  _wm_editor_begin_edit (self, key);
  /* From here on the text is the author's, and capture never rewrites it. */
  wm_step_set_instruction (step, gtk_editable_get_text (GTK_EDITABLE (self->instruction_entry)));
  gtk_widget_set_visible (self->generated_label, FALSE);
  gtk_widget_set_visible (self->incomplete_label, FALSE);
  _wm_editor_end_edit (self, TRUE);
}

static void
on_notes_changed (WmEditor *self)
{
  WmStep *step = _wm_editor_get_current_step (self);
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;

  if (self->updating || step == NULL)
    return;

  key = g_strconcat ("notes:", wm_step_get_id (step), NULL);
  text = get_text_view (self->notes_view);
  _wm_editor_begin_edit (self, key);
  wm_step_set_notes (step, wm_str_or_null (text));
  _wm_editor_end_edit (self, TRUE);
}

static void
on_title_changed (WmEditor *self)
{
  g_autofree char *title = NULL;

  if (self->updating || self->tutorial == NULL)
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  if (title[0] == '\0')
    return;   /* a tutorial always has a title; the empty field is mid-edit */

  _wm_editor_begin_edit (self, "title");
  wm_tutorial_set_title (self->tutorial, title);
  refresh_header (self);
  _wm_editor_end_edit (self, TRUE);
}

static void
on_summary_changed (WmEditor *self)
{
  g_autofree char *text = NULL;

  if (self->updating || self->tutorial == NULL)
    return;

  text = get_text_view (self->summary_view);
  _wm_editor_begin_edit (self, "summary");
  wm_tutorial_set_summary (self->tutorial, wm_str_or_null (text));
  _wm_editor_end_edit (self, TRUE);
}

static void
on_new_role (WmEditor *self)
{
  g_autofree char *role = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_role_entry))));

  if (role[0] == '\0')
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.add-role", "s", role);
  gtk_editable_set_text (GTK_EDITABLE (self->new_role_entry), "");
}

/* Stage rows -------------------------------------------------------------------------- */

static void
build_stage_rows (WmEditor *self)
{
  GtkCheckButton *group = NULL;

  for (guint i = 0; i < WM_N_STAGES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wm_stage_get_title (i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), wm_stage_get_question (i));
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "editor.set-stage");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (check),
                                              g_variant_new_string (wm_stage_to_string (i)));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->stage_group, row);
      group = group ? group : GTK_CHECK_BUTTON (check);
    }
}

/* The step list: rows, drag to reorder ------------------------------------------------ */

static GdkContentProvider *
row_drag_prepare (GtkDragSource *source,
                  double         x,
                  double         y,
                  WmStepRow     *row)
{
  WmStep *step = wm_step_row_get_step (row);

  if (step == NULL)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_UINT, wm_step_get_position (step));
}

static void
row_drag_begin (GtkDragSource *source,
                GdkDrag       *drag,
                WmStepRow     *row)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (row));

  gtk_drag_source_set_icon (source, icon, 20, 20);
}

static gboolean
row_drop (GtkDropTarget *target,
          const GValue  *value,
          double         x,
          double         y,
          WmStepRow     *row)
{
  WmStep *step = wm_step_row_get_step (row);

  if (step == NULL || !G_VALUE_HOLDS_UINT (value))
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (row), "editor.move-step", "(uu)",
                              g_value_get_uint (value), wm_step_get_position (step));
  return TRUE;
}

static void
setup_step_row (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                WmEditor                 *self)
{
  GtkWidget *row = wm_step_row_new (self->thumbnailer);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (row_drag_prepare), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (row_drag_begin), row);
  g_signal_connect (target, "drop", G_CALLBACK (row_drop), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
  gtk_list_item_set_child (item, row);
}

static void
bind_step_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               WmEditor                 *self)
{
  wm_step_row_set_step (WM_STEP_ROW (gtk_list_item_get_child (item)),
                        gtk_list_item_get_item (item));
}

static void
unbind_step_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 WmEditor                 *self)
{
  wm_step_row_set_step (WM_STEP_ROW (gtk_list_item_get_child (item)), NULL);
}

/* Open and close ---------------------------------------------------------------------- */

void
wm_editor_set_context (WmEditor      *self,
                       WmStore       *store,
                       GSettings     *settings,
                       WmThumbnailer *thumbnailer)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (WM_IS_EDITOR (self));

  g_set_object (&self->store, store);
  g_set_object (&self->settings, settings);
  g_set_object (&self->thumbnailer, thumbnailer);
  g_clear_object (&self->full_images);
  /* -1 × -1: full size. Four screens stay decoded for quick stepping back and forth. */
  self->full_images = wm_thumbnailer_new (store, -1, -1, 4);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_step_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_step_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_step_row), self);
  gtk_list_view_set_factory (self->step_list, factory);
}

/* A bar of the readers' funnel: the step where readers leave, opened to fix it. */
static void
on_signals_step_activated (WmSignalsView *view,
                           guint          step,
                           WmEditor      *self)
{
  if (self->tutorial != NULL && step > 0 && step <= wm_tutorial_get_n_steps (self->tutorial))
    _wm_editor_select (self, step - 1);
}

gboolean
wm_editor_open (WmEditor    *self,
                const char  *id,
                GError     **error)
{
  g_autoptr(WmTutorial) tutorial = NULL;

  g_return_val_if_fail (WM_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  wm_editor_close (self);
  tutorial = wm_store_load_tutorial (self->store, id, TRUE, error);
  if (tutorial == NULL)
    return FALSE;

  self->tutorial = g_steal_pointer (&tutorial);
  wm_undo_stack_clear (self->undo);
  self->updating++;
  gtk_slice_list_model_set_size (self->shown_steps, FIRST_STEP_ROWS);
  gtk_slice_list_model_set_model (self->shown_steps, wm_tutorial_get_steps (self->tutorial));
  gtk_single_selection_set_selected (self->selection, 0);
  self->updating--;
  _wm_editor_refresh (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->step_list));

  wm_signals_view_load (self->signals_view, self->store, id);
  return TRUE;
}

void
wm_editor_close (WmEditor *self)
{
  g_return_if_fail (WM_IS_EDITOR (self));

  if (self->save_id != 0)
    save_now (self);
  wm_editor_forget (self);
}

void
wm_editor_forget (WmEditor *self)
{
  g_return_if_fail (WM_IS_EDITOR (self));

  wm_signals_view_load (self->signals_view, NULL, NULL);
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_cancellable_cancel (self->image_cancellable);
  g_clear_object (&self->image_cancellable);
  release_thumbnails (self);
  g_clear_handle_id (&self->grow_id, g_source_remove);
  self->updating++;
  gtk_slice_list_model_set_model (self->shown_steps, NULL);
  self->updating--;
  wm_canvas_set_step (self->canvas, NULL, NULL);
  g_clear_object (&self->tutorial);
  if (self->edited)
    g_ptr_array_set_size (self->edited, 0);
  if (self->snapshots)
    g_hash_table_remove_all (self->snapshots);
  if (self->undo)
    wm_undo_stack_clear (self->undo);
}

static void
wm_editor_dispose (GObject *object)
{
  WmEditor *self = WM_EDITOR (object);
  GtkWidget *child;

  wm_editor_close (self);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->chooser);
  g_clear_object (&self->export_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_EDITOR);
  /* The template's top box has no id, so dispose_template() leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown_steps);
  g_clear_object (&self->undo);
  g_clear_pointer (&self->edited, g_ptr_array_unref);
  g_clear_pointer (&self->snapshots, g_hash_table_unref);
  g_clear_object (&self->full_images);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wm_editor_parent_class)->dispose (object);
}

static void
wm_editor_finalize (GObject *object)
{
  g_clear_pointer (&WM_EDITOR (object)->tool, g_free);
  g_clear_pointer (&WM_EDITOR (object)->published_link, g_free);

  G_OBJECT_CLASS (wm_editor_parent_class)->finalize (object);
}

/* Properties: "tool" (the canvas tool) and "stage" (the tutorial's, for a property action) */

enum {
  PROP_0,
  PROP_TOOL,
  PROP_STAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_editor_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WmEditor *self = WM_EDITOR (object);

  if (prop_id == PROP_TOOL)
    g_value_set_string (value, self->tool);
  else if (prop_id == PROP_STAGE)
    g_value_set_string (value, self->tutorial
                               ? wm_stage_to_string (wm_tutorial_get_stage (self->tutorial))
                               : "");
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
wm_editor_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  WmEditor *self = WM_EDITOR (object);

  if (prop_id == PROP_STAGE)
    {
      _wm_editor_set_stage (self, g_value_get_string (value));
      return;
    }
  if (prop_id != PROP_TOOL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (wm_set_str (&self->tool, g_value_get_string (value) ?: "select"))
    {
      _wm_editor_tool_changed (self);
      g_object_notify_by_pspec (object, pspec);
    }
}

static void
wm_editor_class_init (WmEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_editor_dispose;
  object_class->finalize = wm_editor_finalize;
  object_class->get_property = wm_editor_get_property;
  object_class->set_property = wm_editor_set_property;

  properties[PROP_TOOL] = g_param_spec_string ("tool", NULL, NULL, "select",
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE] = g_param_spec_string ("stage", NULL, NULL, "",
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (WM_TYPE_CANVAS);
  g_type_ensure (WM_TYPE_SIGNALS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/ui/wm-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, WmEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, flap);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, step_list);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, content_stack);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, tool_box);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, tool_hint);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, canvas);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, step_number);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, instruction_entry);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, generated_label);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, incomplete_label);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, summary_view);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, stage_group);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, roles_box);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, new_role_entry);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, signals_view);
  gtk_widget_class_bind_template_callback (widget_class, on_signals_step_activated);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, WmEditor, export_progress);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "editor");

  _wm_editor_class_add_actions (widget_class);
  _wm_editor_class_add_export_actions (widget_class);
}

static void
update_undo_actions (WmEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo",
                                 wm_undo_stack_can_undo (self->undo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo",
                                 wm_undo_stack_can_redo (self->undo));
}

static void
wm_editor_init (WmEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tool = g_strdup ("select");
  self->undo = wm_undo_stack_new (200);
  self->edited = g_ptr_array_new_with_free_func (g_object_unref);
  self->snapshots = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                           (GDestroyNotify) g_variant_unref);
  /* Undo and Redo are offered only when there is something to undo or redo. */
  g_signal_connect_swapped (self->undo, "notify::can-undo", G_CALLBACK (update_undo_actions), self);
  g_signal_connect_swapped (self->undo, "notify::can-redo", G_CALLBACK (update_undo_actions), self);
  update_undo_actions (self);
  self->shown_steps = gtk_slice_list_model_new (NULL, 0, G_MAXUINT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown_steps)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_list_view_set_model (self->step_list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (on_selection_changed), self);

  g_signal_connect_swapped (self->instruction_entry, "changed",
                            G_CALLBACK (on_instruction_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (on_notes_changed), self);
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (on_title_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->summary_view), "changed",
                            G_CALLBACK (on_summary_changed), self);
  g_signal_connect_swapped (self->new_role_entry, "activate", G_CALLBACK (on_new_role), self);
  g_signal_connect_swapped (self->new_role_entry, "icon-release", G_CALLBACK (on_new_role),
                            self);
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->notes_view), FALSE);
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->summary_view), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->title_row), FALSE);

  build_stage_rows (self);
}
