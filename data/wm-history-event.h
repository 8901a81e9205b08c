/* wm-history-event.h — one recorded review transition: who moved a tutorial from which
 * status to which, when and why, with any comments pinned to single steps
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "wm-enums.h"

G_BEGIN_DECLS

/* A reviewer's comment on one step. @step_id is the step's stable id; @position is where
 * the step was (0-based) in the version the reviewer saw. */
typedef struct {
  char  *step_id;
  guint  position;
  char  *comment;
} WmStepComment;

#define WM_TYPE_STEP_COMMENT (wm_step_comment_get_type ())

GType          wm_step_comment_get_type (void) G_GNUC_CONST;
WmStepComment *wm_step_comment_new      (const char          *step_id,
                                         guint                position,
                                         const char          *comment);
WmStepComment *wm_step_comment_copy     (const WmStepComment *self);
void           wm_step_comment_free     (WmStepComment       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmStepComment, wm_step_comment_free)

#define WM_TYPE_HISTORY_EVENT (wm_history_event_get_type ())

G_DECLARE_FINAL_TYPE (WmHistoryEvent, wm_history_event, WM, HISTORY_EVENT, GObject)

/* No from-status: the tutorial arrived (created or imported). */
#define WM_HISTORY_NO_STATUS (-1)

WmHistoryEvent *wm_history_event_new             (const char     *tutorial_id,
                                                  guint           version,
                                                  int             from_status,
                                                  WmStatus        to_status,
                                                  const char     *who,
                                                  const char     *email,
                                                  const char     *message,
                                                  gint64          at);
const char     *wm_history_event_get_tutorial_id (WmHistoryEvent *self);
guint           wm_history_event_get_version     (WmHistoryEvent *self);
/* A WmStatus, or WM_HISTORY_NO_STATUS. */
int             wm_history_event_get_from_status (WmHistoryEvent *self);
WmStatus        wm_history_event_get_to_status   (WmHistoryEvent *self);
const char     *wm_history_event_get_who         (WmHistoryEvent *self);
const char     *wm_history_event_get_email       (WmHistoryEvent *self);
const char     *wm_history_event_get_message     (WmHistoryEvent *self);
/* Microseconds since the epoch. */
gint64          wm_history_event_get_at          (WmHistoryEvent *self);
/* "Ada Lovelace <ada@example.org>", or the name alone, or NULL. */
char           *wm_history_event_dup_identity    (WmHistoryEvent *self);
/* Comments pinned to steps, as WmStepComment, ordered by position. Owned by the event. */
GPtrArray      *wm_history_event_get_step_comments (WmHistoryEvent *self);
void            wm_history_event_add_step_comment  (WmHistoryEvent *self,
                                                    const char     *step_id,
                                                    guint           position,
                                                    const char     *comment);
/* The verb a person reads in a history: "submitted", "approved", "requested changes"… */
const char     *wm_history_event_get_action      (WmHistoryEvent *self);

G_END_DECLS
