/* wm-revision.h — what is known about one immutable snapshot of a tutorial
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "wm-enums.h"

G_BEGIN_DECLS

#define WM_TYPE_REVISION (wm_revision_get_type ())

G_DECLARE_FINAL_TYPE (WmRevision, wm_revision, WM, REVISION, GObject)

WmRevision *wm_revision_new             (const char *tutorial_id,
                                         guint       version,
                                         WmStatus    status,
                                         const char *author,
                                         const char *message,
                                         gint64      created_at);
const char *wm_revision_get_tutorial_id (WmRevision *self);
guint       wm_revision_get_version     (WmRevision *self);
/* The tutorial's status when the snapshot was taken (approved for published ones). */
WmStatus    wm_revision_get_status      (WmRevision *self);
void        wm_revision_set_status      (WmRevision *self,
                                         WmStatus    status);
const char *wm_revision_get_author      (WmRevision *self);
const char *wm_revision_get_message     (WmRevision *self);
gint64      wm_revision_get_created_at  (WmRevision *self);

G_END_DECLS
