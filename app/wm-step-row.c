/* wm-step-row.c — one step in the editor's step list
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-step-row"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-instruction-label.h"
#include "wm-step-row.h"

struct _WmStepRow
{
  GtkWidget      parent_instance;

  WmThumbnailer *thumbnailer;
  WmStep        *step;
  GCancellable  *cancellable;
  GBinding      *number_binding;
  gboolean       wants_thumbnail;

  GtkLabel      *number_label;
  GtkPicture    *thumbnail;
  GtkWidget     *placeholder;
  GtkLabel      *instruction_label;
};

G_DEFINE_FINAL_TYPE (WmStepRow, wm_step_row, GTK_TYPE_WIDGET)

static gboolean
position_to_number (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  g_value_take_string (to, g_strdup_printf ("%u", g_value_get_uint (from) + 1));
  return TRUE;
}

static void
thumbnail_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WmStepRow) self = user_data;
  g_autoptr(GdkTexture) texture = wm_thumbnailer_load_finish (WM_THUMBNAILER (source), result,
                                                             NULL);

  if (texture == NULL)
    return;
  gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (self->placeholder, FALSE);
}

static void
update_thumbnail (WmStepRow *self)
{
  const char *sha = self->step ? wm_step_get_image_sha256 (self->step) : NULL;
  GdkTexture *cached = sha ? wm_thumbnailer_lookup (self->thumbnailer, sha) : NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (cached));
  gtk_widget_set_visible (self->placeholder, cached == NULL);
  /* Decoding waits until the row is drawn: a list binds many more rows than it shows, and
   * a long tutorial's first screenshot on the canvas comes first. */
  self->wants_thumbnail = sha != NULL && cached == NULL;
  if (self->wants_thumbnail)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
wm_step_row_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  WmStepRow *self = WM_STEP_ROW (widget);

  if (self->wants_thumbnail)
    {
      self->wants_thumbnail = FALSE;
      self->cancellable = g_cancellable_new ();
      wm_thumbnailer_load_async (self->thumbnailer, wm_step_get_image_sha256 (self->step),
                                 self->cancellable, thumbnail_loaded, g_object_ref (self));
    }

  GTK_WIDGET_CLASS (wm_step_row_parent_class)->snapshot (widget, snapshot);
}

static void
update_instruction (WmStepRow *self)
{
  wm_instruction_label_set (self->instruction_label, self->step, _("No instruction"));
}

void
wm_step_row_set_step (WmStepRow *self,
                      WmStep    *step)
{
  g_return_if_fail (WM_IS_STEP_ROW (self));

  if (self->step != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->step, self);
      g_clear_pointer (&self->number_binding, g_binding_unbind);
    }
  g_set_object (&self->step, step);
  update_thumbnail (self);
  if (step == NULL)
    return;

  self->number_binding = g_object_bind_property_full (step, "position", self->number_label,
                                                      "label", G_BINDING_SYNC_CREATE,
                                                      position_to_number, NULL, NULL, NULL);
  g_signal_connect_swapped (step, "notify::instruction", G_CALLBACK (update_instruction), self);
  g_signal_connect_swapped (step, "notify::image-sha256", G_CALLBACK (update_thumbnail), self);
  update_instruction (self);
}

WmStep *
wm_step_row_get_step (WmStepRow *self)
{
  g_return_val_if_fail (WM_IS_STEP_ROW (self), NULL);
  return self->step;
}

static void
wm_step_row_dispose (GObject *object)
{
  WmStepRow *self = WM_STEP_ROW (object);
  GtkWidget *child;

  wm_step_row_set_step (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_STEP_ROW);
  /* The template's top box has no id, so dispose_template() leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->thumbnailer);

  G_OBJECT_CLASS (wm_step_row_parent_class)->dispose (object);
}

static void
wm_step_row_class_init (WmStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_step_row_dispose;
  widget_class->snapshot = wm_step_row_snapshot;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/ui/wm-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WmStepRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, WmStepRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, WmStepRow, placeholder);
  gtk_widget_class_bind_template_child (widget_class, WmStepRow, instruction_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "steprow");
}

static void
wm_step_row_init (WmStepRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wm_step_row_new (WmThumbnailer *thumbnailer)
{
  WmStepRow *self = g_object_new (WM_TYPE_STEP_ROW, NULL);

  self->thumbnailer = g_object_ref (thumbnailer);
  return GTK_WIDGET (self);
}
