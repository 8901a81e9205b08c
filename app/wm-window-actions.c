/* wm-window-actions.c — the window's actions: new, duplicate, delete, record, review, filter
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-record-dialog.h"
#include "wm-toast.h"
#include "wm-window-private.h"

/* Review and pages --------------------------------------------------------------------- */

static void
review_tutorial_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  _wm_window_review_tutorial (WM_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* From the editor: what the reviewer said, and the submit. Edits are saved first. */
static void
review_current_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  g_autofree char *id = NULL;

  if (self->editor == NULL)
    return;
  id = g_strdup (wm_editor_get_tutorial_id (self->editor));
  if (id == NULL)
    return;

  wm_editor_close (self->editor);
  wm_window_library_changed (self);
  _wm_window_review_tutorial (self, id);
}

static void
show_review_queue_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  gboolean made = self->review_queue == NULL;

  gtk_stack_set_visible_child_name (self->main_stack, "library");
  adw_view_stack_set_visible_child_name (self->view_stack, "review");
  /* A queue made just now has loaded already. */
  if (!made)
    wm_review_queue_reload (_wm_window_ensure_review_queue (self));
}

static void
show_library_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  _wm_window_show_library (WM_WINDOW (widget), "library");
}

static void
show_journey_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  _wm_window_show_library (WM_WINDOW (widget), "journey");
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  _wm_window_show_library (self, "library");
  wm_library_page_focus_search (self->library_page);
}

static void
open_tutorial_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  wm_window_open_tutorial (WM_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* New, duplicate, delete -------------------------------------------------------------- */

static char *
author_name (WmWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "author-name");

  if (name[0] != '\0')
    return g_steal_pointer (&name);

  return g_strdup (g_get_real_name ());
}

static WmTutorial *
new_tutorial (WmWindow           *self,
              const char         *title,
              WmStage             stage,
              const char * const *roles)
{
  g_autoptr(WmTutorial) tutorial = wm_tutorial_new (title);
  g_auto(GStrv) defaults = g_settings_get_strv (self->settings, "default-roles");
  g_autofree char *author = author_name (self);

  wm_tutorial_set_stage (tutorial, stage);
  wm_tutorial_set_roles (tutorial, roles ? roles : (const char * const *) defaults);
  wm_tutorial_set_author (tutorial, author);
  wm_tutorial_set_steps_loaded (tutorial, TRUE);

  return g_steal_pointer (&tutorial);
}

static void
new_tutorial_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  g_autoptr(WmTutorial) tutorial = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  tutorial = new_tutorial (self, _("Untitled Tutorial"), WM_STAGE_ORIENTATION, NULL);
  if (!wm_store_save_tutorial (self->store, tutorial, &error))
    return _wm_window_toast_error (self, error);

  wm_window_library_changed (self);
  wm_window_open_tutorial (self, wm_tutorial_get_id (tutorial));
}

static void
duplicate_tutorial_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  const char *id = g_variant_get_string (param, NULL);
  g_autoptr(WmTutorial) original = NULL;
  g_autoptr(WmTutorial) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_id = g_uuid_string_random ();
  g_autofree char *title = NULL;

  original = wm_store_load_tutorial (self->store, id, TRUE, &error);
  if (original == NULL)
    return _wm_window_toast_error (self, error);

  /* A copy is a new tutorial: its own id and link, a fresh draft with no review past. */
  copy = wm_tutorial_copy (original);
  title = g_strdup_printf (_("%s (Copy)"), wm_tutorial_get_title (original));
  wm_tutorial_set_id (copy, new_id);
  wm_tutorial_set_slug (copy, NULL);
  wm_tutorial_set_title (copy, title);
  wm_tutorial_set_status (copy, WM_STATUS_DRAFT);
  wm_tutorial_set_version (copy, 1);
  wm_tutorial_set_approved_version (copy, 0);
  wm_tutorial_set_contributor (copy, NULL);
  wm_tutorial_set_created_at (copy, 0);
  for (guint i = 0; i < g_list_model_get_n_items (wm_tutorial_get_steps (copy)); i++)
    {
      g_autofree char *step_id = g_uuid_string_random ();

      wm_step_set_id (wm_tutorial_get_step (copy, i), step_id);
    }

  if (!wm_store_save_tutorial (self->store, copy, &error))
    return _wm_window_toast_error (self, error);

  wm_window_library_changed (self);
  wm_window_toast (self, _("Tutorial duplicated"), _("_Open"), "win.open-tutorial",
                   g_variant_new_string (new_id));
}

void
_wm_window_collect_garbage (WmWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  /* Screenshots of deleted tutorials go only once no undo can bring them back. */
  if (self->store && self->deleted->len == 0 &&
      !wm_store_collect_garbage (self->store, &n, &error))
    g_warning ("Cannot tidy the library: %s", error->message);
}

static void
on_delete_toast_dismissed (AdwToast *toast,
                           WmWindow *self)
{
  WmTutorial *snapshot = g_object_get_data (G_OBJECT (toast), "snapshot");

  /* Toasts are dismissed when the window goes too. */
  if (self->deleted == NULL)
    return;
  g_ptr_array_remove (self->deleted, snapshot);
  _wm_window_collect_garbage (self);
}

static void
delete_tutorial_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  const char *id = g_variant_get_string (param, NULL);
  g_autoptr(WmTutorial) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  snapshot = wm_store_load_tutorial (self->store, id, TRUE, &error);
  if (snapshot == NULL || !wm_store_delete_tutorial (self->store, id, &error))
    return _wm_window_toast_error (self, error);

  if (self->editor != NULL && g_strcmp0 (wm_editor_get_tutorial_id (self->editor), id) == 0)
    {
      wm_editor_forget (self->editor);
      _wm_window_show_library (self, "library");
    }

  g_ptr_array_add (self->deleted, g_object_ref (snapshot));
  wm_window_library_changed (self);

  title = g_strdup_printf (_("“%s” deleted"), wm_tutorial_get_title (snapshot));
  toast = wm_toast_new (title, _("_Undo"), "win.undo-delete", g_variant_new_string (id));
  adw_toast_set_timeout (toast, 8);
  g_object_set_data_full (G_OBJECT (toast), "snapshot", g_object_ref (snapshot), g_object_unref);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  const char *id = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->deleted->len; i++)
    {
      WmTutorial *snapshot = g_ptr_array_index (self->deleted, i);

      if (!g_str_equal (wm_tutorial_get_id (snapshot), id))
        continue;

      if (!wm_store_save_tutorial (self->store, snapshot, &error))
        return _wm_window_toast_error (self, error);
      g_ptr_array_remove_index (self->deleted, i);
      wm_window_library_changed (self);
      return;
    }
}

/* Filters as actions (the journey map's cells, tests) --------------------------------- */

static void
filter_journey_cell_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  const char *role, *stage;

  g_variant_get (param, "(&s&s)", &role, &stage);
  wm_library_page_set_filters (self->library_page, stage, role, "", "");
  _wm_window_show_library (self, "library");
}

static void
filter_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  const char *value = g_variant_get_string (param, NULL);

  if (g_str_equal (action_name, "win.filter-stage"))
    wm_library_page_set_filters (self->library_page, value, NULL, NULL, NULL);
  else if (g_str_equal (action_name, "win.filter-role"))
    wm_library_page_set_filters (self->library_page, NULL, value, NULL, NULL);
  else if (g_str_equal (action_name, "win.filter-status"))
    wm_library_page_set_filters (self->library_page, NULL, NULL, value, NULL);
  else
    wm_library_page_set_filters (self->library_page, NULL, NULL, NULL, value);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  wm_library_page_set_filters (self->library_page, "", "", "", "");
}

/* Recording --------------------------------------------------------------------------- */

static void
on_recording_finished (WmWindow         *self,
                       const char       *tutorial_id,
                       WmRecorderWindow *controller)
{
  gtk_window_destroy (GTK_WINDOW (controller));
  self->recorder_window = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_window_present (GTK_WINDOW (self));
  wm_window_library_changed (self);
  wm_window_open_tutorial (self, tutorial_id);
}

static void
start_recording_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  g_autoptr(WmTutorial) tutorial = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **roles = NULL;
  g_autofree char *backend = NULL;
  const char *title, *stage_nick;
  WmStage stage = WM_STAGE_ORIENTATION;
  WmRecorderWindow *controller;

  if (self->store == NULL || self->recorder_window != NULL)
    return;

  g_variant_get (param, "(&s&s^a&s)", &title, &stage_nick, &roles);
  wm_stage_from_string (stage_nick, &stage);
  tutorial = new_tutorial (self, title[0] ? title : _("Untitled Tutorial"), stage,
                           roles[0] ? roles : NULL);
  if (!wm_store_save_tutorial (self->store, tutorial, &error))
    return _wm_window_toast_error (self, error);

  backend = g_settings_get_string (self->settings, "capture-backend");
  controller = wm_recorder_window_new (self->store, wm_tutorial_get_id (tutorial),
                                       g_str_equal (backend, "automatic") ? NULL : backend,
                                       &error);
  if (controller == NULL)
    {
      /* Nothing was recorded: the empty tutorial would only be clutter. */
      wm_store_delete_tutorial (self->store, wm_tutorial_get_id (tutorial), NULL);
      return _wm_window_toast_error (self, error);
    }

  self->recorder_window = controller;
  g_signal_connect_object (controller, "finished", G_CALLBACK (on_recording_finished), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_application (GTK_WINDOW (controller),
                              gtk_window_get_application (GTK_WINDOW (self)));
  if (g_settings_get_boolean (self->settings, "hide-window-while-recording"))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_window_present (GTK_WINDOW (controller));
}

static void
on_record_response (WmWindow        *self,
                    const char      *response,
                    WmRecordDialog  *dialog)
{
  g_autoptr(GVariant) request = NULL;

  if (!g_str_equal (response, "record"))
    return;

  request = g_variant_ref_sink (wm_record_dialog_get_request (dialog));
  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.start-recording", request);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  WmRecordDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = wm_record_dialog_new (GTK_WINDOW (self), self->store, self->settings);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_record_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_tutorial_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  if (wm_window_open_tutorial (self, g_variant_get_string (param, NULL)))
    gtk_widget_activate_action (GTK_WIDGET (self->editor), "editor.export", NULL);
}

void
_wm_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-tutorial", NULL, new_tutorial_action);
  gtk_widget_class_install_action (widget_class, "win.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "win.start-recording", "(ssas)",
                                   start_recording_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-library", NULL, show_library_action);
  gtk_widget_class_install_action (widget_class, "win.show-journey", NULL, show_journey_action);
  gtk_widget_class_install_action (widget_class, "win.open-tutorial", "s", open_tutorial_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-tutorial", "s",
                                   duplicate_tutorial_action);
  gtk_widget_class_install_action (widget_class, "win.delete-tutorial", "s",
                                   delete_tutorial_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "s", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.export-tutorial", "s",
                                   export_tutorial_action);
  gtk_widget_class_install_action (widget_class, "win.filter-journey-cell", "(ss)",
                                   filter_journey_cell_action);
  gtk_widget_class_install_action (widget_class, "win.filter-stage", "s", filter_action);
  gtk_widget_class_install_action (widget_class, "win.filter-role", "s", filter_action);
  gtk_widget_class_install_action (widget_class, "win.filter-status", "s", filter_action);
  gtk_widget_class_install_action (widget_class, "win.set-search", "s", filter_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL,
                                   clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.review-tutorial", "s",
                                   review_tutorial_action);
  gtk_widget_class_install_action (widget_class, "win.review-current", NULL,
                                   review_current_action);
  gtk_widget_class_install_action (widget_class, "win.show-review-queue", NULL,
                                   show_review_queue_action);
}

