/* wm-undo-stack.c — undo and redo as a stack of editor states
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-undo-stack"

#include "config.h"

#include "wm-undo-stack.h"
#include "wm-util.h"

/* Typing pauses longer than this start a new undo step. */
#define COALESCE_USEC (1500 * G_TIME_SPAN_MILLISECOND)

struct _WmUndoStack
{
  GObject    parent_instance;

  GQueue     undo;          /* GVariant, newest at the head */
  GQueue     redo;
  guint      limit;
  char      *last_key;
  gint64     last_time;
};

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WmUndoStack, wm_undo_stack, G_TYPE_OBJECT)

static void
notify_both (WmUndoStack *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
clear_queue (GQueue *queue)
{
  g_queue_clear_full (queue, (GDestroyNotify) g_variant_unref);
}

void
wm_undo_stack_push (WmUndoStack *self,
                    GVariant    *before,
                    const char  *coalesce_key)
{
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (WM_IS_UNDO_STACK (self));
  g_return_if_fail (before != NULL);

  clear_queue (&self->redo);
  if (coalesce_key != NULL && g_strcmp0 (coalesce_key, self->last_key) == 0 &&
      now - self->last_time < COALESCE_USEC && self->undo.length > 0)
    {
      self->last_time = now;
      g_variant_unref (g_variant_ref_sink (before));
      notify_both (self);
      return;
    }

  wm_set_str (&self->last_key, coalesce_key);
  self->last_time = now;
  g_queue_push_head (&self->undo, g_variant_ref_sink (before));
  while (self->undo.length > self->limit)
    g_variant_unref (g_queue_pop_tail (&self->undo));
  notify_both (self);
}

static GVariant *
move (WmUndoStack *self,
      GQueue      *from,
      GQueue      *to,
      GVariant    *current)
{
  GVariant *state;

  if (from->length == 0)
    return NULL;

  wm_undo_stack_break (self);
  state = g_queue_pop_head (from);
  g_queue_push_head (to, g_variant_ref_sink (current));
  notify_both (self);

  return state;
}

GVariant *
wm_undo_stack_undo (WmUndoStack *self,
                    GVariant    *current)
{
  g_return_val_if_fail (WM_IS_UNDO_STACK (self), NULL);

  return move (self, &self->undo, &self->redo, current);
}

GVariant *
wm_undo_stack_redo (WmUndoStack *self,
                    GVariant    *current)
{
  g_return_val_if_fail (WM_IS_UNDO_STACK (self), NULL);

  return move (self, &self->redo, &self->undo, current);
}

gboolean
wm_undo_stack_can_undo (WmUndoStack *self)
{
  g_return_val_if_fail (WM_IS_UNDO_STACK (self), FALSE);
  return self->undo.length > 0;
}

gboolean
wm_undo_stack_can_redo (WmUndoStack *self)
{
  g_return_val_if_fail (WM_IS_UNDO_STACK (self), FALSE);
  return self->redo.length > 0;
}

void
wm_undo_stack_break (WmUndoStack *self)
{
  g_return_if_fail (WM_IS_UNDO_STACK (self));
  g_clear_pointer (&self->last_key, g_free);
}

void
wm_undo_stack_clear (WmUndoStack *self)
{
  g_return_if_fail (WM_IS_UNDO_STACK (self));

  clear_queue (&self->undo);
  clear_queue (&self->redo);
  wm_undo_stack_break (self);
  notify_both (self);
}

static void
wm_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WmUndoStack *self = WM_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, wm_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, wm_undo_stack_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_undo_stack_finalize (GObject *object)
{
  WmUndoStack *self = WM_UNDO_STACK (object);

  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_clear_pointer (&self->last_key, g_free);

  G_OBJECT_CLASS (wm_undo_stack_parent_class)->finalize (object);
}

static void
wm_undo_stack_class_init (WmUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = wm_undo_stack_get_property;
  object_class->finalize = wm_undo_stack_finalize;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_undo_stack_init (WmUndoStack *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

WmUndoStack *
wm_undo_stack_new (guint limit)
{
  WmUndoStack *self = g_object_new (WM_TYPE_UNDO_STACK, NULL);

  self->limit = MAX (limit, 1);

  return self;
}
