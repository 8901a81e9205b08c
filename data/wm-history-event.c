/* wm-history-event.c — one recorded review transition
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-review"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-history-event.h"

/* WmStepComment --------------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (WmStepComment, wm_step_comment, wm_step_comment_copy,
                     wm_step_comment_free)

WmStepComment *
wm_step_comment_new (const char *step_id,
                     guint       position,
                     const char *comment)
{
  WmStepComment *self = g_new0 (WmStepComment, 1);

  self->step_id = g_strdup (step_id);
  self->position = position;
  self->comment = g_strdup (comment);

  return self;
}

WmStepComment *
wm_step_comment_copy (const WmStepComment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return wm_step_comment_new (self->step_id, self->position, self->comment);
}

void
wm_step_comment_free (WmStepComment *self)
{
  if (self == NULL)
    return;

  g_free (self->step_id);
  g_free (self->comment);
  g_free (self);
}

/* WmHistoryEvent -------------------------------------------------------------------- */

struct _WmHistoryEvent
{
  GObject    parent_instance;
  char      *tutorial_id;
  guint      version;
  int        from_status;
  WmStatus   to_status;
  char      *who;
  char      *email;
  char      *message;
  gint64     at;
  GPtrArray *step_comments;
};

G_DEFINE_FINAL_TYPE (WmHistoryEvent, wm_history_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TUTORIAL_ID,
  PROP_VERSION,
  PROP_FROM_STATUS,
  PROP_TO_STATUS,
  PROP_WHO,
  PROP_EMAIL,
  PROP_MESSAGE,
  PROP_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_history_event_finalize (GObject *object)
{
  WmHistoryEvent *self = (WmHistoryEvent *) object;

  g_clear_pointer (&self->tutorial_id, g_free);
  g_clear_pointer (&self->who, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->step_comments, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_history_event_parent_class)->finalize (object);
}

static void
wm_history_event_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WmHistoryEvent *self = WM_HISTORY_EVENT (object);

  switch (prop_id)
    {
    case PROP_TUTORIAL_ID: g_value_set_string (value, self->tutorial_id); break;
    case PROP_VERSION: g_value_set_uint (value, self->version); break;
    case PROP_FROM_STATUS: g_value_set_int (value, self->from_status); break;
    case PROP_TO_STATUS: g_value_set_enum (value, self->to_status); break;
    case PROP_WHO: g_value_set_string (value, self->who); break;
    case PROP_EMAIL: g_value_set_string (value, self->email); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_AT: g_value_set_int64 (value, self->at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_history_event_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WmHistoryEvent *self = WM_HISTORY_EVENT (object);

  switch (prop_id)
    {
    case PROP_TUTORIAL_ID: self->tutorial_id = g_value_dup_string (value); break;
    case PROP_VERSION: self->version = g_value_get_uint (value); break;
    case PROP_FROM_STATUS: self->from_status = g_value_get_int (value); break;
    case PROP_TO_STATUS: self->to_status = g_value_get_enum (value); break;
    case PROP_WHO: self->who = g_value_dup_string (value); break;
    case PROP_EMAIL: self->email = g_value_dup_string (value); break;
    case PROP_MESSAGE: self->message = g_value_dup_string (value); break;
    case PROP_AT: self->at = g_value_get_int64 (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_history_event_class_init (WmHistoryEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wm_history_event_finalize;
  object_class->get_property = wm_history_event_get_property;
  object_class->set_property = wm_history_event_set_property;

  properties[PROP_TUTORIAL_ID] = g_param_spec_string ("tutorial-id", NULL, NULL, NULL, flags);
  properties[PROP_VERSION] = g_param_spec_uint ("version", NULL, NULL, 0, G_MAXUINT, 1, flags);
  properties[PROP_FROM_STATUS] =
    g_param_spec_int ("from-status", NULL, NULL, WM_HISTORY_NO_STATUS, WM_N_STATUSES - 1,
                      WM_HISTORY_NO_STATUS, flags);
  properties[PROP_TO_STATUS] =
    g_param_spec_enum ("to-status", NULL, NULL, WM_TYPE_STATUS, WM_STATUS_DRAFT, flags);
  properties[PROP_WHO] = g_param_spec_string ("who", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_AT] = g_param_spec_int64 ("at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_history_event_init (WmHistoryEvent *self)
{
  self->from_status = WM_HISTORY_NO_STATUS;
  self->step_comments = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_step_comment_free);
}

WmHistoryEvent *
wm_history_event_new (const char *tutorial_id,
                      guint       version,
                      int         from_status,
                      WmStatus    to_status,
                      const char *who,
                      const char *email,
                      const char *message,
                      gint64      at)
{
  return g_object_new (WM_TYPE_HISTORY_EVENT,
                       "tutorial-id", tutorial_id,
                       "version", version,
                       "from-status", from_status,
                       "to-status", to_status,
                       "who", who,
                       "email", email,
                       "message", message,
                       "at", at,
                       NULL);
}

const char *
wm_history_event_get_tutorial_id (WmHistoryEvent *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_EVENT (self), NULL);
  return self->tutorial_id;
}

guint
wm_history_event_get_version (WmHistoryEvent *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_EVENT (self), 0);
  return self->version;
}

int
wm_history_event_get_from_status (WmHistoryEvent *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_EVENT (self), WM_HISTORY_NO_STATUS);
  return self->from_status;
}

WmStatus
wm_history_event_get_to_status (WmHistoryEvent *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_EVENT (self), WM_STATUS_DRAFT);
  return self->to_status;
}

const char *
wm_history_event_get_who (WmHistoryEvent *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_EVENT (self), NULL);
  return self->who;
}

const char *
wm_history_event_get_email (WmHistoryEvent *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_EVENT (self), NULL);
  return self->email;
}

const char *
wm_history_event_get_message (WmHistoryEvent *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_EVENT (self), NULL);
  return self->message;
}

gint64
wm_history_event_get_at (WmHistoryEvent *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_EVENT (self), 0);
  return self->at;
}

char *
wm_history_event_dup_identity (WmHistoryEvent *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_EVENT (self), NULL);

  if (self->who && self->email)
    return g_strdup_printf ("%s <%s>", self->who, self->email);

  return g_strdup (self->who ? self->who : self->email);
}

GPtrArray *
wm_history_event_get_step_comments (WmHistoryEvent *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_EVENT (self), NULL);
  return self->step_comments;
}

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  const WmStepComment *ca = *(WmStepComment * const *) a;
  const WmStepComment *cb = *(WmStepComment * const *) b;

  return (ca->position > cb->position) - (ca->position < cb->position);
}

void
wm_history_event_add_step_comment (WmHistoryEvent *self,
                                   const char     *step_id,
                                   guint           position,
                                   const char     *comment)
{
  g_return_if_fail (WM_IS_HISTORY_EVENT (self));
  g_return_if_fail (step_id != NULL && comment != NULL);

  g_ptr_array_add (self->step_comments, wm_step_comment_new (step_id, position, comment));
  g_ptr_array_sort (self->step_comments, compare_position);
}

const char *
wm_history_event_get_action (WmHistoryEvent *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_EVENT (self), NULL);

  if (self->from_status == WM_HISTORY_NO_STATUS)
    return self->to_status == WM_STATUS_IN_REVIEW ? _("sent in") : _("created");

  switch (self->to_status)
    {
    case WM_STATUS_IN_REVIEW: return _("submitted");
    case WM_STATUS_APPROVED: return _("approved");
    case WM_STATUS_CHANGES_REQUESTED: return _("requested changes");
    case WM_STATUS_DRAFT:
      /* Only an edit takes an approved tutorial back to draft: as a new version. */
      return self->from_status == WM_STATUS_APPROVED ? _("started a new version")
                                                     : _("moved back to draft");
    default: return "";
    }
}
