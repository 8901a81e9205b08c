/* wm-recorder-window.c — the small controller that stays on screen while recording
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-recorder-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-recorder-window.h"

#include "wm-capture-backend.h"
#include "wm-portal-backend.h"
#include "wm-recorder.h"
#include "wm-recording-remote.h"

/* Long enough for the compositor to draw a frame without the controller. */
#define HIDE_BEFORE_SHOT_MSEC 200

struct _WmRecorderWindow
{
  AdwWindow       parent_instance;

  char           *tutorial_id;
  char           *backend_name;
  WmRecorder     *recorder;
  WmRecordingRemote *remote;
  guint           shot_delay_id;
  gboolean        needs_trigger;
  GCancellable   *cancellable;
  GTimer         *timer;
  guint           tick_id;
  guint           n_steps;
  gboolean        paused;
  gboolean        stopping;

  GtkLabel       *state_label;
  GtkImage       *state_icon;
  GtkLabel       *backend_label;
  GtkLabel       *elapsed_label;
  GtkLabel       *steps_label;
  GtkLabel       *message_label;
  GtkWidget      *pause_button;
  AdwButtonContent *pause_content;
  GtkWidget      *capture_button;
};

G_DEFINE_FINAL_TYPE (WmRecorderWindow, wm_recorder_window, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

guint
wm_recorder_window_get_n_steps (WmRecorderWindow *self)
{
  g_return_val_if_fail (WM_IS_RECORDER_WINDOW (self), 0);
  return self->n_steps;
}

const char *
wm_recorder_window_get_backend_name (WmRecorderWindow *self)
{
  g_return_val_if_fail (WM_IS_RECORDER_WINDOW (self), NULL);
  return self->backend_name;
}

static void
update_steps (WmRecorderWindow *self)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step",
                                                        "%u steps", self->n_steps),
                                           self->n_steps);

  gtk_label_set_text (self->steps_label, text);
}

static gboolean
tick (gpointer user_data)
{
  WmRecorderWindow *self = user_data;
  guint seconds = (guint) g_timer_elapsed (self->timer, NULL);
  g_autofree char *text = g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);

  gtk_label_set_text (self->elapsed_label, text);
  return G_SOURCE_CONTINUE;
}

static void
show_message (WmRecorderWindow *self,
              const char       *message)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
set_paused (WmRecorderWindow *self,
            gboolean          paused)
{
  self->paused = paused;
  if (paused)
    g_timer_stop (self->timer);
  else
    g_timer_continue (self->timer);

  gtk_label_set_text (self->state_label, paused ? _("Paused") : _("Recording"));
  adw_button_content_set_label (self->pause_content, paused ? _("_Resume") : _("_Pause"));
  adw_button_content_set_icon_name (self->pause_content,
                                    paused ? "media-playback-start-symbolic"
                                           : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (self->pause_button,
                               paused ? _("Resume Recording") : _("Pause Recording"));
  if (paused)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), "paused");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "paused");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recorder.capture-step", !paused);
}

static void
finish (WmRecorderWindow *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_signal_emit (self, signals[FINISHED], 0, self->tutorial_id);
}

static void
on_step_committed (WmRecorderWindow *self,
                   WmStep           *step)
{
  self->n_steps = wm_recorder_get_n_steps (self->recorder);
  update_steps (self);
}

static void
on_recorder_error (WmRecorderWindow *self,
                   const GError     *error)
{
  show_message (self, error->message);
}

static void
capture_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WmRecorderWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (self->capture_button, TRUE);
  if (self->needs_trigger && !self->stopping)
    gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  /* Stopping cancels quietly; a dialog the user closed is worth a line ("cancelled"). */
  if (wm_recorder_capture_step_finish (WM_RECORDER (source), result, &error))
    show_message (self, NULL);
  else if (!self->stopping && !g_cancellable_is_cancelled (self->cancellable))
    show_message (self, error->message);
}

/* `waymark --capture-step` (a desktop shortcut) takes the same path as the button. */
static gboolean
on_capture_requested (WmRecorderWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "recorder.capture-step", NULL);
  return TRUE;
}

static void
start_remote (WmRecorderWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->remote = wm_recording_remote_new (self->recorder);
  g_signal_connect_object (self->remote, "capture-requested", G_CALLBACK (on_capture_requested),
                           self, G_CONNECT_SWAPPED);
  if (!wm_recording_remote_export (self->remote, &error))
    show_message (self, error->message);
}

static void
set_countdown (WmCaptureBackend *backend,
               GSettings        *settings)
{
  if (!WM_IS_PORTAL_BACKEND (backend))
    return;

  wm_portal_backend_set_countdown (WM_PORTAL_BACKEND (backend),
                                   g_settings_get_uint (settings, "capture-countdown"));
}

static gboolean
start_recorder (WmRecorderWindow *self,
                WmStore          *store,
                const char       *backend_name,
                GError          **error)
{
  g_autoptr(WmCaptureBackend) backend = wm_capture_backend_new_for_name (backend_name, error);
  g_autoptr(GSettings) settings = NULL;
  WmCaptureCapabilities caps;

  if (backend == NULL)
    return FALSE;

  self->backend_name = g_strdup (wm_capture_backend_get_name (backend));
  caps = wm_capture_backend_get_capabilities (backend);
  self->recorder = wm_recorder_new (store, self->tutorial_id, backend);
  /* Preferences ▸ “Record typing and shortcuts”, also when switched mid-recording. */
  settings = g_settings_new (APP_ID);
  g_settings_bind (settings, "capture-keys", self->recorder, "record-keys", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->recorder, "step-committed", G_CALLBACK (on_step_committed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->recorder, "error", G_CALLBACK (on_recorder_error), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->recorder, "finished", G_CALLBACK (finish), self,
                           G_CONNECT_SWAPPED);
  set_countdown (backend, settings);
  if (!wm_recorder_start (self->recorder, error))
    return FALSE;
  self->needs_trigger = (caps & WM_CAPTURE_NEEDS_TRIGGER) != 0;
  start_remote (self);

  /* Backends that see every click make "Capture" an extra; for the portal it is the way. */
  if (caps & WM_CAPTURE_NEEDS_TRIGGER)
    gtk_widget_add_css_class (self->capture_button, "suggested-action");
  return TRUE;
}

static gboolean
capture_now (gpointer user_data)
{
  WmRecorderWindow *self = user_data;

  self->shot_delay_id = 0;
  wm_recorder_capture_step_async (self->recorder, self->cancellable, capture_done,
                                  g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
capture_step_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  WmRecorderWindow *self = WM_RECORDER_WINDOW (widget);

  if (self->shot_delay_id != 0)
    return;

  gtk_widget_set_sensitive (self->capture_button, FALSE);
  /* The portal shoots the whole screen, this controller included: step out of the shot. */
  if (self->needs_trigger)
    {
      gtk_widget_set_visible (widget, FALSE);
      self->shot_delay_id = g_timeout_add (HIDE_BEFORE_SHOT_MSEC, capture_now, self);
      return;
    }

  capture_now (self);
}

static void
toggle_pause_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  WmRecorderWindow *self = WM_RECORDER_WINDOW (widget);

  if (self->paused)
    wm_recorder_resume (self->recorder);
  else
    wm_recorder_pause (self->recorder);
  set_paused (self, !self->paused);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WmRecorderWindow *self = WM_RECORDER_WINDOW (widget);

  if (self->stopping)
    return;
  self->stopping = TRUE;
  g_timer_stop (self->timer);
  gtk_label_set_text (self->state_label, _("Saving steps…"));
  gtk_widget_action_set_enabled (widget, "recorder.toggle-pause", FALSE);
  gtk_widget_action_set_enabled (widget, "recorder.capture-step", FALSE);
  g_clear_handle_id (&self->shot_delay_id, g_source_remove);
  g_clear_object (&self->remote);
  gtk_widget_set_visible (widget, TRUE);
  g_cancellable_cancel (self->cancellable);
  /* ::finished follows once the queue is written. */
  wm_recorder_stop (self->recorder);
}


static gboolean
wm_recorder_window_close_request (GtkWindow *window)
{
  /* Closing the controller is stopping: nothing recorded may be lost. */
  gtk_widget_activate_action (GTK_WIDGET (window), "recorder.stop", NULL);
  return TRUE;
}

static void
wm_recorder_window_dispose (GObject *object)
{
  WmRecorderWindow *self = WM_RECORDER_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->shot_delay_id, g_source_remove);
  g_clear_object (&self->remote);
  if (self->recorder != NULL)
    g_signal_handlers_disconnect_by_data (self->recorder, self);
  g_clear_object (&self->recorder);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_RECORDER_WINDOW);

  G_OBJECT_CLASS (wm_recorder_window_parent_class)->dispose (object);
}

static void
wm_recorder_window_finalize (GObject *object)
{
  WmRecorderWindow *self = WM_RECORDER_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->timer, g_timer_destroy);
  g_clear_pointer (&self->tutorial_id, g_free);
  g_clear_pointer (&self->backend_name, g_free);

  G_OBJECT_CLASS (wm_recorder_window_parent_class)->finalize (object);
}

static void
wm_recorder_window_class_init (WmRecorderWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wm_recorder_window_dispose;
  object_class->finalize = wm_recorder_window_finalize;
  window_class->close_request = wm_recorder_window_close_request;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/ui/wm-recorder-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmRecorderWindow, state_label);
  gtk_widget_class_bind_template_child (widget_class, WmRecorderWindow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, WmRecorderWindow, backend_label);
  gtk_widget_class_bind_template_child (widget_class, WmRecorderWindow, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, WmRecorderWindow, steps_label);
  gtk_widget_class_bind_template_child (widget_class, WmRecorderWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, WmRecorderWindow, pause_button);
  gtk_widget_class_bind_template_child (widget_class, WmRecorderWindow, pause_content);
  gtk_widget_class_bind_template_child (widget_class, WmRecorderWindow, capture_button);

  gtk_widget_class_install_action (widget_class, "recorder.toggle-pause", NULL,
                                   toggle_pause_action);
  gtk_widget_class_install_action (widget_class, "recorder.capture-step", NULL,
                                   capture_step_action);
  gtk_widget_class_install_action (widget_class, "recorder.stop", NULL, stop_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "recorder.toggle-pause",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "recorder.stop", NULL);
}

static void
wm_recorder_window_init (WmRecorderWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->timer = g_timer_new ();
  update_steps (self);
}

WmRecorderWindow *
wm_recorder_window_new (WmStore     *store,
                        const char  *tutorial_id,
                        const char  *backend_name,
                        GError     **error)
{
  WmRecorderWindow *self;
  g_autofree char *backend_title = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (tutorial_id != NULL, NULL);

  /* Like any toplevel, GTK owns the window; gtk_window_destroy() ends it. */
  self = g_object_new (WM_TYPE_RECORDER_WINDOW, NULL);
  self->tutorial_id = g_strdup (tutorial_id);
  if (!start_recorder (self, store, backend_name, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  /* Which backend runs matters: the portal needs "Capture" pressed, X11 does not. */
  backend_title = g_ascii_strup (self->backend_name, -1);
  gtk_label_set_text (self->backend_label, backend_title);
  g_timer_start (self->timer);
  self->tick_id = g_timeout_add_seconds (1, tick, self);

  return self;
}
