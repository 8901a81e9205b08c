/* wm-tutorial.h — a tutorial: its tags, its review status and its steps
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wm-enums.h"
#include "wm-step.h"

G_BEGIN_DECLS

#define WM_TYPE_TUTORIAL (wm_tutorial_get_type ())

G_DECLARE_FINAL_TYPE (WmTutorial, wm_tutorial, WM, TUTORIAL, GObject)

/* Roles every new library offers. */
#define WM_ROLE_ADMIN "admin"
#define WM_ROLE_EVERYDAY_USER "everyday user"

WmTutorial   *wm_tutorial_new               (const char   *title);
/* A deep copy: same id, copied steps (same step ids). */
WmTutorial   *wm_tutorial_copy              (WmTutorial   *self);

const char   *wm_tutorial_get_id            (WmTutorial   *self);
void          wm_tutorial_set_id            (WmTutorial   *self,
                                             const char   *id);
/* NULL until the first publish fixes it; never changes after that. */
const char   *wm_tutorial_get_slug          (WmTutorial   *self);
void          wm_tutorial_set_slug          (WmTutorial   *self,
                                             const char   *slug);
/* "how-to-export-a-report" from a title; ASCII letters, digits and dashes only. */
char         *wm_tutorial_make_slug         (const char   *title);

const char   *wm_tutorial_get_title         (WmTutorial   *self);
void          wm_tutorial_set_title         (WmTutorial   *self,
                                             const char   *title);
const char   *wm_tutorial_get_summary       (WmTutorial   *self);
void          wm_tutorial_set_summary       (WmTutorial   *self,
                                             const char   *summary);
WmStage       wm_tutorial_get_stage         (WmTutorial   *self);
void          wm_tutorial_set_stage         (WmTutorial   *self,
                                             WmStage       stage);
/* Sorted, without duplicates, each trimmed. */
const char * const *wm_tutorial_get_roles   (WmTutorial   *self);
void          wm_tutorial_set_roles         (WmTutorial   *self,
                                             const char * const *roles);
gboolean      wm_tutorial_has_role          (WmTutorial   *self,
                                             const char   *role);
WmStatus      wm_tutorial_get_status        (WmTutorial   *self);
void          wm_tutorial_set_status        (WmTutorial   *self,
                                             WmStatus      status);
guint         wm_tutorial_get_version       (WmTutorial   *self);
void          wm_tutorial_set_version       (WmTutorial   *self,
                                             guint         version);
/* The newest approved version, 0 when none was ever approved. */
guint         wm_tutorial_get_approved_version (WmTutorial *self);
void          wm_tutorial_set_approved_version (WmTutorial *self,
                                             guint         version);
const char   *wm_tutorial_get_author        (WmTutorial   *self);
void          wm_tutorial_set_author        (WmTutorial   *self,
                                             const char   *author);
/* Who sent it in through a bundle, NULL for the library's own work. */
const char   *wm_tutorial_get_contributor   (WmTutorial   *self);
void          wm_tutorial_set_contributor   (WmTutorial   *self,
                                             const char   *contributor);
/* Microseconds since the epoch. */
gint64        wm_tutorial_get_created_at    (WmTutorial   *self);
void          wm_tutorial_set_created_at    (WmTutorial   *self,
                                             gint64        usec);
gint64        wm_tutorial_get_updated_at    (WmTutorial   *self);
void          wm_tutorial_set_updated_at    (WmTutorial   *self,
                                             gint64        usec);

/* Filled by lists, which do not load steps: the count and the first screenshot. */
guint         wm_tutorial_get_n_steps       (WmTutorial   *self);
void          wm_tutorial_set_n_steps       (WmTutorial   *self,
                                             guint         n_steps);
const char   *wm_tutorial_get_thumbnail_sha256 (WmTutorial *self);
void          wm_tutorial_set_thumbnail_sha256 (WmTutorial *self,
                                             const char   *sha256);

/* The steps as a GListModel of WmStep, in order. Positions are renumbered by the
 * mutators below so that step i always has position i. */
GListModel   *wm_tutorial_get_steps         (WmTutorial   *self);
gboolean      wm_tutorial_get_steps_loaded  (WmTutorial   *self);
void          wm_tutorial_set_steps_loaded  (WmTutorial   *self,
                                             gboolean      loaded);
WmStep       *wm_tutorial_get_step          (WmTutorial   *self,
                                             guint         position);
void          wm_tutorial_append_step       (WmTutorial   *self,
                                             WmStep       *step);
void          wm_tutorial_insert_step       (WmTutorial   *self,
                                             guint         position,
                                             WmStep       *step);
void          wm_tutorial_remove_step       (WmTutorial   *self,
                                             guint         position);
void          wm_tutorial_move_step         (WmTutorial   *self,
                                             guint         from,
                                             guint         to);
void          wm_tutorial_clear_steps       (WmTutorial   *self);

G_END_DECLS

G_BEGIN_DECLS

/* A self-contained, immutable snapshot of the tutorial with its steps (images by SHA-256),
 * used for revisions and bundles. Variant type: WM_TUTORIAL_VARIANT_TYPE; deserialize()
 * also reads WM_TUTORIAL_VARIANT_TYPE_4, what libraries of schema 4 and before stored
 * (steps without target kind, container and incomplete mark), for their upgrade. */
#define WM_TUTORIAL_VARIANT_TYPE \
  "(ssssusasuuusxxa(ssuiiuusbssssssxa(uiiiis)usub))"
#define WM_TUTORIAL_VARIANT_TYPE_4 \
  "(ssssusasuuusxxa(ssuiiuusbssssssxa(uiiiis)))"
GVariant     *wm_tutorial_serialize         (WmTutorial   *self);
/* One step's part of that snapshot (floating). */
GVariant     *wm_step_serialize             (WmStep       *step);
/* wm_tutorial_serialize() taking each step's part from @func (say, a cache of the parts of
 * unchanged steps), which returns a floating or a borrowed GVariant. */
typedef GVariant *(*WmStepVariantFunc) (WmStep   *step,
                                        gpointer  user_data);
GVariant     *wm_tutorial_serialize_with    (WmTutorial        *self,
                                             WmStepVariantFunc  func,
                                             gpointer           user_data);
WmTutorial   *wm_tutorial_deserialize       (GVariant     *variant,
                                             GError      **error);

G_END_DECLS
