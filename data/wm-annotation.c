/* wm-annotation.c — a mark drawn over a step's screenshot
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-annotation"

#include "config.h"

#include "wm-annotation.h"
#include "wm-util.h"

struct _WmAnnotation
{
  GObject          parent_instance;
  WmAnnotationKind kind;
  int              x;
  int              y;
  int              width;
  int              height;
  char            *text;
};

G_DEFINE_FINAL_TYPE (WmAnnotation, wm_annotation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_X,
  PROP_Y,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_annotation_finalize (GObject *object)
{
  WmAnnotation *self = (WmAnnotation *) object;

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (wm_annotation_parent_class)->finalize (object);
}

static void
wm_annotation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WmAnnotation *self = WM_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_X: g_value_set_int (value, self->x); break;
    case PROP_Y: g_value_set_int (value, self->y); break;
    case PROP_WIDTH: g_value_set_int (value, self->width); break;
    case PROP_HEIGHT: g_value_set_int (value, self->height); break;
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_annotation_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WmAnnotation *self = WM_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_KIND: self->kind = g_value_get_enum (value); break;
    case PROP_X: self->x = g_value_get_int (value); break;
    case PROP_Y: self->y = g_value_get_int (value); break;
    case PROP_WIDTH: self->width = g_value_get_int (value); break;
    case PROP_HEIGHT: self->height = g_value_get_int (value); break;
    case PROP_TEXT: wm_annotation_set_text (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_annotation_class_init (WmAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wm_annotation_finalize;
  object_class->get_property = wm_annotation_get_property;
  object_class->set_property = wm_annotation_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, WM_TYPE_ANNOTATION_KIND, WM_ANNOTATION_BOX,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_X] = g_param_spec_int ("x", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_Y] = g_param_spec_int ("y", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_WIDTH] = g_param_spec_int ("width", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_HEIGHT] = g_param_spec_int ("height", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_annotation_init (WmAnnotation *self)
{
}

WmAnnotation *
wm_annotation_new (WmAnnotationKind  kind,
                   int               x,
                   int               y,
                   int               width,
                   int               height,
                   const char       *text)
{
  return g_object_new (WM_TYPE_ANNOTATION,
                       "kind", kind,
                       "x", x, "y", y, "width", width, "height", height,
                       "text", text,
                       NULL);
}

WmAnnotation *
wm_annotation_copy (WmAnnotation *self)
{
  g_return_val_if_fail (WM_IS_ANNOTATION (self), NULL);

  return wm_annotation_new (self->kind, self->x, self->y, self->width, self->height, self->text);
}

WmAnnotationKind
wm_annotation_get_kind (WmAnnotation *self)
{
  g_return_val_if_fail (WM_IS_ANNOTATION (self), 0);
  return self->kind;
}

int
wm_annotation_get_x (WmAnnotation *self)
{
  g_return_val_if_fail (WM_IS_ANNOTATION (self), 0);
  return self->x;
}

int
wm_annotation_get_y (WmAnnotation *self)
{
  g_return_val_if_fail (WM_IS_ANNOTATION (self), 0);
  return self->y;
}

int
wm_annotation_get_width (WmAnnotation *self)
{
  g_return_val_if_fail (WM_IS_ANNOTATION (self), 0);
  return self->width;
}

int
wm_annotation_get_height (WmAnnotation *self)
{
  g_return_val_if_fail (WM_IS_ANNOTATION (self), 0);
  return self->height;
}

const char *
wm_annotation_get_text (WmAnnotation *self)
{
  g_return_val_if_fail (WM_IS_ANNOTATION (self), NULL);
  return self->text;
}

void
wm_annotation_set_rect (WmAnnotation *self,
                        int           x,
                        int           y,
                        int           width,
                        int           height)
{
  const int next[] = { x, y, width, height };
  int *cur[] = { &self->x, &self->y, &self->width, &self->height };

  g_return_if_fail (WM_IS_ANNOTATION (self));

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < G_N_ELEMENTS (next); i++)
    {
      if (*cur[i] != next[i])
        {
          *cur[i] = next[i];
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X + i]);
        }
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
wm_annotation_set_text (WmAnnotation *self,
                        const char   *text)
{
  g_return_if_fail (WM_IS_ANNOTATION (self));

  if (wm_set_str (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

gboolean
wm_annotation_equal (WmAnnotation *a,
                     WmAnnotation *b)
{
  g_return_val_if_fail (WM_IS_ANNOTATION (a), FALSE);
  g_return_val_if_fail (WM_IS_ANNOTATION (b), FALSE);

  return a->kind == b->kind && a->x == b->x && a->y == b->y &&
         a->width == b->width && a->height == b->height &&
         g_strcmp0 (a->text, b->text) == 0;
}
