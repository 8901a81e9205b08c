/* wm-capture-backend.c — base of the recording backends (X11, portal)
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-capture"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-capture-backend.h"
#include "wm-portal-backend.h"
#include "wm-x11-backend.h"

typedef struct
{
  char     *name;
  gboolean  paused;
  gboolean  started;
} WmCaptureBackendPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (WmCaptureBackend, wm_capture_backend, G_TYPE_OBJECT)

G_DEFINE_QUARK (wm-capture-error-quark, wm_capture_error)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PAUSED,
  N_PROPS
};

enum {
  FRAME,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

WmCaptureFrame *
wm_capture_frame_new (WmStep *step)
{
  WmCaptureFrame *frame = g_new0 (WmCaptureFrame, 1);

  g_return_val_if_fail (WM_IS_STEP (step), NULL);

  frame->step = g_object_ref (step);

  return frame;
}

void
wm_capture_frame_free (WmCaptureFrame *frame)
{
  if (frame == NULL)
    return;

  g_clear_object (&frame->step);
  g_clear_pointer (&frame->pixels, g_bytes_unref);
  g_clear_pointer (&frame->png, g_bytes_unref);
  g_free (frame);
}

static void
wm_capture_backend_real_capture_step_async (WmCaptureBackend    *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_task_report_new_error (self, callback, user_data,
                           wm_capture_backend_capture_step_async,
                           WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_UNSUPPORTED,
                           _("The “%s” recorder cannot take a step on request"),
                           wm_capture_backend_get_name (self));
}

static gboolean
wm_capture_backend_real_capture_step_finish (WmCaptureBackend  *self,
                                             GAsyncResult      *result,
                                             GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
wm_capture_backend_finalize (GObject *object)
{
  WmCaptureBackend *self = WM_CAPTURE_BACKEND (object);
  WmCaptureBackendPrivate *priv = wm_capture_backend_get_instance_private (self);

  g_clear_pointer (&priv->name, g_free);

  G_OBJECT_CLASS (wm_capture_backend_parent_class)->finalize (object);
}

static void
wm_capture_backend_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WmCaptureBackend *self = WM_CAPTURE_BACKEND (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, wm_capture_backend_get_name (self));
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, wm_capture_backend_get_paused (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_capture_backend_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WmCaptureBackend *self = WM_CAPTURE_BACKEND (object);
  WmCaptureBackendPrivate *priv = wm_capture_backend_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_NAME:
      priv->name = g_value_dup_string (value);
      break;

    case PROP_PAUSED:
      wm_capture_backend_set_paused (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_capture_backend_class_init (WmCaptureBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_capture_backend_finalize;
  object_class->get_property = wm_capture_backend_get_property;
  object_class->set_property = wm_capture_backend_set_property;

  klass->capture_step_async = wm_capture_backend_real_capture_step_async;
  klass->capture_step_finish = wm_capture_backend_real_capture_step_finish;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WmCaptureBackend::frame:
   * @frame: (type gpointer): a #WmCaptureFrame, valid during emission only
   *
   * One step with its screen. Handlers copy or ref what they keep.
   */
  signals[FRAME] =
    g_signal_new ("frame",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__POINTER,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
  g_signal_set_va_marshaller (signals[FRAME], G_TYPE_FROM_CLASS (klass),
                              g_cclosure_marshal_VOID__POINTERv);
}

static void
wm_capture_backend_init (WmCaptureBackend *self)
{
}

/* Which backend fits this session when none is named. */
static const char *
default_backend_name (void)
{
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");
  const char *display = g_getenv ("DISPLAY");

  if ((wayland == NULL || *wayland == '\0') && display != NULL && *display != '\0')
    return "x11";

  return "portal";
}

WmCaptureBackend *
wm_capture_backend_new_for_name (const char  *name,
                                 GError     **error)
{
  if (name == NULL)
    name = default_backend_name ();

  if (g_str_equal (name, "x11"))
    return wm_x11_backend_new (error);

  if (g_str_equal (name, "portal"))
    return wm_portal_backend_new (error);

  g_set_error (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_UNSUPPORTED,
               _("Unknown recorder “%s”; use “x11” or “portal”"), name);
  return NULL;
}

const char *
wm_capture_backend_get_name (WmCaptureBackend *self)
{
  WmCaptureBackendPrivate *priv = wm_capture_backend_get_instance_private (self);

  g_return_val_if_fail (WM_IS_CAPTURE_BACKEND (self), NULL);

  return priv->name;
}

gboolean
wm_capture_backend_start (WmCaptureBackend  *self,
                          GError           **error)
{
  WmCaptureBackendPrivate *priv = wm_capture_backend_get_instance_private (self);

  g_return_val_if_fail (WM_IS_CAPTURE_BACKEND (self), FALSE);
  g_return_val_if_fail (!priv->started, FALSE);

  if (!WM_CAPTURE_BACKEND_GET_CLASS (self)->start (self, error))
    return FALSE;

  priv->started = TRUE;
  return TRUE;
}

void
wm_capture_backend_stop (WmCaptureBackend *self)
{
  WmCaptureBackendPrivate *priv = wm_capture_backend_get_instance_private (self);

  g_return_if_fail (WM_IS_CAPTURE_BACKEND (self));

  if (!priv->started)
    return;

  priv->started = FALSE;
  WM_CAPTURE_BACKEND_GET_CLASS (self)->stop (self);
}

gboolean
wm_capture_backend_get_paused (WmCaptureBackend *self)
{
  WmCaptureBackendPrivate *priv = wm_capture_backend_get_instance_private (self);

  g_return_val_if_fail (WM_IS_CAPTURE_BACKEND (self), FALSE);

  return priv->paused;
}

void
wm_capture_backend_set_paused (WmCaptureBackend *self,
                               gboolean          paused)
{
  WmCaptureBackendPrivate *priv = wm_capture_backend_get_instance_private (self);

  g_return_if_fail (WM_IS_CAPTURE_BACKEND (self));

  paused = !!paused;
  if (priv->paused == paused)
    return;

  priv->paused = paused;
  if (WM_CAPTURE_BACKEND_GET_CLASS (self)->set_paused != NULL)
    WM_CAPTURE_BACKEND_GET_CLASS (self)->set_paused (self, paused);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

void
wm_capture_backend_capture_step_async (WmCaptureBackend    *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (WM_IS_CAPTURE_BACKEND (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  WM_CAPTURE_BACKEND_GET_CLASS (self)->capture_step_async (self, cancellable, callback,
                                                           user_data);
}

gboolean
wm_capture_backend_capture_step_finish (WmCaptureBackend  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (WM_IS_CAPTURE_BACKEND (self), FALSE);

  return WM_CAPTURE_BACKEND_GET_CLASS (self)->capture_step_finish (self, result, error);
}

WmCaptureCapabilities
wm_capture_backend_get_capabilities (WmCaptureBackend *self)
{
  g_return_val_if_fail (WM_IS_CAPTURE_BACKEND (self), 0);

  if (WM_CAPTURE_BACKEND_GET_CLASS (self)->get_capabilities == NULL)
    return 0;

  return WM_CAPTURE_BACKEND_GET_CLASS (self)->get_capabilities (self);
}

void
wm_capture_backend_emit_frame (WmCaptureBackend *self,
                               WmCaptureFrame   *frame)
{
  g_return_if_fail (WM_IS_CAPTURE_BACKEND (self));
  g_return_if_fail (frame != NULL);

  /* The frame is the backend's until here and nobody's after: handlers ref the pixels
   * (GBytes) and copy the step, which is cheap, instead of every backend copying. */
  g_signal_emit (self, signals[FRAME], 0, frame);
  wm_capture_frame_free (frame);
}
