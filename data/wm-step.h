/* wm-step.h — one step of a tutorial: what was done, where, and the screen at that moment
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "wm-annotation.h"
#include "wm-enums.h"

G_BEGIN_DECLS

#define WM_TYPE_STEP (wm_step_get_type ())

G_DECLARE_FINAL_TYPE (WmStep, wm_step, WM, STEP, GObject)

/* Modifier bits as stored (independent of X11/GDK values). */
typedef enum {
  WM_MODIFIER_SHIFT   = 1 << 0,
  WM_MODIFIER_CONTROL = 1 << 1,
  WM_MODIFIER_ALT     = 1 << 2,
  WM_MODIFIER_SUPER   = 1 << 3,
} WmModifiers;

/* A new step gets a fresh UUID; the id stays with the step through edits and versions,
 * which is what lets a diff tell a moved step from a removed one. */
WmStep       *wm_step_new                    (WmStepKind   kind);
WmStep       *wm_step_copy                   (WmStep      *self);   /* same id */
WmStep       *wm_step_duplicate              (WmStep      *self);   /* new id */

const char   *wm_step_get_id                 (WmStep      *self);
void          wm_step_set_id                 (WmStep      *self,
                                              const char  *id);
guint         wm_step_get_position           (WmStep      *self);
void          wm_step_set_position           (WmStep      *self,
                                              guint        position);
WmStepKind    wm_step_get_kind               (WmStep      *self);
void          wm_step_set_kind               (WmStep      *self,
                                              WmStepKind   kind);
/* Pointer position in image pixels; -1, -1 when unknown (manual captures, notes). */
int           wm_step_get_x                  (WmStep      *self);
int           wm_step_get_y                  (WmStep      *self);
void          wm_step_set_point              (WmStep      *self,
                                              int          x,
                                              int          y);
guint         wm_step_get_button             (WmStep      *self);
void          wm_step_set_button             (WmStep      *self,
                                              guint        button);
WmModifiers   wm_step_get_modifiers          (WmStep      *self);
void          wm_step_set_modifiers          (WmStep      *self,
                                              WmModifiers  modifiers);

/* The instruction shown to readers. set_instruction() marks it as the author's;
 * set_generated_instruction() only replaces text the author has not edited. */
const char   *wm_step_get_instruction        (WmStep      *self);
void          wm_step_set_instruction        (WmStep      *self,
                                              const char  *text);
void          wm_step_set_generated_instruction (WmStep   *self,
                                              const char  *text);
gboolean      wm_step_get_instruction_edited (WmStep      *self);
void          wm_step_set_instruction_edited (WmStep      *self,
                                              gboolean     edited);
const char   *wm_step_get_notes              (WmStep      *self);
void          wm_step_set_notes              (WmStep      *self,
                                              const char  *notes);

/* What was clicked, as the accessibility tree named it. */
const char   *wm_step_get_target_name        (WmStep      *self);
const char   *wm_step_get_target_role        (WmStep      *self);
const char   *wm_step_get_app_name           (WmStep      *self);
const char   *wm_step_get_window_title       (WmStep      *self);
void          wm_step_set_target             (WmStep      *self,
                                              const char  *name,
                                              const char  *role,
                                              const char  *app_name,
                                              const char  *window_title);
/* The kind of control the target is, and the menu or list it sits in ("Save As…" in
 * the main menu: container "main menu", kind WM_TARGET_MENU). */
WmTargetKind  wm_step_get_target_kind        (WmStep      *self);
void          wm_step_set_target_kind        (WmStep      *self,
                                              WmTargetKind kind);
const char   *wm_step_get_container          (WmStep      *self);
WmTargetKind  wm_step_get_container_kind     (WmStep      *self);
void          wm_step_set_container          (WmStep      *self,
                                              const char  *name,
                                              WmTargetKind kind);
/* TRUE when the recorder could not tell what was clicked or where the text went, so
 * the generated instruction ("Click in Text Editor", "Type the text") is only a start
 * the author has to complete. Editing the instruction clears it. */
gboolean      wm_step_get_incomplete         (WmStep      *self);
void          wm_step_set_incomplete         (WmStep      *self,
                                              gboolean     incomplete);

/* Where the target's name is in the instruction, as byte offsets, so every renderer can
 * show it in bold its own way; FALSE when the instruction does not name it. In a typing
 * step the typed text is skipped, so “Save” typed into the Save field bolds the field. */
gboolean      wm_step_get_target_span        (WmStep      *self,
                                              gsize       *start,
                                              gsize       *end);
/* The instruction as Pango markup, escaped, the target in <b>; NULL without one. */
char         *wm_step_get_instruction_markup (WmStep      *self);

/* Typed text for WM_STEP_TYPE, the key combination ("Ctrl+S") for WM_STEP_KEY. */
const char   *wm_step_get_text               (WmStep      *self);
void          wm_step_set_text               (WmStep      *self,
                                              const char  *text);

/* SHA-256 of the screenshot in the store's images, or NULL. */
const char   *wm_step_get_image_sha256       (WmStep      *self);
void          wm_step_set_image_sha256       (WmStep      *self,
                                              const char  *sha256);

/* Microseconds since the epoch (g_get_real_time()). */
gint64        wm_step_get_captured_at        (WmStep      *self);
void          wm_step_set_captured_at        (WmStep      *self,
                                              gint64       usec);

/* Annotations in drawing order. The array is owned by the step. */
GPtrArray    *wm_step_get_annotations        (WmStep      *self);
void          wm_step_add_annotation         (WmStep      *self,
                                              WmAnnotation *annotation);
void          wm_step_remove_annotation      (WmStep      *self,
                                              WmAnnotation *annotation);
void          wm_step_clear_annotations      (WmStep      *self);

/* TRUE when everything a reader sees (ignoring id and position) is the same. */
gboolean      wm_step_content_equal          (WmStep      *a,
                                              WmStep      *b);

G_END_DECLS
