/* wm-window.c — the main window: library, journey map, review and editor
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-library-page.h"
#include "wm-record-dialog.h"
#include "wm-recorder-window.h"
#include "wm-history-view.h"
#include "wm-review-queue.h"
#include "wm-review-view.h"
#include "wm-toast.h"
#include "wm-sample.h"
#include "wm-thumbnailer.h"
#include "wm-a11y.h"
#include "wm-window.h"

struct _WmWindow
{
  AdwApplicationWindow  parent_instance;

  WmStore              *store;
  GSettings            *settings;
  WmThumbnailer        *thumbnailer;     /* the library's and the editor's */
  GPtrArray            *deleted;         /* WmTutorial snapshots an undo toast can restore */
  WmRecorderWindow     *recorder_window;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  WmLibraryPage        *library_page;
  WmJourneyMap         *journey_map;
  AdwViewStack         *review_stack;
  /* The pages the first frame does not show are made the first time they are needed. */
  AdwBin               *editor_bin;
  AdwBin               *review_queue_bin;
  AdwBin               *review_view_bin;
  AdwBin               *review_history_bin;
  WmEditor             *editor;
  WmReviewQueue        *review_queue;
  WmReviewView         *review_view;
  WmHistoryView      *review_history;
};

G_DEFINE_FINAL_TYPE (WmWindow, wm_window, ADW_TYPE_APPLICATION_WINDOW)

static void on_review_open    (WmWindow   *self,
                               const char *id);
static void on_review_decided (WmWindow   *self);

/* Pages made on first use ----------------------------------------------------------------
 *
 * Building the editor and the review pages, and styling and sizing them at the first
 * present, cost as much as the rest of the window; the first frame shows the library. Each
 * is made, given the store and named for screen readers the first time it is needed. */

static WmEditor *
ensure_editor (WmWindow *self)
{
  if (self->editor != NULL)
    return self->editor;

  self->editor = g_object_new (WM_TYPE_EDITOR, NULL);
  adw_bin_set_child (self->editor_bin, GTK_WIDGET (self->editor));
  if (self->store != NULL)
    wm_editor_set_context (self->editor, self->store, self->settings, self->thumbnailer);
  wm_a11y_name_controls (GTK_WIDGET (self->editor));
  return self->editor;
}

static WmReviewQueue *
ensure_review_queue (WmWindow *self)
{
  if (self->review_queue != NULL)
    return self->review_queue;

  self->review_queue = g_object_new (WM_TYPE_REVIEW_QUEUE, NULL);
  g_signal_connect_object (self->review_queue, "open-tutorial", G_CALLBACK (on_review_open),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->review_queue_bin, GTK_WIDGET (self->review_queue));
  if (self->store != NULL)
    {
      wm_review_queue_set_store (self->review_queue, self->store);
      g_settings_bind (self->settings, "shared-library", self->review_queue, "inbox-location",
                       G_SETTINGS_BIND_GET);
    }
  wm_a11y_name_controls (GTK_WIDGET (self->review_queue));
  return self->review_queue;
}

/* The review of one tutorial: its steps and its history. */
static void
ensure_review_page (WmWindow *self)
{
  if (self->review_view != NULL)
    return;

  self->review_view = g_object_new (WM_TYPE_REVIEW_VIEW, NULL);
  self->review_history = g_object_new (WM_TYPE_HISTORY_VIEW, NULL);
  g_signal_connect_object (self->review_view, "decided", G_CALLBACK (on_review_decided),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->review_view_bin, GTK_WIDGET (self->review_view));
  adw_bin_set_child (self->review_history_bin, GTK_WIDGET (self->review_history));
  if (self->store != NULL)
    {
      wm_review_view_set_store (self->review_view, self->store);
      wm_history_view_set_store (self->review_history, self->store);
      g_settings_bind (self->settings, "shared-library", self->review_view, "shared-library",
                       G_SETTINGS_BIND_GET);
    }
  wm_a11y_name_controls (GTK_WIDGET (self->review_view));
  wm_a11y_name_controls (GTK_WIDGET (self->review_history));
}

/* The Review tab of the switcher. */
static void
on_view_stack_page (WmWindow *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "review") == 0)
    ensure_review_queue (self);
}

WmStore *
wm_window_get_store (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->store;
}

GListModel *
wm_window_get_library (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return wm_library_page_get_library (self->library_page);
}

WmEditor *
wm_window_get_editor (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return ensure_editor (self);
}

WmJourneyMap *
wm_window_get_journey_map (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->journey_map;
}

WmReviewQueue *
wm_window_get_review_queue (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return ensure_review_queue (self);
}

WmReviewView *
wm_window_get_review_view (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  ensure_review_page (self);
  return self->review_view;
}

GtkWindow *
wm_window_get_recorder (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return GTK_WINDOW (self->recorder_window);
}

const char *
wm_window_get_visible_page (WmWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);

  if (g_strcmp0 (page, "editor") == 0)
    return page;
  if (g_strcmp0 (page, "review") == 0)
    return "review-tutorial";

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
wm_window_toast (WmWindow   *self,
                 const char *title,
                 const char *button_label,
                 const char *action_name,
                 GVariant   *target)
{
  AdwToast *toast = wm_toast_new (title, button_label, action_name, target);

  adw_toast_set_timeout (toast, button_label ? 8 : 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
toast_error (WmWindow     *self,
             const GError *error)
{
  wm_window_toast (self, error->message, NULL, NULL, NULL);
}

void
wm_window_library_changed (WmWindow *self)
{
  g_return_if_fail (WM_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  wm_library_page_reload (self->library_page);
  wm_journey_map_refresh (self->journey_map, self->store);
  if (self->review_queue != NULL)
    wm_review_queue_reload (self->review_queue);
}

/* Review -------------------------------------------------------------------------------- */

/* The reviewer is whoever the preferences name: a desktop app has no login. */
static void
update_reviewer (WmWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "author-name");
  g_autofree char *email = g_settings_get_string (self->settings, "author-email");

  wm_review_view_set_reviewer (self->review_view, *name ? name : g_get_real_name (), email);
}

static void
review_tutorial (WmWindow   *self,
                 const char *id)
{
  ensure_review_page (self);
  update_reviewer (self);
  wm_review_view_set_tutorial_id (self->review_view, id);
  wm_history_view_set_tutorial_id (self->review_history, id);
  adw_view_stack_set_visible_child_name (self->review_stack, "review");
  gtk_stack_set_visible_child_name (self->main_stack, "review");
}

static void
on_review_open (WmWindow   *self,
                const char *id)
{
  review_tutorial (self, id);
}

static void
review_tutorial_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  review_tutorial (WM_WINDOW (widget), g_variant_get_string (param, NULL));
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
  review_tutorial (self, id);
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
    wm_review_queue_reload (ensure_review_queue (self));
}

static void
on_review_decided (WmWindow *self)
{
  const char *id = wm_review_view_get_tutorial_id (self->review_view);
  g_autoptr(WmTutorial) t = wm_store_load_tutorial (self->store, id, FALSE, NULL);
  WmStatus status = t ? wm_tutorial_get_status (t) : WM_STATUS_DRAFT;

  /* Say what happened, in the words of the status it led to. */
  wm_window_toast (self, status == WM_STATUS_IN_REVIEW ? _("Submitted for review")
                       : status == WM_STATUS_APPROVED ? _("Approved")
                       : status == WM_STATUS_CHANGES_REQUESTED ? _("Changes requested")
                       : _("Review saved"), NULL, NULL, NULL);
  wm_window_library_changed (self);
  wm_history_view_set_tutorial_id (self->review_history, id);
}

/* Editor ------------------------------------------------------------------------------ */

gboolean
wm_window_open_tutorial (WmWindow   *self,
                         const char *id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);

  /* The editor's step thumbnails come from the same decoders: start-up is over. */
  wm_library_page_finish_startup (self->library_page);
  if (!wm_editor_open (ensure_editor (self), id, &error))
    {
      toast_error (self, error);
      return FALSE;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "editor");
  gtk_window_set_title (GTK_WINDOW (self), wm_editor_get_title (self->editor));
  return TRUE;
}

static void
show_library (WmWindow *self,
              const char *page)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "editor") == 0)
    {
      wm_editor_close (self->editor);
      wm_window_library_changed (self);
    }
  gtk_stack_set_visible_child_name (self->main_stack, "library");
  adw_view_stack_set_visible_child_name (self->view_stack, page);
  gtk_window_set_title (GTK_WINDOW (self), _("Waymark"));
}

static void
show_library_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  show_library (WM_WINDOW (widget), "library");
}

static void
show_journey_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  show_library (WM_WINDOW (widget), "journey");
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  show_library (self, "library");
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
    return toast_error (self, error);

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
    return toast_error (self, error);

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
    return toast_error (self, error);

  wm_window_library_changed (self);
  wm_window_toast (self, _("Tutorial duplicated"), _("_Open"), "win.open-tutorial",
                   g_variant_new_string (new_id));
}

static void
collect_garbage (WmWindow *self)
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
  collect_garbage (self);
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
    return toast_error (self, error);

  if (self->editor != NULL && g_strcmp0 (wm_editor_get_tutorial_id (self->editor), id) == 0)
    {
      wm_editor_forget (self->editor);
      show_library (self, "library");
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
        return toast_error (self, error);
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
  show_library (self, "library");
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
    return toast_error (self, error);

  backend = g_settings_get_string (self->settings, "capture-backend");
  controller = wm_recorder_window_new (self->store, wm_tutorial_get_id (tutorial),
                                       g_str_equal (backend, "automatic") ? NULL : backend,
                                       &error);
  if (controller == NULL)
    {
      /* Nothing was recorded: the empty tutorial would only be clutter. */
      wm_store_delete_tutorial (self->store, wm_tutorial_get_id (tutorial), NULL);
      return toast_error (self, error);
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

/* Life cycle -------------------------------------------------------------------------- */

static void
offer_sample (WmWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) sample = NULL;

  /* Once per user: a deleted sample stays deleted. */
  if (g_settings_get_boolean (self->settings, "sample-offered") ||
      wm_store_count_tutorials (self->store, &(WmFilter) WM_FILTER_INIT, NULL) > 0)
    return;

  sample = wm_sample_create (self->store, &error);
  if (sample == NULL)
    g_warning ("Cannot add the sample tutorial: %s", error->message);
  g_settings_set_boolean (self->settings, "sample-offered", TRUE);
}

static gboolean
wm_window_close_request (GtkWindow *window)
{
  WmWindow *self = WM_WINDOW (window);

  if (self->editor != NULL)
    wm_editor_close (self->editor);
  g_ptr_array_set_size (self->deleted, 0);
  collect_garbage (self);

  return GTK_WINDOW_CLASS (wm_window_parent_class)->close_request (window);
}

static void
wm_window_dispose (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  if (self->recorder_window)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->recorder_window)));
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_WINDOW);
  /* The bins held them. */
  self->editor = NULL;
  self->review_queue = NULL;
  self->review_view = NULL;
  self->review_history = NULL;
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->deleted, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_window_parent_class)->dispose (object);
}

static void
install_actions (GtkWidgetClass *widget_class)
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

static void
wm_window_class_init (WmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wm_window_dispose;
  window_class->close_request = wm_window_close_request;

  g_type_ensure (WM_TYPE_EDITOR);
  g_type_ensure (WM_TYPE_JOURNEY_MAP);
  g_type_ensure (WM_TYPE_LIBRARY_PAGE);
  g_type_ensure (WM_TYPE_REVIEW_QUEUE);
  g_type_ensure (WM_TYPE_REVIEW_VIEW);
  g_type_ensure (WM_TYPE_HISTORY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/ui/wm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, library_page);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, journey_map);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, review_stack);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, review_queue_bin);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, review_view_bin);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, review_history_bin);

  install_actions (widget_class);
}

static void
wm_window_init (WmWindow *self)
{
  self->deleted = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  wm_a11y_name_controls (GTK_WIDGET (self));
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_view_stack_page), self, G_CONNECT_SWAPPED);
}

static void
show_store_error (WmWindow     *self,
                  const GError *error)
{
  wm_library_page_show_error (self->library_page, error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.record", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-tutorial", FALSE);
}

WmWindow *
wm_window_new (WmApplication *app,
               WmStore       *store,
               GSettings     *settings,
               const GError  *store_error)
{
  WmWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (WM_TYPE_WINDOW, "application", app, NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  if (store == NULL)
    {
      show_store_error (self, store_error);
      return self;
    }

  self->store = g_object_ref (store);
  offer_sample (self);
  /* Thumbnails are 2× the row's 128×72 so they stay sharp on HiDPI screens. */
  self->thumbnailer = wm_thumbnailer_new (self->store, 256, 144, 256);
  wm_library_page_set_store (self->library_page, self->store, self->thumbnailer);
  wm_journey_map_refresh (self->journey_map, self->store);

  return self;
}
