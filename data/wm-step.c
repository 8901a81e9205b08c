/* wm-step.c — one step of a tutorial: what was done, where, and the screen at that moment
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-step"

#include "config.h"

#include "wm-step.h"
#include "wm-util.h"

struct _WmStep
{
  GObject      parent_instance;
  char        *id;
  char        *instruction;
  char        *notes;
  char        *target_name;
  char        *target_role;
  char        *app_name;
  char        *window_title;
  char        *container;
  char        *text;
  char        *image_sha256;
  GPtrArray   *annotations;
  gint64       captured_at;
  guint        position;
  int          x;
  int          y;
  guint        button;
  WmModifiers  modifiers;
  WmStepKind   kind;
  WmTargetKind target_kind;
  WmTargetKind container_kind;
  guint        instruction_edited : 1;
  guint        incomplete : 1;
};

G_DEFINE_FINAL_TYPE (WmStep, wm_step, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_POSITION,
  PROP_KIND,
  PROP_X,
  PROP_Y,
  PROP_INSTRUCTION,
  PROP_INSTRUCTION_EDITED,
  PROP_NOTES,
  PROP_IMAGE_SHA256,
  PROP_TEXT,
  PROP_INCOMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_step_finalize (GObject *object)
{
  WmStep *self = (WmStep *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->instruction, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->target_name, g_free);
  g_clear_pointer (&self->target_role, g_free);
  g_clear_pointer (&self->app_name, g_free);
  g_clear_pointer (&self->window_title, g_free);
  g_clear_pointer (&self->container, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->image_sha256, g_free);
  g_clear_pointer (&self->annotations, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_step_parent_class)->finalize (object);
}

static void
wm_step_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WmStep *self = WM_STEP (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_POSITION: g_value_set_uint (value, self->position); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_X: g_value_set_int (value, self->x); break;
    case PROP_Y: g_value_set_int (value, self->y); break;
    case PROP_INSTRUCTION: g_value_set_string (value, self->instruction); break;
    case PROP_INSTRUCTION_EDITED: g_value_set_boolean (value, self->instruction_edited); break;
    case PROP_NOTES: g_value_set_string (value, self->notes); break;
    case PROP_IMAGE_SHA256: g_value_set_string (value, self->image_sha256); break;
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    case PROP_INCOMPLETE: g_value_set_boolean (value, self->incomplete); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_step_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  WmStep *self = WM_STEP (object);

  switch (prop_id)
    {
    case PROP_ID: wm_step_set_id (self, g_value_get_string (value)); break;
    case PROP_POSITION: wm_step_set_position (self, g_value_get_uint (value)); break;
    case PROP_KIND: wm_step_set_kind (self, g_value_get_enum (value)); break;
    case PROP_X: wm_step_set_point (self, g_value_get_int (value), self->y); break;
    case PROP_Y: wm_step_set_point (self, self->x, g_value_get_int (value)); break;
    case PROP_INSTRUCTION: wm_step_set_instruction (self, g_value_get_string (value)); break;
    case PROP_INSTRUCTION_EDITED:
      wm_step_set_instruction_edited (self, g_value_get_boolean (value));
      break;
    case PROP_NOTES: wm_step_set_notes (self, g_value_get_string (value)); break;
    case PROP_IMAGE_SHA256: wm_step_set_image_sha256 (self, g_value_get_string (value)); break;
    case PROP_TEXT: wm_step_set_text (self, g_value_get_string (value)); break;
    case PROP_INCOMPLETE: wm_step_set_incomplete (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_step_class_init (WmStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wm_step_finalize;
  object_class->get_property = wm_step_get_property;
  object_class->set_property = wm_step_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, rw);
  properties[PROP_POSITION] = g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, WM_TYPE_STEP_KIND, WM_STEP_CLICK, rw);
  properties[PROP_X] = g_param_spec_int ("x", NULL, NULL, -1, G_MAXINT, -1, rw);
  properties[PROP_Y] = g_param_spec_int ("y", NULL, NULL, -1, G_MAXINT, -1, rw);
  properties[PROP_INSTRUCTION] = g_param_spec_string ("instruction", NULL, NULL, NULL, rw);
  properties[PROP_INSTRUCTION_EDITED] =
    g_param_spec_boolean ("instruction-edited", NULL, NULL, FALSE, rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, rw);
  properties[PROP_IMAGE_SHA256] = g_param_spec_string ("image-sha256", NULL, NULL, NULL, rw);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, rw);
  properties[PROP_INCOMPLETE] = g_param_spec_boolean ("incomplete", NULL, NULL, FALSE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_step_init (WmStep *self)
{
  self->id = g_uuid_string_random ();
  self->x = -1;
  self->y = -1;
  self->annotations = g_ptr_array_new_with_free_func (g_object_unref);
}

WmStep *
wm_step_new (WmStepKind kind)
{
  return g_object_new (WM_TYPE_STEP, "kind", kind, NULL);
}

static void
copy_fields (WmStep *dst,
             WmStep *src)
{
  dst->position = src->position;
  dst->kind = src->kind;
  dst->x = src->x;
  dst->y = src->y;
  dst->button = src->button;
  dst->modifiers = src->modifiers;
  dst->instruction = g_strdup (src->instruction);
  dst->instruction_edited = src->instruction_edited;
  dst->notes = g_strdup (src->notes);
  dst->target_name = g_strdup (src->target_name);
  dst->target_role = g_strdup (src->target_role);
  dst->app_name = g_strdup (src->app_name);
  dst->window_title = g_strdup (src->window_title);
  dst->target_kind = src->target_kind;
  dst->container = g_strdup (src->container);
  dst->container_kind = src->container_kind;
  dst->incomplete = src->incomplete;
  dst->text = g_strdup (src->text);
  dst->image_sha256 = g_strdup (src->image_sha256);
  dst->captured_at = src->captured_at;

  for (guint i = 0; i < src->annotations->len; i++)
    g_ptr_array_add (dst->annotations, wm_annotation_copy (g_ptr_array_index (src->annotations, i)));
}

WmStep *
wm_step_copy (WmStep *self)
{
  WmStep *copy;

  g_return_val_if_fail (WM_IS_STEP (self), NULL);

  copy = g_object_new (WM_TYPE_STEP, "id", self->id, NULL);
  copy_fields (copy, self);

  return copy;
}

WmStep *
wm_step_duplicate (WmStep *self)
{
  WmStep *copy;

  g_return_val_if_fail (WM_IS_STEP (self), NULL);

  copy = g_object_new (WM_TYPE_STEP, NULL);
  copy_fields (copy, self);

  return copy;
}

#define STRING_ACCESSORS(field)                                  \
  const char *                                                         \
  wm_step_get_##field (WmStep *self)                                   \
  {                                                                    \
    g_return_val_if_fail (WM_IS_STEP (self), NULL);                    \
    return self->field;                                                \
  }

STRING_ACCESSORS (id)
STRING_ACCESSORS (instruction)
STRING_ACCESSORS (notes)
STRING_ACCESSORS (target_name)
STRING_ACCESSORS (target_role)
STRING_ACCESSORS (app_name)
STRING_ACCESSORS (window_title)
STRING_ACCESSORS (container)
STRING_ACCESSORS (text)
STRING_ACCESSORS (image_sha256)

static void
set_string (WmStep      *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  if (wm_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
wm_step_set_id (WmStep     *self,
                const char *id)
{
  g_return_if_fail (WM_IS_STEP (self));
  g_return_if_fail (id != NULL);

  set_string (self, &self->id, id, PROP_ID);
}

void
wm_step_set_notes (WmStep     *self,
                   const char *notes)
{
  g_return_if_fail (WM_IS_STEP (self));
  set_string (self, &self->notes, wm_str_or_null (notes), PROP_NOTES);
}

void
wm_step_set_text (WmStep     *self,
                  const char *text)
{
  g_return_if_fail (WM_IS_STEP (self));
  set_string (self, &self->text, text, PROP_TEXT);
}

void
wm_step_set_image_sha256 (WmStep     *self,
                          const char *sha256)
{
  g_return_if_fail (WM_IS_STEP (self));
  set_string (self, &self->image_sha256, sha256, PROP_IMAGE_SHA256);
}

void
wm_step_set_instruction_edited (WmStep   *self,
                                gboolean  edited)
{
  g_return_if_fail (WM_IS_STEP (self));

  edited = !!edited;
  if (self->instruction_edited != edited)
    {
      self->instruction_edited = edited;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTRUCTION_EDITED]);
    }
}

/* What the author typed wins over anything generated afterwards. */
void
wm_step_set_instruction (WmStep     *self,
                         const char *text)
{
  g_return_if_fail (WM_IS_STEP (self));

  set_string (self, &self->instruction, text, PROP_INSTRUCTION);
  wm_step_set_instruction_edited (self, TRUE);
  wm_step_set_incomplete (self, FALSE);
}

void
wm_step_set_generated_instruction (WmStep     *self,
                                   const char *text)
{
  g_return_if_fail (WM_IS_STEP (self));

  if (!self->instruction_edited)
    set_string (self, &self->instruction, text, PROP_INSTRUCTION);
}

void
wm_step_set_target (WmStep     *self,
                    const char *name,
                    const char *role,
                    const char *app_name,
                    const char *window_title)
{
  g_return_if_fail (WM_IS_STEP (self));

  wm_set_str (&self->target_name, wm_str_or_null (name));
  wm_set_str (&self->target_role, wm_str_or_null (role));
  wm_set_str (&self->app_name, wm_str_or_null (app_name));
  wm_set_str (&self->window_title, wm_str_or_null (window_title));
}

WmTargetKind
wm_step_get_target_kind (WmStep *self)
{
  g_return_val_if_fail (WM_IS_STEP (self), WM_TARGET_NONE);
  return self->target_kind;
}

void
wm_step_set_target_kind (WmStep       *self,
                         WmTargetKind  kind)
{
  g_return_if_fail (WM_IS_STEP (self));
  g_return_if_fail ((guint) kind < WM_N_TARGET_KINDS);
  self->target_kind = kind;
}

WmTargetKind
wm_step_get_container_kind (WmStep *self)
{
  g_return_val_if_fail (WM_IS_STEP (self), WM_TARGET_NONE);
  return self->container_kind;
}

void
wm_step_set_container (WmStep       *self,
                       const char   *name,
                       WmTargetKind  kind)
{
  g_return_if_fail (WM_IS_STEP (self));
  g_return_if_fail ((guint) kind < WM_N_TARGET_KINDS);

  wm_set_str (&self->container, wm_str_or_null (name));
  self->container_kind = kind;
}

gboolean
wm_step_get_incomplete (WmStep *self)
{
  g_return_val_if_fail (WM_IS_STEP (self), FALSE);
  return self->incomplete;
}

void
wm_step_set_incomplete (WmStep   *self,
                        gboolean  incomplete)
{
  g_return_if_fail (WM_IS_STEP (self));

  incomplete = !!incomplete;
  if (self->incomplete != incomplete)
    {
      self->incomplete = incomplete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCOMPLETE]);
    }
}

gboolean
wm_step_get_target_span (WmStep *self,
                         gsize  *start,
                         gsize  *end)
{
  const char *from, *found;

  g_return_val_if_fail (WM_IS_STEP (self), FALSE);

  if (self->instruction == NULL || self->target_name == NULL)
    return FALSE;

  from = self->instruction;
  if (self->kind == WM_STEP_TYPE && self->text != NULL && (found = strstr (from, self->text)))
    from = found + strlen (self->text);

  found = strstr (from, self->target_name);
  if (found == NULL)
    found = strstr (self->instruction, self->target_name);
  if (found == NULL)
    return FALSE;

  *start = found - self->instruction;
  *end = *start + strlen (self->target_name);

  return TRUE;
}

char *
wm_step_get_instruction_markup (WmStep *self)
{
  g_autofree char *before = NULL, *target = NULL, *after = NULL;
  gsize start, end;

  g_return_val_if_fail (WM_IS_STEP (self), NULL);

  if (self->instruction == NULL)
    return NULL;
  if (!wm_step_get_target_span (self, &start, &end))
    return g_markup_escape_text (self->instruction, -1);

  before = g_markup_escape_text (self->instruction, start);
  target = g_markup_escape_text (self->instruction + start, end - start);
  after = g_markup_escape_text (self->instruction + end, -1);

  return g_strconcat (before, "<b>", target, "</b>", after, NULL);
}

guint
wm_step_get_position (WmStep *self)
{
  g_return_val_if_fail (WM_IS_STEP (self), 0);
  return self->position;
}

void
wm_step_set_position (WmStep *self,
                      guint   position)
{
  g_return_if_fail (WM_IS_STEP (self));

  if (self->position != position)
    {
      self->position = position;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
    }
}

WmStepKind
wm_step_get_kind (WmStep *self)
{
  g_return_val_if_fail (WM_IS_STEP (self), 0);
  return self->kind;
}

void
wm_step_set_kind (WmStep     *self,
                  WmStepKind  kind)
{
  g_return_if_fail (WM_IS_STEP (self));
  g_return_if_fail ((guint) kind < WM_N_STEP_KINDS);

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

int
wm_step_get_x (WmStep *self)
{
  g_return_val_if_fail (WM_IS_STEP (self), -1);
  return self->x;
}

int
wm_step_get_y (WmStep *self)
{
  g_return_val_if_fail (WM_IS_STEP (self), -1);
  return self->y;
}

void
wm_step_set_point (WmStep *self,
                   int     x,
                   int     y)
{
  g_return_if_fail (WM_IS_STEP (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->x != x)
    {
      self->x = x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
    }
  if (self->y != y)
    {
      self->y = y;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

guint
wm_step_get_button (WmStep *self)
{
  g_return_val_if_fail (WM_IS_STEP (self), 0);
  return self->button;
}

void
wm_step_set_button (WmStep *self,
                    guint   button)
{
  g_return_if_fail (WM_IS_STEP (self));
  self->button = button;
}

WmModifiers
wm_step_get_modifiers (WmStep *self)
{
  g_return_val_if_fail (WM_IS_STEP (self), 0);
  return self->modifiers;
}

void
wm_step_set_modifiers (WmStep      *self,
                       WmModifiers  modifiers)
{
  g_return_if_fail (WM_IS_STEP (self));
  self->modifiers = modifiers;
}

gboolean
wm_step_get_instruction_edited (WmStep *self)
{
  g_return_val_if_fail (WM_IS_STEP (self), FALSE);
  return self->instruction_edited;
}

gint64
wm_step_get_captured_at (WmStep *self)
{
  g_return_val_if_fail (WM_IS_STEP (self), 0);
  return self->captured_at;
}

void
wm_step_set_captured_at (WmStep *self,
                         gint64  usec)
{
  g_return_if_fail (WM_IS_STEP (self));
  self->captured_at = usec;
}

GPtrArray *
wm_step_get_annotations (WmStep *self)
{
  g_return_val_if_fail (WM_IS_STEP (self), NULL);
  return self->annotations;
}

void
wm_step_add_annotation (WmStep       *self,
                        WmAnnotation *annotation)
{
  g_return_if_fail (WM_IS_STEP (self));
  g_return_if_fail (WM_IS_ANNOTATION (annotation));

  g_ptr_array_add (self->annotations, g_object_ref (annotation));
}

void
wm_step_remove_annotation (WmStep       *self,
                           WmAnnotation *annotation)
{
  g_return_if_fail (WM_IS_STEP (self));

  g_ptr_array_remove (self->annotations, annotation);
}

void
wm_step_clear_annotations (WmStep *self)
{
  g_return_if_fail (WM_IS_STEP (self));

  g_ptr_array_set_size (self->annotations, 0);
}

static gboolean
annotations_equal (GPtrArray *a,
                   GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!wm_annotation_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

gboolean
wm_step_content_equal (WmStep *a,
                       WmStep *b)
{
  g_return_val_if_fail (WM_IS_STEP (a), FALSE);
  g_return_val_if_fail (WM_IS_STEP (b), FALSE);

  return a->kind == b->kind && a->x == b->x && a->y == b->y &&
         g_strcmp0 (a->instruction, b->instruction) == 0 &&
         g_strcmp0 (a->notes, b->notes) == 0 &&
         g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (a->image_sha256, b->image_sha256) == 0 &&
         annotations_equal (a->annotations, b->annotations);
}
