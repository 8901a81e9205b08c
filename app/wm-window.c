/* wm-window.c — the main window: the library, review, journey map and editor pages
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-a11y.h"
#include "wm-sample.h"
#include "wm-toast.h"
#include "wm-window-private.h"

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

WmReviewQueue *
_wm_window_ensure_review_queue (WmWindow *self)
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
    _wm_window_ensure_review_queue (self);
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
  return _wm_window_ensure_review_queue (self);
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

void
_wm_window_toast_error (WmWindow     *self,
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

void
_wm_window_review_tutorial (WmWindow   *self,
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
  _wm_window_review_tutorial (self, id);
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
      _wm_window_toast_error (self, error);
      return FALSE;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "editor");
  gtk_window_set_title (GTK_WINDOW (self), wm_editor_get_title (self->editor));
  return TRUE;
}

void
_wm_window_show_library (WmWindow *self,
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
  _wm_window_collect_garbage (self);

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

  _wm_window_class_add_actions (widget_class);
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
