/* wm-revision.c — what is known about one immutable snapshot of a tutorial
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-revision"

#include "config.h"

#include "wm-revision.h"

struct _WmRevision
{
  GObject   parent_instance;
  char     *tutorial_id;
  char     *author;
  char     *message;
  gint64    created_at;
  guint     version;
  WmStatus  status;
};

G_DEFINE_FINAL_TYPE (WmRevision, wm_revision, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TUTORIAL_ID,
  PROP_VERSION,
  PROP_STATUS,
  PROP_AUTHOR,
  PROP_MESSAGE,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_revision_finalize (GObject *object)
{
  WmRevision *self = (WmRevision *) object;

  g_clear_pointer (&self->tutorial_id, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (wm_revision_parent_class)->finalize (object);
}

static void
wm_revision_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WmRevision *self = WM_REVISION (object);

  switch (prop_id)
    {
    case PROP_TUTORIAL_ID: g_value_set_string (value, self->tutorial_id); break;
    case PROP_VERSION: g_value_set_uint (value, self->version); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_AUTHOR: g_value_set_string (value, self->author); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_CREATED_AT: g_value_set_int64 (value, self->created_at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_revision_class_init (WmRevisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wm_revision_finalize;
  object_class->get_property = wm_revision_get_property;

  properties[PROP_TUTORIAL_ID] = g_param_spec_string ("tutorial-id", NULL, NULL, NULL, ro);
  properties[PROP_VERSION] = g_param_spec_uint ("version", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, WM_TYPE_STATUS, WM_STATUS_DRAFT, ro);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_revision_init (WmRevision *self)
{
}

WmRevision *
wm_revision_new (const char *tutorial_id,
                 guint       version,
                 WmStatus    status,
                 const char *author,
                 const char *message,
                 gint64      created_at)
{
  WmRevision *self = g_object_new (WM_TYPE_REVISION, NULL);

  self->tutorial_id = g_strdup (tutorial_id);
  self->version = version;
  self->status = status;
  self->author = g_strdup (author);
  self->message = g_strdup (message);
  self->created_at = created_at;

  return self;
}

const char *
wm_revision_get_tutorial_id (WmRevision *self)
{
  g_return_val_if_fail (WM_IS_REVISION (self), NULL);
  return self->tutorial_id;
}

guint
wm_revision_get_version (WmRevision *self)
{
  g_return_val_if_fail (WM_IS_REVISION (self), 0);
  return self->version;
}

WmStatus
wm_revision_get_status (WmRevision *self)
{
  g_return_val_if_fail (WM_IS_REVISION (self), 0);
  return self->status;
}

void
wm_revision_set_status (WmRevision *self,
                        WmStatus    status)
{
  g_return_if_fail (WM_IS_REVISION (self));

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

const char *
wm_revision_get_author (WmRevision *self)
{
  g_return_val_if_fail (WM_IS_REVISION (self), NULL);
  return self->author;
}

const char *
wm_revision_get_message (WmRevision *self)
{
  g_return_val_if_fail (WM_IS_REVISION (self), NULL);
  return self->message;
}

gint64
wm_revision_get_created_at (WmRevision *self)
{
  g_return_val_if_fail (WM_IS_REVISION (self), 0);
  return self->created_at;
}
